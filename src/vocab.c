/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* vocab.c - statuses, roles, kinds and event kinds with their labels. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "vocab.h"

typedef struct word {
	const char *id, *label, *verb;
} word;

#define N(a) (sizeof (a) / sizeof (a)[0])

static const word statuses[] = {
	{ ST_DRAFT, "草稿", NULL }, { ST_PENDING, "审批中", NULL }, { ST_RETURNED, "退回补正", NULL },
	{ ST_REJECTED, "不同意", NULL }, { ST_DONE, "已办结", NULL }, { ST_WITHDRAWN, "已撤回", NULL },
	{ ST_TERMINATED, "已注销", NULL },
};
const char *const vocab_statuses[] = { ST_DRAFT, ST_PENDING, ST_RETURNED, ST_REJECTED, ST_DONE,
				       ST_WITHDRAWN, ST_TERMINATED, NULL };

static const word roles[] = {
	{ ROLE_CLERK, "录入员", NULL }, { ROLE_ACCEPTOR, "受理人", NULL }, { ROLE_REVIEWER, "审核人", NULL },
	{ ROLE_SUPERVISOR, "主管部门", NULL }, { ROLE_COUNTY, "县级初审", NULL }, { ROLE_LEADER, "领导", NULL },
	{ ROLE_OPS, "运维", NULL }, { ROLE_EXPERT, "专家", NULL }, { ROLE_ADMIN, "管理员", NULL },
};
const char *const vocab_roles[] = { ROLE_CLERK, ROLE_ACCEPTOR, ROLE_REVIEWER, ROLE_SUPERVISOR,
				    ROLE_COUNTY, ROLE_LEADER, ROLE_OPS, ROLE_EXPERT, ROLE_ADMIN, NULL };

static const word kinds[] = {
	{ KIND_APPLY, "资源申请", "申请" }, { KIND_CHANGE, "资源变更", "变更" },
	{ KIND_TERMINATE, "资源注销", "注销" }, { KIND_RENEW, "延期申请", "延期" },
	{ KIND_FORECAST, "资源需求预估", "预估" },
};

static const word events[] = {
	{ EV_CREATE, "录入", NULL }, { EV_EDIT, "修改", NULL }, { EV_SUBMIT, "提交", NULL },
	{ EV_ACT, "签署", NULL }, { EV_COSIGN, "会签", NULL }, { EV_WITHDRAW, "撤回", NULL }, { EV_LIFECYCLE, "生命周期", NULL },
	{ EV_DELIVERY, "交付", NULL }, { EV_DUTY, "到期事项", NULL }, { EV_RECALL, "撤回签署", NULL },
};

static const word *find(const word *w, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (!strcmp(w[i].id, id))
			return &w[i];
	return NULL;
}

const char *status_label(const char *s)
{
	const word *w = find(statuses, N(statuses), s);
	return w ? w->label : s;
}

int status_known(const char *s) { return find(statuses, N(statuses), s) != NULL; }

int status_with_clerk(const char *s)
{
	return s && (!strcmp(s, ST_DRAFT) || !strcmp(s, ST_RETURNED));
}

int status_open(const char *s)
{
	return status_with_clerk(s) || (s && !strcmp(s, ST_PENDING));
}

const char *role_label(const char *r)
{
	const word *w = find(roles, N(roles), r);
	return w ? w->label : r;
}

int role_known(const char *r) { return find(roles, N(roles), r) != NULL; }

const char *roles_help(void)
{
	static char out[512];
	if (!out[0]) {
		size_t n = 0;
		for (size_t i = 0; i < N(roles) && n < sizeof out; i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s %s", i ? "、" : "", roles[i].id,
					      roles[i].label);
	}
	return out;
}

const char *kind_label(const char *k)
{
	const word *w = find(kinds, N(kinds), k);
	return w ? w->label : k;
}

const char *kind_verb(const char *k)
{
	const word *w = find(kinds, N(kinds), k);
	return w ? w->verb : k;
}

int kind_known(const char *k) { return find(kinds, N(kinds), k) != NULL; }

int kind_is_followup(const char *k) { return kind_known(k) && strcmp(k, KIND_APPLY) && !kind_is_report(k); }

int kind_is_report(const char *k) { return k && !strcmp(k, KIND_FORECAST); }

const char *event_label(const char *k)
{
	const word *w = find(events, N(events), k);
	return w ? w->label : k;
}

int event_is_signature(const char *k)
{
	return k && (!strcmp(k, EV_ACT) || !strcmp(k, EV_COSIGN) || !strcmp(k, EV_SUBMIT) || !strcmp(k, EV_WITHDRAW));
}
