/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* libFuzzer target: the holiday table (data/holidays.tsv), then questions
 * asked of whatever it loaded. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "fuzz.h"
#include "workdays.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_file(data, size);
	ys_err e;
	if (workdays_load(path, &e) == 0) {
		ys_date d;
		date_parse("2025-09-30", &d);
		(void)workdays_add(d, 3);
		(void)workdays_add_calendar(d, 30);
		(void)workdays_between(d, d + 400);
		(void)workdays_between(d + 400, d);
	}
	workdays_clear_warning();
	unlink(path);
	free(path);
	return 0;
}
