/* Reading the older part of large journals on a second thread: it reads
 * and parses their bytes in pieces, in order, a few pieces ahead, while
 * the main thread folds the pieces already parsed (store_read_backlog).
 * The records of a piece live in its pool, so that parsing them costs
 * no allocation one by one and folding them none freed one by one. */
#ifndef SCRIBE_BACKLOG_H
#define SCRIBE_BACKLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "scribe/arena.h"
#include "scribe/model.h"

struct backlog_job {
	const char *name;	/* the file, in the folder given to backlog_start */
	const char *path;	/* its name for messages: records point at it,
				 * so it must outlive their fold */
	off_t off, end;		/* the bytes to read: whole records */
	int line;		/* the line number at off */
	dev_t dev;		/* the file they must be read from */
	ino_t ino;
};

struct backlog_piece {
	size_t job;		/* index in the jobs given to backlog_start */
	off_t off;		/* its bytes are [off, off + len) of the job's file */
	size_t len;
	int lines;		/* lines in them */
	bool clean;		/* parsed without a problem */
	bool failed;		/* the file was gone, replaced or unreadable: no
				 * records, and nothing after it comes */
	struct record **recs;	/* the records, in the order they were read */
	size_t nrecs, caprecs;
	struct arena pool;	/* where they live */
};

struct backlog;

/* Starts reading the jobs, in order, on a thread of its own, from the
 * folder dirfd (which it duplicates).  jobs are copied; their strings
 * are not, and must live until backlog_stop.  NULL when there is no
 * thread to be had (built without threads, or none could start): the
 * caller reads the bytes itself. */
struct backlog *backlog_start(int dirfd, const struct backlog_job *jobs, size_t n);
/* The next piece, in order, waiting at most wait_ms for it to be parsed;
 * NULL if none came in that time, or none is left (backlog_done). */
struct backlog_piece *backlog_take(struct backlog *b, int wait_ms);
/* Whether every piece has been taken. */
bool backlog_done(struct backlog *b);
void backlog_piece_free(struct backlog_piece *p);
/* Stops the thread (it finishes the piece in hand), waits for it and
 * frees what it parsed that was not taken.  NULL is allowed. */
void backlog_stop(struct backlog *b);

#endif
