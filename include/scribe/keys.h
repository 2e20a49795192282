/* Every key the full-screen program knows, as named requests in one
 * table: each row holds the request's default keys (the key codes
 * themselves), the label the status hints show and the help text.  The
 * key map, the help overlay, the hints and the KEYS section of scribe(1)
 * (`make man-keys`) are all made from it; the slash commands are a
 * second table, with their handlers. */
#ifndef SCRIBE_KEYS_H
#define SCRIBE_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum key_ctx {
	CTX_ANY = 1 << 0,
	CTX_TIMELINE = 1 << 1,
	CTX_BOARD = 1 << 2,	/* factors, actions and summary */
	CTX_PICKER = 1 << 3,
	CTX_LIST = CTX_TIMELINE | CTX_BOARD | CTX_PICKER,
};

/* A key as the key reader gives it: a character (is_char: 'a', '\t',
 * Ctrl-Q as 17, Esc as 27) or a curses key code (KEY_UP, KEY_F(1)). */
struct key {
	int code;
	bool is_char;
	unsigned ctx;	/* narrower than its request's contexts, or 0 */
	bool kept;	/* still works when the configuration rebinds the request */
};

/* The keys of a row, written with these (the KEY_ names are curses'
 * and are only expanded in src/keys.c):
 *   KC('a')            a character
 *   KC_IN('k', CTX_BOARD)  a character that does it only there
 *   KCTRL('q')         Ctrl and a letter
 *   KCODE(KEY_F(1))    a curses key code
 *   KENTER, KBACKSPACE every code a terminal may send for that key
 *   KTEXT, KOTHER      "any printable key", "or any other letter" (shown,
 *                      never matched: the pane reads the text itself) */
#define KEYS(...) { __VA_ARGS__ }
#define KC(c) { (c), true, 0, false }
#define KC_IN(c, where) { (c), true, (where), false }
#define KCTRL(c) { (c) & 0x1f, true, 0, false }
#define KCTRL_KEPT(c) { (c) & 0x1f, true, 0, true }
#define KCODE(k) { (k), false, 0, false }
#define KENTER KC('\r'), KC('\n'), KCODE(KEY_ENTER)
#define KBACKSPACE KC(127), KC(8), KCODE(KEY_BACKSPACE)
#define KPSEUDO_TEXT (-1)
#define KPSEUDO_OTHER (-2)
#define KTEXT { KPSEUDO_TEXT, false, 0, false }
#define KOTHER { KPSEUDO_OTHER, false, 0, false }

/* X(request, contexts, label in the hints, default keys, what it does)
 *
 * To add a request: add its row here (in the group of its contexts: the
 * help and the manual list the rows in this order), handle the request
 * in the pane's key function, then run `make man-keys` and commit
 * man/scribe.1 with it (`make check` fails until the page matches).  Its
 * name in the configuration comes from the enum: REQ_EDIT_COMMENT is
 * "edit-comment".  A key only one request may have in a context; the
 * first row wins. */
#define REQUESTS(X) \
	X(REQ_NEXT_PANE, CTX_ANY, "next", KEYS(KC('\t')), "next pane (timeline, factors, actions, summary)") \
	X(REQ_PREV_PANE, CTX_ANY, "previous", KEYS(KCODE(KEY_BTAB)), "previous pane") \
	X(REQ_HELP, CTX_ANY, "help", KEYS(KCODE(KEY_F(1)), KC_IN('?', CTX_BOARD | CTX_PICKER)), "this help") \
	X(REQ_QUIT, CTX_ANY, "quit", KEYS(KCTRL('q'), KCTRL_KEPT('c')), "quit, saving everything first") \
	X(REQ_REDRAW, CTX_ANY, "redraw", KEYS(KCTRL('l')), "redraw the screen") \
	X(REQ_SUSPEND, CTX_ANY, "suspend", KEYS(KCTRL('z')), "suspend; fg brings scribe back") \
	X(REQ_UP, CTX_LIST, "move", KEYS(KCODE(KEY_UP), KC_IN('k', CTX_BOARD)), "previous event or item") \
	X(REQ_DOWN, CTX_LIST, "move", KEYS(KCODE(KEY_DOWN), KC_IN('j', CTX_BOARD)), "next event or item") \
	X(REQ_PAGE_UP, CTX_LIST, "move", KEYS(KCODE(KEY_PPAGE)), "a page up") \
	X(REQ_PAGE_DOWN, CTX_LIST, "move", KEYS(KCODE(KEY_NPAGE)), "a page down") \
	X(REQ_FIRST, CTX_LIST, "move", KEYS(KCODE(KEY_HOME)), "first event or item") \
	X(REQ_LAST, CTX_LIST, "move", KEYS(KCODE(KEY_END)), "last event or item; the timeline follows new events again") \
	X(REQ_TYPE, CTX_TIMELINE, "type", KEYS(KTEXT), "starts a new entry, stamped at that key press") \
	X(REQ_COMMIT, CTX_TIMELINE, "commit", KEYS(KENTER), "commit the entry; on an empty line, stamp a bare mark") \
	X(REQ_ASIDE, CTX_TIMELINE, "aside", KEYS(KC(27)), "set the entry aside as a draft (cancels an /edit)") \
	X(REQ_RECALL, CTX_TIMELINE, "recall", KEYS(KCTRL('r')), "bring back the latest draft set aside") \
	X(REQ_FIND_NEXT, CTX_TIMELINE, "next match", KEYS(KCTRL('n')), "next match of the last /find") \
	X(REQ_FIND_PREV, CTX_TIMELINE, "previous match", KEYS(KCTRL('p')), "previous match of the last /find") \
	X(REQ_FOLD, CTX_TIMELINE, "fold", KEYS(KCTRL('o')), "show all of the selected event's long text, or fold it again") \
	X(REQ_CURSOR, CTX_TIMELINE, "cursor", KEYS(KCODE(KEY_LEFT), KCODE(KEY_RIGHT), KCTRL('a'), KCTRL('e')), \
	  "move in the entry (by character, to start, to end)") \
	X(REQ_ERASE, CTX_TIMELINE, "erase", KEYS(KBACKSPACE, KCODE(KEY_DC)), "erase the character before / under the cursor") \
	X(REQ_KILL, CTX_TIMELINE, "kill", KEYS(KCTRL('w'), KCTRL('u'), KCTRL('k')), \
	  "erase the word before, all before, all after the cursor") \
	X(REQ_BACK, CTX_TIMELINE, "back", KEYS(KC(27)), "on an empty entry: back to the card after g jumped here") \
	X(REQ_ADD, CTX_BOARD, "add", KEYS(KC('a')), "add a factor card / an action (title prompt, Enter)") \
	X(REQ_EDIT, CTX_BOARD, "edit", KEYS(KC('e'), KENTER), "edit the selected card, action or summary field") \
	X(REQ_LEFT, CTX_BOARD, "column", KEYS(KCODE(KEY_LEFT)), "previous column of the board") \
	X(REQ_RIGHT, CTX_BOARD, "column", KEYS(KCODE(KEY_RIGHT)), "next column of the board") \
	X(REQ_MOVE_LEFT, CTX_BOARD, "move", KEYS(KC('<')), "move the card to the previous column") \
	X(REQ_MOVE_RIGHT, CTX_BOARD, "move", KEYS(KC('>')), "move the card to the next column") \
	X(REQ_MOVE_UP, CTX_BOARD, "move", KEYS(KC('K')), "move the card or action up (manual order)") \
	X(REQ_MOVE_DOWN, CTX_BOARD, "move", KEYS(KC('J')), "move the card or action down") \
	X(REQ_DESCRIBE, CTX_BOARD, "describe", KEYS(KC('d')), "edit the card's description (multi-line; Ctrl-S saves)") \
	X(REQ_EXTERNAL, CTX_BOARD, "editor", KEYS(KC('E')), "edit the long text in $VISUAL or $EDITOR") \
	X(REQ_LINK, CTX_BOARD, "link", KEYS(KC('l')), "link timeline events to the card / factors to the action") \
	X(REQ_GOTO, CTX_BOARD, "events", KEYS(KC('g')), "jump to the card's events in the timeline (Esc comes back)") \
	X(REQ_NO_ACTION, CTX_BOARD, "no action", KEYS(KC('n')), "say why a factor needs no action") \
	X(REQ_COMMENT, CTX_BOARD, "comment", KEYS(KC('c')), "comment on the card or action (shown under it; Enter saves)") \
	X(REQ_COMMENT_EDIT, CTX_BOARD, "edit comment", KEYS(KC('C')), "edit a comment on the card or action (anyone's; kept in history)") \
	X(REQ_COMMENT_DELETE, CTX_BOARD, "delete comment", KEYS(KC('X')), "delete comments on the card or action (tick them; kept in history)") \
	X(REQ_HISTORY, CTX_BOARD, "history", KEYS(KC('h')), "history of the card, action or incident: who changed what, when") \
	X(REQ_DELETE, CTX_BOARD, "delete", KEYS(KC('x')), "delete the card or action (kept in history)") \
	X(REQ_UNDELETE, CTX_BOARD, "undelete", KEYS(KC('u')), "restore what was deleted last") \
	X(REQ_PRIORITY, CTX_BOARD, "priority", KEYS(KC('0'), KC('1'), KC('2'), KC('3')), "set the action's priority, P0 to P3") \
	X(REQ_VOTE, CTX_BOARD, "vote", KEYS(KC('v')), "vote for the action, or take your vote back") \
	X(REQ_STATUS, CTX_BOARD, "status", KEYS(KC('s')), "next status: open, doing, done, wontfix (asks why)") \
	X(REQ_ACTION_TYPE, CTX_BOARD, "type", KEYS(KC('t')), "next type: prevent, mitigate, detect, process") \
	X(REQ_OWNER, CTX_BOARD, "owner", KEYS(KC('o')), "set the action's owner") \
	X(REQ_DUE, CTX_BOARD, "due", KEYS(KC('D')), "set the due date: YYYY-MM-DD, +3d, +2w, today, tomorrow") \
	X(REQ_REF, CTX_BOARD, "reference", KEYS(KC('r')), "the action's tracker reference once filed: PROJ-123, #45, a link") \
	X(REQ_EXPORT, CTX_BOARD, "export", KEYS(KC('w')), "write the report (markdown) to a file") \
	X(REQ_PRESENT, CTX_BOARD, "present", KEYS(KC('P')), "projector mode: one pane, more air, the projector theme") \
	X(REQ_ZOOM, CTX_BOARD, "zoom", KEYS(KC('z')), "zoom the pane to the whole screen, and back") \
	X(REQ_THEME, CTX_BOARD, "theme", KEYS(KC('T')), "next theme") \
	X(REQ_TIMEBOX, CTX_BOARD, "timebox", KEYS(KC('B')), "a timebox for this part of the meeting (10m; off)") \
	X(REQ_QUIT_LETTER, CTX_BOARD | CTX_PICKER, "quit", KEYS(KC('q')), "quit (same as Ctrl-Q)") \
	X(REQ_OPEN, CTX_PICKER, "open", KEYS(KENTER), "open the selected incident") \
	X(REQ_NEW, CTX_PICKER, "new", KEYS(KC('n')), "new incident (title, then severity)") \
	X(REQ_FILTER, CTX_PICKER, "filter", KEYS(KC('/'), KOTHER), "filter the list by id or title; Esc clears")

#define ENUM_REQ(req, ctx, label, keys, help) req,
enum request { REQ_NONE, REQUESTS(ENUM_REQ) REQ_COUNT };
#undef ENUM_REQ

/* One row of REQUESTS. */
struct request_def {
	enum request req;
	unsigned ctx;
	const char *label, *help;
	const struct key *keys;	/* the default keys */
	size_t nkeys;
};

extern const struct request_def request_table[];
extern const size_t request_table_len;

/* The row of req (REQ_NONE: NULL). */
const struct request_def *keys_def(enum request req);

/* X(name, arguments, handler, what it does): commands typed as a
 * timeline entry (/name arguments).  The handler is a function in
 * src/timeline.c, void handler(struct ui *, struct timeline *, const
 * char *arguments), declared there from this list: to add a command, add
 * its row and write the function, then `make man-keys`. */
#define SLASH_COMMANDS(X) \
	X("help", "", slash_help, "this help") \
	X("quit", "", slash_quit, "quit, saving everything first") \
	X("q", "", slash_quit, "same as /quit") \
	X("edit", "[TEXT]", slash_edit, "edit the selected event's text (Enter saves, Esc cancels)") \
	X("at", "TIME", slash_at, "set the selected event's time (HH:MM, -5m, RFC 3339)") \
	X("kind", "KIND", slash_kind, "set its kind: deploy, config, discovery, comms, action, note") \
	X("marker", "MARKER", slash_marker, "set its marker: started, detected, mitigated, resolved, none") \
	X("star", "", slash_star, "star it for the report (again: unstar)") \
	X("causal", "", slash_causal, "flag it as causal (again: unflag)") \
	X("internal", "", slash_internal, "keep it out of the public report (again: publish it)") \
	X("ref", "[REF]", slash_ref, "the tracker's reference (PROJ-123, #45, a link) of the highlighted action") \
	X("delete", "", slash_delete, "delete it (kept in history; /restore brings it back)") \
	X("restore", "", slash_restore, "restore a deleted event (see /deleted)") \
	X("deleted", "", slash_deleted, "show or hide deleted events") \
	X("history", "", slash_history, "the selected event's history: who changed what, when, from what to what") \
	X("find", "TEXT", slash_find, "select the next event containing TEXT (Ctrl-N, Ctrl-P go on)") \
	X("search", "TEXT", slash_find, "same as /find") \
	X("status", "STATUS", slash_status, "set the incident's status: active, mitigated, resolved, reviewed") \
	X("severity", "N", slash_severity, "set the incident's severity, 1 (worst) to 4") \
	X("title", "TEXT", slash_title, "rename the incident") \
	X("drafts", "", slash_drafts, "how many drafts are set aside (Ctrl-R brings one back)") \
	X("export", "[FILE]", slash_export, "write the report (markdown) to FILE, ID.md by default") \
	X("import", "FILE", slash_import, "events of a log or of a Slack export (#CHANNEL FOLDER): pick, then add") \
	X("present", "", slash_present, "projector mode on or off") \
	X("zoom", "", slash_zoom, "zoom the pane to the whole screen, and back") \
	X("theme", "[NAME]", slash_theme, "use theme NAME, or the next one") \
	X("timebox", "DURATION", slash_timebox, "a countdown for the meeting: 10m, 90s, 1h30m; off")

struct slash_def {
	const char *name, *args, *help;
};

extern const struct slash_def slash_table[];
extern const size_t slash_table_len;

/* The slash command called name (exact), or -1. */
int keys_slash(const char *name);

/* The request a key (a curses key code, or a character when is_char)
 * makes in the given context, or REQ_NONE: the configured keys of a
 * request replace its default ones. */
enum request keys_request(int key, bool is_char, enum key_ctx ctx);

struct config_key;
struct diags;
/* Takes the configuration's key bindings ("keys:" in config.yaml, read
 * from file): each replaces the default keys of its request (Ctrl-C
 * always quits).  Problems (an unknown request or key, a printable key
 * for a request that works in the timeline, where it would stop typing)
 * go to d with their line and column; those bindings are not taken. */
void keys_configure(const struct config_key *keys, size_t n, const char *file, struct diags *d);

struct strbuf;
/* A key's name as the help shows it: "Ctrl-Q", "PgUp", "F1", "Enter",
 * "a". */
void keys_name(struct strbuf *sb, int code, bool is_char);
/* Appends the names of the keys req has now (the configured ones, if
 * any) that work in ctx (0: anywhere), separated by spaces; a name is
 * given once (Enter, whatever the terminal sends). */
void keys_names(struct strbuf *sb, enum request req, unsigned ctx);
/* Appends "KEY label" for each request of reqs that has a key in ctx,
 * two spaces apart; neighbours with the same label share it ("<> move",
 * "Up/Down move"); a run of digits shows as "0-3". */
void keys_hints(struct strbuf *sb, unsigned ctx, const enum request *reqs, size_t n);

/* The help overlay for a pane of context ctx, line by line: keys is NULL
 * for a heading or an empty line. */
void keys_help(unsigned ctx, void (*line)(void *arg, const char *keys, const char *help), void *arg);

/* Writes the tables for a generator: "man" is the KEYS section of
 * scribe(1), between its markers.  Returns 0, or -1 for another format. */
int keys_dump(const char *format, FILE *out);

#endif
