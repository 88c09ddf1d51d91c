-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 3: each application carries a version, raised by every
-- save of its content, so a save made from an older copy is detected and
-- merged field by field instead of reverting what others changed.
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
