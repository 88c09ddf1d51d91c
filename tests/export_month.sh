#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The monthly report (yunshen export month): its errors, then the demo's
# months reopened with openpyxl - the sheets, the first sheet's states
# equal to what `yunshen list` shows, its counts, deadlines, resources and
# fees equal to the detail sheets, SUM formulas with their values, two
# charts on its own cells, frozen and filtered detail headers, real dates
# and numbers, text that stays text - a user limited to one jurisdiction
# seeing only it, and a price change reaching the fees.
. "${YS_SRCDIR:-.}/tests/lib.sh"
CHECK="$SRC/tests/export_check.py"
"$PY" -c "import openpyxl" || fail "python3-openpyxl is needed (apt-get install python3-openpyxl)"

ok --as admin demo

refused 2 "缺少 -o" --as admin export month 2026-11
refused 2 "月份“2026-13”无效" --as admin export month 2026-13 -o "$T/m.xlsx"
refused 2 "月份“2026-1”无效" --as admin export month 2026-1 -o "$T/m.xlsx"
refused 2 "月份“十一月”无效" --as admin export month 十一月 -o "$T/m.xlsx"
refused 1 "还没有开始" --as admin export month 2026-12 -o "$T/m.xlsx"
refused 1 "目录不存在" --as admin export month 2026-11 -o "$T/none/m.xlsx"
[ ! -e "$T/m.xlsx" ] || fail "a refused export left a file"

ok --as admin list --json
cp "$T/out" "$T/list.json"
for m in 2026-11 2026-10 2026-09 2026-08; do
	ok --as admin export month "$m" -o "$T/m$m.xlsx"
	has "已导出 ${m%-*}年"
	"$PY" "$CHECK" month "$T/m$m.xlsx" "$T/list.json" "$m" "$SRC/data/templates" || fail "month $m"
done
ok --as admin export month 2026-11 -o "$T/j.xlsx" --json
[ "$(jq_py 'd["export"]')" = month ] && [ "$(jq_py 'd["sheets"]')" = 6 ] || fail "export month --json: $(cat "$T/out")"
# A table longer than a sheet holds goes on over sheets of the same name,
# numbered, side by side, each with the header; no row is lost. (The
# limit is Excel's 1,048,576 rows; YUNSHEN_SHEET_ROWS makes it 7 here.)
YUNSHEN_SHEET_ROWS=7 ok --as admin export month 2026-11 -o "$T/split.xlsx"
"$PY" - "$T/j.xlsx" "$T/split.xlsx" <<'PY' || fail "a table split over sheets lost or changed rows"
import sys, openpyxl
whole, split = openpyxl.load_workbook(sys.argv[1]), openpyxl.load_workbook(sys.argv[2])
names = split.sheetnames
for base in ("申请明细", "签署记录", "在用资源台账", "费用明细"):
    parts = [n for n in names if n == base or n.startswith(base + " (")]
    want = list(whole[base].iter_rows(values_only=True))
    assert len(want) - 1 > 7, (base, "the demo month should need more than one sheet")
    assert parts == [base] + [f"{base} ({k})" for k in range(2, len(parts) + 1)], (base, parts)
    first = names.index(base)
    assert names[first:first + len(parts)] == parts, ("parts not side by side", names)
    got = []
    for p in parts:
        rows = list(split[p].iter_rows(values_only=True))
        assert rows[0] == want[0], (p, "header")
        assert 1 < len(rows) <= 8, (p, len(rows))
        assert split[p].auto_filter.ref, (p, "no filter")
        got += rows[1:]
    assert got == want[1:], (base, len(got), len(want) - 1)
print("split ok:", {b: sum(1 for n in names if n.startswith(b)) for b in ("申请明细", "签署记录")})
PY
# More parts than a workbook may take: the export fails, says so, and
# leaves no file (every write is checked; nothing is silently dropped).
YUNSHEN_SHEET_ROWS=1 refused 1 "没有生成文件" --as admin export month 2026-11 -o "$T/toomany.xlsx"
[ ! -e "$T/toomany.xlsx" ] || fail "a failed export left a file"
ls -a "$T" | grep -q '^\.toomany' && fail "a failed export left its temporary file"

# The ledger sheet is the ledger: the same systems, phases and billing.
ok --as admin ledger --json
"$PY" - "$T/j.xlsx" "$T/out" <<'PY' || fail "the month report's ledger sheet differs from yunshen ledger"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["在用资源台账"]
heads = [c.value for c in ws[1]]
got = [(r[0], r[heads.index("阶段")], r[heads.index("计费起")].strftime("%Y-%m-%d") if r[heads.index("计费起")] else "")
       for r in ws.iter_rows(min_row=2, values_only=True)]
want = [(s["id"], s["phase"], s["billing_from"]) for s in json.load(open(sys.argv[2]))["systems"]]
assert got == want, (got[:3], want[:3])
assert len(got) > 20, len(got)
PY

# A reviewer of one jurisdiction sees its figures only.
ok --as admin user add hzonly --role reviewer --scope huizhou
ok --as hzonly list --json
cp "$T/out" "$T/hz.json"
ok --as hzonly export month 2026-11 -o "$T/hz.xlsx"
"$PY" "$CHECK" month "$T/hz.xlsx" "$T/hz.json" 2026-11 "$SRC/data/templates" || fail "scoped month"
"$PY" - "$T/hz.xlsx" <<'PY' || fail "scoped report shows other jurisdictions"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
seen = set()
for ws in wb.worksheets[1:]:
    col = [c.column for c in ws[1] if c.value == "辖区"][0]
    seen |= {r[0].value for r in ws.iter_rows(min_row=2, min_col=col, max_col=col)}
assert seen <= {"黄山市徽州区"}, seen
assert "费用明细" not in wb.sheetnames
PY

# The administrator's price is what the fees use.
ok --as admin price set datong ecs_8c16g 999.5
ok --as admin export month 2026-11 -o "$T/p.xlsx"
"$PY" - "$T/p.xlsx" <<'PY' || fail "price change not in the fees"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["费用明细"]
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
assert any(r[5] == "云主机 8核/16G" and r[8] == 999.5 for r in rows), rows[:3]
PY

# On a terminal the CLI says how far it got, on stderr; piped, it keeps quiet.
script -qec "$YS --db $DB --as admin export month 2026-11 -o $T/tty.xlsx" /dev/null >"$T/tty.out" 2>&1 ||
	fail "export on a terminal: $(cat "$T/tty.out")"
grep -q "正在写入申请明细：[0-9]*/[0-9]* 行" "$T/tty.out" || fail "no progress on a terminal: $(cat "$T/tty.out")"
ok --as admin export month 2026-11 -o "$T/pipe.xlsx"
grep -q "正在写入" "$T/err" && fail "progress written to a pipe"

# Text typed by a clerk never becomes a formula in the report.
ok --as admin edit 13 'unit==HYPERLINK("http://evil.example","x")' 'address=@SUM(A1)'
ok --as admin export month 2026-11 -o "$T/s.xlsx"
"$PY" "$CHECK" safe "$T/s.xlsx" '=HYPERLINK("http://evil.example","x")' || fail "formula-looking unit"
echo "export month: ok"
