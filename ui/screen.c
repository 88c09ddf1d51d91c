/* screen.c - terminal setup, the event loop, the key bar, the status line
 * and the modal prompts every screen shares. */
#include "config.h"
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "edit.h"
#include "pager.h"
#include "screen.h"
#include "text.h"

ui_ctx ui;

static volatile sig_atomic_t hup_flag;
static char status_msg[512];
static int status_err, status_fresh;
/* The hint is copied: callers often build it in a stack buffer that is
 * gone by the time the bottom line is drawn. */
static char hint[512];
static int cur_y = -1, cur_x;
static int pending_key = -1;
static int attrs[A_UI__N];

static void on_hup(int sig)
{
	(void)sig;
	hup_flag = 1;
}

int ui_attr(int role)
{
	return role >= 0 && role < A_UI__N ? attrs[role] : 0;
}

static void setup_attrs(void)
{
	const char *nc = getenv("NO_COLOR");
	ui.color = has_colors() && !(nc && *nc);
	attrs[A_UI_NORMAL] = A_NORMAL;
	attrs[A_UI_TITLE] = A_REVERSE | A_BOLD;
	attrs[A_UI_HEAD] = A_BOLD;
	attrs[A_UI_SEL] = A_REVERSE;
	attrs[A_UI_OVERDUE] = A_BOLD;
	attrs[A_UI_TODAY] = A_NORMAL;
	attrs[A_UI_ERR] = A_BOLD;
	attrs[A_UI_OK] = A_NORMAL;
	attrs[A_UI_KEY] = A_REVERSE;
	attrs[A_UI_FIELD] = A_UNDERLINE;
	attrs[A_UI_FOCUS] = A_UNDERLINE | A_BOLD;
	attrs[A_UI_DIM] = A_DIM;
	if (!ui.color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_GREEN, -1);
	init_pair(5, COLOR_BLACK, COLOR_CYAN);
	init_pair(6, COLOR_CYAN, -1);
	attrs[A_UI_TITLE] = COLOR_PAIR(1) | A_BOLD;
	attrs[A_UI_HEAD] = COLOR_PAIR(6) | A_BOLD;
	attrs[A_UI_OVERDUE] = COLOR_PAIR(2) | A_BOLD;
	attrs[A_UI_TODAY] = COLOR_PAIR(3);
	attrs[A_UI_ERR] = COLOR_PAIR(2) | A_BOLD;
	attrs[A_UI_OK] = COLOR_PAIR(4);
	attrs[A_UI_KEY] = COLOR_PAIR(5);
}

int ui_init(void)
{
	snprintf(ui.codeset, sizeof ui.codeset, "%s", nl_langinfo(CODESET));
	ui.utf8 = !strcasecmp(ui.codeset, "UTF-8") || !strcasecmp(ui.codeset, "utf8");
	/* GBK/GB18030 terminals draw ambiguous symbols two columns wide. */
	text_set_ambiguous_wide(!ui.utf8);
	if (!initscr())
		return -1;
	raw();                  /* Ctrl-S reaches us (no XON/XOFF) */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	setup_attrs();
	/* Bracketed paste: the terminal marks pasted text. */
	define_key("\033[200~", 0x7001);
	define_key("\033[201~", 0x7002);
	printf("\033[?2004h");
	fflush(stdout);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

void ui_end(void)
{
	if (!hup_flag) {
		printf("\033[?2004l");
		fflush(stdout);
	}
	endwin();
}

int ui_too_small(void)
{
	return LINES < 24 || COLS < 80;
}

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

int ui_utf8(unsigned cp, char out[5])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		out[1] = 0;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		out[2] = 0;
		return 2;
	}
	if (cp >= 0xD800 && cp < 0xE000)
		cp = 0xFFFD;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		out[3] = 0;
		return 3;
	}
	if (cp > 0x10FFFF)
		return ui_utf8(0xFFFD, out);
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	out[4] = 0;
	return 4;
}

const char *ui_box(int on)
{
	if (ui.utf8)
		return on ? "☑" : "☐";
	return on ? "[x]" : "[ ]";
}

int ui_text(int y, int x, const char *s, int cols, int attr, int pad)
{
	if (!s)
		s = "";
	if (x >= COLS || y >= LINES || cols <= 0)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	int used;
	size_t n = text_cut(s, cols, &used);
	/* Control characters would move the cursor: show them as spaces. */
	char tmp[1024], *p = n < sizeof tmp ? tmp : malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			p[i] = ' ';
	attron(attr);
	if (ui.utf8) {
		mvaddnstr(y, x, p, (int)n);
	} else if (n) {
		size_t on;
		char *conv = text_iconv("UTF-8", ui.codeset, p, n, 1, &on, NULL);
		if (conv)
			mvaddnstr(y, x, conv, (int)on);
		free(conv);
	} else {
		move(y, x);
	}
	if (p != tmp)
		free(p);
	/* Pad from where curses really is, so a width disagreement cannot
	 * push the next column. */
	int cy, cx;
	getyx(stdscr, cy, cx);
	if (pad) {
		if (cy != y)
			cx = x + cols;
		for (; cx < x + cols; cx++)
			addch(' ');
	}
	attroff(attr);
	return pad ? cols : used;
}

ys_date ui_today(void)
{
	return clock_today();
}

void ui_now(char out[17])
{
	clock_now(out);
}

/* ---- keys ---- */

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
	int y = LINES - 2;
	move(y, 0);
	clrtoeol();
	if (status_msg[0])
		ui_text(y, 0, status_msg, COLS - 1, status_err ? ui_attr(A_UI_ERR) : ui_attr(A_UI_OK), 0);
	else if (hint[0])
		ui_text(y, 0, hint, COLS - 1, ui_attr(A_UI_DIM), 0);
}

static void draw_small(void)
{
	erase();
	const char *m = "终端太小（至少 80x24）";
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

static int check_hup(void)
{
	if (hup_flag)
		ui.hup = 1;
	return ui.hup;
}

static const ui_screen *current;    /* the screen prompts draw over */
static void *current_self;

static int loop(const ui_screen *sc, void *self);

int ui_loop(const ui_screen *sc, void *self)
{
	const ui_screen *pc = current;
	void *ps = current_self;
	current = sc;
	current_self = self;
	int r = loop(sc, self);
	current = pc;
	current_self = ps;
	return r;
}

static int loop(const ui_screen *sc, void *self)
{
	for (;;) {
		if (check_hup()) {
			if (sc->hup)
				sc->hup(self);
			return UI_QUIT;
		}
		frame(sc, self);
		int k = read_key(1000);
		if (check_hup())
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
				/* curses has the new size; the next frame redraws. */
			} else if (k == UI_PASTE_ON || k == UI_PASTE_OFF) {
				ui.paste = k == UI_PASTE_ON;
			} else {
				int cmd = find_cmd(sc->keys, k);
				if (!status_fresh)
					status_msg[0] = '\0';
				int r;
				if (cmd == -1 && k == UI_CTRL('l')) {
					/* Repaint everything (a noisy line, another program's output). */
					clearok(curscr, TRUE);
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

/* ---- modal prompts ---- */

typedef struct confirm {
	const char *q;
	int answer;
} confirm;

enum { C_YES, C_NO };
static const ui_key confirm_keys[] = {
	{ 'y', C_YES, "y", "确认", "确认" },
	{ 'Y', C_YES, "Y", NULL, NULL },
	{ UI_ENTER, C_YES, "Enter", NULL, NULL },
	{ 'n', C_NO, "n", "取消", "取消" },
	{ 'N', C_NO, "N", NULL, NULL },
	{ UI_ESC, C_NO, "Esc", NULL, NULL },
	{ 0, -1, NULL, NULL, NULL },
};

static const ui_screen *under;      /* the screen a prompt is drawn over */
static void *under_self;

static void confirm_draw(void *self)
{
	confirm *c = self;
	if (under)
		under->draw(under_self);
	cur_y = -1;
	move(LINES - 3, 0);
	clrtoeol();
	ui_text(LINES - 3, 0, c->q, COLS - 1, ui_attr(A_UI_TITLE), 1);
	ui_cursor(LINES - 3, text_width(c->q) < COLS - 1 ? text_width(c->q) : COLS - 2);
}

static int confirm_key(void *self, int cmd, int key)
{
	confirm *c = self;
	(void)key;
	if (cmd == C_YES || cmd == C_NO) {
		c->answer = cmd == C_YES;
		return UI_BACK;
	}
	return UI_STAY;
}

/* Runs a prompt drawn over the screen it interrupts. */
static int prompt_loop(const ui_screen *sc, void *self)
{
	const ui_screen *pu = under;
	void *ps = under_self;
	under = current;
	under_self = current_self;
	int r = ui_loop(sc, self);
	under = pu;
	under_self = ps;
	return r;
}

static const ui_screen confirm_screen = { "确认", confirm_keys, confirm_draw, confirm_key, NULL, NULL };

int ui_confirm(const char *question)
{
	confirm c = { question, 0 };
	int r = prompt_loop(&confirm_screen, &c);
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
	{ UI_CTRL('u'), 99, "Ctrl-U", "清空", "清空" },
	{ 0, -1, NULL, NULL, NULL },
};

static void input_draw(void *self)
{
	input *in = self;
	if (under)
		under->draw(under_self);
	cur_y = -1;
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
	if (cmd == 99)
		edit_set(&in->e, "");
	else
		edit_key(&in->e, key);
	return UI_STAY;
}

static const ui_screen input_screen = { "输入", input_keys, input_draw, input_key, NULL, NULL };

int ui_input(const char *prompt, const char *init, char *out, size_t n)
{
	input in = { .prompt = prompt };
	edit_set(&in.e, init ? init : "");
	int r = prompt_loop(&input_screen, &in);
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
		if (!t->help)
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
	pager_add(&h.p, ui_attr(A_UI_DIM), "%s", "  在任何界面：F1 帮助，Esc 返回上一界面，方向键（列表中也可用 vi 键 j k）移动，Ctrl-L 重画屏幕。");
	ui_loop(&help_screen, &h);
	pager_clear(&h.p);
}
