/* verify.h - SQLite's integrity check plus the product's own consistency
 * checks (every application readable by its template, totals matching
 * its form, state matching its history, document numbers unique). */
#ifndef YUNSHEN_VERIFY_H
#define YUNSHEN_VERIFY_H

#include "store.h"

/* Calls report for each problem found (Chinese text); returns the number
 * of problems, or -1 when the checks themselves could not run. */
int verify_run(store *s, void (*report)(const char *problem, void *ctx), void *ctx, ys_err *err);

#endif
