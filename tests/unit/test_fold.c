/* The fold against a reference: random record streams (shuffled,
 * reversed, same-base edits, unknown bases, deletes and restores, votes,
 * duplicates) are folded by the model in arrival order, and the state is
 * compared at checkpoints with a plain reference fold that sorts each
 * entity's records by (time, rev) and applies them one by one, as the
 * model's contract says. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/model.h"
#include "tap.h"

#define BIT(f) ((uint64_t)1 << (f))

/* ---- a small deterministic random source ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

/* ---- the reference fold ---- */

static int ref_cmp(const void *pa, const void *pb)
{
	const struct record *a = *(struct record *const *)pa, *b = *(struct record *const *)pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->rev, b->rev);
}

struct ref_ent {
	enum rec_type type;
	const char *id;
	const struct record **v;	/* in (time, rev) order */
	size_t n;
	bool created;
	unsigned conflicts;
	const struct record *winner[F_COUNT];	/* last record setting each field */
};

static uint64_t mask_of(const struct record *r)
{
	uint64_t m = 0;

	for (size_t i = 0; i < r->nvalues; i++)
		m |= BIT(r->values[i].field);
	return m;
}

static const uint64_t creating[REC_COUNT] = {
	[REC_INCIDENT] = BIT(F_TITLE), [REC_EVENT] = BIT(F_AT),
	[REC_FACTOR] = BIT(F_TITLE), [REC_ACTION] = BIT(F_TITLE),
};

/* Builds the reference state of one entity from its records (any order,
 * revs unique). */
static void ref_fold(struct ref_ent *re)
{
	qsort(re->v, re->n, sizeof(*re->v), ref_cmp);
	memset(re->winner, 0, sizeof(re->winner));
	re->created = false;
	re->conflicts = 0;
	for (size_t k = 0; k < re->n; k++) {
		const struct record *r = re->v[k];
		uint64_t m = mask_of(r);

		if (r->type != REC_VOTE)
			for (int f = 0; f < F_COUNT; f++)
				if (m & BIT(f))
					re->winner[f] = r;
		if (m & creating[r->type])
			re->created = true;
		/* a conflict: a record changed, since r's base, a field r changes */
		if (r->type != REC_VOTE && r->base[0]) {
			size_t b = k;
			bool found = false, clash = false;

			while (b-- > 0)
				if (!strcmp(re->v[b]->rev, r->base)) {
					found = true;
					break;
				}
			for (size_t j = b + 1; found && j < k; j++)
				if (re->v[j]->type != REC_VOTE && (mask_of(re->v[j]) & m & ~BIT(F_BY)))
					clash = true;
			re->conflicts += clash;
		}
	}
}

/* ---- comparing the model with the reference ---- */

static char why[512];

#define FAIL(...) do { snprintf(why, sizeof(why), __VA_ARGS__); return false; } while (0)

static bool same_str(const char *got, const char *want)
{
	return got && want ? !strcmp(got, want) : got == want;
}

static const struct value *win(const struct ref_ent *re, enum field_id f)
{
	return re->winner[f] ? record_get(re->winner[f], f) : NULL;
}

static bool same_ids(const struct ids *got, const struct value *want)
{
	if (!want)
		return got == NULL;
	if (!got || got->n != want->u.ids->n)
		return false;
	for (size_t i = 0; i < got->n; i++)
		if (strcmp(got->v[i], want->u.ids->v[i]))
			return false;
	return true;
}

#define WANT_S(f) (win(re, f) ? win(re, f)->u.s : NULL)
#define WANT_I(f, dflt) (win(re, f) ? win(re, f)->u.i : (dflt))
#define WANT_B(f) (win(re, f) ? win(re, f)->u.b : false)
#define WANT_T(f) (win(re, f) ? win(re, f)->u.t : 0)
#define WANT_D(f) (win(re, f) ? win(re, f)->u.d : 0)
#define CHECK(cond, name) do { if (!(cond)) FAIL("%s: %s differs", re->id, name); } while (0)

static bool compare_entity(const struct incident *inc, const struct ref_ent *re)
{
	const struct entity *e;

	if (re->type == REC_INCIDENT)
		e = &inc->info.e;
	else
		e = incident_find(inc, re->id);
	if (!re->created) {
		if (re->type != REC_INCIDENT && e)
			FAIL("%s: created, but no record creates it", re->id);
		return true;
	}
	if (!e)
		FAIL("%s: not found", re->id);
	if (entity_nrecs(e) != re->n)
		FAIL("%s: %zu records, want %zu", re->id, (size_t)entity_nrecs(e), re->n);
	CHECK(!strcmp(entity_head(e, (char[REV_LEN]){ 0 }), re->v[re->n - 1]->rev), "head");
	CHECK(entity_updated(e) == re->v[re->n - 1]->time, "updated");
	CHECK(!strcmp(STAMP_REV(entity_first(e)), re->v[0]->rev) && !strcmp(STAMP_REV(entity_last(e)), re->v[re->n - 1]->rev),
	      "first/last");
	if (entity_conflicts(e) != re->conflicts)
		FAIL("%s: %u conflicts, want %u", re->id, entity_conflicts(e), re->conflicts);
	{
		const struct stamp **h = entity_records(e);

		for (size_t i = 0; i < re->n; i++)
			if (strcmp(STAMP_REV(h[i]), re->v[i]->rev) || entity_rec(e, i) != h[i] || stamp_entity(h[i]) != e) {
				free(h);
				FAIL("%s: history differs at %zu", re->id, i);
			}
		free(h);
	}
	switch (re->type) {
	case REC_INCIDENT: {
		const struct incident_fields *s = &inc->info;

		CHECK(same_str(s->title, WANT_S(F_TITLE)), "title");
		CHECK(s->severity == WANT_I(F_SEVERITY, 3), "severity");
		CHECK((long)s->status == WANT_I(F_STATUS, 0), "status");
		CHECK(s->created == (win(re, F_CREATED) ? WANT_T(F_CREATED) : re->v[0]->time), "created");
		CHECK(same_str(s->impact, WANT_S(F_IMPACT)), "impact");
		CHECK(same_str(s->lucky, WANT_S(F_LUCKY)), "lucky");
		CHECK(same_str(s->by, win(re, F_BY) ? WANT_S(F_BY) : re->v[0]->author), "by");
		break;
	}
	case REC_EVENT: {
		const struct event *s = (const struct event *)e;

		CHECK(s->at == WANT_T(F_AT), "at");
		CHECK(s->typed == WANT_T(F_TYPED), "typed");
		CHECK(event_logged(inc, s) == WANT_T(F_LOGGED), "logged");
		CHECK(same_str(event_by(inc, s), WANT_S(F_BY)), "by");
		CHECK((long)s->kind == WANT_I(F_KIND, 0), "kind");
		CHECK(same_str(s->text, WANT_S(F_TEXT)), "text");
		CHECK((long)s->marker == WANT_I(F_MARKER, 0), "marker");
		CHECK(s->star == WANT_B(F_STAR), "star");
		CHECK(s->causal == WANT_B(F_CAUSAL), "causal");
		CHECK(s->deleted == WANT_B(F_DELETED), "deleted");
		break;
	}
	case REC_FACTOR: {
		const struct factor *s = (const struct factor *)e;

		CHECK(same_str(s->title, WANT_S(F_TITLE)), "title");
		CHECK(same_str(s->category, win(re, F_CATEGORY) ? WANT_S(F_CATEGORY) : "trigger"), "category");
		CHECK(same_str(s->description, WANT_S(F_DESCRIPTION)), "description");
		CHECK(same_ids(s->events, win(re, F_EVENTS)), "events");
		CHECK(s->order == WANT_D(F_ORDER), "order");
		CHECK(s->deleted == WANT_B(F_DELETED), "deleted");
		break;
	}
	default: {
		const struct action *s = (const struct action *)e;
		const char *authors[16];
		bool up[16];
		size_t na = 0;
		int nup = 0;

		CHECK(same_str(s->title, WANT_S(F_TITLE)), "title");
		CHECK(same_str(s->owner, WANT_S(F_OWNER)), "owner");
		CHECK((long)s->status == WANT_I(F_STATUS, 0), "status");
		CHECK((long)s->priority == WANT_I(F_PRIORITY, PRIO_P2), "priority");
		CHECK(same_ids(s->factors, win(re, F_FACTORS)), "factors");
		CHECK(s->order == WANT_D(F_ORDER), "order");
		CHECK(s->deleted == WANT_B(F_DELETED), "deleted");
		/* votes: each author's last vote in (time, rev) order */
		for (size_t k = 0; k < re->n; k++) {
			const struct record *r = re->v[k];
			const struct value *v = record_get(r, F_UP);
			size_t i;

			if (r->type != REC_VOTE)
				continue;
			for (i = 0; i < na && strcmp(authors[i], r->author); i++)
				;
			if (i == na)
				authors[na++] = r->author;
			up[i] = v ? v->u.b : true;
		}
		for (size_t i = 0; i < na; i++)
			nup += up[i];
		if (s->nvotes != na || s->nup != nup)
			FAIL("%s: %zu votes %d up, want %zu %d up", re->id, s->nvotes, s->nup, na, nup);
		for (size_t i = 0; i < na; i++) {
			size_t j;

			for (j = 0; j < s->nvotes && strcmp(s->votes[j].author, authors[i]); j++)
				;
			if (j == s->nvotes || s->votes[j].up != up[i])
				FAIL("%s: the vote of %s differs", re->id, authors[i]);
		}
		break;
	}
	}
	return true;
}

static int ref_event_cmp(const void *pa, const void *pb)
{
	return event_cmp(pa, pb);
}

/* The lists: events in timeline order, live count, conflicts. */
static bool compare_lists(struct incident *inc, struct ref_ent *ents, size_t nents)
{
	struct event **want = xcalloc(nents + 1, sizeof(*want));
	size_t n = 0, live = 0;
	unsigned conflicts = 0;
	bool ok = true;

	for (size_t i = 0; i < nents; i++) {
		conflicts += ents[i].conflicts;
		if (ents[i].type == REC_EVENT && ents[i].created) {
			struct event *ev = incident_event(inc, ents[i].id);

			want[n++] = ev;
			live += ev && !ev->deleted;
		}
	}
	qsort(want, n, sizeof(*want), ref_event_cmp);
	if (inc->nevents != n) {
		snprintf(why, sizeof(why), "%zu events listed, want %zu", inc->nevents, n);
		ok = false;
	}
	for (size_t i = 0; ok && i < n; i++)
		if (inc->events[i] != want[i]) {
			snprintf(why, sizeof(why), "event %zu out of order", i);
			ok = false;
		}
	for (size_t i = 0; ok && i < n; i++)
		if (incident_event_pos(inc, want[i]) != i) {
			snprintf(why, sizeof(why), "event_pos of %zu is wrong", i);
			ok = false;
		}
	if (ok && incident_count_events(inc) != live) {
		snprintf(why, sizeof(why), "%zu live events, want %zu", incident_count_events(inc), live);
		ok = false;
	}
	if (ok && inc->conflicts != conflicts) {
		snprintf(why, sizeof(why), "%u conflicts in all, want %u", inc->conflicts, conflicts);
		ok = false;
	}
	free(want);
	return ok;
}

/* ---- random streams ---- */

static const char *const people[] = { "ann", "bob", "cy", "dee", "eve" };

static struct record *clone(const struct record *r)
{
	struct record *c = record_new(r->type, r->id, r->author, r->time);

	memcpy(c->rev, r->rev, sizeof(c->rev));
	memcpy(c->base, r->base, sizeof(c->base));
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		switch (field_type(v->field)) {
		case FT_TEXT: case FT_LINE: case FT_DATE: record_set_str(c, v->field, v->u.s); break;
		case FT_TIME: record_set_time(c, v->field, v->u.t); break;
		case FT_INT: case FT_ENUM: record_set_int(c, v->field, v->u.i); break;
		case FT_BOOL: record_set_bool(c, v->field, v->u.b); break;
		case FT_ORDER: record_set_order(c, v->field, v->u.d); break;
		case FT_IDS: record_set_ids(c, v->field, (const char *const *)v->u.ids->v, v->u.ids->n); break;
		}
	}
	return c;
}

static void set_random(struct record *r, enum field_id f)
{
	char buf[32];
	const struct enum_names *en = field_enum(r->type, f);

	switch (field_type(f)) {
	case FT_TEXT: case FT_LINE: case FT_DATE:
		snprintf(buf, sizeof(buf), "%s-%u", field_name(f), rnd(1000));
		record_set_str(r, f, buf);
		break;
	case FT_TIME: record_set_time(r, f, 1000 + rnd(50)); break;
	case FT_INT: record_set_int(r, f, 1 + rnd(4)); break;
	case FT_ENUM: record_set_int(r, f, rnd((uint32_t)en->count)); break;
	case FT_BOOL: record_set_bool(r, f, rnd(2)); break;
	case FT_ORDER: record_set_order(r, f, rnd(5)); break;
	case FT_IDS: {
		const char *ids[] = { "e1", "e2", "f1" };

		record_set_ids(r, f, ids, rnd(4));
		break;
	}
	}
}

/* A stream of n records over a few entities; *out holds them in
 * generation order (bases refer back, times go both ways). */
static struct record **gen_stream(size_t n, size_t *count)
{
	struct record **v = xcalloc(n * 2 + 1, sizeof(*v));
	size_t k = 0;
	uint32_t nev = 1 + rnd(6), nfa = 1 + rnd(3), nac = 1 + rnd(3);
	/* edits that pile on one base now and then */
	bool same_base = rnd(2);

	for (size_t i = 0; i < n; i++) {
		uint32_t pick = rnd(10);
		enum rec_type t = pick == 0 ? REC_INCIDENT : pick < 5 ? REC_EVENT : pick < 7 ? REC_FACTOR
			: pick < 8 ? REC_ACTION : REC_VOTE;
		char id[16];
		struct record *r;
		int nf = 0;

		if (t == REC_INCIDENT)
			snprintf(id, sizeof(id), "inc");
		else if (t == REC_EVENT)
			snprintf(id, sizeof(id), "e%u", 1 + rnd(nev));
		else if (t == REC_FACTOR)
			snprintf(id, sizeof(id), "f%u", 1 + rnd(nfa));
		else
			snprintf(id, sizeof(id), "a%u", 1 + rnd(nac));
		r = record_new(t, id, people[rnd(ARRAY_SIZE(people))], 100 + rnd(40));
		/* unique revs, whose order is not the generation order */
		snprintf(r->rev, sizeof(r->rev), "r%03u%05zu", rnd(1000), i);
		if (t != REC_VOTE && rnd(3)) {
			/* a base: an earlier record of the entity, often its first,
			 * now and then one nobody has */
			struct record *cands[64];
			size_t nc = 0;

			for (size_t j = 0; j < k && nc < ARRAY_SIZE(cands); j++)
				if (!strcmp(v[j]->id, id) && v[j]->type == t)
					cands[nc++] = v[j];
			if (rnd(10) == 0)
				snprintf(r->base, sizeof(r->base), "rnone%u", rnd(5));
			else if (nc)
				snprintf(r->base, sizeof(r->base), "%s", cands[same_base ? 0 : rnd((uint32_t)nc)]->rev);
		}
		if (t == REC_VOTE) {
			if (rnd(4))
				record_set_bool(r, F_UP, rnd(2));
		} else {
			for (int f = 0; f < F_COUNT; f++) {
				if (field_lookup(t, field_name(f)) != f)
					continue;
				/* creations set the creating field; edits a few fields */
				if ((f == F_AT || f == F_TITLE) ? rnd(3) == 0 : rnd(4) == 0) {
					set_random(r, f);
					nf++;
				}
			}
			if (!nf)
				set_random(r, t == REC_EVENT ? F_DELETED : F_TITLE);
		}
		v[k++] = r;
		/* the same record twice (as when a journal is also in a pack) */
		if (rnd(20) == 0)
			v[k++] = clone(r);
	}
	*count = k;
	return v;
}

/* Feeds the stream to the model in the given order and compares with
 * the reference at a few checkpoints.  Returns true when all agree. */
static bool run_stream(struct record **gen, size_t n, int order)
{
	struct incident *inc = incident_new("inc");
	struct record **refcopy = xcalloc(n + 1, sizeof(*refcopy));
	size_t *perm = xcalloc(n + 1, sizeof(*perm));
	struct ref_ent ents[32];
	size_t nents = 0;
	bool ok = true;

	for (size_t i = 0; i < n; i++)
		perm[i] = order == 1 ? n - 1 - i : i;
	if (order == 2)
		for (size_t i = n; i > 1; i--) {
			size_t j = rnd((uint32_t)i), t = perm[i - 1];

			perm[i - 1] = perm[j];
			perm[j] = t;
		}
	for (size_t i = 0; i < n; i++)
		refcopy[i] = clone(gen[perm[i]]);
	memset(ents, 0, sizeof(ents));
	for (size_t i = 0; i < n && ok; i++) {
		struct record *r = refcopy[i];
		enum rec_type et = r->type == REC_VOTE ? REC_ACTION : r->type;
		const char *w;
		size_t e;
		bool dup = false;

		for (size_t j = 0; j < i; j++)
			if (!strcmp(refcopy[j]->rev, r->rev))
				dup = true;
		for (e = 0; e < nents && strcmp(ents[e].id, r->id); e++)
			;
		if (e == nents) {
			ents[nents].type = et;
			ents[nents].id = r->id;
			ents[nents].v = xcalloc(n + 1, sizeof(*ents[nents].v));
			nents++;
		}
		if (!dup)
			ents[e].v[ents[e].n++] = r;
		incident_apply(inc, clone(r), &w);
		if (rnd(3) == 0)
			incident_sort(inc);
		if (i == n - 1 || rnd((uint32_t)(n / 4 + 1)) == 0) {
			incident_sort(inc);
			for (size_t k = 0; k < nents && ok; k++) {
				ref_fold(&ents[k]);
				ok = compare_entity(inc, &ents[k]);
			}
			if (ok)
				ok = compare_lists(inc, ents, nents);
			if (!ok) {
				size_t m = strlen(why);

				snprintf(why + m, sizeof(why) - m, " (after %zu of %zu records)", i + 1, n);
			}
		}
	}
	for (size_t i = 0; i < nents; i++)
		free(ents[i].v);
	for (size_t i = 0; i < n; i++)
		record_free(refcopy[i]);
	free(refcopy);
	free(perm);
	incident_free(inc);
	return ok;
}

static void test_random_streams(void)
{
	static const char *const orders[] = { "in order", "reversed", "shuffled" };
	int failed[3] = { 0 };

	rng_state = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 400; round++) {
		size_t n;
		struct record **gen = gen_stream(20 + rnd(200), &n);

		for (int order = 0; order < 3; order++) {
			if (!run_stream(gen, n, order) && failed[order]++ == 0)
				printf("# round %d, %s: %s\n", round, orders[order], why);
		}
		for (size_t i = 0; i < n; i++)
			record_free(gen[i]);
		free(gen);
	}
	for (int order = 0; order < 3; order++)
		is_int(failed[order], 0, "400 random streams %s fold as the reference does", orders[order]);
}

/* A hostile shape at a size where a quadratic fold would show: many
 * edits of one event from the same base, arriving newest first. */
static void test_same_base_reversed(void)
{
	struct incident *inc = incident_new("inc");
	const size_t n = 20000;
	const char *w;
	struct event *ev;

	for (size_t i = n; i-- > 0;) {
		struct record *r = record_new(REC_EVENT, "e1", "ann", 1000 + (ms_t)i);

		snprintf(r->rev, sizeof(r->rev), "r%06zu", i);
		if (i == 0) {
			record_set_time(r, F_AT, 5);
		} else {
			snprintf(r->base, sizeof(r->base), "r%06d", 0);
		}
		record_set_str(r, F_TEXT, i == n - 1 ? "last" : "edit");
		incident_apply(inc, r, &w);
	}
	incident_sort(inc);
	ev = incident_event(inc, "e1");
	ok(ev && !strcmp(ev->text, "last"), "20,000 same-base edits in reverse: the last text shows");
	/* every edit but the first after the base overlaps an earlier one */
	is_int(ev ? entity_conflicts(&ev->e) : 0, n - 2, "each edit made from a stale base is one conflict");
	incident_free(inc);
}

int main(void)
{
	test_random_streams();
	test_same_base_reversed();
	return done_testing();
}
