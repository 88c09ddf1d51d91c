/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* prompt.c - the small modal prompts, drawn over the screen they
 * interrupt: a line of text, a pick list (yes/no is the loop's own). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "edit.h"
#include "screen.h"
#include "text.h"


typedef struct input {
	const char *prompt;
	ui_edit e;
	int ok;
} input;

enum { I_OK, I_CANCEL };
static const ui_key input_keys[] = {
	{ UI_ENTER, I_OK, "Enter", "确定", "确定" },
	{ UI_ESC, I_CANCEL, "Esc", "取消", "取消" },
	EDIT_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void input_draw(void *self)
{
	input *in = self;
	ui_draw_under();
	int w = text_width(in->prompt);
	move(LINES - 3, 0);
	clrtoeol();
	ui_text(LINES - 3, 0, in->prompt, COLS - 1, ui_attr(A_UI_HEAD), 0);
	edit_draw(&in->e, LINES - 3, w + 1, COLS - w - 2, ui_attr(A_UI_FOCUS), 1);
}

static int input_key(void *self, int cmd, int key)
{
	input *in = self;
	if (cmd == I_OK || cmd == I_CANCEL) {
		in->ok = cmd == I_OK;
		return UI_BACK;
	}
	edit_key(&in->e, key);
	return UI_STAY;
}

static const ui_screen input_screen = { "输入", input_keys, input_draw, input_key, NULL, NULL };

int ui_input(const char *prompt, const char *init, char *out, size_t n)
{
	input in = { .prompt = prompt };
	edit_set(&in.e, init ? init : "");
	int r = ui_loop(&input_screen, &in);
	if (r == UI_BACK && in.ok) {
		char *s = edit_get(&in.e);
		snprintf(out, n, "%s", s);
		free(s);
		edit_free(&in.e);
		return 0;
	}
	edit_free(&in.e);
	return -1;
}

/* ---- pick list ---- */

typedef struct menu {
	const char *title;
	const char *const *items;
	int n, sel, top, done;
} menu;

enum { M_UP, M_DOWN, M_OK, M_CANCEL, M_HOME, M_END };
static const ui_key menu_keys[] = {
	{ UI_ENTER, M_OK, "Enter", "选定", "选定这一项" },
	{ UI_ESC, M_CANCEL, "Esc", "返回", "不选，返回" },
	{ 'q', M_CANCEL, "q", NULL, NULL },
	{ UI_FN(KEY_UP), M_UP, "Up", NULL, "上一项" },
	{ 'k', M_UP, "k", NULL, NULL },
	{ UI_FN(KEY_DOWN), M_DOWN, "Down", NULL, "下一项" },
	{ 'j', M_DOWN, "j", NULL, NULL },
	{ UI_TAB, M_DOWN, "Tab", NULL, NULL },
	{ UI_FN(KEY_HOME), M_HOME, "Home", NULL, "第一项" },
	{ UI_FN(KEY_END), M_END, "End", NULL, "最后一项" },
	{ '?', UI_CMD_HELP, "?", NULL, NULL },
	{ UI_FN(KEY_F(1)), UI_CMD_HELP, "F1", "帮助", "本页按键说明" },
	{ 0, -1, NULL, NULL, NULL },
};

static void menu_draw(void *self)
{
	menu *m = self;
	ui_text(0, 0, m->title, COLS, ui_attr(A_UI_TITLE), 1);
	int h = LINES - 4;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + h)
		m->top = m->sel - h + 1;
	for (int i = 0; i < h && m->top + i < m->n; i++) {
		int k = m->top + i;
		char line[512];
		snprintf(line, sizeof line, " %2d  %s", k + 1, m->items[k]);
		ui_text(2 + i, 0, line, COLS, k == m->sel ? ui_attr(A_UI_SEL) : 0, 1);
	}
	ui_hint("上下键选择，Enter 选定，Esc 返回");
}

static int menu_key(void *self, int cmd, int key)
{
	menu *m = self;
	switch (cmd) {
	case M_UP: if (m->sel > 0) m->sel--; break;
	case M_DOWN: if (m->sel < m->n - 1) m->sel++; break;
	case M_HOME: m->sel = 0; break;
	case M_END: m->sel = m->n - 1; break;
	case M_OK: m->done = 1; return UI_BACK;
	case M_CANCEL: return UI_BACK;
	default:
		/* A digit picks that line. */
		if (key >= '1' && key <= '9' && key - '1' < m->n) {
			m->sel = key - '1';
			m->done = 1;
			return UI_BACK;
		}
	}
	return UI_STAY;
}

static const ui_screen menu_screen = { "选择", menu_keys, menu_draw, menu_key, NULL, NULL };

int ui_menu(const char *title, const char *const *items, int n, int sel)
{
	if (n <= 0)
		return -1;
	menu m = { title, items, n, sel < n && sel >= 0 ? sel : 0, 0, 0 };
	int r = ui_loop(&menu_screen, &m);
	return r == UI_BACK && m.done ? m.sel : -1;
}

