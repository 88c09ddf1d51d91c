/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* users.h - who is at the keyboard and what they may do. Identity is the
 * operating-system login (SSH has authenticated the person); the database
 * maps logins to roles, each role optionally limited to a scope: a
 * template id ("huizhou") or a template and county ("shaoguan/乳源瑶族自治县"). */
#ifndef YUNSHEN_USERS_H
#define YUNSHEN_USERS_H

#include "err.h"
#include "store.h"

#define USER_MAX_ROLES 32

typedef struct user_role {
	char role[16];
	char scope[128];
	char for_login[64];     /* "" own; else held by delegation (delegations.h) from this login */
} user_role;

#define USER_NAME_MAX 64        /* bytes of a display name (20 characters) */

typedef struct user {
	char login[64];
	char name[USER_NAME_MAX];       /* "" when none is known */
	user_role roles[USER_MAX_ROLES];
	int nroles;
} user;

/* The real login of the process (getpwuid(getuid())), never $USER. */
int user_os_login(char *out, size_t n, ys_err *err);
/* Loads the roles of login (none is not an error: nroles == 0), its
 * own and those delegated to it for today, and its display name. */
int user_load(store *s, const char *login, user *u, ys_err *err);
/* Adds a role; the first user of a database becomes admin by store_init. */
int user_add(store *s, const char *by, const char *login, const char *role,
	     const char *scope, const char *now, ys_err *err);
int user_remove(store *s, const char *login, const char *role, const char *scope, ys_err *err);
int users_count(store *s);
/* Does login hold role (NULL: any) itself, in the users table (not by
 * delegation)? 1, 0, -1 on a database error. */
int user_holds(store *s, const char *login, const char *role, ys_err *err);
/* Every (login, role, scope), ordered by login. */
int users_list(store *s, int (*cb)(const char *login, const user_role *r, void *ctx), void *ctx,
	       ys_err *err);

/* Does u hold role (any scope when tpl is NULL) for an application of
 * template tpl in county? */
int user_has(const user *u, const char *role, const char *tpl, const char *county);
/* May u read applications of tpl/county at all (any role's scope)? */
int user_sees(const user *u, const char *tpl, const char *county);
int user_is_admin(const user *u);
/* The login a signature of role for tpl/county is made for: NULL when u
 * holds the role itself (or not at all), else the delegating login. */
const char *user_acting_for(const user *u, const char *role, const char *tpl, const char *county);

/* The display name of login: the one set with `user add --name` or `user
 * name`, else the passwd entry's GECOS (its first field, when it is more
 * than the login again), else "". */
void user_name(store *s, const char *login, char *out, size_t n);
int user_set_name(store *s, const char *by, const char *login, const char *name, const char *now,
		  ys_err *err);
/* 姓名（登录名）, or the login alone when there is no name. */
void user_display(store *s, const char *login, char *out, size_t n);
/* Who signed, as an event records it: 张三（zhangsan）, and for a
 * delegate's signature 张三（zhangsan，代 李四）. */
void user_signer(const char *login, const char *name, const char *for_login, const char *for_name,
		 char *out, size_t n);

#endif
