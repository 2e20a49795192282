/* Changing an incident: every function here builds one record, writes it
 * durably through the store and folds it into the incident.  Edits are
 * based on the entity's current revision, so the record that replaces a
 * field names the version it replaced; when two people change the same
 * field from the same version, both records stay in the history and the
 * model counts a conflict (edit_* then returns EXIT_CONFLICT, after
 * saving, so the caller can say so).
 *
 * All return 0 or an EXIT_* code with e set.  Texts are copied. */
#ifndef SCRIBE_EDIT_H
#define SCRIBE_EDIT_H

#include <stdbool.h>

#include "scribe/model.h"
#include "scribe/store.h"

#define EDIT_ID_LEN 16	/* room for a new entity id: "e" + 10 characters */

/* ---- the base of an edit ----
 *
 * An edit that takes time (a prompt, a long text, an /edit) is based on
 * the revision the user began from, not on the one there is when it is
 * saved: a change someone else saved in between is then a conflict
 * (both versions kept, counted by the fold, listed by scribe check)
 * rather than silently replaced. */

struct edit_base {
	enum rec_type type;
	char id[ID_LEN];
	char rev[REV_LEN];	/* "": no base taken */
};

/* Takes ent's current revision into b (ent NULL: b is empty). */
void edit_base_take(struct edit_base *b, const struct entity *ent);
/* The next change to b's entity (one change) is based on b; NULL, or an
 * empty b, forgets it: changes are based on the entity's head again.
 * One edit at a time: set it just before the edit_* call, NULL after. */
void edit_from(const struct edit_base *b);

/* ---- events ---- */

struct event_new {
	ms_t at, typed, logged;	/* logged < 0: the moment of saving */
	enum kind kind;
	enum marker marker;
	const char *text;
	const char *by;		/* who saw it; NULL: this session's author */
	const char *id, *rev;	/* fixed id and revision (a retried save), or NULL */
	bool star, causal;
	bool internal;		/* left out of the public report */
};

int edit_event_add(struct store *s, struct incident *inc, const struct event_new *ev, char *id,
		   struct error *e);
int edit_event_text(struct store *s, struct incident *inc, const char *id, const char *text,
		    struct error *e);
int edit_event_at(struct store *s, struct incident *inc, const char *id, ms_t at, struct error *e);
int edit_event_kind(struct store *s, struct incident *inc, const char *id, enum kind kind,
		    struct error *e);
int edit_event_marker(struct store *s, struct incident *inc, const char *id, enum marker m,
		      struct error *e);
int edit_event_star(struct store *s, struct incident *inc, const char *id, bool on, struct error *e);
int edit_event_causal(struct store *s, struct incident *inc, const char *id, bool on,
		      struct error *e);
/* An internal event is left out of the public report. */
int edit_event_internal(struct store *s, struct incident *inc, const char *id, bool on,
			struct error *e);
/* Deleting only hides: the event stays in the history and comes back
 * with deleted = false. */
int edit_event_delete(struct store *s, struct incident *inc, const char *id, bool deleted,
		      struct error *e);

/* ---- the summary ---- */

/* Sets one text field of the incident: F_TITLE, F_IMPACT, F_APOLOGY,
 * F_HAPPENED, F_WENT_WELL or F_LUCKY. */
int edit_incident_text(struct store *s, struct incident *inc, enum field_id f, const char *text,
		       struct error *e);
int edit_incident_severity(struct store *s, struct incident *inc, int severity, struct error *e);
int edit_incident_status(struct store *s, struct incident *inc, enum incident_status st,
			 struct error *e);

/* ---- factors (the board) ---- */

int edit_factor_add(struct store *s, struct incident *inc, const char *title, const char *category,
		    const char *description, char *id, struct error *e);
/* title or description NULL: unchanged. */
int edit_factor_edit(struct store *s, struct incident *inc, const char *id, const char *title,
		     const char *description, struct error *e);
/* To another column (category, at its end), and/or up (delta < 0) or
 * down (delta > 0) within the column; category NULL keeps it. */
int edit_factor_move(struct store *s, struct incident *inc, const char *id, const char *category,
		     int delta, struct error *e);
/* Links (or unlinks) a timeline event to the factor. */
int edit_factor_link(struct store *s, struct incident *inc, const char *id, const char *event_id,
		     bool link, struct error *e);
/* "No action" for this factor, with the reason (NULL or "" clears it). */
int edit_factor_no_action(struct store *s, struct incident *inc, const char *id,
			  const char *reason, struct error *e);
int edit_factor_delete(struct store *s, struct incident *inc, const char *id, bool deleted,
		       struct error *e);

/* ---- actions ---- */

int edit_action_add(struct store *s, struct incident *inc, const char *title, enum action_type type,
		    enum priority prio, char *id, struct error *e);
/* NULL: unchanged; "" clears owner or due.  due is "YYYY-MM-DD". */
int edit_action_edit(struct store *s, struct incident *inc, const char *id, const char *title,
		     const char *owner, const char *due, struct error *e);
int edit_action_type(struct store *s, struct incident *inc, const char *id, enum action_type t,
		     struct error *e);
int edit_action_priority(struct store *s, struct incident *inc, const char *id, enum priority p,
			 struct error *e);
/* wontfix needs a reason (EXIT_USAGE without one). */
int edit_action_status(struct store *s, struct incident *inc, const char *id,
		       enum action_status st, const char *reason, struct error *e);
/* This author's one vote: up or withdrawn. */
int edit_action_vote(struct store *s, struct incident *inc, const char *id, bool up,
		     struct error *e);
/* Up (delta < 0) or down within the actions of the same priority and
 * votes (the manual order). */
int edit_action_move(struct store *s, struct incident *inc, const char *id, int delta,
		     struct error *e);
int edit_action_link(struct store *s, struct incident *inc, const char *id, const char *factor_id,
		     bool link, struct error *e);
int edit_action_delete(struct store *s, struct incident *inc, const char *id, bool deleted,
		       struct error *e);

/* ---- discussion ---- */

/* A comment by this session's author on the factor or action id (text
 * neither empty nor only blanks: EXIT_USAGE). */
int edit_comment(struct store *s, struct incident *inc, const char *id, const char *text,
		 struct error *e);
/* Changes the comment whose rev is rev on the factor or action id (by
 * anyone; kept in its history): its text (text not NULL; neither empty
 * nor only blanks: EXIT_USAGE), or deletes it (text NULL, deleted true)
 * or restores it (text NULL, deleted false).  A change that changes
 * nothing saves nothing.  No such comment on id: EXIT_NOINPUT. */
int edit_comment_change(struct store *s, struct incident *inc, const char *id, const char *rev,
			const char *text, bool deleted, struct error *e);

#define ACTION_REF_MAX 200
#define ACTION_REF_RULE "a tracker reference is one word (at most 200 characters), like PROJ-123, #45 or a link"
/* The tracker's reference once the action is filed ("PROJ-123", "#45",
 * a link; "" clears it): one word without '`', '<' or '>'. */
int edit_action_ref(struct store *s, struct incident *inc, const char *id, const char *ref,
		    struct error *e);
bool action_ref_valid(const char *ref);

/* Did this author vote for the action? */
bool action_voted(const struct action *a, const char *voter);

#endif
