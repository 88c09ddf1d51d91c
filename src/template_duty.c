/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* template_duty.c - the part of a template that speaks of life after
 * approval: its duties (到期事项), the term of use its form states and
 * where billing starts (format in docs/templates.md). */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "date.h"
#include "template.h"

typedef struct dctx {
	const template *t;
	const char *file;
	char where[256];
	ys_err *err;
} dctx;

static int bad(dctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(dctx *c, const char *fmt, ...)
{
	char m[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	return err_set(c->err, "模板 %s：%s%s", c->file, c->where, m);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static int load_period(dctx *c, const json *o, const char *name, tpl_period *p)
{
	const json *n = json_get(o, "n");
	const char *u = json_str(o, "unit", "cd");
	if (!n || n->type != J_INT || n->i < -120 || n->i > 3650)
		return bad(c, "%s.n 应为 -120 到 3650 的整数", name);
	p->n = (int)n->i;
	if (!strcmp(u, "wd"))
		p->unit = P_WD;
	else if (!strcmp(u, "cd"))
		p->unit = P_CD;
	else if (!strcmp(u, "months"))
		p->unit = P_MONTHS;
	else
		return bad(c, "%s.unit 应为 wd（工作日）、cd（日历日）或 months（月）", name);
	if (p->unit == P_WD && p->n < 0)
		return bad(c, "%s：工作日不能倒数（提前量请用 cd 或 months）", name);
	const char *lg = json_str(o, "longest", NULL);
	if (lg) {
		const char *dot = strchr(lg, '.');
		const tpl_form *f = template_form(c->t, KIND_APPLY);
		if (!dot)
			return bad(c, "%s.longest 应为“表格id.列id”", name);
		p->longest_table = xstrdup(lg);
		p->longest_table[dot - lg] = '\0';
		p->longest_col = xstrdup(dot + 1);
		const tpl_table *tb = form_table(f, p->longest_table);
		const tpl_field *col = tb ? table_col(tb, p->longest_col) : NULL;
		if (!col || col->type != F_INT)
			return bad(c, "%s.longest 应指向申请表表格中的整数列", name);
		const json *rows = json_get(o, "rows");
		if (rows) {
			const json *in = json_get(rows, "in");
			p->row_field = dup_or_null(json_str(rows, "field", NULL));
			if (!p->row_field || !table_col(tb, p->row_field) || !in || in->type != J_ARRAY || !in->n)
				return bad(c, "%s.rows 应为 {\"field\": 同一表格的列, \"in\": [值…]}", name);
			p->row_values = xcalloc((size_t)in->n, sizeof *p->row_values);
			for (int i = 0; i < in->n; i++)
				p->row_values[p->nrow_values++] = xstrdup(in->kids[i]->text ? in->kids[i]->text : "");
		}
	}
	return 0;
}

static const tpl_field *apply_field(dctx *c, const char *id)
{
	return form_field(template_form(c->t, KIND_APPLY), id);
}

static int load_start(dctx *c, const json *o, tpl_duty *d)
{
	static const char *const ons[] = { "done", "step", "delivery", "field", "duty", "every", "yearly",
					   "capacity_warning", NULL };
	const char *on = json_str(o, "on", NULL);
	int k = -1;
	for (int i = 0; on && ons[i]; i++)
		if (!strcmp(on, ons[i]))
			k = i;
	if (k < 0)
		return bad(c, "start.on 应为 done、step、delivery、field、duty、every、yearly 或 capacity_warning");
	d->on = (enum duty_on)k;
	switch (d->on) {
	case ON_DONE:
		d->flow = xstrdup(json_str(o, "flow", KIND_APPLY));
		if (strcmp(d->flow, KIND_APPLY) && strcmp(d->flow, KIND_TERMINATE))
			return bad(c, "start.flow 应为 apply 或 terminate");
		if (!template_flow(c->t, d->flow))
			return bad(c, "模板没有流程 %s", d->flow);
		break;
	case ON_STEP:
		d->ref = dup_or_null(json_str(o, "step", NULL));
		if (!d->ref || !flow_step(template_flow(c->t, KIND_APPLY), d->ref))
			return bad(c, "start.step 应为申请流程中的环节");
		break;
	case ON_DELIVERY:
	case ON_CAPACITY:
		break;
	case ON_FIELD: {
		d->ref = dup_or_null(json_str(o, "field", NULL));
		const tpl_field *f = d->ref ? apply_field(c, d->ref) : NULL;
		if (!f || (f->type != F_DATE && f->type != F_MONTH))
			return bad(c, "start.field 应为申请表中的日期或年月字段");
		break;
	}
	case ON_DUTY: {
		d->ref = dup_or_null(json_str(o, "duty", NULL));
		if (!d->ref)
			return bad(c, "start.duty 应为另一事项的 id");
		const json *cond = json_get(o, "if");
		if (cond) {
			d->ref_field = dup_or_null(json_str(cond, "field", NULL));
			d->ref_value = dup_or_null(json_str(cond, "is", NULL));
			if (!d->ref_field || !d->ref_value)
				return bad(c, "start.if 应为 {\"field\": 记录字段, \"is\": 值}");
		}
		break;
	}
	case ON_EVERY: {
		const char *e = json_str(o, "every", "");
		d->every_months = !strcmp(e, "week") ? 0 : !strcmp(e, "month") ? 1 : !strcmp(e, "quarter") ? 3
				: !strcmp(e, "year") ? 12 : -1;
		if (d->every_months < 0)
			return bad(c, "start.every 应为 week、month、quarter 或 year");
		break;
	}
	case ON_YEARLY: {
		const char *day = json_str(o, "day", "");
		char iso[16];
		snprintf(iso, sizeof iso, "2001-%s", day);   /* a common year: no 29 February */
		if (strlen(day) != 5 || date_parse(iso, NULL))
			return bad(c, "start.day 应为 MM-DD（如 09-30）");
		d->ref = xstrdup(day);
		break;
	}
	}
	return 0;
}

static int load_duty(dctx *c, const json *o, tpl_duty *d)
{
	const char *id = json_str(o, "id", NULL);
	snprintf(c->where, sizeof c->where, "到期事项 %s：", id ? id : "?");
	if (!id || !*id || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(id))
		return bad(c, "id 只能用小写字母、数字和下划线");
	d->id = xstrdup(id);
	d->label = dup_or_null(json_str(o, "label", NULL));
	d->role = dup_or_null(json_str(o, "role", NULL));
	d->article = dup_or_null(json_str(o, "article", NULL));
	d->help = dup_or_null(json_str(o, "help", NULL));
	if (!d->label)
		return bad(c, "缺少 label");
	if (!d->role || !role_known(d->role))
		return bad(c, "role 应为已知角色：%s", roles_help());
	const json *st = json_get(o, "start");
	if (!st || st->type != J_OBJECT)
		return bad(c, "缺少 start（什么开始这件事）");
	if (load_start(c, st, d))
		return -1;
	const json *p = json_get(o, "period");
	if (!duty_office(d)) {
		if (!p)
			return bad(c, "缺少 period（期限）");
		if (load_period(c, p, "period", &d->period))
			return -1;
	} else if (p) {
		return bad(c, "每期、每年的事项以期末或该日为期限，不写 period");
	}
	const json *rp = json_get(o, "repeat");
	if (rp && load_period(c, rp, "repeat", &d->repeat))
		return -1;
	if (rp && d->repeat.n <= 0)
		return bad(c, "repeat.n 应大于 0");
	const json *w = json_get(o, "when");
	if (w) {
		d->when_field = dup_or_null(json_str(w, "field", NULL));
		const json *in = json_get(w, "in");
		if (!d->when_field || !apply_field(c, d->when_field) || !in || in->type != J_ARRAY || !in->n)
			return bad(c, "when 应为 {\"field\": 申请表字段, \"in\": [值…]}");
		d->when_values = xcalloc((size_t)in->n, sizeof *d->when_values);
		for (int i = 0; i < in->n; i++)
			d->when_values[d->nwhen++] = xstrdup(in->kids[i]->text ? in->kids[i]->text : "");
	}
	d->wait = json_bool(o, "wait", 0);
	d->ends = json_bool(o, "ends", 0);
	const char *late = json_str(o, "late", "show");
	d->late = !strcmp(late, "notice") ? LATE_NOTICE : !strcmp(late, "block") ? LATE_BLOCK : LATE_SHOW;
	if (d->late == LATE_SHOW && strcmp(late, "show"))
		return bad(c, "late 应为 show、notice 或 block");
	d->notice = dup_or_null(json_str(o, "notice", NULL));
	if (d->late == LATE_NOTICE && !d->notice)
		return bad(c, "late 为 notice 时须有 notice（通知的正文）");
	for (const char *p = d->notice; p && (p = strstr(p, "{form.")); p++) {
		const char *end = strchr(p, '}');
		char id[64];
		snprintf(id, sizeof id, "%.*s", end ? (int)(end - p - 6) : 0, p + 6);
		if (!end || !apply_field(c, id))
			return bad(c, "notice 中的 {form.%s} 不是申请表的字段", id);
	}
	d->block_step = dup_or_null(json_str(o, "block", NULL));
	if (d->late == LATE_BLOCK && (!d->block_step || !flow_step(template_flow(c->t, KIND_APPLY), d->block_step)))
		return bad(c, "late 为 block 时 block 应为申请流程中的环节");
	const json *ph = json_get(o, "phase");
	d->phase_open = dup_or_null(json_str(ph, "open", NULL));
	d->phase_due = dup_or_null(json_str(ph, "due", NULL));
	d->phase_closed = dup_or_null(json_str(ph, "closed", NULL));
	const json *cl = json_get(o, "close");
	d->close_label = xstrdup(json_str(cl, "label", "办结"));
	const json *fs = json_get(cl, "fields");
	if (fs && fs->type == J_ARRAY && fs->n) {
		d->fields = xcalloc((size_t)fs->n, sizeof *d->fields);
		for (int i = 0; i < fs->n; i++) {
			d->nfields++;
			if (template_parse_field(fs->kids[i], &d->fields[i], c->file, c->where, c->err))
				return -1;
			for (int j = 0; j < i; j++)
				if (!strcmp(d->fields[j].id, d->fields[i].id))
					return bad(c, "记录字段 %s 重复", d->fields[i].id);
		}
	}
	if (duty_office(d)) {
		if (d->repeat.n || d->when_field || d->late == LATE_BLOCK)
			return bad(c, "每期、每年的事项不属于某件申请，不能有 repeat、when 或 block");
	}
	return 0;
}

static double num(const json *o, const char *key, double dflt)
{
	const json *v = json_get(o, key);
	return v && (v->type == J_INT || v->type == J_REAL) ? v->r : dflt;
}

/* The provider's evaluation: its axes, period, scale, the low line, and
 * the settlement's bands (a year's score to the share of fees paid). */
static int load_eval(dctx *c, template *t, const json *ev)
{
	struct tpl_eval *e = &t->eval;
	snprintf(c->where, sizeof c->where, "evaluation：");
	e->article = dup_or_null(json_str(ev, "article", NULL));
	e->period = xstrdup(json_str(ev, "period", "quarter"));
	e->scale = num(ev, "scale", 100);
	e->low = num(ev, "low", 60);
	if (strcmp(e->period, "month") && strcmp(e->period, "quarter") && strcmp(e->period, "year"))
		return bad(c, "period 应为 month、quarter 或 year");
	if (!(e->scale > 0 && e->low >= 0 && e->low <= e->scale))
		return bad(c, "scale 应大于 0，low 在 0 与 scale 之间");
	const json *ax = json_get(ev, "axes");
	if (!ax || ax->type != J_ARRAY || !ax->n)
		return bad(c, "axes 应为考评方面的数组（如服务响应、服务满意度、服务质量）");
	e->axes = xcalloc((size_t)ax->n, sizeof *e->axes);
	for (int i = 0; i < ax->n; i++) {
		const char *id = json_str(ax->kids[i], "id", NULL), *label = json_str(ax->kids[i], "label", NULL);
		if (!id || !*id || !label || !*label)
			return bad(c, "axes[%d] 须有 id 和 label", i);
		e->axes[e->naxes].id = xstrdup(id);
		e->axes[e->naxes].label = xstrdup(label);
		e->naxes++;
	}
	const json *st = json_get(ev, "settlement");
	const json *bands = st ? json_get(st, "bands") : NULL;
	if (st) {
		e->settle_article = dup_or_null(json_str(st, "article", NULL));
		if (!bands || bands->type != J_ARRAY || !bands->n)
			return bad(c, "settlement.bands 应为分数段的数组（{\"min\": 90, \"pct\": 100} …）");
		e->bands = xcalloc((size_t)bands->n, sizeof *e->bands);
		for (int i = 0; i < bands->n; i++) {
			struct tpl_band *b = &e->bands[e->nbands++];
			b->min = num(bands->kids[i], "min", -1);
			b->pct = num(bands->kids[i], "pct", -1);
			if (b->min < 0 || b->pct < 0 || b->pct > 100 || (i && b->min >= e->bands[i - 1].min))
				return bad(c, "settlement.bands[%d]：min 应从高到低、pct 为 0 到 100", i);
		}
		if (e->bands[e->nbands - 1].min > 0)
			return bad(c, "settlement.bands 的最后一段 min 应为 0（任何分数都有所属的一段）");
	}
	c->where[0] = '\0';
	return 0;
}

int template_load_duties(template *t, const json *root, const char *file, ys_err *err)
{
	dctx c = { .t = t, .file = file, .err = err };
	const json *term = json_get(root, "term");
	if (term) {
		snprintf(c.where, sizeof c.where, "term：");
		t->term.from = dup_or_null(json_str(term, "from", NULL));
		t->term.to = dup_or_null(json_str(term, "to", NULL));
		t->term.max_months = (int)json_int(term, "max_months", 0);
		t->term.renew_before_end = json_bool(term, "renew_before_end", 0);
		t->term.article = dup_or_null(json_str(term, "article", NULL));
		const tpl_field *a = t->term.from ? apply_field(&c, t->term.from) : NULL;
		const tpl_field *b = t->term.to ? apply_field(&c, t->term.to) : NULL;
		if (!a || !b || a->type != b->type || (a->type != F_DATE && a->type != F_MONTH))
			return bad(&c, "from、to 应为申请表中同类型的日期或年月字段");
	}
	const json *bill = json_get(root, "billing");
	if (bill) {
		snprintf(c.where, sizeof c.where, "billing：");
		t->billing_step = dup_or_null(json_str(bill, "from_step", NULL));
		if (!t->billing_step || !flow_step(template_flow(t, KIND_APPLY), t->billing_step))
			return bad(&c, "from_step 应为申请流程中的环节");
	}
	const json *idle = json_get(root, "idle");
	if (idle) {
		snprintf(c.where, sizeof c.where, "idle：");
		const json *p = json_get(idle, "cpu_peak_below"), *m = json_get(idle, "mem_below");
		t->idle.cpu_peak_below = p ? p->r : 0;
		t->idle.mem_below = m ? m->r : 0;
		t->idle.months = (int)json_int(idle, "months", 0);
		t->idle.article = dup_or_null(json_str(idle, "article", NULL));
		t->idle.action = dup_or_null(json_str(idle, "action", NULL));
		if (!(t->idle.cpu_peak_below > 0 && t->idle.cpu_peak_below <= 100) || t->idle.mem_below < 0 ||
		    t->idle.mem_below > 100)
			return bad(&c, "cpu_peak_below 应为 0 到 100 之间的百分数（mem_below 同）");
		if (t->idle.months < 1 || t->idle.months > 24)
			return bad(&c, "months 应为 1 到 24 个月");
	}
	const json *ev = json_get(root, "evaluation");
	if (ev && load_eval(&c, t, ev))
		return -1;
	const json *ds = json_get(root, "duties");
	if (!ds)
		return 0;
	if (ds->type != J_ARRAY)
		return err_set(err, "模板 %s：duties 应为数组", file);
	t->duties = xcalloc((size_t)ds->n + 1, sizeof *t->duties);
	for (int i = 0; i < ds->n; i++) {
		t->nduties++;
		if (load_duty(&c, ds->kids[i], &t->duties[i]))
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(t->duties[j].id, t->duties[i].id))
				return bad(&c, "id 重复");
	}
	/* A duty started by another names one that exists, and a record field
	 * it tests is one of that duty's. */
	for (int i = 0; i < t->nduties; i++) {
		const tpl_duty *d = &t->duties[i];
		snprintf(c.where, sizeof c.where, "到期事项 %s：", d->id);
		if (d->on != ON_DUTY)
			continue;
		const tpl_duty *r = template_duty(t, d->ref);
		if (!r || r == d)
			return bad(&c, "start.duty 指向不存在的事项 %s", d->ref);
		int found = !d->ref_field;
		for (int j = 0; d->ref_field && j < r->nfields; j++)
			found |= !strcmp(r->fields[j].id, d->ref_field);
		if (!found)
			return bad(&c, "start.if.field 不是事项 %s 的记录字段", r->id);
		if (duty_office(r))
			return bad(&c, "start.duty 指向的事项 %s 范围不同", r->id);
	}
	return 0;
}

int duty_office(const tpl_duty *d)
{
	return d->on == ON_EVERY || d->on == ON_YEARLY;
}

static void free_period(tpl_period *p)
{
	xfree(p->longest_table);
	xfree(p->longest_col);
	xfree(p->row_field);
	for (int i = 0; i < p->nrow_values; i++)
		xfree(p->row_values[i]);
	xfree(p->row_values);
}

void template_free_duties(template *t)
{
	for (int i = 0; i < t->nduties; i++) {
		tpl_duty *d = &t->duties[i];
		xfree(d->id); xfree(d->label); xfree(d->article); xfree(d->role); xfree(d->help);
		xfree(d->flow); xfree(d->ref); xfree(d->ref_field); xfree(d->ref_value); xfree(d->when_field);
		for (int j = 0; j < d->nwhen; j++)
			xfree(d->when_values[j]);
		xfree(d->when_values);
		free_period(&d->period);
		free_period(&d->repeat);
		xfree(d->block_step); xfree(d->notice); xfree(d->phase_open); xfree(d->phase_due); xfree(d->phase_closed);
		xfree(d->close_label);
		for (int j = 0; j < d->nfields; j++)
			template_free_field(&d->fields[j]);
		xfree(d->fields);
	}
	xfree(t->duties);
	xfree(t->term.from); xfree(t->term.to); xfree(t->term.article);
	xfree(t->billing_step);
	xfree(t->idle.article);
	xfree(t->idle.action);
	for (int i = 0; i < t->eval.naxes; i++) {
		xfree(t->eval.axes[i].id);
		xfree(t->eval.axes[i].label);
	}
	xfree(t->eval.axes);
	xfree(t->eval.bands);
	xfree(t->eval.article);
	xfree(t->eval.period);
	xfree(t->eval.settle_article);
}
