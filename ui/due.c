/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* due.c - 到期事项: the duties for the login's roles (or all it may see),
 * most urgent first, with counts in the title; closing one (duty_close.c),
 * its notice to read and print. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "duties.h"
#include "render.h"
#include "screens.h"
#include "text.h"

/* ---- The notice, to read (and print from the CLI) ---- */

typedef struct notice {
	pager p;
	char title[256];
} notice;

static const ui_key notice_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, 1, "Esc", "返回", "返回" },
	{ 'q', 1, "q", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void notice_draw(void *self)
{
	notice *v = self;
	ui_text(0, 0, v->title, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&v->p, 1, LINES - 3);
	ui_hint("打印：yunshen duty 申请编号 事项 notice | lp");
}

static int notice_key(void *self, int cmd, int key)
{
	notice *v = self;
	(void)key;
	if (cmd == 1)
		return UI_BACK;
	pager_key(&v->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen notice_screen = { "通知书", notice_keys, notice_draw, notice_key, NULL, NULL };

static int show_notice(const duty_rec *d)
{
	char *text = duty_notice(ui.s, d);
	if (!text) {
		ui_status(1, "“%s”没有通知书", d->def->label);
		return UI_STAY;
	}
	notice v = { { 0 }, "" };
	snprintf(v.title, sizeof v.title, " 通知书  %s  申请 %lld", d->def->label, d->app_id);
	for (char *line = text, *nl; line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		pager_wrap(&v.p, 0, 2, line, COLS - 1);
	}
	free(text);
	int r = ui_loop(&notice_screen, &v);
	pager_free(&v.p);
	return r;
}

/* ---- The list ---- */

typedef struct due {
	int all;                        /* every role's, not only mine */
	duty_rec *rows;
	int n, sel, top, stale;
	duty_counts counts;
} due;

enum { U_BACK = 1, U_UP, U_DOWN, U_PGUP, U_PGDN, U_OPEN, U_CLOSE, U_NOTICE, U_ALL, U_REFRESH };

static const ui_key due_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_ENTER, U_OPEN, "Enter", "打开", "打开该事项所属的申请（全局事项显示其说明）" },
	{ 'x', U_CLOSE, "x", "办结", "以记录办结选中的事项：按模板逐项填写，确认后签署" },
	{ 'p', U_NOTICE, "p", "通知书", "查看选中事项的通知书（如使用期满前一个月的通知）" },
	{ 'A', U_ALL, "A", "全部", "在“我的角色办理的”和“我能看到的全部”之间切换" },
	{ UI_ESC, U_BACK, "Esc", "返回", "返回申请列表" },
	{ 'q', U_BACK, "q", NULL, NULL },
	{ UI_FN(KEY_F(5)), U_REFRESH, "F5", NULL, "刷新" },
	{ 'r', U_REFRESH, "r", NULL, NULL },
	{ UI_FN(KEY_UP), U_UP, "Up", NULL, "上一项" },
	{ 'k', U_UP, "k", NULL, NULL },
	{ UI_FN(KEY_DOWN), U_DOWN, "Down", NULL, "下一项" },
	{ 'j', U_DOWN, "j", NULL, NULL },
	{ UI_FN(KEY_PPAGE), U_PGUP, "PgUp", NULL, "上一页" },
	{ UI_FN(KEY_NPAGE), U_PGDN, "PgDn", NULL, "下一页" },
	{ ' ', U_PGDN, "Space", NULL, NULL },
	{ 0, -1, NULL, NULL, NULL },
};

static int keep_row(const duty_rec *d, void *ctx)
{
	due *u = ctx;
	*XPUSH(u->rows, u->n) = *d;
	return 0;
}

/* Read once per change (entering, after closing, on F5), not per key. */
static void fetch(due *u)
{
	duty_filter f = { .viewer = ui.me, .mine = u->all ? NULL : ui.me, .within = -1, .today = ui_today() };
	ys_err e;
	free(u->rows);
	u->rows = NULL;
	u->n = 0;
	if (duties_list(ui.s, &f, keep_row, u, &e))
		ui_status(1, "%s", e.msg);
	duties_tally(u->rows, u->n, f.today, 7, &u->counts);
	u->stale = 0;
}

static int page_h(void)
{
	return LINES - 4;
}

static void due_draw(void *self)
{
	due *u = self;
	if (u->stale)
		fetch(u);
	if (u->sel >= u->n)
		u->sel = u->n - 1;
	if (u->sel < 0)
		u->sel = 0;
	if (u->sel < u->top)
		u->top = u->sel;
	if (u->sel >= u->top + page_h())
		u->top = u->sel - page_h() + 1;
	char t[256], day[11];
	date_iso(ui_today(), day);
	snprintf(t, sizeof t, " 云审  到期事项·%s", u->all ? "全部" : "我的角色");
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	char right[160];
	snprintf(right, sizeof right, " 共 %lld 项  超期 %lld  7 天内 %lld  %s  %s ", u->counts.open,
		 u->counts.overdue, u->counts.soon, ui.me->login, day);
	int rw = text_width(right);
	if (text_width(t) + rw < COLS)
		ui_text(0, COLS - rw, right, rw, ui_attr(A_UI_TITLE), 1);
	/* The numbers column as wide as the largest number: never cut into
	 * another application's number. */
	long long maxid = 0;
	for (int i = 0; i < u->n; i++)
		if (u->rows[i].app_id > maxid)
			maxid = u->rows[i].app_id;
	char id[24];
	int iw = snprintf(id, sizeof id, "%lld", maxid);
	iw = iw < 5 ? 5 : iw;
	int xl = 3 + iw, xe = xl + 12, xdue = xe + 25;
	int a = ui_attr(A_UI_HEAD), xu = xdue + 11;
	ui_text(1, 0, "", COLS, a, 1);
	ui_text(1, 2, "申请", iw, a, 0);
	ui_text(1, xl, "剩余", 11, a, 0);
	ui_text(1, xe, "事项", 24, a, 0);
	ui_text(1, xdue, "期限", 10, a, 0);
	ui_text(1, xu, "单位（全局事项为辖区）", COLS - xu, a, 0);
	ys_date today = ui_today();
	for (int i = 0; i < page_h() && u->top + i < u->n; i++) {
		const duty_rec *d = &u->rows[u->top + i];
		int y = 2 + i, base = u->top + i == u->sel ? ui_attr(A_UI_SEL) : 0, over;
		char left[32];
		duty_left_text(d->def, d->due, 0, today, 1, left, sizeof left, &over);
		ui_text(y, 0, "", COLS, base, 1);
		ui_text(y, 0, over ? "!" : " ", 1, base | (over ? ui_attr(A_UI_OVERDUE) : 0), 1);
		if (d->app_id)
			snprintf(id, sizeof id, "%*lld", iw, d->app_id);
		else
			snprintf(id, sizeof id, "%*s全局", iw - 4, "");
		ui_text(y, 2, id, iw, base, 1);
		ui_text(y, xl, left, 11, base | (over ? ui_attr(A_UI_OVERDUE) : 0), 1);
		ui_text(y, xe, d->def->label, 24, base, 1);
		ui_text(y, xdue, d->due, 10, base, 1);
		const template *tp = template_find(d->template);
		ui_text(y, xu, d->app_id ? d->unit : tp ? tp->name : d->template, COLS - xu, base, 1);
	}
	if (!u->n)
		ui_text(3, 4, u->all ? "没有未办的到期事项。" : "没有您的角色要办的到期事项。按 A 看全部。", COLS - 4,
			ui_attr(A_UI_DIM), 0);
	/* The selected duty in words: article, what closes it. */
	if (u->n) {
		const duty_rec *d = &u->rows[u->sel];
		char h[512], cite[96], due_s[40];
		snprintf(h, sizeof h, "%s%s  期限 %s  %s办理", d->def->label, text_cite(d->def->article, cite, sizeof cite),
			 render_deadline(d->due, due_s, sizeof due_s), role_label(d->role));
		ui_hint(h);
	} else {
		ui_hint("");
	}
}

static int due_key(void *self, int cmd, int key)
{
	due *u = self;
	int r = UI_STAY;
	(void)key;
	duty_rec cur;
	int have = u->n > 0;
	if (have)
		cur = u->rows[u->sel];
	switch (cmd) {
	case U_BACK: return UI_BACK;
	case U_UP: u->sel--; break;
	case U_DOWN: u->sel++; break;
	case U_PGUP: u->sel -= page_h(); u->top -= page_h(); break;
	case U_PGDN: u->sel += page_h(); u->top += page_h(); break;
	case U_ALL: u->all = !u->all; u->sel = u->top = 0; u->stale = 1; break;
	case U_REFRESH: u->stale = 1; break;
	case U_OPEN:
		if (have && cur.app_id)
			r = detail_run(cur.app_id);
		else if (have)
			ui_status(0, "%s：%s", cur.def->label, cur.def->help ? cur.def->help : "全局事项，按期报送");
		u->stale = 1;
		break;
	case U_CLOSE:
		if (have)
			r = due_close(&cur);
		u->stale = 1;
		break;
	case U_NOTICE:
		if (have)
			r = show_notice(&cur);
		break;
	}
	if (u->top < 0)
		u->top = 0;
	return r == UI_QUIT ? UI_QUIT : UI_STAY;
}

static const ui_screen due_screen = { "到期事项", due_keys, due_draw, due_key, NULL, NULL };

int due_run(void)
{
	due u = { .stale = 1 };
	int r = ui_loop(&due_screen, &u);
	free(u.rows);
	return r;
}
