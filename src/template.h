/* template.h - jurisdiction templates (data/templates/<id>.json, format in
 * docs/templates.md): forms, fields, tables, review chains, deadlines,
 * document numbers. Everything that differs between counties is here as
 * data; no C code names a county. */
#ifndef YUNSHEN_TEMPLATE_H
#define YUNSHEN_TEMPLATE_H

#include "err.h"
#include "json.h"
#include "vocab.h"

enum field_type { F_TEXT, F_TEXTAREA, F_PHONE, F_EMAIL, F_DATE, F_MONTH,
		  F_INT, F_CHOICE, F_MULTI, F_BOOL };

/* Where a field lands in the common resource model. */
enum field_maps { M_NONE, M_UNIT, M_SYSTEM, M_COUNTY, M_SUPERVISOR, M_CONTACT,
		  M_PHONE, M_EMAIL, M_COUNT, M_VCPU, M_MEM_GB, M_STORAGE_GB,
		  M_STORAGE_TB, M_BANDWIDTH, M__COUNT };

typedef struct tpl_choice {
	char *value;
	int vcpu, mem_gb, storage_gb;   /* resources an option stands for */
} tpl_choice;

typedef struct tpl_field {
	char *id, *label, *unit, *help;
	char *dflt;                     /* default as canonical text, or NULL */
	enum field_type type;
	enum field_maps maps;
	int required;
	int max_len;                    /* characters */
	int has_min, has_max;
	long long min, max, step;
	tpl_choice *choices;
	int nchoices;
	int other;                      /* free text allowed besides choices */
	int section;                    /* index into form->sections */
	char *applies;                  /* follow-ups: the original's field this value
					 * replaces when the follow-up is finished, or NULL */
} tpl_field;

typedef struct tpl_table {
	char *id, *title;
	int min_rows, max_rows;
	tpl_field *cols;
	int ncols;
	int section;
	/* A change form's table that lists only the hosts changed: each row's
	 * op column says add / update / remove, matched on the key column.
	 * NULL op: the rows are the whole configuration after the change. */
	char *delta_op, *delta_key, *delta_add, *delta_update, *delta_remove;
} tpl_table;

typedef struct tpl_section {
	char *title;
	char *text;                     /* fixed text (promise, 责任书) or NULL */
	int first_field, nfields;       /* range in form->fields */
	int table;                      /* index into form->tables, or -1 */
	int appendix;                   /* printed from here on a page of its own */
} tpl_section;

typedef struct tpl_sig {
	char *step, *label;
} tpl_sig;

typedef struct tpl_form {
	char *kind, *title;
	int landscape;
	tpl_section *sections;
	int nsections;
	tpl_field *fields;              /* top-level fields, in paper order */
	int nfields;
	tpl_table *tables;
	int ntables;
	tpl_sig *sigs;
	int nsigs;
	char **notes;
	int nnotes;
} tpl_form;

enum { TO_NEXT, TO_DONE, TO_RETURN, TO_REJECT, TO_EXTEND, TO_STEP };

typedef struct tpl_action {
	char *id, *label;
	int to;                         /* TO_* */
	char *to_step;                  /* TO_STEP: target step id */
	int opinion_required;
	int ext_n, ext_calendar;        /* TO_EXTEND */
} tpl_action;

typedef struct tpl_step {
	char *id, *name, *role, *article;
	int review;
	enum field_maps when_filled;    /* M_NONE: always */
	int dl_n;                       /* -1: no deadline */
	int dl_calendar;                /* 0 working days, 1 calendar days */
	char *dl_from;                  /* NULL/"start", "submit" or a step id */
	int nb_n;                       /* minimum stay (e.g. 试运行 >= 30 days); -1 none */
	int nb_calendar;
	tpl_action *actions;
	int nactions;
} tpl_step;

typedef struct tpl_flow {
	char *kind, *label, *done;
	tpl_step *steps;
	int nsteps;
} tpl_flow;

typedef struct tpl_item {
	char *id, *name, *unit;
	double price;
} tpl_item;

typedef struct template {
	char *id, *name, *authority, *regulation, *docno, *path;
	tpl_form *forms;
	int nforms;
	tpl_flow *flows;
	int nflows;
	tpl_item *catalogue;
	int ncatalogue;
	long long cap_vcpu, cap_mem_gb, cap_storage_gb;
	int cap_warn_pct;
	json *raw;                      /* the whole document, for extras */
} template;

/* Loads one template file, checking it whole: every error names the file
 * and the place (form, section, field, step). */
template *template_load(const char *path, ys_err *err);
void template_free(template *t);

/* The registry: all templates of a directory, sorted by id. */
int templates_load_dir(const char *dir, ys_err *err);
int templates_count(void);
const template *templates_at(int i);
const template *template_find(const char *id);
void templates_free(void);

const tpl_form *template_form(const template *t, const char *kind);
const tpl_flow *template_flow(const template *t, const char *kind);
const tpl_step *flow_step(const tpl_flow *f, const char *id);
int flow_step_index(const tpl_flow *f, const char *id);
const tpl_field *form_field(const tpl_form *f, const char *id);
const tpl_table *form_table(const tpl_form *f, const char *id);
const tpl_field *table_col(const tpl_table *t, const char *id);
/* First top-level field with the given mapping, or NULL. */
const tpl_field *form_mapped(const tpl_form *f, enum field_maps m);

const char *field_type_name(enum field_type t);     /* "text" … */
const char *field_type_label(enum field_type t);    /* "文字" … */
const char *maps_name(enum field_maps m);

#endif
