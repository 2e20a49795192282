#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/clock.h"
#include "scribe/history.h"
#include "scribe/text.h"

void history_take(void *ctx, struct record *r)
{
	struct history *h = ctx;

	if (h->only && strcmp(r->id, h->only)) {
		record_free(r);
		return;
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->recs = xreallocarray(h->recs, h->cap, sizeof(*h->recs));
	}
	h->recs[h->n++] = r;
	h->finished = false;
}

static int rec_cmp(const void *pa, const void *pb)
{
	const struct record *a = *(struct record *const *)pa, *b = *(struct record *const *)pb;
	int c = strcmp(a->id, b->id);

	if (c)
		return c;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->rev, b->rev);
}

void history_finish(struct history *h)
{
	size_t w = 0;

	if (h->finished)
		return;
	if (h->n)
		qsort(h->recs, h->n, sizeof(*h->recs), rec_cmp);
	/* a record read twice (a copied journal) is one change */
	for (size_t i = 0; i < h->n; i++) {
		if (w && !rec_cmp(&h->recs[w - 1], &h->recs[i])) {
			record_free(h->recs[i]);
			continue;
		}
		h->recs[w++] = h->recs[i];
	}
	h->n = w;
	h->finished = true;
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		record_free(h->recs[i]);
	free(h->recs);
	h->recs = NULL;
	h->n = h->cap = 0;
}

struct record *const *history_of(const struct history *h, const char *id, size_t *n)
{
	size_t lo = 0, hi = h->n, first;

	*n = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(h->recs[mid]->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	for (hi = h->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(h->recs[mid]->id, id) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n = lo - first;
	return h->recs + first;
}

/* ---- describing changes ---- */

/* The field whose presence makes a record the one that creates. */
static enum field_id creating_field(enum rec_type t)
{
	return t == REC_EVENT ? F_AT : F_TITLE;
}

/* Text on one line, quoted: newlines become a visible mark. */
static void add_text(struct strbuf *sb, const char *s, unsigned flags)
{
	struct strbuf clean = STRBUF_INIT;

	text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE | flags);
	sb_addc(sb, '"');
	for (size_t i = 0; i < clean.len; i++) {
		if (clean.buf[i] == '\n')
			sb_adds(sb, flags & TEXT_ASCII ? "^J" : "\xE2\x8F\x8E");	/* ⏎ */
		else
			sb_addc(sb, clean.buf[i]);
	}
	sb_addc(sb, '"');
	sb_free(&clean);
}

/* A field's value as people read it; v NULL is the field's default. */
static void add_value(struct strbuf *sb, enum rec_type t, enum field_id f, const struct value *v,
		      unsigned flags)
{
	char buf[64];

	switch (field_type(f)) {
	case FT_TEXT:
	case FT_LINE:
		if (v && v->u.s[0])
			add_text(sb, v->u.s, flags);
		else
			sb_adds(sb, !v && f == F_CATEGORY ? "\"trigger\"" : "(none)");
		break;
	case FT_DATE:
		sb_adds(sb, v && v->u.s[0] ? v->u.s : "(none)");
		break;
	case FT_TIME:
		sb_adds(sb, v ? clock_format_local(v->u.t, "%Y-%m-%d %H:%M:%S", buf, sizeof(buf)) : "(none)");
		break;
	case FT_INT:
		sb_addf(sb, "%ld", v ? v->u.i : f == F_SEVERITY ? 3L : 0L);
		break;
	case FT_BOOL:
		sb_adds(sb, v && v->u.b ? "true" : "false");
		break;
	case FT_ENUM:
		sb_adds(sb, enum_name(field_enum(t, f), v ? (int)v->u.i : f == F_PRIORITY ? PRIO_P2 : 0));
		break;
	case FT_IDS:
		sb_addc(sb, '[');
		for (size_t i = 0; v && i < v->u.ids->n; i++)
			sb_addf(sb, "%s%s", i ? ", " : "", v->u.ids->v[i]);
		sb_addc(sb, ']');
		break;
	case FT_ORDER:
		sb_addf(sb, "%.17g", v ? v->u.d : 0.0);
		break;
	}
}

static void push(struct change **v, size_t *n, size_t *cap, const struct record *r, struct strbuf *sb)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[(*n)++] = (struct change){ r->time, r->author, sb_detach(sb) };
}

struct revpos {
	const char *rev;
	size_t i;
};

static int revpos_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct revpos *)pa)->rev, ((const struct revpos *)pb)->rev);
}

/* Whether recs[i] was made from a version older than a change since to a
 * field it changes too (what the model counts as a conflict).  by_rev
 * holds the revs of recs, sorted; last[f] is 1 + the index of the latest
 * record before i that set f (0: none).  O(log n + fields). */
static bool made_blind(struct record *const *recs, size_t i, const struct revpos *by_rev, size_t n,
		       const size_t *last)
{
	const struct record *r = recs[i];
	struct revpos key = { r->base, 0 }, *base;

	if (!r->base[0] || !(base = bsearch(&key, by_rev, n, sizeof(*by_rev), revpos_cmp)) || base->i >= i)
		return false;
	for (size_t k = 0; k < r->nvalues; k++)
		if (r->values[k].field != F_BY && last[r->values[k].field] > base->i + 1)
			return true;
	return false;
}

/* Describes the comment record recs[i]: a comment ("comment: \"...\""),
 * or a change of the comment before it whose rev is its base ("comment
 * edited: \"a\" -> \"b\"", "comment deleted: \"a\"", "comment restored").
 * ctext[j]: the text comment recs[j] has so far (NULL: no comment). */
static void comment_change(struct strbuf *sb, struct record *const *recs, size_t i, const struct revpos *by_rev,
			   size_t n, const char **ctext, unsigned text_flags)
{
	const struct record *r = recs[i];
	const struct value *text = record_get(r, F_TEXT), *del = record_get(r, F_DELETED);
	struct revpos key = { r->base, 0 }, *base;
	const char *was = NULL;

	if (!r->base[0]) {
		ctext[i] = text ? text->u.s : "";
		sb_adds(sb, "comment: ");
		add_text(sb, ctext[i], text_flags);
		return;
	}
	base = bsearch(&key, by_rev, n, sizeof(*by_rev), revpos_cmp);
	if (base && base->i < i && ctext[base->i])
		was = ctext[base->i];
	if (text) {
		sb_adds(sb, "comment edited: ");
		if (was) {
			add_text(sb, was, text_flags);
			sb_adds(sb, " -> ");
		}
		add_text(sb, text->u.s, text_flags);
		if (was)
			ctext[base->i] = text->u.s;
		if (del)
			sb_adds(sb, del->u.b ? ", and deleted" : ", and restored");
		return;
	}
	sb_adds(sb, del && !del->u.b ? "comment restored" : "comment deleted");
	if (was) {
		sb_adds(sb, ": ");
		add_text(sb, was, text_flags);
	}
}

struct change *history_changes(struct record *const *recs, size_t n, unsigned text_flags,
			       size_t *count)
{
	const struct value *cur[F_COUNT] = { 0 };
	size_t last[F_COUNT] = { 0 };
	struct strbuf sb = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct change *v = NULL;
	size_t nv = 0, cap = 0;
	bool created = false;
	struct revpos *by_rev = xreallocarray(NULL, n ? n : 1, sizeof(*by_rev));
	const char **ctext = xcalloc(n ? n : 1, sizeof(*ctext));

	for (size_t i = 0; i < n; i++)
		by_rev[i] = (struct revpos){ recs[i]->rev, i };
	if (n)
		qsort(by_rev, n, sizeof(*by_rev), revpos_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = recs[i];
		size_t before = nv;
		bool blind;

		switch (r->type) {
		case REC_VOTE: {
			const struct value *up = record_get(r, F_UP);

			sb_adds(&sb, !up || up->u.b ? "vote: up" : "vote: withdrawn");
			push(&v, &nv, &cap, r, &sb);
			continue;
		}
		case REC_COMMENT:
			comment_change(&sb, recs, i, by_rev, n, ctext, text_flags);
			push(&v, &nv, &cap, r, &sb);
			continue;
		default:
			break;
		}
		if (!created && record_get(r, creating_field(r->type))) {
			for (size_t k = 0; k < r->nvalues; k++)
				cur[r->values[k].field] = &r->values[k];
			for (size_t k = 0; k < r->nvalues; k++)
				last[r->values[k].field] = i + 1;
			created = true;
			sb_adds(&sb, "created");
			push(&v, &nv, &cap, r, &sb);
			continue;
		}
		blind = made_blind(recs, i, by_rev, n, last);
		for (size_t k = 0; k < r->nvalues; k++) {
			const struct value *nw = &r->values[k];
			enum field_id f = nw->field;

			sb_reset(&a);
			sb_reset(&b);
			add_value(&a, r->type, f, cur[f], text_flags);
			add_value(&b, r->type, f, nw, text_flags);
			cur[f] = nw;
			last[f] = i + 1;
			if (a.len == b.len && !memcmp(a.buf, b.buf, a.len))
				continue;
			sb_addf(&sb, "%s: %s -> %s%s", field_name(f), sb_str(&a), sb_str(&b),
				blind ? " (at the same time as the change before: both kept)" : "");
			push(&v, &nv, &cap, r, &sb);
		}
		if (nv == before) {
			sb_adds(&sb, "saved again, no change");
			push(&v, &nv, &cap, r, &sb);
		}
	}
	free(by_rev);
	free(ctext);
	sb_free(&sb);
	sb_free(&a);
	sb_free(&b);
	*count = nv;
	return v;
}

void changes_free(struct change *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].what);
	free(c);
}

void history_show(struct strbuf *out, const struct history *h, const char *id, unsigned text_flags)
{
	size_t n, nc;
	struct record *const *recs = history_of(h, id, &n);
	struct change *c = history_changes(recs, n, text_flags, &nc);
	char when[64];

	for (size_t i = 0; i < nc; i++) {
		sb_addf(out, "  %s  ", clock_format_local(c[i].time, "%Y-%m-%d %H:%M:%S", when, sizeof(when)));
		text_sanitize(out, c[i].author, strlen(c[i].author), text_flags);
		sb_addf(out, "  %s\n", c[i].what);
	}
	changes_free(c, nc);
}
