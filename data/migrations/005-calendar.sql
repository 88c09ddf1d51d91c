-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 5: days published after the official holiday table
-- (yunshen calendar import): the year's holidays and make-up working days,
-- kept with the data so that every deadline is counted the same way.
CREATE TABLE calendar (
	day       TEXT PRIMARY KEY,       -- YYYY-MM-DD
	work      INTEGER NOT NULL CHECK (work IN (0, 1)),   -- 1 make-up working day, 0 day off
	name      TEXT NOT NULL DEFAULT '',
	added_at  TEXT NOT NULL,
	added_by  TEXT NOT NULL
);
