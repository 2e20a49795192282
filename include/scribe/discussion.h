/* The discussion on factor cards and actions: comments, each a record
 * of type "comment" whose id is the card's id and whose one field is
 * its text; the record's author and time are the comment's.  Comments
 * are only ever added.  Part of the model: no I/O, no curses.
 *
 * A hostile writer may append any number of comments to one card, in
 * any order: adding costs O(1), and the first look after a batch of
 * adds sorts the batch and merges it in (O(k log k + n)), so reading
 * n comments costs O(n log n) whatever their shape. */
#ifndef SCRIBE_DISCUSSION_H
#define SCRIBE_DISCUSSION_H

#include <stddef.h>

#include "scribe/clock.h"

struct record;
struct incident;

struct comment {
	const char *on;		/* the card's id */
	const char *author;
	const char *text;
	ms_t time;
	const char *rev;
	const struct record *rec;	/* where it came from, for messages */
};

struct discussion;

/* Takes r (a REC_COMMENT record whose rev is new) into *d, creating *d
 * on first use.  The strings of the comment point into r, which *d owns
 * from now on. */
void discussion_add(struct discussion **d, struct record *r);
void discussion_free(struct discussion *d);

/* The comments on id, oldest first (by time, then rev), and in *n how
 * many; NULL and 0 when there are none.  Valid until the next add.
 * O(log n) once sorted. */
const struct comment *incident_comments(struct incident *inc, const char *id, size_t *n);

/* Every comment, in order of card id, then time; *n how many. */
const struct comment *incident_all_comments(struct incident *inc, size_t *n);

#endif
