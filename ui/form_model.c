/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* form_model.c - the form screen's data: the focused value, choices and
 * their "other" text, leaving a value (normalised and checked), saving
 * exactly what the clerk changed (edits_save) and settling conflicts. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "edit.h"
#include "edits.h"
#include "followup.h"
#include "form.h"
#include "screens.h"
#include "text.h"
#include "workflow.h"

/* ---- the focused slot ---- */

const item *form_it_cur(form *f)
{
	return &f->items[f->cur];
}

const tpl_field *form_slot_field(form *f)
{
	const item *it = form_it_cur(f);
	if (it->kind == IT_FIELD)
		return &f->d->form->fields[it->idx];
	if (it->kind == IT_TABLE && f->row >= 0)
		return &f->d->form->tables[it->idx].cols[f->col];
	return NULL;
}

/* A follow-up's unit, system, 原文号 …: shown, never edited here. */
int form_locked(form *f)
{
	const item *it = form_it_cur(f);
	return it->kind == IT_FIELD && followup_locked(f->d, it->idx);
}

static const char *slot_get(form *f)
{
	const item *it = form_it_cur(f);
	if (it->kind == IT_FIELD)
		return f->d->vals[it->idx];
	if (it->kind == IT_TABLE && f->row >= 0)
		return app_cell(f->d, it->idx, f->row, f->col);
	return "";
}

void form_slot_set(form *f, const char *v)
{
	const item *it = form_it_cur(f);
	if (!strcmp(slot_get(f), v))
		return;
	if (it->kind == IT_FIELD)
		app_set(f->d, it->idx, v);
	else if (it->kind == IT_TABLE && f->row >= 0)
		app_cell_set(f->d, it->idx, f->row, f->col, v);
	f->dirty = 1;
}

int form_is_options(const tpl_field *fd)
{
	return fd && (fd->type == F_CHOICE || fd->type == F_MULTI || fd->type == F_BOOL);
}

int form_nopts(const tpl_field *fd)
{
	return fd->type == F_BOOL ? 2 : fd->nchoices + (fd->other ? 1 : 0);
}

const char *form_opt_value(const tpl_field *fd, int i)
{
	if (fd->type == F_BOOL)
		return i == 0 ? "是" : "否";
	return i < fd->nchoices ? fd->choices[i].value : NULL;
}

int form_has_line(const char *v, const char *c)
{
	size_t l = strlen(c);
	for (const char *p = v; (p = strstr(p, c)); p += l)
		if ((p == v || p[-1] == '\n') && (p[l] == '\n' || !p[l]))
			return 1;
	return 0;
}

/* The "other" text of a choice value: its first line that is no choice. */
char *form_other_of(const tpl_field *fd, const char *v)
{
	char *copy = xstrdup(v), *save = NULL, *res = NULL;
	for (char *it = strtok_r(copy, "\n", &save); it && !res; it = strtok_r(NULL, "\n", &save)) {
		int known = 0;
		for (int i = 0; i < fd->nchoices; i++)
			known |= !strcmp(it, fd->choices[i].value);
		if (!known)
			res = xstrdup(it);
	}
	free(copy);
	return res ? res : xstrdup("");
}

/* Loads the focused value into the editor. */
void form_load_slot(form *f)
{
	const tpl_field *fd = form_slot_field(f);
	f->ocur = 0;
	f->ed.multiline = 0;
	f->ed.max = 0;
	if (!fd) {
		edit_set(&f->ed, "");
		return;
	}
	if (form_is_options(fd)) {
		char *o = fd->type == F_BOOL ? xstrdup("") : form_other_of(fd, slot_get(f));
		edit_set(&f->ed, o);
		free(o);
		f->ed.max = 100;
		/* Start on the chosen option, so Space does not undo it. */
		for (int i = 0; i < form_nopts(fd); i++) {
			const char *ov = form_opt_value(fd, i);
			if (ov && form_has_line(slot_get(f), ov)) {
				f->ocur = i;
				break;
			}
		}
		return;
	}
	edit_set(&f->ed, slot_get(f));
	f->ed.fresh = fd->dflt && *fd->dflt && !strcmp(slot_get(f), fd->dflt) && !form_locked(f);
	f->ed.multiline = fd->type == F_TEXTAREA;
	f->ed.max = fd->type == F_TEXT || fd->type == F_TEXTAREA ? fd->max_len : 200;
}

/* Recomposes a choice value from chosen options and the other text. */
static void set_choice(form *f, const int *sel)
{
	const tpl_field *fd = form_slot_field(f);
	char *other = edit_get(&f->ed);
	buf b = { 0 };
	buf_puts(&b, "");
	for (int i = 0; i < fd->nchoices; i++)
		if (sel[i])
			buf_printf(&b, "%s%s", b.len ? "\n" : "", fd->choices[i].value);
	if (*other)
		buf_printf(&b, "%s%s", b.len ? "\n" : "", other);
	form_slot_set(f, b.s);
	buf_free(&b);
	free(other);
}

void form_toggle(form *f, int opt)
{
	const tpl_field *fd = form_slot_field(f);
	const char *v = slot_get(f);
	if (fd->type == F_BOOL) {
		const char *o = form_opt_value(fd, opt);
		form_slot_set(f, strcmp(v, o) ? o : "");
		return;
	}
	int *sel = xcalloc((size_t)fd->nchoices + 1, sizeof *sel);
	for (int i = 0; i < fd->nchoices; i++)
		sel[i] = form_has_line(v, fd->choices[i].value);
	if (opt >= fd->nchoices) {
		/* The other box: unticking it clears its text. */
		if (f->ed.len)
			edit_set(&f->ed, "");
		else
			ui_status(0, "在“其他”后直接输入文字");
		if (fd->type == F_CHOICE)
			memset(sel, 0, sizeof *sel * (size_t)fd->nchoices);
	} else if (fd->type == F_CHOICE) {
		int was = sel[opt];
		memset(sel, 0, sizeof *sel * (size_t)fd->nchoices);
		sel[opt] = !was;
		edit_set(&f->ed, "");
	} else {
		sel[opt] = !sel[opt];
	}
	set_choice(f, sel);
	free(sel);
}

void form_typed_other(form *f)
{
	const tpl_field *fd = form_slot_field(f);
	int *sel = xcalloc((size_t)fd->nchoices + 1, sizeof *sel);
	const char *v = slot_get(f);
	if (fd->type == F_MULTI)
		for (int i = 0; i < fd->nchoices; i++)
			sel[i] = form_has_line(v, fd->choices[i].value);
	set_choice(f, sel);
	free(sel);
}

/* ---- saving ---- */

static int is_int(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* A copy the store can always read back: half-typed numbers are left out. */
static app_data *storable(const app_data *d)
{
	app_data *c = app_data_copy(d);
	const tpl_form *fm = c->form;
	for (int i = 0; i < fm->nfields; i++)
		if (fm->fields[i].type == F_INT && *c->vals[i] && !is_int(c->vals[i]))
			app_set(c, i, "");
	for (int t = 0; t < fm->ntables; t++)
		for (int r = 0; r < c->tables[t].nrows; r++)
			for (int k = 0; k < fm->tables[t].ncols; k++) {
				const char *v = app_cell(c, t, r, k);
				if (fm->tables[t].cols[k].type == F_INT && *v && !is_int(v))
					app_cell_set(c, t, r, k, "");
			}
	return c;
}

/* The person picks, conflict by conflict, whose value stays. Returns 0
 * when every conflict was decided, -1 on Esc (nothing saved). After a
 * hang-up nobody can be asked: what others saved stays, and the rest of
 * the person's changes are saved rather than lost with the terminal. */
static int resolve(form *f, edit_result *res)
{
	int *keep = xcalloc((size_t)res->n + 1, sizeof *keep);
	for (int i = 0; i < res->n && !ui.hup; i++) {
		char *items[2], title[400];
		snprintf(title, sizeof title, "「%s」已被别人修改（%d/%d）：保留哪一个？", res->c[i].label, i + 1, res->n);
		if (asprintf(&items[0], "采用别人保存的：%s", res->c[i].theirs) < 0)
			items[0] = xstrdup("采用别人保存的");
		if (asprintf(&items[1], "保留我的：%s", res->c[i].mine) < 0)
			items[1] = xstrdup("保留我的");
		int k = ui_menu(title, (const char *const *)items, 2, 0);
		free(items[0]);
		free(items[1]);
		if (k < 0) {
			free(keep);
			return -1;
		}
		keep[i] = k == 1;
	}
	app_data *merged = edits_rebase(f->base, f->d, res, keep);
	free(keep);
	app_data_free(f->d);
	app_data_free(f->base);
	f->d = merged;
	f->base = res->theirs;
	res->theirs = NULL;
	f->version = res->version;
	const item *it = form_it_cur(f);
	if (it->kind == IT_TABLE && f->row >= f->d->tables[it->idx].nrows)
		f->row = f->d->tables[it->idx].nrows - 1;
	form_load_slot(f);
	return 0;
}

int form_save(form *f)
{
	if (!f->dirty)
		return 0;
	/* Asked once; declined, it is asked again only on Ctrl-S. */
	if (f->terms == EDIT_ADMIN && !f->reason[0] &&
	    (f->declined || ui_input("修改已冻结的申请须写明理由：", "", f->reason, sizeof f->reason) ||
	     !f->reason[0])) {
		f->declined = 1;
		ui_status(1, "未保存：管理员修改须写明理由（Ctrl-S 写明理由后保存）");
		return -1;
	}
	char now[17];
	ui_now(now);
	ys_err e;
	app_data *c = storable(f->d);
	int rc;
	if (!f->id) {
		rc = store_begin(ui.s, &e);
		if (!rc)
			rc = edits_create(ui.s, ui.me, c, f->parent, now, &f->id, &e);
		if (!rc)
			rc = store_commit(ui.s, &e);
		else
			store_rollback(ui.s);
		if (!rc) {
			app_data_free(f->base);
			f->base = app_data_copy(c);
			f->version = 1;
		}
	} else {
		edit_result res;
		/* Only what this person changed since base; a value someone else
		 * changed meanwhile is theirs to keep or ours to overwrite, asked
		 * here, never decided silently. */
		while ((rc = edits_save(ui.s, ui.me, f->id, f->base, f->version, c, f->reason, now, &res, &e)) > 0) {
			int r = resolve(f, &res);
			edit_result_free(&res);
			app_data_free(c);
			if (r) {
				ui_status(1, "未保存：与别人的修改冲突尚未决定，按 Ctrl-S 再保存");
				return -1;
			}
			c = storable(f->d);
		}
		if (!rc) {
			app_data_free(f->base);
			f->base = app_data_copy(c);
			f->version = res.version;
		}
	}
	app_data_free(c);
	if (rc) {
		ui_status(1, "保存失败：%s", e.msg);
		return -1;
	}
	f->dirty = 0;
	f->last_save = time(NULL);      /* real time: only paces the autosave */
	snprintf(f->saved_at, sizeof f->saved_at, "%.5s", now + 11);   /* the one clock */
	return 0;
}

/* Drafts are saved while typing; a returned application (whose every
 * saved change is a history event) when a field is left. */
void form_maybe_save(form *f)
{
	if (f->dirty && f->terms == EDIT_DRAFT && time(NULL) - f->last_save >= 2)
		form_save(f);
}

/* ---- leaving a value: normalise and check ---- */

int form_leave(form *f)
{
	const tpl_field *fd = form_slot_field(f);
	if (!fd)
		return 0;
	if (fd->type != F_TEXTAREA) {
		char *n = field_normalize(fd, slot_get(f));
		form_slot_set(f, n);
		free(n);
	}
	char msg[512];
	int bad = field_check(fd, slot_get(f), msg, sizeof msg) && (*slot_get(f) || f->show_all);
	if (bad) {
		if (form_it_cur(f)->kind == IT_TABLE)
			ui_status(1, "第 %d 行“%s”：%s", f->row + 1, fd->label, msg);
		else
			ui_status(1, "“%s”：%s", fd->label, msg);
	}
	if (f->dirty)
		form_save(f);
	return bad;
}
