#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# The fuzz targets' starting inputs, from the project's own files and the
# inputs fuzzing once found: sh tests/fuzz/corpus.sh SRCDIR DIR makes
# DIR/import, DIR/template, DIR/holidays and DIR/dates.
set -eu
src=$1 dir=$2
mkdir -p "$dir/import" "$dir/template" "$dir/holidays" "$dir/dates"
cp "$src"/data/demo/*.json "$dir/import/"
printf 'template,unit,storage_tb\ntaizhou,泰州市教育局,2\n' >"$dir/import/a.csv"
# Once found by fuzzing: a number too large for any product of it.
printf 'template,unit,storage_tb\ntaizhou,泰州市教育局,9000000000000000\n' >"$dir/import/overflow.csv"
cp "$src"/data/templates/*.json "$dir/template/"
head -c 4000 "$src/data/holidays.tsv" >"$dir/holidays/h.tsv"
for d in 2025-09-30 2024-02-29 2026-13-01 1999-1-1 2026-11 ''; do
	printf '%s' "$d" >"$dir/dates/$(echo "$d" | tr -c '0-9' _)x"
done
