/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "search.h"
#include "text.h"
#include "template.h"
#include "workdays.h"

void apps_read_row(sqlite3_stmt *st, app_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->parent_id = sqlite3_column_int64(st, 1);
	store_text_copy(st, 2, r->template, sizeof r->template);
	store_text_copy(st, 3, r->kind, sizeof r->kind);
	store_text_copy(st, 4, r->docno, sizeof r->docno);
	store_text_copy(st, 5, r->unit, sizeof r->unit);
	store_text_copy(st, 6, r->county, sizeof r->county);
	store_text_copy(st, 7, r->supervisor, sizeof r->supervisor);
	store_text_copy(st, 8, r->system, sizeof r->system);
	store_text_copy(st, 9, r->status, sizeof r->status);
	store_text_copy(st, 10, r->step, sizeof r->step);
	store_text_copy(st, 11, r->role, sizeof r->role);
	store_text_copy(st, 12, r->step_since, sizeof r->step_since);
	store_text_copy(st, 13, r->deadline, sizeof r->deadline);
	store_text_copy(st, 14, r->submitted_at, sizeof r->submitted_at);
	store_text_copy(st, 15, r->created_at, sizeof r->created_at);
	store_text_copy(st, 16, r->updated_at, sizeof r->updated_at);
	store_text_copy(st, 17, r->done_at, sizeof r->done_at);
	store_text_copy(st, 18, r->created_by, sizeof r->created_by);
	r->round = sqlite3_column_int(st, 19);
	r->totals.hosts = sqlite3_column_int64(st, 20);
	r->totals.vcpu = sqlite3_column_int64(st, 21);
	r->totals.mem_gb = sqlite3_column_int64(st, 22);
	r->totals.storage_gb = sqlite3_column_int64(st, 23);
	r->totals.bandwidth = sqlite3_column_int64(st, 24);
	r->version = sqlite3_column_int64(st, 25);
	const char *next = (const char *)sqlite3_column_text(st, 26);
	if (next && strlen(next) > 11) {
		snprintf(r->next_due, sizeof r->next_due, "%.10s", next);
		snprintf(r->next_duty, sizeof r->next_duty, "%s", next + 11);
	}
}

static char *data_json(const app_data *d)
{
	buf b = { 0 };
	buf_puts(&b, "{");
	app_to_json(d, &b);
	buf_puts(&b, "}");
	return buf_take(&b);
}

/* The common columns mirror the form so reports and queues need no JSON. */
static void bind_common(sqlite3_stmt *st, const app_data *d, const char *json)
{
	app_totals t;
	app_totals_of(d, &t);
	store_bind_text(st, ":unit", app_mapped(d, M_UNIT));
	store_bind_text(st, ":county", app_mapped(d, M_COUNTY));
	store_bind_text(st, ":supervisor", app_mapped(d, M_SUPERVISOR));
	store_bind_text(st, ":system", app_mapped(d, M_SYSTEM));
	store_bind_int(st, ":hosts", t.hosts);
	store_bind_int(st, ":vcpu", t.vcpu);
	store_bind_int(st, ":mem", t.mem_gb);
	store_bind_int(st, ":storage", t.storage_gb);
	store_bind_int(st, ":bw", t.bandwidth);
	store_bind_text(st, ":data", json);
}

int apps_write_zones(store *s, long long id, const app_data *d, ys_err *err)
{
	const template *t = d->tpl;
	if (!t->ncap_zones)
		return 0;
	sqlite3_stmt *del = store_stmt(s, "DELETE FROM app_zones WHERE app_id = :id", err);
	if (!del)
		return -1;
	store_bind_int(del, ":id", id);
	int rc = sqlite3_step(del);
	sqlite3_reset(del);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "保存资源池份额");
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO app_zones SELECT id, :zone, template, kind, status, "
				      "coalesce(step, ''), :vcpu, :mem, :storage FROM applications WHERE id = :id", err);
	if (!st)
		return -1;
	for (int z = 0; z < t->ncap_zones; z++) {
		app_totals tt;
		app_totals_in(d, t->cap_zone_col, t->cap_zones[z].name, &tt);
		store_bind_int(st, ":id", id);
		store_bind_text(st, ":zone", t->cap_zones[z].name);
		store_bind_int(st, ":vcpu", tt.vcpu);
		store_bind_int(st, ":mem", tt.mem_gb);
		store_bind_int(st, ":storage", tt.storage_gb);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "保存资源池份额");
	}
	return 0;
}

long long apps_open_followup(store *s, long long parent, const char *kind, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id FROM applications WHERE parent_id=:p AND kind=:k "
				      "AND status IN ('" ST_DRAFT "','" ST_PENDING "','" ST_RETURNED "') LIMIT 1", err);
	if (!st)
		return -1;
	store_bind_int(st, ":p", parent);
	store_bind_text(st, ":k", kind);
	int rc = sqlite3_step(st);
	long long open = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "查询后续申请");
	return open;
}

int apps_create(store *s, const app_data *d, const char *login, const char *now,
		long long parent, long long *id, ys_err *err)
{
	if (app_storable(d, err))
		return -1;
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO applications(unit, county, supervisor, system, hosts, vcpu, mem_gb, storage_gb, "
		"bandwidth, data, template, kind, parent_id, created_at, created_by, updated_at) "
		"VALUES (:unit, :county, :supervisor, :system, :hosts, :vcpu, :mem, :storage, :bw, :data, "
		":template, :kind, NULLIF(:parent, 0), :now, :login, :now)", err);
	if (!st)
		return -1;
	char *json = data_json(d);
	bind_common(st, d, json);
	free(json);
	store_bind_text(st, ":template", d->tpl->id);
	store_bind_text(st, ":kind", d->kind);
	store_bind_int(st, ":parent", parent);
	store_bind_text(st, ":now", now);
	store_bind_text(st, ":login", login);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "新建申请");
	*id = sqlite3_last_insert_rowid(store_db(s));
	if (apps_write_zones(s, *id, d, err))
		return -1;
	app_event e = { .status_to = ST_DRAFT };
	return apps_event(s, *id, now, login, EV_CREATE, &e, err);
}

int apps_set_state(store *s, long long id, const char *status, const char *step, const char *role,
		   const char *since, const char *deadline, int round, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE applications SET status=:status, step=NULLIF(:step,''), role=NULLIF(:role,''), "
		"step_since=NULLIF(:since,''), deadline=NULLIF(:deadline,''), round=:round, updated_at=:now, "
		"done_at=CASE WHEN :status IN ('" ST_DONE "','" ST_REJECTED "','" ST_WITHDRAWN "','" ST_TERMINATED
		"') THEN :now END WHERE id=:id", err);
	if (!st)
		return -1;
	const char *names[] = { ":status", ":step", ":role", ":since", ":deadline", ":now" };
	const char *vals[] = { status, step, role, since, deadline, now };
	for (int i = 0; i < 6; i++)
		store_bind_text(st, names[i], vals[i]);
	store_bind_int(st, ":round", round);
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "更新状态");
}

int apps_set_submitted(store *s, long long id, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE applications SET submitted_at=:now WHERE id=:id", err);
	if (!st)
		return -1;
	store_bind_text(st, ":now", now);
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "提交");
}

int apps_next_docno(store *s, const char *tpl, int year, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO docno_seq(template, year, seq) VALUES (:t, :y, 1) "
				      "ON CONFLICT(template, year) DO UPDATE SET seq=seq+1 RETURNING seq", err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", tpl);
	store_bind_int(st, ":y", year);
	int seq = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return seq ? seq : store_fail(s, err, "分配文号");
}

int apps_set_docno(store *s, long long id, const char *docno, int year, int seq, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE applications SET docno=:d, doc_year=:y, doc_seq=:q "
				      "WHERE id=:id", err);
	if (!st)
		return -1;
	store_bind_text(st, ":d", docno);
	store_bind_int(st, ":y", year);
	store_bind_int(st, ":q", seq);
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "分配文号");
}

int apps_get(store *s, long long id, app_rec *r, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " APPS_COLS " FROM applications WHERE id=:id", err);
	if (!st)
		return -1;
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		apps_read_row(st, r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return err_set(err, "没有编号为 %lld 的申请", id);
	return 0;
}

/* What u may not see is answered as what does not exist: no template,
 * county, status or step of it leaks through a refusal. */
static int hidden(const user *u, const app_rec *r, ys_err *err)
{
	if (u && !user_sees(u, r->template, r->county))
		return err_set(err, "没有编号为 %lld 的申请", r->id);
	return 0;
}

int apps_get_as(store *s, const user *u, long long id, app_rec *r, ys_err *err)
{
	return apps_get(s, id, r, err) || hidden(u, r, err) ? -1 : 0;
}

static int load_data(store *s, const app_rec *r, app_data **data, ys_err *err);

int apps_load_as(store *s, const user *u, long long id, app_rec *r, app_data **data, ys_err *err)
{
	*data = NULL;
	return apps_get_as(s, u, id, r, err) ? -1 : load_data(s, r, data, err);
}

int apps_load(store *s, long long id, app_rec *r, app_data **data, ys_err *err)
{
	*data = NULL;
	return apps_get(s, id, r, err) ? -1 : load_data(s, r, data, err);
}

char *apps_data_text(store *s, long long id, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT data FROM applications WHERE id=:id", err);
	if (!st)
		return NULL;
	store_bind_int(st, ":id", id);
	char *text = sqlite3_step(st) == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(st, 0)) : NULL;
	sqlite3_reset(st);
	if (!text)
		err_set(err, "申请 %lld 不存在", id);
	return text;
}

/* The last form parsed on a connection: one signature loads the same
 * form several times (the step's record, the action, the duties it
 * plans), and parsing is most of a load. Keyed by the stored text itself
 * and the template and kind it was read as, so a hit is what parsing
 * would give; the caller gets its own copy. */
typedef struct parsed {
	char *text;
	const template *tpl;
	char kind[sizeof ((app_rec *)0)->kind];
	app_data *d;
} parsed;

static void parsed_free(void *p)
{
	parsed *m = p;
	free(m->text);
	app_data_free(m->d);
	free(m);
}

/* The form data of a record already read. */
static int load_data(store *s, const app_rec *r, app_data **data, ys_err *err)
{
	*data = NULL;
	char *text = apps_data_text(s, r->id, err);
	if (!text)
		return -1;
	parsed *m = store_memo(s);
	const template *t = template_find(r->template);
	if (m && t && m->tpl == t && !strcmp(m->kind, r->kind) && !strcmp(m->text, text)) {
		free(text);
		*data = app_data_copy(m->d);
		return 0;
	}
	int rc = apps_data_parse(r, text, data, err);    /* fails without t */
	if (rc) {
		free(text);
		return rc;
	}
	m = xcalloc(1, sizeof *m);
	m->text = text;
	m->tpl = t;
	snprintf(m->kind, sizeof m->kind, "%s", r->kind);
	m->d = app_data_copy(*data);
	store_set_memo(s, m, parsed_free);
	return 0;
}

int apps_data_parse(const app_rec *r, const char *text, app_data **data, ys_err *err)
{
	long long id = r->id;
	*data = NULL;
	const template *t = template_usable(r->template, err);
	if (!t)
		return err_prefix(err, "申请 %lld 的", id);
	app_data *d = app_data_new(t, r->kind);
	if (!d)
		return err_set(err, "申请 %lld：模板 %s 没有“%s”表单", id, r->template, r->kind);
	json *j = json_parse(text, err);
	if (!j || app_from_json(d, j, err)) {
		json_free(j);
		app_data_free(d);
		return err_prefix(err, "申请 %lld 的数据：", id);
	}
	json_free(j);
	*data = d;
	return 0;
}

static int edit_event(store *s, long long id, const char *now, const char *login, int round,
		      const char *field, const char *old, const char *new, const char *reason, ys_err *err)
{
	app_event e = { .round = round, .field = field, .old = old, .new = new, .opinion = reason };
	return apps_event(s, id, now, login, EV_EDIT, &e, err);
}

/* Writes the row; the edit events follow, so each leaves the state it
 * records (events.c). */
static int write_row(store *s, long long id, const app_data *d, const char *now, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE applications SET unit=:unit, county=:county, supervisor=:supervisor, system=:system, "
		"hosts=:hosts, vcpu=:vcpu, mem_gb=:mem, storage_gb=:storage, bandwidth=:bw, data=:data, "
		"updated_at=:now, version=version+1 WHERE id=:id", err);
	if (!st)
		return -1;
	char *json = data_json(d);
	bind_common(st, d, json);
	free(json);
	store_bind_text(st, ":now", now);
	store_bind_int(st, ":id", id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? apps_write_zones(s, id, d, err) : store_fail(s, err, "保存申请");
}

int apps_save(store *s, long long id, const app_data *d, const char *login, const char *reason,
	      const char *now, ys_err *err)
{
	app_rec r;
	app_data *old;
	if (app_storable(d, err) || apps_load(s, id, &r, &old, err))
		return -1;
	if (strcmp(old->kind, d->kind) || old->tpl != d->tpl) {
		app_data_free(old);
		return err_set(err, "申请 %lld 的模板或类型不同，不能覆盖", id);
	}
	int rc = write_row(s, id, d, now, err), written = 0;
	if (!rc && strcmp(r.status, ST_DRAFT)) {
		/* Field ids name the change; table cells as table[row].column. */
		const tpl_form *f = d->form;
		for (int i = 0; !rc && i < f->nfields; i++)
			if (strcmp(old->vals[i], d->vals[i]))
				rc = edit_event(s, id, now, login, r.round, f->fields[i].id, old->vals[i],
						d->vals[i], reason, err), written++;
		for (int t = 0; !rc && t < f->ntables; t++) {
			const tpl_table *tt = &f->tables[t];
			int n = d->tables[t].nrows > old->tables[t].nrows ? d->tables[t].nrows : old->tables[t].nrows;
			for (int row = 0; !rc && row < n; row++)
				for (int c = 0; !rc && c < tt->ncols; c++) {
					const char *a = row < old->tables[t].nrows ? app_cell(old, t, row, c) : NULL;
					const char *b = row < d->tables[t].nrows ? app_cell(d, t, row, c) : NULL;
					if (a && b && !strcmp(a, b))
						continue;
					if ((!a || !*a) && (!b || !*b))
						continue;
					char name[160];
					snprintf(name, sizeof name, "%s[%d].%s", tt->id, row + 1, tt->cols[c].id);
					rc = edit_event(s, id, now, login, r.round, name, a, b, reason, err);
					written++;
				}
		}
		/* Only empty rows added or removed: still a change of record. */
		for (int t = 0; !rc && !written && t < f->ntables; t++)
			if (d->tables[t].nrows != old->tables[t].nrows) {
				char name[160], a[16], b[16];
				snprintf(name, sizeof name, "%s（行数）", f->tables[t].id);
				snprintf(a, sizeof a, "%d", old->tables[t].nrows);
				snprintf(b, sizeof b, "%d", d->tables[t].nrows);
				rc = edit_event(s, id, now, login, r.round, name, a, b, reason, err);
				written++;
			}
	}
	app_data_free(old);
	return rc ? -1 : 0;
}

long long apps_drafts_mine(store *s, const char *login, long long *latest)
{
	/* Both from the clerk's part of app_drafts. */
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*), (SELECT id FROM applications WHERE status='" ST_DRAFT
				      "' AND created_by=:login ORDER BY updated_at DESC, id DESC LIMIT 1) "
				      "FROM applications WHERE status='" ST_DRAFT "' AND created_by=:login", NULL);
	*latest = 0;
	if (!st)
		return -1;
	store_bind_text(st, ":login", login);
	long long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		*latest = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return n;
}

/* ---- lists ---- */

typedef struct q {
	buf sql;
	const char *args[256];
	int nargs;
	char pool[USER_MAX_ROLES * 2][128];   /* template parts of scopes */
	int npool;
	char docno_key[1024];           /* the search as a 文号 key (text_docno_key) */
	char match[2048];               /* the search as an index query ("" scan) */
} q;

static void arg(q *x, const char *v)
{
	if (x->nargs < 256)
		x->args[x->nargs++] = v;
	buf_printf(&x->sql, ":p%d", x->nargs);
}

/* One role's scope as SQL: '' all, 'tpl', or 'tpl/county'. Plain
 * equalities, so the planner can use the indexes. */
static void scope_sql(q *x, const user_role *r)
{
	if (!r->scope[0]) {
		buf_puts(&x->sql, "1");
		return;
	}
	const char *slash = strchr(r->scope, '/');
	if (!slash) {
		buf_puts(&x->sql, "template=");
		arg(x, r->scope);
		return;
	}
	char *tpl = x->pool[x->npool < (int)(sizeof x->pool / sizeof x->pool[0]) - 1 ? x->npool++ : x->npool];
	snprintf(tpl, sizeof x->pool[0], "%.*s", (int)(slash - r->scope), r->scope);
	buf_puts(&x->sql, "(template=");
	arg(x, tpl);
	buf_puts(&x->sql, " AND county=");
	arg(x, slash + 1);
	buf_puts(&x->sql, ")");
}

/* " FROM applications" of a statement filtered by f, and f's search
 * through the index (brought up to date first; x->match left "", a scan,
 * when it cannot be). The matches are read through app_search_rows: the
 * planner, left to itself, reads each match's whole row by its number. */
static void from_apps(store *s, q *x, const apps_filter *f)
{
	buf m = { 0 };
	if (f->search && *f->search && !search_sync(s) && !search_match(f->search, f->search_names, &m) && m.len < sizeof x->match)
		memcpy(x->match, m.s, m.len + 1);
	buf_free(&m);
	buf_puts(&x->sql, x->match[0] ? " FROM applications INDEXED BY app_search_rows" : " FROM applications");
}

/* The WHERE clause of filter f; of 我的待办 only the role f->mine->roles[only]
 * when only >= 0. */
static void where_of(q *x, const apps_filter *f, char *today, int only)
{
	buf_puts(&x->sql, " WHERE 1");
	if (f->status) {
		buf_puts(&x->sql, " AND status=");
		arg(x, f->status);
		/* Spelled out so that app_status (every state but pending) may
		 * serve one state's list a page at a time. */
		if (strcmp(f->status, ST_PENDING))
			buf_puts(&x->sql, " AND status<>'" ST_PENDING "'");
	}
	if (f->kind) {
		buf_puts(&x->sql, " AND kind=");
		arg(x, f->kind);
	}
	if (f->parent)
		buf_printf(&x->sql, " AND parent_id=%lld", f->parent);
	if (f->in_service) {
		/* Approved: finished or ended, or on a step that is no review
		 * (provisioning, test, trial, migration) of its template. */
		buf_puts(&x->sql, " AND (status IN ('" ST_DONE "','" ST_TERMINATED "') OR (status='" ST_PENDING "' AND (0");
		for (int i = 0; i < templates_count(); i++) {
			const template *t = templates_at(i);
			for (int k = 0; k < t->nflows; k++)
				for (int j = 0; j < t->flows[k].nsteps; j++)
					if (!t->flows[k].steps[j].review) {
						buf_puts(&x->sql, " OR (template=");
						arg(x, t->id);
						buf_puts(&x->sql, " AND kind=");
						arg(x, t->flows[k].kind);
						buf_puts(&x->sql, " AND step=");
						arg(x, t->flows[k].steps[j].id);
						buf_puts(&x->sql, ")");
					}
		}
		buf_puts(&x->sql, ")))");
	}
	if (f->tpl) {
		buf_puts(&x->sql, " AND template=");
		arg(x, f->tpl);
	}
	if (f->unit) {
		buf_puts(&x->sql, " AND unit=");
		arg(x, f->unit);
	}
	if (f->search && *f->search && x->match[0]) {
		buf_puts(&x->sql, " AND id IN (SELECT rowid FROM app_search WHERE app_search MATCH ");
		arg(x, x->match);
		buf_puts(&x->sql, ")");
	} else if (f->search && *f->search) {
		/* Without the index (only punctuation typed, or it could not
		 * catch up): instr() rather than LIKE, Chinese substrings, no
		 * escaping of % _. */
		buf_puts(&x->sql, " AND (instr(unit,");
		arg(x, f->search);
		buf_puts(&x->sql, ")>0 OR instr(system,");
		arg(x, f->search);
		buf_puts(&x->sql, ")>0 OR instr(COALESCE(docno,''),");
		arg(x, f->search);
		buf_puts(&x->sql, ")>0");
		/* 文号 loosely: (2026) finds 〔2026〕, full-width digits their own */
		char *k = text_docno_key(f->search);
		snprintf(x->docno_key, sizeof x->docno_key, "%s", k);
		free(k);
		if (x->docno_key[0]) {
			buf_puts(&x->sql, " OR instr(ys_docno_key(docno),");
			arg(x, x->docno_key);
			buf_puts(&x->sql, ")>0");
		}
		buf_puts(&x->sql, ")");
	}
	if (f->overdue) {
		buf_puts(&x->sql, " AND status='pending' AND deadline<");
		arg(x, today);
	}
	if (f->mine) {
		/* Roles without a scope go in one IN list, which the partial
		 * index on (role, deadline) serves; scoped roles add ORs. */
		const char *or = "";
		int unscoped = 0;
		buf_puts(&x->sql, " AND status='pending' AND (");
		for (int i = 0; i < f->mine->nroles; i++)
			if ((only < 0 || i == only) && !f->mine->roles[i].scope[0]) {
				buf_puts(&x->sql, unscoped++ ? "," : "role IN (");
				arg(x, f->mine->roles[i].role);
			}
		if (unscoped) {
			buf_puts(&x->sql, ")");
			or = " OR ";
		}
		for (int i = 0; i < f->mine->nroles; i++)
			if ((only < 0 || i == only) && f->mine->roles[i].scope[0]) {
				buf_printf(&x->sql, "%s(role=", or);
				arg(x, f->mine->roles[i].role);
				buf_puts(&x->sql, " AND ");
				scope_sql(x, &f->mine->roles[i]);
				buf_puts(&x->sql, ")");
				or = " OR ";
			}
		if (!*or)
			buf_puts(&x->sql, "0");
		buf_puts(&x->sql, ")");
	}
	if (f->viewer) {
		/* A role without a scope sees everything: no clause at all, so the
		 * planner keeps its indexes. */
		int all = 0;
		for (int i = 0; i < f->viewer->nroles; i++)
			all |= !f->viewer->roles[i].scope[0];
		if (!all) {
			buf_puts(&x->sql, " AND (");
			for (int i = 0; i < f->viewer->nroles; i++) {
				buf_puts(&x->sql, i ? " OR " : "");
				scope_sql(x, &f->viewer->roles[i]);
			}
			buf_puts(&x->sql, f->viewer->nroles ? ")" : "0)");
		}
	}
}

static void where(q *x, const apps_filter *f, char *today)
{
	where_of(x, f, today, -1);
}

static sqlite3_stmt *prepare(store *s, q *x, ys_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(s), x->sql.s, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, "查询申请");
		return NULL;
	}
	for (int i = 0; i < x->nargs; i++) {
		char name[16];
		snprintf(name, sizeof name, ":p%d", i + 1);
		store_bind_text(st, name, x->args[i]);
	}
	return st;
}

/* Runs x (its SQL freed) for its one row: column 0 into *a, and column 1
 * into *b unless b is NULL. */
static int one_row(store *s, q *x, long long *a, long long *b, ys_err *err)
{
	sqlite3_stmt *st = prepare(s, x, err);
	buf_free(&x->sql);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*a = sqlite3_column_int64(st, 0);
		if (b)
			*b = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, err, "查询申请");
}

/* A page of 我的待办 for a login of several roles: each role's pending
 * rows walked in order from its own index (app_role, app_role_scope) only
 * as deep as the page, the walks merged; a single query would sort every
 * row of all the roles first. 0 when it does not fit in x (too many
 * roles and scopes): then the single query. */
static int mine_page(q *x, const apps_filter *f, char *today, const char *dir, const char *idd, int limit,
		     long long offset)
{
	buf_puts(&x->sql, "SELECT " APPS_COLS " FROM applications WHERE id IN (SELECT id FROM (");
	for (int i = 0; i < f->mine->nroles; i++) {
		/* UNION: a role held with and without a scope lists a row twice. */
		buf_printf(&x->sql, "%sSELECT * FROM (SELECT id, deadline IS NULL AS dn, deadline AS dl FROM applications",
			   i ? " UNION " : "");
		where_of(x, f, today, i);
		buf_printf(&x->sql, " ORDER BY deadline IS NULL%s, deadline%s, id%s LIMIT %lld)", dir, dir, idd,
			   offset + limit);
	}
	buf_printf(&x->sql, ") ORDER BY dn%s, dl%s, id%s LIMIT %d OFFSET %lld)", dir, dir, idd, limit, offset);
	buf_printf(&x->sql, " ORDER BY deadline IS NULL%s, deadline%s, id%s", dir, dir, idd);
	return x->nargs < (int)(sizeof x->args / sizeof x->args[0]) &&
	       x->npool < (int)(sizeof x->pool / sizeof x->pool[0]) - 1;
}

int apps_list(store *s, const apps_filter *f, int (*cb)(const app_rec *, void *), void *ctx,
	      ys_err *err)
{
	q x = { 0 };
	char today[11];
	date_iso(f->today, today);
	/* A page in the second half of a list of known length: the same
	 * order backwards (the index walked from its end), then turned. */
	int back = f->limit > 0 && f->total > 0 && f->offset < f->total && (long long)f->offset * 2 > f->total;
	int limit = f->limit;
	long long offset = f->offset;
	if (back) {
		long long end = offset + limit < f->total ? offset + limit : f->total;
		limit = (int)(end - offset);
		offset = f->total - end;
	}
	const char *dir = back ? " DESC" : "", *idd = back ? "" : " DESC";
	int merged = f->mine && f->mine->nroles > 1 && f->limit > 0 && !(f->search && *f->search) &&
		     mine_page(&x, f, today, dir, idd, limit, offset);
	if (!merged) {
		buf_free(&x.sql);
		x = (q){ 0 };
		/* Spelled as the indexes app_order, app_role and app_status
		 * spell it (one state: its first term is the same for all). */
		char order[160];
		if (f->overdue && !f->mine && !f->status)
			/* Every overdue row has a deadline: the same order, spelled
			 * so that app_queue (status, deadline) serves it a page at a
			 * time, each day's rows sorted by number. */
			snprintf(order, sizeof order, " ORDER BY deadline%s, id%s", dir, idd);
		else if (f->mine || f->overdue || f->status)
			snprintf(order, sizeof order, " ORDER BY deadline IS NULL%s, deadline%s, id%s", dir, dir, idd);
		else
			snprintf(order, sizeof order, " ORDER BY status<>'pending'%s, deadline IS NULL%s, deadline%s, id%s",
				 dir, dir, dir, idd);
		/* A page of a search: its matches filtered and ordered from
		 * app_search_rows, only the page's rows read whole (sorting
		 * every match read each match's whole row). */
		int page_first = f->limit > 0 && f->search && *f->search;
		buf_puts(&x.sql, page_first ? "SELECT " APPS_COLS " FROM applications WHERE id IN (SELECT id"
					    : "SELECT " APPS_COLS);
		from_apps(s, &x, f);
		where(&x, f, today);
		buf_puts(&x.sql, order);
		if (f->limit > 0)
			buf_printf(&x.sql, " LIMIT %d OFFSET %lld", limit, offset);
		if (page_first) {
			buf_puts(&x.sql, ")");
			buf_puts(&x.sql, order);
		}
	}
	sqlite3_stmt *st = prepare(s, &x, err);
	buf_free(&x.sql);
	if (!st)
		return -1;
	int rc, n = 0;
	app_rec *rows = back ? xcalloc((size_t)limit, sizeof *rows) : NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		app_rec r;
		if (back && n < limit) {
			apps_read_row(st, &rows[n++]);
			continue;
		}
		apps_read_row(st, &r);
		if (cb(&r, ctx))
			break;
	}
	sqlite3_finalize(st);
	while (n > 0 && !cb(&rows[n - 1], ctx))
		n--;
	free(rows);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "查询申请");
	return 0;
}

int apps_select_temp(store *s, const apps_filter *f, const char *table, const char *order, ys_err *err)
{
	char ddl[256];
	snprintf(ddl, sizeof ddl, "DROP TABLE IF EXISTS temp.%s; CREATE TEMP TABLE %s(pos INTEGER PRIMARY KEY, app INTEGER);",
		 table, table);
	if (store_exec(s, ddl, err))
		return -1;
	q x = { 0 };
	char today[11];
	date_iso(f->today, today);
	buf_printf(&x.sql, "INSERT INTO temp.%s(app) SELECT id", table);
	from_apps(s, &x, f);
	where(&x, f, today);
	buf_printf(&x.sql, " ORDER BY %s", order);
	sqlite3_stmt *st = prepare(s, &x, err);
	buf_free(&x.sql);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "查询申请");
}

/* Whether the kept counts (app_counts, app_due: by status, kind,
 * template, county, role) can answer f: it filters on nothing else. */
static int kept_answers(const apps_filter *f)
{
	return !f->parent && !f->in_service && !f->unit && !(f->search && *f->search);
}

long long apps_count(store *s, const apps_filter *f, ys_err *err)
{
	q x = { 0 };
	char today[11];
	date_iso(f->today, today);
	/* What the kept counts (app_counts, by status, kind, template, county
	 * and role) answer is summed from them; the rest is counted. */
	int kept = kept_answers(f) && !f->overdue;
	if (kept) {
		buf_puts(&x.sql, "SELECT coalesce(sum(n), 0) FROM app_counts");
	} else {
		buf_puts(&x.sql, "SELECT count(*)");
		from_apps(s, &x, f);
	}
	where(&x, f, today);
	long long n;
	return one_row(s, &x, &n, NULL, err) ? -1 : n;
}

/* Of what f selects, those past their deadline and those due today: the
 * months before this one summed from the kept counts (app_due, by the
 * month of the deadline and what the views filter on), this month's days
 * counted from one range of the deadline index and split by whether they
 * are due before today. A filter the counts do not answer is counted from
 * the index alone. */
int apps_count_due(store *s, const apps_filter *f, long long *overdue, long long *today, ys_err *err)
{
	char day[11], tomorrow[11], month[8], first[11];
	date_iso(f->today, day);
	date_iso(f->today + 1, tomorrow);
	snprintf(month, sizeof month, "%.7s", day);
	snprintf(first, sizeof first, "%s-01", month);
	int kept = kept_answers(f) && (!f->status || !strcmp(f->status, ST_PENDING));
	long long before = 0;
	if (kept) {
		q k = { 0 };
		apps_filter g = *f;
		g.overdue = 0;
		g.status = ST_PENDING;
		buf_puts(&k.sql, "SELECT coalesce(sum(n), 0) FROM app_due");
		where(&k, &g, day);
		buf_puts(&k.sql, " AND month<");
		arg(&k, month);
		if (one_row(s, &k, &before, NULL, err))
			return -1;
	}
	q x = { 0 };
	apps_filter g = *f;
	g.overdue = 1;          /* pending and due before tomorrow */
	buf_puts(&x.sql, "SELECT count(*), coalesce(sum(deadline<");
	arg(&x, day);
	buf_puts(&x.sql, "), 0)");
	from_apps(s, &x, &g);
	where(&x, &g, tomorrow);
	if (kept) {
		buf_puts(&x.sql, " AND deadline>=");
		arg(&x, first);
	}
	long long due, past;
	if (one_row(s, &x, &due, &past, err))
		return -1;
	*overdue = before + past;
	*today = due - past;
	return 0;
}

long long apps_max_id(store *s)
{
	ys_err e;
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(max(id), 0) FROM applications", &e);
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (st)
		sqlite3_reset(st);
	return n;
}

int apps_approved(const app_rec *r)
{
	if (!strcmp(r->status, ST_DONE))
		return 1;
	const tpl_step *sp = flow_step(template_flow(template_find(r->template), r->kind), r->step);
	return !strcmp(r->status, ST_PENDING) && sp && !sp->review;
}

const char *apps_status_label(const app_rec *r, char *out, size_t n)
{
	const template *t = template_find(r->template);
	const tpl_flow *fl = template_flow(t, r->kind);
	if (!strcmp(r->status, ST_PENDING)) {
		const tpl_step *st = flow_step(fl, r->step);
		snprintf(out, n, "待%s", st ? st->name : r->step);
	} else if (!strcmp(r->status, ST_DONE) && fl) {
		snprintf(out, n, "%s", fl->done);
	} else {
		snprintf(out, n, "%s", status_label(r->status));
	}
	return out;
}

int apps_deadline_state(const app_rec *r, ys_date today, int *days)
{
	ys_date d;
	*days = 0;
	if (strcmp(r->status, ST_PENDING) || !r->deadline[0] || date_parse(r->deadline, &d))
		return DUE_NONE;
	return deadline_state(d, today, days);
}
