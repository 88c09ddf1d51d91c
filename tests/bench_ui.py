#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_ui.py YUNSHEN [DB]: the start of the interface (not a test): from
starting the program in an 80x24 pseudo-terminal to its first queue drawn
whole (the key line at the bottom), median of interleaved runs, for a
login with every role (the one that made the demo), a reviewer and a
clerk. DB: a database to measure on (make bench-data's), else the demo.
Issue 14's goal: under 25 ms for a login with every role at 1,000,000."""
import fcntl, getpass, os, pty, select, statistics, struct, subprocess, sys, tempfile, termios, time

RUNS = 15
MARK = "退出".encode()


def once(ys, db, login, env):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        os.execve(ys, [ys, '--db', db, '--as', login], env)
    out = b''
    while MARK not in out:
        r, _, _ = select.select([fd], [], [], 10)
        if not r:
            sys.exit("bench_ui: no queue for %s within 10 s" % login)
        try:
            out += os.read(fd, 65536)
        except OSError:
            sys.exit("bench_ui: the program ended for %s" % login)
    took = (time.perf_counter() - t0) * 1e3
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    return took


def main():
    ys = os.path.abspath(sys.argv[1])
    src = os.environ.get('YS_SRCDIR', '.')
    env = dict(os.environ, LC_ALL='C.UTF-8', TERM='xterm-256color')
    env.setdefault('YUNSHEN_DATADIR', os.path.join(src, 'data'))
    env.pop('YUNSHEN_NOW', None)
    if len(sys.argv) > 2:
        db = sys.argv[2]
    else:
        db = os.path.join(tempfile.mkdtemp(prefix='ysbench.'), 'ui.db')
        subprocess.run([ys, '--db', db, 'demo'], env=env, check=True, capture_output=True)
    n = subprocess.run(['sqlite3', db, 'SELECT count(*) FROM applications'], capture_output=True,
                       text=True).stdout.strip()
    logins = [(getpass.getuser(), 'every role'), ('shenhe', 'reviewer'), ('luru', 'clerk')]
    once(ys, db, logins[0][0], env)    # the migration, if any, and the page cache
    times = {login: [] for login, _ in logins}
    for _ in range(RUNS):
        for login, _ in logins:
            times[login].append(once(ys, db, login, env))
    for login, what in logins:
        print("interface start, %s (%s), %s applications  %7.1f ms   goal < 25 ms" %
              (login, what, n, statistics.median(times[login])))


main()
