/* Drafts: entries set aside with Esc, the entry being typed when the
 * session ended, and events that could not be saved yet.  They live in
 * a private journal under $XDG_STATE_HOME/scribe/drafts/ (mode 0600,
 * folder 0700), one file per session, never in the shared directory:
 * half-typed text is nobody else's business.
 *
 * A draft is kept as an event record (the same YAML as the shared
 * journals): typed holds the moment of its first key, text what was
 * typed so far.  The file is rewritten whole (temp file + rename) each
 * time the set changes, so a crash leaves the old or the new set. */
#ifndef SCRIBE_DRAFT_H
#define SCRIBE_DRAFT_H

#include <stdbool.h>

#include "scribe/clock.h"
#include "scribe/model.h"
#include "scribe/util.h"

enum draft_state {
	DRAFT_TYPING,	/* the entry in the editor right now */
	DRAFT_ASIDE,	/* set aside with Esc */
	DRAFT_PENDING,	/* committed, but not yet saved to the shared directory */
};

struct draft {
	char key[REV_LEN];	/* stable id of the draft (the rev it will be saved with) */
	char event_id[ID_LEN];	/* the id of the event it becomes */
	enum draft_state state;
	ms_t typed;		/* first key press */
	ms_t at;		/* when it happened (= typed unless backdated) */
	ms_t logged;		/* Enter (pending only) */
	enum kind kind;
	char *text;
};

struct drafts {
	char *incident;
	char *dir;		/* $XDG_STATE_HOME/scribe/drafts/<incident> */
	char *path;		/* this session's file */
	struct draft *v;
	size_t n, cap;
};

/* Opens this session's draft set for the incident and adopts the drafts
 * of sessions that have ended (their files are merged into ours, then
 * removed).  Returns 0, or an EXIT_* code with e set (the set is then
 * usable in memory only). */
int drafts_open(struct drafts *d, const char *incident, struct error *e);
void drafts_close(struct drafts *d);

/* Adds or replaces (by key) a draft; the text is copied.  Returns the
 * stored draft. */
struct draft *drafts_put(struct drafts *d, const struct draft *dr);
void drafts_remove(struct drafts *d, const char *key);
/* The most recent draft in the given state (by typed), or NULL. */
struct draft *drafts_latest(struct drafts *d, enum draft_state state);

/* Writes the set to this session's file (0600).  sync also fsyncs the
 * file and its folder (on exit, on signals).  Returns 0 or EXIT_IOERR. */
int drafts_save(struct drafts *d, bool sync, struct error *e);

#endif
