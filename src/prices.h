/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* prices.h - the service catalogue's unit prices (大同 服务目录) with the
 * dates they apply from: the initial values come from the template; an
 * administrator changes a price from a date on, and the days before it keep
 * the old price. */
#ifndef YUNSHEN_PRICES_H
#define YUNSHEN_PRICES_H

#include "store.h"
#include "users.h"

typedef struct price_item {
	char template[32], item[64], name[128], unit[32];
	double price;                   /* in force on the day asked for */
	double next;                    /* the next change after it (when next_from[0]) */
	char next_from[11];
} price_item;

/* Adds catalogue items of the loaded templates that the database lacks;
 * prices an administrator set are kept. */
int prices_sync(store *s, const char *now, ys_err *err);
/* The items of one template (all when tpl is NULL), catalogue order, at
 * their price on day `on` (YYYY-MM-DD). */
int prices_list(store *s, const char *tpl, const char *on, int (*cb)(const price_item *, void *), void *ctx,
		ys_err *err);
/* Sets one price (yuan, 0 to 1e9) from day `from` on; administrators
 * only. The same day twice: the later replaces the earlier. */
int prices_set(store *s, const user *u, const char *tpl, const char *item, double price, const char *from,
	       const char *now, ys_err *err);

/* One template's catalogue with every price's dates, for the fees. */
typedef struct price_step {
	char from[11];                  /* "" for the price from the beginning */
	double price;
} price_step;
typedef struct price_sched {
	char item[64], name[128], unit[32];
	price_step *steps;              /* by date, the first from the beginning */
	int nsteps;
} price_sched;
int prices_load(store *s, const char *tpl, price_sched **out, int *n, ys_err *err);
void prices_free(price_sched *p, int n);
/* The price on day (YYYY-MM-DD), and the first day after it at another
 * price ("" none) into `until`. */
double prices_on(const price_sched *p, const char *day, char until[11]);

#endif
