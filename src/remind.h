/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* remind.h - what waits for a login: the one line for a shell's profile
 * (`yunshen remind`) and the list each login gets by mail from cron
 * (`yunshen digest`), on working days only. */
#ifndef YUNSHEN_REMIND_H
#define YUNSHEN_REMIND_H

#include <stdio.h>
#include "buf.h"
#include "date.h"
#include "store.h"
#include "users.h"

typedef struct remind_counts {
	int todo, today, overdue;           /* applications waiting for u's signature */
	int duties, duties_today, duties_overdue;   /* open duties of u's roles */
} remind_counts;

/* Counts what waits for u on `today`; with list, also writes one line per
 * item there, most urgent first (the mail's body), a few at a time. */
int remind_count(store *s, const user *u, ys_date today, remind_counts *out, FILE *list, ys_err *err);
/* Only the applications (todo, today, overdue; the duties left 0): the
 * queue's title, which need not read every open duty. */
int remind_apps(store *s, const user *u, ys_date today, remind_counts *out, ys_err *err);
/* "待办 5 件，今天到期 2 件，超期 1 件；到期事项 3 项，超期 1 项", or "没有待办" */
void remind_line(const remind_counts *c, buf *out);
/* Mails every login with something waiting its list, through the local
 * sendmail (YUNSHEN_SENDMAIL, else /usr/sbin/sendmail), to the login's
 * local mailbox. On a day that is not a working day nothing is sent
 * (unless force). *sent gets how many mails went. */
int remind_digest(store *s, ys_date today, int force, int *sent, ys_err *err);

#endif
