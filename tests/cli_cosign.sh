#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A step several people sign (大同 第十二条: 专家论证): it moves on with
# the last signature it needs, each one before that is kept and shown;
# nobody signs it twice; a return or an extension by any one of them acts
# at once; content changed meanwhile voids what was signed on it. "all"
# counts the holders of the role in the application's scope.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add r1 --role reviewer
ok --as admin user add ops1 --role ops
for e in e1 e2 e3 e4; do ok --as admin user add $e --role expert; done

new_dt() {
	ok --as clerk1 import --again "$DEMO/datong-apply.json" --json
	dt=$(jq_py 'd["imported"][0]')
}
cosigned() {    # cosigned ID "e1 e2": who has co-signed the current step
	ok --as admin show "$1" --json
	got=$(jq_py '" ".join(d.get("cosign", {}).get("by", []))')
	[ "$got" = "$2" ] || fail "co-signed by '$got', expected '$2'"
}
step_is() {
	ok --as admin show "$1" --json
	[ "$(jq_py 'd["step"]')" = "$2" ] || fail "application $1 at $(jq_py 'd["step"]'), expected $2"
}

ok --as admin template datong
has "专家论证 [expert] 签署：专家（3 人会签）"
has "（仅由动作进入）"

# --- the reviewer calls the experts, with a reason; only an expert signs ---
new_dt
refused 1 "“组织专家论证（延长受理时间）”必须填写意见" --as r1 act "$dt" experts --step review
ok --as r1 act "$dt" experts --step review --opinion "系统建设复杂，组织专家论证"
step_is "$dt" expert
[ "$(jq_py 'd["deadline"]')" = 2026-12-04 ] || fail "expert review deadline $(jq_py 'd["deadline"]'), expected 10 working days"
refused 1 "r1 没有签署“专家论证”所需的专家角色" --as r1 act "$dt" agree --step expert

# --- each signature before the third is kept; the application stays ---
ok --as e1 act "$dt" agree --step expert --opinion "配置合理"
has "待专家论证"
cosigned "$dt" "e1"
[ "$(jq_py '[e["kind"] for e in d["history"]][-1]')" = cosign ] || fail "the co-signature is no event of its own"
[ "$(jq_py 'd["cosign"]["need"]')" = 3 ] || fail "need"
ok --as admin show "$dt"
has "当前环节：专家论证（专家会签，已签 1/3：e1）"
has "专家论证：论证通过（会签 1/3）  意见：配置合理"
# Nobody signs twice; the one who did has nothing left to do.
before=$(dbsum)
refused 1 "e1 已会签“专家论证”（1/3），须由其他专家签署" --as e1 act "$dt" agree --step expert
[ "$(dbsum)" = "$before" ] || fail "a second signature by e1 changed the database"
refused 1 "e1 已会签“专家论证”（1/3），须由其他专家签署" --as e1 act "$dt" extend --step expert --opinion 再议
[ "$(dbsum)" = "$before" ] || fail "an extension by e1 after signing changed the database"
ok --as e1 show "$dt" --json
[ "$(jq_py 'd["actions"]')" = "[]" ] || fail "e1 still offered: $(jq_py 'd["actions"]')"

# --- content corrected after a co-signature voids it ---
ok --as admin edit "$dt" "phone=0352-2056000" --reason "单位来函更正联系电话"
cosigned "$dt" ""
ok --as e1 act "$dt" agree --step expert --opinion "复核，配置合理"
ok --as e2 act "$dt" agree --step expert
cosigned "$dt" "e1 e2"

# --- an extension by any one, with a reason, keeps the signatures ---
refused 1 "“延长论证时间”必须填写意见" --as e3 act "$dt" extend --step expert
ok --as e3 act "$dt" extend --step expert --opinion "需补充压力测试报告"
step_is "$dt" expert
[ "$(jq_py 'd["deadline"]')" = 2026-12-11 ] || fail "extended deadline $(jq_py 'd["deadline"]'), expected 5 working days more"
cosigned "$dt" "e1 e2"

# --- the third moves it on: back to the reviewer who called them (resume),
# not on to provisioning ---
ok --as e3 act "$dt" agree --step expert --opinion "同意"
step_is "$dt" review
[ "$(jq_py '[e["label"] for e in d["history"] if e["kind"]=="act"][-1]')" = "论证通过（会签 3/3）" ] ||
	fail "the last signature's label"
ok --as r1 show "$dt" --json
ok --as r1 act "$dt" approve --step review --opinion 同意 $(record_args)
step_is "$dt" provision

# --- the printed form carries the experts' box with every signer ---
ok --as admin export form "$dt" -o "$T/dt.xlsx"
"$PY" - "$T/dt.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
assert "专家论证意见" in cells, "no box for the expert review"
box = [c for c in cells if c.startswith("e1：")]
assert box and "e2：论证通过（会签 2/3）" in box[0] and "e3：延长论证时间。需补充压力测试报告" in box[0] \
	and "e3：论证通过（会签 3/3）。同意" in box[0], box
assert any(c.startswith("签字：e1、e2、e3（系统内签署") for c in cells), [c for c in cells if c.startswith("签字")]
PY

# --- one expert's 论证不通过 returns it to the reviewer at once ---
new_dt
ok --as r1 act "$dt" experts --step review --opinion "组织专家论证"
ok --as e1 act "$dt" agree --step expert
refused 1 "必须填写意见" --as e2 act "$dt" disagree --step expert
ok --as e2 act "$dt" disagree --step expert --opinion "数据库配置明显偏大"
step_is "$dt" review
cosigned "$dt" ""

# --- "all": every holder of the role in the application's scope ---
mkdir -p "$T/conf/templates"
"$PY" - "$SRC/data/templates/datong.json" "$T/conf/templates/datong.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
for s in t["workflows"]["apply"]["steps"]:
    if s["id"] == "expert":
        s["signers"] = {"need": "all"}
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
export YUNSHEN_CONFDIR="$T/conf"
ok --as admin user remove e3 --role expert
ok --as admin user remove e4 --role expert
ok --as admin user add e3 --role expert --scope huizhou     # not 大同's
ok --as admin template datong
has "专家论证 [expert] 签署：专家（每一位专家会签）"
new_dt
ok --as r1 act "$dt" experts --step review --opinion "组织专家论证"
ok --as e1 act "$dt" agree --step expert
cosigned "$dt" "e1"
ok --as admin show "$dt"
has "专家会签，已签 1/2：e1"
# Outside its scope the application is not even there for e3.
refused 1 "没有编号为 $dt 的申请" --as e3 act "$dt" agree --step expert
ok --as e2 act "$dt" agree --step expert
step_is "$dt" review
ok --as admin verify
echo "cosign ok"
