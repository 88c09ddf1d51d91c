-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 13: the applications counted by what the queue's views
-- filter on (status, kind, template, county, role), kept by triggers, so
-- a view's total (全部, 草稿, 我的待办, a state, a template, a scope) is a
-- sum over a few hundred rows instead of a count of a million. Blank
-- stands for NULL. verify checks the counts against the applications.
CREATE TABLE app_counts (
	status   TEXT NOT NULL,
	kind     TEXT NOT NULL,
	template TEXT NOT NULL,
	county   TEXT NOT NULL,
	role     TEXT NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (status, kind, template, county, role)
) WITHOUT ROWID;
CREATE TRIGGER counts_ins AFTER INSERT ON applications
BEGIN
	INSERT INTO app_counts VALUES (coalesce(new.status, ''), coalesce(new.kind, ''), coalesce(new.template, ''),
		coalesce(new.county, ''), coalesce(new.role, ''), 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER counts_del AFTER DELETE ON applications
BEGIN
	UPDATE app_counts SET n = n - 1 WHERE status = coalesce(old.status, '') AND kind = coalesce(old.kind, '')
		AND template = coalesce(old.template, '') AND county = coalesce(old.county, '') AND role = coalesce(old.role, '');
END;
CREATE TRIGGER counts_upd AFTER UPDATE OF status, kind, template, county, role ON applications
WHEN old.status IS NOT new.status OR old.kind IS NOT new.kind OR old.template IS NOT new.template
	OR old.county IS NOT new.county OR old.role IS NOT new.role
BEGIN
	UPDATE app_counts SET n = n - 1 WHERE status = coalesce(old.status, '') AND kind = coalesce(old.kind, '')
		AND template = coalesce(old.template, '') AND county = coalesce(old.county, '') AND role = coalesce(old.role, '');
	INSERT INTO app_counts VALUES (coalesce(new.status, ''), coalesce(new.kind, ''), coalesce(new.template, ''),
		coalesce(new.county, ''), coalesce(new.role, ''), 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
INSERT INTO app_counts SELECT coalesce(status, ''), coalesce(kind, ''), coalesce(template, ''), coalesce(county, ''),
	coalesce(role, ''), count(*) FROM applications GROUP BY 1, 2, 3, 4, 5;
-- 我的待办 of a role limited to one county (县级初审 of shaoguan/乳源): its
-- pages by deadline straight from an index, instead of reading every
-- pending application of that role to find the county's.
CREATE INDEX app_role_scope ON applications (role, template, county, deadline IS NULL, deadline, id DESC)
	WHERE status = 'pending';
