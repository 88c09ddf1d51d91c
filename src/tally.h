/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* tally.h - sums kept per group while rows stream past, as GROUP BY would
 * give them without reading the rows again: a group is a string key (its
 * columns joined by TALLY_SEP), each with TALLY_SUMS sums. */
#ifndef YUNSHEN_TALLY_H
#define YUNSHEN_TALLY_H

#include <stddef.h>

#define TALLY_SUMS 4
#define TALLY_SEP '\x1f'      /* SQL: char(31) */

typedef struct tally tally;

tally *tally_new(void);
void tally_free(tally *t);
/* Adds add[0..TALLY_SUMS-1] to key's sums (a new group starts at 0). */
void tally_add(tally *t, const char *key, const long long add[TALLY_SUMS]);
/* Each group once, in no particular order; cb returns non-zero to stop,
 * and that is returned. */
int tally_each(const tally *t, int (*cb)(const char *key, const long long *sums, void *ctx), void *ctx);

#endif
