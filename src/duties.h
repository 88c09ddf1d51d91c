/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duties.h - 到期事项: what the regulations require after approval, each
 * declared in its template (tpl_duty, docs/templates.md): started by a
 * flow finished, a step signed, a delivery, a date on the form, another
 * duty closed, or the calendar (each week, month, quarter, year); due a
 * period later; closed by a signed record (a "duty" event in the SM3
 * chain: step = the duty, round = its occurrence, and for an office duty
 * no application, field = the template, old = the period). An
 * application's duties are kept in the table duties, derived from its
 * template and history by duties_sync (duties.c); office-wide ones (the
 * provider's monthly report) are counted from the calendar when listed
 * (duties_list.c); closing is duties_close.c's, storage duties_store.c's. */
#ifndef YUNSHEN_DUTIES_H
#define YUNSHEN_DUTIES_H

#include "app.h"
#include "apps.h"
#include "template.h"
#include "users.h"

typedef struct duty_rec {
	long long app_id;               /* 0: office-wide (template's) */
	char template[32], duty[32], role[16], county[128];
	int seq;                        /* occurrence of a repeating duty, from 1; office: 0 */
	char period[11];                /* office: the period's key (its first day, or the year) */
	char base[11], due[11];
	long long event_id;             /* the closing record; 0 while open */
	char closed_at[17], closed_by[64];
	char unit[256], system[256], docno[128];
	const tpl_duty *def;            /* its declaration */
} duty_rec;

/* The due day of a period counted from base: working days, calendar days
 * or months (same day of the month, clamped to its last day); a day that
 * is not a working day moves to the next one, or for a period counted
 * back (n < 0) to the one before. */
ys_date duty_period_end(ys_date base, int n, enum period_unit unit);

/* A period taken row by row (韶关 each host's backup retention): row's
 * value, n when blank, -1 when the row does not count (no backup). */
int duty_row_period(const tpl_period *p, const app_data *data, int row);

/* Recomputes application id's duties from its template and history (its
 * parent's too when it is a follow-up). Call inside the transaction of
 * the event that may change them. */
int duties_sync(store *s, long long id, ys_err *err);
/* Every application's: the templates or the calendar changed. */
int duties_sync_all(store *s, ys_err *err);
/* After the calendar changed: all again, and an event on each
 * application whose open duty's due day moved (*moved counts them). */
int duties_recount(store *s, const char *login, const char *now, int *moved, ys_err *err);
/* At open: rebuilds all when the templates' duties differ from the ones
 * the table was built with (a new install, an edited template). */
int duties_refresh(store *s, ys_err *err);

typedef struct duty_filter {
	const user *viewer;             /* only what this user may see (NULL: all) */
	const user *mine;               /* only duties of this user's roles */
	long long app;                  /* one application's (with closed ones), 0: all open */
	int overdue;                    /* only those past due */
	int within;                     /* only those due within N calendar days (or overdue); -1 any */
	ys_date today;
} duty_filter;

/* Open duties, most urgent (earliest due) first, or with f->app all of
 * one application's in template order. The callback returns non-zero to
 * stop. */
int duties_list(store *s, const duty_filter *f, int (*cb)(const duty_rec *, void *), void *ctx,
		ys_err *err);
/* The same in no particular order and without holding them all (counts
 * over a province: the monthly report's headline). */
int duties_each(store *s, const duty_filter *f, int (*cb)(const duty_rec *, void *), void *ctx, ys_err *err);
/* Open, overdue and due-within-N counts of listed rows, for a header. */
typedef struct duty_counts {
	long long open, overdue, soon;
} duty_counts;
void duties_tally(const duty_rec *rows, int n, ys_date today, int soon_days, duty_counts *out);

/* Finds one duty: of application app (seq 0: its open occurrence) or, with
 * app 0, the office duty of template tpl in period (NULL: the oldest open). */
int duties_find(store *s, const user *u, long long app, const char *tpl, const char *duty,
		const char *period, duty_rec *out, ys_err *err);

/* Closes d with its record: n values (ids[i] = vals[i]) for the duty's
 * fields, checked like a form's, and an optional opinion. Refused, saying
 * why: not u's role or scope, already closed (by whom, when), a waiting
 * period not over. One "duty" event, in its own transaction. */
int duties_close(store *s, const user *u, const duty_rec *d, const char *const *ids,
		 const char *const *vals, int n, const char *opinion, const char *now, ys_err *err);
/* The same inside a transaction the caller holds (demo). */
int duties_do(store *s, const user *u, const duty_rec *d, const char *const *ids,
	      const char *const *vals, int n, const char *opinion, const char *now, ys_err *err);

/* Is step `step` of application r held by an open duty (late: block)?
 * 1 with why ("须先…"), 0 not, -1 database error. */
int duties_block(store *s, const app_rec *r, const char *step, char *why, size_t n);

/* "剩 5 天" / "今天到期" / "超期 3 天" / "12 天后可办" (a waiting period) /
 * "已办结", calendar days, into out; compact: without spaces, for a
 * column ("剩5天"). *overdue when past due (never for a waiting period). */
void duty_left_text(const tpl_duty *def, const char *due, int closed, ys_date today, int compact, char *out,
		    size_t n, int *overdue);
void duty_left(const duty_rec *d, ys_date today, char *out, size_t n, int *overdue);
/* The notice text of d (late: notice) with its placeholders filled, the
 * application's own values ({form.ID}) read from s; NULL when it has
 * none. Caller frees. */
char *duty_notice(store *s, const duty_rec *d);
/* The closing record as people read it ("备案证明编号：…；…") into b. */
int duty_record(store *s, const duty_rec *d, buf *b, ys_err *err);

/* ---- storage (duties_store.c) ---- */

/* Replaces application app's rows with rows[0..n). */
int duties_store(store *s, long long app, const duty_rec *rows, int n, ys_err *err);
/* Empties the table; *ids (caller frees) the applications that may have
 * duties (apply, pending, done or terminated). */
int duties_clear(store *s, long long **ids, int *n, ys_err *err);
/* The open duties' due days, in (app, duty, seq) order (caller frees). */
typedef struct duty_due {
	long long app;
	char duty[32], due[11];
	int seq;
} duty_due;
int duties_open_dues(store *s, duty_due **out, int *n, ys_err *err);
/* Rows of the table, earliest due first: application app's all, or (app
 * 0) every open one (due by `until`, YYYY-MM-DD, when not NULL), each
 * with its application's unit, system and docno
 * and its record's signer. Rows whose duty the template no longer has are
 * skipped. The callback returns non-zero to stop. */
int duties_rows(store *s, long long app, const char *until, int (*cb)(duty_rec *, void *), void *ctx, ys_err *err);
/* Batch reads (the ledger): DUTIES_SELECT, then the caller's JOIN, WHERE
 * and ORDER BY; duties_read_row reads a row (0: a duty its template no
 * longer has, to skip). duties_sort_declared puts one application's rows
 * in the order its template declares them, as duties_list gives them. */
#define DUTIES_SELECT "SELECT d.app_id, d.duty, d.seq, d.template, d.county, d.role, d.base, d.due, " \
	"COALESCE(d.event_id, 0), COALESCE(e.at, ''), COALESCE(e.login, ''), a.unit, a.system, " \
	"COALESCE(a.docno, '') FROM duties d JOIN applications a ON a.id = d.app_id " \
	"LEFT JOIN events e ON e.id = d.event_id "
int duties_read_row(sqlite3_stmt *st, duty_rec *x);
void duties_sort_declared(duty_rec *rows, int n);
/* The day of application app's first delivery (DATE_NONE: none yet):
 * what starts a duty "on": "delivery". */
int duties_first_delivery(store *s, long long app, ys_date *out, ys_err *err);
/* The first day a system of template tpl was in service (DATE_NONE: none). */
int duties_office_since(store *s, const char *tpl, ys_date *out, ys_err *err);
/* The records filed for office duty `duty` of tpl: period, event id,
 * signer and time of each (caller frees *out). */
int duties_office_records(store *s, const char *tpl, const char *duty, duty_rec **out, int *n, ys_err *err);

#endif
