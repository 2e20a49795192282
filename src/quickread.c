/* The quick reader: journal records in scribe's own layout, read
 * without libyaml.
 *
 * libyaml spends some 300 instructions a byte; a journal is almost all
 * records in the one layout yamlio_emit_record writes.  This reader
 * takes a document only when every line is in that layout, and builds
 * the very tree yamlio.c builds from libyaml's events (same values, same
 * line and column for each node); yamlio.c then checks it as always.
 * Anything else - comments, blank lines, flow mappings, an indentation
 * indicator, a character YAML takes as a line break - is left to
 * libyaml.  Measured in docs/PERFORMANCE.md; the unit tests and the fuzz
 * target compare both readers (yamlio_parse_journal_with). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "scribe/quickread.h"
#include "scribe/util.h"
#include "scribe/yamlio.h"

/* YAML's one-character escapes in double quotes, and what they stand for */
static const char esc_from[] = "0abtnvfre \"/\\N_LP";
static const unsigned long esc_to[] = {
	0, 7, 8, 9, 10, 11, 12, 13, 27, ' ', '"', '/', '\\', 0x85, 0xA0, 0x2028, 0x2029,
};
_Static_assert(sizeof(esc_from) - 1 == sizeof(esc_to) / sizeof(esc_to[0]), "one meaning per escape");

/* YAML's other line breaks (NEL, LS, PS), which libyaml folds */
static bool has_odd_break(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, 0xC2, (size_t)(s + n - p))) && p + 1 < s + n; p++)
		if ((unsigned char)p[1] == 0x85)
			return true;
	for (const char *p = s; (p = memchr(p, 0xE2, (size_t)(s + n - p))) && p + 2 < s + n; p++)
		if ((unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
			return true;
	return false;
}

/* The bytes quick_plain looks at twice, a bit each: control characters,
 * '#', ':', DEL, and the first bytes of NEL (0xC2) and of LS and PS (0xE2) */
static const uint64_t plain_look_bits[4] = {
	UINT64_C(0xFFFFFFFF) | (UINT64_C(1) << '#') | (UINT64_C(1) << ':'),
	UINT64_C(1) << (0x7F - 64),
	0,
	(UINT64_C(1) << (0xC2 - 192)) | (UINT64_C(1) << (0xE2 - 192)),
};

/* The bytes a plain scalar may not begin with: indicators, space and NUL */
static const uint64_t plain_first_bits[2] = {
	(UINT64_C(1) << '?') | (UINT64_C(1) << ':') | (UINT64_C(1) << ',') | (UINT64_C(1) << '#') |
		(UINT64_C(1) << '&') | (UINT64_C(1) << '*') | (UINT64_C(1) << '!') | (UINT64_C(1) << '>') |
		(UINT64_C(1) << '\'') | (UINT64_C(1) << '"') | (UINT64_C(1) << '%') | (UINT64_C(1) << ' ') |
		UINT64_C(1),
	(UINT64_C(1) << ('[' - 64)) | (UINT64_C(1) << (']' - 64)) | (UINT64_C(1) << ('{' - 64)) |
		(UINT64_C(1) << ('}' - 64)) | (UINT64_C(1) << ('@' - 64)) | (UINT64_C(1) << ('`' - 64)) |
		(UINT64_C(1) << ('|' - 64)),
};

#define plain_look(c) ((plain_look_bits[(c) >> 6] >> ((c) & 63)) & 1)

/* Would libyaml read s[0..n) (a whole line's value in block context) as
 * the plain scalar s itself? */
static bool quick_plain(const char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return false;	/* (and s[0] may be past the end) */
	c = (unsigned char)s[0];
	if (c < 0x80 && ((plain_first_bits[c >> 6] >> (c & 63)) & 1))
		return false;
	if (c == '-' && (n == 1 || !((s[1] >= '0' && s[1] <= '9') || s[1] == '.')))
		return false;
	if (s[n - 1] == ' ' || s[n - 1] == ':')
		return false;
	/* one pass, looking closer only at the bytes that may matter: a
	 * control character, ": ", " #", and NEL, LS and PS */
	for (size_t i = 0; i < n; i++) {
		if ((i += qr_skip(s + i, n - i, true)) >= n)
			break;	/* none of them in the rest */
		c = (unsigned char)s[i];
		if (!plain_look(c))
			continue;
		if (c < 0x20 || c == 0x7F)
			return false;
		if (c == ':' && i + 1 < n && s[i + 1] == ' ')
			return false;
		if (c == '#' && i > 0 && s[i - 1] == ' ')
			return false;
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
			return false;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
			return false;
	}
	return true;
}

/* The quick reader's nodes live in an arena, emptied after each
 * document: a record's two dozen nodes cost no malloc and no free. */
struct qchunk {
	struct qchunk *next;
	size_t used, cap;
	char data[];
};

#define QCHUNK (64 * 1024)

static void *qalloc(struct quickread_arena *a, size_t n)
{
	struct qchunk *c = a->head;

	n = (n + 15) & ~(size_t)15;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > QCHUNK ? n : QCHUNK;

		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

/* Empties the arena, keeping one chunk for the next document. */
void quickread_reset(struct quickread_arena *a, bool all)
{
	while (a->head && (all || a->head->next)) {
		struct qchunk *c = a->head;

		/* keep the first (oldest) chunk unless all */
		if (!all && !c->next)
			break;
		a->head = c->next;
		free(c);
	}
	if (a->head)
		a->head->used = 0;
}

static struct ynode *quick_node(struct quickread_arena *a, enum ynode_kind kind, int line, int col)
{
	struct ynode *nd = qalloc(a, sizeof(*nd));

	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->line = line;
	nd->col = col;
	return nd;
}

static struct ynode *quick_scalar(struct quickread_arena *a, int line, int col, const char *s, size_t n, bool plain)
{
	struct ynode *nd = quick_node(a, YN_SCALAR, line, col);

	nd->s = qalloc(a, n + 1);
	memcpy(nd->s, s, n);
	nd->s[n] = '\0';
	nd->len = n;
	nd->plain = plain;
	return nd;
}

static void quick_kid(struct quickread_arena *a, struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 16;
		struct ynode **kids = qalloc(a, cap * sizeof(*kids));

		if (parent->n)
			memcpy(kids, parent->kids, parent->n * sizeof(*kids));
		parent->kids = kids;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
}

/* The end of the line at p (its '\n', or end). */
static const char *eol(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

/* One value: the rest of a line after "key: " at column col (1-based)
 * on line *line; a literal block goes on over the lines after it, at
 * indentation ind.  Moves *pp to the line after the value (adding the
 * block's lines to *line).  NULL: not the layout. */
static struct ynode *quick_value(struct quickread_arena *a, const char **pp, const char *end, int *line, int col, int ind)
{
	const char *p = *pp, *e = eol(p, end);
	size_t n = (size_t)(e - p);

	if (n && p[0] == '\'') {
		/* single quotes on one line; '' is a quote */
		struct strbuf sb = STRBUF_INIT;
		struct ynode *nd;
		size_t i;

		for (i = 1; i < n; i++) {
			if (p[i] == '\'') {
				if (i + 1 < n && p[i + 1] == '\'') {
					sb_addc(&sb, '\'');
					i++;
					continue;
				}
				break;
			}
			if ((unsigned char)p[i] < 0x20 && p[i] != '\t') {
				sb_free(&sb);
				return NULL;
			}
			sb_addc(&sb, p[i]);
		}
		if (i != n - 1 || has_odd_break(p, n) || sb.len > YAMLIO_MAX_SCALAR || memchr(p, '\t', n)) {
			sb_free(&sb);
			return NULL;
		}
		nd = quick_scalar(a, *line, col, sb.buf ? sb.buf : "", sb.len, false);
		sb_free(&sb);
		*pp = e < end ? e + 1 : end;
		return nd;
	}
	if (n && p[0] == '"') {
		/* double quotes on one line, with YAML's escapes (the emitter
		 * writes characters outside the BMP as \U...) */
		struct strbuf sb = STRBUF_INIT;
		struct ynode *nd;
		size_t i;

		for (i = 1; i < n && p[i] != '"'; i++) {
			unsigned char c = (unsigned char)p[i];
			unsigned long cp = 0;
			int hex = 0;

			if (c < 0x20 || c == 0x7F)
				goto no_dq;
			if (c != '\\') {
				sb_addc(&sb, (char)c);
				continue;
			}
			if (++i >= n)
				goto no_dq;
			if (p[i] == 'x' || p[i] == 'u' || p[i] == 'U') {
				hex = p[i] == 'x' ? 2 : p[i] == 'u' ? 4 : 8;
			} else {
				const char *k = p[i] ? strchr(esc_from, p[i]) : NULL;

				if (!k)
					goto no_dq;
				cp = esc_to[k - esc_from];
			}
			for (; hex > 0; hex--) {
				char h = ++i < n ? p[i] : 0;

				if (h >= '0' && h <= '9')
					cp = cp * 16 + (unsigned long)(h - '0');
				else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
					cp = cp * 16 + (unsigned long)((h | 0x20) - 'a' + 10);
				else
					goto no_dq;
			}
			if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
				goto no_dq;	/* libyaml says why */
			{
				uint8_t u[6];
				int len = u8_uctomb(u, (ucs4_t)cp, (int)sizeof(u));

				if (len <= 0)
					goto no_dq;
				sb_add(&sb, u, (size_t)len);
			}
		}
		if (i != n - 1 || has_odd_break(p, n) || sb.len > YAMLIO_MAX_SCALAR)
			goto no_dq;
		nd = quick_scalar(a, *line, col, sb.buf ? sb.buf : "", sb.len, false);
		sb_free(&sb);
		*pp = e < end ? e + 1 : end;
		return nd;
no_dq:
		sb_free(&sb);
		return NULL;
	}
	if (n && p[0] == '[') {
		/* a flow list of ids: [] or [a, b] */
		struct ynode *nd = quick_node(a, YN_SEQ, *line, col);
		size_t i = 1;

		if (p[n - 1] != ']')
			goto no_seq;
		while (i < n - 1) {
			size_t j = i;

			while (j < n - 1 && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= '0' && p[j] <= '9') || p[j] == '-'))
				j++;
			if (j == i || (p[i] == '-'))
				goto no_seq;
			quick_kid(a, nd, quick_scalar(a, *line, col + (int)i, p + i, j - i, true));
			if (j == n - 1)
				break;
			if (j + 2 >= n - 1 || p[j] != ',' || p[j + 1] != ' ')
				goto no_seq;
			i = j + 2;
		}
		if (nd->n > YAMLIO_MAX_IDS)
			goto no_seq;
		*pp = e < end ? e + 1 : end;
		return nd;
no_seq:
		return NULL;
	}
	if (n >= 1 && p[0] == '|' && (n == 1 || (n == 2 && (p[1] == '-' || p[1] == '+')))) {
		/* a literal block at indentation ind */
		char chomp = n == 2 ? p[1] : ' ';
		struct strbuf sb = STRBUF_INIT;
		const char *q = e < end ? e + 1 : end;
		int lines = 0, blank = 0;
		bool any = false;
		struct ynode *nd;

		while (q < end) {
			const char *qe = eol(q, end);
			size_t len = (size_t)(qe - q), sp = 0;

			while (sp < len && q[sp] == ' ')
				sp++;
			if (len && sp == len)
				goto no_block;	/* spaces only: leave it to libyaml */
			if (len && sp < (size_t)ind)
				break;		/* less indented: the block is over */
			if (!len) {
				blank++;	/* kept inside, chomped at the end */
			} else {
				if (!any && sp > (size_t)ind)
					goto no_block;	/* libyaml would find a deeper indent */
				if (any)
					sb_addc(&sb, '\n');
				for (; blank; blank--)
					sb_addc(&sb, '\n');
				sb_add(&sb, q + ind, len - (size_t)ind);
				any = true;
			}
			lines++;
			q = qe < end ? qe + 1 : end;
		}
		if (!any || has_odd_break(sb.buf, sb.len) || memchr(sb.buf, '\r', sb.len) ||
		    sb.len > YAMLIO_MAX_SCALAR)
			goto no_block;
		if (chomp != '-')
			sb_addc(&sb, '\n');
		if (chomp == '+')
			for (; blank; blank--)
				sb_addc(&sb, '\n');
		nd = quick_scalar(a, *line, col, sb.buf, sb.len, false);
		sb_free(&sb);
		*line += lines;
		*pp = q;
		return nd;
no_block:
		sb_free(&sb);
		return NULL;
	}
	if (n > YAMLIO_MAX_SCALAR || !quick_plain(p, n))
		return NULL;
	*pp = e < end ? e + 1 : end;
	return quick_scalar(a, *line, col, p, n, true);
}

bool quickread_plain(const char *s, size_t n)
{
	return n <= YAMLIO_MAX_SCALAR && quick_plain(s, n);
}

struct ynode *quickread_value(struct quickread_arena *a, const char **pp, const char *end, int *line, int col,
			     int ind)
{
	return quick_value(a, pp, end, line, col, ind);
}

/* A "key:" at the start of a line, indented ind: the key's length, or 0. */
static size_t quick_key(const char *p, const char *end, int ind)
{
	size_t k = 0;

	for (int i = 0; i < ind; i++)
		if (p + i >= end || p[i] != ' ')
			return 0;
	p += ind;
	while (p + k < end && ((p[k] >= 'a' && p[k] <= 'z') || p[k] == '_'))
		k++;
	if (k == 0 || p + k >= end || p[k] != ':')
		return 0;
	return k;
}

/* The mapping of "key: value" lines at indentation ind starting at *pp
 * (line *line); stops at a line not indented so.  NULL: not the layout. */
static struct ynode *quick_map(struct quickread_arena *a, const char **pp, const char *end, int *line, int ind)
{
	const char *p = *pp;
	struct ynode *map = quick_node(a, YN_MAP, *line, ind + 1);

	while (p < end) {
		size_t k = quick_key(p, end, ind);
		const char *v;
		struct ynode *val;

		if (!k) {
			if (ind && (p[0] != ' ' || p + 1 >= end || p[1] != ' '))
				break;	/* back to the parent */
			if (!ind)
				break;
			goto no;	/* indented, but not a key of ours */
		}
		quick_kid(a, map, quick_scalar(a, *line, ind + 1, p + ind, k, true));
		v = p + ind + k + 1;
		if (v < end && *v == '\n' && ind == 0) {
			/* a nested mapping on the lines below */
			int l = *line + 1;
			const char *q = v + 1;

			if (!quick_key(q, end, ind + 2))
				goto no;
			if (!(val = quick_map(a, &q, end, &l, ind + 2)))
				goto no;
			quick_kid(a, map, val);
			*line = l;
			p = q;
			continue;
		}
		if (v + 1 >= end || v[0] != ' ')
			goto no;
		v++;
		if (!(val = quick_value(a, &v, end, line, (int)(v - p) + 1, ind + 2)))
			goto no;
		quick_kid(a, map, val);
		(*line)++;
		p = v;
	}
	if (!map->n)
		goto no;
	*pp = p;
	return map;
no:
	return NULL;	/* (the arena is emptied by the caller) */
}

/* One document "---\n...\n...\n" at *pp, line *line, in the layout the
 * emitter writes: its tree, with *pp and *line past it; NULL else. */
struct ynode *quickread_doc(struct quickread_arena *a, const char **pp, const char *end, int *line)
{
	const char *p = *pp;
	int l = *line + 1;
	struct ynode *doc;

	if (end - p < 4 || memcmp(p, "---\n", 4))
		return NULL;
	p += 4;
	if (!(doc = quick_map(a, &p, end, &l, 0)))
		return NULL;
	if (end - p < 3 || memcmp(p, "...", 3) || (end - p > 3 && p[3] != '\n'))
		return NULL;
	p += end - p > 3 ? 4 : 3;
	*pp = p;
	*line = l + 1;
	return doc;
}

/* Does a new document ("---") or a directive start at p, after blank
 * lines and comments?  After a document's end, libyaml takes nothing else. */
bool quickread_doc_starts(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '#'))
		p = *p == '#' ? eol(p, end) : p + 1;
	return p < end && (*p == '%' || (end - p >= 3 && !memcmp(p, "---", 3) &&
					  (end - p == 3 || p[3] == ' ' || p[3] == '\n')));
}
