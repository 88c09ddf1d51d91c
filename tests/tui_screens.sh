#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The screens as a person meets them at 80x24, each compared with the
# expected screen kept beside the tests (tests/screens/*.txt): the queue,
# a prompt over it, the detail, the approval dialog, each template's form.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
id=16    # 徽州区市场监督管理局, waiting for 初审

start -- --db "$DB" --as shenhe
wait_for "我的待办"
wait_for "徽州区市场监督管理局"
expect_screen queue
# A prompt over the queue keeps the queue's own bottom line intact.
keys /
wait_for "搜索"
expect_screen queue_search
keys Escape
select_row "徽州区市场监督管理局"
keys Enter
wait_for "申请 $id"
expect_screen detail
keys a
wait_for "环节：初审"
expect_screen dialog
keys Escape Escape q

# Each template's new application form, as the clerk opens it: one
# expected screen per template present (form_ID.txt).
for t in $(ys templates | awk '{print $1}'); do
	start -- --db "$DB" --as luru
	wait_for "草稿"
	keys n
	wait_for "新建申请：选择辖区的申请表"
	pick_template "$t"
	wait_for "未保存"     # the form, new
	expect_screen "form_$t"
	keys Escape
done
# From 120 columns the queue has a 文号 column.
start 120 24 -- --db "$DB" --as shenhe
wait_for "文号"
expect_screen queue_wide
echo "screens ok"
