/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* appjson.c - show/list --json, one writer. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "appjson.h"
#include "deliveries.h"
#include "render.h"
#include "text.h"
#include "template.h"
#include "workflow.h"
#include "capacity.h"

/* Every member written below other than the content (template, kind,
 * parent, fields, tables). The round-trip test (cli_roundtrip.sh) keeps
 * the two in step. */
static const char *const derived[] = {
	"id", "docno", "unit", "system", "county", "status", "status_label", "step", "step_name",
	"role", "deadline", "deadline_provisional", "days_left", "overdue", "not_before", "round", "version", "created_at",
	"submitted_at", "updated_at", "totals", "template_name", "kind_label", "actions", "cosign", "capacity_after", "capacity_warning", "capacity_over", "record", "history",
	"deliveries", "format_version", NULL
};

int appjson_derived(const char *key)
{
	for (int i = 0; derived[i]; i++)
		if (!strcmp(derived[i], key))
			return 1;
	return 0;
}

static void member(buf *b, const char *key, const char *v)
{
	buf_printf(b, ",\"%s\":", key);
	buf_json_str(b, v);
}

void appjson_record(buf *b, const app_rec *r, ys_date today)
{
	char label[128];
	int days, st = apps_deadline_state(r, today, &days);
	const template *t = template_find(r->template);
	const tpl_step *sp = flow_step(template_flow(t, r->kind), r->step);
	buf_printf(b, "{\"id\":%lld", r->id);
	member(b, "template", r->template);
	member(b, "kind", r->kind);
	member(b, "docno", r->docno);
	member(b, "unit", r->unit);
	member(b, "system", r->system);
	member(b, "county", r->county);
	member(b, "status", r->status);
	member(b, "status_label", apps_status_label(r, label, sizeof label));
	member(b, "step", r->step);
	member(b, "step_name", sp ? sp->name : "");
	member(b, "role", r->role);
	ys_date dd;
	if (r->deadline[0]) {
		member(b, "deadline", r->deadline);
		buf_printf(b, ",\"deadline_provisional\":%s",
			   !date_parse(r->deadline, &dd) && workdays_provisional(dd) ? "true" : "false");
	} else {
		buf_puts(b, ",\"deadline\":null,\"deadline_provisional\":false");
	}
	if (st == DUE_NONE)
		buf_puts(b, ",\"days_left\":null,\"overdue\":false");
	else
		buf_printf(b, ",\"days_left\":%d,\"overdue\":%s", st == DUE_OVERDUE ? -days : days,
			   st == DUE_OVERDUE ? "true" : "false");
	if (r->parent_id)
		buf_printf(b, ",\"parent\":%lld", r->parent_id);
	char nb[11];
	if (workflow_not_before(r, nb))
		member(b, "not_before", nb);
	buf_printf(b, ",\"round\":%d,\"version\":%lld", r->round, r->version);
	member(b, "created_at", r->created_at);
	member(b, "submitted_at", r->submitted_at);
	member(b, "updated_at", r->updated_at);
	buf_printf(b, ",\"totals\":{\"hosts\":%lld,\"vcpu\":%lld,\"mem_gb\":%lld,\"storage_gb\":%lld,"
		   "\"bandwidth_mbps\":%lld}", r->totals.hosts, r->totals.vcpu, r->totals.mem_gb,
		   r->totals.storage_gb, r->totals.bandwidth);
}

typedef struct dctx {
	buf *b;
	int n;
} dctx;

static int delivery_row(const delivery *d, void *ctx)
{
	dctx *x = ctx;
	buf_puts(x->b, x->n++ ? ",{" : "{");
	buf_printf(x->b, "\"line\":");
	buf_json_str(x->b, d->line);
	member(x->b, "host", d->host);
	member(x->b, "ip", d->ip);
	member(x->b, "ports", d->ports);
	member(x->b, "delivered_on", d->delivered_on);
	member(x->b, "by", d->login);
	member(x->b, "at", d->at);
	buf_puts(x->b, "}");
	return 0;
}

typedef struct hctx {
	buf *b;
	int n;
	const tpl_flow *fl;
} hctx;

static int history_row(const app_event *e, void *ctx)
{
	hctx *h = ctx;
	const tpl_step *sp = flow_step(h->fl, e->step);
	buf *b = h->b;
	buf_puts(b, h->n++ ? ",{\"at\":" : "{\"at\":");
	buf_json_str(b, e->at);
	member(b, "login", e->login);
	member(b, "signer", e->signer);
	if (e->for_login[0])
		member(b, "for_login", e->for_login);
	if (e->recalled)
		buf_puts(b, ",\"recalled\":true");
	member(b, "kind", e->kind);
	const char *keys[] = { "step", "step_name", "action", "label", "status_from", "status_to",
			       "deadline", "opinion", "field", "old", "new" };
	const char *vals[] = { e->step, sp ? sp->name : "", e->action, e->label, e->status_from,
			       e->status_to, e->deadline, e->opinion, e->field, e->old, e->new };
	for (int i = 0; i < 11; i++)
		if (vals[i] && *vals[i])
			member(b, keys[i], vals[i]);
	buf_printf(b, ",\"round\":%d}", e->round);
	return 0;
}

int appjson_show(buf *b, store *s, const user *u, const app_rec *r, const app_data *d, ys_date today,
		 ys_err *err)
{
	wf_action acts[16];
	int nacts = workflow_actions(s, r, u, acts, 16);
	appjson_record(b, r, today);
	member(b, "template_name", d->tpl->name);
	member(b, "kind_label", kind_label(r->kind));
	buf_puts(b, ",");
	app_to_json(d, b);
	wf_cosign cs;
	if (workflow_cosigns(s, r, &cs, err))
		return -1;
	if (cs.need > 1) {
		buf_printf(b, ",\"cosign\":{\"need\":%d,\"by\":[", cs.need);
		for (int i = 0; i < cs.n && i < WF_COSIGN_MAX; i++) {
			buf_puts(b, i ? "," : "");
			buf_json_str(b, cs.login[i]);
		}
		buf_puts(b, "]}");
	}
	pool_effect pe;
	int hit = capacity_effect(s, r, &pe, err);
	if (hit < 0)
		return -1;
	/* Shares after approval: {"vcpu": 72.0, …}; per zone where the
	 * template has zones, {"政务外网区": {"vcpu": …}, …}. */
	if (hit) {
		buf_puts(b, ",\"capacity_after\":{");
		for (int i = 0; i < pe.n; i++) {
			if (pe.p[i].zone[0]) {
				buf_puts(b, i ? "," : "");
				buf_json_str(b, pe.p[i].zone);
				buf_puts(b, ":{");
			}
			int first = 1;
			for (int k = 0; k < CAP__N; k++)
				if (pe.after[i][k] >= 0) {
					buf_printf(b, "%s\"%s\":%.1f", first ? "" : ",", capacity_key(k), pe.after[i][k]);
					first = 0;
				}
			buf_puts(b, pe.p[i].zone[0] ? "}" : "");
		}
		buf_printf(b, "},\"capacity_warning\":%s,\"capacity_over\":%s", pe.crosses ? "true" : "false",
			   pe.over ? "true" : "false");
	}
	buf_puts(b, ",\"actions\":[");
	for (int i = 0; i < nacts; i++) {
		buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		buf_json_str(b, acts[i].id);
		member(b, "label", acts[i].label);
		buf_printf(b, ",\"opinion_required\":%s}", acts[i].opinion_required ? "true" : "false");
	}
	/* What the current step's signer records (record items for act). */
	buf_puts(b, "],\"record\":[");
	int nf;
	tpl_field *fs = step_record_fields(d->tpl, r->kind, flow_step(template_flow(d->tpl, r->kind), r->step), d, &nf);
	for (int i = 0; i < nf; i++) {
		buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		buf_json_str(b, fs[i].id);
		member(b, "label", fs[i].label);
		buf_printf(b, ",\"type\":\"%s\",\"required\":%s", field_type_name(fs[i].type),
			   fs[i].required || fs[i].must_be ? "true" : "false");
		if (fs[i].must_be)
			member(b, "must_be", fs[i].must_be);
		buf_puts(b, "}");
	}
	step_record_free(fs, nf);
	buf_puts(b, "],\"history\":[");
	hctx h = { b, 0, template_flow(d->tpl, r->kind) };
	int rc = apps_history(s, r->id, history_row, &h, err);
	buf_puts(b, "],\"deliveries\":[");
	dctx dl = { b, 0 };
	if (!rc)
		rc = deliveries_list(s, r->id, delivery_row, &dl, err);
	buf_puts(b, "]}");
	return rc;
}

static void deadline_member(buf *b, const char *key, const char *iso)
{
	ys_date d;
	member(b, key, iso);
	buf_printf(b, ",\"%s_provisional\":%s", key, !date_parse(iso, &d) && workdays_provisional(d) ? "true" : "false");
}

void appjson_duty(buf *b, const duty_rec *d, ys_date today)
{
	char left[64];
	int over;
	duty_left(d, today, left, sizeof left, &over);
	if (d->app_id) {
		buf_printf(b, "{\"app\":%lld,\"seq\":%d", d->app_id, d->seq);
	} else {
		buf_puts(b, "{\"app\":null");
		member(b, "period", d->period);
	}
	member(b, "template", d->template);
	member(b, "duty", d->duty);
	member(b, "label", d->def->label);
	member(b, "article", d->def->article ? d->def->article : "");
	deadline_member(b, "due", d->due);
	member(b, "start", d->base);
	member(b, "role", d->role);
	member(b, "role_label", role_label(d->role));
	member(b, "unit", d->unit);
	member(b, "system", d->system);
	member(b, "docno", d->docno);
	member(b, "left", left);
	buf_printf(b, ",\"overdue\":%s,\"closed\":%s", over ? "true" : "false", d->event_id ? "true" : "false");
	if (d->event_id) {
		member(b, "closed_by", d->closed_by);
		member(b, "closed_at", d->closed_at);
	}
	buf_puts(b, "}");
}

static void change_json(const app_rec *r, buf *b)
{
	buf_printf(b, "{\"id\":%lld", r->id);
	member(b, "kind", r->kind);
	member(b, "docno", r->docno);
	buf_printf(b, ",\"done\":\"%.10s\"},", r->done_at);
}

static void host_json(const delivery *d, buf *b)
{
	buf_printf(b, "{\"line\":");
	buf_json_str(b, d->line);
	member(b, "host", d->host);
	member(b, "ip", d->ip);
	member(b, "ports", d->ports);
	member(b, "delivered_on", d->delivered_on);
	buf_puts(b, "},");
}

/* Ends a list whose every element was written with a trailing comma. */
static void close_list(buf *b, size_t start)
{
	if (b->len > start && b->s[b->len - 1] == ',')
		b->s[--b->len] = '\0';
	buf_puts(b, "]");
}

void appjson_ledger(buf *b, const ledger_row *l, ys_date today)
{
	appjson_record(b, &l->r, today);
	buf totals = { 0 };
	render_totals(&totals, &l->r.totals);
	const char *keys[] = { "phase", "term_from", "term_to", "billing_from", "billing_to", "next_due", "next_duty",
			       "configuration", "rows", "records" };
	const char *vals[] = { l->phase, l->term_from, l->term_to, l->bill_from, l->bill_to, l->next_due, l->next_label,
			       totals.s ? totals.s : "", l->rows, l->records };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		member(b, keys[i], vals[i]);
	buf_free(&totals);
	buf_puts(b, ",\"changes\":[");
	size_t start = b->len;
	for (int i = 0; i < l->nchanges; i++)
		change_json(&l->changes[i], b);
	close_list(b, start);
	buf_puts(b, ",\"delivered\":[");
	start = b->len;
	for (int i = 0; i < l->nhosts; i++)
		host_json(&l->hosts[i], b);
	close_list(b, start);
	buf_puts(b, "}");
}

void appjson_forecast(buf *b, const forecast_row *r)
{
	buf_puts(b, "{\"template\":");
	buf_json_str(b, r->template);
	member(b, "county", r->county);
	buf_printf(b, ",\"units\":%lld,\"summed\":%lld,\"vcpu\":%lld,\"mem_gb\":%lld,\"storage_gb\":%lld,"
		   "\"bandwidth_mbps\":%lld}", r->units, r->summed, r->vcpu, r->mem_gb, r->storage_gb, r->bandwidth);
}
