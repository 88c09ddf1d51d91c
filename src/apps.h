/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* apps.h - applications in the database (apps.c) and their history
 * (events.c): storage only, the rules are workflow.h's, edits.h's and
 * followup.h's. Every change is an event row; nothing is deleted. */
#ifndef YUNSHEN_APPS_H
#define YUNSHEN_APPS_H

#include "app.h"
#include "date.h"
#include "store.h"
#include "users.h"
#include "vocab.h"
#include "workdays.h"

typedef struct app_rec {
	long long id, parent_id;
	char template[32], kind[16], docno[128];
	char unit[256], county[128], supervisor[256], system[256];
	char status[16], step[64], role[16];
	char step_since[17], deadline[11], submitted_at[17], created_at[17];
	char updated_at[17], done_at[17], created_by[64];
	int round;
	long long version;        /* raised by every save of the content */
	app_totals totals;
	char next_due[11], next_duty[32];   /* its most urgent open duty ("" none) */
} app_rec;

typedef struct app_event {
	long long id;
	char at[17], login[64], kind[16], step[64], action[32], label[64];
	char status_from[16], status_to[16], deadline[11];
	const char *opinion, *field, *old, *new;   /* valid during the callback; a signature
					 * with a step's record: new its values (JSON),
					 * old its words as signed */
	int round;
	char for_login[64];     /* a delegate's signature: the login it was made for */
	int recalled;           /* a signature its signer has recalled (apps_history) */
	char signer[200];       /* read: who, as recorded (users.h user_signer) */
} app_event;

/* The open (draft, pending or returned) follow-up of `kind` on parent:
 * its id, 0 if none, -1 on a database error. */
/* Application id's share of each pool zone of its template (韶关's 政务外网区,
 * 互联网区: the rows of its tables by their zone column), into app_zones,
 * which keeps the pools' sums (migration 014); nothing for a template
 * without zones. Called as the form is written, and by capacity_refresh. */
int apps_write_zones(store *s, long long id, const app_data *d, ys_err *err);
long long apps_open_followup(store *s, long long parent, const char *kind, ys_err *err);

/* Stores a new draft from data; *id gets its number. Storage only: the
 * rules of who may create what are edits_create's. */
int apps_create(store *s, const app_data *d, const char *login, const char *now,
		long long parent, long long *id, ys_err *err);
int apps_get(store *s, long long id, app_rec *r, ys_err *err);
/* The workflow's writes: status and step with its start and deadline
 * ("" for none); the submission time; the next sequence number of a
 * template's documents in a year (-1 on error) and the number itself. */
int apps_set_state(store *s, long long id, const char *status, const char *step, const char *role,
		   const char *since, const char *deadline, int round, const char *now, ys_err *err);
int apps_set_submitted(store *s, long long id, const char *now, ys_err *err);
int apps_next_docno(store *s, const char *tpl, int year, ys_err *err);
int apps_set_docno(store *s, long long id, const char *docno, int year, int seq, ys_err *err);
/* The record and its form data (caller frees *data). */
int apps_load(store *s, long long id, app_rec *r, app_data **data, ys_err *err);
/* The same for what user u may see; one u may not see is refused exactly
 * as one that does not exist. Every command and screen reads this way. */
int apps_get_as(store *s, const user *u, long long id, app_rec *r, ys_err *err);
int apps_load_as(store *s, const user *u, long long id, app_rec *r, app_data **data, ys_err *err);
/* The form data of record r from its stored JSON text. */
int apps_data_parse(const app_rec *r, const char *text, app_data **data, ys_err *err);
/* The stored form data of application id as JSON text (caller frees). */
char *apps_data_text(store *s, long long id, ys_err *err);
/* Writes d over the stored form and raises its version; no rule is
 * checked here (edits.h decides who may change what). Drafts are
 * overwritten quietly (saved as the clerk types); once submitted, each
 * changed value is an "edit" event with old and new text and the reason
 * (may be NULL). Call inside a transaction. */
int apps_save(store *s, long long id, const app_data *d, const char *login, const char *reason,
	      const char *now, ys_err *err);
/* A clerk's drafts: how many login created, *latest the most recently
 * saved (0 if none); -1 on a database error. */
long long apps_drafts_mine(store *s, const char *login, long long *latest);
/* events.c: appends an event row. */
int apps_event(store *s, long long app, const char *now, const char *login,
	       const char *kind, const app_event *e, ys_err *err);
/* The latest signature ("act" event, not recalled) of application id: in `round` (0:
 * any), on `step` (NULL: any) and not on `not_step` (NULL: none). 1 found
 * (text members of out are NULL), 0 none, -1 database error. */
int apps_last_act(store *s, long long id, int round, const char *step, const char *not_step,
		  app_event *out, ys_err *err);
/* The latest event of application id, whatever it is (text members
 * NULL): 1, 0 none, -1. */
int apps_last_event(store *s, long long id, app_event *out, ys_err *err);
/* The latest edit event of application id, its field name into field;
 * 1 found, 0 none, -1 database error. */
int apps_last_edit(store *s, long long id, app_event *out, char *field, size_t n, ys_err *err);
/* Its events in order as they stand: a recalled signature and its
 * recall (EV_RECALL) are left out, as if neither had happened. Every
 * rule reads the history this way. */
int apps_events(store *s, long long id, int (*cb)(const app_event *, void *), void *ctx,
		ys_err *err);
/* Every event, the recalled ones marked (e->recalled): what the screens
 * and `show` list as the history. */
int apps_history(store *s, long long id, int (*cb)(const app_event *, void *), void *ctx,
		 ys_err *err);

typedef struct apps_filter {
	const char *status;       /* draft pending returned rejected done withdrawn terminated, or NULL */
	const char *tpl;          /* template id or NULL */
	const char *unit;         /* exact unit or NULL */
	const char *kind;         /* apply, change … or NULL */
	long long parent;         /* follow-ups of this application (0: any) */
	int in_service;           /* approved: done, terminated, or on a step that is no review */
	const char *search;       /* a piece of unit, system, docno, contact or opinions (search.h) */
	int search_names;         /* search only unit, system and docno (tagging by name) */
	int overdue;              /* pending and past its deadline */
	const user *mine;         /* pending on a step this user signs */
	const user *viewer;       /* only what this user may see (NULL: all) */
	ys_date today;
	int limit, offset;        /* limit 0: all */
	long long total;          /* the list's count when the caller has it (0 not known): a
				   * page past the middle is then read from the end, one
				   * indexed step instead of skipping every row before it */
} apps_filter;

/* Rows in queue order: pending first by deadline (overdue first, no
 * deadline last), then the rest newest first. The callback returns
 * non-zero to stop. */
/* Batch reads (the ledger: one statement per kind of record for every
 * system, not one per system): the ids f selects, in `order` (SQL), into
 * the temporary table `table`(pos INTEGER PRIMARY KEY, app), replacing
 * one of that name. A statement joining it selects APPS_COLS from the
 * table spelled applications and reads them with apps_read_row; its own
 * columns follow from APPS_NCOLS. */
int apps_select_temp(store *s, const apps_filter *f, const char *table, const char *order, ys_err *err);
#define APPS_COLS "id, COALESCE(parent_id,0), template, kind, COALESCE(docno,''), unit, county, " \
	"supervisor, system, status, COALESCE(step,''), COALESCE(role,''), COALESCE(step_since,''), " \
	"COALESCE(deadline,''), COALESCE(submitted_at,''), created_at, updated_at, " \
	"COALESCE(done_at,''), created_by, round, hosts, vcpu, mem_gb, storage_gb, bandwidth, version, " \
	"(SELECT due || ' ' || duty FROM duties WHERE app_id = applications.id AND event_id IS NULL " \
	"ORDER BY due LIMIT 1)"
#define APPS_NCOLS 27
void apps_read_row(sqlite3_stmt *st, app_rec *r);
/* The same for events: EVENTS_COLS from the table spelled events. */
#define EVENTS_COLS "events.id, at, login, events.kind, COALESCE(events.step,''), COALESCE(action,''), " \
	"COALESCE(label,''), opinion, field, old, new, COALESCE(status_from,''), COALESCE(status_to,''), " \
	"COALESCE(events.deadline,''), events.round, COALESCE(events.name,''), COALESCE(for_login,''), " \
	"COALESCE(for_name,'')"
#define EVENTS_NCOLS 18
void apps_read_event(sqlite3_stmt *st, app_event *e);
int apps_list(store *s, const apps_filter *f, int (*cb)(const app_rec *, void *), void *ctx,
	      ys_err *err);
long long apps_count(store *s, const apps_filter *f, ys_err *err);
/* Of those, the pending ones past their deadline on f->today and those
 * due that day (one read of the deadline index). */
int apps_count_due(store *s, const apps_filter *f, long long *overdue, long long *today, ys_err *err);
/* The largest application number (0 none): how wide a column of numbers
 * must be so that none is cut into another number. One rowid lookup. */
long long apps_max_id(store *s);

/* Approved and not ended: finished, or on a step of its flow that is no
 * review (provisioning, test, trial, migration). */
int apps_approved(const app_rec *r);
/* "待受理", "已开通", "退回补正" … */
const char *apps_status_label(const app_rec *r, char *out, size_t n);
/* The clock rule (deadline_state) on r's current deadline: DUE_NONE unless
 * pending with a deadline. */
int apps_deadline_state(const app_rec *r, ys_date today, int *days);

#endif
