/* cli_duty.c - life after approval on the command line: due (what falls
 * due), duty (one duty: show, close with its record, print its notice),
 * ledger (在用资源台账). The rules are duties.c's and ledger.c's. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "deliveries.h"
#include "duties.h"
#include "ledger.h"
#include "render.h"
#include "text.h"

/* ---- due ---- */

typedef struct dctx {
	cli *c;
	int n;
	buf *json;
} dctx;

static void duty_json(buf *b, const duty_rec *d, ys_date today)
{
	char left[64];
	int over;
	duty_left(d, today, left, sizeof left, &over);
	if (d->app_id)
		buf_printf(b, "{\"app\":%lld,\"seq\":%d", d->app_id, d->seq);
	else
		buf_puts(b, "{\"app\":null,\"period\":"), buf_json_str(b, d->period);
	const char *keys[] = { "template", "duty", "label", "article", "due", "start", "role", "role_label",
			       "unit", "system", "docno", "left" };
	const char *vals[] = { d->template, d->duty, d->def->label, d->def->article ? d->def->article : "", d->due,
			       d->base, d->role, role_label(d->role), d->unit, d->system, d->docno, left };
	for (int i = 0; i < 12; i++) {
		buf_printf(b, ",\"%s\":", keys[i]);
		buf_json_str(b, vals[i]);
	}
	buf_printf(b, ",\"overdue\":%s,\"closed\":%s", over ? "true" : "false", d->event_id ? "true" : "false");
	if (d->event_id) {
		buf_puts(b, ",\"closed_by\":");
		buf_json_str(b, d->closed_by);
		buf_puts(b, ",\"closed_at\":");
		buf_json_str(b, d->closed_at);
	}
	buf_puts(b, ",\"provisional\":");
	ys_date due;
	buf_puts(b, !date_parse(d->due, &due) && workdays_provisional(due) ? "true}" : "false}");
}

static void duty_line(const duty_rec *d, ys_date today)
{
	char id[32], left[64], due[24];
	int over;
	duty_left(d, today, left, sizeof left, &over);
	ys_date dd;
	snprintf(due, sizeof due, "%s%s", d->due, !date_parse(d->due, &dd) && workdays_provisional(dd) ? "（暂定）" : "");
	if (d->app_id)
		snprintf(id, sizeof id, "%6lld", d->app_id);
	else
		snprintf(id, sizeof id, "%6s", "全局");
	printf("%s ", id);
	cli_cell(d->duty, 16);
	printf(" ");
	cli_cell(d->def->label, 26);
	printf(" ");
	cli_cell(due, 18);
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
	dctx *x = ctx;
	if (x->json) {
		if (x->n)
			buf_puts(x->json, ",");
		duty_json(x->json, d, x->c->today);
	} else {
		duty_line(d, x->c->today);
	}
	x->n++;
	return 0;
}

static void due_head(void)
{
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
	buf jb = { 0 };
	dctx x = { c, 0, c->json ? &jb : NULL };
	ys_err e;
	if (!c->json)
		due_head();
	if (duties_list(c->s, &f, due_row, &x, &e)) {
		cli_error("%s", e.msg);
		buf_free(&jb);
		return 1;
	}
	if (c->json)
		printf("{\"today\":\"%.10s\",\"count\":%d,\"duties\":[%s]}\n", c->now, x.n, jb.s ? jb.s : "");
	else
		printf("共 %d 件到期事项\n", x.n);
	buf_free(&jb);
	return 0;
}

/* ---- duty ---- */

static void duty_show(cli *c, const duty_rec *d)
{
	const tpl_duty *t = d->def;
	char left[64];
	int over;
	duty_left(d, c->today, left, sizeof left, &over);
	if (d->app_id)
		printf("申请 %lld  %s  %s\n", d->app_id, d->unit, d->system);
	else
		printf("%s（全局事项，期间 %s）\n", template_find(d->template)->name, d->period);
	printf("事项：%s（%s）%s%s\n", t->label, t->id, t->article ? "  依据：" : "", t->article ? t->article : "");
	printf("起算：%s  期限：%s  %s  办理：%s\n", d->base, d->due, left, role_label(t->role));
	if (t->help)
		printf("说明：%s\n", t->help);
	if (d->event_id) {
		buf b = { 0 };
		duty_record(c->s, d, &b, NULL);
		printf("已办结：%s 于 %.10s %.5s  %s\n", d->closed_by, d->closed_at, d->closed_at + 11, b.s ? b.s : "");
		buf_free(&b);
		return;
	}
	printf("办结（%s）需填：", t->close_label);
	for (int i = 0; i < t->nfields; i++)
		printf("%s%s=%s%s", i ? "  " : "", t->fields[i].id, t->fields[i].label,
		       t->fields[i].required ? "（必填）" : "");
	printf("%s\n", t->nfields ? "" : "（无需填写，可加 --opinion 说明）");
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
	if (!verb) {
		if (c->json) {
			buf b = { 0 };
			duty_json(&b, &d, c->today);
			printf("%s\n", b.s);
			buf_free(&b);
		} else {
			duty_show(c, &d);
		}
		return 0;
	}
	if (!strcmp(verb, "notice")) {
		char *n = duty_notice(&d, template_find(d.template));
		if (!n) {
			cli_error("“%s”没有通知书", d.def->label);
			return 1;
		}
		printf("%s\n", n);
		free(n);
		return 0;
	}
	int n = c->argc - 3;
	const char **ids = xcalloc((size_t)n + 1, sizeof *ids), **vals = xcalloc((size_t)n + 1, sizeof *vals);
	for (int i = 0; i < n; i++) {
		char *eq = strchr(c->argv[3 + i], '=');
		if (!eq) {
			cli_error("“%s”应写作 字段=值", c->argv[3 + i]);
			free(ids);
			free(vals);
			return EXIT_USAGE;
		}
		*eq = '\0';
		ids[i] = c->argv[3 + i];
		vals[i] = eq + 1;
	}
	int rc = duties_close(c->s, &c->me, &d, ids, vals, n, cli_opt(c, "--opinion"), c->now, &e);
	free(ids);
	free(vals);
	if (rc) {
		cli_error("%s；未作改动", e.msg);
		return 1;
	}
	printf("已办结“%s”%s%s\n", d.def->label, d.app_id ? "" : "，期间 ", d.app_id ? "" : d.period);
	return 0;
}

/* ---- ledger ---- */

typedef struct lgctx {
	cli *c;
	int n;
	buf *json;
} lgctx;

static int change_json(const app_rec *r, void *ctx)
{
	buf *b = ctx;
	buf_printf(b, "%s{\"id\":%lld,\"kind\":", b->s[b->len - 1] == '[' ? "" : ",", r->id);
	buf_json_str(b, r->kind);
	buf_puts(b, ",\"docno\":");
	buf_json_str(b, r->docno);
	buf_printf(b, ",\"done\":\"%.10s\"}", r->done_at);
	return 0;
}

static int change_line(const app_rec *r, void *ctx)
{
	(void)ctx;
	printf("        %.10s %s %lld %s\n", r->done_at, kind_label(r->kind), r->id, r->docno);
	return 0;
}

static int host_json(const delivery *d, void *ctx)
{
	buf *b = ctx;
	buf_puts(b, b->s[b->len - 1] == '[' ? "{\"line\":" : ",{\"line\":");
	buf_json_str(b, d->line);
	const char *keys[] = { "host", "ip", "ports", "delivered_on" };
	const char *vals[] = { d->host, d->ip, d->ports, d->delivered_on };
	for (int i = 0; i < 4; i++) {
		buf_printf(b, ",\"%s\":", keys[i]);
		buf_json_str(b, vals[i]);
	}
	buf_puts(b, "}");
	return 0;
}

static int host_line(const delivery *d, void *ctx)
{
	(void)ctx;
	printf("        主机 %s  %s%s%s  %s 交付（%s）\n", d->host, d->ip, d->ports[0] ? "  端口 " : "", d->ports,
	       d->delivered_on, d->line);
	return 0;
}

static int ledger_line(const ledger_row *l, void *ctx)
{
	lgctx *x = ctx;
	const app_rec *r = &l->r;
	buf totals = { 0 };
	render_totals(&totals, &r->totals);
	ys_err e;
	if (x->json) {
		buf *b = x->json;
		buf_printf(b, "%s{\"id\":%lld", x->n ? "," : "", r->id);
		const char *keys[] = { "template", "unit", "county", "system", "docno", "status", "phase", "term_from",
				       "term_to", "billing_from", "billing_to", "next_due", "next_duty", "configuration" };
		const char *vals[] = { r->template, r->unit, r->county, r->system, r->docno, r->status, l->phase,
				       l->term_from, l->term_to, l->bill_from, l->bill_to, l->next_due, l->next_label,
				       totals.s ? totals.s : "" };
		for (int i = 0; i < 14; i++) {
			buf_printf(b, ",\"%s\":", keys[i]);
			buf_json_str(b, vals[i]);
		}
		buf_printf(b, ",\"hosts\":%lld,\"vcpu\":%lld,\"mem_gb\":%lld,\"storage_gb\":%lld,\"bandwidth\":%lld",
			   r->totals.hosts, r->totals.vcpu, r->totals.mem_gb, r->totals.storage_gb, r->totals.bandwidth);
		buf_puts(b, ",\"changes\":[");
		ledger_changes(x->c->s, r->id, change_json, b, &e);
		buf_puts(b, "],\"delivered\":[");
		deliveries_list(x->c->s, r->id, host_json, b, &e);
		buf_puts(b, "]}");
	} else {
		printf("%6lld %s  %s  %s  %s\n", r->id, r->unit, r->system, r->docno[0] ? r->docno : "（无文号）", l->phase);
		printf("        配置：%s\n", totals.s ? totals.s : "");
		if (l->term_to[0])
			printf("        使用期：%s 至 %s\n", l->term_from, l->term_to);
		if (l->bill_from[0])
			printf("        计费：%s 起%s%s\n", l->bill_from, l->bill_to[0] ? "，止于 " : "", l->bill_to);
		if (l->next_due[0])
			printf("        下一到期事项：%s（%s）\n", l->next_label, l->next_due);
		ledger_changes(x->c->s, r->id, change_line, NULL, &e);
		deliveries_list(x->c->s, r->id, host_line, NULL, &e);
	}
	buf_free(&totals);
	x->n++;
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
	buf jb = { 0 };
	lgctx x = { c, 0, c->json ? &jb : NULL };
	ys_err e;
	if (ledger_list(c->s, &f, ledger_line, &x, &e)) {
		cli_error("%s", e.msg);
		buf_free(&jb);
		return 1;
	}
	if (c->json)
		printf("{\"today\":\"%.10s\",\"count\":%d,\"systems\":[%s]}\n", c->now, x.n, jb.s ? jb.s : "");
	else
		printf("共 %d 个系统\n", x.n);
	buf_free(&jb);
	return 0;
}
