#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# A clerk copies a complete application of each template present
# from its paper form (data/demo/<id>-apply.json) into the form screen and
# submits it; what is stored equals the paper form imported by the CLI.
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
for t in $(ys templates | awk '{print $1}'); do
	paper=$T_DIR/$t.json
	sqlite3 :memory: "SELECT json_set(CAST(readfile('$YS_SRCDIR/data/demo/$t-apply.json') AS TEXT),
		'\$.fields.unit', '表单测试单位$t');" >"$paper"
	start -- --db "$DB" --as luru
	wait_for "云审"
	keys n
	wait_for "新建申请：选择辖区的申请表"
	pick_template "$t"
	wait_for "未保存"
	fill_paper "$YS_SRCDIR/data/templates/$t.json" "$paper"
	keys F2
	wait_for "提交申请" 20
	keys y
	wait_for "已提交：申请"
	keys q
	id=$(last_id)
	[ "$(json_get "$(ys show "$id" --json)" '$.status')" = pending ] || fail "$t: not submitted"
	ys import --draft "$paper" >/dev/null || fail "$t: import"
	same_form "$id" "$(last_id)"
	echo "ok $t ($id)"
done
