# SPDX-FileCopyrightText: 2026 The yunshen authors
# SPDX-License-Identifier: MulanPSL-2.0
"""bench_db.py: what the measuring scripts (bench_sign.py, soak.py) share:
the program's environment and a private copy of a database to write to
(--as and signing need a database in a folder only we can enter; make
bench-data's own is kept as it was)."""
import contextlib, os, shutil, tempfile


def yunshen_env():
    src = os.environ.get('YS_SRCDIR', '.')
    env = dict(os.environ, LC_ALL='C.UTF-8', TERM='xterm-256color')
    env.setdefault('YUNSHEN_DATADIR', os.path.join(src, 'data'))
    env.pop('YUNSHEN_NOW', None)
    return env


@contextlib.contextmanager
def private_copy(src_db, tmp_dir):
    """A copy of src_db (and its WAL) in a new 0700 folder under tmp_dir,
    removed afterwards."""
    work = tempfile.mkdtemp(prefix='ysbench.', dir=tmp_dir)
    db = os.path.join(work, 'copy.db')
    try:
        for sfx in ('', '-wal'):
            if os.path.exists(src_db + sfx):
                shutil.copyfile(src_db + sfx, db + sfx)
        yield db
    finally:
        shutil.rmtree(work, ignore_errors=True)
