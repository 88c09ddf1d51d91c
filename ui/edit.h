/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* edit.h - our own line and box editor over a wchar_t buffer (not libform:
 * libform drops wide characters past its field width). Keys come from
 * get_wch, so input-method text and pasted bursts arrive as characters. */
#ifndef YUNSHEN_UI_EDIT_H
#define YUNSHEN_UI_EDIT_H

#include <stddef.h>
#include <wchar.h>

/* The text as it was before a change, for undo. */
typedef struct edit_snap {
	wchar_t *b;
	int len, cur;
} edit_snap;

typedef struct ui_edit {
	wchar_t *b;
	int len, cap;
	int cur;              /* cursor: index into b */
	int scroll;           /* first visible character (one-line view) */
	int multiline;        /* newlines allowed (pasted into a box) */
	int max;              /* most characters, 0: no limit */
	int fresh;            /* a default not yet touched: the first character
			       * typed replaces it, any other key keeps it */
	edit_snap *undo;      /* oldest first, at most EDIT_UNDO_MAX */
	int nundo;
	int typing;           /* the last change was typing: one undo step */
} ui_edit;

#define EDIT_UNDO_MAX 200

void edit_set(ui_edit *e, const char *utf8);
/* The text as UTF-8; caller frees. */
char *edit_get(const ui_edit *e);
void edit_free(ui_edit *e);
/* A newline at the cursor (a multi-line box's Enter); 1 when inserted. */
int edit_newline(ui_edit *e);
/* Handles an editing key: 1 changed the text, 0 moved the cursor, -1 not
 * an editing key. The keys are readline's: Ctrl-A/E, Ctrl-B/F, Alt-B/F
 * and Ctrl-Left/Right by words, Ctrl-U/K kill to the line's start/end,
 * Ctrl-W and Alt-Backspace the word before, Alt-D the word after, Ctrl-Y
 * yanks the last kill (one kill buffer for every field), Ctrl-_ undoes. */
int edit_key(ui_edit *e, int key);
/* One line of w columns, scrolled so the cursor shows; places the cursor
 * when focused. */
void edit_draw(ui_edit *e, int y, int x, int w, int attr, int focused);
/* Wrapped over at most maxh lines of w columns, scrolled to the cursor;
 * returns the lines the whole text needs (at least 1). */
int edit_draw_box(ui_edit *e, int y, int x, int w, int maxh, int attr, int focused);
/* Lines the text needs wrapped at w columns. */
int edit_lines(const ui_edit *e, int w);

/* The editing keys for a screen's key table and F1 page: the screen
 * gets them as keys outside its table (cmd -1) and hands them to
 * edit_key; a key the screen binds itself comes first in its table. */
#define EDIT_KEYS \
	{ UI_CTRL('a'), UI_CMD_EDIT, "Ctrl-A/Home", NULL, "文字中：到行首" }, \
	{ UI_CTRL('e'), UI_CMD_EDIT, "Ctrl-E/End", NULL, "文字中：到行尾" }, \
	{ UI_META('b'), UI_CMD_EDIT, "Alt-B/Ctrl-Left", NULL, "文字中：到前一个词（标点、空格分词）" }, \
	{ UI_META('f'), UI_CMD_EDIT, "Alt-F/Ctrl-Right", NULL, "文字中：到后一个词" }, \
	{ UI_CTRL('u'), UI_CMD_EDIT, "Ctrl-U", NULL, "文字中：删到行首（Ctrl-Y 粘回，Ctrl-_ 撤销）" }, \
	{ UI_CTRL('k'), UI_CMD_EDIT, "Ctrl-K", NULL, "文字中：删到行尾" }, \
	{ UI_CTRL('w'), UI_CMD_EDIT, "Ctrl-W/Alt-Backspace", NULL, "文字中：删前一个词" }, \
	{ UI_META('d'), UI_CMD_EDIT, "Alt-D", NULL, "文字中：删后一个词" }, \
	{ UI_CTRL('y'), UI_CMD_EDIT, "Ctrl-Y", NULL, "文字中：粘回最近删去的文字" }, \
	{ UI_CTRL('_'), UI_CMD_EDIT, "Ctrl-_", NULL, "文字中：撤销上一次修改（可连续撤销）" }

#endif
