/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* verify.h - SQLite's integrity check plus the product's own consistency
 * checks (every application readable by its template, totals matching
 * its form, state matching its history, document numbers unique). */
#ifndef YUNSHEN_VERIFY_H
#define YUNSHEN_VERIFY_H

#include "store.h"
#include "progress.h"

/* Calls report for each problem found (Chinese text); returns the number
 * of problems, or -1 when the checks themselves could not run. pg (or
 * NULL) is told how far the chain and the applications are checked. */
int verify_run(store *s, void (*report)(const char *problem, void *ctx), void *ctx, const ys_progress *pg,
	       ys_err *err);

/* The chain's head: the latest event and its SM3 link; text is the short
 * 校验码 printed on forms and reports ("390210-1A2B-3C4D-5E6F-7A8B"). */
typedef struct verify_code {
	long long event;
	char hash[65];
	char text[64];
} verify_code;
int verify_head(store *s, verify_code *out, ys_err *err);
/* Reads a 校验码 as copied off paper (dashes and spaces optional). */
int verify_code_parse(const char *s, verify_code *c);
/* Does the history hold that link at that event? 0 yes, 1 no, -1 error.
 * (With verify_run's chain check, a yes means the history up to the day
 * the paper was printed is the one it witnessed.) */
int verify_against(store *s, const verify_code *paper, ys_err *err);

#endif
