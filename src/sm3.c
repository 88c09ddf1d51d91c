/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* sm3.c - SM3 through EVP_MD_fetch(NULL, "SM3", NULL). */
#include "config.h"
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sm3.h"

struct sm3_ctx {
	EVP_MD_CTX *md;
};

/* Fetched per context (OpenSSL caches the lookup); the context keeps its
 * own reference, so nothing outlives the last hash. */
sm3_ctx *sm3_begin(void)
{
	EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
	if (!md)
		return NULL;
	sm3_ctx *c = malloc(sizeof *c);
	if (c) {
		c->md = EVP_MD_CTX_new();
		if (!c->md || EVP_DigestInit_ex(c->md, md, NULL) != 1) {
			EVP_MD_CTX_free(c->md);
			free(c);
			c = NULL;
		}
	}
	EVP_MD_free(md);
	return c;
}

void sm3_add(sm3_ctx *c, const void *p, size_t n)
{
	if (c && n)
		EVP_DigestUpdate(c->md, p, n);
}

void sm3_field(sm3_ctx *c, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;
	int k = snprintf(len, sizeof len, "%s%zu:", s ? "" : "-", n);
	sm3_add(c, len, (size_t)k);
	sm3_add(c, s, n);
}

void sm3_end(sm3_ctx *c, char hex[SM3_HEX])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	hex[0] = '\0';
	if (!c)
		return;
	if (EVP_DigestFinal_ex(c->md, d, &n) == 1)
		for (unsigned i = 0; i < n && i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
	EVP_MD_CTX_free(c->md);
	free(c);
}
