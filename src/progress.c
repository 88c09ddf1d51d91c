/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include "progress.h"

void progress_tick(const ys_progress *p, const char *what, const char *unit, long long done, long long total,
		   int last)
{
	if (p && p->fn && (last || done % PROGRESS_EVERY == 0))
		p->fn(what, unit, done, total, p->ctx);
}

void progress_words(char *out, unsigned long n, const char *what, const char *unit, long long done,
		    long long total)
{
	if (total)
		snprintf(out, n, "正在%s：%lld/%lld %s", what, done, total, unit);
	else
		snprintf(out, n, "正在%s：%lld %s", what, done, unit);
}
