/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* libFuzzer target: a jurisdiction template file (data/templates/ID.json):
 * loaded whole or refused with the place named, never a crash. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "fuzz.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	char *path = fuzz_file(data, size);
	ys_err e;
	template *t = template_load(path, &e);
	template_free(t);
	unlink(path);
	free(path);
	return 0;
}
