/* prompt.c - the small modal prompts, drawn over the screen they
 * interrupt: yes/no, a line of text, a pick list. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "edit.h"
#include "screen.h"
#include "text.h"


typedef struct confirm {
	const char *q;
	int answer;
} confirm;

enum { C_YES, C_NO };
static const ui_key confirm_keys[] = {
	{ 'y', C_YES, "y", "确认", "确认" },
	{ 'Y', C_YES, "Y", NULL, NULL },
	{ 'n', C_NO, "n", "取消", "取消" },
	{ 'N', C_NO, "N", NULL, NULL },
	{ UI_ESC, C_NO, "Esc", NULL, NULL },
	{ 0, -1, NULL, NULL, NULL },
};

static void confirm_draw(void *self)
{
	confirm *c = self;
	ui_draw_under();
	/* The whole question, wrapped upwards from the prompt line: what is
	 * signed or recorded is read before y. */
	const char *p[8];
	int n = 0, w = COLS - 1, last = 0;
	for (const char *q = c->q; *q && n < 8; n++) {
		p[n] = q;
		size_t l = text_cut(q, w, &last);
		q += l ? l : strlen(q);
	}
	for (int i = 0; i < n; i++) {
		int y = LINES - 2 - n + i;
		size_t l = i + 1 < n ? (size_t)(p[i + 1] - p[i]) : strlen(p[i]);
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)(l < sizeof line ? l : sizeof line - 1), p[i]);
		move(y, 0);
		clrtoeol();
		ui_text(y, 0, line, w, ui_attr(A_UI_TITLE), 1);
	}
	ui_cursor(LINES - 3, last < w ? last : w - 1);
}

/* Only y confirms: an Enter typed ahead (the one that chose) must not
 * sign or overwrite unread. */
static int confirm_key(void *self, int cmd, int key)
{
	confirm *c = self;
	if (cmd == C_YES || cmd == C_NO) {
		c->answer = cmd == C_YES;
		return UI_BACK;
	}
	if (key == UI_ENTER || key == ' ')
		ui_status(1, "请按 y 确认，n 取消");
	return UI_STAY;
}

static const ui_screen confirm_screen = { "确认", confirm_keys, confirm_draw, confirm_key, NULL, NULL };

int ui_confirm(const char *question)
{
	confirm c = { question, 0 };
	int r = ui_loop(&confirm_screen, &c);
	return r == UI_BACK && c.answer;
}

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

