#include "config.h"
#include <stdio.h>
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

int prices_list(store *s, const char *tpl, int (*cb)(const price_item *, void *), void *ctx,
		ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT template, item, name, unit, price FROM prices "
				      "WHERE :t IS NULL OR template=:t ORDER BY template, rowid", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		price_item p;
		store_text_copy(st, 0, p.template, sizeof p.template);
		store_text_copy(st, 1, p.item, sizeof p.item);
		store_text_copy(st, 2, p.name, sizeof p.name);
		store_text_copy(st, 3, p.unit, sizeof p.unit);
		p.price = sqlite3_column_double(st, 4);
		if (cb(&p, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取服务目录");
}

int prices_set(store *s, const user *u, const char *tpl, const char *item, double price,
	       const char *now, ys_err *err)
{
	if (!user_is_admin(u))
		return err_set(err, "只有管理员可以修改单价（%s 不是管理员）", u->login);
	if (!(price >= 0 && price <= 1e9))
		return err_set(err, "单价 %.2f 无效（应为 0 到 10 亿元）", price);
	sqlite3_stmt *st = store_stmt(s, "UPDATE prices SET price=:price, updated_at=:now, updated_by=:by "
				      "WHERE template=:t AND item=:item", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_text(st, ":item", item);
	sqlite3_bind_double(st, sqlite3_bind_parameter_index(st, ":price"), price);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", u->login);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "修改单价");
	if (sqlite3_changes(store_db(s)) == 0)
		return err_set(err, "模板 %s 的服务目录里没有项目“%s”（yunshen price list %s 查看）", tpl, item, tpl);
	return 0;
}
