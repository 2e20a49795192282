/* The fold: records in any order give the same state; edits keep
 * history; conflicts are counted; votes count once per person. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/discussion.h"
#include "scribe/model.h"
#include "tap.h"

static int revs;

static struct record *rec(enum rec_type t, const char *id, const char *author, ms_t time,
			  const char *base)
{
	struct record *r = record_new(t, id, author, time);

	snprintf(r->rev, sizeof(r->rev), "r%04d", ++revs);
	if (base)
		snprintf(r->base, sizeof(r->base), "%s", base);
	return r;
}

static struct entity *apply(struct incident *inc, struct record *r)
{
	const char *why;
	struct entity *e = incident_apply(inc, r, &why);

	incident_sort(inc);
	return e;
}

static struct record *event(const char *id, ms_t at, const char *text)
{
	struct record *r = rec(REC_EVENT, id, "ann", at, NULL);

	record_set_time(r, F_AT, at);
	record_set_time(r, F_TYPED, at);
	record_set_time(r, F_LOGGED, at);
	record_set_str(r, F_BY, "ann");
	record_set_str(r, F_TEXT, text);
	return r;
}

static void test_enums(void)
{
	is_str(enum_name(&kind_names, KIND_DEPLOY), "deploy", "kind name");
	is_int(enum_parse(&marker_names, "detected"), MARKER_DETECTED, "marker parse");
	is_int(enum_parse(&marker_names, "Detected"), -1, "marker names are exact");
	is_int(enum_parse(&priority_names, "p1"), PRIO_P1, "priority p1");
	is_int(enum_parse(&priority_names, "3"), PRIO_P3, "priority 3");
	is_str(enum_list(&kind_names), "note, deploy, config, discovery, comms, action", "kind list");
	is_str(enum_list(&action_status_names), "open, doing, done, wontfix", "status list");
	is_int(field_lookup(REC_EVENT, "text"), F_TEXT, "event has text");
	is_int(field_lookup(REC_FACTOR, "text"), -1, "factor has no text");
	is_int(field_lookup(REC_ACTION, "status"), F_STATUS, "action status");
	ok(field_enum(REC_ACTION, F_STATUS) == &action_status_names, "action status names");
	ok(field_enum(REC_INCIDENT, F_STATUS) == &incident_status_names, "incident status names");
}

static void test_events_order(void)
{
	struct incident *inc = incident_new("2026-11-26-x");

	apply(inc, event("e3", 3000, "third"));
	apply(inc, event("e1", 1000, "first"));
	apply(inc, event("e2", 2000, "second"));
	is_int(inc->nevents, 3, "three events");
	is_str(inc->events[0]->e.id, "e1", "sorted by at (0)");
	is_str(inc->events[1]->e.id, "e2", "sorted by at (1)");
	is_str(inc->events[2]->e.id, "e3", "sorted by at (2)");
	is_int(incident_event_pos(inc, inc->events[2]), 2, "position found");

	/* backdating moves an event */
	{
		struct record *r = rec(REC_EVENT, "e3", "bob", 4000, entity_head(&inc->events[2]->e, (char[REV_LEN]){ 0 }));

		record_set_time(r, F_AT, 500);
		apply(inc, r);
	}
	is_str(inc->events[0]->e.id, "e3", "backdated event moves first");
	is_str(inc->events[0]->text, "third", "text kept across edits");
	is_str(event_by(inc, inc->events[0]), "ann", "by is the original author");
	is_int(entity_nrecs(&inc->events[0]->e), 2, "history holds both versions");

	/* many events appended at once take the full sort path */
	for (int i = 0; i < 100; i++) {
		char id[16];

		snprintf(id, sizeof(id), "n%03d", i);
		apply(inc, event(id, 10000 - i, "bulk"));
	}
	{
		bool sorted = true;

		for (size_t i = 1; i < inc->nevents; i++)
			sorted &= inc->events[i - 1]->at <= inc->events[i]->at;
		ok(sorted, "103 events in order");
	}
	incident_free(inc);
}

/* Chunks of events read older-first, as a large incident's backlog comes
 * in: each chunk is merged in; every event's position is found again
 * though its index hint went stale; the live count follows deletes. */
static void test_events_merge(void)
{
	struct incident *inc = incident_new("2026-11-26-x");
	unsigned seed = 7;
	int n = 0, deleted = 0;
	bool sorted = true, found = true;

	for (int chunk = 0; chunk < 20; chunk++) {
		/* each chunk older than the last, shuffled, with ties on at */
		for (int i = 0; i < 150; i++) {
			char id[16];
			ms_t at = (ms_t)(1000000 - chunk * 10000 - (int)((seed = seed * 1103515245u + 12345u) >> 16) % 10000);

			snprintf(id, sizeof(id), "c%02d-%03d", chunk, i);
			incident_apply(inc, event(id, at - at % 7, "chunk"), &(const char *){ NULL });
			n++;
		}
		incident_sort(inc);
		for (size_t i = 1; i < inc->nevents; i++)
			sorted &= event_cmp(&inc->events[i - 1], &inc->events[i]) < 0;
		for (size_t i = 0; i < inc->nevents; i += 37)
			found &= incident_event_pos(inc, inc->events[i]) == i;
	}
	ok(sorted, "3,000 events merged chunk by chunk are in timeline order");
	ok(found, "positions found again after the merges");
	is_int(inc->nevents, n, "every event listed");
	is_int(incident_count_events(inc), n, "all live");
	for (size_t i = 0; i < inc->nevents; i += 10) {
		struct record *r = rec(REC_EVENT, inc->events[i]->e.id, "bob", 2000000, entity_head(&inc->events[i]->e, (char[REV_LEN]){ 0 }));

		record_set_bool(r, F_DELETED, true);
		incident_apply(inc, r, &(const char *){ NULL });
		deleted++;
	}
	is_int(incident_count_events(inc), n - deleted, "deleted events are not counted");
	{
		struct record *r = rec(REC_EVENT, inc->events[0]->e.id, "bob", 2000001, entity_head(&inc->events[0]->e, (char[REV_LEN]){ 0 }));

		record_set_bool(r, F_DELETED, false);
		incident_apply(inc, r, &(const char *){ NULL });
	}
	is_int(incident_count_events(inc), n - deleted + 1, "a restored event counts again");
	incident_free(inc);
}

static void test_out_of_order_fold(void)
{
	struct incident *a = incident_new("i"), *b = incident_new("i");
	struct record *c = event("e1", 1000, "v1");
	struct record *ed1 = rec(REC_EVENT, "e1", "bob", 2000, "r-none");
	struct record *ed2 = rec(REC_EVENT, "e1", "cy", 3000, "r-none");

	record_set_str(ed1, F_TEXT, "v2");
	record_set_str(ed2, F_TEXT, "v3");
	record_set_bool(ed2, F_STAR, true);
	/* same records, two orders of arrival */
	{
		struct record *c2 = event("e1", 1000, "v1"), *e1b, *e2b;

		strcpy(c2->rev, c->rev);
		e1b = rec(REC_EVENT, "e1", "bob", 2000, "r-none");
		e2b = rec(REC_EVENT, "e1", "cy", 3000, "r-none");
		strcpy(e1b->rev, ed1->rev);
		strcpy(e2b->rev, ed2->rev);
		record_set_str(e1b, F_TEXT, "v2");
		record_set_str(e2b, F_TEXT, "v3");
		record_set_bool(e2b, F_STAR, true);
		apply(b, e2b);
		apply(b, c2);
		apply(b, e1b);
	}
	apply(a, c);
	apply(a, ed1);
	apply(a, ed2);
	is_str(a->events[0]->text, "v3", "in order: last text wins");
	is_str(b->events[0]->text, "v3", "out of order: same text");
	ok(a->events[0]->star && b->events[0]->star, "star set in both");
	is_str(entity_head(&a->events[0]->e, (char[REV_LEN]){ 0 }), entity_head(&b->events[0]->e, (char[REV_LEN]){ 0 }), "same head");
	incident_free(a);
	incident_free(b);
}

static struct record *comment(const char *on, const char *author, ms_t time, const char *text);

/* An entity's first record is kept inside it until a second comes; then
 * both are in its tree, and the index of revisions (inc->recs) follows. */
static void test_stamps(void)
{
	struct incident *inc = incident_new("i");
	struct record *c = event("e1", 1000, "v1"), *ed;
	struct entity *e;
	char first[REV_LEN];
	size_t found = 0;

	snprintf(first, sizeof(first), "%s", c->rev);
	e = apply(inc, c);
	is_int(entity_nrecs(e), 1, "stamps: one record");
	ok(entity_first(e) == &e->lone && entity_last(e) == &e->lone && !e->lone.node, "stamps: kept inside the event");
	ok(inc->nrecs == 1 && inc->recs[0] == &e->lone && stamp_entity(inc->recs[0]) == e, "stamps: and listed");
	ok(stamp_fields(&e->lone) == ((uint64_t)1 << F_AT | (uint64_t)1 << F_TYPED | (uint64_t)1 << F_LOGGED |
			    (uint64_t)1 << F_BY | (uint64_t)1 << F_TEXT), "stamps: with the fields it set");
	ed = rec(REC_EVENT, "e1", "bob", 2000, first);
	record_set_str(ed, F_TEXT, "v2");
	apply(inc, ed);
	is_int(entity_nrecs(e), 2, "stamps: two records");
	ok(inc->recs[0]->node && !strcmp(STAMP_REV(inc->recs[0]), first) && stamp_entity(inc->recs[0]) == e,
	   "stamps: the first moved into the tree, and the list with it");
	ok(entity_first(e) == inc->recs[0] && entity_last(e) == inc->recs[1], "stamps: first and last");
	is_str(STAMP_REV(stamp_base(entity_last(e))), first, "stamps: the edit knows its base");
	is_str(inc->events[0]->text, "v2", "stamps: the edit shows");
	ok(stamp_base(entity_first(e)) == NULL, "stamps: the first was made from nothing");
	incident_free(inc);

	/* a record read twice (a journal and the pack that replaced it) is
	 * taken once, whether its entity still has only it or has more */
	inc = incident_new("i");
	{
		struct record *a = event("e1", 1000, "v1"), *b, *again;
		const char *why = "x";
		char arev[REV_LEN], brev[REV_LEN];

		snprintf(arev, sizeof(arev), "%s", a->rev);
		e = apply(inc, a);
		again = event("e1", 1000, "copy");
		snprintf(again->rev, sizeof(again->rev), "%s", arev);
		ok(incident_apply(inc, again, &why) == NULL && why == NULL, "once: the first record again is ignored");
		ok(inc->nrecs == 1 && entity_nrecs(e) == 1, "once: still one record");
		b = rec(REC_EVENT, "e1", "bob", 2000, arev);
		record_set_str(b, F_TEXT, "v2");
		snprintf(brev, sizeof(brev), "%s", b->rev);
		apply(inc, b);
		again = event("e1", 1000, "copy");
		snprintf(again->rev, sizeof(again->rev), "%s", arev);
		ok(incident_apply(inc, again, &why) == NULL && why == NULL, "once: the first again, once in the tree");
		again = rec(REC_EVENT, "e1", "bob", 2000, arev);
		record_set_str(again, F_TEXT, "copy");
		snprintf(again->rev, sizeof(again->rev), "%s", brev);
		ok(incident_apply(inc, again, &why) == NULL && why == NULL, "once: the edit again");
		incident_sort(inc);
		ok(inc->nrecs == 2 && entity_nrecs(e) == 2 && !entity_conflicts(e), "once: two records, no conflict");
		is_str(inc->events[0]->text, "v2", "once: the edit shows");
	}
	incident_free(inc);

	/* the incident's own first record moves into its tree like any */
	inc = incident_new("i");
	{
		struct record *r;
		char ifirst[REV_LEN];
		size_t place = 0;

		apply(inc, event("e1", 1000, "v1"));
		r = rec(REC_INCIDENT, "i", "ann", 1500, NULL);
		record_set_str(r, F_TITLE, "t1");
		snprintf(ifirst, sizeof(ifirst), "%s", r->rev);
		apply(inc, r);
		apply(inc, event("e2", 1600, "v2"));
		ok(inc->nrecs == 3 && inc->recs[1] == &inc->info.e.lone, "incident: its first record kept inside it");
		r = rec(REC_INCIDENT, "i", "bob", 2000, ifirst);
		record_set_str(r, F_TITLE, "t2");
		apply(inc, r);
		for (size_t i = 0; i < inc->nrecs; i++)
			if (!strcmp(STAMP_REV(inc->recs[i]), ifirst))
				place = i + 1;
		ok(place == 2 && inc->recs[1]->node && stamp_entity(inc->recs[1]) == &inc->info.e,
		   "incident: the first moved into the tree, in its place in the list");
		ok(stamp_base(entity_last(&inc->info.e)) == inc->recs[1], "incident: the edit knows its base");
		is_str(inc->info.title, "t2", "incident: the edit shows");
	}
	incident_free(inc);

	/* revisions are one set, comments' and records' alike */
	inc = incident_new("i");
	{
		struct record *ev = event("e1", 1000, "v1"), *cm = comment("e1", "bob", 2000, "why?"), *dup;
		const char *why;
		size_t nc;
		char evrev[REV_LEN], cmrev[REV_LEN];
		static char file[] = "/tmp/j-one.yaml";

		snprintf(evrev, sizeof(evrev), "%s", ev->rev);
		snprintf(cmrev, sizeof(cmrev), "%s", cm->rev);
		ev->file = file;
		ev->line = 7;
		e = apply(inc, ev);
		file[0] = 'X';	/* the reader's copy of the name may go */
		is_str(stamp_file(inc, &e->lone), "/tmp/j-one.yaml", "stamps: the file's name is the incident's copy");
		is_str(stamp_author(inc, &e->lone), "ann", "stamps: the author");
		ok(stamp_account(inc, &e->lone) == NULL, "stamps: no account in an old record");
		apply(inc, cm);
		incident_all_comments(inc, &nc);
		is_int(nc, 1, "revisions: a comment");
		dup = comment("e1", "cy", 3000, "again");
		snprintf(dup->rev, sizeof(dup->rev), "%s", evrev);
		ok(incident_apply(inc, dup, &why) == NULL && why == NULL, "revisions: a comment reusing a record's rev is ignored");
		dup = event("e2", 4000, "other");
		snprintf(dup->rev, sizeof(dup->rev), "%s", cmrev);
		ok(incident_apply(inc, dup, &why) == NULL && why == NULL, "revisions: a record reusing a comment's rev is ignored");
		incident_all_comments(inc, &nc);
		ok(nc == 1 && inc->nrecs == 1 && !incident_event(inc, "e2"), "revisions: neither came in");
		/* made from a comment's rev: no base, so no conflict and no wait */
		dup = rec(REC_EVENT, "e1", "cy", 5000, cmrev);
		record_set_str(dup, F_TEXT, "v2");
		apply(inc, dup);
		ok(stamp_base(entity_last(e)) == NULL && !entity_conflicts(e), "revisions: a comment is no record's base");
		is_str(inc->events[0]->text, "v2", "revisions: the edit shows");
		apply(inc, rec(REC_EVENT, "e1", "", 6000, NULL));
		apply(inc, rec(REC_EVENT, "e1", "ann", 7000, NULL));
		{
			size_t na;
			const char *const *who = incident_authors(inc, &na);

			ok(na == 2 && !strcmp(who[0], "ann") && !strcmp(who[1], "cy"),
			   "authors: each once, in the order they came, no empty one, no comment's");
		}
	}
	incident_free(inc);

	/* a size hint, even an absurd one, changes nothing but room */
	inc = incident_new("i");
	incident_reserve(inc, (size_t)1 << 40);
	for (int i = 0; i < 1000; i++) {
		char id[16];

		snprintf(id, sizeof(id), "e%d", i);
		incident_apply(inc, event(id, 1000 + i, "t"), &(const char *){ NULL });
	}
	incident_reserve(inc, 10);
	incident_sort(inc);
	for (int i = 0; i < 1000; i++) {
		char id[16];

		snprintf(id, sizeof(id), "e%d", i);
		found += incident_event(inc, id) == inc->events[i];
	}
	is_int(found, 1000, "reserve: every event found, in order");
	incident_free(inc);
}

static void test_conflicts(void)
{
	struct incident *inc = incident_new("i");
	struct record *r = rec(REC_FACTOR, "f1", "ann", 1000, NULL), *x, *y, *z;
	struct factor *f;
	char base[REV_LEN], xrev[REV_LEN];

	record_set_str(r, F_TITLE, "pool too small");
	record_set_str(r, F_CATEGORY, "technical");
	strcpy(base, r->rev);	/* (r is the incident's once applied) */
	apply(inc, r);
	/* two people change the title from the same version */
	x = rec(REC_FACTOR, "f1", "bob", 2000, base);
	record_set_str(x, F_TITLE, "bob's title");
	y = rec(REC_FACTOR, "f1", "cy", 2001, base);
	record_set_str(y, F_TITLE, "cy's title");
	snprintf(xrev, sizeof(xrev), "%s", x->rev);
	apply(inc, x);
	apply(inc, y);
	f = incident_factor(inc, "f1");
	is_str(f->title, "cy's title", "later change shows");
	is_int(entity_conflicts(&f->e), 1, "the conflict is counted");
	is_int(entity_nrecs(&f->e), 3, "both changes are in the history");
	/* its value is read back from the files (history.c), not kept */
	is_str(STAMP_REV(entity_rec(&f->e, 1)), xrev, "the earlier change is kept");
	ok(stamp_fields(entity_rec(&f->e, 1)) == ((uint64_t)1 << F_TITLE), "as which fields it set, without their values");
	/* a change to another field from the same base is no conflict */
	z = rec(REC_FACTOR, "f1", "dee", 2002, base);
	record_set_str(z, F_DESCRIPTION, "from the metrics");
	apply(inc, z);
	is_int(entity_conflicts(&f->e), 1, "different fields merge");
	is_str(f->description, "from the metrics", "description merged");
	is_str(f->title, "cy's title", "title kept");
	/* duplicate rev is ignored */
	{
		struct record *dup = rec(REC_FACTOR, "f1", "eve", 9000, NULL);
		const char *why = "x";

		strcpy(dup->rev, base);
		ok(incident_apply(inc, dup, &why) == NULL && why == NULL, "duplicate rev ignored");
	}
	/* an id of another type is refused */
	{
		struct record *bad = event("f1", 5, "clash");
		const char *why = NULL;

		ok(incident_apply(inc, bad, &why) == NULL && why, "id used by another type refused");
	}
	incident_free(inc);
}

static void test_votes_and_order(void)
{
	struct incident *inc = incident_new("i");
	const char *names[] = { "ann", "bob", "cy" };

	for (int i = 0; i < 3; i++) {
		char id[8];
		struct record *r;

		snprintf(id, sizeof(id), "a%d", i);
		r = rec(REC_ACTION, id, "ann", 100 + i, NULL);
		record_set_str(r, F_TITLE, id);
		record_set_int(r, F_PRIORITY, i == 2 ? PRIO_P0 : PRIO_P1);
		record_set_order(r, F_ORDER, 100 + i);
		apply(inc, r);
	}
	is_str(inc->actions[0]->e.id, "a2", "P0 first");
	is_str(inc->actions[1]->e.id, "a0", "then manual order");
	for (int i = 0; i < 3; i++) {
		struct record *v = rec(REC_VOTE, "a1", names[i], 200 + i, NULL);

		record_set_bool(v, F_UP, true);
		apply(inc, v);
	}
	{
		/* ann votes again: still one vote */
		struct record *v = rec(REC_VOTE, "a1", "ann", 300, NULL);

		record_set_bool(v, F_UP, true);
		apply(inc, v);
	}
	is_int(incident_action(inc, "a1")->nup, 3, "three people, three votes");
	is_str(inc->actions[1]->e.id, "a1", "votes sort within priority");
	{
		struct record *v = rec(REC_VOTE, "a1", "bob", 400, NULL);

		record_set_bool(v, F_UP, false);
		apply(inc, v);
	}
	is_int(incident_action(inc, "a1")->nup, 2, "withdrawn vote");
	is_int(incident_action(inc, "a0")->priority, PRIO_P1, "priority kept");
	incident_free(inc);
}

static void test_durations(void)
{
	struct incident *inc = incident_new("i");
	struct durations d;
	struct record *r;
	struct { const char *id; ms_t at; enum marker m; } evs[] = {
		{ "e1", 60000, MARKER_STARTED }, { "e2", 360000, MARKER_DETECTED },
		{ "e3", 300000, MARKER_MITIGATED }, { "e4", 900000, MARKER_NONE },
	};

	r = rec(REC_INCIDENT, "i", "ann", 1, NULL);
	record_set_str(r, F_TITLE, "t");
	record_set_int(r, F_STATUS, STATUS_RESOLVED);
	apply(inc, r);
	for (size_t i = 0; i < ARRAY_SIZE(evs); i++) {
		r = event(evs[i].id, evs[i].at, "x");
		if (evs[i].m)
			record_set_int(r, F_MARKER, evs[i].m);
		apply(inc, r);
	}
	incident_durations(inc, &d);
	is_int(d.to_detect, 300000, "time to detect");
	is_int(d.to_mitigate, 240000, "time to mitigate");
	is_int(d.to_resolve, -1, "no resolve marker");
	is_int(d.begin, 60000, "begins at started");
	is_int(d.nwarnings, 2, "two warnings");
	is_str(d.warnings[0], "marker \"mitigated\" comes before \"detected\"", "order warning");
	is_str(d.warnings[1], "the incident is resolved but no event is marked \"resolved\"", "missing resolved");
	durations_free(&d);

	/* a resolved marker while the status says active: said */
	r = rec(REC_INCIDENT, "i", "ann", 2, NULL);
	record_set_int(r, F_STATUS, STATUS_ACTIVE);
	apply(inc, r);
	r = event("e5", 1200000, "over");
	record_set_int(r, F_MARKER, MARKER_RESOLVED);
	apply(inc, r);
	incident_durations(inc, &d);
	is_int(d.resolved, 1200000, "resolved marker");
	is_int(d.nwarnings, 2, "order, and resolved while active");
	is_str(d.warnings[1], "an event is marked \"resolved\" but the status is active: set it in the summary",
	       "resolved marker, status active");
	durations_free(&d);

	/* markers moved, removed, deleted and restored: the quick way (the
	 * few marked events, the ends of the sorted list) agrees with a
	 * scan of every event */
	{
		bool same = true;
		unsigned seed = 3;

		for (int i = 0; i < 300; i++) {
			char id[16];
			struct durations q, full;

			seed = seed * 1103515245u + 12345u;
			snprintf(id, sizeof(id), "m%d", (int)(seed >> 16) % 40);
			if (!incident_event(inc, id)) {
				r = event(id, 1000 * (ms_t)((seed >> 8) % 5000), "y");
			} else {
				struct event *ev = incident_event(inc, id);

				r = rec(REC_EVENT, id, "bob", 2 + i, entity_head(&ev->e, (char[REV_LEN]){ 0 }));
				if ((seed >> 20) % 3 == 0)
					record_set_bool(r, F_DELETED, !ev->deleted);
				else
					record_set_int(r, F_MARKER, (long)((seed >> 12) % MARKER_COUNT));
			}
			apply(inc, r);
			incident_durations(inc, &q);
			inc->events_moved = true;	/* the full scan */
			incident_durations(inc, &full);
			incident_sort(inc);
			same &= q.started == full.started && q.detected == full.detected &&
				q.mitigated == full.mitigated && q.resolved == full.resolved && q.begin == full.begin &&
				q.end == full.end && q.nwarnings == full.nwarnings;
			durations_free(&q);
			durations_free(&full);
		}
		ok(same, "300 marker edits: the marked events give what a full scan gives");
	}
	incident_free(inc);
}

static void test_coverage(void)
{
	struct incident *inc = incident_new("i");
	struct record *r;
	struct gap *g;
	size_t n;
	const char *f1[] = { "f1" };

	r = rec(REC_FACTOR, "f1", "ann", 1, NULL);
	record_set_str(r, F_TITLE, "covered");
	apply(inc, r);
	r = rec(REC_FACTOR, "f2", "ann", 2, NULL);
	record_set_str(r, F_TITLE, "bare");
	apply(inc, r);
	r = rec(REC_FACTOR, "f3", "ann", 3, NULL);
	record_set_str(r, F_TITLE, "accepted");
	record_set_str(r, F_NO_ACTION, "a one-off");
	apply(inc, r);
	r = rec(REC_ACTION, "a1", "ann", 4, NULL);
	record_set_str(r, F_TITLE, "fix");
	record_set_ids(r, F_FACTORS, f1, 1);
	apply(inc, r);
	r = rec(REC_ACTION, "a2", "ann", 5, NULL);
	record_set_str(r, F_TITLE, "orphan");
	apply(inc, r);
	g = incident_coverage(inc, &n);
	is_int(n, 2, "two gaps");
	ok(n == 2 && g[0].type == REC_FACTOR && !strcmp(g[0].id, "f2"), "factor without action");
	ok(n == 2 && g[1].type == REC_ACTION && !strcmp(g[1].id, "a2"), "action without factor");
	free(g);
	incident_free(inc);
}

static struct record *comment(const char *on, const char *author, ms_t time, const char *text)
{
	struct record *r = rec(REC_COMMENT, on, author, time, NULL);

	record_set_str(r, F_TEXT, text);
	return r;
}

static void test_comments(void)
{
	struct incident *inc = incident_new("x");
	struct record *r;
	const struct comment *c;
	const char *why;
	size_t n;
	bool sorted = true;

	is_int(field_lookup(REC_COMMENT, "text"), F_TEXT, "a comment has text");
	is_int(field_lookup(REC_COMMENT, "title"), -1, "and nothing else");
	r = rec(REC_ACTION, "a1", "ann", 1, NULL);
	record_set_str(r, F_TITLE, "alert on pool wait");
	apply(inc, r);
	ok(incident_comments(inc, "a1", &n) == NULL && n == 0, "no comments yet");
	ok(apply(inc, comment("a1", "bob", 30, "later")) == incident_find(inc, "a1"),
	   "a comment returns the card it is on");
	apply(inc, comment("a1", "cy", 20, "earlier"));
	apply(inc, comment("f9", "dee", 25, "on a card not known yet"));
	r = comment("a1", "cy", 20, "the same record again");
	snprintf(r->rev, sizeof(r->rev), "r%04d", revs - 1);
	ok(incident_apply(inc, r, &why) == NULL && why == NULL, "a comment read twice is taken once");
	c = incident_comments(inc, "a1", &n);
	is_int(n, 2, "two comments on the action");
	ok(n == 2 && !strcmp(c[0].text, "earlier") && !strcmp(c[0].author, "cy") && c[0].time == 20 &&
	   !strcmp(c[1].text, "later"), "oldest first, with author and time");
	c = incident_comments(inc, "f9", &n);
	ok(n == 1 && !strcmp(c[0].on, "f9"), "a comment waits for its card");
	ok(incident_comments(inc, "a", &n) == NULL && incident_comments(inc, "a10", &n) == NULL,
	   "ids are matched whole");
	r = rec(REC_ACTION, "a1", "ann", 40, NULL);
	record_set_str(r, F_OWNER, "bob");
	apply(inc, r);
	ok(incident_action(inc, "a1")->owner && incident_comments(inc, "a1", &n) && n == 2,
	   "comments change nothing else of the card");

	/* a hostile writer: 100,000 comments on one card, newest first,
	 * looked at after every 1,000 (as the screen does while loading) */
	for (int i = 100000; i > 0; i--) {
		char text[32];

		snprintf(text, sizeof(text), "c%d", i);
		r = rec(REC_COMMENT, "a1", "eve", 1000 + i, NULL);
		snprintf(r->rev, sizeof(r->rev), "s%06d", i);
		record_set_str(r, F_TEXT, text);
		incident_apply(inc, r, &why);
		if (i % 1000 == 0)
			incident_comments(inc, "a1", &n);
	}
	c = incident_comments(inc, "a1", &n);
	is_int(n, 100002, "100,000 more comments on one card");
	for (size_t i = 1; i < n; i++)
		sorted &= c[i - 1].time < c[i].time;
	ok(sorted && !strcmp(c[n - 1].text, "c100000"), "all in time order");
	incident_all_comments(inc, &n);
	is_int(n, 100003, "every comment, every card");
	incident_free(inc);
}

/* Edits and deletions of comments: records whose base is the comment's
 * rev; the latest counts, in whatever order they are read. */
static void test_comment_changes(void)
{
	struct incident *inc = incident_new("x");
	struct record *r, *first;
	const struct comment *c;
	const struct record *const *orph;
	char rev[REV_LEN];
	size_t n;

	is_int(field_lookup(REC_COMMENT, "deleted"), F_DELETED, "a comment record may set deleted");
	/* an edit read before its comment, and a later one read before it */
	r = rec(REC_COMMENT, "a1", "sam", 50, "r9999");
	record_set_str(r, F_TEXT, "third text");
	apply(inc, r);
	r = rec(REC_COMMENT, "a1", "lee", 40, "r9999");
	record_set_str(r, F_TEXT, "second text");
	apply(inc, r);
	orph = incident_orphan_comment_changes(inc, &n);
	ok(n == 2 && orph[0]->time == 40, "changes whose comment is not there yet wait, and are said");
	ok(incident_comments(inc, "a1", &n) == NULL && n == 0, "and are no comments themselves");
	first = comment("a1", "ann", 10, "first text");
	snprintf(first->rev, sizeof(first->rev), "r9999");
	apply(inc, first);
	c = incident_comments(inc, "a1", &n);
	ok(n == 1 && !strcmp(c[0].text, "third text") && c[0].edited == 50 && !strcmp(c[0].edited_by, "sam") &&
		   !strcmp(c[0].author, "ann") && c[0].time == 10 && !c[0].deleted,
	   "the latest edit's text, who and when; the comment keeps its author and time");
	incident_orphan_comment_changes(inc, &n);
	is_int(n, 0, "no change waits once its comment came");
	snprintf(rev, sizeof(rev), "%s", c[0].rev);
	is_str(rev, "r9999", "a comment's rev is its own, not its latest change's");

	r = rec(REC_COMMENT, "a1", "bob", 60, "r9999");
	record_set_bool(r, F_DELETED, true);
	apply(inc, r);
	c = incident_comments(inc, "a1", &n);
	ok(n == 1 && c[0].deleted && comments_live(c, n) == 0, "deleted: flagged, and not live");
	ok(!strcmp(c[0].text, "third text"), "a deletion keeps the text");
	r = rec(REC_COMMENT, "a1", "cy", 55, "r9999");	/* earlier than the deletion */
	record_set_bool(r, F_DELETED, false);
	apply(inc, r);
	ok(incident_comments(inc, "a1", &n)[0].deleted, "a restore older than the deletion does not undo it");
	r = rec(REC_COMMENT, "a1", "cy", 70, "r9999");
	record_set_bool(r, F_DELETED, false);
	apply(inc, r);
	ok(!incident_comments(inc, "a1", &n)[0].deleted, "a later one does");

	r = rec(REC_COMMENT, "f1", "eve", 80, "r9999");	/* names a1's comment from f1 */
	record_set_str(r, F_TEXT, "hijacked");
	apply(inc, r);
	c = incident_comments(inc, "a1", &n);
	ok(!strcmp(c[0].text, "third text"), "a change from another card does not touch the comment");
	orph = incident_orphan_comment_changes(inc, &n);
	ok(n == 1 && !strcmp(orph[0]->id, "f1"), "and is said");

	/* 100,000 edits of one comment, in no order, looked at every 1,000 */
	for (int k = 0; k < 100000; k++) {
		int i = (k * 7919) % 100000 + 1;
		char text[32];
		const char *why;

		snprintf(text, sizeof(text), "e%d", i);
		r = rec(REC_COMMENT, "a1", "bot", 1000 + i, "r9999");
		snprintf(r->rev, sizeof(r->rev), "t%06d", i);
		record_set_str(r, F_TEXT, text);
		incident_apply(inc, r, &why);
		if (k % 1000 == 0)
			incident_comments(inc, "a1", &n);
	}
	c = incident_comments(inc, "a1", &n);
	ok(n == 1 && !strcmp(c[0].text, "e100000") && c[0].edited == 101000, "100,000 edits: the latest counts");
	incident_free(inc);
}

static void test_edited(void)
{
	struct incident *inc = incident_new("x");
	struct record *r;
	struct event *ev;

	apply(inc, event("e1", 100, "first"));
	apply(inc, event("e2", 200, "second"));
	r = rec(REC_EVENT, "e1", "bob", 300, NULL);
	record_set_bool(r, F_STAR, true);
	apply(inc, r);
	ev = incident_event(inc, "e1");
	ok(ev && !event_edited(ev), "a star is not an edit");
	r = rec(REC_EVENT, "e1", "bob", 400, NULL);
	record_set_str(r, F_TEXT, "first, corrected");
	apply(inc, r);
	ok(event_edited(incident_event(inc, "e1")), "a new text is");
	ok(!event_edited(incident_event(inc, "e2")), "an event written once is not");
	r = rec(REC_EVENT, "e2", "bob", 150, NULL);	/* arrives out of order */
	record_set_time(r, F_AT, 50);
	apply(inc, r);
	ok(event_edited(incident_event(inc, "e2")), "a new time is, in whatever order it arrives");
	incident_free(inc);
}

/* Chunks that come newer than what is there, older, or among it, each in
 * order or shuffled: merged in, the timeline is in order and has them
 * all, whichever way the new ones are found a place. */
static void test_events_merge_shapes(void)
{
	static const char *const shapes[] = { "newer", "older", "among" };

	for (int shape = 0; shape < 3; shape++)
		for (int shuffled = 0; shuffled < 2; shuffled++) {
			struct incident *inc = incident_new("2026-11-26-x");
			unsigned seed = 11;
			bool sorted = true;
			int n = 0;

			for (int chunk = 0; chunk < 12; chunk++) {
				for (int i = 0; i < 100; i++) {
					char id[16];
					int j = shuffled ? (int)((seed = seed * 1103515245u + 12345u) >> 16) % 100 : i;
					ms_t at = shape == 0 ? chunk * 1000 + j * 10
						: shape == 1 ? (12 - chunk) * 1000 + j * 10 : j * 100 + chunk;

					snprintf(id, sizeof(id), "s%02d-%03d", chunk, i);
					incident_apply(inc, event(id, at, "x"), &(const char *){ NULL });
					n++;
				}
				incident_sort(inc);
				for (size_t i = 1; i < inc->nevents; i++)
					sorted &= event_cmp(&inc->events[i - 1], &inc->events[i]) <= 0;
			}
			for (int chunk = 0; chunk < 12; chunk++)
				for (int i = 0; i < 100; i++) {
					char id[16];
					struct event *ev;

					snprintf(id, sizeof(id), "s%02d-%03d", chunk, i);
					ev = incident_event(inc, id);
					sorted &= ev && inc->events[incident_event_pos(inc, ev)] == ev;
				}
			ok(sorted && inc->nevents == (size_t)n, "merge: chunks %s, %s: in order, each once", shapes[shape],
			   shuffled ? "shuffled" : "in order");
			incident_free(inc);
		}
}

/* An event keeps its time and flags in 8 bytes, and when it was logged
 * as a distance from when it was typed: each comes back as it was set,
 * at the ends of the range of times, and logged more than 24 days away
 * from typed, whichever of the two changes. */
static void test_event_packing(void)
{
	struct incident *inc = incident_new("i");
	const ms_t day = 86400000, last = 253402300799999;	/* 9999-12-31T23:59:59.999Z */
	struct record *r = rec(REC_EVENT, "e1", "ann", 1000, NULL);
	struct event *ev;

	record_set_time(r, F_AT, last);
	record_set_time(r, F_TYPED, 1000);
	record_set_time(r, F_LOGGED, 1000 + 40 * day);
	record_set_int(r, F_KIND, KIND_ACTION);
	record_set_int(r, F_MARKER, MARKER_RESOLVED);
	record_set_bool(r, F_STAR, true);
	record_set_bool(r, F_INTERNAL, true);
	record_set_str(r, F_TEXT, "x");
	apply(inc, r);
	ev = incident_event(inc, "e1");
	ok(ev && ev->at == last && ev->typed == 1000 && event_logged(inc, ev) == 1000 + 40 * day,
	   "packing: the last time there is, and logged 40 days after typed");
	ok(ev && ev->kind == KIND_ACTION && ev->marker == MARKER_RESOLVED && ev->star && ev->internal &&
	   !ev->causal && !ev->deleted, "packing: kind, marker and flags beside the time");
	r = rec(REC_EVENT, "e1", "ann", 2000, entity_head(&ev->e, (char[REV_LEN]){ 0 }));
	record_set_time(r, F_TYPED, 1000 + 40 * day);
	record_set_bool(r, F_CAUSAL, true);
	apply(inc, r);
	ok(ev->typed == 1000 + 40 * day && event_logged(inc, ev) == 1000 + 40 * day && ev->causal && ev->star,
	   "packing: typed moved, logged stays");
	r = rec(REC_EVENT, "e1", "ann", 3000, entity_head(&ev->e, (char[REV_LEN]){ 0 }));
	record_set_time(r, F_LOGGED, 5);
	record_set_time(r, F_AT, 0);
	apply(inc, r);
	ok(ev->at == 0 && event_logged(inc, ev) == 5 && ev->typed == 1000 + 40 * day && ev->kind == KIND_ACTION,
	   "packing: logged 40 days before typed, the first time there is");
	r = rec(REC_EVENT, "e1", "ann", 4000, entity_head(&ev->e, (char[REV_LEN]){ 0 }));
	record_set_time(r, F_LOGGED, 1000 + 40 * day + 7);
	apply(inc, r);
	ok(event_logged(inc, ev) == 1000 + 40 * day + 7, "packing: and near it again");
	r = rec(REC_EVENT, "e2", "ann", 1000, NULL);
	record_set_time(r, F_AT, 1000 + 50 * day);
	record_set_time(r, F_TYPED, 1000 + 50 * day);
	apply(inc, r);
	ok(incident_event(inc, "e2") && event_logged(inc, incident_event(inc, "e2")) == 0,
	   "packing: logged not said is 0, as before");
	incident_free(inc);
}

/* A stamp keeps its rev in 8 bytes: packed when scribe made it, else a
 * copy.  Either way its text comes back as it was, revs compare as their
 * texts do, and a record read twice is still taken once. */
static void test_revs(void)
{
	static const char *const texts[] = {
		"r23456789abcd", "rzzzzzzzzzzzz", "r222222222222", "raaaaaaaaaaaa", "r9zzzzzzzzzzz",
		"rab2222222222", "rfixed000001", "r1", "R23456789abcd", "r23456789abcde",
		"r23456789abc", "rl23456789abc", "r23456789abc\x7f", "s23456789abcd",
	};
	size_t n = sizeof(texts) / sizeof(*texts);
	struct incident *inc = incident_new("i");
	const struct stamp *st[sizeof(texts) / sizeof(*texts)];
	bool same = true, order = true;
	char id[16];

	for (size_t i = 0; i < n; i++) {
		struct record *r;

		snprintf(id, sizeof(id), "e%zu", i);
		r = record_new(REC_EVENT, id, "alice", 1000);
		snprintf(r->rev, sizeof(r->rev), "%s", texts[i]);
		record_set_str(r, F_TEXT, texts[i]);
		record_set_time(r, F_AT, 1000);
		apply(inc, r);
		st[i] = entity_first(incident_find(inc, id));
		same = same && st[i] && !strcmp(STAMP_REV(st[i]), texts[i]);
	}
	ok(same, "revs: each one's text comes back, packed or not");
	ok((st[0]->rev & REV_PACKED) && !(st[6]->rev & REV_PACKED) && !(st[10]->rev & REV_PACKED),
	   "revs: scribe's own are packed, others are not");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int want = strcmp(texts[i], texts[j]), got = rev_cmp(st[i]->rev, st[j]->rev);

			if ((want > 0) != (got > 0) || (want < 0) != (got < 0))
				order = false;
		}
	ok(order, "revs: they compare as their texts do");
	for (size_t i = 0; i < n; i++) {
		struct record *again;

		snprintf(id, sizeof(id), "e%zu", i);
		again = record_new(REC_EVENT, id, "alice", 1000);
		snprintf(again->rev, sizeof(again->rev), "%s", texts[i]);
		record_set_str(again, F_TEXT, "read again");
		apply(inc, again);
	}
	same = true;
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "e%zu", i);
		same = same && entity_nrecs(incident_find(inc, id)) == 1 &&
		       !strcmp(incident_event(inc, id)->text, texts[i]);
	}
	ok(same, "revs: a record read again is taken once, packed or not");
	ok(!strcmp(rev_text(0, (char[REV_LEN]){ 0 }), ""), "revs: none is empty");
	incident_free(inc);
}

#define BIT(f) ((uint64_t)1 << (f))

/* A stamp keeps which fields its record set in 32 bits: the fields
 * numbered from 32 on come back as they were. */
static void test_fields(void)
{
	struct incident *inc = incident_new("i");
	struct record *r;
	bool none = true;
	static const char *const incident_only[] = { "severity", "created", "impact" };

	for (int t = 0; t < REC_COUNT; t++)
		for (size_t k = 0; k < 3; k++)
			if (t != REC_INCIDENT && field_lookup((enum rec_type)t, incident_only[k]) >= 0)
				none = false;
	ok(none, "fields: the three a stamp folds onto are the incident's alone");
	r = rec(REC_EVENT, "e1", "alice", 1000, NULL);
	record_set_time(r, F_AT, 1000);
	record_set_str(r, F_IMPORTED_BY, "bob");
	record_set_str(r, F_SOURCE, "slack:#inc");
	apply(inc, r);
	ok(stamp_fields(entity_first(incident_find(inc, "e1"))) ==
	   (BIT(F_AT) | BIT(F_IMPORTED_BY) | BIT(F_SOURCE)), "fields: an imported event's");
	r = rec(REC_ACTION, "a1", "alice", 1000, NULL);
	record_set_str(r, F_TITLE, "fix");
	record_set_str(r, F_REF, "PROJ-1");
	apply(inc, r);
	ok(stamp_fields(entity_first(incident_find(inc, "a1"))) == (BIT(F_TITLE) | BIT(F_REF)), "fields: an action's");
	r = rec(REC_INCIDENT, "i", "alice", 1000, NULL);
	record_set_str(r, F_TITLE, "outage");
	record_set_int(r, F_SEVERITY, 2);
	record_set_str(r, F_IMPACT, "all");
	apply(inc, r);
	ok(stamp_fields(entity_first(&inc->info.e)) == (BIT(F_TITLE) | BIT(F_SEVERITY) | BIT(F_IMPACT)),
	   "fields: the incident's");
	incident_free(inc);
}

int main(void)
{
	test_revs();
	test_fields();
	test_events_merge_shapes();
	test_event_packing();
	test_comments();
	test_comment_changes();
	test_edited();
	test_enums();
	test_events_order();
	test_events_merge();
	test_out_of_order_fold();
	test_stamps();
	test_conflicts();
	test_votes_and_order();
	test_durations();
	test_coverage();
	return done_testing();
}
