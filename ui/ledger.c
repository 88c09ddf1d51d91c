/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ledger.c - 在用资源台账 on the screen: every approved system the login
 * may see, its phase, configuration, term, billing, next duty, changes
 * and hosts (the text is the core's, ledger_text). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "ledger.h"
#include "screens.h"

typedef struct lview {
	pager p;
	int n, built_w;
} lview;

static const ui_key ledger_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, 1, "Esc", "返回", "返回申请列表" },
	{ 'q', 1, "q", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static int add_row(const ledger_row *l, void *ctx)
{
	lview *v = ctx;
	buf b = { 0 };
	ledger_text(l, &b);
	int first = 1;
	for (char *line = b.s, *nl; line && *line; line = nl + 1, first = 0) {
		nl = strchr(line, '\n');
		*nl = '\0';
		pager_wrap(&v->p, first ? ui_attr(A_UI_HEAD) : 0, first ? 2 : 6, line, COLS - 1);
	}
	buf_free(&b);
	v->n++;
	return 0;
}

static void build(lview *v)
{
	pager_clear(&v->p);
	v->n = 0;
	ledger_filter f = { .viewer = ui.me, .today = ui_today() };
	ys_err e;
	if (ledger_list(ui.s, &f, add_row, v, &e))
		ui_status(1, "%s", e.msg);
	if (!v->n)
		pager_add(&v->p, ui_attr(A_UI_DIM), "  还没有审批通过的系统。");
	v->built_w = COLS;
}

static void ledger_draw(void *self)
{
	lview *v = self;
	if (v->built_w != COLS)
		build(v);
	char t[128];
	snprintf(t, sizeof t, " 在用资源台账  共 %d 个系统", v->n);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&v->p, 1, LINES - 3);
	ui_hint("阶段、现有配置、使用期、计费期、下一到期事项、变更、交付的主机和环节记录；yunshen ledger --json 供表格程序");
}

static int ledger_key(void *self, int cmd, int key)
{
	lview *v = self;
	(void)key;
	if (cmd == 1)
		return UI_BACK;
	pager_key(&v->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen ledger_screen = { "在用资源台账", ledger_keys, ledger_draw, ledger_key, NULL, NULL };

int ledger_run(void)
{
	lview v = { { 0 }, 0, 0 };
	int r = ui_loop(&ledger_screen, &v);
	pager_free(&v.p);
	return r;
}
