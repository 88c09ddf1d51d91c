/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* The rules of the core without a shell: every demo application (follow-ups
 * included) reads back from the JSON it is written as; an edit saved from
 * an old copy keeps what others changed meanwhile and reports a real
 * conflict value by value; a refused save writes nothing; conditional
 * steps see every kind of mapping; the clock rule at a holiday. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "apps.h"
#include "demo.h"
#include "duties.h"
#include "edits.h"
#include "paths.h"
#include "remind.h"
#include "t.h"
#include "template.h"
#include "workdays.h"

static store *s;

static int same(const app_data *a, const app_data *b)
{
	for (int i = 0; i < a->form->nfields; i++)
		if (strcmp(a->vals[i], b->vals[i]))
			return 0;
	for (int t = 0; t < a->form->ntables; t++)
		if (!app_table_equal(a, b, t))
			return 0;
	return 1;
}

static int roundtrip(const app_rec *r, void *ctx)
{
	int *n = ctx;
	app_rec rr;
	app_data *d;
	ys_err e;
	CHECK_INT(apps_load(s, r->id, &rr, &d, &e), 0);
	buf b = { 0 };
	buf_puts(&b, "{");
	app_to_json(d, &b);
	buf_puts(&b, "}");
	json *j = json_parse(b.s, &e);
	app_data *back = app_data_new(d->tpl, d->form->kind);
	int rc = j ? app_from_json(back, j, &e) : -1;
	if (rc)
		fprintf(stderr, "application %lld: %s\n", r->id, e.msg);
	CHECK_INT(rc, 0);
	CHECK(same(d, back));
	(*n)++;
	json_free(j);
	buf_free(&b);
	app_data_free(back);
	app_data_free(d);
	return 0;
}

static void every_demo_application_reads_back(void)
{
	apps_filter f = { .today = clock_today() };
	int n = 0;
	ys_err e;
	CHECK_INT(apps_list(s, &f, roundtrip, &n, &e), 0);
	CHECK(n >= 60);
}

typedef struct ids {
	long long v[512];
	int n;
} ids;

static int collect_id(const app_rec *r, void *ctx)
{
	ids *x = ctx;
	if (x->n < 512)
		x->v[x->n++] = r->id;
	return 0;
}

/* A page read from the end (its count known, the way End and PgDn near
 * the end read it) holds the same rows in the same order as read from
 * the start, for every page of every list. */
static void pages_from_the_end_match(void)
{
	ys_err e;
	user all = { .login = "admin", .roles = { { "admin", "" } }, .nroles = 1 };
	/* 我的待办 of several roles, one also held with a scope (a page is
	 * merged from each role's walk; the whole list is one query). */
	user mixed = { .login = "x", .roles = { { "reviewer", "" }, { "acceptor", "" }, { "county", "shaoguan/乳源瑶族自治县" },
						{ "reviewer", "huizhou" }, { "ops", "taizhou" } }, .nroles = 5 };
	/* The last: a search (its page ordered and cut from app_search_rows
	 * before the page's rows are read). */
	const char *states[] = { NULL, "pending", "done", "draft", NULL, NULL };
	for (int k = 0; k < 6; k++) {
		apps_filter f = { .today = clock_today(), .viewer = &all, .status = states[k], .mine = k == 4 ? &mixed : NULL,
				  .search = k == 5 ? "局" : NULL };
		ids whole = { .n = 0 };
		CHECK_INT(apps_list(s, &f, collect_id, &whole, &e), 0);
		CHECK(whole.n > 3);
		for (int lim = 1; lim <= 7; lim += 3)
			for (int off = 0; off < whole.n; off++) {
				apps_filter p = f;
				p.limit = lim;
				p.offset = off;
				p.total = whole.n;
				ids page = { .n = 0 };
				CHECK_INT(apps_list(s, &p, collect_id, &page, &e), 0);
				int want = off + lim <= whole.n ? lim : whole.n - off;
				CHECK_INT(page.n, want);
				for (int i = 0; i < page.n && i < want; i++)
					if (page.v[i] != whole.v[off + i]) {
						CHECK_INT(page.v[i], whole.v[off + i]);
						break;
					}
			}
	}
}

/* The totals a view shows (summed from the kept counts) equal the rows
 * it lists, for every state, template, scope and 我的待办. */
static void kept_counts_match_the_lists(void)
{
	ys_err e;
	user all = { .login = "admin", .roles = { { "admin", "" } }, .nroles = 1 };
	user county = { .login = "xianji", .roles = { { "county", "shaoguan/乳源瑶族自治县" }, { "reviewer", "huizhou" } },
			.nroles = 2 };
	const user *who[] = { &all, &county };
	const char *states[] = { NULL, "draft", "pending", "returned", "rejected", "done", "withdrawn", "terminated" };
	const char *tpls[] = { NULL, "huizhou", "shaoguan", "datong" };
	for (int w = 0; w < 2; w++)
		for (int k = 0; k < 8; k++)
			for (int t = 0; t < 4; t++)
				for (int mine = 0; mine < 2; mine++) {
					apps_filter f = { .today = clock_today(), .viewer = who[w], .status = states[k],
							  .tpl = tpls[t], .mine = mine ? who[w] : NULL };
					ids x = { .n = 0 };
					CHECK_INT(apps_list(s, &f, collect_id, &x, &e), 0);
					CHECK_INT(apps_count(s, &f, &e), x.n);
				}
	/* A search's count (from app_search_rows) is the rows it lists, in
	 * every scope and state. */
	for (int w = 0; w < 2; w++)
		for (int k = 0; k < 8; k++) {
			apps_filter f = { .today = clock_today(), .viewer = who[w], .status = states[k], .search = "局" };
			ids x = { .n = 0 };
			CHECK_INT(apps_list(s, &f, collect_id, &x, &e), 0);
			CHECK_INT(apps_count(s, &f, &e), x.n);
		}
}

static user clerk = { .login = "luru", .roles = { { "clerk", "" } }, .nroles = 1 };

static long long new_draft(void)
{
	app_data *d = app_data_new(template_find("taizhou"), "apply");
	ys_err e;
	long long id = 0;
	app_set(d, (int)(form_field(d->form, "unit") - d->form->fields), "泰州市教育局");
	CHECK_INT(store_begin(s, &e), 0);
	CHECK_INT(edits_create(s, &clerk, d, 0, "2026-11-20T09:00", &id, &e), 0);
	CHECK_INT(store_commit(s, &e), 0);
	app_data_free(d);
	return id;
}

static void set(app_data *d, const char *id, const char *v)
{
	app_set(d, (int)(form_field(d->form, id) - d->form->fields), v);
}

static void an_old_copy_keeps_what_others_changed(void)
{
	long long id = new_draft();
	app_rec r;
	app_data *base, *mine, *other;
	ys_err e;
	edit_result res;
	CHECK_INT(apps_load(s, id, &r, &base, &e), 0);
	long long v0 = r.version;
	mine = app_data_copy(base);
	other = app_data_copy(base);
	/* Someone else fixes the phone; I, from the same copy, the contact. */
	set(other, "phone", "0523-86390001");
	CHECK_INT(edits_save(s, &clerk, id, base, v0, other, NULL, "2026-11-20T09:05", &res, &e), 0);
	CHECK_INT(res.version, v0 + 1);
	set(mine, "contact", "顾晓峰");
	CHECK_INT(edits_save(s, &clerk, id, base, v0, mine, NULL, "2026-11-20T09:06", &res, &e), 0);
	app_data *now;
	CHECK_INT(apps_load(s, id, &r, &now, &e), 0);
	CHECK_STR(app_get(now, "phone"), "0523-86390001");
	CHECK_STR(app_get(now, "contact"), "顾晓峰");
	CHECK_INT(r.version, v0 + 2);
	/* Both change the same value: a conflict naming both, nothing written. */
	set(other, "contact", "王芳");
	CHECK_INT(edits_save(s, &clerk, id, base, v0, other, NULL, "2026-11-20T09:07", &res, &e), 1);
	CHECK_INT(res.n, 1);
	CHECK_STR(res.c[0].label, "联系人");
	CHECK_STR(res.c[0].mine, "王芳");
	CHECK_STR(res.c[0].theirs, "顾晓峰");
	/* Keeping mine lays my change over theirs and saves. */
	int keep[1] = { 1 };
	app_data *merged = edits_rebase(base, other, &res, keep);
	CHECK_STR(app_get(merged, "phone"), "0523-86390001");
	CHECK_STR(app_get(merged, "contact"), "王芳");
	long long v = res.version;
	app_data *nb = res.theirs;
	res.theirs = NULL;
	edit_result_free(&res);
	CHECK_INT(edits_save(s, &clerk, id, nb, v, merged, NULL, "2026-11-20T09:08", &res, &e), 0);
	app_data *fin;
	CHECK_INT(apps_load(s, id, &r, &fin, &e), 0);
	CHECK_STR(app_get(fin, "contact"), "王芳");
	CHECK_STR(app_get(fin, "phone"), "0523-86390001");
	app_data_free(fin);
	app_data_free(nb);
	app_data_free(merged);
	app_data_free(now);
	app_data_free(base);
	app_data_free(mine);
	app_data_free(other);
}

static void a_refused_save_writes_nothing(void)
{
	long long id = new_draft();
	app_rec r;
	app_data *base;
	ys_err e;
	edit_result res;
	CHECK_INT(apps_load(s, id, &r, &base, &e), 0);
	app_data *mine = app_data_copy(base);
	set(mine, "storage_tb", "两个");   /* not a number: the reader could not take it back */
	user nobody = { .login = "x" };
	CHECK_INT(edits_save(s, &nobody, id, base, r.version, mine, NULL, "2026-11-20T10:00", &res, &e), -1);
	CHECK(strstr(e.msg, "没有编号为") != NULL);   /* what one may not see does not exist */
	CHECK_INT(edits_save(s, &clerk, id, base, r.version, mine, NULL, "2026-11-20T10:00", &res, &e), -1);
	CHECK(strstr(e.msg, "不是整数") != NULL);
	app_rec after;
	CHECK_INT(apps_get(s, id, &after, &e), 0);
	CHECK_INT(after.version, r.version);
	app_data_free(mine);
	app_data_free(base);
}

static void overdue_from_the_day_after(void)
{
	ys_date dl, d;
	int days;
	date_parse("2024-09-30", &dl);
	date_parse("2024-09-30", &d);
	CHECK_INT(deadline_state(dl, d, &days), DUE_TODAY);
	date_parse("2024-10-01", &d);      /* 国庆: no working day has passed */
	CHECK_INT(deadline_state(dl, d, &days), DUE_OVERDUE);
	CHECK_INT(days, 1);
	date_parse("2024-10-09", &d);
	CHECK_INT(deadline_state(dl, d, &days), DUE_OVERDUE);
	CHECK_INT(days, 2);
	date_parse("2024-09-27", &d);
	CHECK_INT(deadline_state(dl, d, &days), DUE_LEFT);
	CHECK_INT(days, 2);                /* 09-29 is a make-up Sunday */
}

/* 韶关: each host's backup is kept its own period (default 2 months, or
 * the months written), a host without backup keeps nothing; the duty
 * after reclaim runs to the longest. */
static void backups_kept_host_by_host(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/data/demo/shaoguan-apply.json", dir);
	size_t n;
	ys_err e;
	char *text = file_read(path, 1 << 20, &n, &e);
	CHECK(text != NULL);
	json *j = json_parse(text, &e);
	app_data *d = app_data_new(template_find("shaoguan"), "apply");
	CHECK_INT(app_from_json(d, j, &e), 0);
	const tpl_duty *keep = template_duty(template_find("shaoguan"), "backup_keep");
	CHECK(keep != NULL);
	CHECK_INT(duty_row_period(&keep->period, d, 0), 2);     /* 默认2个月 */
	CHECK_INT(duty_row_period(&keep->period, d, 1), 6);     /* 其他保存期限 6 */
	CHECK_INT(duty_row_period(&keep->period, d, 2), -1);    /* 不需要备份 */
	app_data_free(d);
	json_free(j);
	free(text);
}

/* A load is parsed once and then kept with the connection (apps.c): what
 * a caller changes in its copy is not seen by the next load, and a form
 * another connection saved meanwhile reads as saved. */
static void a_kept_form_is_never_stale(const char *db)
{
	long long id = new_draft();
	app_rec r;
	app_data *a, *b;
	ys_err e;
	edit_result res;
	CHECK_INT(apps_load(s, id, &r, &a, &e), 0);
	const char *was = app_get(a, "contact");
	char before[256];
	snprintf(before, sizeof before, "%s", was ? was : "");
	set(a, "contact", "改在副本里");
	CHECK_INT(apps_load(s, id, &r, &b, &e), 0);
	CHECK_STR(app_get(b, "contact"), before);
	store *other;
	CHECK_INT(store_open(db, 0, &other, &e), 0);
	app_rec ro;
	app_data *base;
	CHECK_INT(apps_load(other, id, &ro, &base, &e), 0);
	app_data *mine = app_data_copy(base);
	set(mine, "contact", "另一个连接");
	CHECK_INT(edits_save(other, &clerk, id, base, ro.version, mine, NULL, "2026-11-20T11:00", &res, &e), 0);
	edit_result_free(&res);
	store_close(other);
	app_data *c;
	CHECK_INT(apps_load(s, id, &r, &c, &e), 0);
	CHECK_STR(app_get(c, "contact"), "另一个连接");
	CHECK_INT(r.version, ro.version + 1);
	app_data_free(c);
	app_data_free(mine);
	app_data_free(base);
	app_data_free(b);
	app_data_free(a);
}

/* The queue's title counts (remind_apps) are what the mail lists
 * (remind_count), for every demo login, on days around the demo's
 * deadlines (some today, some past). */
static void title_counts_match_the_list(void)
{
	const char *logins[] = { "shouli", "shenhe", "shenhe2", "lingdao", "yunwei", "xianji", "zhuguan", "admin" };
	ys_date today = clock_today();
	int busy = 0, duties = 0;
	/* Around today, and days whose overdue ones lie in earlier months
	 * (the kept counts by month) and start on a month's first day. */
	const int days[] = { -3, -2, -1, 0, 1, 2, 3, 11, 12, 41, 72, -50 };
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++)
		for (size_t k = 0; k < sizeof days / sizeof *days; k++) {
			int d = days[k];
			user u;
			ys_err e;
			remind_counts a, b, t;
			char *mail = NULL;
			size_t mail_len = 0;
			FILE *mf = open_memstream(&mail, &mail_len);
			CHECK(mf != NULL);
			CHECK_INT(user_load(s, logins[i], &u, &e), 0);
			/* The counts alone (the queue's title, remind) come from the
			 * indexes and unsorted duties; the mail's list reads each. */
			CHECK_INT(remind_apps(s, &u, today + d, &t, &e), 0);
			CHECK_INT(remind_count(s, &u, today + d, &a, NULL, &e), 0);
			CHECK_INT(remind_count(s, &u, today + d, &b, mf, &e), 0);
			fclose(mf);
			/* One line per item listed, under its heading. */
			int lines = 0;
			for (const char *p = mail; p && (p = strstr(p, "\n  ")); p++)
				lines += strncmp(p + 3, "（无）", strlen("（无）")) != 0;
			CHECK_INT(lines, b.todo + b.duties);
			free(mail);
			CHECK_INT(t.todo, b.todo);
			CHECK_INT(a.todo, b.todo);
			CHECK_INT(a.overdue, b.overdue);
			CHECK_INT(a.today, b.today);
			CHECK_INT(a.duties, b.duties);
			CHECK_INT(a.duties_today, b.duties_today);
			CHECK_INT(a.duties_overdue, b.duties_overdue);
			busy += b.today > 0 && b.overdue > 0;
			duties += b.duties_today > 0 && b.duties_overdue > 0;
		}
	CHECK(busy > 0);       /* the comparison saw both kinds */
	CHECK(duties > 0);
}

int main(int argc, char **argv)
{
	const char *src = getenv("YS_SRCDIR");
	char dir[4096], path[4200], db[] = "/tmp/ystestapp.XXXXXX";
	snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : src ? src : ".");
	ys_err e;
	snprintf(path, sizeof path, "%s/data/holidays.tsv", dir);
	CHECK_INT(workdays_load(path, &e), 0);
	snprintf(path, sizeof path, "%s/data/templates", dir);
	CHECK_INT(templates_load_dir(path, &e), 0);
	int fd = mkstemp(db);
	close(fd);
	unlink(db);
	CHECK_INT(store_open(db, STORE_CREATE, &s, &e), 0);
	CHECK_INT(demo_build(s, "admin", "2026-11-20T10:00", &e), 0);
	every_demo_application_reads_back();
	pages_from_the_end_match();
	kept_counts_match_the_lists();
	title_counts_match_the_list();
	an_old_copy_keeps_what_others_changed();
	a_refused_save_writes_nothing();
	a_kept_form_is_never_stale(db);
	overdue_from_the_day_after();
	backups_kept_host_by_host(dir);
	kept_counts_match_the_lists();     /* still, after the saves above */
	store_close(s);
	for (const char *sfx = ""; sfx; sfx = !*sfx ? "-wal" : !strcmp(sfx, "-wal") ? "-shm" : NULL) {
		snprintf(path, sizeof path, "%s%s", db, sfx);
		unlink(path);
	}
	templates_free();
	return T_DONE();
}
