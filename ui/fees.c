/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* fees.c - 服务费用 on the screen: the month's fees one line a system (i:
 * item by item), or the year's statement one line a system and month; [
 * and ] step through the months (years), y switches between them. The text is the core's
 * (fees_text), the same as `yunshen fees`. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "fees.h"
#include "screens.h"

enum { F_BACK = 1, F_PREV, F_NEXT, F_YEAR, F_ITEMS };

typedef struct fview {
	pager p;
	ys_date month;                  /* the first day of the month shown */
	int year, items, built_w;
	char title[64];
} fview;

static const ui_key fee_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, F_BACK, "Esc", "返回", "返回申请列表" },
	{ 'q', F_BACK, "q", NULL, NULL },
	{ '[', F_PREV, "[", "上月", "上一个月（年度报表时上一年）" },
	{ ']', F_NEXT, "]", "下月", "下一个月（年度报表时下一年）" },
	{ 'y', F_YEAR, "y", "年度", "在本月和年度使用报表之间切换" },
	{ 'i', F_ITEMS, "i", "逐项", "逐项列出服务目录项目的数量、单价和天数；再按一次收起" },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void build(fview *v)
{
	pager_clear(&v->p);
	int y, m, d;
	date_ymd(v->month, &y, &m, &d);
	fee_filter f = { .viewer = ui.me, .today = ui_today(), .first = v->year ? date_from_ymd(y, 1, 1) : v->month,
			 .last = v->year ? date_from_ymd(y, 12, 31) : v->month };
	fees_period(&f, v->title, sizeof v->title);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	ys_err e;
	if (!mem)
		pager_add(&v->p, ui_attr(A_UI_ERR), "内存不足");
	else if (fees_text(ui.s, &f, v->items && !v->year, mem, &e))
		pager_add(&v->p, ui_attr(A_UI_ERR), "%s", e.msg);
	if (mem)
		fclose(mem);
	/* The title line is the screen's own; the rest as the CLI prints it,
	 * a unit's line highlighted. */
	const char *body = text ? strchr(text, '\n') : NULL;
	pager_report(&v->p, body ? body + 1 : NULL, ui_attr(A_UI_HEAD), COLS - 1);
	free(text);
	v->built_w = COLS;
}

static void fees_draw(void *self)
{
	fview *v = self;
	if (v->built_w != COLS)
		build(v);
	char t[128];
	snprintf(t, sizeof t, " 服务费用  %s%s", v->title, v->year ? "  年度使用报表" : "");
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&v->p, 1, LINES - 3);
	ui_hint("按审批的配置和服务目录单价按天折算，回收当天不计；[ ] 换月，i 逐项，y 年度报表");
}

static int fees_key(void *self, int cmd, int key)
{
	fview *v = self;
	(void)key;
	int y, m, d;
	date_ymd(v->month, &y, &m, &d);
	switch (cmd) {
	case F_BACK:
		return UI_BACK;
	case F_PREV:
	case F_NEXT:
		v->month = date_add_months(v->month, (cmd == F_PREV ? -1 : 1) * (v->year ? 12 : 1));
		v->built_w = 0;
		return UI_STAY;
	case F_ITEMS:
		v->items = !v->items;
		v->built_w = 0;
		return UI_STAY;
	case F_YEAR:
		v->year = !v->year;
		v->built_w = 0;
		return UI_STAY;
	}
	pager_key(&v->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen fees_screen = { "服务费用", fee_keys, fees_draw, fees_key, NULL, NULL };

int fees_run(void)
{
	int y, m, d;
	date_ymd(ui_today(), &y, &m, &d);
	fview v = { .month = date_from_ymd(y, m, 1) };
	int r = ui_loop(&fees_screen, &v);
	pager_free(&v.p);
	return r;
}
