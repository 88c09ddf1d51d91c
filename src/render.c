/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* render.c - one wording of values, tables, totals, history and deadlines. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render.h"
#include "json.h"
#include "template.h"

void render_value(buf *out, const tpl_field *f, const char *v, const char *on, const char *off)
{
	if (f->type == F_BOOL) {
		buf_printf(out, "%s是 %s否", !strcmp(v, "是") ? on : off, !strcmp(v, "否") ? on : off);
	} else if (f->type == F_CHOICE || f->type == F_MULTI) {
		for (int i = 0; i < f->nchoices; i++)
			buf_printf(out, "%s%s%s", i ? " " : "", value_has(v, f->choices[i].value) ? on : off,
				   f->choices[i].value);
		char *others = value_others(f, v), *save = NULL;
		for (char *it = strtok_r(others, "\n", &save); it; it = strtok_r(NULL, "\n", &save))
			buf_printf(out, " %s其他：%s", on, it);
		free(others);
	} else if (!*v) {
		buf_puts(out, "—");
	} else {
		buf_printf(out, "%s%s", v, f->type == F_INT && f->unit ? f->unit : "");
	}
}

void render_table(buf *out, const app_data *d, int t)
{
	const tpl_table *tt = &d->form->tables[t];
	if (!d->tables[t].nrows)
		buf_puts(out, "（无）");
	for (int r = 0; r < d->tables[t].nrows; r++) {
		buf_printf(out, "%s第%d行：", r ? "\n" : "", r + 1);
		int first = 1;
		for (int c = 0; c < tt->ncols; c++) {
			const char *v = app_cell_shown(d, t, r, c);
			if (!*v)
				continue;
			buf_printf(out, "%s%s ", first ? "" : "；", tt->cols[c].label);
			/* Choices read as the chosen items here, not every box. */
			if (tt->cols[c].type == F_MULTI || tt->cols[c].type == F_CHOICE) {
				for (const char *p = v; *p; p++)
					buf_add(out, *p == '\n' ? "、" : p, *p == '\n' ? strlen("、") : 1);
			} else {
				render_value(out, &tt->cols[c], v, "☑", "☐");
			}
			first = 0;
		}
	}
}

void render_totals(buf *out, const app_totals *t)
{
	buf_printf(out, "主机 %lld 台，vCPU %lld 核，内存 %lld GB，存储 %lld GB", t->hosts, t->vcpu, t->mem_gb,
		   t->storage_gb);
	if (t->bandwidth)
		buf_printf(out, "，带宽 %lld Mbps", t->bandwidth);
}

void render_event(buf *out, const app_event *e, const tpl_flow *fl)
{
	const tpl_step *sp = flow_step(fl, e->step);
	if (!strcmp(e->kind, EV_EDIT))
		buf_printf(out, "修改 %s：“%s”→“%s”", e->field ? e->field : "", e->old ? e->old : "",
			   e->new ? e->new : "");
	else if (!strcmp(e->kind, EV_CREATE))
		buf_puts(out, "新建草稿");
	else if (!strcmp(e->kind, EV_DUTY))
		buf_printf(out, "到期事项：%s", e->label);
	else if (!strcmp(e->kind, EV_RECALL))
		buf_printf(out, "%s%s撤回本人的签署“%s”", sp ? sp->name : "", sp ? "：" : "", e->new ? e->new : "");
	else if (sp)
		buf_printf(out, "%s：%s", sp->name, e->label);
	else if (e->label[0])
		buf_puts(out, e->label);
	else
		buf_puts(out, event_label(e->kind));
	char dl[40];
	if (e->deadline[0] && (!strcmp(e->kind, EV_ACT) || !strcmp(e->kind, EV_DUTY)))
		buf_printf(out, "（期限 %s）", render_deadline(e->deadline, dl, sizeof dl));
	if (!strcmp(e->kind, EV_ACT) && e->old && *e->old)
		buf_printf(out, "〔记录：%s〕", e->old);
	if (e->recalled)
		buf_puts(out, "〔已撤回〕");
}

const char *render_deadline(const char *iso, char *out, size_t n)
{
	ys_date d;
	if (!iso || !*iso || date_parse(iso, &d))
		snprintf(out, n, "无时限");
	else
		snprintf(out, n, "%s%s", iso, workdays_provisional(d) ? "（暂定）" : "");
	return out;
}

void render_left(char *out, size_t n, const app_rec *r, ys_date today, int style, int *overdue,
		 int *due_today)
{
	int days, st = apps_deadline_state(r, today, &days);
	int full = style == RENDER_FULL;
	*overdue = st == DUE_OVERDUE;
	*due_today = st == DUE_TODAY;
	switch (st) {
	case DUE_NONE: snprintf(out, n, "%s", strcmp(r->status, ST_PENDING) ? "" : "无时限"); break;
	case DUE_OVERDUE: snprintf(out, n, full ? "超期 %d 个工作日" : "超期%d", days); break;
	case DUE_TODAY: snprintf(out, n, "今天到期"); break;
	default: snprintf(out, n, full ? "剩 %d 个工作日" : "剩%d", days); break;
	}
}

static void stored_value(buf *out, const json *v)
{
	if (v->type == J_ARRAY) {
		for (int i = 0; i < v->n; i++)
			buf_printf(out, "%s%s", i ? "、" : "", v->kids[i]->text ? v->kids[i]->text : "");
	} else if (v->type == J_TRUE || v->type == J_FALSE) {
		buf_puts(out, v->type == J_TRUE ? "是" : "否");
	} else {
		buf_puts(out, v->text && *v->text ? v->text : "—");
	}
}

int render_stored(buf *out, store *s, const app_rec *r)
{
	char *text = r->id && template_broken(r->template) ? apps_data_text(s, r->id, NULL) : NULL;
	if (!text)
		return -1;
	buf_puts(out, "按存储的字段 id 显示（模板修好后恢复原表样式）：\n");
	json *j = json_parse(text, NULL);
	free(text);
	const json *fields = json_get(j, "fields"), *tables = json_get(j, "tables");
	for (int i = 0; fields && i < fields->n; i++) {
		buf_printf(out, "  %s：", fields->kids[i]->key);
		stored_value(out, fields->kids[i]);
		buf_puts(out, "\n");
	}
	for (int i = 0; tables && i < tables->n; i++)
		for (int r = 0; r < tables->kids[i]->n; r++) {
			const json *row = tables->kids[i]->kids[r];
			buf_printf(out, "  %s 第 %d 行：", tables->kids[i]->key, r + 1);
			for (int c = 0; c < row->n; c++) {
				buf_printf(out, "%s%s ", c ? "；" : "", row->kids[c]->key);
				stored_value(out, row->kids[c]);
			}
			buf_puts(out, "\n");
		}
	if (!j)
		buf_puts(out, "  （存储的数据无法读取）\n");
	json_free(j);
	return 0;
}
