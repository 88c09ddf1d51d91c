#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A reviewer finds an application in 我的待办 and signs it in the approval
# dialog; a leader approves it; it leaves their queues. Checked on screen
# and in the database through the CLI.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
id=16    # 徽州区市场监督管理局, waiting for 初审 (due today)
[ "$(json_get "$(ys show $id --json)" '$.step')" = review ] || fail "demo: $id not at review"

start -- --db "$DB" --as shenhe
wait_for "我的待办"
wait_for "徽州区市场监督管理局"
screen | grep -q "^\*.*$id 今天到期.*待初审" || fail "due-today mark and step on the row of $id"
screen | grep -q "^!.*超期" || fail "overdue mark"
keys Down a
wait_for "环节：初审"
wait_for "期限：2026-11-20  今天到期"
wait_for "王芳（shouli） 受理：受理"
type_text "材料齐全，同意上云。"
keys Tab Enter
wait_for "确认以“同意”签署申请 $id"
keys y
wait_for "已签署：申请 $id 同意"
wait_gone "徽州区市场监督管理局"
keys q
sleep 0.2

j=$(ys show $id --json)
[ "$(json_get "$j" '$.step')" = approve ] || fail "step after review: $(json_get "$j" '$.step')"
[ "$(json_get "$j" '$.history[#-1].login')" = shenhe ] || fail "signer"
[ "$(json_get "$j" '$.history[#-1].opinion')" = "材料齐全，同意上云。" ] || fail "opinion stored"

# The leader: the application waits in 我的待办; F3 shows the history;
# an opinion-required choice is refused without one.
start -- --db "$DB" --as lingdao
select_row "徽州区市场监督管理局"
keys Down Down Down Up Up Up Up Up
select_row "徽州区市场监督管理局"
keys a
wait_for "环节：领导审批"
wait_for "材料齐全，同意上云。"
keys F3
wait_for "的历史"
wait_for "张伟（shenhe） 初审：同意"
keys Escape
wait_for "环节：领导审批"
keys Tab Right Enter
wait_for "“退回补正”必须填写意见"
keys Tab Left Enter
wait_for "确认以“同意”签署申请 $id"
keys n
wait_for "未签署"
keys F2
wait_for "确认以“同意”签署申请 $id"
keys y
wait_for "已签署：申请 $id 同意"
wait_gone "徽州区市场监督管理局"
keys q

j=$(ys show $id --json)
[ "$(json_get "$j" '$.step')" = provision ] || fail "step after approval: $(json_get "$j" '$.step')"
[ "$(json_get "$j" '$.history[#-1].login')" = lingdao ] || fail "leader signed"
[ "$(ys list --mine --as lingdao --json | grep -c "\"id\":$id,")" = 0 ] || fail "still in the leader's queue"
echo "ok signing"

# `yunshen --demo` opens the queue on a fresh demo database; F1 lists
# every key of the screen; NO_COLOR sends no colour.
RAW=$T_DIR/raw
: >"$RAW"
T_ENV="NO_COLOR=1"
start -- --demo --as "demo$$"
tm pipe-pane -t ys -o "cat >>'$RAW'"
wait_for "我的待办"
wait_for "今天到期"
keys C-l F1
wait_for "按键说明：申请列表（待办）"
wait_for "我的待办：等我签署的申请，超期在前"
keys NPage
wait_for "按状态筛选"
keys Escape
wait_for "我的待办"
keys q
rm -f "/tmp/yunshen-demo-demo$$.db" "/tmp/yunshen-demo-demo$$.db-wal" "/tmp/yunshen-demo-demo$$.db-shm"
grep -q "我的待办" "$RAW" || fail "raw output"
# SGR sequences with a colour parameter (30-37, 40-47, 38;5, 48;5).
if grep -qaE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8])(;[0-9;]*)?m' "$RAW"; then fail "colours despite NO_COLOR"; fi
echo "ok demo, help, NO_COLOR"
