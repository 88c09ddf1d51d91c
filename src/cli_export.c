/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_export.c - `yunshen export form ID -o FILE.xlsx` and
 * `yunshen export month YYYY-MM -o FILE.xlsx`: a thin layer over export.h,
 * the same functions the interface calls. */
#include "config.h"
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "cli.h"
#include "text.h"
#include "date.h"
#include "export.h"

#define USAGE "用法：yunshen export form 编号 -o 文件.xlsx | yunshen export month YYYY-MM -o 文件.xlsx"

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

static void json_done(const char *what, const char *file, const export_month_info *mi)
{
	buf b = { 0 };
	buf_printf(&b, "{\"export\":\"%s\",\"file\":", what);
	buf_json_str(&b, file);
	if (mi)
		buf_printf(&b, ",\"applications\":%lld,\"events\":%lld,\"sheets\":%d", mi->apps, mi->events,
			   mi->sheets);
	buf_puts(&b, "}\n");
	fputs(b.s, stdout);
	buf_free(&b);
}

int cmd_export(cli *c)
{
	const char *out = cli_opt(c, "-o") ? cli_opt(c, "-o") : cli_opt(c, "--output");
	int nargs = c->argc;
	char **args = c->argv;
	if (nargs > 2) {
		cli_error("多余的参数“%s”。" USAGE, args[2]);
		return EXIT_USAGE;
	}
	if (nargs != 2 || (strcmp(args[0], "form") && strcmp(args[0], "month"))) {
		cli_error(USAGE);
		return EXIT_USAGE;
	}
	int form = !strcmp(args[0], "form");
	long long id = 0;
	if (form) {
		char *end;
		id = strtoll(args[1], &end, 10);
		if (*end || id <= 0) {
			cli_error("申请编号“%s”无效（应为正整数）", args[1]);
			return EXIT_USAGE;
		}
	} else {
		ys_date m;
		if (strlen(args[1]) != 7 || date_parse_month(args[1], &m)) {
			cli_error("月份“%s”无效（格式 YYYY-MM，如 2026-11）", args[1]);
			return EXIT_USAGE;
		}
		if (m > c->today) {
			cli_error("%s 还没有开始，没有可统计的数据", args[1]);
			return 1;
		}
	}
	if (!out || !*out) {
		char def[64];
		if (form)
			export_form_filename(id, def, sizeof def);
		else
			export_month_filename(args[1], def, sizeof def);
		cli_error("缺少 -o 输出文件（例如 -o %s）", def);
		return EXIT_USAGE;
	}
	if (!ends_with(out, ".xlsx")) {
		cli_error("输出文件“%s”应以 .xlsx 结尾（Excel 和 WPS 按扩展名识别文件）", out);
		return EXIT_USAGE;
	}
	ys_err e;
	if (form) {
		if (export_form(c->s, &c->me, id, c->now, out, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		if (c->json)
			json_done("form", out, NULL);
		else
			cli_done(c, "已导出申请 %lld 的打印表：%s\n", id, out);
		return 0;
	}
	const ys_progress *pg = cli_progress();
	export_month_info mi = { 0 };
	if (pg)
		mi.progress = *pg;
	int rc = export_month(c->s, &c->me, args[1], c->now, out, &mi, &e);
	cli_progress_end(pg);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json)
		json_done("month", out, &mi);
	else
		cli_done(c, "已导出 %.4s年%d月 月报：%s（明细 %lld 件申请，%lld 条签署记录）\n", args[1],
		       atoi(args[1] + 5), out, mi.apps, mi.events);
	return 0;
}
