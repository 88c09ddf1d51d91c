/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* duties_close.c - closing a duty with its record, a duty holding a step,
 * and a duty in words (duties.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "duties.h"
#include "followup.h"
#include "record.h"
#include "text.h"
#include "workflow.h"

int duties_close(store *s, const user *u, const duty_rec *x, const char *const *ids,
		 const char *const *vals, int n, const char *opinion, const char *now, ys_err *err)
{
	if (store_begin(s, err))
		return -1;
	if (duties_do(s, u, x, ids, vals, n, opinion, now, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int duties_do(store *s, const user *u, const duty_rec *x, const char *const *ids,
	      const char *const *vals, int n, const char *opinion, const char *now, ys_err *err)
{
	const tpl_duty *d = x->def;
	if (!user_has(u, d->role, x->template, x->county))
		return err_set(err, "%s 没有办理“%s”所需的%s角色", u->login, d->label, role_label(d->role));
	if (x->event_id) {
		char who[200];
		user_display(s, x->closed_by, who, sizeof who);
		return err_set(err, "“%s”（%s）已由 %s 于 %.10s %.5s 办结，不能重复办理", d->label,
			       x->app_id ? x->due : x->period, who, x->closed_at, x->closed_at + 11);
	}
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	char cite[96];
	if (d->wait && strcmp(today, x->due) < 0)
		return err_set(err, "“%s”须满期限：%s 起才能办理%s", d->label, x->due,
			       text_cite(d->article, cite, sizeof cite));
	char what[160];
	snprintf(what, sizeof what, "“%s”的记录", d->label);
	buf rec = { 0 }, text = { 0 };
	if (record_build(d->fields, d->nfields, ids, vals, n, 1, today, what, &rec, &text, err)) {
		buf_free(&rec);
		buf_free(&text);
		return -1;
	}
	char why[512];
	if (workflow_opinion_check(d->close_label, 0, opinion, why, sizeof why)) {
		buf_free(&rec);
		buf_free(&text);
		return err_set(err, "%s", why);
	}
	if (opinion && *opinion)
		buf_printf(&text, "%s%s", text.len ? "；" : "", opinion);
	app_event e = { .round = x->seq, .opinion = text.s, .new = rec.s };
	snprintf(e.step, sizeof e.step, "%s", d->id);
	snprintf(e.action, sizeof e.action, ACT_CLOSE);
	snprintf(e.label, sizeof e.label, "%s", d->close_label);
	snprintf(e.deadline, sizeof e.deadline, "%s", x->due);
	if (!x->app_id) {
		e.field = x->template;
		e.old = x->period;
	}
	int rc = apps_event(s, x->app_id, now, u->login, EV_DUTY, &e, err);
	if (!rc && x->app_id && d->ends) {
		app_rec r;
		char note[256];
		snprintf(note, sizeof note, "%s：%s", d->label, d->close_label);
		rc = apps_get(s, x->app_id, &r, err);
		if (!rc && strcmp(r.status, ST_TERMINATED))
			rc = followup_end_service(s, &r, note, u->login, now, err);
	}
	if (!rc && x->app_id)
		rc = duties_sync(s, x->app_id, err);
	buf_free(&rec);
	buf_free(&text);
	return rc;
}

/* ---- Words ------------------------------------------------------------ */

void duty_left_text(const tpl_duty *def, const char *due_iso, int closed, ys_date today, int compact, char *out,
		    size_t n, int *overdue)
{
	ys_date due;
	int wait = def && def->wait;
	*overdue = 0;
	if (closed || date_parse(due_iso, &due)) {
		snprintf(out, n, "%s", closed ? "已办结" : "");
		return;
	}
	if (due == today)
		snprintf(out, n, "今天到期");
	else if (due > today)
		snprintf(out, n, wait ? (compact ? "%d天后可办" : "%d 天后可办") : (compact ? "剩%d天" : "剩 %d 天"),
			 due - today);
	else {
		snprintf(out, n, compact ? "超期%d天" : "超期 %d 天", today - due);
		*overdue = !wait;
	}
}

void duty_left(const duty_rec *d, ys_date today, char *out, size_t n, int *overdue)
{
	duty_left_text(d->def, d->due, d->event_id != 0, today, 0, out, n, overdue);
}

/* A notice's {form.ID} placeholders (checked against the application
 * form when the template loads) take the application's values as typed. */
static char *fill_form(const char *text, const app_data *data)
{
	buf b = { 0 };
	for (const char *p = text; *p;) {
		const char *end = strncmp(p, "{form.", 6) ? NULL : strchr(p, '}');
		if (!end) {
			buf_add(&b, p++, 1);
			continue;
		}
		char id[64];
		snprintf(id, sizeof id, "%.*s", (int)(end - p - 6), p + 6);
		const char *v = data ? app_get(data, id) : NULL;
		buf_puts(&b, v && *v ? v : "（未填）");
		p = end + 1;
	}
	return buf_take(&b);
}

char *duty_notice(store *s, const duty_rec *d)
{
	if (!d->def || !d->def->notice)
		return NULL;
	const template *t = template_find(d->template);
	ys_date day;
	char due[32] = "", start[32] = "";
	if (!date_parse(d->due, &day))
		date_cn(day, due, sizeof due);
	if (!date_parse(d->base, &day))
		date_cn(day, start, sizeof start);
	const char *keys[] = { "unit", "system", "docno", "due", "start", "authority", NULL };
	const char *vals[] = { d->unit, d->system, d->docno, due, start, t ? t->authority : "" };
	buf b = { 0 };
	text_fill(&b, d->def->notice, keys, vals);
	app_rec r;
	app_data *data = NULL;
	ys_err e;
	if (d->app_id && strstr(b.s, "{form.") && apps_load(s, d->app_id, &r, &data, &e))
		data = NULL;
	char *text = fill_form(b.s, data);
	app_data_free(data);
	buf_free(&b);
	return text;
}
