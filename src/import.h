/* import.h - applications from files: JSON (one application in the shape
 * `show --json` prints, or an array of them) or CSV (one application a
 * row; header cells are field ids or labels, table cells "vm[1].vcpu";
 * UTF-8 or GBK, detected). All or nothing per file. */
#ifndef YUNSHEN_IMPORT_H
#define YUNSHEN_IMPORT_H

#include "store.h"
#include "users.h"
#include "progress.h"

typedef struct import_opts {
	int draft;            /* keep as drafts instead of submitting */
	const ys_progress *progress;    /* told as applications are stored, or NULL */
} import_opts;

/* Imports path; on success *ids (malloc'd) holds the new application
 * numbers and *n their count. On failure nothing was written and err
 * names the file, the application (or CSV line) and the field. */
int import_file(store *s, const user *u, const char *path, const import_opts *o,
		const char *now, long long **ids, int *n, ys_err *err);

#endif
