#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Importing paper forms typed elsewhere: good files land whole, bad files
# are refused with a message naming file, application and field, and the
# database is left exactly as it was.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add acc1 --role acceptor
ok --as clerk1 import "$DEMO/huizhou-apply.json"
grep -q "正在导入" "$T/err" && fail "import progress written to a pipe"
# On a terminal import and verify say how far they got, on stderr.
script -qec "$YS --db $DB --as clerk1 import $DEMO/huizhou-apply.json --draft --again" /dev/null >"$T/tty.out" 2>&1 ||
	fail "import on a terminal: $(cat "$T/tty.out")"
grep -q "正在导入（保存中）：1 件" "$T/tty.out" || fail "no import progress on a terminal: $(cat "$T/tty.out")"
# ... as it goes, not held back until the result has been printed.
"$PY" -c "import sys; t=open(sys.argv[1], encoding='utf-8').read(); sys.exit(not 0 <= t.find('正在导入') < t.find('已导入'))" "$T/tty.out" ||
	fail "import progress came after the result: $(cat "$T/tty.out")"
script -qec "$YS --db $DB --as admin verify" /dev/null >"$T/tty.out" 2>&1 || fail "verify on a terminal: $(cat "$T/tty.out")"
grep -q "正在检查校验链：[0-9]*/[0-9]* 条" "$T/tty.out" && grep -q "正在检查申请：2/2 件" "$T/tty.out" ||
	fail "no verify progress on a terminal: $(cat "$T/tty.out")"
ok --as admin verify
grep -q "正在检查" "$T/err" && fail "verify progress written to a pipe"
before=$(dbsum)

# The same file a second time (a second click, last week's file again) is
# refused, saying when and by whom it last came in (application 2, by the
# terminal run above); --again brings it in anyway.
YUNSHEN_NOW=2026-11-21T15:30 refused 1 "这个文件已于 2026-11-20 10:00 由 clerk1 导入过（huizhou-apply.json，申请 2）" \
	--as clerk1 import "$DEMO/huizhou-apply.json"
grep -qF -- "--again" "$T/err" || fail "refusal does not name --again: $(cat "$T/err")"
[ "$(dbsum)" = "$before" ] || fail "database changed by a refused second import"
cp "$DEMO/huizhou-apply.json" "$T/copy.json"
refused 1 "（huizhou-apply.json，" --as clerk1 import "$T/copy.json"      # same bytes, other name
ok --as clerk1 import --again --draft "$T/copy.json" --json
ok --as clerk1 show "$(jq_py 'd["imported"][0]')" --json
[ "$(jq_py 'd["status"]')" = draft ] || fail "--again --draft not kept as a draft"
YUNSHEN_NOW=2026-11-22T08:00 refused 1 "由 clerk1 导入过（copy.json，申请 3）" --as clerk1 import "$T/copy.json"
before=$(dbsum)

# unchanged CODE TEXT FILE: import of FILE refused, database untouched.
unchanged() {
	refused "$1" "$2" --as clerk1 import "$3"
	grep -qF "数据库未作改动" "$T/err" || fail "no reassurance in: $(cat "$T/err")"
	[ "$(dbsum)" = "$before" ] || fail "database changed by refused import of $3"
}

# A file cut off in the middle.
head -c 700 "$DEMO/yongjia-apply.json" > "$T/cut.json"
unchanged 1 "JSON 第 19 行第 7 列：字符串没有结束的引号，这里是文件结束（内容不完整）" "$T/cut.json"

# Wrong types: a number where text is expected, text where a number is.
sed 's/"storage_tb": 4/"storage_tb": "4"/' "$DEMO/huizhou-apply.json" > "$T/type.json"
unchanged 1 "应为整数，收到字符串" "$T/type.json"
sed 's/"unit": "徽州区教育局"/"unit": 12/' "$DEMO/huizhou-apply.json" > "$T/type2.json"
unchanged 1 "单位名称" "$T/type2.json"

# An unknown field and an unknown top-level key.
sed 's/"address":/"adress":/' "$DEMO/huizhou-apply.json" > "$T/unknown.json"
unchanged 1 "字段“adress”不在模板 huizhou" "$T/unknown.json"
sed 's/"kind": "apply",/"kind": "apply", "colour": "red",/' "$DEMO/huizhou-apply.json" > "$T/unknown2.json"
unchanged 1 "未知的键“colour”" "$T/unknown2.json"

# A 10,000-character string in a 200-character field.
long=$("$PY" -c "print('长'*10000)")
sed "s/\"address\": \"[^\"]*\"/\"address\": \"$long\"/" "$DEMO/huizhou-apply.json" > "$T/long.json"
unchanged 1 "现有 10000 个字" "$T/long.json"

# A file that fails halfway: the first application is good, the second
# lacks a required field. Neither may land.
"$PY" - "$DEMO/yongjia-apply.json" "$T/half.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
b = json.loads(json.dumps(a))
b["fields"]["contact"] = None
json.dump([a, b], open(sys.argv[2], "w"), ensure_ascii=False)
PY
unchanged 1 "第 2 个申请" "$T/half.json"
grep -qF "联系人" "$T/err" || fail "halfway failure does not name the field: $(cat "$T/err")"

# Bytes that are neither UTF-8 nor GBK.
printf 'template,unit\nhuizhou,\377\376\375\n' > "$T/garbage.csv"
unchanged 1 "既不是 UTF-8 也不是 GBK" "$T/garbage.csv"

# Someone without the clerk role may not import.
refused 1 "没有" --as acc1 import "$DEMO/yongjia-apply.json"
[ "$(dbsum)" = "$before" ] || fail "database changed by a refused clerk"

# A GBK CSV, as Excel on a Chinese Windows saves it, imports correctly.
"$PY" - "$DEMO/taizhou-apply.json" "$T/taizhou.csv" <<'PY'
import csv, json, sys
a = json.load(open(sys.argv[1]))
head, row = ["template", "kind"], [a["template"], a["kind"]]
for k, v in a["fields"].items():
    if v is None: continue
    head.append(k)
    row.append("、".join(v) if isinstance(v, list) else ("是" if v is True else "否" if v is False else str(v)))
for t, rows in a.get("tables", {}).items():
    for i, r in enumerate(rows, 1):
        for k, v in r.items():
            if v is None: continue
            head.append(f"{t}[{i}].{k}")
            row.append("、".join(v) if isinstance(v, list) else ("是" if v is True else "否" if v is False else str(v)))
with open(sys.argv[2], "w", encoding="gbk", newline="") as f:
    w = csv.writer(f)
    w.writerow(head)
    w.writerow(row)
bad = list(row)
bad[head.index("phone")] = "12345"
with open(sys.argv[2] + ".bad.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(head)
    w.writerow(row)
    w.writerow(bad)
PY
# A CSV whose second application (line 3) has a bad phone: none lands.
unchanged 1 "第 3 行" "$T/taizhou.csv.bad.csv"
grep -qF "不是有效的电话号码" "$T/err" || fail "bad CSV row: $(cat "$T/err")"
ok --as clerk1 import "$T/taizhou.csv" --json
id=$(jq_py 'd["imported"][0]')
ok --as clerk1 show "$id" --json
[ "$(jq_py 'd["unit"]')" = "$(
	"$PY" -c "import json;print(json.load(open('$DEMO/taizhou-apply.json'))['fields']['unit'])")" ] ||
	fail "GBK CSV: unit not decoded"
[ "$(jq_py 'd["status"]')" = pending ] || fail "GBK CSV: not submitted"
# The same application via JSON gives the same totals as via CSV.
ok --as clerk1 import "$DEMO/taizhou-apply.json" --json
id2=$(jq_py 'd["imported"][0]')
ok show "$id" --json --as clerk1; t1=$(jq_py 'd["totals"]')
ok show "$id2" --json --as clerk1; t2=$(jq_py 'd["totals"]')
[ "$t1" = "$t2" ] || fail "CSV totals $t1 differ from JSON totals $t2"

# The same form as an Excel workbook (first sheet; a date typed the way
# people type it, 2026/3/2) lands with the same totals; a workbook that
# is not one is refused, the database untouched.
"$PY" - "$T/taizhou.csv" "$T/taizhou.xlsx" <<'PY'
import csv, datetime, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="gbk", newline="")))
rows = [[int(v) if v.isdigit() and len(v) < 6 else v for v in r] for r in rows]
rows.append(list(rows[1]))
d = rows[0].index("apply_date")
rows[1][d] = datetime.date(2026, 3, 2)      # a date cell, as Excel stores 2026/3/2 typed in
rows[2][d] = "2026/3/2"                     # the same typed into a text cell
wb = openpyxl.Workbook()
ws = wb.active
for r in rows:
    ws.append(r)
wb.create_sheet("说明").append(["这张表不读"])
wb.save(sys.argv[2])
PY
ok --as clerk1 import "$T/taizhou.xlsx" --json
ids=$(jq_py '" ".join(str(i) for i in d["imported"])')
for xid in $ids; do
	ok show "$xid" --json --as clerk1
	[ "$(jq_py 'd["totals"]')" = "$t1" ] || fail "xlsx totals $(jq_py 'd["totals"]') differ from CSV totals $t1"
	[ "$(jq_py 'd["fields"]["apply_date"]')" = 2026-03-02 ] || fail "xlsx date $(jq_py 'd["fields"]["apply_date"]') not 2026-03-02"
	[ "$(jq_py 'd["fields"]["phone"]')" = 0523-86391234 ] || fail "xlsx phone not kept as text"
done
[ "$(echo $ids | wc -w)" = 2 ] || fail "xlsx: $ids imported, expected two"
# A workbook whose second form has a bad phone: the row is named, and it
# is not called an unreadable workbook; nothing lands.
"$PY" - "$T/taizhou.xlsx" "$T/badrow.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
col = [c.value for c in ws[1]].index("phone") + 1
ws.cell(row=3, column=col, value="12345")
wb.save(sys.argv[2])
PY
before=$(dbsum)
unchanged 1 "第 3 行：" "$T/badrow.xlsx"
grep -qF "不是有效的电话号码" "$T/err" || fail "bad xlsx row: $(cat "$T/err")"
grep -qF "读不了这个 Excel 文件" "$T/err" && fail "a bad row called an unreadable workbook: $(cat "$T/err")"
printf 'PK\003\004not a workbook at all' > "$T/broken.xlsx"
before=$(dbsum)
unchanged 1 "读不了这个 Excel 文件（可在 Excel 或 WPS 里“另存为”CSV 再导入）" "$T/broken.xlsx"

# A CSV whose header uses the paper form's labels instead of field ids.
{ echo "template,单位名称,联系人"; echo "huizhou,徽州区标签测试局,程晓琳"; } > "$T/labels.csv"
ok --as clerk1 import --draft "$T/labels.csv" --json
ok --as clerk1 show "$(jq_py 'd["imported"][0]')" --json
[ "$(jq_py 'd["fields"]["unit"]')" = 徽州区标签测试局 ] || fail "CSV label header not mapped"
[ "$(jq_py 'd["status"]')" = draft ] || fail "--draft not kept as a draft"
"$PY" -c "print('template,未知栏目'); print('huizhou,x')" > "$T/badlabel.csv"
before=$(dbsum)
unchanged 1 "“未知栏目”不是模板 huizhou" "$T/badlabel.csv"

# show --json output imports again (round trip), as a new application.
ok --as clerk1 show "$id2" --json
cp "$T/out" "$T/again.json"
ok --as clerk1 import "$T/again.json" --json
id3=$(jq_py 'd["imported"][0]')
ok show "$id3" --json --as clerk1
[ "$(jq_py 'd["totals"]')" = "$t2" ] || fail "round trip changed totals"

# The regulation's rules across fields, from the template, refuse a form
# that breaks them, naming the rule's article; nothing is stored.
edit_form() {   # edit_form SRC OUT PYTHON: d is the form
	"$PY" - "$1" "$2" "$3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
}
ok --as admin user add clerk1 --role clerk --scope shaoguan
ok --as admin user add clerk1 --role clerk --scope datong
ok --as admin user add clerk1 --role clerk --scope yongjia
before=$(dbsum)
edit_form "$DEMO/shaoguan-apply.json" "$T/r1.json" 'd["fields"]["duty_signed"] = False'
unchanged 1 "“已签署安全责任书”：应为“是”：申请资源须同时签署《安全责任书》（第十九条）" "$T/r1.json"
edit_form "$DEMO/shaoguan-apply.json" "$T/r2.json" 'del d["fields"]["duty_signer"]'
unchanged 1 "“资源使用单位负责人”：“已签署安全责任书”为“是”时必填：签署的责任书须有负责人签字" "$T/r2.json"
edit_form "$DEMO/shaoguan-apply.json" "$T/r3.json" 'del d["tables"]["hosts"][1]["backup_types"]; d["tables"]["hosts"][1]["backup"] = "需要备份"'
unchanged 1 "第 2 行“备份数据类型”：“是否需要备份”为“需要备份”时必填" "$T/r3.json"
edit_form "$DEMO/shaoguan-apply.json" "$T/r4.json" 'd["tables"]["hosts"][0].update(backup="不需要备份", backup_types=[], backup_copies=[])'
ok --as clerk1 import --draft "$T/r4.json"      # no backup: its details are not asked for
before=$(dbsum)
# 韶关: a city unit says so (市直单位) instead of leaving the county blank,
# which would skip the county's 初审 unnoticed.
edit_form "$DEMO/shaoguan-apply.json" "$T/r8.json" 'del d["fields"]["county"]'
unchanged 1 "“所属县（市、区）”：必填" "$T/r8.json"
edit_form "$DEMO/datong-apply.json" "$T/r5.json" 'd["fields"]["request_report"] = False'
unchanged 1 "“已附上云请示报告”：应为“是”：申请须附上云请示报告（第十一条第（一）项）" "$T/r5.json"
edit_form "$DEMO/datong-apply.json" "$T/r6.json" 'd["fields"]["sys_type"] = "新建系统"; d["fields"].pop("build_end", None)'
unchanged 1 "“项目建设期至”：“系统类型”为“新建系统”时必填" "$T/r6.json"
edit_form "$DEMO/yongjia-apply.json" "$T/r7.json" 'd["fields"].update(use_from="2029-12", use_to="2026-01")'
unchanged 1 "2029-12" "$T/r7.json"

ok --as admin verify
echo "imports: refused cleanly, GBK accepted, round trip intact"
