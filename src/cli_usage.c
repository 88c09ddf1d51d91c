/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_usage.c - `yunshen usage`: import the provider's utilisation
 * figures, list idle hosts and the latest figures, propose a reclaim or
 * downsizing of an idle system. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "template.h"
#include "text.h"
#include "usage.h"

typedef struct jctx {
	buf *b;
	int n;
} jctx;

static int idle_json(const idle_host *h, void *ctx)
{
	jctx *j = ctx;
	buf *b = j->b;
	buf_printf(b, "%s{\"app\":%lld,\"template\":", j->n++ ? "," : "", h->r.id);
	buf_json_str(b, h->r.template);
	buf_puts(b, ",\"unit\":");
	buf_json_str(b, h->r.unit);
	buf_puts(b, ",\"system\":");
	buf_json_str(b, h->r.system);
	buf_puts(b, ",\"host\":");
	buf_json_str(b, h->host);
	buf_printf(b, ",\"first\":\"%s\",\"last\":\"%s\",\"months\":%d,\"peak\":%.1f}", h->first, h->last, h->months,
		   h->peak);
	return 0;
}

static int usage_import_cmd(cli *c)
{
	usage_report rep;
	ys_err e;
	int rc = usage_import(c->s, &c->me, c->argv[1], c->now, &rep, &e);
	if (rc) {
		cli_error("%s", e.msg);
	} else if (c->json) {
		printf("{\"rows\":%d,\"stored\":%d,\"replaced\":%d,\"refused\":%d}\n", rep.rows, rep.stored, rep.replaced,
		       rep.nrefused);
	} else {
		char more[96] = "";
		if (rep.replaced)
			snprintf(more, sizeof more, "，其中 %d 行替换了同一主机同月的旧数据", rep.replaced);
		cli_done(c, "已导入 %d 行（共 %d 行）%s\n", rep.stored, rep.rows, more);
		if (rep.nrefused)
			printf("%d 行未导入：\n%s", rep.nrefused, rep.refused.s);
	}
	usage_report_free(&rep);
	return rc ? 1 : 0;
}

int cmd_usage(cli *c)
{
	if (c->argc == 2 && !strcmp(c->argv[0], "import"))
		return usage_import_cmd(c);
	if (c->argc == 3 && !strcmp(c->argv[0], "propose")) {
		long long app, id;
		if (cli_id(c->argv[1], &app))
			return EXIT_USAGE;
		const char *k = c->argv[2];
		const char *kind = !strcmp(k, "reclaim") ? KIND_TERMINATE : !strcmp(k, "downsize") ? KIND_CHANGE : NULL;
		if (!kind) {
			cli_error("“%s”不是建议的类型：reclaim（回收：注销申请草稿）或 downsize（降配：变更申请草稿）", k);
			return EXIT_USAGE;
		}
		ys_err e;
		if (usage_propose(c->s, &c->me, app, kind, c->now, &id, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已按闲置情况新建%s草稿：申请 %lld（按原申请 %lld 预填，原因已写明）；yunshen show %lld 核对，"
		       "yunshen act %lld submit 提交\n", kind_label(kind), id, app, id, id);
		return 0;
	}
	if (c->argc) {
		cli_error("用法：yunshen usage [--month YYYY-MM] [--unit 单位] [--template 模板] | usage import 文件 | "
			  "usage propose 申请编号 reclaim|downsize");
		return EXIT_USAGE;
	}
	usage_filter f = { .viewer = &c->me, .tpl = cli_opt(c, "--template"), .unit = cli_opt(c, "--unit") };
	const char *month = cli_opt(c, "--month");
	char m[11];
	if (month && date_normalize(month, 1, m)) {
		cli_error("月份“%s”无效（格式 YYYY-MM，如 2026-10）", month);
		return EXIT_USAGE;
	}
	if (f.tpl && !template_find(f.tpl)) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", f.tpl);
		return EXIT_USAGE;
	}
	buf out = { 0 };
	ys_err e;
	int rc;
	const char *quarter = cli_opt(c, "--quarter"), *path = cli_opt(c, "-o");
	if (path && !quarter) {
		cli_error("-o 只用于季度的云资源利用情况表（--quarter 2026-Q3 -o 文件.xlsx）");
		return EXIT_USAGE;
	}
	if (quarter) {
		rc = usage_quarter_text(c->s, &f, quarter, &out, &e);
		if (!rc && path && !(rc = usage_quarter_xlsx(c->s, &f, quarter, path, &e)))
			buf_printf(&out, "已写入 %s\n", path);
		if (rc && strstr(e.msg, "季度“")) {
			cli_error("%s", e.msg);
			buf_free(&out);
			return EXIT_USAGE;
		}
		return cli_emit(rc, &e, &out);
	}
	if (c->json) {
		buf_puts(&out, "{\"idle\":[");
		jctx j = { &out, 0 };
		rc = usage_idle(c->s, &f, idle_json, &j, &e);
		buf_puts(&out, "]}\n");
	} else {
		rc = usage_text(c->s, &f, month ? m : NULL, &out, &e);
	}
	return cli_emit(rc, &e, &out);
}
