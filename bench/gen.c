/* bench/gen: makes a large incident for the benchmarks, fast.
 *
 *     gen ROOT N [JOURNALS]
 *
 * Creates an incident in the shared directory ROOT (through store_create,
 * like `scribe new`) and N timeline events with realistic text: 20 to 200
 * characters, some on several lines, some with CJK and emoji, six
 * authors, all kinds, the four lifecycle markers, a few stars and causal
 * flags, times spread over six hours (a few backdated).  The records are
 * built with the model's own record_new/record_set_* and written with
 * yamlio_emit_record, so they are exactly what scribe writes; but they go
 * into JOURNALS journal files (default 1) with plain write()s and one
 * fsync per file, not one fsync per record: this is a generator, not the
 * product path.  Prints the incident id.
 *
 * The text is deterministic (a fixed seed); ids and revisions are random
 * like scribe's own.  Says on stderr how many bytes of event text it made
 * (text_bytes=N), for the memory-per-event figure.
 *
 *     gen ROOT N [JOURNALS] --shape SHAPE
 *
 * Writes instead N records in a shape a hostile (or unlucky) writer could
 * leave, to check that reading costs about what the same bytes cost in
 * the friendly shape above:
 *   same-base   one event, then N-1 edits of its text all made from its
 *               first version (each one a conflict)
 *   reversed    N events, the newest written first
 *   one-entity  one event edited N-1 times, each edit from the one
 *               before, written newest first
 *   votes       one action and N votes on it by N/2 people (each votes
 *               up, then down), written newest first
 *   entities    N entities (events, factors, actions in turn), each
 *               edited once, the edit written before the creation
 * JOURNALS spreads the records over that many journals (in turn).
 *
 *     gen ROOT N [JOURNALS] --ongoing
 *
 * The same, but neither mitigated nor resolved: an incident in progress,
 * whose clock runs on the screen (the idle and typing figures).
 *
 *     gen ROOT N --shape per-log | per-session
 *
 * The friendly events above (the same text), in the journals real
 * writers leave: per-log, one journal per event, as each `scribe log`
 * writes it; per-session, one journal per full-screen session of 1 to
 * 200 events (100 on average) written one after another.  Each journal
 * ends with the closing line, and once more than PACK_LOOSE_MAX are
 * loose they are packed by pack_incident(PACK_AUTO), as the end of each
 * of those writing sessions does: the incident is left as scribe itself
 * would leave it (packs of up to PACK_AUTO_BYTES, at most PACK_LOOSE_MAX
 * loose journals).  These journals are not fsynced one by one (the
 * file system is synced once at the end); the packs are, by the packer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scribe/clock.h"
#include "scribe/model.h"
#include "scribe/pack.h"
#include "scribe/store.h"
#include "scribe/util.h"
#include "scribe/yamlio.h"

#define SECOND 1000LL
#define MINUTE (60 * SECOND)
#define HOUR (60 * MINUTE)
#define SPAN (6 * HOUR)			/* the timeline covers this much */
#define FLUSH_AT (4u << 20)		/* write() a journal's buffer at 4 MiB */

/* ---- a small deterministic PRNG (xorshift64*) ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* uniform in [lo, hi] */
static long between(long lo, long hi)
{
	return lo + (long)(rnd() % (uint64_t)(hi - lo + 1));
}

static bool chance(int percent)
{
	return (long)(rnd() % 100) < percent;
}

#define PICK(a) ((a)[rnd() % ARRAY_SIZE(a)])

/* a second stream for what is not the events' content (journal names,
 * session lengths): the same N gives the same events in any layout */
static uint64_t rng2_state = 0xD1B54A32D192ED03ull;

static long between2(long lo, long hi)
{
	rng2_state ^= rng2_state >> 12;
	rng2_state ^= rng2_state << 25;
	rng2_state ^= rng2_state >> 27;
	return lo + (long)((rng2_state * 2685821657736338717ull) % (uint64_t)(hi - lo + 1));
}

/* ---- text ---- */

static const char *const authors[] = { "dana", "sam", "lee", "priya", "jonas", "mei" };

static const char *const words[] = {
	"checkout", "payment", "service", "rollback", "deploy", "canary", "latency", "p99",
	"errors", "5xx", "rate", "alert", "paged", "on-call", "database", "replica", "primary",
	"failover", "connection", "pool", "exhausted", "timeouts", "upstream", "gateway", "cache",
	"hit", "ratio", "dropped", "to", "from", "the", "a", "in", "on", "for", "with", "after",
	"before", "since", "we", "see", "saw", "still", "back", "under", "above", "normal",
	"region", "eu-west-1", "us-east-2", "cluster", "pods", "restarting", "OOMKilled", "node",
	"drained", "traffic", "shifted", "DNS", "TTL", "TLS", "certificate", "expired", "renewed",
	"queue", "depth", "growing", "consumers", "lagging", "kafka", "partition", "leader",
	"elected", "config", "flag", "disabled", "enabled", "vault", "client", "v4.12.0",
	"v4.11.3", "status", "page", "updated", "customers", "merchants", "reports", "support",
	"tickets", "spike", "dashboard", "shows", "graph", "flat", "recovering", "looks", "good",
	"monitoring", "investigating", "suspect", "confirmed", "not", "related", "cause", "fix",
	"rolled", "out", "50%", "100%", "ms", "seconds", "minutes", "retry", "storm", "circuit",
	"breaker", "open", "closed", "half-open", "load", "balancer", "health", "checks", "failing",
	"passing", "CPU", "memory", "disk", "full", "logs", "trace", "id", "request", "API",
	"HTTP", "503", "502", "504", "ok", "and", "but", "so", "then", "now", "again",
};

/* multi-byte lines: CJK, accents, emoji (some wide, one with a joiner) */
static const char *const utf8_bits[] = {
	"決済サービスで障害が発生", "데이터베이스 지연", "支付服务超时", "東京リージョン",
	"café-api", "Zürich", "naïve retry", "señal perdida", "🔥", "✅ back to normal",
	"⚠️ degraded", "👀 looking", "🚀 deployed", "🧯 mitigated", "👩‍💻 on it", "⏱ 4.8 s",
};

/* Appends words to sb until the text holds about want characters (code
 * points), never more than 200. */
static void make_text(struct strbuf *sb, long want, bool utf8, bool multiline)
{
	size_t chars = 0;
	long lines = multiline ? between(2, 4) : 1, line = 1;
	long per_line = want / lines;
	size_t line_start = 0;
	bool put_utf8 = false;

	sb_reset(sb);
	while ((long)chars < want) {
		const char *w;
		size_t wc = 0;

		if (utf8 && !put_utf8 && (chance(25) || (long)chars > want / 2)) {
			w = PICK(utf8_bits);
			put_utf8 = true;
		} else {
			w = PICK(words);
		}
		for (const unsigned char *p = (const unsigned char *)w; *p; p++)
			wc += (*p & 0xC0) != 0x80;
		if (chars && (long)(chars + 1 + wc) > 200)
			break;
		if (chars) {
			if (line < lines && (long)(chars - line_start) >= per_line) {
				sb_addc(sb, '\n');
				line++;
				line_start = chars + 1;
			} else {
				sb_addc(sb, ' ');
			}
			chars++;
		}
		sb_adds(sb, w);
		chars += wc;
	}
}

/* ---- journals ---- */

struct journal {
	int fd;
	char *path;
	struct strbuf buf;
};

static void flush(struct journal *j)
{
	const char *p = j->buf.buf;
	size_t len = j->buf.len;

	while (len) {
		ssize_t n = write(j->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("gen: cannot write %s: %s", j->path, strerror(n < 0 ? errno : EIO));
		p += n;
		len -= (size_t)n;
	}
	sb_reset(&j->buf);
}

static void journal_open(struct journal *j, const char *dir, ms_t first)
{
	char stamp[32], rnd6[8];
	time_t secs = (time_t)(first / 1000);
	struct tm tm;

	gmtime_r(&secs, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dt%H%M%Sz", &tm);
	random_id(rnd6, "", 6);
	/* a made-up pid: each journal is another writing session */
	j->path = xasprintf("%s/j-%s-%s-%ld-%s.yaml", dir, stamp, host_tag(), between2(2000, 4000000), rnd6);
	j->fd = open(j->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (j->fd < 0)
		die("gen: cannot create %s: %s", j->path, strerror(errno));
	j->buf = (struct strbuf)STRBUF_INIT;
}

/* closed: ends the journal with the line a writer ends it with when it
 * is done (per-log, per-session); sync: fsync it */
static void journal_close(struct journal *j, bool closed, bool sync)
{
	if (closed)
		sb_adds(&j->buf, PACK_CLOSED_LINE);
	flush(j);
	if ((sync && fsync(j->fd)) || close(j->fd))
		die("gen: cannot save %s: %s", j->path, strerror(errno));
	sb_free(&j->buf);
	free(j->path);
}

/* ---- events ---- */

static enum kind pick_kind(void)
{
	long r = between(0, 99);

	if (r < 50)
		return KIND_NOTE;
	if (r < 70)
		return KIND_ACTION;
	if (r < 80)
		return KIND_DISCOVERY;
	if (r < 88)
		return KIND_COMMS;
	if (r < 94)
		return KIND_DEPLOY;
	return KIND_CONFIG;
}

/* ---- hostile shapes ---- */

/* A revision that depends only on i, so that a record can name the one
 * before it as its base without keeping it. */
static void rev_of(char *out, const char *prefix, long i)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
	uint64_t h = (uint64_t)i * 0x9E3779B97F4A7C15ull + 0x1234567ull;

	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 29;
	strcpy(out, prefix);
	for (size_t k = strlen(prefix), n = 0; n < 12; n++, k++) {
		out[k] = alphabet[h & 31];
		out[k + 1] = '\0';
		h >>= 5;
		if (n == 6)
			h ^= (uint64_t)i * 0xD6E8FEB86659FD93ull;
	}
}

static int emit(struct journal *js, long njournals, long i, struct record *r)
{
	struct journal *j = &js[i % njournals];
	struct error e = { 0 };
	int rc = yamlio_emit_record(&j->buf, r, &e);

	if (rc)
		fprintf(stderr, "gen: %s\n", e.msg);
	record_free(r);
	if (j->buf.len >= FLUSH_AT)
		flush(j);
	return rc;
}

/* Record number k (0 = the oldest) of the shape, or NULL when the shape
 * has no record there. */
static struct record *shape_record(const char *shape, long k, long n, ms_t t0, struct strbuf *text)
{
	ms_t t = t0 + 5 * MINUTE + k * 10;
	const char *by = PICK(authors);
	char id[24], rev[REV_LEN], base[REV_LEN];
	struct record *r;

	rev_of(rev, "r", k);
	make_text(text, between(20, 200), chance(10), false);
	if (!strcmp(shape, "same-base") || !strcmp(shape, "one-entity")) {
		r = record_new(REC_EVENT, "e0000000001", by, t);
		if (k == 0) {
			record_set_time(r, F_AT, t);
			record_set_time(r, F_TYPED, t);
			record_set_time(r, F_LOGGED, t);
			record_set_str(r, F_BY, by);
			record_set_int(r, F_KIND, KIND_NOTE);
		} else {
			rev_of(base, "r", !strcmp(shape, "same-base") ? 0 : k - 1);
			snprintf(r->base, sizeof(r->base), "%s", base);
		}
		record_set_str(r, F_TEXT, text->buf);
	} else if (!strcmp(shape, "reversed")) {
		rev_of(id, "e", k);
		id[11] = '\0';
		r = record_new(REC_EVENT, id, by, t);
		record_set_time(r, F_AT, t);
		record_set_time(r, F_TYPED, t);
		record_set_time(r, F_LOGGED, t);
		record_set_str(r, F_BY, by);
		record_set_int(r, F_KIND, pick_kind());
		record_set_str(r, F_TEXT, text->buf);
	} else if (!strcmp(shape, "votes")) {
		if (k == 0) {
			r = record_new(REC_ACTION, "a0000000001", by, t);
			record_set_str(r, F_TITLE, "Canary every config push");
			record_set_int(r, F_TYPE, ATYPE_PREVENT);
			record_set_int(r, F_PRIORITY, PRIO_P1);
			record_set_str(r, F_BY, by);
		} else {
			char who[32];

			snprintf(who, sizeof(who), "voter-%ld", (k - 1) % (n / 2 > 0 ? n / 2 : 1));
			r = record_new(REC_VOTE, "a0000000001", who, t);
			record_set_bool(r, F_UP, k - 1 < n / 2);
		}
	} else if (!strcmp(shape, "entities")) {
		long ent = k / 2;
		int type = (int)(ent % 3);

		rev_of(id, type == 0 ? "e" : type == 1 ? "f" : "a", ent);
		id[11] = '\0';
		r = record_new(type == 0 ? REC_EVENT : type == 1 ? REC_FACTOR : REC_ACTION, id, by, t);
		if (k % 2 == 1) {
			rev_of(base, "r", k - 1);
			snprintf(r->base, sizeof(r->base), "%s", base);
			if (type == 0)
				record_set_str(r, F_TEXT, text->buf);
			else
				record_set_str(r, F_TITLE, text->buf);
		} else if (type == 0) {
			record_set_time(r, F_AT, t);
			record_set_time(r, F_TYPED, t);
			record_set_time(r, F_LOGGED, t);
			record_set_str(r, F_BY, by);
			record_set_str(r, F_TEXT, text->buf);
		} else {
			record_set_str(r, F_TITLE, text->buf);
			record_set_str(r, F_BY, by);
			record_set_order(r, F_ORDER, (double)ent);
		}
	} else {
		return NULL;
	}
	snprintf(r->rev, sizeof(r->rev), "%s", rev);
	return r;
}

static int gen_shape(const char *root, const char *shape, long n, long njournals)
{
	struct error e = { 0 };
	struct strbuf text = STRBUF_INIT;
	ms_t t0 = clock_now() - SPAN - 15 * MINUTE;
	struct journal *js;
	char *id = NULL, *dir, title[64];
	/* the order records are written in: k is the record's age */
	bool newest_first = strcmp(shape, "same-base") != 0;
	int rc;

	if (!shape_record(shape, 0, n, t0, &text)) {
		fprintf(stderr, "gen: no shape \"%s\" (same-base, reversed, one-entity, votes, entities)\n", shape);
		return EXIT_USAGE;
	}
	snprintf(title, sizeof(title), "Bench %s %ld", shape, n);
	if ((rc = store_create(root, title, 2, t0, &id, &e))) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return rc;
	}
	dir = xasprintf("%s/%s", root, id);
	js = xcalloc((size_t)njournals, sizeof(*js));
	for (long j = 0; j < njournals; j++)
		journal_open(&js[j], dir, t0);
	for (long i = 0; i < n && !rc; i++) {
		long k = i;

		if (!strcmp(shape, "entities"))
			k = i ^ 1;	/* each edit just before its creation */
		else if (newest_first)
			k = n - 1 - i;
		if (k < n)
			rc = emit(js, njournals, i, shape_record(shape, k, n, t0, &text));
	}
	for (long j = 0; j < njournals; j++)
		journal_close(&js[j], false, true);
	printf("%s\n", id);
	sb_free(&text);
	free(js);
	free(dir);
	free(id);
	return rc;
}

int main(int argc, char **argv)
{
	const char *root;
	long n, njournals = 1, per;
	char *end, *id = NULL, *dir;
	struct error e = { 0 };
	struct strbuf text = STRBUF_INIT;
	unsigned long long text_bytes = 0;
	struct journal *js;
	ms_t now = clock_now(), t0;
	long marker_at[MARKER_COUNT] = { -1, -1, -1, -1, -1 };
	int rc;

	const char *shape = NULL;
	bool ongoing = false;	/* not yet mitigated nor resolved: the clock runs */
	int layout = 0;		/* 0: JOURNALS journals; 1: per-log; 2: per-session */
	long session_left = 0, loose = 1;	/* store_create's journal */
	struct store *st = NULL;

	if (argc >= 3 && !strcmp(argv[argc - 1], "--ongoing")) {
		ongoing = true;
		argc--;
	}
	if (argc >= 5 && !strcmp(argv[argc - 2], "--shape")) {
		shape = argv[argc - 1];
		argc -= 2;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen ROOT N [JOURNALS] [--shape SHAPE] [--ongoing]\n");
		return EXIT_USAGE;
	}
	root = argv[1];
	n = strtol(argv[2], &end, 10);
	if (*end || n < 0) {
		fprintf(stderr, "gen: N must be a whole number\n");
		return EXIT_USAGE;
	}
	if (argc == 4) {
		njournals = strtol(argv[3], &end, 10);
		if (*end || njournals < 1 || njournals > 10000) {
			fprintf(stderr, "gen: JOURNALS must be 1 to 10000\n");
			return EXIT_USAGE;
		}
	}
	if (njournals > n && n > 0)
		njournals = n;
	if (shape && !strcmp(shape, "per-log"))
		layout = 1;
	else if (shape && !strcmp(shape, "per-session"))
		layout = 2;
	else if (shape)
		return gen_shape(root, shape, n, njournals);
	if (layout)
		njournals = 1;	/* one open at a time */

	/* the incident started a little over six hours ago */
	t0 = now - SPAN - 15 * MINUTE;
	{
		char title[64];

		snprintf(title, sizeof(title), "Bench %ld events", n);
		if ((rc = store_create(root, title, 2, t0, &id, &e))) {
			fprintf(stderr, "gen: %s\n", e.msg);
			return rc;
		}
	}
	dir = xasprintf("%s/%s", root, id);

	/* lifecycle markers, once each, in order */
	if (n >= 4) {
		marker_at[MARKER_STARTED] = n / 50;
		marker_at[MARKER_DETECTED] = n / 20 + 1;
		if (!ongoing) {
			marker_at[MARKER_MITIGATED] = n * 3 / 4;
			marker_at[MARKER_RESOLVED] = n - 1 - n / 50;
		}
	}

	js = xcalloc((size_t)njournals, sizeof(*js));
	per = n > 0 ? (n + njournals - 1) / njournals : 1;
	if (layout && (rc = store_open(root, id, &st, &e))) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return rc;
	}
	for (long i = 0; i < n; i++) {
		long ji = layout ? 0 : i / per;
		struct journal *j = &js[ji];
		bool first_in_journal, last_in_journal;
		ms_t step = SPAN / (n ? n : 1);
		ms_t typed = t0 + 5 * MINUTE + i * step + (ms_t)between(0, step > 1 ? step - 1 : 0);
		ms_t at = typed, logged = typed + between(2, 40) * SECOND;
		const char *by = PICK(authors);
		char eid[16];
		struct record *r;
		enum kind kind = pick_kind();
		long len = between(20, 200);

		if (chance(3))	/* found later: backdated */
			at = typed - between(1, 30) * MINUTE;
		if (logged > now)
			logged = now;
		if (layout == 1) {
			first_in_journal = last_in_journal = true;
		} else if (layout == 2) {
			if (session_left == 0)
				session_left = between2(1, 200);
			first_in_journal = true;	/* set below */
			last_in_journal = --session_left == 0 || i + 1 == n;
		} else {
			first_in_journal = i % per == 0;
			last_in_journal = (i + 1) % per == 0 || i + 1 == n;
		}
		if (layout == 2)
			first_in_journal = j->path == NULL;
		if (first_in_journal)
			journal_open(j, dir, logged);
		make_text(&text, len, chance(10), chance(12));
		random_id(eid, "e", 10);
		r = record_new(REC_EVENT, eid, by, logged);
		random_id(r->rev, "r", 12);
		record_set_time(r, F_AT, at);
		record_set_time(r, F_TYPED, typed);
		record_set_time(r, F_LOGGED, logged);
		record_set_str(r, F_BY, by);
		record_set_int(r, F_KIND, kind);
		record_set_str(r, F_TEXT, text.buf);
		text_bytes += text.len;
		for (int m = MARKER_STARTED; m < MARKER_COUNT; m++)
			if (marker_at[m] == i)
				record_set_int(r, F_MARKER, m);
		if (chance(2))
			record_set_bool(r, F_STAR, true);
		if ((kind == KIND_DEPLOY || kind == KIND_CONFIG) && i < n / 20 + 1 && chance(30))
			record_set_bool(r, F_CAUSAL, true);
		if ((rc = yamlio_emit_record(&j->buf, r, &e))) {
			fprintf(stderr, "gen: %s\n", e.msg);
			return rc;
		}
		record_free(r);
		if (j->buf.len >= FLUSH_AT)
			flush(j);
		if (last_in_journal) {
			journal_close(j, layout != 0, layout == 0);
			j->path = NULL;
			if (layout && ++loose > PACK_LOOSE_MAX) {
				/* as the end of a writing session does */
				struct pack_result res;

				if ((rc = pack_incident(st, PACK_AUTO, &res, &e))) {
					fprintf(stderr, "gen: %s\n", e.msg);
					return rc;
				}
				loose = (long)res.left;
			}
		}
	}
	if (layout) {
		store_close(st);
		sync();	/* the journals, not synced one by one */
	}
	{
		/* the new names durable too */
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	printf("%s\n", id);
	fprintf(stderr, "text_bytes=%llu\n", text_bytes);
	sb_free(&text);
	free(js);
	free(dir);
	free(id);
	return 0;
}
