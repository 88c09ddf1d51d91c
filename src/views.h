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

#endif
