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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		uint8_t *data = NULL;
		size_t n = 0, cap = 0, got;
		do {
			if (n == cap && !(data = realloc(data, cap = cap ? 2 * cap : 65536)))
				abort();
			got = fread(data + n, 1, cap - n, f);
			n += got;
		} while (got);
		fclose(f);
		LLVMFuzzerTestOneInput(data, n);
		free(data);
	}
	printf("%d inputs\n", argc - 1);
	return 0;
}
