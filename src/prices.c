#include "config.h"
#include <stdio.h>
#include "prices.h"
#include "template.h"

int prices_sync(store *s, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO prices(template, item, name, unit, price, "
				      "updated_at, updated_by) VALUES (?1,?2,?3,?4,?5,?6,'template')", err);
	if (!st)
		return -1;
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		for (int k = 0; k < t->ncatalogue; k++) {
			sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, t->catalogue[k].id, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, t->catalogue[k].name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, t->catalogue[k].unit, -1, SQLITE_STATIC);
			sqlite3_bind_double(st, 5, t->catalogue[k].price);
			sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
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
				      "WHERE ?1 IS NULL OR template=?1 ORDER BY template, rowid", err);
	if (!st)
		return -1;
	if (tpl)
		sqlite3_bind_text(st, 1, tpl, -1, SQLITE_STATIC);
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
	sqlite3_stmt *st = store_stmt(s, "UPDATE prices SET price=?3, updated_at=?4, updated_by=?5 "
				      "WHERE template=?1 AND item=?2", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, tpl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, item, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 3, price);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, u->login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "修改单价");
	if (sqlite3_changes(store_db(s)) == 0)
		return err_set(err, "模板 %s 的服务目录里没有项目“%s”（yunshen price list %s 查看）", tpl, item, tpl);
	return 0;
}
