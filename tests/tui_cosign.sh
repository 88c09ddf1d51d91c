#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 大同 第十二条 on screen: an expert co-signs the 专家论证 of the demo's
# 大同市公安局 (the second of three), sees who signed in the detail, and has
# nothing left to sign; the reviewer then approves a configuration item by
# item in the dialog, and the detail shows what was approved beside what
# was asked.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
id=$(sqlite3 "$DB" "SELECT id FROM applications WHERE unit='大同市公安局' AND kind='apply'")
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = expert ] || fail "demo: $id not in expert review"

# ---- the second expert ----
start -- --db "$DB" --as zhuanjia2
wait_for "我的待办"
select_row "大同市公安局"
keys Enter
wait_for "当前环节：专家论证（专家会签，已签 1/3：吴刚（zhuanjia1））"
keys a
wait_for "环节：专家论证"
type_text "资源测算依据充分。"
keys Tab Enter
wait_for "确认以“论证通过”签署申请 $id"
keys y
wait_for "已签署：申请 $id"
keys q
sleep 0.2
[ "$(json_get "$(ys show "$id" --json)" '$.cosign.by')" = '["zhuanjia1","zhuanjia2"]' ] || fail "co-signers: $(ys show "$id" --json)"
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = expert ] || fail "moved on with two of three"

# Signed once, nothing left: the detail says whose turn it is.
start -- --db "$DB" --as zhuanjia2
keys 2
select_row "大同市公安局"
keys Enter
wait_for "专家会签，已签 2/3：吴刚（zhuanjia1）、孙丽（zhuanjia2）"
# Scrolled line by line over wide text, the screen is what a full repaint
# (Ctrl-L) draws: no halves of characters left behind.
for i in $(seq 1 40); do keys Down; done
sleep 1
scrolled=$(screen)
keys C-l
sleep 0.5
[ "$(screen)" = "$scrolled" ] || { diff <(echo "$scrolled") <(screen) >&2; fail "scrolling left the screen unlike its repaint"; }
keys Home
keys a
wait_for "zhuanjia2 已会签“专家论证”（2/3），等待其他专家签署"
keys q

# ---- the third, then the reviewer approves item by item ----
ys --as zhuanjia3 act "$id" agree --step expert --opinion 同意 >/dev/null || fail "third expert"
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = review ] || fail "not back at 资源审核 after three"
start -- --db "$DB" --as shenhe
wait_for "我的待办"
select_row "大同市公安局"
keys a
wait_for "环节：资源审核"
type_text "按专家论证意见核定。"
keys Tab Enter
# The materials, each 是; then the approved configuration: item by item.
answer_record "审核后的配置："
wait_for "审核后的配置："
wait_for "按申请核定，不调整"
keys Down Enter
wait_for "审核：互联网带宽"
keys C-u
type_text "10"
keys Enter
# Everything else as asked: blank lines, 按申请核定 on the lists.
answer_record
keys y
wait_for "已签署：申请 $id"
keys 2
select_row "大同市公安局"
keys Enter
wait_for "当前环节：开通资源"
keys End              # the approved line follows the totals, near the end
wait_for "审核核定（资源审核）："
wait_for "调整：互联网带宽 20Mbps→10Mbps"
keys q
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = provision ] || fail "not provisioning after the approval"
echo "tui cosign ok"
