#include "config.h"

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

static void show_event(struct strbuf *out, const struct event *ev, unsigned flags)
{
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
	text_sanitize(out, ev->by ? ev->by : "", ev->by ? strlen(ev->by) : 0, flags);
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
		show_event(out, inc->events[i], text_flags);
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

struct md {
	struct strbuf *out;
	const struct incident *inc;
	struct durations d;
	bool utc_days;		/* events span several UTC dates: show them */
	bool local_days;	/* the same in the display zone */
};

/* User text, escaped; NULL is empty. */
static void md_text(struct strbuf *out, const char *s, bool keep_newlines)
{
	if (has_text(s))
		text_markdown_escape(out, s, keep_newlines);
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

/* "**DETECTED** ★ (causal) " */
static void md_flags(struct strbuf *out, const struct event *ev)
{
	if (ev->marker != MARKER_NONE) {
		sb_adds(out, "**");
		add_marker_upper(out, ev->marker);
		sb_adds(out, "** ");
	}
	if (ev->star)
		sb_adds(out, "★ ");
	if (ev->causal)
		sb_adds(out, "(causal) ");
}

static void md_event_text(struct strbuf *out, const struct event *ev)
{
	if (has_text(ev->text))
		md_text(out, ev->text, false);
	else
		sb_adds(out, "(mark)");
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
	if (has_text(f->impact)) {
		sb_adds(m->out, "\n**Impact:** ");
		md_text(m->out, f->impact, true);
		sb_addc(m->out, '\n');
	}
}

static void md_key_moments(struct md *m)
{
	bool any = false;

	sb_adds(m->out, "\n### Key moments\n\n");
	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];

		if (ev->deleted || (!ev->star && ev->marker == MARKER_NONE))
			continue;
		sb_adds(m->out, "- **");
		md_utc(m, ev->at, false);
		sb_adds(m->out, "** UTC — ");
		md_flags(m->out, ev);
		md_event_text(m->out, ev);
		sb_addc(m->out, '\n');
		any = true;
	}
	if (!any)
		sb_adds(m->out, "_No starred or marked events yet._\n");
}

static bool ids_has(const struct ids *ids, const char *id)
{
	for (size_t i = 0; ids && i < ids->n; i++)
		if (!strcmp(ids->v[i], id))
			return true;
	return false;
}

/* "- **title**: description (events at 14:03, 14:05 UTC)" */
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

		if (ev->deleted || !ids_has(f->events, ev->e.id))
			continue;
		sb_adds(m->out, n++ ? ", " : " (events at ");
		md_utc(m, ev->at, false);
	}
	if (n)
		sb_adds(m->out, " UTC)");
	sb_addc(m->out, '\n');
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

static void md_actions(struct md *m, ms_t now)
{
	const struct incident *inc = m->inc;
	char today[11] = "";
	const char *why;
	bool any = false;

	if (clock_parse_date("today", now, today, &why))
		today[0] = '\0';
	sb_adds(m->out, "\n## What we will do\n\n");
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];

		if (a->deleted)
			continue;
		if (!any)
			sb_adds(m->out, "| Priority | Action | Type | Owner | Due | Status |\n"
					"| --- | --- | --- | --- | --- | --- |\n");
		any = true;
		sb_addf(m->out, "| %s | ", enum_name(&priority_names, (int)a->priority));
		md_text(m->out, has_text(a->title) ? a->title : a->e.id, false);
		sb_addf(m->out, " | %s | ", enum_name(&action_type_names, (int)a->type));
		md_text(m->out, a->owner, false);
		sb_adds(m->out, " | ");
		md_text(m->out, a->due, false);
		if (today[0] && action_overdue(a, today))
			sb_adds(m->out, " **overdue**");
		sb_addf(m->out, " | %s", enum_name(&action_status_names, (int)a->status));
		if (a->status == ASTATUS_WONTFIX && has_text(a->reason)) {
			sb_adds(m->out, ": ");
			md_text(m->out, a->reason, false);
		}
		sb_adds(m->out, " |\n");
	}
	if (!any)
		sb_adds(m->out, "_No actions yet._\n");
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

		if (ev->deleted)
			continue;
		if (!any)
			sb_adds(m->out, "| Time (UTC) | Local | +Offset | Kind | Who | Event |\n"
					"| --- | --- | --- | --- | --- | --- |\n");
		any = true;
		sb_adds(m->out, "| ");
		md_utc(m, ev->at, true);
		sb_adds(m->out, " | ");
		md_local(m, ev->at, m->local_days ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S");
		sb_adds(m->out, " | ");
		md_offset(m->out, ev->at - m->d.begin);
		sb_addf(m->out, " | %s | ", enum_name(&kind_names, (int)ev->kind));
		md_text(m->out, ev->by, false);
		sb_adds(m->out, " | ");
		md_flags(m->out, ev);
		md_event_text(m->out, ev);
		sb_adds(m->out, " |\n");
	}
	if (!any)
		sb_adds(m->out, "_No events yet._\n");
}

/* Whether the live events fall on more than one date, in UTC and in
 * the display zone: then times carry their dates. */
static void md_spans(struct md *m)
{
	char first[CLOCK_UTC_LEN] = "", buf[CLOCK_UTC_LEN];
	long first_day = 0;
	bool seen = false;

	for (size_t i = 0; i < m->inc->nevents; i++) {
		const struct event *ev = m->inc->events[i];

		if (ev->deleted)
			continue;
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

void report_markdown(struct strbuf *out, struct incident *inc, ms_t now)
{
	struct md m = { .out = out, .inc = inc };

	incident_durations(inc, &m.d);
	md_spans(&m);
	md_facts(&m);
	sb_adds(out, "\n## We are sorry\n");
	md_paragraph(&m, inc->info.apology, "_No apology written yet._");
	md_happened(&m);
	md_actions(&m, now);
	md_timeline(&m);
	durations_free(&m.d);
}

/* ---- the discussion, where asked (export --comments) ---- */

static void md_comments(struct strbuf *out, struct incident *inc, const char *kind, const char *id,
			const char *title, bool *any)
{
	size_t n;
	const struct comment *c = incident_comments(inc, id, &n);

	if (!n)
		return;
	if (!*any)
		sb_adds(out, "\n## Appendix: discussion\n");
	*any = true;
	sb_addf(out, "\n### %s: ", kind);
	md_text(out, has_text(title) ? title : id, false);
	sb_adds(out, "\n\n");
	for (size_t i = 0; i < n; i++) {
		char buf[CLOCK_UTC_LEN];

		clock_format_utc(c[i].time, buf);
		sb_adds(out, "- ");
		if (has_text(c[i].author)) {
			sb_adds(out, "**");
			md_text(out, c[i].author, false);
			sb_adds(out, "**, ");
		}
		sb_addf(out, "%.10s %.5s UTC: ", buf, buf + 11);
		md_text(out, c[i].text, false);
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
