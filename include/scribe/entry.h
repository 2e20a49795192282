/* What people type as a timeline entry, before it becomes an event:
 * "@14:03 deploy: rolled out v2.3" sets the time and the kind. */
#ifndef SCRIBE_ENTRY_H
#define SCRIBE_ENTRY_H

#include <stdbool.h>

#include "scribe/clock.h"
#include "scribe/model.h"
#include "scribe/util.h"

struct entry {
	bool has_at;		/* a leading "@TIME " */
	ms_t at;
	bool has_kind;		/* a leading "deploy: ", "note: ", ... */
	enum kind kind;		/* KIND_NOTE without one */
	char *text;		/* the rest, malloc'd */
	const char *error;	/* why entry_parse failed; static */
};

/* Reads the prefixes of line, in either order: "@TIME " (a word after
 * '@' that starts with a digit or '-' is a TIME, see clock_parse_time;
 * "@oncall" stays text) and a kind word with a colon, in any case.
 * Returns 0, or -1 with out->error when an @TIME does not parse (then
 * out->text is NULL). */
int entry_parse(const char *line, ms_t now, struct entry *out);
void entry_free(struct entry *en);

/* A leading kind word with a colon ("deploy: ", any case) at p: sets
 * *kind and returns what follows it (spaces skipped), else NULL. */
const char *entry_kind_prefix(const char *p, enum kind *kind);

/* Makes text fit to keep: invalid UTF-8 bytes and NULs become U+FFFD,
 * CR LF becomes LF, trailing white space and newlines are removed. */
void entry_clean_text(struct strbuf *sb);

#endif
