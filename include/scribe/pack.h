/* Packing: closed journals merged into one file, as git packs loose
 * objects, so that readers pay per incident and not per writing session.
 *
 * A journal is closed when its writer has finished with it: the writer
 * ends it with the line "# closed" (a YAML comment after its last
 * record, see store_close), or it was written from this host by a
 * process that no longer runs.  A journal still open is never touched.
 *
 * A pack, "pack-<content hash>.yaml", holds the records of the journals
 * (and smaller packs) it replaces, each once (by rev), in (time, rev)
 * order, written by the emitter: the same inputs give the same pack,
 * byte for byte, whoever makes it.  It is written whole to a temp file,
 * synced, renamed into place and the folder synced before any input is
 * removed; readers take a record once by its rev, so at every moment and
 * after a crash at any point every record is read exactly once.
 *
 * Storage layer: only the store and this module touch the folder. */
#ifndef SCRIBE_PACK_H
#define SCRIBE_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/store.h"
#include "scribe/util.h"

/* The line a writer ends its journal with when it is done with it. */
#define PACK_CLOSED_LINE "# closed\n"

/* Packing runs by itself (when a writing session ends) once an incident
 * has more loose journals than this. */
#define PACK_LOOSE_MAX 48

/* The most bytes of journals and packs merged into one pack. */
#define PACK_MAX_BYTES (64L * 1024 * 1024)
/* ... when packing runs by itself: a session's end never waits for a
 * large rewrite; `scribe pack` merges up to PACK_MAX_BYTES. */
#define PACK_AUTO_BYTES (8L * 1024 * 1024)

struct pack_result {
	size_t journals;	/* loose journals packed and removed */
	size_t packs;		/* older packs merged and removed */
	size_t records;		/* records in the new pack */
	size_t left;		/* loose journals left (open, unreadable, ...) */
	char name[64];		/* the new pack, or "" when none was made */
};

enum {
	PACK_AUTO = 1 << 0,	/* only when there are many loose journals;
				 * a smaller merge */
};

/* Packs the closed journals of the incident s has open.  Journals that
 * do not read cleanly (a problem, a torn end) are left as they are.  In
 * a sticky folder only files this account may remove are packed.
 * Returns 0 (with *res filled; nothing to pack is not an error), or an
 * EXIT_* code with e set when the pack could not be written (the inputs
 * are then untouched). */
int pack_incident(struct store *s, unsigned flags, struct pack_result *res, struct error *e);

/* True if name is a pack's name ("pack-...yaml"). */
bool pack_name(const char *name);

#endif
