/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_read.h - a worksheet of an .xlsx file as rows of text, as a person
 * sees them in Excel: shared and inline strings, numbers as written,
 * percent-formatted cells as "12.5%", date-formatted cells as YYYY-MM-DD.
 * For files providers send (utilisation figures: their first sheet), and
 * for make bench, which writes our month report's cells again with plain
 * libxlsxwriter. libzip opens the package and expat reads its XML, as no
 * Debian library reads xlsx. */
#ifndef YUNSHEN_XLSX_READ_H
#define YUNSHEN_XLSX_READ_H

#include "csv.h"

/* Rows into out (line: the sheet's row number; empty rows skipped);
 * csv_free() frees them. A file that is no xlsx is refused in Chinese. */
int xlsx_read_first_sheet(const char *path, csv_file *out, ys_err *err);
/* The same for worksheet `which` (0 the first, in the workbook's order),
 * its name into name; 1 (out empty, err untouched) when there is no such
 * sheet. */
int xlsx_read_sheet(const char *path, int which, csv_file *out, char *name, size_t name_n, ys_err *err);
/* The same a row at a time, in the memory of one row (and the workbook's
 * shared strings): take() gets each and stops the reading by returning
 * non-zero, which is returned as -1 with take()'s err. */
int xlsx_each_row(const char *path, int which, csv_take take, void *ctx, char *name, size_t name_n,
		  ys_err *err);

#endif
