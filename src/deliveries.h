/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* deliveries.h - what the cloud provider delivered against each approved
 * resource line: host name, IP address, ports, delivery date. Rows are
 * never changed; each is also an event in the application's history. */
#ifndef YUNSHEN_DELIVERIES_H
#define YUNSHEN_DELIVERIES_H

#include "app.h"
#include "apps.h"
#include "err.h"
#include "store.h"
#include "users.h"

typedef struct delivery {
	long long id, app_id;
	char line[64];          /* "vm[1]": table id and row (1-based) */
	char host[128], ip[64], ports[128];
	char delivered_on[11];  /* YYYY-MM-DD */
	char login[64], at[17];
} delivery;

/* Checks one record: host name letters, digits, "-", "_", "." (1-63);
 * an IPv4 or IPv6 address; ports at most 100 characters; a real date not
 * after today. msg gets the reason in Chinese. */
int delivery_check(const delivery *d, const char *today, char *msg, size_t n);
/* A resource line to deliver: "vm[1]", what it is, how many hosts. */
typedef struct delivery_line {
	char key[64];
	char *desc;
	int count, delivered;   /* delivered: filled by the caller */
} delivery_line;
/* The lines of an application that carry resources (*out: caller frees
 * with delivery_lines_free); returns how many. */
int delivery_lines(const app_data *a, delivery_line **out);
void delivery_lines_free(delivery_line *l, int n);

/* Why u may not record a delivery on r now (into why; 0 when u may): u
 * must be ops for it and it must be approved (done, or pending at an ops
 * step). */
int deliveries_why_not(const app_rec *r, const user *u, char *why, size_t n);
/* Records d (app_id, line, host, ip, ports, delivered_on) for u: the rule
 * above, a checked record, a line of the application with a host still
 * to deliver. One transaction with its history event. */
int deliveries_add(store *s, const user *u, const delivery *d, const char *now, ys_err *err);
/* The same inside the caller's transaction (the demo's). */
int deliveries_do(store *s, const user *u, const delivery *d, const char *now, ys_err *err);
/* Storage only: the row itself. */
int deliveries_insert(store *s, const user *u, const delivery *d, const char *now, ys_err *err);
/* Batch reads (the ledger): DELIVERIES_COLS from the table spelled
 * deliveries, read back by deliveries_read_row. */
#define DELIVERIES_COLS "deliveries.id, deliveries.app_id, line, host, ip, ports, delivered_on, deliveries.login, " \
	"deliveries.at"
void deliveries_read_row(sqlite3_stmt *st, delivery *d);
int deliveries_list(store *s, long long app, int (*cb)(const delivery *, void *), void *ctx,
		    ys_err *err);

#endif
