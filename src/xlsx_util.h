/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_util.h - what the Excel exports share: a workbook written to a
 * temporary file beside the target and renamed into place only when
 * workbook_close() succeeded; cell writers that keep user text text (never
 * a formula) and dates real dates; a small cache of formats; A4 print
 * settings; the printed width of text. libxlsxwriter 1.1.4 (Debian 12). */
#ifndef YUNSHEN_XLSX_UTIL_H
#define YUNSHEN_XLSX_UTIL_H

#include <stddef.h>
#include <xlsxwriter.h>
#include "err.h"

#define XW_FONT "宋体"
#define XW_MAX_FORMATS 256

/* Everything a cell format can vary in, so formats are made once each. */
typedef struct xw_style {
	double size;            /* points; 0 means 10.5 */
	unsigned bold : 1, italic : 1, wrap : 1, border : 1, shade : 1, text : 1;
	unsigned open_top : 1, open_bottom : 1;   /* with border: leave that side out */
	unsigned char align;    /* LXW_ALIGN_* (horizontal), 0 = left */
	unsigned char valign;   /* LXW_ALIGN_VERTICAL_*, 0 = centre */
	unsigned int color;     /* font colour, 0 = black */
	unsigned int fill;      /* background, 0 = none (shade gives light grey) */
	char num[64];           /* number format, "" = general */
} xw_style;

typedef struct xw_book {
	lxw_workbook *wb;
	char *path;             /* where the file ends up */
	char *tmp;              /* the temporary file written first */
	xw_style styles[XW_MAX_FORMATS];
	lxw_format *formats[XW_MAX_FORMATS];
	int nformats;
} xw_book;

/* Every cell write (xw_text, xw_date, xw_number, and the direct
 * libxlsxwriter calls through xw_check) is checked: the first that fails
 * makes xw_close fail, and no file is left. One workbook is written at a
 * time; two threads may write its sheets once xw_share has been called
 * (each sheet, and each xw_long, by one thread only). */
lxw_error xw_check(lxw_error e, int row, int col);

/* Creates the temporary file beside path at once, so a missing directory
 * or a read-only one is reported before any work is done. */
int xw_open(xw_book *b, const char *path, int constant_memory, ys_err *err);
/* workbook_close() checked; renames the temporary file over path. The
 * workbook is freed either way and the temporary file never left behind. */
int xw_close(xw_book *b, ys_err *err);
/* Gives up: frees the workbook and removes the temporary file. */
void xw_abort(xw_book *b);

/* The format for a style (made on first use, then shared). */
lxw_format *xw_fmt(xw_book *b, const xw_style *st);

/* Before a second thread writes: every format's index is settled (the
 * first use of a format otherwise registers it with the workbook). */
void xw_share(xw_book *b);
/* The data rows one part of an xw_long holds (YUNSHEN_SHEET_ROWS for tests). */
int xw_sheet_rows(void);

/* User text as a string cell: never a formula ("=1+1" stays text),
 * control characters become spaces, cut to Excel's 32,767 characters.
 * NULL or "" writes a blank cell with the format. */
lxw_error xw_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
/* "YYYY-MM-DD" (or a longer ISO timestamp, whose time is kept when
 * with_time) as a real date; blank when s is empty or not a date. */
lxw_error xw_date(lxw_worksheet *ws, int row, int col, const char *s, int with_time,
		  lxw_format *f);
lxw_error xw_number(lxw_worksheet *ws, int row, int col, double v, lxw_format *f);

/* A sheet name Excel accepts: []:*?/\ replaced, cut to 31 characters,
 * never empty, unique in the workbook (" (2)" added when taken). */
void xw_sheet_name(xw_book *b, const char *want, char *out, size_t n);

/* A table longer than a sheet holds (Excel: 1,048,576 rows, the header
 * one of them) continues on sheets of the same name numbered "签署记录 (2)",
 * "签署记录 (3)" ..., each starting with the header again (head) and with
 * its own filter; nothing is cut. */
#define XW_PARTS 64
typedef struct xw_long {
	xw_book *b;
	char name[32];
	int ncols, per;             /* per: data rows a part holds */
	void (*head)(lxw_worksheet *ws, void *ctx);   /* writes row 0 */
	void *ctx;
	lxw_worksheet *ws[XW_PARTS];
	int rows[XW_PARTS];         /* data rows written to each part */
	int nparts, cur;            /* cur: the part being written */
} xw_long;
/* Adds the first part and as many more as `expect` rows fill, so the
 * parts sit together in the workbook; rows beyond what was expected add
 * parts at its end. */
void xw_long_begin(xw_long *l, xw_book *b, const char *name, int ncols, long long expect,
		   void (*head)(lxw_worksheet *ws, void *ctx), void *ctx);
/* The sheet of the next data row, and that row in *row. */
lxw_worksheet *xw_long_row(xw_long *l, int *row);
/* The filter over each part's header and rows. */
void xw_long_end(xw_long *l);

/* A4 (paper 9), portrait or landscape, printable margins, centred, fitted
 * to one page wide, footer "第 X 页，共 Y 页". */
/* A4, fitted to the width, page numbers in the footer and, when given,
 * the history's 校验码 at its left. */
void xw_print_a4(lxw_worksheet *ws, int landscape, const char *code);

/* Width of text as printed, in half-em units (an ASCII letter is 1, a
 * hanzi 2; symbols such as ☑ ☐ ① print as wide in a CJK font). */
int xw_print_cols(const char *s, size_t n);
/* Lines the text needs when wrapped at `cols` half-em units (hard line
 * breaks count; at least 1). */
int xw_lines(const char *s, int cols);

#endif
