#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The rules a reviewer relies on: deadlines on the official calendar, not
# accepted -> corrected -> resubmitted with history kept, the four-eyes
# refusal, roles, opinions, edits as events, and clear usage errors.
. "${YS_SRCDIR:-.}/tests/lib.sh"

# --- calendar ---
"$YS" workdays add 2025-09-30 3 > "$T/out"; has 2025-10-11
"$YS" workdays add 2026-02-13 1 > "$T/out"; has 2026-02-14     # make-up Saturday
"$YS" workdays add 2026-02-14 1 > "$T/out"; has 2026-02-24     # Spring Festival 2026
"$YS" workdays between 2025-09-30 2025-10-11 > "$T/out"; has 3
"$YS" workdays between 2025-10-11 2025-09-30 > "$T/out"; has -3
rc=0; "$YS" workdays add 2025-02-29 1 2>"$T/err" || rc=$?
[ $rc = 2 ] && grep -qF "日期“2025-02-29”无效" "$T/err" || fail "bad date accepted"
# After the table: provisional, with the fixed-date holidays, said once.
"$YS" workdays add 2027-09-30 1 > "$T/out" 2> "$T/err"; has 2027-10-04
grep -qF "2027 年的节假日安排尚未公布" "$T/err" || fail "no word on the provisional year"
[ "$(grep -c 暂定 "$T/err")" = 1 ] || fail "the provisional year said more than once"
"$YS" workdays add 2033-01-07 1 > "$T/out" 2> "$T/err"; has 2033-01-10
grep -qF "请更新节假日表" "$T/err" || fail "no warning beyond the holiday table"

# --- templates show their chains as the regulations set them ---
"$YS" template huizhou > "$T/out"
has "初审 [review] 签署：审核人  时限：2 个工作日（自“受理”签署起）  依据：第十二条"
has "试运行 [trial] 签署：审核人  时限：无时限  不少于 30 个日历日"
"$YS" template shaoguan --json > "$T/out"
[ "$(jq_py "[(s['id'], s['role'], s.get('when_filled'), (s['deadline'] or {}).get('n')) for s in d['workflows'][0]['steps']]")" = \
	"[('supervisor', 'supervisor', 'supervisor', None), ('county', 'county', 'county', None), ('review', 'reviewer', None, 5), ('provision', 'ops', None, 3)]" ] ||
	fail "shaoguan chain: $(jq_py "[s['id'] for s in d['workflows'][0]['steps']]")"
refused 1 "没有模板“nanjing”" template nanjing

# --- usage ---
refused 2 "未知命令" frobnicate
refused 2 "未知选项" list --colour
"$YS" --help > "$T/out"; has "workdays add"
for c in init demo templates template import list show act edit followup deliver workdays calendar verify \
	backup user price export; do
	"$YS" "$c" --help > "$T/out" || fail "$c --help failed"
	has "yunshen"
	"$YS" --help | grep -q "^  $c\b" || fail "--help does not list $c"
done
refused 1 "不存在" show 1

ok --as admin init
has "admin 为管理员"
for u in clerk:clerk1 acceptor:acc1 reviewer:rev1 reviewer:rev2 leader:lead1 ops:ops1; do
	ok --as admin user add "${u#*:}" --role "${u%%:*}"
done
ok --as admin user add boss --role acceptor
ok --as admin user add boss --role reviewer
refused 1 "只有管理员" --as clerk1 user add eve --role admin
refused 1 "未知角色" --as admin user add eve --role king
refused 1 "没有任何角色" --as nobody list

# --- deadline on receipt: 2025-09-30 + 3 working days ---
YUNSHEN_NOW=2025-09-30T16:00 ok --as clerk1 import "$DEMO/huizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
ok --as acc1 show "$id" --json
[ "$(jq_py 'd["step"]')" = accept ] || fail "first step is not accept"
[ "$(jq_py 'd["deadline"]')" = 2025-10-11 ] || fail "accept deadline $(jq_py 'd["deadline"]')"
YUNSHEN_NOW=2025-10-13T09:00 ok --as acc1 list --overdue --json
[ "$(jq_py 'd["count"]')" = 1 ] || fail "overdue application not listed"
[ "$(jq_py 'd["applications"][0]["days_left"]')" = -1 ] || fail "overdue by $(jq_py 'd["applications"][0]["days_left"]')"
YUNSHEN_NOW=2025-10-10T09:00 ok --as acc1 list --mine --json
[ "$(jq_py 'd["applications"][0]["days_left"]')" = 1 ] || fail "one working day left expected"
ok --as lead1 list --mine --json
[ "$(jq_py 'd["count"]')" = 0 ] || fail "leader sees the acceptor's work as his"

# --- roles and opinions ---
refused 1 "没有签署“受理”所需的受理人角色" --as rev1 act "$id" accept --step 受理
refused 1 "必须填写意见" --as acc1 act "$id" refuse --step 受理 --opinion "   　"
refused 1 "没有动作“approve”" --as acc1 act "$id" approve --step accept

# --- 不予受理, corrected, resubmitted: history kept ---
YUNSHEN_NOW=2025-10-09T10:00 ok --as acc1 act "$id" 不予受理 --step 受理 --opinion "缺少系统建设批复，请补充后重新提交。"
ok --as clerk1 show "$id" --json
[ "$(jq_py 'd["status"]')" = returned ] || fail "not returned after 不予受理"
refused 1 "「受理」已由 acc1 于 2025-10-09 10:00 签署（不予受理），现为「退回补正」" --as acc1 act "$id" accept --step 受理
YUNSHEN_NOW=2025-10-10T11:00 ok --as clerk1 edit "$id" background=已补充区发改委立项批复（徽发改〔2025〕88号）。
YUNSHEN_NOW=2025-10-10T11:05 ok --as clerk1 act "$id" submit
ok --as clerk1 show "$id" --json
[ "$(jq_py 'd["status"]')" = pending ] || fail "not pending after resubmission"
[ "$(jq_py 'd["round"]')" = 2 ] || fail "round not 2 after resubmission"
[ "$(jq_py 'd["deadline"]')" = 2025-10-14 ] || fail "new accept deadline $(jq_py 'd["deadline"]')"
jq_py '[e["kind"] for e in d["history"]]' | grep -qF "'create', 'submit', 'act', 'edit', 'submit'" ||
	fail "history lost: $(jq_py '[e["kind"] for e in d["history"]]')"
jq_py '[e for e in d["history"] if e["kind"]=="edit"][0]["old"][:6]' | grep -qF "为落实教育" || fail "edit lost old value"
jq_py '[e for e in d["history"] if e["kind"]=="act"][0]["opinion"]' | grep -qF "缺少系统建设批复" ||
	fail "opinion of 不予受理 lost"

# --- four eyes: boss holds both roles but may not sign two review steps in a row ---
YUNSHEN_NOW=2025-10-11T09:00 ok --as boss act "$id" accept --step 受理 --opinion "材料齐全，受理。" $HZ_MATERIALS
ok --as boss show "$id" --json
[ "$(jq_py 'd["actions"]')" = "[]" ] || fail "four-eyes: actions offered to the same signer"
# review deadline counts from acceptance: 2025-10-11 (a make-up Saturday) + 2 wd
[ "$(jq_py 'd["deadline"]')" = 2025-10-14 ] || fail "review deadline $(jq_py 'd["deadline"]')"
refused 1 "同一人不得连续签署两个审核环节" --as boss act "$id" 同意 --step 初审 --opinion 同意
ok --as rev1 show "$id" --json
action=$(jq_py 'd["actions"][0]["id"]')
YUNSHEN_NOW=2025-10-13T09:00 ok --as rev1 act "$id" "$action" --step "$(jq_py 'd["step"]')" --opinion "同意。"

# --- once signed, content is frozen: the clerk is refused, an admin needs a
# written reason, and the change is an event with old, new and the reason ---
before=$(dbsum)
refused 1 "「初审」已签署，内容已冻结" --as clerk1 edit "$id" "vm[1].vcpu=64"
refused 1 "管理员修改须写明理由（--reason）" --as admin edit "$id" "vm[1].vcpu=4"
refused 1 "管理员修改须写明理由（--reason）" --as admin edit "$id" "vm[1].vcpu=4" --reason "　 "
[ "$(dbsum)" = "$before" ] || fail "a refused edit changed the database"
ok --as admin edit "$id" "vm[1].vcpu=4" --reason "单位来函更正：第 1 台为 4 核"
ok --as clerk1 show "$id" --json
jq_py '[(e["field"], e["old"], e["new"], e.get("opinion")) for e in d["history"] if e["kind"]=="edit"][-1]' |
	grep -qF "('vm[1].vcpu', '8', '4', '单位来函更正：第 1 台为 4 核')" || fail "table edit not recorded"
refused 1 "不是有效的电话号码" --as admin edit "$id" contact_tel=12345 --reason 更正

# --- withdraw ---
ok --as clerk1 import --draft "$DEMO/yongjia-apply.json" --json
d2=$(jq_py 'd["imported"][0]')
ok --as clerk1 act "$d2" withdraw
ok --as clerk1 show "$d2" --json
[ "$(jq_py 'd["status_label"]')" = 已撤回 ] || fail "withdrawn label"

# --- scope: a reviewer of 泰州 sees and signs 泰州 only ---
ok --as admin user add tzrev --role reviewer --scope taizhou
ok --as clerk1 import "$DEMO/taizhou-apply.json" --json
tz=$(jq_py 'd["imported"][0]')
ok --as acc1 act "$tz" accept --step 受理 --opinion "受理。"     # 第八条: 受理, then 审批
ok --as tzrev list --json
[ "$(jq_py 'sorted(set(a["template"] for a in d["applications"]))')" = "['taizhou']" ] ||
	fail "scoped reviewer sees $(jq_py 'sorted(set(a["template"] for a in d["applications"]))')"
ok --as tzrev list --mine --json
[ "$(jq_py '[a["id"] for a in d["applications"]]')" = "[$tz]" ] || fail "scoped queue: $(jq_py '[a["id"] for a in d["applications"]]')"
refused 1 "没有编号为 $id 的申请" --as tzrev show "$id"
ok --as tzrev act "$tz" approve --step 审批 --opinion "同意。"

# --- list: search by Chinese substring, a bad state is named ---
ok --as admin list --search 徽州区教育 --json
[ "$(jq_py 'sorted(set(a["unit"] for a in d["applications"]))')" = "['徽州区教育局']" ] ||
	fail "search: $(jq_py '[a["unit"] for a in d["applications"]]')"
refused 2 "状态“open”无效" --as admin list --state open
refused 2 "没有模板“nanjing”" --as admin list --template nanjing

# --- removing a role takes the work away ---
ok --as admin user remove tzrev --role reviewer
refused 1 "没有任何角色" --as tzrev list
refused 1 "没有这个角色" --as admin user remove tzrev --role reviewer

# --- 大同's service catalogue: prices from the template, edited by an admin ---
ok --as admin price list datong --json
[ "$(jq_py 'len(d["prices"]) >= 10')" = True ] || fail "datong catalogue missing"
item=$(jq_py 'd["prices"][0]["item"]')
ok --as admin price set datong "$item" 175.5
ok --as clerk1 price list datong --json
[ "$(jq_py "[p['price'] for p in d['prices'] if p['item']=='$item'][0]")" = 175.5 ] || fail "price not changed"
refused 1 "只有管理员" --as clerk1 price set datong "$item" 1
refused 1 "没有项目“nosuch”" --as admin price set datong nosuch 1
refused 2 "单价“-3”无效" --as admin price set datong "$item" -3

ok --as admin verify
echo "basics ok"
