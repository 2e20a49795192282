/* A private cache of parsed journals, so that opening a large incident
 * again does not parse all of its YAML again.  Under
 * $XDG_CACHE_HOME/scribe/<incident>/ (folder 0700, files 0600), one file
 * per journal, holding the journal's identity (device, inode), how many
 * of its bytes (and lines) it covers, its mtime and ctime then, and the
 * records of those bytes in a compact binary form.  A cache that matches
 * the journal's identity and times is good; anything else (another
 * file, a journal written or edited in place since, a damaged cache) is
 * ignored and the YAML read.
 * The shared files stay the truth: the cache only ever saves time. */
#ifndef SCRIBE_CACHE_H
#define SCRIBE_CACHE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "scribe/model.h"
#include "scribe/util.h"
#include "scribe/yamlio.h"

struct cache_entry {
	dev_t dev;
	ino_t ino;
	struct timespec mtime, ctime;	/* the journal's when its bytes were read */
	off_t offset;	/* journal bytes covered */
	int line;	/* line number at offset */
	size_t count;	/* records */
};

/* Appends r's binary form to out. */
void cache_encode(struct strbuf *out, const struct record *r);

/* Reads the cache of journal name (of incident) if it is for the file
 * st describes (device, inode, mtime and ctime all equal: a journal
 * written or changed in place since is read again) and covers at most
 * its size: calls fn for each record (file is what
 * the records' file field will point at), fills *ent, and stores the
 * encoded records in *body (for extending the cache later).  Returns
 * false (nothing called) when there is no usable cache. */
bool cache_load(const char *incident, const char *name, const struct stat *st, const char *file,
		yamlio_record_fn fn, void *ctx, struct cache_entry *ent, struct strbuf *body);

/* Writes the cache of journal name: ent and the encoded records in body.
 * Failures are silent: a cache is never needed. */
void cache_save(const char *incident, const char *name, const struct cache_entry *ent,
		const struct strbuf *body);

#endif
