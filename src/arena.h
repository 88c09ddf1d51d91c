/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* arena.h - one contiguous block that the x* allocators of buf.h fill
 * while it is current, so what was built in it (a parsed template) can be
 * written to a file as it stands and read back by a later process
 * (template_cache.c). Frees inside it are no-ops; it goes as a whole. */
#ifndef YUNSHEN_ARENA_H
#define YUNSHEN_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* A block of up to cap bytes (address space reserved, pages used as
 * touched), or NULL. */
arena *arena_new(size_t cap);
/* A block holding n bytes read from fd, or NULL. */
arena *arena_read(int fd, size_t n);
void arena_free(arena *a);

/* While a is current, xmalloc, xcalloc, xrealloc and xstrdup take from
 * it and xfree leaves its memory alone. One at a time; NULL ends it. */
void arena_use(arena *a);

char *arena_base(const arena *a);
size_t arena_used(const arena *a);

/* From buf.c: the allocators' side. */
void *arena_take(size_t n);                /* NULL: no current arena */
void *arena_grow(void *p, size_t n);       /* NULL: p is not the current arena's */
int arena_holds(const void *p);            /* p lies in the current arena */

#endif
