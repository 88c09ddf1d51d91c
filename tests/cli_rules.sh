#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The rules of one core, tried through the CLI as people meet them: a
# signature lands only on the step its signer saw; an opinion of blanks is
# no opinion; a refusal changes nothing.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add acc1 --role acceptor
for r in r1 r2 r3; do
	ok --as admin user add $r --role reviewer
	ok --as admin user add $r --role leader
done

new_accepted() {
	ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
	id=$(jq_py 'd["imported"][0]')
	ok --as acc1 act "$id" accept --step 受理 --opinion "受理。" $HZ_MATERIALS
}

# --- two, then three reviewers who all hold the next step's role sign at
# once: one signature lands on 初审, the others are refused; never two steps ---
i=0 races=20
[ -n "${STRESS:-}" ] && races=300     # make stress
while [ $i -lt $races ]; do
	new_accepted
	signers="r1 r2"
	[ $((i % 2)) = 1 ] && signers="r1 r2 r3"
	pids=""
	for r in $signers; do
		"$YS" --db "$DB" --as $r act "$id" approve --step 初审 --opinion "$r 同意" >"$T/race.$r" 2>&1 & pids="$pids $!"
	done
	won=0
	for p in $pids; do wait $p && won=$((won + 1)) || true; done
	[ $won = 1 ] || { cat "$T"/race.*; fail "race $i ($signers): $won signatures landed, expected one"; }
	ok --as admin show "$id" --json
	[ "$(jq_py 'd["step"]')" = approve ] || fail "race $i: moved to $(jq_py 'd["step"]')"
	[ "$(jq_py 'len([e for e in d["history"] if e["kind"]=="act"])')" = 2 ] || fail "race $i: signatures"
	for r in $signers; do
		grep -q "已由 r\|^申请" "$T/race.$r" || fail "race $i: $r told nothing useful: $(cat "$T/race.$r")"
	done
	rm -f "$T"/race.*
	i=$((i + 1))
done

# --- a stale signature is refused with who, when and what; nothing changes ---
new_accepted
YUNSHEN_NOW=2026-11-20T14:30 ok --as r1 act "$id" approve --step 初审 --opinion "同意。"
before=$(dbsum)
refused 1 "申请 $id 的「初审」已由 r1 于 2026-11-20 14:30 签署（同意），现为「待领导审批」，请重新查看" \
	--as r2 act "$id" approve --step 初审 --opinion "初审意见"
[ "$(dbsum)" = "$before" ] || fail "a refused signature changed the database"
refused 1 "须指明所签的环节（--step）：申请现在的环节是「领导审批」" --as r2 act "$id" approve --opinion x
refused 1 "流程里没有环节“复核”" --as r2 act "$id" approve --step 复核 --opinion x
# An opinion of blanks (full-width too) is no opinion where one is required.
refused 1 "必须填写意见" --as r2 act "$id" reject --step 领导审批 --opinion "  　 "
# Surrounding blanks are not stored.
ok --as r2 act "$id" approve --step approve --opinion "  同意上云。　"
ok --as admin show "$id" --json
[ "$(jq_py '[e["opinion"] for e in d["history"] if e["kind"]=="act"][-1]')" = "同意上云。" ] ||
	fail "opinion stored with blanks"

# --- edits: a clerk corrects a pending application until someone signs;
# each correction is an event ---
ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
ok --as clerk1 edit "$id" contact=程晓琳（代）
ok --as clerk1 show "$id" --json
[ "$(jq_py '[(e["field"], e["new"]) for e in d["history"] if e["kind"]=="edit"]')" = "[('contact', '程晓琳（代）')]" ] ||
	fail "correction before signing not recorded"
# A signer who read version N does not sign content changed after it.
ok --as acc1 show "$id" --json
v=$(jq_py 'd["version"]')
YUNSHEN_NOW=2026-11-20T11:15 ok --as clerk1 edit "$id" contact=程晓琳
before=$(dbsum)
refused 1 "申请 $id 的内容已由 clerk1 于 2026-11-20 11:15 修改（contact），请重新查看后再签署" \
	--as acc1 act "$id" accept --step 受理 --seen "$v" --opinion 受理 $HZ_MATERIALS
[ "$(dbsum)" = "$before" ] || fail "a refused signature changed the database"
ok --as acc1 act "$id" accept --step 受理 --seen "$((v + 1))" --opinion 受理 $HZ_MATERIALS
refused 1 "内容已冻结" --as clerk1 edit "$id" contact=别人

# --- the writer stores only what the reader takes back ---
"$PY" - "$DEMO/taizhou-apply.json" "$T/badint.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["tables"]["ecs"][0]["count"] = "两台"
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
refused 1 "应为整数" --as clerk1 import --again --draft "$T/badint.json"
printf 'template,unit,storage_tb\ntaizhou,泰州市教育局,两个T\n' > "$T/badint.csv"
before=$(dbsum)
refused 1 "“存储空间”（storage_tb）的值“两个T”不是整数，不能保存" --as clerk1 import --again --draft "$T/badint.csv"
[ "$(dbsum)" = "$before" ] || fail "a refused import changed the database"

# --- follow-ups belong to their original ---
ok --as admin user add ops1 --role ops
ok --as admin user add wj --role clerk --scope shaoguan/武江区
ok --as admin user add sg --role supervisor
ok --as admin user add cty --role county
# walk ID: signs every step to the end, each by the first login that may.
walk() {
	while :; do
		ok --as admin show "$1" --json
		[ "$(jq_py 'd["status"]')" = pending ] || break
		step=$(jq_py 'd["step"]') nb=$(jq_py 'd.get("not_before") or ""') who="" rec=$(record_args)
		for w in acc1 r1 r2 ops1 sg cty clerk1; do
			action=$("$YS" --db "$DB" --as $w show "$1" --json |
				"$PY" -c 'import json,sys; a=json.load(sys.stdin)["actions"]; print(a[0]["id"] if a else "")')
			[ -n "$action" ] && { who=$w; break; }
		done
		[ -n "$who" ] || fail "nobody may sign $step of $1"
		# 大同: the security test is recorded before the system may run.
		[ "$step" = migrate ] && ok --as clerk1 duty "$1" security_test close report_no=ST-1 "tested_on=${YUNSHEN_NOW%%T*}"
		YUNSHEN_NOW=${nb:+${nb}T09:00} ok --as $who act "$1" "$action" --step "$step" --opinion 同意 $rec
	done
	[ "$(jq_py 'd["status"]')" = done ] || fail "application $1 ended $(jq_py 'd["status"]')"
}
# 大同: a change naming another unit is refused; one naming none takes the
# original's unit and system, and when finished its bandwidth applies.
ok --as clerk1 import --again "$DEMO/datong-apply.json" --json
dt=$(jq_py 'd["imported"][0]')
walk "$dt"
"$PY" - "$DEMO/datong-change.json" "$T/dtc.json" "$dt" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3]); a["fields"]["unit"] = "大同市教育局"
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
refused 1 "“申请单位（盖章）”取自原申请 $dt，应为“大同市医疗保障局”，表中为“大同市教育局”" --as clerk1 import --again "$T/dtc.json"
"$PY" - "$DEMO/datong-change.json" "$T/dtc.json" "$dt" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3])
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ok --as clerk1 import --again "$T/dtc.json" --json
dtc=$(jq_py 'd["imported"][0]')
ok --as admin show "$dtc" --json
[ "$(jq_py 'd["unit"], d["system"]')" = "大同市医疗保障局 大同市医保智能监管系统" ] ||
	fail "change not bound to its original: $(jq_py 'd["unit"], d["system"]')"
refused 1 "取自原申请，不能修改" --as clerk1 edit "$dtc" unit=大同市教育局
walk "$dtc"
ok --as admin show "$dt" --json
[ "$(jq_py 'd["fields"]["bandwidth"], d["totals"]["bandwidth_mbps"]')" = "100 100" ] ||
	fail "bandwidth after the change: $(jq_py 'd["fields"]["bandwidth"], d["totals"]["bandwidth_mbps"]')"
jq_py '[(e["field"], e.get("old"), e.get("new")) for e in d["history"] if e["kind"]=="edit"]' | grep -qF "('bandwidth', '20', '100')" ||
	fail "the change is not in the original's history"
# 徽州: a whole-table change: 3 VMs become the 4 the change lists; storage 4 -> 6 T.
ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
hz=$(jq_py 'd["imported"][0]')
walk "$hz"
"$PY" - "$DEMO/huizhou-change.json" "$T/hzc.json" "$hz" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3])
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ok --as clerk1 import --again "$T/hzc.json" --json
walk "$(jq_py 'd["imported"][0]')"
ok --as admin show "$hz" --json
[ "$(jq_py 'len(d["tables"]["vm"]), d["fields"]["storage_tb"], d["totals"]["mem_gb"]')" = "4 6 112" ] ||
	fail "huizhou after the change: $(jq_py 'len(d["tables"]["vm"]), d["fields"]["storage_tb"], d["totals"]["mem_gb"]')"
jq_py '[e["opinion"] for e in d["history"] if e["kind"]=="lifecycle"][-1]' | grep -qF "现有配置：主机 4 台，vCPU 32 核，内存 112 GB" ||
	fail "the original's ledger lacks the configuration after the change"
# followup: a change draft prefilled from the original, as the form's b key makes it.
refused 1 "取自原申请 $hz，应为" --as clerk1 followup "$hz" change unit=别的单位
ok --as clerk1 followup "$hz" change reason=再次扩容 storage_tb=8 --json
fu=$(jq_py 'd["id"]')
ok --as admin show "$hz" --json
cp "$T/out" "$T/hz.json"
ok --as admin show "$fu" --json
"$PY" - "$T/hz.json" "$T/out" <<'PY' || fail "followup not prefilled from its original"
import json, sys
o, c = (json.load(open(p)) for p in sys.argv[1:3])
assert c["parent"] == o["id"] and c["kind"] == "change" and c["status"] == "draft"
assert c["fields"]["unit"] == o["fields"]["unit"] and c["fields"]["orig_docno"] == (o["docno"] or "申请编号 %d" % o["id"])
assert c["tables"]["vm"] == o["tables"]["vm"], "the change's table starts from the original's"
assert c["fields"]["storage_tb"] == 8 and c["fields"]["reason"] == "再次扩容"
PY
refused 1 "已有一件未办结的变更" --as clerk1 followup "$hz" change
refused 2 "不是后续申请的类型" --as clerk1 followup "$hz" apply
# 徽州's paper is one form: its 申请类型 tick says the flow. A new
# application ticked 资源变更 is refused with the way to file it; the
# change's tick cannot be turned back; a paper typed in with 资源退出 and
# its original becomes a termination (no "kind" given) and runs that flow,
# its 下线 and 数据迁移 fields required and checked, the change's not asked.
"$PY" -c "import json; d=json.load(open('$DEMO/huizhou-apply.json')); d['fields']['apply_type']='资源变更'; json.dump(d, open('$T/hz-tick.json','w'), ensure_ascii=False)"
refused 1 "“申请类型”为“资源变更”：资源变更须在原申请上办理（原申请详情按 b 变更、z 终止；命令行 yunshen followup 原申请编号 change）" \
	--as clerk1 import --again "$T/hz-tick.json"
ok --as admin template huizhou
has "一张表办理几种申请，按“申请类型”：资源申请→apply、资源变更→change、资源退出→terminate"
refused 1 "“申请类型”随申请种类而定（资源变更），不能修改" --as clerk1 edit "$fu" apply_type=资源申请
ok --as clerk1 edit "$fu" apply_type=资源变更 contact=程晓琳
ok --as clerk1 act "$fu" withdraw
"$PY" - "$T/hzt.json" "$hz" <<'PY'
import json, sys
json.dump({"template": "huizhou", "parent": int(sys.argv[2]),
           "fields": {"apply_type": "资源退出", "reason": "业务并入省级平台", "offline_date": "2026-11-18",
                      "data_done": False, "data_desc": "已迁移至省级平台"}}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
refused 1 "“已完成应用系统下线和数据迁移备份”：应为“是”：提交终止申请前应做好应用系统下线和数据迁移备份（第十六条）" \
	--as clerk1 import --again "$T/hzt.json"
"$PY" -c "import json; d=json.load(open('$T/hzt.json')); d['fields']['data_done']=True; d['fields'].pop('offline_date'); json.dump(d, open('$T/hzt.json','w'), ensure_ascii=False)"
refused 1 "“应用系统下线日期”：“申请类型”为“资源退出”时必填" --as clerk1 import --again "$T/hzt.json"
"$PY" -c "import json; d=json.load(open('$T/hzt.json')); d['fields']['offline_date']='2026-11-18'; json.dump(d, open('$T/hzt.json','w'), ensure_ascii=False)"
ok --as clerk1 import --again "$T/hzt.json" --json
hzt=$(jq_py 'd["imported"][0]')
ok --as admin show "$hzt" --json
[ "$(jq_py 'd["kind"], d["step"], d["fields"]["unit"], d["fields"]["background"] == "" ')" = "terminate review $(
	"$PY" -c "import json; print(json.load(open('$DEMO/huizhou-apply.json'))['fields']['unit'])") False" ] ||
	fail "a 资源退出 paper: $(jq_py 'd["kind"], d["step"], d["fields"]["unit"]')"
ok --as admin show "$hzt"
has "【变更、退出说明】"
has "应用系统下线日期           2026-11-18"
ok --as admin show "$hz"
grep -qF "变更、退出说明" "$T/out" && fail "the original's own application shows the follow-ups' section"
ok --as admin export form "$hzt" -o "$T/hzt.xlsx"
"$PY" - "$T/hzt.xlsx" <<'PY' || fail "the termination's paper"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value is not None]
assert any("☑资源退出" in c for c in cells), "申请类型 not ticked"
assert "（本申请为资源注销，不经此环节）" in cells, "the 领导审批 box of a termination"
assert any("业务并入省级平台" in c for c in cells)
PY
# 韶关: a 武江区 clerk may not file a change on a 乳源 application.
ok --as clerk1 import --again "$DEMO/shaoguan-apply.json" --json
sgid=$(jq_py 'd["imported"][0]')
walk "$sgid"
"$PY" - "$DEMO/shaoguan-change.json" "$T/sgc.json" "$sgid" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3]); a["tables"]["hosts"] = a["tables"]["hosts"][1:]
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
refused 1 "原申请：没有编号为 $sgid 的申请" --as wj import --again "$T/sgc.json"
"$PY" - "$T/sgc.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["fields"]["county"] = "武江区"
json.dump(a, open(sys.argv[1], "w"), ensure_ascii=False)
PY
refused 1 "应为“乳源瑶族自治县”，表中为“武江区”" --as clerk1 import --again "$T/sgc.json"

# --- deliveries: ops records hosts against the lines, no more than each
# line counts; others and unapproved applications are refused ---
ok --as ops1 deliver "$hz" --json
[ "$(jq_py '[(l["line"], l["count"], l["delivered"]) for l in d["lines"]][:2]')" = "[('vm[1]', 1, 0), ('vm[2]', 1, 0)]" ] ||
	fail "lines to deliver: $(cat "$T/out")"
refused 1 "没有运维角色" --as clerk1 deliver "$hz" "vm[1]" --host web1 --ip 10.1.2.3
refused 1 "没有资源行“vm[9]”" --as ops1 deliver "$hz" "vm[9]" --host web1 --ip 10.1.2.3
refused 1 "不是有效的 IP 地址" --as ops1 deliver "$hz" "vm[1]" --host web1 --ip 10.1.2
refused 1 "交付日期“2026-13-01”无效" --as ops1 deliver "$hz" "vm[1]" --host web1 --ip 10.1.2.3 --on 2026-13-01
refused 1 "晚于今天" --as ops1 deliver "$hz" "vm[1]" --host web1 --ip 10.1.2.3 --on 2026-12-31
refused 2 "记录交付须给出 --host 主机名 和 --ip 地址" --as ops1 deliver "$hz" "vm[1]" --host web1
ok --as ops1 deliver "$hz" "vm[1]" --host web1 --ip 10.1.2.3 --ports 443 --on 2026-11-19
refused 1 "资源行 vm[1] 共 1 台，已全部交付" --as ops1 deliver "$hz" "vm[1]" --host web1b --ip 10.1.2.4
ok --as admin show "$hz" --json
jq_py '[e["opinion"] for e in d["history"] if e["kind"]=="deliver"][0]' | grep -qF "vm[1]：主机 web1，IP 10.1.2.3，端口 443，交付日期 2026-11-19" ||
	fail "delivery not in the history"
# The ledger reads every system's changes and hosts side by side in one
# pass: each lands on its own system, none on the others of the template.
ok --as admin ledger --template huizhou --json
[ "$(jq_py '[(len(s["changes"]), [h["host"] for h in s["delivered"]]) for s in d["systems"] if s["id"] == '"$hz"']')" = "[(1, ['web1'])]" ] ||
	fail "the ledger's changes and hosts of $hz: $(cat "$T/out")"
[ "$(jq_py 'sum(len(s["delivered"]) for s in d["systems"]), len(d["systems"]) > 1')" = "1 True" ] ||
	fail "hosts on other systems of the ledger: $(cat "$T/out")"
ok --as admin ledger --template huizhou
has "主机 web1  10.1.2.3  端口 443  2026-11-19 交付（vm[1]）"
ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
refused 1 "尚未审批通过" --as ops1 deliver "$(jq_py 'd["imported"][0]')" "vm[1]" --host x --ip 10.0.0.1

# --- one clock: a deadline is overdue from the day after it, holiday or
# not, and show, list and list --overdue say the same ---
due() {   # due ID DAY: overdue? and days left, by show and by list
	YUNSHEN_NOW="${2}T10:00" ok --as admin show "$1" --json
	a=$(jq_py 'd["overdue"], d["days_left"]')
	YUNSHEN_NOW="${2}T10:00" ok --as admin list --overdue --json
	b=$(jq_py "$1 in [x['id'] for x in d['applications']]")
	echo "$a $b"
}
for case in "2024-09-26 2024-09-30 2024-10-03 2024-10-08" "2025-01-23 2025-01-27 2025-01-30 2025-02-05"; do
	set -- $case
	YUNSHEN_NOW="${1}T09:00" ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
	id=$(jq_py 'd["imported"][0]')
	ok --as admin show "$id" --json
	[ "$(jq_py 'd["deadline"]')" = "$2" ] || fail "受理 deadline $(jq_py 'd["deadline"]'), expected $2"
	[ "$(due "$id" "$2")" = "False 0 False" ] || fail "on the deadline $2: $(due "$id" "$2")"
	[ "$(due "$id" "$3")" = "True -1 True" ] || fail "in the holiday $3: $(due "$id" "$3")"
	[ "$(due "$id" "$4")" = "True -1 True" ] || fail "on the first working day $4: $(due "$id" "$4")"
done

# --- 韶关 第二十三条: a county unit passes 主管部门 and 县级初审 before the
# city; when the city returns it for correction (resume in the template),
# the corrected form comes back to the city, not through the county again ---
ok --as admin user add sup1 --role supervisor
ok --as admin user add cty1 --role county
ok --as clerk1 import --again "$DEMO/shaoguan-apply.json" --json
sg=$(jq_py 'd["imported"][0]')
ok --as sup1 act "$sg" approve --step supervisor --opinion "同意。"
ok --as cty1 act "$sg" approve --step county --opinion "初审同意。"
ok --as r1 act "$sg" return --step review --opinion "请补充安全责任书签署时间。"
ok --as clerk1 act "$sg" submit
ok --as admin show "$sg" --json
[ "$(jq_py 'd["status"] + "/" + d["step"]')" = "pending/review" ] || fail "resubmitted to $(jq_py 'd["step"]'), not back to the city"
ok --as r1 act "$sg" approve --step review --opinion "同意。" duty_letter=是
ok --as admin show "$sg" --json
[ "$(jq_py 'd["step"]')" = provision ] || fail "after the city: $(jq_py 'd["step"]')"
# A return without resume (主管部门's) starts the chain again from the top.
ok --as clerk1 import --again "$DEMO/shaoguan-apply.json" --json
sg2=$(jq_py 'd["imported"][0]')
ok --as sup1 act "$sg2" approve --step supervisor --opinion "同意。"
ok --as cty1 act "$sg2" return --step county --opinion "请补正。"
ok --as clerk1 act "$sg2" submit
ok --as admin show "$sg2" --json
[ "$(jq_py 'd["step"]')" = supervisor ] || fail "a plain return resumed at $(jq_py 'd["step"]')"

# --- 徽州 第十一条、第十二条: 受理 checks the materials item by item; a
# missing one refuses the acceptance (not the 不予受理), and the record is
# signed with the step ---
ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
m=$(jq_py 'd["imported"][0]')
before=$(dbsum)
refused 1 "“受理”须核对申请材料并逐项记录：letter（申请公函）=是、approval（系统建设批复）=是" \
	--as acc1 act "$m" accept --step 受理 --opinion 受理
refused 1 "“安全要求”应为“是”" --as acc1 act "$m" accept --step 受理 --opinion 受理 \
	letter=是 approval=是 plan=是 performance=是 security=否
refused 1 "“受理”的记录没有“budget”一项；可填：letter（申请公函）" --as acc1 act "$m" accept --step 受理 budget=是
[ "$(dbsum)" = "$before" ] || fail "a refused acceptance changed the database"
ok --as acc1 show "$m" --json
[ "$(jq_py '[r["id"] for r in d["record"] if r["required"]]')" = "['letter', 'approval', 'plan', 'performance', 'security']" ] ||
	fail "record items: $(jq_py 'd["record"]')"
# 不予受理 needs no record; the opinion says what is missing.
ok --as acc1 act "$m" refuse --step 受理 --opinion "缺少安全要求，请补充后重新提交。"
ok --as clerk1 act "$m" submit
# Labels do as well as ids; the optional 其他申请材料 may be left out.
ok --as acc1 act "$m" accept --step 受理 --opinion 受理 申请公函=是 系统建设批复=是 建设方案=是 系统性能要求=是 安全要求=是
ok --as admin show "$m" --json
"$PY" - "$T/out" <<'PY' || fail "the record is not in the history"
import json, sys
d = json.load(open(sys.argv[1]))
a = [e for e in d["history"] if e["kind"] == "act" and e["action"] == "accept"][-1]
rec = json.loads(a["new"])
assert rec["security"] == "是" and rec["other"] == "", rec
assert a["old"].startswith("申请公函：是；系统建设批复：是"), a["old"]
PY
ok --as admin show "$m"
has "受理：受理（期限"
has "〔记录：申请公函：是；系统建设批复：是；建设方案：是；系统性能要求：是；安全要求：是〕"

# --- 大同 第十一条: the materials follow the system's type; 第十四条: the
# 交付确认函 is the confirming step's record, dated, and says the delivery
# matches the approved need ---
ok --as clerk1 import --again "$DEMO/datong-apply.json" --json
dt=$(jq_py 'd["imported"][0]')
ok --as r1 show "$dt" --json
[ "$(jq_py '[r["id"] for r in d["record"] if r["required"]]')" = \
  "['request_report', 'demand_form', 'basis', 'approval_doc', 'build_plan', 'mlps_docs', 'migration_plan']" ] ||
	fail "已建系统's materials: $(jq_py '[r["id"] for r in d["record"] if r["required"]]')"
ok --as r1 act "$dt" approve --step review --opinion 同意 $(record_args)
ok --as ops1 act "$dt" done --step provision --opinion 已开通
refused 1 "“确认交付（开始计费）”须逐项记录：confirmed_on（交付确认日期）、as_approved（交付的资源与审核后的需求一致）=是" \
	--as r2 act "$dt" confirm --step confirm
refused 1 "“交付确认日期”是 2026-12-01，晚于今天" --as r2 act "$dt" confirm --step confirm confirmed_on=2026-12-01 as_approved=是
refused 1 "“交付的资源与审核后的需求一致”应为“是”：不一致的应“交付不符，退回开通”（第十四条）" \
	--as r2 act "$dt" confirm --step confirm confirmed_on=2026-11-20 as_approved=否
ok --as r2 act "$dt" confirm --step confirm --opinion 确认交付 confirmed_on=2026/11/20 as_approved=是 "confirm_note=与审核后的需求一致"
ok --as admin show "$dt"
has "交付确认：确认交付（开始计费）"
has "〔记录：交付确认日期：2026-11-20；交付的资源与审核后的需求一致：是；确认说明：与审核后的需求一致〕"
# 第十二条 形成审核后的云资源需求: the reviewer approves item by item what
# the paper asked for (blank: as asked); each value is checked as the form
# checks it; show, the printout and the 交付确认函 carry the approved
# configuration beside the requested one.
ok --as clerk1 import --again "$DEMO/datong-apply.json" --json
da=$(jq_py 'd["imported"][0]')
ok --as r1 show "$da" --json
rec=$(record_args)
[ "$(jq_py '[r["id"] for r in d["record"] if r["id"].startswith("approved.")][:3]')" = \
  "['approved.bandwidth', 'approved.eip', 'approved.slb']" ] || fail "approval items: $(jq_py '[r["id"] for r in d["record"]]')"
refused 1 "不能小于 1" --as r1 act "$da" approve --step review --opinion 同意 $rec "approved.hosts[1].count=0"
refused 1 "没有“approved.hosts[9].count”一项" --as r1 act "$da" approve --step review --opinion 同意 $rec "approved.hosts[9].count=1"
ok --as r1 act "$da" approve --step review --opinion "按合理值核定" $rec "approved.hosts[1].count=2" approved.bandwidth=10
ok --as admin show "$da"
has "审核核定（资源审核）：主机 5 台，vCPU 50 核，内存 100 GB，存储 5568 GB，带宽 10 Mbps；调整：互联网带宽 20Mbps→10Mbps；政务云资源需求表：云主机第 1 行数量 3台→2台"
has "合计：主机 6 台，vCPU 58 核"       # what was asked stays as asked
ok --as admin export form "$da" -o "$T/da.xlsx"
"$PY" - "$T/da.xlsx" <<'PY' || fail "the approved configuration on paper"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = [w for w in wb.worksheets if w.title == "审核后的云资源需求"][0]
rows = [[str(c.value) for c in row if c.value is not None] for row in ws.iter_rows()]
assert ["政务云资源需求表：云主机第 1 行数量", "3台", "2台"] in rows, rows
assert ["互联网带宽", "20Mbps", "10Mbps"] in rows, rows
assert any(r[:1] == ["核定合计"] and "主机 5 台" in r[1] for r in rows), rows
PY
# A system pushed down from above brings its 推广文件, not a 建设方案.
"$PY" -c "import json; d=json.load(open('$DEMO/datong-apply.json')); d['fields']['sys_type']='上级部署推广系统'; json.dump(d, open('$T/dt2.json','w'), ensure_ascii=False)"
ok --as clerk1 import --again "$T/dt2.json" --json
dt2=$(jq_py 'd["imported"][0]')
ok --as r1 show "$dt2" --json
[ "$(jq_py '[r["id"] for r in d["record"] if r["required"]]')" = "['request_report', 'demand_form', 'basis', 'promo_doc', 'migration_plan']" ] ||
	fail "推广系统's materials: $(jq_py '[r["id"] for r in d["record"] if r["required"]]')"

# --- 平顶山, the template written from docs/templates.md alone: a county
# unit passes its county's 初审 first, a city unit does not; the provider
# chosen and its price are recorded at 询价 and read back later ---
if "$YS" templates | grep -q '^pingdingshan '; then
	"$PY" -c "import json; d=json.load(open('$DEMO/pingdingshan-apply.json')); d['fields']['county']='叶县'; json.dump(d, open('$T/pds.json','w'), ensure_ascii=False)"
	ok --as clerk1 import --again "$T/pds.json" --json
	pc=$(jq_py 'd["imported"][0]')
	ok --as clerk1 import --again "$DEMO/pingdingshan-apply.json" --json
	pm=$(jq_py 'd["imported"][0]')
	ok --as admin show "$pc" --json
	[ "$(jq_py 'd["step"]')" = county ] || fail "平顶山 county unit at $(jq_py 'd["step"]')"
	ok --as admin show "$pm" --json
	[ "$(jq_py 'd["step"]')" = review ] || fail "平顶山 city unit at $(jq_py 'd["step"]')"
	ok --as r1 act "$pm" approve --step review --opinion 同意 $(record_args)
	refused 1 "“选定”须逐项记录：provider（选定的云服务商）、price_yuan（报价（元/年））、quotes（询价的服务商家数）" \
		--as r1 act "$pm" select --step select
	refused 1 "不是整数" --as r1 act "$pm" select --step select provider=电信 price_yuan=十八万 quotes=3
	ok --as r1 act "$pm" select --step select provider=中国电信平顶山分公司 price_yuan=186000 quotes=3
	ok --as admin show "$pm" --json
	jq_py '[e.get("record") or e.get("old") for e in d["history"] if e.get("step") == "select"][-1]' |
		grep -qF "中国电信平顶山分公司" || fail "the chosen provider is not in the history"
	[ "$(jq_py 'd["step"]')" = plan ] || fail "平顶山 after 询价 at $(jq_py 'd["step"]')"
	# ... and the ledger, which reports use, carries it.
	ok --as admin ledger --template pingdingshan --json
	[ "$(jq_py '[s["records"] for s in d["systems"] if s["id"] == '"$pm"'][0]')" = \
	  "询价选定云服务商：选定的云服务商：中国电信平顶山分公司；报价（元/年）：186000；询价的服务商家数：3" ] ||
		fail "the ledger's record: $(cat "$T/out")"
	# A record taken back (撤回) is gone from the ledger, and one signed again shows.
	ok --as r1 recall "$pm" --reason 报价有误
	ok --as admin ledger --template pingdingshan --json
	[ "$(jq_py '[s["records"] for s in d["systems"] if s["id"] == '"$pm"'][0]')" = "" ] ||
		fail "the ledger keeps a recalled record: $(cat "$T/out")"
	ok --as r1 act "$pm" select --step select provider=中国联通平顶山分公司 price_yuan=175000 quotes=3
	ok --as admin ledger --template pingdingshan --json
	[ "$(jq_py '[s["records"] for s in d["systems"] if s["id"] == '"$pm"'][0]')" = \
	  "询价选定云服务商：选定的云服务商：中国联通平顶山分公司；报价（元/年）：175000；询价的服务商家数：3" ] ||
		fail "the ledger's record signed again: $(cat "$T/out")"
fi

echo "rules ok"
