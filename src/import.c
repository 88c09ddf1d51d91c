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
#include "paths.h"
#include "sm3.h"
#include "xlsx_read.h"
#include "text.h"
#include "workflow.h"

#define MAX_FILE (64L * 1024 * 1024)

typedef struct ids {
	long long *v;
	int n;
} ids;

/* Stores one filled form: create, then submit unless drafts were asked
 * for. Submitting validates the whole form. */
static int store_one(store *s, const user *u, app_data *d, long long parent,
		     const import_opts *o, const char *now, ys_err *err, ids *out)
{
	long long id;
	if (edits_create(s, u, d, parent, now, &id, err))
		return -1;
	if (!o->draft && workflow_do(s, u, id, NULL, ACT_SUBMIT, NULL, NULL, now, err))
		return -1;
	out->v = xrealloc(out->v, sizeof *out->v * (size_t)(out->n + 1));
	out->v[out->n++] = id;
	progress_tick(o->progress, "导入", "件", out->n, 0, 0);
	return 0;
}

static const char *known_top[] = { "template", "kind", "parent", "fields", "tables", NULL };

static int import_json_app(store *s, const user *u, const json *o, const import_opts *opt,
			   const char *now, ids *out, ys_err *err)
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
		rc = store_one(s, u, d, parent, opt, now, err, out);
	app_data_free(d);
	return rc;
}

static int import_json(store *s, const user *u, const char *text, const import_opts *o,
		       const char *now, ids *out, ys_err *err)
{
	json *root = json_parse(text, err);
	if (!root)
		return -1;
	int rc = 0;
	if (root->type == J_ARRAY) {
		if (root->n == 0)
			rc = err_set(err, "数组里没有申请");
		for (int i = 0; !rc && i < root->n; i++)
			if (import_json_app(s, u, root->kids[i], o, now, out, err))
				rc = err_prefix(err, "第 %d 个申请：", i + 1);
	} else {
		rc = import_json_app(s, u, root, o, now, out, err);
	}
	json_free(root);
	return rc;
}

/* One application a row, the first row the header: a CSV file or the
 * first sheet of an Excel workbook. */
static int import_rows(store *s, const user *u, const csv_file *f, const import_opts *o,
		       const char *now, ids *out, ys_err *err)
{
	const csv_file cf = *f;
	int rc = 0;
	if (cf.nrows < 2)
		rc = err_set(err, "CSV 至少要有表头和一行申请");
	int ti = -1, ki = -1, pi = -1;
	for (int c = 0; !rc && c < cf.rows[0].n; c++) {
		const char *h = cf.rows[0].cells[c];
		if (!strcmp(h, "template") || !strcmp(h, "模板"))
			ti = c;
		else if (!strcmp(h, "kind") || !strcmp(h, "类型"))
			ki = c;
		else if (!strcmp(h, "parent") || !strcmp(h, "原申请"))
			pi = c;
	}
	if (!rc && ti < 0)
		rc = err_set(err, "表头缺少“template”列（模板 id，如 huizhou）");
	for (int r = 1; !rc && r < cf.nrows; r++) {
		const csv_row *row = &cf.rows[r];
		if (row->n != cf.rows[0].n) {
			rc = err_set(err, "第 %d 行有 %d 列，表头有 %d 列", row->line, row->n, cf.rows[0].n);
			break;
		}
		const template *t = template_find(row->cells[ti]);
		if (!t) {
			rc = err_set(err, "第 %d 行：没有模板“%s”", row->line, row->cells[ti]);
			break;
		}
		const char *kind = ki >= 0 && *row->cells[ki] ? row->cells[ki] : KIND_APPLY;
		app_data *d = app_data_new(t, kind);
		if (!d) {
			rc = err_set(err, "第 %d 行：模板 %s 没有“%s”表单", row->line, t->id, kind);
			break;
		}
		long long parent = 0;
		if (pi >= 0 && *row->cells[pi]) {
			char *end;
			parent = strtoll(row->cells[pi], &end, 10);
			if (*end || parent <= 0)
				rc = err_set(err, "“parent”应为原申请的编号，收到“%s”", row->cells[pi]);
		}
		for (int c = 0; !rc && c < row->n; c++)
			if (c != ti && c != ki && c != pi && *row->cells[c])
				rc = app_assign(d, cf.rows[0].cells[c], row->cells[c], 0, err);
		if (!rc && !(ki >= 0 && *row->cells[ki]))
			app_route(d);
		if (!rc)
			rc = store_one(s, u, d, parent, o, now, err, out);
		if (rc)
			err_prefix(err, "第 %d 行：", row->line);
		app_data_free(d);
	}
	return rc;
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

static int note_import(store *s, const user *u, const char *hex, const char *path, const ids *got,
		       const char *now, ys_err *err)
{
	buf apps = { 0 };
	for (int i = 0; i < got->n; i++)
		buf_printf(&apps, "%s%lld", i ? "、" : "", got->v[i]);
	const char *base = strrchr(path, '/');
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO imports(sm3, name, apps, at, login) VALUES (?, ?, ?, ?, ?)", err);
	int rc = -1;
	if (st) {
		sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, base ? base + 1 : path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, apps.s ? apps.s : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, u->login, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "记录导入的文件");
		sqlite3_reset(st);
	}
	buf_free(&apps);
	return rc;
}

int import_file(store *s, const user *u, const char *path, const import_opts *o,
		const char *now, long long **out_ids, int *n, ys_err *err)
{
	*out_ids = NULL;
	*n = 0;
	size_t raw_n, len = 0;
	char *raw = file_read(path, MAX_FILE, &raw_n, err);
	if (!raw)
		return -1;
	char hex[SM3_HEX];
	sm3_ctx *h = sm3_begin();
	sm3_add(h, raw, raw_n);
	sm3_end(h, hex);
	/* An Excel workbook (a zip: "PK\3\4") is read as its first sheet. */
	int xlsx = raw_n >= 4 && !memcmp(raw, "PK\3\4", 4);
	csv_file cf = { 0 };
	char *text = NULL;
	int rc = 0;
	if (xlsx && xlsx_read_first_sheet(path, &cf, err))
		rc = err_prefix(err, "读不了这个 Excel 文件（可在 Excel 或 WPS 里“另存为”CSV 再导入）：");
	else if (!xlsx && !(text = text_to_utf8(raw, raw_n, &len, err)))
		rc = -1;
	free(raw);
	if (rc)
		return err_prefix(err, "文件 %s：", path);
	const char *p = text ? text : "";
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	int json = !xlsx && (*p == '{' || *p == '[');
	if (!xlsx && !json && csv_parse(text, len, &cf, err)) {
		free(text);
		return err_prefix(err, "文件 %s：", path);
	}
	ids got = { 0 };
	rc = store_begin(s, err);
	if (!rc && !(rc = check_again(s, hex, o, err))) {
		rc = json ? import_json(s, u, text, o, now, &got, err) : import_rows(s, u, &cf, o, now, &got, err);
		if (!rc)
			rc = note_import(s, u, hex, path, &got, now, err);
		if (!rc)
			progress_tick(o->progress, "导入（保存中）", "件", got.n, 0, 1);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, err);
	} else if (!rc) {
		store_rollback(s);
	}
	csv_free(&cf);
	free(text);
	if (rc) {
		free(got.v);
		return err_prefix(err, "文件 %s：", path);
	}
	*out_ids = got.v;
	*n = got.n;
	return 0;
}
