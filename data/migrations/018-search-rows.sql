-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 18: what a search's matches are filtered, counted and
-- ordered by, for each application by its number. A word found in 71,000
-- of a million applications read 71,000 whole rows (a form's data each)
-- to count them and to sort them for one page: about 100 ms. From this
-- index the count and the page's order read a few bytes a match, and
-- only the page's twenty rows are read whole.
CREATE INDEX IF NOT EXISTS app_search_rows ON applications (id, status, deadline, template, county, kind, role);
