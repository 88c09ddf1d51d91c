/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* phrases.h - 常用意见: the opinions offered at a step, picked by number.
 * The template's (the step's "phrases") come first, then the signer's own
 * saved ones - unless the step restricts the choice ("phrases_only", a
 * leader's fixed wordings): then a signature that moves the application on
 * takes one of the template's or none; a return or refusal is still
 * written in the signer's words, as its reason must be. */
#ifndef YUNSHEN_PHRASES_H
#define YUNSHEN_PHRASES_H

#include "store.h"
#include "template.h"

#define PHRASE_MAX_CHARS 200
#define PHRASES_PER_LOGIN 50

typedef struct phrase_list {
	char **v;
	int n;
	int ntpl;               /* the first ntpl are the template's */
} phrase_list;

/* What sp offers login (sp NULL: the login's own only). */
int phrases_for(store *s, const tpl_step *sp, const char *login, phrase_list *out, ys_err *err);
void phrase_list_free(phrase_list *l);
/* Saves text (trimmed) among login's phrases; saving one again is no error. */
int phrase_add(store *s, const char *login, const char *text, const char *now, ys_err *err);
/* Removes login's own phrase number k (1-based, as phrases_for(NULL) lists them). */
int phrase_remove(store *s, const char *login, int k, ys_err *err);
/* Does opinion do at step sp for a signature that moves on (forward)? 1
 * with why when the step restricts the choice and it is not one of them. */
int phrases_check(const tpl_step *sp, int forward, const char *opinion, char *why, size_t n);

#endif
