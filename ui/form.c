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

enum { IT_SECTION, IT_TEXT, IT_FIELD, IT_TABLE };

typedef struct item {
	int kind, sec, idx;             /* idx: field or table index */
} item;

typedef struct form {
	long long id;
	long long parent;               /* a follow-up's original application, or 0 */
	app_data *d;
	app_data *base;                 /* as stored when loaded or last saved */
	long long version;              /* of base */
	int terms;                      /* EDIT_* from edit_terms */
	char reason[512];               /* an admin's reason, asked once */
	char status[16];
	item *items;
	int nitems;
	int cur, row, col, ocur;        /* focus: item, table row/column, option */
	ui_edit ed;                     /* the focused text, or a choice's "other" text */
	int dirty, show_all;
	time_t last_save;
	char saved_at[8];
	int scroll, vy0, vh, measure;   /* virtual lines, viewport */
	int fy0, fy1;                   /* focused lines */
	int *hcol;                      /* per table: first visible column */
	int labw;
	int done;
} form;

enum { F_NEXT = 1, F_PREV, F_UP, F_DOWN, F_LEFT, F_RIGHT, F_SPACE, F_PGDN, F_PGUP, F_ADDROW,
       F_DELROW, F_SAVE, F_SUBMIT, F_BACK, F_CLEAR };

static const ui_key form_keys[] = {
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ UI_FN(KEY_F(2)), F_SUBMIT, "F2", "提交", "检查整张表并提交（先确认）" },
	{ UI_CTRL('s'), F_SAVE, "Ctrl-S", "存草稿", "立即保存草稿（平时离开每一栏和输入时都会自动保存）" },
	{ UI_FN(KEY_F(3)), F_ADDROW, "F3", "加行", "表格：在当前行后增加一行" },
	{ UI_CTRL('n'), F_ADDROW, "Ctrl-N", NULL, NULL },
	{ UI_FN(KEY_F(4)), F_DELROW, "F4", "删行", "表格：删除当前行（先确认）" },
	{ UI_ESC, F_BACK, "Esc", "返回", "保存草稿并返回" },
	{ UI_TAB, F_NEXT, "Tab", NULL, "下一栏（表格中：下一格）" },
	{ UI_ENTER, F_NEXT, "Enter", NULL, NULL },
	{ UI_FN(KEY_BTAB), F_PREV, "Shift-Tab", NULL, "上一栏（表格中：上一格）" },
	{ UI_FN(KEY_DOWN), F_DOWN, "Down", NULL, "下一栏（表格中：下一行）" },
	{ UI_FN(KEY_UP), F_UP, "Up", NULL, "上一栏（表格中：上一行）" },
	{ UI_FN(KEY_LEFT), F_LEFT, "Left", NULL, "文字中移动光标；选项中移到前一个选项" },
	{ UI_FN(KEY_RIGHT), F_RIGHT, "Right", NULL, "文字中移动光标；选项中移到后一个选项" },
	{ ' ', F_SPACE, "Space", NULL, "选项上：勾选或取消（☑/☐）；文字中：空格" },
	{ UI_FN(KEY_NPAGE), F_PGDN, "PgDn", NULL, "下一节" },
	{ UI_FN(KEY_PPAGE), F_PGUP, "PgUp", NULL, "上一节" },
	{ UI_CTRL('u'), F_CLEAR, "Ctrl-U", NULL, "清空这一栏" },
	{ 0, -1, NULL, NULL, NULL },
};

/* ---- the focused slot ---- */

static const item *it_cur(form *f)
{
	return &f->items[f->cur];
}

static const tpl_field *slot_field(form *f)
{
	const item *it = it_cur(f);
	if (it->kind == IT_FIELD)
		return &f->d->form->fields[it->idx];
	if (it->kind == IT_TABLE && f->row >= 0)
		return &f->d->form->tables[it->idx].cols[f->col];
	return NULL;
}

/* A follow-up's unit, system, 原文号 …: shown, never edited here. */
static int locked(form *f)
{
	const item *it = it_cur(f);
	return it->kind == IT_FIELD && edit_field_locked(f->d, it->idx);
}

static const char *slot_get(form *f)
{
	const item *it = it_cur(f);
	if (it->kind == IT_FIELD)
		return f->d->vals[it->idx];
	if (it->kind == IT_TABLE && f->row >= 0)
		return app_cell(f->d, it->idx, f->row, f->col);
	return "";
}

static void slot_set(form *f, const char *v)
{
	const item *it = it_cur(f);
	if (!strcmp(slot_get(f), v))
		return;
	if (it->kind == IT_FIELD)
		app_set(f->d, it->idx, v);
	else if (it->kind == IT_TABLE && f->row >= 0)
		app_cell_set(f->d, it->idx, f->row, f->col, v);
	f->dirty = 1;
}

static int is_options(const tpl_field *fd)
{
	return fd && (fd->type == F_CHOICE || fd->type == F_MULTI || fd->type == F_BOOL);
}

static int nopts(const tpl_field *fd)
{
	return fd->type == F_BOOL ? 2 : fd->nchoices + (fd->other ? 1 : 0);
}

static const char *opt_value(const tpl_field *fd, int i)
{
	if (fd->type == F_BOOL)
		return i == 0 ? "是" : "否";
	return i < fd->nchoices ? fd->choices[i].value : NULL;
}

static int has_line(const char *v, const char *c)
{
	size_t l = strlen(c);
	for (const char *p = v; (p = strstr(p, c)); p += l)
		if ((p == v || p[-1] == '\n') && (p[l] == '\n' || !p[l]))
			return 1;
	return 0;
}

/* The "other" text of a choice value: its first line that is no choice. */
static char *other_of(const tpl_field *fd, const char *v)
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
static void load_slot(form *f)
{
	const tpl_field *fd = slot_field(f);
	f->ocur = 0;
	f->ed.multiline = 0;
	f->ed.max = 0;
	if (!fd) {
		edit_set(&f->ed, "");
		return;
	}
	if (is_options(fd)) {
		char *o = fd->type == F_BOOL ? xstrdup("") : other_of(fd, slot_get(f));
		edit_set(&f->ed, o);
		free(o);
		f->ed.max = 100;
		/* Start on the chosen option, so Space does not undo it. */
		for (int i = 0; i < nopts(fd); i++) {
			const char *ov = opt_value(fd, i);
			if (ov && has_line(slot_get(f), ov)) {
				f->ocur = i;
				break;
			}
		}
		return;
	}
	edit_set(&f->ed, slot_get(f));
	f->ed.multiline = fd->type == F_TEXTAREA;
	f->ed.max = fd->type == F_TEXT || fd->type == F_TEXTAREA ? fd->max_len : 200;
}

/* Recomposes a choice value from chosen options and the other text. */
static void set_choice(form *f, const int *sel)
{
	const tpl_field *fd = slot_field(f);
	char *other = edit_get(&f->ed);
	buf b = { 0 };
	buf_puts(&b, "");
	for (int i = 0; i < fd->nchoices; i++)
		if (sel[i])
			buf_printf(&b, "%s%s", b.len ? "\n" : "", fd->choices[i].value);
	if (*other)
		buf_printf(&b, "%s%s", b.len ? "\n" : "", other);
	slot_set(f, b.s);
	buf_free(&b);
	free(other);
}

static void toggle(form *f, int opt)
{
	const tpl_field *fd = slot_field(f);
	const char *v = slot_get(f);
	if (fd->type == F_BOOL) {
		const char *o = opt_value(fd, opt);
		slot_set(f, strcmp(v, o) ? o : "");
		return;
	}
	int *sel = xcalloc((size_t)fd->nchoices + 1, sizeof *sel);
	for (int i = 0; i < fd->nchoices; i++)
		sel[i] = has_line(v, fd->choices[i].value);
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

static void typed_other(form *f)
{
	const tpl_field *fd = slot_field(f);
	int *sel = xcalloc((size_t)fd->nchoices + 1, sizeof *sel);
	const char *v = slot_get(f);
	if (fd->type == F_MULTI)
		for (int i = 0; i < fd->nchoices; i++)
			sel[i] = has_line(v, fd->choices[i].value);
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
 * when every conflict was decided, -1 on Esc (nothing saved). */
static int resolve(form *f, edit_result *res)
{
	int *keep = xcalloc((size_t)res->n + 1, sizeof *keep);
	for (int i = 0; i < res->n; i++) {
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
	const item *it = it_cur(f);
	if (it->kind == IT_TABLE && f->row >= f->d->tables[it->idx].nrows)
		f->row = f->d->tables[it->idx].nrows - 1;
	load_slot(f);
	return 0;
}

static int save(form *f)
{
	if (!f->dirty)
		return 0;
	if (f->terms == EDIT_ADMIN && !f->reason[0] &&
	    (ui_input("修改已冻结的申请须写明理由：", "", f->reason, sizeof f->reason) || !f->reason[0])) {
		ui_status(1, "未保存：管理员修改须写明理由");
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
static void maybe_save(form *f)
{
	if (f->dirty && f->terms == EDIT_DRAFT && time(NULL) - f->last_save >= 2)
		save(f);
}

/* ---- leaving a value: normalise and check ---- */

static int leave(form *f)
{
	const tpl_field *fd = slot_field(f);
	if (!fd)
		return 0;
	if (fd->type != F_TEXTAREA) {
		char *n = field_normalize(fd, slot_get(f));
		slot_set(f, n);
		free(n);
	}
	char msg[512];
	int bad = field_check(fd, slot_get(f), msg, sizeof msg) && (*slot_get(f) || f->show_all);
	if (bad) {
		if (it_cur(f)->kind == IT_TABLE)
			ui_status(1, "第 %d 行“%s”：%s", f->row + 1, fd->label, msg);
		else
			ui_status(1, "“%s”：%s", fd->label, msg);
	}
	if (f->dirty)
		save(f);
	return bad;
}

/* ---- moving ---- */

static int focusable(const item *it)
{
	return it->kind == IT_FIELD || it->kind == IT_TABLE;
}

static int nrows(form *f, int table)
{
	return f->d->tables[table].nrows;
}

static void enter_item(form *f, int i, int from_below)
{
	f->cur = i;
	const item *it = it_cur(f);
	f->row = f->col = 0;
	if (it->kind == IT_TABLE) {
		int n = nrows(f, it->idx);
		f->row = n ? (from_below ? n - 1 : 0) : -1;
		f->col = from_below && n ? f->d->form->tables[it->idx].ncols - 1 : 0;
	}
	load_slot(f);
}

static void go_item(form *f, int dir)
{
	for (int i = f->cur + dir; i >= 0 && i < f->nitems; i += dir)
		if (focusable(&f->items[i])) {
			enter_item(f, i, dir < 0);
			return;
		}
}

static void next(form *f, int dir)
{
	leave(f);
	const item *it = it_cur(f);
	if (it->kind == IT_TABLE && f->row >= 0) {
		int nc = f->d->form->tables[it->idx].ncols, n = nrows(f, it->idx);
		int pos = f->row * nc + f->col + dir;
		if (pos >= 0 && pos < n * nc) {
			f->row = pos / nc;
			f->col = pos % nc;
			load_slot(f);
			return;
		}
	}
	go_item(f, dir);
}

static void vertical(form *f, int dir)
{
	const item *it = it_cur(f);
	if (it->kind == IT_TABLE && f->row >= 0) {
		int n = nrows(f, it->idx);
		if (f->row + dir >= 0 && f->row + dir < n) {
			leave(f);
			f->row += dir;
			load_slot(f);
			return;
		}
	}
	leave(f);
	go_item(f, dir);
}

static void section_jump(form *f, int dir)
{
	leave(f);
	int sec = it_cur(f)->sec;
	for (int i = f->cur + dir; i >= 0 && i < f->nitems; i += dir) {
		const item *it = &f->items[i];
		if (!focusable(it) || it->sec == sec)
			continue;
		if (dir < 0) {  /* to the first item of that section */
			while (i > 0 && f->items[i - 1].sec == it->sec)
				i--;
			while (!focusable(&f->items[i]))
				i++;
		}
		enter_item(f, i, 0);
		return;
	}
}

static void add_row(form *f)
{
	const item *it = it_cur(f);
	if (it->kind != IT_TABLE) {
		ui_status(1, "F3 在表格中增加一行：先移到表格");
		return;
	}
	const tpl_table *tb = &f->d->form->tables[it->idx];
	int n = nrows(f, it->idx);
	if (n >= tb->max_rows) {
		ui_status(1, "%s最多 %d 行", tb->title, tb->max_rows);
		return;
	}
	leave(f);
	int at = f->row >= 0 ? f->row + 1 : n;
	int nr = app_row_add(f->d, it->idx);
	/* Move the new (last) row up to just after the current one. */
	for (int r = nr; r > at; r--)
		for (int c = 0; c < tb->ncols; c++) {
			char *a = xstrdup(app_cell(f->d, it->idx, r - 1, c));
			char *b = xstrdup(app_cell(f->d, it->idx, r, c));
			app_cell_set(f->d, it->idx, r - 1, c, b);
			app_cell_set(f->d, it->idx, r, c, a);
			free(a);
			free(b);
		}
	f->row = at;
	f->col = 0;
	f->dirty = 1;
	load_slot(f);
	ui_status(0, "已增加第 %d 行", at + 1);
}

static void del_row(form *f)
{
	const item *it = it_cur(f);
	if (it->kind != IT_TABLE || f->row < 0) {
		ui_status(1, "F4 删除表格的当前行：先移到表格中的一行");
		return;
	}
	char q[128];
	snprintf(q, sizeof q, "删除第 %d 行？（y 删除，n 取消）", f->row + 1);
	if (!ui_confirm(q))
		return;
	app_row_del(f->d, it->idx, f->row);
	int n = nrows(f, it->idx);
	if (f->row >= n)
		f->row = n - 1;
	f->col = 0;
	f->dirty = 1;
	load_slot(f);
	save(f);
	ui_status(0, "已删除一行");
}

/* ---- drawing ---- */

static int vvis(form *f, int vy)
{
	return !f->measure && vy >= f->scroll && vy < f->scroll + f->vh;
}

static void vput(form *f, int vy, int x, const char *s, int cols, int attr, int pad)
{
	if (vvis(f, vy))
		ui_text(f->vy0 + vy - f->scroll, x, s, cols, attr, pad);
}

static void focus_lines(form *f, int y0, int y1)
{
	f->fy0 = y0;
	f->fy1 = y1;
}

/* Options with boxes from x0 over width w; returns lines used. */
static int draw_options(form *f, const tpl_field *fd, const char *v, int vy, int x0, int w, int focused)
{
	int x = x0, y = vy, n = nopts(fd);
	for (int i = 0; i < n; i++) {
		const char *ov = opt_value(fd, i);
		char label[512];
		int other = !ov;
		char *ot = other ? (focused ? edit_get(&f->ed) : other_of(fd, v)) : NULL;
		snprintf(label, sizeof label, "%s%s", ui_box(other ? *ot != 0 : has_line(v, ov)), other ? "其他：" : ov);
		int lw = text_width(label), ew = other ? 14 : 0;
		if (x > x0 && x + lw + ew > x0 + w) {
			y++;
			x = x0;
		}
		int a = focused && i == f->ocur ? ui_attr(A_UI_SEL) : 0;
		vput(f, y, x, label, lw, a, 0);
		if (focused && i == f->ocur && !other && vvis(f, y))
			ui_cursor(f->vy0 + y - f->scroll, x);
		x += lw;
		if (other) {
			int tw = x0 + w - x;
			if (tw > 30)
				tw = 30;
			if (focused && f->ocur == i && vvis(f, y))
				edit_draw(&f->ed, f->vy0 + y - f->scroll, x, tw, ui_attr(A_UI_FOCUS), 1);
			else
				vput(f, y, x, *ot ? ot : "____", tw < 14 ? tw : 14, ui_attr(A_UI_FIELD), 0);
			x += (focused && f->ocur == i ? tw : text_width(*ot ? ot : "____"));
			free(ot);
		}
		x += 2;
	}
	return y - vy + 1;
}

/* Wrapped text, at most maxh lines; returns lines used. */
static int draw_wrapped(form *f, const char *s, int vy, int x, int w, int maxh, int attr)
{
	int n = 0;
	const char *p = s;
	do {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xmalloc(len + 1);
		memcpy(line, p, len);
		line[len] = 0;
		const char *q = line;
		do {
			size_t k = text_cut(q, w, NULL);
			if (!k && *q)
				k = strlen(q);
			if (n < maxh) {
				char *part = xmalloc(k + 1);
				memcpy(part, q, k);
				part[k] = 0;
				vput(f, vy + n, x, part, w, attr, 1);
				free(part);
			}
			n++;
			q += k;
		} while (*q);
		free(line);
		p = nl ? nl + 1 : NULL;
	} while (p);
	return n < maxh ? n : maxh;
}

static int bad_value(form *f, const tpl_field *fd, const char *v)
{
	char msg[512];
	return (*v || f->show_all) && field_check(fd, v, msg, sizeof msg);
}

static int draw_field(form *f, int i, int vy)
{
	const item *it = &f->items[i];
	const tpl_field *fd = &f->d->form->fields[it->idx];
	const char *v = f->d->vals[it->idx];
	int focused = i == f->cur;
	int x0 = f->labw + 2, w = COLS - x0 - 1;
	int bad = !focused && bad_value(f, fd, v);
	vput(f, vy, 0, bad ? "!" : fd->required ? "*" : " ", 1, bad ? ui_attr(A_UI_ERR) : ui_attr(A_UI_DIM), 0);
	vput(f, vy, 1, fd->label, f->labw, focused ? ui_attr(A_UI_SEL) : 0, 1);
	int h = 1;
	if (is_options(fd)) {
		h = draw_options(f, fd, v, vy, x0, w, focused);
	} else if (fd->type == F_TEXTAREA) {
		if (focused) {
			int need = edit_lines(&f->ed, w);
			h = need < 1 ? 1 : need > 6 ? 6 : need;
			if (vvis(f, vy) && vvis(f, vy + h - 1))
				edit_draw_box(&f->ed, f->vy0 + vy - f->scroll, x0, w, h, ui_attr(A_UI_FOCUS), 1);
		} else {
			h = draw_wrapped(f, *v ? v : "", vy, x0, w, 3, ui_attr(A_UI_FIELD));
		}
	} else {
		int uw = fd->unit && fd->type == F_INT ? text_width(fd->unit) + 1 : 0;
		int ew = fd->type == F_DATE ? 12 : fd->type == F_MONTH ? 9 : fd->type == F_INT ? 12 : w - uw;
		if (ew > w - uw)
			ew = w - uw;
		if (focused && vvis(f, vy))
			edit_draw(&f->ed, f->vy0 + vy - f->scroll, x0, ew, ui_attr(A_UI_FOCUS), 1);
		else
			vput(f, vy, x0, v, ew, bad ? (ui_attr(A_UI_ERR) | (int)A_UNDERLINE) : ui_attr(A_UI_FIELD), 1);
		if (uw)
			vput(f, vy, x0 + ew + 1, fd->unit, uw, 0, 0);
	}
	if (focused)
		focus_lines(f, vy, vy + h - 1);
	return h;
}

static int col_width(const tpl_field *c)
{
	int lw = text_width(c->label), w;
	switch (c->type) {
	case F_INT: w = 6; break;
	case F_DATE: w = 10; break;
	case F_MONTH: w = 7; break;
	case F_PHONE: w = 13; break;
	case F_EMAIL: w = 20; break;
	case F_BOOL: w = 4; break;
	case F_CHOICE: case F_MULTI:
		w = 4;
		for (int i = 0; i < c->nchoices; i++)
			if (text_width(c->choices[i].value) > w)
				w = text_width(c->choices[i].value);
		if (c->type == F_MULTI)
			w += 6;
		break;
	default: w = c->max_len < 18 ? c->max_len : 18; break;
	}
	w = w > lw ? w : lw;
	return w > 24 ? 24 : w;
}

static int draw_table(form *f, int i, int vy)
{
	const item *it = &f->items[i];
	const tpl_table *tb = &f->d->form->tables[it->idx];
	int n = nrows(f, it->idx), focused = i == f->cur;
	int *hc = &f->hcol[it->idx];
	int avail = COLS - 6;
	/* Scroll sideways so the focused column shows. */
	if (focused && f->row >= 0) {
		if (f->col < *hc)
			*hc = f->col;
		for (;;) {
			int sum = 0;
			for (int c = *hc; c <= f->col; c++)
				sum += col_width(&tb->cols[c]) + 1;
			if (sum <= avail || *hc >= f->col)
				break;
			(*hc)++;
		}
	}
	int last = *hc, sum = 0;
	while (last < tb->ncols && sum + col_width(&tb->cols[last]) + 1 <= avail)
		sum += col_width(&tb->cols[last++]) + 1;
	int y = vy;
	/* Header. */
	vput(f, y, 0, *hc > 0 ? "<" : " ", 1, ui_attr(A_UI_HEAD), 0);
	vput(f, y, 1, " 行", 4, ui_attr(A_UI_HEAD), 1);
	for (int c = *hc, x = 5; c < last; c++) {
		int cw = col_width(&tb->cols[c]);
		vput(f, y, x, tb->cols[c].label, cw, ui_attr(A_UI_HEAD) | A_UNDERLINE, 1);
		x += cw + 1;
	}
	if (last < tb->ncols)
		vput(f, y, COLS - 1, ">", 1, ui_attr(A_UI_HEAD), 0);
	y++;
	for (int r = 0; r < n; r++, y++) {
		char num[16];
		snprintf(num, sizeof num, "%3d", r + 1);
		vput(f, y, 1, num, 4, focused && r == f->row ? ui_attr(A_UI_SEL) : ui_attr(A_UI_DIM), 1);
		for (int c = *hc, x = 5; c < last; c++) {
			const tpl_field *cf = &tb->cols[c];
			int cw = col_width(cf);
			const char *v = app_cell(f->d, it->idx, r, c);
			if (focused && r == f->row && c == f->col && !is_options(cf)) {
				if (vvis(f, y))
					edit_draw(&f->ed, f->vy0 + y - f->scroll, x, cw, ui_attr(A_UI_FOCUS), 1);
			} else {
				char *show = xstrdup(v);
				for (char *p = show; *p; p++)
					if (*p == '\n')
						*p = '/';
				int a = focused && r == f->row && c == f->col ? ui_attr(A_UI_SEL)
					: bad_value(f, cf, v) ? (ui_attr(A_UI_ERR) | (int)A_UNDERLINE) : ui_attr(A_UI_FIELD);
				vput(f, y, x, show, cw, a, 1);
				if (focused && r == f->row && c == f->col && vvis(f, y) && !is_options(cf))
					ui_cursor(f->vy0 + y - f->scroll, x);
				free(show);
			}
			x += cw + 1;
		}
	}
	int fy0 = focused ? (f->row >= 0 ? vy + 1 + f->row : vy + 1) : 0, fy1 = fy0;
	if (!n) {
		vput(f, y, 5, "（无。按 F3 增加一行）", COLS - 6, focused ? ui_attr(A_UI_SEL) : ui_attr(A_UI_DIM), 0);
		if (focused && vvis(f, y))
			ui_cursor(f->vy0 + y - f->scroll, 5);
		y++;
	}
	/* The focused cell's options, under the grid. */
	if (focused && f->row >= 0 && is_options(&tb->cols[f->col])) {
		const tpl_field *cf = &tb->cols[f->col];
		char lab[128];
		snprintf(lab, sizeof lab, "%s：", cf->label);
		int lw = text_width(lab);
		if (lw > 20)
			lw = 20;
		vput(f, y, 5, lab, lw, ui_attr(A_UI_HEAD), 0);
		int h = draw_options(f, cf, app_cell(f->d, it->idx, f->row, f->col), y, 5 + lw, COLS - 6 - lw, 1);
		fy1 = y + h - 1;
		y += h;
	}
	char foot[128];
	snprintf(foot, sizeof foot, "共 %d 行（F3 加行，F4 删行）", n);
	vput(f, y, 5, foot, COLS - 6, ui_attr(A_UI_DIM), 0);
	y++;
	if (focused)
		focus_lines(f, fy0 - (f->row <= 0 ? 1 : 0), fy1);
	return y - vy;
}

static int layout(form *f)
{
	int vy = 0;
	for (int i = 0; i < f->nitems; i++) {
		const item *it = &f->items[i];
		const tpl_section *sec = &f->d->form->sections[it->sec];
		switch (it->kind) {
		case IT_SECTION:
			if (vy)
				vy++;
			vput(f, vy, 0, "", 0, 0, 0);
			{
				char t[512];
				snprintf(t, sizeof t, "【%s】", sec->title);
				vput(f, vy, 0, t, COLS - 1, ui_attr(A_UI_HEAD), 0);
			}
			vy++;
			break;
		case IT_TEXT: {
			char t[256];
			int used;
			size_t n = text_cut(sec->text, COLS - 30, &used);
			snprintf(t, sizeof t, "  （固定文字，打印时原样输出）%.*s……", (int)n, sec->text);
			vput(f, vy, 0, t, COLS - 1, ui_attr(A_UI_DIM), 0);
			vy++;
			break;
		}
		case IT_FIELD:
			vy += draw_field(f, i, vy);
			break;
		case IT_TABLE:
			vy += draw_table(f, i, vy);
			break;
		}
	}
	return vy;
}

static void hint_of(form *f)
{
	const tpl_field *fd = slot_field(f);
	static char h[1024];
	if (!fd) {
		ui_hint("表格没有行：F3 增加一行，Tab 跳过");
		return;
	}
	const char *what = "";
	char range[128] = "";
	switch (fd->type) {
	case F_DATE: what = "日期，格式 YYYY-MM-DD"; break;
	case F_MONTH: what = "年月，格式 YYYY-MM"; break;
	case F_PHONE: what = "电话：手机 11 位，或带区号的固话"; break;
	case F_EMAIL: what = "电子邮箱"; break;
	case F_INT:
		if (fd->has_min || fd->has_max)
			snprintf(range, sizeof range, "整数 %lld~%lld%s", fd->min, fd->max, fd->unit ? fd->unit : "");
		what = range[0] ? range : "整数";
		break;
	case F_CHOICE: what = "单选：左右键移动，空格选中"; break;
	case F_MULTI: what = "多选：左右键移动，空格勾选"; break;
	case F_BOOL: what = "是/否：左右键移动，空格选中"; break;
	case F_TEXTAREA: what = "多行文字"; break;
	default: break;
	}
	snprintf(h, sizeof h, "%s%s%s%s%s", fd->label, fd->required ? "（必填）" : "", *what ? "：" : "", what,
		 "");
	if (fd->help)
		snprintf(h + strlen(h), sizeof h - strlen(h), "。%s", fd->help);
	if (locked(f))
		snprintf(h, sizeof h, "%s：取自原申请，不能修改", fd->label);
	ui_hint(h);
}

static void form_draw(void *self)
{
	form *f = self;
	char t[512];
	snprintf(t, sizeof t, " %s%s  %s", f->id ? "" : "新建：", f->d->form->title, f->d->tpl->name);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	char right[128], orig[40] = "";
	if (f->parent)
		snprintf(orig, sizeof orig, " 原申请 %lld ", f->parent);
	if (f->id)
		snprintf(right, sizeof right, "%s %s %lld %s%s ", orig,
			 status_label(f->status), f->id, f->dirty ? "未保存" : "已保存 ",
			 f->dirty ? "" : f->saved_at);
	else
		snprintf(right, sizeof right, "%s 未保存 ", orig);
	int rw = text_width(right);
	ui_text(0, COLS - rw, right, rw, ui_attr(A_UI_TITLE), 1);
	f->vy0 = 1;
	f->vh = LINES - 4;
	/* Measure, scroll to the focus, draw. */
	f->measure = 1;
	int total = layout(f);
	f->measure = 0;
	int top = f->fy0, bot = f->fy1;
	/* Show the section title with the first field of a section. */
	if (f->cur > 0 && f->items[f->cur - 1].kind == IT_SECTION)
		top -= f->fy0 > 1 ? 2 : 1;
	if (top < 0)
		top = 0;
	if (top < f->scroll)
		f->scroll = top;
	if (bot >= f->scroll + f->vh)
		f->scroll = bot - f->vh + 1;
	if (f->scroll > total - f->vh)
		f->scroll = total - f->vh > 0 ? total - f->vh : 0;
	if (f->fy0 < f->scroll)
		f->scroll = f->fy0;
	layout(f);
	app_totals tt;
	app_totals_of(f->d, &tt);
	snprintf(t, sizeof t, "合计：主机 %lld 台  vCPU %lld 核  内存 %lld GB  存储 %lld GB%s", tt.hosts, tt.vcpu,
		 tt.mem_gb, tt.storage_gb, "");
	ui_text(LINES - 3, 0, t, COLS, ui_attr(A_UI_HEAD) | A_REVERSE, 1);
	hint_of(f);
}

/* ---- keys ---- */

static int submit(form *f)
{
	leave(f);
	ys_err e;
	if (app_validate(f->d, &e)) {
		f->show_all = 1;
		/* Focus the first value that fails, in app_validate's order. */
		char msg[512];
		const tpl_form *fm = f->d->form;
		for (int i = 0; i < f->nitems; i++) {
			const item *it = &f->items[i];
			if (it->kind == IT_FIELD && field_check(&fm->fields[it->idx], f->d->vals[it->idx], msg, sizeof msg)) {
				enter_item(f, i, 0);
				goto found;
			}
		}
		for (int i = 0; i < f->nitems; i++) {
			const item *it = &f->items[i];
			if (it->kind != IT_TABLE)
				continue;
			const tpl_table *tb = &fm->tables[it->idx];
			if (nrows(f, it->idx) < tb->min_rows) {
				enter_item(f, i, 0);
				goto found;
			}
			for (int r = 0; r < nrows(f, it->idx); r++)
				for (int c = 0; c < tb->ncols; c++)
					if (field_check(&tb->cols[c], app_cell(f->d, it->idx, r, c), msg, sizeof msg)) {
						enter_item(f, i, 0);
						f->row = r;
						f->col = c;
						load_slot(f);
						goto found;
					}
		}
found:
		ui_status(1, "还不能提交：%s", e.msg);
		return UI_STAY;
	}
	f->dirty = f->dirty || !f->id;
	if (save(f))
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
	if (workflow_act(ui.s, ui.me, f->id, NULL, 0, ACT_SUBMIT, NULL, now, &e)) {
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
	const tpl_field *fd = slot_field(f);
	int opts = is_options(fd), on_other = opts && fd->type != F_BOOL && f->ocur >= fd->nchoices;
	/* A paste keeps its line breaks in a box and never jumps fields. */
	if (ui.paste && (key == UI_ENTER || key == UI_TAB)) {
		if (fd && !is_options(fd) && edit_key(&f->ed, key) > 0) {
			char *s = edit_get(&f->ed);
			slot_set(f, s);
			free(s);
		}
		return UI_STAY;
	}
	if (locked(f) && (cmd == F_SPACE || cmd == F_CLEAR || cmd == -1)) {
		ui_status(1, "“%s”取自原申请，不能修改", fd->label);
		return UI_STAY;
	}
	switch (cmd) {
	case F_NEXT: next(f, 1); break;
	case F_PREV: next(f, -1); break;
	case F_DOWN: vertical(f, 1); break;
	case F_UP: vertical(f, -1); break;
	case F_PGDN: section_jump(f, 1); break;
	case F_PGUP: section_jump(f, -1); break;
	case F_ADDROW: add_row(f); break;
	case F_DELROW: del_row(f); break;
	case F_SAVE:
		leave(f);
		f->dirty = f->dirty || !f->id;
		if (!save(f))
			ui_status(0, "草稿已保存：申请 %lld", f->id);
		break;
	case F_SUBMIT:
		return submit(f);
	case F_BACK:
		leave(f);
		if (f->id && !save(f))
			ui_status(0, "草稿已保存：申请 %lld（在列表按 3 看草稿，Enter 继续填写）", f->id);
		return UI_BACK;
	case F_LEFT: case F_RIGHT:
		if (opts && !(on_other && f->ed.len && ((cmd == F_LEFT && f->ed.cur > 0) ||
							(cmd == F_RIGHT && f->ed.cur < f->ed.len)))) {
			int n = nopts(fd);
			f->ocur = (f->ocur + (cmd == F_LEFT ? -1 : 1) + n) % n;
		} else if (fd) {
			edit_key(&f->ed, key);
		}
		break;
	case F_SPACE:
		if (opts && !on_other) {
			toggle(f, f->ocur);
			break;
		}
		if (opts && on_other && !f->ed.len) {
			toggle(f, f->ocur);
			break;
		}
		/* a space in text */
		/* fall through */
	default:
		if (!fd)
			break;
		if (opts && cmd == F_CLEAR) {
			edit_set(&f->ed, "");
			slot_set(f, "");
			f->ocur = 0;
			break;
		}
		if (opts && !on_other) {
			if (key >= '1' && key <= '9' && key - '1' < nopts(fd)) {
				f->ocur = key - '1';
				toggle(f, f->ocur);
			} else if (fd->type != F_BOOL && fd->other && key >= 0x20 && !(key & 0x1000000)) {
				/* Typing on a choice fills in "other". */
				f->ocur = fd->nchoices;
				if (edit_key(&f->ed, key) > 0)
					typed_other(f);
			}
			break;
		}
		if (cmd == F_CLEAR)
			key = UI_CTRL('u');
		if (edit_key(&f->ed, key) > 0) {
			if (opts) {
				typed_other(f);
			} else {
				char *s = edit_get(&f->ed);
				slot_set(f, s);
				free(s);
			}
		}
	}
	maybe_save(f);
	return UI_STAY;
}

static void form_tick(void *self)
{
	maybe_save(self);
}

static void form_hup(void *self)
{
	form *f = self;
	save(f);
}

static const ui_screen form_screen = { "申请表", form_keys, form_draw, form_key, form_tick, form_hup };

static void build_items(form *f)
{
	const tpl_form *fm = f->d->form;
	f->items = xcalloc((size_t)(fm->nsections * 2 + fm->nfields + fm->ntables + 1), sizeof *f->items);
	f->labw = 8;
	for (int s = 0; s < fm->nsections; s++) {
		const tpl_section *sec = &fm->sections[s];
		f->items[f->nitems++] = (item){ IT_SECTION, s, -1 };
		if (sec->text && !sec->nfields && sec->table < 0)
			f->items[f->nitems++] = (item){ IT_TEXT, s, -1 };
		for (int k = 0; k < sec->nfields; k++) {
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
	go_item(f, 1);
	if (!focusable(it_cur(f)))
		enter_item(f, 0, 0);
	int r = ui_loop(&form_screen, f);
	if (r == UI_QUIT && f->dirty)
		save(f);
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
		if (apps_load(ui.s, id, &r, &f.d, &e)) {
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
	for (int i = 0; i < templates_count() && n < 64; i++) {
		const template *t = templates_at(i);
		if (!user_has(ui.me, ROLE_CLERK, t->id, NULL) || !template_form(t, KIND_APPLY))
			continue;
		const tpl_form *fm = template_form(t, KIND_APPLY);
		if (asprintf(&labels[n], "%s  %s", t->name, fm->title) < 0)
			labels[n] = xstrdup(t->name);
		items[n] = labels[n];
		tpls[n++] = t;
	}
	if (!n) {
		ui_status(1, "%s 没有录入员角色，不能新建申请", ui.me->login);
		return UI_STAY;
	}
	int k = ui_menu("新建申请：选择辖区的申请表", items, n, 0);
	int r = UI_STAY;
	const template *t = k >= 0 ? tpls[k] : NULL;
	for (int i = 0; i < n; i++)
		free(labels[i]);
	if (t)
		r = form_run(0, t, KIND_APPLY);
	return r;
}
