/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duties_store.c - the duties' storage (declared in duties.h, section
 * "storage"): the derived table duties, the office duties' records in the
 * history, and the note of what the table was built from. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "duties.h"

static int done_or_fail(store *s, sqlite3_stmt *st, ys_err *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "更新到期事项");
}

int duties_store(store *s, long long app, const duty_rec *rows, int n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM duties WHERE app_id = :id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", app);
	if (done_or_fail(s, st, err))
		return -1;
	for (int i = 0; i < n; i++) {
		const duty_rec *x = &rows[i];
		st = store_stmt(s, "INSERT INTO duties(app_id, duty, seq, template, county, role, base, due, event_id) "
				"VALUES (:app, :duty, :seq, :tpl, :county, :role, :base, :due, NULLIF(:ev, 0))", err);
		if (!st)
			return -1;
		store_bind_int(st, ":app", x->app_id);
		store_bind_int(st, ":seq", x->seq);
		store_bind_int(st, ":ev", x->event_id);
		const char *names[] = { ":duty", ":tpl", ":county", ":role", ":base", ":due" };
		const char *vals[] = { x->duty, x->template, x->county, x->role, x->base, x->due };
		for (int k = 0; k < 6; k++)
			store_bind_text(st, names[k], vals[k]);
		if (done_or_fail(s, st, err))
			return -1;
	}
	return 0;
}

int duties_clear(store *s, long long **ids, int *n, ys_err *err)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM applications WHERE kind = '" KIND_APPLY "' AND status IN ('"
				      ST_PENDING "','" ST_DONE "','" ST_TERMINATED "') ORDER BY id", err);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*XPUSH(*ids, *n) = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "读取申请");
	return store_exec(s, "DELETE FROM duties;", err);
}

int duties_open_dues(store *s, duty_due **out, int *n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT app_id, duty, seq, due FROM duties WHERE event_id IS NULL "
				      "ORDER BY app_id, duty, seq", err);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		duty_due *o = XPUSH(*out, *n);
		o->app = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, o->duty, sizeof o->duty);
		o->seq = sqlite3_column_int(st, 2);
		store_text_copy(st, 3, o->due, sizeof o->due);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取到期事项");
}

int duties_read_row(sqlite3_stmt *st, duty_rec *x)
{
	memset(x, 0, sizeof *x);
	x->app_id = sqlite3_column_int64(st, 0);
	x->seq = sqlite3_column_int(st, 2);
	x->event_id = sqlite3_column_int64(st, 8);
	struct { int col; char *to; size_t n; } text[] = {
		{ 1, x->duty, sizeof x->duty }, { 3, x->template, sizeof x->template }, { 4, x->county, sizeof x->county },
		{ 5, x->role, sizeof x->role }, { 6, x->base, sizeof x->base }, { 7, x->due, sizeof x->due },
		{ 9, x->closed_at, sizeof x->closed_at }, { 10, x->closed_by, sizeof x->closed_by },
		{ 11, x->unit, sizeof x->unit }, { 12, x->system, sizeof x->system }, { 13, x->docno, sizeof x->docno },
	};
	for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
		store_text_copy(st, text[k].col, text[k].to, text[k].n);
	x->def = template_duty(template_find(x->template), x->duty);
	return x->def != NULL;
}

int duties_rows(store *s, long long app, const char *until, int (*cb)(duty_rec *, void *), void *ctx, ys_err *err)
{
	/* Separate statements, not one with an OR: each is served by its
	 * index (the primary key for one application, duties_open for all,
	 * read only as far as `until` when given). */
	sqlite3_stmt *st = app ? store_stmt(s, DUTIES_SELECT "WHERE d.app_id = :app ORDER BY d.due", err)
			 : until ? store_stmt(s, DUTIES_SELECT "WHERE d.event_id IS NULL AND d.due <= :until "
					      "ORDER BY d.due, d.app_id", err)
			       : store_stmt(s, DUTIES_SELECT "WHERE d.event_id IS NULL ORDER BY d.due, d.app_id", err);
	if (!st)
		return -1;
	if (app)
		store_bind_int(st, ":app", app);
	else if (until)
		store_bind_text(st, ":until", until);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		duty_rec x;
		if (duties_read_row(st, &x) && cb(&x, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取到期事项");
}

int duties_office_since(store *s, const char *tpl, ys_date *out, ys_err *err)
{
	/* The first event that finished one of its applications, from the
	 * finishing events in time order (events_done; CROSS keeps them the
	 * outer loop); a template with none finished (the kept counts say)
	 * reads none of them. */
	sqlite3_stmt *st = store_stmt(s, "SELECT (SELECT e.at FROM events e CROSS JOIN applications a ON a.id = e.app_id "
				      "WHERE e.status_to = '" ST_DONE "' AND a.template = :t AND a.kind = '" KIND_APPLY
				      "' AND a.status IN ('" ST_DONE "','" ST_TERMINATED "') ORDER BY e.at LIMIT 1) "
				      "WHERE EXISTS (SELECT 1 FROM app_counts WHERE status IN ('" ST_DONE "','" ST_TERMINATED
				      "') AND kind = '" KIND_APPLY "' AND template = :t AND n > 0)", err);
	*out = DATE_NONE;
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    date_parse((const char *)sqlite3_column_text(st, 0), out))
		*out = DATE_NONE;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取到期事项");
}

int duties_office_records(store *s, const char *tpl, const char *duty, duty_rec **out, int *n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, at, login, old FROM events WHERE app_id IS NULL AND field = :t "
				      "AND step = :d AND kind = '" EV_DUTY "' ORDER BY id", err);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":d", duty);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		duty_rec *x = XPUSH(*out, *n);
		x->event_id = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, x->closed_at, sizeof x->closed_at);
		store_text_copy(st, 2, x->closed_by, sizeof x->closed_by);
		store_text_copy(st, 3, x->period, sizeof x->period);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取到期事项");
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

/* The day of application app's first delivery (DATE_NONE: none yet). */
int duties_first_delivery(store *s, long long app, ys_date *out, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT min(delivered_on) FROM deliveries WHERE app_id = :id", err);
	*out = DATE_NONE;
	if (!st)
		return -1;
	store_bind_int(st, ":id", app);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) && date_parse((const char *)sqlite3_column_text(st, 0), out))
		*out = DATE_NONE;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, err, "读取交付记录");
}
