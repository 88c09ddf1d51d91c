/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* recall.c - 撤回 of one's own signature (workflow.h). The signature is
 * not undone in place: history is append-only, so a recall event names it,
 * apps_events leaves both out of every rule from then on, and the
 * application's row goes back to where the signature found it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "duties.h"
#include "template.h"
#include "text.h"
#include "workflow.h"

/* The step of login's latest signature. */
typedef struct mine_scan {
	const char *login;
	char step[64];
} mine_scan;

static int mine_cb(const app_event *e, void *ctx)
{
	mine_scan *m = ctx;
	if ((!strcmp(e->kind, EV_ACT) || !strcmp(e->kind, EV_COSIGN)) && !strcmp(e->login, m->login))
		snprintf(m->step, sizeof m->step, "%s", e->step);
	return 0;
}

int workflow_recallable(store *s, const app_rec *r, const user *u, app_event *sig, char *why, size_t n)
{
	ys_err e;
	int got = apps_last_event(s, r->id, sig, &e);
	why[0] = '\0';
	if (got < 0) {
		snprintf(why, n, "%s", e.msg);
		return 0;
	}
	int signature = got && (!strcmp(sig->kind, EV_ACT) || !strcmp(sig->kind, EV_COSIGN));
	if (!signature || strcmp(sig->login, u->login)) {
		mine_scan m = { u->login, "" };
		const tpl_step *sp = NULL;
		if (got && !apps_events(s, r->id, mine_cb, &m, NULL) && m.step[0])
			sp = flow_step(template_flow(template_find(r->template), r->kind), m.step);
		if (sp)
			snprintf(why, n, "您在“%s”的签署之后申请已有新的办理（%s %.10s %.5s 的%s），不能撤回", sp->name,
				 sig->signer, sig->at, sig->at + 11, event_label(sig->kind));
		else
			snprintf(why, n, "申请 %lld 的最后一次办理不是您的签署，没有可撤回的签署", r->id);
		return 0;
	}
	if (!strcmp(sig->status_to, ST_DONE) && r->parent_id) {
		snprintf(why, n, "%s已在原申请 %lld 上生效，不能撤回；请另行申请", r->kind[0] ? kind_label(r->kind) : "",
			 r->parent_id);
		return 0;
	}
	return 1;
}

/* When the step was entered: the latest submission or signature that
 * moved the application before event `before` (extensions and
 * co-signatures leave it where it was). */
typedef struct entered {
	long long before;
	const tpl_flow *fl;
	char at[17];
} entered;

static int entered_cb(const app_event *e, void *ctx)
{
	entered *x = ctx;
	if (e->id >= x->before)
		return 1;
	const tpl_step *sp = flow_step(x->fl, e->step);
	if (!strcmp(e->kind, EV_SUBMIT) || (!strcmp(e->kind, EV_ACT) && !workflow_is_extension(sp, e->action)))
		snprintf(x->at, sizeof x->at, "%s", e->at);
	return 0;
}

int workflow_recall_reason_check(const char *reason, char *why, size_t n)
{
	char msg[128] = "";
	char *t = reason ? text_trim(reason) : NULL;
	int bad = 1;
	if (!t || !*t)
		snprintf(why, n, "撤回签署须写明理由");
	else if (text_check(t, 1, msg, sizeof msg) || text_chars(t) > WF_OPINION_MAX)
		snprintf(why, n, "撤回的理由%s", msg[0] ? msg : "最多 2000 个字");
	else
		bad = 0;
	free(t);
	return bad;
}

int workflow_recall(store *s, const user *u, long long id, const char *reason, const char *now, ys_err *err)
{
	char why[512];
	if (workflow_recall_reason_check(reason, why, sizeof why))
		return err_set(err, "%s", why);
	char *why_text = text_trim(reason);
	app_rec r;
	app_event sig;
	int rc = store_begin(s, err);
	if (!rc)
		rc = apps_get_as(s, u, id, &r, err);
	if (!rc && !workflow_recallable(s, &r, u, &sig, why, sizeof why))
		rc = err_set(err, "%s", why);
	const tpl_flow *fl = rc ? NULL : template_flow(template_find(r.template), r.kind);
	const tpl_step *sp = fl ? flow_step(fl, sig.step) : NULL;
	if (!rc && !sp)
		rc = err_set(err, "申请 %lld 的环节“%s”已不在模板的流程中，不能撤回", id, sig.step);
	if (!rc) {
		/* Back on the step it signed, with the deadline it had then. */
		entered x = { sig.id, fl, "" };
		int stayed = !strcmp(sig.kind, EV_COSIGN) || workflow_is_extension(sp, sig.action);
		if (!stayed)
			rc = apps_events(s, id, entered_cb, &x, err);
		if (!rc)
			rc = apps_set_state(s, id, ST_PENDING, sp->id, sp->role, stayed ? r.step_since : x.at, sig.deadline,
					    r.round, now, err);
	}
	if (!rc) {
		char ref[24];
		snprintf(ref, sizeof ref, "%lld", sig.id);
		app_event ev = { .round = r.round, .opinion = why_text, .field = "event", .old = ref, .new = sig.label };
		snprintf(ev.step, sizeof ev.step, "%s", sp->id);
		snprintf(ev.action, sizeof ev.action, "recall");
		snprintf(ev.label, sizeof ev.label, "撤回签署");
		snprintf(ev.status_from, sizeof ev.status_from, "%s", r.status);
		snprintf(ev.status_to, sizeof ev.status_to, ST_PENDING);
		snprintf(ev.deadline, sizeof ev.deadline, "%s", sig.deadline);
		snprintf(ev.for_login, sizeof ev.for_login, "%s", sig.for_login);
		rc = apps_event(s, id, now, u->login, EV_RECALL, &ev, err);
	}
	if (!rc)
		rc = duties_sync(s, id, err);
	free(why_text);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}
