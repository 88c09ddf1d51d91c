/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "csv.h"
#include "text.h"

/* A row being built. */
struct row {
	char **cells;
	int n, cap;
};

static void row_push(struct row *r, char *cell)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->cells = xrealloc(r->cells, (size_t)r->cap * sizeof *r->cells);
	}
	r->cells[r->n++] = cell;
}

static void row_free(struct row *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	r->cells = NULL;
	r->n = r->cap = 0;
}

/* Skips one line ending (LF, CRLF, or a lone CR as old Mac Excel wrote)
 * at text[*i]; returns 0 if there is none. */
static int eol(const char *text, size_t n, size_t *i)
{
	if (*i >= n)
		return 0;
	if (text[*i] == '\n') {
		(*i)++;
		return 1;
	}
	if (text[*i] == '\r') {
		(*i)++;
		if (*i < n && text[*i] == '\n')
			(*i)++;
		return 1;
	}
	return 0;
}

/* One row from text[*i] (a blank line skipped first, *line counted on),
 * into r. text holds at least the whole row and its line ending, or the
 * rest of the file. 1 when a row was read, 0 at the end, -1 on an error. */
static int parse_row(const char *text, size_t n, size_t *ip, int *lp, struct row *r, buf *field,
		     int *start, ys_err *err)
{
	size_t i = *ip;
	int line = *lp;
	while (eol(text, n, &i))
		line++;         /* blank lines */
	*start = line;
	if (i >= n) {
		*ip = i, *lp = line;
		return 0;
	}
	for (;;) {
		int col = r->n + 1;

		if (i < n && text[i] == '"') {
			int qline = line;

			i++;
			for (;;) {
				if (i >= n)
					return err_set(err, "第 %d 行：引号没有闭合", qline);
				if (text[i] == '"') {
					if (i + 1 < n && text[i + 1] == '"') {
						buf_add(field, "\"", 1);
						i += 2;
						continue;
					}
					i++;
					break;
				}
				/* Newlines inside a cell become LF, so that no CR
				 * reaches the database or the screen. */
				if (eol(text, n, &i)) {
					buf_add(field, "\n", 1);
					line++;
					continue;
				}
				size_t j = i;
				while (j < n && text[j] != '"' && text[j] != '\r' && text[j] != '\n')
					j++;
				buf_add(field, text + i, j - i);
				i = j;
			}
			if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
				return err_set(err, "第 %d 行第 %d 列：引号位置不对", line, col);
		} else {
			size_t j = i;
			while (j < n && text[j] != ',' && text[j] != '\r' && text[j] != '\n') {
				if (text[j] == '"')
					return err_set(err, "第 %d 行第 %d 列：引号位置不对", line, col);
				j++;
			}
			buf_add(field, text + i, j - i);
			i = j;
		}
		row_push(r, buf_take(field));
		if (i < n && text[i] == ',') {
			i++;
			continue;       /* "a," at the very end ends with "" */
		}
		if (eol(text, n, &i))
			line++;
		break;
	}
	*ip = i, *lp = line;
	return 1;
}

/* A row longer than this is no form: it is parsed as far as it goes, and
 * the quote that ran it on is named. */
#define ROW_MAX (16u << 20)

/* Whether win from *scan on holds the end of a row that is not blank (a
 * line ending outside quotes after something, and the byte after a CR);
 * *scan, *inq and *seen carry the search on when more text comes. */
static int row_ends(const buf *win, size_t *scan, int *inq, int *seen, int eof)
{
	for (size_t j = *scan; j < win->len; j++) {
		char c = win->s[j];
		if (c == '"') {
			*inq = !*inq;
		} else if (!*inq && (c == '\n' || c == '\r')) {
			if (!*seen)
				continue;       /* a blank line before the row */
			if (c == '\r' && j + 1 == win->len && !eof) {
				*scan = j;
				return 0;
			}
			*scan = j;
			return 1;
		}
		*seen = 1;
	}
	*scan = win->len;
	return eof;
}

int csv_each(ys_pull pull, void *src, csv_take take, void *ctx, ys_err *err)
{
	ys_window w = { .pull = pull, .src = src };
	buf field = { 0 };
	struct row r = { NULL, 0, 0 };
	size_t scan = 0;
	int line = 1, inq = 0, seen = 0, first = 1, rc = 0;
	if (window_need(&w, 0, err))
		return -1;
	for (;;) {
		int ended;
		while (!(ended = row_ends(&w.b, &scan, &inq, &seen, w.eof)) && w.b.len - w.i < ROW_MAX) {
			if (window_need(&w, w.b.len - w.i + 1, err)) {
				rc = -1;
				goto out;
			}
			/* text_to_utf8 strips the BOM already; be safe if a source did not. */
			if (first && (w.b.len >= 3 || w.eof)) {
				if (w.b.len >= 3 && !memcmp(w.b.s, "\xEF\xBB\xBF", 3))
					w.i = scan = 3;
				first = 0;
			}
		}
		int start, got = parse_row(w.b.s, w.b.len, &w.i, &line, &r, &field, &start, err);
		if (got > 0 && !ended)
			got = err_set(err, "第 %d 行太长（超过 %u MB），不像是申请表", start, ROW_MAX >> 20);
		if (got <= 0) {
			rc = got;
			break;
		}
		csv_row row = { r.cells, r.n, start };
		rc = take(&row, ctx, err);
		row_free(&r);
		if (rc)
			break;
		window_drop(&w);
		scan = w.i;
		inq = seen = 0;
	}
out:
	buf_free(&field);
	row_free(&r);
	buf_free(&w.b);
	return rc ? -1 : 0;
}

int csv_keep(const csv_row *row, void *file, ys_err *err)
{
	(void)err;
	csv_file *f = file;
	csv_row *k = XPUSH(f->rows, f->nrows);
	k->n = row->n;
	k->line = row->line;
	k->cells = xmalloc(sizeof *k->cells * (size_t)(row->n ? row->n : 1));
	for (int c = 0; c < row->n; c++)
		k->cells[c] = xstrdup(row->cells[c]);
	return 0;
}

int csv_parse(const char *text, size_t n, csv_file *out, ys_err *err)
{
	out->rows = NULL;
	out->nrows = 0;
	mem_src m = { text, n, 0 };
	if (csv_each(mem_pull, &m, csv_keep, out, err)) {
		csv_free(out);
		return -1;
	}
	return 0;
}

void csv_free(csv_file *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nrows; i++) {
		for (int j = 0; j < f->rows[i].n; j++)
			free(f->rows[i].cells[j]);
		free(f->rows[i].cells);
	}
	free(f->rows);
	f->rows = NULL;
	f->nrows = 0;
}

static void put1(buf *b, char ch)
{
	buf_add(b, &ch, 1);
}

void csv_put(buf *b, const char *cell)
{
	if (b->len && b->s[b->len - 1] != '\n')
		put1(b, ',');
	size_t n;
	char *s = text_for_terminal(cell ? cell : "", strlen(cell ? cell : ""), &n);
	int formula = (s[0] && strchr("=+@", s[0])) || (s[0] == '-' && !(s[1] >= '0' && s[1] <= '9'));
	int quote = formula || strpbrk(s, ",\"\n\r") != NULL;
	if (quote)
		put1(b, '"');
	if (formula)
		put1(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put1(b, '"');
		put1(b, *p);
	}
	if (quote)
		put1(b, '"');
	free(s);
}

void csv_put_ll(buf *b, long long v)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", v);
	csv_put(b, num);
}

void csv_end_row(buf *b)
{
	put1(b, '\n');
}

void csv_header(buf *b, const char *const *names)
{
	for (; *names; names++)
		csv_put(b, *names);
	csv_end_row(b);
}

int csv_write(FILE *fp, const buf *b, int gbk, int first, ys_err *err)
{
	const char *s = b->s ? b->s : "";
	if (!gbk) {
		if (first)
			fwrite("\xEF\xBB\xBF", 1, 3, fp);
		fwrite(s, 1, b->len, fp);
		return 0;
	}
	size_t n;
	char *g = text_iconv("UTF-8", "GB18030", s, b->len, 0, &n, err);
	if (!g)
		return -1;
	fwrite(g, 1, n, fp);
	free(g);
	return 0;
}
