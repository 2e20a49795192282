/* The line editor: insertion and refusal, grapheme-cluster steps and
 * deletions, word keys, pastes, the size cap and the wrapped layout,
 * with exact bytes, offsets and columns. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/lineedit.h"
#include "scribe/text.h"
#include "tap.h"

#define E_ACUTE "e\xcc\x81"				/* e + U+0301, 3 bytes */
#define THUMB "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"	/* U+1F44D U+1F3FD, 8 */
#define FAMILY "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 18 */
#define FLAG_FR "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"	/* 8 */
#define FLAG_DE "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa"	/* 8 */
#define HANGUL "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"	/* 한국어, 9 */
#define KANJI "\xe6\xbc\xa2\xe5\xad\x97"		/* 漢字, 6 bytes, 4 columns */

/* Inserts each code point of a 0-terminated list; returns how many
 * were accepted. */
static int type(struct lineedit *le, const uint32_t *ucs)
{
	int k = 0;

	for (; *ucs; ucs++)
		k += lineedit_insert(le, *ucs);
	return k;
}

/* Lays le out at width and checks the cursor and the number of lines. */
static void check_cursor(const struct lineedit *le, size_t width, size_t nlines, size_t line,
			 size_t col, const char *name)
{
	struct lineedit_layout lay;

	lineedit_layout(le, width, &lay);
	is_int(lay.nlines, nlines, "%s: lines", name);
	is_int(lay.cursor_line, line, "%s: cursor line", name);
	is_int(lay.cursor_col, col, "%s: cursor column", name);
	lineedit_layout_free(&lay);
}

static void test_empty(void)
{
	struct lineedit le;
	struct lineedit_layout lay;

	lineedit_init(&le);
	ok(lineedit_empty(&le), "new editor is empty");
	is_str(lineedit_text(&le), "", "new editor text");
	ok(!lineedit_left(&le) && !lineedit_right(&le), "no moves in empty text");
	ok(!lineedit_backspace(&le) && !lineedit_delete(&le), "no deletions in empty text");
	ok(!lineedit_kill_word(&le) && !lineedit_kill_start(&le) && !lineedit_kill_end(&le),
	   "no kills in empty text");
	ok(!lineedit_word_left(&le) && !lineedit_word_right(&le), "no word moves in empty text");
	lineedit_layout(&le, 10, &lay);
	is_int(lay.nlines, 1, "empty layout: one line");
	is_int(lay.starts[0], 0, "empty layout: start");
	is_int(lay.lens[0], 0, "empty layout: length");
	is_int(lay.cursor_line, 0, "empty layout: cursor line");
	is_int(lay.cursor_col, 0, "empty layout: cursor column");
	lineedit_layout_free(&lay);
	lineedit_free(&le);
}

static void test_ascii(void)
{
	struct lineedit le;

	lineedit_init(&le);
	ok(lineedit_insert(&le, 'a') && lineedit_insert(&le, 'b') && lineedit_insert(&le, 'c'),
	   "insert abc");
	is_str(lineedit_text(&le), "abc", "abc text");
	is_int(le.cursor, 3, "abc cursor");
	ok(lineedit_left(&le), "left");
	ok(lineedit_insert(&le, 'X'), "insert in the middle");
	is_str(lineedit_text(&le), "abXc", "text after middle insert");
	is_int(le.cursor, 3, "cursor after middle insert");
	ok(lineedit_home(&le), "home");
	is_int(le.cursor, 0, "home cursor");
	ok(!lineedit_home(&le), "home again changes nothing");
	ok(lineedit_end(&le), "end");
	is_int(le.cursor, 4, "end cursor");
	ok(!lineedit_right(&le), "right at the end changes nothing");
	ok(lineedit_backspace(&le), "backspace");
	is_str(lineedit_text(&le), "abX", "text after backspace");
	lineedit_home(&le);
	ok(lineedit_delete(&le), "delete");
	is_str(lineedit_text(&le), "bX", "text after delete");
	is_int(le.cursor, 0, "cursor after delete");
	lineedit_clear(&le);
	ok(lineedit_empty(&le) && le.cursor == 0, "clear");
	lineedit_free(&le);
}

static void test_combining(void)
{
	struct lineedit le;
	static const uint32_t e_marks[] = { 'e', 0x301, 0x302, 0x303, 0x304, 0 };

	lineedit_init(&le);
	ok(lineedit_insert(&le, 'e') && lineedit_insert(&le, 0x301), "type e + U+0301");
	is_str(lineedit_text(&le), E_ACUTE, "e + U+0301 text");
	is_int(le.cursor, 3, "cursor after the mark");
	ok(lineedit_left(&le), "left over e + mark");
	is_int(le.cursor, 0, "left skips both code points");
	ok(lineedit_right(&le), "right over e + mark");
	is_int(le.cursor, 3, "right skips both code points");
	ok(lineedit_backspace(&le), "backspace over e + mark");
	is_str(lineedit_text(&le), "", "backspace removes the whole cluster");

	is_int(type(&le, e_marks), 5, "four marks on one base are accepted");
	ok(!lineedit_insert(&le, 0x305), "a fifth mark is refused");
	is_int(le.text.len, 9, "text holds e and four marks");
	lineedit_free(&le);
}

static void test_emoji(void)
{
	struct lineedit le;
	static const uint32_t thumb[] = { 0x1F44D, 0x1F3FD, 0 };
	static const uint32_t family[] = { 0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0 };
	static const uint32_t flags[] = { 0x1F1EB, 0x1F1F7, 0x1F1E9, 0x1F1EA, 0 };

	lineedit_init(&le);
	is_int(type(&le, thumb), 2, "type thumbs up + skin tone");
	is_str(lineedit_text(&le), THUMB, "thumbs up text");
	ok(lineedit_left(&le) && le.cursor == 0, "left over thumbs up + tone: one step");
	ok(lineedit_delete(&le), "delete thumbs up + tone");
	is_str(lineedit_text(&le), "", "delete removes the whole cluster");

	is_int(type(&le, family), 5, "type the family ZWJ sequence code point by code point");
	is_str(lineedit_text(&le), FAMILY, "family text");
	is_int(le.cursor, 18, "cursor after the family");
	ok(lineedit_left(&le) && le.cursor == 0, "left over the family: one step");
	ok(lineedit_right(&le) && le.cursor == 18, "right over the family: one step");
	ok(lineedit_backspace(&le), "backspace the family");
	is_str(lineedit_text(&le), "", "backspace removes the whole ZWJ sequence");

	is_int(type(&le, flags), 4, "type two flags");
	is_str(lineedit_text(&le), FLAG_FR FLAG_DE, "flags text");
	ok(lineedit_left(&le) && le.cursor == 8, "left over the second flag");
	ok(lineedit_left(&le) && le.cursor == 0, "left over the first flag");
	ok(!lineedit_left(&le), "no more left");
	ok(lineedit_right(&le) && le.cursor == 8, "right over the first flag");
	ok(lineedit_delete(&le), "delete the second flag");
	is_str(lineedit_text(&le), FLAG_FR, "one flag left after delete");
	lineedit_insert_str(&le, FLAG_DE);
	ok(lineedit_backspace(&le), "backspace the second flag");
	is_str(lineedit_text(&le), FLAG_FR, "backspace removes one flag");
	is_int(le.cursor, 8, "cursor after the first flag");

	/* A regional indicator typed between two flags re-pairs them: the
	 * cursor moves to the end of the cluster it ended up inside. */
	lineedit_set(&le, FLAG_FR FLAG_DE);
	lineedit_home(&le);
	lineedit_right(&le);
	ok(lineedit_insert(&le, 0x1F1FA), "insert a regional indicator between flags");
	is_int(le.cursor, 16, "cursor snapped to a boundary after the re-paired cluster");
	lineedit_free(&le);
}

static void test_hangul(void)
{
	struct lineedit le;
	static const uint32_t jamo[] = { 0x1112, 0x1161, 0x11AB, 0 };

	lineedit_init(&le);
	lineedit_set(&le, HANGUL);
	is_str(lineedit_text(&le), HANGUL, "Hangul text");
	is_int(le.cursor, 9, "set puts the cursor at the end");
	ok(lineedit_left(&le) && le.cursor == 6, "left over one syllable");
	ok(lineedit_left(&le) && le.cursor == 3, "left over the second syllable");
	ok(lineedit_backspace(&le), "backspace a syllable");
	is_str(lineedit_text(&le), "\xea\xb5\xad\xec\x96\xb4", "backspace removes one syllable");
	check_cursor(&le, 10, 1, 0, 0, "Hangul cursor at start");
	lineedit_end(&le);
	check_cursor(&le, 10, 1, 0, 4, "Hangul syllables are 2 columns");

	lineedit_clear(&le);
	is_int(type(&le, jamo), 3, "type conjoining jamo");
	ok(lineedit_left(&le) && le.cursor == 0, "jamo syllable is one step");

	/* An initial consonant typed before a lone vowel joins it. */
	lineedit_set(&le, "\xe1\x85\xa1");
	lineedit_home(&le);
	ok(lineedit_insert(&le, 0x1112), "insert a leading jamo before a vowel jamo");
	is_int(le.cursor, 6, "cursor after the syllable they make");
	/* Deleting what stood between two jamo joins them: the cursor goes
	 * to the start of the new cluster. */
	lineedit_set(&le, "\xe1\x84\x92x\xe1\x85\xa1");
	lineedit_home(&le);
	lineedit_right(&le);
	lineedit_right(&le);
	is_int(le.cursor, 4, "cursor after x between jamo");
	ok(lineedit_backspace(&le), "backspace x between jamo");
	is_int(le.cursor, 0, "cursor at the start of the joined syllable");
	lineedit_free(&le);
}

static void test_cjk_layout(void)
{
	struct lineedit le;
	struct lineedit_layout lay;

	lineedit_init(&le);
	lineedit_set(&le, KANJI KANJI);
	lineedit_layout(&le, 5, &lay);
	is_int(lay.nlines, 2, "4 wide characters at width 5: 2 lines");
	is_int(lay.starts[1], 6, "second line starts at the third character");
	is_int(lay.lens[0], 6, "first line holds two characters");
	is_int(lay.cursor_line, 1, "cursor on the second line");
	is_int(lay.cursor_col, 4, "cursor after two wide characters");
	lineedit_layout_free(&lay);
	check_cursor(&le, 4, 3, 2, 0, "wide characters filling width 4 exactly");
	check_cursor(&le, 3, 4, 3, 2, "one wide character per line at width 3");
	lineedit_home(&le);
	lineedit_right(&le);
	check_cursor(&le, 5, 2, 0, 2, "cursor after the first wide character");
	lineedit_right(&le);
	check_cursor(&le, 5, 2, 1, 0, "cursor at the wrap goes to the next line");
	lineedit_set(&le, "a" KANJI);
	check_cursor(&le, 2, 4, 3, 0, "a wide character does not fit after a at width 2");
	lineedit_free(&le);
}

static void test_delete_clusters(void)
{
	struct lineedit le;

	lineedit_init(&le);
	lineedit_set(&le, "a" E_ACUTE THUMB FAMILY "b");
	lineedit_home(&le);
	lineedit_right(&le);
	ok(lineedit_delete(&le), "delete e + mark");
	is_str(lineedit_text(&le), "a" THUMB FAMILY "b", "delete removed e + mark");
	ok(lineedit_delete(&le), "delete thumbs up");
	is_str(lineedit_text(&le), "a" FAMILY "b", "delete removed thumbs up + tone");
	ok(lineedit_delete(&le), "delete family");
	is_str(lineedit_text(&le), "ab", "delete removed the family");
	is_int(le.cursor, 1, "cursor stays");
	lineedit_set(&le, HANGUL E_ACUTE);
	ok(lineedit_backspace(&le), "backspace e + mark after Hangul");
	is_str(lineedit_text(&le), HANGUL, "backspace removed e + mark");
	lineedit_free(&le);
}

static void test_kills(void)
{
	struct lineedit le;

	lineedit_init(&le);
	lineedit_set(&le, "git push  origin main  ");
	ok(lineedit_kill_word(&le), "Ctrl-W");
	is_str(lineedit_text(&le), "git push  origin ", "Ctrl-W skips spaces, then the word");
	ok(lineedit_kill_word(&le), "Ctrl-W again");
	is_str(lineedit_text(&le), "git push  ", "second Ctrl-W");
	ok(lineedit_kill_word(&le), "Ctrl-W third");
	is_str(lineedit_text(&le), "git ", "third Ctrl-W");
	is_int(le.cursor, 4, "cursor after Ctrl-W");
	lineedit_set(&le, "ssh db-1.prod/x");
	ok(lineedit_kill_word(&le), "Ctrl-W over punctuation");
	is_str(lineedit_text(&le), "ssh ", "Ctrl-W takes punctuation with the word");
	lineedit_set(&le, "foo bar baz");
	le.cursor = 7;
	ok(lineedit_kill_word(&le), "Ctrl-W in the middle");
	is_str(lineedit_text(&le), "foo  baz", "Ctrl-W in the middle text");
	is_int(le.cursor, 4, "Ctrl-W in the middle cursor");
	lineedit_set(&le, "x " KANJI FAMILY);
	ok(lineedit_kill_word(&le), "Ctrl-W over wide characters and emoji");
	is_str(lineedit_text(&le), "x ", "Ctrl-W removed whole clusters");
	lineedit_home(&le);
	ok(!lineedit_kill_word(&le), "Ctrl-W at the start changes nothing");

	lineedit_set(&le, "abc def");
	le.cursor = 4;
	ok(lineedit_kill_start(&le), "Ctrl-U");
	is_str(lineedit_text(&le), "def", "Ctrl-U removes all before");
	is_int(le.cursor, 0, "Ctrl-U cursor");
	ok(!lineedit_kill_start(&le), "Ctrl-U at the start changes nothing");
	lineedit_set(&le, "abc def");
	le.cursor = 3;
	ok(lineedit_kill_end(&le), "Ctrl-K");
	is_str(lineedit_text(&le), "abc", "Ctrl-K removes all after");
	is_int(le.cursor, 3, "Ctrl-K cursor");
	ok(!lineedit_kill_end(&le), "Ctrl-K at the end changes nothing");
	lineedit_free(&le);
}

static void test_words(void)
{
	struct lineedit le;
	static const size_t left[] = { 16, 14, 12, 9, 0 };
	static const size_t right[] = { 8, 11, 13, 15, 19 };
	char name[64];

	lineedit_init(&le);
	lineedit_set(&le, "rollback v2.3.1 now");
	for (size_t i = 0; i < ARRAY_SIZE(left); i++) {
		snprintf(name, sizeof(name), "word left %zu", i + 1);
		ok(lineedit_word_left(&le), "%s", name);
		is_int(le.cursor, left[i], "%s: cursor", name);
	}
	ok(!lineedit_word_left(&le), "word left at the start changes nothing");
	for (size_t i = 0; i < ARRAY_SIZE(right); i++) {
		snprintf(name, sizeof(name), "word right %zu", i + 1);
		ok(lineedit_word_right(&le), "%s", name);
		is_int(le.cursor, right[i], "%s: cursor", name);
	}
	ok(!lineedit_word_right(&le), "word right at the end changes nothing");

	lineedit_set(&le, "caf" E_ACUTE " " KANJI " " THUMB "!");
	ok(lineedit_word_left(&le) && le.cursor == 7, "word left skips the emoji, stops at CJK");
	ok(lineedit_word_left(&le) && le.cursor == 0, "word left over a word with a mark");
	ok(lineedit_word_right(&le) && le.cursor == 6, "word right takes e + mark as a letter");
	lineedit_free(&le);
}

static void test_refused(void)
{
	struct lineedit le;
	static const uint32_t bad[] = {
		0x1B, 0x07, 0x00, 0x7F, 0x9B, 0x80, 0x202E, 0x200E, 0x2066, 0x200B, 0xFEFF,
		0x061C, 0xD800, 0x110000,
	};
	char name[64];

	lineedit_init(&le);
	lineedit_set(&le, "ok");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(name, sizeof(name), "U+%04X refused", (unsigned)bad[i]);
		ok(!lineedit_insert(&le, bad[i]), "%s", name);
	}
	is_str(lineedit_text(&le), "ok", "refused characters left the text alone");
	is_int(le.cursor, 2, "refused characters left the cursor alone");
	ok(lineedit_insert(&le, '\t') && lineedit_insert(&le, '\n'), "TAB and newline accepted");
	is_str(lineedit_text(&le), "ok  ", "TAB and newline became spaces");
	ok(!lineedit_insert(&le, 0x200D), "ZWJ after a space refused");
	lineedit_clear(&le);
	ok(!lineedit_insert(&le, 0x200D), "ZWJ at the start refused");
	ok(!lineedit_insert(&le, 0x200C), "ZWNJ at the start refused");
	lineedit_free(&le);
}

static void test_paste(void)
{
	struct lineedit le;

	lineedit_init(&le);
	lineedit_insert_str(&le, "line one\r\nline two\n\tthree\x1b[31m\xe2\x80\xae!");
	is_str(lineedit_text(&le), "line one line two  three[31m!",
	       "paste: line ends and TAB become spaces, controls are dropped");
	is_int(le.cursor, strlen(lineedit_text(&le)), "paste: cursor at the end");
	lineedit_set(&le, "ab");
	lineedit_left(&le);
	lineedit_insert_str(&le, "X\nY");
	is_str(lineedit_text(&le), "aX Yb", "paste in the middle");
	is_int(le.cursor, 4, "paste in the middle: cursor after the paste");
	lineedit_set(&le, "a\xff" "b\xc3" "c");
	is_str(lineedit_text(&le), "abc", "invalid UTF-8 dropped");
	lineedit_set(&le, "to" FAMILY "do");
	is_str(lineedit_text(&le), "to" FAMILY "do", "ZWJ sequence kept by a paste");
	lineedit_set(&le, "a\xe2\x80\x8d b\xe2\x80\x8d");
	is_str(lineedit_text(&le), "a b", "paste drops joiners with no letter after them");
	lineedit_set(&le, "\r\n\x01");
	is_str(lineedit_text(&le), " ", "CR LF is one space");
	lineedit_set(&le, NULL);
	ok(lineedit_empty(&le), "set NULL empties");
	lineedit_free(&le);
}

static void test_max(void)
{
	struct lineedit le;
	char *big = malloc(LINEEDIT_MAX + 11);

	memset(big, 'a', LINEEDIT_MAX + 10);
	big[LINEEDIT_MAX + 10] = '\0';
	lineedit_init(&le);
	lineedit_set(&le, big);
	is_int(le.text.len, LINEEDIT_MAX, "paste is cut at LINEEDIT_MAX");
	is_int(le.cursor, LINEEDIT_MAX, "cursor at the end of a full entry");
	ok(!lineedit_insert(&le, 'b'), "a full entry refuses a character");
	ok(lineedit_backspace(&le) && lineedit_backspace(&le), "backspace twice");
	ok(!lineedit_insert(&le, 0x20AC), "3 bytes do not fit in 2");
	ok(lineedit_insert(&le, 'x') && lineedit_insert(&le, 'y'), "2 bytes fit");
	is_int(le.text.len, LINEEDIT_MAX, "entry is full again");

	big[LINEEDIT_MAX - 5] = '\0';
	lineedit_set(&le, big);
	lineedit_home(&le);
	lineedit_insert_str(&le, "0123456789");
	is_int(le.text.len, LINEEDIT_MAX, "paste into the middle fills up to the cap");
	is_int(le.cursor, 5, "paste into the middle: cursor after what fit");
	ok(strncmp(lineedit_text(&le), "01234a", 6) == 0, "paste into the middle: text");
	ok(lineedit_text(&le)[LINEEDIT_MAX - 1] == 'a', "the text after the cursor is kept");
	lineedit_free(&le);
	free(big);
}

static void test_layout(void)
{
	struct lineedit le;
	struct lineedit_layout lay;
	static const char *text = "the database failover started at 14:02 and took 3 minutes";
	static const size_t starts[] = { 0, 4, 13, 22, 33, 43, 50 };
	static const size_t lens[] = { 3, 8, 8, 10, 9, 6, 7 };
	static const struct { size_t cursor, line, col; } at[] = {
		{ 0, 0, 0 },	/* start */
		{ 3, 0, 3 },	/* end of "the" */
		{ 4, 1, 0 },	/* start of "database" */
		{ 15, 2, 2 },	/* inside "failover" */
		{ 31, 3, 9 },	/* after "at": a full line, clamped */
		{ 32, 3, 9 },	/* in the space dropped at the wrap */
		{ 33, 4, 0 },	/* start of "14:02" */
		{ 57, 6, 7 },	/* end */
	};
	char name[64];

	lineedit_init(&le);
	lineedit_set(&le, text);
	lineedit_layout(&le, 10, &lay);
	is_int(lay.nlines, ARRAY_SIZE(starts), "long line at width 10: lines");
	for (size_t i = 0; i < ARRAY_SIZE(starts) && i < lay.nlines; i++) {
		is_int(lay.starts[i], starts[i], "line %zu start", i);
		is_int(lay.lens[i], lens[i], "line %zu length", i);
	}
	lineedit_layout_free(&lay);
	for (size_t i = 0; i < ARRAY_SIZE(at); i++) {
		le.cursor = at[i].cursor;
		snprintf(name, sizeof(name), "width 10, cursor at %zu", at[i].cursor);
		check_cursor(&le, 10, ARRAY_SIZE(starts), at[i].line, at[i].col, name);
	}

	lineedit_set(&le, "abcdefghijklmnopqrstuvwxy");
	lineedit_layout(&le, 10, &lay);
	ok(lay.nlines == 3 && lay.starts[1] == 10 && lay.starts[2] == 20 && lay.lens[2] == 5,
	   "a word longer than the width is cut");
	lineedit_layout_free(&lay);
	le.cursor = 10;
	check_cursor(&le, 10, 3, 1, 0, "cursor at a cut");

	lineedit_set(&le, "caf" E_ACUTE " \xe6\xbc\xa2");
	check_cursor(&le, 10, 1, 0, 7, "marks take no column, CJK take two");

	lineedit_set(&le, "hello world");
	le.cursor = 5;
	check_cursor(&le, 5, 2, 0, 4, "cursor after a full line before a wrap is clamped");
	check_cursor(&le, 0, 10, 4, 0, "width 0 lays out as width 1");
	lineedit_free(&le);
}

static void test_exact_width(void)
{
	struct lineedit le;
	struct lineedit_layout lay;

	lineedit_init(&le);
	lineedit_set(&le, "abcdefghij");
	lineedit_layout(&le, 10, &lay);
	is_int(lay.nlines, 2, "exact width: the cursor line is counted");
	is_int(lay.starts[1], 10, "exact width: the new line starts at the end");
	is_int(lay.lens[1], 0, "exact width: the new line is empty");
	is_int(lay.cursor_line, 1, "exact width: cursor on the new line");
	is_int(lay.cursor_col, 0, "exact width: cursor at column 0");
	lineedit_layout_free(&lay);
	lineedit_left(&le);
	check_cursor(&le, 10, 1, 0, 9, "exact width, cursor before the last character");
	check_cursor(&le, 11, 1, 0, 9, "one column more: no extra line");
	lineedit_end(&le);
	check_cursor(&le, 11, 1, 0, 10, "one column more: cursor after the text");
	lineedit_insert(&le, ' ');
	check_cursor(&le, 10, 2, 1, 0, "exact width and a trailing space");
	lineedit_insert(&le, 'k');
	check_cursor(&le, 10, 2, 1, 1, "a character after the full line");
	lineedit_set(&le, "ab" KANJI "cd");
	check_cursor(&le, 4, 3, 2, 0, "wide characters filling lines exactly");
	lineedit_free(&le);
}

/* Long texts (descriptions, the summary): newlines kept, Up and Down. */
static void test_multiline(void)
{
	struct lineedit le;
	struct lineedit_layout lay;

	lineedit_init(&le);
	le.multiline = true;
	lineedit_insert_str(&le, "first line\r\nsecond\nthird one");
	is_str(lineedit_text(&le), "first line\nsecond\nthird one", "multiline: newlines kept, CR LF is one");
	lineedit_layout(&le, 40, &lay);
	is_int(lay.nlines, 3, "multiline: three lines");
	is_int(lay.cursor_line, 2, "multiline: cursor on the last line");
	is_int(lay.cursor_col, 9, "multiline: at its end");
	lineedit_layout_free(&lay);
	ok(lineedit_up(&le, 40), "multiline: up");
	is_int(le.cursor, 17, "multiline: to the end of the shorter line above");
	ok(lineedit_up(&le, 40), "multiline: up again");
	is_int(le.cursor, 6, "multiline: same column on the first line");
	ok(!lineedit_up(&le, 40), "multiline: not above the first line");
	ok(lineedit_down(&le, 40), "multiline: down");
	is_int(le.cursor, 17, "multiline: down keeps the column");
	lineedit_end(&le);
	ok(lineedit_insert(&le, '\n'), "multiline: Enter inserts a newline");
	lineedit_layout(&le, 40, &lay);
	is_int(lay.nlines, 4, "multiline: an empty last line");
	is_int(lay.cursor_line, 3, "multiline: the cursor on it");
	is_int(lay.cursor_col, 0, "multiline: at column 0");
	lineedit_layout_free(&lay);
	le.multiline = false;
	lineedit_insert(&le, '\n');
	ok(lineedit_text(&le)[le.text.len - 1] == ' ', "one line: newline typed is a space");
	lineedit_free(&le);
}

/* Short printable ASCII takes a quicker way: the same lines and cursor
 * as text_wrap gives. */
static void test_ascii_quick(void)
{
	unsigned seed = 9;
	bool same = true;

	for (int round = 0; round < 2000; round++) {
		struct lineedit le;
		struct lineedit_layout lay;
		size_t *starts = NULL, *lens = NULL, n, width, nl;
		int len;

		lineedit_init(&le);
		seed = seed * 1103515245u + 12345u;
		len = (int)(seed >> 16) % 30;
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			lineedit_insert(&le, (seed >> 16) % 4 == 0 ? ' ' : 'a' + (seed >> 18) % 26);
		}
		seed = seed * 1103515245u + 12345u;
		for (int k = (int)(seed >> 16) % 5; k > 0; k--)
			lineedit_left(&le);
		n = strlen(lineedit_text(&le));
		width = n + 1 + (seed >> 20) % 5;
		lineedit_layout(&le, width, &lay);
		nl = text_wrap(lineedit_text(&le), n, width, &starts, &lens);
		same &= lay.nlines == nl && nl == 1 && lay.starts[0] == starts[0] && lay.lens[0] == lens[0] &&
			lay.cursor_line == 0 &&
			lay.cursor_col == text_width(lineedit_text(&le), le.cursor);
		free(starts);
		free(lens);
		lineedit_layout_free(&lay);
		lineedit_free(&le);
	}
	ok(same, "2,000 short ASCII lines: the quick layout is text_wrap's");
}

int main(void)
{
	test_empty();
	test_ascii_quick();
	test_ascii();
	test_combining();
	test_emoji();
	test_hangul();
	test_cjk_layout();
	test_delete_clusters();
	test_kills();
	test_words();
	test_refused();
	test_paste();
	test_max();
	test_layout();
	test_exact_width();
	test_multiline();
	return done_testing();
}
