/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* dialog.c - the approval dialog: the step, its deadline and what is left
 * of it, earlier opinions, an opinion box, exactly the choices
 * workflow_actions allows, and a confirmation before workflow_act signs. */
#include "config.h"
#include "capacity.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "edit.h"
#include "phrases.h"
#include "render.h"
#include "render_flow.h"
#include "screens.h"
#include "text.h"
#include "workflow.h"

typedef struct dialog {
	long long id;
	app_rec r;
	wf_action acts[16];
	int nacts, choice, focus;       /* focus 0: opinion box, 1: choices */
	char why[1100];
	char who[200];                  /* who signs, as the record will say (workflow_signer) */
	ui_edit op;
	pager ev;
	int ev_w, signed_;
	long long dv;                   /* store_data_version it was read at */
} dialog;

enum { DL_BACK = 1, DL_TAB, DL_ENTER, DL_SIGN, DL_HIST, DL_LEFT, DL_RIGHT, DL_PHRASE, DL_KEEP };

static const ui_key dialog_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_ESC, DL_BACK, "Esc", "返回", "不签署，返回" },
	{ UI_TAB, DL_TAB, "Tab", "切换", "在意见框和选择之间切换" },
	{ UI_FN(KEY_BTAB), DL_TAB, "Shift-Tab", NULL, NULL },
	{ UI_ENTER, DL_ENTER, "Enter", "确定", "意见框中：转到选择；选择上：签署所选（先确认）" },
	{ UI_FN(KEY_F(2)), DL_SIGN, "F2", "签署", "以所选的选择签署（先确认）" },
	{ UI_FN(KEY_F(3)), DL_HIST, "F3", "历史", "完整历史" },
	{ UI_FN(KEY_F(4)), DL_PHRASE, "F4", "常用", "常用意见：按编号选一条填入意见框（模板给本环节的在前，自己保存的在后）" },
	{ UI_CTRL('o'), DL_PHRASE, "Ctrl-O", NULL, NULL },
	{ UI_FN(KEY_F(6)), DL_KEEP, "F6", NULL, "把意见框里的文字存为自己的常用意见" },
	{ UI_FN(KEY_LEFT), DL_LEFT, "Left", NULL, "选择上：前一个选择；意见框中：光标左移" },
	{ UI_FN(KEY_RIGHT), DL_RIGHT, "Right", NULL, "选择上：后一个选择；意见框中：光标右移" },
	EDIT_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

typedef struct evctx {
	dialog *d;
	const tpl_flow *fl;
} evctx;

static int add_event(const app_event *e, void *ctx)
{
	evctx *c = ctx;
	if (event_is_signature(e->kind) || (e->opinion && *e->opinion))
		appinfo_event(&c->d->ev, e, c->fl, COLS - 3);
	return 0;
}

static void load(dialog *d)
{
	d->dv = store_data_version(ui.s);   /* before reading: a commit meanwhile reads again */
	ys_err e;
	if (apps_get_as(ui.s, ui.me, d->id, &d->r, &e)) {
		snprintf(d->why, sizeof d->why, "%s", e.msg);
		d->nacts = 0;
		return;
	}
	d->nacts = workflow_actions(ui.s, &d->r, ui.me, d->acts, 16);
	workflow_signer(ui.s, &d->r, ui.me, d->who, sizeof d->who);
	workflow_why_not(ui.s, &d->r, ui.me, d->why, sizeof d->why);
	pager_clear(&d->ev);
	evctx c = { d, template_flow(template_find(d->r.template), d->r.kind) };
	apps_history(ui.s, d->id, add_event, &c, &e);
	d->ev_w = COLS;
}

static void dialog_draw(void *self)
{
	dialog *d = self;
	if (d->ev_w != COLS)
		load(d);
	const app_rec *r = &d->r;
	char t[1024];
	snprintf(t, sizeof t, " 签署  申请 %lld  %s%s签署人：%s", r->id, r->docno, r->docno[0] ? "  " : "", d->who);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	snprintf(t, sizeof t, "单位：%s    系统：%s", r->unit, r->system[0] ? r->system : "—");
	ui_text(1, 0, t, COLS, 0, 0);
	const tpl_step *sp = appinfo_step(r);
	if (sp) {
		snprintf(t, sizeof t, "环节：%s（%s签署）%s%s", sp->name, role_label(sp->role),
			 sp->article ? "  依据：" : "", sp->article ? sp->article : "");
		ui_text(2, 0, t, COLS, ui_attr(A_UI_HEAD), 0);
		char left[32];
		int la, over;
		appinfo_left(r, ui_today(), 1, left, sizeof left, &la, &over);
		char dl[40];
		snprintf(t, sizeof t, "期限：%s  %s%s", render_deadline(r->deadline, dl, sizeof dl), over ? "! " : "",
			 left);
		ui_text(3, 0, t, COLS, over ? ui_attr(A_UI_OVERDUE) : la, 0);
	} else {
		char label[128];
		snprintf(t, sizeof t, "状态：%s", apps_status_label(r, label, sizeof label));
		ui_text(2, 0, t, COLS, ui_attr(A_UI_HEAD), 0);
	}
	buf tb = { 0 };
	render_totals(&tb, &r->totals);
	snprintf(t, sizeof t, "合计：%s", tb.s);
	buf_free(&tb);
	ui_text(4, 0, t, COLS, 0, 0);

	int boxh = 4, ychoice = LINES - 3, ybox = ychoice - boxh, ylabel = ybox - 1;
	int yev = 6, hev = ylabel - yev;
	ui_text(5, 0, "此前意见：", COLS, ui_attr(A_UI_HEAD), 0);
	if (!d->ev.n) {
		ui_text(yev, 2, "（无）", COLS - 2, ui_attr(A_UI_DIM), 0);
	} else {
		d->ev.top = d->ev.n - hev;      /* the latest at the bottom */
		for (int i = 0; i < hev && i < d->ev.n; i++) {
			int k = d->ev.n > hev ? d->ev.n - hev + i : i;
			ui_text(yev + i, 2, d->ev.v[k].s, COLS - 2, d->ev.v[k].attr, 0);
		}
	}
	/* An opinion typed before someone else signed stays in sight. */
	int box = d->nacts || d->op.len;
	ui_text(ylabel, 0, box ? "意见：" : "", COLS, ui_attr(A_UI_HEAD), 0);
	if (box)
		edit_draw_box(&d->op, ybox, 2, COLS - 4, boxh, ui_attr(d->focus == 0 ? A_UI_FOCUS : A_UI_FIELD),
			      d->focus == 0);
	if (!d->nacts) {
		ui_text(ychoice, 0, d->why[0] ? d->why : "您在此环节没有可做的动作", COLS, ui_attr(A_UI_ERR), 0);
		return;
	}
	int x = ui_text(ychoice, 0, "选择：", COLS, ui_attr(A_UI_HEAD), 0);
	for (int i = 0; i < d->nacts && x < COLS - 2; i++) {
		char c[96];
		snprintf(c, sizeof c, "[%d %s%s]", i + 1, d->acts[i].label, d->acts[i].opinion_required ? "*" : "");
		int a = i == d->choice ? (d->focus == 1 ? ui_attr(A_UI_SEL) | A_BOLD : A_BOLD) : 0;
		if (i == d->choice && d->focus == 1)
			ui_cursor(ychoice, x);
		x += ui_text(ychoice, x, c, COLS - x - 1, a, 0) + 1;
	}
	if (d->focus == 0)
		ui_hint("填写意见（可不填；带 * 的选择必须填写），Tab 或 Enter 转到选择");
	else
		ui_hint("左右键或数字键选择，Enter 签署（签署前会确认），Tab 回到意见框");
}

static int sign(dialog *d)
{
	const wf_action *a = &d->acts[d->choice];
	char *op = edit_get(&d->op), *s = text_trim(op), why[256];
	free(op);
	if (workflow_opinion_check(a->label, a->opinion_required, s, why, sizeof why)) {
		ui_status(1, "%s", why);
		d->focus = 0;
		free(s);
		return UI_STAY;
	}
	const tpl_step *sp = appinfo_step(&d->r);
	/* What this step records (the materials 受理 checks, a confirmation),
	 * asked before the signature is confirmed. */
	enum { MAX = 96 };
	char vals[MAX][512], idv[MAX][96];
	const char *ids[MAX], *vp[MAX];
	wf_record rec = { ids, vp, 0 };
	app_rec tmp;
	app_data *ad;
	ys_err le;
	if (a->records && sp && apps_load(ui.s, d->id, &tmp, &ad, &le) == 0) {
		int nf;
		tpl_field *fs = step_record_fields(ad->tpl, d->r.kind, sp, ad, &nf);
		app_data_free(ad);
		rec.n = nf ? ui_ask_record(fs, nf, vals, ids, vp, MAX) : 0;
		for (int i = 0; i < rec.n; i++) {       /* the ids outlive fs */
			snprintf(idv[i], sizeof idv[i], "%s", ids[i]);
			ids[i] = idv[i];
		}
		step_record_free(fs, nf);
		if (rec.n < 0) {
			free(s);
			if (ui.hup)
				return UI_QUIT;
			ui_status(0, "未签署");
			return UI_STAY;
		}
	}
	/* What approving does to the pool, said before the signature: past
	 * the warning line the confirmation is the acknowledgement. */
	pool_effect pe;
	buf pw = { 0 };
	if (a->records && capacity_effect(ui.s, &d->r, &pe, NULL) > 0 && (pe.crosses || pe.over))
		capacity_words(&pw, &pe);
	buf idle = { 0 };
	if (!render_idle(&idle, ui.s, &d->r) && idle.s)
		buf_printf(&pw, "%s%s", pw.len ? "。" : "", idle.s);
	buf_free(&idle);
	char q[1800];
	snprintf(q, sizeof q, "%s%s确认以“%s”签署申请 %lld%s%s%s（签署人 %s）？（y 确认，n 取消）", pw.s ? pw.s : "",
		 pw.s ? "。" : "", a->label, d->id, sp ? "的“" : "", sp ? sp->name : "", sp ? "”" : "", d->who);
	buf_free(&pw);
	if (!ui_confirm(q)) {
		free(s);
		if (ui.hup)
			return UI_QUIT;
		ui_status(0, "未签署");
		return UI_STAY;
	}
	char now[17];
	ui_now(now);
	ys_err e;
	/* The step, round and content this dialog showed: if someone signed
	 * or changed it meanwhile, the core refuses and says who. */
	wf_seen seen = { d->r.step, d->r.round, d->r.version, 1 };   /* the question said it */
	int rc = workflow_act(ui.s, ui.me, d->id, &seen, a->id, s, &rec, now, &e);
	free(s);
	if (rc) {
		ui_status(1, "%s", e.msg);
		d->ev_w = 0;            /* redraw from the database */
		d->focus = 0;
		return UI_STAY;
	}
	app_rec after;
	char label[128];
	if (apps_get(ui.s, d->id, &after, &e) == 0)
		ui_status(0, "已签署：申请 %lld %s，现为“%s”（签错了按 R 撤回）", d->id, a->label,
			  apps_status_label(&after, label, sizeof label));
	d->signed_ = 1;
	recall_last_signed = d->id;
	return UI_BACK;
}

/* F4: an opinion of the step's or one's own, by number, into the box. */
static int pick_phrase(dialog *d)
{
	phrase_list pl;
	ys_err e;
	const tpl_step *sp = appinfo_step(&d->r);
	if (phrases_for(ui.s, sp, ui.me->login, &pl, &e)) {
		ui_status(1, "%s", e.msg);
		return UI_STAY;
	}
	if (!pl.n) {
		ui_status(0, "本环节没有常用意见；在意见框写好后按 F6 存为自己的常用意见");
		return UI_STAY;
	}
	char **lines = xmalloc(sizeof *lines * (size_t)pl.n);
	for (int i = 0; i < pl.n; i++) {
		buf b = { 0 };
		buf_printf(&b, "%s%s", pl.v[i], i < pl.ntpl ? "" : "　（我的）");
		lines[i] = buf_take(&b);
	}
	char title[160];
	snprintf(title, sizeof title, " 常用意见：%s%s（数字键或 Enter 选用）", sp ? sp->name : "",
		 sp && sp->phrases_only ? "，同意时只能从中选" : "");
	int k = ui_menu(title, (const char *const *)lines, pl.n, 0);
	if (k >= 0) {
		edit_set(&d->op, pl.v[k]);
		d->focus = 0;
		ui_status(0, "已填入第 %d 条常用意见，可再修改；Tab 转到选择", k + 1);
	}
	for (int i = 0; i < pl.n; i++)
		free(lines[i]);
	free(lines);
	phrase_list_free(&pl);
	return k < 0 && ui.hup ? UI_QUIT : UI_STAY;
}

/* F6: the opinion in the box kept among one's own phrases. */
static int keep_phrase(dialog *d)
{
	char *t = edit_get(&d->op), now[17];
	ys_err e;
	ui_now(now);
	if (phrase_add(ui.s, ui.me->login, t, now, &e))
		ui_status(1, "%s", e.msg);
	else
		ui_status(0, "已存为常用意见（F4 选用）");
	free(t);
	return UI_STAY;
}

static int dialog_key(void *self, int cmd, int key)
{
	dialog *d = self;
	switch (cmd) {
	case DL_BACK:
		return UI_BACK;
	case DL_HIST:
		return history_run(d->id) == UI_QUIT ? UI_QUIT : UI_STAY;
	case DL_PHRASE:
		return pick_phrase(d);
	case DL_KEEP:
		return keep_phrase(d);
	case DL_TAB:
		if (d->nacts)
			d->focus = !d->focus;
		return UI_STAY;
	case DL_ENTER:
		if (!d->nacts)
			return UI_STAY;
		if (d->focus == 0) {
			d->focus = 1;
			return UI_STAY;
		}
		return sign(d);
	case DL_SIGN:
		return d->nacts ? sign(d) : UI_STAY;
	case DL_LEFT: case DL_RIGHT:
		if (d->focus == 0) {
			edit_key(&d->op, key);
		} else if (d->nacts) {
			d->choice += cmd == DL_LEFT ? -1 : 1;
			d->choice = (d->choice + d->nacts) % d->nacts;
		}
		return UI_STAY;
	}
	if (!d->nacts)
		return UI_STAY;
	if (d->focus == 1) {
		if (key >= '1' && key <= '9' && key - '1' < d->nacts) {
			d->choice = key - '1';
			return sign(d);
		}
		if (key == 'h' || key == 'k')
			return dialog_key(self, DL_LEFT, key);
		if (key == 'l' || key == 'j')
			return dialog_key(self, DL_RIGHT, key);
		if (key == UI_FN(KEY_UP))
			d->focus = 0;
		return UI_STAY;
	}
	if (edit_key(&d->op, key) < 0 && key == UI_FN(KEY_DOWN))
		d->focus = 1;
	return UI_STAY;
}

/* Another session signed meanwhile: the earlier opinions and the choices
 * are read again within a second; the opinion being typed stays. */
static void dialog_tick(void *self)
{
	dialog *d = self;
	if (store_data_version(ui.s) != d->dv)
		d->ev_w = 0;
}

static const ui_screen dialog_screen = { "审批对话框", dialog_keys, dialog_draw, dialog_key, dialog_tick, NULL };

int dialog_run(long long id, int *signed_)
{
	dialog d = { .id = id };
	d.op.multiline = 1;
	d.op.max = WF_OPINION_MAX;
	edit_set(&d.op, "");
	load(&d);
	int r = ui_loop(&dialog_screen, &d);
	*signed_ = d.signed_;
	edit_free(&d.op);
	pager_free(&d.ev);
	return r;
}
