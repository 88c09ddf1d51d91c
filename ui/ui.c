/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* ui.c - the entry point: set the terminal up, open the queue (or the
 * drafts for a clerk who left some), and put the terminal back. */
#include "config.h"
#include <stdio.h>
#include <unistd.h>
#include "apps.h"
#include "views.h"
#include "screen.h"
#include "screens.h"
#include "ui.h"

int ui_run(store *s, const user *u, const char *db_path)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "yunshen: 终端界面需要一个终端（命令行用法见 yunshen --help）\n");
		return 1;
	}
	ui.s = s;
	ui.me = u;
	ui.db_path = db_path;
	if (ui_init()) {
		fprintf(stderr, "yunshen: 无法初始化终端（检查 TERM 环境变量）\n");
		return 1;
	}
	char msg[256];
	int view = view_start(s, u, clock_today(), msg, sizeof msg);
	if (msg[0])
		ui_status(0, "%s", msg);
	queue_run(view);
	ui_end();
	return 0;
}
