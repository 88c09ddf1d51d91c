/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "demo.h"
#include "search.h"
#include "deliveries.h"
#include "duties.h"
#include "evaluation.h"
#include "edits.h"
#include "followup.h"
#include "paths.h"
#include "prices.h"
#include "template.h"
#include "usage.h"
#include "workdays.h"
#include "workflow.h"

static const struct { const char *login, *role, *name; } staff[] = {
	{ "luru", ROLE_CLERK, "李娜" }, { "shouli", ROLE_ACCEPTOR, "王芳" }, { "shenhe", ROLE_REVIEWER, "张伟" },
	{ "shenhe2", ROLE_REVIEWER, "刘洋" }, { "lingdao", ROLE_LEADER, "陈静" }, { "yunwei", ROLE_OPS, "杨磊" },
	{ "xianji", ROLE_COUNTY, "赵敏" }, { "zhuguan", ROLE_SUPERVISOR, "黄强" }, { "guanli", ROLE_ADMIN, "周杰" },
	{ "zhuanjia1", ROLE_EXPERT, "吴刚" }, { "zhuanjia2", ROLE_EXPERT, "孙丽" }, { "zhuanjia3", ROLE_EXPERT, "郑涛" },
};

/* What each demo application of a template becomes: the scenarios cycle
 * over the template's units. */
enum scen { S_DRAFT, S_OVERDUE, S_NEW, S_MIDWAY, S_RETURNED, S_REJECTED, S_DONE,
	    S_WITHDRAWN, S_CHANGED, S_TERMINATED, S_TESTING, S_EXPIRED, S_OFFLINE, S_LAST, S__N };

typedef struct demo {
	store *s;
	ys_date today;
	ys_err *err;
	json *records;          /* records.json: what staff write at a step, by
				 * template and step (the provider chosen, its price) */
	ys_date day;            /* a bulk scenario's first day; 0: the demo's own */
	const char *place;      /* a bulk unit's place, put before its name */
} demo;

static void stamp(ys_date d, int minute, char out[17])
{
	char day[11];
	date_iso(d, day);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%.10sT%02d:%02d", day, 9 + minute / 60 % 8, minute % 60);
	snprintf(out, 17, "%.16s", tmp);
}

static app_data *load_form(const char *base, ys_err *err)
{
	char rel[128], path[4096];
	snprintf(rel, sizeof rel, "demo/%s.json", base);
	paths_data(rel, path, sizeof path);
	size_t n;
	char *text = file_read(path, 1 << 20, &n, err);
	if (!text)
		return NULL;
	json *j = json_parse(text, err);
	free(text);
	if (!j)
		return err_prefix(err, "%s：", path), NULL;
	const template *t = template_find(json_str(j, "template", ""));
	app_data *d = t ? app_data_new(t, json_str(j, "kind", "apply")) : NULL;
	if (!d || app_from_json(d, j, err)) {
		if (!d)
			err_set(err, "%s：模板或表单类型不存在", path);
		app_data_free(d);
		json_free(j);
		return err_prefix(err, "%s：", path), NULL;
	}
	json_free(j);
	return d;
}

/* The first demo staff member of role other than `last` and than those
 * who co-signed already (cs, or NULL). */
static int login_for(const char *role, const char *last, const wf_cosign *cs, const user **out, user *buf)
{
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++) {
		int co = 0;
		for (int k = 0; cs && k < cs->n && k < WF_COSIGN_MAX; k++)
			co |= !strcmp(cs->login[k], staff[i].login);
		if (!co && !strcmp(staff[i].role, role) && (!last || strcmp(staff[i].login, last))) {
			memset(buf, 0, sizeof *buf);
			snprintf(buf->login, sizeof buf->login, "%s", staff[i].login);
			snprintf(buf->roles[0].role, sizeof buf->roles[0].role, "%s", role);
			buf->nroles = 1;
			*out = buf;
			return 0;
		}
	}
	return -1;
}

/* Closes duty d as the demo staff of its role would, each record field
 * filled with something plausible of its type, on the day of `now`. */
static int close_duty(demo *m, const duty_rec *d, const char *now)
{
	const tpl_duty *t = d->def;
	user u;
	const user *up;
	if (login_for(t->role, NULL, NULL, &up, &u))
		return err_set(m->err, "演示数据：没有角色 %s 的演示用户", t->role);
	const char *ids[16], *vals[16];
	char text[16][64];
	int n = 0;
	for (int i = 0; i < t->nfields && n < 16; i++, n++) {
		const tpl_field *f = &t->fields[i];
		ids[n] = f->id;
		switch (f->type) {
		case F_DATE: snprintf(text[n], sizeof text[n], "%.10s", now); break;
		case F_INT: snprintf(text[n], sizeof text[n], "%lld", f->has_min && f->min > 1 ? f->min : 1); break;
		case F_CHOICE: case F_MULTI: snprintf(text[n], sizeof text[n], "%s", f->choices[0].value); break;
		default: snprintf(text[n], sizeof text[n], "演示-%s-%lld", f->id, d->app_id); break;
		}
		vals[n] = text[n];
	}
	return duties_do(m->s, up, d, ids, vals, n, NULL, now, m->err);
}

typedef struct pick {
	const char *block_step;         /* only duties holding this step; NULL all that may be closed */
	ys_date today;
	duty_rec v[32];
	int n;
} pick;

static int pick_one(const duty_rec *d, void *ctx)
{
	pick *p = ctx;
	ys_date due;
	if (d->event_id || p->n == 32 || date_parse(d->due, &due))
		return 0;
	if (p->block_step ? d->def->late != LATE_BLOCK || strcmp(d->def->block_step, p->block_step)
			  : (d->def->wait && due > p->today) || d->seq > 1 ||
			    (d->def->on == ON_FIELD && d->def->period.n >= 0 && due > p->today))
		return 0;
	p->v[p->n++] = *d;
	return 0;
}

/* Closes application id's open duties: those holding step `block_step`,
 * or (NULL) all that may be closed today. */
static int close_open(demo *m, long long id, const char *block_step, const char *now)
{
	pick p = { .block_step = block_step, .today = m->today };
	duty_filter f = { .app = id, .within = -1, .today = m->today };
	if (duties_list(m->s, &f, pick_one, &p, m->err))
		return -1;
	for (int i = 0; i < p.n; i++)
		if (close_duty(m, &p.v[i], now))
			return -1;
	return p.n;
}

/* Signs action a of r's current step sp; the signer is a staff member of
 * the step's role other than the last one (four-eyes) and than those who
 * co-signed it. */
static int sign_action(demo *m, const app_rec *rp, const tpl_step *sp, const tpl_action *a,
		       const char *opinion, const char *now, char *last)
{
	app_rec r = *rp;
	long long id = r.id;
	int want_to = a->to == TO_DONE ? TO_NEXT : a->to;
	user u;
	const user *up;
	wf_cosign cs;
	if (workflow_cosigns(m->s, &r, &cs, m->err))
		return -1;
	if (login_for(sp->role, last, &cs, &up, &u))
		return err_set(m->err, "演示数据：没有角色 %s 的演示用户", sp->role);
	snprintf(last, 64, "%.63s", up->login);
	/* What the regulation requires before this step (等保测评报告) is
	 * recorded first, as staff would. */
	if (want_to == TO_NEXT && close_open(m, id, sp->id, now) < 0)
		return -1;
	wf_seen seen = { sp->id, r.round, r.version, 1 };      /* told of the pool, approving */
	/* What the step records, as staff fill it in: every material brought,
	 * a confirmation dated the day it is signed. */
	app_rec tmp;
	app_data *d;
	if (apps_load(m->s, id, &tmp, &d, m->err))
		return -1;
	int n;
	tpl_field *fs = step_record_fields(template_find(r.template), r.kind, sp, d, &n);
	app_data_free(d);
	const char **ids = xcalloc((size_t)n + 1, sizeof *ids), **vals = xcalloc((size_t)n + 1, sizeof *vals);
	char day[11];
	snprintf(day, sizeof day, "%.10s", now);
	const json *given = json_get(json_get(m->records, r.template), sp->id);
	char (*num)[24] = xcalloc((size_t)n + 1, sizeof *num);
	for (int i = 0; i < n; i++) {
		ids[i] = fs[i].id;
		const json *g = json_get(given, fs[i].id);
		if (g && g->type == J_INT)
			snprintf(num[i], sizeof num[i], "%lld", g->i);
		vals[i] = g && g->type == J_TEXT ? g->text : g && g->type == J_INT ? num[i]
			  : fs[i].synthetic ? ""        /* approved as requested */
			  : fs[i].must_be ? fs[i].must_be : fs[i].type == F_BOOL ? "是" : fs[i].type == F_DATE ? day
			  : fs[i].nchoices ? fs[i].choices[0].value : fs[i].type == F_INT ? "1"
			  : fs[i].required ? "见附件" : "";
	}
	wf_record rec = { ids, vals, want_to == TO_NEXT ? n : 0 };
	int rc = workflow_do(m->s, up, id, &seen, a->id, opinion ? opinion : "同意。", &rec, now, m->err);
	free(ids);
	free(vals);
	free(num);
	step_record_free(fs, n);
	return rc;
}

/* Signs the current step with the first action of the wanted kind; 1
 * when there is none. */
static int sign(demo *m, long long id, int want_to, const char *opinion, const char *now,
		char *last)
{
	app_rec r;
	if (apps_get(m->s, id, &r, m->err))
		return -1;
	const tpl_flow *fl = template_flow(template_find(r.template), r.kind);
	const tpl_step *sp = flow_step(fl, r.step);
	if (!sp)
		return 1;
	const tpl_action *a = NULL;
	for (int i = 0; i < sp->nactions && !a; i++)
		if (sp->actions[i].to == want_to ||
		    (want_to == TO_NEXT && sp->actions[i].to == TO_DONE))
			a = &sp->actions[i];
	if (!a)
		return 1;
	return sign_action(m, &r, sp, a, opinion, now, last);
}

/* A demo unit's "then": actions signed after its scenario, in order, on
 * its last day ({"action": id, "opinion": text}), e.g. 大同's
 * 组织专家论证 and the first expert's co-signature. */
static int then_actions(demo *m, long long id, const json *unit, ys_date day, char *last)
{
	const json *list = json_get(unit, "then");
	for (int i = 0; list && i < list->n; i++) {
		app_rec r;
		if (apps_get(m->s, id, &r, m->err))
			return -1;
		const tpl_step *sp = flow_step(template_flow(template_find(r.template), r.kind), r.step);
		const char *want = json_str(list->kids[i], "action", "");
		const tpl_action *a = NULL;
		for (int k = 0; sp && k < sp->nactions; k++)
			if (!strcmp(sp->actions[k].id, want))
				a = &sp->actions[k];
		if (!a)
			return err_set(m->err, "演示数据：申请 %lld 的当前环节没有动作“%s”", id, want);
		char now[17];
		stamp(day, 20 + i, now);
		if (sign_action(m, &r, sp, a, json_str(list->kids[i], "opinion", NULL), now, last))
			return -1;
	}
	return 0;
}

static const user *clerk(void)
{
	static user u = { .login = "luru", .roles = { { ROLE_CLERK, "" } }, .nroles = 1 };
	return &u;
}

static int create(demo *m, app_data *d, long long parent, const char *now, long long *id)
{
	return edits_create(m->s, clerk(), d, parent, now, id, m->err);
}

static int submit(demo *m, long long id, const char *now)
{
	return workflow_do(m->s, clerk(), id, NULL, ACT_SUBMIT, NULL, NULL, now, m->err);
}

/* Walks an application forward `steps` signatures (all when < 0), one
 * working day apart from `day`, none after today; returns the day of the
 * last (`day` when none was made). */
static ys_date walk(demo *m, long long id, ys_date day, int steps, char *last, int *rc)
{
	char now[17];
	for (int k = 0; steps < 0 || k < steps; k++) {
		if (workdays_add(day, 1) > m->today)
			break;            /* not yet signed: history never runs ahead of today */
		day = workdays_add(day, 1);
		app_rec ar;
		char nb[11];
		ys_date earliest;
		/* A minimum stay (试运行) is waited out, unless it ends after today. */
		if (apps_get(m->s, id, &ar, NULL) == 0 && workflow_not_before(&ar, nb) &&
		    date_parse(nb, &earliest) == 0 && earliest > day) {
			if (earliest > m->today)
				break;
			day = earliest;
		}
		stamp(day, 30 + k * 7, now);
		int r = sign(m, id, TO_NEXT, NULL, now, last);
		if (r < 0) {
			*rc = -1;
			return day;
		}
		if (r > 0)
			break;
		apps_get(m->s, id, &ar, NULL);
		if (strcmp(ar.status, ST_PENDING))
			break;
	}
	*rc = 0;
	return day;
}

/* A day no later than today (a signature the day after one made today). */
static ys_date by_today(const demo *m, ys_date d)
{
	return d > m->today ? m->today : d;
}

static void set_unit(app_data *d, const char *name)
{
	const tpl_field *f = form_mapped(d->form, M_UNIT);
	if (f)
		app_set(d, (int)(f - d->form->fields), name);
}

static int scenario(demo *m, const template *t, const json *unit, int idx, ys_err *err)
{
	enum scen sc = (enum scen)(idx % S__N);
	const char *name = unit->type == J_TEXT ? unit->text : json_str(unit, "unit", "");
	char placed[256];
	if (m->place) {
		snprintf(placed, sizeof placed, "%s%s", m->place, name);
		name = placed;
	}
	/* The paper form a unit starts from: its own "base", else <id>-apply. */
	char base[96];
	const char *own = json_str(unit, "base", NULL);
	if (own)
		snprintf(base, sizeof base, "%s", own);
	else
		snprintf(base, sizeof base, "%s-apply", t->id);
	app_data *d = load_form(base, err);
	if (!d)
		return -1;
	set_unit(d, name);
	const json *over = json_get(unit, "fields");
	if (over && app_from_json(d, unit, err)) {
		app_data_free(d);
		return -1;
	}
	/* Older scenarios start further back so that finished ones have a
	 * realistic history and overdue ones are really overdue. */
	static const int ago[S__N] = { 1, 12, 0, 3, 6, 8, 40, 5, 60, 70, 10, 45, 50, 30 };
	/* A term of use that ran out last month (到期, 强制下线). */
	if ((sc == S_EXPIRED || sc == S_OFFLINE) && t->term.to && form_field(d->form, t->term.from)) {
		char from[16], to[16];
		int y, mo, dd;
		date_ymd(date_add_months(m->today, -33), &y, &mo, &dd);
		snprintf(from, sizeof from, "%04d-%02d", y, mo);
		date_ymd(date_add_months(m->today, -1), &y, &mo, &dd);
		snprintf(to, sizeof to, "%04d-%02d", y, mo);
		app_set(d, (int)(form_field(d->form, t->term.from) - d->form->fields), from);
		app_set(d, (int)(form_field(d->form, t->term.to) - d->form->fields), to);
	}
	ys_date day = m->day ? m->day : workdays_add(m->today, 0) - ago[sc] - (idx / S__N) * 3;
	char now[17], last[64] = "";
	stamp(day, idx, now);
	long long id;
	int rc = create(m, d, 0, now, &id);
	app_data_free(d);
	if (rc || sc == S_DRAFT)
		return rc;
	if (sc == S_WITHDRAWN) {
		stamp(day + 1, idx, now);
		return workflow_do(m->s, clerk(), id, NULL, ACT_WITHDRAW, "单位调整建设计划，撤回申请。", NULL, now, err);
	}
	if (submit(m, id, now))
		return -1;
	switch (sc) {
	case S_OVERDUE: case S_NEW:
		return then_actions(m, id, unit, day, last);
	case S_MIDWAY:
		walk(m, id, day, 1, last, &rc);
		return rc;
	case S_RETURNED:
		stamp(by_today(m, workdays_add(day, 1)), idx, now);
		rc = sign(m, id, TO_RETURN, "材料不完整：请补充系统建设批复文件和部署方案。", now, last);
		return rc < 0 ? -1 : 0;
	case S_REJECTED:
		stamp(by_today(m, workdays_add(day, 1)), idx, now);
		rc = sign(m, id, TO_REJECT, "申请资源明显超出系统实际需要，不同意。", now, last);
		if (rc > 0) {       /* first step cannot reject: move on, then reject */
			day = walk(m, id, day, 1, last, &rc);
			if (rc || workdays_add(day, 1) > m->today)
				return rc;
			stamp(workdays_add(day, 1), idx, now);
			rc = sign(m, id, TO_REJECT, "申请资源明显超出系统实际需要，不同意。", now, last);
		}
		return rc < 0 ? -1 : 0;
	default:
		break;
	}
	if (sc == S_TESTING) {
		/* Past provisioning: in test, trial or migration where the flow has
		 * them, else still being provisioned. */
		const tpl_flow *fl = template_flow(t, KIND_APPLY);
		int k = 0, signs = 0;   /* steps on demand are not walked */
		for (; k < fl->nsteps && fl->steps[k].review; k++)
			signs += !fl->steps[k].on_demand;
		walk(m, id, day, k + 1 < fl->nsteps ? signs + 1 : signs, last, &rc);
		return rc;
	}
	if (sc == S_LAST) {
		/* On the flow's last step: 试运行, 迁移测试, 正式开通. */
		const tpl_flow *fl = template_flow(t, KIND_APPLY);
		app_rec ar;
		while (!rc && !apps_get(m->s, id, &ar, NULL) && !strcmp(ar.status, ST_PENDING) &&
		       strcmp(ar.step, fl->steps[fl->nsteps - 1].id)) {
			ys_date was = day;
			if ((day = walk(m, id, day, 1, last, &rc)) == was)
				break;    /* today reached */
		}
		return rc;
	}
	day = walk(m, id, day, -1, last, &rc);
	char today[17];
	stamp(m->today, 400 + idx, today);
	if (!rc && sc == S_OFFLINE) {
		/* Every duty done that can be: with a term that ran out, the
		 * reviewer's approval, then the forced offline, which ends it. */
		for (int pass = 0; pass < 3 && (rc = close_open(m, id, NULL, today)) > 0; pass++)
			;
		return rc < 0 ? -1 : 0;
	}
	if (rc || sc == S_DONE || sc == S_EXPIRED)
		return rc;
	/* Changed / terminated: a follow-up application on the finished one,
	 * prefilled from it as a clerk's form is, then filled in from the demo
	 * paper form: what is the follow-up's own (reason, dates, values after
	 * the change, its tables), never what comes from the original. */
	const char *kind = sc == S_CHANGED ? KIND_CHANGE : KIND_TERMINATE;
	if (!template_form(t, kind))
		return 0;
	app_rec ar;
	if (apps_get(m->s, id, &ar, err))
		return -1;
	if (strcmp(ar.status, ST_DONE))
		return 0;         /* still on its way today: nothing to change yet */
	snprintf(base, sizeof base, "%s-%s", t->id, kind);
	app_data *paper = load_form(base, err);
	if (!paper || followup_new(m->s, clerk(), id, kind, &d, err)) {
		app_data_free(paper);
		return -1;
	}
	for (int i = 0; i < d->form->nfields; i++)
		if (*paper->vals[i] && !followup_locked(d, i) && (d->form->fields[i].applies || !*d->vals[i]))
			app_set(d, i, paper->vals[i]);
	for (int k = 0; k < d->form->ntables; k++)
		if (paper->tables[k].nrows)
			app_table_copy(d, paper, k);
	app_data_free(paper);
	day = workdays_add(day, 2);
	if (day > m->today)
		return 0;         /* finished too recently for a follow-up */
	stamp(day, idx, now);
	long long cid;
	rc = create(m, d, id, now, &cid);
	app_data_free(d);
	if (rc || submit(m, cid, now))
		return -1;
	last[0] = '\0';
	walk(m, cid, day, sc == S_CHANGED ? 1 : -1, last, &rc);
	/* A system changed long ago has done what was due (closed duties). */
	if (!rc && sc == S_CHANGED && close_open(m, id, NULL, today) < 0)
		return -1;
	return rc;
}

/* The office-wide reports: all filed but the last two periods (one due
 * now, one overdue). */
typedef struct office {
	duty_rec v[512];
	int n;
} office;

static int office_one(const duty_rec *d, void *ctx)
{
	office *o = ctx;
	if (!d->app_id && o->n < 512)
		o->v[o->n++] = *d;
	return 0;
}

static int office_reports(demo *m)
{
	office *o = xcalloc(1, sizeof *o);
	duty_filter f = { .within = -1, .today = m->today };
	char now[17];
	stamp(m->today, 420, now);
	int rc = duties_list(m->s, &f, office_one, o, m->err);
	for (int i = 0; !rc && i < o->n; i++) {
		int later = 0;
		for (int j = 0; j < o->n; j++)
			later += !strcmp(o->v[j].template, o->v[i].template) && !strcmp(o->v[j].duty, o->v[i].duty) &&
				 strcmp(o->v[j].due, o->v[i].due) > 0;
		if (later >= 2)
			rc = close_duty(m, &o->v[i], now);
	}
	free(o);
	return rc;
}

/* 韶关's demand forecasts for next year: a city unit's, summed; two
 * county units', one summed by its county, one still with it. */
static int forecasts(demo *m)
{
	static const struct { const char *unit, *county; int walk; } who[] = {
		{ "韶关市教育局", NULL, -1 }, { "乳源瑶族自治县教育局", "乳源瑶族自治县", -1 },
		{ "仁化县教育局", "仁化县", 0 },
	};
	for (int ti = 0; ti < templates_count(); ti++) {
		const template *t = templates_at(ti);
		char base[64];
		snprintf(base, sizeof base, "%s-%s", t->id, KIND_FORECAST);
		if (!template_form(t, KIND_FORECAST))
			continue;
		for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
			app_data *d = load_form(base, m->err);
			if (!d)
				return -1;
			set_unit(d, who[i].unit);
			const tpl_field *cf = form_mapped(d->form, M_COUNTY);
			if (cf && who[i].county)
				app_set(d, (int)(cf - d->form->fields), who[i].county);
			ys_date day = workdays_add(m->today, 0) - 20 + (int)i;
			char now[17], last[64] = "";
			stamp(day, 200 + (int)i, now);
			long long id;
			int rc = create(m, d, 0, now, &id);
			app_data_free(d);
			if (rc || submit(m, id, now))
				return -1;
			walk(m, id, day, who[i].walk, last, &rc);
			if (rc)
				return -1;
		}
	}
	return 0;
}

/* Utilisation (徽州 第三十条): the hosts of the first finished system of
 * the first template with an idle rule delivered, the provider's last
 * three months for them, one host idle; and that unit's next application,
 * waiting at 受理 with the warning. */
static int utilisation(demo *m)
{
	static user ops = { .login = "yunwei", .roles = { { ROLE_OPS, "" } }, .nroles = 1 };
	const template *t = NULL;
	for (int i = 0; !t && i < templates_count(); i++)
		if (templates_at(i)->idle.months)
			t = templates_at(i);
	app_rec r;
	long long first = 0;
	if (!t)
		return 0;
	sqlite3_stmt *st = store_stmt(m->s, "SELECT min(id) FROM applications WHERE template = :t AND kind = '"
				      KIND_APPLY "' AND status = '" ST_DONE "'", m->err);
	if (!st)
		return -1;
	store_bind_text(st, ":t", t->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		first = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	app_data *d;
	if (!first || apps_load(m->s, first, &r, &d, m->err))
		return first ? -1 : 0;
	delivery_line *lines;
	int nl = delivery_lines(d, &lines), rc = 0, nh = 0;
	app_data_free(d);
	char now[17];
	stamp(m->today, 0, now);
	int y, mo, dd;
	date_ymd(m->today, &y, &mo, &dd);
	for (int i = 0; !rc && i < nl; i++)
		for (int k = 0; !rc && k < lines[i].count; k++, nh++) {
			delivery dv = { .app_id = first };
			snprintf(dv.line, sizeof dv.line, "%s", lines[i].key);
			snprintf(dv.host, sizeof dv.host, "%s%lld-%d", t->id, first, nh + 1);
			snprintf(dv.ip, sizeof dv.ip, "10.20.%lld.%d", first % 250, nh + 1);
			snprintf(dv.delivered_on, sizeof dv.delivered_on, "%.10s", r.done_at);
			rc = deliveries_do(m->s, &ops, &dv, now, m->err);
			/* The first host idle, the others busy. */
			for (int b = 3; !rc && b >= 1; b--) {
				usage_row u = { .app = first, .cpu_avg = nh ? 20 + 3 * b : 0.8, .cpu_peak = nh ? 40 + 5 * b + nh : 1.5 + b,
						.mem_pct = nh ? 55 : 12, .storage_gb = 30 + 10 * nh };
				snprintf(u.host, sizeof u.host, "%s", dv.host);
				char ym[11];
				date_iso(date_add_months(date_from_ymd(y, mo, 1), -b), ym);
				snprintf(u.month, sizeof u.month, "%.7s", ym);
				int replaced;
				rc = usage_record(m->s, &ops, &u, "demo", now, &replaced, m->err);
			}
		}
	delivery_lines_free(lines, nl);
	char base[96];
	snprintf(base, sizeof base, "%s-apply", t->id);
	app_data *next = rc ? NULL : load_form(base, m->err);
	long long id;
	if (!rc && !next)
		return -1;
	if (next) {
		set_unit(next, r.unit);
		rc = create(m, next, 0, now, &id) || submit(m, id, now);
		app_data_free(next);
	}
	return rc;
}

/* The provider's evaluation of last quarter for each template that has
 * one: the office's scores and two units', one below the line with its
 * reason (each its own transaction, after the rest). */
static int evaluations(demo *m, const char *now)
{
	static user office = { .login = "lingdao", .roles = { { ROLE_LEADER, "" } }, .nroles = 1 };
	int y, mo, d;
	date_ymd(date_add_months(m->today, -3), &y, &mo, &d);
	char period[24];
	snprintf(period, sizeof period, "%04d-Q%d", y % 10000, (mo + 2) / 3);
	static const double office_s[] = { 92, 88, 90, 86 }, unit_s[2][4] = { { 85, 82, 88, 90 }, { 55, 80, 72, 84 } };
	for (int i = 0; i < templates_count(); i++) {
		const template *t = templates_at(i);
		const struct tpl_eval *e = &t->eval;
		if (!e->naxes || strcmp(e->period, "quarter") || e->naxes > 4)
			continue;
		const char *ids[4];
		for (int a = 0; a < e->naxes; a++)
			ids[a] = e->axes[a].id;
		if (eval_add(m->s, &office, t, period, NULL, ids, office_s, e->naxes, NULL, now, m->err))
			return -1;
		/* Two units of the template's applications score too. */
		sqlite3_stmt *st = store_stmt(m->s, "SELECT DISTINCT unit FROM applications WHERE template = :t AND "
					      "status = '" ST_DONE "' AND unit <> '' ORDER BY id LIMIT 2", m->err);
		if (!st)
			return -1;
		store_bind_text(st, ":t", t->id);
		char names[2][256] = { "", "" };
		for (int k = 0; k < 2 && sqlite3_step(st) == SQLITE_ROW; k++)
			store_text_copy(st, 0, names[k], sizeof names[k]);
		sqlite3_reset(st);
		for (int k = 0; k < 2 && names[k][0]; k++) {
			if (eval_add(m->s, clerk(), t, period, names[k], ids, unit_s[k], e->naxes,
				     k ? "故障报修后 2 小时未响应，影响窗口办件" : NULL, now, m->err))
				return -1;
		}
	}
	return 0;
}

/* Opens what every build needs: today, the units, the step records. */
static json *begin(demo *m, const char *now)
{
	if (date_parse(now, &m->today))
		return err_set(m->err, "演示数据：当前时间“%s”无效", now), NULL;
	char path[4096];
	paths_data("demo/units.json", path, sizeof path);
	size_t n;
	char *text = file_read(path, 1 << 20, &n, m->err);
	if (!text)
		return NULL;
	json *units = json_parse(text, m->err);
	free(text);
	if (!units)
		return err_prefix(m->err, "%s：", path), NULL;
	/* What staff write at a step (optional; a broken file is an error). */
	paths_data("demo/records.json", path, sizeof path);
	if ((text = file_read(path, 1 << 20, &n, NULL))) {
		m->records = json_parse(text, m->err);
		free(text);
		if (!m->records) {
			json_free(units);
			return err_prefix(m->err, "%s：", path), NULL;
		}
	}
	return units;
}

/* The prices, the demo staff, and every role for `me`. */
static int people(demo *m, const char *me, const char *now)
{
	int rc = prices_sync(m->s, now, m->err);
	for (size_t i = 0; !rc && i < sizeof staff / sizeof staff[0]; i++)
		rc = user_add(m->s, me, staff[i].login, staff[i].role, "", now, m->err) ||
		     user_set_name(m->s, me, staff[i].login, staff[i].name, now, m->err);
	for (int i = 0; !rc && vocab_roles[i]; i++)
		rc = user_add(m->s, me, me, vocab_roles[i], "", now, m->err);
	return rc;
}

int demo_build(store *s, const char *me, const char *now, ys_err *err)
{
	demo m = { .s = s, .err = err };
	json *units = begin(&m, now);
	if (!units)
		return -1;
	int rc = store_begin(s, err);
	if (!rc)
		rc = people(&m, me, now);
	/* The first ten units of every template, then the rest (systems in
	 * test, past their term, forced offline), templates in the order of
	 * units.json: the first ten of each keep their numbers whatever is
	 * added after them (a template added at the end of units.json). */
	for (int pass = 0; pass < 2; pass++)
		for (int ti = 0; !rc && ti < units->n; ti++) {
			const template *t = template_find(units->kids[ti]->key);
			const json *list = units->kids[ti];
			if (!t || list->type != J_ARRAY)
				continue;
			for (int k = pass ? 10 : 0; !rc && k < (pass ? list->n : 10) && k < list->n; k++)
				if (scenario(&m, t, list->kids[k], k, err))
					rc = err_prefix(err, "演示数据（%s 第 %d 个单位）：", t->id, k + 1);
		}
	json_free(units);
	if (!rc)
		rc = forecasts(&m);
	json_free(m.records);
	if (!rc)
		rc = office_reports(&m);
	if (!rc)
		rc = utilisation(&m);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err) || evaluations(&m, now);
}

/* Where bulk units are: before each demo unit's name, so that a province
 * has thousands of units rather than the demo's few. */
static const char *const places[] = {
	"城关", "东城", "西城", "南城", "北城", "新区", "高新", "开发区", "临港", "滨江",
	"河东", "河西", "山前", "山后", "湖滨", "江北", "江南", "平川", "青石", "白沙",
	"长乐", "永安", "福山", "宁远", "安化", "泰和", "兴隆", "广丰", "太平", "清河",
	"双流", "五里", "三桥", "七星", "九龙", "金山", "银川路", "石门", "桃源", "柳溪",
};

/* The scenario of bulk application i, first filed on `day`: any state
 * while recent; years ago mostly finished, some changed or terminated,
 * a few rejected, withdrawn, left as drafts or stale where they were. */
static int bulk_scenario(long long i, ys_date day, ys_date today)
{
	if (day > today - 120)
		return (int)(i % S__N);
	unsigned h = (unsigned)((unsigned long long)i * 2654435761u % 1000);
	return h < 780 ? S_DONE : h < 860 ? S_CHANGED : h < 910 ? S_TERMINATED : h < 940 ? S_REJECTED
	       : h < 960 ? S_WITHDRAWN : h < 980 ? S_DRAFT : h < 990 ? S_RETURNED : S_MIDWAY;
}

int demo_bulk(store *s, const char *me, const char *now, long long want, int years, const ys_progress *pg,
	      ys_err *err)
{
	demo m = { .s = s, .err = err };
	json *units = begin(&m, now);
	if (!units)
		return -1;
	const template *ts[64];
	const json *lists[64];
	int nt = 0;
	for (int ti = 0; ti < units->n && nt < 64; ti++) {
		const json *list = units->kids[ti];
		if ((ts[nt] = template_find(list->key)) && list->type == J_ARRAY && list->n > 0)
			lists[nt++] = list;
	}
	templates_unlimit_pools();
	int rc = nt ? store_begin(s, err) : err_set(err, "演示数据：没有可用的模板");
	if (!rc)
		rc = people(&m, me, now);
	/* Filed evenly over the years up to today, oldest first; committed
	 * every few hundred so a long run keeps what it made. */
	long long span = (long long)years * 365, made = 0;
	for (long long i = 0; !rc && made < want; i++) {
		int t = (int)(i % nt);
		const json *list = lists[t];
		long long k = i / nt;
		m.place = places[(k / list->n) % (long long)(sizeof places / sizeof places[0])];
		m.day = m.today - span + (ys_date)(span * made / want);
		int sc = bulk_scenario(i, m.day, m.today);
		if (want - made < 2 && (sc == S_CHANGED || sc == S_TERMINATED))
			sc = S_DONE;        /* a follow-up would make one too many */
		/* idx keeps scenario() on sc and spreads the minutes of the day. */
		int idx = sc + S__N * (int)(k % 60);
		if (scenario(&m, ts[t], list->kids[k % list->n], idx, err))
			rc = err_prefix(err, "演示数据（第 %lld 件）：", made + 1);
		made = apps_max_id(s);
		if (!rc && i % 500 == 499 && !(rc = store_commit(s, err)))
			rc = store_begin(s, err);
		progress_tick(pg, "生成申请", "件", made < want ? made : want, want, 0);
	}
	progress_tick(pg, "生成申请", "件", made < want ? made : want, want, 1);
	json_free(units);
	json_free(m.records);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, err))
		return -1;
	/* The search index brought up to date now, as a day's work keeps it,
	 * not by the first search after a million (about 40 s). */
	progress_tick(pg, "建搜索索引", "件", made, made, 1);
	if (search_sync(s))
		return err_set(err, "演示数据：建搜索索引失败");
	return 0;
}
