/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* usage.h - the provider's monthly utilisation per host and the idle rule
 * (徽州 第三十条, 大同 第二十七条): figures imported from the provider's
 * file (CSV or xlsx: host, month, CPU average and peak %, memory %,
 * storage used), matched to delivered hosts; a host is 闲置 when its
 * template's rule holds for its last months (CPU peak below 5% for three
 * months running); a unit with idle hosts is warned at 受理 of its next
 * application. */
#ifndef YUNSHEN_USAGE_H
#define YUNSHEN_USAGE_H

#include "apps.h"
#include "buf.h"
#include "users.h"

/* What an import did: rows stored (of them replacing the same host and
 * month), and every row not stored with its line and why. */
typedef struct usage_report {
	int rows, stored, replaced;
	buf refused;                    /* "第 5 行（db09）：没有交付记录与之对应\n" … */
	int nrefused;
} usage_report;

/* Imports the file at path (xlsx by its content, else CSV in UTF-8 or
 * GBK) for u (ops or admin), all in one transaction: matched rows are
 * stored, the others reported; nothing is stored when no row matches or
 * the header lacks a column needed. */
int usage_import(store *s, const user *u, const char *path, const char *now, usage_report *rep, ys_err *err);
void usage_report_free(usage_report *rep);

/* One host's month. */
typedef struct usage_row {
	char host[128], month[8];
	long long app;
	double cpu_avg, cpu_peak, mem_pct, storage_gb;   /* < 0: not reported */
} usage_row;
/* Stores one checked, matched row inside the caller's transaction;
 * *replaced says whether it replaced the same host and month. */
int usage_record(store *s, const user *u, const usage_row *r, const char *source, const char *now, int *replaced,
		 ys_err *err);

/* An idle host: its application, the months the rule held, the highest
 * CPU peak in them. */
typedef struct idle_host {
	app_rec r;
	char host[128], first[8], last[8];
	int months;
	double peak;
	const char *article;            /* the template's rule: "第三十条" */
} idle_host;

typedef struct usage_filter {
	const user *viewer;
	const char *tpl, *unit;
} usage_filter;

/* The idle hosts of applications in service the viewer may see, by
 * template, unit, application, host. */
int usage_idle(store *s, const usage_filter *f, int (*cb)(const idle_host *, void *), void *ctx, ys_err *err);

/* Whether r's unit has idle hosts in r's template, said for the acceptor
 * ("该单位有闲置资源：#12 系统 web01（2026-08至2026-10 CPU 峰值最高 3.2%，
 * 低于 5%）；按第三十条暂停该单位新申请"): 1 with words in out, 0 none,
 * -1 on error. Only while r waits at its flow's first step. */
int usage_unit_warning(store *s, const app_rec *r, buf *out, ys_err *err);

/* `yunshen usage` and the screen: the idle hosts, then each host's latest
 * months (of month, or the latest three). */
int usage_text(store *s, const usage_filter *f, const char *month, buf *out, ys_err *err);

/* The quarterly 云资源利用情况表 (永嘉 第十六条: the provider to the units
 * and the bureau, at least each quarter): per unit, system and host the
 * quarter's months reported, CPU average (mean of the months) and peak
 * (highest), memory (mean), storage used (highest), and whether the host
 * is idle now. quarter "2026-Q3"; -1 with a message when malformed. */
typedef struct usage_qrow {
	app_rec r;
	char host[128];
	int months, idle;
	double cpu_avg, cpu_peak, mem_pct, storage_gb;   /* < 0: not reported */
} usage_qrow;
int usage_quarter(store *s, const usage_filter *f, const char *quarter, int (*cb)(const usage_qrow *, void *),
		  void *ctx, ys_err *err);
/* The same as text, and as a workbook (one table, A4 landscape). */
int usage_quarter_text(store *s, const usage_filter *f, const char *quarter, buf *out, ys_err *err);
int usage_quarter_xlsx(store *s, const usage_filter *f, const char *quarter, const char *path, ys_err *err);

/* A reclaim (terminate) or downsizing (change) draft for the application
 * of an idle host, prefilled from the original, its reason field (where
 * the form has one) saying why; the new draft's id into *id. */
int usage_propose(store *s, const user *u, long long app, const char *kind, const char *now, long long *id,
		  ys_err *err);

#endif
