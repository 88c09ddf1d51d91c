/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_desk.c - a signer's own desk: `yunshen phrase`, one's 常用意见
 * (phrases.h), and `yunshen view`, one's named filters (views.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "phrases.h"
#include "text.h"
#include "views.h"

int cmd_phrase(cli *c)
{
	ys_err e;
	const char *sub = c->argc ? c->argv[0] : "list";
	if (!strcmp(sub, "add") && c->argc == 2) {
		if (phrase_add(c->s, c->login, c->argv[1], c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已保存常用意见\n");
		return 0;
	}
	if (!strcmp(sub, "remove") && c->argc == 2) {
		char *end;
		long k = strtol(c->argv[1], &end, 10);
		if (*end || k < 1 || k > 1000) {
			cli_error("编号应是正整数（yunshen phrase 列出）：%s", c->argv[1]);
			return EXIT_USAGE;
		}
		if (phrase_remove(c->s, c->login, (int)k, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已删除第 %ld 条常用意见\n", k);
		return 0;
	}
	if (strcmp(sub, "list") || c->argc > 1) {
		cli_error("用法：yunshen phrase | phrase add 意见 | phrase remove 编号");
		return EXIT_USAGE;
	}
	phrase_list pl;
	if (phrases_for(c->s, NULL, c->login, &pl, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	buf items = { 0 };
	for (int i = 0; i < pl.n; i++) {
		if (c->json) {
			if (i)
				buf_puts(&items, ",");
			buf_json_str(&items, pl.v[i]);
		} else {
			printf("%3d  %s\n", i + 1, pl.v[i]);
		}
	}
	int n = pl.n;
	phrase_list_free(&pl);
	return cli_list_end(c, 0, NULL, "phrases", n, &items, "共 %d 条常用意见\n");
}

static void print_view(cli *c, const saved_view *v, int i, buf *json)
{
	if (c->json) {
		buf_puts(json, i ? ",{\"name\":" : "{\"name\":");
		buf_json_str(json, v->name);
		buf_puts(json, ",\"base\":");
		buf_json_str(json, view_name(v->base));
		const char *keys[] = { "state", "template", "unit", "search" };
		const char *vals[] = { v->status, v->tpl, v->unit, v->search };
		for (int k = 0; k < 4; k++) {
			buf_printf(json, ",\"%s\":", keys[k]);
			buf_json_str(json, vals[k]);
		}
		buf_puts(json, "}");
		return;
	}
	printf("%-3d ", i + 1);
	cli_cell(v->name, 22);
	printf("%s", view_name(v->base));
	if (v->status[0])
		printf("  状态 %s", status_label(v->status));
	if (v->tpl[0])
		printf("  模板 %s", v->tpl);
	if (v->unit[0])
		printf("  单位 %s", v->unit);
	if (v->search[0])
		printf("  搜索 %s", v->search);
	printf("\n");
}

int cmd_view(cli *c)
{
	ys_err e;
	const char *sub = c->argc ? c->argv[0] : "list";
	if (!strcmp(sub, "save") && c->argc == 2) {
		saved_view v = { .base = VIEW_ALL };
		const char *base = cli_opt(c, "--base"), *st = cli_opt(c, "--state"), *t = cli_opt(c, "--template");
		const char *u = cli_opt(c, "--unit"), *q = cli_opt(c, "--search");
		if (base && (v.base = view_by_name(base)) < 0) {
			buf b = { 0 };
			for (int i = 0; i < VIEW__N; i++)
				buf_printf(&b, "%s%s", i ? "、" : "", view_name(i));
			cli_error("--base 应为 %s 之一", b.s);
			buf_free(&b);
			return EXIT_USAGE;
		}
		snprintf(v.name, sizeof v.name, "%s", c->argv[1]);
		snprintf(v.status, sizeof v.status, "%s", st ? st : "");
		snprintf(v.tpl, sizeof v.tpl, "%s", t ? t : "");
		snprintf(v.unit, sizeof v.unit, "%s", u ? u : "");
		snprintf(v.search, sizeof v.search, "%s", q ? q : "");
		if (views_save(c->s, c->login, &v, c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已保存视图“%s”（yunshen list --view %s；界面按 v）\n", c->argv[1], c->argv[1]);
		return 0;
	}
	if (!strcmp(sub, "remove") && c->argc == 2) {
		if (views_forget(c->s, c->login, c->argv[1], &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已删去视图“%s”\n", c->argv[1]);
		return 0;
	}
	if (strcmp(sub, "list") || c->argc > 1) {
		cli_error("用法：yunshen view | view save 名称 [--base 列表] [--state S] [--template T] [--unit U] "
			  "[--search 文字] | view remove 名称");
		return EXIT_USAGE;
	}
	saved_view *vs;
	int n;
	if (views_saved(c->s, c->login, &vs, &n, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	buf json = { 0 };
	for (int i = 0; i < n; i++)
		print_view(c, &vs[i], i, &json);
	free(vs);
	return cli_list_end(c, 0, NULL, "views", n, &json, "共 %d 个视图\n");
}
