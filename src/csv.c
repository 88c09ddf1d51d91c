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

static void file_push(csv_file *f, int *cap, struct row *r, int line)
{
	if (f->nrows == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		f->rows = xrealloc(f->rows, (size_t)*cap * sizeof *f->rows);
	}
	f->rows[f->nrows].cells = r->cells;
	f->rows[f->nrows].n = r->n;
	f->rows[f->nrows].line = line;
	f->nrows++;
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

int csv_parse(const char *text, size_t n, csv_file *out, ys_err *err)
{
	struct row r = { NULL, 0, 0 };
	buf field = { NULL, 0, 0 };
	size_t i = 0;
	int line = 1, cap = 0;

	out->rows = NULL;
	out->nrows = 0;
	/* text_to_utf8 strips the BOM already; be safe if a caller did not. */
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n) {
		int start = line;

		if (eol(text, n, &i)) {
			line++;         /* blank line */
			continue;
		}
		for (;;) {
			int col = r.n + 1;

			if (i < n && text[i] == '"') {
				int qline = line;

				i++;
				for (;;) {
					if (i >= n) {
						err_set(err, "第 %d 行：引号没有闭合", qline);
						goto fail;
					}
					if (text[i] == '"') {
						if (i + 1 < n && text[i + 1] == '"') {
							buf_add(&field, "\"", 1);
							i += 2;
							continue;
						}
						i++;
						break;
					}
					/* Newlines inside a cell become LF, so that no CR
					 * reaches the database or the screen. */
					if (eol(text, n, &i)) {
						buf_add(&field, "\n", 1);
						line++;
						continue;
					}
					size_t j = i;
					while (j < n && text[j] != '"' && text[j] != '\r' &&
					       text[j] != '\n')
						j++;
					buf_add(&field, text + i, j - i);
					i = j;
				}
				if (i < n && text[i] != ',' && text[i] != '\r' &&
				    text[i] != '\n') {
					err_set(err, "第 %d 行第 %d 列：引号位置不对", line, col);
					goto fail;
				}
			} else {
				size_t j = i;
				while (j < n && text[j] != ',' && text[j] != '\r' &&
				       text[j] != '\n') {
					if (text[j] == '"') {
						err_set(err, "第 %d 行第 %d 列：引号位置不对",
							line, col);
						goto fail;
					}
					j++;
				}
				buf_add(&field, text + i, j - i);
				i = j;
			}
			row_push(&r, buf_take(&field));
			if (i < n && text[i] == ',') {
				i++;
				continue;       /* "a," at the very end ends with "" */
			}
			if (eol(text, n, &i))
				line++;
			break;
		}
		file_push(out, &cap, &r, start);
	}
	return 0;

fail:
	buf_free(&field);
	row_free(&r);
	csv_free(out);
	return -1;
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
