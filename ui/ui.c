/* ui.c - the entry point: set the terminal up, open the queue (or the
 * drafts for a clerk who left some), and put the terminal back. */
#include "config.h"
#include <stdio.h>
#include <unistd.h>
#include "apps.h"
#include "drafts.h"
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
	int view = 0;
	long long latest;
	if (user_has(u, "clerk", NULL, NULL) && drafts_mine(s, u->login, &latest) > 0) {
		view = 2;
		ui_status(0, "您有未提交的草稿（申请 %lld 最近保存），按 Enter 继续填写", latest);
	} else if (user_has(u, "clerk", NULL, NULL) && u->nroles == 1) {
		/* A clerk's work: what came back for correction. */
		apps_filter f = { .status = "returned", .viewer = u, .today = clock_today() };
		ys_err e;
		long long n = apps_count(s, &f, &e);
		if (n > 0) {
			view = 4;
			ui_status(0, "有 %lld 件申请退回补正，按 Enter 打开修改后按 F2 重新提交", n);
		}
	}
	queue_run(view);
	ui_end();
	return 0;
}
