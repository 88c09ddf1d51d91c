-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 9: the provider's evaluation (徽州 第三十一条, 泰州 第二十条,
-- 大同 第二十六条): a score per axis and period, entered by the office
-- (unit '') or on behalf of a using unit, a low score with its reason;
-- entered again by the same person for the same period, it replaces.
CREATE TABLE evaluations (
	template  TEXT NOT NULL,
	period    TEXT NOT NULL,      -- 2026-Q3, 2026-10 or 2026, as the template's period
	unit      TEXT NOT NULL,      -- '' for the office
	login     TEXT NOT NULL,
	axis      TEXT NOT NULL,
	score     REAL NOT NULL,
	reason    TEXT NOT NULL DEFAULT '',
	at        TEXT NOT NULL,
	PRIMARY KEY (template, period, unit, login, axis)
);
