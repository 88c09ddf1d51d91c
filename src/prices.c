/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* prices.c - catalogue prices and their dates (prices.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "date.h"
#include "prices.h"
#include "template.h"

int prices_sync(store *s, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO prices(template, item, name, unit, price, "
				      "updated_at, updated_by) VALUES (:t, :item, :name, :unit, :price, :now, 'template')", err);
	if (!st)
		return -1;
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		for (int k = 0; k < t->ncatalogue; k++) {
			store_bind_text(st, ":t", t->id);
			store_bind_text(st, ":item", t->catalogue[k].id);
			store_bind_text(st, ":name", t->catalogue[k].name);
			store_bind_text(st, ":unit", t->catalogue[k].unit);
			sqlite3_bind_double(st, sqlite3_bind_parameter_index(st, ":price"), t->catalogue[k].price);
			store_bind_text(st, ":now", now);
			int rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				return store_fail(s, err, "同步服务目录");
		}
	}
	return 0;
}

int prices_list(store *s, const char *tpl, const char *on, int (*cb)(const price_item *, void *), void *ctx,
		ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT p.template, p.item, p.name, p.unit, "
				      "coalesce((SELECT c.price FROM price_changes c WHERE c.template = p.template "
				      "  AND c.item = p.item AND c.from_date <= :on ORDER BY c.from_date DESC LIMIT 1), p.price), "
				      "n.from_date, n.price FROM prices p "
				      "LEFT JOIN price_changes n ON n.template = p.template AND n.item = p.item AND n.from_date = "
				      "  (SELECT min(c.from_date) FROM price_changes c WHERE c.template = p.template "
				      "   AND c.item = p.item AND c.from_date > :on) "
				      "WHERE :t IS NULL OR p.template = :t ORDER BY p.template, p.rowid", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":on", on);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		price_item p;
		store_text_copy(st, 0, p.template, sizeof p.template);
		store_text_copy(st, 1, p.item, sizeof p.item);
		store_text_copy(st, 2, p.name, sizeof p.name);
		store_text_copy(st, 3, p.unit, sizeof p.unit);
		p.price = sqlite3_column_double(st, 4);
		store_text_copy(st, 5, p.next_from, sizeof p.next_from);
		p.next = sqlite3_column_double(st, 6);
		if (cb(&p, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取服务目录");
}

int prices_set(store *s, const user *u, const char *tpl, const char *item, double price, const char *from,
	       const char *now, ys_err *err)
{
	if (!user_is_admin(u))
		return err_set(err, "只有管理员可以修改单价（%s 不是管理员）", u->login);
	if (!(price >= 0 && price <= 1e9))
		return err_set(err, "单价 %.2f 无效（应为 0 到 10 亿元）", price);
	ys_date d;
	if (!from || strlen(from) != 10 || date_parse(from, &d))
		return err_set(err, "生效日期“%s”无效（格式 YYYY-MM-DD）", from ? from : "");
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM prices WHERE template = :t AND item = :item", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":item", item);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, "模板 %s 的服务目录里没有项目“%s”（yunshen price list %s 查看）", tpl, item, tpl);
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "读取服务目录");
	st = store_stmt(s, "INSERT OR REPLACE INTO price_changes(template, item, from_date, price, set_at, set_by) "
			"VALUES (:t, :item, :from, :price, :now, :by)", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":item", item);
	store_bind_text(st, ":from", from);
	sqlite3_bind_double(st, sqlite3_bind_parameter_index(st, ":price"), price);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", u->login);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "修改单价");
}

int prices_load(store *s, const char *tpl, price_sched **out, int *n, ys_err *err)
{
	*out = NULL;
	*n = 0;
	/* The base price first (from_date NULL sorts first), then the changes
	 * by date, item by item in catalogue order. */
	sqlite3_stmt *st = store_stmt(s, "SELECT p.item, p.name, p.unit, NULL, p.price, p.rowid AS o FROM prices p "
				      "WHERE p.template = :t UNION ALL "
				      "SELECT c.item, '', '', c.from_date, c.price, p.rowid FROM price_changes c "
				      "JOIN prices p ON p.template = c.template AND p.item = c.item WHERE c.template = :t "
				      "ORDER BY 6, 4", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 3) == SQLITE_NULL) {
			price_sched *p = XPUSH(*out, *n);
			store_text_copy(st, 0, p->item, sizeof p->item);
			store_text_copy(st, 1, p->name, sizeof p->name);
			store_text_copy(st, 2, p->unit, sizeof p->unit);
		}
		price_sched *p = &(*out)[*n - 1];
		price_step *ps = XPUSH(p->steps, p->nsteps);
		store_text_copy(st, 3, ps->from, sizeof ps->from);
		ps->price = sqlite3_column_double(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		prices_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, err, "读取服务目录");
	}
	return 0;
}

void prices_free(price_sched *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].steps);
	free(p);
}

double prices_on(const price_sched *p, const char *day, char until[11])
{
	int k = 0;
	while (k + 1 < p->nsteps && strcmp(p->steps[k + 1].from, day) <= 0)
		k++;
	snprintf(until, 11, "%s", k + 1 < p->nsteps ? p->steps[k + 1].from : "");
	return p->steps[k].price;
}
