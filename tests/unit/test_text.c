/* Text for terminals: sanitizing, widths, grapheme steps, fitting,
 * wrapping and markdown escaping, with exact expected bytes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "scribe/text.h"
#include "tap.h"

/* Sanitizes s (n bytes) and returns the result (caller frees); the
 * number of placeholders goes to *ph when ph is not NULL. */
static char *sann(const char *s, size_t n, unsigned flags, size_t *ph)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = text_sanitize(&sb, s, n, flags);

	if (ph)
		*ph = k;
	return sb_detach(&sb);
}

/* Checks the sanitized form and placeholder count of a C string. */
static void check_san(const char *s, unsigned flags, const char *want, size_t want_ph,
		      const char *name)
{
	size_t ph;
	char *got = sann(s, strlen(s), flags, &ph);

	is_str(got, want, "sanitize %s", name);
	is_int(ph, want_ph, "sanitize %s: placeholders", name);
	is_int(text_is_clean(s, strlen(s), flags), strcmp(s, want) == 0 && !strchr(s, '\t'),
	       "is_clean %s", name);
	free(got);
}

static void test_sanitize_controls(void)
{
	char *got;
	size_t ph;

	check_san("\x1b[31mred", 0, "^[[31mred", 1, "ESC sequence");
	check_san("\x1b]0;title\x07", 0, "^[]0;title^G", 2, "OSC title");
	check_san("a\rb", 0, "a^Mb", 1, "CR");
	check_san("bell\a", 0, "bell^G", 1, "BEL");
	check_san("x\x7fy", 0, "x^?y", 1, "DEL");
	check_san("\x01\x1f", 0, "^A^_", 2, "C0 edges");
	check_san("a\tb", 0, "a b", 0, "TAB becomes a space");
	ok(!text_is_clean("a\tb", 3, 0), "TAB is not clean");
	check_san("a\nb", 0, "a^Jb", 1, "newline without flag");
	check_san("a\nb", TEXT_KEEP_NEWLINE, "a\nb", 0, "newline kept");
	check_san("a\rb\n", TEXT_KEEP_NEWLINE, "a^Mb\n", 1, "CR even with KEEP_NEWLINE");
	check_san("plain text, 100% ok!", 0, "plain text, 100% ok!", 0, "plain ASCII");
	check_san("", 0, "", 0, "empty");

	got = sann("a\0b", 3, 0, &ph);
	ok(memcmp(got, "a^@b", 5) == 0, "NUL byte becomes ^@");
	is_int(ph, 1, "NUL byte: one placeholder");
	free(got);
	ok(!text_is_clean("a\0b", 3, 0), "NUL byte is not clean");

	/* Appends; does not replace. */
	{
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, "x:");
		text_sanitize(&sb, "\x1b", 1, 0);
		is_str(sb_str(&sb), "x:^[", "sanitize appends");
		sb_free(&sb);
		text_sanitize(&sb, "", 0, 0);
		is_str(sb.buf, "", "sanitize of nothing leaves a C string");
		sb_free(&sb);
	}
}

static void test_sanitize_unicode(void)
{
	/* C1 controls, including CSI U+009B that some terminals obey. */
	check_san("\xc2\x9b" "31m", 0, "<U+009B>31m", 1, "C1 CSI");
	check_san("\xc2\x80\xc2\x9f", 0, "<U+0080><U+009F>", 2, "C1 edges");
	check_san("\xc2\xa0", 0, "\xc2\xa0", 0, "U+00A0 is not C1");

	/* Bidi controls (Trojan Source). */
	check_san("abc\xe2\x80\xae" "def", 0, "abc<U+202E>def", 1, "RLO U+202E");
	check_san("\xe2\x81\xa6x\xe2\x81\xa9", 0, "<U+2066>x<U+2069>", 2, "LRI/PDI");
	check_san("\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f", 0, "<U+061C><U+200E><U+200F>", 3,
		  "ALM, LRM, RLM");
	check_san("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
		  "<U+202A><U+202B><U+202C><U+202D>", 4, "embeddings and overrides");

	/* Other format characters. */
	check_san("a\xe2\x80\x8b" "b", 0, "a<U+200B>b", 1, "ZWSP between letters");
	check_san("\xef\xbb\xbfhi", 0, "<U+FEFF>hi", 1, "BOM");
	check_san("a\xe2\x81\xa0" "b", 0, "a<U+2060>b", 1, "word joiner");
	check_san("co\xc2\xad" "op", 0, "co<U+00AD>op", 1, "soft hyphen");

	/* Joiners between letters or symbols stay. */
	check_san("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 0,
		  "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 0,
		  "family emoji ZWJ sequence kept");
	check_san("\xe2\x9d\xa4\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x94\xa5", 0,
		  "\xe2\x9d\xa4\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x94\xa5", 0,
		  "ZWJ after U+FE0F kept (heart on fire)");
	check_san("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x94\xa5", 0,
		  "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x94\xa5", 0,
		  "ZWJ after a skin tone modifier kept");
	check_san("\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7", 0,
		  "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7", 0,
		  "ZWJ after a virama kept (Devanagari)");
	check_san("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae", 0, "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae",
		  0, "ZWNJ between Persian letters kept");
	check_san("\xe2\x80\x8dx", 0, "<U+200D>x", 1, "ZWJ at the start");
	check_san("a\xe2\x80\x8d", 0, "a<U+200D>", 1, "ZWJ at the end");
	check_san("a \xe2\x80\x8d b", 0, "a <U+200D> b", 1, "ZWJ between spaces");
	check_san("1\xe2\x80\x8d" "2", 0, "1<U+200D>2", 1, "ZWJ between digits");
	check_san("a\xe2\x80\x8d\xe2\x80\x8d" "b", 0, "a<U+200D><U+200D>b", 2, "doubled ZWJ");

	/* Kept as they are. */
	check_san("\xee\x80\x80", 0, "\xee\x80\x80", 0, "private use U+E000");
	check_san("\xcd\xb8", 0, "\xcd\xb8", 0, "unassigned U+0378");
	check_san("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87", 0, "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87",
		  0, "accents and CJK");
}

static void test_sanitize_invalid(void)
{
	check_san("a\xff" "b", 0, "a<\\xFF>b", 1, "byte 0xFF");
	check_san("\x80", 0, "<\\x80>", 1, "lone continuation byte");
	check_san("\xc0\xaf", 0, "<\\xC0><\\xAF>", 2, "overlong 2-byte '/'");
	check_san("\xe0\x80\xaf", 0, "<\\xE0><\\x80><\\xAF>", 3, "overlong 3-byte");
	check_san("\xf0\x80\x80\xaf", 0, "<\\xF0><\\x80><\\x80><\\xAF>", 4, "overlong 4-byte");
	check_san("\xed\xa0\x80", 0, "<\\xED><\\xA0><\\x80>", 3, "surrogate U+D800");
	check_san("\xf4\x90\x80\x80", 0, "<\\xF4><\\x90><\\x80><\\x80>", 4, "above U+10FFFF");
	check_san("ok\xe2\x82", 0, "ok<\\xE2><\\x82>", 2, "truncated at the end");
	check_san("\xe2\x82" "A", 0, "<\\xE2><\\x82>A", 2, "truncated before ASCII");
	check_san("\xc3\xa9\xff\xc3\xa9", 0, "\xc3\xa9<\\xFF>\xc3\xa9", 1, "bad byte between good");
	check_san("\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf", 0, "U+10FFFF kept");

	ok(text_valid_utf8("", 0), "valid: empty");
	ok(text_valid_utf8("abc", 3), "valid: ASCII");
	ok(text_valid_utf8("\xe4\xb8\xad\xf0\x9f\x98\x80", 7), "valid: CJK and emoji");
	ok(text_valid_utf8("\xf4\x8f\xbf\xbf", 4), "valid: U+10FFFF");
	ok(text_valid_utf8("a\0b", 3), "valid: NUL is UTF-8");
	ok(!text_valid_utf8("\xc0\xaf", 2), "invalid: overlong");
	ok(!text_valid_utf8("\xe0\x80\xaf", 3), "invalid: overlong 3-byte");
	ok(!text_valid_utf8("\xed\xa0\x80", 3), "invalid: surrogate");
	ok(!text_valid_utf8("\xf4\x90\x80\x80", 4), "invalid: above U+10FFFF");
	ok(!text_valid_utf8("\xe4\xb8", 2), "invalid: truncated");
	ok(!text_valid_utf8("\xe4\xb8\xad", 2), "invalid: n cuts a character");
	ok(!text_valid_utf8("\xff", 1), "invalid: 0xFF");
	ok(!text_valid_utf8("\x80" "a", 2), "invalid: stray continuation");
}

static void test_sanitize_marks(void)
{
	struct strbuf in = STRBUF_INIT;
	char *got;
	size_t ph;

	check_san("e\xcc\x81\xcc\x82\xcc\x83\xcc\x84", 0, "e\xcc\x81\xcc\x82\xcc\x83\xcc\x84", 0,
		  "four marks kept");
	check_san("e\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86x", 0,
		  "e\xcc\x81\xcc\x82\xcc\x83\xcc\x84<+2 marks>x", 1, "six marks");
	check_san("a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 0,
		  "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81<+1 marks>b\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 1,
		  "runs are counted per base");

	/* Zalgo: 200 marks on one letter. */
	sb_addc(&in, 'Z');
	for (int i = 0; i < 200; i++)
		sb_add(&in, "\xcd\x93", 2);
	sb_addc(&in, '!');
	got = sann(in.buf, in.len, 0, &ph);
	is_str(got, "Z\xcd\x93\xcd\x93\xcd\x93\xcd\x93<+196 marks>!", "zalgo text summarized");
	is_int(ph, 1, "zalgo: one placeholder");
	ok(!text_is_clean(in.buf, in.len, 0), "zalgo is not clean");
	free(got);
	sb_free(&in);
}

static void test_sanitize_ascii(void)
{
	check_san("caf\xc3\xa9", TEXT_ASCII, "caf?", 1, "ASCII: accent");
	check_san("\xe4\xb8\xad\xe6\x96\x87!", TEXT_ASCII, "????" "!", 2, "ASCII: wide CJK is ??");
	check_san("\xf0\x9f\x98\x80", TEXT_ASCII, "??", 1, "ASCII: wide emoji");
	check_san("e\xcc\x81", TEXT_ASCII, "e?", 1, "ASCII: combining mark");
	check_san("\xef\xbd\xb1", TEXT_ASCII, "?", 1, "ASCII: halfwidth katakana");
	check_san("\x1b[0m\xc2\x9b", TEXT_ASCII, "^[[0m<U+009B>", 2, "ASCII: controls as usual");
	check_san("\xe2\x80\xae", TEXT_ASCII, "<U+202E>", 1, "ASCII: bidi as usual");
	check_san("\xff", TEXT_ASCII, "<\\xFF>", 1, "ASCII: invalid as usual");
	check_san("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", TEXT_ASCII, "?????", 3,
		  "ASCII: emoji ZWJ sequence");
	check_san("a\nb", TEXT_ASCII | TEXT_KEEP_NEWLINE, "a\nb", 0, "ASCII: newline kept");
	check_san("plain", TEXT_ASCII, "plain", 0, "ASCII: plain");
}

static void test_width(void)
{
	is_int(text_width("", 0), 0, "width: empty");
	is_int(text_width("abc", 3), 3, "width: ASCII");
	is_int(text_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4, "width: CJK is 2 each");
	is_int(text_width("e\xcc\x81", 3), 1, "width: combining is 0");
	is_int(text_width("a\xe4\xb8\xad" "e\xcc\x81", 7), 4, "width: mixed");
	is_int(text_width("\xf0\x9f\x98\x80", 4), 2, "width: emoji");
	is_int(text_width("\xed\x95\x9c", 3), 2, "width: Hangul syllable");
	is_int(text_width("\xef\xbd\xb1", 3), 1, "width: halfwidth katakana");
	is_int(text_width("\xef\xbc\xa1", 3), 2, "width: fullwidth A");
	is_int(text_width("\xc3\xa9\xc3\xa9\xc3\xa9", 6), 3, "width: not bytes");
	is_int(text_width("\xe4\xb8\xad\xe6\x96\x87", 3), 2, "width: only n bytes");
}

/* Steps forward from 0 and back from n, and writes the offsets seen. */
static void check_steps(const char *s, const char *want_next, const char *want_prev,
			const char *name)
{
	size_t n = strlen(s);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	for (size_t off = 0, guard = 0; off < n && guard < 1000; guard++) {
		off = text_next_grapheme(s, n, off);
		sb_addf(&a, "%s%zu", a.len ? " " : "", off);
	}
	for (size_t off = n, guard = 0; off > 0 && guard < 1000; guard++) {
		off = text_prev_grapheme(s, n, off);
		sb_addf(&b, "%s%zu", b.len ? " " : "", off);
	}
	is_str(sb_str(&a), want_next, "next grapheme: %s", name);
	is_str(sb_str(&b), want_prev, "prev grapheme: %s", name);
	sb_free(&a);
	sb_free(&b);
}

static void test_graphemes(void)
{
	const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	const char *flags = "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab\xf0\x9f\x87\xb7";
	struct strbuf sb = STRBUF_INIT;

	check_steps("abc", "1 2 3", "2 1 0", "ASCII");
	check_steps("e\xcc\x81x", "3 4", "3 0", "e + acute");
	check_steps("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85" "b", "11 12", "11 0", "five marks");
	check_steps(family, "18", "0", "family emoji is one cluster");
	check_steps(flags, "8 16", "8 0", "two flags");
	check_steps("\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab", "8 12", "8 0",
		    "odd regional indicator");
	check_steps("a\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" "b", "1 9 10", "9 1 0", "skin tone");
	check_steps("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "9", "0", "Hangul jamo");
	check_steps("\xe4\xb8\xad\xe6\x96\x87", "3 6", "3 0", "CJK");
	check_steps("a\r\nb", "1 3 4", "3 1 0", "CR LF");

	is_int(text_next_grapheme("abc", 3, 3), 3, "next at the end is n");
	is_int(text_next_grapheme("abc", 3, 7), 3, "next past the end is n");
	is_int(text_prev_grapheme("abc", 3, 0), 0, "prev at the start is 0");
	is_int(text_next_grapheme("", 0, 0), 0, "next in empty text");
	is_int(text_prev_grapheme("", 0, 0), 0, "prev in empty text");
	is_int(text_next_grapheme(flags, 16, 4), 8, "next from inside a flag");
	is_int(text_prev_grapheme(flags, 16, 12), 8, "prev from inside a flag");
	is_int(text_prev_grapheme(family, 18, 11), 0, "prev from inside a ZWJ sequence");

	/* Long clusters and long runs of emoji cross the search window. */
	sb_addc(&sb, 'x');
	for (int i = 0; i < 100; i++)
		sb_add(&sb, "\xcc\x81", 2);
	sb_addc(&sb, 'y');
	is_int(text_next_grapheme(sb.buf, sb.len, 0), 201, "next over 100 marks");
	is_int(text_prev_grapheme(sb.buf, sb.len, 201), 0, "prev over 100 marks");
	sb_reset(&sb);
	for (int i = 0; i < 20; i++)
		sb_adds(&sb, family);
	is_int(text_next_grapheme(sb.buf, sb.len, 0), 18, "next in a run of families");
	is_int(text_next_grapheme(sb.buf, sb.len, 180), 198, "next in the middle of a run");
	is_int(text_prev_grapheme(sb.buf, sb.len, sb.len), 342, "prev at the end of a run");
	is_int(text_prev_grapheme(sb.buf, sb.len, 187), 180, "prev inside a run");
	sb_reset(&sb);
	for (int i = 0; i < 41; i++)
		sb_add(&sb, "\xf0\x9f\x87\xa9", 4);
	is_int(text_next_grapheme(sb.buf, sb.len, 152), 160, "41 RIs: pairs counted from the start");
	is_int(text_next_grapheme(sb.buf, sb.len, 160), 164, "41 RIs: the last one alone");
	is_int(text_prev_grapheme(sb.buf, sb.len, 164), 160, "41 RIs: prev of the last");
	is_int(text_prev_grapheme(sb.buf, sb.len, 160), 152, "41 RIs: prev pair");
	sb_free(&sb);
}

static void test_fit(void)
{
	size_t w = 99;

	is_int(text_fit("hello", 5, 3, &w), 3, "fit: ASCII bytes");
	is_int(w, 3, "fit: ASCII width");
	is_int(text_fit("abc", 3, 10, &w), 3, "fit: all of it");
	is_int(w, 3, "fit: all of it, width");
	is_int(text_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 9, 3, &w), 3, "fit: CJK at 3 cols");
	is_int(w, 2, "fit: CJK width 2 of 3");
	is_int(text_fit("\xe4\xb8\xad", 3, 1, &w), 0, "fit: wide char in 1 col");
	is_int(w, 0, "fit: nothing fits");
	is_int(text_fit("e\xcc\x81" "e\xcc\x81", 6, 1, &w), 3, "fit: keeps the mark");
	is_int(w, 1, "fit: with mark, width");
	is_int(text_fit("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 11, 3, &w), 0,
	       "fit: ZWJ sequence is not split");
	is_int(text_fit("abc", 3, 0, NULL), 0, "fit: zero columns, NULL width");
	is_int(text_fit("abce\xcc\x81", 6, 4, &w), 6, "fit: a mark after ASCII stays with its letter");
	is_int(w, 4, "fit: ... in 4 columns");
	is_int(text_fit("abce\xcc\x81", 6, 3, &w), 3, "fit: a mark after the fitting part stays out");
	is_int(text_fit("abcd\xcc\x81xyz", 9, 8, &w), 9, "fit: ASCII, mark, ASCII");
	is_int(w, 7, "fit: ... 7 columns");
	is_int(text_fit("", 0, 5, &w), 0, "fit: empty");
	is_int(w, 0, "fit: empty width");
}

/* Wraps s and writes the lines as "start+len" pairs. */
static void check_wrap(const char *s, size_t width, const char *want, const char *name)
{
	size_t *starts = NULL, *lens = NULL;
	size_t n = text_wrap(s, strlen(s), width, &starts, &lens);
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s%zu+%zu", i ? " " : "", starts[i], lens[i]);
	is_str(sb_str(&sb), want, "wrap %s", name);
	free(starts);
	free(lens);
	sb_free(&sb);
}

static void test_wrap(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t *starts, *lens, n, maxw = 0;
	bool ok_lines = true;

	check_wrap("", 10, "0+0", "empty text is one line");
	check_wrap("hello world", 5, "0+5 6+5", "two words");
	check_wrap("hello world", 11, "0+11", "exact fit");
	check_wrap("hello world foo", 11, "0+11 12+3", "exact fit before a space");
	check_wrap("hello world foo bar", 80, "0+19", "wide enough");
	check_wrap("abcdefghij klm", 5, "0+5 5+5 11+3", "long word is cut");
	check_wrap("ab abcdefghij", 5, "0+2 3+5 8+5", "long word after a short one");
	check_wrap("hello   world", 5, "0+5 8+5", "spaces dropped at the break");
	check_wrap("trailing   ", 20, "0+8", "trailing spaces not in the line");
	check_wrap("  indented", 20, "0+10", "leading spaces kept");
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 5, "0+6 6+6", "CJK");
	check_wrap("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87", 4, "0+6 6+6", "CJK exact");
	check_wrap("a\nb\n\nc", 10, "0+1 2+1 4+0 5+1", "newlines always break");
	check_wrap("abc\n", 10, "0+3 4+0", "final newline gives an empty line");
	check_wrap("one two\nthree", 3, "0+3 4+3 8+3 11+2", "newline and width");
	check_wrap("ab c", 1, "0+1 1+1 3+1", "width 1");
	check_wrap("\xe4\xb8\xad" "a", 1, "0+3 3+1", "wide char at width 1");
	check_wrap("ab", 0, "0+1 1+1", "width 0 acts as 1");
	check_wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, "0+6 6+3", "cut between clusters");
	check_wrap("a \xf0\x9f\x8f\xbd", 1, "0+1 1+5", "space carrying a modifier is not a space");
	check_wrap("a-b-c-d", 3, "0+2 2+2 4+3", "breaks after hyphens");

	/* Every line fits and the lines cover the text in order. */
	for (int i = 0; i < 50; i++)
		sb_adds(&sb, i % 3 ? "word \xe4\xb8\xad\xe6\x96\x87 " : "supercalifragilistic ");
	n = text_wrap(sb.buf, sb.len, 7, &starts, &lens);
	for (size_t i = 0; i < n; i++) {
		size_t w = text_width(sb.buf + starts[i], lens[i]);

		maxw = w > maxw ? w : maxw;
		if (i && starts[i] < starts[i - 1] + lens[i - 1])
			ok_lines = false;
	}
	is_int(maxw, 7, "long text: widest line is the width");
	ok(ok_lines, "long text: lines in order, not overlapping");
	ok(n > 50, "long text: many lines (%zu)", n);
	free(starts);
	free(lens);
	sb_free(&sb);
}

/* text_linebreaks works plain text out itself and the rest in stretches:
 * it must give what libunistring gives for the whole, whatever the text.
 * Every text of up to 5 characters from a set with one of each kind that
 * matters around a space (letters, digits, punctuation, brackets,
 * quotes, a newline, CJK, a combining mark, a no-break space, a joiner,
 * a regional indicator), then 200,000 random longer ones, mostly
 * letters and spaces, some anything. */
static bool same_breaks(const char *s, size_t n)
{
	char a[512], b[512];

	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", a);
	text_linebreaks(s, n, b);
	return memcmp(a, b, n) == 0;
}

static void test_linebreaks(void)
{
	static const char *const set[] = {
		"a", " ", "Z", "1", ".", "-", "(", ")", "\"", "$", "%", "!", "\n", "\xe6\x97\xa5",
		"\xcc\x81", "\xc2\xa0", "\xe2\x80\x8d", "\xf0\x9f\x87\xab", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "/", ",", "'", "\xe2\x80\x94",
	};
	static const char *const more[] = {
		"\xc3\xa9", "\xe3\x81\x82", "\xe3\x80\x81", "\xe2\x82\xac", "\xc2\xad", "\xe2\x81\xa0",
		"\xe2\x80\x8b", "\xf0\x9f\x91\x8d", "\xf0\x9f\x8f\xbb", "\xe0\xb8\x81", "\xe0\xb8\xb2",
		"\xd7\x90", "\xe2\x80\x90", "\xc2\xab", "\xc2\xbb", "\t", "\r", ":", ";", "?", "[", "]",
		"{", "}", "+", "#", "&", "*", "<", ">", "=", "@", "\\", "^", "_", "`", "|", "~", "b", "9",
	};
	const size_t nset = sizeof(set) / sizeof(*set), nmore = sizeof(more) / sizeof(*more);
	size_t bad = 0, tried = 0;
	unsigned long r = 12345;
	char s[512];

	for (size_t len = 1; len <= 5; len++) {
		size_t total = 1;

		for (size_t k = 0; k < len; k++)
			total *= nset;
		for (size_t code = 0; code < total; code++) {
			size_t n = 0, c = code;

			for (size_t k = 0; k < len; k++, c /= nset) {
				size_t l = strlen(set[c % nset]);

				memcpy(s + n, set[c % nset], l);
				n += l;
			}
			tried++;
			if (!same_breaks(s, n) && bad++ < 3)
				printf("#   differs: \"%.*s\"\n", (int)n, s);
		}
	}
	ok(bad == 0, "text_linebreaks is u8_possible_linebreaks: all %zu short texts", tried);
	bad = 0;
	for (int it = 0; it < 200000; it++) {
		size_t n = 0, len;
		unsigned mode;

		r = r * 6364136223846793005UL + 1442695040888963407UL;
		len = (r >> 33) % 120;
		mode = (unsigned)(r >> 20) % 3;
		for (size_t k = 0; k < len; k++) {
			const char *c;
			unsigned pick;

			r = r * 6364136223846793005UL + 1442695040888963407UL;
			pick = (unsigned)(r >> 33);
			if (mode == 0 && pick % 100 < 70)
				c = pick % 7 < 2 ? " " : set[pick / 100 % 4];
			else if (mode == 1 && pick % 100 < 40)
				c = pick % 2 ? " " : "x";
			else
				c = pick % 2 ? set[pick / 100 % nset] : more[pick / 100 % nmore];
			if (n + strlen(c) >= sizeof(s))
				break;
			memcpy(s + n, c, strlen(c));
			n += strlen(c);
		}
		if (!same_breaks(s, n) && bad++ < 3)
			printf("#   differs: \"%.*s\"\n", (int)n, s);
	}
	ok(bad == 0, "text_linebreaks is u8_possible_linebreaks: 200,000 random texts");
}

/* text_wrap has a loop of its own for printable ASCII: it must wrap as
 * the general one.  The same random texts with each "a" written as
 * U+00E9 (one column, one cluster, the same breaking class, two bytes)
 * take the general loop: their lines must be the same characters. */
static void test_wrap_ascii_loop(void)
{
	static const char pick[] = "aaaaabcdefgh      .,-/()!?\"'1234";
	unsigned long r = 777;
	size_t bad = 0;

	for (int it = 0; it < 20000; it++) {
		char a[256], u[512];
		size_t n, nu = 0, *s1, *l1, *s2, *l2, n1, n2, width, map[512];

		r = r * 6364136223846793005UL + 1442695040888963407UL;
		n = (r >> 33) % 200;
		width = 1 + (r >> 20) % 30;
		for (size_t k = 0; k < n; k++) {
			r = r * 6364136223846793005UL + 1442695040888963407UL;
			a[k] = pick[(r >> 33) % (sizeof(pick) - 1)];
		}
		for (size_t k = 0; k <= n; k++) {
			map[nu] = k;	/* byte of u -> byte of a */
			if (k == n)
				break;
			if (a[k] == 'a') {
				memcpy(u + nu, "\xc3\xa9", 2);
				map[nu + 1] = k;
				nu += 2;
			} else {
				u[nu++] = a[k];
			}
		}
		n1 = text_wrap(a, n, width, &s1, &l1);
		n2 = text_wrap(u, nu, width, &s2, &l2);
		if (n1 != n2) {
			bad++;
		} else {
			for (size_t i = 0; i < n1; i++)
				if (map[s2[i]] != s1[i] || map[s2[i] + l2[i]] != s1[i] + l1[i]) {
					bad++;
					break;
				}
		}
		free(s1);
		free(l1);
		free(s2);
		free(l2);
	}
	ok(bad == 0, "text_wrap: printable ASCII wraps as the same text with a two-byte letter (20,000 texts)");
}

static void test_trim(void)
{
	char a[] = "  \t hello world \r\n", b[] = "", c[] = " \n ", d[] = "x";

	is_str(text_trim(a), "hello world", "trim both ends");
	is_str(text_trim(b), "", "trim empty");
	is_str(text_trim(c), "", "trim all white");
	is_str(text_trim(d), "x", "trim nothing");
}

static void check_md(const char *s, bool keep, const char *want, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	text_markdown_escape(&sb, s, keep);
	is_str(sb_str(&sb), want, "markdown %s", name);
	sb_free(&sb);
}

/* U+2060 WORD JOINER */
#define WJ "\xE2\x81\xA0"

static void test_markdown(void)
{
	struct strbuf sb = STRBUF_INIT;

	check_md("plain words", false, "plain words", "plain");
	check_md("a*b_c", false, "a\\*b\\_c", "emphasis");
	check_md("`code` and \\", false, "\\`code\\` and \\\\", "backtick and backslash");
	check_md("[link](x) <b>", false, "\\[link\\](x) \\<b\\>", "link and html");
	check_md("a|b", false, "a\\|b", "table pipe");
	check_md("~~gone~~", false, "\\~\\~gone\\~\\~", "strikethrough");
	check_md("# title", false, "\\# title", "heading");
	check_md("a # b", false, "a # b", "# not at the start");
	check_md("- item", false, "\\- item", "bullet");
	check_md("+ item", false, "\\+ item", "plus bullet");
	check_md("=== x", false, "\\=== x", "setext underline");
	check_md("a - b = c + d", false, "a - b = c + d", "operators inside");
	check_md("12. item", false, "12\\. item", "ordered list");
	check_md("3) item", false, "3\\) item", "ordered list with )");
	check_md("2026 was long", false, "2026 was long", "number without . or )");
	check_md("1.5 seconds", false, "1\\.5 seconds", "number then dot");
	check_md("> quote", false, "\\> quote", "quote");
	check_md("   # indented", false, "   \\# indented", "indented heading");
	check_md("one\n# two", false, "one # two", "newline becomes space");
	check_md("one\n# two\n3. x", true, "one\n\\# two\n3\\. x", "newlines kept");
	check_md("a\x1b[1mb", false, "a^\\[\\[1mb", "escape sequence sanitized");
	check_md("x\xe2\x80\xaey", false, "x\\<U+202E\\>y", "bidi sanitized");
	check_md("caf\xc3\xa9 \xe4\xb8\xad", false, "caf\xc3\xa9 \xe4\xb8\xad", "UTF-8 kept");
	check_md("", false, "", "empty");
	check_md("ping @everyone and @here", false, "ping @" WJ "everyone and @" WJ "here",
		 "@everyone and @here get a word joiner");
	check_md("@dana-k said (@lee)", false, "@" WJ "dana-k said (@" WJ "lee)", "@name");
	check_md("mail dana@example.com", false, "mail dana@example.com", "an e-mail address is left alone");
	check_md("see #123, org/repo#45 and g/p!7", false,
		 "see #" WJ "123, org/repo#" WJ "45 and g/p!" WJ "7", "#123 and !7 references");
	check_md("#12 at the start", false, "\\#" WJ "12 at the start", "a reference that starts a line");
	check_md("a # b, #x, @ c, 5!", false, "a # b, #x, @ c, 5!", "no name or number after it");
	check_md("https://example.com/@dana#12 www.x.org/#3 (https://y/@z)", false,
		 "https://example.com/@dana#12 www.x.org/#3 (https://y/@z)", "web addresses are left alone");
	check_md("https://x/a @b", false, "https://x/a @" WJ "b", "after a web address");

	sb_adds(&sb, "| ");
	text_markdown_escape(&sb, "- x", false);
	is_str(sb_str(&sb), "| \\- x", "markdown appends");
	sb_free(&sb);
}

static void check_fence(const char *s, const char *want, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	text_markdown_fence(&sb, s, "text");
	is_str(sb_str(&sb), want, "fence %s", name);
	sb_free(&sb);
}

static void check_mermaid(const char *s, size_t cols, const char *want, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	text_mermaid_label(&sb, s, cols);
	is_str(sb_str(&sb), want, "mermaid %s", name);
	sb_free(&sb);
}

static void test_fence_and_mermaid(void)
{
	check_fence("a\n  b *c* @here\n", "```text\na\n  b *c* @here\n```\n", "verbatim, trailing newline dropped");
	check_fence("x\n```\ny", "````text\nx\n```\ny\n````\n", "longer than a fence inside");
	check_fence("`````", "``````text\n`````\n``````\n", "longer than any run");
	check_fence("a\x1b[2J\tb", "```text\na^[[2J b\n```\n", "sanitized");
	check_fence("", "```text\n```\n", "empty");
	check_mermaid("say \"hi\" #35; <b>&`x`", 80, "say #34;hi#34; #35;35; #60;b#62;#38;#96;x#96;",
		      "quotes, entity codes, html and backticks");
	check_mermaid("one\ntwo", 80, "one two", "one line");
	check_mermaid("ask @here, #12", 80, "ask @" WJ "here, #35;12", "no ping");
	check_mermaid("abcdefghij", 5, "abcd\xE2\x80\xA6", "cut with an ellipsis");
	check_mermaid("abcde", 5, "abcde", "fits exactly");
	check_mermaid("\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 5, "\xe4\xb8\xad\xe4\xb8\xad" "\xE2\x80\xA6", "by columns");
}

int main(void)
{
	test_sanitize_controls();
	test_sanitize_unicode();
	test_sanitize_invalid();
	test_sanitize_marks();
	test_sanitize_ascii();
	test_width();
	test_graphemes();
	test_fit();
	test_wrap();
	test_linebreaks();
	test_wrap_ascii_loop();
	test_trim();
	test_markdown();
	test_fence_and_mermaid();
	return done_testing();
}
