/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* cli_show.c - the read-only commands: templates, template, list, show.
 * Human output is aligned by terminal columns (CJK-aware); --json prints
 * one document. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "appjson.h"
#include "apps.h"
#include "buf.h"
#include "cli.h"
#include "csv.h"
#include "phrases.h"
#include "views.h"
#include "render.h"
#include "render_flow.h"
#include "template.h"
#include "text.h"
#include "workflow.h"

/* "3 个工作日（自“受理”签署起）", "15 个日历日（自进入本环节起）", "无时限". */
static void deadline_text(const tpl_flow *fl, const tpl_step *s, char *out, size_t n)
{
	if (s->dl_n < 0) {
		snprintf(out, n, "无时限");
		return;
	}
	const char *unit = s->dl_calendar ? "日历日" : "工作日";
	if (!s->dl_from)
		snprintf(out, n, "%d 个%s（自进入本环节起）", s->dl_n, unit);
	else if (!strcmp(s->dl_from, "submit"))
		snprintf(out, n, "%d 个%s（自提交起）", s->dl_n, unit);
	else {
		const tpl_step *from = flow_step(fl, s->dl_from);
		snprintf(out, n, "%d 个%s（自“%s”签署起）", s->dl_n, unit, from ? from->name : s->dl_from);
	}
}

int cmd_templates(cli *c)
{
	if (c->json)
		printf("{\"templates\":[");
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		if (c->json) {
			buf b = { 0 };
			buf_puts(&b, i ? ",{\"id\":" : "{\"id\":");
			buf_json_str(&b, t->id);
			buf_puts(&b, ",\"name\":");
			buf_json_str(&b, t->name);
			buf_puts(&b, ",\"authority\":");
			buf_json_str(&b, t->authority);
			buf_puts(&b, ",\"forms\":[");
			for (int f = 0; f < t->nforms; f++) {
				buf_puts(&b, f ? ",{\"kind\":" : "{\"kind\":");
				buf_json_str(&b, t->forms[f].kind);
				buf_puts(&b, ",\"title\":");
				buf_json_str(&b, t->forms[f].title);
				buf_puts(&b, "}");
			}
			buf_puts(&b, "]}");
			fputs(b.s, stdout);
			buf_free(&b);
			continue;
		}
		printf("%-10s ", t->id);
		cli_cell(t->name, 14);
		printf(" ");
		for (int f = 0; f < t->nforms; f++)
			printf("%s%s", f ? "、" : "", t->forms[f].title);
		printf("\n");
	}
	/* The ones that did not load, each with its place and what to fix. */
	if (c->json)
		printf("],\"broken\":[");
	for (int i = 0; i < templates_broken_count(); i++) {
		const tpl_broken *b = templates_broken_at(i);
		if (c->json) {
			buf j = { 0 };
			buf_puts(&j, i ? ",{\"id\":" : "{\"id\":");
			buf_json_str(&j, b->id);
			buf_puts(&j, ",\"path\":");
			buf_json_str(&j, b->path);
			buf_printf(&j, ",\"fallback\":%s,\"error\":", b->fallback ? "true" : "false");
			buf_json_str(&j, b->msg);
			buf_puts(&j, "}");
			fputs(j.s, stdout);
			buf_free(&j);
			continue;
		}
		printf("%-10s （未能载入%s）%s\n", b->id, b->fallback ? "，仍使用随程序安装的同名模板" : "", b->msg);
	}
	if (c->json)
		printf("]}\n");
	return 0;
}

static void field_json(buf *b, const tpl_field *f)
{
	buf_puts(b, "{\"id\":");
	buf_json_str(b, f->id);
	buf_puts(b, ",\"label\":");
	buf_json_str(b, f->label);
	buf_printf(b, ",\"type\":\"%s\",\"required\":%s", field_type_name(f->type), f->required ? "true" : "false");
	if (f->type == F_TEXT || f->type == F_TEXTAREA)
		buf_printf(b, ",\"max_len\":%d", f->max_len);
	if (f->has_min)
		buf_printf(b, ",\"min\":%lld", f->min);
	if (f->has_max)
		buf_printf(b, ",\"max\":%lld", f->max);
	if (f->step > 1)
		buf_printf(b, ",\"step\":%lld", f->step);
	if (f->unit) {
		buf_puts(b, ",\"unit\":");
		buf_json_str(b, f->unit);
	}
	if (f->maps)
		buf_printf(b, ",\"maps\":\"%s\"", maps_name(f->maps));
	if (f->nchoices) {
		buf_puts(b, ",\"choices\":[");
		for (int i = 0; i < f->nchoices; i++) {
			if (i)
				buf_puts(b, ",");
			buf_json_str(b, f->choices[i].value);
		}
		buf_printf(b, "],\"other\":%s", f->other ? "true" : "false");
	}
	buf_puts(b, "}");
}

static void field_line(const tpl_field *f, int indent)
{
	printf("%*s%-18s ", indent, "", f->id);
	cli_cell(f->label, 22);
	printf(" %s%s", field_type_label(f->type), f->required ? " 必填" : "");
	if (f->has_min || f->has_max)
		printf(" %lld~%lld", f->has_min ? f->min : 0, f->has_max ? f->max : 0);
	if (f->step > 1)
		printf(" 步长%lld", f->step);
	if (f->unit)
		printf(" %s", f->unit);
	if (f->nchoices) {
		printf(" [");
		for (int i = 0; i < f->nchoices; i++)
			printf("%s%s", i ? "/" : "", f->choices[i].value);
		printf("%s]", f->other ? "/其他" : "");
	}
	printf("\n");
}

int cmd_template(cli *c)
{
	if (c->argc != 1) {
		cli_error("用法：yunshen template ID（yunshen templates 列出全部）");
		return EXIT_USAGE;
	}
	const template *t = template_find(c->argv[0]);
	const tpl_broken *bt = template_broken(c->argv[0]);
	if (bt && !bt->fallback) {
		cli_error("模板“%s”未能载入：%s", c->argv[0], bt->msg);
		return 1;
	}
	if (!t) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", c->argv[0]);
		return 1;
	}
	if (c->json) {
		buf b = { 0 };
		buf_puts(&b, "{\"id\":");
		buf_json_str(&b, t->id);
		buf_puts(&b, ",\"name\":");
		buf_json_str(&b, t->name);
		buf_puts(&b, ",\"docno\":");
		if (t->docno)
			buf_json_str(&b, t->docno);
		else
			buf_puts(&b, "null");
		buf_puts(&b, ",\"forms\":[");
		for (int i = 0; i < t->nforms; i++) {
			const tpl_form *f = &t->forms[i];
			buf_puts(&b, i ? ",{\"kind\":" : "{\"kind\":");
			buf_json_str(&b, f->kind);
			buf_puts(&b, ",\"title\":");
			buf_json_str(&b, f->title);
			if (f->nserve) {
				buf_puts(&b, ",\"serves\":{\"field\":");
				buf_json_str(&b, f->serve_field);
				buf_puts(&b, ",\"kinds\":{");
				for (int k = 0; k < f->nserve; k++) {
					buf_puts(&b, k ? "," : "");
					buf_json_str(&b, f->serve_values[k]);
					buf_puts(&b, ":");
					buf_json_str(&b, f->serve_kinds[k]);
				}
				buf_puts(&b, "}}");
			}
			buf_puts(&b, ",\"fields\":[");
			for (int k = 0; k < f->nfields; k++) {
				if (k)
					buf_puts(&b, ",");
				field_json(&b, &f->fields[k]);
			}
			buf_puts(&b, "],\"tables\":[");
			for (int k = 0; k < f->ntables; k++) {
				buf_puts(&b, k ? ",{\"id\":" : "{\"id\":");
				buf_json_str(&b, f->tables[k].id);
				buf_puts(&b, ",\"title\":");
				buf_json_str(&b, f->tables[k].title);
				buf_puts(&b, ",\"columns\":[");
				for (int j = 0; j < f->tables[k].ncols; j++) {
					if (j)
						buf_puts(&b, ",");
					field_json(&b, &f->tables[k].cols[j]);
				}
				buf_puts(&b, "]}");
			}
			buf_puts(&b, "]}");
		}
		buf_puts(&b, "],\"workflows\":[");
		for (int i = 0; i < t->nflows; i++) {
			const tpl_flow *fl = &t->flows[i];
			buf_puts(&b, i ? ",{\"kind\":" : "{\"kind\":");
			buf_json_str(&b, fl->kind);
			buf_puts(&b, ",\"done\":");
			buf_json_str(&b, fl->done);
			buf_puts(&b, ",\"steps\":[");
			for (int k = 0; k < fl->nsteps; k++) {
				const tpl_step *s = &fl->steps[k];
				buf_puts(&b, k ? ",{\"id\":" : "{\"id\":");
				buf_json_str(&b, s->id);
				buf_puts(&b, ",\"name\":");
				buf_json_str(&b, s->name);
				buf_printf(&b, ",\"role\":\"%s\",\"review\":%s", s->role, s->review ? "true" : "false");
				if (s->dl_n >= 0) {
					buf_printf(&b, ",\"deadline\":{\"n\":%d,\"unit\":\"%s\",\"from\":", s->dl_n,
						   s->dl_calendar ? "cd" : "wd");
					buf_json_str(&b, s->dl_from ? s->dl_from : "start");
					buf_puts(&b, "}");
				} else {
					buf_puts(&b, ",\"deadline\":null");
				}
				if (s->when_filled)
					buf_printf(&b, ",\"when_filled\":\"%s\"", maps_name(s->when_filled));
				if (s->nb_n >= 0)
					buf_printf(&b, ",\"not_before\":{\"n\":%d,\"unit\":\"%s\"}", s->nb_n,
						   s->nb_calendar ? "cd" : "wd");
				buf_puts(&b, ",\"actions\":[");
				for (int a = 0; a < s->nactions; a++) {
					buf_puts(&b, a ? ",{\"id\":" : "{\"id\":");
					buf_json_str(&b, s->actions[a].id);
					buf_puts(&b, ",\"label\":");
					buf_json_str(&b, s->actions[a].label);
					buf_puts(&b, "}");
				}
				buf_puts(&b, "]}");
			}
			buf_puts(&b, "]}");
		}
		buf_puts(&b, "]}\n");
		fputs(b.s, stdout);
		buf_free(&b);
		return 0;
	}
	printf("%s  %s（%s）\n文号：%s\n", t->id, t->name, t->authority, t->docno ? t->docno : "无（纸质表没有文号）");
	for (int i = 0; i < t->nforms; i++) {
		const tpl_form *f = &t->forms[i];
		printf("\n表单 %s：%s\n", f->kind, f->title);
		if (f->nserve) {
			printf("  一张表办理几种申请，按“%s”：", form_field(f, f->serve_field)->label);
			for (int k = 0; k < f->nserve; k++)
				printf("%s%s→%s", k ? "、" : "", f->serve_values[k], f->serve_kinds[k]);
			printf("\n");
		}
		for (int s = 0; s < f->nsections; s++) {
			const tpl_section *sec = &f->sections[s];
			printf("  【%s】\n", sec->title);
			for (int k = 0; k < sec->nfields; k++)
				field_line(&f->fields[sec->first_field + k], 4);
			if (sec->table >= 0) {
				const tpl_table *tb = &f->tables[sec->table];
				printf("    表格 %s（每行）：\n", tb->id);
				for (int k = 0; k < tb->ncols; k++)
					field_line(&tb->cols[k], 6);
			}
		}
	}
	for (int i = 0; i < t->nflows; i++) {
		const tpl_flow *fl = &t->flows[i];
		printf("\n流程 %s（%s，完成后：%s）\n", fl->kind, fl->label, fl->done);
		for (int k = 0; k < fl->nsteps; k++) {
			const tpl_step *s = &fl->steps[k];
			char dl[160];
			deadline_text(fl, s, dl, sizeof dl);
			printf("  %d. %s [%s] 签署：%s", k + 1, s->name, s->id, role_label(s->role));
			if (s->need != 1)
				s->need ? printf("（%d 人会签）", s->need) : printf("（每一位%s会签）", role_label(s->role));
			printf("  时限：%s", dl);
			if (s->on_demand)
				printf("  （仅由动作进入）");
			if (s->nb_n >= 0)
				printf("  不少于 %d 个%s", s->nb_n, s->nb_calendar ? "日历日" : "工作日");
			if (s->when_filled)
				printf("  （仅当填写了 %s 时）", maps_name(s->when_filled));
			if (s->article)
				printf("  依据：%s", s->article);
			printf("\n     动作：");
			for (int a = 0; a < s->nactions; a++)
				printf("%s%s（%s）", a ? "、" : "", s->actions[a].id, s->actions[a].label);
			printf("\n");
		}
	}
	return 0;
}

/* ---- list ---- */

typedef struct lctx {
	cli *c;
	int n;
	buf *items;                    /* --json items or --csv rows, NULL for lines */
} lctx;

/* What is left of the deadline; "!" marks overdue rows for terminals and
 * readers without colour. */
static void left_text(const app_rec *r, ys_date today, char *out, size_t n)
{
	int over, today_;
	char t[64];
	render_left(t, sizeof t, r, today, RENDER_FULL, &over, &today_);
	snprintf(out, n, "%s%s", over ? "!" : "", t);
}

static int list_row(const app_rec *r, void *ctx)
{
	lctx *l = ctx;
	if (l->c->csv) {
		char label[128], left[64];
		int over, today_;
		const template *t = template_find(r->template);
		render_left(left, sizeof left, r, l->c->today, RENDER_FULL, &over, &today_);
		csv_put_ll(l->items, r->id);
		csv_put(l->items, t ? t->name : r->template);
		csv_put(l->items, kind_label(r->kind));
		csv_put(l->items, r->docno);
		csv_put(l->items, r->unit);
		csv_put(l->items, r->system);
		csv_put(l->items, apps_status_label(r, label, sizeof label));
		csv_put(l->items, r->deadline);
		csv_put(l->items, left);
		csv_end_row(l->items);
		l->n++;
		cli_list_flush(l->c, "applications", l->items);
		return 0;
	}
	if (l->items) {
		if (l->n)
			buf_puts(l->items, ",");
		appjson_record(l->items, r, l->c->today);
		buf_puts(l->items, "}");
		l->n++;
		cli_list_flush(l->c, "applications", l->items);
		return 0;
	}
	char label[128], left[80];
	left_text(r, l->c->today, left, sizeof left);
	const template *t = template_find(r->template);
	printf("%6lld ", r->id);
	cli_cell(t ? t->name : r->template, 12);
	printf(" ");
	cli_cell(r->unit, 24);
	printf(" ");
	cli_cell(apps_status_label(r, label, sizeof label), 14);
	char dl[40];
	printf(" %-10s %s\n", r->deadline[0] ? render_deadline(r->deadline, dl, sizeof dl) : "", left);
	l->n++;
	return 0;
}

int cmd_list(cli *c)
{
	apps_filter f = { .today = c->today };
	const char *state = cli_opt(c, "--state"), *tpl = cli_opt(c, "--template"),
		   *search = cli_opt(c, "--search");
	f.overdue = cli_opt(c, "--overdue") != NULL;
	f.mine = cli_opt(c, "--mine") ? &c->me : NULL;
	if (c->argc) {
		cli_error("list 不认识参数“%s”（yunshen list --help）", c->argv[0]);
		return EXIT_USAGE;
	}
	if (state && !status_known(state)) {
		buf b = { 0 };
		for (int i = 0; vocab_statuses[i]; i++)
			buf_printf(&b, "%s%s %s", i ? "、" : "", vocab_statuses[i], status_label(vocab_statuses[i]));
		cli_error("状态“%s”无效（%s）", state, b.s);
		buf_free(&b);
		return EXIT_USAGE;
	}
	if (tpl && !template_find(tpl)) {
		cli_error("没有模板“%s”（yunshen templates 列出全部）", tpl);
		return EXIT_USAGE;
	}
	f.status = state;
	f.tpl = tpl;
	f.search = search;
	f.viewer = &c->me;
	const char *vname = cli_opt(c, "--view");
	saved_view *vs = NULL, *v = NULL;
	int nv = 0;
	if (vname && (state || tpl || search || f.overdue || f.mine)) {
		cli_error("--view 不能和 --state、--template、--search、--overdue、--mine 同时用");
		return EXIT_USAGE;
	}
	if (vname) {
		ys_err ve;
		if (views_saved(c->s, c->login, &vs, &nv, &ve)) {
			cli_error("%s", ve.msg);
			return 1;
		}
		for (int i = 0; i < nv; i++)
			if (!strcmp(vs[i].name, vname))
				v = &vs[i];
		if (!v) {
			free(vs);
			cli_error("没有名为“%s”的视图（yunshen view 列出）", vname);
			return 1;
		}
		view_saved_filter(v, &c->me, c->today, &f);
	}
	buf jb = { 0 };
	lctx l = { c, 0, c->json || c->csv ? &jb : NULL };
	ys_err e;
	if (c->csv)
		csv_header(&jb, (const char *const[]){ "编号", "辖区", "类型", "文号", "申请单位", "应用系统", "状态",
						       "期限", "剩余", NULL });
	else if (!c->json) {
		printf("  编号 ");
		cli_cell("辖区", 12);
		printf(" ");
		cli_cell("申请单位", 24);
		printf(" ");
		cli_cell("状态", 14);
		printf(" ");
		cli_cell("期限", 10);
		printf(" 剩余\n");
	}
	int rc = apps_list(c->s, &f, list_row, &l, &e);
	rc = cli_list_end(c, rc, &e, "applications", l.n, &jb, "共 %d 件\n");
	free(vs);
	return rc;
}

/* ---- show ---- */

static int history_row(const app_event *e, void *ctx)
{
	const tpl_flow *fl = ctx;
	buf b = { 0 };
	render_event(&b, e, fl);
	printf("  %s  %s %s", e->at, e->signer, b.s);
	if (e->opinion && *e->opinion)
		printf("  意见：%s", e->opinion);
	printf("\n");
	buf_free(&b);
	return 0;
}

static void value_line(const tpl_field *f, const char *v)
{
	buf b = { 0 };
	printf("  ");
	cli_cell(f->label, 26);
	render_value(&b, f, v, "☑", "☐");
	printf(" %s\n", b.s);
	buf_free(&b);
}

int cmd_show(cli *c)
{
	long long id;
	if (c->argc != 1) {
		cli_error("用法：yunshen show 编号");
		return EXIT_USAGE;
	}
	if (cli_id(c->argv[0], &id))
		return EXIT_USAGE;
	ys_err e;
	app_rec r = { 0 };
	app_data *d;
	if (apps_load_as(c->s, &c->me, id, &r, &d, &e)) {
		cli_error("%s", e.msg);
		buf b = { 0 };
		if (!c->json && !render_stored(&b, c->s, &r))
			fputs(b.s, stdout);
		buf_free(&b);
		return 1;
	}
	const tpl_flow *fl = template_flow(d->tpl, r.kind);
	const tpl_step *sp = flow_step(fl, r.step);
	wf_action acts[16];
	int nacts = workflow_actions(c->s, &r, &c->me, acts, 16);
	char why[512];
	const char *blocked = workflow_why_not(c->s, &r, &c->me, why, sizeof why) ? why : NULL;
	if (c->json) {
		buf b = { 0 };
		int rc = appjson_show(&b, c->s, &c->me, &r, d, c->today, &e);
		if (!rc)
			printf("%s\n", b.s);
		else
			cli_error("%s", e.msg);
		buf_free(&b);
		app_data_free(d);
		return rc ? 1 : 0;
	}
	char label[128], left[80];
	left_text(&r, c->today, left, sizeof left);
	printf("申请 %lld  %s  %s%s%s\n", r.id, d->form->title, r.docno[0] ? "文号 " : "", r.docno,
	       r.parent_id ? "" : "");
	if (r.parent_id)
		printf("原申请：%lld\n", r.parent_id);
	printf("辖区：%s    类型：%s    状态：%s\n", d->tpl->name, kind_label(r.kind),
	       apps_status_label(&r, label, sizeof label));
	char nb[11];
	char dlt[40];
	if (sp) {
		buf who = { 0 };
		render_signers(&who, c->s, &r, sp);
		printf("当前环节：%s（%s）  期限：%s  %s\n", sp->name, who.s, render_deadline(r.deadline, dlt, sizeof dlt),
		       left);
		buf_free(&who);
	}
	buf pool = { 0 };
	if (!render_capacity(&pool, c->s, &r) && pool.s)
		printf("%s\n", pool.s);
	buf_free(&pool);
	buf idle = { 0 };
	if (!render_idle(&idle, c->s, &r) && idle.s)
		printf("%s\n", idle.s);
	buf_free(&idle);
	if (workflow_not_before(&r, nb))
		printf("本环节不少于 %d 个%s，最早 %s 可以推进\n", sp->nb_n, sp->nb_calendar ? "日历日" : "工作日", nb);
	for (int s = 0; s < d->form->nsections; s++) {
		const tpl_section *sec = &d->form->sections[s];
		if (!app_section_counts(d, s))
			continue;
		printf("\n【%s】\n", sec->title);
		if (sec->text && !sec->nfields && sec->table < 0) {
			int used;
			size_t n = text_cut(sec->text, 70, &used);
			printf("  %.*s%s\n", (int)n, sec->text, sec->text[n] ? "……" : "");
		}
		for (int k = 0; k < sec->nfields; k++) {
			int fi = sec->first_field + k;
			if (app_field_counts(d, fi))
				value_line(&d->form->fields[fi], d->vals[fi]);
		}
		if (sec->table >= 0) {
			const tpl_table *tb = &d->form->tables[sec->table];
			int ti = sec->table;
			if (!d->tables[ti].nrows)
				printf("  （无）\n");
			for (int row = 0; row < d->tables[ti].nrows; row++) {
				printf("  第 %d 行\n", row + 1);
				for (int col = 0; col < tb->ncols; col++) {
					printf("  ");
					value_line(&tb->cols[col], app_cell_shown(d, ti, row, col));
				}
			}
		}
	}
	buf tb = { 0 }, ok = { 0 };
	render_totals(&tb, &r.totals);
	render_approved(&ok, c->s, &r, d);
	printf("\n合计：%s。\n%s%s\n历史：\n", tb.s, ok.s ? ok.s : "", ok.s ? "。\n" : "");
	buf_free(&tb);
	buf_free(&ok);
	apps_history(c->s, id, history_row, (void *)fl, &e);
	if (nacts) {
		printf("\n可做的动作（yunshen act %lld 动作）：", id);
		for (int i = 0; i < nacts; i++)
			printf("%s%s（%s%s）", i ? "、" : "", acts[i].id, acts[i].label,
			       acts[i].opinion_required ? "，须填意见" : "");
		printf("\n");
		phrase_list pl;
		if (sp && !phrases_for(c->s, sp, c->login, &pl, &e) && pl.n) {
			printf("常用意见（--phrase 编号）%s：", sp->phrases_only ? "，本环节同意时只能从中选" : "");
			for (int i = 0; i < pl.n; i++)
				printf("%s%d. %s", i ? "  " : "", i + 1, pl.v[i]);
			printf("\n");
			phrase_list_free(&pl);
		}
		int nf;
		tpl_field *fs = step_record_fields(d->tpl, r.kind, sp, d, &nf);
		if (nf) {
			printf("本环节的记录（动作后写 记录项=值）：");
			for (int i = 0; i < nf; i++) {
				printf("%s%s=%s", i ? "  " : "", fs[i].id, fs[i].label);
				if (fs[i].must_be)
					printf("（须为%s）", fs[i].must_be);
				else if (fs[i].required)
					printf("（必填）");
			}
			printf("\n");
		}
		step_record_free(fs, nf);
	} else if (blocked) {
		printf("\n%s\n", blocked);
	}
	app_data_free(d);
	return 0;
}
