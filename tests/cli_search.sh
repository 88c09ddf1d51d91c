#!/bin/sh
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
