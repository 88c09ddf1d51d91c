/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "date.h"
#include "text.h"

static const char *YES = "是", *NO = "否";

static char **cell_ptr(const app_data *a, int t, int r, int c)
{
	return &a->tables[t].cells[(size_t)r * (size_t)a->form->tables[t].ncols + (size_t)c];
}

app_data *app_data_new(const template *t, const char *kind)
{
	const tpl_form *f = template_form(t, kind);
	if (!f)
		return NULL;
	app_data *a = xcalloc(1, sizeof *a);
	a->tpl = t;
	a->form = f;
	a->kind = f->kind;
	for (int i = 0; i < f->nserve; i++)
		if (!strcmp(f->serve_kinds[i], kind))
			a->kind = f->serve_kinds[i];
	const char *chosen = form_serve_value(f, a->kind);
	a->vals = xcalloc((size_t)f->nfields + 1, sizeof *a->vals);
	for (int i = 0; i < f->nfields; i++)
		a->vals[i] = xstrdup(chosen && !strcmp(f->fields[i].id, f->serve_field) ? chosen
				     : f->fields[i].dflt ? f->fields[i].dflt : "");
	a->tables = xcalloc((size_t)f->ntables + 1, sizeof *a->tables);
	for (int i = 0; i < f->ntables; i++)
		for (int r = 0; r < f->tables[i].min_rows; r++)
			app_row_add(a, i);
	return a;
}

app_data *app_data_copy(const app_data *a)
{
	app_data *b = xcalloc(1, sizeof *b);
	b->tpl = a->tpl;
	b->form = a->form;
	b->kind = a->kind;
	b->vals = xcalloc((size_t)a->form->nfields + 1, sizeof *b->vals);
	for (int i = 0; i < a->form->nfields; i++)
		b->vals[i] = xstrdup(a->vals[i]);
	b->tables = xcalloc((size_t)a->form->ntables + 1, sizeof *b->tables);
	for (int t = 0; t < a->form->ntables; t++) {
		size_t n = (size_t)a->tables[t].nrows * (size_t)a->form->tables[t].ncols;
		b->tables[t].nrows = a->tables[t].nrows;
		b->tables[t].cells = xcalloc(n + 1, sizeof(char *));
		for (size_t i = 0; i < n; i++)
			b->tables[t].cells[i] = xstrdup(a->tables[t].cells[i]);
	}
	return b;
}

void app_data_free(app_data *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->form->nfields; i++)
		free(a->vals[i]);
	free(a->vals);
	for (int t = 0; t < a->form->ntables; t++) {
		size_t n = (size_t)a->tables[t].nrows * (size_t)a->form->tables[t].ncols;
		for (size_t i = 0; i < n; i++)
			free(a->tables[t].cells[i]);
		free(a->tables[t].cells);
	}
	free(a->tables);
	free(a);
}

const char *app_get(const app_data *a, const char *id)
{
	for (int i = 0; i < a->form->nfields; i++)
		if (!strcmp(a->form->fields[i].id, id))
			return a->vals[i];
	return NULL;
}

const char *app_mapped(const app_data *a, enum field_maps m)
{
	for (int i = 0; i < a->form->nfields; i++)
		if (a->form->fields[i].maps == m)
			return a->vals[i];
	return "";
}

void app_set(app_data *a, int field, const char *value)
{
	free(a->vals[field]);
	a->vals[field] = xstrdup(value);
}

int app_row_add(app_data *a, int t)
{
	const tpl_table *tt = &a->form->tables[t];
	app_table *at = &a->tables[t];
	at->cells = xrealloc(at->cells, sizeof(char *) * (size_t)(at->nrows + 1) * (size_t)tt->ncols);
	for (int c = 0; c < tt->ncols; c++)
		at->cells[(size_t)at->nrows * (size_t)tt->ncols + (size_t)c] =
			xstrdup(tt->cols[c].dflt ? tt->cols[c].dflt : "");
	return at->nrows++;
}

void app_row_del(app_data *a, int t, int row)
{
	app_table *at = &a->tables[t];
	int nc = a->form->tables[t].ncols;
	if (row < 0 || row >= at->nrows)
		return;
	for (int c = 0; c < nc; c++)
		free(*cell_ptr(a, t, row, c));
	memmove(cell_ptr(a, t, row, 0), cell_ptr(a, t, row + 1, 0),
		sizeof(char *) * (size_t)(at->nrows - row - 1) * (size_t)nc);
	at->nrows--;
}

const char *app_cell(const app_data *a, int t, int r, int c)
{
	return *cell_ptr(a, t, r, c);
}

void app_cell_set(app_data *a, int t, int r, int c, const char *v)
{
	char **p = cell_ptr(a, t, r, c);
	free(*p);
	*p = xstrdup(v);
}

/* ---- checking values ---- */

static int choice_index(const tpl_field *f, const char *v)
{
	for (int i = 0; i < f->nchoices; i++)
		if (!strcmp(f->choices[i].value, v))
			return i;
	return -1;
}

static int is_phone(const char *s)
{
	size_t n = strlen(s), digits = 0;
	/* Mobile: 11 digits starting 1[3-9]. */
	if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9') {
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)s[i]))
				return 0;
		return 1;
	}
	/* Fixed line: 0 + 2-3 digit area code, '-' or space optional, 7-8
	 * digits, optional "-extension"; or a bare 7-8 digit local number. */
	const char *p = s;
	if (*p == '0') {
		const char *q = p;
		while (isdigit((unsigned char)*q))
			q++;
		size_t len = (size_t)(q - p);
		if (*q == '-' || *q == ' ') {
			if (len < 3 || len > 4)
				return 0;
			p = q + 1;
		} else {
			/* Unseparated: area code and number run together, 10-12 digits. */
			return *q == '\0' && len >= 10 && len <= 12;
		}
	}
	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (digits < 7 || digits > 8)
		return 0;
	if (*p == '-') {
		size_t ext = 0;
		for (p++; isdigit((unsigned char)*p); p++)
			ext++;
		if (ext < 1 || ext > 6)
			return 0;
	}
	return *p == '\0';
}

static int is_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("()<>,;:\\\"[]", *p))
			return 0;
	const char *dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1] && strlen(dot + 1) >= 2 && !strstr(at, "..");
}

static int storable_value(const tpl_field *f, const char *v, char *msg, size_t n);

static int parse_ll(const char *s, long long *out)
{
	char *end;
	if (!*s || (!isdigit((unsigned char)*s) && *s != '-'))
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end || end == s || errno == ERANGE)
		return -1;
	*out = v;
	return 0;
}

int field_check(const tpl_field *f, const char *v, char *msg, size_t n)
{
	msg[0] = '\0';
	if (!v || !*v) {
		if (f->required) {
			snprintf(msg, n, "必填");
			return -1;
		}
		return 0;
	}
	/* The writer's own check first: UTF-8, no control character, bounded. */
	if (!storable_value(f, v, msg, n))
		return -1;
	switch (f->type) {
	case F_TEXT: case F_TEXTAREA:
		return 0;
	case F_PHONE:
		if (!is_phone(v)) {
			snprintf(msg, n, "“%s”不是有效的电话号码（手机 11 位，或 0559-3512345 这样的固话）", v);
			return -1;
		}
		return 0;
	case F_EMAIL:
		if (!is_email(v)) {
			snprintf(msg, n, "“%s”不是有效的电子邮箱", v);
			return -1;
		}
		return 0;
	case F_DATE: {
		ys_date d;
		if (strlen(v) != 10 || date_parse(v, &d)) {
			snprintf(msg, n, "“%s”不是有效日期（如 2026-03-02，也可写 2026/3/2、2026.3.2、2026年3月2日）", v);
			return -1;
		}
		return 0;
	}
	case F_MONTH: {
		ys_date d;
		if (date_parse_month(v, &d)) {
			snprintf(msg, n, "“%s”不是有效年月（如 2026-03，也可写 2026/3、2026.3、2026年3月）", v);
			return -1;
		}
		return 0;
	}
	case F_INT: {
		long long x;
		if (parse_ll(v, &x)) {
			snprintf(msg, n, "“%s”不是整数", v);
			return -1;
		}
		if (f->has_min && x < f->min) {
			snprintf(msg, n, "不能小于 %lld%s", f->min, f->unit ? f->unit : "");
			return -1;
		}
		if (f->has_max && x > f->max) {
			snprintf(msg, n, "不能大于 %lld%s", f->max, f->unit ? f->unit : "");
			return -1;
		}
		if (f->step > 1 && x % f->step) {
			snprintf(msg, n, "应为 %lld%s 的整数倍", f->step, f->unit ? f->unit : "");
			return -1;
		}
		return 0;
	}
	case F_CHOICE:
		if (choice_index(f, v) < 0 && !f->other) {
			buf b = { 0 };
			for (int i = 0; i < f->nchoices; i++)
				buf_printf(&b, "%s%s", i ? "、" : "", f->choices[i].value);
			snprintf(msg, n, "“%s”不是可选项（可选：%s）", v, b.s);
			buf_free(&b);
			return -1;
		}
		if (strchr(v, '\n')) {
			snprintf(msg, n, "只能选一项");
			return -1;
		}
		return 0;
	case F_MULTI: {
		char *copy = xstrdup(v), *save = NULL;
		int others = 0, rc = 0;
		for (char *it = strtok_r(copy, "\n", &save); it; it = strtok_r(NULL, "\n", &save)) {
			if (choice_index(f, it) >= 0)
				continue;
			if (!f->other || others++) {
				snprintf(msg, n, f->other ? "“%s”不是可选项，且只能填一项“其他”" : "“%s”不是可选项", it);
				rc = -1;
				break;
			}
			if (text_chars(it) > 100) {
				snprintf(msg, n, "“其他”最多 100 个字");
				rc = -1;
				break;
			}
		}
		free(copy);
		return rc;
	}
	case F_BOOL:
		if (strcmp(v, YES) && strcmp(v, NO)) {
			snprintf(msg, n, "应为“是”或“否”");
			return -1;
		}
		return 0;
	}
	return 0;
}

char *field_normalize(const tpl_field *f, const char *val)
{
	if (f->type == F_TEXTAREA)
		return xstrdup(val ? val : "");
	/* Full-width digits and letters from an input method are ASCII; so is
	 * the punctuation of a number, date, phone or address. */
	int structured = f->type == F_INT || f->type == F_PHONE || f->type == F_EMAIL || f->type == F_DATE ||
			 f->type == F_MONTH;
	char *half = text_halfwidth(val ? val : "", structured);
	char *v = text_trim(half);
	free(half);
	char iso[11];
	if ((f->type == F_DATE || f->type == F_MONTH) && !date_normalize(v, f->type == F_MONTH, iso)) {
		free(v);
		return xstrdup(iso);
	}
	if (f->type == F_BOOL) {
		static const char *yes[] = { "是", "true", "yes", "y", "1", "☑", "Y", "有", NULL };
		static const char *no[] = { "否", "false", "no", "n", "0", "☐", "N", "无", NULL };
		for (int i = 0; yes[i]; i++)
			if (!strcasecmp(v, yes[i])) {
				free(v);
				return xstrdup(YES);
			}
		for (int i = 0; no[i]; i++)
			if (!strcasecmp(v, no[i])) {
				free(v);
				return xstrdup(NO);
			}
		return v;
	}
	if (f->type != F_MULTI)
		return v;
	/* Split on any of the separators a clerk or a spreadsheet might use,
	 * then put choices back in template order with the "other" text last. */
	static const char *seps[] = { "、", "，", "；", ",", ";", "|", NULL };
	for (int i = 0; seps[i]; i++) {
		char *p;
		size_t sl = strlen(seps[i]);
		while ((p = strstr(v, seps[i]))) {
			*p = '\n';
			memmove(p + 1, p + sl, strlen(p + sl) + 1);
		}
	}
	int *chosen = xcalloc((size_t)f->nchoices + 1, sizeof *chosen);
	buf other = { 0 };
	char *save = NULL;
	for (char *it = strtok_r(v, "\n", &save); it; it = strtok_r(NULL, "\n", &save)) {
		char *t = text_trim(it);
		int ci = choice_index(f, t);
		if (ci >= 0)
			chosen[ci] = 1;
		else if (*t)
			buf_printf(&other, "%s%s", other.len ? "\n" : "", t);
		free(t);
	}
	buf out = { 0 };
	for (int i = 0; i < f->nchoices; i++)
		if (chosen[i])
			buf_printf(&out, "%s%s", out.len ? "\n" : "", f->choices[i].value);
	if (other.len)
		buf_printf(&out, "%s%s", out.len ? "\n" : "", other.s);
	buf_free(&other);
	free(chosen);
	free(v);
	return buf_take(&out);
}

int app_assign(app_data *a, const char *key, const char *value, int check, ys_err *err)
{
	const tpl_form *f = a->form;
	const tpl_field *fd = NULL;
	const tpl_table *t = NULL;
	int row = 0;
	if (strchr(key, '[')) {
		char tid[64], cid[64];
		if (sscanf(key, "%63[^[][%d].%63s", tid, &row, cid) != 3 || row < 1 || row > 1000)
			return err_set(err, "“%s”无效（表格单元格写作 表格id[行号].列id，如 vm[1].vcpu）", key);
		if (!(t = form_table(f, tid)))
			return err_set(err, "“%s”：表格“%s”不在模板 %s 的%s表中", key, tid, a->tpl->id,
				       kind_label(a->kind));
		if (!(fd = table_col(t, cid)))
			return err_set(err, "“%s”：%s没有列“%s”", key, t->title, cid);
	} else {
		for (int i = 0; i < f->nfields && !fd; i++)
			if (!strcmp(f->fields[i].id, key) || !strcmp(f->fields[i].label, key))
				fd = &f->fields[i];
		if (!fd)
			return err_set(err, "“%s”不是模板 %s 的%s表中的字段", key, a->tpl->id, kind_label(a->kind));
	}
	char *v = field_normalize(fd, value), msg[512];
	if (check && field_check(fd, v, msg, sizeof msg)) {
		free(v);
		return t ? err_set(err, "%s第 %d 行“%s”：%s", t->title, row, fd->label, msg)
			 : err_set(err, "“%s”（%s）：%s", fd->label, fd->id, msg);
	}
	if (t) {
		int ti = (int)(t - f->tables);
		if (row > a->tables[ti].nrows + 1 && check) {
			free(v);
			return err_set(err, "%s只有 %d 行，不能直接写第 %d 行", t->title, a->tables[ti].nrows, row);
		}
		while (a->tables[ti].nrows < row)
			app_row_add(a, ti);
		app_cell_set(a, ti, row - 1, (int)(fd - t->cols), v);
	} else {
		app_set(a, (int)(fd - f->fields), v);
	}
	free(v);
	return 0;
}

int value_has(const char *v, const char *item)
{
	size_t l = strlen(item);
	if (!l)
		return 0;
	for (const char *p = v; (p = strstr(p, item)); p += l)
		if ((p == v || p[-1] == '\n') && (p[l] == '\n' || !p[l]))
			return 1;
	return 0;
}

char *value_others(const tpl_field *f, const char *v)
{
	buf out = { 0 };
	buf_puts(&out, "");
	for (const char *p = v; *p;) {
		size_t l = strcspn(p, "\n");
		int known = 0;
		for (int i = 0; i < f->nchoices && !known; i++)
			known = strlen(f->choices[i].value) == l && !strncmp(p, f->choices[i].value, l);
		if (l && !known) {
			if (out.len)
				buf_puts(&out, "\n");
			buf_add(&out, p, l);
		}
		p += l + (p[l] == '\n');
	}
	return buf_take(&out);
}

ys_date app_date(const app_data *a, const char *field_id)
{
	const char *v = app_get(a, field_id);
	ys_date d;
	if (v && !date_parse(v, &d))
		return d;
	if (v && !date_parse_month(v, &d))
		return date_month_end(d);
	return DATE_NONE;
}

/* The term of use the form states: it starts before it ends and lasts at
 * most the template's months (months count whole: 2026-01 to 2028-12 is
 * 36). */
static int term_check(const app_data *a, ys_err *err)
{
	const tpl_term *tm = &a->tpl->term;
	const tpl_field *ff = tm->to ? form_field(a->form, tm->from) : NULL, *tf = ff ? form_field(a->form, tm->to) : NULL;
	const char *from = ff ? app_get(a, tm->from) : NULL, *to = tf ? app_get(a, tm->to) : NULL;
	ys_date x, y;
	char cite[96];
	if (!from || !to || !*from || !*to)
		return 0;
	int month = ff->type == F_MONTH;
	if (month ? date_parse_month(from, &x) || date_parse_month(to, &y) : date_parse(from, &x) || date_parse(to, &y))
		return 0;
	if (y < x)
		return err_set(err, "“%s”%s 晚于“%s”%s：使用期应先开始后结束", ff->label, from, tf->label, to);
	if (tm->max_months && (month ? date_add_months(x, tm->max_months) <= y : date_add_months(x, tm->max_months) < y))
		return err_set(err, "使用期 %s 至 %s 超过 %d 个月%s", from, to, tm->max_months,
			       text_cite(tm->article, cite, sizeof cite));
	return 0;
}

static const char *field_value(const tpl_field *fs, int n, const char *const *vals, const char *id,
			       const tpl_field **which)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(fs[i].id, id)) {
			*which = &fs[i];
			return vals[i];
		}
	*which = NULL;
	return "";
}

/* The value of condition {field, in} that holds (a filled value when in
 * is empty, else the one of in that the field holds), or NULL. */
static const char *cond_hit(const tpl_field *fs, int n, const char *const *vals, const tpl_field *f,
			    const char *field, char *const *in, int nin, const tpl_field **other)
{
	const char *ov = field_value(fs, n, vals, field, other);
	if (!*ov)
		return NULL;
	if (!nin)
		return ov;
	for (int k = 0; k < nin; k++)
		if (f->type == F_MULTI || (*other)->type == F_MULTI ? value_has(ov, in[k]) : !strcmp(ov, in[k]))
			return in[k];
	return NULL;
}

int app_value_counts(const tpl_field *fs, int n, const char *const *vals, int i)
{
	const tpl_field *other;
	return !fs[i].only_field ||
	       cond_hit(fs, n, vals, &fs[i], fs[i].only_field, fs[i].only_in, fs[i].nonly_in, &other);
}

int app_field_counts(const app_data *a, int i)
{
	return app_value_counts(a->form->fields, a->form->nfields, (const char *const *)a->vals, i);
}

int app_field_required(const app_data *a, int i)
{
	const tpl_field *f = &a->form->fields[i], *other;
	if (!app_field_counts(a, i))
		return 0;
	return f->required || (f->req_field && cond_hit(a->form->fields, a->form->nfields, (const char *const *)a->vals,
							 f, f->req_field, f->req_in, f->nreq_in, &other));
}

int app_section_counts(const app_data *a, int s)
{
	const tpl_section *sec = &a->form->sections[s];
	int any = sec->text || sec->table >= 0;
	for (int k = 0; k < sec->nfields && !any; k++)
		any = app_field_counts(a, sec->first_field + k);
	return any;
}

const char *app_cell_shown(const app_data *a, int t, int r, int c)
{
	const tpl_table *tt = &a->form->tables[t];
	const char *const *row = (const char *const *)&a->tables[t].cells[(size_t)r * (size_t)tt->ncols];
	return app_value_counts(tt->cols, tt->ncols, row, c) ? row[c] : "";
}

/* The rules across values (docs/templates.md, 条件与核对): required when
 * another is filled or holds given values, a value that must be one, and
 * comparisons. vals are the form's top-level values or one row's cells. */
static int rules_check(const tpl_field *fs, int n, const char *const *vals, const tpl_check *ks, int nk,
		       char *msg, size_t len)
{
	for (int i = 0; i < n; i++) {
		const tpl_field *f = &fs[i], *other;
		const char *v = vals[i], *why = f->why ? f->why : "";
		/* A value that does not count now (its default, or one typed
		 * before the other changed) is not checked, as it is not shown. */
		if (!app_value_counts(fs, n, vals, i))
			continue;
		if (f->req_field && !*v) {
			const char *hit = cond_hit(fs, n, vals, f, f->req_field, f->req_in, f->nreq_in, &other);
			if (hit) {
				if (f->nreq_in)
					snprintf(msg, len, "“%s”为“%s”时必填%s%s", other->label, hit, *why ? "：" : "", why);
				else
					snprintf(msg, len, "“%s”已填时必填%s%s", other->label, *why ? "：" : "", why);
				return i;
			}
		}
		if (f->must_be && *v && strcmp(v, f->must_be)) {
			snprintf(msg, len, "应为“%s”%s%s", f->must_be, *why ? "：" : "", why);
			return i;
		}
		if (f->must_be && !*v && f->required) {
			snprintf(msg, len, "必填，应为“%s”%s%s", f->must_be, *why ? "：" : "", why);
			return i;
		}
	}
	static const char *const says[] = { "应早于（小于）", "不应晚于（大于）", "应晚于（大于）", "不应早于（小于）",
					     "应等于", "不应等于" };
	for (int i = 0; i < nk; i++) {
		const tpl_field *fa, *fb;
		const char *va = field_value(fs, n, vals, ks[i].a, &fa), *vb = field_value(fs, n, vals, ks[i].b, &fb);
		if (!*va || !*vb)
			continue;
		long long x, y;
		int c = fa->type == F_INT && !parse_ll(va, &x) && !parse_ll(vb, &y) ? (x > y) - (x < y) : strcmp(va, vb);
		int ok = ks[i].op == OP_LT ? c < 0 : ks[i].op == OP_LE ? c <= 0 : ks[i].op == OP_GT ? c > 0
			 : ks[i].op == OP_GE ? c >= 0 : ks[i].op == OP_EQ ? c == 0 : c != 0;
		if (!ok) {
			if (ks[i].message)
				snprintf(msg, len, "%s（%s %s，%s %s）", ks[i].message, fa->label, va, fb->label, vb);
			else
				snprintf(msg, len, "“%s”（%s）%s“%s”（%s）", fa->label, va, says[ks[i].op], fb->label, vb);
			return (int)(fa - fs);
		}
	}
	return -1;
}

void app_route(app_data *d)
{
	const char *k = d->form->serve_field ? form_serve_kind(d->form, app_get(d, d->form->serve_field)) : NULL;
	if (k)
		d->kind = k;
}

/* The field that chooses the kind says the application's own. */
static int serve_check(const app_data *a, ys_err *err)
{
	const tpl_form *f = a->form;
	const tpl_field *fd = f->serve_field ? form_field(f, f->serve_field) : NULL;
	const char *v = fd ? app_get(a, fd->id) : NULL, *k = v ? form_serve_kind(f, v) : NULL;
	if (!k || !strcmp(k, a->kind))
		return 0;
	if (!strcmp(a->kind, KIND_APPLY))
		return err_set(err, "“%s”为“%s”：%s须在原申请上办理（原申请详情按 b 变更、z 终止；命令行 yunshen followup "
			       "原申请编号 %s）", fd->label, v, kind_label(k), k);
	return err_set(err, "本申请是%s，“%s”应为“%s”", kind_label(a->kind), fd->label, form_serve_value(f, a->kind));
}

int app_validate(const app_data *a, ys_err *err)
{
	char msg[512];
	const tpl_form *f = a->form;
	if (serve_check(a, err))
		return -1;
	for (int i = 0; i < f->nfields; i++)
		if (field_check(&f->fields[i], a->vals[i], msg, sizeof msg))
			return err_set(err, "%s“%s”：%s", f->sections[f->fields[i].section].title,
				       f->fields[i].label, msg);
	for (int t = 0; t < f->ntables; t++) {
		const tpl_table *tt = &f->tables[t];
		if (a->tables[t].nrows < tt->min_rows)
			return err_set(err, "%s：至少要填 %d 行", tt->title, tt->min_rows);
		if (a->tables[t].nrows > tt->max_rows)
			return err_set(err, "%s：最多 %d 行", tt->title, tt->max_rows);
		for (int r = 0; r < a->tables[t].nrows; r++)
			for (int c = 0; c < tt->ncols; c++)
				if (field_check(&tt->cols[c], app_cell(a, t, r, c), msg, sizeof msg))
					return err_set(err, "%s第 %d 行“%s”：%s", tt->title, r + 1,
						       tt->cols[c].label, msg);
	}
	int bad = rules_check(f->fields, f->nfields, (const char *const *)a->vals, f->checks, f->nchecks, msg,
			      sizeof msg);
	if (bad >= 0)
		return err_set(err, "%s“%s”：%s", f->sections[f->fields[bad].section].title, f->fields[bad].label, msg);
	for (int t = 0; t < f->ntables; t++) {
		const tpl_table *tt = &f->tables[t];
		const char **row = xcalloc((size_t)tt->ncols + 1, sizeof *row);
		for (int r = 0; r < a->tables[t].nrows; r++) {
			for (int c = 0; c < tt->ncols; c++)
				row[c] = app_cell(a, t, r, c);
			bad = rules_check(tt->cols, tt->ncols, row, tt->checks, tt->nchecks, msg, sizeof msg);
			if (bad >= 0) {
				free(row);
				return err_set(err, "%s第 %d 行“%s”：%s", tt->title, r + 1, tt->cols[bad].label, msg);
			}
		}
		free(row);
	}
	return term_check(a, err);
}

/* Totals are computed on drafts too, before any check has refused a
 * 70-digit number, so every product and sum saturates instead of
 * overflowing. */
static long long sat_mul(long long a, long long b)
{
	long long r;
	if (__builtin_mul_overflow(a, b, &r))
		return (a < 0) != (b < 0) ? LLONG_MIN : LLONG_MAX;
	return r;
}

static void sat_add(long long *acc, long long x)
{
	if (__builtin_add_overflow(*acc, x, acc))
		*acc = x < 0 ? LLONG_MIN : LLONG_MAX;
}

/* Resources a single value stands for: a mapped number, or the numbers
 * carried by the chosen options. */
static void add_value(const tpl_field *f, const char *v, long long mult, app_totals *t,
		      long long *row_vcpu, long long *row_mem)
{
	if (!v || !*v)
		return;
	long long x = 0;
	if (f->type == F_INT && parse_ll(v, &x) == 0) {
		switch (f->maps) {
		case M_VCPU: sat_add(&t->vcpu, sat_mul(x, mult)); sat_add(row_vcpu, x); break;
		case M_MEM_GB: sat_add(&t->mem_gb, sat_mul(x, mult)); sat_add(row_mem, x); break;
		case M_STORAGE_GB: sat_add(&t->storage_gb, sat_mul(x, mult)); break;
		case M_STORAGE_TB: sat_add(&t->storage_gb, sat_mul(sat_mul(x, 1024), mult)); break;
		case M_BANDWIDTH: sat_add(&t->bandwidth, sat_mul(x, mult)); break;
		default: break;
		}
	}
	if (f->type == F_CHOICE || f->type == F_MULTI)
		for (int i = 0; i < f->nchoices; i++) {
			const tpl_choice *c = &f->choices[i];
			if (!c->vcpu && !c->mem_gb && !c->storage_gb)
				continue;
			int hit = f->type == F_CHOICE ? !strcmp(v, c->value) : value_has(v, c->value);
			if (!hit)
				continue;
			sat_add(&t->vcpu, sat_mul(c->vcpu, mult));
			sat_add(&t->mem_gb, sat_mul(c->mem_gb, mult));
			sat_add(&t->storage_gb, sat_mul(c->storage_gb, mult));
			sat_add(row_vcpu, c->vcpu);
			sat_add(row_mem, c->mem_gb);
		}
}

void app_totals_of(const app_data *a, app_totals *t)
{
	app_totals_in(a, NULL, NULL, t);
}

void app_totals_in(const app_data *a, const char *col, const char *value, app_totals *t)
{
	memset(t, 0, sizeof *t);
	const tpl_form *f = a->form;
	long long dv = 0, dm = 0;
	for (int i = 0; !col && i < f->nfields; i++)
		add_value(&f->fields[i], a->vals[i], 1, t, &dv, &dm);
	for (int ti = 0; ti < f->ntables; ti++) {
		const tpl_table *tt = &f->tables[ti];
		const tpl_field *zc = col ? table_col(tt, col) : NULL;
		if (col && !zc)
			continue;
		for (int r = 0; r < a->tables[ti].nrows; r++) {
			if (zc && strcmp(app_cell(a, ti, r, (int)(zc - tt->cols)), value))
				continue;
			long long count = 1, rv = 0, rm = 0;
			for (int c = 0; c < tt->ncols; c++)
				if (tt->cols[c].maps == M_COUNT) {
					const char *v = app_cell(a, ti, r, c);
					count = 0;
					if (*v && parse_ll(v, &count))
						count = 0;
					else if (!*v)
						count = 1;
				}
			for (int c = 0; c < tt->ncols; c++)
				add_value(&tt->cols[c], app_cell(a, ti, r, c), count, t, &rv, &rm);
			if (rv > 0 || rm > 0)
				sat_add(&t->hosts, count);
		}
	}
}

int app_table_equal(const app_data *a, const app_data *b, int t)
{
	if (a->tables[t].nrows != b->tables[t].nrows)
		return 0;
	for (int r = 0; r < a->tables[t].nrows; r++)
		for (int c = 0; c < a->form->tables[t].ncols; c++)
			if (strcmp(app_cell(a, t, r, c), app_cell(b, t, r, c)))
				return 0;
	return 1;
}

void app_table_copy(app_data *to, const app_data *from, int t)
{
	while (to->tables[t].nrows)
		app_row_del(to, t, to->tables[t].nrows - 1);
	for (int r = 0; r < from->tables[t].nrows; r++) {
		int nr = app_row_add(to, t);
		for (int c = 0; c < from->form->tables[t].ncols; c++)
			app_cell_set(to, t, nr, c, app_cell(from, t, r, c));
	}
}

/* Can v be stored for field f, and read back by the JSON reader? Text is
 * valid UTF-8 without control characters (line breaks in multi-line text
 * and between choices) and no longer than the field allows, drafts
 * included; ints are integers and yes/no is 是/否. msg says why not. */
static int storable_value(const tpl_field *f, const char *v, char *msg, size_t n)
{
	long long x;
	if (!*v)
		return 1;
	if (text_check(v, f->type == F_TEXTAREA || f->type == F_MULTI, msg, n))
		return 0;
	int max = f->type == F_TEXT || f->type == F_TEXTAREA ? f->max_len : f->type == F_MULTI ? 2000 : 200;
	if (max > 0 && text_chars(v) > (size_t)max) {
		snprintf(msg, n, "最多 %d 个字，现有 %zu 个字", max, text_chars(v));
		return 0;
	}
	if ((f->type == F_INT && parse_ll(v, &x)) || (f->type == F_BOOL && strcmp(v, YES) && strcmp(v, NO))) {
		snprintf(msg, n, "的值“%.60s”不是%s", v, field_type_label(f->type));
		return 0;
	}
	return 1;
}

int app_storable(const app_data *a, ys_err *err)
{
	const tpl_form *f = a->form;
	char msg[256];
	for (int i = 0; i < f->nfields; i++)
		if (!storable_value(&f->fields[i], a->vals[i], msg, sizeof msg))
			return err_set(err, "“%s”（%s）%s，不能保存", f->fields[i].label, f->fields[i].id, msg);
	for (int t = 0; t < f->ntables; t++)
		for (int r = 0; r < a->tables[t].nrows; r++)
			for (int c = 0; c < f->tables[t].ncols; c++) {
				const tpl_field *col = &f->tables[t].cols[c];
				if (!storable_value(col, app_cell(a, t, r, c), msg, sizeof msg))
					return err_set(err, "%s第 %d 行“%s”（%s）%s，不能保存", f->tables[t].title, r + 1,
						       col->label, col->id, msg);
			}
	return 0;
}

/* ---- JSON ---- */

static void value_to_json(const tpl_field *f, const char *v, buf *out)
{
	if (!v || !*v) {
		buf_puts(out, "null");
		return;
	}
	long long x;
	switch (f->type) {
	case F_INT:
		if (parse_ll(v, &x) == 0)
			buf_printf(out, "%lld", x);
		else
			buf_json_str(out, v);
		return;
	case F_BOOL:
		buf_puts(out, !strcmp(v, YES) ? "true" : !strcmp(v, NO) ? "false" : "null");
		return;
	case F_MULTI: {
		char *copy = xstrdup(v), *save = NULL;
		int first = 1;
		buf_puts(out, "[");
		for (char *it = strtok_r(copy, "\n", &save); it; it = strtok_r(NULL, "\n", &save)) {
			if (!first)
				buf_puts(out, ",");
			buf_json_str(out, it);
			first = 0;
		}
		buf_puts(out, "]");
		free(copy);
		return;
	}
	default:
		buf_json_str(out, v);
	}
}

void app_to_json(const app_data *a, buf *out)
{
	const tpl_form *f = a->form;
	buf_puts(out, "\"fields\":{");
	for (int i = 0; i < f->nfields; i++) {
		if (i)
			buf_puts(out, ",");
		buf_json_str(out, f->fields[i].id);
		buf_puts(out, ":");
		value_to_json(&f->fields[i], a->vals[i], out);
	}
	buf_puts(out, "},\"tables\":{");
	for (int t = 0; t < f->ntables; t++) {
		const tpl_table *tt = &f->tables[t];
		if (t)
			buf_puts(out, ",");
		buf_json_str(out, tt->id);
		buf_puts(out, ":[");
		for (int r = 0; r < a->tables[t].nrows; r++) {
			buf_puts(out, r ? ",{" : "{");
			for (int c = 0; c < tt->ncols; c++) {
				if (c)
					buf_puts(out, ",");
				buf_json_str(out, tt->cols[c].id);
				buf_puts(out, ":");
				value_to_json(&tt->cols[c], app_cell(a, t, r, c), out);
			}
			buf_puts(out, "}");
		}
		buf_puts(out, "]");
	}
	buf_puts(out, "}");
}

/* JSON value -> canonical text, refusing the wrong JSON type. */
static char *value_from_json(const tpl_field *f, const json *v, char *msg, size_t n)
{
	if (v->type == J_NULL)
		return xstrdup("");
	switch (f->type) {
	case F_INT:
		if (v->type != J_INT) {
			snprintf(msg, n, "应为整数，收到%s", json_type_name(v->type));
			return NULL;
		}
		return xstrdup(v->text);
	case F_BOOL:
		if (v->type != J_TRUE && v->type != J_FALSE) {
			snprintf(msg, n, "应为 true 或 false，收到%s", json_type_name(v->type));
			return NULL;
		}
		return xstrdup(v->type == J_TRUE ? YES : NO);
	case F_MULTI: {
		if (v->type != J_ARRAY) {
			snprintf(msg, n, "应为字符串数组，收到%s", json_type_name(v->type));
			return NULL;
		}
		buf b = { 0 };
		for (int i = 0; i < v->n; i++) {
			if (v->kids[i]->type != J_TEXT) {
				snprintf(msg, n, "第 %d 项应为字符串，收到%s", i + 1, json_type_name(v->kids[i]->type));
				buf_free(&b);
				return NULL;
			}
			buf_printf(&b, "%s%s", i ? "\n" : "", v->kids[i]->text);
		}
		char *raw = buf_take(&b), *norm = field_normalize(f, raw);
		free(raw);
		return norm;
	}
	default:
		if (v->type != J_TEXT) {
			snprintf(msg, n, "应为字符串，收到%s", json_type_name(v->type));
			return NULL;
		}
		return f->type == F_TEXTAREA ? xstrdup(v->text) : field_normalize(f, v->text);
	}
}

int app_from_json(app_data *a, const json *obj, ys_err *err)
{
	char msg[512];
	const tpl_form *f = a->form;
	const json *fields = json_get(obj, "fields");
	if (fields && fields->type != J_OBJECT)
		return err_set(err, "“fields”应为对象");
	/* Fields come in the template's order as yunshen writes them: each
	 * looked for from the one after the last (ids are unique). */
	int next = 0;
	for (int i = 0; fields && i < fields->n; i++) {
		const json *v = fields->kids[i];
		int fi = -1;
		for (int j = 0; j < f->nfields && fi < 0; j++) {
			int k = (next + j) % f->nfields;
			if (!strcmp(f->fields[k].id, v->key))
				fi = k;
		}
		next = fi + 1;
		if (fi < 0)
			return err_set(err, "字段“%s”不在模板 %s 的%s表中", v->key, a->tpl->id, kind_label(a->kind));
		char *s = value_from_json(&f->fields[fi], v, msg, sizeof msg);
		if (!s)
			return err_set(err, "字段“%s”（%s）：%s", f->fields[fi].label, v->key, msg);
		app_set(a, fi, s);
		free(s);
	}
	const json *tables = json_get(obj, "tables");
	if (tables && tables->type != J_OBJECT)
		return err_set(err, "“tables”应为对象");
	for (int i = 0; tables && i < tables->n; i++) {
		const json *rows = tables->kids[i];
		const tpl_table *tt = form_table(f, rows->key);
		if (!tt)
			return err_set(err, "表格“%s”不在模板 %s 的%s表中", rows->key, a->tpl->id, kind_label(a->kind));
		int ti = (int)(tt - f->tables);
		if (rows->type != J_ARRAY)
			return err_set(err, "表格“%s”应为数组", tt->title);
		while (a->tables[ti].nrows)
			app_row_del(a, ti, a->tables[ti].nrows - 1);
		for (int r = 0; r < rows->n; r++) {
			const json *row = rows->kids[r];
			if (row->type != J_OBJECT)
				return err_set(err, "%s第 %d 行应为对象", tt->title, r + 1);
			int ri = app_row_add(a, ti);
			for (int k = 0; k < row->n; k++) {
				const tpl_field *col = table_col(tt, row->kids[k]->key);
				if (!col)
					return err_set(err, "%s第 %d 行：列“%s”不在模板中", tt->title, r + 1,
						       row->kids[k]->key);
				char *s = value_from_json(col, row->kids[k], msg, sizeof msg);
				if (!s)
					return err_set(err, "%s第 %d 行“%s”（%s）：%s", tt->title, r + 1,
						       col->label, col->id, msg);
				app_cell_set(a, ti, ri, (int)(col - tt->cols), s);
				free(s);
			}
		}
	}
	return 0;
}

/* The approved value of one item, a field of the step's record: the
 * item's type and limits, never required (blank: as requested). */
static tpl_field approved_field(const tpl_field *item, char *id, char *label)
{
	tpl_field f = *item;
	f.id = id;
	f.label = label;
	f.required = 0;
	f.must_be = NULL;
	f.dflt = NULL;
	f.req_field = NULL;
	f.nreq_in = 0;
	f.only_field = NULL;
	f.applies = NULL;
	f.attach = NULL;
	f.help = (char *)"不填即按申请核定";
	f.synthetic = 1;
	return f;
}

void app_approve_items(const app_data *d, const app_data *ok, void (*cb)(const approve_item *, void *), void *ctx)
{
	const tpl_form *f = d->form;
	approve_item it;
	for (int i = 0; i < f->nfields; i++) {
		if (!f->fields[i].approve || !app_field_counts(d, i))
			continue;
		it.f = &f->fields[i];
		snprintf(it.id, sizeof it.id, APPROVED_PREFIX "%s", it.f->id);
		snprintf(it.label, sizeof it.label, "%s", it.f->label);
		it.req = d->vals[i];
		it.ok = ok ? ok->vals[i] : NULL;
		cb(&it, ctx);
	}
	for (int t = 0; t < f->ntables; t++)
		for (int r = 0; r < d->tables[t].nrows; r++)
			for (int c = 0; c < f->tables[t].ncols; c++) {
				it.f = &f->tables[t].cols[c];
				if (!it.f->approve)
					continue;
				snprintf(it.id, sizeof it.id, APPROVED_PREFIX "%s[%d].%s", f->tables[t].id, r + 1, it.f->id);
				snprintf(it.label, sizeof it.label, "%s第 %d 行%s", f->tables[t].title, r + 1, it.f->label);
				it.req = app_cell(d, t, r, c);
				it.ok = ok && r < ok->tables[t].nrows ? app_cell(ok, t, r, c) : NULL;
				cb(&it, ctx);
			}
}

app_data *app_approved(const app_data *req, const char *record_json)
{
	json *j = json_parse(record_json, NULL);
	app_data *d = app_data_copy(req);
	size_t pl = strlen(APPROVED_PREFIX);
	for (int i = 0; j && i < j->n; i++) {
		const json *v = j->kids[i];
		if (strncmp(v->key, APPROVED_PREFIX, pl) || v->type != J_TEXT || !*v->text)
			continue;
		ys_err ignore;
		app_assign(d, v->key + pl, v->text, 0, &ignore);   /* checked when signed */
	}
	json_free(j);
	return d;
}

typedef struct fields_out {
	tpl_field *out;
	int n;
} fields_out;

static void add_approve_field(const approve_item *it, void *ctx)
{
	fields_out *o = ctx;
	o->out = xrealloc(o->out, sizeof *o->out * (size_t)(o->n + 2));
	char *label;
	if (asprintf(&label, "审核：%s", it->label) < 0)
		abort();
	o->out[o->n++] = approved_field(it->f, xstrdup(it->id), label);
	memset(&o->out[o->n], 0, sizeof *o->out);
}

/* Appends to out (n entries) one field per item the step approves. */
static tpl_field *approve_fields(const app_data *d, tpl_field *out, int *n)
{
	fields_out o = { out, *n };
	app_approve_items(d, NULL, add_approve_field, &o);
	*n = o.n;
	return o.out;
}

tpl_field *step_record_fields(const template *t, const char *kind, const tpl_step *sp, const app_data *d, int *n)
{
	const tpl_form *f = template_form(t, kind);
	int nm = sp && sp->materials && f ? f->nmaterials : 0, ns = sp ? sp->nfields : 0;
	tpl_field *out = xcalloc((size_t)(nm + ns) + 1, sizeof *out);
	for (int i = 0; i < nm; i++) {
		const tpl_material *m = &f->materials[i];
		out[i] = m->f;
		const char *v = m->when_field && d ? app_get(d, m->when_field) : NULL;
		int applies = !m->when_field || !d;
		for (int k = 0; !applies && v && k < m->nwhen_in; k++)
			applies = !strcmp(v, m->when_in[k]);
		if (!applies) {
			out[i].required = 0;
			out[i].must_be = NULL;
		}
	}
	for (int i = 0; i < ns; i++)
		out[nm + i] = sp->fields[i];
	*n = nm + ns;
	if (sp && sp->approves && f && d)
		out = approve_fields(d, out, n);
	return out;
}

void step_record_free(tpl_field *fs, int n)
{
	for (int i = 0; fs && i < n; i++)
		if (fs[i].synthetic) {
			free(fs[i].id);
			free(fs[i].label);
		}
	free(fs);
}

int step_applies(const tpl_step *sp, const app_data *d)
{
	if (!sp || sp->when_filled == M_NONE)
		return 1;
	const char *v = app_mapped(d, sp->when_filled);
	if (!*v)
		return 0;
	for (int i = 0; i < sp->nwhen_except; i++)
		if (!strcmp(v, sp->when_except[i]))
			return 0;
	return 1;
}
