/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* fees.c - fees per system and month (fees.h). */
#include "config.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fees.h"
#include "paths.h"
#include "template.h"

static int unit_is(const char *unit, const char *prefix)
{
	return !strncmp(unit, prefix, strlen(prefix));
}

/* The quantity of one catalogue item a configuration holds: table rows
 * whose choice is the item (times the row's count; TB items by the row's
 * storage), number fields named as the item, multiple choices naming it
 * (per host for a per-host price). */
static double item_qty(const app_data *d, const price_sched *p, long long hosts)
{
	const tpl_form *f = d->form;
	double q = 0;
	for (int ti = 0; ti < f->ntables; ti++) {
		const tpl_table *t = &f->tables[ti];
		for (int r = 0; r < d->tables[ti].nrows; r++) {
			double cnt = 1, gb = 0;
			for (int k = 0; k < t->ncols; k++) {
				const char *v = app_cell(d, ti, r, k);
				if (t->cols[k].maps == M_COUNT && *v)
					cnt = atof(v);
				else if (t->cols[k].maps == M_STORAGE_GB)
					gb += atof(v);
				else if (t->cols[k].maps == M_STORAGE_TB)
					gb += atof(v) * 1024;
			}
			for (int k = 0; k < t->ncols; k++)
				if ((t->cols[k].type == F_CHOICE || t->cols[k].type == F_MULTI) &&
				    value_has(app_cell(d, ti, r, k), p->name))
					q += unit_is(p->unit, "TB") ? cnt * gb / 1024 : cnt;
		}
	}
	for (int i = 0; i < f->nfields; i++) {
		const tpl_field *fl = &f->fields[i];
		const char *v = d->vals[i];
		if (!*v)
			continue;
		if (fl->type == F_INT && !strcmp(fl->label, p->name))
			q += fl->maps == M_STORAGE_GB && unit_is(p->unit, "TB") ? atof(v) / 1024 : atof(v);
		else if ((fl->type == F_CHOICE || fl->type == F_MULTI) && value_has(v, p->name))
			q += unit_is(p->unit, "台") ? (double)hosts : 1;
	}
	return round(q * 100) / 100;
}

static double fen(double yuan)
{
	return round(yuan * 100) / 100;
}

/* A walk of the ledger billing its systems (fee_run in fees.h). */
struct fee_run {
	store *s;
	const fee_filter *f;
	int (*cb)(const fee_month *, void *);
	void *ctx;
	ys_err *err;
	/* the catalogue of the template last seen */
	char tpl[32];
	price_sched *cat;
	int ncat;
	int rc;
};

/* The quantities of each catalogue item in the configuration the system
 * was approved with, as changes have left it. */
static int quantities(fee_run *c, const ledger_row *l, double *qty)
{
	app_data *req;
	if (apps_data_parse(&l->r, l->data ? l->data : "{}", &req, c->err))
		return -1;
	app_data *ok = l->approved ? app_approved(req, l->approved) : NULL;
	for (int k = 0; k < c->ncat; k++)
		qty[k] = item_qty(ok ? ok : req, &c->cat[k], l->r.totals.hosts);
	app_data_free(ok);
	app_data_free(req);
	return 0;
}

/* One month of one system: the days billed in it, split where a price
 * changes. */
static int bill_month(fee_run *c, const ledger_row *l, const double *qty, ys_date m0, ys_date a, ys_date z)
{
	fee_month fm = { .sys = l, .days = z - a + 1, .month_days = date_month_end(m0) - m0 + 1, .priced = c->ncat > 0 };
	char iso[11];
	date_iso(m0, iso);
	snprintf(fm.month, sizeof fm.month, "%.7s", iso);
	date_iso(a, fm.from);
	date_iso(z, fm.to);
	fee_item *items = NULL;
	int n = 0;
	for (int k = 0; k < c->ncat; k++) {
		if (qty[k] <= 0)
			continue;
		for (ys_date d = a; d <= z;) {
			char day[11], until[11];
			ys_date next;
			date_iso(d, day);
			double price = prices_on(&c->cat[k], day, until);
			ys_date end = until[0] && !date_parse(until, &next) && next - 1 < z ? next - 1 : z;
			fee_item *it = XPUSH(items, n);
			it->item = &c->cat[k];
			it->qty = qty[k];
			it->price = price;
			it->days = end - d + 1;
			date_iso(d, it->from);
			date_iso(end, it->to);
			it->amount = fen(qty[k] * price * it->days / fm.month_days);
			fm.amount += it->amount;
			d = end + 1;
		}
	}
	fm.items = items;
	fm.nitems = n;
	fm.amount = fen(fm.amount);
	int stop = c->cb(&fm, c->ctx);
	free(items);
	return stop;
}

static int each_system(const ledger_row *l, void *ctx)
{
	fee_run *c = ctx;
	ys_date from, to = DATE_NONE;
	if (!l->bill_from[0] || date_parse(l->bill_from, &from))
		return 0;
	/* Billing stops on the day of the reclaim: that day is not billed; a
	 * system still running is billed to today. */
	if (l->bill_to[0] && !date_parse(l->bill_to, &to))
		to -= 1;
	if (to == DATE_NONE || to > c->f->today)
		to = c->f->today;
	int y, m, d;
	date_ymd(c->f->first, &y, &m, &d);
	ys_date first = date_from_ymd(y, m, 1), last = date_month_end(c->f->last);
	if (from > last || to < first || to < from)
		return 0;
	if (strcmp(c->tpl, l->r.template)) {
		prices_free(c->cat, c->ncat);
		c->cat = NULL;
		c->ncat = 0;
		snprintf(c->tpl, sizeof c->tpl, "%s", l->r.template);
		if (prices_load(c->s, l->r.template, &c->cat, &c->ncat, c->err))
			return c->rc = -1;
	}
	double *qty = xcalloc((size_t)c->ncat + 1, sizeof *qty);
	if (quantities(c, l, qty)) {
		free(qty);
		return c->rc = -1;
	}
	int stop = 0;
	for (ys_date m0 = first; !stop && m0 <= last; m0 = date_month_end(m0) + 1) {
		ys_date a = from > m0 ? from : m0, z = date_month_end(m0);
		if (to < z)
			z = to;
		if (a <= z)
			stop = bill_month(c, l, qty, m0, a, z);
	}
	free(qty);
	return stop;
}

fee_run *fees_begin(store *s, const fee_filter *f, int (*cb)(const fee_month *, void *), void *ctx, ys_err *err)
{
	fee_run *r = xcalloc(1, sizeof *r);
	*r = (fee_run){ .s = s, .f = f, .cb = cb, .ctx = ctx, .err = err };
	return r;
}

int fees_system(fee_run *r, const ledger_row *l)
{
	const fee_filter *f = r->f;
	const template *t = template_find(l->r.template);
	if ((f->priced_only && !(t && t->ncatalogue)) || (f->tpl && strcmp(f->tpl, l->r.template)) ||
	    (f->unit && strcmp(f->unit, l->r.unit)))
		return 0;
	return each_system(l, r) || r->rc;
}

int fees_end(fee_run *r)
{
	int rc = r->rc;
	prices_free(r->cat, r->ncat);
	free(r);
	return rc;
}

int fees_each(store *s, const fee_filter *f, int (*cb)(const fee_month *, void *), void *ctx, ys_err *err)
{
	fee_run *run = fees_begin(s, f, cb, ctx, err);
	ledger_filter lf = { .viewer = f->viewer, .tpl = f->tpl, .unit = f->unit, .today = f->today };
	int rc = 0;
	/* Priced only: the systems of templates with a catalogue, one
	 * template at a time, and no others read at all. */
	for (int i = 0; f->priced_only && !f->tpl && !rc && i < templates_count(); i++)
		if (templates_at(i)->ncatalogue) {
			lf.tpl = templates_at(i)->id;
			rc = ledger_list(s, &lf, each_system, run, err);
		}
	if (!f->priced_only || f->tpl)
		rc = ledger_list(s, &lf, each_system, run, err);
	int bad = fees_end(run);
	return rc ? rc : bad;
}

void fees_period(const fee_filter *f, char *out, size_t n)
{
	int y0, m0, y1, m1, d;
	date_ymd(f->first, &y0, &m0, &d);
	date_ymd(f->last, &y1, &m1, &d);
	if (y0 == y1 && m0 == m1)
		snprintf(out, n, "%d年%d月", y0, m0);
	else if (y0 == y1)
		snprintf(out, n, "%d年%d月至%d月", y0, m0, m1);
	else
		snprintf(out, n, "%d年%d月至%d年%d月", y0, m0, y1, m1);
}

/* ---- as text ---- */

typedef struct tctx {
	const fee_filter *f;
	buf *out;                       /* the body, spilled as it grows */
	FILE *spill;
	int items;
	long long sys;                  /* the system last written */
	char tpl[32], unit[256];
	double sys_sum, unit_sum, all;
	int nsys, priced, unit_priced;
} tctx;

static void close_system(tctx *t)
{
	if (t->sys && t->unit_priced)
		buf_printf(t->out, "    小计 %.2f 元\n", t->sys_sum);
	t->sys = 0;
	t->sys_sum = 0;
}

static void close_unit(tctx *t)
{
	close_system(t);
	if (t->unit[0] && t->unit_priced)
		buf_printf(t->out, "  单位合计 %.2f 元\n", t->unit_sum);
	if (t->unit[0])
		buf_puts(t->out, "\n");
	t->unit[0] = 0;
	t->unit_priced = 0;
	t->unit_sum = 0;
}

static int text_month(const fee_month *fm, void *ctx)
{
	tctx *t = ctx;
	const app_rec *r = &fm->sys->r;
	if (strcmp(t->tpl, r->template) || strcmp(t->unit, r->unit)) {
		close_unit(t);
		const template *tp = template_find(r->template);
		snprintf(t->tpl, sizeof t->tpl, "%s", r->template);
		snprintf(t->unit, sizeof t->unit, "%s", r->unit);
		buf_printf(t->out, "%s · %s\n", tp ? tp->name : r->template, r->unit);
	}
	if (t->sys != r->id) {
		close_system(t);
		t->sys = r->id;
		t->nsys++;
		buf_printf(t->out, "  #%lld %s%s%s　计费 %s 起%s%s\n", r->id, r->system, r->docno[0] ? "　" : "", r->docno,
			   fm->sys->bill_from, fm->sys->bill_to[0] ? "，止于 " : "", fm->sys->bill_to);
	}
	if (t->items) {
		buf_printf(t->out, "    %s 至 %s，%d/%d 天\n", fm->from, fm->to, fm->days, fm->month_days);
		for (int i = 0; i < fm->nitems; i++) {
			const fee_item *it = &fm->items[i];
			buf_printf(t->out, "      %s %g %s × %.2f 元 × %d/%d = %.2f 元\n", it->item->name, it->qty,
				   it->item->unit, it->price, it->days, fm->month_days, it->amount);
		}
		if (!fm->priced)
			buf_printf(t->out, "      vCPU %lld 核  内存 %lld GB  存储 %lld GB（本辖区服务目录未定价，只记使用天数和资源）\n",
				   r->totals.vcpu, r->totals.mem_gb, r->totals.storage_gb);
	} else {
		char amount[32] = "未定价";
		if (fm->priced)
			snprintf(amount, sizeof amount, "%.2f 元", fm->amount);
		buf_printf(t->out, "    %s  %2d/%d 天  vCPU %lld 核  内存 %lld GB  存储 %lld GB  %13s\n", fm->month,
			   fm->days, fm->month_days, r->totals.vcpu, r->totals.mem_gb, r->totals.storage_gb, amount);
	}
	t->priced |= fm->priced;
	t->unit_priced |= fm->priced;
	t->sys_sum += fm->amount;
	t->unit_sum += fm->amount;
	t->all += fm->amount;
	return buf_spill(t->out, t->spill, 1 << 16);   /* a province's year is not held in memory */
}

int fees_text(store *s, const fee_filter *f, int items, FILE *out, ys_err *err)
{
	/* The count and total come first but are known last: the body waits
	 * in a temporary file, and nothing reaches out on a failure. */
	FILE *tmp = tmpfile();
	if (!tmp)
		return err_set(err, "无法建立临时文件：%s", strerror(errno));
	buf body = { 0 };
	tctx t = { .f = f, .out = &body, .spill = tmp, .items = items };
	char period[64];
	fees_period(f, period, sizeof period);
	int rc = fees_each(s, f, text_month, &t, err);
	close_unit(&t);
	if (!rc && buf_spill(&body, tmp, 0))
		rc = err_set(err, "无法写入临时文件：%s", strerror(errno));
	buf_free(&body);
	if (rc) {
		fclose(tmp);
		return rc;
	}
	int y0, m0, y1, m1, d;
	date_ymd(f->first, &y0, &m0, &d);
	date_ymd(f->last, &y1, &m1, &d);
	fprintf(out, "政务云服务费用（%s）%s\n", period, y0 == y1 && m0 == m1 ? "" : "　年度使用报表");
	if (!t.nsys)
		fputs("这段时间没有计费的系统。\n", out);
	else if (t.priced)
		fprintf(out, "共 %d 个系统，合计 %.2f 元\n", t.nsys, t.all);
	else
		fprintf(out, "共 %d 个系统（服务目录未定价，不计费用）\n", t.nsys);
	fputs("\n", out);
	if (file_copy(tmp, out))
		rc = err_set(err, "无法输出费用报表：%s", strerror(errno));
	fclose(tmp);
	return rc;
}
