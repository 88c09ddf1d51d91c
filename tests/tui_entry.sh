#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A clerk types as people write, without workarounds: the first key in a
# field with a default replaces it; full-width digits from an input method
# are digits; dates are taken in the forms people write and shown back as
# stored; Enter in a multi-line box starts a new line; F1 lists the option
# digits; a long label wraps instead of being cut.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db

# tab_to LABEL: Tab until the key hint (bottom line) names field LABEL.
# Its own Tab leaves the field before (a Tab sent ahead of it, unseen,
# would be a second one and pass LABEL by).
tab_to() {
	local i j before
	for i in $(seq 1 120); do
		screen | tail -n 2 | head -n 1 | grep -qF -- "$1" && return 0
		before=$(screen | tail -n 2 | head -n 1)
		keys Tab
		# one Tab at a time: wait for the field's hint to change (a slow
		# sanitizer build on a busy machine draws late, seconds late, and
		# Tabs sent ahead overshoot)
		for j in $(seq 1 200); do [ "$(screen | tail -n 2 | head -n 1)" != "$before" ] && continue 2; sleep 0.05; done
		fail "Tab did not move on from: $before"
	done
	fail "never reached field $1"
}

start -- --db "$DB" --as luru
wait_for "草稿"
keys n
wait_for "新建申请：选择辖区的申请表"
pick_template datong
wait_for "新建："
type_text "录入测试单位"
tab_to "申请日期"
type_text "2026/3/2"
keys Tab
wait_for "2026-03-02"           # shown back as stored, the moment it is left
tab_to "系统简介"
wait_for "Enter 换行，Tab 到下一栏"
type_text "第一行"
keys Enter
type_text "第二行"
tab_to "互联网带宽"
wait_for "（默认 0，直接输入即替换）"
type_text "２０"                 # full-width, as a Chinese input method types it
tab_to "弹性公网IP"
keys Right                       # moving the cursor keeps the default to edit
type_text "1"
keys Tab
# F1 names the digits that pick options.
keys F1
wait_for "1-9"
wait_for "按序号勾选第 1-9 个选项"
keys Escape
keys C-s
wait_for "草稿已保存：申请"
keys Escape
wait_for "草稿"
id=$(last_id)
j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.fields.apply_date')" = 2026-03-02 ] || fail "date: $(json_get "$j" '$.fields.apply_date')"
[ "$(json_get "$j" '$.fields.sys_desc')" = "第一行
第二行" ] || fail "box: $(json_get "$j" '$.fields.sys_desc')"
[ "$(json_get "$j" '$.fields.bandwidth')" = 20 ] || fail "bandwidth (default 0 replaced): $(json_get "$j" '$.fields.bandwidth')"
[ "$(json_get "$j" '$.fields.eip')" = 1 ] || fail "eip: $(json_get "$j" '$.fields.eip')"
keys q

# A table row's default: a typed 2 is 2 台, not 12.
start -- --db "$DB" --as luru
wait_for "草稿"
keys 3
wait_for "录入测试单位"
select_row "录入测试单位"
keys Enter
wait_for "大同市政务云资源申请表"
tab_to "数量"
type_text "2"
keys Tab C-s
wait_for "草稿已保存：申请 $id"
keys Escape
j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.tables.hosts[0].count')" = 2 ] || fail "count: $(json_get "$j" '$.tables.hosts[0].count')"
keys q

# 永嘉's four 云平台出口安全服务 lines read apart: each label whole.
start -- --db "$DB" --as luru
wait_for "草稿"
keys n
wait_for "新建申请：选择辖区的申请表"
pick_template yongjia
wait_for "新建："
for part in "DDOS 攻击" "云主机防护" "日志审计" "漏洞扫描"; do
	tab_to "$part"
	screen | head -n -3 | grep -qF -- "$part" || { screen; fail "label cut: $part"; }
done
keys Escape
echo "entry ok"
