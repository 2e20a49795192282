/* Text as the terminal sees it.  Everything here works on UTF-8 through
 * libunistring: widths come from uc_width(), never from byte counts, and
 * cursor steps and cuts land on grapheme cluster boundaries. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "scribe/text.h"

/* Combining marks kept on one base before the rest are summarized. */
#define MAX_MARKS 4

/* Decodes the code point at s[0..n), n > 0.  Returns its length in bytes
 * and stores it in *uc, or returns 0 for an invalid or truncated
 * sequence (libunistring rejects overlongs, surrogates and values above
 * U+10FFFF). */
static size_t decode(const char *s, size_t n, ucs4_t *uc)
{
	int len = u8_mbtoucr(uc, (const uint8_t *)s, n);

	return len > 0 ? (size_t)len : 0;
}

/* Like decode() but always steps forward: an invalid byte counts as one
 * unit standing for U+FFFD, so callers never stall on bad input. */
static size_t decode_any(const char *s, size_t n, ucs4_t *uc)
{
	size_t len = decode(s, n, uc);

	if (!len) {
		*uc = 0xFFFD;
		len = 1;
	}
	return len;
}

/* Start of the code point that ends at s[off] (off > 0), with the code
 * point in *uc.  Invalid bytes step back one at a time, as decode_any. */
static size_t prev_char(const char *s, size_t off, ucs4_t *uc)
{
	for (size_t k = 2; k <= 4 && k <= off; k++) {
		size_t start = off - k;

		if (((unsigned char)s[start] & 0xC0) == 0x80)
			continue;
		if (decode(s + start, k, uc) == k)
			return start;
		break;
	}
	decode_any(s + off - 1, 1, uc);
	return off - 1;
}

/* Columns of one code point: controls count as 0 here because sanitized
 * text has none, and combining marks report 0 (or -1) from uc_width. */
static size_t char_width(ucs4_t uc)
{
	int w = uc_width(uc, "UTF-8");

	return w > 0 ? (size_t)w : 0;
}

static bool is_mark(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_M);
}

static bool is_letter_or_symbol(ucs4_t uc)
{
	return uc_is_general_category(uc, UC_CATEGORY_L) ||
	       uc_is_general_category(uc, UC_CATEGORY_S);
}

/* Controls that reorder text: they make what is shown differ from what
 * is stored (Trojan Source), so they are always made visible. */
static bool is_bidi_control(ucs4_t uc)
{
	return uc == 0x061C || uc == 0x200E || uc == 0x200F ||
	       (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069);
}

/* The state of one sanitizing pass; out is NULL when only checking. */
struct sanitizer {
	struct strbuf *out;
	size_t placeholders;
	bool changed;
	size_t marks;		/* combining marks in the current run */
	size_t dropped;		/* of those, how many were not copied */
};

static void emit(struct sanitizer *z, const char *s, size_t n)
{
	if (z->out)
		sb_add(z->out, s, n);
}

/* Writes a placeholder for something that was not copied; fmt takes
 * one unsigned int (or nothing). */
static void placeholder(struct sanitizer *z, const char *fmt, unsigned v)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), fmt, v);

	emit(z, buf, (size_t)len);
	z->placeholders++;
	z->changed = true;
}

/* Ends a run of combining marks, summarizing the ones dropped. */
static void end_marks(struct sanitizer *z)
{
	if (z->dropped)
		placeholder(z, "<+%u marks>", (unsigned)z->dropped);
	z->marks = 0;
	z->dropped = 0;
}

/* The ZWJ/ZWNJ exception: joiners between two letters or symbols build
 * emoji sequences and are needed by several scripts.  The left side is
 * the last character that was not a combining mark: U+FE0F in emoji
 * sequences and viramas in Indic scripts come right before the joiner. */
static bool joiner_needed(ucs4_t uc, bool after_base, const char *next, size_t left)
{
	ucs4_t nx;

	if (uc != 0x200C && uc != 0x200D)
		return false;
	return after_base && left && decode(next, left, &nx) && is_letter_or_symbol(nx);
}

/*
 * The one pass behind text_sanitize() and text_is_clean(): walks s one
 * byte (ASCII, invalid) or code point at a time and either copies it or
 * writes a visible stand-in, following the rules in text.h.
 */
static void sanitize(struct sanitizer *z, const char *s, size_t n, unsigned flags)
{
	bool after_base = false;	/* last non-mark was a letter or symbol */
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		ucs4_t uc;
		size_t len;

		if (c >= 0x20 && c < 0x7F) {
			/* a run of printable ASCII, the common case, in one go */
			size_t j = i + 1;

			while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F)
				j++;
			end_marks(z);
			emit(z, s + i, j - i);
			c = (unsigned char)s[j - 1];
			/* ASCII letters are L*, and $+<=>^`|~ the S* of ASCII */
			after_base = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || strchr("$+<=>^`|~", c);
			i = j;
			continue;
		}
		if (c < 0x80) {
			end_marks(z);
			after_base = is_letter_or_symbol(c);
			if (c == '\n' && (flags & TEXT_KEEP_NEWLINE)) {
				emit(z, "\n", 1);
			} else if (c == '\t') {
				emit(z, " ", 1);
				z->changed = true;
			} else if (c < 0x20 || c == 0x7F) {
				/* Caret notation: ^@ .. ^_ and ^? for DEL. */
				placeholder(z, "^%c", c == 0x7F ? '?' : c + 0x40u);
			} else {
				emit(z, s + i, 1);
			}
			i++;
			continue;
		}
		len = decode(s + i, n - i, &uc);
		if (!len) {
			end_marks(z);
			after_base = false;
			placeholder(z, "<\\x%02X>", c);
			i++;
			continue;
		}
		if (is_mark(uc)) {
			if (++z->marks > MAX_MARKS) {
				z->dropped++;
				z->changed = true;
			} else if (flags & TEXT_ASCII) {
				placeholder(z, "?", 0);
			} else {
				emit(z, s + i, len);
			}
			i += len;
			continue;
		}
		end_marks(z);
		if ((uc >= 0x80 && uc <= 0x9F) || is_bidi_control(uc)) {
			placeholder(z, "<U+%04X>", uc);
		} else if (uc_is_general_category(uc, UC_CATEGORY_Cf) &&
			   !joiner_needed(uc, after_base, s + i + len, n - i - len)) {
			placeholder(z, "<U+%04X>", uc);
		} else if (flags & TEXT_ASCII) {
			placeholder(z, char_width(uc) > 1 ? "??" : "?", 0);
		} else {
			emit(z, s + i, len);
		}
		after_base = is_letter_or_symbol(uc);
		i += len;
	}
	end_marks(z);
}

size_t text_sanitize(struct strbuf *out, const char *s, size_t n, unsigned flags)
{
	struct sanitizer z = { .out = out };

	/* Leave a C string in out even when nothing is added. */
	sb_grow(out, n + 1);
	out->buf[out->len] = '\0';
	sanitize(&z, s, n, flags);
	return z.placeholders;
}

bool text_is_clean(const char *s, size_t n, unsigned flags)
{
	struct sanitizer z = { .out = NULL };

	sanitize(&z, s, n, flags);
	return !z.changed;
}

bool text_valid_utf8(const char *s, size_t n)
{
	return u8_check((const uint8_t *)s, n) == NULL;
}

size_t text_width(const char *s, size_t n)
{
	size_t w = 0;
	ucs4_t uc;

	for (size_t i = 0; i < n; ) {
		size_t len = decode(s + i, n - i, &uc);

		/* A stray byte would be shown as one cell, if at all. */
		w += len ? char_width(uc) : 1;
		i += len ? len : 1;
	}
	return w;
}

static bool is_ext_pict_or_ri(ucs4_t uc)
{
	return uc_is_property_extended_pictographic(uc) ||
	       uc_is_property_regional_indicator(uc);
}

/*
 * A grapheme boundary at or before off that does not depend on anything
 * before it.  libunistring's pairwise uc_is_grapheme_break() is exact
 * except for emoji ZWJ sequences (GB11) and regional indicator pairs
 * (GB12/13), which need context; a pairwise break in front of a
 * character that takes part in neither is a true boundary, and the
 * rules that look back cannot reach across it.
 */
static size_t safe_start(const char *s, size_t n, size_t off)
{
	while (off > 0) {
		ucs4_t a, b;
		size_t prev;

		decode_any(s + off, n - off, &b);
		prev = prev_char(s, off, &a);
		if (!is_ext_pict_or_ri(b) && uc_is_grapheme_break(a, b))
			return off;
		off = prev;
	}
	return 0;
}

/* Moves off forward to the start of a code point (or n). */
static size_t char_boundary(const char *s, size_t n, size_t off)
{
	while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

/*
 * Grapheme boundaries come from u8_grapheme_breaks(), which implements
 * the full rules (u8_grapheme_next in libunistring 1.0 splits emoji ZWJ
 * sequences and flags).  It runs on a window that starts at a safe
 * boundary and grows until a boundary after off shows up; a boundary
 * only depends on what precedes it and the one character after it, so a
 * window cut at a code point start gives right answers inside it.
 */
size_t text_next_grapheme(const char *s, size_t n, size_t off)
{
	size_t start, end, chunk = 64, found = n;
	char *brk = NULL;

	if (off >= n)
		return n;
	start = safe_start(s, n, off);
	for (;;) {
		end = chunk < n - off ? char_boundary(s, n, off + chunk) : n;
		brk = xrealloc(brk, end - start);
		u8_grapheme_breaks((const uint8_t *)s + start, end - start, brk);
		for (size_t i = off + 1; i < end; i++) {
			if (brk[i - start]) {
				found = i;
				goto out;
			}
		}
		if (end == n)
			break;
		chunk *= 2;
	}
out:
	free(brk);
	return found;
}

size_t text_prev_grapheme(const char *s, size_t n, size_t off)
{
	size_t start, found;
	ucs4_t uc;
	char *brk;

	if (off > n)
		off = n;
	if (off == 0)
		return 0;
	start = safe_start(s, n, prev_char(s, off, &uc));
	brk = xmalloc(off - start);
	u8_grapheme_breaks((const uint8_t *)s + start, off - start, brk);
	found = start;
	for (size_t i = off - 1; i > start; i--) {
		if (brk[i - start]) {
			found = i;
			break;
		}
	}
	free(brk);
	return found;
}

size_t text_ascii_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
		i++;
	return i;
}

size_t text_fit(const char *s, size_t n, size_t cols, size_t *width)
{
	size_t off = 0, w = 0, i;
	char *brk;

	/* printable ASCII is a column a byte, and a cluster a byte unless a
	 * combining mark (never ASCII) follows: the common case, at once */
	i = text_ascii_prefix(s, n < cols + 1 ? n : cols + 1);
	if (i == n || i > cols) {
		off = n < cols ? n : cols;
		if (width)
			*width = off;
		return off;
	}
	/* the cluster breaks, worked out once for the whole text */
	brk = xmalloc(n);
	u8_grapheme_breaks((const uint8_t *)s, n, brk);
	while (off < n) {
		size_t next = off + 1, cw;

		while (next < n && !brk[next])
			next++;
		cw = text_width(s + off, next - off);
		if (w + cw > cols)
			break;
		w += cw;
		off = next;
	}
	free(brk);
	if (width)
		*width = w;
	return off;
}

static bool ascii_letter(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* ASCII letters, digits and the space: line breaking classes AL, NU
 * and SP in every version of UAX #14. */
static bool plain_char(unsigned char c)
{
	return c == ' ' || ascii_letter(c) || (unsigned char)(c - '0') < 10;
}

/* The breaks of plain s[a..b), a stretch as below: after spaces, but
 * not after spaces at the very start of the text. */
static void plain_breaks(const char *s, size_t a, size_t b, char *lb)
{
	bool word = a > 0;

	lb[a] = a ? UC_BREAK_POSSIBLE : UC_BREAK_PROHIBITED;
	for (size_t j = a + 1; j < b; j++) {
		word = word || s[j - 1] != ' ';
		lb[j] = word && s[j - 1] == ' ' && s[j] != ' ' ? UC_BREAK_POSSIBLE : UC_BREAK_PROHIBITED;
	}
}

/*
 * The text is taken in stretches, each starting at an ASCII letter that
 * follows a space that follows an ASCII letter.  No rule of UAX #14
 * looks back past such a letter (class AL: no run of spaces, numbers,
 * quotes, brackets or regional indicators goes on through it), none
 * looks more than two characters ahead (a stretch ends in a letter and
 * a space, which no such rule is about), and the break before it is the
 * one after spaces (LB18).  So each stretch is worked out on its own: one
 * of letters, digits and spaces alone (most text) breaks after its
 * spaces (LB7, LB18, LB23, LB25, LB28; plain_breaks), any other is
 * libunistring's.
 * tests/unit/test_text.c holds this to u8_possible_linebreaks().
 */
void text_linebreaks(const char *s, size_t n, char *lb)
{
	size_t a = 0;

	while (a < n && plain_char((unsigned char)s[a]))
		a++;
	if (a == n) {	/* plain throughout: one stretch or many, the same */
		plain_breaks(s, 0, n, lb);
		return;
	}
	a = 0;
	while (a < n) {
		size_t b = a + 1;
		bool plain = plain_char((unsigned char)s[a]);

		while (b < n && !(b >= 2 && ascii_letter((unsigned char)s[b]) && s[b - 1] == ' ' &&
				  ascii_letter((unsigned char)s[b - 2]))) {
			plain = plain && plain_char((unsigned char)s[b]);
			b++;
		}
		if (plain) {
			plain_breaks(s, a, b, lb);
		} else {
			u8_possible_linebreaks((const uint8_t *)s + a, b - a, "UTF-8", lb + a);
			if (a)
				lb[a] = UC_BREAK_POSSIBLE;
		}
		a = b;
	}
}

/* The lines found so far by text_wrap(). */
struct lines {
	size_t *starts, *lens;
	size_t n, cap;
};

/* Adds the line s[start..end) without its trailing spaces. */
static void add_line(struct lines *l, const char *s, size_t start, size_t end)
{
	while (end > start && s[end - 1] == ' ')
		end--;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->starts = xreallocarray(l->starts, l->cap, sizeof(*l->starts));
		l->lens = xreallocarray(l->lens, l->cap, sizeof(*l->lens));
	}
	l->starts[l->n] = start;
	l->lens[l->n] = end - start;
	l->n++;
}

/*
 * Greedy wrapping over the break opportunities of the Unicode line
 * breaking algorithm, walking whole grapheme clusters.  This uses
 * u8_possible_linebreaks() rather than u8_width_linebreaks() because the
 * latter counts the spaces before a break against the width, which ends
 * lines one word early when the text exactly fills them; the breaking
 * rules are the same.  Spaces never overflow a line (they are dropped at
 * its end); a cluster that would overflow ends the line at the last
 * opportunity, or, if the line has none, right before that cluster.
 */
size_t text_wrap(const char *s, size_t n, size_t width, size_t **starts, size_t **lens)
{
	struct lines l = { NULL, NULL, 0, 0 };
	/* printable ASCII (most text): a cluster and a column a byte, so
	 * only the break opportunities are worked out */
	bool ascii = text_ascii_prefix(s, n) == n;
	char small[256], *lb = n <= sizeof(small) ? small : xmalloc(n), *gb = ascii ? NULL : xmalloc(n);
	size_t ls = 0, col = 0, last = 0, i = 0;

	if (width == 0)
		width = 1;
	text_linebreaks(s, n, lb);
	if (ascii) {
		/* the loop below with a cluster and a column a byte, and no
		 * mandatory break (no control character): it ends with i at n */
		for (i = 0; i < n; i++) {
			if (i > ls && lb[i] == UC_BREAK_POSSIBLE)
				last = i;
			if (s[i] != ' ' && col >= width && i > ls) {
				size_t end = last > ls ? last : i;

				add_line(&l, s, ls, end);
				ls = last = end;
				col = i - ls;
				if (col >= width && i > ls) {
					add_line(&l, s, ls, i);
					ls = last = i;
					col = 0;
				}
			}
			col++;
		}
	} else {
		u8_grapheme_breaks((const uint8_t *)s, n, gb);
	}
	/* any other text, a grapheme cluster at a time */
	while (i < n) {
		size_t j = i + 1, cw;

		while (j < n && !gb[j])
			j++;
		if (lb[i] == UC_BREAK_MANDATORY) {
			ucs4_t uc;

			add_line(&l, s, ls, i);
			ls = i + decode_any(s + i, n - i, &uc);
			col = 0;
			last = ls;
			i = ls;
			continue;
		}
		if (i > ls && lb[i] == UC_BREAK_POSSIBLE)
			last = i;
		cw = text_width(s + i, j - i);
		/* A space never overflows (it would end the line); one that
		 * carries marks is a cluster like any other. */
		if (!(j == i + 1 && s[i] == ' ') && col + cw > width && i > ls) {
			size_t end = last > ls ? last : i;

			add_line(&l, s, ls, end);
			ls = last = end;
			col = text_width(s + ls, i - ls);
			if (col + cw > width && i > ls) {
				/* The word before i is itself too long. */
				add_line(&l, s, ls, i);
				ls = last = i;
				col = 0;
			}
		}
		col += cw;
		i = j;
	}
	add_line(&l, s, ls, n);
	if (lb != small)
		free(lb);
	free(gb);
	*starts = l.starts;
	*lens = l.lens;
	return l.n;
}

char *text_trim(char *s)
{
	size_t start = 0, end = strlen(s);

	while (start < end && strchr(" \t\r\n", s[start]))
		start++;
	while (end > start && strchr(" \t\r\n", s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/*
 * Writes one line of sanitized text with markdown escaped.  Up to three
 * leading spaces still let a line start a block in CommonMark, so the
 * start-of-line checks look past them.
 */
static bool md_special(char c)
{
	switch (c) {
	case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|': case '~':
		return true;
	default:
		return false;
	}
}

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether a word starting at s[0..n) is a web address that GFM's
 * autolinks would turn into a link (after a '(' or emphasis marks). */
static bool url_start(const char *s, size_t n)
{
	static const char *const schemes[] = { "http://", "https://", "www." };
	size_t i = 0;

	while (i < n && i < 3 && strchr("(*_~", s[i]))
		i++;
	for (size_t k = 0; k < ARRAY_SIZE(schemes); k++) {
		size_t len = strlen(schemes[k]);

		if (n - i >= len && !strncasecmp(s + i, schemes[k], len))
			return true;
	}
	return false;
}

/* Whether s[i] starts a mention or a reference that GitHub, GitLab or a
 * chat would turn into a ping or a link: "@name" (not in an e-mail
 * address), "#123", "!123" (GitLab merge requests). */
static bool pings(const char *s, size_t n, size_t i)
{
	char next = i + 1 < n ? s[i + 1] : '\0';

	if (s[i] == '@')
		return (ascii_alnum(next) || next == '_') && !(i && ascii_alnum(s[i - 1]));
	return next >= '0' && next <= '9';
}

static void markdown_line(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	bool in_url = false;

	while (i < n && i < 3 && s[i] == ' ')
		sb_addc(out, s[i++]);
	in_url = url_start(s + i, n - i);
	if (i < n && strchr("#+-=", s[i])) {
		sb_addc(out, '\\');
	} else {
		while (i + digits < n && s[i + digits] >= '0' && s[i + digits] <= '9')
			digits++;
		if (digits && i + digits < n && (s[i + digits] == '.' || s[i + digits] == ')')) {
			sb_add(out, s + i, digits);
			sb_addc(out, '\\');
			i += digits;
		}
	}
	while (i < n) {
		size_t run = 0;

		/* copy what needs no escape in runs, not byte by byte */
		while (i + run < n && !md_special(s[i + run]) && !strchr(" @#!", s[i + run]))
			run++;
		sb_add(out, s + i, run);
		i += run;
		if (i >= n)
			break;
		if (s[i] == ' ') {
			sb_addc(out, s[i++]);
			in_url = url_start(s + i, n - i);
			continue;
		}
		if (md_special(s[i]))
			sb_addc(out, '\\');
		sb_addc(out, s[i]);
		/* a word joiner (U+2060) after the '@' or '#': invisible, but
		 * no longer a mention or a reference */
		if (!in_url && strchr("@#!", s[i]) && pings(s, n, i))
			sb_adds(out, "\xE2\x81\xA0");
		i++;
	}
}

void text_markdown_escape(struct strbuf *out, const char *s, bool keep_newlines)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p, *nl;

	text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE);
	if (!keep_newlines) {
		for (size_t i = 0; i < clean.len; i++)
			if (clean.buf[i] == '\n')
				clean.buf[i] = ' ';
	}
	sb_grow(out, clean.len + 1);
	out->buf[out->len] = '\0';
	for (p = clean.buf; (nl = strchr(p, '\n')); p = nl + 1) {
		markdown_line(out, p, (size_t)(nl - p));
		sb_addc(out, '\n');
	}
	markdown_line(out, p, strlen(p));
	sb_free(&clean);
}

/* The longest run of c in s. */
static size_t longest_run(const char *s, char c)
{
	size_t best = 0, run = 0;

	for (; *s; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

void text_markdown_fence(struct strbuf *out, const char *s, const char *info)
{
	struct strbuf clean = STRBUF_INIT;
	size_t fence;

	text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE);
	while (clean.len && clean.buf[clean.len - 1] == '\n')
		clean.buf[--clean.len] = '\0';
	fence = longest_run(sb_str(&clean), '`') + 1;
	if (fence < 3)
		fence = 3;
	for (size_t i = 0; i < fence; i++)
		sb_addc(out, '`');
	sb_adds(out, info ? info : "");
	sb_addc(out, '\n');
	if (clean.len) {
		sb_add(out, clean.buf, clean.len);
		sb_addc(out, '\n');
	}
	for (size_t i = 0; i < fence; i++)
		sb_addc(out, '`');
	sb_addc(out, '\n');
	sb_free(&clean);
}

void text_mermaid_label(struct strbuf *out, const char *s, size_t cols)
{
	struct strbuf clean = STRBUF_INIT;
	size_t n, width;

	text_sanitize(&clean, s, strlen(s), TEXT_KEEP_NEWLINE);
	for (size_t i = 0; i < clean.len; i++)
		if (clean.buf[i] == '\n')
			clean.buf[i] = ' ';
	n = text_fit(sb_str(&clean), clean.len, cols, &width);
	if (n < clean.len && cols) {
		/* room for the ellipsis */
		n = text_fit(clean.buf, clean.len, cols - 1, &width);
	}
	for (size_t i = 0; i < n; i++) {
		char c = clean.buf[i];

		/* Mermaid's entity codes: "#34;" is a '"' that does not end
		 * the label; '#' itself must be one, or "#35;" in the text
		 * would be read as a code */
		if (strchr("\"#&<>`", c))
			sb_addf(out, "#%d;", (int)(unsigned char)c);
		else
			sb_addc(out, c);
		/* drawn, or read as code where Mermaid is not: no ping either way */
		if (c == '@' && pings(clean.buf, n, i))
			sb_adds(out, "\xE2\x81\xA0");
	}
	if (n < clean.len)
		sb_adds(out, "\xE2\x80\xA6");
	sb_free(&clean);
}
