/* capacity.c - resource pools (capacity.h). */
#include "config.h"
#include <stdio.h>
#include <string.h>
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

int capacity_pool(store *s, const template *t, pool *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	out->cap[CAP_VCPU] = t->cap_vcpu;
	out->cap[CAP_MEM] = t->cap_mem_gb;
	out->cap[CAP_STORAGE] = t->cap_storage_gb;
	out->warn_pct = t->cap_warn_pct;
	if (!t->cap_vcpu && !t->cap_mem_gb && !t->cap_storage_gb)
		return 0;
	/* New applications only: a finished change has already written its
	 * configuration onto its original. */
	sqlite3_stmt *st = store_stmt(s, "SELECT status, step, sum(vcpu), sum(mem_gb), sum(storage_gb) FROM applications "
				      "WHERE template = :t AND kind = '" KIND_APPLY "' AND status IN ('" ST_PENDING "', '"
				      ST_DONE "') GROUP BY status, step", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	const tpl_flow *fl = template_flow(t, KIND_APPLY);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = store_text(st, 0);
		const tpl_step *sp = flow_step(fl, store_text(st, 1));
		long long *into = !strcmp(status, ST_DONE) ? out->service : sp && !sp->review ? out->approved : out->pending;
		for (int k = 0; k < CAP__N; k++)
			into[k] += sqlite3_column_int64(st, 2 + k);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "读取资源池");
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
	if (capacity_pool(s, t, &out->p, err))
		return -1;
	const long long ask[CAP__N] = { r->totals.vcpu, r->totals.mem_gb, r->totals.storage_gb };
	int any = 0;
	for (int k = 0; k < CAP__N; k++) {
		/* r itself waits at this step: it is among the pending. */
		out->before[k] = capacity_share(&out->p, k, 0);
		out->after[k] = capacity_share(&out->p, k, ask[k]);
		if (out->after[k] < 0)
			continue;
		any |= ask[k] > 0;
		out->over |= out->after[k] > 100.0;
		out->crosses |= out->p.warn_pct > 0 && out->before[k] < out->p.warn_pct && out->after[k] >= out->p.warn_pct;
	}
	return any;
}

void capacity_words(buf *out, const pool_effect *e)
{
	const char *sep = "批准后";
	for (int k = 0; k < CAP__N; k++) {
		if (e->after[k] < 0)
			continue;
		buf_printf(out, "%s %s %.0f%%（现 %.0f%%）", sep, capacity_name(k), e->after[k], e->before[k]);
		if (e->after[k] > 100.0)
			buf_puts(out, "，超过资源池容量");
		else if (e->p.warn_pct > 0 && e->after[k] >= e->p.warn_pct)
			buf_printf(out, "，超过预警线 %d%%", e->p.warn_pct);
		sep = "；";
	}
}
