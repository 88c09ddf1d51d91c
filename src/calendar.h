/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* calendar.h - the years of holidays published after the official table
 * (data/holidays.tsv): imported by an admin, kept in the database, laid
 * over the table wherever the database is opened, and every open deadline
 * they change recomputed, each recomputation an event. */
#ifndef YUNSHEN_CALENDAR_H
#define YUNSHEN_CALENDAR_H

#include "store.h"
#include "users.h"

/* Lays the imported days over the table (after store_open). */
int calendar_load(store *s, ys_err *err);

/* Imports a file: our TSV ("YYYY-MM-DD<TAB>off|work<TAB>名称") or the JSON
 * the holiday-cn project publishes per year ({"year":…, "days":[{"name",
 * "date", "isOffDay"}]}). Admin only; one transaction: the days, then each
 * pending application whose deadline moves gets its new deadline and an
 * event. *days and *moved count them. */
int calendar_import(store *s, const user *u, const char *path, const char *now, int *days, int *moved,
		    ys_err *err);

#endif
