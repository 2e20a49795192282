/* The incident as data: events, factors, actions and the summary, built
 * by folding change records in order.  Plain structs, no I/O, no curses.
 *
 * Every change anyone makes is a record: which entity (type and id), the
 * revision it was based on, who, when, and the fields it sets.  Records
 * are never changed or removed, so the current state is a fold of them
 * and the earlier versions stay as history. */
#ifndef SCRIBE_MODEL_H
#define SCRIBE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scribe/arena.h"

#include "scribe/clock.h"
#include "scribe/util.h"

/* ---- named enums (X-macros keep the names and the enum in step) ---- */

#define EVENT_KINDS(X) \
	X(KIND_NOTE, "note") \
	X(KIND_DEPLOY, "deploy") \
	X(KIND_CONFIG, "config") \
	X(KIND_DISCOVERY, "discovery") \
	X(KIND_COMMS, "comms") \
	X(KIND_ACTION, "action")

#define MARKERS(X) \
	X(MARKER_NONE, "none") \
	X(MARKER_STARTED, "started") \
	X(MARKER_DETECTED, "detected") \
	X(MARKER_MITIGATED, "mitigated") \
	X(MARKER_RESOLVED, "resolved")

#define INCIDENT_STATUSES(X) \
	X(STATUS_ACTIVE, "active") \
	X(STATUS_MITIGATED, "mitigated") \
	X(STATUS_RESOLVED, "resolved") \
	X(STATUS_REVIEWED, "reviewed")

#define ACTION_TYPES(X) \
	X(ATYPE_PREVENT, "prevent") \
	X(ATYPE_MITIGATE, "mitigate") \
	X(ATYPE_DETECT, "detect") \
	X(ATYPE_PROCESS, "process")

#define ACTION_STATUSES(X) \
	X(ASTATUS_OPEN, "open") \
	X(ASTATUS_DOING, "doing") \
	X(ASTATUS_DONE, "done") \
	X(ASTATUS_WONTFIX, "wontfix")

#define PRIORITIES(X) \
	X(PRIO_P0, "P0") \
	X(PRIO_P1, "P1") \
	X(PRIO_P2, "P2") \
	X(PRIO_P3, "P3")

#define ENUM_MEMBER(name, str) name,
enum kind { EVENT_KINDS(ENUM_MEMBER) KIND_COUNT };
enum marker { MARKERS(ENUM_MEMBER) MARKER_COUNT };
enum incident_status { INCIDENT_STATUSES(ENUM_MEMBER) STATUS_COUNT };
enum action_type { ACTION_TYPES(ENUM_MEMBER) ATYPE_COUNT };
enum action_status { ACTION_STATUSES(ENUM_MEMBER) ASTATUS_COUNT };
enum priority { PRIORITIES(ENUM_MEMBER) PRIO_COUNT };
#undef ENUM_MEMBER

/* A table of names for one enum: names[i] is the name of value i. */
struct enum_names {
	const char *what;	/* "kind", "marker", ... for messages */
	const char *const *names;
	int count;
};

extern const struct enum_names kind_names, marker_names, incident_status_names,
	action_type_names, action_status_names, priority_names;

/* The name of value v, or "?" when out of range. */
const char *enum_name(const struct enum_names *t, int v);
/* The value named s (exact, lowercase; priorities also accept "p1" and
 * "1"), or -1. */
int enum_parse(const struct enum_names *t, const char *s);
/* "deploy, config, discovery, ..." for messages; static storage. */
const char *enum_list(const struct enum_names *t);

#define DEFAULT_CATEGORIES "trigger", "technical", "process", "communication", "external"

/* ---- records ---- */

#define RECORD_TYPES(X) \
	X(REC_INCIDENT, "incident") \
	X(REC_EVENT, "event") \
	X(REC_FACTOR, "factor") \
	X(REC_ACTION, "action") \
	X(REC_VOTE, "vote") \
	X(REC_COMMENT, "comment")

#define ENUM_MEMBER(name, str) name,
enum rec_type { RECORD_TYPES(ENUM_MEMBER) REC_COUNT };
#undef ENUM_MEMBER
extern const struct enum_names rec_type_names;

/* Value types of fields. */
enum ftype {
	FT_TEXT,	/* a string, may hold newlines */
	FT_LINE,	/* a one-line string */
	FT_TIME,	/* RFC 3339 in the file, ms_t in memory */
	FT_INT,		/* a whole number within the field's range */
	FT_BOOL,
	FT_ENUM,	/* one of the names of the field's enum_names */
	FT_DATE,	/* "YYYY-MM-DD" */
	FT_IDS,		/* a sequence of entity ids */
	FT_ORDER,	/* a number (double) for manual ordering */
};

/* Every field any record may set.  (id, name, type, enum table or NULL,
 * min, max for ints).  Which record types may use which field is in the
 * table in model.c. */
#define FIELDS(X) \
	X(F_TITLE, "title", FT_LINE) \
	X(F_SEVERITY, "severity", FT_INT) \
	X(F_STATUS, "status", FT_ENUM) \
	X(F_CREATED, "created", FT_TIME) \
	X(F_IMPACT, "impact", FT_TEXT) \
	X(F_APOLOGY, "apology", FT_TEXT) \
	X(F_HAPPENED, "what_happened", FT_TEXT) \
	X(F_WENT_WELL, "went_well", FT_TEXT) \
	X(F_LUCKY, "lucky", FT_TEXT) \
	X(F_AT, "at", FT_TIME) \
	X(F_TYPED, "typed", FT_TIME) \
	X(F_LOGGED, "logged", FT_TIME) \
	X(F_BY, "by", FT_LINE) \
	X(F_KIND, "kind", FT_ENUM) \
	X(F_TEXT, "text", FT_TEXT) \
	X(F_MARKER, "marker", FT_ENUM) \
	X(F_STAR, "star", FT_BOOL) \
	X(F_CAUSAL, "causal", FT_BOOL) \
	X(F_DELETED, "deleted", FT_BOOL) \
	X(F_CATEGORY, "category", FT_LINE) \
	X(F_DESCRIPTION, "description", FT_TEXT) \
	X(F_EVENTS, "events", FT_IDS) \
	X(F_NO_ACTION, "no_action", FT_TEXT) \
	X(F_ORDER, "order", FT_ORDER) \
	X(F_TYPE, "type", FT_ENUM) \
	X(F_OWNER, "owner", FT_LINE) \
	X(F_DUE, "due", FT_DATE) \
	X(F_REASON, "reason", FT_TEXT) \
	X(F_PRIORITY, "priority", FT_ENUM) \
	X(F_FACTORS, "factors", FT_IDS) \
	X(F_UP, "up", FT_BOOL) \
	X(F_INTERNAL, "internal", FT_BOOL) \
	X(F_REF, "ref", FT_LINE) \
	X(F_IMPORTED_BY, "imported_by", FT_LINE) \
	X(F_SOURCE, "source", FT_LINE)

#define ENUM_MEMBER(name, str, type) name,
enum field_id { FIELDS(ENUM_MEMBER) F_COUNT };
#undef ENUM_MEMBER

/* The name of a field as written in files. */
const char *field_name(enum field_id f);
/* The field called name that records of type t may set, or -1. */
int field_lookup(enum rec_type t, const char *name);
/* The same for the n bytes at name (no NUL needed), looking from field
 * from on (0 to F_COUNT - 1: where the next is likely to be). */
int field_lookup_n(enum rec_type t, const char *name, size_t n, int from);
/* The field that records of type t may set whose name is at p, followed
 * by ':' (before end): looking from field from on, as field_lookup_n;
 * the field and in *len its name's length, or -1. */
int field_key(enum rec_type t, const char *p, const char *end, int from, size_t *len);
/* The value type of field f when set by a record of type t, and for
 * FT_ENUM its names. */
enum ftype field_type(enum field_id f);
const struct enum_names *field_enum(enum rec_type t, enum field_id f);
/* Bounds for FT_INT fields. */
void field_int_range(enum field_id f, long *min, long *max);

struct ids {
	char **v;
	size_t n;
};

struct value {
	enum field_id field;
	union {
		char *s;	/* FT_TEXT, FT_LINE, FT_DATE */
		ms_t t;		/* FT_TIME */
		long i;		/* FT_INT, FT_ENUM */
		bool b;		/* FT_BOOL */
		double d;	/* FT_ORDER */
		struct ids *ids;	/* FT_IDS */
	} u;
};

#define REV_LEN 16	/* "r" + 12 random characters + NUL, with room */
#define ID_LEN 64	/* entity ids: "e..."; incident ids may be longer */

/* One change.  A record owns its strings.  rev is unique; base names the
 * revision of the entity this change was made from (empty for the record
 * that creates it).  This is a record as read or made; once folded into
 * an incident it is freed, and the incident keeps a stamp of it (below). */
struct record {
	enum rec_type type : 8;
	uint8_t nvalues;	/* at most F_COUNT: a field set twice is replaced */
	char *id;		/* at most ID_LEN - 1 characters */
	char rev[REV_LEN];
	char base[REV_LEN];
	ms_t time;		/* when it was saved */
	char *author;
	char *account;		/* the login account that wrote it (NULL in
				 * records older than the "account" key) */
	struct value *values;	/* nvalues of them */
	uint64_t mask;		/* bit per field set */
	/* where it came from, for messages (file is shared, not owned) */
	const char *file;
	int line, col;
	struct arena *pool;	/* NULL, or where it and its strings live
				 * (record_new_in): record_free leaves it */
	uint64_t idhash;	/* incident_id_hash(id) when a reader worked it
				 * out ahead (on another thread), else 0 */
};

/* A revision as the incident keeps it, in 8 bytes: one that scribe made
 * ("r" and 12 characters of random_id's alphabet) is packed, so that
 * packed ones compare as their text does; any other is a pointer to a
 * copy in the incident's arena; 0: none. */
typedef uint64_t rev_t;
#define REV_PACKED (UINT64_C(1) << 63)

/* The text of rev: written in buf (REV_LEN bytes) or where it is kept;
 * "" for none. */
const char *rev_text(rev_t rev, char *buf);
/* The text of stamp s's rev, in a buffer of the enclosing block. */
#define STAMP_REV(s) rev_text((s)->rev, (char[REV_LEN]){ 0 })
/* strcmp's order of the texts of a and b. */
int rev_cmp(rev_t a, rev_t b);

/* What an incident keeps of a record it has folded: who, when, which
 * revision, where, and which fields it set - not the values (the state
 * has its own copies of those that win, and history is read back from
 * the files).  Its names are shared with the other stamps, and it lives
 * in the incident's arena: an entity's first record, when nothing came
 * before it and it was made from nothing, is kept inside the entity
 * (most entities have no other), the others in the entity's tree. */
struct stamp {
	ms_t time;
	rev_t rev;		/* rev_text() */
	uint32_t mask;		/* the fields set, packed: stamp_fields() */
	/* who and where, as numbers in the incident's tables of names and
	 * files: stamp_author(), stamp_account() and stamp_file() */
	uint32_t author, account, file;
	int line;
	uint16_t col;		/* at most UINT16_MAX: one further right says that */
	enum rec_type type : 8;
	bool conflict : 1;	/* made from a base that a record since then
				 * changed in a field this one changes too */
	bool node : 1;		/* in an entity's tree (else inside the entity) */
};

struct record *record_new(enum rec_type type, const char *id, const char *author, ms_t time);
/* The same in pool (when not NULL): the record, its strings and those
 * set on it later live there, and go when the pool is freed, not one by
 * one (a reader on another thread fills a pool per piece of a journal). */
struct record *record_new_in(struct arena *pool, enum rec_type type, const char *id, const char *author,
			     ms_t time);
/* A copy of s that lives as long as r (for its account, say). */
char *record_strdup(struct record *r, const char *s);
/* A copy of r that owns its strings (r may be in a pool). */
struct record *record_copy(const struct record *r);
/* Frees r and its strings; one in a pool is left to its pool. */
void record_free(struct record *r);
/* Setting a field twice replaces the earlier value. */
void record_set_str(struct record *r, enum field_id f, const char *s);
/* The n bytes at s (no NUL among them, none needed after). */
void record_set_strn(struct record *r, enum field_id f, const char *s, size_t n);
void record_set_time(struct record *r, enum field_id f, ms_t t);
void record_set_int(struct record *r, enum field_id f, long i);
void record_set_bool(struct record *r, enum field_id f, bool b);
void record_set_order(struct record *r, enum field_id f, double d);
void record_set_ids(struct record *r, enum field_id f, const char *const *ids, size_t n);
/* The value of field f in r, or NULL. */
const struct value *record_get(const struct record *r, enum field_id f);

/* ---- entities ---- */

struct rnode;

/* What all entities share: the stamps of their records.  The first, made
 * from nothing, is kept in lone while it is the only one; from the second
 * on, all of them are in a balanced tree in (time, rev) order, so that a
 * record arriving out of order costs O(log n) and not a refold. */
struct entity {
	enum rec_type type : 8;
	bool created;		/* some record set its creating fields */
	bool tree;		/* its records are in the tree at root (else
				 * lone holds the only one, if any) */
	uint32_t index;		/* a hint: where it last was in its list (for
				 * events, incident.events: incident_event_pos
				 * is the truth) */
	char *id;
	union {
		struct stamp lone;	/* without tree; rev 0: none yet */
		struct rnode *root;	/* with tree */
	};
};

/* How many records e has. */
size_t entity_nrecs(const struct entity *e);
/* How many of e's records changed a field that another record had
 * changed since their base. */
unsigned entity_conflicts(const struct entity *e);
/* e's first and last records in (time, rev) order, or NULL before any:
 * O(log n). */
const struct stamp *entity_first(const struct entity *e);
const struct stamp *entity_last(const struct entity *e);

/* The rev of e's last record (what a change to it is based on), written
 * in buf (REV_LEN bytes) or where it is kept, or NULL before any. */
static inline const char *entity_head(const struct entity *e, char *buf)
{
	const struct stamp *l = entity_last(e);

	return l ? rev_text(l->rev, buf) : NULL;
}

/* The time of e's last record, or 0 before any. */
static inline ms_t entity_updated(const struct entity *e)
{
	const struct stamp *l = entity_last(e);

	return l ? l->time : 0;
}

/* The records of e in (time, rev) order: a malloc'd array of entity_nrecs(e)
 * pointers (the caller frees the array, not the records).  O(n). */
const struct stamp **entity_records(const struct entity *e);
/* The i-th record of e in that order (i < entity_nrecs(e)), O(log n). */
const struct stamp *entity_rec(const struct entity *e, size_t i);
/* Who wrote the record (its author, and the account that wrote it, NULL
 * in records older than "account") and in which file. */
struct incident;
const char *stamp_author(const struct incident *inc, const struct stamp *s);
const char *stamp_account(const struct incident *inc, const struct stamp *s);
const char *stamp_file(const struct incident *inc, const struct stamp *s);
/* The fields s's record set: a bit per field. */
uint64_t stamp_fields(const struct stamp *s);
/* The entity a stamp is a record of. */
struct entity *stamp_entity(const struct stamp *s);
/* The record s was made from, once it has come and is of the same
 * entity; else NULL. */
const struct stamp *stamp_base(const struct stamp *s);

/* Where an imported event came from (few events are). */
struct imported {
	const char *by;		/* who brought it in, or NULL */
	const char *source;	/* where from: "FORMAT:NAME", or NULL */
};

/* An event in 88 bytes: its time and its flags share 8 (a time of 1970
 * to 9999 needs 49 bits), and when it was logged is kept as its distance
 * from when it was typed (event_logged). */
struct event {
	struct entity e;
	ms_t at : 49;
	enum kind kind : 3;
	enum marker marker : 3;
	unsigned texts : 2;	/* records that set its text, time or kind,
				 * up to 2: more than one means edited */
	bool star : 1, causal : 1, deleted : 1;
	bool internal : 1;	/* left out of the public report */
	bool marked : 1;	/* in incident.marked */
	bool moving : 1;	/* in incident.moving */
	bool imported : 1;	/* brought in from a log or chat: event_imported */
	ms_t typed;
	const char *text;	/* in the incident's arena, like every string here */
	uint32_t by;		/* who it names: event_by() */
	int32_t logged_typed;	/* logged - typed, in ms: event_logged() */
};

/* When ev was logged: the time its first record was saved (0: not said). */
struct incident;
ms_t event_logged(const struct incident *inc, const struct event *ev);

/* Who ev names as its author ("by"), or NULL. */
const char *event_by(const struct incident *inc, const struct event *ev);
/* Where ev came from when it was imported (ev->imported), else NULL. */
const struct imported *event_imported(const struct incident *inc, const struct event *ev);

struct factor {
	struct entity e;
	const char *title, *category, *description, *by, *no_action;
	const struct ids *events;
	double order;
	bool deleted;
};

struct vote {
	const char *voter;	/* who it counts for: the account, or the
				 * author of a record without one */
	const char *author;	/* the name on the latest vote */
	bool up;
	ms_t time;
	rev_t rev;
};

struct action {
	struct entity e;
	const char *title, *owner, *due, *reason, *by;
	const char *ref;	/* the tracker's reference once filed: "PROJ-123" */
	enum action_type type;
	enum action_status status;
	enum priority priority;
	const struct ids *factors;
	double order;
	bool deleted;
	struct vote *votes;	/* one per author, the latest, in the order
				 * their first votes arrived */
	size_t nvotes, capvotes;
	struct voters *voters;	/* author -> vote, for many votes */
	int nup;		/* votes up */
};

struct incident_fields {
	struct entity e;
	const char *title, *impact, *apology, *happened, *went_well, *lucky, *by;
	int severity;
	enum incident_status status;
	ms_t created;
};

struct entity_map;
struct voters;
struct discussion;

struct incident {
	char *id;
	struct incident_fields info;
	/* live events (deleted ones included, flagged) in timeline order:
	 * by at, then typed, then id */
	struct event **events;
	size_t nevents, capevents;
	struct factor **factors;	/* in board order: category, order, id */
	size_t nfactors, capfactors;
	struct action **actions;	/* in list order: priority, votes, order */
	size_t nactions, capactions;
	struct entity_map *map;	/* id -> entity */
	struct stamp **recs;	/* every record, in arrival order (comments
				 * aside: those are in talk) */
	size_t nrecs, caprecs;
	bool dirty_factors, dirty_actions;
	bool events_moved;	/* an event changed place since the last sort */
	struct event **moving;	/* the events whose time changed since then */
	size_t nmoving, capmoving;
	size_t events_sorted;	/* events[0..events_sorted) are in order */
	size_t nlive;		/* events listed and not deleted */
	struct event **marked;	/* events that have had a marker: few */
	size_t nmarked, capmarked;
	char **categories;	/* board columns: configured, then any others */
	size_t ncategories;
	uint64_t generation;	/* bumped on every change, for redraws */
	ms_t newest;		/* the time of the newest record read: the
				 * incident's last activity */
	unsigned conflicts;	/* conflicts found so far, all entities */
	struct entity *last_conflict;	/* where the latest one was */
	struct discussion *talk;	/* comments on cards (discussion.h) */
};

/* A new empty incident called id (no records yet). */
struct incident *incident_new(const char *id);
void incident_free(struct incident *inc);
/* Makes room for about n more entries (a hint, at most 2^24), so that
 * reading a large incident does not stop to grow its index of ids, which
 * takes time in proportion to what is in it. */
void incident_reserve(struct incident *inc, size_t n);
/* Sets the board columns (the configured categories, in order). */
void incident_set_categories(struct incident *inc, const char *const *cats, size_t n);

/* Takes ownership of r and folds it into the state: r is freed (the
 * incident keeps a compact copy), so the caller must not use it after.  Records may come in
 * any order; the fold orders each entity's records by (time, rev).
 * Returns the entity it changed (for a comment: the entity it is on, or
 * the incident's when that is not known yet).  A record whose rev is already known is
 * freed and ignored (returns NULL, *why NULL); a record that cannot
 * apply (an id used for another type, another incident's id) is freed
 * and NULL returned with *why saying so. */
struct entity *incident_apply(struct incident *inc, struct record *r, const char **why);

/* The hash of id that incidents look entries up by (any thread may
 * work it out, once an incident exists): a reader sets record.idhash. */
uint64_t incident_id_hash(const char *id);
/* Asks the processor for the part of inc's index where r's entry is
 * (r->idhash set), a few records before r is folded, so that folding it
 * does not wait for memory. */
void incident_prefetch(const struct incident *inc, const struct record *r);

/* Puts new or moved events in timeline order and re-sorts the factor
 * board and the action list if records changed them since the last call
 * (cheap when nothing did).  New events are sorted among themselves and
 * merged in, so reading a large incident chunk by chunk costs each chunk
 * its own size plus a memmove, not a sort of everything. */
void incident_sort(struct incident *inc);

/* Where ev is in inc->events (which incident_sort has put in order):
 * its index hint when still right, else a binary search, O(log n). */
size_t incident_event_pos(const struct incident *inc, struct event *ev);

/* Timeline order of two struct event * (a qsort comparator): by at,
 * then typed, then id. */
int event_cmp(const void *pa, const void *pb);

struct entity *incident_find(const struct incident *inc, const char *id);
struct event *incident_event(const struct incident *inc, const char *id);
struct factor *incident_factor(const struct incident *inc, const char *id);
struct action *incident_action(const struct incident *inc, const char *id);

/* Whether the event's text, time or kind was changed after it was
 * made. */
static inline bool event_edited(const struct event *ev)
{
	return ev->texts > 1;
}

/* Who wrote the records folded so far (their authors), each once, in
 * the order they first came; an empty author is left out.  *n of them
 * (the array may be NULL when there are none). */
const char *const *incident_authors(const struct incident *inc, size_t *n);

/* Events, factors and actions that exist and are not deleted. */
size_t incident_count_events(const struct incident *inc);


/* ---- what the markers say ---- */

struct durations {
	ms_t started, detected, mitigated, resolved;	/* -1 when missing */
	ms_t to_detect, to_mitigate, to_resolve;	/* -1 when unknown */
	ms_t begin;	/* impact start, else detection, else first event, else created */
	ms_t end;	/* resolution, else last event */
	char *warnings[16];	/* markers out of order, twice or missing; owned */
	size_t nwarnings;
};

/* Reads the markers of live events: for each marker its earliest event.
 * The incident's status tells which are expected: a resolved or
 * reviewed incident without "resolved" is flagged, and so on. */
void incident_durations(const struct incident *inc, struct durations *d);
void durations_free(struct durations *d);

/* ---- coverage of factors by actions ---- */

struct gap {
	enum rec_type type;	/* REC_FACTOR or REC_ACTION */
	const char *id, *title;
};

/* Factors with no live action and no "no_action" reason, and live
 * actions that address no factor.  Returns a malloc'd array. */
struct gap *incident_coverage(const struct incident *inc, size_t *n);

#endif
