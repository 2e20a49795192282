#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/clock.h"
#include "scribe/discussion.h"
#include "scribe/history.h"
#include "scribe/model.h"
#include "scribe/report.h"
#include "scribe/text.h"

#define DURATION_LEN 32
#define LOCAL_LEN 64

/* Markers as they stand out in both outputs: "STARTED", "DETECTED"... */
static void add_marker_upper(struct strbuf *out, enum marker m)
{
	for (const char *p = enum_name(&marker_names, m); *p; p++)
		sb_addc(out, (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
}

static bool has_text(const char *s)
{
	return s && s[0];
}

/* ---- scribe show ---- */

/* The first live event's time, else the creation time: the moment whose
 * zone abbreviation names the zone of the whole listing. */
static ms_t first_time(const struct incident *inc)
{
	for (size_t i = 0; i < inc->nevents; i++)
		if (!inc->events[i]->deleted)
			return inc->events[i]->at;
	return inc->info.created >= 0 ? inc->info.created : 0;
}

/* Appends sanitized text; continuation lines start at column indent.
 * Empty continuation lines get no indent (no trailing blanks), and
 * trailing newlines are dropped. */
static void show_text(struct strbuf *out, const char *text, size_t indent, unsigned flags)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p, *nl;

	text_sanitize(&clean, text, strlen(text), TEXT_KEEP_NEWLINE | flags);
	while (clean.len && clean.buf[clean.len - 1] == '\n')
		clean.buf[--clean.len] = '\0';
	if (!clean.len) {
		sb_adds(out, "(mark)");
		sb_free(&clean);
		return;
	}
	for (p = clean.buf; (nl = strchr(p, '\n')); p = nl + 1) {
		sb_add(out, p, (size_t)(nl - p));
		sb_addc(out, '\n');
		if (nl[1] != '\n')
			for (size_t i = 0; i < indent; i++)
				sb_addc(out, ' ');
	}
	sb_adds(out, p);
	sb_free(&clean);
}

static void show_event(struct strbuf *out, const struct incident *inc, const struct event *ev, unsigned flags)
{
	const char *by = event_by(inc, ev);
	char when[LOCAL_LEN];
	size_t start = out->len;

	clock_format_local(ev->at, "%Y-%m-%d %H:%M:%S", when, sizeof(when));
	if (clock_display() == CLOCK_BOTH) {
		char utc[CLOCK_UTC_LEN];

		/* the display zone, then UTC: "14:03:00 (13:03:00Z)" */
		clock_format_utc(ev->at, utc);
		sb_addf(out, "%s (%.8sZ)  %-9s  ", when, utc + 11, enum_name(&kind_names, ev->kind));
	} else {
		sb_addf(out, "%s  %-9s  ", when, enum_name(&kind_names, ev->kind));
	}
	text_sanitize(out, by ? by : "", by ? strlen(by) : 0, flags);
	sb_adds(out, ": ");
	if (ev->marker != MARKER_NONE) {
		sb_addc(out, '[');
		add_marker_upper(out, ev->marker);
		sb_adds(out, "] ");
	}
	if (ev->star)
		sb_adds(out, "* ");
	if (ev->causal)
		sb_adds(out, "(causal) ");
	if (ev->deleted)
		sb_adds(out, "(deleted) ");
	if (ev->internal)
		sb_adds(out, "(internal) ");
	show_text(out, ev->text ? ev->text : "",
		  text_width(out->buf + start, out->len - start), flags);
	if (event_edited(ev))
		sb_adds(out, " (edited)");
	sb_addc(out, '\n');
}

static void show_cards(struct strbuf *out, struct incident *inc, const struct history *h, unsigned flags);

/* The timeline as text; with h, every change under what it changed. */
static void show(struct strbuf *out, struct incident *inc, const struct history *h, unsigned text_flags)
{
	static const char *const names[] = { "detect", "mitigate", "resolve" };
	const char *title = inc->info.title ? inc->info.title : "";
	char zone[LOCAL_LEN], dur[DURATION_LEN];
	struct durations d;
	ms_t known[3];
	bool any = false;

	text_sanitize(out, inc->id, strlen(inc->id), text_flags);
	sb_adds(out, ": ");
	text_sanitize(out, title, strlen(title), text_flags);
	clock_format_local(first_time(inc), "%Z", zone, sizeof(zone));
	sb_addf(out, "\nseverity %d, %s, %zu events, times in %s%s\n", inc->info.severity,
		enum_name(&incident_status_names, (int)inc->info.status),
		incident_count_events(inc), zone, clock_display() == CLOCK_BOTH ? " and UTC" : "");
	if (h)
		history_show(out, h, inc->id, text_flags);

	if (h ? inc->nevents > 0 : incident_count_events(inc) > 0)
		sb_addc(out, '\n');
	for (size_t i = 0; i < inc->nevents; i++) {
		if (inc->events[i]->deleted && !h)
			continue;
		show_event(out, inc, inc->events[i], text_flags);
		if (h)
			history_show(out, h, inc->events[i]->e.id, text_flags);
	}

	/* A warning is shown even when no duration is known: "no event is
	 * marked started" is exactly the case that leaves them unknown. */
	incident_durations(inc, &d);
	known[0] = d.to_detect;
	known[1] = d.to_mitigate;
	known[2] = d.to_resolve;
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		any |= known[i] >= 0;
	if (any || d.nwarnings)
		sb_addc(out, '\n');
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (known[i] >= 0)
			sb_addf(out, "time to %s: %s\n", names[i],
				clock_format_duration(known[i], dur, sizeof(dur)));
	for (size_t i = 0; i < d.nwarnings; i++) {
		sb_adds(out, "warning: ");
		text_sanitize(out, d.warnings[i], strlen(d.warnings[i]), text_flags);
		sb_addc(out, '\n');
	}
	durations_free(&d);
	if (h)
		show_cards(out, inc, h, text_flags);
}

void report_show(struct strbuf *out, struct incident *inc, unsigned text_flags)
{
	show(out, inc, NULL, text_flags);
}

void report_show_history(struct strbuf *out, struct incident *inc, const struct history *h,
			 unsigned text_flags)
{
	show(out, inc, h, text_flags);
}

/* Factors, then actions, deleted ones too, each with its changes. */
static void show_cards(struct strbuf *out, struct incident *inc, const struct history *h, unsigned flags)
{
	incident_sort(inc);
	for (size_t i = 0; i < inc->nfactors; i++) {
		const struct factor *f = inc->factors[i];
		const char *title = f->title ? f->title : "";

		if (!i)
			sb_adds(out, "\nFactors:\n");
		sb_addf(out, "%s  ", f->e.id);
		text_sanitize(out, f->category, strlen(f->category), flags);
		sb_adds(out, ": ");
		if (f->deleted)
			sb_adds(out, "(deleted) ");
		text_sanitize(out, title, strlen(title), flags);
		sb_addc(out, '\n');
		history_show(out, h, f->e.id, flags);
	}
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];
		const char *title = a->title ? a->title : "";

		if (!i)
			sb_adds(out, "\nActions:\n");
		sb_addf(out, "%s  %s %s: ", a->e.id, enum_name(&priority_names, (int)a->priority),
			enum_name(&action_status_names, (int)a->status));
		if (a->deleted)
			sb_adds(out, "(deleted) ");
		text_sanitize(out, title, strlen(title), flags);
		sb_addc(out, '\n');
		history_show(out, h, a->e.id, flags);
	}
}

/* ---- scribe export (markdown) ---- */

#define LABEL_COLS 48	/* a moment's text in the diagram */

struct md {
	struct strbuf *out;
	const struct incident *inc;
	struct durations d;
	bool public;		/* REPORT_PUBLIC */
	bool authors;		/* not REPORT_NO_AUTHORS */
	bool utc_days;		/* events span several UTC dates: show them */
	bool local_days;	/* the same in the display zone */
	size_t *evidence;	/* per event (by position): its number in the
				 * evidence appendix, 0 when it has none */
	size_t nevidence;
};

/* User text, escaped; NULL is empty. */
static void md_text(struct strbuf *out, const char *s, bool keep_newlines)
{
	if (has_text(s))
		text_markdown_escape(out, s, keep_newlines);
}

/* Whether the report shows ev at all: internal events stay out of the
 * public one. */
static bool md_shown(const struct md *m, const struct event *ev)
{
	return !ev->deleted && !(m->public && ev->internal);
}

/* Text of more than one line (piped command output, a pasted log): it
 * goes verbatim into a code block, not into a table cell. */
static bool multiline(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && s[n - 1] == '\n')
		n--;
	return n && memchr(s, '\n', n);
}

/* "14:03", or "2026-11-26 14:03" when the timeline spans several UTC
 * dates; seconds too when with_seconds. */
static void md_utc(struct md *m, ms_t t, bool with_seconds)
{
	char buf[CLOCK_UTC_LEN];

	clock_format_utc(t, buf);	/* 2026-11-26T14:03:00.000Z */
	if (m->utc_days) {
		sb_add(m->out, buf, 10);
		sb_addc(m->out, ' ');
	}
	sb_add(m->out, buf + 11, with_seconds ? 8 : 5);
}

static void md_local(struct md *m, ms_t t, const char *fmt)
{
	char buf[LOCAL_LEN];

	sb_adds(m->out, clock_format_local(t, fmt, buf, sizeof(buf)));
}

/* "2026-11-26 14:03 UTC (2026-11-26 15:03 CET)" */
static void md_moment(struct md *m, ms_t t)
{
	char buf[CLOCK_UTC_LEN];

	clock_format_utc(t, buf);
	sb_addf(m->out, "%.10s %.5s UTC (", buf, buf + 11);
	md_local(m, t, "%Y-%m-%d %H:%M %Z");
	sb_addc(m->out, ')');
}

static void md_duration(struct md *m, const char *what, ms_t d)
{
	char buf[DURATION_LEN];

	sb_addf(m->out, "- **Time to %s:** %s\n", what,
		d >= 0 ? clock_format_duration(d, buf, sizeof(buf)) : "unknown");
}

/* "**DETECTED** ★ (causal) "; the public report keeps only the marker. */
static void md_flags(struct md *m, const struct event *ev)
{
	if (ev->marker != MARKER_NONE) {
		sb_adds(m->out, "**");
		add_marker_upper(m->out, ev->marker);
		sb_adds(m->out, "** ");
	}
	if (m->public)
		return;
	if (ev->star)
		sb_adds(m->out, "★ ");
	if (ev->causal)
		sb_adds(m->out, "(causal) ");
	if (ev->internal)
		sb_adds(m->out, "(internal) ");
}

/* One line of an event: its text, or for text of several lines the
 * first of them and where the rest is.  pos is its place in the
 * timeline. */
static void md_event_text(struct md *m, const struct event *ev, size_t pos)
{
	if (!has_text(ev->text)) {
		sb_adds(m->out, "(mark)");
	} else if (m->evidence[pos]) {
		const char *t = ev->text + strspn(ev->text, "\n");
		char *first = xstrndup(t, strcspn(t, "\n"));

		md_text(m->out, first, false);
		sb_addf(m->out, " _(in full: evidence %zu)_", m->evidence[pos]);
		free(first);
	} else {
		md_text(m->out, ev->text, false);
	}
}

/* A paragraph of user text, or placeholder when there is none. */
static void md_paragraph(struct md *m, const char *s, const char *placeholder)
{
	sb_addc(m->out, '\n');
	if (has_text(s))
		md_text(m->out, s, true);
	else
		sb_adds(m->out, placeholder);
	sb_addc(m->out, '\n');
}

static void md_facts(struct md *m)
{
	const struct incident_fields *f = &m->inc->info;
	ms_t end = m->d.resolved;

	if (end < 0 && f->status >= STATUS_RESOLVED)
		end = m->d.end;
	sb_adds(m->out, "# ");
	md_text(m->out, has_text(f->title) ? f->title : m->inc->id, false);
	sb_adds(m->out, "\n\n- **Incident:** `");
	md_text(m->out, m->inc->id, false);
	sb_addf(m->out, "`\n- **Severity:** SEV%d\n- **Status:** %s\n- **Started:** ",
		f->severity, enum_name(&incident_status_names, (int)f->status));
	if (m->d.begin >= 0)
		md_moment(m, m->d.begin);
	else
		sb_adds(m->out, "unknown");
	sb_adds(m->out, "\n- **Ended:** ");
	if (end >= 0)
		md_moment(m, end);
	else
		sb_adds(m->out, "not yet");
	sb_addc(m->out, '\n');
	md_duration(m, "detect", m->d.to_detect);
	md_duration(m, "mitigate", m->d.to_mitigate);
	md_duration(m, "resolve", m->d.to_resolve);
	/* what the program and `scribe check` say about the markers, for
	 * the team (the public report leaves them out) */
	if (m->d.nwarnings && !m->public) {
		sb_adds(m->out, "\n**Check the markers** (left out of the public report):\n\n");
		for (size_t i = 0; i < m->d.nwarnings; i++) {
			sb_adds(m->out, "- ");
			md_text(m->out, m->d.warnings[i], false);
			sb_addc(m->out, '\n');
		}
	}
	if (has_text(f->impact)) {
		sb_adds(m->out, "\n**Impact:** ");
		md_text(m->out, f->impact, true);
		sb_addc(m->out, '\n');
	}
}

/* A key moment: a marked or starred event.  In the public report an
 * internal event counts only for its marker, and stars are not shown
 * but still choose the moments. */
static bool md_key(const struct md *m, const struct event *ev)
{
	if (ev->deleted)
		return false;
	if (m->public && ev->internal)
		return ev->marker != MARKER_NONE;
	return ev->star || ev->marker != MARKER_NONE;
}

static void md_key_moments(struct md *m)
{
	bool any = false;

	sb_adds(m->out, "\n### Key moments\n\n");
	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];

		if (!md_key(m, ev))
			continue;
		sb_adds(m->out, "- **");
		md_utc(m, ev->at, false);
		sb_adds(m->out, "** UTC — ");
		if (md_shown(m, ev)) {
			md_flags(m, ev);
			md_event_text(m, ev, i);
		} else {
			/* an internal event: its marker, not its text */
			sb_adds(m->out, "**");
			add_marker_upper(m->out, ev->marker);
			sb_adds(m->out, "**");
		}
		sb_addc(m->out, '\n');
		any = true;
	}
	if (!any)
		sb_adds(m->out, "_No starred or marked events yet._\n");
}

/* The phases in one line, for where the diagram is not drawn:
 * "started 13:58 UTC → detected 14:06 UTC (after 8m 30s) → ..." */
static void md_phases(struct md *m)
{
	const ms_t at[] = { m->d.started, m->d.detected, m->d.mitigated, m->d.resolved };
	ms_t prev = -1;
	bool any = false;

	for (size_t k = 0; k < ARRAY_SIZE(at); k++) {
		char dur[DURATION_LEN];

		if (at[k] < 0)
			continue;
		sb_adds(m->out, any ? " → " : "\n**Phases:** ");
		sb_addf(m->out, "%s ", marker_names.names[MARKER_STARTED + k]);
		md_utc(m, at[k], false);
		sb_adds(m->out, " UTC");
		if (prev >= 0)
			sb_addf(m->out, " (after %s)",
				clock_format_duration(at[k] - prev, dur, sizeof(dur)));
		prev = at[k];
		any = true;
	}
	if (any)
		sb_addc(m->out, '\n');
}

/* A Mermaid flowchart of the key moments, the markers as rounded nodes,
 * each arrow labelled with the time between its ends.  GitHub and
 * GitLab draw it; elsewhere the block reads as text, and the phases
 * line below it says the same. */
static void md_diagram(struct md *m)
{
	size_t n = 0;
	ms_t prev = 0;

	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];
		char dur[DURATION_LEN];
		bool marked = ev->marker != MARKER_NONE;

		if (!md_key(m, ev))
			continue;
		if (!n++)
			sb_adds(m->out, "\n```mermaid\nflowchart TD\n");
		sb_addf(m->out, "    k%zu%s\"", n, marked ? "([" : "[");
		md_utc(m, ev->at, false);
		if (marked) {
			sb_addc(m->out, ' ');
			add_marker_upper(m->out, ev->marker);
		}
		if (md_shown(m, ev) && has_text(ev->text)) {
			const char *t = ev->text + strspn(ev->text, "\n");
			char *first = xstrndup(t, strcspn(t, "\n"));

			sb_adds(m->out, marked ? ": " : " ");
			text_mermaid_label(m->out, first, LABEL_COLS);
			free(first);
		}
		sb_addf(m->out, "\"%s\n", marked ? "])" : "]");
		if (n > 1)
			sb_addf(m->out, "    k%zu -->|\"+%s\"| k%zu\n", n - 1,
				clock_format_duration(ev->at - prev, dur, sizeof(dur)), n);
		prev = ev->at;
	}
	if (n)
		sb_adds(m->out, "```\n");
	md_phases(m);
}

/* "PROJ-123" as code, a link as a link: a reference never pings. */
static void md_ref(struct strbuf *out, const char *ref)
{
	if (!strncmp(ref, "https://", 8) || !strncmp(ref, "http://", 7))
		sb_addf(out, "<%s>", ref);
	else
		sb_addf(out, "`%s`", ref);
}

static bool ids_has(const struct ids *ids, const char *id)
{
	for (size_t i = 0; ids && i < ids->n; i++)
		if (!strcmp(ids->v[i], id))
			return true;
	return false;
}

/* "- **title**: description (events at 14:03, 14:05 UTC)", then the
 * actions that address it or why none is needed. */
static void md_factor(struct md *m, const struct factor *f)
{
	size_t n = 0;

	sb_adds(m->out, "- **");
	md_text(m->out, has_text(f->title) ? f->title : f->e.id, false);
	sb_adds(m->out, "**");
	if (has_text(f->description)) {
		sb_adds(m->out, ": ");
		md_text(m->out, f->description, false);
	}
	/* in timeline order, whatever order they were linked in */
	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];

		if (!md_shown(m, ev) || !ids_has(f->events, ev->e.id))
			continue;
		sb_adds(m->out, n++ ? ", " : " (events at ");
		md_utc(m, ev->at, false);
	}
	if (n)
		sb_adds(m->out, " UTC)");
	sb_addc(m->out, '\n');

	n = 0;
	for (size_t i = 0; i < m->inc->nactions; i++) {
		const struct action *a = m->inc->actions[i];

		if (a->deleted || !ids_has(a->factors, f->e.id))
			continue;
		sb_adds(m->out, n++ ? "; " : "  - Addressed by: ");
		md_text(m->out, has_text(a->title) ? a->title : a->e.id, false);
		sb_addf(m->out, " (%s", enum_name(&priority_names, (int)a->priority));
		if (has_text(a->ref)) {
			sb_adds(m->out, ", ");
			md_ref(m->out, a->ref);
		}
		sb_addc(m->out, ')');
	}
	if (n) {
		sb_addc(m->out, '\n');
	} else if (has_text(f->no_action)) {
		sb_adds(m->out, "  - No action, because: ");
		md_text(m->out, f->no_action, false);
		sb_addc(m->out, '\n');
	} else {
		sb_adds(m->out, "  - _No action decided yet._\n");
	}
}

static void md_factors(struct md *m)
{
	const struct incident *inc = m->inc;
	bool any = false;

	sb_adds(m->out, "\n### Contributing factors\n");
	for (size_t c = 0; c < inc->ncategories; c++) {
		const char *cat = inc->categories[c];
		bool heading = false;

		for (size_t i = 0; i < inc->nfactors; i++) {
			const struct factor *f = inc->factors[i];

			if (f->deleted || !f->category || strcmp(f->category, cat))
				continue;
			if (!heading) {
				struct strbuf name = STRBUF_INIT;

				text_markdown_escape(&name, cat, false);
				if (name.len && name.buf[0] >= 'a' && name.buf[0] <= 'z')
					name.buf[0] = (char)(name.buf[0] - 'a' + 'A');
				sb_addf(m->out, "\n#### %s\n\n", sb_str(&name));
				sb_free(&name);
				heading = true;
			}
			md_factor(m, f);
			any = true;
		}
	}
	if (!any)
		sb_adds(m->out, "\n_No contributing factors yet._\n");
}

static void md_happened(struct md *m)
{
	const struct incident_fields *f = &m->inc->info;

	sb_adds(m->out, "\n## What happened\n");
	md_diagram(m);
	md_paragraph(m, f->happened, "_Not written yet._");
	md_key_moments(m);
	md_factors(m);
	if (has_text(f->went_well)) {
		sb_adds(m->out, "\n### What went well\n");
		md_paragraph(m, f->went_well, "");
	}
	if (has_text(f->lucky)) {
		sb_adds(m->out, "\n### Where we got lucky\n");
		md_paragraph(m, f->lucky, "");
	}
}

static bool action_overdue(const struct action *a, const char *today)
{
	return (a->status == ASTATUS_OPEN || a->status == ASTATUS_DOING) &&
	       has_text(a->due) && clock_valid_date(a->due) && strcmp(a->due, today) < 0;
}

static void md_gaps(struct md *m)
{
	static const struct {
		enum rec_type type;
		const char *intro;
	} kinds[] = {
		{ REC_FACTOR, "Factors that no action addresses:" },
		{ REC_ACTION, "Actions that address no factor:" },
	};
	size_t n;
	struct gap *gaps = incident_coverage(m->inc, &n);

	if (n)
		sb_adds(m->out, "\n### Not yet covered\n");
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		bool intro = false;

		for (size_t i = 0; i < n; i++) {
			if (gaps[i].type != kinds[k].type)
				continue;
			if (!intro)
				sb_addf(m->out, "\n%s\n\n", kinds[k].intro);
			intro = true;
			sb_adds(m->out, "- ");
			md_text(m->out, has_text(gaps[i].title) ? gaps[i].title : gaps[i].id, false);
			sb_addc(m->out, '\n');
		}
	}
	free(gaps);
}

/* The titles of the live factors the action addresses: "a; b". */
static void md_addresses(struct md *m, const struct action *a)
{
	size_t n = 0;

	for (size_t i = 0; a->factors && i < a->factors->n; i++) {
		const struct factor *f = incident_factor(m->inc, a->factors->v[i]);

		if (!f || f->deleted)
			continue;
		if (n++)
			sb_adds(m->out, "; ");
		md_text(m->out, has_text(f->title) ? f->title : f->e.id, false);
	}
}

static void md_actions(struct md *m, ms_t now)
{
	const struct incident *inc = m->inc;
	char today[11] = "";
	const char *why;
	bool any = false, refs = false;

	if (clock_parse_date("today", now, today, &why))
		today[0] = '\0';
	for (size_t i = 0; i < inc->nactions; i++)
		refs |= !inc->actions[i]->deleted && has_text(inc->actions[i]->ref);
	sb_adds(m->out, "\n## What we will do\n\n");
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];

		if (a->deleted)
			continue;
		if (!any) {
			sb_addf(m->out, "| Priority | Action | Type | %sDue | Status | Addresses |%s\n",
				m->authors ? "Owner | " : "", refs ? " Tracker |" : "");
			sb_addf(m->out, "| --- | --- | --- | %s--- | --- | --- |%s\n",
				m->authors ? "--- | " : "", refs ? " --- |" : "");
		}
		any = true;
		sb_addf(m->out, "| %s | ", enum_name(&priority_names, (int)a->priority));
		md_text(m->out, has_text(a->title) ? a->title : a->e.id, false);
		sb_addf(m->out, " | %s | ", enum_name(&action_type_names, (int)a->type));
		if (m->authors) {
			md_text(m->out, a->owner, false);
			sb_adds(m->out, " | ");
		}
		md_text(m->out, a->due, false);
		if (today[0] && action_overdue(a, today))
			sb_adds(m->out, " **overdue**");
		sb_addf(m->out, " | %s", enum_name(&action_status_names, (int)a->status));
		if (a->status == ASTATUS_WONTFIX && has_text(a->reason)) {
			sb_adds(m->out, ": ");
			md_text(m->out, a->reason, false);
		}
		sb_adds(m->out, " | ");
		md_addresses(m, a);
		if (refs) {
			sb_adds(m->out, " | ");
			if (has_text(a->ref))
				md_ref(m->out, a->ref);
		}
		sb_adds(m->out, " |\n");
	}
	if (!any)
		sb_adds(m->out, "_No actions yet._\n");
	if (!m->public)
		md_gaps(m);
}

/* "+5m 00s", "-2m 00s", "+0s" */
static void md_offset(struct strbuf *out, ms_t d)
{
	char buf[DURATION_LEN];

	clock_format_duration(d, buf, sizeof(buf));
	if (buf[0] != '-')
		sb_addc(out, '+');
	sb_adds(out, buf);
}

static void md_timeline(struct md *m)
{
	const struct incident *inc = m->inc;
	bool any = false;

	sb_adds(m->out, "\n## Appendix: timeline\n\n");
	for (size_t i = 0; i < inc->nevents; i++) {
		const struct event *ev = inc->events[i];

		if (!md_shown(m, ev))
			continue;
		if (!any)
			sb_addf(m->out, "| Time (UTC) | Local | +Offset | Kind | %sEvent |\n"
					"| --- | --- | --- | --- | %s--- |\n",
				m->authors ? "Who | " : "", m->authors ? "--- | " : "");
		any = true;
		sb_adds(m->out, "| ");
		md_utc(m, ev->at, true);
		sb_adds(m->out, " | ");
		md_local(m, ev->at, m->local_days ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S");
		sb_adds(m->out, " | ");
		md_offset(m->out, ev->at - m->d.begin);
		sb_addf(m->out, " | %s | ", enum_name(&kind_names, (int)ev->kind));
		if (m->authors) {
			md_text(m->out, event_by(m->inc, ev), false);
			sb_adds(m->out, " | ");
		}
		md_flags(m, ev);
		md_event_text(m, ev, i);
		sb_adds(m->out, " |\n");
	}
	if (!any)
		sb_adds(m->out, "_No events yet._\n");
}

/* The events of several lines, verbatim, each in a code block. */
static void md_evidence(struct md *m)
{
	const struct incident *inc = m->inc;

	if (!m->nevidence)
		return;
	sb_adds(m->out, "\n### Evidence\n");
	for (size_t i = 0; i < inc->nevents; i++) {
		const struct event *ev = inc->events[i];
		const char *by;

		if (!m->evidence[i])
			continue;
		sb_addf(m->out, "\n**Evidence %zu**, ", m->evidence[i]);
		md_utc(m, ev->at, true);
		sb_adds(m->out, " UTC");
		if (m->authors && has_text(by = event_by(inc, ev))) {
			sb_adds(m->out, ", ");
			md_text(m->out, by, false);
		}
		sb_adds(m->out, ":\n\n");
		text_markdown_fence(m->out, ev->text, "text");
	}
}

/* Whether the shown events fall on more than one date, in UTC and in
 * the display zone (then times carry their dates), and which of them
 * have text of several lines (numbered as evidence). */
static void md_spans(struct md *m)
{
	char first[CLOCK_UTC_LEN] = "", buf[CLOCK_UTC_LEN];
	long first_day = 0;
	bool seen = false;

	m->evidence = xcalloc(m->inc->nevents ? m->inc->nevents : 1, sizeof(*m->evidence));
	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];

		if (!md_shown(m, ev))
			continue;
		if (multiline(ev->text))
			m->evidence[i] = ++m->nevidence;
		clock_format_utc(ev->at, buf);
		if (!seen) {
			memcpy(first, buf, sizeof(first));
			first_day = clock_local_day(ev->at);
			seen = true;
		}
		if (strncmp(first, buf, 10))
			m->utc_days = true;
		if (clock_local_day(ev->at) != first_day)
			m->local_days = true;
	}
}

void report_markdown(struct strbuf *out, struct incident *inc, ms_t now, unsigned flags)
{
	struct md m = {
		.out = out,
		.inc = inc,
		.public = flags & REPORT_PUBLIC,
		.authors = !(flags & REPORT_NO_AUTHORS),
	};

	incident_sort(inc);
	incident_durations(inc, &m.d);
	md_spans(&m);
	md_facts(&m);
	sb_adds(out, "\n## We are sorry\n");
	md_paragraph(&m, inc->info.apology, "_No apology written yet._");
	md_happened(&m);
	md_actions(&m, now);
	md_timeline(&m);
	md_evidence(&m);
	durations_free(&m.d);
	free(m.evidence);
}

/* ---- the actions for an issue tracker ---- */

/* Text as it goes out: for a terminal, sanitized. */
static const char *tracker_text(struct strbuf *tmp, const char *s, unsigned flags)
{
	sb_reset(tmp);
	if (!s)
		return "";
	if (!(flags & REPORT_TERMINAL))
		return s;
	text_sanitize(tmp, s, strlen(s), TEXT_KEEP_NEWLINE | (flags & REPORT_ASCII ? TEXT_ASCII : 0));
	return sb_str(tmp);
}

/* The link back to the incident: the configured one with {id} replaced,
 * else the command that opens it. */
static void tracker_link(struct strbuf *out, const struct incident *inc, const char *link)
{
	const char *p;

	if (!has_text(link)) {
		sb_addf(out, "scribe open %s", inc->id);
		return;
	}
	while ((p = strstr(link, "{id}"))) {
		sb_add(out, link, (size_t)(p - link));
		sb_adds(out, inc->id);
		link = p + 4;
	}
	sb_adds(out, link);
}

/* The description of an action for the tracker, in plain text: where
 * it comes from, the factors it addresses, the way back. */
static void tracker_description(struct strbuf *out, const struct incident *inc, const struct action *a,
				const char *link)
{
	size_t n = 0;

	sb_addf(out, "From the incident \"%s\" (%s, SEV%d, %s).\n",
		has_text(inc->info.title) ? inc->info.title : inc->id, inc->id, inc->info.severity,
		enum_name(&incident_status_names, (int)inc->info.status));
	for (size_t i = 0; a->factors && i < a->factors->n; i++) {
		const struct factor *f = incident_factor(inc, a->factors->v[i]);

		if (!f || f->deleted)
			continue;
		sb_adds(out, n++ ? "" : "\nContributing factors it addresses:\n");
		sb_addf(out, "- %s (%s)\n", has_text(f->title) ? f->title : f->e.id,
			has_text(f->category) ? f->category : "?");
	}
	if (a->status == ASTATUS_WONTFIX && has_text(a->reason))
		sb_addf(out, "\nWon't fix: %s\n", a->reason);
	sb_adds(out, "\nThe incident: ");
	tracker_link(out, inc, link);
	sb_addf(out, " (action %s)", a->e.id);
}

/* One CSV field, always quoted, '"' doubled (RFC 4180). */
static void csv_field(struct strbuf *out, const char *s, bool last)
{
	sb_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(out, '"');
		sb_addc(out, *s);
	}
	sb_adds(out, last ? "\"\r\n" : "\",");
}

void report_actions_csv(struct strbuf *out, struct incident *inc, const char *link, unsigned flags)
{
	static const char *const head[] = {
		"Title", "Description", "Owner", "Due", "Priority", "Type", "Status", "Votes",
		"Factors", "Incident", "Action", "Ref",
	};
	struct strbuf tmp = STRBUF_INIT, desc = STRBUF_INIT, factors = STRBUF_INIT;

	incident_sort(inc);
	for (size_t i = 0; i < ARRAY_SIZE(head); i++)
		csv_field(out, head[i], i + 1 == ARRAY_SIZE(head));
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];
		char votes[24];

		if (a->deleted)
			continue;
		sb_reset(&desc);
		tracker_description(&desc, inc, a, link);
		sb_reset(&factors);
		for (size_t k = 0; a->factors && k < a->factors->n; k++) {
			const struct factor *f = incident_factor(inc, a->factors->v[k]);

			if (f && !f->deleted)
				sb_addf(&factors, "%s%s", factors.len ? "; " : "",
					has_text(f->title) ? f->title : f->e.id);
		}
		snprintf(votes, sizeof(votes), "%d", a->nup);
		csv_field(out, tracker_text(&tmp, has_text(a->title) ? a->title : a->e.id, flags), false);
		csv_field(out, tracker_text(&tmp, sb_str(&desc), flags), false);
		csv_field(out, tracker_text(&tmp, a->owner, flags), false);
		csv_field(out, tracker_text(&tmp, a->due, flags), false);
		csv_field(out, enum_name(&priority_names, (int)a->priority), false);
		csv_field(out, enum_name(&action_type_names, (int)a->type), false);
		csv_field(out, enum_name(&action_status_names, (int)a->status), false);
		csv_field(out, votes, false);
		csv_field(out, tracker_text(&tmp, sb_str(&factors), flags), false);
		csv_field(out, inc->id, false);
		csv_field(out, a->e.id, false);
		csv_field(out, tracker_text(&tmp, a->ref, flags), true);
	}
	sb_free(&tmp);
	sb_free(&desc);
	sb_free(&factors);
}

/* A JSON string; NULL or "" as null when null_if_empty. */
static void json_str(struct strbuf *out, const char *s, bool null_if_empty)
{
	if (null_if_empty && !has_text(s)) {
		sb_adds(out, "null");
		return;
	}
	sb_addc(out, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			sb_addf(out, "\\%c", c);
		else if (c == '\n')
			sb_adds(out, "\\n");
		else if (c < 0x20 || c == 0x7f)
			sb_addf(out, "\\u%04x", c);
		else
			sb_addc(out, (char)c);
	}
	sb_addc(out, '"');
}

void report_actions_jsonl(struct strbuf *out, struct incident *inc, const char *link, unsigned flags)
{
	struct strbuf tmp = STRBUF_INIT, desc = STRBUF_INIT;

	incident_sort(inc);
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];
		size_t n = 0;

		if (a->deleted)
			continue;
		sb_reset(&desc);
		tracker_description(&desc, inc, a, link);
		sb_adds(out, "{\"id\":");
		json_str(out, a->e.id, false);
		sb_adds(out, ",\"incident\":");
		json_str(out, inc->id, false);
		sb_adds(out, ",\"title\":");
		json_str(out, tracker_text(&tmp, has_text(a->title) ? a->title : a->e.id, flags), false);
		sb_adds(out, ",\"description\":");
		json_str(out, tracker_text(&tmp, sb_str(&desc), flags), false);
		sb_adds(out, ",\"owner\":");
		json_str(out, tracker_text(&tmp, a->owner, flags), true);
		sb_adds(out, ",\"due\":");
		json_str(out, a->due, true);
		sb_addf(out, ",\"priority\":\"%s\",\"type\":\"%s\",\"status\":\"%s\",\"reason\":",
			enum_name(&priority_names, (int)a->priority), enum_name(&action_type_names, (int)a->type),
			enum_name(&action_status_names, (int)a->status));
		json_str(out, tracker_text(&tmp, a->reason, flags), true);
		sb_addf(out, ",\"votes\":%d,\"factors\":[", a->nup);
		for (size_t k = 0; a->factors && k < a->factors->n; k++) {
			const struct factor *f = incident_factor(inc, a->factors->v[k]);

			if (!f || f->deleted)
				continue;
			sb_adds(out, n++ ? ",{\"id\":" : "{\"id\":");
			json_str(out, f->e.id, false);
			sb_adds(out, ",\"title\":");
			json_str(out, tracker_text(&tmp, f->title, flags), false);
			sb_adds(out, ",\"category\":");
			json_str(out, tracker_text(&tmp, f->category, flags), false);
			sb_addc(out, '}');
		}
		sb_adds(out, "],\"ref\":");
		json_str(out, tracker_text(&tmp, a->ref, flags), true);
		sb_adds(out, "}\n");
	}
	sb_free(&tmp);
	sb_free(&desc);
}

/* ---- the discussion, where asked (export --comments) ---- */

static void md_comments(struct strbuf *out, struct incident *inc, const char *kind, const char *id,
			const char *title, bool *any)
{
	size_t n;
	const struct comment *c = incident_comments(inc, id, &n);

	if (!comments_live(c, n))
		return;
	if (!*any)
		sb_adds(out, "\n## Appendix: discussion\n");
	*any = true;
	sb_addf(out, "\n### %s: ", kind);
	md_text(out, has_text(title) ? title : id, false);
	sb_adds(out, "\n\n");
	for (size_t i = 0; i < n; i++) {
		char buf[CLOCK_UTC_LEN];

		if (c[i].deleted)
			continue;
		clock_format_utc(c[i].time, buf);
		sb_adds(out, "- ");
		if (has_text(c[i].author)) {
			sb_adds(out, "**");
			md_text(out, c[i].author, false);
			sb_adds(out, "**, ");
		}
		sb_addf(out, "%.10s %.5s UTC: ", buf, buf + 11);
		md_text(out, c[i].text, false);
		if (c[i].edited)
			sb_adds(out, " (edited)");
		sb_addc(out, '\n');
	}
}

void report_markdown_discussion(struct strbuf *out, struct incident *inc)
{
	bool any = false;

	incident_sort(inc);
	for (size_t i = 0; i < inc->nfactors; i++)
		if (!inc->factors[i]->deleted)
			md_comments(out, inc, "Factor", inc->factors[i]->e.id, inc->factors[i]->title, &any);
	for (size_t i = 0; i < inc->nactions; i++)
		if (!inc->actions[i]->deleted)
			md_comments(out, inc, "Action", inc->actions[i]->e.id, inc->actions[i]->title, &any);
}
