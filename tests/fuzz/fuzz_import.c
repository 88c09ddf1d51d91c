/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* libFuzzer target: a file given to `yunshen import` (JSON or CSV, UTF-8 or
 * GBK): never a crash, never a half import, whatever the bytes. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fuzz.h"
#include "import.h"
#include "vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	store *s = fuzz_store();
	char *path = fuzz_file(data, size);
	user u = { .login = "fuzz", .roles = { { ROLE_CLERK, "" } }, .nroles = 1 };
	import_opts o = { .draft = size % 2 };
	import_result got = { 0 };
	ys_err e;
	if (import_file(s, &u, path, &o, "2026-11-20T10:00", &got, &e) == 0)
		import_result_free(&got);
	unlink(path);
	free(path);
	return 0;
}
