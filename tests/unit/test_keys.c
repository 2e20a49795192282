/* The key table is the one list: the key map is built from its rows, and
 * the help, the hints and the manual show what the map does (the
 * manual's section itself is compared by tests/cli/mankeys.sh). */
#include "config.h"

#include <curses.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/config.h"
#include "scribe/keys.h"
#include "scribe/util.h"
#include "tap.h"

/* A line of explanation under the next check. */
__attribute__((format(printf, 1, 2)))
static void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct help {
	size_t n;
	char *keys[256], *help[256];
};

static void collect(void *arg, const char *keys, const char *help)
{
	struct help *h = arg;

	if (keys && h->n < 256) {
		h->keys[h->n] = xstrdup(keys);
		h->help[h->n++] = xstrdup(help);
	}
}

static void help_free(struct help *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->keys[i]);
		free(h->help[i]);
	}
	h->n = 0;
}

static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return true;
	return false;
}

/* The keys the help of ctx shows for req, or NULL. */
static const char *help_keys(const struct help *h, enum request req)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->help[i], keys_def(req)->help))
			return h->keys[i];
	return NULL;
}

static char *name(int code, bool is_char)
{
	struct strbuf sb = STRBUF_INIT;

	keys_name(&sb, code, is_char);
	return sb_detach(&sb);
}

static char *hints(unsigned ctx, const enum request *reqs, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	keys_hints(&sb, ctx, reqs, n);
	return sb_detach(&sb);
}

static char *names_of(enum request req, unsigned ctx)
{
	struct strbuf sb = STRBUF_INIT;

	keys_names(&sb, req, ctx);
	return sb_detach(&sb);
}

static char *dump(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	keys_dump("man", f);
	fclose(f);
	return buf;
}

/* Every key that makes a request in ctx is in ctx's help, on the line
 * of that request; returns how many keys were looked at. */
static int every_bound_key_in_help(unsigned ctx, const char *where)
{
	struct help h = { 0 };
	int bound = 0, missing = 0;

	keys_help(ctx, collect, &h);
	for (int pass = 0; pass < 2; pass++) {
		bool is_char = pass == 0;
		int lo = is_char ? 0 : KEY_MIN, hi = is_char ? 255 : KEY_MAX;

		for (int code = lo; code <= hi; code++) {
			enum request r = keys_request(code, is_char, ctx);
			const char *shown;
			char *n;

			if (r == REQ_NONE)
				continue;
			bound++;
			n = name(code, is_char);
			shown = help_keys(&h, r);
			if (!shown || !has_word(shown, n)) {
				missing++;
				diag("%s: %s makes %s, but the help shows \"%s\"", where, n, keys_def(r)->label,
				     shown ? shown : "(no line)");
			}
			free(n);
		}
	}
	ok(bound > 10 && !missing, "%s: every bound key (%d) is in the help, on its request's line", where, bound);
	help_free(&h);
	return bound;
}

int main(void)
{
	/* the bindings cover what SPEC promises */
	is_int(keys_request('\t', true, CTX_TIMELINE), REQ_NEXT_PANE, "Tab: next pane");
	is_int(keys_request(KEY_BTAB, false, CTX_BOARD), REQ_PREV_PANE, "Shift-Tab: previous pane");
	is_int(keys_request(KEY_F(1), false, CTX_TIMELINE), REQ_HELP, "F1 is help in the timeline");
	is_int(keys_request(17, true, CTX_BOARD), REQ_QUIT, "Ctrl-Q quits anywhere");
	is_int(keys_request(3, true, CTX_TIMELINE), REQ_QUIT, "Ctrl-C quits too");
	is_int(keys_request('?', true, CTX_BOARD), REQ_HELP, "? is help outside the timeline");
	is_int(keys_request('?', true, CTX_PICKER), REQ_HELP, "? is help in the picker");
	is_int(keys_request('?', true, CTX_TIMELINE), REQ_NONE, "? is text in the timeline");
	is_int(keys_request('q', true, CTX_BOARD), REQ_QUIT_LETTER, "q quits in factors and actions");
	is_int(keys_request('q', true, CTX_TIMELINE), REQ_NONE, "q is text in the timeline");
	is_int(keys_request('a', true, CTX_BOARD), REQ_ADD, "a adds a card or an action");
	is_int(keys_request('e', true, CTX_BOARD), REQ_EDIT, "e edits");
	is_int(keys_request('\r', true, CTX_BOARD), REQ_EDIT, "Enter edits in the board");
	is_int(keys_request(KEY_ENTER, false, CTX_BOARD), REQ_EDIT, "the keypad's Enter too");
	is_int(keys_request('\r', true, CTX_TIMELINE), REQ_COMMIT, "Enter commits in the timeline");
	is_int(keys_request('\n', true, CTX_PICKER), REQ_OPEN, "Enter opens in the picker");
	is_int(keys_request(27, true, CTX_TIMELINE), REQ_ASIDE, "Esc sets aside");
	is_int(keys_request(KEY_UP, false, CTX_TIMELINE), REQ_UP, "Up in the timeline");
	is_int(keys_request(KEY_END, false, CTX_PICKER), REQ_LAST, "End in the picker");
	is_int(keys_request(15, true, CTX_TIMELINE), REQ_FOLD, "Ctrl-O folds");
	is_int(keys_request('2', true, CTX_BOARD), REQ_PRIORITY, "2 sets a priority");
	is_int(keys_request('/', true, CTX_PICKER), REQ_FILTER, "/ filters the picker");

	/* j and k: bound on the board, shown there and in the manual */
	is_int(keys_request('j', true, CTX_BOARD), REQ_DOWN, "j: down on the board");
	is_int(keys_request('k', true, CTX_BOARD), REQ_UP, "k: up on the board");
	is_int(keys_request('j', true, CTX_TIMELINE), REQ_NONE, "j is text in the timeline");
	is_int(keys_request('k', true, CTX_PICKER), REQ_NONE, "k filters in the picker");
	{
		struct help h = { 0 };
		const char *k;

		keys_help(CTX_BOARD, collect, &h);
		k = help_keys(&h, REQ_DOWN);
		is_str(k, "Down j", "the board's help shows Down and j");
		k = help_keys(&h, REQ_UP);
		is_str(k, "Up k", "and Up and k");
		k = help_keys(&h, REQ_HELP);
		is_str(k, "F1 ?", "and F1 and ?");
		help_free(&h);
		keys_help(CTX_TIMELINE, collect, &h);
		k = help_keys(&h, REQ_DOWN);
		is_str(k, "Down", "the timeline's help only Down: j is text there");
		k = help_keys(&h, REQ_HELP);
		is_str(k, "F1", "and only F1");
		k = help_keys(&h, REQ_QUIT);
		is_str(k, "Ctrl-Q Ctrl-C", "Ctrl-Q and Ctrl-C quit");
		k = help_keys(&h, REQ_ERASE);
		is_str(k, "Backspace Delete", "Backspace once, whatever code the terminal sends");
		help_free(&h);
	}

	/* every bound key, in every context, is in that context's help */
	every_bound_key_in_help(CTX_TIMELINE, "timeline");
	every_bound_key_in_help(CTX_BOARD, "factors, actions, summary");
	every_bound_key_in_help(CTX_PICKER, "picker");

	/* every key of every row is bound where the row says (Esc's second
	 * row, back, is Esc on an empty entry: aside's key first) and is in
	 * the manual on its row's line */
	{
		char *man = dump();
		int unbound = 0, unlisted = 0;

		for (size_t i = 0; i < request_table_len; i++) {
			const struct request_def *def = &request_table[i];
			char *all = names_of(def->req, 0), *line = xasprintf("\n.B %s\n", all);
			struct strbuf esc = STRBUF_INIT;

			for (const char *p = line; *p; p++) {
				if (*p == '-')
					sb_addc(&esc, '\\');
				sb_addc(&esc, *p);
			}
			if (!man || !strstr(man, sb_str(&esc))) {
				unlisted++;
				diag("the manual has no line \"%s\"", sb_str(&esc) + 1);
			}
			for (size_t k = 0; k < def->nkeys; k++) {
				unsigned ctx = def->keys[k].ctx ? def->keys[k].ctx : def->ctx;
				enum key_ctx one = ctx & CTX_TIMELINE ? CTX_TIMELINE : ctx & CTX_BOARD ? CTX_BOARD : CTX_PICKER;
				char *n = name(def->keys[k].code, def->keys[k].is_char);

				if (!has_word(all, n)) {
					unlisted++;
					diag("%s is not among the keys shown for %s: %s", n, def->label, all);
				}
				if (def->keys[k].code >= 0 && def->req != REQ_BACK &&
				    keys_request(def->keys[k].code, def->keys[k].is_char, one) != def->req) {
					unbound++;
					diag("%s, a key of %s, makes another request", n, def->label);
				}
				free(n);
			}
			sb_free(&esc);
			free(line);
			free(all);
		}
		ok(!unbound, "every key in the table does its row's request");
		ok(!unlisted, "every key in the table is shown in the manual, on its row");
		ok(man && strstr(man, "\n.B Down j\n") && strstr(man, "\n.B Up k\n"), "the manual shows j and k");
		ok(man && strstr(man, "\nNext event or item; j not in the timeline or the picker.\n"),
		   "and says where j does not move");
		for (size_t i = 0; i < slash_table_len; i++) {
			char *line = xasprintf("\n.B /%s", slash_table[i].name);

			ok(man && strstr(man, line), "the manual lists /%s", slash_table[i].name);
			free(line);
		}
		free(man);
	}

	/* no key is two requests' in the same context */
	{
		int clashes = 0;

		for (size_t i = 0; i < request_table_len; i++)
			for (size_t j = i + 1; j < request_table_len; j++)
				for (size_t a = 0; a < request_table[i].nkeys; a++)
					for (size_t b = 0; b < request_table[j].nkeys; b++) {
						const struct key *x = &request_table[i].keys[a], *y = &request_table[j].keys[b];
						unsigned cx = x->ctx ? x->ctx : request_table[i].ctx;
						unsigned cy = y->ctx ? y->ctx : request_table[j].ctx;

						if (x->code < 0 || x->code != y->code || x->is_char != y->is_char)
							continue;
						if (!((cx | cy) & CTX_ANY) && !(cx & cy))
							continue;
						if (request_table[j].req == REQ_BACK)
							continue;	/* Esc on an empty entry, documented */
						clashes++;
						diag("%s and %s share a key", request_table[i].label, request_table[j].label);
					}
		ok(!clashes, "no key belongs to two requests in one context");
	}

	/* names, from the key codes */
	{
		static const struct {
			int code;
			bool is_char;
			const char *name;
		} n[] = {
			{ 17, true, "Ctrl-Q" }, { '\t', true, "Tab" }, { '\r', true, "Enter" }, { 27, true, "Esc" },
			{ 'a', true, "a" }, { ' ', true, "Space" }, { KEY_F(1), false, "F1" }, { KEY_F(12), false, "F12" },
			{ KEY_BTAB, false, "Shift-Tab" }, { KEY_PPAGE, false, "PgUp" }, { KEY_DC, false, "Delete" },
			{ KPSEUDO_TEXT, false, "any printable key" },
		};

		for (size_t i = 0; i < ARRAY_SIZE(n); i++) {
			char *got = name(n[i].code, n[i].is_char);

			is_str(got, n[i].name, "key name %s", n[i].name);
			free(got);
		}
	}

	/* hints: the first key and the label, neighbours with one label share it */
	{
		static const enum request factors[] = { REQ_ADD, REQ_EDIT, REQ_DESCRIBE, REQ_LINK, REQ_MOVE_LEFT,
							REQ_MOVE_RIGHT, REQ_MOVE_UP, REQ_MOVE_DOWN, REQ_HELP };
		static const enum request actions[] = { REQ_ADD, REQ_PRIORITY, REQ_VOTE, REQ_STATUS, REQ_OWNER, REQ_DUE,
							REQ_HELP };
		static const enum request first[] = { REQ_HELP, REQ_QUIT };
		static const enum request scroll[] = { REQ_UP, REQ_DOWN, REQ_PAGE_UP, REQ_PAGE_DOWN, REQ_FIRST, REQ_LAST };
		char *h;

		h = hints(CTX_BOARD, factors, ARRAY_SIZE(factors));
		is_str(h, "a add  e edit  d describe  l link  <>KJ move  F1 help", "the factors' hints");
		free(h);
		h = hints(CTX_BOARD, actions, ARRAY_SIZE(actions));
		is_str(h, "a add  0-3 priority  v vote  s status  o owner  D due  F1 help", "the actions' hints");
		free(h);
		h = hints(CTX_TIMELINE, first, ARRAY_SIZE(first));
		is_str(h, "F1 help  Ctrl-Q quit", "the first screen's hint");
		free(h);
		h = hints(CTX_BOARD, scroll, ARRAY_SIZE(scroll));
		is_str(h, "Up/Down/PgUp/PgDn/Home/End move", "the help's footer");
		free(h);
	}

	/* slash commands: exact names */
	ok(keys_slash("star") >= 0, "/star is a command");
	ok(keys_slash("ref") >= 0 && keys_slash("internal") >= 0, "/ref and /internal are");
	is_int(keys_slash("frobnicate"), -1, "/frobnicate is none");
	is_int(keys_slash("st"), -1, "no command by its prefix");

	/* the configuration's keys replace the defaults (last: it stays) */
	{
		struct config_key ck[] = {
			{ "quit", "ctrl-x", 2, 9 }, { "add", "n", 3, 8 }, { "vote", "v", 4, 9 }, { "vote", "+", 4, 12 },
		};
		struct diags d = { 0 };
		static const enum request actions[] = { REQ_ADD, REQ_VOTE, REQ_HELP };
		char *s;

		keys_configure(ck, ARRAY_SIZE(ck), "config.yaml", &d);
		is_int((int)d.n, 0, "a good keys: section says nothing");
		is_int(keys_request(24, true, CTX_TIMELINE), REQ_QUIT, "ctrl-x quits");
		is_int(keys_request(17, true, CTX_TIMELINE), REQ_NONE, "Ctrl-Q no longer does");
		is_int(keys_request(3, true, CTX_TIMELINE), REQ_QUIT, "Ctrl-C always quits");
		is_int(keys_request('n', true, CTX_BOARD), REQ_ADD, "n adds");
		is_int(keys_request('a', true, CTX_BOARD), REQ_NONE, "a no longer does");
		is_int(keys_request('+', true, CTX_BOARD), REQ_VOTE, "+ votes");
		s = names_of(REQ_QUIT, CTX_TIMELINE);
		is_str(s, "Ctrl-X Ctrl-C", "the help shows the configured keys");
		free(s);
		s = hints(CTX_BOARD, actions, ARRAY_SIZE(actions));
		is_str(s, "n add  v vote  F1 help", "and so do the hints");
		free(s);
		every_bound_key_in_help(CTX_BOARD, "configured board");
		{
			struct config_key bad[] = { { "priority", "ctrl-p", 5, 13 }, { "cursor", "ctrl-b", 6, 11 } };
			struct diags d2 = { 0 };

			keys_configure(bad, ARRAY_SIZE(bad), "config.yaml", &d2);
			is_int((int)d2.n, 2, "the priorities' digits and the entry's keys are fixed");
			ok(d2.n && strstr(d2.v[0].msg, "the keys of priority cannot be changed"), "which is said");
			is_int(keys_request(16, true, CTX_BOARD), REQ_NONE, "Ctrl-P sets no priority");
			is_int(keys_request('1', true, CTX_BOARD), REQ_PRIORITY, "1 still does");
			diags_free(&d2);
		}
		{
			char *man = dump();

			ok(man && strstr(man, "\n.B Ctrl\\-Q Ctrl\\-C\n") && strstr(man, "\n.B a\n"),
			   "the manual shows the defaults whatever the configuration");
			free(man);
		}
		diags_free(&d);
	}
	return done_testing();
}
