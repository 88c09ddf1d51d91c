/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* usage.c - 资源利用率 on the screen: the idle hosts (the template's rule,
 * 徽州 第三十条) and each host's latest month; the text is the core's
 * (usage_text), the same as `yunshen usage`. A reclaim or downsizing
 * draft is one key away on the queue (z, b) or `yunshen usage propose`. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "screens.h"
#include "usage.h"

typedef struct uview {
	pager p;
	int built_w;
} uview;

static const ui_key usage_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, 1, "Esc", "返回", "返回申请列表" },
	{ 'q', 1, "q", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void build(uview *v)
{
	pager_clear(&v->p);
	usage_filter f = { .viewer = ui.me };
	buf b = { 0 };
	ys_err e;
	if (usage_text(ui.s, &f, NULL, &b, &e))
		pager_add(&v->p, ui_attr(A_UI_ERR), "%s", e.msg);
	pager_report(&v->p, b.s, ui_attr(A_UI_HEAD), COLS - 1);
	buf_free(&b);
	v->built_w = COLS;
}

static void usage_draw(void *self)
{
	uview *v = self;
	if (v->built_w != COLS)
		build(v);
	ui_text(0, 0, " 资源利用率", COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&v->p, 1, LINES - 3);
	ui_hint("闲置的系统：在申请列表选中它按 z 起草回收（注销）、b 起草降配（变更）；运维用 yunshen usage import 导入月报");
}

static int usage_key(void *self, int cmd, int key)
{
	uview *v = self;
	(void)key;
	if (cmd == 1)
		return UI_BACK;
	pager_key(&v->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen usage_screen = { "资源利用率", usage_keys, usage_draw, usage_key, NULL, NULL };

int usage_run(void)
{
	uview v = { { 0 }, 0 };
	int r = ui_loop(&usage_screen, &v);
	pager_free(&v.p);
	return r;
}
