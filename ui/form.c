/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* form.c - the form screen: one per template, its paper form's sections
 * in order, a field per line, tables as grids. A value is checked when it
 * is left (field_check, reason on the status line); totals follow every
 * keystroke (app_totals_of); the draft is saved when a field is left,
 * every couple of seconds while typing, and on hang-up. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "edit.h"
#include "screens.h"
#include "text.h"
#include "edits.h"
#include "followup.h"
#include "workflow.h"
#include "form.h"

static const ui_key form_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_FN(KEY_F(2)), F_SUBMIT, "F2", "提交", "检查整张表并提交（先确认）" },
	{ UI_CTRL('s'), F_SAVE, "Ctrl-S", "存草稿", "立即保存草稿（平时离开每一栏和输入时都会自动保存）" },
	{ UI_FN(KEY_F(3)), F_ADDROW, "F3", "加行", "表格：在当前行后增加一行" },
	{ UI_CTRL('n'), F_ADDROW, "Ctrl-N", NULL, NULL },
	{ UI_FN(KEY_F(4)), F_DELROW, "F4", "删行", "表格：删除当前行（先确认）" },
	{ UI_ESC, F_BACK, "Esc", "返回", "保存草稿并返回" },
	{ UI_TAB, F_NEXT, "Tab", NULL, "下一栏（表格中：下一格）" },
	{ UI_ENTER, F_NEXT, "Enter", NULL, "下一栏；多行文字框中：换行（用 Tab 离开）" },
	{ UI_FN(KEY_BTAB), F_PREV, "Shift-Tab", NULL, "上一栏（表格中：上一格）" },
	{ UI_FN(KEY_DOWN), F_DOWN, "Down", NULL, "下一栏（表格中：下一行）" },
	{ UI_FN(KEY_UP), F_UP, "Up", NULL, "上一栏（表格中：上一行）" },
	{ UI_FN(KEY_LEFT), F_LEFT, "Left", NULL, "文字中移动光标；选项中移到前一个选项" },
	{ UI_FN(KEY_RIGHT), F_RIGHT, "Right", NULL, "文字中移动光标；选项中移到后一个选项" },
	{ ' ', F_SPACE, "Space", NULL, "选项上：勾选或取消（☑/☐）；文字中：空格" },
	{ UI_FN(KEY_NPAGE), F_PGDN, "PgDn", NULL, "下一节" },
	{ UI_FN(KEY_PPAGE), F_PGUP, "PgUp", NULL, "上一节" },
	{ UI_CTRL('u'), F_CLEAR, "Ctrl-U", NULL, "文字中：删到行首（Ctrl-Y 粘回，Ctrl-_ 撤销）；选项上：清空" },
	{ '1', F_DIGIT, "1-9", NULL, "选项上：按序号勾选第 1-9 个选项（单选即选中它）；文字中：数字" },
	{ '2', F_DIGIT, NULL, NULL, NULL }, { '3', F_DIGIT, NULL, NULL, NULL }, { '4', F_DIGIT, NULL, NULL, NULL },
	{ '5', F_DIGIT, NULL, NULL, NULL }, { '6', F_DIGIT, NULL, NULL, NULL }, { '7', F_DIGIT, NULL, NULL, NULL },
	{ '8', F_DIGIT, NULL, NULL, NULL }, { '9', F_DIGIT, NULL, NULL, NULL },
	EDIT_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

/* ---- keys ---- */

static int submit(form *f)
{
	form_leave(f);
	ys_err e;
	if (app_validate(f->d, &e)) {
		f->show_all = 1;
		/* Focus the first value that fails, in app_validate's order. */
		char msg[512];
		const tpl_form *fm = f->d->form;
		for (int i = 0; i < f->nitems; i++) {
			const item *it = &f->items[i];
			if (it->kind == IT_FIELD && field_check(&fm->fields[it->idx], f->d->vals[it->idx], msg, sizeof msg)) {
				form_enter_item(f, i, 0);
				goto found;
			}
		}
		for (int i = 0; i < f->nitems; i++) {
			const item *it = &f->items[i];
			if (it->kind != IT_TABLE)
				continue;
			const tpl_table *tb = &fm->tables[it->idx];
			if (form_nrows(f, it->idx) < tb->min_rows) {
				form_enter_item(f, i, 0);
				goto found;
			}
			for (int r = 0; r < form_nrows(f, it->idx); r++)
				for (int c = 0; c < tb->ncols; c++)
					if (field_check(&tb->cols[c], app_cell(f->d, it->idx, r, c), msg, sizeof msg)) {
						form_enter_item(f, i, 0);
						f->row = r;
						f->col = c;
						form_load_slot(f);
						goto found;
					}
		}
found:
		ui_status(1, "还不能提交：%s", e.msg);
		return UI_STAY;
	}
	f->dirty = f->dirty || !f->id;
	if (form_save(f))
		return UI_STAY;
	if (!status_with_clerk(f->status)) {
		/* Already submitted (a correction before anyone signed, or an
		 * admin's): saved is all. */
		ui_status(0, "修改已保存：申请 %lld 仍在审核中", f->id);
		f->done = 1;
		return UI_BACK;
	}
	char q[256];
	snprintf(q, sizeof q, "提交申请 %lld？提交后进入审核流程（y 提交，n 取消）", f->id);
	if (!ui_confirm(q))
		return ui.hup ? UI_QUIT : UI_STAY;
	char now[17];
	ui_now(now);
	if (workflow_act(ui.s, ui.me, f->id, NULL, ACT_SUBMIT, NULL, NULL, now, &e)) {
		ui_status(1, "%s", e.msg);
		return UI_STAY;
	}
	app_rec r;
	char label[128];
	if (apps_get(ui.s, f->id, &r, &e) == 0)
		ui_status(0, "已提交：申请 %lld，文号 %s，现为“%s”", f->id, r.docno,
			  apps_status_label(&r, label, sizeof label));
	f->done = 1;
	return UI_BACK;
}

static int form_key(void *self, int cmd, int key)
{
	form *f = self;
	const tpl_field *fd = form_slot_field(f);
	int opts = form_is_options(fd), on_other = opts && fd->type != F_BOOL && f->ocur >= fd->nchoices;
	if (cmd != F_BACK)
		f->discard = 0;
	/* A paste keeps its line breaks in a box and never jumps fields. */
	if (ui.paste && (key == UI_ENTER || key == UI_TAB)) {
		if (fd && !form_is_options(fd) && edit_key(&f->ed, key) > 0) {
			char *s = edit_get(&f->ed);
			form_slot_set(f, s);
			free(s);
		}
		return UI_STAY;
	}
	if (form_locked(f) && (cmd == F_SPACE || cmd == F_CLEAR || cmd == F_DIGIT || cmd == -1)) {
		ui_status(1, "“%s”取自原申请，不能修改", fd->label);
		return UI_STAY;
	}
	/* Enter in a multi-line box is a new line; Tab leaves it. */
	if (cmd == F_NEXT && key == UI_ENTER && fd && fd->type == F_TEXTAREA && !form_locked(f)) {
		if (edit_newline(&f->ed)) {
			char *s = edit_get(&f->ed);
			form_slot_set(f, s);
			free(s);
		}
		form_maybe_save(f);
		return UI_STAY;
	}
	switch (cmd) {
	case F_NEXT: form_next(f, 1); break;
	case F_PREV: form_next(f, -1); break;
	case F_DOWN: form_vertical(f, 1); break;
	case F_UP: form_vertical(f, -1); break;
	case F_PGDN: form_section_jump(f, 1); break;
	case F_PGUP: form_section_jump(f, -1); break;
	case F_ADDROW: form_add_row(f); break;
	case F_DELROW: form_del_row(f); break;
	case F_SAVE:
		/* Leaving the value saves it; a form never saved is created. */
		f->declined = 0;
		form_leave(f);
		if (!f->id) {
			f->dirty = 1;
			form_save(f);
		}
		if (!f->dirty)
			ui_status(0, status_with_clerk(f->status) ? "草稿已保存：申请 %lld" : "修改已保存：申请 %lld（已记入历史）",
				  f->id);
		break;
	case F_SUBMIT:
		return submit(f);
	case F_BACK:
		form_leave(f);
		/* Changes that could not be saved are not dropped on one key. */
		if (f->dirty && f->id && !f->discard) {
			f->discard = 1;
			ui_status(1, "修改未保存：Ctrl-S 重试，再按 Esc 放弃这些修改并返回");
			return UI_STAY;
		}
		if (f->id && !f->dirty)
			ui_status(0, status_with_clerk(f->status) ? "草稿已保存：申请 %lld（在列表按 3 看草稿，Enter 继续填写）"
								  : "修改已保存：申请 %lld（已记入历史）", f->id);
		return UI_BACK;
	case F_LEFT: case F_RIGHT:
		if (opts && !(on_other && f->ed.len && ((cmd == F_LEFT && f->ed.cur > 0) ||
							(cmd == F_RIGHT && f->ed.cur < f->ed.len)))) {
			int n = form_nopts(fd);
			f->ocur = (f->ocur + (cmd == F_LEFT ? -1 : 1) + n) % n;
		} else if (fd) {
			edit_key(&f->ed, key);
		}
		break;
	case F_SPACE:
		if (opts && !on_other) {
			form_toggle(f, f->ocur);
			break;
		}
		if (opts && on_other && !f->ed.len) {
			form_toggle(f, f->ocur);
			break;
		}
		/* a space in text */
		/* fall through */
	default:
		if (!fd)
			break;
		if (opts && cmd == F_CLEAR) {
			edit_set(&f->ed, "");
			form_slot_set(f, "");
			f->ocur = 0;
			break;
		}
		if (opts && !on_other) {
			if (key >= '1' && key <= '9' && key - '1' < form_nopts(fd)) {
				f->ocur = key - '1';
				form_toggle(f, f->ocur);
			} else if (fd->type != F_BOOL && fd->other && UI_IS_CHAR(key)) {
				/* Typing on a choice fills in "other". */
				f->ocur = fd->nchoices;
				if (edit_key(&f->ed, key) > 0)
					form_typed_other(f);
			}
			break;
		}
		if (cmd == F_CLEAR)
			key = UI_CTRL('u');
		if (edit_key(&f->ed, key) > 0) {
			if (opts) {
				form_typed_other(f);
			} else {
				char *s = edit_get(&f->ed);
				form_slot_set(f, s);
				free(s);
			}
		}
	}
	form_maybe_save(f);
	return UI_STAY;
}

static void form_tick(void *self)
{
	form_maybe_save(self);
}

static void form_hup(void *self)
{
	form *f = self;
	form_save(f);
}

static const ui_screen form_screen = { "申请表", form_keys, form_draw, form_key, form_tick, form_hup };

/* A field that counts only for other kinds of one paper form (徽州's
 * 变更、退出说明 on a new application): its kind is fixed, so it is not
 * asked. */
static int other_kinds_only(const form *f, int i)
{
	const tpl_form *fm = f->d->form;
	const char *on = fm->fields[i].only_field;
	return on && fm->serve_field && !strcmp(on, fm->serve_field) && !app_field_counts(f->d, i);
}

static void build_items(form *f)
{
	const tpl_form *fm = f->d->form;
	f->items = xcalloc((size_t)(fm->nsections * 2 + fm->nfields + fm->ntables + 1), sizeof *f->items);
	f->labw = 8;
	for (int s = 0; s < fm->nsections; s++) {
		const tpl_section *sec = &fm->sections[s];
		int asked = sec->text || sec->table >= 0;
		for (int k = 0; k < sec->nfields; k++)
			asked |= !other_kinds_only(f, sec->first_field + k);
		if (!asked)
			continue;
		f->items[f->nitems++] = (item){ IT_SECTION, s, -1 };
		if (sec->text && !sec->nfields && sec->table < 0)
			f->items[f->nitems++] = (item){ IT_TEXT, s, -1 };
		for (int k = 0; k < sec->nfields; k++) {
			if (other_kinds_only(f, sec->first_field + k))
				continue;
			f->items[f->nitems++] = (item){ IT_FIELD, s, sec->first_field + k };
			int w = text_width(fm->fields[sec->first_field + k].label);
			if (w > f->labw)
				f->labw = w;
		}
		if (sec->table >= 0)
			f->items[f->nitems++] = (item){ IT_TABLE, s, sec->table };
	}
	if (f->labw > 24)
		f->labw = 24;
	f->hcol = xcalloc((size_t)fm->ntables + 1, sizeof *f->hcol);
}

/* Runs the screen on a form whose data is ready, then frees it. */
static int run(form *f)
{
	build_items(f);
	form_go_item(f, 1);
	if (!form_focusable(form_it_cur(f)))
		form_enter_item(f, 0, 0);
	/* A new follow-up opens at the first field left for the clerk: the
	 * original filled the rest (on 徽州's one form, most of it). */
	for (int i = 0; f->parent && !f->id && i < f->nitems; i++) {
		const item *it = &f->items[i];
		if (it->kind == IT_FIELD && form_focusable(it) && !*f->d->vals[it->idx] &&
		    !followup_locked(f->d, it->idx) && app_field_required(f->d, it->idx)) {
			form_enter_item(f, i, 0);
			break;
		}
	}
	int r = ui_loop(&form_screen, f);
	if (r == UI_QUIT && f->dirty)
		form_save(f);
	edit_free(&f->ed);
	free(f->items);
	free(f->hcol);
	app_data_free(f->d);
	app_data_free(f->base);
	return r == UI_QUIT ? UI_QUIT : UI_STAY;
}

int form_run(long long id, const template *t, const char *kind)
{
	form f = { .id = id };
	ys_err e;
	if (id) {
		app_rec r;
		if (apps_load_as(ui.s, ui.me, id, &r, &f.d, &e)) {
			ui_status(1, "%s", e.msg);
			return UI_STAY;
		}
		char why[512];
		f.terms = edit_terms(ui.s, &r, ui.me, why, sizeof why);
		if (f.terms == EDIT_NONE) {
			ui_status(1, "%s", why);
			app_data_free(f.d);
			return UI_STAY;
		}
		f.base = app_data_copy(f.d);
		f.version = r.version;
		snprintf(f.status, sizeof f.status, "%s", r.status);
		f.parent = r.parent_id;
		f.last_save = time(NULL);
		snprintf(f.saved_at, sizeof f.saved_at, "%.5s", r.updated_at[0] ? r.updated_at + 11 : "");
	} else {
		f.d = app_data_new(t, kind ? kind : KIND_APPLY);
		if (!f.d) {
			ui_status(1, "模板 %s 没有“%s”表单", t->id, kind_label(kind ? kind : KIND_APPLY));
			return UI_STAY;
		}
		snprintf(f.status, sizeof f.status, ST_DRAFT);
		f.terms = EDIT_DRAFT;
	}
	return run(&f);
}

/* ---- follow-up forms: 变更, 注销/终止, 延期 on an application in service ---- */

const form_followup_kind form_followups[] = {
	{ KIND_CHANGE, 'b', "b", "变更", "变更申请：原申请的单位、资源表已填好（录入员）" },
	{ KIND_TERMINATE, 'z', "z", "注销", "注销（终止）申请：原申请的单位等已填好（录入员）" },
	{ KIND_RENEW, 'y', "y", "延期", "延期申请：原申请的单位等已填好（录入员）" },
	{ NULL, 0, NULL, NULL, NULL },
};
_Static_assert(sizeof form_followups / sizeof form_followups[0] == FORM_FOLLOWUPS + 1, "FORM_FOLLOWUPS");

static const char *followup_name(const char *kind)
{
	for (const form_followup_kind *k = form_followups; k->kind; k++)
		if (!strcmp(k->kind, kind))
			return k->bar;
	return kind_label(kind);
}

int form_followup_ok(const app_rec *r, const char *kind)
{
	return !followup_check(ui.s, ui.me, r, kind, NULL);
}

int form_followup_keys(ui_key *out, int max, const ui_key *base, int before, int cmd0,
		       const app_rec *r)
{
	const template *t = r ? template_find(r->template) : NULL;
	int n = 0, inserted = 0;
	for (const ui_key *k = base;; k++) {
		if (!inserted && (k->cmd == before || k->cmd == -1)) {
			inserted = 1;
			for (int i = 0; form_followups[i].kind && n < max - 1; i++) {
				const form_followup_kind *fk = &form_followups[i];
				int has = t && template_form(t, fk->kind);
				out[n++] = (ui_key){ fk->key, cmd0 + i, fk->name,
						     has && form_followup_ok(r, fk->kind) ? fk->bar : NULL,
						     has ? fk->help : NULL };
			}
		}
		if (n >= max - 1 || k->cmd == -1)
			break;
		out[n++] = *k;
	}
	out[n] = (ui_key){ 0, -1, NULL, NULL, NULL };
	return n;
}

int form_followup(long long orig, const char *kind)
{
	ys_err e;
	form f = { .parent = orig, .terms = EDIT_DRAFT };
	if (followup_new(ui.s, ui.me, orig, kind, &f.d, &e)) {
		ui_status(1, "%s", e.msg);
		return UI_STAY;
	}
	snprintf(f.status, sizeof f.status, ST_DRAFT);
	ui_status(0, "%s：已按原申请 %lld 填好单位、联系人等，核对后填写其余各栏，F2 提交", followup_name(kind), orig);
	return run(&f);
}

int form_new(void)
{
	const char *items[64];
	const template *tpls[64];
	char *labels[64];
	int n = 0;
	const char *kinds[64];
	/* Each template's application form, then the forms of their own that
	 * ask for nothing (韶关's demand forecast), in that order. */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < templates_count() && n < 64; i++) {
			const template *t = templates_at(i);
			if (!user_has(ui.me, ROLE_CLERK, t->id, NULL))
				continue;
			for (int f = 0; f < t->nforms && n < 64; f++) {
				const tpl_form *fm = &t->forms[f];
				if (kind_is_followup(fm->kind) || kind_is_report(fm->kind) != pass)
					continue;
				if (asprintf(&labels[n], "%s  %s", t->name, fm->title) < 0)
					labels[n] = xstrdup(t->name);
				items[n] = labels[n];
				kinds[n] = fm->kind;
				tpls[n++] = t;
			}
		}
	if (!n) {
		ui_status(1, "%s 没有录入员角色，不能新建申请", ui.me->login);
		return UI_STAY;
	}
	int k = ui_menu("新建申请：选择辖区的申请表", items, n, 0);
	int r = UI_STAY;
	const template *t = k >= 0 ? tpls[k] : NULL;
	const char *kind = k >= 0 ? kinds[k] : NULL;
	for (int i = 0; i < n; i++)
		free(labels[i]);
	if (t)
		r = form_run(0, t, kind);
	return r;
}
