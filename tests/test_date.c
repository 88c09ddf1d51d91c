/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* test_date.c - the date type, strict parsing, Chinese display and the
 * clock override. Expected values come from the calendar, not from the
 * code under test. */
#include "config.h"
#include <stdlib.h>
#include <time.h>
#include "date.h"
#include "t.h"

static ys_date P(const char *s)
{
	ys_date d = DATE_NONE;
	if (date_parse(s, &d) < 0)
		fprintf(stderr, "date_parse(\"%s\") failed\n", s);
	return d;
}

static int parses(const char *s)
{
	ys_date d;
	return date_parse(s, &d) == 0;
}

static void test_day_numbers(void)
{
	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(1969, 12, 31), -1);
	/* 30 years of 365 days plus 7 leap days (1972 … 1996). */
	CHECK_INT(date_from_ymd(2000, 1, 1), 10957);
	/* 2000 is a leap year (divisible by 400): Jan 31 + Feb 29. */
	CHECK_INT(date_from_ymd(2000, 3, 1), 10957 + 31 + 29);
	/* 70 years, 17 leap days 1904 … 1968 (1900 is not leap). */
	CHECK_INT(date_from_ymd(1900, 1, 1), -(70 * 365 + 17));

	/* Walk every day 1900-2999 with an independent month-length table:
	 * day numbers must be consecutive and round-trip. */
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	ys_date expect = date_from_ymd(1900, 1, 1);
	int bad = 0;
	for (int y = 1900; y <= 2999 && !bad; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12 && !bad; m++) {
			int n = len[m - 1] + (m == 2 && leap);
			for (int d = 1; d <= n; d++, expect++) {
				int yy, mm, dd;
				date_ymd(expect, &yy, &mm, &dd);
				if (date_from_ymd(y, m, d) != expect || yy != y || mm != m || dd != d) {
					fprintf(stderr, "day numbers wrong at %04d-%02d-%02d\n", y, m, d);
					bad = 1;
					break;
				}
			}
		}
	}
	CHECK(!bad);
	/* 1900-01-01 … 2999-12-31 is 1100 years of 365 days plus leap days:
	 * 1100/4 = 275 multiples of 4, minus 1900, 2100, 2200, 2300, 2500,
	 * 2600, 2700, 2900. */
	CHECK_INT(date_from_ymd(2999, 12, 31) - date_from_ymd(1900, 1, 1) + 1,
		1100 * 365 + 275 - 8);
}

static void test_weekday(void)
{
	CHECK_INT(date_weekday(0), 4);                           /* 1970-01-01 Thursday */
	CHECK_INT(date_weekday(P("2025-10-11")), 6);             /* make-up Saturday */
	CHECK_INT(date_weekday(P("2025-09-30")), 2);             /* Tuesday */
	CHECK_INT(date_weekday(P("2025-09-28")), 7);             /* Sunday */
	CHECK_INT(date_weekday(P("2028-01-03")), 1);             /* Monday */
	CHECK_INT(date_weekday(P("1900-01-01")), 1);             /* Monday */
	CHECK_INT(date_weekday(P("1969-12-28")), 7);             /* Sunday, negative day */
	CHECK_INT(date_weekday(P("2024-02-29")), 4);             /* Thursday */
}

static void test_parse(void)
{
	ys_date d;
	CHECK(date_parse("2025-09-30", &d) == 0);
	CHECK_INT(d, date_from_ymd(2025, 9, 30));
	CHECK(parses("2024-02-29"));                             /* leap year */
	CHECK(parses("2000-02-29"));                             /* leap (÷400) */
	CHECK(!parses("2025-02-29"));                            /* not leap */
	CHECK(!parses("1900-02-29"));                            /* ÷100, not leap */
	CHECK(!parses("2025-13-01"));
	CHECK(!parses("2025-00-10"));
	CHECK(!parses("2025-04-31"));
	CHECK(!parses("2025-04-00"));
	CHECK(!parses("2025-1-01"));
	CHECK(!parses("2025-01-1"));
	CHECK(!parses("25-01-01"));
	CHECK(!parses("2025/01/01"));
	CHECK(!parses("2025-09-30x"));
	CHECK(!parses(" 2025-09-30"));
	CHECK(!parses("+025-09-30"));
	CHECK(!parses("2025-09-3"));
	CHECK(!parses(""));
	CHECK(!parses(NULL));
	CHECK(!parses("1899-12-31"));
	CHECK(parses("1900-01-01"));
	CHECK(parses("2999-12-31"));
	CHECK(!parses("3000-01-01"));

	/* Timestamps: the date part counts. */
	CHECK(date_parse("2025-09-30T09:15", &d) == 0);
	CHECK_INT(d, date_from_ymd(2025, 9, 30));
	CHECK(parses("2025-09-30 09:15"));
	CHECK(parses("2025-09-30 23:59:59"));                    /* SQLite datetime() */
	CHECK(!parses("2025-09-30T"));
	CHECK(!parses("2025-09-30T9:15"));
	CHECK(!parses("2025-09-30T24:00"));
	CHECK(!parses("2025-09-30T09:60"));
	CHECK(!parses("2025-09-30T09:15Z"));
	CHECK(!parses("2025-09-30x09:15"));
	CHECK(!parses("2025-02-29T09:15"));

	/* A rejected parse leaves *out alone. */
	d = 12345;
	CHECK(date_parse("2025-02-29", &d) < 0);
	CHECK_INT(d, 12345);

	CHECK(date_parse_month("2025-09", &d) == 0);
	CHECK_INT(d, date_from_ymd(2025, 9, 1));
	CHECK(date_parse_month("2025-9", &d) < 0);
	CHECK(date_parse_month("2025-13", &d) < 0);
	CHECK(date_parse_month("2025-09-01", &d) < 0);
	CHECK(date_parse_month("1899-12", &d) < 0);
}

static void test_format(void)
{
	char iso[11], cn[32];
	date_iso(date_from_ymd(2025, 9, 30), iso);
	CHECK_STR(iso, "2025-09-30");
	date_iso(date_from_ymd(1900, 1, 1), iso);
	CHECK_STR(iso, "1900-01-01");
	date_iso(DATE_NONE, iso);
	CHECK_STR(iso, "");

	date_cn(date_from_ymd(2025, 9, 30), cn, sizeof cn);
	CHECK_STR(cn, "2025年9月30日");
	date_cn(date_from_ymd(2025, 10, 1), cn, sizeof cn);
	CHECK_STR(cn, "2025年10月1日");
	date_cn(date_from_ymd(2026, 1, 5), cn, sizeof cn);
	CHECK_STR(cn, "2026年1月5日");
	date_cn(DATE_NONE, cn, sizeof cn);
	CHECK_STR(cn, "");
}

/* The real local date, for checking the clock without the override. */
static int near_real_today(const char *now)
{
	ys_date d;
	if (strlen(now) != 16 || now[10] != 'T' || date_parse(now, &d) < 0)
		return 0;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	ys_date real = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return d >= real - 1 && d <= real + 1; /* tolerate midnight passing */
}

static void test_clock(void)
{
	char now[17], msg[256];

	clock_trust_env(1);
	setenv("YUNSHEN_NOW", "2025-09-30T09:15", 1);
	CHECK_INT(clock_check_env(msg, sizeof msg), 0);
	clock_now(now);
	CHECK_STR(now, "2025-09-30T09:15");
	CHECK_INT(clock_today(), date_from_ymd(2025, 9, 30));

	/* A bare date means midnight. */
	setenv("YUNSHEN_NOW", "2025-10-11", 1);
	CHECK_INT(clock_check_env(msg, sizeof msg), 0);
	clock_now(now);
	CHECK_STR(now, "2025-10-11T00:00");
	CHECK_INT(clock_today(), date_from_ymd(2025, 10, 11));

	/* Malformed: reported with the value received, and the clock does
	 * not pretend the value meant something. */
	static const char *bad[] = { "2025-9-30", "2025-09-30T9:15", "2025-02-29T09:00",
		"2025-09-30T24:00", "2025-09-30 09:15", "tomorrow", "2025-09-30T09:15:00" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		setenv("YUNSHEN_NOW", bad[i], 1);
		msg[0] = '\0';
		CHECK_INT(clock_check_env(msg, sizeof msg), -1);
		CHECK(strstr(msg, "YUNSHEN_NOW") != NULL);
		CHECK(strstr(msg, "YYYY-MM-DDTHH:MM") != NULL);
		char want[64];
		snprintf(want, sizeof want, "收到“%s”", bad[i]);
		CHECK(strstr(msg, want) != NULL);
		clock_now(now);
		CHECK(near_real_today(now));
	}
	setenv("YUNSHEN_NOW", "2025-9-30", 1);
	clock_check_env(msg, sizeof msg);
	CHECK_STR(msg, "YUNSHEN_NOW 的格式应为 YYYY-MM-DDTHH:MM，收到“2025-9-30”");

	/* Set-id runs: the caller must not choose the time. */
	clock_trust_env(0);
	setenv("YUNSHEN_NOW", "2001-01-01T00:00", 1);
	clock_now(now);
	CHECK(strcmp(now, "2001-01-01T00:00") != 0);
	CHECK(near_real_today(now));
	CHECK(clock_today() != date_from_ymd(2001, 1, 1));
	setenv("YUNSHEN_NOW", "garbage", 1);
	CHECK_INT(clock_check_env(msg, sizeof msg), 0);  /* ignored, so not an error */
	clock_trust_env(1);

	/* Unset and empty: the real clock. */
	unsetenv("YUNSHEN_NOW");
	CHECK_INT(clock_check_env(msg, sizeof msg), 0);
	clock_now(now);
	CHECK(near_real_today(now));
	setenv("YUNSHEN_NOW", "", 1);
	CHECK_INT(clock_check_env(msg, sizeof msg), 0);
	clock_now(now);
	CHECK(near_real_today(now));
	unsetenv("YUNSHEN_NOW");
}

int main(void)
{
	test_day_numbers();
	test_weekday();
	test_parse();
	test_format();
	test_clock();
	return T_DONE();
}
