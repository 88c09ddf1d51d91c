/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* tally.c - an open-addressing hash of group keys: the groups are few
 * (thousands) and the rows many (a million), so a lookup is a hash, one
 * probe or two and a string compare. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "tally.h"

typedef struct slot {
	char *key;              /* NULL: empty */
	uint64_t hash;
	long long sums[TALLY_SUMS];
} slot;

struct tally {
	slot *s;
	size_t cap, n;          /* cap a power of two, kept over twice n */
};

static uint64_t fnv(const char *k)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 0x100000001b3ULL;
	return h;
}

tally *tally_new(void)
{
	tally *t = xcalloc(1, sizeof *t);
	t->cap = 64;
	t->s = xcalloc(t->cap, sizeof *t->s);
	return t;
}

void tally_free(tally *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->cap; i++)
		free(t->s[i].key);
	free(t->s);
	free(t);
}

static slot *find(slot *s, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	while (s[i].key && (s[i].hash != h || strcmp(s[i].key, key)))
		i = (i + 1) & (cap - 1);
	return &s[i];
}

static void grow(tally *t)
{
	size_t cap = t->cap * 2;
	slot *s = xcalloc(cap, sizeof *s);
	for (size_t i = 0; i < t->cap; i++)
		if (t->s[i].key)
			*find(s, cap, t->s[i].key, t->s[i].hash) = t->s[i];
	free(t->s);
	t->s = s;
	t->cap = cap;
}

void tally_add(tally *t, const char *key, const long long add[TALLY_SUMS])
{
	uint64_t h = fnv(key);
	slot *x = find(t->s, t->cap, key, h);
	if (!x->key) {
		if (2 * (t->n + 1) > t->cap) {
			grow(t);
			x = find(t->s, t->cap, key, h);
		}
		x->key = xstrdup(key);
		x->hash = h;
		t->n++;
	}
	for (int i = 0; i < TALLY_SUMS; i++)
		x->sums[i] += add[i];
}

int tally_each(const tally *t, int (*cb)(const char *key, const long long *sums, void *ctx), void *ctx)
{
	for (size_t i = 0; i < t->cap; i++)
		if (t->s[i].key) {
			int rc = cb(t->s[i].key, t->s[i].sums, ctx);
			if (rc)
				return rc;
		}
	return 0;
}
