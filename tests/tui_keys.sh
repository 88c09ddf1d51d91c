#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Keys as terminals send them: escape sequences read whole (unknown ones
# dropped, PuTTY's and the Linux console's function keys taken, an arrow
# whose bytes come apart over a slow link still an arrow, ESCDELAY
# honoured); Ctrl-C asks before quitting and keeps the draft; Ctrl-Z stops
# and comes back; a signature, a delivery and an overwrite need y, not
# Enter; the line editor's readline keys.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
id=16    # 徽州区市场监督管理局, waiting for 初审
hex() { tm send-keys -t ys -H "$@"; }
step() { json_get "$(ys show $id --json)" '$.step'; }

start -- --db "$DB" --as shenhe
# Paging the help redraws its lines whole (the page position used to sit
# over the last line and leave "（录入 ）" behind).
keys F1
wait_for "按键说明"
keys NPage
wait_for "新建申请（录入员）"
screen | grep -q "（录入 ）" && fail "half a character left after PgDn"
screen | grep -q "^  [^ ].*行$" && fail "the position over a help line"
keys Escape
select_row "徽州区市场监督管理局"
keys Enter
wait_for "申请 $id  徽州区市场监督管理局"
hex 1b 5b 39 39 7e              # ESC [ 9 9 ~: no key of any terminal
sleep 0.5
screen | grep -qF "申请 $id  徽州区市场监督管理局" || fail "an unknown sequence closed the detail"
hex 1b 5b 31 31 7e              # PuTTY's F1
wait_for "按键说明："
keys Escape
wait_for "申请 $id  徽州区市场监督管理局"
hex 1b 5b 5b 41                 # the Linux console's F1
wait_for "按键说明："
keys Escape
wait_for "申请 $id  徽州区市场监督管理局"
hex 1b; sleep 0.06; hex 5b 42   # Down, its bytes 60 ms apart
sleep 0.5
screen | grep -qF "申请 $id  徽州区市场监督管理局" || fail "a slow Down arrow closed the detail"
screen | grep -q "^\[B\|B$" && fail "a slow Down arrow left letters"

# The dialog: Enter on the confirmation does not sign.
keys a
wait_for "此前意见"
type_text "同意"
keys Tab Enter
wait_for "确认以“同意”签署申请 $id的“初审”"
keys Enter
wait_for "请按 y 确认，n 取消"
[ "$(step)" = review ] || fail "Enter signed"
keys n
wait_for "未签署"
[ "$(step)" = review ] || fail "n signed"

# The opinion box edits as readline does: Ctrl-W, Ctrl-U (kills in a row
# add up), Ctrl-Y, Ctrl-_ (undo, step by step), Alt-B, Ctrl-Left, Alt-D.
keys Tab C-u
type_text "同意 上云 审核通过"
keys C-w
wait_for "同意 上云"
screen | grep -qF "审核通过" && fail "Ctrl-W kept the last word"
keys C-u
wait_gone "同意 上云"
keys C-y
wait_for "同意 上云 审核通过"
keys C-_
wait_gone "同意 上云"
keys C-_
wait_for "同意 上云"
screen | grep -qF "审核通过" && fail "undo went two steps"
keys C-_
wait_for "同意 上云 审核通过"
keys M-b
type_text "已"
wait_for "同意 上云 已审核通过"
keys C-Left C-Left M-d
wait_for "同意  已审核通过"
keys Tab Enter
wait_for "确认以“同意”签署申请 $id"
keys y
wait_for "已签署：申请 $id 同意"
[ "$(json_get "$(ys show $id --json)" '$.history[#-1].opinion')" = "同意  已审核通过" ] ||
	fail "opinion: $(json_get "$(ys show $id --json)" '$.history[#-1].opinion')"
echo "ok keys and editor"

# ESCDELAY is the user's: at 20 ms the same slow arrow is an Esc.
T_ENV="ESCDELAY=20"
start -- --db "$DB" --as shenhe
wait_for "我的待办"
keys Enter
wait_for "申请 "
hex 1b; sleep 0.3; hex 5b 42
wait_for "我的待办"
T_ENV=

# Ctrl-Z stops the program with the terminal given back to the shell,
# and fg brings it back redrawn; where no shell could (started straight
# from tmux, an orphaned group) it says so instead.
start -- --db "$DB" --as shenhe
wait_for "我的待办"
keys C-z
wait_for "不能暂停：云审不是从有作业控制的 shell 启动的"
tm kill-session -t ys 2>/dev/null
# The last session killed, the server is on its way out: a new session
# may reach it while it exits ("server exited unexpectedly"), so retry.
n=0
until tm new-session -d -s ys -x 80 -y 24 "cd '$T_DIR' && env -i PATH=/usr/bin:/bin HOME='$T_DIR' TERM=tmux-256color PS1='$ ' bash --norc --noprofile -i" 2>/dev/null; do
	n=$((n + 1)); [ $n -lt 20 ] || fail "tmux shell"; sleep 0.2
done
sleep 0.3
type_text "LC_ALL=C.UTF-8 YUNSHEN_NOW=$YUNSHEN_NOW YUNSHEN_DATADIR='$YUNSHEN_DATADIR' YUNSHEN_CONFDIR='$YUNSHEN_CONFDIR' $T_ENV '$YS' --db '$DB' --as shenhe"
keys Enter
wait_for "我的待办"
keys C-z
wait_for "Stopped"
wait_gone "我的待办"
type_text "fg"
keys Enter
wait_for "我的待办"
wait_for "泰州市市场监督管理局"
keys q
wait_for "$ "

start -- --db "$DB" --as shenhe
wait_for "我的待办"
# An export over an existing file asks; n leaves it as it was.
keys p
wait_for "保存到（.xlsx）："
keys Enter
wait_for "已导出申请"
f=$(ls "$T_DIR"/*.xlsx | head -1)
[ -s "$f" ] || fail "no export"
echo mine >"$f"
keys p
wait_for "保存到（.xlsx）："
keys Enter
wait_for "已存在，覆盖？（y 覆盖，n 取消）"
keys Enter n
wait_for "未导出"
[ "$(cat "$f")" = mine ] || fail "overwritten without y"
keys p
wait_for "保存到（.xlsx）："
keys Enter
wait_for "已存在，覆盖？"
keys y
wait_for "已导出申请"
[ "$(head -c 2 "$f")" = PK ] || fail "not overwritten on y"

# Ctrl-C asks; n goes on, y quits and the form being filled is a draft.
start -- --db "$DB" --as luru
wait_for "草稿"
keys n
wait_for "新建申请：选择辖区的申请表"
pick_template huizhou
wait_for "单位名称"
type_text "按键测试局"
keys C-c
wait_for "退出云审？正在填写的表会存为草稿。（y 退出，n 继续）"
keys n
wait_gone "退出云审？"
wait_for "按键测试局"
keys C-c
wait_for "退出云审？"
keys y
# The program ends (tmux marks the pane dead; it does not always learn the
# status in time, so the status is not asked).
for i in $(seq 1 100); do [ "$(tm list-panes -t ys -F '#{pane_dead}')" = 1 ] && break; sleep 0.1; done
[ "$(tm list-panes -t ys -F '#{pane_dead}')" = 1 ] || fail "still running after Ctrl-C y"
ys list --state draft --as luru | grep -qF "按键测试局" || fail "Ctrl-C lost the form"
echo ok
