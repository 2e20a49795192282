/* The incident picker: what `scribe` opens on.  Newest first, with
 * status, severity, title, last activity and who is in each now. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scribe/listview.h"
#include "scribe/picker.h"
#include "scribe/text.h"
#include "scribe/ui.h"

#define PICKER_READ_MS 2000

struct row {
	char *id, *title, *people;
	int severity;
	enum incident_status status;
	ms_t last;
};

struct picker {
	struct row *rows;
	size_t n;
	size_t *vis;		/* the rows the filter lets through */
	size_t nvis;
	struct listview lv;
	struct ui *ui;
	int idw;		/* the id column's width, as last drawn */
	struct lineedit filter;
	bool filtering;
	ms_t read_at;
	char new_title[256];
	struct listed *listed;	/* the summaries, read again only when changed */
	size_t nlisted;
};

static void rows_free(struct picker *pk)
{
	for (size_t i = 0; i < pk->n; i++) {
		free(pk->rows[i].id);
		free(pk->rows[i].title);
		free(pk->rows[i].people);
	}
	free(pk->rows);
	pk->rows = NULL;
	pk->n = 0;
}

static void load(struct picker *pk, struct ui *ui)
{
	struct listed *v;
	size_t n;
	struct error e = { 0 };

	pk->read_at = clock_now();
	if (store_list_again(ui->root, &pk->listed, &pk->nlisted, NULL, &e)) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	v = pk->listed;
	n = pk->nlisted;
	rows_free(pk);
	pk->rows = xcalloc(n ? n : 1, sizeof(*pk->rows));
	for (size_t i = 0; i < n; i++) {
		struct row *r = &pk->rows[i];
		struct store *s;
		struct strbuf who = STRBUF_INIT;
		const struct incident *inc = v[i].inc;

		r->id = xstrdup(inc->id);
		r->title = xstrdup(inc->info.title ? inc->info.title : "");
		r->severity = inc->info.severity;
		r->status = inc->info.status;
		r->last = inc->newest;
		if (!store_open(ui->root, r->id, &s, &e)) {
			struct presence *p;
			size_t np = store_presence(s, &p);

			for (size_t k = 0; k < np; k++)
				sb_addf(&who, "%s%s", k ? ", " : "", p[k].author);
			presence_free(p, np);
			store_close(s);
		}
		r->people = sb_detach(&who);
	}
	pk->n = n;
}

static const struct listview_source picker_rows;

/* The picker's state, made (and the incidents read) on first use. */
static struct picker *picker_of(struct ui *ui, struct pane *p)
{
	if (!p->state) {
		struct picker *pk = xcalloc(1, sizeof(struct picker));

		lineedit_init(&pk->filter);
		listview_init(&pk->lv, &picker_rows, pk);
		pk->ui = ui;
		p->state = pk;
		load(pk, ui);
	}
	return p->state;
}

static void picker_destroy(struct pane *p)
{
	struct picker *pk = p->state;

	if (!pk)
		return;
	rows_free(pk);
	free(pk->vis);
	lineedit_free(&pk->filter);
	store_listed_free(pk->listed, pk->nlisted);
}

static bool picker_tick(struct ui *ui, struct pane *p)
{
	struct picker *pk = picker_of(ui, p);

	if (clock_now() - pk->read_at < PICKER_READ_MS)
		return false;
	load(pk, ui);
	return true;
}

static bool matches(const struct picker *pk, const struct row *r)
{
	const char *f = lineedit_text(&pk->filter);

	return !f[0] || strcasestr(r->id, f) || strcasestr(r->title, f);
}

/* The rows the filter lets through (a few hundred incidents at most:
 * counted again whenever the list view asks). */
static size_t picker_count(void *ctx)
{
	struct picker *pk = ctx;

	pk->vis = xreallocarray(pk->vis, pk->n ? pk->n : 1, sizeof(*pk->vis));
	pk->nvis = 0;
	for (size_t i = 0; i < pk->n; i++)
		if (matches(pk, &pk->rows[i]))
			pk->vis[pk->nvis++] = i;
	return pk->nvis;
}

static const char *picker_id(void *ctx, size_t i)
{
	struct picker *pk = ctx;

	return pk->rows[pk->vis[i]].id;
}

static int picker_row(void *ctx, size_t i, int y, int max, bool sel)
{
	struct picker *pk = ctx;
	struct ui *ui = pk->ui;
	const struct row *r = &pk->rows[pk->vis[i]];
	enum area a = sel ? AREA_SELECTED : AREA_NORMAL;
	char ago[48], t[32], buf[256];
	int x;

	(void)max;
	y += 2;
	ui_fill(ui, y, 0, ui->cols, a);
	clock_format_duration(clock_now() - r->last, t, sizeof(t));
	snprintf(ago, sizeof(ago), "%s ago", t);
	x = ui_put(ui, y, 0, pk->idw, a, r->id);
	snprintf(buf, sizeof(buf), "%*s %-9s SEV%d %-11s ", pk->idw - x, "", incident_status_names.names[r->status],
		 r->severity, ago);
	x += ui_put(ui, y, x, ui->cols - x, a, buf);
	x += ui_put(ui, y, x, ui->cols - x, sel ? a : AREA_TITLE, r->title);
	if (r->people[0]) {
		snprintf(buf, sizeof(buf), "  [%s]", r->people);
		ui_put(ui, y, x, ui->cols - x, sel ? a : AREA_AUTHOR, buf);
	}
	return 1;
}

static const struct listview_source picker_rows = {
	.count = picker_count,
	.id = picker_id,
	.draw = picker_row,
};

static void picker_draw(struct ui *ui, struct pane *p, struct rect screen, bool focused)
{
	struct picker *pk = picker_of(ui, p);
	size_t n = picker_count(pk);
	int rows = ui->rows - 4;
	char buf[256];

	(void)screen;	/* the whole screen: ui->rows by ui->cols */
	(void)focused;
	pk->ui = ui;
	pk->idw = 12;
	{
		int tw = 0, fixed = 9 + 1 + 4 + 1 + 11 + 1;

		/* the titles are what people pick by: the id column gives way to
		 * them, down to the id's date */
		for (size_t i = 0; i < n; i++) {
			const struct row *r = &pk->rows[pk->vis[i]];
			struct strbuf sb = STRBUF_INIT;
			int w;

			text_sanitize(&sb, r->title, strlen(r->title), ui->text_flags);
			if (r->people[0])
				sb_addf(&sb, "  [%s]", r->people);
			w = (int)text_width(sb.buf, sb.len);
			sb_free(&sb);

			if ((int)strlen(r->id) > pk->idw)
				pk->idw = (int)strlen(r->id);
			if (w > tw)
				tw = w;
		}
		if (pk->idw + 1 + fixed + tw > ui->cols)
			pk->idw = ui->cols - 1 - fixed - tw;
		if (pk->idw < 11)
			pk->idw = 11;	/* "2026-11-26…" */
	}

	ui_fill(ui, 0, 0, ui->cols, AREA_TAB_ACTIVE);
	ui_put(ui, 0, 1, ui->cols - 2, AREA_TAB_ACTIVE, "scribe: incidents");
	snprintf(buf, sizeof(buf), "%-*s %-9s %-4s %-11s %s", pk->idw, "ID", "STATUS", "SEV", "ACTIVE", "TITLE");
	ui_put(ui, 1, 0, ui->cols, AREA_DIM, buf);
	if (!n)
		ui_put(ui, 3, 2, ui->cols - 4, AREA_DIM,
		       pk->n ? "No incident matches the filter." : "No incidents yet: press n to open one.");
	listview_draw(&pk->lv, rows, ui->cols, true);
	ui_fill(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS);
	if (pk->filtering || !lineedit_empty(&pk->filter)) {
		snprintf(buf, sizeof(buf), " filter: %s", lineedit_text(&pk->filter));
		ui_put(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS, buf);
	} else if (ui->msg[0] && clock_now() < ui->msg_until) {
		ui_put(ui, ui->rows - 1, 1, ui->cols - 2, ui->msg_error ? AREA_NOT_SAVED : AREA_STATUS, ui->msg);
	} else {
		static const enum request hints[] = { REQ_OPEN, REQ_NEW, REQ_FILTER, REQ_HELP, REQ_QUIT_LETTER };
		struct strbuf sb = STRBUF_INIT;

		sb_addc(&sb, ' ');
		keys_hints(&sb, CTX_PICKER, hints, ARRAY_SIZE(hints));
		ui_put(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS, sb_str(&sb));
		sb_free(&sb);
	}
}

/* ---- creating ---- */

static void got_severity(struct ui *ui, const char *answer)
{
	struct picker *pk = ui->panes[PANE_PICKER].state;
	struct error e = { 0 };
	char *created_id;
	int sev = 3;

	if (!answer)
		return;
	if (answer[0]) {
		sev = atoi(answer);
		if (sev < 1 || sev > 4 || strspn(answer, "0123456789 ") != strlen(answer)) {
			ui_message(ui, true, "severity is 1 (worst) to 4");
			ui_ask(ui, "Severity (1 worst .. 4) [3]:", "", got_severity);
			return;
		}
	}
	if (store_create(ui->root, pk->new_title, sev, clock_now(), &created_id, &e)) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	ui_open(ui, created_id);	/* in place of the picker */
	free(created_id);
}

static void got_title(struct ui *ui, const char *answer)
{
	struct picker *pk = ui->panes[PANE_PICKER].state;

	if (!answer || !answer[0])
		return;
	snprintf(pk->new_title, sizeof(pk->new_title), "%s", answer);
	ui_ask(ui, "Severity (1 worst .. 4) [3]:", "", got_severity);
}

static bool picker_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct picker *pk = picker_of(ui, p);
	char *id;

	if (pk->filtering) {
		if (is_char && (ch == 27 || ch == '\r' || ch == '\n')) {
			pk->filtering = false;
			if (ch == 27)
				lineedit_clear(&pk->filter);
			return true;
		}
		if (is_char && (ch == 127 || ch == 8)) {
			lineedit_backspace(&pk->filter);
			return true;
		}
		if (!is_char && ch == KEY_BACKSPACE) {
			lineedit_backspace(&pk->filter);
			return true;
		}
		if (is_char && ch >= 32) {
			lineedit_insert(&pk->filter, (uint32_t)ch);
			return true;
		}
	}
	if (listview_key(&pk->lv, req))
		return true;
	switch (req) {
	case REQ_OPEN:
		if (listview_selected(&pk->lv) != LISTVIEW_NONE) {
			id = xstrdup(listview_selected_id(&pk->lv));
			ui_open(ui, id);	/* this pane is gone once it opens */
			free(id);
			return true;
		}
		break;
	case REQ_NEW:
		ui_ask(ui, "Title of the new incident:", "", got_title);
		break;
	case REQ_FILTER:
		pk->filtering = true;
		break;
	case REQ_QUIT_LETTER:
		return false;
	default:
		if (is_char && ch == 27 && !lineedit_empty(&pk->filter)) {
			lineedit_clear(&pk->filter);
		} else if (is_char && ch > 32 && ch != 127) {
			/* any other letter starts the filter with itself */
			pk->filtering = true;
			lineedit_insert(&pk->filter, (uint32_t)ch);
		}
		break;
	}
	return true;
}

const struct pane_ops picker_ops = {
	.name = "incidents",
	.ctx = CTX_PICKER,
	.whole_screen = true,
	.draw = picker_draw,
	.key = picker_key,
	.tick = picker_tick,
	.destroy = picker_destroy,
};
