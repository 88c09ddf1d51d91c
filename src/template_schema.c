/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* template_schema.c - the shape of a template file: which keys each object
 * may have and the JSON type of each. Checked before the loader reads any
 * meaning, so a misspelt key (requried) or a wrong type ("opinion": true)
 * is refused at its line and column instead of being ignored. The values
 * (a known role, a step that exists) are the loader's to check.
 * docs/templates.md describes each key; keep the two in step. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "template.h"

enum { T_STR = 1, T_INT = 2, T_REAL = 4, T_BOOL = 8, T_ARR = 16, T_OBJ = 32 };
#define T_NUM (T_INT | T_REAL)
#define T_SCALAR (T_STR | T_NUM | T_BOOL)

typedef struct skey skey;
typedef struct sobj {
	const skey *keys;       /* NULL-key terminated */
	const skey *any;        /* instead of keys: every member is this */
} sobj;
struct skey {
	const char *key;
	unsigned types;
	const sobj *obj;        /* T_OBJ: its members */
	unsigned items;         /* T_ARR: each element's types */
	const sobj *item_obj;   /* T_ARR of objects: their members */
};

#define K(name, types) { name, types, NULL, 0, NULL }
#define KO(name, o) { name, T_OBJ, &o, 0, NULL }
#define KA(name, items, o) { name, T_ARR, NULL, items, o }
#define END { NULL, 0, NULL, 0, NULL }

static const skey choice_keys[] = {
	K("value", T_STR), K("vcpu", T_INT), K("mem_gb", T_INT), K("storage_gb", T_INT), END };
static const sobj choice_obj = { choice_keys, NULL };

static const skey req_if_keys[] = { K("field", T_STR), KA("in", T_STR, NULL), END };
static const sobj req_if_obj = { req_if_keys, NULL };
static const skey check_keys[] = {
	K("field", T_STR), K("op", T_STR), K("than", T_STR), K("message", T_STR), END };
static const sobj cmp_obj = { check_keys, NULL };

static const skey field_keys[] = {
	K("id", T_STR), K("label", T_STR), K("type", T_STR), K("unit", T_STR), K("help", T_STR),
	{ "default", T_SCALAR | T_ARR, NULL, T_STR, NULL },
	K("required", T_BOOL), K("other", T_BOOL), K("max_len", T_INT),
	K("min", T_INT), K("max", T_INT), K("step", T_INT), K("maps", T_STR),
	KA("choices", T_STR | T_OBJ, &choice_obj),
	K("applies", T_BOOL | T_STR),
	KO("required_if", req_if_obj), KO("only_if", req_if_obj), K("attach", T_STR), K("approve", T_BOOL), K("must_be", T_STR | T_BOOL), K("why", T_STR),
	END };
static const sobj field_obj = { field_keys, NULL };

static const skey delta_keys[] = {
	K("op", T_STR), K("key", T_STR), K("add", T_STR), K("update", T_STR), K("remove", T_STR), END };
static const sobj delta_obj = { delta_keys, NULL };

static const skey table_keys[] = {
	K("id", T_STR), K("min_rows", T_INT), K("max_rows", T_INT),
	KA("columns", T_OBJ, &field_obj),
	KO("delta", delta_obj), KA("checks", T_OBJ, &cmp_obj),
	END };
static const sobj table_obj = { table_keys, NULL };

static const skey section_keys[] = {
	K("title", T_STR), K("text", T_STR), K("appendix", T_BOOL), KA("sign", T_STR, NULL), K("sign_side", T_BOOL),
	KA("fields", T_OBJ, &field_obj),
	KO("table", table_obj),
	END };
static const sobj section_obj = { section_keys, NULL };

static const skey sig_keys[] = { K("step", T_STR), K("label", T_STR), END };
static const sobj sig_obj = { sig_keys, NULL };

static const skey rows_keys[] = { K("field", T_STR), KA("in", T_STR, NULL), END };
static const sobj rows_obj = { rows_keys, NULL };
static const skey material_keys[] = {
	K("id", T_STR), K("label", T_STR), K("required", T_BOOL), K("note", T_STR), KO("when", rows_obj), END };
static const sobj material_obj = { material_keys, NULL };

static const skey serve_kind = K("", T_STR);
static const sobj serve_kinds_obj = { NULL, &serve_kind };
static const skey serves_keys[] = { K("field", T_STR), KO("kinds", serve_kinds_obj), END };
static const sobj serves_obj = { serves_keys, NULL };

static const skey form_keys[] = {
	K("kind", T_STR), K("title", T_STR), K("landscape", T_BOOL),
	KA("sections", T_OBJ, &section_obj),
	KA("signatures", T_OBJ, &sig_obj),
	KA("notes", T_STR, NULL), KA("checks", T_OBJ, &cmp_obj),
	KA("materials", T_OBJ, &material_obj),
	KO("serves", serves_obj),
	END };
static const sobj form_obj = { form_keys, NULL };

static const skey days_keys[] = { K("n", T_INT), K("unit", T_STR), END };
static const sobj days_obj = { days_keys, NULL };
static const skey deadline_keys[] = {
	K("n", T_INT), K("unit", T_STR), K("from", T_STR), K("field", T_STR), END };
static const sobj deadline_obj = { deadline_keys, NULL };
static const skey when_filled_keys[] = { K("filled", T_STR), KA("except", T_STR, NULL), END };
static const sobj when_filled_obj = { when_filled_keys, NULL };

static const skey action_keys[] = {
	K("id", T_STR), K("label", T_STR), K("to", T_STR), K("opinion", T_STR), K("resume", T_BOOL),
	KO("extend", days_obj),
	END };
static const sobj action_obj = { action_keys, NULL };

static const skey paper_keys[] = { K("title", T_STR), K("text", T_STR), KA("sign", T_STR, NULL), END };
static const sobj paper_obj = { paper_keys, NULL };
static const skey signers_keys[] = { K("need", T_STR | T_INT), END };
static const sobj signers_obj = { signers_keys, NULL };

static const skey step_keys[] = {
	K("id", T_STR), K("name", T_STR), K("role", T_STR), K("article", T_STR),
	K("review", T_BOOL), KO("when", when_filled_obj),
	KO("deadline", deadline_obj), KO("not_before", days_obj),
	KA("actions", T_OBJ, &action_obj), K("materials", T_BOOL), KA("fields", T_OBJ, &field_obj),
	KO("signers", signers_obj), K("on_demand", T_BOOL), KO("paper", paper_obj), K("approves", T_BOOL), K("ledger", T_BOOL),
	KA("phrases", T_STR, NULL), K("phrases_only", T_BOOL),
	END };
static const sobj step_obj = { step_keys, NULL };

static const skey flow_keys[] = {
	K("label", T_STR), K("done", T_STR),
	KA("steps", T_OBJ, &step_obj),
	END };
static const sobj flow_obj = { flow_keys, NULL };
static const skey any_flow = KO("", flow_obj);
static const sobj flows_obj = { NULL, &any_flow };

static const skey item_keys[] = {
	K("id", T_STR), K("name", T_STR), K("unit", T_STR), K("price", T_NUM), END };
static const sobj item_obj = { item_keys, NULL };
static const skey zone_keys[] = {
	K("name", T_STR), K("vcpu", T_INT), K("mem_gb", T_INT), K("storage_gb", T_INT), END };
static const sobj zone_obj = { zone_keys, NULL };
static const skey capacity_keys[] = {
	K("vcpu", T_INT), K("mem_gb", T_INT), K("storage_gb", T_INT), K("warn_pct", T_INT),
	K("zone", T_STR), KA("zones", T_OBJ, &zone_obj), END };
static const sobj capacity_obj = { capacity_keys, NULL };


static const skey period_keys[] = {
	K("n", T_INT), K("unit", T_STR), K("longest", T_STR), KO("rows", rows_obj), END };
static const sobj period_obj = { period_keys, NULL };
static const skey if_keys[] = { K("field", T_STR), K("is", T_STR), END };
static const sobj if_obj = { if_keys, NULL };
static const skey start_keys[] = {
	K("on", T_STR), K("flow", T_STR), K("step", T_STR), K("field", T_STR), K("duty", T_STR),
	K("every", T_STR), K("day", T_STR), KO("if", if_obj),
	END };
static const sobj start_obj = { start_keys, NULL };
static const skey phase_keys[] = { K("open", T_STR), K("due", T_STR), K("closed", T_STR), END };
static const sobj phase_obj = { phase_keys, NULL };
static const skey close_keys[] = {
	K("label", T_STR), KA("fields", T_OBJ, &field_obj), END };
static const sobj close_obj = { close_keys, NULL };
static const skey duty_keys[] = {
	K("id", T_STR), K("label", T_STR), K("article", T_STR), K("role", T_STR), K("help", T_STR),
	KO("start", start_obj), KO("period", period_obj), KO("repeat", period_obj),
	KO("when", rows_obj), K("wait", T_BOOL), K("ends", T_BOOL), K("late", T_STR),
	K("notice", T_STR), K("block", T_STR), KO("phase", phase_obj),
	KO("close", close_obj),
	END };
static const sobj duty_obj = { duty_keys, NULL };

static const skey term_keys[] = {
	K("from", T_STR), K("to", T_STR), K("max_months", T_INT), K("renew_before_end", T_BOOL),
	K("article", T_STR), END };
static const sobj term_obj = { term_keys, NULL };
static const skey idle_keys[] = {
	K("cpu_peak_below", T_NUM), K("mem_below", T_NUM), K("months", T_INT), K("article", T_STR),
	K("action", T_STR), END };
static const sobj idle_obj = { idle_keys, NULL };
static const skey axis_keys[] = { K("id", T_STR), K("label", T_STR), END };
static const sobj axis_obj = { axis_keys, NULL };
static const skey band_keys[] = { K("min", T_NUM), K("pct", T_NUM), END };
static const sobj band_obj = { band_keys, NULL };
static const skey settle_keys[] = { K("article", T_STR), KA("bands", T_OBJ, &band_obj), END };
static const sobj settle_obj = { settle_keys, NULL };
static const skey eval_keys[] = {
	K("article", T_STR), K("period", T_STR), K("scale", T_NUM), K("low", T_NUM), KA("axes", T_OBJ, &axis_obj),
	KO("settlement", settle_obj), END };
static const sobj eval_obj = { eval_keys, NULL };
static const skey billing_keys[] = { K("from_step", T_STR), END };
static const sobj billing_obj = { billing_keys, NULL };
/* lifecycle: the numbers templates wrote before duties said them; kept
 * readable, never used. */
static const skey any_number = K("", T_NUM);
static const sobj lifecycle_obj = { NULL, &any_number };

static const skey root_keys[] = {
	K("id", T_STR), K("name", T_STR), K("authority", T_STR), K("regulation", T_STR),
	K("docno", T_STR | T_BOOL), K("source_note", T_STR), KA("notes", T_STR, NULL),
	KA("forms", T_OBJ, &form_obj),
	KO("workflows", flows_obj),
	KA("catalogue", T_OBJ, &item_obj),
	KO("capacity", capacity_obj),
	KA("duties", T_OBJ, &duty_obj),
	KO("term", term_obj), KO("billing", billing_obj), KO("idle", idle_obj), KO("evaluation", eval_obj),
	KO("lifecycle", lifecycle_obj),
	END };
static const sobj root_obj = { root_keys, NULL };

static unsigned type_bit(enum json_type t)
{
	switch (t) {
	case J_TEXT: return T_STR;
	case J_INT: return T_INT;
	case J_REAL: return T_REAL;
	case J_TRUE: case J_FALSE: return T_BOOL;
	case J_ARRAY: return T_ARR;
	case J_OBJECT: return T_OBJ;
	default: return 0;
	}
}

static void types_text(unsigned types, buf *b)
{
	static const struct { unsigned bits; const char *name; } names[] = {
		{ T_STR, "字符串" }, { T_NUM, "数字" }, { T_INT, "整数" }, { T_REAL, "小数" },
		{ T_BOOL, "true 或 false" }, { T_ARR, "数组" }, { T_OBJ, "对象" } };
	int first = 1;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if ((types & names[i].bits) == names[i].bits) {
			buf_printf(b, "%s%s", first ? "" : "或", names[i].name);
			types &= ~names[i].bits;
			first = 0;
		}
}

/* Edit distance up to a small bound, for "did you mean". */
static int near(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40 || (la > lb ? la - lb : lb - la) > 2)
		return 99;
	int d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			int m = sub < del ? sub : del;
			m = m < ins ? m : ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < m)
				m = d[i - 2][j - 2] + 1;   /* two letters swapped */
			d[i][j] = m;
		}
	return d[la][lb];
}

typedef struct sctx {
	const char *file;
	char path[512];
	ys_err *err;
} sctx;

static int bad_at(sctx *c, const json *at, const buf *msg)
{
	return err_set(c->err, "模板 %s 第 %d 行第 %d 列（%s）：%s", c->file, at->line, at->col,
		       c->path[0] ? c->path : "顶层", msg->s);
}

static int check_obj(sctx *c, const json *o, const sobj *s);

static int check_value(sctx *c, const json *v, const skey *k)
{
	if (!(type_bit(v->type) & k->types)) {
		buf m = { 0 };
		buf_printf(&m, "“%s”应为", v->key ? v->key : k->key);
		types_text(k->types, &m);
		buf_printf(&m, "，这里是%s", json_type_name(v->type));
		int rc = bad_at(c, v, &m);
		buf_free(&m);
		return rc;
	}
	size_t len = strlen(c->path);
	int rc = 0;
	if (v->type == J_OBJECT && k->obj) {
		rc = check_obj(c, v, k->obj);
	} else if (v->type == J_ARRAY) {
		for (int i = 0; !rc && i < v->n; i++) {
			const json *e = v->kids[i];
			snprintf(c->path + len, sizeof c->path - len, "[%d]", i);
			if (!(type_bit(e->type) & k->items)) {
				buf m = { 0 };
				buf_printf(&m, "“%s”的每一项应为", k->key);
				types_text(k->items, &m);
				buf_printf(&m, "，这里是%s", json_type_name(e->type));
				rc = bad_at(c, e, &m);
				buf_free(&m);
			} else if (e->type == J_OBJECT && k->item_obj) {
				rc = check_obj(c, e, k->item_obj);
			}
		}
	}
	c->path[len] = '\0';
	return rc;
}

static int check_obj(sctx *c, const json *o, const sobj *s)
{
	size_t len = strlen(c->path);
	for (int i = 0; i < o->n; i++) {
		const json *v = o->kids[i];
		for (int j = 0; j < i; j++)
			if (!strcmp(o->kids[j]->key, v->key)) {
				buf m = { 0 };
				buf_printf(&m, "键“%s”重复（第 %d 行已有）", v->key, o->kids[j]->line);
				int rc = bad_at(c, v, &m);
				buf_free(&m);
				return rc;
			}
		const skey *k = s->any;
		for (const skey *p = s->keys; p && p->key && !k; p++)
			if (!strcmp(p->key, v->key))
				k = p;
		if (!k) {
			buf m = { 0 };
			buf_printf(&m, "未知的键“%s”", v->key);
			const char *best = NULL;
			int bd = 3;
			for (const skey *p = s->keys; p->key; p++) {
				int d = near(v->key, p->key);
				if (d < bd) {
					bd = d;
					best = p->key;
				}
			}
			if (best)
				buf_printf(&m, "，是否应为“%s”？", best);
			else {
				buf_puts(&m, "，这里可用的键：");
				for (const skey *p = s->keys; p->key; p++)
					buf_printf(&m, "%s%s", p == s->keys ? "" : "、", p->key);
			}
			int rc = bad_at(c, v, &m);
			buf_free(&m);
			return rc;
		}
		snprintf(c->path + len, sizeof c->path - len, "%s%s", len ? "." : "", v->key);
		int rc = check_value(c, v, k);
		c->path[len] = '\0';
		if (rc)
			return rc;
	}
	return 0;
}

int template_check_schema(const json *root, const char *file, ys_err *err)
{
	sctx c = { .file = file, .err = err };
	if (root->type != J_OBJECT)
		return err_set(err, "模板 %s：顶层应为对象（{ … }）", file);
	return check_obj(&c, root, &root_obj);
}
