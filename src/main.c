/* main.c - the yunshen program: command-line entry and dispatch. The
 * terminal interface (ui/) starts when no command is given. */
#include "config.h"
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "apps.h"
#include "cli.h"
#include "demo.h"
#include "edits.h"
#include "import.h"
#include "paths.h"
#include "prices.h"
#include "template.h"
#include "text.h"
#include "../ui/ui.h"
#include "verify.h"
#include "workdays.h"
#include "workflow.h"

static const char usage_text[] =
"用法：yunshen [--db 路径] [--as 登录名] [--json] 命令 [参数]\n"
"\n"
"不带命令时打开终端界面。\n"
"  --demo                    在新建的演示数据库上打开终端界面\n"
"\n"
"命令：\n"
"  init                      新建数据库（当前登录名成为管理员）\n"
"  demo                      新建演示数据库：五个模板、各种状态、部分超期\n"
"  templates                 列出辖区模板\n"
"  template ID               模板的字段、选项、环节、角色和时限\n"
"  import 文件               从 JSON 或 CSV（UTF-8 或 GBK）导入申请并提交；--draft 只存草稿\n"
"  list [--state S] [--template T] [--overdue] [--mine] [--search 文字]\n"
"                            列出申请（按期限排序，超期在前）\n"
"  show ID                   申请的字段、资源行、合计、当前环节、期限和历史\n"
"  act ID 动作 [--step 环节] [--opinion 意见]\n"
"                            提交、撤回，或签署所看到的环节（--step，如 review 或 初审；\n"
"                            动作可用英文 id 或中文名，如 accept 或 受理）\n"
"  edit ID 字段=值 ... [--reason 理由]\n"
"                            修改申请（已提交的申请每处修改都记入历史；已签署后冻结，\n"
"                            只能退回补正，或由管理员写明理由修改）\n"
"  workdays add 日期 N       日期之后第 N 个工作日\n"
"  workdays between 日期1 日期2\n"
"                            两个日期之间的工作日数（不含日期1，含日期2）\n"
"  verify                    完整性检查和业务一致性检查\n"
"  backup 目标文件           在线备份数据库（管理员）\n"
"  user add 登录名 --role 角色 [--scope 范围] | user list | user remove 登录名 [--role 角色]\n"
"  price list [模板] | price set 模板 项目 单价\n"
"\n"
"选项：\n"
"  --db 路径                 数据库文件（也可用环境变量 YUNSHEN_DB；默认 " YS_DEFAULT_DB "）\n"
"  --as 登录名               以另一登录名操作（测试和演示用；特权安装时拒绝）\n"
"  --json                    输出一个 JSON 文档\n"
"  -h, --help                帮助；yunshen 命令 --help 显示该命令的帮助\n"
"  --version                 版本\n"
"\n"
"环境变量：YUNSHEN_DB 数据库，YUNSHEN_NOW=YYYY-MM-DDTHH:MM 固定当前时间（测试用），\n"
"YUNSHEN_DATADIR 模板和节假日表所在目录。详见 man yunshen。\n";

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("yunshen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Options after the command: returns the value of --name, removing it
 * (and its value) from argv; flags return "" when present. */
static const char *take_opt(cli *c, const char *name, int has_value)
{
	size_t nl = strlen(name);
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strncmp(a, name, nl) || (a[nl] && a[nl] != '='))
			continue;
		const char *v = "";
		int drop = 1;
		if (has_value) {
			if (a[nl] == '=')
				v = a + nl + 1;
			else if (i + 1 < c->argc) {
				v = c->argv[i + 1];
				drop = 2;
			} else {
				cli_error("%s 需要一个值", name);
				exit(EXIT_USAGE);
			}
		}
		memmove(c->argv + i, c->argv + i + drop, sizeof *c->argv * (size_t)(c->argc - i - drop));
		c->argc -= drop;
		return v;
	}
	return NULL;
}

static int no_more_opts(cli *c)
{
	for (int i = 0; i < c->argc; i++)
		if (c->argv[i][0] == '-' && c->argv[i][1] == '-') {
			cli_error("未知选项 %s（yunshen --help 查看用法）", c->argv[i]);
			return -1;
		}
	return 0;
}

static int open_db(cli *c, int flags)
{
	ys_err e;
	if (store_open(c->db_path, flags, &c->s, &e)) {
		cli_error("%s", e.msg);
		return -1;
	}
	if (user_load(c->s, c->login, &c->me, &e)) {
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

static int need_role(cli *c)
{
	if (c->me.nroles)
		return 0;
	cli_error("%s 在数据库 %s 中没有任何角色；请管理员运行 yunshen user add %s --role 角色", c->login,
		  c->db_path, c->login);
	return -1;
}

static int parse_id(const char *s, long long *id)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || v <= 0) {
		cli_error("申请编号“%s”无效（应为正整数）", s ? s : "");
		return -1;
	}
	*id = v;
	return 0;
}

/* ---- commands ---- */

static int cmd_init(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
	int existed = access(c->db_path, F_OK) == 0;
	if (open_db(c, STORE_CREATE))
		return 1;
	ys_err e;
	if (users_count(c->s) == 0) {
		if (user_add(c->s, c->login, c->login, "admin", "", c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		prices_sync(c->s, c->now, &e);
		printf("已创建数据库 %s（版本 %d），%s 为管理员\n", c->db_path, store_version(c->s), c->login);
	} else {
		printf("数据库 %s 已存在（版本 %d），%s\n", c->db_path, store_version(c->s),
		       existed ? "未作改动" : "已初始化");
	}
	return 0;
}

static int cmd_demo(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
	if (open_db(c, STORE_CREATE))
		return 1;
	ys_err e;
	apps_filter all = { .today = c->today };
	if (apps_count(c->s, &all, &e) > 0) {
		cli_error("数据库 %s 里已有申请，演示数据只写入新数据库（换一个 --db 路径）", c->db_path);
		return 1;
	}
	if (demo_build(c->s, c->login, c->now, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	printf("已在 %s 生成演示数据：%lld 件申请\n", c->db_path, apps_count(c->s, &all, &e));
	return 0;
}

static int cmd_import(cli *c)
{
	import_opts o = { .draft = take_opt(c, "--draft", 0) != NULL };
	if (no_more_opts(c))
		return EXIT_USAGE;
	if (c->argc != 1) {
		cli_error("用法：yunshen import 文件");
		return EXIT_USAGE;
	}
	if (open_db(c, STORE_OPEN) || need_role(c))
		return 1;
	long long *ids;
	int n;
	ys_err e;
	if (import_file(c->s, &c->me, c->argv[0], &o, c->now, &ids, &n, &e)) {
		cli_error("%s；数据库未作改动", e.msg);
		return 1;
	}
	if (c->json) {
		printf("{\"imported\":[");
		for (int i = 0; i < n; i++)
			printf("%s%lld", i ? "," : "", ids[i]);
		printf("]}\n");
	} else {
		printf("已导入 %d 件申请：", n);
		for (int i = 0; i < n; i++)
			printf("%s%lld", i ? "、" : "", ids[i]);
		printf("%s\n", o.draft ? "（草稿）" : "（已提交）");
	}
	free(ids);
	return 0;
}

static int cmd_act(cli *c)
{
	const char *opinion = take_opt(c, "--opinion", 1), *step = take_opt(c, "--step", 1);
	if (no_more_opts(c))
		return EXIT_USAGE;
	long long id;
	if (c->argc != 2) {
		cli_error("用法：yunshen act 编号 动作 [--step 环节] [--opinion 意见]");
		return EXIT_USAGE;
	}
	if (parse_id(c->argv[0], &id))
		return EXIT_USAGE;
	if (open_db(c, STORE_OPEN) || need_role(c))
		return 1;
	ys_err e;
	if (workflow_act(c->s, &c->me, id, step, 0, c->argv[1], opinion, c->now, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	app_rec r;
	char label[128];
	if (apps_get(c->s, id, &r, &e) == 0) {
		if (c->json) {
			printf("{\"id\":%lld,\"status\":\"%s\",\"step\":\"%s\",\"deadline\":\"%s\"}\n", id,
			       r.status, r.step, r.deadline);
		} else {
			printf("申请 %lld：%s", id, apps_status_label(&r, label, sizeof label));
			if (r.deadline[0])
				printf("，期限 %s", r.deadline);
			printf("\n");
		}
	}
	return 0;
}

static int cmd_edit(cli *c)
{
	const char *reason = take_opt(c, "--reason", 1);
	if (no_more_opts(c))
		return EXIT_USAGE;
	long long id;
	if (c->argc < 2) {
		cli_error("用法：yunshen edit 编号 字段=值 [字段=值 ...] [--reason 理由]（表格单元格写作 vm[1].vcpu=8）");
		return EXIT_USAGE;
	}
	if (parse_id(c->argv[0], &id))
		return EXIT_USAGE;
	if (open_db(c, STORE_OPEN) || need_role(c))
		return 1;
	ys_err e;
	app_rec r;
	app_data *base, *mine = NULL;
	if (apps_load(c->s, id, &r, &base, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	int rc = 0;
	mine = app_data_copy(base);
	for (int i = 1; !rc && i < c->argc; i++) {
		char *eq = strchr(c->argv[i], '=');
		if (!eq) {
			rc = err_set(&e, "“%s”应写作 字段=值", c->argv[i]);
			break;
		}
		*eq = '\0';
		rc = app_assign(mine, c->argv[i], eq + 1, 1, &e);
	}
	edit_result res;
	if (!rc)
		rc = edits_save(c->s, &c->me, id, base, r.version, mine, reason, c->now, &res, &e);
	if (rc > 0) {
		/* Someone saved between our read and our write. */
		buf b = { 0 };
		for (int i = 0; i < res.n; i++)
			buf_printf(&b, "；“%s”现为“%s”，您要改为“%s”", res.c[i].label, res.c[i].theirs, res.c[i].mine);
		err_set(&e, "申请 %lld 刚被别人修改，未保存%s", id, b.s ? b.s : "");
		buf_free(&b);
		edit_result_free(&res);
	}
	app_data_free(base);
	app_data_free(mine);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	printf("申请 %lld 已修改\n", id);
	return 0;
}

static int cmd_workdays(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
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

static int cmd_verify(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
	if (open_db(c, STORE_OPEN))
		return 1;
	ys_err e;
	buf b = { 0 };
	int n = verify_run(c->s, print_problem, c->json ? &b : NULL, &e);
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
	else if (n == 0)
		printf("检查通过：数据库 %s，%lld 件申请，版本 %d\n", c->db_path, apps, store_version(c->s));
	else
		printf("发现 %d 个问题\n", n);
	buf_free(&b);
	return n ? 1 : 0;
}

/* An online copy of the whole database (VACUUM INTO), safe while others
 * work; the copy is compact and can be opened as is. */
static int cmd_backup(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
	if (c->argc != 1) {
		cli_error("用法：yunshen backup 目标文件");
		return EXIT_USAGE;
	}
	if (access(c->argv[0], F_OK) == 0) {
		cli_error("%s 已存在，不会覆盖；请换一个文件名", c->argv[0]);
		return 1;
	}
	if (open_db(c, STORE_OPEN))
		return 1;
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以备份数据库（%s 不是管理员）", c->login);
		return 1;
	}
	ys_err e;
	if (store_backup(c->s, c->argv[0], &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	printf("已备份到 %s\n", c->argv[0]);
	return 0;
}

static int print_user(const char *login, const user_role *r, void *ctx)
{
	cli *c = ctx;
	if (c->json) {
		buf b = { 0 };
		buf_puts(&b, c->argc++ ? ",{\"login\":" : "{\"login\":");
		buf_json_str(&b, login);
		buf_puts(&b, ",\"role\":");
		buf_json_str(&b, r->role);
		buf_puts(&b, ",\"scope\":");
		buf_json_str(&b, r->scope);
		buf_puts(&b, "}");
		fputs(b.s, stdout);
		buf_free(&b);
	} else {
		printf("%-16s %-10s %-8s %s\n", login, r->role, role_label(r->role), r->scope[0] ? r->scope : "全部");
	}
	return 0;
}

static int cmd_user(cli *c)
{
	const char *role = take_opt(c, "--role", 1), *scope = take_opt(c, "--scope", 1);
	if (no_more_opts(c))
		return EXIT_USAGE;
	if (c->argc < 1) {
		cli_error("用法：yunshen user add 登录名 --role 角色 [--scope 范围] | user list | user remove 登录名");
		return EXIT_USAGE;
	}
	if (open_db(c, STORE_OPEN))
		return 1;
	ys_err e;
	const char *sub = c->argv[0];
	if (!strcmp(sub, "list")) {
		c->argc = 0;    /* counts the rows printed */
		if (c->json)
			printf("{\"users\":[");
		if (users_list(c->s, print_user, c, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		if (c->json)
			printf("]}\n");
		return 0;
	}
	/* The first user of a new database is its admin. */
	if (users_count(c->s) == 0 && user_add(c->s, c->login, c->login, "admin", "", c->now, &e) == 0)
		user_load(c->s, c->login, &c->me, &e);
	if (!user_is_admin(&c->me)) {
		cli_error("只有管理员可以管理用户（%s 不是管理员）", c->login);
		return 1;
	}
	if (!strcmp(sub, "add") && c->argc == 2) {
		if (!role) {
			cli_error("缺少 --role（clerk、acceptor、reviewer、supervisor、county、leader、ops、admin）");
			return EXIT_USAGE;
		}
		if (user_add(c->s, c->login, c->argv[1], role, scope, c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		printf("已为 %s 添加角色 %s（%s）%s%s\n", c->argv[1], role, role_label(role),
		       scope && *scope ? "，范围 " : "", scope ? scope : "");
		return 0;
	}
	if (!strcmp(sub, "remove") && c->argc == 2) {
		if (user_remove(c->s, c->argv[1], role, scope, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		printf("已删除 %s 的%s角色\n", c->argv[1], role ? role : "全部");
		return 0;
	}
	cli_error("用法：yunshen user add 登录名 --role 角色 [--scope 范围] | user list | user remove 登录名");
	return EXIT_USAGE;
}

static int print_price(const price_item *p, void *ctx)
{
	cli *c = ctx;
	if (c->json) {
		buf b = { 0 };
		buf_puts(&b, c->argc++ ? ",{\"template\":" : "{\"template\":");
		buf_json_str(&b, p->template);
		buf_puts(&b, ",\"item\":");
		buf_json_str(&b, p->item);
		buf_puts(&b, ",\"name\":");
		buf_json_str(&b, p->name);
		buf_puts(&b, ",\"unit\":");
		buf_json_str(&b, p->unit);
		buf_printf(&b, ",\"price\":%.2f}", p->price);
		fputs(b.s, stdout);
		buf_free(&b);
	} else {
		printf("%-10s %-20s ", p->template, p->item);
		cli_cell(p->name, 30);
		printf(" %10.2f 元/%s\n", p->price, p->unit);
	}
	return 0;
}

static int cmd_price(cli *c)
{
	if (no_more_opts(c))
		return EXIT_USAGE;
	int set = c->argc >= 1 && !strcmp(c->argv[0], "set");
	if (c->argc < 1 || (!set && strcmp(c->argv[0], "list")) || (set && c->argc != 4) ||
	    (!set && c->argc > 2)) {
		cli_error("用法：yunshen price list [模板] | yunshen price set 模板 项目 单价");
		return EXIT_USAGE;
	}
	if (open_db(c, STORE_OPEN))
		return 1;
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
		if (prices_set(c->s, &c->me, c->argv[1], c->argv[2], p, c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		printf("已将 %s %s 的单价改为 %.2f 元\n", c->argv[1], c->argv[2], p);
		return 0;
	}
	const char *tpl = c->argc > 1 ? c->argv[1] : NULL;
	c->argc = 0;            /* counts the items printed */
	if (c->json)
		printf("{\"prices\":[");
	if (prices_list(c->s, tpl, print_price, c, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json)
		printf("]}\n");
	return 0;
}

static const struct command {
	const char *name;
	int (*fn)(cli *);
	int needs_db;
	const char *help;
} commands[] = {
	{ "init", cmd_init, 1, "yunshen [--db 路径] init\n新建数据库并升级到当前版本；新库的第一个用户（当前登录名）成为管理员。\n" },
	{ "demo", cmd_demo, 1, "yunshen [--db 路径] demo\n在空数据库里生成演示数据：五个模板、每个模板十个单位、各种状态，部分超期。\n" },
	{ "templates", cmd_templates, 0, "yunshen templates [--json]\n列出辖区模板：id、名称、表单和流程。\n" },
	{ "template", cmd_template, 0, "yunshen template ID [--json]\n模板的每个表单的字段（id、类型、选项、限制）和每个流程的环节、签署角色、时限。\n" },
	{ "import", cmd_import, 1, "yunshen [--db 路径] import 文件 [--draft] [--json]\nJSON（show --json 的形状，或其数组）或 CSV（表头为字段 id 或栏目名，表格单元格写作 vm[1].vcpu；UTF-8 或 GBK 自动识别）。\n整个文件要么全部导入，要么一件也不导入。默认导入后即提交，--draft 只存草稿。\n" },
	{ "list", cmd_list, 1, "yunshen [--db 路径] list [--state S] [--template T] [--overdue] [--mine] [--search 文字] [--json]\n状态 S：draft pending returned rejected done withdrawn terminated。--mine：等我签署的。\n" },
	{ "show", cmd_show, 1, "yunshen [--db 路径] show ID [--json]\n申请的全部字段、资源行、合计、当前环节和期限、可做的动作、历史。\n" },
	{ "act", cmd_act, 1, "yunshen [--db 路径] act ID 动作 [--step 环节] [--opinion 意见]\n动作：submit（提交）、withdraw（撤回），或当前环节允许的动作（show ID 列出）。\n签署环节时必须用 --step 指明您看到的环节（id 或中文名）：若申请已被别人签署、不在该环节，拒绝并说明谁何时签署了什么，不作改动。\n" },
	{ "edit", cmd_edit, 1, "yunshen [--db 路径] edit ID 字段=值 ... [--reason 理由]\n修改申请字段或表格单元格（vm[1].vcpu=8）；已提交的申请每处修改记入历史（原值和新值）。\n草稿和退回补正的申请由录入员修改；已提交而尚无人签署时录入员仍可更正；一经签署内容即冻结，只能退回补正，或由管理员用 --reason 写明理由修改；已开通的申请只能通过变更申请改变。变更、注销、延期申请的单位、县区、系统和原文号取自原申请，不能修改。\n" },
	{ "workdays", cmd_workdays, 0, "yunshen workdays add 日期 N | yunshen workdays between 日期1 日期2\n按官方节假日表计算工作日：收到当天不计；调休上班日算工作日。\n" },
	{ "verify", cmd_verify, 1, "yunshen [--db 路径] verify [--json]\nSQLite 完整性检查、外键检查和业务一致性检查；有问题时退出码为 1。\n" },
	{ "user", cmd_user, 1, "yunshen user add 登录名 --role 角色 [--scope 模板|模板/县区]\nyunshen user list | yunshen user remove 登录名 [--role 角色] [--scope 范围]\n角色：clerk 录入员、acceptor 受理人、reviewer 审核人、supervisor 主管部门、county 县级初审、leader 领导、ops 运维、admin 管理员。\n" },
	{ "backup", cmd_backup, 1, "yunshen [--db 路径] backup 目标文件\n在线备份整个数据库（VACUUM INTO），不影响别人继续工作；目标文件已存在时拒绝。仅管理员。\n" },
	{ "price", cmd_price, 1, "yunshen price list [模板] | yunshen price set 模板 项目 单价\n服务目录单价（元），初值来自模板，管理员可修改。\n" },
	{ "export", cmd_export, 1, "yunshen [--db 路径] export form ID -o 文件.xlsx | export month YYYY-MM -o 文件.xlsx [--json]\nform：申请按本辖区纸质表样式打印（A4，勾选框，文号，签字栏空白或已签署的意见、签署人和日期）。\nmonth：领导月报（收件、受理、审批、开通、变更、注销数，时限执行，按单位和辖区的资源、资源池使用率、费用，图表和明细表）。\n" },
};

/* Set-id installs must not let the caller pick the clock, the identity
 * or the templates. */
static int privileged(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

static int run(int argc, char **argv, char **rest)
{
	cli c;
	memset(&c, 0, sizeof c);
	const char *as = NULL, *db = NULL;
	int help = 0, demo_ui = 0;
	int nrest = 0;
	const char *cmd = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				cli_error("%s 需要一个值", a);
				return EXIT_USAGE;
			}
			*(a[2] == 'd' ? &db : &as) = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			db = a + 5;
		} else if (!strncmp(a, "--as=", 5)) {
			as = a + 5;
		} else if (!strcmp(a, "--json")) {
			c.json = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help = 1;
		} else if (!strcmp(a, "--version")) {
			printf("%s\n", PACKAGE_STRING);
			return 0;
		} else if (!strcmp(a, "--demo") && !cmd) {
			demo_ui = 1;
		} else if (!cmd && a[0] != '-') {
			cmd = a;
		} else if (!cmd) {
			cli_error("未知选项 %s（yunshen --help 查看用法）", a);
			return EXIT_USAGE;
		} else {
			rest[nrest++] = argv[i];
		}
	}
	const struct command *k = NULL;
	for (size_t i = 0; cmd && i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, cmd))
			k = &commands[i];
	if (cmd && !k) {
		cli_error("未知命令“%s”（yunshen --help 查看用法）", cmd);
		return EXIT_USAGE;
	}
	if (help) {
		fputs(k ? k->help : usage_text, stdout);
		return 0;
	}
	/* No command: the terminal interface, or the usage when there is
	 * no terminal to show it on. */
	if (!k && !demo_ui && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fputs(usage_text, stdout);
		return 0;
	}

	if (privileged()) {
		if (as || getenv("YUNSHEN_NOW")) {
			cli_error("本程序以特权身份安装，不接受 --as 和 YUNSHEN_NOW");
			return EXIT_USAGE;
		}
		clock_trust_env(0);
		paths_trust_env(0);
	}
	char msg[256];
	if (clock_check_env(msg, sizeof msg)) {
		cli_error("%s", msg);
		return EXIT_USAGE;
	}
	clock_now(c.now);
	c.today = clock_today();
	ys_err e;
	if (as) {
		snprintf(c.login, sizeof c.login, "%s", as);
	} else if (user_os_login(c.login, sizeof c.login, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char path[4096];
	paths_data("holidays.tsv", path, sizeof path);
	if (workdays_load(path, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	paths_data("templates", path, sizeof path);
	if (templates_load_dir(path, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char demo_path[256];
	if (demo_ui) {
		snprintf(demo_path, sizeof demo_path, "/tmp/yunshen-demo-%s.db", c.login);
		for (const char *sfx = ""; sfx; sfx = !*sfx ? "-wal" : !strcmp(sfx, "-wal") ? "-shm" : NULL) {
			char p[300];
			snprintf(p, sizeof p, "%s%s", demo_path, sfx);
			unlink(p);
		}
		db = demo_path;
	}
	c.db_path = paths_db(db);
	c.argc = nrest;
	c.argv = rest;
	int rc;
	if (demo_ui || !k) {
		/* The terminal interface, on a fresh demo database or on the
		 * database of this login's office. */
		rc = demo_ui ? cmd_demo(&c) : open_db(&c, STORE_OPEN) || need_role(&c) ? 1 : 0;
		/* The demo has just given this login every role. */
		if (!rc && demo_ui && user_load(c.s, c.login, &c.me, &e))
			rc = 1;
		if (!rc)
			rc = ui_run(c.s, &c.me, c.db_path);
	} else {
		rc = k->fn(&c);
	}
	const char *w = workdays_warning();
	if (w)
		fprintf(stderr, "%s\n", w);
	store_close(c.s);
	templates_free();
	return rc;
}

/* On a GBK/GB18030 terminal the command line arrives in the locale's
 * charset and text must leave in it: convert at the edges, keep UTF-8
 * inside. File names stay as the file system spells them, and --json
 * stays UTF-8 as JSON requires. */
typedef struct edge {
	const char *codeset;        /* NULL: the locale is UTF-8 (or ASCII) */
	char **converted;
	FILE *out, *err;            /* the real streams while ours are buffered */
	char *obuf, *ebuf;
	size_t olen, elen;
} edge;

/* Is a command named (rather than the interface opened)? Global options
 * with a value are skipped with their value. */
static int names_command(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--as"))
			i++;
		else if (argv[i][0] != '-')
			return 1;
	}
	return 0;
}

static void edge_begin(edge *g, int argc, char **argv)
{
	const char *cs = nl_langinfo(CODESET);
	memset(g, 0, sizeof *g);
	if (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8") || !strcmp(cs, "ANSI_X3.4-1968"))
		return;
	g->codeset = cs;
	text_set_ambiguous_wide(1);     /* “ ” ☑ … take two columns there */
	g->converted = calloc((size_t)argc + 1, sizeof *g->converted);
	for (int i = 1; g->converted && i < argc; i++) {
		const char *prev = argv[i - 1];
		if (!strcmp(prev, "--db") || !strcmp(prev, "-o") || access(argv[i], F_OK) == 0 ||
		    text_is_utf8(argv[i], strlen(argv[i])))
			continue;
		size_t n;
		char *u = text_iconv(cs, "UTF-8", argv[i], strlen(argv[i]), 0, &n, NULL);
		if (u)
			argv[i] = g->converted[i] = u;
	}
	/* The interface draws through curses, which converts itself; only
	 * commands print through stdio. */
	int json = 0, help = 0;
	for (int i = 1; i < argc; i++) {
		json |= !strcmp(argv[i], "--json");
		help |= !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
	}
	if (!names_command(argc, argv) && !help)
		return;
	FILE *o = json ? NULL : open_memstream(&g->obuf, &g->olen);
	FILE *e = open_memstream(&g->ebuf, &g->elen);
	if (o) {
		g->out = stdout;
		stdout = o;
	}
	if (e) {
		g->err = stderr;
		stderr = e;
	}
}

static void edge_flush(FILE *mem, FILE *real, char **bufp, size_t *len, const char *cs)
{
	fclose(mem);
	size_t n;
	char *conv = text_iconv("UTF-8", cs, *bufp, *len, 1, &n, NULL);
	if (conv)
		fwrite(conv, 1, n, real);
	else
		fwrite(*bufp, 1, *len, real);
	fflush(real);
	free(conv);
	free(*bufp);
}

static void edge_end(edge *g, int argc)
{
	if (!g->codeset)
		return;
	if (g->out) {
		edge_flush(stdout, g->out, &g->obuf, &g->olen, g->codeset);
		stdout = g->out;
	}
	if (g->err) {
		edge_flush(stderr, g->err, &g->ebuf, &g->elen, g->codeset);
		stderr = g->err;
	}
	for (int i = 0; g->converted && i < argc; i++)
		free(g->converted[i]);
	free(g->converted);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	/* The command's own arguments, collected in order past the global options. */
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	if (!rest)
		return 1;
	edge g;
	edge_begin(&g, argc, argv);
	int rc = run(argc, argv, rest);
	edge_end(&g, argc);
	free(rest);
	return rc;
}
