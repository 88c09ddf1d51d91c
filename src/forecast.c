/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* forecast.c - the demand forecasts summed by county (forecast.h). A
 * report: its SQL lives here, over the applications' stored totals. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "forecast.h"
#include "template.h"
#include "xlsx_table.h"

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

typedef struct fx {
	xt t;
	long long sum[6];
} fx;

static int forecast_cell(const forecast_row *r, void *ctx)
{
	fx *x = ctx;
	const template *tp = template_find(r->template);
	xt_text(&x->t, 0, tp ? tp->name : r->template);
	xt_text(&x->t, 1, r->county[0] ? r->county : "市直单位");
	const long long v[] = { r->units, r->summed, r->vcpu, r->mem_gb, r->storage_gb, r->bandwidth };
	for (int i = 0; i < 6; i++) {
		xt_num(&x->t, 2 + i, (double)v[i], 0);
		x->sum[i] += v[i];
	}
	xt_next(&x->t);
	return 0;
}

int forecast_xlsx(store *s, const user *u, int year, const char *path, ys_err *err)
{
	static const char *const h[] = { "辖区", "县（市、区）", "报送（家）", "已汇总（家）", "vCPU（核）", "内存（GB）",
					 "存储（GB）", "带宽（Mbps）" };
	static const double w[] = { 12, 22, 10, 11, 11, 11, 12, 11 };
	char title[96], sub[160];
	snprintf(title, sizeof title, "%d 年度政务云资源需求预估汇总表", year);
	snprintf(sub, sizeof sub, "县区单位经本地政务服务数据管理部门审核汇总，市直单位直接报送（韶关第十七条）；"
		 "已汇总为审核完成的");
	fx x = { .sum = { 0 } };
	if (xt_open(&x.t, path, "需求预估", title, sub, h, w, 8, 0, err))
		return -1;
	if (forecast_summary(s, u, year, forecast_cell, &x, err)) {
		xw_abort(&x.t.b);
		return -1;
	}
	xt_text(&x.t, 0, "合计");
	xt_text(&x.t, 1, "");
	for (int i = 0; i < 6; i++)
		xt_num(&x.t, 2 + i, (double)x.sum[i], 0);
	xt_next(&x.t);
	return xt_close(&x.t, NULL, err);
}
