/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* screen.h - the frame every screen runs in: the terminal (term.c), the
 * event loop with one key table per screen from which the key bar and the
 * F1 help are generated, the status line (loop.c), and the small modal
 * prompts (prompt.c). */
#ifndef YUNSHEN_UI_SCREEN_H
#define YUNSHEN_UI_SCREEN_H

#include <curses.h>
#include <stddef.h>
#include "date.h"
#include "store.h"
#include "progress.h"
#include "users.h"

/* Keys: characters are their code point; curses function keys are
 * UI_FN(KEY_...); control characters are UI_CTRL('x'). */
#define UI_FN(k) (0x1000000 | (k))
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
#define UI_TAB 9
#define UI_ENTER 13
#define UI_PASTE_ON UI_FN(0x7001)     /* bracketed paste start/end */
#define UI_PASTE_OFF UI_FN(0x7002)
#define UI_WORD_LEFT UI_FN(0x7003)    /* Ctrl-Left, Ctrl-Right */
#define UI_WORD_RIGHT UI_FN(0x7004)
/* Alt (Meta) with a key: Esc and the key arriving together. */
#define UI_META(c) (0x2000000 | (c))
/* A character that can be typed (not a function or Alt key). */
#define UI_IS_CHAR(k) ((k) >= 0x20 && (k) <= 0x10FFFF && (k) != 0x7f)

enum { UI_STAY, UI_BACK, UI_QUIT };
#define UI_CMD_HELP (-2)      /* a key table entry that opens the F1 page */
#define UI_CMD_EDIT (-3)      /* an editing key, listed for F1: the screen
			       * gets it as a key outside its table */

typedef struct ui_key {
	int key;
	int cmd;              /* the screen's request; -1 ends the table */
	const char *name;     /* as printed: "F2", "Ctrl-S", "Enter" */
	const char *bar;      /* short label on the key bar, or NULL */
	const char *help;     /* what it does, for F1 */
} ui_key;

/* A screen is a table of functions and a key table. */
typedef struct ui_screen {
	const char *title;                          /* heading of its help page */
	const ui_key *keys;                         /* ends with cmd -1 */
	void (*draw)(void *self);                   /* rows 0 .. LINES-3 */
	int (*key)(void *self, int cmd, int key);   /* cmd -1: not in the table */
	void (*tick)(void *self);                   /* about once a second, or NULL */
	void (*hup)(void *self);                    /* terminal gone: save, or NULL */
} ui_screen;

/* The session. */
typedef struct ui_ctx {
	store *s;
	const user *me;
	const char *db_path;
	int utf8;             /* the terminal's charset is UTF-8 */
	char codeset[32];     /* nl_langinfo(CODESET) */
	int color;
	int hup;              /* hang-up seen or quit asked (Ctrl-C): every
			       * loop unwinds, saving what it holds */
	int paste;            /* inside a bracketed paste */
} ui_ctx;
extern ui_ctx ui;

/* Colour roles; in monochrome (NO_COLOR, no colours) attributes only. */
enum { A_UI_NORMAL, A_UI_TITLE, A_UI_HEAD, A_UI_SEL, A_UI_OVERDUE, A_UI_TODAY, A_UI_ERR,
       A_UI_OK, A_UI_KEY, A_UI_FIELD, A_UI_FOCUS, A_UI_DIM, A_UI__N };
int ui_attr(int role);

int ui_init(void);
void ui_end(void);
/* Runs a screen until its key function returns UI_BACK or UI_QUIT. */
int ui_loop(const ui_screen *sc, void *self);
/* A long operation's progress on the status line, drawn at once (it runs
 * before the screen is drawn again): { ui_progress_fn, NULL }. */
extern const ys_progress ui_progress;
/* Too small for any layout (below 80x20; 80x24 and more is the full one). */
int ui_too_small(void);
/* The status line drawn at once over the running screen, for work that
 * runs before the next frame (an export). */
void ui_busy(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The status line (row LINES-2): a message until the next key. */
void ui_status(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A hint shown when there is no message (field help). */
void ui_hint(const char *s);
/* Where a page is ("1-21/35 行"), at the right of the status line
 * (term.c keeps it for loop.c, which draws it). */
void ui_position(const char *s);
const char *ui_position_get(void);
/* Where the cursor goes after this frame (hidden unless set). */
void ui_cursor(int y, int x);

/* Drawing UTF-8 by columns: cuts whole characters to `cols` columns and
 * pads with spaces to exactly `cols` (pad = 1) or not. Converts to the
 * terminal's charset when it is not UTF-8. Returns the columns drawn. */
int ui_text(int y, int x, const char *s, int cols, int attr, int pad);
/* "☑"/"☐", or "[x]"/"[ ]" where the charset has no such symbols. */
const char *ui_box(int on);
/* Encodes a code point as UTF-8; returns its length. */
int ui_utf8(unsigned cp, char out[5]);
/* Today and now, from the one clock (YUNSHEN_NOW in tests). */
ys_date ui_today(void);
void ui_now(char out[17]);

/* Modal prompts on the status line: yes/no (loop.c); a line of text
 * (returns 0 with out filled, -1 on Esc); a pick list (index or -1)
 * (prompt.c). */
int ui_confirm(const char *question);
int ui_input(const char *prompt, const char *init, char *out, size_t n);
int ui_menu(const char *title, const char *const *items, int n, int sel);

/* The F1 page of a screen, generated from its key table. */
void ui_help(const ui_screen *sc);

/* For the prompts (prompt.c), whose draw starts with the screen they
 * interrupt: draws the screen below the running one, forgetting its cursor. */
void ui_draw_under(void);
/* A hang-up or SIGTERM was seen (term.c sets the flag, loops unwind). */
int ui_hup_seen(void);
/* Ctrl-Z: the terminal back to the shell until fg (loop.c). */
void ui_suspend(void);

#endif
