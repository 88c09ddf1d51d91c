#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The live queue: when another session or the CLI commits, the queue, the
# detail and the dialog show it within a second or two, without a key,
# without moving the cursor off its row and without losing what is typed.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as shenhe
select_row "永嘉县市场监督管理局"          # 52
screen | grep -q "泰州市卫生健康委员会" && fail "38 already in the reviewer's queue"
ys --as shouli act 38 受理 --step 受理 --opinion 材料齐全 plan=是 request=是 >/dev/null 2>&1 ||
	ys --as shouli act 38 受理 --step 受理 --opinion 材料齐全 >/dev/null || fail "accept 38"
wait_for "泰州市卫生健康委员会" 3           # no key pressed
keys Enter
wait_for "申请 52  永嘉县市场监督管理局"    # the cursor stayed on 52
# The detail: a signature by another session moves its step on screen.
ys --as shenhe2 act 52 "$(json_get "$(ys show 52 --json)" '$.actions[0].id')" --step "$(json_get "$(ys show 52 --json)" '$.step')" \
	--opinion 另一位审核人已审 >/dev/null || fail "shenhe2 signs 52"
now=$(json_get "$(ys show 52 --json)" '$.step_name')
wait_for "当前环节：$now" 3      # rebuilt, at the same place on the page
keys Escape
# The dialog: the opinion being typed stays while another signs.
keys Home
select_row "徽州区市场监督管理局"          # 16
keys a
wait_for "此前意见"
type_text "正在写的意见"
ys --as shenhe2 act 16 同意 --step review --opinion 抢先签了 >/dev/null || fail "shenhe2 signs 16"
wait_for "抢先签了" 3
screen | grep -q "正在写的意见" || fail "the typed opinion was lost"
echo ok
