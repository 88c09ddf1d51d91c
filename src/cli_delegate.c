/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_delegate.c - `yunshen delegate`: hand a role on for a range of days,
 * list the delegations one may see, end one early (delegations.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "delegations.h"
#include "text.h"
#include "vocab.h"

typedef struct listing {
	cli *c;
	int n;
	buf json;
} listing;

static int print_one(const delegation *d, void *ctx)
{
	listing *x = ctx;
	char today[11], from[200], to[200];
	snprintf(today, sizeof today, "%.10s", x->c->now);
	const char *state = delegation_state(d, today);
	user_display(x->c->s, d->from, from, sizeof from);
	user_display(x->c->s, d->to, to, sizeof to);
	if (x->c->json) {
		buf *b = &x->json;
		buf_printf(b, "%s{\"id\":%lld,\"from\":", x->n ? "," : "", d->id);
		buf_json_str(b, d->from);
		buf_puts(b, ",\"from_display\":");
		buf_json_str(b, from);
		buf_puts(b, ",\"to\":");
		buf_json_str(b, d->to);
		buf_puts(b, ",\"to_display\":");
		buf_json_str(b, to);
		buf_printf(b, ",\"role\":\"%s\",\"first\":\"%s\",\"last\":\"%s\",\"state\":", d->role, d->first, d->last);
		buf_json_str(b, state);
		buf_puts(b, ",\"reason\":");
		buf_json_str(b, d->reason);
		buf_printf(b, ",\"created_at\":\"%s\",\"created_by\":\"%s\",\"ended_at\":\"%s\"}", d->created_at,
			   d->created_by, d->ended_at);
	} else {
		printf("%-4lld ", d->id);
		cli_cell(from, 22);
		printf("→ ");
		cli_cell(to, 22);
		printf("%-8s %s 至 %s  %s%s%s\n", role_label(d->role), d->first, d->last, state,
		       d->reason[0] ? "  " : "", d->reason);
	}
	x->n++;
	return 0;
}

int cmd_delegate(cli *c)
{
	ys_err e;
	const char *usage = "用法：yunshen delegate 受托人 --role 角色 --from 日期 --until 日期 [--reason 事由] "
			    "[--for 委托人] | delegate list | delegate end 编号";
	if (c->argc < 1) {
		cli_error("%s", usage);
		return EXIT_USAGE;
	}
	if (!strcmp(c->argv[0], "list") && c->argc == 1) {
		listing x = { c, 0, { 0 } };
		int rc = delegations_list(c->s, &c->me, print_one, &x, &e);
		return cli_list_end(c, rc, &e, "delegations", x.n, &x.json, "共 %d 项委托\n");
	}
	if (!strcmp(c->argv[0], "end") && c->argc == 2) {
		long long id;
		if (cli_id(c->argv[1], &id)) {
			cli_error("委托编号应是正整数：%s", c->argv[1]);
			return EXIT_USAGE;
		}
		if (delegation_end(c->s, &c->me, id, c->now, &e)) {
			cli_error("%s", e.msg);
			return 1;
		}
		cli_done(c, "已撤销委托 %lld\n", id);
		return 0;
	}
	const char *role = cli_opt(c, "--role"), *first = cli_opt(c, "--from"), *last = cli_opt(c, "--until");
	const char *from = cli_opt(c, "--for");
	if (c->argc != 1 || !role || !first || !last) {
		cli_error("%s", usage);
		return EXIT_USAGE;
	}
	long long id;
	if (delegation_add(c->s, &c->me, from ? from : c->login, c->argv[0], role, first, last,
			   cli_opt(c, "--reason"), c->now, &id, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char who[200], to[200];
	user_display(c->s, from ? from : c->login, who, sizeof who);
	user_display(c->s, c->argv[0], to, sizeof to);
	printf("委托 %lld：%s 把%s角色交给 %s，%s 至 %s\n", id, who, role_label(role), to, first, last);
	return 0;
}
