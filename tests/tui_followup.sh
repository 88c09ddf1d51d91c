#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Follow-up forms on an application in service: a clerk files a 变更 from
# the detail screen (prefilled from the original, one VM line changed) and
# a 注销 from the queue on another template's application; both are
# submitted and checked through the CLI. Refusals (not in service, no
# clerk role, a kind the template lacks) come on the status line; the
# form's "已保存 HH:MM" stamp follows YUNSHEN_NOW.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db

field() { json_get "$(ys show "$1" --json)" "$2"; }

orig=19       # 徽州区文化旅游体育局, huizhou, 正式运行
[ "$(field $orig '$.status')/$(field $orig '$.kind')" = done/apply ] || fail "demo: $orig not in service"
# 徽州's paper has no 文号: a follow-up names its original by number.
docno=$(field $orig '$.docno')
[ -z "$docno" ] || fail "demo: 徽州 $orig numbered $docno"
docno="申请编号 $orig"
vm3=$(field $orig '$.tables.vm[2].mem_gb')
[ "$vm3" = 32 ] || fail "demo: $orig line 3 has $vm3 GB"
before=$(last_id)

# ---- 变更 from the detail screen ----
start -- --db "$DB" --as luru
wait_for "云审"
keys 2 /
type_text "徽州区文化旅游体育局"
keys Enter
wait_for "共 1 件"
keys Enter
wait_for "申请 $orig  徽州区文化旅游体育局"
keys End
wait_for "可办理：变更（按 b）、注销（按 z）"
wait_for "b变更 z注销"             # the key bar
screen | tail -1 | grep -q "y延期" && fail "key bar offers 延期 on a template without it"
keys F1
wait_for "变更申请：原申请的单位、资源表已填好"
screen | grep -q "延期申请" && fail "help lists 延期 on a template without it"
keys Escape
wait_for "可办理：变更"
keys y
wait_for "黄山市徽州区的模板没有延期申请表"

# 徽州's paper is one form: the change is the original's own form, its
# 申请类型 ticked 资源变更, filled from the original; the cursor waits at the
# first field left to fill (the reason), the termination's fields not asked.
keys b
wait_for "新建资源变更：徽州区数据资源管理局政务云资源使用审批表"
wait_for "原申请 $orig  未保存"
wait_for "$docno"
screen | grep -q "应用系统下线日期" && fail "a change asks the termination's fields"
type_text "旅游旺季数据库负载升高，数据库服务器内存由 32GB 扩至 64GB。"
keys Tab Down Down    # the VM table as it stands, line 3
wait_for "平台数据库服务器   8        32"
keys Tab Tab C-u
type_text "64"
keys Tab C-s
wait_for "草稿已保存：申请"
wait_for "已保存 10:00"           # YUNSHEN_NOW, not the real clock
id=$(last_id)
[ "$id" -gt "$before" ] || fail "no draft saved"
[ "$(field "$id" '$.status')" = draft ] || fail "$id not a draft"
keys F2
wait_for "提交申请 $id？"
keys y
wait_for "已提交：申请 $id"
wait_for "申请 $orig  徽州区文化旅游体育局"    # back in the original's detail
j=$(ys show "$id" --json)
[ "$(json_get "$j" '$.kind')" = change ] || fail "kind: $(json_get "$j" '$.kind')"
[ "$(json_get "$j" '$.parent')" = "$orig" ] || fail "parent: $(json_get "$j" '$.parent')"
[ "$(json_get "$j" '$.status')" = pending ] || fail "status: $(json_get "$j" '$.status')"
[ "$(json_get "$j" '$.fields.unit')" = "徽州区文化旅游体育局" ] || fail "unit: $(json_get "$j" '$.fields.unit')"
[ "$(json_get "$j" '$.fields.orig_docno')" = "$docno" ] || fail "orig_docno"
[ "$(json_get "$j" '$.fields.apply_type')" = "资源变更" ] || fail "申请类型: $(json_get "$j" '$.fields.apply_type')"
[ "$(json_get "$j" '$.fields.contact')" = "程晓琳" ] || fail "contact"
[ "$(json_get "$j" '$.fields.contact_tel')" = "0559-3512345" ] || fail "contact_tel"
[ "$(json_get "$j" '$.fields.reason')" = "旅游旺季数据库负载升高，数据库服务器内存由 32GB 扩至 64GB。" ] || fail "reason"
[ "$(json_get "$j" '$.tables.vm[2].mem_gb')" = 64 ] || fail "changed line: $(json_get "$j" '$.tables.vm[2].mem_gb')"
[ "$(json_get "$j" '$.tables.vm[0].mem_gb')" = 16 ] || fail "unchanged line"
[ "$(json_get "$j" '$.tables.vm[#-1].purpose')" = "智慧教育平台数据库服务器" ] || fail "lines carried"
[ "$(field $orig '$.status')" = done ] || fail "original touched before the change completes"
[ "$(field $orig '$.tables.vm[2].mem_gb')" = 32 ] || fail "original's table changed too early"
echo "ok change $id on $orig"

# ---- refusals ----
keys Escape
wait_for "全部申请"
keys Escape
wait_for "全部申请"
keys /
type_text "徽州区市场监督管理局"    # 16: pending, at 初审
keys Enter
wait_for "共 1 件"
keys b
wait_for "申请 16 现为“待初审”，不在服务中"
keys Enter
wait_for "申请 16  徽州区市场监督管理局"
keys z
wait_for "不在服务中：只有“正式运行”的申请可以办理注销"
keys Escape
wait_for "全部申请"
keys Escape
wait_for "全部申请"

# 延期 exists on 永嘉: on the key bar, opens its form; left untouched, no draft.
keys /
type_text "永嘉县文化和广电旅游体育局"
keys Enter
wait_for "共 1 件"
wait_for "b变更 z注销 y延期"
keys y
wait_for "永嘉县政务云平台资源延期使用申请表"
wait_for "永府办政云管审（2026）第 6 号"
keys Escape
wait_for "全部申请"
[ "$(last_id)" = "$id" ] || fail "an untouched follow-up left a draft"
keys Escape
wait_for "全部申请"

# ---- 注销 from the queue on another template's application ----
orig2=43      # 泰州市文化广电和旅游局, taizhou, 已开通
[ "$(field $orig2 '$.status')" = done ] || fail "demo: $orig2 not in service"
keys /
type_text "泰州市文化广电和旅游局"
keys Enter
wait_for "共 1 件"
keys z
wait_for "泰州市政务云平台业务终止申请表"
wait_for "原申请 $orig2  未保存"
# The original filled orig_docno, unit, system, contact, phone: the cursor
# waits at apply_date, then reason, stop_date, data_handling, resources.
type_text "2026-11-20"
keys Tab
type_text "系统已并入市级统一平台，原资源不再使用。"
keys Tab
type_text "2026-12-31"
keys Tab 1 Tab
type_text "云主机 3 台，全部收回。"
keys F2
wait_for "提交申请"
keys y
wait_for "已提交：申请"
id2=$(last_id)
[ "$id2" -gt "$id" ] || fail "no 注销 application"
j=$(ys show "$id2" --json)
[ "$(json_get "$j" '$.kind')" = terminate ] || fail "kind: $(json_get "$j" '$.kind')"
[ "$(json_get "$j" '$.parent')" = "$orig2" ] || fail "parent: $(json_get "$j" '$.parent')"
[ "$(json_get "$j" '$.status')" = pending ] || fail "status: $(json_get "$j" '$.status')"
[ "$(json_get "$j" '$.fields.unit')" = "泰州市文化广电和旅游局" ] || fail "unit"
[ "$(json_get "$j" '$.fields.orig_docno')" = "$(field $orig2 '$.docno')" ] || fail "orig_docno"
keys q
echo "ok terminate $id2 on $orig2"

# ---- a login without the clerk role ----
start -- --db "$DB" --as shenhe
wait_for "云审"
keys 2 /
type_text "永嘉县文化和广电旅游体育局"
keys Enter
wait_for "共 1 件"
wait_for "a签署"
screen | tail -1 | grep -q "变更" && fail "key bar offers 变更 to a reviewer"
keys z
wait_for "shenhe 没有永嘉县的录入员角色，不能对申请"
keys q
[ "$(last_id)" = "$id2" ] || fail "a refused follow-up created something"
echo "ok refusals"
