/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "date.h"

/* Day arithmetic is pure integer arithmetic (Howard Hinnant's
 * days_from_civil / civil_from_days): mktime and timegm depend on the
 * time zone and DST rules, and a deadline must not move because the
 * server's TZ changed. */

static int floor_div(int a, int b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

ys_date date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = floor_div(y, 400);
	int yoe = y - era * 400;                                  /* [0, 399] */
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static int month_days(int y, int m);

ys_date date_add_months(ys_date d, int n)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	int k = y * 12 + (m - 1) + n;
	y = floor_div(k, 12);
	m = k - y * 12 + 1;
	int last = month_days(y, m);
	return date_from_ymd(y, m, day < last ? day : last);
}

ys_date date_month_end(ys_date d)
{
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	return date_from_ymd(y, m, month_days(y, m));
}

void date_ymd(ys_date z, int *y, int *m, int *day)
{
	z += 719468;
	int era = floor_div(z, 146097);
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;
	if (y)
		*y = yoe + era * 400 + (mm <= 2);
	if (m)
		*m = mm;
	if (day)
		*day = dd;
}

int date_weekday(ys_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int r = d % 7;
	if (r < 0)
		r += 7;
	return (r + 3) % 7 + 1;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Exactly n ASCII digits at s (isdigit would accept locale digits and
 * strtol would accept signs and spaces). Returns the value or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM" at s, year 1900-2999. */
static int parse_ym(const char *s, int *y, int *m)
{
	*y = digits(s, 4);
	if (*y < 1900 || *y > 2999 || s[4] != '-')
		return -1;
	*m = digits(s + 5, 2);
	if (*m < 1 || *m > 12)
		return -1;
	return 0;
}

/* "HH:MM" at s, optionally ":SS" (SQLite's datetime() writes seconds),
 * and nothing after it. */
static int parse_time_tail(const char *s, int allow_seconds)
{
	int h = digits(s, 2);
	if (h < 0 || h > 23 || s[2] != ':')
		return -1;
	int mi = digits(s + 3, 2);
	if (mi < 0 || mi > 59)
		return -1;
	if (s[5] == '\0')
		return 0;
	if (!allow_seconds || s[5] != ':')
		return -1;
	int sec = digits(s + 6, 2);
	if (sec < 0 || sec > 59 || s[8] != '\0')
		return -1;
	return 0;
}

int date_parse(const char *s, ys_date *out)
{
	int y, m;
	if (!s || parse_ym(s, &y, &m) < 0 || s[7] != '-')
		return -1;
	int d = digits(s + 8, 2);
	if (d < 1 || d > month_days(y, m))
		return -1;
	if (s[10] != '\0') {
		if ((s[10] != 'T' && s[10] != ' ') || parse_time_tail(s + 11, 1) < 0)
			return -1;
	}
	if (out)
		*out = date_from_ymd(y, m, d);
	return 0;
}

int date_parse_month(const char *s, ys_date *out)
{
	int y, m;
	if (!s || parse_ym(s, &y, &m) < 0 || s[7] != '\0')
		return -1;
	if (out)
		*out = date_from_ymd(y, m, 1);
	return 0;
}

void date_iso(ys_date d, char out[11])
{
	if (d == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	/* Written by hand so that no year can overflow the 11 bytes; years
	 * outside 0-9999 never come out of date_parse anyway. */
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

void date_cn(ys_date d, char *out, size_t n)
{
	if (!n)
		return;
	if (d == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	int y, m, day;
	date_ymd(d, &y, &m, &day);
	snprintf(out, n, "%d年%d月%d日", y, m, day);
}

/* ---- the clock ---- */

static int trust_env = 1;

void clock_trust_env(int trust)
{
	trust_env = trust;
}

/* Normalises a YUNSHEN_NOW value into "YYYY-MM-DDTHH:MM". Accepts exactly
 * that form or a bare date (meaning 00:00); seconds are not accepted
 * because the program's clock has minute resolution. */
static int parse_now(const char *s, char out[17])
{
	size_t len = strlen(s);
	if (len == 10) {
		if (date_parse(s, NULL) < 0)
			return -1;
		memcpy(out, s, 10);
		memcpy(out + 10, "T00:00", 7);
		return 0;
	}
	if (len != 16 || s[10] != 'T' || date_parse(s, NULL) < 0)
		return -1;
	memcpy(out, s, 17);
	return 0;
}

/* The override in effect, or NULL. An empty value counts as unset, as
 * `YUNSHEN_NOW= yunshen` in a shell means "no override". */
static const char *env_now(void)
{
	if (!trust_env)
		return NULL;
	const char *s = getenv("YUNSHEN_NOW");
	return s && *s ? s : NULL;
}

int clock_check_env(char *msg, size_t n)
{
	const char *s = env_now();
	char tmp[17];
	if (!s || parse_now(s, tmp) == 0)
		return 0;
	if (msg && n)
		snprintf(msg, n, "YUNSHEN_NOW 的格式应为 YYYY-MM-DDTHH:MM，收到“%s”", s);
	return -1;
}

void clock_now(char out[17])
{
	const char *s = env_now();
	/* A malformed override falls back to the real clock; the program
	 * reports it at start-up through clock_check_env. */
	if (s && parse_now(s, out) == 0)
		return;
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		memcpy(out, "1970-01-01T00:00", 17);
		return;
	}
	char iso[11];
	date_iso(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), iso);
	memcpy(out, iso, 10);
	out[10] = 'T';
	out[11] = (char)('0' + tm.tm_hour / 10);
	out[12] = (char)('0' + tm.tm_hour % 10);
	out[13] = ':';
	out[14] = (char)('0' + tm.tm_min / 10);
	out[15] = (char)('0' + tm.tm_min % 10);
	out[16] = '\0';
}

ys_date clock_today(void)
{
	char now[17];
	ys_date d;
	clock_now(now);
	now[10] = '\0';
	if (date_parse(now, &d) < 0) {
		/* Only reachable if the system clock is outside 1900-2999. */
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	return d;
}

int date_normalize(const char *s, int month_only, char out[11])
{
	int part[3] = { 0, 0, 0 }, np = 0, digits = 0;
	const char *p = s;
	while (*p == ' ')
		p++;
	/* 20260302 / 202603 written without separators. */
	size_t run = strspn(p, "0123456789");
	int compact = run == (month_only ? 6u : 8u) && !p[run];
	if (compact) {
		part[0] = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
		part[1] = (p[4] - '0') * 10 + (p[5] - '0');
		part[2] = month_only ? 1 : (p[6] - '0') * 10 + (p[7] - '0');
		np = month_only ? 2 : 3;
		p += run;
	}
	while (*p && np < 3 && !compact) {
		if (*p < '0' || *p > '9')
			return -1;
		int v = 0;
		digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 5) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (digits > (np ? 2 : 4) || (np == 0 && digits != 4))
			return -1;
		part[np++] = v;
		/* One separator after each part: - / . or 年 月 (日 at the end). */
		static const char *const seps[] = { "-", "/", ".", "年", "月", "日", NULL };
		int took = 0;
		for (int i = 0; seps[i] && !took; i++) {
			size_t l = strlen(seps[i]);
			if (!strncmp(p, seps[i], l)) {
				p += l;
				took = 1;
			}
		}
		if (!took)
			break;
	}
	while (*p == ' ')
		p++;
	if (*p || np != (month_only ? 2 : 3))
		return -1;
	if (month_only)
		part[2] = 1;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", part[0], part[1], part[2]);
	if (date_parse(iso, NULL))
		return -1;
	snprintf(out, 11, "%.*s", month_only ? 7 : 10, iso);
	return 0;
}
