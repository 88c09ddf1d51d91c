/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_fees.c - `yunshen price` (the catalogue and its dates) and `yunshen
 * fees` (fees per unit, system and month; the yearly statement). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "fees.h"
#include "template.h"
#include "text.h"

typedef struct rows {
	cli *c;
	int n;
} rows;

static int print_price(const price_item *p, void *ctx)
{
	rows *w = ctx;
	if (w->c->json) {
		buf b = { 0 };
		buf_puts(&b, w->n++ ? ",{\"template\":" : "{\"template\":");
		buf_json_str(&b, p->template);
		buf_puts(&b, ",\"item\":");
		buf_json_str(&b, p->item);
		buf_puts(&b, ",\"name\":");
		buf_json_str(&b, p->name);
		buf_puts(&b, ",\"unit\":");
		buf_json_str(&b, p->unit);
		buf_printf(&b, ",\"price\":%.2f", p->price);
		if (p->next_from[0])
			buf_printf(&b, ",\"next\":{\"from\":\"%s\",\"price\":%.2f}", p->next_from, p->next);
		buf_puts(&b, "}");
		fputs(b.s, stdout);
		buf_free(&b);
	} else {
		printf("%-10s %-20s ", p->template, p->item);
		cli_cell(p->name, 30);
		printf(" %10.2f 元/%s", p->price, p->unit);
		if (p->next_from[0])
			printf("（%s 起 %.2f 元）", p->next_from, p->next);
		printf("\n");
	}
	return 0;
}

int cmd_price(cli *c)
{
	int set = c->argc >= 1 && !strcmp(c->argv[0], "set");
	const char *from = cli_opt(c, "--from"), *on = cli_opt(c, "--on");
	if (c->argc < 1 || (!set && strcmp(c->argv[0], "list")) || (set && c->argc != 4) ||
	    (!set && c->argc > 2) || (set && on) || (!set && from)) {
		cli_error("用法：yunshen price list [模板] [--on 日期] | yunshen price set 模板 项目 单价 [--from 生效日期]");
		return EXIT_USAGE;
	}
	char today[11], day[11];
	date_iso(c->today, today);
	if ((from && date_normalize(from, 0, day)) || (on && date_normalize(on, 0, day))) {
		cli_error("日期“%s”无效（格式 YYYY-MM-DD）", from ? from : on);
		return EXIT_USAGE;
	}
	if (!from && !on)
		snprintf(day, sizeof day, "%s", today);
	ys_err e;
	if (prices_sync(c->s, c->now, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (set) {
		char *end;
		double p = strtod(c->argv[3], &end);
		if (*end || end == c->argv[3] || p < 0 || p > 1e9) {
			cli_error("单价“%s”无效（应为非负数，单位元）", c->argv[3]);
			return EXIT_USAGE;
		}
		if (prices_set(c->s, &c->me, c->argv[1], c->argv[2], p, day, c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已将 %s %s 的单价自 %s 起改为 %.2f 元%s\n", c->argv[1], c->argv[2], day, p,
		       strcmp(day, today) < 0 ? "（此前的日子仍按原价）" : "");
		return 0;
	}
	const char *tpl = c->argc > 1 ? c->argv[1] : NULL;
	rows w = { c, 0 };
	if (c->json)
		printf("{\"on\":\"%s\",\"prices\":[", day);
	if (prices_list(c->s, tpl, day, print_price, &w, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json)
		printf("]}\n");
	return 0;
}

/* ---- fees ---- */

typedef struct jctx {
	buf *out;
	int n;
	double total;
} jctx;

static int fee_json(const fee_month *fm, void *ctx)
{
	jctx *j = ctx;
	const app_rec *r = &fm->sys->r;
	buf *b = j->out;
	buf_printf(b, "%s{\"id\":%lld,\"template\":", j->n++ ? "," : "", r->id);
	buf_json_str(b, r->template);
	buf_puts(b, ",\"unit\":");
	buf_json_str(b, r->unit);
	buf_puts(b, ",\"system\":");
	buf_json_str(b, r->system);
	buf_printf(b, ",\"month\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"days\":%d,\"month_days\":%d,"
		   "\"amount\":%.2f,\"items\":[", fm->month, fm->from, fm->to, fm->days, fm->month_days, fm->amount);
	for (int i = 0; i < fm->nitems; i++) {
		const fee_item *it = &fm->items[i];
		buf_printf(b, "%s{\"item\":", i ? "," : "");
		buf_json_str(b, it->item->item);
		buf_puts(b, ",\"name\":");
		buf_json_str(b, it->item->name);
		buf_printf(b, ",\"qty\":%g,\"price\":%.2f,\"days\":%d,\"from\":\"%s\",\"to\":\"%s\",\"amount\":%.2f}",
			   it->qty, it->price, it->days, it->from, it->to, it->amount);
	}
	buf_puts(b, "]}");
	j->total += fm->amount;
	cli_emit_flush(b);
	return 0;
}

/* --month YYYY-MM (default this month) or --year YYYY into f's months. */
static int fee_months(cli *c, fee_filter *f)
{
	const char *month = cli_opt(c, "--month"), *year = cli_opt(c, "--year");
	char ym[11];
	ys_date d;
	if (month && year) {
		cli_error("--month 和 --year 只能给一个");
		return EXIT_USAGE;
	}
	if (year) {
		char *end;
		long y = strtol(year, &end, 10);
		if (*end || end == year || y < 1900 || y > 2999) {
			cli_error("年度“%s”无效（如 2026）", year);
			return EXIT_USAGE;
		}
		f->first = date_from_ymd((int)y, 1, 1);
		f->last = date_from_ymd((int)y, 12, 31);
		return 0;
	}
	if (month && (date_normalize(month, 1, ym) || date_parse_month(ym, &d))) {
		cli_error("月份“%s”无效（格式 YYYY-MM，如 2026-10）", month);
		return EXIT_USAGE;
	}
	f->first = f->last = month ? d : c->today;
	return 0;
}

int cmd_fees(cli *c)
{
	fee_filter f = { .viewer = &c->me, .tpl = cli_opt(c, "--template"), .unit = cli_opt(c, "--unit"),
			 .today = c->today };
	if (c->argc) {
		cli_error("fees 不认识参数“%s”（yunshen fees --help）", c->argv[0]);
		return EXIT_USAGE;
	}
	if (f.tpl && !template_find(f.tpl)) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", f.tpl);
		return EXIT_USAGE;
	}
	int rc = fee_months(c, &f);
	if (rc)
		return rc;
	ys_err e;
	if (prices_sync(c->s, c->now, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	buf out = { 0 };
	if (c->json) {
		char period[64];
		fees_period(&f, period, sizeof period);
		buf_puts(&out, "{\"period\":");
		buf_json_str(&out, period);
		buf_puts(&out, ",\"fees\":[");
		jctx j = { &out, 0, 0 };
		rc = fees_each(c->s, &f, fee_json, &j, &e);
		buf_printf(&out, "],\"total\":%.2f}\n", j.total);
	} else {
		rc = fees_text(c->s, &f, f.first == f.last, stdout, &e);
	}
	return cli_emit(rc, &e, &out);
}
