/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* text_file.c - a text file read as UTF-8 a piece at a time (text.h), for
 * imports of any size: the whole file is never held. The encoding is
 * decided before the first piece, by the same rules as text_to_utf8. */
#include "config.h"
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

#define CHUNK 65536

struct text_file {
	FILE *fp;
	iconv_t cd;             /* from GB18030 or CP936; (iconv_t)-1 for UTF-8 */
	char in[CHUNK];
	size_t have, at;        /* bytes in `in`, and how many of them are used */
	size_t base;            /* the file offset of in[0] */
	int eof;
	size_t start;           /* where the text starts: past a BOM */
	int undecodable;        /* a conversion failed, at the file offset bad */
	size_t bad;
};

/* Moves what is unread to the front and reads more; -1 on a read error. */
static int fill(text_file *t, ys_err *err)
{
	memmove(t->in, t->in + t->at, t->have - t->at);
	t->base += t->at;
	t->have -= t->at;
	t->at = 0;
	if (t->eof)
		return 0;
	size_t k = fread(t->in + t->have, 1, sizeof t->in - t->have, t->fp);
	t->have += k;
	if (k == 0) {
		if (ferror(t->fp))
			return err_set(err, "读取文件出错");
		t->eof = 1;
	}
	return 0;
}

static int rewind_to(text_file *t, size_t off, ys_err *err)
{
	if (fseek(t->fp, (long)off, SEEK_SET))
		return err_set(err, "读取文件出错");
	clearerr(t->fp);
	t->have = t->at = 0;
	t->base = off;
	t->eof = 0;
	return 0;
}

/* The first pass: UTF-16, NUL anywhere, a BOM's UTF-8. *utf8_bad is where
 * the UTF-8 stops being valid ((size_t)-1 if never); *skip the BOM's 3. */
static enum text_fail sniff(text_file *t, size_t *utf8_bad, size_t *skip, size_t *at, ys_err *err)
{
	int bom = -1;
	*utf8_bad = (size_t)-1;
	*skip = 0;
	for (;;) {
		if (fill(t, err))
			return TF_NONE;
		size_t n = t->have;
		if (bom < 0 && (n >= 3 || t->eof)) {
			const unsigned char *p = (const unsigned char *)t->in;
			if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
				return TF_UTF16;
			bom = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
			*skip = bom ? 3 : 0;
			t->at = *skip;
		}
		if (!n)
			break;
		const char *nul = memchr(t->in, '\0', n);
		if (nul) {
			*at = t->base + (size_t)(nul - t->in);
			return TF_NUL;
		}
		if (bom < 0)
			continue;   /* fewer than 3 bytes yet: read more first */
		if (*utf8_bad == (size_t)-1) {
			size_t v = t->at + text_utf8_bad(t->in + t->at, n - t->at);
			/* A character cut by the chunk's end is judged with the next. */
			if (v < n && !t->eof && n - v < 4) {
				t->at = v;
				continue;
			}
			if (v < n)
				*utf8_bad = t->base + v;
			if (v < n && bom) {
				*at = *utf8_bad;
				return TF_BOM;
			}
		}
		t->at = n;
		if (t->eof)
			break;
	}
	return TF_NONE;
}

static long read_gb(text_file *t, char *dst, size_t cap, ys_err *err);

/* Reads the file through as GB with the codec `name`; 0 if it all decodes,
 * else -1 with t->bad at the byte that did not. */
static int gb_all(text_file *t, const char *name, ys_err *err)
{
	t->cd = iconv_open("UTF-8", name);
	if (t->cd == (iconv_t)-1)
		return err_set(err, "不支持从 %s 到 UTF-8 的编码转换", name);
	char out[CHUNK];
	long k;
	while ((k = read_gb(t, out, sizeof out, err)) > 0)
		;
	if (k == 0 && !rewind_to(t, 0, err)) {
		iconv(t->cd, NULL, NULL, NULL, NULL);   /* back to the initial state */
		return 0;
	}
	iconv_close(t->cd);
	t->cd = (iconv_t)-1;
	return -1;
}

text_file *text_file_open(const char *path, ys_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return err_set(err, "无法打开文件 %s", path), NULL;
	text_file *t = xcalloc(1, sizeof *t);
	t->fp = fp;
	t->cd = (iconv_t)-1;
	ys_err e = { "" };
	size_t utf8_bad, skip, at = 0;
	enum text_fail why = sniff(t, &utf8_bad, &skip, &at, &e);
	if (why != TF_NONE || e.msg[0]) {
		if (why != TF_NONE)
			text_fail_say(why, at, &e);
		goto fail;
	}
	if (utf8_bad == (size_t)-1) {
		t->start = skip;
		if (rewind_to(t, skip, &e))
			goto fail;
		return t;
	}
	/* Not UTF-8: GB18030 (a superset of GBK), else CP936 for the bytes
	 * GB18030 lacks (0x80, the euro sign); the message names the byte
	 * furthest in that none of the three reads. */
	size_t furthest = utf8_bad;
	static const char *const gb[] = { "GB18030", "CP936" };
	for (size_t i = 0; i < sizeof gb / sizeof *gb; i++) {
		if (rewind_to(t, 0, &e))
			goto fail;
		t->undecodable = 0;
		if (!gb_all(t, gb[i], &e))
			return t;
		if (e.msg[0])
			goto fail;
		if (t->undecodable && t->bad > furthest)
			furthest = t->bad;
	}
	text_fail_say(TF_NEITHER, furthest, &e);
fail:
	if (err)
		*err = e;
	text_file_close(t);
	return NULL;
}

static long read_utf8(text_file *t, char *dst, size_t cap, ys_err *err)
{
	for (;;) {
		size_t left = t->have - t->at;
		if (!t->eof && left < 8) {
			if (fill(t, err))
				return -1;
			continue;
		}
		size_t n = left < cap ? left : cap;
		if (n == left && !t->eof)
			n--;   /* one byte kept, to see where the next character starts */
		while (n > 0 && n < left && ((unsigned char)t->in[t->at + n] & 0xC0) == 0x80)
			n--;
		memcpy(dst, t->in + t->at, n);
		t->at += n;
		return (long)n;
	}
}

static long read_gb(text_file *t, char *dst, size_t cap, ys_err *err)
{
	char *op = dst;
	size_t oleft = cap;
	for (;;) {
		char *ip = t->in + t->at;
		size_t ileft = t->have - t->at;
		size_t r = iconv(t->cd, &ip, &ileft, &op, &oleft);
		int why = r == (size_t)-1 ? errno : 0;
		t->at = (size_t)(ip - t->in);
		if (op > dst && (why == 0 || why == E2BIG || why == EINVAL))
			return (long)(op - dst);   /* what is decoded so far */
		if (why == EILSEQ || (why == EINVAL && t->eof)) {
			t->undecodable = 1;
			t->bad = t->base + t->at;
			return -1;
		}
		if (why == E2BIG)
			return err_set(err, "编码转换出错"), -1;
		if (t->eof && t->at == t->have)
			return 0;
		if (fill(t, err))
			return -1;
	}
}

long text_file_read(void *tf, char *dst, size_t cap, ys_err *err)
{
	text_file *t = tf;
	if (t->cd == (iconv_t)-1)
		return read_utf8(t, dst, cap, err);
	long k = read_gb(t, dst, cap, err);
	if (k < 0 && t->undecodable)
		text_fail_say(TF_NEITHER, t->bad, err);
	return k;
}

int text_file_rewind(text_file *t, ys_err *err)
{
	if (t->cd != (iconv_t)-1)
		iconv(t->cd, NULL, NULL, NULL, NULL);
	return rewind_to(t, t->start, err);
}

void text_file_close(text_file *t)
{
	if (!t)
		return;
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	fclose(t->fp);
	free(t);
}
