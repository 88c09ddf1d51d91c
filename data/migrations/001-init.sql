-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 1. Nothing is deleted in place: applications and events
-- are kept forever (withdrawn and terminated ones stay readable).
CREATE TABLE users (
	login      TEXT NOT NULL,
	role       TEXT NOT NULL,
	scope      TEXT NOT NULL DEFAULT '',   -- '' all, 'tpl' or 'tpl/county'
	added_at   TEXT NOT NULL,
	added_by   TEXT NOT NULL,
	PRIMARY KEY (login, role, scope)
);

CREATE TABLE applications (
	id            INTEGER PRIMARY KEY,
	template      TEXT NOT NULL,
	kind          TEXT NOT NULL DEFAULT 'apply',
	parent_id     INTEGER REFERENCES applications(id),
	docno         TEXT,
	doc_year      INTEGER,
	doc_seq       INTEGER,
	unit          TEXT NOT NULL DEFAULT '',
	county        TEXT NOT NULL DEFAULT '',
	supervisor    TEXT NOT NULL DEFAULT '',
	system        TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL DEFAULT 'draft'
	              CHECK (status IN ('draft','pending','returned','rejected','done','withdrawn','terminated')),
	step          TEXT,                    -- current step while pending
	role          TEXT,                    -- role that signs it (queue lookups)
	step_since    TEXT,
	deadline      TEXT,
	round         INTEGER NOT NULL DEFAULT 0,
	hosts         INTEGER NOT NULL DEFAULT 0,
	vcpu          INTEGER NOT NULL DEFAULT 0,
	mem_gb        INTEGER NOT NULL DEFAULT 0,
	storage_gb    INTEGER NOT NULL DEFAULT 0,
	bandwidth     INTEGER NOT NULL DEFAULT 0,
	data          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	submitted_at  TEXT,
	updated_at    TEXT NOT NULL,
	done_at       TEXT,
	UNIQUE (template, doc_year, doc_seq)
);
CREATE INDEX app_queue ON applications (status, deadline);
CREATE INDEX app_role ON applications (role, deadline) WHERE status = 'pending';
CREATE INDEX app_template ON applications (template, status);
CREATE INDEX app_unit ON applications (unit);
CREATE INDEX app_parent ON applications (parent_id);

CREATE TABLE events (
	id           INTEGER PRIMARY KEY,
	app_id       INTEGER NOT NULL REFERENCES applications(id),
	at           TEXT NOT NULL,
	login        TEXT NOT NULL,
	kind         TEXT NOT NULL,   -- create, edit, submit, act, withdraw, lifecycle
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
	round        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_app ON events (app_id, id);
CREATE INDEX events_at ON events (at);

CREATE TABLE docno_seq (
	template  TEXT NOT NULL,
	year      INTEGER NOT NULL,
	seq       INTEGER NOT NULL,
	PRIMARY KEY (template, year)
);

CREATE TABLE prices (
	template    TEXT NOT NULL,
	item        TEXT NOT NULL,
	name        TEXT NOT NULL,
	unit        TEXT NOT NULL DEFAULT '',
	price       REAL NOT NULL,
	updated_at  TEXT NOT NULL,
	updated_by  TEXT NOT NULL,
	PRIMARY KEY (template, item)
);

CREATE TABLE deliveries (
	id            INTEGER PRIMARY KEY,
	app_id        INTEGER NOT NULL REFERENCES applications(id),
	line          TEXT NOT NULL DEFAULT '',
	host          TEXT NOT NULL DEFAULT '',
	ip            TEXT NOT NULL DEFAULT '',
	ports         TEXT NOT NULL DEFAULT '',
	delivered_on  TEXT NOT NULL,
	login         TEXT NOT NULL,
	at            TEXT NOT NULL
);
CREATE INDEX deliveries_app ON deliveries (app_id);

CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_d BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER applications_kept BEFORE DELETE ON applications
BEGIN SELECT RAISE(ABORT, 'applications are never deleted'); END;
