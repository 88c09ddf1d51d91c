/* xlsx_read.h - the first worksheet of an .xlsx file as rows of text, as
 * a person sees them in Excel: shared and inline strings, numbers as
 * written, percent-formatted cells as "12.5%", date-formatted cells as
 * YYYY-MM-DD. For files providers send (utilisation figures); libzip opens
 * the package and expat reads its XML, as no Debian library reads xlsx. */
#ifndef YUNSHEN_XLSX_READ_H
#define YUNSHEN_XLSX_READ_H

#include "csv.h"

/* Rows into out (line: the sheet's row number; empty rows skipped);
 * csv_free() frees them. A file that is no xlsx is refused in Chinese. */
int xlsx_read_first_sheet(const char *path, csv_file *out, ys_err *err);

#endif
