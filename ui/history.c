/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* history.c - the full history of one application: who, when, what, the
 * opinion; every line from render_event, as show prints it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"

enum { H_BACK = 1 };


typedef struct history {
	long long id;
	pager p;
	int built_w;
} history;

static const ui_key history_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_ESC, H_BACK, "Esc", "返回", "返回" },
	{ 'q', H_BACK, "q", NULL, NULL },
	{ 'h', H_BACK, "h", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

typedef struct hctx {
	pager *p;
	const tpl_flow *fl;
} hctx;

static int history_event(const app_event *e, void *ctx)
{
	hctx *h = ctx;
	appinfo_event(h->p, e, h->fl, COLS - 1);
	return 0;
}

static void history_build(history *h)
{
	pager_clear(&h->p);
	app_rec r;
	ys_err e;
	if (apps_get_as(ui.s, ui.me, h->id, &r, &e)) {
		pager_add(&h->p, ui_attr(A_UI_ERR), "%s", e.msg);
		return;
	}
	hctx c = { &h->p, template_flow(template_find(r.template), r.kind) };
	if (apps_history(ui.s, h->id, history_event, &c, &e))
		pager_add(&h->p, ui_attr(A_UI_ERR), "%s", e.msg);
	h->built_w = COLS;
}

static void history_draw(void *self)
{
	history *h = self;
	if (h->built_w != COLS)
		history_build(h);
	char t[96];
	snprintf(t, sizeof t, " 申请 %lld 的历史（谁、何时、做了什么、意见）", h->id);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&h->p, 1, LINES - 3);
}

static int history_key(void *self, int cmd, int key)
{
	history *h = self;
	(void)key;
	if (cmd == H_BACK)
		return UI_BACK;
	pager_key(&h->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen history_screen = { "历史", history_keys, history_draw, history_key, NULL, NULL };

int history_run(long long id)
{
	history h = { .id = id };
	history_build(&h);
	h.p.top = h.p.n;     /* the latest events first in view */
	int r = ui_loop(&history_screen, &h);
	pager_free(&h.p);
	return r;
}
