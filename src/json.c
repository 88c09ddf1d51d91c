#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "json.h"

static enum json_type type_of(const char *t)
{
	if (!strcmp(t, "object")) return J_OBJECT;
	if (!strcmp(t, "array")) return J_ARRAY;
	if (!strcmp(t, "text")) return J_TEXT;
	if (!strcmp(t, "integer")) return J_INT;
	if (!strcmp(t, "real")) return J_REAL;
	if (!strcmp(t, "true")) return J_TRUE;
	if (!strcmp(t, "false")) return J_FALSE;
	return J_NULL;
}

static void add_kid(json *p, json *k)
{
	/* Grow by powers of two: n is a power of two exactly when full. */
	if ((p->n & (p->n - 1)) == 0)
		p->kids = xrealloc(p->kids, sizeof *p->kids * (size_t)(p->n ? p->n * 2 : 1));
	p->kids[p->n++] = k;
}

/* json_tree() walks the document depth-first and gives each row its
 * parent's id, so one pass with an id -> node map builds the tree. */
json *json_parse(sqlite3 *db, const char *text, ys_err *err)
{
	sqlite3_stmt *st;
	if (!text)
		text = "";
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL) != SQLITE_OK)
		return err_set(err, "JSON 解析失败：%s", sqlite3_errmsg(db)), NULL;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	int valid = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!valid) {
		err_set(err, "不是合法的 JSON（内容不完整或有语法错误）");
		return NULL;
	}
	if (sqlite3_prepare_v2(db, "SELECT id, parent, key, type, atom FROM json_tree(?1) ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return err_set(err, "JSON 解析失败：%s", sqlite3_errmsg(db)), NULL;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);

	json **byid = NULL;
	int cap = 0;
	json *root = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);
		json *j = xcalloc(1, sizeof *j);
		j->type = type_of((const char *)sqlite3_column_text(st, 3));
		if (j->type != J_ARRAY && j->type != J_OBJECT && j->type != J_NULL) {
			const char *a = (const char *)sqlite3_column_text(st, 4);
			j->text = xstrdup(a ? a : "");
			j->i = sqlite3_column_int64(st, 4);
			j->r = sqlite3_column_double(st, 4);
		}
		if (id >= cap) {
			int nc = cap ? cap : 64;
			while (nc <= id)
				nc *= 2;
			byid = xrealloc(byid, sizeof *byid * (size_t)nc);
			memset(byid + cap, 0, sizeof *byid * (size_t)(nc - cap));
			cap = nc;
		}
		byid[id] = j;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			root = j;
			continue;
		}
		int pid = sqlite3_column_int(st, 1);
		json *p = pid < cap ? byid[pid] : NULL;
		if (!p) {
			json_free(j);
			continue;
		}
		if (p->type == J_OBJECT)
			j->key = xstrdup((const char *)sqlite3_column_text(st, 2));
		add_kid(p, j);
	}
	sqlite3_finalize(st);
	free(byid);
	if (!root)
		err_set(err, "不是合法的 JSON");
	return root;
}

void json_free(json *j)
{
	if (!j)
		return;
	for (int i = 0; i < j->n; i++)
		json_free(j->kids[i]);
	free(j->kids);
	free(j->key);
	free(j->text);
	free(j);
}

const json *json_get(const json *j, const char *key)
{
	if (!j || j->type != J_OBJECT)
		return NULL;
	for (int i = 0; i < j->n; i++)
		if (!strcmp(j->kids[i]->key, key))
			return j->kids[i];
	return NULL;
}

const char *json_str(const json *j, const char *key, const char *dflt)
{
	const json *v = json_get(j, key);
	return v && v->type == J_TEXT ? v->text : dflt;
}

long long json_int(const json *j, const char *key, long long dflt)
{
	const json *v = json_get(j, key);
	return v && v->type == J_INT ? v->i : dflt;
}

int json_bool(const json *j, const char *key, int dflt)
{
	const json *v = json_get(j, key);
	if (!v)
		return dflt;
	return v->type == J_TRUE ? 1 : v->type == J_FALSE ? 0 : dflt;
}

const char *json_type_name(enum json_type t)
{
	static const char *names[] = { "空值", "true", "false", "整数", "小数", "字符串", "数组", "对象" };
	return names[t];
}
