/* A small, strict JSON reader (RFC 8259) for what `scribe import` reads:
 * journalctl -o json, Slack exports, JSON lines.  One pass over the
 * input, O(n) in its bytes, nesting bounded by JSON_MAX_DEPTH, and every
 * problem placed at a line and column.  No I/O. */
#ifndef SCRIBE_JSON_H
#define SCRIBE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 64	/* arrays and objects inside each other */

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

/* One value.  Strings are unescaped, valid UTF-8 and NUL-terminated (a
 * "\u0000" inside stays, counted in len); numbers keep their text. */
struct json {
	enum json_type type;
	int line, col;		/* where the value starts, 1-based */
	const char *key;	/* its name, when it is a member of an object */
	const char *s;		/* JSON_STRING: the text; JSON_NUMBER: the digits */
	size_t len;		/* bytes of s; elements or members of a container */
	struct json *child;	/* first element or member */
	struct json *next;	/* the next one in the same container */
};

struct json_block;

/* A parsed document: owns every value and string in it. */
struct json_doc {
	struct json *root;
	struct json_block *blocks;
	/* where parsing stopped and why, when json_parse fails */
	int line, col;
	const char *error;	/* static English text */
};

/* Parses buf[0..len), found at line line0 of its file, into doc (which
 * the caller zeroes first and frees with json_free).  Returns 0, or -1
 * with doc->line, doc->col and doc->error set. */
int json_parse(struct json_doc *doc, const char *buf, size_t len, int line0);
void json_free(struct json_doc *doc);

/* The member called key of object o (the last one when a name is given
 * twice), or NULL when o is not an object or has none. */
const struct json *json_get(const struct json *o, const char *key);
/* The text of v when it is a string, else NULL. */
const char *json_string(const struct json *v);
/* The member key of o as a string, or NULL. */
const char *json_get_string(const struct json *o, const char *key);

#endif
