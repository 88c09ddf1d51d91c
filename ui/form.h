/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* form.h - the form screen's pieces, private to ui/form*.c: the screen's
 * state and what each file offers the others. */
#ifndef YUNSHEN_UI_FORM_H
#define YUNSHEN_UI_FORM_H

#include <time.h>
#include "app.h"
#include "edit.h"
#include "edits.h"

enum { IT_SECTION, IT_TEXT, IT_FIELD, IT_TABLE };

typedef struct item {
	int kind, sec, idx;             /* idx: field or table index */
} item;

typedef struct form {
	long long id;
	long long parent;               /* a follow-up's original application, or 0 */
	app_data *d;
	app_data *base;                 /* as stored when loaded or last saved */
	long long version;              /* of base */
	int terms;                      /* EDIT_* from edit_terms */
	char reason[512];               /* an admin's reason, asked once */
	char status[16];
	item *items;
	int nitems;
	int cur, row, col, ocur;        /* focus: item, table row/column, option */
	ui_edit ed;                     /* the focused text, or a choice's "other" text */
	int dirty, show_all;
	time_t last_save;
	char saved_at[8];
	int scroll, vy0, vh, measure;   /* virtual lines, viewport */
	int fy0, fy1;                   /* focused lines */
	int *hcol;                      /* per table: first visible column */
	int labw;
	int done;
	int discard;                    /* Esc once more drops unsaved changes */
	int declined;                   /* the admin declined to give a reason */
} form;

enum { F_NEXT = 1, F_DIGIT, F_PREV, F_UP, F_DOWN, F_LEFT, F_RIGHT, F_SPACE, F_PGDN, F_PGUP, F_ADDROW,
       F_DELROW, F_SAVE, F_SUBMIT, F_BACK, F_CLEAR };

/* form_model.c */
int form_is_options(const tpl_field *fd);
int form_leave(form *f);
void form_typed_other(form *f);
void form_maybe_save(form *f);
const item *form_it_cur(form *f);
const tpl_field *form_slot_field(form *f);
char *form_other_of(const tpl_field *fd, const char *v);
void form_load_slot(form *f);
const char *form_opt_value(const tpl_field *fd, int i);
int form_locked(form *f);
int form_has_line(const char *v, const char *c);
void form_toggle(form *f, int opt);
int form_nopts(const tpl_field *fd);
void form_slot_set(form *f, const char *v);
int form_save(form *f);

/* form_grid.c */
void form_next(form *f, int dir);
void form_del_row(form *f);
void form_section_jump(form *f, int dir);
void form_enter_item(form *f, int i, int from_below);
void form_go_item(form *f, int dir);
int form_nrows(form *f, int table);
int form_focusable(const item *it);
void form_vertical(form *f, int dir);
void form_add_row(form *f);

/* form_draw.c */
/* The screen's draw function. */
void form_draw(void *self);

#endif
