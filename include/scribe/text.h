/* Text as the terminal sees it: sanitizing what anyone wrote, display
 * width, grapheme steps and line wrapping, all on UTF-8 through
 * libunistring.  Never count bytes as columns. */
#ifndef SCRIBE_TEXT_H
#define SCRIBE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "scribe/util.h"

enum {
	TEXT_KEEP_NEWLINE = 1 << 0,	/* '\n' passes through (multi-line text) */
	TEXT_ASCII = 1 << 1,		/* non-UTF-8 terminal: every non-ASCII
					 * character becomes a placeholder */
};

/* Appends to out a copy of s[0..n) that is safe to send to a terminal:
 *   C0 controls and DEL    -> caret notation "^[", "^M", "^?" (TAB
 *                             becomes one space; '\n' is kept only with
 *                             TEXT_KEEP_NEWLINE, else "^J");
 *   C1 controls U+0080..9F -> "<U+009B>";
 *   bidi controls (U+061C, U+200E, U+200F, U+202A..202E, U+2066..2069)
 *                          -> "<U+202E>";
 *   other format characters (general category Cf: U+200B, U+2060, U+FEFF,
 *   ...) -> "<U+200B>", except U+200C/U+200D between two letters or
 *   symbols, which scripts and emoji need;
 *   more than 4 combining marks on one base: the first 4 are kept, the
 *   rest become one "<+N marks>";
 *   unassigned/private-use code points are kept; invalid UTF-8 bytes ->
 *   "<\xNN>" one per byte;
 *   with TEXT_ASCII every other non-ASCII character -> "?" (and wide
 *   characters -> "??", to keep the layout).
 * Returns the number of placeholders written. */
size_t text_sanitize(struct strbuf *out, const char *s, size_t n, unsigned flags);

/* True when text_sanitize would copy s unchanged (flags as there). */
bool text_is_clean(const char *s, size_t n, unsigned flags);

/* True when s[0..n) is valid UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). */
bool text_valid_utf8(const char *s, size_t n);

/* Columns that valid, sanitized UTF-8 s[0..n) takes (wide = 2,
 * combining = 0). */
size_t text_width(const char *s, size_t n);

/* Byte offset of the next / previous grapheme cluster boundary from
 * off in valid UTF-8 s[0..n); next returns n at the end, prev 0 at the
 * start. */
size_t text_next_grapheme(const char *s, size_t n, size_t off);
size_t text_prev_grapheme(const char *s, size_t n, size_t off);

/* The length of the run of printable ASCII (0x20-0x7e) at the start of
 * s[0..n): a column and a grapheme cluster a byte, whatever the locale
 * (unless a combining mark follows the run). */
size_t text_ascii_prefix(const char *s, size_t n);

/* The longest prefix of s[0..n), in whole grapheme clusters, whose width
 * is at most cols; returns its length in bytes and stores its width in
 * *width (may be NULL). */
size_t text_fit(const char *s, size_t n, size_t cols, size_t *width);

/* The line break opportunities of UTF-8 s[0..n) into lb[0..n), as
 * u8_possible_linebreaks(s, n, "UTF-8", lb) gives them (UC_BREAK_*),
 * with plain text (ASCII letters, digits, spaces) worked out here. */
void text_linebreaks(const char *s, size_t n, char *lb);

/* Wraps valid, sanitized UTF-8 s[0..n) into lines of at most width
 * columns using Unicode line breaking (u8_width_linebreaks); a word
 * longer than the width is cut at grapheme boundaries; '\n' always
 * breaks.  Stores in *starts a malloc'd array of the byte offset where
 * each line starts and in *lens each line's length without the break
 * characters (trailing spaces and the '\n' are not part of a line).
 * Returns the number of lines (at least 1, even for empty text).
 * The caller frees *starts and *lens. */
size_t text_wrap(const char *s, size_t n, size_t width, size_t **starts, size_t **lens);

/* Removes leading and trailing white space (ASCII space, tab, CR, LF)
 * in place; returns s. */
char *text_trim(char *s);

/* Appends s to out, sanitized (newlines become spaces unless
 * keep_newlines), with what markdown would read as markup escaped by a
 * backslash: \ ` * _ [ ] < > | ~ everywhere, and at the start of a line
 * a leading # + - = or "N." / "N)".  The result is safe inside a table
 * cell and cannot start a heading, list or quote.
 * Mentions and references that would ping or link where the report is
 * pasted ("@name", "@here", "#123", "group/project!45") get an invisible
 * WORD JOINER (U+2060) after the '@', '#' or '!'; e-mail addresses and
 * web addresses are left alone. */
void text_markdown_escape(struct strbuf *out, const char *s, bool keep_newlines);

/* Appends s, sanitized but otherwise verbatim, as a fenced code block
 * with the info string info ("text"): the fence is a run of backticks
 * longer than any in s (at least three), so nothing in s can close it.
 * Trailing newlines are dropped; the block ends with a newline. */
void text_markdown_fence(struct strbuf *out, const char *s, const char *info);

/* Appends s as the text of a quoted Mermaid label ("..."): sanitized,
 * on one line (newlines become spaces), cut to cols
 * columns with an ellipsis, and " # & < > ` written as Mermaid's entity
 * codes ("#34;"), so it cannot end the label or act as markup; "@name"
 * gets a word joiner as in text_markdown_escape. */
void text_mermaid_label(struct strbuf *out, const char *s, size_t cols);

#endif
