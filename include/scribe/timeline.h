/* The timeline pane (timeline.c): the events and the entry line. */
#ifndef SCRIBE_TIMELINE_H
#define SCRIBE_TIMELINE_H

#include "scribe/ui.h"

extern const struct pane_ops timeline_ops;

/* What followers see: the selected event's id, and selecting one. */
const char *timeline_selected_id(struct ui *ui);
void timeline_select_id(struct ui *ui, const char *id);
/* Shows the timeline with the event id selected; Esc there comes back. */
void timeline_show_event(struct ui *ui, const char *id);

/* The timeline pane's entry, for drafts on exit. */
void timeline_set_aside(struct ui *ui, bool sync);
/* Draws only the editor's rows, where the last full draw put them, when
 * a key changed nothing else (ui->quick); false when that will not do
 * (the editor grew or shrank): then draw everything. */
bool timeline_draw_editor(struct ui *ui);
void timeline_retry_pending(struct ui *ui);
void timeline_restore_draft(struct ui *ui);

#endif
