/* Blameless wording: finds phrases in a text that blame people rather
 * than describe what happened ("human error", "should have", "failed
 * to", a person's name as the subject of a failure...), each with a hint
 * that asks how or what instead.  A hint, never a block. */
#ifndef SCRIBE_BLAME_H
#define SCRIBE_BLAME_H

#include <stddef.h>

/* The default phrases (NULL-terminated), used when the configuration
 * names none. */
extern const char *const blame_default_phrases[];

struct blame_hit {
	size_t start, len;	/* byte range in the text */
	const char *phrase;	/* the phrase matched (static or from the list) */
	const char *hint;	/* a question to ask instead; static */
};

/* Finds the blaming phrases of phrases (NULL-terminated; NULL means the
 * defaults) in text: case-insensitive, on word boundaries, whatever the
 * white space between words (a line break counts as a space).  Also
 * flags a capitalised name followed by "failed", "forgot", "missed",
 * "broke", "didn't", "did not" or "neglected" (a person as the subject of
 * a failure) when names (NULL-terminated, may be NULL) holds that word,
 * e.g. the authors of the incident.  Stores at most max hits in hits, in
 * text order, and returns how many there are in all. */
size_t blame_find(const char *text, const char *const *phrases, const char *const *names,
		  struct blame_hit *hits, size_t max);

#endif
