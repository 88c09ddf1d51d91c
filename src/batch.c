/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* batch.c - one opinion on several applications, each signed on its own. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "batch.h"

void batch_load(store *s, const user *u, batch_item *items, int n)
{
	for (int i = 0; i < n; i++) {
		ys_err e;
		batch_item *it = &items[i];
		it->done = 0;
		it->why[0] = '\0';
		it->loaded = apps_get_as(s, u, it->id, &it->r, &e) == 0;
		if (!it->loaded)
			snprintf(it->why, sizeof it->why, "%s", e.msg);
	}
}

/* The actions that sign a step: not submitting or withdrawing a draft. */
static int signs(const wf_action *a)
{
	return strcmp(a->id, ACT_SUBMIT) && strcmp(a->id, ACT_WITHDRAW);
}

int batch_actions(store *s, const user *u, const batch_item *items, int n, wf_action *out, int max)
{
	int nout = -1;
	for (int i = 0; i < n; i++) {
		if (!items[i].loaded)
			continue;
		wf_action mine[16];
		int m = workflow_actions(s, &items[i].r, u, mine, 16);
		if (nout < 0) {
			nout = 0;
			for (int j = 0; j < m && nout < max; j++)
				if (signs(&mine[j]))
					out[nout++] = mine[j];
			continue;
		}
		int keep = 0;
		for (int k = 0; k < nout; k++) {
			int found = 0;
			for (int j = 0; j < m && !found; j++)
				found = !strcmp(mine[j].label, out[k].label);
			if (found)
				out[keep++] = out[k];
		}
		nout = keep;
	}
	return nout < 0 ? 0 : nout;
}

int batch_sign(store *s, const user *u, batch_item *items, int n, const char *step, const char *action,
	       const char *opinion, const char *now)
{
	int signed_ = 0;
	for (int i = 0; i < n; i++) {
		batch_item *it = &items[i];
		if (!it->loaded)
			continue;
		/* The step, round and content shown when the batch was made: one
		 * signed or changed meanwhile is refused by the core, with who. */
		wf_seen seen = { it->r.step, it->r.round, it->r.version, 0 };
		if (step)
			seen = (wf_seen){ step, 0, 0, 0 };
		wf_record none = { NULL, NULL, 0 };
		ys_err e;
		if (workflow_act(s, u, it->id, &seen, action, opinion, &none, now, &e)) {
			snprintf(it->why, sizeof it->why, "%s", e.msg);
			continue;
		}
		it->done = 1;
		signed_++;
	}
	return signed_;
}
