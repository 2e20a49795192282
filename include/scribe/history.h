/* History: who changed what, when, from what to what.  Nothing of it is
 * kept in memory while the incident is open: the records are read back
 * from the journals on demand (store_scan) into a struct history, which
 * sorts them once by (id, time, rev) - O(n log n), whatever order and
 * shape they came in - and describes an entity's records one change a
 * line.  No I/O and no curses here. */
#ifndef SCRIBE_HISTORY_H
#define SCRIBE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/model.h"
#include "scribe/util.h"

struct history {
	const char *only;	/* keep only the records of this id (NULL: all) */
	struct record **recs;	/* owned; sorted and without repeats once finished */
	size_t n, cap;
	bool finished;
};

/* A yamlio_record_fn: takes r into h (or frees it when h->only says so). */
void history_take(void *h, struct record *r);
/* Sorts what was taken and drops records seen twice (the same rev). */
void history_finish(struct history *h);
void history_free(struct history *h);

/* The records of id in fold order (time, then rev); *n how many. */
struct record *const *history_of(const struct history *h, const char *id, size_t *n);

/* One change. */
struct change {
	ms_t time;
	const char *author;	/* points into a record */
	char *what;		/* "text: \"a\" -> \"b\"", "created", "comment: \"...\"" (owned) */
};

/* What each record of one entity (recs, in fold order) changed, one
 * change per field that took a new value; values are sanitized with
 * text_flags (multi-line text shown on one line).  Returns a malloc'd
 * array; free with changes_free. */
struct change *history_changes(struct record *const *recs, size_t n, unsigned text_flags,
			       size_t *count);
void changes_free(struct change *c, size_t n);

/* Appends "INDENT2026-11-26 14:07:10  dana  text: ... -> ...\n" for each
 * change of id. */
void history_show(struct strbuf *out, const struct history *h, const char *id, unsigned text_flags);

#endif
