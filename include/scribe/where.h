/* `scribe where`: the shared directory in use and why, the configuration
 * files read, permissions, and what to fix. */
#ifndef SCRIBE_WHERE_H
#define SCRIBE_WHERE_H

#include "scribe/util.h"

/* Writes the report to out (lines "LABEL  value") and one "- ..." line
 * per thing to fix to fix.  Creates nothing. */
int where_report(const char *opt_dir, struct strbuf *out, struct strbuf *fix);

/* After an incident was created: a note for stderr (allocated) when it
 * went where the team will not see it — the private default folder
 * holding nothing else, or another folder than the one the system's
 * configuration names — else NULL. */
char *where_note_created(const char *opt_dir);

#endif
