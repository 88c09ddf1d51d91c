#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The manuals as a packager and a user meet them: both render at 80
# columns in a Chinese terminal without a troff warning, with the paths
# make expanded, and name every command of the program and every key of
# its screens.
. "${YS_SRCDIR:-.}/tests/lib.sh"
command -v man >/dev/null || { echo "man_pages: no man (skipped)"; exit 77; }
loc=zh_CN.UTF-8
locale -a 2>/dev/null | grep -qix 'zh_CN\.utf8' || loc=C.UTF-8
B="${YS_BUILDDIR:-.}/docs"
commands=$(sed -n 's/^	{ "\([a-z]*\)", cmd_.*/\1/p' "$SRC/src/cli.c")
[ "$(echo "$commands" | wc -l)" -gt 30 ] || fail "the command table was not found in src/cli.c"
keys=$(sed -n 's/^	{ [^,]*, [A-Z_]*[A-Za-z_]*, "\([^"]*\)", .*/\1/p' "$SRC"/ui/*.c "$SRC"/ui/*.h | sort -u)
[ "$(echo "$keys" | wc -l)" -gt 40 ] || fail "the key tables were not found in ui/"
for page in "$B/yunshen.1" "$B/yunshen.zh_CN.1"; do
	LC_ALL=$loc MANWIDTH=80 man --warnings -l "$page" > "$T/out" 2> "$T/err" || fail "man $page"
	[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "$page: troff warnings"; }
	"$PY" - "$T/out" <<'PY' || fail "$page: lines wider than 80 columns"
import sys, unicodedata
bad = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n')
       if sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l) > 80]
for l in bad: print(l, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	grep -qF '${' "$page" && fail "$page: an unexpanded \${...} path"
	grep -q '@[A-Z_]*@' "$page" && fail "$page: a placeholder left in"
	# A long path may be broken over lines: looked for with the lines joined.
	sed ':a;N;$!ba;s/\n *//g' "$T/out" | grep -qF '/lib/yunshen/yunshen.db' || fail "$page: no database path"
	# The configured paths may break after each slash: under a long prefix
	# (distcheck's) a path troff cannot break is a warning.
	grep -E '(yunshen\.db|/templates/)' "$page" | grep -vF '/\:' && fail "$page: a configured path without break points"
	for c in $commands; do
		grep -qE "(^|[^a-z])$c([^a-z]|$)" "$T/out" || fail "$page does not list the command $c"
	done
	sed -n '/^\(TERMINAL INTERFACE\|终端界面\)/,/^\(OPTIONS\|选项\)/p' "$T/out" > "$T/keys"
	echo "$keys" | while IFS= read -r k; do
		grep -qF -- "$k" "$T/keys" || fail "$page does not list the key $k"
	done
done
# --help lists every command too.
"$YS" --help > "$T/out"
for c in $commands; do
	grep -qE "^  $c( |$)" "$T/out" || fail "--help does not list the command $c"
done
echo "ok manuals"
