/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* test_sm3.c - the hash behind the chain and every printed 校验码: the
 * standard's own examples (GB/T 32905-2016, appendix A), input of any
 * length fed in pieces of any size against OpenSSL's one-shot digest,
 * two hashes open at once, and the fields' framing. */
#include "config.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include "sm3.h"
#include "t.h"

static void hex_of(const unsigned char *d, char out[SM3_HEX])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* OpenSSL's own one-shot digest: the reference the pieces must match. */
static void reference(const unsigned char *p, size_t n, char out[SM3_HEX])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
	out[0] = '\0';
	if (md && EVP_Digest(p, n, d, &len, md, NULL) == 1 && len == 32)
		hex_of(d, out);
	EVP_MD_free(md);
}

static void hash_in_pieces(const unsigned char *p, size_t n, size_t piece, char out[SM3_HEX])
{
	sm3_ctx *c = sm3_begin();
	for (size_t at = 0; at < n; at += piece)
		sm3_add(c, p + at, n - at < piece ? n - at : piece);
	sm3_end(c, out);
}

static void test_standard(void)
{
	char h[SM3_HEX];
	hash_in_pieces((const unsigned char *)"abc", 3, 3, h);
	CHECK_STR(h, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
	const char *abcd = "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd";
	hash_in_pieces((const unsigned char *)abcd, 64, 7, h);
	CHECK_STR(h, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
	sm3_ctx *c = sm3_begin();
	sm3_end(c, h);
	CHECK_STR(h, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");   /* nothing */
}

/* Lengths around the context's gathering buffer and far beyond it (an
 * imported file), in pieces of 1 byte up to all at once. */
static void test_lengths(void)
{
	size_t big = 3 * 1000 * 1000;
	unsigned char *p = malloc(big);
	for (size_t i = 0; i < big; i++)
		p[i] = (unsigned char)(i * 131 + (i >> 9));
	const size_t lens[] = { 0, 1, 999, 1000, 1001, 1999, 2000, 2001, 65537, big };
	const size_t pieces[] = { 1, 3, 999, 1000, 1001, 4096, big };
	for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
		char want[SM3_HEX], got[SM3_HEX];
		reference(p, lens[i], want);
		for (size_t k = 0; k < sizeof pieces / sizeof *pieces; k++) {
			if (pieces[k] == 1 && lens[i] > 70000)
				continue;
			hash_in_pieces(p, lens[i], pieces[k], got);
			if (strcmp(got, want))
				fprintf(stderr, "length %zu in pieces of %zu\n", lens[i], pieces[k]);
			CHECK_STR(got, want);
		}
	}
	/* Two open at once, one past its buffer: neither disturbs the other. */
	char a[SM3_HEX], b[SM3_HEX], wa[SM3_HEX], wb[SM3_HEX];
	sm3_ctx *x = sm3_begin(), *y = sm3_begin();
	sm3_add(x, p, 5000);
	sm3_add(y, p + 7, 10);
	sm3_add(x, p + 5000, 5000);
	sm3_end(y, b);
	sm3_end(x, a);
	reference(p, 10000, wa);
	reference(p + 7, 10, wb);
	CHECK_STR(a, wa);
	CHECK_STR(b, wb);
	free(p);
}

/* A field is its length, a colon and its bytes; none is "-0:". */
static void test_fields(void)
{
	char h[SM3_HEX], w[SM3_HEX];
	sm3_ctx *c = sm3_begin();
	sm3_field(c, "ab");
	sm3_field(c, "c");
	sm3_field(c, NULL);
	sm3_field(c, "");
	sm3_end(c, h);
	reference((const unsigned char *)"2:ab1:c-0:0:", 12, w);
	CHECK_STR(h, w);
	c = sm3_begin();
	sm3_field(c, "a");
	sm3_field(c, "bc");
	sm3_end(c, w);
	CHECK(strcmp(h, w) != 0);
}

int main(void)
{
	test_standard();
	test_lengths();
	test_fields();
	return T_DONE();
}
