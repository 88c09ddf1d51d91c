#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_sign.py YUNSHEN DB [SIGNERS [EACH]]: many reviewers signing at once
(not a test; make bench). On a private copy of DB (make bench-data's),
SIGNERS processes at a time (default 64), each signing EACH applications
(default 20) one after another with `yunshen act`, beside the anchor:
sqlite3 writing the same rows (the application's new state, its history
entry) a process a signature, as many at once. Prints signatures a
second and the p99 of one, each beside the anchor's, and every
数据库正忙 surfaced. Issue 14's goal: within 1.5x of the anchor, p99 under
1 s, none surfaced."""
import json, os, subprocess, sys, threading, time
from bench_db import private_copy, yunshen_env


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] if v else float('nan')


def plan(ys, db, env, ids, today, want):
    """What each signature will be: the act's arguments, from show --json."""
    out = []
    for i in ids:
        if len(out) >= want:
            break
        r = subprocess.run([ys, '--db', db, 'show', str(i), '--json'], env=env, capture_output=True, text=True)
        if r.returncode:
            continue
        d = json.loads(r.stdout)
        acts = [a for a in d.get('actions', []) if not a['opinion_required']]
        if d.get('status') != 'pending' or not acts:
            continue
        rec = ['%s=%s' % (x['id'], x.get('must_be') or {'date': today, 'int': '1', 'bool': '是'}.get(
            x['type'], '记录')) for x in d.get('record', []) if x['required']]
        out.append((i, ['act', str(i), acts[0]['id'], '--step', d['step'], '--opinion', '同意'] + rec,
                    d['step'], acts[0]['id']))
    return out


def run_all(jobs, cmd_of, nsign, env):
    """Runs the jobs nsign at a time; their latencies and failures."""
    took, failed, busy = [], [], [0]
    lock = threading.Lock()

    def worker(mine):
        for j in mine:
            t0 = time.monotonic()
            r = subprocess.run(cmd_of(j), capture_output=True, text=True, env=env)
            dt = time.monotonic() - t0
            with lock:
                took.append(dt)
                if r.returncode:
                    failed.append(r.stderr.strip()[:80])
                    busy[0] += '数据库正忙' in r.stderr or 'database is locked' in r.stderr
    ts = [threading.Thread(target=worker, args=(jobs[k::nsign],)) for k in range(nsign)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.monotonic() - t0, took, failed, busy[0]


def main():
    ys = os.path.abspath(sys.argv[1])
    src_db = sys.argv[2]
    nsign = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    each = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    env = yunshen_env()
    with private_copy(src_db, os.environ.get('BENCH_TMP', '/var/tmp')) as db:
        subprocess.run([ys, '--db', db, 'verify', '--head'], env=env, capture_output=True)   # migrate, warm
        n = subprocess.run(['sqlite3', db, 'SELECT count(*) FROM applications'], capture_output=True,
                           text=True).stdout.strip()
        ids = [int(x) for x in subprocess.run(
            ['sqlite3', db, "SELECT id FROM applications WHERE status = 'pending' ORDER BY random() LIMIT %d"
             % (nsign * each * 3)], capture_output=True, text=True).stdout.split()]
        jobs = plan(ys, db, env, ids, time.strftime('%Y-%m-%d'), 2 * nsign * each)
        ours, anchor = jobs[:nsign * each], jobs[nsign * each:2 * nsign * each]
        if len(anchor) < nsign * each:
            sys.exit("bench_sign: only %d applications to sign in %s" % (len(jobs), src_db))
        wall, took, failed, busy = run_all(ours, lambda j: [ys, '--db', db] + j[1], nsign, env)
        now = time.strftime('%Y-%m-%dT%H:%M')

        def plain(j):
            # The same rows written plainly: the state moved on, the history entry.
            sql = ("PRAGMA busy_timeout=10000; BEGIN IMMEDIATE; "
                   "UPDATE applications SET version = version + 1, updated_at = '%s' WHERE id = %d; "
                   "INSERT INTO events(app_id, at, login, kind, step, action, opinion, status_from, status_to) "
                   "VALUES (%d, '%s', 'bench', 'act', '%s', '%s', '同意', 'pending', 'pending'); COMMIT;"
                   % (now, j[0], j[0], now, j[2], j[3]))
            return ['sqlite3', db, sql]
        awall, atook, afailed, abusy = run_all(anchor, plain, nsign, env)
        rate, arate = len(ours) / wall, len(anchor) / awall
        print("%d signing at once, %d each, %s applications:" % (nsign, each, n))
        print("  signatures/s  %7.1f   anchor (sqlite3, the same rows) %7.1f   ratio %.2f   goal <= 1.5"
              % (rate, arate, arate / rate))
        print("  p99 of one    %7.2f s anchor %7.2f s   ratio %.2f   goal p99 < 1 s"
              % (pct(took, .99), pct(atook, .99), pct(took, .99) / max(pct(atook, .99), 1e-9)))
        print("  refused %d (%d 数据库正忙 surfaced; goal 0)%s" % (len(failed), busy,
              "" if not failed else ": " + failed[0]))
        if afailed:
            print("  anchor failed %d (%d busy): %s" % (len(afailed), abusy, afailed[0]))


if __name__ == '__main__':
    main()
