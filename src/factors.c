/* The factor board: the incident's contributing factors as cards in
 * one column per category.  Everything saves as it changes (through
 * edit.c); changes by others arrive through the main loop like any
 * record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/edit.h"
#include "scribe/factors.h"
#include "scribe/listview.h"
#include "scribe/paneutil.h"
#include "scribe/text.h"
#include "scribe/timeline.h"
#include "scribe/ui.h"

#define MIN_COLUMN 24

/* A column of the board: the live cards of one category, in board
 * order, each column with its own list view. */
struct column {
	struct listview lv;
	struct board *b;
	size_t c;		/* its index in inc->categories */
	struct factor **v;
	size_t n, cap;
	uint64_t gen;
	const struct incident *inc;
	struct rect r;		/* where its cards are drawn */
};

struct board {
	struct ui *ui;
	size_t col, left;	/* selected column, first column shown */
	struct column **cols;	/* one per category, made as they appear */
	size_t ncols;
	char deleted[ID_LEN];	/* last card deleted here, for u */
};

static const struct listview_source card_rows;

static struct board *board_of(struct ui *ui, struct pane *p)
{
	if (!p->state) {
		struct board *b = xcalloc(1, sizeof(struct board));

		b->ui = ui;
		p->state = b;
	}
	return p->state;
}

/* Column c (below ui->inc->ncategories) with its cards up to date. */
static struct column *column(struct board *b, size_t c)
{
	struct incident *inc = b->ui->inc;
	struct column *col;

	if (c >= b->ncols) {
		b->cols = xreallocarray(b->cols, c + 1, sizeof(*b->cols));
		for (size_t i = b->ncols; i <= c; i++) {
			b->cols[i] = xcalloc(1, sizeof(**b->cols));
			b->cols[i]->b = b;
			b->cols[i]->c = i;
			listview_init(&b->cols[i]->lv, &card_rows, b->cols[i]);
		}
		b->ncols = c + 1;
	}
	col = b->cols[c];
	incident_sort(inc);
	if (col->inc == inc && col->gen == inc->generation)
		return col;
	col->inc = inc;
	col->gen = inc->generation;
	if (col->cap < inc->nfactors) {
		col->cap = inc->nfactors;
		col->v = xreallocarray(col->v, col->cap, sizeof(*col->v));
	}
	col->n = 0;
	for (size_t i = 0; c < inc->ncategories && i < inc->nfactors; i++) {
		struct factor *f = inc->factors[i];

		if (!f->deleted && !strcmp(f->category, inc->categories[c]))
			col->v[col->n++] = f;
	}
	return col;
}

static size_t card_count(void *ctx)
{
	struct column *col = ctx;

	return column(col->b, col->c)->n;
}

static const char *card_id(void *ctx, size_t i)
{
	return ((struct column *)ctx)->v[i]->e.id;
}

/* The selected column (kept within the categories). */
static struct column *current(struct board *b)
{
	size_t ncat = b->ui->inc->ncategories;

	if (b->col >= ncat)
		b->col = ncat ? ncat - 1 : 0;
	return column(b, b->col);
}

/* The selected card (NULL in an empty column). */
static struct factor *board_selected(struct board *b)
{
	struct column *col = current(b);
	size_t i = b->col < b->ui->inc->ncategories ? listview_selected(&col->lv) : LISTVIEW_NONE;

	return i == LISTVIEW_NONE ? NULL : col->v[i];
}

/* The column of category cat, or the number of categories. */
static size_t column_of(struct ui *ui, const char *cat)
{
	size_t c = 0;

	while (c < ui->inc->ncategories && strcmp(ui->inc->categories[c], cat))
		c++;
	return c;
}

/* Shows the card id (in its column) as the selected one. */
static void board_show(struct board *b, const char *id)
{
	struct factor *f = incident_factor(b->ui->inc, id);
	size_t c;

	if (!f || (c = column_of(b->ui, f->category)) >= b->ui->inc->ncategories)
		return;
	b->col = c;
	listview_select(&column(b, c)->lv, id);
}

/* Times of the card's live events, in timeline order: "14:03 14:05". */
static char *event_times(struct ui *ui, const struct factor *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, total = f->events ? f->events->n : 0;
	const struct event **evs = xcalloc(total ? total : 1, sizeof(*evs));

	for (size_t k = 0; k < total; k++) {
		const struct event *ev = incident_event(ui->inc, f->events->v[k]);

		if (ev && !ev->deleted)
			evs[n++] = ev;
	}
	if (n)
		qsort(evs, n, sizeof(*evs), event_cmp);
	for (size_t k = 0; k < n; k++) {
		char t[32];

		if (k == 6) {
			sb_adds(&sb, " ...");
			break;
		}
		clock_format_within(evs[k]->at, ui_durations(ui)->begin, clock_now(), false, t, sizeof(t));
		sb_addf(&sb, "%s%s", k ? " " : "", t);
	}
	free(evs);
	return sb_detach(&sb);
}

/* Draws a card from row y within max rows; returns the rows used. */
static int draw_card(struct ui *ui, const struct factor *f, int y, int x, int w, int max, bool sel)
{
	int rows = 0;
	char *times = event_times(ui, f);
	enum area base = sel ? AREA_SELECTED : AREA_NORMAL;

	rows += put_wrapped(ui, y + rows, x, w, max - rows > 2 ? 2 : max - rows, sel ? base : AREA_TITLE,
			    f->title ? f->title : "");
	if (f->description && f->description[0])
		rows += put_wrapped(ui, y + rows, x + 1, w - 1, max - rows > 2 ? 2 : max - rows,
				    sel ? base : AREA_DIM, f->description);
	if (times[0] && rows < max) {
		char *line = xasprintf("events %s", times);

		/* two lines: dates make times longer on a multi-day incident */
		rows += put_wrapped(ui, y + rows, x + 1, w - 1, max - rows > 2 ? 2 : max - rows, sel ? base : AREA_TIME,
				    line);
		free(line);
	}
	if (f->no_action && f->no_action[0] && rows < max) {
		char *line = xasprintf("no action: %s", f->no_action);

		rows += put_wrapped(ui, y + rows, x + 1, w - 1, 1, sel ? base : AREA_DIM, line);
		free(line);
	}
	rows += put_hints(ui, y + rows, x + 1, w - 1, max - rows > 2 ? 2 : max - rows, AREA_WARNING, f->title);
	if (f->description)
		rows += put_hints(ui, y + rows, x + 1, w - 1, max - rows > 2 ? 2 : max - rows, AREA_WARNING,
				  f->description);
	if (sel && !measuring)
		rows += comments_draw(ui, f->e.id, y + rows, x + 1, w - 1, max - rows, base);
	free(times);
	return rows;
}

static int card_height(void *ctx, size_t i, int width)
{
	struct column *col = ctx;
	int h;

	measuring = true;
	h = draw_card(col->b->ui, col->v[i], 0, 0, width, 100, false);
	measuring = false;
	return h;
}

static int card_draw(void *ctx, size_t i, int y, int max, bool sel)
{
	struct column *col = ctx;

	return draw_card(col->b->ui, col->v[i], col->r.y + y, col->r.x, col->r.w, max, sel);
}

static const struct listview_source card_rows = {
	.count = card_count,
	.id = card_id,
	.height = card_height,
	.draw = card_draw,
};

static void factors_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct board *b = board_of(ui, p);
	size_t ncol = ui->inc->ncategories, visible;
	int cw;

	current(b);
	visible = (size_t)r.w / MIN_COLUMN;
	if (visible < 1)
		visible = 1;
	if (visible > ncol)
		visible = ncol;
	cw = ncol ? r.w / (int)visible : r.w;
	if (b->col < b->left)
		b->left = b->col;
	if (ncol && b->col >= b->left + visible)
		b->left = b->col - visible + 1;
	if (b->left + visible > ncol)
		b->left = ncol - visible;
	{
		/* the hints, and at the right end where the board is when columns
		 * are off screen: the hints give way, they never run under it */
		char more[64] = "";
		int mw = 0;

		if (ncol && (b->left > 0 || b->left + visible < ncol)) {
			snprintf(more, sizeof(more), "%s%zu/%zu%s", b->left > 0 ? ui_glyph(ui, "\xE2\x97\x80 ", "< ") : "",
				 b->col + 1, ncol, b->left + visible < ncol ? ui_glyph(ui, " \xE2\x96\xB6", " >") : "");
			mw = (int)text_width(more, strlen(more));
			if (mw > r.w)
				mw = r.w;
			ui_put(ui, r.y, r.x + r.w - mw, mw, AREA_DIM, more);
		}
		static const enum request hints[] = { REQ_ADD, REQ_EDIT, REQ_DESCRIBE, REQ_LINK, REQ_MOVE_LEFT,
						      REQ_MOVE_RIGHT, REQ_MOVE_UP, REQ_MOVE_DOWN, REQ_HELP };
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, "Factors");
		if (!ui->present && !ui->follow)
			keys_hints(&sb, CTX_BOARD, hints, ARRAY_SIZE(hints));
		ui_put(ui, r.y, r.x, r.w - mw - (mw ? 1 : 0), AREA_TITLE, sb_str(&sb));
		sb_free(&sb);
	}
	if (!ncol)
		return;
	for (size_t c = b->left; c < b->left + visible; c++) {
		struct column *col = column(b, c);
		int x = r.x + (int)(c - b->left) * cw, w = cw - 2;
		char head[96];

		snprintf(head, sizeof(head), "%s (%zu)", ui->inc->categories[c], col->n);
		for (char *h = head; *h && *h != ' '; h++)
			*h = (char)(*h >= 'a' && *h <= 'z' ? *h - 32 : *h);
		ui_put(ui, r.y + 1, x, w, c == b->col && focused ? AREA_TAB_ACTIVE : AREA_KIND, head);
		if (!col->n)
			ui_put(ui, r.y + 2, x, w, AREA_DIM, c == b->col && !ui->follow ? "(empty: a adds)" : "(empty)");
		col->r = (struct rect){ r.y + 2, x, r.h - 2, w };
		col->lv.gap = 1;
		listview_draw(&col->lv, col->r.h, w, focused && c == b->col);
	}
}

static void factor_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };
	struct board *b = board_of(ui, &ui->panes[PANE_FACTORS]);
	char id[EDIT_ID_LEN] = "";
	const char *cat = b->col < ui->inc->ncategories ? ui->inc->categories[b->col] : NULL;

	if (!title || !title[0])
		return;
	saved(ui, edit_factor_add(ui->store, ui->inc, title, cat, NULL, id, &e), &e, "card added");
	/* the next key acts on the new card */
	board_show(b, id);
}

static void factor_titled(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_factor_edit(ui->store, ui->inc, target, title, NULL, &e), &e, NULL);
	show_target(ui);
}

static void factor_described(struct ui *ui, const char *text)
{
	struct error e = { 0 };

	if (text)
		saved(ui, edit_factor_edit(ui->store, ui->inc, target, NULL, text, &e), &e, "description saved");
	show_target(ui);
}

static void factor_no_action(struct ui *ui, const char *reason)
{
	struct error e = { 0 };

	if (reason)
		saved(ui, edit_factor_no_action(ui->store, ui->inc, target, reason, &e), &e,
		      reason[0] ? "no action needed: noted" : "no-action reason removed");
	show_target(ui);
}

/* The live events in timeline order, as checklist lines. */
static size_t event_lines(struct ui *ui, char ***lines, struct event ***evs)
{
	size_t n = 0;

	*lines = xcalloc(ui->inc->nevents ? ui->inc->nevents : 1, sizeof(char *));
	*evs = xcalloc(ui->inc->nevents ? ui->inc->nevents : 1, sizeof(struct event *));
	for (size_t i = 0; i < ui->inc->nevents; i++) {
		struct event *ev = ui->inc->events[i];
		char t[32];

		if (ev->deleted)
			continue;
		clock_format_within(ev->at, ui_durations(ui)->begin, clock_now(), true, t, sizeof(t));
		(*lines)[n] = xasprintf("%s %-9s %s", t, kind_names.names[ev->kind], ev->text ? ev->text : "");
		(*evs)[n++] = ev;
	}
	return n;
}

static void factor_linked(struct ui *ui, const bool *on)
{
	struct factor *f = incident_factor(ui->inc, target);
	char **lines;
	struct event **evs;
	size_t n = event_lines(ui, &lines, &evs), changes = 0;
	struct error e = { 0 };
	int rc = 0;

	for (size_t i = 0; f && i < n && !rc; i++) {
		bool was = false;

		for (size_t k = 0; f->events && k < f->events->n; k++)
			was |= !strcmp(f->events->v[k], evs[i]->e.id);
		if (was != on[i]) {
			rc = edit_factor_link(ui->store, ui->inc, target, evs[i]->e.id, on[i], &e);
			changes++;
			f = incident_factor(ui->inc, target);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(evs);
	if (changes)
		saved(ui, rc, &e, "links saved");
	show_target(ui);
}

static void board_link(struct ui *ui, struct factor *f)
{
	char **lines;
	struct event **evs;
	size_t n = event_lines(ui, &lines, &evs);
	bool *on = xcalloc(n ? n : 1, sizeof(bool));

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; f->events && k < f->events->n; k++)
			on[i] |= !strcmp(f->events->v[k], evs[i]->e.id);
	snprintf(target, sizeof(target), "%s", f->e.id);
	ui_choose(ui, "Timeline events that show this factor", (const char *const *)lines, on, n, factor_linked);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(evs);
	free(on);
}

static bool factors_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct board *b = board_of(ui, p);
	struct factor *f;
	struct error e = { 0 };
	char *text;

	(void)ch;
	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	if (listview_key(&current(b)->lv, req))
		return true;
	/* what the key acts on: the card highlighted now */
	if ((f = board_selected(b)))
		snprintf(target, sizeof(target), "%s", f->e.id);
	switch (req) {
	case REQ_LEFT:
	case REQ_RIGHT:
		if (req == REQ_LEFT && b->col)
			b->col--;
		else if (req == REQ_RIGHT && b->col + 1 < ui->inc->ncategories)
			b->col++;
		break;
	case REQ_ADD:
		ui_ask(ui, "New card:", "", factor_added);
		break;
	case REQ_EDIT:
		if (f)
			ui_ask_field(ui, &f->e, "Card title:", f->title, factor_titled);
		break;
	case REQ_DESCRIBE:
		if (f)
			ui_edit_long_field(ui, &f->e, "Description of the card (how and what, not who)",
					   f->description, factor_described);
		break;
	case REQ_EXTERNAL:
		if (f) {
			struct edit_base base;

			/* based on the version the editor was given */
			edit_base_take(&base, &f->e);
			if ((text = ui_external_edit(ui, f->description ? f->description : ""))) {
				edit_from(&base);
				factor_described(ui, text);
				edit_from(NULL);
				free(text);
			}
		}
		break;
	case REQ_MOVE_LEFT:
	case REQ_MOVE_RIGHT:
		if (f && (req == REQ_MOVE_LEFT ? b->col > 0 : b->col + 1 < ui->inc->ncategories)) {
			size_t to = req == REQ_MOVE_LEFT ? b->col - 1 : b->col + 1;

			saved(ui, edit_factor_move(ui->store, ui->inc, target, ui->inc->categories[to], 0, &e), &e, NULL);
			board_show(b, target);
		}
		break;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
		if (f)
			saved(ui, edit_factor_move(ui->store, ui->inc, target, NULL, req == REQ_MOVE_UP ? -1 : 1, &e),
			      &e, NULL);
		break;
	case REQ_LINK:
		if (f)
			board_link(ui, f);
		break;
	case REQ_COMMENT:
	case REQ_COMMENT_EDIT:
	case REQ_COMMENT_DELETE:
	case REQ_HISTORY:
		if (f)
			talk_key(ui, req, "factor", f->e.id, f->title);
		break;
	case REQ_GOTO:
		if (f && f->events && f->events->n)
			timeline_show_event(ui, f->events->v[0]);
		else if (f)
			ui_message(ui, true, "no events linked to this card: l links some");
		break;
	case REQ_NO_ACTION:
		if (f)
			ui_ask_field(ui, &f->e, "Why no action is needed (empty clears):", f->no_action, factor_no_action);
		break;
	case REQ_DELETE:
		if (f) {
			saved(ui, edit_factor_delete(ui->store, ui->inc, target, true, &e), &e,
			      "card deleted: u brings it back");
			snprintf(b->deleted, sizeof(b->deleted), "%s", target);
		}
		break;
	case REQ_UNDELETE:
		if (b->deleted[0]) {
			saved(ui, edit_factor_delete(ui->store, ui->inc, b->deleted, false, &e), &e, "card restored");
			board_show(b, b->deleted);
			b->deleted[0] = '\0';
		} else {
			ui_message(ui, true, "nothing deleted here to bring back");
		}
		break;
	case REQ_EXPORT:
		ask_export(ui);
		break;
	default:
		return false;
	}
	return true;
}

static void factors_destroy(struct pane *p)
{
	struct board *b = p->state;

	for (size_t i = 0; b && i < b->ncols; i++) {
		free(b->cols[i]->v);
		free(b->cols[i]);
	}
	if (b)
		free(b->cols);
}

const struct pane_ops factors_ops = {
	.name = "factors",
	.ctx = CTX_BOARD,
	.draw = factors_draw,
	.key = factors_key,
	.destroy = factors_destroy,
};

/* ---- what followers see ---- */

const char *factors_selected_id(struct ui *ui, struct pane *p)
{
	struct factor *f = board_selected(board_of(ui, p));

	return f ? f->e.id : "";
}

void factors_select_id(struct ui *ui, struct pane *p, const char *id)
{
	board_show(board_of(ui, p), id);
}
