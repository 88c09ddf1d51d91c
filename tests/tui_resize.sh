#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A resize in the middle of a form keeps what was typed, keys typed while
# the terminal is too small are not lost, and the layout follows the size.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as luru
wait_for "云审"
keys n
wait_for "新建申请"
pick_template huizhou
wait_for "单位名称"
type_text "徽州区尺寸测试局"
keys Tab
type_text "岩寺镇"
wait_for "岩寺镇"
tm resize-window -t ys -x 120 -y 40
wait_for "【需求背景描述】"
screen | grep -q "^\*地址 *岩寺镇" || fail "address after growing"
[ "$(screen | wc -l)" -ge 40 ] || fail "not 40 lines"
tm resize-window -t ys -x 80 -y 19
wait_for "终端太小（至少 80 列 20 行）"
type_text "文峰西路"
# 80x20 and 80x23 (an 80x24 terminal under tmux or screen) work: the form,
# its status line and key bar.
for h in 20 23; do
	tm resize-window -t ys -x 80 -y $h
	wait_for "岩寺镇文峰西路"
	[ "$(screen | wc -l)" = $h ] || fail "not $h lines"
	for i in $(seq 1 50); do screen | tail -1 | grep -q "^F1帮助 F2提交" && break; sleep 0.1; done
	screen | tail -1 | grep -q "^F1帮助 F2提交" || fail "key bar at 80x$h"
	screen | head -1 | grep -q "徽州区数据资源管理局政务云资源使用审批表" || fail "title at 80x$h"
done
tm resize-window -t ys -x 80 -y 24
wait_for "岩寺镇文峰西路"
screen | grep -q "徽州区尺寸测试局" || fail "unit after resizes"
# A burst of resizes, then type on.
for s in 90 100 85 81; do tm resize-window -t ys -x $s -y 24; done
tm resize-window -t ys -x 80 -y 24
type_text " 88 号"
wait_for "岩寺镇文峰西路 88 号"
keys Tab Escape
wait_for "草稿已保存"
# The queue, a detail page and the dialog at 80x20: the page's position
# sits on the status line, not over its last line.
tm resize-window -t ys -x 80 -y 20
keys 2
wait_for "全部申请"
keys Enter
wait_for "【"
for i in $(seq 1 50); do screen | sed -n 19p | grep -q "1-17/[0-9]* 行$" && break; sleep 0.1; done
screen | sed -n 19p | grep -q "1-17/[0-9]* 行$" || fail "position on the status line at 80x20"
screen | sed -n 18p | grep -q "行$" && fail "position over the page's last line at 80x20"
keys Escape
tm resize-window -t ys -x 80 -y 24
id=$(json_get "$(ys list --state draft --search 徽州区尺寸测试局 --json)" '$.applications[0].id')
[ "$(json_get "$(ys show "$id" --json)" '$.fields.address')" = "岩寺镇文峰西路 88 号" ] || fail "address stored"
echo ok
