#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Ops records what it delivered against each approved line: host name,
# IP address, ports, delivery date; a wrong address is refused with the
# reason; the record is in the history.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as yunwei
wait_for "云审"
keys 2 /
wait_for "搜索（单位、系统名称、文号、联系人、意见）"
type_text "徽州区文化旅游体育局"
keys Enter
wait_for "搜索：徽州区文化旅游体育局"
id=$(screen | grep -F "正式运行" | grep -F "徽州区文化旅游体育局" | awk '{print $1}')
[ -n "$id" ] || fail "no row"
keys d
wait_for "交付记录  申请 $id"
wait_for "vm[1]"
screen | grep -q "vm\[1\] *0/1" || fail "nothing delivered yet"
keys Enter
wait_for "vm[1] 主机名："
type_text "hz-wlj-web01"; keys Enter
wait_for "IP 地址："
type_text "10.34.1.300"; keys Enter
wait_for "端口"
type_text "443"; keys Enter
wait_for "交付日期"
keys Enter
wait_for "未记录：“10.34.1.300”不是有效的 IP 地址"
# What is recorded is asked first; Enter does not answer it, n records
# nothing, y records.
for answer in n y; do
	keys Enter
	wait_for "vm[1] 主机名："
	type_text "hz-wlj-web01"; keys Enter
	type_text "10.34.1.30"; keys Enter
	type_text "443"; keys Enter
	wait_for "交付日期"
	keys C-u
	type_text "2026-11-19"; keys Enter
	wait_for "记录交付：vm[1] 主机 hz-wlj-web01，IP 10.34.1.30，端口 443，交付日期 2026-11-19"
	wait_for "？（y 记录，n 取消）"    # the question wraps: all of it shows
	keys Enter
	wait_for "请按 y 确认，n 取消"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM deliveries WHERE app_id = '$id'")" = 0 ] || fail "recorded on Enter"
	keys $answer
	[ $answer = n ] && wait_for "未记录" && [ "$(sqlite3 "$DB" "SELECT count(*) FROM deliveries WHERE app_id = '$id'")" = 0 ] ||
		[ $answer = y ] || fail "recorded on n"
done
wait_for "已记录：vm[1] 主机 hz-wlj-web01"
wait_for "hz-wlj-web01     10.34.1.30"
screen | grep -q "vm\[1\] *1/1" || fail "delivered count"
keys Escape
wait_for "全部申请"
keys q
j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.history[#-1].label')" = "交付记录" ] || fail "history"
json_get "$j" '$.history[#-1].opinion' | grep -q "vm\[1\]：主机 hz-wlj-web01，IP 10.34.1.30，端口 443，交付日期 2026-11-19" || fail "record text"
[ "$(sqlite3 "$DB" "SELECT host||' '||ip||' '||ports||' '||delivered_on||' '||login FROM deliveries WHERE app_id = '$id'")" = \
  "hz-wlj-web01 10.34.1.30 443 2026-11-19 yunwei" ] || fail "deliveries row"
# A clerk may look but not record.
start -- --db "$DB" --as luru
wait_for "云审"
keys 2 /
type_text "徽州区文化旅游体育局"
keys Enter
wait_for "搜索：徽州区文化旅游体育局"
keys d
wait_for "交付记录  申请"
keys Enter
wait_for "luru 没有运维角色，不能记录交付"
echo ok
