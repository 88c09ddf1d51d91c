#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A template's resource pool (徽州 第十九条): approving an application says
# what it does to the pool; crossing the warning line needs the signer to
# say they know and opens the leader's duty to expand; beyond the pool
# nothing is approved. yunshen capacity
# shows in service, approved and waiting.
. "${YS_SRCDIR:-.}/tests/lib.sh"

# 徽州 with a pool of 60 vCPU (unlimited memory and storage), line at 70%.
mkdir -p "$T/conf/templates"
"$PY" - "$SRC/data/templates/huizhou.json" "$T/conf/templates/huizhou.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["capacity"] = {"vcpu": 60, "warn_pct": 70}
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
export YUNSHEN_CONFDIR="$T/conf"
ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add acc1 --role acceptor
ok --as admin user add r1 --role reviewer
ok --as admin user add l1 --role leader

# Three applications of 24 vCPU each, accepted and reviewed.
for n in 1 2 3; do
	ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
	eval "a$n=\$(jq_py 'd[\"imported\"][0]')"
done
for id in $a1 $a2 $a3; do
	ok --as acc1 act "$id" accept --step accept --opinion 受理 $HZ_MATERIALS
	ok --as r1 act "$id" approve --step review --opinion 同意
done
ok --as admin show "$a1" --json
[ "$(jq_py 'd["totals"]["vcpu"], d["capacity_after"]["vcpu"], d["capacity_warning"]')" = "24 40.0 False" ] ||
	fail "a1 at 领导审批: $(jq_py 'd.get("capacity_after"), d.get("capacity_warning")')"
ok --as admin capacity --json
[ "$(jq_py '[(r["resource"], r["capacity"], r["in_service"] + r["approved"], r["pending"]) for r in d["pools"][0]["resources"]]')" = \
  "[('vcpu', 60, 0, 72)]" ] || fail "pool before: $(cat "$T/out")"

# 0% -> 40%: approved without a word.
ok --as l1 act "$a1" approve --step approve --opinion 同意
# 40% -> 80%: the leader is told, and must say so.
ok --as admin show "$a2"
has "资源池：批准后 vCPU 80%（现 40%），超过预警线 70%"
before=$(dbsum)
refused 1 "“同意”：批准后 vCPU 80%（现 40%），超过预警线 70%。确认批准须写明已知悉（命令行 --ack-capacity" \
	--as l1 act "$a2" approve --step approve --opinion 同意
[ "$(dbsum)" = "$before" ] || fail "a refused approval changed the database"
ok --as l1 act "$a2" approve --step approve --opinion "同意，已安排扩容" --ack-capacity
ok --as admin show "$a2"
has "资源池：批准后 vCPU 80%（现 40%），超过预警线 70%，签署人已知悉"
# The warning is on record, and the leader has 10 working days to start
# the expansion (第十九条): Fri 20 Nov + 10 working days is Fri 4 Dec.
has "资源池预警"
ok --as l1 due --mine --json
[ "$(jq_py '[(x["app"], x["duty"], x["due"], x["role"]) for x in d["duties"]]')" = "[($a2, 'expand', '2026-12-04', 'leader')]" ] ||
	fail "扩容 duty: $(cat "$T/out")"
ok --as l1 due --mine --json
[ "$(jq_py 'len([x for x in d["duties"] if x["app"] == '"$a1"'])')" = 0 ] || fail "a1 stayed under the line, yet has a duty"
refused 1 "没有办理“资源池扩容（预警线 70%）”所需的领导角色" --as r1 duty "$a2" expand close measure=扩容 started_on=2026-11-20
ok --as l1 duty "$a2" expand close "measure=向区财政申请新增 2 台物理服务器" started_on=2026-11-20
ok --as l1 due --mine --json
[ "$(jq_py 'len(d["duties"])')" = 0 ] || fail "扩容 still open after closing: $(cat "$T/out")"
# 80% -> 120%: refused, whatever is said.
refused 1 "批准后 vCPU 120%（现 80%），超过资源池容量，不能批准：资源池不足，须先扩容" \
	--as l1 act "$a3" approve --step approve --opinion 同意 --ack-capacity
# A return is not an approval: it goes through.
ok --as l1 act "$a3" return --step approve --opinion "资源池已满，请压缩需求后重新提交"
ok --as admin capacity
has "超过预警线"
has "vCPU"
ok --as admin verify

# ---- 韶关: a pool per network zone (第二条 政务外网区、互联网区) ----
# Each demo application asks 8 vCPU in 互联网区 and 12 in 政务外网区.
"$PY" - "$SRC/data/templates/shaoguan.json" "$T/conf/templates/shaoguan.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["capacity"]["zones"] = [{"name": "政务外网区", "vcpu": 100}, {"name": "互联网区", "vcpu": 20}]
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
for u in sup1:supervisor cty1:county r2:reviewer; do
	ok --as admin user add "${u%%:*}" --role "${u#*:}"
done
# to_review ID: signs each step before the city's review.
to_review() {
	while :; do
		ok --as admin show "$1" --json
		step=$(jq_py 'd["step"]')
		case $step in
		supervisor) ok --as sup1 act "$1" approve --step supervisor --opinion 同意 ;;
		county) ok --as cty1 act "$1" approve --step county --opinion 同意 ;;
		*) break ;;
		esac
	done
	[ "$step" = review ] || fail "$1 stopped at $step"
}
for n in 1 2 3; do
	ok --as clerk1 import --again "$DEMO/shaoguan-apply.json" --json
	eval "s$n=\$(jq_py 'd[\"imported\"][0]')"
done
for id in $s1 $s2 $s3; do to_review "$id"; done
ok --as admin capacity --json
[ "$(jq_py '[(p["zone"], p["resources"][0]["pending"]) for p in d["pools"] if p["template"] == "shaoguan"]')" = \
  "[('政务外网区', 36), ('互联网区', 24)]" ] || fail "zone pools: $(cat "$T/out")"
ok --as r2 act "$s1" approve --step review --opinion 同意 duty_letter=是
# 互联网区 40% -> 80% crosses the line while 政务外网区 stays low: each zone said.
ok --as admin show "$s2" --json
[ "$(jq_py 'd["capacity_after"]')" = "{'政务外网区': {'vcpu': 24.0}, '互联网区': {'vcpu': 80.0}}" ] ||
	fail "capacity_after per zone: $(jq_py 'd.get("capacity_after")')"
refused 1 "批准后 政务外网区 vCPU 24%（现 12%）；互联网区 vCPU 80%（现 40%），超过预警线 70%。确认批准须写明已知悉" \
	--as r2 act "$s2" approve --step review --opinion 同意 duty_letter=是
ok --as r2 act "$s2" approve --step review --opinion 同意 duty_letter=是 --ack-capacity
refused 1 "互联网区 vCPU 120%（现 80%），超过资源池容量，不能批准" --as r2 act "$s3" approve --step review --opinion 同意 duty_letter=是 --ack-capacity
ok --as admin capacity
has "韶关市（shaoguan） 互联网区  预警线 70%"

# The pools are kept sums (schema 14), not a reading of every application:
# an edit that moves a host to the other zone moves its share at once...
ok --as admin edit "$s3" "hosts[1].zone=政务外网区" --reason "核对网络区域"
ok --as admin capacity --json
[ "$(jq_py '[(p["zone"], p["resources"][0]["pending"]) for p in d["pools"] if p["template"] == "shaoguan"]')" = \
  "[('政务外网区', 20), ('互联网区', 0)]" ] || fail "zone pools after the edit: $(cat "$T/out")"
# ... the sums equal the ones rebuilt from every form...
sums() { sqlite3 "$DB" "SELECT * FROM pool_sums WHERE vcpu OR mem_gb OR storage_gb ORDER BY 1, 2, 3, 4, 5"; }
sums >"$T/kept"
sqlite3 "$DB" "DELETE FROM app_zones; DELETE FROM meta WHERE key = 'zones_built'"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM pool_sums WHERE zone <> '' AND vcpu")" = 0 ] || fail "zone sums not emptied"
ok --as admin capacity
sums >"$T/rebuilt"
cmp -s "$T/kept" "$T/rebuilt" || fail "kept pool sums differ from rebuilt: $(diff "$T/kept" "$T/rebuilt")"
ok --as admin verify
# ... and verify finds sums that no longer match the applications.
sqlite3 "$DB" "UPDATE pool_sums SET vcpu = vcpu + 4 WHERE template = 'shaoguan' AND zone = '互联网区' AND vcpu > 0"
rc=0; ys --as admin verify || rc=$?
[ $rc = 1 ] || fail "verify of tampered pool sums: exit $rc"
has "资源池的合计（pool_sums、app_zones）有"
echo "capacity ok"
