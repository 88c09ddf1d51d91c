/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include "apps.h"
#include "sm3.h"
#include "template.h"
#include "tally.h"
#include "verify.h"

typedef struct vctx {
	void (*report)(const char *, void *);
	void *ctx;
	int problems;
	const ys_progress *pg;
} vctx;

/* Rows of table (for a progress total; 0 when it cannot be read). */
static long long rows_of(store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long n = 0;
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void problem(vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(vctx *v, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->report(msg, v->ctx);
	v->problems++;
}

/* Ends a statement; a check that stopped on an error fails instead of
 * passing on what it had read so far. */
static int done(store *s, sqlite3_stmt *st, int rc, ys_err *err, const char *what)
{
	if (rc != SQLITE_DONE) {
		store_fail(s, err, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* SQLite's integrity check, and the schema's version. */
static int sqlite_checks(store *s, vctx *v, ys_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "完整性检查");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(r, "ok"))
			problem(v, "SQLite 完整性检查：%s", r);
	}
	if (done(s, st, rc, err, "完整性检查"))
		return -1;
	if (store_version(s) != store_latest_version())
		problem(v, "数据库版本 %d 与程序版本 %d 不一致", store_version(s), store_latest_version());
	return 0;
}

/* SQLite's foreign key check: on the applications' connection, whose
 * thread has the shorter way to go. */
static int foreign_keys(store *s, vctx *v, ys_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(store_db(s), "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "外键检查");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(v, "外键检查：表 %s 第 %lld 行引用了不存在的 %s", sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
	return done(s, st, rc, err, "外键检查");
}

/* Every application is as its latest event left it (a draft, saved
 * quietly as it is typed, excepted): from the columns STATE_COLS adds to
 * a row of the applications pass, at column c. */
#define STATE_COLS \
	"p.state, (SELECT state FROM events WHERE app_id = applications.id AND state IS NOT NULL " \
	"ORDER BY id DESC LIMIT 1), (SELECT status_to FROM events WHERE app_id = applications.id AND " \
	"status_to IS NOT NULL ORDER BY id DESC LIMIT 1), CASE WHEN status = '" ST_DRAFT "' THEN step IS NULL AND " \
	"role IS NULL AND deadline IS NULL AND docno IS NULL AND round = (SELECT round FROM events WHERE " \
	"app_id = applications.id ORDER BY id DESC LIMIT 1) END"
#define STATE_JOIN "JOIN (SELECT id AS sid, state FROM app_state) p ON p.sid = applications.id"

static void check_state(vctx *v, sqlite3_stmt *st, int c, long long id, const char *status)
{
	const char *now = (const char *)sqlite3_column_text(st, c);
	const char *rec = (const char *)sqlite3_column_text(st, c + 1);
	const char *hist = (const char *)sqlite3_column_text(st, c + 2);
	/* The status the last event that changed it recorded. */
	if (!hist)
		problem(v, "申请 %lld：没有创建记录", id);
	else if (strcmp(hist, status))
		problem(v, "申请 %lld：状态为 %s，但历史中最后记录的状态是 %s", id, status, hist);
	/* A draft's content changes quietly as it is typed; its state (no
	 * step, deadline or number, the round of its history) not. */
	if (hist && !strcmp(status, ST_DRAFT) && !strcmp(hist, ST_DRAFT)) {
		if (!sqlite3_column_int(st, c + 3))
			problem(v, "申请 %lld 的状态与其历史不符（草稿却有环节、期限或文号）", id);
		return;
	}
	if (!rec || !now || strcmp(rec, now))
		problem(v, "申请 %lld 的内容或状态与其历史最后一条记录不符（不是经由云审改动的）", id);
}

/* The groups the kept counts and sums are checked by (check_rows), summed
 * from the rows of the applications pass as they go by. */
typedef struct kept {
	tally *counts;          /* status, kind, template, county, role: n */
	tally *due;             /* waiting with a deadline: kind, template, county, role, month: n */
	tally *pools;           /* template, zone "", kind, status, step: vCPU, memory, storage */
	buf key;
} kept;

static const char *col(sqlite3_stmt *st, int c)
{
	const char *t = (const char *)sqlite3_column_text(st, c);
	return t ? t : "";
}

/* The key of the columns cols (n of them, a month for a negative one). */
static const char *key_of(kept *k, sqlite3_stmt *st, const int *cols, int n)
{
	k->key.len = 0;
	for (int i = 0; i < n; i++) {
		const char *t = col(st, cols[i] < 0 ? -cols[i] : cols[i]);
		if (i)
			buf_add(&k->key, (const char[]){ TALLY_SEP }, 1);
		size_t len = strlen(t);
		if (cols[i] < 0)   /* substr(deadline, 1, 7): characters, not bytes */
			for (size_t at = 0, chars = 0; at < len; at++)
				if (((unsigned char)t[at] & 0xC0) != 0x80 && chars++ == 7) {
					len = at;
					break;
				}
		buf_add(&k->key, t, len);
	}
	return k->key.s ? k->key.s : "";
}

/* Columns of APPS_COLS, by number: the raw values, not app_rec's copies
 * cut to their fields' sizes, so that the groups are SQL's own. */
enum { C_TEMPLATE = 2, C_KIND = 3, C_COUNTY = 6, C_STATUS = 9, C_STEP = 10, C_ROLE = 11, C_DEADLINE = 13,
       C_VCPU = 21, C_MEM = 22, C_STORAGE = 23 };

/* The row's share of each kept group. */
static void keep_row(kept *k, sqlite3_stmt *st, int has_deadline)
{
	static const int counts[] = { C_STATUS, C_KIND, C_TEMPLATE, C_COUNTY, C_ROLE },
			 due[] = { C_KIND, C_TEMPLATE, C_COUNTY, C_ROLE, -C_DEADLINE };
	const long long one[TALLY_SUMS] = { 1 };
	tally_add(k->counts, key_of(k, st, counts, 5), one);
	if (has_deadline && !strcmp(col(st, C_STATUS), ST_PENDING))
		tally_add(k->due, key_of(k, st, due, 5), one);
	/* The applications' own pools have no zone (app_zones has those). */
	k->key.len = 0;
	buf_printf(&k->key, "%s%c%c%s%c%s%c%s", col(st, C_TEMPLATE), TALLY_SEP, TALLY_SEP, col(st, C_KIND), TALLY_SEP,
		   col(st, C_STATUS), TALLY_SEP, col(st, C_STEP));
	const long long sums[TALLY_SUMS] = { sqlite3_column_int64(st, C_VCPU), sqlite3_column_int64(st, C_MEM),
					     sqlite3_column_int64(st, C_STORAGE) };
	tally_add(k->pools, k->key.s, sums);
}

/* One application as read by the pass in check_rows: its columns, its
 * form data, its state (STATE_COLS), whether it has a deadline. */
static void check_app(vctx *v, sqlite3_stmt *st, kept *k)
{
	app_rec r;
	app_data *d;
	ys_err e;
	apps_read_row(st, &r);
	long long id = r.id;
	keep_row(k, st, sqlite3_column_int(st, APPS_NCOLS + 5));
	check_state(v, st, APPS_NCOLS + 1, id, r.status);
	const char *text = (const char *)sqlite3_column_text(st, APPS_NCOLS);
	if (apps_data_parse(&r, text ? text : "", &d, &e)) {
		if (!template_broken(r.template))   /* a broken template is reported once, above */
			problem(v, "申请 %lld：%s", id, e.msg);
		return;
	}
	app_totals t;
	app_totals_of(d, &t);
	if (t.hosts != r.totals.hosts || t.vcpu != r.totals.vcpu || t.mem_gb != r.totals.mem_gb ||
	    t.storage_gb != r.totals.storage_gb || t.bandwidth != r.totals.bandwidth)
		problem(v, "申请 %lld：合计列（主机 %lld、vCPU %lld、内存 %lld GB、存储 %lld GB）与表单计算值"
			"（%lld、%lld、%lld、%lld）不一致", id, r.totals.hosts, r.totals.vcpu, r.totals.mem_gb,
			r.totals.storage_gb, t.hosts, t.vcpu, t.mem_gb, t.storage_gb);
	if (strcmp(app_mapped(d, M_UNIT), r.unit))
		problem(v, "申请 %lld：单位列“%s”与表单“%s”不一致", id, r.unit, app_mapped(d, M_UNIT));
	const tpl_flow *fl = template_flow(d->tpl, r.kind);
	if (!fl)
		problem(v, "申请 %lld：模板 %s 没有“%s”流程", id, r.template, r.kind);
	if (!strcmp(r.status, ST_PENDING)) {
		const tpl_step *sp = flow_step(fl, r.step);
		if (!sp)
			problem(v, "申请 %lld：待办环节“%s”不在流程中", id, r.step);
		else if (strcmp(sp->role, r.role))
			problem(v, "申请 %lld：环节“%s”的签署角色应为 %s，记录为 %s", id, sp->name, sp->role, r.role);
		if (sp && sp->dl_n >= 0 && !r.deadline[0])
			problem(v, "申请 %lld：环节“%s”有时限但没有记录期限", id, sp->name);
	} else if (r.step[0]) {
		problem(v, "申请 %lld：状态为 %s 却仍有待办环节 %s", id, r.status, r.step);
	}
	if (r.round > 0 && !r.docno[0] && d->tpl->docno)
		problem(v, "申请 %lld：已提交但没有文号", id);
	app_data_free(d);
}

/* Each application's latest time so far in the chain pass, to find a
 * signature dated before what it signed. A slot per application (24 MB at
 * 1,000,000) instead of a second read of the history that looks up each
 * event's predecessor (11 s there); yunshen writes 16 characters, and a
 * longer time is compared on its first 23. */
typedef struct last_times {
	char (*at)[24];
	long long n;
} last_times;

static void time_runs_forward(vctx *v, last_times *lt, sqlite3_stmt *st)
{
	long long app = sqlite3_column_int64(st, 1);
	const char *at = (const char *)sqlite3_column_text(st, 2);
	if (sqlite3_column_type(st, 1) == SQLITE_NULL || app < 0 || !at)
		return;     /* the office's own records: no application's history */
	if (app >= lt->n) {
		long long n = app + 1 > 2 * lt->n ? app + 1 : 2 * lt->n;
		lt->at = xrealloc(lt->at, (size_t)n * sizeof *lt->at);
		memset(lt->at + lt->n, 0, (size_t)(n - lt->n) * sizeof *lt->at);
		lt->n = n;
	}
	char *last = lt->at[app];
	if (last[0] && strncmp(at, last, sizeof *lt->at - 1) < 0)
		problem(v, "申请 %lld 的历史第 %lld 条（%s）早于它前面的一条（%s）：时间被倒填", app,
			(long long)sqlite3_column_int64(st, 0), at, last);
	snprintf(last, sizeof *lt->at, "%s", at);
}

/* The SM3 chain, event by event in id order: each link must be SM3 of the
 * previous link and the event's own content. The first break is named;
 * the rest are counted. An edit shows at the edited event, a deletion or
 * an insertion at the event after it. The same pass checks that time runs
 * forward in every application's history. */
static int check_chain(store *s, vctx *v, ys_err *err)
{
	sqlite3_stmt *st;
	/* event_body carries the columns read here (migration 17): joined to
	 * events instead, each row was read twice, 2.7 s at 1,000,000. */
	if (sqlite3_prepare_v2(store_db(s), "SELECT b.id, b.app_id, b.at, b.kind, b.body, h.hash FROM event_body b "
			       "LEFT JOIN event_hashes h ON h.event_id = b.id ORDER BY b.id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取校验链");
	char prev[SM3_HEX] = "", want[SM3_HEX];
	long long broken = 0, seen = 0, total = v->pg ? rows_of(s, "SELECT count(*) FROM events") : 0;
	last_times lt = { NULL, 0 };
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		progress_tick(v->pg, "检查校验链", "条", ++seen, total, 0);
		time_runs_forward(v, &lt, st);
		const char *body = (const char *)sqlite3_column_text(st, 4);
		const char *have = (const char *)sqlite3_column_text(st, 5);
		sm3_ctx *c = sm3_begin();
		sm3_field(c, prev);
		sm3_field(c, body);
		sm3_end(c, want);
		if (!have || strcmp(have, want)) {
			if (!broken++)
				problem(v, "历史第 %lld 条（申请 %lld，%.16s，%s）与校验链不符：这一条被改动，"
					"或它之前有记录被删除、插入或调换", (long long)sqlite3_column_int64(st, 0),
					(long long)sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
					event_label((const char *)sqlite3_column_text(st, 3)));
		}
		snprintf(prev, sizeof prev, "%s", have ? have : want);
	}
	free(lt.at);
	progress_tick(v->pg, "检查校验链", "条", seen, total, 1);
	if (done(s, st, rc, err, "读取校验链"))
		return -1;
	if (broken > 1)
		problem(v, "此后还有 %lld 条与校验链不符", broken - 1);
	if (sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM event_hashes WHERE event_id NOT IN "
			       "(SELECT id FROM events)", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取校验链");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_int64(st, 0))
		problem(v, "校验链中有 %lld 条记录已不在历史中（历史被删除）", (long long)sqlite3_column_int64(st, 0));
	return done(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err, "读取校验链");
}

/* Every delivery row is the one its event recorded. */
static int check_deliveries(store *s, vctx *v, ys_err *err)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT d.id, d.app_id FROM deliveries d WHERE NOT EXISTS (SELECT 1 FROM events e "
			       "WHERE e.app_id = d.app_id AND e.kind = '" EV_DELIVERY "' AND e.opinion = d.line || '：主机 ' || "
			       "d.host || '，IP ' || d.ip || CASE WHEN d.ports <> '' THEN '，端口 ' || d.ports ELSE '' END || "
			       "'，交付日期 ' || d.delivered_on) UNION ALL SELECT 0, e.app_id FROM events e WHERE e.kind = '"
			       EV_DELIVERY "' GROUP BY e.app_id HAVING count(*) <> (SELECT count(*) FROM deliveries d "
			       "WHERE d.app_id = e.app_id)", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取交付记录");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(v, "申请 %lld 的交付记录与历史不符（交付表被直接改动）", (long long)sqlite3_column_int64(st, 1));
	return done(s, st, rc, err, "读取交付记录");
}

static void verify_code_text(verify_code *c);

int verify_head(store *s, verify_code *out, ys_err *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(store_db(s), "SELECT event_id, hash FROM event_hashes ORDER BY event_id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取校验链");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->event = sqlite3_column_int64(st, 0);
		snprintf(out->hash, sizeof out->hash, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	if (done(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err, "读取校验链"))
		return -1;
	verify_code_text(out);
	return 0;
}

static void verify_code_text(verify_code *c)
{
	/* 16 hex digits in four groups, upper case, after the event number:
	 * short enough to copy off paper, 64 bits against a guess. */
	char h[17];
	for (int i = 0; i < 16; i++)
		h[i] = (char)(c->hash[i] >= 'a' && c->hash[i] <= 'f' ? c->hash[i] - 32 : c->hash[i] ? c->hash[i] : '0');
	h[16] = '\0';
	snprintf(c->text, sizeof c->text, "%lld-%.4s-%.4s-%.4s-%.4s", c->event, h, h + 4, h + 8, h + 12);
}

int verify_code_parse(const char *s, verify_code *c)
{
	memset(c, 0, sizeof *c);
	char *end;
	while (*s == ' ')
		s++;
	c->event = strtoll(s, &end, 10);
	if (end == s || c->event <= 0)
		return -1;
	int n = 0;
	for (const char *p = end; *p; p++) {
		char ch = *p >= 'A' && *p <= 'F' ? (char)(*p + 32) : *p;
		if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')) {
			if (n < 16)
				c->hash[n++] = ch;
			else
				return -1;
		} else if (ch != '-' && ch != ' ') {
			return -1;
		}
	}
	if (n != 16)
		return -1;
	verify_code_text(c);
	return 0;
}

int verify_against(store *s, const verify_code *paper, ys_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), "SELECT hash FROM event_hashes WHERE event_id = :id", -1, &st,
			       NULL) != SQLITE_OK)
		return store_fail(s, err, "读取校验链");
	store_bind_int(st, ":id", paper->event);
	int rc = sqlite3_step(st), ok = 0;
	if (rc == SQLITE_ROW)
		ok = !strncmp((const char *)sqlite3_column_text(st, 0), paper->hash, 16);
	if (done(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err, "读取校验链"))
		return -1;
	return ok ? 0 : 1;
}

/* The groups of the pass as temporary tables ys_kc, ys_kd and ys_kp, to
 * be joined to the kept ones. */
typedef struct kept_ins {
	sqlite3_stmt *st;
	int nsums;
} kept_ins;

static int kept_row(const char *key, const long long *sums, void *ctx)
{
	kept_ins *x = ctx;
	sqlite3_reset(x->st);
	sqlite3_bind_text(x->st, 1, key, -1, SQLITE_STATIC);
	for (int i = 0; i < x->nsums; i++)
		sqlite3_bind_int64(x->st, 2 + i, sums[i]);
	return sqlite3_step(x->st) != SQLITE_DONE;
}

static int kept_tables(store *s, kept *k, ys_err *err)
{
	static const char *const make[] = { "CREATE TEMP TABLE ys_kc(key TEXT PRIMARY KEY, n INT)",
					    "CREATE TEMP TABLE ys_kd(key TEXT PRIMARY KEY, n INT)",
					    "CREATE TEMP TABLE ys_kp(key TEXT PRIMARY KEY, v INT, m INT, g INT)" };
	static const char *const ins[] = { "INSERT INTO ys_kc VALUES (?1, ?2)", "INSERT INTO ys_kd VALUES (?1, ?2)",
					   "INSERT INTO ys_kp VALUES (?1, ?2, ?3, ?4)" };
	const tally *t[] = { k->counts, k->due, k->pools };
	for (int i = 0; i < 3; i++) {
		kept_ins x = { NULL, i == 2 ? 3 : 1 };
		int bad = sqlite3_exec(store_db(s), make[i], NULL, NULL, NULL) != SQLITE_OK ||
			  sqlite3_prepare_v2(store_db(s), ins[i], -1, &x.st, NULL) != SQLITE_OK ||
			  tally_each(t[i], kept_row, &x);
		sqlite3_finalize(x.st);
		if (bad)
			return store_fail(s, err, "核对计数");
	}
	return 0;
}

static int check_rows(store *s, vctx *v, long long *seen, kept *k, ys_err *err);

/* The deliveries against their events; every application against its
 * history and its own data (one pass of the rows, data and state with
 * them: check_state, check_app); and the kept numbers, counts and sums.
 * *seen counts the rows of that pass. */
static int check_apps(store *s, vctx *v, long long *seen, ys_err *err)
{
	kept k = { tally_new(), tally_new(), tally_new(), { 0 } };
	int rc = check_rows(s, v, seen, &k, err);
	tally_free(k.counts);
	tally_free(k.due);
	tally_free(k.pools);
	buf_free(&k.key);
	sqlite3_exec(store_db(s), "DROP TABLE IF EXISTS temp.ys_kc; DROP TABLE IF EXISTS temp.ys_kd; "
		     "DROP TABLE IF EXISTS temp.ys_kp", NULL, NULL, NULL);
	return rc;
}

static int check_rows(store *s, vctx *v, long long *seen, kept *k, ys_err *err)
{
	if (foreign_keys(s, v, err) || check_deliveries(s, v, err))
		return -1;
	sqlite3_stmt *st;
	/* Every application in one pass of the table, its data and state with
	 * it. */
	if (sqlite3_prepare_v2(store_db(s), "SELECT " APPS_COLS ", data, " STATE_COLS ", deadline IS NOT NULL "
			       "FROM applications " STATE_JOIN " ORDER BY applications.id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取申请");
	int rc;
	long long n = 0, total = v->pg ? rows_of(s, "SELECT count(*) FROM applications") : 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		progress_tick(v->pg, "检查申请", "件", ++n, total, 0);
		__atomic_store_n(seen, n, __ATOMIC_RELAXED);
		check_app(v, st, k);
	}
	progress_tick(v->pg, "检查申请", "件", n, total, 1);
	if (done(s, st, rc, err, "读取申请"))
		return -1;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT a.template, a.doc_year, max(a.doc_seq), d.seq FROM applications a "
			       "LEFT JOIN docno_seq d ON d.template=a.template AND d.year=a.doc_year "
			       "WHERE a.doc_seq IS NOT NULL GROUP BY a.template, a.doc_year "
			       "HAVING d.seq IS NULL OR d.seq < max(a.doc_seq)", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "检查文号");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(v, "模板 %s %d 年的文号序列落后于已发文号（%d），新文号会重复",
			sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	if (done(s, st, rc, err, "检查文号"))
		return -1;
	/* The kept counts of the queue's views, and the pools' kept sums,
	 * against the groups of the pass. */
	if (kept_tables(s, k, err))
		return -1;
#define KEY5(a, b, c, d, e) a " || char(31) || " b " || char(31) || " c " || char(31) || " d " || char(31) || " e
	long long off = rows_of(s, "SELECT count(*) FROM temp.ys_kc a FULL JOIN (SELECT "
				KEY5("status", "kind", "template", "county", "role") " AS key, n FROM app_counts "
				"WHERE n <> 0) k ON k.key = a.key WHERE k.n IS NOT a.n");
	if (off)
		problem(v, "列表的申请计数（app_counts）有 %lld 组与申请表不符：队列显示的件数会不对", off);
	off = rows_of(s, "SELECT count(*) FROM temp.ys_kd a FULL JOIN (SELECT "
		      KEY5("kind", "template", "county", "role", "month") " AS key, n, status FROM app_due "
		      "WHERE n <> 0) k ON k.key = a.key WHERE k.n IS NOT a.n OR k.status <> 'pending'");
	if (off)
		problem(v, "按期限的待办计数（app_due）有 %lld 组与申请表不符：队列标题的超期件数会不对", off);
	off = rows_of(s, "SELECT count(*) FROM (SELECT key, v, m, g FROM temp.ys_kp UNION ALL SELECT "
		      KEY5("template", "zone", "kind", "status", "step") ", sum(vcpu), sum(mem_gb), sum(storage_gb) "
		      "FROM app_zones GROUP BY template, zone, kind, status, step) a FULL JOIN (SELECT "
		      KEY5("template", "zone", "kind", "status", "step") " AS key, vcpu, mem_gb, storage_gb FROM pool_sums) k "
		      "ON k.key = a.key WHERE coalesce(k.vcpu, 0) <> coalesce(a.v, 0) OR coalesce(k.mem_gb, 0) <> coalesce(a.m, 0) "
		      "OR coalesce(k.storage_gb, 0) <> coalesce(a.g, 0)");
#undef KEY5
	off += rows_of(s, "SELECT count(*) FROM app_zones z LEFT JOIN applications a ON a.id = z.app_id WHERE a.id IS NULL "
		       "OR z.template <> a.template OR z.kind <> a.kind OR z.status <> a.status OR z.step <> coalesce(a.step, '')");
	if (off)
		problem(v, "资源池的合计（pool_sums、app_zones）有 %lld 处与申请表不符：批准时的资源池占用会不对", off);
	return 0;
}

/* The applications' checks run on a second connection, in a thread, while
 * this one runs SQLite's checks and the chain: the two biggest reads at
 * once on two cores. What they find is told after the chain's, in the
 * order a run on one connection tells it. */
typedef struct apps_job {
	store *twin;
	vctx v;
	char **msgs;
	int nmsgs, rc, done;
	long long seen;
	ys_err err;
	pthread_t th;
} apps_job;

static void collect(const char *msg, void *ctx)
{
	apps_job *j = ctx;
	*XPUSH(j->msgs, j->nmsgs) = xstrdup(msg);
}

static void *apps_thread(void *p)
{
	apps_job *j = p;
	j->rc = check_apps(j->twin, &j->v, &j->seen, &j->err);
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Waits for the thread, showing how far it has got, and tells what it
 * found. */
static int apps_finish(apps_job *j, store *s, vctx *v, ys_err *err)
{
	long long total = v->pg ? rows_of(s, "SELECT count(*) FROM applications") : 0;
	while (!__atomic_load_n(&j->done, __ATOMIC_ACQUIRE)) {
		if (v->pg && v->pg->fn)
			v->pg->fn("检查申请", "件", __atomic_load_n(&j->seen, __ATOMIC_RELAXED), total, v->pg->ctx);
		struct timespec t = { 0, 50 * 1000 * 1000 };
		nanosleep(&t, NULL);
	}
	pthread_join(j->th, NULL);
	progress_tick(v->pg, "检查申请", "件", j->seen, total, 1);
	for (int i = 0; i < j->nmsgs; i++) {
		v->report(j->msgs[i], v->ctx);
		free(j->msgs[i]);
	}
	free(j->msgs);
	v->problems += j->v.problems;
	store_close(j->twin);
	sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);   /* store_twin's read transaction */
	if (j->rc) {
		*err = j->err;
		return -1;
	}
	return 0;
}

int verify_run(store *s, void (*report)(const char *, void *), void *ctx, const ys_progress *pg, ys_err *err)
{
	vctx v = { report, ctx, 0, pg };
	for (int i = 0; i < templates_broken_count(); i++) {
		const tpl_broken *b = templates_broken_at(i);
		long long held = 0;
		sqlite3_stmt *st = b->fallback ? NULL : store_stmt(s, "SELECT count(*) FROM applications WHERE template=:t", err);
		if (st) {
			store_bind_text(st, ":t", b->id);
			held = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
		}
		char more[96] = "";
		if (b->fallback)
			snprintf(more, sizeof more, "（仍使用随程序安装的同名模板）");
		else if (held)
			snprintf(more, sizeof more, "（它的 %lld 件申请只能查看，不能办理）", held);
		problem(&v, "模板 %s 未能载入%s：%s", b->path, more, b->msg);
	}
	apps_job j = { .v = { collect, &j, 0, NULL } };
	ys_err te;
	int twin = !store_twin(s, &j.twin, &te) && !pthread_create(&j.th, NULL, apps_thread, &j);
	if (j.twin && !twin) {
		store_close(j.twin);
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
	}
	int rc = sqlite_checks(s, &v, err) || check_chain(s, &v, err) ? -1 : 0;
	if (twin)
		rc = apps_finish(&j, s, &v, rc ? &te : err) || rc ? -1 : 0;
	else if (!rc)
		rc = check_apps(s, &v, &j.seen, err);
	return rc ? -1 : v.problems;
}
