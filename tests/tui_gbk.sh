#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# On a GBK terminal (zh_CN.GBK locale) the interface writes GBK and reads
# GBK keys: the raw bytes the terminal receives are checked after iconv,
# Chinese typed in GBK is stored as UTF-8, and ☑/☐ (not in GBK) show as
# [x]/[ ].
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.gbk'; then
	localedef -i zh_CN -f GBK zh_CN.GBK >/dev/null 2>&1 || { echo "SKIP: no zh_CN.GBK locale"; exit 77; }
fi
command -v iconv >/dev/null 2>&1 || { echo "SKIP: no iconv"; exit 77; }
demo_db
T_LOCALE=zh_CN.GBK
RAW=$T_DIR/raw
: >"$RAW"
wait_raw() {
	local i=0
	while [ $i -lt 100 ]; do
		iconv -c -f GBK -t UTF-8 "$RAW" 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for the terminal to receive: $1"
}
# type_gbk TEXT: the keys a GBK terminal sends for TEXT.
type_gbk() { tm send-keys -t ys -H $(printf '%s' "$1" | iconv -f UTF-8 -t GBK | od -An -tx1); }

start -- --db "$DB" --as shenhe
tm pipe-pane -t ys -o "cat >>'$RAW'"
keys C-l
wait_raw "我的待办"
wait_raw "徽州区市场监督管理局"
wait_raw "今天到期"
keys Down a
wait_raw "环节：初审（审核人签署）"
type_gbk "国标终端同意。"
wait_raw "国标终端同意。"
keys Tab Enter
wait_raw "确认以“同意”签署申请 16"
keys y
wait_raw "已签署：申请 16 同意"
keys q
[ "$(json_get "$(ys show 16 --json)" '$.history[#-1].opinion')" = "国标终端同意。" ] || fail "opinion stored as UTF-8"

: >"$RAW"
start -- --db "$DB" --as luru
tm pipe-pane -t ys -o "cat >>'$RAW'"
keys C-l
wait_raw "草稿"
keys n
wait_raw "新建申请：选择辖区的申请表"
pick_template huizhou
wait_raw "单位名称"
type_gbk "徽州区国标测试局"
keys Tab
wait_raw "徽州区国标测试局"
wait_raw "[ ]机关单位"
keys Tab Space
: >"$RAW"
keys C-l               # repaint all: only the box changed
wait_raw "[x]机关单位"
keys Escape
wait_raw "草稿已保存"
keys q
id=$(json_get "$(ys list --state draft --search 徽州区国标测试局 --json)" '$.applications[0].id')
[ -n "$id" ] || fail "draft not found by its UTF-8 name"
[ "$(json_get "$(ys show "$id" --json)" '$.fields.unit_type')" = "机关单位" ] || fail "choice"
echo ok

# Every character of GBK and of GB18030 typed into a form (the 需求背景描述
# box, 2,000 at a time) is stored as that character: the keys a terminal
# in that charset sends, decoded by the locale.
for cs in GBK GB18030; do
	locale -a 2>/dev/null | grep -qix "zh_CN\.$cs" || { echo "no zh_CN.$cs locale: not checked"; continue; }
	T_LOCALE=zh_CN.$cs
	# 500 to a line, typed four lines at a time: tmux takes no longer a
	# command than that
	python3 "$YS_SRCDIR/tests/charset_all.py" $cs 500 >"$T_DIR/all" || fail "listing $cs"
	: >"$RAW"
	start -- --db "$DB" --as luru
	tm pipe-pane -t ys -o "cat >>'$RAW'"
	keys C-l
	sleep 0.5
	keys n
	sleep 0.5
	pick_template huizhou
	sleep 0.5
	keys PgDn          # the second section: 需求背景描述
	n=0 draft= before=$(last_id)
	# fd 3: what runs inside reads no chunk; LC_ALL=C: bash reads bytes,
	# not characters of its own locale (GBK bytes are not UTF-8)
	while LC_ALL=C IFS= read -r chunk <&3; do
		n=$((n + 1))
		keys C-u
		: >"$T_DIR/typed"
		for part in 1 2 3 4; do
			[ $part = 1 ] || LC_ALL=C IFS= read -r chunk <&3 || break
			tm send-keys -t ys -H $(printf '%s' "$chunk" | od -An -tx1 -v)
			printf '%s' "$chunk" >>"$T_DIR/typed"
		done
		keys C-s
		iconv -f $cs -t UTF-8 <"$T_DIR/typed" >"$T_DIR/want"
		for i in $(seq 1 100); do
			[ -n "$draft" ] || { draft=$(last_id); [ "$draft" -gt "$before" ] || draft=; }
			ys show "$draft" --json --as luru >"$T_DIR/got" 2>/dev/null
			python3 -c "import json,sys; sys.exit(json.load(open('$T_DIR/got'))['fields'].get('background') != open('$T_DIR/want').read())" 2>/dev/null && break
			[ $i = 100 ] && fail "$cs chunk $n typed: stored differently"
			sleep 0.1
		done
	done 3<"$T_DIR/all"
	keys Escape
	sleep 0.3
	ys edit "$draft" --as luru background=完 >/dev/null || fail "reset"
	echo "typed all $n chunks of $cs"
done
