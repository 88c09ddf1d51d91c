/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duties.c - what each application owes after approval (duties.h): the
 * occurrences of its template's duties, worked out from its form and
 * history, kept in the table duties. Listing is duties_list.c's, closing
 * duties_close.c's. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "duties.h"
#include "sm3.h"
#include "workdays.h"

ys_date duty_period_end(ys_date base, int n, enum period_unit unit)
{
	if (base == DATE_NONE)
		return DATE_NONE;
	switch (unit) {
	case P_WD:
		return workdays_add(base, n);
	case P_CD:
		return n >= 0 ? workdays_add_calendar(base, n) : workdays_on_or_before(base + n);
	case P_MONTHS: {
		ys_date d = date_add_months(base, n);
		return n >= 0 ? workdays_add_calendar(d, 0) : workdays_on_or_before(d);
	}
	}
	return DATE_NONE;
}

/* ---- What an application's history says ------------------------------ */

typedef struct closing {
	char duty[64];
	int seq;
	ys_date on;
	long long event_id;
	char *record;                   /* its JSON */
} closing;

typedef struct signed_step {
	char step[64];
	ys_date on;
} signed_step;

typedef struct history {
	ys_date done, terminated, warned;   /* warned: a pool taken past its line */
	signed_step *steps;             /* the last signature of each step */
	int nsteps;
	closing *closings;
	int nclosings;
} history;

static ys_date day_of(const char *at)
{
	ys_date d;
	return date_parse(at, &d) ? DATE_NONE : d;
}

static int read_event(const app_event *e, void *ctx)
{
	history *h = ctx;
	if (!strcmp(e->status_to, ST_DONE) && h->done == DATE_NONE)
		h->done = day_of(e->at);
	if (!strcmp(e->status_to, ST_TERMINATED))
		h->terminated = day_of(e->at);
	if (!strcmp(e->kind, EV_ACT) && e->step[0]) {
		int i = 0;
		while (i < h->nsteps && strcmp(h->steps[i].step, e->step))
			i++;
		if (i == h->nsteps)
			snprintf(XPUSH(h->steps, h->nsteps)->step, sizeof h->steps[0].step, "%s", e->step);
		h->steps[i].on = day_of(e->at);
	}
	if (!strcmp(e->kind, EV_LIFECYCLE) && e->field && !strcmp(e->field, WARN_CAPACITY) && h->warned == DATE_NONE)
		h->warned = day_of(e->at);
	if (!strcmp(e->kind, EV_DUTY)) {
		closing *c = XPUSH(h->closings, h->nclosings);
		snprintf(c->duty, sizeof c->duty, "%s", e->step);
		c->seq = e->round;
		c->on = day_of(e->at);
		c->event_id = e->id;
		c->record = xstrdup(e->new ? e->new : "{}");
	}
	return 0;
}

static void history_free(history *h)
{
	for (int i = 0; i < h->nclosings; i++)
		free(h->closings[i].record);
	free(h->closings);
	free(h->steps);
}

static const closing *closed(const history *h, const char *duty, int seq)
{
	for (int i = 0; i < h->nclosings; i++)
		if (!strcmp(h->closings[i].duty, duty) && h->closings[i].seq == seq)
			return &h->closings[i];
	return NULL;
}

/* Does closing c's record hold `value` in `field`? */
static int record_is(const closing *c, const char *field, const char *value)
{
	json *j = json_parse(c->record, NULL);
	int is = !strcmp(json_str(j, field, ""), value);
	json_free(j);
	return is;
}

/* ---- Planning one application's duties -------------------------------- */

static int applies(const tpl_duty *d, const app_data *data)
{
	if (!d->when_field)
		return 1;
	const char *v = app_get(data, d->when_field);
	for (int i = 0; v && i < d->nwhen; i++)
		if (!strcmp(v, d->when_values[i]))
			return 1;
	return 0;
}

int duty_row_period(const tpl_period *p, const app_data *data, int row)
{
	const tpl_table *tb = p->longest_table ? form_table(data->form, p->longest_table) : NULL;
	const tpl_field *col = tb ? table_col(tb, p->longest_col) : NULL;
	if (!col)
		return -1;
	int t = (int)(tb - data->form->tables);
	const tpl_field *sel = p->row_field ? table_col(tb, p->row_field) : NULL;
	if (sel) {
		const char *v = app_cell(data, t, row, (int)(sel - tb->cols));
		int in = 0;
		for (int i = 0; i < p->nrow_values && !in; i++)
			in = !strcmp(v, p->row_values[i]);
		if (!in)
			return -1;
	}
	const char *v = app_cell(data, t, row, (int)(col - tb->cols));
	return v && *v && atoi(v) > 0 ? atoi(v) : p->n;
}

/* Into *n: the period's n, or the longest of the rows' periods; -1 when a
 * period taken from the rows has no row that counts (no host backed up:
 * nothing to keep). */
static int period_n(const tpl_period *p, const app_data *data, int *n)
{
	const tpl_table *tb = p->longest_table ? form_table(data->form, p->longest_table) : NULL;
	*n = tb ? -1 : p->n;
	for (int r = 0; tb && r < data->tables[tb - data->form->tables].nrows; r++) {
		int k = duty_row_period(p, data, r);
		if (k > *n)
			*n = k;
	}
	return tb && *n < 0 ? -1 : 0;
}

/* The day a duty starts, DATE_NONE when it has not. */
static ys_date started(const tpl_duty *d, const history *h, const app_data *data, ys_date delivered)
{
	switch (d->on) {
	case ON_DONE:
		return strcmp(d->flow, KIND_TERMINATE) ? h->done : h->terminated;
	case ON_STEP:
		for (int i = 0; i < h->nsteps; i++)
			if (!strcmp(h->steps[i].step, d->ref))
				return h->steps[i].on;
		return DATE_NONE;
	case ON_DELIVERY:
		return delivered;
	case ON_CAPACITY:
		return h->warned;
	case ON_FIELD:
		return app_date(data, d->ref);
	case ON_DUTY: {
		/* The latest closing of that duty (with the value asked for). */
		ys_date on = DATE_NONE;
		for (int i = 0; i < h->nclosings; i++)
			if (!strcmp(h->closings[i].duty, d->ref) &&
			    (!d->ref_field || record_is(&h->closings[i], d->ref_field, d->ref_value)))
				on = h->closings[i].on;
		return on;
	}
	default:
		return DATE_NONE;
	}
}

typedef struct plan {
	duty_rec *rows;
	int n;
} plan;

static void plan_add(plan *p, const app_rec *r, const tpl_duty *d, int seq, ys_date base, ys_date due,
		     const closing *c)
{
	duty_rec *x = XPUSH(p->rows, p->n);
	x->app_id = r->id;
	x->seq = seq;
	x->def = d;
	snprintf(x->template, sizeof x->template, "%s", r->template);
	snprintf(x->duty, sizeof x->duty, "%s", d->id);
	snprintf(x->role, sizeof x->role, "%s", d->role);
	snprintf(x->county, sizeof x->county, "%s", r->county);
	date_iso(base, x->base);
	date_iso(due, x->due);
	x->event_id = c ? c->event_id : 0;
}

static int plan_app(store *s, const app_rec *r, plan *p, ys_err *err)
{
	const template *t = template_find(r->template);
	p->rows = NULL;
	p->n = 0;
	if (!t || !t->nduties || strcmp(r->kind, KIND_APPLY))
		return 0;
	app_rec tmp;
	app_data *data;
	if (apps_load(s, r->id, &tmp, &data, err))
		return -1;
	history h = { .done = DATE_NONE, .terminated = DATE_NONE, .warned = DATE_NONE };
	ys_date delivered;
	if (apps_events(s, r->id, read_event, &h, err) || duties_first_delivery(s, r->id, &delivered, err)) {
		app_data_free(data);
		history_free(&h);
		return -1;
	}
	int serving = apps_approved(r), ended = !strcmp(r->status, ST_TERMINATED);
	for (int i = 0; i < t->nduties; i++) {
		const tpl_duty *d = &t->duties[i];
		ys_date base;
		if (duty_office(d) || !applies(d, data) || (base = started(d, &h, data, delivered)) == DATE_NONE)
			continue;
		/* Open duties belong to a system in service (a termination's to
		 * one that ended, or one ended by a duty's record); what was
		 * closed stays on record whatever came after. */
		int after_end = d->on == ON_DONE && !strcmp(d->flow, KIND_TERMINATE);
		int live = after_end ? ended : serving || (d->on == ON_DUTY && ended);
		int n;
		if (period_n(&d->period, data, &n))
			continue;
		ys_date due = duty_period_end(base, n, d->period.unit);
		for (int seq = 1;; seq++) {
			const closing *c = closed(&h, d->id, seq);
			if (c || live)
				plan_add(p, r, d, seq, base, due, c);
			if (!c || !d->repeat.n)
				break;
			base = due;             /* a repeating duty's next occurrence */
			due = duty_period_end(base, d->repeat.n, d->repeat.unit);
		}
	}
	app_data_free(data);
	history_free(&h);
	return 0;
}

int duties_sync(store *s, long long id, ys_err *err)
{
	app_rec r;
	if (apps_get(s, id, &r, err))
		return -1;
	if (r.parent_id && strcmp(r.kind, KIND_APPLY))
		return duties_sync(s, r.parent_id, err);
	plan p;
	if (plan_app(s, &r, &p, err))
		return -1;
	int rc = duties_store(s, id, p.rows, p.n, err);
	free(p.rows);
	return rc;
}

int duties_sync_all(store *s, ys_err *err)
{
	long long *ids;
	int n;
	if (duties_clear(s, &ids, &n, err))
		return -1;
	int rc = 0;
	for (int i = 0; !rc && i < n; i++)
		rc = duties_sync(s, ids[i], err);
	free(ids);
	return rc;
}

static int key_cmp(const duty_due *a, const duty_due *b)
{
	if (a->app != b->app)
		return a->app < b->app ? -1 : 1;
	int c = strcmp(a->duty, b->duty);
	return c ? c : a->seq - b->seq;
}

int duties_recount(store *s, const char *login, const char *now, int *moved, ys_err *err)
{
	duty_due *before = NULL, *after = NULL;
	int nb = 0, na = 0;
	int rc = duties_open_dues(s, &before, &nb, err);
	if (!rc)
		rc = duties_sync_all(s, err);
	if (!rc)
		rc = duties_open_dues(s, &after, &na, err);
	/* Both in key order: each open duty whose due day moved, one event. */
	for (int i = 0, j = 0; !rc && i < nb; i++) {
		while (j < na && key_cmp(&after[j], &before[i]) < 0)
			j++;
		if (j == na || key_cmp(&after[j], &before[i]) || !strcmp(after[j].due, before[i].due))
			continue;
		app_rec r;
		if ((rc = apps_get(s, before[i].app, &r, err)))
			break;
		const tpl_duty *d = template_duty(template_find(r.template), before[i].duty);
		char note[300];
		snprintf(note, sizeof note, "节假日安排更新：到期事项“%s”期限由 %s 改为 %s", d ? d->label : before[i].duty,
			 before[i].due, after[j].due);
		app_event e = { .round = r.round, .opinion = note, .field = "due", .old = before[i].due,
				.new = after[j].due };
		snprintf(e.step, sizeof e.step, "%s", before[i].duty);
		rc = apps_event(s, r.id, now, login, EV_LIFECYCLE, &e, err);
		(*moved)++;
	}
	free(before);
	free(after);
	return rc;
}

/* What the table was built from: the years of the holiday table and
 * every template's file, as plain text; compared as it stands, so that a
 * start that writes nothing needs no digest (OpenSSL's first SM3 costs a
 * millisecond). Earlier programs kept an SM3 of the same fields
 * (legacy_key): such a key is recognised and rewritten, not rebuilt from. */
static void duties_key(buf *b)
{
	buf_printf(b, "%d-%d", workdays_first_year(), workdays_last_year());
	for (int i = 0; i < templates_count(); i++)
		buf_printf(b, ";%s", templates_at(i)->digest);
}

static int legacy_key(char key[SM3_HEX])
{
	sm3_ctx *h = sm3_begin();
	if (!h)
		return -1;
	char years[32];
	snprintf(years, sizeof years, "%d-%d", workdays_first_year(), workdays_last_year());
	sm3_field(h, years);
	for (int i = 0; i < templates_count(); i++)
		sm3_field(h, templates_at(i)->digest);
	sm3_end(h, key);
	return 0;
}

int duties_refresh(store *s, ys_err *err)
{
	buf b = { 0 };
	duties_key(&b);
	int rc = store_built(s, "duties_built", b.s, err);
	char old[SM3_HEX];
	if (rc == 0 && !legacy_key(old) && store_built(s, "duties_built", old, err) == 1) {
		/* Built by an earlier program from these very files: only the
		 * key's form changes. */
		rc = store_set_built(s, "duties_built", b.s, err);
	} else if (rc == 0) {
		rc = store_begin(s, err);
		if (!rc && (store_set_built(s, "duties_built", b.s, err) || duties_sync_all(s, err))) {
			store_rollback(s);
			rc = -1;
		} else if (!rc) {
			rc = store_commit(s, err);
		}
	} else {
		rc = rc < 0 ? -1 : 0;
	}
	buf_free(&b);
	return rc;
}
