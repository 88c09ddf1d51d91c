/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* vocab.h - the one vocabulary: application statuses, roles, kinds of
 * application and kinds of history event, each with its Chinese label.
 * These names are stored in the database; no other file spells them
 * (storage SQL aside), and the shells ask the predicates below instead
 * of comparing names. */
#ifndef YUNSHEN_VOCAB_H
#define YUNSHEN_VOCAB_H

/* Statuses. */
#define ST_DRAFT      "draft"
#define ST_PENDING    "pending"
#define ST_RETURNED   "returned"
#define ST_REJECTED   "rejected"
#define ST_DONE       "done"
#define ST_WITHDRAWN  "withdrawn"
#define ST_TERMINATED "terminated"

/* Roles (templates name the one that signs each step). */
#define ROLE_CLERK      "clerk"
#define ROLE_ACCEPTOR   "acceptor"
#define ROLE_REVIEWER   "reviewer"
#define ROLE_SUPERVISOR "supervisor"
#define ROLE_COUNTY     "county"
#define ROLE_LEADER     "leader"
#define ROLE_OPS        "ops"
#define ROLE_EXPERT     "expert"
#define ROLE_ADMIN      "admin"

/* Kinds of application. */
#define KIND_APPLY     "apply"
#define KIND_CHANGE    "change"
#define KIND_TERMINATE "terminate"
#define KIND_RENEW     "renew"
#define KIND_FORECAST  "forecast"  /* 韶关 第十七条: next year's demand, not a request */

/* The clerk's own actions (the review steps' come from the templates). */
#define ACT_SUBMIT   "submit"
#define ACT_WITHDRAW "withdraw"
/* A duty's closing record (duties.h). */
#define ACT_CLOSE    "close"

/* Kinds of history event. */
#define EV_CREATE    "create"
#define EV_EDIT      "edit"
#define EV_SUBMIT    "submit"
#define EV_ACT       "act"
#define EV_COSIGN    "cosign"    /* one of several signatures a step needs; it stays */
#define EV_WITHDRAW  "withdraw"
#define EV_LIFECYCLE "lifecycle"
#define EV_DELIVERY  "deliver"
#define EV_DUTY      "duty"      /* a duty's closing record (duties.h) */
#define EV_RECALL    "recall"    /* 撤回 of one's own signature: old the event's id */
/* The field of the lifecycle event that records a pool taken past its
 * warning line. */
#define WARN_CAPACITY "capacity"

/* Every status, in the order lists offer them; NULL-terminated. */
extern const char *const vocab_statuses[];
/* "草稿", "退回补正" …; a pending or done status is named by its step or
 * flow (apps_status_label), this is the generic word. */
const char *status_label(const char *status);
int status_known(const char *status);
/* Draft or returned: the clerk holds it. */
int status_with_clerk(const char *status);
/* Draft, pending or returned: not finished. */
int status_open(const char *status);

/* Every role, NULL-terminated. */
extern const char *const vocab_roles[];
const char *role_label(const char *role);           /* "leader" -> "领导" */
int role_known(const char *role);
/* "clerk、acceptor、…" with labels, for usage messages. */
const char *roles_help(void);

const char *kind_label(const char *kind);           /* "apply" -> "资源申请" */
const char *kind_verb(const char *kind);            /* "terminate" -> "注销" */
int kind_known(const char *kind);
int kind_is_followup(const char *kind);             /* change, terminate, renew */
/* A form of its own that asks for no resources (the demand forecast):
 * no duties, no ledger, no deliveries. */
int kind_is_report(const char *kind);

/* "录入", "修改", "提交" … for a history line. */
const char *event_label(const char *kind);
/* Is this event one of the signatures a dialog shows as an earlier opinion? */
int event_is_signature(const char *kind);

#endif
