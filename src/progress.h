/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* progress.h - how far a long operation has got (an export, an import, a
 * verify), for whoever shows it: the CLI on stderr when that is a
 * terminal, the screens on the status line. The core only ticks. */
#ifndef YUNSHEN_PROGRESS_H
#define YUNSHEN_PROGRESS_H

typedef struct ys_progress {
	/* what: "写入申请明细", "检查校验链"; unit: "行", "条", "件";
	 * total 0 when not known ahead. */
	void (*fn)(const char *what, const char *unit, long long done, long long total, void *ctx);
	void *ctx;
} ys_progress;

#define PROGRESS_EVERY 2000

/* Tells p (NULL: no one) every PROGRESS_EVERY items and at the last. */
void progress_tick(const ys_progress *p, const char *what, const char *unit, long long done, long long total,
		   int last);
/* The line it is shown as: 正在写入申请明细：12000/100000 行. */
void progress_words(char *out, unsigned long n, const char *what, const char *unit, long long done,
		    long long total);

#endif
