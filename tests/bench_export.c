/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* bench_export.c - how long the monthly report of a month with 100,000
 * applications takes, and how much memory (not a test; make bench).
 *
 * Setup: the demo data set, then each demo application copied (its form
 * data, totals and whole event history, shifted in time) until `rows`
 * applications were active in October 2026 - one INSERT ... SELECT from a
 * recursive CTE for the applications and one for their events, appended
 * in time order as the history is in life. The report is then made by the
 * real program (src/yunshen export month) in a child process, timed, its
 * peak RSS read from wait4(). The current month
 * (November, figures from the applications' present state) is measured
 * too, and one printed form for comparison.
 *
 * The anchor: a plain writer of the same cells. Every sheet of the
 * October report is read back (xlsx_read, not timed) and its cells written
 * again with bare libxlsxwriter calls in the same constant_memory mode -
 * numbers as numbers, dates as dates, the rest as strings - and timed;
 * ours is printed as a ratio of it, from the same run (YS_BENCH_SHEETS=1
 * also prints the plain writer's seconds sheet by sheet).
 *
 * Usage: bench_export [holidays.tsv] [rows]; YS_SRCDIR and YS_BUILDDIR
 * locate data/ and src/yunshen (default: the current directory);
 * YS_BENCH_DB=path keeps the generated database there and reuses it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "demo.h"
#include "duties.h"
#include "store.h"
#include "template.h"
#include "users.h"
#include "workdays.h"
#include "xlsx_read.h"

#define NOW "2026-11-20T10:00"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sql(store *s, const char *q)
{
	ys_err e;
	if (store_exec(s, q, &e)) {
		fprintf(stderr, "bench_export: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* "2026-10-05" as a date, else 0. */
static int is_date(const char *v, lxw_datetime *dt)
{
	int y, m, d;
	char tail;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	*dt = (lxw_datetime){ y, m, d, 0, 0, 0 };
	return 1;
}

/* A plain number ("12", "0.5"), else 0. */
static int is_number(const char *v, double *x)
{
	char *end;
	if (!*v || strchr(" +", *v) || (v[0] == '0' && v[1] && v[1] != '.'))
		return 0;
	*x = strtod(v, &end);
	return !*end;
}

/* Writes the cells of every sheet of `from` again, plainly, into `to`;
 * the seconds the writing took (reading not counted), -1 on failure. */
static double plain_writer(const char *from, const char *to, long long *cells)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(to, &o);
	if (!wb)
		return -1;
	lxw_format *num = workbook_add_format(wb), *date = workbook_add_format(wb);
	format_set_num_format(num, "#,##0.00");
	format_set_num_format(date, "yyyy-mm-dd");
	double spent = 0;
	*cells = 0;
	for (int k = 0;; k++) {
		csv_file f;
		char name[128];
		ys_err e;
		int rc = xlsx_read_sheet(from, k, &f, name, sizeof name, &e);
		if (rc < 0) {
			fprintf(stderr, "bench_export: %s\n", e.msg);
			workbook_close(wb);
			return -1;
		}
		if (rc)
			break;
		double t0 = now_s();
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		for (int r = 0; r < f.nrows; r++)
			for (int c = 0; c < f.rows[r].n; c++) {
				const char *v = f.rows[r].cells[c];
				lxw_row_t row = (lxw_row_t)f.rows[r].line - 1;
				double x;
				lxw_datetime dt;
				if (!*v)
					continue;
				if (is_date(v, &dt))
					worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, date);
				else if (is_number(v, &x))
					worksheet_write_number(ws, row, (lxw_col_t)c, x, num);
				else
					worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
				++*cells;
			}
		spent += now_s() - t0;
		if (getenv("YS_BENCH_SHEETS"))
			fprintf(stderr, "  %s: %d rows %.2f s\n", name, f.nrows, now_s() - t0);
		csv_free(&f);
	}
	double t0 = now_s();
	if (workbook_close(wb) != LXW_NO_ERROR)
		return -1;
	return spent + now_s() - t0;
}

/* Runs yunshen with args in a child; prints seconds and peak RSS, and
 * gives the seconds in *took. */
static int run(const char *what, const char *yunshen, const char *db, char *const args[], const char *out,
	       double *took)
{
	char *argv[16];
	int n = 0;
	argv[n++] = (char *)yunshen;
	argv[n++] = "--db";
	argv[n++] = (char *)db;
	argv[n++] = "--as";
	argv[n++] = "bench";
	for (int i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	double t0 = now_s();
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(yunshen, argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bench_export: %s failed (status %d)\n", what, status);
		return -1;
	}
	struct stat st;
	stat(out, &st);
	*took = now_s() - t0;
	printf("%-44s %6.2f s   peak RSS %6.1f MB   file %6.1f MB\n", what, *took, ru.ru_maxrss / 1024.0,
	       st.st_size / 1048576.0);
	return 0;
}

int main(int argc, char **argv)
{
	const char *src = getenv("YS_SRCDIR"), *bld = getenv("YS_BUILDDIR");
	char path[4200], yunshen[4200], data[4200], db[4096], dir[] = "/tmp/bench_export.XXXXXX";
	const char *keep = getenv("YS_BENCH_DB");
	int rows = argc > 2 ? atoi(argv[2]) : 100000;
	ys_err e;
	snprintf(path, sizeof path, "%s", argc > 1 ? argv[1] : "");
	if (!path[0])
		snprintf(path, sizeof path, "%s/data/holidays.tsv", src ? src : ".");
	if (workdays_load(path, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	snprintf(data, sizeof data, "%s/data", src ? src : ".");
	snprintf(path, sizeof path, "%s/data/templates", src ? src : ".");
	if (templates_load_dir(path, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	snprintf(yunshen, sizeof yunshen, "%s/src/yunshen", bld ? bld : ".");
	if (access(yunshen, X_OK)) {
		fprintf(stderr, "bench_export: %s not built\n", yunshen);
		return 1;
	}
	int reuse = 0;
	if (keep && *keep) {
		snprintf(db, sizeof db, "%s", keep);
		reuse = access(db, F_OK) == 0;
	} else {
		/* A private folder: the CLI takes --as and YUNSHEN_NOW only there. */
		if (!mkdtemp(dir))
			return 1;
		snprintf(db, sizeof db, "%s/b.db", dir);
	}
	store *s;
	if (store_open(db, STORE_CREATE, &s, &e) || (!reuse && demo_build(s, "bench", NOW, &e))) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	double t0 = now_s();
	char q[4096];
	/* Copy n of each demo application (not drafts), day by day through
	 * October; units vary so the by-unit figures have many rows. */
	snprintf(q, sizeof q,
		 "BEGIN;"
		 "CREATE TEMP TABLE src AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM applications "
		 "  WHERE submitted_at IS NOT NULL;"
		 "CREATE TEMP TABLE map(new INTEGER PRIMARY KEY, old INT, shift REAL);"
		 "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d - 1) "
		 "INSERT INTO map SELECT (SELECT max(id) FROM applications) + 1 + n.i, s.id, "
		 "  julianday('2026-10-01') + (n.i %% 28) - julianday(substr(a.submitted_at, 1, 10)) "
		 "FROM n JOIN src s ON s.k = n.i %% (SELECT count(*) FROM src) JOIN applications a ON a.id = s.id;"
		 "INSERT INTO applications(id, template, kind, parent_id, docno, doc_year, doc_seq, unit, county, "
		 "  supervisor, system, status, step, role, step_since, deadline, round, hosts, vcpu, mem_gb, "
		 "  storage_gb, bandwidth, data, created_at, created_by, submitted_at, updated_at, done_at) "
		 "SELECT m.new, a.template, a.kind, NULL, a.docno || '-' || m.new, NULL, NULL, "
		 "  a.unit || '（' || (m.new %% 37) || '）', a.county, a.supervisor, a.system, a.status, a.step, a.role, "
		 "  strftime('%%Y-%%m-%%dT%%H:%%M', julianday(a.step_since) + m.shift), "
		 "  date(julianday(a.deadline) + m.shift), a.round, a.hosts, a.vcpu, a.mem_gb, a.storage_gb, "
		 "  a.bandwidth, a.data, strftime('%%Y-%%m-%%dT%%H:%%M', julianday(a.created_at) + m.shift), "
		 "  a.created_by, strftime('%%Y-%%m-%%dT%%H:%%M', julianday(a.submitted_at) + m.shift), "
		 "  strftime('%%Y-%%m-%%dT%%H:%%M', julianday(a.updated_at) + m.shift), "
		 "  strftime('%%Y-%%m-%%dT%%H:%%M', julianday(a.done_at) + m.shift) "
		 "FROM map m JOIN applications a ON a.id = m.old;"
		 "INSERT INTO events(app_id, at, login, kind, step, action, label, opinion, field, old, new, "
		 "  status_from, status_to, deadline, round) "
		 "SELECT m.new, strftime('%%Y-%%m-%%dT%%H:%%M', julianday(e.at) + m.shift), e.login, e.kind, e.step, "
		 "  e.action, e.label, e.opinion, e.field, e.old, e.new, e.status_from, e.status_to, "
		 "  date(julianday(e.deadline) + m.shift), e.round "
		 "FROM map m JOIN events e ON e.app_id = m.old ORDER BY julianday(e.at) + m.shift, m.new, e.id;"
		 "COMMIT; ANALYZE;",
		 rows);
	if (!reuse && sql(s, q))
		return 1;
	sqlite3_stmt *st;
	long long napps = 0, nev = 0;
	if (sqlite3_prepare_v2(store_db(s), "SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM events)",
			       -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		napps = sqlite3_column_int64(st, 0);
		nev = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	printf("%s %lld applications, %lld events in %.1f s\n", reuse ? "reused" : "generated", napps, nev,
	       now_s() - t0);
	/* The duties table is derived: built once, as at the upgrade to schema
	 * 6 or after a template is edited, not by the exports timed below. */
	t0 = now_s();
	if (duties_refresh(s, &e)) {
		fprintf(stderr, "bench_export: %s\n", e.msg);
		return 1;
	}
	printf("duties rebuilt for every application in %.1f s\n", now_s() - t0);
	store_close(s);

	setenv("YUNSHEN_NOW", NOW, 1);
	setenv("YUNSHEN_DATADIR", data, 1);
	char out[64] = "/tmp/bench_export_out.xlsx", plain[64] = "/tmp/bench_export_plain.xlsx",
	     oct[64] = "/tmp/bench_export_oct.xlsx";
	char *month_past[] = { "export", "month", "2026-10", "-o", oct, NULL };
	char *month_now[] = { "export", "month", "2026-11", "-o", out, NULL };
	char *form[] = { "export", "form", "21", "-o", out, NULL };
	char label[128];
	double ours;
	long long cells = 0;
	snprintf(label, sizeof label, "export month 2026-10 (%d applications)", rows);
	double ours_oct = 0, other;
	int rc = run(label, yunshen, db, month_past, oct, &ours_oct) ||
		 run("export month 2026-11 (the month after)", yunshen, db, month_now, out, &ours) ||
		 run("export form 21 (one printed form)", yunshen, db, form, out, &ours);
	/* Last: reading the workbook back grows this process, and a child
	 * forked after it would count that in its peak RSS. */
	if (!rc && (other = plain_writer(oct, plain, &cells)) > 0)
		printf("%-44s %6.2f s   (%lld cells of October)   ours / plain = %.2f\n",
		       "the same cells, plain libxlsxwriter", other, cells, ours_oct / other);
	else
		rc = -1;
	unlink(plain);
	unlink(oct);
	unlink(out);
	if (keep && *keep) {
		templates_free();
		return rc ? 1 : 0;
	}
	unlink(db);
	snprintf(path, sizeof path, "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", db);
	unlink(path);
	rmdir(dir);
	templates_free();
	return rc ? 1 : 0;
}
