#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# act 38,50,39 受理 --step 受理: one opinion on several applications, each
# signed on its own - the ones whose step needs a record are refused with
# the reason and left as they were, the exit is 1, and each signature that
# went through is in its own history.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok demo
step() { ys show "$1" --json && jq_py 'd["step"]'; }
refused 2 "必须用 --step" --as shouli act 38,39 受理 --opinion 好
refused 2 "不能带记录项" --as shouli act 38,39 受理 --step 受理 plan=是
refused 2 "申请编号“x”无效" --as shouli act 38,x 受理 --step 受理
rc=0; ys --as shouli act 38,50,39 受理 --step 受理 --opinion 材料齐全 || rc=$?
[ $rc = 1 ] || fail "exit $rc with one refused"
has "申请 38：已签署"
has "申请 39：已签署"
has "申请 50：未签署：“受理”须核对申请材料并逐项记录"
has "已签署 2 件，未签署 1 件"
[ "$(step 50)" = accept ] || fail "50 moved without its record"
for id in 38 39; do
	[ "$(step $id)" != accept ] || fail "$id not signed"
	ok show $id --json
	[ "$(jq_py 'd["history"][-1]["opinion"]')" = 材料齐全 ] || fail "$id opinion"
	[ "$(jq_py 'd["history"][-1]["login"]')" = shouli ] || fail "$id signer"
done
# Signed already: the second time nothing is at 受理 any more.
rc=0; ys --as shouli act 38,39 受理 --step 受理 --json || rc=$?
[ $rc = 1 ] || fail "signed twice"
[ "$(jq_py 'd["signed"]')" = 0 ] && [ "$(jq_py 'd["applications"][0]["signed"]')" = False ] || fail "json"
echo "batch act ok"
