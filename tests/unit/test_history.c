/* History read back from records: sorted once whatever order they come
 * in, each record taken once, and described one change a line - who,
 * when, from what to what. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/history.h"
#include "scribe/text.h"
#include "tap.h"

static struct record *rec(enum rec_type t, const char *id, const char *author, ms_t time, const char *rev)
{
	struct record *r = record_new(t, id, author, time);

	snprintf(r->rev, sizeof(r->rev), "%s", rev);
	return r;
}

static void test_changes(void)
{
	struct history h = { 0 };
	struct record *r, *const *recs;
	struct change *c;
	size_t n, nc;
	const char *ids[] = { "f1" };

	/* given newest first, with a copy of one and another entity's */
	r = rec(REC_ACTION, "a1", "sam", 400, "r4");
	record_set_str(r, F_OWNER, "sam");
	record_set_int(r, F_PRIORITY, PRIO_P1);
	history_take(&h, r);
	r = rec(REC_COMMENT, "a1", "lee", 300, "r3");
	record_set_str(r, F_TEXT, "two\nlines");
	history_take(&h, r);
	r = rec(REC_VOTE, "a1", "dana", 250, "r25");
	record_set_bool(r, F_UP, false);
	history_take(&h, r);
	r = rec(REC_ACTION, "a1", "lee", 200, "r2");
	record_set_str(r, F_TITLE, "Alert");	/* the same title again */
	history_take(&h, r);
	r = rec(REC_ACTION, "a1", "lee", 100, "r1");
	record_set_str(r, F_TITLE, "Alert");
	record_set_ids(r, F_FACTORS, ids, 1);
	history_take(&h, r);
	r = rec(REC_ACTION, "a1", "lee", 100, "r1");
	record_set_str(r, F_TITLE, "Alert");
	history_take(&h, r);
	r = rec(REC_EVENT, "e1", "ann", 50, "r0");
	record_set_time(r, F_AT, 50);
	history_take(&h, r);
	history_finish(&h);
	is_int(h.n, 6, "a record read twice is taken once");
	recs = history_of(&h, "a1", &n);
	is_int(n, 5, "five records of a1");
	ok(n == 5 && recs[0]->time == 100 && recs[4]->time == 400, "in time order");
	{
		size_t none;

		history_of(&h, "a", &none);
		is_int(none, 0, "ids are matched whole");
	}
	c = history_changes(recs, n, 0, &nc);
	is_int(nc, 6, "six changes");
	if (nc == 6) {
		is_str(c[0].what, "created", "the first record created it");
		is_str(c[0].author, "lee", "by lee");
		is_str(c[1].what, "saved again, no change", "a record that changed nothing says so");
		is_str(c[2].what, "vote: withdrawn", "a vote withdrawn");
		is_str(c[3].what, "comment: \"two\xE2\x8F\x8Elines\"", "a comment, on one line");
		is_str(c[4].what, "owner: (none) -> \"sam\"", "from nothing to a value");
		is_str(c[5].what, "priority: P2 -> P1", "from the default priority");
		ok(c[5].time == 400, "with its time");
	}
	changes_free(c, nc);
	c = history_changes(recs, n, TEXT_ASCII, &nc);
	ok(nc == 6 && !strcmp(c[3].what, "comment: \"two^Jlines\""), "ASCII: a line break is ^J");
	changes_free(c, nc);
	history_free(&h);

	/* only one entity's records kept */
	h = (struct history){ .only = "e1" };
	history_take(&h, rec(REC_EVENT, "e2", "x", 1, "q1"));
	r = rec(REC_EVENT, "e1", "x", 2, "q2");
	record_set_time(r, F_AT, 2);
	record_set_str(r, F_TEXT, "a\x1b[2Jb");
	history_take(&h, r);
	r = rec(REC_EVENT, "e1", "y", 3, "q3");
	record_set_str(r, F_TEXT, "c");
	record_set_int(r, F_MARKER, MARKER_DETECTED);
	history_take(&h, r);
	history_finish(&h);
	is_int(h.n, 2, "only the records of e1 are kept");
	recs = history_of(&h, "e1", &n);
	c = history_changes(recs, n, 0, &nc);
	ok(nc == 3 && !strcmp(c[1].what, "text: \"a^[[2Jb\" -> \"c\""), "control characters are placeholders");
	ok(nc == 3 && !strcmp(c[2].what, "marker: none -> detected"), "from the default marker");
	changes_free(c, nc);
	history_free(&h);
}

/* Two people change the title from the same version: the later one is
 * marked; a change to another field from that version is not. */
static void test_conflict(void)
{
	struct history h = { 0 };
	struct record *r, *const *recs;
	struct change *c;
	size_t n, nc;

	r = rec(REC_FACTOR, "f1", "ann", 1, "r1");
	record_set_str(r, F_TITLE, "pool");
	history_take(&h, r);
	r = rec(REC_FACTOR, "f1", "bob", 2, "r2");
	snprintf(r->base, sizeof(r->base), "r1");
	record_set_str(r, F_TITLE, "pool full");
	history_take(&h, r);
	r = rec(REC_FACTOR, "f1", "cy", 3, "r3");
	snprintf(r->base, sizeof(r->base), "r1");
	record_set_str(r, F_DESCRIPTION, "at 14:00");
	history_take(&h, r);
	r = rec(REC_FACTOR, "f1", "dee", 4, "r4");
	snprintf(r->base, sizeof(r->base), "r1");
	record_set_str(r, F_TITLE, "pool exhausted");
	history_take(&h, r);
	history_finish(&h);
	recs = history_of(&h, "f1", &n);
	c = history_changes(recs, n, 0, &nc);
	is_int(nc, 4, "four changes");
	if (nc == 4) {
		is_str(c[1].what, "title: \"pool\" -> \"pool full\"", "the first change from r1 is plain");
		is_str(c[2].what, "description: (none) -> \"at 14:00\"", "another field from r1 is no conflict");
		is_str(c[3].what, "title: \"pool full\" -> \"pool exhausted\" (at the same time as the change before: both kept)",
		       "the same field from r1 again is marked");
	}
	changes_free(c, nc);
	history_free(&h);
}

/* A hostile writer: 100,000 edits of one event, newest first. */
static void test_many(void)
{
	struct history h = { 0 };
	struct record *r, *const *recs;
	struct change *c;
	size_t n, nc;
	bool ordered = true;

	for (int i = 100000; i > 0; i--) {
		char rev[16], text[16];

		snprintf(rev, sizeof(rev), "r%06d", i);
		snprintf(text, sizeof(text), "t%d", i);
		r = rec(REC_EVENT, "e1", "bot", i, rev);
		if (i == 1)
			record_set_time(r, F_AT, 1);
		record_set_str(r, F_TEXT, text);
		history_take(&h, r);
	}
	history_finish(&h);
	recs = history_of(&h, "e1", &n);
	is_int(n, 100000, "100,000 records of one event");
	c = history_changes(recs, n, 0, &nc);
	is_int(nc, 100000, "one change each");
	for (size_t i = 1; i < nc; i++)
		ordered &= c[i - 1].time < c[i].time;
	ok(ordered && nc && !strcmp(c[nc - 1].what, "text: \"t99999\" -> \"t100000\""), "in order, each from the one before");
	changes_free(c, nc);
	history_free(&h);

	/* the same, every edit made from the first version */
	for (int i = 100000; i > 0; i--) {
		char rev[16];

		snprintf(rev, sizeof(rev), "r%06d", i);
		r = rec(REC_EVENT, "e1", "bot", i, rev);
		if (i == 1)
			record_set_time(r, F_AT, 1);
		else
			snprintf(r->base, sizeof(r->base), "r000001");
		record_set_str(r, F_TEXT, rev);
		history_take(&h, r);
	}
	history_finish(&h);
	recs = history_of(&h, "e1", &n);
	c = history_changes(recs, n, 0, &nc);
	ok(nc == 100000 && !strstr(c[1].what, "same time") && strstr(c[nc - 1].what, "same time"),
	   "100,000 edits from one base: each after the first marked, without a quadratic scan");
	changes_free(c, nc);
	history_free(&h);
}

int main(void)
{
	test_changes();
	test_conflict();
	test_many();
	return done_testing();
}
