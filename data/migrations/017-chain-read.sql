-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 17: the view each event's link is made from also gives
-- what verify reads beside it (its application, time and kind), so the
-- chain check reads the history once rather than joining it to itself.
-- The body is unchanged: every link written before stays valid.
DROP VIEW event_body;
CREATE VIEW event_body AS SELECT id, app_id, at, kind, CASE WHEN name IS NULL AND for_login IS NULL AND for_name IS NULL
	THEN ys_sm3(id, app_id, at, login, kind, step, action, label, opinion, field, old, new, status_from,
		status_to, deadline, round, state)
	ELSE ys_sm3(id, app_id, at, login, kind, step, action, label, opinion, field, old, new, status_from,
		status_to, deadline, round, state, name, for_login, for_name) END AS body FROM events;
