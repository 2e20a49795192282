#include "config.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/config.h"
#include "scribe/keys.h"
#include "scribe/util.h"

static const char *const req_enum_names[] = {
#define ROW(req, ctx, keys, help) #req,
	REQUESTS(ROW)
#undef ROW
};

const struct key_help key_table[] = {
#define ROW(req, ctx, keys, help) { req, NULL, ctx, keys, help },
	REQUESTS(ROW)
#undef ROW
};
const size_t key_table_len = ARRAY_SIZE(key_table);

const struct slash_help slash_table[] = {
#define ROW(name, args, help) { name, args, help },
	SLASH_COMMANDS(ROW)
#undef ROW
};
const size_t slash_table_len = ARRAY_SIZE(slash_table);

#define CTRL(c) ((c) & 0x1f)

/* The default bindings: (key, is a character, contexts, request). */
static const struct {
	int key;
	bool is_char;
	unsigned ctx;
	enum request req;
} bindings[] = {
	{ '\t', true, CTX_ANY, REQ_NEXT_PANE },
	{ KEY_BTAB, false, CTX_ANY, REQ_PREV_PANE },
	{ KEY_F(1), false, CTX_ANY, REQ_HELP },
	{ '?', true, CTX_BOARD | CTX_PICKER, REQ_HELP },
	{ CTRL('q'), true, CTX_ANY, REQ_QUIT },
	{ CTRL('c'), true, CTX_ANY, REQ_QUIT },
	{ CTRL('l'), true, CTX_ANY, REQ_REDRAW },
	{ CTRL('z'), true, CTX_ANY, REQ_SUSPEND },
	{ KEY_UP, false, CTX_LIST, REQ_UP },
	{ KEY_DOWN, false, CTX_LIST, REQ_DOWN },
	{ KEY_PPAGE, false, CTX_LIST, REQ_PAGE_UP },
	{ KEY_NPAGE, false, CTX_LIST, REQ_PAGE_DOWN },
	{ KEY_HOME, false, CTX_LIST, REQ_FIRST },
	{ KEY_END, false, CTX_LIST, REQ_LAST },
	{ 'k', true, CTX_BOARD, REQ_UP },
	{ 'j', true, CTX_BOARD, REQ_DOWN },
	{ '\r', true, CTX_TIMELINE, REQ_COMMIT },
	{ '\n', true, CTX_TIMELINE, REQ_COMMIT },
	{ KEY_ENTER, false, CTX_TIMELINE, REQ_COMMIT },
	{ 27, true, CTX_TIMELINE, REQ_ASIDE },
	{ CTRL('r'), true, CTX_TIMELINE, REQ_RECALL },
	{ CTRL('n'), true, CTX_TIMELINE, REQ_FIND_NEXT },
	{ CTRL('p'), true, CTX_TIMELINE, REQ_FIND_PREV },
	{ 'a', true, CTX_BOARD, REQ_ADD },
	{ 'e', true, CTX_BOARD, REQ_EDIT },
	{ '\r', true, CTX_BOARD, REQ_EDIT },
	{ '\n', true, CTX_BOARD, REQ_EDIT },
	{ KEY_ENTER, false, CTX_BOARD, REQ_EDIT },
	{ 'q', true, CTX_BOARD | CTX_PICKER, REQ_QUIT_LETTER },
	{ KEY_LEFT, false, CTX_BOARD, REQ_LEFT },
	{ KEY_RIGHT, false, CTX_BOARD, REQ_RIGHT },
	{ '<', true, CTX_BOARD, REQ_MOVE_LEFT },
	{ '>', true, CTX_BOARD, REQ_MOVE_RIGHT },
	{ 'K', true, CTX_BOARD, REQ_MOVE_UP },
	{ 'J', true, CTX_BOARD, REQ_MOVE_DOWN },
	{ 'd', true, CTX_BOARD, REQ_DESCRIBE },
	{ 'E', true, CTX_BOARD, REQ_EXTERNAL },
	{ 'l', true, CTX_BOARD, REQ_LINK },
	{ 'g', true, CTX_BOARD, REQ_GOTO },
	{ 'r', true, CTX_BOARD, REQ_REF },
	{ 'n', true, CTX_BOARD, REQ_NO_ACTION },
	{ 'c', true, CTX_BOARD, REQ_COMMENT },
	{ 'h', true, CTX_BOARD, REQ_HISTORY },
	{ 'x', true, CTX_BOARD, REQ_DELETE },
	{ 'u', true, CTX_BOARD, REQ_UNDELETE },
	{ '0', true, CTX_BOARD, REQ_PRIORITY },
	{ '1', true, CTX_BOARD, REQ_PRIORITY },
	{ '2', true, CTX_BOARD, REQ_PRIORITY },
	{ '3', true, CTX_BOARD, REQ_PRIORITY },
	{ 'v', true, CTX_BOARD, REQ_VOTE },
	{ 's', true, CTX_BOARD, REQ_STATUS },
	{ 't', true, CTX_BOARD, REQ_ACTION_TYPE },
	{ 'o', true, CTX_BOARD, REQ_OWNER },
	{ 'D', true, CTX_BOARD, REQ_DUE },
	{ 'w', true, CTX_BOARD, REQ_EXPORT },
	{ 'P', true, CTX_BOARD, REQ_PRESENT },
	{ 'z', true, CTX_BOARD, REQ_ZOOM },
	{ 'T', true, CTX_BOARD, REQ_THEME },
	{ 'B', true, CTX_BOARD, REQ_TIMEBOX },
	{ '\r', true, CTX_PICKER, REQ_OPEN },
	{ '\n', true, CTX_PICKER, REQ_OPEN },
	{ KEY_ENTER, false, CTX_PICKER, REQ_OPEN },
	{ 'n', true, CTX_PICKER, REQ_NEW },
	{ '/', true, CTX_PICKER, REQ_FILTER },
};

/* ---- configured bindings ---- */

struct binding {
	int key;
	bool is_char;
	enum request req;
};

static struct binding *custom;
static size_t ncustom;
static bool rebound[REQ_COUNT];
static char *labels[REQ_COUNT];

/* "next-pane" for REQ_NEXT_PANE. */
static const char *req_name(size_t i)
{
	static char names[ARRAY_SIZE(req_enum_names)][32];

	if (!names[i][0]) {
		const char *e = req_enum_names[i] + 4;	/* after "REQ_" */
		size_t j = 0;

		for (; e[j] && j < sizeof(names[i]) - 1; j++)
			names[i][j] = e[j] == '_' ? '-' : (char)(e[j] >= 'A' && e[j] <= 'Z' ? e[j] + 32 : e[j]);
	}
	return names[i];
}

static const struct {
	const char *name;
	int key;
	bool is_char;
} named_keys[] = {
	{ "tab", '\t', true }, { "shift-tab", KEY_BTAB, false }, { "enter", '\r', true },
	{ "esc", 27, true }, { "space", ' ', true }, { "backspace", 127, true }, { "delete", KEY_DC, false },
	{ "up", KEY_UP, false }, { "down", KEY_DOWN, false }, { "left", KEY_LEFT, false },
	{ "right", KEY_RIGHT, false }, { "home", KEY_HOME, false }, { "end", KEY_END, false },
	{ "pgup", KEY_PPAGE, false }, { "pgdn", KEY_NPAGE, false },
};

/* Reads a key as written in the configuration; false if it is none. */
static bool parse_key(const char *s, int *key, bool *is_char)
{
	for (size_t i = 0; i < ARRAY_SIZE(named_keys); i++) {
		if (!strcmp(s, named_keys[i].name)) {
			*key = named_keys[i].key;
			*is_char = named_keys[i].is_char;
			return true;
		}
	}
	if (!strncmp(s, "ctrl-", 5) && s[5] >= 'a' && s[5] <= 'z' && !s[6] && s[5] != 'c' && s[5] != 'm' &&
	    s[5] != 'i') {
		*key = s[5] - 'a' + 1;
		*is_char = true;
		return true;
	}
	if (s[0] == 'f' && s[1] >= '1' && s[1] <= '9') {
		int n = atoi(s + 1);

		if (n >= 1 && n <= 12 && strspn(s + 1, "0123456789") == strlen(s + 1)) {
			*key = KEY_F(n);
			*is_char = false;
			return true;
		}
	}
	if (s[0] > 32 && s[0] < 127 && !s[1]) {
		*key = s[0];
		*is_char = true;
		return true;
	}
	return false;
}

void keys_configure(const struct config_key *keys, size_t n, const char *file, struct diags *d)
{
	for (size_t i = 0; i < n; i++) {
		const struct config_key *k = &keys[i];
		size_t r = 0;
		int key;
		bool is_char;

		while (r < ARRAY_SIZE(req_enum_names) && strcmp(req_name(r), k->request))
			r++;
		if (r == ARRAY_SIZE(req_enum_names)) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: no request \"%s\" (the names are in "
				  "scribe(1), KEYS: next-pane, quit, add, vote, ...)", k->request);
			continue;
		}
		switch (key_table[r].req) {
		case REQ_TYPE: case REQ_CURSOR: case REQ_ERASE: case REQ_KILL: case REQ_BACK:
			/* the entry's own keys, described in the table, fixed */
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: the keys of %s cannot be changed",
				  k->request);
			continue;
		default:
			break;
		}
		if (!parse_key(k->key, &key, &is_char)) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: \"%s\" is not a key (a letter, ctrl-a .. "
				  "ctrl-z, f1 .. f12, tab, shift-tab, enter, esc, space, up, down, ...)", k->key);
			continue;
		}
		if (is_char && key >= 32 && key < 127 && (key_table[r].ctx & (CTX_TIMELINE | CTX_ANY))) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: \"%s\" would stop typing in the timeline; "
				  "give %s a ctrl- key", k->key, k->request);
			continue;
		}
		custom = xreallocarray(custom, ncustom + 1, sizeof(*custom));
		custom[ncustom++] = (struct binding){ key, is_char, key_table[r].req };
		rebound[key_table[r].req] = true;
		{
			char *old = labels[key_table[r].req];

			labels[key_table[r].req] = old ? xasprintf("%s %s", old, k->key) : xstrdup(k->key);
			free(old);
		}
	}
}

const char *keys_label(const struct key_help *k)
{
	return labels[k->req] ? labels[k->req] : k->keys;
}

enum request keys_request(int key, bool is_char, enum key_ctx ctx)
{
	for (size_t i = 0; i < ncustom; i++) {
		unsigned rctx = 0;

		for (size_t j = 0; j < key_table_len; j++)
			if (key_table[j].req == custom[i].req)
				rctx = key_table[j].ctx;
		if (custom[i].key == key && custom[i].is_char == is_char && (rctx & (ctx | CTX_ANY)))
			return custom[i].req;
	}
	for (size_t i = 0; i < ARRAY_SIZE(bindings); i++) {
		/* a configured key replaces the defaults (Ctrl-C always quits) */
		if (rebound[bindings[i].req] && !(bindings[i].req == REQ_QUIT && bindings[i].key == CTRL('c')))
			continue;
		if (bindings[i].key == key && bindings[i].is_char == is_char &&
		    (bindings[i].ctx & (ctx | CTX_ANY)))
			return bindings[i].req;
	}
	return REQ_NONE;
}
