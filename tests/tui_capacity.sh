#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The leader meets the pool on screen: 徽州 with a pool of 230 vCPU (70%
# line) holds 144 in service and approved; approving the demo's
# 徽州区市场监督管理局 (24 vCPU) takes it to 73%. The detail says so, the
# dialog's confirmation says so, and the signature records that the leader
# knew.
CONF=$(mktemp -d "${TMPDIR:-/tmp}/ysconf.XXXXXX")
mkdir -p "$CONF/templates"
python3 - "${YS_SRCDIR:-$(dirname "$0")/..}/data/templates/huizhou.json" "$CONF/templates/huizhou.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["capacity"] = {"vcpu": 230, "warn_pct": 70}
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
export YUNSHEN_CONFDIR="$CONF"
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
trap 'rm -rf "$CONF"' EXIT
demo_db
id=16    # 徽州区市场监督管理局, waiting for 初审
ys --as shenhe act $id approve --step review --opinion 同意 >/dev/null || fail "初审"
[ "$(json_get "$(ys show $id --json)" '$.capacity_warning')" = 1 ] || fail "no warning in show --json: $(ys show $id --json | head -c 300)"

start -- --db "$DB" --as lingdao
wait_for "我的待办"
select_row "徽州区市场监督管理局"
keys Enter
wait_for "资源池：批准后 vCPU 73%（现 63%），超过预警线 70%"
keys a
wait_for "环节：领导审批"
type_text "同意，请主管部门启动扩容。"
keys Tab Enter
wait_for "批准后 vCPU 73%（现 63%），超过预警线 70%。确认以“同意”签署申请 $id"
keys y
wait_for "已签署：申请 $id"
keys q
sleep 0.2
j=$(ys show $id --json)
[ "$(json_get "$j" '$.step')" = provision ] || fail "not approved: $(json_get "$j" '$.step')"
ys show $id | grep -qF "签署人已知悉" || fail "the signature does not record that the leader knew"
echo "tui capacity ok"
