#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_verify.py YUNSHEN DB: `yunshen verify` of DB (every table, the
history's SM3 chain, each application against its history and its data,
the kept counts) beside its anchor, SQLite's own PRAGMA integrity_check
and foreign_key_check run by sqlite3 on the same file, one after the
other in one run. The goal: within 2x. DB is read, not written (verify
takes a read snapshot)."""
import os, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_db import yunshen_env


def timed(cmd, env=None):
    t = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.monotonic() - t, p


def main():
    ys, db = sys.argv[1], sys.argv[2]
    # The whole file once into the page cache, so neither side pays the disk
    # (a count of a table reads only its smallest index).
    with open(db, 'rb') as f:
        while f.read(1 << 24):
            pass
    t_ys, p = timed([ys, '--db', db, 'verify'], yunshen_env())
    if p.returncode not in (0, 1):
        sys.exit("verify failed: %s" % (p.stderr.strip() or p.stdout.strip()))
    last = (p.stdout.strip().splitlines() or ['?'])[-1]
    t_ic, q = timed(['sqlite3', db, 'PRAGMA integrity_check'])
    t_fk, r = timed(['sqlite3', db, 'PRAGMA foreign_key_check'])
    if q.returncode or r.returncode:
        sys.exit("sqlite3 failed: %s%s" % (q.stderr, r.stderr))
    anchor = t_ic + t_fk
    print("  verify %7.1f s   anchor (integrity_check %.1f s + foreign_key_check %.1f s) %7.1f s   "
          "ratio %.2f   goal <= 2   (%s)" % (t_ys, t_ic, t_fk, anchor, t_ys / anchor, last))


if __name__ == '__main__':
    main()
