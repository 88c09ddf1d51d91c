#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A template that does not load, as the staff meet it: the queue's bottom
# line names it, the other templates' work goes on, and its applications
# open read-only, their values shown by field id.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
cp -r "$YUNSHEN_DATADIR" "$T_DIR/data"
export YUNSHEN_DATADIR="$T_DIR/data"
demo_db
tz=$(ys list --template taizhou --json | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
[ -n "$tz" ] || fail "demo has no 泰州 application"
sed -i '0,/"required": true/s//"requried": true/' "$YUNSHEN_DATADIR/templates/taizhou.json"
start -- --db "$DB" --as guanli
wait_for "模板有错未载入（yunshen templates 查看）：taizhou"
keys 2
wait_for "全部申请"
keys /
type_text "泰州市"
keys Enter
select_row "泰州市"
keys Enter
wait_for "的模板 taizhou 未能载入（管理员修好模板文件后即可办理）"
wait_for "按存储的字段 id 显示"
wait_for "unit：泰州市"
keys q q
echo "tui templates ok"
