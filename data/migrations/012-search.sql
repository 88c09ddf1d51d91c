-- SPDX-FileCopyrightText: 2026 The yunshen authors
-- SPDX-License-Identifier: MulanPSL-2.0
-- Schema version 12: the search index. app_search holds, per application
-- (rowid = its id), its unit, system, 文号, contact and signed opinions as
-- overlapping two-character grams ("民政局" -> "民政 政局 局"), so any
-- substring of two characters or more is a phrase of grams and one
-- character a prefix: Chinese words of two characters (民政, 公安) found
-- through the index, which FTS5's trigram tokenizer cannot. "||" parts
-- one opinion from the next. The grams are made in C (search.c), so the
-- triggers only note which applications changed, in plain SQL that every
-- connection runs (the sqlite3 shell too); the index catches up before it
-- is asked. Every existing application is noted here, indexed on the
-- first search.
CREATE VIRTUAL TABLE app_search USING fts5(unit, system, docno, contact, opinions,
	tokenize = "unicode61 remove_diacritics 0 tokenchars '|'");
CREATE TABLE search_dirty (app_id INTEGER PRIMARY KEY);
CREATE TRIGGER search_app_ins AFTER INSERT ON applications
BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id); END;
CREATE TRIGGER search_app_upd AFTER UPDATE OF unit, system, docno, data ON applications
BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id); END;
CREATE TRIGGER search_app_del AFTER DELETE ON applications
BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id); END;
CREATE TRIGGER search_event_ins AFTER INSERT ON events WHEN coalesce(new.opinion, '') <> ''
BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.app_id); END;
INSERT INTO search_dirty SELECT id FROM applications;
