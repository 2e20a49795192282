#include "config.h"

#include <curses.h>

#include "scribe/keys.h"
#include "scribe/util.h"

const struct key_help key_table[] = {
#define ROW(req, ctx, keys, help) { req, ctx, keys, help },
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
	{ 'n', true, CTX_BOARD, REQ_NO_ACTION },
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

enum request keys_request(int key, bool is_char, enum key_ctx ctx)
{
	for (size_t i = 0; i < ARRAY_SIZE(bindings); i++)
		if (bindings[i].key == key && bindings[i].is_char == is_char &&
		    (bindings[i].ctx & (ctx | CTX_ANY)))
			return bindings[i].req;
	return REQ_NONE;
}
