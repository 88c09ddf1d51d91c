/* forecast.c - the demand forecasts summed by county (forecast.h). A
 * report: its SQL lives here, over the applications' stored totals. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "forecast.h"

int forecast_summary(store *s, const user *u, int year, int (*cb)(const forecast_row *, void *), void *ctx,
		     ys_err *err)
{
	/* Filed is submitted and not sent back: on its way up, or summed. */
	sqlite3_stmt *st = store_stmt(s, "SELECT template, county, count(*), sum(status = '" ST_DONE "'), sum(vcpu), "
				      "sum(mem_gb), sum(storage_gb), sum(bandwidth) FROM applications WHERE kind = '"
				      KIND_FORECAST "' AND status IN ('" ST_PENDING "','" ST_DONE "') AND "
				      "json_extract(data, '$.fields.year') = :year GROUP BY template, county "
				      "ORDER BY template, county <> '', county", err);
	if (!st)
		return -1;
	store_bind_int(st, ":year", year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		forecast_row r = { .units = sqlite3_column_int64(st, 2) };
		store_text_copy(st, 0, r.template, sizeof r.template);
		store_text_copy(st, 1, r.county, sizeof r.county);
		long long *v[] = { &r.summed, &r.vcpu, &r.mem_gb, &r.storage_gb, &r.bandwidth };
		for (int i = 0; i < 5; i++)
			*v[i] = sqlite3_column_int64(st, 3 + i);
		if (u && !user_sees(u, r.template, r.county))
			continue;
		if (cb(&r, ctx))
			break;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, err, "汇总资源需求预估");
}
