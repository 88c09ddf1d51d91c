#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The printed form (yunshen export form): the command's errors in Chinese
# with their exit codes, no half-written file left behind, then every
# application of the demo exported and reopened with openpyxl - each value
# in place and typed, the signatures signed or blank for the pen, merged
# boxes, A4 fitted to the width, the table header repeated, the footer -
# and user text that looks like a formula kept as text.
. "${YS_SRCDIR:-.}/tests/lib.sh"
CHECK="$SRC/tests/export_check.py"
"$PY" -c "import openpyxl" || fail "python3-openpyxl is needed (apt-get install python3-openpyxl)"

ok --as admin demo

# ---- usage and errors ----
refused 2 "缺少 -o" --as admin export form 21
refused 2 "应以 .xlsx 结尾" --as admin export form 21 -o "$T/form.pdf"
refused 2 "申请编号“abc”无效" --as admin export form abc -o "$T/x.xlsx"
refused 2 "用法" --as admin export
refused 2 "用法" --as admin export pdf 21 -o "$T/x.xlsx"
refused 2 "未知选项 --landscape" --as admin export form 21 --landscape -o "$T/x.xlsx"
refused 1 "没有编号为 999 的申请" --as admin export form 999 -o "$T/x.xlsx"
refused 1 "目录不存在" --as admin export form 21 -o "$T/no/such/dir/x.xlsx"
mkdir "$T/adir.xlsx"
refused 1 "这是一个目录" --as admin export form 21 -o "$T/adir.xlsx"
if [ "$(id -u)" != 0 ]; then
	mkdir "$T/ro" && chmod 555 "$T/ro"
	refused 1 "没有写权限" --as admin export form 21 -o "$T/ro/x.xlsx"
	chmod 755 "$T/ro"
fi
refused 1 "没有任何角色" --as nobody export form 21 -o "$T/x.xlsx"
ok --as admin user add hzonly --role reviewer --scope huizhou
refused 1 "没有编号为 33 的申请" --as hzonly export form 33 -o "$T/x.xlsx"
ok --as hzonly export form 21 -o "$T/hz.xlsx"
[ -s "$T/hz.xlsx" ] || fail "export form 21 wrote nothing"
# Failed exports leave nothing behind: no target, no temporary file.
[ ! -e "$T/x.xlsx" ] || fail "a refused export left $T/x.xlsx"
leftover=$(find "$T" -name '.*.xlsx.*' | head -1)
[ -z "$leftover" ] || fail "temporary file left behind: $leftover"

ok --as admin export form 21 -o "$T/j.xlsx" --json
[ "$(jq_py 'd["export"] + " " + d["file"]')" = "form $T/j.xlsx" ] || fail "export --json: $(cat "$T/out")"
ok --as admin export form 21 -o "$T/j.xlsx"
has "已导出申请 21 的打印表：$T/j.xlsx"
# Overwriting an existing file is fine (the old one is replaced whole).
ok --as admin export form 21 -o "$T/j.xlsx"

# ---- every application of the demo, every template and kind ----
ok --as admin list --json
ids=$(jq_py '" ".join(str(a["id"]) for a in d["applications"])')
args=""
for id in $ids; do
	ok --as admin show "$id" --json
	cp "$T/out" "$T/s$id.json"
	tpl=$(jq_py 'd["template"]')
	ok --as admin export form "$id" -o "$T/f$id.xlsx"
	args="$args $T/f$id.xlsx $T/s$id.json $SRC/data/templates/$tpl.json"
done
# shellcheck disable=SC2086
"$PY" "$CHECK" form $args >"$T/check.log" || { tail -3 "$T/check.log"; fail "form check"; }
n=$(grep -c '^ok ' "$T/check.log")
[ "$n" -ge 60 ] || fail "only $n forms checked"

# ---- user text that looks like a formula stays text ----
# Draft 13 is 徽州's; its clerk types what Excel would take for formulas.
ok --as admin edit 13 'address==HYPERLINK("http://evil.example","点这里")' 'head=+8613900000000' \
	'contact=-1+1' 'tech=@SUM(A1:A9)' 'vm[1].remark==1+2' 'vm[1].ports=-80'
ok --as admin export form 13 -o "$T/safe.xlsx"
"$PY" "$CHECK" safe "$T/safe.xlsx" '=HYPERLINK("http://evil.example","点这里")' '+8613900000000' \
	'-1+1' '@SUM(A1:A9)' '=1+2' '-80' || fail "formula-looking text"
ok --as admin show 13 --json
cp "$T/out" "$T/s13.json"
"$PY" "$CHECK" form "$T/safe.xlsx" "$T/s13.json" "$SRC/data/templates/huizhou.json" >/dev/null ||
	fail "form 13 after edits"

# A date that does not read as one (a draft may hold it) prints as typed.
"$PY" - "$DEMO/taizhou-apply.json" "$T/baddate.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["fields"]["apply_date"] = "2026年11月"
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ok --as admin user add luru2 --role clerk
ok --as luru2 import --again --draft "$T/baddate.json" --json
bd=$(jq_py 'd["imported"][0]')
ok --as admin export form "$bd" -o "$T/baddate.xlsx"
"$PY" - "$T/baddate.xlsx" <<'PY' || fail "a date the form cannot read was not printed as typed"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
assert any("2026年11月" == c for c in cells), "typed date missing"
assert not any("2026年12月31日" in c for c in cells), "an invented date"
PY

# A step's record is printed in its signature box, as signed (大同's
# 交付确认函 in the 交付确认 box).
ok --as admin list --template datong --state done --json
dc=$(jq_py '[a["id"] for a in d["applications"] if a["kind"] == "apply"][0]')
ok --as admin export form "$dc" -o "$T/confirm.xlsx"
"$PY" - "$T/confirm.xlsx" <<'PY' || fail "the 交付确认 record is not on the printed form"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
box = [c for c in cells if c.startswith("确认交付（开始计费）")]
assert box and "\n记录：交付确认日期：" in box[0] and "交付的资源与审核后的需求一致：是" in box[0], box
PY

# A step's own paper: 大同's 交付确认函 on a sheet of its own with what was
# confirmed, the confirming signature and boxes for the two seals; the
# 资源需求确认表 (附件3) is a sheet apart from the 申请表 (附件2).
"$PY" - "$T/confirm.xlsx" <<'PY' || fail "大同's papers"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
names = [ws.title for ws in wb.worksheets]
assert names == ["大同市政务云资源申请表", "政务云资源需求确认表", "审核后的云资源需求", "政务云资源交付确认函"], names
main = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
assert "政务云资源需求表：云主机" not in main, "the 需求表 is still on the 申请表"
need = [str(c.value) for row in wb.worksheets[1].iter_rows() for c in row if c.value is not None]
assert "政务云使用部门确认（盖章）" in need and "政务云资源需求表：云主机" in need, need[:12]
approved = [str(c.value) for row in wb.worksheets[2].iter_rows() for c in row if c.value is not None]
assert "审核核定" in approved and "✓ 同申请" in approved and "核定合计" in approved, approved[:20]
letter = [str(c.value) for row in wb.worksheets[3].iter_rows() for c in row if c.value is not None]
assert "核定合计" in letter, "the letter does not confirm the approved configuration"
assert "交付确认日期" in letter and any(c.startswith("☑是") for c in letter), letter
assert "政务云服务提供方（盖章）" in letter and "政务云使用部门（盖章）" in letter, letter
assert any(c.startswith("签字：") and "系统内签署" in c for c in letter), "no signature on the letter"
PY
# 徽州's test: the paper of the step lists each extension with its reason.
ok --as luru import --again "$DEMO/huizhou-apply.json" --json
ht=$(jq_py 'd["imported"][0]')
ok --as shouli act "$ht" accept --step accept --opinion 受理 $HZ_MATERIALS
ok --as shenhe act "$ht" approve --step review --opinion 同意
ok --as lingdao act "$ht" approve --step approve --opinion 同意
ok --as yunwei act "$ht" done --step provision --opinion 已配置
ok --as shenhe act "$ht" extend --step test --opinion "单位来函：接口联调未完成，经同意延长测试 15 天"
ok --as admin export form "$ht" -o "$T/test.xlsx"
"$PY" - "$T/test.xlsx" <<'PY' || fail "徽州's test paper"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = [w for w in wb.worksheets if w.title == "政务云应用系统测试情况记录单"]
assert ws, [w.title for w in wb.worksheets]
cells = [str(c.value) for row in ws[0].iter_rows() for c in row if c.value is not None]
assert any("张伟（shenhe）：经同意延长测试。单位来函：接口联调未完成" in c for c in cells), cells
assert "使用单位（盖章）" in cells and "运维单位（盖章）" in cells
# Not signed yet: the step's own box waits for the pen.
assert any(c.startswith("签字（盖章）：____") for c in cells[cells.index("测试意见"):]), "no room to sign the test"
PY
# 韶关's 责任书: the two parties seal and sign side by side, in one row.
ok --as luru import --again "$DEMO/shaoguan-apply.json" --json
sz=$(jq_py 'd["imported"][0]')
ok --as admin export form "$sz" -o "$T/sz.xlsx"
"$PY" - "$T/sz.xlsx" <<'PY' || fail "韶关's 责任书 signatures"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = [w for w in wb.worksheets if "责任书" in w.title][0]
at = {str(c.value): c for row in ws.iter_rows() for c in row if c.value is not None}
a, b = at["韶关市“数字政府”政务云主管单位（盖章）"], at["云资源使用（责任）单位（盖章）"]
assert a.row == b.row and a.column < b.column, (a.coordinate, b.coordinate)
assert ws.cell(a.row + 1, a.column).value.startswith("负责人签字：")
assert ws.cell(b.row + 1, b.column).value.startswith("负责人签字：")
PY
# 永嘉: the 分管领导's box for a pen under the unit's details.
ok --as admin list --template yongjia --json
yj=$(jq_py '[a["id"] for a in d["applications"] if a["kind"] == "apply"][0]')
ok --as admin export form "$yj" -o "$T/yj.xlsx"
"$PY" - "$T/yj.xlsx" <<'PY' || fail "永嘉's 分管领导签字"
import openpyxl, sys
cells = [str(c.value) for row in openpyxl.load_workbook(sys.argv[1]).worksheets[0].iter_rows() for c in row if c.value is not None]
i = cells.index("分管领导签字")
assert cells[i + 1].startswith("签字（盖章）：____"), cells[i:i + 2]
# The paper's * items, and the note of what each must bring.
assert "*云备份 备份客户端授权" in cells and "*WEB 防护服务 WAF 应用防火墙按域名数量" in cells
assert "联系人" in cells and "*联系人" not in cells
note = [c for c in cells if c.startswith("注：标 * 的项目申请时须另附材料：")]
assert note and "请提供系统备份实施方案" in note[0] and "请提供接入部门清单" in note[0], note
PY

# A 不予受理 at a step the paper has no box for is printed after the boxes.
ok --as admin list --template huizhou --state returned --json
rt=$(jq_py 'd["applications"][0]["id"]')
ok --as admin export form "$rt" -o "$T/refused.xlsx"
"$PY" - "$T/refused.xlsx" <<'PY' || fail "the 不予受理 opinion is not on the printed form"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
assert "受理意见" in cells, "no 受理 box"
assert any(c.startswith("不予受理。") for c in cells), "no refusal opinion"
PY

# 韶关: a host without backup keeps no 保存周期 — its default 默认2个月 is
# neither printed ticked nor shown; a host with backup keeps its own.
ok --as admin import --again "$DEMO/shaoguan-apply.json" --json
sg=$(jq_py 'd["imported"][0]')
ok --as admin show "$sg" --json
[ "$(jq_py '[r["retention"] for r in d["tables"]["hosts"] if r["backup"] == "不需要备份"][:1]')" = "['默认2个月']" ] ||
	fail "the demo's host without backup should still hold the stored default"
ok --as admin export form "$sg" -o "$T/backup.xlsx"
"$PY" - "$T/backup.xlsx" <<'PY' || fail "a host without backup printed a retention"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
none = [c for c in cells if "☑不需要备份" in c]
some = [c for c in cells if "☑需要备份" in c]
assert none and all("☑默认2个月" not in c and "☑其他保存期限" not in c for c in none), none
assert some and any("☑默认2个月" in c for c in some), some
PY
ok --as admin show "$sg"
grep -A4 "☑不需要备份" "$T/out" | grep -q "☑默认2个月" && fail "show ticks a retention for a host without backup"

echo "export form: $n forms checked"
