#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Trust: --as and YUNSHEN_NOW only on a private database; the history's
# SM3 chain finds every edit, deletion and insertion made behind yunshen's
# back, and a 校验码 read off paper finds even a chain rewritten whole.
. "${YS_SRCDIR:-.}/tests/lib.sh"

# SM3 itself: the test vector of GB/T 32905.
"$PY" -c "import hashlib; assert hashlib.new('sm3', b'abc').hexdigest() == '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'" ||
	fail "python's SM3 (the tampering script below needs it)"

# --- identity: --as and YUNSHEN_NOW only where nobody else can write ---
mkdir -m 0775 "$T/shared"
refused 2 "只能用于只有您自己能写的数据库" --db "$T/shared/x.db" --as admin init
YUNSHEN_NOW=2026-01-01T09:00 refused 2 "其他人也可以写" --db "$T/shared/x.db" init
chmod 0755 "$T/shared"
ok --db "$T/shared/x.db" --as admin init
chmod 0664 "$T/shared/x.db"
refused 2 "x.db 其他人也可以写" --db "$T/shared/x.db" --as admin list
if [ "$(id -u)" = 0 ] && getent passwd nobody >/dev/null; then
	chmod 0644 "$T/shared/x.db"
	chown nobody "$T/shared/x.db"
	refused 2 "x.db 不属于您" --db "$T/shared/x.db" --as admin list
fi
# Without them, the OS login is the signer.
ok --db "$T/shared/x.db" workdays add 2025-09-30 3

# A backdated signature (possible only on one's own private copy) is
# found too: time runs forward in every history.
mkdir "$T/own"
B="$T/own/b.db"
ok --db "$B" --as admin init
ok --db "$B" --as admin user add acc --role acceptor
ok --db "$B" --as admin user add luru --role clerk
YUNSHEN_NOW=2026-11-20T10:00 ok --db "$B" --as luru import "$DEMO/huizhou-apply.json" --json
bid=$(jq_py 'd["imported"][0]')
YUNSHEN_NOW=2026-11-20T09:00 ok --db "$B" --as acc act "$bid" accept --step 受理 --opinion 受理 $HZ_MATERIALS
# Another application's history between them is no one's predecessor: one
# created at 08:00 and accepted at 08:30 is in order, though both times
# are before the 10:00 just recorded.
YUNSHEN_NOW=2026-11-20T08:00 ok --db "$B" --as luru import "$DEMO/huizhou-apply.json" --json --again
cid=$(jq_py 'd["imported"][0]')
YUNSHEN_NOW=2026-11-20T08:30 ok --db "$B" --as acc act "$cid" accept --step 受理 --opinion 受理 $HZ_MATERIALS
rc=0; ys --db "$B" --as admin verify || rc=$?
[ $rc = 1 ] && has "时间被倒填" || fail "a backdated acceptance passed verify: $(cat "$T/out")"
[ "$(grep -c "时间被倒填" "$T/out")" = 1 ] && has "申请 $bid 的历史" ||
	fail "only application $bid was backdated: $(cat "$T/out")"

# --- the chain ---
ok --as admin demo
ok --as admin verify
has "检查通过"
ok --as admin verify --head --json
head=$(jq_py 'd["code"]')
cp "$DB" "$T/clean.db"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events")
# The paper carries the head: a printed form's footer, a report's first page.
ok --as admin export form 16 -o "$T/f.xlsx"
ok --as admin export month 2026-11 -o "$T/m.xlsx"
"$PY" - "$T/f.xlsx" "$T/m.xlsx" "$head" <<'PY' || fail "the 校验码 is not on the paper"
import openpyxl, sys
f, m, code = sys.argv[1:4]
ws = openpyxl.load_workbook(f).worksheets[0]
assert ws.oddFooter.left.text == "校验码 " + code, ws.oddFooter.left.text
ws = openpyxl.load_workbook(m).worksheets[0]
assert "校验码：" + code in str(ws["A2"].value), ws["A2"].value
assert ws.oddFooter.left.text == "校验码 " + code
PY
# tamper KIND I: one change behind yunshen's back; verify must fail.
tamper() {
	cp "$T/clean.db" "$DB"
	rm -f "$DB-wal" "$DB-shm"
	case $1 in
	edit)   col=$(echo "login opinion at step label status_to deadline round" | tr ' ' '\n' | sed -n "$(( $2 % 8 + 1 ))p")
		sqlite3 "$DB" "DROP TRIGGER events_append_only_u; UPDATE events SET $col = CASE WHEN $col IS NULL THEN 'x' ELSE $col || 'x' END WHERE id = $3;" ;;
	delete) sqlite3 "$DB" "DROP TRIGGER events_append_only_d; DROP TRIGGER event_hashes_d;
		DELETE FROM event_hashes WHERE event_id = $3; DELETE FROM events WHERE id = $3;" ;;
	insert) sqlite3 "$DB" "INSERT INTO events(app_id, at, login, kind, step, action, label, status_from, status_to, round)
		SELECT app_id, at, 'lingdao', 'act', 'approve', 'approve', '同意', 'pending', 'done', round FROM events WHERE id = $3;" ;;
	app)    sqlite3 "$DB" "UPDATE applications SET round = round + 7 WHERE id = (SELECT app_id FROM events WHERE app_id IS NOT NULL
		ORDER BY abs(id - $3) LIMIT 1);" ;;   # the nearest: an office duty's record has no application
	swap)   sqlite3 "$DB" "DROP TRIGGER events_append_only_u; UPDATE events SET opinion = CASE id WHEN $3 THEN
		(SELECT opinion FROM events WHERE id = $3 + 1) ELSE (SELECT opinion FROM events WHERE id = $3) END
		WHERE id IN ($3, $3 + 1) AND (SELECT COALESCE(opinion, '') FROM events WHERE id = $3) <>
		(SELECT COALESCE(opinion, '') FROM events WHERE id = $3 + 1);" ;;
	esac
	rc=0; ys --as admin verify || rc=$?
	if [ $rc = 1 ]; then return 0; fi
	# a swap of two equal opinions changes nothing: not a tampering
	[ "$1" = swap ] && [ "$(dbsum)" = "$(cp "$DB" "$T/x.db"; cp "$T/clean.db" "$DB"; dbsum)" ] && return 0
	cat "$T/out"; fail "verify missed a $1 of event $3"
}
i=0 per=12
[ -n "${STRESS:-}" ] && per=100      # make stress
for kind in edit delete insert app swap; do
	k=0
	while [ $k -lt $per ]; do
		id=$(( (i * 37 + 11) % (n - 1) + 1 ))
		tamper $kind $i $id
		k=$((k + 1)) i=$((i + 1))
	done
done
# verify names the first broken event.
tamper edit 1 42
grep -qF "历史第 42 条" "$T/out" || fail "the broken event not named: $(cat "$T/out")"
# A draft may change quietly as it is typed, but not take a number.
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
draft=$(sqlite3 "$DB" "SELECT id FROM applications WHERE status = 'draft' ORDER BY id LIMIT 1")
[ -n "$draft" ] || fail "the demo has no draft"
sqlite3 "$DB" "UPDATE applications SET docno = '伪造文号' WHERE id = $draft"
rc=0; ys --as admin verify || rc=$?
[ $rc = 1 ] && has "申请 $draft 的状态与其历史不符（草稿却有环节、期限或文号）" ||
	fail "a draft with a number passed verify: $(cat "$T/out")"

# --- a chain rewritten whole, as someone who knows the algorithm would ---
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
"$PY" - "$DB" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def sm3(*args):
    h = hashlib.new("sm3")
    for a in args:
        if a is None:
            h.update(b"-0:")
        else:
            b = str(a).encode()
            h.update(b"%d:" % len(b) + b)
    return h.hexdigest()
db.executescript("DROP TRIGGER events_append_only_u; DROP TRIGGER event_hashes_u; DROP TRIGGER event_hashes_d;")
db.execute("UPDATE events SET opinion = '伪造的同意' WHERE id = 30")
cols = ("id, app_id, at, login, kind, step, action, label, opinion, field, old, new, status_from, status_to, "
        "deadline, round, state, name, for_login, for_name")
prev = ""
for row in db.execute("SELECT %s FROM events ORDER BY id" % cols).fetchall():
    # An event without the names (written before version 10) hashes as it did.
    body = row[:17] if row[17:] == (None, None, None) else row
    prev = sm3(prev, sm3(*body))
    db.execute("UPDATE event_hashes SET hash = ? WHERE event_id = ?", (prev, row[0]))
db.commit()
PY
ok --as admin verify
has "检查通过"
rc=0; ys --as admin verify --code "$head" || rc=$?
[ $rc = 1 ] || fail "verify --code passed a rewritten chain"
has "与历史第 $n 条不符：自打印之日起的历史已被改写"
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
ok --as admin verify --code "$head"
has "与历史相符"
refused 2 "校验码“12345”无效" --as admin verify --code 12345
# --- scope: what a login may not see does not exist for it ---
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
ok --as admin user add hzclerk --role clerk --scope huizhou
ok --as admin user add hzclerk --role reviewer --scope huizhou
ok --as admin user add hzclerk --role ops --scope huizhou
probe() {   # probe ID: what hzclerk is told about application ID, the ID masked
	for cmd in "show $1" "act $1 approve --step 初审 --opinion x" "edit $1 unit=x" "deliver $1" \
		"followup $1 change" "export form $1 -o $T/p.xlsx"; do
		# shellcheck disable=SC2086
		"$YS" --db "$DB" --as hzclerk $cmd 2>&1 >/dev/null | sed "s/\b$1\b/N/g"
	done
}
probe 99999 >"$T/none"
probes=0
for id in $(sqlite3 "$DB" "SELECT id FROM applications WHERE template <> 'huizhou'"); do
	probe "$id" >"$T/probe"
	diff -u "$T/none" "$T/probe" >/dev/null || { diff -u "$T/none" "$T/probe"; fail "application $id out of scope is told apart from one that does not exist"; }
	probes=$((probes + 6))
done
[ $probes -ge 200 ] || fail "only $probes probes"
# A scoped clerk cannot move an application out of their scope.
ok --as admin user add ry --role clerk --scope shaoguan/乳源瑶族自治县
ok --as ry import --draft "$DEMO/shaoguan-apply.json" --json
ryd=$(jq_py 'd["imported"][0]')
refused 1 "不能把申请 $ryd 移出您的范围" --as ry edit "$ryd" county=武江区
# Administrative commands need the admin role.
refused 1 "只有管理员可以查看用户" --as hzclerk user list
refused 1 "只有管理员可以检查数据库" --as hzclerk verify
refused 1 "只有管理员可以备份数据库" --as hzclerk backup "$T/b.db"
refused 1 "只有管理员可以修改单价" --as hzclerk price set datong ecs_2c4g 1

# --- reading never writes ---
: >"$T/empty.db"
refused 1 "是空文件，不是 yunshen 数据库，未作任何改动" --db "$T/empty.db" list
[ ! -s "$T/empty.db" ] || fail "list wrote into an empty file"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
sum=$(md5sum <"$T/other.db")
for cmd in list "show 1" verify init; do
	# shellcheck disable=SC2086
	rc=0; "$YS" --db "$T/other.db" --as admin $cmd >/dev/null 2>"$T/err" || rc=$?
	[ $rc = 1 ] && grep -qF "是别的程序的 SQLite 数据库" "$T/err" || fail "$cmd on another program's database: $(cat "$T/err")"
done
[ "$(md5sum <"$T/other.db")" = "$sum" ] || fail "another program's database was changed"
# A backup that cannot be written whole leaves nothing behind and fails;
# a 0-byte file is not a database that verify could pass.
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
rc=0; (trap '' XFSZ; ulimit -f 100; "$YS" --db "$DB" --as admin backup "$T/full.db") 2>"$T/err" || rc=$?
[ $rc = 1 ] && grep -qF "未留下任何文件" "$T/err" || fail "backup on a full disk: exit $rc, $(cat "$T/err")"
ls "$T"/full.db* >/dev/null 2>&1 && fail "a failed backup left $(ls "$T"/full.db*)"
: >"$T/zero.db"
refused 1 "不是 yunshen 数据库" --db "$T/zero.db" --as admin verify
# A read-only database is read, never called corrupt (as another user,
# where the tests run as root).
if [ "$(id -u)" = 0 ] && getent passwd nobody >/dev/null && command -v su >/dev/null &&
	su nobody -s /bin/sh -c "test -x '$YS'" 2>/dev/null; then
	mkdir "$T/ro"
	cp "$T/clean.db" "$T/ro/r.db"
	"$YS" --db "$T/ro/r.db" --as admin user add nobody --role reviewer >/dev/null
	sqlite3 "$T/ro/r.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	rm -f "$T/ro/r.db-wal" "$T/ro/r.db-shm"
	chmod 0444 "$T/ro/r.db"
	# verify of a read-only copy runs on one connection, of a writable
	# one on two: the same problems (the backdated signature above).
	cp "$B" "$T/ro/b.db"
	"$YS" --db "$T/ro/b.db" --as admin user add nobody --role admin >/dev/null
	rc=0; "$YS" --db "$T/ro/b.db" --as admin verify >"$T/rw-verify" 2>&1 || rc=$?
	[ $rc = 1 ] || fail "verify of the writable copy: exit $rc"
	sqlite3 "$T/ro/b.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	rm -f "$T/ro/b.db-wal" "$T/ro/b.db-shm"
	chmod 0444 "$T/ro/b.db"
	# The month report of a read-only copy is read on one connection (no
	# second one can start a snapshot there): the same workbook.
	mkdir "$T/ro-out"
	chown nobody "$T/ro-out"
	env -u YUNSHEN_NOW "$YS" --db "$T/ro/r.db" --as nobody -q export month 2026-11 -o "$T/ro-out/rw.xlsx" ||
		fail "month report of the writable database"
	chmod 0555 "$T/ro" "$T"
	su nobody -s /bin/sh -c "env -u YUNSHEN_NOW '$YS' --db '$T/ro/r.db' -q export month 2026-11 -o '$T/ro-out/ro.xlsx'" \
		2>"$T/err" || fail "month report of a read-only database: $(cat "$T/err")"
	"$PY" - "$T/ro-out/rw.xlsx" "$T/ro-out/ro.xlsx" <<'PY' || fail "the read-only month report differs"
import sys, openpyxl
a, b = (openpyxl.load_workbook(f) for f in sys.argv[1:])
assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)
for n in a.sheetnames:
    ra, rb = (list(w[n].iter_rows(values_only=True)) for w in (a, b))
    if n == a.sheetnames[0]:   # its second row says when it was exported
        ra, rb = ra[:1] + ra[2:], rb[:1] + rb[2:]
    assert ra == rb, n
PY
	rc=0; su nobody -s /bin/sh -c "env -u YUNSHEN_NOW '$YS' --db '$T/ro/b.db' verify" >"$T/ro-verify" 2>&1 || rc=$?
	[ $rc = 1 ] && grep -qF "时间被倒填" "$T/ro-verify" || fail "verify of a read-only copy: exit $rc, $(cat "$T/ro-verify")"
	[ "$(grep '^问题' "$T/ro-verify")" = "$(grep '^问题' "$T/rw-verify")" ] ||
		fail "verify of a read-only copy found otherwise: $(cat "$T/ro-verify" "$T/rw-verify")"
	su nobody -s /bin/sh -c "env -u YUNSHEN_NOW '$YS' --db '$T/ro/r.db' list" >"$T/out" 2>"$T/err" ||
		fail "a read-only database could not be read: $(cat "$T/err")"
	n=$(sqlite3 "$T/clean.db" "SELECT count(*) FROM applications")
	grep -qF "共 $n 件" "$T/out" || fail "read-only list (expected $n): $(cat "$T/out")"
	rc=0; su nobody -s /bin/sh -c "env -u YUNSHEN_NOW '$YS' --db '$T/ro/r.db' act 16 approve --step 初审 --opinion 同意" 2>"$T/err" || rc=$?
	[ $rc = 1 ] && grep -qF "是只读的" "$T/err" || fail "a write on a read-only database: $(cat "$T/err")"
	chmod 0700 "$T"
	chmod 0755 "$T/ro"
fi

# --- hostile input is refused, never stored ---
cp "$T/clean.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
before=$(dbsum)
"$PY" - "$DEMO/taizhou-apply.json" "$T/esc.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["fields"]["unit"] = "泰州\u001b[2J\u001b]0;假标题\u0007市教育局"
json.dump(a, open(sys.argv[2], "w"), ensure_ascii=True)
PY
refused 1 "“申请单位”（unit）含有控制字符（U+001B，终端转义序列），不能保存" --as luru import --draft "$T/esc.json"
esc=$(printf '同意\033[31m（伪造的红字）')
refused 1 "意见含有控制字符（U+001B，终端转义序列）" --as shenhe act 16 approve --step 初审 --opinion "$esc"
refused 1 "含有控制字符" --as luru edit 1 "unit=$(printf 'a\033[2Jb')"
bad=$(printf 'a\377b')
refused 1 "无效的 UTF-8" --as shenhe act 16 approve --step 初审 --opinion "$bad"
"$PY" - "$DEMO/taizhou-apply.json" "$T/huge.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["fields"]["phone"] = "1" * 5000
json.dump(a, open(sys.argv[2], "w"))
PY
refused 1 "最多 200 个字，现有 5000 个字" --as luru import --draft "$T/huge.json"
[ "$(dbsum)" = "$before" ] || fail "hostile input changed the database"
# Whatever the database holds (planted behind yunshen's back), the CLI
# prints no escape sequence and --json stays valid.
sqlite3 "$DB" "UPDATE applications SET unit = '泰州' || char(27) || '[2J' || CAST(X'FF' AS TEXT) || '局' WHERE id = 41"
ys --as admin list || true
grep -q "$(printf '\033')" "$T/out" "$T/err" && fail "an escape sequence reached the terminal through list"
grep -qF "泰州?[2J?局" "$T/out" || fail "planted unit not shown made safe: $(grep -F 泰州 "$T/out" | head -2)"
ys --as admin show 41 --json || true
"$PY" -c "import json; d=json.load(open('$T/out')); assert d['unit'] == '泰州\x1b[2J\ufffd局', repr(d['unit'])" ||
	fail "show --json of a planted value is not valid JSON"
echo "trust ok"
