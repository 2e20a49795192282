/* The line editor under the timeline: one entry of UTF-8 text, the
 * cursor moving by grapheme cluster, wrapped as it will be shown.  No
 * curses here: the pane draws what lineedit_layout says. */
#ifndef SCRIBE_LINEEDIT_H
#define SCRIBE_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scribe/util.h"

#define LINEEDIT_MAX (64 * 1024)	/* bytes in one entry */

struct lineedit {
	struct strbuf text;	/* always valid UTF-8, no control characters
				 * (but '\n' when multiline) */
	size_t cursor;		/* byte offset, always on a grapheme boundary */
	bool multiline;		/* newlines are kept (long texts), not spaces */
};

void lineedit_init(struct lineedit *le);
void lineedit_free(struct lineedit *le);
void lineedit_clear(struct lineedit *le);
/* Replaces the text (cleaned as lineedit_insert does) and puts the cursor
 * at its end. */
void lineedit_set(struct lineedit *le, const char *s);
const char *lineedit_text(const struct lineedit *le);
bool lineedit_empty(const struct lineedit *le);

/* Inserts the character uc at the cursor.  Control characters are not
 * inserted (TAB and newline become a space, as when a multi-line text is
 * pasted), nor are characters that would be shown as a placeholder (bidi
 * controls and other format characters, C1 controls).  Returns false
 * when nothing was inserted (also when the entry is full). */
bool lineedit_insert(struct lineedit *le, uint32_t uc);
/* Inserts UTF-8 s (e.g. a paste), character by character as above. */
void lineedit_insert_str(struct lineedit *le, const char *s);

/* Editing keys; each returns false when it changed nothing. */
bool lineedit_left(struct lineedit *le);		/* one grapheme */
bool lineedit_right(struct lineedit *le);
bool lineedit_home(struct lineedit *le);
bool lineedit_end(struct lineedit *le);
bool lineedit_word_left(struct lineedit *le);
bool lineedit_word_right(struct lineedit *le);
bool lineedit_backspace(struct lineedit *le);		/* the grapheme before */
bool lineedit_delete(struct lineedit *le);		/* the grapheme under */
bool lineedit_kill_word(struct lineedit *le);		/* Ctrl-W: the word before */
bool lineedit_kill_start(struct lineedit *le);		/* Ctrl-U: all before */
bool lineedit_kill_end(struct lineedit *le);		/* Ctrl-K: all after */

/* Multi-line editing: the cursor to the same column of the line above
 * or below, as laid out in width columns.  False at the first / last
 * line. */
bool lineedit_up(struct lineedit *le, size_t width);
bool lineedit_down(struct lineedit *le, size_t width);

/* How the text shows in width columns: lines as text_wrap makes them,
 * and the cursor's line and column (the cursor may sit at column width
 * after a full line: then it shows at the start of the next row).
 * starts/lens are malloc'd, or for one line may point into the
 * structure itself (so it is not copied); lineedit_layout_free frees
 * them. */
struct lineedit_layout {
	size_t nlines;
	size_t *starts, *lens;
	size_t cursor_line, cursor_col;
	size_t one[2];	/* the start and length of a single line */
};

void lineedit_layout(const struct lineedit *le, size_t width, struct lineedit_layout *lay);
void lineedit_layout_free(struct lineedit_layout *lay);

#endif
