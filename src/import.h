/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* import.h - applications from files: JSON (one application in the shape
 * `show --json` prints, or an array of them) or CSV (one application a
 * row; header cells are field ids or labels, table cells "vm[1].vcpu";
 * UTF-8 or GBK, detected; or the first sheet of an .xlsx laid out the
 * same). All or nothing per file; a file whose bytes were imported
 * before is refused unless asked again. */
#ifndef YUNSHEN_IMPORT_H
#define YUNSHEN_IMPORT_H

#include "buf.h"
#include "store.h"
#include "users.h"
#include "progress.h"

typedef struct import_opts {
	int draft;            /* keep as drafts instead of submitting */
	int again;            /* import a file whose bytes were imported before */
	const ys_progress *progress;    /* told as applications are stored, or NULL */
} import_opts;

/* The numbers given, as runs of consecutive numbers (one import writes
 * one run, whatever its size). */
typedef struct import_run {
	long long first, last;
} import_run;
typedef struct import_result {
	import_run *runs;
	int nruns;
	long long n;            /* applications in all */
} import_result;

/* Imports path, read a piece at a time (memory stays that of one form
 * whatever the file's size): every form is checked first, then all are
 * stored in one transaction. On failure nothing was written and err names
 * the file, the application (or CSV line) and the field. */
int import_file(store *s, const user *u, const char *path, const import_opts *o,
		const char *now, import_result *got, ys_err *err);
void import_result_free(import_result *r);
/* "12、13、20–5000": the numbers as a person reads them. */
void import_runs_text(buf *b, const import_result *r);

#endif
