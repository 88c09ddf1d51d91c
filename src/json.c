/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "json.h"

/* Nesting deeper than this is refused rather than recursed into. */
#define MAX_DEPTH 256

typedef struct pstate {
	const char *p;
	const char *line_start;
	int line;
	const char *col_at;             /* the last column counted, to count on from it: */
	int col;                        /* text stored on one long line stays linear */
	const char *first;              /* where the text starts, at column first_col */
	int first_col;                  /* of its line (a piece of a longer text) */
	ys_err *err;
	int failed;
} pstate;

static int column(pstate *ps, const char *at)
{
	const char *q = ps->line_start;
	int c = ps->line_start == ps->first ? ps->first_col : 1;
	if (ps->col_at && ps->col_at >= ps->line_start && ps->col_at <= at) {
		q = ps->col_at;
		c = ps->col;
	}
	for (; q < at; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;   /* count characters, not bytes */
	ps->col_at = at;
	ps->col = c;
	return c;
}

/* What stands at p, for a message: a full-width quote or comma typed by a
 * Chinese input method is named as such. */
static const char *what_is(const char *p)
{
	static const struct { const char *u8, *say; } fw[] = {
		{ "\xe2\x80\x9c", "全角引号“（JSON 要用半角引号 \"）" },
		{ "\xe2\x80\x9d", "全角引号”（JSON 要用半角引号 \"）" },
		{ "\xef\xbc\x82", "全角引号＂（JSON 要用半角引号 \"）" },
		{ "\xef\xbc\x8c", "全角逗号，（JSON 要用半角逗号 ,）" },
		{ "\xef\xbc\x9a", "全角冒号：（JSON 要用半角冒号 :）" },
		{ "\xe3\x80\x81", "顿号、（JSON 要用半角逗号 ,）" },
	};
	if (!*p)
		return "文件结束（内容不完整）";
	for (size_t i = 0; i < sizeof fw / sizeof *fw; i++)
		if (!strncmp(p, fw[i].u8, strlen(fw[i].u8)))
			return fw[i].say;
	return NULL;
}

/* The one message for a syntax error, at line and col (at: the text
 * there, to say what stands in the way). */
static void say_at(ys_err *err, int line, int col, const char *at, const char *expect)
{
	const char *w = what_is(at);
	char got[64];
	if (!w) {
		size_t n = 1;
		while (n < 4 && ((unsigned char)at[n] & 0xC0) == 0x80)
			n++;
		snprintf(got, sizeof got, "“%.*s”", (int)n, at);
		w = got;
	}
	err_set(err, "JSON 第 %d 行第 %d 列：%s，这里是%s", line, col, expect, w);
}

static json *fail(pstate *ps, const char *at, const char *expect)
{
	if (!ps->failed) {
		say_at(ps->err, ps->line, column(ps, at), at, expect);
		ps->failed = 1;
	}
	return NULL;
}

static void skip_ws(pstate *ps)
{
	for (;;) {
		char c = *ps->p;
		if (c == '\n') {
			ps->line++;
			ps->line_start = ++ps->p;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			ps->p++;
		} else {
			return;
		}
	}
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
		else return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) { u[0] = (char)cp; n = 1; }
	else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
	else if (cp < 0x10000) { u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
				 u[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
	else { u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	       u[2] = (char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
	buf_add(b, u, n);
}

/* A string at ps->p (on its opening quote); returns its unescaped text. */
static char *parse_string(pstate *ps)
{
	buf b = { 0 };
	const char *p = ps->p + 1;
	for (;;) {
		const char *run = p;
		while (*p && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		buf_add(&b, run, (size_t)(p - run));
		if (*p == '"')
			break;
		if (!*p || *p == '\n') {
			fail(ps, p, "字符串没有结束的引号");
			goto bad;
		}
		if ((unsigned char)*p < 0x20) {
			fail(ps, p, "字符串中不能有控制字符（换行请写 \\n）");
			goto bad;
		}
		/* a backslash */
		char e = p[1];
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e && simple) {
			static const char out[] = "\"\\/\b\f\n\r\t";
			buf_add(&b, &out[simple - "\"\\/bfnrt"], 1);
			p += 2;
			continue;
		}
		unsigned cp, lo;
		if (e != 'u' || hex4(p + 2, &cp)) {
			fail(ps, p, "转义应为 \\\" \\\\ \\/ \\b \\f \\n \\r \\t 或 \\uXXXX");
			goto bad;
		}
		p += 6;
		if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' && !hex4(p + 2, &lo)
		    && lo >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			p += 6;
		} else if (cp >= 0xD800 && cp < 0xE000) {
			cp = 0xFFFD;   /* a lone surrogate: the replacement character */
		}
		put_utf8(&b, cp);
	}
	ps->p = p + 1;
	if (!b.s)
		return xstrdup("");
	return buf_take(&b);
bad:
	buf_free(&b);
	return NULL;
}

static json *parse_number(pstate *ps, json *j)
{
	const char *p = ps->p, *start = p;
	int real = 0;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return fail(ps, p, "应为数字");
	if (*p == '.') {
		real = 1;
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return fail(ps, p, "小数点后应有数字");
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		real = 1;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return fail(ps, p, "指数应有数字");
		while (*p >= '0' && *p <= '9')
			p++;
	}
	j->text = xcalloc(1, (size_t)(p - start) + 1);
	memcpy(j->text, start, (size_t)(p - start));
	if (!real) {
		errno = 0;
		j->i = strtoll(j->text, NULL, 10);
		real = errno == ERANGE;   /* too big for an integer: a real, as SQLite reads it */
	}
	if (real) {
		j->type = J_REAL;
		j->r = strtod(j->text, NULL);
		j->i = isfinite(j->r) && fabs(j->r) < 9.2e18 ? (long long)j->r : 0;
	} else {
		j->type = J_INT;
		j->r = (double)j->i;
	}
	ps->p = p;
	return j;
}

static json *parse_value(pstate *ps, int depth);

static void add_kid(json *p, json *k)
{
	/* Grow by powers of two: n is a power of two exactly when full. */
	if ((p->n & (p->n - 1)) == 0)
		p->kids = xrealloc(p->kids, sizeof *p->kids * (size_t)(p->n ? p->n * 2 : 1));
	p->kids[p->n++] = k;
}

static json *parse_container(pstate *ps, json *j, int depth)
{
	int obj = *ps->p == '{';
	char close = obj ? '}' : ']';
	j->type = obj ? J_OBJECT : J_ARRAY;
	ps->p++;
	skip_ws(ps);
	if (*ps->p == close) {
		ps->p++;
		return j;
	}
	for (;;) {
		int line = ps->line, col = 0;
		char *key = NULL;
		if (obj) {
			if (*ps->p != '"')
				return fail(ps, ps->p, "应为用双引号括起的键名");
			col = column(ps, ps->p);
			if (!(key = parse_string(ps)))
				return NULL;
			skip_ws(ps);
			if (*ps->p != ':') {
				free(key);
				return fail(ps, ps->p, "键名后应为冒号 :");
			}
			ps->p++;
			skip_ws(ps);
		}
		json *k = parse_value(ps, depth + 1);
		if (!k) {
			free(key);
			return NULL;
		}
		if (obj) {
			k->key = key;
			k->line = line;
			k->col = col;
		}
		add_kid(j, k);
		skip_ws(ps);
		if (*ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			if (*ps->p == close)
				return fail(ps, ps->p, obj ? "最后一项后不能有逗号，应为下一个键名"
							   : "最后一项后不能有逗号，应为下一个值");
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return j;
		}
		return fail(ps, ps->p, obj ? "应为逗号 , 或 }" : "应为逗号 , 或 ]");
	}
}

static json *parse_value(pstate *ps, int depth)
{
	if (depth > MAX_DEPTH)
		return fail(ps, ps->p, "嵌套太深");
	json *j = xcalloc(1, sizeof *j);
	j->line = ps->line;
	j->col = column(ps, ps->p);
	json *r;
	char c = *ps->p;
	if (c == '{' || c == '[') {
		r = parse_container(ps, j, depth);
	} else if (c == '"') {
		j->type = J_TEXT;
		r = (j->text = parse_string(ps)) ? j : NULL;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		r = parse_number(ps, j);
	} else if (!strncmp(ps->p, "true", 4) || !strncmp(ps->p, "false", 5) || !strncmp(ps->p, "null", 4)) {
		j->type = c == 't' ? J_TRUE : c == 'f' ? J_FALSE : J_NULL;
		j->text = c == 'n' ? NULL : xstrdup(c == 't' ? "1" : "0");
		j->i = j->r = c == 't';
		ps->p += c == 'f' ? 5 : 4;
		r = j;
	} else {
		r = fail(ps, ps->p, "应为值（字符串、数字、对象、数组、true、false 或 null）");
	}
	if (!r)
		json_free(j);
	return r;
}

json *json_parse(const char *text, ys_err *err)
{
	pstate ps = { .p = text ? text : "", .line = 1, .err = err, .first_col = 1 };
	ps.line_start = ps.first = ps.p;
	if (!strncmp(ps.p, "\xef\xbb\xbf", 3))   /* a byte-order mark some editors write */
		ps.p = ps.line_start += 3;
	skip_ws(&ps);
	json *root = parse_value(&ps, 0);
	if (!root)
		return NULL;
	skip_ws(&ps);
	if (*ps.p) {
		json_free(root);
		return fail(&ps, ps.p, "文档已结束，后面不应再有内容");
	}
	return root;
}

void json_free(json *j)
{
	if (!j)
		return;
	for (int i = 0; i < j->n; i++)
		json_free(j->kids[i]);
	free(j->kids);
	free(j->key);
	free(j->text);
	free(j);
}

const json *json_get(const json *j, const char *key)
{
	if (!j || j->type != J_OBJECT)
		return NULL;
	for (int i = 0; i < j->n; i++)
		if (!strcmp(j->kids[i]->key, key))
			return j->kids[i];
	return NULL;
}

const char *json_str(const json *j, const char *key, const char *dflt)
{
	const json *v = json_get(j, key);
	return v && v->type == J_TEXT ? v->text : dflt;
}

long long json_int(const json *j, const char *key, long long dflt)
{
	const json *v = json_get(j, key);
	return v && v->type == J_INT ? v->i : dflt;
}

int json_bool(const json *j, const char *key, int dflt)
{
	const json *v = json_get(j, key);
	if (!v)
		return dflt;
	return v->type == J_TRUE ? 1 : v->type == J_FALSE ? 0 : dflt;
}

const char *json_type_name(enum json_type t)
{
	static const char *names[] = { "空值", "true", "false", "整数", "小数", "字符串", "数组", "对象" };
	return names[t];
}

/* ---- a top-level array a value at a time (json_each) ---- */

/* A value longer than this is no application: its quotes or brackets do
 * not pair, and it is refused rather than read to the end of the file. */
#define PIECE_MAX (64u << 20)

typedef struct jwin {
	ys_window w;            /* b.s[w.i] is where the reading stands */
	ys_err *err;
	int line, col;          /* of b.s[w.i], the column in characters */
} jwin;

/* At least k bytes past the reading unless the text ends first. */
static int need(jwin *j, size_t k)
{
	return window_need(&j->w, k, j->err);
}

static char at(const jwin *w)
{
	return w->w.i < w->w.b.len ? w->w.b.s[w->w.i] : '\0';
}

/* Moves past n bytes, counting lines and characters. */
static void step(jwin *w, size_t n)
{
	for (const char *p = w->w.b.s + w->w.i, *e = p + n; p < e; p++) {
		if (*p == '\n')
			w->line++, w->col = 1;
		else
			w->col += ((unsigned char)*p & 0xC0) != 0x80;
	}
	w->w.i += n;
}

static int ws(jwin *w)
{
	for (;;) {
		if (need(w, 1))
			return -1;
		char c = at(w);
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return 0;
		step(w, 1);
	}
}

static int wfail(jwin *w, const char *expect)
{
	if (need(w, 4))
		return -1;
	say_at(w->err, w->line, w->col, w->w.b.s + w->w.i, expect);
	return -1;
}

/* Where the value at i ends: a container at its closing bracket, a string
 * at its quote, a number or word at what follows it; the end of the text
 * if it ends first (the parser then says what is missing). */
static int value_end(jwin *w, size_t *end)
{
	size_t j = w->w.i;
	int depth = 0, instr = 0;
	for (;; j++) {
		if (j >= w->w.b.len) {
			if (j - w->w.i > PIECE_MAX)
				return wfail(w, "这一项超过 64 MB，引号或括号没有配对");
			if (need(w, j - w->w.i + 1))
				return -1;
			if (j >= w->w.b.len)
				break;
		}
		char c = w->w.b.s[j];
		if (instr) {
			if (c == '\\')
				j++;
			else if (c == '"')
				instr = 0;
			if (!instr && !depth) {
				j++;
				break;
			}
			continue;
		}
		if (c == '"')
			instr = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']') {
			if (depth && !--depth) {
				j++;
				break;
			}
			if (!depth && j == w->w.i) {
				j++;    /* a stray bracket: the parser names it */
				break;
			}
			if (!depth)
				break;
		} else if (!depth && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			break;
	}
	*end = j < w->w.b.len ? j : w->w.b.len;
	return 0;
}

/* The value from i to end, parsed as the parser parses an array's value,
 * in place: the text after it is there too (a few bytes of it, all the
 * parser looks at past a value's end to say what stands in its way). */
static json *piece(jwin *w, size_t end)
{
	if (need(w, end - w->w.i + 8))
		return NULL;
	const char *text = w->w.b.s + w->w.i;
	pstate ps = { .p = text, .line = w->line, .err = w->err, .first = text, .first_col = w->col };
	ps.line_start = text;
	return parse_value(&ps, 1);
}

int json_each(ys_pull pull, void *src, json_take take, void *ctx, ys_err *err)
{
	jwin w = { .w = { .pull = pull, .src = src }, .err = err, .line = 1, .col = 1 };
	int rc = -1, n = 0;
	if (need(&w, 3))
		goto out;
	if (!strncmp(w.w.b.s, "\xef\xbb\xbf", 3))
		w.w.i = 3;
	if (ws(&w))
		goto out;
	if (at(&w) != '[') {
		/* One value: read whole, as it is one application. */
		while (!w.w.eof)
			if (need(&w, w.w.b.len - w.w.i + 65536))
				goto out;
		json *v = json_parse(w.w.b.s, err);
		rc = v ? take(v, -1, ctx, err) : -1;
		json_free(v);
		goto out;
	}
	step(&w, 1);
	if (ws(&w))
		goto out;
	if (at(&w) == ']') {
		step(&w, 1);
	} else {
		for (;;) {
			size_t end;
			if (value_end(&w, &end))
				goto out;
			json *v = piece(&w, end);
			if (!v)
				goto out;
			int r = take(v, n++, ctx, err);
			json_free(v);
			if (r)
				goto out;
			step(&w, end - w.w.i);
			window_drop(&w.w);
			if (ws(&w))
				goto out;
			if (at(&w) == ']') {
				step(&w, 1);
				break;
			}
			if (at(&w) != ',') {
				wfail(&w, "应为逗号 , 或 ]");
				goto out;
			}
			step(&w, 1);
			if (ws(&w))
				goto out;
			if (at(&w) == ']') {
				wfail(&w, "最后一项后不能有逗号，应为下一个值");
				goto out;
			}
		}
	}
	if (ws(&w))
		goto out;
	if (at(&w)) {
		wfail(&w, "文档已结束，后面不应再有内容");
		goto out;
	}
	rc = 0;
out:
	buf_free(&w.w.b);
	return rc;
}
