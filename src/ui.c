#include "config.h"

#include <errno.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <langinfo.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scribe/actions.h"
#include "scribe/cells.h"
#include "scribe/config.h"
#include "scribe/factors.h"
#include "scribe/keyread.h"
#include "scribe/paneutil.h"
#include "scribe/picker.h"
#include "scribe/report.h"
#include "scribe/summary.h"
#include "scribe/terminal.h"
#include "scribe/text.h"
#include "scribe/timeline.h"
#include "scribe/ui.h"

#define MIN_COLS 40
#define MIN_ROWS 10
#define WIDE_COLS 160
#define READ_EVERY_MS 250	/* others' records show within half a second:
				 * a quick look (STORE_CHANGED_ONLY) */
#define PRESENCE_EVERY_MS 1000
/* With change notification, others' writes wake the loop at once; these
 * slower looks only catch what a notification could miss.  Either way,
 * every file is looked at again this often (a journal replaced or
 * rewritten under the same name, a change a quick look cannot see). */
#define WATCHED_READ_EVERY_MS 10000
#define FULL_READ_EVERY_MS 10000
#define WATCHED_PRESENCE_EVERY_MS 3000	/* a session that died goes stale */
#define TOUCH_EVERY_MS 2000
#define RETRY_EVERY_MS 2000

static volatile sig_atomic_t got_signal, got_tstp;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

static const struct pane_ops *const pane_table[PANE_COUNT] = {
	[PANE_TIMELINE] = &timeline_ops,
	[PANE_FACTORS] = &factors_ops,
	[PANE_ACTIONS] = &actions_ops,
	[PANE_SUMMARY] = &summary_ops,
};

/* ---- colours ---- */

static attr_t curses_attrs(unsigned a)
{
	attr_t r = 0;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_BLINK)
		r |= A_BLINK;
	if (a & THEME_STANDOUT)
		r |= A_STANDOUT;
	return r;
}

/* A theme colour as this terminal can show it: 256 as is, else the
 * nearest of 16 or 8. */
static short fit_colour(short c)
{
	if (c < 0 || COLORS >= 256)
		return c;
	return theme_nearest(c, COLORS >= 16 ? 16 : 8);
}

/* Sets the areas' looks from ui->theme.  Colours only when the terminal
 * has them and NO_COLOR is not set; otherwise each area's mono
 * attributes keep every distinction. */
static void setup_colors(struct ui *ui)
{
	static int started = -1;
	const char *no_color = getenv("NO_COLOR");
	bool color;

	if (started < 0) {
		started = !(no_color && no_color[0]) && has_colors() && start_color() == OK;
		if (started)
			use_default_colors();
	}
	color = started;
	for (int a = 0; a < AREA_COUNT; a++) {
		const struct theme_style *l = &ui->theme.area[a];
		short fg = fit_colour(l->fg), bg = fit_colour(l->bg);
		unsigned attrs = l->attrs;
		short under = bg >= 0 ? bg : fit_colour(ui->theme.area[AREA_NORMAL].bg);

		/* bold on the 8 base colours is drawn brighter by many terminals
		 * (xterm's bold colours): black turns grey (grey on cyan, grey on
		 * light grey), and on a light background every colour fades.
		 * Black becomes the 256-colour cube's pure black where there is
		 * one; otherwise such text goes without bold */
		if ((attrs & THEME_BOLD) && fg == COLOR_BLACK && COLORS >= 256)
			fg = 16;
		else if ((attrs & THEME_BOLD) && fg >= 0 && fg < 8 &&
			 (fg == COLOR_BLACK || (COLORS < 256 && (under == COLOR_WHITE || under == 15))))
			attrs &= ~(unsigned)THEME_BOLD;
		if (color && (fg >= 0 || bg >= 0) && a + 1 < COLOR_PAIRS) {
			init_pair((short)(a + 1), fg, bg);
			ui->attrs[a] = COLOR_PAIR(a + 1) | curses_attrs(attrs);
		} else {
			ui->attrs[a] = curses_attrs(color ? l->attrs : l->mono);
		}
	}
	/* what no pane draws on (the board between its cards) takes the
	 * theme's colours, not the terminal's own: never black on white in
	 * a dark theme */
	bkgdset((chtype)' ' | (ui->attrs[AREA_NORMAL] & A_COLOR));
}

/* Loads theme name into ui; says what was wrong with it (the first
 * error, with its file, line and column) and keeps the default then. */
static int load_theme(struct ui *ui, const char *name, bool say_ok)
{
	struct diags d = { 0 };
	struct theme t;
	int rc = theme_load(name, &t, &d);
	const struct diag *bad = NULL;

	for (size_t i = 0; i < d.n && !bad; i++)
		if (d.v[i].level == DIAG_ERROR)
			bad = &d.v[i];
	if (bad) {
		const char *base = strrchr(bad->file, '/');

		ui_message(ui, true, "theme %s: %s:%d:%d: %s", name, base ? base + 1 : bad->file, bad->line,
			   bad->col, bad->msg);
	} else if (rc) {
		ui_message(ui, true, "theme %s: no such theme; the default serves", name);
	} else if (say_ok) {
		ui_message(ui, false, "theme %s", t.name);
	}
	theme_free(&ui->theme);
	ui->theme = t;
	diags_free(&d);
	return rc;
}

int ui_set_theme(struct ui *ui, const char *name)
{
	int rc = load_theme(ui, name, true);

	if (!isendwin())
		setup_colors(ui);
	return rc;
}

void ui_next_theme(struct ui *ui)
{
	char **names = theme_names();
	size_t i = 0, n = 0;

	while (names[n])
		n++;
	for (i = 0; i < n && strcmp(names[i], ui->theme.name); i++)
		;
	if (n)
		ui_set_theme(ui, names[i + 1 < n ? i + 1 : 0]);
	theme_names_free(names);
}

void ui_toggle_present(struct ui *ui)
{
	ui->present = !ui->present;
	if (ui->present) {
		snprintf(ui->theme_before, sizeof(ui->theme_before), "%s", ui->theme.name);
		ui_set_theme(ui, "projector");
	} else {
		ui_set_theme(ui, ui->theme_before[0] ? ui->theme_before : "default");
	}
	ui_message(ui, false, ui->present ? "projector mode: P again leaves it" : "projector mode off");
}

void ui_toggle_zoom(struct ui *ui)
{
	ui->zoom = !ui->zoom;
}

bool ui_read_only(struct ui *ui)
{
	if (ui->follow)
		ui_message(ui, true, "following the presenter: read-only (q leaves)");
	return ui->follow;
}

int ui_set_timebox(struct ui *ui, const char *spec)
{
	long total = 0, v;
	const char *p = spec;
	char *end;

	if (!strcmp(spec, "off") || !spec[0]) {
		ui->timebox_end = 0;
		return 0;
	}
	while (*p) {
		v = strtol(p, &end, 10);
		if (end == p || v < 0 || v > 100000)
			return -1;
		switch (*end) {
		case 'h': total += v * 3600; break;
		case 'm': total += v * 60; break;
		case 's': total += v; break;
		default: return -1;
		}
		p = end + 1;
	}
	if (total <= 0 || total > 24 * 3600)
		return -1;
	ui->timebox_len = total * 1000;
	ui->timebox_end = clock_now() + ui->timebox_len;
	return 0;
}

/* ---- drawing helpers ---- */

const char *ui_glyph(struct ui *ui, const char *utf8, const char *ascii)
{
	return ui->ascii ? ascii : utf8;
}

void ui_fill(struct ui *ui, int y, int x, int w, enum area a)
{
	if (w <= 0 || y < 0 || y >= ui->rows)
		return;
	attrset(ui->attrs[a]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

int ui_putn(struct ui *ui, int y, int x, int w, enum area a, const char *s, size_t n)
{
	static struct strbuf sb;
	size_t fit, used;

	if (w <= 0 || y < 0 || y >= ui->rows || x >= ui->cols)
		return 0;
	sb_reset(&sb);
	text_sanitize(&sb, s, n, ui->text_flags);
	fit = text_fit(sb_str(&sb), sb.len, (size_t)w, &used);
	if (fit < sb.len && strspn(sb_str(&sb) + fit, " ") < sb.len - fit) {
		/* cut: the last column says so, never a silent mid-word stop */
		fit = text_fit(sb_str(&sb), sb.len, (size_t)w - 1, &used);
		attrset(ui->attrs[a]);
		cells_put(y, x, sb_str(&sb), fit);
		addstr(ui_glyph(ui, "\xE2\x80\xA6", "~"));
		attrset(A_NORMAL);
		return (int)used + 1;
	}
	attrset(ui->attrs[a]);
	cells_put(y, x, sb_str(&sb), fit);
	attrset(A_NORMAL);
	return (int)used;
}

int ui_put(struct ui *ui, int y, int x, int w, enum area a, const char *s)
{
	return ui_putn(ui, y, x, w, a, s ? s : "", s ? strlen(s) : 0);
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->msg_until = clock_now() + (error ? 8000 : 4000);
}

/* Says so when this session's journal was removed under it and what it
 * wrote was saved again (scribe(5)): the status line shows it. */
static void say_restored(struct ui *ui)
{
	size_t n, events;

	if (store_restored(ui->store, &n, &events))
		ui_message(ui, true, "journal removed by someone: %zu %s saved again", n,
			   n == events ? (n == 1 ? "event" : "events") : (n == 1 ? "record" : "records"));
}

void ui_saved(struct ui *ui, int rc, const struct error *e)
{
	if (rc == 0) {
		ui->not_saved[0] = '\0';
		say_restored(ui);
		bgsync_saved(&ui->sync, clock_now());
	} else if (rc == EXIT_CONFLICT) {
		ui->not_saved[0] = '\0';
		ui_message(ui, true, "%s", e->msg);
	} else {
		snprintf(ui->not_saved, sizeof(ui->not_saved), "%.*s", (int)sizeof(ui->not_saved) - 1, e->msg);
	}
}

const struct durations *ui_durations(struct ui *ui)
{
	/* once per change (cheap: incident_durations looks at the marked
	 * events and the ends of the timeline only) */
	if (ui->dur_gen != ui->inc->generation || !ui->dur_gen) {
		durations_free(&ui->dur);
		incident_durations(ui->inc, &ui->dur);
		ui->dur_gen = ui->inc->generation ? ui->inc->generation : 1;
	}
	return &ui->dur;
}

void ui_ask(struct ui *ui, const char *label, const char *initial,
	    void (*done)(struct ui *ui, const char *answer))
{
	ui->prompt.active = true;
	snprintf(ui->prompt.label, sizeof(ui->prompt.label), "%s", label);
	lineedit_set(&ui->prompt.le, initial ? initial : "");
	ui->prompt.done = done;
	edit_base_take(&ui->prompt.base, NULL);
}

void ui_ask_field(struct ui *ui, const struct entity *ent, const char *label, const char *initial,
		  void (*done)(struct ui *ui, const char *answer))
{
	ui_ask(ui, label, initial, done);
	edit_base_take(&ui->prompt.base, ent);
}

void ui_edit_long(struct ui *ui, const char *label, const char *initial,
		  void (*done)(struct ui *ui, const char *text))
{
	struct longedit *l = &ui->longedit;

	l->active = true;
	snprintf(l->label, sizeof(l->label), "%s", label);
	l->le.multiline = true;
	lineedit_set(&l->le, initial ? initial : "");
	l->done = done;
	edit_base_take(&l->base, NULL);
}

void ui_edit_long_field(struct ui *ui, const struct entity *ent, const char *label, const char *initial,
			void (*done)(struct ui *ui, const char *text))
{
	ui_edit_long(ui, label, initial, done);
	edit_base_take(&ui->longedit.base, ent);
}

/* Calls a prompt's done with its answer, the save it makes based on the
 * revision the edit began from. */
static void answer(struct ui *ui, void (*done)(struct ui *, const char *), const struct edit_base *base,
		   const char *text)
{
	struct edit_base b = *base;	/* done may open another prompt */

	edit_from(&b);
	done(ui, text);
	edit_from(NULL);
}

static void checklist_free(struct checklist *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->items[i]);
	free(c->items);
	free(c->on);
	memset(c, 0, sizeof(*c));
}

static size_t checklist_count(void *ctx)
{
	return ((struct checklist *)ctx)->n;
}

static const char *checklist_id(void *ctx, size_t i)
{
	static char id[24];

	(void)ctx;
	snprintf(id, sizeof(id), "%zu", i);
	return id;
}

static int checklist_row(void *ctx, size_t i, int y, int max, bool sel)
{
	struct checklist *c = ctx;
	enum area a = sel ? AREA_SELECTED : AREA_HELP;

	(void)max;
	ui_fill(c->ui, c->y + y, c->x, c->w, a);
	ui_put(c->ui, c->y + y, c->x + 1, 4, a, c->on[i] ? "[x]" : "[ ]");
	ui_put(c->ui, c->y + y, c->x + 5, c->w - 6, a, c->items[i]);
	return 1;
}

static const struct listview_source checklist_rows = {
	.count = checklist_count,
	.id = checklist_id,
	.draw = checklist_row,
};

void ui_choose(struct ui *ui, const char *title, const char *const *items, const bool *on, size_t n,
	       void (*done)(struct ui *ui, const bool *on))
{
	struct checklist *c = &ui->checklist;

	checklist_free(c);
	listview_init(&c->lv, &checklist_rows, c);
	c->ui = ui;
	c->active = true;
	snprintf(c->title, sizeof(c->title), "%s", title);
	c->items = xcalloc(n ? n : 1, sizeof(char *));
	c->on = xcalloc(n ? n : 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		c->items[i] = xstrdup(items[i]);
		c->on[i] = on[i];
	}
	c->n = n;
	c->done = done;
}

void ui_export(struct ui *ui, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct error e = { 0 };
	char *def = NULL;

	if (!path || !path[0])
		path = def = xasprintf("%s.md", ui->inc->id);
	/* the configuration's default, as for scribe export */
	report_markdown(&sb, ui->inc, clock_now(),
			(config_get(NULL)->export_public ? REPORT_PUBLIC : 0) |
			(config_get(NULL)->export_no_authors ? REPORT_NO_AUTHORS : 0));
	if (store_write_file(path, sb_str(&sb), sb.len, &e))
		ui_message(ui, true, "%s", e.msg);
	else
		ui_message(ui, false, "report written to %s", path);
	sb_free(&sb);
	free(def);
}

/* ---- layout and frame ---- */

static void layout(struct ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->cols < MIN_COLS || ui->rows < MIN_ROWS;
	ui->wide = ui->cols >= WIDE_COLS;
}

static int visible_side(const struct ui *ui)
{
	return ui->focus != PANE_TIMELINE ? ui->focus : ui->side;
}

static int text_cols(struct ui *ui, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int w;

	text_sanitize(&sb, s, strlen(s), ui->text_flags);
	w = (int)text_width(sb.buf, sb.len);
	sb_free(&sb);
	return w;
}

/* The tab bar: the panes' names, then the title.  When the title does
 * not fit beside the full names, the names of the panes not shown are
 * cut to three letters; then the title is cut (and marked) down to
 * TAB_TITLE_MIN columns; only then do the names shrink to their
 * numbers. */
#define TAB_TITLE_MIN 24
static void draw_tabs(struct ui *ui)
{
	int x = 0, tw = 0, level;
	const char *t = ui->inc ? ui->inc->info.title : NULL;

	if (t)
		tw = text_cols(ui, t);
	for (level = 0; level < 2; level++) {
		int need = 0;

		for (int i = 0; i < PANE_COUNT; i++) {
			bool shown = i == ui->focus || (ui->wide && (i == PANE_TIMELINE || i == visible_side(ui)));
			int name = (int)strlen(pane_table[i]->name);

			need += 4 + (shown || level == 0 ? name : level == 1 && name > 3 ? 3 : name);
		}
		if (!tw || need + (level == 1 && tw > TAB_TITLE_MIN ? TAB_TITLE_MIN : tw) + 2 <= ui->cols)
			break;
	}
	ui_fill(ui, 0, 0, ui->cols, AREA_TAB);
	for (int i = 0; i < PANE_COUNT && x < ui->cols; i++) {
		char label[32];
		bool shown = i == ui->focus || (ui->wide && (i == PANE_TIMELINE || i == visible_side(ui)));

		if (shown || level == 0)
			snprintf(label, sizeof(label), " %d %s ", i + 1, pane_table[i]->name);
		else if (level == 1)
			snprintf(label, sizeof(label), " %d %.3s ", i + 1, pane_table[i]->name);
		else
			snprintf(label, sizeof(label), " %d ", i + 1);
		x += ui_put(ui, 0, x, ui->cols - x, i == ui->focus ? AREA_TAB_ACTIVE : shown ? AREA_TITLE : AREA_TAB, label);
		x++;
	}
	if (t && x + 4 < ui->cols) {
		int w = tw > ui->cols - x - 1 ? ui->cols - x - 1 : tw;

		ui_put(ui, 0, ui->cols - w - 1, w, AREA_TITLE, t);
	}
}

/* Whether the incident is over, and when: the "resolved" marker, else
 * (a status of resolved or reviewed with no marker) the last event.
 * Returns -1 while it is not over. */
static ms_t incident_over_at(const struct ui *ui, const struct durations *d)
{
	if (d->resolved >= 0)
		return d->resolved;
	if (ui->inc->info.status >= STATUS_RESOLVED)
		return d->end >= d->begin ? d->end : d->begin;
	return -1;
}

/* The status line's clock: " T+1h02m " running from the impact's start
 * (T), the detection (D) or the first event, in whole minutes (so the
 * terminal gets a few bytes a minute, not every second: an idle session
 * over a slow link costs nothing); once the incident is over, its
 * duration to the second, stopped: " lasted 1:13:00 ".  A day or more
 * shows as "T+3d05h47m" running, "lasted 3d05:47" stopped; while older
 * events load, " lasted … " (or " T+… "). */
static void format_clock(const struct ui *ui, const struct durations *d, ms_t now, char *buf, size_t n)
{
	ms_t over = incident_over_at(ui, d), el = (over >= 0 ? over : now) - d->begin;
	long secs = el > 0 ? (long)(el / 1000) : 0;
	const char *from = d->started >= 0 ? "T+" : d->detected >= 0 ? "D+" : "+";
	char len[32];

	if (ui->loading)	/* the start may be in what is still to read */
		snprintf(len, sizeof(len), "%s", ui->ascii ? "..." : "\xE2\x80\xA6");
	else if (over < 0 && secs >= 86400)
		snprintf(len, sizeof(len), "%ldd%02ldh%02ldm", secs / 86400, secs / 3600 % 24, secs / 60 % 60);
	else if (over < 0 && secs >= 3600)
		snprintf(len, sizeof(len), "%ldh%02ldm", secs / 3600, secs / 60 % 60);
	else if (over < 0)
		snprintf(len, sizeof(len), "%ldm", secs / 60);
	else if (secs >= 86400)
		snprintf(len, sizeof(len), "%ldd%02ld:%02ld", secs / 86400, secs / 3600 % 24, secs / 60 % 60);
	else
		snprintf(len, sizeof(len), "%ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	if (over >= 0)
		snprintf(buf, n, " lasted %s ", len);
	else
		snprintf(buf, n, " %s%s ", from, len);
}

/* One piece of the status line.  Pieces are laid out left to right in
 * the order of the table; when they do not fit, they shrink (to min
 * columns, the cut marked) and then go, in the order of their ranks. */
struct piece {
	char text[512];
	enum area area;
	int shrink;	/* its rank to shrink; 0: whole or not at all */
	int min;
	int drop;	/* its rank to go; 0: never */
	int w;		/* columns given */
};

/* Gives each piece its columns within cols: all of them when they fit,
 * else shrinking and dropping by rank (ranks 1..99). */
static void fit_pieces(struct ui *ui, struct piece *p, size_t n, int cols)
{
	int total = 0;

	for (size_t i = 0; i < n; i++) {
		p[i].w = text_cols(ui, p[i].text);
		total += p[i].w;
	}
	for (int rank = 1; rank < 100 && total > cols; rank++) {
		for (size_t i = 0; i < n && total > cols; i++) {
			if (!p[i].w)
				continue;
			if (p[i].shrink == rank && p[i].w > p[i].min) {
				int cut = total - cols < p[i].w - p[i].min ? total - cols : p[i].w - p[i].min;

				p[i].w -= cut;
				total -= cut;
			} else if (p[i].drop == rank) {
				total -= p[i].w;
				p[i].w = 0;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (p[i].w > cols)
			p[i].w = cols;
}

enum piece_id { P_MODE, P_STATUS, P_CLOCK, P_TIMEBOX, P_PEOPLE, P_TITLE, P_ID, P_SAVE, P_COUNT };

/* The status line, by priority: the title, the status and severity,
 * the clock, the timebox, presence and the save state come before the
 * id, which goes first when they do not all fit.  A message takes the
 * title's and the id's place while it lasts. */
static void draw_status(struct ui *ui)
{
	int y = ui->rows - 1, x = 0;
	const struct durations *d = ui_durations(ui);
	ms_t now = clock_now();
	struct piece p[P_COUNT] = {
		/* the id goes first; the title, the names and the reason a save
		 * failed shrink before anything else goes */
		[P_ID] = { .area = AREA_STATUS, .drop = 1 },
		[P_TITLE] = { .area = AREA_TITLE, .shrink = 2, .min = 14, .drop = 6 },
		[P_PEOPLE] = { .area = AREA_STATUS, .shrink = 3, .min = 10, .drop = 5 },
		[P_SAVE] = { .area = AREA_SAVED, .shrink = 4, .min = 13 },
		[P_TIMEBOX] = { .area = AREA_STAMP, .drop = 7 },
		[P_CLOCK] = { .area = AREA_STATUS, .drop = 8 },
		[P_MODE] = { .area = AREA_WARNING, .drop = 9 },
		[P_STATUS] = { .area = AREA_TITLE, .drop = 10 },
	};
	size_t others = 0;
	struct strbuf sb = STRBUF_INIT;

	if (ui->follow)
		snprintf(p[P_MODE].text, sizeof(p[P_MODE].text), ui->presenter[0] ? " FOLLOWING %s " : " NO PRESENTER ",
			 ui->presenter);
	else if (ui->present)
		snprintf(p[P_MODE].text, sizeof(p[P_MODE].text), " PRESENTING ");
	snprintf(p[P_STATUS].text, sizeof(p[P_STATUS].text), " %s SEV%d ",
		 incident_status_names.names[ui->inc->info.status], ui->inc->info.severity);
	for (char *c = p[P_STATUS].text; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
	format_clock(ui, d, now, p[P_CLOCK].text, sizeof(p[P_CLOCK].text));
	if (ui->timebox_end) {
		/* the meeting's clock, where the room sees it; in words, never a
		 * glyph or blinking alone */
		ms_t rest = ui->timebox_end - now;
		long secs = (long)((rest >= 0 ? rest : -rest) / 1000);

		if (rest >= 0)
			snprintf(p[P_TIMEBOX].text, sizeof(p[P_TIMEBOX].text), " timebox %ld:%02ld left ", secs / 60,
				 secs % 60);
		else
			snprintf(p[P_TIMEBOX].text, sizeof(p[P_TIMEBOX].text), " TIME UP +%ld:%02ld ", secs / 60,
				 secs % 60);
		if (rest < 0)
			p[P_TIMEBOX].area = AREA_NOT_SAVED;
	}
	for (size_t i = 0; i < ui->npeople; i++) {
		if (ui->people[i].self)
			continue;
		sb_addf(&sb, "%s%s", others ? ", " : "", ui->people[i].author);
		others++;
	}
	if (others) {
		snprintf(p[P_PEOPLE].text, sizeof(p[P_PEOPLE].text), " with %s ", sb_str(&sb));
		if (others > 1 && text_cols(ui, p[P_PEOPLE].text) > ui->cols / 4)
			snprintf(p[P_PEOPLE].text, sizeof(p[P_PEOPLE].text), " with %zu others ", others);
	}
	sb_free(&sb);
	if (ui->msg[0] && now < ui->msg_until) {
		/* an answer to a key comes before the loading progress */
		snprintf(p[P_TITLE].text, sizeof(p[P_TITLE].text), " %.500s ", ui->msg);
		p[P_TITLE].area = ui->msg_error ? AREA_NOT_SAVED : AREA_STATUS;
	} else if (ui->loading) {
		snprintf(p[P_TITLE].text, sizeof(p[P_TITLE].text), " loading older events: %ld KiB to go ",
			 (long)(ui->loading / 1024));
		p[P_TITLE].area = AREA_WARNING;
	} else if (ui->newcomer && !ui->present) {
		/* the first screen tells a newcomer the two keys that matter */
		static const enum request first[] = { REQ_HELP, REQ_QUIT };
		struct strbuf hint = STRBUF_INIT;

		if (ui->follow)
			sb_adds(&hint, "q leaves");	/* short: at 80 columns it must fit */
		keys_hints(&hint, ui->panes[ui->focus].ops->ctx, first, ui->follow ? 1 : 2);
		snprintf(p[P_TITLE].text, sizeof(p[P_TITLE].text), " %s ", sb_str(&hint));
		sb_free(&hint);
		p[P_TITLE].area = AREA_PROMPT;
		p[P_TITLE].shrink = 0;
		snprintf(p[P_ID].text, sizeof(p[P_ID].text), " %s ", ui->inc->info.title ? ui->inc->info.title : "");
		p[P_ID].area = AREA_TITLE;
	} else {
		snprintf(p[P_TITLE].text, sizeof(p[P_TITLE].text), " %s ", ui->inc->info.title ? ui->inc->info.title : "");
		snprintf(p[P_ID].text, sizeof(p[P_ID].text), " %s ", ui->inc->id);
	}
	if (ui->not_saved[0]) {
		snprintf(p[P_SAVE].text, sizeof(p[P_SAVE].text), " NOT SAVED: %s ", ui->not_saved);
		p[P_SAVE].area = AREA_NOT_SAVED;
	} else if (ui->sync.note[0]) {
		snprintf(p[P_SAVE].text, sizeof(p[P_SAVE].text), " %s saved, %s ", ui_glyph(ui, "\xE2\x9C\x93", "ok"),
			 ui->sync.note);
	} else {
		snprintf(p[P_SAVE].text, sizeof(p[P_SAVE].text), " %s saved ", ui_glyph(ui, "\xE2\x9C\x93", "ok"));
	}
	fit_pieces(ui, p, P_COUNT, ui->cols);

	ui_fill(ui, y, 0, ui->cols, AREA_STATUS);
	for (int i = 0; i < P_SAVE; i++)
		if (p[i].w)
			x += ui_put(ui, y, x, p[i].w, p[i].area, p[i].text);
	/* the save state at the right end, where it is always looked for */
	if (p[P_SAVE].w)
		ui_put(ui, y, ui->cols - p[P_SAVE].w, p[P_SAVE].w, p[P_SAVE].area, p[P_SAVE].text);
}

struct help_ctx {
	struct ui *ui;
	int y, top, bottom, x, w, skip, n;
};

static void help_line(void *vctx, const char *keys, const char *help)
{
	struct help_ctx *c = vctx;

	if (c->n++ < c->skip || c->y >= c->bottom)
		return;
	ui_fill(c->ui, c->y, c->x, c->w, AREA_HELP);
	if (keys) {
		ui_put(c->ui, c->y, c->x + 1, 24, AREA_PROMPT, keys);
		ui_put(c->ui, c->y, c->x + 26, c->w - 27, AREA_HELP, help);
	} else {
		ui_put(c->ui, c->y, c->x + 1, c->w - 2, AREA_TITLE, help);
	}
	c->y++;
}

void ui_help_lines(struct ui *ui, void (*line)(void *ctx, const char *keys, const char *help),
		   void *ctx)
{
	keys_help(ui->panes[ui->focus].ops->ctx, line, ctx);
}

static int help_scroll;

static void draw_help(struct ui *ui)
{
	struct help_ctx c = { ui, 1, 1, ui->rows - 2, 1, ui->cols - 2, help_scroll, 0 };

	if (c.w > 100) {
		c.x = (ui->cols - 100) / 2;
		c.w = 100;
	}
	/* the last line at the bottom at most: count, then draw */
	c.y = c.bottom;
	ui_help_lines(ui, help_line, &c);
	if (help_scroll > c.n - (c.bottom - c.top))
		help_scroll = c.n - (c.bottom - c.top) > 0 ? c.n - (c.bottom - c.top) : 0;
	c.y = c.top;
	c.n = 0;
	c.skip = help_scroll;
	ui_help_lines(ui, help_line, &c);
	while (c.y < c.bottom)
		ui_fill(ui, c.y++, c.x, c.w, AREA_HELP);
	ui_fill(ui, c.bottom, c.x, c.w, AREA_STATUS);
	{
		/* it scrolls as every list does (CTX_BOARD: j and k too) */
		static const enum request scroll[] = { REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_FIRST, REQ_LAST };
		struct strbuf sb = STRBUF_INIT;

		keys_hints(&sb, CTX_BOARD, scroll, ARRAY_SIZE(scroll));
		sb_adds(&sb, "  -  any other key closes the help  -  man scribe for more");
		ui_put(ui, c.bottom, c.x + 1, c.w - 2, AREA_STATUS, sb_str(&sb));
		sb_free(&sb);
	}
}


static void draw_checklist(struct ui *ui)
{
	struct checklist *c = &ui->checklist;
	int top = 2, bottom = ui->rows - 3, x = 2, w = ui->cols - 4, rows = bottom - top - 1;

	ui_fill(ui, top, x, w, AREA_TAB_ACTIVE);
	ui_put(ui, top, x + 1, w - 2, AREA_TAB_ACTIVE, c->title);
	for (int i = 0; i < rows; i++)
		ui_fill(ui, top + 1 + i, x, w, AREA_HELP);
	c->y = top + 1;
	c->x = x;
	c->w = w;
	listview_draw(&c->lv, rows, w, true);
	ui_fill(ui, bottom, x, w, AREA_STATUS);
	ui_put(ui, bottom, x + 1, w - 2, AREA_STATUS,
	       c->n ? "Space ticks  Enter saves  Esc cancels" : "Nothing to choose from  Esc closes");
}

static void draw_longedit(struct ui *ui, int *cy, int *cx)
{
	struct longedit *l = &ui->longedit;
	struct lineedit_layout lay;
	int top = 1, bottom = ui->rows - 2, x = 1, w = ui->cols - 2, rows = bottom - top - 1;
	size_t first;
	const char *t = lineedit_text(&l->le);

	lineedit_layout(&l->le, (size_t)(w > 2 ? w - 2 : 1), &lay);
	first = rows > 0 && lay.cursor_line >= (size_t)rows ? lay.cursor_line - (size_t)rows + 1 : 0;
	ui_fill(ui, top, x, w, AREA_TAB_ACTIVE);
	ui_put(ui, top, x + 1, w - 2, AREA_TAB_ACTIVE, l->label);
	for (int i = 0; i < rows; i++) {
		ui_fill(ui, top + 1 + i, x, w, AREA_HELP);
		if (first + (size_t)i < lay.nlines)
			ui_putn(ui, top + 1 + i, x + 1, w - 2, AREA_HELP, t + lay.starts[first + i],
				lay.lens[first + i]);
	}
	ui_fill(ui, bottom, x, w, AREA_STATUS);
	ui_put(ui, bottom, x + 1, w - 2, AREA_STATUS,
	       "Ctrl-S saves  Esc cancels  Ctrl-X edits in $VISUAL/$EDITOR  Enter is a new line");
	*cy = top + 1 + (int)(lay.cursor_line - first);
	*cx = x + 1 + (int)lay.cursor_col;
	lineedit_layout_free(&lay);
}

static void draw(struct ui *ui)
{
	int y, x;
	bool cursor = false;

	erase();
	if (ui->too_small) {
		const char *m = "terminal too small";

		if (ui->rows > 0 && ui->cols > 0)
			ui_put(ui, ui->rows / 2, ui->cols > 18 ? (ui->cols - 18) / 2 : 0, ui->cols, AREA_WARNING, m);
		curs_set(0);
		refresh();
		return;
	}
	if (ui->panes[ui->focus].ops->whole_screen) {
		struct rect all = { 0, 0, ui->rows, ui->cols };

		ui->panes[ui->focus].rect = all;
		ui->panes[ui->focus].ops->draw(ui, &ui->panes[ui->focus], all, true);
	} else {
		struct rect body = { ui->zoom ? 0 : 1, 0, ui->rows - (ui->zoom ? 1 : 2), ui->cols };

		if (!ui->zoom)
			draw_tabs(ui);
		if (ui->wide && !ui->present && !ui->zoom) {
			int lw = ui->cols * 55 / 100, side = visible_side(ui);
			struct rect left = { 1, 0, body.h, lw }, right = { 1, lw + 1, body.h, ui->cols - lw - 1 };

			ui->panes[PANE_TIMELINE].rect = left;
			ui->panes[side].rect = right;
			timeline_ops.draw(ui, &ui->panes[PANE_TIMELINE], left, ui->focus == PANE_TIMELINE);
			attrset(ui->attrs[AREA_DIM]);
			mvvline(1, lw, ui->ascii ? '|' : ACS_VLINE, body.h);
			attrset(A_NORMAL);
			pane_table[side]->draw(ui, &ui->panes[side], right, ui->focus == side);
		} else {
			ui->panes[ui->focus].rect = body;
			pane_table[ui->focus]->draw(ui, &ui->panes[ui->focus], body, true);
		}
		draw_status(ui);
	}
	if (ui->history)
		history_view_draw(ui);
	if (ui->help)
		draw_help(ui);
	if (ui->checklist.active)
		draw_checklist(ui);
	if (ui->longedit.active) {
		draw_longedit(ui, &y, &x);
		cursor = true;
	} else if (ui->prompt.active) {
		struct lineedit_layout lay;
		int py = ui->rows - 2, lw = (int)strlen(ui->prompt.label) + 1;

		ui_fill(ui, py, 0, ui->cols, AREA_NORMAL);
		ui_put(ui, py, 0, ui->cols, AREA_PROMPT, ui->prompt.label);
		lineedit_layout(&ui->prompt.le, 100000, &lay);
		{
			/* one line, scrolled so the cursor shows */
			int avail = ui->cols - lw - 1, col = (int)lay.cursor_col, off = 0;
			const char *t = lineedit_text(&ui->prompt.le);
			size_t skip = 0, w;

			if (col >= avail) {
				off = col - avail + 1;
				skip = text_fit(t, strlen(t), (size_t)off, &w);
				off = (int)w;
			}
			ui_put(ui, py, lw, avail, AREA_NORMAL, t + skip);
			y = py;
			x = lw + col - off;
			cursor = true;
		}
		lineedit_layout_free(&lay);
	} else if (!ui->help && !ui->checklist.active && !ui->history && ui->panes[ui->focus].ops->cursor) {
		cursor = ui->panes[ui->focus].ops->cursor(ui, &ui->panes[ui->focus], &y, &x);
	}
	if (cursor) {
		curs_set(1);
		move(y, x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* A second passed and nothing else changed: the status line alone, for
 * its clock, timebox or message (no re-layout; curses sends only the
 * cells that differ, which most seconds is none).  False when an overlay
 * or a pane with no status line (the picker) is up: then draw everything. */
static bool draw_status_only(struct ui *ui)
{
	int y, x;

	if (ui->panes[ui->focus].ops->whole_screen || ui->too_small || ui->help || ui->checklist.active || ui->longedit.active ||
	    ui->prompt.active || ui->history)
		return false;
	draw_status(ui);
	if (ui->panes[ui->focus].ops->cursor && ui->panes[ui->focus].ops->cursor(ui, &ui->panes[ui->focus], &y, &x)) {
		curs_set(1);
		move(y, x);
	} else {
		curs_set(0);
	}
	refresh();
	return true;
}

/* ---- the incident ---- */

static void people_refresh(struct ui *ui)
{
	presence_free(ui->people, ui->npeople);
	ui->npeople = store_presence(ui->store, &ui->people);
}

/* Reads what others wrote; flags as for store_read. */
static void read_new(struct ui *ui, unsigned flags)
{
	struct error e = { 0 };
	unsigned conflicts = ui->inc->conflicts;
	long n;

	say_restored(ui);
	n = store_read(ui->store, ui->inc, NULL, flags, &e);

	if (ui->inc->conflicts > conflicts && ui->inc->last_conflict) {
		/* someone changed the same thing as someone else, from the same
		 * version: say so; both versions stay in the history */
		const struct entity *c = ui->inc->last_conflict;
		const struct stamp *r = entity_last(c);
		const char *who = r ? stamp_author(ui->inc, r) : "";

		ui_message(ui, true, "%s and another person changed the same %s at once: the later version shows, "
			   "both are kept", who[0] ? who : "someone", rec_type_names.names[c->type]);
	}

	if (n < 0) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	if (n > 0)
		for (int i = 0; i < PANE_COUNT; i++)
			if (ui->panes[i].ops->update)
				ui->panes[i].ops->update(ui, &ui->panes[i]);
}

static int open_incident(struct ui *ui, const char *id, struct error *e)
{
	struct diags d = { 0 };
	int rc;

	if ((rc = store_open(ui->root, id, &ui->store, e)))
		return rc;
	ui->inc = incident_new(id);
	config_apply(ui->inc);
	/* the newest records first: the screen comes up at once, the older
	 * ones of a large incident follow in the main loop */
	if (store_read(ui->store, ui->inc, &d, STORE_TAIL_FIRST, e) >= 0 && !ui->inc->info.e.created) {
		/* the record that made the incident is at the start of a pack
		 * (oldest first), in the part not read yet: read on until it
		 * comes, the oldest first of every journal (a pass of 64 KiB
		 * each, as a rule: all of the journals before its own would
		 * be 190 ms at 100,000 events in nine packs) */
		off_t left;

		do {
			store_read_backlog_each(ui->store, ui->inc, 64 * 1024, &left);
		} while (!ui->inc->info.e.created && left > 0);
	}
	if (e->code || !ui->inc->info.e.created) {
		if (!e->code)
			error_set(e, d.n ? EXIT_DATAERR : EXIT_NOINPUT, "%s holds no incident%s", store_path(ui->store),
				  d.n ? " that loads (see scribe check)" : "");
		diags_free(&d);
		incident_free(ui->inc);
		ui->inc = NULL;
		store_close(ui->store);
		ui->store = NULL;
		return e->code;
	}
	if (d.n)
		ui_message(ui, true, "%zu problem%s in the files (scribe check %s)", d.n, d.n == 1 ? "" : "s", id);
	diags_free(&d);
	{
		struct error de = { 0 };

		if (drafts_open(&ui->drafts, id, &de))
			ui_message(ui, true, "drafts: %s", de.msg);
	}
	{
		struct error pe = { 0 };

		store_presence_join(ui->store, &pe);
	}
	for (int i = 0; i < PANE_COUNT; i++) {
		ui->panes[i].ops = pane_table[i];
		ui->panes[i].state = NULL;
	}
	ui->focus = PANE_TIMELINE;
	ui->side = PANE_FACTORS;
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->panes[i].ops->update)
			ui->panes[i].ops->update(ui, &ui->panes[i]);
	timeline_restore_draft(ui);
	timeline_retry_pending(ui);
	people_refresh(ui);
	store_read_backlog(ui->store, ui->inc, 0, &ui->loading);
	/* growing the index of ids at a million entries would stop a turn
	 * of loading for tens of ms: size it for what is left.  An entry's
	 * first record as written is about 300 bytes (240 with a one-word
	 * text) and edits, votes and comments add no entry, so this rarely
	 * falls short, and then by one growth; reserving for 200 bytes a
	 * record cost 16 bytes an event more at a million */
	if (ui->loading > 0)
		incident_reserve(ui->inc, (size_t)(ui->loading / 300));
	return 0;
}

/* Ends pane p: what it holds is freed. */
static void pane_close(struct pane *p)
{
	if (p->ops && p->ops->destroy)
		p->ops->destroy(p);
	free(p->state);
	p->state = NULL;
	p->ops = NULL;
}

void ui_open(struct ui *ui, const char *id)
{
	struct error e = { 0 };

	if (open_incident(ui, id, &e))
		ui_message(ui, true, "%s", e.msg);
	else
		pane_close(&ui->panes[PANE_PICKER]);
}

void ui_publish(struct ui *ui)
{
	char info[128];
	struct pane *p = &ui->panes[ui->focus];
	const char *sel = ui->focus == PANE_TIMELINE ? timeline_selected_id(ui) : board_selected_id(ui, p);

	/* the timebox's end (0: none) before the selection, which may be "" */
	snprintf(info, sizeof(info), "present pane=%d timebox=%lld sel=%s", ui->focus, (long long)ui->timebox_end, sel);
	if (!strcmp(info, ui->published))
		return;
	snprintf(ui->published, sizeof(ui->published), "%s", info);
	store_presence_say(ui->store, info);
}

/* Follow mode: show the pane and the selection the presenting session
 * shows. */
static void follow_presenter(struct ui *ui)
{
	people_refresh(ui);
	ui->presenter[0] = '\0';	/* until one is found: gone, or not yet there */
	ui->timebox_end = 0;
	for (size_t i = 0; i < ui->npeople; i++) {
		int pane;
		long long timebox = 0;
		char sel[ID_LEN + 1] = "";

		if (ui->people[i].self ||
		    sscanf(ui->people[i].info, "present pane=%d timebox=%lld sel=%64s", &pane, &timebox, sel) < 2)
			continue;
		if (pane < 0 || pane >= PANE_COUNT)
			continue;
		snprintf(ui->presenter, sizeof(ui->presenter), "%s", ui->people[i].author);
		ui->timebox_end = timebox > 0 ? (ms_t)timebox : 0;	/* the room's timebox */
		ui->focus = pane;
		if (pane != PANE_TIMELINE)
			ui->side = pane;
		if (sel[0] && pane == PANE_TIMELINE)
			timeline_select_id(ui, sel);
		else if (sel[0])
			board_select_id(ui, &ui->panes[pane], sel);
		return;
	}
}

/* Everything that must happen before the program ends, however it ends:
 * the entry being typed goes to the drafts (synced), unsaved events get
 * one more try, the presence file goes. */
static void save_all(struct ui *ui)
{
	if (!ui->inc)
		return;
	timeline_retry_pending(ui);
	timeline_set_aside(ui, true);
	store_presence_leave(ui->store);
}

/* Frees what the program holds, the terminal once let go. */
static void close_all(struct ui *ui)
{
	for (int i = 0; i < PANE_ALL; i++)
		pane_close(&ui->panes[i]);
	if (ui->inc) {
		drafts_close(&ui->drafts);
		incident_free(ui->inc);
		store_close(ui->store);
	}
	durations_free(&ui->dur);
	presence_free(ui->people, ui->npeople);
	theme_free(&ui->theme);
	lineedit_free(&ui->prompt.le);
	lineedit_free(&ui->longedit.le);
	checklist_free(&ui->checklist);
	free(ui->root);
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* ---- keys ---- */

static void prompt_edit_key(struct lineedit *le, wint_t ch, bool is_char);

static void prompt_key(struct ui *ui, wint_t ch, bool is_char)
{
	struct lineedit *le = &ui->prompt.le;

	if (is_char && (ch == '\r' || ch == '\n' || ch == 27 || ch == 3 || ch == 7)) {
		char *text = ch == 27 || ch == 3 || ch == 7 ? NULL : xstrdup(lineedit_text(le));

		ui->prompt.active = false;
		answer(ui, ui->prompt.done, &ui->prompt.base, text);
		free(text);
		return;
	}
	if (!is_char && ch == KEY_ENTER) {
		char *text = xstrdup(lineedit_text(le));

		ui->prompt.active = false;
		answer(ui, ui->prompt.done, &ui->prompt.base, text);
		free(text);
		return;
	}
	prompt_edit_key(le, ch, is_char);
}

/* The editing keys shared by the prompt and the long-text editor. */
static void prompt_edit_key(struct lineedit *le, wint_t ch, bool is_char)
{
	if (is_char) {
		switch (ch) {
		case 127: case 8: lineedit_backspace(le); return;
		case 1: lineedit_home(le); return;
		case 5: lineedit_end(le); return;
		case 21: lineedit_kill_start(le); return;
		case 23: lineedit_kill_word(le); return;
		case 11: lineedit_kill_end(le); return;
		default:
			if (ch >= 32)
				lineedit_insert(le, (uint32_t)ch);
			return;
		}
	}
	switch (ch) {
	case KEY_BACKSPACE: lineedit_backspace(le); break;
	case KEY_DC: lineedit_delete(le); break;
	case KEY_LEFT: lineedit_left(le); break;
	case KEY_RIGHT: lineedit_right(le); break;
	case KEY_HOME: lineedit_home(le); break;
	case KEY_END: lineedit_end(le); break;
	default: break;
	}
}

char *ui_external_edit(struct ui *ui, const char *text)
{
	struct error e = { 0 };
	char *out = NULL;

	def_prog_mode();
	endwin();
	if (store_edit_external(text, &out, &e))
		ui_message(ui, true, "%s", e.msg);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return out;
}

static void longedit_key(struct ui *ui, wint_t ch, bool is_char)
{
	struct longedit *l = &ui->longedit;
	size_t width = (size_t)(ui->cols > 6 ? ui->cols - 4 : 2);

	if (is_char && (ch == 19 || ch == 27)) {	/* Ctrl-S, Esc */
		char *text = ch == 19 ? xstrdup(lineedit_text(&l->le)) : NULL;

		l->active = false;
		answer(ui, l->done, &l->base, text);
		free(text);
		return;
	}
	if (is_char && ch == 24) {	/* Ctrl-X */
		char *text = ui_external_edit(ui, lineedit_text(&l->le));

		if (text) {
			lineedit_set(&l->le, text);
			free(text);
		}
		return;
	}
	if (is_char && (ch == '\r' || ch == '\n')) {
		lineedit_insert(&l->le, '\n');
		return;
	}
	if (!is_char && ch == KEY_UP) {
		lineedit_up(&l->le, width);
		return;
	}
	if (!is_char && ch == KEY_DOWN) {
		lineedit_down(&l->le, width);
		return;
	}
	prompt_edit_key(&l->le, ch, is_char);
}

static void checklist_key(struct ui *ui, wint_t ch, bool is_char)
{
	struct checklist *c = &ui->checklist;

	if (is_char && ch == 27) {
		checklist_free(c);
		return;
	}
	if ((is_char && (ch == '\r' || ch == '\n')) || (!is_char && ch == KEY_ENTER)) {
		void (*done)(struct ui *, const bool *) = c->done;
		bool *on = c->on;

		c->on = NULL;
		checklist_free(c);
		done(ui, on);
		free(on);
		return;
	}
	if (is_char && ch == ' ' && c->n) {
		size_t i = listview_selected(&c->lv);

		c->on[i] = !c->on[i];
	} else {	/* moves as in every list: the board's keys (j, k too) */
		listview_key(&c->lv, keys_request((int)ch, is_char, CTX_BOARD));
	}
}

static void suspend(struct ui *ui)
{
	(void)ui;
	endwin();
	raise(SIGSTOP);
	/* back after fg */
	clearok(curscr, TRUE);
	refresh();
}

static void handle_key(struct ui *ui, wint_t ch, bool is_char)
{
	enum key_ctx ctx;
	enum request req;

	if (!is_char && ch == KEY_RESIZE) {
		layout(ui);
		return;
	}
	ui->newcomer = false;
	if (ui->help) {
		/* the list keys, as in every list (and j, k); draw_help stops
		 * the scroll at the end */
		switch (keys_request((int)ch, is_char, CTX_BOARD)) {
		case REQ_DOWN: help_scroll++; break;
		case REQ_UP: help_scroll--; break;
		case REQ_PAGE_DOWN: help_scroll += ui->rows - 4; break;
		case REQ_PAGE_UP: help_scroll -= ui->rows - 4; break;
		case REQ_FIRST: help_scroll = 0; break;
		case REQ_LAST: help_scroll = INT_MAX / 2; break;
		default: ui->help = false; break;
		}
		if (help_scroll < 0)
			help_scroll = 0;
		return;
	}
	if (ui->history) {
		if (keys_request((int)ch, is_char, CTX_ANY) == REQ_QUIT) {
			history_view_close(ui);
			ui->quit = true;
		} else {
			history_view_key(ui, ch, is_char);
		}
		return;
	}
	if (ui->longedit.active) {
		longedit_key(ui, ch, is_char);
		return;
	}
	if (ui->checklist.active) {
		checklist_key(ui, ch, is_char);
		return;
	}
	if (ui->prompt.active) {
		if (is_char && ch == 17) {	/* Ctrl-Q still quits */
			ui->quit = true;
			return;
		}
		prompt_key(ui, ch, is_char);
		return;
	}
	ctx = ui->panes[ui->focus].ops->ctx;
	req = keys_request((int)ch, is_char, ctx);
	switch (req) {
	case REQ_QUIT:
		ui->quit = true;
		return;
	case REQ_HELP:
		ui->help = true;
		help_scroll = 0;
		return;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		return;
	case REQ_SUSPEND:
		suspend(ui);
		return;
	default:
		break;
	}
	if (ui->follow && is_char && (ch == 'q' || ch == 27)) {
		/* on any pane: the presenter's pane must not decide how to leave */
		ui->quit = true;
		return;
	}
	if (ui->follow && (req == REQ_NEXT_PANE || req == REQ_PREV_PANE)) {
		ui_read_only(ui);
		return;
	}
	if ((req == REQ_NEXT_PANE || req == REQ_PREV_PANE) && ui->focus < PANE_COUNT) {
		/* among the incident's panes (the picker is none of them) */
		ui->focus = (ui->focus + (req == REQ_NEXT_PANE ? 1 : PANE_COUNT - 1)) % PANE_COUNT;
		if (ui->focus != PANE_TIMELINE)
			ui->side = ui->focus;
		return;
	}
	if (ui->panes[ui->focus].ops->key(ui, &ui->panes[ui->focus], req, ch, is_char))
		return;
	if (req == REQ_QUIT_LETTER)
		ui->quit = true;
}

/* ---- main loop ---- */

/* Waits for a key, for the folder watch (when watch >= 0) or for the
 * timeout.  Returns poll's count; *keys: the terminal has something. */
static int wait_input(int timeout_ms, int watch, bool *hangup, bool *keys, bool *changed)
{
	struct pollfd pfd[2] = { { .fd = STDIN_FILENO, .events = POLLIN }, { .fd = watch, .events = POLLIN } };
	int n = poll(pfd, watch >= 0 ? 2 : 1, timeout_ms);

	*hangup = n > 0 && (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) && !(pfd[0].revents & POLLIN);
	*keys = n > 0 && pfd[0].revents;
	*changed = n > 0 && watch >= 0 && pfd[1].revents;
	return n;
}

/* What the main loop keeps from one turn to the next. */
struct loop {
	SCREEN *scr;
	ms_t last_read, last_full_read, last_people, last_touch, last_retry;
	long last_second;
	int empty_reads, watch;
	bool dirty, dirty_editor, tick, drawn, keys, changed, watch_tried;
	bool dirty_status;	/* with dirty_editor: the status line too */
	struct keyread kr;	/* escape sequences being put together */
	size_t backlog_chunk;	/* bytes of older records read in a turn */
};

/* A turn of loading older records aims at this long (keys wait for it),
 * reading from BACKLOG_CHUNK_MIN to BACKLOG_CHUNK_MAX bytes */
#define BACKLOG_TURN_MS 12
#define BACKLOG_CHUNK_MIN (256u << 10)
#define BACKLOG_CHUNK_MAX (16u << 20)

/* Signals, the terminal in its modes, the theme, the first layout.
 * Returns 0, or EXIT_USAGE when this terminal cannot be used (said on
 * stderr; ui is then closed). */
static int term_setup(struct ui *ui, const struct ui_options *opts, struct loop *lp)
{
	struct sigaction sa = { 0 };
	enum terminal_fit fit;

	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	fit = terminal_check();
	if (fit != TERMINAL_OK || !(lp->scr = newterm(NULL, stdout, stdin))) {
		/* not a bug: a usage error, said plainly (scribe(1), EXIT STATUS) */
		const char *term = getenv("TERM");

		if (fit == TERMINAL_UNSET)
			fprintf(stderr, "scribe: TERM is not set: the full-screen program needs to know the terminal "
				"(for example TERM=xterm-256color); the commands work without it (scribe --help)\n");
		else
			fprintf(stderr, "scribe: TERM=%s %s: the full-screen program needs a terminal that can "
				"move the cursor (for example TERM=xterm-256color); the commands work without one "
				"(scribe --help)\n", term,
				fit == TERMINAL_CANNOT_DRAW ? "cannot move the cursor"
				: fit == TERMINAL_UNKNOWN ? "is not a terminal type this system knows" : "cannot be used");
		save_all(ui);
		close_all(ui);
		return EXIT_USAGE;
	}
	die_hook = restore_terminal;
	{
		/* kill -TSTP: suspended from the main loop like Ctrl-Z (a handler
		 * only sets a flag); left alone where it was ignored on entry */
		struct sigaction old, ts = { 0 };

		ts.sa_handler = on_tstp;
		sigemptyset(&ts.sa_mask);
		if (!sigaction(SIGTSTP, NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(SIGTSTP, &ts, NULL);
	}
	raw();
	noecho();
	nonl();
	/* the key reader decodes the keys, whatever TERM says, with its own
	 * wait for a split sequence: curses passes the characters on as
	 * they come (no keypad: its ESCDELAY plays no part) */
	keypad(stdscr, FALSE);
	nodelay(stdscr, TRUE);
	keyread_init(&lp->kr, keyread_wait_env());
	{
		/* the theme: --theme, else the configuration's, else the default */
		const char *name = opts && opts->theme ? opts->theme : config_get(NULL)->theme;

		load_theme(ui, name ? name : "default", false);
	}
	setup_colors(ui);
	if (opts && opts->present)
		ui_toggle_present(ui);
	layout(ui);
	if (!ui->inc) {
		ui->panes[PANE_PICKER].ops = &picker_ops;
		ui->focus = PANE_PICKER;
	}
	bgsync_init(&ui->sync, ui->root);
	lp->last_second = -1;
	lp->watch = -1;
	lp->backlog_chunk = 512u << 10;
	lp->dirty = true;
	return 0;
}

/* Everything but keys that can change what is shown: others' records
 * (through the folder watch, or looked for every so often), presence,
 * the presenter, saves to retry, the background sync, the clock. */
static void watch_store(struct ui *ui, struct loop *lp, ms_t now)
{
	if (ui->inc) {
		unsigned saw = 0;
		int read_every, people_every;

		if (!lp->watch_tried) {
			/* before the first look below, so nothing falls between */
			lp->watch = store_watch(ui->store);
			lp->watch_tried = true;
		}
		read_every = lp->watch >= 0 ? WATCHED_READ_EVERY_MS : READ_EVERY_MS;
		people_every = lp->watch >= 0 ? WATCHED_PRESENCE_EVERY_MS : PRESENCE_EVERY_MS;
		if (lp->changed) {
			saw = store_watch_read(ui->store);
			if (saw & STORE_SAW_LOST)
				lp->watch = -1;	/* look every so often from now on */
			lp->changed = false;
		}
		if (ui->loading && lp->drawn) {
			/* older records, a chunk per turn once the newest are
			 * on screen: keys stay quick.  The chunk grows while a
			 * turn takes little time and shrinks when one takes
			 * long: each turn merges the chunk's events into all the
			 * others and updates the panes, which at a million events
			 * cost more than reading 512 KiB */
			ms_t t0 = clock_mono(), took;

			if (store_read_backlog(ui->store, ui->inc, lp->backlog_chunk, &ui->loading) > 0) {
				for (int i = 0; i < PANE_COUNT; i++)
					if (ui->panes[i].ops->update)
						ui->panes[i].ops->update(ui, &ui->panes[i]);
			}
			took = clock_mono() - t0;
			if (took < BACKLOG_TURN_MS / 2 && lp->backlog_chunk < BACKLOG_CHUNK_MAX)
				lp->backlog_chunk *= 2;
			else if (took > BACKLOG_TURN_MS && lp->backlog_chunk > BACKLOG_CHUNK_MIN)
				lp->backlog_chunk /= 2;
#ifdef HAVE_MALLOC_TRIM
			if (!ui->loading)
				malloc_trim(0);	/* the read buffers and the cache's copy are
						 * done with: give their memory back */
#endif
			lp->dirty = true;
		}
		if ((saw & STORE_SAW_JOURNAL) || now - lp->last_read >= read_every) {
			uint64_t gen = ui->inc->generation;
			bool full = now - lp->last_full_read >= FULL_READ_EVERY_MS;

			read_new(ui, full ? 0 : STORE_CHANGED_ONLY);
			lp->last_read = now;
			if (full)
				lp->last_full_read = now;
			lp->dirty |= gen != ui->inc->generation;
		}
		if (now - lp->last_touch >= TOUCH_EVERY_MS) {
			store_presence_touch(ui->store);
			lp->last_touch = now;
		}
		if (ui->present) {
			ui_publish(ui);
		} else if (ui->published[0]) {
			/* no longer presenting: followers stop following */
			store_presence_say(ui->store, "");
			ui->published[0] = '\0';
		}
		if (ui->follow && ((saw & STORE_SAW_PRESENCE) || now - lp->last_people >= read_every)) {
			follow_presenter(ui);
			lp->last_people = now;
			lp->dirty = true;
		}
		if ((saw & STORE_SAW_PRESENCE) || now - lp->last_people >= people_every) {
			size_t before = ui->npeople;

			people_refresh(ui);
			lp->last_people = now;
			lp->dirty |= before != ui->npeople || ui->npeople > 1;
		}
		if (ui->not_saved[0] && now - lp->last_retry >= RETRY_EVERY_MS) {
			timeline_retry_pending(ui);
			lp->last_retry = now;
			lp->dirty = true;
		}
	}
	for (int i = 0; i < PANE_ALL; i++)
		if (ui->panes[i].ops && ui->panes[i].ops->tick)
			lp->dirty |= ui->panes[i].ops->tick(ui, &ui->panes[i]);
	lp->dirty |= bgsync_tick(&ui->sync, ui->root, now);
	if (now / 1000 != lp->last_second) {
		lp->last_second = now / 1000;
		lp->tick = true;	/* the clock ticks */
	}
}

/* Draws what changed since the last turn: everything, the entry alone,
 * or the status line alone when only the clock ticked. */
static void redraw(struct ui *ui, struct loop *lp)
{
	if (lp->dirty_status && lp->dirty_editor && !lp->dirty)
		draw_status(ui);	/* shown by the editor's refresh */
	if (lp->dirty || (lp->dirty_editor && !timeline_draw_editor(ui)) || (lp->tick && !draw_status_only(ui)))
		draw(ui);
	lp->dirty = lp->dirty_editor = lp->dirty_status = lp->tick = false;
	lp->drawn = true;
}

/* Acts on the keys the key reader made; *quick: each changed only the
 * text typed. */
static void take_keys(struct ui *ui, const struct keypress *k, size_t n, bool *quick, int *acted)
{
	for (size_t i = 0; i < n && !ui->quit && !got_signal; i++) {
		ui->quick = false;
		handle_key(ui, k[i].ch, k[i].is_char);
		*quick &= ui->quick;
		(*acted)++;
	}
}

/* Reads every character that is there (when readable) into the key
 * reader and acts on each key it makes, and on a lone ESC once its wait
 * is over.  Returns false when the terminal has gone (readable, but
 * nothing to read, again and again). */
static bool read_keys(struct ui *ui, struct loop *lp, bool readable)
{
	struct keypress k[KEYREAD_OUT];
	int read = 0, acted = 0, rc;
	wint_t ch;
	unsigned dropped = lp->kr.dropped;
	/* what else a key could have changed on screen */
	uint64_t gen = ui->inc ? ui->inc->generation : 0;
	ms_t msg_until = ui->msg_until;
	int focus = ui->focus;
	bool newcomer = ui->newcomer;
	bool quick = ui->inc && !ui->too_small && !ui->help && !ui->prompt.active &&
		     !ui->longedit.active && !ui->checklist.active && ui->focus == PANE_TIMELINE;

	while (readable && !ui->quit && !got_signal && (rc = get_wch(&ch)) != ERR) {
		read++;
		take_keys(ui, k, keyread_feed(&lp->kr, ch, rc == KEY_CODE_YES, clock_now(), k), &quick, &acted);
	}
	if (!ui->quit && !got_signal)
		take_keys(ui, k, keyread_idle(&lp->kr, clock_now(), k), &quick, &acted);
	if (lp->kr.dropped != dropped) {
		/* never typed as text; said, in case a key seems dead */
		ui_message(ui, false, "unknown key %s: ignored", lp->kr.note);
		lp->dirty = true;
	}
	if (acted) {
		quick &= ui->inc && gen == ui->inc->generation && msg_until == ui->msg_until &&
			 focus == ui->focus && !ui->help && !ui->prompt.active && !ui->longedit.active &&
			 !ui->checklist.active;
		if (quick) {
			lp->dirty_editor = true;
			/* the first key: the hints give way to the title */
			lp->dirty_status |= newcomer != ui->newcomer;
		} else
			lp->dirty = true;
	}
	if (readable && !read && !ui->quit && !got_signal) {
		/* readable but nothing to read: the terminal is gone */
		if (++lp->empty_reads > 20)
			return false;
	} else if (read) {
		lp->empty_reads = 0;
	}
	return true;
}

/* What is saved on the way out is saved; the terminal is given back. */
static void teardown(struct ui *ui, struct loop *lp)
{
	save_all(ui);
	history_view_close(ui);
	endwin();
	delscreen(lp->scr);
	die_hook = NULL;
	bgsync_finish(&ui->sync, ui->root);
	close_all(ui);
}

int ui_main(const char *root, const char *id, const struct ui_options *opts)
{
	struct ui ui = { 0 };
	struct loop lp = { 0 };
	struct error e = { 0 };
	const char *cs;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "scribe: the full-screen program needs a terminal; "
			"see 'scribe --help' for the commands\n");
		return EXIT_USAGE;
	}
	ui.root = xstrdup(root);
	ui.follow = opts && opts->follow;
	cs = nl_langinfo(CODESET);
	ui.ascii = !(cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")));
	ui.text_flags = ui.ascii ? TEXT_ASCII : 0;
	lineedit_init(&ui.prompt.le);
	lineedit_init(&ui.longedit.le);
	ui.back_pane = -1;
	ui.newcomer = true;
	if (id && open_incident(&ui, id, &e)) {
		free(ui.root);
		lineedit_free(&ui.prompt.le);
		fprintf(stderr, "scribe: %s\n", e.msg);
		return e.code;
	}
	if ((rc = term_setup(&ui, opts, &lp)))
		return rc;

	while (!ui.quit) {
		ms_t now = clock_now();
		bool hangup = false;
		int timeout, wait;

		if (got_signal)
			break;
		if (got_tstp) {
			got_tstp = 0;
			suspend(&ui);
			lp.dirty = true;
		}
		watch_store(&ui, &lp, now);
		redraw(&ui, &lp);
		timeout = (int)(1000 - now % 1000);
		if (ui.inc && lp.watch < 0 && timeout > READ_EVERY_MS)
			timeout = READ_EVERY_MS;
		if (ui.inc && ui.loading)
			timeout = 0;	/* only look for keys between chunks */
		wait = keyread_timeout(&lp.kr, now);
		if (wait >= 0 && wait < timeout)
			timeout = wait;	/* a lone ESC becomes Esc then */
		rc = wait_input(timeout, lp.watch, &hangup, &lp.keys, &lp.changed);
		if (hangup)
			break;
		if (rc < 0 && errno != EINTR)
			break;
		/* (interrupted: a resize may wait as a key) */
		if (!read_keys(&ui, &lp, rc < 0 || (rc > 0 && lp.keys)))
			break;
	}
	teardown(&ui, &lp);
	return 0;
}
