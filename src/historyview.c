/* The discussion and the history on screen: the comments drawn under a
 * selected card or action, and the history overlay (who changed what,
 * when, from what to what) for an event, a card, an action or the
 * incident.  The history is read back from the journals when the
 * overlay opens and dropped when it closes: nothing of it is kept while
 * the incident is open. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/discussion.h"
#include "scribe/edit.h"
#include "scribe/history.h"
#include "scribe/keys.h"
#include "scribe/paneutil.h"
#include "scribe/text.h"
#include "scribe/ui.h"

struct history_view {
	char title[160];
	struct change *v;	/* the changes, oldest first */
	size_t n;
	size_t top;		/* first change shown */
	int page;		/* changes that fit, at the last draw */
	struct history h;	/* the records the changes point into */
};

/* "11-27 10:07 dana: text" for comment c; "dana (edited): " once
 * edited, before the text, so that a cut line still shows it. */
static char *comment_line(const struct comment *c)
{
	char when[32];

	clock_format_local(c->time, "%m-%d %H:%M", when, sizeof(when));
	return xasprintf("%s %s%s: %s", when, c->author, c->edited ? " (edited)" : "", c->text);
}

/* Rows text takes wrapped in w columns. */
static int wrapped_rows(struct ui *ui, const char *text, int w)
{
	struct strbuf sb = STRBUF_INIT;
	size_t *starts, *lens, n;

	text_sanitize(&sb, text, strlen(text), TEXT_KEEP_NEWLINE | ui->text_flags);
	n = text_wrap(sb_str(&sb), sb.len, (size_t)(w > 1 ? w : 1), &starts, &lens);
	free(starts);
	free(lens);
	sb_free(&sb);
	return (int)n;
}

/* The comments on id that are not deleted, oldest first: a malloc'd
 * array, *n how many. */
static const struct comment **live_comments(struct ui *ui, const char *id, size_t *n)
{
	size_t all;
	const struct comment *c = incident_comments(ui->inc, id, &all);
	const struct comment **v = xreallocarray(NULL, all ? all : 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < all; i++)
		if (!c[i].deleted)
			v[(*n)++] = &c[i];
	return v;
}

int comments_draw(struct ui *ui, const char *id, int y, int x, int w, int max, enum area a)
{
	size_t n, first;
	const struct comment **c = live_comments(ui, id, &n);
	int rows = 0, need = 0, each[COMMENTS_SHOWN];
	char head[64];

	if (!n || max <= 0 || w <= 0) {
		free(c);
		return 0;
	}
	/* the latest that fit, at most COMMENTS_SHOWN, two rows each at most;
	 * when some are left out, a row says how many there are */
	for (first = n; first > 0 && n - first < COMMENTS_SHOWN; first--) {
		char *line = comment_line(c[first - 1]);
		int r = wrapped_rows(ui, line, w);

		free(line);
		r = r > 2 ? 2 : r;
		if (need + r + (first > 1) > max && first < n)
			break;
		each[n - first] = r;
		need += r;
	}
	if (first > 0 && rows < max) {
		snprintf(head, sizeof(head), "%zu comments; h shows all", n);
		rows += put_wrapped(ui, y + rows, x, w, 1, AREA_DIM, head);
	}
	for (size_t i = first; i < n && rows < max; i++) {
		char *line = comment_line(c[i]);
		int r = each[n - 1 - i];

		rows += put_wrapped(ui, y + rows, x, w, r < max - rows ? r : max - rows, a, line);
		free(line);
	}
	free(c);
	return rows;
}

/* What C and X act on, from the key to the prompt's answer: the card,
 * and the revs of its comments as listed. */
static struct {
	char on[ID_LEN];
	char **revs;
	size_t n;
	char rev[REV_LEN];	/* the one being edited */
} talk;

static void talk_set(const char *id, const struct comment *const *c, size_t n)
{
	for (size_t i = 0; i < talk.n; i++)
		free(talk.revs[i]);
	free(talk.revs);
	snprintf(talk.on, sizeof(talk.on), "%s", id);
	talk.revs = xcalloc(n ? n : 1, sizeof(*talk.revs));
	for (size_t i = 0; i < n; i++)
		talk.revs[i] = xstrdup(c[i]->rev);
	talk.n = n;
}

static void comment_edited(struct ui *ui, const char *text)
{
	struct error e = { 0 };
	int rc;

	if (!text)
		return;
	rc = edit_comment_change(ui->store, ui->inc, talk.on, talk.rev, text, false, &e);
	ui_saved(ui, rc, &e);
	if (!rc)
		ui_message(ui, false, "comment edited (h: history)");
}

static void comment_ask(struct ui *ui, const char *rev)
{
	size_t n;
	const struct comment *c = incident_comments(ui->inc, talk.on, &n);

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(c[i].rev, rev) && !c[i].deleted) {
			snprintf(talk.rev, sizeof(talk.rev), "%s", rev);
			ui_ask(ui, "Edit comment:", c[i].text, comment_edited);
			return;
		}
	}
	ui_message(ui, true, "that comment is gone (deleted meanwhile)");
}

static void comment_chosen(struct ui *ui, const bool *on)
{
	size_t pick = talk.n, ticked = 0;

	for (size_t i = 0; i < talk.n; i++)
		if (on[i] && ticked++ == 0)
			pick = i;
	if (ticked > 1)
		ui_message(ui, true, "tick one comment to edit, not %zu", ticked);
	else if (ticked == 1)
		comment_ask(ui, talk.revs[pick]);
}

static void comments_deleted(struct ui *ui, const bool *on)
{
	struct error e = { 0 };
	size_t done = 0;
	int rc = 0;

	for (size_t i = 0; i < talk.n && !rc; i++) {
		if (!on[i])
			continue;
		rc = edit_comment_change(ui->store, ui->inc, talk.on, talk.revs[i], NULL, true, &e);
		done += !rc;
	}
	if (!done && !rc)
		return;
	ui_saved(ui, rc, &e);
	if (!rc)
		ui_message(ui, false, "%zu comment%s deleted (h: history)", done, done == 1 ? "" : "s");
}

/* The live comments on id as checklist items, and talk set to them;
 * NULL (and a message) when there are none. */
static char **comment_items(struct ui *ui, const char *id, size_t *n, bool **on)
{
	const struct comment **c = live_comments(ui, id, n);
	char **items;

	if (!*n) {
		free(c);
		ui_message(ui, true, "no comments here: c adds one");
		return NULL;
	}
	talk_set(id, c, *n);
	items = xcalloc(*n, sizeof(*items));
	*on = xcalloc(*n, sizeof(**on));
	for (size_t i = 0; i < *n; i++)
		items[i] = comment_line(c[i]);
	free(c);
	return items;
}

static void items_free(char **items, size_t n, bool *on)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(on);
}

void comments_edit(struct ui *ui, const char *id)
{
	size_t n;
	bool *on = NULL;
	char **items = comment_items(ui, id, &n, &on);

	if (!items)
		return;
	if (n == 1)
		comment_ask(ui, talk.revs[0]);
	else
		ui_choose(ui, "Edit which comment? Space ticks it, Enter edits", (const char *const *)items, on, n,
			  comment_chosen);
	items_free(items, n, on);
}

void comments_delete(struct ui *ui, const char *id)
{
	size_t n;
	bool *on = NULL;
	char **items = comment_items(ui, id, &n, &on);

	if (!items)
		return;
	ui_choose(ui, "Delete which comments? Space ticks, Enter deletes them (kept in history)",
		  (const char *const *)items, on, n, comments_deleted);
	items_free(items, n, on);
}

void history_view_close(struct ui *ui)
{
	struct history_view *hv = ui->history;

	if (!hv)
		return;
	changes_free(hv->v, hv->n);
	history_free(&hv->h);
	free(hv);
	ui->history = NULL;
}

void history_view_open(struct ui *ui, const char *id, const char *what)
{
	struct history_view *hv = xcalloc(1, sizeof(*hv));
	struct error e = { 0 };
	size_t n;
	struct record *const *recs;

	history_view_close(ui);
	hv->h.only = id;
	if (store_scan(ui->store, id, history_take, &hv->h, &e) < 0) {
		ui_message(ui, true, "%s", e.msg);
		history_free(&hv->h);
		free(hv);
		return;
	}
	hv->h.only = NULL;
	history_finish(&hv->h);
	recs = history_of(&hv->h, id, &n);
	hv->v = history_changes(recs, n, ui->text_flags, &hv->n);
	snprintf(hv->title, sizeof(hv->title), "History of %s", what);
	ui->history = hv;
}

/* Rows change i takes in w columns. */
static int change_rows(struct ui *ui, const struct change *c, int w, int max, int y, bool draw)
{
	char when[32];
	char *line;
	int rows;

	clock_format_local(c->time, "%Y-%m-%d %H:%M:%S", when, sizeof(when));
	line = xasprintf("%s  %s  %s", when, c->author, c->what);
	if (draw) {
		rows = put_wrapped(ui, y, 1, w, max, AREA_HELP, line);
		/* the time and author in their colours, over the first row */
		ui_put(ui, y, 1, w, AREA_TIME, when);
	} else {
		struct strbuf sb = STRBUF_INIT;
		size_t *starts, *lens;

		text_sanitize(&sb, line, strlen(line), ui->text_flags);
		rows = (int)text_wrap(sb_str(&sb), sb.len, (size_t)w, &starts, &lens);
		free(starts);
		free(lens);
		sb_free(&sb);
	}
	free(line);
	return rows;
}

void history_view_draw(struct ui *ui)
{
	struct history_view *hv = ui->history;
	int top = 1, bottom = ui->rows - 2, x = 0, w = ui->cols, y;
	char foot[96];

	if (!hv || bottom <= top + 1 || w < 10)
		return;
	ui_fill(ui, top, x, w, AREA_TAB_ACTIVE);
	ui_put(ui, top, x + 1, w - 2, AREA_TAB_ACTIVE, hv->title);
	y = top + 1;
	if (!hv->n)
		y += put_wrapped(ui, y, x + 1, w - 2, bottom - y, AREA_DIM,
				 "no record of it in the journals (yet)");
	hv->page = 0;
	for (size_t i = hv->top; i < hv->n && y < bottom; i++) {
		ui_fill(ui, y, x, w, AREA_HELP);
		y += change_rows(ui, &hv->v[i], w - 2, bottom - y, y, true);
		hv->page++;
	}
	while (y < bottom)
		ui_fill(ui, y++, x, w, AREA_HELP);
	snprintf(foot, sizeof(foot), "%zu-%zu of %zu changes  Up/Down/PgUp/PgDn/Home/End scroll  Esc closes",
		 hv->n ? hv->top + 1 : 0, hv->top + (size_t)hv->page, hv->n);
	ui_fill(ui, bottom, x, w, AREA_STATUS);
	ui_put(ui, bottom, x + 1, w - 2, AREA_STATUS, foot);
}

/* The first change to show so that the last ones fill the screen. */
static size_t last_page(struct ui *ui, const struct history_view *hv)
{
	int rows = ui->rows - 4, w = ui->cols - 2;
	size_t i = hv->n;

	while (i > 0) {
		rows -= change_rows(ui, &hv->v[i - 1], w, 0, 0, false);
		if (rows < 0)
			break;
		i--;
	}
	return i;
}

void history_view_key(struct ui *ui, wint_t ch, bool is_char)
{
	struct history_view *hv = ui->history;
	size_t page = hv->page > 1 ? (size_t)hv->page - 1 : 1, end = last_page(ui, hv);

	if (!is_char && ch == KEY_RESIZE)
		return;
	/* the list keys, as in every list (and j, k); any other key closes */
	switch (keys_request((int)ch, is_char, CTX_BOARD)) {
	case REQ_DOWN:
		hv->top++;
		break;
	case REQ_UP:
		hv->top = hv->top ? hv->top - 1 : 0;
		break;
	case REQ_PAGE_DOWN:
		hv->top += page;
		break;
	case REQ_PAGE_UP:
		hv->top = hv->top > page ? hv->top - page : 0;
		break;
	case REQ_FIRST:
		hv->top = 0;
		break;
	case REQ_LAST:
		hv->top = end;
		break;
	default:
		history_view_close(ui);	/* Esc, q, h, Enter: any other key closes */
		return;
	}
	if (hv->top > end)
		hv->top = end;
}
