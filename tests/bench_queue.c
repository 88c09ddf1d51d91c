/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* bench_queue.c - how fast the queue pages through 100,000 applications
 * (not a test): the interface fetches only the rows on screen with
 * apps_list(limit, offset) and the total with apps_count, so each key press
 * costs one page query. Usage: bench_queue [holidays.tsv] [rows] [db]:
 * rows generated into a new database, or with db the pages of that one
 * (make bench-data's million, as the program's own core filed it). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "apps.h"
#include "date.h"
#include "paths.h"
#include "search.h"
#include "template.h"
#include "workdays.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int count_rows(const app_rec *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

/* Average of 5 runs of one page (20 rows at offset) and of the count. */
static void measure(store *s, const char *what, apps_filter f, int offset)
{
	ys_err e;
	f.total = apps_count(s, &f, &e);    /* as the queue knows it */
	double t0 = now_ms();
	int got = 0;
	for (int k = 0; k < 5; k++) {
		f.limit = 20;
		f.offset = offset;
		got = 0;
		if (apps_list(s, &f, count_rows, &got, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			exit(1);
		}
	}
	double page = (now_ms() - t0) / 5;
	t0 = now_ms();
	long long n = 0;
	for (int k = 0; k < 5; k++)
		n = apps_count(s, &f, &e);
	double cnt = (now_ms() - t0) / 5;
	printf("%-28s offset %6d: page of %2d rows %7.2f ms, count %lld in %6.2f ms\n", what, offset, got, page,
	       n, cnt);
}

/* The figures on a database made as staff would make it: pages
 * and counts of each view, the end of 全部, a state, searches. */
static int on_given(store *s, const char *path)
{
	ys_err e;
	user me, county;
	if (user_load(s, "shenhe", &me, &e) || user_load(s, "xianji", &county, &e)) {
		fprintf(stderr, "%s: %s\n", path, e.msg);
		store_close(s);
		return 1;
	}
	ys_date today = clock_today();
	apps_filter all = { .viewer = &me, .today = today };
	long long rows = apps_count(s, &all, &e);
	printf("%s: %lld applications\n", path, rows);
	long long offs[] = { 0, 1000, rows / 2, rows - 20 };
	for (int i = 0; i < 4; i++)
		measure(s, i == 3 ? "全部申请（End，最后一页）" : "全部申请", all, (int)offs[i]);
	apps_filter mine = { .viewer = &me, .mine = &me, .today = today };
	measure(s, "我的待办（审核人）", mine, 0);
	apps_filter scoped = { .viewer = &county, .mine = &county, .today = today };
	measure(s, "我的待办（县级，限范围）", scoped, 0);
	static const char *const states[] = { "returned", "draft", "done" };
	for (int i = 0; i < 3; i++) {
		apps_filter sf = { .viewer = &me, .status = states[i], .today = today };
		char what[64];
		snprintf(what, sizeof what, "状态筛选 %s", states[i]);
		measure(s, what, sf, 0);
	}
	apps_filter overdue = { .viewer = &me, .overdue = 1, .today = today };
	measure(s, "超期", overdue, 0);
	double t0 = now_ms();
	search_sync(s);
	printf("search index caught up in %.0f ms\n", now_ms() - t0);
	static const char *const words[] = { "卫生健康", "档案馆", "民政", "不存在的词" };
	for (int i = 0; i < 4; i++) {
		apps_filter sf = { .viewer = &me, .search = words[i], .today = today };
		char what[64];
		snprintf(what, sizeof what, "搜索“%s”", words[i]);
		measure(s, what, sf, 0);
		/* End within the results: the last page. */
		long long n = apps_count(s, &sf, &e);
		if (n > 20) {
			snprintf(what, sizeof what, "搜索“%s” End", words[i]);
			measure(s, what, sf, (int)(n - 20));
		}
	}
	store_close(s);
	templates_free();
	return 0;
}

int main(int argc, char **argv)
{
	const char *src = getenv("YS_SRCDIR");
	char path[4096], db[] = "/tmp/bench_queue.XXXXXX";
	int rows = argc > 2 ? atoi(argv[2]) : 100000;
	ys_err e;
	snprintf(path, sizeof path, "%s", argc > 1 ? argv[1] : "");
	if (!argv[1] || !*path)
		snprintf(path, sizeof path, "%s/data/holidays.tsv", src ? src : ".");
	if (workdays_load(path, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	snprintf(path, sizeof path, "%s/data/templates", src ? src : ".");
	if (templates_load_dir(path, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	const char *given = argc > 3 ? argv[3] : NULL;
	int fd = mkstemp(db);
	if (fd < 0)
		return 1;
	close(fd);
	unlink(db);
	store *s;
	if (store_open(given ? given : db, given ? 0 : STORE_CREATE, &s, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	if (given)
		return on_given(s, given);
	user_add(s, "bench", "shenhe", "reviewer", "", "2026-11-20T10:00", &e);
	user_add(s, "bench", "xianji", "county", "shaoguan/乳源瑶族自治县", "2026-11-20T10:00", &e);
	double t0 = now_ms();
	char sql[2048];
	snprintf(sql, sizeof sql,
		 "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
		 "INSERT INTO applications(template, kind, unit, county, system, status, step, role, deadline, "
		 "round, created_at, created_by, updated_at) SELECT "
		 "CASE i %% 5 WHEN 0 THEN 'datong' WHEN 1 THEN 'huizhou' WHEN 2 THEN 'shaoguan' WHEN 3 THEN 'taizhou' "
		 "ELSE 'yongjia' END, 'apply', '单位' || (i %% 997) || '局', "
		 "CASE WHEN i %% 5 = 2 AND i %% 3 = 0 THEN '乳源瑶族自治县' ELSE '' END, '系统' || i, "
		 "CASE WHEN i %% 10 < 6 THEN 'pending' WHEN i %% 10 < 8 THEN 'done' ELSE 'draft' END, "
		 "CASE WHEN i %% 10 < 6 THEN 'review' END, CASE WHEN i %% 10 < 6 THEN "
		 "CASE i %% 4 WHEN 0 THEN 'acceptor' WHEN 1 THEN 'reviewer' WHEN 2 THEN 'leader' ELSE 'county' END END, "
		 "CASE WHEN i %% 10 < 6 THEN date('2026-10-01', '+' || (i %% 90) || ' days') END, 1, "
		 "'2026-09-01T09:00', 'luru', '2026-09-01T09:00' FROM n; COMMIT;", rows);
	if (store_exec(s, sql, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	printf("generated %d applications in %.0f ms\n", rows, now_ms() - t0);
	/* A database that grew over months has planner statistics (PRAGMA
	 * optimize runs as each session closes); give the bulk-made one its. */
	store_exec(s, "ANALYZE", &e);
	user me, county;
	user_load(s, "shenhe", &me, &e);
	user_load(s, "xianji", &county, &e);
	ys_date today;
	date_parse("2026-11-20", &today);
	apps_filter all = { .viewer = &me, .today = today };
	apps_filter mine = { .viewer = &me, .mine = &me, .today = today };
	apps_filter scoped = { .viewer = &county, .mine = &county, .today = today };
	apps_filter search = { .viewer = &me, .search = "单位12", .today = today };
	apps_filter overdue = { .viewer = &me, .overdue = 1, .today = today };
	int offs[] = { 0, 1000, rows / 2, rows - 20 };
	for (int i = 0; i < 4; i++)
		measure(s, "全部申请", all, offs[i]);
	for (int i = 0; i < 3; i++)
		measure(s, "我的待办（审核人）", mine, offs[i] / 4);
	measure(s, "我的待办（县级，限范围）", scoped, 0);
	/* A reviewer who is also a county's first reader: each role's rows
	 * walked from its index and merged, not all of them sorted. */
	user both = me;
	both.roles[both.nroles++] = county.roles[0];
	apps_filter mixed = { .viewer = &both, .mine = &both, .today = today };
	for (int i = 0; i < 3; i++)
		measure(s, "我的待办（审核人兼县级）", mixed, offs[i] / 4);
	/* The search index catches up with rows written behind its back
	 * (as these were) once, on the first search. */
	t0 = now_ms();
	search_sync(s);
	printf("search index: %d applications indexed in %.0f ms (once)\n", rows, now_ms() - t0);
	static const char *const words[] = { "单位12", "系统99999", "不存在的词" };
	for (int i = 0; i < 3; i++) {
		apps_filter sf = search;
		sf.search = words[i];
		char what[64];
		snprintf(what, sizeof what, "搜索“%s”", words[i]);
		measure(s, what, sf, 0);
		/* The anchor: the same count as a scan of the texts. */
		sqlite3_stmt *st;
		double a0 = now_ms();
		long long n = -1;
		if (sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM applications WHERE instr(unit, ?1) OR "
				       "instr(system, ?1) OR instr(coalesce(docno, ''), ?1)", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, words[i], -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				n = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		printf("%-28s anchor: a scan counts %lld in %.2f ms\n", what, n, now_ms() - a0);
	}
	measure(s, "超期", overdue, 0);
	store_close(s);
	unlink(db);
	snprintf(path, sizeof path, "%s-wal", db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", db);
	unlink(path);
	templates_free();
	return 0;
}
