/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* bench_workdays.c - how fast the calendar answers (not a test).
 * Usage: bench_workdays [holidays.tsv]; default $YS_SRCDIR/data/holidays.tsv. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "date.h"
#include "workdays.h"

#define N 1000000

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	char path[4096];
	if (argc > 1)
		snprintf(path, sizeof path, "%s", argv[1]);
	else {
		const char *src = getenv("YS_SRCDIR");
		snprintf(path, sizeof path, "%s/data/holidays.tsv", src ? src : ".");
	}
	ys_err err;
	double t0 = now_ns();
	if (workdays_load(path, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("workdays_load: %.0f us\n", (now_ns() - t0) / 1e3);

	/* Random dates across 2007-2027, generated before timing so the
	 * generator is not measured. */
	ys_date lo = date_from_ymd(2007, 1, 1), hi = date_from_ymd(2027, 12, 31);
	ys_date *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
	if (!a || !b)
		return 1;
	unsigned s = 12345;
	for (int i = 0; i < N; i++) {
		s = s * 1103515245u + 12345u;
		a[i] = lo + (ys_date)((s >> 8) % (unsigned)(hi - lo + 1));
		s = s * 1103515245u + 12345u;
		b[i] = lo + (ys_date)((s >> 8) % (unsigned)(hi - lo + 1));
	}

	volatile long long sink = 0;
	long long acc = 0;
	t0 = now_ns();
	for (int i = 0; i < N; i++)
		acc += workdays_between(a[i], b[i]);
	double t1 = now_ns();
	sink += acc;
	printf("workdays_between: %.1f ns/call\n", (t1 - t0) / N);

	acc = 0;
	t0 = now_ns();
	for (int i = 0; i < N; i++)
		acc += workdays_add(a[i], 5);
	t1 = now_ns();
	sink += acc;
	printf("workdays_add: %.1f ns/call\n", (t1 - t0) / N);

	acc = 0;
	t0 = now_ns();
	for (int i = 0; i < N; i++)
		acc += workdays_add_calendar(a[i], 15);
	t1 = now_ns();
	sink += acc;
	printf("workdays_add_calendar: %.1f ns/call\n", (t1 - t0) / N);

	free(a);
	free(b);
	return sink == 42; /* keeps the loops from being optimised away */
}
