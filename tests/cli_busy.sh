#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Many signing at once: a signer whose turn to write comes late (another
# writer holds the database for 6 s, longer than SQLite's own 5 s wait)
# waits and signs, instead of saying 数据库正忙; and what it signed is in
# the history once.
. "${YS_SRCDIR:-.}/tests/lib.sh"
ok --as admin demo
ok --as luru import "$DEMO/huizhou-apply.json" --json
id=$(jq_py 'd["imported"][0]')
# Another writer (a backup's copy, a long import) holds the write lock.
"$PY" - "$DB" "$T/held" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(6)
c.execute("COMMIT")
PY
holder=$!
while [ ! -f "$T/held" ]; do sleep 0.1; done
start=$(date +%s)
ok --as shouli act "$id" accept --step 受理 --opinion 受理 $HZ_MATERIALS
waited=$(( $(date +%s) - start ))
wait $holder
[ "$waited" -ge 5 ] || fail "the signature did not wait for the other writer ($waited s)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE app_id = $id AND kind = 'act'")" = 1 ] ||
	fail "the waited signature is not in the history once"
ok --as admin verify
echo "a late writer waits its turn"
