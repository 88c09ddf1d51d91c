# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# lib.sh - shared by the shell tests: a private temp dir and database,
# a fixed clock, and checks that print what went wrong.
set -eu
YS="${YS_BUILDDIR:-$(pwd)}/src/yunshen"
SRC="${YS_SRCDIR:-$(pwd)}"
DEMO="$SRC/data/demo"
# Debian's python3 has openpyxl; a pyenv python earlier in PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
T=$(mktemp -d "${TMPDIR:-/tmp}/ystest.XXXXXX")
trap 'rm -rf "$T"' EXIT
DB="$T/test.db"
export YUNSHEN_NOW="${YUNSHEN_NOW:-2026-11-20T10:00}"
export YUNSHEN_DATADIR="${YUNSHEN_DATADIR:-$SRC/data}"
export YUNSHEN_CONFDIR="${YUNSHEN_CONFDIR:-$T/no-confdir}"
unset YUNSHEN_DB

fail() { echo "FAIL: $*" >&2; exit 1; }
# A test's own look into the database waits for the program's write to end
# (as yunshen itself does), rather than failing on a busy database.
sqlite3() { command sqlite3 -cmd ".timeout 10000" "$@"; }

# The materials 徽州's 受理 confirms item by item (第十一条), all brought.
HZ_MATERIALS="letter=是 approval=是 plan=是 performance=是 security=是"
# record_args: the record items the current step needs, from a show --json
# in $T/out: the value each must be, today for a date, 1 for a number,
# 是 for yes/no, else a word.
record_args() {
	jq_py '" ".join(r["id"] + "=" + (r.get("must_be") or {"date": "'"${YUNSHEN_NOW%%T*}"'", "int": "1", "bool": "是"}.get(r["type"], "记录")) for r in d["record"] if r["required"])'
}

# ys ARGS...: runs yunshen on the test database, output in $T/out, $T/err.
ys() { "$YS" --db "$DB" "$@" >"$T/out" 2>"$T/err"; }

# ok ARGS...: must succeed.
ok() { ys "$@" || { cat "$T/out" "$T/err" >&2; fail "yunshen $* exited $?"; }; }

# refused CODE TEXT ARGS...: must exit CODE with TEXT in stderr.
refused() {
	code=$1 text=$2; shift 2
	rc=0; ys "$@" || rc=$?
	[ "$rc" = "$code" ] || { cat "$T/out" "$T/err" >&2; fail "yunshen $*: exit $rc, expected $code"; }
	grep -qF -- "$text" "$T/err" || { cat "$T/err" >&2; fail "yunshen $*: stderr lacks '$text'"; }
}

# has TEXT: stdout of the last command contains TEXT.
has() { grep -qF -- "$1" "$T/out" || { cat "$T/out" >&2; fail "output lacks '$1'"; }; }

# jq_py EXPR: evaluates a Python expression over d = the JSON stdout.
jq_py() { "$PY" -c "import json,sys; d=json.load(open('$T/out')); print($1)"; }

# dbsum: a fingerprint of every table, to prove a failure changed nothing.
dbsum() {
	for t in applications events users docno_seq prices deliveries; do
		sqlite3 "$DB" "SELECT * FROM $t ORDER BY rowid" 2>/dev/null
	done | md5sum
}
