/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* edits.h - changing what an application says: who may, on what terms,
 * and exactly. A save names the copy it started from (the base and its
 * version) and writes only the values the person changed, and only if
 * nobody changed them meanwhile; otherwise it reports the conflicts,
 * value by value, and writes nothing. */
#ifndef YUNSHEN_EDITS_H
#define YUNSHEN_EDITS_H

#include "app.h"
#include "apps.h"
#include "users.h"

enum edit_terms {
	EDIT_NONE,        /* may not change it (why says so) */
	EDIT_DRAFT,       /* a clerk's draft: saved quietly as typed */
	EDIT_RECORDED,    /* returned, or pending before any step was signed:
			   * the clerk's every change is a history event */
	EDIT_ADMIN,       /* frozen content, changed by an admin with a reason */
};

/* The terms on which u may change r now; why gets the reason when NONE.
 * Content is frozen once the first step of a round has been signed: it
 * changes only by 退回补正 or by an admin with a written reason; after
 * approval only a change application changes resources. */
int edit_terms(store *s, const app_rec *r, const user *u, char *why, size_t n);

/* A new draft filed by u: a clerk of its template and county; a
 * follow-up (parent != 0) is checked and bound to its original
 * (followup.h). Call inside a transaction. */
int edits_create(store *s, const user *u, const app_data *d, long long parent, const char *now,
		 long long *id, ys_err *err);

typedef struct edit_conflict {
	int table, idx;        /* table -1: field idx; else table idx as a whole */
	char label[256];       /* the field's label, or the table's title */
	char *mine, *theirs;   /* as a person reads them */
} edit_conflict;

typedef struct edit_result {
	long long version;     /* stored version now */
	edit_conflict *c;      /* on conflict */
	int n;
	app_data *theirs;      /* on conflict: the stored content */
} edit_result;

/* Saves mine, started from base at version base_version. 0 saved (res
 * version is the new one), 1 conflicts (res lists them; nothing written),
 * -1 refused or failed (err). reason: required on EDIT_ADMIN terms, kept
 * with each edit event. A transaction of its own. */
int edits_save(store *s, const user *u, long long id, const app_data *base, long long base_version,
	       const app_data *mine, const char *reason, const char *now, edit_result *res, ys_err *err);

/* After a conflict: the person's changes laid over what is stored now;
 * for conflict i, keep_mine[i] keeps theirs (0) or mine (1). The result
 * is the new "mine"; res->theirs is the new base. */
app_data *edits_rebase(const app_data *base, const app_data *mine, const edit_result *res,
		       const int *keep_mine);
void edit_result_free(edit_result *res);

#endif
