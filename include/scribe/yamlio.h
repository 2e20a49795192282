/* YAML in and out, on libyaml: journal records read with exact
 * positions for every problem, records and the export written with the
 * emitter (never printf). */
#ifndef SCRIBE_YAMLIO_H
#define SCRIBE_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/model.h"
#include "scribe/util.h"

/* Bounds that keep a hostile file from costing more than a bad day. */
#define YAMLIO_MAX_SCALAR (256 * 1024)	/* bytes in one value */
#define YAMLIO_MAX_DEPTH 4		/* nesting of mappings/sequences */
#define YAMLIO_MAX_IDS 10000		/* entries in one id list */

/* Called for each valid record found; takes ownership of r. */
typedef void (*yamlio_record_fn)(void *ctx, struct record *r);

/* The length of the prefix of buf[0..len) that holds whole records:
 * everything up to the end of the last line that is exactly "...".
 * What follows is a record still being written, or one cut short by a
 * crash. */
size_t yamlio_complete_prefix(const char *buf, size_t len);

/* Parses buf[0..len), whole journal records (YAML documents), as found in
 * file at line line0 (1-based line of buf[0]).  Calls fn for each valid
 * record and adds a diagnostic with file, line and column for every
 * problem.  A record with a problem is skipped; a syntax error ends the
 * parse (the records before it are kept).  Returns the number of records
 * passed to fn. */
/* Records in the emitter's own layout are read by the quick reader
 * (quickread.h: the same tree, without libyaml), any other by libyaml. */
size_t yamlio_parse_journal(const char *file, const char *buf, size_t len, int line0,
			    yamlio_record_fn fn, void *ctx, struct diags *diags);

/* How yamlio_parse_journal_with reads. */
struct yamlio_parse_opts {
	bool libyaml_only;	/* every record through libyaml, none through
				 * the quick reader: for the tests that
				 * compare the two */
	/* A file read in pieces, each ending after a "..." line: what one
	 * call leaves for the next, so that the pieces read as the whole
	 * would (NULL: the buffer is the whole).  Start a file with
	 * { YAMLIO_MAX_PROBLEMS, false, false }. */
	struct yamlio_pieces *pieces;
	/* records are made in this pool (record_new_in), when not NULL:
	 * freed with it, not by record_free */
	struct arena *pool;
};

#define YAMLIO_MAX_PROBLEMS 50	/* per file: a hostile file cannot flood */

struct yamlio_pieces {
	int budget;		/* problems the file may still report */
	bool stopped;		/* libyaml stopped at a syntax error: what
				 * follows is not read up to the next byte
				 * it refuses */
	bool in_segment;	/* the piece before ended inside a run of
				 * records between bad bytes: its records go
				 * on loading even with no problems left to
				 * report, as in the whole */
};

/* yamlio_parse_journal as opts says (NULL: as yamlio_parse_journal). */
size_t yamlio_parse_journal_with(const struct yamlio_parse_opts *opts, const char *file, const char *buf,
				 size_t len, int line0, yamlio_record_fn fn, void *ctx, struct diags *diags);

/* Appends r to out as one YAML document ("---" ... "...").  Returns 0,
 * or an EXIT_* code with e set if the emitter refused it. */
int yamlio_emit_record(struct strbuf *out, const struct record *r, struct error *e);

enum {
	/* every character outside printable ASCII written as an escape
	 * ("\u202E"): for a terminal, where a bidi override or an escape
	 * written by anyone must not act */
	YAMLIO_ASCII = 1 << 0,
	/* leave out internal events and the star, causal and internal
	 * flags */
	YAMLIO_PUBLIC = 1 << 1,
	/* leave out who wrote events and cards, and the actions' owners */
	YAMLIO_NO_AUTHORS = 1 << 2,
};

/* Appends the whole incident as SPEC's export schema: incident,
 * timeline, factors, actions.  flags: YAMLIO_*. */
int yamlio_export(struct strbuf *out, struct incident *inc, unsigned flags, struct error *e);

#endif
