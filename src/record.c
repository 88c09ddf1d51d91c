/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* record.c - records signed with events (record.h). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "json.h"
#include "record.h"
#include "text.h"

int record_build(const tpl_field *fs, int n, const char *const *ids, const char *const *vals, int nv,
		 int require, const char *today, const char *what, buf *json, buf *text, ys_err *err)
{
	char **canon = xcalloc((size_t)n + 1, sizeof *canon);
	int rc = 0;
	for (int i = 0; i < nv && !rc; i++) {
		int k = -1;
		for (int j = 0; j < n; j++)
			if (!strcmp(fs[j].id, ids[i]) || !strcmp(fs[j].label, ids[i]))
				k = j;
		if (k < 0) {
			buf b = { 0 };
			for (int j = 0; j < n; j++)
				buf_printf(&b, "%s%s（%s）", j ? "、" : "", fs[j].id, fs[j].label);
			rc = err_set(err, "%s没有“%s”一项%s%s", what, ids[i], b.len ? "；可填：" : "", b.s ? b.s : "");
			buf_free(&b);
			break;
		}
		free(canon[k]);
		canon[k] = field_normalize(&fs[k], vals[i]);
	}
	for (int j = 0; j < n && !rc; j++) {
		char msg[256];
		const tpl_field *f = &fs[j];
		const char *v = canon[j] ? canon[j] : "";
		tpl_field loose = *f;
		loose.required = f->required && require;
		if (field_check(&loose, v, msg, sizeof msg))
			rc = err_set(err, "“%s”：%s", f->label, msg);
		else if (require && f->must_be && strcmp(v, f->must_be))
			rc = err_set(err, "“%s”应为“%s”%s%s", f->label, f->must_be, f->why ? "：" : "",
				     f->why ? f->why : "");
		else if (f->type == F_DATE && *v && strcmp(v, today) > 0)
			rc = err_set(err, "“%s”是 %s，晚于今天：记录的是已经发生的事", f->label, v);
	}
	if (!rc) {
		buf_puts(json, "{");
		for (int i = 0; i < n; i++) {
			const char *v = canon[i] ? canon[i] : "";
			buf_printf(json, "%s", i ? "," : "");
			buf_json_str(json, fs[i].id);
			buf_puts(json, ":");
			buf_json_str(json, v);
			if (*v)
				buf_printf(text, "%s%s：%s", text->len ? "；" : "", fs[i].label, v);
		}
		buf_puts(json, "}");
	}
	for (int j = 0; j < n; j++)
		free(canon[j]);
	free(canon);
	return rc;
}

void record_words(const tpl_field *fs, int n, const char *json_text, buf *out)
{
	json *j = json_parse(json_text, NULL);
	for (int i = 0; j && i < n; i++) {
		const char *v = json_str(j, fs[i].id, "");
		if (*v)
			buf_printf(out, "%s%s：%s", out->len ? "；" : "", fs[i].label, v);
	}
	json_free(j);
}
