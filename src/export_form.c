/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* export_form.c - one application printed on A4 in its jurisdiction's
 * paper layout, for pen signing. Everything comes from the template: the
 * title, the document number format, the sections, fields and tables in
 * paper order, fixed texts, signature blocks and notes. No county is named
 * here.
 *
 * The sheet is a grid of GRID narrow columns; every box of the form is a
 * merged range over it, so label/value pairs pack side by side as on paper
 * and tables get columns of their own widths. libxlsxwriter sizes no rows
 * for merged cells, so each row's height is worked out here from the text
 * it holds (xw_lines). */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "apps.h"
#include "buf.h"
#include "date.h"
#include "export.h"
#include "template.h"
#include "text.h"
#include "verify.h"
#include "workflow.h"
#include "xlsx_util.h"

#define GRID 48
#define BODY_PT 10.5
#define SMALL_PT 9.0
#define TITLE_PT 18.0
#define MAX_SPLIT_COLS 10   /* a table row holds at most this many columns on one line */
#define BOX_ON "☑"
#define BOX_OFF "☐"
#define GAP "　"            /* ideographic space between options */

/* What a signed step looked like in the history (current round only). */
typedef struct signed_step {
	char step[64], login[200], at[17], label[64];   /* login: who signed, as recorded */
	char *opinion;
	char *record;             /* the step's record in words, as signed */
	char *values;             /* ... and its values (JSON), for the step's paper */
	buf log;                  /* every signature at the step this round, a line
				   * each (a test's extensions with their reasons) */
	buf co;                   /* a step of several signers: the co-signatures
				   * before the last, one a line */
	char cologins[1024];
	int closed;               /* the last event moved the step on */
} signed_step;

typedef struct form_ctx {
	char code[64];                  /* the history's 校验码 when printed */
	xw_book *b;
	lxw_worksheet *ws;
	const app_rec *r;
	const app_data *d;
	const tpl_form *f;
	int unit_px;               /* pixels per grid column on this sheet */
	int row;                   /* next free row */
	double *h;                 /* row heights in points */
	unsigned char *keep;       /* keep[i]: row i stays on the page of row i + 1 */
	int nh;
	int landscape;
	int pages;                      /* the sheet's pages as finish_sheet broke it */
	const app_data *approved;       /* the approved configuration, or NULL */
	int dry;                   /* measuring only: nothing is written */
	double squeeze;            /* widest table: what its columns want / the width */
	double total, page;        /* the sheet's rows and a page, in points */
	struct trange { int hdr, first, last; } *tabs;   /* tables on this sheet */
	int ntabs;
	int totals_after;          /* section index after whose table the totals go */
	signed_step *sig;
	int nsig;
} form_ctx;

/* ---- measuring ---- */

/* Half-em columns of text a box of `span` grid columns holds at size pt. */
static int span_cols(const form_ctx *c, int span, double pt)
{
	double px = span * c->unit_px - 6;        /* cell padding both sides */
	double half_em = pt * 96.0 / 72.0 / 2.0;  /* px of an ASCII letter */
	/* 6% short of the width: line-breaking rules (no line starts with
	 * ，。） and ends with （《) leave lines short of full. */
	int cols = (int)(px / half_em * 0.94);
	return cols < 2 ? 2 : cols;
}

/* Grid columns needed for `cols` half-em columns at size pt. */
static int cols_span(const form_ctx *c, int cols, double pt)
{
	double px = cols * pt * 96.0 / 72.0 / 2.0 + 6;
	int s = (int)ceil(px / c->unit_px);
	return s < 1 ? 1 : s;
}

static double line_pt(double pt)
{
	return pt * 1.25;   /* LibreOffice sets 文泉驿 at 1.24, Excel 宋体 11 rows are 14.25 */
}

static void grow(form_ctx *c, int row)
{
	if (row < c->nh)
		return;
	int n = c->nh ? c->nh : 64;
	while (n <= row)
		n *= 2;
	c->h = xrealloc(c->h, sizeof *c->h * (size_t)n);
	c->keep = xrealloc(c->keep, (size_t)n);
	for (int i = c->nh; i < n; i++) {
		c->h[i] = 0;
		c->keep[i] = 0;
	}
	c->nh = n;
}

static void need_height(form_ctx *c, int row, double pt)
{
	grow(c, row);
	if (pt > c->h[row])
		c->h[row] = pt;
}

/* Rows first..last print on one page (a heading and what follows it, a
 * signature block, a table's header and first record). */
static void keep_together(form_ctx *c, int first, int last)
{
	grow(c, last);
	for (int i = first; i < last; i++)
		c->keep[i] = 1;
}

/* The height text needs in a box spanning `span` columns and `rows` rows:
 * spread over the rows, so a tall label over two rows is covered. */
static void need_text(form_ctx *c, int row, int rows, int span, const char *s, double pt, int min_lines)
{
	int lines = xw_lines(s, span_cols(c, span, pt));
	if (lines < min_lines)
		lines = min_lines;
	double total = lines * line_pt(pt) + 3.5;
	double have = 0;
	for (int i = 1; i < rows; i++)
		have += row + i < c->nh && c->h[row + i] > 0 ? c->h[row + i] : 20;
	need_height(c, row, total - have < 0 ? 0 : total - have);
}

/* ---- styles ---- */

enum { S_LABEL, S_VALUE, S_VALUE_C, S_HEAD, S_SECTION, S_TITLE, S_SUB, S_SUB_R, S_NOTE, S_TEXT,
       S_SIGN, S_SIGNED, S_GREY };

static lxw_format *fmt(form_ctx *c, int kind, const char *num)
{
	xw_style st = { .size = BODY_PT, .border = 1, .wrap = 1 };
	switch (kind) {
	case S_LABEL: st.align = LXW_ALIGN_CENTER; break;
	case S_VALUE: st.text = 1; st.align = LXW_ALIGN_LEFT; break;
	case S_VALUE_C: st.align = LXW_ALIGN_CENTER; break;
	case S_HEAD: st.align = LXW_ALIGN_CENTER; st.bold = 1; st.shade = 1; break;
	case S_SECTION: st.bold = 1; st.shade = 1; break;
	case S_TITLE: st.size = TITLE_PT; st.bold = 1; st.border = 0; st.align = LXW_ALIGN_CENTER; break;
	case S_SUB: st.size = SMALL_PT; st.border = 0; st.color = 0x595959; break;
	case S_SUB_R: st.border = 0; st.align = LXW_ALIGN_RIGHT; st.text = 1; break;
	case S_NOTE: st.size = SMALL_PT; st.border = 0; st.valign = LXW_ALIGN_VERTICAL_TOP; st.text = 1; break;
	case S_TEXT: st.valign = LXW_ALIGN_VERTICAL_TOP; st.align = LXW_ALIGN_JUSTIFY; st.text = 1; break;
	case S_SIGN: st.align = LXW_ALIGN_RIGHT; st.text = 1; break;
	case S_SIGNED: st.valign = LXW_ALIGN_VERTICAL_TOP; st.text = 1; break;
	case S_GREY: st.color = 0x7F7F7F; st.italic = 1; st.valign = LXW_ALIGN_VERTICAL_TOP; break;
	}
	if (num) {
		st.text = 0;
		snprintf(st.num, sizeof st.num, "%s", num);
	}
	return xw_fmt(c->b, &st);
}

/* A box: a merged range (or one cell) holding user text. */
static void box(form_ctx *c, int r1, int c1, int r2, int c2, const char *s, lxw_format *f)
{
	if (c->dry)
		return;
	if (r1 != r2 || c1 != c2)
		xw_check(worksheet_merge_range(c->ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, "", f), r1, c1);
	xw_text(c->ws, r1, c1, s, f);
}

/* ---- values as printed ---- */

/* The "other" items of a choice value (not among the choices), joined
 * with 、, or "" */
static void other_items(const tpl_field *f, const char *v, buf *out)
{
	char *o = value_others(f, v), *save = NULL;
	int n = 0;
	for (char *it = strtok_r(o, "\n", &save); it; it = strtok_r(NULL, "\n", &save))
		buf_printf(out, "%s%s", n++ ? "、" : "", it);
	free(o);
}

/* Joins the option items (separated by '\x1f') with a wide space, breaking
 * the line between items - never between a box and its word - when the
 * next one would pass `cols` half-em columns (0: never). */
static void join_items(const char *items, int cols, buf *out)
{
	int used = 0;
	const char *p = items;
	while (*p) {
		const char *e = strchr(p, '\x1f');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		int w = xw_print_cols(p, l);
		if (used && cols > 0 && used + 2 + w > cols) {
			buf_puts(out, "\n");
			used = 0;
		} else if (used) {
			buf_puts(out, GAP);
			used += 2;
		}
		buf_add(out, p, l);
		used += w;
		p += l + (e ? 1 : 0);
	}
}

/* Choices with boxes as on paper: ☑机关单位　☐事业单位　☐其他：____.
 * compact (table cells): an unused "other" is just ☐其他. */
static void box_items(const tpl_field *f, const char *v, int compact, buf *it)
{
	if (f->type == F_BOOL) {
		buf_printf(it, "%s是\x1f%s否", !strcmp(v, "是") ? BOX_ON : BOX_OFF, !strcmp(v, "否") ? BOX_ON : BOX_OFF);
	} else {
		for (int i = 0; i < f->nchoices; i++)
			buf_printf(it, "%s%s%s", i ? "\x1f" : "", value_has(v, f->choices[i].value) ? BOX_ON : BOX_OFF,
				   f->choices[i].value);
		if (f->other) {
			buf o = { 0 };
			other_items(f, v, &o);
			buf_printf(it, "%s%s其他%s%s", f->nchoices ? "\x1f" : "", o.len ? BOX_ON : BOX_OFF,
				   o.len || !compact ? "：" : "", o.len ? o.s : compact ? "" : "________");
			buf_free(&o);
		}
	}
}

static void boxed(const tpl_field *f, const char *v, int compact, int cols, buf *out)
{
	buf it = { 0 };
	box_items(f, v, compact, &it);
	join_items(it.s ? it.s : "", cols, out);
	buf_free(&it);
}

/* Only what was chosen: 银河麒麟V10、CentOS 7.9 */
static void chosen(const char *v, buf *out)
{
	for (const char *p = v; *p; p++)
		if (*p == '\n')
			buf_puts(out, "、");
		else
			buf_add(out, p, 1);
}

static int boxed_width(const tpl_field *f)
{
	buf b = { 0 };
	boxed(f, "", 0, 0, &b);
	int w = xw_print_cols(b.s, b.len);
	buf_free(&b);
	return w;
}

/* Does the unit already appear in the label ("内存(GB)")? */
static int unit_in_label(const tpl_field *f)
{
	return f->unit && *f->unit && strstr(f->label, f->unit);
}

/* The number format of an int field: 0"GB" */
static void int_format(const tpl_field *f, int with_unit, char *out, size_t n)
{
	if (with_unit && f->unit && *f->unit && !strpbrk(f->unit, "\"\\"))
		snprintf(out, n, "0\"%s\"", f->unit);
	else
		snprintf(out, n, "0");
}

enum { SHOW_CHOSEN, SHOW_BOXES, SHOW_BOXES_COMPACT };

/* The text a value prints as in a box `cols` half-em columns wide (0: any
 * width): choices per `show`, a date as 2026年12月31日 (as typed if it is
 * no date), a number with its unit. */
static char *value_text(const tpl_field *f, const char *v, int show, int cols)
{
	buf b = { 0 };
	if (f->type == F_CHOICE || f->type == F_MULTI || f->type == F_BOOL) {
		if (show != SHOW_CHOSEN)
			boxed(f, v, show == SHOW_BOXES_COMPACT, cols, &b);
		else
			chosen(v, &b);
	} else if ((f->type == F_DATE || f->type == F_MONTH) && *v) {
		/* The date as the form shows it; one that does not read as a
		 * date is printed as it was typed, never replaced. */
		ys_date d;
		char cn[40];
		if (f->type == F_DATE && !date_parse(v, &d)) {
			date_cn(d, cn, sizeof cn);
			buf_puts(&b, cn);
		} else if (f->type == F_MONTH && !date_parse_month(v, &d)) {
			date_cn(d, cn, sizeof cn);
			buf_printf(&b, "%.*s", (int)(strstr(cn, "月") ? strstr(cn, "月") - cn + strlen("月") : strlen(cn)), cn);
		} else {
			buf_puts(&b, v);
		}
	} else if (f->type == F_INT && f->unit && *f->unit) {
		buf_printf(&b, "%s%s", *v ? v : "____", f->unit);   /* room to write a number */
	} else {
		buf_puts(&b, v);
	}
	return buf_take(&b);
}

static void merge(form_ctx *c, int r1, int c1, int r2, int c2, lxw_format *fm)
{
	if (!c->dry && (r1 != r2 || c1 != c2))
		xw_check(worksheet_merge_range(c->ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, "", fm), r1, c1);
}

/* Writes one value into a box and asks for the height it needs. Numbers
 * and dates are real numbers and dates; the rest is text. */
static void value_box(form_ctx *c, int r1, int c1, int r2, int c2, const tpl_field *f, const char *v,
		      int show, int with_unit, int center)
{
	char num[64];
	int cols = span_cols(c, c2 - c1 + 1, BODY_PT);
	char *end;
	long long n = f->type == F_INT && *v ? strtoll(v, &end, 10) : 0;
	ys_date dd;
	int kind = center || c2 - c1 < 12 ? S_VALUE_C : S_VALUE;   /* a lone number in a wide box sits left */
	if (f->type == F_INT && *v && !*end) {
		int_format(f, with_unit, num, sizeof num);
		lxw_format *fm = fmt(c, kind, num);
		merge(c, r1, c1, r2, c2, fm);
		if (!c->dry)
			xw_number(c->ws, r1, c1, (double)n, fm);
	} else if (*v && ((f->type == F_DATE && !date_parse(v, &dd)) ||
			  (f->type == F_MONTH && !date_parse_month(v, &dd)))) {
		char iso[11];
		date_iso(dd, iso);
		lxw_format *fm = fmt(c, kind, f->type == F_DATE ? "yyyy\"年\"m\"月\"d\"日\"" : "yyyy\"年\"m\"月\"");
		merge(c, r1, c1, r2, c2, fm);
		if (!c->dry)
			xw_date(c->ws, r1, c1, iso, 0, fm);
	} else {
		char *t = value_text(f, v, show, cols);
		box(c, r1, c1, r2, c2, t, fmt(c, f->type == F_TEXTAREA ? S_TEXT : center ? S_VALUE_C : S_VALUE, NULL));
		free(t);
	}
	char *t = value_text(f, v, show, cols);
	/* An empty text box keeps room for the pen. */
	need_text(c, r1, r2 - r1 + 1, c2 - c1 + 1, t, BODY_PT, f->type == F_TEXTAREA ? (*v ? 2 : 3) : 1);
	free(t);
}

/* A label as the paper prints it: marked * when the item needs an
 * attachment (永嘉's *云备份). */
static const char *print_label(const tpl_field *f, char *out, size_t n)
{
	snprintf(out, n, "%s%s", f->attach ? "*" : "", f->label);
	return out;
}

/* ---- fields packed side by side ---- */

typedef struct slot {
	const tpl_field *f;
	const char *v;
	int ls, vs, vmin;     /* label span, value span wanted, value span at least */
} slot;

static int label_span(form_ctx *c, const char *label)
{
	int min = cols_span(c, 4, BODY_PT), max = cols_span(c, 24, BODY_PT);
	int s = cols_span(c, xw_print_cols(label, strlen(label)), BODY_PT);
	return s < min ? min : s > max ? max : s;
}

/* Half-em columns a value wants, by type (so rows of the same kind line
 * up), widened for a longer actual value; *least: what the actual value
 * needs. */
static int value_cols(const tpl_field *f, const char *v, int *least)
{
	int w;
	switch (f->type) {
	case F_TEXT: w = f->max_len <= 10 ? 10 : f->max_len <= 20 ? 12 : f->max_len <= 40 ? 24 :
		     f->max_len <= 60 ? 28 : 36; break;
	case F_PHONE: w = 13; break;
	case F_EMAIL: w = 20; break;
	case F_DATE: w = 16; break;
	case F_MONTH: w = 12; break;
	case F_INT: w = 8 + (f->unit ? xw_print_cols(f->unit, strlen(f->unit)) : 0); break;
	case F_BOOL: w = 10; break;
	case F_CHOICE: case F_MULTI: w = boxed_width(f) + 2; break;
	default: w = 80; break;
	}
	char *t = value_text(f, v, SHOW_BOXES, 0);
	int a = xw_print_cols(t, strlen(t)) + 1;
	free(t);
	*least = a < 6 ? 6 : a;
	return a > w ? a : w;
}

static void flush_slots(form_ctx *c, slot *s, int n)
{
	if (!n)
		return;
	int used = 0;
	for (int i = 0; i < n; i++)
		used += s[i].ls + s[i].vs;
	int extra = GRID - used;
	for (int i = 0; i < n; i++)
		s[i].vs += extra / n + (i == n - 1 ? extra % n : 0);
	int col = 0;
	for (int i = 0; i < n; i++) {
		char pl[256];
		box(c, c->row, col, c->row, col + s[i].ls - 1, print_label(s[i].f, pl, sizeof pl), fmt(c, S_LABEL, NULL));
		need_text(c, c->row, 1, s[i].ls, pl, BODY_PT, 1);
		col += s[i].ls;
		value_box(c, c->row, col, c->row, col + s[i].vs - 1, s[i].f, s[i].v, SHOW_BOXES, 1, 0);
		col += s[i].vs;
	}
	need_height(c, c->row, 17);
	c->row++;
}

/* Shrinks the values of a row towards what they need so the row fits;
 * returns 0 when even that is too wide. */
static int squeeze(slot *s, int n)
{
	int used = 0, slack = 0;
	for (int i = 0; i < n; i++) {
		used += s[i].ls + s[i].vs;
		slack += s[i].vs - s[i].vmin;
	}
	if (used <= GRID)
		return 1;
	if (used - slack > GRID)
		return 0;
	int over = used - GRID;
	for (int i = 0; over > 0; i = (i + 1) % n)
		if (s[i].vs > s[i].vmin) {
			s[i].vs--;
			over--;
		}
	return 1;
}

/* Does field k of a section start a group that repeats on paper - 负责人
 * 联系电话 手机 邮箱, then 联系人 联系电话 手机 邮箱? Two different labels
 * followed by the same label mark two such groups; each starts a row. */
static int group_start(const tpl_field *fs, int n, int k)
{
	for (int m = 0; m + 1 < n; m++)
		if (m != k && k + 1 < n && strcmp(fs[m].label, fs[k].label) &&
		    !strcmp(fs[m + 1].label, fs[k + 1].label))
			return 1;
	return 0;
}

static void field_rows(form_ctx *c, int first, int nfields)
{
	slot *s = xcalloc((size_t)nfields + 1, sizeof *s);
	int n = 0;
	for (int k = 0; k < nfields; k++) {
		const tpl_field *f = &c->f->fields[first + k];
		const char *v = c->d->vals[first + k];
		if (!app_field_counts(c->d, first + k))
			continue;       /* a value that does not count is not on the paper */
		if (n && group_start(c->f->fields + first, nfields, k)) {
			flush_slots(c, s, n);
			n = 0;
		}
		char pl[256];
		int least, ls = label_span(c, print_label(f, pl, sizeof pl));
		int vs = cols_span(c, value_cols(f, v, &least), BODY_PT);
		int vmin = cols_span(c, least, BODY_PT);
		if (vmin > vs)
			vmin = vs;
		if (f->type == F_TEXTAREA || ls + vs > GRID - 4) {
			/* A whole row: the label at the left, the text wrapped. */
			flush_slots(c, s, n);
			n = 0;
			int lsw = ls < GRID / 6 ? GRID / 6 : ls;
			box(c, c->row, 0, c->row, lsw - 1, pl, fmt(c, S_LABEL, NULL));
			need_text(c, c->row, 1, lsw, pl, BODY_PT, 1);
			value_box(c, c->row, lsw, c->row, GRID - 1, f, v, SHOW_BOXES, 1, 0);
			need_height(c, c->row, 17);
			c->row++;
			continue;
		}
		s[n] = (slot){ f, v, ls, vs, vmin };
		if (!squeeze(s, n + 1)) {   /* leaves s alone when it fails */
			flush_slots(c, s, n);
			s[0] = (slot){ f, v, ls, vs, vmin };
			n = 0;
		}
		n++;
	}
	flush_slots(c, s, n);
	free(s);
}

/* ---- tables ---- */

/* Choices inside a table cell: boxed when few and short (as the paper
 * tables print them), else only what was chosen. */
static int table_boxes(const tpl_field *f)
{
	if (f->type == F_BOOL)
		return SHOW_BOXES_COMPACT;
	if (f->type != F_CHOICE && f->type != F_MULTI)
		return SHOW_CHOSEN;
	if (f->nchoices + f->other > 5)
		return SHOW_CHOSEN;
	for (int i = 0; i < f->nchoices; i++)
		if (xw_print_cols(f->choices[i].value, strlen(f->choices[i].value)) > 12)
			return SHOW_CHOSEN;
	return SHOW_BOXES_COMPACT;
}

static void totals_of(form_ctx *c, const app_data *d, const char *label)
{
	app_totals t;
	app_totals_of(d, &t);
	buf b = { 0 };
	buf_printf(&b, "主机 %lld 台，CPU %lld 核，内存 %lld GB，存储 %lld GB", t.hosts, t.vcpu, t.mem_gb, t.storage_gb);
	if (t.bandwidth)
		buf_printf(&b, "，带宽 %lld Mbps", t.bandwidth);
	buf_puts(&b, "。");
	int ls = label_span(c, label);
	box(c, c->row, 0, c->row, ls - 1, label, fmt(c, S_HEAD, NULL));
	box(c, c->row, ls, c->row, GRID - 1, b.s, fmt(c, S_VALUE, NULL));
	need_text(c, c->row, 1, GRID - ls, b.s, BODY_PT, 1);
	need_height(c, c->row, 17);
	c->row++;
	buf_free(&b);
}

static void totals_row(form_ctx *c)
{
	totals_of(c, c->d, "合计");
}

static void table_rows(form_ctx *c, int ti)
{
	const tpl_table *t = &c->f->tables[ti];
	const app_table *at = &c->d->tables[ti];
	int n = t->ncols;
	int *want = xcalloc((size_t)n, sizeof *want), *minw = xcalloc((size_t)n, sizeof *minw);
	int *span = xcalloc((size_t)n, sizeof *span);
	for (int k = 0; k < n; k++) {
		const tpl_field *f = &t->cols[k];
		int lw = xw_print_cols(f->label, strlen(f->label));
		int w = f->type == F_INT ? 8 : f->type == F_DATE ? 14 : 10;
		if (table_boxes(f)) {         /* boxes two a line */
			w = 6;
			for (int i = 0; i < f->nchoices; i++) {
				int ow = xw_print_cols(f->choices[i].value, strlen(f->choices[i].value)) + 4;
				if (ow > w)
					w = ow;
			}
			w = 2 * w;
		}
		for (int r = 0; r < at->nrows && !table_boxes(f); r++) {
			char *s = value_text(f, app_cell_shown(c->d, ti, r, k), SHOW_CHOSEN, 0);
			int sw = xw_print_cols(s, strlen(s)) + 2;
			free(s);
			if (sw > 30)
				sw = 30;
			if (sw > w)
				w = sw;
		}
		int half = (lw + 1) / 2 + 2;          /* the label on two lines */
		minw[k] = cols_span(c, half > 6 ? half : 6, BODY_PT);
		want[k] = cols_span(c, w > half ? w : half, BODY_PT);
	}
	int seq = cols_span(c, 5, BODY_PT);
	int avail = GRID - seq, sum = 0, summin = 0;
	for (int k = 0; k < n; k++) {
		sum += want[k];
		summin += minw[k];
	}
	int line1 = n;
	if ((double)sum / avail > c->squeeze)
		c->squeeze = (double)sum / avail;
	if (sum <= avail) {
		for (int k = 0; k < n; k++)
			span[k] = want[k];
	} else if (summin <= avail && n <= MAX_SPLIT_COLS + 1) {
		/* Shrink towards the minimum, each column by its share. */
		for (int k = 0; k < n; k++)
			span[k] = minw[k] + (int)((double)(want[k] - minw[k]) * (avail - summin) / (sum - summin));
	} else {
		/* Too wide for one line: the first columns on the record's first
		 * line at widths between their least and what they want, the
		 * rest as "label：value" on a second line beneath (as paper forms
		 * put backup choices under each host). */
		int s1 = 0, smin = 0, swant = 0;
		line1 = 0;
		while (line1 < n && line1 < MAX_SPLIT_COLS && s1 + (minw[line1] + want[line1]) / 2 <= avail) {
			s1 += (minw[line1] + want[line1]) / 2;
			smin += minw[line1];
			swant += want[line1];
			line1++;
		}
		if (line1 == 0) {
			line1 = 1;
			smin = swant = avail;
		}
		for (int k = 0; k < line1; k++)
			span[k] = swant <= avail ? want[k] :
				  minw[k] + (int)((double)(want[k] - minw[k]) * (avail - smin) / (swant - smin));
	}
	/* Spread what is left over the text columns. */
	int used = 0;
	for (int k = 0; k < line1; k++)
		used += span[k];
	for (int k = 0; used < avail; k = (k + 1) % line1, used++)
		span[k]++;
	while (used > avail) {   /* rounding */
		int big = 0;
		for (int k = 1; k < line1; k++)
			if (span[k] > span[big])
				big = k;
		span[big]--;
		used--;
	}

	/* Header. */
	int hr = c->row;
	box(c, hr, 0, hr, seq - 1, "序号", fmt(c, S_HEAD, NULL));
	int col = seq;
	for (int k = 0; k < line1; k++) {
		box(c, hr, col, hr, col + span[k] - 1, t->cols[k].label, fmt(c, S_HEAD, NULL));
		need_text(c, hr, 1, span[k], t->cols[k].label, BODY_PT, 1);
		col += span[k];
	}
	need_height(c, hr, 20);
	c->row++;
	int records = at->nrows ? at->nrows : 2;   /* blank lines for the pen */
	c->tabs = xrealloc(c->tabs, sizeof *c->tabs * (size_t)(c->ntabs + 1));
	c->tabs[c->ntabs++] = (struct trange){ hr, hr + 1, hr + records * (line1 < n ? 2 : 1) };
	keep_together(c, hr, hr + (line1 < n ? 2 : 1));
	for (int r = 0; r < records; r++) {
		int lines = line1 < n ? 2 : 1;
		int r1 = c->row, r2 = c->row + lines - 1;
		keep_together(c, r1, r2);
		if (r < at->nrows) {
			lxw_format *fm = fmt(c, S_VALUE_C, "0");
			merge(c, r1, 0, r2, seq - 1, fm);
			if (!c->dry)
				xw_number(c->ws, r1, 0, r + 1, fm);
		} else {
			box(c, r1, 0, r2, seq - 1, "", fmt(c, S_VALUE_C, NULL));
		}
		col = seq;
		for (int k = 0; k < line1; k++) {
			const tpl_field *f = &t->cols[k];
			const char *v = r < at->nrows ? app_cell_shown(c->d, ti, r, k) : "";
			int center = f->type != F_TEXT && f->type != F_TEXTAREA && !table_boxes(f);
			value_box(c, r1, col, r1, col + span[k] - 1, f, v, table_boxes(f), !unit_in_label(f), center);
			col += span[k];
		}
		need_height(c, r1, 20);
		if (lines > 1) {
			/* "label：value" items, a line breaking only between items. */
			buf it = { 0 }, b = { 0 };
			for (int k = line1; k < n; k++) {
				const tpl_field *f = &t->cols[k];
				const char *v = r < at->nrows ? app_cell_shown(c->d, ti, r, k) : "";
				buf_printf(&it, "%s%s：", k > line1 ? "\x1f" : "", f->label);
				if (table_boxes(f) != SHOW_CHOSEN) {
					box_items(f, v, 1, &it);
				} else {
					char *s = value_text(f, v, SHOW_CHOSEN, 0);
					buf_puts(&it, *s ? s : "________");
					free(s);
				}
			}
			join_items(it.s, span_cols(c, GRID - seq, BODY_PT), &b);
			box(c, r2, seq, r2, GRID - 1, b.s, fmt(c, S_VALUE, NULL));
			need_text(c, r2, 1, GRID - seq, b.s, BODY_PT, 1);
			need_height(c, r2, 17);
			buf_free(&it);
			buf_free(&b);
		}
		c->row = r2 + 1;
	}
	free(want);
	free(minw);
	free(span);
}

/* ---- sections ---- */

/* The template says where an appendix (附表, a 责任书) starts its own sheet. */
static int is_appendix(const tpl_form *f, int i)
{
	return f->sections[i].appendix;
}

static void section_title(form_ctx *c, const char *title)
{
	box(c, c->row, 0, c->row, GRID - 1, title, fmt(c, S_SECTION, NULL));
	need_height(c, c->row, 17);
	keep_together(c, c->row, c->row + 1);
	c->row++;
}

/* A fixed text (承诺, 责任书), one row a paragraph inside one frame, so a
 * long one can break between pages. Short lines at its end - （盖章）,
 * 年 月 日 - are where the unit seals and signs: at the right, as on
 * paper. */
static void fixed_text(form_ctx *c, const char *text)
{
	int n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	char **line = xcalloc((size_t)n, sizeof *line);
	const char *p = text;
	for (int i = 0; i < n; i++) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		line[i] = xmalloc(l + 1);
		memcpy(line[i], p, l);
		line[i][l] = '\0';
		p += l + (e ? 1 : 0);
	}
	int tail = n;
	while (tail > 1 && xw_print_cols(line[tail - 1], strlen(line[tail - 1])) <= 32)
		tail--;
	for (int i = 0; i < n; i++) {
		xw_style st = { .size = BODY_PT, .border = 1, .wrap = 1, .text = 1,
				.valign = LXW_ALIGN_VERTICAL_TOP, .align = LXW_ALIGN_JUSTIFY,
				.open_top = i > 0, .open_bottom = i < n - 1 };
		if (i >= tail)
			st.align = LXW_ALIGN_RIGHT;
		box(c, c->row, 0, c->row, GRID - 1, line[i], xw_fmt(c->b, &st));
		/* Paragraphs of one frame need little padding between them. */
		if (*line[i])
			need_height(c, c->row, xw_lines(line[i], span_cols(c, GRID, BODY_PT)) * line_pt(BODY_PT) + 2);
		else
			need_height(c, c->row, line_pt(BODY_PT) / 2);
		if (i >= tail - 1 && i < n - 1)
			keep_together(c, c->row, c->row + 1);   /* the seal lines stay together */
		c->row++;
		free(line[i]);
	}
	free(line);
}

/* A box for a pen and a seal (永嘉's 分管领导签字, a step paper's 盖章):
 * the label at the left, room to sign, and the date line. */
static void pen_box(form_ctx *c, const char *label)
{
	int ls = GRID / 5, r1 = c->row, r2 = c->row + 1;
	box(c, r1, 0, r2, ls - 1, label, fmt(c, S_LABEL, NULL));
	box(c, r1, ls, r1, GRID - 1, "", fmt(c, S_SIGNED, NULL));
	need_text(c, r1, 1, GRID - ls, "", BODY_PT, 2);
	const char *line = "签字（盖章）：________________" GAP GAP "日期：" GAP GAP "年" GAP "月" GAP "日";
	box(c, r2, ls, r2, GRID - 1, line, fmt(c, S_SIGN, NULL));
	need_height(c, r2, 24);
	need_text(c, r1, 2, ls, label, BODY_PT, 1);
	keep_together(c, r1, r2);
	c->row = r2 + 1;
}

/* Boxes for several parties side by side (韶关's 责任书): each its name,
 * room to seal, and its signature and date. */
static void pen_row(form_ctx *c, char *const *labels, int n)
{
	int r1 = c->row, r2 = c->row + 1, w = GRID / n;
	for (int k = 0; k < n; k++) {
		int c1 = k * w, c2 = k == n - 1 ? GRID - 1 : c1 + w - 1;
		box(c, r1, c1, r1, c2, labels[k], fmt(c, S_SIGNED, NULL));
		need_text(c, r1, 1, c2 - c1 + 1, labels[k], BODY_PT, 4);
		box(c, r2, c1, r2, c2, "负责人签字：__________\n日期：" GAP GAP "年" GAP "月" GAP "日", fmt(c, S_SIGNED, NULL));
		need_text(c, r2, 1, c2 - c1 + 1, "负责人签字：\n日期：", BODY_PT, 2);
	}
	keep_together(c, r1, r2);
	c->row = r2 + 1;
}

static void section(form_ctx *c, int i, int as_page_title)
{
	const tpl_section *s = &c->f->sections[i];
	if (!app_section_counts(c->d, i))
		return;
	/* A section that is a single box of the same name needs no heading
	 * (需求背景描述); an appendix's first section is the page title. */
	int single = s->nfields == 1 && s->table < 0 && !s->text &&
		     !strcmp(c->f->fields[s->first_field].label, s->title);
	if (!as_page_title && !single)
		section_title(c, s->title);
	if (s->text)
		fixed_text(c, s->text);
	if (s->nfields)
		field_rows(c, s->first_field, s->nfields);
	if (s->table >= 0) {
		table_rows(c, s->table);
		if (i == c->totals_after) {
			keep_together(c, c->row - 1, c->row);
			totals_row(c);
		}
	}
	if (s->signs_side && s->nsigns)
		pen_row(c, s->signs, s->nsigns);
	for (int k = 0; !s->signs_side && k < s->nsigns; k++)
		pen_box(c, s->signs[k]);
}

/* ---- signatures ---- */

/* What the history says of step `step` this round, or NULL. */
static signed_step *sig_of(const form_ctx *c, const char *step)
{
	for (int i = 0; i < c->nsig; i++)
		if (!strcmp(c->sig[i].step, step))
			return &c->sig[i];
	return NULL;
}

static int history_cb(const app_event *e, void *ctx)
{
	form_ctx *c = ctx;
	const tpl_step *st = flow_step(template_flow(c->d->tpl, c->r->kind), e->step);
	/* The co-signatures the core counts: an edit or a submission voids
	 * those of a step not yet moved on; an extension (延长) on a step of
	 * several signers is one line of the visit, not its outcome. */
	for (int i = 0; i < c->nsig && strcmp(e->kind, EV_ACT) && workflow_ends_cosigns(NULL, e); i++)
		if (!c->sig[i].closed) {
			buf_free(&c->sig[i].co);
			c->sig[i].cologins[0] = '\0';
		}
	int co = !strcmp(e->kind, EV_COSIGN) || (st && st->need != 1 && !strcmp(e->kind, EV_ACT) &&
						   workflow_is_extension(st, e->action));
	if ((strcmp(e->kind, EV_ACT) && !co) || e->round != c->r->round)
		return 0;
	signed_step *s = sig_of(c, e->step);
	if (!s) {
		c->sig = xrealloc(c->sig, sizeof *c->sig * (size_t)(c->nsig + 1));
		s = &c->sig[c->nsig++];
		memset(s, 0, sizeof *s);
		snprintf(s->step, sizeof s->step, "%s", e->step);
	}
	/* A visit of the step: its co-signatures, then the signature that
	 * moved it on; the box shows the latest visit. */
	if (s->closed) {
		buf_free(&s->co);
		s->cologins[0] = s->login[0] = '\0';
	}
	s->closed = !co;
	snprintf(s->at, sizeof s->at, "%s", e->at);
	buf_printf(&s->log, "%.10s %.5s  %s：%s%s%s\n", e->at, e->at + 11, e->signer, e->label,
		   e->opinion && *e->opinion ? "。" : "", e->opinion ? e->opinion : "");
	if (co) {
		buf_printf(&s->co, "%s：%s%s%s（%.10s %.5s）\n", e->signer, e->label, e->opinion && *e->opinion ? "。" : "",
			   e->opinion ? e->opinion : "", e->at, e->at + 11);
		size_t l = strlen(s->cologins);
		if (!strcmp(e->kind, EV_COSIGN))
			snprintf(s->cologins + l, sizeof s->cologins - l, "%s、", e->signer);
		return 0;
	}
	snprintf(s->login, sizeof s->login, "%s", e->signer);
	snprintf(s->at, sizeof s->at, "%s", e->at);
	snprintf(s->label, sizeof s->label, "%s", e->label);
	free(s->opinion);
	s->opinion = xstrdup(e->opinion ? e->opinion : "");
	free(s->record);
	s->record = xstrdup(e->old ? e->old : "");
	free(s->values);
	s->values = xstrdup(e->new ? e->new : "{}");
	return 0;
}

static void signature(form_ctx *c, const tpl_sig *sg)
{
	const tpl_flow *fl = template_flow(c->d->tpl, c->r->kind);
	const tpl_step *st = flow_step(fl, sg->step);
	const signed_step *s = sig_of(c, sg->step);
	if (s && !s->login[0] && !s->co.len)
		s = NULL;       /* its co-signatures were voided */
	int skipped = st && !step_applies(st, c->d);
	int ls = GRID / 5;
	int r1 = c->row, r2 = c->row + 1;
	box(c, r1, 0, r2, ls - 1, sg->label, fmt(c, S_LABEL, NULL));
	buf op = { 0 }, line = { 0 };
	if (s && !s->login[0]) {
		/* Co-signed so far, not yet by all it needs. */
		buf_printf(&op, "%s（会签未齐）", s->co.s);
		buf_printf(&line, "已会签：%.*s", (int)strlen(s->cologins) - 3, s->cologins);
		box(c, r1, ls, r1, GRID - 1, op.s, fmt(c, S_SIGNED, NULL));
		need_text(c, r1, 1, GRID - ls, op.s, BODY_PT, 2);
	} else if (s) {
		const char *o = s->opinion;
		if (s->co.len)
			buf_printf(&op, "%s%s：", s->co.s, s->login);
		if (!*o || !strncmp(o, s->label, strlen(s->label)))
			buf_puts(&op, *o ? o : s->label);
		else
			buf_printf(&op, "%s。%s", s->label, o);
		if (*s->record)
			buf_printf(&op, "\n记录：%s", s->record);
		ys_date d;
		char cn[32] = "";
		if (!date_parse(s->at, &d))
			date_cn(d, cn, sizeof cn);
		buf_printf(&line, "签字：%s%s（系统内签署，%.5s）" GAP GAP "日期：%s", s->cologins, s->login, s->at + 11, cn);
		box(c, r1, ls, r1, GRID - 1, op.s, fmt(c, S_SIGNED, NULL));
		need_text(c, r1, 1, GRID - ls, op.s, BODY_PT, 2);
	} else if (!st) {
		/* A box of the paper for a step of another kind's flow (徽州's
		 * one form: 领导审批 is not in a change's flow). */
		buf_printf(&op, "（本申请为%s，不经此环节）", kind_label(c->r->kind));
		buf_puts(&line, "");
		box(c, r1, ls, r1, GRID - 1, op.s, fmt(c, S_GREY, NULL));
		need_text(c, r1, 1, GRID - ls, op.s, BODY_PT, 2);
	} else if (skipped) {
		const tpl_field *wf = form_mapped(c->f, st->when_filled);
		const char *v = app_mapped(c->d, st->when_filled);
		if (*v)
			buf_printf(&op, "（本申请“%s”为“%s”，不经%s环节）", wf ? wf->label : maps_name(st->when_filled), v, st->name);
		else
			buf_printf(&op, "（本申请未填写“%s”，不经%s环节）", wf ? wf->label : maps_name(st->when_filled), st->name);
		buf_puts(&line, "");
		box(c, r1, ls, r1, GRID - 1, op.s, fmt(c, S_GREY, NULL));
		need_text(c, r1, 1, GRID - ls, op.s, BODY_PT, 2);
	} else {
		buf_puts(&line, "签字：________________" GAP GAP "日期：" GAP GAP "年" GAP "月" GAP "日");
		box(c, r1, ls, r1, GRID - 1, "", fmt(c, S_SIGNED, NULL));
		need_text(c, r1, 1, GRID - ls, "", BODY_PT, 3);
	}
	box(c, r2, ls, r2, GRID - 1, line.s ? line.s : "", fmt(c, S_SIGN, NULL));
	need_height(c, r2, 24);
	need_text(c, r2, 1, GRID - ls, line.s ? line.s : "", BODY_PT, 1);
	need_text(c, r1, 2, ls, sg->label, BODY_PT, 1);
	keep_together(c, r1, r2);
	c->row = r2 + 1;
	buf_free(&op);
	buf_free(&line);
}

/* A step entered only on demand (大同's 专家论证) has no box of the paper:
 * when it was signed, its box follows the paper's own. */
static void extra_boxes(form_ctx *c)
{
	const tpl_flow *fl = template_flow(c->d->tpl, c->r->kind);
	for (int i = 0; fl && i < fl->nsteps; i++) {
		const tpl_step *st = &fl->steps[i];
		if (!st->on_demand || !sig_of(c, st->id))
			continue;
		char label[128];
		snprintf(label, sizeof label, "%s意见", st->name);
		tpl_sig extra = { st->id, label };
		signature(c, &extra);
	}
}

/* A return or refusal at a step the paper has no box for (受理's 不予受理):
 * printed after the boxes, so the decision and its opinion are on paper. */
static void decision_box(form_ctx *c)
{
	if (strcmp(c->r->status, ST_RETURNED) && strcmp(c->r->status, ST_REJECTED))
		return;
	const signed_step *last = NULL;
	for (int i = 0; i < c->nsig; i++)
		if (!last || strcmp(c->sig[i].at, last->at) > 0)
			last = &c->sig[i];
	if (!last)
		return;
	for (int i = 0; i < c->f->nsigs; i++)
		if (!strcmp(c->f->sigs[i].step, last->step))
			return;
	const tpl_step *st = flow_step(template_flow(c->d->tpl, c->r->kind), last->step);
	if (st && st->on_demand)
		return;         /* extra_boxes printed it */
	char step[64], label[128];
	snprintf(step, sizeof step, "%s", last->step);
	snprintf(label, sizeof label, "%s意见", st ? st->name : last->step);
	tpl_sig extra = { step, label };
	signature(c, &extra);
}

/* ---- sheets ---- */

static void docno_text(const app_rec *r, const template *t, buf *out)
{
	if (r->docno[0]) {
		buf_puts(out, r->docno);
		return;
	}
	/* Not numbered yet: the format with blanks, as on the paper form. */
	for (const char *p = t->docno; p && *p; p++) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				buf_puts(out, !strncmp(p, "{year}", 6) ? GAP GAP GAP GAP : GAP GAP GAP);
				p = e;
				continue;
			}
		}
		buf_add(out, p, 1);
	}
}

/* Starts a sheet (or, dry, only its measurements). */
static int new_sheet(form_ctx *c, const char *name, int landscape)
{
	c->unit_px = landscape ? 21 : 14;
	c->landscape = landscape;
	c->row = 0;
	c->ntabs = 0;
	c->squeeze = 0;
	for (int i = 0; i < c->nh; i++) {
		c->h[i] = 0;
		c->keep[i] = 0;
	}
	if (c->dry)
		return 0;
	char nm[128];
	xw_sheet_name(c->b, name, nm, sizeof nm);
	c->ws = workbook_add_worksheet(c->b->wb, nm);
	if (!c->ws)
		return -1;
	xw_print_a4(c->ws, landscape, c->code);
	worksheet_gridlines(c->ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_set_column_pixels(c->ws, 0, GRID - 1, (uint32_t)c->unit_px, NULL);
	return 0;
}

/* Row heights, then where the pages break. The sheet is fitted to the
 * page width, so a page holds a known height of rows: break between
 * blocks, never inside a kept block, and repeat the header of the table a
 * break falls into. A sheet somewhat over one page is shrunk onto one
 * instead (SHRINK_MAX), as a clerk would do; the estimates err on the
 * tall side, so a page is rarely shrunk by as much. */
#define SHRINK_MAX 1.4

static void finish_sheet(form_ctx *c)
{
	double total = 0;
	for (int i = 0; i < c->row; i++) {
		grow(c, i);
		if (c->h[i] <= 0)
			c->h[i] = 18;
		total += c->h[i];
	}
	double pw = c->landscape ? 11.69 : 8.27, ph = c->landscape ? 8.27 : 11.69;
	double content = GRID * c->unit_px * 0.75;
	double scale = (pw - 1.0) * 72 / content;
	if (scale > 1)
		scale = 1;
	c->total = total;
	c->page = (ph - 0.6 - 0.7) * 72 * 0.96 / scale;
	c->pages = 1;
	for (int i = 0; !c->dry && i < c->row; i++)
		worksheet_set_row(c->ws, (lxw_row_t)i, c->h[i], NULL);
	if (!c->dry && c->row > 0)
		worksheet_print_area(c->ws, 0, 0, (lxw_row_t)(c->row - 1), GRID - 1);
	int rep = c->ntabs == 1 ? 0 : -1;   /* one page: the only table's header */
	if (total > c->page * SHRINK_MAX) {
		/* The breaks, dry runs too: the pages they make are the count
		 * the choice of orientation compares (a repeated header and a
		 * group kept together can take a page more than the total). */
		lxw_row_t *br = xcalloc((size_t)c->row + 1, sizeof *br);
		int nb = 0, split = -1;
		double pos = 0;
		for (int i = 0; i < c->row; i++) {
			if (pos + c->h[i] <= c->page || pos == 0) {
				pos += c->h[i];
				continue;
			}
			int b = i, last = nb ? (int)br[nb - 1] : 0;
			while (b - 1 > last + 1 && c->keep[b - 1])
				b--;
			if (b <= last + 1)
				b = i;
			br[nb++] = (lxw_row_t)b;
			pos = 0;
			for (int t = 0; t < c->ntabs; t++)
				if (b > c->tabs[t].first && b <= c->tabs[t].last && (split < 0 || split == t)) {
					split = t;
					pos = c->h[c->tabs[t].hdr];
				}
			i = b - 1;
		}
		rep = split;
		c->pages = nb + 1;
		if (!c->dry && nb && nb < 1023)
			worksheet_set_h_pagebreaks(c->ws, br);
		free(br);
	} else if (total > c->page && !c->dry) {
		worksheet_fit_to_pages(c->ws, 1, 1);
	}
	if (c->dry)
		return;
	if (rep >= 0)
		worksheet_repeat_rows(c->ws, (lxw_row_t)c->tabs[rep].hdr, (lxw_row_t)c->tabs[rep].hdr);
}

static void heading(form_ctx *c, const char *title, int with_docno)
{
	box(c, c->row, 0, c->row, GRID - 1, title, fmt(c, S_TITLE, NULL));
	need_text(c, c->row, 1, GRID, title, TITLE_PT, 1);
	keep_together(c, c->row, c->row + 2);
	c->row++;
	buf b = { 0 };
	if (with_docno && c->d->tpl->docno)
		docno_text(c->r, c->d->tpl, &b);
	else
		buf_printf(&b, "申请单位：%s", c->r->unit);
	char left[160];
	snprintf(left, sizeof left, "申请编号：%lld", c->r->id);
	box(c, c->row, 0, c->row, GRID / 3 - 1, left, fmt(c, S_SUB, NULL));
	box(c, c->row, GRID / 3, c->row, GRID - 1, b.s, fmt(c, S_SUB_R, NULL));
	need_height(c, c->row, 17);
	c->row++;
	buf_free(&b);
}

static int part_has_table(const tpl_form *f, int from, int to)
{
	for (int i = from; i < to; i++)
		if (f->sections[i].table >= 0)
			return 1;
	return 0;
}

/* The * items' attachments, each once: "注：标 * 的项目申请时须另附：
 * 云备份——请提供系统备份实施方案…；…" (where the form has any). */
static void attach_note(form_ctx *c, buf *out)
{
	const tpl_form *f = c->f;
	for (int i = 0; i < f->nfields; i++) {
		const tpl_field *fd = &f->fields[i];
		int seen = 0;
		for (int j = 0; fd->attach && j < i; j++)
			seen |= f->fields[j].attach && !strcmp(f->fields[j].attach, fd->attach);
		if (!fd->attach || seen)
			continue;
		int more = 0;
		for (int j = i + 1; j < f->nfields; j++)
			more |= f->fields[j].attach && !strcmp(f->fields[j].attach, fd->attach);
		buf_printf(out, "%s%s%s——%s", out->len ? "；" : "注：标 * 的项目申请时须另附材料：", fd->label,
			   more ? "等" : "", fd->attach);
	}
	if (out->len)
		buf_puts(out, "。");
}

/* One sheet: sections [from, to), and for the main sheet the signatures
 * and notes. */
static int write_part(form_ctx *c, int from, int to, int main, int landscape)
{
	const tpl_form *f = c->f;
	if (new_sheet(c, main ? f->title : f->sections[from].title, landscape))
		return -1;
	heading(c, main ? f->title : f->sections[from].title, main);
	for (int i = from; i < to; i++)
		section(c, i, !main && i == from);
	if (main) {
		for (int i = 0; i < f->nsigs; i++)
			signature(c, &f->sigs[i]);
		extra_boxes(c);
		decision_box(c);
		buf an = { 0 };
		attach_note(c, &an);
		for (int i = 0; i <= f->nnotes; i++) {
			const char *note = i < f->nnotes ? f->notes[i] : an.s;
			if (!note)
				continue;
			box(c, c->row, 0, c->row, GRID - 1, note, fmt(c, S_NOTE, NULL));
			need_text(c, c->row, 1, GRID, note, SMALL_PT, 1);
			c->row++;
		}
		buf_free(&an);
	}
	finish_sheet(c);
	return 0;
}

static double pages_of(const form_ctx *c)
{
	return c->total / c->page <= SHRINK_MAX ? 1 : c->pages;
}

/* Portrait unless the form allows landscape and the sheet's tables print
 * better so: fewer pages, or as many with a table clearly too wide for
 * portrait (its columns want a fifth more than the width) that landscape
 * squeezes less, without shrinking the page much more. */
static int choose_landscape(form_ctx *c, int from, int to, int main)
{
	if (!c->f->landscape || !part_has_table(c->f, from, to))
		return 0;
	c->dry = 1;
	write_part(c, from, to, main, 0);
	double pp = pages_of(c), sp = c->squeeze, rp = fmax(1, c->total / c->page / pp);
	write_part(c, from, to, main, 1);
	double pl = pages_of(c), sl = c->squeeze, rl = fmax(1, c->total / c->page / pl);
	c->dry = 0;
	if (pl != pp)
		return pl < pp;
	/* As many pages: landscape for a table too wide for portrait, unless
	 * that page has to be shrunk clearly more. */
	return sp > 1.2 && sl < sp && rl <= rp * 1.1;
}

/* A label and a text in one row of boxes. */
static void text_row(form_ctx *c, const char *label, const char *text)
{
	int ls = GRID / 5;
	box(c, c->row, 0, c->row, ls - 1, label, fmt(c, S_LABEL, NULL));
	box(c, c->row, ls, c->row, GRID - 1, text, fmt(c, S_VALUE, NULL));
	need_text(c, c->row, 1, GRID - ls, text, BODY_PT, 1);
	need_text(c, c->row, 1, ls, label, BODY_PT, 1);
	need_height(c, c->row, 17);
	c->row++;
}

/* A step's own paper (大同's 交付确认函, a test's record with its
 * extensions): who and what, its fixed text, the configuration, what the
 * signer recorded, every signature at the step, the step's box and the
 * boxes for pens and seals. Blank where not signed yet, to sign by hand. */
static int write_paper(form_ctx *c, const tpl_step *sp)
{
	const signed_step *s = sig_of(c, sp->id);
	if (new_sheet(c, sp->paper_title, 0))
		return -1;
	heading(c, sp->paper_title, 1);
	text_row(c, "申请单位", c->r->unit);
	if (c->r->system[0])
		text_row(c, "系统名称", c->r->system);
	if (sp->paper_text)
		fixed_text(c, sp->paper_text);
	totals_of(c, c->approved ? c->approved : c->d, c->approved ? "核定合计" : "合计");
	int n;
	tpl_field *fs = step_record_fields(c->d->tpl, c->r->kind, sp, c->d, &n);
	json *vals = s && s->values ? json_parse(s->values, NULL) : NULL;
	int ls = GRID / 5;
	for (int i = 0; i < n; i++) {
		box(c, c->row, 0, c->row, ls - 1, fs[i].label, fmt(c, S_LABEL, NULL));
		need_text(c, c->row, 1, ls, fs[i].label, BODY_PT, 1);
		value_box(c, c->row, ls, c->row, GRID - 1, &fs[i], json_str(vals, fs[i].id, ""), SHOW_BOXES, 1, 0);
		need_height(c, c->row, 20);
		c->row++;
	}
	json_free(vals);
	step_record_free(fs, n);
	if (s && s->log.len) {
		buf lg = { 0 };
		buf_add(&lg, s->log.s, s->log.len - 1);         /* without the last newline */
		text_row(c, "办理经过", lg.s);
		buf_free(&lg);
	}
	/* The step's outcome: signed once it moved on; while it is still the
	 * current step (an extension is in 办理经过), room for the pen. */
	char label[128];
	snprintf(label, sizeof label, "%s意见", sp->name);
	tpl_sig own = { sp->id, label };
	if (!strcmp(c->r->status, ST_PENDING) && !strcmp(c->r->step, sp->id))
		pen_box(c, label);
	else
		signature(c, &own);
	for (int k = 0; k < sp->npaper_signs; k++)
		pen_box(c, sp->paper_signs[k]);
	finish_sheet(c);
	return 0;
}

/* One approved item: what was asked, what was approved (✓ when the same). */
static void approved_row(const approve_item *it, void *ctx)
{
	form_ctx *c = ctx;
	const tpl_field *f = it->f;
	const char *label = it->label, *req = it->req, *ok = it->ok ? it->ok : it->req;
	int a = GRID * 2 / 5, b = GRID * 7 / 10;
	box(c, c->row, 0, c->row, a - 1, label, fmt(c, S_LABEL, NULL));
	need_text(c, c->row, 1, a, label, BODY_PT, 1);
	char *rt = value_text(f, req, SHOW_CHOSEN, 0), *ot = value_text(f, ok, SHOW_CHOSEN, 0);
	box(c, c->row, a, c->row, b - 1, rt, fmt(c, S_VALUE_C, NULL));
	box(c, c->row, b, c->row, GRID - 1, strcmp(req, ok) ? ot : "✓ 同申请", fmt(c, S_VALUE_C, NULL));
	need_text(c, c->row, 1, GRID - b, ot, BODY_PT, 1);
	need_height(c, c->row, 17);
	free(rt);
	free(ot);
	c->row++;
}

/* 审核后的云资源需求 (大同 第十二条; 永嘉's 审核 column): every item the
 * approving step may set, as asked and as approved, and both totals. */
static int write_approved(form_ctx *c, const app_data *ok, const char *step)
{
	if (new_sheet(c, "审核后的云资源需求", 0))
		return -1;
	heading(c, "审核后的云资源需求", 1);
	char sub[160];
	snprintf(sub, sizeof sub, "“%s”环节核定；未调整的项目按申请核定（✓）", step);
	text_row(c, "说明", sub);
	int a = GRID * 2 / 5, b = GRID * 7 / 10;
	box(c, c->row, 0, c->row, a - 1, "项目", fmt(c, S_HEAD, NULL));
	box(c, c->row, a, c->row, b - 1, "申请", fmt(c, S_HEAD, NULL));
	box(c, c->row, b, c->row, GRID - 1, "审核核定", fmt(c, S_HEAD, NULL));
	need_height(c, c->row, 17);
	c->row++;
	app_approve_items(c->d, ok, approved_row, c);
	totals_of(c, c->d, "申请合计");
	totals_of(c, ok, "核定合计");
	finish_sheet(c);
	return 0;
}

static int write_form(form_ctx *c, ys_err *err)
{
	const tpl_form *f = c->f;
	int main_end = f->nsections;
	for (int i = 1; i < f->nsections; i++)
		if (is_appendix(f, i)) {
			main_end = i;
			break;
		}
	/* The resource totals go after the last table that holds resources. */
	c->totals_after = -1;
	for (int i = 0; i < f->nsections; i++) {
		int ti = f->sections[i].table;
		if (ti < 0)
			continue;
		for (int k = 0; k < f->tables[ti].ncols; k++) {
			const tpl_field *col = &f->tables[ti].cols[k];
			if (col->maps == M_VCPU || col->maps == M_MEM_GB || col->maps == M_STORAGE_GB ||
			    col->maps == M_STORAGE_TB)
				c->totals_after = i;
			for (int j = 0; j < col->nchoices; j++)
				if (col->choices[j].vcpu || col->choices[j].mem_gb)
					c->totals_after = i;
		}
	}
	if (write_part(c, 0, main_end, 1, choose_landscape(c, 0, main_end, 1)))
		return err_set(err, "无法新建工作表");
	/* Appendices: each on a sheet of its own, titled by its first section. */
	for (int i = main_end; i < f->nsections;) {
		int end = i + 1;
		while (end < f->nsections && !is_appendix(f, end))
			end++;
		if (write_part(c, i, end, 0, choose_landscape(c, i, end, 0)))
			return err_set(err, "无法新建工作表");
		i = end;
	}
	/* The approved configuration (the approving step's record, read with
	 * the rest of the history), once approved; a later step's paper
	 * (交付确认函) shows what was approved, not what was asked. */
	const tpl_flow *fl = template_flow(c->d->tpl, c->r->kind);
	app_data *ok = NULL;
	for (int i = 0; fl && i < fl->nsteps && !ok; i++) {
		const signed_step *as = fl->steps[i].approves ? sig_of(c, fl->steps[i].id) : NULL;
		if (as && as->values) {
			ok = app_approved(c->d, as->values);
			if (write_approved(c, ok, fl->steps[i].name)) {
				app_data_free(ok);
				return err_set(err, "无法新建工作表");
			}
		}
	}
	c->approved = ok;
	/* The papers of the steps the application has reached. */
	int reached = 1;
	for (int i = 0; fl && i < fl->nsteps && reached; i++) {
		const tpl_step *sp = &fl->steps[i];
		int current = !strcmp(c->r->status, ST_PENDING) && !strcmp(c->r->step, sp->id);
		if (sp->paper_title && (sig_of(c, sp->id) || current) && write_paper(c, sp)) {
			app_data_free(ok);
			return err_set(err, "无法新建工作表");
		}
		reached = !current;
	}
	c->approved = NULL;
	app_data_free(ok);
	return 0;
}

int export_form(store *s, const user *viewer, long long id, const char *now, const char *path,
		ys_err *err)
{
	app_rec r;
	app_data *d;
	if (apps_load_as(s, viewer, id, &r, &d, err))
		return -1;
	form_ctx c = { .r = &r, .d = d, .f = d->form };
	verify_code head;
	if (verify_head(s, &head, err)) {
		app_data_free(d);
		return -1;
	}
	snprintf(c.code, sizeof c.code, "%s", head.text);
	if (apps_events(s, id, history_cb, &c, err)) {
		app_data_free(d);
		return -1;
	}
	xw_book b;
	int rc = xw_open(&b, path, 0, err);
	if (!rc) {
		c.b = &b;
		char tm[32];
		snprintf(tm, sizeof tm, "%s", now ? now : "");
		lxw_doc_properties props = { .title = (char *)d->form->title, .subject = (char *)d->tpl->name,
					     .author = "yunshen", .comments = tm };
		workbook_set_properties(b.wb, &props);
		rc = write_form(&c, err);
		if (rc)
			xw_abort(&b);
		else
			rc = xw_close(&b, err);
	}
	for (int i = 0; i < c.nsig; i++) {
		free(c.sig[i].opinion);
		free(c.sig[i].record);
		free(c.sig[i].values);
		buf_free(&c.sig[i].co);
		buf_free(&c.sig[i].log);
	}
	free(c.sig);
	free(c.h);
	free(c.keep);
	free(c.tabs);
	app_data_free(d);
	return rc;
}

void export_form_filename(long long id, char *out, size_t n)
{
	snprintf(out, n, "yunshen-form-%lld.xlsx", id);
}
