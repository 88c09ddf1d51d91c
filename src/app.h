/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* app.h - one application's form data as the clerk typed it, checked
 * against its template: every value is kept as canonical text (what the
 * field editor shows), so the screen, the CLI and the importer share one
 * representation. Canonical text: int "12", bool "是"/"否", date
 * "YYYY-MM-DD", month "YYYY-MM", multi "a\nb" (choices in template order,
 * an "other" text last); "" means not filled. */
#ifndef YUNSHEN_APP_H
#define YUNSHEN_APP_H

#include <stddef.h>
#include "buf.h"
#include "date.h"
#include "err.h"
#include "json.h"
#include "template.h"

typedef struct app_table {
	int nrows;
	char **cells;            /* nrows * ncols, row-major */
} app_table;

typedef struct app_data {
	const template *tpl;
	const tpl_form *form;
	const char *kind;        /* the application's kind: form->kind, or one
				  * the form serves (the template's string) */
	char **vals;             /* form->nfields values */
	app_table *tables;       /* form->ntables tables */
} app_data;

typedef struct app_totals {
	long long hosts, vcpu, mem_gb, storage_gb, bandwidth;
} app_totals;

/* A new form of the given kind, defaults filled (a form serving several
 * kinds: its choosing field set to this kind's value). NULL if the
 * template has no such form. */
app_data *app_data_new(const template *t, const char *kind);
app_data *app_data_copy(const app_data *a);
void app_data_free(app_data *a);

const char *app_get(const app_data *a, const char *field_id);
const char *app_mapped(const app_data *a, enum field_maps m);   /* "" if none */
void app_set(app_data *a, int field, const char *value);
int app_row_add(app_data *a, int table);                        /* new row index */
void app_row_del(app_data *a, int table, int row);
const char *app_cell(const app_data *a, int table, int row, int col);
void app_cell_set(app_data *a, int table, int row, int col, const char *value);
/* Table t of two forms of the same kind: equal cell by cell; copied whole. */
int app_table_equal(const app_data *a, const app_data *b, int t);
void app_table_copy(app_data *to, const app_data *from, int t);

/* A form serving several kinds (徽州's 申请类型): the kind its field now
 * chooses becomes d's, when it chooses one. */
void app_route(app_data *d);

/* Does value i of fs (a form's values or one row's cells) count: no
 * only_if, or its condition holds? A cell as shown and printed: "" when
 * it does not count (韶关: a host without backup keeps no 保存周期). */
int app_value_counts(const tpl_field *fs, int n, const char *const *vals, int i);
const char *app_cell_shown(const app_data *a, int t, int r, int c);
/* Field i of the form counts; section s has something that does (its
 * text, its table, a field that counts): else it is not shown or printed
 * (徽州's 变更、退出说明 on a new application). */
int app_field_counts(const app_data *a, int i);
int app_section_counts(const app_data *a, int s);
/* Must field i be filled now: required, or its required_if holds (and it
 * counts)? */
int app_field_required(const app_data *a, int i);

/* Checks one value against its field; msg gets the reason in Chinese
 * (without the field's name). Empty values pass unless required. The
 * value may be normalised in place-free way into canon (if not NULL,
 * caller frees): e.g. " 12 " -> "12", "true" -> "是", "2025-9-3" stays bad. */
int field_check(const tpl_field *f, const char *val, char *msg, size_t n);
/* Normalises user input to canonical text (trims spaces, 是/否 synonyms,
 * multi separators "、，,;；|"); returns a malloc'd string. */
char *field_normalize(const tpl_field *f, const char *val);

/* Sets one value named the way people write it: a field id or label, or a
 * table cell "table[row].column" (row from 1; one past the last row adds
 * a row). The value is normalised; with `check`, it must also pass
 * field_check. Errors name the field, table and row. */
int app_assign(app_data *a, const char *key, const char *value, int check, ys_err *err);

/* Choice values, one way for screen, CLI and print: is `item` one of the
 * items of canonical value v, and the items of v that are not among the
 * field's choices (its "other" text; malloc'd, "" when none). */
int value_has(const char *v, const char *item);
char *value_others(const tpl_field *f, const char *v);

/* The day a date field holds, or for a month field (使用期至 2027-12) the
 * month's last day; DATE_NONE when empty or no such field. */
ys_date app_date(const app_data *a, const char *field_id);

/* The whole form: the first problem, naming section, row and field. */
int app_validate(const app_data *a, ys_err *err);
void app_totals_of(const app_data *a, app_totals *t);
/* The totals of the table rows whose column col is value (a network
 * zone's share); fields outside the tables are not counted. */
void app_totals_in(const app_data *a, const char *col, const char *value, app_totals *t);

/* Every value has the shape the JSON reader takes back (ints are
 * integers, yes/no is 是/否): the one check before anything is stored. A
 * draft may be incomplete, never malformed. */
int app_storable(const app_data *a, ys_err *err);

/* JSON in the import/show shape: {"fields": {...}, "tables": {...}}. */
void app_to_json(const app_data *a, buf *out);     /* members, no braces */
/* Reads "fields" and "tables" of obj strictly: unknown ids and wrong JSON
 * types are errors naming the field. */
int app_from_json(app_data *a, const json *obj, ys_err *err);

/* Whether step sp is taken for this application: its when (a mapped
 * field filled, and not one of when.except) holds, or it has none. */
int step_applies(const tpl_step *sp, const app_data *d);

/* The record a signer of step sp fills in: the form's materials (when the
 * step checks them; required per their when, given the application's
 * data d, or all when d is NULL) then the step's fields. Returns a
 * malloc'd array of shallow copies (free only the array), *n its length. */
tpl_field *step_record_fields(const template *t, const char *kind, const tpl_step *sp, const app_data *d, int *n);
/* Each item an approving step may set: the form's fields marked approve
 * that count, and each row's columns marked approve; its record id
 * ("approved.hosts[2].count"), label ("政务云资源需求表：云主机第 2 行数量")
 * and value in d and, when given, in ok (the approved data). */
typedef struct approve_item {
	const tpl_field *f;
	char id[160], label[384];
	const char *req, *ok;
} approve_item;
void app_approve_items(const app_data *d, const app_data *ok, void (*cb)(const approve_item *, void *), void *ctx);

/* The requested data with the approved values of an approving step's
 * record (its JSON: "approved.…" keys, blank: as asked); caller frees. */
app_data *app_approved(const app_data *req, const char *record_json);

/* Frees what step_record_fields returned. */
void step_record_free(tpl_field *fs, int n);
/* The prefix of an approved value's record id: "approved.vcpu",
 * "approved.hosts[2].count" (row from 1). */
#define APPROVED_PREFIX "approved."

#endif
