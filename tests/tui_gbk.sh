#!/bin/bash
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
