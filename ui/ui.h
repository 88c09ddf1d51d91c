/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ui.h - the terminal interface: the one entry point main() calls. */
#ifndef YUNSHEN_UI_H
#define YUNSHEN_UI_H

#include "store.h"
#include "users.h"

/* Opens the interface for user u on store s until the user quits (or the
 * terminal hangs up, after drafts are saved). Returns an exit code. */
int ui_run(store *s, const user *u, const char *db_path);

#endif
