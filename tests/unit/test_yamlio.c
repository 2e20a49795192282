/* Records survive a trip through the emitter and the parser; bad
 * documents are named by line and column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/quickread.h"
#include "scribe/yamlio.h"
#include "tap.h"

struct got {
	struct record *v[16];
	size_t n;
};

static void keep(void *ctx, struct record *r)
{
	struct got *g = ctx;

	if (g->n < ARRAY_SIZE(g->v))
		g->v[g->n++] = r;
	else
		record_free(r);
}

static void drop(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		record_free(g->v[i]);
	g->n = 0;
}

static void test_round_trip(void)
{
	struct record *r = record_new(REC_EVENT, "eabc", "Zoë \"z\"", 1764165781123LL);
	const char *ids[] = { "f1", "f2" };
	struct strbuf sb = STRBUF_INIT;
	struct diags d = { 0 };
	struct error e = { 0 };
	struct got g = { 0 };
	const char *text = "line one\nline two: with colon\n... not an end\n---\n\x1b[31mred";

	strcpy(r->rev, "r1");
	strcpy(r->base, "r0");
	record_set_time(r, F_AT, 1764165700000LL);
	record_set_str(r, F_TEXT, text);
	record_set_int(r, F_KIND, KIND_DEPLOY);
	record_set_bool(r, F_STAR, true);
	is_int(yamlio_emit_record(&sb, r, &e), 0, "emit");
	ok(strncmp(sb.buf, "---\n", 4) == 0, "starts with ---");
	ok(sb.len > 4 && strcmp(sb.buf + sb.len - 4, "...\n") == 0, "ends with ...");
	is_int(yamlio_complete_prefix(sb.buf, sb.len), sb.len, "whole document is complete");
	is_int(yamlio_complete_prefix(sb.buf, sb.len - 1), 0, "cut document is not");
	is_int(yamlio_parse_journal("j.yaml", sb.buf, sb.len, 1, keep, &g, &d), 1, "parsed one");
	is_int(d.n, 0, "no problems");
	if (g.n == 1) {
		struct record *b = g.v[0];

		is_str(b->id, "eabc", "id");
		is_str(b->rev, "r1", "rev");
		is_str(b->base, "r0", "base");
		is_str(b->author, "Zoë \"z\"", "author");
		is_int(b->time, 1764165781123LL, "time to the ms");
		is_str(record_get(b, F_TEXT)->u.s, text, "multi-line text with control chars");
		is_int(record_get(b, F_KIND)->u.i, KIND_DEPLOY, "kind");
		ok(record_get(b, F_STAR)->u.b, "star");
		is_int(record_get(b, F_AT)->u.t, 1764165700000LL, "at");
	}
	drop(&g);
	record_free(r);

	/* titles that look like other YAML types stay strings */
	r = record_new(REC_FACTOR, "f1", "a", 0);
	strcpy(r->rev, "r2");
	record_set_str(r, F_TITLE, "true");
	record_set_ids(r, F_EVENTS, ids, 2);
	sb_reset(&sb);
	yamlio_emit_record(&sb, r, &e);
	ok(strstr(sb.buf, "title: 'true'") != NULL, "quoted special word");
	yamlio_parse_journal("j.yaml", sb.buf, sb.len, 1, keep, &g, &d);
	ok(g.n == 1 && !strcmp(record_get(g.v[0], F_TITLE)->u.s, "true"), "read back as text");
	ok(g.n == 1 && record_get(g.v[0], F_EVENTS)->u.ids->n == 2, "id list");
	drop(&g);
	record_free(r);

	/* a comment: the card's id, its text; author and time are the record's */
	r = record_new(REC_COMMENT, "a2h6j3v5n8t", "dana", 1764165781123LL);
	strcpy(r->rev, "r3");
	record_set_str(r, F_TEXT, "page on pool wait\ninstead?");
	sb_reset(&sb);
	yamlio_emit_record(&sb, r, &e);
	ok(strstr(sb.buf, "type: comment\nid: a2h6j3v5n8t\n") != NULL, "comment record written");
	yamlio_parse_journal("j.yaml", sb.buf, sb.len, 1, keep, &g, &d);
	ok(g.n == 1 && g.v[0]->type == REC_COMMENT && !strcmp(g.v[0]->id, "a2h6j3v5n8t") &&
	   !strcmp(record_get(g.v[0], F_TEXT)->u.s, "page on pool wait\ninstead?"), "and read back");
	drop(&g);
	record_free(r);
	sb_free(&sb);
	diags_free(&d);
}

/* Parses doc and expects one problem at line:col whose message holds
 * want. */
static void bad(const char *doc, int line, int col, const char *want, const char *name)
{
	struct diags d = { 0 };
	struct got g = { 0 };

	yamlio_parse_journal("bad.yaml", doc, strlen(doc), 1, keep, &g, &d);
	is_int(g.n, 0, "%s: rejected", name);
	if (!ok(d.n >= 1 && d.v[0].line == line && d.v[0].col == col && strstr(d.v[0].msg, want),
		"%s: %d:%d %s", name, line, col, want) && d.n)
		printf("#   got %d:%d %s\n", d.v[0].line, d.v[0].col, d.v[0].msg);
	drop(&g);
	diags_free(&d);
}

#define HEAD "---\ntype: event\nid: e1\nrev: r1\ntime: 2026-11-26T14:03:00.000Z\nauthor: a\nset:\n"

static void test_bad(void)
{
	bad(HEAD "  kind: launch\n...\n", 8, 9, "unknown kind \"launch\" (valid: note, deploy", "unknown kind");
	bad(HEAD "  at: yesterday\n...\n", 8, 7, "is not a time", "bad time");
	bad(HEAD "  star: maybe\n...\n", 8, 9, "true or false", "bad bool");
	bad(HEAD "  text: a\n  text: b\n...\n", 9, 3, "duplicate key \"text\"", "duplicate key");
	bad(HEAD "  text: &x a\n...\n", 8, 9, "anchors", "anchor");
	bad(HEAD "  text: !!binary YQ==\n...\n", 8, 9, "tags", "tag");
	bad(HEAD "  text: \"a\\0b\"\n...\n", 8, 9, "NUL", "NUL in scalar");
	bad(HEAD "  text: [a, [b, [c]]]\n...\n", 8, 13, "nested too deeply", "deep nesting");
	bad(HEAD "  text: [a]\n...\n", 8, 9, "single value", "wrong type");
	bad(HEAD "  colour: red\n...\n", 8, 3, "no field \"colour\"", "unknown field");
	bad(HEAD "  text: \"unterminated\n...\n", 9, 1, "YAML syntax error", "syntax error");
	bad("---\ntype: event\nid: ../../etc\nrev: r1\ntime: 2026-11-26T14:03:00Z\nset: {}\n...\n",
	    3, 5, "not a valid id", "path in id");
	bad("---\ntype: gossip\nid: e1\nrev: r1\ntime: 2026-11-26T14:03:00Z\nset: {}\n...\n",
	    2, 7, "unknown record type", "unknown type");
	bad("---\ntype: event\nid: e1\nrev: r1\nset: {}\n...\n", 2, 1, "without \"time\"", "missing time");
	bad("---\ntype: incident\nid: i\nrev: r1\ntime: 2026-11-26T14:03:00Z\nset:\n  severity: 9\n...\n",
	    7, 13, "from 1 to 4", "severity range");
	bad(HEAD "  text: caf\xc3\n...\n", 8, 12, "invalid UTF-8", "invalid UTF-8");
	bad(HEAD "  text: a\x01z\n...\n", 8, 10, "control character", "raw control character");
	{
		/* an alias bomb never expands: the first alias stops it */
		const char *bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n...\n";

		bad(bomb, 2, 4, "anchors", "alias bomb");
	}
	{
		struct strbuf big = STRBUF_INIT;

		sb_adds(&big, HEAD "  text: ");
		for (int i = 0; i < YAMLIO_MAX_SCALAR + 10; i++)
			sb_addc(&big, 'x');
		sb_adds(&big, "\n...\n");
		bad(big.buf, 8, 9, "value too long", "oversize scalar");
		sb_free(&big);
	}
}

static void test_partial(void)
{
	const char *two = HEAD "  text: one\n...\n" "---\ntype: event\nid: e2\nrev: r2\ntime: 2026-11-26T14:03:00Z\nset:\n  text: two\n...\n";
	struct diags d = { 0 };
	struct got g = { 0 };
	size_t cut = strlen(two) - 9;

	is_int(yamlio_complete_prefix(two, cut), strlen(HEAD "  text: one\n...\n"), "prefix ends after the first record");
	/* a bad record does not stop the good one after it */
	{
		const char *mixed = HEAD "  kind: nope\n...\n" "---\ntype: event\nid: e2\nrev: r2\ntime: 2026-11-26T14:03:00Z\nset:\n  text: two\n...\n";

		yamlio_parse_journal("m.yaml", mixed, strlen(mixed), 1, keep, &g, &d);
		is_int(g.n, 1, "the good record after a bad one loads");
		is_int(d.n, 1, "one problem");
		drop(&g);
		diags_free(&d);
	}
	/* line numbers continue from line0 */
	yamlio_parse_journal("m.yaml", HEAD "  kind: nope\n...\n", strlen(HEAD "  kind: nope\n...\n"), 41, keep, &g, &d);
	ok(d.n == 1 && d.v[0].line == 48, "line offset for incremental reads");
	drop(&g);
	diags_free(&d);
}

/* What a parse gives, as text: each record written back with its line
 * and column, then each problem. */
static void canon(void *ctx, struct record *r)
{
	struct strbuf *out = ctx;
	struct error e = { 0 };

	sb_addf(out, "@%d:%d\n", r->line, r->col);
	if (yamlio_emit_record(out, r, &e))
		sb_addf(out, "(cannot write: %s)\n", e.msg);
	record_free(r);
}

static char *parse_as(bool quick, const char *buf, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	struct diags d = { 0 };
	size_t n;

	n = yamlio_parse_journal_with(&(struct yamlio_parse_opts){ .libyaml_only = !quick }, "q.yaml", buf, len, 1,
				      canon, &out, &d);
	sb_addf(&out, "%zu records\n", n);
	for (size_t i = 0; i < d.n; i++)
		sb_addf(&out, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	diags_free(&d);
	return sb_detach(&out);
}

static unsigned rnd_state = 12345;

static unsigned rnd(unsigned n);

/* parse_as(true, ...) read in pieces, as store.c reads a journal: each
 * piece but the last ends after a "..." line that a "---" line follows
 * (here at random ones of them). */
static char *parse_pieces(const char *buf, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	struct diags d = { 0 };
	struct yamlio_pieces pieces = { YAMLIO_MAX_PROBLEMS, false, false };
	struct yamlio_parse_opts opts = { .pieces = &pieces };
	size_t n = 0, from = 0;
	int line = 1;

	for (size_t i = 0; i + 8 <= len; i++) {
		bool cut = (i == 0 || buf[i - 1] == '\n') && !memcmp(buf + i, "...\n---", 7) &&
			   (buf[i + 7] == '\n' || buf[i + 7] == ' ' || buf[i + 7] == '\r');

		if (cut && rnd(3) == 0) {
			n += yamlio_parse_journal_with(&opts, "q.yaml", buf + from, i + 4 - from, line, canon, &out, &d);
			for (size_t k = from; k < i + 4; k++)
				line += buf[k] == '\n';
			from = i + 4;
		}
	}
	n += yamlio_parse_journal_with(&opts, "q.yaml", buf + from, len - from, line, canon, &out, &d);
	sb_addf(&out, "%zu records\n", n);
	for (size_t i = 0; i < d.n; i++)
		sb_addf(&out, "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	diags_free(&d);
	return sb_detach(&out);
}

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

/* The quick reader and libyaml agree on every journal: records in the
 * emitter's layout with awkward values, and the same bytes mutated. */
static void test_quick_same(void)
{
	static const char *const texts[] = {
		"", "plain", "two words", "a: b", "a #b", "#x", "- x", "-1.5", "-", "'q'", "it's", "\"dq\"",
		"back\\slash", "multi\nline", "multi\nline\n", "ends\n\n", "\n\nlead", " lead space",
		"trail space ", "tab\there", "fire \xF0\x9F\x94\xA5 here", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
		"caf\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87", "true", "null", "~",
		"1e5", "0x1F", "[x]", "{a}", "|", ">", "*a", "&a", "!t", "%p", "@a", "`b`", "...", "---",
		"a\n...\nb", "x\n  indented\nback", "\n", "a\r\nb", "bell\x07", "esc\x1b[2J", "del\x7f",
		"a\n\n\nb\n\n", " \n x", "key:", "q'uo\"te", "\\U0001F525", "\xC2\xA0nbsp",
	};
	static const char *const ids[] = { "f1", "fa-b", "f0" };
	static const char mut[] = " :#'\"\n|-[]\\x\t\xC3>{},&*!.01";
	struct strbuf j = STRBUF_INIT;
	int mutated_differ = 0;

	for (int i = 0; i < 400; i++) {
		struct record *r;
		struct error e = { 0 };
		char id[16];

		snprintf(id, sizeof(id), "e%d", i);
		switch (i % 4) {
		case 0:
		case 1:
			r = record_new(REC_EVENT, id, texts[rnd(ARRAY_SIZE(texts))], 1764165781123LL + i);
			record_set_time(r, F_AT, 1764165700000LL + i);
			record_set_str(r, F_TEXT, texts[rnd(ARRAY_SIZE(texts))]);
			record_set_int(r, F_KIND, (long)rnd(6));
			if (rnd(3) == 0)
				record_set_bool(r, F_STAR, rnd(2));
			if (rnd(4) == 0)
				record_set_int(r, F_MARKER, (long)rnd(5));
			break;
		case 2:
			r = record_new(REC_FACTOR, id, "ann", 1764165781123LL + i);
			record_set_str(r, F_TITLE, texts[rnd(ARRAY_SIZE(texts))]);
			record_set_ids(r, F_EVENTS, ids, rnd(4));
			record_set_order(r, F_ORDER, rnd(2) ? -1.5 - i : 0.25 * i);
			break;
		default:
			r = record_new(REC_ACTION, id, "ann", 1764165781123LL + i);
			record_set_str(r, F_TITLE, texts[rnd(ARRAY_SIZE(texts))]);
			record_set_str(r, F_DUE, rnd(2) ? "2026-12-01" : "");
			record_set_int(r, F_PRIORITY, (long)rnd(4));
			break;
		}
		snprintf(r->rev, sizeof(r->rev), "r%d", i);
		if (yamlio_emit_record(&j, r, &e))
			ok(0, "emit %d: %s", i, e.msg);
		record_free(r);
	}
	{
		char *a = parse_as(true, j.buf, j.len), *b = parse_as(false, j.buf, j.len);

		if (getenv("QDUMP")) {
			FILE *f = fopen("/tmp/qa.txt", "w");

			fputs(a, f);
			fclose(f);
			f = fopen("/tmp/qb.txt", "w");
			fputs(b, f);
			fclose(f);
		}
		is_str(a, b, "400 awkward records: the quick reader gives what libyaml gives");
		ok(strstr(a, "\n2") != NULL, "... most of them load");
		free(a);
		free(b);
	}
	for (int round = 0; round < 3000; round++) {
		struct strbuf m = STRBUF_INIT;
		size_t at, len = 600 + rnd(1200), from = rnd((unsigned)(j.len - len));
		char *a, *b;

		/* a window of whole records, mutated a few times */
		while (from > 0 && strncmp(j.buf + from, "---\n", 4))
			from--;
		sb_add(&m, j.buf + from, len);
		for (int k = 1 + (int)rnd(3); k > 0; k--) {
			at = rnd((unsigned)m.len);
			switch (rnd(3)) {
			case 0: m.buf[at] = mut[rnd(sizeof(mut) - 1)]; break;
			case 1:
				if (m.len > 1) {
					memmove(m.buf + at, m.buf + at + 1, m.len - at - 1);
					m.len--;
				}
				break;
			default: {
				char c = mut[rnd(sizeof(mut) - 1)];

				sb_addc(&m, ' ');
				memmove(m.buf + at + 1, m.buf + at, m.len - at - 1);
				m.buf[at] = c;
			}
			}
		}
		a = parse_as(true, m.buf, m.len);
		b = parse_as(false, m.buf, m.len);
		if (strcmp(a, b)) {
			if (++mutated_differ <= 3)
				printf("# differ on:\n%.*s\n# quick:\n%s\n# libyaml:\n%s\n", (int)m.len, m.buf, a, b);
		}
		free(a);
		free(b);
		sb_free(&m);
	}
	is_int(mutated_differ, 0, "3,000 mutated journals: both readers agree");

	/* a journal read in pieces (a MiB at a time in store.c) reads as
	 * the whole: problems, their count (at most YAMLIO_MAX_PROBLEMS)
	 * and what a syntax error leaves unread carry from piece to piece */
	mutated_differ = 0;
	for (int round = 0; round < 300; round++) {
		struct strbuf m = STRBUF_INIT;
		char *a, *b;

		sb_add(&m, j.buf, j.len);
		for (int k = (int)rnd(round % 3 ? 150 : 8); k > 0; k--) {
			size_t at = rnd((unsigned)m.len);
			char *t = strstr(m.buf + at, "\ntime: 2");

			if (round % 3 == 1 && t)
				t[9] = 'x';	/* a problem, no syntax error */
			else if (round % 3 == 2 && !rnd(10))
				m.buf[at] = '\1';	/* a byte YAML refuses */
			else if (m.buf[at] != '.' && m.buf[at] != '-')
				m.buf[at] = mut[rnd(sizeof(mut) - 1)];	/* not on the "..." and "---" lines */
		}
		a = parse_as(true, m.buf, m.len);
		b = parse_pieces(m.buf, m.len);
		if (strcmp(a, b) && ++mutated_differ <= 2)
			printf("# whole:\n%s\n# in pieces:\n%s\n", a, b);
		free(a);
		free(b);
		sb_free(&m);
	}
	is_int(mutated_differ, 0, "300 mutated journals read in pieces: as read whole");

	/* NEL, LS and PS are line breaks to libyaml but not to an editor:
	 * after a value holding one, lines are still counted by newlines */
	{
		const char *two = HEAD "  text: 'ls \xE2\x80\xA8 nel \xC2\x85 end'\n...\n" HEAD "  kind: nope\n...\n";
		char *a = parse_as(true, two, strlen(two));

		ok(strstr(a, "@2:1\n") && strstr(a, "17:9: unknown kind"), "a line break YAML's way does not shift the lines after it");
		free(a);
	}
	sb_free(&j);
}

/* Every prefix of a journal, cut anywhere (a journal being written, or
 * torn): the direct reader never reads past the end (run under
 * AddressSanitizer, each prefix is a buffer of its own size) and reads
 * as libyaml does.  The fuzz target found "author: " at the very end. */
static void test_quick_prefixes(void)
{
	const char *j = "---\ntype: event\nid: e1\nrev: r1\nbase: r0\ntime: 2026-11-26T16:12:00.000Z\n"
			"author: ann\naccount: ann\nset:\n  at: 2026-11-26T16:11:00.000Z\n  kind: note\n"
			"  text: |-\n    two\n    lines\n  star: true\n...\n";
	size_t len = strlen(j);
	int same = 0;

	for (size_t n = 0; n <= len; n++) {
		char *buf = xmalloc(n ? n : 1), *q, *y;

		memcpy(buf, j, n);
		q = parse_as(true, buf, n);
		y = parse_as(false, buf, n);
		same += !strcmp(q, y);
		if (strcmp(q, y))
			fprintf(stderr, "# cut at %zu:\n-- quick:\n%s-- libyaml:\n%s", n, q, y);
		free(q);
		free(y);
		free(buf);
	}
	is_int(same, (int)len + 1, "every prefix of a record reads the same both ways");
	{
		char *q = parse_as(true, j, len);

		ok(strstr(q, "@2:1\n") && strstr(q, "base: r0\n") && strstr(q, "account: ann\n") &&
		   strstr(q, "text: |-\n    two\n    lines\n") && strstr(q, "1 records\n"),
		   "the whole record is read, base, account and block text too");
		free(q);
	}
}

/* A document cut short (no "..."; libyaml gives up inside it) and, after
 * it, one holding a control character: both readers say both (libyaml's
 * skip to the next "..." went past the second; found by fuzz_yaml). */
static void test_abort_then_bad_byte(void)
{
	const char *j = "---\ntype: factor\nid: f1\nrev: r1\ntime: 2026-11-26T16:11:00.000Z\nauthor: lee\nset:\n"
			"  events: [ea: rollback\n  star: true\n"
			"---\ntype: event\nid: e1\nrev: r2\ntime: 2026-11-26T16:12:00.000Z\nauthor: ann\nset:\n"
			"  text: a\x01" "b\n...\n"
			"---\ntype: event\nid: e2\nrev: r3\ntime: 2026-11-26T16:13:00.000Z\nauthor: ann\nset:\n"
			"  at: 2026-11-26T16:13:00.000Z\n...\n";
	char *q = parse_as(true, j, strlen(j)), *y = parse_as(false, j, strlen(j));

	is_str(q, y, "the quick reader and libyaml say the same");
	ok(strstr(y, "8:12: ") && strstr(y, "17:10: control character 0x01") && strstr(y, "1 records\n"),
	   "the cut document, the control character, and the record after them");
	free(q);
	free(y);
}

/* The eight-bytes-at-a-time tests, for every byte value in every place
 * beside neighbours that could carry into it (0x00, 0x7F, 0x80, 0xFF). */
static void test_word_tests(void)
{
	static const unsigned below[] = { 1, 0x20, 0x80 };
	static const unsigned char equal[] = { 0, '\n', ':', '#', 0x7F, 0x80, 0xFF };
	static const unsigned char fill[] = { 0x00, 0x7F, 0x80, 0xFF, 'a' };
	int wrong = 0;

	for (unsigned b = 0; b < 256; b++) {
		for (int at = 0; at < 8; at++) {
			for (size_t fi = 0; fi < ARRAY_SIZE(fill); fi++) {
				unsigned char bytes[8];
				uint64_t w;

				memset(bytes, fill[fi], 8);
				bytes[at] = (unsigned char)b;
				memcpy(&w, bytes, 8);
				for (size_t k = 0; k < ARRAY_SIZE(below); k++) {
					uint64_t got = qr_below(w, below[k]);

					for (int i = 0; i < 8; i++)
						wrong += !!((got >> (8 * i + 7)) & 1) != (bytes[i] < below[k]);
				}
				for (size_t k = 0; k < ARRAY_SIZE(equal); k++) {
					uint64_t got = qr_equal(w, equal[k]);

					for (int i = 0; i < 8; i++)
						wrong += !!((got >> (8 * i + 7)) & 1) != (bytes[i] == equal[k]);
				}
			}
		}
	}
	is_int(wrong, 0, "below and equal, eight bytes at a time, byte by byte exact");
}

int main(void)
{
	test_word_tests();
	test_abort_then_bad_byte();
	test_round_trip();
	test_bad();
	test_partial();
	test_quick_same();
	test_quick_prefixes();
	return done_testing();
}
