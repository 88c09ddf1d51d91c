#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Utilisation and idle resources (徽州 第三十条): the provider's monthly
# figures imported from CSV and xlsx, matched to delivered hosts (rows
# that match nothing listed); a host whose CPU peak stays below 5% for
# three months running is 闲置; the unit's next application is stopped at
# 受理 until the acceptor answers in words; a reclaim draft is prefilled.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin init
for u in luru:clerk shouli:acceptor shenhe:reviewer lingdao:leader yunwei:ops; do
	ok --as admin user add "${u%%:*}" --role "${u#*:}"
done
HZ="letter=是 approval=是 plan=是 performance=是 security=是"
delivered() {   # a 徽州 application through 领导审批, two hosts delivered
	ok --as luru import --again "$DEMO/huizhou-apply.json" --json
	id=$(jq_py 'd["imported"][0]')
	ok --as shouli act "$id" accept --step accept --opinion 受理 $HZ
	ok --as shenhe act "$id" approve --step review --opinion 同意
	ok --as lingdao act "$id" approve --step approve --opinion 同意
	ok --as yunwei deliver "$id" 'vm[1]' --host "$1" --ip "$2"
	ok --as yunwei deliver "$id" 'vm[2]' --host "$3" --ip "$4"
}
delivered web01 10.1.0.1 web02 10.1.0.2; a=$id
delivered app01 10.2.0.1 app02 10.2.0.2; b=$id

# The provider's CSV, as it writes it: Chinese headings with units.
cat >"$T/oct.csv" <<'CSV'
主机名,IP,月份,CPU平均(%),CPU峰值(%),内存使用率(%),存储已用(GB)
web01,10.1.0.1,2026-08,1.1,3.2,20,35
web01,10.1.0.1,2026-09,0.9,4.1%,21,36
web01,10.1.0.1,2026/10,1.0,2.0,22,36
WEB02,,2026-08,1.0,3.0,30,10
web02,,2026-09,12,40,31,11
web02,,2026-10,1.0,2.0,30,12
,10.2.0.1,2026-10,30,80,55,100
db09,10.9.9.9,2026-10,5,9,10,1
app02,10.2.0.2,2026-10,5,120,10,1
app02,10.2.0.2,二〇二六年十月,5,9,10,1
CSV
refused 1 "只有运维（云服务商）或管理员可以导入利用率" --as luru usage import "$T/oct.csv"
refused 1 "$T/none.csv" --as yunwei usage import "$T/none.csv"
before=$(dbsum)
printf '主机,月份\nweb01,2026-10\n' >"$T/bad.csv"
refused 1 "表头须有主机名（或 IP）、月份和 CPU峰值" --as yunwei usage import "$T/bad.csv"
[ "$(dbsum)" = "$before" ] || fail "a refused import changed the database"
ok --as yunwei usage import "$T/oct.csv"
has "已导入 7 行（共 10 行）"
has "第 9 行（db09）：没有与之对应的交付记录"
has "第 10 行（app02）：CPU峰值“120”不是 0 到 100 的百分数"
has "第 11 行（app02）：月份“二〇二六年十月”无效"
# Matched by IP where the name is missing, stored under the delivered name.
[ "$(sqlite3 "$DB" "SELECT host, app_id, cpu_peak FROM usage WHERE month = '2026-10' AND host LIKE 'app%'")" = "app01|$b|80.0" ] ||
	fail "IP match: $(sqlite3 "$DB" 'SELECT * FROM usage')"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM usage WHERE host = 'web02'")" = 3 ] || fail "WEB02 not matched case-insensitively"
# Storage as providers write it: a unit after a space, TB counted in GB;
# a word instead of a figure refuses that row alone.
printf '主机名,月份,CPU峰值(%%),存储已用\nweb02,2026-07,50,1.5 TB\nweb02,2026-06,50 %%,很多\n' >"$T/sto.csv"
ok --as yunwei usage import "$T/sto.csv"
has "已导入 1 行（共 2 行）"
has "第 3 行（web02）：存储已用“很多”无效（如 120 或 120GB、1.5TB）"
[ "$(sqlite3 "$DB" "SELECT storage_gb FROM usage WHERE host = 'web02' AND month = '2026-07'")" = 1536.0 ] ||
	fail "1.5 TB stored as: $(sqlite3 "$DB" "SELECT * FROM usage WHERE month = '2026-07'")"

# web01: below 5% three months running: idle. web02 peaked at 40% in September.
ok --as lingdao usage --json
[ "$(jq_py '[(x["app"], x["host"], x["first"], x["last"], x["peak"]) for x in d["idle"]]')" = \
	"[($a, 'web01', '2026-08', '2026-10', 4.1)]" ] || fail "idle hosts: $(cat "$T/out")"
ok --as lingdao usage
has "闲置主机（按模板的闲置规则，如 CPU 峰值连续 3 个月低于 5%）：1 台"
has "web01：2026-08至2026-10 CPU 峰值最高 4.1%，低于 5%（第三十条）"

# The provider corrects September in an xlsx: percent cells, the month a date.
"$PY" - "$T/fix.xlsx" <<'PY'
import sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["主机名称", "统计月份", "CPU峰值使用率", "CPU平均使用率", "内存利用率"])
for host, peak in (("web02", 0.031), ("web01", 0.5)):
    ws.append([host, datetime.date(2026, 9, 1), peak, 0.01, 0.3])
    for c in ws[ws.max_row][2:]:
        c.number_format = "0.0%"
    ws[ws.max_row][1].number_format = "yyyy-mm"
wb.save(sys.argv[1])
PY
ok --as yunwei usage import "$T/fix.xlsx"
has "已导入 2 行（共 2 行），其中 2 行替换了同一主机同月的旧数据"
[ "$(sqlite3 "$DB" "SELECT cpu_peak, mem_pct FROM usage WHERE host = 'web02' AND month = '2026-09'")" = "3.1|30.0" ] ||
	fail "xlsx percent cells: $(sqlite3 "$DB" "SELECT * FROM usage WHERE month = '2026-09'")"
ok --as lingdao usage --json
[ "$(jq_py '[x["host"] for x in d["idle"]]')" = "['web02']" ] || fail "after the correction: $(cat "$T/out")"

# The quarterly 云资源利用情况表 (永嘉 第十六条): Q3 is August and September;
# CPU average the months' mean, peak the highest; idle as the rule says now.
refused 2 "季度“2026Q3”无效（如 2026-Q3）" --as lingdao usage --quarter 2026Q3
ok --as lingdao usage --quarter 2026-Q3 -o "$T/q3.xlsx"
has "云资源利用情况表（2026-Q3）：2 台主机，其中闲置 1 台"
"$PY" - "$T/q3.xlsx" <<'PY' || fail "the quarterly table"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "云资源利用情况表（2026-Q3）", ws["A1"].value
head = [c.value for c in ws[4]]
rows = {r[4]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[4]}
h = {n: i for i, n in enumerate(head)}
web01 = rows["web01"]
assert web01[h["月数"]] == 2 and web01[h["CPU 峰值"]] == 50 and abs(web01[h["CPU 平均使用率"]] - 1.05) < 1e-9, web01
assert rows["web02"][h["闲置"]] == "闲置" and not rows["web01"][h["闲置"]], rows
assert set(rows) == {"web01", "web02"}, set(rows)   # app01, app02 reported from October only
PY

# The unit's next application: 受理 is told, and must answer in words.
ok --as luru import --again "$DEMO/huizhou-apply.json" --json
n=$(jq_py 'd["imported"][0]')
ok --as shouli show "$n"
has "闲置资源：该单位有闲置资源：#$a"
has "web02（2026-08至2026-10 CPU 峰值最高 3.1%，低于 5%）；按第三十条暂停该单位新申请"
before=$(dbsum)
refused 1 "请写明意见" --as shouli act "$n" accept --step accept $HZ
[ "$(dbsum)" = "$before" ] || fail "a refused acceptance changed the database"
ok --as shouli act "$n" refuse --step accept --opinion "该单位有闲置资源，按第三十条暂停受理，请先确定降配或回收方案。"
ok --as shouli show "$n"
has "闲置资源：该单位有闲置资源"
# Another unit is not stopped.
ok --as luru import --again --draft "$DEMO/huizhou-apply.json" --json
o=$(jq_py 'd["imported"][0]')
ok --as luru edit "$o" unit=徽州区审计局
ok --as luru act "$o" submit
ok --as shouli act "$o" accept --step accept $HZ

# A reclaim proposal: a termination draft of the original, the reason said.
refused 1 "申请 $b 没有闲置的主机" --as luru usage propose "$b" downsize
refused 2 "不是建议的类型" --as luru usage propose "$a" shrink
ok --as luru usage propose "$a" reclaim
d=$(sed -n 's/.*草稿：申请 \([0-9]*\).*/\1/p' "$T/out")
ok --as luru show "$d" --json
[ "$(jq_py 'd["kind"], d["parent"]')" = "terminate $a" ] || fail "proposal: $(jq_py 'd["kind"], d.get("parent")')"
jq_py 'd["fields"]["reason"]' | grep -qF "资源闲置（#$a" || fail "reason not prefilled: $(jq_py 'd["fields"]')"
ok --as admin verify
echo "usage ok"
