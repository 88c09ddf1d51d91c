#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# yunshen in scripts and cron: --json makes every command print exactly
# one JSON document that starts with format_version (its own document, a
# message, or the error), and -q keeps a successful run silent while data
# and errors still come out.
. "${YS_SRCDIR:-.}/tests/lib.sh"
export YUNSHEN_NOW=2026-11-20T10:00
"$YS" --db "$DB" --as admin -q demo > "$T/out" 2>&1 || fail "demo"
[ ! -s "$T/out" ] || fail "-q demo said: $(cat "$T/out")"

# one_doc OUTFILE: exactly one JSON object, format_version 1 first.
one_doc() {
	"$PY" - "$1" <<'PY' || { cat "$1" >&2; fail "not one JSON document: $*"; }
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
d, end = json.JSONDecoder().raw_decode(text)
assert text[end:].strip() == '', 'more than one document'
assert isinstance(d, dict) and list(d)[0] == 'format_version' and d['format_version'] == 1, list(d)[:3]
PY
}
# Every kind of command, as the administrator on the demo database.
n=0
for args in "list" "show 1" "templates" "template huizhou" "due" "ledger" "capacity" "remind" \
	"fees --month 2026-10" "usage" "eval datong" "price list datong" "calendar" "workdays add 2026-01-01 3" \
	"verify" "user list" "delegate list" "phrase" "view" "forecast" "deliver 1" \
	"user add zhaoliu --role clerk" "user name zhaoliu 赵六" "user remove zhaoliu" \
	"price set datong ecs_4c8g 300 --from 2027-01-01" "backup $T/b.db" "export month 2026-10 -o $T/m.xlsx" \
	"phrase add 同意" "view save 我的 --state pending"; do
	# shellcheck disable=SC2086
	"$YS" --db "$DB" --as admin --json $args > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "--json $args failed"; }
	one_doc "$T/out" "$args"
	n=$((n + 1))
done
# A command that only does something says so in the document.
"$YS" --db "$DB" --as admin --json backup "$T/b2.db" > "$T/out"
[ "$(jq_py 'd["ok"], d["message"].startswith("已备份到")')" = "True True" ] || fail "backup --json: $(cat "$T/out")"
# A failure is a document too, with the reason; the exit code says it failed.
rc=0; "$YS" --db "$DB" --as admin --json user add x --role clerkk > "$T/out" 2> "$T/err" || rc=$?
[ $rc = 1 ] || fail "bad role exit $rc"
one_doc "$T/out" "failure"
[ "$(jq_py 'd["ok"], "未知角色" in d["error"]')" = "False True" ] || fail "failure document: $(cat "$T/out")"
grep -qF "未知角色" "$T/err" || fail "the failure is not on stderr too"
# show --json carries the deliveries.
id=$("$YS" --db "$DB" --as admin --json list --state done | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["applications"][0]["id"])')
"$YS" --db "$DB" --as admin --json show "$id" > "$T/out"
jq_py 'd["deliveries"]' > /dev/null || fail "show --json has no deliveries"

# -q: silent on success, data and errors as ever.
for args in "backup $T/b3.db" "user add qian --role clerk" "export month 2026-10 -o $T/q.xlsx" "verify" "calendar"; do
	# shellcheck disable=SC2086
	"$YS" --db "$DB" --as admin -q $args > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "-q $args failed"; }
	case $args in calendar) [ -s "$T/out" ] || fail "-q calendar printed no data";;
		*) [ ! -s "$T/out" ] || fail "-q $args said: $(cat "$T/out")";; esac
done
[ -f "$T/b3.db" ] && [ -f "$T/q.xlsx" ] || fail "-q did not do the work"
"$YS" --db "$DB" --as admin -q list > "$T/out"; grep -qF "共 " "$T/out" || fail "-q list printed no data"
rc=0; "$YS" --db "$DB" --as admin -q backup "$T/b3.db" > "$T/out" 2> "$T/err" || rc=$?
[ $rc = 1 ] && [ -s "$T/err" ] || fail "-q hid a failure"
grep -q format_version "$SRC/docs/json.md" || fail "docs/json.md does not document format_version"
echo "ok $n commands with --json, -q"
