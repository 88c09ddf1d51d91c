/* prices.h - the service catalogue's unit prices (大同 服务目录): initial
 * values come from the template, an administrator edits them. */
#ifndef YUNSHEN_PRICES_H
#define YUNSHEN_PRICES_H

#include "store.h"
#include "users.h"

typedef struct price_item {
	char template[32], item[64], name[128], unit[32];
	double price;
} price_item;

/* Adds catalogue items of the loaded templates that the database lacks;
 * prices an administrator set are kept. */
int prices_sync(store *s, const char *now, ys_err *err);
/* The items of one template (all when tpl is NULL), catalogue order. */
int prices_list(store *s, const char *tpl, int (*cb)(const price_item *, void *), void *ctx,
		ys_err *err);
/* Sets one price (yuan, 0 to 1e9); administrators only. */
int prices_set(store *s, const user *u, const char *tpl, const char *item, double price,
	       const char *now, ys_err *err);

#endif
