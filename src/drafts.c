#include "config.h"
#include "drafts.h"

long long drafts_mine(store *s, const char *login, long long *latest)
{
	*latest = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*), (SELECT id FROM applications WHERE status='draft' "
				      "AND created_by=?1 ORDER BY updated_at DESC, id DESC LIMIT 1) "
				      "FROM applications WHERE status='draft' AND created_by=?1", NULL);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	long long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		*latest = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return n;
}
