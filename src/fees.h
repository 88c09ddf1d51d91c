/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* fees.h - what each system costs, month by month: the catalogue items its
 * approved configuration holds, at the price in force on each day, from the
 * day billing starts to the day it stops (ledger.h: the template's billing
 * step, 大同 第十四条 交付确认, else the first delivery; stopped by the
 * reclaim that ends it), prorated by day. The CLI, the screen and the
 * monthly report all read fees from here. */
#ifndef YUNSHEN_FEES_H
#define YUNSHEN_FEES_H

#include <stdio.h>

#include "ledger.h"
#include "prices.h"

typedef struct fee_item {
	const price_sched *item;
	double qty, price;
	int days;                       /* days of the month at this price */
	char from[11], to[11];          /* first and last of them */
	double amount;                  /* qty × price × days / days of the month, to the fen */
} fee_item;

typedef struct fee_month {
	const ledger_row *sys;
	char month[8];                  /* YYYY-MM */
	char from[11], to[11];          /* first and last day billed in it */
	int days, month_days;
	const fee_item *items;
	int nitems;
	int priced;                     /* the template has a catalogue (else days only) */
	double amount;
} fee_month;

typedef struct fee_filter {
	const user *viewer;
	const char *tpl, *unit;
	ys_date first, last;            /* any days of the first and last month */
	ys_date today;
	int priced_only;                /* only templates with a catalogue (the report's fee sheet) */
} fee_filter;

/* Every system billed in the months asked for, one call per system and
 * month (by template, unit, id; months in order), billed to today at the
 * latest. The callback returns non-zero to stop. */
int fees_each(store *s, const fee_filter *f, int (*cb)(const fee_month *, void *), void *ctx, ys_err *err);

/* The same, one system at a time, for a caller already walking the
 * ledger (the monthly report writes its ledger and fee sheets in one
 * pass): fees_begin, fees_system for each of its rows in ledger order
 * (rows the filter leaves out are skipped; non-zero: stop, the callback
 * asked or an error, which err has), fees_end (frees; -1 after an error). */
typedef struct fee_run fee_run;
fee_run *fees_begin(store *s, const fee_filter *f, int (*cb)(const fee_month *, void *), void *ctx, ys_err *err);
int fees_system(fee_run *r, const ledger_row *l);
int fees_end(fee_run *r);

/* The filter's months for people: "2026年10月", "2026年1月至12月". */
void fees_period(const fee_filter *f, char *out, size_t n);

/* `yunshen fees` and the screen, onto out: the count and grand total
 * first, then per unit each system and its months, with every item
 * (quantity, price, days) when `items`, else one line a month with days,
 * resources and amount (the 年度使用报表, 永嘉 第十七条); then the unit's
 * total. Memory stays small however many systems; on a failure nothing
 * is written. */
int fees_text(store *s, const fee_filter *f, int items, FILE *out, ys_err *err);

#endif
