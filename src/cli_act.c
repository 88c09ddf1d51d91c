/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_act.c - the commands that change applications: import, act, edit,
 * deliver, followup. Each calls one core function that holds the whole rule. */
#include "config.h"
#include "batch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "buf.h"
#include "cli.h"
#include "phrases.h"
#include "template.h"
#include "text.h"
#include "deliveries.h"
#include "edits.h"
#include "followup.h"
#include "import.h"
#include "workflow.h"

int cmd_import(cli *c)
{
	import_opts o = { .draft = cli_opt(c, "--draft") != NULL, .again = cli_opt(c, "--again") != NULL,
			  .progress = cli_progress() };
	if (c->argc != 1) {
		cli_error("用法：yunshen import 文件");
		return EXIT_USAGE;
	}
	import_result got;
	ys_err e;
	int rc = import_file(c->s, &c->me, c->argv[0], &o, c->now, &got, &e);
	cli_progress_end(o.progress);
	if (rc) {
		cli_error("%s；数据库未作改动", e.msg);
		return 1;
	}
	if (c->json) {
		printf("{\"imported\":[");
		const char *sep = "";
		for (int i = 0; i < got.nruns; i++)
			for (long long id = got.runs[i].first; id <= got.runs[i].last; id++, sep = ",")
				printf("%s%lld", sep, id);
		printf("]}\n");
	} else {
		buf b = { 0 };
		import_runs_text(&b, &got);
		cli_done(c, "已导入 %lld 件申请：%s%s\n", got.n, b.s, o.draft ? "（草稿）" : "（已提交）");
		buf_free(&b);
	}
	import_result_free(&got);
	return 0;
}

/* 字段=值 arguments (vm[1].vcpu=8 for a cell), each checked. */
static int assign_all(app_data *d, int n, char **kv, ys_err *e)
{
	for (int i = 0; i < n; i++) {
		char *eq = strchr(kv[i], '=');
		if (!eq)
			return err_set(e, "“%s”应写作 字段=值", kv[i]);
		*eq = '\0';
		if (app_assign(d, kv[i], eq + 1, 1, e))
			return -1;
	}
	return 0;
}

/* act 12,15,16 动作 --step 环节: each signed on its own (batch.h); the
 * ones refused say why, and the exit is 1 if any was. */
static int act_many(cli *c, const char *list, const char *step, const char *opinion)
{
	batch_item *items = NULL;
	int n = 0;
	for (const char *p = list; *p;) {
		char one[32];
		size_t l = strcspn(p, ",");
		snprintf(one, sizeof one, "%.*s", (int)(l < sizeof one ? l : sizeof one - 1), p);
		long long id;
		if (cli_id(one, &id)) {
			free(items);
			return EXIT_USAGE;
		}
		XPUSH(items, n)->id = id;
		p += l + (p[l] == ',');
	}
	if (!step) {
		cli_error("同时签署几件申请时必须用 --step 指明您看到的环节（id 或中文名），不在该环节的不签");
		free(items);
		return EXIT_USAGE;
	}
	batch_load(c->s, &c->me, items, n);
	int done = batch_sign(c->s, &c->me, items, n, step, c->argv[1], opinion, c->now);
	if (c->json)
		printf("{\"signed\":%d,\"refused\":%d,\"applications\":[", done, n - done);
	for (int i = 0; i < n; i++) {
		const batch_item *it = &items[i];
		if (c->json) {
			buf b = { 0 };
			buf_json_str(&b, it->done ? "" : it->why);
			printf("%s{\"id\":%lld,\"signed\":%s,\"why\":%s}", i ? "," : "", it->id, it->done ? "true" : "false",
			       b.s);
			buf_free(&b);
		} else if (it->done) {
			cli_done(c, "申请 %lld：已签署\n", it->id);
		} else {
			printf("申请 %lld：未签署：%s\n", it->id, it->why);
		}
	}
	if (c->json)
		printf("]}\n");
	else
		cli_done(c, "已签署 %d 件%s%.0d%s\n", done, n > done ? "，未签署 " : "", n > done ? n - done : 0, n > done ? " 件" : "");
	free(items);
	return done < n;
}

static int print_state(cli *c, long long id);

/* --phrase N: the opinion is the N-th of those the step offers the signer
 * (show lists them). NULL, said, when there is no such one. */
static char *phrase_opinion(cli *c, long long id, const char *k)
{
	ys_err e;
	app_rec r;
	phrase_list pl;
	char *end;
	long n = strtol(k, &end, 10);
	if (apps_get_as(c->s, &c->me, id, &r, &e)) {
		cli_error("%s", e.msg);
		return NULL;
	}
	const tpl_step *sp = flow_step(template_flow(template_find(r.template), r.kind), r.step);
	if (phrases_for(c->s, sp, c->login, &pl, &e)) {
		cli_error("%s", e.msg);
		return NULL;
	}
	char *t = NULL;
	if (*end || n < 1 || n > pl.n)
		cli_error("没有第 %s 条常用意见：申请 %lld 的当前环节有 %d 条（yunshen show %lld 列出）", k, id, pl.n, id);
	else
		t = xstrdup(pl.v[n - 1]);
	phrase_list_free(&pl);
	return t;
}

int cmd_act(cli *c)
{
	const char *opinion = cli_opt(c, "--opinion"), *step = cli_opt(c, "--step"), *ver = cli_opt(c, "--seen");
	const char *phrase = cli_opt(c, "--phrase");
	long long id;
	if (c->argc < 2) {
		cli_error("用法：yunshen act 编号[,编号...] 动作 [--step 环节] [--seen 版本] [--opinion 意见] [记录项=值 ...]");
		return EXIT_USAGE;
	}
	if (strchr(c->argv[0], ',') && phrase) {
		cli_error("同时签署几件申请时请用 --opinion 写明意见（--phrase 的编号按各件的环节而不同）");
		return EXIT_USAGE;
	}
	if (strchr(c->argv[0], ','))
		return c->argc > 2 || ver ? (cli_error("同时签署几件申请时不能带记录项或 --seen：需要记录的环节请逐件签署"), EXIT_USAGE)
					  : act_many(c, c->argv[0], step, opinion);
	if (cli_id(c->argv[0], &id))
		return EXIT_USAGE;
	if (phrase && opinion) {
		cli_error("--phrase 和 --opinion 只能用一个");
		return EXIT_USAGE;
	}
	char *picked = phrase ? phrase_opinion(c, id, phrase) : NULL;
	if (phrase && !picked)
		return 1;
	if (picked)
		opinion = picked;
	ys_err e;
	wf_seen seen = { step, 0, 0, cli_opt(c, "--ack-capacity") != NULL };
	if (ver && ((seen.version = strtoll(ver, NULL, 10)) <= 0)) {
		cli_error("--seen 应为 show --json 给出的 version（正整数）");
		return EXIT_USAGE;
	}
	/* What the step records (materials checked, a confirmation's date). */
	const char **ids, **vals;
	int rc = cli_pairs(c->argc - 2, c->argv + 2, &ids, &vals);
	wf_record rec = { ids, vals, c->argc - 2 };
	if (!rc && workflow_act(c->s, &c->me, id, step || ver || seen.capacity_ack ? &seen : NULL, c->argv[1], opinion, &rec, c->now, &e)) {
		cli_error("%s", e.msg);
		rc = 1;
	}
	free(ids);
	free(vals);
	free(picked);
	return rc ? rc : print_state(c, id);
}

int cmd_recall(cli *c)
{
	long long id;
	if (c->argc != 1) {
		cli_error("用法：yunshen recall 编号 --reason 理由");
		return EXIT_USAGE;
	}
	if (cli_id(c->argv[0], &id))
		return EXIT_USAGE;
	ys_err e;
	if (workflow_recall(c->s, &c->me, id, cli_opt(c, "--reason"), c->now, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	return print_state(c, id);
}

/* The state an action left application id in, one line (or JSON). */
static int print_state(cli *c, long long id)
{
	ys_err e;
	app_rec r;
	char label[128];
	if (apps_get(c->s, id, &r, &e) == 0) {
		if (c->json) {
			printf("{\"id\":%lld,\"status\":\"%s\",\"step\":\"%s\",\"deadline\":\"%s\"}\n", id,
			       r.status, r.step, r.deadline);
		} else {
			cli_done(c, "申请 %lld：%s%s%s\n", id, apps_status_label(&r, label, sizeof label),
				 r.deadline[0] ? "，期限 " : "", r.deadline);
		}
	}
	return 0;
}

int cmd_edit(cli *c)
{
	const char *reason = cli_opt(c, "--reason");
	long long id;
	if (c->argc < 2) {
		cli_error("用法：yunshen edit 编号 字段=值 [字段=值 ...] [--reason 理由]（表格单元格写作 vm[1].vcpu=8）");
		return EXIT_USAGE;
	}
	if (cli_id(c->argv[0], &id))
		return EXIT_USAGE;
	ys_err e;
	app_rec r;
	app_data *base, *mine = NULL;
	if (apps_load_as(c->s, &c->me, id, &r, &base, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	mine = app_data_copy(base);
	int rc = assign_all(mine, c->argc - 1, c->argv + 1, &e);
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

typedef struct tally {
	delivery_line *v;
	int n;
} tally;

static int count_done(const delivery *d, void *ctx)
{
	tally *t = ctx;
	for (int i = 0; i < t->n; i++)
		t->v[i].delivered += !strcmp(t->v[i].key, d->line);
	return 0;
}

static int list_lines(cli *c, long long id)
{
	app_rec r;
	app_data *a;
	ys_err e;
	if (apps_load_as(c->s, &c->me, id, &r, &a, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	tally t;
	t.n = delivery_lines(a, &t.v);
	app_data_free(a);
	deliveries_list(c->s, id, count_done, &t, &e);
	buf b = { 0 };
	for (int i = 0; i < t.n; i++) {
		if (c->json) {
			buf_puts(&b, i ? ",{\"line\":" : "{\"line\":");
			buf_json_str(&b, t.v[i].key);
			buf_puts(&b, ",\"desc\":");
			buf_json_str(&b, t.v[i].desc);
			buf_printf(&b, ",\"count\":%d,\"delivered\":%d}", t.v[i].count, t.v[i].delivered);
		} else {
			printf("%-10s 已交付 %d/%d  %s\n", t.v[i].key, t.v[i].delivered, t.v[i].count, t.v[i].desc);
		}
	}
	char why[512];
	if (c->json)
		printf("{\"id\":%lld,\"lines\":[%s]}\n", id, b.s ? b.s : "");
	else if (!t.n)
		printf("申请 %lld 没有需要交付的资源行\n", id);
	else if (deliveries_why_not(&r, &c->me, why, sizeof why))
		printf("%s\n", why);
	buf_free(&b);
	delivery_lines_free(t.v, t.n);
	return 0;
}

/* deliver ID: the lines still to deliver; deliver ID LINE --host --ip:
 * one host delivered on that line (ops). */
int cmd_deliver(cli *c)
{
	long long id;
	if ((c->argc != 1 && c->argc != 2) || cli_id(c->argv[0], &id)) {
		cli_error("用法：yunshen deliver 编号 [资源行 --host 主机名 --ip 地址 [--ports 端口] [--on 日期]]");
		return EXIT_USAGE;
	}
	ys_err e;
	if (c->argc == 1)
		return list_lines(c, id);
	const char *host = cli_opt(c, "--host"), *ip = cli_opt(c, "--ip");
	if (!host || !ip) {
		cli_error("记录交付须给出 --host 主机名 和 --ip 地址");
		return EXIT_USAGE;
	}
	delivery d;
	memset(&d, 0, sizeof d);
	d.app_id = id;
	snprintf(d.line, sizeof d.line, "%s", c->argv[1]);
	snprintf(d.host, sizeof d.host, "%s", host);
	snprintf(d.ip, sizeof d.ip, "%s", ip);
	snprintf(d.ports, sizeof d.ports, "%s", cli_opt(c, "--ports") ? cli_opt(c, "--ports") : "");
	snprintf(d.delivered_on, sizeof d.delivered_on, "%.10s", cli_opt(c, "--on") ? cli_opt(c, "--on") : c->now);
	if (deliveries_add(c->s, &c->me, &d, c->now, &e)) {
		cli_error("未记录：%s", e.msg);
		return 1;
	}
	if (c->json)
		printf("{\"id\":%lld,\"line\":\"%s\",\"delivered_on\":\"%s\"}\n", id, d.line, d.delivered_on);
	else
		cli_done(c, "已记录：申请 %lld %s 主机 %s（%s），交付日期 %s\n", id, d.line, d.host, d.ip, d.delivered_on);
	return 0;
}

/* followup ORIG KIND [field=value ...]: a change, termination or renewal
 * draft prefilled from the original, as the form's b/z/y keys make it. */
int cmd_followup(cli *c)
{
	long long orig;
	if (c->argc < 2) {
		cli_error("用法：yunshen followup 原申请编号 change|terminate|renew [字段=值 ...]");
		return EXIT_USAGE;
	}
	if (cli_id(c->argv[0], &orig))
		return EXIT_USAGE;
	const char *kind = c->argv[1];
	if (!kind_is_followup(kind)) {
		cli_error("“%s”不是后续申请的类型（change 变更、terminate 注销、renew 延期）", kind);
		return EXIT_USAGE;
	}
	ys_err e;
	app_data *d;
	if (followup_new(c->s, &c->me, orig, kind, &d, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	int rc = assign_all(d, c->argc - 2, c->argv + 2, &e);
	long long id = 0;
	if (!rc)
		rc = store_begin(c->s, &e);
	if (!rc) {
		rc = edits_create(c->s, &c->me, d, orig, c->now, &id, &e);
		if (!rc)
			rc = store_commit(c->s, &e);
		else
			store_rollback(c->s);
	}
	app_data_free(d);
	if (rc) {
		cli_error("%s", e.msg);
		return 1;
	}
	if (c->json)
		printf("{\"id\":%lld,\"parent\":%lld,\"kind\":\"%s\"}\n", id, orig, kind);
	else
		cli_done(c, "已按原申请 %lld 新建%s草稿：申请 %lld（单位、县区、系统和原文号取自原申请）；"
		       "yunshen show %lld 核对，yunshen act %lld submit 提交\n", orig, kind_label(kind), id, id, id);
	return 0;
}
