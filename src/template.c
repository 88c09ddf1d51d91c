/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "buf.h"
#include "paths.h"
#include "sm3.h"
#include "template.h"
#include "text.h"

static const char *type_names[] = { "text", "textarea", "phone", "email", "date", "month",
				    "int", "choice", "multi", "bool" };
static const char *type_labels[] = { "文字", "多行文字", "电话", "电子邮箱", "日期", "年月",
				     "整数", "单选", "多选", "是/否" };
static const char *maps_names[] = { "", "unit", "system", "county", "supervisor", "contact",
				    "phone", "email", "count", "vcpu", "mem_gb", "storage_gb",
				    "storage_tb", "bandwidth_mbps" };

const char *field_type_name(enum field_type t) { return type_names[t]; }
const char *field_type_label(enum field_type t) { return type_labels[t]; }
const char *maps_name(enum field_maps m) { return maps_names[m]; }

/* Loading context: the file name and a path inside it for messages. */
typedef struct ctx {
	const char *file;
	char where[256];
	const json *at;                 /* the value at fault, for its line and column */
	ys_err *err;
} ctx;

static int bad(ctx *c, const char *msg)
{
	if (c->at)
		return err_set(c->err, "模板 %s 第 %d 行第 %d 列：%s%s", c->file, c->at->line, c->at->col, c->where, msg);
	return err_set(c->err, "模板 %s：%s%s", c->file, c->where, msg);
}

/* The member key of o if present (so the message points at it), else o. */
static const json *at_key(const json *o, const char *key)
{
	const json *m = json_get(o, key);
	return m ? m : o;
}

static char *req_str(ctx *c, const json *o, const char *key, int *fail)
{
	const char *s = json_str(o, key, NULL);
	if (!s || !*s) {
		char m[128];
		snprintf(m, sizeof m, "缺少“%s”（应为非空字符串）", key);
		bad(c, m);
		*fail = 1;
		return NULL;
	}
	return xstrdup(s);
}

static char *opt_str(const json *o, const char *key)
{
	const char *s = json_str(o, key, NULL);
	return s ? xstrdup(s) : NULL;
}

static int valid_id(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int parse_maps(const char *s)
{
	for (int i = 1; i < M__COUNT; i++)
		if (!strcmp(maps_names[i], s))
			return i;
	return -1;
}

/* A value given as JSON becomes the canonical text form used everywhere
 * (see app.h): ints as decimal, bools 是/否, multi joined with '\n'. */
static char *canon_default(const json *v)
{
	buf b = { 0 };
	switch (v->type) {
	case J_TRUE: return xstrdup("是");
	case J_FALSE: return xstrdup("否");
	case J_INT: case J_TEXT: case J_REAL: return xstrdup(v->text);
	case J_ARRAY:
		for (int i = 0; i < v->n; i++) {
			if (i)
				buf_puts(&b, "\n");
			buf_puts(&b, v->kids[i]->text ? v->kids[i]->text : "");
		}
		return buf_take(&b);
	default: return NULL;
	}
}

/* An array of strings (already checked by the schema) copied out. */
static void load_strings(const json *a, char ***out, int *n)
{
	for (int i = 0; a && i < a->n; i++) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		(*out)[(*n)++] = xstrdup(a->kids[i]->text);
	}
}

/* A condition on another field: {"field": id} (filled) or {"field": id,
 * "in": [values]}; need_in: the values are required. */
static int load_cond(ctx *c, const json *o, const char *key, int need_in, char **field, char ***in, int *nin)
{
	const json *ri = json_get(o, key);
	if (!ri)
		return 0;
	*field = opt_str(ri, "field");
	const json *vs = json_get(ri, "in");
	if (!*field || (need_in && (!vs || !vs->n))) {
		c->at = ri;
		char m[200];
		snprintf(m, sizeof m, need_in ? "%s 应为 {\"field\": 字段 id, \"in\": [值…]}"
			 : "%s 应为 {\"field\": 字段 id} 或 {\"field\": 字段 id, \"in\": [值…]}", key);
		return bad(c, m);
	}
	for (int i = 0; vs && i < vs->n; i++) {
		*in = xrealloc(*in, sizeof **in * (size_t)(*nin + 1));
		(*in)[(*nin)++] = xstrdup(vs->kids[i]->text);
	}
	return 0;
}

static int load_field(ctx *c, const json *o, tpl_field *f)
{
	int fail = 0;
	if (!o || o->type != J_OBJECT)
		return bad(c, "字段应为对象");
	c->at = o;
	f->id = req_str(c, o, "id", &fail);
	if (fail)
		return -1;
	size_t wl = strlen(c->where);
	snprintf(c->where + wl, sizeof c->where - wl, "字段 %s：", f->id);
	if (!valid_id(f->id))
		return bad(c, "id 只能用小写字母、数字和下划线");
	f->label = req_str(c, o, "label", &fail);
	const char *type = json_str(o, "type", "text");
	f->type = (enum field_type)-1;
	for (int i = 0; i <= F_BOOL; i++)
		if (!strcmp(type, type_names[i]))
			f->type = (enum field_type)i;
	if ((int)f->type < 0) {
		c->at = at_key(o, "type");
		char m[160];
		snprintf(m, sizeof m, "未知类型“%s”", type);
		return bad(c, m);
	}
	if (fail)
		return -1;
	f->unit = opt_str(o, "unit");
	f->help = opt_str(o, "help");
	f->required = json_bool(o, "required", 0);
	f->other = json_bool(o, "other", 0);
	f->max_len = (int)json_int(o, "max_len", f->type == F_TEXTAREA ? 2000 : 200);
	if (json_get(o, "min")) {
		f->has_min = 1;
		f->min = json_int(o, "min", 0);
	}
	if (json_get(o, "max")) {
		f->has_max = 1;
		f->max = json_int(o, "max", 0);
	}
	f->step = json_int(o, "step", 0);
	if (f->has_min && f->has_max && f->min > f->max)
		return bad(c, "min 大于 max");
	const char *maps = json_str(o, "maps", NULL);
	if (maps) {
		int m = parse_maps(maps);
		if (m < 0) {
			char msg[160];
			c->at = at_key(o, "maps");
			snprintf(msg, sizeof msg, "未知映射“%s”", maps);
			return bad(c, msg);
		}
		f->maps = (enum field_maps)m;
	}
	const json *ch = json_get(o, "choices");
	if (f->type == F_CHOICE || f->type == F_MULTI) {
		if (!ch || ch->type != J_ARRAY || ch->n == 0)
			return bad(c, "单选、多选字段需要 choices 数组");
		f->choices = xcalloc((size_t)ch->n, sizeof *f->choices);
		f->nchoices = ch->n;
		for (int i = 0; i < ch->n; i++) {
			const json *k = ch->kids[i];
			tpl_choice *cc = &f->choices[i];
			if (k->type == J_TEXT) {
				cc->value = xstrdup(k->text);
			} else if (k->type == J_OBJECT && json_str(k, "value", NULL)) {
				cc->value = xstrdup(json_str(k, "value", ""));
				cc->vcpu = (int)json_int(k, "vcpu", 0);
				cc->mem_gb = (int)json_int(k, "mem_gb", 0);
				cc->storage_gb = (int)json_int(k, "storage_gb", 0);
			} else {
				return bad(c, "choices 的每一项应为字符串或带 value 的对象");
			}
			if (strchr(cc->value, '\n'))
				return bad(c, "选项不能含换行");
		}
	} else if (ch) {
		return bad(c, "只有单选、多选字段可以有 choices");
	}
	const json *d = json_get(o, "default");
	if (d)
		f->dflt = canon_default(d);
	const json *ap = json_get(o, "applies");
	if (ap && ap->type == J_TRUE)
		f->applies = xstrdup(f->id);
	else if (ap && ap->type == J_TEXT)
		f->applies = xstrdup(ap->text);
	else if (ap && ap->type != J_FALSE)
		return bad(c, "applies 应为 true 或原申请表的字段 id");
	f->attach = opt_str(o, "attach");
	f->approve = json_bool(o, "approve", 0);
	if (load_cond(c, o, "required_if", 0, &f->req_field, &f->req_in, &f->nreq_in) ||
	    load_cond(c, o, "only_if", 1, &f->only_field, &f->only_in, &f->nonly_in))
		return -1;
	if (f->only_field && f->required) {
		c->at = at_key(o, "only_if");
		return bad(c, "only_if 的字段不能 required（条件成立时必填请用 required_if）");
	}
	const json *mb = json_get(o, "must_be");
	if (mb)
		f->must_be = mb->type == J_TRUE ? xstrdup("是") : mb->type == J_FALSE ? xstrdup("否") : xstrdup(mb->text);
	f->why = opt_str(o, "why");
	if (f->must_be && (f->type == F_CHOICE || f->type == F_BOOL)) {
		int known = f->type == F_BOOL ? !strcmp(f->must_be, "是") || !strcmp(f->must_be, "否") : 0;
		for (int i = 0; i < f->nchoices; i++)
			known |= !strcmp(f->choices[i].value, f->must_be);
		if (!known) {
			c->at = at_key(o, "must_be");
			return bad(c, "must_be 应为本字段的一个选项");
		}
	}
	c->where[wl] = '\0';
	return 0;
}

static const char *const op_names[] = { "<", "<=", ">", ">=", "==", "!=" };

/* "checks": comparisons between values of one form or of each row. */
static int load_checks(ctx *c, const json *arr, tpl_check **out, int *n)
{
	for (int i = 0; arr && i < arr->n; i++) {
		const json *o = arr->kids[i];
		c->at = o;
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		tpl_check *k = &(*out)[(*n)++];
		memset(k, 0, sizeof *k);
		k->a = opt_str(o, "field");
		k->b = opt_str(o, "than");
		k->message = opt_str(o, "message");
		const char *op = json_str(o, "op", "");
		int found = -1;
		for (int j = 0; j < 6; j++)
			if (!strcmp(op, op_names[j]))
				found = j;
		if (!k->a || !k->b || found < 0)
			return bad(c, "checks 的每一项应为 {\"field\": 字段, \"op\": \"<\"、\"<=\"、\">\"、\">=\"、\"==\" 或 \"!=\", "
				   "\"than\": 字段, \"message\": 说明}");
		k->op = (enum check_op)found;
	}
	return 0;
}

static const tpl_field *among(const tpl_field *fs, int n, const char *id)
{
	for (int i = 0; id && i < n; i++)
		if (!strcmp(fs[i].id, id))
			return &fs[i];
	return NULL;
}

/* The fields' rules and the checks name fields of the same form (or row),
 * and a check compares values of one kind. */
static int resolve_rules(ctx *c, const tpl_field *fs, int n, const tpl_check *ks, int nk)
{
	char m[256];
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 2; k++) {
			const char *other = k ? fs[i].only_field : fs[i].req_field;
			if (other && (!among(fs, n, other) || !strcmp(other, fs[i].id))) {
				snprintf(m, sizeof m, "字段 %s 的 %s.field “%s”不是同一表单（表格行）中的另一字段", fs[i].id,
					 k ? "only_if" : "required_if", other);
				return bad(c, m);
			}
		}
	for (int i = 0; i < nk; i++) {
		const tpl_field *a = among(fs, n, ks[i].a), *b = among(fs, n, ks[i].b);
		int kind_a = a ? (a->type == F_INT ? 1 : a->type == F_DATE ? 2 : a->type == F_MONTH ? 3 : 0) : -1;
		int kind_b = b ? (b->type == F_INT ? 1 : b->type == F_DATE ? 2 : b->type == F_MONTH ? 3 : 0) : -1;
		if (kind_a <= 0 || kind_a != kind_b) {
			snprintf(m, sizeof m, "checks 第 %d 项：“%s”和“%s”应为同一表单（表格行）中同类型的整数、日期或年月字段",
				 i + 1, ks[i].a, ks[i].b);
			return bad(c, m);
		}
	}
	return 0;
}

static void free_checks(tpl_check *k, int n)
{
	for (int i = 0; i < n; i++) {
		xfree(k[i].a);
		xfree(k[i].b);
		xfree(k[i].message);
	}
	xfree(k);
}

int template_parse_field(const json *o, tpl_field *f, const char *file, const char *where, ys_err *err)
{
	ctx c = { .file = file, .err = err };
	snprintf(c.where, sizeof c.where, "%s", where);
	return load_field(&c, o, f);
}

void template_free_field(tpl_field *f)
{
	xfree(f->id); xfree(f->label); xfree(f->unit); xfree(f->help); xfree(f->dflt); xfree(f->applies);
	xfree(f->req_field); xfree(f->must_be); xfree(f->why); xfree(f->only_field); xfree(f->attach);
	for (int i = 0; i < f->nreq_in; i++)
		xfree(f->req_in[i]);
	xfree(f->req_in);
	for (int i = 0; i < f->nonly_in; i++)
		xfree(f->only_in[i]);
	xfree(f->only_in);
	for (int i = 0; i < f->nchoices; i++)
		xfree(f->choices[i].value);
	xfree(f->choices);
}

static int load_fields(ctx *c, const json *arr, tpl_field **out, int *n, int *cap, int section)
{
	if (!arr || arr->type != J_ARRAY)
		return bad(c, "fields 应为数组");
	for (int i = 0; i < arr->n; i++) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*out = xrealloc(*out, sizeof **out * (size_t)*cap);
		}
		tpl_field *f = &(*out)[*n];
		memset(f, 0, sizeof *f);
		f->section = section;
		(*n)++;
		if (load_field(c, arr->kids[i], f))
			return -1;
		for (int j = 0; j < *n - 1; j++)
			if (!strcmp((*out)[j].id, f->id))
				return bad(c, "字段 id 重复");
	}
	return 0;
}

/* "serves": {"field": 单选字段, "kinds": {"资源申请": "apply", "资源变更":
 * "change", …}}: the paper form of several kinds, its own among them. */
static int load_serves(ctx *c, const json *sv, tpl_form *f)
{
	if (!sv)
		return 0;
	c->at = sv;
	f->serve_field = opt_str(sv, "field");
	const tpl_field *fd = f->serve_field ? form_field(f, f->serve_field) : NULL;
	const json *ks = json_get(sv, "kinds");
	if (!fd || fd->type != F_CHOICE || !ks || !ks->n)
		return bad(c, "serves 应为 {\"field\": 本表的单选字段, \"kinds\": {选项: 申请种类, …}}");
	int own = 0;
	for (int i = 0; i < ks->n; i++) {
		const json *k = ks->kids[i];
		int known = 0;
		for (int j = 0; j < fd->nchoices; j++)
			known |= !strcmp(fd->choices[j].value, k->key);
		if (!known || !kind_known(k->text) || !strcmp(k->text, KIND_FORECAST)) {
			char m[256];
			snprintf(m, sizeof m, "serves.kinds 的“%s”: “%s”应为字段 %s 的选项对应 apply、change、terminate 或 renew",
				 k->key, k->text, fd->id);
			return bad(c, m);
		}
		f->serve_values = xrealloc(f->serve_values, sizeof *f->serve_values * (size_t)(f->nserve + 1));
		f->serve_kinds = xrealloc(f->serve_kinds, sizeof *f->serve_kinds * (size_t)(f->nserve + 1));
		f->serve_values[f->nserve] = xstrdup(k->key);
		f->serve_kinds[f->nserve++] = xstrdup(k->text);
		own |= !strcmp(k->text, f->kind);
	}
	if (!own)
		return bad(c, "serves.kinds 应包括本表自己的 kind");
	return 0;
}

static int load_form(ctx *c, const json *o, tpl_form *f)
{
	int fail = 0, fcap = 0;
	c->at = o;
	f->kind = req_str(c, o, "kind", &fail);
	f->title = req_str(c, o, "title", &fail);
	if (fail)
		return -1;
	snprintf(c->where, sizeof c->where, "表单 %s：", f->kind);
	if (!kind_known(f->kind))
		return bad(c, "kind 应为 apply、change、terminate 或 renew");
	f->landscape = json_bool(o, "landscape", 0);
	const json *secs = json_get(o, "sections");
	if (!secs || secs->type != J_ARRAY || secs->n == 0)
		return bad(c, "缺少 sections");
	f->sections = xcalloc((size_t)secs->n, sizeof *f->sections);
	f->nsections = secs->n;
	for (int i = 0; i < secs->n; i++) {
		const json *s = secs->kids[i];
		tpl_section *sec = &f->sections[i];
		sec->table = -1;
		c->at = s;
		snprintf(c->where, sizeof c->where, "表单 %s 第 %d 节：", f->kind, i + 1);
		sec->title = req_str(c, s, "title", &fail);
		if (fail)
			return -1;
		sec->text = opt_str(s, "text");
		sec->appendix = json_bool(s, "appendix", 0) && i > 0;
		load_strings(json_get(s, "sign"), &sec->signs, &sec->nsigns);
		sec->signs_side = json_bool(s, "sign_side", 0);
		sec->first_field = f->nfields;
		const json *tb = json_get(s, "table");
		if (json_get(s, "fields")) {
			if (load_fields(c, json_get(s, "fields"), &f->fields, &f->nfields, &fcap, i))
				return -1;
		} else if (tb) {
			if (tb->type != J_OBJECT)
				return bad(c, "table 应为对象");
			f->tables = xrealloc(f->tables, sizeof *f->tables * (size_t)(f->ntables + 1));
			tpl_table *t = &f->tables[f->ntables];
			memset(t, 0, sizeof *t);
			sec->table = f->ntables++;
			t->section = i;
			t->title = xstrdup(sec->title);
			t->id = req_str(c, tb, "id", &fail);
			if (fail)
				return -1;
			if (!valid_id(t->id))
				return bad(c, "表格 id 只能用小写字母、数字和下划线");
			t->min_rows = (int)json_int(tb, "min_rows", 0);
			t->max_rows = (int)json_int(tb, "max_rows", 500);
			int ccap = 0;
			size_t wl = strlen(c->where);
			snprintf(c->where + wl, sizeof c->where - wl, "表格 %s ", t->id);
			if (load_fields(c, json_get(tb, "columns"), &t->cols, &t->ncols, &ccap, i))
				return -1;
			if (t->ncols == 0)
				return bad(c, "表格没有列");
			const json *dl = json_get(tb, "delta");
			if (dl) {
				t->delta_op = req_str(c, dl, "op", &fail);
				t->delta_key = req_str(c, dl, "key", &fail);
				t->delta_add = req_str(c, dl, "add", &fail);
				t->delta_update = req_str(c, dl, "update", &fail);
				t->delta_remove = req_str(c, dl, "remove", &fail);
				if (fail)
					return -1;
				if (!table_col(t, t->delta_op) || !table_col(t, t->delta_key))
					return bad(c, "delta 的 op、key 应为本表格的列");
			}
			if (load_checks(c, json_get(tb, "checks"), &t->checks, &t->nchecks) ||
			    resolve_rules(c, t->cols, t->ncols, t->checks, t->nchecks))
				return -1;
		} else if (!sec->text) {
			return bad(c, "一节应有 fields、table 或 text 之一");
		}
		sec->nfields = f->nfields - sec->first_field;
	}
	/* Field and table ids share one namespace in the stored JSON. */
	c->at = o;
	snprintf(c->where, sizeof c->where, "表单 %s：", f->kind);
	for (int i = 0; i < f->ntables; i++) {
		if (form_field(f, f->tables[i].id))
			return bad(c, "表格 id 与字段 id 重复");
		for (int j = 0; j < i; j++)
			if (!strcmp(f->tables[i].id, f->tables[j].id))
				return bad(c, "表格 id 重复");
	}
	if (!form_mapped(f, M_UNIT))
		return bad(c, "必须有一个 maps 为 unit 的字段（申请单位）");
	if (load_serves(c, json_get(o, "serves"), f))
		return -1;
	if (load_checks(c, json_get(o, "checks"), &f->checks, &f->nchecks))
		return -1;
	c->at = o;
	if (resolve_rules(c, f->fields, f->nfields, f->checks, f->nchecks))
		return -1;
	const json *mats = json_get(o, "materials");
	for (int i = 0; mats && i < mats->n; i++) {
		const json *m = mats->kids[i];
		c->at = m;
		f->materials = xrealloc(f->materials, sizeof *f->materials * (size_t)(f->nmaterials + 1));
		tpl_material *mt = &f->materials[f->nmaterials++];
		memset(mt, 0, sizeof *mt);
		mt->f.id = req_str(c, m, "id", &fail);
		mt->f.label = req_str(c, m, "label", &fail);
		if (fail)
			return -1;
		if (!valid_id(mt->f.id))
			return bad(c, "材料的 id 只能用小写字母、数字和下划线");
		for (int j = 0; j < f->nmaterials - 1; j++)
			if (!strcmp(f->materials[j].f.id, mt->f.id))
				return bad(c, "材料 id 重复");
		mt->f.type = F_BOOL;
		mt->f.help = opt_str(m, "note");
		mt->f.required = json_bool(m, "required", 1);
		if (mt->f.required)
			mt->f.must_be = xstrdup("是");
		const json *w = json_get(m, "when");
		if (w) {
			mt->when_field = opt_str(w, "field");
			const json *in = json_get(w, "in");
			if (!mt->when_field || !form_field(f, mt->when_field) || !in || !in->n)
				return bad(c, "材料的 when 应为 {\"field\": 本表单的字段, \"in\": [值…]}");
			mt->when_in = xcalloc((size_t)in->n, sizeof *mt->when_in);
			for (int k = 0; k < in->n; k++)
				mt->when_in[mt->nwhen_in++] = xstrdup(in->kids[k]->text);
		}
	}
	const json *sigs = json_get(o, "signatures");
	if (sigs && sigs->type == J_ARRAY) {
		f->sigs = xcalloc((size_t)sigs->n + 1, sizeof *f->sigs);
		for (int i = 0; i < sigs->n; i++) {
			f->sigs[i].step = req_str(c, sigs->kids[i], "step", &fail);
			f->sigs[i].label = req_str(c, sigs->kids[i], "label", &fail);
			f->nsigs++;
			if (fail)
				return -1;
		}
	}
	const json *notes = json_get(o, "notes");
	if (notes && notes->type == J_ARRAY) {
		f->notes = xcalloc((size_t)notes->n + 1, sizeof *f->notes);
		for (int i = 0; i < notes->n; i++)
			if (notes->kids[i]->type == J_TEXT)
				f->notes[f->nnotes++] = xstrdup(notes->kids[i]->text);
	}
	return 0;
}

static void free_form(tpl_form *f)
{
	xfree(f->kind); xfree(f->title); xfree(f->serve_field);
	for (int i = 0; i < f->nserve; i++) {
		xfree(f->serve_values[i]);
		xfree(f->serve_kinds[i]);
	}
	xfree(f->serve_values);
	xfree(f->serve_kinds);
	for (int i = 0; i < f->nsections; i++) {
		xfree(f->sections[i].title);
		xfree(f->sections[i].text);
		for (int j = 0; j < f->sections[i].nsigns; j++)
			xfree(f->sections[i].signs[j]);
		xfree(f->sections[i].signs);
	}
	xfree(f->sections);
	for (int i = 0; i < f->nfields; i++)
		template_free_field(&f->fields[i]);
	xfree(f->fields);
	for (int i = 0; i < f->ntables; i++) {
		for (int j = 0; j < f->tables[i].ncols; j++)
			template_free_field(&f->tables[i].cols[j]);
		xfree(f->tables[i].cols);
		xfree(f->tables[i].id);
		xfree(f->tables[i].title);
		xfree(f->tables[i].delta_op);
		xfree(f->tables[i].delta_key);
		xfree(f->tables[i].delta_add);
		xfree(f->tables[i].delta_update);
		xfree(f->tables[i].delta_remove);
		free_checks(f->tables[i].checks, f->tables[i].nchecks);
	}
	free_checks(f->checks, f->nchecks);
	for (int i = 0; i < f->nmaterials; i++) {
		template_free_field(&f->materials[i].f);
		xfree(f->materials[i].when_field);
		for (int k = 0; k < f->materials[i].nwhen_in; k++)
			xfree(f->materials[i].when_in[k]);
		xfree(f->materials[i].when_in);
	}
	xfree(f->materials);
	xfree(f->tables);
	for (int i = 0; i < f->nsigs; i++) {
		xfree(f->sigs[i].step);
		xfree(f->sigs[i].label);
	}
	xfree(f->sigs);
	for (int i = 0; i < f->nnotes; i++)
		xfree(f->notes[i]);
	xfree(f->notes);
}

static int load_deadline(ctx *c, const json *d, tpl_step *s)
{
	s->dl_n = -1;
	if (!d)
		return 0;
	const json *n = json_get(d, "n");
	if (!n || n->type != J_INT || n->i < 0 || n->i > 3650)
		return bad(c, "deadline.n 应为 0-3650 的整数");
	s->dl_n = (int)n->i;
	const char *u = json_str(d, "unit", "wd");
	if (strcmp(u, "wd") && strcmp(u, "cd"))
		return bad(c, "deadline.unit 应为 wd（工作日）或 cd（日历日）");
	s->dl_calendar = !strcmp(u, "cd");
	const char *from = json_str(d, "from", NULL);
	s->dl_from = from && strcmp(from, "start") ? xstrdup(from) : NULL;
	s->dl_field = opt_str(d, "field");
	return 0;
}

static int load_step(ctx *c, const json *o, tpl_step *s)
{
	int fail = 0;
	c->at = o;
	s->id = req_str(c, o, "id", &fail);
	if (fail)
		return -1;
	size_t wl = strlen(c->where);
	snprintf(c->where + wl, sizeof c->where - wl, "环节 %s：", s->id);
	s->name = req_str(c, o, "name", &fail);
	s->role = req_str(c, o, "role", &fail);
	if (fail)
		return -1;
	if (!role_known(s->role))
		return bad(c, "未知角色（应为 clerk、acceptor、reviewer、supervisor、county、leader、ops、expert、admin 之一）");
	s->article = opt_str(o, "article");
	s->review = json_bool(o, "review", 0);
	const json *when = json_get(o, "when");
	if (when) {
		const char *m = json_str(when, "filled", NULL);
		int mi = m ? parse_maps(m) : -1;
		if (mi <= 0) {
			c->at = at_key(o, "when");
			return bad(c, "when 应为 {\"filled\": 映射名}（如 county）");
		}
		s->when_filled = (enum field_maps)mi;
		const json *ex = json_get(when, "except");
		for (int i = 0; ex && i < ex->n; i++) {
			s->when_except = xrealloc(s->when_except, sizeof *s->when_except * (size_t)(s->nwhen_except + 1));
			s->when_except[s->nwhen_except++] = xstrdup(ex->kids[i]->text);
		}
	}
	if (load_deadline(c, json_get(o, "deadline"), s))
		return -1;
	s->materials = json_bool(o, "materials", 0);
	s->approves = json_bool(o, "approves", 0);
	s->ledger = json_bool(o, "ledger", 0);
	const json *sf = json_get(o, "fields");
	for (int i = 0; sf && i < sf->n; i++) {
		s->fields = xrealloc(s->fields, sizeof *s->fields * (size_t)(s->nfields + 1));
		tpl_field *f = &s->fields[s->nfields++];
		memset(f, 0, sizeof *f);
		if (load_field(c, sf->kids[i], f))
			return -1;
		for (int j = 0; j < s->nfields - 1; j++)
			if (!strcmp(s->fields[j].id, f->id))
				return bad(c, "环节记录的字段 id 重复");
	}
	c->at = o;
	s->need = 1;
	const json *sg = json_get(o, "signers");
	if (sg) {
		const json *n = json_get(sg, "need");
		c->at = sg;
		if (n && n->type == J_TEXT && !strcmp(n->text, "all"))
			s->need = 0;
		else if (n && n->type == J_INT && n->i >= 1 && n->i <= 50)
			s->need = (int)n->i;
		else
			return bad(c, "signers 应为 {\"need\": 人数（1 至 50）} 或 {\"need\": \"all\"}（该角色的每一位）");
		c->at = o;
	}
	s->on_demand = json_bool(o, "on_demand", 0);
	load_strings(json_get(o, "phrases"), &s->phrases, &s->nphrases);
	s->phrases_only = json_bool(o, "phrases_only", 0);
	if (s->phrases_only && !s->nphrases)
		return bad(c, "phrases_only 须和 phrases（可选的意见）一起给出");
	for (int i = 0; i < s->nphrases; i++) {
		char m[160];
		if (!*s->phrases[i] || text_check(s->phrases[i], 1, m, sizeof m) || text_chars(s->phrases[i]) > 200) {
			snprintf(m, sizeof m, "phrases 第 %d 条应为 1 至 200 个字的文字", i + 1);
			return bad(c, m);
		}
	}
	const json *pp = json_get(o, "paper");
	if (pp) {
		c->at = pp;
		s->paper_title = req_str(c, pp, "title", &fail);
		if (fail)
			return -1;
		s->paper_text = opt_str(pp, "text");
		load_strings(json_get(pp, "sign"), &s->paper_signs, &s->npaper_signs);
		c->at = o;
	}
	s->nb_n = -1;
	const json *nb = json_get(o, "not_before");
	if (nb) {
		const json *n = json_get(nb, "n");
		const char *u = json_str(nb, "unit", "cd");
		if (!n || n->type != J_INT || n->i < 1 || n->i > 3650 || (strcmp(u, "wd") && strcmp(u, "cd")))
			return bad(c, "not_before 应为 {\"n\": 天数, \"unit\": \"cd\" 或 \"wd\"}");
		s->nb_n = (int)n->i;
		s->nb_calendar = !strcmp(u, "cd");
	}
	const json *acts = json_get(o, "actions");
	if (!acts || acts->type != J_ARRAY || acts->n == 0)
		return bad(c, "缺少 actions");
	s->actions = xcalloc((size_t)acts->n, sizeof *s->actions);
	for (int i = 0; i < acts->n; i++) {
		const json *a = acts->kids[i];
		tpl_action *ac = &s->actions[i];
		s->nactions++;
		c->at = a;
		ac->id = req_str(c, a, "id", &fail);
		ac->label = req_str(c, a, "label", &fail);
		if (fail)
			return -1;
		if (!strcmp(ac->id, "submit") || !strcmp(ac->id, "withdraw"))
			return bad(c, "动作 id submit、withdraw 保留给录入员");
		const char *to = json_str(a, "to", "next");
		if (!strcmp(to, "next")) ac->to = TO_NEXT;
		else if (!strcmp(to, "done")) ac->to = TO_DONE;
		else if (!strcmp(to, "return")) ac->to = TO_RETURN;
		else if (!strcmp(to, "reject")) ac->to = TO_REJECT;
		else if (!strcmp(to, "extend")) {
			ac->to = TO_EXTEND;
			const json *e = json_get(a, "extend");
			ac->ext_n = (int)json_int(e, "n", 0);
			ac->ext_calendar = e && !strcmp(json_str(e, "unit", "wd"), "cd");
			if (ac->ext_n <= 0)
				return bad(c, "extend 动作需要 extend.n");
		} else {
			ac->to = TO_STEP;
			ac->to_step = xstrdup(to);
		}
		ac->resume = json_bool(a, "resume", 0);
		if (ac->resume && ac->to != TO_RETURN && ac->to != TO_STEP) {
			c->at = at_key(a, "resume");
			return bad(c, "resume 只用于退回（to 为 return 或某个环节）的动作");
		}
		const char *op = json_str(a, "opinion", NULL);
		if (op && strcmp(op, "required") && strcmp(op, "optional")) {
			c->at = at_key(a, "opinion");
			return bad(c, "opinion 应为 \"required\"（必须写意见）或 \"optional\"（可不写）");
		}
		ac->opinion_required = op && !strcmp(op, "required");
		for (int j = 0; j < i; j++)
			if (!strcmp(s->actions[j].id, ac->id))
				return bad(c, "动作 id 重复");
	}
	c->where[wl] = '\0';
	return 0;
}

static void free_flow(tpl_flow *f)
{
	xfree(f->kind); xfree(f->label); xfree(f->done);
	for (int i = 0; i < f->nsteps; i++) {
		tpl_step *s = &f->steps[i];
		xfree(s->id); xfree(s->name); xfree(s->role); xfree(s->article); xfree(s->dl_from); xfree(s->dl_field);
		xfree(s->paper_title); xfree(s->paper_text);
		for (int j = 0; j < s->npaper_signs; j++)
			xfree(s->paper_signs[j]);
		xfree(s->paper_signs);
		for (int j = 0; j < s->nphrases; j++)
			xfree(s->phrases[j]);
		xfree(s->phrases);
		for (int j = 0; j < s->nfields; j++)
			template_free_field(&s->fields[j]);
		xfree(s->fields);
		for (int j = 0; j < s->nwhen_except; j++)
			xfree(s->when_except[j]);
		xfree(s->when_except);
		for (int j = 0; j < s->nactions; j++) {
			xfree(s->actions[j].id);
			xfree(s->actions[j].label);
			xfree(s->actions[j].to_step);
		}
		xfree(s->actions);
	}
	xfree(f->steps);
}

static int load_flow(ctx *c, const json *o, tpl_flow *f)
{
	f->kind = xstrdup(o->key);
	c->at = o;
	snprintf(c->where, sizeof c->where, "流程 %s：", f->kind);
	if (!kind_known(f->kind))
		return bad(c, "流程名应为 apply、change、terminate、renew 或 forecast");
	f->label = xstrdup(json_str(o, "label", kind_label(f->kind)));
	f->done = xstrdup(json_str(o, "done", "已办结"));
	const json *steps = json_get(o, "steps");
	if (!steps || steps->type != J_ARRAY || steps->n == 0)
		return bad(c, "缺少 steps");
	f->steps = xcalloc((size_t)steps->n, sizeof *f->steps);
	for (int i = 0; i < steps->n; i++) {
		f->nsteps++;
		if (load_step(c, steps->kids[i], &f->steps[i]))
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(f->steps[j].id, f->steps[i].id))
				return bad(c, "环节 id 重复");
	}
	/* References to other steps must resolve. */
	for (int i = 0; i < f->nsteps; i++) {
		tpl_step *s = &f->steps[i];
		snprintf(c->where, sizeof c->where, "流程 %s 环节 %s：", f->kind, s->id);
		if (s->dl_from && strcmp(s->dl_from, "submit") && !flow_step(f, s->dl_from))
			return bad(c, "deadline.from 指向不存在的环节");
		for (int j = 0; j < s->nactions; j++)
			if (s->actions[j].to == TO_STEP && !flow_step(f, s->actions[j].to_step))
				return bad(c, "动作的 to 指向不存在的环节");
		/* A step only entered on demand needs an action that names it. */
		int named = 0;
		for (int k = 0; s->on_demand && k < f->nsteps; k++)
			for (int j = 0; j < f->steps[k].nactions; j++)
				named |= f->steps[k].actions[j].to == TO_STEP && !strcmp(f->steps[k].actions[j].to_step, s->id);
		if (s->on_demand && !named)
			return bad(c, "on_demand 的环节须有某个动作以 to 指向它，否则永远到不了");
	}
	return 0;
}

/* A 文号 format: {year}, and {seq} or {seq:0N} exactly once, so no two
 * applications get the same number. */
static int docno_check(const char *fmt, ctx *c)
{
	int seqs = 0;
	for (const char *p = fmt; (p = strchr(p, '{')); p++) {
		if (!strncmp(p, "{year}", 6))
			continue;
		if (!strncmp(p, "{seq}", 5) || (!strncmp(p, "{seq:0", 6) && p[6] >= '1' && p[6] <= '9' && p[7] == '}')) {
			seqs++;
			continue;
		}
		char m[200];
		snprintf(m, sizeof m, "docno 中的“%.*s”不认识（可用 {year}、{seq}、{seq:03} 等）", (int)strcspn(p, "}") + 1, p);
		return bad(c, m);
	}
	if (seqs != 1)
		return bad(c, seqs ? "docno 只能有一个 {seq}" : "docno 缺少 {seq}（序号），否则每件申请的文号都一样");
	return 0;
}

/* Pools per network zone: capacity.zone names a column of the apply
 * form's resource tables whose choices are the zones' names. */
static int load_zones(ctx *c, template *t, const json *cap, const json *zs)
{
	snprintf(c->where, sizeof c->where, "capacity：");
	c->at = at_key(cap, "zone");
	const char *col = json_str(cap, "zone", NULL);
	const tpl_form *f = template_form(t, KIND_APPLY);
	const tpl_field *zc = NULL;
	for (int i = 0; col && f && i < f->ntables; i++)
		if (!zc)
			zc = table_col(&f->tables[i], col);
	if (!zc || zc->type != F_CHOICE)
		return bad(c, "zone 应为申请表资源表格中的单选列（各行的网络区域）");
	t->cap_zone_col = xstrdup(col);
	t->cap_zones = xcalloc((size_t)zs->n + 1, sizeof *t->cap_zones);
	for (int i = 0; i < zs->n; i++) {
		const json *z = zs->kids[i];
		struct tpl_zone *tz = &t->cap_zones[t->ncap_zones];
		int fail = 0;
		c->at = z;
		tz->name = req_str(c, z, "name", &fail);
		if (fail)
			return -1;
		t->ncap_zones++;
		int known = 0;
		for (int k = 0; k < zc->nchoices; k++)
			known |= !strcmp(zc->choices[k].value, tz->name);
		if (!known)
			return bad(c, "zones 的 name 应为 zone 列的选项之一");
		tz->vcpu = json_int(z, "vcpu", 0);
		tz->mem_gb = json_int(z, "mem_gb", 0);
		tz->storage_gb = json_int(z, "storage_gb", 0);
	}
	if (t->ncap_zones > CAP_ZONES)
		return bad(c, "zones 最多 8 个");
	c->at = NULL;
	c->where[0] = '\0';
	return 0;
}

/* The file's text: its digest, and its tree for template_build. */
json *template_read(const char *path, char *digest, ys_err *err)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len;
	char *text = file_read(path, 16 << 20, &len, err);
	if (!text)
		return NULL;
	json *root = json_parse(text, err);
	digest[0] = '\0';
	sm3_ctx *h = sm3_begin();
	if (h) {
		sm3_add(h, text, len);
		sm3_end(h, digest);
	}
	xfree(text);
	if (!root)
		err_prefix(err, "模板 %s：", base);
	return root;
}

template *template_load(const char *path, ys_err *err)
{
	char digest[SM3_HEX];
	json *root = template_read(path, digest, err);
	template *t = root ? template_build(path, root, digest, err) : NULL;
	json_free(root);
	return t;
}

template *template_build(const char *path, const json *root, const char *digest, ys_err *err)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	ctx c = { .file = base, .err = err };
	template *t = xcalloc(1, sizeof *t);
	t->path = xstrdup(path);
	snprintf(t->digest, sizeof t->digest, "%s", digest);
	int fail = 0;
	if (template_check_schema(root, base, err))
		goto fail;
	t->id = req_str(&c, root, "id", &fail);
	t->name = req_str(&c, root, "name", &fail);
	if (fail)
		goto fail;
	t->authority = xstrdup(json_str(root, "authority", t->name));
	t->regulation = xstrdup(json_str(root, "regulation", ""));
	/* 文号: absent is the default format, false is none (the paper has
	 * none); a format numbers each application by {seq}. */
	const json *dn = json_get(root, "docno");
	if (!dn || dn->type == J_TEXT)
		t->docno = xstrdup(dn ? dn->text : "{year}-{seq:04}");
	c.at = dn;
	if (dn && dn->type == J_TRUE) {
		bad(&c, "docno 应为文号格式（如 \"泰政云审〔{year}〕{seq:03}号\"）或 false（无文号）");
		goto fail;
	}
	if (t->docno && docno_check(t->docno, &c))
		goto fail;
	c.at = NULL;
	if (!valid_id(t->id)) {
		bad(&c, "id 只能用小写字母、数字和下划线");
		goto fail;
	}
	const json *forms = json_get(root, "forms");
	if (!forms || forms->type != J_ARRAY || forms->n == 0) {
		bad(&c, "缺少 forms");
		goto fail;
	}
	t->forms = xcalloc((size_t)forms->n, sizeof *t->forms);
	for (int i = 0; i < forms->n; i++) {
		t->nforms++;
		c.where[0] = '\0';
		if (load_form(&c, forms->kids[i], &t->forms[i]))
			goto fail;
	}
	const json *flows = json_get(root, "workflows");
	if (!flows || flows->type != J_OBJECT || flows->n == 0) {
		c.where[0] = '\0';
		bad(&c, "缺少 workflows");
		goto fail;
	}
	t->flows = xcalloc((size_t)flows->n, sizeof *t->flows);
	for (int i = 0; i < flows->n; i++) {
		t->nflows++;
		if (load_flow(&c, flows->kids[i], &t->flows[i]))
			goto fail;
	}
	/* Every form needs a workflow to travel, and signatures name real steps. */
	for (int i = 0; i < t->nforms; i++) {
		const tpl_form *f = &t->forms[i];
		const tpl_flow *fl = template_flow(t, f->kind);
		snprintf(c.where, sizeof c.where, "表单 %s：", f->kind);
		if (!fl) {
			bad(&c, "没有同名的流程");
			goto fail;
		}
		/* A form serving several kinds: each has its flow and no other
		 * form; a signature box names a step of one of them. */
		for (int k = 0; k < f->nserve; k++) {
			int twice = 0;
			for (int g = 0; g < t->nforms; g++)
				twice |= g != i && (!strcmp(t->forms[g].kind, f->serve_kinds[k]) ||
						    form_serve_value(&t->forms[g], f->serve_kinds[k]));
			if (twice || !template_flow(t, f->serve_kinds[k])) {
				bad(&c, twice ? "serves 的申请种类另有表单" : "serves 的申请种类没有同名的流程");
				goto fail;
			}
		}
		for (int j = 0; j < f->nsigs; j++) {
			int found = flow_step(fl, f->sigs[j].step) != NULL;
			for (int k = 0; k < f->nserve && !found; k++)
				found = flow_step(template_flow(t, f->serve_kinds[k]), f->sigs[j].step) != NULL;
			if (!found) {
				bad(&c, "签字栏指向不存在的环节");
				goto fail;
			}
		}
		/* A follow-up's value that applies to the original lands on a
		 * field of the same type there. */
		const tpl_form *orig = template_form(t, KIND_APPLY);
		for (int j = 0; j < f->nfields; j++) {
			const tpl_field *fd = &f->fields[j];
			if (!fd->applies)
				continue;
			const tpl_field *to = orig && (f != orig || form_serve_value(f, KIND_CHANGE)) ?
					      form_field(orig, fd->applies) : NULL;
			snprintf(c.where, sizeof c.where, "表单 %s：字段 %s：", f->kind, fd->id);
			if (!to || to->type != fd->type) {
				bad(&c, "applies 应指向申请表中同类型的字段");
				goto fail;
			}
		}
	}
	const json *cat = json_get(root, "catalogue");
	if (cat && cat->type == J_ARRAY) {
		t->catalogue = xcalloc((size_t)cat->n + 1, sizeof *t->catalogue);
		c.where[0] = '\0';
		for (int i = 0; i < cat->n; i++) {
			tpl_item *it = &t->catalogue[i];
			const json *k = cat->kids[i];
			it->id = req_str(&c, k, "id", &fail);
			it->name = req_str(&c, k, "name", &fail);
			it->unit = xstrdup(json_str(k, "unit", ""));
			const json *p = json_get(k, "price");
			it->price = p && (p->type == J_INT || p->type == J_REAL) ? p->r : 0;
			t->ncatalogue++;
			if (fail)
				goto fail;
		}
	}
	const json *cap = json_get(root, "capacity");
	if (cap) {
		t->cap_vcpu = json_int(cap, "vcpu", 0);
		t->cap_mem_gb = json_int(cap, "mem_gb", 0);
		t->cap_storage_gb = json_int(cap, "storage_gb", 0);
		t->cap_warn_pct = (int)json_int(cap, "warn_pct", 70);
		const json *zs = json_get(cap, "zones");
		if (zs && zs->type == J_ARRAY && load_zones(&c, t, cap, zs))
			goto fail;
	}
	if (template_load_duties(t, root, base, err))
		goto fail;
	/* A deadline taken from the form names a date field of that form. */
	for (int i = 0; i < t->nflows; i++)
		for (int j = 0; j < t->flows[i].nsteps; j++) {
			const tpl_step *sp = &t->flows[i].steps[j];
			const tpl_field *fd = sp->dl_field ? form_field(template_form(t, t->flows[i].kind), sp->dl_field) : NULL;
			c.at = NULL;
			snprintf(c.where, sizeof c.where, "流程 %s 环节 %s：", t->flows[i].kind, sp->id);
			if (sp->dl_field && (!fd || fd->type != F_DATE)) {
				bad(&c, "deadline.field 应为本表单的日期字段");
				goto fail;
			}
			/* A step checking materials has a form that lists them, and
			 * its own fields do not reuse a material's id. */
			const tpl_form *mf = template_form(t, t->flows[i].kind);
			if (sp->materials && (!mf || !mf->nmaterials)) {
				bad(&c, "materials 为 true，但本流程的表单没有 materials（申请材料清单）");
				goto fail;
			}
			for (int k = 0; sp->materials && k < sp->nfields; k++)
				for (int m = 0; m < mf->nmaterials; m++)
					if (!strcmp(sp->fields[k].id, mf->materials[m].f.id)) {
						bad(&c, "环节记录的字段 id 与申请材料的 id 重复");
						goto fail;
					}
			/* A step taken only when a field is filled names a field the form has. */
			const tpl_form *ff = template_form(t, t->flows[i].kind);
			const tpl_field *wf = ff && sp->when_filled ? form_mapped(ff, sp->when_filled) : NULL;
			for (int k = 0; wf && k < sp->nwhen_except; k++) {
				int known = wf->type != F_CHOICE;
				for (int m = 0; !known && m < wf->nchoices; m++)
					known = !strcmp(wf->choices[m].value, sp->when_except[k]);
				if (!known) {
					bad(&c, "when.except 的值应为该字段的选项");
					goto fail;
				}
			}
			if (sp->when_filled && ff && !form_mapped(ff, sp->when_filled)) {
				char m[160];
				snprintf(m, sizeof m, "when.filled 的“%s”不是本流程表单中任何字段的 maps", maps_name(sp->when_filled));
				bad(&c, m);
				goto fail;
			}
		}
	return t;
fail:
	template_free(t);
	return NULL;
}

void template_free(template *t)
{
	if (!t)
		return;
	if (t->mem) {
		arena_free(t->mem);     /* t is in it: all goes at once */
		return;
	}
	for (int i = 0; i < t->nforms; i++)
		free_form(&t->forms[i]);
	xfree(t->forms);
	for (int i = 0; i < t->nflows; i++)
		free_flow(&t->flows[i]);
	xfree(t->flows);
	for (int i = 0; i < t->ncatalogue; i++) {
		xfree(t->catalogue[i].id);
		xfree(t->catalogue[i].name);
		xfree(t->catalogue[i].unit);
	}
	xfree(t->catalogue);
	for (int i = 0; i < t->ncap_zones; i++)
		xfree(t->cap_zones[i].name);
	xfree(t->cap_zones);
	xfree(t->cap_zone_col);
	template_free_duties(t);
	xfree(t->id); xfree(t->name); xfree(t->authority); xfree(t->regulation);
	xfree(t->docno); xfree(t->path);
	xfree(t);
}

static template **reg;
static int nreg;
static tpl_broken *broken;
static int nbroken;

static int by_id(const void *a, const void *b)
{
	return strcmp((*(template *const *)a)->id, (*(template *const *)b)->id);
}

static void add_broken(const char *dir, const char *name, const char *msg, int fallback)
{
	broken = xrealloc(broken, sizeof *broken * (size_t)(nbroken + 1));
	tpl_broken *b = &broken[nbroken++];
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	b->path = xstrdup(path);
	b->id = xstrdup(name);
	b->id[strlen(b->id) - 5] = '\0';
	b->msg = xstrdup(msg);
	b->fallback = fallback;
}

/* One directory: each good template added, or replacing the one of the
 * same id loaded from an earlier directory; each bad one set aside. */
static void load_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") || e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		ys_err err;
		template *t = template_load_cached(path, &err);
		char want[256];
		if (t && (snprintf(want, sizeof want, "%s.json", t->id), strcmp(want, e->d_name))) {
			err_set(&err, "模板 %s：id “%s”与文件名不一致（应为 %s）", e->d_name, t->id, want);
			template_free(t);
			t = NULL;
		}
		if (!t) {
			char id[256];
			snprintf(id, sizeof id, "%.*s", (int)(n - 5), e->d_name);
			add_broken(dir, e->d_name, err.msg, template_find(id) != NULL);
			continue;
		}
		int i = 0;
		while (i < nreg && strcmp(reg[i]->id, t->id))
			i++;
		if (i < nreg) {
			template_free(reg[i]);
		} else {
			reg = xrealloc(reg, sizeof *reg * (size_t)(nreg + 1));
			nreg++;
		}
		reg[i] = t;
	}
	closedir(d);
}

int templates_load_dirs(const char *const *dirs, int ndirs, ys_err *err)
{
	templates_free();
	for (int i = 0; i < ndirs; i++)
		load_dir(dirs[i]);
	/* A broken override seen before its packaged original was loaded. */
	for (int i = 0; i < nbroken; i++)
		broken[i].fallback |= template_find(broken[i].id) != NULL;
	if (nreg == 0) {
		if (nbroken)
			return err_set(err, "没有可用的模板：%s", broken[0].msg);
		return err_set(err, "模板目录 %s 中没有模板", dirs[0]);
	}
	qsort(reg, (size_t)nreg, sizeof *reg, by_id);
	return 0;
}

int templates_load_dir(const char *dir, ys_err *err)
{
	return templates_load_dirs(&dir, 1, err);
}

int templates_broken_count(void) { return nbroken; }
const tpl_broken *templates_broken_at(int i) { return i >= 0 && i < nbroken ? &broken[i] : NULL; }

const template *template_usable(const char *id, ys_err *err)
{
	const template *t = template_find(id);
	const tpl_broken *b = t ? NULL : template_broken(id);
	if (b)
		err_set(err, "模板 %s 未能载入（管理员修好模板文件后即可办理）：%s", id, b->msg);
	else if (!t)
		err_set(err, "模板“%s”不存在（模板目录里缺少 %s.json）", id, id);
	return t;
}

const tpl_broken *template_broken(const char *id)
{
	for (int i = 0; id && i < nbroken; i++)
		if (!strcmp(broken[i].id, id))
			return &broken[i];
	return NULL;
}

int templates_count(void) { return nreg; }
const template *templates_at(int i) { return i >= 0 && i < nreg ? reg[i] : NULL; }

const template *template_find(const char *id)
{
	for (int i = 0; id && i < nreg; i++)
		if (!strcmp(reg[i]->id, id))
			return reg[i];
	return NULL;
}

void templates_unlimit_pools(void)
{
	for (int i = 0; i < nreg; i++) {
		reg[i]->cap_vcpu = reg[i]->cap_mem_gb = reg[i]->cap_storage_gb = 0;
		for (int z = 0; z < reg[i]->ncap_zones; z++)
			reg[i]->cap_zones[z].vcpu = reg[i]->cap_zones[z].mem_gb = reg[i]->cap_zones[z].storage_gb = 0;
	}
}

void templates_free(void)
{
	for (int i = 0; i < nreg; i++)
		template_free(reg[i]);
	xfree(reg);
	reg = NULL;
	nreg = 0;
	for (int i = 0; i < nbroken; i++) {
		xfree(broken[i].path);
		xfree(broken[i].id);
		xfree(broken[i].msg);
	}
	xfree(broken);
	broken = NULL;
	nbroken = 0;
}

const tpl_duty *template_duty(const template *t, const char *id)
{
	for (int i = 0; t && id && i < t->nduties; i++)
		if (!strcmp(t->duties[i].id, id))
			return &t->duties[i];
	return NULL;
}

const tpl_form *template_form(const template *t, const char *kind)
{
	for (int i = 0; t && i < t->nforms; i++)
		if (!strcmp(t->forms[i].kind, kind) || form_serve_value(&t->forms[i], kind))
			return &t->forms[i];
	return NULL;
}

const char *form_serve_value(const tpl_form *f, const char *kind)
{
	for (int i = 0; kind && i < f->nserve; i++)
		if (!strcmp(f->serve_kinds[i], kind))
			return f->serve_values[i];
	return NULL;
}

const char *form_serve_kind(const tpl_form *f, const char *value)
{
	for (int i = 0; value && i < f->nserve; i++)
		if (!strcmp(f->serve_values[i], value))
			return f->serve_kinds[i];
	return NULL;
}

const tpl_flow *template_flow(const template *t, const char *kind)
{
	for (int i = 0; t && i < t->nflows; i++)
		if (!strcmp(t->flows[i].kind, kind))
			return &t->flows[i];
	return NULL;
}

int flow_step_index(const tpl_flow *f, const char *id)
{
	for (int i = 0; f && id && i < f->nsteps; i++)
		if (!strcmp(f->steps[i].id, id))
			return i;
	return -1;
}

const tpl_step *flow_step(const tpl_flow *f, const char *id)
{
	int i = flow_step_index(f, id);
	return i < 0 ? NULL : &f->steps[i];
}

const tpl_field *form_field(const tpl_form *f, const char *id)
{
	for (int i = 0; i < f->nfields; i++)
		if (!strcmp(f->fields[i].id, id))
			return &f->fields[i];
	return NULL;
}

const tpl_table *form_table(const tpl_form *f, const char *id)
{
	for (int i = 0; i < f->ntables; i++)
		if (!strcmp(f->tables[i].id, id))
			return &f->tables[i];
	return NULL;
}

const tpl_field *table_col(const tpl_table *t, const char *id)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].id, id))
			return &t->cols[i];
	return NULL;
}

const tpl_field *form_mapped(const tpl_form *f, enum field_maps m)
{
	for (int i = 0; i < f->nfields; i++)
		if (f->fields[i].maps == m)
			return &f->fields[i];
	return NULL;
}
