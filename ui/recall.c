/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* recall.c - 撤回 from the screens: the core says whether and why not
 * (workflow_recallable); a reason, then y. */
#include "config.h"
#include <stdio.h>
#include "screens.h"
#include "workflow.h"

long long recall_last_signed;

int recall_run(long long id)
{
	app_rec r;
	app_event sig;
	ys_err e;
	char why[512], reason[1024], q[1024];
	if (apps_get_as(ui.s, ui.me, id, &r, &e)) {
		ui_status(1, "%s", e.msg);
		return UI_STAY;
	}
	if (!workflow_recallable(ui.s, &r, ui.me, &sig, why, sizeof why)) {
		ui_status(1, "%s", why);
		return UI_STAY;
	}
	const tpl_step *sp = flow_step(template_flow(template_find(r.template), r.kind), sig.step);
	const char *step = sp ? sp->name : sig.step;
	if (ui_input("撤回签署的理由（必填）：", "", reason, sizeof reason))
		return ui.hup ? UI_QUIT : (ui_status(0, "未撤回"), UI_STAY);
	if (workflow_recall_reason_check(reason, why, sizeof why)) {
		ui_status(1, "%s，未撤回", why);
		return UI_STAY;
	}
	snprintf(q, sizeof q, "撤回您 %.10s %.5s 在申请 %lld “%s”的签署“%s”，申请回到该环节？（y 确认，n 取消）",
		 sig.at, sig.at + 11, id, step, sig.label);
	if (!ui_confirm(q))
		return ui.hup ? UI_QUIT : (ui_status(0, "未撤回"), UI_STAY);
	char now[17];
	ui_now(now);
	if (workflow_recall(ui.s, ui.me, id, reason, now, &e))
		ui_status(1, "%s", e.msg);
	else {
		ui_status(0, "已撤回签署，申请 %lld 回到“%s”", id, step);
		if (recall_last_signed == id)
			recall_last_signed = 0;
	}
	return UI_STAY;
}
