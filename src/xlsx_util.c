/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* xlsx_util.c - shared by the Excel exports (see xlsx_util.h). */
#include "config.h"
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"
#include "date.h"
#include "text.h"
#include "trust.h"
#include "xlsx_util.h"

#define XW_STR_MAX 32767

static const char *errno_cn(int e)
{
	switch (e) {
	case ENOENT: return "目录不存在";
	case ENOTDIR: return "路径中有一段不是目录";
	case EACCES: case EPERM: return "没有写权限";
	case EROFS: return "只读文件系统";
	case ENOSPC: return "磁盘已满";
	case EDQUOT: return "超出磁盘配额";
	case EISDIR: return "这是一个目录";
	case ENAMETOOLONG: return "路径太长";
	default: return strerror(e);
	}
}

/* The first failed write since xw_open, and where; the lock also keeps
 * two threads from adding sheets to the workbook at once. */
static lxw_error first_fail;
static int fail_row, fail_col;
static pthread_mutex_t book_lock = PTHREAD_MUTEX_INITIALIZER;

lxw_error xw_check(lxw_error e, int row, int col)
{
	if (e != LXW_NO_ERROR) {
		pthread_mutex_lock(&book_lock);
		if (first_fail == LXW_NO_ERROR) {
			first_fail = e;
			fail_row = row;
			fail_col = col;
		}
		pthread_mutex_unlock(&book_lock);
	}
	return e;
}

void xw_share(xw_book *b)
{
	for (int i = 0; i < b->nformats; i++)
		lxw_format_get_xf_index(b->formats[i]);
}

int xw_open(xw_book *b, const char *path, int constant_memory, ys_err *err)
{
	memset(b, 0, sizeof *b);
	first_fail = LXW_NO_ERROR;
	if (!path || !*path)
		return err_set(err, "没有给出输出文件");
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(err, "无法写入 %s：这是一个目录，请给出文件名（如 %s/表.xlsx）", path, path);
	const char *slash = strrchr(path, '/');
	buf t = { 0 };
	if (slash)
		buf_add(&t, path, (size_t)(slash - path) + 1);
	buf_printf(&t, ".%s.XXXXXX", slash ? slash + 1 : path);
	char *tmp = buf_take(&t);
	/* The user's file, made with the user's rights (the set-gid install
	 * never lets an export land with the program's group). */
	trust_as_user(1);
	int fd = mkstemp(tmp);
	trust_as_user(0);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return err_set(err, "无法写入 %s：%s", path, errno_cn(e));
	}
	close(fd);
	lxw_workbook_options o = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
	b->wb = workbook_new_opt(tmp, &o);
	if (!b->wb) {
		unlink(tmp);
		free(tmp);
		return err_set(err, "无法创建 Excel 工作簿 %s（内存不足或临时目录不可写）", path);
	}
	/* The Normal style's font sets what a column width means (Excel and
	 * LibreOffice measure widths in its digits): make it 宋体 11, what
	 * Chinese Excel uses, rather than Calibri, which a Chinese desktop or
	 * a server's LibreOffice may lack and replace by a wider font. The
	 * first format of a 1.1.4 workbook is that default. */
	lxw_format *def = STAILQ_FIRST(b->wb->formats);
	if (def)
		format_set_font_name(def, XW_FONT);
	b->tmp = tmp;
	b->path = xstrdup(path);
	return 0;
}

static void xw_free(xw_book *b)
{
	free(b->tmp);
	free(b->path);
	b->tmp = b->path = NULL;
	b->wb = NULL;
	b->nformats = 0;
}

int xw_close(xw_book *b, ys_err *err)
{
	trust_as_user(1);
	lxw_error e = workbook_close(b->wb);   /* frees the workbook even on failure */
	int rc = 0;
	if (first_fail != LXW_NO_ERROR) {
		rc = err_set(err, "生成 Excel 文件 %s 失败：第 %d 行第 %d 列写不进去（%s），没有生成文件", b->path,
			     fail_row + 1, fail_col + 1, lxw_strerror(first_fail));
		unlink(b->tmp);
	} else if (e != LXW_NO_ERROR) {
		rc = err_set(err, "生成 Excel 文件 %s 失败：%s", b->path, lxw_strerror(e));
		unlink(b->tmp);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		chmod(b->tmp, 0666 & ~mask);
		if (rename(b->tmp, b->path)) {
			int en = errno;
			rc = err_set(err, "无法写入 %s：%s", b->path, errno_cn(en));
			unlink(b->tmp);
		}
	}
	trust_as_user(0);
	xw_free(b);
	return rc;
}

void xw_abort(xw_book *b)
{
	if (!b->wb)
		return;
	/* libxlsxwriter has no "discard": close into the temporary file, then
	 * remove it. */
	workbook_close(b->wb);
	unlink(b->tmp);
	xw_free(b);
}

lxw_format *xw_fmt(xw_book *b, const xw_style *st)
{
	for (int i = 0; i < b->nformats; i++)
		if (!memcmp(&b->styles[i], st, sizeof *st))
			return b->formats[i];
	lxw_format *f = workbook_add_format(b->wb);
	format_set_font_name(f, XW_FONT);
	format_set_font_size(f, st->size > 0 ? st->size : 10.5);
	if (st->bold)
		format_set_bold(f);
	if (st->italic)
		format_set_italic(f);
	if (st->wrap)
		format_set_text_wrap(f);
	if (st->align)
		format_set_align(f, st->align);
	format_set_align(f, st->valign ? st->valign : LXW_ALIGN_VERTICAL_CENTER);
	if (st->border) {
		format_set_border(f, LXW_BORDER_THIN);
		if (st->open_top)
			format_set_top(f, LXW_BORDER_NONE);
		if (st->open_bottom)
			format_set_bottom(f, LXW_BORDER_NONE);
	}
	if (st->shade || st->fill) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, st->fill ? st->fill : 0xEDEDED);
	}
	if (st->color)
		format_set_font_color(f, st->color);
	if (st->text)
		format_set_num_format(f, "@");
	else if (st->num[0])
		format_set_num_format(f, st->num);
	if (b->nformats < XW_MAX_FORMATS) {
		b->styles[b->nformats] = *st;
		b->formats[b->nformats++] = f;
	}
	return f;
}

/* Copies s with control characters as spaces, CR LF as LF, invalid UTF-8
 * as U+FFFD, at most XW_STR_MAX characters. NULL when s needs nothing. */
static char *clean_text(const char *s)
{
	size_t n = strlen(s), chars = 0;
	int dirty = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_decode(s + i, n - i, &cp);
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f || cp == 0xFFFD)
			dirty = 1;
		i += l;
		chars++;
	}
	if (!dirty && chars <= XW_STR_MAX)
		return NULL;
	buf out = { 0 };
	chars = 0;
	for (size_t i = 0; i < n && chars < XW_STR_MAX; chars++) {
		uint32_t cp;
		size_t l = text_decode(s + i, n - i, &cp);
		if (cp == '\r') {
			if (s[i + 1] != '\n')
				buf_puts(&out, "\n");
		} else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) {
			buf_puts(&out, " ");
		} else if (cp == 0xFFFD) {
			buf_puts(&out, "\xEF\xBF\xBD");
		} else {
			buf_add(&out, s + i, l);
		}
		i += l;
	}
	if (!out.s)
		buf_puts(&out, "");
	return buf_take(&out);
}

lxw_error xw_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	if (!s || !*s)
		return f ? xw_check(worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f), row, col) : LXW_NO_ERROR;
	char *c = clean_text(s);
	lxw_error e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, c ? c : s, f);
	free(c);
	return xw_check(e, row, col);
}

lxw_error xw_date(lxw_worksheet *ws, int row, int col, const char *s, int with_time, lxw_format *f)
{
	ys_date d;
	if (!s || !*s || date_parse(s, &d))
		return xw_text(ws, row, col, "", f);
	lxw_datetime dt = { 0 };
	date_ymd(d, &dt.year, &dt.month, &dt.day);
	int h, m;
	if (with_time && strlen(s) >= 16 && sscanf(s + 11, "%2d:%2d", &h, &m) == 2 && h >= 0 && h < 24 &&
	    m >= 0 && m < 60) {
		dt.hour = h;
		dt.min = m;
	}
	return xw_check(worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f), row, col);
}

lxw_error xw_number(lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
	return xw_check(worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f), row, col);
}

/* Data rows a sheet holds: Excel's limit less the header; the test suite
 * sets a small one (YUNSHEN_SHEET_ROWS) to see a table continue without
 * writing a million rows. */
int xw_sheet_rows(void)
{
	const char *e = getenv("YUNSHEN_SHEET_ROWS");
	int n = e ? atoi(e) : 0;
	return n > 0 && n < LXW_ROW_MAX - 1 ? n : LXW_ROW_MAX - 1;
}

static void long_part(xw_long *l)
{
	if (l->nparts == XW_PARTS) {
		xw_check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, XW_PARTS * l->per, 0);
		return;
	}
	char name[128];
	pthread_mutex_lock(&book_lock);
	xw_sheet_name(l->b, l->name, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(l->b->wb, name);
	pthread_mutex_unlock(&book_lock);
	if (!ws) {
		xw_check(LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return;
	}
	l->ws[l->nparts] = ws;
	l->rows[l->nparts++] = 0;
	if (l->head)
		l->head(ws, l->ctx);
}

void xw_long_begin(xw_long *l, xw_book *b, const char *name, int ncols, long long expect,
		   void (*head)(lxw_worksheet *ws, void *ctx), void *ctx)
{
	memset(l, 0, sizeof *l);
	l->b = b;
	snprintf(l->name, sizeof l->name, "%s", name);
	l->ncols = ncols;
	l->per = xw_sheet_rows();
	l->head = head;
	l->ctx = ctx;
	do
		long_part(l);
	while (l->nparts < XW_PARTS && (long long)l->nparts * l->per < expect);
}

lxw_worksheet *xw_long_row(xw_long *l, int *row)
{
	if (l->rows[l->cur] >= l->per) {
		/* This part is full: on to the next planned one, or a new one
		 * (when none can be added, long_part has failed the workbook). */
		if (l->cur + 1 == l->nparts)
			long_part(l);
		if (l->cur + 1 < l->nparts)
			l->cur++;
	}
	*row = 1 + l->rows[l->cur]++;
	return l->ws[l->cur];
}

void xw_long_end(xw_long *l)
{
	for (int i = 0; i < l->nparts; i++)
		worksheet_autofilter(l->ws[i], 0, 0, (lxw_row_t)(l->rows[i] > 0 ? l->rows[i] : 1),
				     (lxw_col_t)(l->ncols - 1));
}

void xw_sheet_name(xw_book *b, const char *want, char *out, size_t n)
{
	char base[128];
	size_t o = 0, chars = 0, len = want ? strlen(want) : 0;
	for (size_t i = 0; i < len && chars < 31 && o + 5 < sizeof base; chars++) {
		uint32_t cp;
		size_t l = text_decode(want + i, len - i, &cp);
		if ((cp < 0x80 && strchr("[]:*?/\\", (int)cp)) || cp < 0x20 || cp == 0xFFFD || (cp == '\'' && (i == 0 || i + l == len)))
			base[o++] = '_';
		else {
			memcpy(base + o, want + i, l);
			o += l;
		}
		i += l;
	}
	base[o] = '\0';
	if (!o)
		snprintf(base, sizeof base, "Sheet");
	snprintf(out, n, "%s", base);
	for (int k = 2; workbook_get_worksheet_by_name(b->wb, out) && k < 1000; k++) {
		/* Make room for the suffix within 31 characters. */
		char suf[16];
		snprintf(suf, sizeof suf, " (%d)", k);
		size_t keep = 0, bl = strlen(base);
		for (size_t c = 0; keep < bl && c < 31 - strlen(suf); c++) {
			uint32_t cp;
			keep += text_decode(base + keep, bl - keep, &cp);
		}
		snprintf(out, n, "%.*s%s", (int)keep, base, suf);
	}
}

void xw_print_a4(lxw_worksheet *ws, int landscape, const char *code)
{
	worksheet_set_paper(ws, 9);
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);
	worksheet_center_horizontally(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	lxw_header_footer_options hf = { .margin = 0.3 };
	/* The history's 校验码 at the moment of printing: the paper anchors
	 * the record (yunshen verify --code). */
	char footer[200];
	snprintf(footer, sizeof footer, "%s%s&C第 &P 页，共 &N 页", code && *code ? "&L校验码 " : "",
		 code && *code ? code : "");
	worksheet_set_footer_opt(ws, footer, &hf);
}

static int cp_print_width(uint32_t cp)
{
	int w = text_cp_width(cp);
	if (w == 1 && cp >= 0x2000)
		w = 2;
	return w;
}

int xw_print_cols(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = text_decode(s + i, n - i, &cp);
		if (!l)
			break;
		w += cp_print_width(cp);
		i += l;
	}
	return w;
}

int xw_lines(const char *s, int cols)
{
	if (cols < 2)
		cols = 2;
	if (!s || !*s)
		return 1;
	int lines = 1, used = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		if (s[i] == '\n') {
			lines++;
			used = 0;
			i++;
			continue;
		}
		/* A run of ASCII letters and digits wraps as one word; anything
		 * else (a hanzi, a space, a symbol) is its own piece. */
		size_t j = i;
		int w = 0;
		if ((unsigned char)s[i] < 0x80 && s[i] != ' ') {
			while (j < n && (unsigned char)s[j] < 0x80 && s[j] != ' ' && s[j] != '\n') {
				j++;
				w++;
			}
		} else {
			uint32_t cp;
			j += text_decode(s + i, n - i, &cp);
			w = cp_print_width(cp);
		}
		if (used + w > cols && used > 0) {
			lines++;
			used = 0;
			if (s[i] == ' ') {   /* a space at a break disappears */
				i = j;
				continue;
			}
		}
		while (w > cols) {       /* a word longer than the line */
			lines++;
			w -= cols;
		}
		used += w;
		i = j;
	}
	return lines;
}
