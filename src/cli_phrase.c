/* cli_phrase.c - `yunshen phrase`: one's own 常用意见 (phrases.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "phrases.h"
#include "text.h"

int cmd_phrase(cli *c)
{
	ys_err e;
	const char *sub = c->argc ? c->argv[0] : "list";
	if (!strcmp(sub, "add") && c->argc == 2) {
		if (phrase_add(c->s, c->login, c->argv[1], c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		printf("已保存常用意见\n");
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
		printf("已删除第 %ld 条常用意见\n", k);
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
