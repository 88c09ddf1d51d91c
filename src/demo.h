/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* demo.h - a demo data set: every template, several units each, an
 * application in every state, some overdue, dated relative to today. */
#ifndef YUNSHEN_DEMO_H
#define YUNSHEN_DEMO_H

#include "progress.h"
#include "store.h"

/* Fills an empty database. `me` (the person running the demo) gets every
 * role so the interface shows full queues; the demo staff (luru 录入员,
 * shouli 受理人, shenhe and shenhe2 审核人, lingdao 领导, yunwei 运维,
 * xianji 县级初审, zhuguan 主管部门) sign the steps. */
int demo_build(store *s, const char *me, const char *now, ys_err *err);

/* Fills an empty database with `want` applications filed evenly over the
 * last `years` years through the same core as demo_build (every state
 * while recent, mostly finished years ago): a province's decade, for
 * measuring. Commits as it goes; pg (or NULL) hears how far it got. */
int demo_bulk(store *s, const char *me, const char *now, long long want, int years, const ys_progress *pg,
	      ys_err *err);

#endif
