/* One list view for every list on screen, as htop's Panel and tig's
 * view driver: the pane supplies its items (how many, each one's id,
 * how tall it is, how to draw it) and the list view does the rest.  It
 * keeps the selection and the first item shown anchored to the items'
 * ids, so both stay on the same item through re-sorts, live inserts,
 * background loading, filters and deletions; it moves them for every
 * navigation request, the same way in every pane; it keeps the selected
 * item fully on screen when it fits.
 *
 * No curses here: drawing goes through the source's draw callback, so
 * the whole behaviour is unit-tested (tests/unit/test_listview.c). */
#ifndef SCRIBE_LISTVIEW_H
#define SCRIBE_LISTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/keys.h"

#define LISTVIEW_NONE ((size_t)-1)
#define LISTVIEW_ID_LEN 96	/* incident ids are the longest ids listed */

struct listview_source {
	/* How many items there are now. */
	size_t (*count)(void *ctx);
	/* The stable id of item i (i < count); never NULL. */
	const char *(*id)(void *ctx, size_t i);
	/* Where the item with id is now, or LISTVIEW_NONE; hint is where it
	 * was last time.  NULL: the list view looks at hint, then at every
	 * item (fine for short lists; a long one brings its own). */
	size_t (*find)(void *ctx, const char *id, size_t hint);
	/* The rows item i takes at width.  NULL: one row each. */
	int (*height)(void *ctx, size_t i, int width);
	/* Draws item i from screen row y (of the view), at most max rows;
	 * returns the rows it used. */
	int (*draw)(void *ctx, size_t i, int y, int max, bool selected);
};

struct listview {
	const struct listview_source *src;
	void *ctx;
	char sel_id[LISTVIEW_ID_LEN];	/* "" while there is no selection */
	char top_id[LISTVIEW_ID_LEN];	/* the first item shown */
	size_t sel, top, n;	/* as of the last sync */
	int rows, width;	/* the view, as last placed */
	int gap;		/* blank rows between items (projector mode) */
	bool follow_end;	/* on the last item, a new last item is selected */
	bool at_end;		/* the selection was on the last item */
};

void listview_init(struct listview *lv, const struct listview_source *src, void *ctx);

/* Finds the selected and the first shown items again after the items
 * changed (cheap when they did not).  A selected item that is gone
 * leaves the selection on its neighbour (the one now in its place, else
 * the last).  Every function below calls it first. */
void listview_sync(struct listview *lv);

/* The selected item's index and id; LISTVIEW_NONE and "" when the list
 * is empty. */
size_t listview_selected(struct listview *lv);
const char *listview_selected_id(struct listview *lv);

/* Selects the item with id (it will be scrolled into view); returns
 * false, changing nothing, when there is no such item. */
bool listview_select(struct listview *lv, const char *id);
/* Selects item i (clamped to the list). */
void listview_select_index(struct listview *lv, size_t i);

/* Handles the navigation requests (Up, Down, PgUp, PgDn, Home, End:
 * a page is a screenful less one row); returns false for any other. */
bool listview_key(struct listview *lv, enum request req);

/* Sets the view's size and scrolls so that the selected item is fully
 * shown when it fits (else its first rows); returns the first item shown
 * (LISTVIEW_NONE when empty). */
size_t listview_place(struct listview *lv, int rows, int width);

/* Places the view, then draws the items on screen through the source's
 * draw (selected is false for all when !focused); returns rows used. */
int listview_draw(struct listview *lv, int rows, int width, bool focused);

#endif
