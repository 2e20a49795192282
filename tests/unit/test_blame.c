/* Blameless wording: exact byte ranges, phrases and hints of the hits in
 * small texts, word boundaries, white space, UTF-8 and names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/blame.h"
#include "scribe/util.h"
#include "tap.h"

#define MAXH 16

static const char generic[] = "ask how or what happened, not who";
static const char name_hint[] = "describe what happened, not who: what made it hard?";

/* Checks that text holds exactly one hit, at start for len bytes, of
 * phrase, and returns its hint (NULL when the check failed). */
static const char *one(const char *text, const char *const *phrases, size_t start, size_t len,
		       const char *phrase, const char *name)
{
	struct blame_hit h[MAXH];
	size_t n = blame_find(text, phrases, NULL, h, MAXH);

	is_int(n, 1, "%s: one hit", name);
	if (n < 1)
		return NULL;
	is_int(h[0].start, start, "%s: start", name);
	is_int(h[0].len, len, "%s: len", name);
	is_str(h[0].phrase, phrase, "%s: phrase", name);
	return h[0].hint;
}

/* Checks that text holds no hit. */
static void none(const char *text, const char *const *phrases, const char *const *names,
		 const char *name)
{
	struct blame_hit h[MAXH];

	is_int(blame_find(text, phrases, names, h, MAXH), 0, "%s: no hit", name);
}

static void test_defaults(void)
{
	size_t k;

	for (k = 0; blame_default_phrases[k]; k++)
		;
	ok(k >= 14, "default list has the usual phrases (%zu)", k);
	for (k = 0; blame_default_phrases[k]; k++) {
		struct blame_hit h[2];
		char *t = xasprintf("x %s y", blame_default_phrases[k]);
		size_t n = blame_find(t, NULL, NULL, h, 2);

		if (n != 1 || h[0].start != 2 || h[0].len != strlen(blame_default_phrases[k]) ||
		    strcmp(h[0].hint, generic) == 0 || !h[0].hint[0]) {
			ok(0, "default phrase \"%s\" finds itself with its own hint",
			   blame_default_phrases[k]);
			free(t);
			return;
		}
		free(t);
	}
	ok(1, "every default phrase finds itself with its own hint");
}

static void test_basic(void)
{
	const char *hint;

	hint = one("It was human error.", NULL, 7, 11, "human error", "human error");
	is_str(hint, "what made this easy to get wrong?", "human error: hint");
	hint = one("HUMAN  ERROR", NULL, 0, 12, "human error", "two spaces, capitals");
	is_str(hint, "what made this easy to get wrong?", "two spaces: hint");
	one("we saw Human\n error", NULL, 7, 12, "human error", "space and newline");
	one("human\t\r\nerror", NULL, 0, 13, "human error", "tab and CRLF");
	none("humanerror", NULL, NULL, "no space between the words");
	none("human-error", NULL, NULL, "hyphen is not white space");
	hint = one("should have checked", NULL, 0, 11, "should have", "should have at the start");
	is_str(hint, "what made the other choice look right at the time?", "should have: hint");
	one("we really should have", NULL, 10, 11, "should have", "should have at the end");
	one("should have", NULL, 0, 11, "should have", "should have is the whole text");
	hint = one("The root cause was", NULL, 4, 10, "root cause", "root cause");
	is_str(hint, "several factors contributed: which ones?", "root cause: hint");
	hint = one("(failed to) page", NULL, 1, 9, "failed to", "failed to in brackets");
	is_str(hint, "what got in the way?", "failed to: hint");
}

static void test_boundaries(void)
{
	none("the shoulder hurt", NULL, NULL, "shoulder");
	none("shoulder have", NULL, NULL, "shoulder have");
	none("a blameless review", NULL, NULL, "blameless");
	none("a blame-free review", NULL, NULL, "blame-free");
	none("non-blame culture", NULL, NULL, "non-blame");
	none("unlazy", NULL, NULL, "inside a word");
	none("lazy2", NULL, NULL, "digit after");
	none("\xc3\xa9lazy", NULL, NULL, "non-ASCII letter before");
	none("lazy\xc3\xa9", NULL, NULL, "non-ASCII letter after");
	none("blame\xcc\x81", NULL, NULL, "combining mark after");
	one("Blame.", NULL, 0, 5, "blame", "full stop after");
	one("-- blame --", NULL, 3, 5, "blame", "dashes apart");
	one("x,lazy,y", NULL, 2, 4, "lazy", "commas");
	one("\xe2\x80\x9c" "careless\xe2\x80\x9d", NULL, 3, 8, "careless", "curly quotes");
	one("Why didn\xe2\x80\x99t we", NULL, 0, 12, "why didn't", "typographic apostrophe");
	one("WHY DIDN'T", NULL, 0, 10, "why didn't", "ASCII apostrophe, capitals");
}

static void test_overlap(void)
{
	struct blame_hit h[MAXH];
	size_t n;

	one("who is to blame?", NULL, 7, 8, "to blame", "longest of overlapping hits");
	one("they blamed ops", NULL, 5, 6, "blamed", "blamed over blame");
	n = blame_find("Human error, then lazy and sloppy.", NULL, NULL, h, MAXH);
	is_int(n, 3, "three hits");
	if (n == 3) {
		is_int(h[0].start, 0, "first at 0");
		is_str(h[1].phrase, "lazy", "second is lazy");
		is_int(h[1].start, 18, "second at 18");
		is_int(h[2].start, 27, "third at 27");
		is_int(h[2].len, 6, "third len");
	}
}

static void test_custom(void)
{
	static const char *const cowboy[] = { "cowboy", NULL };
	static const char *const spaced[] = { "  rookie   move ", "", "   ", NULL };
	static const char *const empty[] = { NULL };
	const char *hint;

	hint = one("a Cowboy deploy", cowboy, 2, 6, "cowboy", "custom phrase");
	is_str(hint, generic, "custom phrase: generic hint");
	none("human error by a cowboys", cowboy, NULL, "custom list replaces the defaults");
	hint = one("a rookie\nmove", spaced, 2, 11, "  rookie   move ", "phrase with extra spaces");
	is_str(hint, generic, "phrase with extra spaces: generic hint");
	none("a rookie", spaced, NULL, "half a phrase");
	none("anything at all", spaced, NULL, "empty phrases never match");
	none("human error", empty, NULL, "empty list");
	hint = one("lazy", blame_default_phrases, 0, 4, "lazy", "defaults passed explicitly");
	is_str(hint, "what made the shortcut look sensible then?", "defaults keep their hints");
}

static void test_names(void)
{
	static const char *const alice[] = { "alice", NULL };
	static const char *const several[] = { "Bob", "zo\xc3\xab", "mary ann", NULL };
	struct blame_hit h[MAXH];
	size_t n;

	n = blame_find("Alice failed to restart", NULL, alice, h, MAXH);
	is_int(n, 2, "Alice failed to: two hits");
	if (n == 2) {
		is_int(h[0].start, 0, "name hit start");
		is_int(h[0].len, 12, "name hit spans the name and the verb");
		is_str(h[0].phrase, "alice", "name hit phrase is the name");
		is_str(h[0].hint, name_hint, "name hit hint");
		is_int(h[1].start, 6, "failed to start");
		is_int(h[1].len, 9, "failed to len");
		is_str(h[1].phrase, "failed to", "failed to phrase");
		is_str(h[1].hint, "what got in the way?", "failed to hint");
	}
	n = blame_find("alice failed", NULL, alice, h, MAXH);
	is_int(n, 0, "lowercase name: no hit");
	n = blame_find("alice failed to", NULL, alice, h, MAXH);
	is_int(n, 1, "lowercase name: only the phrase");
	if (n == 1)
		is_str(h[0].phrase, "failed to", "lowercase name: phrase hit");
	none("Alice failed", NULL, NULL, "no names given");
	none("Alicea failed", NULL, alice, "longer word than the name");
	none("Alice fails", NULL, alice, "not a failure verb");
	none("Alice-failed", NULL, alice, "no white space");
	none("Alice brokers", NULL, alice, "verb inside a longer word");

	n = blame_find("Then ALICE\n\tdid   not page.", NULL, alice, h, MAXH);
	is_int(n, 1, "did not across white space");
	if (n == 1) {
		is_int(h[0].start, 5, "did not: start");
		is_int(h[0].len, 16, "did not: len");
	}
	n = blame_find("Bob didn\xe2\x80\x99t, Zo\xc3\xab forgot; Mary Ann neglected it", NULL,
		       several, h, MAXH);
	is_int(n, 3, "three name hits");
	if (n == 3) {
		is_int(h[0].len, 12, "Bob didn't (typographic apostrophe)");
		is_str(h[0].phrase, "Bob", "Bob");
		is_int(h[1].start, 14, "Zoe start");
		is_int(h[1].len, 11, "Zoe forgot len");
		is_str(h[1].phrase, "zo\xc3\xab", "Zoe phrase");
		is_int(h[2].start, 27, "Mary Ann start");
		is_int(h[2].len, 18, "Mary Ann neglected len");
	}
	n = blame_find("ZO\xc3\x8b missed it", NULL, several, h, MAXH);
	is_int(n, 1, "non-ASCII capital folds to the name");
	if (n == 1)
		is_int(h[0].len, 11, "ZOE missed len");
}

static void test_utf8(void)
{
	static const char text[] = "Zo\xc3\xab said human error \xe2\x98\x83";
	struct blame_hit h[MAXH];
	size_t n = blame_find(text, NULL, NULL, h, MAXH);

	is_int(n, 1, "UTF-8 around a hit: one hit");
	if (n == 1) {
		is_int(h[0].start, 10, "UTF-8: byte start");
		is_int(h[0].len, 11, "UTF-8: byte len");
		ok(memcmp(text + h[0].start, "human error", 11) == 0, "UTF-8: range holds the phrase");
	}
	one("\xe2\x98\x83lazy\xe2\x98\x83", NULL, 3, 4, "lazy", "between snowmen");
	one("\xff\xfe lazy \xc3", NULL, 3, 4, "lazy", "invalid UTF-8 around");
	one("\xc3\xa9\xc2\xa0lazy", NULL, 4, 4, "lazy", "after a no-break space");
	one("human\xc2\xa0" "error", NULL, 0, 12, "human error", "no-break space inside");
}

static void test_limits(void)
{
	struct blame_hit h[2];
	static const char text[] = "lazy, sloppy, careless and incompetent";
	size_t n;

	memset(h, 0, sizeof h);
	n = blame_find(text, NULL, NULL, h, 2);
	is_int(n, 4, "count beyond max");
	is_str(h[0].phrase, "lazy", "first stored");
	is_str(h[1].phrase, "sloppy", "second stored");
	is_int(blame_find(text, NULL, NULL, h, 0), 4, "max 0 still counts");
	is_int(blame_find(text, NULL, NULL, NULL, 0), 4, "no array still counts");
	is_int(blame_find("", NULL, NULL, h, 2), 0, "empty text");
	is_int(blame_find(" \n\t", NULL, NULL, h, 2), 0, "white space only");
}

int main(void)
{
	test_defaults();
	test_basic();
	test_boundaries();
	test_overlap();
	test_custom();
	test_names();
	test_utf8();
	test_limits();
	return done_testing();
}
