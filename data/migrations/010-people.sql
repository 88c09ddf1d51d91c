-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 10: the people behind the logins and their desks. A display name per
-- login (`user add --name`; without one the passwd entry's GECOS is used),
-- delegations (委托) of one role for a range of days, each login's saved
-- opinion phrases (常用意见), and on each event the names as they stood
-- when it was recorded: the signer's, and for a delegate's signature the
-- login and name of the one it was made for. An event's link covers them;
-- an event without them keeps the body, and so the link, it always had.
CREATE TABLE names (
	login   TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	set_at  TEXT NOT NULL,
	set_by  TEXT NOT NULL
);
CREATE TABLE delegations (
	id          INTEGER PRIMARY KEY,
	from_login  TEXT NOT NULL,
	to_login    TEXT NOT NULL,
	role        TEXT NOT NULL,
	first_day   TEXT NOT NULL,
	last_day    TEXT NOT NULL,
	reason      TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	ended_at    TEXT,
	ended_by    TEXT
);
CREATE INDEX delegations_to ON delegations (to_login, last_day);
CREATE TABLE phrases (
	login   TEXT NOT NULL,
	text    TEXT NOT NULL,
	at      TEXT NOT NULL,
	PRIMARY KEY (login, text)
);
-- 撤回 (recall.c): a recall event names the signature it takes back in
-- old; the rules read the history without both.
CREATE INDEX events_recall ON events (app_id) WHERE kind = 'recall';
-- Each login's named filters of the list (views.h): a base list and what
-- narrows it, as the queue's / s t u set them.
CREATE TABLE saved_views (
	login     TEXT NOT NULL,
	name      TEXT NOT NULL,
	base      INTEGER NOT NULL,        -- VIEW_MINE ... (views.h)
	status    TEXT NOT NULL DEFAULT '',
	template  TEXT NOT NULL DEFAULT '',
	unit      TEXT NOT NULL DEFAULT '',
	search    TEXT NOT NULL DEFAULT '',
	at        TEXT NOT NULL,
	PRIMARY KEY (login, name)
);
DROP VIEW event_body;
ALTER TABLE events ADD COLUMN name TEXT;
ALTER TABLE events ADD COLUMN for_login TEXT;
ALTER TABLE events ADD COLUMN for_name TEXT;
CREATE VIEW event_body AS SELECT id, CASE WHEN name IS NULL AND for_login IS NULL AND for_name IS NULL
	THEN ys_sm3(id, app_id, at, login, kind, step, action, label, opinion, field, old, new, status_from,
		status_to, deadline, round, state)
	ELSE ys_sm3(id, app_id, at, login, kind, step, action, label, opinion, field, old, new, status_from,
		status_to, deadline, round, state, name, for_login, for_name) END AS body FROM events;
