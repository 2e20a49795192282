/* The shared directory synchronised through git.
 *
 * When the shared directory is a git working tree with a remote, each
 * host commits its own journals (each file has exactly one writer and
 * only grows), fetches, merges and pushes.  Such a folder can never
 * produce a merge conflict: two hosts never write the same file, and a
 * file's newer version always extends its older one.  A merge (never a
 * rebase) leaves this host's files alone, so that sessions writing to
 * them keep their open journals.
 *
 * What is committed: journals (j-*.yaml) and packs, whole records only
 * (a record being written at that moment waits for the next sync), and
 * the .gitignore scribe maintains; never presence files, temporary
 * files, caches or drafts.  A journal that was changed other than by
 * appending is not committed and is reported. */
#ifndef SCRIBE_SYNC_H
#define SCRIBE_SYNC_H

#include <stdbool.h>
#include <time.h>

#include "scribe/util.h"

enum sync_state {
	SYNC_NONE,	/* not a git working tree, or no sync yet */
	SYNC_IN_STEP,	/* everything pushed, nothing new on the remote */
	SYNC_AHEAD,	/* commits not pushed yet (the remote refused or is away) */
	SYNC_OFFLINE,	/* the remote could not be reached */
	SYNC_FAILED,	/* something else went wrong: see msg */
};

struct sync_status {
	enum sync_state state;
	long ahead;		/* commits not on the remote */
	time_t last_ok;		/* the last sync that reached the remote, or 0 */
	time_t since;		/* offline or failing since, or 0 */
	long refused;		/* files changed other than by appending, not committed */
	long restored;		/* shared files removed by hand, restored */
	char remote[64];
	char msg[512];		/* the last problem, one line */
};

struct sync_options {
	const char *remote;	/* NULL: the configuration's, else "origin" */
	bool wait;		/* wait for another sync of this folder to finish */
	bool quiet;
	int timeout;		/* seconds for each network step; 0: 60 */
};

/* True if root is inside a git working tree. */
bool sync_is_repo(const char *root);

/* One synchronisation: commit this host's new records, fetch, merge,
 * push (retried when another host pushed first).  Fills st (also saved
 * for sync_status) and returns 0 or an exit status with e set.  Progress
 * lines go to stderr unless quiet. */
int sync_run(const char *root, const struct sync_options *o, struct sync_status *st, struct error *e);

/* The state the last sync of root left (SYNC_NONE when there is none). */
void sync_status(const char *root, struct sync_status *st);

/* One line for people: "in step with origin", "2 commits not pushed",
 * "offline since 14:03 (origin)", ... */
void sync_describe(const struct sync_status *st, char *buf, size_t n);

/* Background sync for the full-screen program: a child process runs
 * sync_run every interval and a second after each save; keys never wait
 * for it.  note is what the status line shows: "synced", "2 not pushed",
 * "offline since 14:03", "sync failing since 14:03" ("" before the
 * first sync). */
struct bgsync {
	bool on;
	int child;		/* pid of the running sync, or 0 */
	long long last_start, due;	/* ms (clock_now); due 0: none */
	int interval_ms;
	enum sync_state state;
	char note[96];
};
void bgsync_init(struct bgsync *b, const char *root);
/* A record was saved: sync soon. */
void bgsync_saved(struct bgsync *b, long long now);
/* Reaps a finished sync and starts one when due; true when note changed. */
bool bgsync_tick(struct bgsync *b, const char *root, long long now);
/* At exit: one last sync, detached (quitting never waits for it). */
void bgsync_finish(struct bgsync *b, const char *root);

/* The .gitignore scribe keeps in a synchronised shared directory. */
extern const char sync_gitignore[];

#endif
