#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Drafts survive: a hang-up (closed terminal, dropped SSH) in the middle
# of a field saves what was typed; a kill -9 loses at most the last couple
# of seconds; the clerk finds the draft when coming back.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
draft_field() {  # draft_field UNIT FIELD: the field of the clerk's draft of UNIT
	local id
	id=$(json_get "$(ys list --state draft --search "$1" --json)" '$.applications[0].id')
	[ -n "$id" ] || return 1
	json_get "$(ys show "$id" --json)" "\$.fields.$2"
}

# 1. Hang-up in the middle of the address.
start -- --db "$DB" --as luru
wait_for "云审"
keys n
wait_for "新建申请"
pick_template huizhou
wait_for "单位名称"
type_text "徽州区草稿测试局"
keys Tab
type_text "岩寺镇文峰"
wait_for "岩寺镇文峰"
tm kill-session -t ys          # SIGHUP to the program
i=0
until [ "$(draft_field 徽州区草稿测试局 address)" = "岩寺镇文峰" ]; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "address not saved on hang-up: $(draft_field 徽州区草稿测试局 address)"
	sleep 0.1
done

# 2. Back again: the drafts are shown first; Enter reopens it; type on.
start -- --db "$DB" --as luru
wait_for "您有未提交的草稿"
select_row "徽州区草稿测试局"
keys Enter
wait_for "岩寺镇文峰"
wait_for "徽州区草稿测试局"
keys Down
type_text "西路 88 号"
keys Tab
type_text "社会团体"   # not one of the choices: typing fills in 其他
# Saved while typing, without leaving the field:
i=0
until [ "$(draft_field 徽州区草稿测试局 unit_type)" = "社会团体" ]; do
	i=$((i + 1)); [ $i -lt 60 ] || fail "not saved while typing"
	sleep 0.1
done
[ "$(draft_field 徽州区草稿测试局 address)" = "岩寺镇文峰西路 88 号" ] || fail "address on leaving"
pid=$(tm display-message -p -t ys '#{pane_pid}')
kill -9 "$pid"

# 3. After kill -9 the draft is there too.
start -- --db "$DB" --as luru
wait_for "您有未提交的草稿"
select_row "徽州区草稿测试局"
keys Enter
wait_for "岩寺镇文峰西路 88 号"
wait_for "其他：社会团体"
keys Escape
wait_for "草稿已保存"
echo ok
