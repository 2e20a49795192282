/* What the retrospective's panes (factors.c, actions.c, summary.c) share
 * (paneutil.c). */
#ifndef SCRIBE_PANEUTIL_H
#define SCRIBE_PANEUTIL_H

#include "scribe/ui.h"

/* The entity a prompt or an overlay is about: one at a time. */
extern char target[ID_LEN];

/* While set, the put_* helpers count rows without drawing (to fit the
 * selected card on screen before drawing the column). */
extern bool measuring;

/* Records the outcome of a save; says done when it succeeded. */
void saved(struct ui *ui, int rc, const struct error *e, const char *done);
/* Draws text wrapped in width from (y, x), at most max rows; returns the
 * rows used. */
int put_wrapped(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text);
/* c, C, X and h on the card or action id, called title. */
bool talk_key(struct ui *ui, enum request req, const char *kind, const char *id, const char *title);
/* The blame hints for text, one line each: "⚠ "should have": what...". */
int put_hints(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text);
/* Whether req would change the incident (refused to a follower); moving
 * around, jumping to events and quitting would not. */
bool changes(enum request req);
/* The keys of the meeting, the same in every board pane. */
bool meeting_key(struct ui *ui, enum request req);
/* Asks where to write the report, and writes it. */
bool ask_export(struct ui *ui);
/* What was just edited (target) is highlighted, in its column or in the
 * list. */
void show_target(struct ui *ui);

/* What followers see on a board pane (factors, actions, summary): the
 * selected item's id, and selecting one. */
const char *board_selected_id(struct ui *ui, struct pane *p);
void board_select_id(struct ui *ui, struct pane *p, const char *id);

#endif
