/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* capacity.h - a template's resource pools (capacity in the template:
 * vCPU, memory, storage and the warning line, 徽州 第十九条; one pool per
 * network zone where the template has zones, 韶关 政务外网区、互联网区): what
 * is in service, approved and not yet in service, and waiting for
 * approval; and what approving one application does to them. */
#ifndef YUNSHEN_CAPACITY_H
#define YUNSHEN_CAPACITY_H

#include "apps.h"
#include "buf.h"
#include "template.h"

enum { CAP_VCPU, CAP_MEM, CAP_STORAGE, CAP__N };

typedef struct pool {
	char zone[64];                  /* "" for a template's one pool */
	long long cap[CAP__N];          /* 0: not limited */
	long long service[CAP__N];      /* finished applications in service */
	long long approved[CAP__N];     /* past their approval, not finished (开通、测试、试运行) */
	long long pending[CAP__N];      /* waiting at a review step */
	int warn_pct;
} pool;

/* Resource k's name, unit and JSON key: "vCPU"/"核"/"vcpu", "内存"/"GB"/
 * "mem_gb", "存储"/"GB"/"storage_gb". */
const char *capacity_name(int k);
const char *capacity_unit(int k);
const char *capacity_key(int k);

/* The pools of template t into out (room for CAP_ZONES): how many, 0 when
 * t sets none, -1 on error. */
int capacity_pools(store *s, const template *t, pool *out, ys_err *err);
/* Rewrites every application's zone shares (app_zones) when the loaded
 * templates' zones are not those they were written for: once after the
 * upgrade to schema 14, and after a template's zones change. */
int capacity_refresh(store *s, ys_err *err);
/* The share of resource k held (in service and approved) with `more`
 * added, in percent; -1 when k is not limited. */
double capacity_share(const pool *p, int k, long long more);

/* What signing r's current step forward does to the pools, when that step
 * is the one that commits resources (the template's approving step, else
 * the last review step) and r asks for resources: 1 with the pools r asks
 * of and the share of each resource before and after (percent), 0 when
 * it does nothing, -1 on error. */
typedef struct pool_effect {
	int n;
	pool p[CAP_ZONES];
	double before[CAP_ZONES][CAP__N], after[CAP_ZONES][CAP__N];   /* -1: not limited */
	int over;                               /* some resource beyond 100% */
	int crosses;                            /* some resource crosses the warning line */
} pool_effect;
int capacity_effect(store *s, const app_rec *r, pool_effect *out, ys_err *err);

/* "批准后 vCPU 72%（现 40%），超过预警线 70%；内存 …", each zone's
 * named: "批准后 政务外网区 vCPU …；互联网区 vCPU …" */
void capacity_words(buf *out, const pool_effect *e);

#endif
