/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* evaluation.c - the provider's evaluation and the settlement
 * (evaluation.h). */
#include "config.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "evaluation.h"
#include "fees.h"
#include "text.h"
#include "usage.h"
#include "xlsx_util.h"

int eval_period(const template *t, const char *in, ys_date today, char norm[16], ys_err *err)
{
	const char *kind = t->eval.period;
	int y = 0, q = 0, m = 0;
	char tail;
	ys_date start;
	if (!strcmp(kind, "quarter") && (sscanf(in, "%4d-Q%1d%c", &y, &q, &tail) == 2 ||
					 sscanf(in, "%4d-q%1d%c", &y, &q, &tail) == 2) && q >= 1 && q <= 4) {
		snprintf(norm, 16, "%04d-Q%d", y, q);
		start = date_from_ymd(y, 3 * q - 2, 1);
	} else if (!strcmp(kind, "month") && sscanf(in, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12) {
		snprintf(norm, 16, "%04d-%02d", y, m);
		start = date_from_ymd(y, m, 1);
	} else if (!strcmp(kind, "year") && sscanf(in, "%4d%c", &y, &tail) == 1) {
		snprintf(norm, 16, "%04d", y);
		start = date_from_ymd(y, 1, 1);
	} else {
		const char *eg = !strcmp(kind, "quarter") ? "按季度，如 2026-Q3" : !strcmp(kind, "month") ? "按月，如 2026-10" : "按年，如 2026";
		return err_set(err, "考评期间“%s”无效（%s考评%s）", in, t->name, eg);
	}
	if (y < 2000 || y > 2999 || start > today)
		return err_set(err, "考评期间 %s 还没有开始", norm);
	return 0;
}

static const char *const office_roles[] = { ROLE_REVIEWER, ROLE_LEADER, ROLE_SUPERVISOR, ROLE_ADMIN, NULL };

int eval_add(store *s, const user *u, const template *t, const char *period, const char *unit,
	     const char *const *axes, const double *scores, int n, const char *reason, const char *now, ys_err *err)
{
	const struct tpl_eval *e = &t->eval;
	if (!e->naxes)
		return err_set(err, "%s的模板没有服务考评（evaluation）", t->name);
	int may = 0;
	for (int i = 0; !unit && office_roles[i]; i++)
		may |= user_has(u, office_roles[i], t->id, NULL);
	if (unit)
		may = user_has(u, ROLE_CLERK, t->id, NULL);
	if (!may)
		return err_set(err, unit ? "%s 没有%s的录入员角色，不能代单位录入考评" :
				      "%s 不是%s的审核人、领导或主管部门，不能以管理部门名义考评", u->login, t->name);
	if (unit && !*unit)
		return err_set(err, "代单位录入须写明单位（--unit）");
	if (!n)
		return err_set(err, "没有分数：写作 方面=分数，如 %s=92", e->axes[0].id);
	buf low = { 0 };
	for (int i = 0; i < n; i++) {
		int k = -1;
		for (int a = 0; a < e->naxes; a++)
			if (!strcmp(axes[i], e->axes[a].id) || !strcmp(axes[i], e->axes[a].label))
				k = a;
		if (k < 0) {
			buf b = { 0 };
			for (int a = 0; a < e->naxes; a++)
				buf_printf(&b, "%s%s（%s）", a ? "、" : "", e->axes[a].id, e->axes[a].label);
			err_set(err, "%s没有考评方面“%s”；可用：%s", t->name, axes[i], b.s);
			buf_free(&b);
			buf_free(&low);
			return -1;
		}
		if (!(scores[i] >= 0 && scores[i] <= e->scale)) {
			buf_free(&low);
			return err_set(err, "“%s”的分数 %g 无效（应为 0 到 %g）", e->axes[k].label, scores[i], e->scale);
		}
		if (scores[i] < e->low)
			buf_printf(&low, "%s%s %g 分", low.len ? "、" : "", e->axes[k].label, scores[i]);
	}
	char *why = text_trim(reason ? reason : "");
	if (low.len && !*why) {
		err_set(err, "%s低于 %g 分，须写明理由（--reason）", low.s, e->low);
		buf_free(&low);
		free(why);
		return -1;
	}
	buf_free(&low);
	int rc = store_begin(s, err);
	sqlite3_stmt *st = rc ? NULL : store_stmt(s, "INSERT OR REPLACE INTO evaluations(template, period, unit, login, axis, "
						 "score, reason, at) VALUES (:t, :p, :u, :login, :axis, :score, :why, :now)", err);
	for (int i = 0; st && !rc && i < n; i++) {
		const char *id = axes[i];
		for (int a = 0; a < e->naxes; a++)
			if (!strcmp(axes[i], e->axes[a].label))
				id = e->axes[a].id;
		store_bind_text(st, ":t", t->id);
		store_bind_text(st, ":p", period);
		store_bind_text(st, ":u", unit ? unit : "");
		store_bind_text(st, ":login", u->login);
		store_bind_text(st, ":axis", id);
		sqlite3_bind_double(st, sqlite3_bind_parameter_index(st, ":score"), scores[i]);
		store_bind_text(st, ":why", scores[i] < e->low ? why : "");
		store_bind_text(st, ":now", now);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, "保存考评");
		sqlite3_reset(st);
	}
	free(why);
	if (!st && !rc)
		rc = -1;
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

static double mean2(double a, double b)
{
	return a < 0 ? b : b < 0 ? a : (a + b) / 2;
}

int eval_summary(store *s, const template *t, const char *year, eval_sum **out, int *n, ys_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT period, axis, unit = '' AS office, avg(score), count(DISTINCT login || unit) "
				      "FROM evaluations WHERE template = :t AND (period = :y OR period LIKE :y || '-%') "
				      "GROUP BY period, axis, office ORDER BY period", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	store_bind_text(st, ":y", year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = store_text(st, 0);
		if (!*n || strcmp((*out)[*n - 1].period, p)) {
			eval_sum *e = XPUSH(*out, *n);
			snprintf(e->period, sizeof e->period, "%s", p);
			for (int a = 0; a < EVAL_AXES; a++)
				e->office[a] = e->units[a] = e->axis[a] = -1;
		}
		eval_sum *e = &(*out)[*n - 1];
		const char *axis = store_text(st, 1);
		for (int a = 0; a < t->eval.naxes && a < EVAL_AXES; a++)
			if (!strcmp(axis, t->eval.axes[a].id)) {
				int office = sqlite3_column_int(st, 2), who = sqlite3_column_int(st, 4);
				(office ? e->office : e->units)[a] = sqlite3_column_double(st, 3);
				int *cnt = office ? &e->n_office : &e->n_units;
				if (who > *cnt)
					*cnt = who;
			}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(s, err, "读取考评");
	}
	for (int i = 0; i < *n; i++) {
		eval_sum *e = &(*out)[i];
		double sum = 0;
		int k = 0;
		for (int a = 0; a < t->eval.naxes && a < EVAL_AXES; a++) {
			e->axis[a] = mean2(e->office[a], e->units[a]);
			if (e->axis[a] >= 0)
				sum += e->axis[a], k++;
		}
		e->score = k ? sum / k : -1;
	}
	return 0;
}

static double year_score(const eval_sum *es, int n)
{
	double sum = 0;
	int k = 0;
	for (int i = 0; i < n; i++)
		if (es[i].score >= 0)
			sum += es[i].score, k++;
	return k ? sum / k : -1;
}

int eval_lows(store *s, const template *t, const char *year, int (*cb)(const eval_low *, void *), void *ctx,
	      ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT period, CASE unit WHEN '' THEN '管理部门' ELSE unit END, login, axis, score, "
				      "reason FROM evaluations WHERE template = :t AND score < :low AND "
				      "(period = :y OR period LIKE :y || '-%') ORDER BY period, unit, login", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	store_bind_text(st, ":y", year);
	sqlite3_bind_double(st, sqlite3_bind_parameter_index(st, ":low"), t->eval.low);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char who[200];
		user_display(s, store_text(st, 2), who, sizeof who);    /* 姓名（登录名） */
		eval_low l = { store_text(st, 0), store_text(st, 1), who, store_text(st, 3),
			       sqlite3_column_double(st, 4), store_text(st, 5) };
		for (int a = 0; a < t->eval.naxes; a++)
			if (!strcmp(l.axis, t->eval.axes[a].id))
				l.axis = t->eval.axes[a].label;
		if (cb(&l, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取考评");
}

typedef struct low_ctx {
	buf *out;
	int *n;
} low_ctx;

static int low_line(const eval_low *l, void *ctx)
{
	low_ctx *c = ctx;
	buf_printf(c->out, "%s  %s %s，%s 录入：%s %.0f 分：%s\n", (*c->n)++ ? "" : "\n低分及理由：\n", l->period, l->who, l->login,
		   l->axis, l->score, l->reason);
	return 0;
}

int eval_text(store *s, const template *t, const char *year, buf *out, ys_err *err)
{
	eval_sum *es;
	int n;
	if (eval_summary(s, t, year, &es, &n, err))
		return -1;
	buf_printf(out, "%s 服务考评（%s，%s）\n", t->name, year, t->eval.article ? t->eval.article : "");
	double ys = year_score(es, n);
	if (ys >= 0)
		buf_printf(out, "年度得分 %.1f（%d 期的平均）\n", ys, n);
	else
		buf_puts(out, "还没有考评。\n");
	for (int i = 0; i < n; i++) {
		const eval_sum *e = &es[i];
		buf_printf(out, "\n%s  得分 %.1f（管理部门 %d 人，使用单位 %d 家）\n", e->period, e->score, e->n_office, e->n_units);
		for (int a = 0; a < t->eval.naxes && a < EVAL_AXES; a++) {
			int w = text_width(t->eval.axes[a].label);
			buf_printf(out, "  %s%*s", t->eval.axes[a].label, w < 10 ? 10 - w : 0, "");
			const double v[] = { e->office[a], e->units[a], e->axis[a] };
			const char *l[] = { "管理部门", "使用单位", "本项" };
			for (int k = 0; k < 3; k++)
				if (v[k] >= 0)
					buf_printf(out, "  %s %.1f", l[k], v[k]);
				else
					buf_printf(out, "  %s —", l[k]);
			if (e->axis[a] >= 0 && e->axis[a] < t->eval.low)
				buf_printf(out, "  低于 %g 分", t->eval.low);
			buf_puts(out, "\n");
		}
	}
	free(es);
	int k = 0;
	return eval_lows(s, t, year, low_line, &(low_ctx){ out, &k }, err);
}

/* ---- settlement ---- */

typedef struct sline {
	app_rec r;
	char month[8];
	double amount, idle;
} sline;

typedef struct sctx {
	sline *v;
	int n;
	int year;
	int idle_hosts;
} sctx;

static int gather_fee(const fee_month *fm, void *ctx)
{
	sctx *c = ctx;
	sline *l = XPUSH(c->v, c->n);
	l->r = fm->sys->r;
	snprintf(l->month, sizeof l->month, "%s", fm->month);
	l->amount = fm->amount;
	return 0;
}

/* An idle host's months take its share of its system's fee off. */
static int deduct_idle(const idle_host *h, void *ctx)
{
	sctx *c = ctx;
	int hit = 0;
	for (int i = 0; i < c->n; i++) {
		sline *l = &c->v[i];
		if (l->r.id == h->r.id && strcmp(l->month, h->first) >= 0 && strcmp(l->month, h->last) <= 0) {
			l->idle += round(l->amount / (double)(l->r.totals.hosts > 0 ? l->r.totals.hosts : 1) * 100) / 100;
			hit = 1;
		}
	}
	c->idle_hosts += hit;
	return 0;
}

static int settle_lines(store *s, const user *viewer, const template *t, int year, ys_date today, sctx *c,
			ys_err *err)
{
	memset(c, 0, sizeof *c);
	c->year = year;
	fee_filter f = { .viewer = viewer, .tpl = t->id, .first = date_from_ymd(year, 1, 1),
			 .last = date_from_ymd(year, 12, 31), .today = today };
	usage_filter uf = { .viewer = viewer, .tpl = t->id };
	if (fees_each(s, &f, gather_fee, c, err) || usage_idle(s, &uf, deduct_idle, c, err)) {
		free(c->v);
		return -1;
	}
	return 0;
}

static double band_pct(const template *t, double score)
{
	for (int i = 0; i < t->eval.nbands; i++)
		if (score >= t->eval.bands[i].min)
			return t->eval.bands[i].pct;
	return 0;
}

static int settle_from(store *s, const template *t, const sctx *c, settlement *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	out->year = c->year;
	long long last = 0;
	for (int i = 0; i < c->n; i++) {
		out->fees += c->v[i].amount;
		out->idle += c->v[i].idle;
		out->systems += c->v[i].r.id != last;
		last = c->v[i].r.id;
	}
	out->fees = round(out->fees * 100) / 100;
	out->idle = round(out->idle * 100) / 100;
	out->base = round((out->fees - out->idle) * 100) / 100;
	out->idle_hosts = c->idle_hosts;
	char y[8];
	snprintf(y, sizeof y, "%d", c->year);
	eval_sum *es;
	int n;
	if (eval_summary(s, t, y, &es, &n, err))
		return -1;
	out->score = year_score(es, n);
	out->periods = n;
	free(es);
	if (out->score < 0)
		return err_set(err, "%s %d 年还没有服务考评，不能结算（yunshen eval add 录入）", t->name, c->year);
	out->pct = band_pct(t, out->score);
	out->payable = round(out->base * out->pct) / 100;
	return 0;
}

int settle_year(store *s, const user *viewer, const template *t, int year, ys_date today, settlement *out,
		ys_err *err)
{
	if (!t->eval.nbands)
		return err_set(err, "%s的模板没有结算规则（evaluation.settlement）", t->name);
	sctx c;
	if (settle_lines(s, viewer, t, year, today, &c, err))
		return -1;
	int rc = settle_from(s, t, &c, out, err);
	free(c.v);
	return rc;
}

/* "90 分以上付 100%，80 分以上付 95%，…" */
static void bands_words(const template *t, buf *out)
{
	for (int i = 0; i < t->eval.nbands; i++)
		buf_printf(out, "%s%g 分以上付 %g%%", i ? "，" : "", t->eval.bands[i].min, t->eval.bands[i].pct);
}

int settle_text(const template *t, const settlement *st, buf *out)
{
	buf_printf(out, "%s %d 年政务云服务费用结算（%s）\n", t->name, st->year,
		   t->eval.settle_article ? t->eval.settle_article : "");
	buf_printf(out, "  服务目录费用（按天折算）  %14.2f 元（%d 个系统）\n", st->fees, st->systems);
	buf_printf(out, "  闲置资源核减              %14.2f 元（闲置主机 %d 台，按主机分摊其月费）\n", st->idle, st->idle_hosts);
	buf_printf(out, "  结算基数                  %14.2f 元\n", st->base);
	buf_printf(out, "  年度考评得分              %14.1f 分（%d 期的平均）\n", st->score, st->periods);
	buf_printf(out, "  结算比例                  %13g%%\n", st->pct);
	buf_printf(out, "  应付金额                  %14.2f 元\n", st->payable);
	buf_puts(out, "  规则：");
	bands_words(t, out);
	buf_puts(out, "\n");
	return 0;
}

typedef struct xlow {
	lxw_worksheet *ws;
	int *row;
	lxw_format *text, *num;
} xlow;

static int low_cell(const eval_low *l, void *ctx)
{
	xlow *x = ctx;
	int r = ++*x->row;
	const char *tx[] = { l->period, l->who, l->login, l->axis };
	for (int k = 0; k < 4; k++)
		xw_text(x->ws, r, k, tx[k], x->text);
	xw_number(x->ws, r, 4, l->score, x->num);
	xw_text(x->ws, r, 5, l->reason, x->text);
	return 0;
}

/* The header each part of the 费用明细 starts with (fmt: the head format). */
static void fee_head(lxw_worksheet *wf, void *fmt)
{
	static const char *const hf[] = { "编号", "申请单位", "系统名称", "月份", "费用（元）", "闲置核减（元）" };
	static const double wfw[] = { 8, 28, 28, 10, 14, 14 };
	for (int k = 0; k < 6; k++) {
		worksheet_set_column(wf, (lxw_col_t)k, (lxw_col_t)k, wfw[k], NULL);
		xw_text(wf, 0, k, hf[k], fmt);
	}
	worksheet_freeze_panes(wf, 1, 0);
}

int settle_xlsx(store *s, const user *viewer, const template *t, int year, ys_date today, const char *path,
		ys_err *err)
{
	if (!t->eval.nbands)
		return err_set(err, "%s的模板没有结算规则（evaluation.settlement）", t->name);
	sctx c;
	if (settle_lines(s, viewer, t, year, today, &c, err))
		return -1;
	settlement st;
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	eval_sum *es = NULL;
	int n = 0;
	if (settle_from(s, t, &c, &st, err) || eval_summary(s, t, y, &es, &n, err)) {
		free(c.v);
		return -1;
	}
	xw_book b;
	if (xw_open(&b, path, 0, err)) {
		free(c.v);
		free(es);
		return -1;
	}
	xw_style title = { .size = 16, .bold = 1 }, head = { .bold = 1, .border = 1, .shade = 1, .align = LXW_ALIGN_CENTER },
		 cell = { .border = 1 }, wrap = { .border = 1, .wrap = 1 }, money = { .border = 1, .num = "#,##0.00" }, score = { .border = 1, .num = "0.0" };
	lxw_format *ft = xw_fmt(&b, &title), *fh = xw_fmt(&b, &head), *fc = xw_fmt(&b, &cell), *fm = xw_fmt(&b, &money),
		   *fs = xw_fmt(&b, &score), *fw = xw_fmt(&b, &wrap);
	/* 结算汇总 */
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, "结算汇总");
	xw_print_a4(ws, 0, NULL);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 18, NULL);
	worksheet_set_column(ws, 2, 2, 50, NULL);
	char name[160], line[256];
	snprintf(name, sizeof name, "%s %d 年政务云服务费用结算", t->name, year);
	xw_text(ws, 0, 0, name, ft);
	snprintf(line, sizeof line, "依据：%s（据实结算：服务目录费用、资源使用情况评估、服务考评结果）",
		 t->eval.settle_article ? t->eval.settle_article : "");
	xw_text(ws, 1, 0, line, NULL);
	const char *hs[] = { "项目", "金额或分数", "说明" };
	for (int k = 0; k < 3; k++)
		xw_text(ws, 3, k, hs[k], fh);
	char note[5][160];
	snprintf(note[0], sizeof note[0], "%d 个系统，按审批配置和当日单价按天折算", st.systems);
	snprintf(note[1], sizeof note[1], "闲置主机 %d 台：闲置月份按主机数分摊系统月费", st.idle_hosts);
	snprintf(note[2], sizeof note[2], "服务目录费用 − 闲置资源核减");
	snprintf(note[3], sizeof note[3], "%d 期考评的平均", st.periods);
	buf bw = { 0 };
	bands_words(t, &bw);
	snprintf(note[4], sizeof note[4], "%s", bw.s);
	buf_free(&bw);
	const char *rows[] = { "服务目录费用（元）", "闲置资源核减（元）", "结算基数（元）", "年度考评得分", "结算比例（%）",
			       "应付金额（元）" };
	const double vals[] = { st.fees, st.idle, st.base, st.score, st.pct, st.payable };
	for (int k = 0; k < 6; k++) {
		xw_text(ws, 4 + k, 0, rows[k], fc);
		xw_number(ws, 4 + k, 1, vals[k], k == 3 || k == 4 ? fs : fm);
		xw_text(ws, 4 + k, 2, k < 5 ? note[k] : "结算基数 × 结算比例", fw);
	}
	/* 费用明细: a system a month, over as many sheets as it fills. */
	xw_long lf;
	xw_long_begin(&lf, &b, "费用明细", 6, c.n, fee_head, fh);
	for (int i = 0; i < c.n; i++) {
		int r;
		lxw_worksheet *wf = xw_long_row(&lf, &r);
		xw_number(wf, r, 0, (double)c.v[i].r.id, fc);
		xw_text(wf, r, 1, c.v[i].r.unit, fc);
		xw_text(wf, r, 2, c.v[i].r.system, fc);
		xw_text(wf, r, 3, c.v[i].month, fc);
		xw_number(wf, r, 4, c.v[i].amount, fm);
		xw_number(wf, r, 5, c.v[i].idle, fm);
	}
	xw_long_end(&lf);
	/* 考评 */
	lxw_worksheet *we = workbook_add_worksheet(b.wb, "考评");
	const char *he[] = { "期间", "考评方面", "管理部门", "使用单位", "本项得分", "本期得分" };
	for (int k = 0; k < 6; k++) {
		worksheet_set_column(we, (lxw_col_t)k, (lxw_col_t)k, k == 1 ? 16 : 11, NULL);
		xw_text(we, 0, k, he[k], fh);
	}
	int row = 1;
	for (int i = 0; i < n; i++)
		for (int a = 0; a < t->eval.naxes && a < EVAL_AXES; a++, row++) {
			xw_text(we, row, 0, es[i].period, fc);
			xw_text(we, row, 1, t->eval.axes[a].label, fc);
			const double v[] = { es[i].office[a], es[i].units[a], es[i].axis[a], a ? -1 : es[i].score };
			for (int k = 0; k < 4; k++)
				if (v[k] >= 0)
					xw_number(we, row, 2 + k, v[k], fs);
				else
					xw_text(we, row, 2 + k, "", fc);
		}
	/* The low scores below, each with its reason. */
	row += 1;
	const char *hl[] = { "期间", "评分方", "录入人", "考评方面", "分数", "理由" };
	for (int k = 0; k < 6; k++)
		xw_text(we, row, k, hl[k], fh);
	worksheet_set_column(we, 5, 5, 40, NULL);
	xlow xl = { we, &row, fc, fs };
	int lrc = eval_lows(s, t, y, low_cell, &xl, err);
	worksheet_freeze_panes(we, 1, 0);
	free(es);
	free(c.v);
	if (lrc) {
		xw_abort(&b);
		return -1;
	}
	lxw_doc_properties props = { .title = name, .author = "yunshen" };
	workbook_set_properties(b.wb, &props);
	return xw_close(&b, err);
}
