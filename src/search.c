/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* search.c - the search index (search.h). */
#include "config.h"
#include <string.h>
#include <sqlite3.h>
#include "search.h"
#include "text.h"

/* What the index keeps of a character: ASCII letters (lower case) and
 * digits, their full-width forms, and CJK ideographs; 0 for the rest. */
static uint32_t kept(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return cp;
	if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF))
		return cp;
	return 0;
}

static void put_cp(buf *b, uint32_t cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* One line's grams; `last`: the final character alone too. */
static void line_grams(buf *out, const char *s, size_t n, int last)
{
	uint32_t prev = 0;
	while (n) {
		uint32_t cp;
		size_t l = text_decode(s, n, &cp);
		s += l;
		n -= l;
		if (!(cp = kept(cp)))
			continue;
		if (prev) {
			if (out->len)
				buf_puts(out, " ");
			put_cp(out, prev);
			put_cp(out, cp);
		}
		prev = cp;
	}
	if (prev && last) {
		if (out->len)
			buf_puts(out, " ");
		put_cp(out, prev);
	}
}

void search_grams(buf *out, const char *s)
{
	if (!s)
		return;
	size_t start = out->len;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (out->len > start)
			buf_puts(out, " ||");
		line_grams(out, s, n, 1);
		s += n + (e != NULL);
	}
}

int search_match(const char *typed, int names_only, buf *out)
{
	if (names_only)
		buf_puts(out, "{unit system docno} : ");
	size_t start = out->len;
	buf g = { 0 };
	line_grams(&g, typed ? typed : "", typed ? strlen(typed) : 0, 0);
	int rc = 0;
	if (g.len) {
		buf_printf(out, "\"%s\"", g.s);
	} else {
		/* One character: the prefix of every gram it starts, and of the
		 * last character kept alone. */
		line_grams(&g, typed ? typed : "", typed ? strlen(typed) : 0, 1);
		if (g.len)
			buf_printf(out, "\"%s\" *", g.s);
		else
			rc = -1;
	}
	if (rc)
		out->len = start;
	buf_free(&g);
	return rc;
}

/* The changed applications, their searchable text. */
static const char dirty_sql[] =
	"SELECT d.app_id, a.id, a.unit, a.system, a.docno, json_extract(a.data, '$.fields.contact'), "
	"(SELECT group_concat(e.opinion, char(10)) FROM events e WHERE e.app_id = d.app_id AND e.opinion <> '') "
	"FROM search_dirty d LEFT JOIN applications a ON a.id = d.app_id";

int search_sync(store *s)
{
	sqlite3 *db = store_db(s);
	ys_err e;
	sqlite3_stmt *any = store_stmt(s, "SELECT 1 FROM search_dirty LIMIT 1", &e);
	if (!any)
		return -1;
	int dirty = sqlite3_step(any) == SQLITE_ROW;
	sqlite3_reset(any);
	if (!dirty)
		return 0;
	/* A savepoint, so a caller's own transaction may hold it. */
	if (sqlite3_exec(db, "SAVEPOINT ys_search", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	sqlite3_stmt *rd = NULL, *del = NULL, *ins = NULL;
	int rc = sqlite3_prepare_v2(db, dirty_sql, -1, &rd, NULL) != SQLITE_OK ||
		 sqlite3_prepare_v2(db, "DELETE FROM app_search WHERE rowid = ?", -1, &del, NULL) != SQLITE_OK ||
		 sqlite3_prepare_v2(db, "INSERT INTO app_search(rowid, unit, system, docno, contact, opinions) "
					"VALUES (?, ?, ?, ?, ?, ?)", -1, &ins, NULL) != SQLITE_OK;
	int step;
	buf g = { 0 };
	while (!rc && (step = sqlite3_step(rd)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(rd, 0);
		sqlite3_bind_int64(del, 1, id);
		rc |= sqlite3_step(del) != SQLITE_DONE;
		sqlite3_reset(del);
		if (sqlite3_column_type(rd, 1) == SQLITE_NULL)
			continue;       /* deleted */
		sqlite3_bind_int64(ins, 1, id);
		for (int c = 0; c < 5; c++) {
			g.len = 0;
			if (g.s)
				g.s[0] = '\0';
			search_grams(&g, (const char *)sqlite3_column_text(rd, 2 + c));
			sqlite3_bind_text(ins, 2 + c, g.s ? g.s : "", (int)g.len, SQLITE_TRANSIENT);
		}
		rc |= sqlite3_step(ins) != SQLITE_DONE;
		sqlite3_reset(ins);
	}
	if (!rc && step != SQLITE_DONE)
		rc = 1;
	buf_free(&g);
	sqlite3_finalize(rd);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	if (!rc)
		rc = sqlite3_exec(db, "DELETE FROM search_dirty", NULL, NULL, NULL) != SQLITE_OK;
	if (rc)
		sqlite3_exec(db, "ROLLBACK TO ys_search", NULL, NULL, NULL);
	sqlite3_exec(db, "RELEASE ys_search", NULL, NULL, NULL);
	return rc ? -1 : 0;
}
