#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Batch work, mutt style: the 受理 clerk tags rows (Space, and T by text),
# untags (Ctrl-T), and signs the tagged ones with one choice and opinion
# after a list of what will be signed; each is signed on its own, so the
# two whose 受理 needs its own record of materials are refused, with the
# reason, and stay tagged.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
step() { json_get "$(ys show "$1" --json)" '$.step'; }
start -- --db "$DB" --as shouli
wait_for "我的待办"
wait_for "泰州市卫生健康委员会"
keys T
wait_for "标记含此文字的申请"
type_text "徽州区"
keys Enter
wait_for "标记了 2 件含“徽州区”的申请，共标记 2 件"
screen | grep -q "^.+ *14 .*徽州区卫生健康委员会" || fail "14 not marked"
screen | grep -q "^.+ *15 .*徽州区自然资源" || fail "15 not marked"
keys C-t
wait_for "已取消全部 2 件的标记"
screen | grep -q "^.+ " && fail "marks left after Ctrl-T"
keys T
type_text "徽州区"
keys Enter
wait_for "共标记 2 件"
select_row "泰州市卫生健康委员会"
keys Space
wait_for "已标记 3 件（A 批量签署）"
screen | grep -q "^.+ *38 " || fail "38 not marked"
keys A
wait_for "以哪个选择签署已标记的 3 件？"
keys Enter
wait_for "意见（3 件共用"
type_text "材料齐全，予以受理。"
keys Enter
wait_for "批量签署：以“受理”签署以下 3 件"
wait_for "意见：材料齐全，予以受理。"
screen | grep -q "38  泰政云审" || screen | grep -q " 38  " || fail "38 not listed"
keys Enter
sleep 0.5
[ "$(step 38)" = accept ] || fail "Enter signed"
keys y
wait_for "批量签署：已签署 1 件，未签署 2 件"
wait_for "须核对申请材料并逐项记录"
screen | grep -q "✓ *38 " || fail "38 not shown signed"
screen | grep -q "✗ *14 " || fail "14 not shown refused"
[ "$(step 38)" != accept ] || fail "38 not signed"
[ "$(step 14)" = accept ] && [ "$(step 15)" = accept ] || fail "14 or 15 signed without its record"
j=$(ys show 38 --json)
[ "$(json_get "$j" '$.history[#-1].login')" = shouli ] || fail "signer"
[ "$(json_get "$j" '$.history[#-1].opinion')" = "材料齐全，予以受理。" ] || fail "opinion"
keys Escape
wait_for "已标记 2 件（A 批量签署）"     # the refused stay tagged
wait_gone "泰州市卫生健康委员会"
# The list's search takes a 文号 as people type it: [2026] for 〔2026〕.
keys 2 /
type_text "泰政云审[2026]003"
keys Enter
wait_for "共 1 件"
screen | grep -q "泰州市市场监督管理局" || fail "文号 searched with [ ]"
echo ok
