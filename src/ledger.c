/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ledger.c - 在用资源台账 (see ledger.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "duties.h"
#include "ledger.h"
#include "render.h"
#include "template.h"
#include "text.h"
#include "workflow.h"

/* The days the history gives: finished, ended, first delivered, the
 * billing step signed; and the approving signature's record. */
typedef struct days {
	const tpl_step *bill_step;
	const tpl_flow *fl;
	int round;
	char done[11], ended[11], delivered[11], billed[11];
	char **rec;             /* by step index: the last record of a step shown in the ledger */
	char *approved;
} days;

static void read_days(const app_event *e, days *d)
{
	if (!strcmp(e->status_to, ST_DONE) && !d->done[0])
		snprintf(d->done, sizeof d->done, "%.10s", e->at);
	if (!strcmp(e->status_to, ST_TERMINATED))
		snprintf(d->ended, sizeof d->ended, "%.10s", e->at);
	if (workflow_approves(d->fl, d->round, e)) {
		free(d->approved);
		d->approved = xstrdup(e->new ? e->new : "{}");
	}
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
static void duty_phase(const duty_rec *d, phase_ctx *c)
{
	const tpl_duty *t = d->def;
	ys_date due;
	if (date_parse(d->due, &due))
		return;
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
}

/* What the form itself says: its term of use (what its end means, 到期,
 * the template's duties say), and a period kept row by row. */
static int form_facts(const app_rec *r, const char *text, const template *t, ledger_row *out, ys_err *err)
{
	const tpl_duty *rowwise = NULL;
	for (int i = 0; t && i < t->nduties && !rowwise; i++)
		if (t->duties[i].period.longest_table)
			rowwise = &t->duties[i];
	if (!t || (!t->term.to && !rowwise))
		return 0;
	app_data *data;
	if (apps_data_parse(r, text ? text : "{}", &data, err))
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

/* One statement of the batch read, stepped along with the systems: its
 * rows for a system are those whose column `key` holds the system's id. */
typedef struct feed {
	sqlite3_stmt *st;
	int key, rc;
} feed;

enum { F_SYS, F_EVENTS, F_DUTIES, F_CHANGES, F_HOSTS, NFEEDS };

/* The systems in the ledger's order (the temporary table ys_ledger), and
 * each kind of record of theirs in the same order. */
static const char *const feed_sql[NFEEDS] = {
	"SELECT " APPS_COLS ", applications.data FROM temp.ys_ledger o JOIN applications ON applications.id = o.app "
	"ORDER BY o.pos",
	"SELECT " EVENTS_COLS ", events.app_id FROM temp.ys_ledger o JOIN events ON events.app_id = o.app "
	"WHERE (events.kind = '" EV_ACT "' OR events.status_to IN ('" ST_DONE "', '" ST_TERMINATED "')) "
	/* Signatures taken back: one list of every recall (few, from their
	 * own index), not a lookup per event. */
	"AND events.id NOT IN (SELECT CAST(r.old AS INTEGER) FROM events r WHERE r.kind = '" EV_RECALL "') "
	"ORDER BY o.pos, events.id",
	DUTIES_SELECT "JOIN temp.ys_ledger o ON o.app = d.app_id ORDER BY o.pos, d.due",
	"SELECT " APPS_COLS " FROM temp.ys_ledger o JOIN applications ON applications.parent_id = o.app "
	"WHERE applications.status = '" ST_DONE "' AND applications.kind <> '" KIND_TERMINATE "' "
	"ORDER BY o.pos, applications.done_at, applications.id",
	"SELECT " DELIVERIES_COLS " FROM temp.ys_ledger o JOIN deliveries ON deliveries.app_id = o.app "
	"ORDER BY o.pos, deliveries.id",
};
static const int feed_key[NFEEDS] = { 0, EVENTS_NCOLS, 0, 1, 1 };

/* Whether feed f's current row belongs to system id. */
static int feed_at(const feed *f, long long id)
{
	return f->rc == SQLITE_ROW && sqlite3_column_int64(f->st, f->key) == id;
}

static void feed_next(feed *f)
{
	f->rc = sqlite3_step(f->st);
}

/* The row of system r (the current row of fd[F_SYS]) from the other
 * feeds' rows for it. */
static int row_of(feed *fd, const app_rec *r, ys_date today, ledger_row *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	out->r = *r;
	out->data = (const char *)sqlite3_column_text(fd[F_SYS].st, APPS_NCOLS);
	const template *t = template_find(r->template);
	const tpl_flow *fl = template_flow(t, r->kind);
	const tpl_step *sp = flow_step(fl, r->step);
	days d = { .bill_step = t && t->billing_step ? flow_step(template_flow(t, KIND_APPLY), t->billing_step) : NULL,
		   .fl = fl, .round = r->round, .rec = xcalloc(fl ? (size_t)fl->nsteps + 1 : 1, sizeof(char *)) };
	for (; feed_at(&fd[F_EVENTS], r->id); feed_next(&fd[F_EVENTS])) {
		app_event e;
		apps_read_event(fd[F_EVENTS].st, &e);
		read_days(&e, &d);
	}
	out->approved = d.approved;
	app_rec *changes = NULL;
	delivery *hosts = NULL;
	duty_rec *duties = NULL;
	int nduties = 0;
	for (; feed_at(&fd[F_CHANGES], r->id); feed_next(&fd[F_CHANGES]))
		apps_read_row(fd[F_CHANGES].st, XPUSH(changes, out->nchanges));
	for (; feed_at(&fd[F_HOSTS], r->id); feed_next(&fd[F_HOSTS])) {
		delivery *h = XPUSH(hosts, out->nhosts);
		deliveries_read_row(fd[F_HOSTS].st, h);
		/* The first delivery starts billing where no step does. */
		if (h->delivered_on[0] && (!d.delivered[0] || strcmp(h->delivered_on, d.delivered) < 0))
			snprintf(d.delivered, sizeof d.delivered, "%.10s", h->delivered_on);
	}
	for (; feed_at(&fd[F_DUTIES], r->id); feed_next(&fd[F_DUTIES]))
		if (!duties_read_row(fd[F_DUTIES].st, XPUSH(duties, nduties)))
			nduties--;
	out->changes = changes;
	out->hosts = hosts;
	buf recs = { 0 };
	for (int k = 0; fl && k < fl->nsteps; k++) {
		if (d.rec[k])
			buf_printf(&recs, "%s%s：%s", recs.len ? "；" : "", fl->steps[k].name, d.rec[k]);
		free(d.rec[k]);
	}
	free(d.rec);
	snprintf(out->records, sizeof out->records, "%s", recs.s ? recs.s : "");
	buf_free(&recs);
	/* The phase: the step it is on, or finished / ended, then what its
	 * term and duties say. */
	if (!strcmp(r->status, ST_PENDING) && sp)
		snprintf(out->phase, sizeof out->phase, "%s", sp->name);
	else if (!strcmp(r->status, ST_DONE))
		snprintf(out->phase, sizeof out->phase, "%s", fl ? fl->done : status_label(r->status));
	else
		snprintf(out->phase, sizeof out->phase, "%s", status_label(r->status));
	int rc = form_facts(r, out->data, t, out, err);
	duties_sort_declared(duties, nduties);
	phase_ctx pc = { out, today, "", "" };
	for (int i = 0; i < nduties; i++)
		duty_phase(&duties[i], &pc);
	free(duties);
	if (pc.closed[0] || pc.open[0])
		snprintf(out->phase, sizeof out->phase, "%s%s%s", pc.closed, pc.closed[0] && pc.open[0] ? "·" : "", pc.open);
	/* Billing runs from the step that starts it (交付确认), else from the
	 * first delivery (or, delivered without a record, from when it was
	 * finished), to the reclaim that ends it. */
	snprintf(out->bill_from, sizeof out->bill_from, "%s",
		 t && t->billing_step ? d.billed : d.delivered[0] ? d.delivered : d.done);
	if (out->bill_from[0] && d.ended[0])
		snprintf(out->bill_to, sizeof out->bill_to, "%s", d.ended);
	return rc;
}

/* What row_of allocated. */
static void row_done(ledger_row *l)
{
	free((char *)l->approved);
	free((app_rec *)l->changes);
	free((delivery *)l->hosts);
}

/* The ledger's systems: approved applications (their follow-ups are in
 * their rows). */
static apps_filter systems(const ledger_filter *f)
{
	apps_filter af = { .viewer = f->viewer, .tpl = f->tpl, .unit = f->unit, .kind = KIND_APPLY,
			   .in_service = 1, .today = f->today };
	return af;
}

long long ledger_count(store *s, const ledger_filter *f, ys_err *err)
{
	apps_filter af = systems(f);
	return apps_count(s, &af, err);
}

int ledger_list(store *s, const ledger_filter *f, int (*cb)(const ledger_row *, void *), void *ctx,
		ys_err *err)
{
	apps_filter af = systems(f);
	if (store_read_begin(s, err))
		return -1;
	feed fd[NFEEDS] = { { 0 } };
	int rc = apps_select_temp(s, &af, "ys_ledger", "template, unit, id", err);
	for (int i = 0; !rc && i < NFEEDS; i++) {
		fd[i].key = feed_key[i];
		if (sqlite3_prepare_v2(store_db(s), feed_sql[i], -1, &fd[i].st, NULL) != SQLITE_OK)
			rc = store_fail(s, err, "读取在用资源台账");
		else
			feed_next(&fd[i]);
	}
	for (; !rc && fd[F_SYS].rc == SQLITE_ROW; feed_next(&fd[F_SYS])) {
		app_rec r;
		ledger_row row;
		apps_read_row(fd[F_SYS].st, &r);
		rc = row_of(fd, &r, f->today, &row, err);
		int stop = !rc && cb(&row, ctx);
		row_done(&row);
		if (stop)
			break;
	}
	for (int i = 0; i < NFEEDS; i++) {
		if (!rc && fd[i].st && fd[i].rc != SQLITE_ROW && fd[i].rc != SQLITE_DONE)
			rc = store_fail(s, err, "读取在用资源台账");
		sqlite3_finalize(fd[i].st);
	}
	ys_err ignore;
	store_exec(s, "DROP TABLE IF EXISTS temp.ys_ledger", &ignore);
	store_read_end(s);
	return rc;
}

void ledger_text(const ledger_row *l, buf *out)
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
	for (int i = 0; i < l->nchanges; i++) {
		const app_rec *c = &l->changes[i];
		buf_printf(out, "    %.10s %s %lld %s\n", c->done_at, kind_label(c->kind), c->id, c->docno);
	}
	for (int i = 0; i < l->nhosts; i++) {
		const delivery *d = &l->hosts[i];
		buf_printf(out, "    主机 %s  %s%s%s  %s 交付（%s）\n", d->host, d->ip, d->ports[0] ? "  端口 " : "", d->ports,
			   d->delivered_on, d->line);
	}
}

void ledger_csv_header(buf *out)
{
	csv_header(out, (const char *const[]){ "编号", "单位", "应用系统", "文号", "阶段", "配置", "使用期起",
					       "使用期止", "计费起", "计费止", "下一到期事项", "其期限", "保存期",
					       "记录", "变更和续期", "主机", NULL });
}

void ledger_csv(const ledger_row *l, buf *out)
{
	const app_rec *r = &l->r;
	buf cell = { 0 };
	csv_put_ll(out, r->id);
	csv_put(out, r->unit);
	csv_put(out, r->system);
	csv_put(out, r->docno);
	csv_put(out, l->phase);
	render_totals(&cell, &r->totals);
	csv_put(out, cell.s);
	csv_put(out, l->term_from);
	csv_put(out, l->term_to);
	csv_put(out, l->bill_from);
	csv_put(out, l->bill_to);
	csv_put(out, l->next_label);
	csv_put(out, l->next_due);
	csv_put(out, l->rows);
	csv_put(out, l->records);
	buf_free(&cell);
	for (int i = 0; i < l->nchanges; i++) {
		const app_rec *c = &l->changes[i];
		buf_printf(&cell, "%s%.10s %s %lld %s", i ? "\n" : "", c->done_at, kind_label(c->kind), c->id, c->docno);
	}
	csv_put(out, cell.s);
	buf_free(&cell);
	for (int i = 0; i < l->nhosts; i++) {
		const delivery *d = &l->hosts[i];
		buf_printf(&cell, "%s%s %s%s%s %s（%s）", i ? "\n" : "", d->host, d->ip, d->ports[0] ? " 端口 " : "",
			   d->ports, d->delivered_on, d->line);
	}
	csv_put(out, cell.s);
	buf_free(&cell);
	csv_end_row(out);
}
