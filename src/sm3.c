/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* sm3.c - SM3 through EVP_MD_fetch(NULL, "SM3", NULL). */
#include "config.h"
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sm3.h"

struct sm3_ctx {
	EVP_MD_CTX *md;
};

/* Fetched once per process: a fetch looks the name up in the providers
 * under a lock, which cost more than hashing an event (verify hashes two
 * per event). Kept to the end, as OpenSSL keeps its own. */
static EVP_MD *sm3_md;
static pthread_once_t sm3_once = PTHREAD_ONCE_INIT;

static void fetch(void)
{
	sm3_md = EVP_MD_fetch(NULL, "SM3", NULL);
}

sm3_ctx *sm3_begin(void)
{
	pthread_once(&sm3_once, fetch);
	if (!sm3_md)
		return NULL;
	sm3_ctx *c = malloc(sizeof *c);
	if (c) {
		c->md = EVP_MD_CTX_new();
		if (!c->md || EVP_DigestInit_ex(c->md, sm3_md, NULL) != 1) {
			EVP_MD_CTX_free(c->md);
			free(c);
			c = NULL;
		}
	}
	return c;
}

void sm3_add(sm3_ctx *c, const void *p, size_t n)
{
	if (c && n)
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
	if (EVP_DigestFinal_ex(c->md, d, &n) == 1 && n >= 32) {
		for (unsigned i = 0; i < 32; i++) {
			hex[2 * i] = digits[d[i] >> 4];
			hex[2 * i + 1] = digits[d[i] & 15];
		}
		hex[64] = '\0';
	}
	EVP_MD_CTX_free(c->md);
	free(c);
}
