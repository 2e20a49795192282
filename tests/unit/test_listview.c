/* The list view: the selection and the view stay on the same items
 * whatever the list does under them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "scribe/listview.h"
#include "tap.h"

#define MAXN 200

/* A list of ids and heights the tests rearrange at will. */
struct fake {
	char ids[MAXN][16];
	int h[MAXN];
	size_t n;
	int drawn_sel;		/* the item drawn selected, -1 if none */
	int first_drawn, last_drawn;
	int last_bottom;	/* rows used up to the end of the last item drawn */
};

static size_t f_count(void *ctx) { return ((struct fake *)ctx)->n; }
static const char *f_id(void *ctx, size_t i) { return ((struct fake *)ctx)->ids[i]; }
static int f_height(void *ctx, size_t i, int width) { (void)width; return ((struct fake *)ctx)->h[i]; }

static int f_draw(void *ctx, size_t i, int y, int max, bool selected)
{
	struct fake *f = ctx;
	int h = f->h[i] < max ? f->h[i] : max;

	if (f->first_drawn < 0)
		f->first_drawn = (int)i;
	f->last_drawn = (int)i;
	if (selected)
		f->drawn_sel = (int)i;
	f->last_bottom = y + f->h[i];
	return h;
}

static const struct listview_source fake_src = {
	.count = f_count, .id = f_id, .height = f_height, .draw = f_draw,
};

static void fill(struct fake *f, size_t n)
{
	f->n = n;
	for (size_t i = 0; i < n; i++) {
		snprintf(f->ids[i], sizeof(f->ids[i]), "i%zu", i);
		f->h[i] = 1;
	}
}

static void draw(struct listview *lv, struct fake *f, int rows)
{
	f->drawn_sel = f->first_drawn = f->last_drawn = -1;
	f->last_bottom = 0;
	listview_draw(lv, rows, 40, true);
}

static void insert(struct fake *f, size_t at, const char *id, int h)
{
	memmove(f->ids[at + 1], f->ids[at], (f->n - at) * sizeof(f->ids[0]));
	memmove(&f->h[at + 1], &f->h[at], (f->n - at) * sizeof(f->h[0]));
	snprintf(f->ids[at], sizeof(f->ids[at]), "%s", id);
	f->h[at] = h;
	f->n++;
}

static void erase(struct fake *f, size_t at)
{
	memmove(f->ids[at], f->ids[at + 1], (f->n - at - 1) * sizeof(f->ids[0]));
	memmove(&f->h[at], &f->h[at + 1], (f->n - at - 1) * sizeof(f->h[0]));
	f->n--;
}

static void test_empty(void)
{
	struct fake f = { 0 };
	struct listview lv;

	listview_init(&lv, &fake_src, &f);
	is_int((long)listview_selected(&lv), (long)LISTVIEW_NONE, "empty: nothing selected");
	is_str(listview_selected_id(&lv), "", "empty: no id");
	ok(listview_key(&lv, REQ_DOWN) && listview_key(&lv, REQ_PAGE_UP) && listview_key(&lv, REQ_LAST),
	   "empty: navigation keys are taken and do nothing");
	ok(!listview_key(&lv, REQ_VOTE), "other requests are the pane's");
	draw(&lv, &f, 10);
	is_int(f.first_drawn, -1, "empty: nothing drawn");
	fill(&f, 3);
	is_str(listview_selected_id(&lv), "i0", "items arrive: the first is selected");
}

static void test_moves(void)
{
	struct fake f = { 0 };
	struct listview lv;

	fill(&f, 50);
	listview_init(&lv, &fake_src, &f);
	draw(&lv, &f, 10);
	listview_key(&lv, REQ_DOWN);
	listview_key(&lv, REQ_DOWN);
	is_str(listview_selected_id(&lv), "i2", "Down twice");
	listview_key(&lv, REQ_UP);
	is_str(listview_selected_id(&lv), "i1", "Up");
	listview_key(&lv, REQ_FIRST);
	listview_key(&lv, REQ_UP);
	is_str(listview_selected_id(&lv), "i0", "Up at the top stays");
	listview_key(&lv, REQ_PAGE_DOWN);
	is_str(listview_selected_id(&lv), "i9", "PgDn: a screenful less one row (10 rows: 9 items)");
	draw(&lv, &f, 10);
	is_int(f.first_drawn, 9, "PgDn: the view turned a page, the selection kept its row");
	listview_key(&lv, REQ_PAGE_DOWN);
	is_str(listview_selected_id(&lv), "i18", "PgDn again");
	listview_key(&lv, REQ_PAGE_UP);
	is_str(listview_selected_id(&lv), "i9", "PgUp comes back");
	listview_key(&lv, REQ_LAST);
	is_str(listview_selected_id(&lv), "i49", "End");
	draw(&lv, &f, 10);
	is_int(f.first_drawn, 40, "End: the last screenful shown");
	is_int(f.drawn_sel, 49, "End: the last item drawn selected");
	listview_key(&lv, REQ_DOWN);
	is_str(listview_selected_id(&lv), "i49", "Down at the end stays");
	listview_key(&lv, REQ_PAGE_DOWN);
	is_str(listview_selected_id(&lv), "i49", "PgDn at the end stays");
	listview_key(&lv, REQ_FIRST);
	draw(&lv, &f, 10);
	is_int(f.first_drawn, 0, "Home: the first screenful");
	is_int(f.drawn_sel, 0, "Home: the first item drawn selected");
	ok(listview_select(&lv, "i30"), "select by id");
	draw(&lv, &f, 10);
	ok(f.first_drawn <= 30 && f.last_drawn >= 30, "a selected item is scrolled into view");
	ok(!listview_select(&lv, "nope"), "no such id");
	is_str(listview_selected_id(&lv), "i30", "an unknown id changes nothing");
}

static void test_resort(void)
{
	struct fake f = { 0 };
	struct listview lv;
	char tmp[16];

	fill(&f, 5);
	listview_init(&lv, &fake_src, &f);
	listview_select(&lv, "i4");
	/* i4 moves to the top (it got a vote), the others shift down */
	snprintf(tmp, sizeof(tmp), "%s", f.ids[4]);
	erase(&f, 4);
	insert(&f, 0, tmp, 1);
	is_str(listview_selected_id(&lv), "i4", "re-sort: the selection moved with its item");
	is_int((long)listview_selected(&lv), 0, "... to its new row");
	listview_key(&lv, REQ_DOWN);
	is_str(listview_selected_id(&lv), "i0", "Down from its new place");
}

static void test_loading_and_live(void)
{
	struct fake f = { 0 };
	struct listview lv;

	fill(&f, 30);
	listview_init(&lv, &fake_src, &f);
	lv.follow_end = true;
	listview_select(&lv, "i20");
	draw(&lv, &f, 10);
	{
		int top = f.first_drawn;
		char top_id[16];

		snprintf(top_id, sizeof(top_id), "i%d", top);
		/* older items load in front (background loading) */
		for (int k = 0; k < 40; k++) {
			char id[16];

			snprintf(id, sizeof(id), "old%d", k);
			insert(&f, 0, id, 1);
		}
		draw(&lv, &f, 10);
		is_str(listview_selected_id(&lv), "i20", "loading in front: the selection stays");
		is_str(f.ids[f.first_drawn], top_id, "loading in front: the view stays on the same items");
	}
	/* not at the end: a live item does not move the selection */
	insert(&f, f.n, "new1", 1);
	is_str(listview_selected_id(&lv), "i20", "live item, not at the end: the selection stays");
	listview_key(&lv, REQ_LAST);
	insert(&f, f.n, "new2", 1);
	is_str(listview_selected_id(&lv), "new2", "live item, at the end: it follows");
	draw(&lv, &f, 10);
	is_int(f.drawn_sel, (int)f.n - 1, "... and it is on screen");
	/* the last item edited to an earlier place: it stays selected */
	erase(&f, f.n - 1);
	insert(&f, 3, "new2", 1);
	is_str(listview_selected_id(&lv), "new2", "an item that moved keeps the selection (no follow)");
	/* an item arriving in the middle while at the end keeps the end */
	listview_key(&lv, REQ_LAST);
	insert(&f, 10, "mid", 1);
	is_str(listview_selected_id(&lv), "new1", "at the end, an earlier arrival: still the last");
	lv.follow_end = false;
	insert(&f, f.n, "new3", 1);
	is_str(listview_selected_id(&lv), "new1", "without follow: the selection stays");
}

static void test_delete_and_filter(void)
{
	struct fake f = { 0 };
	struct listview lv;

	fill(&f, 10);
	listview_init(&lv, &fake_src, &f);
	listview_select(&lv, "i4");
	erase(&f, 4);
	is_str(listview_selected_id(&lv), "i5", "the selected item deleted: its neighbour");
	listview_key(&lv, REQ_LAST);
	erase(&f, f.n - 1);
	is_str(listview_selected_id(&lv), "i8", "the last one deleted: the one before");
	listview_select(&lv, "i6");
	/* a filter keeps i2 and i6 only */
	f.n = 0;
	snprintf(f.ids[f.n++], 16, "i2");
	snprintf(f.ids[f.n++], 16, "i6");
	is_str(listview_selected_id(&lv), "i6", "a filter that keeps it: still selected");
	f.n = 1;
	is_str(listview_selected_id(&lv), "i2", "a filter that hides it: the nearest left");
	f.n = 0;
	is_str(listview_selected_id(&lv), "", "all filtered away: nothing");
	fill(&f, 10);
	listview_sync(&lv);
	ok(listview_selected(&lv) != LISTVIEW_NONE, "filter cleared: a selection again");
}

static void test_heights(void)
{
	struct fake f = { 0 };
	struct listview lv;

	fill(&f, 20);
	for (size_t i = 0; i < f.n; i++)
		f.h[i] = 3;
	f.h[10] = 25;
	listview_init(&lv, &fake_src, &f);
	draw(&lv, &f, 10);
	listview_key(&lv, REQ_DOWN);
	listview_key(&lv, REQ_DOWN);
	listview_key(&lv, REQ_DOWN);
	draw(&lv, &f, 10);
	is_int(f.drawn_sel, 3, "tall items: the fourth selected");
	ok(f.last_bottom <= 10 || f.last_drawn > 3, "... and it is fully on screen");
	is_int(f.first_drawn, 1, "... the view scrolled just enough");
	listview_select(&lv, "i10");
	draw(&lv, &f, 10);
	is_int(f.first_drawn, 10, "an item taller than the view starts the view");
	listview_key(&lv, REQ_PAGE_DOWN);
	is_str(listview_selected_id(&lv), "i13", "PgDn from a tall item: the items in the next 9 rows");
	listview_key(&lv, REQ_LAST);
	draw(&lv, &f, 10);
	is_int(f.first_drawn, 17, "End with 3-row items in 10 rows: the last three");
	is_int(f.last_bottom, 9, "... the last fully shown");
}

static void test_gap(void)
{
	struct fake f = { 0 };
	struct listview lv;

	/* projector mode: a blank row between items */
	fill(&f, 28);
	listview_init(&lv, &fake_src, &f);
	lv.gap = 1;
	draw(&lv, &f, 18);
	listview_key(&lv, REQ_LAST);
	draw(&lv, &f, 18);
	is_int(f.drawn_sel, 27, "gap: End shows the last item selected");
	is_int(f.last_drawn, 27, "gap: the last item is drawn");
	listview_key(&lv, REQ_FIRST);
	for (int k = 0; k < 27; k++) {
		listview_key(&lv, REQ_DOWN);
		draw(&lv, &f, 18);
		if (f.drawn_sel != k + 1)
			break;
	}
	is_int(f.drawn_sel, 27, "gap: Down all the way, always drawn selected");
	listview_key(&lv, REQ_FIRST);
	listview_key(&lv, REQ_PAGE_DOWN);
	is_str(listview_selected_id(&lv), "i8", "gap: PgDn in 18 rows moves 17 rows: 8 items of 2");
}

int main(void)
{
	test_empty();
	test_moves();
	test_resort();
	test_loading_and_live();
	test_delete_and_filter();
	test_heights();
	test_gap();
	return done_testing();
}
