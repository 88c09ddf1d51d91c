#!/bin/sh
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# Turns data/migrations/NNN-*.sql into a C array of strings, in order.
# Usage: sql2c.sh OUT.c FILE.sql...
out=$1; shift
{
	echo "/* Generated from data/migrations by build-aux/sql2c.sh. Do not edit. */"
	echo "#include \"migrations.h\""
	echo "const char *const migrations[] = {"
	for f in "$@"; do
		printf '\t/* %s */\n' "$(basename "$f")"
		sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^\(.*\)$/\t"\1\\n"/' "$f"
		echo "	,"
	done
	echo "	0"
	echo "};"
} > "$out.tmp" && mv "$out.tmp" "$out"
