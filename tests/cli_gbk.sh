#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# On a GBK terminal the command line speaks GBK both ways: an opinion typed
# in GBK is stored as the right Chinese, and lists and errors come back in
# GBK; the database stays UTF-8 and --json stays UTF-8.
. "${YS_SRCDIR:-.}/tests/lib.sh"
locale -a 2>/dev/null | grep -qi '^zh_CN\.gbk$' || { echo "no zh_CN.GBK locale"; exit 77; }

ok --as admin init
ok --as admin user add clerk1 --role clerk
ok --as admin user add rev1 --role reviewer
ok --as admin user add acc1 --role acceptor
ok --as clerk1 import "$DEMO/taizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
ok --as acc1 act "$id" accept --step 受理 --opinion 受理

opinion_gbk=$(printf '同意，按最小化原则配置。' | iconv -f UTF-8 -t GBK)
LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as rev1 act "$id" approve --step approve --opinion "$opinion_gbk" > "$T/gbk" ||
	fail "act on a GBK terminal failed"
iconv -f GBK -t UTF-8 < "$T/gbk" | grep -qF "待业务办理" || fail "act output not in GBK: $(cat "$T/gbk")"
ok --as rev1 show "$id" --json
jq_py '[e["opinion"] for e in d["history"] if e["kind"]=="act"][-1]' | grep -qx "同意，按最小化原则配置。" ||
	fail "GBK opinion stored wrongly: $(jq_py '[e.get("opinion") for e in d["history"]]')"

LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as rev1 list > "$T/gbk"
iconv -f GBK -t UTF-8 < "$T/gbk" > "$T/out" || fail "list output is not GBK"
has "泰州市"
LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as rev1 list --json > "$T/out"
jq_py 'd["applications"][0]["template"]' | grep -qx taizhou || fail "--json not UTF-8 under GBK"

rc=0; LC_ALL=zh_CN.GBK "$YS" workdays add 2025-13-01 1 2> "$T/gbk" || rc=$?
[ $rc = 2 ] && iconv -f GBK -t UTF-8 < "$T/gbk" | grep -qF "日期“2025-13-01”无效" || fail "GBK error message"
# Every character of GBK and of GB18030, not a sample, through an argument
# (edit), the database (--json, UTF-8) and the display (show, in the
# charset again): 2,000 at a time, the field's limit.
ok --as clerk1 import "$DEMO/huizhou-apply.json" --draft --json
draft=$(jq_py 'd["imported"][0]')
for cs in GBK GB18030; do
	locale -a 2>/dev/null | grep -qix "zh_CN\.$cs" || { echo "no zh_CN.$cs locale: not checked"; continue; }
	"$PY" "$SRC/tests/charset_all.py" $cs 2000 > "$T/all" || fail "listing $cs"
	n=0
	while IFS= read -r chunk; do
		n=$((n + 1))
		LC_ALL=zh_CN.$cs "$YS" --db "$DB" --as clerk1 edit "$draft" "background=$chunk" > "$T/cs" 2>&1 ||
			fail "edit with $cs chunk $n: $(iconv -f $cs -t UTF-8 < "$T/cs")"
		printf '%s' "$chunk" | iconv -f $cs -t UTF-8 > "$T/want" || fail "chunk $n is not $cs"
		ok --as clerk1 show "$draft" --json
		"$PY" -c "import json,sys; sys.exit(json.load(open('$T/out'))['fields']['background'] != open('$T/want').read())" ||
			fail "$cs chunk $n stored differently"
		LC_ALL=zh_CN.$cs "$YS" --db "$DB" --as clerk1 show "$draft" > "$T/cs" || fail "show on a $cs terminal"
		LC_ALL=C grep -qF -- "$chunk" "$T/cs" || fail "$cs chunk $n shown differently"   # bytes, not UTF-8
	done < "$T/all"
	echo "all $n chunks of $cs ok"
done
# 隆 (C2 A1 in GBK) is also UTF-8's ¡: the locale decides, not the bytes.
LC_ALL=zh_CN.GBK "$YS" --db "$DB" --as clerk1 edit "$draft" "background=$(printf '\302\241')" > "$T/gbk" 2>&1 || fail "edit 隆"
ok --as clerk1 show "$draft" --json
[ "$(jq_py 'd["fields"]["background"]')" = "隆" ] || fail "GBK 隆 taken as UTF-8: $(jq_py 'd["fields"]["background"]')"
echo "GBK terminal ok"
