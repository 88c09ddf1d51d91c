#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The reviewer's own names on screen, 常用意见, 撤回 and 委托 as people
# meet them: the dialog names who signs (张伟（shenhe））; F4 lists the
# step's phrases and picks one by number, F6 keeps one's own; after a
# signature the status
# line offers R, which asks a reason (none is refused) and then y - Enter
# does not confirm; the history marks the signature 〔已撤回〕; a delegate's
# dialog and the history say 刘洋（shenhe2，代 陈静）.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
step() { json_get "$(ys show "$1" --json)" '$.step'; }
start -- --db "$DB" --as shenhe
select_row "徽州区市场监督管理局"
keys a
wait_for "签署人：张伟（shenhe）"
type_text "经审核，同意。"
keys F6
wait_for "已存为常用意见（F4 选用）"
keys F4
wait_for "常用意见：初审（数字键或 Enter 选用）"
wait_for "4  经审核，同意。　（我的）"
expect_screen phrases
keys 2
wait_for "已填入第 2 条常用意见"
wait_for "资源配置合理，同意。"
keys Tab 1
answer_record
wait_for "（签署人 张伟（shenhe））？"
keys y
wait_for "（签错了按 R 撤回）"
[ "$(step 16)" = approve ] || fail "16 not signed"
[ "$(json_get "$(ys show 16 --json)" '$.history[#-1].opinion')" = "资源配置合理，同意。" ] || fail "phrase not signed"
keys R
wait_for "撤回签署的理由（必填）："
keys Enter
wait_for "撤回签署须写明理由"
[ "$(step 16)" = approve ] || fail "recalled without a reason"
keys R
wait_for "撤回签署的理由（必填）："
type_text "材料页码有误"
keys Enter
wait_for "撤回您 2026-11-20 10:00 在申请 16 “初审”的签署“同意”"
keys Enter
sleep 0.5
[ "$(step 16)" = approve ] || fail "Enter confirmed the recall"
keys y
wait_for "已撤回签署，申请 16 回到“初审”"
[ "$(step 16)" = review ] || fail "16 not back at 初审"
wait_for "徽州区市场监督管理局"      # back in 我的待办
keys g
select_row "徽州区市场监督管理局"
keys h
wait_for "〔已撤回〕"
wait_for "初审：撤回本人的签署“同意”"
expect_screen history_recalled
# / finds on the page, n and N go on and back, round the end.
keys /
wait_for "查找："
type_text "撤回"
keys Enter
wait_for "“撤回”：第 1 处，共 2 处（n 下一处，N 上一处）"
keys n
wait_for "“撤回”：第 2 处，共 2 处"
keys n
wait_for "“撤回”：第 1 处，共 2 处"
keys N
wait_for "“撤回”：第 2 处，共 2 处"
keys /
wait_for "查找： 撤回"
keys C-u
type_text "没有的字"
keys Enter
wait_for "本页没有“没有的字”"
keys Escape
# Nothing since? R again says there is nothing of shenhe's to take back.
keys R
wait_for "最后一次办理不是您的签署"
keys q
ys --as shenhe act 16 同意 --step 初审 --opinion 同意 >/dev/null || fail "初审 again"
ys --as lingdao delegate shenhe2 --role leader --from 2026-11-20 --until 2026-11-27 >/dev/null || fail "delegation"
start -- --db "$DB" --as shenhe2
select_row "徽州区市场监督管理局"
keys a
wait_for "签署人：刘洋（shenhe2，代 陈静）"
type_text "同意开通"
keys Tab 1
answer_record
keys y
wait_for "已签署"
[ "$(json_get "$(ys show 16 --json)" '$.history[#-1].signer')" = "刘洋（shenhe2，代 陈静）" ] || fail "delegate's signer"
keys 2 g
select_row "徽州区市场监督管理局"
keys h
wait_for "刘洋（shenhe2，代 陈静） 领导审批：同意"
echo ok
