/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* batch.h - signing several applications with one opinion (the reviewer's
 * tagged rows, `act 12,15,16`): each still one workflow_act of its own,
 * with its own checks (four-eyes, scope, step) and its own record. */
#ifndef YUNSHEN_BATCH_H
#define YUNSHEN_BATCH_H

#include "workflow.h"

typedef struct batch_item {
	long long id;
	app_rec r;            /* as the signer saw it when the batch was made */
	int loaded;           /* r holds it (else why says why not) */
	int done;             /* signed */
	char why[1100];       /* not signed: the core's reason */
} batch_item;

/* Reads each application as u may see it. */
void batch_load(store *s, const user *u, batch_item *items, int n);
/* The signing actions every loaded application offers u now (by label,
 * in the first one's order); returns the count. */
int batch_actions(store *s, const user *u, const batch_item *items, int n, wf_action *out, int max);
/* Signs each loaded application with the action `action` (id or label),
 * at the step, round and version it was loaded with (step: at that step
 * instead, the CLI's --step): no step record and no capacity
 * acknowledgement are given, so a step that needs either is refused for
 * that application alone. Returns how many were signed. */
int batch_sign(store *s, const user *u, batch_item *items, int n, const char *step, const char *action,
	       const char *opinion, const char *now);

#endif
