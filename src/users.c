/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "date.h"
#include "template.h"
#include "text.h"
#include "users.h"

int user_os_login(char *out, size_t n, ys_err *err)
{
	struct passwd *pw = getpwuid(getuid());
	if (!pw || !pw->pw_name || !*pw->pw_name)
		return err_set(err, "无法确定当前登录名（uid %u 不在系统用户表中）", (unsigned)getuid());
	snprintf(out, n, "%s", pw->pw_name);
	return 0;
}

int user_load(store *s, const char *login, user *u, ys_err *err)
{
	memset(u, 0, sizeof *u);
	snprintf(u->login, sizeof u->login, "%s", login);
	/* Its own roles first, so that a role held both ways is signed as
	 * one's own; then what is delegated to it today, with the scope the
	 * delegating login holds the role in. */
	sqlite3_stmt *st = store_stmt(s, "SELECT role, scope, '' FROM users WHERE login=:login UNION ALL "
				      "SELECT u.role, u.scope, d.from_login FROM delegations d JOIN users u "
				      "ON u.login = d.from_login AND u.role = d.role WHERE d.to_login = :login "
				      "AND d.ended_at IS NULL AND :today BETWEEN d.first_day AND d.last_day "
				      "ORDER BY 3, 1, 2", err);
	if (!st)
		return -1;
	char now[17];
	clock_now(now);
	now[10] = '\0';
	store_bind_text(st, ":login", login);
	store_bind_text(st, ":today", now);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && u->nroles < USER_MAX_ROLES) {
		user_role *r = &u->roles[u->nroles++];
		store_text_copy(st, 0, r->role, sizeof r->role);
		store_text_copy(st, 1, r->scope, sizeof r->scope);
		store_text_copy(st, 2, r->for_login, sizeof r->for_login);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "读取用户角色");
	user_name(s, login, u->name, sizeof u->name);
	return 0;
}

void user_name(store *s, const char *login, char *out, size_t n)
{
	out[0] = '\0';
	sqlite3_stmt *st = store_stmt(s, "SELECT name FROM names WHERE login = :login", NULL);
	if (st) {
		store_bind_text(st, ":login", login);
		if (sqlite3_step(st) == SQLITE_ROW)
			store_text_copy(st, 0, out, n);
		sqlite3_reset(st);
	}
	if (out[0])
		return;
	/* The passwd lookup may go over the network (NSS, LDAP): an import
	 * records many events by one login, so the last answer is kept. */
	static char last_login[64] = "", last_name[USER_NAME_MAX] = "";
	if (!strcmp(last_login, login)) {
		snprintf(out, n, "%s", last_name);
		return;
	}
	struct passwd *pw = getpwnam(login);
	char g[USER_NAME_MAX] = "", msg[64];
	if (pw && pw->pw_gecos)
		snprintf(g, sizeof g, "%.*s", (int)strcspn(pw->pw_gecos, ","), pw->pw_gecos);
	char *t = text_trim(g);
	/* A GECOS that is the login again ("root") or not text names no one. */
	if (*t && strcmp(t, login) && !text_check(t, 0, msg, sizeof msg))
		snprintf(out, n, "%s", t);
	free(t);
	snprintf(last_login, sizeof last_login, "%s", login);
	snprintf(last_name, sizeof last_name, "%s", out);
}

int user_set_name(store *s, const char *by, const char *login, const char *name, const char *now,
		  ys_err *err)
{
	char msg[128];
	char *t = text_trim(name);
	int bad = text_check(t, 0, msg, sizeof msg);
	if (!bad && (!*t || text_chars(t) > 20 || strlen(t) >= USER_NAME_MAX))
		bad = snprintf(msg, sizeof msg, "%s", *t ? "最多 20 个字" : "不能为空");
	if (bad) {
		free(t);
		return err_set(err, "姓名%s", msg);
	}
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO names(login, name, set_at, set_by) VALUES (:login, :name, "
				      ":now, :by) ON CONFLICT(login) DO UPDATE SET name = excluded.name, "
				      "set_at = excluded.set_at, set_by = excluded.set_by", err);
	if (!st) {
		free(t);
		return -1;
	}
	store_bind_text(st, ":login", login);
	store_bind_text(st, ":name", t);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", by);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(t);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "保存姓名");
}

void user_signer(const char *login, const char *name, const char *for_login, const char *for_name,
		 char *out, size_t n)
{
	const char *who = for_name && *for_name ? for_name : for_login;
	if (who && *who && name && *name)
		snprintf(out, n, "%s（%s，代 %s）", name, login, who);
	else if (who && *who)
		snprintf(out, n, "%s（代 %s）", login, who);
	else if (name && *name)
		snprintf(out, n, "%s（%s）", name, login);
	else
		snprintf(out, n, "%s", login);
}

void user_display(store *s, const char *login, char *out, size_t n)
{
	char name[USER_NAME_MAX];
	user_name(s, login, name, sizeof name);
	user_signer(login, name, NULL, NULL, out, n);
}

int users_count(store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(DISTINCT login) FROM users", NULL);
	int n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (st)
		sqlite3_reset(st);
	return n;
}

int user_holds(store *s, const char *login, const char *role, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM users WHERE login = :l AND (:r IS NULL OR role = :r)",
				      err);
	if (!st)
		return -1;
	store_bind_text(st, ":l", login);
	store_bind_text(st, ":r", role);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return n < 0 ? store_fail(s, err, "读取用户") : n > 0;
}

static int valid_login(const char *s)
{
	if (!*s || strlen(s) > 32)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

int user_add(store *s, const char *by, const char *login, const char *role,
	     const char *scope, const char *now, ys_err *err)
{
	if (!valid_login(login))
		return err_set(err, "登录名“%s”无效（只能用字母、数字、下划线、连字符和点，最长 32 个字符）", login);
	if (!role_known(role))
		return err_set(err, "未知角色“%s”（可用：%s）", role, roles_help());
	scope = scope ? scope : "";
	if (*scope) {
		char tpl[64];
		const char *slash = strchr(scope, '/');
		size_t n = slash ? (size_t)(slash - scope) : strlen(scope);
		snprintf(tpl, sizeof tpl, "%.*s", (int)(n < sizeof tpl ? n : sizeof tpl - 1), scope);
		if (!template_find(tpl))
			return err_set(err, "范围“%s”无效：没有模板“%s”（范围写作 模板 或 模板/县区，如 shaoguan/乳源瑶族自治县）",
				       scope, tpl);
		if (slash && !slash[1])
			return err_set(err, "范围“%s”无效：斜杠后应写县（市、区）名称", scope);
		char msg[128];
		if (text_check(scope, 0, msg, sizeof msg) || text_chars(scope) > 100)
			return err_set(err, "范围无效：%s", msg[0] ? msg : "太长");
	}
	sqlite3_stmt *st = store_stmt(s, "INSERT OR IGNORE INTO users(login, role, scope, added_at, added_by) "
				      "VALUES (:login, :role, :scope, :now, :by)", err);
	if (!st)
		return -1;
	store_bind_text(st, ":login", login);
	store_bind_text(st, ":role", role);
	store_bind_text(st, ":scope", scope ? scope : "");
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", by);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "添加用户");
	return 0;
}

int user_remove(store *s, const char *login, const char *role, const char *scope, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM users WHERE login=:login AND (:role IS NULL OR role=:role) "
				      "AND (:scope IS NULL OR scope=:scope)", err);
	if (!st)
		return -1;
	store_bind_text(st, ":login", login);
	store_bind_text(st, ":role", role);
	store_bind_text(st, ":scope", scope);
	int rc = sqlite3_step(st);
	int changed = sqlite3_changes(store_db(s));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "删除用户角色");
	if (!changed)
		return err_set(err, "用户 %s 没有这个角色", login);
	return 0;
}

static int scope_covers(const char *scope, const char *tpl, const char *county)
{
	if (!*scope || !tpl)
		return 1;
	size_t n = strlen(tpl);
	if (strncmp(scope, tpl, n))
		return 0;
	if (scope[n] == '\0')
		return 1;
	return scope[n] == '/' && county && !strcmp(scope + n + 1, county);
}

int user_has(const user *u, const char *role, const char *tpl, const char *county)
{
	for (int i = 0; i < u->nroles; i++)
		if (!strcmp(u->roles[i].role, role) && scope_covers(u->roles[i].scope, tpl, county))
			return 1;
	return 0;
}

int user_sees(const user *u, const char *tpl, const char *county)
{
	for (int i = 0; i < u->nroles; i++)
		if (scope_covers(u->roles[i].scope, tpl, county))
			return 1;
	return 0;
}

int user_is_admin(const user *u)
{
	return user_has(u, ROLE_ADMIN, NULL, NULL);
}

const char *user_acting_for(const user *u, const char *role, const char *tpl, const char *county)
{
	/* Own roles come first (user_load), so the first that covers says. */
	for (int i = 0; i < u->nroles; i++)
		if (!strcmp(u->roles[i].role, role) && scope_covers(u->roles[i].scope, tpl, county))
			return u->roles[i].for_login[0] ? u->roles[i].for_login : NULL;
	return NULL;
}

int users_list(store *s, int (*cb)(const char *login, const user_role *r, void *ctx), void *ctx,
	       ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT login, role, scope FROM users ORDER BY login, role, scope", err);
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		user_role r;
		store_text_copy(st, 1, r.role, sizeof r.role);
		store_text_copy(st, 2, r.scope, sizeof r.scope);
		if (cb(store_text(st, 0), &r, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取用户");
}
