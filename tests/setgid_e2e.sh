#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The gatekeeper install end to end, as root (CI): a group no user is in,
# yunshen installed set-group-id to it, the data folder 2770; a user works
# through yunshen only: cannot open the database file, pick identity,
# clock or database, and gets exports with their own group.
# Run from a configured source tree: sh tests/setgid_e2e.sh (or make check-setgid).
set -eu
[ "$(id -u)" = 0 ] || { echo "setgid_e2e: needs root (skipped)"; exit 77; }
command -v useradd >/dev/null && command -v su >/dev/null || { echo "setgid_e2e: no useradd/su (skipped)"; exit 77; }
TOP=$(pwd)
T=$(mktemp -d /tmp/ysgate.XXXXXX)
G=ysgate$$ U=ysuser$$
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
	userdel "$U" 2>/dev/null || true
	groupdel "$G" 2>/dev/null || true
	rm -rf "$T"
}
[ -n "${YS_KEEP:-}" ] || trap cleanup EXIT
groupadd --system "$G"
useradd --no-create-home --shell /bin/sh "$U"
id -nG "$U" | grep -qw "$G" && fail "$U must not be in $G"

# Build and install from the distribution, as an office would.
make -s distdir distdir="$T/src" >/dev/null
chmod -R a+rX "$T"
(cd "$T/src" && ./configure -q --prefix="$T/inst" --localstatedir="$T/var" --enable-setgid="$G" &&
	make -s -j2 >/dev/null 2>&1 && make -s install >/dev/null) || fail "configure --enable-setgid; make install"
YS=$T/inst/bin/yunshen
DATA=$T/var/lib/yunshen
chmod 755 "$T" "$T/inst" "$T/var" "$T/var/lib"
[ "$(stat -c '%G %a' "$YS")" = "$G 2755" ] || fail "binary: $(stat -c '%G %a' "$YS")"
[ "$(stat -c '%G %a' "$DATA")" = "$G 2770" ] || fail "data folder: $(stat -c '%G %a' "$DATA")"

# The administrator (root here) creates the database through yunshen.
env -u YUNSHEN_NOW -u YUNSHEN_DB -u YUNSHEN_DATADIR "$YS" init >/dev/null || fail "init"
env -u YUNSHEN_NOW "$YS" user add "$U" --role clerk >/dev/null || fail "user add"
as_user() { su "$U" -s /bin/sh -c "umask 077; cd /tmp; env -u YUNSHEN_NOW -u YUNSHEN_DB -u YUNSHEN_DATADIR $*"; }
as_user "'$YS' import '$T/inst/share/yunshen/demo/taizhou-apply.json'" >/dev/null || fail "the user cannot work through yunshen"
as_user "'$YS' list" | grep -qF "共 1 件" || fail "list as the user"
for f in yunshen.db yunshen.db-wal yunshen.db-shm; do
	[ ! -e "$DATA/$f" ] || [ "$(stat -c '%G %a' "$DATA/$f")" = "$G 660" ] ||
		fail "$f is $(stat -c '%G %a' "$DATA/$f"), not $G 660 (the user's umask is 077)"
done
# The data is reachable only through yunshen.
as_user "cat '$DATA/yunshen.db'" >/dev/null 2>&1 && fail "the user read the database file"
as_user ": > '$DATA/yunshen.db-wal'" 2>/dev/null && fail "the user truncated the WAL"
as_user "ls '$DATA'" >/dev/null 2>&1 && fail "the user listed the data folder"
# Identity, clock and database are the program's.
as_user "'$YS' --as root list" 2>&1 | grep -qF "不接受 --as 和 YUNSHEN_NOW" || fail "--as accepted"
su "$U" -s /bin/sh -c "cd /tmp; YUNSHEN_NOW=2020-01-01T09:00 '$YS' list" 2>&1 | grep -qF "不接受 --as 和 YUNSHEN_NOW" ||
	fail "YUNSHEN_NOW accepted"
as_user "'$YS' --db /tmp/other.db init" 2>&1 | grep -qF "不接受 --db" || fail "--db accepted"
su "$U" -s /bin/sh -c "cd /tmp; YUNSHEN_DATADIR=/tmp '$YS' templates" | grep -qF "泰州市" || fail "YUNSHEN_DATADIR was trusted"
# An export is the user's own file, never the program's group.
mkdir "$T/out" && chown "$U" "$T/out"
as_user "'$YS' export form 1 -o '$T/out/f.xlsx'" >/dev/null || fail "export as the user"
[ "$(stat -c '%U %G' "$T/out/f.xlsx")" = "$U $(id -gn "$U")" ] || fail "export owned by $(stat -c '%U %G' "$T/out/f.xlsx")"
# The signatures are the user's, and the history checks.
env -u YUNSHEN_NOW "$YS" show 1 --json | grep -qF "\"login\":\"$U\"" || fail "the history does not name $U"
env -u YUNSHEN_NOW "$YS" verify | grep -qF "检查通过" || fail "verify"
echo "setgid install ok"
