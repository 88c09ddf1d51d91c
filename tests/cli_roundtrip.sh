#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# One codec: show --json of every application of the demo imports back
# (as a draft) to the same form data; follow-ups, whose originals are no
# longer open to another one, are read back by the same reader through
# test_app. Nothing the writer stores is refused by the reader.
. "${YS_SRCDIR:-.}/tests/lib.sh"

ok demo
ok list --json
ids=$(jq_py '" ".join(str(a["id"]) for a in d["applications"] if a["kind"]=="apply")')
n=0
for id in $ids; do
	ok show "$id" --json
	cp "$T/out" "$T/a.json"
	ok import --draft "$T/a.json" --json
	new=$(jq_py 'd["imported"][0]')
	ok show "$new" --json
	"$PY" - "$T/a.json" "$T/out" <<'PY' || fail "application $id did not come back whole as $new"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("template", "kind", "fields", "tables", "totals"):
    if a[k] != b[k]:
        print(k, "differs:", a[k], b[k]); sys.exit(1)
PY
	n=$((n + 1))
done
[ $n -ge 40 ] || fail "only $n applications tried"
# An application in 试运行 carries its not_before: skipped on the way in.
ok --as luru import "$DEMO/huizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
ok --as shouli act "$id" accept --step accept --opinion 受理 $HZ_MATERIALS
ok --as shenhe act "$id" approve --step review --opinion 同意
ok --as lingdao act "$id" approve --step approve --opinion 同意
ok --as yunwei act "$id" done --step provision
ok --as shenhe2 act "$id" pass --step test
ok show "$id" --json
cp "$T/out" "$T/trial.json"
[ -n "$(jq_py 'd.get("not_before", "")')" ] || fail "no application in 试运行"
ok import --draft "$T/trial.json"
echo "roundtrip ok: $n applications"
