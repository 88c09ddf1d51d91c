/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* sm3.c - SM3 through EVP_MD_fetch(NULL, "SM3", NULL). */
#include "config.h"
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sm3.h"

/* Pieces are gathered in buf and hashed at the end in one update: an
 * event's 20 short fields through EVP one by one, each in a context made
 * and freed for it, cost several times the hashing itself (verify hashes
 * two per event, 12 million at 1,000,000 applications). Input beyond buf
 * (a whole imported file) streams through a context as before. */
struct sm3_ctx {
	EVP_MD_CTX *md;          /* NULL until buf overflows */
	int failed;              /* no context for the overflow: no hash */
	size_t n;
	unsigned char buf[1000];
};

/* Fetched once per process: a fetch looks the name up in the providers
 * under a lock, which cost more than hashing an event. Kept to the end,
 * as OpenSSL keeps its own. */
static EVP_MD *sm3_md;
static pthread_once_t sm3_once = PTHREAD_ONCE_INIT;
/* One digest context kept per thread between hashes (freed with the
 * thread), so most hashes make none. */
static pthread_key_t spare_key;

static void free_spare(void *p) { EVP_MD_CTX_free(p); }

static void fetch(void)
{
	sm3_md = EVP_MD_fetch(NULL, "SM3", NULL);
	if (pthread_key_create(&spare_key, free_spare)) {
		EVP_MD_free(sm3_md);
		sm3_md = NULL;
	}
}

static EVP_MD_CTX *take_md(void)
{
	EVP_MD_CTX *md = pthread_getspecific(spare_key);
	if (md)
		pthread_setspecific(spare_key, NULL);
	else
		md = EVP_MD_CTX_new();
	if (md && EVP_DigestInit_ex2(md, sm3_md, NULL) != 1) {
		EVP_MD_CTX_free(md);
		md = NULL;
	}
	return md;
}

static void give_md(EVP_MD_CTX *md)
{
	if (pthread_getspecific(spare_key) || pthread_setspecific(spare_key, md))
		EVP_MD_CTX_free(md);
}

sm3_ctx *sm3_begin(void)
{
	pthread_once(&sm3_once, fetch);
	if (!sm3_md)
		return NULL;
	sm3_ctx *c = malloc(sizeof *c);
	if (c) {
		c->md = NULL;
		c->failed = 0;
		c->n = 0;
	}
	return c;
}

void sm3_add(sm3_ctx *c, const void *p, size_t n)
{
	if (!c || !n || c->failed)
		return;
	if (c->n + n <= sizeof c->buf) {
		memcpy(c->buf + c->n, p, n);
		c->n += n;
		return;
	}
	if (!c->md && !(c->md = take_md())) {
		c->failed = 1;
		return;
	}
	EVP_DigestUpdate(c->md, c->buf, c->n);
	c->n = 0;
	EVP_DigestUpdate(c->md, p, n);
}

void sm3_field(sm3_ctx *c, const char *s)
{
	/* "<length>:" or "-0:" for none, written by hand: snprintf here was a
	 * tenth of verify. */
	char len[24], *p = len + sizeof len;
	size_t n = s ? strlen(s) : 0, k = n;
	*--p = ':';
	do
		*--p = (char)('0' + k % 10);
	while (k /= 10);
	if (!s)
		*--p = '-';
	sm3_add(c, p, (size_t)(len + sizeof len - p));
	sm3_add(c, s, n);
}

void sm3_end(sm3_ctx *c, char hex[SM3_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	hex[0] = '\0';
	if (!c)
		return;
	EVP_MD_CTX *md = c->md ? c->md : c->failed ? NULL : take_md();
	if (md && (!c->n || EVP_DigestUpdate(md, c->buf, c->n) == 1) && EVP_DigestFinal_ex(md, d, &n) == 1 && n >= 32) {
		for (unsigned i = 0; i < 32; i++) {
			hex[2 * i] = digits[d[i] >> 4];
			hex[2 * i + 1] = digits[d[i] & 15];
		}
		hex[64] = '\0';
	}
	if (md)
		give_md(md);
	free(c);
}
