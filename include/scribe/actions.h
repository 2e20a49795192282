/* The action list (actions.c). */
#ifndef SCRIBE_ACTIONS_H
#define SCRIBE_ACTIONS_H

#include "scribe/ui.h"

extern const struct pane_ops actions_ops;

/* The action highlighted in the actions pane (what /ref in the timeline
 * acts on), or NULL when there is none. */
struct action *actions_selected(struct ui *ui);

/* What followers see: the id of the selected action ("" when none), and
 * selecting action id. */
const char *actions_selected_id(struct ui *ui, struct pane *p);
void actions_select_id(struct ui *ui, struct pane *p, const char *id);

#endif
