/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
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
