#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 常用意见: the step's phrases from the template, then the signer's own,
# numbered the same in show, act --phrase and the dialog; a step may
# restrict a forward signature to the template's wordings.
. "${YS_SRCDIR:-.}/tests/lib.sh"
cp -r "$YUNSHEN_DATADIR" "$T/data"
export YUNSHEN_DATADIR="$T/data"
ok demo
# leader_step PY: runs PY on 徽州's 领导审批 step (st) in the test's templates.
leader_step() {
	"$PY" - "$T/data/templates/huizhou.json" "$1" <<'PY'
import json, sys
p = sys.argv[1]
t = json.load(open(p))
for fl in t["workflows"].values():
    for st in fl["steps"]:
        if st["id"] == "approve" and st["role"] == "leader":
            exec(sys.argv[2])
json.dump(t, open(p, "w"), ensure_ascii=False, indent=1)
PY
}
ok --as shenhe show 16
has "常用意见（--phrase 编号）：1. 同意。  2. 资源配置合理，同意。  3. 请补充建设方案后重新提交。"
refused 1 "常用意见不能为空" --as shenhe phrase add "　 "
refused 1 "常用意见最多 200 个字" --as shenhe phrase add "$(printf '很%.0s' $(seq 1 201))"
ok --as shenhe phrase add "  经审核，资源需求与业务规模相符，同意。 "
ok --as shenhe phrase add "经审核，资源需求与业务规模相符，同意。"
ok --as shenhe phrase add 同意。
ok --as shenhe phrase --json
[ "$(jq_py 'd["phrases"]')" = "['经审核，资源需求与业务规模相符，同意。', '同意。']" ] || fail "own phrases: $(cat "$T/out")"
ok --as shenhe2 phrase --json
[ "$(jq_py 'd["count"]')" = 0 ] || fail "phrases are not the login's own"
# The template's first; one's own after, without repeating the template's.
ok --as shenhe show 16 --json
ok --as shenhe show 16
has "3. 请补充建设方案后重新提交。  4. 经审核，资源需求与业务规模相符，同意。"
grep -q "5\. 同意。" "$T/out" && fail "a phrase the template has is offered twice"
refused 1 "没有第 9 条常用意见：申请 16 的当前环节有 4 条" --as shenhe act 16 同意 --step 初审 --phrase 9
refused 2 "--phrase 和 --opinion 只能用一个" --as shenhe act 16 同意 --step 初审 --phrase 1 --opinion 同意
refused 2 "请用 --opinion" --as shenhe act 16,17 同意 --step 初审 --phrase 1
ok --as shenhe act 16 同意 --step 初审 --phrase 4
ok show 16 --json
[ "$(jq_py 'd["history"][-1]["opinion"]')" = "经审核，资源需求与业务规模相符，同意。" ] || fail "--phrase opinion"
refused 1 "没有第 3 条常用意见（共 2 条）" --as shenhe phrase remove 3
ok --as shenhe phrase remove 1
ok --as shenhe phrase --json
[ "$(jq_py 'd["phrases"]')" = "['同意。']" ] || fail "remove"

# A leader's step that takes only its wordings when approving.
leader_step 'st["phrases_only"] = True' 
ok --as lingdao phrase add 我的措辞
ok --as lingdao show 16
has "常用意见（--phrase 编号），本环节同意时只能从中选：1. 同意。"
grep -q "我的措辞" "$T/out" && fail "own phrases offered at a restricted step"
refused 1 "“领导审批”的意见须从常用意见中选：1. 同意。；2. 同意上云" --as lingdao act 16 同意 --step 领导审批 --opinion 我的措辞
ok --as lingdao act 16 同意 --step 领导审批 --phrase 2
# Without phrases the restriction is a template error, said with its place.
leader_step 'del st["phrases"]' 
refused 1 "phrases_only 须和 phrases（可选的意见）一起给出" template huizhou
echo "phrases ok"
