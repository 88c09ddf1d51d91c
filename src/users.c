#include "config.h"
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
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
	sqlite3_stmt *st = store_stmt(s, "SELECT role, scope FROM users WHERE login=:login ORDER BY role, scope", err);
	if (!st)
		return -1;
	store_bind_text(st, ":login", login);
	while (sqlite3_step(st) == SQLITE_ROW && u->nroles < USER_MAX_ROLES) {
		user_role *r = &u->roles[u->nroles++];
		store_text_copy(st, 0, r->role, sizeof r->role);
		store_text_copy(st, 1, r->scope, sizeof r->scope);
	}
	sqlite3_reset(st);
	return 0;
}

int users_count(store *s)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(DISTINCT login) FROM users", NULL);
	int n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (st)
		sqlite3_reset(st);
	return n;
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
