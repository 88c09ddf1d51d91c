/* appjson.c - show/list --json, one writer. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "appjson.h"
#include "text.h"
#include "template.h"
#include "workflow.h"

/* Every member written below other than the content (template, kind,
 * parent, fields, tables). The round-trip test (cli_roundtrip.sh) keeps
 * the two in step. */
static const char *const derived[] = {
	"id", "docno", "unit", "system", "county", "status", "status_label", "step", "step_name",
	"role", "deadline", "deadline_provisional", "days_left", "overdue", "not_before", "round", "version", "created_at",
	"submitted_at", "updated_at", "totals", "template_name", "kind_label", "actions", "history",
	NULL
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
	buf_puts(b, ",\"actions\":[");
	for (int i = 0; i < nacts; i++) {
		buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		buf_json_str(b, acts[i].id);
		member(b, "label", acts[i].label);
		buf_printf(b, ",\"opinion_required\":%s}", acts[i].opinion_required ? "true" : "false");
	}
	buf_puts(b, "],\"history\":[");
	hctx h = { b, 0, template_flow(d->tpl, r->kind) };
	int rc = apps_events(s, r->id, history_row, &h, err);
	buf_puts(b, "]}");
	return rc;
}
