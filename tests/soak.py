#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""soak.py YUNSHEN DB [SECONDS [SESSIONS [SIGNERS]]]: how many people one
server holds (make soak; not a test, minutes long). On a private copy of
DB (make bench-data's 1,000,000), SESSIONS interfaces (default 50) run in
80x24 pseudo-terminals, each pressing a key a second the way a reviewer
works a queue (down, up, pages, views, the end, refresh, the state
filter), while SIGNERS (default 10) sign from the CLI one application
after another, for SECONDS (default 300). It prints the key latency (from
the key sent to the last byte of the screen's answer, which must begin
within half a second) p50 and p99, the
signatures made, refused and lost (made but not in the history after), and
every 数据库正忙 surfaced."""
import collections, fcntl, json, os, pty, select, struct, subprocess, sys, termios, threading, time
from bench_db import private_copy, yunshen_env

QUIET = 0.05          # a screen's answer has ended after this long without a byte
TICK = 0.49           # ... and began before this (ui/loop.c looks for others' commits at 0.5 s)
# A reviewer's morning: mostly moving, now and then a view, the end, F5.
KEYS = [('j', 'Down'), ('j', 'Down'), ('j', 'Down'), ('k', 'Up'), ('\x06', 'PgDn'), ('\x02', 'PgUp'),
        ('2', '全部'), ('G', 'End'), ('g', 'Home'), ('j', 'Down'), ('5', '退回'), ('1', '待办'),
        ('r', 'F5'), ('s', '状态筛选'), ('c', '清除筛选'), ('j', 'Down')]
LOGINS = ['shenhe', 'shenhe2', 'shouli', 'lingdao', 'yunwei', 'xianji', 'luru', None]  # None: every role


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] if v else float('nan')


class Session:
    def __init__(self, ys, db, login, env, n):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
            os.execve(ys, [ys, '--db', db] + (['--as', login] if login else []), env)
        os.set_blocking(self.fd, False)
        self.k = n % len(KEYS)          # each starts at its own place in the round
        self.sent = self.last = self.first = None
        self.key = None
        self.next = time.monotonic() + 2 + n * 1.0 / 50   # the start, then spread over a second

    def read(self, now):
        try:
            while os.read(self.fd, 65536):
                self.last = now
                if self.sent is not None and self.first is None and now - self.sent < TICK:
                    self.first = now
        except (BlockingIOError, OSError):
            pass


def signer(ys, db, env, ids, until, out, today):
    """Signs the applications in ids one by one until the time is up."""
    made = refused = busy = 0
    took, reasons = [], collections.Counter()
    for i in ids:
        if time.monotonic() > until:
            break
        show = subprocess.run([ys, '--db', db, 'show', str(i), '--json'], env=env, capture_output=True,
                              text=True)
        if show.returncode:
            busy += '数据库正忙' in show.stderr
            reasons['show: ' + show.stderr.strip()[:40]] += 1
            continue
        d = json.loads(show.stdout)
        if d.get('status') != 'pending' or not d.get('actions'):
            continue
        act = next((a for a in d['actions'] if not a['opinion_required']), d['actions'][0])
        rec = ['%s=%s' % (r['id'], r.get('must_be') or {'date': today, 'int': '1', 'bool': '是'}.get(
            r['type'], '记录')) for r in d.get('record', []) if r['required']]
        cmd = [ys, '--db', db, 'act', str(i), act['id'], '--step', d['step'], '--opinion', '同意'] + rec
        t0 = time.monotonic()
        r = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if r.returncode and '--ack-capacity' in r.stderr:
            r = subprocess.run(cmd + ['--ack-capacity'], env=env, capture_output=True, text=True)
        took.append(time.monotonic() - t0)
        if r.returncode == 0:
            made += 1
        else:
            refused += 1
            busy += '数据库正忙' in r.stderr
            reasons[r.stderr.strip().split('：')[0][:60]] += 1
    out.append((made, refused, busy, took, reasons))


def main():
    ys = os.path.abspath(sys.argv[1])
    src_db = sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    nsess = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    nsign = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    if not os.path.exists(src_db):
        sys.exit("soak: no %s (make bench-data makes it, in about 40 minutes)" % src_db)
    with private_copy(src_db, os.environ.get('SOAK_DIR', '/var/tmp')) as db:
        run(ys, db, seconds, nsess, nsign)


def run(ys, db, seconds, nsess, nsign):
    env = yunshen_env()
    today = time.strftime('%Y-%m-%d')
    subprocess.run([ys, '--db', db, 'verify', '--head'], env=env, capture_output=True)  # migrate, warm
    n = subprocess.run(['sqlite3', db, 'SELECT count(*) FROM applications'], capture_output=True,
                       text=True).stdout.strip()
    ids = [int(x) for x in subprocess.run(
        ['sqlite3', db, "SELECT id FROM applications WHERE status = 'pending' ORDER BY random() LIMIT %d"
         % (nsign * 4000)], capture_output=True, text=True).stdout.split()]
    events0 = int(subprocess.run(['sqlite3', db, 'SELECT max(id) FROM events'], capture_output=True,
                                 text=True).stdout.strip() or 0)
    print("soak: %s applications, %d interfaces pressing a key a second, %d signing from the CLI, %d s"
          % (n, nsess, nsign, seconds), flush=True)
    sessions = [Session(ys, db, LOGINS[i % len(LOGINS)], env, i) for i in range(nsess)]
    start = time.monotonic()
    until = start + 2 + seconds
    results = []
    threads = [threading.Thread(target=signer, args=(ys, db, env, ids[k::nsign], until, results, today))
               for k in range(nsign)]
    for t in threads:
        t.start()
    lat, silent, per_key, quiet_keys = [], 0, collections.defaultdict(list), collections.Counter()
    fds = {s.fd: s for s in sessions}
    while time.monotonic() < until:
        now = time.monotonic()
        wake = min([s.next for s in sessions] + [now + QUIET])
        r, _, _ = select.select(list(fds), [], [], max(0, min(wake - now, QUIET)))
        now = time.monotonic()
        for fd in r:
            fds[fd].read(now)
        for s in sessions:
            # An answer is what starts within half a second: the screen
            # checks for others' commits only after half a second without
            # a key, so nothing else is drawn before. A key that changes
            # nothing on the screen (F5 with nothing new, Up at the top)
            # draws nothing at all.
            answered = s.first is not None
            if s.sent is not None and answered and now - s.last > QUIET:
                lat.append(s.last - s.sent)
                per_key[s.key].append(s.last - s.sent)
                s.sent = None
            elif s.sent is not None and not answered and now - s.sent > TICK:
                silent += 1
                quiet_keys[s.key] += 1
                s.sent = None
            if s.sent is None and now >= s.next:
                ch, s.key = KEYS[s.k % len(KEYS)]
                s.k += 1
                s.sent = time.monotonic()
                s.first = None
                os.write(s.fd, ch.encode())
                s.next += 1.0
    for t in threads:
        t.join()
    for s in sessions:
        os.kill(s.pid, 9)
        os.waitpid(s.pid, 0)
        os.close(s.fd)
    made = sum(x[0] for x in results)
    refused = sum(x[1] for x in results)
    busy = sum(x[2] for x in results)
    took = [t for x in results for t in x[3]]
    reasons = sum((x[4] for x in results), collections.Counter())
    events = int(subprocess.run(['sqlite3', db, "SELECT count(*) FROM events WHERE id > %d AND kind = 'act'"
                                 % events0], capture_output=True, text=True).stdout.strip())
    print("keys: %d answered, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d changed nothing on the screen"
          % (len(lat), pct(lat, .5) * 1e3, pct(lat, .99) * 1e3, max(lat or [0]) * 1e3, silent))
    for key, v in sorted(per_key.items(), key=lambda kv: -pct(kv[1], .99)):
        print("  %-8s %5d  p50 %6.1f ms  p99 %6.1f ms  (%d drew nothing)"
              % (key, len(v), pct(v, .5) * 1e3, pct(v, .99) * 1e3, quiet_keys[key]))
    print("signatures: %d made (%.1f/s), p50 %.0f ms, p99 %.0f ms; %d refused; %d 数据库正忙 surfaced; "
          "%d in the history, %d lost" % (made, made / seconds, pct(took, .5) * 1e3, pct(took, .99) * 1e3,
                                           refused, busy, events, made - events))
    for why, k in reasons.most_common(5):
        print("  refused %d: %s" % (k, why))
    if made != events or busy:
        sys.exit(1)


if __name__ == '__main__':
    main()
