/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "date.h"
#include "delegations.h"
#include "text.h"
#include "vocab.h"

/* A running or coming delegation of role over first..last that the new
 * one from -> to would meet: from has already handed it on, the delegate
 * is away itself, or from is someone's delegate. */
static int overlap(store *s, const char *from, const char *to, const char *role, const char *first,
		   const char *last, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, from_login, to_login, first_day, last_day FROM delegations "
				      "WHERE role = :r AND ended_at IS NULL AND first_day <= :last AND :first <= last_day "
				      "AND (from_login IN (:f, :t) OR to_login = :f) ORDER BY id LIMIT 1", err);
	if (!st)
		return -1;
	store_bind_text(st, ":r", role);
	store_bind_text(st, ":f", from);
	store_bind_text(st, ":t", to);
	store_bind_text(st, ":first", first);
	store_bind_text(st, ":last", last);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *f = store_text(st, 1), *t = store_text(st, 2);
		char when[64];
		snprintf(when, sizeof when, "%s 至 %s", store_text(st, 3), store_text(st, 4));
		if (!strcmp(f, from))
			err_set(err, "%s 已在 %s 把%s角色委托给 %s（委托 %lld），同一期间不能再委托", from, when,
				role_label(role), t, (long long)sqlite3_column_int64(st, 0));
		else if (!strcmp(f, to))
			err_set(err, "%s 本人在 %s 已把%s角色委托给 %s，不能同时受托（不能形成委托链或循环）", to, when,
				role_label(role), t);
		else
			err_set(err, "%s 在 %s 受 %s 委托行使%s角色，受托的角色不能再委托（不能形成委托链）", from,
				when, f, role_label(role));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取委托");
}

int delegation_add(store *s, const user *by, const char *from, const char *to, const char *role,
		   const char *first, const char *last, const char *reason, const char *now, long long *id,
		   ys_err *err)
{
	char today[11], msg[128];
	snprintf(today, sizeof today, "%.10s", now);
	ys_date d1, d2;
	if (strcmp(by->login, from) && !user_is_admin(by))
		return err_set(err, "%s 不能替 %s 办理委托：只有本人或管理员可以", by->login, from);
	if (!role_known(role))
		return err_set(err, "未知角色“%s”（可用：%s）", role, roles_help());
	if (!strcmp(role, ROLE_ADMIN))
		return err_set(err, "管理员角色不能委托");
	if (!strcmp(from, to))
		return err_set(err, "不能委托给自己");
	if (date_parse(first, &d1) || date_parse(last, &d2))
		return err_set(err, "委托的起止日期应写作 YYYY-MM-DD（收到“%s”“%s”）", first, last);
	if (d2 < d1)
		return err_set(err, "委托的结束日期 %s 早于开始日期 %s", last, first);
	if (strcmp(last, today) < 0)
		return err_set(err, "委托的结束日期 %s 已经过去", last);
	if (d2 - d1 + 1 > DELEGATION_MAX_DAYS)
		return err_set(err, "一次委托最长 %d 天（%s 至 %s 是 %d 天）", DELEGATION_MAX_DAYS, first, last,
			       (int)(d2 - d1 + 1));
	if (reason && text_check(reason, 1, msg, sizeof msg))
		return err_set(err, "委托事由%s", msg);
	int own = user_holds(s, from, role, err);
	if (own <= 0)
		return own < 0 ? -1 : err_set(err, "%s 本人没有%s角色，不能委托", from, role_label(role));
	int known = user_holds(s, to, NULL, err);
	if (known <= 0)
		return known < 0 ? -1 : err_set(err, "%s 不是本系统的用户（先由管理员 user add）", to);
	int o = overlap(s, from, to, role, first, last, err);
	if (o)
		return -1;
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO delegations(from_login, to_login, role, first_day, last_day, "
				      "reason, created_at, created_by) VALUES (:f, :t, :r, :a, :b, :why, :now, :by)", err);
	if (!st)
		return -1;
	const char *names[] = { ":f", ":t", ":r", ":a", ":b", ":why", ":now", ":by" };
	const char *vals[] = { from, to, role, first, last, reason ? reason : "", now, by->login };
	for (int i = 0; i < 8; i++)
		store_bind_text(st, names[i], vals[i]);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "保存委托");
	*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

static void read_row(sqlite3_stmt *st, delegation *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	store_text_copy(st, 1, d->from, sizeof d->from);
	store_text_copy(st, 2, d->to, sizeof d->to);
	store_text_copy(st, 3, d->role, sizeof d->role);
	store_text_copy(st, 4, d->first, sizeof d->first);
	store_text_copy(st, 5, d->last, sizeof d->last);
	store_text_copy(st, 6, d->reason, sizeof d->reason);
	store_text_copy(st, 7, d->created_at, sizeof d->created_at);
	store_text_copy(st, 8, d->created_by, sizeof d->created_by);
	store_text_copy(st, 9, d->ended_at, sizeof d->ended_at);
	store_text_copy(st, 10, d->ended_by, sizeof d->ended_by);
}

#define DELEGATION_COLS "id, from_login, to_login, role, first_day, last_day, reason, created_at, created_by, " \
	"COALESCE(ended_at,''), COALESCE(ended_by,'')"

int delegation_end(store *s, const user *by, long long id, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " DELEGATION_COLS " FROM delegations WHERE id = :id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	delegation d;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		read_row(st, &d);
	sqlite3_reset(st);
	/* One may not learn of others' delegations by probing numbers. */
	if (!found || (strcmp(d.from, by->login) && strcmp(d.to, by->login) && !user_is_admin(by)))
		return err_set(err, "没有编号为 %lld 的委托", id);
	if (strcmp(d.from, by->login) && !user_is_admin(by))
		return err_set(err, "委托 %lld 只能由委托人 %s 或管理员撤销", id, d.from);
	if (d.ended_at[0])
		return err_set(err, "委托 %lld 已于 %.10s 撤销", id, d.ended_at);
	st = store_stmt(s, "UPDATE delegations SET ended_at = :now, ended_by = :by WHERE id = :id", err);
	if (!st)
		return -1;
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", by->login);
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "撤销委托");
}

int delegations_list(store *s, const user *u, int (*cb)(const delegation *, void *), void *ctx, ys_err *err)
{
	char now[17];
	clock_now(now);
	now[10] = '\0';
	sqlite3_stmt *st = store_stmt(s, "SELECT " DELEGATION_COLS " FROM delegations WHERE :all OR from_login = :l "
				      "OR to_login = :l ORDER BY (ended_at IS NULL AND last_day >= :today) DESC, "
				      "first_day DESC, id DESC", err);
	if (!st)
		return -1;
	store_bind_int(st, ":all", user_is_admin(u));
	store_bind_text(st, ":l", u->login);
	store_bind_text(st, ":today", now);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		delegation d;
		read_row(st, &d);
		if (cb(&d, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取委托");
}

const char *delegation_state(const delegation *d, const char *today)
{
	if (d->ended_at[0])
		return "已撤销";
	if (strcmp(today, d->first) < 0)
		return "未开始";
	return strcmp(today, d->last) > 0 ? "已结束" : "生效中";
}
