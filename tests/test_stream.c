/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* test_stream.c - the readers that take a file a piece at a time (an
 * import of any size) give what reading it whole gives: the same text
 * from text_file as text_to_utf8, the same rows from csv_each, the same
 * values from json_each, and the same messages naming the same places,
 * wherever the pieces happen to be cut. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "csv.h"
#include "json.h"
#include "text.h"
#include "t.h"

static char dir[] = "/tmp/ys-stream-XXXXXX";

static const char *put_file(const char *name, const char *data, size_t n)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
	return path;
}

/* The file through text_file in pieces of at most cap bytes: its text, or
 * "ERR " and the message. Every piece must end on a whole character. */
static char *streamed(const char *path, size_t cap)
{
	ys_err e = { "" };
	buf out = { 0 };
	buf_puts(&out, "");
	text_file *tf = text_file_open(path, &e);
	if (!tf) {
		buf_printf(&out, "ERR %s", e.msg);
		return buf_take(&out);
	}
	char *piece = malloc(cap);
	long k;
	/* Twice: an import reads the file to check it, then to store it. */
	for (int pass = 0; pass < 2; pass++) {
		size_t from = out.len;
		while ((k = text_file_read(tf, piece, cap, &e)) > 0) {
			CHECK(text_is_utf8(piece, (size_t)k));
			buf_add(&out, piece, (size_t)k);
		}
		if (k < 0) {
			out.len = 0;
			buf_printf(&out, "ERR %s", e.msg);
			break;
		}
		if (pass) {
			CHECK_INT(out.len - from, from);
			CHECK(!memcmp(out.s, out.s + from, from));
			out.len = from;
			out.s[from] = '\0';
		} else {
			CHECK_INT(text_file_rewind(tf, &e), 0);
		}
	}
	free(piece);
	text_file_close(tf);
	return buf_take(&out);
}

static char *whole(const char *data, size_t n)
{
	ys_err e = { "" };
	size_t len;
	char *s = text_to_utf8(data, n, &len, &e);
	if (s)
		return s;
	buf out = { 0 };
	buf_printf(&out, "ERR %s", e.msg);
	return buf_take(&out);
}

static void same_text(const char *name, const char *data, size_t n)
{
	const char *path = put_file(name, data, n);
	char *want = whole(data, n);
	static const size_t caps[] = { 8, 9, 4096, 65536, 100000 };
	for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
		char *got = streamed(path, caps[i]);
		if (strcmp(got, want))
			fprintf(stderr, "%s, pieces of %zu: %.80s..., whole: %.80s...\n", name, caps[i], got, want);
		CHECK(!strcmp(got, want));
		free(got);
	}
	free(want);
}

/* Text well past one 64 KB read, with characters of 2, 3 and 4 bytes
 * falling across every boundary. */
static void test_text_file(void)
{
	buf u = { 0 };
	for (int i = 0; u.len < 200000; i++)
		buf_puts(&u, i % 7 ? "政务云ä" : "𠀀x");
	same_text("utf8.txt", u.s, u.len);

	buf bom = { 0 };
	buf_add(&bom, "\xEF\xBB\xBF", 3);
	buf_add(&bom, u.s, u.len);
	same_text("bom.txt", bom.s, bom.len);

	size_t gn;
	char *gb = text_iconv("UTF-8", "GB18030", u.s, u.len, 0, &gn, NULL);
	CHECK(gb != NULL);
	same_text("gbk.txt", gb, gn);
	/* 0x80 (the euro sign) is CP936's, not GB18030's. */
	buf cp = { 0 };
	buf_add(&cp, gb, 70000);
	buf_add(&cp, "\x80", 1);
	buf_add(&cp, gb + 70000, gn - 70000);
	same_text("cp936.txt", cp.s, cp.len);

	/* What is no text, far into the file: the same byte named. */
	buf bad = { 0 };
	buf_add(&bad, u.s, u.len);
	bad.s[100001] = (char)0xFF;
	same_text("bad.txt", bad.s, bad.len);
	bom.s[80001] = (char)0xFF;
	same_text("badbom.txt", bom.s, bom.len);
	buf nul = { 0 };
	buf_add(&nul, gb, gn);
	nul.s[90000] = '\0';
	same_text("nul.txt", nul.s, nul.len);
	same_text("utf16.txt", "\xFF\xFE" "a\0b\0", 6);
	same_text("empty.txt", "", 0);
	same_text("two.txt", "ab", 2);
	same_text("cut.txt", "ab\xE6\x94", 4);   /* a character cut by the end */
	buf_free(&u);
	buf_free(&bom);
	buf_free(&cp);
	buf_free(&bad);
	buf_free(&nul);
	free(gb);
}

/* A string given one byte a call: every cut there is. */
typedef struct drip {
	const char *s;
	size_t n, at;
} drip;

static long drip_pull(void *src, char *dst, size_t cap, ys_err *err)
{
	(void)cap, (void)err;
	drip *d = src;
	if (d->at >= d->n)
		return 0;
	*dst = d->s[d->at++];
	return 1;
}

static int count_values(const json *v, int index, void *ctx, ys_err *err)
{
	(void)v, (void)index, (void)err;
	(*(int *)ctx)++;
	return 0;
}

static int keep_row(const csv_row *row, void *ctx, ys_err *err)
{
	return csv_keep(row, ctx, err);
}

static void same_rows(const char *text)
{
	csv_file a, b = { 0 };
	ys_err ea = { "" }, eb = { "" };
	int ra = csv_parse(text, strlen(text), &a, &ea);
	drip d = { text, strlen(text), 0 };
	int rb = csv_each(drip_pull, &d, keep_row, &b, &eb);
	CHECK_INT(rb, ra);
	CHECK_STR(eb.msg, ea.msg);
	if (!ra && !rb) {
		CHECK_INT(b.nrows, a.nrows);
		for (int r = 0; r < a.nrows && r < b.nrows; r++) {
			CHECK_INT(b.rows[r].line, a.rows[r].line);
			CHECK_INT(b.rows[r].n, a.rows[r].n);
			for (int c = 0; c < a.rows[r].n && c < b.rows[r].n; c++)
				CHECK_STR(b.rows[r].cells[c], a.rows[r].cells[c]);
		}
	}
	csv_free(&a);
	csv_free(&b);
}

static int stop_at_two(const csv_row *row, void *ctx, ys_err *err)
{
	int *n = ctx;
	if (++*n == 2)
		return err_set(err, "第 %d 行：停", row->line);
	return 0;
}

static void test_csv_each(void)
{
	same_rows("a,b\r\nc,d\r\n");
	same_rows("a,b\rc,d\r\r\n\ne,f");
	same_rows("\xEF\xBB\xBFtemplate,unit\n\n\nhuizhou,\"教育\r\n局\"\n");
	same_rows("\"x\"\"y\",\"\"\n,\n");
	same_rows("a,\"b\nc\nd\",e\nf,g,h\n");
	same_rows("a,b\nc,\"d\n");          /* a quote never closed */
	same_rows("a,b\nc,d\"e\nf\n");      /* a stray quote */
	same_rows("a,b\n\"c\"d,e\n");       /* text after a closing quote */
	same_rows("");
	same_rows("\n\r\n");
	/* take() stops the reading, and its message is the one said. */
	int n = 0;
	ys_err e = { "" };
	const char *t = "a\nb\nc\n";
	drip d = { t, strlen(t), 0 };
	CHECK_INT(csv_each(drip_pull, &d, stop_at_two, &n, &e), -1);
	CHECK_INT(n, 2);
	CHECK_STR(e.msg, "第 2 行：停");

	/* A row of 17 MB without a line ending is no form: refused, named,
	 * not read to the end of a large file nor cut into rows. */
	size_t big = 17u << 20;
	char *t2 = malloc(big + 8);
	memcpy(t2, "a,b\nx,", 6);
	memset(t2 + 6, 'y', big);
	t2[big + 6] = '\0';
	csv_file f = { 0 };
	CHECK_INT(csv_parse(t2, big + 6, &f, &e), -1);
	CHECK(strstr(e.msg, "第 2 行太长") != NULL);
	free(t2);
}

/* A value written back as JSON, to compare two trees. */
static void dump(buf *b, const json *j)
{
	if (j->key)
		buf_printf(b, "%s:", j->key);
	buf_printf(b, "%d@%d.%d", j->type, j->line, j->col);
	if (j->text)
		buf_printf(b, "'%s'", j->text);
	if (j->type == J_ARRAY || j->type == J_OBJECT) {
		buf_puts(b, "(");
		for (int i = 0; i < j->n; i++)
			dump(b, j->kids[i]);
		buf_puts(b, ")");
	}
	buf_puts(b, " ");
}

static int dump_value(const json *v, int index, void *ctx, ys_err *err)
{
	(void)err;
	buf_printf(ctx, "[%d]", index);
	dump(ctx, v);
	return 0;
}

/* json_each gives the array's values as json_parse reads them, each at its
 * own line and column, or fails with json_parse's message. */
static void same_values(const char *text)
{
	ys_err ea = { "" }, eb = { "" };
	json *root = json_parse(text, &ea);
	buf want = { 0 }, got = { 0 };
	buf_puts(&want, "");
	buf_puts(&got, "");
	if (root && root->type == J_ARRAY)
		for (int i = 0; i < root->n; i++) {
			buf_printf(&want, "[%d]", i);
			dump(&want, root->kids[i]);
		}
	else if (root) {
		buf_puts(&want, "[-1]");
		dump(&want, root);
	}
	drip d = { text, strlen(text), 0 };
	int rc = json_each(drip_pull, &d, dump_value, &got, &eb);
	CHECK_INT(rc, root ? 0 : -1);
	if (root)
		CHECK_STR(got.s, want.s);
	else
		CHECK_STR(eb.msg, ea.msg);
	json_free(root);
	buf_free(&want);
	buf_free(&got);
}

static void test_json_each(void)
{
	same_values("[{\"a\": 1, \"b\": [1, 2, {\"c\": \"]}\\\"\"}]},\n  {\"d\": null}\n]\n");
	same_values("\xef\xbb\xbf  [ 1, -2.5e3, \"x\", true, false, null, [], {} ]");
	same_values("[]");
	same_values("{\"template\": \"huizhou\", \"fields\": {\"unit\": \"局\"}}");
	same_values("[\n{\"a\": 1}\n{\"b\": 2}]");          /* a comma missing */
	same_values("[{\"a\": 1},\n]");                     /* a comma too many */
	same_values("[{\"a\": 1}] x");                      /* after the end */
	same_values("[{\"a\": 1},\n {\"b\": \"open\n\"}]"); /* a line break in a string */
	same_values("[{\"a\": 1}, {\"b\": 1.}]");           /* a number cut short */
	same_values("[{\"a\": 1}, tru]");
	same_values("[{\"a\": 1}, {\"b\": \"政务\\u4e91\"}, {\"c\"：1}]");   /* a full-width colon */
	same_values("[{\"a\": [1, 2, {\"b\": 3}");           /* the file cut off */
	same_values("[1, 2");
	same_values("[");
	same_values("");
	same_values("[}]");
	/* An array nested too deep inside a value. */
	buf deep = { 0 };
	buf_puts(&deep, "[1, ");
	for (int i = 0; i < 300; i++)
		buf_puts(&deep, "[");
	same_values(deep.s);
	buf_free(&deep);

	/* A value whose quote never closes, 65 MB on: refused at its start
	 * rather than read on to the end of the file. */
	size_t big = 65u << 20;
	char *t = malloc(big + 32);
	static const char head[] = "[{\"a\": 1},\n {\"b\": \"";
	memcpy(t, head, sizeof head - 1);
	memset(t + sizeof head - 1, 'x', big);
	t[big + sizeof head - 1] = '\0';
	ys_err e = { "" };
	mem_src m = { t, big + sizeof head - 1, 0 };
	int n = 0;
	CHECK_INT(json_each(mem_pull, &m, count_values, &n, &e), -1);
	CHECK_INT(n, 1);
	CHECK(strstr(e.msg, "JSON 第 2 行第 2 列：这一项超过 64 MB") != NULL);
	free(t);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	test_text_file();
	test_csv_each();
	test_json_each();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd))
		return 1;
	return T_DONE();
}
