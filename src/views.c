/* views.c - the queue's lists as filters. */
#include "config.h"
#include <stdio.h>
#include <string.h>
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
