/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duty_close.c - closing one duty from a screen (到期事项, the detail):
 * its record asked field by field, confirmed, signed by the core. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "duties.h"
#include "screens.h"

int due_close(const duty_rec *d)
{
	const tpl_duty *t = d->def;
	enum { MAX = 16 };
	char vals[MAX][512];
	const char *ids[MAX], *vp[MAX];
	int n = ui_ask_record(t->fields, t->nfields, vals, ids, vp, MAX);
	if (n < 0)
		return ui.hup ? UI_QUIT : UI_STAY;
	char opinion[512] = "";
	if (!t->nfields && ui_input("说明（可空）：", "", opinion, sizeof opinion))
		return ui.hup ? UI_QUIT : UI_STAY;
	char q[256];
	snprintf(q, sizeof q, "办结“%s”（%s）并签署记录？", t->label, t->close_label);
	if (ui_confirm(q) != 1)
		return ui.hup ? UI_QUIT : UI_STAY;
	char now[17];
	ui_now(now);
	ys_err e;
	if (duties_close(ui.s, ui.me, d, ids, vp, n, opinion, now, &e))
		ui_status(1, "未办结：%s", e.msg);
	else
		ui_status(0, "已办结“%s”", t->label);
	return UI_STAY;
}

