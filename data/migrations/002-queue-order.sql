-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 2: the queue's sort orders as indexes, so a page deep
-- into 100,000 applications is read in order instead of sorted whole.
CREATE INDEX app_order ON applications (status <> 'pending', deadline IS NULL, deadline, id DESC);
DROP INDEX app_role;
CREATE INDEX app_role ON applications (role, deadline IS NULL, deadline, id DESC) WHERE status = 'pending';
