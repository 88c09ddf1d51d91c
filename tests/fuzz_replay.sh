#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Every fuzz target, built without libFuzzer (tests/fuzz/replay.c), over
# its starting inputs: a target that no longer builds fails make check's
# build, one that crashes or finds a half import on a seed fails here.
. "${YS_SRCDIR:-.}/tests/lib.sh"
c=$T/corpus
sh "$SRC/tests/fuzz/corpus.sh" "$SRC" "$c"
for t in import template holidays dates; do
	out=$(TMPDIR=$T "${YS_BUILDDIR:-.}/tests/fuzz/replay_$t" "$c/$t"/* 2>&1) || fail "fuzz_$t crashed on a starting input: $out"
	n=$(ls "$c/$t" | wc -l)
	case $out in *"$n inputs"*) ;; *) fail "fuzz_$t did not run all $n inputs: $out" ;; esac
done
echo "every fuzz target runs its starting inputs"
