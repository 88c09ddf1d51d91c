/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* search.h - finding applications by any piece of their unit, system,
 * 文号, contact or signed opinions through an FTS5 index of two-character
 * grams (migration 012 says why grams), kept in step by noting changed
 * applications in triggers and indexing them before a search. */
#ifndef YUNSHEN_SEARCH_H
#define YUNSHEN_SEARCH_H

#include "buf.h"
#include "store.h"

/* The text as the index holds it: only letters, digits and CJK kept
 * (full-width ones made ASCII, letters lower case, brackets, blanks and
 * punctuation left out, so 〔2026〕 and (2026) are one), then each pair of
 * neighbouring characters and the last one alone: "民政局" -> "民政 政局
 * 局". Lines (opinions) are parted by "||". Appended to out. */
void search_grams(buf *out, const char *s);
/* The FTS5 MATCH expression for what a user typed ("卫生健康" -> "\"卫生
 * 生健 健康\"", one character a prefix); 0, or -1 when nothing in it can
 * be searched for by the index (only punctuation). names_only: in unit,
 * system and 文号 alone. */
int search_match(const char *typed, int names_only, buf *out);
/* Indexes the applications changed since the last search. 0 when the
 * index is current; -1 when it could not be brought up to date now (the
 * database busy or read-only): search then without it. */
int search_sync(store *s);

#endif
