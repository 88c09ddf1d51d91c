/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "workdays.h"

/* The calendar is one function F(d): the number of working days up to and
 * including d, counted from an arbitrary origin. Then
 *   workdays_between(a, b) = F(b) - F(a)
 *   workdays_add(from, n)  = the first day d with F(d) = F(from) + n
 * Inside the table's range F is a prefix-sum array (one int per day) and
 * its inverse is a second array (one int per working day), so both
 * questions are two array reads. Outside the range F continues with the
 * plain Monday-Friday week, which has a closed form. These functions run
 * for every row of every queue, so no loops and no searches. */

static struct {
	int loaded;
	int first_year, last_year; /* the years the table speaks for */
	ys_date cov_lo, cov_hi;    /* Jan 1 of first_year, Dec 31 of last_year */
	ys_date lo, hi;            /* range of the arrays: covers every entry too */
	int *cum;                  /* cum[i] = F(lo + i); F(lo - 1) = 0 */
	int *nth;                  /* nth[k - 1] = offset from lo of the day with F = k */
	int nwork;                 /* cum[hi - lo] */
} cal;

static char warning[256];
static int warned, hint;
/* The month report counts days in two threads: the first warning wins. */
static pthread_mutex_t warn_lock = PTHREAD_MUTEX_INITIALIZER;

/* The years after the official table: counted with the statutory
 * holidays whose dates the national rules fix (元旦 1 January, 劳动节
 * 1-2 May, 国庆 1-3 October) and marked 暂定 until the State Council
 * publishes the year and `yunshen calendar import` brings it in. */
#define PROVISIONAL_YEARS 3
static const struct { int m, d; } fixed_days[] = { { 1, 1 }, { 5, 1 }, { 5, 2 }, { 10, 1 }, { 10, 2 }, { 10, 3 } };

/* A Monday, origin of the plain-week count. 1970-01-05 was a Monday. */
#define MONDAY0 4

static int year_of_date(ys_date d)
{
	int y;
	date_ymd(d, &y, NULL, NULL);
	return y;
}

static long long floor_div_ll(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Mon-Fri days in [MONDAY0, d] (and the same formula continued below
 * MONDAY0), so that wk(d) - wk(d - 1) is 1 exactly on Monday-Friday. */
static long long wk(long long d)
{
	long long t = d - MONDAY0;
	long long q = floor_div_ll(t, 7);
	long long r = t - 7 * q; /* 0 = Monday … 6 = Sunday */
	return 5 * q + (r < 5 ? r + 1 : 5);
}

/* The first day d with wk(d) >= k: always a Monday-Friday. */
static long long wk_inv(long long k)
{
	long long q = floor_div_ll(k - 1, 5);
	long long s = k - 5 * q; /* 1..5 */
	return MONDAY0 + 7 * q + (s - 1);
}

static long long F(long long d)
{
	if (!cal.loaded)
		return wk(d);
	if (d < cal.lo)
		return wk(d) - wk(cal.lo - 1);
	if (d > cal.hi)
		return cal.nwork + wk(d) - wk(cal.hi);
	return cal.cum[d - cal.lo];
}

/* The first day d with F(d) >= k. */
static long long F_inv(long long k)
{
	if (!cal.loaded)
		return wk_inv(k);
	if (k <= 0)
		return wk_inv(k + wk(cal.lo - 1));
	if (k > cal.nwork)
		return wk_inv(k - cal.nwork + wk(cal.hi));
	return cal.lo + cal.nth[k - 1];
}

/* Dates come back as ys_date; clamp instead of wrapping if a caller asks
 * for something absurd (n in the billions). */
static ys_date to_date(long long d)
{
	if (d > 2147483647LL)
		return 2147483647;
	if (d <= DATE_NONE)
		return DATE_NONE + 1;
	return (ys_date)d;
}

static void warn(ys_date d)
{
	pthread_mutex_lock(&warn_lock);
	if (warned) {
		pthread_mutex_unlock(&warn_lock);
		return; /* keep the first: it is the one the user saw first */
	}
	char iso[11];
	date_iso(d, iso);
	hint = cal.loaded && d > cal.cov_hi && d <= cal.hi;
	if (hint)
		snprintf(warning, sizeof warning,
			"提示：%d 年的节假日安排尚未公布，该年的期限（如 %s）按元旦、劳动节、国庆的法定假日暂定，"
			"标“暂定”；公布后请管理员运行 yunshen calendar import 导入", year_of_date(d), iso);
	else if (cal.loaded)
		snprintf(warning, sizeof warning,
			"警告：节假日表只覆盖 %d–%d 年，%s 按普通周末计算，请更新节假日表",
			cal.first_year, cal.last_year, iso);
	else
		snprintf(warning, sizeof warning,
			"警告：没有载入节假日表，%s 按普通周末计算，请管理员检查安装的 holidays.tsv", iso);
	warned = 1;
	pthread_mutex_unlock(&warn_lock);
}

/* The answer looked at the days (a, b]; warn if any is outside the years
 * the table speaks for. Names the day the user will recognise: the far
 * end of the period. */
static void check_range(long long a, long long b)
{
	if (b <= a)
		return;
	if (!cal.loaded) {
		warn(to_date(b));
		return;
	}
	if (b > cal.cov_hi)
		warn(to_date(b));
	else if (a + 1 < cal.cov_lo)
		warn(to_date(a + 1));
}

int workdays_first_year(void)
{
	return cal.loaded ? cal.first_year : 0;
}

int workdays_last_year(void)
{
	return cal.loaded ? cal.last_year : 0;
}

int workdays_is_working(ys_date d)
{
	if (d == DATE_NONE)
		return 0;
	check_range((long long)d - 1, d);
	return F(d) - F((long long)d - 1) == 1;
}

ys_date workdays_add(ys_date from, int n)
{
	if (from == DATE_NONE)
		return DATE_NONE;
	if (n <= 0)
		return from;
	long long d = F_inv(F(from) + n);
	check_range(from, d);
	return to_date(d);
}

ys_date workdays_add_calendar(ys_date from, int n)
{
	if (from == DATE_NONE)
		return DATE_NONE;
	if (n < 0)
		n = 0;
	long long end = (long long)from + n;
	/* The first working day >= end: the working day that brings F one
	 * past its value the day before end. */
	long long d = F_inv(F(end - 1) + 1);
	check_range(from, d);
	return to_date(d);
}

ys_date workdays_on_or_before(ys_date d)
{
	if (d == DATE_NONE)
		return DATE_NONE;
	long long w = F_inv(F(d));
	check_range(w - 1, d);
	return to_date(w);
}

int workdays_between(ys_date a, ys_date b)
{
	if (a == DATE_NONE || b == DATE_NONE)
		return 0;
	if (a <= b)
		check_range(a, b);
	else
		check_range(b, a);
	return (int)(F(b) - F(a));
}

const char *workdays_warning(void)
{
	return warned ? warning : NULL;
}

int workdays_warning_is_hint(void)
{
	return warned && hint;
}

void workdays_clear_warning(void)
{
	warned = 0;
	warning[0] = '\0';
}

/* ---- loading ---- */

struct entry {
	ys_date d;
	int work;  /* 1 = make-up working day, 0 = day off */
	int line;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->line - y->line;
}

/* A year counts as covered when the table lists a day in it away from
 * the New Year seam (Dec 25 - Jan 7). The 元旦 holiday and its make-up
 * days straddle the year boundary: the file starts with 2006-12-30
 * "work" for 元旦 2007, which says nothing about the rest of 2006. */
static int away_from_seam(ys_date d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return !((m == 12 && day >= 25) || (m == 1 && day <= 7));
}

static int year_of(ys_date d)
{
	int y;
	date_ymd(d, &y, NULL, NULL);
	return y;
}

/* The official table (the file) and the years imported since (the
 * database's calendar): extra entries win on the same day. */
static struct {
	struct entry *ent;
	size_t n;
	int first, last;
} base, extra;

static int has_day(const struct entry *e, size_t n, ys_date d)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].d == d)
			return 1;
	return 0;
}

/* The arrays from the table, the imported years and the provisional
 * years after them. */
static void rebuild(void)
{
	int first = base.first, last = base.last > extra.last ? base.last : extra.last;
	size_t cap = base.n + extra.n + PROVISIONAL_YEARS * 6, n = 0;
	struct entry *ent = xmalloc(cap * sizeof *ent);
	for (size_t i = 0; i < extra.n; i++)
		ent[n++] = extra.ent[i];
	for (size_t i = 0; i < base.n; i++)
		if (!has_day(extra.ent, extra.n, base.ent[i].d))
			ent[n++] = base.ent[i];
	for (int y = last + 1; y <= last + PROVISIONAL_YEARS; y++)
		for (size_t k = 0; k < sizeof fixed_days / sizeof fixed_days[0]; k++) {
			ys_date d = date_from_ymd(y, fixed_days[k].m, fixed_days[k].d);
			if (!has_day(ent, n, d))
				ent[n++] = (struct entry){ d, 0, 0 };
		}
	qsort(ent, n, sizeof *ent, cmp_entry);

	ys_date cov_lo = date_from_ymd(first, 1, 1);
	ys_date cov_hi = date_from_ymd(last, 12, 31);
	ys_date prov_hi = date_from_ymd(last + PROVISIONAL_YEARS, 12, 31);
	ys_date lo = ent[0].d < cov_lo ? ent[0].d : cov_lo;
	ys_date hi = ent[n - 1].d > prov_hi ? ent[n - 1].d : prov_hi;
	size_t ndays = (size_t)(hi - lo) + 1;

	/* Day status: the plain week, overridden by the table. */
	unsigned char *isw = xmalloc(ndays);
	for (size_t i = 0; i < ndays; i++)
		isw[i] = date_weekday(lo + (ys_date)i) <= 5;
	for (size_t i = 0; i < n; i++)
		isw[ent[i].d - lo] = (unsigned char)ent[i].work;
	free(ent);

	int *cum = xmalloc(ndays * sizeof *cum);
	int *nth = xmalloc(ndays * sizeof *nth);
	int k = 0;
	for (size_t i = 0; i < ndays; i++) {
		if (isw[i])
			nth[k++] = (int)i;
		cum[i] = k;
	}
	free(isw);
	free(cal.cum);
	free(cal.nth);
	cal.cum = cum;
	cal.nth = nth;
	cal.nwork = k;
	cal.lo = lo;
	cal.hi = hi;
	cal.cov_lo = cov_lo;
	cal.cov_hi = cov_hi;
	cal.first_year = first;
	cal.last_year = last;
	cal.loaded = 1;
}

int workdays_provisional(ys_date d)
{
	return cal.loaded && d != DATE_NONE && d > cal.cov_hi && d <= cal.hi;
}

int workdays_import(const workday *days, int n, ys_err *err)
{
	if (!base.n)
		return err_set(err, "还没有载入节假日表");
	if (!n && !extra.n)
		return 0;       /* nothing imported, nothing to undo: the table as loaded */
	struct entry *ent = n ? xmalloc((size_t)n * sizeof *ent) : NULL;
	int last = 0;
	for (int i = 0; i < n; i++) {
		ent[i] = (struct entry){ days[i].day, days[i].work, i + 1 };
		if (away_from_seam(days[i].day) && year_of(days[i].day) > last)
			last = year_of(days[i].day);
	}
	/* Imported years continue the table: no gap may count as a plain week. */
	for (int y = base.last + 1; y <= last; y++) {
		int seen = 0;
		for (int i = 0; i < n && !seen; i++)
			seen = year_of(ent[i].d) == y && away_from_seam(ent[i].d);
		if (!seen) {
			free(ent);
			return err_set(err, "缺少 %d 年的节假日安排（已有到 %d 年）", y, y - 1);
		}
	}
	free(extra.ent);
	extra.ent = ent;
	extra.n = (size_t)n;
	extra.last = last;
	rebuild();
	return 0;
}

/* Reads a table file into *out (sorted by day, no day twice); a missing
 * file is an error unless `optional`, then an empty table. */
static int parse_table(const char *path, int optional, struct entry **out, size_t *nout, ys_err *err)
{
	*out = NULL;
	*nout = 0;
	FILE *f = fopen(path, "r");
	if (!f && optional && errno == ENOENT)
		return 0;
	if (!f)
		return err_set(err, "无法打开节假日表 %s：%s", path, strerror(errno));

	struct entry *ent = NULL;
	size_t nent = 0, cap = 0;
	char *line = NULL;
	size_t linecap = 0;
	ssize_t len;
	int lineno = 0, rc = -1;

	while ((len = getline(&line, &linecap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		/* A UTF-8 BOM from a Windows editor on the first line. */
		char *p = line;
		if (lineno == 1 && (unsigned char)p[0] == 0xEF &&
		    (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
			p += 3;
		if (p[0] == '#' || p[strspn(p, " \t")] == '\0')
			continue;

		char *tab = strchr(p, '\t');
		if (!tab) {
			err_set(err, "%s 第 %d 行：缺少制表符，应为“日期<TAB>off 或 work<TAB>名称”",
				path, lineno);
			goto out;
		}
		*tab = '\0';
		char *kind = tab + 1;
		char *tab2 = strchr(kind, '\t');
		if (tab2)
			*tab2 = '\0';

		ys_date d;
		/* date_parse would take "2025-10-01T09:00"; a table date is a
		 * bare date. */
		if (strlen(p) != 10 || date_parse(p, &d) < 0) {
			err_set(err, "%s 第 %d 行：日期“%s”无效", path, lineno, p);
			goto out;
		}
		int work;
		if (strcmp(kind, "off") == 0)
			work = 0;
		else if (strcmp(kind, "work") == 0)
			work = 1;
		else {
			err_set(err, "%s 第 %d 行：类型“%s”无效，应为 off（放假）或 work（调休上班）",
				path, lineno, kind);
			goto out;
		}
		if (nent == cap) {
			cap = cap ? cap * 2 : 1024;
			ent = xrealloc(ent, cap * sizeof *ent);
		}
		ent[nent].d = d;
		ent[nent].work = work;
		ent[nent].line = lineno;
		nent++;
	}
	if (ferror(f)) {
		err_set(err, "读取节假日表 %s 出错：%s", path, strerror(errno));
		goto out;
	}

	if (nent)
		qsort(ent, nent, sizeof *ent, cmp_entry);
	for (size_t i = 1; i < nent; i++) {
		if (ent[i].d == ent[i - 1].d) {
			char iso[11];
			date_iso(ent[i].d, iso);
			err_set(err, "%s 第 %d 行：日期 %s 与第 %d 行重复",
				path, ent[i].line, iso, ent[i - 1].line);
			goto out;
		}
	}
	*out = ent;
	*nout = nent;
	ent = NULL;
	rc = 0;
out:
	free(line);
	free(ent);
	fclose(f);
	return rc;
}

/* Makes ent (sorted, owned, from `path`) the table, after checking the
 * years it covers; a failed check keeps the last good table. */
static int install_table(struct entry *ent, size_t nent, const char *path, ys_err *err)
{
	int rc = -1;
	if (nent == 0) {
		err_set(err, "节假日表 %s 里没有任何日期", path);
		goto out;
	}
	/* Covered years: see away_from_seam. Every year in between must be
	 * there too, or a missing year would silently count as a plain week. */
	int first = 0, last = 0;
	for (size_t i = 0; i < nent; i++) {
		if (!away_from_seam(ent[i].d))
			continue;
		int y = year_of(ent[i].d);
		if (!first || y < first)
			first = y;
		if (y > last)
			last = y;
	}
	if (!first) {
		err_set(err, "节假日表 %s 里没有一整年的节假日（只有元旦前后的日期）", path);
		goto out;
	}
	{
		size_t i = 0;
		for (int y = first; y <= last; y++) {
			int seen = 0;
			for (; i < nent && year_of(ent[i].d) <= y; i++)
				if (year_of(ent[i].d) == y && away_from_seam(ent[i].d))
					seen = 1;
			if (!seen) {
				err_set(err, "节假日表 %s 缺少 %d 年的节假日（表里有 %d 年和 %d 年）",
					path, y, first, last);
				goto out;
			}
		}
	}

	/* Only now replace the old table: a failed load keeps the last good
	 * one. */
	free(base.ent);
	base.ent = ent;
	base.n = nent;
	base.first = first;
	base.last = last;
	ent = NULL;
	rebuild();
	rc = 0;
out:
	free(ent);
	return rc;
}

int workdays_load(const char *path, ys_err *err)
{
	struct entry *ent;
	size_t n;
	return parse_table(path, 0, &ent, &n, err) ? -1 : install_table(ent, n, path, err);
}

int workdays_load_local(const char *path, ys_err *err)
{
	struct entry *add;
	size_t nadd;
	if (parse_table(path, 1, &add, &nadd, err))
		return -1;
	if (!nadd)
		return 0;
	struct entry *ent = xmalloc((base.n + nadd) * sizeof *ent);
	size_t n = 0;
	for (size_t i = 0; i < nadd; i++)
		ent[n++] = add[i];
	for (size_t i = 0; i < base.n; i++)
		if (!has_day(add, nadd, base.ent[i].d))
			ent[n++] = base.ent[i];
	free(add);
	qsort(ent, n, sizeof *ent, cmp_entry);
	return install_table(ent, n, path, err);
}

int deadline_state(ys_date deadline, ys_date today, int *days)
{
	*days = 0;
	if (deadline == DATE_NONE)
		return DUE_NONE;
	if (today == deadline)
		return DUE_TODAY;
	if (today < deadline) {
		*days = workdays_between(today, deadline);
		return DUE_LEFT;
	}
	*days = -workdays_between(today, deadline);
	if (*days < 1)
		*days = 1;
	return DUE_OVERDUE;
}
