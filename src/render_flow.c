/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* render_flow.c - the workflow's state in words (render_flow.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_flow.h"
#include "template.h"
#include "workflow.h"
#include "capacity.h"
#include "usage.h"

int render_capacity(buf *out, store *s, const app_rec *r)
{
	pool_effect pe;
	int hit = capacity_effect(s, r, &pe, NULL);
	if (hit <= 0)
		return hit;
	buf_puts(out, "资源池：");
	capacity_words(out, &pe);
	return 0;
}

int render_idle(buf *out, store *s, const app_rec *r)
{
	buf w = { 0 };
	int hit = usage_unit_warning(s, r, &w, NULL);
	if (hit > 0)
		buf_printf(out, "闲置资源：%s；受理须写明意见", w.s);
	buf_free(&w);
	return hit < 0 ? -1 : 0;
}

void render_signers(buf *out, store *s, const app_rec *r, const tpl_step *sp)
{
	wf_cosign cs;
	if (sp->need == 1 || workflow_cosigns(s, r, &cs, NULL)) {
		buf_printf(out, "%s签署", role_label(sp->role));
		return;
	}
	buf_printf(out, "%s会签，已签 %d/%d", role_label(sp->role), cs.n, cs.need);
	for (int i = 0; i < cs.n && i < WF_COSIGN_MAX; i++) {
		char who[200];
		user_display(s, cs.login[i], who, sizeof who);
		buf_printf(out, "%s%s", i ? "、" : "：", who);
	}
}

/* One approved item that differs from what was asked: "label 申请→核定". */
static void adjusted_item(const approve_item *it, void *ctx)
{
	buf *out = ctx;
	const char *u = it->f->unit ? it->f->unit : "";
	if (!it->ok || !strcmp(it->req, it->ok))
		return;
	buf_printf(out, "%s%s %s%s→%s%s", out->len ? "；" : "", it->label, *it->req ? it->req : "—", *it->req ? u : "",
		   it->ok, u);
}

/* Each item the approval changed, "label 申请→核定" joined with "；". */
static void render_adjusted(buf *out, const app_data *req, const app_data *ok)
{
	app_approve_items(req, ok, adjusted_item, out);
}

int render_approved(buf *out, store *s, const app_rec *r, const app_data *req)
{
	app_data *ok;
	char step[64];
	if (workflow_approved(s, r, req, &ok, step, sizeof step, NULL))
		return -1;
	if (!ok)
		return 0;
	app_totals t;
	app_totals_of(ok, &t);
	buf_printf(out, "审核核定（%s）：", step);
	render_totals(out, &t);
	buf adj = { 0 };
	render_adjusted(&adj, req, ok);
	buf_printf(out, "；%s%s", adj.len ? "调整：" : "与申请一致", adj.s ? adj.s : "");
	buf_free(&adj);
	app_data_free(ok);
	return 0;
}

