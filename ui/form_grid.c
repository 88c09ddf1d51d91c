/* form_grid.c - moving through the form, tables as grids: rows added
 * and removed, columns as wide as their values, scrolled sideways. */
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

/* ---- moving ---- */

int form_focusable(const item *it)
{
	return it->kind == IT_FIELD || it->kind == IT_TABLE;
}

int form_nrows(form *f, int table)
{
	return f->d->tables[table].nrows;
}

void form_enter_item(form *f, int i, int from_below)
{
	f->cur = i;
	const item *it = form_it_cur(f);
	f->row = f->col = 0;
	if (it->kind == IT_TABLE) {
		int n = form_nrows(f, it->idx);
		f->row = n ? (from_below ? n - 1 : 0) : -1;
		f->col = from_below && n ? f->d->form->tables[it->idx].ncols - 1 : 0;
	}
	form_load_slot(f);
}

void form_go_item(form *f, int dir)
{
	for (int i = f->cur + dir; i >= 0 && i < f->nitems; i += dir)
		if (form_focusable(&f->items[i])) {
			form_enter_item(f, i, dir < 0);
			return;
		}
}

void form_next(form *f, int dir)
{
	form_leave(f);
	const item *it = form_it_cur(f);
	if (it->kind == IT_TABLE && f->row >= 0) {
		int nc = f->d->form->tables[it->idx].ncols, n = form_nrows(f, it->idx);
		int pos = f->row * nc + f->col + dir;
		if (pos >= 0 && pos < n * nc) {
			f->row = pos / nc;
			f->col = pos % nc;
			form_load_slot(f);
			return;
		}
	}
	form_go_item(f, dir);
}

void form_vertical(form *f, int dir)
{
	const item *it = form_it_cur(f);
	if (it->kind == IT_TABLE && f->row >= 0) {
		int n = form_nrows(f, it->idx);
		if (f->row + dir >= 0 && f->row + dir < n) {
			form_leave(f);
			f->row += dir;
			form_load_slot(f);
			return;
		}
	}
	form_leave(f);
	form_go_item(f, dir);
}

void form_section_jump(form *f, int dir)
{
	form_leave(f);
	int sec = form_it_cur(f)->sec;
	for (int i = f->cur + dir; i >= 0 && i < f->nitems; i += dir) {
		const item *it = &f->items[i];
		if (!form_focusable(it) || it->sec == sec)
			continue;
		if (dir < 0) {  /* to the first item of that section */
			while (i > 0 && f->items[i - 1].sec == it->sec)
				i--;
			while (!form_focusable(&f->items[i]))
				i++;
		}
		form_enter_item(f, i, 0);
		return;
	}
}

void form_add_row(form *f)
{
	const item *it = form_it_cur(f);
	if (it->kind != IT_TABLE) {
		ui_status(1, "F3 在表格中增加一行：先移到表格");
		return;
	}
	const tpl_table *tb = &f->d->form->tables[it->idx];
	int n = form_nrows(f, it->idx);
	if (n >= tb->max_rows) {
		ui_status(1, "%s最多 %d 行", tb->title, tb->max_rows);
		return;
	}
	form_leave(f);
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
	form_load_slot(f);
	ui_status(0, "已增加第 %d 行", at + 1);
}

void form_del_row(form *f)
{
	const item *it = form_it_cur(f);
	if (it->kind != IT_TABLE || f->row < 0) {
		ui_status(1, "F4 删除表格的当前行：先移到表格中的一行");
		return;
	}
	char q[128];
	snprintf(q, sizeof q, "删除第 %d 行？（y 删除，n 取消）", f->row + 1);
	if (!ui_confirm(q))
		return;
	app_row_del(f->d, it->idx, f->row);
	int n = form_nrows(f, it->idx);
	if (f->row >= n)
		f->row = n - 1;
	f->col = 0;
	f->dirty = 1;
	form_load_slot(f);
	form_save(f);
	ui_status(0, "已删除一行");
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

int form_draw_table(form *f, int i, int vy)
{
	const item *it = &f->items[i];
	const tpl_table *tb = &f->d->form->tables[it->idx];
	int n = form_nrows(f, it->idx), focused = i == f->cur;
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
	form_vput(f, y, 0, *hc > 0 ? "<" : " ", 1, ui_attr(A_UI_HEAD), 0);
	form_vput(f, y, 1, " 行", 4, ui_attr(A_UI_HEAD), 1);
	for (int c = *hc, x = 5; c < last; c++) {
		int cw = col_width(&tb->cols[c]);
		form_vput(f, y, x, tb->cols[c].label, cw, ui_attr(A_UI_HEAD) | A_UNDERLINE, 1);
		x += cw + 1;
	}
	if (last < tb->ncols)
		form_vput(f, y, COLS - 1, ">", 1, ui_attr(A_UI_HEAD), 0);
	y++;
	for (int r = 0; r < n; r++, y++) {
		char num[16];
		snprintf(num, sizeof num, "%3d", r + 1);
		form_vput(f, y, 1, num, 4, focused && r == f->row ? ui_attr(A_UI_SEL) : ui_attr(A_UI_DIM), 1);
		for (int c = *hc, x = 5; c < last; c++) {
			const tpl_field *cf = &tb->cols[c];
			int cw = col_width(cf);
			const char *v = app_cell(f->d, it->idx, r, c);
			if (focused && r == f->row && c == f->col && !form_is_options(cf)) {
				if (form_vvis(f, y))
					edit_draw(&f->ed, f->vy0 + y - f->scroll, x, cw, ui_attr(A_UI_FOCUS), 1);
			} else {
				char *show = xstrdup(v);
				for (char *p = show; *p; p++)
					if (*p == '\n')
						*p = '/';
				int a = focused && r == f->row && c == f->col ? ui_attr(A_UI_SEL)
					: form_bad_value(f, cf, v) ? (ui_attr(A_UI_ERR) | (int)A_UNDERLINE) : ui_attr(A_UI_FIELD);
				form_vput(f, y, x, show, cw, a, 1);
				if (focused && r == f->row && c == f->col && form_vvis(f, y) && !form_is_options(cf))
					ui_cursor(f->vy0 + y - f->scroll, x);
				free(show);
			}
			x += cw + 1;
		}
	}
	int fy0 = focused ? (f->row >= 0 ? vy + 1 + f->row : vy + 1) : 0, fy1 = fy0;
	if (!n) {
		form_vput(f, y, 5, "（无。按 F3 增加一行）", COLS - 6, focused ? ui_attr(A_UI_SEL) : ui_attr(A_UI_DIM), 0);
		if (focused && form_vvis(f, y))
			ui_cursor(f->vy0 + y - f->scroll, 5);
		y++;
	}
	/* The focused cell's options, under the grid. */
	if (focused && f->row >= 0 && form_is_options(&tb->cols[f->col])) {
		const tpl_field *cf = &tb->cols[f->col];
		char lab[128];
		snprintf(lab, sizeof lab, "%s：", cf->label);
		int lw = text_width(lab);
		if (lw > 20)
			lw = 20;
		form_vput(f, y, 5, lab, lw, ui_attr(A_UI_HEAD), 0);
		int h = form_draw_options(f, cf, app_cell(f->d, it->idx, f->row, f->col), y, 5 + lw, COLS - 6 - lw, 1);
		fy1 = y + h - 1;
		y += h;
	}
	char foot[128];
	snprintf(foot, sizeof foot, "共 %d 行（F3 加行，F4 删行）", n);
	form_vput(f, y, 5, foot, COLS - 6, ui_attr(A_UI_DIM), 0);
	y++;
	if (focused)
		form_focus_lines(f, fy0 - (f->row <= 0 ? 1 : 0), fy1);
	return y - vy;
}
