#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_wire.py YUNSHEN [DB LOGIN] - bytes on the wire (not a test): the queue run in
a pseudo-terminal of 80x24 on the demo database (or DB as LOGIN), in 全部. It
prints the bytes of a full repaint (Ctrl-L) and of each step the reviewer
takes: a line down within the page, a line down that scrolls the page, a
page down, as a share of the full repaint. Issue 12's bar: a scroll step
at most 10% of a repaint."""
import fcntl, os, pty, select, struct, subprocess, sys, tempfile, termios, time

ys = os.path.abspath(sys.argv[1])
src = os.environ.get('YS_SRCDIR', os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
d = tempfile.mkdtemp()
db = os.path.join(d, 'wire.db')
env = dict(os.environ, LC_ALL='C.UTF-8', TERM='xterm-256color', YUNSHEN_NOW='2026-11-20T10:00',
           YUNSHEN_DATADIR=os.path.join(src, 'data'), YUNSHEN_CONFDIR='/nonexistent/yunshen')
env.pop('ESCDELAY', None)
login = 'shenhe'
if len(sys.argv) > 3:
    db, login = sys.argv[2], sys.argv[3]
else:
    subprocess.run([ys, '--db', db, 'demo'], env=env, check=True, capture_output=True)

pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    os.execve(ys, [ys, '--db', db, '--as', login], env)


def drain(quiet=0.4, limit=10.0):
    """Bytes the program writes until it has been quiet for `quiet` s."""
    n, end, last = 0, time.time() + limit, time.time()
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                b = os.read(fd, 65536)
            except OSError:
                break
            n += len(b)
            last = time.time()
        elif time.time() - last > quiet:
            break
    return n


def key(k):
    os.write(fd, k)
    return drain()


drain(1.0)
key(b'2')                       # 全部: more rows than a page
full = key(b'\x0c')             # Ctrl-L: everything again
steps = {'line down (within the page)': [], 'line down (the page scrolls)': [], 'page down': []}
for i in range(19):
    steps['line down (within the page)'].append(key(b'j'))
for i in range(5):
    steps['line down (the page scrolls)'].append(key(b'j'))
for i in range(3):
    steps['page down'].append(key(b'\x1b[6~'))
os.write(fd, b'q')
drain(0.3, 3)
os.waitpid(pid, 0)
print('full repaint (Ctrl-L)                  %6d bytes' % full)
for name, v in steps.items():
    worst = max(v)
    print('%-38s %6d bytes worst, %6.0f mean   %5.1f%% of a repaint (worst)' % (name, worst, sum(v) / len(v),
                                                                           100.0 * worst / full))
