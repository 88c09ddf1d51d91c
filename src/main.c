/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* main.c - the yunshen program: global options, the one clock and
 * identity, the data files, then a command (cli.c) or the terminal
 * interface (ui/) when none is given; a GBK terminal converted at the
 * edges. */
#include "config.h"
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cli.h"
#include "paths.h"
#include "template.h"
#include "text.h"
#include "trust.h"
#include "../ui/ui.h"
#include "workdays.h"

static int run(int argc, char **argv, char **rest)
{
	cli c;
	memset(&c, 0, sizeof c);
	const char *as = NULL, *db = NULL;
	int help = 0, demo_ui = 0;
	int nrest = 0;
	const char *cmd = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				cli_error("%s 需要一个值", a);
				return EXIT_USAGE;
			}
			*(a[2] == 'd' ? &db : &as) = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			db = a + 5;
		} else if (!strncmp(a, "--as=", 5)) {
			as = a + 5;
		} else if (!strcmp(a, "--json")) {
			c.json = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			c.quiet = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help = 1;
		} else if (!strcmp(a, "--version")) {
			printf("%s\n", PACKAGE_STRING);
			return 0;
		} else if (!strcmp(a, "--demo") && !cmd) {
			demo_ui = 1;
		} else if (!cmd && a[0] != '-') {
			cmd = a;
		} else if (!cmd) {
			cli_error("未知选项 %s（yunshen --help 查看用法）", a);
			return EXIT_USAGE;
		} else {
			rest[nrest++] = argv[i];
		}
	}
	const cli_command *k = cli_find(cmd);
	if (cmd && !k) {
		cli_error("未知命令“%s”（yunshen --help 查看用法）", cmd);
		return EXIT_USAGE;
	}
	if (help) {
		fputs(k ? k->help : cli_usage, stdout);
		return 0;
	}
	/* No command: the terminal interface, or the usage when there is
	 * no terminal to show it on. */
	if (!k && !demo_ui && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fputs(cli_usage, stdout);
		return 0;
	}

	const char *env_now = getenv("YUNSHEN_NOW");
	int chooses = as || (env_now && *env_now);
	/* The demo never touches the shared database: it runs with the user's
	 * own rights, on a private folder of its own. */
	if (demo_ui && trust_privileged() && setresgid(getgid(), getgid(), getgid()) != 0) {
		cli_error("无法放弃特权身份");
		return 1;
	}
	if (trust_privileged()) {
		/* The gatekeeper install: nothing from the caller decides the
		 * identity, the clock, the data or which database. */
		if (chooses) {
			cli_error("本程序以特权身份安装（共享数据库的守门人），不接受 --as 和 YUNSHEN_NOW");
			return EXIT_USAGE;
		}
		if ((db && strcmp(db, YS_DEFAULT_DB)) || (!db && getenv("YUNSHEN_DB") && strcmp(getenv("YUNSHEN_DB"), YS_DEFAULT_DB))) {
			cli_error("本程序以特权身份安装，只使用数据库 %s（不接受 --db 和 YUNSHEN_DB）", YS_DEFAULT_DB);
			return EXIT_USAGE;
		}
		trust_harden();
		clock_trust_env(0);
		paths_trust_env(0);
	}
	char msg[256];
	if (clock_check_env(msg, sizeof msg)) {
		cli_error("%s", msg);
		return EXIT_USAGE;
	}
	clock_now(c.now);
	c.today = clock_today();
	ys_err e;
	if (as) {
		snprintf(c.login, sizeof c.login, "%s", as);
	} else if (user_os_login(c.login, sizeof c.login, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char path[4096];
	paths_data("holidays.tsv", path, sizeof path);
	char local[4096];
	snprintf(local, sizeof local, "%s/holidays.tsv", paths_confdir());
	if (workdays_load(path, &e) || workdays_load_local(local, &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char tdirs[2][4096], cache[4096];
	const char *tdir[2] = { tdirs[0], tdirs[1] };
	/* The demo's database is made afresh each time: nothing to keep. */
	if (!demo_ui) {
		paths_cache(paths_db(db), cache, sizeof cache);
		templates_cache_in(cache);
	}
	if (templates_load_dirs(tdir, paths_template_dirs(tdirs), &e)) {
		cli_error("%s", e.msg);
		return 1;
	}
	char demo_dir[64] = "", demo_path[128];
	if (demo_ui) {
		const char *tmp = getenv("TMPDIR");
		snprintf(demo_dir, sizeof demo_dir, "%s/yunshen-demo-XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
		if (!mkdtemp(demo_dir)) {
			cli_error("无法创建演示数据库的临时目录 %s", demo_dir);
			return 1;
		}
		snprintf(demo_path, sizeof demo_path, "%s/demo.db", demo_dir);
		db = demo_path;
	}
	c.db_path = paths_db(db);
	/* --as and YUNSHEN_NOW are for tests and demos: only on a database
	 * that nobody else can write, so no signature can be made in another's
	 * name, or backdated, where it counts. */
	char why[512];
	if (chooses && (k ? k->needs : CLI_DB) && trust_private_db(c.db_path, why, sizeof why)) {
		cli_error("--as 和 YUNSHEN_NOW 只能用于只有您自己能写的数据库（测试、演示）：%s", why);
		return EXIT_USAGE;
	}
	int rc;
	if (demo_ui) {
		/* The terminal interface on a fresh demo database, which has just
		 * given this login every role. */
		rc = cli_run(&c, cli_find("demo"), 0, rest);
		if (!rc && user_load(c.s, c.login, &c.me, &e))
			rc = 1;
		if (!rc)
			rc = ui_run(c.s, &c.me, c.db_path);
	} else if (!k) {
		/* The database of this login's office. */
		rc = cli_open(&c, STORE_OPEN, 1) ? 1 : ui_run(c.s, &c.me, c.db_path);
	} else {
		rc = cli_run(&c, k, nrest, rest);
	}
	/* Under -q (cron) the provisional-year hint is not news every day. */
	const char *w = workdays_warning();
	if (w && !(c.quiet && workdays_warning_is_hint()))
		fprintf(stderr, "%s\n", w);
	store_close(c.s);
	if (demo_dir[0]) {
		/* The demo leaves nothing behind. */
		static const char *const sfx[] = { "", "-wal", "-shm" };
		for (int i = 0; i < 3; i++) {
			char p[160];
			snprintf(p, sizeof p, "%s%s", demo_path, sfx[i]);
			unlink(p);
		}
		rmdir(demo_dir);
	}
	return rc;
}

/* On a GBK/GB18030 terminal the command line arrives in the locale's
 * charset and text must leave in it: convert at the edges, keep UTF-8
 * inside. File names stay as the file system spells them, and --json
 * stays UTF-8 as JSON requires, one document. stdout passes as it is
 * written (a million rows need no memory), stderr at the end. */
typedef struct edge {
	const char *codeset;        /* NULL: the locale is UTF-8 (or ASCII) */
	char **converted;
	int json;                   /* --json: stdout is one UTF-8 JSON document */
	int csv;                    /* --csv: stdout is a file's bytes (csv_put made
				     * its cells safe), in the charset asked for */
	FILE *out, *err;            /* the real streams while ours stand in */
	char *ebuf;
	size_t elen;
	char tail[4];               /* the start of a character the next write ends */
	size_t ntail;
	int jstate;                 /* --json: J_* */
} edge;

/* Where a --json document stands: nothing yet, its "{" seen, passing
 * through, or no document (the command only said something). */
enum { J_NONE, J_OPEN, J_PASS, J_NOT };

/* Is a command named (rather than the interface opened)? Global options
 * with a value are skipped with their value. */
static int names_command(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--as"))
			i++;
		else if (argv[i][0] != '-')
			return 1;
	}
	return 0;
}

/* --json: the command's document with "format_version" put first. */
static void json_pass(edge *g, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		int ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
		if (g->jstate == J_NONE && !ws) {
			g->jstate = c == '{' ? J_OPEN : J_NOT;
			if (c == '{')
				fprintf(g->out, "{\"format_version\":%d", CLI_JSON_VERSION);
		} else if (g->jstate == J_OPEN && !ws) {
			g->jstate = J_PASS;
			if (c != '}')
				fputc(',', g->out);
			fwrite(p + i, 1, n - i, g->out);
			return;
		} else if (g->jstate == J_PASS) {
			fwrite(p + i, 1, n - i, g->out);
			return;
		}
	}
}

/* Whatever the database holds, no escape sequence reaches the terminal
 * of whoever reads it; then the terminal's charset. */
static void to_terminal(FILE *real, const char *cs, const char *s, size_t n)
{
	size_t sn, cn = 0;
	char *safe = text_for_terminal(s, n, &sn);
	char *conv = cs && sn ? text_iconv("UTF-8", cs, safe, sn, 1, &cn, NULL) : NULL;
	if (conv)
		fwrite(conv, 1, cn, real);
	else
		fwrite(safe, 1, sn, real);
	free(conv);
	free(safe);
}

/* Text made safe for a terminal and put in its charset, whole characters
 * at a time (a write that ends inside one keeps its start for the next). */
static void text_pass(edge *g, const char *p, size_t n)
{
	buf b = { 0 };
	buf_add(&b, g->tail, g->ntail);
	buf_add(&b, p, n);
	size_t keep = 0, len = b.len;
	/* The last character's first byte, at most 3 back: complete? */
	for (size_t k = 1; k <= 3 && k <= len; k++) {
		unsigned char c = (unsigned char)b.s[len - k];
		if ((c & 0xC0) == 0x80)
			continue;
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (need > k && need <= 4)
			keep = k;
		break;
	}
	g->ntail = keep;
	memcpy(g->tail, b.s + len - keep, keep);
	to_terminal(g->out, g->codeset, b.s, len - keep);
	buf_free(&b);
}

static ssize_t out_write(void *cookie, const char *p, size_t n)
{
	edge *g = cookie;
	if (g->json)
		json_pass(g, p, n);
	else
		text_pass(g, p, n);
	return (ssize_t)n;
}

static const edge *live_edge;

/* Progress straight to the terminal, in its charset: our own words and
 * the one escape that clears the line, so it needs no sanitising. */
static void live_err(const char *s)
{
	size_t n = 0;
	char *conv = live_edge->codeset ? text_iconv("UTF-8", live_edge->codeset, s, strlen(s), 1, &n, NULL) : NULL;
	if (conv)
		fwrite(conv, 1, n, live_edge->err);
	else
		fputs(s, live_edge->err);
	fflush(live_edge->err);
	free(conv);
}

static void edge_begin(edge *g, int argc, char **argv)
{
	const char *cs = nl_langinfo(CODESET);
	memset(g, 0, sizeof *g);
	int utf8 = !strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8") || !strcmp(cs, "ANSI_X3.4-1968");
	if (!utf8) {
		g->codeset = cs;
		text_set_ambiguous_wide(1);     /* “ ” ☑ … take two columns there */
		g->converted = calloc((size_t)argc + 1, sizeof *g->converted);
	}
	for (int i = 1; g->converted && i < argc; i++) {
		const char *prev = argv[i - 1];
		/* Not sniffed: GBK text is often valid UTF-8 too (隆 is C2 A1,
		 * UTF-8's ¡), so the locale's charset alone decides. */
		if (!strcmp(prev, "--db") || !strcmp(prev, "-o") || access(argv[i], F_OK) == 0)
			continue;
		size_t n;
		char *u = text_iconv(cs, "UTF-8", argv[i], strlen(argv[i]), 0, &n, NULL);
		if (u)
			argv[i] = g->converted[i] = u;
	}
	/* The interface draws through curses, which converts itself; only
	 * commands print through stdio, and all they print passes the edge:
	 * made safe for a terminal, then converted. */
	int help = 0;
	for (int i = 1; i < argc; i++) {
		g->json |= !strcmp(argv[i], "--json");
		g->csv |= !strcmp(argv[i], "--csv");
		help |= !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
	}
	if (!names_command(argc, argv) && !help)
		return;
	g->json &= !help;           /* --help is text, --json or not */
	cookie_io_functions_t io = { .write = out_write };
	FILE *o = g->csv ? NULL : fopencookie(g, "w", io);
	FILE *e = open_memstream(&g->ebuf, &g->elen);
	if (o) {
		g->out = stdout;
		stdout = o;
	}
	if (e) {
		g->err = stderr;
		stderr = e;
		live_edge = g;
		cli_live = live_err;
	}
}

static void edge_flush(FILE *mem, FILE *real, char **bufp, size_t *len, const char *cs)
{
	fclose(mem);
	to_terminal(real, cs, *bufp ? *bufp : "", *len);
	fflush(real);
	free(*bufp);
}

static void edge_end(edge *g, int argc, int rc)
{
	if (g->out) {
		fclose(stdout);         /* the rest passes out */
		if (g->ntail)           /* a character cut at the very end */
			fwrite("?", 1, 1, g->out);
		if (g->json && g->err)
			fflush(stderr);
		if (g->json && (g->jstate == J_NONE || g->jstate == J_NOT))
			cli_json_end(g->out, rc, g->ebuf);
		else if (g->json && g->jstate == J_OPEN)
			fputs("}\n", g->out);
		fflush(g->out);
		stdout = g->out;
	}
	if (g->err) {
		cli_live = NULL;
		edge_flush(stderr, g->err, &g->ebuf, &g->elen, g->codeset);
		stderr = g->err;
	}
	for (int i = 0; g->converted && i < argc; i++)
		free(g->converted[i]);
	free(g->converted);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	/* The command's own arguments, collected in order past the global options. */
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	if (!rest)
		return 1;
	edge g;
	edge_begin(&g, argc, argv);
	int rc = run(argc, argv, rest);
	templates_free();          /* whatever run() returned from */
	edge_end(&g, argc, rc);
	free(rest);
	return rc;
}
