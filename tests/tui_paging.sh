#!/bin/bash
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
# 100,000 applications: the queue opens, pages to the end and back, and
# searches, fetching only what the screen shows (timings: make bench).
. "${YS_SRCDIR:-$(dirname "$0")/..}/tests/tui_lib.sh"
demo_db
base=$(ys --as shenhe list --mine --json | grep -o '"count":[0-9]*' | cut -d: -f2)
total=$((base + 100000))
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO applications(template, kind, unit, system, status, step, role, deadline, round, created_at,
	created_by, updated_at)
SELECT 'huizhou', 'apply', '批量单位' || i, '批量系统' || i, 'pending', 'review', 'reviewer',
	date('2026-12-01', '+' || (i % 300) || ' days'), 1, '2026-11-01T09:00', 'luru', '2026-11-01T09:00' FROM n;" ||
	fail "generating rows"
# A province's millionth application: its number shows whole, not cut
# into another application's number (10000).
sqlite3 "$DB" "INSERT INTO applications(id, template, kind, unit, system, status, step, role, deadline, round,
	created_at, created_by, updated_at) VALUES (1000000, 'huizhou', 'apply', '百万号单位', '百万号系统', 'pending',
	'review', 'reviewer', '2026-11-02', 1, '2026-11-01T09:00', 'luru', '2026-11-01T09:00');" || fail "row 1000000"
total=$((total + 1))
start -- --db "$DB" --as shenhe
wait_for "共 $total 件"
screen | grep -E "^ *!? *1000000 +[^ ]+ .*百万号单位" >/dev/null || { screen; fail "application 1000000 not shown whole"; }
keys End
wait_for "第 $total/$total 件"
keys PageUp PageUp
wait_for "/$total 件"
keys Home
wait_for "第 1/$total 件"
keys 2 /
type_text "批量单位99999"
keys Enter
wait_for "共 1 件"
wait_for "批量系统99999"
echo ok
