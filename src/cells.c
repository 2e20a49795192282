/* Text put on the screen a cell at a time (scribe/cells.h). */
#include "config.h"

#include <stdbool.h>

#include "scribe/curses.h"

#include "scribe/cells.h"
#include "scribe/text.h"

static bool printable_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Each run of printable ASCII is put a cell a byte, each with the
 * rendition curses gave the run's first byte (its attributes and colour
 * over the background): what waddnstr makes of each byte.  The rest
 * (and a run's last byte, which a combining mark would join) and the
 * last column (where the cursor moves on) are left to waddnstr, which
 * stops where it fails, as it would have.  tests/unit/test_cells.c holds
 * this to mvaddnstr, cell by cell. */
void cells_put(int y, int x, const char *s, size_t n)
{
	chtype cells[256], a;
	size_t i = 0;

	if (move(y, x) == ERR)
		return;
	while (i < n && s[i]) {	/* waddnstr ends at a NUL */
		size_t k = text_ascii_prefix(s + i, n - i), j = i + 1;
		int cy, cx;

		getyx(stdscr, cy, cx);
		if (i + k < n && k > 0)
			k--;
		if ((size_t)cx + k >= (size_t)COLS)
			k = cx < COLS ? (size_t)(COLS - cx - 1) : 0;
		if (k > sizeof(cells) / sizeof(*cells))
			k = sizeof(cells) / sizeof(*cells);
		if (k >= 2) {
			addnstr(s + i, 1);
			a = mvinch(cy, cx) & A_ATTRIBUTES;
			for (size_t m = 1; m < k; m++)
				cells[m - 1] = a | (unsigned char)s[i + m];
			mvaddchnstr(cy, cx + 1, cells, (int)k - 1);
			move(cy, cx + (int)k);
			i += k;
			continue;
		}
		/* up to where printable ASCII starts again (UTF-8 has no
		 * ASCII byte inside a character) */
		while (j < n && s[j] && !printable_ascii((unsigned char)s[j]))
			j++;
		if (addnstr(s + i, (int)(j - i)) == ERR)
			return;
		i = j;
	}
}
