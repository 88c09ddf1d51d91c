/* csv.h - RFC 4180 CSV reading (quoted fields, doubled quotes, CRLF or LF,
 * newlines inside quotes). Input must already be UTF-8 (see text_to_utf8). */
#ifndef YUNSHEN_CSV_H
#define YUNSHEN_CSV_H

#include <stddef.h>
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

#endif
