/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* csv.h - RFC 4180 CSV reading (quoted fields, doubled quotes, CRLF or LF,
 * newlines inside quotes; input already UTF-8, see text_to_utf8) and
 * writing, for listings a spreadsheet opens. */
#ifndef YUNSHEN_CSV_H
#define YUNSHEN_CSV_H

#include <stddef.h>
#include <stdio.h>
#include "buf.h"
#include "err.h"

typedef struct csv_row {
	char **cells;   /* malloc'd, NUL-terminated */
	int n;
	int line;       /* 1-based line number where the row starts */
} csv_row;

typedef struct csv_file {
	csv_row *rows;
	int nrows;
} csv_file;

/* Parses the whole text; blank lines are skipped. Errors (an unterminated
 * quote, a stray quote inside an unquoted field) name the line. */
int csv_parse(const char *text, size_t n, csv_file *out, ys_err *err);
void csv_free(csv_file *f);
/* The same a row at a time, the text pulled from src as it is needed, so
 * a file of any size is read in the memory of one row: take() is given
 * each row (its cells freed after it returns) and stops the reading by
 * returning non-zero (-1 with err said). */
typedef int (*csv_take)(const csv_row *row, void *ctx, ys_err *err);
int csv_each(ys_pull pull, void *src, csv_take take, void *ctx, ys_err *err);
/* A csv_take that keeps a copy of each row in the csv_file `file`. */
int csv_keep(const csv_row *row, void *file, ys_err *err);

/* Appends one cell to the row being written in b: quoted when it holds a
 * comma, quote or line break; a cell a spreadsheet would run as a formula
 * (starting = + @, or - not starting a number) gets a leading ' so it
 * shows as the text it is; control characters other than line breaks
 * and tabs become '?'. NULL is an empty cell. */
void csv_put(buf *b, const char *cell);
/* csv_put of a number. */
void csv_put_ll(buf *b, long long v);
/* Ends the row (LF, which every spreadsheet reads). */
void csv_end_row(buf *b);
/* A header row: the names up to a NULL. */
void csv_header(buf *b, const char *const *names);
/* Writes rows as spreadsheets open them: UTF-8, with the BOM Excel needs
 * to not guess the ANSI code page before the first (first), or with gbk
 * GB18030 for tools that read only GBK. -1, said in err, when a character
 * has no GB18030 form (it always has). */
int csv_write(FILE *fp, const buf *b, int gbk, int first, ys_err *err);

#endif
