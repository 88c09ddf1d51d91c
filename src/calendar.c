/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* calendar.c - imported holiday years and the deadlines they move. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "calendar.h"
#include "duties.h"
#include "json.h"
#include "paths.h"
#include "text.h"
#include "workdays.h"
#include "workflow.h"

/* Every imported day, to the calendar (workdays_import replaces). */
static int load_days(store *s, workday **out, int *n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT day, work FROM calendar ORDER BY day", err);
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	int rc, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ys_date d;
		if (date_parse(store_text(st, 0), &d))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		(*out)[(*n)++] = (workday){ d, sqlite3_column_int(st, 1) };
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取节假日安排");
}

int calendar_load(store *s, ys_err *err)
{
	workday *w;
	int n;
	if (load_days(s, &w, &n, err))
		return -1;
	int rc = workdays_import(w, n, err);
	free(w);
	return rc;
}

static int add_day(store *s, const char *day, int work, const char *name, const user *u, const char *now,
		   ys_err *err)
{
	ys_date d;
	char msg[128];
	if (strlen(day) != 10 || date_parse(day, &d))
		return err_set(err, "日期“%.20s”无效（应为 YYYY-MM-DD）", day);
	if (text_check(name, 0, msg, sizeof msg) || text_chars(name) > 40)
		return err_set(err, "%s 的名称无效", day);
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO calendar(day, work, name, added_at, added_by) VALUES "
				      "(:day, :work, :name, :now, :by) ON CONFLICT(day) DO UPDATE SET work=:work, "
				      "name=:name, added_at=:now, added_by=:by", err);
	if (!st)
		return -1;
	store_bind_text(st, ":day", day);
	store_bind_int(st, ":work", work);
	store_bind_text(st, ":name", name);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":by", u->login);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "保存节假日安排");
}

/* holiday-cn: {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]} */
static int import_json(store *s, const user *u, const char *text, const char *now, int *days, ys_err *err)
{
	json *j = json_parse(text, err);
	if (!j)
		return -1;
	const json *list = json_get(j, "days");
	int rc = list && list->type == J_ARRAY ? 0 : err_set(err, "不是 holiday-cn 的格式：缺少“days”数组");
	for (int i = 0; !rc && list && i < list->n; i++) {
		const json *d = list->kids[i];
		const json *off = json_get(d, "isOffDay");
		const char *date = json_str(d, "date", NULL);
		if (!date || !off || (off->type != J_TRUE && off->type != J_FALSE))
			rc = err_set(err, "第 %d 天：应有“date”和“isOffDay”", i + 1);
		else if (!(rc = add_day(s, date, off->type == J_FALSE, json_str(d, "name", ""), u, now, err)))
			(*days)++;
	}
	json_free(j);
	return rc;
}

/* Our own table's format, as data/holidays.tsv. */
static int import_tsv(store *s, const user *u, char *text, const char *now, int *days, ys_err *err)
{
	int line = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		line++;
		l[strcspn(l, "\r")] = '\0';
		if (l[0] == '#' || !l[strspn(l, " \t")])
			continue;
		char *kind = strchr(l, '\t');
		if (!kind)
			return err_set(err, "第 %d 行：应为“日期<TAB>off 或 work<TAB>名称”", line);
		*kind++ = '\0';
		char *name = strchr(kind, '\t');
		if (name)
			*name++ = '\0';
		if (strcmp(kind, "off") && strcmp(kind, "work"))
			return err_set(err, "第 %d 行：类型“%.20s”无效，应为 off（放假）或 work（调休上班）", line, kind);
		if (add_day(s, l, !strcmp(kind, "work"), name ? name : "", u, now, err))
			return err_prefix(err, "第 %d 行：", line);
		(*days)++;
	}
	return 0;
}

typedef struct pending {
	app_rec *r;
	int n;
} pending;

static int collect(const app_rec *r, void *ctx)
{
	pending *p = ctx;
	if (!r->deadline[0])
		return 0;
	p->r = xrealloc(p->r, sizeof *p->r * (size_t)(p->n + 1));
	p->r[p->n++] = *r;
	return 0;
}

/* Each open deadline counted again with the calendar as it is now. */
static int recompute(store *s, const user *u, const char *now, int *moved, ys_err *err)
{
	pending p = { 0 };
	apps_filter f = { .status = ST_PENDING, .today = DATE_NONE };
	int rc = apps_list(s, &f, collect, &p, err);
	for (int i = 0; !rc && i < p.n; i++) {
		const app_rec *r = &p.r[i];
		char dl[11];
		if (workflow_recount_deadline(s, r, dl) || !strcmp(dl, r->deadline))
			continue;
		rc = apps_set_state(s, r->id, r->status, r->step, r->role, r->step_since, dl, r->round, now, err);
		char note[200];
		snprintf(note, sizeof note, "节假日安排更新：本环节期限由 %s 改为 %s", r->deadline, dl);
		app_event e = { .round = r->round, .opinion = note, .field = "deadline", .old = r->deadline, .new = dl };
		snprintf(e.step, sizeof e.step, "%s", r->step);
		if (!rc)
			rc = apps_event(s, r->id, now, u->login, EV_LIFECYCLE, &e, err);
		if (!rc)
			(*moved)++;
	}
	free(p.r);
	return rc;
}

int calendar_import(store *s, const user *u, const char *path, const char *now, int *days, int *moved,
		    ys_err *err)
{
	*days = *moved = 0;
	if (!user_is_admin(u))
		return err_set(err, "只有管理员可以导入节假日安排（%s 不是管理员）", u->login);
	size_t n;
	char *text = file_read(path, 1 << 20, &n, err);
	if (!text)
		return -1;
	int rc = store_begin(s, err);
	if (!rc) {
		const char *p = text + strspn(text, " \t\r\n");
		rc = *p == '{' ? import_json(s, u, text, now, days, err) : import_tsv(s, u, text, now, days, err);
		if (!rc && !*days)
			rc = err_set(err, "文件里没有任何日期");
		/* The whole list, checked as one table; then the deadlines. */
		if (!rc)
			rc = calendar_load(s, err);
		if (!rc)
			rc = recompute(s, u, now, moved, err);
		if (!rc)
			rc = duties_recount(s, u->login, now, moved, err);
		if (rc)
			store_rollback(s);
		else
			rc = store_commit(s, err);
	}
	if (rc) {
		ys_err ignore;
		calendar_load(s, &ignore);      /* back to what is stored */
	}
	free(text);
	return rc ? err_prefix(err, "节假日安排 %s：", path) : 0;
}
