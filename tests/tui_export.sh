#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The printed form and the monthly report from the interface: p on an
# application, m for the month; the files land where the user said and
# open as workbooks with the expected sheets.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c "import openpyxl" 2>/dev/null || { echo "SKIP: no python3-openpyxl"; exit 77; }
demo_db
start -- --db "$DB" --as lingdao
wait_for "我的待办"
keys 2
wait_for "全部申请"
id=$(screen | awk '$1 ~ /^[0-9]+$/ {print $1; exit} $2 ~ /^[0-9]+$/ {print $2; exit}')
[ -n "$id" ] || fail "no row in 全部申请"
keys p
wait_for "保存到（.xlsx）："
wait_for "yunshen-form-$id.xlsx"
keys Enter
wait_for "已导出申请 $id 的打印表"
keys m
wait_for "月报月份（YYYY-MM）："
keys C-u
type_text "2026-13"
keys Enter
wait_for "月份“2026-13”无效"
keys m
wait_for "月报月份（YYYY-MM）："
keys Enter
wait_for "保存到（.xlsx）："
keys Enter
wait_for "已导出 2026-11 月报" 60
keys q

[ -s "$T_DIR/yunshen-form-$id.xlsx" ] || fail "form file missing"
[ -s "$T_DIR/yunshen-month-2026-11.xlsx" ] || fail "month file missing"
"$PY" - "$T_DIR/yunshen-form-$id.xlsx" "$T_DIR/yunshen-month-2026-11.xlsx" <<'PY' || fail "workbooks"
import sys, openpyxl
form = openpyxl.load_workbook(sys.argv[1])
assert form.worksheets[0].page_setup.paperSize in (9, "9"), form.worksheets[0].page_setup.paperSize
month = openpyxl.load_workbook(sys.argv[2])
assert month.sheetnames[0] == "概况", month.sheetnames
PY
echo ok
