/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ops.c - the provider records what it delivered against each approved
 * resource line: host name, IP address, ports, delivery date. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "deliveries.h"
#include "screens.h"
#include "text.h"

typedef struct ops {
	long long id;
	app_rec r;
	delivery_line *lines;
	int nlines, sel;
	pager done;            /* the records so far */
	int built;
} ops;

enum { O_BACK = 1, O_UP, O_DOWN, O_ADD };

static const ui_key ops_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_ENTER, O_ADD, "Enter", "记录交付", "为选中的资源行记录一台主机：主机名、IP、端口、交付日期" },
	{ 'a', O_ADD, "a", NULL, NULL },
	{ UI_ESC, O_BACK, "Esc", "返回", "返回" },
	{ 'q', O_BACK, "q", NULL, NULL },
	{ UI_FN(KEY_UP), O_UP, "Up", NULL, "上一行" },
	{ 'k', O_UP, "k", NULL, NULL },
	{ UI_FN(KEY_DOWN), O_DOWN, "Down", NULL, "下一行" },
	{ 'j', O_DOWN, "j", NULL, NULL },
	{ 0, -1, NULL, NULL, NULL },
};

static int count_done(const delivery *d, void *ctx)
{
	ops *o = ctx;
	for (int i = 0; i < o->nlines; i++)
		if (!strcmp(o->lines[i].key, d->line))
			o->lines[i].delivered++;
	char t[700], who[200];
	user_display(ui.s, d->login, who, sizeof who);
	snprintf(t, sizeof t, "%-8s %-16s %-15s 端口 %s  交付 %s  %s", d->line, d->host, d->ip,
		 d->ports[0] ? d->ports : "—", d->delivered_on, who);
	pager_add(&o->done, 0, "%s", t);
	return 0;
}

static void clear_lines(ops *o)
{
	delivery_lines_free(o->lines, o->nlines);
	o->lines = NULL;
	o->nlines = 0;
	pager_clear(&o->done);
}

static void build(ops *o)
{
	clear_lines(o);
	app_data *a;
	ys_err e;
	o->built = 1;
	if (apps_load_as(ui.s, ui.me, o->id, &o->r, &a, &e)) {
		ui_status(1, "%s", e.msg);
		return;
	}
	o->nlines = delivery_lines(a, &o->lines);
	app_data_free(a);
	deliveries_list(ui.s, o->id, count_done, o, &e);
}

static void ops_draw(void *self)
{
	ops *o = self;
	if (!o->built)
		build(o);
	char t[512], label[128];
	snprintf(t, sizeof t, " 交付记录  申请 %lld  %s  %s", o->id, o->r.unit, apps_status_label(&o->r, label, sizeof label));
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	ui_text(1, 0, "  资源行    已交付  内容", COLS, ui_attr(A_UI_HEAD), 1);
	int h = (LINES - 6) / 2, y = 2;
	if (o->sel >= o->nlines)
		o->sel = o->nlines - 1;
	if (o->sel < 0)
		o->sel = 0;
	int top = o->sel >= h ? o->sel - h + 1 : 0;
	for (int i = top; i < o->nlines && y < 2 + h; i++, y++) {
		delivery_line *l = &o->lines[i];
		char c[32];
		snprintf(c, sizeof c, "%d/%d", l->delivered, l->count);
		int a = i == o->sel ? ui_attr(A_UI_SEL) : 0;
		ui_text(y, 0, "", COLS, a, 1);
		ui_text(y, 2, l->key, 10, a, 1);
		ui_text(y, 12, c, 8, a | (l->delivered >= l->count ? ui_attr(A_UI_OK) : 0), 1);
		ui_text(y, 20, l->desc, COLS - 21, a, 0);
	}
	if (!o->nlines)
		ui_text(2, 2, "这件申请没有需要交付的资源行", COLS - 2, ui_attr(A_UI_DIM), 0);
	y = 3 + h;
	ui_text(y++, 0, "已记录：", COLS, ui_attr(A_UI_HEAD), 0);
	if (!o->done.n)
		ui_text(y, 2, "（无）", COLS - 2, ui_attr(A_UI_DIM), 0);
	o->done.top = o->done.n;
	pager_draw(&o->done, y, LINES - 3 - y);
	ui_hint("选中资源行后按 Enter，依次填写主机名、IP 地址、端口、交付日期");
}

static int ask(const char *prompt, const char *init, char *out, size_t n)
{
	return ui_input(prompt, init, out, n);
}

static int record(ops *o)
{
	char why[512];
	if (deliveries_why_not(&o->r, ui.me, why, sizeof why)) {
		ui_status(1, "%s", why);
		return UI_STAY;
	}
	if (!o->nlines) {
		ui_status(1, "这件申请没有需要交付的资源行");
		return UI_STAY;
	}
	delivery_line *l = &o->lines[o->sel];
	delivery d;
	memset(&d, 0, sizeof d);
	d.app_id = o->id;
	snprintf(d.line, sizeof d.line, "%s", l->key);
	char now[17], p[128];
	ui_now(now);
	snprintf(d.delivered_on, sizeof d.delivered_on, "%.10s", now);
	snprintf(p, sizeof p, "%s 主机名：", l->key);
	if (ask(p, "", d.host, sizeof d.host))
		return ui.hup ? UI_QUIT : UI_STAY;
	if (ask("IP 地址：", "", d.ip, sizeof d.ip))
		return ui.hup ? UI_QUIT : UI_STAY;
	if (ask("端口（如 22、443）：", "", d.ports, sizeof d.ports))
		return ui.hup ? UI_QUIT : UI_STAY;
	if (ask("交付日期（YYYY-MM-DD）：", d.delivered_on, d.delivered_on, sizeof d.delivered_on))
		return ui.hup ? UI_QUIT : UI_STAY;
	/* A delivery is signed for: what is recorded is said before it is,
	 * once it is one the core would take. */
	char q[1024], today[11];
	snprintf(today, sizeof today, "%.10s", now);
	if (delivery_check(&d, today, q, sizeof q)) {
		ui_status(1, "未记录：%s", q);
		return UI_STAY;
	}
	snprintf(q, sizeof q, "记录交付：%s 主机 %s，IP %s，端口 %s，交付日期 %s？（y 记录，n 取消）", d.line, d.host,
		 d.ip, d.ports[0] ? d.ports : "无", d.delivered_on);
	if (!ui_confirm(q)) {
		if (ui.hup)
			return UI_QUIT;
		ui_status(0, "未记录");
		return UI_STAY;
	}
	ys_err e;
	if (deliveries_add(ui.s, ui.me, &d, now, &e)) {
		ui_status(1, "未记录：%s", e.msg);
		return UI_STAY;
	}
	ui_status(0, "已记录：%s 主机 %s（%s）", d.line, d.host, d.ip);
	o->built = 0;
	return UI_STAY;
}

static int ops_key(void *self, int cmd, int key)
{
	ops *o = self;
	(void)key;
	switch (cmd) {
	case O_BACK: return UI_BACK;
	case O_UP: o->sel--; break;
	case O_DOWN: o->sel++; break;
	case O_ADD: return record(o);
	}
	return UI_STAY;
}

static const ui_screen ops_screen = { "交付记录（运维）", ops_keys, ops_draw, ops_key, NULL, NULL };

int ops_run(long long id)
{
	ops o = { .id = id };
	int r = ui_loop(&ops_screen, &o);
	clear_lines(&o);
	return r;
}
