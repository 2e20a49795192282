/* The factor board (factors.c): contributing factors as cards, one
 * column per category. */
#ifndef SCRIBE_FACTORS_H
#define SCRIBE_FACTORS_H

#include "scribe/ui.h"

extern const struct pane_ops factors_ops;

/* What followers see: the id of the selected card ("" when none), and
 * showing card id selected in its column. */
const char *factors_selected_id(struct ui *ui, struct pane *p);
void factors_select_id(struct ui *ui, struct pane *p, const char *id);

#endif
