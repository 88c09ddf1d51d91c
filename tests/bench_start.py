# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_start.py YUNSHEN: what a CLI start costs (`templates`, no database),
with the parsed templates read from the cache and parsed afresh, beside
sqlite3's own start (the anchor), as medians of interleaved runs from one
run of this script: wall time and the process's CPU time (user + sys)."""
import os, shutil, statistics, sys, tempfile, time

RUNS = 60


def once(argv, env):
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench_start: %s failed" % " ".join(argv))
    return wall * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3


def main():
    ys = os.path.abspath(sys.argv[1])
    sqlite = shutil.which("sqlite3")
    d = tempfile.mkdtemp(prefix="ysbench.")
    env = dict(os.environ)
    env.setdefault("YUNSHEN_DATADIR", os.path.join(os.environ.get("YS_SRCDIR", "."), "data"))
    cases = [("templates, from the cache", [ys, "--db", os.path.join(d, "x.db"), "templates"]),
             ("templates, parsed", [ys, "--db", os.path.join(d, "none", "x.db"), "templates"]),
             ("--version", [ys, "--version"])]
    if sqlite:
        cases.append(("anchor: sqlite3 :memory: 'select 1'", [sqlite, ":memory:", "select 1"]))
    once(cases[0][1], env)                       # fills the cache
    got = {name: ([], []) for name, _ in cases}
    for _ in range(RUNS):
        for name, argv in cases:
            w, c = once(argv, env)
            got[name][0].append(w)
            got[name][1].append(c)
    shutil.rmtree(d)
    anchor = statistics.median(got[cases[-1][0]][0]) if sqlite else None
    for name, _ in cases:
        w, c = statistics.median(got[name][0]), statistics.median(got[name][1])
        ratio = "  %.2f× the anchor" % (w / anchor) if anchor and not name.startswith("anchor") else ""
        print("%-38s wall %6.2f ms  cpu %6.2f ms%s" % (name, w, c, ratio))
    if not sqlite:
        print("(no sqlite3 on PATH: apt-get install sqlite3 for the anchor)")


main()
