/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* pager.h - a scrolling page of prepared lines (detail, history, help),
 * and wrapping text to a width in columns. */
#ifndef YUNSHEN_UI_PAGER_H
#define YUNSHEN_UI_PAGER_H

#include "screen.h"

typedef struct ui_line {
	char *s;
	int attr;
} ui_line;

typedef struct pager {
	ui_line *v;
	int n, cap;
	int top;
	int drawn_top;          /* top when last drawn, +1 (0: never) */
	char *find;             /* what / looked for (kept across pager_clear) */
	int hit;                /* the line found + 1, 0 none */
} pager;

/* Scrolling requests a screen's key table maps to (PAGER_KEYS). */
enum { PG_UP = 1000, PG_DOWN, PG_PGUP, PG_PGDN, PG_HOME, PG_END, PG_FIND, PG_NEXT, PG_PREV };
#define PAGER_KEYS \
	{ UI_FN(KEY_UP), PG_UP, "Up", NULL, "上移一行" }, \
	{ 'k', PG_UP, "k", NULL, NULL }, \
	{ UI_FN(KEY_DOWN), PG_DOWN, "Down", NULL, "下移一行" }, \
	{ 'j', PG_DOWN, "j", NULL, NULL }, \
	{ UI_FN(KEY_PPAGE), PG_PGUP, "PgUp", NULL, "上一页" }, \
	{ UI_CTRL('b'), PG_PGUP, "Ctrl-B", NULL, NULL }, \
	{ UI_FN(KEY_NPAGE), PG_PGDN, "PgDn", NULL, "下一页" }, \
	{ ' ', PG_PGDN, "Space", NULL, NULL }, \
	{ UI_CTRL('f'), PG_PGDN, "Ctrl-F", NULL, NULL }, \
	{ UI_FN(KEY_HOME), PG_HOME, "Home", NULL, "到开头" }, \
	{ 'g', PG_HOME, "g", NULL, NULL }, \
	{ UI_FN(KEY_END), PG_END, "End", NULL, "到末尾" }, \
	{ 'G', PG_END, "G", NULL, NULL }, \
	{ '/', PG_FIND, "/", NULL, "在本页查找文字（不分大小写）" }, \
	{ 'n', PG_NEXT, "n", NULL, "下一处" }, \
	{ 'N', PG_PREV, "N", NULL, "上一处" }

void pager_add(pager *p, int attr, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds text wrapped to `width` columns, continuation lines (and every
 * line when first < 0) indented by `indent` spaces; honours newlines. */
void pager_wrap(pager *p, int attr, int indent, const char *text, int width);
/* A report as the core writes it for the CLI: one pager line per line of
 * text, wrapped; a line that does not start with a space is a heading
 * (head attribute). */
void pager_report(pager *p, const char *text, int head, int width);
void pager_clear(pager *p);      /* the lines; what / found is kept */
void pager_free(pager *p);       /* everything */
/* Draws lines from top at rows y0 .. y0+h-1. */
void pager_draw(pager *p, int y0, int h);
/* Handles a scrolling PG_* request for a page of height h; 1 if handled. */
int pager_scroll(pager *p, int cmd, int h);
/* The same, and / n N (find.c): / asks what to find, n and N go to the
 * next and previous line holding it, said on the status line. */
int pager_key(pager *p, int cmd, int h);
/* Does line s hold find (ASCII letters in any case)? */
int pager_holds(const char *s, const char *find);
/* The next (dir 1) or previous (-1) line holding p->find after line
 * `from`, round the end; -1 none. */
int pager_find_from(const pager *p, int from, int dir);

#endif
