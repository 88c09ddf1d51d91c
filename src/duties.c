/* duties.c - 到期事项 (see duties.h): when each starts and falls due, who
 * sees it, and its closing record. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "duties.h"
#include "followup.h"
#include "text.h"
#include "workdays.h"
#include "workflow.h"

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
	char at[17], login[64];
	char *record;                   /* its JSON */
} closing;

typedef struct signed_step {
	char step[64];
	ys_date on;
} signed_step;

typedef struct history {
	ys_date done, terminated, delivered;
	signed_step *steps;
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
		if (i == h->nsteps) {
			h->steps = xrealloc(h->steps, sizeof *h->steps * (size_t)(h->nsteps + 1));
			snprintf(h->steps[h->nsteps++].step, sizeof h->steps[0].step, "%s", e->step);
		}
		h->steps[i].on = day_of(e->at);
	}
	if (!strcmp(e->kind, EV_DUTY)) {
		h->closings = xrealloc(h->closings, sizeof *h->closings * (size_t)(h->nclosings + 1));
		closing *c = &h->closings[h->nclosings++];
		memset(c, 0, sizeof *c);
		snprintf(c->duty, sizeof c->duty, "%s", e->step);
		c->seq = e->round;
		c->on = day_of(e->at);
		c->event_id = e->id;
		snprintf(c->at, sizeof c->at, "%s", e->at);
		snprintf(c->login, sizeof c->login, "%s", e->login);
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

/* The value of field id in a closing record, "" if absent. */
static char *record_value(store *s, const char *record, const char *id)
{
	json *j = json_parse(store_db(s), record, NULL);
	char *v = xstrdup(json_str(j, id, ""));
	json_free(j);
	return v;
}

static long long first_delivery(store *s, long long id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT min(delivered_on) FROM deliveries WHERE app_id = :id", NULL);
	ys_date d = DATE_NONE;
	if (!st)
		return d;
	store_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		d = day_of((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return d;
}

/* ---- Planning one application's duties -------------------------------- */

typedef struct plan {
	duty_rec *rows;
	int n;
} plan;

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

/* n, or the longest of a table column's values (blank rows count n). */
static int period_n(const tpl_period *p, const app_data *data)
{
	if (!p->longest_table)
		return p->n;
	int n = p->n;
	for (int t = 0; t < data->form->ntables; t++) {
		const tpl_table *tb = &data->form->tables[t];
		if (strcmp(tb->id, p->longest_table))
			continue;
		for (int c = 0; c < tb->ncols; c++)
			if (!strcmp(tb->cols[c].id, p->longest_col))
				for (int r = 0; r < data->tables[t].nrows; r++) {
					const char *v = app_cell(data, t, r, c);
					if (v && *v && atoi(v) > n)
						n = atoi(v);
				}
	}
	return n;
}

static ys_date form_day(const app_data *data, const char *id)
{
	const char *v = app_get(data, id);
	ys_date d;
	if (v && !date_parse(v, &d))
		return d;
	if (v && !date_parse_month(v, &d))
		return date_month_end(d);      /* a term "至 2027-12" runs to its last day */
	return DATE_NONE;
}

/* The day a duty starts, DATE_NONE when it has not. */
static ys_date started(store *s, const tpl_duty *d, const history *h, const app_data *data,
		       const template *t)
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
		return h->delivered;
	case ON_FIELD:
		return form_day(data, d->ref);
	case ON_DUTY: {
		/* The latest closing of that duty (with the value asked for). */
		ys_date on = DATE_NONE;
		for (int i = 0; i < h->nclosings; i++) {
			const closing *c = &h->closings[i];
			if (strcmp(c->duty, d->ref))
				continue;
			if (d->ref_field) {
				char *v = record_value(s, c->record, d->ref_field);
				int ok = !strcmp(v, d->ref_value);
				free(v);
				if (!ok)
					continue;
			}
			on = c->on;
		}
		(void)t;
		return on;
	}
	default:
		return DATE_NONE;
	}
}

static void plan_add(plan *p, const app_rec *r, const tpl_duty *d, int seq, ys_date base, ys_date due,
		     const closing *c)
{
	p->rows = xrealloc(p->rows, sizeof *p->rows * (size_t)(p->n + 1));
	duty_rec *x = &p->rows[p->n++];
	memset(x, 0, sizeof *x);
	x->app_id = r->id;
	x->seq = seq;
	x->def = d;
	snprintf(x->template, sizeof x->template, "%s", r->template);
	snprintf(x->duty, sizeof x->duty, "%s", d->id);
	snprintf(x->role, sizeof x->role, "%s", d->role);
	snprintf(x->county, sizeof x->county, "%s", r->county);
	date_iso(base, x->base);
	date_iso(due, x->due);
	if (c) {
		x->event_id = c->event_id;
		snprintf(x->closed_at, sizeof x->closed_at, "%s", c->at);
		snprintf(x->closed_by, sizeof x->closed_by, "%s", c->login);
	}
}

/* Past approval: finished, or on a step that is no review (provisioning,
 * test, trial, migration). */
static int in_service(const app_rec *r, const template *t)
{
	if (!strcmp(r->status, ST_DONE))
		return 1;
	const tpl_step *sp = flow_step(template_flow(t, r->kind), r->step);
	return !strcmp(r->status, ST_PENDING) && sp && !sp->review;
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
	history h = { .done = DATE_NONE, .terminated = DATE_NONE };
	if (apps_events(s, r->id, read_event, &h, err)) {
		app_data_free(data);
		history_free(&h);
		return -1;
	}
	h.delivered = (ys_date)first_delivery(s, r->id);
	int serving = in_service(r, t), ended = !strcmp(r->status, ST_TERMINATED);
	for (int i = 0; i < t->nduties; i++) {
		const tpl_duty *d = &t->duties[i];
		if (d->on == ON_EVERY || d->on == ON_YEARLY || !applies(d, data))
			continue;
		ys_date base = started(s, d, &h, data, t);
		int after_end = d->on == ON_DONE && !strcmp(d->flow, KIND_TERMINATE);
		/* Open duties belong to a system in service (a termination's to
		 * one that ended, or one ended by a duty's record); what was
		 * closed stays on record whatever came after. */
		int live = after_end ? ended : serving || (d->on == ON_DUTY && ended);
		if (base == DATE_NONE)
			continue;
		ys_date due = duty_period_end(base, period_n(&d->period, data), d->period.unit);
		for (int seq = 1;; seq++) {
			const closing *c = closed(&h, d->id, seq);
			if (c || live)
				plan_add(p, r, d, seq, base, due, c);
			if (!c || !d->repeat.n)
				break;
			base = due;
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
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM duties WHERE app_id = :id", err);
	int rc = 0;
	if (!st)
		rc = -1;
	else {
		store_bind_int(st, ":id", id);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "更新到期事项");
		sqlite3_reset(st);
	}
	for (int i = 0; !rc && i < p.n; i++) {
		const duty_rec *x = &p.rows[i];
		st = store_stmt(s, "INSERT INTO duties(app_id, duty, seq, template, county, role, base, due, event_id) "
				"VALUES (:app, :duty, :seq, :tpl, :county, :role, :base, :due, NULLIF(:ev, 0))", err);
		if (!st) {
			rc = -1;
			break;
		}
		store_bind_int(st, ":app", x->app_id);
		store_bind_text(st, ":duty", x->duty);
		store_bind_int(st, ":seq", x->seq);
		store_bind_text(st, ":tpl", x->template);
		store_bind_text(st, ":county", x->county);
		store_bind_text(st, ":role", x->role);
		store_bind_text(st, ":base", x->base);
		store_bind_text(st, ":due", x->due);
		store_bind_int(st, ":ev", x->event_id);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "更新到期事项");
		sqlite3_reset(st);
	}
	free(p.rows);
	return rc;
}

int duties_sync_all(store *s, ys_err *err)
{
	/* The ids first: syncing runs statements of its own. */
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM applications WHERE kind = '" KIND_APPLY "' AND status IN ('"
				      ST_PENDING "','" ST_DONE "','" ST_TERMINATED "') ORDER BY id", err);
	if (!st)
		return -1;
	long long *ids = NULL;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xrealloc(ids, sizeof *ids * (size_t)(n + 1));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return store_fail(s, err, "读取申请");
	}
	rc = store_exec(s, "DELETE FROM duties;", err);
	for (int i = 0; !rc && i < n; i++)
		rc = duties_sync(s, ids[i], err);
	free(ids);
	return rc;
}

typedef struct open_due {
	long long app;
	char duty[32], due[11];
	int seq;
} open_due;

static int read_open(store *s, open_due **out, int *n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT app_id, duty, seq, due FROM duties WHERE event_id IS NULL "
				      "ORDER BY app_id, duty, seq", err);
	if (!st)
		return -1;
	int rc;
	*n = 0;
	*out = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		open_due *o = &(*out)[(*n)++];
		o->app = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, o->duty, sizeof o->duty);
		o->seq = sqlite3_column_int(st, 2);
		store_text_copy(st, 3, o->due, sizeof o->due);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取到期事项");
}

int duties_recount(store *s, const char *login, const char *now, int *moved, ys_err *err)
{
	open_due *before, *after;
	int nb, na;
	if (read_open(s, &before, &nb, err))
		return -1;
	int rc = duties_sync_all(s, err);
	if (!rc)
		rc = read_open(s, &after, &na, err);
	else
		after = NULL, na = 0;
	/* Each open duty whose due day the new calendar moved: one event. */
	for (int i = 0, j = 0; !rc && i < nb; i++) {
		while (j < na && (after[j].app < before[i].app || (after[j].app == before[i].app &&
		       (strcmp(after[j].duty, before[i].duty) < 0 || (!strcmp(after[j].duty, before[i].duty) &&
		       after[j].seq < before[i].seq)))))
			j++;
		if (j == na || after[j].app != before[i].app || strcmp(after[j].duty, before[i].duty) ||
		    after[j].seq != before[i].seq || !strcmp(after[j].due, before[i].due))
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

/* ---- Rebuilding when the templates change ----------------------------- */

static unsigned long long fnv(unsigned long long h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h ^ 0xff) * 1099511628211ULL;
}

static unsigned long long hash_json(unsigned long long h, const json *j)
{
	char t[8];
	snprintf(t, sizeof t, "%d", (int)j->type);
	h = fnv(fnv(fnv(h, t), j->key), j->text);
	for (int i = 0; i < j->n; i++)
		h = hash_json(h, j->kids[i]);
	return h;
}

int duties_refresh(store *s, ys_err *err)
{
	/* What the table was built from: every template whole, and the years
	 * of the holiday table. */
	unsigned long long h = 14695981039346656037ULL;
	for (int i = 0; i < templates_count(); i++)
		h = hash_json(h, templates_at(i)->raw);
	char key[64];
	snprintf(key, sizeof key, "%016llx-%d-%d", h, workdays_first_year(), workdays_last_year());
	sqlite3_stmt *st = store_stmt(s, "SELECT value FROM meta WHERE key = 'duties_built'", err);
	if (!st)
		return -1;
	int same = sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), key);
	sqlite3_reset(st);
	if (same)
		return 0;
	if (store_begin(s, err))
		return -1;
	st = store_stmt(s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('duties_built', :v)", err);
	int rc = st ? 0 : -1;
	if (st) {
		store_bind_text(st, ":v", key);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "记录到期事项的版本");
		sqlite3_reset(st);
	}
	if (rc || duties_sync_all(s, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

/* ---- Office-wide duties (counted from the calendar) ------------------- */

/* The first day anything of template t was in service, DATE_NONE if never. */
static ys_date office_since(store *s, const char *tpl)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT min(e.at) FROM events e JOIN applications a ON a.id = e.app_id "
				      "WHERE a.template = :t AND a.kind = '" KIND_APPLY "' AND e.status_to = '"
				      ST_DONE "'", NULL);
	ys_date d = DATE_NONE;
	if (!st)
		return d;
	store_bind_text(st, ":t", tpl);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		d = day_of((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return d;
}

/* The closing of office duty `duty` of tpl for `period`: 1 found. */
static int office_closed(store *s, const char *tpl, const char *duty, const char *period, duty_rec *x)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, at, login FROM events WHERE app_id IS NULL AND field = :t "
				      "AND step = :d AND old = :p AND kind = '" EV_DUTY "' ORDER BY id LIMIT 1", NULL);
	if (!st)
		return 0;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":d", duty);
	store_bind_text(st, ":p", period);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		x->event_id = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, x->closed_at, sizeof x->closed_at);
		store_text_copy(st, 2, x->closed_by, sizeof x->closed_by);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return found;
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
		int mm = atoi(d->ref), dd = atoi(d->ref + 3);
		start = date_from_ymd(y + k, 1, 1);
		*due = workdays_add_calendar(date_from_ymd(y + k, mm, dd), 0);
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

typedef struct rows {
	duty_rec *v;
	int n;
} rows;

static void rows_add(rows *r, const duty_rec *x)
{
	r->v = xrealloc(r->v, sizeof *r->v * (size_t)(r->n + 1));
	r->v[r->n++] = *x;
}

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

static void office_duties(store *s, const duty_filter *f, rows *out)
{
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		ys_date since = DATE_NONE;
		for (int j = 0; j < t->nduties; j++) {
			const tpl_duty *d = &t->duties[j];
			if (d->on != ON_EVERY && d->on != ON_YEARLY)
				continue;
			if (since == DATE_NONE && (since = office_since(s, t->id)) == DATE_NONE)
				break;
			for (int k = 0;; k++) {
				duty_rec x = { 0 };
				ys_date due, start = office_period(d, since, k, &due, x.period);
				if (start > f->today)
					break;
				if (due < since)
					continue;       /* the year's day came before the first system */
				x.def = d;
				snprintf(x.template, sizeof x.template, "%s", t->id);
				snprintf(x.duty, sizeof x.duty, "%s", d->id);
				snprintf(x.role, sizeof x.role, "%s", d->role);
				date_iso(start, x.base);
				date_iso(due, x.due);
				if (!office_closed(s, t->id, d->id, x.period, &x) && visible(f, &x))
					rows_add(out, &x);
			}
		}
	}
}

static int by_due(const void *a, const void *b)
{
	const duty_rec *x = a, *y = b;
	int c = strcmp(x->due, y->due);
	return c ? c : x->app_id < y->app_id ? -1 : x->app_id > y->app_id;
}

static int collect(store *s, const duty_filter *f, rows *out, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT d.app_id, d.duty, d.seq, d.template, d.county, d.role, d.base, d.due, "
				      "COALESCE(d.event_id, 0), COALESCE(e.at, ''), COALESCE(e.login, ''), a.unit, a.system, "
				      "COALESCE(a.docno, '') FROM duties d JOIN applications a ON a.id = d.app_id "
				      "LEFT JOIN events e ON e.id = d.event_id WHERE (:app = 0 AND d.event_id IS NULL) "
				      "OR d.app_id = :app ORDER BY d.due, d.app_id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":app", f->app);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		duty_rec x = { 0 };
		x.app_id = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, x.duty, sizeof x.duty);
		x.seq = sqlite3_column_int(st, 2);
		store_text_copy(st, 3, x.template, sizeof x.template);
		store_text_copy(st, 4, x.county, sizeof x.county);
		store_text_copy(st, 5, x.role, sizeof x.role);
		store_text_copy(st, 6, x.base, sizeof x.base);
		store_text_copy(st, 7, x.due, sizeof x.due);
		x.event_id = sqlite3_column_int64(st, 8);
		store_text_copy(st, 9, x.closed_at, sizeof x.closed_at);
		store_text_copy(st, 10, x.closed_by, sizeof x.closed_by);
		store_text_copy(st, 11, x.unit, sizeof x.unit);
		store_text_copy(st, 12, x.system, sizeof x.system);
		store_text_copy(st, 13, x.docno, sizeof x.docno);
		x.def = template_duty(template_find(x.template), x.duty);
		if (x.def && visible(f, &x))
			rows_add(out, &x);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "读取到期事项");
	if (!f->app)
		office_duties(s, f, out);
	return 0;
}

/* One application's duties in the order its template declares them. */
static int decl_order(const void *a, const void *b)
{
	const duty_rec *x = a, *y = b;
	long dx = x->def - y->def;
	return dx ? (dx < 0 ? -1 : 1) : x->seq - y->seq;
}

int duties_list(store *s, const duty_filter *f, int (*cb)(const duty_rec *, void *), void *ctx,
		ys_err *err)
{
	rows r = { 0 };
	if (collect(s, f, &r, err)) {
		free(r.v);
		return -1;
	}
	if (r.n > 1)
		qsort(r.v, (size_t)r.n, sizeof *r.v, f->app ? decl_order : by_due);
	for (int i = 0; i < r.n; i++)
		if (cb(&r.v[i], ctx))
			break;
	free(r.v);
	return 0;
}

int duties_count(store *s, const duty_filter *f, int soon_days, duty_counts *out, ys_err *err)
{
	rows r = { 0 };
	memset(out, 0, sizeof *out);
	int rc = collect(s, f, &r, err);
	for (int i = 0; !rc && i < r.n; i++) {
		ys_date due;
		if (r.v[i].event_id || date_parse(r.v[i].due, &due))
			continue;
		out->open++;
		out->overdue += due < f->today;
		out->soon += due >= f->today && due <= f->today + soon_days;
	}
	free(r.v);
	return rc;
}

/* ---- Finding, closing, blocking --------------------------------------- */

typedef struct find_ctx {
	const char *duty, *period;
	int seq;
	duty_rec *out;
	int found;
} find_ctx;

static int find_one(const duty_rec *x, void *ctx)
{
	find_ctx *c = ctx;
	if (strcmp(x->duty, c->duty) || (c->period && strcmp(x->period, c->period)))
		return 0;
	if (c->seq ? x->seq != c->seq : !!x->event_id)
		return 0;
	*c->out = *x;
	c->found = 1;
	return 1;
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
		return err_set(err, "没有模板“%s”", tpl ? tpl : "");
	const tpl_duty *d = template_duty(t, duty);
	if (!d) {
		buf b = { 0 };
		for (int i = 0; i < t->nduties; i++)
			if ((t->duties[i].on == ON_EVERY || t->duties[i].on == ON_YEARLY) == !app)
				buf_printf(&b, "%s%s（%s）", b.len ? "、" : "", t->duties[i].id, t->duties[i].label);
		err_set(err, "%s没有到期事项“%s”%s%s", t->name, duty, b.len ? "；可用：" : "", b.s ? b.s : "");
		buf_free(&b);
		return -1;
	}
	if ((d->on == ON_EVERY || d->on == ON_YEARLY) == !!app)
		return err_set(err, app ? "“%s”是%s的全局事项，不属于某件申请：用模板 id 代替申请编号"
				      : "“%s”属于每件申请（%s），请给出申请编号", d->label, t->name);
	find_ctx c = { duty, period, 0, out, 0 };
	if (!app) {
		/* Closed periods too: closing one twice says who closed it. */
		rows r = { 0 };
		office_duties(s, &f, &r);
		for (int i = 0; i < r.n && !c.found; i++)
			find_one(&r.v[i], &c);
		free(r.v);
		if (!c.found && period) {
			snprintf(out->template, sizeof out->template, "%s", t->id);
			snprintf(out->duty, sizeof out->duty, "%s", d->id);
			snprintf(out->period, sizeof out->period, "%s", period);
			out->def = d;
			if (office_closed(s, t->id, d->id, period, out))
				return 0;
			return err_set(err, "%s的“%s”没有期间 %s（期间以其第一天或年份标识，见 yunshen due）",
				       t->name, d->label, period);
		}
		if (!c.found)
			return err_set(err, "%s的“%s”没有未办的期间", t->name, d->label);
		return 0;
	}
	if (duties_list(s, &f, find_one, &c, err))
		return -1;
	if (!c.found) {
		/* The latest occurrence, closed, so the refusal can say by whom. */
		c.seq = -1;
		for (int seq = 64; seq >= 1 && !c.found; seq--) {
			c.seq = seq;
			duties_list(s, &f, find_one, &c, NULL);
		}
		if (!c.found)
			return err_set(err, "申请 %lld 现在没有“%s”（尚未开始，或不适用于该申请）", app, d->label);
	}
	return 0;
}

static void record_text(const tpl_duty *d, char **vals, buf *json_out, buf *text)
{
	buf_puts(json_out, "{");
	for (int i = 0; i < d->nfields; i++) {
		buf_printf(json_out, "%s", i ? "," : "");
		buf_json_str(json_out, d->fields[i].id);
		buf_puts(json_out, ":");
		buf_json_str(json_out, vals[i] ? vals[i] : "");
		if (vals[i] && *vals[i])
			buf_printf(text, "%s%s：%s", text->len ? "；" : "", d->fields[i].label, vals[i]);
	}
	buf_puts(json_out, "}");
}

int duties_close(store *s, const user *u, const duty_rec *x, const char *const *ids,
		 const char *const *vals, int n, const char *opinion, const char *now, ys_err *err)
{
	if (store_begin(s, err))
		return -1;
	if (duties_do(s, u, x, ids, vals, n, opinion, now, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int duties_do(store *s, const user *u, const duty_rec *x, const char *const *ids,
	      const char *const *vals, int n, const char *opinion, const char *now, ys_err *err)
{
	const tpl_duty *d = x->def;
	if (!user_has(u, d->role, x->template, x->county))
		return err_set(err, "%s 没有办理“%s”所需的%s角色", u->login, d->label, role_label(d->role));
	if (x->event_id)
		return err_set(err, "“%s”（%s）已由 %s 于 %.10s %.5s 办结，不能重复办理", d->label,
			       x->app_id ? x->due : x->period, x->closed_by, x->closed_at, x->closed_at + 11);
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	if (d->wait && strcmp(today, x->due) < 0)
		return err_set(err, "“%s”须满期限：%s 起才能办理%s%s%s", d->label, x->due, d->article ? "（" : "",
			       d->article ? d->article : "", d->article ? "）" : "");
	char **canon = xcalloc((size_t)d->nfields + 1, sizeof *canon);
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		int k = -1;
		for (int j = 0; j < d->nfields; j++)
			if (!strcmp(d->fields[j].id, ids[i]) || !strcmp(d->fields[j].label, ids[i]))
				k = j;
		if (k < 0) {
			buf b = { 0 };
			for (int j = 0; j < d->nfields; j++)
				buf_printf(&b, "%s%s（%s）", j ? "、" : "", d->fields[j].id, d->fields[j].label);
			rc = err_set(err, "“%s”的记录没有“%s”一项%s%s", d->label, ids[i], b.len ? "；可填：" : "",
				     b.s ? b.s : "");
			buf_free(&b);
			break;
		}
		free(canon[k]);
		canon[k] = field_normalize(&d->fields[k], vals[i]);
	}
	for (int j = 0; j < d->nfields && !rc; j++) {
		char msg[256];
		if (field_check(&d->fields[j], canon[j] ? canon[j] : "", msg, sizeof msg))
			rc = err_set(err, "“%s”：%s", d->fields[j].label, msg);
		else if (d->fields[j].type == F_DATE && canon[j] && *canon[j] && strcmp(canon[j], today) > 0)
			rc = err_set(err, "“%s”是 %s，晚于今天：记录的是已经发生的事", d->fields[j].label, canon[j]);
	}
	char why[512];
	if (!rc && workflow_opinion_check(d->close_label, 0, opinion, why, sizeof why))
		rc = err_set(err, "%s", why);
	if (rc) {
		for (int j = 0; j < d->nfields; j++)
			free(canon[j]);
		free(canon);
		return -1;
	}
	buf rec = { 0 }, text = { 0 };
	record_text(d, canon, &rec, &text);
	if (opinion && *opinion)
		buf_printf(&text, "%s%s", text.len ? "；" : "", opinion);
	app_event e = { .round = x->seq, .opinion = text.s, .new = rec.s };
	snprintf(e.step, sizeof e.step, "%s", d->id);
	snprintf(e.action, sizeof e.action, "close");
	snprintf(e.label, sizeof e.label, "%s", d->close_label);
	snprintf(e.deadline, sizeof e.deadline, "%s", x->due);
	if (!x->app_id) {
		e.field = x->template;
		e.old = x->period;
	}
	rc = apps_event(s, x->app_id, now, u->login, EV_DUTY, &e, err);
	if (!rc && x->app_id && d->ends) {
		app_rec r;
		char note[256];
		snprintf(note, sizeof note, "%s：%s", d->label, d->close_label);
		rc = apps_get(s, x->app_id, &r, err);
		if (!rc && strcmp(r.status, ST_TERMINATED))
			rc = followup_end_service(s, &r, note, u->login, now, err);
	}
	if (!rc && x->app_id)
		rc = duties_sync(s, x->app_id, err);
	for (int j = 0; j < d->nfields; j++)
		free(canon[j]);
	free(canon);
	buf_free(&rec);
	buf_free(&text);
	return rc;
}

int duties_block(store *s, const app_rec *r, const char *step, char *why, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT duty, due FROM duties WHERE app_id = :id AND event_id IS NULL", NULL);
	if (!st)
		return -1;
	store_bind_int(st, ":id", r->id);
	const template *t = template_find(r->template);
	int held = 0, rc;
	while (!held && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const tpl_duty *d = template_duty(t, (const char *)sqlite3_column_text(st, 0));
		if (d && d->late == LATE_BLOCK && !strcmp(d->block_step, step)) {
			snprintf(why, n, "须先办结到期事项“%s”%s%s%s（yunshen duty %lld %s）", d->label,
				 d->article ? "（" : "", d->article ? d->article : "", d->article ? "）" : "", r->id, d->id);
			held = 1;
		}
	}
	sqlite3_reset(st);
	return held;
}

/* ---- Words ------------------------------------------------------------ */

void duty_left(const duty_rec *d, ys_date today, char *out, size_t n, int *overdue)
{
	ys_date due;
	*overdue = 0;
	if (d->event_id || date_parse(d->due, &due)) {
		snprintf(out, n, "%s", d->event_id ? "已办结" : "");
		return;
	}
	if (due == today)
		snprintf(out, n, "今天到期");
	else if (due > today)
		snprintf(out, n, d->def && d->def->wait ? "%d 天后可办" : "剩 %d 天", due - today);
	else {
		snprintf(out, n, "超期 %d 天", today - due);
		*overdue = !(d->def && d->def->wait);
	}
}

char *duty_notice(const duty_rec *d, const template *t)
{
	if (!d->def || !d->def->notice)
		return NULL;
	ys_date due;
	char cn[32] = "";
	if (!date_parse(d->due, &due))
		date_cn(due, cn, sizeof cn);
	char base_cn[32] = "";
	if (!date_parse(d->base, &due))
		date_cn(due, base_cn, sizeof base_cn);
	const char *keys[] = { "{unit}", "{system}", "{docno}", "{due}", "{start}", "{authority}" };
	const char *vals[] = { d->unit, d->system, d->docno, cn, base_cn, t ? t->authority : "" };
	buf b = { 0 };
	for (const char *p = d->def->notice; *p;) {
		int k = -1;
		for (int i = 0; i < 6 && k < 0; i++)
			if (!strncmp(p, keys[i], strlen(keys[i])))
				k = i;
		if (k >= 0) {
			buf_puts(&b, vals[k]);
			p += strlen(keys[k]);
		} else {
			buf_add(&b, p++, 1);
		}
	}
	return buf_take(&b);
}

int duty_record(store *s, const duty_rec *d, buf *b, ys_err *err)
{
	if (!d->event_id)
		return 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT COALESCE(opinion, '') FROM events WHERE id = :id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", d->event_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		buf_puts(b, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return 0;
}
