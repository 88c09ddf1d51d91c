/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_read.c - reading an .xlsx's worksheets (xlsx_read.h). */
#include "config.h"
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "buf.h"
#include "date.h"
#include "xlsx_read.h"

static const char *attr(const char **a, const char *name)
{
	for (int i = 0; a[i]; i += 2) {
		const char *k = strchr(a[i], ':') ? strchr(a[i], ':') + 1 : a[i];
		if (!strcmp(k, name) || !strcmp(a[i], name))
			return a[i + 1];
	}
	return NULL;
}

/* The local name of an element (no namespace prefix). */
static const char *local(const char *el)
{
	const char *c = strrchr(el, ':');
	return c ? c + 1 : el;
}

typedef struct rd {
	/* workbook and rels: the wanted sheet's relation id, name and part */
	int want, nsheets;
	char rid[64], name[128], target[256];
	/* shared strings */
	char **sst;
	int nsst;
	int in_si, in_t, in_rph;
	buf text;
	/* styles: which cell formats are percent or date */
	char *pct, *date;               /* by xf index */
	int nxf, in_xfs;
	int *custom_fmt;                /* custom numFmtId -> 1 percent, 2 date */
	int ncustom;
	/* the sheet: the row being read, given to take() at its end */
	csv_row row;
	int in_row, rows_seen;
	csv_take take;
	void *ctx;
	ys_err *err;
	int stopped;            /* take() said stop */
	XML_Parser p;
	int col, cell_t, cell_s, in_v, in_is;
} rd;

static void X_wb(void *ud, const char *el, const char **a)
{
	rd *r = ud;
	if (strcmp(local(el), "sheet") || !attr(a, "id"))
		return;
	if (r->nsheets++ == r->want) {
		snprintf(r->rid, sizeof r->rid, "%s", attr(a, "id"));
		snprintf(r->name, sizeof r->name, "%s", attr(a, "name") ? attr(a, "name") : "");
	}
}

static void X_rels(void *ud, const char *el, const char **a)
{
	rd *r = ud;
	const char *id = attr(a, "Id"), *t = attr(a, "Target");
	if (!strcmp(local(el), "Relationship") && id && t && !strcmp(id, r->rid))
		snprintf(r->target, sizeof r->target, "%s", t);
}

static void X_sst_start(void *ud, const char *el, const char **a)
{
	rd *r = ud;
	(void)a;
	const char *n = local(el);
	if (!strcmp(n, "si")) {
		r->in_si = 1;
		buf_free(&r->text);
	} else if (!strcmp(n, "rPh")) {
		r->in_rph = 1;
	} else if (!strcmp(n, "t")) {
		r->in_t = 1;
	}
}

static void X_sst_end(void *ud, const char *el)
{
	rd *r = ud;
	const char *n = local(el);
	if (!strcmp(n, "si")) {
		*XPUSH(r->sst, r->nsst) = xstrdup(r->text.s ? r->text.s : "");
		r->in_si = 0;
	} else if (!strcmp(n, "rPh")) {
		r->in_rph = 0;
	} else if (!strcmp(n, "t")) {
		r->in_t = 0;
	}
}

static void X_text(void *ud, const char *s, int len)
{
	rd *r = ud;
	if ((r->in_si && r->in_t && !r->in_rph) || r->in_v || (r->in_is && r->in_t))
		buf_printf(&r->text, "%.*s", len, s);
}

/* Built-in number formats 9-10 are percent, 14-22 and 45-47 dates. */
static int fmt_kind(rd *r, int id)
{
	if (id == 9 || id == 10)
		return 1;
	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
		return 2;
	for (int i = 0; i + 1 < r->ncustom; i += 2)
		if (r->custom_fmt[i] == id)
			return r->custom_fmt[i + 1];
	return 0;
}

static void X_styles(void *ud, const char *el, const char **a)
{
	rd *r = ud;
	const char *n = local(el);
	if (!strcmp(n, "numFmt") && attr(a, "numFmtId") && attr(a, "formatCode")) {
		const char *code = attr(a, "formatCode");
		int kind = strchr(code, '%') ? 1 : strpbrk(code, "yd") || strstr(code, "mm") ? 2 : 0;
		*XPUSH(r->custom_fmt, r->ncustom) = atoi(attr(a, "numFmtId"));
		*XPUSH(r->custom_fmt, r->ncustom) = kind;
	} else if (!strcmp(n, "cellXfs")) {
		r->in_xfs = 1;
	} else if (!strcmp(n, "xf") && r->in_xfs) {
		int k = fmt_kind(r, attr(a, "numFmtId") ? atoi(attr(a, "numFmtId")) : 0);
		r->pct = xrealloc(r->pct, (size_t)r->nxf + 1);
		r->date = xrealloc(r->date, (size_t)r->nxf + 1);
		r->pct[r->nxf] = k == 1;
		r->date[r->nxf] = k == 2;
		r->nxf++;
	}
}

static void X_styles_end(void *ud, const char *el)
{
	rd *r = ud;
	if (!strcmp(local(el), "cellXfs"))
		r->in_xfs = 0;
}

/* "B12" -> column 1 (0-based). */
static int col_of(const char *ref)
{
	int c = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c - 1;
}

enum { C_NUM, C_SST, C_STR, C_BOOL };

static void row_clear(rd *r)
{
	for (int i = 0; i < r->row.n; i++)
		free(r->row.cells[i]);
	free(r->row.cells);
	r->row.cells = NULL;
	r->row.n = 0;
}

static void X_sheet_start(void *ud, const char *el, const char **a)
{
	rd *r = ud;
	const char *n = local(el);
	if (!strcmp(n, "row")) {
		row_clear(r);
		r->in_row = 1;
		r->rows_seen++;
		r->row.line = attr(a, "r") ? atoi(attr(a, "r")) : r->rows_seen;
		r->col = 0;
	} else if (!strcmp(n, "c") && r->in_row) {
		const char *ref = attr(a, "r"), *t = attr(a, "t"), *s = attr(a, "s");
		r->col = ref ? col_of(ref) : r->col;
		r->cell_t = !t ? C_NUM : !strcmp(t, "s") ? C_SST : !strcmp(t, "b") ? C_BOOL : !strcmp(t, "n") ? C_NUM : C_STR;
		r->cell_s = s ? atoi(s) : 0;
		buf_free(&r->text);
	} else if (!strcmp(n, "v")) {
		r->in_v = 1;
	} else if (!strcmp(n, "is")) {
		r->in_is = 1;
	} else if (!strcmp(n, "t")) {
		r->in_t = 1;
	}
}

/* A cell's text as shown: a shared string, a percent, a date, a number. */
static char *shown(rd *r, const char *v)
{
	char out[64];
	if (r->cell_t == C_SST) {
		int i = atoi(v);
		return xstrdup(i >= 0 && i < r->nsst ? r->sst[i] : "");
	}
	if (r->cell_t == C_NUM && *v && r->cell_s >= 0 && r->cell_s < r->nxf) {
		double x = atof(v);
		if (r->pct[r->cell_s]) {
			snprintf(out, sizeof out, "%.10g%%", round(x * 1e8) / 1e6);
			return xstrdup(out);
		}
		if (r->date[r->cell_s] && x >= 1 && x < 2958466) {
			/* Serial days from 1899-12-30 (Excel's 1900 system). */
			date_iso(date_from_ymd(1899, 12, 30) + (ys_date)floor(x), out);
			return xstrdup(out);
		}
	}
	return xstrdup(v);
}

static void X_sheet_end(void *ud, const char *el)
{
	rd *r = ud;
	const char *n = local(el);
	if (!strcmp(n, "c") && r->in_row) {
		char *v = shown(r, r->text.s ? r->text.s : "");
		while (r->row.n <= r->col && r->col < 16384)
			*XPUSH(r->row.cells, r->row.n) = xstrdup("");
		if (r->col < r->row.n) {
			free(r->row.cells[r->col]);
			r->row.cells[r->col] = v;
		} else {
			free(v);
		}
		r->col++;
		buf_free(&r->text);
	} else if (!strcmp(n, "v")) {
		r->in_v = 0;
	} else if (!strcmp(n, "is")) {
		r->in_is = 0;
	} else if (!strcmp(n, "t")) {
		r->in_t = 0;
	} else if (!strcmp(n, "row") && r->in_row) {
		int blank = 1;
		for (int i = 0; i < r->row.n && blank; i++)
			blank = !r->row.cells[i][0];
		if (!blank && r->take(&r->row, r->ctx, r->err)) {
			r->stopped = 1;
			XML_StopParser(r->p, XML_FALSE);
		}
		row_clear(r);
		r->in_row = 0;
	}
}

/* Member `name` of the package read through expat a piece at a time; 1
 * when it is absent, -1 when it is no XML (or take() stopped it). */
static int parse(rd *r, zip_t *z, const char *name, XML_StartElementHandler st, XML_EndElementHandler en)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return 1;
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p) {
		zip_fclose(f);
		return -1;
	}
	r->p = p;
	XML_SetUserData(p, r);
	XML_SetElementHandler(p, st, en);
	XML_SetCharacterDataHandler(p, X_text);
	char chunk[65536];
	zip_int64_t k;
	int ok = 1;
	do {
		k = zip_fread(f, chunk, sizeof chunk);
		ok = k >= 0 && XML_Parse(p, chunk, (int)(k > 0 ? k : 0), k <= 0) == XML_STATUS_OK;
	} while (ok && k > 0);
	XML_ParserFree(p);
	r->p = NULL;
	zip_fclose(f);
	return ok ? 0 : -1;
}

static void end_none(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static int no_rows(const csv_row *row, void *ctx, ys_err *err)
{
	(void)row, (void)ctx, (void)err;
	return 0;
}

int xlsx_each_row(const char *path, int which, csv_take take, void *ctx, char *name, size_t name_n,
		  ys_err *err)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z)
		return err_set(err, "无法打开 %s：不是 Excel（.xlsx）文件或已损坏", path);
	rd r = { .want = which, .take = no_rows, .err = err };
	int rc = -1;
	if (parse(&r, z, "xl/workbook.xml", X_wb, end_none) || !r.nsheets) {
		err_set(err, "%s 里没有工作表（不是 Excel 工作簿？）", path);
		goto done;
	}
	if (!r.rid[0]) {
		rc = 1;
		goto done;
	}
	if (name)
		snprintf(name, name_n, "%s", r.name);
	parse(&r, z, "xl/_rels/workbook.xml.rels", X_rels, end_none);
	char sheet[400];
	if (r.target[0] == '/')
		snprintf(sheet, sizeof sheet, "%.*s", (int)sizeof r.target - 1, r.target + 1);
	else
		snprintf(sheet, sizeof sheet, "xl/%s", r.target[0] ? r.target : "worksheets/sheet1.xml");
	if (parse(&r, z, "xl/sharedStrings.xml", X_sst_start, X_sst_end) < 0) {
		err_set(err, "%s 的共享字符串表已损坏", path);
		goto done;
	}
	parse(&r, z, "xl/styles.xml", X_styles, X_styles_end);
	r.take = take;
	r.ctx = ctx;
	if (parse(&r, z, sheet, X_sheet_start, X_sheet_end) && !r.stopped) {
		err_set(err, "%s 的工作表“%s”（%s）无法读取", path, r.name, sheet);
		goto done;
	}
	rc = r.stopped ? -1 : 0;
done:
	for (int i = 0; i < r.nsst; i++)
		free(r.sst[i]);
	free(r.sst);
	free(r.pct);
	free(r.date);
	free(r.custom_fmt);
	buf_free(&r.text);
	row_clear(&r);
	zip_close(z);
	return rc;
}

int xlsx_read_sheet(const char *path, int which, csv_file *out, char *name, size_t name_n, ys_err *err)
{
	memset(out, 0, sizeof *out);
	int rc = xlsx_each_row(path, which, csv_keep, out, name, name_n, err);
	if (rc)
		csv_free(out);
	return rc;
}

int xlsx_read_first_sheet(const char *path, csv_file *out, ys_err *err)
{
	return xlsx_read_sheet(path, 0, out, NULL, 0, err) ? -1 : 0;
}
