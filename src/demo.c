#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apps.h"
#include "demo.h"
#include "edits.h"
#include "followup.h"
#include "paths.h"
#include "prices.h"
#include "template.h"
#include "workdays.h"
#include "workflow.h"

static const struct { const char *login, *role; } staff[] = {
	{ "luru", ROLE_CLERK }, { "shouli", ROLE_ACCEPTOR }, { "shenhe", ROLE_REVIEWER },
	{ "shenhe2", ROLE_REVIEWER }, { "lingdao", ROLE_LEADER }, { "yunwei", ROLE_OPS },
	{ "xianji", ROLE_COUNTY }, { "zhuguan", ROLE_SUPERVISOR }, { "guanli", ROLE_ADMIN },
};

/* What each demo application of a template becomes: the scenarios cycle
 * over the template's units. */
enum scen { S_DRAFT, S_OVERDUE, S_NEW, S_MIDWAY, S_RETURNED, S_REJECTED, S_DONE,
	    S_WITHDRAWN, S_CHANGED, S_TERMINATED, S__N };

typedef struct demo {
	store *s;
	ys_date today;
	ys_err *err;
} demo;

static void stamp(ys_date d, int minute, char out[17])
{
	char day[11];
	date_iso(d, day);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%.10sT%02d:%02d", day, 9 + minute / 60 % 8, minute % 60);
	snprintf(out, 17, "%.16s", tmp);
}

static app_data *load_form(demo *m, const char *base, ys_err *err)
{
	char rel[128], path[4096];
	snprintf(rel, sizeof rel, "demo/%s.json", base);
	paths_data(rel, path, sizeof path);
	size_t n;
	char *text = file_read(path, 1 << 20, &n, err);
	if (!text)
		return NULL;
	json *j = json_parse(store_db(m->s), text, err);
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

static int login_for(const char *role, const char *last, const user **out, user *buf)
{
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++)
		if (!strcmp(staff[i].role, role) && (!last || strcmp(staff[i].login, last))) {
			memset(buf, 0, sizeof *buf);
			snprintf(buf->login, sizeof buf->login, "%s", staff[i].login);
			snprintf(buf->roles[0].role, sizeof buf->roles[0].role, "%s", role);
			buf->nroles = 1;
			*out = buf;
			return 0;
		}
	return -1;
}

/* Signs the current step with the first action of the wanted kind; the
 * signer is a staff member of the step's role other than the last one
 * (four-eyes). */
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
	user u;
	const user *up;
	if (login_for(sp->role, last, &up, &u))
		return err_set(m->err, "演示数据：没有角色 %s 的演示用户", sp->role);
	snprintf(last, 64, "%.63s", up->login);
	wf_seen seen = { sp->id, r.round, r.version };
	return workflow_do(m->s, up, id, &seen, a->id, opinion ? opinion : "同意。", now, m->err);
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
	return workflow_do(m->s, clerk(), id, NULL, ACT_SUBMIT, NULL, now, m->err);
}

/* Walks an application forward `steps` signatures (all when < 0), one
 * working day apart from `day`; returns the day reached. */
static ys_date walk(demo *m, long long id, ys_date day, int steps, char *last, int *rc)
{
	char now[17];
	for (int k = 0; steps < 0 || k < steps; k++) {
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
	/* The paper form a unit starts from: its own "base", else <id>-apply. */
	char base[96];
	const char *own = json_str(unit, "base", NULL);
	if (own)
		snprintf(base, sizeof base, "%s", own);
	else
		snprintf(base, sizeof base, "%s-apply", t->id);
	app_data *d = load_form(m, base, err);
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
	static const int ago[S__N] = { 1, 12, 0, 3, 6, 8, 40, 5, 60, 70 };
	ys_date day = workdays_add(m->today, 0) - ago[sc] - (idx / S__N) * 3;
	char now[17], last[64] = "";
	stamp(day, idx, now);
	long long id;
	int rc = create(m, d, 0, now, &id);
	app_data_free(d);
	if (rc || sc == S_DRAFT)
		return rc;
	if (sc == S_WITHDRAWN) {
		stamp(day + 1, idx, now);
		return workflow_do(m->s, clerk(), id, NULL, ACT_WITHDRAW, "单位调整建设计划，撤回申请。", now, err);
	}
	if (submit(m, id, now))
		return -1;
	switch (sc) {
	case S_OVERDUE: case S_NEW:
		return 0;
	case S_MIDWAY:
		walk(m, id, day, 1, last, &rc);
		return rc;
	case S_RETURNED:
		stamp(workdays_add(day, 1), idx, now);
		rc = sign(m, id, TO_RETURN, "材料不完整：请补充系统建设批复文件和部署方案。", now, last);
		return rc < 0 ? -1 : 0;
	case S_REJECTED:
		stamp(workdays_add(day, 1), idx, now);
		rc = sign(m, id, TO_REJECT, "申请资源明显超出系统实际需要，不同意。", now, last);
		if (rc > 0) {       /* first step cannot reject: move on, then reject */
			day = walk(m, id, day, 1, last, &rc);
			stamp(workdays_add(day, 1), idx, now);
			rc = sign(m, id, TO_REJECT, "申请资源明显超出系统实际需要，不同意。", now, last);
		}
		return rc < 0 ? -1 : 0;
	default:
		break;
	}
	day = walk(m, id, day, -1, last, &rc);
	if (rc || sc == S_DONE)
		return rc;
	/* Changed / terminated: a follow-up application on the finished one,
	 * prefilled from it as a clerk's form is, then filled in from the demo
	 * paper form: what is the follow-up's own (reason, dates, values after
	 * the change, its tables), never what comes from the original. */
	const char *kind = sc == S_CHANGED ? KIND_CHANGE : KIND_TERMINATE;
	if (!template_form(t, kind))
		return 0;
	snprintf(base, sizeof base, "%s-%s", t->id, kind);
	app_data *paper = load_form(m, base, err);
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
	stamp(day, idx, now);
	long long cid;
	rc = create(m, d, id, now, &cid);
	app_data_free(d);
	if (rc || submit(m, cid, now))
		return -1;
	last[0] = '\0';
	walk(m, cid, day, sc == S_CHANGED ? 1 : -1, last, &rc);
	return rc;
}

int demo_build(store *s, const char *me, const char *now, ys_err *err)
{
	demo m = { .s = s, .err = err };
	if (date_parse(now, &m.today))
		return err_set(err, "演示数据：当前时间“%s”无效", now);
	char path[4096];
	paths_data("demo/units.json", path, sizeof path);
	size_t n;
	char *text = file_read(path, 1 << 20, &n, err);
	if (!text)
		return -1;
	json *units = json_parse(store_db(s), text, err);
	free(text);
	if (!units)
		return err_prefix(err, "%s：", path);
	int rc = store_begin(s, err);
	if (!rc)
		rc = prices_sync(s, now, err);
	for (size_t i = 0; !rc && i < sizeof staff / sizeof staff[0]; i++)
		rc = user_add(s, me, staff[i].login, staff[i].role, "", now, err);
	for (int i = 0; !rc && vocab_roles[i]; i++)
		rc = user_add(s, me, me, vocab_roles[i], "", now, err);
	for (int ti = 0; !rc && ti < templates_count(); ti++) {
		const template *t = templates_at(ti);
		const json *list = json_get(units, t->id);
		if (!list || list->type != J_ARRAY)
			continue;
		for (int k = 0; !rc && k < list->n; k++)
			if (scenario(&m, t, list->kids[k], k, err))
				rc = err_prefix(err, "演示数据（%s 第 %d 个单位）：", t->id, k + 1);
	}
	json_free(units);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}
