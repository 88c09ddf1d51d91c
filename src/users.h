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
} user_role;

typedef struct user {
	char login[64];
	user_role roles[USER_MAX_ROLES];
	int nroles;
} user;

/* The real login of the process (getpwuid(getuid())), never $USER. */
int user_os_login(char *out, size_t n, ys_err *err);
/* Loads the roles of login (none is not an error: nroles == 0). */
int user_load(store *s, const char *login, user *u, ys_err *err);
/* Adds a role; the first user of a database becomes admin by store_init. */
int user_add(store *s, const char *by, const char *login, const char *role,
	     const char *scope, const char *now, ys_err *err);
int user_remove(store *s, const char *login, const char *role, const char *scope, ys_err *err);
int users_count(store *s);
/* Every (login, role, scope), ordered by login. */
int users_list(store *s, int (*cb)(const char *login, const user_role *r, void *ctx), void *ctx,
	       ys_err *err);

/* Does u hold role (any scope when tpl is NULL) for an application of
 * template tpl in county? */
int user_has(const user *u, const char *role, const char *tpl, const char *county);
/* May u read applications of tpl/county at all (any role's scope)? */
int user_sees(const user *u, const char *tpl, const char *county);
int user_is_admin(const user *u);

#endif
