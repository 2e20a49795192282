/* The JSON reader behind `scribe import`: what it accepts, what it
 * refuses and where it says the problem is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/json.h"
#include "tap.h"

/* Parses s; returns "" when it parses, else "LINE:COL: why". */
static const char *parse(const char *s, size_t len)
{
	static char buf[200];
	struct json_doc doc = { 0 };

	if (json_parse(&doc, s, len, 1))
		snprintf(buf, sizeof(buf), "%d:%d: %s", doc.line, doc.col, doc.error);
	else
		buf[0] = '\0';
	json_free(&doc);
	return buf;
}

#define P(s) parse(s, strlen(s))

static void test_values(void)
{
	struct json_doc doc = { 0 };
	const char *s = "{\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\", "
			"\"a\": \"last\", \"o\": {\"k\": \"v\"}}";
	const struct json *a, *n;

	ok(!json_parse(&doc, s, strlen(s), 1), "an object with every kind of value parses");
	is_int(doc.root->type, JSON_OBJECT, "the root is an object");
	is_int(doc.root->len, 4, "with four members");
	is_str(json_get_string(doc.root, "b"), "x\xc3\xa9\xf0\x9f\x98\x80\n",
	       "escapes, \\u and a surrogate pair become UTF-8");
	is_str(json_get_string(doc.root, "a"), "last", "a name given twice: the last one counts");
	a = doc.root->child;
	is_int(a->type, JSON_ARRAY, "the first member is the array");
	is_int(a->len, 5, "of five elements");
	n = a->child->next;
	is_str(n->s, "-2.5e3", "a number keeps its text");
	is_int(n->line, 1, "values know their line");
	is_int(n->col, 11, "and column");
	is_int(a->child->next->next->type, JSON_TRUE, "true");
	is_str(json_get_string(json_get(doc.root, "o"), "k"), "v", "objects inside objects");
	ok(!json_get(doc.root, "missing") && !json_get(a, "x"), "json_get: NULL for none and for non-objects");
	json_free(&doc);

	ok(!json_parse(&doc, "\"a\\u0000b\"", 10, 1) && doc.root->len == 3, "\\u0000 stays, counted in len");
	json_free(&doc);
	is_str(P("\xef\xbb\xbf{}"), "", "a byte order mark is skipped");
	is_str(P(" \r\n\t[ ] "), "", "white space around");
}

static void test_errors(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "1:1: a value was expected, the input ended" },
		{ "[1,]", "1:4: a value (object, array, string, number, true, false or null) was expected" },
		{ "{\"a\" 1}", "1:6: ':' was expected after the member name" },
		{ "{a: 1}", "1:2: a member name (a string in double quotes) was expected" },
		{ "[1 2]", "1:4: ',' or ']' was expected" },
		{ "{\"a\": 1,\n \"b\": 2\n x}", "3:2: ',' or '}' was expected" },
		{ "\"abc", "1:1: a string that never ends" },
		{ "\"a\nb\"", "1:3: a string does not end on its line" },
		{ "\"a\tb\"", "1:3: a control character inside a string (escape it)" },
		{ "\"\\x\"", "1:2: an unknown escape in a string" },
		{ "\"\\u12\"", "1:2: \\u needs four hex digits" },
		{ "\"\\ud800\"", "1:2: a high surrogate without its low half" },
		{ "\"\\udc00\"", "1:2: a lone low surrogate (\\uDC00-\\uDFFF)" },
		{ "\"\xff\"", "1:2: invalid UTF-8 in a string" },
		{ "\"\xc0\xaf\"", "1:2: invalid UTF-8 in a string" },
		{ "\"\xed\xa0\x80\"", "1:2: invalid UTF-8 in a string" },
		{ "01", "1:2: more after the end of the JSON value" },
		{ "1.", "1:3: a digit must follow the decimal point" },
		{ "1e", "1:3: an exponent needs a digit" },
		{ "-", "1:2: a number needs a digit here" },
		{ "tru", "1:1: a value (object, array, string, number, true, false or null) was expected" },
		{ "{} {}", "1:4: more after the end of the JSON value" },
		{ "// no\n{}", "1:1: a value (object, array, string, number, true, false or null) was expected" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(P(cases[i].in), cases[i].want, "refused with its place: %zu", i);
}

static void test_bounds(void)
{
	size_t n = 1000000;
	char *deep = malloc(2 * n + 1);
	struct json_doc doc = { 0 };

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	is_str(parse(deep, 2 * n), "1:65: nested too deeply (more than 64 levels)",
	       "a million nested arrays stop at the depth limit");
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	is_str(parse(deep, 128), "", "64 levels are fine");
	free(deep);

	/* a long flat array: one pass */
	deep = malloc(4 * n + 2);
	deep[0] = '[';
	for (size_t i = 0; i < n; i++)
		memcpy(deep + 1 + 4 * i, i + 1 < n ? "1.0," : "1.0]", 4);
	ok(!json_parse(&doc, deep, 4 * n + 1, 1) && doc.root->len == n, "a million elements");
	json_free(&doc);
	free(deep);

	ok(!json_parse(&doc, "[1]", 3, 41) && doc.root->line == 41, "line numbers start at line0");
	json_free(&doc);
}

int main(void)
{
	test_values();
	test_errors();
	test_bounds();
	return done_testing();
}
