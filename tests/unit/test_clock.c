/* The clock: RFC 3339 in and out, times as people type them (also
 * across daylight-saving changes), durations and due dates.  Every test
 * sets TZ itself and passes `now` explicitly. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scribe/clock.h"
#include "tap.h"

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A UTC instant from RFC 3339, for readability; clock_parse_rfc3339 is
 * checked against literal numbers in test_rfc3339_parse. */
static ms_t utc(const char *s)
{
	ms_t t = -1;

	if (clock_parse_rfc3339(s, &t))
		printf("# bad test time %s\n", s);
	return t;
}

/* Formats t for messages and comparisons. */
static const char *fmt(ms_t t)
{
	static char buf[4][CLOCK_UTC_LEN];
	static int i;

	i = (i + 1) % 4;
	return clock_format_utc(t, buf[i]);
}

static void test_format_utc(void)
{
	char buf[CLOCK_UTC_LEN];

	is_str(clock_format_utc(0, buf), "1970-01-01T00:00:00.000Z", "format epoch");
	is_str(clock_format_utc(1795737301123, buf), "2026-11-26T23:55:01.123Z", "format with ms");
	is_str(clock_format_utc(1709208000007, buf), "2024-02-29T12:00:00.007Z", "format leap day");
	is_str(clock_format_utc(253402300799999, buf), "9999-12-31T23:59:59.999Z", "format max");
	is_str(clock_format_utc(-1, buf), "1969-12-31T23:59:59.999Z", "format before epoch");
	is_int(strlen(clock_format_utc(1795737301123, buf)), CLOCK_UTC_LEN - 1, "format length");
}

static void check_parse(const char *s, ms_t want, const char *name)
{
	ms_t t = -42;
	int rc = clock_parse_rfc3339(s, &t);

	is_int(rc, 0, "parse %s: ok", name);
	is_int(t, want, "parse %s: value (%s)", name, s);
}

static void check_bad(const char *s, const char *name)
{
	ms_t t;

	is_int(clock_parse_rfc3339(s, &t), -1, "parse rejects %s: \"%s\"", name, s);
}

static void test_rfc3339_parse(void)
{
	check_parse("2026-11-26T14:03:00Z", 1795701780000, "Z");
	check_parse("2026-11-26t14:03:00z", 1795701780000, "lower-case t and z");
	check_parse("2026-11-26 14:03:00Z", 1795701780000, "space for T");
	check_parse("2026-11-26T14:03:00+01:00", 1795698180000, "+01:00");
	check_parse("2026-11-26T14:03:00+0100", 1795698180000, "+0100");
	check_parse("2026-11-26T14:03:00-05:30", 1795721580000, "-05:30");
	check_parse("2026-11-26T14:03:00-0530", 1795721580000, "-0530");
	check_parse("2026-11-26T14:03:00+00:00", 1795701780000, "+00:00");
	check_parse("2026-11-26T14:03:00-00:00", 1795701780000, "-00:00");
	check_parse("2026-11-26T23:55:01.123Z", 1795737301123, "milliseconds");
	check_parse("2026-11-26T23:55:01.5Z", 1795737301500, "one fraction digit");
	check_parse("2026-11-26T23:55:01.12Z", 1795737301120, "two fraction digits");
	check_parse("2026-11-26T23:55:01.123999999Z", 1795737301123, "nine digits, cut");
	check_parse("2026-11-26T23:55:01.000Z", 1795737301000, "zero fraction");
	check_parse("2026-11-26T23:55:01.123+01:00", 1795733701123, "fraction and offset");
	check_parse("2024-02-29T12:00:00Z", 1709208000000, "leap day");
	check_parse("1970-01-01T00:00:00Z", 0, "epoch");
	check_parse("9999-12-31T23:59:59.999Z", 253402300799999, "last instant");
	check_parse("2026-01-01T00:30:00+01:00", utc("2025-12-31T23:30:00Z"), "offset crosses year");

	check_bad("", "empty");
	check_bad("now", "letters");
	check_bad("2026-11-26", "date only");
	check_bad("2026-13-01T00:00:00Z", "month 13");
	check_bad("2026-00-01T00:00:00Z", "month 0");
	check_bad("2026-02-30T00:00:00Z", "Feb 30");
	check_bad("2026-02-29T00:00:00Z", "Feb 29 of a common year");
	check_bad("2026-04-31T00:00:00Z", "April 31");
	check_bad("2026-11-00T00:00:00Z", "day 0");
	check_bad("2026-11-26T24:00:00Z", "hour 24");
	check_bad("2026-11-26T14:60:00Z", "minute 60");
	check_bad("2026-11-26T14:03:60Z", "second 60");
	check_bad("2026-11-26T14:03:00", "no offset");
	check_bad("2026-11-26T14:03Z", "no seconds");
	check_bad("2026-11-26T14:03:00Zjunk", "trailing junk");
	check_bad("2026-11-26T14:03:00Z ", "trailing space");
	check_bad(" 2026-11-26T14:03:00Z", "leading space");
	check_bad("2026-11-26T14:03:00.Z", "dot without digits");
	check_bad("2026-11-26T14:03:00+01", "offset without minutes");
	check_bad("2026-11-26T14:03:00+1:00", "one-digit offset");
	check_bad("2026-11-26T14:03:00+24:00", "offset hour 24");
	check_bad("2026-11-26T14:03:00+01:60", "offset minute 60");
	check_bad("2026-11-26X14:03:00Z", "X for T");
	check_bad("2026-1-26T14:03:00Z", "one-digit month");
	check_bad("26-11-26T14:03:00Z", "two-digit year");
	check_bad("+2026-11-26T14:03:00Z", "signed year");
	check_bad("1969-12-31T23:59:59Z", "before 1970");
	check_bad("1970-01-01T00:30:00+01:00", "before the epoch once in UTC");
	check_bad("10000-01-01T00:00:00Z", "five-digit year");
	check_bad("9999-12-31T23:00:00-05:00", "after 9999 once in UTC");

	/* the form scribe writes, which is read in one go: the same checks */
	check_parse("2024-02-29T12:00:00.000Z", 1709208000000, "written form, leap day");
	check_parse("1970-01-01T00:00:00.000Z", 0, "written form, epoch");
	check_bad("2026-13-01T00:00:00.000Z", "written form, month 13");
	check_bad("2026-00-01T00:00:00.000Z", "written form, month 0");
	check_bad("2026-02-29T00:00:00.000Z", "written form, Feb 29 of a common year");
	check_bad("2026-11-00T00:00:00.000Z", "written form, day 0");
	check_bad("2026-11-26T24:00:00.000Z", "written form, hour 24");
	check_bad("2026-11-26T14:60:00.000Z", "written form, minute 60");
	check_bad("2026-11-26T14:03:60.000Z", "written form, second 60");
	check_bad("1969-12-31T23:59:59.999Z", "written form, before 1970");
	check_bad("2026-11-26T14:03:0a.000Z", "written form, a letter for a digit");
	check_bad("2026-11-26T14:03:00,000Z", "written form, a comma for the dot");
	check_bad("2026-11-26T14-03:00.000Z", "written form, a dash for a colon");
}

static void test_round_trip(void)
{
	static const char *texts[] = {
		"2026-11-26T23:55:01.123Z", "1970-01-01T00:00:00.000Z", "2000-02-29T00:00:00.001Z",
		"2026-03-29T01:00:00.999Z", "9999-12-31T23:59:59.999Z",
	};
	static const ms_t times[] = { 0, 1, 999, 1000, 1795737301123, 951782400000, 253402300799999 };
	char buf[CLOCK_UTC_LEN];

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		ms_t t = -1;

		ok(clock_parse_rfc3339(texts[i], &t) == 0 &&
		   strcmp(clock_format_utc(t, buf), texts[i]) == 0, "round trip %s", texts[i]);
	}
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		ms_t t = -1;

		clock_format_utc(times[i], buf);
		is_int(clock_parse_rfc3339(buf, &t) == 0 ? t : -1, times[i], "round trip %s", buf);
	}
}

/* Checks clock_parse_time(s, now) == want (as RFC 3339 UTC). */
static void check_time(const char *s, ms_t now, const char *want, const char *name)
{
	ms_t t = -1;
	const char *why = NULL;
	int rc = clock_parse_time(s, now, &t, &why);

	if (!ok(rc == 0, "time %s: \"%s\" accepted", name, s))
		printf("#   why: %s\n", why ? why : "(null)");
	is_str(rc == 0 ? fmt(t) : "(error)", want, "time %s: \"%s\" at %s", name, s, fmt(now));
}

static void check_time_bad(const char *s, ms_t now, const char *name)
{
	ms_t t = -1;
	const char *why = NULL;
	int rc = clock_parse_time(s, now, &t, &why);

	is_int(rc, -1, "time rejects %s: \"%s\"", name, s);
	ok(rc == -1 && why && why[0], "time %s: a reason (%s)", name, why ? why : "(null)");
}

/* Checks that s is refused as a time the clocks jumped over, with a
 * reason that starts with want. */
static void check_gap(const char *s, ms_t now, const char *want)
{
	ms_t t = -1;
	const char *why = NULL;
	int rc = clock_parse_time(s, now, &t, &why);

	is_int(rc, -1, "time refuses \"%s\" at %s: the clocks jumped over it", s, fmt(now));
	if (!ok(why && !strncmp(why, want, strlen(want)) && strstr(why, "daylight saving"),
		"and says so: %s", want))
		printf("#   why: %s\n", why ? why : "(null)");
}

static void test_parse_time(void)
{
	ms_t now = utc("2026-11-26T14:30:45.500Z");

	set_tz("UTC");
	check_time("14:03", now, "2026-11-26T14:03:00.000Z", "HH:MM today");
	check_time("14:30:45", now, "2026-11-26T14:30:45.000Z", "HH:MM:SS just passed");
	check_time("14:30:46", now, "2026-11-25T14:30:46.000Z", "one second ahead is yesterday");
	check_time("14:31", now, "2026-11-25T14:31:00.000Z", "later today means yesterday");
	check_time("9:05", now, "2026-11-26T09:05:00.000Z", "one-digit hour");
	check_time("00:00", now, "2026-11-26T00:00:00.000Z", "midnight");
	check_time("23:59:59", now, "2026-11-25T23:59:59.000Z", "last second of yesterday");
	check_time("23:50", utc("2026-11-26T00:10:00Z"), "2026-11-25T23:50:00.000Z",
		   "23:50 typed at 00:10");
	check_time("00:10", utc("2026-11-26T00:10:00Z"), "2026-11-26T00:10:00.000Z",
		   "exactly now is not in the future");
	check_time("00:10:01", utc("2026-11-26T00:10:00Z"), "2026-11-25T00:10:01.000Z",
		   "a second after now");
	check_time("23:00", utc("2026-03-01T00:10:00Z"), "2026-02-28T23:00:00.000Z",
		   "yesterday across a month");
	check_time("23:00", utc("2026-01-01T00:10:00Z"), "2025-12-31T23:00:00.000Z",
		   "yesterday across a year");

	check_time("-90s", now, "2026-11-26T14:29:15.500Z", "-90s");
	check_time("-5m", now, "2026-11-26T14:25:45.500Z", "-5m");
	check_time("-2h", now, "2026-11-26T12:30:45.500Z", "-2h");
	check_time("-1h30m", now, "2026-11-26T13:00:45.500Z", "-1h30m");
	check_time("-1h30m15s", now, "2026-11-26T13:00:30.500Z", "-1h30m15s");
	check_time("-2m30s", now, "2026-11-26T14:28:15.500Z", "-2m30s");
	check_time("-0s", now, "2026-11-26T14:30:45.500Z", "-0s");
	check_time("-48h", now, "2026-11-24T14:30:45.500Z", "-48h");

	check_time("2026-11-26T14:03:00Z", now, "2026-11-26T14:03:00.000Z", "RFC 3339");
	check_time("2026-11-26T15:03:00+01:00", now, "2026-11-26T14:03:00.000Z", "with offset");

	check_time_bad("", now, "empty");
	check_time_bad("now", now, "letters");
	check_time_bad("25:00", now, "hour 25");
	check_time_bad("12:60", now, "minute 60");
	check_time_bad("12:30:60", now, "second 60");
	check_time_bad("12:5", now, "one-digit minute");
	check_time_bad("123:45", now, "three-digit hour");
	check_time_bad("1205", now, "no colon");
	check_time_bad("12:05x", now, "trailing junk");
	check_time_bad("12:05 ", now, "trailing space");
	check_time_bad("-", now, "minus alone");
	check_time_bad("-5", now, "no unit");
	check_time_bad("-5x", now, "bad unit");
	check_time_bad("-m", now, "unit without number");
	check_time_bad("-1.5h", now, "fraction");
	check_time_bad("-30m1h", now, "units out of order");
	check_time_bad("-5m5m", now, "unit twice");
	check_time_bad("-1h 30m", now, "space inside");
	check_time_bad("--5m", now, "double minus");
	check_time_bad("-5M", now, "upper-case unit");
	check_time_bad("-999999999999h", now, "too far back");
	check_time_bad("-600000h", now, "before 1970");
	check_time_bad("2026-02-30T00:00:00Z", now, "Feb 30");
	check_time_bad("2026-11-26T14:03:00", now, "RFC 3339 without offset");
}

/*
 * Europe/Berlin: on 2026-03-29 clocks jump from 02:00 CET to 03:00 CEST
 * (at 01:00Z), so 02:30 does not exist that day; on 2026-10-25 they go
 * back from 03:00 CEST to 02:00 CET (at 01:00Z), so 02:30 happens twice,
 * at 00:30Z and at 01:30Z.
 */
static void test_parse_time_dst(void)
{
	set_tz("Europe/Berlin");

	/* Plain winter and summer days. */
	check_time("15:03", utc("2026-11-26T14:30:00Z"), "2026-11-26T14:03:00.000Z", "CET");
	check_time("15:03", utc("2026-07-01T14:30:00Z"), "2026-07-01T13:03:00.000Z", "CEST");
	check_time("00:05", utc("2026-11-26T23:10:00Z"), "2026-11-26T23:05:00.000Z",
		   "local date ahead of UTC");
	check_time("00:30", utc("2026-11-26T23:10:00Z"), "2026-11-25T23:30:00.000Z",
		   "local yesterday");

	/* Spring forward: 02:30 on 03-29 is skipped, and refused (not taken
	 * from the day before, 25 hours earlier, without a word). */
	check_time_bad("02:30", utc("2026-03-29T01:10:00Z"), "gap: never happened today");
	check_gap("02:30", utc("2026-03-29T01:10:00Z"), "02:30 on 2026-03-29 never happened here");
	check_gap("02:30:15", utc("2026-03-29T05:00:00Z"), "02:30:15 on 2026-03-29 never happened here");
	check_time("02:30", utc("2026-03-29T00:50:00Z"), "2026-03-28T01:30:00.000Z",
		   "gap day before the jump: today's 02:30 is ahead, so yesterday's");
	check_time("01:30", utc("2026-03-29T01:10:00Z"), "2026-03-29T00:30:00.000Z",
		   "gap day: before the jump (CET)");
	check_time("03:05", utc("2026-03-29T01:10:00Z"), "2026-03-29T01:05:00.000Z",
		   "gap day: after the jump (CEST)");
	check_time("03:30", utc("2026-03-29T01:10:00Z"), "2026-03-28T02:30:00.000Z",
		   "gap day: later today, so yesterday in CET");
	check_gap("02:30", utc("2026-03-29T22:00:00Z"), "02:30 on 2026-03-29 never happened here");
	check_time("02:30", utc("2026-03-30T01:00:00Z"), "2026-03-30T00:30:00.000Z",
		   "day after the gap");

	/* Fall back: the latest 02:30 not in the future. */
	check_time("02:30", utc("2026-10-25T01:45:00Z"), "2026-10-25T01:30:00.000Z",
		   "overlap: both passed, the second (CET)");
	check_time("02:30", utc("2026-10-25T01:30:00Z"), "2026-10-25T01:30:00.000Z",
		   "overlap: second one exactly now");
	check_time("02:30", utc("2026-10-25T01:20:00Z"), "2026-10-25T00:30:00.000Z",
		   "overlap: second still ahead, the first (CEST)");
	check_time("02:30", utc("2026-10-25T00:45:00Z"), "2026-10-25T00:30:00.000Z",
		   "overlap: during the first pass");
	check_time("02:50", utc("2026-10-25T01:45:00Z"), "2026-10-25T00:50:00.000Z",
		   "overlap: 02:50 only passed once");
	check_time("02:30", utc("2026-10-25T00:20:00Z"), "2026-10-24T00:30:00.000Z",
		   "overlap day: not yet, so yesterday (CEST)");
	check_time("03:30", utc("2026-10-25T02:45:00Z"), "2026-10-25T02:30:00.000Z",
		   "after the overlap");
	check_time("-1h", utc("2026-10-25T01:30:00Z"), "2026-10-25T00:30:00.000Z",
		   "relative times ignore the wall clock");
}

static void test_format_local(void)
{
	char buf[64];
	ms_t t = 1795737301123;	/* 2026-11-26T23:55:01.123Z */

	set_tz("UTC");
	is_str(clock_format_local(t, "%Y-%m-%d %H:%M:%S.%L", buf, sizeof(buf)),
	       "2026-11-26 23:55:01.123", "local UTC with %%L");
	is_str(clock_format_local(t, "%H:%M", buf, sizeof(buf)), "23:55", "local HH:MM");
	is_str(clock_format_local(t, "100%% %%L %L", buf, sizeof(buf)), "100% %L 123",
	       "%%%% and %%%%L left alone");
	is_str(clock_format_local(-1, "%Y-%m-%d %H:%M:%S.%L", buf, sizeof(buf)),
	       "1969-12-31 23:59:59.999", "local before the epoch");
	is_str(clock_format_local(t, "%Y-%m-%d %H:%M", buf, 5), "", "too small a buffer");
	set_tz("Europe/Berlin");
	is_str(clock_format_local(t, "%Y-%m-%d %H:%M:%S.%L %Z", buf, sizeof(buf)),
	       "2026-11-27 00:55:01.123 CET", "local Berlin winter");
	is_str(clock_format_local(utc("2026-07-01T12:00:00.050Z"), "%H:%M:%S.%L %Z", buf, sizeof(buf)),
	       "14:00:00.050 CEST", "local Berlin summer");
	is_str(clock_format_local(utc("2026-10-25T00:30:00Z"), "%H:%M %Z", buf, sizeof(buf)),
	       "02:30 CEST", "first 02:30");
	is_str(clock_format_local(utc("2026-10-25T01:30:00Z"), "%H:%M %Z", buf, sizeof(buf)),
	       "02:30 CET", "second 02:30");
}

static void test_duration(void)
{
	char buf[32];

	is_str(clock_format_duration(0, buf, sizeof(buf)), "0s", "duration 0");
	is_str(clock_format_duration(999, buf, sizeof(buf)), "0s", "duration under a second");
	is_str(clock_format_duration(45000, buf, sizeof(buf)), "45s", "duration 45s");
	is_str(clock_format_duration(59999, buf, sizeof(buf)), "59s", "duration 59.999s");
	is_str(clock_format_duration(60000, buf, sizeof(buf)), "1m 00s", "duration 1m");
	is_str(clock_format_duration(303000, buf, sizeof(buf)), "5m 03s", "duration 5m 03s");
	is_str(clock_format_duration(3599000, buf, sizeof(buf)), "59m 59s", "duration 59m 59s");
	is_str(clock_format_duration(3600000, buf, sizeof(buf)), "1h 00m", "duration 1h");
	is_str(clock_format_duration(7620000, buf, sizeof(buf)), "2h 07m", "duration 2h 07m");
	is_str(clock_format_duration(7679999, buf, sizeof(buf)), "2h 07m", "duration truncated");
	is_str(clock_format_duration(86399000, buf, sizeof(buf)), "23h 59m", "duration 23h 59m");
	is_str(clock_format_duration(86400000, buf, sizeof(buf)), "1d 00h", "duration 1d");
	is_str(clock_format_duration(273600000, buf, sizeof(buf)), "3d 04h", "duration 3d 04h");
	is_str(clock_format_duration(400LL * 86400000, buf, sizeof(buf)), "400d 00h", "duration 400d");
	is_str(clock_format_duration(-45000, buf, sizeof(buf)), "-45s", "negative seconds");
	is_str(clock_format_duration(-303000, buf, sizeof(buf)), "-5m 03s", "negative minutes");
	is_str(clock_format_duration(-273600000, buf, sizeof(buf)), "-3d 04h", "negative days");
	is_str(clock_format_duration(-500, buf, sizeof(buf)), "0s", "no sign under a second");
	ok(clock_format_duration(INT64_MIN, buf, sizeof(buf))[0] == '-', "most negative duration");
	is_str(clock_format_duration(7620000, buf, 4), "2h ", "duration cut to the buffer");
}

static void test_local_day(void)
{
	set_tz("UTC");
	is_int(clock_local_day(0), 0, "day of the epoch");
	is_int(clock_local_day(86399999), 0, "last ms of day 0");
	is_int(clock_local_day(86400000), 1, "day 1");
	is_int(clock_local_day(-1), -1, "day before the epoch");
	is_int(clock_local_day(utc("2026-11-26T23:55:00Z")), 20783, "2026-11-26 in UTC");
	set_tz("Europe/Berlin");
	is_int(clock_local_day(utc("2026-11-26T23:55:00Z")), 20784, "already 11-27 in Berlin");
	is_int(clock_local_day(utc("2026-11-26T22:55:00Z")), 20783, "still 11-26 in Berlin");
	is_int(clock_local_day(utc("2026-07-01T21:59:59Z")), 20635, "summer, before midnight");
	is_int(clock_local_day(utc("2026-07-01T22:00:00Z")), 20636, "summer, midnight CEST");
	set_tz("America/New_York");
	is_int(clock_local_day(utc("2026-11-27T03:00:00Z")), 20783, "New York is behind");
}

static void check_date(const char *s, ms_t now, const char *want, const char *name)
{
	char out[11] = "";
	const char *why = NULL;
	int rc = clock_parse_date(s, now, out, &why);

	if (!ok(rc == 0, "date %s: \"%s\" accepted", name, s))
		printf("#   why: %s\n", why ? why : "(null)");
	is_str(rc == 0 ? out : "(error)", want, "date %s: \"%s\"", name, s);
}

static void check_date_bad(const char *s, ms_t now, const char *name)
{
	char out[11];
	const char *why = NULL;
	int rc = clock_parse_date(s, now, out, &why);

	is_int(rc, -1, "date rejects %s: \"%s\"", name, s);
	ok(rc == -1 && why && why[0], "date %s: a reason (%s)", name, why ? why : "(null)");
}

static void test_dates(void)
{
	ms_t now = utc("2026-11-26T23:55:00Z");

	set_tz("UTC");
	check_date("2026-12-01", now, "2026-12-01", "absolute");
	check_date("2024-02-29", now, "2024-02-29", "leap day");
	check_date("2020-01-01", now, "2020-01-01", "in the past");
	check_date("today", now, "2026-11-26", "today");
	check_date("Today", now, "2026-11-26", "Today");
	check_date("tomorrow", now, "2026-11-27", "tomorrow");
	check_date("+0d", now, "2026-11-26", "+0d");
	check_date("+3d", now, "2026-11-29", "+3d");
	check_date("+5d", now, "2026-12-01", "+5d across a month");
	check_date("+2w", now, "2026-12-10", "+2w");
	check_date("+6w", now, "2027-01-07", "+6w across a year");
	check_date("+400d", now, "2027-12-31", "+400d");
	check_date("+3d", utc("2028-02-27T12:00:00Z"), "2028-03-01", "+3d over Feb 29");
	check_date_bad("", now, "empty");
	check_date_bad("2026-02-30", now, "Feb 30");
	check_date_bad("2026-02-29", now, "Feb 29 of a common year");
	check_date_bad("2026-13-01", now, "month 13");
	check_date_bad("2026-11-31", now, "Nov 31");
	check_date_bad("2026-1-01", now, "one-digit month");
	check_date_bad("2026-11-26x", now, "trailing junk");
	check_date_bad("2026-11-26T10:00:00Z", now, "a time");
	check_date_bad("yesterday", now, "yesterday");
	check_date_bad("+3", now, "no unit");
	check_date_bad("+d", now, "no number");
	check_date_bad("+3x", now, "bad unit");
	check_date_bad("+3dd", now, "unit twice");
	check_date_bad("-3d", now, "in the past");
	check_date_bad("+99999999d", now, "far future");

	/* Relative dates count local calendar days. */
	set_tz("Europe/Berlin");
	check_date("today", now, "2026-11-27", "today in Berlin is already 11-27");
	check_date("+1d", now, "2026-11-28", "+1d in Berlin");
	check_date("tomorrow", utc("2026-03-28T23:30:00Z"), "2026-03-30", "tomorrow on the DST day");
	check_date("+1d", utc("2026-10-24T22:30:00Z"), "2026-10-26", "+1d over the 25-hour day");
	set_tz("America/New_York");
	check_date("today", now, "2026-11-26", "today in New York");
}

static void test_valid_date(void)
{
	ok(clock_valid_date("2026-02-28"), "valid 2026-02-28");
	ok(clock_valid_date("2024-02-29"), "valid 2024-02-29");
	ok(clock_valid_date("2000-02-29"), "valid 2000-02-29");
	ok(clock_valid_date("1970-01-01"), "valid 1970-01-01");
	ok(clock_valid_date("9999-12-31"), "valid 9999-12-31");
	ok(!clock_valid_date("2100-02-29"), "invalid 2100-02-29");
	ok(!clock_valid_date("2026-02-29"), "invalid 2026-02-29");
	ok(!clock_valid_date("2026-04-31"), "invalid 2026-04-31");
	ok(!clock_valid_date("2026-00-10"), "invalid month 0");
	ok(!clock_valid_date("2026-12-32"), "invalid day 32");
	ok(!clock_valid_date("2026-12-00"), "invalid day 0");
	ok(!clock_valid_date("2026-12-31x"), "invalid trailing junk");
	ok(!clock_valid_date("2026-12-3"), "invalid one-digit day");
	ok(!clock_valid_date("2026/12/31"), "invalid slashes");
	ok(!clock_valid_date("abcd-ef-gh"), "invalid letters");
	ok(!clock_valid_date(""), "invalid empty");
	ok(!clock_valid_date("1969-12-31"), "invalid before 1970");
}

static void test_now(void)
{
	ms_t a = clock_now(), b = clock_now();

	ok(a > 1577836800000LL, "now is after 2020");
	ok(b >= a, "now does not go backwards");
}

/* Times of a multi-day incident: the date where it is not the start's,
 * the year for an incident of another year, UTC's date beside. */
static void test_within(void)
{
	char b[48];
	ms_t now = utc("2026-12-02T09:00:00Z"), start = utc("2026-11-26T17:00:00Z");

	set_tz("America/New_York");
	is_str(clock_format_within(utc("2026-11-26T19:03:20Z"), start, now, true, b, sizeof(b)), "14:03:20",
	       "the start's day: the time alone");
	is_str(clock_format_within(utc("2026-11-05T17:00:00Z"), start, now, false, b, sizeof(b)), "11-05 12:00",
	       "three weeks before: the date too");
	is_str(clock_format_within(utc("2026-11-27T04:30:00Z"), start, now, true, b, sizeof(b)), "23:30:00",
	       "the start's day in the display zone, not UTC's");
	is_str(clock_format_within(utc("2026-11-27T05:30:00Z"), start, now, false, b, sizeof(b)), "11-27 00:30",
	       "past midnight in the display zone: the next day");
	start = utc("2017-01-31T20:00:00Z");
	is_str(clock_format_within(utc("2017-01-31T22:30:15Z"), start, now, true, b, sizeof(b)), "17:30:15",
	       "another year, the start's day: the time alone");
	is_str(clock_format_within(utc("2017-02-01T06:00:00Z"), start, now, true, b, sizeof(b)),
	       "2017-02-01 01:00:00", "another year, another day: with the year");
	ok(clock_other_year(start, now), "2017 is another year");
	ok(!clock_other_year(utc("2026-01-01T12:00:00Z"), now), "2026 is not");
	is_str(clock_format_utc_beside(utc("2026-11-26T19:03:00Z"), b, sizeof(b)), "19:03Z", "UTC beside, same date");
	is_str(clock_format_utc_beside(utc("2026-11-27T00:10:00Z"), b, sizeof(b)), "11-27T00:10Z",
	       "UTC beside: its date where it is not the date shown (19:10 on the 26th)");
	clock_set_display(CLOCK_UTC);
	is_str(clock_format_within(utc("2026-11-27T00:10:00Z"), utc("2026-11-26T23:00:00Z"), now, false, b, sizeof(b)),
	       "11-27 00:10", "times in UTC: UTC's days");
	clock_set_display(CLOCK_LOCAL);
	set_tz("UTC");
}

/* Wall-clock times without a zone (scribe import): exact, skipped by
 * clocks set forward, repeated by clocks set back; the year of syslog
 * dates. */
static void test_from_wall(void)
{
	ms_t t = 0;

	set_tz("Europe/Berlin");
	is_int(clock_from_wall(2026, 12, 2, 1, 35, 1, 250, -1, &t), CLOCK_WALL_EXACT, "an ordinary time");
	is_int(t, utc("2026-12-02T00:35:01.250Z"), "CET is UTC+1");
	is_int(clock_from_wall(2026, 3, 29, 2, 30, 0, 0, -1, &t), CLOCK_WALL_SKIPPED, "02:30 on 29 March never happened");
	is_int(t, utc("2026-03-29T01:30:00Z"), "read with the offset before the change (03:30 CEST)");
	is_int(clock_from_wall(2026, 10, 25, 2, 30, 0, 0, -1, &t), CLOCK_WALL_TWICE, "02:30 on 25 October happened twice");
	is_int(t, utc("2026-10-25T00:30:00Z"), "the first of the two");
	is_int(clock_from_wall(2026, 10, 25, 2, 10, 0, 0, utc("2026-10-25T00:50:00Z"), &t), CLOCK_WALL_TWICE,
	       "again, after a line at 02:50 CEST");
	is_int(t, utc("2026-10-25T01:10:00Z"), "the second, so the log stays in order");
	is_int(clock_from_wall(2026, 2, 29, 0, 0, 0, 0, -1, &t), -1, "no 29 February in 2026");
	is_int(clock_from_wall(2026, 13, 1, 0, 0, 0, 0, -1, &t), -1, "no month 13");
	is_int(clock_from_wall(2026, 1, 1, 24, 0, 0, 0, -1, &t), -1, "no hour 24");
	set_tz("Australia/Lord_Howe");	/* a half-hour change */
	is_int(clock_from_wall(2026, 10, 4, 2, 15, 0, 0, -1, &t), CLOCK_WALL_SKIPPED, "a half-hour gap");
	is_int(t, utc("2026-10-03T15:45:00Z"), "read with the offset before it (+10:30)");
	set_tz("UTC");
	is_int(clock_guess_year(12, 2, 0, 35, 1, utc("2026-12-02T08:00:00Z")), 2026, "Dec 2 on Dec 2: this year");
	is_int(clock_guess_year(12, 31, 23, 0, 0, utc("2027-01-01T08:00:00Z")), 2026, "Dec 31 on Jan 1: last year");
	is_int(clock_guess_year(1, 1, 0, 0, 0, utc("2026-12-31T08:00:00Z")), 2027, "within a day after now: next year");
	is_int(clock_guess_year(2, 29, 12, 0, 0, utc("2026-12-02T08:00:00Z")), 2024, "Feb 29: the last leap year");
}

/* clock_parse_rfc3339_n reads the n bytes given (no NUL) as
 * clock_parse_rfc3339 reads the string, whatever day it read before
 * (it remembers the last one). */
static void test_parse_n(void)
{
	static const char *const cases[] = {
		"2026-11-26T14:03:00.000Z", "2026-11-26T23:59:59.999Z", "2026-11-27T00:00:00.000Z",
		"2026-11-26T14:03:00.000Z", "2024-02-29T12:00:00.000Z", "2025-02-29T12:00:00.000Z",
		"2026-13-01T00:00:00.000Z", "2026-11-26T24:00:00.000Z", "2026-11-26T14:60:00.000Z",
		"2026-11-26T14:03:60.000Z", "2026-11-26T14:03:00.000z", "2026-11-26T14:03:00.000+",
		"2026-11-26t14:03:00.000Z", "2026-11-26 14:03:00.000Z", "2026-11-26T14:03:00.00Z",
		"2026-11-26T14:03:00Z", "2026-11-26T14:03:00.000+01:00", "1969-12-31T23:59:59.000Z",
		"2026-11-26T1a:03:00.000Z", "2026-11-26X14:03:00.000Z", "2026-11-26T14:03:00.0000Z",
		"9999-12-31T23:59:59.999Z", "2026-11-26T14:03:00.000Z",
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ms_t a = -7, b = -7;
		int ra = clock_parse_rfc3339(cases[i], &a), rb;
		size_t n = strlen(cases[i]);

		memset(buf, 'x', sizeof(buf));
		memcpy(buf, cases[i], n);	/* no NUL after it */
		rb = clock_parse_rfc3339_n(buf, n, &b);
		ok(ra == rb && (ra || a == b), "parse_n agrees on \"%s\" (%d %d)", cases[i], ra, rb);
	}
	is_int(clock_parse_rfc3339_n("2026-11-26T14:03:00.000Z\0xx", 27, &(ms_t){ 0 }), -1, "parse_n: a NUL is no time");
}

int main(void)
{
	set_tz("UTC");
	test_parse_n();
	test_format_utc();
	test_rfc3339_parse();
	test_round_trip();
	test_parse_time();
	test_parse_time_dst();
	test_format_local();
	test_duration();
	test_local_day();
	test_dates();
	test_valid_date();
	test_now();
	test_within();
	test_from_wall();
	return done_testing();
}
