/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* followup.c - changes, terminations and renewals tied to their original. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "followup.h"
#include "render.h"
#include "template.h"
#include "text.h"

int followup_check(store *s, const user *u, const app_rec *p, const char *kind, ys_err *err)
{
	const template *t = template_find(p->template);
	const char *what = kind_verb(kind);
	char label[128];
	if (!t)
		return err_set(err, "申请 %lld 的模板 %s 未安装", p->id, p->template);
	if (!user_has(u, ROLE_CLERK, p->template, p->county))
		return err_set(err, "%s 没有%s%s%s的录入员角色，不能对申请 %lld 办理%s", u->login, t->name,
			       p->county[0] ? " " : "", p->county, p->id, what);
	if (strcmp(p->kind, KIND_APPLY))
		return err_set(err, "申请 %lld 本身是%s，%s须在原申请 %lld 上办理", p->id, kind_label(p->kind),
			       what, p->parent_id);
	if (!template_form(t, kind))
		return err_set(err, "%s的模板没有%s申请表", t->name, what);
	/* A system still in test, trial or migration may be ended too; only
	 * one in service may be changed or renewed. */
	const tpl_flow *fl = template_flow(t, KIND_APPLY);
	int approved = apps_approved(p) && strcmp(p->status, ST_DONE);
	if (strcmp(p->status, ST_DONE) && !(approved && !strcmp(kind, KIND_TERMINATE)))
		return err_set(err, "申请 %lld 现为“%s”，不在服务中：只有“%s”的申请可以办理%s%s", p->id,
			       apps_status_label(p, label, sizeof label), fl ? fl->done : "已开通", what,
			       approved ? "（测试、试运行中的系统只能注销）" : "");
	if (!strcmp(kind, KIND_RENEW) && t->term.to && t->term.renew_before_end) {
		app_rec tmp;
		app_data *d;
		if (apps_load(s, p->id, &tmp, &d, err))
			return -1;
		ys_date end = app_date(d, t->term.to);
		char iso[11], cite[96];
		date_iso(end, iso);
		app_data_free(d);
		if (end != DATE_NONE && clock_today() > end)
			return err_set(err, "申请 %lld 的使用期已于 %s 届满：延期须在期满前申请%s；"
				       "期满未延期的，由主管部门批准强制下线（yunshen due 查看）", p->id, iso,
				       text_cite(t->term.article, cite, sizeof cite));
	}
	long long open = apps_open_followup(s, p->id, kind, err);
	if (open < 0)
		return -1;
	if (open)
		return err_set(err, "申请 %lld 已有一件未办结的%s（申请 %lld），请在那件上继续", p->id, what, open);
	return 0;
}

static int is_identity(enum field_maps m)
{
	return m == M_UNIT || m == M_SYSTEM || m == M_COUNTY || m == M_SUPERVISOR || m == M_CONTACT ||
	       m == M_PHONE || m == M_EMAIL;
}

/* A value of field `from` carried over to field `to`, in to's canonical
 * text; NULL when empty, of another type or failing to's checks (then the
 * clerk fills it in, as on a new form). */
static char *carry(const tpl_field *to, const tpl_field *from, const char *v)
{
	int texts = (to->type == F_TEXT || to->type == F_TEXTAREA) &&
		    (from->type == F_TEXT || from->type == F_TEXTAREA);
	if (!v || !*v || (to->type != from->type && !texts))
		return NULL;
	char *n = field_normalize(to, v), msg[512];
	if (*n && !field_check(to, n, msg, sizeof msg))
		return n;
	free(n);
	return NULL;
}

/* The original's field that follow-up field f mirrors: same id, or the
 * same identity mapping. */
static const tpl_field *mirror(const tpl_form *from, const tpl_field *f)
{
	const tpl_field *sf = form_field(from, f->id);
	if (!sf && is_identity(f->maps))
		sf = form_mapped(from, f->maps);
	return sf;
}

int followup_locked(const app_data *d, int i)
{
	const tpl_form *f = d->form, *orig = template_form(d->tpl, KIND_APPLY);
	if (!kind_is_followup(d->kind) || !orig || i < 0 || i >= f->nfields)
		return 0;
	const tpl_field *fd = &f->fields[i];
	if (!strcmp(fd->id, "orig_docno") || (f->serve_field && !strcmp(fd->id, f->serve_field)))
		return 1;
	return (fd->maps == M_UNIT || fd->maps == M_COUNTY || fd->maps == M_SYSTEM) && mirror(orig, fd);
}

/* Copies rows of table st (of src) into table t of d, column by column id. */
static void copy_rows(app_data *d, int t, const app_data *src, int sti)
{
	const tpl_table *tt = &d->form->tables[t], *st = &src->form->tables[sti];
	while (d->tables[t].nrows)
		app_row_del(d, t, d->tables[t].nrows - 1);
	for (int row = 0; row < src->tables[sti].nrows && row < tt->max_rows; row++) {
		int nr = app_row_add(d, t);
		for (int c = 0; c < tt->ncols; c++) {
			const tpl_field *sc = table_col(st, tt->cols[c].id);
			char *v = sc ? carry(&tt->cols[c], sc, app_cell(src, sti, row, (int)(sc - st->cols))) : NULL;
			if (v)
				app_cell_set(d, t, nr, c, v);
			free(v);
		}
	}
}

/* How a follow-up names its original: the 文号, or where the template's
 * paper has none (徽州) the application's number in yunshen. */
static void orig_ref(const app_rec *orig, char *out, size_t n)
{
	if (orig->docno[0])
		snprintf(out, n, "%s", orig->docno);
	else
		snprintf(out, n, "申请编号 %lld", orig->id);
}

/* Dates stay empty: they are the new form's own (申请日期, 终止日期). A
 * change's whole tables start from the original's configuration, so the
 * clerk edits what it is after the change; a delta table starts empty. */
static void prefill(app_data *d, const app_data *src, const app_rec *orig)
{
	const tpl_form *to = d->form, *from = src->form;
	for (int i = 0; i < to->nfields; i++) {
		const tpl_field *f = &to->fields[i];
		if (!strcmp(f->id, "orig_docno")) {
			char ref[128];
			orig_ref(orig, ref, sizeof ref);
			app_set(d, i, ref);
			continue;
		}
		if (f->type == F_DATE || f->type == F_MONTH || (to->serve_field && !strcmp(f->id, to->serve_field)))
			continue;       /* its own dates; the kind's own 申请类型 */
		const tpl_field *sf = mirror(from, f);
		char *v = sf ? carry(f, sf, src->vals[sf - from->fields]) : NULL;
		if (v)
			app_set(d, i, v);
		free(v);
	}
	/* A change starts from the original's tables; so does a termination
	 * on the original's own paper form (徽州), listing what it ends. */
	if (strcmp(d->kind, KIND_CHANGE) && !(to == from && !strcmp(d->kind, KIND_TERMINATE)))
		return;
	for (int t = 0; t < to->ntables; t++) {
		const tpl_table *st = form_table(from, to->tables[t].id);
		if (st && !to->tables[t].delta_op && src->tables[st - from->tables].nrows)
			copy_rows(d, t, src, (int)(st - from->tables));
	}
}

int followup_new(store *s, const user *u, long long orig, const char *kind, app_data **out,
		 ys_err *err)
{
	app_rec r;
	app_data *src;
	*out = NULL;
	if (apps_load_as(s, u, orig, &r, &src, err))
		return -1;
	if (followup_check(s, u, &r, kind, err)) {
		app_data_free(src);
		return -1;
	}
	app_data *d = app_data_new(src->tpl, kind);
	prefill(d, src, &r);
	app_data_free(src);
	*out = d;
	return 0;
}

int followup_bind(app_data *d, const app_data *orig, const app_rec *orec, ys_err *err)
{
	const tpl_form *f = d->form;
	/* On the original's own paper form (徽州's one form) what the
	 * follow-up leaves blank is the original's, as its form prefills. */
	for (int i = 0; f == orig->form && i < f->nfields; i++)
		if (!*d->vals[i] && !followup_locked(d, i) && f->fields[i].type != F_DATE && f->fields[i].type != F_MONTH)
			app_set(d, i, orig->vals[i]);
	for (int i = 0; i < f->nfields; i++) {
		if (!followup_locked(d, i))
			continue;
		char ref[128];
		orig_ref(orec, ref, sizeof ref);
		const char *want = ref;
		if (f->serve_field && !strcmp(f->fields[i].id, f->serve_field)) {
			want = form_serve_value(f, d->kind);
		} else if (strcmp(f->fields[i].id, "orig_docno")) {
			const tpl_field *sf = mirror(orig->form, &f->fields[i]);
			want = sf ? orig->vals[sf - orig->form->fields] : NULL;
		}
		if (!want || !*want)
			continue;
		if (!*d->vals[i])
			app_set(d, i, want);
		else if (strcmp(d->vals[i], want))
			return err_set(err, "%s的“%s”取自原申请 %lld，应为“%s”，表中为“%s”", kind_label(d->kind),
				       f->fields[i].label, orec->id, want, d->vals[i]);
	}
	return 0;
}

/* A change's table applied to the same table of the original: a whole
 * table replaces it; a delta table adds, adjusts and releases rows
 * matched on the key column. Counts what it did. */
static void apply_table(app_data *pd, int pti, const app_data *cd, int t, int *added, int *updated,
			int *removed)
{
	const tpl_table *ct = &cd->form->tables[t], *pt = &pd->form->tables[pti];
	if (!ct->delta_op) {
		copy_rows(pd, pti, cd, t);
		return;
	}
	int opc = (int)(table_col(ct, ct->delta_op) - ct->cols);
	int keyc = (int)(table_col(ct, ct->delta_key) - ct->cols);
	const tpl_field *pkey = table_col(pt, ct->delta_key);
	for (int row = 0; row < cd->tables[t].nrows; row++) {
		const char *op = app_cell(cd, t, row, opc), *key = app_cell(cd, t, row, keyc);
		int nr = -1;
		for (int k = 0; pkey && k < pd->tables[pti].nrows && nr < 0; k++)
			if (!strcmp(app_cell(pd, pti, k, (int)(pkey - pt->cols)), key))
				nr = k;
		if (!strcmp(op, ct->delta_remove)) {
			if (nr >= 0) {
				app_row_del(pd, pti, nr);
				(*removed)++;
			}
			continue;
		}
		if (!strcmp(op, ct->delta_update) && nr >= 0) {
			(*updated)++;
		} else {
			nr = app_row_add(pd, pti);
			(*added)++;
		}
		for (int c = 0; c < pt->ncols; c++) {
			const tpl_field *cc = table_col(ct, pt->cols[c].id);
			if (cc)
				app_cell_set(pd, pti, nr, c, app_cell(cd, t, row, (int)(cc - ct->cols)));
		}
	}
}

static int apply_to_original(store *s, const app_rec *r, const app_rec *p, const char *login,
			     const char *now, ys_err *err)
{
	app_rec cr, pr;
	app_data *cd, *pd;
	if (apps_load(s, r->id, &cr, &cd, err))
		return -1;
	if (apps_load(s, p->id, &pr, &pd, err)) {
		app_data_free(cd);
		return -1;
	}
	int fields = 0, added = 0, updated = 0, removed = 0;
	for (int i = 0; i < cd->form->nfields; i++) {
		const tpl_field *f = &cd->form->fields[i];
		const tpl_field *to = f->applies ? form_field(pd->form, f->applies) : NULL;
		if (!to || !*cd->vals[i])
			continue;
		int pi = (int)(to - pd->form->fields);
		if (strcmp(pd->vals[pi], cd->vals[i])) {
			app_set(pd, pi, cd->vals[i]);
			fields++;
		}
	}
	if (!strcmp(r->kind, KIND_CHANGE))
		for (int t = 0; t < cd->form->ntables; t++) {
			const tpl_table *pt = form_table(pd->form, cd->form->tables[t].id);
			if (pt)
				apply_table(pd, (int)(pt - pd->form->tables), cd, t, &added, &updated, &removed);
		}
	char note[256];
	snprintf(note, sizeof note, "%s申请 %lld 办结", kind_verb(r->kind), r->id);
	int rc = apps_save(s, p->id, pd, login, note, now, err);
	/* The original's history reads as its ledger: what changed, and the
	 * configuration it has from now on. */
	app_totals after;
	app_totals_of(pd, &after);
	app_data_free(cd);
	app_data_free(pd);
	if (rc)
		return -1;
	buf b = { 0 };
	if (added + updated + removed)
		buf_printf(&b, "%s申请 %lld 办结：改 %d 项，新增 %d 行、调整 %d 行、释放 %d 行", kind_verb(r->kind),
			   r->id, fields, added, updated, removed);
	else
		buf_printf(&b, "%s申请 %lld 办结，已按%s表更新（改 %d 项）", kind_verb(r->kind), r->id,
			   kind_verb(r->kind), fields);
	buf_puts(&b, "。现有配置：");
	render_totals(&b, &after);
	app_event e = { .opinion = b.s, .round = p->round };
	rc = apps_event(s, p->id, now, login, EV_LIFECYCLE, &e, err);
	buf_free(&b);
	return rc;
}

int followup_finish(store *s, const app_rec *r, const char *login, const char *now, ys_err *err)
{
	if (!r->parent_id)
		return 0;
	app_rec p;
	if (apps_get(s, r->parent_id, &p, err))
		return -1;
	if (!strcmp(r->kind, KIND_TERMINATE)) {
		char note[160];
		snprintf(note, sizeof note, "注销申请 %lld 办结", r->id);
		return followup_end_service(s, &p, note, login, now, err);
	}
	return apply_to_original(s, r, &p, login, now, err);
}

int followup_end_service(store *s, const app_rec *p, const char *note, const char *login, const char *now,
			 ys_err *err)
{
	app_event e = { .status_to = ST_TERMINATED, .opinion = note, .round = p->round };
	snprintf(e.status_from, sizeof e.status_from, "%s", p->status);
	if (apps_set_state(s, p->id, ST_TERMINATED, "", "", "", "", p->round, now, err))
		return -1;
	return apps_event(s, p->id, now, login, EV_LIFECYCLE, &e, err);
}
