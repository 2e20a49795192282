#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "scribe/discussion.h"
#include "scribe/edit.h"

/* The base of the edit under way (edit_from), and whether the last
 * change was based on it: one edit at a time, as there is one user. */
static struct edit_base from;
static bool from_used;

void edit_base_take(struct edit_base *b, const struct entity *ent)
{
	char buf[REV_LEN];

	memset(b, 0, sizeof(*b));
	if (!ent || !entity_head(ent, buf))
		return;
	b->type = ent->type;
	snprintf(b->id, sizeof(b->id), "%s", ent->id);
	snprintf(b->rev, sizeof(b->rev), "%s", entity_head(ent, buf));
}

void edit_from(const struct edit_base *b)
{
	if (b)
		from = *b;
	else
		memset(&from, 0, sizeof(from));
}

/* A record changing entity e (NULL: a new one with a fresh id). */
static struct record *change(enum rec_type type, const struct entity *ent, const char *new_id)
{
	struct record *r = record_new(type, ent ? ent->id : new_id, store_author(), clock_now());
	char buf[REV_LEN];

	from_used = false;
	if (ent && entity_head(ent, buf)) {
		snprintf(r->base, sizeof(r->base), "%s", entity_head(ent, buf));
		if (from.rev[0] && from.type == ent->type && !strcmp(from.id, ent->id)) {
			/* the revision the user began from: once */
			snprintf(r->base, sizeof(r->base), "%s", from.rev);
			from_used = true;
			from.rev[0] = '\0';
		}
		/* a change sorts after what it changed, even with clocks apart */
		if (r->time <= entity_updated(ent))
			r->time = entity_updated(ent) + 1;
	}
	return r;
}

/* Saves r; reports a conflict the fold found, after the save. */
static int commit(struct store *s, struct incident *inc, struct record *r, const struct entity *ent,
		  struct error *e)
{
	unsigned before = ent ? entity_conflicts(ent) : 0;
	int rc = store_commit(s, inc, r, e);

	if (rc) {
		record_free(r);
		return rc;
	}
	incident_sort(inc);
	if (ent && entity_conflicts(ent) > before)
		return error_set(e, EXIT_CONFLICT, from_used
				 ? "someone else changed this while you were editing it; both versions are kept "
				   "(see its history)"
				 : "someone else changed this at the same time; both versions are in its history");
	return 0;
}

static int not_found(struct error *e, const char *what, const char *id)
{
	return error_set(e, EXIT_NOINPUT, "no %s \"%s\" in this incident", what, id);
}

#define FIND(var, fn, what) \
	var = fn(inc, id); \
	if (!var) \
		return not_found(e, what, id)

/* ---- events ---- */

int edit_event_add(struct store *s, struct incident *inc, const struct event_new *ev, char *id,
		   struct error *e)
{
	struct record *r;
	char nid[EDIT_ID_LEN];
	ms_t now = clock_now();

	if (ev->id)
		snprintf(nid, sizeof(nid), "%s", ev->id);
	else
		random_id(nid, "e", 10);
	r = change(REC_EVENT, NULL, nid);
	if (ev->rev)
		snprintf(r->rev, sizeof(r->rev), "%s", ev->rev);
	record_set_time(r, F_AT, ev->at);
	record_set_time(r, F_TYPED, ev->typed);
	record_set_time(r, F_LOGGED, ev->logged >= 0 ? ev->logged : now);
	record_set_str(r, F_BY, ev->by ? ev->by : store_author());
	record_set_int(r, F_KIND, ev->kind);
	record_set_str(r, F_TEXT, ev->text ? ev->text : "");
	if (ev->marker != MARKER_NONE)
		record_set_int(r, F_MARKER, ev->marker);
	if (ev->star)
		record_set_bool(r, F_STAR, true);
	if (ev->causal)
		record_set_bool(r, F_CAUSAL, true);
	if (ev->internal)
		record_set_bool(r, F_INTERNAL, true);
	if (id)
		strcpy(id, nid);
	return commit(s, inc, r, NULL, e);
}

static int event_change(struct store *s, struct incident *inc, const char *id, struct record **out,
			struct event **ev, struct error *e)
{
	FIND(*ev, incident_event, "event");
	*out = change(REC_EVENT, &(*ev)->e, NULL);
	return 0;
}

#define EVENT_SETTER(fn, argtype, setter, field) \
	int fn(struct store *s, struct incident *inc, const char *id, argtype v, struct error *e) \
	{ \
		struct record *r = NULL; \
		struct event *ev = NULL; \
		int rc = event_change(s, inc, id, &r, &ev, e); \
		if (rc) \
			return rc; \
		setter(r, field, v); \
		return commit(s, inc, r, &ev->e, e); \
	}
EVENT_SETTER(edit_event_text, const char *, record_set_str, F_TEXT)
EVENT_SETTER(edit_event_at, ms_t, record_set_time, F_AT)
EVENT_SETTER(edit_event_kind, enum kind, record_set_int, F_KIND)
EVENT_SETTER(edit_event_marker, enum marker, record_set_int, F_MARKER)
EVENT_SETTER(edit_event_star, bool, record_set_bool, F_STAR)
EVENT_SETTER(edit_event_causal, bool, record_set_bool, F_CAUSAL)
EVENT_SETTER(edit_event_internal, bool, record_set_bool, F_INTERNAL)
EVENT_SETTER(edit_event_delete, bool, record_set_bool, F_DELETED)
#undef EVENT_SETTER

/* ---- summary ---- */

int edit_incident_text(struct store *s, struct incident *inc, enum field_id f, const char *text,
		       struct error *e)
{
	struct record *r;

	if (field_lookup(REC_INCIDENT, field_name(f)) < 0 ||
	    (field_type(f) != FT_TEXT && field_type(f) != FT_LINE))
		return error_set(e, EXIT_SOFTWARE, "not a summary text field: %s", field_name(f));
	if (f == F_TITLE && (!text[0] || strchr(text, '\n')))
		return error_set(e, EXIT_USAGE, "a title is one line, not empty");
	r = change(REC_INCIDENT, &inc->info.e, NULL);
	record_set_str(r, f, text);
	return commit(s, inc, r, &inc->info.e, e);
}

int edit_incident_severity(struct store *s, struct incident *inc, int severity, struct error *e)
{
	struct record *r;

	if (severity < 1 || severity > 4)
		return error_set(e, EXIT_USAGE, "severity is 1 (worst) to 4");
	r = change(REC_INCIDENT, &inc->info.e, NULL);
	record_set_int(r, F_SEVERITY, severity);
	return commit(s, inc, r, &inc->info.e, e);
}

int edit_incident_status(struct store *s, struct incident *inc, enum incident_status st,
			 struct error *e)
{
	struct record *r = change(REC_INCIDENT, &inc->info.e, NULL);

	record_set_int(r, F_STATUS, st);
	return commit(s, inc, r, &inc->info.e, e);
}

/* ---- ordering helpers ---- */

#define ORDER_STEP 1024.0

/* A manual order value after every factor's (any column: a moved card
 * lands at the end of its new column). */
static double factor_order_last(const struct incident *inc)
{
	double max = 0;

	for (size_t i = 0; i < inc->nfactors; i++)
		if (inc->factors[i]->order > max)
			max = inc->factors[i]->order;
	return max + ORDER_STEP;
}

static double action_order_last(const struct incident *inc)
{
	double max = 0;

	for (size_t i = 0; i < inc->nactions; i++)
		if (inc->actions[i]->order > max)
			max = inc->actions[i]->order;
	return max + ORDER_STEP;
}

static bool same_column(const struct factor *a, const struct factor *b)
{
	return !a->deleted && !b->deleted && !strcmp(a->category, b->category);
}

static bool same_rank(const struct action *a, const struct action *b)
{
	return !a->deleted && !b->deleted && a->priority == b->priority && a->nup == b->nup;
}

/* Moves the item at pos of a group (a column, a priority) one place in
 * direction dir.  ents[0..n) are the group's entities in the order shown.
 * Usually one record: the item's new order lies halfway between the
 * neighbour it passes and the one beyond.  When there is no room between
 * them (equal values: items saved at the same moment), the whole group
 * is numbered afresh, one record per item that changes.  Returns 0 when
 * already at that end. */
static int order_move(struct store *s, struct incident *inc, struct entity **ents, const double *v,
		      size_t n, size_t pos, int dir, struct error *e)
{
	size_t j = pos + (size_t)dir, k = j + (size_t)dir;
	int rc = 0;

	if (j >= n)
		return 0;
	if (k >= n || v[k] != v[j]) {
		double mid = k < n ? (v[j] + v[k]) / 2 : v[j] + dir * ORDER_STEP;

		if (mid != v[j] && mid != v[k < n ? k : j]) {
			struct record *r = change(ents[pos]->type, ents[pos], NULL);

			record_set_order(r, F_ORDER, mid);
			return commit(s, inc, r, ents[pos], e);
		}
	}
	for (size_t i = 0; i < n && (!rc || rc == EXIT_CONFLICT); i++) {
		/* the place of ents[i] once pos and j have swapped */
		size_t place = i == pos ? j : i == j ? pos : i;
		double want = (double)(place + 1) * ORDER_STEP;

		if (want != v[i]) {
			struct record *r = change(ents[i]->type, ents[i], NULL);

			record_set_order(r, F_ORDER, want);
			rc = commit(s, inc, r, ents[i], e);
		}
	}
	return rc;
}

/* ---- factors ---- */

static bool valid_line(const char *s)
{
	return s && s[0] && !strchr(s, '\n');
}

int edit_factor_add(struct store *s, struct incident *inc, const char *title, const char *category,
		    const char *description, char *id, struct error *e)
{
	char nid[EDIT_ID_LEN];
	struct record *r;

	if (!valid_line(title))
		return error_set(e, EXIT_USAGE, "a factor needs a title (one line)");
	if (category && (!category[0] || strchr(category, '\n')))
		return error_set(e, EXIT_USAGE, "a category is one word");
	random_id(nid, "f", 10);
	r = change(REC_FACTOR, NULL, nid);
	record_set_str(r, F_TITLE, title);
	record_set_str(r, F_CATEGORY, category ? category
		       : inc->ncategories ? inc->categories[0] : "trigger");
	record_set_str(r, F_DESCRIPTION, description ? description : "");
	record_set_ids(r, F_EVENTS, NULL, 0);
	record_set_str(r, F_BY, store_author());
	record_set_order(r, F_ORDER, factor_order_last(inc));
	if (id)
		strcpy(id, nid);
	return commit(s, inc, r, NULL, e);
}

int edit_factor_edit(struct store *s, struct incident *inc, const char *id, const char *title,
		     const char *description, struct error *e)
{
	struct factor *f;
	struct record *r;

	FIND(f, incident_factor, "factor");
	if (title && !valid_line(title))
		return error_set(e, EXIT_USAGE, "a factor needs a title (one line)");
	r = change(REC_FACTOR, &f->e, NULL);
	if (title)
		record_set_str(r, F_TITLE, title);
	if (description)
		record_set_str(r, F_DESCRIPTION, description);
	return commit(s, inc, r, &f->e, e);
}

int edit_factor_move(struct store *s, struct incident *inc, const char *id, const char *category,
		     int delta, struct error *e)
{
	struct factor *f;
	struct record *r;
	int dir = delta < 0 ? -1 : 1;

	FIND(f, incident_factor, "factor");
	incident_sort(inc);
	if (category && strcmp(category, f->category)) {
		if (!category[0] || strchr(category, '\n'))
			return error_set(e, EXIT_USAGE, "a category is one word");
		r = change(REC_FACTOR, &f->e, NULL);
		record_set_str(r, F_CATEGORY, category);
		record_set_order(r, F_ORDER, factor_order_last(inc));
		return commit(s, inc, r, &f->e, e);
	}
	if (delta) {
		/* the column as shown, and where f stands in it */
		struct entity **ents = xcalloc(inc->nfactors, sizeof(*ents));
		double *v = xcalloc(inc->nfactors, sizeof(double));
		size_t n = 0, pos = 0;
		int rc;

		for (size_t i = 0; i < inc->nfactors; i++) {
			if (inc->factors[i] == f)
				pos = n;
			if (inc->factors[i] == f || same_column(inc->factors[i], f)) {
				ents[n] = &inc->factors[i]->e;
				v[n++] = inc->factors[i]->order;
			}
		}
		rc = order_move(s, inc, ents, v, n, pos, dir, e);
		free(ents);
		free(v);
		return rc;
	}
	return 0;
}

/* ids with id added or removed; the caller frees the array (not the
 * strings, which stay owned by the record or the caller). */
static const char **ids_with(const struct ids *old, const char *id, bool add, size_t *n)
{
	const char **v = xcalloc((old ? old->n : 0) + 1, sizeof(char *));

	*n = 0;
	for (size_t i = 0; old && i < old->n; i++)
		if (strcmp(old->v[i], id))
			v[(*n)++] = old->v[i];
	if (add)
		v[(*n)++] = id;
	return v;
}

int edit_factor_link(struct store *s, struct incident *inc, const char *id, const char *event_id,
		     bool link, struct error *e)
{
	struct factor *f;
	struct record *r;
	const char **v;
	size_t n;

	FIND(f, incident_factor, "factor");
	if (link && !incident_event(inc, event_id))
		return not_found(e, "event", event_id);
	v = ids_with(f->events, event_id, link, &n);
	r = change(REC_FACTOR, &f->e, NULL);
	record_set_ids(r, F_EVENTS, v, n);
	free(v);
	return commit(s, inc, r, &f->e, e);
}

int edit_factor_no_action(struct store *s, struct incident *inc, const char *id,
			  const char *reason, struct error *e)
{
	struct factor *f;
	struct record *r;

	FIND(f, incident_factor, "factor");
	r = change(REC_FACTOR, &f->e, NULL);
	record_set_str(r, F_NO_ACTION, reason ? reason : "");
	return commit(s, inc, r, &f->e, e);
}

int edit_factor_delete(struct store *s, struct incident *inc, const char *id, bool deleted,
		       struct error *e)
{
	struct factor *f;
	struct record *r;

	FIND(f, incident_factor, "factor");
	r = change(REC_FACTOR, &f->e, NULL);
	record_set_bool(r, F_DELETED, deleted);
	return commit(s, inc, r, &f->e, e);
}

/* ---- actions ---- */

int edit_action_add(struct store *s, struct incident *inc, const char *title, enum action_type type,
		    enum priority prio, char *id, struct error *e)
{
	char nid[EDIT_ID_LEN];
	struct record *r;

	if (!valid_line(title))
		return error_set(e, EXIT_USAGE, "an action needs a title (one line)");
	random_id(nid, "a", 10);
	r = change(REC_ACTION, NULL, nid);
	record_set_str(r, F_TITLE, title);
	record_set_int(r, F_TYPE, type);
	record_set_int(r, F_STATUS, ASTATUS_OPEN);
	record_set_int(r, F_PRIORITY, prio);
	record_set_ids(r, F_FACTORS, NULL, 0);
	record_set_str(r, F_BY, store_author());
	record_set_order(r, F_ORDER, action_order_last(inc));
	if (id)
		strcpy(id, nid);
	return commit(s, inc, r, NULL, e);
}

int edit_action_edit(struct store *s, struct incident *inc, const char *id, const char *title,
		     const char *owner, const char *due, struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	if (title && !valid_line(title))
		return error_set(e, EXIT_USAGE, "an action needs a title (one line)");
	if (owner && strchr(owner, '\n'))
		return error_set(e, EXIT_USAGE, "an owner is one line");
	if (due && due[0] && !clock_valid_date(due))
		return error_set(e, EXIT_USAGE, "a due date is YYYY-MM-DD");
	r = change(REC_ACTION, &a->e, NULL);
	if (title)
		record_set_str(r, F_TITLE, title);
	if (owner)
		record_set_str(r, F_OWNER, owner);
	if (due)
		record_set_str(r, F_DUE, due);
	return commit(s, inc, r, &a->e, e);
}

int edit_action_type(struct store *s, struct incident *inc, const char *id, enum action_type t,
		     struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	r = change(REC_ACTION, &a->e, NULL);
	record_set_int(r, F_TYPE, t);
	return commit(s, inc, r, &a->e, e);
}

int edit_action_priority(struct store *s, struct incident *inc, const char *id, enum priority p,
			 struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	r = change(REC_ACTION, &a->e, NULL);
	record_set_int(r, F_PRIORITY, p);
	record_set_order(r, F_ORDER, action_order_last(inc));
	return commit(s, inc, r, &a->e, e);
}

int edit_action_status(struct store *s, struct incident *inc, const char *id,
		       enum action_status st, const char *reason, struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	if (st == ASTATUS_WONTFIX && (!reason || !reason[0]))
		return error_set(e, EXIT_USAGE, "wontfix needs a reason");
	r = change(REC_ACTION, &a->e, NULL);
	record_set_int(r, F_STATUS, st);
	if (reason)
		record_set_str(r, F_REASON, reason);
	return commit(s, inc, r, &a->e, e);
}

bool action_ref_valid(const char *ref)
{
	size_t n = strlen(ref);

	if (n > ACTION_REF_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)ref[i];

		/* one word: no blank or control, and nothing that would end
		 * a markdown code span or autolink around it */
		if (c <= ' ' || c == 0x7f || c == '`' || c == '<' || c == '>')
			return false;
	}
	return true;
}

int edit_action_ref(struct store *s, struct incident *inc, const char *id, const char *ref,
		    struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	if (!ref)
		ref = "";
	if (!action_ref_valid(ref))
		return error_set(e, EXIT_USAGE, "%s", ACTION_REF_RULE);
	r = change(REC_ACTION, &a->e, NULL);
	record_set_str(r, F_REF, ref);
	return commit(s, inc, r, &a->e, e);
}

bool action_voted(const struct action *a, const char *voter)
{
	for (size_t i = 0; i < a->nvotes; i++)
		if (!strcmp(a->votes[i].voter, voter))
			return a->votes[i].up;
	return false;
}

int edit_action_vote(struct store *s, struct incident *inc, const char *id, bool up,
		     struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	if (action_voted(a, store_account()) == up)
		return 0;	/* one vote per account: nothing to change */
	/* votes are records of their own, so people voting at once all count */
	r = record_new(REC_VOTE, a->e.id, store_author(), clock_now());
	record_set_bool(r, F_UP, up);
	return commit(s, inc, r, NULL, e);
}

int edit_comment(struct store *s, struct incident *inc, const char *id, const char *text,
		 struct error *e)
{
	struct entity *ent = incident_find(inc, id);
	struct record *r;

	if (!ent || (ent->type != REC_FACTOR && ent->type != REC_ACTION))
		return not_found(e, "factor or action", id);
	if (!text || !text[strspn(text, " \t\n")])
		return error_set(e, EXIT_USAGE, "an empty comment is not saved");
	/* a record of its own, like a vote: people commenting at once never
	 * conflict, and nothing else of the card changes */
	r = record_new(REC_COMMENT, id, store_author(), clock_now());
	record_set_str(r, F_TEXT, text);
	return commit(s, inc, r, NULL, e);
}

int edit_comment_change(struct store *s, struct incident *inc, const char *id, const char *rev,
			const char *text, bool deleted, struct error *e)
{
	size_t n;
	const struct comment *c = incident_comments(inc, id, &n), *it = NULL;
	struct record *r;

	for (size_t i = 0; i < n && !it; i++)
		if (!strcmp(c[i].rev, rev))
			it = &c[i];
	if (!it)
		return error_set(e, EXIT_NOINPUT, "no comment %s on \"%s\" in this incident", rev, id);
	if (text && !text[strspn(text, " \t\n")])
		return error_set(e, EXIT_USAGE, "an empty comment is not saved: delete it instead");
	if (text ? !strcmp(text, it->text) : it->deleted == deleted)
		return 0;
	/* a record of its own whose base names the comment: changes by
	 * people at once never conflict, the latest counts */
	r = record_new(REC_COMMENT, id, store_author(), clock_now());
	snprintf(r->base, sizeof(r->base), "%s", rev);
	if (text)
		record_set_str(r, F_TEXT, text);
	else
		record_set_bool(r, F_DELETED, deleted);
	return commit(s, inc, r, NULL, e);
}

int edit_action_move(struct store *s, struct incident *inc, const char *id, int delta,
		     struct error *e)
{
	struct action *a;
	struct entity **ents;
	int dir = delta < 0 ? -1 : 1, rc;
	double *v;
	size_t n = 0, pos = 0;

	FIND(a, incident_action, "action");
	if (!delta)
		return 0;
	incident_sort(inc);
	ents = xcalloc(inc->nactions, sizeof(*ents));
	v = xcalloc(inc->nactions, sizeof(double));
	for (size_t i = 0; i < inc->nactions; i++) {
		if (inc->actions[i] == a)
			pos = n;
		if (inc->actions[i] == a || same_rank(inc->actions[i], a)) {
			ents[n] = &inc->actions[i]->e;
			v[n++] = inc->actions[i]->order;
		}
	}
	rc = order_move(s, inc, ents, v, n, pos, dir, e);
	free(ents);
	free(v);
	return rc;
}

int edit_action_link(struct store *s, struct incident *inc, const char *id, const char *factor_id,
		     bool link, struct error *e)
{
	struct action *a;
	struct record *r;
	const char **v;
	size_t n;

	FIND(a, incident_action, "action");
	if (link && !incident_factor(inc, factor_id))
		return not_found(e, "factor", factor_id);
	v = ids_with(a->factors, factor_id, link, &n);
	r = change(REC_ACTION, &a->e, NULL);
	record_set_ids(r, F_FACTORS, v, n);
	free(v);
	return commit(s, inc, r, &a->e, e);
}

int edit_action_delete(struct store *s, struct incident *inc, const char *id, bool deleted,
		       struct error *e)
{
	struct action *a;
	struct record *r;

	FIND(a, incident_action, "action");
	r = change(REC_ACTION, &a->e, NULL);
	record_set_bool(r, F_DELETED, deleted);
	return commit(s, inc, r, &a->e, e);
}
