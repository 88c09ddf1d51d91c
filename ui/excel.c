/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* excel.c - the Excel exports from the interface: the printed form of one
 * application and the monthly report, written where the user says (by
 * default into the directory yunshen was started from). The work is the
 * same core functions `yunshen export` calls. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "export.h"
#include "screen.h"
#include "screens.h"

/* Asks for the file, offering `name` in the current directory; a file
 * already there is overwritten only when the user says so. */
static int ask_path(const char *name, char *out, size_t n)
{
	char cwd[2048], init[2600];
	if (!getcwd(cwd, sizeof cwd))
		snprintf(cwd, sizeof cwd, ".");
	snprintf(init, sizeof init, "%s/%s", cwd, name);
	if (ui_input("保存到（.xlsx）：", init, out, n))
		return -1;
	if (access(out, F_OK) == 0) {
		char q[2800];
		snprintf(q, sizeof q, "文件 %s 已存在，覆盖？（y 覆盖，n 取消）", out);
		if (!ui_confirm(q)) {
			ui_status(0, "未导出");
			return -1;
		}
	}
	return 0;
}

int export_form_run(long long id)
{
	char name[128], path[2600], now[17];
	export_form_filename(id, name, sizeof name);
	if (ask_path(name, path, sizeof path))
		return UI_STAY;
	ui_now(now);
	ys_err e;
	if (export_form(ui.s, ui.me, id, now, path, &e))
		ui_status(1, "导出失败：%s", e.msg);
	else
		ui_status(0, "已导出申请 %lld 的打印表：%s", id, path);
	return UI_STAY;
}

int export_month_run(void)
{
	char now[17], month[16], name[128], path[2600];
	ui_now(now);
	snprintf(month, sizeof month, "%.7s", now);
	if (ui_input("月报月份（YYYY-MM）：", month, month, sizeof month))
		return UI_STAY;
	ys_date d;
	if (date_parse_month(month, &d)) {
		ui_status(1, "月份“%s”无效（格式 YYYY-MM，如 2026-11）", month);
		return UI_STAY;
	}
	export_month_filename(month, name, sizeof name);
	if (ask_path(name, path, sizeof path))
		return UI_STAY;
	ui_busy("正在导出 %s 月报……", month);
	ys_err e;
	export_month_info info = { .progress = ui_progress };
	if (export_month(ui.s, ui.me, month, now, path, &info, &e))
		ui_status(1, "导出失败：%s", e.msg);
	else
		ui_status(0, "已导出 %s 月报（%lld 件申请）：%s", month, info.apps, path);
	return UI_STAY;
}
