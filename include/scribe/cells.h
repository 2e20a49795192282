/* Text put on the screen as mvaddnstr() would put it, quicker: a run of
 * printable ASCII becomes cells directly (waddchnstr) rather than going
 * through curses' decoding and rendering byte by byte, which costs some
 * 150 instructions a byte (a screenful is 2,000 of them; a typed key's
 * budget is 30,000).  Used by ui_putn() for all the text it draws. */
#ifndef SCRIBE_CELLS_H
#define SCRIBE_CELLS_H

#include <stddef.h>

/* mvaddnstr(y, x, s, n) on stdscr, in the attributes set: the same
 * cells, the same cursor after it, stopping where it would stop (an
 * error, a NUL). */
void cells_put(int y, int x, const char *s, size_t n);

#endif
