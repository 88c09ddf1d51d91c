#!/bin/bash
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
tm resize-window -t ys -x 60 -y 20
wait_for "终端太小（至少 80x24）"
type_text "文峰西路"
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
id=$(json_get "$(ys list --state draft --search 徽州区尺寸测试局 --json)" '$.applications[0].id')
[ "$(json_get "$(ys show "$id" --json)" '$.fields.address')" = "岩寺镇文峰西路 88 号" ] || fail "address stored"
echo ok
