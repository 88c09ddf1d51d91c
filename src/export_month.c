/* export_month.c - the monthly report (in progress). */
#include "config.h"
#include <stdio.h>
#include "export.h"

int export_month(store *s, const user *viewer, const char *month, const char *now,
		 const char *path, export_month_info *info, ys_err *err)
{
	(void)s; (void)viewer; (void)now; (void)path; (void)info;
	return err_set(err, "月报 %s：尚未实现", month);
}

void export_month_filename(const char *month, char *out, size_t n)
{
	snprintf(out, n, "yunshen-month-%s.xlsx", month);
}
