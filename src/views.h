/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* views.h - the lists people work from: 我的待办, 全部, 草稿, 超期, 退回补正,
 * each a filter the core defines, and where a login starts. */
#ifndef YUNSHEN_VIEWS_H
#define YUNSHEN_VIEWS_H

#include "apps.h"

enum { VIEW_MINE, VIEW_ALL, VIEW_DRAFTS, VIEW_OVERDUE, VIEW_RETURNED, VIEW__N };

/* "我的待办" … */
const char *view_name(int view);
/* The view's filter for u (only what u may see); `state` narrows 全部 to
 * one status (NULL: all). */
void view_filter(int view, const user *u, const char *state, ys_date today, apps_filter *f);
/* Where u starts: a clerk with drafts at 草稿, a clerk with returned
 * applications at 退回补正, everyone else at 我的待办; msg says why ("" for
 * 我的待办). */
int view_start(store *s, const user *u, ys_date today, char *msg, size_t n);

/* A named filter a login keeps (tig's named views): a base list and what
 * narrows it. "" is none. */
#define SAVED_VIEWS_MAX 20
typedef struct saved_view {
	char name[96];
	int base;                       /* VIEW_* */
	char status[16], tpl[64], unit[256], search[256];
} saved_view;

/* Its filter for u: the base view's, then template, unit and search. */
void view_saved_filter(const saved_view *v, const user *u, ys_date today, apps_filter *f);
/* Keeps v under its name for login (the same name again replaces it).
 * Refused: an empty name or one over 20 characters, an unknown status or
 * template, more than SAVED_VIEWS_MAX. */
int views_save(store *s, const char *login, const saved_view *v, const char *now, ys_err *err);
/* login's views by name; *out malloc'd. */
int views_saved(store *s, const char *login, saved_view **out, int *n, ys_err *err);
int views_forget(store *s, const char *login, const char *name, ys_err *err);
/* The base view named (我的待办 …), -1 if none is. */
int view_by_name(const char *name);

#endif
