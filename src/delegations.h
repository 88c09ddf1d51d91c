/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* delegations.h - 委托: a login hands one of its own roles to another for
 * a range of days (leave, a trip). While it runs the delegate holds the
 * role in the delegating login's scope (user_load) and signs as itself
 * for the other: the event records both (user_signer: 张三（zhangsan，代
 * 李四）). A role is handed on only by the one who holds it, never onward:
 * no delegate delegates what it was given, and no one receives while away,
 * so there are no chains and no loops. The admin sees every delegation. */
#ifndef YUNSHEN_DELEGATIONS_H
#define YUNSHEN_DELEGATIONS_H

#include "users.h"

#define DELEGATION_MAX_DAYS 366

typedef struct delegation {
	long long id;
	char from[64], to[64], role[16], first[11], last[11];
	char reason[400], created_at[17], created_by[64], ended_at[17], ended_by[64];
} delegation;

/* by hands from's role to `to` for first..last (inclusive ISO days); by
 * is from itself or an admin. Refusals say why: a role from does not hold,
 * admin, oneself, an unknown delegate, a range in the past or longer than
 * DELEGATION_MAX_DAYS, and any overlap that would make a chain, a loop or
 * a second delegate of the same role. *id gets its number. */
int delegation_add(store *s, const user *by, const char *from, const char *to, const char *role,
		   const char *first, const char *last, const char *reason, const char *now, long long *id,
		   ys_err *err);
/* Ends delegation id now (from itself or an admin). */
int delegation_end(store *s, const user *by, long long id, const char *now, ys_err *err);
/* The delegations u may see (an admin: all; else those from or to u),
 * the running and coming ones first, then the past, newest first. */
int delegations_list(store *s, const user *u, int (*cb)(const delegation *, void *), void *ctx,
		     ys_err *err);
/* Its state on day `today`: "生效中", "未开始", "已结束", "已撤销". */
const char *delegation_state(const delegation *d, const char *today);

#endif
