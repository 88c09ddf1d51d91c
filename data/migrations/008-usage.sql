-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 8: the provider's monthly utilisation per host (徽州
-- 第三十条, 大同 第二十七条, 永嘉 第十六条), matched on import to a delivered
-- host of an application; a later import of the same host and month
-- replaces it (the provider's correction), saying who and when.
CREATE TABLE usage (
	host         TEXT NOT NULL,          -- as delivered (deliveries.host)
	month        TEXT NOT NULL,          -- YYYY-MM
	app_id       INTEGER NOT NULL REFERENCES applications(id),
	cpu_avg      REAL,                   -- percent; NULL not reported
	cpu_peak     REAL NOT NULL,
	mem_pct      REAL,
	storage_gb   REAL,                   -- storage used
	source       TEXT NOT NULL,          -- the file's name
	imported_at  TEXT NOT NULL,
	imported_by  TEXT NOT NULL,
	PRIMARY KEY (host, month)
);
CREATE INDEX usage_app ON usage (app_id, month);
