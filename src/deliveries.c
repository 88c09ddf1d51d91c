#include "config.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "apps.h"
#include "date.h"
#include "deliveries.h"
#include "template.h"
#include "text.h"

int delivery_check(const delivery *d, const char *today, char *msg, size_t n)
{
	size_t hl = strlen(d->host);
	if (!hl || hl > 63) {
		snprintf(msg, n, "主机名必填，最多 63 个字符");
		return -1;
	}
	for (const char *p = d->host; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.')) {
			snprintf(msg, n, "主机名“%s”只能用字母、数字、“-”“_”“.”", d->host);
			return -1;
		}
	unsigned char a[16];
	if (inet_pton(AF_INET, d->ip, a) != 1 && inet_pton(AF_INET6, d->ip, a) != 1) {
		snprintf(msg, n, "“%s”不是有效的 IP 地址（如 10.12.3.21）", d->ip);
		return -1;
	}
	if (text_chars(d->ports) > 100) {
		snprintf(msg, n, "端口最多 100 个字");
		return -1;
	}
	ys_date day, now;
	if (strlen(d->delivered_on) != 10 || date_parse(d->delivered_on, &day)) {
		snprintf(msg, n, "交付日期“%s”无效（格式 YYYY-MM-DD）", d->delivered_on);
		return -1;
	}
	if (today && date_parse(today, &now) == 0 && day > now) {
		snprintf(msg, n, "交付日期 %s 晚于今天", d->delivered_on);
		return -1;
	}
	return 0;
}

static int approved(const app_rec *r)
{
	if (!strcmp(r->status, "done"))
		return 1;
	return !strcmp(r->status, "pending") && !strcmp(r->role, "ops");
}

int deliveries_add(store *s, const user *u, const delivery *d, const char *now, ys_err *err)
{
	app_rec r;
	if (apps_get(s, d->app_id, &r, err))
		return -1;
	if (!user_has(u, "ops", r.template, r.county))
		return err_set(err, "%s 没有运维角色，不能记录交付", u->login);
	if (!approved(&r))
		return err_set(err, "申请 %lld 尚未审批通过，不能记录交付", d->app_id);
	char msg[256];
	if (delivery_check(d, now, msg, sizeof msg))
		return err_set(err, "%s", msg);
	if (store_begin(s, err))
		return -1;
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO deliveries(app_id, line, host, ip, ports, delivered_on, "
				      "login, at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)", err);
	int rc = -1;
	if (st) {
		sqlite3_bind_int64(st, 1, d->app_id);
		sqlite3_bind_text(st, 2, d->line, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, d->host, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, d->ip, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, d->ports, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, d->delivered_on, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, u->login, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "记录交付");
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	if (!rc) {
		char note[512];
		snprintf(note, sizeof note, "%s：主机 %s，IP %s%s%s，交付日期 %s", d->line, d->host, d->ip,
			 d->ports[0] ? "，端口 " : "", d->ports, d->delivered_on);
		app_event e = { .opinion = note, .round = r.round };
		snprintf(e.label, sizeof e.label, "交付记录");
		rc = apps_event(s, d->app_id, now, u->login, "deliver", &e, err);
	}
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int deliveries_list(store *s, long long app, int (*cb)(const delivery *, void *), void *ctx,
		    ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, app_id, line, host, ip, ports, delivered_on, login, at "
				      "FROM deliveries WHERE app_id=?1 ORDER BY id", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, app);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		delivery d;
		memset(&d, 0, sizeof d);
		d.id = sqlite3_column_int64(st, 0);
		d.app_id = sqlite3_column_int64(st, 1);
		store_text_copy(st, 2, d.line, sizeof d.line);
		store_text_copy(st, 3, d.host, sizeof d.host);
		store_text_copy(st, 4, d.ip, sizeof d.ip);
		store_text_copy(st, 5, d.ports, sizeof d.ports);
		store_text_copy(st, 6, d.delivered_on, sizeof d.delivered_on);
		store_text_copy(st, 7, d.login, sizeof d.login);
		store_text_copy(st, 8, d.at, sizeof d.at);
		if (cb(&d, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取交付记录");
}
