#!/bin/sh
# A template's resource pool (徽州 第十九条): approving an application says
# what it does to the pool; crossing the warning line needs the signer to
# say they know; beyond the pool nothing is approved. yunshen capacity
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
	ok --as clerk1 import "$DEMO/huizhou-apply.json" --json
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
# 80% -> 120%: refused, whatever is said.
refused 1 "批准后 vCPU 120%（现 80%），超过资源池容量，不能批准：资源池不足，须先扩容" \
	--as l1 act "$a3" approve --step approve --opinion 同意 --ack-capacity
# A return is not an approval: it goes through.
ok --as l1 act "$a3" return --step approve --opinion "资源池已满，请压缩需求后重新提交"
ok --as admin capacity
has "超过预警线"
has "vCPU"
ok --as admin verify
echo "capacity ok"
