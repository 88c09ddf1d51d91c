/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* A fuzz target without libFuzzer: each file named runs through
 * LLVMFuzzerTestOneInput once. make check builds every target this way
 * (with gcc, and under the sanitizers in CI's second build), so a target
 * that no longer builds or a seed that now crashes fails there, not only
 * in the clang fuzz step. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "paths.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t n;
		ys_err e;
		char *data = file_read(argv[i], (size_t)1 << 30, &n, &e);
		if (!data) {
			fprintf(stderr, "%s\n", e.msg);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, n);
		free(data);
	}
	printf("%d inputs\n", argc - 1);
	return 0;
}
