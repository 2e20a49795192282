/* The incident picker: what `scribe` opens on.  Newest first, with
 * status, severity, title, last activity and who is in each now. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scribe/text.h"
#include "scribe/ui.h"

#define PICKER_READ_MS 2000

struct row {
	char *id, *title, *people;
	int severity;
	enum incident_status status;
	ms_t last;
};

static struct {
	struct row *rows;
	size_t n;
	size_t sel, top;
	struct lineedit filter;
	bool filtering;
	ms_t read_at;
	char new_title[256];
} pk;

static void rows_free(void)
{
	for (size_t i = 0; i < pk.n; i++) {
		free(pk.rows[i].id);
		free(pk.rows[i].title);
		free(pk.rows[i].people);
	}
	free(pk.rows);
	pk.rows = NULL;
	pk.n = 0;
}

static void load(struct ui *ui)
{
	struct incident **v;
	size_t n;
	struct error e = { 0 };

	pk.read_at = clock_now();
	if (store_list(ui->root, &v, &n, NULL, &e)) {
		ui_message(ui, true, "%s", e.msg);
		return;
	}
	rows_free();
	pk.rows = xcalloc(n ? n : 1, sizeof(*pk.rows));
	for (size_t i = 0; i < n; i++) {
		struct row *r = &pk.rows[i];
		struct store *s;
		struct strbuf who = STRBUF_INIT;

		r->id = xstrdup(v[i]->id);
		r->title = xstrdup(v[i]->info.title ? v[i]->info.title : "");
		r->severity = v[i]->info.severity;
		r->status = v[i]->info.status;
		for (size_t k = 0; k < v[i]->nrecs; k++)
			if (v[i]->recs[k]->time > r->last)
				r->last = v[i]->recs[k]->time;
		if (!store_open(ui->root, r->id, &s, &e)) {
			struct presence *p;
			size_t np = store_presence(s, &p);

			for (size_t k = 0; k < np; k++)
				sb_addf(&who, "%s%s", k ? ", " : "", p[k].author);
			presence_free(p, np);
			store_close(s);
		}
		r->people = sb_detach(&who);
		incident_free(v[i]);
	}
	free(v);
	pk.n = n;
}

void picker_init(struct ui *ui)
{
	lineedit_init(&pk.filter);
	load(ui);
}

void picker_free(void)
{
	rows_free();
	lineedit_free(&pk.filter);
	memset(&pk, 0, sizeof(pk));
}

bool picker_tick(struct ui *ui)
{
	if (clock_now() - pk.read_at < PICKER_READ_MS)
		return false;
	load(ui);
	return true;
}

static bool matches(const struct row *r)
{
	const char *f = lineedit_text(&pk.filter);

	return !f[0] || strcasestr(r->id, f) || strcasestr(r->title, f);
}

/* The filtered rows' indexes; returns their count. */
static size_t visible(size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < pk.n; i++)
		if (matches(&pk.rows[i]))
			out[n++] = i;
	return n;
}

void picker_draw(struct ui *ui)
{
	size_t *vis = xcalloc(pk.n ? pk.n : 1, sizeof(size_t)), n = visible(vis);
	int rows = ui->rows - 4, y = 2, idw = 12;
	char buf[256];

	int tw = 0, fixed = 9 + 1 + 4 + 1 + 11 + 1;

	/* the titles are what people pick by: the id column gives way to
	 * them, down to the id's date */
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &pk.rows[vis[i]];
		struct strbuf sb = STRBUF_INIT;
		int w;

		text_sanitize(&sb, r->title, strlen(r->title), ui->text_flags);
		if (r->people[0])
			sb_addf(&sb, "  [%s]", r->people);
		w = (int)text_width(sb.buf, sb.len);
		sb_free(&sb);

		if ((int)strlen(r->id) > idw)
			idw = (int)strlen(r->id);
		if (w > tw)
			tw = w;
	}
	if (idw + 1 + fixed + tw > ui->cols)
		idw = ui->cols - 1 - fixed - tw;
	if (idw < 11)
		idw = 11;	/* "2026-11-26…" */

	ui_fill(ui, 0, 0, ui->cols, AREA_TAB_ACTIVE);
	ui_put(ui, 0, 1, ui->cols - 2, AREA_TAB_ACTIVE, "scribe: incidents");
	snprintf(buf, sizeof(buf), "%-*s %-9s %-4s %-11s %s", idw, "ID", "STATUS", "SEV", "ACTIVE", "TITLE");
	ui_put(ui, 1, 0, ui->cols, AREA_DIM, buf);
	if (pk.sel >= n)
		pk.sel = n ? n - 1 : 0;
	if (pk.sel < pk.top)
		pk.top = pk.sel;
	if (rows > 0 && pk.sel >= pk.top + (size_t)rows)
		pk.top = pk.sel - (size_t)rows + 1;
	if (!n)
		ui_put(ui, 3, 2, ui->cols - 4, AREA_DIM,
		       pk.n ? "No incident matches the filter." : "No incidents yet: press n to open one.");
	for (size_t i = pk.top; i < n && y < 2 + rows; i++, y++) {
		const struct row *r = &pk.rows[vis[i]];
		bool sel = i == pk.sel;
		enum area a = sel ? AREA_SELECTED : AREA_NORMAL;
		char ago[48], t[32];
		int x;

		ui_fill(ui, y, 0, ui->cols, a);
		clock_format_duration(clock_now() - r->last, t, sizeof(t));
		snprintf(ago, sizeof(ago), "%s ago", t);
		x = ui_put(ui, y, 0, idw, a, r->id);
		snprintf(buf, sizeof(buf), "%*s %-9s SEV%d %-11s ", idw - x, "", incident_status_names.names[r->status],
			 r->severity, ago);
		x += ui_put(ui, y, x, ui->cols - x, a, buf);
		x += ui_put(ui, y, x, ui->cols - x, sel ? a : AREA_TITLE, r->title);
		if (r->people[0]) {
			snprintf(buf, sizeof(buf), "  [%s]", r->people);
			ui_put(ui, y, x, ui->cols - x, sel ? a : AREA_AUTHOR, buf);
		}
	}
	ui_fill(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS);
	if (pk.filtering || !lineedit_empty(&pk.filter)) {
		snprintf(buf, sizeof(buf), " filter: %s", lineedit_text(&pk.filter));
		ui_put(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS, buf);
	} else if (ui->msg[0] && clock_now() < ui->msg_until) {
		ui_put(ui, ui->rows - 1, 1, ui->cols - 2, ui->msg_error ? AREA_NOT_SAVED : AREA_STATUS, ui->msg);
	} else {
		ui_put(ui, ui->rows - 1, 0, ui->cols, AREA_STATUS,
		       " Enter open  n new  type to filter  F1 help  q quit");
	}
	free(vis);
}

/* ---- creating ---- */

static char *created_id;

static void got_severity(struct ui *ui, const char *answer)
{
	struct error e = { 0 };
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
	if (store_create(ui->root, pk.new_title, sev, clock_now(), &created_id, &e))
		ui_message(ui, true, "%s", e.msg);
}

static void got_title(struct ui *ui, const char *answer)
{
	if (!answer || !answer[0])
		return;
	snprintf(pk.new_title, sizeof(pk.new_title), "%s", answer);
	ui_ask(ui, "Severity (1 worst .. 4) [3]:", "", got_severity);
}

char *picker_created(void)
{
	char *id = created_id;

	created_id = NULL;
	return id;
}

bool picker_key(struct ui *ui, wint_t ch, bool is_char, char **open_id)
{
	size_t *vis, n;
	enum request req = keys_request((int)ch, is_char, CTX_PICKER);

	if (pk.filtering) {
		if (is_char && (ch == 27 || ch == '\r' || ch == '\n')) {
			pk.filtering = false;
			if (ch == 27)
				lineedit_clear(&pk.filter);
			return true;
		}
		if (is_char && (ch == 127 || ch == 8)) {
			lineedit_backspace(&pk.filter);
			return true;
		}
		if (!is_char && ch == KEY_BACKSPACE) {
			lineedit_backspace(&pk.filter);
			return true;
		}
		if (is_char && ch >= 32) {
			lineedit_insert(&pk.filter, (uint32_t)ch);
			pk.sel = 0;
			return true;
		}
	}
	vis = xcalloc(pk.n ? pk.n : 1, sizeof(size_t));
	n = visible(vis);
	switch (req) {
	case REQ_UP: if (pk.sel) pk.sel--; break;
	case REQ_DOWN: if (pk.sel + 1 < n) pk.sel++; break;
	case REQ_PAGE_UP: pk.sel = pk.sel > 10 ? pk.sel - 10 : 0; break;
	case REQ_PAGE_DOWN: pk.sel = pk.sel + 10 < n ? pk.sel + 10 : (n ? n - 1 : 0); break;
	case REQ_FIRST: pk.sel = 0; break;
	case REQ_LAST: pk.sel = n ? n - 1 : 0; break;
	case REQ_OPEN:
		if (n)
			*open_id = xstrdup(pk.rows[vis[pk.sel]].id);
		break;
	case REQ_NEW:
		ui_ask(ui, "Title of the new incident:", "", got_title);
		break;
	case REQ_FILTER:
		pk.filtering = true;
		break;
	case REQ_QUIT_LETTER:
		free(vis);
		return false;
	default:
		if (is_char && ch == 27 && !lineedit_empty(&pk.filter)) {
			lineedit_clear(&pk.filter);
		} else if (is_char && ch > 32 && ch != 127) {
			/* any other letter starts the filter with itself */
			pk.filtering = true;
			lineedit_insert(&pk.filter, (uint32_t)ch);
			pk.sel = 0;
		}
		break;
	}
	free(vis);
	return true;
}
