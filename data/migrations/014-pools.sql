-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 14: the resources each pool holds, kept as sums by
-- template, zone, kind, status and step, so that approving an application
-- reads a few rows instead of every application of its template (at a
-- province's million, seconds inside the write lock). Zone '' is the whole
-- application, from its totals columns; a template with zones (韶关's
-- 政务外网区, 互联网区) has each application's share of each zone in
-- app_zones, written by the program as the form is saved (the zone is a
-- column of its tables), with the application's kind, status and step
-- copied so that its triggers need no other table. verify checks both.
CREATE TABLE pool_sums (
	template   TEXT NOT NULL,
	zone       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	status     TEXT NOT NULL,
	step       TEXT NOT NULL,
	vcpu       INTEGER NOT NULL,
	mem_gb     INTEGER NOT NULL,
	storage_gb INTEGER NOT NULL,
	PRIMARY KEY (template, zone, kind, status, step)
) WITHOUT ROWID;
CREATE TABLE app_zones (
	app_id     INTEGER NOT NULL,
	zone       TEXT NOT NULL,
	template   TEXT NOT NULL,
	kind       TEXT NOT NULL,
	status     TEXT NOT NULL,
	step       TEXT NOT NULL,
	vcpu       INTEGER NOT NULL,
	mem_gb     INTEGER NOT NULL,
	storage_gb INTEGER NOT NULL,
	PRIMARY KEY (app_id, zone)
) WITHOUT ROWID;
-- Every change to the sums is a signed delta written to pool_moves, so the
-- adding lives in one place: taking a row out adds its negative.
CREATE VIEW pool_moves AS SELECT * FROM pool_sums WHERE 0;
CREATE TRIGGER pool_moves_ins INSTEAD OF INSERT ON pool_moves
BEGIN
	INSERT INTO pool_sums VALUES (new.template, new.zone, new.kind, new.status, new.step,
		new.vcpu, new.mem_gb, new.storage_gb)
	ON CONFLICT DO UPDATE SET vcpu = vcpu + excluded.vcpu, mem_gb = mem_gb + excluded.mem_gb,
		storage_gb = storage_gb + excluded.storage_gb;
END;
CREATE TRIGGER pools_ins AFTER INSERT ON applications
BEGIN
	INSERT INTO pool_moves VALUES (new.template, '', new.kind, new.status, coalesce(new.step, ''),
		new.vcpu, new.mem_gb, new.storage_gb);
END;
CREATE TRIGGER pools_del AFTER DELETE ON applications
BEGIN
	INSERT INTO pool_moves VALUES (old.template, '', old.kind, old.status, coalesce(old.step, ''),
		-old.vcpu, -old.mem_gb, -old.storage_gb);
	DELETE FROM app_zones WHERE app_id = old.id;
END;
CREATE TRIGGER pools_upd AFTER UPDATE OF template, kind, status, step, vcpu, mem_gb, storage_gb ON applications
WHEN old.template IS NOT new.template OR old.kind IS NOT new.kind OR old.status IS NOT new.status
	OR old.step IS NOT new.step OR old.vcpu IS NOT new.vcpu OR old.mem_gb IS NOT new.mem_gb
	OR old.storage_gb IS NOT new.storage_gb
BEGIN
	INSERT INTO pool_moves VALUES (old.template, '', old.kind, old.status, coalesce(old.step, ''),
		-old.vcpu, -old.mem_gb, -old.storage_gb);
	INSERT INTO pool_moves VALUES (new.template, '', new.kind, new.status, coalesce(new.step, ''),
		new.vcpu, new.mem_gb, new.storage_gb);
	UPDATE app_zones SET template = new.template, kind = new.kind, status = new.status, step = coalesce(new.step, '')
	WHERE app_id = new.id;
END;
CREATE TRIGGER zones_ins AFTER INSERT ON app_zones
BEGIN
	INSERT INTO pool_moves VALUES (new.template, new.zone, new.kind, new.status, new.step,
		new.vcpu, new.mem_gb, new.storage_gb);
END;
CREATE TRIGGER zones_del AFTER DELETE ON app_zones
BEGIN
	INSERT INTO pool_moves VALUES (old.template, old.zone, old.kind, old.status, old.step,
		-old.vcpu, -old.mem_gb, -old.storage_gb);
END;
CREATE TRIGGER zones_upd AFTER UPDATE ON app_zones
BEGIN
	INSERT INTO pool_moves VALUES (old.template, old.zone, old.kind, old.status, old.step,
		-old.vcpu, -old.mem_gb, -old.storage_gb);
	INSERT INTO pool_moves VALUES (new.template, new.zone, new.kind, new.status, new.step,
		new.vcpu, new.mem_gb, new.storage_gb);
END;
INSERT INTO pool_sums SELECT template, '', kind, status, coalesce(step, ''), sum(vcpu), sum(mem_gb), sum(storage_gb)
	FROM applications GROUP BY 1, 2, 3, 4, 5;
