/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "phrases.h"
#include "text.h"

static void push(phrase_list *l, const char *t)
{
	l->v = xrealloc(l->v, sizeof *l->v * (size_t)(l->n + 1));
	l->v[l->n++] = xstrdup(t);
}

int phrases_for(store *s, const tpl_step *sp, const char *login, phrase_list *out, ys_err *err)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; sp && i < sp->nphrases; i++)
		push(out, sp->phrases[i]);
	out->ntpl = out->n;
	if (sp && sp->phrases_only)
		return 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT text FROM phrases WHERE login = :l ORDER BY at, rowid", err);
	if (!st)
		return -1;
	store_bind_text(st, ":l", login);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = store_text(st, 0);
		int dup = 0;
		for (int i = 0; i < out->ntpl && !dup; i++)
			dup = !strcmp(out->v[i], t);
		if (!dup || !sp)
			push(out, t);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		phrase_list_free(out);
		return store_fail(s, err, "读取常用意见");
	}
	return 0;
}

void phrase_list_free(phrase_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Why text will not do as a phrase (into msg), 0 when it does. */
static int bad_phrase(const char *t, char *msg, size_t n)
{
	char m[128] = "";
	if (!*t)
		snprintf(msg, n, "常用意见不能为空");
	else if (text_check(t, 1, m, sizeof m))
		snprintf(msg, n, "常用意见%s", m);
	else if (text_chars(t) > PHRASE_MAX_CHARS)
		snprintf(msg, n, "常用意见最多 %d 个字", PHRASE_MAX_CHARS);
	else
		return 0;
	return 1;
}

int phrase_add(store *s, const char *login, const char *text, const char *now, ys_err *err)
{
	char msg[160];
	char *t = text_trim(text ? text : "");
	phrase_list have = { 0 };
	int rc = bad_phrase(t, msg, sizeof msg) ? err_set(err, "%s", msg) : phrases_for(s, NULL, login, &have, err);
	int dup = 0;
	for (int i = 0; i < have.n; i++)
		dup |= !strcmp(have.v[i], t);
	if (!rc && !dup && have.n >= PHRASES_PER_LOGIN)
		rc = err_set(err, "常用意见最多 %d 条，请先删去不用的（yunshen phrase remove 编号）", PHRASES_PER_LOGIN);
	phrase_list_free(&have);
	if (!rc && !dup) {
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO phrases(login, text, at) VALUES (:l, :t, :at)", err);
		if (!st) {
			rc = -1;
		} else {
			store_bind_text(st, ":l", login);
			store_bind_text(st, ":t", t);
			store_bind_text(st, ":at", now);
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "保存常用意见");
			sqlite3_reset(st);
		}
	}
	free(t);
	return rc;
}

int phrase_remove(store *s, const char *login, int k, ys_err *err)
{
	phrase_list have;
	if (phrases_for(s, NULL, login, &have, err))
		return -1;
	int rc = 0;
	if (k < 1 || k > have.n) {
		rc = have.n ? err_set(err, "没有第 %d 条常用意见（共 %d 条）", k, have.n) : err_set(err, "您还没有保存常用意见");
	} else {
		sqlite3_stmt *st = store_stmt(s, "DELETE FROM phrases WHERE login = :l AND text = :t", err);
		if (!st)
			rc = -1;
		else {
			store_bind_text(st, ":l", login);
			store_bind_text(st, ":t", have.v[k - 1]);
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, err, "删除常用意见");
			sqlite3_reset(st);
		}
	}
	phrase_list_free(&have);
	return rc;
}

int phrases_check(const tpl_step *sp, int forward, const char *opinion, char *why, size_t n)
{
	if (!sp || !sp->phrases_only || !forward || !opinion)
		return 0;
	char *t = text_trim(opinion);
	int ok = !*t;
	for (int i = 0; i < sp->nphrases && !ok; i++) {
		char *p = text_trim(sp->phrases[i]);
		ok = !strcmp(p, t);
		free(p);
	}
	free(t);
	if (ok)
		return 0;
	buf b = { 0 };
	for (int i = 0; i < sp->nphrases; i++)
		buf_printf(&b, "%s%d. %s", i ? "；" : "", i + 1, sp->phrases[i]);
	snprintf(why, n, "“%s”的意见须从常用意见中选：%s", sp->name, b.s);
	buf_free(&b);
	return 1;
}
