/* What the retrospective's panes (factors.c, actions.c, summary.c)
 * share: the target of a prompt, wrapped text and blame hints, the keys
 * of discussion and of the meeting, and what followers see. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/actions.h"
#include "scribe/blame.h"
#include "scribe/config.h"
#include "scribe/edit.h"
#include "scribe/factors.h"
#include "scribe/paneutil.h"
#include "scribe/summary.h"
#include "scribe/text.h"
#include "scribe/ui.h"

#define MAX_HITS 4

/* The entity a prompt or an overlay is about: one at a time. */
char target[ID_LEN];

/* While set, the put_* helpers count rows without drawing (to fit the
 * selected card on screen before drawing the column). */
bool measuring;

void saved(struct ui *ui, int rc, const struct error *e, const char *done)
{
	ui_saved(ui, rc, e);
	if (!rc && done)
		ui_message(ui, false, "%s", done);
}

/* Draws text wrapped in width from (y, x), at most max rows; returns the
 * rows used. */
int put_wrapped(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text)
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
bool talk_key(struct ui *ui, enum request req, const char *kind, const char *id, const char *title)
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
 * name as the subject of a failure is flagged too: the first MAX_NAMES
 * the model has listed, NULL-ended. */
static const char *const *people(struct ui *ui)
{
	static const char *names[MAX_NAMES + 1];
	size_t n;
	const char *const *v = incident_authors(ui->inc, &n);

	/* the model lists them as records come: nothing to walk */
	if (n > MAX_NAMES)
		n = MAX_NAMES;
	for (size_t i = 0; i < n; i++)
		names[i] = v[i];
	names[n] = NULL;
	return names;
}

/* The blame hints for text, one line each: "⚠ "should have": what...". */
int put_hints(struct ui *ui, int y, int x, int w, int max, enum area a, const char *text)
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

static void timeboxed(struct ui *ui, const char *spec)
{
	if (spec && ui_set_timebox(ui, spec))
		ui_message(ui, true, "a timebox is a duration like 10m, 90s, 1h30m, or off");
}

/* Whether req would change the incident (refused to a follower); moving
 * around, jumping to events and quitting would not. */
bool changes(enum request req)
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
bool meeting_key(struct ui *ui, enum request req)
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

bool ask_export(struct ui *ui)
{
	char *def = xasprintf("%s.md", ui->inc->id);

	ui_ask(ui, "Write the report to:", def, exported);
	free(def);
	return true;
}
/* What was just edited is highlighted, in its column or in the list. */
void show_target(struct ui *ui)
{
	if (incident_action(ui->inc, target))
		actions_select_id(ui, &ui->panes[PANE_ACTIONS], target);
	else if (incident_factor(ui->inc, target))
		factors_select_id(ui, &ui->panes[PANE_FACTORS], target);
}

/* ---- what followers see ---- */

const char *board_selected_id(struct ui *ui, struct pane *p)
{
	if (p->ops == &factors_ops)
		return factors_selected_id(ui, p);
	if (p->ops == &actions_ops)
		return actions_selected_id(ui, p);
	return summary_selected_id(ui, p);
}

void board_select_id(struct ui *ui, struct pane *p, const char *id)
{
	if (p->ops == &factors_ops) {
		factors_select_id(ui, p, id);
	} else if (p->ops == &actions_ops) {
		actions_select_id(ui, p, id);
	} else {
		summary_select_id(ui, p, id);
	}
}
