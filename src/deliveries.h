/* deliveries.h - what the cloud provider delivered against each approved
 * resource line: host name, IP address, ports, delivery date. Rows are
 * never changed; each is also an event in the application's history. */
#ifndef YUNSHEN_DELIVERIES_H
#define YUNSHEN_DELIVERIES_H

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
/* Records d (app_id, line, host, ip, ports, delivered_on) for u, who must
 * be ops for the application, which must be approved (done, or pending
 * at an ops step). One transaction with its history event. */
int deliveries_add(store *s, const user *u, const delivery *d, const char *now, ys_err *err);
int deliveries_list(store *s, long long app, int (*cb)(const delivery *, void *), void *ctx,
		    ys_err *err);

#endif
