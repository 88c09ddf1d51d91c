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
echo "search ok"
