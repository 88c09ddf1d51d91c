#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The provider's evaluation and the settlement (大同 第二十六条、第三十条):
# the office and the units score each axis per quarter, a score below 60
# only with a reason; a quarter's score is each axis's mean of the office's
# and the units' averages; the year's settlement pays the fees less the
# idle hosts' share at the share the year's score earns. Every figure is
# worked out here again from the parts.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin init
for u in luru:clerk shenhe:reviewer shenhe2:reviewer lingdao:leader yunwei:ops; do
	ok --as admin user add "${u%%:*}" --role "${u#*:}"
done
at() { YUNSHEN_NOW="$1"; export YUNSHEN_NOW; }
at 2026-09-01T09:00
ok --as luru import "$DEMO/datong-apply.json" --json
a=$(jq_py 'd["imported"][0]')
ok --as shenhe show "$a" --json
ok --as shenhe act "$a" approve --step review --opinion 同意 $(record_args)
ok --as yunwei deliver "$a" 'hosts[1]' --host dt-web01 --ip 10.5.0.1
ok --as yunwei show "$a" --json
ok --as yunwei act "$a" done --step provision --opinion 已开通 $(record_args)
at 2026-10-01T09:00
ok --as shenhe2 show "$a" --json
ok --as shenhe2 act "$a" confirm --step confirm --opinion 确认 $(record_args)
at 2026-11-20T10:00
printf '主机名,月份,CPU峰值\ndt-web01,2026-08,2\ndt-web01,2026-09,3\ndt-web01,2026-10,4\n' >"$T/u.csv"
ok --as yunwei usage import "$T/u.csv"

# Scores: who may, which axes, which periods, the low line.
refused 1 "yunwei 不是大同市的审核人、领导或主管部门" --as yunwei eval add datong 2026-Q3 response=90
refused 1 "没有考评方面“speed”；可用：response（服务响应）" --as lingdao eval add datong 2026-Q3 speed=90
refused 2 "考评期间“2026-10”无效（大同市考评按季度，如 2026-Q3）" --as lingdao eval add datong 2026-10 response=90
refused 2 "考评期间 2027-Q1 还没有开始" --as lingdao eval add datong 2027-Q1 response=90
refused 1 "分数 120 无效（应为 0 到 100）" --as lingdao eval add datong 2026-Q3 response=120
before=$(dbsum)
refused 1 "服务响应 50 分低于 60 分，须写明理由（--reason）" --as luru eval add datong 2026-Q4 --unit 大同市民政局 \
	response=50 quality=80 satisfaction=70 security=90
[ "$(dbsum)" = "$before" ] || fail "a refused score changed the database"
ok --as lingdao eval add datong 2026-Q3 response=92 quality=88 satisfaction=90 security=86
ok --as luru eval add datong 2026-Q3 --unit 大同市民政局 response=80 quality=84 satisfaction=86 security=90
ok --as lingdao eval add datong 2026-Q4 response=90 quality=90 satisfaction=90 security=90
ok --as luru eval add datong 2026-Q4 --unit 大同市民政局 --reason "10 月两次故障响应超过 2 小时" \
	response=50 quality=80 satisfaction=70 security=90
ok --as luru eval add datong 2026-Q4 --unit 大同市司法局 response=70 quality=80 satisfaction=80 security=80
ok --as lingdao eval datong --json
cp "$T/out" "$T/eval.json"
"$PY" - "$T/eval.json" <<'PY' || fail "scores: $(cat "$T/eval.json")"
import json, sys
d = {p["period"]: p for p in json.load(open(sys.argv[1]))["periods"]}
# Q3: each axis the mean of the office's score and the unit's.
q3 = {"response": (92 + 80) / 2, "quality": (88 + 84) / 2, "satisfaction": (90 + 86) / 2, "security": (86 + 90) / 2}
# Q4: the units' average first (两家), then with the office.
q4 = {"response": (90 + (50 + 70) / 2) / 2, "quality": (90 + 80) / 2, "satisfaction": (90 + 75) / 2, "security": (90 + 85) / 2}
for p, want in (("2026-Q3", q3), ("2026-Q4", q4)):
    assert d[p]["axes"] == want, (p, d[p]["axes"], want)
    assert abs(d[p]["score"] - sum(want.values()) / 4) < 0.01, (p, d[p]["score"])
PY
ok --as lingdao eval datong
has "2026-Q4 大同市民政局，luru 录入：服务响应 50 分：10 月两次故障响应超过 2 小时"

# The settlement: the year's fees, less the idle host's October share.
ok --as lingdao fees --year 2026 --json
cp "$T/out" "$T/fees.json"
ok --as lingdao show "$a" --json
hosts=$(jq_py 'd["totals"]["hosts"]')
ok --as lingdao settle datong 2026 --json -o "$T/settle.xlsx"
cp "$T/out" "$T/settle.json"
"$PY" - "$T/settle.json" "$T/fees.json" "$T/eval.json" "$hosts" "$T/settle.xlsx" <<'PY' || fail "settlement: $(cat "$T/settle.json")"
import json, sys, openpyxl
s, f, e = (json.load(open(p)) for p in sys.argv[1:4])
hosts = int(sys.argv[4])
assert abs(s["fees"] - f["total"]) < 0.005, (s["fees"], f["total"])
oct_fee = [m["amount"] for m in f["fees"] if m["month"] == "2026-10"][0]
assert abs(s["idle"] - round(oct_fee / hosts, 2)) < 0.005, (s["idle"], oct_fee, hosts)
score = sum(p["score"] for p in e["periods"]) / len(e["periods"])
assert abs(s["score"] - score) < 0.01, (s["score"], score)
pct = next(p for lo, p in ((90, 100), (80, 95), (70, 90), (60, 85), (0, 75)) if score >= lo)
assert s["pct"] == pct, (s["pct"], pct)
assert abs(s["payable"] - round((s["fees"] - s["idle"]) * pct / 100, 2)) < 0.006, s
wb = openpyxl.load_workbook(sys.argv[5])
assert wb.sheetnames == ["结算汇总", "费用明细", "考评"], wb.sheetnames
ws = wb["结算汇总"]
vals = {r[0]: r[1] for r in ws.iter_rows(min_row=5, max_row=10, values_only=True)}
assert abs(vals["应付金额（元）"] - s["payable"]) < 0.005 and vals["结算比例（%）"] == pct, vals
rows = [r for r in wb["费用明细"].iter_rows(min_row=2, values_only=True)]
assert abs(sum(r[4] for r in rows) - s["fees"]) < 0.01 and abs(sum(r[5] for r in rows) - s["idle"]) < 0.01, rows
assert any(r[5] == "10 月两次故障响应超过 2 小时" for r in wb["考评"].iter_rows(values_only=True)), "low reason missing"
PY
# Ten years of a province's 费用明细 pass a sheet's rows: they go on over
# 费用明细 (2) ... before 考评, the same rows in the same order.
YUNSHEN_SHEET_ROWS=1 ok --as lingdao settle datong 2026 -o "$T/split.xlsx"
"$PY" - "$T/settle.xlsx" "$T/split.xlsx" <<'PY' || fail "settlement 费用明细 split over sheets"
import sys, openpyxl
whole, split = openpyxl.load_workbook(sys.argv[1]), openpyxl.load_workbook(sys.argv[2])
want = list(whole["费用明细"].iter_rows(values_only=True))
parts = split.sheetnames[1:-1]
assert split.sheetnames[0] == "结算汇总" and split.sheetnames[-1] == "考评", split.sheetnames
assert parts == ["费用明细"] + [f"费用明细 ({k})" for k in range(2, len(parts) + 1)] and len(parts) > 1, parts
got = []
for p in parts:
    rows = list(split[p].iter_rows(values_only=True))
    assert rows[0] == want[0] and len(rows) == 2, (p, rows)
    got += rows[1:]
assert got == want[1:], (got, want)
PY
refused 1 "黄山市徽州区的模板没有结算规则" --as lingdao settle huizhou 2026
refused 2 "年度“明年”无效（如 2026）" --as lingdao settle datong 明年
refused 2 "年度“26”无效（如 2026）" --as lingdao eval datong --year 26
refused 2 "没有模板“nosuch”" --as lingdao eval nosuch
refused 1 "大同市 2025 年还没有服务考评，不能结算" --as lingdao settle datong 2025
echo "eval ok"
