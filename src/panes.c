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
#include "scribe/text.h"
#include "scribe/ui.h"

#define MIN_COLUMN 24
#define MAX_HITS 4

/* The entity a prompt or an overlay is about: one at a time. */
static char target[ID_LEN];

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

/* c and h on the card or action id, called title. */
static bool talk_key(struct ui *ui, enum request req, const char *kind, const char *id, const char *title)
{
	char *what;

	switch (req) {
	case REQ_COMMENT:
		snprintf(target, sizeof(target), "%s", id);
		ui_ask(ui, "Comment:", "", commented);
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

struct board {
	size_t col, left;	/* selected column, first column shown */
	char sel[ID_LEN];	/* selected card */
	int top;		/* first card shown in the selected column */
	char deleted[ID_LEN];	/* last card deleted here, for u */
};

static struct board *board_of(struct pane *p)
{
	if (!p->state)
		p->state = xcalloc(1, sizeof(struct board));
	return p->state;
}

/* The live cards of column c, in board order; returns how many. */
static size_t column_cards(struct ui *ui, size_t c, struct factor **out)
{
	size_t n = 0;

	for (size_t i = 0; c < ui->inc->ncategories && i < ui->inc->nfactors; i++) {
		struct factor *f = ui->inc->factors[i];

		if (!f->deleted && !strcmp(f->category, ui->inc->categories[c])) {
			if (out)
				out[n] = f;
			n++;
		}
	}
	return n;
}

/* The selected card (NULL in an empty column); fixes b->sel up. */
static struct factor *board_selected(struct ui *ui, struct board *b, size_t *index)
{
	size_t n;
	struct factor **v, *f = NULL;

	incident_sort(ui->inc);
	if (b->col >= ui->inc->ncategories)
		b->col = ui->inc->ncategories ? ui->inc->ncategories - 1 : 0;
	n = column_cards(ui, b->col, NULL);
	v = xcalloc(n ? n : 1, sizeof(*v));
	column_cards(ui, b->col, v);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i]->e.id, b->sel)) {
			f = v[i];
			if (index)
				*index = i;
		}
	if (!f && n) {
		f = v[0];
		if (index)
			*index = 0;
	}
	snprintf(b->sel, sizeof(b->sel), "%s", f ? f->e.id : "");
	free(v);
	return f;
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

static void factors_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct board *b = board_of(p);
	size_t ncol = ui->inc->ncategories, visible, sel_index = 0;
	int cw;
	struct factor *selected = board_selected(ui, b, &sel_index);

	(void)selected;
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
		ui_put(ui, r.y, r.x, r.w - mw - (mw ? 1 : 0), AREA_TITLE,
		       ui->present ? "Factors" : "Factors  a add  e edit  d describe  l link  <> KJ move  F1");
	}
	if (!ncol)
		return;
	for (size_t c = b->left; c < b->left + visible; c++) {
		int x = r.x + (int)(c - b->left) * cw, y = r.y + 2, w = cw - 2;
		size_t n = column_cards(ui, c, NULL);
		struct factor **v = xcalloc(n ? n : 1, sizeof(*v));
		char head[96];
		int first = 0;

		column_cards(ui, c, v);
		snprintf(head, sizeof(head), "%s (%zu)", ui->inc->categories[c], n);
		for (char *h = head; *h && *h != ' '; h++)
			*h = (char)(*h >= 'a' && *h <= 'z' ? *h - 32 : *h);
		ui_put(ui, r.y + 1, x, w, c == b->col && focused ? AREA_TAB_ACTIVE : AREA_KIND, head);
		if (c == b->col) {
			/* keep the selected card on screen */
			if (b->top > (int)sel_index)
				b->top = (int)sel_index;
			first = b->top;
			for (;;) {
				int need = 0;

				measuring = true;
				for (size_t i = (size_t)first; i <= sel_index && i < n; i++)
					need += draw_card(ui, v[i], 0, x, w, 100, false) + 1;
				measuring = false;
				if (need <= r.h - 2 || first >= (int)sel_index)
					break;
				first++;
			}
			b->top = first;
		}
		if (!n)
			ui_put(ui, y, x, w, AREA_DIM, c == b->col ? "(empty: a adds)" : "(empty)");
		for (size_t i = (size_t)first; i < n && y < r.y + r.h; i++) {
			y += draw_card(ui, v[i], y, x, w, r.y + r.h - y, focused && c == b->col && i == sel_index);
			y++;
		}
		free(v);
	}
}

static void factor_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };
	struct board *b = board_of(&ui->panes[PANE_FACTORS]);
	char id[EDIT_ID_LEN];
	const char *cat = b->col < ui->inc->ncategories ? ui->inc->categories[b->col] : NULL;

	if (!title || !title[0])
		return;
	saved(ui, edit_factor_add(ui->store, ui->inc, title, cat, NULL, id, &e), &e, "card added");
	snprintf(b->sel, sizeof(b->sel), "%s", id);
}

static void factor_titled(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_factor_edit(ui->store, ui->inc, target, title, NULL, &e), &e, NULL);
}

static void factor_described(struct ui *ui, const char *text)
{
	struct error e = { 0 };

	if (text)
		saved(ui, edit_factor_edit(ui->store, ui->inc, target, NULL, text, &e), &e, "description saved");
}

static void factor_no_action(struct ui *ui, const char *reason)
{
	struct error e = { 0 };

	if (reason)
		saved(ui, edit_factor_no_action(ui->store, ui->inc, target, reason, &e), &e,
		      reason[0] ? "no action needed: noted" : "no-action reason removed");
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
	struct board *b = board_of(p);
	size_t index = 0, n;
	struct factor *f = board_selected(ui, b, &index), **v;
	struct error e = { 0 };
	char *text;

	(void)ch;
	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	n = column_cards(ui, b->col, NULL);
	v = xcalloc(n ? n : 1, sizeof(*v));
	column_cards(ui, b->col, v);
	if (f)
		snprintf(target, sizeof(target), "%s", f->e.id);
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_FIRST: case REQ_LAST:
		if (n) {
			if (req == REQ_UP && index)
				index--;
			else if (req == REQ_DOWN && index + 1 < n)
				index++;
			else if (req == REQ_FIRST || req == REQ_PAGE_UP)
				index = 0;
			else if (req == REQ_LAST || req == REQ_PAGE_DOWN)
				index = n - 1;
			snprintf(b->sel, sizeof(b->sel), "%s", v[index]->e.id);
		}
		break;
	case REQ_LEFT:
	case REQ_RIGHT:
		if (req == REQ_LEFT && b->col)
			b->col--;
		else if (req == REQ_RIGHT && b->col + 1 < ui->inc->ncategories)
			b->col++;
		b->sel[0] = '\0';
		b->top = 0;
		break;
	case REQ_ADD:
		ui_ask(ui, "New card:", "", factor_added);
		break;
	case REQ_EDIT:
		if (f)
			ui_ask(ui, "Card title:", f->title, factor_titled);
		break;
	case REQ_DESCRIBE:
		if (f)
			ui_edit_long(ui, "Description of the card (how and what, not who)", f->description,
				     factor_described);
		break;
	case REQ_EXTERNAL:
		if (f && (text = ui_external_edit(ui, f->description ? f->description : ""))) {
			factor_described(ui, text);
			free(text);
		}
		break;
	case REQ_MOVE_LEFT:
	case REQ_MOVE_RIGHT:
		if (f && (req == REQ_MOVE_LEFT ? b->col > 0 : b->col + 1 < ui->inc->ncategories)) {
			size_t to = req == REQ_MOVE_LEFT ? b->col - 1 : b->col + 1;

			saved(ui, edit_factor_move(ui->store, ui->inc, target, ui->inc->categories[to], 0, &e), &e, NULL);
			b->col = to;
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
			ui_ask(ui, "Why no action is needed (empty clears):", f->no_action, factor_no_action);
		break;
	case REQ_DELETE:
		if (f) {
			saved(ui, edit_factor_delete(ui->store, ui->inc, target, true, &e), &e,
			      "card deleted: u brings it back");
			snprintf(b->deleted, sizeof(b->deleted), "%s", target);
			b->sel[0] = '\0';
		}
		break;
	case REQ_UNDELETE:
		if (b->deleted[0]) {
			saved(ui, edit_factor_delete(ui->store, ui->inc, b->deleted, false, &e), &e, "card restored");
			snprintf(b->sel, sizeof(b->sel), "%s", b->deleted);
			b->deleted[0] = '\0';
		} else {
			ui_message(ui, true, "nothing deleted here to bring back");
		}
		break;
	case REQ_EXPORT:
		ask_export(ui);
		break;
	default:
		free(v);
		return false;
	}
	free(v);
	return true;
}

const struct pane_ops factors_ops = {
	.name = "factors",
	.ctx = CTX_BOARD,
	.draw = factors_draw,
	.key = factors_key,
};

/* ---- actions ---- */

struct alist {
	size_t sel, top;
	char deleted[ID_LEN];
};

static struct alist *alist_of(struct pane *p)
{
	if (!p->state)
		p->state = xcalloc(1, sizeof(struct alist));
	return p->state;
}

static size_t live_actions(struct ui *ui, struct action **out)
{
	size_t n = 0;

	incident_sort(ui->inc);
	for (size_t i = 0; i < ui->inc->nactions; i++)
		if (!ui->inc->actions[i]->deleted) {
			if (out)
				out[n] = ui->inc->actions[i];
			n++;
		}
	return n;
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
	y += comments_draw(ui, a->e.id, y, r.x, r.w, bottom - y - 1, AREA_NORMAL);
	if (a->status == ASTATUS_WONTFIX && a->reason && y < bottom) {
		char *line = xasprintf("won't fix: %s", a->reason);

		y += put_wrapped(ui, y, r.x, r.w, bottom - y, AREA_NORMAL, line);
		free(line);
	}
	put_hints(ui, y, r.x, r.w, bottom - y, AREA_WARNING, a->title);
	sb_free(&sb);
}

static void actions_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct alist *l = alist_of(p);
	size_t n = live_actions(ui, NULL);
	struct action **v = xcalloc(n ? n : 1, sizeof(*v));
	int y = r.y + 1, rows = r.h - 1 - 6;

	live_actions(ui, v);
	/* key hints are for the keyboard's owner, not for a room */
	ui_put(ui, r.y, r.x, r.w, AREA_TITLE,
	       ui->present ? "Preventative actions"
			   : "Preventative actions   a add  0-3 priority  v vote  s status  o owner  D due  F1 more");
	if (!n)
		ui_put(ui, y + 1, r.x + 2, r.w - 4, AREA_DIM, "No actions yet: press a to add one.");
	if (rows < 1)
		rows = 1;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	for (size_t i = l->top; i < n && y < r.y + 1 + rows; i++, y++) {
		const struct action *a = v[i];
		bool sel = focused && i == l->sel;
		enum area base = sel ? AREA_SELECTED : AREA_NORMAL;
		char buf[160];
		int x = r.x;

		ui_fill(ui, y, r.x, r.w, base);
		snprintf(buf, sizeof(buf), "%s %s%-2d %-7s %-8s ", priority_names.names[a->priority],
			 ui_glyph(ui, "\xE2\x96\xB2", "+"), a->nup, action_status_names.names[a->status],
			 action_type_names.names[a->type]);
		x += ui_put(ui, y, x, r.w, sel ? base : a->priority == PRIO_P0 ? AREA_MARKER : AREA_KIND, buf);
		x += ui_put(ui, y, x, r.x + r.w - x, a->status >= ASTATUS_DONE && !sel ? AREA_DIM : base, a->title);
		if (a->owner && a->owner[0]) {
			snprintf(buf, sizeof(buf), "  @%s", a->owner);
			x += ui_put(ui, y, x, r.x + r.w - x, sel ? base : AREA_AUTHOR, buf);
		}
		if (a->due && a->due[0]) {
			bool late = overdue(a);

			snprintf(buf, sizeof(buf), "  %s %s", late ? "OVERDUE" : "due", a->due);
			ui_put(ui, y, x, r.x + r.w - x, late ? AREA_NOT_SAVED : sel ? base : AREA_DIM, buf);
		}
	}
	if (n && l->sel < n)
		action_details(ui, v[l->sel], r, r.y + r.h - 6);
	free(v);
}

static void action_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_action_add(ui->store, ui->inc, title, ATYPE_PREVENT, PRIO_P2, NULL, &e), &e,
		      "action added (P2: 0-3 sets the priority)");
}

static void action_titled(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_action_edit(ui->store, ui->inc, target, title, NULL, NULL, &e), &e, NULL);
}

static void action_owned(struct ui *ui, const char *owner)
{
	struct error e = { 0 };

	if (owner)
		saved(ui, edit_action_edit(ui->store, ui->inc, target, NULL, owner, NULL, &e), &e, NULL);
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
	struct alist *l = alist_of(p);
	size_t n = live_actions(ui, NULL);
	struct action **v = xcalloc(n ? n : 1, sizeof(*v)), *a;
	struct error e = { 0 };

	(void)is_char;
	if (meeting_key(ui, req)) {
		free(v);
		return true;
	}
	if (changes(req) && ui_read_only(ui)) {
		free(v);
		return true;
	}
	live_actions(ui, v);
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	a = n ? v[l->sel] : NULL;
	free(v);
	if (a)
		snprintf(target, sizeof(target), "%s", a->e.id);
	switch (req) {
	case REQ_UP: if (l->sel) l->sel--; break;
	case REQ_DOWN: if (l->sel + 1 < n) l->sel++; break;
	case REQ_PAGE_UP: l->sel = l->sel > 10 ? l->sel - 10 : 0; break;
	case REQ_PAGE_DOWN: l->sel = l->sel + 10 < n ? l->sel + 10 : (n ? n - 1 : 0); break;
	case REQ_FIRST: l->sel = 0; break;
	case REQ_LAST: l->sel = n ? n - 1 : 0; break;
	case REQ_ADD:
		ui_ask(ui, "New action:", "", action_added);
		break;
	case REQ_EDIT:
		if (a)
			ui_ask(ui, "Action:", a->title, action_titled);
		break;
	case REQ_OWNER:
		if (a)
			ui_ask(ui, "Owner:", a->owner, action_owned);
		break;
	case REQ_DUE:
		if (a)
			ui_ask(ui, "Due (YYYY-MM-DD, +3d, +2w; empty clears):", a->due, action_due);
		break;
	case REQ_PRIORITY:
		if (a)
			saved(ui, edit_action_priority(ui->store, ui->inc, target, (enum priority)(ch - '0'), &e), &e, NULL);
		break;
	case REQ_COMMENT:
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
				ui_ask(ui, "Won't fix, because:", a->reason, action_wontfix);
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
		if (a) {
			saved(ui, edit_action_move(ui->store, ui->inc, target, req == REQ_MOVE_UP ? -1 : 1, &e), &e, NULL);
			/* the selection follows the action */
			n = live_actions(ui, NULL);
			v = xcalloc(n ? n : 1, sizeof(*v));
			live_actions(ui, v);
			for (size_t i = 0; i < n; i++)
				if (!strcmp(v[i]->e.id, target))
					l->sel = i;
			free(v);
		}
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

const struct pane_ops actions_ops = {
	.name = "actions",
	.ctx = CTX_BOARD,
	.draw = actions_draw,
	.key = actions_key,
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
	size_t sel;
	int top;
};

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

static void summary_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct summary *s = p->state ? p->state : (p->state = xcalloc(1, sizeof(struct summary)));
	const struct incident_fields *in = &ui->inc->info;
	const struct durations *d = ui_durations(ui);
	char buf[256], a[32], b[32], c[32];
	int y = r.y, bottom = r.y + r.h;
	struct gap *gaps;
	size_t ngaps;

	snprintf(buf, sizeof(buf), "time to detect %s, mitigate %s, resolve %s%s",
		 d->to_detect >= 0 ? clock_format_duration(d->to_detect, a, sizeof(a)) : "-",
		 d->to_mitigate >= 0 ? clock_format_duration(d->to_mitigate, b, sizeof(b)) : "-",
		 d->to_resolve >= 0 ? clock_format_duration(d->to_resolve, c, sizeof(c)) : "-",
		 ui->present ? "" : "   (Enter edits, E in $EDITOR, w writes the report)");
	ui_put(ui, y++, r.x, r.w, AREA_TITLE, buf);
	for (size_t i = 0; i < d->nwarnings && y < bottom; i++)
		ui_put(ui, y++, r.x, r.w, AREA_WARNING, d->warnings[i]);
	if (s->sel >= ARRAY_SIZE(summary_fields))
		s->sel = 0;
	for (size_t i = 0; i < ARRAY_SIZE(summary_fields) && y < bottom; i++) {
		enum field_id f = summary_fields[i].field;
		bool sel = focused && i == s->sel;
		const char *text = summary_text(in, f);

		ui_fill(ui, y, r.x, r.w, sel ? AREA_SELECTED : AREA_NORMAL);
		ui_put(ui, y, r.x, 20, sel ? AREA_SELECTED : AREA_KIND, summary_fields[i].label);
		if (f == F_SEVERITY) {
			snprintf(buf, sizeof(buf), "SEV%d", in->severity);
			ui_put(ui, y++, r.x + 20, r.w - 20, sel ? AREA_SELECTED : AREA_NORMAL, buf);
		} else if (f == F_STATUS) {
			ui_put(ui, y++, r.x + 20, r.w - 20, sel ? AREA_SELECTED : AREA_NORMAL,
			       incident_status_names.names[in->status]);
		} else {
			int max = sel ? 8 : 3, used;

			used = put_wrapped(ui, y, r.x + 20, r.w - 20, bottom - y < max ? bottom - y : max,
					   sel ? AREA_SELECTED : text && text[0] ? AREA_NORMAL : AREA_DIM,
					   text && text[0] ? text : "-");
			y += used ? used : 1;
			if (text && f != F_TITLE)
				y += put_hints(ui, y, r.x + 20, r.w - 20, bottom - y > 2 ? 2 : bottom - y, AREA_WARNING, text);
		}
	}
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
	struct summary *s = p->state ? p->state : (p->state = xcalloc(1, sizeof(struct summary)));
	enum field_id f;
	struct error e = { 0 };
	char buf[8], *text;

	(void)ch;
	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	if (s->sel >= ARRAY_SIZE(summary_fields))
		s->sel = 0;
	f = summary_fields[s->sel].field;
	summary_sel = s->sel;
	switch (req) {
	case REQ_UP: if (s->sel) s->sel--; break;
	case REQ_DOWN: if (s->sel + 1 < ARRAY_SIZE(summary_fields)) s->sel++; break;
	case REQ_FIRST: case REQ_PAGE_UP: s->sel = 0; break;
	case REQ_LAST: case REQ_PAGE_DOWN: s->sel = ARRAY_SIZE(summary_fields) - 1; break;
	case REQ_EDIT:
		if (f == F_TITLE) {
			ui_ask(ui, "Title:", ui->inc->info.title, summary_edited);
		} else if (f == F_SEVERITY) {
			snprintf(buf, sizeof(buf), "%d", ui->inc->info.severity);
			ui_ask(ui, "Severity (1 worst .. 4):", buf, summary_edited);
		} else if (f == F_STATUS) {
			saved(ui, edit_incident_status(ui->store, ui->inc,
						       (enum incident_status)((ui->inc->info.status + 1) % STATUS_COUNT), &e),
			      &e, NULL);
		} else {
			ui_edit_long(ui, summary_fields[s->sel].label, summary_text(&ui->inc->info, f), summary_edited);
		}
		break;
	case REQ_EXTERNAL:
		if (f != F_SEVERITY && f != F_STATUS && f != F_TITLE &&
		    (text = ui_external_edit(ui, summary_text(&ui->inc->info, f) ? summary_text(&ui->inc->info, f) : ""))) {
			summary_edited(ui, text);
			free(text);
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
	static char id[ID_LEN];

	if (p->ops == &factors_ops) {
		struct factor *f = board_selected(ui, board_of(p), NULL);

		return f ? f->e.id : "";
	}
	if (p->ops == &actions_ops) {
		struct alist *l = p->state;
		size_t n = live_actions(ui, NULL);
		struct action **v = xcalloc(n ? n : 1, sizeof(*v));

		live_actions(ui, v);
		snprintf(id, sizeof(id), "%s", l && l->sel < n ? v[l->sel]->e.id : "");
		free(v);
		return id;
	}
	snprintf(id, sizeof(id), "f%zu", p->state ? ((struct summary *)p->state)->sel : 0);
	return id;
}

void board_select_id(struct ui *ui, struct pane *p, const char *id)
{
	if (p->ops == &factors_ops) {
		struct board *b = board_of(p);
		struct factor *f = incident_factor(ui->inc, id);

		if (!f)
			return;
		for (size_t c = 0; c < ui->inc->ncategories; c++)
			if (!strcmp(ui->inc->categories[c], f->category))
				b->col = c;
		snprintf(b->sel, sizeof(b->sel), "%s", id);
	} else if (p->ops == &actions_ops) {
		struct alist *l = alist_of(p);
		size_t n = live_actions(ui, NULL);
		struct action **v = xcalloc(n ? n : 1, sizeof(*v));

		live_actions(ui, v);
		for (size_t i = 0; i < n; i++)
			if (!strcmp(v[i]->e.id, id))
				l->sel = i;
		free(v);
	} else if (id[0] == 'f') {
		struct summary *s = p->state ? p->state : (p->state = xcalloc(1, sizeof(struct summary)));

		s->sel = (size_t)atoi(id + 1);
	}
}
