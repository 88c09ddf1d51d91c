/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* find.c - / n N on a page: what to look for asked on the input line, the
 * line found shown and counted on the status line. Apart from pager.c,
 * which only holds and draws lines. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include "buf.h"
#include "pager.h"

static void find_step(pager *p, int dir, int h)
{
	if (!p->find || !*p->find) {
		ui_status(1, "先按 / 输入要查找的文字");
		return;
	}
	int from = p->hit ? p->hit - 1 : dir > 0 ? p->top - 1 : p->top;
	int i = p->n ? pager_find_from(p, from, dir) : -1;
	if (i < 0) {
		p->hit = 0;
		ui_status(1, "本页没有“%s”", p->find);
		return;
	}
	int nth = 0, all = 0;
	for (int j = 0; j < p->n; j++)
		if (pager_holds(p->v[j].s, p->find)) {
			all++;
			nth += j <= i;
		}
	p->hit = i + 1;
	if (i < p->top || i >= p->top + h)
		p->top = i - h / 3;
	ui_status(0, "“%s”：第 %d 处，共 %d 处（n 下一处，N 上一处）", p->find, nth, all);
}

int pager_key(pager *p, int cmd, int h)
{
	switch (cmd) {
	case PG_FIND: {
		char want[256];
		if (ui_input("查找：", p->find ? p->find : "", want, sizeof want) || !*want)
			return 1;
		free(p->find);
		p->find = xstrdup(want);
		p->hit = 0;
		find_step(p, 1, h);
		return 1;
	}
	case PG_NEXT: find_step(p, 1, h); return 1;
	case PG_PREV: find_step(p, -1, h); return 1;
	default: return pager_scroll(p, cmd, h);
	}
}
