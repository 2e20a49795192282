/* The retrospective's panes: the factor board, the action list and the
 * summary.  Everything saves as it changes (through edit.c); changes by
 * others arrive through the main loop like any record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/blame.h"
#include "scribe/config.h"
#include "scribe/edit.h"
#include "scribe/listview.h"
#include "scribe/text.h"
#include "scribe/ui.h"

#define MIN_COLUMN 24
#define MAX_HITS 4

/* The entity a prompt or an overlay is about: one at a time. */
static char target[ID_LEN];

static void show_target(struct ui *ui);

/* While set, the put_* helpers count rows without drawing (to fit the
 * selected card on screen before drawing the column). */
static bool measuring;

static void saved(struct ui *ui, int rc, const struct error *e, const char *done)
{
	ui_saved(ui, rc, e);
	if (!rc && done)
		ui_message(ui, false, "%s", done);
}

/* Draws text wrapped in width from (y, x), at most max rows; returns the
 * rows used. */
static int put_wrapped(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	size_t *starts, *lens, n;
	int rows = 0;

	if (max <= 0 || w <= 0)
		return 0;
	text_sanitize(&sb, text, strlen(text), TEXT_KEEP_NEWLINE | ui->text_flags);
	n = text_wrap(sb.buf ? sb.buf : "", sb.len, (size_t)w, &starts, &lens);
	for (size_t i = 0; i < n && rows < max; i++, rows++) {
		if (measuring)
			continue;
		ui_fill(ui, y + rows, x, w, a);
		if (rows + 1 == max && i + 1 < n && w > 1) {
			/* more than there is room for: the last line shown says so */
			size_t used, fit = text_fit(sb.buf + starts[i], lens[i], (size_t)w - 1, &used);

			ui_putn(ui, y + rows, x, w - 1, a, sb.buf + starts[i], fit);
			ui_put(ui, y + rows, x + (int)used, 1, a, ui_glyph(ui, "\xE2\x80\xA6", "~"));
			continue;
		}
		ui_putn(ui, y + rows, x, w, a, sb.buf + starts[i], lens[i]);
	}
	free(starts);
	free(lens);
	sb_free(&sb);
	return rows;
}

#define MAX_NAMES 64

/* ---- discussion and history, the same in every board pane ---- */

static void commented(struct ui *ui, const char *text)
{
	struct error e = { 0 };

	if (text && text[strspn(text, " ")])
		saved(ui, edit_comment(ui->store, ui->inc, target, text, &e), &e, "comment saved (h: history)");
}

/* c, C, X and h on the card or action id, called title. */
static bool talk_key(struct ui *ui, enum request req, const char *kind, const char *id, const char *title)
{
	char *what;

	switch (req) {
	case REQ_COMMENT:
		snprintf(target, sizeof(target), "%s", id);
		ui_ask(ui, "Comment:", "", commented);
		return true;
	case REQ_COMMENT_EDIT:
		comments_edit(ui, id);
		return true;
	case REQ_COMMENT_DELETE:
		comments_delete(ui, id);
		return true;
	case REQ_HISTORY:
		what = xasprintf("%s \"%s\"", kind, title ? title : "");
		history_view_open(ui, id, what);
		free(what);
		return true;
	default:
		return false;
	}
}

/* The people of this incident (who wrote events, cards, actions), so a
 * name as the subject of a failure is flagged too.  Gathered once per
 * change of the incident, not per drawing. */
static const char *const *people(struct ui *ui)
{
	static const char *names[MAX_NAMES + 1];
	static uint64_t gen;
	static const struct incident *of;
	size_t n = 0;

	if (of == ui->inc && gen == ui->inc->generation)
		return names;
	for (size_t i = 0; i < ui->inc->nrecs && n < MAX_NAMES; i++) {
		const char *a = ui->inc->recs[i]->author;
		bool seen = !a[0];

		for (size_t k = 0; k < n && !seen; k++)
			seen = !strcmp(names[k], a);
		if (!seen)
			names[n++] = a;
	}
	names[n] = NULL;
	of = ui->inc;
	gen = ui->inc->generation;
	return names;
}

/* The blame hints for text, one line each: "⚠ "should have": what...". */
static int put_hints(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text)
{
	struct blame_hit hits[MAX_HITS];
	size_t n = text ? blame_find(text, (const char *const *)config_get(NULL)->blame_phrases, people(ui), hits,
				     MAX_HITS) : 0;
	int rows = 0;

	for (size_t i = 0; i < n && i < MAX_HITS && rows < max; i++) {
		char *line = xasprintf("%s \"%.*s\": %s", ui_glyph(ui, "\xE2\x9A\xA0", "!"), (int)hits[i].len,
				       text + hits[i].start, hits[i].hint);

		rows += put_wrapped(ui, y + rows, x, w, max - rows, a, line);
		free(line);
	}
	return rows;
}

/* ---- factors: the board ---- */

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
		if (!ui->present)
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
			ui_put(ui, r.y + 2, x, w, AREA_DIM, c == b->col ? "(empty: a adds)" : "(empty)");
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

static void timeboxed(struct ui *ui, const char *spec)
{
	if (spec && ui_set_timebox(ui, spec))
		ui_message(ui, true, "a timebox is a duration like 10m, 90s, 1h30m, or off");
}

/* Whether req would change the incident (refused to a follower); moving
 * around, jumping to events and quitting would not. */
static bool changes(enum request req)
{
	switch (req) {
	case REQ_NONE: case REQ_UP: case REQ_DOWN: case REQ_LEFT: case REQ_RIGHT: case REQ_FIRST:
	case REQ_LAST: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_GOTO: case REQ_QUIT_LETTER:
	case REQ_HISTORY:
		return false;
	default:
		return true;
	}
}

/* The keys of the meeting, the same in every board pane. */
static bool meeting_key(struct ui *ui, enum request req)
{
	switch (req) {
	case REQ_PRESENT:
		ui_toggle_present(ui);
		return true;
	case REQ_ZOOM:
		ui_toggle_zoom(ui);
		return true;
	case REQ_THEME:
		ui_next_theme(ui);
		return true;
	case REQ_TIMEBOX:
		ui_ask(ui, "Timebox (10m, 90s, 1h30m; off):", "10m", timeboxed);
		return true;
	default:
		return false;
	}
}

static void exported(struct ui *ui, const char *path)
{
	if (path)
		ui_export(ui, path);
}

static bool ask_export(struct ui *ui)
{
	char *def = xasprintf("%s.md", ui->inc->id);

	ui_ask(ui, "Write the report to:", def, exported);
	free(def);
	return true;
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

/* ---- actions ---- */

struct alist {
	struct listview lv;
	struct ui *ui;
	struct action **v;	/* the live actions in list order, as of gen */
	size_t n, cap;
	uint64_t gen;
	const struct incident *inc;
	struct rect list_r;	/* where the rows are drawn */
	char deleted[ID_LEN];
};

static const struct listview_source action_rows;

static struct alist *alist_of(struct ui *ui, struct pane *p)
{
	if (!p->state) {
		struct alist *l = xcalloc(1, sizeof(struct alist));

		l->ui = ui;
		listview_init(&l->lv, &action_rows, l);
		p->state = l;
	}
	return p->state;
}

/* The live actions in list order, rebuilt once per change. */
static void live_actions(struct alist *l)
{
	struct incident *inc = l->ui->inc;

	incident_sort(inc);
	if (l->inc == inc && l->gen == inc->generation)
		return;
	l->inc = inc;
	l->gen = inc->generation;
	if (l->cap < inc->nactions) {
		l->cap = inc->nactions;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->n = 0;
	for (size_t i = 0; i < inc->nactions; i++)
		if (!inc->actions[i]->deleted)
			l->v[l->n++] = inc->actions[i];
}

static size_t action_count(void *ctx)
{
	live_actions(ctx);
	return ((struct alist *)ctx)->n;
}

static const char *action_id(void *ctx, size_t i)
{
	return ((struct alist *)ctx)->v[i]->e.id;
}

/* The selected action, or NULL. */
static struct action *selected_action(struct alist *l)
{
	size_t i = listview_selected(&l->lv);

	return i == LISTVIEW_NONE ? NULL : l->v[i];
}

/* Due before today (local) and not finished. */
static bool overdue(const struct action *a)
{
	char today[16];

	if (!a->due || !a->due[0] || a->status == ASTATUS_DONE || a->status == ASTATUS_WONTFIX)
		return false;
	clock_format_local(clock_now(), "%Y-%m-%d", today, sizeof(today));
	return strcmp(a->due, today) < 0;
}

static void action_details(struct ui *ui, const struct action *a, struct rect r, int y)
{
	struct strbuf sb = STRBUF_INIT;
	int bottom = r.y + r.h;

	ui_fill(ui, y, r.x, r.w, AREA_DIM);
	ui_put(ui, y++, r.x, r.w, AREA_DIM, "--");
	for (size_t k = 0; a->factors && k < a->factors->n; k++) {
		const struct factor *f = incident_factor(ui->inc, a->factors->v[k]);

		if (f && !f->deleted)
			sb_addf(&sb, "%s%s", sb.len ? "; " : "", f->title);
	}
	if (!sb.len)
		sb_adds(&sb, "no factor yet (l links one)");
	{
		char *line = xasprintf("addresses: %s", sb_str(&sb));

		y += put_wrapped(ui, y, r.x, r.w, bottom - y > 2 ? 2 : bottom - y, AREA_NORMAL, line);
		free(line);
	}
	sb_reset(&sb);
	for (size_t k = 0; k < a->nvotes; k++)
		if (a->votes[k].up)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", a->votes[k].author);
	if (y < bottom) {
		char *line = xasprintf("votes: %s%s", sb.len ? sb_str(&sb) : "none",
				       action_voted(a, store_author()) ? " (yours included: v takes it back)" : "");

		y += put_wrapped(ui, y, r.x, r.w, 1, AREA_NORMAL, line);
		free(line);
	}
	if (a->ref && a->ref[0] && y < bottom) {
		char *line = xasprintf("filed as: %s (r changes it)", a->ref);

		y += put_wrapped(ui, y, r.x, r.w, 1, AREA_NORMAL, line);
		free(line);
	}
	y += comments_draw(ui, a->e.id, y, r.x, r.w, bottom - y - 1, AREA_NORMAL);
	if (a->status == ASTATUS_WONTFIX && a->reason && y < bottom) {
		char *line = xasprintf("won't fix: %s", a->reason);

		y += put_wrapped(ui, y, r.x, r.w, bottom - y, AREA_NORMAL, line);
		free(line);
	}
	put_hints(ui, y, r.x, r.w, bottom - y, AREA_WARNING, a->title);
	sb_free(&sb);
}

static int action_row(void *ctx, size_t i, int row, int max, bool sel)
{
	struct alist *l = ctx;
	struct ui *ui = l->ui;
	const struct action *a = l->v[i];
	struct rect r = l->list_r;
	enum area base = sel ? AREA_SELECTED : AREA_NORMAL;
	char buf[160];
	int x = r.x, y = r.y + row;

	(void)max;
	ui_fill(ui, y, r.x, r.w, base);
	snprintf(buf, sizeof(buf), "%s %s%-2d %-7s %-8s ", priority_names.names[a->priority],
		 ui_glyph(ui, "\xE2\x96\xB2", "+"), a->nup, action_status_names.names[a->status],
		 action_type_names.names[a->type]);
	x += ui_put(ui, y, x, r.w, sel ? base : a->priority == PRIO_P0 ? AREA_MARKER : AREA_KIND, buf);
	x += ui_put(ui, y, x, r.x + r.w - x, a->status >= ASTATUS_DONE && !sel ? AREA_DIM : base, a->title);
	if (a->ref && a->ref[0]) {
		snprintf(buf, sizeof(buf), "  [%s]", a->ref);
		x += ui_put(ui, y, x, r.x + r.w - x, sel ? base : AREA_KIND, buf);
	}
	if (a->owner && a->owner[0]) {
		snprintf(buf, sizeof(buf), "  @%s", a->owner);
		x += ui_put(ui, y, x, r.x + r.w - x, sel ? base : AREA_AUTHOR, buf);
	}
	if (a->due && a->due[0]) {
		bool late = overdue(a);

		snprintf(buf, sizeof(buf), "  %s %s", late ? "OVERDUE" : "due", a->due);
		ui_put(ui, y, x, r.x + r.w - x, late ? AREA_NOT_SAVED : sel ? base : AREA_DIM, buf);
	}
	return 1;
}

static const struct listview_source action_rows = {
	.count = action_count,
	.id = action_id,
	.draw = action_row,
};

static void actions_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct alist *l = alist_of(ui, p);
	struct action *a;
	int rows = r.h - 1 - 6;
	static const enum request hints[] = { REQ_ADD, REQ_PRIORITY, REQ_VOTE, REQ_STATUS, REQ_OWNER, REQ_DUE,
					      REQ_HELP };
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, "Preventative actions");
	/* key hints are for the keyboard's owner, not for a room */
	if (!ui->present) {
		sb_addc(&sb, ' ');
		keys_hints(&sb, CTX_BOARD, hints, ARRAY_SIZE(hints));
	}
	ui_put(ui, r.y, r.x, r.w, AREA_TITLE, sb_str(&sb));
	sb_free(&sb);
	if (!action_count(l))
		ui_put(ui, r.y + 2, r.x + 2, r.w - 4, AREA_DIM, "No actions yet: press a to add one.");
	l->list_r = (struct rect){ r.y + 1, r.x, rows < 1 ? 1 : rows, r.w };
	listview_draw(&l->lv, l->list_r.h, r.w, focused);
	if ((a = selected_action(l)))
		action_details(ui, a, r, r.y + r.h - 6);
}

static void action_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	char id[EDIT_ID_LEN] = "";
	int rc;

	if (!title || !title[0])
		return;
	rc = edit_action_add(ui->store, ui->inc, title, ATYPE_PREVENT, PRIO_P2, id, &e);
	saved(ui, rc, &e, "action added (P2: 0-3 sets the priority)");
	/* the next key acts on the new action */
	if (!rc || rc == EXIT_CONFLICT)
		listview_select(&alist_of(ui, &ui->panes[PANE_ACTIONS])->lv, id);
}

static void action_titled(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_action_edit(ui->store, ui->inc, target, title, NULL, NULL, &e), &e, NULL);
	show_target(ui);
}

static void action_owned(struct ui *ui, const char *owner)
{
	struct error e = { 0 };

	if (owner)
		saved(ui, edit_action_edit(ui->store, ui->inc, target, NULL, owner, NULL, &e), &e, NULL);
	show_target(ui);
}

static void action_due(struct ui *ui, const char *due)
{
	struct error e = { 0 };
	char date[16] = "";
	const char *why;

	if (!due)
		return;
	if (due[0] && clock_parse_date(due, clock_now(), date, &why)) {
		ui_message(ui, true, "due date \"%s\": %s", due, why);
		return;
	}
	saved(ui, edit_action_edit(ui->store, ui->inc, target, NULL, NULL, date, &e), &e, NULL);
	show_target(ui);
}

static void action_ref(struct ui *ui, const char *ref)
{
	struct error e = { 0 };

	if (ref && !action_ref_valid(ref))
		ui_message(ui, true, "%s", ACTION_REF_RULE);
	else if (ref)
		saved(ui, edit_action_ref(ui->store, ui->inc, target, ref, &e), &e,
		      ref[0] ? "tracker reference saved" : "tracker reference cleared");
}

static void action_wontfix(struct ui *ui, const char *reason)
{
	struct error e = { 0 };

	if (!reason)
		return;
	if (!reason[0]) {
		ui_message(ui, true, "wontfix needs a reason");
		return;
	}
	saved(ui, edit_action_status(ui->store, ui->inc, target, ASTATUS_WONTFIX, reason, &e), &e, NULL);
	show_target(ui);
}

static void action_linked(struct ui *ui, const bool *on)
{
	struct action *a = incident_action(ui->inc, target);
	size_t changes = 0, k = 0;
	struct error e = { 0 };
	int rc = 0;

	for (size_t i = 0; a && i < ui->inc->nfactors && !rc; i++) {
		const struct factor *f = ui->inc->factors[i];
		bool was = false;

		if (f->deleted)
			continue;
		for (size_t j = 0; a->factors && j < a->factors->n; j++)
			was |= !strcmp(a->factors->v[j], f->e.id);
		if (was != on[k]) {
			char fid[ID_LEN];

			snprintf(fid, sizeof(fid), "%s", f->e.id);
			rc = edit_action_link(ui->store, ui->inc, target, fid, on[k], &e);
			a = incident_action(ui->inc, target);
			changes++;
		}
		k++;
	}
	if (changes)
		saved(ui, rc, &e, "links saved");
	show_target(ui);
}

static void action_link(struct ui *ui, struct action *a)
{
	size_t n = 0;
	char **lines = xcalloc(ui->inc->nfactors ? ui->inc->nfactors : 1, sizeof(char *));
	bool *on = xcalloc(ui->inc->nfactors ? ui->inc->nfactors : 1, sizeof(bool));

	incident_sort(ui->inc);
	for (size_t i = 0; i < ui->inc->nfactors; i++) {
		const struct factor *f = ui->inc->factors[i];

		if (f->deleted)
			continue;
		lines[n] = xasprintf("%-13s %s", f->category, f->title);
		for (size_t j = 0; a->factors && j < a->factors->n; j++)
			on[n] |= !strcmp(a->factors->v[j], f->e.id);
		n++;
	}
	snprintf(target, sizeof(target), "%s", a->e.id);
	ui_choose(ui, "Factors this action addresses", (const char *const *)lines, on, n, action_linked);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(on);
}

static bool actions_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct alist *l = alist_of(ui, p);
	struct action *a;
	struct error e = { 0 };

	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	if (listview_key(&l->lv, req))
		return true;
	/* what the key acts on: the action highlighted now */
	if ((a = selected_action(l)))
		snprintf(target, sizeof(target), "%s", a->e.id);
	switch (req) {
	case REQ_ADD:
		ui_ask(ui, "New action:", "", action_added);
		break;
	case REQ_EDIT:
		if (a)
			ui_ask_field(ui, &a->e, "Action:", a->title, action_titled);
		break;
	case REQ_OWNER:
		if (a)
			ui_ask_field(ui, &a->e, "Owner:", a->owner, action_owned);
		break;
	case REQ_DUE:
		if (a)
			ui_ask_field(ui, &a->e, "Due (YYYY-MM-DD, +3d, +2w; empty clears):", a->due, action_due);
		break;
	case REQ_REF:
		if (a)
			ui_ask_field(ui, &a->e, "Tracker reference (PROJ-123, #45, a link; empty clears):", a->ref,
				     action_ref);
		break;
	case REQ_PRIORITY:
		if (a)
			saved(ui, edit_action_priority(ui->store, ui->inc, target, (enum priority)(ch - '0'), &e), &e, NULL);
		break;
	case REQ_COMMENT:
	case REQ_COMMENT_EDIT:
	case REQ_COMMENT_DELETE:
	case REQ_HISTORY:
		if (a)
			talk_key(ui, req, "action", a->e.id, a->title);
		break;
	case REQ_VOTE:
		if (a) {
			bool up = !action_voted(a, store_author());

			saved(ui, edit_action_vote(ui->store, ui->inc, target, up, &e), &e,
			      up ? "voted" : "vote taken back");
		}
		break;
	case REQ_STATUS:
		if (a) {
			enum action_status next = (enum action_status)((a->status + 1) % ASTATUS_COUNT);

			if (next == ASTATUS_WONTFIX)
				ui_ask_field(ui, &a->e, "Won't fix, because:", a->reason, action_wontfix);
			else
				saved(ui, edit_action_status(ui->store, ui->inc, target, next, NULL, &e), &e, NULL);
		}
		break;
	case REQ_ACTION_TYPE:
		if (a)
			saved(ui, edit_action_type(ui->store, ui->inc, target,
						   (enum action_type)((a->type + 1) % ATYPE_COUNT), &e), &e, NULL);
		break;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
		if (a)
			saved(ui, edit_action_move(ui->store, ui->inc, target, req == REQ_MOVE_UP ? -1 : 1, &e), &e, NULL);
		break;
	case REQ_LINK:
		if (a)
			action_link(ui, a);
		break;
	case REQ_DELETE:
		if (a) {
			saved(ui, edit_action_delete(ui->store, ui->inc, target, true, &e), &e,
			      "action deleted: u brings it back");
			snprintf(l->deleted, sizeof(l->deleted), "%s", target);
		}
		break;
	case REQ_UNDELETE:
		if (l->deleted[0]) {
			saved(ui, edit_action_delete(ui->store, ui->inc, l->deleted, false, &e), &e, "action restored");
			listview_select(&l->lv, l->deleted);
			l->deleted[0] = '\0';
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

/* What was just edited is highlighted, in its column or in the list. */
static void show_target(struct ui *ui)
{
	if (incident_action(ui->inc, target))
		listview_select(&alist_of(ui, &ui->panes[PANE_ACTIONS])->lv, target);
	else if (incident_factor(ui->inc, target))
		board_show(board_of(ui, &ui->panes[PANE_FACTORS]), target);
}

static void actions_destroy(struct pane *p)
{
	struct alist *l = p->state;

	if (l)
		free(l->v);
}

/* The action highlighted in the actions pane (for /ref in the timeline). */
struct action *actions_selected(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_ACTIONS];
	struct alist *l;

	if (!p->state)
		return NULL;
	l = alist_of(ui, p);
	live_actions(l);	/* the list as it is now */
	return selected_action(l);
}

const struct pane_ops actions_ops = {
	.name = "actions",
	.ctx = CTX_BOARD,
	.draw = actions_draw,
	.key = actions_key,
	.destroy = actions_destroy,
};

/* ---- summary ---- */

static const struct {
	const char *label;
	enum field_id field;
} summary_fields[] = {
	{ "Title", F_TITLE },
	{ "Severity", F_SEVERITY },
	{ "Status", F_STATUS },
	{ "Impact", F_IMPACT },
	{ "Apology", F_APOLOGY },
	{ "What happened", F_HAPPENED },
	{ "What went well", F_WENT_WELL },
	{ "Where we got lucky", F_LUCKY },
};

struct summary {
	struct listview lv;
	struct ui *ui;
	struct rect r;		/* where the fields are drawn */
};

static const struct listview_source field_rows;

static struct summary *summary_of(struct ui *ui, struct pane *p)
{
	if (!p->state) {
		struct summary *s = xcalloc(1, sizeof(struct summary));

		s->ui = ui;
		listview_init(&s->lv, &field_rows, s);
		p->state = s;
	}
	return p->state;
}

static const char *summary_text(const struct incident_fields *in, enum field_id f)
{
	switch (f) {
	case F_TITLE: return in->title;
	case F_IMPACT: return in->impact;
	case F_APOLOGY: return in->apology;
	case F_HAPPENED: return in->happened;
	case F_WENT_WELL: return in->went_well;
	case F_LUCKY: return in->lucky;
	default: return NULL;
	}
}

static size_t field_count(void *ctx)
{
	(void)ctx;
	return ARRAY_SIZE(summary_fields);
}

/* "f0" to "f7": what followers are told (no spaces) */
static const char *field_id(void *ctx, size_t i)
{
	static const char *const ids[] = { "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7" };

	(void)ctx;
	return i < ARRAY_SIZE(ids) ? ids[i] : "";
}

/* Draws field i from row y of the list, at most max rows (the selected
 * one shows more of its text); returns the rows used. */
static int field_draw(void *ctx, size_t i, int y, int max, bool sel)
{
	struct summary *s = ctx;
	struct ui *ui = s->ui;
	struct rect r = s->r;
	enum field_id f = summary_fields[i].field;
	const char *text = summary_text(&ui->inc->info, f);
	int top = r.y + y, bottom = top + max, used;
	char buf[32];

	if (!measuring) {
		ui_fill(ui, top, r.x, r.w, sel ? AREA_SELECTED : AREA_NORMAL);
		ui_put(ui, top, r.x, 20, sel ? AREA_SELECTED : AREA_KIND, summary_fields[i].label);
	}
	if (f == F_SEVERITY || f == F_STATUS) {
		if (f == F_SEVERITY)
			snprintf(buf, sizeof(buf), "SEV%d", ui->inc->info.severity);
		else
			snprintf(buf, sizeof(buf), "%s", incident_status_names.names[ui->inc->info.status]);
		if (!measuring)
			ui_put(ui, top, r.x + 20, r.w - 20, sel ? AREA_SELECTED : AREA_NORMAL, buf);
		return 1;
	}
	used = put_wrapped(ui, top, r.x + 20, r.w - 20, bottom - top < (sel ? 8 : 3) ? bottom - top : (sel ? 8 : 3),
			   sel ? AREA_SELECTED : text && text[0] ? AREA_NORMAL : AREA_DIM, text && text[0] ? text : "-");
	used = used ? used : 1;
	if (text && f != F_TITLE)
		used += put_hints(ui, top + used, r.x + 20, r.w - 20, bottom - top - used > 2 ? 2 : bottom - top - used,
				  AREA_WARNING, text);
	return used;
}

static int field_height(void *ctx, size_t i, int width)
{
	struct summary *s = ctx;
	int h;

	(void)width;
	measuring = true;
	h = field_draw(s, i, 0, 100, i == s->lv.sel);
	measuring = false;
	return h;
}

static const struct listview_source field_rows = {
	.count = field_count,
	.id = field_id,
	.height = field_height,
	.draw = field_draw,
};

static void summary_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct summary *s = summary_of(ui, p);
	const struct durations *d = ui_durations(ui);
	char buf[256], a[32], b[32], c[32];
	int y = r.y, bottom = r.y + r.h;
	struct gap *gaps;
	size_t ngaps;

	static const enum request hints[] = { REQ_EDIT, REQ_EXTERNAL, REQ_EXPORT };
	struct strbuf head = STRBUF_INIT;

	sb_addf(&head, "time to detect %s, mitigate %s, resolve %s",
		d->to_detect >= 0 ? clock_format_duration(d->to_detect, a, sizeof(a)) : "-",
		d->to_mitigate >= 0 ? clock_format_duration(d->to_mitigate, b, sizeof(b)) : "-",
		d->to_resolve >= 0 ? clock_format_duration(d->to_resolve, c, sizeof(c)) : "-");
	if (!ui->present) {
		sb_addc(&head, ' ');
		keys_hints(&head, CTX_BOARD, hints, ARRAY_SIZE(hints));
	}
	ui_put(ui, y++, r.x, r.w, AREA_TITLE, sb_str(&head));
	sb_free(&head);
	for (size_t i = 0; i < d->nwarnings && y < bottom; i++)
		ui_put(ui, y++, r.x, r.w, AREA_WARNING, d->warnings[i]);
	if (y >= bottom)
		return;
	s->r = (struct rect){ y, r.x, bottom - y, r.w };
	y += listview_draw(&s->lv, s->r.h, r.w, focused);
	gaps = incident_coverage(ui->inc, &ngaps);
	if (ngaps && y + 1 < bottom) {
		ui_put(ui, ++y, r.x, r.w, AREA_TITLE, "Not yet covered");
		y++;
		for (size_t i = 0; i < ngaps && y < bottom; i++) {
			snprintf(buf, sizeof(buf), "%s: %s", gaps[i].type == REC_FACTOR ? "factor without action"
				 : "action without factor", gaps[i].title ? gaps[i].title : "");
			ui_put(ui, y++, r.x + 2, r.w - 2, AREA_WARNING, buf);
		}
	}
	free(gaps);
}

static size_t summary_sel;

static void summary_edited(struct ui *ui, const char *text)
{
	struct error e = { 0 };
	enum field_id f = summary_fields[summary_sel].field;

	if (!text)
		return;
	if (f == F_SEVERITY) {
		int sev = atoi(text);

		if (sev < 1 || sev > 4 || strspn(text, "1234") != strlen(text)) {
			ui_message(ui, true, "severity is 1 (worst) to 4");
			return;
		}
		saved(ui, edit_incident_severity(ui->store, ui->inc, sev, &e), &e, NULL);
		return;
	}
	saved(ui, edit_incident_text(ui->store, ui->inc, f, text, &e), &e, NULL);
}

static bool summary_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct summary *s = summary_of(ui, p);
	enum field_id f;
	struct error e = { 0 };
	char buf[8], *text;

	(void)ch;
	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	if (listview_key(&s->lv, req))
		return true;
	summary_sel = listview_selected(&s->lv);
	f = summary_fields[summary_sel].field;
	switch (req) {
	case REQ_EDIT:
		if (f == F_TITLE) {
			ui_ask_field(ui, &ui->inc->info.e, "Title:", ui->inc->info.title, summary_edited);
		} else if (f == F_SEVERITY) {
			snprintf(buf, sizeof(buf), "%d", ui->inc->info.severity);
			ui_ask_field(ui, &ui->inc->info.e, "Severity (1 worst .. 4):", buf, summary_edited);
		} else if (f == F_STATUS) {
			saved(ui, edit_incident_status(ui->store, ui->inc,
						       (enum incident_status)((ui->inc->info.status + 1) % STATUS_COUNT), &e),
			      &e, NULL);
		} else {
			ui_edit_long_field(ui, &ui->inc->info.e, summary_fields[summary_sel].label,
					   summary_text(&ui->inc->info, f), summary_edited);
		}
		break;
	case REQ_EXTERNAL:
		if (f != F_SEVERITY && f != F_STATUS && f != F_TITLE) {
			struct edit_base base;

			edit_base_take(&base, &ui->inc->info.e);
			if ((text = ui_external_edit(ui, summary_text(&ui->inc->info, f) ? summary_text(&ui->inc->info, f)
						     : ""))) {
				edit_from(&base);
				summary_edited(ui, text);
				edit_from(NULL);
				free(text);
			}
		}
		break;
	case REQ_EXPORT:
		ask_export(ui);
		break;
	case REQ_HISTORY:
		talk_key(ui, req, "the incident", ui->inc->id, ui->inc->info.title);
		break;
	default:
		return false;
	}
	return true;
}

const struct pane_ops summary_ops = {
	.name = "summary",
	.ctx = CTX_BOARD,
	.draw = summary_draw,
	.key = summary_key,
};

/* ---- what followers see ---- */

const char *board_selected_id(struct ui *ui, struct pane *p)
{
	if (p->ops == &factors_ops) {
		struct factor *f = board_selected(board_of(ui, p));

		return f ? f->e.id : "";
	}
	if (p->ops == &actions_ops)
		return listview_selected_id(&alist_of(ui, p)->lv);
	return listview_selected_id(&summary_of(ui, p)->lv);
}

void board_select_id(struct ui *ui, struct pane *p, const char *id)
{
	if (p->ops == &factors_ops) {
		board_show(board_of(ui, p), id);
	} else if (p->ops == &actions_ops) {
		listview_select(&alist_of(ui, p)->lv, id);
	} else {
		listview_select(&summary_of(ui, p)->lv, id);
	}
}
