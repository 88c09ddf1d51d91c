/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* batch.c - signing the rows tagged in the queue with one opinion: the
 * choice every one of them offers, one opinion, the list of what will be
 * signed, then y; each is signed on its own by the core (batch.h) and the
 * list then says which were signed and why the others were not. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "pager.h"
#include "screens.h"
#include "text.h"

typedef struct bscreen {
	batch_item *items;
	int n, done, nsigned;
	const char *label;
	const char *opinion;
	pager p;
} bscreen;

enum { B_YES = 1, B_BACK };
static const ui_key batch_keys[] = {
	{ 'y', B_YES, "y", "签署", "以所选签署列出的各件（每件单独检查、单独记录）" },
	{ 'n', B_BACK, "n", NULL, NULL },
	{ UI_ESC, B_BACK, "Esc", "返回", "不签署（签署后：返回列表）" },
	{ 'q', B_BACK, "q", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void list(bscreen *b)
{
	pager_clear(&b->p);
	for (int i = 0; i < b->n; i++) {
		const batch_item *it = &b->items[i];
		const char *mark = !b->done ? "  " : it->done ? "✓ " : "✗ ";
		if (!ui.utf8)
			mark = !b->done ? "  " : it->done ? "+ " : "x ";
		if (!it->loaded) {
			pager_add(&b->p, ui_attr(A_UI_ERR), "%s%6lld  %s", mark, it->id, it->why);
			continue;
		}
		char label[128], docno[160];
		const char *dn = it->r.docno[0] ? it->r.docno : "（无文号）";
		int w = text_width(dn);      /* padded by columns, not bytes */
		snprintf(docno, sizeof docno, "%s%*s", dn, w < 30 ? 30 - w : 0, "");
		pager_add(&b->p, b->done && !it->done ? ui_attr(A_UI_ERR) : 0, "%s%6lld  %s %s  %s", mark, it->id, docno,
			  it->r.unit, apps_status_label(&it->r, label, sizeof label));
		if (b->done && !it->done)
			pager_wrap(&b->p, ui_attr(A_UI_ERR), 10, it->why, COLS - 10);
	}
}

static void batch_draw(void *self)
{
	bscreen *b = self;
	char t[512];
	if (!b->done)
		snprintf(t, sizeof t, " 批量签署：以“%s”签署以下 %d 件", b->label, b->n);
	else
		snprintf(t, sizeof t, " 批量签署：已签署 %d 件，未签署 %d 件", b->nsigned, b->n - b->nsigned);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	snprintf(t, sizeof t, "意见：%s", b->opinion[0] ? b->opinion : "（无）");
	ui_text(1, 0, t, COLS, ui_attr(A_UI_HEAD), 0);
	pager_draw(&b->p, 2, LINES - 4);
	if (!b->done)
		ui_hint("按 y 签署以上各件（每件单独检查、单独记入历史），n 或 Esc 取消");
	else
		ui_hint("✗ 的各件未签署，原因在其下；Esc 返回列表");
}

static int batch_key(void *self, int cmd, int key)
{
	bscreen *b = self;
	(void)key;
	if (cmd == B_BACK)
		return UI_BACK;
	if (cmd == B_YES && !b->done) {
		char now[17];
		ui_now(now);
		b->nsigned = batch_sign(ui.s, ui.me, b->items, b->n, NULL, b->label, b->opinion, now);
		b->done = 1;
		for (int i = 0; i < b->n; i++) {     /* each as it is now */
			ys_err e;
			if (b->items[i].done)
				apps_get(ui.s, b->items[i].id, &b->items[i].r, &e);
		}
		list(b);
		ui_status(b->nsigned < b->n, "已签署 %d 件%s", b->nsigned, b->nsigned < b->n ? "，有未签署的，见列表" : "");
		return UI_STAY;
	}
	pager_key(&b->p, cmd, LINES - 4);
	return UI_STAY;
}

static const ui_screen batch_screen = { "批量签署", batch_keys, batch_draw, batch_key, NULL, NULL };

int batch_run(long long *ids, int n, int *signed_)
{
	*signed_ = 0;
	bscreen b = { .n = n };
	b.items = xcalloc((size_t)n, sizeof *b.items);
	for (int i = 0; i < n; i++)
		b.items[i].id = ids[i];
	batch_load(ui.s, ui.me, b.items, n);
	wf_action acts[16];
	int na = batch_actions(ui.s, ui.me, b.items, n, acts, 16), r = UI_STAY;
	if (!na) {
		ui_status(1, "已标记的 %d 件没有您现在都能做的签署（逐件按 a 看原因）", n);
		free(b.items);
		return UI_STAY;
	}
	const char *items[16];
	for (int i = 0; i < na; i++)
		items[i] = acts[i].label;
	char title[128];
	snprintf(title, sizeof title, "以哪个选择签署已标记的 %d 件？", n);
	int k = na == 1 ? 0 : ui_menu(title, items, na, 0);
	char opinion[WF_OPINION_MAX * 4 + 1] = "", prompt[160], why[256];
	if (k >= 0) {
		snprintf(prompt, sizeof prompt, "意见（%d 件共用%s）：", n, acts[k].opinion_required ? "，必须填写" : "，可不填");
		if (ui_input(prompt, "", opinion, sizeof opinion))
			k = -1;
	}
	if (k >= 0 && workflow_opinion_check(acts[k].label, acts[k].opinion_required, opinion, why, sizeof why)) {
		ui_status(1, "%s", why);
		k = -1;
	}
	if (k >= 0) {
		b.label = acts[k].label;
		b.opinion = opinion;
		list(&b);
		r = ui_loop(&batch_screen, &b) == UI_QUIT ? UI_QUIT : UI_STAY;
		*signed_ = b.nsigned;
		/* The ids signed go back untagged: 0 marks them. */
		for (int i = 0; i < n; i++)
			if (b.items[i].done)
				ids[i] = 0;
	} else if (ui.hup) {
		r = UI_QUIT;
	}
	pager_free(&b.p);
	free(b.items);
	return r;
}
