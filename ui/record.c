/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* record.c - a signed record asked field by field (a duty's closing
 * record, what a step's signer records): yes/no and choices from a pick
 * list, text on a line; a date starts as today. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "screens.h"

static int ask_field(const tpl_field *f, char *out, size_t n)
{
	buf p = { 0 };
	buf_puts(&p, f->label);
	if (f->must_be)
		buf_printf(&p, "（须为%s）", f->must_be);
	else if (f->required)
		buf_puts(&p, "（必填）");
	if (f->help)
		buf_printf(&p, "　%s", f->help);
	buf_puts(&p, "：");
	int rc;
	if (f->type == F_BOOL || (f->type == F_CHOICE && !f->other)) {
		/* An approved value may stay as requested: the first item, blank. */
		const char *items[66];
		int k = 0, keep = f->synthetic;
		if (keep)
			items[k++] = "按申请核定";
		if (f->type == F_BOOL) {
			items[k++] = "是";
			items[k++] = "否";
		}
		for (int c = 0; f->type == F_CHOICE && c < f->nchoices && k < 66; c++)
			items[k++] = f->choices[c].value;
		int i = ui_menu(p.s, items, k, 0);
		if (i >= 0)
			snprintf(out, n, "%s", keep && i == 0 ? "" : items[i]);
		rc = i < 0 ? -1 : 0;
	} else {
		char init[17] = "";
		if (f->type == F_DATE)
			ui_now(init), init[10] = '\0';
		rc = ui_input(p.s, init, out, n);
	}
	buf_free(&p);
	return rc;
}

int ui_ask_record(const tpl_field *fs, int n, char (*vals)[512], const char **ids, const char **vp, int max)
{
	int k = 0, adjust = -1;
	for (int i = 0; i < n && k < max; i++, k++) {
		/* The approved configuration: as requested, or item by item. */
		if (fs[i].synthetic && adjust < 0) {
			const char *items[] = { "按申请核定，不调整", "逐项核定（不填的项按申请）" };
			adjust = ui_menu("审核后的配置：", items, 2, 0);
			if (adjust < 0)
				return -1;
		}
		if (fs[i].synthetic && !adjust) {
			k--;
			continue;
		}
		if (ask_field(&fs[i], vals[k], sizeof vals[k]))
			return -1;
		ids[k] = fs[i].id;
		vp[k] = vals[k];
	}
	return k;
}
