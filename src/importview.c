#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/import.h"
#include "scribe/text.h"
#include "scribe/ui.h"

/* /import FILE in the program: the events the file would add, each with
 * its time, author and first line, in a checklist (all ticked); Enter
 * adds the ticked ones as one journal, as `scribe import` does. */

/* The import waiting for the checklist's answer.  The checklist is one
 * at a time and its callback takes no context (as the board's links),
 * so this is the one place that remembers it. */
static struct {
	struct import_set set;
	size_t *rows;		/* checklist row -> item */
	size_t n;
	char *zone;
	bool registered;
} pending;

static void pending_free(void)
{
	import_set_free(&pending.set);
	free(pending.rows);
	pending.rows = NULL;
	pending.n = 0;
	free(pending.zone);
	pending.zone = NULL;
}

static void import_chosen(struct ui *ui, const bool *on)
{
	struct record **recs = xreallocarray(NULL, pending.n ? pending.n : 1, sizeof(*recs));
	struct error e = { 0 };
	ms_t now = clock_now();
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < pending.n; i++)
		if (on[i])
			recs[n++] = import_record(&pending.set, &pending.set.v[pending.rows[i]], store_author(), now);
	rc = store_commit_all(ui->store, ui->inc, recs, n, &e);
	if (rc) {
		for (size_t i = 0; i < n; i++)
			record_free(recs[i]);
	}
	ui_saved(ui, rc, &e);
	if (!rc)
		ui_message(ui, false, "imported %zu of %zu events from %s%s%s", n, pending.n, pending.set.source,
			   pending.set.zoneless ? "; times without a zone read in " : "",
			   pending.set.zoneless ? pending.zone : "");
	free(recs);
	pending_free();
}

void ui_import(struct ui *ui, const char *arg)
{
	struct import_opts o = { .format = IMPORT_AUTO, .kind = KIND_NOTE, .now = clock_now() };
	struct diags d = { 0 };
	struct error e = { 0 };
	const char *tz = getenv("TZ");
	char *path, *home = getenv("HOME"), **lines;
	bool *on;
	size_t byw = 0;
	int rc;

	if (ui_read_only(ui))
		return;
	/* "/import #channel FOLDER" picks a channel of a Slack export */
	if (arg[0] == '#') {
		size_t w = strcspn(arg, " ");
		static char channel[128];

		snprintf(channel, sizeof(channel), "%.*s", (int)(w < sizeof(channel) ? w : sizeof(channel) - 1), arg);
		o.channel = channel;
		arg += w;
		arg += strspn(arg, " ");
	}
	if (!arg[0]) {
		ui_message(ui, true, "/import FILE (a log, journalctl -o json, JSON lines) or /import #CHANNEL EXPORT (a Slack export: its folder or .zip)");
		return;
	}
	if (!pending.registered) {
		atexit(pending_free);
		pending.registered = true;
	}
	pending_free();
	path = arg[0] == '~' && arg[1] == '/' && home ? xasprintf("%s%s", home, arg + 1) : xstrdup(arg);
	pending.zone = xstrdup(tz && tz[0] ? tz : "the system's zone");
	o.zone = pending.zone;
	rc = import_read(path, &o, &pending.set, &d, &e);
	free(path);
	if (rc) {
		const struct diag *g = NULL;

		for (size_t i = 0; i < d.n && !g; i++)
			if (d.v[i].level == DIAG_ERROR)
				g = &d.v[i];
		if (g)
			ui_message(ui, true, "%s:%d:%d: %s (nothing imported)", g->file, g->line, g->col, g->msg);
		else
			ui_message(ui, true, "%s", e.msg);
		diags_free(&d);
		pending_free();
		return;
	}
	diags_free(&d);
	import_mark_known(&pending.set, ui->inc);
	pending.rows = xreallocarray(NULL, pending.set.n ? pending.set.n : 1, sizeof(*pending.rows));
	lines = xcalloc(pending.set.n ? pending.set.n : 1, sizeof(*lines));
	/* authors in a column as wide as the widest (up to 16) */
	for (size_t i = 0; i < pending.set.n; i++) {
		size_t w = text_width(pending.set.v[i].by, strlen(pending.set.v[i].by));

		if (!pending.set.v[i].known && w > byw)
			byw = w > 16 ? 16 : w;
	}
	for (size_t i = 0; i < pending.set.n; i++) {
		const struct import_item *it = &pending.set.v[i];
		struct strbuf sb = STRBUF_INIT;
		size_t w, fit;
		char t[32];

		if (it->known)
			continue;
		clock_format_local(it->at, "%m-%d %H:%M:%S", t, sizeof(t));
		fit = text_fit(it->by, strlen(it->by), byw, &w);
		sb_addf(&sb, "%s  %.*s%*s  %-9s %.*s", t, (int)fit, it->by, (int)(byw - w), "",
			kind_names.names[it->kind], (int)strcspn(it->text, "\n"), it->text);
		lines[pending.n] = sb_detach(&sb);
		pending.rows[pending.n++] = i;
	}
	if (!pending.n) {
		ui_message(ui, false, "nothing new in %s (%zu already there)", pending.set.source, pending.set.known);
		free(lines);
		pending_free();
		return;
	}
	on = xcalloc(pending.n, sizeof(*on));
	for (size_t i = 0; i < pending.n; i++)
		on[i] = true;
	{
		char title[160];

		snprintf(title, sizeof(title), "Import %zu events from %s (%zu already there)", pending.n,
			 pending.set.source, pending.set.known);
		ui_choose(ui, title, (const char *const *)lines, on, pending.n, import_chosen);
	}
	for (size_t i = 0; i < pending.n; i++)
		free(lines[i]);
	free(lines);
	free(on);
}
