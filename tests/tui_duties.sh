#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Life after approval on the screen: the queue's 到期事项 view (6) lists
# the login's duties with counts, most urgent first; x closes one with its
# record (a bad date refused, nothing lost); the detail shows each duty
# open and closed; a notice reads on its own page; L opens the ledger.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as yunwei
wait_for "我的待办"
keys 6
wait_for "到期事项·我的角色"
expect_screen due
# The counts in the title are the core's for the same list.
n=$(ys --as yunwei due --mine --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
screen | head -1 | grep -qF "共 $n 项" || fail "title count, expected $n"
# The most urgent first: the first row is the earliest due.
first=$(ys --as yunwei due --mine --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin)["duties"][0]; print(d["due"])')
screen | sed -n 3p | grep -qF "$first" || fail "first row not the earliest ($first)"

# 大同市统计局's 服务协议: x asks each field; a future date is refused and
# the duty stays open.
row=$(ys --as yunwei due --mine --json 2>/dev/null | python3 -c '
import json,sys
d=json.load(sys.stdin)["duties"]
print([i for i,x in enumerate(d) if x["duty"]=="agreement" and x["unit"]=="大同市统计局"][0])')
for i in $(seq 1 "$row"); do keys Down; done
wait_for "《政务云服务协议》备案（第十三条）"
keys x
wait_for "协议编号（必填）："
type_text "DT-XY-2026-14"; keys Enter
wait_for "签订日期（必填）："
keys Enter
wait_for "备案日期（必填）："
keys C-u; type_text "2026-12-30"; keys Enter
wait_for "办结“《政务云服务协议》备案”（已备案）并签署记录？"
keys y
wait_for "未办结：“备案日期”是 2026-12-30，晚于今天"
id=$(ys --as yunwei due --mine --json 2>/dev/null | python3 -c '
import json,sys
print([x["app"] for x in json.load(sys.stdin)["duties"] if x["duty"]=="agreement" and x["unit"]=="大同市统计局"][0])')
# Again with the right date: closed, signed, gone from the list.
keys x
wait_for "协议编号（必填）："
type_text "DT-XY-2026-14"; keys Enter
wait_for "签订日期（必填）："
keys Enter
wait_for "备案日期（必填）："
keys Enter
wait_for "并签署记录？"
keys y
wait_for "已办结“《政务云服务协议》备案”"
ys --as yunwei duty "$id" agreement 2>/dev/null | grep -qF "已办结：yunwei 于 2026-11-20" || fail "not closed in the database"
# The detail shows it closed with its record.
n2=$(ys --as yunwei due --mine --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
[ "$n2" = $((n - 1)) ] || fail "the list did not lose the closed duty ($n -> $n2)"
keys Escape
wait_for "我的待办"
keys 2 /
wait_for "搜索"
type_text "大同市统计局"; keys Enter
wait_for "搜索：大同市统计局"
# In service: the days of its most urgent duty in the 工作日 column, the
# duty itself on the bottom line.
screen | grep -F "大同市统计局" | grep -qE "超期[0-9]+天" || fail "queue row lacks the duty's days"
wait_for "下一到期事项：测试情况和等保备案证明报备"
keys Enter
wait_for "申请 $id"
for i in $(seq 1 8); do keys PageDown; done
wait_for "到期事项："
wait_for "《政务云服务协议》备案  期限"
screen | grep -F "《政务云服务协议》备案" | grep -qF "已办结" || fail "detail does not show it closed"
screen | grep -qF "测试情况和等保备案证明报备" || fail "detail lacks the open duty"
keys Escape Escape

# A notice on its own page (永嘉 使用期满前一个月通知).
keys 6 A
wait_for "到期事项·全部"
row=$(ys --as yunwei due --json 2>/dev/null | python3 -c '
import json,sys
d=json.load(sys.stdin)["duties"]
print([i for i,x in enumerate(d) if x["duty"]=="expiry_notice"][0])')
for i in $(seq 1 "$row"); do keys Down; done
wait_for "使用期满前一个月通知（第十四条）"
keys p
wait_for "使用期满通知"
wait_for "贵单位的“永嘉县智慧教育平台”"
keys Escape Escape

# The ledger, one key from the queue.
keys L
wait_for "在用资源台账  共"
wait_for "配置：主机"
expect_screen ledger
n3=$(ys --as yunwei ledger --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
screen | head -1 | grep -qF "共 $n3 个系统" || fail "ledger count, expected $n3"
keys Escape
wait_for "云审  全部申请"
keys q

# The clerk files 韶关's demand forecast as a form of its own, after the
# application forms in the new-form menu.
start -- --db "$DB" --as luru
wait_for "草稿"
keys n
wait_for "新建申请：选择辖区的申请表"
wait_for "韶关市“数字政府”政务云下一年度资源需求预估表"
# As many rows down as there are application forms (one per template).
for i in $(ys templates | awk '{print $1}'); do keys Down; done
keys Enter
wait_for "新建："
wait_for "预估年度"
keys Escape
echo "duties on screen ok"
