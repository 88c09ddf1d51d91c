/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* test_workdays.c - the working-day calendar against data/holidays.tsv.
 * Every expected date below was worked out by hand from the table and a
 * printed calendar (the comments show the reasoning), not by running the
 * code. Usage: test_workdays [holidays.tsv]; default $YS_SRCDIR/data/holidays.tsv. */
#include "config.h"
#include <stdlib.h>
#include <unistd.h>
#include "date.h"
#include "workdays.h"
#include "duties.h"
#include "t.h"

static ys_date P(const char *s)
{
	ys_date d = DATE_NONE;
	if (date_parse(s, &d) < 0)
		fprintf(stderr, "date_parse(\"%s\") failed\n", s);
	return d;
}

/* Compares dates as ISO text so a failure prints readable dates. */
static char isobuf[8][11];
static int isoslot;
static const char *I(ys_date d)
{
	char *s = isobuf[isoslot++ % 8];
	date_iso(d, s);
	return s;
}

#define CHECK_DATE(got, want) CHECK_STR(I(got), want)
#define NO_WARNING() CHECK(workdays_warning() == NULL)

static void test_national_day_2025(void)
{
	workdays_clear_warning();
	/* Table: 10-01 … 10-08 off, Sat 10-11 work. Tue 09-30 + 3:
	 * Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 (3). */
	CHECK_DATE(workdays_add(P("2025-09-30"), 3), "2025-10-11");
	CHECK_DATE(workdays_add(P("2025-09-30"), 1), "2025-10-09");
	/* Receipt on a holiday: counting starts after it. */
	CHECK_DATE(workdays_add(P("2025-10-03"), 1), "2025-10-09");
	/* Sat 10-11 counts, Sun 10-12 does not: Fri 10-10 + 2 = Mon 10-13. */
	CHECK_DATE(workdays_add(P("2025-10-10"), 2), "2025-10-13");
	CHECK_DATE(workdays_add(P("2025-09-30"), 0), "2025-09-30");
	CHECK_DATE(workdays_add(P("2025-09-30"), -4), "2025-09-30"); /* treated as 0 */

	/* Make-up Sunday 09-28: Fri 09-26 + 1 is that Sunday, not Mon 09-29. */
	CHECK_DATE(workdays_add(P("2025-09-26"), 1), "2025-09-28");
	CHECK_INT(workdays_is_working(P("2025-09-28")), 1);
	CHECK_INT(workdays_is_working(P("2025-10-11")), 1);
	CHECK_INT(workdays_is_working(P("2025-09-27")), 0);  /* plain Saturday */
	CHECK_INT(workdays_is_working(P("2025-10-08")), 0);  /* Wednesday, holiday */
	CHECK_INT(workdays_is_working(P("2025-10-09")), 1);

	/* Plain week: Fri 09-19 + 1 = Mon 09-22. */
	CHECK_DATE(workdays_add(P("2025-09-19"), 1), "2025-09-22");
	/* Fri 09-19 + 5: Mon 22 … Thu 25 (4), Fri 26 (5). */
	CHECK_DATE(workdays_add(P("2025-09-19"), 5), "2025-09-26");
	NO_WARNING();
}

static void test_spring_festival_2026(void)
{
	workdays_clear_warning();
	/* Table: Sat 02-14 work, 02-15 … 02-23 off, Sat 02-28 work.
	 * Feb 2026: the 1st is a Sunday. */
	CHECK_INT(workdays_is_working(P("2026-02-14")), 1);
	CHECK_INT(workdays_is_working(P("2026-02-16")), 0);  /* Monday */
	CHECK_INT(workdays_is_working(P("2026-02-23")), 0);  /* Monday */
	CHECK_INT(workdays_is_working(P("2026-02-24")), 1);
	CHECK_INT(workdays_is_working(P("2026-02-28")), 1);
	CHECK_INT(workdays_is_working(P("2026-03-01")), 0);  /* Sunday */
	/* Fri 02-13 + 1 = Sat 02-14; + 2 = Tue 02-24 (nine days later). */
	CHECK_DATE(workdays_add(P("2026-02-13"), 1), "2026-02-14");
	CHECK_DATE(workdays_add(P("2026-02-13"), 2), "2026-02-24");
	CHECK_DATE(workdays_add(P("2026-02-14"), 1), "2026-02-24");
	/* (02-13, 03-02]: 14, 24, 25, 26, 27, 28 (Sat), Mon 03-02 = 7. */
	CHECK_INT(workdays_between(P("2026-02-13"), P("2026-03-02")), 7);
	CHECK_DATE(workdays_add(P("2026-02-13"), 7), "2026-03-02");
	/* A 20-working-day deadline for a request received Mon 02-09:
	 * 10, 11, 12, 13, 14 (5), 24 … 28 (10), 03-02 … 03-06 (15),
	 * 03-09 … 03-13 (20). */
	CHECK_DATE(workdays_add(P("2026-02-09"), 20), "2026-03-13");
	NO_WARNING();
}

/* Duty periods (duties.h): months keep the day of the month, clamped to
 * the month's end; a due day that is no working day moves to the next
 * one, or for a period counted back to the one before. */
static void test_duty_periods(void)
{
	/* 31 Jan + 1 month: 28 Feb 2026, a Saturday but a 春节 make-up day. */
	CHECK_DATE(duty_period_end(P("2026-01-31"), 1, P_MONTHS), "2026-02-28");
	/* Leap year: 29 Feb 2024 (Thu). */
	CHECK_DATE(duty_period_end(P("2024-01-31"), 1, P_MONTHS), "2024-02-29");
	/* 31 Mar + 1 month: no 31 April, so 30 April (Thu). */
	CHECK_DATE(duty_period_end(P("2026-03-31"), 1, P_MONTHS), "2026-04-30");
	/* 1 Apr + 6 months = 1 Oct, 国庆 (1-7 Oct off): Thu 8 Oct. */
	CHECK_DATE(duty_period_end(P("2026-04-01"), 6, P_MONTHS), "2026-10-08");
	/* One month before 4 Nov is 4 Oct, a holiday: back to Wed 30 Sep. */
	CHECK_DATE(duty_period_end(P("2026-11-04"), -1, P_MONTHS), "2026-09-30");
	/* 0 calendar days on a holiday: the next working day. */
	CHECK_DATE(duty_period_end(P("2026-10-01"), 0, P_CD), "2026-10-08");
	/* 30 days before Sun 31 May is 1 May (劳动节): back to Thu 30 Apr. */
	CHECK_DATE(duty_period_end(P("2026-05-31"), -30, P_CD), "2026-04-30");
	/* 3 working days after 30 Sep: 8 Oct, 9 Oct, Sat 10 Oct (make-up day). */
	CHECK_DATE(duty_period_end(P("2026-09-30"), 3, P_WD), "2026-10-10");
	/* Month ends: 31 Aug + 1 month = 30 Sep (Wed). */
	CHECK_DATE(duty_period_end(P("2026-08-31"), 1, P_MONTHS), "2026-09-30");
	CHECK_DATE(date_month_end(P("2028-02-03")), "2028-02-29");
}

static void test_calendar_days(void)
{
	workdays_clear_warning();
	/* 09-16 + 15 calendar days = 10-01, a holiday through 10-08:
	 * the period ends on Thu 10-09. */
	CHECK_DATE(workdays_add_calendar(P("2025-09-16"), 15), "2025-10-09");
	/* 09-26 + 15 = Sat 10-11, a make-up working day: it stays. */
	CHECK_DATE(workdays_add_calendar(P("2025-09-26"), 15), "2025-10-11");
	/* 09-12 + 15 = plain Sat 09-27: next working day is make-up Sun 09-28. */
	CHECK_DATE(workdays_add_calendar(P("2025-09-12"), 15), "2025-09-28");
	/* 09-01 + 15 = Tue 09-16, a working day. */
	CHECK_DATE(workdays_add_calendar(P("2025-09-01"), 15), "2025-09-16");
	/* 2026-02-01 + 15 = Mon 02-16, Spring Festival through 02-23. */
	CHECK_DATE(workdays_add_calendar(P("2026-02-01"), 15), "2026-02-24");
	/* 30 days from 2025-09-08 = 10-08 (holiday) -> 10-09. */
	CHECK_DATE(workdays_add_calendar(P("2025-09-08"), 30), "2025-10-09");
	NO_WARNING();
}

static void test_between(void)
{
	workdays_clear_warning();
	CHECK_INT(workdays_between(P("2025-09-30"), P("2025-10-11")), 3);
	CHECK_INT(workdays_between(P("2025-09-19"), P("2025-09-26")), 5);
	CHECK_INT(workdays_between(P("2025-09-30"), P("2025-09-30")), 0);
	/* Entirely inside the holiday. */
	CHECK_INT(workdays_between(P("2025-10-01"), P("2025-10-08")), 0);
	/* Overdue: deadline Thu 10-09, today Mon 10-13. Working days in
	 * (10-09, 10-13]: Fri 10, Sat 11 (make-up), Mon 13 -> -3. */
	CHECK_INT(workdays_between(P("2025-10-13"), P("2025-10-09")), -3);
	CHECK_INT(workdays_between(P("2025-10-11"), P("2025-09-30")), -3);
	/* Due today: 0 left. */
	CHECK_INT(workdays_between(P("2025-10-09"), P("2025-10-09")), 0);
	/* Across the May Day holiday 2025: 04-27 (Sun) work, 05-01 … 05-05 off.
	 * (04-25 Fri, 05-09 Fri]: 27, 28, 29, 30, 6, 7, 8, 9 = 8. */
	CHECK_INT(workdays_between(P("2025-04-25"), P("2025-05-09")), 8);
	/* The whole of 2025: 261 weekdays (365 days, Jan 1 a Wednesday),
	 * minus 18 weekdays off (01-01; 01-28 … 01-31, 02-03, 02-04; 04-04;
	 * 05-01, 05-02, 05-05; 06-02; 10-01 … 10-03, 10-06 … 10-08), plus 5
	 * weekend make-up days (01-26, 02-08, 04-27, 09-28, 10-11) = 248. */
	CHECK_INT(workdays_between(P("2024-12-31"), P("2025-12-31")), 248);
	/* between and add agree. */
	CHECK_INT(workdays_between(P("2025-09-30"), workdays_add(P("2025-09-30"), 17)), 17);
	NO_WARNING();
}

static void test_coverage(void)
{
	/* The file says 2007-2027 in its header, but its last entry is
	 * 2026-10-10: 2027 has not been announced yet, so 2027 is not covered
	 * and must warn like any other year outside the table. */
	CHECK_INT(workdays_first_year(), 2007);
	CHECK_INT(workdays_last_year(), 2026);

	/* The first year's table is used: 2007 Spring Festival 02-18 … 02-24
	 * off, Sat 02-17 and Sun 02-25 work. Fri 02-16 + 1 = Sat 02-17,
	 * + 2 = Sun 02-25. */
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2007-02-16"), 2), "2007-02-25");
	NO_WARNING();
	/* The last covered day: 2026-12-31 is a Thursday. */
	CHECK_DATE(workdays_add(P("2026-12-30"), 1), "2026-12-31");
	NO_WARNING();

	/* The years after the table are provisional: the fixed-date statutory
	 * holidays count (元旦, 劳动节 1-2 May, 国庆 1-3 October), the dates
	 * are 暂定 and the user is told once which year and why. */
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2026-12-31"), 1), "2027-01-04");    /* Fri 2027-01-01 元旦 */
	const char *w = workdays_warning();
	CHECK(w && strstr(w, "2027 年的节假日安排尚未公布") && strstr(w, "暂定") && strstr(w, "calendar import"));
	CHECK(workdays_provisional(P("2027-01-04")));
	CHECK(!workdays_provisional(P("2026-12-31")));
	CHECK_INT(workdays_is_working(P("2027-10-01")), 0);
	CHECK_INT(workdays_is_working(P("2027-10-04")), 1);
	CHECK_INT(workdays_is_working(P("2028-05-02")), 0);             /* Tue, 劳动节 */
	/* The first warning stays until cleared. */
	workdays_add(P("2028-06-05"), 1);
	w = workdays_warning();
	CHECK(w && strstr(w, "2027-01-04") != NULL);
	workdays_clear_warning();
	NO_WARNING();
	/* Across the end of the table: (Fri 2026-12-25, Fri 2027-01-08]:
	 * Dec 28-31 (4), Jan 1 off, Jan 4-8 (9). */
	CHECK_INT(workdays_between(P("2026-12-25"), P("2027-01-08")), 9);
	CHECK(workdays_warning() != NULL);
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2026-12-25"), 9), "2027-01-08");

	/* Far beyond (past the provisional years): the plain week, with a
	 * warning naming the table's years. Fri 2031-01-03 + 1 = Mon 01-06. */
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2031-01-03"), 1), "2031-01-06");
	w = workdays_warning();
	CHECK(w && strstr(w, "2007–2026") != NULL);
	CHECK_INT(workdays_is_working(P("2031-01-04")), 0);

	/* A year published later: 2027's 春节 off Feb 6-12 with a make-up
	 * Saturday (an example schedule). It counts, 暂定 goes, and the
	 * provisional years move on to 2028-2030. */
	workday y2027[] = { { P("2027-01-01"), 0 }, { P("2027-02-06"), 0 }, { P("2027-02-07"), 0 },
			    { P("2027-02-08"), 0 }, { P("2027-02-09"), 0 }, { P("2027-02-10"), 0 },
			    { P("2027-02-11"), 0 }, { P("2027-02-12"), 0 }, { P("2027-02-20"), 1 },
			    { P("2027-10-01"), 0 }, { P("2027-10-04"), 0 } };
	ys_err ie;
	CHECK_INT(workdays_import(y2027, (int)(sizeof y2027 / sizeof y2027[0]), &ie), 0);
	CHECK_INT(workdays_last_year(), 2027);
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2027-02-05"), 1), "2027-02-15");
	CHECK_INT(workdays_is_working(P("2027-02-20")), 1);
	CHECK_INT(workdays_is_working(P("2027-10-04")), 0);
	CHECK(!workdays_provisional(P("2027-02-15")));
	NO_WARNING();
	CHECK(workdays_provisional(P("2028-01-04")));
	workday gap[] = { { P("2029-03-02"), 0 } };
	CHECK_INT(workdays_import(gap, 1, &ie), -1);     /* every import is the whole list: 2027 missing */
	CHECK(strstr(ie.msg, "缺少 2027 年") != NULL);
	CHECK_INT(workdays_import(NULL, 0, &ie), 0);                       /* back to the table */
	CHECK_INT(workdays_last_year(), 2026);
	/* From inside the table to far beyond: counts stay consistent. */
	CHECK_INT(workdays_between(P("2025-09-30"), workdays_add(P("2025-09-30"), 900)), 900);

	/* Before the table: Mon 2006-06-05 + 5 = Mon 2006-06-12, warned. */
	workdays_clear_warning();
	CHECK_DATE(workdays_add(P("2006-06-05"), 5), "2006-06-12");
	CHECK(workdays_warning() != NULL);
	workdays_clear_warning();
	CHECK(workdays_is_working(P("2006-06-10")) == 0);   /* Saturday */
	CHECK(workdays_warning() != NULL);
	workdays_clear_warning();
}

/* Writes text to a fresh temporary file; returns its path (static). */
static const char *tmpfile_with(const char *text)
{
	static char path[64];
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/ys_holidays_XXXXXX", dir && strlen(dir) < 40 ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		exit(99);
	}
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static int load_text(const char *text, ys_err *err)
{
	const char *path = tmpfile_with(text);
	int rc = workdays_load(path, err);
	unlink(path);
	return rc;
}

static void test_bad_tables(const char *good)
{
	ys_err err;

	err.msg[0] = '\0';
	CHECK_INT(load_text("# date\tkind\tname\n2025-10-01\toff\t国庆节\n"
		"2025-13-01\toff\t国庆节\n", &err), -1);
	CHECK(strstr(err.msg, "第 3 行") != NULL);
	CHECK(strstr(err.msg, "日期“2025-13-01”无效") != NULL);
	CHECK(strstr(err.msg, "ys_holidays_") != NULL);    /* names the file */

	err.msg[0] = '\0';
	CHECK_INT(load_text("2025-10-01\toff\t国庆节\n2025-02-29\toff\tx\n", &err), -1);
	CHECK(strstr(err.msg, "第 2 行") != NULL);

	err.msg[0] = '\0';
	CHECK_INT(load_text("# c\n\n2025-10-01\tholiday\t国庆节\n", &err), -1);
	CHECK(strstr(err.msg, "第 3 行") != NULL);
	CHECK(strstr(err.msg, "holiday") != NULL);

	err.msg[0] = '\0';
	CHECK_INT(load_text("2025-10-01 off 国庆节\n", &err), -1);
	CHECK(strstr(err.msg, "第 1 行") != NULL);

	/* A timestamp is not a table date. */
	err.msg[0] = '\0';
	CHECK_INT(load_text("2025-10-01T00:00\toff\tx\n", &err), -1);
	CHECK(strstr(err.msg, "第 1 行") != NULL);

	err.msg[0] = '\0';
	CHECK_INT(load_text("2025-10-01\toff\ta\n2025-10-02\toff\tb\n2025-10-01\twork\tc\n", &err), -1);
	CHECK(strstr(err.msg, "第 3 行") != NULL);
	CHECK(strstr(err.msg, "第 1 行") != NULL);

	/* A missing year in the middle would silently become a plain week. */
	err.msg[0] = '\0';
	CHECK_INT(load_text("2024-10-01\toff\ta\n2026-10-01\toff\tb\n", &err), -1);
	CHECK(strstr(err.msg, "2025") != NULL);

	err.msg[0] = '\0';
	CHECK_INT(load_text("# only comments\n", &err), -1);
	CHECK(err.msg[0] != '\0');

	err.msg[0] = '\0';
	CHECK_INT(workdays_load("/nonexistent/holidays.tsv", &err), -1);
	CHECK(strstr(err.msg, "/nonexistent/holidays.tsv") != NULL);

	/* Failed loads kept the real table. */
	CHECK_INT(workdays_last_year(), 2026);
	CHECK_DATE(workdays_add(P("2025-09-30"), 3), "2025-10-11");

	/* A small table with CRLF line ends and a BOM loads; it replaces the
	 * real one and covers only 2025. */
	CHECK_INT(load_text("\xEF\xBB\xBF# t\r\n2025-10-01\toff\tA\r\n2025-10-02\toff\tA\r\n"
		"2025-10-11\twork\tA\r\n", &err), 0);
	CHECK_INT(workdays_first_year(), 2025);
	CHECK_INT(workdays_last_year(), 2025);
	/* Tue 09-30 + 1: 10-01, 10-02 off, Fri 10-03 (1). */
	CHECK_DATE(workdays_add(P("2025-09-30"), 1), "2025-10-03");
	CHECK_INT(workdays_is_working(P("2025-10-11")), 1);

	CHECK_INT(workdays_load(good, &err), 0);
	CHECK_INT(workdays_last_year(), 2026);
}

int main(int argc, char **argv)
{
	char path[4096];
	if (argc > 1)
		snprintf(path, sizeof path, "%s", argv[1]);
	else {
		const char *src = getenv("YS_SRCDIR");
		snprintf(path, sizeof path, "%s/data/holidays.tsv", src ? src : ".");
	}
	ys_err err;
	if (workdays_load(path, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	test_national_day_2025();
	test_spring_festival_2026();
	test_calendar_days();
	test_duty_periods();
	test_between();
	test_coverage();
	test_bad_tables(path);
	return T_DONE();
}
