/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* remind.c - counting what waits for a login, and the morning mail. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "apps.h"
#include "duties.h"
#include "err.h"
#include "paths.h"
#include "remind.h"
#include "views.h"
#include "workdays.h"

typedef struct rctx {
	remind_counts *c;
	FILE *list;             /* NULL: counted only */
	buf stage;              /* lines on their way to list */
	ys_date today;
	int bad;                /* a write to list failed */
} rctx;

#define STAGE (1 << 16)         /* bytes of lines held before they go on */

/* The one clock rule: "今天到期", "超期 N 个工作日", "剩 N 个工作日". */
static int state_of(const char *due, ys_date today, char *words, size_t n)
{
	ys_date d;
	int days = 0;
	int st = due && !date_parse(due, &d) ? deadline_state(d, today, &days) : DUE_NONE;
	if (st == DUE_OVERDUE)
		snprintf(words, n, "超期 %d 个工作日", days);
	else if (st == DUE_TODAY)
		snprintf(words, n, "今天到期");
	else if (st == DUE_LEFT)
		snprintf(words, n, "剩 %d 个工作日", days);
	else
		snprintf(words, n, "无时限");
	return st;
}

static int count_app(const app_rec *r, void *ctx)
{
	rctx *x = ctx;
	char words[64], label[128];
	int st = state_of(r->deadline, x->today, words, sizeof words);
	x->c->todo++;
	x->c->today += st == DUE_TODAY;
	x->c->overdue += st == DUE_OVERDUE;
	if (x->list) {
		buf_printf(&x->stage, "  申请 %-6lld %s  %s  %s  %s\n", r->id, r->unit,
			   apps_status_label(r, label, sizeof label), r->deadline[0] ? r->deadline : "", words);
		x->bad |= buf_spill(&x->stage, x->list, STAGE);
	}
	return x->bad;
}

static int count_duty(const duty_rec *d, void *ctx)
{
	rctx *x = ctx;
	char words[64];
	int st = state_of(d->due, x->today, words, sizeof words);
	x->c->duties++;
	x->c->duties_today += st == DUE_TODAY;
	x->c->duties_overdue += st == DUE_OVERDUE;
	if (x->list) {
		buf_printf(&x->stage, "  事项 %-6lld %s  %s  %s  %s\n", d->app_id, d->unit[0] ? d->unit : d->county,
			   d->def ? d->def->label : d->duty, d->due, words);
		x->bad |= buf_spill(&x->stage, x->list, STAGE);
	}
	return x->bad;
}

int remind_apps(store *s, const user *u, ys_date today, remind_counts *out, ys_err *err)
{
	/* Counted, not listed: the waiting from the kept counts, the overdue
	 * and those due today from one range of the deadline index. */
	memset(out, 0, sizeof *out);
	apps_filter f;
	view_filter(VIEW_MINE, u, NULL, today, &f);
	long long todo = apps_count(s, &f, err), overdue = 0, due = 0;
	if (todo < 0 || apps_count_due(s, &f, &overdue, &due, err))
		return -1;
	out->todo = (int)todo;
	out->overdue = (int)overdue;
	out->today = (int)due;
	return 0;
}

int remind_count(store *s, const user *u, ys_date today, remind_counts *out, FILE *list, ys_err *err)
{
	rctx x = { .c = out, .list = list, .today = today };
	duty_filter df = { .viewer = u, .mine = u, .within = 7, .today = today };
	/* Counts alone: the applications counted from the indexes, the duties
	 * taken as they come, none of them held or sorted. */
	if (!list)
		return remind_apps(s, u, today, out, err) || duties_each(s, &df, count_duty, &x, err) ? -1 : 0;
	memset(out, 0, sizeof *out);
	apps_filter f;
	view_filter(VIEW_MINE, u, NULL, today, &f);
	buf_puts(&x.stage, "等您签署的申请（超期在前）：\n");
	int rc = apps_list(s, &f, count_app, &x, err);
	if (!rc) {
		buf_puts(&x.stage, out->todo ? "" : "  （无）\n");
		buf_puts(&x.stage, "\n您的角色要办的到期事项（7 天内到期和已超期）：\n");
		rc = duties_list(s, &df, count_duty, &x, err);
	}
	if (!rc && !out->duties)
		buf_puts(&x.stage, "  （无）\n");
	x.bad |= buf_spill(&x.stage, list, 0);
	buf_free(&x.stage);
	if (x.bad)
		return err_set(err, "无法写出待办清单");
	return rc ? -1 : 0;
}

void remind_line(const remind_counts *c, buf *out)
{
	if (!c->todo && !c->duties) {
		buf_puts(out, "云审：没有待办");
		return;
	}
	buf_printf(out, "云审：待办 %d 件", c->todo);
	if (c->today)
		buf_printf(out, "，今天到期 %d 件", c->today);
	if (c->overdue)
		buf_printf(out, "，超期 %d 件", c->overdue);
	if (c->duties) {
		buf_printf(out, "；到期事项 %d 项", c->duties);
		if (c->duties_today)
			buf_printf(out, "，今天到期 %d 项", c->duties_today);
		if (c->duties_overdue)
			buf_printf(out, "，超期 %d 项", c->duties_overdue);
	}
}

typedef struct logins {
	char (*v)[64];
	int n;
} logins;

static int add_login(const char *login, const user_role *r, void *ctx)
{
	(void)r;
	logins *l = ctx;
	if (!l->n || strcmp(l->v[l->n - 1], login))
		snprintf(*XPUSH(l->v, l->n), 64, "%s", login);
	return 0;
}

/* A header in UTF-8 as RFC 2047 wants it outside ASCII: encoded words of
 * at most 39 bytes (64 characters encoded, a line under 78 with its
 * name), cut between characters, on folded lines. */
static void header_utf8(buf *out, const char *name, const char *text)
{
	buf_printf(out, "%s:", name);
	for (const char *p = text; *p;) {
		size_t n = 0;
		while (p[n]) {
			size_t l = 1;
			while ((p[n + l] & 0xC0) == 0x80)
				l++;
			if (n + l > 39)
				break;
			n += l;
		}
		unsigned char b64[64];
		EVP_EncodeBlock(b64, (const unsigned char *)p, (int)n);
		buf_printf(out, "%s=?UTF-8?B?%s?=", p == text ? " " : "\n ", (char *)b64);
		p += n;
	}
	buf_puts(out, "\n");
}

/* The mail: its first line, then the list waiting in `list`, then the
 * last line. */
static int mail(const char *to, const char *subject, const char *first, FILE *list, ys_err *err)
{
	const char *sm = getenv("YUNSHEN_SENDMAIL");
	if (!sm || !*sm)
		sm = "/usr/sbin/sendmail";
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "'%s' -t -oi", sm);
	if (strchr(sm, '\''))
		return err_set(err, "YUNSHEN_SENDMAIL 不能含单引号：%s", sm);
	FILE *p = popen(cmd, "w");
	if (!p)
		return err_set(err, "无法运行 %s", sm);
	buf m = { 0 };
	buf_printf(&m, "To: %s\n", to);
	header_utf8(&m, "Subject", subject);
	buf_puts(&m, "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n");
	buf_puts(&m, first);
	fwrite(m.s, 1, m.len, p);
	buf_free(&m);
	int copied = file_copy(list, p);
	fputs("\n在服务器上运行 yunshen 打开待办。\n", p);
	int rc = pclose(p);
	if (rc != 0)
		return err_set(err, "%s 发往 %s 失败（退出码 %d）", sm, to, rc);
	if (copied)
		return err_set(err, "发往 %s 的待办清单没有写完整", to);
	return 0;
}

int remind_digest(store *s, ys_date today, int force, int *sent, ys_err *err)
{
	*sent = 0;
	if (!force && !workdays_is_working(today))
		return 0;
	logins l = { 0 };
	if (users_list(s, add_login, &l, err))
		return -1;
	/* Each list waits in a temporary file (one, emptied for each login):
	 * a reviewer of a province may have tens of thousands of lines, and
	 * the subject that comes first is counted from them. */
	FILE *list = tmpfile();
	int rc = list ? 0 : err_set(err, "无法建立临时文件：%s", strerror(errno));
	for (int i = 0; i < l.n && !rc; i++) {
		user u;
		remind_counts c;
		rewind(list);
		if (ftruncate(fileno(list), 0)) {
			rc = err_set(err, "无法清空临时文件：%s", strerror(errno));
		} else if (user_load(s, l.v[i], &u, err) || remind_count(s, &u, today, &c, list, err)) {
			rc = -1;
		} else if (c.todo || c.duties) {
			char day[11];
			buf subject = { 0 }, first = { 0 };
			date_iso(today, day);
			remind_line(&c, &subject);
			buf_printf(&first, "%s（%s）\n\n", subject.s, day);
			rc = mail(l.v[i], subject.s, first.s, list, err);
			*sent += !rc;
			buf_free(&subject);
			buf_free(&first);
		}
	}
	if (list)
		fclose(list);
	free(l.v);
	return rc;
}
