/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
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
	/* required_if: required once field req_field (a column: of the same
	 * row) is filled, or, with req_in, holds one of those values. */
	char *req_field;
	char **req_in;
	int nreq_in;
	/* only_if: the value counts only while field only_field (a column: of
	 * the same row) holds one of only_in (韶关's 数据保存周期 for a host
	 * with backup); otherwise it is not shown, printed or checked. */
	char *only_field;
	char **only_in;
	int nonly_in;
	int approve;                    /* the approving step may set another value
					 * (大同's 审核后的云资源需求, 永嘉's 审核 column) */
	int synthetic;                  /* made for a step's record: id and label owned */
	char *attach;                   /* what must be attached when it is asked for
					 * (永嘉's * items: 请提供系统备份实施方案…), or NULL */
	char *must_be;                  /* the one value allowed (是: 责任书 signed), or NULL */
	char *why;                      /* said when its rule is broken (the article) */
} tpl_field;

/* A comparison between two values of a form (or of each row of a table):
 * 使用期起 before 使用期止. Empty values are not compared. */
enum check_op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE };
typedef struct tpl_check {
	char *a, *b;                    /* field (column) ids */
	enum check_op op;
	char *message;                  /* said when it fails */
} tpl_check;

typedef struct tpl_table {
	char *id, *title;
	int min_rows, max_rows;
	tpl_field *cols;
	int ncols;
	int section;
	tpl_check *checks;              /* each row's */
	int nchecks;
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
	char **signs;                   /* boxes printed after it for a pen and a seal
					 * (永嘉's 分管领导签字), or NULL */
	int nsigns;
	int signs_side;                 /* ... side by side in one row (韶关's 责任书: its
					 * two parties seal and sign next to each other) */
} tpl_section;

/* A material the application must bring (徽州 第十一条), confirmed item by
 * item by the step that checks them (受理). Its field (bool) is what the
 * signer records; must_be 是 when it is required. when_field: required
 * only for applications whose field is one of when_in. */
typedef struct tpl_material {
	tpl_field f;                    /* id, label, help (note), must_be */
	char *when_field;
	char **when_in;
	int nwhen_in;
} tpl_material;

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
	tpl_check *checks;              /* across its top-level fields */
	int nchecks;
	tpl_material *materials;
	int nmaterials;
	/* One paper form for several kinds, chosen by a field (徽州's 申请类型):
	 * serve_values[i] of serve_field makes an application of serve_kinds[i];
	 * kind is one of them. nserve 0: the form is its kind's alone. */
	char *serve_field;
	char **serve_values, **serve_kinds;
	int nserve;
} tpl_form;

enum { TO_NEXT, TO_DONE, TO_RETURN, TO_REJECT, TO_EXTEND, TO_STEP };

typedef struct tpl_action {
	char *id, *label;
	int to;                         /* TO_* */
	char *to_step;                  /* TO_STEP: target step id */
	int opinion_required;
	int ext_n, ext_calendar;        /* TO_EXTEND */
	int resume;                     /* TO_RETURN / TO_STEP: once the step it returns to
					 * is signed again, the application comes back to
					 * this step, not through the ones between */
} tpl_action;

typedef struct tpl_step {
	char *id, *name, *role, *article;
	int review;
	enum field_maps when_filled;    /* M_NONE: always */
	char **when_except;             /* ... and not one of these values (市直单位) */
	int nwhen_except;
	int dl_n;                       /* -1: no deadline */
	int dl_calendar;                /* 0 working days, 1 calendar days */
	char *dl_from;                  /* NULL/"start", "submit" or a step id */
	char *dl_field;                 /* a date on the form that, when filled, is the
					 * deadline instead (项目建设期) */
	int materials;                  /* the signer confirms the form's materials */
	int ledger;                     /* its record is shown in the ledger (平顶山's
					 * provider chosen and its price) */
	int approves;                   /* the signer may set the approved value of
					 * each item marked approve (审核后的需求) */
	char *paper_title, *paper_text; /* the step's own paper (大同's 交付确认函), or NULL */
	char **paper_signs;             /* its boxes for a pen and a seal */
	int npaper_signs;
	tpl_field *fields;              /* what the signer fills in (a step's own paper) */
	int nfields;
	int need;                       /* signers who must agree before it moves on:
					 * 1 (one, the default), N, or 0 for every
					 * holder of its role (大同's 专家论证) */
	int on_demand;                  /* entered only by an action naming it, never
					 * by "next" (组织专家论证) */
	int nb_n;                       /* minimum stay (e.g. 试运行 >= 30 days); -1 none */
	int nb_calendar;
	char **phrases;                 /* 常用意见 offered at the step (phrases.h) */
	int nphrases;
	int phrases_only;               /* a forward signature's opinion is one of them */
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

/* A period of time: n working days, calendar days or months (a negative n
 * counts back: a notice one month before). */
enum period_unit { P_WD, P_CD, P_MONTHS };
typedef struct tpl_period {
	int n;
	enum period_unit unit;
	char *longest_table, *longest_col;  /* n is the longest of that column's
					     * values over the rows (blank: n) */
	char *row_field;                /* only rows whose column row_field is one of */
	char **row_values;
	int nrow_values;
} tpl_period;

/* What starts a duty (docs/templates.md, 到期事项). */
enum duty_on {
	ON_DONE,        /* a flow finished: the application (apply) or its termination */
	ON_STEP,        /* a step was signed */
	ON_DELIVERY,    /* the first delivery was recorded */
	ON_FIELD,       /* a date (or month: its last day) on the form */
	ON_DUTY,        /* another duty was closed (optionally with a value) */
	ON_EVERY,       /* office-wide, each week, month, quarter or year */
	ON_YEARLY,      /* a fixed day each year (MM-DD) */
	ON_CAPACITY     /* its approval took a pool past the warning line (徽州 第十九条 扩容) */
};
enum duty_late { LATE_SHOW, LATE_NOTICE, LATE_BLOCK };

typedef struct tpl_duty {
	char *id, *label, *article, *role, *help;
	enum duty_on on;
	char *flow;                     /* ON_DONE: apply (default) or terminate */
	char *ref;                      /* ON_STEP step, ON_FIELD field, ON_DUTY duty, ON_YEARLY "MM-DD" */
	char *ref_field, *ref_value;    /* ON_DUTY: only when its record has this value */
	int every_months;               /* ON_EVERY: 0 weeks, 1, 3 or 12 */
	char *when_field;               /* only for applications whose field is one of: */
	char **when_values;
	int nwhen;
	tpl_period period;              /* from the start to the due day */
	tpl_period repeat;              /* n 0: once; else each closing starts the next */
	int wait;                       /* a waiting period: not closed before it is due */
	int ends;                       /* its record ends the service (强制下线): 已注销 */
	enum duty_late late;
	char *block_step;               /* LATE_BLOCK: this step moves on only once closed */
	char *notice;                   /* LATE_NOTICE: the notice's text ({unit} {system} …) */
	char *phase_open, *phase_due, *phase_closed;   /* the ledger's phase while open,
					 * once due, once closed ({due} the due day) */
	char *close_label;              /* "提交备案证明" */
	tpl_field *fields;              /* the closing record's fields */
	int nfields;
} tpl_duty;

/* Office-wide (every week …, a day each year): one per template, not per
 * application. */
int duty_office(const tpl_duty *d);

/* The term of use a form states (永嘉 预计使用时间): checked on the form,
 * shown in the ledger; an end in the past is 到期. */
typedef struct tpl_term {
	char *from, *to;                /* field ids (date or month) */
	int max_months;                 /* 0: no limit */
	int renew_before_end;           /* 延期 only before the term ends */
	char *article;
} tpl_term;

/* The most network zones a template's pool may have. */
#define CAP_ZONES 8

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
	char *cap_zone_col;             /* pools per network zone (韶关): the resource
					 * tables' column naming a row's zone */
	struct tpl_zone { char *name; long long vcpu, mem_gb, storage_gb; } *cap_zones;   /* at most CAP_ZONES */
	int ncap_zones;
	tpl_duty *duties;
	int nduties;
	tpl_term term;                  /* term.to NULL: the form states none */
	struct tpl_idle {               /* 闲置: CPU peak below a line for months running */
		double cpu_peak_below, mem_below;   /* mem_below 0: memory not counted */
		int months;                 /* 0: the template has no idle rule */
		char *article, *action;     /* "第三十条", "暂停该单位新申请" */
	} idle;
	struct tpl_eval {               /* the provider's evaluation; naxes 0: none */
		char *article, *period;     /* period: "month", "quarter" or "year" */
		double scale, low;          /* scores 0..scale; below low needs a reason */
		struct tpl_axis { char *id, *label; } *axes;
		int naxes;
		char *settle_article;       /* settlement: pay pct of the fees by the year's score */
		struct tpl_band { double min, pct; } *bands;   /* highest min first */
		int nbands;
	} eval;
	char *billing_step;             /* billing starts when it is signed (NULL: at done) */
	struct arena *mem;              /* read from the cache: all of it lives there */
	char digest[65];                /* SM3 of the file: what derived data was built from */
} template;

/* Loads one template file, checking it whole: every error names the file
 * and the place (form, section, field, step). */
template *template_load(const char *path, ys_err *err);
/* The two halves of it, for the cache (template_cache.c): the file's tree
 * and digest (SM3_HEX bytes), then the template built from that tree. */
json *template_read(const char *path, char *digest, ys_err *err);
template *template_build(const char *path, const json *root, const char *digest, ys_err *err);
void template_free(template *t);

/* Templates loaded by templates_load_dirs are kept, parsed, in dir (made
 * if missing) and read back from there while their files are unchanged;
 * NULL (the default) parses every file. */
void templates_cache_in(const char *dir);
/* The template of the file at path: from the cache when the file is as it
 * was, else parsed (and kept). */
template *template_load_cached(const char *path, ys_err *err);
/* How many templates this process read from the cache (for tests). */
int templates_cache_reads(void);

/* The registry: the templates of each directory in turn, a later one's
 * replacing an earlier one's of the same id (the office's own over the
 * packaged), sorted by id. A template that does not load is set aside
 * with its message and the others work; fails only when none loads. */
int templates_load_dirs(const char *const *dirs, int ndirs, ys_err *err);
int templates_load_dir(const char *dir, ys_err *err);
int templates_count(void);
const template *templates_at(int i);
const template *template_find(const char *id);
void templates_free(void);
/* Lifts every loaded template's pool limits for this process: bulk data
 * for measuring (demo_bulk) stands for a decade in which the office
 * expanded its pools, which no template states. */
void templates_unlimit_pools(void);

/* A template file that did not load. */
typedef struct tpl_broken {
	char *path, *id, *msg;          /* id: the file name without .json */
	int fallback;                   /* a template of that id is in use instead */
} tpl_broken;
int templates_broken_count(void);
const tpl_broken *templates_broken_at(int i);
const tpl_broken *template_broken(const char *id);
/* template_find, or NULL with why: set aside as broken, or absent. */
const template *template_usable(const char *id, ys_err *err);

/* template_schema.c: every key known and of its JSON type, or an error
 * naming file, line, column and path. */
int template_check_schema(const json *root, const char *file, ys_err *err);

const tpl_duty *template_duty(const template *t, const char *id);
/* template_duty.c: the template's duties, term and billing (called by
 * template_load; errors name the duty). */
int template_load_duties(template *t, const json *root, const char *file, ys_err *err);
void template_free_duties(template *t);
/* One field of a duty's closing record, read like a form's field. */
int template_parse_field(const json *o, tpl_field *f, const char *file, const char *where, ys_err *err);
void template_free_field(tpl_field *f);

const tpl_form *template_form(const template *t, const char *kind);
const tpl_flow *template_flow(const template *t, const char *kind);
/* A form serving several kinds: the value of its serve_field for kind, and
 * the kind for a value; NULL when it serves no such. */
const char *form_serve_value(const tpl_form *f, const char *kind);
const char *form_serve_kind(const tpl_form *f, const char *value);
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
