/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* edits.c - who may change an application's content, and exact saves. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "edits.h"
#include "duties.h"
#include "followup.h"
#include "render.h"
#include "template.h"
#include "text.h"

int edit_terms(store *s, const app_rec *r, const user *u, char *why, size_t n)
{
	char label[128];
	ys_err tpl_err;
	const template *t = template_usable(r->template, &tpl_err);
	if (!t) {
		snprintf(why, n, "%s", tpl_err.msg);
		return EDIT_NONE;
	}
	const tpl_flow *fl = template_flow(t, r->kind);
	int clerk = user_has(u, ROLE_CLERK, r->template, r->county), admin = user_is_admin(u);
	why[0] = '\0';
	if (!strcmp(r->status, ST_DONE)) {
		snprintf(why, n, "申请 %lld 已%s：只有变更申请能改变它的资源", r->id, fl ? fl->done : "办结");
		return EDIT_NONE;
	}
	if (!status_open(r->status)) {
		snprintf(why, n, "申请 %lld 现为“%s”，不能修改", r->id, apps_status_label(r, label, sizeof label));
		return EDIT_NONE;
	}
	if (status_with_clerk(r->status)) {
		if (clerk)
			return !strcmp(r->status, ST_DRAFT) ? EDIT_DRAFT : EDIT_RECORDED;
		if (admin)
			return EDIT_ADMIN;
		snprintf(why, n, "%s 没有%s的录入员角色，不能修改申请 %lld", u->login, t ? t->name : r->template, r->id);
		return EDIT_NONE;
	}
	/* Pending: open to the clerk's corrections until a step is signed. */
	app_event e;
	ys_err err;
	int got = apps_last_act(s, r->id, r->round, NULL, NULL, &e, &err);
	if (got < 0) {
		snprintf(why, n, "无法核对签署记录：%s", err.msg);
		return EDIT_NONE;
	}
	if (!got && clerk)
		return EDIT_RECORDED;
	if (admin)
		return EDIT_ADMIN;
	if (!got) {
		snprintf(why, n, "%s 没有%s的录入员角色，不能修改申请 %lld", u->login, t ? t->name : r->template, r->id);
		return EDIT_NONE;
	}
	const tpl_step *sp = flow_step(fl, e.step);
	snprintf(why, n, "申请 %lld 的「%s」已签署，内容已冻结：须退回补正，或由管理员写明理由修改", r->id,
		 sp ? sp->name : e.step);
	return EDIT_NONE;
}

int edits_create(store *s, const user *u, const app_data *d, long long parent, const char *now,
		 long long *id, ys_err *err)
{
	if (!parent) {
		if (kind_is_followup(d->kind))
			return err_set(err, "%s须指明原申请的编号（parent）", kind_label(d->kind));
		const char *county = app_mapped(d, M_COUNTY);
		if (!user_has(u, ROLE_CLERK, d->tpl->id, county))
			return err_set(err, "%s 没有%s%s%s的录入员角色，不能新建申请", u->login, d->tpl->name,
				       *county ? " " : "", county);
		return apps_create(s, d, u->login, now, 0, id, err);
	}
	app_rec orec;
	app_data *orig;
	if (apps_load_as(s, u, parent, &orec, &orig, err))
		return err_prefix(err, "原申请：");
	int rc = 0;
	app_data *bound = NULL;
	if (strcmp(orec.template, d->tpl->id))
		rc = err_set(err, "原申请 %lld 属于模板 %s，不是 %s", parent, orec.template, d->tpl->id);
	if (!rc)
		rc = followup_check(s, u, &orec, d->kind, err);
	if (!rc) {
		bound = app_data_copy(d);
		rc = followup_bind(bound, orig, &orec, err);
	}
	if (!rc)
		rc = apps_create(s, bound, u->login, now, parent, id, err);
	app_data_free(bound);
	app_data_free(orig);
	return rc;
}

static void add_conflict(edit_result *res, int table, int idx, const app_data *mine, const app_data *theirs)
{
	res->c = xrealloc(res->c, sizeof *res->c * (size_t)(res->n + 1));
	edit_conflict *c = &res->c[res->n++];
	memset(c, 0, sizeof *c);
	c->table = table;
	c->idx = idx;
	buf a = { 0 }, b = { 0 };
	if (table < 0) {
		const tpl_field *f = &mine->form->fields[idx];
		snprintf(c->label, sizeof c->label, "%s", f->label);
		render_value(&a, f, mine->vals[idx], "☑", "☐");
		render_value(&b, f, theirs->vals[idx], "☑", "☐");
	} else {
		snprintf(c->label, sizeof c->label, "%s", mine->form->tables[idx].title);
		render_table(&a, mine, idx);
		render_table(&b, theirs, idx);
	}
	c->mine = buf_take(&a);
	c->theirs = buf_take(&b);
}

int edits_save(store *s, const user *u, long long id, const app_data *base, long long base_version,
	       const app_data *mine, const char *reason_in, const char *now, edit_result *res, ys_err *err)
{
	memset(res, 0, sizeof *res);
	if (store_begin(s, err))
		return -1;
	app_rec r;
	app_data *cur = NULL, *out = NULL;
	char why[512], *reason = reason_in ? text_trim(reason_in) : NULL;
	int rc = apps_load_as(s, u, id, &r, &cur, err), changed = 0;
	const tpl_form *f = mine->form;
	int terms = rc ? EDIT_NONE : edit_terms(s, &r, u, why, sizeof why);
	if (!rc && terms == EDIT_NONE)
		rc = err_set(err, "%s", why);
	if (!rc && terms == EDIT_ADMIN && (!reason || !*reason))
		rc = err_set(err, "申请 %lld 的内容已冻结，管理员修改须写明理由（--reason）", id);
	char msg[128];
	if (!rc && reason && (text_check(reason, 1, msg, sizeof msg) || text_chars(reason) > 500))
		rc = err_set(err, "修改理由%s，不能保存", text_chars(reason) > 500 ? "超过 500 个字" : msg);
	if (!rc && (cur->form != f || base->form != f))
		rc = err_set(err, "申请 %lld 的模板或类型不同，不能保存", id);
	for (int i = 0; !rc && i < f->nfields; i++)
		if (strcmp(base->vals[i], mine->vals[i]) && followup_locked(mine, i))
			rc = f->serve_field && !strcmp(f->fields[i].id, f->serve_field)
				     ? err_set(err, "“%s”随申请种类而定（%s），不能修改", f->fields[i].label, kind_label(mine->kind))
				     : err_set(err, "%s的“%s”取自原申请，不能修改", kind_label(mine->kind), f->fields[i].label);
	if (!rc) {
		/* Only what the person changed, and only where the stored value
		 * is still the one they started from. */
		out = app_data_copy(cur);
		for (int i = 0; i < f->nfields; i++) {
			if (!strcmp(base->vals[i], mine->vals[i]))
				continue;
			if (r.version != base_version && strcmp(cur->vals[i], base->vals[i]) &&
			    strcmp(cur->vals[i], mine->vals[i]))
				add_conflict(res, -1, i, mine, cur);
			app_set(out, i, mine->vals[i]);
			changed = 1;
		}
		for (int t = 0; t < f->ntables; t++) {
			if (app_table_equal(base, mine, t))
				continue;
			if (r.version != base_version && !app_table_equal(cur, base, t) && !app_table_equal(cur, mine, t))
				add_conflict(res, t, t, mine, cur);
			app_table_copy(out, mine, t);
			changed = 1;
		}
	}
	/* A scoped clerk keeps what they change inside their scope. */
	if (!rc && out && !user_is_admin(u) && !user_has(u, ROLE_CLERK, r.template, app_mapped(out, M_COUNTY)))
		rc = err_set(err, "不能把申请 %lld 移出您的范围：%s 没有“%s”的录入员角色", id, u->login,
			     app_mapped(out, M_COUNTY));
	res->version = cur ? r.version : 0;
	if (!rc && res->n) {
		res->theirs = cur;
		cur = NULL;
		rc = 1;
	} else if (!rc && changed) {
		rc = apps_save(s, id, out, u->login, reason && *reason ? reason : NULL, now, err);
		if (!rc)
			rc = duties_sync(s, id, err);      /* a date on the form may start one */
		if (!rc)
			res->version = r.version + 1;
	}
	if (rc == 0)
		rc = store_commit(s, err);
	else
		store_rollback(s);
	app_data_free(cur);
	app_data_free(out);
	free(reason);
	return rc;
}

app_data *edits_rebase(const app_data *base, const app_data *mine, const edit_result *res,
		       const int *keep_mine)
{
	app_data *out = app_data_copy(res->theirs);
	const tpl_form *f = mine->form;
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(base->vals[i], mine->vals[i]))
			app_set(out, i, mine->vals[i]);
	for (int t = 0; t < f->ntables; t++)
		if (!app_table_equal(base, mine, t))
			app_table_copy(out, mine, t);
	for (int k = 0; k < res->n; k++) {
		if (keep_mine[k])
			continue;
		const edit_conflict *c = &res->c[k];
		if (c->table < 0)
			app_set(out, c->idx, res->theirs->vals[c->idx]);
		else
			app_table_copy(out, res->theirs, c->idx);
	}
	return out;
}

void edit_result_free(edit_result *res)
{
	for (int i = 0; i < res->n; i++) {
		free(res->c[i].mine);
		free(res->c[i].theirs);
	}
	free(res->c);
	app_data_free(res->theirs);
	memset(res, 0, sizeof *res);
}
