/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* views.c - the queue's lists as filters. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "buf.h"
#include "template.h"
#include "text.h"
#include "views.h"

static const char *const names[VIEW__N] = { "我的待办", "全部申请", "草稿", "超期", "退回补正" };

const char *view_name(int view)
{
	return view >= 0 && view < VIEW__N ? names[view] : names[VIEW_MINE];
}

void view_filter(int view, const user *u, const char *state, ys_date today, apps_filter *f)
{
	memset(f, 0, sizeof *f);
	f->today = today;
	f->viewer = u;
	switch (view) {
	case VIEW_MINE: f->mine = u; break;
	case VIEW_DRAFTS: f->status = ST_DRAFT; break;
	case VIEW_OVERDUE: f->overdue = 1; break;
	case VIEW_RETURNED: f->status = ST_RETURNED; break;
	default: f->status = state; break;
	}
}

int view_start(store *s, const user *u, ys_date today, char *msg, size_t n)
{
	long long latest;
	msg[0] = '\0';
	if (!user_has(u, ROLE_CLERK, NULL, NULL))
		return VIEW_MINE;
	if (apps_drafts_mine(s, u->login, &latest) > 0) {
		snprintf(msg, n, "您有未提交的草稿（申请 %lld 最近保存），按 Enter 继续填写", latest);
		return VIEW_DRAFTS;
	}
	if (u->nroles == 1) {
		/* A clerk's work: what came back for correction. */
		apps_filter f;
		ys_err e;
		view_filter(VIEW_RETURNED, u, NULL, today, &f);
		long long c = apps_count(s, &f, &e);
		if (c > 0) {
			snprintf(msg, n, "有 %lld 件申请退回补正，按 Enter 打开修改后按 F2 重新提交", c);
			return VIEW_RETURNED;
		}
	}
	return VIEW_MINE;
}

int view_by_name(const char *name)
{
	for (int i = 0; i < VIEW__N; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

void view_saved_filter(const saved_view *v, const user *u, ys_date today, apps_filter *f)
{
	view_filter(v->base, u, v->status[0] ? v->status : NULL, today, f);
	f->tpl = v->tpl[0] ? v->tpl : NULL;
	f->unit = v->unit[0] ? v->unit : NULL;
	f->search = v->search[0] ? v->search : NULL;
}

int views_save(store *s, const char *login, const saved_view *v, const char *now, ys_err *err)
{
	char msg[128];
	char *name = text_trim(v->name);
	int rc = 0;
	if (!*name || text_chars(name) > 20 || text_check(name, 0, msg, sizeof msg))
		rc = err_set(err, "视图名称应为 1 至 20 个字（收到“%s”）", v->name);
	else if (view_by_name(name) >= 0)
		rc = err_set(err, "“%s”是内置的列表，请另起一个名称", name);
	else if (v->base < 0 || v->base >= VIEW__N)
		rc = err_set(err, "视图的基础列表无效");
	else if (v->status[0] && !status_known(v->status))
		rc = err_set(err, "未知状态“%s”", v->status);
	else if (v->tpl[0] && !template_find(v->tpl))
		rc = err_set(err, "没有模板“%s”", v->tpl);
	saved_view *have = NULL;
	int n = 0, dup = 0;
	if (!rc && !(rc = views_saved(s, login, &have, &n, err)))
		for (int i = 0; i < n; i++)
			dup |= !strcmp(have[i].name, name);
	free(have);
	if (!rc && !dup && n >= SAVED_VIEWS_MAX)
		rc = err_set(err, "每人最多保存 %d 个视图，请先删去不用的", SAVED_VIEWS_MAX);
	sqlite3_stmt *st = rc ? NULL : store_stmt(s, "INSERT OR REPLACE INTO saved_views(login, name, base, status, "
				  "template, unit, search, at) VALUES (:l, :n, :b, :st, :t, :u, :q, :at)", err);
	if (!rc && !st)
		rc = -1;
	if (st) {
		const char *keys[] = { ":l", ":n", ":st", ":t", ":u", ":q", ":at" };
		const char *vals[] = { login, name, v->status, v->tpl, v->unit, v->search, now };
		for (int i = 0; i < 7; i++)
			store_bind_text(st, keys[i], vals[i]);
		store_bind_int(st, ":b", v->base);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "保存视图");
		sqlite3_reset(st);
	}
	free(name);
	return rc;
}

int views_saved(store *s, const char *login, saved_view **out, int *n, ys_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT name, base, status, template, unit, search FROM saved_views "
				      "WHERE login = :l ORDER BY name", err);
	if (!st)
		return -1;
	store_bind_text(st, ":l", login);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		saved_view *v = XPUSH(*out, *n);
		memset(v, 0, sizeof *v);
		store_text_copy(st, 0, v->name, sizeof v->name);
		v->base = sqlite3_column_int(st, 1);
		store_text_copy(st, 2, v->status, sizeof v->status);
		store_text_copy(st, 3, v->tpl, sizeof v->tpl);
		store_text_copy(st, 4, v->unit, sizeof v->unit);
		store_text_copy(st, 5, v->search, sizeof v->search);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取视图");
}

int views_forget(store *s, const char *login, const char *name, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM saved_views WHERE login = :l AND name = :n", err);
	if (!st)
		return -1;
	store_bind_text(st, ":l", login);
	store_bind_text(st, ":n", name);
	int rc = sqlite3_step(st), changed = sqlite3_changes(store_db(s));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "删除视图");
	return changed ? 0 : err_set(err, "没有名为“%s”的视图", name);
}
