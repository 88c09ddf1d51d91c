/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_table.c - one-table workbooks (xlsx_table.h). */
#include "config.h"
#include <stdio.h>
#include "xlsx_table.h"

int xt_open(xt *t, const char *path, const char *sheet, const char *title, const char *subtitle,
	    const char *const *heads, const double *widths, int ncols, int landscape, ys_err *err)
{
	if (xw_open(&t->b, path, 0, err))
		return -1;
	xw_style ti = { .size = 16, .bold = 1 }, su = { .size = 9, .color = 0x595959 },
		 he = { .size = 10.5, .bold = 1, .shade = 1, .border = 1, .wrap = 1, .align = LXW_ALIGN_CENTER },
		 tx = { .size = 10.5, .border = 1, .text = 1 }, nu = { .size = 10.5, .border = 1, .num = "#,##0" },
		 n1 = { .size = 10.5, .border = 1, .num = "#,##0.0" }, pc = { .size = 10.5, .border = 1, .num = "0.0\"%\"" };
	t->title = xw_fmt(&t->b, &ti);
	t->sub = xw_fmt(&t->b, &su);
	t->head = xw_fmt(&t->b, &he);
	t->text = xw_fmt(&t->b, &tx);
	t->num = xw_fmt(&t->b, &nu);
	t->num1 = xw_fmt(&t->b, &n1);
	t->pct = xw_fmt(&t->b, &pc);
	t->ws = workbook_add_worksheet(t->b.wb, sheet);
	t->ncols = ncols;
	xw_print_a4(t->ws, landscape, NULL);
	for (int c = 0; c < ncols; c++)
		worksheet_set_column(t->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	xw_text(t->ws, 0, 0, title, t->title);
	worksheet_set_row(t->ws, 0, 26, NULL);
	xw_text(t->ws, 1, 0, subtitle, t->sub);
	for (int c = 0; c < ncols; c++)
		xw_text(t->ws, 3, c, heads[c], t->head);
	worksheet_set_row(t->ws, 3, 30, NULL);
	worksheet_repeat_rows(t->ws, 3, 3);
	worksheet_freeze_panes(t->ws, 4, 0);
	t->first = t->row = 4;
	char name[256];         /* libxlsxwriter copies the properties it is given */
	snprintf(name, sizeof name, "%s", title);
	lxw_doc_properties props = { .title = name, .author = "yunshen" };
	workbook_set_properties(t->b.wb, &props);
	return 0;
}

void xt_text(xt *t, int col, const char *s)
{
	xw_text(t->ws, t->row, col, s, t->text);
}

void xt_num(xt *t, int col, double v, int decimals)
{
	if (v < 0)
		xw_text(t->ws, t->row, col, "", t->text);
	else
		xw_number(t->ws, t->row, col, v, decimals ? t->num1 : t->num);
}

void xt_pct(xt *t, int col, double v)
{
	if (v < 0)
		xw_text(t->ws, t->row, col, "", t->text);
	else
		xw_number(t->ws, t->row, col, v, t->pct);
}

void xt_next(xt *t)
{
	t->row++;
}

int xt_close(xt *t, const char *note, ys_err *err)
{
	if (t->row > t->first)
		worksheet_autofilter(t->ws, 3, 0, (lxw_row_t)(t->row - 1), (lxw_col_t)(t->ncols - 1));
	if (note)
		xw_text(t->ws, t->row + 1, 0, note, t->sub);
	return xw_close(&t->b, err);
}
