/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* appjson.h - an application as JSON, for list/show --json and back in
 * through import: the one writer, and the list of what it writes that
 * the reader skips (everything but template, kind, parent, fields and
 * tables is the record's state, not its content). */
#ifndef YUNSHEN_APPJSON_H
#define YUNSHEN_APPJSON_H

#include "apps.h"
#include "duties.h"
#include "forecast.h"
#include "ledger.h"
#include "buf.h"
#include "users.h"

/* The record's members (id, status, step, deadline, days left …) as an
 * open object: "{...", without the closing brace. */
void appjson_record(buf *b, const app_rec *r, ys_date today);
/* The whole show document: record, content, what u may do, history. */
int appjson_show(buf *b, store *s, const user *u, const app_rec *r, const app_data *d, ys_date today,
		 ys_err *err);
/* One duty (due, duty --json): application (null for an office duty) or
 * period, its declaration's names, due day, what is left, who closed it. */
void appjson_duty(buf *b, const duty_rec *d, ys_date today);
/* One system of the ledger: its record, phase, term, billing, next duty,
 * finished changes and delivered hosts. */
void appjson_ledger(buf *b, const ledger_row *l, ys_date today);

/* One county's (or the city's) summed demand forecast. */
void appjson_forecast(buf *b, const forecast_row *r);

/* Is key one that appjson writes and import skips? */
int appjson_derived(const char *key);

#endif
