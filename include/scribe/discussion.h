/* The discussion on factor cards and actions: comments, each a record
 * of type "comment" whose id is the card's id and whose one field is
 * its text; the record's author and time are the comment's.  A comment
 * is edited or deleted (by anyone) with another "comment" record whose
 * base is the rev of the comment it changes, setting text and/or
 * deleted: the latest such change (by time, then rev) gives each field.
 * Part of the model: no I/O, no curses.
 *
 * A hostile writer may append any number of comments to one card, in
 * any order: adding costs O(1), and the first look after a batch of
 * adds sorts the batch and merges it in (O(k log k + n)), so reading
 * n comments costs O(n log n) whatever their shape.  The first look
 * after a batch of changes applies them all again, in order, to the
 * comments they name (O((n + k) log(n + k))), whatever order they came
 * in, and whether or not their comment came first. */
#ifndef SCRIBE_DISCUSSION_H
#define SCRIBE_DISCUSSION_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/clock.h"

struct record;
struct incident;

struct comment {
	const char *on;		/* the card's id */
	const char *author;
	const char *text;	/* the latest change's, else the comment's own */
	ms_t time;
	const char *rev;	/* the comment's own rev: what changes name as base */
	const struct record *rec;	/* where it came from, for messages */
	ms_t edited;		/* when its text last changed, 0 when never */
	const char *edited_by;	/* who changed it then, NULL when never */
	bool deleted;		/* deleted (kept in the history) */
};

struct discussion;

/* Takes r (a REC_COMMENT record whose rev is new: a comment, or with a
 * base a change of one) into *d, creating *d on first use.  The strings
 * of the comment point into r, which *d owns from now on. */
void discussion_add(struct discussion **d, struct record *r);
void discussion_free(struct discussion *d);

/* The comments on id, oldest first (by time, then rev), deleted ones
 * included (flagged), and in *n how many; NULL and 0 when there are
 * none.  Valid until the next add.  O(log n) once sorted. */
const struct comment *incident_comments(struct incident *inc, const char *id, size_t *n);

/* Every comment, in order of card id, then time; *n how many. */
const struct comment *incident_all_comments(struct incident *inc, size_t *n);

/* How many of the n comments at c are not deleted. */
size_t comments_live(const struct comment *c, size_t n);

/* The changes whose comment is not in the discussion (yet): *n how many,
 * each a record (for messages). */
const struct record *const *incident_orphan_comment_changes(struct incident *inc, size_t *n);

#endif
