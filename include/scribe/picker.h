/* The incident picker (picker.c): the pane `scribe` opens on, while no
 * incident is open.  Enter opens the selected incident and n creates
 * one, through ui_open, in place of the picker. */
#ifndef SCRIBE_PICKER_H
#define SCRIBE_PICKER_H

#include "scribe/ui.h"

extern const struct pane_ops picker_ops;

#endif
