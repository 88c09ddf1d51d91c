/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* sm3.h - SM3 (GB/T 32905), the national standard hash, through OpenSSL 3's
 * EVP interface: the history's chain and the printed 校验码 use it. */
#ifndef YUNSHEN_SM3_H
#define YUNSHEN_SM3_H

#include <stddef.h>

#define SM3_HEX 65          /* 64 hex digits and NUL */

typedef struct sm3_ctx sm3_ctx;

/* NULL when the library has no SM3 (the program then refuses to start). */
sm3_ctx *sm3_begin(void);
void sm3_add(sm3_ctx *c, const void *p, size_t n);
/* Adds a length-prefixed piece, so that ("ab","c") and ("a","bc") differ. */
void sm3_field(sm3_ctx *c, const char *s);
/* Finishes into hex (lower case) and frees the context. */
void sm3_end(sm3_ctx *c, char hex[SM3_HEX]);

#endif
