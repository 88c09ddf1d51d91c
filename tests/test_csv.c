/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "t.h"

#define MAXCELLS 4
#define MAXROWS 4

/* A row as expected: its starting line and its cells. */
struct want_row {
	int line;
	int n;
	const char *cells[MAXCELLS];
};

static void check_parse(const char *text, int nrows,
			const struct want_row want[MAXROWS])
{
	csv_file f;
	ys_err err = { "" };

	CHECK_INT(csv_parse(text, strlen(text), &f, &err), 0);
	CHECK_STR(err.msg, "");
	CHECK_INT(f.nrows, nrows);
	for (int i = 0; i < nrows && i < f.nrows; i++) {
		CHECK_INT(f.rows[i].line, want[i].line);
		CHECK_INT(f.rows[i].n, want[i].n);
		for (int j = 0; j < want[i].n && j < f.rows[i].n; j++)
			CHECK_STR(f.rows[i].cells[j], want[i].cells[j]);
	}
	csv_free(&f);
	CHECK(f.rows == NULL);
	CHECK_INT(f.nrows, 0);
}

static void test_good(void)
{
	static const struct {
		const char *text;
		int nrows;
		struct want_row rows[MAXROWS];
	} cases[] = {
		{ "", 0, { { 0 } } },
		{ "a,b,c\n1,2,3\n", 2, {
			{ 1, 3, { "a", "b", "c" } },
			{ 2, 3, { "1", "2", "3" } } } },
		/* quoted commas */
		{ "\"北京,海淀\",x\n", 1, {
			{ 1, 2, { "北京,海淀", "x" } } } },
		/* doubled quotes, and no final newline */
		{ "\"他说\"\"好\"\"\",y", 1, {
			{ 1, 2, { "他说\"好\"", "y" } } } },
		/* a newline inside quotes: the row starts on line 2 */
		{ "姓名,备注\n\"张三\",\"第一行\n第二行\"\n李四,无\n", 3, {
			{ 1, 2, { "姓名", "备注" } },
			{ 2, 2, { "张三", "第一行\n第二行" } },
			{ 4, 2, { "李四", "无" } } } },
		/* CRLF, as Excel writes it; CRLF inside quotes becomes LF */
		{ "a,b\r\n\"x\r\ny\",z\r\nc,d\r\n", 3, {
			{ 1, 2, { "a", "b" } },
			{ 2, 2, { "x\ny", "z" } },
			{ 4, 2, { "c", "d" } } } },
		/* missing final newline */
		{ "a,b\nc,d", 2, {
			{ 1, 2, { "a", "b" } },
			{ 2, 2, { "c", "d" } } } },
		/* blank lines (LF and CRLF) are skipped but counted */
		{ "\na,b\n\n\r\nc,d\n\n", 2, {
			{ 2, 2, { "a", "b" } },
			{ 5, 2, { "c", "d" } } } },
		/* old Mac Excel: lone CR */
		{ "a,b\rc,d\r", 2, {
			{ 1, 2, { "a", "b" } },
			{ 2, 2, { "c", "d" } } } },
		/* empty fields, a trailing comma, an empty quoted field */
		{ ",a,\n\"\"\na,", 3, {
			{ 1, 3, { "", "a", "" } },
			{ 2, 1, { "" } },
			{ 3, 2, { "a", "" } } } },
		/* rows may differ in length; spaces are kept */
		{ " a , b \nx\n", 2, {
			{ 1, 2, { " a ", " b " } },
			{ 2, 1, { "x" } } } },
		/* a quoted field at the very end */
		{ "\"a\"", 1, {
			{ 1, 1, { "a" } } } },
		/* a BOM the caller forgot to strip */
		{ "\xef\xbb\xbf" "a,b\n", 1, {
			{ 1, 2, { "a", "b" } } } },
		/* a quote, comma and newline together */
		{ "\"a\"\",\n\"\"b\"\n", 1, {
			{ 1, 1, { "a\",\n\"b" } } } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_parse(cases[i].text, cases[i].nrows, cases[i].rows);
}

static void test_bad(void)
{
	static const struct {
		const char *text;
		const char *msg;
	} cases[] = {
		{ "a,b\nc,\"de\nf\n", "第 2 行：引号没有闭合" },
		{ "\"", "第 1 行：引号没有闭合" },
		{ "a,\"b\"\"", "第 1 行：引号没有闭合" },
		{ "a,b\nc,d\"e\n", "第 2 行第 2 列：引号位置不对" },
		{ "x\"\n", "第 1 行第 1 列：引号位置不对" },
		{ " \"a\",b\n", "第 1 行第 1 列：引号位置不对" },
		/* text after the closing quote */
		{ "\"ab\"c,d\n", "第 1 行第 1 列：引号位置不对" },
		/* in a row that started on line 1, the bad quote is on line 2 */
		{ "\"a\nb\",c\"d\n", "第 2 行第 2 列：引号位置不对" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		csv_file f = { (csv_row *)1, 99 };
		ys_err err = { "" };
		CHECK_INT(csv_parse(cases[i].text, strlen(cases[i].text), &f, &err), -1);
		CHECK_STR(err.msg, cases[i].msg);
		CHECK(f.rows == NULL);
		CHECK_INT(f.nrows, 0);
	}
	/* Rows parsed before the error are freed, not leaked (ASan). */
	csv_file f;
	CHECK_INT(csv_parse("a,b\nc,d\n\"e", 10, &f, NULL), -1);
}

static void test_long_and_n(void)
{
	/* No limit on a field but memory. */
	size_t len = 200000;
	char *text = malloc(len + 3);
	text[0] = '"';
	memset(text + 1, 'x', len);
	text[len + 1] = '"';
	text[len + 2] = '\0';
	csv_file f;
	ys_err err = { "" };
	CHECK_INT(csv_parse(text, len + 2, &f, &err), 0);
	CHECK_INT(f.nrows, 1);
	if (f.nrows == 1) {
		CHECK_INT(f.rows[0].n, 1);
		CHECK_INT(strlen(f.rows[0].cells[0]), len);
	}
	csv_free(&f);
	free(text);

	/* Only n bytes are read: the text need not be NUL-terminated. */
	CHECK_INT(csv_parse("a,b\nc,d", 3, &f, &err), 0);
	CHECK_INT(f.nrows, 1);
	if (f.nrows == 1) {
		CHECK_INT(f.rows[0].n, 2);
		CHECK_STR(f.rows[0].cells[1], "b");
	}
	csv_free(&f);

	/* Many rows: the row array grows. */
	char many[3000];
	for (int i = 0; i < 1000; i++)
		memcpy(many + 3 * i, "a,\n", 3);
	CHECK_INT(csv_parse(many, sizeof many, &f, &err), 0);
	CHECK_INT(f.nrows, 1000);
	if (f.nrows == 1000) {
		CHECK_INT(f.rows[999].line, 1000);
		CHECK_INT(f.rows[999].n, 2);
		CHECK_STR(f.rows[999].cells[1], "");
	}
	csv_free(&f);
}

int main(void)
{
	test_good();
	test_bad();
	test_long_and_n();
	return T_DONE();
}
