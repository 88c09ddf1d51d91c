/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_eval.c - `yunshen eval` (the provider's evaluation) and `yunshen
 * settle` (the yearly settlement and its workbook). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "evaluation.h"
#include "text.h"

static const template *eval_template(const char *id)
{
	const template *t = template_find(id);
	if (!t)
		cli_error("没有模板“%s”（yunshen templates 列出全部）", id);
	else if (!t->eval.naxes)
		cli_error("%s的模板没有服务考评（evaluation）", t->name);
	return t && t->eval.naxes ? t : NULL;
}

static int year_arg(const char *s, int *y)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < 2000 || v > 2999) {
		cli_error("年度“%s”无效（如 2026）", s);
		return EXIT_USAGE;
	}
	*y = (int)v;
	return 0;
}

static int eval_add_cmd(cli *c)
{
	const template *t = eval_template(c->argv[1]);
	if (!t)
		return EXIT_USAGE;
	char period[16];
	ys_err e;
	if (eval_period(t, c->argv[2], c->today, period, &e)) {
		cli_error("%s", e.msg);
		return EXIT_USAGE;
	}
	const char **ids, **vals;
	int n = c->argc - 3;
	if (cli_pairs(n, c->argv + 3, &ids, &vals))
		return EXIT_USAGE;
	double *scores = calloc((size_t)n + 1, sizeof *scores);
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		char *end;
		scores[i] = strtod(vals[i], &end);
		if (*end || end == vals[i]) {
			cli_error("“%s”的分数“%s”不是数字", ids[i], vals[i]);
			rc = EXIT_USAGE;
		}
	}
	if (!rc && eval_add(c->s, &c->me, t, period, cli_opt(c, "--unit"), ids, scores, n, cli_opt(c, "--reason"),
			    c->now, &e)) {
		cli_error("%s", e.msg);
		rc = 1;
	}
	if (!rc)
		cli_done(c, "已记录%s %s 的考评（%s，%d 项）\n", t->name, period, cli_opt(c, "--unit") ? cli_opt(c, "--unit") : "管理部门", n);
	free(scores);
	free(ids);
	free(vals);
	return rc;
}

int cmd_eval(cli *c)
{
	if (c->argc >= 3 && !strcmp(c->argv[0], "add"))
		return eval_add_cmd(c);
	if (c->argc != 1) {
		cli_error("用法：yunshen eval 模板 [--year 年度] | yunshen eval add 模板 期间 方面=分数 ... [--unit 单位] [--reason 理由]");
		return EXIT_USAGE;
	}
	const template *t = eval_template(c->argv[0]);
	if (!t)
		return EXIT_USAGE;
	char year[8];
	int y;
	date_ymd(c->today, &y, &(int){ 0 }, &(int){ 0 });
	if (cli_opt(c, "--year") && year_arg(cli_opt(c, "--year"), &y))
		return EXIT_USAGE;
	snprintf(year, sizeof year, "%d", y);
	ys_err e;
	buf out = { 0 };
	int rc = 0;
	if (c->json) {
		eval_sum *es;
		int n;
		rc = eval_summary(c->s, t, year, &es, &n, &e);
		buf_printf(&out, "{\"template\":\"%s\",\"year\":%d,\"periods\":[", t->id, y);
		for (int i = 0; !rc && i < n; i++) {
			buf_printf(&out, "%s{\"period\":\"%s\",\"score\":%.2f,\"axes\":{", i ? "," : "", es[i].period, es[i].score);
			for (int a = 0, k = 0; a < t->eval.naxes && a < EVAL_AXES; a++)
				if (es[i].axis[a] >= 0)
					buf_printf(&out, "%s\"%s\":%.2f", k++ ? "," : "", t->eval.axes[a].id, es[i].axis[a]);
			buf_puts(&out, "}}");
		}
		buf_puts(&out, "]}\n");
		if (!rc)
			free(es);
	} else {
		rc = eval_text(c->s, t, year, &out, &e);
	}
	return cli_emit(rc, &e, &out);
}

int cmd_settle(cli *c)
{
	if (c->argc != 2) {
		cli_error("用法：yunshen settle 模板 年度 [-o 文件.xlsx] [--json]");
		return EXIT_USAGE;
	}
	const template *t = template_find(c->argv[0]);
	if (!t) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", c->argv[0]);
		return EXIT_USAGE;
	}
	int y;
	if (year_arg(c->argv[1], &y))
		return EXIT_USAGE;
	const char *path = cli_opt(c, "-o") ? cli_opt(c, "-o") : cli_opt(c, "--output");
	ys_err e;
	settlement st;
	if (settle_year(c->s, &c->me, t, y, c->today, &st, &e) ||
	    (path && settle_xlsx(c->s, &c->me, t, y, c->today, path, &e))) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json) {
		printf("{\"template\":\"%s\",\"year\":%d,\"fees\":%.2f,\"idle\":%.2f,\"base\":%.2f,\"score\":%.2f,"
		       "\"pct\":%g,\"payable\":%.2f,\"systems\":%d,\"idle_hosts\":%d,\"periods\":%d}\n", t->id, y, st.fees,
		       st.idle, st.base, st.score, st.pct, st.payable, st.systems, st.idle_hosts, st.periods);
	} else {
		buf out = { 0 };
		settle_text(t, &st, &out);
		fputs(out.s, stdout);
		buf_free(&out);
		if (path)
			cli_done(c, "已写入结算表 %s\n", path);
	}
	return 0;
}
