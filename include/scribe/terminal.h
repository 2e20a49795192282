/* Whether the terminal can carry the full-screen program, asked of
 * terminfo before curses takes the terminal. */
#ifndef SCRIBE_TERMINAL_H
#define SCRIBE_TERMINAL_H

enum terminal_fit {
	TERMINAL_OK,
	TERMINAL_UNSET,		/* TERM is not set */
	TERMINAL_UNKNOWN,	/* no terminfo entry for TERM */
	TERMINAL_CANNOT_DRAW,	/* it cannot move the cursor (dumb, hard copy) */
};

/* Looks TERM up for the terminal on standard output; leaves nothing set
 * up (newterm comes after). */
enum terminal_fit terminal_check(void);

#endif
