/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* record.h - a record signed with an event: a duty's closing record (到期
 * 事项) or what a signer fills in at a step (the materials 受理 confirms
 * item by item, 大同's 交付确认函). Its fields are read like a form's. */
#ifndef YUNSHEN_RECORD_H
#define YUNSHEN_RECORD_H

#include "buf.h"
#include "template.h"

/* Values given by field id or label (ids[i] = vals[i]), each normalised
 * and checked as the form checks it; with require, required fields must
 * be filled and must_be holds. A date may not be later than today (a
 * record says what has happened). Writes the record as a JSON object of
 * every field (json) and as words ("label：value；…", text). what names
 * the record when an id is unknown ("“受理”的记录"). */
int record_build(const tpl_field *fs, int n, const char *const *ids, const char *const *vals, int nv,
		 int require, const char *today, const char *what, buf *json, buf *text, ys_err *err);

/* A stored record (JSON) in words by its fields' labels: "label：value；…". */
void record_words(const tpl_field *fs, int n, const char *json_text, buf *out);

#endif
