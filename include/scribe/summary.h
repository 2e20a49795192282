/* The summary pane (summary.c): the incident's fields for the report. */
#ifndef SCRIBE_SUMMARY_H
#define SCRIBE_SUMMARY_H

#include "scribe/ui.h"

extern const struct pane_ops summary_ops;

/* What followers see: the selected field ("f0" to "f7"), and selecting
 * one. */
const char *summary_selected_id(struct ui *ui, struct pane *p);
void summary_select_id(struct ui *ui, struct pane *p, const char *id);

#endif
