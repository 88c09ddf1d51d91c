/* screens.h - the screens, each in its own file, and the presentation
 * helpers they share (appinfo.c). Each returns UI_BACK or UI_QUIT. */
#ifndef YUNSHEN_UI_SCREENS_H
#define YUNSHEN_UI_SCREENS_H

#include "apps.h"
#include "pager.h"
#include "template.h"

int queue_run(int start_view);          /* queue.c: 待办 and other lists */
int detail_run(long long id);           /* detail.c: one application */
int history_run(long long id);          /* detail.c: who, when, what, opinion */
/* dialog.c: the approval dialog; *signed_ set when something was signed. */
int dialog_run(long long id, int *signed_);
/* form.c: a new application (id 0, of template t and kind) or a draft or
 * returned application to edit. */
int form_run(long long id, const template *t, const char *kind);
int form_new(void);                     /* form.c: pick a template first */
int ops_run(long long id);              /* ops.c: what was delivered */

/* appinfo.c */
/* "超期 3 天" / "今天到期" / "剩 2 天" / "" and the attribute to show it. */
void appinfo_left(const app_rec *r, ys_date today, char *out, size_t n, int *attr, int *overdue);
/* Appends one history event as pager lines (opinion wrapped). */
void appinfo_event(pager *p, const app_event *e, const tpl_flow *fl, int width);
/* The current step of r, or NULL. */
const tpl_step *appinfo_step(const app_rec *r);
/* Formats a value for reading: choices with boxes, ints with their unit. */
void appinfo_value(const tpl_field *f, const char *v, char *out, size_t n);
/* Can the user open r in the form (a clerk, draft or returned)? */
int appinfo_editable(const app_rec *r);

#endif
