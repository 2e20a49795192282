/* The key table is the one list: the help overlay is drawn from it, and
 * man/scribe.1 must name every key and every slash command it holds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/keys.h"
#include "scribe/util.h"
#include "tap.h"

/* The man page's spelling of s: "-" is "\-". */
static char *man_escape(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *s);
	}
	return sb_detach(&sb);
}

static char *slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

int main(void)
{
	const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
	char *path = xasprintf("%s/man/scribe.1", srcdir);
	char *man = slurp(path);

	ok(man != NULL, "man/scribe.1 is there");
	if (!man)
		return done_testing();
	for (size_t i = 0; i < key_table_len; i++) {
		char *keys = man_escape(key_table[i].keys), *line = xasprintf(".B %s\n", keys);

		ok(strstr(man, line) != NULL, "man/scribe.1 lists the key \"%s\"", key_table[i].keys);
		free(line);
		free(keys);
	}
	for (size_t i = 0; i < slash_table_len; i++) {
		char *line = xasprintf(".B /%s", slash_table[i].name);

		ok(strstr(man, line) != NULL, "man/scribe.1 lists /%s", slash_table[i].name);
		free(line);
	}
	/* the bindings cover what SPEC promises */
	is_int(keys_request('\t', true, CTX_TIMELINE), REQ_NEXT_PANE, "Tab: next pane");
	is_int(keys_request(17, true, CTX_BOARD), REQ_QUIT, "Ctrl-Q quits anywhere");
	is_int(keys_request('?', true, CTX_BOARD), REQ_HELP, "? is help outside the timeline");
	is_int(keys_request('?', true, CTX_TIMELINE), REQ_NONE, "? is text in the timeline");
	is_int(keys_request('q', true, CTX_BOARD), REQ_QUIT_LETTER, "q quits in factors and actions");
	is_int(keys_request('q', true, CTX_TIMELINE), REQ_NONE, "q is text in the timeline");
	is_int(keys_request('a', true, CTX_BOARD), REQ_ADD, "a adds a card or an action");
	is_int(keys_request('e', true, CTX_BOARD), REQ_EDIT, "e edits");
	is_int(keys_request('\r', true, CTX_BOARD), REQ_EDIT, "Enter edits in the board");
	is_int(keys_request('\r', true, CTX_TIMELINE), REQ_COMMIT, "Enter commits in the timeline");
	is_int(keys_request(27, true, CTX_TIMELINE), REQ_ASIDE, "Esc sets aside");
	free(man);
	free(path);
	return done_testing();
}
