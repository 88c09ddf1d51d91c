/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duties_list.c - which duties are open, for whom, most urgent first
 * (duties.h): an application's from the table duties, the office-wide
 * ones counted period by period from the calendar. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "duties.h"
#include "text.h"
#include "workdays.h"

typedef struct rows {
	duty_rec *v;
	int n;
} rows;

static int visible(const duty_filter *f, const duty_rec *x)
{
	if (f->viewer && !user_sees(f->viewer, x->template, x->county))
		return 0;
	if (f->mine && !user_has(f->mine, x->role, x->template, x->county))
		return 0;
	if (x->event_id)
		return 1;
	ys_date due;
	date_parse(x->due, &due);
	if (f->overdue && due >= f->today)
		return 0;
	if (f->within >= 0 && due > f->today + f->within)
		return 0;
	return 1;
}

/* Period k's first day and its due day: the last working day of a week,
 * month, quarter or year (a report "at least once a month" is due within
 * the month), or the fixed day of the year, moved to the next working day. */
static ys_date office_period(const tpl_duty *d, ys_date since, int k, ys_date *due, char key[11])
{
	int y, m, day;
	date_ymd(since, &y, &m, &day);
	ys_date start, end;
	if (d->on == ON_YEARLY) {
		start = date_from_ymd(y + k, 1, 1);
		*due = workdays_add_calendar(date_from_ymd(y + k, atoi(d->ref), atoi(d->ref + 3)), 0);
		snprintf(key, 11, "%04d", y + k);
		return start;
	}
	if (d->every_months == 0) {
		start = since - (date_weekday(since) - 1) + 7 * k;
		end = start + 6;
	} else {
		int first = (m - 1) / d->every_months * d->every_months + 1;
		start = date_add_months(date_from_ymd(y, first, 1), k * d->every_months);
		end = date_add_months(start, d->every_months) - 1;
	}
	*due = workdays_on_or_before(end);
	date_iso(start, key);
	return start;
}

/* Every period of office duty d of t from the first system in service to
 * today, each with its record if filed (one query for all). `all`: the
 * filed ones too. */
static int office_periods(store *s, const template *t, const tpl_duty *d, ys_date since, const duty_filter *f,
			  int all, rows *out, ys_err *err)
{
	duty_rec *filed;
	int nfiled;
	if (duties_office_records(s, t->id, d->id, &filed, &nfiled, err))
		return -1;
	for (int k = 0;; k++) {
		duty_rec x = { .def = d };
		ys_date due, start = office_period(d, since, k, &due, x.period);
		if (start > f->today)
			break;
		if (due < since)
			continue;       /* the year's day came before the first system */
		snprintf(x.template, sizeof x.template, "%s", t->id);
		snprintf(x.duty, sizeof x.duty, "%s", d->id);
		snprintf(x.role, sizeof x.role, "%s", d->role);
		date_iso(start, x.base);
		date_iso(due, x.due);
		for (int i = 0; i < nfiled && !x.event_id; i++)
			if (!strcmp(filed[i].period, x.period)) {
				x.event_id = filed[i].event_id;
				memcpy(x.closed_at, filed[i].closed_at, sizeof x.closed_at);
				memcpy(x.closed_by, filed[i].closed_by, sizeof x.closed_by);
			}
		if ((all || !x.event_id) && visible(f, &x))
			*XPUSH(out->v, out->n) = x;
	}
	free(filed);
	return 0;
}

/* The office duties of every template (of only `tpl`, with `duty`, when
 * given). */
static int office_duties(store *s, const duty_filter *f, const char *tpl, const char *duty, int all, rows *out,
			 ys_err *err)
{
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		ys_date since = DATE_NONE;
		if (tpl && strcmp(t->id, tpl))
			continue;
		for (int j = 0; j < t->nduties; j++) {
			const tpl_duty *d = &t->duties[j];
			if (!duty_office(d) || (duty && strcmp(d->id, duty)))
				continue;
			if (since == DATE_NONE && duties_office_since(s, t->id, &since, err))
				return -1;
			if (since == DATE_NONE)
				break;          /* nothing of t in service yet */
			if (office_periods(s, t, d, since, f, all, out, err))
				return -1;
		}
	}
	return 0;
}

typedef struct pass_ctx {
	const duty_filter *f;
	int (*cb)(const duty_rec *, void *);
	void *ctx;
} pass_ctx;

static int pass(duty_rec *x, void *ctx)
{
	pass_ctx *c = ctx;
	return visible(c->f, x) && c->cb(x, c->ctx);
}

/* The last due day the filter shows ("" for no bound): open duties due
 * after it are not read. */
static const char *until_of(const duty_filter *f, char until[11])
{
	until[0] = '\0';
	if (!f->app && f->overdue)
		date_iso(f->today - 1, until);
	else if (!f->app && f->within >= 0)
		date_iso(f->today + f->within, until);
	return until[0] ? until : NULL;
}

int duties_each(store *s, const duty_filter *f, int (*cb)(const duty_rec *, void *), void *ctx, ys_err *err)
{
	pass_ctx c = { f, cb, ctx };
	char until[11];
	if (duties_rows(s, f->app, until_of(f, until), pass, &c, err))
		return -1;
	rows r = { 0 };
	int rc = f->app ? 0 : office_duties(s, f, NULL, NULL, 0, &r, err);
	for (int i = 0; !rc && i < r.n; i++)
		if (cb(&r.v[i], ctx))
			break;
	free(r.v);
	return rc;
}

static int keep(const duty_rec *x, void *ctx)
{
	rows *out = ctx;
	*XPUSH(out->v, out->n) = *x;
	return 0;
}

static int collect(store *s, const duty_filter *f, rows *out, ys_err *err)
{
	return duties_each(s, f, keep, out, err);
}

static int by_due(const void *a, const void *b)
{
	const duty_rec *x = a, *y = b;
	int c = strcmp(x->due, y->due);
	return c ? c : x->app_id < y->app_id ? -1 : x->app_id > y->app_id;
}

/* One application's duties in the order its template declares them. */
static int decl_order(const void *a, const void *b)
{
	const duty_rec *x = a, *y = b;
	long dx = x->def - y->def;
	return dx ? (dx < 0 ? -1 : 1) : x->seq - y->seq;
}

void duties_sort_declared(duty_rec *rows, int n)
{
	if (n > 1)
		qsort(rows, (size_t)n, sizeof *rows, decl_order);
}

/* The table's rows as they come (in due order, from its index), the
 * office's own sorted beforehand and let in where they fall. */
typedef struct merge_ctx {
	const duty_filter *f;
	int (*cb)(const duty_rec *, void *);
	void *ctx;
	const rows *office;
	int next, stopped;
} merge_ctx;

static int merge_pass(duty_rec *x, void *ctx)
{
	merge_ctx *m = ctx;
	if (!visible(m->f, x))
		return 0;
	while (m->next < m->office->n && by_due(&m->office->v[m->next], x) <= 0)
		if (m->cb(&m->office->v[m->next++], m->ctx))
			return m->stopped = 1;
	return m->stopped = m->cb(x, m->ctx) != 0;
}

int duties_list(store *s, const duty_filter *f, int (*cb)(const duty_rec *, void *), void *ctx,
		ys_err *err)
{
	rows r = { 0 };
	int rc;
	if (f->app) {
		/* One application's few, in the order its template declares. */
		rc = collect(s, f, &r, err);
		if (!rc && r.n > 1)
			qsort(r.v, (size_t)r.n, sizeof *r.v, decl_order);
		for (int i = 0; !rc && i < r.n; i++)
			if (cb(&r.v[i], ctx))
				break;
		free(r.v);
		return rc;
	}
	/* Every application's: streamed, a reviewer of a province may have
	 * hundreds of thousands. */
	rc = office_duties(s, f, NULL, NULL, 0, &r, err);
	if (!rc && r.n > 1)
		qsort(r.v, (size_t)r.n, sizeof *r.v, by_due);
	merge_ctx m = { f, cb, ctx, &r, 0, 0 };
	char until[11];
	if (!rc)
		rc = duties_rows(s, 0, until_of(f, until), merge_pass, &m, err);
	while (!rc && !m.stopped && m.next < r.n)
		if (cb(&r.v[m.next++], ctx))
			break;
	free(r.v);
	return rc;
}

void duties_tally(const duty_rec *rows, int n, ys_date today, int soon_days, duty_counts *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < n; i++) {
		ys_date due;
		if (rows[i].event_id || date_parse(rows[i].due, &due))
			continue;
		out->open++;
		out->overdue += due < today && !rows[i].def->wait;
		out->soon += due >= today && due <= today + soon_days;
	}
}

/* The open occurrence of `duty` (in `period` when given), or failing that
 * the latest closed one, so that closing twice can say who closed it. */
static int pick(const rows *r, const char *duty, const char *period, duty_rec *out)
{
	int best = -1;
	for (int i = 0; i < r->n; i++) {
		const duty_rec *x = &r->v[i];
		if (strcmp(x->duty, duty) || (period && strcmp(x->period, period)))
			continue;
		if (!x->event_id) {
			best = i;
			break;
		}
		if (best < 0 || x->seq > r->v[best].seq || strcmp(x->due, r->v[best].due) > 0)
			best = i;
	}
	if (best >= 0)
		*out = r->v[best];
	return best >= 0;
}

int duties_find(store *s, const user *u, long long app, const char *tpl, const char *duty,
		const char *period, duty_rec *out, ys_err *err)
{
	duty_filter f = { .viewer = u, .app = app, .within = -1, .today = clock_today() };
	memset(out, 0, sizeof *out);
	app_rec r;
	if (app) {
		if (apps_get_as(s, u, app, &r, err))
			return -1;
		tpl = r.template;
	}
	const template *t = template_find(tpl);
	if (!t)
		return err_set(err, "没有模板“%s”（yunshen templates 列出全部）", tpl ? tpl : "");
	const tpl_duty *d = template_duty(t, duty);
	if (!d) {
		buf b = { 0 };
		for (int i = 0; i < t->nduties; i++)
			if (duty_office(&t->duties[i]) == !app)
				buf_printf(&b, "%s%s（%s）", b.len ? "、" : "", t->duties[i].id, t->duties[i].label);
		err_set(err, "%s没有到期事项“%s”%s%s", t->name, duty, b.len ? "；可用：" : "", b.s ? b.s : "");
		buf_free(&b);
		return -1;
	}
	if (duty_office(d) == !!app)
		return err_set(err, app ? "“%s”是%s的全局事项，不属于某件申请：用模板 id 代替申请编号"
				      : "“%s”属于每件申请（%s），请给出申请编号", d->label, t->name);
	rows rs = { 0 };
	int rc = app ? collect(s, &f, &rs, err) : office_duties(s, &f, t->id, d->id, 1, &rs, err);
	int found = !rc && pick(&rs, duty, period, out);
	free(rs.v);
	if (rc)
		return -1;
	if (found)
		return 0;
	if (app)
		return err_set(err, "申请 %lld 现在没有“%s”（尚未开始，或不适用于该申请）", app, d->label);
	if (period)
		return err_set(err, "%s的“%s”没有期间 %s（期间以其第一天或年份标识，见 yunshen due）", t->name,
			       d->label, period);
	return err_set(err, "%s的“%s”尚未开始（从第一个系统办结起按期计算）", t->name, d->label);
}

/* ---- A duty holding a step ---- */

typedef struct block_ctx {
	const char *step;
	const tpl_duty *held;
} block_ctx;

static int holds(duty_rec *x, void *ctx)
{
	block_ctx *c = ctx;
	if (!x->event_id && x->def->late == LATE_BLOCK && !strcmp(x->def->block_step, c->step))
		c->held = x->def;
	return c->held != NULL;
}

int duties_block(store *s, const app_rec *r, const char *step, char *why, size_t n)
{
	block_ctx c = { step, NULL };
	if (duties_rows(s, r->id, NULL, holds, &c, NULL))
		return -1;
	char cite[96];
	if (c.held)
		snprintf(why, n, "须先办结到期事项“%s”%s（yunshen duty %lld %s）", c.held->label,
			 text_cite(c.held->article, cite, sizeof cite), r->id, c.held->id);
	return c.held != NULL;
}
