/* The line editor: one entry of UTF-8 text edited by grapheme cluster.
 * Every step and cut goes through text_next_grapheme/text_prev_grapheme,
 * so the cursor never lands inside a cluster (a combining mark, an emoji
 * ZWJ sequence, a flag, a Hangul syllable made of jamo). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "scribe/lineedit.h"
#include "scribe/text.h"

/* Combining marks text_sanitize keeps on one base (see text.h). */
#define MAX_MARKS 4

void lineedit_init(struct lineedit *le)
{
	le->text = (struct strbuf)STRBUF_INIT;
	le->cursor = 0;
	le->multiline = false;
}

void lineedit_free(struct lineedit *le)
{
	sb_free(&le->text);
	le->cursor = 0;
}

void lineedit_clear(struct lineedit *le)
{
	sb_reset(&le->text);
	le->cursor = 0;
}

const char *lineedit_text(const struct lineedit *le)
{
	return sb_str(&le->text);
}

bool lineedit_empty(const struct lineedit *le)
{
	return le->text.len == 0;
}

/* ---- grapheme helpers ---- */

static size_t next_g(const struct lineedit *le, size_t off)
{
	return text_next_grapheme(le->text.buf, le->text.len, off);
}

static size_t prev_g(const struct lineedit *le, size_t off)
{
	return text_prev_grapheme(le->text.buf, le->text.len, off);
}

static bool at_boundary(const struct lineedit *le, size_t off)
{
	if (off == 0 || off >= le->text.len)
		return true;
	return next_g(le, prev_g(le, off)) == off;
}

/*
 * After an edit the characters on both sides of the cursor may have
 * joined into one cluster (a base typed in front of a mark, a regional
 * indicator re-pairing, Hangul jamo meeting): put the cursor back on a
 * boundary, after the joined cluster when something was inserted (what
 * was typed stays before the cursor), before it after a deletion.
 */
static void snap_forward(struct lineedit *le)
{
	if (!at_boundary(le, le->cursor))
		le->cursor = next_g(le, prev_g(le, le->cursor));
}

static void snap_back(struct lineedit *le)
{
	if (!at_boundary(le, le->cursor))
		le->cursor = prev_g(le, le->cursor);
}

/* The first code point of the cluster at off (0 at the end). */
static ucs4_t char_at(const struct lineedit *le, size_t off)
{
	ucs4_t uc = 0;

	if (off < le->text.len)
		u8_mbtouc(&uc, (const uint8_t *)le->text.buf + off, le->text.len - off);
	return uc;
}

/* A cluster belongs to a word (readline's alnum words) or is white
 * space (Ctrl-W) by its first code point, the base of the cluster. */
static bool word_at(const struct lineedit *le, size_t off)
{
	return uc_is_alnum(char_at(le, off));
}

static bool space_at(const struct lineedit *le, size_t off)
{
	return uc_is_property_white_space(char_at(le, off));
}

/* ---- inserting ---- */

static bool is_mark(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_M);
}

static bool is_joiner(ucs4_t uc)
{
	return uc == 0x200C || uc == 0x200D;
}

static bool is_letter_or_symbol(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_L) ||
	       uc_is_general_category(uc, UC_CATEGORY_S);
}

/* Line ends of every kind (CR, LF, NEL, LINE/PARAGRAPH SEPARATOR) and
 * TAB: a pasted multi-line text becomes one line with spaces. */
static bool becomes_space(ucs4_t uc)
{
	return uc == '\t' || uc == '\n' || uc == '\r' || uc == 0x85 ||
	       uc == 0x2028 || uc == 0x2029;
}

/* Maps uc to what is inserted: false for what never is (controls,
 * surrogates, values past U+10FFFF). */
static bool prepare(ucs4_t *uc, bool multiline)
{
	if (*uc > 0x10FFFF || (*uc >= 0xD800 && *uc <= 0xDFFF))
		return false;
	if (multiline && (*uc == '\n' || *uc == '\r' || *uc == 0x2028 || *uc == 0x2029)) {
		*uc = '\n';
		return true;
	}
	if (becomes_space(*uc)) {
		*uc = ' ';
		return true;
	}
	return !(*uc < 0x20 || (*uc >= 0x7F && *uc <= 0x9F));
}

/* Combining marks right before off in s, at most MAX_MARKS + 1 counted;
 * the last other character before them goes to *base (0 if none). */
static size_t marks_before(const char *s, size_t off, ucs4_t *base)
{
	const uint8_t *start = (const uint8_t *)s, *p = start + off;
	size_t k = 0;
	ucs4_t uc;

	*base = 0;
	while (k <= MAX_MARKS && (p = u8_prev(&uc, p, start))) {
		if (!is_mark(uc)) {
			*base = uc;
			break;
		}
		k++;
	}
	return k;
}

/* Combining marks at the start of s[0..n), at most MAX_MARKS + 1. */
static size_t marks_after(const char *s, size_t n)
{
	size_t k = 0, i = 0;
	ucs4_t uc;

	while (k <= MAX_MARKS && i < n) {
		int len = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (len <= 0 || !is_mark(uc))
			break;
		k++;
		i += (size_t)len;
	}
	return k;
}

/* Sentinel for "what comes after the joiner is not known yet". */
#define NEXT_UNKNOWN 0xFFFFFFFFu

/*
 * Whether uc (already through prepare()) may go in at the cursor, where
 * after[0..after_len) is what follows the insertion point: false for what
 * text_sanitize would show as a placeholder.  Most characters decide
 * alone (text_is_clean on the character); two rules of text.h depend on
 * the neighbours and are checked here:
 *   - a fifth combining mark on one base would be summarized;
 *   - ZWJ/ZWNJ is kept only between two letters or symbols.  The left
 *     side is checked; the right side is next, or NEXT_UNKNOWN while
 *     typing, where the joiner is accepted in anticipation: a terminal
 *     delivers an emoji ZWJ sequence one code point at a time.
 */
static bool acceptable(const struct lineedit *le, ucs4_t uc, ucs4_t next,
		       const char *after, size_t after_len)
{
	uint8_t enc[6];
	int len;
	ucs4_t base;
	size_t before;

	if ((uc >= 0x20 && uc < 0x7F) || uc == '\n')
		return true;	/* '\n' only comes through prepare() when multiline */
	before = marks_before(sb_str(&le->text), le->cursor, &base);
	if (is_joiner(uc))
		return before <= MAX_MARKS && is_letter_or_symbol(base) &&
		       (next == NEXT_UNKNOWN || is_letter_or_symbol(next));
	if (is_mark(uc) && before + 1 + marks_after(after, after_len) > MAX_MARKS)
		return false;
	len = u8_uctomb(enc, uc, (int)sizeof(enc));
	return len > 0 && text_is_clean((const char *)enc, (size_t)len, 0);
}

/* Puts the UTF-8 of uc at the cursor (moving what follows) if it fits
 * in LINEEDIT_MAX with reserve more bytes; the cursor moves past it. */
static bool put(struct lineedit *le, ucs4_t uc, size_t reserve)
{
	uint8_t enc[6];
	int len = u8_uctomb(enc, uc, (int)sizeof(enc));
	size_t n;

	if (len <= 0)
		return false;
	n = (size_t)len;
	if (le->text.len + n + reserve > LINEEDIT_MAX)
		return false;
	sb_grow(&le->text, n);
	memmove(le->text.buf + le->cursor + n, le->text.buf + le->cursor,
		le->text.len - le->cursor);
	memcpy(le->text.buf + le->cursor, enc, n);
	le->text.len += n;
	le->text.buf[le->text.len] = '\0';
	le->cursor += n;
	return true;
}

bool lineedit_insert(struct lineedit *le, uint32_t uc)
{
	ucs4_t c = uc;

	if (!prepare(&c, le->multiline))
		return false;
	if (!acceptable(le, c, NEXT_UNKNOWN, sb_str(&le->text) + le->cursor,
			le->text.len - le->cursor))
		return false;
	if (!put(le, c, 0))
		return false;
	snap_forward(le);
	return true;
}

/* The code point at s[i..n) after prepare(), skipping what is dropped;
 * 0 at the end. */
static ucs4_t peek(const char *s, size_t n, size_t i, bool multiline)
{
	while (i < n) {
		ucs4_t uc;
		int len = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (len <= 0) {
			i++;
			continue;
		}
		if (prepare(&uc, multiline))
			return uc;
		i += (size_t)len;
	}
	return 0;
}

/*
 * A paste: the text after the cursor is set aside, the characters are
 * appended (no moving of the rest for each one) and the rest comes back.
 * Invalid UTF-8 bytes are dropped, CR LF is one line end (one space).
 * Unlike typing, the whole text is known, so a joiner must have a letter
 * or symbol after it (in s, or at the end of s, the text after the
 * cursor).  Stops at the first character that does not fit.
 */
void lineedit_insert_str(struct lineedit *le, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0, tail_len = le->text.len - le->cursor;
	char *tail = xstrndup(sb_str(&le->text) + le->cursor, tail_len);

	if (le->text.buf)
		le->text.buf[le->text.len = le->cursor] = '\0';
	while (i < n) {
		ucs4_t uc, next;
		int len = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (len <= 0) {
			i++;
			continue;
		}
		i += (size_t)len;
		if (uc == '\r' && i < n && s[i] == '\n')
			continue;
		if (!prepare(&uc, le->multiline))
			continue;
		next = i < n ? peek(s, n, i, le->multiline) : 0;
		if (!next && tail_len)
			u8_mbtouc(&next, (const uint8_t *)tail, tail_len);
		if (!acceptable(le, uc, next, tail, tail_len))
			continue;
		if (!put(le, uc, tail_len))
			break;
	}
	sb_add(&le->text, tail, tail_len);
	free(tail);
	snap_forward(le);
}

void lineedit_set(struct lineedit *le, const char *s)
{
	lineedit_clear(le);
	lineedit_insert_str(le, s);
	le->cursor = le->text.len;
}

/* ---- moving ---- */

static bool move_to(struct lineedit *le, size_t off)
{
	if (off == le->cursor)
		return false;
	le->cursor = off;
	return true;
}

bool lineedit_left(struct lineedit *le)
{
	return move_to(le, prev_g(le, le->cursor));
}

bool lineedit_right(struct lineedit *le)
{
	return move_to(le, next_g(le, le->cursor));
}

bool lineedit_home(struct lineedit *le)
{
	return move_to(le, 0);
}

bool lineedit_end(struct lineedit *le)
{
	return move_to(le, le->text.len);
}

/* Start of the word before off: back over non-word clusters, then over
 * word clusters (readline's backward-word). */
static size_t word_start(const struct lineedit *le, size_t off)
{
	size_t q;

	while (off > 0 && !word_at(le, q = prev_g(le, off)))
		off = q;
	while (off > 0 && word_at(le, q = prev_g(le, off)))
		off = q;
	return off;
}

bool lineedit_word_left(struct lineedit *le)
{
	return move_to(le, word_start(le, le->cursor));
}

bool lineedit_word_right(struct lineedit *le)
{
	size_t off = le->cursor, n = le->text.len;

	while (off < n && !word_at(le, off))
		off = next_g(le, off);
	while (off < n && word_at(le, off))
		off = next_g(le, off);
	return move_to(le, off);
}

/* ---- deleting ---- */

/* Removes text[a..b) and leaves the cursor at a (on a boundary). */
static bool cut(struct lineedit *le, size_t a, size_t b)
{
	if (b <= a)
		return false;
	memmove(le->text.buf + a, le->text.buf + b, le->text.len - b + 1);
	le->text.len -= b - a;
	le->cursor = a;
	snap_back(le);
	return true;
}

bool lineedit_backspace(struct lineedit *le)
{
	return cut(le, prev_g(le, le->cursor), le->cursor);
}

bool lineedit_delete(struct lineedit *le)
{
	return cut(le, le->cursor, next_g(le, le->cursor));
}

/* Ctrl-W as readline's unix-word-rubout: back over white space, then
 * over everything else up to the previous white space. */
bool lineedit_kill_word(struct lineedit *le)
{
	size_t off = le->cursor, q;

	while (off > 0 && space_at(le, q = prev_g(le, off)))
		off = q;
	while (off > 0 && !space_at(le, q = prev_g(le, off)))
		off = q;
	return cut(le, off, le->cursor);
}

bool lineedit_kill_start(struct lineedit *le)
{
	return cut(le, 0, le->cursor);
}

bool lineedit_kill_end(struct lineedit *le)
{
	return cut(le, le->cursor, le->text.len);
}

/* ---- layout ---- */

/*
 * The lines are text_wrap's.  The cursor is on the last line that starts
 * at or before it, at the display width of the text from that line's
 * start to the cursor.  Two cases fall outside the columns:
 *   - at the very end of the text, a column of width or more (the last
 *     line is full, or its trailing spaces reach the edge) puts the
 *     cursor at column 0 of one more, empty, line: where the next
 *     character typed will go;
 *   - elsewhere, a cursor in the white space dropped at a wrap point (or
 *     right before it, after a full line) shows at the end of the line
 *     before the break, its column clamped to width - 1 so it stays on
 *     screen.  It then shares a cell with the last character of a full
 *     line: a cursor put on the next row instead would share the cell of
 *     the cursor at the start of that row, and stay visually below the
 *     text it follows.
 */
void lineedit_layout(const struct lineedit *le, size_t width, struct lineedit_layout *lay)
{
	const char *s = lineedit_text(le);
	size_t n = le->text.len, cur = le->cursor, i, col;

	if (width == 0)
		width = 1;
	if (cur > n)
		cur = n;
	if (n < width) {
		/* printable ASCII shorter than the line (what most keys leave):
		 * one line, a column a byte, without asking libunistring */
		if (text_ascii_prefix(s, n) == n) {
			lay->nlines = 1;
			/* no allocation for what every key lays out */
			lay->starts = &lay->one[0];
			lay->lens = &lay->one[1];
			lay->starts[0] = 0;
			while (n > 0 && s[n - 1] == ' ')
				n--;	/* as text_wrap: no trailing spaces */
			lay->lens[0] = n;
			lay->cursor_line = 0;
			lay->cursor_col = cur;
			return;
		}
	}
	lay->nlines = text_wrap(s, n, width, &lay->starts, &lay->lens);
	i = lay->nlines - 1;
	while (i > 0 && lay->starts[i] > cur)
		i--;
	/* printable ASCII is a column a byte */
	col = text_ascii_prefix(s + lay->starts[i], cur - lay->starts[i]) == cur - lay->starts[i]
		      ? cur - lay->starts[i]
		      : text_width(s + lay->starts[i], cur - lay->starts[i]);
	if (col >= width) {
		if (cur == n && i == lay->nlines - 1) {
			lay->starts = xreallocarray(lay->starts, lay->nlines + 1, sizeof(*lay->starts));
			lay->lens = xreallocarray(lay->lens, lay->nlines + 1, sizeof(*lay->lens));
			lay->starts[lay->nlines] = n;
			lay->lens[lay->nlines] = 0;
			i = lay->nlines++;
			col = 0;
		} else {
			col = width - 1;
		}
	}
	lay->cursor_line = i;
	lay->cursor_col = col;
}

/* Moves the cursor to the line dir lines away, at the same column (or the
 * end of that line when it is shorter). */
static bool vertical(struct lineedit *le, size_t width, int dir)
{
	struct lineedit_layout lay;
	size_t target, used, off;
	bool moved = false;

	lineedit_layout(le, width, &lay);
	target = lay.cursor_line + (size_t)dir;
	if (target < lay.nlines) {
		off = lay.starts[target] + text_fit(sb_str(&le->text) + lay.starts[target], lay.lens[target],
						    lay.cursor_col, &used);
		moved = move_to(le, off);
	}
	lineedit_layout_free(&lay);
	return moved;
}

bool lineedit_up(struct lineedit *le, size_t width)
{
	return vertical(le, width, -1);
}

bool lineedit_down(struct lineedit *le, size_t width)
{
	return vertical(le, width, 1);
}

void lineedit_layout_free(struct lineedit_layout *lay)
{
	if (lay->starts != &lay->one[0]) {
		free(lay->starts);
		free(lay->lens);
	}
	lay->starts = lay->lens = NULL;
	lay->nlines = 0;
}
