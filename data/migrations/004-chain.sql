-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 4: the history is tamper-evident. Each event records the
-- SM3 of its application's row as the event left it (state), and each
-- event's SM3 is chained over the previous event's (event_hashes), so an
-- edit, deletion, insertion or reordering of history, or a change of an
-- application without its event, is found by `yunshen verify`. ys_sm3()
-- is yunshen's own function (length-prefixed arguments, SM3, hex): these
-- views are read by yunshen, not by the sqlite3 shell.
ALTER TABLE events ADD COLUMN state TEXT;
CREATE TABLE event_hashes (
	event_id  INTEGER PRIMARY KEY REFERENCES events(id),
	hash      TEXT NOT NULL
);
CREATE VIEW app_state AS SELECT id, ys_sm3(id, template, kind, parent_id, docno, doc_year, doc_seq,
	unit, county, supervisor, system, status, step, role, step_since, deadline, round, hosts, vcpu,
	mem_gb, storage_gb, bandwidth, data, created_at, created_by, submitted_at, updated_at, done_at,
	version) AS state FROM applications;
CREATE VIEW event_body AS SELECT id, ys_sm3(id, app_id, at, login, kind, step, action, label, opinion,
	field, old, new, status_from, status_to, deadline, round, state) AS body FROM events;
-- History written before version 4: each application's latest event takes
-- its row as it is now, and the chain is laid over all of it in order.
DROP TRIGGER events_append_only_u;
UPDATE events SET state = (SELECT s.state FROM app_state s WHERE s.id = events.app_id)
	WHERE id IN (SELECT max(id) FROM events GROUP BY app_id);
CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
INSERT INTO event_hashes(event_id, hash)
	WITH RECURSIVE c(id, h) AS (
		SELECT 0, ''
		UNION ALL
		SELECT b.id, ys_sm3(c.h, b.body) FROM c JOIN event_body b
			ON b.id = (SELECT min(id) FROM events WHERE id > c.id)
	)
	SELECT id, h FROM c WHERE id > 0;
CREATE TRIGGER event_hashes_u BEFORE UPDATE ON event_hashes
BEGIN SELECT RAISE(ABORT, 'event hashes are append-only'); END;
CREATE TRIGGER event_hashes_d BEFORE DELETE ON event_hashes
BEGIN SELECT RAISE(ABORT, 'event hashes are append-only'); END;
