#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "scribe/arena.h"
#include "scribe/discussion.h"
#include "scribe/model.h"

/* ---- enum name tables ---- */

#define ENUM_NAME(name, str) str,
static const char *const kind_strs[] = { EVENT_KINDS(ENUM_NAME) };
static const char *const marker_strs[] = { MARKERS(ENUM_NAME) };
static const char *const istatus_strs[] = { INCIDENT_STATUSES(ENUM_NAME) };
static const char *const atype_strs[] = { ACTION_TYPES(ENUM_NAME) };
static const char *const astatus_strs[] = { ACTION_STATUSES(ENUM_NAME) };
static const char *const prio_strs[] = { PRIORITIES(ENUM_NAME) };
static const char *const rtype_strs[] = { RECORD_TYPES(ENUM_NAME) };
#undef ENUM_NAME

#define TABLE(var, what, strs) \
	const struct enum_names var = { what, strs, (int)ARRAY_SIZE(strs) }
TABLE(kind_names, "kind", kind_strs);
TABLE(marker_names, "marker", marker_strs);
TABLE(incident_status_names, "status", istatus_strs);
TABLE(action_type_names, "type", atype_strs);
TABLE(action_status_names, "status", astatus_strs);
TABLE(priority_names, "priority", prio_strs);
TABLE(rec_type_names, "record type", rtype_strs);
#undef TABLE

const char *enum_name(const struct enum_names *t, int v)
{
	return v >= 0 && v < t->count ? t->names[v] : "?";
}

int enum_parse(const struct enum_names *t, const char *s)
{
	for (int i = 0; i < t->count; i++)
		if (t->names[i][0] == s[0] && !strcmp(t->names[i], s))
			return i;
	if (t == &priority_names) {
		if ((s[0] == 'p' || s[0] == 'P') && s[1] >= '0' && s[1] <= '3' && !s[2])
			return s[1] - '0';
		if (s[0] >= '0' && s[0] <= '3' && !s[1])
			return s[0] - '0';
	}
	return -1;
}

const char *enum_list(const struct enum_names *t)
{
	/* one buffer per table, built once */
	static struct {
		const struct enum_names *t;
		char buf[160];
	} cache[8];

	for (size_t i = 0; i < ARRAY_SIZE(cache); i++) {
		if (cache[i].t == t)
			return cache[i].buf;
		if (!cache[i].t) {
			size_t len = 0;

			for (int j = 0; j < t->count; j++)
				len += (size_t)snprintf(cache[i].buf + len, sizeof(cache[i].buf) - len,
							"%s%s", j ? ", " : "", t->names[j]);
			cache[i].t = t;
			return cache[i].buf;
		}
	}
	return "";
}

/* ---- fields ---- */

static const struct {
	const char *name;
	size_t len;
	enum ftype type;
} fields[] = {
#define FIELD_ROW(id, name, type) [id] = { name, sizeof(name) - 1, type },
	FIELDS(FIELD_ROW)
#undef FIELD_ROW
};

#define BIT(f) ((uint64_t)1 << (f))
_Static_assert(F_COUNT <= 64, "a record's field mask is 64 bits");
_Static_assert(KIND_COUNT <= 8 && MARKER_COUNT <= 8, "an event keeps its kind and marker in 3 bits each");
_Static_assert(sizeof(void *) != 8 || sizeof(struct event) == 88, "an event's flags share its time's 8 bytes");

/* logged - typed, when it does not fit in an event's 32 bits (more than
 * 24 days apart): the time itself is kept aside, or is 0 (not said, as
 * in a new event) when nothing is */
#define LOGGED_ASIDE INT32_MIN

/* Which fields each record type may set. */
static const uint64_t allowed[REC_COUNT] = {
	[REC_INCIDENT] = BIT(F_TITLE) | BIT(F_SEVERITY) | BIT(F_STATUS) | BIT(F_CREATED) |
		BIT(F_IMPACT) | BIT(F_APOLOGY) | BIT(F_HAPPENED) | BIT(F_WENT_WELL) |
		BIT(F_LUCKY) | BIT(F_BY),
	[REC_EVENT] = BIT(F_AT) | BIT(F_TYPED) | BIT(F_LOGGED) | BIT(F_BY) | BIT(F_KIND) |
		BIT(F_TEXT) | BIT(F_MARKER) | BIT(F_STAR) | BIT(F_CAUSAL) | BIT(F_DELETED) |
		BIT(F_INTERNAL) | BIT(F_IMPORTED_BY) | BIT(F_SOURCE),
	[REC_FACTOR] = BIT(F_TITLE) | BIT(F_CATEGORY) | BIT(F_DESCRIPTION) | BIT(F_EVENTS) |
		BIT(F_BY) | BIT(F_NO_ACTION) | BIT(F_ORDER) | BIT(F_DELETED),
	[REC_ACTION] = BIT(F_TITLE) | BIT(F_TYPE) | BIT(F_OWNER) | BIT(F_DUE) | BIT(F_STATUS) |
		BIT(F_REASON) | BIT(F_PRIORITY) | BIT(F_FACTORS) | BIT(F_BY) | BIT(F_ORDER) |
		BIT(F_DELETED) | BIT(F_REF),
	[REC_VOTE] = BIT(F_UP),
	[REC_COMMENT] = BIT(F_TEXT) | BIT(F_DELETED),	/* deleted: with a base, the comment named */
};

/* A stamp keeps the fields its record set in 32 bits: the fields
 * numbered from 32 on (an action's and an event's) take the places of
 * fields that only the incident has. */
#define FOLDED (BIT(F_SEVERITY) | BIT(F_CREATED) | BIT(F_IMPACT))
_Static_assert(F_COUNT == 35 && F_SEVERITY < 32 && F_CREATED < 32 && F_IMPACT < 32,
	       "three fields from 32 on, folded onto three below");

static uint32_t mask_pack(uint64_t m)
{
	return (uint32_t)m | (uint32_t)((m >> 32 & 1) << F_SEVERITY) | (uint32_t)((m >> 33 & 1) << F_CREATED) |
	       (uint32_t)((m >> 34 & 1) << F_IMPACT);
}

uint64_t stamp_fields(const struct stamp *s)
{
	uint64_t m = s->mask;

	if (s->type == REC_INCIDENT)
		return m;
	return (m & ~FOLDED) | (m >> F_SEVERITY & 1) << 32 | (m >> F_CREATED & 1) << 33 | (m >> F_IMPACT & 1) << 34;
}

/* An event whose records set these more than once has been edited
 * (whatever order the records come in). */
#define EDIT_BITS (BIT(F_TEXT) | BIT(F_AT) | BIT(F_KIND))

/* The fields whose presence makes a record the one that creates. */
static const uint64_t creating[REC_COUNT] = {
	[REC_INCIDENT] = BIT(F_TITLE),
	[REC_EVENT] = BIT(F_AT),
	[REC_FACTOR] = BIT(F_TITLE),
	[REC_ACTION] = BIT(F_TITLE),
};

const char *field_name(enum field_id f)
{
	return f < F_COUNT ? fields[f].name : "?";
}

int field_lookup(enum rec_type t, const char *name)
{
	return field_lookup_n(t, name, strlen(name), 0);
}

int field_lookup_n(enum rec_type t, const char *name, size_t n, int from)
{
	/* from the one given on (a record's fields come in their order, as
	 * the emitter writes them), then from the start */
	for (int k = 0; k < F_COUNT; k++) {
		int f = (from + k) % F_COUNT;

		if ((allowed[t] & BIT(f)) && fields[f].len == n && !memcmp(fields[f].name, name, n))
			return f;
	}
	return -1;
}

int field_key(enum rec_type t, const char *p, const char *end, int from, size_t *len)
{
	for (int k = 0; k < F_COUNT; k++) {
		int f = from + k < F_COUNT ? from + k : from + k - F_COUNT;
		size_t n = fields[f].len;

		if ((allowed[t] & BIT(f)) && (size_t)(end - p) > n && p[n] == ':' && p[0] == fields[f].name[0] &&
		    !memcmp(fields[f].name, p, n)) {
			*len = n;
			return f;
		}
	}
	return -1;
}

enum ftype field_type(enum field_id f)
{
	return fields[f].type;
}

const struct enum_names *field_enum(enum rec_type t, enum field_id f)
{
	switch (f) {
	case F_STATUS:
		return t == REC_ACTION ? &action_status_names : &incident_status_names;
	case F_KIND:
		return &kind_names;
	case F_MARKER:
		return &marker_names;
	case F_TYPE:
		return &action_type_names;
	case F_PRIORITY:
		return &priority_names;
	default:
		return NULL;
	}
}

void field_int_range(enum field_id f, long *min, long *max)
{
	*min = 1;
	*max = f == F_SEVERITY ? 4 : 1;
}

/* ---- records ---- */

struct record *record_new(enum rec_type type, const char *id, const char *author, ms_t time)
{
	return record_new_in(NULL, type, id, author, time);
}

/* A copy of s[0..n) that lives as long as r does. */
static char *record_strndup(struct record *r, const char *s, size_t n)
{
	char *c;

	if (r->pool)
		return arena_strndup(r->pool, s, n);
	c = xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

char *record_strdup(struct record *r, const char *s)
{
	return record_strndup(r, s, strlen(s));
}

struct record *record_new_in(struct arena *pool, enum rec_type type, const char *id, const char *author,
			     ms_t time)
{
	struct record *r = pool ? arena_alloc(pool, sizeof(*r)) : xcalloc(1, sizeof(*r));

	r->pool = pool;
	r->type = type;
	id = id ? id : "";
	r->id = record_strndup(r, id, strnlen(id, ID_LEN - 1));
	r->author = record_strdup(r, author ? author : "");
	r->time = time;
	return r;
}

static void value_clear(const struct record *r, struct value *v)
{
	if (r->pool)
		return;	/* the pool's, freed with it */
	switch (fields[v->field].type) {
	case FT_TEXT:
	case FT_LINE:
	case FT_DATE:
		free(v->u.s);
		break;
	case FT_IDS:
		if (v->u.ids) {
			for (size_t i = 0; i < v->u.ids->n; i++)
				free(v->u.ids->v[i]);
			free(v->u.ids->v);
			free(v->u.ids);
		}
		break;
	default:
		break;
	}
}

void record_free(struct record *r)
{
	if (!r || r->pool)
		return;
	for (size_t i = 0; i < r->nvalues; i++)
		value_clear(r, &r->values[i]);
	free(r->values);
	free(r->author);
	free(r->account);
	free(r->id);
	free(r);
}

static struct value *record_slot(struct record *r, enum field_id f);

struct record *record_copy(const struct record *r)
{
	struct record *c = record_new(r->type, r->id, r->author, r->time);

	memcpy(c->rev, r->rev, sizeof(c->rev));
	memcpy(c->base, r->base, sizeof(c->base));
	c->account = r->account ? xstrdup(r->account) : NULL;
	c->file = r->file;
	c->line = r->line;
	c->col = r->col;
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		switch (fields[v->field].type) {
		case FT_TEXT:
		case FT_LINE:
		case FT_DATE:
			record_set_str(c, v->field, v->u.s);
			break;
		case FT_IDS:
			record_set_ids(c, v->field, (const char *const *)v->u.ids->v, v->u.ids->n);
			break;
		default:
			record_slot(c, v->field)->u = v->u;
			break;
		}
	}
	return c;
}

const struct value *record_get(const struct record *r, enum field_id f)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (r->values[i].field == f)
			return &r->values[i];
	return NULL;
}

static struct value *record_slot(struct record *r, enum field_id f)
{
	for (size_t i = 0; (r->mask & BIT(f)) && i < r->nvalues; i++) {
		if (r->values[i].field == f) {
			value_clear(r, &r->values[i]);
			return &r->values[i];
		}
	}
	/* room for 8, then doubling (an event as written sets 7: reading
	 * one was a realloc per field, then two) */
	if (r->nvalues == 0 || (r->nvalues >= 8 && !(r->nvalues & (r->nvalues - 1)))) {
		size_t cap = r->nvalues ? 2 * (size_t)r->nvalues : 8;

		if (r->pool) {
			struct value *v = arena_alloc(r->pool, cap * sizeof(*v));

			if (r->nvalues)
				memcpy(v, r->values, r->nvalues * sizeof(*v));
			r->values = v;
		} else {
			r->values = xreallocarray(r->values, cap, sizeof(*r->values));
		}
	}
	memset(&r->values[r->nvalues], 0, sizeof(*r->values));
	r->values[r->nvalues].field = f;
	r->mask |= BIT(f);
	return &r->values[r->nvalues++];
}

void record_set_str(struct record *r, enum field_id f, const char *s)
{
	s = s ? s : "";
	record_set_strn(r, f, s, strlen(s));
}

void record_set_strn(struct record *r, enum field_id f, const char *s, size_t n)
{
	char *c = record_strndup(r, s, n);

	record_slot(r, f)->u.s = c;
}

void record_set_time(struct record *r, enum field_id f, ms_t t)
{
	record_slot(r, f)->u.t = t;
}

void record_set_int(struct record *r, enum field_id f, long i)
{
	record_slot(r, f)->u.i = i;
}

void record_set_bool(struct record *r, enum field_id f, bool b)
{
	record_slot(r, f)->u.b = b;
}

void record_set_order(struct record *r, enum field_id f, double d)
{
	record_slot(r, f)->u.d = d;
}

void record_set_ids(struct record *r, enum field_id f, const char *const *ids, size_t n)
{
	struct value *v = record_slot(r, f);

	v->u.ids = r->pool ? arena_alloc(r->pool, sizeof(*v->u.ids)) : xcalloc(1, sizeof(*v->u.ids));
	v->u.ids->n = n;
	v->u.ids->v = r->pool ? arena_alloc(r->pool, (n ? n : 1) * sizeof(char *))
			      : xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		v->u.ids->v[i] = record_strdup(r, ids[i]);
}

/* ---- id -> entity map, and the set of known revisions ---- */

struct slot {
	const char *key;
	void *val;
	uint64_t hash;		/* of key: most probes end here, not in strcmp */
};

struct hmap {
	struct slot *v;
	size_t n, cap;	/* cap is a power of two */
};

/* Records whose base had not arrived when they did: they are compared
 * with what came since their base once it arrives. */
struct waiting {
	struct rnode **v;
	size_t n, cap;
};

/* A set of values that carry their own key (a record its rev, a name
 * itself).  A slot is 8 bytes: 32 bits of the key's hash (which place
 * it: growing needs no key again) and where the value is in val, so that
 * looking for a key not there (each new record) reads one array, not
 * two; the values are kept in the order they came. */
typedef const char *key_fn(const void *val);

struct hindex {
	uint64_t *slot;	/* tag << 32 | (1 + place in val); 0: empty */
	void **val;
	size_t n, cap;	/* n values; cap slots (any number: home()) */
	size_t capval;
	key_fn *key;
};

#define SLOT_TAG(s) ((uint32_t)((s) >> 32))
#define SLOT_VAL(x, s) ((x)->val[(uint32_t)(s) - 1])

/* The entities by id, which are the most entries (one an event): a slot
 * is 4 bytes, 1 + the place of the entity's first record in revs (in the
 * low `bits` bits) and above it a tag of the id's hash that most probes
 * end at.  Growing reads each id again (a slot does not hold enough of
 * the hash to place it), so a large read sizes it first
 * (incident_reserve). */
struct idindex {
	uint32_t *slot;	/* tag << bits | (1 + place in revs.val); 0: empty */
	size_t n, cap;	/* n entities; cap slots (any number: home()) */
	unsigned bits;	/* for a place: the rest of a slot is its tag */
};

#define ID_PLACE(x, s) ((s) & ((UINT32_C(1) << (x)->bits) - 1))
#define MAX_PLACE_BITS 31	/* a tag of one bit at least */

struct entity_map {
	struct idindex ids;	/* entities by id, as the place of their first
				 * record in revs (entity_get) */
	struct hindex revs;	/* every stamp, in arrival order (inc->recs);
				 * only those in an entity's tree have a slot
				 * (one kept inside its entity is found
				 * through it: lone_rev) */
	size_t info_first;	/* the incident's first record, in revs */
	struct hindex talk;	/* comments (struct record) by rev */
	struct hmap waits;	/* base rev -> struct waiting */
	struct hmap imports;	/* event id -> struct imported (imported) */
	struct hmap logged;	/* event id -> ms_t, when more than 24 days
				 * from typed (LOGGED_ASIDE) */
	struct hindex names;	/* authors, accounts and short names, once each
				 * (a stamp's author and account: place + 1) */
	uint32_t last_author, last_account, last_by;	/* name_at_again */
	const char **files;	/* the files stamps name (copies); 0: none */
	size_t nfiles, capfiles;
	struct hmap file_at;	/* file -> place in files */
	const char *last_file;	/* consecutive records share their file */
	uint32_t last_file_at;
	const char **authors;	/* who wrote records, once each, in order */
	size_t nauthors, capauthors;
	unsigned char *is_author;	/* by place in names: in authors */
	size_t cap_is_author;
	struct arena arena;	/* folded records, entities and their strings */
	struct action **actions;	/* every action entity, for their votes */
	size_t nactions, capactions;
};

struct voters {
	struct hmap authors;	/* author -> index in votes, plus one */
};

/* Keys come from files anyone can write: the hash starts from a secret
 * of this process, so that nobody can choose ids that all collide. */
static uint64_t hash_seed;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull ^ hash_seed;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	/* mix the high bits into the low ones, which pick the slot */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static struct slot *hmap_slot_h(const struct hmap *m, const char *key, uint64_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->v[i].key && (m->v[i].hash != h || strcmp(m->v[i].key, key)))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

static struct slot *hmap_slot(const struct hmap *m, const char *key)
{
	return hmap_slot_h(m, key, hash_str(key));
}

static void *hmap_get(const struct hmap *m, const char *key)
{
	return m->cap ? hmap_slot(m, key)->val : NULL;
}

/* key must live as long as the map (it points into the value). */
static void hmap_put(struct hmap *m, const char *key, void *val)
{
	struct slot *s;

	uint64_t h = hash_str(key);

	if ((m->n + 1) * 2 >= m->cap) {	/* at most half full: short probes */
		struct hmap bigger = { NULL, 0, m->cap ? m->cap * 2 : 64 };

		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].key)
				*hmap_slot_h(&bigger, m->v[i].key, m->v[i].hash) = m->v[i];
		bigger.n = m->n;
		free(m->v);
		*m = bigger;
	}
	s = hmap_slot_h(m, key, h);
	if (!s->key)
		m->n++;
	s->key = key;
	s->val = val;
	s->hash = h;
}

static const char *stamp_key(const void *val)
{
	static _Thread_local char buf[REV_LEN];

	return rev_text(((const struct stamp *)val)->rev, buf);
}

static const char *record_key(const void *val)
{
	return ((const struct record *)val)->rev;
}

static const char *name_key(const void *val)
{
	return val;
}

/* Where a key whose hash is h goes first, of cap slots: the low 32 bits
 * of h scaled to cap (so that cap need not be a power of two, and a
 * table reserved for n values takes what they need, not up to twice). */
static size_t home(uint64_t h, size_t cap)
{
	return (size_t)(((h & 0xffffffffu) * (uint64_t)cap) >> 32);
}

static size_t hindex_pos(const struct hindex *x, const char *key, uint64_t h)
{
	uint32_t tag = (uint32_t)h;
	size_t i = home(h, x->cap);
	uint64_t s;

	while ((s = x->slot[i]) && (SLOT_TAG(s) != tag || strcmp(x->key(SLOT_VAL(x, s)), key)))
		if (++i == x->cap)
			i = 0;
	return i;
}

static void *hindex_get(const struct hindex *x, const char *key)
{
	uint64_t s;

	if (!x->cap)
		return NULL;
	s = x->slot[hindex_pos(x, key, hash_str(key))];
	return s ? SLOT_VAL(x, s) : NULL;
}

/* The number of slots for n values (at most 3/4 full: with the tags, a
 * probe past a slot seldom looks at a key) in a table of cap slots that
 * is too small: what was asked when that is much, else twice. */
static size_t grown(size_t cap, size_t had, size_t n)
{
	size_t need = (had + n) * 4 / 3 + 64;

	cap = n > had || 2 * cap < need ? need : 2 * cap;
	if (cap > UINT32_MAX || had + n >= ((size_t)1 << MAX_PLACE_BITS))
		die("more than 2^31 entries in one incident");
	return cap;
}

/* Room for n more values without growing. */
static void hindex_reserve_n(struct hindex *x, size_t n)
{
	size_t cap = x->cap ? x->cap : 64;
	uint64_t *slot;

	if ((x->n + n) * 4 < x->cap * 3)
		return;
	if ((x->n + n) * 4 >= cap * 3)
		cap = grown(cap, x->n, n);
	slot = xcalloc(cap, sizeof(*slot));
	for (size_t k = 0; k < x->cap; k++) {
		if (x->slot[k]) {
			size_t j = home(SLOT_TAG(x->slot[k]), cap);

			while (slot[j])
				if (++j == cap)
					j = 0;
			slot[j] = x->slot[k];
		}
	}
	free(x->slot);
	x->slot = slot;
	x->cap = cap;
}

static void hindex_reserve(struct hindex *x)
{
	hindex_reserve_n(x, 1);
}

/* Where a key is or goes: found by hindex_find, used by hindex_add
 * while nothing else is added to that index. */
struct hpos {
	size_t i;
	uint64_t h;
};

/* The value under key, or NULL, and in *at where key goes. */
static void *hindex_find(struct hindex *x, const char *key, struct hpos *at)
{
	uint64_t s;

	hindex_reserve(x);
	at->h = hash_str(key);
	at->i = hindex_pos(x, key, at->h);
	s = x->slot[at->i];
	return s ? SLOT_VAL(x, s) : NULL;
}

/* Adds val after the others without a slot: nothing finds it by its
 * key until it is given one (lone_to_tree does). */
static void hindex_append(struct hindex *x, void *val)
{
	if (x->n == x->capval) {
		x->capval = x->capval ? 2 * x->capval : 64;
		x->val = xreallocarray(x->val, x->capval, sizeof(*x->val));
	}
	x->val[x->n++] = val;
}

/* Adds val, whose key hindex_find did not find, where it said. */
static void hindex_add(struct hindex *x, const struct hpos *at, void *val)
{
	hindex_append(x, val);
	x->slot[at->i] = (uint64_t)(uint32_t)at->h << 32 | (uint64_t)x->n;
}

/* Adds val under the key it carries, or puts it in place of the value
 * with the same key. */
static void hindex_put(struct hindex *x, void *val)
{
	struct hpos at;

	if (hindex_find(x, x->key(val), &at))
		SLOT_VAL(x, x->slot[at.i]) = val;
	else
		hindex_add(x, &at, val);
}

static void hindex_free(struct hindex *x)
{
	free(x->slot);
	free(x->val);
}

/* The tag of hash h in the index of ids: its top bits (its low bits say
 * where it goes). */
static uint32_t id_tag(const struct idindex *x, uint64_t h)
{
	return (uint32_t)(h >> 32) >> x->bits;
}

/* The slot of the entity whose first record is at place1 - 1 in revs and
 * whose id hashes to h. */
static uint32_t id_slot(const struct idindex *x, uint64_t h, size_t place1)
{
	return id_tag(x, h) << x->bits | (uint32_t)place1;
}

static struct entity *id_entity(const struct entity_map *m, uint32_t s)
{
	return stamp_entity(m->revs.val[ID_PLACE(&m->ids, s) - 1]);
}

static size_t ids_pos(const struct entity_map *m, const char *id, uint64_t h)
{
	const struct idindex *x = &m->ids;
	uint32_t tag = id_tag(x, h), s;
	size_t i = home(h, x->cap);

	while ((s = x->slot[i]) && (s >> x->bits != tag || strcmp(id_entity(m, s)->id, id)))
		if (++i == x->cap)
			i = 0;
	return i;
}

/* Room for n more entities without growing, whose first records go at
 * places up to last (1 + the place) in revs.  Places get room for four
 * times as many as asked, so that the index is laid out again only now
 * and then as revs grows. */
static void ids_reserve(struct entity_map *m, size_t n, size_t last)
{
	struct idindex *x = &m->ids;
	size_t cap = x->cap ? x->cap : 64;
	unsigned bits = x->bits ? x->bits : 8;
	uint32_t *slot;

	if ((x->n + n) * 4 < x->cap * 3 && last < ((size_t)1 << x->bits))
		return;
	if ((x->n + n) * 4 >= cap * 3)
		cap = grown(cap, x->n, n);
	if (last >= ((size_t)1 << MAX_PLACE_BITS))
		die("more than 2^31 entries in one incident");
	if (last >= ((size_t)1 << bits))
		while (bits < MAX_PLACE_BITS && last * 4 >= ((size_t)1 << bits))
			bits++;
	slot = xcalloc(cap, sizeof(*slot));
	for (size_t k = 0; k < x->cap; k++) {
		uint32_t s = x->slot[k], place1;
		uint64_t h;
		size_t j;

		if (!s)
			continue;
		place1 = ID_PLACE(x, s);
		h = hash_str(id_entity(m, s)->id);
		j = home(h, cap);
		while (slot[j])
			if (++j == cap)
				j = 0;
		slot[j] = (uint32_t)((h >> 32) >> bits) << bits | place1;
	}
	free(x->slot);
	x->slot = slot;
	x->cap = cap;
	x->bits = bits;
}

/* ---- entities ---- */

#define PUSH(arr, n, cap, item) do { \
	if ((n) == (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 16; \
		(arr) = xreallocarray((arr), (cap), sizeof(*(arr))); \
	} \
	(arr)[(n)++] = (item); \
} while (0)

struct incident *incident_new(const char *id)
{
	struct incident *inc = xcalloc(1, sizeof(*inc));
	static const char *const defaults[] = { DEFAULT_CATEGORIES };

	while (!hash_seed)
		random_bytes(&hash_seed, sizeof(hash_seed));
	inc->id = xstrdup(id);
	inc->info.e.type = REC_INCIDENT;
	inc->info.e.id = inc->id;
	inc->info.severity = 3;
	inc->info.created = -1;
	inc->map = xcalloc(1, sizeof(*inc->map));
	inc->map->revs.key = stamp_key;
	inc->map->talk.key = record_key;
	inc->map->names.key = name_key;
	incident_set_categories(inc, defaults, ARRAY_SIZE(defaults));
	return inc;
}

/* Records, entities and their strings are in the arena and go with it
 * at once: only what grows (votes, maps, lists) is freed here. */
void incident_free(struct incident *inc)
{
	if (!inc)
		return;
	for (size_t i = 0; i < inc->map->nactions; i++) {
		struct action *a = inc->map->actions[i];

		free(a->votes);
		if (a->voters)
			free(a->voters->authors.v);
		free(a->voters);
	}
	free(inc->map->actions);
	for (size_t i = 0; i < inc->map->waits.cap; i++)
		if (inc->map->waits.v[i].val) {
			struct waiting *w = inc->map->waits.v[i].val;

			free(w->v);
			free(w);
		}
	free(inc->map->ids.slot);
	hindex_free(&inc->map->revs);	/* inc->recs with it */
	hindex_free(&inc->map->talk);
	free(inc->map->waits.v);
	free(inc->map->imports.v);
	free(inc->map->logged.v);
	hindex_free(&inc->map->names);
	free(inc->map->files);
	free(inc->map->authors);
	free(inc->map->is_author);
	free(inc->map->file_at.v);
	arena_free(&inc->map->arena);
	free(inc->map);
	free(inc->events);
	free(inc->marked);
	free(inc->moving);
	free(inc->factors);
	free(inc->actions);
	for (size_t i = 0; i < inc->ncategories; i++)
		free(inc->categories[i]);
	free(inc->categories);
	discussion_free(inc->talk);
	free(inc->id);
	free(inc);
}

void incident_reserve(struct incident *inc, size_t n)
{
	if (n > (size_t)1 << 24)
		n = (size_t)1 << 24;
	ids_reserve(inc->map, n, inc->map->revs.n + n);
}

void incident_set_categories(struct incident *inc, const char *const *cats, size_t n)
{
	for (size_t i = 0; i < inc->ncategories; i++)
		free(inc->categories[i]);
	free(inc->categories);
	inc->categories = xcalloc(n ? n : 1, sizeof(char *));
	inc->ncategories = 0;
	for (size_t i = 0; i < n; i++)
		inc->categories[inc->ncategories++] = xstrdup(cats[i]);
	inc->dirty_factors = true;
}

/* A new entity with the defaults of its type and no records, in the
 * arena. */
static struct entity *entity_new(struct entity_map *m, enum rec_type type, const char *id)
{
	struct entity *e;

	switch (type) {
	case REC_EVENT:
		e = arena_alloc(&m->arena, sizeof(struct event));
		((struct event *)e)->logged_typed = LOGGED_ASIDE;	/* not said yet */
		break;
	case REC_FACTOR:
		e = arena_alloc(&m->arena, sizeof(struct factor));
		((struct factor *)e)->category = "trigger";
		break;
	default:
		e = arena_alloc(&m->arena, sizeof(struct action));
		((struct action *)e)->priority = PRIO_P2;
		type = REC_ACTION;
		PUSH(m->actions, m->nactions, m->capactions, (struct action *)e);
		break;
	}
	e->type = type;
	e->id = arena_strdup(&m->arena, id);
	return e;
}

/* Where s is in the names, interned if new: place + 1. */
static uint32_t name_at(struct entity_map *m, const char *s)
{
	struct hpos at;

	if (!hindex_find(&m->names, s, &at))
		hindex_add(&m->names, &at, arena_strdup(&m->arena, s));
	return (uint32_t)m->names.slot[at.i];
}

/* The same, remembering in *last the name found the time before (the
 * records of a journal mostly name the same author, account and "by"):
 * then one comparison instead of a hash and a look in the table. */
static uint32_t name_at_again(struct entity_map *m, const char *s, uint32_t *last)
{
	if (!*last || strcmp(m->names.val[*last - 1], s))
		*last = name_at(m, s);
	return *last;
}

/* s, once: the copy every record shares. */
static const char *intern(struct entity_map *m, const char *s)
{
	return m->names.val[name_at(m, s) - 1];
}

/* Where file is in the files, added if new (NULL: 0). */
static uint32_t file_at(struct entity_map *m, const char *file)
{
	uintptr_t i;

	if (!file)
		return 0;
	if (file == m->last_file)
		return m->last_file_at;
	if (!(i = (uintptr_t)hmap_get(&m->file_at, file))) {
		char *copy = arena_strdup(&m->arena, file);	/* the store's may go first */

		if (!m->nfiles)
			PUSH(m->files, m->nfiles, m->capfiles, NULL);
		i = m->nfiles;
		PUSH(m->files, m->nfiles, m->capfiles, copy);
		hmap_put(&m->file_at, copy, (void *)i);
	}
	m->last_file = file;
	return m->last_file_at = (uint32_t)i;
}

static const char *name_of(const struct entity_map *m, uint32_t at)
{
	return at ? m->names.val[at - 1] : NULL;
}

const char *stamp_author(const struct incident *inc, const struct stamp *s)
{
	return name_of(inc->map, s->author);
}

const char *stamp_account(const struct incident *inc, const struct stamp *s)
{
	return name_of(inc->map, s->account);
}

const char *stamp_file(const struct incident *inc, const struct stamp *s)
{
	return inc->map->files ? inc->map->files[s->file] : NULL;
}

/* The fields whose values repeat from record to record (names). */
#define SHARED_BITS (BIT(F_BY) | BIT(F_OWNER) | BIT(F_CATEGORY) | BIT(F_IMPORTED_BY) | BIT(F_SOURCE))

/* The name at place (+ 1) wrote a record: listed once ("" never). */
static void author_seen(struct entity_map *m, uint32_t place)
{
	if (place >= m->cap_is_author) {
		size_t cap = m->cap_is_author ? m->cap_is_author : 64;

		while (cap <= place)
			cap *= 2;
		m->is_author = xreallocarray(m->is_author, cap, 1);
		memset(m->is_author + m->cap_is_author, 0, cap - m->cap_is_author);
		m->cap_is_author = cap;
	}
	if (!m->is_author[place]) {
		m->is_author[place] = 1;
		if (*name_of(m, place))
			PUSH(m->authors, m->nauthors, m->capauthors, name_of(m, place));
	}
}

const char *const *incident_authors(const struct incident *inc, size_t *n)
{
	*n = inc->map->nauthors;
	return inc->map->authors;
}

/* A record in an entity's tree: its stamp, and what the fold needs. */
struct rnode {
	struct stamp s;		/* first: a stamp with node set is one */
	struct entity *ent;
	const struct stamp *base;	/* the record it was made from, once that
					 * has come and is of the same entity */
	uint64_t submask;	/* the fields set in its subtree */
	struct rnode *left, *right;
	uint32_t size;		/* its subtree's records */
	uint32_t conflicts;	/* its subtree's records that are a conflict */
};

/* ---- revisions in 8 bytes ---- */

/* random_id's alphabet in ASCII order: 1 + each character's place */
static const unsigned char rev_digit[256] = {
	['2'] = 1, ['3'] = 2, ['4'] = 3, ['5'] = 4, ['6'] = 5, ['7'] = 6, ['8'] = 7, ['9'] = 8,
	['a'] = 9, ['b'] = 10, ['c'] = 11, ['d'] = 12, ['e'] = 13, ['f'] = 14, ['g'] = 15,
	['h'] = 16, ['i'] = 17, ['j'] = 18, ['k'] = 19, ['m'] = 20, ['n'] = 21, ['p'] = 22,
	['q'] = 23, ['r'] = 24, ['s'] = 25, ['t'] = 26, ['u'] = 27, ['v'] = 28, ['w'] = 29,
	['x'] = 30, ['y'] = 31, ['z'] = 32,
};
static const char rev_digits[] = "23456789abcdefghijkmnpqrstuvwxyz";

/* s packed, when it is "r" and 12 of the alphabet's characters; else 0. */
static rev_t rev_packed(const char *s)
{
	uint64_t v = 0;
	size_t i;

	if (s[0] != 'r')
		return 0;
	for (i = 1; i <= 12 && rev_digit[(unsigned char)s[i]]; i++)
		v = v << 5 | (uint64_t)(rev_digit[(unsigned char)s[i]] - 1);
	return i == 13 && !s[13] ? REV_PACKED | v : 0;
}

/* s as a stamp keeps it. */
static rev_t rev_pack(struct entity_map *m, const char *s)
{
	rev_t v = rev_packed(s);

	if (v || !s[0])
		return v;
	return (rev_t)(uintptr_t)arena_strdup(&m->arena, s);
}

const char *rev_text(rev_t rev, char *buf)
{
	if (!(rev & REV_PACKED))
		return rev ? (const char *)(uintptr_t)rev : "";
	buf[0] = 'r';
	for (int i = 12; i >= 1; i--, rev >>= 5)
		buf[i] = rev_digits[rev & 31];
	buf[13] = '\0';
	return buf;
}

int rev_cmp(rev_t a, rev_t b)
{
	char ba[REV_LEN], bb[REV_LEN];

	if (a & b & REV_PACKED)
		return a < b ? -1 : a > b;
	return strcmp(rev_text(a, ba), rev_text(b, bb));
}

/* Whether rev (kept) is the text s. */
static bool rev_is(rev_t rev, const char *s)
{
	char buf[REV_LEN];

	if (rev & REV_PACKED)
		return rev == rev_packed(s);
	return rev && !strcmp(rev_text(rev, buf), s);
}

/* What the incident keeps of r (which set the fields in mask): who,
 * when, which revision, where - not the values, which the state has
 * copied where they win and history reads back from the files. */
static void stamp_fill(struct entity_map *m, struct stamp *st, const struct record *r, uint64_t mask, bool node)
{
	st->time = r->time;
	st->rev = rev_pack(m, r->rev);
	st->author = name_at_again(m, r->author ? r->author : "", &m->last_author);
	author_seen(m, st->author);
	st->account = r->account ? name_at_again(m, r->account, &m->last_account) : 0;
	st->file = file_at(m, r->file);
	st->line = r->line;
	st->col = r->col < 0 ? 0 : r->col > UINT16_MAX ? UINT16_MAX : (uint16_t)r->col;
	st->mask = mask_pack(mask);
	st->type = r->type;
	st->conflict = false;
	st->node = node;
}

/* The state's own copy of a string value that wins. */
static const char *keep(struct entity_map *m, const struct value *v)
{
	return BIT(v->field) & SHARED_BITS ? intern(m, v->u.s) : arena_strdup(&m->arena, v->u.s);
}

static const struct ids *keep_ids(struct entity_map *m, const struct value *v)
{
	struct ids *w = arena_alloc(&m->arena, sizeof(*w));

	w->n = v->u.ids->n;
	w->v = arena_alloc(&m->arena, (w->n ? w->n : 1) * sizeof(char *));
	for (size_t k = 0; k < w->n; k++)
		w->v[k] = arena_strdup(&m->arena, v->u.ids->v[k]);
	return w;
}

static int rec_cmp(const struct stamp *a, const struct stamp *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return rev_cmp(a->rev, b->rev);
}

/* ---- the records of an entity, as a treap ----
 *
 * Ordered by (time, rev), heap-ordered by a random priority (so its
 * depth is O(log n) whatever order records come in), each node holding
 * the OR of the field masks of its subtree.  "Which fields do records
 * after x set" and "the first record after x that sets f" are then
 * O(log n), which is all the fold needs. */

/* A node's priority: its address, mixed (splitmix64's finalizer), so
 * that it is independent of the (time, rev) order and costs no room. */
static uint64_t prio(const struct rnode *n)
{
	uint64_t z = (uint64_t)(uintptr_t)n + 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t submask(const struct rnode *n)
{
	return n ? n->submask : 0;
}

static uint32_t subsize(const struct rnode *n)
{
	return n ? n->size : 0;
}

static uint32_t subconflicts(const struct rnode *n)
{
	return n ? n->conflicts : 0;
}

static void pull(struct rnode *n)
{
	n->submask = stamp_fields(&n->s) | submask(n->left) | submask(n->right);
	n->size = 1 + subsize(n->left) + subsize(n->right);
	n->conflicts = n->s.conflict + subconflicts(n->left) + subconflicts(n->right);
}

static struct rnode *treap_insert(struct rnode *t, struct rnode *x)
{
	if (!t) {
		x->left = x->right = NULL;
		x->submask = stamp_fields(&x->s);
		x->size = 1;
		x->conflicts = x->s.conflict;
		return x;
	}
	if (rec_cmp(&x->s, &t->s) < 0) {
		t->left = treap_insert(t->left, x);
		if (prio(t->left) > prio(t)) {
			struct rnode *l = t->left;

			t->left = l->right;
			pull(t);
			l->right = t;
			pull(l);
			return l;
		}
	} else {
		t->right = treap_insert(t->right, x);
		if (prio(t->right) > prio(t)) {
			struct rnode *r = t->right;

			t->right = r->left;
			pull(t);
			r->left = t;
			pull(r);
			return r;
		}
	}
	pull(t);
	return t;
}

/* The fields set by records after x (x in the tree). */
static uint64_t mask_after(const struct rnode *n, const struct stamp *x)
{
	uint64_t m = 0;

	while (n) {
		int c = rec_cmp(x, &n->s);

		if (c < 0) {
			m |= stamp_fields(&n->s) | submask(n->right);
			n = n->left;
		} else {
			if (c == 0)
				return m | submask(n->right);
			n = n->right;
		}
	}
	return m;
}

/* The fields set by records strictly between a and b (a before b). */
static uint64_t mask_between(const struct rnode *n, const struct stamp *a, const struct stamp *b)
{
	uint64_t m = 0;
	const struct rnode *p;

	/* the node where the paths to a and b part */
	while (n && (rec_cmp(&n->s, a) <= 0 || rec_cmp(&n->s, b) >= 0))
		n = rec_cmp(&n->s, a) <= 0 ? n->right : n->left;
	if (!n)
		return 0;
	m = stamp_fields(&n->s);
	for (p = n->left; p;) {	/* after a */
		if (rec_cmp(&p->s, a) > 0) {
			m |= stamp_fields(&p->s) | submask(p->right);
			p = p->left;
		} else {
			p = p->right;
		}
	}
	for (p = n->right; p;) {	/* before b */
		if (rec_cmp(&p->s, b) < 0) {
			m |= stamp_fields(&p->s) | submask(p->left);
			p = p->right;
		} else {
			p = p->left;
		}
	}
	return m;
}

/* The first record of subtree n that sets a field in bit. */
static struct rnode *first_with(struct rnode *n, uint64_t bit)
{
	while (n && (n->submask & bit)) {
		if (submask(n->left) & bit)
			n = n->left;
		else if (stamp_fields(&n->s) & bit)
			return n;
		else
			n = n->right;
	}
	return NULL;
}

/* The first record after x that sets a field in bit. */
static struct rnode *first_after(struct rnode *n, const struct stamp *x, uint64_t bit)
{
	struct rnode *found;

	if (!n || !(n->submask & bit))
		return NULL;
	if (rec_cmp(&n->s, x) <= 0)
		return first_after(n->right, x, bit);
	if ((found = first_after(n->left, x, bit)))
		return found;
	if (stamp_fields(&n->s) & bit)
		return n;
	return first_with(n->right, bit);
}

static void collect(const struct rnode *n, const struct stamp **out, size_t *k)
{
	while (n) {
		collect(n->left, out, k);
		out[(*k)++] = &n->s;
		n = n->right;
	}
}

size_t entity_nrecs(const struct entity *e)
{
	return e->tree ? e->root->size : e->lone.rev != 0;
}

unsigned entity_conflicts(const struct entity *e)
{
	return e->tree ? e->root->conflicts : 0;
}

/* e's first (last false) or last record in (time, rev) order. */
static const struct stamp *entity_end(const struct entity *e, bool last)
{
	const struct rnode *n;

	if (!e->tree)
		return e->lone.rev ? &e->lone : NULL;
	n = e->root;
	while (last ? n->right : n->left)
		n = last ? n->right : n->left;
	return &n->s;
}

const struct stamp *entity_first(const struct entity *e)
{
	return entity_end(e, false);
}

const struct stamp *entity_last(const struct entity *e)
{
	return entity_end(e, true);
}

/* The fields e's records set. */
static uint64_t entity_mask(const struct entity *e)
{
	return e->tree ? e->root->submask : stamp_fields(&e->lone);
}

const struct stamp **entity_records(const struct entity *e)
{
	const struct stamp **v = xcalloc(entity_nrecs(e) ? entity_nrecs(e) : 1, sizeof(*v));
	size_t k = 0;

	if (e->tree)
		collect(e->root, v, &k);
	else if (e->lone.rev)
		v[0] = &e->lone;
	return v;
}

const struct stamp *entity_rec(const struct entity *e, size_t i)
{
	const struct rnode *n;

	if (!e->tree)
		return i == 0 && e->lone.rev ? &e->lone : NULL;
	n = e->root;
	while (n) {
		size_t l = subsize(n->left);

		if (i < l) {
			n = n->left;
		} else if (i == l) {
			return &n->s;
		} else {
			i -= l + 1;
			n = n->right;
		}
	}
	return NULL;
}

struct entity *stamp_entity(const struct stamp *s)
{
	if (s->node)
		return ((const struct rnode *)s)->ent;
	return (struct entity *)((const char *)s - offsetof(struct entity, lone));
}

const struct stamp *stamp_base(const struct stamp *s)
{
	return s->node ? ((const struct rnode *)s)->base : NULL;
}

/* ---- applying the fields a record wins ---- */

#define WINS(v) (wins & BIT((v)->field))

static void apply_incident(struct entity_map *m, struct incident_fields *s, const struct record *r, uint64_t wins)
{
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		if (!WINS(v))
			continue;
		switch (v->field) {
		case F_TITLE: s->title = keep(m, v); break;
		case F_SEVERITY: s->severity = (int)v->u.i; break;
		case F_STATUS: s->status = (enum incident_status)v->u.i; break;
		case F_CREATED: s->created = v->u.t; break;
		case F_IMPACT: s->impact = keep(m, v); break;
		case F_APOLOGY: s->apology = keep(m, v); break;
		case F_HAPPENED: s->happened = keep(m, v); break;
		case F_WENT_WELL: s->went_well = keep(m, v); break;
		case F_LUCKY: s->lucky = keep(m, v); break;
		case F_BY: s->by = keep(m, v); break;
		default: break;
		}
	}
	/* unless a record says otherwise, created and by are those of the
	 * first record */
	if (!(entity_mask(&s->e) & BIT(F_CREATED)))
		s->created = entity_first(&s->e)->time;
	if (!(entity_mask(&s->e) & BIT(F_BY)))
		s->by = name_of(m, entity_first(&s->e)->author);
}

/* Where s came from: few events are imported, so this is kept aside. */
static struct imported *imported(struct entity_map *m, struct event *s)
{
	struct imported *im;

	if (s->imported)
		return hmap_get(&m->imports, s->e.id);
	im = arena_alloc(&m->arena, sizeof(*im));
	hmap_put(&m->imports, s->e.id, im);
	s->imported = true;
	return im;
}

const char *event_by(const struct incident *inc, const struct event *ev)
{
	return name_of(inc->map, ev->by);
}

const struct imported *event_imported(const struct incident *inc, const struct event *ev)
{
	return ev->imported ? hmap_get(&inc->map->imports, ev->e.id) : NULL;
}

static ms_t logged_of(const struct entity_map *m, const struct event *s)
{
	const ms_t *aside;

	if (s->logged_typed != LOGGED_ASIDE)
		return s->typed + s->logged_typed;
	aside = hmap_get(&m->logged, s->e.id);
	return aside ? *aside : 0;
}

ms_t event_logged(const struct incident *inc, const struct event *ev)
{
	return logged_of(inc->map, ev);
}

static void set_logged(struct entity_map *m, struct event *s, ms_t logged)
{
	ms_t d = logged - s->typed;
	ms_t *aside;

	if (d > INT32_MIN && d <= INT32_MAX && logged) {
		s->logged_typed = (int32_t)d;
		return;
	}
	aside = s->logged_typed == LOGGED_ASIDE ? hmap_get(&m->logged, s->e.id) : NULL;
	s->logged_typed = LOGGED_ASIDE;
	if (!logged && !aside)
		return;	/* 0: nothing aside says it */
	if (!aside) {
		aside = arena_alloc(&m->arena, sizeof(*aside));
		hmap_put(&m->logged, s->e.id, aside);
	}
	*aside = logged;
}

static void apply_event(struct entity_map *m, struct event *s, const struct record *r, uint64_t wins)
{
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		if (!WINS(v))
			continue;
		switch (v->field) {
		case F_AT: s->at = v->u.t; break;
		case F_TYPED: {
			ms_t logged = logged_of(m, s);	/* kept as a distance from typed */

			s->typed = v->u.t;
			set_logged(m, s, logged);
			break;
		}
		case F_LOGGED: set_logged(m, s, v->u.t); break;
		case F_BY: s->by = name_at_again(m, v->u.s, &m->last_by); break;
		case F_KIND: s->kind = (enum kind)v->u.i; break;
		case F_TEXT: s->text = keep(m, v); break;
		case F_MARKER: s->marker = (enum marker)v->u.i; break;
		case F_STAR: s->star = v->u.b; break;
		case F_CAUSAL: s->causal = v->u.b; break;
		case F_INTERNAL: s->internal = v->u.b; break;
		case F_DELETED: s->deleted = v->u.b; break;
		case F_IMPORTED_BY: imported(m, s)->by = keep(m, v); break;
		case F_SOURCE: imported(m, s)->source = keep(m, v); break;
		default: break;
		}
	}
}

static void apply_factor(struct entity_map *m, struct factor *s, const struct record *r, uint64_t wins)
{
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		if (!WINS(v))
			continue;
		switch (v->field) {
		case F_TITLE: s->title = keep(m, v); break;
		case F_CATEGORY: s->category = keep(m, v); break;
		case F_DESCRIPTION: s->description = keep(m, v); break;
		case F_EVENTS: s->events = keep_ids(m, v); break;
		case F_BY: s->by = keep(m, v); break;
		case F_NO_ACTION: s->no_action = keep(m, v); break;
		case F_ORDER: s->order = v->u.d; break;
		case F_DELETED: s->deleted = v->u.b; break;
		default: break;
		}
	}
}

/* Each voter's latest vote counts: one vote per account (a record
 * written before accounts were recorded counts for its author), so one
 * person cannot vote twice under two names.  O(1) per vote (a hash of
 * voters once there are more than a few). */
static void apply_vote(struct entity_map *m, struct action *s, const struct record *src, const struct stamp *r)
{
	const struct value *v = record_get(src, F_UP);
	const char *author = name_of(m, r->author);
	const char *voter = r->account ? name_of(m, r->account) : author;
	struct vote *vt = NULL;
	bool up = v ? v->u.b : true;

	if (s->voters) {
		uintptr_t i = (uintptr_t)hmap_get(&s->voters->authors, voter);

		if (i)
			vt = &s->votes[i - 1];
	} else {
		for (size_t i = 0; i < s->nvotes; i++)
			if (!strcmp(s->votes[i].voter, voter))
				vt = &s->votes[i];
	}
	if (!vt) {
		if (s->nvotes == s->capvotes) {
			s->capvotes = s->capvotes ? s->capvotes * 2 : 4;
			s->votes = xreallocarray(s->votes, s->capvotes, sizeof(*s->votes));
		}
		vt = &s->votes[s->nvotes++];
		*vt = (struct vote){ voter, author, up, r->time, r->rev };
		s->nup += up;
		if (s->voters) {
			hmap_put(&s->voters->authors, voter, (void *)(uintptr_t)s->nvotes);
		} else if (s->nvotes > 8) {
			s->voters = xcalloc(1, sizeof(*s->voters));
			for (size_t i = 0; i < s->nvotes; i++)
				hmap_put(&s->voters->authors, s->votes[i].voter, (void *)(uintptr_t)(i + 1));
		}
		return;
	}
	/* an older vote than the one counted changes nothing */
	if (r->time < vt->time || (r->time == vt->time && rev_cmp(r->rev, vt->rev) < 0))
		return;
	s->nup += (int)up - (int)vt->up;
	vt->up = up;
	vt->author = author;
	vt->time = r->time;
	vt->rev = r->rev;
}

/* r is the record as read (its values), kept the incident's stamp of
 * it (for votes, which point at its author and rev). */
static void apply_action(struct entity_map *m, struct action *s, const struct record *r, const struct stamp *kept,
			 uint64_t wins)
{
	if (r->type == REC_VOTE) {
		apply_vote(m, s, r, kept);
		return;
	}
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		if (!WINS(v))
			continue;
		switch (v->field) {
		case F_TITLE: s->title = keep(m, v); break;
		case F_TYPE: s->type = (enum action_type)v->u.i; break;
		case F_OWNER: s->owner = keep(m, v); break;
		case F_DUE: s->due = keep(m, v); break;
		case F_STATUS: s->status = (enum action_status)v->u.i; break;
		case F_REASON: s->reason = keep(m, v); break;
		case F_PRIORITY: s->priority = (enum priority)v->u.i; break;
		case F_FACTORS: s->factors = keep_ids(m, v); break;
		case F_REF: s->ref = keep(m, v); break;
		case F_BY: s->by = keep(m, v); break;
		case F_ORDER: s->order = v->u.d; break;
		case F_DELETED: s->deleted = v->u.b; break;
		default: break;
		}
	}
}

#undef WINS

/* ---- conflicts, kept as records arrive ----
 *
 * A record r (not a vote) is a conflict when a record between its base
 * and itself, in (time, rev) order, changed a field r changes (its
 * author aside).  Each record turns into a conflict at most once, so
 * each arrival does O(fields * log n) work: its own check, and for each
 * field it sets, the one later record that could now see it in between
 * (the next record setting that field: any one further on would already
 * have that next one in between). */

static enum rec_type entity_type_of(const struct record *r)
{
	return r->type == REC_VOTE ? REC_ACTION : r->type;
}

/* r (in e's tree) turns out to be a conflict: it and the subtrees on
 * the way down to it count one more. */
static void conflict_found(struct entity *e, struct rnode *r)
{
	struct rnode *n = e->root;

	r->s.conflict = true;
	while (n && n != r) {
		n->conflicts++;
		n = rec_cmp(&r->s, &n->s) < 0 ? n->left : n->right;
	}
	r->conflicts++;
}

/* Checks r against the records between b (its base) and itself. */
static void conflict_check(struct entity *e, struct rnode *r, const struct stamp *b)
{
	if (!r->s.conflict && rec_cmp(b, &r->s) < 0 &&
	    (mask_between(e->root, b, &r->s) & stamp_fields(&r->s) & ~BIT(F_BY)))
		conflict_found(e, r);
}

/* x has just been folded into e; base is the rev it was made from ("" for
 * none).  A stamp kept inside its entity was made from nothing and is its
 * entity's only record: only records of other entities can wait for it. */
static void conflicts_fold(struct incident *inc, struct entity *e, struct stamp *x, const char *base)
{
	struct waiting *w;
	char buf[REV_LEN];

	if (x->node && x->type != REC_VOTE) {
		struct rnode *xn = (struct rnode *)x;
		uint64_t m = stamp_fields(x) & ~BIT(F_BY);

		if (base[0]) {
			struct stamp *b = hindex_get(&inc->map->revs, base);

			if (!b && !hindex_get(&inc->map->talk, base)) {
				/* its base may come later: wait for it */
				w = hmap_get(&inc->map->waits, base);
				if (!w) {
					w = xcalloc(1, sizeof(*w));
					hmap_put(&inc->map->waits, arena_strdup(&inc->map->arena, base), w);
				}
				PUSH(w->v, w->n, w->cap, xn);
			} else if (b && stamp_entity(b) == e) {
				xn->base = b;
				conflict_check(e, xn, b);
			}
		}
		for (int f = 0; f < F_COUNT; f++) {
			struct rnode *s;

			if (!(m & BIT(f)))
				continue;
			s = first_after(e->root, x, BIT(f));
			if (s && !s->s.conflict && s->base && rec_cmp(s->base, x) < 0)
				conflict_found(e, s);
		}
	}
	/* records that were made from x and came before it */
	if (inc->map->waits.n && (w = hmap_get(&inc->map->waits, rev_text(x->rev, buf)))) {
		for (size_t i = 0; i < w->n; i++)
			if (w->v[i]->ent == e) {
				w->v[i]->base = x;
				conflict_check(e, w->v[i], x);
			}
		free(w->v);
		w->v = NULL;
		w->n = w->cap = 0;
	}
}

/* Adds an entity that has just come into being to the lists. */
static void incident_list_entity(struct incident *inc, struct entity *e)
{
	switch (e->type) {
	case REC_EVENT: {
		struct event *ev = (struct event *)e;

		ev->e.index = inc->nevents;
		PUSH(inc->events, inc->nevents, inc->capevents, ev);
		break;
	}
	case REC_FACTOR:
		PUSH(inc->factors, inc->nfactors, inc->capfactors, (struct factor *)e);
		inc->dirty_factors = true;
		break;
	case REC_ACTION:
		PUSH(inc->actions, inc->nactions, inc->capactions, (struct action *)e);
		inc->dirty_actions = true;
		break;
	default:
		break;
	}
}

/* The entity called id, or NULL; with at, where it goes (hindex_find).
 * h: id's hash when known (incident_id_hash), else 0. */
static struct entity *entity_get_h(struct entity_map *m, const char *id, uint64_t h, struct hpos *at)
{
	struct hpos here;
	uint32_t s;

	if (!at) {
		if (!m->ids.cap)
			return NULL;
		at = &here;
	} else {
		/* the place of the record about to go into revs */
		ids_reserve(m, 1, m->revs.n + 1);
	}
	at->h = h ? h : hash_str(id);
	at->i = ids_pos(m, id, at->h);
	s = m->ids.slot[at->i];
	return s ? id_entity(m, s) : NULL;
}

static struct entity *entity_get(struct entity_map *m, const char *id, struct hpos *at)
{
	return entity_get_h(m, id, 0, at);
}

uint64_t incident_id_hash(const char *id)
{
	return hash_str(id);
}

void incident_prefetch(const struct incident *inc, const struct record *r)
{
	const struct idindex *x = &inc->map->ids;

	if (r->idhash && x->cap)
		__builtin_prefetch(&x->slot[home(r->idhash, x->cap)]);
}

/* The first record of e, kept inside it, moves into e's tree, now that
 * another is coming: its place in revs (inc->recs) holds the node
 * instead, and the node gets a slot there (found by its rev from now
 * on).  The copy inside stays as it was, for records made from it that
 * point there. */
static void lone_to_tree(struct entity_map *m, struct entity *e)
{
	struct rnode *n = arena_alloc(&m->arena, sizeof(*n));
	struct hindex *x = &m->revs;
	size_t place = m->info_first;
	char buf[REV_LEN];
	struct hpos at;

	n->s = e->lone;
	n->s.node = true;
	n->ent = e;
	e->root = treap_insert(NULL, n);
	e->tree = true;
	if (e->type != REC_INCIDENT) {
		/* an entity's value in ids is its first record's place */
		place = ID_PLACE(&m->ids, m->ids.slot[ids_pos(m, e->id, hash_str(e->id))]) - 1;
	}
	x->val[place] = n;
	/* (another entity's record may have come with the same rev: the
	 * first keeps it) */
	if (!hindex_find(x, rev_text(n->s.rev, buf), &at))
		x->slot[at.i] = (uint64_t)(uint32_t)at.h << 32 | (uint64_t)(place + 1);
}

/* Whether rev is that of e's first record, kept inside it. */
static bool lone_rev(const struct entity *e, const char *rev)
{
	return !e->tree && rev_is(e->lone.rev, rev);
}

struct entity *incident_apply(struct incident *inc, struct record *r, const char **why)
{
	struct entity_map *m = inc->map;
	enum rec_type etype = entity_type_of(r), rtype = r->type;
	struct hpos rat, eat;
	struct stamp *st;
	struct rnode *x = NULL;
	struct entity *e;
	uint64_t mask = 0, wins;
	bool was_created, was_live, lone;
	ms_t old_at = 0, old_typed = 0;
	unsigned before_conflicts;

	*why = NULL;
	for (size_t i = 0; i < r->nvalues; i++)
		mask |= BIT(r->values[i].field);
	if (r->time > inc->newest)
		inc->newest = r->time;
	if (!r->rev[0] || hindex_get(&m->talk, r->rev)) {
		record_free(r);
		return NULL;
	}
	if (rtype == REC_COMMENT) {
		e = entity_get(m, r->id, NULL);
		if (lone_rev(e ? e : &inc->info.e, r->rev) || hindex_get(&m->revs, r->rev)) {
			record_free(r);
			return NULL;
		}
		if (r->pool)
			r = record_copy(r);	/* kept: it must outlive its pool */
		hindex_put(&m->talk, r);
		discussion_add(&inc->talk, r);
		inc->generation++;
		return e ? e : &inc->info.e;
	}
	e = etype == REC_INCIDENT ? &inc->info.e : entity_get_h(m, r->id, r->idhash, &eat);
	/* a record seen before (loose and packed, say) is taken once.  An
	 * entity's first record, made from nothing, is kept inside it and
	 * found through it: most records are one, and for them revs is not
	 * looked in (a miss in a large table, each) */
	lone = (!e || (!e->tree && !e->lone.rev)) && !r->base[0] && rtype == etype;
	if ((e && lone_rev(e, r->rev)) || (!lone && hindex_get(&m->revs, r->rev))) {
		record_free(r);
		return NULL;
	}
	if (etype == REC_INCIDENT) {
		if (!inc->id[0]) {
			/* an incident read from a lone file takes the id it names */
			free(inc->id);
			inc->id = xstrdup(r->id);
			inc->info.e.id = inc->id;
		}
		if (strcmp(r->id, inc->id)) {
			*why = "the record names another incident";
			record_free(r);
			return NULL;
		}
	} else {
		if (e && e->type != etype) {
			*why = "the id is already used by a different kind of entry";
			record_free(r);
			return NULL;
		}
		if (!e) {
			e = entity_new(m, etype, r->id);
			/* its value: the record about to go into revs */
			m->ids.slot[eat.i] = id_slot(&m->ids, eat.h, m->revs.n + 1);
			m->ids.n++;
		}
	}
	if (lone) {
		/* an entity's first record, made from nothing, stays inside it */
		st = &e->lone;
		stamp_fill(m, st, r, mask, false);
		if (e == &inc->info.e)
			m->info_first = m->revs.n;
		hindex_append(&m->revs, st);
	} else {
		if (!e->tree && e->lone.rev)
			lone_to_tree(m, e);
		x = arena_alloc(&m->arena, sizeof(*x));
		stamp_fill(m, &x->s, r, mask, true);
		x->ent = e;
		st = &x->s;
		hindex_find(&m->revs, r->rev, &rat);
		hindex_add(&m->revs, &rat, st);
	}
	inc->recs = (struct stamp **)m->revs.val;
	inc->nrecs = m->revs.n;
	inc->caprecs = m->revs.capval;
	if (etype == REC_EVENT && (mask & EDIT_BITS) && ((struct event *)e)->texts < 2)
		((struct event *)e)->texts++;

	was_created = e->created;
	was_live = e->type == REC_EVENT && e->created && !((struct event *)e)->deleted;
	before_conflicts = entity_conflicts(e);
	if (e->type == REC_EVENT) {
		old_at = ((struct event *)e)->at;
		old_typed = ((struct event *)e)->typed;
	}

	if (x) {
		e->root = treap_insert(e->tree ? e->root : NULL, x);
		e->tree = true;
		/* x sets the fields no later record sets */
		wins = mask & ~mask_after(e->root, st);
	} else {
		wins = mask;
	}
	switch (e->type) {
	case REC_INCIDENT: apply_incident(m, (struct incident_fields *)e, r, wins); break;
	case REC_EVENT: apply_event(m, (struct event *)e, r, wins); break;
	case REC_FACTOR: apply_factor(m, (struct factor *)e, r, wins); break;
	default: apply_action(m, (struct action *)e, r, st, wins); break;
	}
	if (mask & creating[rtype])
		e->created = true;
	conflicts_fold(inc, e, st, r->base);
	record_free(r);

	if (e->type == REC_INCIDENT && inc->info.title == NULL)
		e->created = false;
	if (entity_conflicts(e) > before_conflicts) {
		inc->conflicts += entity_conflicts(e) - before_conflicts;
		inc->last_conflict = e;
	}

	if (!was_created && e->created) {
		incident_list_entity(inc, e);
	} else if (e->created && e->type == REC_EVENT) {
		struct event *ev = (struct event *)e;

		if ((ev->at != old_at || ev->typed != old_typed) && !ev->moving) {
			ev->moving = true;
			PUSH(inc->moving, inc->nmoving, inc->capmoving, ev);
			inc->events_moved = true;
		}
	}
	if (e->type == REC_EVENT) {
		struct event *ev = (struct event *)e;
		bool live = e->created && !ev->deleted;

		inc->nlive += (size_t)live - (size_t)was_live;
		if (ev->marker != MARKER_NONE && !ev->marked) {
			ev->marked = true;
			PUSH(inc->marked, inc->nmarked, inc->capmarked, ev);
		}
	}
	if (e->type == REC_FACTOR)
		inc->dirty_factors = true;
	if (e->type == REC_ACTION)
		inc->dirty_actions = true;
	inc->generation++;
	return e;
}
/* ---- order ---- */

int event_cmp(const void *pa, const void *pb)
{
	const struct event *a = *(struct event *const *)pa, *b = *(struct event *const *)pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->typed != b->typed)
		return a->typed < b->typed ? -1 : 1;
	return strcmp(a->e.id, b->e.id);
}

static size_t category_index(const struct incident *inc, const char *cat)
{
	for (size_t i = 0; i < inc->ncategories; i++)
		if (!strcmp(inc->categories[i], cat))
			return i;
	return inc->ncategories;
}

/* qsort has no context argument; sorting is single-threaded */
static const struct incident *sort_inc;

static int factor_cmp(const void *pa, const void *pb)
{
	const struct factor *a = *(struct factor *const *)pa, *b = *(struct factor *const *)pb;
	size_t ca = category_index(sort_inc, a->category), cb = category_index(sort_inc, b->category);
	int c;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	if ((c = strcmp(a->category, b->category)))
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->e.id, b->e.id);
}

static int action_cmp(const void *pa, const void *pb)
{
	const struct action *a = *(struct action *const *)pa, *b = *(struct action *const *)pb;

	if (a->priority != b->priority)
		return a->priority < b->priority ? -1 : 1;
	if (a->nup != b->nup)
		return a->nup > b->nup ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->e.id, b->e.id);
}

static void add_category(struct incident *inc, const char *cat)
{
	if (category_index(inc, cat) < inc->ncategories)
		return;
	inc->categories = xreallocarray(inc->categories, inc->ncategories + 1, sizeof(char *));
	inc->categories[inc->ncategories++] = xstrdup(cat);
}

/* Merges the sorted new events v[0..k) into the sorted events[0..n),
 * from the back: each new event finds its place by binary search and the
 * old events after it move up in one memmove, so the cost is k log n
 * comparisons plus moving pointers, however many old events there are. */
static void merge_new(struct event **events, size_t n, struct event **v, size_t k)
{
	size_t hi = n, w = n + k;

	while (k > 0) {
		struct event *ev = v[k - 1];
		size_t lo = 0, top = hi, step = 1;

		/* the first old event after ev: looking back from hi in steps
		 * that double, then halving, so that new events that go after
		 * the old ones (a journal read in order) cost a comparison each,
		 * not log n */
		while (step <= top && event_cmp(&events[top - step], &ev) > 0) {
			top -= step;
			step *= 2;
		}
		if (step <= top)
			lo = top - step + 1;
		while (lo < top) {
			size_t mid = lo + (top - lo) / 2;

			if (event_cmp(&events[mid], &ev) <= 0)
				lo = mid + 1;
			else
				top = mid;
		}
		w -= hi - lo;
		memmove(&events[w], &events[lo], (hi - lo) * sizeof(*events));
		events[--w] = ev;
		hi = lo;
		k--;
	}
}

void incident_sort(struct incident *inc)
{
	size_t sorted = inc->events_sorted, k;
	bool reindex = inc->nmoving > 0;

	if (inc->nmoving) {
		/* events whose time changed leave their place and are merged in
		 * again with the new ones: O(n + k log k), not a full sort */
		size_t w = 0, ws = 0;

		for (size_t i = 0; i < inc->nevents; i++) {
			if (!inc->events[i]->moving)
				inc->events[w++] = inc->events[i];
			if (i + 1 == sorted)
				ws = w;
		}
		for (size_t i = 0; i < inc->nmoving; i++) {
			inc->moving[i]->moving = false;
			inc->events[w++] = inc->moving[i];
		}
		sorted = ws;
		inc->nmoving = 0;
		inc->events_moved = false;
	}
	k = inc->nevents - sorted;
	if (inc->events_moved) {
		if (inc->nevents)
			qsort(inc->events, inc->nevents, sizeof(*inc->events), event_cmp);
		for (size_t i = 0; i < inc->nevents; i++)
			inc->events[i]->e.index = i;
	} else if (k) {
		/* the new events in the order they came: those not before the
		 * last one taken (most: a journal is written in time order) are
		 * in order already; the others are sorted, and merged in after */
		struct event **v = xreallocarray(NULL, k, sizeof(*v));
		size_t nrun = 0, nlate = 0;

		for (size_t i = 0; i < k; i++) {
			struct event *ev = inc->events[sorted + i];

			if (!nrun || event_cmp(&v[nrun - 1], &ev) <= 0)
				v[nrun++] = ev;
			else
				v[k - ++nlate] = ev;
		}
		merge_new(inc->events, sorted, v, nrun);
		if (nlate) {
			qsort(v + k - nlate, nlate, sizeof(*v), event_cmp);
			merge_new(inc->events, sorted + nrun, v + k - nlate, nlate);
		}
		free(v);
		/* index hints of the events that moved are now stale:
		 * incident_event_pos finds them again */
	}
	if (reindex)	/* the compaction cost O(n) anyway */
		for (size_t i = 0; i < inc->nevents; i++)
			inc->events[i]->e.index = i;
	inc->events_sorted = inc->nevents;
	inc->events_moved = false;

	if (inc->dirty_factors) {
		for (size_t i = 0; i < inc->nfactors; i++)
			if (!inc->factors[i]->deleted)
				add_category(inc, inc->factors[i]->category);
		sort_inc = inc;
		if (inc->nfactors)
			qsort(inc->factors, inc->nfactors, sizeof(*inc->factors), factor_cmp);
		inc->dirty_factors = false;
	}
	if (inc->dirty_actions) {
		if (inc->nactions)
			qsort(inc->actions, inc->nactions, sizeof(*inc->actions), action_cmp);
		inc->dirty_actions = false;
	}
}

struct entity *incident_find(const struct incident *inc, const char *id)
{
	struct entity *e;

	if (!strcmp(id, inc->id))
		return inc->info.e.created ? (struct entity *)&inc->info.e : NULL;
	e = entity_get(inc->map, id, NULL);
	return e && e->created ? e : NULL;
}

#define FIND_TYPED(fn, T, rt) \
	T *fn(const struct incident *inc, const char *id) \
	{ \
		struct entity *e = incident_find(inc, id); \
		return e && e->type == rt ? (T *)e : NULL; \
	}
FIND_TYPED(incident_event, struct event, REC_EVENT)
FIND_TYPED(incident_factor, struct factor, REC_FACTOR)
FIND_TYPED(incident_action, struct action, REC_ACTION)
#undef FIND_TYPED

size_t incident_event_pos(const struct incident *inc, struct event *ev)
{
	size_t lo = 0, hi = inc->events_sorted;

	if (ev->e.index < inc->nevents && inc->events[ev->e.index] == ev)
		return ev->e.index;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = event_cmp(&inc->events[mid], &ev);

		if (c == 0)
			return ev->e.index = mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* not sorted in yet (incident_sort was not called): look */
	for (size_t i = 0; i < inc->nevents; i++)
		if (inc->events[i] == ev)
			return ev->e.index = i;
	return inc->nevents;
}

size_t incident_count_events(const struct incident *inc)
{
	return inc->nlive;
}

/* ---- markers ---- */

static void warn(struct durations *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct durations *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (d->nwarnings == ARRAY_SIZE(d->warnings))
		return;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	d->warnings[d->nwarnings++] = sb_detach(&sb);
}

void incident_durations(const struct incident *inc, struct durations *d)
{
	ms_t first = -1, last = -1;
	ms_t *slot[MARKER_COUNT] = { NULL, &d->started, &d->detected, &d->mitigated, &d->resolved };
	size_t count[MARKER_COUNT] = { 0 };
	enum incident_status st = inc->info.status;

	memset(d, 0, sizeof(*d));
	d->started = d->detected = d->mitigated = d->resolved = -1;
	if (inc->events_sorted == inc->nevents && !inc->events_moved) {
		/* in order: the first and last live events are near the ends,
		 * and the markers are on the few events in inc->marked - the
		 * cost does not grow with the incident */
		for (size_t i = 0; i < inc->nevents && first < 0; i++)
			if (!inc->events[i]->deleted)
				first = inc->events[i]->at;
		for (size_t i = inc->nevents; i-- > 0 && last < 0;)
			if (!inc->events[i]->deleted)
				last = inc->events[i]->at;
		for (size_t i = 0; i < inc->nmarked; i++) {
			const struct event *ev = inc->marked[i];

			if (!ev->e.created || ev->deleted || ev->marker == MARKER_NONE)
				continue;
			count[ev->marker]++;
			if (*slot[ev->marker] < 0 || ev->at < *slot[ev->marker])
				*slot[ev->marker] = ev->at;
		}
	} else {
		for (size_t i = 0; i < inc->nevents; i++) {
			const struct event *ev = inc->events[i];

			if (ev->deleted)
				continue;
			if (first < 0 || ev->at < first)
				first = ev->at;
			if (ev->at > last)
				last = ev->at;
			if (ev->marker != MARKER_NONE)
				count[ev->marker]++;
			if (ev->marker != MARKER_NONE && (*slot[ev->marker] < 0 || ev->at < *slot[ev->marker]))
				*slot[ev->marker] = ev->at;
		}
	}
	d->to_detect = d->started >= 0 && d->detected >= 0 ? d->detected - d->started : -1;
	d->to_mitigate = d->started >= 0 && d->mitigated >= 0 ? d->mitigated - d->started : -1;
	d->to_resolve = d->started >= 0 && d->resolved >= 0 ? d->resolved - d->started : -1;
	d->begin = d->started >= 0 ? d->started : d->detected >= 0 ? d->detected
		 : first >= 0 ? first : inc->info.created;
	d->end = d->resolved >= 0 ? d->resolved : last;

	/* each marker must not come before the ones it follows */
	for (int m = MARKER_DETECTED; m < MARKER_COUNT; m++) {
		if (*slot[m] < 0)
			continue;
		for (int p = MARKER_STARTED; p < m; p++)
			if (*slot[p] > *slot[m])
				warn(d, "marker \"%s\" comes before \"%s\"",
				     marker_names.names[m], marker_names.names[p]);
	}
	/* one event per marker: a second "detected" is a mistake or a
	 * second incident, and only the earliest one counts */
	for (int m = MARKER_STARTED; m < MARKER_COUNT; m++)
		if (count[m] > 1)
			warn(d, "%zu events are marked \"%s\": the earliest counts", count[m],
			     marker_names.names[m]);
	if (d->started < 0 && (d->detected >= 0 || d->mitigated >= 0 || d->resolved >= 0))
		warn(d, "no event is marked \"started\": time to detect, mitigate and resolve are unknown");
	if (st >= STATUS_MITIGATED && d->mitigated < 0)
		warn(d, "the incident is %s but no event is marked \"mitigated\"",
		     incident_status_names.names[st]);
	if (st >= STATUS_RESOLVED && d->resolved < 0)
		warn(d, "the incident is %s but no event is marked \"resolved\"",
		     incident_status_names.names[st]);
	if (st < STATUS_RESOLVED && d->resolved >= 0)
		warn(d, "an event is marked \"resolved\" but the status is %s: set it in the summary",
		     incident_status_names.names[st]);
	if (d->detected < 0 && (st >= STATUS_MITIGATED || d->mitigated >= 0 || d->resolved >= 0))
		warn(d, "no event is marked \"detected\"");
}

void durations_free(struct durations *d)
{
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	d->nwarnings = 0;
}

/* ---- coverage ---- */

struct gap *incident_coverage(const struct incident *inc, size_t *n)
{
	struct gap *gaps = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t i = 0; i < inc->nfactors; i++) {
		const struct factor *f = inc->factors[i];
		bool covered = f->no_action && f->no_action[0];

		if (f->deleted)
			continue;
		for (size_t j = 0; j < inc->nactions && !covered; j++) {
			const struct action *a = inc->actions[j];

			if (a->deleted || !a->factors)
				continue;
			for (size_t k = 0; k < a->factors->n; k++)
				if (!strcmp(a->factors->v[k], f->e.id))
					covered = true;
		}
		if (!covered)
			PUSH(gaps, *n, cap, ((struct gap){ REC_FACTOR, f->e.id, f->title }));
	}
	for (size_t j = 0; j < inc->nactions; j++) {
		const struct action *a = inc->actions[j];
		bool any = false;

		if (a->deleted)
			continue;
		for (size_t k = 0; a->factors && k < a->factors->n && !any; k++) {
			const struct factor *f = incident_factor(inc, a->factors->v[k]);

			any = f && !f->deleted;
		}
		if (!any)
			PUSH(gaps, *n, cap, ((struct gap){ REC_ACTION, a->e.id, a->title }));
	}
	return gaps;
}
