#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/discussion.h"
#include "scribe/model.h"

struct discussion {
	struct comment *v;	/* v[0..sorted) in order; the rest as they came */
	size_t n, cap, sorted;
	struct record **recs;	/* owned: comments and changes */
	size_t nrecs, caprecs;
	struct record **changes;	/* edits and deletions, as they came */
	size_t nchanges, capchanges;
	size_t applied, applied_n;	/* changes and comments when they were last applied */
	const struct record **orphans;	/* changes whose comment is not there */
	size_t norphans;
};

void discussion_add(struct discussion **dp, struct record *r)
{
	struct discussion *d = *dp;
	const struct value *text = record_get(r, F_TEXT);

	if (!d)
		d = *dp = xcalloc(1, sizeof(*d));
	if (d->nrecs == d->caprecs) {
		d->caprecs = d->caprecs ? d->caprecs * 2 : 16;
		d->recs = xreallocarray(d->recs, d->caprecs, sizeof(*d->recs));
	}
	d->recs[d->nrecs++] = r;
	if (r->base[0]) {
		if (d->nchanges == d->capchanges) {
			d->capchanges = d->capchanges ? d->capchanges * 2 : 16;
			d->changes = xreallocarray(d->changes, d->capchanges, sizeof(*d->changes));
		}
		d->changes[d->nchanges++] = r;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n++] = (struct comment){
		.on = r->id,
		.author = r->author,
		.text = text ? text->u.s : "",
		.time = r->time,
		.rev = r->rev,
		.rec = r,
	};
}

void discussion_free(struct discussion *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nrecs; i++)
		record_free(d->recs[i]);
	free(d->recs);
	free(d->changes);
	free(d->orphans);
	free(d->v);
	free(d);
}

static int comment_cmp(const void *pa, const void *pb)
{
	const struct comment *a = pa, *b = pb;
	int c = strcmp(a->on, b->on);

	if (c)
		return c;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->rev, b->rev);
}

/* Sorts what came since the last look and merges it into the sorted
 * part: O(k log k) for the k new ones plus one pass over all. */
static void discussion_sort(struct discussion *d)
{
	size_t k = d->n - d->sorted, i, j, w;
	struct comment *merged;

	if (!k)
		return;
	qsort(d->v + d->sorted, k, sizeof(*d->v), comment_cmp);
	if (d->sorted && comment_cmp(&d->v[d->sorted - 1], &d->v[d->sorted]) > 0) {
		merged = xreallocarray(NULL, d->n, sizeof(*merged));
		for (i = 0, j = d->sorted, w = 0; i < d->sorted || j < d->n;)
			if (j == d->n || (i < d->sorted && comment_cmp(&d->v[i], &d->v[j]) <= 0))
				merged[w++] = d->v[i++];
			else
				merged[w++] = d->v[j++];
		memcpy(d->v, merged, d->n * sizeof(*merged));
		free(merged);
	}
	d->sorted = d->n;
}

static int change_cmp(const void *pa, const void *pb)
{
	const struct record *a = *(const struct record *const *)pa, *b = *(const struct record *const *)pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->rev, b->rev);
}

static int by_rev_cmp(const void *pa, const void *pb)
{
	return strcmp((*(const struct comment *const *)pa)->rev, (*(const struct comment *const *)pb)->rev);
}

/* Every comment as its own record says, then every change in (time,
 * rev) order on the comment whose rev is its base, on the same card. */
static void discussion_apply(struct discussion *d)
{
	struct comment **by_rev;

	if (d->applied == d->nchanges && d->applied_n == d->n)
		return;
	d->applied = d->nchanges;
	d->applied_n = d->n;
	d->norphans = 0;
	if (!d->nchanges)
		return;
	by_rev = xreallocarray(NULL, d->n ? d->n : 1, sizeof(*by_rev));
	for (size_t i = 0; i < d->n; i++) {
		const struct value *text = record_get(d->v[i].rec, F_TEXT);

		d->v[i].text = text ? text->u.s : "";
		d->v[i].edited = 0;
		d->v[i].edited_by = NULL;
		d->v[i].deleted = false;
		by_rev[i] = &d->v[i];
	}
	qsort(by_rev, d->n, sizeof(*by_rev), by_rev_cmp);
	qsort(d->changes, d->nchanges, sizeof(*d->changes), change_cmp);
	d->orphans = xreallocarray(d->orphans, d->nchanges, sizeof(*d->orphans));
	for (size_t i = 0; i < d->nchanges; i++) {
		const struct record *r = d->changes[i];
		struct comment key = { .rev = r->base }, *kp = &key, **found;
		const struct value *text = record_get(r, F_TEXT), *del = record_get(r, F_DELETED);

		found = d->n ? bsearch(&kp, by_rev, d->n, sizeof(*by_rev), by_rev_cmp) : NULL;
		if (!found || strcmp((*found)->on, r->id)) {
			d->orphans[d->norphans++] = r;
			continue;
		}
		if (text) {
			(*found)->text = text->u.s;
			(*found)->edited = r->time;
			(*found)->edited_by = r->author;
		}
		if (del)
			(*found)->deleted = del->u.b;
	}
	free(by_rev);
}

const struct comment *incident_comments(struct incident *inc, const char *id, size_t *n)
{
	struct discussion *d = inc->talk;
	size_t lo = 0, hi, first;

	*n = 0;
	if (!d || !d->n)
		return NULL;
	discussion_sort(d);
	discussion_apply(d);
	/* the first comment on id, then the first after them */
	for (hi = d->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(d->v[mid].on, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	for (hi = d->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(d->v[mid].on, id) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = lo - first;
	return *n ? &d->v[first] : NULL;
}

const struct comment *incident_all_comments(struct incident *inc, size_t *n)
{
	struct discussion *d = inc->talk;

	*n = 0;
	if (!d)
		return NULL;
	discussion_sort(d);
	discussion_apply(d);
	*n = d->n;
	return d->v;
}

size_t comments_live(const struct comment *c, size_t n)
{
	size_t live = 0;

	for (size_t i = 0; i < n; i++)
		live += !c[i].deleted;
	return live;
}

const struct record *const *incident_orphan_comment_changes(struct incident *inc, size_t *n)
{
	struct discussion *d = inc->talk;

	*n = 0;
	if (!d)
		return NULL;
	discussion_sort(d);
	discussion_apply(d);
	*n = d->norphans;
	return d->orphans;
}
