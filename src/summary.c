/* The summary: the incident's title, severity, status and the fields
 * of the report, one under another.  Everything saves as it changes
 * (through edit.c); changes by others arrive through the main loop like
 * any record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/edit.h"
#include "scribe/listview.h"
#include "scribe/paneutil.h"
#include "scribe/summary.h"
#include "scribe/text.h"
#include "scribe/ui.h"

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

	if (ui->loading) {
		/* the markers and the first event may be in what is still to read */
		const char *more = ui_glyph(ui, "\xE2\x80\xA6", "...");

		sb_addf(&head, "time to detect %s, mitigate %s, resolve %s (loading)", more, more, more);
	} else {
		sb_addf(&head, "time to detect %s, mitigate %s, resolve %s",
			d->to_detect >= 0 ? clock_format_duration(d->to_detect, a, sizeof(a)) : "-",
			d->to_mitigate >= 0 ? clock_format_duration(d->to_mitigate, b, sizeof(b)) : "-",
			d->to_resolve >= 0 ? clock_format_duration(d->to_resolve, c, sizeof(c)) : "-");
	}
	if (!ui->present && !ui->follow) {
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

const char *summary_selected_id(struct ui *ui, struct pane *p)
{
	return listview_selected_id(&summary_of(ui, p)->lv);
}

void summary_select_id(struct ui *ui, struct pane *p, const char *id)
{
	listview_select(&summary_of(ui, p)->lv, id);
}
