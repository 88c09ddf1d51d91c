/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* json.h - reading JSON into a small tree that remembers where each value
 * stands in the text (line and column), so a template's mistake can be
 * named at its place. Hand-written because none of Debian's C JSON
 * libraries (jansson, json-c, cJSON) keeps positions past a syntax error.
 * Writing JSON is buf_json_str() in buf.h. */
#ifndef YUNSHEN_JSON_H
#define YUNSHEN_JSON_H

#include "buf.h"
#include "err.h"

enum json_type { J_NULL, J_TRUE, J_FALSE, J_INT, J_REAL, J_TEXT, J_ARRAY, J_OBJECT };

typedef struct json {
	enum json_type type;
	char *key;            /* member name inside an object, else NULL */
	char *text;           /* TEXT: the unescaped string; numbers: as written */
	long long i;          /* INT (and REAL truncated) */
	double r;             /* REAL and INT */
	struct json **kids;   /* ARRAY elements / OBJECT members, in order */
	int n;
	int line, col;        /* 1-based; a member: where its key starts */
} json;

/* Parses text (RFC 8259, UTF-8). A malformed or truncated document fails
 * with a Chinese message naming the line and column ("第 3 行第 14 列"). */
json *json_parse(const char *text, ys_err *err);
void json_free(json *j);
/* A top-level array's values one at a time, the text pulled from src as it
 * is needed, so a file of any size is read in the memory of one value:
 * take() gets each (index from 0; freed after it returns) and stops the
 * reading by returning non-zero (-1 with err said). A document that is no
 * array is parsed whole and given once, with index -1. Messages name the
 * line and column in the whole text, as json_parse's do. */
typedef int (*json_take)(const json *v, int index, void *ctx, ys_err *err);
int json_each(ys_pull pull, void *src, json_take take, void *ctx, ys_err *err);

/* Object member by name, or NULL (also when j is not an object). */
const json *json_get(const json *j, const char *key);
/* Convenience readers with defaults for absent or mistyped members. */
const char *json_str(const json *j, const char *key, const char *dflt);
long long json_int(const json *j, const char *key, long long dflt);
int json_bool(const json *j, const char *key, int dflt);
/* Chinese name of a type, for messages ("字符串", "整数" …). */
const char *json_type_name(enum json_type t);

#endif
