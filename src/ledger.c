/* ledger.c - 在用资源台账 (see ledger.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "deliveries.h"
#include "duties.h"
#include "ledger.h"
#include "render.h"
#include "template.h"
#include "text.h"

/* The days the history gives: finished, ended, first delivered, the
 * billing step signed. */
typedef struct days {
	const tpl_step *bill_step;
	const tpl_flow *fl;
	int round;
	char done[11], ended[11], delivered[11], billed[11];
	char **rec;             /* by step index: the last record of a step shown in the ledger */
} days;

static int read_days(const app_event *e, void *ctx)
{
	days *d = ctx;
	if (!strcmp(e->status_to, ST_DONE) && !d->done[0])
		snprintf(d->done, sizeof d->done, "%.10s", e->at);
	if (!strcmp(e->status_to, ST_TERMINATED))
		snprintf(d->ended, sizeof d->ended, "%.10s", e->at);
	/* A result recorded at a step for later (the provider chosen): the
	 * last one of this round, step by step. */
	const tpl_step *sp = !strcmp(e->kind, EV_ACT) && e->round == d->round ? flow_step(d->fl, e->step) : NULL;
	if (sp && sp->ledger && e->old && *e->old) {
		char **at = &d->rec[sp - d->fl->steps];
		free(*at);
		*at = xstrdup(e->old);
	}
	/* Billing starts when its step is signed forward (交付确认, not 交付不符). */
	for (int i = 0; d->bill_step && !d->billed[0] && !strcmp(e->kind, EV_ACT) &&
	     !strcmp(e->step, d->bill_step->id) && i < d->bill_step->nactions; i++)
		if (!strcmp(e->action, d->bill_step->actions[i].id) &&
		    (d->bill_step->actions[i].to == TO_NEXT || d->bill_step->actions[i].to == TO_DONE))
			snprintf(d->billed, sizeof d->billed, "%.10s", e->at);
	return 0;
}

/* A phase text with {due} filled in. */
static void phase_text(char *out, size_t n, const char *fmt, const char *due)
{
	const char *keys[] = { "due", NULL }, *vals[] = { due };
	buf b = { 0 };
	text_fill(&b, fmt, keys, vals);
	snprintf(out, n, "%s", b.s ? b.s : "");
	buf_free(&b);
}

typedef struct phase_ctx {
	ledger_row *row;
	ys_date today;
	char closed[64], open[64];      /* the last phase a closed duty names, an open one */
} phase_ctx;

/* Duties in declaration order: the last closed one that names a phase
 * (强制下线) and the last open one (保留至 …) make it, "强制下线·保留至 …". */
static int duty_phase(const duty_rec *d, void *ctx)
{
	phase_ctx *c = ctx;
	const tpl_duty *t = d->def;
	ys_date due;
	if (date_parse(d->due, &due))
		return 0;
	if (d->event_id && t->phase_closed)
		phase_text(c->closed, sizeof c->closed, t->phase_closed, d->due);
	else if (!d->event_id && t->phase_due && due <= c->today)
		phase_text(c->open, sizeof c->open, t->phase_due, d->due);
	else if (!d->event_id && t->phase_open)
		phase_text(c->open, sizeof c->open, t->phase_open, d->due);
	if (!d->event_id && (!c->row->next_due[0] || strcmp(d->due, c->row->next_due) < 0)) {
		snprintf(c->row->next_due, sizeof c->row->next_due, "%s", d->due);
		snprintf(c->row->next_label, sizeof c->row->next_label, "%s", t->label);
	}
	return 0;
}

/* What the form itself says: its term of use (what its end means, 到期,
 * the template's duties say), and a period kept row by row. */
static int form_facts(store *s, const app_rec *r, const template *t, ledger_row *out, ys_err *err)
{
	const tpl_duty *rowwise = NULL;
	for (int i = 0; t && i < t->nduties && !rowwise; i++)
		if (t->duties[i].period.longest_table)
			rowwise = &t->duties[i];
	if (!t || (!t->term.to && !rowwise))
		return 0;
	app_rec tmp;
	app_data *data;
	if (apps_load(s, r->id, &tmp, &data, err))
		return -1;
	if (t->term.to) {
		snprintf(out->term_from, sizeof out->term_from, "%s", app_get(data, t->term.from));
		snprintf(out->term_to, sizeof out->term_to, "%s", app_get(data, t->term.to));
	}
	const tpl_table *tb = rowwise ? form_table(data->form, rowwise->period.longest_table) : NULL;
	buf b = { 0 };
	for (int row = 0; tb && row < data->tables[tb - data->form->tables].nrows; row++) {
		int n = duty_row_period(&rowwise->period, data, row);
		if (n >= 0)
			buf_printf(&b, "%s%s %d 个月", b.len ? "、" : "", app_cell(data, (int)(tb - data->form->tables), row, 0), n);
	}
	if (b.len)
		snprintf(out->rows, sizeof out->rows, "%s：%s", rowwise->label, b.s);
	buf_free(&b);
	app_data_free(data);
	return 0;
}

int ledger_row_of(store *s, const app_rec *r, ys_date today, ledger_row *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	out->r = *r;
	const template *t = template_find(r->template);
	const tpl_flow *fl = template_flow(t, r->kind);
	const tpl_step *sp = flow_step(fl, r->step);
	days d = { .bill_step = t && t->billing_step ? flow_step(template_flow(t, KIND_APPLY), t->billing_step) : NULL,
		   .fl = fl, .round = r->round, .rec = xcalloc(fl ? (size_t)fl->nsteps + 1 : 1, sizeof(char *)) };
	int rc = apps_events(s, r->id, read_days, &d, err);
	ys_date first = DATE_NONE;
	if (!rc && !(t && t->billing_step) && !(rc = duties_first_delivery(s, r->id, &first, err)) && first != DATE_NONE)
		date_iso(first, d.delivered);
	buf recs = { 0 };
	for (int k = 0; fl && k < fl->nsteps; k++) {
		if (d.rec[k])
			buf_printf(&recs, "%s%s：%s", recs.len ? "；" : "", fl->steps[k].name, d.rec[k]);
		free(d.rec[k]);
	}
	free(d.rec);
	snprintf(out->records, sizeof out->records, "%s", recs.s ? recs.s : "");
	buf_free(&recs);
	if (rc)
		return -1;
	/* The phase: the step it is on, or finished / ended, then what its
	 * term and duties say. */
	if (!strcmp(r->status, ST_PENDING) && sp)
		snprintf(out->phase, sizeof out->phase, "%s", sp->name);
	else if (!strcmp(r->status, ST_DONE))
		snprintf(out->phase, sizeof out->phase, "%s", fl ? fl->done : status_label(r->status));
	else
		snprintf(out->phase, sizeof out->phase, "%s", status_label(r->status));
	if (form_facts(s, r, t, out, err))
		return -1;
	duty_filter f = { .app = r->id, .within = -1, .today = today };
	phase_ctx pc = { out, today, "", "" };
	if (duties_list(s, &f, duty_phase, &pc, err))
		return -1;
	if (pc.closed[0] || pc.open[0])
		snprintf(out->phase, sizeof out->phase, "%s%s%s", pc.closed, pc.closed[0] && pc.open[0] ? "·" : "", pc.open);
	/* Billing runs from the step that starts it (交付确认), else from the
	 * first delivery (or, delivered without a record, from when it was
	 * finished), to the reclaim that ends it. */
	snprintf(out->bill_from, sizeof out->bill_from, "%s",
		 t && t->billing_step ? d.billed : d.delivered[0] ? d.delivered : d.done);
	if (out->bill_from[0] && d.ended[0])
		snprintf(out->bill_to, sizeof out->bill_to, "%s", d.ended);
	return 0;
}

typedef struct lctx {
	app_rec *rows;
	int n;
} lctx;

static int gather(const app_rec *r, void *ctx)
{
	lctx *c = ctx;
	*XPUSH(c->rows, c->n) = *r;
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const app_rec *x = a, *y = b;
	int c = strcmp(x->template, y->template);
	if (!c)
		c = strcmp(x->unit, y->unit);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

int ledger_list(store *s, const ledger_filter *f, int (*cb)(const ledger_row *, void *), void *ctx,
		ys_err *err)
{
	apps_filter af = { .viewer = f->viewer, .tpl = f->tpl, .unit = f->unit, .kind = KIND_APPLY,
			   .in_service = 1, .today = f->today };
	lctx c = { NULL, 0 };
	if (store_read_begin(s, err))
		return -1;
	int rc = apps_list(s, &af, gather, &c, err);
	if (!rc && c.n > 1)
		qsort(c.rows, (size_t)c.n, sizeof *c.rows, by_place);
	for (int i = 0; !rc && i < c.n; i++) {
		ledger_row row;
		if ((rc = ledger_row_of(s, &c.rows[i], f->today, &row, err)))
			break;
		if (cb(&row, ctx))
			break;
	}
	free(c.rows);
	store_read_end(s);
	return rc;
}

static int keep_change(const app_rec *r, void *ctx)
{
	lctx *c = ctx;
	if (!strcmp(r->status, ST_DONE) && strcmp(r->kind, KIND_TERMINATE))
		*XPUSH(c->rows, c->n) = *r;
	return 0;
}

static int by_done(const void *a, const void *b)
{
	const app_rec *x = a, *y = b;
	int c = strcmp(x->done_at, y->done_at);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

int ledger_changes(store *s, long long id, int (*cb)(const app_rec *, void *), void *ctx, ys_err *err)
{
	apps_filter f = { .parent = id, .today = DATE_NONE };
	lctx c = { NULL, 0 };
	int rc = apps_list(s, &f, keep_change, &c, err);
	if (!rc && c.n > 1)
		qsort(c.rows, (size_t)c.n, sizeof *c.rows, by_done);
	for (int i = 0; !rc && i < c.n; i++)
		if (cb(&c.rows[i], ctx))
			break;
	free(c.rows);
	return rc;
}

static int change_text(const app_rec *r, void *ctx)
{
	buf_printf(ctx, "    %.10s %s %lld %s\n", r->done_at, kind_label(r->kind), r->id, r->docno);
	return 0;
}

static int host_text(const delivery *d, void *ctx)
{
	buf_printf(ctx, "    主机 %s  %s%s%s  %s 交付（%s）\n", d->host, d->ip, d->ports[0] ? "  端口 " : "", d->ports,
		   d->delivered_on, d->line);
	return 0;
}

int ledger_text(store *s, const ledger_row *l, buf *out, ys_err *err)
{
	const app_rec *r = &l->r;
	buf_printf(out, "%lld %s  %s  %s  %s\n", r->id, r->unit, r->system, r->docno[0] ? r->docno : "（无文号）",
		   l->phase);
	buf_puts(out, "    配置：");
	render_totals(out, &r->totals);
	buf_puts(out, "\n");
	if (l->term_to[0])
		buf_printf(out, "    使用期：%s 至 %s\n", l->term_from, l->term_to);
	if (l->bill_from[0])
		buf_printf(out, "    计费：%s 起%s%s\n", l->bill_from, l->bill_to[0] ? "，止于 " : "", l->bill_to);
	if (l->next_due[0])
		buf_printf(out, "    下一到期事项：%s（%s）\n", l->next_label, l->next_due);
	if (l->rows[0])
		buf_printf(out, "    %s\n", l->rows);
	if (l->records[0])
		buf_printf(out, "    记录：%s\n", l->records);
	return ledger_changes(s, r->id, change_text, out, err) || deliveries_list(s, r->id, host_text, out, err) ? -1 : 0;
}
