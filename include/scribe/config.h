/* The configuration: $XDG_CONFIG_HOME/scribe/config.yaml (default
 * ~/.config).  Every key is optional; a bad file or value is reported as
 * FILE:LINE:COLUMN: message and scribe goes on with the defaults for
 * what was bad.
 *
 *   shared_dir: /srv/scribe          # the shared directory
 *   author: Dana                     # the name written on entries
 *   categories: [trigger, technical, process, communication, external]
 *   blame_phrases: [human error, should have, ...]
 *   theme: projector                 # themes/NAME.yaml
 *   times: local                     # or utc, or both
 *   keys: {quit: ctrl-x, add: n}     # request name -> key (or a list)
 */
#ifndef SCRIBE_CONFIG_H
#define SCRIBE_CONFIG_H

#include <stddef.h>

#include "scribe/util.h"

struct config {
	char *path;		/* the file read, or NULL when there is none */
	char *shared_dir;	/* NULL: not set */
	char *author;
	char **categories;	/* NULL-terminated; NULL: the defaults */
	size_t ncategories;
	char **blame_phrases;	/* NULL-terminated; NULL: the defaults */
	char *theme;		/* NULL: "default" */
	int times;		/* enum clock_zone; CLOCK_LOCAL unless set */
	struct config_key *keys;	/* key bindings: request name -> key */
	size_t nkeys;
};

/* One line of "keys:", checked by the screen, which knows the keys. */
struct config_key {
	char *request, *key;
	int line, col;
};

/* Reads the configuration (a missing file is no problem).  Problems go
 * to d.  The result lives until config_free. */
void config_load(struct config *c, struct diags *d);
/* Reads a given file, for tests and `scribe check`. */
void config_load_file(struct config *c, const char *path, struct diags *d);
void config_free(struct config *c);

/* The one configuration of this process, loaded on first use; its
 * problems go to d (may be NULL: then they are dropped; the command line
 * asks first, with a list, and prints them). */
const struct config *config_get(struct diags *d);

struct incident;
/* Gives inc the configured board columns. */
void config_apply(struct incident *inc);

#endif
