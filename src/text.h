/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* text.h - UTF-8 text: the one column-width function, cutting by columns,
 * validation, and the one iconv wrapper (GBK/GB18030 terminals and files).
 * Text is UTF-8 everywhere inside the program and the database. */
#ifndef YUNSHEN_TEXT_H
#define YUNSHEN_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "err.h"

/* Decodes one code point at s (n bytes available). Returns its length in
 * bytes (1-4) and sets *cp; on an invalid sequence returns 1 and sets
 * *cp = 0xFFFD. Returns 0 at n == 0. */
size_t text_decode(const char *s, size_t n, uint32_t *cp);
/* Terminal columns of one code point: 0 (combining, controls), 1 or 2.
 * East Asian Wide/Fullwidth are 2; Ambiguous ones (“ ① ─ × … ° ☑ ☐) are 1
 * unless text_set_ambiguous_wide(1) was called (zh_CN.GBK terminals). */
int text_cp_width(uint32_t cp);
void text_set_ambiguous_wide(int wide);
/* Columns of a NUL-terminated UTF-8 string. */
int text_width(const char *s);
/* Byte length of the longest prefix of s that fits in `cols` columns,
 * never splitting a character; *used (if not NULL) gets its width. */
size_t text_cut(const char *s, int cols, int *used);
/* Number of code points (what "max 60 characters" counts). */
size_t text_chars(const char *s);
/* A malloc'd copy without surrounding blanks: spaces, tabs, line breaks
 * and full-width spaces (U+3000) typed through an IME. */
char *text_trim(const char *s);
/* A 文号 as search compares it: brackets of every kind and blanks left
 * out, full-width digits and letters half-width, so (2026)3, ［２０２６］3
 * and 〔2026〕3 are one. Caller frees. */
char *text_docno_key(const char *s);
/* What a Chinese input method types in full width, made ASCII: digits and
 * letters (０-９ Ａ-Ｚ ａ-ｚ) and the ideographic space always; with punct,
 * also ASCII punctuation (－ ／ ． ＠ …) and 。 as "." — for values whose
 * punctuation is structure (numbers, dates, phones, addresses), not
 * prose, where ，and 。 stay Chinese. Caller frees. */
char *text_halfwidth(const char *s, int punct);
/* The one character's ASCII under that rule, or -1 when it stays. */
int text_halfwidth_of(uint32_t cp, int punct);
int text_is_utf8(const char *s, size_t n);

/* A copy of n bytes safe to print on a terminal: control characters other
 * than line break and tab (escape sequences among them), DEL, C1 controls
 * and invalid UTF-8 each become '?'. */
char *text_for_terminal(const char *s, size_t n, size_t *outn);
/* Is s fit to store as text: valid UTF-8, no control character (line
 * breaks allowed when `lines`)? 0 when it is; msg says what is wrong. */
int text_check(const char *s, int lines, char *msg, size_t n);

/* Appends s as a JSON string: quotes, backslashes and every control
 * character escaped, invalid UTF-8 as U+FFFD, so the document is valid
 * JSON and safe on a terminal whatever the database holds. */
void buf_json_str(buf *b, const char *s);

/* Converts n bytes from charset `from` to `to` with iconv, growing the
 * output on E2BIG. Returns a malloc'd NUL-terminated string and its length
 * in *outn, or NULL with a message naming the byte offset that failed.
 * With `lossy`, characters the target lacks become '?' instead of failing. */
char *text_iconv(const char *from, const char *to, const char *in, size_t n,
		 int lossy, size_t *outn, ys_err *err);

enum text_enc { ENC_UTF8, ENC_GB18030, ENC_UNKNOWN };
/* Guesses a file's encoding: valid UTF-8 (BOM or not) is UTF-8; else what
 * decodes as GB18030 (a superset of GBK) is GB18030; else unknown. */
enum text_enc text_detect(const char *buf, size_t n);
/* Returns the file contents as UTF-8 (BOM removed), converting GBK/GB18030;
 * NULL with a Chinese message naming the first bad byte otherwise. */
char *text_to_utf8(const char *buf, size_t n, size_t *outn, ys_err *err);

/* Offset of the first byte that is not valid UTF-8, or n. */
size_t text_utf8_bad(const char *s, size_t n);
/* Why a file is no text we read, and its message ("第 N 字节", from the
 * 0-based offset bad); TF_NONE says nothing and returns 0. */
enum text_fail { TF_NONE, TF_NUL, TF_UTF16, TF_BOM, TF_NEITHER };
int text_fail_say(enum text_fail why, size_t bad, ys_err *err);

/* A text file read as UTF-8 a piece at a time, in constant memory: its
 * encoding is decided as text_to_utf8 decides it, by reading the file
 * through once before the first piece (twice for GBK), so a file that is
 * not text is refused before anything is done with it. */
typedef struct text_file text_file;
text_file *text_file_open(const char *path, ys_err *err);
/* Up to cap (>= 8) bytes of UTF-8 into dst, never a character split, the
 * BOM left out; 0 at the end, -1 with err. A ys_pull (buf.h). */
long text_file_read(void *tf, char *dst, size_t cap, ys_err *err);
/* Back to the start, to read the text again; -1 with err on failure. */
int text_file_rewind(text_file *tf, ys_err *err);
void text_file_close(text_file *tf);

/* Appends fmt to b with each {key} (keys NULL-terminated) replaced by its
 * value; anything else, unknown braces too, is copied as it stands. */
void text_fill(buf *b, const char *fmt, const char *const *keys, const char *const *vals);

/* "（第十四条）" for an article, "" for none: how a refusal cites it. */
const char *text_cite(const char *article, char *out, size_t n);

#endif
