/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* store.h - the one SQLite file: opening it the careful way (WAL, foreign
 * keys, busy timeout), forward migrations, transactions. Nothing outside
 * src/ touches SQLite. */
#ifndef YUNSHEN_STORE_H
#define YUNSHEN_STORE_H

#include <sqlite3.h>
#include "err.h"

typedef struct store store;

enum { STORE_OPEN = 0, STORE_CREATE = 1 };

/* Opens (with STORE_CREATE also creates) the database and brings its
 * schema up to date. A database written by a newer yunshen is refused
 * untouched. A missing file without STORE_CREATE is an error that says how
 * to create one. */
int store_open(const char *path, int flags, store **out, ys_err *err);
void store_close(store *s);
sqlite3 *store_db(store *s);
/* One value a module keeps with the connection (apps.c: the form data
 * last parsed), freed by free_fn when replaced or at store_close. Each
 * thread has its own connection, so the memo needs no lock. */
void *store_memo(store *s);
void store_set_memo(store *s, void *memo, void (*free_fn)(void *));
/* PRAGMA data_version: it changes when another connection (another
 * session, the CLI) commits. Cheap, no table read: a screen compares it
 * every second with the value it last drew from. -1 on error. */
long long store_data_version(store *s);
const char *store_path(const store *s);
int store_version(store *s);
/* Opened read-only (a copy on read-only media): nothing may be written. */
int store_readonly(const store *s);
int store_latest_version(void);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int store_begin(store *s, ys_err *err);
int store_commit(store *s, ys_err *err);
void store_rollback(store *s);
/* Derived data (the duties table, the pools' zone shares) notes in meta
 * what it was built from: is it `key` for `what`? 1 yes, 0 no, -1 error;
 * and noting it, inside the caller's transaction. */
int store_built(store *s, const char *what, const char *key, ys_err *err);
int store_set_built(store *s, const char *what, const char *key, ys_err *err);
/* A listing that runs many small queries reads one snapshot under one
 * lock (a savepoint: inside a caller's transaction too), rather than
 * taking and dropping the lock and re-reading pages for every query. */
int store_read_begin(store *s, ys_err *err);
/* A second connection to s's database for another thread, and both in a
 * read transaction (BEGIN) on one snapshot: a third connection holds the
 * write lock while the two start reading, so no commit falls between
 * them. s must not be in a transaction. On failure (a read-only copy, a
 * busy writer) nothing is left open and the caller reads alone. The twin
 * is closed with store_close; s's transaction ends as any other. */
int store_twin(store *s, store **twin, ys_err *err);
void store_read_end(store *s);

/* Prepared statements cached for the connection's lifetime (hot paths):
 * returned reset and with bindings cleared. */
sqlite3_stmt *store_stmt(store *s, const char *sql, ys_err *err);
/* Named parameters (":id"): text (NULL binds NULL, copied) and integers. */
void store_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void store_bind_int(sqlite3_stmt *st, const char *name, long long v);
/* An online, compact copy of the whole database into a new file (VACUUM
 * INTO): others may keep working meanwhile. */
int store_backup(store *s, const char *path, ys_err *err);
/* A text column, "" for NULL; the copy variant cuts it to a buffer. */
const char *store_text(sqlite3_stmt *st, int i);
void store_text_copy(sqlite3_stmt *st, int i, char *out, size_t n);
/* Runs SQL without results. */
int store_exec(store *s, const char *sql, ys_err *err);
/* Formats an SQLite failure into err. */
int store_fail(store *s, ys_err *err, const char *what);

#endif
