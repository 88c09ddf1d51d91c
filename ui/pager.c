/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* pager.c - a scrolling page of prepared lines; wrapping by columns. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "pager.h"
#include "text.h"

static void push(pager *p, int attr, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xrealloc(p->v, sizeof *p->v * (size_t)p->cap);
	}
	p->v[p->n].s = s;
	p->v[p->n].attr = attr;
	p->n++;
}

void pager_add(pager *p, int attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup("");
	va_end(ap);
	push(p, attr, s);
}

void pager_wrap(pager *p, int attr, int indent, const char *text, int width)
{
	if (!text)
		text = "";
	int first = 1;
	if (indent < 0) {
		indent = -indent;
		first = 0;
	}
	const char *s = text;
	do {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *para = xmalloc(len + 1);
		memcpy(para, s, len);
		para[len] = '\0';
		const char *q = para;
		do {
			int ind = first ? 0 : indent;
			int w = width - ind > 4 ? width - ind : 4;
			size_t n = text_cut(q, w, NULL);
			if (!n && *q)       /* a character wider than the line */
				n = text_decode(q, strlen(q), &(uint32_t){ 0 });
			buf b = { 0 };
			buf_printf(&b, "%*s", ind, "");
			buf_add(&b, q, n);
			push(p, attr, buf_take(&b));
			q += n;
			first = 0;
		} while (*q);
		free(para);
		s = nl ? nl + 1 : NULL;
	} while (s);
}

void pager_report(pager *p, const char *text, int head, int width)
{
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		char *one = xcalloc(n + 1, 1);
		memcpy(one, line, n);
		pager_wrap(p, one[0] && one[0] != ' ' ? head : 0, 2, one, width);
		free(one);
		line = nl ? nl + 1 : line + n;
	}
}

void pager_clear(pager *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i].s);
	free(p->v);
	char *find = p->find;
	memset(p, 0, sizeof *p);
	p->find = find;
}

void pager_free(pager *p)
{
	free(p->find);
	p->find = NULL;
	pager_clear(p);
}

int pager_holds(const char *s, const char *find)
{
	size_t n = strlen(find);
	for (; *s; s++)
		if (!strncasecmp(s, find, n))
			return 1;
	return 0;
}

int pager_find_from(const pager *p, int from, int dir)
{
	for (int k = 1; k <= p->n; k++) {
		int i = ((from + dir * k) % p->n + p->n) % p->n;
		if (pager_holds(p->v[i].s, p->find))
			return i;
	}
	return -1;
}

void pager_draw(pager *p, int y0, int h)
{
	if (p->top > p->n - h)
		p->top = p->n - h;
	if (p->top < 0)
		p->top = 0;
	/* Scrolled: every line moves, so curses rewrites them anyway; have it
	 * rewrite them whole. A partial rewrite over wide characters that moved
	 * left the terminal showing halves of them (“8 /16G” for “8核/16G”) until
	 * Ctrl-L. The once-a-second redraw of an unscrolled page sends nothing. */
	if (p->drawn_top && p->drawn_top != p->top + 1)
		wredrawln(stdscr, y0, h);
	p->drawn_top = p->top + 1;
	for (int i = 0; i < h && p->top + i < p->n; i++) {
		int k = p->top + i, attr = p->v[k].attr;
		ui_text(y0 + i, 0, p->v[k].s, COLS, k + 1 == p->hit ? ui_attr(A_UI_SEL) : attr, 0);
	}
	/* Where the page is, at the right of the status line: drawn over
	 * the last line it hid that line's end and left halves of wide
	 * characters behind when the page moved. */
	if (p->n > h) {
		char pos[48];
		snprintf(pos, sizeof pos, "%d-%d/%d 行", p->top + 1, p->top + h < p->n ? p->top + h : p->n, p->n);
		ui_position(pos);
	}
}

int pager_scroll(pager *p, int cmd, int h)
{
	switch (cmd) {
	case PG_UP: p->top--; break;
	case PG_DOWN: p->top++; break;
	case PG_PGUP: p->top -= h - 1; break;
	case PG_PGDN: p->top += h - 1; break;
	case PG_HOME: p->top = 0; break;
	case PG_END: p->top = p->n; break;
	default: return 0;
	}
	if (p->top > p->n - h)
		p->top = p->n - h;
	if (p->top < 0)
		p->top = 0;
	return 1;
}
