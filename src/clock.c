/* Time: the one clock.  Files hold RFC 3339 UTC with milliseconds; what
 * people type and read is wall-clock time in the display zone (TZ),
 * where daylight saving makes some times happen twice and others never. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "scribe/clock.h"
#include "scribe/util.h"

/* 9999-12-31T23:59:59.999Z, the last instant CLOCK_UTC_LEN can hold. */
#define MS_MAX ((ms_t)253402300799999)

/* Splits t into whole seconds and milliseconds, rounding down so that
 * times before 1970 still get 0..999 ms. */
static time_t split_ms(ms_t t, int *ms)
{
	ms_t s = t / 1000, r = t % 1000;

	if (r < 0) {
		r += 1000;
		s--;
	}
	if (ms)
		*ms = (int)r;
	return (time_t)s;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil); month 1..12. */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil(). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(long y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Reads exactly n digits at *p into *v and moves *p past them. */
static bool digits(const char **p, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return false;
		x = x * 10 + (c - '0');
	}
	*p += n;
	*v = x;
	return true;
}

/* Reads "YYYY-MM-DD" with a real calendar date in 1970..9999. */
static bool parse_ymd(const char **p, int *y, int *m, int *d)
{
	const char *q = *p;

	if (!digits(&q, 4, y) || *q++ != '-' || !digits(&q, 2, m) || *q++ != '-' ||
	    !digits(&q, 2, d))
		return false;
	if (*y < 1970 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return false;
	*p = q;
	return true;
}

static ms_t clock_ms(clockid_t which)
{
	struct timespec ts;

	clock_gettime(which, &ts);
	return (ms_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

ms_t clock_now(void)
{
	return clock_ms(CLOCK_REALTIME);
}

ms_t clock_mono(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* Writes v as exactly width decimal digits (zero-padded). */
static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* By hand rather than snprintf: exports write three of these per event,
 * and the formatting showed up in the profile. */
char *clock_format_utc(ms_t t, char *buf)
{
	struct tm tm;
	int ms;
	time_t s = split_ms(t, &ms);
	char *p = buf;

	if (!gmtime_r(&s, &tm))
		memset(&tm, 0, sizeof(tm));
	if (tm.tm_year + 1900 < 0 || tm.tm_year + 1900 > 9999)
		memset(&tm, 0, sizeof(tm));	/* outside what RFC 3339 can say */
	p = put_digits(p, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = put_digits(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put_digits(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = put_digits(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_min, 2);
	*p++ = ':';
	p = put_digits(p, tm.tm_sec, 2);
	*p++ = '.';
	p = put_digits(p, ms, 3);
	*p++ = 'Z';
	*p = '\0';
	return buf;
}

/*
 * RFC 3339 with the liberties the header lists: any number of fraction
 * digits (cut to milliseconds), "Z" or a numeric offset with or without
 * the colon, lower-case 't'/'z', a space for 'T'.  Seconds are required
 * and leap seconds (":60") are refused.
 */
/* The form scribe writes, "2026-11-26T14:03:00.000Z" (24 bytes at s),
 * read in one go with the same checks as the general way: 0 and *out, -1
 * when it is not that form or not a time (the general way then says).
 * Every record has several times, most on the day before them: the day
 * last read (per thread) is not worked out again. */
static int parse_canonical(const char *s, ms_t *out)
{
	static _Thread_local char memo_date[11];	/* "2026-11-26T" */
	static _Thread_local long memo_days = -1;
	static const unsigned char at[] = { 11, 12, 14, 15, 17, 18, 20, 21, 22 };
	unsigned dg[ARRAY_SIZE(at)];
	long days;
	ms_t t;

	if (memo_days >= 0 && !memcmp(s, memo_date, sizeof(memo_date))) {
		days = memo_days;
	} else {
		static const unsigned char dat[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
		unsigned dd[ARRAY_SIZE(dat)];
		int y, mo, d;

		for (size_t i = 0; i < ARRAY_SIZE(dat); i++)
			if ((dd[i] = (unsigned)(s[dat[i]] - '0')) > 9)
				return -1;
		if (s[4] != '-' || s[7] != '-' || s[10] != 'T')
			return -1;
		y = (int)(dd[0] * 1000 + dd[1] * 100 + dd[2] * 10 + dd[3]);
		mo = (int)(dd[4] * 10 + dd[5]);
		d = (int)(dd[6] * 10 + dd[7]);
		if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
			return -1;
		days = days_from_civil(y, mo, d);
		memcpy(memo_date, s, sizeof(memo_date));
		memo_days = days;
	}
	/* (written out: a loop over the places is twice the instructions) */
	dg[0] = (unsigned)(s[at[0]] - '0'), dg[1] = (unsigned)(s[at[1]] - '0'), dg[2] = (unsigned)(s[at[2]] - '0');
	dg[3] = (unsigned)(s[at[3]] - '0'), dg[4] = (unsigned)(s[at[4]] - '0'), dg[5] = (unsigned)(s[at[5]] - '0');
	dg[6] = (unsigned)(s[at[6]] - '0'), dg[7] = (unsigned)(s[at[7]] - '0'), dg[8] = (unsigned)(s[at[8]] - '0');
	if (dg[0] > 9 || dg[1] > 9 || dg[2] > 9 || dg[3] > 9 || dg[4] > 9 || dg[5] > 9 || dg[6] > 9 || dg[7] > 9 ||
	    dg[8] > 9 || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
		return -1;
	if (dg[0] * 10 + dg[1] > 23 || dg[2] * 10 + dg[3] > 59 || dg[4] * 10 + dg[5] > 59)
		return -1;
	t = (((ms_t)days * 24 + dg[0] * 10 + dg[1]) * 60 + dg[2] * 10 + dg[3]) * 60 + dg[4] * 10 + dg[5];
	t = t * 1000 + dg[6] * 100 + dg[7] * 10 + dg[8];
	if (t > MS_MAX)
		return -1;
	*out = t;
	return 0;
}

int clock_parse_rfc3339_n(const char *s, size_t n, ms_t *out)
{
	char word[64];

	if (n == 24 && !parse_canonical(s, out))
		return 0;
	if (n >= sizeof(word) || memchr(s, '\0', n))
		return -1;
	memcpy(word, s, n);
	word[n] = '\0';
	return clock_parse_rfc3339(word, out);
}

int clock_parse_rfc3339(const char *s, ms_t *out)
{
	const char *p = s;
	int y, mo, d, h, mi, sec, ms = 0, oh = 0, om = 0, sign = 0;
	ms_t t;

	if (s[0] >= '0' && s[0] <= '9' && strlen(s) == 24 && !parse_canonical(s, out))
		return 0;
	if (!parse_ymd(&p, &y, &mo, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi) || *p++ != ':' ||
	    !digits(&p, 2, &sec))
		return -1;
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	if (*p == '.') {
		int n = 0;

		for (p++; *p >= '0' && *p <= '9'; p++, n++)
			if (n < 3)
				ms = ms * 10 + (*p - '0');
		if (n == 0)
			return -1;
		for (; n < 3; n++)
			ms *= 10;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (!digits(&p, 2, &om) || oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	/* days_from_civil, not timegm: every record has several times */
	t = (((ms_t)days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60 + sec;
	t = t * 1000 + ms;
	t -= (ms_t)sign * (oh * 60 + om) * 60 * 1000;
	if (t < 0 || t > MS_MAX)
		return -1;
	*out = t;
	return 0;
}

/* Does local time at instant t read as y-mo-d h:mi:sec? */
static bool local_matches(time_t t, long y, int mo, int d, int h, int mi, int sec)
{
	struct tm tm;

	return localtime_r(&t, &tm) && tm.tm_year + 1900L == y && tm.tm_mon + 1 == mo &&
	       tm.tm_mday == d && tm.tm_hour == h && tm.tm_min == mi && tm.tm_sec == sec;
}

/* Remembers t if it reads as the wanted wall time and beats *best. */
static void consider(time_t t, time_t now, long y, int mo, int d, int h, int mi, int sec,
		     time_t *best, bool *found)
{
	if (t > now || !local_matches(t, y, mo, d, h, mi, sec))
		return;
	if (!*found || t > *best)
		*best = t;
	*found = true;
}

/*
 * The latest instant not after now at which the display zone's clock
 * read h:mi:sec on local day `day` (days since 1970-01-01).  A wall time
 * can map to zero instants (spring forward), one, or two (fall back).
 * mktime() is asked under each DST assumption, and, for zones that
 * shift their standard offset, the time is also tried under every UTC
 * offset the zone used within a day of it; each candidate is kept only
 * if localtime_r() reads it back as the wanted wall time.
 */
static bool wall_instant(long day, int h, int mi, int sec, time_t now, time_t *best)
{
	static const int dst[] = { -1, 0, 1 };
	bool found = false;
	long y;
	int mo, d;
	time_t naive;

	civil_from_days(day, &y, &mo, &d);
	naive = (time_t)day * 86400 + h * 3600 + mi * 60 + sec;
	for (size_t i = 0; i < ARRAY_SIZE(dst); i++) {
		struct tm tm;
		time_t t;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = (int)(y - 1900);
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		tm.tm_isdst = dst[i];
		t = mktime(&tm);
		if (t != (time_t)-1)
			consider(t, now, y, mo, d, h, mi, sec, best, &found);
	}
	for (int k = -1; k <= 1; k++) {
		time_t probe = naive + k * 86400;
		struct tm tm;

		if (localtime_r(&probe, &tm))
			consider(naive - tm.tm_gmtoff, now, y, mo, d, h, mi, sec, best, &found);
	}
	return found;
}

int clock_from_wall(int y, int mo, int d, int h, int mi, int sec, int ms, ms_t after, ms_t *out)
{
	time_t naive, cand[3], t;
	size_t n = 0;
	long off_before = 0;

	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0 || ms > 999)
		return -1;
	naive = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	/* every offset the zone used within a day of it, each kept if the
	 * zone's clock reads the wanted time at the instant it gives */
	for (int k = -1; k <= 1; k++) {
		time_t probe = naive + k * 86400;
		struct tm tm;

		if (!localtime_r(&probe, &tm))
			continue;
		if (k == -1)
			off_before = tm.tm_gmtoff;
		t = naive - tm.tm_gmtoff;
		if (!local_matches(t, y, mo, d, h, mi, sec))
			continue;
		if (n == 1 && cand[0] == t)
			continue;
		if (n == 2 && (cand[0] == t || cand[1] == t))
			continue;
		cand[n++] = t;
	}
	if (n == 0) {
		*out = ((ms_t)naive - off_before) * 1000 + ms;
		return CLOCK_WALL_SKIPPED;
	}
	if (n > 1 && cand[1] < cand[0]) {
		t = cand[0];
		cand[0] = cand[1];
		cand[1] = t;
	}
	*out = (ms_t)cand[0] * 1000 + ms;
	if (n == 1)
		return CLOCK_WALL_EXACT;
	if (after >= 0 && after > *out)
		*out = (ms_t)cand[1] * 1000 + ms;
	return CLOCK_WALL_TWICE;
}

int clock_guess_year(int mo, int d, int h, int mi, int sec, ms_t now)
{
	time_t s = split_ms(now, NULL);
	struct tm tm;
	int y;

	if (!localtime_r(&s, &tm))
		return 1970;
	for (y = tm.tm_year + 1901; y > tm.tm_year + 1900 - 8; y--) {
		ms_t t;

		/* Feb 29 only exists in leap years: look further back */
		if (clock_from_wall(y, mo, d, h, mi, sec, 0, -1, &t) >= 0 && t <= now + 86400000)
			return y;
	}
	return tm.tm_year + 1900;
}

/* Parses HH:MM or HH:MM:SS (one or two hour digits) as wall-clock time.
 * Returns 0, -1 when s does not have that form (so it may be something
 * else), or -2 with *why when it has the form but names no usable time. */
static int parse_wall(const char *s, ms_t now, ms_t *out, const char **why)
{
	const char *p = s;
	int h, mi, sec = 0;
	time_t now_s = split_ms(now, NULL), best = 0;
	struct tm tm;
	long today;

	if (!digits(&p, 2, &h) && !digits(&p, 1, &h))
		return -1;
	if (*p++ != ':' || !digits(&p, 2, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &sec))
			return -1;
	}
	if (*p)
		return -1;
	if (h > 23 || mi > 59 || sec > 59) {
		*why = "no such time of day (expected 00:00 to 23:59:59)";
		return -2;
	}
	if (!localtime_r(&now_s, &tm)) {
		*why = "the current time is out of range";
		return -2;
	}
	today = days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
	/* Today, else yesterday.  When the clocks jumped over that time on
	 * the day it last came round, it is refused: taking the day before
	 * would store it a day and an hour earlier without a word. */
	for (long day = today; day >= today - 1; day--) {
		static char gap[160];
		long y;
		int mo, d;
		ms_t t;

		if (wall_instant(day, h, mi, sec, now_s, &best)) {
			if (best < 0) {
				*why = "before 1970";
				return -2;
			}
			*out = (ms_t)best * 1000;
			return 0;
		}
		civil_from_days(day, &y, &mo, &d);
		if (clock_from_wall((int)y, mo, d, h, mi, sec, 0, -1, &t) != CLOCK_WALL_SKIPPED ||
		    (day == today && h * 3600 + mi * 60 + sec > tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec))
			continue;
		snprintf(gap, sizeof(gap),
			 "%s on %04ld-%02d-%02d never happened here: the clocks jumped over it "
			 "(daylight saving); give a time outside the jump, or a full time with its offset",
			 s, y, mo, d);
		*why = gap;
		return -2;
	}
	*why = "that time of day did not happen recently (daylight saving change)";
	return -2;
}

/* Parses -Nh, -Nm, -Ns and their combinations (in that order, each at
 * most once) as an offset before now. */
static int parse_relative(const char *s, ms_t now, ms_t *out, const char **why)
{
	static const struct {
		char unit;
		ms_t ms;
	} units[] = { { 'h', 3600000 }, { 'm', 60000 }, { 's', 1000 } };
	const char *p = s + 1;
	size_t next = 0;
	ms_t back = 0;

	if (!*p) {
		*why = "expected a number after '-' (e.g. -5m)";
		return -1;
	}
	while (*p) {
		ms_t n = 0;
		size_t u;

		if (*p < '0' || *p > '9') {
			*why = "expected a number (e.g. -90s, -5m, -1h30m)";
			return -1;
		}
		for (; *p >= '0' && *p <= '9'; p++) {
			n = n * 10 + (*p - '0');
			if (n > 1000000000) {
				*why = "too far back";
				return -1;
			}
		}
		for (u = next; u < ARRAY_SIZE(units) && units[u].unit != *p; u++)
			;
		if (u == ARRAY_SIZE(units)) {
			*why = *p ? "expected h, m or s after the number, in that order"
				  : "missing unit after the number (h, m or s)";
			return -1;
		}
		back += n * units[u].ms;
		next = u + 1;
		p++;
	}
	if (back > now) {
		*why = "too far back";
		return -1;
	}
	*out = now - back;
	return 0;
}

int clock_parse_time(const char *s, ms_t now, ms_t *out, const char **why)
{
	static const char *bad = "expected HH:MM, -5m or a date like 2026-11-26T14:03:00Z";
	int rc;

	if (!s[0]) {
		*why = "empty time";
		return -1;
	}
	if (s[0] == '-')
		return parse_relative(s, now, out, why);
	rc = parse_wall(s, now, out, why);
	if (rc == 0)
		return 0;
	if (rc == -2)
		return -1;
	if (clock_parse_rfc3339(s, out) == 0)
		return 0;
	*why = bad;
	return -1;
}

/* Formats t with %L replaced by the milliseconds (%% is left alone). */
static enum clock_zone display_zone = CLOCK_LOCAL;

void clock_set_display(enum clock_zone z)
{
	display_zone = z;
}

enum clock_zone clock_display(void)
{
	return display_zone;
}

char *clock_format_local(ms_t t, const char *fmt, char *buf, size_t n)
{
	struct strbuf f = STRBUF_INIT;
	struct tm tm;
	int ms;
	time_t s = split_ms(t, &ms);
	bool utc = display_zone == CLOCK_UTC;

	if (!n)
		return buf;
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 'L') {
			sb_addf(&f, "%03d", ms);
			p++;
		} else if (utc && p[0] == '%' && p[1] == 'Z') {
			sb_adds(&f, "UTC");	/* strftime would say GMT */
			p++;
		} else if (p[0] == '%' && p[1]) {
			sb_add(&f, p, 2);
			p++;
		} else {
			sb_addc(&f, *p);
		}
	}
	if (!(utc ? gmtime_r(&s, &tm) : localtime_r(&s, &tm)))
		memset(&tm, 0, sizeof(tm));
	/* strftime returns 0 both for an empty result and for overflow. */
	if (strftime(buf, n, sb_str(&f), &tm) == 0)
		buf[0] = '\0';
	sb_free(&f);
	return buf;
}

/* Two units, the larger first, each truncated: 45s, 5m 03s, 2h 07m,
 * 3d 04h.  A duration under a second has no sign. */
char *clock_format_duration(ms_t d, char *buf, size_t n)
{
	uint64_t a = d < 0 ? -(uint64_t)d : (uint64_t)d, s = a / 1000;
	const char *sign = d < 0 && s ? "-" : "";

	if (s < 60)
		snprintf(buf, n, "%s%us", sign, (unsigned)s);
	else if (s < 3600)
		snprintf(buf, n, "%s%um %02us", sign, (unsigned)(s / 60), (unsigned)(s % 60));
	else if (s < 86400)
		snprintf(buf, n, "%s%uh %02um", sign, (unsigned)(s / 3600), (unsigned)(s / 60 % 60));
	else
		snprintf(buf, n, "%s%llud %02uh", sign, (unsigned long long)(s / 86400),
			 (unsigned)(s / 3600 % 24));
	return buf;
}

long clock_local_day(ms_t t)
{
	time_t s = split_ms(t, NULL);
	struct tm tm;

	if (!localtime_r(&s, &tm))
		return s / 86400;
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

/* t broken down in the display zone. */
static void display_tm(ms_t t, struct tm *tm)
{
	time_t s = split_ms(t, NULL);

	if (!(display_zone == CLOCK_UTC ? gmtime_r(&s, tm) : localtime_r(&s, tm)))
		memset(tm, 0, sizeof(*tm));
}

bool clock_other_year(ms_t start, ms_t now)
{
	struct tm a, b;

	display_tm(start, &a);
	display_tm(now, &b);
	return a.tm_year != b.tm_year;
}

char *clock_format_within(ms_t t, ms_t start, ms_t now, bool seconds, char *buf, size_t n)
{
	struct tm a, b, c;
	const char *fmt;

	display_tm(t, &a);
	display_tm(start, &b);
	display_tm(now, &c);
	if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
		fmt = seconds ? "%H:%M:%S" : "%H:%M";
	else if (a.tm_year == c.tm_year && b.tm_year == c.tm_year)
		fmt = seconds ? "%m-%d %H:%M:%S" : "%m-%d %H:%M";
	else
		fmt = seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M";
	if (n && strftime(buf, n, fmt, &a) == 0)
		buf[0] = '\0';
	return buf;
}

char *clock_format_utc_beside(ms_t t, char *buf, size_t n)
{
	struct tm shown, utc;
	time_t s = split_ms(t, NULL);

	display_tm(t, &shown);
	if (!gmtime_r(&s, &utc))
		memset(&utc, 0, sizeof(utc));
	if (n && strftime(buf, n, shown.tm_yday == utc.tm_yday && shown.tm_year == utc.tm_year ? "%H:%MZ" : "%m-%dT%H:%MZ",
			  &utc) == 0)
		buf[0] = '\0';
	return buf;
}

bool clock_valid_date(const char *s)
{
	const char *p = s;
	int y, m, d;

	return parse_ymd(&p, &y, &m, &d) && !*p;
}

/* Writes day (days since 1970-01-01) as YYYY-MM-DD. */
static int format_day(long day, char *out, const char **why)
{
	long y;
	int m, d;

	civil_from_days(day, &y, &m, &d);
	if (y < 1970 || y > 9999) {
		*why = "date out of range";
		return -1;
	}
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, m, d);
	return 0;
}

/*
 * Due dates: an absolute "YYYY-MM-DD", or "+Nd", "+Nw", "today" and
 * "tomorrow" counted in calendar days from now's date in the display
 * zone (not in 24-hour steps, so DST does not matter).
 */
int clock_parse_date(const char *s, ms_t now, char *out, const char **why)
{
	long today = clock_local_day(now), n = 0;
	const char *p;

	if (!s[0]) {
		*why = "empty date";
		return -1;
	}
	if (clock_valid_date(s)) {
		memcpy(out, s, 10);
		out[10] = '\0';
		return 0;
	}
	if (!strcasecmp(s, "today"))
		return format_day(today, out, why);
	if (!strcasecmp(s, "tomorrow"))
		return format_day(today + 1, out, why);
	if (s[0] != '+') {
		*why = s[0] >= '0' && s[0] <= '9' ? "no such date (expected YYYY-MM-DD)"
						   : "expected YYYY-MM-DD, +3d, +2w, today or tomorrow";
		return -1;
	}
	for (p = s + 1; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > 3000000) {
			*why = "date out of range";
			return -1;
		}
	}
	if (p == s + 1 || (*p != 'd' && *p != 'w') || p[1]) {
		*why = "expected +Nd or +Nw (e.g. +3d, +2w)";
		return -1;
	}
	return format_day(today + (*p == 'w' ? 7 * n : n), out, why);
}
