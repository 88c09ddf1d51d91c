#!/bin/sh
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
