#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 服务考评与结算 one key from the queue: the demo's last-quarter scores by
# the office and two units, the low score with its reason, and 大同's
# settlement by its rule, as `yunshen eval` and `yunshen settle` print them.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as lingdao
wait_for "我的待办"
keys E
wait_for "服务考评与结算  2026 年"
wait_for "大同市 服务考评（2026，第二十六条）"
expect_screen eval
payable=$(ys --as lingdao settle datong 2026 --json | python3 -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["payable"])')
keys NPage
wait_for "$payable 元"
keys [
wait_for "服务考评与结算  2025 年"
wait_for "还没有考评"
keys ]
wait_for "服务考评与结算  2026 年"
keys Escape
wait_for "我的待办"
keys q
echo "tui eval ok"
