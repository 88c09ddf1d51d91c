/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "err.h"

int err_set(ys_err *e, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int err_prefix(ys_err *e, const char *fmt, ...)
{
	if (e) {
		char pre[512];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(pre, sizeof pre, fmt, ap);
		va_end(ap);
		size_t pl = strlen(pre), ol = strlen(e->msg);
		if (pl + ol >= sizeof e->msg)
			ol = sizeof e->msg - 1 - pl;
		memmove(e->msg + pl, e->msg, ol);
		memcpy(e->msg, pre, pl);
		e->msg[pl + ol] = '\0';
	}
	return -1;
}
