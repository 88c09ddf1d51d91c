-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 7: catalogue prices with effective dates. prices.price
-- stays the price from the beginning (the template's, or what an
-- administrator set before this version); each later change applies from
-- its date and leaves the days before it at the old price (大同 第七条,
-- 第三十条: fees by the catalogue in force).
CREATE TABLE price_changes (
	template   TEXT NOT NULL,
	item       TEXT NOT NULL,
	from_date  TEXT NOT NULL,        -- YYYY-MM-DD, the first day at this price
	price      REAL NOT NULL,
	set_at     TEXT NOT NULL,
	set_by     TEXT NOT NULL,
	PRIMARY KEY (template, item, from_date),
	FOREIGN KEY (template, item) REFERENCES prices(template, item)
);
