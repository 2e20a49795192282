/* The one list view (see listview.h).  The selection and the first item
 * shown are kept as ids; their indexes are hints, checked against the
 * ids at every sync, so a list that changed under the view (re-sorted,
 * grown, loaded, filtered) never moves the highlight to another item.
 * Every walk over the items is bounded by what fits on screen, so a
 * 100,000-event timeline costs the same as a short list. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scribe/listview.h"

#define NONE LISTVIEW_NONE

void listview_init(struct listview *lv, const struct listview_source *src, void *ctx)
{
	memset(lv, 0, sizeof(*lv));
	lv->src = src;
	lv->ctx = ctx;
	lv->sel = lv->top = NONE;
	lv->rows = 1;
	lv->width = 80;
}

static void set_id(char *dst, const char *id)
{
	snprintf(dst, LISTVIEW_ID_LEN, "%s", id ? id : "");
}

static size_t locate(struct listview *lv, const char *id, size_t hint)
{
	if (hint < lv->n && !strcmp(lv->src->id(lv->ctx, hint), id))
		return hint;
	if (lv->src->find)
		return lv->src->find(lv->ctx, id, hint);
	for (size_t i = 0; i < lv->n; i++)
		if (!strcmp(lv->src->id(lv->ctx, i), id))
			return i;
	return NONE;
}

/* Where an item that is gone leaves the view: the item now in its place
 * (its neighbour), else the last one. */
static size_t neighbour(const struct listview *lv, size_t was)
{
	if (was == NONE)
		return 0;
	return was < lv->n ? was : lv->n - 1;
}

void listview_sync(struct listview *lv)
{
	size_t old_n = lv->n, i;

	lv->n = lv->src->count(lv->ctx);
	if (!lv->n) {
		lv->sel = lv->top = NONE;
		lv->sel_id[0] = lv->top_id[0] = '\0';
		lv->at_end = lv->follow_end;
		return;
	}
	if (!lv->sel_id[0]) {
		i = lv->at_end && lv->follow_end ? lv->n - 1 : 0;
	} else if ((i = locate(lv, lv->sel_id, lv->sel)) == NONE) {
		i = neighbour(lv, lv->sel);
	} else if (lv->follow_end && lv->at_end && lv->n > old_n) {
		/* new items arrived after the last one selected: follow them
		 * (an item that only moved keeps the selection) */
		i = lv->n - 1;
	}
	lv->sel = i;
	set_id(lv->sel_id, lv->src->id(lv->ctx, i));
	lv->at_end = i == lv->n - 1;

	i = lv->top_id[0] ? locate(lv, lv->top_id, lv->top) : NONE;
	if (i == NONE)
		i = neighbour(lv, lv->top);
	lv->top = i;
	set_id(lv->top_id, lv->src->id(lv->ctx, i));
}

size_t listview_selected(struct listview *lv)
{
	listview_sync(lv);
	return lv->sel;
}

const char *listview_selected_id(struct listview *lv)
{
	listview_sync(lv);
	return lv->sel_id;
}

static void set_sel(struct listview *lv, size_t i)
{
	lv->sel = i;
	set_id(lv->sel_id, lv->src->id(lv->ctx, i));
	lv->at_end = i == lv->n - 1;
}

static void set_top(struct listview *lv, size_t i)
{
	lv->top = i;
	set_id(lv->top_id, lv->src->id(lv->ctx, i));
}

bool listview_select(struct listview *lv, const char *id)
{
	size_t i;

	listview_sync(lv);
	if (!id || !id[0] || (i = locate(lv, id, lv->sel)) == NONE)
		return false;
	set_sel(lv, i);
	return true;
}

void listview_select_index(struct listview *lv, size_t i)
{
	listview_sync(lv);
	if (lv->n)
		set_sel(lv, i < lv->n ? i : lv->n - 1);
}

static int height(struct listview *lv, size_t i)
{
	int h = lv->src->height ? lv->src->height(lv->ctx, i, lv->width) : 1;

	return h > 0 ? h : 1;
}

/* The rows items a..b (inclusive) take with the gaps between them, or
 * a number above limit as soon as they take more. */
static int span(struct listview *lv, size_t a, size_t b, int limit)
{
	int rows = 0;

	for (size_t i = a; i <= b && i < lv->n; i++) {
		rows += height(lv, i) + (i > a ? lv->gap : 0);
		if (rows > limit)
			break;
	}
	return rows;
}

/* The first of the items before item from (and from itself) that fit
 * in limit rows when used rows are taken already. */
static size_t walk_back(struct listview *lv, size_t from, int used, int limit)
{
	size_t top = from;

	while (top > 0) {
		int h = height(lv, top - 1) + lv->gap;

		if (used + h > limit)
			break;
		used += h;
		top--;
	}
	return top;
}

/* The first item of a view whose last rows hold item last. */
static size_t top_for_bottom(struct listview *lv, size_t last, int rows)
{
	return walk_back(lv, last, height(lv, last), rows);
}

/* Scrolls as little as needed for the selection to be fully on screen,
 * and leaves no blank rows at the bottom while items are above. */
static void scroll_into_view(struct listview *lv)
{
	int rows = lv->rows, used;

	if (!lv->n)
		return;
	if (lv->top == NONE || lv->top >= lv->n)
		set_top(lv, 0);
	if (lv->top > lv->sel)
		set_top(lv, lv->sel);
	else if (span(lv, lv->top, lv->sel, rows) > rows)
		set_top(lv, height(lv, lv->sel) >= rows ? lv->sel : top_for_bottom(lv, lv->sel, rows));
	used = span(lv, lv->top, lv->n - 1, rows);
	if (used < rows && lv->top > 0) {
		size_t t = top_for_bottom(lv, lv->n - 1, rows);

		if (t < lv->top)
			set_top(lv, t);
	}
}

/* The item page rows away from i in direction dir (at least one item
 * when there is one). */
static size_t page_from(struct listview *lv, size_t i, int dir, int page)
{
	size_t start = i;
	int moved = 0;

	while (dir > 0 ? i + 1 < lv->n : i > 0) {
		size_t next = dir > 0 ? i + 1 : i - 1;

		moved += height(lv, next) + lv->gap;
		if (moved > page && i != start)
			break;
		i = next;
	}
	return i;
}

bool listview_key(struct listview *lv, enum request req)
{
	int page = lv->rows > 2 ? lv->rows - 1 : 1;

	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_FIRST: case REQ_LAST:
		break;
	default:
		return false;
	}
	listview_sync(lv);
	if (!lv->n)
		return true;
	switch (req) {
	case REQ_UP:
		set_sel(lv, lv->sel ? lv->sel - 1 : 0);
		break;
	case REQ_DOWN:
		set_sel(lv, lv->sel + 1 < lv->n ? lv->sel + 1 : lv->sel);
		break;
	case REQ_PAGE_UP:
	case REQ_PAGE_DOWN: {
		int dir = req == REQ_PAGE_DOWN ? 1 : -1;
		/* the selection keeps its row on screen while the page turns */
		int off = lv->top <= lv->sel ? span(lv, lv->top, lv->sel, lv->rows) - height(lv, lv->sel) : 0;

		set_sel(lv, page_from(lv, lv->sel, dir, page));
		/* the first item of a view that shows the selection off rows down */
		set_top(lv, walk_back(lv, lv->sel, 0, off >= 0 && off < lv->rows ? off : 0));
		break;
	}
	case REQ_FIRST:
		set_sel(lv, 0);
		break;
	case REQ_LAST:
		set_sel(lv, lv->n - 1);
		break;
	default:
		break;
	}
	scroll_into_view(lv);
	return true;
}

size_t listview_place(struct listview *lv, int rows, int width)
{
	listview_sync(lv);
	lv->rows = rows > 0 ? rows : 1;
	lv->width = width > 0 ? width : 1;
	if (!lv->n)
		return NONE;
	scroll_into_view(lv);
	return lv->top;
}

int listview_draw(struct listview *lv, int rows, int width, bool focused)
{
	size_t i = listview_place(lv, rows, width);
	int y = 0;

	for (; i != NONE && i < lv->n && y < lv->rows; i++) {
		if (i > lv->top)
			y += lv->gap;
		if (y >= lv->rows)
			break;
		y += lv->src->draw(lv->ctx, i, y, lv->rows - y, focused && i == lv->sel);
	}
	return y;
}
