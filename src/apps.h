/* apps.h - applications in the database: create, load, edit (as events),
 * list and history. Every change is an event row; nothing is deleted. */
#ifndef YUNSHEN_APPS_H
#define YUNSHEN_APPS_H

#include "app.h"
#include "date.h"
#include "store.h"
#include "users.h"
#include "vocab.h"

typedef struct app_rec {
	long long id, parent_id;
	char template[32], kind[16], docno[128];
	char unit[256], county[128], supervisor[256], system[256];
	char status[16], step[64], role[16];
	char step_since[17], deadline[11], submitted_at[17], created_at[17];
	char updated_at[17], done_at[17], created_by[64];
	int round;
	app_totals totals;
} app_rec;

typedef struct app_event {
	long long id;
	char at[17], login[64], kind[16], step[64], action[32], label[64];
	char status_from[16], status_to[16], deadline[11];
	const char *opinion, *field, *old, *new;   /* valid during the callback */
	int round;
} app_event;

/* May a follow-up of `kind` (change, terminate, renew) be filed on parent
 * now? Only on an application in service, of kind apply, whose template
 * has that form, and with no other such follow-up still open. */
int apps_followup_check(store *s, const app_rec *parent, const char *kind, ys_err *err);

/* A new draft from data; *id gets its number. A follow-up (parent != 0)
 * must pass apps_followup_check. */
int apps_create(store *s, const app_data *d, const char *login, const char *now,
		long long parent, long long *id, ys_err *err);
int apps_get(store *s, long long id, app_rec *r, ys_err *err);
/* The record and its form data (caller frees *data). */
int apps_load(store *s, long long id, app_rec *r, app_data **data, ys_err *err);
/* Saves d over the stored form. Drafts are overwritten quietly (saved as
 * the clerk types); once submitted, each changed value is an "edit" event
 * with old and new text. Call inside a transaction. */
int apps_save(store *s, long long id, const app_data *d, const char *login,
	      const char *now, ys_err *err);
/* Appends an event row. */
int apps_event(store *s, long long app, const char *now, const char *login,
	       const char *kind, const app_event *e, ys_err *err);
/* The latest signature ("act" event) of application id: in `round` (0:
 * any), on `step` (NULL: any) and not on `not_step` (NULL: none). 1 found
 * (text members of out are NULL), 0 none, -1 database error. */
int apps_last_act(store *s, long long id, int round, const char *step, const char *not_step,
		  app_event *out, ys_err *err);
int apps_events(store *s, long long id, int (*cb)(const app_event *, void *), void *ctx,
		ys_err *err);

typedef struct apps_filter {
	const char *status;       /* draft pending returned rejected done withdrawn terminated, or NULL */
	const char *tpl;          /* template id or NULL */
	const char *unit;         /* exact unit or NULL */
	const char *search;       /* substring of unit, system or docno */
	int overdue;              /* pending and past its deadline */
	const user *mine;         /* pending on a step this user signs */
	const user *viewer;       /* only what this user may see (NULL: all) */
	ys_date today;
	int limit, offset;        /* limit 0: all */
} apps_filter;

/* Rows in queue order: pending first by deadline (overdue first, no
 * deadline last), then the rest newest first. The callback returns
 * non-zero to stop. */
int apps_list(store *s, const apps_filter *f, int (*cb)(const app_rec *, void *), void *ctx,
	      ys_err *err);
long long apps_count(store *s, const apps_filter *f, ys_err *err);

/* "待受理", "已开通", "退回补正" … */
const char *apps_status_label(const app_rec *r, char *out, size_t n);
/* Working days left until the deadline (negative: overdue); 0 with
 * *has = 0 when the record has no deadline. */
int apps_days_left(const app_rec *r, ys_date today, int *has);

#endif
