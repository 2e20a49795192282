#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scribe/actions.h"
#include "scribe/edit.h"
#include "scribe/entry.h"
#include "scribe/listview.h"
#include "scribe/text.h"
#include "scribe/timeline.h"
#include "scribe/ui.h"

#define EDITOR_MAX_ROWS 5
#define DRAFT_SAVE_MS 250	/* a half-typed line reaches the disk this often */
#define AUTHOR_W 10
/* Long text (a pasted log) is folded: past FOLD_AT rows an event shows
 * its first FOLD_SHOW rows and how many more there are, until Ctrl-O. */
#define FOLD_AT 8
#define FOLD_SHOW 5
#define MAX_OPEN 64

/* The events lately measured or drawn, wrapped: a redraw (a key that
 * grows the editor, the clock, a scroll) wraps again only what it did
 * not show before.  Direct-mapped by event and width; emptied whenever
 * the incident changes (its generation), which is when a body can. */
#define WRAP_SLOTS 256
struct wrap {
	const struct event *ev;	/* NULL: empty */
	int width;		/* the text's columns */
	struct strbuf body;	/* body_of(ev) */
	size_t *starts, *lens, n;	/* its lines (text_wrap) */
};

struct wraps {
	const struct incident *inc;
	uint64_t gen;
	/* prefix_width, as of this incident generation and second */
	int prefix;
	long prefix_second;
	enum clock_zone prefix_display;
	struct wrap slot[WRAP_SLOTS];
};

struct timeline {
	struct lineedit le;
	bool typing;		/* an entry was started: cur holds its stamp */
	struct draft cur;
	bool editing;		/* /edit: the editor holds an event's text */
	char edit_id[ID_LEN];
	struct edit_base edit_base;	/* the event's revision when /edit began */
	struct listview lv;	/* the events shown, selection and scrolling */
	bool show_deleted;
	/* the events shown: inc->events itself when none is hidden (direct),
	 * else those not deleted, rebuilt once per change of the incident */
	struct event **vis;
	size_t nvis, capvis;
	bool direct, vis_deleted;
	const struct incident *vis_inc;
	uint64_t vis_gen;
	struct rect list_r;	/* where the list is drawn */
	char open[MAX_OPEN][ID_LEN];	/* long events unfolded (Ctrl-O) */
	size_t nopen;
	char find[128];
	bool draft_dirty;
	bool cur_stale;		/* the editor's text is newer than its draft in
				 * ui->drafts: put there when the drafts are
				 * saved (a copy a save, not a copy a key) */
	ms_t draft_saved;
	int list_rows;
	int ed_y, ed_x, cur_y, cur_x;	/* where the editor was drawn */
	/* the last full draw's editor, for timeline_draw_editor */
	struct rect ed_r;
	int ed_rows;
	char ed_stamp[32];
	char typed_stamp[32];	/* the stamp of the entry typed at typed_stamp_of */
	ms_t typed_stamp_of;
	bool ed_valid;
	struct strbuf ed_drawn[EDITOR_MAX_ROWS];	/* what each row shows */
	bool ed_drawn_ok[EDITOR_MAX_ROWS];		/* ... when worth comparing */
	size_t live;		/* events not deleted, as of generation gen */
	uint64_t gen;
	struct wraps wraps;	/* the events' bodies as lately wrapped */
};

static const struct listview_source timeline_rows;

static struct timeline *tl_of(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_TIMELINE];

	if (!p->state) {
		struct timeline *tl = xcalloc(1, sizeof(*tl));

		lineedit_init(&tl->le);
		listview_init(&tl->lv, &timeline_rows, ui);
		tl->lv.follow_end = true;
		tl->lv.at_end = true;	/* opens on the newest events */
		p->state = tl;
	}
	return p->state;
}

/* ---- what is shown ---- */

static bool shown(const struct timeline *tl, const struct event *ev)
{
	return !ev->deleted || tl->show_deleted;
}

/* Brings the list of shown events up to date with the incident: O(1)
 * when nothing changed or nothing is hidden, else one pass. */
static void rows_update(struct ui *ui, struct timeline *tl)
{
	struct incident *inc = ui->inc;

	incident_sort(inc);
	if (tl->vis_inc == inc && tl->vis_gen == inc->generation && tl->vis_deleted == tl->show_deleted)
		return;
	tl->vis_inc = inc;
	tl->vis_gen = inc->generation;
	tl->vis_deleted = tl->show_deleted;
	tl->direct = tl->show_deleted || incident_count_events(inc) == inc->nevents;
	tl->nvis = 0;
	if (tl->direct)
		return;
	if (tl->capvis < inc->nevents) {
		tl->capvis = inc->nevents;
		tl->vis = xreallocarray(tl->vis, tl->capvis, sizeof(*tl->vis));
	}
	for (size_t i = 0; i < inc->nevents; i++)
		if (shown(tl, inc->events[i]))
			tl->vis[tl->nvis++] = inc->events[i];
}

static size_t rows_count(void *ctx)
{
	struct ui *ui = ctx;
	struct timeline *tl = tl_of(ui);

	rows_update(ui, tl);
	return tl->direct ? ui->inc->nevents : tl->nvis;
}

/* The i-th event shown (i below rows_count). */
static struct event *row_event(struct ui *ui, struct timeline *tl, size_t i)
{
	return tl->direct ? ui->inc->events[i] : tl->vis[i];
}

static const char *rows_id(void *ctx, size_t i)
{
	struct ui *ui = ctx;

	return row_event(ui, tl_of(ui), i)->e.id;
}

/* By the id's event and a binary search in timeline order: O(log n). */
static size_t rows_find(void *ctx, const char *id, size_t hint)
{
	struct ui *ui = ctx;
	struct timeline *tl = tl_of(ui);
	struct event *ev = incident_event(ui->inc, id);
	size_t lo = 0, hi;

	(void)hint;
	if (!ev || !shown(tl, ev))
		return LISTVIEW_NONE;
	rows_update(ui, tl);
	if (tl->direct) {
		size_t pos = incident_event_pos(ui->inc, ev);

		return pos < ui->inc->nevents ? pos : LISTVIEW_NONE;
	}
	hi = tl->nvis;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = event_cmp(&tl->vis[mid], &ev);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return LISTVIEW_NONE;
}

/* The selected event, or NULL. */
static struct event *sel_event(struct ui *ui, struct timeline *tl)
{
	size_t i = listview_selected(&tl->lv);

	return i == LISTVIEW_NONE ? NULL : row_event(ui, tl, i);
}

/* Whether the timeline spans more than one local day (then rows show the
 * date too). */
static bool spans_days(struct ui *ui)
{
	struct incident *inc = ui->inc;

	return inc->nevents > 1 &&
	       clock_local_day(inc->events[0]->at) != clock_local_day(inc->events[inc->nevents - 1]->at);
}

/* Whether the dates shown carry the year: an incident of another year. */
static bool other_year(struct ui *ui)
{
	return ui->inc->nevents && clock_other_year(ui->inc->events[0]->at, clock_now());
}

static int prefix_width(struct ui *ui)
{
	/* time (and UTC beside it), flags, kind, author */
	return (!spans_days(ui) ? 9 : other_year(ui) ? 20 : 15) + (clock_display() == CLOCK_BOTH ? 13 : 0) + 3 + 10 +
	       AUTHOR_W + 1;
}

/* The event's body as wrapped: "[MARKER] text". */
static void body_of(struct ui *ui, const struct event *ev, struct strbuf *out)
{
	sb_reset(out);
	if (ev->deleted)
		sb_adds(out, "[deleted] ");
	if (ev->marker != MARKER_NONE) {
		sb_addc(out, '[');
		for (const char *m = marker_names.names[ev->marker]; *m; m++)
			sb_addc(out, (char)toupper((unsigned char)*m));
		sb_adds(out, "] ");
	}
	if (ev->internal)
		sb_adds(out, "(internal) ");
	if (ev->text && ev->text[0])
		text_sanitize(out, ev->text, strlen(ev->text), TEXT_KEEP_NEWLINE | ui->text_flags);
	else
		sb_adds(out, "(mark: /edit to fill it in)");
	if (event_edited(ev))
		sb_adds(out, " (edited)");	/* /history shows what changed */
}

/* Where id is among the unfolded events, or nopen. */
static size_t open_index(const struct timeline *tl, const char *id)
{
	size_t i = 0;

	while (i < tl->nopen && strcmp(tl->open[i], id))
		i++;
	return i;
}

/* The rows ev shows of the n its text wraps to: all of them, or the
 * first few and a row saying how many more when it is folded. */
static size_t shown_rows(struct ui *ui, const struct event *ev, size_t n)
{
	const struct timeline *tl = ui->panes[PANE_TIMELINE].state;

	if (n <= FOLD_AT || (tl && open_index(tl, ev->e.id) < tl->nopen))
		return n;
	return FOLD_SHOW + 1;
}

/* The cache of struct wraps, valid for the incident as it is now. */
static struct wraps *wraps_of(struct ui *ui)
{
	struct wraps *c = &tl_of(ui)->wraps;
	ms_t now = clock_now();

	if (c->inc != ui->inc || c->gen != ui->inc->generation) {
		for (size_t i = 0; i < WRAP_SLOTS; i++)
			c->slot[i].ev = NULL;
		c->inc = ui->inc;
		c->gen = ui->inc->generation;
		c->prefix_second = -1;
	}
	/* the prefix follows the events' days and this year too */
	if (c->prefix_second != now / 1000 || c->prefix_display != clock_display()) {
		c->prefix = prefix_width(ui);
		c->prefix_second = now / 1000;
		c->prefix_display = clock_display();
	}
	return c;
}

/* ev's body wrapped for a list width columns wide: from the cache, or
 * wrapped now into it.  Valid until the next call. */
static const struct wrap *wrapped(struct ui *ui, const struct event *ev, int width)
{
	struct wraps *c = wraps_of(ui);
	int tw = width - c->prefix;
	struct wrap *w;

	if (tw < 8)
		tw = 8;
	w = &c->slot[(((uintptr_t)ev >> 4) ^ ((uintptr_t)ev >> 12) ^ (uintptr_t)tw * 7) % WRAP_SLOTS];
	if (w->ev == ev && w->width == tw)
		return w;
	free(w->starts);
	free(w->lens);
	body_of(ui, ev, &w->body);
	w->n = text_wrap(w->body.buf, w->body.len, (size_t)tw, &w->starts, &w->lens);
	w->ev = ev;
	w->width = tw;
	return w;
}

static size_t event_height(struct ui *ui, const struct event *ev, int width)
{
	return shown_rows(ui, ev, wrapped(ui, ev, width)->n);
}

/* Ctrl-O: the selected event's long text in full, or folded again. */
static void toggle_fold(struct ui *ui, struct timeline *tl, struct event *ev)
{
	size_t i;

	if (!ev)
		return;
	if ((i = open_index(tl, ev->e.id)) < tl->nopen) {
		memmove(tl->open[i], tl->open[i + 1], (tl->nopen - i - 1) * sizeof(tl->open[0]));
		tl->nopen--;
		return;
	}
	if (tl->nopen == MAX_OPEN) {	/* the oldest folds again */
		memmove(tl->open[0], tl->open[1], (MAX_OPEN - 1) * sizeof(tl->open[0]));
		tl->nopen--;
	}
	snprintf(tl->open[tl->nopen++], ID_LEN, "%s", ev->e.id);
}

/* Whether a live factor card is linked to ev (a few cards, a few links
 * each: cheap for the rows on screen). */
static bool backs_factor(struct ui *ui, const struct event *ev)
{
	for (size_t i = 0; i < ui->inc->nfactors; i++) {
		const struct factor *f = ui->inc->factors[i];

		for (size_t k = 0; !f->deleted && f->events && k < f->events->n; k++)
			if (!strcmp(f->events->v[k], ev->e.id))
				return true;
	}
	return false;
}

/* Draws ev from row y, at most max rows; returns the rows used.  A
 * selected event is drawn all in the selection's colours. */
static int draw_event(struct ui *ui, const struct event *ev, int y, int x, int w, int max, bool selected)
{
	const struct wrap *wr = wrapped(ui, ev, w);
	const char *body = wr->body.buf;
	const size_t *starts = wr->starts, *lens = wr->lens, n = wr->n;
	char buf[64];
	const char *by;
	int pw = wraps_of(ui)->prefix, tw = w - pw, col = x, rows;
	enum area base = selected ? AREA_SELECTED : ev->deleted ? AREA_DIM : AREA_NORMAL;
	bool folded;
#define PICK(a) (selected ? AREA_SELECTED : (a))

	folded = shown_rows(ui, ev, n) < n;
	rows = folded ? FOLD_SHOW : (int)n;
	if (rows > max)
		rows = max;
	for (int i = 0; i < rows; i++)
		ui_fill(ui, y + i, x, w, base);
	clock_format_local(ev->at, !spans_days(ui) ? "%H:%M:%S" : other_year(ui) ? "%Y-%m-%d %H:%M:%S" : "%m-%d %H:%M:%S",
			   buf, sizeof(buf));
	col += ui_put(ui, y, col, w, PICK(AREA_TIME), buf) + 1;
	if (clock_display() == CLOCK_BOTH) {
		/* UTC, with its date where it is not the date shown */
		clock_format_utc_beside(ev->at, buf, sizeof(buf));
		ui_put(ui, y, col, w, PICK(AREA_DIM), buf);
		col += 13;
	}
	if (ev->star)
		ui_put(ui, y, col, 1, PICK(AREA_STAR), ui_glyph(ui, "\xE2\x98\x85", "*"));
	if (ev->causal)
		ui_put(ui, y, col + 1, 1, PICK(AREA_STAR), "!");
	else if (backs_factor(ui, ev))
		ui_put(ui, y, col + 1, 1, PICK(AREA_MARKER), "F");
	col += 3;
	ui_put(ui, y, col, 9, PICK(ev->kind == KIND_NOTE ? AREA_DIM : AREA_KIND), kind_names.names[ev->kind]);
	col += 10;
	by = event_by(ui->inc, ev);
	ui_put(ui, y, col, AUTHOR_W, PICK(AREA_AUTHOR), by ? by : "");
	col = x + pw;
	for (int i = 0; i < rows; i++) {
		const char *line = body + starts[i];
		size_t len = lens[i], ml = 0;
		int c = col;

		if (i == 0 && ev->marker != MARKER_NONE && !ev->deleted) {
			ml = strcspn(line, "]") + 1;
			if (ml > len)
				ml = len;
			c += ui_putn(ui, y, c, tw, PICK(AREA_MARKER), line, ml);
		}
		ui_putn(ui, y + i, c, x + w - c, ev->text && ev->text[0] ? base : PICK(AREA_DIM),
			line + ml, len - ml);
	}
	if (folded && rows < max) {
		char more[96];

		snprintf(more, sizeof(more), "%s %zu more lines (Ctrl-O shows them)",
			 ui_glyph(ui, "\xE2\x80\xA6", "..."), n - (size_t)rows);
		ui_fill(ui, y + rows, x, w, base);
		ui_put(ui, y + rows, x + pw, w - pw, PICK(AREA_DIM), more);
		rows++;
	}
#undef PICK
	return rows;
}

static int rows_height(void *ctx, size_t i, int width)
{
	struct ui *ui = ctx;

	return (int)event_height(ui, row_event(ui, tl_of(ui), i), width);
}

static int rows_draw(void *ctx, size_t i, int y, int max, bool selected)
{
	struct ui *ui = ctx;
	struct timeline *tl = tl_of(ui);

	return draw_event(ui, row_event(ui, tl, i), tl->list_r.y + y, tl->list_r.x, tl->list_r.w, max, selected);
}

static const struct listview_source timeline_rows = {
	.count = rows_count,
	.id = rows_id,
	.find = rows_find,
	.height = rows_height,
	.draw = rows_draw,
};

static void draw_header(struct ui *ui, struct timeline *tl, struct rect r)
{
	const struct durations *d = ui_durations(ui);
	char a[32], b[32], c[32], buf[192];
	int x = r.x;

	(void)tl;
	ui_fill(ui, r.y, r.x, r.w, AREA_NORMAL);
	if (ui->loading)	/* the markers and the first event may be in what is still to read */
		snprintf(buf, sizeof(buf), "detect %s  mitigate %s  resolve %s  (loading)", ui_glyph(ui, "\xE2\x80\xA6", "..."),
			 ui_glyph(ui, "\xE2\x80\xA6", "..."), ui_glyph(ui, "\xE2\x80\xA6", "..."));
	else
		snprintf(buf, sizeof(buf), "detect %s  mitigate %s  resolve %s",
			 d->to_detect >= 0 ? clock_format_duration(d->to_detect, a, sizeof(a)) : "-",
			 d->to_mitigate >= 0 ? clock_format_duration(d->to_mitigate, b, sizeof(b)) : "-",
			 d->to_resolve >= 0 ? clock_format_duration(d->to_resolve, c, sizeof(c)) : "-");
	x += ui_put(ui, r.y, x, r.w, AREA_TITLE, buf) + 2;
	if (d->nwarnings) {
		snprintf(buf, sizeof(buf), "%s %s%s", ui_glyph(ui, "\xE2\x9A\xA0", "!"), d->warnings[0],
			 d->nwarnings > 1 ? " (+more: scribe check)" : "");
		ui_put(ui, r.y, x, r.x + r.w - x, AREA_WARNING, buf);
	}
}

static size_t count_pending(struct ui *ui)
{
	size_t n = 0;

	for (size_t i = 0; i < ui->drafts.n; i++)
		n += ui->drafts.v[i].state == DRAFT_PENDING;
	return n;
}

/* The editor's rows as laid out in lay, where the last full draw put
 * them; sets where the cursor goes.  After a full draw (full) every row
 * is drawn; else a row of printable ASCII that was printable ASCII
 * before is drawn from its first changed byte on (a typed key: a
 * character or two, not the whole line). */
static void draw_editor(struct ui *ui, struct timeline *tl, const struct lineedit_layout *lay, bool full)
{
	struct rect r = tl->ed_r;
	int prefix = (int)strlen(tl->ed_stamp), w = r.w - prefix;
	size_t first = lay->cursor_line >= (size_t)tl->ed_rows ? lay->cursor_line - (size_t)tl->ed_rows + 1 : 0;
	const char *t = lineedit_text(&tl->le);

	for (int i = 0; i < tl->ed_rows && i < EDITOR_MAX_ROWS; i++) {
		struct strbuf *was = &tl->ed_drawn[i];
		const char *row = "";
		size_t n = 0, same = 0;
		bool plain;

		if (first + (size_t)i < lay->nlines) {
			row = t + lay->starts[first + i];
			n = lay->lens[first + i];
		}
		if (tl->ed_drawn_ok[i]) {
			/* the bytes as drawn (printable ASCII): most often the
			 * whole row drawn before, a key typed at its end */
			size_t m = n < was->len ? n : was->len;

			if (!memcmp(row, was->buf, m))
				same = m;
			else
				while (row[same] == was->buf[same])
					same++;
		}
		plain = n <= (size_t)w && text_ascii_prefix(row + same, n - same) == n - same;
		if (!full && tl->ed_drawn_ok[i] && plain && was->len <= (size_t)w) {
			attrset(ui->attrs[AREA_NORMAL]);
			if (same < n)
				mvaddnstr(tl->ed_y + i, tl->ed_x + (int)same, row + same, (int)(n - same));
			if (was->len > n)
				mvhline(tl->ed_y + i, tl->ed_x + (int)n, ' ', (int)(was->len - n));
			attrset(A_NORMAL);
		} else {
			ui_fill(ui, tl->ed_y + i, r.x + prefix, w, AREA_NORMAL);
			if (n)
				ui_putn(ui, tl->ed_y + i, tl->ed_x, w, AREA_NORMAL, row, n);
		}
		/* what the row shows now, when it is plain enough to compare:
		 * the bytes it has in common with what it showed, and the rest */
		if (!plain || !tl->ed_drawn_ok[i])
			same = 0;
		was->len = same;
		sb_add(was, row + same, plain ? n - same : 0);
		tl->ed_drawn_ok[i] = plain;
		if (i > 0 && full)
			ui_fill(ui, tl->ed_y + i, r.x, prefix, AREA_NORMAL);
	}
	if (full)
		ui_put(ui, tl->ed_y, r.x, prefix, tl->typing || tl->editing ? AREA_STAMP : AREA_PROMPT, tl->ed_stamp);
	tl->cur_y = tl->ed_y + (int)(lay->cursor_line - first);
	tl->cur_x = tl->ed_x + (int)lay->cursor_col;
}

/* What the editor's first row begins with. */
static void editor_stamp(struct ui *ui, struct timeline *tl, char *stamp, size_t n)
{
	if (tl->editing) {
		snprintf(stamp, n, "edit> ");
	} else if (tl->typing) {
		/* formatted once an entry, not once a key */
		if (!tl->typed_stamp[0] || tl->typed_stamp_of != tl->cur.typed) {
			clock_format_local(tl->cur.typed, "%H:%M:%S> ", tl->typed_stamp, sizeof(tl->typed_stamp));
			tl->typed_stamp_of = tl->cur.typed;
		}
		memcpy(stamp, tl->typed_stamp, n < sizeof(tl->typed_stamp) ? n : sizeof(tl->typed_stamp));
		stamp[n - 1] = '\0';
	} else if (ui->follow) {
		stamp[0] = '\0';	/* a follower types nothing: no prompt */
	} else {
		snprintf(stamp, n, "> ");
	}
}

static void timeline_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct timeline *tl = tl_of(ui);
	struct lineedit_layout lay;
	char stamp[32];
	int ed_rows, y, prefix, pend_rows;
	size_t npend = count_pending(ui);

	(void)p;
	draw_header(ui, tl, r);

	/* the editor at the bottom, as tall as its text (within reason) */
	editor_stamp(ui, tl, stamp, sizeof(stamp));
	prefix = (int)strlen(stamp);
	lineedit_layout(&tl->le, (size_t)(r.w - prefix > 4 ? r.w - prefix : 4), &lay);
	ed_rows = (int)lay.nlines < EDITOR_MAX_ROWS ? (int)lay.nlines : EDITOR_MAX_ROWS;
	pend_rows = npend > 3 ? 3 : (int)npend;
	tl->list_rows = r.h - 2 - ed_rows - pend_rows;
	if (tl->list_rows < 1)
		tl->list_rows = 1;

	/* the list */
	tl->list_r = (struct rect){ r.y + 1, r.x, tl->list_rows, r.w };
	tl->lv.gap = ui->present;	/* projector: air between events */
	if (!ui->inc->nevents)
		ui_put(ui, r.y + 2, r.x + 2, r.w - 4, AREA_DIM, ui->follow ? "No events yet."
		       : "No events yet. Type what is happening and press Enter; F1 for help.");
	listview_draw(&tl->lv, tl->list_rows, r.w, focused);

	/* events typed here that are not saved yet: never out of sight */
	y = r.y + r.h - ed_rows - 1 - pend_rows;
	for (size_t i = 0, shown_n = 0; i < ui->drafts.n && (int)shown_n < pend_rows; i++) {
		const struct draft *d = &ui->drafts.v[i];
		char buf[64], t[16];

		if (d->state != DRAFT_PENDING)
			continue;
		clock_format_local(d->at, "%H:%M:%S", t, sizeof(t));
		snprintf(buf, sizeof(buf), "%s NOT SAVED %s ", ui_glyph(ui, "\xE2\x9A\xA0", "!"), t);
		ui_fill(ui, y, r.x, r.w, AREA_NORMAL);
		{
			int c = ui_put(ui, y, r.x, r.w, AREA_NOT_SAVED, buf);

			ui_put(ui, y, r.x + c + 1, r.w - c - 1, AREA_NORMAL, d->text);
		}
		y++;
		shown_n++;
	}

	/* the separator: drafts set aside, follow state */
	y = r.y + r.h - ed_rows - 1;
	ui_fill(ui, y, r.x, r.w, AREA_DIM);
	{
		char buf[160];
		size_t aside = 0;

		for (size_t i = 0; i < ui->drafts.n; i++)
			aside += ui->drafts.v[i].state == DRAFT_ASIDE;
		if (tl->gen != ui->inc->generation) {
			/* counting is O(events): once per change, not per key */
			tl->live = incident_count_events(ui->inc);
			tl->gen = ui->inc->generation;
		}
		snprintf(buf, sizeof(buf), "%zu events%s%s%s%s", tl->live,
			 ui->loading ? " so far (loading)" : "",
			 tl->lv.at_end ? "" : "  (scrolled: End follows new events)",
			 aside ? "  drafts set aside: " : "", "");
		if (aside)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%zu (Ctrl-R)", aside);
		ui_put(ui, y, r.x, r.w, AREA_DIM, buf);
	}

	/* the editor */
	tl->ed_y = y + 1;
	tl->ed_x = r.x + prefix;
	tl->ed_r = r;
	tl->ed_rows = ed_rows;
	snprintf(tl->ed_stamp, sizeof(tl->ed_stamp), "%s", stamp);
	tl->ed_valid = true;
	draw_editor(ui, tl, &lay, true);
	lineedit_layout_free(&lay);
}

bool timeline_draw_editor(struct ui *ui)
{
	struct timeline *tl = tl_of(ui);
	struct lineedit_layout lay;
	char stamp[32];
	int prefix, rows;
	bool restamp;

	if (!tl->ed_valid)
		return false;
	/* the first key of an entry stamps it: the stamp and the rows after
	 * it are drawn again, the list above stays */
	editor_stamp(ui, tl, stamp, sizeof(stamp));
	prefix = (int)strlen(stamp);
	restamp = strcmp(stamp, tl->ed_stamp) != 0;
	lineedit_layout(&tl->le, (size_t)(tl->ed_r.w - prefix > 4 ? tl->ed_r.w - prefix : 4), &lay);
	rows = (int)lay.nlines < EDITOR_MAX_ROWS ? (int)lay.nlines : EDITOR_MAX_ROWS;
	if (rows != tl->ed_rows) {
		lineedit_layout_free(&lay);
		return false;	/* the list above changes size: draw it all */
	}
	if (restamp) {
		snprintf(tl->ed_stamp, sizeof(tl->ed_stamp), "%s", stamp);
		tl->ed_x = tl->ed_r.x + prefix;
	}
	draw_editor(ui, tl, &lay, restamp);
	lineedit_layout_free(&lay);
	curs_set(1);
	move(tl->cur_y, tl->cur_x);
	refresh();
	return true;
}

static bool timeline_cursor(struct ui *ui, struct pane *p, int *y, int *x)
{
	struct timeline *tl = tl_of(ui);

	(void)p;
	*y = tl->cur_y;
	*x = tl->cur_x;
	return true;
}

/* ---- drafts ---- */

/* The entry being typed into ui->drafts as it is now, if it changed
 * since it was last put there: before every save of the drafts. */
static void put_current(struct ui *ui, struct timeline *tl)
{
	if (tl->cur_stale && tl->typing && !tl->editing && !lineedit_empty(&tl->le)) {
		tl->cur.state = DRAFT_TYPING;
		tl->cur.text = (char *)lineedit_text(&tl->le);
		drafts_put(&ui->drafts, &tl->cur);
		tl->cur.text = NULL;
	}
	tl->cur_stale = false;
}

/* Saves the drafts, the entry being typed among them (its error
 * message, a kilobyte, zeroed only here: not on every key). */
static void draft_save(struct ui *ui, struct timeline *tl, ms_t now)
{
	struct error e = { 0 };

	put_current(ui, tl);
	if (drafts_save(&ui->drafts, false, &e))
		ui_message(ui, true, "cannot keep drafts: %s", e.msg);
	tl->draft_saved = now;
	tl->draft_dirty = false;
}

static void draft_now(struct ui *ui, struct timeline *tl, bool force)
{
	ms_t now = clock_now();

	if (!force && now - tl->draft_saved < DRAFT_SAVE_MS) {
		tl->draft_dirty = true;
		return;
	}
	draft_save(ui, tl, now);
}

/* The editor changed: the current entry's draft follows it. */
static void entry_changed(struct ui *ui, struct timeline *tl)
{
	if (tl->editing)
		return;
	if (lineedit_empty(&tl->le)) {
		if (tl->typing) {
			drafts_remove(&ui->drafts, tl->cur.key);
			tl->typing = false;
			draft_now(ui, tl, false);
		}
		return;
	}
	if (!tl->typing) {
		/* the first key: the moment this entry is stamped with */
		memset(&tl->cur, 0, sizeof(tl->cur));
		random_id(tl->cur.key, "r", 12);
		random_id(tl->cur.event_id, "e", 10);
		tl->cur.typed = tl->cur.at = clock_now();
		tl->typing = true;
	}
	tl->cur.state = DRAFT_TYPING;
	tl->cur_stale = true;	/* put with the next save, at most DRAFT_SAVE_MS on */
	draft_now(ui, tl, false);
}

static bool timeline_tick(struct ui *ui, struct pane *p)
{
	struct timeline *tl = tl_of(ui);

	(void)p;
	if (tl->draft_dirty)
		draft_now(ui, tl, false);
	return false;
}

void timeline_set_aside(struct ui *ui, bool sync)
{
	struct timeline *tl = tl_of(ui);
	struct error e = { 0 };

	if (tl->editing && !lineedit_empty(&tl->le)) {
		/* an unfinished edit is kept too, as text to paste back */
		struct draft d = { .state = DRAFT_ASIDE, .typed = clock_now(), .kind = KIND_NOTE };

		random_id(d.key, "r", 12);
		random_id(d.event_id, "e", 10);
		d.at = d.typed;
		d.text = (char *)lineedit_text(&tl->le);
		drafts_put(&ui->drafts, &d);
	}
	put_current(ui, tl);
	drafts_save(&ui->drafts, sync, &e);
}

void timeline_restore_draft(struct ui *ui)
{
	struct timeline *tl = tl_of(ui);
	struct draft *d;
	char t[16];

	if (!lineedit_empty(&tl->le) || !(d = drafts_latest(&ui->drafts, DRAFT_ASIDE)))
		return;
	lineedit_set(&tl->le, d->text);
	tl->cur = *d;
	tl->cur.text = NULL;
	tl->cur.state = DRAFT_TYPING;
	d->state = DRAFT_TYPING;
	tl->typing = true;
	draft_now(ui, tl, true);
	clock_format_local(d->typed, "%H:%M:%S", t, sizeof(t));
	ui_message(ui, false, "draft begun at %s is back (Esc sets it aside again)", t);
}

/* Saves one pending event; returns its status. */
static int save_pending(struct ui *ui, struct draft *d, struct error *e)
{
	struct event_new ev = {
		.at = d->at, .typed = d->typed, .logged = d->logged, .kind = d->kind,
		.marker = MARKER_NONE, .text = d->text, .id = d->event_id, .rev = d->key,
	};

	return edit_event_add(ui->store, ui->inc, &ev, NULL, e);
}

void timeline_retry_pending(struct ui *ui)
{
	struct error e = { 0 };
	int rc = 0;

	for (size_t i = 0; i < ui->drafts.n; i++) {
		struct draft *d = &ui->drafts.v[i];

		if (d->state != DRAFT_PENDING)
			continue;
		if ((rc = save_pending(ui, d, &e)) && rc != EXIT_CONFLICT)
			break;
		drafts_remove(&ui->drafts, d->key);
		i--;
		rc = 0;
	}
	ui_saved(ui, rc, &e);
	put_current(ui, tl_of(ui));
	drafts_save(&ui->drafts, false, &e);
}

/* ---- commands ---- */

static struct event *selected(struct ui *ui, struct timeline *tl)
{
	struct event *ev = sel_event(ui, tl);

	if (!ev)
		ui_message(ui, true, "no event selected");
	return ev;
}

static void find(struct ui *ui, struct timeline *tl, int dir)
{
	size_t n = rows_count(ui), start = listview_selected(&tl->lv);

	if (!tl->find[0]) {
		ui_message(ui, true, "nothing to find: type /find TEXT");
		return;
	}
	if (!n)
		return;
	if (start == LISTVIEW_NONE)
		start = dir > 0 ? n - 1 : 0;
	for (size_t k = 1; k <= n; k++) {
		size_t i = (start + (dir > 0 ? k : n - k)) % n;
		struct event *ev = row_event(ui, tl, i);
		const char *by = event_by(ui->inc, ev);

		if ((ev->text && strcasestr(ev->text, tl->find)) || (by && strcasestr(by, tl->find))) {
			listview_select_index(&tl->lv, i);
			return;
		}
	}
	if (ui->loading)
		ui_message(ui, true, "no event contains \"%s\" yet (loading)", tl->find);
	else
		ui_message(ui, true, "no event contains \"%s\"", tl->find);
}

static bool toggle(struct ui *ui, struct timeline *tl, const char *what, int rc, const struct error *e)
{
	(void)tl;
	ui_saved(ui, rc, e);
	if (rc && rc != EXIT_CONFLICT)
		return false;
	if (!rc)
		ui_message(ui, false, "%s", what);
	return true;
}

/* The slash commands: one function each, in the table of keys.h. */
#define PROTO(name, args, fn, help) static void fn(struct ui *ui, struct timeline *tl, const char *arg);
SLASH_COMMANDS(PROTO)
#undef PROTO

static void (*const slash_run[])(struct ui *, struct timeline *, const char *) = {
#define ROW(name, args, fn, help) fn,
	SLASH_COMMANDS(ROW)
#undef ROW
};

static void slash_help(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	(void)arg;
	ui->help = true;
}

static void slash_quit(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	(void)arg;
	ui->quit = true;
}

static void slash_edit(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };

	if (!(ev = selected(ui, tl)))
		return;
	if (*arg) {
		toggle(ui, tl, "text changed", edit_event_text(ui->store, ui->inc, ev->e.id, arg, &e), &e);
		return;
	}
	tl->editing = true;
	snprintf(tl->edit_id, sizeof(tl->edit_id), "%s", ev->e.id);
	edit_base_take(&tl->edit_base, &ev->e);
	lineedit_set(&tl->le, ev->text ? ev->text : "");
	ui_message(ui, false, "editing the selected event: Enter saves, Esc cancels");
}

static void slash_at(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	ms_t at;
	const char *why;

	if (!(ev = selected(ui, tl)))
		return;
	if (clock_parse_time(arg, clock_now(), &at, &why)) {
		ui_message(ui, true, "/at %s: %s", arg, why);
		return;
	}
	toggle(ui, tl, "time changed", edit_event_at(ui->store, ui->inc, ev->e.id, at, &e), &e);
}

static void slash_kind(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	int v;

	if (!(ev = selected(ui, tl)))
		return;
	if ((v = enum_parse(&kind_names, arg)) < 0) {
		ui_message(ui, true, "unknown kind \"%s\" (valid: %s)", arg, enum_list(&kind_names));
		return;
	}
	toggle(ui, tl, "kind changed", edit_event_kind(ui->store, ui->inc, ev->e.id, (enum kind)v, &e), &e);
}

static void slash_marker(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	int v;

	if (!(ev = selected(ui, tl)))
		return;
	if ((v = enum_parse(&marker_names, arg)) < 0) {
		ui_message(ui, true, "unknown marker \"%s\" (valid: %s)", arg, enum_list(&marker_names));
		return;
	}
	toggle(ui, tl, "marker set", edit_event_marker(ui->store, ui->inc, ev->e.id, (enum marker)v, &e), &e);
}

static void slash_star(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	int v;

	(void)arg;
	if (!(ev = selected(ui, tl)))
		return;
	/* the message from the state before: the order in which arguments
	 * are evaluated is unspecified */
	v = !ev->star;
	toggle(ui, tl, v ? "starred for the report" : "unstarred", edit_event_star(ui->store, ui->inc, ev->e.id, v, &e),
	       &e);
}

static void slash_causal(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	int v;

	(void)arg;
	if (!(ev = selected(ui, tl)))
		return;
	v = !ev->causal;
	toggle(ui, tl, v ? "flagged causal" : "no longer causal", edit_event_causal(ui->store, ui->inc, ev->e.id, v, &e),
	       &e);
}

static void slash_internal(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	struct error e = { 0 };
	int v;

	(void)arg;
	if (!(ev = selected(ui, tl)))
		return;
	v = !ev->internal;
	toggle(ui, tl, v ? "internal: left out of the public report" : "back in the public report",
	       edit_event_internal(ui->store, ui->inc, ev->e.id, v, &e), &e);
}

static void slash_ref(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct action *a = actions_selected(ui);
	struct error e = { 0 };

	if (!a) {
		ui_message(ui, true, "no action to give a reference: add one in the actions pane");
		return;
	}
	if (!action_ref_valid(arg)) {
		ui_message(ui, true, "/ref: %s", ACTION_REF_RULE);
		return;
	}
	toggle(ui, tl, *arg ? "tracker reference saved on the highlighted action"
			    : "tracker reference cleared on the highlighted action",
	       edit_action_ref(ui->store, ui->inc, a->e.id, arg, &e), &e);
}

static void delete_or_restore(struct ui *ui, struct timeline *tl, bool del)
{
	struct event *ev;
	struct error e = { 0 };

	if (!(ev = selected(ui, tl)))
		return;
	if (ev->deleted == del) {
		ui_message(ui, true, "the event is %s", del ? "already deleted" : "not deleted");
		return;
	}
	/* a deleted event hidden: the list view selects its neighbour */
	toggle(ui, tl, del ? "deleted (/deleted shows it, /restore brings it back)" : "restored",
	       edit_event_delete(ui->store, ui->inc, ev->e.id, del, &e), &e);
}

static void slash_delete(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)arg;
	delete_or_restore(ui, tl, true);
}

static void slash_restore(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)arg;
	delete_or_restore(ui, tl, false);
}

static void slash_history(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct event *ev;
	char when[32], *what;

	(void)arg;
	if (!(ev = selected(ui, tl)))
		return;
	clock_format_local(ev->at, "%H:%M:%S", when, sizeof(when));
	what = xasprintf("the event at %s", when);
	history_view_open(ui, ev->e.id, what);
	free(what);
}

static void slash_deleted(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)arg;
	tl->show_deleted = !tl->show_deleted;
	ui_message(ui, false, tl->show_deleted ? "deleted events shown" : "deleted events hidden");
}

static void slash_find(struct ui *ui, struct timeline *tl, const char *arg)
{
	snprintf(tl->find, sizeof(tl->find), "%s", arg);
	find(ui, tl, -1);
}

static void slash_status(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct error e = { 0 };
	int v;

	if ((v = enum_parse(&incident_status_names, arg)) < 0) {
		ui_message(ui, true, "unknown status \"%s\" (valid: %s)", arg, enum_list(&incident_status_names));
		return;
	}
	toggle(ui, tl, "status changed", edit_incident_status(ui->store, ui->inc, (enum incident_status)v, &e), &e);
}

static void slash_severity(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct error e = { 0 };
	int v = atoi(arg);

	if (v < 1 || v > 4 || strspn(arg, "0123456789") != strlen(arg)) {
		ui_message(ui, true, "severity is 1 (worst) to 4");
		return;
	}
	toggle(ui, tl, "severity changed", edit_incident_severity(ui->store, ui->inc, v, &e), &e);
}

static void slash_title(struct ui *ui, struct timeline *tl, const char *arg)
{
	struct error e = { 0 };

	if (!*arg) {
		ui_message(ui, true, "/title needs the new title");
		return;
	}
	toggle(ui, tl, "renamed", edit_incident_text(ui->store, ui->inc, F_TITLE, arg, &e), &e);
}

static void slash_present(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	(void)arg;
	ui_toggle_present(ui);
}

static void slash_zoom(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	(void)arg;
	ui_toggle_zoom(ui);
}

static void slash_theme(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	if (*arg)
		ui_set_theme(ui, arg);
	else
		ui_next_theme(ui);
}

static void slash_timebox(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	if (ui_set_timebox(ui, *arg ? arg : "off"))
		ui_message(ui, true, "/timebox takes a duration like 10m, 90s, 1h30m, or off");
}

static void slash_export(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	ui_export(ui, arg);
}

static void slash_import(struct ui *ui, struct timeline *tl, const char *arg)
{
	(void)tl;
	ui_import(ui, arg);
}

static void slash_drafts(struct ui *ui, struct timeline *tl, const char *arg)
{
	size_t aside = 0;

	(void)tl;
	(void)arg;
	for (size_t i = 0; i < ui->drafts.n; i++)
		aside += ui->drafts.v[i].state == DRAFT_ASIDE;
	ui_message(ui, false, "%zu draft%s set aside%s", aside, aside == 1 ? "" : "s",
		   aside ? ": Ctrl-R brings back the latest" : "");
}

/* "/name arguments": the command's function, with the arguments. */
static void run_command(struct ui *ui, struct timeline *tl, const char *line)
{
	size_t n = strcspn(line, " ");
	char *name = xstrndup(line, n);
	const char *arg = line + n;
	int i = keys_slash(name);

	while (*arg == ' ')
		arg++;
	if (i < 0)
		ui_message(ui, true, "unknown command /%s (F1 lists them)", name);
	else
		slash_run[i](ui, tl, arg);
	free(name);
}

/* ---- Enter, Esc, Ctrl-R ---- */

static void commit(struct ui *ui, struct timeline *tl)
{
	const char *line = lineedit_text(&tl->le);
	struct error e = { 0 };
	struct entry en;
	struct draft d = { 0 };
	ms_t now = clock_now();
	int rc;

	if (tl->editing) {
		edit_from(&tl->edit_base);	/* what the editing began from */
		rc = edit_event_text(ui->store, ui->inc, tl->edit_id, line, &e);
		edit_from(NULL);
		ui_saved(ui, rc, &e);
		if (rc && rc != EXIT_CONFLICT)
			return;	/* the text stays in the editor */
		tl->editing = false;
		lineedit_clear(&tl->le);
		listview_select(&tl->lv, tl->edit_id);	/* the edited event */
		return;
	}
	if (line[0] == '/' && line[1] != '/' && line[1] != ' ' && line[1]) {
		char *cmd = xstrdup(line + 1);

		lineedit_clear(&tl->le);
		entry_changed(ui, tl);
		run_command(ui, tl, cmd);
		free(cmd);
		return;
	}
	if (entry_parse(line[0] == '/' && line[1] == '/' ? line + 1 : line, tl->typing ? tl->cur.typed : now, &en)) {
		ui_message(ui, true, "%s", en.error);
		return;
	}
	if (tl->typing) {
		d = tl->cur;
	} else {
		/* Enter on an empty line: a bare mark, stamped now */
		random_id(d.key, "r", 12);
		random_id(d.event_id, "e", 10);
		d.typed = now;
	}
	d.state = DRAFT_PENDING;
	d.at = en.has_at ? en.at : d.typed;
	d.logged = now;
	d.kind = en.kind;
	{
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, en.text);
		entry_clean_text(&sb);
		d.text = sb_detach(&sb);
	}
	entry_free(&en);
	drafts_put(&ui->drafts, &d);
	free(d.text);
	tl->typing = false;
	lineedit_clear(&tl->le);
	{
		struct draft *p = NULL;

		for (size_t i = 0; i < ui->drafts.n; i++)
			if (!strcmp(ui->drafts.v[i].key, d.key))
				p = &ui->drafts.v[i];
		/* pending first, so a crash between the two steps keeps it */
		draft_now(ui, tl, true);
		rc = p ? save_pending(ui, p, &e) : EXIT_SOFTWARE;
	}
	ui_saved(ui, rc, &e);
	if (rc == 0 || rc == EXIT_CONFLICT) {
		struct event *ev = incident_event(ui->inc, d.event_id);

		drafts_remove(&ui->drafts, d.key);
		draft_now(ui, tl, true);
		/* what was just written is what the next key acts on */
		listview_select(&tl->lv, d.event_id);
		if (ev && !tl->lv.at_end) {
			char t[16];

			clock_format_local(ev->at, "%H:%M:%S", t, sizeof(t));
			ui_message(ui, false, "placed at %s, earlier in the timeline", t);
		}
	}
}

static void set_aside(struct ui *ui, struct timeline *tl)
{
	if (!tl->editing && !tl->typing && ui->back_pane >= 0) {
		ui->focus = ui->back_pane;	/* back to the card g came from */
		ui->back_pane = -1;
		return;
	}
	if (tl->editing) {
		tl->editing = false;
		lineedit_clear(&tl->le);
		ui_message(ui, false, "edit cancelled");
		return;
	}
	if (!tl->typing)
		return;
	tl->cur.state = DRAFT_ASIDE;
	tl->cur.text = (char *)lineedit_text(&tl->le);
	drafts_put(&ui->drafts, &tl->cur);
	tl->cur.text = NULL;
	tl->typing = false;
	lineedit_clear(&tl->le);
	draft_now(ui, tl, true);
	ui_message(ui, false, "set aside as a draft: Ctrl-R brings it back");
}

static void recall(struct ui *ui, struct timeline *tl)
{
	struct draft *d = NULL;
	char key[REV_LEN] = "";

	for (size_t i = 0; i < ui->drafts.n; i++) {
		struct draft *c = &ui->drafts.v[i];

		if (c->state == DRAFT_ASIDE && (!d || c->typed > d->typed))
			d = c;
	}
	if (!d) {
		ui_message(ui, true, "no draft set aside");
		return;
	}
	snprintf(key, sizeof(key), "%s", d->key);
	if (tl->typing)
		set_aside(ui, tl);
	for (size_t i = 0; i < ui->drafts.n; i++)
		if (!strcmp(ui->drafts.v[i].key, key))
			d = &ui->drafts.v[i];
	lineedit_set(&tl->le, d->text);
	tl->cur = *d;
	tl->cur.text = NULL;
	tl->cur.state = DRAFT_TYPING;
	d->state = DRAFT_TYPING;
	tl->typing = true;
	draft_now(ui, tl, true);
}

/* ---- keys ---- */

static bool editor_key(struct ui *ui, struct timeline *tl, enum request req, wint_t ch, bool is_char);

static bool timeline_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct timeline *tl = tl_of(ui);
	bool typing = tl->typing, editing = tl->editing;
	bool handled = editor_key(ui, tl, req, ch, is_char);

	(void)p;
	/* a key that changed only the text being typed: the editor's rows
	 * are all that need drawing */
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_FIRST: case REQ_LAST:
	case REQ_COMMIT: case REQ_ASIDE: case REQ_RECALL: case REQ_FIND_NEXT: case REQ_FIND_PREV: case REQ_FOLD:
		break;	/* these change more than the text */
	default:
		/* (the first key of an entry too: it stamps the entry, which
		 * timeline_draw_editor draws) */
		ui->quick = handled && (tl->typing || editing) && (tl->typing == typing || !typing) &&
			    tl->editing == editing && !lineedit_empty(&tl->le) && !ui->follow;
	}
	return handled;
}

static bool editor_key(struct ui *ui, struct timeline *tl, enum request req, wint_t ch, bool is_char)
{
	struct lineedit *le = &tl->le;
	bool changed = false;

	if (ui->follow && req == REQ_ASIDE) {
		ui->quit = true;	/* a follower has nothing to set aside: Esc leaves */
		return true;
	}
	if (ui->follow) {
		ui_read_only(ui);	/* the presenter moves; nothing is typed here */
		return true;
	}
	switch (req) {
	case REQ_UP:
	case REQ_DOWN:
	case REQ_PAGE_UP:
	case REQ_PAGE_DOWN:
	case REQ_FIRST:
	case REQ_LAST:
		listview_key(&tl->lv, req);
		return true;
	case REQ_COMMIT:
		commit(ui, tl);
		return true;
	case REQ_ASIDE:
		set_aside(ui, tl);
		return true;
	case REQ_RECALL:
		recall(ui, tl);
		return true;
	case REQ_FIND_NEXT:
	case REQ_FIND_PREV:
		find(ui, tl, req == REQ_FIND_NEXT ? 1 : -1);
		return true;
	case REQ_FOLD:
		toggle_fold(ui, tl, sel_event(ui, tl));
		return true;
	case REQ_BACK:	/* Esc, when the configuration gave aside other keys */
		if (!tl->editing && !tl->typing)
			set_aside(ui, tl);
		return true;
	default:
		break;
	}
	if (is_char) {
		switch (ch) {
		case 127:
		case 8:
			changed = lineedit_backspace(le);
			break;
		case 1:
			lineedit_home(le);
			return true;
		case 5:
			lineedit_end(le);
			return true;
		case 23:
			changed = lineedit_kill_word(le);
			break;
		case 21:
			changed = lineedit_kill_start(le);
			break;
		case 11:
			changed = lineedit_kill_end(le);
			break;
		default:
			if (ch < 32)
				return false;
			if (!tl->typing && !tl->editing && lineedit_empty(le)) {
				/* stamp before inserting: the moment of the first key */
				tl->typing = false;
				if (!lineedit_insert(le, (uint32_t)ch))
					return true;
				entry_changed(ui, tl);
				return true;
			}
			changed = lineedit_insert(le, (uint32_t)ch);
			break;
		}
	} else {
		switch (ch) {
		case KEY_BACKSPACE:
			changed = lineedit_backspace(le);
			break;
		case KEY_DC:
			changed = lineedit_delete(le);
			break;
		case KEY_LEFT:
			lineedit_left(le);
			return true;
		case KEY_RIGHT:
			lineedit_right(le);
			return true;
		default:
			return false;
		}
	}
	if (changed)
		entry_changed(ui, tl);
	return true;
}

const char *timeline_selected_id(struct ui *ui)
{
	return listview_selected_id(&tl_of(ui)->lv);
}

void timeline_select_id(struct ui *ui, const char *id)
{
	listview_select(&tl_of(ui)->lv, id);
}

void timeline_show_event(struct ui *ui, const char *id)
{
	struct timeline *tl = tl_of(ui);
	struct event *ev = incident_event(ui->inc, id);

	if (!ev)
		return;
	if (ev->deleted)
		tl->show_deleted = true;
	ui->back_pane = ui->focus;
	ui->focus = PANE_TIMELINE;
	listview_select(&tl->lv, id);
	ui_message(ui, false, "Esc goes back to the card");
}

static void timeline_update(struct ui *ui, struct pane *p)
{
	(void)p;
	listview_sync(&tl_of(ui)->lv);
}

static void timeline_destroy(struct pane *p)
{
	struct timeline *tl = p->state;

	if (tl) {
		lineedit_free(&tl->le);
		free(tl->vis);
		for (int i = 0; i < EDITOR_MAX_ROWS; i++)
			sb_free(&tl->ed_drawn[i]);
		for (size_t i = 0; i < WRAP_SLOTS; i++) {
			sb_free(&tl->wraps.slot[i].body);
			free(tl->wraps.slot[i].starts);
			free(tl->wraps.slot[i].lens);
		}
	}
}

const struct pane_ops timeline_ops = {
	.name = "timeline",
	.ctx = CTX_TIMELINE,
	.draw = timeline_draw,
	.key = timeline_key,
	.update = timeline_update,
	.cursor = timeline_cursor,
	.tick = timeline_tick,
	.destroy = timeline_destroy,
};
