#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 资源利用率 one key from the queue: the demo's idle host (CPU peak below 5%
# three months running) and each host's latest month; the idle unit's new
# application tells the reviewer before the signature (大同 第二十七条).
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
start -- --db "$DB" --as shenhe
wait_for "我的待办"
keys U
wait_for "资源利用率"
wait_for "闲置主机（按模板的闲置规则，如 CPU 峰值连续 3 个月低于 5%）：1 台"
expect_screen usage
keys Escape
wait_for "我的待办"
select_row "大同市文化和旅游局"
keys Enter
wait_for "闲置资源：该单位有闲置资源：#7 大同市医保智能监管系统 datong7-1"
keys Escape
wait_for "我的待办"
keys q
echo "tui usage ok"
