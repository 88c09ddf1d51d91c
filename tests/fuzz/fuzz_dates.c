/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* libFuzzer target: date arguments as people type them (`workdays add`,
 * `export month`, date fields): parsed or refused, never a crash, and a
 * parsed date prints back as it reads. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "date.h"
#include "fuzz.h"
#include "workdays.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_setup();
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	ys_date d;
	char iso[11], cn[40];
	if (date_parse(s, &d) == 0) {
		date_iso(d, iso);
		date_cn(d, cn, sizeof cn);
		ys_date back;
		if (date_parse(iso, &back) != 0 || back != d)
			abort();                /* a date must read back as itself */
		int days;
		(void)deadline_state(d, d + 1, &days);
		(void)workdays_add(d, (int)(size % 400));
	}
	if (date_parse_month(s, &d) == 0)
		date_iso(d, iso);
	free(s);
	return 0;
}
