/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* edit.c - a small editor over a wchar_t buffer: one line with horizontal
 * scrolling, or a wrapped box. Widths come from text_cp_width, the one
 * width function, so CJK characters are never cut in half. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "buf.h"
#include "edit.h"
#include "screen.h"
#include "text.h"

static int cw(wchar_t c)
{
	if (c == '\n' || c == '\t')
		return 1;
	int w = text_cp_width((uint32_t)c);
	return w > 0 ? w : (c < 0x20 ? 1 : 0);
}

static void reserve(ui_edit *e, int n)
{
	if (n + 1 <= e->cap)
		return;
	e->cap = (n + 1) * 2 > 32 ? (n + 1) * 2 : 32;
	e->b = xrealloc(e->b, sizeof *e->b * (size_t)e->cap);
}

static void undo_clear(ui_edit *e)
{
	for (int i = 0; i < e->nundo; i++)
		free(e->undo[i].b);
	free(e->undo);
	e->undo = NULL;
	e->nundo = e->typing = 0;
}

void edit_set(ui_edit *e, const char *s)
{
	undo_clear(e);
	e->len = e->cur = e->scroll = 0;
	reserve(e, 16);
	size_t n = s ? strlen(s) : 0;
	while (n) {
		uint32_t cp;
		size_t l = text_decode(s, n, &cp);
		reserve(e, e->len + 1);
		e->b[e->len++] = (wchar_t)cp;
		s += l;
		n -= l;
	}
	e->b[e->len] = 0;
	e->cur = e->len;
	e->fresh = 0;
}

char *edit_get(const ui_edit *e)
{
	buf b = { 0 };
	buf_puts(&b, "");
	for (int i = 0; i < e->len; i++) {
		char u[5];
		int l = ui_utf8((unsigned)e->b[i], u);
		buf_add(&b, u, (size_t)l);
	}
	return buf_take(&b);
}

void edit_free(ui_edit *e)
{
	undo_clear(e);
	free(e->b);
	memset(e, 0, sizeof *e);
}

/* Keeps the text as it is before a change. A run of typing is one step,
 * as in readline; the oldest step goes when the stack is full. */
static void snapshot(ui_edit *e, int typing)
{
	if (typing && e->typing && e->nundo)
		return;
	e->typing = typing;
	if (e->nundo == EDIT_UNDO_MAX) {
		free(e->undo[0].b);
		memmove(e->undo, e->undo + 1, sizeof *e->undo * (EDIT_UNDO_MAX - 1));
		e->nundo--;
	}
	if (!e->undo)
		e->undo = xcalloc(EDIT_UNDO_MAX, sizeof *e->undo);
	edit_snap *u = &e->undo[e->nundo++];
	u->b = xcalloc((size_t)e->len + 1, sizeof *u->b);
	memcpy(u->b, e->b, sizeof *u->b * (size_t)e->len);
	u->len = e->len;
	u->cur = e->cur;
}

static int undo(ui_edit *e)
{
	e->typing = 0;
	if (!e->nundo)
		return 0;
	edit_snap *u = &e->undo[--e->nundo];
	reserve(e, u->len);
	memcpy(e->b, u->b, sizeof *e->b * (size_t)u->len);
	e->len = u->len;
	e->b[e->len] = 0;
	e->cur = u->cur;
	free(u->b);
	return 1;
}

static void insert(ui_edit *e, wchar_t c)
{
	if (e->max && e->len >= e->max)
		return;
	reserve(e, e->len + 1);
	memmove(e->b + e->cur + 1, e->b + e->cur, sizeof *e->b * (size_t)(e->len - e->cur));
	e->b[e->cur++] = c;
	e->len++;
	e->b[e->len] = 0;
}

/* Removes [from, to); the cursor goes to from. */
static void cut(ui_edit *e, int from, int to)
{
	memmove(e->b + from, e->b + to, sizeof *e->b * (size_t)(e->len - to));
	e->len -= to - from;
	e->b[e->len] = 0;
	e->cur = from;
}

/* The one kill buffer, shared by every field so that text killed in one
 * can be yanked into another; kills in a row add up. */
static wchar_t *kill_b;
static int kill_len, kill_cap, kill_chain;

static void kill_text(ui_edit *e, int from, int to, int chained)
{
	if (from >= to)
		return;
	int n = to - from;
	if (!chained)
		kill_len = 0;
	if (kill_len + n + 1 > kill_cap) {
		kill_cap = (kill_len + n + 1) * 2;
		kill_b = xrealloc(kill_b, sizeof *kill_b * (size_t)kill_cap);
	}
	if (from < e->cur) {    /* killed backwards: before what is kept */
		memmove(kill_b + n, kill_b, sizeof *kill_b * (size_t)kill_len);
		memcpy(kill_b, e->b + from, sizeof *kill_b * (size_t)n);
	} else {
		memcpy(kill_b + kill_len, e->b + from, sizeof *kill_b * (size_t)n);
	}
	kill_len += n;
	snapshot(e, 0);
	cut(e, from, to);
	kill_chain = 1;
}

/* Words: runs between spaces and punctuation, Chinese included. */
static int sep(wchar_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || (c < 0x80 && c > 0x20 && !iswalnum((wint_t)c) && c != '_') ||
	       (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	       (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || (c >= 0x2010 && c <= 0x2027);
}

static int word_left(const ui_edit *e, int i)
{
	while (i > 0 && sep(e->b[i - 1]))
		i--;
	while (i > 0 && !sep(e->b[i - 1]))
		i--;
	return i;
}

static int word_right(const ui_edit *e, int i)
{
	while (i < e->len && sep(e->b[i]))
		i++;
	while (i < e->len && !sep(e->b[i]))
		i++;
	return i;
}

static int line_start(const ui_edit *e)
{
	int i = e->cur;
	while (i > 0 && e->b[i - 1] != '\n')
		i--;
	return i;
}

static int line_end(const ui_edit *e)
{
	int i = e->cur;
	while (i < e->len && e->b[i] != '\n')
		i++;
	return i;
}

int edit_newline(ui_edit *e)
{
	if (!e->multiline || (e->max && e->len >= e->max))
		return 0;
	e->fresh = 0;
	snapshot(e, 0);
	insert(e, '\n');
	return 1;
}

int edit_key(ui_edit *e, int k)
{
	int fresh = e->fresh, chained = kill_chain, at = e->cur, len = e->len;
	e->fresh = 0;
	kill_chain = 0;
	switch (k) {
	case UI_FN(KEY_LEFT): case UI_CTRL('b'):
		if (e->cur > 0)
			e->cur--;
		e->typing = 0;
		return 0;
	case UI_FN(KEY_RIGHT): case UI_CTRL('f'):
		if (e->cur < e->len)
			e->cur++;
		e->typing = 0;
		return 0;
	case UI_FN(KEY_HOME): case UI_CTRL('a'):
		e->cur = line_start(e);
		e->typing = 0;
		return 0;
	case UI_FN(KEY_END): case UI_CTRL('e'):
		e->cur = line_end(e);
		e->typing = 0;
		return 0;
	case UI_META('b'): case UI_WORD_LEFT:
		e->cur = word_left(e, e->cur);
		e->typing = 0;
		return 0;
	case UI_META('f'): case UI_WORD_RIGHT:
		e->cur = word_right(e, e->cur);
		e->typing = 0;
		return 0;
	case UI_FN(KEY_BACKSPACE): case 127: case 8:
		if (e->cur == 0)
			return 0;
		snapshot(e, 0);
		cut(e, e->cur - 1, e->cur);
		return 1;
	case UI_FN(KEY_DC): case UI_CTRL('d'):
		if (e->cur >= e->len)
			return 0;
		snapshot(e, 0);
		cut(e, e->cur, e->cur + 1);
		e->cur = at;
		return 1;
	case UI_CTRL('u'):
		kill_text(e, line_start(e), e->cur, chained);
		return e->len != len;
	case UI_CTRL('k'):
		kill_text(e, e->cur, line_end(e), chained);
		e->cur = at;
		return e->len != len;
	case UI_CTRL('w'): {
		/* unix-word-rubout: back to the space before */
		int i = e->cur;
		while (i > 0 && (e->b[i - 1] == ' ' || e->b[i - 1] == '\n'))
			i--;
		while (i > 0 && e->b[i - 1] != ' ' && e->b[i - 1] != '\n')
			i--;
		kill_text(e, i, e->cur, chained);
		return e->len != len;
	}
	case UI_META(127): case UI_META(8):
		kill_text(e, word_left(e, e->cur), e->cur, chained);
		return e->len != len;
	case UI_META('d'):
		kill_text(e, e->cur, word_right(e, e->cur), chained);
		e->cur = at;
		return e->len != len;
	case UI_CTRL('y'):
		if (!kill_len)
			return 0;
		snapshot(e, 0);
		for (int i = 0; i < kill_len; i++)
			if (kill_b[i] != '\n' || e->multiline)
				insert(e, kill_b[i]);
		return 1;
	case UI_CTRL('_'):
		return undo(e);
	}
	if (k & 0x1000000 || k > 0x10FFFF) {
		e->fresh = fresh;
		return -1;
	}
	if (k == UI_ENTER || k == '\n') {
		if (!e->multiline || !ui.paste)
			return -1;
		snapshot(e, 1);
		insert(e, '\n');
		return 1;
	}
	if (k == '\t' && ui.paste) {
		snapshot(e, 1);
		insert(e, ' ');
		return 1;
	}
	if (k < 0x20 || k == 0x7f || (k >= 0x80 && k < 0xa0)) {
		e->fresh = fresh;   /* not an editing key: the default stays fresh */
		return -1;
	}
	snapshot(e, !fresh);
	if (fresh)
		e->len = e->cur = e->scroll = 0;
	insert(e, (wchar_t)k);
	return 1;
}

/* Draws characters [from, to) at y, x as UTF-8. */
static void put_run(const ui_edit *e, int from, int to, int y, int x, int cols, int attr)
{
	buf b = { 0 };
	buf_puts(&b, "");
	for (int i = from; i < to; i++) {
		char u[5];
		int l = ui_utf8(e->b[i] == '\n' || e->b[i] == '\t' ? ' ' : (unsigned)e->b[i], u);
		buf_add(&b, u, (size_t)l);
	}
	ui_text(y, x, b.s, cols, attr, 1);
	buf_free(&b);
}

static int width_of(const ui_edit *e, int from, int to)
{
	int w = 0;
	for (int i = from; i < to; i++)
		w += cw(e->b[i]);
	return w;
}

void edit_draw(ui_edit *e, int y, int x, int w, int attr, int focused)
{
	if (w < 2)
		return;
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	/* Keep the cursor (and one column for it) inside the view. */
	while (width_of(e, e->scroll, e->cur) > w - 1 && e->scroll < e->cur)
		e->scroll++;
	if (!focused)
		e->scroll = 0;
	int to = e->scroll, used = 0;
	while (to < e->len && used + cw(e->b[to]) <= w) {
		used += cw(e->b[to]);
		to++;
	}
	/* An untouched default shows selected: typing replaces it. */
	put_run(e, e->scroll, to, y, x, w, focused && e->fresh ? ui_attr(A_UI_SEL) : attr);
	if (focused)
		ui_cursor(y, x + width_of(e, e->scroll, e->cur));
}

/* Line starts of the text wrapped at w columns (newlines break). */
static int wrap(const ui_edit *e, int w, int *starts, int max)
{
	int n = 0, used = 0;
	if (max > 0)
		starts[n] = 0;
	n = 1;
	for (int i = 0; i < e->len; i++) {
		int c = cw(e->b[i]);
		if (e->b[i] == '\n') {
			if (n < max)
				starts[n] = i + 1;
			n++;
			used = 0;
			continue;
		}
		if (used + c > w) {
			if (n < max)
				starts[n] = i;
			n++;
			used = 0;
		}
		used += c;
	}
	return n;
}

int edit_lines(const ui_edit *e, int w)
{
	return wrap(e, w, NULL, 0);
}

int edit_draw_box(ui_edit *e, int y, int x, int w, int maxh, int attr, int focused)
{
	int n = wrap(e, w, NULL, 0);
	int *st = xcalloc((size_t)n + 1, sizeof *st);
	wrap(e, w, st, n);
	st[n] = e->len + 1;
	/* The line holding the cursor. */
	int cl = 0;
	for (int i = 0; i < n; i++)
		if (e->cur >= st[i])
			cl = i;
	if (cl > 0 && e->cur == st[cl] && st[cl] > 0 && e->b[st[cl] - 1] != '\n' && e->cur == e->len) {
		/* at the very end after a soft wrap: stay on the new line */
	}
	int first = 0;
	if (focused && cl >= maxh)
		first = cl - maxh + 1;
	for (int i = 0; i < maxh; i++) {
		int li = first + i;
		if (li >= n) {
			ui_text(y + i, x, "", w, attr, 1);
			continue;
		}
		int end = li + 1 < n ? st[li + 1] : e->len;
		if (end > 0 && end <= e->len && li + 1 < n && e->b[end - 1] == '\n')
			end--;
		put_run(e, st[li], end, y + i, x, w, attr);
	}
	if (focused) {
		int cx = width_of(e, st[cl], e->cur);
		if (cx >= w)
			cx = w - 1;
		ui_cursor(y + cl - first, x + cx);
	}
	free(st);
	return n;
}
