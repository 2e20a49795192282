/* Time: the one clock, parsing what people type and formatting what
 * they read.  Files always hold UTC; what is shown follows TZ. */
#ifndef SCRIBE_CLOCK_H
#define SCRIBE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Milliseconds since the Unix epoch, UTC. */
typedef int64_t ms_t;

#define CLOCK_UTC_LEN 25	/* "2026-11-26T23:55:01.123Z" + NUL */

/* Now, from CLOCK_REALTIME. */
ms_t clock_now(void);
/* Milliseconds on a clock that only goes forward (CLOCK_MONOTONIC), for
 * how long something took: not a time of day. */
ms_t clock_mono(void);

/* Writes t as RFC 3339 UTC with milliseconds ("2026-11-26T23:55:01.123Z")
 * into buf (at least CLOCK_UTC_LEN bytes); returns buf. */
char *clock_format_utc(ms_t t, char *buf);

/* Parses RFC 3339: "2026-11-26T14:03:00Z", with optional fraction
 * (any number of digits, kept to the millisecond) and an offset "Z",
 * "+01:00" or "-0530"; 't'/'z' and a space for 'T' are accepted.
 * Returns 0 and stores *out, or -1 when s is not such a time (or is
 * out of range: years 1970..9999). */
int clock_parse_rfc3339(const char *s, ms_t *out);
/* The same for the n bytes at s (no NUL needed; one among them is no
 * time). */
int clock_parse_rfc3339_n(const char *s, size_t n, ms_t *out);

/* Parses a TIME as users type it (SPEC, "TIME"):
 *   HH:MM or HH:MM:SS  the latest such wall-clock moment in the display
 *                      zone (TZ) that is not after now (so 23:50 typed at
 *                      00:10 means yesterday); across a daylight-saving
 *                      change the latest valid instant is chosen, and a
 *                      wall time that does not exist that day is skipped;
 *   RFC 3339           as clock_parse_rfc3339;
 *   -Ns, -Nm, -Nh      N seconds, minutes, hours before now (also
 *                      combined, e.g. -1h30m; N is a whole number).
 * Returns 0 and *out, or -1 with *why set to a static English reason. */
int clock_parse_time(const char *s, ms_t now, ms_t *out, const char **why);

/* A wall-clock time read in the current zone (TZ), for sources that do
 * not say their zone.  Returns CLOCK_WALL_EXACT and *out when the time
 * names one instant; CLOCK_WALL_TWICE when it happens twice (clocks set
 * back): the earlier instant, unless after (the source's previous time,
 * or -1) is already past it, then the later one, so a log written
 * through the change stays in order; CLOCK_WALL_SKIPPED when it never
 * happened (clocks set forward): read with the offset in use before the
 * change, so 02:30 in a gap from 02:00 to 03:00 becomes 03:30; -1 when
 * the date or time does not exist (month 13, 25:00, Feb 30). */
enum { CLOCK_WALL_EXACT, CLOCK_WALL_TWICE, CLOCK_WALL_SKIPPED };
int clock_from_wall(int y, int mo, int d, int h, int mi, int sec, int ms, ms_t after, ms_t *out);

/* The year to give a date written without one (syslog's "Dec  2
 * 00:35:01"): the latest year in which that moment, in the current
 * zone, is not more than a day after now. */
int clock_guess_year(int mo, int d, int h, int mi, int sec, ms_t now);

/* Which zone times are shown in: the display zone (TZ), UTC, or both
 * (the display zone, with UTC beside it where there is room). */
enum clock_zone { CLOCK_LOCAL, CLOCK_UTC, CLOCK_BOTH };
void clock_set_display(enum clock_zone z);
enum clock_zone clock_display(void);

/* Formats t in the display zone with strftime(3) format fmt into buf of
 * size n; returns buf.  "%L" in fmt is replaced by the milliseconds.
 * When times are shown in UTC, the display zone is UTC ("%Z" says UTC). */
char *clock_format_local(ms_t t, const char *fmt, char *buf, size_t n);

/* A moment of an incident that began at start, as a list shows it, in
 * the display zone: the time of day ("14:03", or "14:03:20" with
 * seconds), after the date where its date is not start's ("11-05 14:03")
 * and with the year where start or t is not of now's year
 * ("2017-01-31 20:00").  Returns buf. */
char *clock_format_within(ms_t t, ms_t start, ms_t now, bool seconds, char *buf, size_t n);

/* Whether dates shown for an incident that began at start carry the year
 * (start is not of now's year, in the display zone). */
bool clock_other_year(ms_t start, ms_t now);

/* UTC beside a time shown in the display zone (times: both): "00:10Z",
 * or with the UTC date where it is not the date shown ("01-02T00:10Z").
 * Returns buf. */
char *clock_format_utc_beside(ms_t t, char *buf, size_t n);

/* A duration for people: "45s", "5m 03s", "2h 07m", "3d 04h"; negative
 * durations get a leading '-'.  Returns buf. */
char *clock_format_duration(ms_t d, char *buf, size_t n);

/* The calendar date of t in the display zone, as days since 1970-01-01
 * of that local date (used to tell when a timeline crosses midnight). */
long clock_local_day(ms_t t);

/* Parses a due date: "YYYY-MM-DD" (a real calendar date), or relative to
 * now's local date: "+3d", "+2w", "today", "tomorrow".  Writes the
 * "YYYY-MM-DD" form into out (11 bytes).  Returns 0, or -1 with *why. */
int clock_parse_date(const char *s, ms_t now, char *out, const char **why);

/* True if s is exactly a valid "YYYY-MM-DD" calendar date. */
bool clock_valid_date(const char *s);

#endif
