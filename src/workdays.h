/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* workdays.h - the official working-day calendar (data/holidays.tsv).
 *
 * A working day is Monday-Friday unless the table lists it "off", or any
 * day the table lists "work" (make-up working days on weekends). Periods
 * follow the regulations: the day of receipt is not counted; a period in
 * calendar days whose last day is not a working day ends on the next
 * working day. Dates beyond the table's last year fall back to the plain
 * week and raise a warning that the calendar needs updating. */
#ifndef YUNSHEN_WORKDAYS_H
#define YUNSHEN_WORKDAYS_H

#include "date.h"
#include "err.h"

/* Loads the table (lines "YYYY-MM-DD<TAB>off|work<TAB>name", '#' comments).
 * Replaces any table loaded before. Errors name the file and line. */
int workdays_load(const char *path, ys_err *err);
/* The office's additions (confdir/holidays.tsv, same format; a missing
 * file adds nothing): its days win over the loaded table's. */
int workdays_load_local(const char *path, ys_err *err);
/* Years covered by the loaded table (0 if none). */
int workdays_first_year(void);
int workdays_last_year(void);

int workdays_is_working(ys_date d);
/* A day in the years after the official table: its working days are
 * counted with the fixed-date statutory holidays (元旦, 劳动节 1-2 May,
 * 国庆 1-3 October) and shown as 暂定 until the year is imported. */
int workdays_provisional(ys_date d);

/* Days published after the table (yunshen calendar import, kept in the
 * database): they extend the table year by year and win over it on the
 * same day. Replaces what an earlier call added. */
typedef struct workday {
	ys_date day;
	int work;               /* 1 make-up working day, 0 day off */
} workday;
int workdays_import(const workday *days, int n, ys_err *err);
/* The date n working days after `from` (n >= 0; `from` itself not counted;
 * n == 0 returns from). */
ys_date workdays_add(ys_date from, int n);
/* from + n calendar days, moved forward to the next working day if that
 * day is not one. */
ys_date workdays_add_calendar(ys_date from, int n);
/* The last working day on or before d (a notice due before a date that
 * falls on a holiday is given the working day before). */
ys_date workdays_on_or_before(ys_date d);
/* Working days in (a, b] when b >= a; when b < a, minus the working days
 * in (b, a]. So "days left" is workdays_between(today, deadline), and a
 * negative value counts the working days overdue. */
int workdays_between(ys_date a, ys_date b);

/* The one clock rule for deadlines: a deadline is overdue from the day
 * after it, holiday or not. DUE_LEFT with the working days left, DUE_TODAY,
 * or DUE_OVERDUE with the working days since (at least 1, so a deadline
 * missed over a holiday reads "超期 1"). */
enum { DUE_NONE, DUE_LEFT, DUE_TODAY, DUE_OVERDUE };
int deadline_state(ys_date deadline, ys_date today, int *days);

/* Set once any question was answered outside the table's years: returns
 * the Chinese warning text to show, or NULL. */
const char *workdays_warning(void);
/* The warning is only the provisional-year hint, not a missing table. */
int workdays_warning_is_hint(void);
void workdays_clear_warning(void);

#endif
