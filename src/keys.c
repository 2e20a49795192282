#include "config.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/config.h"
#include "scribe/keys.h"
#include "scribe/util.h"

/* ---- the tables ---- */

#define KEYS_OF(req, ctx, label, k, help) static const struct key keys_##req[] = k;
REQUESTS(KEYS_OF)
#undef KEYS_OF

const struct request_def request_table[] = {
#define ROW(req, ctx, label, k, help) { req, ctx, label, help, keys_##req, ARRAY_SIZE(keys_##req) },
	REQUESTS(ROW)
#undef ROW
};
const size_t request_table_len = ARRAY_SIZE(request_table);

static const char *const req_enum_names[] = {
#define ROW(req, ctx, label, k, help) #req,
	REQUESTS(ROW)
#undef ROW
};

const struct slash_def slash_table[] = {
#define ROW(name, args, fn, help) { name, args, help },
	SLASH_COMMANDS(ROW)
#undef ROW
};
const size_t slash_table_len = ARRAY_SIZE(slash_table);

const struct request_def *keys_def(enum request req)
{
	return req > REQ_NONE && req < REQ_COUNT ? &request_table[req - 1] : NULL;
}

int keys_slash(const char *name)
{
	for (size_t i = 0; i < slash_table_len; i++)
		if (!strcmp(slash_table[i].name, name))
			return (int)i;
	return -1;
}

/* ---- configured bindings ---- */

struct binding {
	int key;
	bool is_char;
	enum request req;
};

static struct binding *custom;
static size_t ncustom;
static bool rebound[REQ_COUNT];

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

/* Whether req keeps its keys whatever the configuration says: the
 * entry's own keys, and the digits that are the priorities. */
static bool fixed(enum request req)
{
	switch (req) {
	case REQ_TYPE: case REQ_CURSOR: case REQ_ERASE: case REQ_KILL: case REQ_BACK: case REQ_PRIORITY:
		return true;
	default:
		return false;
	}
}

/* The answers keys_request gave lately, by key: typing asks the same
 * few dozen questions over and over, and each answer walks every
 * request's keys.  Forgotten when the bindings change (keys_configure). */
#define MEMO_SLOTS 128
static struct {
	int key;
	bool is_char, valid;
	enum key_ctx ctx;
	enum request req;
} memo[MEMO_SLOTS];

static enum request request_of(int key, bool is_char, enum key_ctx ctx);

/* Every request's keys (keys_of), in the table's order, in one array:
 * built at the first question after the bindings change. */
static struct flat_key {
	int code;
	bool is_char;
	unsigned ctx;
	enum request req;
} *flat;
static size_t nflat;
static bool flat_ok;

void keys_configure(const struct config_key *keys, size_t n, const char *file, struct diags *d)
{
	/* the answers change with the bindings */
	memset(memo, 0, sizeof(memo));
	flat_ok = false;
	for (size_t i = 0; i < n; i++) {
		const struct config_key *k = &keys[i];
		size_t r = 0;
		int key;
		bool is_char;

		while (r < request_table_len && strcmp(req_name(r), k->request))
			r++;
		if (r == request_table_len) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: no request \"%s\" (the names are in "
				  "scribe(1), KEYS: next-pane, quit, add, vote, ...)", k->request);
			continue;
		}
		if (fixed(request_table[r].req)) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: the keys of %s cannot be changed",
				  k->request);
			continue;
		}
		if (!parse_key(k->key, &key, &is_char)) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: \"%s\" is not a key (a letter, ctrl-a .. "
				  "ctrl-z, f1 .. f12, tab, shift-tab, enter, esc, space, up, down, ...)", k->key);
			continue;
		}
		if (is_char && key >= 32 && key < 127 && (request_table[r].ctx & (CTX_TIMELINE | CTX_ANY))) {
			diags_add(d, DIAG_ERROR, file, k->line, k->col, "keys: \"%s\" would stop typing in the timeline; "
				  "give %s a ctrl- key", k->key, k->request);
			continue;
		}
		custom = xreallocarray(custom, ncustom + 1, sizeof(*custom));
		custom[ncustom++] = (struct binding){ key, is_char, request_table[r].req };
		rebound[request_table[r].req] = true;
	}
}

/* ---- the keys a request has ---- */

#define MAX_KEYS 32

/* The keys req has: the configured ones (unless defaults) and the
 * defaults they leave (all of them when none are configured), each with
 * the contexts it works in. */
static size_t keys_of(enum request req, bool defaults, struct key *out)
{
	const struct request_def *def = keys_def(req);
	bool other = !defaults && rebound[req];
	size_t n = 0;

	if (!def)
		return 0;
	if (other) {
		for (size_t i = 0; i < ncustom && n < MAX_KEYS; i++)
			if (custom[i].req == req)
				out[n++] = (struct key){ custom[i].key, custom[i].is_char, def->ctx, false };
	}
	for (size_t i = 0; i < def->nkeys && n < MAX_KEYS; i++) {
		if (other && !def->keys[i].kept)
			continue;
		out[n] = def->keys[i];
		if (!out[n].ctx)
			out[n].ctx = def->ctx;
		n++;
	}
	return n;
}

/* Whether a key of contexts kctx works in ctx (0: anywhere). */
static bool works_in(unsigned kctx, unsigned ctx)
{
	return !ctx || (kctx & (ctx | CTX_ANY));
}

enum request keys_request(int key, bool is_char, enum key_ctx ctx)
{
	unsigned h = ((unsigned)key * 31u + (unsigned)ctx * 7u + (unsigned)is_char) % MEMO_SLOTS;

	if (!memo[h].valid || memo[h].key != key || memo[h].is_char != is_char || memo[h].ctx != ctx) {
		memo[h].key = key;
		memo[h].is_char = is_char;
		memo[h].ctx = ctx;
		memo[h].req = request_of(key, is_char, ctx);
		memo[h].valid = true;
	}
	return memo[h].req;
}

static void flat_build(void)
{
	struct key k[MAX_KEYS];
	size_t cap = 0;

	nflat = 0;
	for (size_t r = 0; r < request_table_len; r++) {
		size_t n = keys_of(request_table[r].req, false, k);

		for (size_t i = 0; i < n; i++) {
			if (k[i].code < 0)
				continue;
			if (nflat == cap) {
				cap = cap ? 2 * cap : 128;
				flat = xreallocarray(flat, cap, sizeof(*flat));
			}
			flat[nflat++] = (struct flat_key){ k[i].code, k[i].is_char, k[i].ctx, request_table[r].req };
		}
	}
	flat_ok = true;
}

static enum request request_of(int key, bool is_char, enum key_ctx ctx)
{
	for (size_t i = 0; i < ncustom; i++) {
		const struct request_def *def = keys_def(custom[i].req);

		if (custom[i].key == key && custom[i].is_char == is_char && (def->ctx & (ctx | CTX_ANY)))
			return custom[i].req;
	}
	if (!flat_ok)
		flat_build();
	for (size_t i = 0; i < nflat; i++)
		if (flat[i].code == key && flat[i].is_char == is_char && (flat[i].ctx & (ctx | CTX_ANY)))
			return flat[i].req;
	return REQ_NONE;
}

/* ---- names ---- */

void keys_name(struct strbuf *sb, int code, bool is_char)
{
	static const struct {
		int code;
		const char *name;
	} codes[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" },
		{ KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_BTAB, "Shift-Tab" }, { KEY_DC, "Delete" }, { KEY_IC, "Insert" },
		{ KEY_BACKSPACE, "Backspace" }, { KEY_ENTER, "Enter" },
	};

	if (code == KPSEUDO_TEXT) {
		sb_adds(sb, "any printable key");
	} else if (code == KPSEUDO_OTHER) {
		sb_adds(sb, "or any other letter");
	} else if (is_char) {
		switch (code) {
		case '\t': sb_adds(sb, "Tab"); break;
		case '\r': case '\n': sb_adds(sb, "Enter"); break;
		case 27: sb_adds(sb, "Esc"); break;
		case 127: case 8: sb_adds(sb, "Backspace"); break;
		case ' ': sb_adds(sb, "Space"); break;
		default:
			if (code >= 0 && code < 32)
				sb_addf(sb, "Ctrl-%c", code + '@');
			else if (code < 127)
				sb_addc(sb, (char)code);
			else
				sb_addf(sb, "U+%04X", (unsigned)code);
		}
	} else if (code >= KEY_F(1) && code <= KEY_F(63)) {
		sb_addf(sb, "F%d", code - KEY_F(0));
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
			if (codes[i].code == code) {
				sb_adds(sb, codes[i].name);
				return;
			}
		}
		sb_addf(sb, "%s", keyname(code) ? keyname(code) : "?");
	}
}

/* Whether the space-separated list has word. */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return true;
	return false;
}

/* The names of req's keys that work in ctx, each once (Enter for \r,
 * \n and KEY_ENTER). */
static void names(struct strbuf *sb, enum request req, unsigned ctx, bool defaults)
{
	struct key k[MAX_KEYS];
	size_t n = keys_of(req, defaults, k), start = sb->len;
	struct strbuf one = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (!works_in(k[i].ctx, ctx))
			continue;
		sb_reset(&one);
		keys_name(&one, k[i].code, k[i].is_char);
		if (has_word(sb_str(sb) + start, sb_str(&one)))
			continue;
		if (sb->len > start)
			sb_addc(sb, ' ');
		sb_add(sb, one.buf, one.len);
	}
	sb_free(&one);
}

void keys_names(struct strbuf *sb, enum request req, unsigned ctx)
{
	names(sb, req, ctx, false);
}

/* The key a hint shows for req in ctx ("" for none): the first one, or
 * "0-3" for a run of digits or letters. */
static void hint_key(struct strbuf *sb, enum request req, unsigned ctx)
{
	struct key k[MAX_KEYS], in[MAX_KEYS];
	size_t n = keys_of(req, false, k), m = 0;
	bool run;

	for (size_t i = 0; i < n; i++)
		if (works_in(k[i].ctx, ctx) && k[i].code >= 0)
			in[m++] = k[i];
	if (!m)
		return;
	run = m >= 3;
	for (size_t i = 0; i < m && run; i++)
		run = in[i].is_char && in[i].code > 32 && in[i].code < 127 && (!i || in[i].code == in[i - 1].code + 1);
	if (run)
		sb_addf(sb, "%c-%c", in[0].code, in[m - 1].code);
	else
		keys_name(sb, in[0].code, in[0].is_char);
}

void keys_hints(struct strbuf *sb, unsigned ctx, const enum request *reqs, size_t n)
{
	struct strbuf group = STRBUF_INIT, one = STRBUF_INIT;
	const char *label = NULL;
	bool single = true;	/* every key of the group is one character */

	for (size_t i = 0; i <= n; i++) {
		const struct request_def *def = i < n ? keys_def(reqs[i]) : NULL;

		sb_reset(&one);
		if (def)
			hint_key(&one, reqs[i], ctx);
		if (def && !one.len)
			continue;
		if (label && (!def || strcmp(def->label, label))) {
			if (sb->len)
				sb_adds(sb, "  ");
			sb_addf(sb, "%s %s", sb_str(&group), label);
			sb_reset(&group);
			single = true;
			label = NULL;
		}
		if (!def)
			break;
		if (label && !(single && one.len == 1))
			sb_addc(&group, '/');
		single = single && one.len == 1;
		sb_add(&group, one.buf, one.len);
		label = def->label;
	}
	sb_free(&group);
	sb_free(&one);
}

/* ---- the help ---- */

void keys_help(unsigned ctx, void (*line)(void *arg, const char *keys, const char *help), void *arg)
{
	struct strbuf sb = STRBUF_INIT;

	line(arg, NULL, "Keys");
	for (size_t i = 0; i < request_table_len; i++) {
		const struct request_def *def = &request_table[i];

		if (!(def->ctx & (ctx | CTX_ANY)))
			continue;
		sb_reset(&sb);
		names(&sb, def->req, ctx, false);
		if (sb.len)
			line(arg, sb_str(&sb), def->help);
	}
	if (ctx == CTX_TIMELINE) {
		line(arg, NULL, "");
		line(arg, NULL, "Typed at the start of an entry");
		line(arg, "@TIME ", "backdate it: @14:03, @14:03:20, @-5m, @2026-11-26T14:03:00Z");
		line(arg, "deploy: config: ...", "its kind: deploy, config, discovery, comms, action, note");
		line(arg, NULL, "");
		line(arg, NULL, "Commands typed as an entry (act on the selected event)");
		for (size_t i = 0; i < slash_table_len; i++) {
			sb_reset(&sb);
			sb_addf(&sb, "/%s%s%s", slash_table[i].name, slash_table[i].args[0] ? " " : "",
				slash_table[i].args);
			line(arg, sb_str(&sb), slash_table[i].help);
		}
	}
	sb_free(&sb);
}

/* ---- the manual ---- */

/* s for a roff text line: "-" is "\-", "\" is "\e". */
static void man_text(FILE *out, const char *s, bool capital)
{
	for (; *s; s++, capital = false) {
		if (*s == '-')
			fputs("\\-", out);
		else if (*s == '\\')
			fputs("\\e", out);
		else
			fputc(capital && *s >= 'a' && *s <= 'z' ? *s - 32 : *s, out);
	}
}

/* The contexts a key misses of its request's, as words. */
static void ctx_words(struct strbuf *sb, unsigned ctx)
{
	static const struct {
		unsigned ctx;
		const char *words;
	} w[] = {
		{ CTX_TIMELINE, "the timeline" },
		{ CTX_BOARD, "factors, actions and summary" },
		{ CTX_PICKER, "the picker" },
	};
	size_t said = 0;

	for (size_t i = 0; i < ARRAY_SIZE(w); i++)
		if (ctx & w[i].ctx)
			sb_addf(sb, "%s%s", said++ ? " or " : "", w[i].words);
}

/* "; k not in the timeline or the picker" for the keys of a row that
 * work in fewer places than the row says. */
static void narrower(struct strbuf *sb, const struct request_def *def)
{
	unsigned all = def->ctx & CTX_ANY ? CTX_LIST : def->ctx;

	for (size_t i = 0; i < def->nkeys; i++) {
		unsigned missing = def->keys[i].ctx ? all & ~def->keys[i].ctx : 0;

		if (!missing)
			continue;
		sb_adds(sb, "; ");
		keys_name(sb, def->keys[i].code, def->keys[i].is_char);
		sb_adds(sb, " not in ");
		ctx_words(sb, missing);
	}
}

static void dump_man(FILE *out)
{
	static const struct {
		unsigned ctx;
		const char *title;
	} sections[] = {
		{ CTX_ANY, "Anywhere" },
		{ CTX_LIST, "Lists (timeline, factors, actions, picker)" },
		{ CTX_TIMELINE, "Timeline" },
		{ CTX_BOARD, "Factors, actions and summary" },
		{ CTX_PICKER, "Incident picker" },
	};
	struct strbuf sb = STRBUF_INIT;

	fputs(".\\\" BEGIN KEYS: made by `make man-keys` from include/scribe/keys.h; edit the table, not this\n",
	      out);
	for (size_t s = 0; s < ARRAY_SIZE(sections); s++) {
		fprintf(out, ".PP\n.B %s\n", sections[s].title);
		for (size_t i = 0; i < request_table_len; i++) {
			const struct request_def *def = &request_table[i];
			size_t first = 0;

			/* a row goes in the first section all of whose contexts it has */
			while ((sections[first].ctx & ~def->ctx))
				first++;
			if (first != s)
				continue;
			sb_reset(&sb);
			names(&sb, def->req, 0, true);
			fputs(".TP\n.B ", out);
			man_text(out, sb_str(&sb), false);
			fputc('\n', out);
			sb_reset(&sb);
			sb_adds(&sb, def->help);
			narrower(&sb, def);
			man_text(out, sb_str(&sb), true);
			fputs(".\n", out);
		}
	}
	fputs(".PP\n.B Commands typed as a timeline entry\n(they act on the selected event)\n", out);
	for (size_t i = 0; i < slash_table_len; i++) {
		fprintf(out, ".TP\n.B /%s%s", slash_table[i].name, slash_table[i].args[0] ? " " : "");
		man_text(out, slash_table[i].args, false);
		fputc('\n', out);
		man_text(out, slash_table[i].help, true);
		fputs(".\n", out);
	}
	fputs(".\\\" END KEYS\n", out);
	sb_free(&sb);
}

/* The names the configuration gives the requests whose keys it may
 * change. */
static void dump_man_requests(FILE *out)
{
	fputs(".\\\" BEGIN REQUESTS: made by `make man-keys` from include/scribe/keys.h\n", out);
	for (size_t i = 0, said = 0; i < request_table_len; i++) {
		if (fixed(request_table[i].req))
			continue;
		fputs(said++ ? ",\n" : "", out);
		man_text(out, req_name(i), false);
	}
	/* \c: the text after the list goes on without a space: "filter)" */
	fputs("\\c\n.\\\" END REQUESTS\n", out);
}

int keys_dump(const char *format, FILE *out)
{
	if (!strcmp(format, "man")) {
		dump_man(out);
		return 0;
	}
	if (!strcmp(format, "man-requests")) {
		dump_man_requests(out);
		return 0;
	}
	return -1;
}
