/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_table.h - a one-table workbook (title, subtitle, a header row, rows
 * of text and numbers, A4 with page numbers, header frozen, filter on): the
 * shape of the small reports people print or pass on - the quarterly
 * 云资源利用情况表, 韶关's forecast summary. */
#ifndef YUNSHEN_XLSX_TABLE_H
#define YUNSHEN_XLSX_TABLE_H

#include "xlsx_util.h"

typedef struct xt {
	xw_book b;
	lxw_worksheet *ws;
	lxw_format *title, *sub, *head, *text, *num, *num1, *pct;
	int row, ncols, first;
} xt;

int xt_open(xt *t, const char *path, const char *sheet, const char *title, const char *subtitle,
	    const char *const *heads, const double *widths, int ncols, int landscape, ys_err *err);
void xt_text(xt *t, int col, const char *s);
/* decimals 0 or 1; pct: v is a percent (12.5 for 12.5%), -1 blank. */
void xt_num(xt *t, int col, double v, int decimals);
void xt_pct(xt *t, int col, double v);
void xt_next(xt *t);
/* A closing note under the table, then the file written. */
int xt_close(xt *t, const char *note, ys_err *err);

#endif
