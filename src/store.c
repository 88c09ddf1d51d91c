/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "migrations.h"
#include "sm3.h"
#include "trust.h"
#include "store.h"
#include "text.h"


struct store {
	sqlite3 *db;
	char *path;
	struct { const char *sql; sqlite3_stmt *st; } *cache;
	int ncache, cap;
	int readonly;           /* the file (or its folder) cannot be written */
	int opened;             /* store_open succeeded: ours to tidy at close */
	void *memo;             /* store_memo: one thing a caller keeps per connection */
	void (*memo_free)(void *);
};

int store_latest_version(void)
{
	int n = 0;
	while (migrations[n])
		n++;
	return n;
}

/* Waiting for another writer: SQLite's own wait sleeps up to 100 ms
 * between tries, so with many signing at once the lock often stands free
 * while every waiter sleeps, and a writer can wait out its 5 s and say
 * 数据库正忙. Tries after 1, 2, ... then every 10 ms (a try is a lock
 * call, microseconds), for up to 10 s. */
static int busy_wait(void *arg, int tries)
{
	(void)arg;
	if (tries >= 1045)
		return 0;
	struct timespec ts = { 0, (tries < 10 ? tries + 1 : 10) * 1000000L };
	nanosleep(&ts, NULL);
	return 1;
}

static void set_busy(sqlite3 *db)
{
	sqlite3_busy_handler(db, busy_wait, NULL);
}

int store_fail(store *s, ys_err *err, const char *what)
{
	int code = sqlite3_errcode(s->db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return err_set(err, "%s失败：数据库正忙（别人正在写入），请稍后再试", what);
	if (code == SQLITE_READONLY)
		return err_set(err, "%s失败：数据库 %s 是只读的（检查文件和目录的写权限）", what, s->path);
	if (code == SQLITE_FULL)
		return err_set(err, "%s失败：磁盘已满", what);
	return err_set(err, "%s失败：%s", what, sqlite3_errmsg(s->db));
}

int store_backup(store *s, const char *path, ys_err *err)
{
	/* Into a temporary file beside the target, renamed only when whole:
	 * a full disk leaves nothing that could pass for a backup. */
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "VACUUM INTO :path", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		store_bind_text(st, ":path", tmp);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		err_set(err, "备份到 %s 失败：%s；未留下任何文件", path, sqlite3_errmsg(s->db));
		unlink(tmp);
		return -1;
	}
	if (link(tmp, path) != 0) {     /* never replaces an existing file */
		err_set(err, "备份到 %s 失败：%s；未留下任何文件", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return 0;
}

const char *store_text(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : "";
}

void store_text_copy(sqlite3_stmt *st, int i, char *out, size_t n)
{
	snprintf(out, n, "%s", store_text(st, i));
}

int store_exec(store *s, const char *sql, ys_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, "数据库操作失败：%s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* ys_sm3(a, b, …): SM3 over the length-prefixed text of each argument
 * (NULL marked apart from ''), as hex: the history's chain and states. */
static void fn_sm3(sqlite3_context *cx, int n, sqlite3_value **v)
{
	sm3_ctx *c = sm3_begin();
	if (!c) {
		sqlite3_result_error(cx, "SM3 不可用（OpenSSL 3 的 SM3）", -1);
		return;
	}
	for (int i = 0; i < n; i++)
		sm3_field(c, sqlite3_value_type(v[i]) == SQLITE_NULL ? NULL : (const char *)sqlite3_value_text(v[i]));
	char hex[SM3_HEX];
	sm3_end(c, hex);
	sqlite3_result_text(cx, hex, -1, SQLITE_TRANSIENT);
}

/* ys_docno_key(docno): text_docno_key, for the list's loose 文号 search. */
static void fn_docno_key(sqlite3_context *cx, int n, sqlite3_value **v)
{
	(void)n;
	char *k = text_docno_key((const char *)sqlite3_value_text(v[0]));
	sqlite3_result_text(cx, k, -1, free);
}

/* What the schema's views and the queries need on every connection. */
static void add_functions(sqlite3 *db)
{
	sqlite3_create_function(db, "ys_sm3", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_sm3, NULL, NULL);
	sqlite3_create_function(db, "ys_docno_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_docno_key, NULL,
				NULL);
}

static int user_version(store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

int store_version(store *s) { return user_version(s); }
int store_readonly(const store *s) { return s->readonly; }

/* Any row whose foreign key points nowhere fails the step. */
static int fk_broken(store *s, ys_err *err)
{
	sqlite3_stmt *st;
	int bad = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) == SQLITE_OK) {
		bad = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	if (bad)
		return err_set(err, "外键检查未通过%s", bad < 0 ? "（无法检查）" : "");
	return 0;
}

/* Each step runs in its own transaction together with its user_version,
 * so a failure leaves the database at the previous version. */
static int migrate(store *s, ys_err *err)
{
	int have = user_version(s), want = store_latest_version();
	if (have < 0)
		return store_fail(s, err, "读取数据库版本");
	if (have > want)
		return err_set(err, "数据库 %s 的版本是 %d，由更新的 yunshen 写入；本程序只认识到版本 %d。"
			       "请升级 yunshen，数据库未作任何改动。", s->path, have, want);
	if (have == want)
		return 0;
	/* A step may rebuild a table (SQLite's way to change a column): foreign
	 * keys are off while it runs, as SQLite's ALTER TABLE notes advise, and
	 * checked before each step commits. */
	if (store_exec(s, "PRAGMA foreign_keys=OFF;", err))
		return -1;
	int rc = 0;
	for (int v = have; v < want && !rc; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", v + 1);
		if (store_begin(s, err)) {
			rc = -1;
			break;
		}
		if (store_exec(s, migrations[v], err) || store_exec(s, pragma, err) || fk_broken(s, err)) {
			store_rollback(s);
			rc = err_prefix(err, "升级数据库到版本 %d：", v + 1);
			break;
		}
		rc = store_commit(s, err);
	}
	ys_err ignore;
	store_exec(s, "PRAGMA foreign_keys=ON;", rc ? &ignore : err);
	return rc;
}

/* Has the file any table of its own (another program's database)? */
static int has_tables(store *s)
{
	sqlite3_stmt *st;
	int n = -1;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

int store_open(const char *path, int flags, store **out, ys_err *err)
{
	*out = NULL;
	struct stat sb;
	/* stat, not access(): in the set-gid install only the program's group
	 * may look into the data folder, and access() asks with the user's. */
	if (!(flags & STORE_CREATE) && stat(path, &sb) != 0)
		return err_set(err, "数据库 %s 不存在；先运行 yunshen --db %s init 创建，或用 yunshen --demo 在演示库上试用",
			       path, path);
	if ((flags & STORE_CREATE) && stat(path, &sb) != 0) {
		/* In the set-gid install a new database is readable and writable
		 * by the gatekeeper's group whatever the user's umask, and by
		 * nobody else; SQLite gives -wal and -shm the same mode. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
		if (fd >= 0) {
			mode_t mask = umask(0);
			umask(mask);
			fchmod(fd, trust_privileged() ? 0660 : 0666 & ~mask);
			close(fd);
		}
	}
	store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		     ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		err_set(err, "无法打开数据库 %s：%s", path, s->db ? sqlite3_errmsg(s->db) : "内存不足");
		store_close(s);
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 0);
	set_busy(s->db);
	add_functions(s->db);
	s->readonly = sqlite3_db_readonly(s->db, "main") == 1;
	/* A file that is not a database fails here, before anything is written. */
	int version = -1;
	if (s->readonly && user_version(s) < 0) {
		/* A read-only WAL database in a folder we cannot write (a copy on
		 * read-only media): read it as immutable rather than fail. */
		sqlite3_close(s->db);
		char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
		int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		sqlite3_free(uri);
		if (rc != SQLITE_OK) {
			err_set(err, "无法读取只读数据库 %s：%s", path, sqlite3_errmsg(s->db));
			store_close(s);
			return -1;
		}
		add_functions(s->db);
	}
	if (store_exec(s, "PRAGMA foreign_keys=ON;", err) || (version = user_version(s)) < 0) {
		int code = sqlite3_errcode(s->db);
		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
			err_set(err, "%s 不是 yunshen 数据库（或已损坏），未作任何改动：%s", path, sqlite3_errmsg(s->db));
		else
			err_set(err, "无法读取数据库 %s：%s", path, sqlite3_errmsg(s->db));
		store_close(s);
		return -1;
	}
	if (version == 0) {
		/* Reading never writes: an empty file, or another program's
		 * database, is left exactly as it is; only init and demo make a
		 * new one, and only in an empty file. */
		int tables = has_tables(s);
		const char *why = NULL;
		if (tables > 0)
			why = "%s 不是 yunshen 数据库（是别的程序的 SQLite 数据库），未作任何改动";
		else if (tables == 0 && !(flags & STORE_CREATE))
			why = "%s 是空文件，不是 yunshen 数据库，未作任何改动；新建请用 yunshen --db 该文件 init";
		else if (tables < 0 || s->readonly)
			why = "%s 不是 yunshen 数据库（或无法读取），未作任何改动";
		if (why) {
			err_set(err, why, path);
			store_close(s);
			return -1;
		}
	}
	if (version > store_latest_version()) {
		migrate(s, err);        /* only formats the refusal */
		store_close(s);
		return -1;
	}
	if (s->readonly) {
		/* A read-only copy is read as it is: no WAL switch, no upgrade. */
		if (version < store_latest_version()) {
			err_set(err, "数据库 %s 是只读的，版本 %d 比程序的 %d 旧，需要有写权限的管理员升级（yunshen init）",
				path, version, store_latest_version());
			store_close(s);
			return -1;
		}
		*out = s;
		return 0;
	}
	if (store_exec(s, "PRAGMA journal_mode=WAL;", err) || migrate(s, err)) {
		store_close(s);
		return -1;
	}
	s->opened = 1;
	*out = s;
	return 0;
}

void store_close(store *s)
{
	if (!s)
		return;
	/* SQLite's advice: gather planner statistics where queries would gain
	 * (the queue's indexes only win once the planner knows the table). */
	if (s->opened)
		sqlite3_exec(s->db, "PRAGMA analysis_limit=400; PRAGMA optimize;", NULL, NULL, NULL);
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	store_set_memo(s, NULL, NULL);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

sqlite3 *store_db(store *s) { return s->db; }

void *store_memo(store *s) { return s->memo; }

void store_set_memo(store *s, void *memo, void (*free_fn)(void *))
{
	if (s->memo && s->memo_free && s->memo != memo)
		s->memo_free(s->memo);
	s->memo = memo;
	s->memo_free = free_fn;
}

long long store_data_version(store *s)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

const char *store_path(const store *s) { return s->path; }

int store_begin(store *s, ys_err *err)
{
	if (s->readonly)
		return err_set(err, "数据库 %s 是只读的（没有写权限），只能查看，不能修改", s->path);
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, err, "开始写入");
	return 0;
}

int store_commit(store *s, ys_err *err)
{
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s, err, "保存");
		store_rollback(s);
		return -1;
	}
	return 0;
}

int store_built(store *s, const char *what, const char *key, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT value = :v FROM meta WHERE key = :k", err);
	if (!st)
		return -1;
	store_bind_text(st, ":k", what);
	store_bind_text(st, ":v", key);
	int rc = sqlite3_step(st), same = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? same : store_fail(s, err, "读取派生数据的版本");
}

int store_set_built(store *s, const char *what, const char *key, ys_err *err)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT OR REPLACE INTO meta(key, value) VALUES (:k, :v)", err);
	if (!st)
		return -1;
	store_bind_text(st, ":k", what);
	store_bind_text(st, ":v", key);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "保存派生数据的版本");
}

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The cache is keyed by the SQL string's address: callers pass literals. */
sqlite3_stmt *store_stmt(store *s, const char *sql, ys_err *err)
{
	for (int i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, "准备查询");
		return NULL;
	}
	/* Every statement stays cached, and is finalized, at close. */
	if (s->ncache == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->cache = xrealloc(s->cache, sizeof *s->cache * (size_t)s->cap);
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

void store_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void store_bind_int(sqlite3_stmt *st, const char *name, long long v)
{
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, name), v);
}

static int begin_snapshot(sqlite3 *db)
{
	return sqlite3_exec(db, "BEGIN; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) != SQLITE_OK;
}

int store_twin(store *s, store **twin, ys_err *err)
{
	*twin = NULL;
	if (s->readonly)
		return err_set(err, "只读数据库：不另开连接");
	store *t = xcalloc(1, sizeof *t);
	t->path = xstrdup(s->path);
	sqlite3 *lock = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, rc = -1, began = 0;
	if (sqlite3_open_v2(s->path, &t->db, flags, NULL) == SQLITE_OK &&
	    sqlite3_open_v2(s->path, &lock, flags, NULL) == SQLITE_OK) {
		sqlite3_extended_result_codes(t->db, 0);
		set_busy(t->db);
		set_busy(lock);
		add_functions(t->db);
		if (sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
			began = !begin_snapshot(s->db);
			rc = began && !begin_snapshot(t->db) ? 0 : -1;
			sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	if (rc) {
		err_set(err, "无法另开数据库连接：%s", t->db ? sqlite3_errmsg(t->db) : "内存不足");
		if (began)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		store_close(t);
		t = NULL;
	}
	sqlite3_close(lock);
	*twin = t;
	return rc;
}

int store_read_begin(store *s, ys_err *err)
{
	return sqlite3_exec(s->db, "SAVEPOINT ys_read", NULL, NULL, NULL) == SQLITE_OK ? 0 : store_fail(s, err, "读取");
}

void store_read_end(store *s)
{
	sqlite3_exec(s->db, "RELEASE ys_read", NULL, NULL, NULL);
}
