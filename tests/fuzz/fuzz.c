/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* fuzz.c - set-up shared by the fuzz targets. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fuzz.h"
#include "paths.h"
#include "template.h"
#include "workdays.h"

void fuzz_setup(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	char path[4096];
	ys_err e;
	paths_data("holidays.tsv", path, sizeof path);
	if (workdays_load(path, &e))
		fprintf(stderr, "fuzz: %s\n", e.msg);
	paths_data("templates", path, sizeof path);
	if (templates_load_dir(path, &e))
		fprintf(stderr, "fuzz: %s\n", e.msg);
}

/* $TMPDIR (a test's own folder, removed with it) or /tmp. */
static const char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && *t ? t : "/tmp";
}

store *fuzz_store(void)
{
	static store *s;
	if (s)
		return s;
	fuzz_setup();
	char dir[4096], path[4200];
	snprintf(dir, sizeof dir, "%s/ysfuzz.XXXXXX", tmp_dir());
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", dir);
	ys_err e;
	if (store_open(path, STORE_CREATE, &s, &e)) {
		fprintf(stderr, "fuzz: %s\n", e.msg);
		abort();
	}
	return s;
}

char *fuzz_file(const uint8_t *data, size_t size)
{
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/ysfuzz-in.XXXXXX", tmp_dir());
	int fd = mkstemp(path);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
	return path;
}
