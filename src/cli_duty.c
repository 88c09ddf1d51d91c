/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_duty.c - life after approval on the command line: due (what falls
 * due), duty (one duty: show, close with its record, print its notice),
 * ledger (在用资源台账), forecast (next year's demand by county). The rules
 * are duties*.c's, ledger.c's and forecast.c's, the JSON appjson.c's. */
#include "config.h"
#include "remind.h"
#include "workdays.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "appjson.h"
#include "buf.h"
#include "cli.h"
#include "csv.h"
#include "capacity.h"
#include "duties.h"
#include "ledger.h"
#include "render.h"
#include "text.h"

/* What a listing command gathers: the JSON items, or lines printed. */
typedef struct lctx {
	cli *c;
	int n, failed;
	buf items;                      /* --json items or --csv rows */
} lctx;

/* ---- due ---- */

static void duty_line(const duty_rec *d, ys_date today)
{
	char left[64], due[40];
	int over;
	duty_left(d, today, left, sizeof left, &over);
	if (d->app_id)
		printf("%6lld ", d->app_id);
	else
		printf("%6s ", "全局");
	cli_cell(d->duty, 16);
	printf(" ");
	cli_cell(d->def->label, 26);
	printf(" ");
	cli_cell(render_deadline(d->due, due, sizeof due), 18);
	printf(" ");
	cli_cell(left, 12);
	printf(" ");
	cli_cell(role_label(d->role), 8);
	if (d->app_id)
		printf(" %s\n", d->unit);
	else
		printf(" %s（%s 起的一期）\n", template_find(d->template)->name, d->period);
}

static int due_row(const duty_rec *d, void *ctx)
{
	lctx *x = ctx;
	if (x->c->csv) {
		char left[64];
		int over;
		duty_left(d, x->c->today, left, sizeof left, &over);
		if (d->app_id)
			csv_put_ll(&x->items, d->app_id);
		else
			csv_put(&x->items, "全局");
		csv_put(&x->items, d->duty);
		csv_put(&x->items, d->def->label);
		csv_put(&x->items, d->due);
		csv_put(&x->items, left);
		csv_put(&x->items, role_label(d->role));
		csv_put(&x->items, d->app_id ? d->unit : template_find(d->template)->name);
		csv_put(&x->items, d->app_id ? d->system : d->period);
		csv_end_row(&x->items);
	} else if (x->c->json) {
		if (x->n)
			buf_puts(&x->items, ",");
		appjson_duty(&x->items, d, x->c->today);
	} else {
		duty_line(d, x->c->today);
	}
	x->n++;
	cli_list_flush(x->c, "duties", &x->items);
	return 0;
}

int cmd_due(cli *c)
{
	duty_filter f = { .viewer = &c->me, .within = -1, .today = c->today };
	const char *within = cli_opt(c, "--within");
	if (c->argc) {
		cli_error("due 不认识参数“%s”（yunshen due --help）", c->argv[0]);
		return EXIT_USAGE;
	}
	if (within) {
		char *end;
		long v = strtol(within, &end, 10);
		if (!*within || *end || v < 0 || v > 3650) {
			cli_error("--within 应为 0–3650 的天数，而不是“%s”", within);
			return EXIT_USAGE;
		}
		f.within = (int)v;
	}
	f.overdue = cli_opt(c, "--overdue") != NULL;
	f.mine = cli_opt(c, "--mine") ? &c->me : NULL;
	lctx x = { c, 0, 0, { 0 } };
	ys_err e;
	if (c->csv) {
		csv_header(&x.items, (const char *const[]){ "申请", "事项", "名称", "期限", "剩余", "办理角色", "单位",
							   "应用系统（全局事项：期间）", NULL });
	} else if (!c->json) {
		printf("  申请 ");
		cli_cell("事项", 16);
		printf(" ");
		cli_cell("名称", 26);
		printf(" ");
		cli_cell("期限", 18);
		printf(" ");
		cli_cell("剩余", 12);
		printf(" ");
		cli_cell("角色", 8);
		printf(" 单位\n");
	}
	int rc = duties_list(c->s, &f, due_row, &x, &e);
	return cli_list_end(c, rc, &e, "duties", x.n, &x.items, "共 %d 件到期事项\n");
}

/* ---- duty ---- */

static void duty_show(cli *c, const duty_rec *d)
{
	const tpl_duty *t = d->def;
	char left[64], cite[96];
	int over;
	duty_left(d, c->today, left, sizeof left, &over);
	if (d->app_id)
		printf("申请 %lld  %s  %s\n", d->app_id, d->unit, d->system);
	else
		printf("%s（全局事项，期间 %s）\n", template_find(d->template)->name, d->period);
	printf("事项：%s（%s）%s\n", t->label, t->id, text_cite(t->article, cite, sizeof cite));
	printf("起算：%s  期限：%s  %s  办理：%s\n", d->base, d->due, left, role_label(t->role));
	if (t->help)
		printf("说明：%s\n", t->help);
	if (d->event_id) {
		buf b = { 0 };
		duty_record(c->s, d, &b, NULL);
		cli_done(c, "已办结：%s 于 %.10s %.5s  %s\n", d->closed_by, d->closed_at, d->closed_at + 11, b.s ? b.s : "");
		buf_free(&b);
		return;
	}
	printf("办结（%s）需填：", t->close_label);
	for (int i = 0; i < t->nfields; i++)
		printf("%s%s=%s%s", i ? "  " : "", t->fields[i].id, t->fields[i].label,
		       t->fields[i].required ? "（必填）" : "");
	printf("%s\n", t->nfields ? "" : "（无需填写，可加 --opinion 说明）");
}

/* close 字段=值 ...: the record, split at the first '='. */
static int duty_close(cli *c, const duty_rec *d, int argc, char **argv)
{
	const char **ids, **vals;
	int rc = cli_pairs(argc, argv, &ids, &vals);
	ys_err e;
	if (!rc && duties_close(c->s, &c->me, d, ids, vals, argc, cli_opt(c, "--opinion"), c->now, &e)) {
		cli_error("%s；未作改动", e.msg);
		rc = 1;
	}
	if (!rc)
		cli_done(c, "已办结“%s”%s%s\n", d->def->label, d->app_id ? "" : "，期间 ", d->app_id ? "" : d->period);
	free(ids);
	free(vals);
	return rc;
}

int cmd_duty(cli *c)
{
	if (c->argc < 2) {
		cli_error("用法：yunshen duty 申请编号|模板 事项 [close 字段=值 ... [--opinion 意见] | notice] [--period 期间]");
		return EXIT_USAGE;
	}
	long long app = 0;
	const char *tpl = NULL;
	if (c->argv[0][0] >= '0' && c->argv[0][0] <= '9') {
		if (cli_id(c->argv[0], &app))
			return EXIT_USAGE;
	} else {
		tpl = c->argv[0];
	}
	const char *verb = c->argc > 2 ? c->argv[2] : NULL;
	if (verb && strcmp(verb, "close") && strcmp(verb, "notice")) {
		cli_error("“%s”不是 duty 的动作：close（办结）或 notice（通知）", verb);
		return EXIT_USAGE;
	}
	duty_rec d;
	ys_err e;
	if (duties_find(c->s, &c->me, app, tpl, c->argv[1], cli_opt(c, "--period"), &d, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (verb && !strcmp(verb, "close"))
		return duty_close(c, &d, c->argc - 3, c->argv + 3);
	if (verb) {
		char *n = duty_notice(c->s, &d);
		if (!n) {
			cli_error("“%s”没有通知书", d.def->label);
			return 1;
		}
		printf("%s\n", n);
		free(n);
	} else if (c->json) {
		buf b = { 0 };
		appjson_duty(&b, &d, c->today);
		printf("%s\n", b.s);
		buf_free(&b);
	} else {
		duty_show(c, &d);
	}
	return 0;
}

/* ---- ledger ---- */

static int ledger_line(const ledger_row *l, void *ctx)
{
	lctx *x = ctx;
	buf text = { 0 };
	if (x->c->json && x->n)
		buf_puts(&x->items, ",");
	if (x->c->csv)
		ledger_csv(l, &x->items);
	else if (x->c->json)
		appjson_ledger(&x->items, l, x->c->today);
	else
		ledger_text(l, &text);
	fputs(text.s ? text.s : "", stdout);
	buf_free(&text);
	x->n++;
	cli_list_flush(x->c, "systems", &x->items);
	return 0;
}

int cmd_ledger(cli *c)
{
	ledger_filter f = { .viewer = &c->me, .tpl = cli_opt(c, "--template"), .unit = cli_opt(c, "--unit"),
			    .today = c->today };
	if (c->argc) {
		cli_error("ledger 不认识参数“%s”（yunshen ledger --help）", c->argv[0]);
		return EXIT_USAGE;
	}
	if (f.tpl && !template_find(f.tpl)) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", f.tpl);
		return EXIT_USAGE;
	}
	lctx x = { c, 0, 0, { 0 } };
	ys_err e;
	if (c->csv)
		ledger_csv_header(&x.items);
	int rc = ledger_list(c->s, &f, ledger_line, &x, &e);
	return cli_list_end(c, rc, &e, "systems", x.n, &x.items, "共 %d 个系统\n");
}

/* ---- capacity ---- */

/* One pool: its resources as a table, or as JSON into json. */
static void print_pool(const cli *c, const template *t, const pool *p, buf *json, int n)
{
	if (c->json) {
		buf_printf(json, "%s{\"template\":", n ? "," : "");
		buf_json_str(json, t->id);
		buf_puts(json, ",\"zone\":");
		buf_json_str(json, p->zone);
		buf_printf(json, ",\"warn_pct\":%d,\"resources\":[", p->warn_pct);
	} else {
		printf("%s%s（%s）%s%s  预警线 %d%%\n  ", n ? "\n" : "", t->name, t->id, p->zone[0] ? " " : "", p->zone,
		       p->warn_pct);
		const char *h[] = { "资源", "容量", "在用", "已批未完成", "待审批", "已占用" };
		for (int j = 0; j < 6; j++)
			cli_cell(h[j], j ? 12 : 6);
		printf("\n");
	}
	int first = 1;
	for (int k = 0; k < CAP__N; k++) {
		if (p->cap[k] <= 0)
			continue;
		double pct = capacity_share(p, k, 0);
		if (c->json) {
			buf_printf(json, "%s{\"resource\":\"%s\",\"capacity\":%lld,\"in_service\":%lld,"
				   "\"approved\":%lld,\"pending\":%lld,\"used_pct\":%.1f,\"over_warning\":%s}",
				   first ? "" : ",", capacity_key(k), p->cap[k], p->service[k], p->approved[k], p->pending[k],
				   pct, p->warn_pct > 0 && pct >= p->warn_pct ? "true" : "false");
		} else {
			const long long v[] = { p->cap[k], p->service[k], p->approved[k], p->pending[k] };
			printf("  ");
			cli_cell(capacity_name(k), 6);
			for (int j = 0; j < 4; j++) {
				char num[48];
				snprintf(num, sizeof num, "%lld %s", v[j], capacity_unit(k));
				cli_cell(num, 12);
			}
			printf("%.0f%%%s\n", pct, p->warn_pct > 0 && pct >= p->warn_pct ? "  超过预警线" : "");
		}
		first = 0;
	}
	if (c->json)
		buf_puts(json, "]}");
}

int cmd_capacity(cli *c)
{
	if (c->argc) {
		cli_error("capacity 不认识参数“%s”（yunshen capacity --help）", c->argv[0]);
		return EXIT_USAGE;
	}
	buf json = { 0 };
	int n = 0;
	ys_err e;
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		pool ps[CAP_ZONES];
		int np = capacity_pools(c->s, t, ps, &e);
		if (np < 0)
			return cli_list_end(c, 1, &e, "pools", n, &json, "");
		for (int z = 0; z < np; z++)
			print_pool(c, t, &ps[z], &json, n++);
	}
	return cli_list_end(c, 0, NULL, "pools", n, &json, n ? "" : "没有设定资源池容量的模板（模板 capacity）\n");
}

/* ---- forecast ---- */

static int forecast_line(const forecast_row *r, void *ctx)
{
	lctx *x = ctx;
	if (x->c->json) {
		if (x->n)
			buf_puts(&x->items, ",");
		appjson_forecast(&x->items, r);
	} else {
		const template *t = template_find(r->template);
		printf("%s  %s  报送 %lld 家（已汇总 %lld）  vCPU %lld 核  内存 %lld GB  存储 %lld GB  带宽 %lld Mbps\n",
		       t ? t->name : r->template, r->county[0] ? r->county : "市直单位", r->units, r->summed, r->vcpu,
		       r->mem_gb, r->storage_gb, r->bandwidth);
	}
	x->n++;
	return 0;
}

int cmd_forecast(cli *c)
{
	int y, m, d;
	date_ymd(c->today, &y, &m, &d);
	int year = y + 1;
	if (c->argc > 1) {
		cli_error("用法：yunshen forecast [年度] [-o 文件.xlsx]");
		return EXIT_USAGE;
	}
	if (c->argc) {
		char *end;
		long v = strtol(c->argv[0], &end, 10);
		if (*end || v < 2000 || v > 2100) {
			cli_error("年度“%s”无效（如 %d）", c->argv[0], year);
			return EXIT_USAGE;
		}
		year = (int)v;
	}
	lctx x = { c, 0, 0, { 0 } };
	ys_err e;
	if (!c->json)
		printf("%d 年资源需求预估（按县区汇总）\n", year);
	int rc = forecast_summary(c->s, &c->me, year, forecast_line, &x, &e);
	const char *path = cli_opt(c, "-o");
	if (!rc && path && !(rc = forecast_xlsx(c->s, &c->me, year, path, &e)) && !c->json)
		cli_done(c, "已写入汇总表 %s\n", path);
	return cli_list_end(c, rc, &e, "counties", x.n, &x.items, "共 %d 个县区（含市直）\n");
}

/* The one line for a login shell's profile; silent without a database
 * or a role, so a profile line never gets in anyone's way. */
int cmd_remind(cli *c)
{
	remind_counts n;
	ys_err e;
	if (remind_count(c->s, &c->me, c->today, &n, NULL, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json) {
		printf("{\"todo\":%d,\"today\":%d,\"overdue\":%d,\"duties\":%d,\"duties_today\":%d,"
		       "\"duties_overdue\":%d}\n", n.todo, n.today, n.overdue, n.duties, n.duties_today, n.duties_overdue);
		return 0;
	}
	buf b = { 0 };
	remind_line(&n, &b);
	printf("%s\n", b.s);
	buf_free(&b);
	workdays_clear_warning();       /* a profile line, not a lecture on holidays */
	return 0;
}

int cmd_digest(cli *c)
{
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以给所有人发送待办提醒（%s 不是管理员）", c->login);
		return 1;
	}
	int sent;
	ys_err e;
	if (remind_digest(c->s, c->today, cli_opt(c, "--force") != NULL, &sent, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	/* Quiet when nothing needs saying: cron mails whatever is printed. */
	workdays_clear_warning();
	if (c->json)
		printf("{\"sent\":%d,\"working_day\":%s}\n", sent, workdays_is_working(c->today) ? "true" : "false");
	return 0;
}
