/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* loop.c - the frame every screen runs in: the event loop (keys, resize,
 * timers, hang-up, Ctrl-C and Ctrl-Z), the key bar and the F1 help
 * generated from each screen's key table, the status line, and the yes/no
 * prompt the loop asks itself. */
#include "config.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "pager.h"
#include "screen.h"
#include "text.h"

static char status_msg[512];
static int status_err, status_fresh;
/* The hint is copied: callers often build it in a stack buffer that is
 * gone by the time the bottom line is drawn. */
static char hint[512];
static int cur_y = -1, cur_x;
static int pending_key = -1;

void ui_status(int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(status_msg, sizeof status_msg, fmt, ap);
	va_end(ap);
	status_err = err;
	status_fresh = 1;
}

void ui_hint(const char *s)
{
	snprintf(hint, sizeof hint, "%s", s ? s : "");
}

void ui_cursor(int y, int x)
{
	cur_y = y;
	cur_x = x;
}

/* ---- keys ---- */

/* The next byte of an escape sequence within the Esc delay: a character,
 * -1 when none came, -2 when a whole key came instead (kept for later). */
static int seq_byte(void)
{
	timeout(get_escdelay());
	wint_t w;
	int rc = get_wch(&w);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES) {
		pending_key = UI_FN((int)w);
		return -2;
	}
	return (int)w;
}

/* A CSI or SS3 sequence curses did not take whole (its bytes came late,
 * or TERM does not list it): the keys every terminal sends, else 0. */
static int decode_seq(const char *p)
{
	static const struct { const char *seq; int key; } tab[] = {
		{ "[A", KEY_UP }, { "[B", KEY_DOWN }, { "[C", KEY_RIGHT }, { "[D", KEY_LEFT }, { "[H", KEY_HOME },
		{ "[F", KEY_END }, { "[Z", KEY_BTAB }, { "OA", KEY_UP }, { "OB", KEY_DOWN }, { "OC", KEY_RIGHT },
		{ "OD", KEY_LEFT }, { "OH", KEY_HOME }, { "OF", KEY_END }, { "OP", KEY_F(1) }, { "OQ", KEY_F(2) },
		{ "OR", KEY_F(3) }, { "OS", KEY_F(4) }, { "[[A", KEY_F(1) }, { "[[B", KEY_F(2) }, { "[[C", KEY_F(3) },
		{ "[[D", KEY_F(4) }, { "[[E", KEY_F(5) }, { "[1~", KEY_HOME }, { "[7~", KEY_HOME }, { "[4~", KEY_END },
		{ "[8~", KEY_END }, { "[2~", KEY_IC }, { "[3~", KEY_DC }, { "[5~", KEY_PPAGE }, { "[6~", KEY_NPAGE },
		{ "[11~", KEY_F(1) }, { "[12~", KEY_F(2) }, { "[13~", KEY_F(3) }, { "[14~", KEY_F(4) },
		{ "[15~", KEY_F(5) }, { "[17~", KEY_F(6) }, { "[18~", KEY_F(7) }, { "[19~", KEY_F(8) },
		{ "[20~", KEY_F(9) }, { "[21~", KEY_F(10) }, { "[23~", KEY_F(11) }, { "[24~", KEY_F(12) },
		{ "[1;5D", 0x7003 }, { "[1;5C", 0x7004 }, { "[200~", 0x7001 }, { "[201~", 0x7002 },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (!strcmp(p, tab[i].seq))
			return UI_FN(tab[i].key);
	return 0;
}

/* After an Esc: Esc alone; a sequence read to its last byte (ECMA-48:
 * parameters 0x30-0x3F, intermediates 0x20-0x2F, a final 0x40-0x7E) and
 * either known or dropped whole (0), so PuTTY's F2 is not Esc plus
 * letters; or Alt with one of the editor's keys. */
static int escape(void)
{
	int c = seq_byte();
	if (c < 0)
		return UI_ESC;
	if (c == UI_ESC) {
		pending_key = UI_ESC;
		return UI_ESC;
	}
	if (c != '[' && c != 'O') {
		/* Alt only for the editor's Alt keys; Esc typed fast before
		 * any other key is Esc and that key. */
		if (c == 'b' || c == 'f' || c == 'd' || c == 127 || c == 8)
			return UI_META(c);
		pending_key = c;
		return UI_ESC;
	}
	char seq[32];
	size_t n = 0;
	seq[n++] = (char)c;
	for (;;) {
		int b = seq_byte();
		if (b < 0)
			return 0;       /* cut short: nothing of it is a key */
		if (n < sizeof seq - 1)
			seq[n++] = (char)b;
		if (c == 'O' || (b >= 0x40 && b <= 0x7e && !(n == 2 && b == '[')))
			break;          /* ESC [ [ x is the Linux console's F1-F5 */
		if (b < 0x20 || b > 0x7e)
			return 0;
	}
	seq[n] = '\0';
	return decode_seq(seq);
}

/* Reads one key within ms milliseconds (-1: wait), or -1. Resize bursts
 * collapse into one KEY_RESIZE. */
static int read_key(int ms)
{
	if (pending_key >= 0) {
		int k = pending_key;
		pending_key = -1;
		return k;
	}
	timeout(ms);
	wint_t w;
	int rc = get_wch(&w);
	if (rc == ERR)
		return -1;
	int k = rc == KEY_CODE_YES ? UI_FN((int)w) : (int)w;
	if (k == UI_ESC) {
		k = escape();
		if (!k)          /* an unknown sequence, dropped: the next key */
			return read_key(ms < 0 ? ms : 0);
	}
	if (k == UI_FN(KEY_RESIZE)) {
		timeout(0);
		while ((rc = get_wch(&w)) != ERR) {
			int k2 = rc == KEY_CODE_YES ? UI_FN((int)w) : (int)w;
			if (k2 != UI_FN(KEY_RESIZE)) {
				pending_key = k2;
				break;
			}
		}
	}
	if (k == '\n')
		k = UI_ENTER;
	if (k == UI_FN(KEY_ENTER))
		k = UI_ENTER;
	return k;
}

static int find_cmd(const ui_key *t, int key)
{
	for (; t && t->cmd != -1; t++)
		if (t->key == key)
			return t->cmd;
	return -1;
}

static void draw_keybar(const ui_key *t)
{
	int y = LINES - 1, x = 0;
	move(y, 0);
	clrtoeol();
	for (; t && t->cmd != -1 && x < COLS - 1; t++) {
		if (!t->bar)
			continue;
		int need = text_width(t->name) + text_width(t->bar) + 1;
		if (x + need > COLS - 1)
			break;
		x += ui_text(y, x, t->name, COLS - 1 - x, ui_attr(A_UI_KEY), 0);
		x += ui_text(y, x, t->bar, COLS - 1 - x, 0, 0);
		x += 1;
	}
}

static void draw_status(void)
{
	const char *position = ui_position_get();
	int y = LINES - 2, pw = position[0] ? text_width(position) + 2 : 0;
	/* A message needs all of the line more than the page's position; a
	 * hint does not. */
	if (pw && status_msg[0] && text_width(status_msg) > COLS - 1 - pw)
		pw = 0;
	move(y, 0);
	clrtoeol();
	if (status_msg[0])
		ui_text(y, 0, status_msg, COLS - 1 - pw, status_err ? ui_attr(A_UI_ERR) : ui_attr(A_UI_OK), 0);
	else if (hint[0])
		ui_text(y, 0, hint, COLS - 1 - pw, ui_attr(A_UI_DIM), 0);
	if (pw)
		ui_text(y, COLS - pw + 1, position, pw - 2, ui_attr(A_UI_DIM), 0);
}

static void draw_small(void)
{
	erase();
	const char *m = "终端太小（至少 80 列 20 行）";
	int w = text_width(m);
	ui_text(LINES / 2, COLS > w ? (COLS - w) / 2 : 0, m, COLS, ui_attr(A_UI_ERR), 0);
	curs_set(0);
	refresh();
}

static void frame(const ui_screen *sc, void *self)
{
	if (ui_too_small()) {
		draw_small();
		return;
	}
	erase();
	cur_y = -1;
	hint[0] = '\0';
	ui_position(NULL);
	sc->draw(self);
	draw_status();
	status_fresh = 0;
	draw_keybar(sc->keys);
	if (cur_y >= 0) {
		move(cur_y, cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* The screens running, innermost last: a prompt draws the one below it. */
typedef struct frame_ref {
	const ui_screen *sc;
	void *self;
	const struct frame_ref *below;
} frame_ref;
static const frame_ref *running;

void ui_draw_under(void)
{
	if (running && running->below)
		running->below->sc->draw(running->below->self);
	cur_y = -1;
}

static void progress_fn(const char *what, const char *unit, long long done, long long total, void *ctx)
{
	(void)ctx;
	char b[256], line[260];
	progress_words(b, sizeof b, what, unit, done, total);
	snprintf(line, sizeof line, " %s", b);
	ui_text(LINES - 2, 0, line, COLS, 0, 1);
	refresh();
}

const ys_progress ui_progress = { progress_fn, NULL };

void ui_busy(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(status_msg, sizeof status_msg, fmt, ap);
	va_end(ap);
	status_err = 0;
	status_fresh = 1;
	if (running)
		frame(running->sc, running->self);
}

/* ---- yes/no, which the loop itself asks (Ctrl-C) ---- */

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

/* Ctrl-Z: in raw mode the terminal sends no SIGTSTP, so we stop
 * ourselves, with the terminal put back, and redraw on return. */
void ui_suspend(void)
{
	/* In the session leader's own group (started straight from tmux, a
	 * cron-less ssh command) nothing would bring us back: the kernel drops
	 * the signal of such an orphaned group. */
	if (getpgrp() == getsid(0)) {
		ui_status(1, "不能暂停：云审不是从有作业控制的 shell 启动的（Ctrl-Z 无效）");
		return;
	}
	printf("\033[?2004l");
	fflush(stdout);
	endwin();
	raise(SIGTSTP);
	printf("\033[?2004h");
	fflush(stdout);
	clearok(curscr, TRUE);
	refresh();
}

/* Ctrl-C: asks, then every screen unwinds as on a hang-up, saving what
 * it holds (a form its draft). */
static void ask_quit(void)
{
	static int asking;
	if (asking)
		return;
	asking = 1;
	if (ui_confirm("退出云审？正在填写的表会存为草稿。（y 退出，n 继续）"))
		ui.hup = 1;
	asking = 0;
}

static int loop(const ui_screen *sc, void *self);

int ui_loop(const ui_screen *sc, void *self)
{
	frame_ref f = { sc, self, running };
	running = &f;
	int r = loop(sc, self);
	running = f.below;
	return r;
}

static int loop(const ui_screen *sc, void *self)
{
	for (;;) {
		if (ui_hup_seen()) {
			if (sc->hup)
				sc->hup(self);
			return UI_QUIT;
		}
		frame(sc, self);
		int k = read_key(500);
		if (ui_hup_seen())
			continue;
		if (k < 0) {
			if (sc->tick)
				sc->tick(self);
			continue;
		}
		/* Handle this key and whatever is already waiting (a paste, an
		 * input method's commit, type-ahead on a slow link) before
		 * drawing again. */
		for (int burst = 0; k >= 0 && burst < 4096; burst++) {
			if (k == UI_FN(KEY_RESIZE)) {
				/* curses has the new size; the next frame repaints all
				 * of it: the terminal (tmux reflowing its pane) may not
				 * hold what curses thinks it does. */
				clearok(curscr, TRUE);
			} else if (k == UI_PASTE_ON || k == UI_PASTE_OFF) {
				ui.paste = k == UI_PASTE_ON;
			} else {
				int cmd = find_cmd(sc->keys, k);
				if (cmd == UI_CMD_EDIT)
					cmd = -1;
				if (!status_fresh)
					status_msg[0] = '\0';
				int r;
				if (cmd == -1 && k == UI_CTRL('l')) {
					/* Repaint everything (a noisy line, another program's output). */
					clearok(curscr, TRUE);
					r = UI_STAY;
				} else if (cmd == -1 && k == UI_CTRL('c')) {
					ask_quit();
					r = UI_STAY;
				} else if (cmd == -1 && k == UI_CTRL('z')) {
					ui_suspend();
					r = UI_STAY;
				} else if (cmd == UI_CMD_HELP || (cmd == -1 && k == UI_FN(KEY_F(1)))) {
					ui_help(sc);
					r = UI_STAY;
				} else {
					r = sc->key(self, cmd, k);
				}
				if (r == UI_BACK || r == UI_QUIT)
					return r;
				if (ui.hup)
					break;
			}
			k = read_key(0);
		}
	}
}

/* ---- help ---- */

typedef struct help {
	const char *title;
	pager p;
} help;

enum { H_BACK = 1 };
static const ui_key help_keys[] = {
	{ UI_ESC, H_BACK, "Esc", "返回", "返回" },
	{ 'q', H_BACK, "q", NULL, NULL },
	{ UI_FN(KEY_F(1)), H_BACK, "F1", NULL, NULL },
	PAGER_KEYS,
	{ 0, -1, NULL, NULL, NULL },
};

static void help_draw(void *self)
{
	help *h = self;
	char t[256];
	snprintf(t, sizeof t, "按键说明：%s", h->title);
	ui_text(0, 0, t, COLS, ui_attr(A_UI_TITLE), 1);
	pager_draw(&h->p, 1, LINES - 3);
	ui_hint("Esc 返回；上下键、PgUp/PgDn 翻看");
}

static int help_key(void *self, int cmd, int key)
{
	help *h = self;
	(void)key;
	if (cmd == H_BACK)
		return UI_BACK;
	pager_scroll(&h->p, cmd, LINES - 3);
	return UI_STAY;
}

static const ui_screen help_screen = { "帮助", help_keys, help_draw, help_key, NULL, NULL };

void ui_help(const ui_screen *sc)
{
	help h = { sc->title, { 0 } };
	/* One line per request: every key that does it, then what it does. */
	for (const ui_key *t = sc->keys; t && t->cmd != -1; t++) {
		int shadowed = 0;       /* an earlier entry takes the key */
		for (const ui_key *u = sc->keys; u != t; u++)
			shadowed |= u->key == t->key;
		if (!t->help || shadowed)
			continue;
		char names[128] = "";
		for (const ui_key *u = sc->keys; u->cmd != -1; u++)
			if (u->cmd == t->cmd && u->name && (u == t || !u->help) &&
			    strlen(names) + strlen(u->name) + 4 < sizeof names) {
				if (names[0])
					strcat(names, " / ");
				strcat(names, u->name);
			}
		int w = text_width(names);
		char line[512];
		snprintf(line, sizeof line, "  %s%*s  %s", names, w < 22 ? 22 - w : 0, "", t->help);
		pager_add(&h.p, 0, "%s", line);
	}
	int has_f1 = 0;
	for (const ui_key *t = sc->keys; t && t->cmd != -1; t++)
		has_f1 |= t->key == UI_FN(KEY_F(1));
	if (!has_f1)
		pager_add(&h.p, 0, "  F1%*s  本页按键说明", 20, "");
	pager_add(&h.p, 0, "%s", "");
	pager_add(&h.p, ui_attr(A_UI_DIM), "%s", "  在任何界面：F1 帮助，Esc 返回上一界面，方向键（列表中也可用 vi 键 j k）移动，Ctrl-L 重画屏幕，");
	pager_add(&h.p, ui_attr(A_UI_DIM), "%s", "  Ctrl-Z 暂停回到 shell（fg 回来），Ctrl-C 退出（先确认，正在填写的表存为草稿）。");
	ui_loop(&help_screen, &h);
	pager_free(&h.p);
}
