/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* capacity.c - resource pools (capacity.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "capacity.h"

const char *capacity_name(int k)
{
	static const char *const n[] = { "vCPU", "内存", "存储" };
	return n[k];
}

const char *capacity_unit(int k)
{
	static const char *const u[] = { "核", "GB", "GB" };
	return u[k];
}

const char *capacity_key(int k)
{
	static const char *const j[] = { "vcpu", "mem_gb", "storage_gb" };
	return j[k];
}

double capacity_share(const pool *p, int k, long long more)
{
	if (p->cap[k] <= 0)
		return -1;
	return 100.0 * (double)(p->service[k] + p->approved[k] + more) / (double)p->cap[k];
}

/* Applications whose resources a pool holds: new ones only (a finished
 * change has already written its configuration onto its original),
 * waiting or finished. Which of the three it counts in. */
static long long *holder(pool *p, const tpl_flow *fl, const char *status, const char *step)
{
	const tpl_step *sp = flow_step(fl, step);
	return !strcmp(status, ST_DONE) ? p->service : sp && !sp->review ? p->approved : p->pending;
}

/* The pools' sums as kept by migration 014's triggers: zone '' for a
 * template's one pool, else each zone's. */
static int kept_pools(store *s, const template *t, pool *p, int n, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT zone, status, step, vcpu, mem_gb, storage_gb FROM pool_sums "
				      "WHERE template = :t AND kind = '" KIND_APPLY "' AND status IN ('" ST_PENDING "', '"
				      ST_DONE "')", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	const tpl_flow *fl = template_flow(t, KIND_APPLY);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int z = 0; z < n; z++)
			if (!strcmp(p[z].zone, store_text(st, 0))) {
				long long *into = holder(&p[z], fl, store_text(st, 1), store_text(st, 2));
				for (int k = 0; k < CAP__N; k++)
					into[k] += sqlite3_column_int64(st, 3 + k);
			}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取资源池");
}

/* The ids of template t's applications that sql (binding :t) selects,
 * in order, into *ids (caller frees); -1 on error. */
static int template_ids(store *s, const char *sql, const template *t, long long **ids, int *n, ys_err *err)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*XPUSH(*ids, *n) = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	return store_fail(s, err, "读取资源池");
}

/* What app_zones was written for: each template's zone column and zones.
 * Another key (a template given zones, or a zone renamed) means the
 * shares are rewritten (capacity_refresh). */
static void zones_key(buf *b)
{
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		if (!t->ncap_zones)
			continue;
		buf_printf(b, "%s:%s", t->id, t->cap_zone_col);
		for (int z = 0; z < t->ncap_zones; z++)
			buf_printf(b, ",%s", t->cap_zones[z].name);
		buf_puts(b, ";");
	}
}

/* 1 when app_zones holds the shares of the loaded templates' zones. */
static int zones_built(store *s, ys_err *err)
{
	buf b = { 0 };
	zones_key(&b);
	int same = store_built(s, "zones_built", b.len ? b.s : "", err);
	buf_free(&b);
	return same;
}

int capacity_refresh(store *s, ys_err *err)
{
	int same = zones_built(s, err);
	if (same)
		return same < 0 ? -1 : 0;
	if (store_begin(s, err))
		return -1;
	int rc = store_exec(s, "DELETE FROM app_zones", err);
	for (int i = 0; !rc && i < templates_count(); i++) {
		const template *t = templates_at(i);
		long long *ids;
		int nids;
		if (!t->ncap_zones)
			continue;
		rc = template_ids(s, "SELECT id FROM applications WHERE template = :t ORDER BY id", t, &ids, &nids, err);
		for (int k = 0; !rc && k < nids; k++) {
			app_rec ar;
			app_data *d = NULL;
			rc = apps_load(s, ids[k], &ar, &d, err) || apps_write_zones(s, ids[k], d, err) ? -1 : 0;
			app_data_free(d);
		}
		free(ids);
	}
	buf b = { 0 };
	zones_key(&b);
	if (!rc)
		rc = store_set_built(s, "zones_built", b.len ? b.s : "", err);
	buf_free(&b);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

/* A zone's share of each application is in its rows: read them (a
 * database opened read-only before its shares were written). */
static int zone_pools(store *s, const template *t, pool *p, int n, ys_err *err)
{
	long long *ids;
	int nids;
	if (template_ids(s, "SELECT id FROM applications WHERE template = :t AND kind = '" KIND_APPLY
			 "' AND status IN ('" ST_PENDING "', '" ST_DONE "') ORDER BY id", t, &ids, &nids, err))
		return -1;
	const tpl_flow *fl = template_flow(t, KIND_APPLY);
	for (int i = 0; i < nids; i++) {
		app_rec r;
		app_data *d;
		if (apps_load(s, ids[i], &r, &d, err)) {
			free(ids);
			return -1;
		}
		for (int z = 0; z < n; z++) {
			app_totals tt;
			app_totals_in(d, t->cap_zone_col, p[z].zone, &tt);
			long long *into = holder(&p[z], fl, r.status, r.step);
			into[CAP_VCPU] += tt.vcpu;
			into[CAP_MEM] += tt.mem_gb;
			into[CAP_STORAGE] += tt.storage_gb;
		}
		app_data_free(d);
	}
	free(ids);
	return 0;
}

int capacity_pools(store *s, const template *t, pool *out, ys_err *err)
{
	int n = t->ncap_zones ? t->ncap_zones : t->cap_vcpu || t->cap_mem_gb || t->cap_storage_gb;
	memset(out, 0, sizeof *out * CAP_ZONES);
	for (int z = 0; z < n; z++) {
		const struct tpl_zone *tz = t->ncap_zones ? &t->cap_zones[z] : NULL;
		snprintf(out[z].zone, sizeof out[z].zone, "%s", tz ? tz->name : "");
		out[z].cap[CAP_VCPU] = tz ? tz->vcpu : t->cap_vcpu;
		out[z].cap[CAP_MEM] = tz ? tz->mem_gb : t->cap_mem_gb;
		out[z].cap[CAP_STORAGE] = tz ? tz->storage_gb : t->cap_storage_gb;
		out[z].warn_pct = t->cap_warn_pct;
	}
	if (!n)
		return 0;
	int kept = t->ncap_zones ? zones_built(s, err) : 1;
	if (kept < 0 || (kept ? kept_pools(s, t, out, n, err) : zone_pools(s, t, out, n, err)))
		return -1;
	return n;
}

/* The step whose forward signature commits r's resources: the one that
 * approves the configuration, else the last review step. */
static const tpl_step *committing_step(const tpl_flow *fl)
{
	const tpl_step *last = NULL;
	for (int i = 0; fl && i < fl->nsteps; i++) {
		if (fl->steps[i].approves)
			return &fl->steps[i];
		if (fl->steps[i].review)
			last = &fl->steps[i];
	}
	return last;
}

int capacity_effect(store *s, const app_rec *r, pool_effect *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	const template *t = template_find(r->template);
	const tpl_flow *fl = t ? template_flow(t, r->kind) : NULL;
	const tpl_step *cs = committing_step(fl);
	if (!t || strcmp(r->kind, KIND_APPLY) || strcmp(r->status, ST_PENDING) || !cs || strcmp(cs->id, r->step))
		return 0;
	pool all[CAP_ZONES];
	int n = capacity_pools(s, t, all, err);
	if (n <= 0)
		return n;
	app_rec tmp;
	app_data *d = NULL;
	if (t->ncap_zones && apps_load(s, r->id, &tmp, &d, err))
		return -1;
	int any = 0;
	for (int z = 0; z < n; z++) {
		app_totals tt = r->totals;
		if (d)
			app_totals_in(d, t->cap_zone_col, all[z].zone, &tt);
		const long long ask[CAP__N] = { tt.vcpu, tt.mem_gb, tt.storage_gb };
		int asks = 0;
		pool_effect *e = out;
		int i = e->n;
		e->p[i] = all[z];
		for (int k = 0; k < CAP__N; k++) {
			/* r itself waits at this step: it is among the pending. */
			e->before[i][k] = capacity_share(&all[z], k, 0);
			e->after[i][k] = capacity_share(&all[z], k, ask[k]);
			if (e->after[i][k] < 0)
				continue;
			asks |= ask[k] > 0;
			e->over |= e->after[i][k] > 100.0;
			e->crosses |= all[z].warn_pct > 0 && e->before[i][k] < all[z].warn_pct &&
				      e->after[i][k] >= all[z].warn_pct;
		}
		if (asks)
			e->n++;
		any |= asks;
	}
	app_data_free(d);
	return any;
}

void capacity_words(buf *out, const pool_effect *e)
{
	const char *sep = "批准后 ";
	for (int i = 0; i < e->n; i++) {
		const pool *p = &e->p[i];
		int named = 0;
		for (int k = 0; k < CAP__N; k++) {
			if (e->after[i][k] < 0)
				continue;
			buf_printf(out, "%s%s%s%s %.0f%%（现 %.0f%%）", sep, named ? "" : p->zone, p->zone[0] && !named ? " " : "",
				   capacity_name(k), e->after[i][k], e->before[i][k]);
			named = 1;
			if (e->after[i][k] > 100.0)
				buf_puts(out, "，超过资源池容量");
			else if (p->warn_pct > 0 && e->after[i][k] >= p->warn_pct)
				buf_printf(out, "，超过预警线 %d%%", p->warn_pct);
			sep = "；";
		}
	}
}
