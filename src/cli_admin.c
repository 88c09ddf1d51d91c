/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_admin.c - the commands of the house: init, demo, workdays, verify,
 * backup, user, price. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "apps.h"
#include "buf.h"
#include "calendar.h"
#include "cli.h"
#include "text.h"
#include "demo.h"
#include "prices.h"
#include "template.h"
#include "trust.h"
#include "verify.h"
#include "workdays.h"

int cmd_init(cli *c)
{
	struct stat sb;
	int existed = stat(c->db_path, &sb) == 0;
	ys_err e;
	if (users_count(c->s) == 0) {
		if (user_add(c->s, c->login, c->login, ROLE_ADMIN, "", c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		prices_sync(c->s, c->now, &e);
		cli_done(c, "已创建数据库 %s（版本 %d），%s 为管理员\n", c->db_path, store_version(c->s), c->login);
	} else {
		cli_done(c, "数据库 %s 已存在（版本 %d），%s\n", c->db_path, store_version(c->s),
		       existed ? "未作改动" : "已初始化");
	}
	return 0;
}

int cmd_demo(cli *c)
{
	ys_err e;
	apps_filter all = { .today = c->today };
	if (apps_count(c->s, &all, &e) > 0) {
		cli_error("数据库 %s 里已有申请，演示数据只写入新数据库（换一个 --db 路径）", c->db_path);
		return 1;
	}
	const char *apps = cli_opt(c, "--apps"), *years = cli_opt(c, "--years");
	char *end;
	long long n = apps ? strtoll(apps, &end, 10) : 0;
	if (apps && (*end || n < 1 || n > 10000000)) {
		cli_error("申请件数“%s”无效（1-10000000 的整数）", apps);
		return EXIT_USAGE;
	}
	long y = years ? strtol(years, &end, 10) : 10;
	if (years && (*end || y < 1 || y > 30)) {
		cli_error("年数“%s”无效（1-30 的整数）", years);
		return EXIT_USAGE;
	}
	if (years && !apps) {
		cli_error("--years 只和 --apps 一起用");
		return EXIT_USAGE;
	}
	const ys_progress *pg = apps ? cli_progress() : NULL;
	int rc = apps ? demo_bulk(c->s, c->login, c->now, n, (int)y, pg, &e) : demo_build(c->s, c->login, c->now, &e);
	cli_progress_end(pg);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	cli_done(c, "已在 %s 生成演示数据：%lld 件申请\n", c->db_path, apps_count(c->s, &all, &e));
	return 0;
}

int cmd_workdays(cli *c)
{
	ys_date a, b;
	if (c->argc == 3 && !strcmp(c->argv[0], "add")) {
		char *end;
		long n = strtol(c->argv[2], &end, 10);
		if (date_parse(c->argv[1], &a) || strlen(c->argv[1]) != 10) {
			cli_error("日期“%s”无效（格式 YYYY-MM-DD）", c->argv[1]);
			return EXIT_USAGE;
		}
		if (*end || n < 0 || n > 3650) {
			cli_error("工作日数“%s”无效（0-3650 的整数）", c->argv[2]);
			return EXIT_USAGE;
		}
		char out[11];
		date_iso(workdays_add(a, (int)n), out);
		printf(c->json ? "{\"date\":\"%s\"}\n" : "%s\n", out);
		return 0;
	}
	if (c->argc == 3 && !strcmp(c->argv[0], "between")) {
		for (int i = 1; i <= 2; i++)
			if (date_parse(c->argv[i], i == 1 ? &a : &b) || strlen(c->argv[i]) != 10) {
				cli_error("日期“%s”无效（格式 YYYY-MM-DD）", c->argv[i]);
				return EXIT_USAGE;
			}
		int n = workdays_between(a, b);
		printf(c->json ? "{\"workdays\":%d}\n" : "%d\n", n);
		return 0;
	}
	cli_error("用法：yunshen workdays add 日期 N | yunshen workdays between 日期1 日期2");
	return EXIT_USAGE;
}

static void print_problem(const char *p, void *ctx)
{
	buf *b = ctx;
	if (b) {
		if (b->len)
			buf_puts(b, ",");
		buf_json_str(b, p);
	} else {
		printf("问题：%s\n", p);
	}
}

int cmd_verify(cli *c)
{
	ys_err e;
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以检查数据库（%s 不是管理员）", c->login);
		return 1;
	}
	verify_code head, paper;
	const char *code = cli_opt(c, "--code");
	if (code && verify_code_parse(code, &paper)) {
		cli_error("校验码“%s”无效：应为打印件上的“记录号-XXXX-XXXX-XXXX-XXXX”", code);
		return EXIT_USAGE;
	}
	if (cli_opt(c, "--head")) {
		/* Only the head, fast: for the daily syslog line. */
		if (verify_head(c->s, &head, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		if (c->json)
			printf("{\"event\":%lld,\"hash\":\"%s\",\"code\":\"%s\"}\n", head.event, head.hash, head.text);
		else
			printf("校验码 %s（历史第 %lld 条，SM3 %s）\n", head.text, head.event, head.hash);
		return 0;
	}
	buf b = { 0 };
	const ys_progress *pg = cli_progress();
	int n = verify_run(c->s, print_problem, c->json ? &b : NULL, pg, &e);
	cli_progress_end(pg);
	if (n >= 0 && code) {
		int r = verify_against(c->s, &paper, &e);
		if (r < 0)
			n = -1;
		else if (r > 0) {
			char msg[256];
			snprintf(msg, sizeof msg, "校验码 %s 与历史第 %lld 条不符：自打印之日起的历史已被改写", paper.text,
				 paper.event);
			print_problem(msg, c->json ? &b : NULL);
			n++;
		}
	}
	if (n < 0) {
		cli_error("%s", e.msg);
		buf_free(&b);
		return 1;
	}
	apps_filter all = { .today = c->today };
	long long apps = apps_count(c->s, &all, &e);
	if (c->json)
		printf("{\"ok\":%s,\"applications\":%lld,\"problems\":[%s]}\n", n ? "false" : "true", apps,
		       b.s ? b.s : "");
	else if (n == 0 && code)
		cli_done(c, "检查通过：数据库 %s，%lld 件申请，版本 %d；校验码 %s 与历史相符\n", c->db_path, apps,
		       store_version(c->s), paper.text);
	else if (n == 0)
		cli_done(c, "检查通过：数据库 %s，%lld 件申请，版本 %d\n", c->db_path, apps, store_version(c->s));
	else
		printf("发现 %d 个问题\n", n);
	buf_free(&b);
	return n ? 1 : 0;
}

/* An online copy of the whole database (VACUUM INTO), safe while others
 * work; the copy is compact and can be opened as is. */
int cmd_backup(cli *c)
{
	if (c->argc != 1) {
		cli_error("用法：yunshen backup 目标文件");
		return EXIT_USAGE;
	}
	if (access(c->argv[0], F_OK) == 0) {
		cli_error("%s 已存在，不会覆盖；请换一个文件名", c->argv[0]);
		return 1;
	}
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以备份数据库（%s 不是管理员）", c->login);
		return 1;
	}
	ys_err e;
	/* The copy is the user's file, made with the user's rights. */
	trust_as_user(1);
	int rc = store_backup(c->s, c->argv[0], &e);
	trust_as_user(0);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	cli_done(c, "已备份到 %s\n", c->argv[0]);
	return 0;
}

/* A listing's callbacks: the command and the rows printed so far. */
typedef struct rows {
	cli *c;
	int n;
} rows;

static int print_user(const char *login, const user_role *r, void *ctx)
{
	rows *w = ctx;
	char name[USER_NAME_MAX];
	user_name(w->c->s, login, name, sizeof name);
	if (w->c->json) {
		buf b = { 0 };
		buf_puts(&b, w->n++ ? ",{\"login\":" : "{\"login\":");
		buf_json_str(&b, login);
		buf_puts(&b, ",\"name\":");
		buf_json_str(&b, name);
		buf_puts(&b, ",\"role\":");
		buf_json_str(&b, r->role);
		buf_puts(&b, ",\"scope\":");
		buf_json_str(&b, r->scope);
		buf_puts(&b, "}");
		fputs(b.s, stdout);
		buf_free(&b);
	} else {
		cli_cell(login, 17);
		cli_cell(name[0] ? name : "—", 13);
		printf("%-10s ", r->role);
		cli_cell(role_label(r->role), 9);
		printf("%s\n", r->scope[0] ? r->scope : "全部");
	}
	return 0;
}

int cmd_user(cli *c)
{
	const char *role = cli_opt(c, "--role"), *scope = cli_opt(c, "--scope"), *name = cli_opt(c, "--name");
	if (c->argc < 1) {
		cli_error("用法：yunshen user add 登录名 --role 角色 [--scope 范围] [--name 姓名] | user name 登录名 姓名 | user list | user remove 登录名");
		return EXIT_USAGE;
	}
	ys_err e;
	const char *sub = c->argv[0];
	if (!strcmp(sub, "list") && users_count(c->s) > 0 && !user_is_admin(&c->me)) {
		cli_error("只有管理员可以查看用户（%s 不是管理员）", c->login);
		return 1;
	}
	if (!strcmp(sub, "list")) {
		rows w = { c, 0 };
		if (c->json)
			printf("{\"users\":[");
		if (users_list(c->s, print_user, &w, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		if (c->json)
			printf("]}\n");
		return 0;
	}
	/* The first user of a new database is its admin. */
	if (users_count(c->s) == 0 && user_add(c->s, c->login, c->login, ROLE_ADMIN, "", c->now, &e) == 0)
		user_load(c->s, c->login, &c->me, &e);
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以管理用户（%s 不是管理员）", c->login);
		return 1;
	}
	if (!strcmp(sub, "add") && c->argc == 2) {
		if (!role) {
			cli_error("缺少 --role（%s）", roles_help());
			return EXIT_USAGE;
		}
		if (store_begin(c->s, &e) || user_add(c->s, c->login, c->argv[1], role, scope, c->now, &e) ||
		    (name && user_set_name(c->s, c->login, c->argv[1], name, c->now, &e)) || store_commit(c->s, &e)) {
			store_rollback(c->s);
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已为 %s 添加角色 %s（%s）%s%s\n", c->argv[1], role, role_label(role),
		       scope && *scope ? "，范围 " : "", scope ? scope : "");
		return 0;
	}
	if (!strcmp(sub, "name") && c->argc == 3) {
		if (user_holds(c->s, c->argv[1], NULL, NULL) != 1) {
			cli_error("%s 不是本系统的用户（先 user add）", c->argv[1]);
			return 1;
		}
		if (user_set_name(c->s, c->login, c->argv[1], c->argv[2], c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		char who[200];
		user_display(c->s, c->argv[1], who, sizeof who);
		cli_done(c, "已设定姓名：%s\n", who);
		return 0;
	}
	if (!strcmp(sub, "remove") && c->argc == 2) {
		if (user_remove(c->s, c->argv[1], role, scope, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已删除 %s 的%s角色\n", c->argv[1], role ? role : "全部");
		return 0;
	}
	cli_error("用法：yunshen user add 登录名 --role 角色 [--scope 范围] [--name 姓名] | user name 登录名 姓名 | user list | user remove 登录名");
	return EXIT_USAGE;
}

int cmd_calendar(cli *c)
{
	ys_err e;
	if (c->argc == 2 && !strcmp(c->argv[0], "import")) {
		int days, moved;
		if (calendar_import(c->s, &c->me, c->argv[1], c->now, &days, &moved, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		if (c->json)
			printf("{\"days\":%d,\"deadlines_moved\":%d,\"last_year\":%d}\n", days, moved,
			       workdays_last_year());
		else
			cli_done(c, "已导入 %d 天的节假日安排，节假日表现覆盖 %d–%d 年；%d 件在办申请的期限按新安排重新计算\n",
			       days, workdays_first_year(), workdays_last_year(), moved);
		return 0;
	}
	if (c->argc) {
		cli_error("用法：yunshen calendar | yunshen calendar import 文件");
		return EXIT_USAGE;
	}
	int last = workdays_last_year();
	if (c->json)
		printf("{\"first_year\":%d,\"last_year\":%d,\"provisional_years\":[%d,%d,%d]}\n",
		       workdays_first_year(), last, last + 1, last + 2, last + 3);
	else
		printf("节假日表覆盖 %d–%d 年；%d–%d 年尚未公布，按元旦、劳动节、国庆的法定假日暂定\n",
		       workdays_first_year(), last, last + 1, last + 3);
	return 0;
}
