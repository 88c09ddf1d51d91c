/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* export.h - the Excel exports (libxlsxwriter): one application printed in
 * its jurisdiction's paper layout for pen signing, and the monthly report
 * for leadership. Both read only what the core stores; the printed layout
 * comes from the template alone (no C code names a county). Files are
 * written to a temporary file beside the target and renamed into place, so
 * a failed export never leaves half a file. */
#ifndef YUNSHEN_EXPORT_H
#define YUNSHEN_EXPORT_H

#include <stddef.h>
#include "err.h"
#include "store.h"
#include "users.h"
#include "progress.h"

/* The printed form of application id into path (.xlsx): title, document
 * number, the template's sections and tables in paper order, ☑/☐ for
 * choices, fixed texts (承诺, 责任书), the signature blocks (blank for the
 * pen, or the opinion already signed with who and when), the notes. A4,
 * fitted to the page width, footer "第 X 页，共 Y 页". Appendices (a table
 * section titled 附表…, a long fixed text such as a 责任书 and what
 * follows it) print on their own sheet; a sheet holding a table is
 * landscape when the form says so, any other sheet portrait. viewer (if not
 * NULL) must be allowed to see the application. now is
 * "YYYY-MM-DDTHH:MM" (the print date). */
int export_form(store *s, const user *viewer, long long id, const char *now, const char *path,
		ys_err *err);

typedef struct export_month_info {
	long long apps;          /* rows of the application detail sheet */
	long long events;        /* rows of the signing detail sheet */
	int sheets;
	/* In: told while the big sheets are written, so nothing looks frozen
	 * ("写入申请明细", 12000 rows of 100000). */
	ys_progress progress;
} export_month_info;

/* The monthly report for month "YYYY-MM" into path (.xlsx): a first sheet
 * (概况) a leader reads in a minute - the month's counts per jurisdiction,
 * states, deadlines met and missed per step, resources allocated and in
 * use by jurisdiction, capacity against each pool, fees where a price
 * catalogue applies, the top units and the last twelve months, with two
 * charts - then detail sheets with frozen headers and filters. The whole
 * workbook is written in constant_memory mode (rows in order, nothing held
 * in memory), so 100,000 applications take seconds. viewer (if not NULL)
 * limits the report to what that user may see. info may be NULL. */
int export_month(store *s, const user *viewer, const char *month, const char *now,
		 const char *path, export_month_info *info, ys_err *err);

/* Default file names, ASCII so any terminal shows them:
 * "yunshen-form-12.xlsx", "yunshen-month-2026-11.xlsx". */
void export_form_filename(long long id, char *out, size_t n);
void export_month_filename(const char *month, char *out, size_t n);

#endif
