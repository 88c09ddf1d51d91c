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

#include "store.h"
#include "users.h"
#include "progress.h"

typedef struct import_opts {
	int draft;            /* keep as drafts instead of submitting */
	int again;            /* import a file whose bytes were imported before */
	const ys_progress *progress;    /* told as applications are stored, or NULL */
} import_opts;

/* Imports path; on success *ids (malloc'd) holds the new application
 * numbers and *n their count. On failure nothing was written and err
 * names the file, the application (or CSV line) and the field. */
int import_file(store *s, const user *u, const char *path, const import_opts *o,
		const char *now, long long **ids, int *n, ys_err *err);

#endif
