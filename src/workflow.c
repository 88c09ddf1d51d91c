/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "template.h"
#include "text.h"
#include "workdays.h"
#include "duties.h"
#include "followup.h"
#include "workflow.h"
#include "record.h"
#include "json.h"
#include "capacity.h"
#include "usage.h"
#include "phrases.h"

/* The first step at or after index i that applies to this application
 * (conditional steps run only when a field of their mapping is filled,
 * whatever the mapping). */
static int applicable(const tpl_flow *fl, const app_data *d, int i)
{
	for (; i < fl->nsteps; i++)
		if (!fl->steps[i].on_demand && step_applies(&fl->steps[i], d))
			return i;
	return -1;
}

/* The day a step was last signed in this round, or DATE_NONE. */
static ys_date signed_on(store *s, long long id, int round, const char *step)
{
	app_event e;
	ys_date d = DATE_NONE;
	if (apps_last_act(s, id, round, step, NULL, &e, NULL) == 1 && date_parse(e.at, &d))
		d = DATE_NONE;
	return d;
}

/* Deadline of entering step `sp` now; "" when the step has none. */
static void deadline_for(store *s, const app_rec *r, const tpl_step *sp, const char *now,
			 const char *just_signed, char out[11])
{
	out[0] = '\0';
	if (sp->dl_n < 0)
		return;
	if (sp->dl_field) {
		/* A date on the form wins when filled (新建系统: 项目建设期内). */
		app_rec tmp;
		app_data *d;
		if (!apps_load(s, r->id, &tmp, &d, NULL)) {
			ys_date day = app_date(d, sp->dl_field);
			app_data_free(d);
			if (day != DATE_NONE) {
				date_iso(day, out);
				return;
			}
		}
	}
	ys_date base;
	date_parse(now, &base);
	if (sp->dl_from && !strcmp(sp->dl_from, "submit")) {
		if (r->submitted_at[0])
			date_parse(r->submitted_at, &base);
	} else if (sp->dl_from && !(just_signed && !strcmp(just_signed, sp->dl_from))) {
		ys_date d = signed_on(s, r->id, r->round, sp->dl_from);
		if (d != DATE_NONE)
			base = d;
	}
	ys_date dl = sp->dl_calendar ? workdays_add_calendar(base, sp->dl_n) : workdays_add(base, sp->dl_n);
	date_iso(dl, out);
}

/* The extensions granted on the current step (延长测试): each added to
 * the deadline in turn, as when it was granted. */
typedef struct ext_ctx {
	const app_rec *r;
	const tpl_step *sp;
	ys_date dl;
} ext_ctx;

static int apply_ext(const app_event *e, void *ctx)
{
	ext_ctx *x = ctx;
	if (strcmp(e->kind, EV_ACT) || strcmp(e->step, x->r->step) || e->round != x->r->round ||
	    strcmp(e->at, x->r->step_since) < 0)
		return 0;
	for (int i = 0; i < x->sp->nactions; i++) {
		const tpl_action *a = &x->sp->actions[i];
		if (!strcmp(a->id, e->action) && a->to == TO_EXTEND)
			x->dl = a->ext_calendar ? workdays_add_calendar(x->dl, a->ext_n) : workdays_add(x->dl, a->ext_n);
	}
	return 0;
}

int workflow_recount_deadline(store *s, const app_rec *r, char out[11])
{
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	out[0] = '\0';
	if (!sp || strcmp(r->status, ST_PENDING) || !r->step_since[0])
		return -1;
	deadline_for(s, r, sp, r->step_since, NULL, out);
	ext_ctx x = { r, sp, DATE_NONE };
	if (!out[0] || date_parse(out, &x.dl))
		return -1;
	if (apps_events(s, r->id, apply_ext, &x, NULL))
		return -1;
	date_iso(x.dl, out);
	return 0;
}

int workflow_four_eyes(store *s, const app_rec *r, const user *u, char *out, size_t n)
{
	const tpl_flow *fl = template_flow(template_find(r->template), r->kind);
	const tpl_step *cur = flow_step(fl, r->step);
	if (!cur || !cur->review)
		return 0;
	app_event prev;
	ys_err e;
	int got = apps_last_act(s, r->id, r->round, NULL, r->step, &prev, &e);
	if (got < 0) {
		/* A check that cannot read the database refuses. */
		snprintf(out, n, "无法核对此前的签署人：%s", e.msg);
		return -1;
	}
	const tpl_step *ps = got ? flow_step(fl, prev.step) : NULL;
	/* A delegate's signature is both persons': neither signs the next. */
	const char *me = u->login, *for_ = user_acting_for(u, cur->role, r->template, r->county);
	if (ps && ps->review && (!strcmp(prev.login, me) || (prev.for_login[0] && !strcmp(prev.for_login, me)) ||
				 (for_ && (!strcmp(prev.login, for_) || !strcmp(prev.for_login, for_))))) {
		snprintf(out, n, "同一人不得连续签署两个审核环节：上一环节“%s”已由 %s 签署，"
			 "“%s”须由另一位%s签署", ps->name, prev.signer, cur->name, role_label(cur->role));
		return 1;
	}
	return 0;
}

int workflow_not_before(const app_rec *r, char out[11])
{
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	ys_date since;
	out[0] = '\0';
	if (!sp || sp->nb_n < 0 || strcmp(r->status, ST_PENDING) || date_parse(r->step_since, &since))
		return 0;
	/* A minimum period counts whole days: the day after entering is day 1. */
	date_iso(sp->nb_calendar ? since + sp->nb_n : workdays_add(since, sp->nb_n), out);
	return 1;
}

/* The co-signatures standing on r's current step: those since it was
 * last entered (a submission or a signature that moved it), and since
 * the content last changed, for what they signed must still be there. */
typedef struct cosign_scan {
	const app_rec *r;
	const tpl_step *sp;
	wf_cosign *out;
} cosign_scan;

static int cosign_event(const app_event *e, void *ctx)
{
	cosign_scan *c = ctx;
	int here = !strcmp(e->step, c->r->step) && e->round == c->r->round;
	if (!strcmp(e->kind, EV_COSIGN) && here) {
		/* A delegate's co-signature counts as the one it was made for. */
		if (c->out->n < WF_COSIGN_MAX)
			snprintf(c->out->login[c->out->n], sizeof c->out->login[0], "%s",
				 e->for_login[0] ? e->for_login : e->login);
		c->out->n++;
		return 0;
	}
	if (workflow_ends_cosigns(here ? c->sp : NULL, e))
		c->out->n = 0;
	return 0;
}

int workflow_is_extension(const tpl_step *sp, const char *action)
{
	for (int i = 0; sp && i < sp->nactions; i++)
		if (!strcmp(sp->actions[i].id, action))
			return sp->actions[i].to == TO_EXTEND;
	return 0;
}

int workflow_ends_cosigns(const tpl_step *sp, const app_event *e)
{
	if (!strcmp(e->kind, EV_ACT))
		return !(sp && !strcmp(e->step, sp->id) && workflow_is_extension(sp, e->action));
	return !strcmp(e->kind, EV_SUBMIT) || !strcmp(e->kind, EV_EDIT);
}

/* Holders of role for r (every one, or those in r's scope). */
typedef struct holders_ctx {
	const app_rec *r;
	const char *role;
	char last[64];
	int n;
} holders_ctx;

static int holder_cb(const char *login, const user_role *ur, void *ctx)
{
	holders_ctx *h = ctx;
	user one = { .nroles = 1 };
	one.roles[0] = *ur;
	if (strcmp(h->last, login) && user_has(&one, h->role, h->r->template, h->r->county)) {
		snprintf(h->last, sizeof h->last, "%s", login);
		h->n++;
	}
	return 0;
}

int workflow_cosigns(store *s, const app_rec *r, wf_cosign *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	if (!sp || strcmp(r->status, ST_PENDING))
		return 0;
	out->need = sp->need;
	if (!sp->need) {
		holders_ctx h = { .r = r, .role = sp->role };
		if (users_list(s, holder_cb, &h, err))
			return -1;
		out->need = h.n ? h.n : 1;
	}
	if (sp->need == 1)
		return 0;
	cosign_scan c = { r, sp, out };
	return apps_events(s, r->id, cosign_event, &c, err);
}

/* Does action a of step sp move the application on (to the next step,
 * done, or a later step)? A return to an earlier step does not. */
static int forward_from(const tpl_flow *fl, const tpl_step *sp, const tpl_action *a)
{
	return a->to == TO_NEXT || a->to == TO_DONE ||
	       (a->to == TO_STEP && flow_step_index(fl, a->to_step) > flow_step_index(fl, sp->id));
}

/* Has u (or the one u signs step sp for) already co-signed this visit? */
static int cosigned(const wf_cosign *c, const user *u, const tpl_step *sp, const app_rec *r)
{
	const char *for_ = sp ? user_acting_for(u, sp->role, r->template, r->county) : NULL;
	for (int i = 0; i < c->n && i < WF_COSIGN_MAX; i++)
		if (!strcmp(c->login[i], for_ ? for_ : u->login))
			return 1;
	return 0;
}

static void add(wf_action *out, int max, int *n, const char *id, const char *label, int op, int records)
{
	if (*n >= max)
		return;
	snprintf(out[*n].id, sizeof out[*n].id, "%s", id);
	snprintf(out[*n].label, sizeof out[*n].label, "%s", label);
	out[*n].opinion_required = op;
	out[*n].records = records;
	(*n)++;
}

/* Moving on needs the step's record; other actions keep what is given. */
static int moves_on(const tpl_action *a)
{
	return a->to == TO_NEXT || a->to == TO_DONE;
}

int workflow_actions(store *s, const app_rec *r, const user *u, wf_action *out, int max)
{
	int n = 0;
	if (status_with_clerk(r->status)) {
		if (user_has(u, ROLE_CLERK, r->template, r->county)) {
			add(out, max, &n, ACT_SUBMIT, !strcmp(r->status, ST_DRAFT) ? "提交" : "重新提交", 0, 0);
			add(out, max, &n, ACT_WITHDRAW, "撤回", 0, 0);
		}
		return n;
	}
	if (strcmp(r->status, ST_PENDING))
		return 0;
	const tpl_flow *fl = template_flow(template_find(r->template), r->kind);
	const tpl_step *sp = flow_step(fl, r->step);
	char why[512];
	wf_cosign cs;
	/* One who co-signed has signed this visit of the step: nothing more. */
	if (!sp || !user_has(u, sp->role, r->template, r->county) ||
	    workflow_four_eyes(s, r, u, why, sizeof why) || workflow_cosigns(s, r, &cs, NULL) || cosigned(&cs, u, sp, r))
		return 0;
	for (int i = 0; i < sp->nactions; i++)
		add(out, max, &n, sp->actions[i].id, sp->actions[i].label, sp->actions[i].opinion_required,
		    moves_on(&sp->actions[i]));
	return n;
}

int workflow_opinion_check(const char *label, int required, const char *opinion, char *why, size_t n)
{
	char *t = opinion ? text_trim(opinion) : NULL;
	int bad = 1;
	char msg[128];
	if (t && text_check(t, 1, msg, sizeof msg))
		snprintf(why, n, "意见%s，不能保存", msg);
	else if (required && (!t || !*t))
		snprintf(why, n, "“%s”必须填写意见，空白不算意见", label);
	else if (t && text_chars(t) > WF_OPINION_MAX)
		snprintf(why, n, "意见最多 %d 个字", WF_OPINION_MAX);
	else
		bad = 0;
	free(t);
	return bad;
}

void workflow_signer(store *s, const app_rec *r, const user *u, char *out, size_t n)
{
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	const char *for_ = sp ? user_acting_for(u, sp->role, r->template, r->county) : NULL;
	char for_name[USER_NAME_MAX] = "";
	if (for_)
		user_name(s, for_, for_name, sizeof for_name);
	user_signer(u->login, u->name, for_, for_name, out, n);
}

int workflow_why_not(store *s, const app_rec *r, const user *u, char *why, size_t n)
{
	/* The rules of workflow_actions, each refusal in words. */
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	char label[128];
	why[0] = '\0';
	if (status_with_clerk(r->status)) {
		if (user_has(u, ROLE_CLERK, r->template, r->county))
			return 0;
		snprintf(why, n, "%s 没有录入员角色，不能提交或撤回申请 %lld", u->login, r->id);
	} else if (strcmp(r->status, ST_PENDING)) {
		snprintf(why, n, "申请当前状态为“%s”，没有待签署的环节", apps_status_label(r, label, sizeof label));
	} else if (!sp) {
		snprintf(why, n, "申请 %lld 的环节“%s”不在模板的流程中", r->id, r->step);
	} else if (!user_has(u, sp->role, r->template, r->county)) {
		snprintf(why, n, "%s 没有签署“%s”所需的%s角色", u->login, sp->name, role_label(sp->role));
	} else if (!workflow_four_eyes(s, r, u, why, n)) {
		wf_cosign cs;
		if (workflow_cosigns(s, r, &cs, NULL))
			snprintf(why, n, "无法读取“%s”的会签", sp->name);
		else if (cosigned(&cs, u, sp, r))
			snprintf(why, n, "%s 已会签“%s”（%d/%d），等待其他%s签署", u->login, sp->name, cs.n, cs.need,
				 role_label(sp->role));
		else
			return 0;
	}
	return 1;
}

/* Formats the template's document number: {year}, {seq}, {seq:0N}. */
static void format_docno(const char *fmt, int year, int seq, char *out, size_t n)
{
	buf b = { 0 };
	for (const char *p = fmt; *p;) {
		if (!strncmp(p, "{year}", 6)) {
			buf_printf(&b, "%d", year);
			p += 6;
		} else if (!strncmp(p, "{seq}", 5)) {
			buf_printf(&b, "%d", seq);
			p += 5;
		} else if (!strncmp(p, "{seq:0", 6) && p[6] >= '1' && p[6] <= '9' && p[7] == '}') {
			buf_printf(&b, "%0*d", p[6] - '0', seq);
			p += 8;
		} else {
			buf_add(&b, p++, 1);
		}
	}
	snprintf(out, n, "%s", b.s ? b.s : "");
	buf_free(&b);
}

static int assign_docno(store *s, const app_rec *r, const char *now, ys_err *err)
{
	const template *t = template_find(r->template);
	int year = atoi(now);
	int seq = apps_next_docno(s, r->template, year, err);
	if (seq < 0)
		return -1;
	char docno[128];
	format_docno(t->docno, year, seq, docno, sizeof docno);
	return apps_set_docno(s, r->id, docno, year, seq, err);
}

/* Enters step index i (or finishes when i < 0); just_signed names the step
 * signed in this same transition, whose date is today. */
static int enter(store *s, app_rec *r, const tpl_flow *fl, int i, const char *now,
		 const char *just_signed, ys_err *err)
{
	if (i < 0)
		return apps_set_state(s, r->id, ST_DONE, "", "", "", "", r->round, now, err);
	const tpl_step *sp = &fl->steps[i];
	char dl[11];
	deadline_for(s, r, sp, now, just_signed, dl);
	return apps_set_state(s, r->id, ST_PENDING, sp->id, sp->role, now, dl, r->round, now, err);
}

static const tpl_action *find_action(const tpl_step *sp, const char *a)
{
	for (int i = 0; i < sp->nactions; i++)
		if (!strcmp(sp->actions[i].id, a) || !strcmp(sp->actions[i].label, a))
			return &sp->actions[i];
	return NULL;
}

/* A return that resumes at its returner (resume in the template): the
 * step that returned the application, until that step is signed again. */
typedef struct resume_scan {
	const tpl_flow *fl;
	char step[64];
} resume_scan;

static int resume_event(const app_event *e, void *ctx)
{
	resume_scan *rs = ctx;
	if (strcmp(e->kind, EV_ACT))
		return 0;
	const tpl_step *sp = flow_step(rs->fl, e->step);
	const tpl_action *a = NULL;
	for (int i = 0; sp && i < sp->nactions; i++)
		if (!strcmp(sp->actions[i].id, e->action))
			a = &sp->actions[i];
	if (a && a->resume)
		snprintf(rs->step, sizeof rs->step, "%s", sp->id);
	else if (rs->step[0] && !strcmp(rs->step, e->step))
		rs->step[0] = '\0';
	return 0;
}

/* The index of the step to resume at instead of `next`, when a step
 * other than `signing` returned the application with resume. */
static int resume_or(store *s, const app_rec *r, const tpl_flow *fl, const char *signing, int next)
{
	resume_scan rs = { .fl = fl };
	if (apps_events(s, r->id, resume_event, &rs, NULL) || !rs.step[0] || (signing && !strcmp(signing, rs.step)))
		return next;
	int i = flow_step_index(fl, rs.step);
	return i >= 0 ? i : next;
}

static int submit(store *s, const user *u, app_rec *r, const tpl_flow *fl, const char *opinion,
		  const char *now, ys_err *err)
{
	app_rec tmp;
	app_data *d;
	if (apps_load(s, r->id, &tmp, &d, err))
		return -1;
	int rc = app_validate(d, err);
	int first = resume_or(s, r, fl, NULL, applicable(fl, d, 0));
	app_data_free(d);
	if (rc)
		return err_prefix(err, "申请 %lld 还不能提交：", r->id);
	if (!r->docno[0] && template_find(r->template)->docno && assign_docno(s, r, now, err))
		return -1;
	r->round++;
	snprintf(r->submitted_at, sizeof r->submitted_at, "%s", now);
	if (apps_set_submitted(s, r->id, now, err))
		return -1;
	app_event e = { .round = r->round, .opinion = opinion };
	snprintf(e.status_from, sizeof e.status_from, "%s", r->status);
	snprintf(e.action, sizeof e.action, ACT_SUBMIT);
	snprintf(e.label, sizeof e.label, "%s", !strcmp(r->status, ST_DRAFT) ? "提交" : "重新提交");
	if (enter(s, r, fl, first, now, NULL, err))
		return -1;
	apps_get(s, r->id, r, NULL);
	snprintf(e.status_to, sizeof e.status_to, "%s", r->status);
	snprintf(e.deadline, sizeof e.deadline, "%s", r->deadline);
	return apps_event(s, r->id, now, u->login, EV_SUBMIT, &e, err);
}

static int act(store *s, const user *u, app_rec *rp, const template *t, const tpl_flow *fl,
	       const wf_seen *seen, const char *action, const char *opinion, const wf_record *rec,
	       const char *now, ys_err *err);

/* The opinion as signed: surrounding blanks (full-width ones too) are
 * not part of it. Returns a malloc'd copy, NULL when nothing is left. */
static char *opinion_text(const char *op)
{
	if (!op)
		return NULL;
	char *t = text_trim(op);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* The step the signer saw, by id or name; NULL if the flow has none such. */
static const tpl_step *seen_step(const tpl_flow *fl, const char *step)
{
	for (int i = 0; step && i < fl->nsteps; i++)
		if (!strcmp(fl->steps[i].id, step) || !strcmp(fl->steps[i].name, step))
			return &fl->steps[i];
	return NULL;
}

/* Refuses a signature on a step the application has left meanwhile,
 * saying who signed it and when. */
static int stale(store *s, const app_rec *r, const tpl_flow *fl, const tpl_step *seen, int round,
		 ys_err *err)
{
	char label[128];
	apps_status_label(r, label, sizeof label);
	app_event e;
	int got = apps_last_act(s, r->id, round, seen->id, NULL, &e, err);
	const tpl_step *now = flow_step(fl, r->step);
	if (got < 0)
		return -1;
	if (got)
		return err_set(err, "申请 %lld 的「%s」已由 %s 于 %.10s %.5s 签署（%s），现为「%s」，请重新查看",
			       r->id, seen->name, e.signer, e.at, e.at + 11, e.label, label);
	if (round && r->round != round)
		return err_set(err, "申请 %lld 已退回并重新提交（第 %d 轮），现为「%s」，请重新查看", r->id,
			       r->round, label);
	return err_set(err, "申请 %lld 现为「%s」，不在「%s」环节%s%s%s，请重新查看", r->id, label, seen->name,
		       now ? "（当前环节「" : "", now ? now->name : "", now ? "」）" : "");
}

/* Refuses a signature on content that was edited after the signer read it. */
static int changed_meanwhile(store *s, const app_rec *r, ys_err *err)
{
	app_event e;
	char field[160];
	int got = apps_last_edit(s, r->id, &e, field, sizeof field, err);
	if (got < 0)
		return -1;
	if (got)
		return err_set(err, "申请 %lld 的内容已由 %s 于 %.10s %.5s 修改（%s），请重新查看后再签署", r->id,
			       e.signer, e.at, e.at + 11, field);
	return err_set(err, "申请 %lld 的内容在您查看之后有改动，请重新查看后再签署", r->id);
}

/* The record signed with step sp's action a into json (NULL json text
 * when the step records nothing and nothing was given). */
static int step_record(const template *t, const app_rec *r, const tpl_step *sp, const tpl_action *a,
		       const app_data *d, const wf_record *rec, const char *today, buf *json, buf *text,
		       ys_err *err)
{
	int n;
	tpl_field *fs = step_record_fields(t, r->kind, sp, d, &n);
	int nv = rec ? rec->n : 0, forward = moves_on(a), rc = 0;
	if (n || nv) {
		char what[160];
		snprintf(what, sizeof what, "“%s”的记录", sp->name);
		rc = record_build(fs, n, rec ? rec->ids : NULL, rec ? rec->vals : NULL, nv, forward, today, what,
				  json, text, err);
		/* Nothing given where something is needed: say what to give. */
		if (rc && !nv && forward) {
			buf b = { 0 };
			for (int i = 0; i < n; i++)
				if (fs[i].required || fs[i].must_be)
					buf_printf(&b, "%s%s（%s）%s%s", b.len ? "、" : "", fs[i].id, fs[i].label,
						   fs[i].must_be ? "=" : "", fs[i].must_be ? fs[i].must_be : "");
			rc = err_set(err, "“%s”须%s逐项记录：%s（命令行写作 id=值）", a->label,
				     sp->materials ? "核对申请材料并" : "", b.s ? b.s : "");
			buf_free(&b);
		}
	}
	step_record_free(fs, n);
	return rc;
}

/* The pool (徽州 第十九条) at a forward signature: never beyond it; past
 * the warning line only when the signer was told and approves all the
 * same, which the record then says. */
static int pool_check(store *s, const app_rec *r, const tpl_action *a, const wf_seen *seen, buf *rtext,
		      buf *warned, ys_err *err)
{
	pool_effect pe;
	int hit = capacity_effect(s, r, &pe, err), rc = 0;
	if (hit <= 0)
		return hit;
	buf pw = { 0 };
	capacity_words(&pw, &pe);
	if (pe.over)
		rc = err_set(err, "“%s”：%s，不能批准：资源池不足，须先扩容", a->label, pw.s);
	else if (pe.crosses && !(seen && seen->capacity_ack))
		rc = err_set(err, "“%s”：%s。确认批准须写明已知悉（命令行 --ack-capacity；对话框会先问）", a->label, pw.s);
	else if (pe.crosses) {
		buf_printf(rtext, "%s资源池：%s，签署人已知悉", rtext->len ? "；" : "", pw.s);
		buf_puts(warned, pw.s);
	}
	buf_free(&pw);
	return rc;
}

/* Where action a of step index si takes r. */
static int move(store *s, app_rec *r, const tpl_flow *fl, int si, const tpl_action *a, const app_data *d,
		const char *now, ys_err *err)
{
	const tpl_step *sp = &fl->steps[si];
	switch (a->to) {
	case TO_NEXT: return enter(s, r, fl, resume_or(s, r, fl, sp->id, applicable(fl, d, si + 1)), now, sp->id, err);
	case TO_DONE: return enter(s, r, fl, -1, now, sp->id, err);
	case TO_STEP: return enter(s, r, fl, flow_step_index(fl, a->to_step), now, sp->id, err);
	case TO_RETURN: return apps_set_state(s, r->id, ST_RETURNED, "", "", "", "", r->round, now, err);
	case TO_REJECT: return apps_set_state(s, r->id, ST_REJECTED, "", "", "", "", r->round, now, err);
	case TO_EXTEND: {
		ys_date day;
		if (date_parse(r->deadline, &day))
			date_parse(now, &day);
		day = a->ext_calendar ? workdays_add_calendar(day, a->ext_n) : workdays_add(day, a->ext_n);
		char dl[11];
		date_iso(day, dl);
		return apps_set_state(s, r->id, ST_PENDING, r->step, r->role, r->step_since, dl, r->round, now, err);
	}
	}
	return 0;
}

typedef struct approved_scan {
	const tpl_flow *fl;
	int round;
	char step[64];
	char *record;           /* the last approving signature's record */
} approved_scan;

const tpl_step *workflow_approves(const tpl_flow *fl, int round, const app_event *e)
{
	const tpl_step *sp = flow_step(fl, e->step);
	return !strcmp(e->kind, EV_ACT) && e->round == round && sp && sp->approves ? sp : NULL;
}

static int approved_event(const app_event *e, void *ctx)
{
	approved_scan *a = ctx;
	const tpl_step *sp = workflow_approves(a->fl, a->round, e);
	if (!sp)
		return 0;
	free(a->record);
	a->record = xstrdup(e->new ? e->new : "{}");
	snprintf(a->step, sizeof a->step, "%s", sp->name);
	return 0;
}

int workflow_approved(store *s, const app_rec *r, const app_data *req, app_data **out, char *step, size_t n,
		      ys_err *err)
{
	*out = NULL;
	approved_scan a = { .fl = template_flow(req->tpl, r->kind), .round = r->round };
	if (apps_events(s, r->id, approved_event, &a, err))
		return -1;
	if (!a.record)
		return 0;
	*out = app_approved(req, a.record);
	free(a.record);
	snprintf(step, n, "%s", a.step);
	return 0;
}

int workflow_do(store *s, const user *u, long long id, const wf_seen *seen, const char *action,
		const char *opinion_in, const wf_record *rec, const char *now, ys_err *err)
{
	app_rec r;
	if (apps_get_as(s, u, id, &r, err))
		return -1;
	const template *t = template_usable(r.template, err);
	if (!t)
		return err_prefix(err, "申请 %lld 的", id);
	const tpl_flow *fl = template_flow(t, r.kind);
	if (!fl)
		return err_set(err, "申请 %lld：模板 %s 没有“%s”流程", id, r.template, r.kind);
	char *opinion = opinion_text(opinion_in);
	int rc = act(s, u, &r, t, fl, seen, action, opinion, rec, now, err);
	free(opinion);
	return rc;
}

static int act(store *s, const user *u, app_rec *rp, const template *t, const tpl_flow *fl,
	       const wf_seen *seen_by, const char *action, const char *opinion, const wf_record *rec,
	       const char *now, ys_err *err)
{
	const char *step = seen_by ? seen_by->step : NULL;
	int round = seen_by ? seen_by->round : 0;
	app_rec r = *rp;
	long long id = r.id;
	char label[64];
	if (!strcmp(action, ACT_SUBMIT) || !strcmp(action, "提交") || !strcmp(action, "重新提交") ||
	    !strcmp(action, ACT_WITHDRAW) || !strcmp(action, "撤回")) {
		int is_submit = !!strcmp(action, ACT_WITHDRAW) && !!strcmp(action, "撤回");
		if (!status_with_clerk(r.status))
			return err_set(err, "申请 %lld 当前状态为“%s”，不能%s", id,
				       apps_status_label(&r, label, sizeof label), is_submit ? "提交" : "撤回");
		if (!user_has(u, ROLE_CLERK, r.template, r.county))
			return err_set(err, "%s 没有%s录入员角色，不能%s", u->login, t->name,
				       is_submit ? "提交" : "撤回");
		if (is_submit)
			return submit(s, u, &r, fl, opinion, now, err);
		app_event e = { .round = r.round, .opinion = opinion, .status_to = ST_WITHDRAWN };
		snprintf(e.status_from, sizeof e.status_from, "%s", r.status);
		snprintf(e.action, sizeof e.action, ACT_WITHDRAW);
		snprintf(e.label, sizeof e.label, "撤回");
		if (apps_set_state(s, id, ST_WITHDRAWN, "", "", "", "", r.round, now, err))
			return -1;
		return apps_event(s, id, now, u->login, EV_WITHDRAW, &e, err);
	}
	/* A signature names the step (and round) the signer saw. */
	const tpl_step *seen = seen_step(fl, step);
	if (!step || !*step) {
		const tpl_step *cur = flow_step(fl, r.step);
		return err_set(err, "签署须指明所签的环节（--step）%s%s%s", cur ? "：申请现在的环节是「" : "",
			       cur ? cur->name : "", cur ? "」" : "");
	}
	if (!seen)
		return err_set(err, "模板 %s 的流程里没有环节“%s”", t->id, step);
	if (strcmp(r.status, ST_PENDING) || strcmp(r.step, seen->id) || (round && round != r.round))
		return stale(s, &r, fl, seen, round, err);
	if (seen_by->version && seen_by->version != r.version)
		return changed_meanwhile(s, &r, err);
	int si = flow_step_index(fl, r.step);
	const tpl_step *sp = &fl->steps[si];
	const tpl_action *a = find_action(sp, action);
	if (!a) {
		buf b = { 0 };
		for (int i = 0; i < sp->nactions; i++)
			buf_printf(&b, "%s%s（%s）", i ? "、" : "", sp->actions[i].id, sp->actions[i].label);
		err_set(err, "环节“%s”没有动作“%s”；可用：%s", sp->name, action, b.s);
		buf_free(&b);
		return -1;
	}
	if (!user_has(u, sp->role, r.template, r.county))
		return err_set(err, "%s 没有签署“%s”所需的%s角色（%s）", u->login, sp->name,
			       role_label(sp->role), t->name);
	char why[512];
	if (workflow_four_eyes(s, &r, u, why, sizeof why))
		return err_set(err, "%s", why);
	char nb[11], today[11];
	snprintf(today, sizeof today, "%.10s", now);
	if ((a->to == TO_NEXT || a->to == TO_DONE || a->to == TO_STEP) && workflow_not_before(&r, nb) &&
	    strcmp(today, nb) < 0)
		return err_set(err, "“%s”不少于 %d 个%s，最早 %s 才能“%s”", sp->name, sp->nb_n,
			       sp->nb_calendar ? "日历日" : "工作日", nb, a->label);
	if (workflow_opinion_check(a->label, a->opinion_required, opinion, why, sizeof why) ||
	    phrases_check(sp, forward_from(fl, sp, a), opinion, why, sizeof why))
		return err_set(err, "%s", why);
	/* A duty may hold a step (等保测评报告 before going live). */
	int held = a->to == TO_NEXT || a->to == TO_DONE || a->to == TO_STEP ? duties_block(s, &r, sp->id, why, sizeof why) : 0;
	if (held)
		return held < 0 ? store_fail(s, err, "读取到期事项") : err_set(err, "“%s”%s", a->label, why);

	/* A unit with idle hosts (徽州 第三十条): the acceptor is told, and
	 * must answer in words; the signature's record keeps what was said. */
	buf idle = { 0 };
	int idle_hit = usage_unit_warning(s, &r, &idle, err);
	if (idle_hit < 0 || (idle_hit && !opinion)) {
		if (idle_hit > 0)
			err_set(err, "“%s”：%s。请写明意见（--opinion；对话框的意见栏）后再签署", a->label, idle.s);
		buf_free(&idle);
		return -1;
	}
	app_data *d = NULL;
	app_rec tmp;
	if (apps_load(s, id, &tmp, &d, err)) {
		buf_free(&idle);
		return -1;
	}
	/* What the signer records at this step: needed to move on, kept on
	 * any action it is given with. */
	buf rjson = { 0 }, rtext = { 0 }, warned = { 0 };
	if (step_record(t, &r, sp, a, d, rec, today, &rjson, &rtext, err)) {
		app_data_free(d);
		buf_free(&rjson);
		buf_free(&rtext);
		buf_free(&idle);
		return -1;
	}
	if (idle_hit)
		buf_printf(&rtext, "%s闲置资源：%s", rtext.len ? "；" : "", idle.s);
	buf_free(&idle);
	int rc = 0;
	/* A step of several signers moves on with the last one needed; a
	 * return to an earlier step by any one of them acts at once. */
	wf_cosign cs = { 0 };
	int forward = forward_from(fl, sp, a);
	if (sp->need != 1 && workflow_cosigns(s, &r, &cs, err))
		rc = -1;
	else if (cosigned(&cs, u, sp, &r))
		rc = err_set(err, "%s 已会签“%s”（%d/%d），须由其他%s签署", u->login, sp->name, cs.n, cs.need,
			     role_label(sp->role));
	int partial = !rc && forward && cs.n + 1 < cs.need;
	if (!rc && !partial && forward)
		rc = pool_check(s, &r, a, seen_by, &rtext, &warned, err);
	if (!rc && !partial)
		rc = move(s, &r, fl, si, a, d, now, err);
	app_data_free(d);
	app_rec after = r;
	if (!rc && !partial)
		rc = apps_get(s, id, &after, err);
	/* One event per signature: the step, its deadline, the opinion, the
	 * state it led to and the record as signed (its values and words); a
	 * co-signature before the last is one too, the application staying. */
	if (!rc) {
		app_event e = { .round = r.round, .opinion = opinion, .new = rjson.s, .old = rtext.s };
		snprintf(e.step, sizeof e.step, "%s", sp->id);
		snprintf(e.action, sizeof e.action, "%s", a->id);
		if (forward && cs.need > 1)
			snprintf(e.label, sizeof e.label, "%s（会签 %d/%d）", a->label, cs.n + 1, cs.need);
		else
			snprintf(e.label, sizeof e.label, "%s", a->label);
		snprintf(e.status_from, sizeof e.status_from, "%s", r.status);
		snprintf(e.status_to, sizeof e.status_to, "%s", after.status);
		snprintf(e.deadline, sizeof e.deadline, "%s", r.deadline);
		const char *for_ = user_acting_for(u, sp->role, r.template, r.county);
		snprintf(e.for_login, sizeof e.for_login, "%s", for_ ? for_ : "");
		rc = apps_event(s, id, now, u->login, partial ? EV_COSIGN : EV_ACT, &e, err);
	}
	/* Past the warning line: the warning itself is on record, and starts
	 * the duty to expand (徽州 第十九条) where the template has one. */
	if (!rc && warned.len) {
		app_event w = { .round = r.round, .opinion = warned.s, .field = WARN_CAPACITY };
		snprintf(w.label, sizeof w.label, "资源池预警");
		rc = apps_event(s, id, now, u->login, EV_LIFECYCLE, &w, err);
	}
	buf_free(&warned);
	buf_free(&rjson);
	buf_free(&rtext);
	if (rc || partial)
		return rc;
	if (!strcmp(after.status, ST_DONE) && followup_finish(s, &after, u->login, now, err))
		return -1;
	return duties_sync(s, id, err);
}

int workflow_act(store *s, const user *u, long long id, const wf_seen *seen, const char *action,
		 const char *opinion, const wf_record *rec, const char *now, ys_err *err)
{
	if (store_begin(s, err))
		return -1;
	if (workflow_do(s, u, id, seen, action, opinion, rec, now, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}
