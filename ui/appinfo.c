/* appinfo.c - how an application, its deadline and its history read on
 * screen; shared by the queue, detail, history and approval screens. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "screens.h"
#include "text.h"

void appinfo_left(const app_rec *r, ys_date today, int full, char *out, size_t n, int *attr, int *overdue)
{
	int has, left = apps_days_left(r, today, &has);
	*attr = 0;
	*overdue = 0;
	if (!has) {
		snprintf(out, n, "%s", strcmp(r->status, "pending") ? "" : "无时限");
	} else if (left < 0) {
		snprintf(out, n, full ? "超期 %d 个工作日" : "超期%d", -left);
		*attr = ui_attr(A_UI_OVERDUE);
		*overdue = 1;
	} else if (left == 0) {
		snprintf(out, n, "今天到期");
		*attr = ui_attr(A_UI_TODAY);
	} else {
		snprintf(out, n, full ? "剩 %d 个工作日" : "剩%d", left);
	}
}

const tpl_step *appinfo_step(const app_rec *r)
{
	return flow_step(template_flow(template_find(r->template), r->kind), r->step);
}

int appinfo_editable(const app_rec *r)
{
	return (!strcmp(r->status, "draft") || !strcmp(r->status, "returned")) &&
	       user_has(ui.me, "clerk", r->template, r->county);
}

void appinfo_value(const tpl_field *f, const char *v, char *out, size_t n)
{
	buf b = { 0 };
	buf_puts(&b, "");
	if (f->type == F_CHOICE || f->type == F_MULTI || f->type == F_BOOL) {
		if (f->type == F_BOOL) {
			buf_printf(&b, "%s是 %s否", ui_box(!strcmp(v, "是")), ui_box(!strcmp(v, "否")));
		} else {
			for (int i = 0; i < f->nchoices; i++)
				buf_printf(&b, "%s%s%s", i ? " " : "", ui_box(value_has(v, f->choices[i].value)),
					   f->choices[i].value);
			char *others = value_others(f, v), *save = NULL;
			for (char *it = strtok_r(others, "\n", &save); it; it = strtok_r(NULL, "\n", &save))
				buf_printf(&b, " %s其他：%s", ui_box(1), it);
			free(others);
		}
	} else if (!*v) {
		buf_puts(&b, "—");
	} else {
		buf_printf(&b, "%s%s", v, f->type == F_INT && f->unit ? f->unit : "");
	}
	snprintf(out, n, "%s", b.s);
	buf_free(&b);
}

void appinfo_event(pager *p, const app_event *e, const tpl_flow *fl, int width)
{
	const tpl_step *sp = flow_step(fl, e->step);
	buf b = { 0 };
	buf_printf(&b, "%.10s %.5s  %-8s ", e->at, e->at[10] ? e->at + 11 : "", e->login);
	if (!strcmp(e->kind, "edit"))
		buf_printf(&b, "修改 %s：“%s”→“%s”", e->field ? e->field : "", e->old ? e->old : "",
			   e->new ? e->new : "");
	else if (!strcmp(e->kind, "create"))
		buf_puts(&b, "新建草稿");
	else if (sp)
		buf_printf(&b, "%s：%s", sp->name, e->label);
	else if (e->label[0])
		buf_puts(&b, e->label);
	else
		buf_puts(&b, e->kind);
	if (e->deadline[0] && !strcmp(e->kind, "act"))
		buf_printf(&b, "（期限 %s）", e->deadline);
	pager_wrap(p, 0, 18, b.s, width);
	buf_free(&b);
	if (e->opinion && *e->opinion) {
		buf o = { 0 };
		buf_printf(&o, "%*s意见：%s", 18, "", e->opinion);
		pager_wrap(p, ui_attr(A_UI_HEAD) & ~A_BOLD, 24, o.s, width);
		buf_free(&o);
	}
}
