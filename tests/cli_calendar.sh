#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The calendar beyond its table: a deadline in a year whose holidays are
# not yet published is counted with the fixed-date statutory holidays and
# shown 暂定, said once; `calendar import` brings the year in (our TSV or
# holiday-cn's JSON) and moves every open deadline it changes, each move
# an event.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin init
ok --as admin user add luru --role clerk
ok --as admin user add shouli --role acceptor
ok --as admin calendar
has "节假日表覆盖 2007–2026 年；2027–2029 年尚未公布"

# Submitted Tue 2026-12-29: 3 working days to 受理 are 12-30, 12-31 and,
# 2027-01-01 being 元旦, Mon 2027-01-04 — provisional.
YUNSHEN_NOW=2026-12-29T10:00 ok --as luru import "$DEMO/huizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
YUNSHEN_NOW=2026-12-29T10:00 ok --as shouli show "$id"
has "期限：2027-01-04（暂定）"
[ "$(grep -c 暂定 "$T/err")" = 1 ] || fail "the provisional year not said exactly once: $(cat "$T/err")"
YUNSHEN_NOW=2026-12-29T10:00 ok --as shouli list --json
[ "$(jq_py 'd["applications"][0]["deadline_provisional"]')" = True ] || fail "deadline_provisional"

YUNSHEN_NOW=2026-12-29T10:00 ok --as admin export month 2026-12 -o "$T/m.xlsx"
"$PY" - "$T/m.xlsx" <<'PY' || fail "the month report does not mark the provisional deadline"
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["申请明细"]
assert [r[11] for r in ws.iter_rows(min_row=2, values_only=True)] == ["2027-01-04（暂定）"]
PY

# Refused without a change: not an admin, a bad line, a year skipped.
printf '2027-01-04\toff\t元旦\n2027-02-20\twork\t春节调休\n' >"$T/2027.tsv"
before=$(dbsum)
refused 1 "只有管理员可以导入节假日安排" --as luru calendar import "$T/2027.tsv"
printf '2027-01-04\tholiday\t元旦\n' >"$T/bad.tsv"
refused 1 "第 1 行：类型“holiday”无效" --as admin calendar import "$T/bad.tsv"
printf '2028-05-01\toff\t劳动节\n' >"$T/2028.tsv"
refused 1 "缺少 2027 年的节假日安排" --as admin calendar import "$T/2028.tsv"
printf '{"year": 2027, "holidays": []}' >"$T/wrong.json"
refused 1 "不是 holiday-cn 的格式：缺少“days”数组" --as admin calendar import "$T/wrong.json"
printf '{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01"}]}' >"$T/half.json"
refused 1 "第 1 天：应有“date”和“isOffDay”" --as admin calendar import "$T/half.json"
[ "$(dbsum)" = "$before" ] || fail "a refused import changed the database"

# 2027 published (an example schedule, holiday-cn's JSON): 元旦 off Jan 1
# to Jan 4. The 受理 deadline moves to 2027-01-05, no longer provisional,
# and the move is in the history.
cat >"$T/2027.json" <<'JSON'
{"$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json", "year": 2027,
 "papers": [], "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
  {"name": "元旦", "date": "2027-01-04", "isOffDay": true},
  {"name": "春节", "date": "2027-02-06", "isOffDay": true},
  {"name": "春节", "date": "2027-02-20", "isOffDay": false}]}
JSON
YUNSHEN_NOW=2026-12-30T09:00 ok --as admin calendar import "$T/2027.json"
has "已导入 4 天的节假日安排，节假日表现覆盖 2007–2027 年；1 件在办申请的期限按新安排重新计算"
YUNSHEN_NOW=2026-12-30T09:00 ok --as shouli show "$id" --json
[ "$(jq_py 'd["deadline"], d["deadline_provisional"]')" = "2027-01-05 False" ] ||
	fail "deadline after the import: $(jq_py 'd["deadline"], d["deadline_provisional"]')"
jq_py '[(e["old"], e["new"]) for e in d["history"] if e["kind"]=="lifecycle"]' | grep -qF "('2027-01-04', '2027-01-05')" ||
	fail "the move is not in the history"
ok --as admin calendar
has "2007–2027 年；2028–2030 年尚未公布"
# The same year again in our TSV format: nothing moves twice.
printf '2027-01-01\toff\t元旦\n2027-01-04\toff\t元旦\n2027-02-06\toff\t春节\n2027-02-20\twork\t春节调休\n' >"$T/2027.tsv"
YUNSHEN_NOW=2026-12-30T09:00 ok --as admin calendar import "$T/2027.tsv"
has "0 件在办申请的期限"
ok --as admin verify
has "检查通过"

# The office's additions in confdir/holidays.tsv win over the shipped table
# (a local day off on Monday 2026-03-09), and a bad line names the file.
mkdir -p "$T/conf"
printf '# 本地调休\n2026-03-09\toff\t本地假日\n' > "$T/conf/holidays.tsv"
YUNSHEN_CONFDIR="$T/conf" ok workdays add 2026-03-06 1
has 2026-03-10
ok workdays add 2026-03-06 1
has 2026-03-09
printf '2026-03-09\tmaybe\t本地假日\n' > "$T/conf/holidays.tsv"
YUNSHEN_CONFDIR="$T/conf" refused 1 "$T/conf/holidays.tsv 第 1 行：类型“maybe”无效" workdays add 2026-03-06 1
# --help under --json stays the help text.
"$YS" --json --help > "$T/out"; has "用法：yunshen"
echo "calendar ok"
