/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* fuzz.h - what the fuzz targets share: the data files loaded once, a
 * scratch database, the input as a file. */
#ifndef YUNSHEN_FUZZ_H
#define YUNSHEN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

void fuzz_setup(void);              /* templates and holidays, once */
store *fuzz_store(void);            /* one scratch database per run */
char *fuzz_file(const uint8_t *data, size_t size);   /* a temp file holding data */

#endif
