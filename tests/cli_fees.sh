#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Fees (大同 第七条、第十四条、第十六条、第三十条): billed from 交付确认 to the
# reclaim, prorated by day; a case never confirmed is not billed; a price
# changed mid-month applies from its date and the days before keep the old
# price; the month's detail, the yearly statement and the monthly report
# agree. Every figure is worked out here from the prices, not copied.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin init
for u in luru:clerk shenhe:reviewer shenhe2:reviewer yunwei:ops; do
	ok --as admin user add "${u%%:*}" --role "${u#*:}"
done
at() { YUNSHEN_NOW="$1"; export YUNSHEN_NOW; }
sign() {
	ok --as "$1" show "$2" --json
	ok --as "$1" act "$2" "$3" --step "$4" --opinion "${5:-同意。}" $(record_args)
}
provisioned() {
	ok --as luru import --again "$DEMO/datong-apply.json" --json
	id=$(jq_py 'd["imported"][0]')
	sign shenhe "$id" approve review
	sign yunwei "$id" done provision
}

at 2026-10-02T09:00
provisioned; a=$id      # confirmed on 10-10, reclaimed on 10-24
provisioned; b=$id      # never confirmed
provisioned; c=$id      # confirmed on 10-10, still running
at 2026-10-10T09:00
sign shenhe2 "$a" confirm confirm
sign shenhe2 "$c" confirm confirm
at 2026-10-20T09:00
ok --as luru followup "$a" terminate apply_date=2026-10-20 exit_type=注销政务信息系统 reason=系统整合 \
	exit_date=2026-10-24 resources=全部 data_handover=数据已导出移交
t=$(sed -n 's/.*草稿：申请 \([0-9]*\).*/\1/p' "$T/out")
ok --as luru act "$t" submit
sign shenhe "$t" approve review
at 2026-10-24T15:00
sign yunwei "$t" done reclaim

# A price changed from 10-15; set on 10-26, it leaves the days before alone.
at 2026-10-26T09:00
refused 1 "只有管理员可以修改单价" --as luru price set datong ecs_8c16g 999 --from 2026-10-15
refused 2 "日期“2026-02-30”无效" --as admin price set datong ecs_8c16g 999 --from 2026-02-30
ok --as admin price set datong ecs_8c16g 999 --from 2026-10-15
has "自 2026-10-15 起改为 999.00 元（此前的日子仍按原价）"
ok --as luru price list datong --on 2026-10-14 --json
[ "$(jq_py '[(p["price"], p["next"]) for p in d["prices"] if p["item"] == "ecs_8c16g"][0]')" = \
	"(580.0, {'from': '2026-10-15', 'price': 999.0})" ] || fail "price on 10-14: $(cat "$T/out")"
refused 2 "日期“十月”无效（格式 YYYY-MM-DD）" --as luru price list datong --on 十月
ok --as luru price list datong --on 2026-10-15 --json
[ "$(jq_py '[p["price"] for p in d["prices"] if p["item"] == "ecs_8c16g"][0]')" = 999.0 ] || fail "price on 10-15"

at 2026-11-20T10:00
ok --as luru fees --month 2026-10 --json
cp "$T/out" "$T/oct.json"
"$PY" - "$T/oct.json" "$a" "$b" "$c" <<'PY' || fail "October's fees: $(cat "$T/oct.json")"
import json, sys
d = json.load(open(sys.argv[1]))
a, b, c = (int(x) for x in sys.argv[2:5])
by = {f["id"]: f for f in d["fees"]}
assert b not in by, "never confirmed, yet billed"
# Confirmed 10-10, reclaimed 10-24: 10-10 to 10-23, the reclaim day not billed.
assert (by[a]["from"], by[a]["to"], by[a]["days"], by[a]["month_days"]) == ("2026-10-10", "2026-10-23", 14, 31), by[a]
assert (by[c]["from"], by[c]["to"], by[c]["days"]) == ("2026-10-10", "2026-10-31", 22), by[c]
for f in by.values():
    for it in f["items"]:
        assert it["amount"] == round(it["qty"] * it["price"] * it["days"] / 31 + 1e-9, 2), it
    assert abs(f["amount"] - sum(it["amount"] for it in f["items"])) < 0.005, f
# 8核/16G: 580 up to 10-14, 999 from 10-15.
seg = [(it["price"], it["from"], it["to"], it["days"]) for it in by[a]["items"] if it["item"] == "ecs_8c16g"]
assert seg == [(580.0, "2026-10-10", "2026-10-14", 5), (999.0, "2026-10-15", "2026-10-23", 9)], seg
other = [it for it in by[a]["items"] if it["item"] == "ecs_2c4g"]
assert other and other[0]["price"] == 160.0 and other[0]["days"] == 14, other
assert abs(d["total"] - by[a]["amount"] - by[c]["amount"]) < 0.005, d["total"]
PY

# The same in words, for the clerk at the counter.
ok --as luru fees --month 2026-10
has "计费 2026-10-10 起，止于 2026-10-24"
has "2026-10-10 至 2026-10-23，14/31 天"
has "云主机 8核/16G 3 台·月 × 999.00 元 × 9/31 ="
grep -q "#$b " "$T/out" && fail "never confirmed, yet listed"

# The yearly statement: each month once, a running system to today only.
ok --as luru fees --year 2026 --json
"$PY" - "$T/out" "$a" "$c" <<'PY' || fail "yearly statement: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
a, c = int(sys.argv[2]), int(sys.argv[3])
months = lambda i: [(f["month"], f["days"]) for f in d["fees"] if f["id"] == i]
assert months(a) == [("2026-10", 14)], months(a)
assert months(c) == [("2026-10", 22), ("2026-11", 20)], months(c)
PY
ok --as luru fees --year 2026 --unit "$(jq_py 'd["fees"][0]["unit"]')"
has "年度使用报表"
has "单位合计"

# Bad input is refused with what to type.
refused 2 "月份“2026-13”无效" --as luru fees --month 2026-13
refused 2 "年度“二〇二六”无效" --as luru fees --year 二〇二六
refused 2 "--month 和 --year 只能给一个" --as luru fees --month 2026-10 --year 2026
refused 2 "没有模板“nosuch”" --as luru fees --template nosuch

# The monthly report's fee sheet is the same fees, day by day.
ok --as admin export month 2026-10 -o "$T/m.xlsx"
"$PY" - "$T/m.xlsx" "$T/oct.json" "$b" <<'PY' || fail "the report's fees differ from yunshen fees"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
d = json.load(open(sys.argv[2]))
ws = wb["费用明细"]
head = [c.value for c in ws[2]] if ws.cell(1, 1).value and "费用明细" in str(ws.cell(1, 1).value) else [c.value for c in ws[1]]
rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
h = {name: i for i, name in enumerate(head)}
assert int(sys.argv[3]) not in {r[0] for r in rows}, "never confirmed, yet in the report"
got = round(sum(r[h["费用（元）"]] for r in rows), 2)
assert abs(got - d["total"]) < 0.005, (got, d["total"])
assert any(r[h["服务目录项目"]] == "云主机 8核/16G" and r[h["天数"]] == "9/31" and r[h["单价（元）"]] == 999 for r in rows), rows[:4]
PY
ok --as admin verify
echo "fees: ok"
