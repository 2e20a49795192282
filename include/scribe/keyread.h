/* The key reader, between the terminal and the key map: it turns what
 * the terminal sends, character by character, into keys.  Escape
 * sequences are put together here rather than by curses from the
 * terminfo entry, so that the keys work whatever TERM says (xterm,
 * rxvt, the Linux console, VT220 forms: "ESC[1~", "ESC[H", "ESCOH" and
 * "ESC[7~" are all Home) and a sequence split by a slow link is still
 * one key.
 *
 * ESC alone is the Esc key only once nothing has followed it for the
 * wait (KEYREAD_WAIT_MS, or $ESCDELAY milliseconds); a character that
 * cannot continue a sequence ends the wait at once (Esc, then that
 * character).  A sequence that is not a key this reader knows is
 * dropped whole, never typed as text.  No curses calls: keys are fed in
 * with the time they came (tests feed bytes and times). */
#ifndef SCRIBE_KEYREAD_H
#define SCRIBE_KEYREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "scribe/clock.h"

#define KEYREAD_WAIT_MS 500	/* ESC then nothing for this long: Esc */
#define KEYREAD_WAIT_MAX_MS 10000
#define KEYREAD_SEQ_MAX 32	/* a longer sequence is dropped */
#define KEYREAD_OUT 4		/* the most keys one call gives */

enum keymod { KEYMOD_SHIFT = 1, KEYMOD_ALT = 2, KEYMOD_CTRL = 4, KEYMOD_META = 8 };

/* A key as the key map takes it: a character (is_char), or a curses key
 * code (KEY_LEFT, KEY_F(1), KEY_RESIZE...).  mods: the modifiers a
 * sequence carried (ESC[1;5D is Left with KEYMOD_CTRL); the key map
 * takes the key without them. */
struct keypress {
	wint_t ch;
	bool is_char;
	unsigned mods;
};

struct keyread {
	int wait_ms;
	wint_t seq[KEYREAD_SEQ_MAX];	/* the sequence being put together */
	size_t n;
	ms_t last;		/* when its last character came */
	bool skipping;		/* the rest of a sequence too long to keep */
	unsigned dropped;	/* sequences dropped so far */
	char note[KEYREAD_SEQ_MAX + 4];	/* the last one dropped: "ESC[99~" */
};

/* wait_ms < 0: KEYREAD_WAIT_MS. */
void keyread_init(struct keyread *kr, int wait_ms);
/* The wait: $ESCDELAY (milliseconds, 0 .. KEYREAD_WAIT_MAX_MS, as
 * curses programs read it) when set to such a number, else
 * KEYREAD_WAIT_MS. */
int keyread_wait_env(void);
/* One character from the terminal (is_key: a curses key code such as
 * KEY_RESIZE, passed on as it is), come at now.  Puts the keys it
 * completes in out; returns how many (0 .. KEYREAD_OUT). */
size_t keyread_feed(struct keyread *kr, wint_t ch, bool is_key, ms_t now, struct keypress *out);
/* Nothing more has come by now: a lone ESC waited for long enough is
 * Esc; an unfinished sequence is dropped.  Returns the keys, as above. */
size_t keyread_idle(struct keyread *kr, ms_t now, struct keypress *out);
/* Milliseconds from now until keyread_idle would act, or -1 when
 * nothing waits. */
int keyread_timeout(const struct keyread *kr, ms_t now);

#endif
