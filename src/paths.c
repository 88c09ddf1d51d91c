#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "buf.h"
#include "paths.h"

static int trust = 1;

void paths_trust_env(int t) { trust = t; }

const char *paths_datadir(void)
{
	const char *e = trust ? getenv("YUNSHEN_DATADIR") : NULL;
	if (e && *e)
		return e;
	if (access(YS_PKGDATADIR "/templates", R_OK) == 0)
		return YS_PKGDATADIR;
	return YS_SRCDATADIR;
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
