/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* term.c - the terminal itself: setting it up and putting it back, the
 * colours (or none), drawing UTF-8 by columns in the terminal's charset,
 * the one clock. */
#include "config.h"
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "screen.h"
#include "text.h"

ui_ctx ui;

static volatile sig_atomic_t hup_flag;
static int attrs[A_UI__N];

/* Only sets a flag: the loop sees it and unwinds every screen. */
static void on_hup(int sig)
{
	(void)sig;
	hup_flag = 1;
}

int ui_hup_seen(void)
{
	if (hup_flag)
		ui.hup = 1;
	return ui.hup;
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
	/* How long the bytes of one key may take to arrive: ESCDELAY as the
	 * user set it (curses read it), else 100 ms, as vim waits - over a
	 * slow link an arrow's bytes come tens of milliseconds apart. */
	const char *ed = getenv("ESCDELAY");
	if (!ed || !*ed)
		set_escdelay(100);
	setup_attrs();
	/* Bracketed paste: the terminal marks pasted text. */
	define_key("\033[200~", 0x7001);
	define_key("\033[201~", 0x7002);
	define_key("\033[1;5D", 0x7003);
	define_key("\033[1;5C", 0x7004);
	/* Function keys whatever TERM says: PuTTY's ESC[n~ and the Linux
	 * console's; what is still unknown loop.c drops whole. */
	static const struct { const char *seq; int key; } fkeys[] = {
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },
		{ "\033[14~", KEY_F(4) }, { "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
		{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
		{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	};
	for (size_t i = 0; i < sizeof fkeys / sizeof fkeys[0]; i++)
		if (key_defined(fkeys[i].seq) <= 0)
			define_key(fkeys[i].seq, fkeys[i].key);
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

/* Where a page is: kept here, drawn by the status line (loop.c). */
static char position[64];

void ui_position(const char *s)
{
	snprintf(position, sizeof position, "%s", s ? s : "");
}

const char *ui_position_get(void)
{
	return position;
}

int ui_too_small(void)
{
	return LINES < 20 || COLS < 80;
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

