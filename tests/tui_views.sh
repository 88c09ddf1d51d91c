#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Named views in the queue: filter (t for a template, / for a search),
# V keeps it under a name, v opens it by number from any list, and the
# title says which view is open; deleting one asks y.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as shenhe
wait_for "我的待办"
keys v
wait_for "还没有保存的视图：筛选好列表后按 V 保存"
keys 2 t
wait_for "按模板（辖区）筛选"
keys 3          # the second template in the registry
sleep 0.3
keys /
type_text "卫生"
keys Enter
wait_for "搜索：卫生"
keys V
wait_for "保存为视图，名称："
type_text "卫生条线"
keys Enter
wait_for "已保存视图“卫生条线”（v 打开）"
wait_for "视图：卫生条线（全部申请）"
want=$(screen | sed -n '3,20p')
keys 1
wait_for "我的待办"
keys v
wait_for "我的视图（数字键或 Enter 打开）"
wait_for "1  卫生条线"
keys 1
wait_for "视图：卫生条线（全部申请）"
sleep 0.3
[ "$(screen | sed -n '3,20p')" = "$want" ] || fail "the view does not show what was saved"
[ "$(json_get "$(ys --as shenhe view --json)" '$.views[0].search')" = 卫生 ] || fail "saved search"
# A filter changed: no longer the view.
keys c
wait_gone "视图：卫生条线"
keys v
wait_for "（删去一个视图）"
keys 2
wait_for "删去哪一个视图"
keys Enter
wait_for "删去视图“卫生条线”？"
keys Enter
sleep 0.3
[ "$(json_get "$(ys --as shenhe view --json)" '$.count')" = 1 ] || fail "Enter deleted the view"
keys y
wait_for "已删去视图“卫生条线”"
[ "$(json_get "$(ys --as shenhe view --json)" '$.count')" = 0 ] || fail "view not deleted"
echo ok
