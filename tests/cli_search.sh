#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Search matches 文号 loosely: brackets of any kind (or none), full-width
# or half-width digits, blanks; a search of brackets alone matches no 文号.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok demo
ok show 40 --json
docno=$(jq_py 'd["docno"]')
case $docno in *〔*〕*) ;; *) fail "demo: 40's 文号 $docno has no 〔〕" ;; esac
"$PY" - "$docno" >"$T/variants" <<'PY'
import sys
d = sys.argv[1]
full = lambda s: ''.join(chr(ord(c) + 0xfee0) if c.isdigit() else c for c in s)
print(d.replace('〔', '(').replace('〕', ')'))
print(d.replace('〔', '[').replace('〕', ']'))
print(full(d.replace('〔', '［').replace('〕', '］')))
print(d.replace('〔', '（').replace('〕', '）').replace('号', ''))
print(d.replace('〔', '').replace('〕', ''))
print(d.replace('〔', ' 〔 '))
PY
while IFS= read -r v; do
	ok list --search "$v" --json
	[ "$(jq_py '[a["id"] for a in d["applications"]]')" = "[40]" ] || fail "search '$v': $(jq_py '[a["id"] for a in d["applications"]]')"
done <"$T/variants"
ok list --search "()" --json
[ "$(jq_py 'len(d["applications"])')" = 0 ] || fail "brackets alone matched"
ok list --search "〔" --json
[ "$(jq_py 'len(d["applications"])')" -gt 0 ] || fail "the bracket itself no longer found"

# Through the index: unit, system, 文号, contact and signed opinions, any
# piece of two characters or more, one character too; the same
# applications as a plain scan of those texts finds.
oracle() {   # oracle TEXT: ids whose texts hold TEXT, as sqlite's instr sees it
	sqlite3 "$DB" "SELECT id FROM applications a WHERE instr(unit, '$1') OR instr(system, '$1')
		OR instr(coalesce(docno, ''), '$1') OR instr(coalesce(json_extract(data, '\$.fields.contact'), ''), '$1')
		OR EXISTS (SELECT 1 FROM events e WHERE e.app_id = a.id AND instr(coalesce(e.opinion, ''), '$1'))
		ORDER BY id" | tr '\n' ' '
}
contact=$(sqlite3 "$DB" "SELECT json_extract(data, '\$.fields.contact') FROM applications WHERE id = 7")
word=$(sqlite3 "$DB" "SELECT substr(opinion, 3, 4) FROM events WHERE length(opinion) > 8 ORDER BY id LIMIT 1")
for q in 民政 公安 档案馆 卫生健康 "$contact" "$word" 局 医保智能 2026; do
	ok list --search "$q" --json
	got=$(jq_py '" ".join(str(i) for i in sorted(a["id"] for a in d["applications"]))')
	want=$(oracle "$q")
	[ "$got " = "$want" ] || [ -z "$got$want" ] || fail "search '$q': $got, a scan finds $want"
	[ -n "$want" ] || fail "search '$q': the demo should have some"
done
# The index follows every change: an edited unit, and rows
# written by another program (the sqlite3 shell) alike.
ok edit 1 unit=大同市新名字测试局
ok list --search 新名字 --json
[ "$(jq_py '[a["id"] for a in d["applications"]]')" = "[1]" ] || fail "edited unit not found"
sqlite3 "$DB" "INSERT INTO applications(template, kind, unit, system, status, round, created_at, created_by, updated_at)
	VALUES ('huizhou', 'apply', '外来写入局', '外来系统', 'draft', 0, '2026-11-01T09:00', 'luru', '2026-11-01T09:00')"
ok list --search 外来 --json
[ "$(jq_py 'len(d["applications"])')" = 1 ] || fail "a row written by the sqlite3 shell not found"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM search_dirty")" = 0 ] || fail "the index did not catch up"

# Named views: a base list and what narrows it, kept per login.
ok --as shenhe view save 徽州超期 --base 超期 --template huizhou
ok --as shenhe list --view 徽州超期 --json
got=$(jq_py 'sorted(a["id"] for a in d["applications"])')
ok --as shenhe list --overdue --json
want=$(jq_py 'sorted(a["id"] for a in d["applications"] if a["template"] == "huizhou")')
[ "$got" = "$want" ] && [ "$got" != "[]" ] || fail "view 徽州超期: $got, want $want"
ok --as shenhe view save 徽州超期 --base 超期 --template taizhou
ok --as shenhe view --json
[ "$(jq_py '[(v["name"], v["template"]) for v in d["views"]]')" = "[('徽州超期', 'taizhou')]" ] || fail "same name did not replace"
ok --as shenhe2 view --json
[ "$(jq_py 'd["count"]')" = 0 ] || fail "views are not the login's own"
refused 1 "“全部申请”是内置的列表" --as shenhe view save 全部申请
refused 1 "视图名称应为 1 至 20 个字" --as shenhe view save "　"
refused 1 "没有模板“nosuch”" --as shenhe view save x --template nosuch
refused 1 "未知状态“nosuch”" --as shenhe view save x --state nosuch
refused 2 "--base 应为 我的待办" --as shenhe view save x --base 乱写
refused 2 "--view 不能和" --as shenhe list --view 徽州超期 --mine
refused 1 "没有名为“别的”的视图" --as shenhe list --view 别的
ok --as shenhe view remove 徽州超期
refused 1 "没有名为“徽州超期”的视图" --as shenhe view remove 徽州超期

echo "search ok"
