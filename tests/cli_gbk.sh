#!/bin/sh
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
echo "GBK terminal ok"
