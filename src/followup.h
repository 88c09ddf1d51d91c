/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* followup.h - the applications filed on one in service: a change, a
 * termination, a renewal. Each belongs to its original: unit, county,
 * system and 原文号 come from it and are never edited on the follow-up;
 * scopes are checked against it; when the follow-up is finished, what it
 * changes is applied to the original. */
#ifndef YUNSHEN_FOLLOWUP_H
#define YUNSHEN_FOLLOWUP_H

#include "app.h"
#include "apps.h"
#include "users.h"

/* Is field i of follow-up form d taken from the original: its unit,
 * county and system (where the original's form has them) and the field
 * orig_docno? */
int followup_locked(const app_data *d, int field);

/* May u file a `kind` follow-up on orig now? u must be a clerk for the
 * original's template and county; orig must be an application in service
 * whose template has that form, with no such follow-up still open. */
int followup_check(store *s, const user *u, const app_rec *orig, const char *kind, ys_err *err);

/* A new follow-up form of `kind` on application orig, prefilled from it:
 * fields whose ids match (or failing that the same identity mapping),
 * the original's document number into orig_docno, a change's resource
 * tables. Checks followup_check first. *out is the caller's to free. */
int followup_new(store *s, const user *u, long long orig, const char *kind, app_data **out,
		 ys_err *err);

/* Binds d (a follow-up filed on orig) to its original: locked fields that
 * are empty take the original's value; one that differs is refused,
 * naming both values. */
int followup_bind(app_data *d, const app_data *orig, const app_rec *orec, ys_err *err);

/* A finished follow-up acts on its original (inside the transaction of
 * the signature that finished it): a termination marks it 已注销; a change
 * or renewal writes every field marked "applies" that it fills, and its
 * resource tables (whole tables, or row by row for "delta" tables), each
 * change an edit event of the original's history. */
int followup_finish(store *s, const app_rec *child, const char *login, const char *now, ys_err *err);

/* Ends the service of p (a termination finished, a forced offline
 * recorded): 已注销, whatever step it was on, with a lifecycle event
 * saying why. */
int followup_end_service(store *s, const app_rec *p, const char *note, const char *login, const char *now,
			 ys_err *err);

#endif
