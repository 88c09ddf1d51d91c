/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ledger.h - 在用资源台账: every approved system as it stands now: its
 * configuration after every change, what was delivered, its phase (测试,
 * 试运行, 正式运行, 到期, 强制下线, 保留至 …, 已注销), its term of use and its
 * billing period. The screen, `yunshen ledger` and the monthly report's
 * sheet all read it from here. */
#ifndef YUNSHEN_LEDGER_H
#define YUNSHEN_LEDGER_H

#include "apps.h"
#include "buf.h"
#include "deliveries.h"
#include "users.h"

typedef struct ledger_row {
	app_rec r;                      /* totals: the configuration as it stands */
	char phase[160];
	char term_from[11], term_to[11];   /* as the form states it ("" none) */
	char bill_from[11], bill_to[11];   /* billing period ("" not started / running) */
	char next_due[11], next_label[128];  /* its most urgent open duty */
	char rows[512];                 /* a period kept row by row: "备份数据保存期：web01 2 个月、…" */
	char records[1024];             /* the records of steps shown in the ledger:
					 * "询价选定云服务商：选定的云服务商：…；报价（元/年）：186000" */
	/* Valid during the callback only: */
	const char *data;               /* its form data (JSON) */
	const char *approved;           /* the approving signature's record (JSON), NULL none */
	const app_rec *changes;         /* its finished changes and renewals, oldest first */
	int nchanges;
	const delivery *hosts;          /* what was delivered, in order */
	int nhosts;
} ledger_row;

typedef struct ledger_filter {
	const user *viewer;
	const char *tpl, *unit;
	ys_date today;
} ledger_filter;

/* One row per approved application (its follow-ups are in its changes),
 * by template, unit, id. The callback returns non-zero to stop. One
 * statement per kind of record (the systems, their histories, duties,
 * changes, hosts) read side by side in that order: a province's systems
 * cost six statements, not six per system, and no memory grows with
 * them (the order is a temporary table, on disk when large). */
int ledger_list(store *s, const ledger_filter *f, int (*cb)(const ledger_row *, void *), void *ctx,
		ys_err *err);
/* How many rows ledger_list gives (-1 on a database error). */
long long ledger_count(store *s, const ledger_filter *f, ys_err *err);

/* The row as lines of text (id, unit, system, 文号 and phase; then its
 * configuration, term, billing, next duty, changes and hosts, indented),
 * for the CLI and the screen alike. */
void ledger_text(const ledger_row *l, buf *out);
/* The row as one CSV row (csv_put) under ledger_csv_header's columns: a
 * cell each for what ledger_text lines up, changes and hosts joined. */
void ledger_csv_header(buf *out);
void ledger_csv(const ledger_row *l, buf *out);

#endif
