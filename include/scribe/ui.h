/* The full-screen program: the only code that calls curses.  ui.c owns
 * the terminal, the main loop, the frame (tab bar, status line, help
 * overlay) and the incident's live state; each pane is a struct with a
 * const table of operations, in a file of its own. */
#ifndef SCRIBE_UI_H
#define SCRIBE_UI_H

#include <stdbool.h>
#include <wchar.h>

#include "scribe/curses.h"

#include "scribe/draft.h"
#include "scribe/edit.h"
#include "scribe/keys.h"
#include "scribe/lineedit.h"
#include "scribe/listview.h"
#include "scribe/model.h"
#include "scribe/store.h"
#include "scribe/sync.h"
#include "scribe/theme.h"


struct ui;
struct pane;

struct rect {
	int y, x, h, w;
};

struct pane_ops {
	const char *name;
	enum key_ctx ctx;
	/* Draws the whole screen: no tab bar, no status line (the picker). */
	bool whole_screen;
	void (*draw)(struct ui *ui, struct pane *p, struct rect r, bool focused);
	/* Returns true when it used the key. */
	bool (*key)(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char);
	/* Called after new records arrived from others. */
	void (*update)(struct ui *ui, struct pane *p);
	/* Where the terminal cursor should be, if the pane shows one. */
	bool (*cursor)(struct ui *ui, struct pane *p, int *y, int *x);
	/* Called on every turn of the main loop (cheap); returns true when
	 * the screen must be drawn again. */
	bool (*tick)(struct ui *ui, struct pane *p);
	void (*destroy)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	void *state;
	struct rect rect;
};

/* The incident's panes, in the tab bar's order (PANE_COUNT of them), then
 * the picker, the pane shown while no incident is open. */
enum { PANE_TIMELINE, PANE_FACTORS, PANE_ACTIONS, PANE_SUMMARY, PANE_COUNT, PANE_PICKER = PANE_COUNT, PANE_ALL };

/* A one-line question at the bottom (titles, severities). */
struct prompt {
	bool active;
	char label[64];
	struct lineedit le;
	void (*done)(struct ui *ui, const char *answer);	/* NULL answer: cancelled */
	struct edit_base base;	/* the field's revision when the prompt opened */
};

/* A long text being edited over the panes (descriptions, the summary):
 * Enter is a new line, Ctrl-S saves, Esc cancels, Ctrl-X hands it to
 * $VISUAL/$EDITOR. */
struct longedit {
	bool active;
	char label[96];
	struct lineedit le;
	void (*done)(struct ui *ui, const char *text);	/* NULL: cancelled */
	struct edit_base base;	/* the field's revision when the editor opened */
};

/* A list to tick (events for a card, factors for an action). */
struct checklist {
	bool active;
	char title[96];
	char **items;
	bool *on;
	size_t n;
	struct listview lv;	/* items by their index: the list does not change */
	struct ui *ui;
	int y, x, w;		/* where the items are drawn */
	void (*done)(struct ui *ui, const bool *on);	/* not called when cancelled */
};

struct history_view;

struct ui {
	char *root;
	struct store *store;
	struct incident *inc;
	struct drafts drafts;
	struct pane panes[PANE_ALL];	/* ops NULL: not open */
	int focus, side;	/* the current pane; the pane beside the timeline when wide */
	int rows, cols;
	bool wide, too_small, help, quit;
	bool quick;		/* the last key changed only the text typed */
	bool ascii;		/* non-UTF-8 locale: ASCII glyphs and placeholders */
	unsigned text_flags;
	attr_t attrs[AREA_COUNT];
	char msg[256];
	bool msg_error;
	ms_t msg_until;
	char not_saved[200];	/* why the last save failed, "" when all is saved */
	struct presence *people;
	size_t npeople;
	struct durations dur;	/* cached per incident generation */
	uint64_t dur_gen;
	struct prompt prompt;
	struct longedit longedit;
	struct checklist checklist;
	struct history_view *history;	/* the history overlay, or NULL */
	int back_pane;		/* where Esc in the timeline returns after g, or -1 */
	off_t loading;		/* bytes of older records still to read, 0 when all are */
	struct theme theme;
	char theme_before[64];	/* the theme to go back to after projector mode */
	bool present, zoom, follow;
	ms_t timebox_end;	/* 0: no timebox */
	ms_t timebox_len;
	char published[128];	/* what the presence file says we show */
	struct bgsync sync;	/* the shared folder synchronised through git */
	bool newcomer;		/* no key pressed yet: the status line says how to get help and out */
	char presenter[64];	/* follow mode: who is followed, "" when no one presents */
};

struct ui_options {
	const char *theme;	/* NULL: the configuration's, else "default" */
	bool present;		/* projector mode from the start */
	bool follow;		/* read-only, following the presenting session */
};

/* Runs the full-screen program: on incident id, or the picker when id
 * is NULL.  Returns the exit status. */
int ui_main(const char *root, const char *id, const struct ui_options *opts);

/* Projector mode, zoom, themes and the timebox (ui.c). */
void ui_toggle_present(struct ui *ui);
void ui_toggle_zoom(struct ui *ui);
void ui_next_theme(struct ui *ui);
int ui_set_theme(struct ui *ui, const char *name);
/* "10m", "90s", "1h30m"; "off" clears.  Returns 0 or -1 with a message. */
int ui_set_timebox(struct ui *ui, const char *spec);
/* Whether keys that change things are refused (follow mode says so). */
bool ui_read_only(struct ui *ui);
/* What this session shows, for followers: "pane=N sel=ID". */
void ui_publish(struct ui *ui);

/* ---- for the panes ---- */

void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Records the outcome of a save: rc 0 clears NOT SAVED, else shows e. */
void ui_saved(struct ui *ui, int rc, const struct error *e);
void ui_ask(struct ui *ui, const char *label, const char *initial,
	    void (*done)(struct ui *ui, const char *answer));
const struct durations *ui_durations(struct ui *ui);
void ui_edit_long(struct ui *ui, const char *label, const char *initial,
		  void (*done)(struct ui *ui, const char *text));
/* As ui_ask and ui_edit_long, for a field of ent that exists already
 * (a title, an owner, a description): the edit's base is ent's revision
 * now, when the user begins, so that a change someone else saves before
 * done saves is a conflict (said at once, kept for scribe check), not
 * silently replaced. */
void ui_ask_field(struct ui *ui, const struct entity *ent, const char *label, const char *initial,
		  void (*done)(struct ui *ui, const char *answer));
void ui_edit_long_field(struct ui *ui, const struct entity *ent, const char *label, const char *initial,
			void (*done)(struct ui *ui, const char *text));
/* items are copied. */
void ui_choose(struct ui *ui, const char *title, const char *const *items, const bool *on, size_t n,
	       void (*done)(struct ui *ui, const bool *on));
/* Hands the terminal to $VISUAL/$EDITOR with text; returns the new text
 * (malloc'd) or NULL when that failed (and says why). */
char *ui_external_edit(struct ui *ui, const char *text);
/* /import [#CHANNEL] FILE: the events the file would add, in a
 * checklist; Enter adds the ticked ones (importview.c). */
void ui_import(struct ui *ui, const char *arg);
/* Writes the markdown report to path (NULL or "": ID.md here). */
void ui_export(struct ui *ui, const char *path);

/* Drawing helpers: text is sanitized (placeholders in their own colour)
 * and clipped to the width, where a cut shows as "…" ("~" in ASCII) in
 * the last column; they return the columns used. */
int ui_put(struct ui *ui, int y, int x, int w, enum area a, const char *s);
int ui_putn(struct ui *ui, int y, int x, int w, enum area a, const char *s, size_t n);
void ui_fill(struct ui *ui, int y, int x, int w, enum area a);
/* A glyph with its ASCII fallback. */
const char *ui_glyph(struct ui *ui, const char *utf8, const char *ascii);
void ui_help_lines(struct ui *ui, void (*line)(void *ctx, const char *keys, const char *help),
		   void *ctx);

/* Discussion and history (historyview.c). */
#define COMMENTS_SHOWN 3	/* the latest comments shown under a card */
/* Draws the latest comments on id from row y in w columns, at most max
 * rows; returns the rows used (0 when there are none). */
int comments_draw(struct ui *ui, const char *id, int y, int x, int w, int max, enum area a);
/* C and X on the card or action id: asks which of its comments (when
 * it has several) and then the new text, or which to delete; saves. */
void comments_edit(struct ui *ui, const char *id);
void comments_delete(struct ui *ui, const char *id);
/* Opens the history overlay on entity id (what: "event 14:03 ...", for
 * its title), reading its records back from the journals. */
void history_view_open(struct ui *ui, const char *id, const char *what);
void history_view_close(struct ui *ui);
void history_view_draw(struct ui *ui);
void history_view_key(struct ui *ui, wint_t ch, bool is_char);

/* Opens incident id in place of the picker, whose pane is closed (from
 * within its own key handling: it must not touch its state after this);
 * when the incident does not open, says why and the picker stays. */
void ui_open(struct ui *ui, const char *id);

#endif
