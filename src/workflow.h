/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* workflow.h - moving an application along its template's review chain.
 * Every transition is one transaction that records who (OS login), when,
 * the opinion and the deadline of the step signed. */
#ifndef YUNSHEN_WORKFLOW_H
#define YUNSHEN_WORKFLOW_H

#include "apps.h"
#include "users.h"

typedef struct wf_action {
	char id[32], label[64];
	int opinion_required;
	int records;          /* it moves the application on: the step's record
			       * (step_record_fields) is asked and required */
} wf_action;

/* What u may do now with the application (submit, withdraw, or the
 * current step's actions); returns the count. Roles, scope and the
 * four-eyes rule are applied, so the list is exactly the allowed choices. */
int workflow_actions(store *s, const app_rec *r, const user *u, wf_action *out, int max);

/* What a signer saw: the step (id or name), and when not 0 the round and
 * the content's version. */
typedef struct wf_seen {
	const char *step;
	int round;
	long long version;
	int capacity_ack;       /* the signer was told what approving does to the
				 * pool (capacity.h) and approves all the same */
} wf_seen;

/* Does action `action` (an action id or its Chinese label) with an
 * opinion (blanks around it trimmed; all blank is none). A signature names
 * what the signer saw: if the application has moved on meanwhile (another
 * step, round or content) it is refused, saying who signed or changed it
 * and when, and nothing changes. submit and withdraw take seen = NULL.
 * Refusals say why: wrong state, missing role, four-eyes, missing
 * opinion, an invalid form on submit. */
/* What the signer fills in at the step (step_record_fields: the materials
 * 受理 confirms, 大同's 交付确认函): values by field id or label. Moving the
 * application on (next, done) needs its required ones; any action keeps
 * what is given. */
typedef struct wf_record {
	const char *const *ids;
	const char *const *vals;
	int n;
} wf_record;

int workflow_act(store *s, const user *u, long long id, const wf_seen *seen, const char *action,
		 const char *opinion, const wf_record *rec, const char *now, ys_err *err);

/* The same, inside a transaction the caller holds (import, demo). */
int workflow_do(store *s, const user *u, long long id, const wf_seen *seen, const char *action,
		const char *opinion, const wf_record *rec, const char *now, ys_err *err);

/* A step several must sign (signers.need in the template): who has
 * co-signed since it was entered, and how many it needs (the holders of
 * its role for "all"); n 0 and need 1 for a step of one signer. The
 * signature that makes up the number moves the application on; each one
 * before it is an EV_COSIGN event and the application stays. A return,
 * refusal or extension by any one of them acts at once. */
#define WF_COSIGN_MAX 50
typedef struct wf_cosign {
	int n, need;
	char login[WF_COSIGN_MAX][64];
} wf_cosign;
int workflow_cosigns(store *s, const app_rec *r, wf_cosign *out, ys_err *err);
/* Is action id of step sp an extension (it leaves the step where it was)? */
int workflow_is_extension(const tpl_step *sp, const char *action);
/* Does event e end the co-signatures standing on a step (a signature that
 * moved it, a submission, an edit of what they signed)? */
int workflow_ends_cosigns(const tpl_step *sp, const app_event *e);

/* The approved configuration (大同 第十二条 审核后的云资源需求, 永嘉's 审核
 * column): the requested data req with the values the approving step's
 * last signature in r's round set. *out NULL (0 returned) while no step
 * that approves has been signed; its name into step. */
/* Event e's step if it is a signature of round that approves (its record
 * is the approved configuration, the last such one counting), else NULL. */
const tpl_step *workflow_approves(const tpl_flow *fl, int round, const app_event *e);
int workflow_approved(store *s, const app_rec *r, const app_data *req, app_data **out, char *step, size_t n,
		      ys_err *err);

/* For a step with a minimum stay (试运行不少于 30 个日历天): the first
 * day it may be moved on, into out; returns 0 when the step has none. */
int workflow_not_before(const app_rec *r, char out[11]);

/* The deadline of r's current step counted again from how it started (its
 * base day and every extension since) with the calendar as it is now; -1
 * when the step has none. */
int workflow_recount_deadline(store *s, const app_rec *r, char out[11]);

/* Four-eyes: 1 when u may not sign the current step because u signed the
 * review step before it, 0 when u may, -1 when the history cannot be read
 * (a refusal too); out gets the reason. */
int workflow_four_eyes(store *s, const app_rec *r, const user *u, char *out, size_t n);

/* Does an opinion do for an action (its label, whether one is required)?
 * Blanks around it do not count; at most WF_OPINION_MAX characters. 1 with
 * the reason in why when it does not. */
#define WF_OPINION_MAX 2000
int workflow_opinion_check(const char *label, int required, const char *opinion, char *why, size_t n);

/* 撤回: u takes back its own latest signature on r while nothing has
 * happened to the application since (the next step has not acted, the
 * clerk has not resubmitted, nothing was delivered or edited). It returns
 * to the step as it was before the signature; the history keeps the
 * signature, marked recalled, and the recall with its reason. A final
 * approval of a change or termination, which has already acted on the
 * original, is not taken back. workflow_recallable: 1 with the signature
 * into sig, or 0 with why not. */
int workflow_recallable(store *s, const app_rec *r, const user *u, app_event *sig, char *why, size_t n);
int workflow_recall(store *s, const user *u, long long id, const char *reason, const char *now, ys_err *err);
/* Does reason do for a recall? 1 with why when it does not. */
int workflow_recall_reason_check(const char *reason, char *why, size_t n);

/* Who u signs r's current step as, the way the record will say it:
 * 张三（zhangsan）, or 张三（zhangsan，代 李四） by delegation. */
void workflow_signer(store *s, const app_rec *r, const user *u, char *out, size_t n);

/* Why u can do nothing with r now (into why): four-eyes, status, missing
 * role. 0 (why "") when u has actions. The screens and the CLI show it. */
int workflow_why_not(store *s, const app_rec *r, const user *u, char *why, size_t n);

#endif
