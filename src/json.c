#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scribe/json.h"
#include "scribe/util.h"

/* Values and strings live in blocks freed together: a document is read,
 * used and dropped as a whole. */
struct json_block {
	struct json_block *next;
	size_t used, cap;
	char data[];
};

#define BLOCK_MIN (64 * 1024)

static void *doc_alloc(struct json_doc *doc, size_t n)
{
	struct json_block *b = doc->blocks;

	n = (n + 7) & ~(size_t)7;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > BLOCK_MIN ? n : BLOCK_MIN;

		b = xmalloc(sizeof(*b) + cap);
		b->cap = cap;
		b->used = 0;
		b->next = doc->blocks;
		doc->blocks = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void json_free(struct json_doc *doc)
{
	while (doc->blocks) {
		struct json_block *b = doc->blocks;

		doc->blocks = b->next;
		free(b);
	}
	doc->root = NULL;
}

struct parser {
	struct json_doc *doc;
	const char *buf, *p, *end;
	const char *line_start;
	int line;
	int depth;
};

static int fail_at(struct parser *ps, const char *at, const char *why)
{
	/* the column counts bytes from the start of the line, 1-based */
	ps->doc->line = ps->line;
	ps->doc->col = (int)(at - ps->line_start) + 1;
	ps->doc->error = why;
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end) {
		char c = *ps->p;

		if (c == '\n') {
			ps->line++;
			ps->line_start = ps->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		ps->p++;
	}
}

static struct json *new_value(struct parser *ps, enum json_type t)
{
	struct json *v = doc_alloc(ps->doc, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->type = t;
	v->line = ps->line;
	v->col = (int)(ps->p - ps->line_start) + 1;
	return v;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The length of the valid UTF-8 sequence at p (at most end), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* A string at ps->p (the opening quote); its unescaped text is never
 * longer than the escaped one, so one allocation of that size holds it. */
static int parse_string(struct parser *ps, const char **out, size_t *outlen)
{
	const char *start = ++ps->p, *q;
	char *o, *w;

	for (q = start; q < ps->end && *q != '"'; q++)
		if (*q == '\\' && q + 1 < ps->end)
			q++;
	o = w = doc_alloc(ps->doc, (size_t)(q - start) + 1);
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p;

		if (c < 0x20)
			return fail_at(ps, ps->p, c == '\n' ? "a string does not end on its line"
							    : "a control character inside a string (escape it)");
		if (c == '\\') {
			const char *at = ps->p;
			unsigned cp, lo;

			if (ps->end - ps->p < 2)
				break;
			switch (ps->p[1]) {
			case '"': *w++ = '"'; break;
			case '\\': *w++ = '\\'; break;
			case '/': *w++ = '/'; break;
			case 'b': *w++ = '\b'; break;
			case 'f': *w++ = '\f'; break;
			case 'n': *w++ = '\n'; break;
			case 'r': *w++ = '\r'; break;
			case 't': *w++ = '\t'; break;
			case 'u':
				if (ps->end - ps->p < 6 || hex4(ps->p + 2, &cp))
					return fail_at(ps, at, "\\u needs four hex digits");
				ps->p += 4;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return fail_at(ps, at, "a lone low surrogate (\\uDC00-\\uDFFF)");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (ps->end - ps->p < 8 || ps->p[2] != '\\' || ps->p[3] != 'u' ||
					    hex4(ps->p + 4, &lo) || lo < 0xdc00 || lo > 0xdfff)
						return fail_at(ps, at, "a high surrogate without its low half");
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					ps->p += 6;
				}
				w += put_utf8(w, cp);
				break;
			default:
				return fail_at(ps, at, "an unknown escape in a string");
			}
			ps->p += 2;
			continue;
		}
		{
			size_t n = utf8_len((const unsigned char *)ps->p, (const unsigned char *)ps->end);

			if (!n)
				return fail_at(ps, ps->p, "invalid UTF-8 in a string");
			memcpy(w, ps->p, n);
			w += n;
			ps->p += n;
		}
	}
	if (ps->p >= ps->end)
		return fail_at(ps, start - 1, "a string that never ends");
	ps->p++;
	*w = '\0';
	*out = o;
	*outlen = (size_t)(w - o);
	return 0;
}

static int parse_number(struct parser *ps, struct json *v)
{
	const char *s = ps->p, *p = s;

	if (p < ps->end && *p == '-')
		p++;
	if (p < ps->end && *p == '0') {
		p++;
	} else if (p < ps->end && *p >= '1' && *p <= '9') {
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	} else {
		return fail_at(ps, p, "a number needs a digit here");
	}
	if (p < ps->end && *p == '.') {
		p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			return fail_at(ps, p, "a digit must follow the decimal point");
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < ps->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < ps->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= ps->end || *p < '0' || *p > '9')
			return fail_at(ps, p, "an exponent needs a digit");
		while (p < ps->end && *p >= '0' && *p <= '9')
			p++;
	}
	{
		char *t = doc_alloc(ps->doc, (size_t)(p - s) + 1);

		memcpy(t, s, (size_t)(p - s));
		t[p - s] = '\0';
		v->s = t;
		v->len = (size_t)(p - s);
	}
	ps->p = p;
	return 0;
}

static int parse_value(struct parser *ps, struct json **out);

static int parse_container(struct parser *ps, struct json *v, bool object)
{
	struct json **tail = &v->child;
	char close = object ? '}' : ']';

	if (++ps->depth > JSON_MAX_DEPTH)
		return fail_at(ps, ps->p, "nested too deeply (more than 64 levels)");
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		ps->depth--;
		return 0;
	}
	for (;;) {
		const char *key = NULL;
		size_t keylen;
		struct json *m;

		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail_at(ps, ps->p, "a member name (a string in double quotes) was expected");
			if (parse_string(ps, &key, &keylen))
				return -1;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail_at(ps, ps->p, "':' was expected after the member name");
			ps->p++;
			skip_ws(ps);
		}
		if (parse_value(ps, &m))
			return -1;
		m->key = key;
		*tail = m;
		tail = &m->next;
		v->len++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			ps->depth--;
			return 0;
		}
		return fail_at(ps, ps->p, object ? "',' or '}' was expected" : "',' or ']' was expected");
	}
}

static int parse_value(struct parser *ps, struct json **out)
{
	struct json *v;
	static const struct {
		const char *word;
		enum json_type t;
	} words[] = { { "true", JSON_TRUE }, { "false", JSON_FALSE }, { "null", JSON_NULL } };

	if (ps->p >= ps->end)
		return fail_at(ps, ps->p, "a value was expected, the input ended");
	switch (*ps->p) {
	case '{':
	case '[':
		v = new_value(ps, *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY);
		*out = v;
		return parse_container(ps, v, v->type == JSON_OBJECT);
	case '"':
		v = new_value(ps, JSON_STRING);
		*out = v;
		return parse_string(ps, &v->s, &v->len);
	default:
		break;
	}
	if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) {
		v = new_value(ps, JSON_NUMBER);
		*out = v;
		return parse_number(ps, v);
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t n = strlen(words[i].word);

		if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, words[i].word, n)) {
			v = new_value(ps, words[i].t);
			ps->p += n;
			*out = v;
			return 0;
		}
	}
	return fail_at(ps, ps->p, "a value (object, array, string, number, true, false or null) was expected");
}

int json_parse(struct json_doc *doc, const char *buf, size_t len, int line0)
{
	struct parser ps = { .doc = doc, .buf = buf, .p = buf, .end = buf + len,
			     .line_start = buf, .line = line0 };

	doc->root = NULL;
	doc->error = NULL;
	/* a byte order mark is not JSON, but editors write one */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		ps.p += 3;
	skip_ws(&ps);
	if (parse_value(&ps, &doc->root)) {
		doc->root = NULL;
		return -1;
	}
	skip_ws(&ps);
	if (ps.p < ps.end) {
		doc->root = NULL;
		return fail_at(&ps, ps.p, "more after the end of the JSON value");
	}
	return 0;
}

const struct json *json_get(const struct json *o, const char *key)
{
	const struct json *found = NULL;

	if (!o || o->type != JSON_OBJECT)
		return NULL;
	for (const struct json *m = o->child; m; m = m->next)
		if (!strcmp(m->key, key))
			found = m;
	return found;
}

const char *json_string(const struct json *v)
{
	return v && v->type == JSON_STRING ? v->s : NULL;
}

const char *json_get_string(const struct json *o, const char *key)
{
	return json_string(json_get(o, key));
}
