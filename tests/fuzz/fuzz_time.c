/* libFuzzer target: the parsers of what people type as times and dates
 * (clock_parse_time, clock_parse_rfc3339, clock_parse_date), against a
 * few fixed "now"s in a zone with daylight saving (TZ is set once in
 * LLVMFuzzerInitialize: Europe/Berlin, or $FUZZ_TZ).  Besides memory
 * errors and undefined behaviour, it traps when a promise breaks:
 *   - a failure always comes with a reason (*why);
 *   - an accepted time lies in 1970..9999 and survives a round trip
 *     through clock_format_utc and clock_parse_rfc3339;
 *   - a wall-clock time or a relative time is never after now;
 *   - an accepted due date is a valid YYYY-MM-DD.
 * Build: tests/fuzz/build.sh BUILDDIR; run: tests/fuzz/run.sh. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scribe/clock.h"
#include "scribe/util.h"

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz_time: check failed: %s (line %d)\n", #cond, \
				__LINE__);                                           \
			abort();                                                     \
		}                                                                    \
	} while (0)

#define MS_MAX ((ms_t)253402300799999)	/* 9999-12-31T23:59:59.999Z */

/* Fixed "now"s: an ordinary afternoon, just after the spring-forward gap
 * and during the fall-back repeat in Berlin, ten minutes after the epoch
 * (yesterday is before 1970) and the last representable instant. */
static const ms_t nows[] = {
	1795788181123LL,	/* 2026-11-27T14:03:01.123Z */
	1774747800000LL,	/* 2026-03-29T01:30:00Z, 03:30 CEST */
	1792889100000LL,	/* 2026-10-25T00:45:00Z, 02:45 CEST (repeats) */
	600000LL,		/* 1970-01-01T00:10:00Z */
	MS_MAX,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tz = getenv("FUZZ_TZ");

	(void)argc;
	(void)argv;
	setenv("TZ", tz && *tz ? tz : "Europe/Berlin", 1);
	tzset();
	return 0;
}

static void round_trip(ms_t t)
{
	char buf[CLOCK_UTC_LEN];
	ms_t back = -1;

	CHECK(t >= 0 && t <= MS_MAX);
	clock_format_utc(t, buf);
	CHECK(strlen(buf) == CLOCK_UTC_LEN - 1);
	CHECK(clock_parse_rfc3339(buf, &back) == 0);
	CHECK(back == t);
}

static void show(ms_t t, ms_t now)
{
	char buf[128], dur[64];

	clock_format_local(t, "%Y-%m-%d %H:%M:%S.%L %Z", buf, sizeof(buf));
	clock_format_local(t, "%L%%L%", buf, sizeof(buf));
	clock_format_local(t, "%H:%M", buf, 4);
	clock_format_duration(t - now, dur, sizeof(dur));
	clock_format_duration(now - t, dur, 3);
	(void)clock_local_day(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	ms_t t;

	memcpy(s, data, size);
	s[size] = '\0';	/* the parsers take C strings: a NUL ends the input */

	if (clock_parse_rfc3339(s, &t) == 0) {
		round_trip(t);
		show(t, nows[0]);
	}
	(void)clock_valid_date(s);

	for (size_t i = 0; i < sizeof(nows) / sizeof(nows[0]); i++) {
		ms_t now = nows[i];
		const char *why = NULL;
		char date[11] = "";

		t = -1;
		if (clock_parse_time(s, now, &t, &why) == 0) {
			round_trip(t);
			/* HH:MM[:SS] and -N[hms] are never in the future */
			if (s[0] == '-' || (strlen(s) <= 8 && strchr(s, ':') && !strpbrk(s, "Tt Zz+")))
				CHECK(t <= now);
			show(t, now);
		} else {
			CHECK(why != NULL);
		}

		why = NULL;
		if (clock_parse_date(s, now, date, &why) == 0) {
			CHECK(strlen(date) == 10);
			CHECK(clock_valid_date(date));
		} else {
			CHECK(why != NULL);
		}
	}
	free(s);
	return 0;
}
