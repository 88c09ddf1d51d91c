#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 服务费用 one key from the queue: this month one line a system, [ for
# the month before, i item by item, y for the year's statement, the same
# figures as `yunshen fees`.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as guanli
wait_for "云审"
keys F
wait_for "服务费用  2026年11月"
wait_for "单位合计"
expect_screen fees
keys [
wait_for "服务费用  2026年10月"
# 大同市文化和旅游局's system was confirmed on 10-14: 18 of October's 31 days;
# 大同市司法局's, first on the page, on 10-10: 22 days, item by item on i.
wait_for "2026-10  18/31 天"
keys i
wait_for "2026-10-10 至 2026-10-31，22/31 天"
wait_for "云主机 8核/16G 3 台·月 × 580.00 元 × 22/31 = 1234.84 元"
keys y
wait_for "2026年1月至12月  年度使用报表"
total=$(ys --as guanli fees --year 2026 --json | python3 -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["total"])')
wait_for "合计 $total 元"
keys ]
wait_for "服务费用  2027年1月至12月  年度使用报表"
wait_for "这段时间没有计费的系统"
keys Escape
wait_gone "服务费用"
keys q
echo "tui fees ok"
