#!/bin/sh
# The rules of one core, tried through the CLI as people meet them: a
# signature lands only on the step its signer saw; an opinion of blanks is
# no opinion; a refusal changes nothing.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add acc1 --role acceptor
for r in r1 r2; do
	ok --as admin user add $r --role reviewer
	ok --as admin user add $r --role leader
done

new_accepted() {
	ok --as clerk1 import "$DEMO/huizhou-apply.json" --json
	id=$(jq_py 'd["imported"][0]')
	ok --as acc1 act "$id" accept --step 受理 --opinion "受理。"
}

# --- two reviewers who both hold the next step's role sign at once: one
# signature lands on 初审, the other is refused; never two steps ---
i=0
while [ $i -lt 20 ]; do
	new_accepted
	"$YS" --db "$DB" --as r1 act "$id" approve --step 初审 --opinion "r1 同意" >"$T/a" 2>&1 & p1=$!
	"$YS" --db "$DB" --as r2 act "$id" approve --step 初审 --opinion "r2 同意" >"$T/b" 2>&1 & p2=$!
	rc1=0 rc2=0
	wait $p1 || rc1=$?
	wait $p2 || rc2=$?
	[ $((rc1 + rc2)) = 1 ] || { cat "$T/a" "$T/b"; fail "race $i: exits $rc1 and $rc2, expected one refusal"; }
	ok --as admin show "$id" --json
	[ "$(jq_py 'd["step"]')" = approve ] || fail "race $i: moved to $(jq_py 'd["step"]')"
	[ "$(jq_py 'len([e for e in d["history"] if e["kind"]=="act"])')" = 2 ] || fail "race $i: signatures"
	grep -qF "已由 r" "$T/a" "$T/b" || fail "race $i: refusal does not say who signed: $(cat "$T/a" "$T/b")"
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

echo "rules ok"
