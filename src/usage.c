/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* usage.c - utilisation figures and idle hosts (usage.h). */
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "date.h"
#include "edits.h"
#include "followup.h"
#include "paths.h"
#include "template.h"
#include "text.h"
#include "usage.h"
#include "xlsx_read.h"
#include "xlsx_table.h"

enum { U_HOST, U_IP, U_MONTH, U_CPU_AVG, U_CPU_PEAK, U_MEM, U_STORAGE, U__N };

/* The headings providers write, made plain (no spaces, brackets, %). */
static const char *const heads[U__N][8] = {
	[U_HOST] = { "主机名", "主机", "主机名称", "云主机", "虚拟机", "虚拟机名称", "host", "hostname" },
	[U_IP] = { "ip", "ip地址" },
	[U_MONTH] = { "月份", "统计月份", "月", "month" },
	[U_CPU_AVG] = { "cpu平均", "cpu平均使用率", "cpu平均利用率", "cpu平均值", "cpu_avg" },
	[U_CPU_PEAK] = { "cpu峰值", "cpu峰值使用率", "cpu峰值利用率", "cpu最高", "cpu最大值", "cpu_peak" },
	[U_MEM] = { "内存使用率", "内存", "内存平均使用率", "内存利用率", "mem", "mem_pct" },
	[U_STORAGE] = { "存储已用", "已用存储", "存储使用量", "存储", "storage_used", "storage_gb" },
};
static const char *const head_names[U__N] = { "主机名", "IP", "月份", "CPU平均", "CPU峰值", "内存使用率", "存储已用" };

static void plain_head(const char *in, char *out, size_t n)
{
	size_t o = 0;
	int depth = 0;
	for (const char *p = in; *p && o + 1 < n; p++) {
		if (!strncmp(p, "（", 3) || *p == '(') {
			depth++;
			p += *p == '(' ? 0 : 2;
		} else if (!strncmp(p, "）", 3) || *p == ')') {
			depth -= depth > 0;
			p += *p == ')' ? 0 : 2;
		} else if (!depth && *p != ' ' && *p != '%' && *p != '\t') {
			out[o++] = (char)tolower((unsigned char)*p);
		}
	}
	out[o] = '\0';
}

/* A number and what follows it ("12.5 %" -> 12.5, "%"), spaces skipped:
 * 1 with *x and *unit set, 0 blank, -1 no number. */
static int number_and_unit(const char *s, double *x, const char **unit)
{
	char *end;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	*x = strtod(s, &end);
	if (end == s)
		return -1;
	while (*end == ' ')
		end++;
	*unit = end;
	return 1;
}

/* "12.5", "12.5%": a percent 0-100 into *v; blank -1. */
static int percent(const char *s, double *v)
{
	double x;
	const char *unit;
	int got = number_and_unit(s, &x, &unit);
	*v = -1;
	if (got <= 0)
		return got;
	if (*unit == '%')
		unit++;
	if (*unit || !(x >= 0 && x <= 100))
		return -1;
	*v = x;
	return 0;
}

/* "120", "120GB", "1.5TB": gigabytes; blank -1. */
static int gigabytes(const char *s, double *v)
{
	double x;
	const char *unit;
	int got = number_and_unit(s, &x, &unit);
	*v = -1;
	if (got <= 0)
		return got;
	double mult = !strcasecmp(unit, "TB") ? 1024 : !*unit || !strcasecmp(unit, "GB") || !strcasecmp(unit, "G") ? 1 : -1;
	if (mult < 0 || !(x >= 0 && x < 1e9))
		return -1;
	*v = x * mult;
	return 0;
}

static int read_rows(const char *path, csv_file *out, ys_err *err)
{
	size_t n, len;
	char *raw = file_read(path, 64L * 1024 * 1024, &n, err);
	if (!raw)
		return -1;
	if (n >= 4 && !memcmp(raw, "PK\003\004", 4)) {
		free(raw);
		return xlsx_read_first_sheet(path, out, err);
	}
	char *text = text_to_utf8(raw, n, &len, err);
	free(raw);
	if (!text)
		return -1;
	int rc = csv_parse(text, len, out, err);
	free(text);
	return rc;
}

static void refuse(usage_report *rep, int line, const char *host, const char *why)
{
	buf_printf(&rep->refused, "第 %d 行%s%s%s：%s\n", line, *host ? "（" : "", host, *host ? "）" : "", why);
	rep->nrefused++;
}

/* The delivered host a row names (by host name, else IP), its
 * application; 0 when none. */
static long long match(store *s, const char *host, const char *ip, char *name, size_t n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT app_id, host FROM deliveries WHERE (:h <> '' AND lower(host) = lower(:h)) "
				      "OR (:ip <> '' AND ip = :ip) ORDER BY (lower(host) = lower(:h)) DESC, id DESC LIMIT 1", err);
	if (!st)
		return -1;
	store_bind_text(st, ":h", host);
	store_bind_text(st, ":ip", ip);
	long long app = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		store_text_copy(st, 1, name, n);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? app : store_fail(s, err, "读取交付记录");
}

int usage_record(store *s, const user *u, const usage_row *r, const char *source, const char *now, int *replaced,
		 ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM usage WHERE host = :h AND month = :m", err);
	if (!st)
		return -1;
	store_bind_text(st, ":h", r->host);
	store_bind_text(st, ":m", r->month);
	*replaced = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	st = store_stmt(s, "INSERT OR REPLACE INTO usage(host, month, app_id, cpu_avg, cpu_peak, mem_pct, storage_gb, "
			"source, imported_at, imported_by) VALUES (:h, :m, :app, :avg, :peak, :mem, :sto, :src, :now, :by)", err);
	if (!st)
		return -1;
	store_bind_text(st, ":h", r->host);
	store_bind_text(st, ":m", r->month);
	store_bind_int(st, ":app", r->app);
	const char *names[] = { ":avg", ":peak", ":mem", ":sto" };
	const double vals[] = { r->cpu_avg, r->cpu_peak, r->mem_pct, r->storage_gb };
	for (int i = 0; i < 4; i++) {
		int k = sqlite3_bind_parameter_index(st, names[i]);
		if (vals[i] < 0)
			sqlite3_bind_null(st, k);
		else
			sqlite3_bind_double(st, k, vals[i]);
	}
	store_bind_text(st, ":src", source);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", u->login);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "保存利用率");
}

/* One data row: checked, matched, stored or refused with its reason. */
static int import_row(store *s, const user *u, const csv_row *row, const int *col, const char *source,
		      const char *now, usage_report *rep, ys_err *err)
{
	const char *cell[U__N];
	for (int k = 0; k < U__N; k++)
		cell[k] = col[k] >= 0 && col[k] < row->n ? row->cells[col[k]] : "";
	usage_row r = { .cpu_avg = -1 };
	char why[512];
	const char *host = *cell[U_HOST] ? cell[U_HOST] : cell[U_IP];
	rep->rows++;
	if (!*cell[U_HOST] && !*cell[U_IP])
		return refuse(rep, row->line, "", "没有主机名或 IP"), 0;
	/* A month, or a day of it (a date-formatted cell). */
	char m[11] = "";
	if (date_normalize(cell[U_MONTH], 1, m) && date_normalize(cell[U_MONTH], 0, m)) {
		snprintf(why, sizeof why, "月份“%s”无效（如 2026-10）", cell[U_MONTH]);
		return refuse(rep, row->line, host, why), 0;
	}
	snprintf(r.month, sizeof r.month, "%.7s", m);
	const int pk[] = { U_CPU_AVG, U_CPU_PEAK, U_MEM };
	double *pv[] = { &r.cpu_avg, &r.cpu_peak, &r.mem_pct };
	for (int i = 0; i < 3; i++)
		if (percent(cell[pk[i]], pv[i])) {
			snprintf(why, sizeof why, "%s“%s”不是 0 到 100 的百分数", head_names[pk[i]], cell[pk[i]]);
			return refuse(rep, row->line, host, why), 0;
		}
	if (r.cpu_peak < 0)
		return refuse(rep, row->line, host, "没有 CPU 峰值"), 0;
	if (gigabytes(cell[U_STORAGE], &r.storage_gb)) {
		snprintf(why, sizeof why, "存储已用“%s”无效（如 120 或 120GB、1.5TB）", cell[U_STORAGE]);
		return refuse(rep, row->line, host, why), 0;
	}
	r.app = match(s, cell[U_HOST], cell[U_IP], r.host, sizeof r.host, err);
	if (r.app < 0)
		return -1;
	if (!r.app)
		return refuse(rep, row->line, host, "没有与之对应的交付记录（主机名或 IP 不符，或尚未记录交付）"), 0;
	app_rec a;
	if (apps_get(s, r.app, &a, err))
		return -1;
	if (!user_is_admin(u) && !user_has(u, ROLE_OPS, a.template, a.county)) {
		snprintf(why, sizeof why, "属于申请 %lld（%s），%s 不是该辖区的运维", a.id, a.unit, u->login);
		return refuse(rep, row->line, host, why), 0;
	}
	int replaced;
	if (usage_record(s, u, &r, source, now, &replaced, err))
		return -1;
	rep->stored++;
	rep->replaced += replaced;
	return 0;
}

int usage_import(store *s, const user *u, const char *path, const char *now, usage_report *rep, ys_err *err)
{
	memset(rep, 0, sizeof *rep);
	if (!user_is_admin(u) && !user_has(u, ROLE_OPS, NULL, NULL))
		return err_set(err, "只有运维（云服务商）或管理员可以导入利用率（%s 不是）", u->login);
	csv_file f;
	if (read_rows(path, &f, err))
		return err_prefix(err, "文件 %s：", path);
	int col[U__N];
	for (int k = 0; k < U__N; k++)
		col[k] = -1;
	for (int i = 0; f.nrows && i < f.rows[0].n; i++) {
		char h[128];
		plain_head(f.rows[0].cells[i], h, sizeof h);
		for (int k = 0; k < U__N; k++)
			for (int a = 0; a < 8 && heads[k][a]; a++)
				if (col[k] < 0 && !strcmp(h, heads[k][a]))
					col[k] = i;
	}
	int rc = 0, began = 0;
	if (!f.nrows)
		rc = err_set(err, "文件 %s 是空的", path);
	else if ((col[U_HOST] < 0 && col[U_IP] < 0) || col[U_MONTH] < 0 || col[U_CPU_PEAK] < 0)
		rc = err_set(err, "文件 %s 的表头须有主机名（或 IP）、月份和 CPU峰值 三列；可有 CPU平均、内存使用率、存储已用", path);
	const char *source = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (!rc)
		rc = store_begin(s, err);
	began = !rc;
	for (int i = 1; !rc && i < f.nrows; i++)
		rc = import_row(s, u, &f.rows[i], col, source, now, rep, err);
	if (!rc && !rep->stored)
		rc = err_set(err, "文件 %s 没有一行能导入：\n%s", path, rep->refused.s ? rep->refused.s : "（没有数据行）\n");
	if (!rc)
		rc = store_commit(s, err);
	else if (began)
		store_rollback(s);
	csv_free(&f);
	return rc;
}

void usage_report_free(usage_report *rep)
{
	buf_free(&rep->refused);
}

/* ---- idle hosts ---- */

static int next_month(const char *a, const char *b)
{
	ys_date x, y;
	return !date_parse_month(a, &x) && !date_parse_month(b, &y) && date_add_months(x, 1) == y;
}

typedef struct icand {
	long long app;
	char host[128];
	char month[8][8];
	double peak[8], mem[8];
	int n;
} icand;

/* The rule on a host's months, latest first. */
static int rule_holds(const struct tpl_idle *rule, const icand *c, idle_host *out)
{
	if (c->n < rule->months)
		return 0;
	out->peak = 0;
	for (int i = 0; i < rule->months; i++) {
		if (i && !next_month(c->month[i], c->month[i - 1]))
			return 0;
		if (c->peak[i] >= rule->cpu_peak_below ||
		    (rule->mem_below > 0 && (c->mem[i] < 0 || c->mem[i] >= rule->mem_below)))
			return 0;
		if (c->peak[i] > out->peak)
			out->peak = c->peak[i];
	}
	snprintf(out->last, sizeof out->last, "%s", c->month[0]);
	snprintf(out->first, sizeof out->first, "%s", c->month[rule->months - 1]);
	out->months = rule->months;
	return 1;
}

static int flush(store *s, const usage_filter *f, const icand *c, int (*cb)(const idle_host *, void *), void *ctx,
		 int *stop, ys_err *err)
{
	idle_host h;
	memset(&h, 0, sizeof h);
	if (!c->app || apps_get(s, c->app, &h.r, err))
		return c->app ? -1 : 0;
	const template *t = template_find(h.r.template);
	if (!t || !t->idle.months || !apps_approved(&h.r) || (f->viewer && !user_sees(f->viewer, h.r.template, h.r.county)))
		return 0;
	snprintf(h.host, sizeof h.host, "%s", c->host);
	h.article = t->idle.article;
	if (rule_holds(&t->idle, c, &h))
		*stop = cb(&h, ctx);
	return 0;
}

int usage_idle(store *s, const usage_filter *f, int (*cb)(const idle_host *, void *), void *ctx, ys_err *err)
{
	/* One unit's (the warning at 受理) is read through that unit's
	 * applications: `:u IS NULL OR` would hide the index and read every
	 * application in service, 3 ms at 10,000 and growing. */
#define IDLE_SQL(unit) "SELECT u.app_id, u.host, u.month, u.cpu_peak, coalesce(u.mem_pct, -1) " \
		       "FROM usage u JOIN applications a ON a.id = u.app_id " \
		       "WHERE a.status IN ('" ST_DONE "', '" ST_PENDING "') AND (:t IS NULL OR a.template = :t) " \
		       unit " ORDER BY a.template, a.unit, u.app_id, u.host, u.month DESC"
	sqlite3_stmt *st = store_stmt(s, f->unit ? IDLE_SQL("AND a.unit = :u") : IDLE_SQL(""), err);
#undef IDLE_SQL
	if (!st)
		return -1;
	store_bind_text(st, ":t", f->tpl);
	store_bind_text(st, ":u", f->unit);
	/* Gathered first: the callback may read the database. */
	icand *cs = NULL;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long app = sqlite3_column_int64(st, 0);
		const char *host = store_text(st, 1);
		if (!n || cs[n - 1].app != app || strcmp(cs[n - 1].host, host)) {
			icand *c = XPUSH(cs, n);
			c->app = app;
			snprintf(c->host, sizeof c->host, "%s", host);
		}
		icand *c = &cs[n - 1];
		if (c->n < 8) {
			snprintf(c->month[c->n], sizeof c->month[0], "%s", store_text(st, 2));
			c->peak[c->n] = sqlite3_column_double(st, 3);
			c->mem[c->n] = sqlite3_column_double(st, 4);
			c->n++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(cs);
		return store_fail(s, err, "读取利用率");
	}
	int stop = 0;
	rc = 0;
	for (int i = 0; !rc && !stop && i < n; i++)
		rc = flush(s, f, &cs[i], cb, ctx, &stop, err);
	free(cs);
	return rc;
}

typedef struct wctx {
	const template *t;
	buf *out;
	int n;
} wctx;

static void idle_words(buf *out, const idle_host *h, double below)
{
	buf_printf(out, "#%lld %s %s（%s至%s CPU 峰值最高 %.1f%%，低于 %g%%）", h->r.id, h->r.system, h->host, h->first,
		   h->last, h->peak, below);
}

static int warn_one(const idle_host *h, void *ctx)
{
	wctx *w = ctx;
	buf_puts(w->out, w->n++ ? "、" : "该单位有闲置资源：");
	idle_words(w->out, h, w->t->idle.cpu_peak_below);
	return 0;
}

int usage_unit_warning(store *s, const app_rec *r, buf *out, ys_err *err)
{
	const template *t = template_find(r->template);
	const tpl_flow *fl = t ? template_flow(t, r->kind) : NULL;
	if (!t || !t->idle.months || strcmp(r->kind, KIND_APPLY) || strcmp(r->status, ST_PENDING) || !fl ||
	    !fl->nsteps || strcmp(fl->steps[0].id, r->step))
		return 0;
	usage_filter f = { .tpl = r->template, .unit = r->unit };
	wctx w = { t, out, 0 };
	if (usage_idle(s, &f, warn_one, &w, err))
		return -1;
	if (w.n)
		buf_printf(out, "；按%s%s", t->idle.article ? t->idle.article : "", t->idle.action ? t->idle.action : "处理");
	return w.n > 0;
}

/* ---- as text ---- */

typedef struct tctx {
	store *s;
	buf *out;
	int n;
} tctx;

static int text_idle(const idle_host *h, void *ctx)
{
	tctx *t = ctx;
	const template *tp = template_find(h->r.template);
	buf_printf(t->out, "  #%lld %s · %s %s\n    %s：%s至%s CPU 峰值最高 %.1f%%，低于 %g%%（%s）\n", h->r.id,
		   tp ? tp->name : h->r.template, h->r.unit, h->r.system, h->host, h->first, h->last, h->peak,
		   tp ? tp->idle.cpu_peak_below : 0, h->article ? h->article : "");
	t->n++;
	return 0;
}

static void pct(buf *b, double v)
{
	if (v < 0)
		buf_puts(b, "      —");
	else
		buf_printf(b, " %5.1f%%", v);
}

int usage_text(store *s, const usage_filter *f, const char *month, buf *out, ys_err *err)
{
	buf idle = { 0 };
	tctx t = { s, &idle, 0 };
	if (usage_idle(s, f, text_idle, &t, err)) {
		buf_free(&idle);
		return -1;
	}
	buf_printf(out, "闲置主机（按模板的闲置规则，如 CPU 峰值连续 3 个月低于 5%%）：%d 台\n%s", t.n,
		   idle.s ? idle.s : "");
	buf_free(&idle);
	sqlite3_stmt *st = store_stmt(s, "SELECT a.template, a.county, a.id, a.unit, a.system, u.host, u.month, "
				      "coalesce(u.cpu_avg, -1), u.cpu_peak, coalesce(u.mem_pct, -1), coalesce(u.storage_gb, -1) "
				      "FROM usage u JOIN applications a ON a.id = u.app_id "
				      "WHERE (:t IS NULL OR a.template = :t) AND (:u IS NULL OR a.unit = :u) "
				      "AND (:m IS NULL AND u.month >= (SELECT max(month) FROM usage) OR u.month = :m) "
				      "ORDER BY a.template, a.unit, a.id, u.host, u.month", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", f->tpl);
	store_bind_text(st, ":u", f->unit);
	store_bind_text(st, ":m", month);
	buf_printf(out, "\n%s各主机利用率：\n    月份     主机                  CPU平均 CPU峰值    内存   存储已用\n",
		   month ? month : "最近一月");
	int rc, n = 0;
	long long last = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (f->viewer && !user_sees(f->viewer, store_text(st, 0), store_text(st, 1)))
			continue;
		long long app = sqlite3_column_int64(st, 2);
		if (app != last)
			buf_printf(out, "  #%lld %s %s\n", app, store_text(st, 3), store_text(st, 4));
		last = app;
		buf_printf(out, "    %-8s %-20s", store_text(st, 6), store_text(st, 5));
		pct(out, sqlite3_column_double(st, 7));
		pct(out, sqlite3_column_double(st, 8));
		pct(out, sqlite3_column_double(st, 9));
		double gb = sqlite3_column_double(st, 10);
		if (gb < 0)
			buf_puts(out, "        —");
		else
			buf_printf(out, " %7.0f GB", gb);
		buf_puts(out, "\n");
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "读取利用率");
	if (!n)
		buf_puts(out, "  （还没有导入利用率：运维用 yunshen usage import 文件 导入服务商的月报）\n");
	return 0;
}

/* ---- proposals ---- */

typedef struct pctx {
	long long app;
	buf why;
	double below;
	int n;
} pctx;

static int why_of(const idle_host *h, void *ctx)
{
	pctx *p = ctx;
	if (h->r.id != p->app)
		return 0;
	buf_puts(&p->why, p->n++ ? "、" : "");
	idle_words(&p->why, h, p->below);
	return 0;
}

int usage_propose(store *s, const user *u, long long app, const char *kind, const char *now, long long *id,
		  ys_err *err)
{
	if (strcmp(kind, KIND_TERMINATE) && strcmp(kind, KIND_CHANGE))
		return err_set(err, "“%s”不是建议的类型（reclaim 回收、downsize 降配）", kind);
	app_rec r;
	if (apps_get_as(s, u, app, &r, err))
		return -1;
	const template *t = template_find(r.template);
	pctx p = { .app = app, .below = t ? t->idle.cpu_peak_below : 0 };
	usage_filter f = { .tpl = r.template, .unit = r.unit };
	if (usage_idle(s, &f, why_of, &p, err))
		return buf_free(&p.why), -1;
	if (!p.n) {
		buf_free(&p.why);
		return err_set(err, "申请 %lld 没有闲置的主机（yunshen usage 查看闲置主机）", app);
	}
	app_data *d;
	if (followup_new(s, u, app, kind, &d, err)) {
		buf_free(&p.why);
		return -1;
	}
	/* The reason, where the form asks one and it is empty. */
	char reason[1024];
	snprintf(reason, sizeof reason, "资源闲置（%s）：建议%s。", p.why.s,
		 !strcmp(kind, KIND_TERMINATE) ? "回收" : "降配");
	buf_free(&p.why);
	for (int i = 0; i < d->form->nfields; i++) {
		const tpl_field *fl = &d->form->fields[i];
		if ((fl->type == F_TEXT || fl->type == F_TEXTAREA) && !*d->vals[i] &&
		    (strstr(fl->id, "reason") || strstr(fl->label, "原因") || strstr(fl->label, "理由"))) {
			app_set(d, i, reason);
			break;
		}
	}
	int rc = store_begin(s, err);
	if (!rc) {
		rc = edits_create(s, u, d, app, now, id, err);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, err);
	}
	app_data_free(d);
	return rc;
}

/* ---- the quarterly 云资源利用情况表 ---- */

typedef struct idset {
	long long *app;
	char (*host)[128];
	int n;
} idset;

static int remember_idle(const idle_host *h, void *ctx)
{
	idset *s = ctx;
	if (!(s->n & (s->n - 1))) {
		size_t room = s->n ? 2 * (size_t)s->n : 1;
		s->app = xrealloc(s->app, room * sizeof *s->app);
		s->host = xrealloc(s->host, room * sizeof *s->host);
	}
	s->app[s->n] = h->r.id;
	snprintf(s->host[s->n], sizeof s->host[0], "%s", h->host);
	s->n++;
	return 0;
}

int usage_quarter(store *s, const usage_filter *f, const char *quarter, int (*cb)(const usage_qrow *, void *),
		  void *ctx, ys_err *err)
{
	int y, q;
	char tail;
	if (!quarter || sscanf(quarter, "%4d-Q%1d%c", &y, &q, &tail) != 2 || q < 1 || q > 4 || y < 2000)
		return err_set(err, "季度“%s”无效（如 2026-Q3）", quarter ? quarter : "");
	char m[3][8];
	for (int k = 0; k < 3; k++)
		snprintf(m[k], sizeof m[k], "%04d-%02d", y, 3 * q - 2 + k);
	idset idle = { 0 };
	if (usage_idle(s, f, remember_idle, &idle, err))
		return -1;
	sqlite3_stmt *st = store_stmt(s, "SELECT u.app_id, u.host, count(*), coalesce(avg(u.cpu_avg), -1), max(u.cpu_peak), "
				      "coalesce(avg(u.mem_pct), -1), coalesce(max(u.storage_gb), -1) "
				      "FROM usage u JOIN applications a ON a.id = u.app_id "
				      "WHERE u.month IN (:m1, :m2, :m3) AND (:t IS NULL OR a.template = :t) "
				      "AND (:u IS NULL OR a.unit = :u) GROUP BY u.app_id, u.host "
				      "ORDER BY a.template, a.unit, u.app_id, u.host", err);
	int rc = st ? 0 : -1;
	usage_qrow *rows = NULL;
	int n = 0;
	if (st) {
		store_bind_text(st, ":m1", m[0]);
		store_bind_text(st, ":m2", m[1]);
		store_bind_text(st, ":m3", m[2]);
		store_bind_text(st, ":t", f->tpl);
		store_bind_text(st, ":u", f->unit);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			usage_qrow *r = XPUSH(rows, n);
			r->r.id = sqlite3_column_int64(st, 0);
			store_text_copy(st, 1, r->host, sizeof r->host);
			r->months = sqlite3_column_int(st, 2);
			r->cpu_avg = sqlite3_column_double(st, 3);
			r->cpu_peak = sqlite3_column_double(st, 4);
			r->mem_pct = sqlite3_column_double(st, 5);
			r->storage_gb = sqlite3_column_double(st, 6);
		}
		sqlite3_reset(st);
		rc = rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取利用率");
	}
	int stop = 0;
	for (int i = 0; !rc && !stop && i < n; i++) {
		usage_qrow *r = &rows[i];
		if ((rc = apps_get(s, r->r.id, &r->r, err)))
			break;
		if (f->viewer && !user_sees(f->viewer, r->r.template, r->r.county))
			continue;
		for (int k = 0; k < idle.n && !r->idle; k++)
			r->idle = idle.app[k] == r->r.id && !strcmp(idle.host[k], r->host);
		stop = cb(r, ctx);
	}
	free(rows);
	free(idle.app);
	free(idle.host);
	return rc;
}

typedef struct qtext {
	buf *out;
	long long last;
	int n, idle;
} qtext;

static int quarter_line(const usage_qrow *r, void *ctx)
{
	qtext *q = ctx;
	if (r->r.id != q->last)
		buf_printf(q->out, "  #%lld %s %s\n", r->r.id, r->r.unit, r->r.system);
	q->last = r->r.id;
	buf_printf(q->out, "    %-20s %d 个月", r->host, r->months);
	pct(q->out, r->cpu_avg);
	pct(q->out, r->cpu_peak);
	pct(q->out, r->mem_pct);
	if (r->storage_gb < 0)
		buf_puts(q->out, "        —");
	else
		buf_printf(q->out, " %7.0f GB", r->storage_gb);
	buf_printf(q->out, "%s\n", r->idle ? "  闲置" : "");
	q->n++;
	q->idle += r->idle;
	return 0;
}

int usage_quarter_text(store *s, const usage_filter *f, const char *quarter, buf *out, ys_err *err)
{
	buf body = { 0 };
	qtext q = { &body, 0, 0, 0 };
	int rc = usage_quarter(s, f, quarter, quarter_line, &q, err);
	if (!rc) {
		buf_printf(out, "云资源利用情况表（%s）：%d 台主机，其中闲置 %d 台\n", quarter, q.n, q.idle);
		buf_puts(out, "    主机                 月数  CPU平均 CPU峰值    内存   存储已用\n");
		buf_puts(out, body.s ? body.s : "  （本季度没有导入的利用率）\n");
	}
	buf_free(&body);
	return rc;
}

typedef struct qx {
	xt t;
	int n, idle;
} qx;

static int quarter_cell(const usage_qrow *r, void *ctx)
{
	qx *x = ctx;
	xt *t = &x->t;
	const template *tp = template_find(r->r.template);
	xt_text(t, 0, tp ? tp->name : r->r.template);
	xt_text(t, 1, r->r.unit);
	xt_text(t, 2, r->r.system);
	xt_num(t, 3, (double)r->r.id, 0);
	xt_text(t, 4, r->host);
	xt_num(t, 5, r->months, 0);
	xt_pct(t, 6, r->cpu_avg);
	xt_pct(t, 7, r->cpu_peak);
	xt_pct(t, 8, r->mem_pct);
	xt_num(t, 9, r->storage_gb, 0);
	xt_text(t, 10, r->idle ? "闲置" : "");
	xt_next(t);
	x->n++;
	x->idle += r->idle;
	return 0;
}

int usage_quarter_xlsx(store *s, const usage_filter *f, const char *quarter, const char *path, ys_err *err)
{
	static const char *const h[] = { "辖区", "使用单位", "系统名称", "编号", "主机", "月数", "CPU 平均使用率",
					 "CPU 峰值", "内存使用率", "存储已用（GB）", "闲置" };
	static const double w[] = { 12, 26, 26, 7, 20, 6, 10, 10, 10, 11, 7 };
	char title[96], sub[256];
	snprintf(title, sizeof title, "云资源利用情况表（%s）", quarter);
	snprintf(sub, sizeof sub, "本季度各月服务商报送的利用率：CPU 平均、内存为各月平均，CPU 峰值、存储为各月最高；"
		 "闲置按模板的闲置规则（至导出时）");
	qx x = { .n = 0 };
	if (xt_open(&x.t, path, "利用情况", title, sub, h, w, 11, 1, err))
		return -1;
	if (usage_quarter(s, f, quarter, quarter_cell, &x, err)) {
		xw_abort(&x.t.b);
		return -1;
	}
	char note[128];
	snprintf(note, sizeof note, "共 %d 台主机，其中闲置 %d 台。", x.n, x.idle);
	return xt_close(&x.t, note, err);
}
