/* Reading YAML events with positions: what the configuration, the themes
 * and the journals share.  Anchors, aliases and explicit tags are refused
 * everywhere (an alias bomb never gets a chance); every problem goes to
 * a diagnostics list as FILE:LINE:COLUMN (1-based). */
#ifndef SCRIBE_YAMLREAD_H
#define SCRIBE_YAMLREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "scribe/util.h"

struct yread {
	yaml_parser_t p;
	const char *file;
	struct diags *d;
	bool failed;		/* a syntax error or a refused node: stop */
	size_t errors;		/* problems reported so far */
};

void yread_problem(struct yread *r, yaml_mark_t m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Why ev may not be read (an anchor, an alias, an explicit tag), as a
 * message written into buf, or NULL when it may. */
const char *yread_refused(const yaml_event_t *ev, char *buf, size_t n);

/* The next event; false (and r->failed, the problem reported) on a
 * syntax error or a refused node, with nothing left to delete. */
bool yread_next(struct yread *r, yaml_event_t *ev);

/* Skips the rest of a node that started with ev (already read). */
void yread_skip(struct yread *r, const yaml_event_t *ev);

#endif
