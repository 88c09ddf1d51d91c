#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "apps.h"
#include "template.h"
#include "verify.h"

typedef struct vctx {
	void (*report)(const char *, void *);
	void *ctx;
	int problems;
} vctx;

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
	if (sqlite3_prepare_v2(store_db(s), "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "外键检查");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(v, "外键检查：表 %s 第 %lld 行引用了不存在的 %s", sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
	if (done(s, st, rc, err, "外键检查"))
		return -1;
	if (store_version(s) != store_latest_version())
		problem(v, "数据库版本 %d 与程序版本 %d 不一致", store_version(s), store_latest_version());
	return 0;
}

/* State recorded by the last event that changed it. */
static void last_status(store *s, long long id, char *out, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT status_to FROM events WHERE app_id=:id AND status_to IS NOT NULL "
				      "ORDER BY id DESC LIMIT 1", NULL);
	out[0] = '\0';
	if (!st)
		return;
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_text_copy(st, 0, out, n);
	else if (rc != SQLITE_DONE)
		snprintf(out, n, "?");      /* unreadable: reported as a mismatch */
	sqlite3_reset(st);
}

static void check_app(store *s, vctx *v, long long id)
{
	app_rec r;
	app_data *d;
	ys_err e;
	if (apps_load(s, id, &r, &d, &e)) {
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
	if (r.round > 0 && !r.docno[0])
		problem(v, "申请 %lld：已提交但没有文号", id);
	char last[16];
	last_status(s, id, last, sizeof last);
	if (!last[0])
		problem(v, "申请 %lld：没有创建记录", id);
	else if (strcmp(last, r.status))
		problem(v, "申请 %lld：状态为 %s，但历史中最后记录的状态是 %s", id, r.status, last);
	app_data_free(d);
}

int verify_run(store *s, void (*report)(const char *, void *), void *ctx, ys_err *err)
{
	vctx v = { report, ctx, 0 };
	if (sqlite_checks(s, &v, err))
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), "SELECT id FROM applications ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "读取申请");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		check_app(s, &v, sqlite3_column_int64(st, 0));
	if (done(s, st, rc, err, "读取申请"))
		return -1;
	if (sqlite3_prepare_v2(store_db(s),
			       "SELECT a.template, a.doc_year, max(a.doc_seq), d.seq FROM applications a "
			       "LEFT JOIN docno_seq d ON d.template=a.template AND d.year=a.doc_year "
			       "WHERE a.doc_seq IS NOT NULL GROUP BY a.template, a.doc_year "
			       "HAVING d.seq IS NULL OR d.seq < max(a.doc_seq)", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "检查文号");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(&v, "模板 %s %d 年的文号序列落后于已发文号（%d），新文号会重复",
			sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	if (done(s, st, rc, err, "检查文号"))
		return -1;
	return v.problems;
}
