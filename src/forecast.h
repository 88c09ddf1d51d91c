/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* forecast.h - 韶关 第十七条: every unit's demand forecast for the next
 * year (a form of its own, kind forecast), summed by county for the city:
 * county units through their county bureau, city units directly. */
#ifndef YUNSHEN_FORECAST_H
#define YUNSHEN_FORECAST_H

#include "apps.h"
#include "users.h"

typedef struct forecast_row {
	char template[32], county[128];     /* county "" : the city's own units */
	long long units, summed;            /* forecasts filed (pending or done), of them summed (done) */
	long long vcpu, mem_gb, storage_gb, bandwidth;
} forecast_row;

/* One row per template and county with forecasts for `year` that u may
 * see, city first, then counties by name. */
int forecast_summary(store *s, const user *u, int year, int (*cb)(const forecast_row *, void *), void *ctx,
		     ys_err *err);

/* The same as a workbook for the city (韶关's 资源需求预估汇总表): a row
 * per county and the city's units, then the total. */
int forecast_xlsx(store *s, const user *u, int year, const char *path, ys_err *err);

#endif
