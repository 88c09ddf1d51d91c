#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Each template's whole review chain end to end through the CLI, as the
# office would run it: a clerk imports the paper form, each step is
# signed by a person holding its role, the history keeps who, when, the
# opinion and the deadline; verify passes on the result.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
for u in clerk:clerk1 acceptor:acc1 reviewer:rev1 reviewer:rev2 leader:lead1 ops:ops1 \
	county:cty1 supervisor:sup1; do
	ok --as admin user add "${u#*:}" --role "${u%%:*}"
done

# Picks a login for a role, not the one that signed last (four-eyes).
who() {
	case $1 in
	clerk) echo clerk1 ;; acceptor) echo acc1 ;; leader) echo lead1 ;; ops) echo ops1 ;;
	county) echo cty1 ;; supervisor) echo sup1 ;;
	reviewer) [ "$2" = rev1 ] && echo rev2 || echo rev1 ;;
	esac
}

chain() {
	file=$1
	ok --as clerk1 import --again "$file" --json
	id=$(jq_py 'd["imported"][0]')
	last=""
	n=0
	while :; do
		ok --as clerk1 show "$id" --json
		status=$(jq_py 'd["status"]')
		[ "$status" = pending ] || break
		role=$(jq_py 'd["role"]')
		dl=$(jq_py 'd["deadline"]')
		signer=$(who "$role" "$last")
		ok --as "$signer" show "$id" --json
		action=$(jq_py 'd["actions"][0]["id"]')
		step=$(jq_py 'd["step"]')
		nb=$(jq_py 'd.get("not_before", "")')
		rec=$(record_args)
		# 大同: the security test is recorded before the system may run.
		[ "$step" = migrate ] && ok --as clerk1 duty "$id" security_test close report_no=ST-1 "tested_on=${YUNSHEN_NOW%%T*}"
		if [ -n "$nb" ]; then
			# A minimum stay (徽州 试运行 >= 30 calendar days) refuses an early move.
			refused 1 "最早 $nb" --as "$signer" act "$id" "$action" --step "$step" --opinion "经审核，同意。"
			YUNSHEN_NOW="${nb}T09:00" ok --as "$signer" act "$id" "$action" --step "$step" --opinion "经审核，同意（$role）。" $rec
			# Time runs forward: whatever follows happens after the wait.
			export YUNSHEN_NOW="${nb}T10:00"
		else
			ok --as "$signer" act "$id" "$action" --step "$step" --opinion "经审核，同意（$role）。" $rec
		fi
		last=$signer
		n=$((n + 1))
		[ $n -lt 12 ] || fail "$file: chain does not end"
	done
	[ "$status" = done ] || fail "$file: ended in $status"
	ok show "$id" --json --as admin
	acts=$(jq_py 'len([e for e in d["history"] if e["kind"]=="act"])')
	[ "$acts" = "$n" ] || fail "$file: $acts signatures recorded, $n made"
	# Every signature names its signer and carries its opinion.
	jq_py 'all(e["login"] and e.get("opinion","").startswith("经审核") for e in d["history"] if e["kind"]=="act")' \
		| grep -qx True || fail "$file: signature without login or opinion"
	# A 文号 where the template's paper has one, none where it has none.
	t=$(jq_py 'd["template"]')
	want=$("$YS" template "$t" --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["docno"] is not None)')
	[ "$(jq_py 'd["docno"] != ""')" = "$want" ] || fail "$file: document number $(jq_py 'd["docno"]'), template has one: $want"
	echo "$file: $n steps, $(jq_py 'd["status_label"]')"
}

for t in $("$YS" templates | awk '{print $1}'); do
	chain "$DEMO/$t-apply.json"
done
# 韶关: a county unit passes 主管部门 and 县级初审 first; a city unit goes
# straight to the city.
chain "$DEMO/shaoguan-apply-city.json"
ok --as admin list --template shaoguan --json
steps_county=$(sqlite3 "$DB" "SELECT group_concat(step, ',') FROM (SELECT step FROM events WHERE kind='act' AND app_id=(SELECT min(id) FROM applications WHERE template='shaoguan') ORDER BY id)")
steps_city=$(sqlite3 "$DB" "SELECT group_concat(step, ',') FROM (SELECT step FROM events WHERE kind='act' AND app_id=(SELECT max(id) FROM applications WHERE template='shaoguan') ORDER BY id)")
echo "$steps_county" | grep -q '^supervisor,county,' || fail "county unit skipped the county steps: $steps_county"
echo "$steps_city" | grep -q 'county' && fail "city unit went through the county step: $steps_city"

# 永嘉's document number follows the county's format.
# (The year is the submission's: the chains before it may have waited out
# minimum stays into the next year.)
docno=$(sqlite3 "$DB" "SELECT docno FROM applications WHERE template='yongjia'")
year=$(sqlite3 "$DB" "SELECT substr(submitted_at, 1, 4) FROM applications WHERE template='yongjia'")
[ "$docno" = "永府办政云管审（${year}）第 1 号" ] || fail "yongjia docno: $docno"

# Follow-ups: a change on an application in service goes through its own
# chain and then rewrites the original's resource lines; a second open
# change, or a change on an application not in service, is refused.
hz=$(sqlite3 "$DB" "SELECT id FROM applications WHERE template='huizhou' AND kind='apply'")
"$PY" - "$DEMO/huizhou-change.json" "$T/change.json" "$hz" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3])
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
chain "$T/change.json"
ok --as admin show "$hz" --json
jq_py '[e["kind"] for e in d["history"]][-1]' | grep -qx lifecycle || fail "change did not reach the original"
changed=$(jq_py 'len(d["tables"]["vm"])')
want=$("$PY" -c "import json;print(len(json.load(open('$DEMO/huizhou-change.json'))['tables']['vm']))")
[ "$changed" = "$want" ] || fail "original has $changed VM lines after the change, the change had $want"
# An open change blocks a second one.
ok --as clerk1 import --again --draft "$T/change.json"
refused 1 "已有一件未办结的变更" --as clerk1 import --again "$T/change.json"
# 韶关's change form lists only the hosts changed: adjust the first, release
# the second, add one; the original ends with exactly that.
sg=$(sqlite3 "$DB" "SELECT min(id) FROM applications WHERE template='shaoguan' AND kind='apply' AND status='done'")
ok --as admin show "$sg" --json
cp "$T/out" "$T/sg.json"
"$PY" - "$DEMO/shaoguan-change.json" "$T/sg.json" "$T/sgchange.json" "$sg" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); orig = json.load(open(sys.argv[2]))
hosts = orig["tables"]["hosts"]
tmpl = c["tables"]["hosts"][0]
def row(op, h, **kw):
    r = dict(tmpl); r.update({k: h[k] for k in h if k in tmpl and h[k] is not None}); r["op"] = op; r.update(kw)
    return r
c["tables"]["hosts"] = [row("调整", hosts[0], vcpu=16), row("释放", hosts[1]),
                        row("新增", hosts[0], name="新增备份服务器", count=1)]
c["parent"] = int(sys.argv[4])
for k in ("unit", "county", "supervisor"):
    c["fields"][k] = orig["fields"].get(k)
json.dump(c, open(sys.argv[3], "w"), ensure_ascii=False)
PY
chain "$T/sgchange.json"
ok --as admin show "$sg" --json
names=$(jq_py '[(h["name"], h["vcpu"]) for h in d["tables"]["hosts"]]')
want=$("$PY" -c "
import json; h=json.load(open('$T/sg.json'))['tables']['hosts']
print([(h[0]['name'], 16)] + [(x['name'], x['vcpu']) for x in h[2:]] + [('新增备份服务器', h[0]['vcpu'])])")
[ "$names" = "$want" ] || fail "delta change: $names, expected $want"
jq_py '[e.get("opinion","") for e in d["history"] if e["kind"]=="lifecycle"][-1]' | grep -qF "新增 1 行、调整 1 行、释放 1 行" ||
	fail "delta change note"

# Not in service: the pending 徽州 application of another unit.
ok --as clerk1 import --again "$DEMO/huizhou-apply.json" --json
pend=$(jq_py 'd["imported"][0]')
"$PY" - "$DEMO/huizhou-change.json" "$T/change2.json" "$pend" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["parent"] = int(sys.argv[3])
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=False)
PY
refused 1 "不在服务中" --as clerk1 import --again "$T/change2.json"

ok --as admin verify
has "检查通过"
echo "all five chains done"
