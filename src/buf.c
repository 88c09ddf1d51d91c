/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "buf.h"

static void oom(void)
{
	fputs("yunshen: 内存不足\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = arena_take(n);
	if (p)
		return p;
	p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	if (m && n > (size_t)-1 / m)
		oom();
	void *p = arena_take(n * m);
	if (p)
		return p;
	p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = p ? arena_grow(p, n) : arena_take(n);
	if (q)
		return q;
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void xfree(void *p)
{
	if (!arena_holds(p))
		free(p);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s ? s : "");
	char *d = xmalloc(n + 1);
	memcpy(d, s ? s : "", n + 1);
	return d;
}

static void grow(buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	char probe[1];
	va_start(ap, fmt);
	int n = vsnprintf(probe, sizeof probe, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

int buf_spill(buf *b, FILE *f, size_t at)
{
	if (!b->len || b->len < at)
		return 0;
	int bad = fwrite(b->s, 1, b->len, f) != b->len;
	b->len = 0;
	b->s[0] = '\0';
	return bad ? -1 : 0;
}

char *buf_take(buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

long mem_pull(void *src, char *dst, size_t cap, struct ys_err *err)
{
	(void)err;
	mem_src *m = src;
	size_t k = m->n - m->at < cap ? m->n - m->at : cap;
	memcpy(dst, m->s + m->at, k);
	m->at += k;
	return (long)k;
}

int window_need(ys_window *w, size_t k, struct ys_err *err)
{
	char chunk[65536];
	buf_add(&w->b, "", 0);
	while (!w->eof && w->b.len - w->i < k) {
		long got = w->pull(w->src, chunk, sizeof chunk, err);
		if (got < 0)
			return -1;
		if (got == 0)
			w->eof = 1;
		buf_add(&w->b, chunk, (size_t)got);
	}
	return 0;
}

void window_drop(ys_window *w)
{
	if (w->i <= w->b.len / 2)
		return;
	memmove(w->b.s, w->b.s + w->i, w->b.len - w->i + 1);
	w->b.len -= w->i;
	w->i = 0;
}

void buf_free(buf *b)
{
	xfree(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
