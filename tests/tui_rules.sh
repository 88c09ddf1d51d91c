#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The core's rules as the screens meet them: a dialog signing a step that
# someone signed meanwhile is refused with who and when; the form saves
# only what the clerk changed and asks when a value was changed by someone
# else too; the screens and the CLI refuse alike, in the same words.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
id=16    # 徽州区市场监督管理局, waiting for 初审

# --- the dialog names the step it showed ---
start -- --db "$DB" --as shenhe
select_row "徽州区市场监督管理局"
keys a
wait_for "环节：初审"
type_text "初审意见"
keys Tab Enter
wait_for "确认以“同意”签署申请 $id的“初审”"
# Signed elsewhere while the question is on screen (before it, the live
# dialog would already show the step gone).
ys --as shenhe2 act $id approve --step 初审 --opinion "shenhe2 同意" >/dev/null || fail "CLI signature"
keys y
wait_for "申请 $id 的「初审」已由 刘洋（shenhe2） 于 2026-11-20 10:00 签署（同意）"
keys Escape q
j=$(ys show $id --json)
[ "$(json_get "$j" '$.step')" = approve ] || fail "moved on to $(json_get "$j" '$.step')"
[ "$(json_get "$j" '$.history[#-1].login')" = shenhe2 ] || fail "a stale signature landed"

# --- nor on content the clerk corrected after the dialog opened ---
new=$(ys --as luru import "$YS_SRCDIR/data/demo/taizhou-apply.json" --json | sed -n 's/.*\[\([0-9]*\)\].*/\1/p')
start -- --db "$DB" --as shouli
select_row "泰州市人力资源和社会"
keys a
wait_for "环节：受理"
keys Tab Enter
wait_for "确认以“受理”签署申请 $new"
ys --as luru edit "$new" contact=顾晓峰（更正） >/dev/null || fail "CLI correction"
keys y
wait_for "申请 $new 的内容已由 李娜（luru） 于 2026-11-20 10:00 修改（contact），请重新查看"
keys Escape q
[ "$(json_get "$(ys show "$new" --json)" '$.status')" = pending ] || fail "signed content changed meanwhile"

# --- the form writes only what the clerk changed; a value changed by
# someone else too is asked about, field by field ---
# 永嘉's draft: the field after its unit is a text the clerk types into.
draft=$(sqlite3 "$DB" "SELECT max(id) FROM applications WHERE status='draft' AND template='yongjia'")
[ -n "$draft" ] || fail "no draft in the demo"
draft_unit=$(sqlite3 "$DB" "SELECT unit FROM applications WHERE id=$draft")
start -- --db "$DB" --as luru
wait_for "草稿"
select_row "$draft_unit"
keys Enter
wait_for "草稿 $draft"
ys --as luru edit "$draft" unit=别人改的单位 contact=别人改的联系人 >/dev/null || fail "CLI edit"
keys C-u
type_text "我改的单位"
keys Tab
wait_for "「单位名称（盖章）」已被别人修改（1/1）：保留哪一个？"
wait_for "采用别人保存的：别人改的单位"
keys Down Enter
wait_for "已保存"
keys Escape q
j=$(ys show "$draft" --json)
[ "$(json_get "$j" '$.fields.unit')" = 我改的单位 ] || fail "the clerk's choice not saved: $(json_get "$j" '$.fields.unit')"
[ "$(json_get "$j" '$.fields.contact')" = 别人改的联系人 ] || fail "another's change reverted: $(json_get "$j" '$.fields.contact')"

# --- a conflict left undecided, then the connection drops: what the other
# person saved stays, and the clerk's other typing is saved, not lost ---
start -- --db "$DB" --as luru
wait_for "草稿"
select_row "我改的单位"
keys Enter
wait_for "草稿 $draft"
ys --as luru edit "$draft" unit=又一个别人的单位 >/dev/null || fail "CLI edit"
keys C-u
type_text "又一个我的单位"
keys Tab
wait_for "已被别人修改（1/1）"
keys Escape
wait_for "冲突尚未决定"
type_text "挂断前输入"
wait_for "挂断前输入"
tm kill-session -t ys          # SIGHUP, as a dropped SSH connection
i=0
until json_get "$(ys show "$draft" --json)" '$.fields' | grep -qF "挂断前输入"; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "the clerk's typing was lost with the connection: $(ys show "$draft" --json)"
	sleep 0.1
done
[ "$(json_get "$(ys show "$draft" --json)" '$.fields.unit')" = 又一个别人的单位 ] || fail "another's value overwritten on hang-up"

# --- refused alike: frozen content ---
msg=$(ys --as luru edit $id contact=x 2>&1 >/dev/null) && fail "CLI edited frozen content"
msg=${msg#yunshen: }
start -- --db "$DB" --as luru
wait_for "草稿"
keys 2
select_row "徽州区市场监督管理局"
keys Enter
wait_for "申请 $id"
keys e
wait_for "$msg"
keys Escape q

# --- an admin corrects frozen content in the form only with a written
# reason: Esc at the question saves nothing and Esc does not drop the
# change on one key; the reason is kept with the edit ---
start -- --db "$DB" --as guanli
keys 2
select_row "徽州区市场监督管理局"
keys Enter
wait_for "单位名称"
keys C-u
type_text "徽州区市场监督管理局（更名）"
keys C-s
wait_for "修改已冻结的申请须写明理由："
keys Escape
wait_for "未保存：管理员修改须写明理由"
keys Escape
wait_for "修改未保存：Ctrl-S 重试，再按 Esc 放弃这些修改并返回"
keys C-s
wait_for "修改已冻结的申请须写明理由："
type_text "单位来函更名"
keys Enter
wait_for "修改已保存：申请 $id（已记入历史）"
keys Escape q
j=$(ys show $id --json)
[ "$(json_get "$j" '$.fields.unit')" = "徽州区市场监督管理局（更名）" ] || fail "admin's correction not saved"
[ "$(json_get "$j" '$.history[#-1].opinion')" = "单位来函更名" ] || fail "the reason is not with the edit"
[ "$(json_get "$j" '$.history[#-1].login')" = guanli ] || fail "the edit is not the admin's"

# --- refused alike: a follow-up's 原文号 comes from its original ---
orig=$(sqlite3 "$DB" "SELECT min(id) FROM applications WHERE template='huizhou' AND kind='apply' AND status='done'
	AND id NOT IN (SELECT parent_id FROM applications WHERE parent_id IS NOT NULL AND status IN ('draft','pending','returned'))")
printf '{"template":"huizhou","kind":"change","parent":%s,"fields":{"reason":"扩容"}}' "$orig" >"$T_DIR/c.json"
chg=$(ys --as luru import --draft "$T_DIR/c.json" --json | sed -n 's/.*\[\([0-9]*\)\].*/\1/p')
[ -n "$chg" ] || fail "change draft on $orig"
msg=$(ys --as luru edit "$chg" orig_docno=x 2>&1 >/dev/null) && fail "CLI edited a locked field"
echo "$msg" | grep -qF "“原审批表编号”取自原申请，不能修改" || fail "CLI: $msg"
start -- --db "$DB" --as luru
wait_for "草稿"
keys Enter
wait_for "草稿 $chg"
keys x
wait_for "“单位名称”取自原申请，不能修改"
keys Escape q

# --- refused alike: only ops records deliveries ---
msg=$(ys --as shenhe deliver "$orig" "vm[1]" --host h --ip 10.0.0.1 2>&1 >/dev/null) && fail "CLI: reviewer delivered"
echo "$msg" | grep -qF "shenhe 没有运维角色，不能记录交付" || fail "CLI: $msg"
start -- --db "$DB" --as shenhe
keys 2
wait_for "全部申请"
keys /
type_text "$(json_get "$(ys show "$orig" --json)" '$.docno')"
keys Enter
wait_for "共 "
keys Enter d
wait_for "交付记录"
keys Enter
wait_for "shenhe 没有运维角色，不能记录交付"
keys Escape Escape q
# --- a deadline in a year not yet published: the queue says so once, on
# its bottom line beside the count, and the detail marks the date ---
export YUNSHEN_NOW=2026-12-29T10:00
new=$(ys --as luru import "$YS_SRCDIR/data/demo/huizhou-apply.json" --json | sed -n 's/.*\[\([0-9]*\)\].*/\1/p')
start -- --db "$DB" --as shouli
wait_for "2027 年节假日未公布，该年期限暂定"
screen | grep -q "第 1/.* 件" || fail "the count is hidden by the notice"
select_row "徽州区教育局"
keys Enter
wait_for "期限：2027-01-04（暂定）"
keys Escape q
echo "tui rules ok"
