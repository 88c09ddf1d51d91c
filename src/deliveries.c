/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "buf.h"
#include "date.h"
#include "deliveries.h"
#include "duties.h"
#include "template.h"
#include "text.h"

int delivery_check(const delivery *d, const char *today, char *msg, size_t n)
{
	size_t hl = strlen(d->host);
	if (!hl || hl > 63) {
		snprintf(msg, n, "主机名必填，最多 63 个字符");
		return -1;
	}
	for (const char *p = d->host; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.')) {
			snprintf(msg, n, "主机名“%s”只能用字母、数字、“-”“_”“.”", d->host);
			return -1;
		}
	unsigned char a[16];
	if (inet_pton(AF_INET, d->ip, a) != 1 && inet_pton(AF_INET6, d->ip, a) != 1) {
		snprintf(msg, n, "“%s”不是有效的 IP 地址（如 10.12.3.21）", d->ip);
		return -1;
	}
	char why[128];
	if (text_check(d->ports, 0, why, sizeof why)) {
		snprintf(msg, n, "端口%s", why);
		return -1;
	}
	if (text_chars(d->ports) > 100) {
		snprintf(msg, n, "端口最多 100 个字");
		return -1;
	}
	ys_date day, now;
	if (strlen(d->delivered_on) != 10 || date_parse(d->delivered_on, &day)) {
		snprintf(msg, n, "交付日期“%s”无效（格式 YYYY-MM-DD）", d->delivered_on);
		return -1;
	}
	if (today && date_parse(today, &now) == 0 && day > now) {
		snprintf(msg, n, "交付日期 %s 晚于今天", d->delivered_on);
		return -1;
	}
	return 0;
}

void delivery_lines_free(delivery_line *l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i].desc);
	free(l);
}

/* Every row of a table with resources (vCPU, memory, disk, or a spec
 * chosen from a list) is a line to deliver, as many hosts as it counts. */
int delivery_lines(const app_data *a, delivery_line **out)
{
	const tpl_form *fm = a->form;
	delivery_line *v = NULL;
	int n = 0;
	for (int t = 0; t < fm->ntables; t++) {
		const tpl_table *tb = &fm->tables[t];
		for (int r = 0; r < a->tables[t].nrows; r++) {
			buf b = { 0 };
			int count = 1, res = 0;
			for (int c = 0; c < tb->ncols; c++) {
				const tpl_field *cf = &tb->cols[c];
				const char *val = app_cell(a, t, r, c);
				if (!*val)
					continue;
				if (cf->maps == M_COUNT) {
					count = atoi(val) > 0 ? atoi(val) : 1;
					continue;
				}
				int show = cf->maps != M_NONE || (c == 0 && cf->type == F_TEXT) || cf->type == F_CHOICE;
				if (cf->maps == M_VCPU || cf->maps == M_MEM_GB || cf->maps == M_STORAGE_GB || cf->nchoices)
					res = 1;
				if (show && cf->type != F_MULTI)
					buf_printf(&b, "%s%s%s", b.len ? " " : "", val,
						   cf->type == F_INT && cf->unit ? cf->unit : "");
			}
			if (!res) {
				buf_free(&b);
				continue;
			}
			v = xrealloc(v, sizeof *v * (size_t)(n + 1));
			snprintf(v[n].key, sizeof v[n].key, "%s[%d]", tb->id, r + 1);
			v[n].desc = b.s ? buf_take(&b) : xstrdup("");
			v[n].count = count;
			v[n].delivered = 0;
			n++;
		}
	}
	*out = v;
	return n;
}

int deliveries_why_not(const app_rec *r, const user *u, char *why, size_t n)
{
	char label[128];
	why[0] = '\0';
	if (kind_is_report(r->kind))
		snprintf(why, n, "申请 %lld 是%s，不申请资源，没有交付", r->id, kind_label(r->kind));
	else if (!user_has(u, ROLE_OPS, r->template, r->county))
		snprintf(why, n, "%s 没有运维角色，不能记录交付", u->login);
	else if (!(!strcmp(r->status, ST_DONE) || (!strcmp(r->status, ST_PENDING) && !strcmp(r->role, ROLE_OPS))))
		snprintf(why, n, "申请 %lld 现为“%s”，尚未审批通过，不能记录交付", r->id,
			 apps_status_label(r, label, sizeof label));
	return why[0] != '\0';
}

typedef struct tally {
	const char *line;
	int n;
} tally;

static int count_line(const delivery *d, void *ctx)
{
	tally *t = ctx;
	t->n += !strcmp(d->line, t->line);
	return 0;
}

int deliveries_add(store *s, const user *u, const delivery *d, const char *now, ys_err *err)
{
	if (store_begin(s, err))
		return -1;
	if (deliveries_do(s, u, d, now, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int deliveries_do(store *s, const user *u, const delivery *d, const char *now, ys_err *err)
{
	app_rec r;
	app_data *a;
	char msg[256];
	int rc = apps_load_as(s, u, d->app_id, &r, &a, err);
	if (!rc && deliveries_why_not(&r, u, msg, sizeof msg))
		rc = err_set(err, "%s", msg);
	if (!rc && delivery_check(d, now, msg, sizeof msg))
		rc = err_set(err, "%s", msg);
	if (!rc) {
		/* The line must be one of the application's, with a host left. */
		delivery_line *lines;
		int nl = delivery_lines(a, &lines), found = -1;
		for (int i = 0; i < nl; i++)
			if (!strcmp(lines[i].key, d->line))
				found = i;
		tally t = { d->line, 0 };
		if (found < 0)
			rc = err_set(err, "申请 %lld 没有资源行“%s”（资源行写作 表格[行号]，如 %s）", d->app_id, d->line,
				     nl ? lines[0].key : "vm[1]");
		else if (!(rc = deliveries_list(s, d->app_id, count_line, &t, err)) && t.n >= lines[found].count)
			rc = err_set(err, "资源行 %s 共 %d 台，已全部交付", d->line, lines[found].count);
		delivery_lines_free(lines, nl);
	}
	app_data_free(a);
	if (!rc)
		rc = deliveries_insert(s, u, d, now, err);
	if (!rc) {
		char note[512];
		snprintf(note, sizeof note, "%s：主机 %s，IP %s%s%s，交付日期 %s", d->line, d->host, d->ip,
			 d->ports[0] ? "，端口 " : "", d->ports, d->delivered_on);
		app_event e = { .opinion = note, .round = r.round };
		snprintf(e.label, sizeof e.label, "交付记录");
		rc = apps_event(s, d->app_id, now, u->login, EV_DELIVERY, &e, err);
	}
	if (!rc)
		rc = duties_sync(s, d->app_id, err);
	return rc;
}

int deliveries_insert(store *s, const user *u, const delivery *d, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO deliveries(app_id, line, host, ip, ports, delivered_on, "
				      "login, at) VALUES (:app, :line, :host, :ip, :ports, :on, :login, :at)", err);
	if (!st)
		return -1;
	store_bind_int(st, ":app", d->app_id);
	const char *names[] = { ":line", ":host", ":ip", ":ports", ":on", ":login", ":at" };
	const char *vals[] = { d->line, d->host, d->ip, d->ports, d->delivered_on, u->login, now };
	for (int i = 0; i < 7; i++)
		store_bind_text(st, names[i], vals[i]);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "记录交付");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

void deliveries_read_row(sqlite3_stmt *st, delivery *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	d->app_id = sqlite3_column_int64(st, 1);
	store_text_copy(st, 2, d->line, sizeof d->line);
	store_text_copy(st, 3, d->host, sizeof d->host);
	store_text_copy(st, 4, d->ip, sizeof d->ip);
	store_text_copy(st, 5, d->ports, sizeof d->ports);
	store_text_copy(st, 6, d->delivered_on, sizeof d->delivered_on);
	store_text_copy(st, 7, d->login, sizeof d->login);
	store_text_copy(st, 8, d->at, sizeof d->at);
}

int deliveries_list(store *s, long long app, int (*cb)(const delivery *, void *), void *ctx,
		    ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " DELIVERIES_COLS " FROM deliveries WHERE app_id=:app ORDER BY id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":app", app);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		delivery d;
		deliveries_read_row(st, &d);
		if (cb(&d, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取交付记录");
}
