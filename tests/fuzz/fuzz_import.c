/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* libFuzzer target: a file given to `yunshen import` (JSON or CSV, UTF-8 or
 * GBK): never a crash, never a half import, whatever the bytes: the applications
 * grow by what import says it stored, or not at all. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fuzz.h"
#include "import.h"
#include "vocab.h"

static long long apps_in(store *s)
{
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM applications", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	store *s = fuzz_store();
	char *path = fuzz_file(data, size);
	user u = { .login = "fuzz", .roles = { { ROLE_CLERK, "" } }, .nroles = 1 };
	import_opts o = { .draft = size % 2 };
	import_result got = { 0 };
	ys_err e;
	long long before = apps_in(s);
	long long added = import_file(s, &u, path, &o, "2026-11-20T10:00", &got, &e) == 0 ? got.n : 0;
	import_result_free(&got);
	if (apps_in(s) != before + added)
		abort();   /* a half import, or a count that lies */
	unlink(path);
	free(path);
	return 0;
}
