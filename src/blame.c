/* Blameless wording: a scan of a UTF-8 text for phrases that point at
 * people ("human error", "should have"...) and for a named person as the
 * subject of a failure ("Alice forgot"), each with a kinder question.
 *
 * Matching works on code points (libunistring), so a hit never starts or
 * ends inside a multibyte character:
 *  - case-insensitive through uc_tolower(), and an apostrophe in a phrase
 *    also matches the typographic ones (U+2019, U+02BC);
 *  - a run of white space in a phrase matches any non-empty run of white
 *    space in the text (spaces, tabs, line breaks, no-break spaces);
 *  - on word boundaries: a phrase that starts (ends) with a letter or
 *    digit only matches where the text has no letter, digit or combining
 *    mark just before (after) it, and a hyphen joined to a word counts as
 *    part of it, so "shoulder", "blameless", "non-blame" and "blame-free"
 *    hold no hit for "should" or "blame";
 *  - where phrase hits overlap, the leftmost is kept, and of those that
 *    start there the longest ("to blame" over "blame").  A name hit may
 *    overlap a phrase hit ("Alice failed to"): both are reported. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "scribe/blame.h"
#include "scribe/util.h"

const char *const blame_default_phrases[] = {
	"human error",
	"user error",
	"operator error",
	"should have",
	"should've",
	"should not have",
	"shouldn't have",
	"ought to have",
	"could have",
	"could've",
	"failed to",
	"forgot to",
	"dropped the ball",
	"not paying attention",
	"careless",
	"carelessness",
	"sloppy",
	"fault of",
	"at fault",
	"root cause",
	"negligent",
	"negligence",
	"blame",
	"blamed",
	"blaming",
	"to blame",
	"mistake by",
	"didn't bother",
	"why didn't",
	"lazy",
	"incompetent",
	"incompetence",
	NULL
};

/* The hint of each default phrase, in the same order. */
static const char *const default_hints[] = {
	"what made this easy to get wrong?",			/* human error */
	"what made this easy to get wrong?",			/* user error */
	"what made this easy to get wrong?",			/* operator error */
	"what made the other choice look right at the time?",	/* should have */
	"what made the other choice look right at the time?",	/* should've */
	"what made this choice look right at the time?",	/* should not have */
	"what made this choice look right at the time?",	/* shouldn't have */
	"what made the other choice look right at the time?",	/* ought to have */
	"what would have made the other option visible then?",	/* could have */
	"what would have made the other option visible then?",	/* could've */
	"what got in the way?",					/* failed to */
	"what would have made this hard to forget?",		/* forgot to */
	"what got in the way?",					/* dropped the ball */
	"what was competing for attention?",			/* not paying attention */
	"what made care hard here: pressure, tools, fatigue?",	/* careless */
	"what made care hard here: pressure, tools, fatigue?",	/* carelessness */
	"what made being thorough hard here?",			/* sloppy */
	"what conditions allowed this to happen?",		/* fault of */
	"what conditions allowed this to happen?",		/* at fault */
	"several factors contributed: which ones?",		/* root cause */
	"what made the safe path hard to follow?",		/* negligent */
	"what made the safe path hard to follow?",		/* negligence */
	"what can we learn, rather than whom to fault?",	/* blame */
	"what can we learn, rather than whom to fault?",	/* blamed */
	"what can we learn, rather than whom to fault?",	/* blaming */
	"what can we learn, rather than whom to fault?",	/* to blame */
	"what made the mistake easy to make?",			/* mistake by */
	"what made this step look unnecessary at the time?",	/* didn't bother */
	"how did it look at the time, and what was in the way?", /* why didn't */
	"what made the shortcut look sensible then?",		/* lazy */
	"what knowledge or support was missing?",		/* incompetent */
	"what knowledge or support was missing?",		/* incompetence */
};

_Static_assert(ARRAY_SIZE(default_hints) + 1 == ARRAY_SIZE(blame_default_phrases),
	       "one hint per default phrase");

static const char generic_hint[] = "ask how or what happened, not who";
static const char name_hint[] = "describe what happened, not who: what made it hard?";

/* What follows a capitalised name to make it the subject of a failure. */
static const char *const failure_verbs[] = {
	"failed", "forgot", "missed", "broke", "didn't", "did not", "neglected", NULL
};

/* Decodes the code point at s[pos..n) into *uc and returns its length
 * (at least 1: an invalid byte decodes as U+FFFD).  Past the end, *uc is
 * a space and the length 0. */
static size_t decode_at(const char *s, size_t n, size_t pos, ucs4_t *uc)
{
	if (pos >= n) {
		*uc = ' ';
		return 0;
	}
	return (size_t)u8_mbtouc(uc, (const uint8_t *)s + pos, n - pos);
}

static bool is_space(ucs4_t uc)
{
	return uc == ' ' || (uc >= '\t' && uc <= '\r') || uc_is_property_white_space(uc);
}

/* A character that belongs to a word: letters, digits, combining marks. */
static bool is_word(ucs4_t uc)
{
	return uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
}

static bool is_apostrophe(ucs4_t uc)
{
	return uc == '\'' || uc == 0x2019 || uc == 0x02BC;
}

/* Whether a phrase character pc matches a text character tc. */
static bool same_char(ucs4_t pc, ucs4_t tc)
{
	if (pc == tc || uc_tolower(pc) == uc_tolower(tc))
		return true;
	return is_apostrophe(pc) && is_apostrophe(tc);
}

/* Whether the character c1 joins a word, c2 being the one beyond it (away
 * from the position in question): a letter, digit or mark does, and so
 * does a hyphen next to one. */
static bool joined(ucs4_t c1, ucs4_t c2)
{
	return is_word(c1) || (c1 == '-' && is_word(c2));
}

/* Whether no word goes on at s[pos..n). */
static bool boundary_after(const char *s, size_t n, size_t pos)
{
	ucs4_t c1, c2;
	size_t l = decode_at(s, n, pos, &c1);

	decode_at(s, n, pos + l, &c2);
	return !joined(c1, c2);
}

/* Skips the white space at s[pos..n) and returns where it ends. */
static size_t skip_space(const char *s, size_t n, size_t pos)
{
	ucs4_t uc;
	size_t l;

	while ((l = decode_at(s, n, pos, &uc)) > 0 && is_space(uc))
		pos += l;
	return pos;
}

/* Matches the phrase pat at text[pos..n), where bound tells whether a
 * word may start there.  Returns the end of the match, or 0 when there is
 * none (a match is never empty). */
static size_t match(const char *text, size_t n, size_t pos, const char *pat, bool bound)
{
	size_t plen = strlen(pat), pn = 0, j = skip_space(pat, plen, 0), i = pos;
	ucs4_t pc, tc, last = ' ';

	/* Most positions fail on the first character: check it first. */
	if (decode_at(pat, plen, j, &pc) == 0 || decode_at(text, n, pos, &tc) == 0 ||
	    !same_char(pc, tc) || (is_word(pc) && !bound))
		return 0;
	/* Trailing white space in the phrase is ignored: pn ends up after its
	 * last other character. */
	for (size_t k = j, l; (l = decode_at(pat, plen, k, &pc)) > 0; k += l)
		if (!is_space(pc))
			pn = k + l;
	while (j < pn) {
		size_t pl = decode_at(pat, pn, j, &pc), tl;

		if (is_space(pc)) {
			size_t e = skip_space(text, n, i);

			if (e == i)
				return 0;
			i = e;
			j = skip_space(pat, pn, j);
			last = ' ';
			continue;
		}
		tl = decode_at(text, n, i, &tc);
		if (tl == 0 || !same_char(pc, tc))
			return 0;
		i += tl;
		j += pl;
		last = pc;
	}
	if (is_word(last) && !boundary_after(text, n, i))
		return 0;
	return i;
}

/* The end of a name hit at text[pos..n) (a word start holding a capital
 * letter), or 0; *who is set to the name of names that matched. */
static size_t name_hit(const char *text, size_t n, size_t pos, const char *const *names,
		       const char **who)
{
	size_t best = 0;

	for (; *names; names++) {
		size_t e = match(text, n, pos, *names, true), s;

		if (e == 0)
			continue;
		s = skip_space(text, n, e);
		if (s == e)
			continue;
		for (const char *const *v = failure_verbs; *v; v++) {
			size_t ve = match(text, n, s, *v, true);

			if (ve > best) {
				best = ve;
				*who = *names;
			}
		}
	}
	return best;
}

/* Counts a hit, storing it when there is room. */
static void add_hit(struct blame_hit *hits, size_t max, size_t *count, size_t start, size_t end,
		    const char *phrase, const char *hint)
{
	if (*count < max) {
		hits[*count].start = start;
		hits[*count].len = end - start;
		hits[*count].phrase = phrase;
		hits[*count].hint = hint;
	}
	(*count)++;
}

size_t blame_find(const char *text, const char *const *phrases, const char *const *names,
		  struct blame_hit *hits, size_t max)
{
	const char *const *list = phrases ? phrases : blame_default_phrases;
	bool defaults = list == blame_default_phrases;
	size_t n, pos = 0, next = 0, count = 0;
	ucs4_t c1 = ' ', c2 = ' ';

	if (!text)
		return 0;
	if (!hits)
		max = 0;
	n = strlen(text);
	while (pos < n) {
		ucs4_t uc;
		size_t l = decode_at(text, n, pos, &uc);
		bool bound = !joined(c1, c2);

		if (names && bound && uc_is_upper(uc)) {
			const char *who = NULL;
			size_t e = name_hit(text, n, pos, names, &who);

			if (e)
				add_hit(hits, max, &count, pos, e, who, name_hint);
		}
		if (pos >= next) {
			size_t best = 0, bi = 0;

			for (size_t i = 0; list[i]; i++) {
				size_t e = match(text, n, pos, list[i], bound);

				if (e > best) {
					best = e;
					bi = i;
				}
			}
			if (best) {
				add_hit(hits, max, &count, pos, best, list[bi],
					defaults ? default_hints[bi] : generic_hint);
				next = best;
			}
		}
		c2 = c1;
		c1 = uc;
		pos += l;
	}
	return count;
}
