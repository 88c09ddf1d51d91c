/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* evaluation.h - the provider's evaluation and the yearly settlement (徽州
 * 第三十一条, 泰州 第二十条, 大同 第二十六条、第三十条): scores on the
 * template's axes per period, entered by the office and on behalf of the
 * using units, a low score with its reason; a period's score is each
 * axis's mean of the office's and the units' averages, then the axes'
 * mean; the settlement pays the year's fees, less the fees of idle hosts
 * (the usage assessment), at the share the template's bands give the
 * year's score. */
#ifndef YUNSHEN_EVALUATION_H
#define YUNSHEN_EVALUATION_H

#include "buf.h"
#include "date.h"
#include "template.h"
#include "users.h"

/* A period as the template counts them ("2026-Q3", "2026-10", "2026")
 * made canonical into norm; refused in Chinese when malformed, of the
 * wrong kind, or not begun by today. */
int eval_period(const template *t, const char *in, ys_date today, char norm[16], ys_err *err);

/* Scores (axis ids and values) for a period by u: for the office (unit
 * NULL: reviewer, leader, supervisor or admin of the template) or on
 * behalf of a unit (a clerk of the template). A score below the low line
 * needs a reason. The same person's scores for the period replace. */
int eval_add(store *s, const user *u, const template *t, const char *period, const char *unit,
	     const char *const *axes, const double *scores, int n, const char *reason, const char *now, ys_err *err);

#define EVAL_AXES 8
typedef struct eval_sum {
	char period[16];
	double office[EVAL_AXES], units[EVAL_AXES], axis[EVAL_AXES];   /* -1: none */
	int n_office, n_units;          /* people who scored */
	double score;
} eval_sum;

/* The periods of a year (or of one period) with their scores, in order. */
int eval_summary(store *s, const template *t, const char *year, eval_sum **out, int *n, ys_err *err);

/* The scores below the template's low line in a year, with their reasons
 * (period, 管理部门 or the unit, who entered it, the axis's label). */
typedef struct eval_low {
	const char *period, *who, *login, *axis;
	double score;
	const char *reason;
} eval_low;
int eval_lows(store *s, const template *t, const char *year, int (*cb)(const eval_low *, void *), void *ctx,
	      ys_err *err);

/* `yunshen eval` and the screen: each period's axes and score, the low
 * scores with their reasons, the year's score. */
int eval_text(store *s, const template *t, const char *year, buf *out, ys_err *err);

typedef struct settlement {
	int year;
	double fees, idle, base;        /* base = fees - idle */
	double score, pct, payable;     /* score -1: not evaluated */
	int periods, systems, idle_hosts;
} settlement;

/* The year's settlement of template t over what viewer may see; refused
 * when the template has no settlement rule or the year no evaluation. */
int settle_year(store *s, const user *viewer, const template *t, int year, ys_date today, settlement *out,
		ys_err *err);
int settle_text(const template *t, const settlement *st, buf *out);
/* The annual settlement workbook: 结算汇总 (the figures and the rule),
 * 费用明细 (unit, system, month, fee, idle deduction), 考评 (periods and
 * axes, low scores with their reasons). */
int settle_xlsx(store *s, const user *viewer, const template *t, int year, ys_date today, const char *path,
		ys_err *err);

#endif
