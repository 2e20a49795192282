#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/entry.h"
#include "scribe/import.h"
#include "scribe/json.h"
#include "scribe/store.h"
#include "scribe/yamlio.h"
#include "scribe/zip.h"

#define NAME_ROW(name, str) str,
static const char *const format_strs[] = { IMPORT_FORMATS(NAME_ROW) };
#undef NAME_ROW
const struct enum_names import_format_names = { "format", format_strs, IMPORT_FORMAT_COUNT };

#define IMPORT_MAX_INPUT STORE_MAX_FILE	/* bytes read from one file */
#define IMPORT_MAX_BY 200			/* bytes of an author's name */

/* ---- identity: a hash of what names an event in its source ---- */

struct hash {
	uint64_t a, b;
};

static void hash_init(struct hash *h, const char *tag)
{
	h->a = 0xcbf29ce484222325ULL;
	h->b = 0x84222325cbf29ce4ULL;
	for (const char *p = tag; ; p++) {
		h->a = (h->a ^ (unsigned char)*p) * 0x100000001b3ULL;
		h->b = (h->b ^ (unsigned char)*p) * 0x1000193ULL * 0x100000001b3ULL;
		if (!*p)
			break;
	}
}

/* Adds n bytes and a separator, so ("ab","c") and ("a","bc") differ. */
static void hash_add(struct hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h->a = (h->a ^ p[i]) * 0x100000001b3ULL;
		h->b = (h->b ^ p[i]) * 0x1000193ULL * 0x100000001b3ULL + 1;
	}
	h->a = (h->a ^ 0xff) * 0x100000001b3ULL;
	h->b = (h->b ^ 0xff) * 0x1000193ULL * 0x100000001b3ULL + 1;
}

static void hash_adds(struct hash *h, const char *s)
{
	hash_add(h, s ? s : "", s ? strlen(s) : 0);
}

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void base32(char *out, const char *prefix, uint64_t v, size_t len)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	size_t p = strlen(prefix);

	memcpy(out, prefix, p);
	for (size_t i = 0; i < len; i++, v >>= 5)
		out[p + i] = alphabet[v & 31];
	out[p + len] = '\0';
}

/* ---- the set ---- */

static const char *set_name(struct import_set *set, const char *name)
{
	set->names = xreallocarray(set->names, set->nnames + 1, sizeof(*set->names));
	return set->names[set->nnames++] = xstrdup(name);
}

void import_set_free(struct import_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].by);
		free(set->v[i].text);
	}
	free(set->v);
	for (size_t i = 0; i < set->nnames; i++)
		free(set->names[i]);
	free(set->names);
	free(set->source);
	memset(set, 0, sizeof(*set));
}

/* What a reader is working on. */
struct reader {
	const struct import_opts *o;
	struct import_set *set;
	struct diags *d;
	const char *file;	/* for messages; owned by the set */
	const char *by;		/* author when the source names none */
	ms_t last;		/* the previous event's time, for clocks set back */
};

static void one_line(struct strbuf *sb)
{
	for (size_t i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\n' || sb->buf[i] == '\r' || sb->buf[i] == '\t')
			sb->buf[i] = ' ';
}

/* Adds an event: cleans its text, finds its kind.  text is taken.
 * h holds what identifies it in the source, or is NULL: then its time,
 * author and text do (and a counter, added later, tells identical ones
 * apart).  Returns 0, or -1 after an error in rd->d. */
static int add_item(struct reader *rd, ms_t at, const char *by, struct strbuf *text,
		    const struct hash *h, int line, bool zoneless)
{
	struct import_set *set = rd->set;
	struct import_item *it;
	struct strbuf b = STRBUF_INIT;
	enum kind kind = rd->o->kind;
	const char *p, *rest;
	bool ruled = false;

	entry_clean_text(text);
	p = sb_str(text);
	p += strspn(p, " \t\n");
	if (text->len > YAMLIO_MAX_SCALAR) {
		diags_add(rd->d, DIAG_ERROR, rd->file, line, 1,
			  "an event of more than %d bytes (a line without a time continues the one before)",
			  YAMLIO_MAX_SCALAR);
		sb_free(text);
		return -1;
	}
	if ((rest = entry_kind_prefix(p, &kind))) {
		p = rest;
		ruled = true;
	}
	for (size_t i = 0; i < rd->o->nrules && !ruled; i++)
		if (!regexec(&rd->o->rules[i].re, p, 0, NULL, 0)) {
			kind = rd->o->rules[i].kind;
			ruled = true;
		}
	sb_adds(&b, by && by[0] ? by : rd->by);
	entry_clean_text(&b);
	one_line(&b);
	/* an author is a name: a long one is cut, on a character boundary */
	if (b.len > IMPORT_MAX_BY) {
		b.len = IMPORT_MAX_BY;
		while (b.len && (b.buf[b.len] & 0xc0) == 0x80)
			b.len--;
		b.buf[b.len] = '\0';
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	it = &set->v[set->n++];
	memset(it, 0, sizeof(*it));
	it->at = at;
	it->by = sb_detach(&b);
	it->text = xstrdup(p);
	it->kind = kind;
	if (h) {
		it->h[0] = h->a;
		it->h[1] = h->b;
	} else {
		struct hash c;

		hash_init(&c, format_strs[set->format]);
		hash_add(&c, &at, sizeof(at));
		hash_adds(&c, it->by);
		hash_adds(&c, sb_str(text));
		it->h[0] = c.a;
		it->h[1] = c.b;
	}
	it->file = rd->file;
	it->line = line;
	it->zoneless = zoneless;
	set->zoneless += zoneless;
	rd->last = at;
	sb_free(text);
	return 0;
}

/* ---- times in lines ---- */

struct wall_stamp {
	int y, mo, d, h, mi, s, ms;
	bool has_year, has_zone;
	int off;		/* seconds east of UTC, when has_zone */
	size_t len;		/* bytes it took */
	bool syslog;		/* "Dec  2 00:35:01": a host follows */
};

static bool digits(const char *p, size_t n, int *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*v = *v * 10 + (p[i] - '0');
	}
	return true;
}

/* HH:MM[:SS[.fff]] at p, with ranges checked.  Returns the bytes taken,
 * or 0 with *col (an offset from p) and *why. */
static size_t parse_clock(const char *p, struct wall_stamp *st, bool need_seconds, size_t *col,
			  const char **why)
{
	const char *q = p;

	if (!digits(q, 2, &st->h) || q[2] != ':' || !digits(q + 3, 2, &st->mi)) {
		*col = 0;
		*why = "a time must be HH:MM or HH:MM:SS";
		return 0;
	}
	q += 5;
	st->s = st->ms = 0;
	if (*q == ':') {
		if (!digits(q + 1, 2, &st->s)) {
			*col = (size_t)(q + 1 - p);
			*why = "seconds must be two digits";
			return 0;
		}
		q += 3;
		if ((*q == '.' || *q == ',') && q[1] >= '0' && q[1] <= '9') {
			int n = 0;

			for (q++; *q >= '0' && *q <= '9'; q++, n++)
				if (n < 3)
					st->ms = st->ms * 10 + (*q - '0');
			for (; n < 3; n++)
				st->ms *= 10;
		}
	} else if (need_seconds) {
		*col = (size_t)(q - p);
		*why = "seconds must follow (HH:MM:SS)";
		return 0;
	}
	if (st->h > 23) {
		*col = 0;
		*why = "the hour is past 23";
		return 0;
	}
	if (st->mi > 59) {
		*col = 3;
		*why = "the minute is past 59";
		return 0;
	}
	if (st->s > 59) {
		*col = 6;
		*why = "the second is past 59";
		return 0;
	}
	return (size_t)(q - p);
}

static int days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* A timestamp at the start of line p (NUL-terminated).  Returns 1 and
 * st, 0 when the line does not start with one (it continues the event
 * before), or -1 with *col (0-based) and *why when it starts like one
 * but is not a valid time. */
static int parse_stamp(const char *p, struct wall_stamp *st, size_t *col, const char **why)
{
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	size_t n, c;
	const char *q;

	memset(st, 0, sizeof(*st));
	/* RFC 3339, "YYYY-MM-DD HH:MM[:SS]", journalctl's short-iso */
	if (digits(p, 4, &st->y) && p[4] == '-' && digits(p + 5, 2, &st->mo) && p[7] == '-' &&
	    digits(p + 8, 2, &st->d) && (p[10] == 'T' || p[10] == 't' || p[10] == ' ') &&
	    p[11] >= '0' && p[11] <= '9') {
		st->has_year = true;
		if (st->mo < 1 || st->mo > 12) {
			*col = 5;
			*why = "no such month";
			return -1;
		}
		if (st->d < 1 || st->d > days_in(st->y, st->mo)) {
			*col = 8;
			*why = "no such day in that month";
			return -1;
		}
		if (st->y < 1970) {
			*col = 0;
			*why = "a year before 1970";
			return -1;
		}
		if (!(n = parse_clock(p + 11, st, false, &c, why))) {
			*col = 11 + c;
			return -1;
		}
		q = p + 11 + n;
		if (*q == 'Z' || *q == 'z') {
			st->has_zone = true;
			q++;
		} else if ((*q == '+' || *q == '-') && q[1] >= '0' && q[1] <= '9') {
			int oh, om = 0, sign = *q == '-' ? -1 : 1;
			const char *z = q;

			if (!digits(q + 1, 2, &oh)) {
				*col = (size_t)(z - p);
				*why = "a zone offset is +HH:MM, +HHMM or +HH";
				return -1;
			}
			q += 3;
			if (*q == ':')
				q++;
			if (q[0] >= '0' && q[0] <= '9') {
				if (!digits(q, 2, &om)) {
					*col = (size_t)(z - p);
					*why = "a zone offset is +HH:MM, +HHMM or +HH";
					return -1;
				}
				q += 2;
			}
			if (oh > 23 || om > 59) {
				*col = (size_t)(z - p);
				*why = "no such zone offset";
				return -1;
			}
			st->has_zone = true;
			st->off = sign * (oh * 3600 + om * 60);
		} else if (!strncmp(q, " UTC", 4) && (q[4] == ' ' || !q[4])) {
			st->has_zone = true;
			q += 4;
		}
		if (*q && *q != ' ' && *q != '\t') {
			*col = (size_t)(q - p);
			*why = "the time is followed by something that is not a zone or a space";
			return -1;
		}
		st->len = (size_t)(q - p);
		return 1;
	}
	/* syslog and journalctl short / short-precise: "Dec  2 00:35:01" */
	for (int m = 0; m < 12; m++) {
		int d;

		if (strncmp(p, months[m], 3) || p[3] != ' ')
			continue;
		q = p + 4;
		if (*q == ' ')
			q++;
		if (!(q[0] >= '0' && q[0] <= '9'))
			return 0;
		if (q[1] >= '0' && q[1] <= '9') {
			digits(q, 2, &d);
			q += 2;
		} else {
			d = q[0] - '0';
			q++;
		}
		if (*q != ' ')
			return 0;
		st->mo = m + 1;
		st->d = d;
		if (d < 1 || d > days_in(2000, st->mo)) {	/* 2000: Feb 29 may be */
			*col = 4;
			*why = "no such day in that month";
			return -1;
		}
		q++;
		if (!(n = parse_clock(q, st, true, &c, why))) {
			*col = (size_t)(q - p) + c;
			return -1;
		}
		q += n;
		if (*q && *q != ' ') {
			*col = (size_t)(q - p);
			*why = "the time is followed by something that is not a space";
			return -1;
		}
		st->syslog = true;
		st->len = (size_t)(q - p);
		return 1;
	}
	return 0;
}

/* "host ident[pid]: " after a syslog or journal time: the length of the
 * host word when the rest looks like that, else 0. */
static size_t host_word(const char *p)
{
	size_t h = strcspn(p, " \t"), i;

	if (!h || p[h] != ' ')
		return 0;
	i = h + 1;
	i += strcspn(p + i, " \t:[");
	if (i == h + 1)
		return 0;
	if (p[i] == '[') {
		i++;
		while (p[i] >= '0' && p[i] <= '9')
			i++;
		if (p[i] != ']')
			return 0;
		i++;
	}
	return p[i] == ':' && (p[i + 1] == ' ' || !p[i + 1]) ? h : 0;
}

/* The instant of a stamp's fields as UTC. */
static int clock_from_wall_utc(const struct wall_stamp *st, ms_t *out)
{
	char buf[48];

	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", st->y, st->mo, st->d, st->h,
		 st->mi, st->s, st->ms);
	return clock_parse_rfc3339(buf, out);
}

/* The instant of a stamp: exact with a zone, else read in TZ (with a
 * warning when the clocks changed there).  Returns 0 or -1 (error in
 * rd->d). */
static int stamp_time(struct reader *rd, struct wall_stamp *st, int line, ms_t *out)
{
	ms_t t;
	int rc;

	if (st->has_zone) {
		if (clock_from_wall_utc(st, &t))
			goto bad;
		*out = t - (ms_t)st->off * 1000;
		return 0;
	}
	if (!st->has_year && rd->o->year)
		st->y = rd->o->year;
	else if (!st->has_year)
		st->y = clock_guess_year(st->mo, st->d, st->h, st->mi, st->s, rd->o->now);
	rc = clock_from_wall(st->y, st->mo, st->d, st->h, st->mi, st->s, st->ms, rd->last, out);
	if (rc < 0)
		goto bad;
	if (rc != CLOCK_WALL_EXACT) {
		char when[64];

		clock_format_local(*out, "%Y-%m-%d %H:%M:%S %z", when, sizeof(when));
		diags_add(rd->d, DIAG_WARNING, rd->file, line, 1,
			  rc == CLOCK_WALL_TWICE
			  ? "%04d-%02d-%02d %02d:%02d:%02d happened twice (clocks set back) in %s: read as %s"
			  : "%04d-%02d-%02d %02d:%02d:%02d never happened (clocks set forward) in %s: read as %s",
			  st->y, st->mo, st->d, st->h, st->mi, st->s, rd->o->zone, when);
	}
	return 0;
bad:
	diags_add(rd->d, DIAG_ERROR, rd->file, line, 1, "a time outside 1970-9999");
	return -1;
}

/* ---- lines ---- */

static int read_lines(struct reader *rd, const char *buf, size_t len)
{
	struct strbuf line = STRBUF_INIT, text = STRBUF_INIT, by = STRBUF_INIT;
	size_t pos = 0;
	int lineno = 0, start = 0, rc = 0;
	bool open = false, zoneless = false;
	ms_t at = 0;

	while (pos < len && !rc) {
		size_t end = pos, n;
		struct wall_stamp st;
		const char *why, *p;
		size_t col;
		int k;

		while (end < len && buf[end] != '\n')
			end++;
		n = end - pos;
		if (n && buf[pos + n - 1] == '\r')
			n--;
		lineno++;
		sb_reset(&line);
		sb_add(&line, buf + pos, n);
		pos = end + 1;
		p = sb_str(&line);
		/* journalctl's own lines: "-- Boot 1a2b… --", "-- No entries --" */
		if (n >= 6 && !strncmp(p, "-- ", 3) && !strcmp(p + n - 3, " --"))
			continue;
		k = parse_stamp(p, &st, &col, &why);
		if (k < 0) {
			diags_add(rd->d, DIAG_ERROR, rd->file, lineno, (int)col + 1, "bad time: %s", why);
			rc = -1;
			break;
		}
		if (k == 0) {
			if (!open) {
				if (!p[strspn(p, " \t")])
					continue;
				diags_add(rd->d, DIAG_ERROR, rd->file, lineno, 1,
					  "no time at the start of the line, and no line before it to continue "
					  "(a line begins with RFC 3339, YYYY-MM-DD HH:MM[:SS] or a syslog time)");
				rc = -1;
				break;
			}
			sb_addc(&text, '\n');
			sb_add(&text, line.buf, line.len);
			continue;
		}
		if (open && (rc = add_item(rd, at, sb_str(&by), &text, NULL, start, zoneless)))
			break;
		sb_reset(&text);
		sb_reset(&by);
		if (stamp_time(rd, &st, lineno, &at)) {
			rc = -1;
			break;
		}
		zoneless = !st.has_zone;
		start = lineno;
		open = true;
		p += st.len;
		p += strspn(p, " \t");
		{
			size_t h = host_word(p);

			if (!h && st.syslog)
				h = strcspn(p, " \t");
			if (h) {
				sb_add(&by, p, h);
				p += h;
				p += strspn(p, " \t");
			}
		}
		sb_add(&text, p, line.len - (size_t)(p - line.buf));
	}
	if (!rc && open)
		rc = add_item(rd, at, sb_str(&by), &text, NULL, start, zoneless);
	sb_free(&line);
	sb_free(&text);
	sb_free(&by);
	return rc;
}

/* ---- JSON lines: journalctl -o json, and any other ---- */

/* The value at a dotted path ("a.b") in object o. */
static const struct json *json_path(const struct json *o, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	const struct json *v = o;

	for (char *part = strtok_r(copy, ".", &save); part && v; part = strtok_r(NULL, ".", &save))
		v = json_get(v, part);
	free(copy);
	return v;
}

static const struct json *first_field(const struct json *o, const char *given,
				      const char *const *names, const char **used)
{
	if (given) {
		*used = given;
		return json_path(o, given);
	}
	for (size_t i = 0; names[i]; i++) {
		const struct json *v = json_get(o, names[i]);

		if (v && v->type != JSON_NULL) {
			*used = names[i];
			return v;
		}
	}
	*used = names[0];
	return NULL;
}

/* A number of seconds since 1970 (milliseconds with more than 11
 * digits before the point). */
static int epoch_time(const char *s, ms_t *out)
{
	char *end;
	double v;
	size_t whole = strcspn(s, ".eE");

	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || v < 0 || v > 253402300799000.0)
		return -1;
	if (whole > 11 + (s[0] == '-'))
		*out = (ms_t)v;
	else
		*out = (ms_t)(v * 1000.0 + 0.5);
	return *out > 253402300799999LL ? -1 : 0;
}

static int read_jsonl(struct reader *rd, const char *buf, size_t len, bool journal)
{
	static const char *const time_names[] = { "time", "timestamp", "ts", "@timestamp", "date", NULL };
	static const char *const text_names[] = { "text", "message", "msg", "MESSAGE", NULL };
	static const char *const by_names[] = { "by", "author", "user", "host", "hostname", NULL };
	struct strbuf text = STRBUF_INIT;
	size_t pos = 0;
	int lineno = 0, rc = 0;

	while (pos < len && !rc) {
		size_t end = pos;
		struct json_doc doc = { 0 };
		const struct json *o, *tv, *xv, *bv;
		const char *used, *by = NULL;
		struct hash h, *hp = NULL;
		bool zoneless = false;
		ms_t at = 0;

		while (end < len && buf[end] != '\n')
			end++;
		lineno++;
		if (pos + strspn(buf + pos, " \t\r") >= end) {
			pos = end + 1;
			continue;
		}
		if (json_parse(&doc, buf + pos, end - pos, lineno)) {
			diags_add(rd->d, DIAG_ERROR, rd->file, doc.line, doc.col, "%s", doc.error);
			json_free(&doc);
			rc = -1;
			break;
		}
		pos = end + 1;
		o = doc.root;
		sb_reset(&text);
		if (o->type != JSON_OBJECT) {
			diags_add(rd->d, DIAG_ERROR, rd->file, o->line, o->col, "each line must hold one JSON object");
			rc = -1;
		} else if (journal) {
			const char *us = json_get_string(o, "__REALTIME_TIMESTAMP");
			const char *unit = json_get_string(o, "_SYSTEMD_UNIT");
			const char *cursor = json_get_string(o, "__CURSOR");
			const struct json *m = json_get(o, "MESSAGE");
			char *e2;
			unsigned long long v;

			if (!unit)
				unit = json_get_string(o, "SYSLOG_IDENTIFIER");
			if (!unit)
				unit = json_get_string(o, "_COMM");
			by = json_get_string(o, "_HOSTNAME");
			errno = 0;
			v = us && us[0] >= '0' && us[0] <= '9' ? strtoull(us, &e2, 10) : 0;
			if (!us || errno || *e2 || v / 1000 > 253402300799999ULL) {
				const struct json *at_v = us ? json_get(o, "__REALTIME_TIMESTAMP") : o;

				diags_add(rd->d, DIAG_ERROR, rd->file, at_v->line, at_v->col,
					  us ? "__REALTIME_TIMESTAMP must be microseconds since 1970, in a string"
					     : "no __REALTIME_TIMESTAMP (is this journalctl -o json?)");
				rc = -1;
			} else if (!m || m->type == JSON_NULL) {
				rd->set->skipped++;	/* an entry without a message */
			} else {
				at = (ms_t)(v / 1000);
				if (unit) {
					sb_adds(&text, unit);
					sb_adds(&text, ": ");
				}
				if (m->type == JSON_STRING) {
					sb_add(&text, m->s, m->len);
				} else if (m->type == JSON_ARRAY) {
					/* bytes that are not UTF-8, as journalctl writes them */
					for (const struct json *b = m->child; b && !rc; b = b->next) {
						long c = b->type == JSON_NUMBER ? strtol(b->s, &e2, 10) : -1;

						if (b->type == JSON_STRING) {	/* a field given twice */
							if (b != m->child)
								sb_addc(&text, '\n');
							sb_add(&text, b->s, b->len);
						} else if (c < 0 || c > 255 || *e2) {
							diags_add(rd->d, DIAG_ERROR, rd->file, b->line, b->col,
								  "MESSAGE as an array holds bytes (0 to 255)");
							rc = -1;
						} else {
							sb_addc(&text, (char)c);
						}
					}
				} else {
					diags_add(rd->d, DIAG_ERROR, rd->file, m->line, m->col,
						  "MESSAGE must be a string or an array of bytes");
					rc = -1;
				}
				if (cursor) {
					hash_init(&h, "journal");
					hash_adds(&h, cursor);
					hp = &h;
				}
				if (!rc)
					rc = add_item(rd, at, by, &text, hp, lineno, false);
			}
		} else {
			const struct json *where = o;

			tv = first_field(o, rd->o->time_field, time_names, &used);
			if (!tv) {
				diags_add(rd->d, DIAG_ERROR, rd->file, o->line, o->col,
					  "no time field \"%s\" (--time-field names another)", used);
				rc = -1;
			} else if (tv->type == JSON_NUMBER) {
				if (epoch_time(tv->s, &at)) {
					diags_add(rd->d, DIAG_ERROR, rd->file, tv->line, tv->col,
						  "bad time: a number is seconds since 1970");
					rc = -1;
				}
			} else if (tv->type == JSON_STRING) {
				struct wall_stamp st;
				size_t col;
				const char *why = "not a time";
				int k = parse_stamp(tv->s, &st, &col, &why);

				if (k <= 0 || tv->s[st.len]) {
					diags_add(rd->d, DIAG_ERROR, rd->file, tv->line, tv->col + 1 + (k < 0 ? (int)col : 0),
						  "bad time: %s", k < 0 ? why : "RFC 3339, YYYY-MM-DD HH:MM[:SS] or a syslog time expected");
					rc = -1;
				} else if (stamp_time(rd, &st, tv->line, &at)) {
					rc = -1;
				} else {
					zoneless = !st.has_zone;
				}
			} else {
				diags_add(rd->d, DIAG_ERROR, rd->file, tv->line, tv->col,
					  "bad time: a string or a number expected");
				rc = -1;
			}
			if (!rc && !(xv = first_field(o, rd->o->text_field, text_names, &used))) {
				diags_add(rd->d, DIAG_ERROR, rd->file, where->line, where->col,
					  "no text field \"%s\" (--text-field names another)", used);
				rc = -1;
			} else if (!rc && xv->type != JSON_STRING) {
				diags_add(rd->d, DIAG_ERROR, rd->file, xv->line, xv->col, "the text must be a string");
				rc = -1;
			} else if (!rc) {
				sb_add(&text, xv->s, xv->len);
				bv = first_field(o, rd->o->by_field, by_names, &used);
				by = json_string(bv);
				rc = add_item(rd, at, by, &text, NULL, lineno, zoneless);
			}
		}
		json_free(&doc);
	}
	sb_free(&text);
	return rc;
}

/* ---- a Slack export ---- */

struct suser {
	char *id, *name;	/* name: as shown, the display name first */
	char *login, *real;	/* "name" and "real_name", "" when none: a DM is chosen by any */
	bool bot;
};

struct smsg {
	ms_t at;
	char *ts, *thread;	/* thread: the parent's ts, or NULL */
	char *by, *text;
	const char *file;
	int line;
	bool reply;
	size_t parent;		/* index of the parent, or (size_t)-1 */
};

struct slack {
	struct reader *rd;
	const char *dir;	/* the folder, or the zip archive */
	struct zip *zip;	/* NULL: a folder */
	char *prefix;		/* in the zip: "" or the one folder it all is in, "export/" */
	struct suser *users;
	size_t nusers;
	struct smsg *msgs;
	size_t nmsgs, capmsgs;
	char *chan_id, *chan_name;	/* name: as the source says it, "#general" */
	char *chan_dir;		/* its folder in the export: its name, or a DM's id */
};

static int suser_cmp(const void *a, const void *b)
{
	return strcmp(((const struct suser *)a)->id, ((const struct suser *)b)->id);
}

static const struct suser *slack_user(const struct slack *sl, const char *id)
{
	struct suser key = { .id = (char *)id };

	return id && sl->nusers ? bsearch(&key, sl->users, sl->nusers, sizeof(key), suser_cmp) : NULL;
}

static int read_file(const char *path, struct strbuf *sb, struct error *e);

/* Reads the export's file rel ("users.json", "general/2026-12-02.json")
 * into sb; *file: its name for messages, owned by the set.  Returns
 * EXIT_NOINPUT (e unset) when the export has no such file. */
static int slack_read(struct slack *sl, const char *rel, struct strbuf *sb, const char **file, struct error *e)
{
	const struct zip_entry *ent;
	char *path;
	int rc;

	if (!sl->zip) {
		path = xasprintf("%s/%s", sl->dir, rel);
		*file = set_name(sl->rd->set, path);
		free(path);
		if ((rc = read_file(*file, sb, e)) == EXIT_NOINPUT)
			e->msg[0] = '\0';
		return rc;
	}
	path = xasprintf("%s%s", sl->prefix, rel);
	ent = zip_find(sl->zip, path);
	free(path);
	path = xasprintf("%s/%s%s", sl->dir, sl->prefix, rel);
	*file = set_name(sl->rd->set, path);
	free(path);
	if (!ent || ent->dir)
		return EXIT_NOINPUT;
	return zip_read(sl->zip, ent, sb, e);
}

/* Reads and parses the export's file name; NULL root when it is
 * missing and optional. */
static int slack_json(struct slack *sl, const char *name, bool optional, struct json_doc *doc,
		      const char **file, struct error *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	doc->root = NULL;
	if ((rc = slack_read(sl, name, &sb, file, e))) {
		sb_free(&sb);
		if (rc == EXIT_NOINPUT && optional)
			return 0;
		if (rc == EXIT_NOINPUT)
			error_set(e, rc, "%s is not a Slack export: it has no %s", sl->dir, name);
		return rc;
	}
	if (json_parse(doc, sb_str(&sb), sb.len, 1)) {
		diags_add(sl->rd->d, DIAG_ERROR, *file, doc->line, doc->col, "%s", doc->error);
		sb_free(&sb);
		return EXIT_DATAERR;
	}
	sb_free(&sb);
	if (doc->root->type != JSON_ARRAY) {
		diags_add(sl->rd->d, DIAG_ERROR, *file, doc->root->line, doc->root->col,
			  "a Slack export's %s holds an array", name);
		return EXIT_DATAERR;
	}
	return 0;
}

static int slack_users(struct slack *sl, struct error *e)
{
	struct json_doc doc = { 0 };
	const char *file;
	int rc = slack_json(sl, "users.json", true, &doc, &file, e);

	if (rc || !doc.root) {
		json_free(&doc);
		return rc;
	}
	for (const struct json *u = doc.root->child; u; u = u->next) {
		const struct json *prof = json_get(u, "profile");
		const char *id = json_get_string(u, "id"), *name = NULL;
		const char *cands[] = { json_get_string(prof, "display_name"),
					json_get_string(prof, "real_name"),
					json_get_string(u, "real_name"), json_get_string(u, "name") };
		const struct json *bot = json_get(u, "is_bot");

		if (!id)
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(cands) && !name; i++)
			if (cands[i] && cands[i][0])
				name = cands[i];
		sl->users = xreallocarray(sl->users, sl->nusers + 1, sizeof(*sl->users));
		sl->users[sl->nusers].id = xstrdup(id);
		sl->users[sl->nusers].name = xstrdup(name ? name : id);
		sl->users[sl->nusers].login = xstrdup(cands[3] ? cands[3] : "");
		sl->users[sl->nusers].real = xstrdup(cands[2] ? cands[2] : cands[1] ? cands[1] : "");
		sl->users[sl->nusers].bot = bot && bot->type == JSON_TRUE;
		sl->nusers++;
	}
	json_free(&doc);
	qsort(sl->users, sl->nusers, sizeof(*sl->users), suser_cmp);
	return 0;
}

/* Whether the user with the id is called name (any of its names, or its id). */
static bool slack_called(const struct slack *sl, const char *id, const char *name, size_t len)
{
	const struct suser *u = slack_user(sl, id);
	const char *names[] = { id, u ? u->name : NULL, u ? u->login : NULL, u ? u->real : NULL };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i] && strlen(names[i]) == len && !strncmp(names[i], name, len))
			return true;
	return false;
}

/* Whether the DM's members answer to every name in want ("bob",
 * "alice.l+bob", "@alice,@bob"). */
static bool slack_dm_is(const struct slack *sl, const struct json *members, const char *want)
{
	if (!members || members->type != JSON_ARRAY || !want[0])
		return false;
	while (*want) {
		size_t n;
		bool found = false;

		if (*want == '@')
			want++;
		n = strcspn(want, ",+");
		for (const struct json *m = members->child; m && !found; m = m->next)
			found = json_string(m) && slack_called(sl, json_string(m), want, n);
		if (!found)
			return false;
		want += n;
		if (*want)
			want++;
	}
	return true;
}

/* Finds the conversation want names in channels.json, groups.json,
 * mpims.json (by name or id) and dms.json (by id, or by its members'
 * names); without want, the only one there is. */
static int slack_channel(struct slack *sl, const char *want, struct error *e)
{
	static const char *const lists[] = { "channels.json", "groups.json", "mpims.json", "dms.json" };
	struct json_doc docs[ARRAY_SIZE(lists)];
	struct strbuf names = STRBUF_INIT, dms = STRBUF_INIT, shown = STRBUF_INIT;
	size_t count = 0, ndm = 0;
	bool exact = false;
	int rc = 0;

	memset(docs, 0, sizeof(docs));
	if (want && want[0] == '#')
		want++;
	else if (want && !strncmp(want, "dm:", 3))
		want += 3;
	for (size_t i = 0; i < ARRAY_SIZE(lists) && !rc; i++) {
		const char *file;
		bool dm = !strcmp(lists[i], "dms.json");

		if ((rc = slack_json(sl, lists[i], i > 0, &docs[i], &file, e)) || !docs[i].root)
			continue;
		for (const struct json *c = docs[i].root->child; c && !exact; c = c->next) {
			const char *id = json_get_string(c, "id"), *name = json_get_string(c, "name");
			const struct json *members = json_get(c, "members");
			const char *dir = dm ? id : name;
			bool is;

			if (!id || !dir || !dir[0] || dir[0] == '.' || strchr(dir, '/') || strchr(dir, '\\'))
				continue;	/* a name that could leave the folder is no channel */
			count++;
			sb_reset(&shown);
			if (dm) {
				sb_adds(&shown, "dm:");
				for (const struct json *m = members && members->type == JSON_ARRAY ? members->child : NULL;
				     m; m = m->next) {
					const struct suser *u = slack_user(sl, json_string(m));

					if (json_string(m))
						sb_addf(&shown, "%s%s", m == members->child ? "" : "+",
							u ? u->name : json_string(m));
				}
				if (shown.len == 3)
					sb_adds(&shown, id);
			} else {
				sb_addf(&shown, "#%s", name);
			}
			sb_addf(&names, "%s%s", names.len ? ", " : "", sb_str(&shown));
			is = want ? !strcmp(want, id) || (!dm && !strcmp(want, name)) : false;
			if (!is && want && dm && slack_dm_is(sl, members, want)) {
				sb_addf(&dms, "%s%s (%s)", dms.len ? ", " : "", sb_str(&shown), id);
				if (ndm++)
					continue;
			} else if (!is && (want || count > 1)) {
				continue;
			}
			/* the first that answers: an exact match ends the search; a DM
			 * by its members' names must be the only one */
			free(sl->chan_id);
			free(sl->chan_name);
			free(sl->chan_dir);
			sl->chan_id = xstrdup(id);
			sl->chan_name = xstrdup(sb_str(&shown));
			sl->chan_dir = xstrdup(dir);
			exact = is;
		}
	}
	if (!rc && !want && count > 1) {
		free(sl->chan_name);
		sl->chan_name = NULL;
	}
	if (!rc && !exact && ndm > 1)
		rc = error_set(e, EXIT_USAGE,
			       "\"%s\" names %zu direct messages in the Slack export %s: %s; --channel takes a DM's id, "
			       "or all its members' names joined by '+'",
			       want, ndm, sl->dir, sb_str(&dms));
	else if (!rc && !sl->chan_name) {
		if (want)
			rc = error_set(e, EXIT_USAGE, "no channel \"%s\" in the Slack export %s (it has %s)", want,
				       sl->dir, names.len ? sb_str(&names) : "none");
		else
			rc = error_set(e, EXIT_USAGE, "which channel? --channel NAME (the export %s has %s)",
				       sl->dir, names.len ? sb_str(&names) : "none");
	}
	for (size_t i = 0; i < ARRAY_SIZE(docs); i++)
		json_free(&docs[i]);
	sb_free(&names);
	sb_free(&dms);
	sb_free(&shown);
	return rc;
}

/* Slack's markup as people read it: <@U1> is @name, <#C1|name> #name,
 * <!here> @here, <url|label> "label (url)"; &amp; &lt; &gt; unescaped. */
static void slack_text(const struct slack *sl, const char *s, struct strbuf *out)
{
	bool closes = true;	/* false once no '>' is left: each byte is looked at once */

	while (*s) {
		if (*s == '<' && closes) {
			const char *close = strchr(s, '>');

			closes = close != NULL;

			if (close) {
				char *in = xstrndup(s + 1, (size_t)(close - s - 1));
				char *bar = strchr(in, '|');
				const char *label = bar ? bar + 1 : NULL;

				if (bar)
					*bar = '\0';
				if (in[0] == '@') {
					const struct suser *u = slack_user(sl, in + 1);

					sb_addf(out, "@%s", label ? label : u ? u->name : in + 1);
				} else if (in[0] == '#') {
					sb_addf(out, "#%s", label ? label : in + 1);
				} else if (in[0] == '!') {
					const char *w = label ? label : in + 1;

					sb_addf(out, "%s%s", w[0] == '@' ? "" : "@", w);
				} else if (label && strcmp(label, in) && strncmp(in, "mailto:", 7)) {
					sb_addf(out, "%s (%s)", label, in);
				} else {
					sb_adds(out, label ? label : in);
				}
				free(in);
				s = close + 1;
				continue;
			}
		}
		if (*s == '&') {
			static const struct {
				const char *ent, *ch;
			} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" } };
			size_t i;

			for (i = 0; i < ARRAY_SIZE(ents); i++)
				if (!strncmp(s, ents[i].ent, strlen(ents[i].ent)))
					break;
			if (i < ARRAY_SIZE(ents)) {
				sb_adds(out, ents[i].ch);
				s += strlen(ents[i].ent);
				continue;
			}
		}
		sb_addc(out, *s++);
	}
}

/* "1764635701.123456" as an instant. */
static int slack_ts(const char *ts, ms_t *out)
{
	int ms = 0, n = 0;
	const char *p = ts;
	ms_t sec = 0;

	if (!ts || !(*p >= '0' && *p <= '9'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((sec = sec * 10 + (*p - '0')) > 253402300799LL)
			return -1;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, n++)
			if (n < 3)
				ms = ms * 10 + (*p - '0');
	if (*p)
		return -1;
	for (; n < 3; n++)
		ms *= 10;
	*out = sec * 1000 + ms;
	return 0;
}

static bool slack_noise(const char *subtype)
{
	/* what people wrote; everything else (joins, leaves, topic changes,
	 * bots, pins, deleted placeholders) is the channel talking */
	static const char *const kept[] = { "thread_broadcast", "file_share", "me_message" };

	if (!subtype)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(kept); i++)
		if (!strcmp(subtype, kept[i]))
			return false;
	return true;
}

/* Reads one day of the channel, rel ("general/2026-12-02.json"). */
static int slack_day(struct slack *sl, const char *rel, struct error *e)
{
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	struct json_doc doc = { 0 };
	const char *file;
	int rc;

	if ((rc = slack_read(sl, rel, &sb, &file, e))) {
		if (rc == EXIT_NOINPUT)
			error_set(e, rc, "cannot read %s: it went away", file);
		sb_free(&sb);
		return rc;
	}
	if (json_parse(&doc, sb_str(&sb), sb.len, 1)) {
		diags_add(sl->rd->d, DIAG_ERROR, file, doc.line, doc.col, "%s", doc.error);
		rc = EXIT_DATAERR;
	} else if (doc.root->type != JSON_ARRAY) {
		diags_add(sl->rd->d, DIAG_ERROR, file, doc.root->line, doc.root->col,
			  "a day of a Slack channel holds an array of messages");
		rc = EXIT_DATAERR;
	}
	for (const struct json *m = rc ? NULL : doc.root->child; m && !rc; m = m->next) {
		const char *type = json_get_string(m, "type"), *ts = json_get_string(m, "ts");
		const char *user = json_get_string(m, "user"), *thread = json_get_string(m, "thread_ts");
		const char *txt = json_get_string(m, "text");
		const struct suser *u = slack_user(sl, user);
		const struct json *files = json_get(m, "files");
		const char *name = NULL;
		struct smsg *sm;
		ms_t at;

		if (m->type != JSON_OBJECT) {
			diags_add(sl->rd->d, DIAG_ERROR, file, m->line, m->col, "a message must be a JSON object");
			rc = EXIT_DATAERR;
			break;
		}
		if (slack_ts(ts, &at)) {
			const struct json *w = json_get(m, "ts");

			diags_add(sl->rd->d, DIAG_ERROR, file, w ? w->line : m->line, w ? w->col : m->col,
				  ts ? "bad ts: seconds since 1970 with a fraction, in a string (\"1764635701.123456\")"
				     : "a message without its ts");
			rc = EXIT_DATAERR;
			break;
		}
		if ((type && strcmp(type, "message")) || slack_noise(json_get_string(m, "subtype")) ||
		    json_get(m, "bot_id") || (u && u->bot) || !user) {
			sl->rd->set->skipped++;
			continue;
		}
		name = u ? u->name : NULL;
		if (!name)
			name = json_get_string(json_get(m, "user_profile"), "display_name");
		if (!name || !name[0])
			name = json_get_string(json_get(m, "user_profile"), "real_name");
		if (!name || !name[0])
			name = user;
		sb_reset(&text);
		slack_text(sl, txt ? txt : "", &text);
		for (const struct json *f = files && files->type == JSON_ARRAY ? files->child : NULL; f; f = f->next) {
			const char *fn = json_get_string(f, "name");

			if (!fn)
				fn = json_get_string(f, "title");
			sb_addf(&text, "%s[file: %s]", text.len ? "\n" : "", fn ? fn : "?");
		}
		if (json_get(m, "edited"))
			sb_adds(&text, " (edited)");
		if (sl->nmsgs == sl->capmsgs) {
			sl->capmsgs = sl->capmsgs ? sl->capmsgs * 2 : 256;
			sl->msgs = xreallocarray(sl->msgs, sl->capmsgs, sizeof(*sl->msgs));
		}
		sm = &sl->msgs[sl->nmsgs++];
		memset(sm, 0, sizeof(*sm));
		sm->at = at;
		sm->ts = xstrdup(ts);
		sm->thread = thread && strcmp(thread, ts) ? xstrdup(thread) : NULL;
		sm->by = xstrdup(name);
		sm->text = sb_detach(&text);
		sm->file = file;
		sm->line = m->line;
		sm->parent = (size_t)-1;
	}
	json_free(&doc);
	sb_free(&sb);
	sb_free(&text);
	return rc;
}

static int smsg_cmp(const void *pa, const void *pb)
{
	const struct smsg *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return strcmp(a->ts, b->ts);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A thread is one event at its first message's time: the replies follow
 * in its text, each with its author and how long after the first. */
static int slack_events(struct slack *sl)
{
	struct strbuf text = STRBUF_INIT;
	int rc = 0;

	qsort(sl->msgs, sl->nmsgs, sizeof(*sl->msgs), smsg_cmp);
	for (size_t i = 0; i < sl->nmsgs; i++) {
		struct smsg *m = &sl->msgs[i];
		size_t lo = 0, hi = sl->nmsgs;
		ms_t t;

		if (!m->thread || slack_ts(m->thread, &t))
			continue;
		/* the parent: the message whose ts is the thread's */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			struct smsg key = { .at = t, .ts = m->thread };

			if (smsg_cmp(&sl->msgs[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < sl->nmsgs && !strcmp(sl->msgs[lo].ts, m->thread) && lo != i) {
			m->parent = lo;
			m->reply = true;
		}
	}
	/* each first message's replies, in time order: start[i] .. start[i+1] in order[] */
	size_t *start = xcalloc(sl->nmsgs + 1, sizeof(*start));
	size_t *order = xreallocarray(NULL, sl->nmsgs ? sl->nmsgs : 1, sizeof(*order));

	for (size_t k = 0; k < sl->nmsgs; k++)
		if (sl->msgs[k].reply)
			start[sl->msgs[k].parent + 1]++;
	for (size_t i = 0; i < sl->nmsgs; i++)
		start[i + 1] += start[i];
	{
		size_t *fill = xreallocarray(NULL, sl->nmsgs + 1, sizeof(*fill));

		memcpy(fill, start, (sl->nmsgs + 1) * sizeof(*fill));
		for (size_t k = 0; k < sl->nmsgs; k++)
			if (sl->msgs[k].reply)
				order[fill[sl->msgs[k].parent]++] = k;
		free(fill);
	}
	for (size_t i = 0; i < sl->nmsgs && !rc; i++) {
		struct smsg *m = &sl->msgs[i];
		struct hash h;

		if (m->reply)
			continue;
		sb_reset(&text);
		if (m->thread)	/* its first message is not in the export */
			sb_adds(&text, "\xe2\x86\xb3 (in a thread) ");
		sb_adds(&text, m->text);
		for (size_t j = start[i]; j < start[i + 1]; j++) {
			const struct smsg *r = &sl->msgs[order[j]];
			char d[32];

			clock_format_duration(r->at - m->at, d, sizeof(d));
			sb_addf(&text, "\n\xe2\x86\xb3 %s (+%s): ", r->by, d);
			for (const char *p = r->text; *p; p++) {
				sb_addc(&text, *p);
				if (*p == '\n')
					sb_adds(&text, "  ");
			}
		}
		hash_init(&h, "slack");
		hash_adds(&h, sl->chan_id);
		hash_adds(&h, m->ts);
		rc = add_item(sl->rd, m->at, m->by, &text, &h, m->line, false);
		/* each event says where it starts */
		if (!rc)
			sl->rd->set->v[sl->rd->set->n - 1].file = m->file;
	}
	free(start);
	free(order);
	sb_free(&text);
	return rc;
}

/* Whether n is the name of a day's file, YYYY-MM-DD.json. */
static bool slack_day_name(const char *n)
{
	int y, mo, dd;

	return strlen(n) == 15 && !strcmp(n + 10, ".json") && digits(n, 4, &y) && n[4] == '-' &&
	       digits(n + 5, 2, &mo) && n[7] == '-' && digits(n + 8, 2, &dd);
}

/* The channel's days in the export, as names relative to it. */
static int slack_days(struct slack *sl, char ***days, size_t *ndays, struct error *e)
{
	size_t plen;
	char *cdir;
	struct dirent *de;
	DIR *d;

	if (sl->zip) {
		bool any = false;	/* the folder is there, even without a day */

		cdir = xasprintf("%s%s/", sl->prefix, sl->chan_dir);
		plen = strlen(cdir);
		for (size_t i = 0; i < sl->zip->n; i++) {
			const char *n = sl->zip->v[i].name;

			if (strncmp(n, cdir, plen))
				continue;
			any = true;
			if (!slack_day_name(n + plen))
				continue;
			*days = xreallocarray(*days, *ndays + 1, sizeof(**days));
			(*days)[(*ndays)++] = xasprintf("%s/%s", sl->chan_dir, n + plen);
		}
		free(cdir);
		if (!any)
			return error_set(e, EXIT_NOINPUT, "%s has no folder %s%s/ (the channel's folder in the export)",
					 sl->dir, sl->prefix, sl->chan_dir);
		return 0;
	}
	cdir = xasprintf("%s/%s", sl->dir, sl->chan_dir);
	if (!(d = opendir(cdir))) {
		int rc = error_set(e, EXIT_NOINPUT, "%s: %s (the channel's folder in the export)", cdir,
				   strerror(errno));

		free(cdir);
		return rc;
	}
	while ((de = readdir(d))) {
		if (!slack_day_name(de->d_name))
			continue;
		*days = xreallocarray(*days, *ndays + 1, sizeof(**days));
		(*days)[(*ndays)++] = xasprintf("%s/%s", sl->chan_dir, de->d_name);
	}
	closedir(d);
	free(cdir);
	return 0;
}

/* In a zip, the export is at its top or in the one folder that holds
 * channels.json ("export/channels.json"). */
static void slack_prefix(struct slack *sl)
{
	const char *found = NULL;
	size_t n = 0;

	sl->prefix = xstrdup("");
	if (zip_find(sl->zip, "channels.json"))
		return;
	for (size_t i = 0; i < sl->zip->n; i++) {
		const char *name = sl->zip->v[i].name, *slash = strchr(name, '/');

		if (slash && !strcmp(slash + 1, "channels.json")) {
			found = name;
			n++;
		}
	}
	if (n == 1) {
		free(sl->prefix);
		sl->prefix = xstrndup(found, strlen(found) - strlen("channels.json"));
	}
}

/* A Slack export: the folder dir; or, when zip is not NULL, the zip
 * archive in it, named dir in messages; or the zip archive file dir. */
static int read_slack(struct reader *rd, const char *dir, const struct strbuf *zip, struct error *e)
{
	struct slack sl = { .rd = rd, .dir = dir };
	struct zip z = { .fd = -1 };
	struct stat st;
	char **days = NULL;
	size_t ndays = 0;
	int rc = 0;

	if (zip || (!stat(dir, &st) && !S_ISDIR(st.st_mode))) {
		if ((rc = zip ? zip_open_mem(&z, dir, zip->buf, zip->len, e) : zip_open(&z, dir, e)))
			goto out;
		sl.zip = &z;
		slack_prefix(&sl);
	}
	if ((rc = slack_users(&sl, e)) || (rc = slack_channel(&sl, rd->o->channel, e)))
		goto out;
	free(rd->set->source);
	rd->set->source = xasprintf("slack:%s", sl.chan_name);
	if ((rc = slack_days(&sl, &days, &ndays, e)))
		goto out;
	qsort(days, ndays, sizeof(*days), name_cmp);
	for (size_t i = 0; i < ndays && !rc; i++)
		rc = slack_day(&sl, days[i], e);
	if (!rc && slack_events(&sl))
		rc = EXIT_DATAERR;
out:
	zip_close(&z);
	for (size_t i = 0; i < ndays; i++)
		free(days[i]);
	free(days);
	free(sl.prefix);
	free(sl.chan_dir);
	for (size_t i = 0; i < sl.nusers; i++) {
		free(sl.users[i].id);
		free(sl.users[i].name);
		free(sl.users[i].login);
		free(sl.users[i].real);
	}
	free(sl.users);
	for (size_t i = 0; i < sl.nmsgs; i++) {
		free(sl.msgs[i].ts);
		free(sl.msgs[i].thread);
		free(sl.msgs[i].by);
		free(sl.msgs[i].text);
	}
	free(sl.msgs);
	free(sl.chan_id);
	free(sl.chan_name);
	return rc;
}

/* ---- the whole ---- */

/* Reads all of path ("-": standard input) into sb, NUL-terminated. */
static int read_file(const char *path, struct strbuf *sb, struct error *e)
{
	bool in = !strcmp(path, "-");
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	char buf[65536];
	ssize_t n;

	if (fd < 0)
		return error_set(e, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, "cannot read %s: %s", path,
				 strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error_set(e, EXIT_IOERR, "cannot read %s: %s", in ? "standard input" : path, strerror(errno));
			if (!in)
				close(fd);
			return EXIT_IOERR;
		}
		sb_add(sb, buf, (size_t)n);
		if (sb->len > (size_t)IMPORT_MAX_INPUT) {
			if (!in)
				close(fd);
			return error_set(e, EXIT_DATAERR, "%s is larger than %ld MiB: import it in parts", path,
					 IMPORT_MAX_INPUT / (1024 * 1024));
		}
	}
	if (!in)
		close(fd);
	sb_addc(sb, '\0');
	sb->len--;
	return 0;
}

static int hashed_cmp(const void *pa, const void *pb)
{
	const struct import_item *a = *(const struct import_item *const *)pa;
	const struct import_item *b = *(const struct import_item *const *)pb;

	if (a->h[0] != b->h[0])
		return a->h[0] < b->h[0] ? -1 : 1;
	if (a->h[1] != b->h[1])
		return a->h[1] < b->h[1] ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Ids from the hashes; identical events (same time, author and text)
 * are told apart by how many came before them in the source. */
static void make_ids(struct import_set *set)
{
	struct import_item **by = xreallocarray(NULL, set->n ? set->n : 1, sizeof(*by));
	uint64_t occ = 0;

	for (size_t i = 0; i < set->n; i++)
		by[i] = &set->v[i];
	qsort(by, set->n, sizeof(*by), hashed_cmp);
	for (size_t i = 0; i < set->n; i++) {
		struct import_item *it = by[i];

		occ = i && by[i - 1]->h[0] == it->h[0] && by[i - 1]->h[1] == it->h[1] ? occ + 1 : 0;
		base32(it->id, "e", mix(it->h[0] ^ mix(occ + 1)), 10);
		base32(it->rev, "r", mix(it->h[1] ^ mix(occ + 0x51)), 12);
	}
	free(by);
}

static int at_cmp(const void *pa, const void *pb)
{
	const struct import_item *a = *(const struct import_item *const *)pa;
	const struct import_item *b = *(const struct import_item *const *)pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* For each event, how many before it in the source share its time. */
static void make_ties(struct import_set *set)
{
	struct import_item **by = xreallocarray(NULL, set->n ? set->n : 1, sizeof(*by));

	for (size_t i = 0; i < set->n; i++)
		by[i] = &set->v[i];
	qsort(by, set->n, sizeof(*by), at_cmp);
	for (size_t i = 0; i < set->n; i++)
		by[i]->tie = i && by[i - 1]->at == by[i]->at ? by[i - 1]->tie + 1 : 0;
	free(by);
}

/* Whether buf starts as a zip archive does: a local header, or the end
 * record of an empty one. */
static bool zip_magic(const char *buf, size_t len)
{
	return len >= 4 && (!memcmp(buf, "PK\x03\x04", 4) || !memcmp(buf, "PK\x05\x06", 4));
}

/* Whether the file at path starts as a zip archive does. */
static bool zip_file(const char *path)
{
	char buf[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, sizeof(buf), 0);

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)sizeof(buf) && zip_magic(buf, sizeof(buf));
}

static enum import_format detect(const char *buf, size_t len, const char *file, struct diags *d)
{
	size_t i = 0;

	if (zip_magic(buf, len))
		return IMPORT_SLACK;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && strchr(" \t\r\n", buf[i]))
		i++;
	if (i < len && buf[i] == '{') {
		size_t end = i;

		while (end < len && buf[end] != '\n')
			end++;
		return memmem(buf + i, end - i, "\"__REALTIME_TIMESTAMP\"", 22) ? IMPORT_JOURNAL : IMPORT_JSONL;
	}
	if (i < len && buf[i] == '[') {
		diags_add(d, DIAG_ERROR, file, 1, 1,
			  "a JSON array: for a Slack export, import its folder or its .zip (--format slack)");
		return IMPORT_AUTO;
	}
	return IMPORT_LINES;
}

int import_read(const char *path, const struct import_opts *o, struct import_set *set,
		struct diags *d, struct error *e)
{
	struct reader rd = { .o = o, .set = set, .d = d, .last = -1 };
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	bool in = !strcmp(path, "-");
	const char *base = strrchr(path, '/');
	size_t errors = d->errors;
	int rc = 0;

	base = base && base[1] ? base + 1 : path;
	rd.file = set_name(set, in ? "<stdin>" : path);
	rd.by = o->by ? o->by : in ? "stdin" : base;
	set->format = o->format;
	if (!in && !stat(path, &st) && S_ISDIR(st.st_mode)) {
		if (o->format != IMPORT_AUTO && o->format != IMPORT_SLACK)
			return error_set(e, EXIT_USAGE, "%s is a folder: only a Slack export (--format slack) is", path);
		set->format = IMPORT_SLACK;
		set->source = xasprintf("slack:%s", path);
		rc = read_slack(&rd, path, NULL, e);
		goto done;
	}
	if (!in && (o->format == IMPORT_SLACK || o->format == IMPORT_AUTO) && zip_file(path)) {
		/* read in place: an export can be larger than one file read whole */
		set->format = IMPORT_SLACK;
		set->source = xasprintf("slack:%s", path);
		rc = read_slack(&rd, path, NULL, e);
		goto done;
	}
	if (!in && o->format == IMPORT_SLACK)
		return error_set(e, EXIT_USAGE, "%s: a Slack export is a folder or a .zip, and this is neither", path);
	if ((rc = read_file(path, &sb, e))) {
		sb_free(&sb);
		return rc;
	}
	if (set->format == IMPORT_AUTO)
		set->format = detect(sb_str(&sb), sb.len, rd.file, d);
	set->source = xasprintf("%s:%s", format_strs[set->format], in ? "-" : path);
	switch (set->format) {
	case IMPORT_SLACK:	/* a zip on standard input */
		rc = read_slack(&rd, rd.file, &sb, e);
		break;
	case IMPORT_LINES:
		rc = read_lines(&rd, sb_str(&sb), sb.len) ? EXIT_DATAERR : 0;
		break;
	case IMPORT_JOURNAL:
	case IMPORT_JSONL:
		rc = read_jsonl(&rd, sb_str(&sb), sb.len, set->format == IMPORT_JOURNAL) ? EXIT_DATAERR : 0;
		break;
	default:
		rc = EXIT_DATAERR;
		break;
	}
	sb_free(&sb);
done:
	if (!rc && d->errors > errors)
		rc = EXIT_DATAERR;
	if (rc == EXIT_DATAERR && !e->msg[0])
		error_set(e, EXIT_DATAERR, "nothing imported");
	if (rc) {
		/* nothing of a source with an error goes in */
		for (size_t i = 0; i < set->n; i++) {
			free(set->v[i].by);
			free(set->v[i].text);
		}
		set->n = set->zoneless = 0;
		return rc;
	}
	make_ids(set);
	make_ties(set);
	return 0;
}

void import_mark_known(struct import_set *set, const struct incident *inc)
{
	set->known = 0;
	for (size_t i = 0; i < set->n; i++) {
		set->v[i].known = incident_find(inc, set->v[i].id) != NULL;
		set->known += set->v[i].known;
	}
}

struct record *import_record(const struct import_set *set, const struct import_item *it,
			     const char *author, ms_t now)
{
	struct record *r = record_new(REC_EVENT, it->id, author, now);

	/* the same rev for the same source event: two people importing the
	 * same log at once write one event, not two */
	snprintf(r->rev, sizeof(r->rev), "%s", it->rev);
	record_set_time(r, F_AT, it->at);
	record_set_time(r, F_TYPED, now + it->tie);
	record_set_time(r, F_LOGGED, now);
	record_set_str(r, F_BY, it->by);
	record_set_int(r, F_KIND, it->kind);
	record_set_str(r, F_TEXT, it->text);
	record_set_str(r, F_IMPORTED_BY, author);
	record_set_str(r, F_SOURCE, set->source);
	return r;
}
