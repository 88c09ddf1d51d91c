/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "arena.h"
#include "buf.h"

struct arena {
	char *base;
	size_t used, cap;
	size_t last;                    /* offset of the latest allocation, for growing in place */
};

static arena *cur;

/* Each allocation: its size in the 8 bytes before it, 8-byte aligned (no
 * type in a template needs more). */
#define HEAD sizeof(size_t)
#define ROUND(n) (((n) + 7) & ~(size_t)7)

static arena *map(size_t cap)
{
	void *p = mmap(NULL, cap ? cap : 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	arena *a = xcalloc(1, sizeof *a);
	a->base = p;
	a->cap = cap ? cap : 8;
	return a;
}

arena *arena_new(size_t cap) { return map(cap); }

arena *arena_read(int fd, size_t n)
{
	arena *a = map(n);
	size_t got = 0;
	while (a && got < n) {
		ssize_t r = read(fd, a->base + got, n - got);
		if (r <= 0) {
			arena_free(a);
			return NULL;
		}
		got += (size_t)r;
	}
	if (a)
		a->used = n;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	if (cur == a)
		cur = NULL;
	munmap(a->base, a->cap);
	free(a);
}

void arena_use(arena *a) { cur = a; }
char *arena_base(const arena *a) { return a->base; }
size_t arena_used(const arena *a) { return a->used; }

void *arena_take(size_t n)
{
	if (!cur)
		return NULL;
	size_t need = HEAD + ROUND(n ? n : 1);
	if (need > cur->cap - cur->used) {
		fputs("yunshen: 模板过大，缓存区不足\n", stderr);
		abort();
	}
	char *p = cur->base + cur->used;
	memcpy(p, &n, sizeof n);
	cur->last = cur->used;
	cur->used += need;
	memset(p + HEAD, 0, ROUND(n ? n : 1));
	return p + HEAD;
}

int arena_holds(const void *p)
{
	return cur && p && (const char *)p >= cur->base && (const char *)p < cur->base + cur->used;
}

void *arena_grow(void *p, size_t n)
{
	if (!arena_holds(p))
		return NULL;
	char *h = (char *)p - HEAD;
	size_t old;
	memcpy(&old, h, sizeof old);
	/* The latest allocation grows where it stands (a list being filled). */
	if ((size_t)(h - cur->base) == cur->last && HEAD + ROUND(n) <= cur->cap - cur->last) {
		if (n > old)
			memset((char *)p + old, 0, ROUND(n) - old);
		memcpy(h, &n, sizeof n);
		cur->used = cur->last + HEAD + ROUND(n ? n : 1);
		return p;
	}
	void *q = arena_take(n);
	memcpy(q, p, old < n ? old : n);
	return q;
}
