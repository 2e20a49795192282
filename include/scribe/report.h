/* The incident as text for people: the timeline for `scribe show` and
 * the markdown report for `scribe export`.  Pure functions of the model
 * (no I/O): they append to a strbuf.  Every piece of user text goes
 * through text_sanitize (or text_markdown_escape), so nothing anyone
 * wrote reaches a terminal raw. */
#ifndef SCRIBE_REPORT_H
#define SCRIBE_REPORT_H

#include "scribe/model.h"
#include "scribe/util.h"

/* The timeline as plain text (`scribe show`).  text_flags are passed to
 * text_sanitize (TEXT_ASCII on a non-UTF-8 terminal). */
void report_show(struct strbuf *out, struct incident *inc, unsigned text_flags);

struct history;
/* The same with every change (`scribe show --history`): the incident's
 * own changes under its heading, each event (deleted ones too) followed
 * by its changes, then every factor and action with theirs.  h holds
 * the records read back from the journals (history.h). */
void report_show_history(struct strbuf *out, struct incident *inc, const struct history *h,
			 unsigned text_flags);
enum {
	/* ready to publish: no internal events, no stars, causal flags or
	 * internal marks, no marker warnings, no "not yet covered" */
	REPORT_PUBLIC = 1 << 0,
	/* no names: who wrote an event, the actions' owners */
	REPORT_NO_AUTHORS = 1 << 1,
	/* the actions exports: to a terminal, text sanitized */
	REPORT_TERMINAL = 1 << 2,
	REPORT_ASCII = 1 << 3,	/* ... and a terminal that is not UTF-8 */
};

/* The report in markdown, in the formula's order (apologize, show we
 * understand what happened, say what we will do), the full timeline as
 * an appendix, then the events of several lines verbatim as evidence.
 * now is used for overdue actions; flags: REPORT_*. */
void report_markdown(struct strbuf *out, struct incident *inc, ms_t now, unsigned flags);

/* The live actions in list order for an issue tracker: CSV after
 * RFC 4180 (a header row, every field quoted, CRLF between records;
 * fields may hold newlines), or one JSON object per line.  Each carries
 * a description (the incident, the factors it addresses, the way back:
 * link with "{id}" replaced by the incident's id, or "scribe open ID"
 * when link is NULL).  flags: REPORT_TERMINAL, REPORT_ASCII. */
void report_actions_csv(struct strbuf *out, struct incident *inc, const char *link, unsigned flags);
void report_actions_jsonl(struct strbuf *out, struct incident *inc, const char *link, unsigned flags);

/* The discussion of the factors and actions (export --comments), as an
 * appendix to the report: a "### Factor: TITLE" or "### Action: TITLE"
 * for each live card with comments, each comment a list item with its
 * author and time (UTC).  Nothing when there are no comments. */
void report_markdown_discussion(struct strbuf *out, struct incident *inc);

#endif
