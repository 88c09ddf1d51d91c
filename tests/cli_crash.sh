#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# kill -9 at random moments while people sign, edit, import and export:
# afterwards the file passes SQLite's integrity check and verify (the SM3
# chain whole), and no event that a finished command committed is lost.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin demo
rounds=8
[ -n "${STRESS:-}" ] && rounds=100     # make stress
# A clerk and two signers at work, each finished command followed by the
# number of links in the chain it has seen committed.
work() {
	i=0
	while :; do
		if "$YS" --db "$DB" --as luru import "$DEMO/huizhou-apply.json" --json >"$T/w.out" 2>/dev/null; then
			id=$(sed -n 's/.*\[\([0-9]*\)\].*/\1/p' "$T/w.out")
			sqlite3 "$DB" "SELECT count(*) FROM event_hashes" >>"$T/committed"
			"$YS" --db "$DB" --as luru edit "$id" "contact=联系人$i" >/dev/null 2>&1 &&
				sqlite3 "$DB" "SELECT count(*) FROM event_hashes" >>"$T/committed"
			"$YS" --db "$DB" --as shouli act "$id" accept --step 受理 --opinion 受理 $HZ_MATERIALS >/dev/null 2>&1 &&
				sqlite3 "$DB" "SELECT count(*) FROM event_hashes" >>"$T/committed"
			"$YS" --db "$DB" --as shenhe export form "$id" -o "$T/f$i.xlsx" >/dev/null 2>&1 || true
		fi
		i=$((i + 1))
	done
}
r=0
: >"$T/committed"
while [ $r -lt $rounds ]; do
	( work ) & pid=$!
	# 50 to 800 ms into the work, whatever it is doing.
	sleep "0.$(( ($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 75) + 5 ))"
	# Stopped first, so it starts nothing new while its children die.
	kill -STOP $pid 2>/dev/null || true
	pkill -9 -P $pid 2>/dev/null || true
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	sleep 0.05
	[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "round $r: integrity check"
	ok --as admin verify
	has "检查通过"
	have=$(sqlite3 "$DB" "SELECT count(*) FROM event_hashes")
	want=$(sort -n "$T/committed" | tail -1)
	[ -z "$want" ] || [ "$have" -ge "$want" ] || fail "round $r: $have events, $want were committed"
	# A half-written export never stands as a file.
	for f in "$T"/f*.xlsx; do
		[ -e "$f" ] || continue
		"$PY" -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).testzip()" "$f" || fail "round $r: $f is not whole"
	done
	r=$((r + 1))
done
echo "crash ok: $rounds kills, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events, chain whole"
