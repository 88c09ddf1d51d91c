#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The Debian package as an office meets it, as root (CI): built from the
# git tree with dpkg-buildpackage (the suite runs unless DEB_BUILD_OPTIONS
# has nocheck), lintian without errors or warnings, installed: the demo
# for a normal user, the shared database for two users through the
# set-gid binary and closed to them directly, the daily round silent;
# remove and reinstall keep the database, purge deletes it only when the
# question (yunshen/purge_database) is answered yes, and leaves no file.
# Run from the source tree: sh tests/deb_e2e.sh
set -eu
[ "$(id -u)" = 0 ] || { echo "deb_e2e: needs root (skipped)"; exit 77; }
for c in dpkg-buildpackage lintian debconf-set-selections tmux git; do
	command -v $c >/dev/null || { echo "deb_e2e: no $c (skipped)"; exit 77; }
done
SRC=$(pwd)
[ -d "$SRC/.git" ] || { echo "deb_e2e: not a git tree (skipped)"; exit 77; }
T=$(mktemp -d /tmp/ysdeb.XXXXXX)
A=ysdeba$$ B=ysdebb$$
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
	tmux -L ysdeb kill-server 2>/dev/null || true
	userdel -r "$A" 2>/dev/null || true
	userdel -r "$B" 2>/dev/null || true
	echo "yunshen yunshen/purge_database boolean true" | debconf-set-selections 2>/dev/null || true
	dpkg --purge yunshen >/dev/null 2>&1 || true
	rm -rf "$T"
}
[ -n "${YS_KEEP:-}" ] || trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive

# What is on the machine before: purge must come back to it.
snapshot() {
	find /etc /usr /var /lib -xdev \( -path /var/lib/dpkg -o -path /var/cache -o -path /var/log \
		-o -path /var/lib/apt -o -path /var/tmp -o -path /var/lib/systemd -o -path /var/lib/ucf \
		-o -path /usr/lib/python3 -o -path '/usr/lib/python3.*' -o -path /var/mail -o -path /var/spool \) -prune \
		-o -print 2>/dev/null | grep -v -e '^/etc/group' -e '^/etc/gshadow' -e '^/etc/passwd' -e '^/etc/shadow' \
		-e '^/etc/subuid' -e '^/etc/subgid' -e '^/etc/ld.so.cache' -e '^/home/' -e '^/var/lib/dpkg' \
		-e '/__pycache__' | sort
}
# The demo's folders already in /tmp (another program's, or one killed).
demos() { ls -d /tmp/yunshen-demo-* 2>/dev/null | sort; }
dpkg -s yunshen >/dev/null 2>&1 && { echo "deb_e2e: yunshen is installed here (skipped)"; exit 77; }
[ -e /var/lib/yunshen ] && { echo "deb_e2e: /var/lib/yunshen exists here (skipped)"; exit 77; }
snapshot > "$T/before"
# The package's binary, not one a hand install put earlier in PATH.
YS=/usr/bin/yunshen

git -C "$SRC" archive HEAD | (mkdir "$T/src" && tar -x -C "$T/src")
(cd "$T/src" && dpkg-buildpackage -us -uc -b) > "$T/build.log" 2>&1 || { tail -n 40 "$T/build.log"; fail "dpkg-buildpackage"; }
DEB=$(ls "$T"/yunshen_*_*.deb)
lintian --fail-on error,warning "$T"/yunshen_*.changes > "$T/lintian.log" 2>&1 || { cat "$T/lintian.log"; fail "lintian"; }
echo "ok built, lintian clean"

dpkg -i "$DEB" >/dev/null || fail "dpkg -i"
[ "$(stat -c '%U %G %a' /usr/bin/yunshen)" = "root yunshen 2755" ] || fail "binary: $(stat -c '%U %G %a' /usr/bin/yunshen)"
[ "$(stat -c '%U %G %a' /var/lib/yunshen)" = "root yunshen 2770" ] || fail "data: $(stat -c '%U %G %a' /var/lib/yunshen)"
[ -f /etc/yunshen/holidays.tsv ] && [ -d /etc/yunshen/templates ] || fail "no /etc/yunshen"
grep -qx /etc/yunshen/holidays.tsv /var/lib/dpkg/info/yunshen.conffiles || fail "holidays.tsv is not a conffile"
getent group yunshen >/dev/null || fail "no group yunshen"
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l /usr/share/man/zh_CN/man1/yunshen.1.gz 2>&1 >/dev/null | grep . && fail "man warnings"
# The path as printed (the page marks where it may break with \:).
LC_ALL=C.UTF-8 MANWIDTH=200 man -l /usr/share/man/man1/yunshen.1.gz 2>/dev/null |
	grep -qF /var/lib/yunshen/yunshen.db || fail "man page database path"

useradd --create-home --shell /bin/sh "$A"
useradd --create-home --shell /bin/sh "$B"
as() { u=$1; shift; su "$u" -s /bin/sh -c "cd; $*"; }

# The demo, for a normal user, on a terminal, and nothing left behind.
demos > "$T/demos"
tmux -L ysdeb new-session -d -s demo -x 100 -y 30 "su $A -s /bin/sh -c 'cd; LANG=C.UTF-8 $YS --demo'"
i=0
until tmux -L ysdeb capture-pane -p -t demo 2>/dev/null | grep -q "我的待办"; do
	i=$((i + 1)); [ $i -lt 100 ] || { tmux -L ysdeb capture-pane -p -t demo; fail "the demo did not open"; }; sleep 0.2
done
tmux -L ysdeb send-keys -t demo q
sleep 1
tmux -L ysdeb send-keys -t demo y 2>/dev/null || true
i=0
while tmux -L ysdeb has-session -t demo 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "the demo did not quit"; sleep 0.2
done
demos | comm -13 "$T/demos" - | grep . && fail "the demo left its folder"
echo "ok demo as $A"

# The shared database: root administers, A enters, B accepts.
$YS -q init || fail "init"
$YS -q user add "$A" --role clerk --name 甲 && $YS -q user add "$B" --role acceptor --name 乙 || fail "user add"
as "$A" "$YS import /usr/share/yunshen/demo/taizhou-apply.json" >/dev/null || fail "$A cannot import"
as "$B" "$YS list" | grep -qF "共 1 件" || fail "$B does not see the application"
step=$(as "$B" "$YS show 1 --json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["step"])')
as "$B" "$YS -q act 1 accept --step $step --opinion 材料齐全" || fail "$B cannot sign"
as "$A" "$YS show 1" | grep -qF "乙（$B）" || fail "the signature does not name $B"
for u in "$A" "$B"; do
	as "$u" "cat /var/lib/yunshen/yunshen.db" >/dev/null 2>&1 && fail "$u read the database file"
	as "$u" "ls /var/lib/yunshen" >/dev/null 2>&1 && fail "$u listed the data folder"
done
echo "ok two users through the set-gid binary"

# The daily round: silent, a dated backup, and the database checks.
out=$(/usr/libexec/yunshen/daily 2>&1) || fail "daily round: $out"
echo "$out" | grep -v "无法写入系统日志" | grep . && fail "the daily round talks: $out"
[ -f /var/backups/yunshen/yunshen-$(date +%F).db ] || fail "no dated backup"
sed -i 's/^DAILY_ROUND=yes/DAILY_ROUND=no/' /etc/default/yunshen
rm /var/backups/yunshen/yunshen-$(date +%F).db
/usr/libexec/yunshen/daily && [ ! -e /var/backups/yunshen/yunshen-$(date +%F).db ] || fail "DAILY_ROUND=no did not turn it off"
echo "ok daily round"

# Remove keeps the database and the office's settings; reinstall finds both.
dpkg --remove yunshen >/dev/null || fail "remove"
[ -f /var/lib/yunshen/yunshen.db ] || fail "remove deleted the database"
dpkg -i "$DEB" >/dev/null || fail "reinstall"
grep -q '^DAILY_ROUND=no' /etc/default/yunshen || fail "reinstall overwrote /etc/default/yunshen"
as "$B" "$YS list" | grep -qF "共 1 件" || fail "the database did not survive remove and reinstall"
[ "$(stat -c '%G %a' /usr/bin/yunshen)" = "yunshen 2755" ] || fail "reinstalled binary is not set-gid"

# Purge answered no keeps the database; answered yes removes everything.
echo "yunshen yunshen/purge_database boolean false" | debconf-set-selections
dpkg --purge yunshen >/dev/null || fail "purge (keep)"
[ -f /var/lib/yunshen/yunshen.db ] || fail "purge answered no deleted the database"
[ ! -e /etc/yunshen ] || fail "purge left /etc/yunshen"
dpkg -i "$DEB" >/dev/null || fail "install over a kept database"
as "$B" "$YS list" | grep -qF "共 1 件" || fail "the kept database does not open"
echo "yunshen yunshen/purge_database boolean true" | debconf-set-selections
dpkg --purge yunshen >/dev/null || fail "purge"
userdel -r "$A"; userdel -r "$B"
snapshot > "$T/after"
# What is there now and was not before (another program may remove its own files meanwhile).
comm -13 "$T/before" "$T/after" > "$T/stray"
[ ! -s "$T/stray" ] || { cat "$T/stray"; fail "purge left files behind"; }
dpkg-statoverride --list | grep -q yunshen && fail "purge left a statoverride"
echo "deb install ok"
