-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 11: the files imported, by the SM3 of their bytes, so the
-- same file brought in twice (a clerk's second click, last week's export
-- again) is refused unless asked for on purpose (import --again).
CREATE TABLE imports (
	id      INTEGER PRIMARY KEY,
	sm3     TEXT NOT NULL,
	name    TEXT NOT NULL,
	apps    TEXT NOT NULL,
	at      TEXT NOT NULL,
	login   TEXT NOT NULL
);
CREATE INDEX imports_sm3 ON imports (sm3);
