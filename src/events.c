/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* events.c - the history: one row per signature, edit, submission and
 * lifecycle step, append-only (the schema's triggers refuse the rest),
 * each with the state its application was left in and a link of the SM3
 * chain over all events (views app_state and event_body, migration 4). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "apps.h"
#include "users.h"

int apps_event(store *s, long long app, const char *now, const char *login,
	       const char *kind, const app_event *e, ys_err *err)
{
	/* The row as this event leaves it: every change of an application is
	 * followed by its event in the same transaction. */
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO events(app_id, at, login, kind, step, action, label, opinion, field, old, new, "
		"status_from, status_to, deadline, round, state, name, for_login, for_name) VALUES (:app, :at, "
		":login, :kind, NULLIF(:step,''), NULLIF(:action,''), NULLIF(:label,''), :opinion, :field, :old, "
		":new, NULLIF(:from,''), NULLIF(:to,''), NULLIF(:deadline,''), :round, "
		"(SELECT state FROM app_state WHERE id = :app), NULLIF(:name,''), NULLIF(:for,''), "
		"NULLIF(:forname,''))", err);
	if (!st)
		return -1;
	if (app)
		store_bind_int(st, ":app", app);
	else
		store_bind_text(st, ":app", NULL);      /* an office duty's record: no application */
	store_bind_text(st, ":at", now);
	store_bind_text(st, ":login", login);
	store_bind_text(st, ":kind", kind);
	store_bind_int(st, ":round", e ? e->round : 0);
	/* The names as they stand now: what was signed stays as it was
	 * signed when a name changes later. */
	char name[USER_NAME_MAX], for_name[USER_NAME_MAX] = "";
	user_name(s, login, name, sizeof name);
	store_bind_text(st, ":name", name);
	if (e && e->for_login[0]) {
		user_name(s, e->for_login, for_name, sizeof for_name);
		store_bind_text(st, ":for", e->for_login);
		store_bind_text(st, ":forname", for_name);
	}
	if (e) {
		const char *names[] = { ":step", ":action", ":label", ":opinion", ":field", ":old", ":new",
					":from", ":to", ":deadline" };
		const char *vals[] = { e->step, e->action, e->label, e->opinion, e->field, e->old, e->new,
				       e->status_from, e->status_to, e->deadline };
		for (int i = 0; i < 10; i++)
			store_bind_text(st, names[i], vals[i]);
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "记录历史");
	/* Its link: SM3 over the previous event's link and this event. */
	st = store_stmt(s, "INSERT INTO event_hashes(event_id, hash) SELECT b.id, ys_sm3(COALESCE("
			"(SELECT hash FROM event_hashes WHERE event_id < b.id ORDER BY event_id DESC LIMIT 1), ''), "
			"b.body) FROM event_body b WHERE b.id = :id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", sqlite3_last_insert_rowid(store_db(s)));
	rc = sqlite3_step(st);
	int linked = sqlite3_changes(store_db(s));
	sqlite3_reset(st);
	return rc == SQLITE_DONE && linked == 1 ? 0 : store_fail(s, err, "记录历史的校验链");
}

void apps_read_event(sqlite3_stmt *st, app_event *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(st, 0);
	store_text_copy(st, 1, e->at, sizeof e->at);
	store_text_copy(st, 2, e->login, sizeof e->login);
	store_text_copy(st, 3, e->kind, sizeof e->kind);
	store_text_copy(st, 4, e->step, sizeof e->step);
	store_text_copy(st, 5, e->action, sizeof e->action);
	store_text_copy(st, 6, e->label, sizeof e->label);
	e->opinion = (const char *)sqlite3_column_text(st, 7);
	e->field = (const char *)sqlite3_column_text(st, 8);
	e->old = (const char *)sqlite3_column_text(st, 9);
	e->new = (const char *)sqlite3_column_text(st, 10);
	store_text_copy(st, 11, e->status_from, sizeof e->status_from);
	store_text_copy(st, 12, e->status_to, sizeof e->status_to);
	store_text_copy(st, 13, e->deadline, sizeof e->deadline);
	e->round = sqlite3_column_int(st, 14);
	store_text_copy(st, 16, e->for_login, sizeof e->for_login);
	user_signer(e->login, store_text(st, 15), e->for_login, store_text(st, 17), e->signer, sizeof e->signer);
}

/* Steps st (bound) to its one row: the event into out, its field name
 * into field (if asked), the text members gone at reset. 1, 0, -1. */
static int one_event(store *s, sqlite3_stmt *st, app_event *out, char *field, size_t n, ys_err *err)
{
	int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
	if (field)
		field[0] = '\0';
	if (found) {
		apps_read_event(st, out);
		if (field)
			snprintf(field, n, "%s", out->field ? out->field : "");
		out->opinion = out->field = out->old = out->new = NULL;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "读取历史");
	return found;
}

/* The events of :id that a recall takes back. */
#define RECALLED "(SELECT CAST(old AS INTEGER) FROM events WHERE app_id=:id AND kind='" EV_RECALL "')"
#define NOT_RECALLED "events.id NOT IN " RECALLED

int apps_last_act(store *s, long long id, int round, const char *step, const char *not_step,
		  app_event *out, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " EVENTS_COLS " FROM events WHERE app_id=:id "
				      "AND kind='" EV_ACT "' AND (:round=0 OR round=:round) AND " NOT_RECALLED " "
				      "AND (:step IS NULL OR step=:step) AND (:not IS NULL OR step<>:not) "
				      "ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	store_bind_int(st, ":round", round);
	store_bind_text(st, ":step", step);
	store_bind_text(st, ":not", not_step);
	return one_event(s, st, out, NULL, 0, err);
}

int apps_last_event(store *s, long long id, app_event *out, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " EVENTS_COLS " FROM events WHERE app_id=:id ORDER BY id DESC LIMIT 1",
				      err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	return one_event(s, st, out, NULL, 0, err);
}

int apps_last_edit(store *s, long long id, app_event *out, char *field, size_t n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " EVENTS_COLS " FROM events WHERE app_id=:id AND kind='" EV_EDIT
				      "' ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	return one_event(s, st, out, field, n, err);
}

static int scan(store *s, sqlite3_stmt *st, long long id, int (*cb)(const app_event *, void *), void *ctx,
		ys_err *err)
{
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		app_event e;
		apps_read_event(st, &e);
		e.recalled = sqlite3_column_int(st, EVENTS_NCOLS);
		if (cb(&e, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取历史");
}

int apps_events(store *s, long long id, int (*cb)(const app_event *, void *), void *ctx,
		ys_err *err)
{
	return scan(s, store_stmt(s, "SELECT " EVENTS_COLS ", 0 FROM events WHERE app_id=:id AND kind<>'" EV_RECALL
				  "' AND " NOT_RECALLED " ORDER BY id", err), id, cb, ctx, err);
}

int apps_history(store *s, long long id, int (*cb)(const app_event *, void *), void *ctx,
		 ys_err *err)
{
	return scan(s, store_stmt(s, "SELECT " EVENTS_COLS ", events.id IN " RECALLED " FROM events "
				  "WHERE app_id=:id ORDER BY id", err), id, cb, ctx, err);
}
