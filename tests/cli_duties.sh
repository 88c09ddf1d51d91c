#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Life after approval: duties declared in the templates start, fall due
# (months clamped, holidays rolled), are listed by `due`, closed with a
# signed record by the right role only, hold a step while open, end a
# service; the term of use is checked; a test can fail; a system in test
# can be terminated; the ledger shows phases and billing. Dates are fixed
# around 国庆 2026 and month ends.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin init
for u in luru:clerk shouli:acceptor shenhe:reviewer shenhe2:reviewer lingdao:leader yunwei:ops; do
	ok --as admin user add "${u%%:*}" --role "${u#*:}"
done
at() { YUNSHEN_NOW="$1"; export YUNSHEN_NOW; }
# sign LOGIN ID ACTION STEP [OPINION]: with the record the step needs.
sign() {
	ok --as "$1" show "$2" --json
	ok --as "$1" act "$2" "$3" --step "$4" --opinion "${5:-同意。}" $(record_args)
}
# 徽州's review chain up to the test resources.
huizhou_approved() {
	sign shouli "$1" accept accept
	sign shenhe "$1" approve review
	sign lingdao "$1" approve approve
}

# ---- 徽州: 等保 within 6 months of provisioning (第二十八条) ----
at 2026-03-25T09:00
ok --as luru import --again "$DEMO/huizhou-apply.json" --json
h=$(jq_py 'd["imported"][0]')
huizhou_approved "$h"
at 2026-04-01T10:00
sign yunwei "$h" done provision
# 1 April + 6 months is 1 October, 国庆: due the next working day, 8 October.
ok --as luru due --json
[ "$(jq_py '[(x["app"], x["duty"], x["due"], x["role"]) for x in d["duties"]]')" = "[($h, 'mlps', '2026-10-08', 'clerk')]" ] ||
	fail "等保 duty: $(cat "$T/out")"
at 2026-10-08T09:00
ok --as luru due --overdue
has "共 0 件"
at 2026-10-09T09:00
ok --as luru due --overdue
has "超期 1 天"
has "等保定级、备案、测评"
# The test fails once (back to provisioning); an extension needs the reason.
at 2026-04-02T09:00
refused 1 "必须填写意见" --as shenhe act "$h" extend --step test
sign shenhe "$h" fail test "数据库连接配置错误，请运维重新配置。"
ok --as luru show "$h"
has "配置测试资源"
sign yunwei "$h" done provision
sign shenhe "$h" pass test
# Closing: the clerk's role only, every required field, no future date,
# once; a signed event in the chain.
at 2026-09-01T10:00
refused 1 "没有办理“等保定级、备案、测评”所需的录入员角色" --as yunwei duty "$h" mlps close level=第三级
refused 1 "“备案证明编号”：必填" --as luru duty "$h" mlps close level=第三级 report_no=R-1 filed_on=2026-09-01
refused 1 "晚于今天" --as luru duty "$h" mlps close level=第三级 cert_no=C-1 report_no=R-1 filed_on=2026-09-02
refused 1 "没有“size”一项" --as luru duty "$h" mlps close size=3
ok --as luru duty "$h" mlps close level=第三级 cert_no=34100213001-00001 report_no=R-2026-17 filed_on=2026-09-01
has "已办结“等保定级、备案、测评”"
refused 1 "已由 luru 于 2026-09-01 10:00 办结" --as luru duty "$h" mlps close level=第三级 cert_no=x report_no=y filed_on=2026-09-01
ok --as luru duty "$h" mlps
has "备案证明编号：34100213001-00001"
ok --as luru show "$h"
has "到期事项：提交备案证明及测评报告（期限 2026-10-08）"
ok --as admin verify
has "检查通过"

# ---- 徽州: the old system of a migrated unit kept 3 months (第二十条) ----
"$PY" - "$DEMO/huizhou-apply.json" "$T/migrated.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["fields"]["migrated"] = True
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
at 2026-06-01T09:00
ok --as luru import --again "$T/migrated.json" --json
m=$(jq_py 'd["imported"][0]')
huizhou_approved "$m"
sign yunwei "$m" done provision
sign shenhe "$m" pass test
# 试运行 at least 30 calendar days, then 正式运行 on 2026-07-02.
at 2026-07-02T09:00
sign shenhe2 "$m" go_live trial
ok --as luru duty "$m" old_system
has "期限：2026-10-08"     # 2 Oct is a holiday: the waiting period ends 8 Oct
refused 1 "须满期限：2026-10-08 起才能办理" --as luru duty "$m" old_system close off_on=2026-07-02
at 2026-10-09T09:00
ok --as luru duty "$m" old_system close off_on=2026-10-09
ok --as luru ledger --template huizhou --json
[ "$(jq_py '[s["phase"] for s in d["systems"] if s["id"] == '"$m"'][0]')" = "正式运行" ] || fail "ledger phase: $(cat "$T/out")"

# A system still in test may be terminated, not changed.
at 2026-05-04T09:00
ok --as luru import --again "$DEMO/huizhou-apply.json" --json
x=$(jq_py 'd["imported"][0]')
huizhou_approved "$x"
sign yunwei "$x" done provision
refused 1 "测试、试运行中的系统只能注销" --as luru followup "$x" change
ok --as luru followup "$x" terminate
# A failed test may also end the application: its duties go with it.
sign shenhe "$x" abandon test "测试未通过，单位决定不再上云。"
ok --as luru due --json
[ "$(jq_py 'len([1 for x in d["duties"] if x["app"] == '"$x"'])')" = 0 ] || fail "duties of an ended application"

# ---- 永嘉: term of use (第十四条) ----
"$PY" - "$DEMO/yongjia-apply.json" "$T" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for name, a, b, lvl in (("long", "2026-01", "2029-01", "二级"), ("back", "2026-05", "2026-04", "二级"),
                        ("y", "2024-01", "2026-12", "三级")):
    d["fields"]["use_from"], d["fields"]["use_to"], d["fields"]["mlps"] = a, b, lvl
    d["fields"]["expiry"] = "过期停止服务"
    json.dump(d, open(f"{sys.argv[2]}/{name}.json", "w"), ensure_ascii=False)
PY
at 2026-09-01T09:00
refused 1 "使用期 2026-01 至 2029-01 超过 36 个月（第十四条）" --as luru import --again "$T/long.json"
refused 1 "使用期应先开始后结束" --as luru import --again "$T/back.json"
ok --as luru import --again "$T/y.json" --json
y=$(jq_py 'd["imported"][0]')
sign shouli "$y" accept accept
sign shenhe "$y" approve review
sign yunwei "$y" done provision
sign shenhe "$y" pass test
# 等保三级: no 正式开通 before the third-party report (第十条).
refused 1 "须先办结到期事项“等保三级第三方测试报告”" --as shenhe act "$y" open --step open
ok --as luru duty "$y" mlps3_report close report_no=ZJ-2026-88 agency=浙江省信息安全测评中心 filed_on=2026-09-01
sign shenhe "$y" open open
# Notice one month before the end of 2026-12: 30 Nov (Mon); the notice prints.
ok --as yunwei duty "$y" expiry_notice
has "期限：2026-11-30"
ok --as yunwei duty "$y" expiry_notice notice
has "永嘉县教育局"
has "2026年12月31日届满"
# The form's tick is the unit's stated intention, named in the notice; it
# extends nothing (the template's notes, 第十四条).
has "所选期满处理为“过期停止服务”"
ok --as luru ledger --template yongjia
has "已开通"
has "使用期：2024-01 至 2026-12"
# After the end: 到期; a renewal is too late; the bureau approves the
# forced offline, done within 15 working days, which ends the service;
# data kept 3 months (to Sun 4 April 2027, provisional: Mon 5 April), closed only after.
at 2027-01-04T09:00
ok --as luru ledger --template yongjia
has "到期"
refused 1 "使用期已于 2026-12-31 届满：延期须在期满前申请" --as luru followup "$y" renew
refused 1 "没有办理“使用期满处理（未延期）”所需的审核人角色" --as yunwei duty "$y" term_end close approved_on=2027-01-04
ok --as shenhe duty "$y" term_end close approved_on=2027-01-04
ok --as yunwei due --json
[ "$(jq_py '[x["due"] for x in d["duties"] if x["duty"] == "offline"]')" = "['2027-01-25']" ] || fail "offline due: $(cat "$T/out")"
ok --as yunwei duty "$y" offline close offline_on=2027-01-04 backup=全量备份至备份一体机
ok --as luru show "$y"
has "已注销"
ok --as luru ledger --template yongjia --json
[ "$(jq_py '[s["phase"] for s in d["systems"]][0]')" = "强制下线·保留至 2027-04-05" ] || fail "retention phase: $(cat "$T/out")"
refused 1 "须满期限" --as yunwei duty "$y" keep_data close deleted_on=2027-01-04
ok --as admin verify

# ---- 大同: billing from 交付确认, security test before running, filings ----
at 2026-11-02T09:00
ok --as luru import --again "$DEMO/datong-apply.json" --json
g=$(jq_py 'd["imported"][0]')
sign shenhe "$g" approve review
sign yunwei "$g" done provision
ok --as yunwei duty "$g" agreement
has "期限：2026-11-09"      # 7 calendar days
at 2026-11-03T09:00
sign shenhe2 "$g" confirm confirm
refused 1 "须先办结到期事项“上线前安全测试”" --as luru act "$g" done --step migrate
ok --as luru duty "$g" security_test close report_no=DT-ST-1 tested_on=2026-11-03
at 2026-11-05T09:00
sign luru "$g" done migrate
ok --as luru ledger --template datong --json
[ "$(jq_py 'd["systems"][0]["billing_from"]')" = 2026-11-03 ] || fail "billing from 交付确认: $(cat "$T/out")"
ok --as luru duty "$g" test_filing
has "期限：2026-11-10"      # 3 working days after 5 Nov
ok --as luru duty "$g" mlps3_test
has "期限：2027-11-05"      # 第三级: yearly
ok --as luru duty "$g" mlps3_test close tested_on=2026-11-05 result=通过
ok --as luru due --json
[ "$(jq_py '[x["due"] for x in d["duties"] if x["duty"] == "mlps3_test"]')" = "['2028-11-06']" ] || fail "next yearly test: $(cat "$T/out")"

# ---- Office-wide: the provider's reports (大同 第十七条) ----
at 2026-12-01T09:00
ok --as yunwei due --json
[ "$(jq_py 'sorted((x["duty"], x["period"], x["due"]) for x in d["duties"] if x["app"] is None and x["template"] == "datong")')" = \
  "[('annual_report', '2026-01-01', '2026-12-31'), ('monthly_report', '2026-11-01', '2026-11-30'), ('monthly_report', '2026-12-01', '2026-12-31'), ('quarterly_report', '2026-10-01', '2026-12-31')]" ] ||
	fail "office duties: $(cat "$T/out")"
refused 1 "请给出申请编号" --as yunwei duty datong mlps3_test
ok --as yunwei duty datong monthly_report close report_no=DT-2026-11 sent_on=2026-12-01
has "期间 2026-11-01"
refused 1 "已由 yunwei" --as yunwei duty datong monthly_report --period 2026-11-01 close report_no=x sent_on=2026-12-01
ok --as yunwei due --overdue --json
[ "$(jq_py 'len([x for x in d["duties"] if x["template"] == "datong" and x["app"] is None])')" = 0 ] || fail "closed report still overdue"
# The office's own records belong to no application's history: one written
# on a clock behind the last (a second machine, say) is no backdating.
at 2026-11-30T17:00
ok --as yunwei duty datong quarterly_report close report_no=DT-2026-Q4 sent_on=2026-11-30
at 2026-12-01T09:00
ok --as admin verify
has "检查通过"

# ---- What a person mistypes, and the narrower lists ----
refused 2 "--within 应为 0–3650 的天数" --as yunwei due --within soon
refused 1 "没有到期事项“mlsp”；可用：mlps（等保定级、备案、测评）、old_system" --as luru duty "$h" mlsp
refused 2 "不是 duty 的动作" --as luru duty "$h" mlps finish
refused 1 "没有通知书" --as luru duty "$h" mlps notice
refused 2 "“x”应写作 字段=值" --as luru duty "$m" old_system close x
refused 2 "没有模板“nope”" --as luru ledger --template nope
ok --as yunwei due --mine --json
[ "$(jq_py 'sorted(set(x["role"] for x in d["duties"]))')" = "['ops']" ] || fail "--mine: $(cat "$T/out")"
ok --as yunwei due --within 10 --json
[ "$(jq_py 'all(x["due"] <= "2026-12-11" for x in d["duties"])')" = True ] || fail "--within: $(cat "$T/out")"
[ "$(jq_py 'any(x["due"] == "2026-12-31" for x in d["duties"])')" = False ] || fail "--within kept a later duty"

# ---- The calendar published: a duty's due day moves, and says so ----
# 5 April 2027 (the retention's provisional end) turns out a holiday.
at 2027-01-05T09:00
printf '2027-01-01\toff\t元旦\n2027-04-05\toff\t清明节\n' >"$T/2027.tsv"
ok --as admin calendar import "$T/2027.tsv"
ok --as yunwei duty "$y" keep_data
has "期限：2027-04-06"
ok --as luru show "$y"
has "节假日安排更新：到期事项“数据和日志保留 3 个月”期限由 2027-04-05 改为 2027-04-06"
ok --as admin verify
has "检查通过"

# ---- 韶关 第十七条: next year's demand, a form of its own, summed by county ----
at 2026-09-15T09:00
ok --as admin user add rh --role county --scope "shaoguan/仁化县"
ok --as admin user add ry --role county --scope "shaoguan/乳源瑶族自治县"
ok --as luru import --again "$DEMO/shaoguan-forecast.json" --json
fc=$(jq_py 'd["imported"][0]')
"$PY" - "$DEMO/shaoguan-forecast.json" "$T/fc-county.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["fields"].update(unit="仁化县教育局", county="仁化县", vcpu=16, mem_gb=64, storage_gb=4096, bandwidth=10)
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ok --as luru import --again "$T/fc-county.json" --json
fk=$(jq_py 'd["imported"][0]')
ok --as luru show "$fk"
has "县级审核汇总"
# Another county's bureau does not see it; its own sums it up.
refused 1 "没有编号为 $fk 的申请" --as ry act "$fk" approve --step county
sign rh "$fk" approve county "仁化县汇总 1 家，同意上报。"
sign shenhe "$fk" approve review
sign shenhe "$fc" approve review
ok --as luru show "$fc"
has "已汇总"
refused 1 "是资源需求预估，不申请资源，没有交付" --as yunwei deliver "$fc" vm[1] --host a --ip 10.0.0.1
ok --as shenhe forecast 2027 --json
[ "$(jq_py '[(r["county"], r["units"], r["summed"], r["vcpu"], r["storage_gb"]) for r in d["counties"]]')" = \
  "[('仁化县', 1, 1, 16, 4096), ('市直单位', 1, 1, 64, 20480)]" ] || fail "forecast summary: $(cat "$T/out")"
ok --as shenhe forecast 2027 -o "$T/fc.xlsx"
has "已写入汇总表"
"$PY" - "$T/fc.xlsx" <<'PY' || fail "the forecast workbook"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "2027 年度政务云资源需求预估汇总表", ws["A1"].value
rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
assert [(r[1], r[2], r[4]) for r in rows] == [("仁化县", 1, 16), ("市直单位", 1, 64), (None, 2, 80)], rows
assert rows[-1][0] == "合计"
PY
ok --as rh forecast 2027 --json
[ "$(jq_py '[r["county"] for r in d["counties"]]')" = "['仁化县']" ] || fail "a county sees only its own: $(cat "$T/out")"
ok --as shenhe forecast
has "2027 年资源需求预估（按县区汇总）"
has "市直单位  报送 1 家（已汇总 1）"
refused 2 "年度“20x7”无效" --as shenhe forecast 20x7
ok --as admin verify
has "检查通过"

# ---- 韶关 on the demo: each host's backup retention shown, the reclaimed
# system's backups kept to its longest (就业业务数据库服务器: 12 months) ----
at 2026-11-20T10:00
DB="$T/demo.db"
ok --as admin demo
ok --as admin ledger --template shaoguan --json
"$PY" - "$T/out" <<'PY' || fail "韶关 backup retention: $(cat "$T/out")"
import json, sys
systems = json.load(open(sys.argv[1]))["systems"]
assert all("就业服务门户应用服务器 2 个月、就业业务数据库服务器 12 个月" in s["rows"] for s in systems), systems[0]["rows"]
ended = [s for s in systems if s["status"] == "terminated"]
# Reclaimed on billing_to: 12 months later, the same day (a weekday here).
import datetime
end = datetime.date.fromisoformat(ended[0]["billing_to"]) if len(ended) == 1 else None
keep = end.replace(year=end.year + 1)
assert keep.weekday() < 5 and ended[0]["phase"] == "备份保留至 %s" % keep, (ended, keep)
PY
# The demo has systems in every phase, and duties due, overdue and closed.
ok --as admin ledger --json
"$PY" - "$T/out" <<'PY' || fail "demo phases: $(cat "$T/out")"
import json, sys
phases = {s["phase"].split(" ")[0] for s in json.load(open(sys.argv[1]))["systems"]}
want = {"测试", "试运行", "迁移测试", "正式运行", "到期", "强制下线·保留至", "保留至", "已注销"}
assert want <= phases, want - phases
PY
ok --as admin due --json
[ "$(jq_py 'len([x for x in d["duties"] if x["overdue"]]) > 0 and len([x for x in d["duties"] if not x["overdue"]]) > 0')" = True ] ||
	fail "demo duties neither overdue nor due"
[ "$(sqlite3 "$DB" "SELECT count(*) > 3 FROM events WHERE kind = 'duty'")" = 1 ] || fail "demo has no closed duties"
# 韶关's forecast summary is due each 30 September (a fixed day each year).
[ "$(jq_py '[(x["period"], x["due"]) for x in d["duties"] if x["duty"] == "forecast"]')" = "[('2026', '2026-09-30')]" ] ||
	fail "yearly forecast duty: $(cat "$T/out")"
ok --as admin ledger --unit 永嘉县民政局 --json
[ "$(jq_py '[s["unit"] for s in d["systems"]]')" = "['永嘉县民政局']" ] || fail "ledger --unit: $(cat "$T/out")"

# ---- A template edited: a duty started by the first delivery appears on
# the next run, counted from the delivery date (the table is rebuilt) ----
cp -r "$YUNSHEN_DATADIR" "$T/data"
"$PY" - "$T/data/templates/huizhou.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["duties"].append({"id": "deploy_report", "label": "部署情况报告", "role": "ops", "start": {"on": "delivery"},
                    "period": {"n": 5, "unit": "wd"}, "close": {"label": "已报告"}})
json.dump(t, open(sys.argv[1], "w"), ensure_ascii=False)
PY
export YUNSHEN_DATADIR="$T/data"
hz=$("$YS" --db "$DB" --as admin ledger --template huizhou --json 2>/dev/null | "$PY" -c '
import json,sys; print([s["id"] for s in json.load(sys.stdin)["systems"] if s["status"] == "done"][0])')
ok --as yunwei due --json
[ "$(jq_py 'len([x for x in d["duties"] if x["duty"] == "deploy_report"])')" = 0 ] || fail "a delivery duty before any delivery"
ok --as yunwei deliver "$hz" vm[1] --host hz-demo-01 --ip 10.34.9.1 --on 2026-09-30
# 5 working days after Wed 30 September: 8, 9, Sat 10 (make-up), 12, 13 October.
ok --as yunwei duty "$hz" deploy_report
has "期限：2026-10-13"
ok --as yunwei duty "$hz" deploy_report close --opinion "已向区数据资源局报告部署情况。"
ok --as yunwei duty "$hz" deploy_report
has "已向区数据资源局报告部署情况。"

# ---- what the duties were built from ----
# Kept as plain text (years of the holiday table, each template's digest),
# so a start that writes nothing needs no SM3. The SM3 of the same fields
# that earlier programs kept is taken for the same files: rewritten, not
# rebuilt (a duty row removed behind its back stays removed); any other
# key rebuilds (it comes back).
key=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key='duties_built'")
echo "$key" | grep -qE '^[0-9]{4}-[0-9]{4}(;[0-9a-f]{64})+$' || fail "duties key is not plain: $key"
legacy=$("$PY" -c '
import hashlib, sys
h = hashlib.new("sm3")
for f in sys.argv[1].split(";"):
    b = f.encode()
    h.update(b"%d:" % len(b) + b)
print(h.hexdigest())' "$key")
rows=$(sqlite3 "$DB" "SELECT count(*) FROM duties")
[ "$rows" -gt 0 ] || fail "no duties to rebuild"
sqlite3 "$DB" "DELETE FROM duties WHERE rowid = (SELECT max(rowid) FROM duties); UPDATE meta SET value='$legacy' WHERE key='duties_built'"
ok --as admin list
[ "$(sqlite3 "$DB" "SELECT value FROM meta WHERE key='duties_built'")" = "$key" ] || fail "the legacy key was not rewritten"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM duties")" = $((rows - 1)) ] || fail "the legacy key rebuilt the duties"
sqlite3 "$DB" "UPDATE meta SET value='1999-2000' WHERE key='duties_built'"
ok --as admin list
[ "$(sqlite3 "$DB" "SELECT count(*) FROM duties")" = "$rows" ] || fail "another key did not rebuild the duties"
echo "ok duties key"
