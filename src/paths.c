/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "paths.h"

static int trust = 1;

void paths_trust_env(int t) { trust = t; }

/* The data/ folder of the tree the running program was built in
 * (src/yunshen next to data/), so a fresh build runs before `make
 * install` without the build path compiled in. Not in a set-id run: a
 * hard link to the binary would choose its own data. */
static const char *tree_datadir(void)
{
	static char dir[4096];
	static int looked;
	if (looked++)
		return dir[0] ? dir : NULL;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	char probe[4096 + 32];
	snprintf(dir, sizeof dir, "%.4000s/../data", exe);
	snprintf(probe, sizeof probe, "%s/templates", dir);
	if (access(probe, R_OK) != 0)
		dir[0] = '\0';
	return dir[0] ? dir : NULL;
}

const char *paths_datadir(void)
{
	const char *e = trust ? getenv("YUNSHEN_DATADIR") : NULL;
	if (e && *e)
		return e;
	const char *tree = trust ? tree_datadir() : NULL;
	return tree ? tree : YS_PKGDATADIR;
}

const char *paths_confdir(void)
{
	const char *e = trust ? getenv("YUNSHEN_CONFDIR") : NULL;
	return e && *e ? e : YS_SYSCONFDIR "/yunshen";
}

int paths_template_dirs(char dirs[2][4096])
{
	snprintf(dirs[0], sizeof dirs[0], "%s/templates", paths_datadir());
	snprintf(dirs[1], sizeof dirs[1], "%s/templates", paths_confdir());
	return 2;
}

const char *paths_db(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *e = getenv("YUNSHEN_DB");
	if (e && *e)
		return e;
	return YS_DEFAULT_DB;
}

void paths_cache(const char *db, char *out, size_t n)
{
	const char *slash = strrchr(db, '/');
	if (!slash)
		snprintf(out, n, ".yunshen-cache");
	else
		snprintf(out, n, "%.*s/.yunshen-cache", (int)(slash - db), db);
}

void paths_data(const char *rel, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", paths_datadir(), rel);
}

char *file_read(const char *path, size_t max, size_t *n, ys_err *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return err_set(err, "无法打开文件 %s", path), NULL;
	buf b = { 0 };
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		buf_add(&b, chunk, k);
		if (b.len > max) {
			fclose(fp);
			buf_free(&b);
			return err_set(err, "文件 %s 超过 %zu MB", path, max >> 20), NULL;
		}
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		buf_free(&b);
		return err_set(err, "读取文件 %s 出错", path), NULL;
	}
	*n = b.len;
	return buf_take(&b);
}

int file_copy(FILE *from, FILE *to)
{
	char chunk[1 << 16];
	size_t n;
	rewind(from);
	while ((n = fread(chunk, 1, sizeof chunk, from)) > 0)
		if (fwrite(chunk, 1, n, to) != n)
			return -1;
	return ferror(from) ? -1 : 0;
}
