/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* err.h - the one error path: core functions return -1 and fill a ys_err
 * with a Chinese message that names the file, row or field at fault. */
#ifndef YUNSHEN_ERR_H
#define YUNSHEN_ERR_H

#include <stddef.h>

typedef struct ys_err {
	char msg[1024];
} ys_err;

/* Formats into e (if not NULL) and returns -1, so callers can
 * `return err_set(e, "...")`. */
int err_set(ys_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prepends a context ("文件 x.json：") to an existing message. */
int err_prefix(ys_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
