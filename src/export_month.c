/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* export_month.c - the monthly report for leadership.
 *
 * Memory. libxlsxwriter's constant_memory mode is per workbook: rows must
 * go in order within a sheet, and are flushed to a temporary file as each
 * row ends. A summary in normal mode plus detail sheets in constant memory
 * in one file is therefore not possible, and a second workbook is not what
 * a leader opens. So the whole workbook is written in constant_memory
 * mode: every figure of the first sheet is worked out by SQL (GROUP BY
 * over temporary tables) before its first row is written, the summary
 * needs no merged range but its one-row title (which that mode allows),
 * and each sheet has its own temporary file, so the fee detail sheet can
 * be streamed while the fees are summed and the summary written after
 * it. Detail rows stream from SQLite straight into the file: 100,000
 * applications take seconds and a few megabytes.
 *
 * Definitions (all driven by the templates, no county named here):
 * received = submitted in the month; accepted / not accepted = the flow's
 * first step signed in the month, passing or returning/refusing;
 * approved = its last review step passed; delivered = an apply flow's
 * first ops step signed; changed, terminated = change and terminate
 * applications completed. In use = delivered and not terminated by the
 * month's end, with the resources of the application as delivered.
 * Deadlines: each step signed in the month with a deadline, met when
 * signed on or before it; open and overdue at the month's end (or today,
 * for the current month) counted apart. Fees: the month's charge of the
 * resources in use at the catalogue prices of the prices table. */
#include "config.h"
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "apps.h"
#include "buf.h"
#include "date.h"
#include "deliveries.h"
#include "capacity.h"
#include "duties.h"
#include "fees.h"
#include "usage.h"
#include "ledger.h"
#include "export.h"
#include "template.h"
#include "workdays.h"
#include "render.h"
#include "verify.h"
#include "xlsx_util.h"

#define NCOLS 10           /* summary columns A..J */
#define TOP_UNITS 10
/* The first page's two charts side by side (480 x 288 px scaled): the
 * first from column A, the second from column E. */
#define CHART_X 0.96
#define CHART_Y 1.9

typedef struct mfmt {
	lxw_format *title, *sub, *h2, *head, *text, *num, *money, *pct, *date, *datetime, *total_t, *total_n,
		*total_m, *note, *warn, *plain, *num1;
	/* Detail sheets: no borders (gridlines print instead), blanks not written. */
	lxw_format *d_text, *d_num, *d_money, *d_date, *d_datetime;
} mfmt;

typedef struct mctx {
	store *s;
	sqlite3 *db;
	const user *viewer;
	char month[8], m0[32], m1[32], asof[11], now[17];
	char code[64];             /* the history's 校验码 when exported */
	ys_date dasof;
	int current;               /* the month is not over yet */
	xw_book *b;
	mfmt f;
	ys_err *err;
	int rc;
	int chart_row;             /* where the first page keeps its two charts */
	const export_month_info *info;   /* its progress callback */
	pool (*pools)[CAP_ZONES];  /* each template's pools (as the viewer may see), read once */
	int *npools;
	double received;           /* 本月收件, as the headline block counted it (it comes first) */
} mctx;

/* Template i's pools, read on first use (a zoned pool reads every
 * application's rows). */
static int pools_of(mctx *m, int i, pool **out)
{
	if (!m->pools) {
		m->pools = xcalloc((size_t)templates_count() + 1, sizeof *m->pools);
		m->npools = xcalloc((size_t)templates_count() + 1, sizeof *m->npools);
		for (int k = 0; k <= templates_count(); k++)
			m->npools[k] = -2;
	}
	if (m->npools[i] == -2) {
		const template *t = templates_at(i);
		ys_err e;
		m->npools[i] = m->viewer && !user_sees(m->viewer, t->id, NULL) ? 0 : capacity_pools(m->s, t, m->pools[i], &e);
		if (m->npools[i] < 0 && !m->rc)
			m->rc = err_set(m->err, "资源池：%s", e.msg);
	}
	*out = m->pools[i];
	return m->npools[i] < 0 ? 0 : m->npools[i];
}


/* Rows written of a sheet so far, every PROGRESS_EVERY and at the end. */
static void progress(mctx *m, const char *what, const char *unit, long long done, long long total, int last)
{
	progress_tick(m->info ? &m->info->progress : NULL, what, unit, done, total, last);
}

static long long count_of(mctx *m, const char *sql);

/* ---- SQL helpers ---- */

static int q_fail(mctx *m, const char *what)
{
	if (!m->rc)
		m->rc = err_set(m->err, "月报：%s失败：%s", what, sqlite3_errmsg(m->db));
	return -1;
}

static sqlite3_stmt *q(mctx *m, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (m->rc)
		return NULL;
	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK) {
		q_fail(m, "查询");
		return NULL;
	}
	int i;
	if ((i = sqlite3_bind_parameter_index(st, ":m0")))
		sqlite3_bind_text(st, i, m->m0, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":m1")))
		sqlite3_bind_text(st, i, m->m1, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":asof")))
		sqlite3_bind_text(st, i, m->asof, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":current")))
		sqlite3_bind_int(st, i, m->current);
	return st;
}

static long long count_of(mctx *m, const char *sql)
{
	sqlite3_stmt *st = q(m, sql);
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return n;
}

static void exec(mctx *m, const char *sql)
{
	sqlite3_stmt *st = q(m, sql);
	if (!st)
		return;
	int r = sqlite3_step(st);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		q_fail(m, "统计");
	sqlite3_finalize(st);
}

/* ys_sees(template, county): may the viewer read it? */
static void fn_sees(sqlite3_context *cx, int n, sqlite3_value **v)
{
	(void)n;
	const user *u = sqlite3_user_data(cx);
	const char *t = (const char *)sqlite3_value_text(v[0]), *c = (const char *)sqlite3_value_text(v[1]);
	sqlite3_result_int(cx, !u || user_sees(u, t ? t : "", c ? c : ""));
}

/* ys_signer(login, name, for_login, for_name): who signed, as the
 * history shows it (user_signer). */
static void fn_signer(sqlite3_context *cx, int n, sqlite3_value **v)
{
	(void)n;
	const char *a[4];
	for (int i = 0; i < 4; i++)
		a[i] = (const char *)sqlite3_value_text(v[i]);
	char out[200];
	user_signer(a[0] ? a[0] : "", a[1], a[2], a[3], out, sizeof out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* ys_overdue(deadline, asof): past the deadline by the one clock rule
 * (what the queue marks 超期). */
static void fn_overdue(sqlite3_context *cx, int n, sqlite3_value **v)
{
	(void)n;
	const char *dl = (const char *)sqlite3_value_text(v[0]), *at = (const char *)sqlite3_value_text(v[1]);
	ys_date a, b;
	int days;
	sqlite3_result_int(cx, dl && at && !date_parse(dl, &b) && !date_parse(at, &a) &&
			   deadline_state(b, a, &days) == DUE_OVERDUE);
}

/* ---- the flows, as tables SQL can join ---- */

static const char *verdict(int to)
{
	switch (to) {
	case TO_RETURN: return "return";
	case TO_REJECT: return "reject";
	case TO_EXTEND: return "extend";
	default: return "pass";
	}
}

static void load_flows(mctx *m)
{
	exec(m, "CREATE TEMP TABLE ys_tpl(template TEXT PRIMARY KEY, name TEXT, ord INT, cap_vcpu INT, "
		"cap_mem INT, cap_storage INT, warn_pct INT, catalogue INT)");
	exec(m, "CREATE TEMP TABLE ys_step(template TEXT, kind TEXT, step TEXT, name TEXT, ord INT, "
		"first INT, approve INT, deliver INT, dl TEXT, flow TEXT, PRIMARY KEY(template, kind, step))");
	exec(m, "CREATE TEMP TABLE ys_act(template TEXT, kind TEXT, step TEXT, action TEXT, verdict TEXT, "
		"PRIMARY KEY(template, kind, step, action))");
	sqlite3_stmt *t = q(m, "INSERT INTO ys_tpl VALUES (:t, :name, :ord, :vcpu, :mem, :storage, :warn, :cat)");
	sqlite3_stmt *s = q(m, "INSERT INTO ys_step VALUES (:t, :kind, :step, :name, :ord, :first, :approve, :deliver, :dl, :flow)");
	sqlite3_stmt *a = q(m, "INSERT INTO ys_act VALUES (:t, :kind, :step, :action, :verdict)");
	for (int i = 0; t && s && a && i < templates_count(); i++) {
		const template *tp = templates_at(i);
		sqlite3_reset(t);
		store_bind_text(t, ":t", tp->id);
		store_bind_text(t, ":name", tp->name);
		store_bind_int(t, ":ord", i);
		store_bind_int(t, ":vcpu", tp->cap_vcpu);
		store_bind_int(t, ":mem", tp->cap_mem_gb);
		store_bind_int(t, ":storage", tp->cap_storage_gb);
		store_bind_int(t, ":warn", tp->cap_warn_pct);
		store_bind_int(t, ":cat", tp->ncatalogue > 0);
		if (sqlite3_step(t) != SQLITE_DONE)
			q_fail(m, "模板表");
		for (int k = 0; k < tp->nflows; k++) {
			const tpl_flow *fl = &tp->flows[k];
			int approve = -1, deliver = -1;
			for (int j = 0; j < fl->nsteps; j++) {
				if (fl->steps[j].review)
					approve = j;
				if (deliver < 0 && !strcmp(fl->steps[j].role, ROLE_OPS))
					deliver = j;
			}
			for (int j = 0; j < fl->nsteps; j++) {
				const tpl_step *st = &fl->steps[j];
				char dl[64] = "";
				if (st->dl_n >= 0)
					snprintf(dl, sizeof dl, "%d 个%s", st->dl_n, st->dl_calendar ? "日历日" : "工作日");
				sqlite3_reset(s);
				store_bind_text(s, ":t", tp->id);
				store_bind_text(s, ":kind", fl->kind);
				store_bind_text(s, ":step", st->id);
				store_bind_text(s, ":name", st->name);
				store_bind_int(s, ":ord", j);
				store_bind_int(s, ":first", j == 0);
				store_bind_int(s, ":approve", j == approve);
				store_bind_int(s, ":deliver", j == deliver && !strcmp(fl->kind, KIND_APPLY));
				store_bind_text(s, ":dl", dl);
				store_bind_text(s, ":flow", fl->label);
				if (sqlite3_step(s) != SQLITE_DONE)
					q_fail(m, "流程表");
				for (int x = 0; x < st->nactions; x++) {
					sqlite3_reset(a);
					store_bind_text(a, ":t", tp->id);
					store_bind_text(a, ":kind", fl->kind);
					store_bind_text(a, ":step", st->id);
					store_bind_text(a, ":action", st->actions[x].id);
					store_bind_text(a, ":verdict", verdict(st->actions[x].to));
					if (sqlite3_step(a) != SQLITE_DONE)
						q_fail(m, "动作表");
				}
			}
		}
	}
	sqlite3_finalize(t);
	sqlite3_finalize(s);
	sqlite3_finalize(a);
	/* What each history says by the month's end, from two passes over
	 * the history in its own order rather than three lookups per
	 * application: the last change of state (the largest id, written
	 * before the state so that max() picks it) and the termination; and
	 * the first signature of every step that delivers in some flow,
	 * checked against the application's own flow below. */
	exec(m, "CREATE TEMP TABLE ys_hist(id INTEGER PRIMARY KEY, st TEXT, terminated TEXT)");
	/* SQLite's rule for a lone max(): the bare status_to is the one of
	 * the row holding it. */
	exec(m, "INSERT INTO ys_hist(id, st) SELECT app_id, status_to FROM (SELECT app_id, max(id), status_to "
		"FROM events WHERE +at < :m1 AND status_to <> '' AND app_id IS NOT NULL GROUP BY +app_id)");
	exec(m, "UPDATE ys_hist SET terminated = t.at FROM (SELECT app_id, min(at) AS at FROM events "
		"WHERE status_to = 'terminated' AND +at < :m1 GROUP BY +app_id) t WHERE ys_hist.id = t.app_id");
	/* Signatures taken back (recall.c) count for nothing. */
	exec(m, "CREATE TEMP TABLE ys_recalled(id INTEGER PRIMARY KEY)");
	exec(m, "INSERT OR IGNORE INTO ys_recalled SELECT CAST(old AS INTEGER) FROM events WHERE kind = 'recall' "
		"AND app_id IS NOT NULL");
	exec(m, "CREATE TEMP TABLE ys_dstep(app_id INTEGER, step TEXT, at TEXT, PRIMARY KEY(app_id, step))");
	exec(m, "INSERT INTO ys_dstep SELECT app_id, step, min(at) FROM events WHERE kind = 'act' AND +at < :m1 "
		"AND step IN (SELECT step FROM ys_step WHERE deliver) AND id NOT IN temp.ys_recalled "
		"GROUP BY +app_id, step");
	/* Every application the viewer may see that existed by the month's
	 * end: its state then, when it was delivered and terminated, and what
	 * the detail sheet shows - the one pass over the applications table,
	 * whose rows carry the form data and are the bulk of the file. */
	exec(m, "CREATE TEMP TABLE ys_app(id INTEGER PRIMARY KEY, template, kind, unit, county, docno, system, "
		"supervisor, status, step, step_since, deadline, submitted_at, done_at, st, delivered, terminated, "
		"hosts, vcpu, mem_gb, storage_gb, bandwidth)");
	exec(m, "INSERT INTO ys_app SELECT a.id, a.template, a.kind, a.unit, a.county, "
		"a.docno, a.system, a.supervisor, a.status, a.step, a.step_since, a.deadline, a.submitted_at, "
		"a.done_at, CASE WHEN :current THEN a.status ELSE coalesce(h.st, 'draft') END, "
		"(SELECT min(x.at) FROM ys_dstep x CROSS JOIN ys_step s ON s.template = a.template AND s.kind = a.kind "
		"  AND s.step = x.step AND s.deliver WHERE x.app_id = a.id), "   /* CROSS: the key's order */
		"h.terminated, a.hosts, a.vcpu, a.mem_gb, a.storage_gb, a.bandwidth "
		"FROM applications a LEFT JOIN ys_hist h ON h.id = a.id "
		"WHERE a.created_at < :m1 AND ys_sees(a.template, a.county)");
	exec(m, "DROP TABLE temp.ys_hist");
	exec(m, "DROP TABLE temp.ys_dstep");
	/* In use at the month's end. */
	exec(m, "CREATE TEMP TABLE ys_use AS SELECT * FROM ys_app WHERE kind = 'apply' AND delivered IS NOT NULL "
		"AND terminated IS NULL AND st NOT IN ('rejected', 'withdrawn')");
	exec(m, "CREATE TEMP TABLE ys_fee(app INTEGER PRIMARY KEY, fee REAL)");
	/* The month's events (one range scan of the events index, in its
	 * order: time, then id), and its acts with what they mean, in the
	 * same order, which the sheet of acts is read in. */
	exec(m, "CREATE TEMP TABLE ys_mev AS SELECT e.id, e.app_id, e.kind, e.status_to, a.template, "
		"a.kind AS app_kind, a.unit, a.docno "
		"FROM events e JOIN ys_app a ON a.id = e.app_id WHERE e.at >= :m0 AND e.at < :m1 ORDER BY e.at, e.id");
	exec(m, "CREATE TEMP TABLE ys_mact AS SELECT e.id, e.app_id, v.at, "
		"ys_signer(v.login, v.name, v.for_login, v.for_name) AS login, v.step, v.action, v.label, "
		"v.opinion, v.deadline, e.template, e.app_kind AS kind, e.unit, e.docno, s.name AS step_name, s.ord, s.first, "
		"s.approve, s.deliver, coalesce(x.verdict, 'pass') AS verdict "
		"FROM ys_mev e JOIN events v ON v.id = e.id "
		"LEFT JOIN ys_step s ON s.template = e.template AND s.kind = e.app_kind AND s.step = v.step "
		"LEFT JOIN ys_act x ON x.template = e.template AND x.kind = e.app_kind AND x.step = v.step "
		"  AND x.action = v.action "
		"WHERE e.kind = 'act' AND e.id NOT IN temp.ys_recalled ORDER BY e.rowid");
	exec(m, "CREATE INDEX temp.ys_mact_app ON ys_mact(app_id)");
	exec(m, "CREATE INDEX temp.ys_mact_step ON ys_mact(template, kind, step)");
	/* Steps open past their deadline at the month's end: today for the
	 * current month; for a past one, a step signed later whose deadline
	 * had passed by then, or one still pending since before. */
	exec(m, "CREATE TEMP TABLE ys_open AS "
		"SELECT x.template, x.kind, x.step, x.id AS app FROM ys_app x "
		"  WHERE x.status = 'pending' AND (:current OR x.step_since < :m1) AND ys_overdue(x.deadline, :asof) "
		"UNION "
		"SELECT y.template, y.kind, e.step, e.app_id FROM events e JOIN ys_app y ON y.id = e.app_id "
		"  WHERE NOT :current AND y.st = 'pending' AND e.kind = 'act' AND e.at >= :m1 "
		"  AND ys_overdue(e.deadline, :asof) AND e.id NOT IN temp.ys_recalled");
}

/* Per unit: received, delivered and in use, fees (after fees()). */
static void unit_tables(mctx *m)
{
	exec(m, "CREATE TEMP TABLE ys_unit AS SELECT k.template, k.unit, "
		"coalesce(r.n, 0) AS recv, coalesce(d.n, 0) AS dn, coalesce(d.vcpu, 0) AS dvcpu, "
		"coalesce(d.mem, 0) AS dmem, coalesce(d.sto, 0) AS dsto, coalesce(u.n, 0) AS un, "
		"coalesce(u.vcpu, 0) AS uvcpu, coalesce(u.mem, 0) AS umem, coalesce(u.sto, 0) AS usto, f.fee "
		"FROM (SELECT DISTINCT template, unit FROM ys_app WHERE unit <> '') k "
		"LEFT JOIN (SELECT template, unit, count(DISTINCT app_id) n FROM ys_mev WHERE kind = 'submit' "
		"  GROUP BY template, unit) r ON r.template = k.template AND r.unit = k.unit "
		"LEFT JOIN (SELECT template, unit, count(*) n, sum(vcpu) vcpu, sum(mem_gb) mem, sum(storage_gb) sto "
		"  FROM ys_app WHERE delivered >= :m0 AND delivered < :m1 GROUP BY template, unit) d "
		"  ON d.template = k.template AND d.unit = k.unit "
		"LEFT JOIN (SELECT template, unit, count(*) n, sum(vcpu) vcpu, sum(mem_gb) mem, sum(storage_gb) sto "
		"  FROM ys_use GROUP BY template, unit) u ON u.template = k.template AND u.unit = k.unit "
		"LEFT JOIN (SELECT x.template, x.unit, sum(f.fee) fee FROM ys_fee f JOIN ys_app x ON x.id = f.app "
		"  GROUP BY x.template, x.unit) f ON f.template = k.template AND f.unit = k.unit");
}

/* ---- formats ---- */

static void make_formats(mctx *m)
{
	xw_style st;
#define F(field, ...) do { st = (xw_style){ __VA_ARGS__ }; if (!st.size) st.size = 10.5; \
		m->f.field = xw_fmt(m->b, &st); } while (0)
	F(title, .size = 16, .bold = 1);
	F(sub, .size = 9, .color = 0x595959);
	F(h2, .size = 12, .bold = 1);
	F(head, .bold = 1, .shade = 1, .border = 1, .wrap = 1, .align = LXW_ALIGN_CENTER);
	F(text, .border = 1, .text = 1);
	F(plain, .text = 1);
	F(num, .border = 1, .num = "#,##0");
	F(num1, .border = 1, .num = "0.0");
	F(money, .border = 1, .num = "#,##0.00");
	F(pct, .border = 1, .num = "0.0%");
	F(date, .border = 1, .num = "yyyy-mm-dd", .align = LXW_ALIGN_CENTER);
	F(datetime, .border = 1, .num = "yyyy-mm-dd hh:mm", .align = LXW_ALIGN_CENTER);
	F(total_t, .border = 1, .bold = 1, .shade = 1, .text = 1);
	F(total_n, .border = 1, .bold = 1, .shade = 1, .num = "#,##0");
	F(total_m, .border = 1, .bold = 1, .shade = 1, .num = "#,##0.00");
	F(note, .size = 9, .color = 0x595959, .text = 1);
	F(warn, .border = 1, .bold = 1, .color = 0xC00000, .text = 1);
	F(d_text, .text = 1);
	F(d_num, .num = "#,##0");
	F(d_money, .num = "#,##0.00");
	F(d_date, .num = "yyyy-mm-dd", .align = LXW_ALIGN_CENTER);
	F(d_datetime, .num = "yyyy-mm-dd hh:mm", .align = LXW_ALIGN_CENTER);
#undef F
}

/* ---- the summary sheet ---- */

typedef struct sheet {
	lxw_worksheet *ws;
	int row;
} sheet;

static void heads(mctx *m, sheet *sh, const char *const *h, int n)
{
	for (int i = 0; i < n; i++)
		xw_text(sh->ws, sh->row, i, h[i], m->f.head);
	worksheet_set_row(sh->ws, (lxw_row_t)sh->row, 30, NULL);
	sh->row++;
}

static void h2(mctx *m, sheet *sh, const char *title)
{
	sh->row++;
	xw_text(sh->ws, sh->row, 0, title, m->f.h2);
	worksheet_set_row(sh->ws, (lxw_row_t)sh->row, 20, NULL);
	sh->row++;
}

/* A totals row: SUM formulas (our own, over our own cells) with the
 * value cached, so a reader without recalculation sees it too. */
static void totals(mctx *m, sheet *sh, int first, int ncol, const double *sum, const int *money, const char *label)
{
	xw_text(sh->ws, sh->row, 0, label, m->f.total_t);
	for (int c = 1; c < ncol; c++) {
		char f[96], a[16], b[16];
		lxw_rowcol_to_cell(a, (lxw_row_t)first, (lxw_col_t)c);
		lxw_rowcol_to_cell(b, (lxw_row_t)(sh->row - 1), (lxw_col_t)c);
		snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
		if (sh->row > first)
			xw_check(worksheet_write_formula_num(sh->ws, (lxw_row_t)sh->row, (lxw_col_t)c, f,
						    money && money[c] ? m->f.total_m : m->f.total_n, sum[c]), sh->row, c);
		else
			xw_number(sh->ws, sh->row, c, 0, m->f.total_n);
	}
	sh->row++;
}

/* Rows under a chart. In constant_memory mode a row's height is gone
 * once the row is written, and the chart's anchor is worked out at the
 * end from default heights (15 pt): so these rows keep the default, and
 * the chart (480 x 288 px scaled) ends where the anchor says. */
static void reserve_rows(sheet *sh, double y_scale)
{
	sh->row += (int)ceil(288 * y_scale * 0.75 / 15) + 1;
}

static void month_cn(const char *ym, char *out, size_t n)
{
	snprintf(out, n, "%.4s年%d月", ym, atoi(ym + 5));
}

/* ---- the first page: the figures a leader decides by ---- */

typedef struct hl {
	mctx *m;
	sheet *sh;
} hl;

/* One headline: label, a figure in its format, a note beside it. */
static void headline(hl *h, const char *label, double v, lxw_format *f, const char *note)
{
	mctx *m = h->m;
	sheet *sh = h->sh;
	xw_text(sh->ws, sh->row, 0, label, m->f.text);
	xw_number(sh->ws, sh->row, 1, v, f);
	xw_check(worksheet_merge_range(sh->ws, (lxw_row_t)sh->row, 2, (lxw_row_t)sh->row, NCOLS - 1, "", m->f.text), sh->row, 2);
	xw_text(sh->ws, sh->row, 2, note, m->f.text);
	sh->row++;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int count_idle(const idle_host *h, void *ctx)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

typedef struct dcount {
	ys_date today;
	int open, overdue, week;
} dcount;

static int count_duty(const duty_rec *d, void *ctx)
{
	dcount *c = ctx;
	ys_date due;
	c->open++;
	if (!date_parse(d->due, &due)) {
		c->overdue += due < c->today;
		c->week += due >= c->today && due <= c->today + 7;
	}
	return 0;
}

static void block_headlines(mctx *m, sheet *sh, double fees, int any_fee)
{
	static const char *const h[] = { "要点", "数值", "说明" };
	h2(m, sh, "要点");
	xw_text(sh->ws, sh->row, 0, h[0], m->f.head);
	xw_text(sh->ws, sh->row, 1, h[1], m->f.head);
	xw_check(worksheet_merge_range(sh->ws, (lxw_row_t)sh->row, 2, (lxw_row_t)sh->row, NCOLS - 1, "", m->f.head), sh->row, 2);
	xw_text(sh->ws, sh->row, 2, h[2], m->f.head);
	sh->row++;
	hl x = { m, sh };
	char note[512];
	/* Received and decided, and how long a decision took. */
	double recv = 0, appr = 0, rej = 0, noacc = 0;
	sqlite3_stmt *st = q(m, "SELECT (SELECT count(DISTINCT app_id) FROM ys_mev WHERE kind = 'submit'), "
			     "count(DISTINCT CASE WHEN approve AND verdict = 'pass' THEN app_id END), "
			     "count(DISTINCT CASE WHEN verdict = 'reject' THEN app_id END), "
			     "count(DISTINCT CASE WHEN first AND verdict = 'return' THEN app_id END) FROM ys_mact");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		recv = m->received = sqlite3_column_double(st, 0);
		appr = sqlite3_column_double(st, 1);
		rej = sqlite3_column_double(st, 2);
		noacc = sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	headline(&x, "本月收件（件）", recv, m->f.num, "本月提交（含补正后重新提交）的申请");
	snprintf(note, sizeof note, "审核通过 %.0f 件、不同意 %.0f 件、不予受理 %.0f 件", appr, rej, noacc);
	headline(&x, "本月作出决定（件）", appr + rej + noacc, m->f.num, note);
	int *wd = NULL, nwd = 0;
	st = q(m, "SELECT a.submitted_at, max(x.at) FROM ys_mact x JOIN ys_app a ON a.id = x.app_id "
		  "WHERE (x.approve AND x.verdict = 'pass') OR x.verdict = 'reject' OR (x.first AND x.verdict = 'return') "
		  "GROUP BY x.app_id");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		ys_date a, b;
		if (!date_parse(store_text(st, 0), &a) && !date_parse(store_text(st, 1), &b) && b >= a)
			*XPUSH(wd, nwd) = workdays_between(a, b);
	}
	sqlite3_finalize(st);
	if (nwd) {
		qsort(wd, (size_t)nwd, sizeof *wd, cmp_int);
		double med = nwd % 2 ? wd[nwd / 2] : (wd[nwd / 2 - 1] + wd[nwd / 2]) / 2.0;
		snprintf(note, sizeof note, "本月作出决定的 %d 件，从提交到决定的工作日数（最短 %d，最长 %d）", nwd, wd[0],
			 wd[nwd - 1]);
		headline(&x, "提交至决定（工作日，中位数）", med, m->f.num1, note);
	} else {
		xw_text(sh->ws, sh->row++, 0, "提交至决定：本月没有作出决定的申请", m->f.text);
	}
	free(wd);
	/* Overdue now, of what is pending. */
	double pend = 0, over = 0;
	st = q(m, "SELECT (SELECT count(*) FROM ys_app WHERE st = 'pending'), (SELECT count(DISTINCT app) FROM ys_open)");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		pend = sqlite3_column_double(st, 0);
		over = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	snprintf(note, sizeof note, "在办 %.0f 件，超期率 %.0f%%（截至 %s）", pend, pend > 0 ? 100 * over / pend : 0, m->asof);
	headline(&x, "超期未办（件）", over, m->f.num, note);
	/* Resources in service and each pool against its line. */
	st = q(m, "SELECT count(*), coalesce(sum(vcpu), 0), coalesce(sum(mem_gb), 0), coalesce(sum(storage_gb), 0) FROM ys_use");
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(note, sizeof note, "%.0f 个系统：内存 %.0f GB，存储 %.0f GB", sqlite3_column_double(st, 0),
			 sqlite3_column_double(st, 2), sqlite3_column_double(st, 3));
		headline(&x, "月末在用 vCPU（核）", sqlite3_column_double(st, 1), m->f.num, note);
	}
	sqlite3_finalize(st);
	ys_err e;
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		pool *ps;
		int np = pools_of(m, i, &ps);
		for (int z = 0; z < np; z++) {
			double worst = -1;
			buf b = { 0 };
			for (int k = 0; k < CAP__N; k++) {
				double pct = capacity_share(&ps[z], k, 0);
				if (pct < 0)
					continue;
				buf_printf(&b, "%s%s %.0f%%", b.len ? "，" : "", capacity_name(k), pct);
				if (pct > worst)
					worst = pct;
			}
			snprintf(note, sizeof note, "%s；预警线 %d%%%s", b.s ? b.s : "", ps[z].warn_pct,
				 ps[z].warn_pct > 0 && worst >= ps[z].warn_pct ? "，已超过，须启动扩容" : "");
			buf_free(&b);
			char label[1536];
			snprintf(label, sizeof label, "资源池 %s%s%s（导出时已占用，%%）", t->name, ps[z].zone[0] ? " " : "", ps[z].zone);
			headline(&x, label, worst / 100, m->f.pct, note);
		}
	}
	if (any_fee)
		headline(&x, "本月费用（元）", fees, m->f.money, "服务目录单价按天折算，明细见“费用明细”");
	int idle = 0;
	usage_filter uf = { .viewer = m->viewer };
	if (usage_idle(m->s, &uf, count_idle, &idle, &e) == 0)
		headline(&x, "闲置主机（台）", idle, m->f.num, "CPU 峰值连续数月低于模板的闲置线（yunshen usage 列出）");
	dcount dc = { .today = clock_today() };
	duty_filter df = { .viewer = m->viewer, .within = -1, .today = dc.today };
	if (duties_each(m->s, &df, count_duty, &dc, &e) == 0) {
		snprintf(note, sizeof note, "其中超期 %d 项，7 天内到期 %d 项（等保备案、期满通知、报告等）", dc.overdue, dc.week);
		headline(&x, "未办到期事项（项）", dc.open, m->f.num, note);
	}
}

/* One: the month's counts per jurisdiction. */
/* Rows of a label and ncol - 1 counts from st (finalized here), then a
 * totals row. */
static void count_rows(mctx *m, sheet *sh, sqlite3_stmt *st, int ncol)
{
	double sum[16] = { 0 };
	int first = sh->row;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		xw_text(sh->ws, sh->row, 0, store_text(st, 0), m->f.text);
		for (int c = 1; c < ncol && c < 16; c++) {
			double v = sqlite3_column_double(st, c);
			xw_number(sh->ws, sh->row, c, v, m->f.num);
			sum[c] += v;
		}
		sh->row++;
	}
	sqlite3_finalize(st);
	totals(m, sh, first, ncol, sum, NULL, "合计");
}

static void block_counts(mctx *m, sheet *sh)
{
	static const char *const h[] = { "辖区", "收件", "受理", "不予受理", "审核通过", "不同意", "开通",
					 "变更完成", "注销完成" };
	h2(m, sh, "一、本月办理（件）");
	heads(m, sh, h, 9);
	/* One pass over the month's events, one over its acts. */
	sqlite3_stmt *st = q(m,
		"SELECT t.name, coalesce(e.recv, 0), coalesce(x.acc, 0), coalesce(x.noacc, 0), coalesce(x.appr, 0), "
		"coalesce(x.rej, 0), coalesce(x.dlv, 0), coalesce(e.chg, 0), coalesce(e.term, 0) "
		"FROM ys_tpl t "
		"LEFT JOIN (SELECT template, "
		"  count(DISTINCT CASE WHEN kind = 'submit' THEN app_id END) recv, "
		"  count(DISTINCT CASE WHEN status_to = 'done' AND app_kind = 'change' THEN app_id END) chg, "
		"  count(DISTINCT CASE WHEN status_to = 'done' AND app_kind = 'terminate' THEN app_id END) term "
		"  FROM ys_mev GROUP BY template) e ON e.template = t.template "
		"LEFT JOIN (SELECT template, "
		"  count(DISTINCT CASE WHEN first AND verdict = 'pass' THEN app_id END) acc, "
		"  count(DISTINCT CASE WHEN first AND verdict IN ('return', 'reject') THEN app_id END) noacc, "
		"  count(DISTINCT CASE WHEN approve AND verdict = 'pass' THEN app_id END) appr, "
		"  count(DISTINCT CASE WHEN verdict = 'reject' THEN app_id END) rej, "
		"  count(DISTINCT CASE WHEN deliver AND verdict = 'pass' THEN app_id END) dlv "
		"  FROM ys_mact GROUP BY template) x ON x.template = t.template "
		"WHERE EXISTS (SELECT 1 FROM ys_app a WHERE a.template = t.template) ORDER BY t.ord");
	count_rows(m, sh, st, 9);
	xw_text(sh->ws, sh->row++, 0, "受理：首个环节签署通过；不予受理：首个环节退回或不同意；审核通过：最后一个审核环节通过；"
		"开通：资源申请的运维环节签署；变更、注销完成：变更、注销申请办结。", m->f.note);
}

/* Two: where every application stands (what `yunshen list` shows). */
static void block_states(mctx *m, sheet *sh)
{
	static const char *const h[] = { "辖区", "草稿", "在办", "其中超期", "退回补正", "不同意", "已办结",
					 "已撤回", "已注销", "合计" };
	char t[128], d[32];
	ys_date a;
	date_parse(m->asof, &a);
	date_cn(a, d, sizeof d);
	snprintf(t, sizeof t, "二、申请状态（截至 %s，全部申请）", d);
	h2(m, sh, t);
	heads(m, sh, h, 10);
	sqlite3_stmt *st = q(m,
		"SELECT t.name, sum(a.st = 'draft'), sum(a.st = 'pending'), "
		"(SELECT count(DISTINCT o.app) FROM ys_open o WHERE o.template = t.template), "
		"sum(a.st = 'returned'), sum(a.st = 'rejected'), sum(a.st = 'done'), sum(a.st = 'withdrawn'), "
		"sum(a.st = 'terminated'), count(*) "
		"FROM ys_tpl t JOIN ys_app a ON a.template = t.template GROUP BY t.template ORDER BY t.ord");
	count_rows(m, sh, st, 10);
	xw_text(sh->ws, sh->row++, 0, "已办结：流程走完（已开通、正式运行、运行中、已变更、已注销等）；"
		"已注销：资源申请因注销或终止而结束。", m->f.note);
}

/* Three: deadlines per step. */
static void block_deadlines(mctx *m, sheet *sh)
{
	static const char *const h[] = { "辖区 · 流程 · 环节", "时限", "本月签署", "按期", "超期", "按期率",
					 "月末超期未签" };
	h2(m, sh, "三、办理时限（按环节；签署日不晚于期限为按期）");
	heads(m, sh, h, 7);
	sqlite3_stmt *st = q(m,
		"SELECT t.name || ' · ' || s.flow || ' · ' || s.name, s.dl, coalesce(g.n, 0), coalesce(g.met, 0), "
		"(SELECT count(*) FROM ys_open o WHERE o.template = s.template AND o.kind = s.kind AND o.step = s.step) "
		"FROM ys_step s JOIN ys_tpl t ON t.template = s.template "
		"LEFT JOIN (SELECT template, kind, step, count(*) n, sum(substr(at, 1, 10) <= deadline) met "
		"  FROM ys_mact WHERE coalesce(deadline, '') <> '' GROUP BY template, kind, step) g "
		"  ON g.template = s.template AND g.kind = s.kind AND g.step = s.step "
		"WHERE s.dl <> '' AND EXISTS (SELECT 1 FROM ys_app a WHERE a.template = s.template AND a.kind = s.kind) "
		"ORDER BY t.ord, CASE s.kind WHEN 'apply' THEN 0 WHEN 'change' THEN 1 WHEN 'terminate' THEN 2 ELSE 3 END, "
		"s.ord");
	double sum[7] = { 0 };
	int first = sh->row;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		double n = sqlite3_column_double(st, 2), met = sqlite3_column_double(st, 3),
		       open = sqlite3_column_double(st, 4);
		if (n == 0 && open == 0)
			continue;   /* a step nobody signed and nobody waits at */
		xw_text(sh->ws, sh->row, 0, store_text(st, 0), m->f.text);
		xw_text(sh->ws, sh->row, 1, store_text(st, 1), m->f.text);
		xw_number(sh->ws, sh->row, 2, n, m->f.num);
		xw_number(sh->ws, sh->row, 3, met, m->f.num);
		xw_number(sh->ws, sh->row, 4, n - met, n - met > 0 ? m->f.num : m->f.num);
		if (n > 0)
			xw_number(sh->ws, sh->row, 5, met / n, m->f.pct);
		else
			xw_text(sh->ws, sh->row, 5, "", m->f.text);
		xw_number(sh->ws, sh->row, 6, open, m->f.num);
		sum[2] += n;
		sum[3] += met;
		sum[4] += n - met;
		sum[6] += open;
		sh->row++;
	}
	sqlite3_finalize(st);
	if (sh->row == first) {
		xw_text(sh->ws, sh->row++, 0, "本月没有签署有时限的环节，也没有超期未签的申请。", m->f.note);
		return;
	}
	xw_text(sh->ws, sh->row, 0, "合计", m->f.total_t);
	xw_text(sh->ws, sh->row, 1, "", m->f.total_t);
	char f[96], a[16], b[16];
	for (int c = 2; c < 7; c++) {
		if (c == 5) {
			char n[16], mt[16];
			lxw_rowcol_to_cell(n, (lxw_row_t)sh->row, 2);
			lxw_rowcol_to_cell(mt, (lxw_row_t)sh->row, 3);
			snprintf(f, sizeof f, "=IF(%s>0,%s/%s,\"\")", n, mt, n);
			xw_style ps = { .size = 10.5, .border = 1, .bold = 1, .shade = 1 };
			snprintf(ps.num, sizeof ps.num, "0.0%%");
			if (sum[2] > 0)
				xw_check(worksheet_write_formula_num(sh->ws, (lxw_row_t)sh->row, 5, f, xw_fmt(m->b, &ps), sum[3] / sum[2]), sh->row, 5);
			else
				xw_text(sh->ws, sh->row, 5, "", m->f.total_t);
			continue;
		}
		lxw_rowcol_to_cell(a, (lxw_row_t)first, (lxw_col_t)c);
		lxw_rowcol_to_cell(b, (lxw_row_t)(sh->row - 1), (lxw_col_t)c);
		snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
		xw_check(worksheet_write_formula_num(sh->ws, (lxw_row_t)sh->row, (lxw_col_t)c, f, m->f.total_n, sum[c]), sh->row, c);
	}
	sh->row++;
}

/* Detail cells: empty ones are not written at all. */
static void d_text(mctx *m, lxw_worksheet *ws, int row, int col, const char *s)
{
	if (s && *s)
		xw_text(ws, row, col, s, m->f.d_text);
}

static void d_date(mctx *m, lxw_worksheet *ws, int row, int col, const char *s, int with_time)
{
	if (s && *s)
		xw_date(ws, row, col, s, with_time, with_time ? m->f.d_datetime : m->f.d_date);
}

/* A deadline: a date, or in a year not yet published the text the
 * screens show, 暂定 and all. */
static void d_deadline(mctx *m, lxw_worksheet *ws, int row, int col, const char *dl)
{
	ys_date dd;
	char pd[40];
	if (*dl && !date_parse(dl, &dd) && workdays_provisional(dd))
		d_text(m, ws, row, col, render_deadline(dl, pd, sizeof pd));
	else
		d_date(m, ws, row, col, dl, 0);
}

/* The month's fees (fees.h), per system into ys_fee and item by item
 * into the fee sheet. */
typedef struct fsheet {
	mctx *m;
	xw_long *fs;            /* NULL: no template has a catalogue */
	sqlite3_stmt *ins;
	double grand;
	long long n;
} fsheet;

static int fee_row(const fee_month *fm, void *ctx)
{
	fsheet *x = ctx;
	mctx *m = x->m;
	const app_rec *r = &fm->sys->r;
	const template *t = template_find(r->template);
	for (int i = 0; x->fs && i < fm->nitems; i++) {
		const fee_item *it = &fm->items[i];
		int row;
		lxw_worksheet *ws = xw_long_row(x->fs, &row);
		char days[64];
		xw_number(ws, row, 0, (double)r->id, m->f.d_num);
		d_text(m, ws, row, 1, r->docno);
		d_text(m, ws, row, 2, t ? t->name : r->template);
		d_text(m, ws, row, 3, r->unit);
		d_text(m, ws, row, 4, r->system);
		d_text(m, ws, row, 5, it->item->name);
		d_text(m, ws, row, 6, it->item->unit);
		xw_number(ws, row, 7, it->qty, m->f.d_money);
		xw_number(ws, row, 8, it->price, m->f.d_money);
		snprintf(days, sizeof days, "%.5s至%.5s", it->from + 5, it->to + 5);
		d_text(m, ws, row, 9, days);
		snprintf(days, sizeof days, "%d/%d", it->days, fm->month_days);
		d_text(m, ws, row, 10, days);
		xw_number(ws, row, 11, it->amount, m->f.d_money);
	}
	x->grand += fm->amount;
	progress(m, "计算费用", "个系统", ++x->n, 0, 0);
	sqlite3_reset(x->ins);
	store_bind_int(x->ins, ":app", r->id);
	sqlite3_bind_double(x->ins, sqlite3_bind_parameter_index(x->ins, ":fee"), fm->amount);
	if (sqlite3_step(x->ins) != SQLITE_DONE)
		q_fail(m, "费用");
	return m->rc != 0;
}

/* Four: resources by jurisdiction; five: the pools. */
static void block_resources(mctx *m, sheet *sh, int any_fee)
{
	static const char *const h[] = { "辖区", "本月开通（件）", "开通 vCPU（核）", "开通内存（GB）",
					 "开通存储（GB）", "在用（件）", "在用 vCPU（核）", "在用内存（GB）",
					 "在用存储（GB）", "月费用（元）" };
	h2(m, sh, "四、资源分配（按辖区；在用为月末已开通且未注销的资源申请）");
	heads(m, sh, h, any_fee ? 10 : 9);
	sqlite3_stmt *st = q(m,
		"SELECT t.name, d.n, d.vcpu, d.mem, d.sto, u.n, u.vcpu, u.mem, u.sto, "
		"(SELECT sum(f.fee) FROM ys_fee f JOIN ys_app x ON x.id = f.app WHERE x.template = t.template), t.catalogue "
		"FROM ys_tpl t "
		"LEFT JOIN (SELECT a.template, count(*) n, sum(a.vcpu) vcpu, sum(a.mem_gb) mem, sum(a.storage_gb) sto "
		"  FROM ys_app a WHERE a.delivered >= :m0 AND a.delivered < :m1 GROUP BY a.template) d "
		"  ON d.template = t.template "
		"LEFT JOIN (SELECT template, count(*) n, sum(vcpu) vcpu, sum(mem_gb) mem, sum(storage_gb) sto "
		"  FROM ys_use GROUP BY template) u ON u.template = t.template "
		"WHERE EXISTS (SELECT 1 FROM ys_app a WHERE a.template = t.template) ORDER BY t.ord");
	double sum[10] = { 0 };
	int money[10] = { [9] = 1 };
	int first = sh->row;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		xw_text(sh->ws, sh->row, 0, store_text(st, 0), m->f.text);
		for (int c = 1; c < 9; c++) {
			double v = sqlite3_column_double(st, c);
			xw_number(sh->ws, sh->row, c, v, m->f.num);
			sum[c] += v;
		}
		if (any_fee) {
			if (sqlite3_column_int(st, 10)) {
				double v = sqlite3_column_double(st, 9);
				xw_number(sh->ws, sh->row, 9, v, m->f.money);
				sum[9] += v;
			} else {
				xw_text(sh->ws, sh->row, 9, "", m->f.text);   /* no catalogue */
			}
		}
		sh->row++;
	}
	sqlite3_finalize(st);
	totals(m, sh, first, any_fee ? 10 : 9, sum, money, "合计");
	if (any_fee)
		xw_text(sh->ws, sh->row++, 0, "月费用：在用资源按服务目录单价（yunshen price list）计的每月费用，"
			"明细见“费用明细”；无服务目录的辖区空白。变更申请的资源不计入在用。", m->f.note);

	/* The pools as they stand (the rule the approval dialog applies:
	 * in service and approved count), each network zone its own. */
	static const char *const hc[] = { "资源池", "资源", "容量", "在用", "已批未完成", "待审批", "已占用",
					   "预警线", "状态" };
	h2(m, sh, "五、资源池使用（导出时；分网络区域的每区一个）");
	int any = 0;
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		pool *ps;
		int np = pools_of(m, i, &ps);
		for (int z = 0; z < np; z++)
			for (int k = 0; k < CAP__N; k++) {
				double pct = capacity_share(&ps[z], k, 0);
				if (pct < 0)
					continue;
				if (!any++)
					heads(m, sh, hc, 9);
				char name[1536], res[32];
				snprintf(name, sizeof name, "%s%s%s", t->name, ps[z].zone[0] ? " " : "", ps[z].zone);
				snprintf(res, sizeof res, "%s（%s）", capacity_name(k), capacity_unit(k));
				xw_text(sh->ws, sh->row, 0, name, m->f.text);
				xw_text(sh->ws, sh->row, 1, res, m->f.text);
				const long long v[] = { ps[z].cap[k], ps[z].service[k], ps[z].approved[k], ps[z].pending[k] };
				for (int c = 0; c < 4; c++)
					xw_number(sh->ws, sh->row, 2 + c, (double)v[c], m->f.num);
				xw_number(sh->ws, sh->row, 6, pct / 100, m->f.pct);
				int warn = ps[z].warn_pct;
				if (warn > 0)
					xw_number(sh->ws, sh->row, 7, warn / 100.0, m->f.pct);
				else
					xw_text(sh->ws, sh->row, 7, "", m->f.text);
				int over = warn > 0 && pct >= warn;
				xw_text(sh->ws, sh->row, 8, over ? "达到预警线" : "正常", over ? m->f.warn : m->f.text);
				sh->row++;
			}
	}
	if (!any)
		xw_text(sh->ws, sh->row++, 0, "所列辖区的模板均未设定资源池容量（模板 capacity）。", m->f.note);
	else
		xw_text(sh->ws, sh->row++, 0, "已占用 =（在用 + 已批未完成）÷ 容量，与审批时的提示相同；待审批的不计入。",
			m->f.note);
}

/* Six: the units using most (and a chart); seven: twelve months (and a
 * chart). Charts read the cells just written. */
static void block_units(mctx *m, sheet *sh, int any_fee)
{
	static const char *const h[] = { "单位", "辖区", "在用 vCPU（核）", "在用内存（GB）", "在用存储（GB）",
					 "本月开通 vCPU（核）", "月费用（元）" };
	h2(m, sh, "六、在用 vCPU 最多的单位");
	heads(m, sh, h, any_fee ? 7 : 6);
	sqlite3_stmt *st = q(m,
		"SELECT u.unit, t.name, u.uvcpu, u.umem, u.usto, u.dvcpu, u.fee "
		"FROM ys_unit u JOIN ys_tpl t ON t.template = u.template WHERE u.un > 0 "
		"ORDER BY u.uvcpu DESC, u.unit LIMIT 10");
	int first = sh->row;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		xw_text(sh->ws, sh->row, 0, store_text(st, 0), m->f.text);
		xw_text(sh->ws, sh->row, 1, store_text(st, 1), m->f.text);
		for (int c = 2; c < 6; c++)
			xw_number(sh->ws, sh->row, c, sqlite3_column_double(st, c), m->f.num);
		if (any_fee) {
			if (sqlite3_column_type(st, 6) != SQLITE_NULL)
				xw_number(sh->ws, sh->row, 6, sqlite3_column_double(st, 6), m->f.money);
			else
				xw_text(sh->ws, sh->row, 6, "", m->f.text);
		}
		sh->row++;
	}
	sqlite3_finalize(st);
	int last = sh->row - 1;
	if (last < first) {
		xw_text(sh->ws, sh->row++, 0, "月末没有在用的资源。", m->f.note);
		return;
	}
	lxw_chart *ch = workbook_add_chart(m->b->wb, LXW_CHART_BAR);
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(se, "概况", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
	chart_series_set_values(se, "概况", (lxw_row_t)first, 2, (lxw_row_t)last, 2);
	chart_series_set_name(se, "在用 vCPU（核）");
	chart_title_set_name(ch, "在用 vCPU 最多的单位（核）");
	lxw_chart_font cf = { .name = XW_FONT, .size = 9 };
	lxw_chart_font tf = { .name = XW_FONT, .size = 12, .bold = 1 };
	chart_title_set_name_font(ch, &tf);
	chart_axis_set_num_font(ch->x_axis, &cf);
	chart_axis_set_num_font(ch->y_axis, &cf);
	chart_axis_set_reverse(ch->y_axis);            /* the categories, down the side: the largest on top */
	chart_axis_set_crossing_max(ch->y_axis);       /* and the values still along the bottom */
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	lxw_chart_options co = { .x_offset = 4, .y_offset = 6, .x_scale = CHART_X, .y_scale = CHART_Y };
	worksheet_insert_chart_opt(sh->ws, (lxw_row_t)m->chart_row, 0, ch, &co);
}

static void block_months(mctx *m, sheet *sh)
{
	static const char *const h[] = { "月份", "收件（件）", "开通（件）", "开通 vCPU（核）" };
	h2(m, sh, "七、近十二个月");
	heads(m, sh, h, 4);
	ys_date d0;
	date_parse_month(m->month, &d0);
	int y, mo, dd;
	date_ymd(d0, &y, &mo, &dd);
	int first = sh->row;
	sqlite3_stmt *rc = q(m, "SELECT count(DISTINCT e.app_id) FROM events e JOIN ys_app a ON a.id = e.app_id "
			     "WHERE e.kind = '" EV_SUBMIT "' AND e.at >= :from AND e.at < :to");
	sqlite3_stmt *dl = q(m, "SELECT count(*), coalesce(sum(vcpu), 0) FROM ys_app "
			     "WHERE delivered >= :from AND delivered < :to");
	for (int k = 11; k >= 0 && rc && dl; k--) {
		int yy = y, mm = mo - k;
		while (mm < 1) {
			mm += 12;
			yy--;
		}
		char a[32], b[32], label[32];
		snprintf(a, sizeof a, "%04d-%02d-01", yy, mm);
		snprintf(b, sizeof b, "%04d-%02d-01", mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1);
		snprintf(label, sizeof label, "%04d-%02d", yy, mm);
		sqlite3_reset(rc);
		store_bind_text(rc, ":from", a);
		store_bind_text(rc, ":to", b);
		sqlite3_reset(dl);
		store_bind_text(dl, ":from", a);
		store_bind_text(dl, ":to", b);
		/* The month itself from its events already read. */
		double rv = k == 0 ? m->received : sqlite3_step(rc) == SQLITE_ROW ? sqlite3_column_double(rc, 0) : 0;
		double dv = 0, vv = 0;
		if (sqlite3_step(dl) == SQLITE_ROW) {
			dv = sqlite3_column_double(dl, 0);
			vv = sqlite3_column_double(dl, 1);
		}
		xw_text(sh->ws, sh->row, 0, label, m->f.text);
		xw_number(sh->ws, sh->row, 1, rv, m->f.num);
		xw_number(sh->ws, sh->row, 2, dv, m->f.num);
		xw_number(sh->ws, sh->row, 3, vv, m->f.num);
		sh->row++;
	}
	sqlite3_finalize(rc);
	sqlite3_finalize(dl);
	int last = sh->row - 1;
	lxw_chart *ch = workbook_add_chart(m->b->wb, LXW_CHART_COLUMN);
	static const char *const names[] = { "收件（件）", "开通（件）" };
	for (int c = 1; c <= 2; c++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, "概况", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, "概况", (lxw_row_t)first, (lxw_col_t)c, (lxw_row_t)last, (lxw_col_t)c);
		chart_series_set_name(se, names[c - 1]);
	}
	chart_title_set_name(ch, "近十二个月收件与开通（件）");
	lxw_chart_font cf = { .name = XW_FONT, .size = 9 };
	lxw_chart_font tf = { .name = XW_FONT, .size = 12, .bold = 1 };
	chart_title_set_name_font(ch, &tf);
	chart_axis_set_num_font(ch->x_axis, &cf);
	chart_axis_set_num_font(ch->y_axis, &cf);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_legend_set_font(ch, &cf);
	lxw_chart_options co = { .x_offset = 4, .y_offset = 6, .x_scale = CHART_X, .y_scale = CHART_Y };
	worksheet_insert_chart_opt(sh->ws, (lxw_row_t)m->chart_row, 4, ch, &co);
}

/* ---- detail sheets ---- */


static void detail_setup(mctx *m, lxw_worksheet *ws, const char *const *h, const double *w, int n,
			 const char *title)
{
	for (int c = 0; c < n; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
	xw_print_a4(ws, 1, m->code);
	char hd[128];
	snprintf(hd, sizeof hd, "&L%s&R%s", title, m->month);
	worksheet_set_header(ws, hd);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
	for (int c = 0; c < n; c++)
		xw_text(ws, 0, c, h[c], m->f.head);
	worksheet_set_row(ws, 0, 30, NULL);
}

static void detail_finish(lxw_worksheet *ws, int rows, int n)
{
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(rows > 0 ? rows : 1), (lxw_col_t)(n - 1));
}

/* A detail table's columns and title: each part of it (a table longer
 * than a sheet goes on over several, xw_long) starts with them. */
typedef struct dhead {
	mctx *m;
	const char *const *h;
	const double *w;
	int n;
	const char *title;
} dhead;

static void detail_head(lxw_worksheet *ws, void *ctx)
{
	const dhead *d = ctx;
	detail_setup(d->m, ws, d->h, d->w, d->n, d->title);
}

static const char *const apps_h[] = { "编号", "文号", "辖区", "类型", "申请单位", "系统名称", "所属县（市、区）",
				      "主管部门", "状态", "提交时间", "办结时间", "当前期限", "主机（台）",
				      "vCPU（核）", "内存（GB）", "存储（GB）", "带宽（Mbps）", "本月签署（次）" };
static const double apps_w[] = { 7, 22, 12, 9, 28, 28, 14, 18, 14, 16, 16, 11, 9, 9, 9, 10, 10, 10 };
static const char *const acts_h[] = { "编号", "文号", "辖区", "类型", "申请单位", "环节", "签署", "签署人",
				      "签署时间", "期限", "是否按期", "意见" };
static const double acts_w[] = { 7, 22, 12, 9, 28, 14, 12, 12, 16, 11, 9, 40 };
static const char *const ledger_h[] = { "编号", "文号", "辖区", "申请单位", "系统名称", "阶段", "主机（台）",
					"vCPU（核）", "内存（GB）", "存储（GB）", "带宽（Mbps）", "使用期", "计费起",
					"计费止", "下一到期事项", "事项期限", "变更（已办结）", "交付的主机",
					"环节记录（选定的服务商等）" };
static const double ledger_w[] = { 7, 22, 12, 28, 28, 14, 9, 9, 9, 10, 10, 18, 11, 11, 28, 11, 36, 36, 36 };
static const char *const fee_h[] = { "编号", "文号", "辖区", "申请单位", "系统名称", "服务目录项目",
				     "计费单位", "数量", "单价（元）", "计费日期", "天数", "费用（元）" };
static const double fee_w[] = { 7, 22, 12, 28, 24, 26, 9, 8, 10, 14, 7, 11 };

/* total: the rows it will have (counted once, for the parts and the progress). */
static long long sheet_apps(mctx *m, xw_long *l, long long total)
{
	sqlite3_stmt *st = q(m,
		"SELECT a.id, a.docno, t.name, a.kind, a.unit, a.system, a.county, a.supervisor, a.st, a.step, "
		"a.submitted_at, CASE WHEN a.st IN ('done','rejected','terminated','withdrawn') THEN a.done_at END, "
		"CASE WHEN a.st = 'pending' AND :current THEN a.deadline END, a.hosts, a.vcpu, a.mem_gb, a.storage_gb, "
		"a.bandwidth, coalesce(c.n, 0), a.template "
		"FROM ys_app a JOIN ys_tpl t ON t.template = a.template "
		"LEFT JOIN (SELECT app_id, count(*) n FROM ys_mact GROUP BY app_id) c ON c.app_id = a.id "
		"WHERE a.id IN (SELECT app_id FROM ys_mev) ORDER BY a.id");
	int row, rc = SQLITE_DONE;
	long long n = 0;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		lxw_worksheet *ws = xw_long_row(l, &row);
		app_rec r;
		memset(&r, 0, sizeof r);
		snprintf(r.template, sizeof r.template, "%s", store_text(st, 19));
		snprintf(r.kind, sizeof r.kind, "%s", store_text(st, 3));
		snprintf(r.status, sizeof r.status, "%s", store_text(st, 8));
		snprintf(r.step, sizeof r.step, "%s", store_text(st, 9));
		char label[128];
		if (!m->current && !strcmp(r.status, ST_PENDING))
			snprintf(label, sizeof label, "在办");   /* the step then is not kept */
		else
			apps_status_label(&r, label, sizeof label);
		xw_number(ws, row, 0, (double)sqlite3_column_int64(st, 0), m->f.d_num);
		d_text(m, ws, row, 1, store_text(st, 1));
		d_text(m, ws, row, 2, store_text(st, 2));
		d_text(m, ws, row, 3, kind_label(r.kind));
		for (int c = 4; c < 8; c++)
			d_text(m, ws, row, c, store_text(st, c));
		d_text(m, ws, row, 8, label);
		d_date(m, ws, row, 9, store_text(st, 10), 1);
		d_date(m, ws, row, 10, store_text(st, 11), 1);
		/* A deadline in a year not yet published reads as the text the
		 * screens show, 暂定 and all. */
		d_deadline(m, ws, row, 11, store_text(st, 12));
		for (int c = 12; c < 18; c++)
			xw_number(ws, row, c, sqlite3_column_double(st, c + 1), m->f.d_num);
		progress(m, "写入申请明细", "行", ++n, total, 0);
	}
	progress(m, "写入申请明细", "行", n, total, 1);
	if (rc != SQLITE_DONE)
		q_fail(m, "申请明细");
	sqlite3_finalize(st);
	xw_long_end(l);
	return n;
}

static long long sheet_acts(mctx *m, xw_long *l, long long total)
{
	sqlite3_stmt *st = q(m,
		"SELECT x.app_id, x.docno, t.name, x.kind, x.unit, coalesce(x.step_name, x.step), x.label, x.login, "
		"x.at, x.deadline, x.opinion FROM ys_mact x JOIN ys_tpl t ON t.template = x.template ORDER BY x.rowid");
	int row, rc = SQLITE_DONE;
	long long n = 0;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		lxw_worksheet *ws = xw_long_row(l, &row);
		const char *at = store_text(st, 8), *dl = store_text(st, 9);
		xw_number(ws, row, 0, (double)sqlite3_column_int64(st, 0), m->f.d_num);
		d_text(m, ws, row, 1, store_text(st, 1));
		d_text(m, ws, row, 2, store_text(st, 2));
		d_text(m, ws, row, 3, kind_label(store_text(st, 3)));
		for (int c = 4; c < 8; c++)
			d_text(m, ws, row, c, store_text(st, c));
		d_date(m, ws, row, 8, at, 1);
		d_date(m, ws, row, 9, dl, 0);
		d_text(m, ws, row, 10, !*dl ? "无时限" : strncmp(at, dl, 10) <= 0 ? "按期" : "超期");
		d_text(m, ws, row, 11, store_text(st, 10));
		progress(m, "写入签署记录", "行", ++n, total, 0);
	}
	progress(m, "写入签署记录", "行", n, total, 1);
	if (rc != SQLITE_DONE)
		q_fail(m, "签署记录");
	sqlite3_finalize(st);
	xw_long_end(l);
	return n;
}

static void sheet_units(mctx *m, lxw_worksheet *ws, int any_fee)
{
	static const char *const h[] = { "单位", "辖区", "本月收件（件）", "本月开通（件）", "开通 vCPU（核）",
					 "开通内存（GB）", "开通存储（GB）", "在用（件）", "在用 vCPU（核）",
					 "在用内存（GB）", "在用存储（GB）", "月费用（元）" };
	static const double w[] = { 30, 12, 10, 10, 10, 10, 10, 9, 10, 10, 10, 12 };
	int n = any_fee ? 12 : 11;
	detail_setup(m, ws, h, w, n, "按单位");
	sqlite3_stmt *st = q(m,
		"SELECT k.unit, t.name, k.recv, k.dn, k.dvcpu, k.dmem, k.dsto, k.un, k.uvcpu, k.umem, k.usto, k.fee, "
		"t.catalogue FROM ys_unit k JOIN ys_tpl t ON t.template = k.template "
		"ORDER BY t.ord, k.uvcpu DESC, k.unit");
	int row = 1;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		d_text(m, ws, row, 0, store_text(st, 0));
		d_text(m, ws, row, 1, store_text(st, 1));
		for (int c = 2; c < 11; c++)
			xw_number(ws, row, c, sqlite3_column_double(st, c), m->f.d_num);
		if (any_fee) {
			if (sqlite3_column_int(st, 12))
				xw_number(ws, row, 11, sqlite3_column_double(st, 11), m->f.d_money);
			else
				d_text(m, ws, row, 11, "");
		}
		row++;
	}
	sqlite3_finalize(st);
	detail_finish(ws, row - 1, n);
}

/* The ledger as it stands when exported: every approved system the
 * viewer may see, one row each, its changes and hosts in a cell. */
typedef struct lrow {
	mctx *m;
	xw_long *l;
	long long n;
	fee_run *fees;
} lrow;

static int ledger_sheet_row(const ledger_row *l, void *ctx)
{
	lrow *x = ctx;
	mctx *m = x->m;
	const app_rec *r = &l->r;
	const template *t = template_find(r->template);
	buf changes = { 0 }, hosts = { 0 };
	for (int i = 0; i < l->nchanges; i++) {
		const app_rec *c = &l->changes[i];
		buf_printf(&changes, "%s%.10s %s %s", i ? "；" : "", c->done_at, kind_label(c->kind), c->docno);
	}
	for (int i = 0; i < l->nhosts; i++)
		buf_printf(&hosts, "%s%s %s", i ? "；" : "", l->hosts[i].host, l->hosts[i].ip);
	char term[32] = "";
	if (l->term_to[0])
		snprintf(term, sizeof term, "%s 至 %s", l->term_from, l->term_to);
	int row;
	lxw_worksheet *ws = xw_long_row(x->l, &row);
	xw_number(ws, row, 0, (double)r->id, m->f.d_num);
	const char *texts[] = { r->docno, t ? t->name : r->template, r->unit, r->system, l->phase };
	for (int c = 0; c < 5; c++)
		d_text(m, ws, row, 1 + c, texts[c]);
	const long long nums[] = { r->totals.hosts, r->totals.vcpu, r->totals.mem_gb, r->totals.storage_gb,
				   r->totals.bandwidth };
	for (int c = 0; c < 5; c++)
		xw_number(ws, row, 6 + c, (double)nums[c], m->f.d_num);
	d_text(m, ws, row, 11, term);
	d_date(m, ws, row, 12, l->bill_from, 0);
	d_date(m, ws, row, 13, l->bill_to, 0);
	d_text(m, ws, row, 14, l->next_label);
	d_deadline(m, ws, row, 15, l->next_due);
	d_text(m, ws, row, 16, changes.s);
	d_text(m, ws, row, 17, hosts.s);
	d_text(m, ws, row, 18, l->records);
	buf_free(&changes);
	buf_free(&hosts);
	progress(m, "写入在用资源台账", "个系统", ++x->n, 0, 0);
	return m->rc || fees_system(x->fees, l);
}

/* The ledger sheet, and from the same rows the month's fees (fees.h): per
 * system into ys_fee, item by item into the fee sheet. */
static void sheet_ledger(mctx *m, xw_long *wl, xw_long *fs, double *grand)
{
	ledger_filter f = { .viewer = m->viewer, .today = clock_today() };
	fee_filter ff = { .viewer = m->viewer, .today = f.today, .priced_only = 1 };
	date_parse(m->m0, &ff.first);
	ff.last = ff.first;
	fsheet fx = { m, fs, q(m, "INSERT INTO ys_fee VALUES (:app, :fee)"), 0, 0 };
	ys_err e, fe;
	lrow x = { m, wl, 0, fees_begin(m->s, &ff, fee_row, &fx, &fe) };
	if (fx.ins && ledger_list(m->s, &f, ledger_sheet_row, &x, &e) && !m->rc)
		m->rc = err_set(m->err, "在用资源台账：%s", e.msg);
	if (fees_end(x.fees) && !m->rc)
		m->rc = err_set(m->err, "费用：%s", fe.msg);
	sqlite3_finalize(fx.ins);
	*grand = fx.grand;
	xw_long_end(wl);
}

/* The ledger and the fees take as long as all the rest: on a second
 * connection (store_twin, the same snapshot) they are written by a thread
 * of their own while this one writes the other sheets. The thread has
 * its own mctx (connection, error), no progress (the screen belongs to
 * this thread), and its own ys_fee, copied into ours when it is done. */
typedef struct ledger_job {
	mctx m;
	store *twin;            /* NULL: no second connection, written here */
	ys_err err;
	xw_long *wl, *fs;
	double grand;
	pthread_t th;
	int running;
} ledger_job;

static void *ledger_thread(void *p)
{
	ledger_job *j = p;
	sheet_ledger(&j->m, j->wl, j->fs, &j->grand);
	return NULL;
}

static void ledger_start(ledger_job *j, mctx *m, store *twin, xw_long *wl, xw_long *fs)
{
	memset(j, 0, sizeof *j);
	j->twin = twin;
	j->wl = wl;
	j->fs = fs;
	if (!twin || m->rc)
		return;
	j->m = *m;
	j->m.s = twin;
	j->m.db = store_db(twin);
	j->m.err = &j->err;
	j->m.info = NULL;
	j->m.pools = NULL;
	j->m.npools = NULL;
	exec(&j->m, "CREATE TEMP TABLE ys_fee(app INTEGER PRIMARY KEY, fee REAL)");
	xw_share(m->b);
	if (!j->m.rc && !pthread_create(&j->th, NULL, ledger_thread, j))
		j->running = 1;
}

/* Waits for the thread (or, with none, writes the ledger now) and takes
 * over its fees and its error. */
static double ledger_finish(ledger_job *j, mctx *m)
{
	if (!j->running) {
		if (!m->rc)
			sheet_ledger(m, j->wl, j->fs, &j->grand);
	} else {
		pthread_join(j->th, NULL);
		if (j->m.rc && !m->rc)
			m->rc = err_set(m->err, "%s", j->err.msg);
		sqlite3_stmt *from = q(&j->m, "SELECT app, fee FROM temp.ys_fee"),
			     *to = q(m, "INSERT INTO ys_fee VALUES (?1, ?2)");
		while (from && to && sqlite3_step(from) == SQLITE_ROW) {
			sqlite3_reset(to);
			sqlite3_bind_value(to, 1, sqlite3_column_value(from, 0));
			sqlite3_bind_value(to, 2, sqlite3_column_value(from, 1));
			if (sqlite3_step(to) != SQLITE_DONE)
				q_fail(m, "费用");
		}
		sqlite3_finalize(from);
		sqlite3_finalize(to);
	}
	store_close(j->twin);
	j->twin = NULL;
	if (j->fs)
		xw_long_end(j->fs);
	return j->grand;
}

/* The month's tables, and the rows its two detail sheets will have. */
static void load_month(mctx *m, long long *apps, long long *acts)
{
	load_flows(m);
	*apps = count_of(m, "SELECT count(DISTINCT app_id) FROM ys_mev");
	*acts = count_of(m, "SELECT count(*) FROM ys_mact");
}

/* Whether a template with a price catalogue has applications the viewer
 * sees from before the month's end: then the fee sheet is written. */
static int any_fee_of(mctx *m)
{
	sqlite3_stmt *st = q(m, "SELECT 1 FROM applications a WHERE a.template = :t AND a.created_at < :m1 "
			     "AND ys_sees(a.template, a.county) LIMIT 1");
	int any = 0;
	for (int i = 0; st && !any && i < templates_count(); i++) {
		if (templates_at(i)->ncatalogue <= 0)
			continue;
		sqlite3_reset(st);
		store_bind_text(st, ":t", templates_at(i)->id);
		any = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return any;
}

/* ---- the workbook ---- */

static int setup_month(mctx *m, const char *month, const char *now)
{
	ys_date d0;
	if (!month || strlen(month) != 7 || date_parse_month(month, &d0))
		return err_set(m->err, "月份“%s”无效（格式 YYYY-MM，如 2026-11）", month ? month : "");
	int y, mo, d;
	date_ymd(d0, &y, &mo, &d);
	snprintf(m->month, sizeof m->month, "%s", month);
	snprintf(m->m0, sizeof m->m0, "%.7s-01", month);
	snprintf(m->m1, sizeof m->m1, "%04d-%02d-01", mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1);
	snprintf(m->now, sizeof m->now, "%s", now && *now ? now : "");
	if (!m->now[0])
		clock_now(m->now);
	ys_date today, d1;
	if (date_parse(m->now, &today))
		return err_set(m->err, "当前时间“%s”无效", m->now);
	if (d0 > today)
		return err_set(m->err, "%s 还没有开始，没有可统计的数据", month);
	date_parse(m->m1, &d1);
	m->current = today < d1;
	m->dasof = m->current ? today : d1 - 1;
	date_iso(m->dasof, m->asof);
	return 0;
}

int export_month(store *s, const user *viewer, const char *month, const char *now, const char *path,
		 export_month_info *info, ys_err *err)
{
	mctx m = { .s = s, .db = store_db(s), .viewer = viewer, .err = err, .info = info };
	if (info)
		info->apps = info->events = info->sheets = 0;
	if (setup_month(&m, month, now))
		return -1;
	sqlite3_create_function(m.db, "ys_sees", 2, SQLITE_UTF8, (void *)viewer, fn_sees, NULL, NULL);
	sqlite3_create_function(m.db, "ys_overdue", 2, SQLITE_UTF8, NULL, fn_overdue, NULL, NULL);
	sqlite3_create_function(m.db, "ys_signer", 4, SQLITE_UTF8, NULL, fn_signer, NULL, NULL);
	xw_book b;
	if (xw_open(&b, path, 1, err)) {
		sqlite3_create_function(m.db, "ys_sees", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
		sqlite3_create_function(m.db, "ys_overdue", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
		sqlite3_create_function(m.db, "ys_signer", 4, SQLITE_UTF8, NULL, NULL, NULL, NULL);
		return -1;
	}
	m.b = &b;
	/* One read transaction: every sheet sees the same database, on both
	 * connections when there are two. The temporary tables live in each
	 * connection's temp schema only. */
	store *twin = NULL;
	ys_err te;
	if (store_twin(s, &twin, &te))
		exec(&m, "BEGIN");
	verify_code head;
	if (verify_head(s, &head, err))
		m.rc = -1;
	snprintf(m.code, sizeof m.code, "%s", head.text);
	make_formats(&m);
	int any_fee = any_fee_of(&m);
	/* The detail sheets' parts are planned before the month is read: a
	 * month whose events fit one sheet has one part of each (its rows are
	 * fewer); a longer one is read first and its parts counted. */
	long long bound = count_of(&m, "SELECT count(*) FROM events WHERE at >= :m0 AND at < :m1");
	int loaded = bound >= xw_sheet_rows();
	long long apps_total = bound, acts_total = bound;
	if (loaded)
		load_month(&m, &apps_total, &acts_total);

	/* The sheets in reading order (a detail table too long for one sheet
	 * in as many as it fills, side by side); written in whatever order
	 * suits. */
	sheet sum = { workbook_add_worksheet(b.wb, "概况"), 0 };
	dhead ha = { &m, apps_h, apps_w, 18, "申请明细" }, he = { &m, acts_h, acts_w, 12, "签署记录" },
	      hl = { &m, ledger_h, ledger_w, 19, "在用资源台账（导出时）" },
	      hf = { &m, fee_h, fee_w, 12, "费用明细（按天折算）" };
	xw_long la, le, ll, lf;
	xw_long_begin(&la, &b, "申请明细", 18, apps_total, detail_head, &ha);
	xw_long_begin(&le, &b, "签署记录", 12, acts_total, detail_head, &he);
	lxw_worksheet *wu = workbook_add_worksheet(b.wb, "按单位");
	ledger_filter lfl = { .viewer = viewer, .today = clock_today() };
	ys_err le_err;
	xw_long_begin(&ll, &b, "在用资源台账", 19, ledger_count(s, &lfl, &le_err), detail_head, &hl);
	if (any_fee)
		xw_long_begin(&lf, &b, "费用明细", 12, 0, detail_head, &hf);
	ledger_job lj;
	ledger_start(&lj, &m, twin, &ll, any_fee ? &lf : NULL);
	if (!loaded)
		load_month(&m, &apps_total, &acts_total);
	long long napps = m.rc ? 0 : sheet_apps(&m, &la, apps_total);
	long long nacts = m.rc ? 0 : sheet_acts(&m, &le, acts_total);
	double grand = ledger_finish(&lj, &m);
	unit_tables(&m);

	/* The summary. */
	lxw_worksheet *ws = sum.ws;
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, NCOLS - 1, 10.5, NULL);
	xw_print_a4(ws, 0, m.code);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);
	char mc[32], title[128], line[512];
	month_cn(m.month, mc, sizeof mc);
	snprintf(title, sizeof title, "政务云资源月报（%s）", mc);
	xw_check(worksheet_merge_range(ws, 0, 0, 0, NCOLS - 1, "", m.f.title), 0, 0);
	xw_text(ws, 0, 0, title, m.f.title);
	worksheet_set_row(ws, 0, 28, NULL);
	ys_date d0, dl;
	date_parse(m.m0, &d0);
	date_parse(m.m1, &dl);
	char a[32], z[32];
	date_cn(d0, a, sizeof a);
	date_cn(dl - 1, z, sizeof z);
	buf scope = { 0 };
	if (viewer) {
		for (int i = 0; i < viewer->nroles; i++)
			if (!viewer->roles[i].scope[0]) {
				buf_free(&scope);
				break;
			} else if (!strstr(scope.s ? scope.s : "", viewer->roles[i].scope)) {
				buf_printf(&scope, "%s%s", scope.len ? "、" : "", viewer->roles[i].scope);
			}
	}
	snprintf(line, sizeof line, "统计期间：%s至%s%s　　导出：%.10s %.5s　　范围：%s　　校验码：%s", a, z,
		 m.current ? "（本月尚未结束，数据截至导出时）" : "", m.now, m.now + 11,
		 scope.len ? scope.s : "全部辖区", m.code);
	buf_free(&scope);
	xw_text(ws, 1, 0, line, m.f.sub);
	sum.row = 2;
	/* The first page: the headline figures and the two charts; then the
	 * tables, the charts' own last. */
	block_headlines(&m, &sum, grand, any_fee);
	sum.row++;
	m.chart_row = sum.row;
	reserve_rows(&sum, CHART_Y);
	lxw_row_t breaks[3] = { 0 };
	breaks[0] = (lxw_row_t)sum.row;
	block_counts(&m, &sum);
	block_states(&m, &sum);
	block_deadlines(&m, &sum);
	block_resources(&m, &sum, any_fee);
	breaks[1] = (lxw_row_t)sum.row + 1;   /* h2 leaves a blank row first */
	block_units(&m, &sum, any_fee);
	block_months(&m, &sum);
	worksheet_set_h_pagebreaks(ws, breaks);
	worksheet_print_area(ws, 0, 0, (lxw_row_t)sum.row, NCOLS - 1);

	if (!m.rc)
		sheet_units(&m, wu, any_fee);
	exec(&m, "DROP TABLE IF EXISTS temp.ys_mact");
	exec(&m, "DROP TABLE IF EXISTS temp.ys_mev");
	free(m.pools);
	free(m.npools);
	int keep = m.rc;
	m.rc = 0;
	static const char *const drops[] = { "DROP TABLE IF EXISTS temp.ys_unit", "DROP TABLE IF EXISTS temp.ys_open",
					     "DROP TABLE IF EXISTS temp.ys_fee", "DROP TABLE IF EXISTS temp.ys_use",
					     "DROP TABLE IF EXISTS temp.ys_app", "DROP TABLE IF EXISTS temp.ys_act",
					     "DROP TABLE IF EXISTS temp.ys_step", "DROP TABLE IF EXISTS temp.ys_tpl",
					     "DROP TABLE IF EXISTS temp.ys_recalled" };
	for (size_t i = 0; i < sizeof drops / sizeof drops[0]; i++)
		exec(&m, drops[i]);
	exec(&m, "COMMIT");
	m.rc = keep;
	sqlite3_create_function(m.db, "ys_sees", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	sqlite3_create_function(m.db, "ys_overdue", 2, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	sqlite3_create_function(m.db, "ys_signer", 4, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	if (m.rc) {
		xw_abort(&b);
		return -1;
	}
	lxw_doc_properties props = { .title = title, .author = "yunshen" };
	workbook_set_properties(b.wb, &props);
	if (xw_close(&b, err))
		return -1;
	if (info) {
		info->apps = napps;
		info->events = nacts;
		info->sheets = 2 + la.nparts + le.nparts + ll.nparts + (any_fee ? lf.nparts : 0);
	}
	return 0;
}

void export_month_filename(const char *month, char *out, size_t n)
{
	snprintf(out, n, "yunshen-month-%s.xlsx", month);
}
