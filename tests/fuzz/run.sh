#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Builds the libFuzzer targets with clang (address and undefined-behaviour
# sanitizers) and runs each for SECONDS (default 20), starting from the
# project's own files. A crash, a leak or a sanitizer report fails.
# Run from a configured and built source tree: sh tests/fuzz/run.sh [SECONDS]
# The inputs follow a fixed seed (FUZZ_SEED, default 1), so a CI run is one
# that can be repeated; FUZZ_SEED=0 draws a new seed each run, for longer
# hunts by hand.
set -eu
secs=${1:-20}
seed=${FUZZ_SEED:-1}
command -v clang >/dev/null || { echo "fuzz: clang not installed (apt-get install clang); skipped"; exit 77; }
top=$(pwd)
out=$top/tests/fuzz/bin
mkdir -p "$out"
[ -f src/migrations.c ] || make -s src/migrations.c
cflags="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -I. -Isrc
	$(pkg-config --cflags sqlite3 xlsxwriter libcrypto libzip expat)"
libs="$(pkg-config --libs sqlite3 xlsxwriter libcrypto libzip expat) -lm"
# The core once, then each target linked against it.
mkdir -p "$out/obj"
objs=""
for f in $(ls src/*.c | grep -v -e '/main\.c$' -e '/cli') tests/fuzz/fuzz.c; do
	o="$out/obj/$(basename "$f" .c).o"
	# shellcheck disable=SC2086
	clang $cflags -DYS_PKGDATADIR='"/nonexistent"' -DYS_SYSCONFDIR='"/nonexistent"' \
		-DYS_DEFAULT_DB='"/nonexistent/yunshen.db"' -c "$f" -o "$o" &
	objs="$objs $o"
done
wait
for t in import template holidays dates; do
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer -o "$out/fuzz_$t" tests/fuzz/fuzz_$t.c $objs $libs
done
corpus=$(mktemp -d /tmp/yscorpus.XXXXXX)
trap 'rm -rf "$corpus" /tmp/ysfuzz-in.* /tmp/ysfuzz.*' EXIT
sh "$top/tests/fuzz/corpus.sh" "$top" "$corpus"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export YUNSHEN_DATADIR="$top/data"
for t in import template holidays dates; do
	echo "== fuzz_$t for ${secs}s"
	"$out/fuzz_$t" -seed="$seed" -max_total_time="$secs" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
		-artifact_prefix="$out/crash-$t-" "$corpus/$t" 2>"$out/$t.log" ||
		{ tail -n 40 "$out/$t.log"; echo "fuzz_$t FAILED (inputs in $out)"; exit 1; }
	grep -E '^(#[0-9]+ +DONE|Done)' "$out/$t.log" | tail -1
done
echo "fuzz ok"
