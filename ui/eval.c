/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* eval.c - 服务考评与结算 on the screen: for each template with an
 * evaluation, this year's periods, axes and low scores with reasons, and
 * the settlement where the template has its rule; [ and ] change the year.
 * The text is the core's (eval_text, settle_text), as the CLI prints it. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "evaluation.h"
#include "screens.h"

enum { E_BACK = 1, E_PREV, E_NEXT };

typedef struct eview {
	pager p;
	int year, built_w;
} eview;

static const ui_key eval_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, E_BACK, "Esc", "返回", "返回申请列表" },
	{ 'q', E_BACK, "q", NULL, NULL },
	{ '[', E_PREV, "[", "上年", "上一年" },
	{ ']', E_NEXT, "]", "下年", "下一年" },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void build(eview *v)
{
	pager_clear(&v->p);
	char year[8];
	snprintf(year, sizeof year, "%d", v->year);
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		if (!t->eval.naxes || !user_sees(ui.me, t->id, NULL))
			continue;
		buf b = { 0 };
		ys_err e;
		if (eval_text(ui.s, t, year, &b, &e))
			pager_add(&v->p, ui_attr(A_UI_ERR), "%s", e.msg);
		settlement st;
		if (t->eval.nbands && !settle_year(ui.s, ui.me, t, v->year, ui_today(), &st, &e)) {
			buf_puts(&b, "\n");
			settle_text(t, &st, &b);
		}
		buf_puts(&b, "\n");
		pager_report(&v->p, b.s, ui_attr(A_UI_HEAD), COLS - 1);
		buf_free(&b);
	}
	v->built_w = COLS;
}

static void eval_draw(void *self)
{
	eview *v = self;
	if (v->built_w != COLS)
		build(v);
	char t[64];
	snprintf(t, sizeof t, " 服务考评与结算  %d 年", v->year);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&v->p, 1, LINES - 3);
	ui_hint("录入考评：yunshen eval add 模板 期间 方面=分数；结算表：yunshen settle 模板 年度 -o 文件.xlsx；[ ] 换年");
}

static int eval_key(void *self, int cmd, int key)
{
	eview *v = self;
	(void)key;
	if (cmd == E_BACK)
		return UI_BACK;
	if (cmd == E_PREV || cmd == E_NEXT) {
		v->year += cmd == E_PREV ? -1 : 1;
		v->built_w = 0;
		return UI_STAY;
	}
	pager_key(&v->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen eval_screen = { "服务考评与结算", eval_keys, eval_draw, eval_key, NULL, NULL };

int eval_run(void)
{
	int y, m, d;
	date_ymd(ui_today(), &y, &m, &d);
	eview v = { .year = y };
	int r = ui_loop(&eval_screen, &v);
	pager_free(&v.p);
	return r;
}
