#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The database file: created the careful way, refused when written by a
# newer yunshen (and left untouched), never damaged by a bad file, history
# append-only; the demo shows all five templates with deadlines.
. "${YS_SRCDIR:-.}/tests/lib.sh"

refused 1 "yunshen --db $DB init" list           # no database yet: says how to make one
[ ! -e "$DB" ] || fail "a failed open created the database"

LATEST=$(ls "$SRC"/data/migrations/*.sql | wc -l)
ok --as admin init
[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ] || fail "not WAL"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = "$LATEST" ] || fail "user_version not $LATEST"
ok --as admin user list
has "admin"
has "管理员"

# YUNSHEN_DB picks the file when --db is not given.
YUNSHEN_DB="$DB" "$YS" --as admin verify > "$T/out" || fail "YUNSHEN_DB ignored"
has "检查通过"

# A database of an older version is brought forward, step by step.
{ cat "$SRC/data/migrations/001-init.sql"; echo "PRAGMA user_version=1;"; } | sqlite3 "$T/old.db"
"$YS" --db "$T/old.db" --as admin init > /dev/null || fail "old database not upgraded"
[ "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" = "$LATEST" ] || fail "old database not at version $LATEST"
sqlite3 "$T/old.db" "SELECT name FROM sqlite_master WHERE name='app_order'" | grep -qx app_order ||
	fail "migration 2 did not run"

# A version-3 database with history (before the SM3 chain) gets its
# history chained on upgrade, and verify then guards it.
"$YS" --db "$T/v3.db" --as admin demo >/dev/null || fail "demo for the v3 copy"
sqlite3 "$T/v3.db" "
CREATE TABLE ev2 (id INTEGER PRIMARY KEY, app_id INTEGER NOT NULL REFERENCES applications(id), at TEXT NOT NULL,
	login TEXT NOT NULL, kind TEXT NOT NULL, step TEXT, action TEXT, label TEXT, opinion TEXT, field TEXT,
	old TEXT, new TEXT, status_from TEXT, status_to TEXT, deadline TEXT, round INTEGER NOT NULL DEFAULT 0);
INSERT INTO ev2 SELECT id, app_id, at, login, kind, step, action, label, opinion, field, old, new,
	status_from, status_to, deadline, round FROM events WHERE app_id IS NOT NULL;
DROP VIEW event_body; DROP VIEW app_state; DROP TRIGGER event_hashes_u; DROP TRIGGER event_hashes_d;
DROP TABLE event_hashes; DROP TRIGGER events_append_only_u; DROP TRIGGER events_append_only_d; DROP TABLE events;
ALTER TABLE ev2 RENAME TO events; CREATE INDEX events_app ON events (app_id, id); CREATE INDEX events_at ON events (at);
CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_d BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
DROP TABLE calendar; DROP TABLE duties; DROP TABLE meta; DROP TABLE price_changes; DROP TABLE usage; DROP TABLE evaluations; DROP TABLE names; DROP TABLE delegations; DROP TABLE phrases; DROP TABLE saved_views; DROP TABLE imports; DROP TRIGGER IF EXISTS search_app_ins; DROP TRIGGER IF EXISTS search_app_upd; DROP TRIGGER IF EXISTS search_app_del; DROP TRIGGER IF EXISTS search_event_ins; DROP TABLE app_search; DROP TABLE search_dirty; DROP TRIGGER IF EXISTS counts_ins; DROP TRIGGER IF EXISTS counts_del; DROP TRIGGER IF EXISTS counts_upd; DROP TABLE app_counts; DROP INDEX IF EXISTS app_role_scope; DROP TRIGGER IF EXISTS pools_ins; DROP TRIGGER IF EXISTS pools_del; DROP TRIGGER IF EXISTS pools_upd; DROP VIEW IF EXISTS pool_moves; DROP TABLE pool_sums; DROP TABLE app_zones; DROP INDEX IF EXISTS app_drafts; DROP TRIGGER IF EXISTS due_ins; DROP TRIGGER IF EXISTS due_del; DROP TRIGGER IF EXISTS due_upd; DROP TABLE app_due; PRAGMA user_version=3;" || fail "making the v3 copy"
"$YS" --db "$T/v3.db" --as admin verify >"$T/out" 2>"$T/err" || { cat "$T/out" "$T/err"; fail "upgraded v3 database does not verify"; }
[ "$(sqlite3 "$T/v3.db" 'PRAGMA user_version')" = "$LATEST" ] || fail "v3 not upgraded to $LATEST"
# Version 6 rebuilt the history table (app_id may be NULL for an office
# duty's record) keeping every row, its chain and its guards.
sqlite3 "$T/v3.db" "PRAGMA foreign_key_check" | grep -q . && fail "upgrade left dangling foreign keys"
sqlite3 "$T/v3.db" "SELECT sql FROM sqlite_master WHERE name='events'" | grep -q "app_id       INTEGER REFERENCES" ||
	fail "events.app_id still NOT NULL after version 6"
[ "$(sqlite3 "$T/v3.db" 'SELECT count(*) FROM duties')" -gt 0 ] || fail "duties not built on upgrade"
[ "$(sqlite3 "$T/v3.db" 'SELECT count(*) FROM event_hashes')" = "$(sqlite3 "$T/v3.db" 'SELECT count(*) FROM events')" ] ||
	fail "not every old event chained"
sqlite3 "$T/v3.db" "DROP TRIGGER events_append_only_u; UPDATE events SET login = 'x' WHERE id = 5"
rc=0; "$YS" --db "$T/v3.db" --as admin verify >"$T/out" 2>&1 || rc=$?
[ $rc = 1 ] && grep -qF "历史第 5 条" "$T/out" || fail "tampering of upgraded history not found: $(cat "$T/out")"

# A database from a newer yunshen is refused and left byte for byte.
cp "$DB" "$T/new.db"
sqlite3 "$T/new.db" 'PRAGMA user_version=99'
sum=$(md5sum < "$T/new.db")
rc=0; "$YS" --db "$T/new.db" --as admin list 2>"$T/err" >/dev/null || rc=$?
[ $rc = 1 ] || fail "newer database: exit $rc"
grep -qF "由更新的 yunshen 写入" "$T/err" || fail "newer database message: $(cat "$T/err")"
[ "$(md5sum < "$T/new.db")" = "$sum" ] || fail "newer database was modified"
[ ! -e "$T/new.db-wal" ] || [ ! -s "$T/new.db-wal" ] || fail "newer database got a WAL"

# A file that is not a database is refused without being touched.
echo "这不是数据库" > "$T/notdb.db"
sum=$(md5sum < "$T/notdb.db")
rc=0; "$YS" --db "$T/notdb.db" --as admin init 2>"$T/err" >/dev/null || rc=$?
[ $rc = 1 ] && grep -qF "不是 yunshen 数据库" "$T/err" || fail "non-database: exit $rc, $(cat "$T/err")"
[ "$(md5sum < "$T/notdb.db")" = "$sum" ] || fail "non-database file was modified"

# An online backup opens as a database of its own; it never overwrites.
ok --as admin backup "$T/copy.db"
[ "$(sqlite3 "$T/copy.db" 'SELECT count(*) FROM users')" = "$(sqlite3 "$DB" 'SELECT count(*) FROM users')" ] ||
	fail "backup lacks the users"
refused 1 "已存在" --as admin backup "$T/copy.db"

# History is append-only and applications are never deleted.
ok --as admin user add clerk1 --role clerk
ok --as clerk1 import "$DEMO/taizhou-apply.json"
sqlite3 "$DB" "DELETE FROM events" 2>"$T/err" && fail "events could be deleted"
sqlite3 "$DB" "UPDATE events SET login='x'" 2>"$T/err" && fail "events could be rewritten"
sqlite3 "$DB" "DELETE FROM applications" 2>"$T/err" && fail "applications could be deleted"

# verify refuses a database it cannot read whole, instead of passing.
"$YS" --db "$T/bad.db" demo >/dev/null || fail "demo for the damaged copy"
sqlite3 "$T/bad.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
"$PY" -c "f=open('$T/bad.db','r+b'); f.seek(4096*20); f.write(b'\xff'*4096*3)"
rc=0; "$YS" --db "$T/bad.db" verify >"$T/out" 2>"$T/err" || rc=$?
[ $rc = 1 ] || fail "verify passed a damaged database (exit $rc): $(cat "$T/out" "$T/err")"
grep -qF "检查通过" "$T/out" && fail "verify said 检查通过 on a damaged database"

# verify notices a tampered row.
sqlite3 "$DB" "UPDATE applications SET vcpu=vcpu+1"
rc=0; ys --as admin verify || rc=$?
[ $rc = 1 ] && has "不一致" || fail "verify missed wrong totals"
# ... and kept counts that no longer match the applications: the views'
# totals, and the waiting ones by the month of their deadline (the queue
# title's overdue count).
sqlite3 "$DB" "UPDATE app_counts SET n = n + 1 WHERE status = (SELECT status FROM app_counts LIMIT 1)"
sqlite3 "$DB" "UPDATE app_due SET month = '2020-01' WHERE role = (SELECT role FROM app_due LIMIT 1)"
rc=0; ys --as admin verify || rc=$?
[ $rc = 1 ] && has "列表的申请计数（app_counts）有" && has "按期限的待办计数（app_due）有" ||
	fail "verify missed kept counts off: $(cat "$T/out")"

# --as and YUNSHEN_NOW give nothing to a set-group-id install.
if getent group nogroup >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	cp "$YS" "$T/ys-sgid"
	chgrp nogroup "$T/ys-sgid" && chmod g+s "$T/ys-sgid"
	rc=0; "$T/ys-sgid" --db "$DB" --as admin verify 2>"$T/err" >/dev/null || rc=$?
	[ $rc = 2 ] && grep -qF "不接受 --as 和 YUNSHEN_NOW" "$T/err" || fail "set-gid run accepted --as"
fi

# The demo: every template present, every state, some overdue; verify passes.
D2="$T/demo.db"
"$YS" --db "$D2" demo > "$T/out" || fail "demo failed"
"$YS" --db "$D2" demo > "$T/out" 2>"$T/err" && fail "demo overwrote a database with applications"
"$YS" --db "$D2" list --json > "$T/out"
for t in $("$YS" templates | awk '{print $1}'); do
	[ "$(jq_py "len([a for a in d['applications'] if a['template']=='$t'])")" -ge 5 ] || fail "demo lacks $t"
done
for s in draft pending returned rejected done withdrawn terminated; do
	[ "$(jq_py "len([a for a in d['applications'] if a['status']=='$s'])")" -ge 1 ] || fail "demo lacks state $s"
done
[ "$(jq_py "len([a for a in d['applications'] if a['overdue']])")" -ge 3 ] || fail "demo has no overdue work"
[ "$(jq_py "all(a['deadline'] for a in d['applications'] if a['status']=='pending' and a['days_left'] is not None)")" = True ] ||
	fail "pending with a working-day count but no deadline"
"$YS" --db "$D2" list > "$T/out"
has "!超期"
has "黄山市徽州区"
"$YS" --db "$D2" verify > "$T/out" || { cat "$T/out"; fail "verify failed on the demo"; }

# demo --apps: a decade of applications through the core, as many as asked,
# filed over the years asked, in many states, and a database that verifies.
D3="$T/bulk.db"
"$YS" --db "$D3" --as admin demo --apps 300 --years 3 >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "demo --apps"; }
has "300 件申请"
[ "$(sqlite3 "$D3" 'SELECT count(*) FROM applications')" = 300 ] || fail "demo --apps made another number"
[ "$(sqlite3 "$D3" "SELECT count(DISTINCT status) FROM applications")" -ge 6 ] || fail "demo --apps: too few states"
[ "$(sqlite3 "$D3" "SELECT min(created_at) < '2024-01-01' FROM applications")" = 1 ] || fail "demo --apps: not spread over the years"
[ "$(sqlite3 "$D3" "SELECT count(DISTINCT unit) FROM applications")" -gt 84 ] || fail "demo --apps: units not spread over places"
"$YS" --db "$D3" --as admin verify >"$T/out" || { cat "$T/out"; fail "verify failed on demo --apps"; }
# Filed up to today, none signed after it: a step due tomorrow waits.
D4="$T/recent.db"
"$YS" --db "$D4" --as admin demo --apps 500 --years 1 >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "demo --apps 500"; }
[ "$(sqlite3 "$D4" "SELECT count(*) FROM events WHERE at > '${YUNSHEN_NOW%%T*}T23:59'")" = 0 ] ||
	fail "demo --apps signed after today"
"$YS" --db "$D4" --as admin verify >"$T/out" || { cat "$T/out"; fail "verify failed on a recent demo --apps"; }
# A year's fees as JSON (over a megabyte, written out as it is made, not
# held whole) is one document whose total is its systems' and the text's.
"$YS" --db "$D4" --as admin fees --year 2026 --json >"$T/fees.json" 2>"$T/err" || { cat "$T/err"; fail "fees --json"; }
"$YS" --db "$D4" --as admin fees --year 2026 >"$T/fees.txt" 2>"$T/err" || { cat "$T/err"; fail "fees"; }
"$PY" - "$T/fees.json" "$T/fees.txt" <<'PY' || fail "a year's fees as JSON do not add up"
import json, os, re, sys
assert os.path.getsize(sys.argv[1]) > 200000, "too small to cross a write"
d = json.load(open(sys.argv[1], encoding="utf-8"))
n, total = re.search(r"共 (\d+) 个系统，合计 ([\d.]+) 元", open(sys.argv[2], encoding="utf-8").read()).groups()
assert len({f["id"] for f in d["fees"]}) == int(n), (len(d["fees"]), n)
assert abs(sum(f["amount"] for f in d["fees"]) - d["total"]) < 0.01 * len(d["fees"])
assert f"{d['total']:.2f}" == total, (d["total"], total)
PY
for bad in "--apps 0:申请件数“0”无效" "--apps 12x:申请件数“12x”无效" "--apps 5 --years 0:年数“0”无效" \
	   "--years 3:--years 只和 --apps 一起用"; do
	rm -f "$T/b.db"
	rc=0; "$YS" --db "$T/b.db" --as admin demo ${bad%%:*} >/dev/null 2>"$T/err" || rc=$?
	[ $rc = 2 ] && grep -qF -- "${bad#*:}" "$T/err" || fail "demo ${bad%%:*}: exit $rc, $(cat "$T/err")"
done
echo "database ok"
