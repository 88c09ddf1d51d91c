#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The whole way through the terminal interface: a clerk copies a 徽州
# paper form with two VMs into the form screen and submits it; the
# acceptor accepts it, the reviewer and the leader approve it, and it
# leaves each one's queue. The database must hold exactly the paper form.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
paper=$T_DIR/paper.json
sqlite3 :memory: "SELECT json_set(json_remove(CAST(readfile('$YS_SRCDIR/data/demo/huizhou-apply.json') AS TEXT),
	'\$.tables.vm[2]'), '\$.fields.unit', '徽州区测试教育局');" >"$paper"

start -- --db "$DB" --as luru
wait_for "云审"
keys n
wait_for "新建申请：选择辖区的申请表"
pick_template huizhou
wait_for "【申请单位基本信息】"
wait_for "单位名称"
fill_paper "$YS_SRCDIR/data/templates/huizhou.json" "$paper"
wait_for "合计：主机 2 台，vCPU 16 核，内存 32 GB，存储 4496 GB"
keys F2
wait_for "提交申请"
keys y
wait_for "已提交：申请"
id=$(last_id)
keys q

j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.status')" = pending ] || fail "not submitted"
[ "$(json_get "$j" '$.step')" = accept ] || fail "not at 受理"
[ "$(json_get "$j" '$.totals.hosts')" = 2 ] || fail "hosts"
ys import --draft "$paper" >/dev/null || fail "import paper"
same_form "$id" "$(last_id)"

# 受理 asks the materials one by one: Esc leaves it unsigned, a material
# answered 否 is refused by the core and nothing is signed.
start -- --db "$DB" --as shouli
select_row 徽州区测试教育局
keys a
wait_for "此前意见"
keys Tab 1
wait_for "申请公函（须为是）"
keys Escape
wait_for "未签署"
keys 1                            # still on the choices
wait_for "申请公函（须为是）"
keys Down Enter
answer_record
keys y
wait_for "“申请公函”应为“是”"
keys Escape q
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = accept ] || fail "signed with a material missing"
sign_as shouli 徽州区测试教育局 1 ""
[ "$(json_get "$(ys show "$id" --json)" '$.step')" = review ] || fail "not at 初审"
sign_as shenhe 徽州区测试教育局 1 "同意。"
sign_as lingdao 徽州区测试教育局 1 "同意上云。"
j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.step')" = provision ] || fail "not approved: $(json_get "$j" '$.step')"
[ "$(json_get "$j" '$.history[#-1].opinion')" = "同意上云。" ] || fail "leader's opinion"
echo ok
