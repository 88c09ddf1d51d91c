/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* detail.c - one application read top to bottom in its paper form's
 * order, with its deliveries and what the reader may do with it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "deliveries.h"
#include "duties.h"
#include "render.h"
#include "render_flow.h"
#include "screens.h"
#include "text.h"
#include "workflow.h"

typedef struct detail {
	long long id;
	pager p;
	app_rec r;
	duty_rec *duties;       /* its duties, open and closed, in template order */
	int nduties;
	int built_w;
	long long dv;           /* store_data_version it was built at */
	ui_key keys[64];        /* detail_keys with the follow-ups r's template has */
} detail;

enum { D_BACK = 1, D_SIGN, D_HIST, D_EDIT, D_OPS, D_PRINT, D_DUTY, D_RECALL, D_FOLLOW = 100 /* + FORM_FOLLOWUPS */ };

static const ui_key detail_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_ESC, D_BACK, "Esc", "返回", "返回列表" },
	{ 'q', D_BACK, "q", NULL, NULL },
	{ 'a', D_SIGN, "a", "签署", "签署当前环节（审批对话框）" },
	{ 'h', D_HIST, "h", "历史", "完整历史：谁、何时、做了什么、意见" },
	{ 'r', D_RECALL, "r", NULL, "撤回本人刚做的签署（下一环节尚未办理时），须写明理由" },
	{ 'e', D_EDIT, "e", "修改", "在表单中修改：录入员改草稿、退回补正的申请，或更正尚无人签署的申请；签署后只有管理员写明理由才能改" },
	{ 'd', D_OPS, "d", "交付", "交付记录：主机名、IP、端口、交付日期（运维）" },
	{ 'p', D_PRINT, "p", "打印", "导出本申请的打印表（Excel，本辖区纸质表样式，签字栏留空或带已签意见）" },
	{ 'x', D_DUTY, "x", NULL, "办结本申请的一项到期事项：按模板逐项填写记录，确认后签署" },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static int add_delivery(const delivery *d, void *ctx)
{
	pager *p = ctx;
	char who[200];
	user_display(ui.s, d->login, who, sizeof who);
	pager_add(p, 0, "  %s  主机 %s  IP %s  端口 %s  交付 %s  %s", d->line, d->host, d->ip,
		  d->ports[0] ? d->ports : "—", d->delivered_on, who);
	return 0;
}

static int keep_duty(const duty_rec *x, void *ctx)
{
	detail *d = ctx;
	*XPUSH(d->duties, d->nduties) = *x;
	return 0;
}

/* Its duties, open and closed, each with what is left or who closed it. */
static void add_duties(detail *d, int W)
{
	pager *p = &d->p;
	duty_filter f = { .app = d->id, .within = -1, .today = ui_today() };
	ys_err e;
	free(d->duties);
	d->duties = NULL;
	d->nduties = 0;
	if (duties_list(ui.s, &f, keep_duty, d, &e)) {
		pager_add(p, ui_attr(A_UI_ERR), "%s", e.msg);
		return;
	}
	if (!d->nduties)
		return;
	int open = 0;
	pager_add(p, 0, "%s", "");
	pager_add(p, ui_attr(A_UI_HEAD), "到期事项：");
	for (int i = 0; i < d->nduties; i++) {
		const duty_rec *x = &d->duties[i];
		char left[64], dl[40];
		int over;
		duty_left(x, f.today, left, sizeof left, &over);
		buf b = { 0 };
		buf_printf(&b, "  %s%s  期限 %s  %s（%s）", over ? "! " : "", x->def->label, render_deadline(x->due, dl, sizeof dl),
			   left, role_label(x->role));
		if (x->event_id) {
			char who[200];
			user_display(ui.s, x->closed_by, who, sizeof who);
			buf_printf(&b, "  %s %.10s：", who, x->closed_at);
			duty_record(ui.s, x, &b, &e);
		}
		open += !x->event_id;
		pager_wrap(p, over ? ui_attr(A_UI_OVERDUE) : x->event_id ? ui_attr(A_UI_DIM) : 0, 6, b.s, W);
		buf_free(&b);
	}
	if (open)
		pager_add(p, ui_attr(A_UI_OK), "  按 x 办结一项（填写记录并签署）");
}

/* x: the open duty to close, picked when there are several. */
static int close_duty(detail *d)
{
	const char *items[64];
	int map[64], n = 0;
	for (int i = 0; i < d->nduties && n < 64; i++)
		if (!d->duties[i].event_id) {
			map[n] = i;
			items[n++] = d->duties[i].def->label;
		}
	if (!n) {
		ui_status(1, "申请 %lld 没有未办的到期事项", d->id);
		return UI_STAY;
	}
	int k = n == 1 ? 0 : ui_menu("办结哪一项到期事项", items, n, 0);
	if (k < 0)
		return ui.hup ? UI_QUIT : UI_STAY;
	return due_close(&d->duties[map[k]]);
}

static void build(detail *d)
{
	d->dv = store_data_version(ui.s);   /* before reading: a commit meanwhile builds again */
	pager_clear(&d->p);
	pager *p = &d->p;
	int W = COLS - 1;
	app_data *a;
	ys_err e;
	if (apps_load_as(ui.s, ui.me, d->id, &d->r, &a, &e)) {
		pager_wrap(p, ui_attr(A_UI_ERR), 0, e.msg, W);
		buf b = { 0 };
		if (!render_stored(&b, ui.s, &d->r))
			pager_wrap(p, 0, 4, b.s, W);
		buf_free(&b);
		return;
	}
	app_rec *r = &d->r;
	form_followup_keys(d->keys, (int)(sizeof d->keys / sizeof d->keys[0]), detail_keys, PG_UP, D_FOLLOW, r);
	char label[128], left[32];
	int la, over;
	appinfo_left(r, ui_today(), 1, left, sizeof left, &la, &over);
	pager_wrap(p, ui_attr(A_UI_HEAD), 2, a->form->title, W);
	pager_add(p, 0, "编号 %lld    %s%s", r->id, r->docno[0] ? "文号 " : "", r->docno);
	pager_add(p, 0, "辖区：%s    类型：%s    状态：%s", a->tpl->name, kind_label(r->kind),
		  apps_status_label(r, label, sizeof label));
	const tpl_step *sp = appinfo_step(r);
	char dl[40];
	if (sp) {
		buf who = { 0 };
		render_signers(&who, ui.s, r, sp);
		pager_add(p, over ? ui_attr(A_UI_OVERDUE) : la, "当前环节：%s（%s）  期限：%s  %s%s", sp->name, who.s,
			  render_deadline(r->deadline, dl, sizeof dl), over ? "! " : "", left);
		buf_free(&who);
	}
	buf pool = { 0 };
	if (!render_capacity(&pool, ui.s, r) && pool.s)
		pager_wrap(p, ui_attr(A_UI_HEAD), 2, pool.s, W);
	buf_free(&pool);
	buf idle = { 0 };
	if (!render_idle(&idle, ui.s, r) && idle.s)
		pager_wrap(p, ui_attr(A_UI_OVERDUE), 2, idle.s, W);
	buf_free(&idle);
	if (r->parent_id)
		pager_add(p, 0, "原申请：%lld", r->parent_id);
	for (int s = 0; s < a->form->nsections; s++) {
		const tpl_section *sec = &a->form->sections[s];
		if (!app_section_counts(a, s))
			continue;
		pager_add(p, 0, "%s", "");
		pager_add(p, ui_attr(A_UI_HEAD), "【%s】", sec->title);
		if (sec->text && !sec->nfields && sec->table < 0) {
			int used;
			size_t n = text_cut(sec->text, W - 14, &used);
			pager_add(p, ui_attr(A_UI_DIM), "  %.*s%s", (int)n, sec->text, sec->text[n] ? "……" : "");
		}
		for (int k = 0; k < sec->nfields; k++) {
			int fi = sec->first_field + k;
			const tpl_field *f = &a->form->fields[fi];
			if (!app_field_counts(a, fi))
				continue;
			char v[4096];
			appinfo_value(f, a->vals[fi], v, sizeof v);
			int lw = text_width(f->label);
			buf b = { 0 };
			buf_printf(&b, "  %s%*s  %s", f->label, lw < 20 ? 20 - lw : 0, "", v);
			pager_wrap(p, 0, 24, b.s, W);
			buf_free(&b);
		}
		if (sec->table >= 0) {
			const tpl_table *tb = &a->form->tables[sec->table];
			int ti = sec->table;
			if (!a->tables[ti].nrows)
				pager_add(p, 0, "  （无）");
			for (int row = 0; row < a->tables[ti].nrows; row++) {
				buf b = { 0 };
				buf_printf(&b, "  第 %d 行：", row + 1);
				for (int c = 0; c < tb->ncols; c++) {
					const char *v = app_cell(a, ti, row, c);
					if (!*v)
						continue;
					char *vv = xstrdup(v);
					for (char *q = vv; *q; q++)
						if (*q == '\n')
							*q = '/';
					buf_printf(&b, "%s%s %s%s", c ? "；" : "", tb->cols[c].label, vv,
						   tb->cols[c].type == F_INT && tb->cols[c].unit ? tb->cols[c].unit : "");
					free(vv);
				}
				pager_wrap(p, 0, 12, b.s, W);
				buf_free(&b);
			}
		}
	}
	pager_add(p, 0, "%s", "");
	buf tb = { 0 };
	render_totals(&tb, &r->totals);
	pager_add(p, ui_attr(A_UI_HEAD), "合计：%s", tb.s);
	buf_free(&tb);
	buf ok = { 0 };
	if (!render_approved(&ok, ui.s, r, a) && ok.s)
		pager_wrap(p, ui_attr(A_UI_HEAD), 2, ok.s, W);
	buf_free(&ok);
	int before = p->n;
	pager_add(p, ui_attr(A_UI_HEAD), "交付记录：");
	deliveries_list(ui.s, r->id, add_delivery, p, &e);
	if (p->n == before + 1) {
		free(p->v[--p->n].s);
	}
	add_duties(d, W);
	wf_action acts[16];
	int n = workflow_actions(ui.s, r, ui.me, acts, 16);
	char why[512];
	const char *blocked = workflow_why_not(ui.s, r, ui.me, why, sizeof why) ? why : NULL;
	if (n) {
		buf b = { 0 };
		buf_puts(&b, "可做：");
		for (int i = 0; i < n; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", acts[i].label);
		buf_printf(&b, "（按 %s）", appinfo_editable(r) ? "e 修改后提交" : "a 签署");
		pager_add(p, 0, "%s", "");
		pager_wrap(p, ui_attr(A_UI_OK), 2, b.s, W);
		buf_free(&b);
	} else if (blocked) {
		pager_add(p, 0, "%s", "");
		pager_wrap(p, ui_attr(A_UI_ERR), 2, blocked, W);
	}
	buf fb = { 0 };
	for (int i = 0; form_followups[i].kind; i++)
		if (form_followup_ok(r, form_followups[i].kind))
			buf_printf(&fb, "%s%s（按 %s）", fb.len ? "、" : "可办理：", form_followups[i].bar,
				   form_followups[i].name);
	if (fb.len) {
		pager_add(p, 0, "%s", "");
		pager_wrap(p, ui_attr(A_UI_OK), 2, fb.s, W);
	}
	buf_free(&fb);
	app_data_free(a);
	d->built_w = COLS;
}

static void detail_draw(void *self)
{
	detail *d = self;
	if (d->built_w != COLS) {
		int top = d->p.top;
		build(d);
		d->p.top = top;
	}
	char t[512];
	snprintf(t, sizeof t, " 申请 %lld  %s", d->id, d->r.unit);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&d->p, 1, LINES - 3);
}

static int detail_key(void *self, int cmd, int key)
{
	detail *d = self;
	int r = UI_STAY;
	(void)key;
	switch (cmd) {
	case D_BACK:
		return UI_BACK;
	case D_SIGN: {
		int s = 0;
		r = dialog_run(d->id, &s);
		if (s && r != UI_QUIT)
			return UI_BACK;
		break;
	}
	case D_HIST:
		r = history_run(d->id);
		break;
	case D_EDIT:
		r = form_run(d->id, NULL, NULL);     /* refuses with the core's reason */
		break;
	case D_OPS:
		r = ops_run(d->id);
		break;
	case D_PRINT:
		r = export_form_run(d->id);
		break;
	case D_DUTY:
		r = close_duty(d);
		break;
	case D_RECALL:
		r = recall_run(d->id);
		break;
	default:
		if (cmd >= D_FOLLOW && cmd < D_FOLLOW + FORM_FOLLOWUPS) {
			r = form_followup(d->id, form_followups[cmd - D_FOLLOW].kind);
			break;
		}
		pager_key(&d->p, cmd, LINES - 3);
		return UI_STAY;
	}
	d->built_w = 0;
	return r == UI_QUIT ? UI_QUIT : UI_STAY;
}

/* Another session signed or changed it: rebuilt within a second, at the
 * same place on the page. */
static void detail_tick(void *self)
{
	detail *d = self;
	if (store_data_version(ui.s) != d->dv)
		d->built_w = 0;
}

static const ui_screen detail_screen = { "申请详情", detail_keys, detail_draw, detail_key, detail_tick, NULL };

int detail_run(long long id)
{
	detail d = { .id = id };
	/* The key table follows the application (build() fills it in). */
	ui_screen sc = detail_screen;
	form_followup_keys(d.keys, (int)(sizeof d.keys / sizeof d.keys[0]), detail_keys, PG_UP, D_FOLLOW, NULL);
	sc.keys = d.keys;
	int r = ui_loop(&sc, &d);
	pager_free(&d.p);
	free(d.duties);
	return r;
}
