/* The terminal's capabilities, asked before curses starts.  A file of its
 * own: <term.h> defines macros named like everyday words (lines,
 * columns, tab) that must not reach the rest of the screen's code.
 * setupterm rather than a failed newterm: the latter leaves memory
 * behind in ncurses. */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "scribe/curses.h"
#ifdef HAVE_NCURSESW_CURSES_H
#include <ncursesw/term.h>
#else
#include <term.h>
#endif

#include "scribe/terminal.h"

enum terminal_fit terminal_check(void)
{
	const char *term = getenv("TERM");
	enum terminal_fit fit = TERMINAL_OK;
	int err = 0;
	char *cup;

	if (!term || !term[0])
		return TERMINAL_UNSET;
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return TERMINAL_UNKNOWN;
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1 || tigetflag("hc") > 0)
		fit = TERMINAL_CANNOT_DRAW;
	del_curterm(cur_term);
	cur_term = NULL;
	return fit;
}
