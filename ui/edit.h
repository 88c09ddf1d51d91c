/* edit.h - our own line and box editor over a wchar_t buffer (not libform:
 * libform drops wide characters past its field width). Keys come from
 * get_wch, so input-method text and pasted bursts arrive as characters. */
#ifndef YUNSHEN_UI_EDIT_H
#define YUNSHEN_UI_EDIT_H

#include <stddef.h>
#include <wchar.h>

typedef struct ui_edit {
	wchar_t *b;
	int len, cap;
	int cur;              /* cursor: index into b */
	int scroll;           /* first visible character (one-line view) */
	int multiline;        /* newlines allowed (pasted into a box) */
	int max;              /* most characters, 0: no limit */
	int fresh;            /* a default not yet touched: the first character
			       * typed replaces it, any other key keeps it */
} ui_edit;

void edit_set(ui_edit *e, const char *utf8);
/* The text as UTF-8; caller frees. */
char *edit_get(const ui_edit *e);
void edit_free(ui_edit *e);
/* A newline at the cursor (a multi-line box's Enter); 1 when inserted. */
int edit_newline(ui_edit *e);
/* Handles an editing key: 1 changed the text, 0 moved the cursor, -1 not
 * an editing key. */
int edit_key(ui_edit *e, int key);
/* One line of w columns, scrolled so the cursor shows; places the cursor
 * when focused. */
void edit_draw(ui_edit *e, int y, int x, int w, int attr, int focused);
/* Wrapped over at most maxh lines of w columns, scrolled to the cursor;
 * returns the lines the whole text needs (at least 1). */
int edit_draw_box(ui_edit *e, int y, int x, int w, int maxh, int attr, int focused);
/* Lines the text needs wrapped at w columns. */
int edit_lines(const ui_edit *e, int w);

#endif
