/* `scribe publish DIR`: the public reports and an index, as Markdown. */
#ifndef SCRIBE_PUBLISH_H
#define SCRIBE_PUBLISH_H

#include "scribe/util.h"

struct publish_result {
	size_t reports;		/* incidents published */
	size_t written;		/* files written (the rest were unchanged) */
};

/* Writes DIR/ID.md (the public report) for every incident in root and
 * DIR/README.md (the index); a file already holding the same text is
 * left alone.  Problems in the incidents' files go to d. */
int publish(const char *root, const char *dir, struct publish_result *r, struct diags *d, struct error *e);

/* The folder, inside a synchronised shared directory, whose reports
 * sync commits (see sync_gitignore). */
#define PUBLISH_SYNCED_DIR "_reports"

#endif
