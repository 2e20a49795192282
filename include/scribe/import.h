/* Events from outside: log lines, journalctl's JSON, a Slack export and
 * JSON lines, each read into events at their own time and by their own
 * author, with ids derived from what identifies them in the source, so
 * that importing the same source again adds nothing.  Reads the files it
 * is given (never the shared directory); the caller writes the records. */
#ifndef SCRIBE_IMPORT_H
#define SCRIBE_IMPORT_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

#include "scribe/model.h"
#include "scribe/util.h"

#define IMPORT_FORMATS(X) \
	X(IMPORT_AUTO, "auto") \
	X(IMPORT_LINES, "lines") \
	X(IMPORT_JOURNAL, "journal") \
	X(IMPORT_SLACK, "slack") \
	X(IMPORT_JSONL, "jsonl")

#define ENUM_MEMBER(name, str) name,
enum import_format { IMPORT_FORMATS(ENUM_MEMBER) IMPORT_FORMAT_COUNT };
#undef ENUM_MEMBER
extern const struct enum_names import_format_names;

/* "--rule KIND=REGEX": events whose text matches get that kind. */
struct import_rule {
	regex_t re;
	enum kind kind;
};

struct import_opts {
	enum import_format format;
	const char *zone;	/* the zone zone-less times are read in, for messages */
	const char *channel;	/* slack: the channel's name or id */
	const char *time_field, *text_field, *by_field;	/* jsonl; NULL: the usual names */
	const char *by;		/* author where the source names none; NULL: the file's name */
	enum kind kind;		/* kind without a prefix or a rule */
	int year;		/* of dates written without one; 0: guessed */
	const struct import_rule *rules;
	size_t nrules;
	ms_t now;
};

struct import_item {
	ms_t at;
	char *by, *text;	/* owned */
	enum kind kind;
	uint64_t h[2];		/* what identifies it in the source */
	const char *file;	/* where it starts, for messages */
	int line;
	bool zoneless;		/* its time was read in opts.zone */
	bool known;		/* already in the incident */
	unsigned tie;		/* earlier events of the source at the same time */
	char id[16], rev[16];
};

struct import_set {
	enum import_format format;	/* what was read */
	char *source;		/* "FORMAT:NAME", written on every event */
	struct import_item *v;	/* in the source's order */
	size_t n, cap;
	char **names;		/* file names the items point at, owned */
	size_t nnames;
	size_t zoneless;	/* events whose time was read in opts.zone */
	size_t skipped;		/* messages left out: joins, bots, ... */
	size_t known;		/* events already in the incident */
};

/* Reads path ("-": standard input; a folder: a Slack export) as o says
 * into set (zeroed by the caller; free with import_set_free).  Every
 * problem goes to d with its file, line and column; warnings (a time in
 * a daylight-saving change) too.  Returns 0; EXIT_DATAERR when d has an
 * error (set holds nothing then); EXIT_NOINPUT, EXIT_IOERR or EXIT_USAGE
 * with e set when the source cannot be read or o does not fit it. */
int import_read(const char *path, const struct import_opts *o, struct import_set *set,
		struct diags *d, struct error *e);
void import_set_free(struct import_set *set);

/* Marks the items whose event inc already has, and counts them. */
void import_mark_known(struct import_set *set, const struct incident *inc);

/* The record that creates item it's event: at, by, kind and text from
 * the source; logged now, typed now plus it->tie milliseconds (so that
 * events of the same second keep the source's order on the timeline);
 * imported_by author; the source. */
struct record *import_record(const struct import_set *set, const struct import_item *it,
			     const char *author, ms_t now);

#endif
