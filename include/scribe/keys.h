/* Every key the full-screen program knows, as named requests in one
 * table: the key map, the help overlay and the manual come from (or are
 * checked against) this list. */
#ifndef SCRIBE_KEYS_H
#define SCRIBE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum key_ctx {
	CTX_ANY = 1 << 0,
	CTX_TIMELINE = 1 << 1,
	CTX_BOARD = 1 << 2,	/* factors and actions */
	CTX_PICKER = 1 << 3,
	CTX_LIST = CTX_TIMELINE | CTX_BOARD | CTX_PICKER,
};

/* X(request, contexts, keys as shown, what it does) */
#define REQUESTS(X) \
	X(REQ_NEXT_PANE, CTX_ANY, "Tab", "next pane (timeline, factors, actions, summary)") \
	X(REQ_PREV_PANE, CTX_ANY, "Shift-Tab", "previous pane") \
	X(REQ_HELP, CTX_ANY, "F1", "this help (also ? outside the timeline)") \
	X(REQ_QUIT, CTX_ANY, "Ctrl-Q", "quit, saving everything first (also Ctrl-C)") \
	X(REQ_REDRAW, CTX_ANY, "Ctrl-L", "redraw the screen") \
	X(REQ_SUSPEND, CTX_ANY, "Ctrl-Z", "suspend; fg brings scribe back") \
	X(REQ_UP, CTX_LIST, "Up", "previous event or item") \
	X(REQ_DOWN, CTX_LIST, "Down", "next event or item") \
	X(REQ_PAGE_UP, CTX_LIST, "PgUp", "a page up") \
	X(REQ_PAGE_DOWN, CTX_LIST, "PgDn", "a page down") \
	X(REQ_FIRST, CTX_LIST, "Home", "first event or item") \
	X(REQ_LAST, CTX_LIST, "End", "last event or item; the timeline follows new events again") \
	X(REQ_TYPE, CTX_TIMELINE, "any printable key", "starts a new entry, stamped at that key press") \
	X(REQ_COMMIT, CTX_TIMELINE, "Enter", "commit the entry; on an empty line, stamp a bare mark") \
	X(REQ_ASIDE, CTX_TIMELINE, "Esc", "set the entry aside as a draft (cancels an /edit)") \
	X(REQ_RECALL, CTX_TIMELINE, "Ctrl-R", "bring back the latest draft set aside") \
	X(REQ_FIND_NEXT, CTX_TIMELINE, "Ctrl-N", "next match of the last /find") \
	X(REQ_FIND_PREV, CTX_TIMELINE, "Ctrl-P", "previous match of the last /find") \
	X(REQ_FOLD, CTX_TIMELINE, "Ctrl-O", "show all of the selected event's long text, or fold it again") \
	X(REQ_CURSOR, CTX_TIMELINE, "Left Right Ctrl-A Ctrl-E", "move in the entry (by character, to start, to end)") \
	X(REQ_ERASE, CTX_TIMELINE, "Backspace Delete", "erase the character before / under the cursor") \
	X(REQ_KILL, CTX_TIMELINE, "Ctrl-W Ctrl-U Ctrl-K", "erase the word before, all before, all after the cursor") \
	X(REQ_ADD, CTX_BOARD, "a", "add a factor card / an action (title prompt, Enter)") \
	X(REQ_EDIT, CTX_BOARD, "Enter e", "edit the selected card, action or summary field") \
	X(REQ_LEFT, CTX_BOARD, "Left", "previous column of the board") \
	X(REQ_RIGHT, CTX_BOARD, "Right", "next column of the board") \
	X(REQ_MOVE_LEFT, CTX_BOARD, "<", "move the card to the previous column") \
	X(REQ_MOVE_RIGHT, CTX_BOARD, ">", "move the card to the next column") \
	X(REQ_MOVE_UP, CTX_BOARD, "K", "move the card or action up (manual order)") \
	X(REQ_MOVE_DOWN, CTX_BOARD, "J", "move the card or action down") \
	X(REQ_DESCRIBE, CTX_BOARD, "d", "edit the card's description (multi-line; Ctrl-S saves)") \
	X(REQ_EXTERNAL, CTX_BOARD, "E", "edit the long text in $VISUAL or $EDITOR") \
	X(REQ_LINK, CTX_BOARD, "l", "link timeline events to the card / factors to the action") \
	X(REQ_GOTO, CTX_BOARD, "g", "jump to the card's events in the timeline (Esc comes back)") \
	X(REQ_NO_ACTION, CTX_BOARD, "n", "say why a factor needs no action") \
	X(REQ_COMMENT, CTX_BOARD, "c", "comment on the card or action (shown under it; Enter saves)") \
	X(REQ_HISTORY, CTX_BOARD, "h", "history of the card, action or incident: who changed what, when") \
	X(REQ_DELETE, CTX_BOARD, "x", "delete the card or action (kept in history)") \
	X(REQ_UNDELETE, CTX_BOARD, "u", "restore what was deleted last") \
	X(REQ_PRIORITY, CTX_BOARD, "0 1 2 3", "set the action's priority, P0 to P3") \
	X(REQ_VOTE, CTX_BOARD, "v", "vote for the action, or take your vote back") \
	X(REQ_STATUS, CTX_BOARD, "s", "next status: open, doing, done, wontfix (asks why)") \
	X(REQ_ACTION_TYPE, CTX_BOARD, "t", "next type: prevent, mitigate, detect, process") \
	X(REQ_OWNER, CTX_BOARD, "o", "set the action's owner") \
	X(REQ_DUE, CTX_BOARD, "D", "set the due date: YYYY-MM-DD, +3d, +2w, today, tomorrow") \
	X(REQ_REF, CTX_BOARD, "r", "the action's tracker reference once filed: PROJ-123, #45, a link") \
	X(REQ_EXPORT, CTX_BOARD, "w", "write the report (markdown) to a file") \
	X(REQ_PRESENT, CTX_BOARD, "P", "projector mode: one pane, more air, the projector theme") \
	X(REQ_ZOOM, CTX_BOARD, "z", "zoom the pane to the whole screen, and back") \
	X(REQ_THEME, CTX_BOARD, "T", "next theme") \
	X(REQ_TIMEBOX, CTX_BOARD, "B", "a timebox for this part of the meeting (10m; off)") \
	X(REQ_QUIT_LETTER, CTX_BOARD | CTX_PICKER, "q", "quit (same as Ctrl-Q)") \
	X(REQ_OPEN, CTX_PICKER, "Enter", "open the selected incident") \
	X(REQ_NEW, CTX_PICKER, "n", "new incident (title, then severity)") \
	X(REQ_FILTER, CTX_PICKER, "/ or any other letter", "filter the list by id or title; Esc clears") \
	X(REQ_BACK, CTX_TIMELINE, "Esc (empty entry)", "back to the card after g jumped here")

#define ENUM_REQ(req, ctx, keys, help) req,
enum request { REQ_NONE, REQUESTS(ENUM_REQ) REQ_COUNT };
#undef ENUM_REQ

/* X(name, arguments, what it does): commands typed as a timeline entry */
#define SLASH_COMMANDS(X) \
	X("help", "", "this help") \
	X("quit", "", "quit, saving everything first") \
	X("edit", "[TEXT]", "edit the selected event's text (Enter saves, Esc cancels)") \
	X("at", "TIME", "set the selected event's time (HH:MM, -5m, RFC 3339)") \
	X("kind", "KIND", "set its kind: deploy, config, discovery, comms, action, note") \
	X("marker", "MARKER", "set its marker: started, detected, mitigated, resolved, none") \
	X("star", "", "star it for the report (again: unstar)") \
	X("causal", "", "flag it as causal (again: unflag)") \
	X("internal", "", "keep it out of the public report (again: publish it)") \
	X("ref", "[REF]", "the tracker's reference (PROJ-123, #45, a link) of the highlighted action") \
	X("delete", "", "delete it (kept in history; /restore brings it back)") \
	X("restore", "", "restore a deleted event (see /deleted)") \
	X("deleted", "", "show or hide deleted events") \
	X("history", "", "the selected event's history: who changed what, when, from what to what") \
	X("find", "TEXT", "select the next event containing TEXT (Ctrl-N, Ctrl-P go on)") \
	X("status", "STATUS", "set the incident's status: active, mitigated, resolved, reviewed") \
	X("severity", "N", "set the incident's severity, 1 (worst) to 4") \
	X("title", "TEXT", "rename the incident") \
	X("drafts", "", "how many drafts are set aside (Ctrl-R brings one back)") \
	X("export", "[FILE]", "write the report (markdown) to FILE, ID.md by default") \
	X("import", "FILE", "events of a log or of a Slack export (#CHANNEL FOLDER): pick, then add") \
	X("present", "", "projector mode on or off") \
	X("zoom", "", "zoom the pane to the whole screen, and back") \
	X("theme", "[NAME]", "use theme NAME, or the next one") \
	X("timebox", "DURATION", "a countdown for the meeting: 10m, 90s, 1h30m; off")

struct key_help {
	enum request req;
	const char *name;	/* in the configuration: "next-pane" */
	unsigned ctx;
	const char *keys, *help;
};

extern const struct key_help key_table[];
extern const size_t key_table_len;

struct slash_help {
	const char *name, *args, *help;
};

extern const struct slash_help slash_table[];
extern const size_t slash_table_len;

/* The request a key (a curses key code, or a character when is_char)
 * makes in the given context, or REQ_NONE. */
enum request keys_request(int key, bool is_char, enum key_ctx ctx);

struct config_key;
struct diags;
/* Takes the configuration's key bindings ("keys:" in config.yaml, read
 * from file): each replaces the default keys of its request (Ctrl-C
 * always quits).  Problems (an unknown request or key, a printable key
 * for a request that works in the timeline, where it would stop typing)
 * go to d with their line and column; those bindings are not taken. */
void keys_configure(const struct config_key *keys, size_t n, const char *file, struct diags *d);
/* The keys of a request as the help shows them (the configured ones
 * when there are). */
const char *keys_label(const struct key_help *k);

#endif
