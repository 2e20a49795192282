/* The factor board, the action list and the summary: what the team
 * builds after the outage.  Here they show their data, add with `a` and
 * rename with `e`/Enter; the retrospective's full editing comes on top. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/edit.h"
#include "scribe/text.h"
#include "scribe/ui.h"

struct list {
	size_t sel, top;
};

static struct list *list_of(struct pane *p)
{
	if (!p->state)
		p->state = xcalloc(1, sizeof(struct list));
	return p->state;
}

static void list_move(struct list *l, enum request req, size_t n, int page)
{
	switch (req) {
	case REQ_UP: if (l->sel) l->sel--; break;
	case REQ_DOWN: if (l->sel + 1 < n) l->sel++; break;
	case REQ_PAGE_UP: l->sel = l->sel > (size_t)page ? l->sel - (size_t)page : 0; break;
	case REQ_PAGE_DOWN: l->sel = l->sel + (size_t)page < n ? l->sel + (size_t)page : (n ? n - 1 : 0); break;
	case REQ_FIRST: l->sel = 0; break;
	case REQ_LAST: l->sel = n ? n - 1 : 0; break;
	default: break;
	}
}

static void list_clamp(struct list *l, size_t n, int rows)
{
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
}

/* ---- factors ---- */

static size_t live_factors(struct ui *ui, struct factor **out)
{
	size_t n = 0;

	for (size_t i = 0; i < ui->inc->nfactors; i++)
		if (!ui->inc->factors[i]->deleted) {
			if (out)
				out[n] = ui->inc->factors[i];
			n++;
		}
	return n;
}

static void factors_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct list *l = list_of(p);
	size_t n = live_factors(ui, NULL), row = 0;
	struct factor **v = xcalloc(n ? n : 1, sizeof(*v));
	const char *cat = NULL;
	int y = r.y;

	live_factors(ui, v);
	incident_sort(ui->inc);
	ui_put(ui, y++, r.x, r.w, AREA_TITLE, "Contributing factors  (a add, e edit)");
	if (!n)
		ui_put(ui, y + 1, r.x + 2, r.w - 4, AREA_DIM, "No factors yet: press a to add one.");
	list_clamp(l, n, (r.h - 1) / 2);
	for (size_t i = l->top; i < n && y < r.y + r.h; i++) {
		char buf[64];
		int x = r.x + 2;
		bool sel = focused && i == l->sel;

		if (!cat || strcmp(cat, v[i]->category)) {
			cat = v[i]->category;
			ui_put(ui, y++, r.x, r.w, AREA_KIND, cat);
			if (y >= r.y + r.h)
				break;
		}
		ui_fill(ui, y, r.x, r.w, sel ? AREA_SELECTED : AREA_NORMAL);
		x += ui_put(ui, y, x, r.w - 2, sel ? AREA_SELECTED : AREA_TITLE, v[i]->title);
		if (v[i]->events && v[i]->events->n) {
			snprintf(buf, sizeof(buf), "  (%zu event%s)", v[i]->events->n, v[i]->events->n == 1 ? "" : "s");
			x += ui_put(ui, y, x, r.x + r.w - x, sel ? AREA_SELECTED : AREA_DIM, buf);
		}
		if (v[i]->description && v[i]->description[0]) {
			x += ui_put(ui, y, x, r.x + r.w - x, sel ? AREA_SELECTED : AREA_DIM, "  ");
			ui_put(ui, y, x, r.x + r.w - x, sel ? AREA_SELECTED : AREA_DIM, v[i]->description);
		}
		y++;
		row++;
	}
	free(v);
}

static void factor_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		ui_saved(ui, edit_factor_add(ui->store, ui->inc, title, NULL, NULL, NULL, &e), &e);
}

static char editing_id[ID_LEN];

static void factor_renamed(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		ui_saved(ui, edit_factor_edit(ui->store, ui->inc, editing_id, title, NULL, &e), &e);
}

static bool factors_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct list *l = list_of(p);
	size_t n = live_factors(ui, NULL);
	struct factor **v;

	(void)ch;
	(void)is_char;
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_FIRST: case REQ_LAST:
		list_move(l, req, n, p->rect.h / 2);
		return true;
	case REQ_ADD:
		ui_ask(ui, "New factor:", "", factor_added);
		return true;
	case REQ_EDIT:
		if (!n)
			return true;
		v = xcalloc(n, sizeof(*v));
		live_factors(ui, v);
		snprintf(editing_id, sizeof(editing_id), "%s", v[l->sel < n ? l->sel : 0]->e.id);
		ui_ask(ui, "Factor title:", v[l->sel < n ? l->sel : 0]->title, factor_renamed);
		free(v);
		return true;
	default:
		return false;
	}
}

const struct pane_ops factors_ops = {
	.name = "factors",
	.ctx = CTX_BOARD,
	.draw = factors_draw,
	.key = factors_key,
};

/* ---- actions ---- */

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

static void actions_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct list *l = list_of(p);
	size_t n = live_actions(ui, NULL);
	struct action **v = xcalloc(n ? n : 1, sizeof(*v));
	int y = r.y;

	live_actions(ui, v);
	ui_put(ui, y++, r.x, r.w, AREA_TITLE, "Preventative actions  (a add, e edit)");
	if (!n)
		ui_put(ui, y + 1, r.x + 2, r.w - 4, AREA_DIM, "No actions yet: press a to add one.");
	list_clamp(l, n, r.h - 1);
	for (size_t i = l->top; i < n && y < r.y + r.h; i++, y++) {
		const struct action *a = v[i];
		bool sel = focused && i == l->sel;
		enum area base = sel ? AREA_SELECTED : AREA_NORMAL;
		char buf[160];
		int x = r.x;

		ui_fill(ui, y, r.x, r.w, base);
		snprintf(buf, sizeof(buf), "%s %s%-2d %-7s %-8s ", priority_names.names[a->priority],
			 ui_glyph(ui, "\xE2\x96\xB2", "+"), a->nup, action_status_names.names[a->status],
			 action_type_names.names[a->type]);
		x += ui_put(ui, y, x, r.w, sel ? AREA_SELECTED : AREA_KIND, buf);
		x += ui_put(ui, y, x, r.x + r.w - x, base, a->title);
		if (a->owner && a->owner[0]) {
			snprintf(buf, sizeof(buf), "  @%s", a->owner);
			x += ui_put(ui, y, x, r.x + r.w - x, sel ? AREA_SELECTED : AREA_AUTHOR, buf);
		}
		if (a->due && a->due[0]) {
			snprintf(buf, sizeof(buf), "  due %s", a->due);
			ui_put(ui, y, x, r.x + r.w - x, sel ? AREA_SELECTED : AREA_DIM, buf);
		}
	}
	free(v);
}

static void action_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		ui_saved(ui, edit_action_add(ui->store, ui->inc, title, ATYPE_PREVENT, PRIO_P2, NULL, &e), &e);
}

static void action_renamed(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		ui_saved(ui, edit_action_edit(ui->store, ui->inc, editing_id, title, NULL, NULL, &e), &e);
}

static bool actions_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct list *l = list_of(p);
	size_t n = live_actions(ui, NULL);
	struct action **v;

	(void)ch;
	(void)is_char;
	switch (req) {
	case REQ_UP: case REQ_DOWN: case REQ_PAGE_UP: case REQ_PAGE_DOWN: case REQ_FIRST: case REQ_LAST:
		list_move(l, req, n, p->rect.h - 2);
		return true;
	case REQ_ADD:
		ui_ask(ui, "New action:", "", action_added);
		return true;
	case REQ_EDIT:
		if (!n)
			return true;
		v = xcalloc(n, sizeof(*v));
		live_actions(ui, v);
		snprintf(editing_id, sizeof(editing_id), "%s", v[l->sel < n ? l->sel : 0]->e.id);
		ui_ask(ui, "Action title:", v[l->sel < n ? l->sel : 0]->title, action_renamed);
		free(v);
		return true;
	default:
		return false;
	}
}

const struct pane_ops actions_ops = {
	.name = "actions",
	.ctx = CTX_BOARD,
	.draw = actions_draw,
	.key = actions_key,
};

/* ---- summary ---- */

static int draw_field(struct ui *ui, int y, struct rect r, const char *label, const char *text)
{
	size_t *starts, *lens, n;
	struct strbuf sb = STRBUF_INIT;
	int rows = 0;

	if (y >= r.y + r.h)
		return 0;
	ui_put(ui, y, r.x, r.w, AREA_TITLE, label);
	rows++;
	text_sanitize(&sb, text && text[0] ? text : "-", text && text[0] ? strlen(text) : 1,
		      TEXT_KEEP_NEWLINE | ui->text_flags);
	n = text_wrap(sb.buf, sb.len, (size_t)(r.w > 6 ? r.w - 2 : 4), &starts, &lens);
	for (size_t i = 0; i < n && y + rows < r.y + r.h; i++, rows++)
		ui_putn(ui, y + rows, r.x + 2, r.w - 2, text && text[0] ? AREA_NORMAL : AREA_DIM,
			sb.buf + starts[i], lens[i]);
	free(starts);
	free(lens);
	sb_free(&sb);
	return rows;
}

static void summary_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	const struct incident_fields *in = &ui->inc->info;
	const struct durations *d = ui_durations(ui);
	char buf[256], a[32], b[32], c[32];
	int y = r.y;
	struct gap *gaps;
	size_t ngaps;

	(void)p;
	(void)focused;
	snprintf(buf, sizeof(buf), "SEV%d  %s  -  time to detect %s, mitigate %s, resolve %s", in->severity,
		 incident_status_names.names[in->status],
		 d->to_detect >= 0 ? clock_format_duration(d->to_detect, a, sizeof(a)) : "-",
		 d->to_mitigate >= 0 ? clock_format_duration(d->to_mitigate, b, sizeof(b)) : "-",
		 d->to_resolve >= 0 ? clock_format_duration(d->to_resolve, c, sizeof(c)) : "-");
	ui_put(ui, y++, r.x, r.w, AREA_TITLE, in->title);
	ui_put(ui, y++, r.x, r.w, AREA_NORMAL, buf);
	for (size_t i = 0; i < d->nwarnings && y < r.y + r.h; i++)
		ui_put(ui, y++, r.x, r.w, AREA_WARNING, d->warnings[i]);
	y++;
	y += draw_field(ui, y, r, "Impact", in->impact);
	y += draw_field(ui, y, r, "Apology", in->apology);
	y += draw_field(ui, y, r, "What happened", in->happened);
	y += draw_field(ui, y, r, "What went well", in->went_well);
	y += draw_field(ui, y, r, "Where we got lucky", in->lucky);
	gaps = incident_coverage(ui->inc, &ngaps);
	if (ngaps && y < r.y + r.h) {
		ui_put(ui, y++, r.x, r.w, AREA_TITLE, "Not yet covered");
		for (size_t i = 0; i < ngaps && y < r.y + r.h; i++) {
			snprintf(buf, sizeof(buf), "%s: ", gaps[i].type == REC_FACTOR ? "factor without action"
				 : "action without factor");
			ui_put(ui, y, r.x + 2, r.w - 2, AREA_WARNING, buf);
			ui_put(ui, y++, r.x + 2 + (int)strlen(buf), r.w - 2 - (int)strlen(buf), AREA_NORMAL,
			       gaps[i].title);
		}
	}
	free(gaps);
}

static bool summary_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	(void)ui;
	(void)p;
	(void)req;
	(void)ch;
	(void)is_char;
	return false;
}

const struct pane_ops summary_ops = {
	.name = "summary",
	.ctx = CTX_BOARD,
	.draw = summary_draw,
	.key = summary_key,
};
