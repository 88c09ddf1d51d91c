/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* buf.h - a growable byte string, for building JSON, SQL-free text and
 * messages without fixed-size buffers. Allocation failure aborts: the
 * program cannot do anything useful without memory. */
#ifndef YUNSHEN_BUF_H
#define YUNSHEN_BUF_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct buf {
	char *s;     /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL) and leaves b empty; caller frees. */
char *buf_take(buf *b);
/* Text built up a piece at a time written out as it grows: b's bytes into
 * f once there are at least `at` of them (0: whatever there is), b left
 * empty. -1 when f took fewer. */
int buf_spill(buf *b, FILE *f, size_t at);
void buf_free(buf *b);

/* A source of bytes read a piece at a time (a file as text, a string):
 * up to cap bytes into dst; 0 at the end, -1 with err said. */
struct ys_err;
typedef long (*ys_pull)(void *src, char *dst, size_t cap, struct ys_err *err);

/* A string in memory as such a source (mem_pull). */
typedef struct mem_src {
	const char *s;
	size_t n, at;
} mem_src;
long mem_pull(void *src, char *dst, size_t cap, struct ys_err *err);

/* Text pulled from a source as a reader needs it (csv_each, json_each):
 * b holds what was pulled and not yet dropped, i is where the reading
 * stands in it, eof that the source has ended. */
typedef struct ys_window {
	ys_pull pull;
	void *src;
	buf b;
	size_t i;
	int eof;
} ys_window;
/* At least k bytes past i unless the source ends first (b stays
 * NUL-terminated); -1, said in err, when a read fails. */
int window_need(ys_window *w, size_t k, struct ys_err *err);
/* Drops what is before i once it is half of what is held, so each byte
 * moves about once; i becomes 0 then. */
void window_drop(ys_window *w);

/* Checked allocation helpers. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* free() that leaves a current arena's memory alone (arena.h). */
void xfree(void *p);

/* Appends one zeroed element to a growable array `arr` of `n` elements
 * (grown only by XPUSH, from NULL and 0) and yields a pointer to it:
 * XPUSH(rows, nrows)->id = 7. The room doubles whenever n reaches a power
 * of two, so n pushes copy O(n) bytes in all. */
#define XPUSH(arr, n) (((n) & ((n) - 1)) == 0 ? \
		       (void)((arr) = xrealloc((arr), sizeof *(arr) * (size_t)((n) ? 2 * (n) : 1))) : (void)0, \
		       memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

#endif
