/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "appjson.h"
#include "apps.h"
#include "edits.h"
#include "csv.h"
#include "import.h"
#include "json.h"
#include "sm3.h"
#include "xlsx_read.h"
#include "text.h"
#include "workflow.h"

/* One import: the same reading twice, first to check every form (nothing
 * stored, so a mistake in the last row is said before any is stored),
 * then to store them. */
typedef struct imp {
	store *s;
	const user *u;
	const import_opts *o;
	const char *now;
	int storing;            /* the second pass */
	long long n;            /* forms read in this pass */
	import_result *got;
	/* CSV and Excel: the header and its special columns */
	char **head;
	int nhead, ti, ki, pi, in_rows;
	int row_failed;         /* the error is a row's, not the reader's */
} imp;

static void got_add(import_result *g, long long id)
{
	if (g->nruns && g->runs[g->nruns - 1].last + 1 == id)
		g->runs[g->nruns - 1].last = id;
	else
		*XPUSH(g->runs, g->nruns) = (import_run){ id, id };
	g->n++;
}

/* One filled form: checked (the first pass), or created and then
 * submitted unless drafts were asked for. Submitting validates the whole
 * form. */
static int one(imp *m, app_data *d, long long parent, ys_err *err)
{
	m->n++;
	if (!m->storing) {
		progress_tick(m->o->progress, "检查", "件", m->n, 0, 0);
		return 0;
	}
	long long id;
	if (edits_create(m->s, m->u, d, parent, m->now, &id, err))
		return -1;
	if (!m->o->draft && workflow_do(m->s, m->u, id, NULL, ACT_SUBMIT, NULL, NULL, m->now, err))
		return -1;
	got_add(m->got, id);
	progress_tick(m->o->progress, "导入", "件", m->n, 0, 0);
	return 0;
}

static const char *known_top[] = { "template", "kind", "parent", "fields", "tables", NULL };

static int json_app(imp *m, const json *o, ys_err *err)
{
	if (o->type != J_OBJECT)
		return err_set(err, "应为对象，收到%s", json_type_name(o->type));
	for (int i = 0; i < o->n; i++) {
		int ok = appjson_derived(o->kids[i]->key);   /* show --json's state, skipped */
		for (int k = 0; known_top[k]; k++)
			if (!strcmp(known_top[k], o->kids[i]->key))
				ok = 1;
		if (!ok)
			return err_set(err, "未知的键“%s”", o->kids[i]->key);
	}
	const char *tid = json_str(o, "template", NULL);
	if (!tid)
		return err_set(err, "缺少“template”（模板 id，如 huizhou）");
	const template *t = template_find(tid);
	if (!t)
		return err_set(err, "没有模板“%s”", tid);
	const char *kind = json_str(o, "kind", KIND_APPLY);
	app_data *d = app_data_new(t, kind);
	if (!d)
		return err_set(err, "模板 %s 没有“%s”表单", tid, kind);
	const json *pj = json_get(o, "parent");
	long long parent = 0;
	if (pj && pj->type == J_INT)
		parent = pj->i;
	else if (pj && pj->type != J_NULL) {
		app_data_free(d);
		return err_set(err, "“parent”应为原申请的编号（整数）");
	}
	int rc = app_from_json(d, o, err);
	if (!rc && !json_get(o, "kind"))
		app_route(d);   /* one paper form for several kinds: its tick says which */
	if (!rc)
		rc = one(m, d, parent, err);
	app_data_free(d);
	return rc;
}

/* A JSON file: one application in the shape `show --json` prints, or an
 * array of them (index: its place, -1 for the one). */
static int json_take_app(const json *v, int index, void *ctx, ys_err *err)
{
	if (json_app(ctx, v, err))
		return index >= 0 ? err_prefix(err, "第 %d 个申请：", index + 1) : -1;
	return 0;
}

/* One application a row, the first row the header: a CSV file or the
 * first sheet of an Excel workbook. */
static int row_take(const csv_row *row, void *ctx, ys_err *err)
{
	imp *m = ctx;
	m->row_failed = 1;
	if (!m->in_rows) {
		m->in_rows = 1;
		m->nhead = row->n;
		m->head = xcalloc((size_t)(row->n ? row->n : 1), sizeof *m->head);
		m->ti = m->ki = m->pi = -1;
		for (int c = 0; c < row->n; c++) {
			const char *h = row->cells[c];
			m->head[c] = xstrdup(h);
			if (!strcmp(h, "template") || !strcmp(h, "模板"))
				m->ti = c;
			else if (!strcmp(h, "kind") || !strcmp(h, "类型"))
				m->ki = c;
			else if (!strcmp(h, "parent") || !strcmp(h, "原申请"))
				m->pi = c;
		}
		m->row_failed = 0;
		return 0;
	}
	if (m->ti < 0)
		return err_set(err, "表头缺少“template”列（模板 id，如 huizhou）");
	if (row->n != m->nhead)
		return err_set(err, "第 %d 行有 %d 列，表头有 %d 列", row->line, row->n, m->nhead);
	const template *t = template_find(row->cells[m->ti]);
	if (!t)
		return err_set(err, "第 %d 行：没有模板“%s”", row->line, row->cells[m->ti]);
	int ki = m->ki, pi = m->pi;
	const char *kind = ki >= 0 && *row->cells[ki] ? row->cells[ki] : KIND_APPLY;
	app_data *d = app_data_new(t, kind);
	if (!d)
		return err_set(err, "第 %d 行：模板 %s 没有“%s”表单", row->line, t->id, kind);
	int rc = 0;
	long long parent = 0;
	if (pi >= 0 && *row->cells[pi]) {
		char *end;
		parent = strtoll(row->cells[pi], &end, 10);
		if (*end || parent <= 0)
			rc = err_set(err, "“parent”应为原申请的编号，收到“%s”", row->cells[pi]);
	}
	for (int c = 0; !rc && c < row->n; c++)
		if (c != m->ti && c != ki && c != pi && *row->cells[c])
			rc = app_assign(d, m->head[c], row->cells[c], 0, err);
	if (!rc && !(ki >= 0 && *row->cells[ki]))
		app_route(d);
	if (!rc)
		rc = one(m, d, parent, err);
	if (rc)
		err_prefix(err, "第 %d 行：", row->line);
	app_data_free(d);
	m->row_failed = rc != 0;
	return rc;
}

static void head_free(imp *m)
{
	for (int c = 0; c < m->nhead; c++)
		free(m->head[c]);
	free(m->head);
	m->head = NULL;
	m->nhead = m->in_rows = 0;
}

/* A file imported before (same bytes): refused, saying when and by whom,
 * unless o->again. */
static int check_again(store *s, const char *hex, const import_opts *o, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT at, login, apps, name FROM imports WHERE sm3 = ? ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW && !o->again)
		rc = err_set(err, "这个文件已于 %.10s %.5s 由 %s 导入过（%s，申请 %s）；确要再导入一次，请加 --again",
			     store_text(st, 0), store_text(st, 0) + 11, store_text(st, 1), store_text(st, 3),
			     store_text(st, 2));
	sqlite3_reset(st);
	return rc;
}

void import_runs_text(buf *b, const import_result *r)
{
	buf_puts(b, "");
	for (int i = 0; i < r->nruns; i++) {
		const import_run *u = &r->runs[i];
		buf_printf(b, "%s%lld", i ? "、" : "", u->first);
		if (u->last > u->first)
			buf_printf(b, "%s%lld", u->last == u->first + 1 ? "、" : "–", u->last);
	}
}

void import_result_free(import_result *r)
{
	free(r->runs);
	memset(r, 0, sizeof *r);
}

static int note_import(store *s, const user *u, const char *hex, const char *path, const import_result *got,
		       const char *now, ys_err *err)
{
	buf apps = { 0 };
	import_runs_text(&apps, got);
	const char *base = strrchr(path, '/');
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO imports(sm3, name, apps, at, login) VALUES (?, ?, ?, ?, ?)", err);
	int rc = -1;
	if (st) {
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, base ? base + 1 : path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, apps.s, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, u->login, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "记录导入的文件");
		sqlite3_reset(st);
	}
	buf_free(&apps);
	return rc;
}

/* The file's SM3 (the same bytes are the same file), read a piece at a
 * time; whether it is an Excel workbook (a zip: "PK\3\4") and whether its
 * text starts as JSON does ({ or [ after a BOM and blanks, the same bytes
 * in UTF-8 and GBK). */
static int sniff(const char *path, char hex[SM3_HEX], int *xlsx, int *json, ys_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return err_set(err, "无法打开文件 %s", path);
	sm3_ctx *h = sm3_begin();
	unsigned char chunk[65536];
	size_t k, off = 0;
	int first = -1;
	*xlsx = 0;
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (!off)
			*xlsx = k >= 4 && !memcmp(chunk, "PK\3\4", 4);
		size_t from = !off && k >= 3 && !memcmp(chunk, "\xEF\xBB\xBF", 3) ? 3 : 0;
		for (size_t i = from; first < 0 && i < k; i++)
			if (chunk[i] != ' ' && chunk[i] != '\n' && chunk[i] != '\r' && chunk[i] != '\t')
				first = chunk[i];
		sm3_add(h, chunk, k);
		off += k;
	}
	int bad = ferror(fp);
	fclose(fp);
	sm3_end(h, hex);
	if (bad)
		return err_set(err, "读取文件 %s 出错", path);
	*json = !*xlsx && (first == '{' || first == '[');
	return 0;
}

/* One pass over the file: JSON, CSV or the workbook's first sheet. */
static int read_pass(imp *m, const char *path, text_file *tf, int xlsx, int json, ys_err *err)
{
	m->n = 0;
	m->row_failed = 0;
	int rc;
	if (xlsx) {
		rc = xlsx_each_row(path, 0, row_take, m, NULL, 0, err) ? -1 : 0;
		if (rc && !m->row_failed)
			err_prefix(err, "读不了这个 Excel 文件（可在 Excel 或 WPS 里“另存为”CSV 再导入）：");
	} else if (json) {
		rc = json_each(text_file_read, tf, json_take_app, m, err);
		if (!rc && !m->n)
			rc = err_set(err, "数组里没有申请");
	} else {
		rc = csv_each(text_file_read, tf, row_take, m, err);
	}
	if (!rc && !json && !m->n)
		rc = err_set(err, "CSV 至少要有表头和一行申请");
	head_free(m);
	return rc;
}

int import_file(store *s, const user *u, const char *path, const import_opts *o,
		const char *now, import_result *got, ys_err *err)
{
	memset(got, 0, sizeof *got);
	char hex[SM3_HEX];
	int xlsx, json;
	if (sniff(path, hex, &xlsx, &json, err))
		return -1;
	text_file *tf = NULL;
	if (!xlsx && !(tf = text_file_open(path, err)))
		return err_prefix(err, "文件 %s：", path);
	imp m = { .s = s, .u = u, .o = o, .now = now, .got = got };
	int rc = read_pass(&m, path, tf, xlsx, json, err);
	if (!rc && tf)
		rc = text_file_rewind(tf, err);
	if (!rc && !(rc = store_begin(s, err))) {
		m.storing = 1;
		rc = check_again(s, hex, o, err);
		if (!rc)
			rc = read_pass(&m, path, tf, xlsx, json, err);
		if (!rc)
			rc = note_import(s, u, hex, path, got, now, err);
		if (!rc)
			progress_tick(o->progress, "导入（保存中）", "件", got->n, 0, 1);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, err);
	}
	text_file_close(tf);
	if (rc) {
		import_result_free(got);
		return err_prefix(err, "文件 %s：", path);
	}
	return 0;
}
