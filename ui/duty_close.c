/* duty_close.c - closing one duty from a screen (到期事项, the detail):
 * its record asked field by field, confirmed, signed by the core. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "duties.h"
#include "screens.h"

/* One record field from the user into out: a pick list for a choice, a
 * line of text otherwise (a date starts as today). 0, or -1 cancelled. */
static int ask_field(const tpl_field *f, char *out, size_t n)
{
	char prompt[256];
	snprintf(prompt, sizeof prompt, "%s%s：", f->label, f->required ? "（必填）" : "");
	if (f->type == F_CHOICE && !f->other) {
		const char *items[64];
		int k = 0;
		for (; k < f->nchoices && k < 64; k++)
			items[k] = f->choices[k].value;
		int i = ui_menu(prompt, items, k, 0);
		if (i < 0)
			return -1;
		snprintf(out, n, "%s", items[i]);
		return 0;
	}
	char init[17] = "";
	if (f->type == F_DATE)
		ui_now(init), init[10] = '\0';
	return ui_input(prompt, init, out, n);
}

int due_close(const duty_rec *d)
{
	const tpl_duty *t = d->def;
	enum { MAX = 16 };
	char vals[MAX][512];
	const char *ids[MAX], *vp[MAX];
	int n = 0;
	for (int i = 0; i < t->nfields && n < MAX; i++, n++) {
		if (ask_field(&t->fields[i], vals[n], sizeof vals[n]))
			return ui.hup ? UI_QUIT : UI_STAY;
		ids[n] = t->fields[i].id;
		vp[n] = vals[n];
	}
	char opinion[512] = "";
	if (!t->nfields && ui_input("说明（可空）：", "", opinion, sizeof opinion))
		return ui.hup ? UI_QUIT : UI_STAY;
	char q[256];
	snprintf(q, sizeof q, "办结“%s”（%s）并签署记录？", t->label, t->close_label);
	if (ui_confirm(q) != 1)
		return ui.hup ? UI_QUIT : UI_STAY;
	char now[17];
	ui_now(now);
	ys_err e;
	if (duties_close(ui.s, ui.me, d, ids, vp, n, opinion, now, &e))
		ui_status(1, "未办结：%s", e.msg);
	else
		ui_status(0, "已办结“%s”", t->label);
	return UI_STAY;
}

