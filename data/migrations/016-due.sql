-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 16: the waiting applications counted by the month of
-- their deadline (and what the queue's views filter on), kept by
-- triggers, so the queue title's overdue count is the kept months before
-- this one plus this month's days read from the deadline index, instead
-- of every overdue application read (58,000 at a million, and more each
-- year an application is left waiting). status is always 'pending': it is
-- there so that the views' own WHERE clause reads this table as it reads
-- app_counts. verify checks the counts against the applications.
CREATE TABLE app_due (
	status   TEXT NOT NULL,
	kind     TEXT NOT NULL,
	template TEXT NOT NULL,
	county   TEXT NOT NULL,
	role     TEXT NOT NULL,
	month    TEXT NOT NULL,        -- YYYY-MM of the deadline
	n        INTEGER NOT NULL,
	PRIMARY KEY (role, month, kind, template, county, status)
) WITHOUT ROWID;
CREATE TRIGGER due_ins AFTER INSERT ON applications
WHEN new.status = 'pending' AND new.deadline IS NOT NULL
BEGIN
	INSERT INTO app_due VALUES ('pending', coalesce(new.kind, ''), coalesce(new.template, ''),
		coalesce(new.county, ''), coalesce(new.role, ''), substr(new.deadline, 1, 7), 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER due_del AFTER DELETE ON applications
WHEN old.status = 'pending' AND old.deadline IS NOT NULL
BEGIN
	UPDATE app_due SET n = n - 1 WHERE role = coalesce(old.role, '') AND month = substr(old.deadline, 1, 7)
		AND kind = coalesce(old.kind, '') AND template = coalesce(old.template, '')
		AND county = coalesce(old.county, '') AND status = 'pending';
END;
CREATE TRIGGER due_upd AFTER UPDATE OF status, kind, template, county, role, deadline ON applications
WHEN ((old.status = 'pending' AND old.deadline IS NOT NULL) OR (new.status = 'pending' AND new.deadline IS NOT NULL))
	AND (old.status IS NOT new.status OR old.kind IS NOT new.kind OR old.template IS NOT new.template
	     OR old.county IS NOT new.county OR old.role IS NOT new.role
	     OR substr(old.deadline, 1, 7) IS NOT substr(new.deadline, 1, 7))
BEGIN
	UPDATE app_due SET n = n - 1 WHERE old.status = 'pending' AND old.deadline IS NOT NULL
		AND role = coalesce(old.role, '') AND month = substr(old.deadline, 1, 7)
		AND kind = coalesce(old.kind, '') AND template = coalesce(old.template, '')
		AND county = coalesce(old.county, '') AND status = 'pending';
	INSERT INTO app_due SELECT 'pending', coalesce(new.kind, ''), coalesce(new.template, ''),
		coalesce(new.county, ''), coalesce(new.role, ''), substr(new.deadline, 1, 7), 1
		WHERE new.status = 'pending' AND new.deadline IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
INSERT INTO app_due SELECT 'pending', coalesce(kind, ''), coalesce(template, ''), coalesce(county, ''),
	coalesce(role, ''), substr(deadline, 1, 7), count(*) FROM applications
	WHERE status = 'pending' AND deadline IS NOT NULL GROUP BY 2, 3, 4, 5, 6;
