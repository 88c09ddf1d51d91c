/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* screens.h - the screens, each in its own file, and the presentation
 * helpers they share (appinfo.c). Each returns UI_BACK or UI_QUIT. */
#ifndef YUNSHEN_UI_SCREENS_H
#define YUNSHEN_UI_SCREENS_H

#include "apps.h"
#include "pager.h"
#include "template.h"

int queue_run(int start_view);          /* queue.c: 待办 and other lists */
int detail_run(long long id);           /* detail.c: one application */
int history_run(long long id);          /* history.c: who, when, what, opinion */
/* dialog.c: the approval dialog; *signed_ set when something was signed. */
int dialog_run(long long id, int *signed_);
/* 撤回 of one's own latest signature on id (reason, then y). */
int recall_run(long long id);
/* The application the session signed last (dialog_run), 0 none: what
 * the queue's R takes back. */
extern long long recall_last_signed;
/* batch.c: signs the tagged ids with one choice and opinion, each on its
 * own; the ids signed are set to 0. */
int batch_run(long long *ids, int n, int *signed_);
/* form.c: a new application (id 0, of template t and kind) or a draft or
 * returned application to edit. */
int form_run(long long id, const template *t, const char *kind);
int form_new(void);                     /* form.c: pick a template first */

/* form.c: the follow-up forms a regulation allows on an application in
 * service (apply, done): 变更 (change), 注销/终止 (terminate), 延期 (renew),
 * each on its key, in every screen that offers them. */
typedef struct form_followup_kind {
	const char *kind;
	int key;
	const char *name, *bar, *help;  /* as in a ui_key */
} form_followup_kind;
extern const form_followup_kind form_followups[];   /* ends with kind NULL */
#define FORM_FOLLOWUPS 3
/* Opens a new form of that kind on application orig, prefilled from it
 * (fields whose ids match, orig_docno, a change's resource tables), saved
 * as a draft with parent = orig. Refuses on the status line when orig is
 * not in service, the login is no clerk for it or the template has no
 * such form. */
int form_followup(long long orig, const char *kind);
/* May the user file that follow-up on r now? */
int form_followup_ok(const app_rec *r, const char *kind);
/* A screen's key table: base (ending with cmd -1) with the follow-up keys
 * inserted before the entry whose cmd is `before` (or at the end), as
 * requests cmd0 + i. Only the kinds r's template has get help; only those
 * r allows now get a key-bar label. Returns the entries written (at most
 * max - 1, then the end mark). */
int form_followup_keys(ui_key *out, int max, const ui_key *base, int before, int cmd0,
		       const app_rec *r);
int ops_run(long long id);              /* ops.c: what was delivered */
/* due.c: 到期事项 for the login's roles. */
int due_run(void);
/* duty_close.c: closing one duty with its record (asked field by field,
 * confirmed, signed). */
struct duty_rec;
int due_close(const struct duty_rec *d);
/* record.c: the fields of a signed record asked one by one into vals,
 * with ids[i] = vp[i] pairs for the core; their count, -1 cancelled. */
int ui_ask_record(const tpl_field *fs, int n, char (*vals)[512], const char **ids, const char **vp, int max);
int ledger_run(void);                   /* ledger.c: 在用资源台账 */
int fees_run(void);                     /* fees.c: 服务费用、年度使用报表 */
int eval_run(void);                     /* eval.c: 服务考评与结算 */
int usage_run(void);                    /* usage.c: 资源利用率、闲置主机 */
/* excel.c: the printed form of one application, the monthly report. */
int export_form_run(long long id);
int export_month_run(void);

/* appinfo.c */
/* Working days: "超期 3 个工作日" / "今天到期" / "剩 2 个工作日" / "" (full), or
 * "超期3" / "剩2" for the queue's 工作日 column, and the attribute. */
void appinfo_left(const app_rec *r, ys_date today, int full, char *out, size_t n, int *attr,
		  int *overdue);
/* Appends one history event as pager lines (opinion wrapped). */
void appinfo_event(pager *p, const app_event *e, const tpl_flow *fl, int width);
/* The current step of r, or NULL. */
const tpl_step *appinfo_step(const app_rec *r);
/* Formats a value for reading: choices with boxes, ints with their unit. */
void appinfo_value(const tpl_field *f, const char *v, char *out, size_t n);
/* Can the user open r in the form (a clerk, draft or returned)? */
int appinfo_editable(const app_rec *r);

#endif
