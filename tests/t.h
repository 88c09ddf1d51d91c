/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* t.h - the unit-test harness: a check prints the failing expression with
 * file and line and counts; main returns non-zero if anything failed. */
#ifndef YUNSHEN_T_H
#define YUNSHEN_T_H

#include <stdio.h>
#include <string.h>

static int t_failed, t_run;

#define CHECK(cond) do { t_run++; if (!(cond)) { t_failed++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_INT(a, b) do { long long t_a = (a), t_b = (b); t_run++; if (t_a != t_b) { t_failed++; \
	fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, t_a, t_b); } } while (0)
#define CHECK_STR(a, b) do { const char *t_a = (a), *t_b = (b); t_run++; \
	if (!t_a || !t_b || strcmp(t_a, t_b) != 0) { t_failed++; \
	fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
		t_a ? t_a : "(null)", t_b ? t_b : "(null)"); } } while (0)
#define T_DONE() (printf("%d checks, %d failed\n", t_run, t_failed), t_failed ? 1 : 0)

#endif
