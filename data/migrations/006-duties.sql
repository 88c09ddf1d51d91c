-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 6: duties after approval (到期事项, declared in the
-- templates). An office-wide duty (the provider's monthly report) belongs
-- to no application, so an event's app_id may now be NULL: the table is
-- rebuilt with the same columns and rows (yunshen runs this step with
-- foreign keys off and checks them before it commits), and the views and
-- triggers over it are made again exactly as they were.
DROP VIEW event_body;
DROP TRIGGER events_append_only_u;
DROP TRIGGER events_append_only_d;
CREATE TABLE events_v6 (
	id           INTEGER PRIMARY KEY,
	app_id       INTEGER REFERENCES applications(id),   -- NULL: an office duty's record
	at           TEXT NOT NULL,
	login        TEXT NOT NULL,
	kind         TEXT NOT NULL,   -- create, edit, submit, act, withdraw, lifecycle, deliver, duty
	step         TEXT,
	action       TEXT,
	label        TEXT,
	opinion      TEXT,
	field        TEXT,
	old          TEXT,
	new          TEXT,
	status_from  TEXT,
	status_to    TEXT,
	deadline     TEXT,
	round        INTEGER NOT NULL DEFAULT 0,
	state        TEXT
);
INSERT INTO events_v6 SELECT id, app_id, at, login, kind, step, action, label, opinion, field, old, new,
	status_from, status_to, deadline, round, state FROM events;
DROP TABLE events;
ALTER TABLE events_v6 RENAME TO events;
CREATE INDEX events_app ON events (app_id, id);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_office ON events (field, step) WHERE app_id IS NULL;
CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_d BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE VIEW event_body AS SELECT id, ys_sm3(id, app_id, at, login, kind, step, action, label, opinion,
	field, old, new, status_from, status_to, deadline, round, state) AS body FROM events;

-- Each application's duties as its template and history make them: a
-- derived index (duties.c rebuilds an application's rows after each of
-- its events, and all of them when the templates or the calendar change),
-- so the queue can count and sort them. The record that closes a duty is
-- its "duty" event; this table only points at it.
CREATE TABLE duties (
	app_id     INTEGER NOT NULL REFERENCES applications(id),
	duty       TEXT NOT NULL,           -- the template's duty id
	seq        INTEGER NOT NULL,        -- occurrence (repeating duties), from 1
	template   TEXT NOT NULL,
	county     TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL,
	base       TEXT NOT NULL,           -- the day that started it
	due        TEXT NOT NULL,
	event_id   INTEGER REFERENCES events(id),   -- the closing record, NULL while open
	PRIMARY KEY (app_id, duty, seq)
);
CREATE INDEX duties_open ON duties (due) WHERE event_id IS NULL;
CREATE TABLE meta (
	key    TEXT PRIMARY KEY,
	value  TEXT NOT NULL
);
-- Follow-ups by their original (the ledger's changes, the open follow-up):
-- only follow-ups have a parent, so the index holds only them and the
-- planner's statistics do not take every NULL for one busy value.
DROP INDEX app_parent;
CREATE INDEX app_parent ON applications (parent_id) WHERE parent_id IS NOT NULL;
