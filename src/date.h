/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* date.h - the one date type: a day number, proleptic Gregorian calendar.
 * Inside the program and the database dates are ISO (YYYY-MM-DD); forms
 * show them the Chinese way (2025年9月30日). */
#ifndef YUNSHEN_DATE_H
#define YUNSHEN_DATE_H

#include <stddef.h>

typedef int ys_date;            /* days since 1970-01-01; may be negative */
#define DATE_NONE (-2147483647) /* "no date" */

/* Strict "YYYY-MM-DD" (also accepts a longer ISO timestamp and uses its
 * date part, e.g. "2025-09-30T09:15"). Returns 0, or -1 on anything that
 * is not a real calendar day in years 1900-2999. */
int date_parse(const char *s, ys_date *out);
/* Strict "YYYY-MM". Sets *out to the first day of that month. */
int date_parse_month(const char *s, ys_date *out);
/* A date as people write it, made ISO: 2026-3-2, 2026/3/2, 2026.3.2,
 * 2026年3月2日 (and 20260302) -> "2026-03-02"; with month_only, a month:
 * 2026-3, 2026/3, 2026.3, 2026年3月 -> "2026-03". -1 when it is no such
 * date (out untouched). */
int date_normalize(const char *s, int month_only, char out[11]);
ys_date date_from_ymd(int y, int m, int d);
void date_ymd(ys_date d, int *y, int *m, int *day);
/* The same day n months later (earlier when n < 0); a day the month has
 * not (31 April, 29 February) is clamped to its last day. */
ys_date date_add_months(ys_date d, int n);
/* The last day of d's month. */
ys_date date_month_end(ys_date d);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int date_weekday(ys_date d);
/* out must hold 11 bytes: "YYYY-MM-DD". */
void date_iso(ys_date d, char out[11]);
/* "2025年9月30日" into out (at least 32 bytes). */
void date_cn(ys_date d, char *out, size_t n);

/* The clock. The time is "YYYY-MM-DDTHH:MM" local time. YUNSHEN_NOW
 * overrides it for tests and demos, unless clock_trust_env(0) was called
 * (set-id runs must not let the caller choose the time). */
void clock_trust_env(int trust);
/* Returns 0, or -1 (with a message) when YUNSHEN_NOW is set but malformed. */
int clock_check_env(char *msg, size_t n);
void clock_now(char out[17]);
ys_date clock_today(void);

#endif
