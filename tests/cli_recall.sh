#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 撤回: a signer takes back its own latest signature while nothing has
# happened since, with a reason; the application is back on the step with
# the deadline it had; the history keeps both, marked; the rules, the form
# and the month report count the recalled signature for nothing.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok demo
field() { ys show "$1" --json && jq_py "d[$2]"; }

# 16 waits at 徽州's 初审.
before=$(field 16 '"deadline"')
ok --as shenhe act 16 同意 --step 初审 --opinion 同意
[ "$(field 16 '"step"')" = approve ] || fail "16 not at the leader"
refused 1 "撤回签署须写明理由" --as shenhe recall 16
refused 1 "撤回签署须写明理由" --as shenhe recall 16 --reason "　 "
refused 1 "最后一次办理不是您的签署" --as shenhe2 recall 16 --reason 误
refused 2 "用法" --as shenhe recall
ok --as shenhe recall 16 --reason 材料页码有误，重新核对
has "申请 16：待初审"
[ "$(field 16 '"step"')" = review ] && [ "$(field 16 '"deadline"')" = "$before" ] || fail "16 not back as it was"
ok show 16 --json
[ "$(jq_py '[e["kind"] for e in d["history"]][-2:]')" = "['act', 'recall']" ] || fail "history: $(cat "$T/out")"
[ "$(jq_py 'd["history"][-2].get("recalled")')" = True ] || fail "the signature is not marked recalled"
[ "$(jq_py 'd["history"][-1]["opinion"]')" = "材料页码有误，重新核对" ] || fail "the reason is not kept"
ok show 16
has "〔已撤回〕"
has "初审：撤回本人的签署“同意”"
ok --as guanli verify
has "检查通过"
# Taken back, it signs nothing: the form has room for the pen again, and
# four-eyes no longer sees shenhe at 初审.
ok --as guanli export form 16 -o "$T/16.xlsx"
"$PY" - "$T/16.xlsx" <<'PY' || fail "a recalled signature printed"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value]
assert not any(c.startswith("签字：张伟（shenhe）") for c in cells), "recalled signature on the form"
PY
ok --as shenhe2 act 16 同意 --step 初审 --opinion 同意
refused 1 "没有签署“领导审批”所需的领导角色" --as shenhe act 16 同意 --step 领导审批
# Once the next step has acted, it stays.
ok --as lingdao act 16 同意 --step 领导审批 --opinion 同意
refused 1 "您在“初审”的签署之后申请已有新的办理（陈静（lingdao）" --as shenhe2 recall 16 --reason 晚了

# A return to the clerk, taken back before the clerk resubmits.
ok --as shenhe act 52 退回补正 --step 审核 --opinion 缺建设方案
[ "$(field 52 '"status"')" = returned ] || fail "52 not returned"
ok --as shenhe recall 52 --reason 方案在附件里
[ "$(field 52 '"status"')" = pending ] && [ "$(field 52 '"step"')" = review ] || fail "52 not back at review"

# A co-signature: 3 needs three experts, zhuanjia1 has signed.
ok --as zhuanjia2 act 3 agree --step 专家论证 --opinion 同意
ok show 3 --json
[ "$(jq_py 'd["cosign"]["by"]')" = "['zhuanjia1', 'zhuanjia2']" ] || fail "co-signature not counted"
ok --as zhuanjia2 recall 3 --reason 还需看迁移方案
ok show 3 --json
[ "$(jq_py 'd["cosign"]["by"]')" = "['zhuanjia1']" ] || fail "recalled co-signature still counted"
ok --as zhuanjia2 act 3 agree --step 专家论证 --opinion 看过了，同意
# An extension taken back gives the deadline back.
dl=$(field 3 '"deadline"')
ok --as zhuanjia3 act 3 extend --step 专家论证 --opinion 需补充材料
[ "$(field 3 '"deadline"')" != "$dl" ] || fail "extension did not move the deadline"
ok --as zhuanjia3 recall 3 --reason 材料已到
[ "$(field 3 '"deadline"')" = "$dl" ] || fail "recalled extension kept its deadline"

# The month report counts no recalled signature: 52's return is gone.
ok --as guanli export month 2026-11 -o "$T/m.xlsx"
"$PY" - "$T/m.xlsx" <<'PY' || fail "the month report counts a recalled signature"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
rows = [[c.value for c in r] for ws in wb.worksheets for r in ws.iter_rows()]
assert any("材料页码有误" in str(v) for r in rows for v in r) is False
assert any(v == "需补充材料" for r in rows for v in r) is False, "recalled extension listed"
assert any("刘洋（shenhe2）" in r and "初审" in r for r in rows), "the signatures that stand are not listed by name"
assert not any(v == "缺建设方案" for r in rows for v in r), "recalled return listed"
PY

# A change that has acted on its original is not taken back.
ok --as luru followup 85 change apply_date=2026-11-20 reason=业务量增加
c=$(sqlite3 "$DB" "SELECT max(id) FROM applications")
ok --as luru act "$c" submit
s=$(field "$c" '"step_name"')
ok --as shenhe act "$c" 同意 --step "$s" --opinion 同意变更
ok --as yunwei act "$c" done --step 变更办理
[ "$(field "$c" '"status"')" = done ] || fail "change not done"
refused 1 "已在原申请 85 上生效，不能撤回" --as yunwei recall "$c" --reason 误
echo "recall ok"
