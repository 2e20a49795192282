/* The configuration: a system-wide file (/etc/scribe/config.yaml, where
 * an administrator sets the team's folder, so that `ssh host scribe ...`
 * finds it without a profile), then the user's
 * $XDG_CONFIG_HOME/scribe/config.yaml (default ~/.config); each key the
 * user sets wins.  Every key is optional; a bad file or value is reported
 * as FILE:LINE:COLUMN: message and scribe goes on with the defaults for
 * what was bad.
 *
 *   shared_dir: /srv/scribe          # the shared directory (absolute)
 *   group: oncall                    # the group new incidents get
 *   sync: git                        # sync the folder through git, in the background
 *   remote: origin                   # the git remote (default origin)
 *   sync_interval: 10                # seconds between background syncs
 *   publish_dir: /srv/scribe/_reports  # sync keeps `scribe publish` current there
 *   author: Dana                     # the name written on entries
 *   categories: [trigger, technical, process, communication, external]
 *   blame_phrases: [human error, should have, ...]
 *   theme: projector                 # themes/NAME.yaml
 *   times: local                     # or utc, or both
 *   keys: {quit: ctrl-x, add: n}     # request name -> key (or a list)
 *   export_public: true              # export --public unless --internal
 *   export_authors: false            # public exports without authors
 *   export_link: https://wiki/pm/{id} # the way back, in actions exports
 */
#ifndef SCRIBE_CONFIG_H
#define SCRIBE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/util.h"

struct config {
	char *path;		/* the user's file read, or NULL when there is none */
	char *sys_path;		/* the system-wide file read, or NULL */
	char *shared_dir;	/* NULL: not set */
	int shared_dir_line;	/* where it was set */
	bool shared_dir_user;	/* by the user's file (else the system's) */
	char *sys_shared_dir;	/* the system file's shared_dir, or NULL */
	char *group;		/* NULL: the folder's (setgid) or the user's */
	bool sync;		/* sync: git */
	bool sync_set;
	char *remote;		/* NULL: origin */
	int sync_interval;	/* seconds; 0: the default */
	char *publish_dir;	/* where sync keeps the published reports, or NULL */
	char *author;
	char **categories;	/* NULL-terminated; NULL: the defaults */
	size_t ncategories;
	char **blame_phrases;	/* NULL-terminated; NULL: the defaults */
	char *theme;		/* NULL: "default" */
	int times;		/* enum clock_zone; CLOCK_LOCAL unless set */
	bool times_set;
	struct config_key *keys;	/* key bindings: request name -> key */
	size_t nkeys;
	bool keys_user;		/* the keys come from the user's file */
	bool export_public;	/* export is public unless --internal */
	bool export_no_authors;	/* export_authors: false */
	bool export_public_set, export_authors_set;	/* the file says */
	char *export_link;	/* NULL: "scribe open ID" */
};

/* One line of "keys:", checked by the screen, which knows the keys. */
struct config_key {
	char *request, *key;
	int line, col;
};

/* The system-wide file's name ($SCRIBE_SYSCONFIG when set, empty for
 * none), or NULL; the user's (allocated), or NULL without a home. */
const char *config_system_path(void);
char *config_user_path(void);

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
