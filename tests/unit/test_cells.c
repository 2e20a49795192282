/* cells_put against mvaddnstr: the same cells (character, attributes,
 * colour pair), the same cursor, for every mix of colour pair, attribute
 * and background, for ASCII, accents, combining marks, wide characters,
 * glyphs and NULs, anywhere on a row from the left edge to past the
 * right one, on the last row too, over wide characters left by an
 * earlier draw.  Curses writes to /dev/null; no terminal is needed, only
 * the xterm-256color terminfo entry (else a SKIP). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "scribe/curses.h"

#include "scribe/cells.h"
#include "tap.h"

#define WIDTH 80
#define NUL_TEXT 14	/* texts[NUL_TEXT] has a NUL in it */

/* Row y as cells, the terminating cell of win_wchnstr aside. */
static void row_cells(int y, cchar_t *out)
{
	cchar_t buf[WIDTH + 2];

	memset(buf, 0, sizeof(buf));
	mvin_wchnstr(y, 0, buf, WIDTH);
	memcpy(out, buf, WIDTH * sizeof(*out));
}

/* A blank screen with wide characters on row y (an earlier draw), the
 * attributes set. */
static void setup(int y, attr_t attrs)
{
	attrset(A_NORMAL);
	erase();
	mvaddstr(y, 10, "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5");
	attrset(attrs);
	move(0, 0);
}

/* Row y and the row below it (above it on the last row) as cells, and
 * the cursor. */
static void result(int y, cchar_t *row, cchar_t *next, int *cy, int *cx)
{
	getyx(stdscr, *cy, *cx);
	row_cells(y, row);
	row_cells(y + 1 < LINES ? y + 1 : y - 1, next);
}

int main(void)
{
	static const char *const texts[] = {
		"hello world", " leading space", "x", "ab", "a b c ", "The quick brown fox!",
		"caf\xc3\xa9 au lait", "e\xcc\x81t\xc3\xa9 ok", "abc\xcc\x81", "wide \xe6\x97\xa5\xe6\x9c\xac text",
		"\xe2\x9a\xa0 warning words", "cut here\xe2\x80\xa6", "a\xe2\x9a\xa0 b \xe2\x80\xa6 mid \xe6\x97\xa5x",
		"x\xcc\x81\xcc\x82yz \xc3\xa9\xc3\xa9 ok", "ab\0cd efg", "0123456789012345678901234567890123456789",
	};
	static const int xs[] = { -1, 0, 3, 40, 50, 60, 70, 75, 78, 79, 80 };
	static const attr_t extra[] = { A_NORMAL, A_BOLD, A_REVERSE, A_UNDERLINE | A_DIM };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sp;
	size_t tried = 0, bad = 0;

	setlocale(LC_ALL, "C.UTF-8");
	if (!out || !in || !(sp = newterm("xterm-256color", out, in))) {
		skip("no xterm-256color terminfo entry to draw with");
		return done_testing();
	}
	resizeterm(24, WIDTH);
	start_color();
	use_default_colors();
	for (short p = 1; p < 8; p++)
		init_pair(p, p, p % 3 ? -1 : (short)((p + 3) % 8));
	for (int bk = 0; bk < 2; bk++) {
		bkgdset(bk ? ' ' | COLOR_PAIR(2) : ' ');
		for (short p = 0; p < 8; p++)
			for (size_t e = 0; e < sizeof(extra) / sizeof(*extra); e++)
				for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++)
					for (size_t xi = 0; xi < sizeof(xs) / sizeof(*xs); xi++)
						for (int y = 1; y < 24; y += 22) {
							const char *s = texts[t];
							/* the text with a NUL: past it too */
							size_t n = strlen(s) + (t == NUL_TEXT ? 5 : 0);
							int x = xs[xi], cy1, cx1, cy2, cx2;
							cchar_t a[WIDTH], b[WIDTH], a2[WIDTH], b2[WIDTH];

							setup(y, COLOR_PAIR(p) | extra[e]);
							mvaddnstr(y, x, s, (int)n);
							result(y, a, a2, &cy1, &cx1);
							setup(y, COLOR_PAIR(p) | extra[e]);
							cells_put(y, x, s, n);
							result(y, b, b2, &cy2, &cx2);
							tried++;
							if (memcmp(a, b, sizeof(a)) || memcmp(a2, b2, sizeof(a2)) || cx1 != cx2 ||
							    cy1 != cy2) {
								if (bad++ < 5)
									printf("#   differs: pair %d, attributes %zu, text %zu, "
									       "x %d, y %d\n", p, e, t, x, y);
							}
						}
	}
	endwin();
	delscreen(sp);
	ok(bad == 0, "cells_put is mvaddnstr: %zu texts, pairs, attributes, places", tried);
	return done_testing();
}
