/* `scribe demo`: a sample incident to explore. */
#ifndef SCRIBE_DEMO_H
#define SCRIBE_DEMO_H

#include "scribe/util.h"

/* Creates the sample incident in root; returns 0 and its id (malloc'd),
 * or an EXIT_* code with e set. */
int demo_create(const char *root, char **id, struct error *e);

#endif
