#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Names and delegation (委托): signatures show 姓名（登录名）; a name
# changed later leaves what was signed as it was signed; a delegate signs
# within the delegator's scope as 张三（zhangsan，代 李四）, under the same
# four-eyes and co-signing rules as the one it stands for; no chain, no
# loop; the admin sees every delegation.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok demo
signer() { ys show "$1" --json && jq_py 'd["history"][-1]["signer"]'; }

# --- names ---
ok --as guanli user list
has "shenhe           张伟"
refused 1 "只有管理员可以管理用户" --as shenhe user name shenhe 张三
refused 1 "姓名不能为空" --as guanli user name shenhe "  "
refused 1 "姓名最多 20 个字" --as guanli user name shenhe 一二三四五六七八九十一二三四五六七八九十一
refused 1 "nobody 不是本系统的用户" --as guanli user name nobody 某人
ok --as guanli user add newbie --role clerk --name 新来的
ok --as guanli user list --json
[ "$(jq_py '[u["name"] for u in d["users"] if u["login"] == "newbie"][0]')" = 新来的 ] || fail "--name not kept"
# A refused add keeps nothing, the name neither.
refused 1 "未知角色" --as guanli user add ghost --role nosuch --name 幽灵
[ "$(sqlite3 "$DB" "SELECT count(*) FROM names WHERE login = 'ghost'")" = 0 ] || fail "name kept of a refused add"

# Application 16 waits at 徽州's 初审 (reviewer), then 领导审批 (leader).
ok --as shenhe act 16 同意 --step 初审 --opinion 同意
[ "$(signer 16)" = "张伟（shenhe）" ] || fail "signer not 姓名（登录名）: $(signer 16)"
ok --as guanli user name shenhe 张卫
[ "$(signer 16)" = "张伟（shenhe）" ] || fail "a later rename changed a signature"
ok --as guanli export form 16 -o "$T/16.xlsx"
"$PY" - "$T/16.xlsx" <<'PY' || fail "the form does not print the name as signed"
import openpyxl, sys
cells = [str(c.value) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets for row in ws.iter_rows() for c in row if c.value]
assert any(c.startswith("签字：张伟（shenhe）（系统内签署") for c in cells), [c for c in cells if "签字" in c]
PY

# --- delegation: the rules ---
refused 1 "只有本人或管理员可以" --as shenhe delegate shenhe2 --role leader --from 2026-11-20 --until 2026-11-30 --for lingdao
refused 1 "管理员角色不能委托" --as guanli delegate shenhe --role admin --from 2026-11-20 --until 2026-11-30
refused 1 "不能委托给自己" --as lingdao delegate lingdao --role leader --from 2026-11-20 --until 2026-11-30
refused 1 "本人没有领导角色" --as shenhe delegate shenhe2 --role leader --from 2026-11-20 --until 2026-11-30
refused 1 "结束日期 2026-11-19 已经过去" --as lingdao delegate shenhe --role leader --from 2026-11-01 --until 2026-11-19
refused 1 "早于开始日期" --as lingdao delegate shenhe --role leader --from 2026-11-30 --until 2026-11-21
refused 1 "一次委托最长 366 天" --as lingdao delegate shenhe --role leader --from 2026-11-20 --until 2027-12-31
refused 1 "应写作 YYYY-MM-DD" --as lingdao delegate shenhe --role leader --from 明天 --until 2026-11-30
refused 1 "stranger 不是本系统的用户" --as lingdao delegate stranger --role leader --from 2026-11-20 --until 2026-11-30
refused 2 "用法" --as lingdao delegate shenhe --role leader --from 2026-11-20

ok --as lingdao delegate shenhe --role leader --from 2026-11-20 --until 2026-11-30 --reason 出差
has "委托 1：陈静（lingdao） 把领导角色交给 张卫（shenhe），2026-11-20 至 2026-11-30"
# Four-eyes holds through a delegation: shenhe signed 初审 and may not
# sign 领导审批, for lingdao or not.
refused 1 "同一人不得连续签署两个审核环节" --as shenhe act 16 同意 --step 领导审批
# No second delegate, no chain, no loop in an overlapping range.
refused 1 "已在 2026-11-20 至 2026-11-30 把领导角色委托给 shenhe" --as lingdao delegate shenhe2 --role leader --from 2026-11-25 --until 2026-12-05
refused 1 "shenhe 本人没有领导角色" --as guanli delegate shenhe2 --role leader --from 2026-11-25 --until 2026-11-26 --for shenhe
ok --as shenhe2 delegate shenhe --role reviewer --from 2026-12-01 --until 2026-12-02
refused 1 "不能同时受托" --as shenhe delegate shenhe2 --role reviewer --from 2026-12-02 --until 2026-12-03
refused 1 "受托的角色不能再委托" --as shenhe delegate xianji --role reviewer --from 2026-11-30 --until 2026-12-01
refused 1 "没有编号为 2 的委托" --as luru delegate end 2
refused 1 "只能由委托人 shenhe2 或管理员撤销" --as shenhe delegate end 2
ok --as shenhe2 delegate end 2
refused 1 "委托 2 已于 2026-11-20 撤销" --as shenhe2 delegate end 2

# Who sees what: the admin all, the others their own.
ok --as guanli delegate list --json
[ "$(jq_py 'd["count"]')" = 2 ] || fail "the admin does not see every delegation"
ok --as luru delegate list --json
[ "$(jq_py 'd["count"]')" = 0 ] || fail "a clerk sees others' delegations"
ok --as shenhe delegate list
has "陈静（lingdao）"
has "生效中  出差"

# --- delegation: a signature for another ---
ok --as guanli delegate end 1
ok --as lingdao delegate shenhe2 --role leader --from 2026-11-20 --until 2026-11-20
ok --as shenhe2 act 16 同意 --step 领导审批 --opinion 同意开通
[ "$(signer 16)" = "刘洋（shenhe2，代 陈静）" ] || fail "delegate's signature: $(signer 16)"
[ "$(jq_py 'd["history"][-1]["for_login"]')" = lingdao ] || fail "for_login not recorded"
ok --as guanli verify
has "检查通过"
# Past its last day the delegation gives nothing.
YUNSHEN_NOW=2026-11-23T09:00 ys --as shenhe2 list --mine --json
[ "$(jq_py 'len([a for a in d["applications"] if a["step"] == "leader"])')" = 0 ] || fail "expired delegation still in the queue"

# A co-signature counts for the one it is made for: 专家 zhuanjia1 has
# co-signed application 3, its delegate may not sign it again for it.
ok show 3 --json
[ "$(jq_py 'd["step"]')" = expert ] || fail "3 not at the experts"
ok --as zhuanjia1 delegate shouli --role expert --from 2026-11-20 --until 2026-11-21
refused 1 "已会签" --as shouli act 3 agree --step 专家论证 --opinion 同意
ok --as zhuanjia2 delegate shenhe2 --role expert --from 2026-11-20 --until 2026-11-21
ok --as shenhe2 act 3 agree --step 专家论证 --opinion 同意
[ "$(signer 3)" = "刘洋（shenhe2，代 孙丽）" ] || fail "delegate's co-signature: $(signer 3)"
refused 1 "已会签" --as zhuanjia2 act 3 agree --step 专家论证 --opinion 也同意
# Without a name of its own a login is called by its passwd GECOS (needs
# root to make a system user; elsewhere this part is skipped, said).
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null; then
	g=ysgecos$$
	useradd -M -N -c "测试员甲,101室,," "$g"
	trap 'userdel "$g" 2>/dev/null; rm -rf "$T"' EXIT
	ok --as guanli user add "$g" --role clerk
	ok --as guanli user list
	grep -q "^$g  *测试员甲 " "$T/out" || fail "GECOS name not used: $(cat "$T/out")"
	ok --as guanli user name "$g" 测试员乙
	has "已设定姓名：测试员乙（$g）"
else
	echo "GECOS part skipped: not root"
fi
echo "people ok"
