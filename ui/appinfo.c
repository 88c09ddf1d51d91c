/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* appinfo.c - how an application, its deadline and its history read on
 * screen; shared by the queue, detail, history and approval screens. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "edits.h"
#include "render.h"
#include "screens.h"
#include "text.h"

void appinfo_left(const app_rec *r, ys_date today, int full, char *out, size_t n, int *attr, int *overdue)
{
	int due_today;
	render_left(out, n, r, today, full ? RENDER_FULL : RENDER_SHORT, overdue, &due_today);
	*attr = *overdue ? ui_attr(A_UI_OVERDUE) : due_today ? ui_attr(A_UI_TODAY) : 0;
}

const tpl_step *appinfo_step(const app_rec *r)
{
	return flow_step(template_flow(template_find(r->template), r->kind), r->step);
}

int appinfo_editable(const app_rec *r)
{
	char why[512];
	return edit_terms(ui.s, r, ui.me, why, sizeof why) != EDIT_NONE;
}

void appinfo_value(const tpl_field *f, const char *v, char *out, size_t n)
{
	buf b = { 0 };
	render_value(&b, f, v, ui_box(1), ui_box(0));
	snprintf(out, n, "%s", b.s ? b.s : "");
	buf_free(&b);
}

void appinfo_event(pager *p, const app_event *e, const tpl_flow *fl, int width)
{
	buf b = { 0 };
	buf_printf(&b, "%.10s %.5s  %s ", e->at, e->at[10] ? e->at + 11 : "", e->signer);
	render_event(&b, e, fl);
	pager_wrap(p, 0, 18, b.s, width);
	buf_free(&b);
	if (e->opinion && *e->opinion) {
		buf o = { 0 };
		buf_printf(&o, "%*s意见：%s", 18, "", e->opinion);
		pager_wrap(p, ui_attr(A_UI_HEAD) & ~A_BOLD, 24, o.s, width);
		buf_free(&o);
	}
}
