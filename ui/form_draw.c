/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* form_draw.c - drawing the form in paper order: sections, a field per
 * line with its boxes, wrapped text, the key hint of the focused value. */
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
#include "render.h"
#include "screens.h"
#include "text.h"
#include "workflow.h"

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
	int x = x0, y = vy, n = form_nopts(fd);
	for (int i = 0; i < n; i++) {
		const char *ov = form_opt_value(fd, i);
		char label[512];
		int other = !ov;
		char *ot = other ? (focused ? edit_get(&f->ed) : form_other_of(fd, v)) : NULL;
		snprintf(label, sizeof label, "%s%s", ui_box(other ? *ot != 0 : form_has_line(v, ov)), other ? "其他：" : ov);
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
			/* At the last space when the line has one: words written
			 * apart (云平台出口安全服务 云主机防护, DDOS) stay whole. */
			if (q[k] && q[k] != ' ' && k > 0 && q[k - 1] != ' ') {
				size_t sp = k;
				while (sp > 0 && q[sp - 1] != ' ')
					sp--;
				if (sp > 0)
					k = sp;
			}
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
	/* A label longer than the column wraps under itself, never cut (four
	 * 云平台出口安全服务 … lines must read apart). */
	int lh = draw_wrapped(f, fd->label, vy, 1, f->labw, 4, focused ? ui_attr(A_UI_SEL) : 0);
	int h = 1;
	if (form_is_options(fd)) {
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
	if (lh > h)
		h = lh;
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
			const char *v = app_cell_shown(f->d, it->idx, r, c);
			if (focused && r == f->row && c == f->col && !form_is_options(cf)) {
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
				if (focused && r == f->row && c == f->col && vvis(f, y) && !form_is_options(cf))
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
	if (focused && f->row >= 0 && form_is_options(&tb->cols[f->col])) {
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
	const tpl_field *fd = form_slot_field(f);
	static char h[1024];
	if (!fd) {
		ui_hint("表格没有行：F3 增加一行，Tab 跳过");
		return;
	}
	const char *what = "";
	char range[128] = "";
	switch (fd->type) {
	case F_DATE: what = "日期，如 2026-03-02，也可写 2026/3/2、2026.3.2、2026年3月2日"; break;
	case F_MONTH: what = "年月，如 2026-03，也可写 2026/3、2026年3月"; break;
	case F_PHONE: what = "电话：手机 11 位，或带区号的固话"; break;
	case F_EMAIL: what = "电子邮箱"; break;
	case F_INT:
		if (fd->has_min || fd->has_max)
			snprintf(range, sizeof range, "整数 %lld~%lld%s", fd->min, fd->max, fd->unit ? fd->unit : "");
		what = range[0] ? range : "整数";
		break;
	case F_CHOICE: what = "单选：左右键移动，空格或序号 1-9 选中"; break;
	case F_MULTI: what = "多选：左右键移动，空格或序号 1-9 勾选"; break;
	case F_BOOL: what = "是/否：左右键移动，空格或 1/2 选中"; break;
	case F_TEXTAREA: what = "多行文字：Enter 换行，Tab 到下一栏"; break;
	default: break;
	}
	snprintf(h, sizeof h, "%s%s%s%s%s", fd->label, fd->required ? "（必填）" : "", *what ? "：" : "", what,
		 "");
	if (f->ed.fresh)
		snprintf(h + strlen(h), sizeof h - strlen(h), "（默认 %s，直接输入即替换）", fd->dflt);
	if (fd->help)
		snprintf(h + strlen(h), sizeof h - strlen(h), "。%s", fd->help);
	if (form_locked(f))
		snprintf(h, sizeof h, "%s：取自原申请，不能修改", fd->label);
	ui_hint(h);
}

void form_draw(void *self)
{
	form *f = self;
	char t[512];
	/* One paper form for several kinds (徽州) says first which this is. */
	const char *kind = f->d->form->nserve ? kind_label(f->d->kind) : "";
	snprintf(t, sizeof t, " %s%s%s%s  %s", f->id ? "" : "新建", kind, f->id && !*kind ? "" : "：", f->d->form->title,
		 f->d->tpl->name);
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
	buf tb = { 0 };
	render_totals(&tb, &tt);
	snprintf(t, sizeof t, "合计：%s", tb.s);
	buf_free(&tb);
	ui_text(LINES - 3, 0, t, COLS, ui_attr(A_UI_HEAD) | A_REVERSE, 1);
	hint_of(f);
}
