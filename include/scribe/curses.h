/* ncursesw's header, with wide characters, wherever the system keeps
 * it: every file that draws includes this one. */
#ifndef SCRIBE_CURSES_H
#define SCRIBE_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifdef HAVE_NCURSESW_CURSES_H
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
