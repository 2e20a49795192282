#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/discussion.h"
#include "scribe/model.h"

struct discussion {
	struct comment *v;	/* v[0..sorted) in order; the rest as they came */
	size_t n, cap, sorted;
	struct record **recs;	/* owned, one per comment */
};

void discussion_add(struct discussion **dp, struct record *r)
{
	struct discussion *d = *dp;
	const struct value *text = record_get(r, F_TEXT);

	if (!d)
		d = *dp = xcalloc(1, sizeof(*d));
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
		d->recs = xreallocarray(d->recs, d->cap, sizeof(*d->recs));
	}
	d->recs[d->n] = r;
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
	for (size_t i = 0; i < d->n; i++)
		record_free(d->recs[i]);
	free(d->recs);
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

const struct comment *incident_comments(struct incident *inc, const char *id, size_t *n)
{
	struct discussion *d = inc->talk;
	size_t lo = 0, hi, first;

	*n = 0;
	if (!d || !d->n)
		return NULL;
	discussion_sort(d);
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
	*n = d->n;
	return d->v;
}
