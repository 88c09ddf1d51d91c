#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# list, due and ledger as CSV for a spreadsheet: UTF-8 with a BOM (Excel
# reads it as UTF-8), or GB18030 with --gbk; one row per item with the
# same items as --json, text whole; a cell Excel would run as a formula
# shown as text; bad combinations refused.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin demo
# csv_rows FILE ENCODING: the rows as a Python list, header first.
csv_py() {   # csv_py FILE ENCODING EXPR: EXPR over r, the rows
	"$PY" -c "import csv,sys; r=list(csv.reader(open('$1', encoding='$2', newline=''))); print($3)"
}

for cmd in list due ledger; do
	"$YS" --db "$DB" --as admin $cmd --csv >"$T/$cmd.csv" 2>"$T/err" || fail "$cmd --csv: $(cat "$T/err")"
	head -c 3 "$T/$cmd.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "$cmd --csv has no UTF-8 BOM"
	ok --as admin $cmd --json
	n=$(jq_py 'd["count"]')
	[ "$n" -gt 0 ] || fail "demo has no $cmd items"
	[ "$(csv_py "$T/$cmd.csv" utf-8-sig 'len(r) - 1')" = "$n" ] ||
		fail "$cmd --csv has $(csv_py "$T/$cmd.csv" utf-8-sig 'len(r) - 1') rows, --json $n"
	[ "$(csv_py "$T/$cmd.csv" utf-8-sig 'len(set(len(x) for x in r))')" = 1 ] || fail "$cmd --csv rows of unequal width"
	# --gbk: the same table in GB18030, no BOM.
	"$YS" --db "$DB" --as admin $cmd --csv --gbk >"$T/$cmd.gbk.csv" 2>"$T/err" || fail "$cmd --csv --gbk: $(cat "$T/err")"
	head -c 3 "$T/$cmd.gbk.csv" | od -An -tx1 | grep -q "ef bb bf" && fail "$cmd --gbk carries a UTF-8 BOM"
	[ "$(csv_py "$T/$cmd.gbk.csv" gb18030 'r')" = "$(csv_py "$T/$cmd.csv" utf-8-sig 'r')" ] ||
		fail "$cmd --gbk differs from the UTF-8 table"
done

# list: the columns, the first row the same application as --json's first,
# the deadline as an ISO date and the time left in words without the "!"
# the terminal list marks overdue rows with.
ok --as admin list --json
first=$(jq_py 'd["applications"][0]["id"]')
[ "$(csv_py "$T/list.csv" utf-8-sig 'r[0]')" = "['编号', '辖区', '类型', '文号', '申请单位', '应用系统', '状态', '期限', '剩余']" ] ||
	fail "list --csv header: $(csv_py "$T/list.csv" utf-8-sig 'r[0]')"
[ "$(csv_py "$T/list.csv" utf-8-sig 'r[1][0]')" = "$first" ] || fail "list --csv first row is not application $first"
csv_py "$T/list.csv" utf-8-sig 'r[1][7]' | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' >/dev/null || fail "list --csv deadline not ISO"
csv_py "$T/list.csv" utf-8-sig 'r[1][8]' | grep -E '^超期 [0-9]+ 个工作日$' >/dev/null || fail "list --csv left: $(csv_py "$T/list.csv" utf-8-sig 'r[1][8]')"
# Text whole: a unit name longer than the terminal column survives.
long=$(jq_py 'max((a["unit"] for a in d["applications"]), key=len)')
csv_py "$T/list.csv" utf-8-sig '"\n".join(x[4] for x in r)' | grep -xF "$long" >/dev/null || fail "list --csv cut '$long'"

# ledger: the delivered hosts and the configuration in their cells.
ok --as admin ledger --json
sys=$(jq_py '[s for s in d["systems"] if s["delivered"]][0]["id"]')
host=$(jq_py '[s for s in d["systems"] if s["delivered"]][0]["delivered"][0]["host"]')
csv_py "$T/ledger.csv" utf-8-sig '[x for x in r if x[0] == "'"$sys"'"][0][15]' | grep -F "$host" >/dev/null ||
	fail "ledger --csv row $sys lacks host $host"
csv_py "$T/ledger.csv" utf-8-sig '[x for x in r if x[0] == "'"$sys"'"][0][5]' | grep "^主机 [0-9]* 台，vCPU" >/dev/null ||
	fail "ledger --csv configuration cell"

# A unit typed as a formula, with a comma and quotes: shown as the text it
# is, quoted, not run by the spreadsheet.
printf 'template,unit\nhuizhou,"=HYPERLINK(""http://x"",""点这里""),局"\n' >"$T/f.csv"
ok --as admin import --draft "$T/f.csv"
"$YS" --db "$DB" --as admin list --state draft --csv >"$T/d.csv" 2>"$T/err" || fail "list --state draft --csv: $(cat "$T/err")"
grep -qF '"'"'"'=HYPERLINK(""http://x"",""点这里""),局"' "$T/d.csv" || fail "formula unit not neutralised: $(cat "$T/d.csv")"
csv_py "$T/d.csv" utf-8-sig '"\n".join(x[4] for x in r)' | grep -xF "'=HYPERLINK(\"http://x\",\"点这里\"),局" >/dev/null ||
	fail "formula unit does not read back as its text"

# On a GBK terminal --csv stays the file's bytes (UTF-8, BOM), not converted.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$'; then
	LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as admin list --csv >"$T/t.csv" 2>"$T/err" || fail "--csv on a GBK terminal"
	"$YS" --db "$DB" --as admin list --csv >"$T/u.csv" 2>"$T/err" || fail "--csv: $(cat "$T/err")"
	cmp -s "$T/t.csv" "$T/u.csv" || fail "--csv converted on a GBK terminal"
fi

# A long listing is written out as it is read (memory constant in its
# length): 3,000 more applications, far past what one write holds, still
# make one valid JSON document with every item and its count, and one
# table, in UTF-8 and in GBK alike.
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO applications(template, kind, unit, system, status, step, role, deadline, round, created_at, created_by,
	updated_at) SELECT 'huizhou', 'apply', '批量单位' || i || '，“引号”', '批量系统' || i, 'pending', 'review', 'reviewer',
	date('2026-12-01', '+' || (i % 300) || ' days'), 1, '2026-11-01T09:00', 'luru', '2026-11-01T09:00' FROM n;" ||
	fail "generating rows"
ok --as admin list --json
[ "$(wc -c <"$T/out")" -gt 200000 ] || fail "the long listing is not long"
n=$(jq_py 'd["count"]')
[ "$(jq_py 'len(d["applications"]) == d["count"] and d["format_version"] == 1')" = True ] || fail "long list --json: count $n"
"$YS" --db "$DB" --as admin list --csv >"$T/long.csv" 2>"$T/err" || fail "long list --csv: $(cat "$T/err")"
"$YS" --db "$DB" --as admin list --csv --gbk >"$T/long.gbk.csv" 2>"$T/err" || fail "long list --csv --gbk: $(cat "$T/err")"
[ "$(csv_py "$T/long.csv" utf-8-sig 'len(r) - 1')" = "$n" ] || fail "long list --csv rows"
[ "$("$PY" -c "import sys; print(open(sys.argv[1], 'rb').read().count(b'\xef\xbb\xbf'))" "$T/long.csv")" = 1 ] ||
	fail "the BOM is not written once"
[ "$(csv_py "$T/long.gbk.csv" gb18030 'r')" = "$(csv_py "$T/long.csv" utf-8-sig 'r')" ] || fail "long --gbk differs"

# The same long list as lines passes the terminal edge in many writes,
# some ending inside a character: none is broken, in UTF-8 or on a GBK
# terminal.
ok --as admin list
grep -q '?' "$T/out" && fail "a character broken between writes: $(grep -m1 '?' "$T/out")"
[ "$(grep -c '批量单位' "$T/out")" = 3000 ] || fail "long list lost lines"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$'; then
	LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as admin list >"$T/gbk.txt" 2>"$T/err" || fail "long list on a GBK terminal"
	iconv -f GBK -t UTF-8 <"$T/gbk.txt" >"$T/gbk.utf8" || fail "long list on a GBK terminal is not GBK"
	[ "$(grep -c '批量单位' "$T/gbk.utf8")" = 3000 ] || fail "long GBK list lost lines"
fi

refused 2 "--gbk 只和 --csv 一起用" --as admin ledger --gbk
refused 2 "--csv 和 --json 只能选一个" --as admin due --csv --json
refused 2 "" --as admin show 1 --csv
echo "csv: list, due and ledger open in a spreadsheet, UTF-8 or GBK"
