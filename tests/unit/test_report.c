/* The report: `scribe show` compared whole against the expected text,
 * the markdown export by its section order and its exact lines; in UTC
 * and in a zone with an offset. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scribe/clock.h"
#include "scribe/model.h"
#include "scribe/report.h"
#include "scribe/text.h"
#include "tap.h"

#define ID "2026-11-26-checkout-5xx"

static int revs;

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static ms_t at(const char *rfc3339)
{
	ms_t t = -1;

	if (clock_parse_rfc3339(rfc3339, &t))
		printf("# bad time in test: %s\n", rfc3339);
	return t;
}

static struct record *rec(enum rec_type type, const char *id, const char *author, ms_t time)
{
	struct record *r = record_new(type, id, author, time);

	snprintf(r->rev, sizeof(r->rev), "r%d", ++revs);
	return r;
}

static void apply(struct incident *inc, struct record *r)
{
	const char *why;

	if (!incident_apply(inc, r, &why))
		printf("# record not applied: %s\n", why ? why : "duplicate");
}

/* An event at t (typed at typed), with marker m and star/causal flags. */
static void event(struct incident *inc, const char *id, const char *when, const char *typed,
		  const char *by, enum kind kind, enum marker m, bool star, bool causal,
		  const char *text)
{
	struct record *r = rec(REC_EVENT, id, by, at(typed));

	record_set_time(r, F_AT, at(when));
	record_set_time(r, F_TYPED, at(typed));
	record_set_time(r, F_LOGGED, at(typed));
	record_set_str(r, F_BY, by);
	record_set_int(r, F_KIND, kind);
	record_set_str(r, F_TEXT, text);
	if (m != MARKER_NONE)
		record_set_int(r, F_MARKER, m);
	if (star)
		record_set_bool(r, F_STAR, true);
	if (causal)
		record_set_bool(r, F_CAUSAL, true);
	apply(inc, r);
}

static void delete(struct incident *inc, enum rec_type type, const char *id)
{
	struct record *r = rec(type, id, "ann", at("2026-11-27T09:00:00Z"));

	record_set_bool(r, F_DELETED, true);
	apply(inc, r);
}

static void factor(struct incident *inc, const char *id, const char *cat, const char *title,
		   const char *desc, const char *const *events, size_t nevents)
{
	struct record *r = rec(REC_FACTOR, id, "ann", at("2026-11-27T08:00:00Z"));

	record_set_str(r, F_TITLE, title);
	record_set_str(r, F_CATEGORY, cat);
	if (desc)
		record_set_str(r, F_DESCRIPTION, desc);
	record_set_ids(r, F_EVENTS, events, nevents);
	apply(inc, r);
}

static void action(struct incident *inc, const char *id, enum priority p, enum action_type type,
		   const char *title, const char *owner, const char *due, enum action_status st,
		   const char *reason, const char *fac)
{
	struct record *r = rec(REC_ACTION, id, "ann", at("2026-11-27T08:30:00Z"));

	record_set_str(r, F_TITLE, title);
	record_set_int(r, F_PRIORITY, p);
	record_set_int(r, F_TYPE, type);
	record_set_str(r, F_OWNER, owner);
	if (due)
		record_set_str(r, F_DUE, due);
	record_set_int(r, F_STATUS, st);
	if (reason)
		record_set_str(r, F_REASON, reason);
	if (fac)
		record_set_ids(r, F_FACTORS, &fac, 1);
	apply(inc, r);
}

/* The known incident: six live events (one more deleted), two live
 * factors in two categories (one more deleted), three live actions (one
 * more deleted). */
static struct incident *known_incident(void)
{
	struct incident *inc = incident_new(ID);
	struct record *r = rec(REC_INCIDENT, ID, "ann", at("2026-11-26T14:02:00Z"));
	static const char *const f1_events[] = { "e2", "e1" };
	static const char *const f2_events[] = { "e3", "e6" };
	static const char *const f3_events[] = { "e1" };

	record_set_str(r, F_TITLE, "Checkout returns 5xx");
	record_set_int(r, F_SEVERITY, 2);
	record_set_int(r, F_STATUS, STATUS_RESOLVED);
	record_set_time(r, F_CREATED, at("2026-11-26T14:02:00Z"));
	record_set_str(r, F_IMPACT, "20% of checkouts failed");
	record_set_str(r, F_APOLOGY, "We are sorry: for 20 minutes *you* could not pay.");
	record_set_str(r, F_HAPPENED, "A config push\nreached all regions at once.");
	record_set_str(r, F_WENT_WELL, "Paging worked.");
	record_set_str(r, F_LUCKY, "It was a quiet hour.");
	apply(inc, r);

	event(inc, "e1", "2026-11-26T13:58:00Z", "2026-11-26T14:30:00Z", "ann", KIND_DEPLOY,
	      MARKER_NONE, false, true, "deploy v2.3 to all regions");
	event(inc, "e2", "2026-11-26T14:00:00Z", "2026-11-26T14:03:00Z", "bob", KIND_NOTE,
	      MARKER_STARTED, false, false, "errors begin\n502 on /pay\nthird line");
	event(inc, "e6", "2026-11-26T14:01:00Z", "2026-11-26T14:01:00Z", "bob", KIND_NOTE,
	      MARKER_STARTED, true, false, "oops, wrong incident");
	delete(inc, REC_EVENT, "e6");
	/* same moment: the one typed first comes first, whatever the ids */
	event(inc, "e3", "2026-11-26T14:05:00Z", "2026-11-26T14:05:00Z", "cy", KIND_DISCOVERY,
	      MARKER_DETECTED, true, false, "\x1b[31mred\x1b[0m a | b *c*");
	event(inc, "e0", "2026-11-26T14:05:00Z", "2026-11-26T14:05:30Z", "ann", KIND_COMMS,
	      MARKER_NONE, false, false, "status page updated");
	event(inc, "e4", "2026-11-26T14:09:00Z", "2026-11-26T14:09:00Z", "bob", KIND_ACTION,
	      MARKER_MITIGATED, false, false, "");
	event(inc, "e5", "2026-11-26T14:20:00Z", "2026-11-26T14:20:00Z", "ann", KIND_COMMS,
	      MARKER_RESOLVED, true, false, "all clear");

	factor(inc, "f1", "trigger", "Config push without canary", "Pushed to all | regions",
	       f1_events, ARRAY_SIZE(f1_events));
	factor(inc, "f2", "technical", "No 5xx rate alert", NULL, f2_events, ARRAY_SIZE(f2_events));
	factor(inc, "f3", "process", "Deleted factor", "gone", f3_events, ARRAY_SIZE(f3_events));
	delete(inc, REC_FACTOR, "f3");

	action(inc, "a1", PRIO_P1, ATYPE_DETECT, "Alert on 5xx rate", "bob", "2026-11-20",
	       ASTATUS_OPEN, NULL, "f2");
	action(inc, "a2", PRIO_P0, ATYPE_PREVENT, "Canary config pushes", "ann", "2026-11-01",
	       ASTATUS_DONE, NULL, "f1");
	action(inc, "a3", PRIO_P3, ATYPE_PROCESS, "Rewrite deploy tool", "cy", "2026-12-31",
	       ASTATUS_WONTFIX, "too big | later", NULL);
	action(inc, "a4", PRIO_P0, ATYPE_PREVENT, "Deleted action", "cy", "2026-11-02",
	       ASTATUS_OPEN, NULL, "f1");
	delete(inc, REC_ACTION, "a4");
	incident_sort(inc);
	return inc;
}

static const char show_utc[] =
	ID ": Checkout returns 5xx\n"
	"severity 2, resolved, 6 events, times in UTC\n"
	"\n"
	"2026-11-26 13:58:00  deploy     ann: (causal) deploy v2.3 to all regions\n"
	"2026-11-26 14:00:00  note       bob: [STARTED] errors begin\n"
	"                                               502 on /pay\n"
	"                                               third line\n"
	"2026-11-26 14:05:00  discovery  cy: [DETECTED] * ^[[31mred^[[0m a | b *c*\n"
	"2026-11-26 14:05:00  comms      ann: status page updated\n"
	"2026-11-26 14:09:00  action     bob: [MITIGATED] (mark)\n"
	"2026-11-26 14:20:00  comms      ann: [RESOLVED] * all clear\n"
	"\n"
	"time to detect: 5m 00s\n"
	"time to mitigate: 9m 00s\n"
	"time to resolve: 20m 00s\n";

static bool has_line(const char *s, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = s; (p = strstr(p, line)); p++)
		if ((p == s || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

/* Where line starts in s (as a whole line), or -1. */
static long line_pos(const char *s, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = s; (p = strstr(p, line)); p++)
		if ((p == s || p[-1] == '\n') && p[n] == '\n')
			return p - s;
	return -1;
}

static bool no_controls(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return false;
	return true;
}

static bool ends_cleanly(const struct strbuf *sb)
{
	return sb->len >= 2 && sb->buf[sb->len - 1] == '\n' && sb->buf[sb->len - 2] != '\n';
}

static void test_show(void)
{
	struct incident *inc = known_incident();
	struct strbuf sb = STRBUF_INIT;

	set_tz("UTC");
	report_show(&sb, inc, 0);
	is_str(sb_str(&sb), show_utc, "show: the whole timeline in UTC");
	ok(no_controls(sb_str(&sb)), "show: no raw control characters");
	ok(!strstr(sb_str(&sb), "oops"), "show: deleted events stay out");
	ok(ends_cleanly(&sb), "show: one newline at the end, no blank line");

	set_tz("Europe/Berlin");
	sb_reset(&sb);
	report_show(&sb, inc, 0);
	ok(!strncmp(sb_str(&sb), ID ": Checkout returns 5xx\n"
		    "severity 2, resolved, 6 events, times in CET\n\n", 80),
	   "show: the zone is named");
	ok(has_line(sb_str(&sb), "2026-11-26 14:58:00  deploy     ann: (causal) deploy v2.3 to all regions"),
	   "show: times are local");
	ok(has_line(sb_str(&sb), "2026-11-26 15:00:00  note       bob: [STARTED] errors begin"),
	   "show: local time of the start");
	set_tz("UTC");

	sb_free(&sb);
	incident_free(inc);
}

/* Few markers: the warnings show even with no duration known; the
 * indent of a continuation line counts columns, not bytes. */
static void test_show_warnings(void)
{
	struct incident *inc = incident_new("2026-11-26-x");
	struct record *r = rec(REC_INCIDENT, "2026-11-26-x", "ann", at("2026-11-26T10:00:00Z"));
	struct strbuf sb = STRBUF_INIT;

	record_set_str(r, F_TITLE, "Title with \x07 bell");
	record_set_int(r, F_STATUS, STATUS_MITIGATED);
	apply(inc, r);
	event(inc, "e1", "2026-11-26T10:01:00Z", "2026-11-26T10:01:00Z", "zoë", KIND_NOTE,
	      MARKER_DETECTED, false, false, "seen\nagain\n\nafter a blank\n");
	incident_sort(inc);

	set_tz("UTC");
	report_show(&sb, inc, 0);
	is_str(sb_str(&sb),
	       "2026-11-26-x: Title with ^G bell\n"
	       "severity 3, mitigated, 1 events, times in UTC\n"
	       "\n"
	       "2026-11-26 10:01:00  note       zoë: [DETECTED] seen\n"
	       "                                                again\n"
	       "\n"
	       "                                                after a blank\n"
	       "\n"
	       "warning: no event is marked \"started\": time to detect, mitigate and resolve are unknown\n"
	       "warning: the incident is mitigated but no event is marked \"mitigated\"\n",
	       "show: warnings without durations, indent by columns");

	sb_reset(&sb);
	report_show(&sb, inc, TEXT_ASCII);
	ok(has_line(sb_str(&sb), "2026-11-26 10:01:00  note       zo?: [DETECTED] seen"),
	   "show: TEXT_ASCII reaches the author");

	sb_reset(&sb);
	report_markdown(&sb, inc, at("2026-11-27T10:00:00Z"), 0);
	ok(has_line(sb_str(&sb), "# Title with ^G bell"), "markdown: title sanitized");
	ok(has_line(sb_str(&sb), "_No apology written yet._"), "markdown: no apology yet");
	ok(has_line(sb_str(&sb), "_No actions yet._"), "markdown: no actions yet");
	ok(has_line(sb_str(&sb), "- **Ended:** not yet"), "markdown: not ended yet");
	ok(has_line(sb_str(&sb), "- **Time to detect:** unknown"), "markdown: unknown duration");
	ok(!strstr(sb_str(&sb), "| Priority |"), "markdown: no empty action table");
	ok(!strstr(sb_str(&sb), "### Not yet covered"), "markdown: nothing to cover");
	ok(!strstr(sb_str(&sb), "### What went well"), "markdown: unset sections left out");
	ok(no_controls(sb_str(&sb)), "markdown: no raw control characters");
	ok(ends_cleanly(&sb), "markdown: one newline at the end");

	sb_free(&sb);
	incident_free(inc);
}

static void test_markdown(void)
{
	static const char *const order[] = {
		"# Checkout returns 5xx",
		"- **Incident:** `" ID "`",
		"## We are sorry",
		"## What happened",
		"### Key moments",
		"### Contributing factors",
		"#### Trigger",
		"#### Technical",
		"### What went well",
		"### Where we got lucky",
		"## What we will do",
		"| Priority | Action | Type | Owner | Due | Status | Addresses |",
		"### Not yet covered",
		"## Appendix: timeline",
		"| Time (UTC) | Local | +Offset | Kind | Who | Event |",
		"### Evidence",
		"**Evidence 1**, 14:00:00 UTC, bob:",
		"```text",
		"errors begin",
		"502 on /pay",
		"third line",
	};
	static const char *const lines[] = {
		"- **Severity:** SEV2",
		"- **Status:** resolved",
		"- **Started:** 2026-11-26 14:00 UTC (2026-11-26 14:00 UTC)",
		"- **Ended:** 2026-11-26 14:20 UTC (2026-11-26 14:20 UTC)",
		"- **Time to detect:** 5m 00s",
		"- **Time to mitigate:** 9m 00s",
		"- **Time to resolve:** 20m 00s",
		"**Impact:** 20% of checkouts failed",
		"We are sorry: for 20 minutes \\*you\\* could not pay.",
		"A config push",
		"reached all regions at once.",
		"- **14:00** UTC — **STARTED** errors begin _(in full: evidence 1)_",
		"- **14:05** UTC — **DETECTED** ★ ^\\[\\[31mred^\\[\\[0m a \\| b \\*c\\*",
		"- **14:09** UTC — **MITIGATED** (mark)",
		"- **14:20** UTC — **RESOLVED** ★ all clear",
		"- **Config push without canary**: Pushed to all \\| regions (events at 13:58, 14:00 UTC)",
		"- **No 5xx rate alert** (events at 14:05 UTC)",
		"Paging worked.",
		"It was a quiet hour.",
		"| --- | --- | --- | --- | --- | --- | --- |",
		"| P0 | Canary config pushes | prevent | ann | 2026-11-01 | done | Config push without canary |",
		"| P1 | Alert on 5xx rate | detect | bob | 2026-11-20 **overdue** | open | No 5xx rate alert |",
		"| P3 | Rewrite deploy tool | process | cy | 2026-12-31 | wontfix: too big \\| later |  |",
		"Actions that address no factor:",
		"- Rewrite deploy tool",
		"| 13:58:00 | 13:58:00 | -2m 00s | deploy | ann | (causal) deploy v2.3 to all regions |",
		"| 14:00:00 | 14:00:00 | +0s | note | bob | **STARTED** errors begin _(in full: evidence 1)_ |",
		"| 14:05:00 | 14:05:00 | +5m 00s | discovery | cy | **DETECTED** ★ ^\\[\\[31mred^\\[\\[0m a \\| b \\*c\\* |",
		"| 14:05:00 | 14:05:00 | +5m 00s | comms | ann | status page updated |",
		"| 14:09:00 | 14:09:00 | +9m 00s | action | bob | **MITIGATED** (mark) |",
		"| 14:20:00 | 14:20:00 | +20m 00s | comms | ann | **RESOLVED** ★ all clear |",
	};
	struct incident *inc = known_incident();
	struct strbuf sb = STRBUF_INIT;
	const char *md;
	long prev = -1;
	bool in_order = true;

	set_tz("UTC");
	report_markdown(&sb, inc, at("2026-11-27T10:00:00Z"), 0);
	md = sb_str(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
		long pos = line_pos(md, order[i]);

		if (pos <= prev) {
			printf("# out of order or missing: %s\n", order[i]);
			in_order = false;
		}
		prev = pos;
	}
	ok(in_order, "markdown: sections in the formula's order");
	ok(strstr(md, "\n```text\nerrors begin\n502 on /pay\nthird line\n```\n") != NULL,
	   "markdown: text of several lines verbatim in a code block");
	ok(!strncmp(md, "# Checkout returns 5xx\n\n- **Incident:**", 38), "markdown: starts with the title");
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		ok(has_line(md, lines[i]), "markdown line: %s", lines[i]);
	ok(line_pos(md, "| P0 | Canary config pushes | prevent | ann | 2026-11-01 | done | Config push without canary |") <
	   line_pos(md, "| P1 | Alert on 5xx rate | detect | bob | 2026-11-20 **overdue** | open | No 5xx rate alert |"),
	   "markdown: actions in list order");
	ok(line_pos(md, "| 14:05:00 | 14:05:00 | +5m 00s | discovery | cy | **DETECTED** ★ ^\\[\\[31mred^\\[\\[0m a \\| b \\*c\\* |") <
	   line_pos(md, "| 14:05:00 | 14:05:00 | +5m 00s | comms | ann | status page updated |"),
	   "markdown: same moment keeps the timeline order");
	ok(!strstr(md, "oops") && !strstr(md, "Deleted factor") && !strstr(md, "Deleted action"),
	   "markdown: deleted entries stay out");
	ok(!strstr(md, "#### Process"), "markdown: empty categories left out");
	ok(!strstr(md, "Factors that no action addresses"), "markdown: covered factors not listed");
	ok(strstr(md, "### Key moments\n\n"
		  "- **14:00** UTC — **STARTED** errors begin _(in full: evidence 1)_\n"
		  "- **14:05** UTC — **DETECTED** ★ ^\\[\\[31mred^\\[\\[0m a \\| b \\*c\\*\n"
		  "- **14:09** UTC — **MITIGATED** (mark)\n"
		  "- **14:20** UTC — **RESOLVED** ★ all clear\n"
		  "\n### Contributing factors\n") != NULL,
	   "markdown: key moments are exactly the starred and marked events");
	ok(no_controls(md), "markdown: no raw control characters");
	ok(ends_cleanly(&sb), "markdown: one newline at the end, no blank line");
	ok(!strstr(md, "\n\n\n"), "markdown: never two blank lines");

	set_tz("Europe/Berlin");
	sb_reset(&sb);
	report_markdown(&sb, inc, at("2026-11-27T10:00:00Z"), 0);
	md = sb_str(&sb);
	ok(has_line(md, "- **Started:** 2026-11-26 14:00 UTC (2026-11-26 15:00 CET)"),
	   "markdown: start in UTC and local time");
	ok(has_line(md, "| 13:58:00 | 14:58:00 | -2m 00s | deploy | ann | (causal) deploy v2.3 to all regions |"),
	   "markdown: the local column follows TZ");
	ok(has_line(md, "- **14:05** UTC — **DETECTED** ★ ^\\[\\[31mred^\\[\\[0m a \\| b \\*c\\*"),
	   "markdown: key moments stay in UTC");
	set_tz("UTC");

	/* due today is not overdue yet; "today" is the date in TZ */
	sb_reset(&sb);
	report_markdown(&sb, inc, at("2026-11-20T23:30:00Z"), 0);
	ok(has_line(sb_str(&sb), "| P1 | Alert on 5xx rate | detect | bob | 2026-11-20 | open | No 5xx rate alert |"),
	   "markdown: not overdue on the due date");
	set_tz("Europe/Berlin");
	sb_reset(&sb);
	report_markdown(&sb, inc, at("2026-11-20T23:30:00Z"), 0);
	ok(has_line(sb_str(&sb), "| P1 | Alert on 5xx rate | detect | bob | 2026-11-20 **overdue** | open | No 5xx rate alert |"),
	   "markdown: overdue once the local date has passed");
	set_tz("UTC");

	sb_free(&sb);
	incident_free(inc);
}

/* Events over two dates carry their dates. */
static void test_markdown_days(void)
{
	struct incident *inc = incident_new("2026-11-26-y");
	struct record *r = rec(REC_INCIDENT, "2026-11-26-y", "ann", at("2026-11-26T23:00:00Z"));
	struct strbuf sb = STRBUF_INIT;

	record_set_str(r, F_TITLE, "Over midnight");
	apply(inc, r);
	event(inc, "e1", "2026-11-26T23:50:00Z", "2026-11-26T23:50:00Z", "ann", KIND_NOTE,
	      MARKER_STARTED, false, false, "begin");
	event(inc, "e2", "2026-11-27T00:10:00Z", "2026-11-27T00:10:00Z", "ann", KIND_NOTE,
	      MARKER_DETECTED, false, false, "seen");
	incident_sort(inc);
	set_tz("UTC");
	report_markdown(&sb, inc, at("2026-11-27T10:00:00Z"), 0);
	ok(has_line(sb_str(&sb), "- **2026-11-27 00:10** UTC — **DETECTED** seen"),
	   "markdown: key moments over midnight carry the date");
	ok(has_line(sb_str(&sb), "| 2026-11-27 00:10:00 | 2026-11-27 00:10:00 | +20m 00s | note | ann | **DETECTED** seen |"),
	   "markdown: timeline over midnight carries the date");
	sb_free(&sb);
	incident_free(inc);
}

int main(void)
{
	setenv("LANG", "C.UTF-8", 1);
	set_tz("UTC");
	test_show();
	test_show_warnings();
	test_markdown();
	test_markdown_days();
	return done_testing();
}
