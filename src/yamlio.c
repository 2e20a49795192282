#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <yaml.h>

#include "scribe/text.h"
#include "scribe/discussion.h"
#include "scribe/quickread.h"
#include "scribe/yamlio.h"
#include "scribe/yamlread.h"

/* ---- reading ---- */

size_t yamlio_complete_prefix(const char *buf, size_t len)
{
	/* scan back for a line that is exactly "..." */
	size_t i = len;

	while (i >= 4) {
		const char *nl = memrchr(buf, '\n', i);

		if (!nl)
			break;
		i = (size_t)(nl - buf);
		if (i >= 3 && !memcmp(buf + i - 3, "...", 3) && (i == 3 || buf[i - 4] == '\n'))
			return i + 1;
	}
	return 0;
}

static void node_free(struct ynode *nd)
{
	if (!nd)
		return;
	for (size_t i = 0; i < nd->n; i++)
		node_free(nd->kids[i]);
	free(nd->kids);
	free(nd->s);
	free(nd);
}

struct reader {
	yaml_parser_t parser;
	const char *file;
	const char *buf;
	size_t len;
	int line0;
	struct diags *diags;
	bool bad;		/* the current document has a problem */
	bool abort;		/* stop this parser: the rest of the document is skipped */
	size_t abort_at;	/* offset in buf where the parser stopped */
	bool syntax;		/* libyaml met a syntax error: it read no further */
	int skip_to_line;	/* documents starting before this line are read
				 * again only to stand after them: no records,
				 * no problems */
	int *budget;		/* problems this file may still report */
	bool utf8_known;	/* scalars come from bytes first_bad passed
				 * (the quick reader's): valid UTF-8 already */
	struct arena *pool;	/* records made there (opts->pool) */
};

static void problem(struct reader *rd, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void problem(struct reader *rd, int line, int col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	/* one problem per record is enough to name it */
	if (rd->bad)
		return;
	rd->bad = true;
	if (!rd->diags || *rd->budget <= 0)
		return;
	if (--*rd->budget == 0) {
		diags_add(rd->diags, DIAG_ERROR, rd->file, line, col,
			  "too many problems in this file; the rest of it is not checked");
		return;
	}
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diags_add(rd->diags, DIAG_ERROR, rd->file, line, col, "%s", sb_str(&sb));
	sb_free(&sb);
}

static int mark_line(const struct reader *rd, yaml_mark_t m)
{
	return rd->line0 + (int)m.line;
}

/* The position of byte offset off, for reader errors (which come with
 * an offset only): lines counted in bytes, columns in characters. */
static void offset_pos(const struct reader *rd, size_t off, int *line, int *col)
{
	int l = rd->line0, c = 1;

	if (off > rd->len)
		off = rd->len;
	for (size_t i = 0; i < off; i++) {
		if (rd->buf[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)rd->buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void syntax_error(struct reader *rd)
{
	yaml_parser_t *p = &rd->parser;
	const char *what = p->problem ? p->problem : "syntax error";
	int line, col;

	rd->syntax = true;
	if (p->error == YAML_READER_ERROR) {
		/* the pre-scan catches bad bytes first; this is what is left */
		offset_pos(rd, p->problem_offset, &line, &col);
		problem(rd, line, col, "%s", what);
		return;
	}
	line = mark_line(rd, p->problem_mark);
	col = (int)p->problem_mark.column + 1;
	if (p->context)
		problem(rd, line, col, "YAML syntax error: %s %s (from line %d, column %d)", what, p->context,
			mark_line(rd, p->context_mark), (int)p->context_mark.column + 1);
	else
		problem(rd, line, col, "YAML syntax error: %s", what);
}

/* Reads the next event; returns false (after reporting) on a syntax
 * error. */
static bool next_event(struct reader *rd, yaml_event_t *ev)
{
	if (yaml_parser_parse(&rd->parser, ev))
		return true;
	syntax_error(rd);
	return false;
}

static void add_kid(struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		parent->cap = parent->cap ? parent->cap * 2 : 8;
		parent->kids = xreallocarray(parent->kids, parent->cap, sizeof(*parent->kids));
	}
	parent->kids[parent->n++] = kid;
}

/* Checks what every node may not have: anchors, aliases, tags. */
static bool node_allowed(struct reader *rd, const yaml_event_t *ev)
{
	char why[160];

	if (!yread_refused(ev, why, sizeof(why)))
		return true;
	problem(rd, mark_line(rd, ev->start_mark), (int)ev->start_mark.column + 1, "%s", why);
	return false;
}

/* Builds the node that starts with ev (already read).  Returns NULL on a
 * syntax error (*fatal set) or when the node is not allowed (the rest
 * of it is consumed, *fatal clear). */
static struct ynode *read_node(struct reader *rd, yaml_event_t *ev, int depth, bool *fatal)
{
	struct ynode *nd;
	bool ok = node_allowed(rd, ev);
	yaml_event_type_t end;

	if (ev->type == YAML_SCALAR_EVENT || ev->type == YAML_ALIAS_EVENT) {
		if (!ok)
			return NULL;
		nd = xcalloc(1, sizeof(*nd));
		nd->kind = YN_SCALAR;
		nd->line = mark_line(rd, ev->start_mark);
		nd->col = (int)ev->start_mark.column + 1;
		nd->len = ev->data.scalar.length;
		nd->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (nd->len > YAMLIO_MAX_SCALAR) {
			problem(rd, nd->line, nd->col, "value too long (%zu bytes; at most %d)", nd->len,
				YAMLIO_MAX_SCALAR);
			node_free(nd);
			return NULL;
		}
		nd->s = xstrndup((const char *)ev->data.scalar.value, nd->len);
		return nd;
	}
	nd = xcalloc(1, sizeof(*nd));
	nd->kind = ev->type == YAML_MAPPING_START_EVENT ? YN_MAP : YN_SEQ;
	nd->line = mark_line(rd, ev->start_mark);
	nd->col = (int)ev->start_mark.column + 1;
	end = nd->kind == YN_MAP ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	if (depth >= YAMLIO_MAX_DEPTH) {
		/* never descend further: libyaml and we would pay for every
		 * level; the rest of this record is skipped as text */
		problem(rd, nd->line, nd->col, "nested too deeply (records hold at most a list inside a mapping)");
		rd->abort = true;
		rd->abort_at = ev->start_mark.index;
		*fatal = true;
		node_free(nd);
		return NULL;
	}
	for (;;) {
		yaml_event_t kid_ev;
		struct ynode *kid;

		if (!next_event(rd, &kid_ev)) {
			*fatal = true;
			node_free(nd);
			return NULL;
		}
		if (kid_ev.type == end) {
			yaml_event_delete(&kid_ev);
			break;
		}
		kid = read_node(rd, &kid_ev, depth + 1, fatal);
		yaml_event_delete(&kid_ev);
		if (*fatal) {
			node_free(nd);
			return NULL;
		}
		if (!kid)
			ok = false;
		else if (ok)
			add_kid(nd, kid);
		else
			node_free(kid);
	}
	if (!ok) {
		node_free(nd);
		return NULL;
	}
	return nd;
}

static bool valid_id(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return s[0] != '-';
}

/* Checks a scalar for what YAML lets through but scribe cannot keep. */
static bool scalar_ok(struct reader *rd, const struct ynode *nd, const char *key)
{
	if (nd->kind != YN_SCALAR) {
		problem(rd, nd->line, nd->col, "\"%s\" must be a single value, not a %s", key,
			nd->kind == YN_MAP ? "mapping" : "list");
		return false;
	}
	if (strlen(nd->s) != nd->len) {
		problem(rd, nd->line, nd->col, "\"%s\" contains a NUL character", key);
		return false;
	}
	return true;
}

static bool is_null(const struct ynode *nd)
{
	return nd->plain && (!nd->s[0] || !strcmp(nd->s, "~") || !strcmp(nd->s, "null"));
}

/* Converts node nd into the value of field f for record r. */
static bool read_value(struct reader *rd, struct record *r, enum field_id f, const struct ynode *nd)
{
	const char *key = field_name(f);
	const struct enum_names *names;
	ms_t t;

	if (field_type(f) == FT_IDS) {
		const char **ids;

		if (nd->kind == YN_SCALAR && is_null(nd)) {
			record_set_ids(r, f, NULL, 0);
			return true;
		}
		if (nd->kind != YN_SEQ) {
			problem(rd, nd->line, nd->col, "\"%s\" must be a list of ids", key);
			return false;
		}
		if (nd->n > YAMLIO_MAX_IDS) {
			problem(rd, nd->line, nd->col, "\"%s\" has too many entries (at most %d)", key,
				YAMLIO_MAX_IDS);
			return false;
		}
		for (size_t i = 0; i < nd->n; i++) {
			const struct ynode *k = nd->kids[i];

			if (!scalar_ok(rd, k, key))
				return false;
			if (!valid_id(k->s, ID_LEN)) {
				problem(rd, k->line, k->col, "\"%s\" is not a valid id (a-z, 0-9 and -)", k->s);
				return false;
			}
		}
		ids = xcalloc(nd->n ? nd->n : 1, sizeof(char *));
		for (size_t i = 0; i < nd->n; i++)
			ids[i] = nd->kids[i]->s;
		record_set_ids(r, f, ids, nd->n);
		free(ids);
		return true;
	}
	if (!scalar_ok(rd, nd, key))
		return false;
	switch (field_type(f)) {
	case FT_LINE:
		if (strchr(nd->s, '\n')) {
			problem(rd, nd->line, nd->col, "\"%s\" must be one line", key);
			return false;
		}
		/* fall through */
	case FT_TEXT:
		if (!rd->utf8_known && !text_valid_utf8(nd->s, nd->len)) {
			problem(rd, nd->line, nd->col, "\"%s\" is not valid UTF-8", key);
			return false;
		}
		record_set_str(r, f, is_null(nd) ? "" : nd->s);
		return true;
	case FT_TIME:
		if (clock_parse_rfc3339(nd->s, &t)) {
			problem(rd, nd->line, nd->col,
				"\"%s\": \"%s\" is not a time (RFC 3339, like 2026-11-26T14:03:00.000Z)",
				key, nd->s);
			return false;
		}
		record_set_time(r, f, t);
		return true;
	case FT_INT: {
		long min, max, v;
		char *end;

		field_int_range(f, &min, &max);
		v = strtol(nd->s, &end, 10);
		if (!nd->plain || end == nd->s || *end || v < min || v > max) {
			problem(rd, nd->line, nd->col, "\"%s\" must be a whole number from %ld to %ld, not \"%s\"",
				key, min, max, nd->s);
			return false;
		}
		record_set_int(r, f, v);
		return true;
	}
	case FT_BOOL:
		if (nd->plain && !strcmp(nd->s, "true"))
			record_set_bool(r, f, true);
		else if (nd->plain && !strcmp(nd->s, "false"))
			record_set_bool(r, f, false);
		else if (!strcmp(nd->s, "true") || !strcmp(nd->s, "false")) {
			problem(rd, nd->line, nd->col, "\"%s\" must be true or false, not the quoted string \"%s\"",
				key, nd->s);
			return false;
		} else {
			problem(rd, nd->line, nd->col, "\"%s\" must be true or false, not \"%s\"", key, nd->s);
			return false;
		}
		return true;
	case FT_ENUM: {
		int v;

		names = field_enum(r->type, f);
		v = enum_parse(names, nd->s);
		if (v < 0) {
			problem(rd, nd->line, nd->col, "unknown %s \"%s\" (valid: %s)", names->what, nd->s,
				enum_list(names));
			return false;
		}
		record_set_int(r, f, v);
		return true;
	}
	case FT_DATE:
		if (!is_null(nd) && !clock_valid_date(nd->s)) {
			problem(rd, nd->line, nd->col, "\"%s\": \"%s\" is not a date (YYYY-MM-DD)", key, nd->s);
			return false;
		}
		record_set_str(r, f, is_null(nd) ? "" : nd->s);
		return true;
	case FT_ORDER: {
		char *end;
		double d = strtod(nd->s, &end);

		if (!nd->plain || end == nd->s || *end || d != d) {
			problem(rd, nd->line, nd->col, "\"%s\" must be a number, not \"%s\"", key, nd->s);
			return false;
		}
		record_set_order(r, f, d);
		return true;
	}
	default:
		return false;
	}
}

/* Checks that a mapping has no key twice. */
static bool keys_unique(struct reader *rd, const struct ynode *map)
{
	for (size_t i = 2; i < map->n; i += 2) {
		if (map->kids[i]->kind != YN_SCALAR)
			continue;
		for (size_t j = 0; j < i; j += 2) {
			if (map->kids[j]->kind == YN_SCALAR && !strcmp(map->kids[i]->s, map->kids[j]->s)) {
				problem(rd, map->kids[i]->line, map->kids[i]->col,
					"duplicate key \"%s\" (first at line %d)", map->kids[i]->s,
					map->kids[j]->line);
				return false;
			}
		}
	}
	for (size_t i = 0; i < map->n; i += 2) {
		if (map->kids[i]->kind != YN_SCALAR) {
			problem(rd, map->kids[i]->line, map->kids[i]->col, "keys must be plain words");
			return false;
		}
	}
	return true;
}

static const char *const meta_keys[] = { "type", "id", "rev", "base", "time", "author", "account", "set" };

/* Turns a document into a record, or reports why it cannot be one. */
static struct record *doc_record(struct reader *rd, const struct ynode *doc)
{
	const struct ynode *type, *id, *rev, *base, *time, *author, *account, *set;
	struct record *r;
	int t;
	ms_t when;

	if (doc->kind != YN_MAP) {
		problem(rd, doc->line, doc->col, "a record must be a mapping (type, id, rev, time, author, set)");
		return NULL;
	}
	if (!keys_unique(rd, doc))
		return NULL;
	{
		/* the keys are unique: one pass finds each (in meta_keys' order) */
		const struct ynode *got[ARRAY_SIZE(meta_keys)] = { NULL };

		for (size_t i = 0; i < doc->n; i += 2) {
			size_t k = 0;

			while (k < ARRAY_SIZE(meta_keys) && strcmp(doc->kids[i]->s, meta_keys[k]))
				k++;
			if (k == ARRAY_SIZE(meta_keys)) {
				problem(rd, doc->kids[i]->line, doc->kids[i]->col,
					"unknown key \"%s\" (valid: type, id, rev, base, time, author, account, set)",
					doc->kids[i]->s);
				return NULL;
			}
			if (i + 1 < doc->n)
				got[k] = doc->kids[i + 1];
		}
		type = got[0];
		id = got[1];
		rev = got[2];
		base = got[3];
		time = got[4];
		author = got[5];
		account = got[6];
		set = got[7];
	}
	{
		static const char *const required[] = { "type", "id", "rev", "time", "set" };
		const struct ynode *have[] = { type, id, rev, time, set };

		for (size_t k = 0; k < ARRAY_SIZE(required); k++) {
			if (!have[k]) {
				problem(rd, doc->line, doc->col, "record without \"%s\"", required[k]);
				return NULL;
			}
		}
	}
	if (!scalar_ok(rd, type, "type") || !scalar_ok(rd, id, "id") || !scalar_ok(rd, rev, "rev") ||
	    !scalar_ok(rd, time, "time") || (base && !scalar_ok(rd, base, "base")) ||
	    (author && !scalar_ok(rd, author, "author")) || (account && !scalar_ok(rd, account, "account")))
		return NULL;
	if ((t = enum_parse(&rec_type_names, type->s)) < 0) {
		problem(rd, type->line, type->col, "unknown record type \"%s\" (valid: %s)", type->s,
			enum_list(&rec_type_names));
		return NULL;
	}
	if (!valid_id(id->s, ID_LEN)) {
		problem(rd, id->line, id->col, "\"%s\" is not a valid id (a-z, 0-9 and -)", id->s);
		return NULL;
	}
	if (!valid_id(rev->s, REV_LEN)) {
		problem(rd, rev->line, rev->col, "\"%s\" is not a valid revision", rev->s);
		return NULL;
	}
	if (base && !is_null(base) && !valid_id(base->s, REV_LEN)) {
		problem(rd, base->line, base->col, "\"%s\" is not a valid revision", base->s);
		return NULL;
	}
	if (clock_parse_rfc3339(time->s, &when)) {
		problem(rd, time->line, time->col,
			"\"time\": \"%s\" is not a time (RFC 3339, like 2026-11-26T14:03:00.000Z)", time->s);
		return NULL;
	}
	if (author && (strchr(author->s, '\n') || !text_valid_utf8(author->s, author->len))) {
		problem(rd, author->line, author->col, "\"author\" must be one line of text");
		return NULL;
	}
	if (account && !is_null(account) &&
	    (!account->len || account->len > 64 || strchr(account->s, '\n') || strchr(account->s, ' ') ||
	     !text_valid_utf8(account->s, account->len))) {
		problem(rd, account->line, account->col, "\"account\" must be a login name (one word)");
		return NULL;
	}
	if (set->kind != YN_MAP && !(set->kind == YN_SCALAR && is_null(set))) {
		problem(rd, set->line, set->col, "\"set\" must be a mapping of fields");
		return NULL;
	}
	if (set->kind == YN_MAP && !keys_unique(rd, set))
		return NULL;

	r = record_new_in(rd->pool, (enum rec_type)t, id->s, author && !is_null(author) ? author->s : "", when);
	/* valid_id has checked that they fit (a printf per record was 6% of
	 * reading) */
	memcpy(r->rev, rev->s, strlen(rev->s) + 1);
	if (account && !is_null(account))
		r->account = record_strdup(r, account->s);
	if (base && !is_null(base))
		memcpy(r->base, base->s, strlen(base->s) + 1);
	r->file = rd->file;
	r->line = doc->line;
	r->col = doc->col;
	for (size_t i = 0; set->kind == YN_MAP && i < set->n; i += 2) {
		const struct ynode *k = set->kids[i];
		int f = field_lookup(r->type, k->s);

		if (f < 0) {
			problem(rd, k->line, k->col, "%s %s has no field \"%s\"",
				t == REC_INCIDENT || t == REC_EVENT || t == REC_ACTION ? "an" : "a",
				rec_type_names.names[t], k->s);
			record_free(r);
			return NULL;
		}
		if (!read_value(rd, r, (enum field_id)f, set->kids[i + 1])) {
			record_free(r);
			return NULL;
		}
	}
	return r;
}

/* ---- the direct reader ----
 *
 * Nearly every document in a journal is a record exactly as
 * yamlio_emit_record writes it: "---", type, id, rev, [base,] time,
 * author, [account,] set and its fields indented two spaces, "...".  Such
 * a document is read here line by line straight into a record: no tree,
 * no key searched for among the others, each value converted by
 * read_value as the full way converts it.  Anything else (another key
 * order, a comment, a null, a list, any problem at all) gives NULL with
 * nothing said, and the document is read again the full way
 * (quickread_doc and doc_record, or libyaml), which says what is wrong.
 * The unit tests and the fuzz target compare it with libyaml's reading. */

/* "key: " (or "key:" and the end of the line, for set) at p: the value's
 * start, or NULL. */
static const char *line_key(const char *p, const char *end, const char *key, size_t k)
{
	if ((size_t)(end - p) < k + 2 || p[k] != ':')
		return NULL;
	for (size_t i = 0; i < k; i++)	/* a few bytes: no call to memcmp */
		if (p[i] != key[i])
			return NULL;
	if (p[k + 1] == '\n')
		return p + k + 1;
	return p[k + 1] == ' ' && (size_t)(end - p) > k + 2 ? p + k + 2 : NULL;
}

/* The rest of the line at p, when it is only characters of id and rev
 * (a-z, 0-9, -) and shorter than max: its length, or 0. */
static size_t line_id(const char *p, const char *end, size_t max)
{
	size_t n = 0;

	while (p + n < end && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '-'))
		n++;
	if (!n || n >= max || p[0] == '-' || p + n >= end || p[n] != '\n')
		return 0;
	return n;
}

/* Whether v[0..n), a whole line's value, is a plain scalar that is not
 * null (YAML's "~" and "null"). */
static bool plain_value(const char *v, size_t n)
{
	return n && quickread_plain(v, n) && !(n == 1 && v[0] == '~') && !(n == 4 && !memcmp(v, "null", 4));
}

/* The length of the rest of the line at v when it is such a scalar, or 0. */
static size_t plain_line(const char *v, const char *end)
{
	const char *e = memchr(v, '\n', (size_t)(end - v));
	size_t n = e ? (size_t)(e - v) : 0;

	return plain_value(v, n) ? n : 0;
}

/* The value of field f at v, the rest of its line, when it is in the
 * emitter's plainest form: a time, a word of an enum, true or false, a
 * whole number, a plain text.  Sets it in r as read_value would and
 * moves *pp to the next line; false (nothing set) for any other. */
static bool quick_word_value(struct record *r, enum field_id f, const char *v, const char *end, const char **pp)
{
	const char *e = memchr(v, '\n', (size_t)(end - v));
	size_t n = e ? (size_t)(e - v) : 0;
	char word[40];
	ms_t t;

	if (!n)
		return false;
	switch (field_type(f)) {
	case FT_TEXT:
	case FT_LINE:
		if (!plain_value(v, n))
			return false;
		record_set_strn(r, f, v, n);
		break;
	case FT_TIME:
		/* a time that parses (no NUL in these bytes: first_bad saw to
		 * it) is digits, '-', ':', '.', 'T' or a space, and a zone: a
		 * plain scalar, and itself */
		if (clock_parse_rfc3339_n(v, n, &t))
			return false;
		record_set_time(r, f, t);
		break;
	case FT_ENUM: {
		int x;

		if (n >= sizeof(word) || v[0] == '-')
			return false;
		for (size_t i = 0; i < n; i++)
			if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-' ||
			      v[i] == '_'))
				return false;
		memcpy(word, v, n);
		word[n] = '\0';
		if ((x = enum_parse(field_enum(r->type, f), word)) < 0)
			return false;
		record_set_int(r, f, x);
		break;
	}
	case FT_BOOL:
		if (n == 4 && !memcmp(v, "true", 4))
			record_set_bool(r, f, true);
		else if (n == 5 && !memcmp(v, "false", 5))
			record_set_bool(r, f, false);
		else
			return false;
		break;
	case FT_INT: {
		long min, max, x;
		char *stop;

		if (n >= 20 || !(v[0] == '-' || (v[0] >= '0' && v[0] <= '9')))
			return false;
		for (size_t i = 1; i < n; i++)
			if (!(v[i] >= '0' && v[i] <= '9'))
				return false;
		memcpy(word, v, n);
		word[n] = '\0';
		field_int_range(f, &min, &max);
		x = strtol(word, &stop, 10);
		if (stop == word || *stop || x < min || x > max)
			return false;
		record_set_int(r, f, x);
		break;
	}
	default:
		return false;
	}
	*pp = e + 1;
	return true;
}

/* rd says nothing (rd->diags is NULL while it reads) */
static struct record *quick_record(struct reader *rd, struct quickread_arena *a, const char **pp, const char *end,
				   int *line)
{
	static const char *const tail[] = { "author", "account" };
	const char *p = *pp, *v, *idp, *revp, *basep = NULL, *tend;
	size_t n, idn, revn, basen = 0;
	bool got[ARRAY_SIZE(tail)] = { false };
	char who[ARRAY_SIZE(tail)][256];
	size_t whon[ARRAY_SIZE(tail)] = { 0 };
	char word[40], id[ID_LEN];
	int l = *line + 1, t;
	ms_t when;
	struct record *r;
	uint64_t seen = 0;
	int next = 0;

	if (end - p < 4 || memcmp(p, "---\n", 4))
		return NULL;
	p += 4;
	/* type, id, rev, base and time: words of the emitter's own */
	if (!(v = line_key(p, end, "type", 4)))
		return NULL;
	for (n = 0; v + n < end && v[n] >= 'a' && v[n] <= 'z' && n < sizeof(word) - 1; n++)
		word[n] = v[n];
	word[n] = '\0';
	if (v + n >= end || v[n] != '\n' || (t = enum_parse(&rec_type_names, word)) < 0)
		return NULL;
	p = v + n + 1;
	if (!(idp = line_key(p, end, "id", 2)) || !(idn = line_id(idp, end, ID_LEN)))
		return NULL;
	p = idp + idn + 1;
	if (!(revp = line_key(p, end, "rev", 3)) || !(revn = line_id(revp, end, REV_LEN)))
		return NULL;
	p = revp + revn + 1;
	l += 3;
	if ((basep = line_key(p, end, "base", 4))) {
		if (!(basen = line_id(basep, end, REV_LEN)) || (basen == 4 && !memcmp(basep, "null", 4)))
			return NULL;
		p = basep + basen + 1;
		l++;
	}
	if (!(v = line_key(p, end, "time", 4)))
		return NULL;
	if (!(tend = memchr(v, '\n', (size_t)(end - v))) || (n = (size_t)(tend - v)) >= sizeof(word))
		return NULL;
	if (clock_parse_rfc3339_n(v, n, &when))	/* (a time that parses is plain, as above) */
		return NULL;
	p = v + n + 1;
	l++;
	/* author and account: any one-line text, as the full way takes it */
	for (size_t k = 0; k < ARRAY_SIZE(tail); k++) {
		const struct ynode *nd;

		if (!(v = line_key(p, end, tail[k], strlen(tail[k]))))
			continue;
		if ((n = plain_line(v, end)) && n < sizeof(who[k])) {
			/* a plain one: as it is */
			if (!text_valid_utf8(v, n))
				return NULL;
			memcpy(who[k], v, n);
			who[k][n] = '\0';
			whon[k] = n;
			got[k] = true;
			p = v + n + 1;
			l++;
			continue;
		}
		if (*v == '\n' || !(nd = quickread_value(a, &v, end, &l, (int)(v - p) + 1, 2)) ||
		    nd->kind != YN_SCALAR || is_null(nd) || strlen(nd->s) != nd->len || strchr(nd->s, '\n') ||
		    !text_valid_utf8(nd->s, nd->len) || nd->len >= sizeof(who[k]))
			return NULL;
		memcpy(who[k], nd->s, nd->len + 1);
		whon[k] = nd->len;
		got[k] = true;
		p = v;
		l++;
	}
	if (!got[0] || (got[1] && (!whon[1] || whon[1] > 64 || strchr(who[1], ' '))))
		return NULL;
	if (!(v = line_key(p, end, "set", 3)) || *v != '\n')
		return NULL;
	p = v + 1;
	l++;
	memcpy(id, idp, idn);
	id[idn] = '\0';
	r = record_new_in(rd->pool, (enum rec_type)t, id, who[0], when);
	memcpy(r->rev, revp, revn);
	r->rev[revn] = '\0';
	if (basep) {
		memcpy(r->base, basep, basen);
		r->base[basen] = '\0';
	}
	if (got[1])
		r->account = record_strdup(r, who[1]);
	r->file = rd->file;
	r->line = *line + 1;
	r->col = 1;
	/* the fields, each once */
	while (end - p > 2 && p[0] == ' ' && p[1] == ' ') {
		const struct ynode *nd;
		int f;

		if ((f = field_key(r->type, p + 2, end, next, &n)) < 0 || (seen & ((uint64_t)1 << f)))
			goto no;
		v = p + 2 + n;	/* at the ':' */
		if (end - v < 2 || v[1] != ' ')
			goto no;
		seen |= (uint64_t)1 << f;
		next = (f + 1) % F_COUNT;
		v += 2;
		if (quick_word_value(r, (enum field_id)f, v, end, &p)) {
			l++;
			continue;
		}
		if (!(nd = quickread_value(a, &v, end, &l, (int)(v - p) + 1, 4)) ||
		    !read_value(rd, r, (enum field_id)f, nd))
			goto no;
		p = v;
		l++;
	}
	if (!seen || end - p < 3 || memcmp(p, "...", 3) || (end - p > 3 && p[3] != '\n'))
		goto no;
	*pp = p + (end - p > 3 ? 4 : 3);
	*line = l + 1;
	return r;
no:
	record_free(r);
	return NULL;
}

/* Parses whole documents in buf[0..len), which holds no bad byte. */
static size_t parse_segment(struct reader *rd, yamlio_record_fn fn, void *ctx)
{
	yaml_event_t ev;
	size_t count = 0;

	if (!yaml_parser_initialize(&rd->parser))
		die("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&rd->parser, (const unsigned char *)rd->buf, rd->len);
	yaml_parser_set_encoding(&rd->parser, YAML_UTF8_ENCODING);
	if (!next_event(rd, &ev))
		goto out;
	yaml_event_delete(&ev);
	for (;;) {
		struct ynode *doc;
		bool fatal = false, skip;

		rd->bad = false;
		if (!next_event(rd, &ev))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		skip = rd->skip_to_line && mark_line(rd, ev.start_mark) < rd->skip_to_line;
		yaml_event_delete(&ev);	/* document start */
		rd->bad = skip;	/* (problem() says nothing once bad) */
		if (!next_event(rd, &ev))
			break;
		doc = read_node(rd, &ev, 1, &fatal);
		yaml_event_delete(&ev);
		if (fatal)
			break;
		if (!next_event(rd, &ev)) {
			node_free(doc);
			break;
		}
		yaml_event_delete(&ev);	/* document end */
		if (doc && !rd->bad && !skip) {
			struct record *r = doc_record(rd, doc);

			if (r) {
				fn(ctx, r);
				count++;
			}
		}
		node_free(doc);
	}
out:
	yaml_parser_delete(&rd->parser);
	return count;
}

static size_t doc_end(const char *buf, size_t len, size_t off);

/* The whole documents in rd->buf: each in the emitter's layout is read
 * by the quick reader (quickread.c), any other goes to libyaml on its
 * own. */
static size_t parse_quick(struct reader *rd, yamlio_record_fn fn, void *ctx)
{
	const char *p = rd->buf, *end = rd->buf + rd->len, *prev = NULL;
	int line = rd->line0, prev_line = 0;
	size_t count = 0;
	struct quickread_arena arena = { NULL };

	rd->utf8_known = true;
	while (p < end) {
		const char *start = p;
		int start_line = line;
		struct diags *diags = rd->diags;
		struct record *r;
		struct ynode *doc;

		rd->diags = NULL;	/* the full way says what is wrong */
		rd->bad = false;
		r = quick_record(rd, &arena, &p, end, &line);
		rd->diags = diags;
		quickread_reset(&arena, false);
		if (r) {
			prev = start;
			prev_line = start_line;
			fn(ctx, r);
			count++;
			continue;
		}
		if ((doc = quickread_doc(&arena, &p, end, &line))) {
			prev = start;
			prev_line = start_line;
			rd->bad = false;
			if ((r = doc_record(rd, doc))) {
				fn(ctx, r);
				count++;
			}
			quickread_reset(&arena, false);
			continue;
		}
		quickread_reset(&arena, false);
		{
			/* this document (to its "..." line) to libyaml */
			size_t off = (size_t)(start - rd->buf);
			size_t next = doc_end(rd->buf, rd->len, off);
			struct reader sub = *rd;

			sub.buf = start;
			sub.len = next - off;
			sub.line0 = line;
			if (prev && !quickread_doc_starts(start, end)) {
				/* not a document start where one must be: libyaml reads
				 * again from the document before, to stand where it
				 * would have stood, and says what it finds */
				sub.buf = prev;
				sub.len = next - (size_t)(prev - rd->buf);
				sub.line0 = prev_line;
				sub.skip_to_line = line;
			}
			sub.abort = false;
			sub.syntax = false;
			sub.utf8_known = false;
			count += parse_segment(&sub, fn, ctx);
			if (sub.syntax) {
				/* as libyaml on the whole: the rest is not read */
				rd->syntax = true;
				break;
			}
			/* after a document libyaml gave up on, it starts afresh */
			prev = sub.abort ? NULL : start;
			prev_line = line;
			line += count_lines(start, next - off);
			p = rd->buf + next;
		}
	}
	quickread_reset(&arena, true);
	return count;
}

/* The offset of the first byte libyaml would refuse (invalid UTF-8, or
 * a character YAML does not allow, such as NUL or ESC), or len. */
static size_t first_bad(const char *buf, size_t len, bool *utf8)
{
	const uint8_t *s = (const uint8_t *)buf;
	size_t i = 0;

	while (i < len) {
		ucs4_t uc;
		int n;

		/* many bytes at a time while they are printable ASCII or
		 * line feeds; the byte loop for the rest (tab and carriage
		 * return are allowed there) */
		i += qr_skip(buf + i, len - i, false);
		if (i >= len)
			break;
		if ((s[i] >= 0x20 && s[i] < 0x7f) || s[i] == '\n') {
			i++;
			continue;
		}
		n = u8_mbtoucr(&uc, s + i, len - i);
		if (n < 0) {
			*utf8 = true;
			return i;
		}
		if (!(uc == 0x09 || uc == 0x0A || uc == 0x0D || uc == 0x85 || (uc >= 0xA0 && uc <= 0xD7FF) ||
		      (uc >= 0xE000 && uc <= 0xFFFD && uc != 0xFEFF) || (uc >= 0x10000 && uc <= 0x10FFFF))) {
			*utf8 = false;
			return i;
		}
		i += (size_t)n;
	}
	return len;
}

/* The start of the line "---" that opens the document holding off. */
static size_t doc_start(const char *buf, size_t off)
{
	for (size_t i = off; i-- > 0;)
		if ((i == 0 || buf[i - 1] == '\n') && !strncmp(buf + i, "---", 3) &&
		    (i + 3 >= off || buf[i + 3] == '\n' || buf[i + 3] == ' ' || buf[i + 3] == '\r'))
			return i;
	return 0;
}

/* The offset just past the line "..." that ends the document holding
 * off, or len. */
static size_t doc_end(const char *buf, size_t len, size_t off)
{
	for (size_t i = off; i + 3 <= len; i++) {
		const char *nl = memchr(buf + i, '\n', len - i);

		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
		if (i + 3 <= len && !strncmp(buf + i, "...", 3) && (i + 3 == len || buf[i + 3] == '\n'))
			return i + 3 < len ? i + 4 : len;
		i--;
	}
	return len;
}

size_t yamlio_parse_journal(const char *file, const char *buf, size_t len, int line0,
			    yamlio_record_fn fn, void *ctx, struct diags *diags)
{
	return yamlio_parse_journal_with(NULL, file, buf, len, line0, fn, ctx, diags);
}

size_t yamlio_parse_journal_with(const struct yamlio_parse_opts *opts, const char *file, const char *buf,
				 size_t len, int line0, yamlio_record_fn fn, void *ctx, struct diags *diags)
{
	bool quick = !(opts && opts->libyaml_only);
	struct yamlio_pieces *pieces = opts ? opts->pieces : NULL;
	int budget = pieces ? pieces->budget : YAMLIO_MAX_PROBLEMS;
	bool stopped = pieces && pieces->stopped;	/* before this piece */
	bool in_segment = pieces && pieces->in_segment, cont = in_segment;
	size_t off = 0, count = 0;
	int line = line0;

	if (line0 == 1 && len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		off = 3;	/* a byte order mark at the very start */
	while (off < len && (budget > 0 || cont)) {
		bool utf8 = false;
		size_t bad = off + first_bad(buf + off, len - off, &utf8);
		size_t end = bad < len ? doc_start(buf, bad) : len;
		struct reader rd = { .file = file, .diags = diags, .budget = &budget, .pool = opts ? opts->pool : NULL };

		if (end < off)
			end = off;
		/* the whole documents before a bad byte load as usual */
		rd.buf = buf + off;
		rd.len = end - off;
		rd.line0 = line;
		if (rd.len && !stopped)
			count += quick ? parse_quick(&rd, fn, ctx) : parse_segment(&rd, fn, ctx);
		else if (rd.len)
			rd.syntax = true;	/* still stopped, up to the bad byte */
		stopped = false;
		cont = in_segment = false;
		if (rd.abort) {
			size_t next = doc_end(buf, len, off + rd.abort_at);

			/* not past the document that holds a bad byte: it gets
			 * its own problem, as the quick reader's pieces do */
			if (next > end)
				next = end;
			line += count_lines(buf + off, next - off);
			off = next;
			continue;
		}
		if (bad >= len) {
			stopped = rd.syntax;
			in_segment = true;
			break;
		}
		rd.buf = buf;
		rd.len = len;
		rd.line0 = line0;
		rd.bad = false;
		{
			int l, c;
			const uint8_t b = (uint8_t)buf[bad];

			offset_pos(&rd, bad, &l, &c);
			if (utf8)
				problem(&rd, l, c, "invalid UTF-8 (byte 0x%02x)", b);
			else if (b < 0x80)
				problem(&rd, l, c, "control character 0x%02x is not allowed in YAML", b);
			else
				problem(&rd, l, c, "this character is not allowed in YAML");
		}
		{
			size_t next = doc_end(buf, len, bad);

			line = line0 + count_lines(buf, next);
			off = next;
		}
	}
	if (pieces) {
		pieces->budget = budget;
		pieces->stopped = stopped;
		pieces->in_segment = in_segment;
	}
	return count;
}

/* ---- writing ---- */

static int sb_write(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, buffer, size);
	return 1;
}

struct emitter {
	yaml_emitter_t em;
	bool failed;
};

static void emit(struct emitter *w, yaml_event_t *ev)
{
	if (w->failed)
		return;
	if (!yaml_emitter_emit(&w->em, ev))
		w->failed = true;
}

static void emit_start_as(struct emitter *w, struct strbuf *out, bool unicode)
{
	yaml_event_t ev;

	memset(w, 0, sizeof(*w));
	if (!yaml_emitter_initialize(&w->em))
		die("cannot initialize the YAML emitter");
	yaml_emitter_set_output(&w->em, sb_write, out);
	yaml_emitter_set_unicode(&w->em, unicode);
	/* no folding of long lines: every value stays on its line, so a line
	 * that is exactly "..." can only ever end a document */
	yaml_emitter_set_width(&w->em, -1);
	yaml_emitter_set_indent(&w->em, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(w, &ev);
}

static void emit_start(struct emitter *w, struct strbuf *out)
{
	emit_start_as(w, out, true);
}

static int emit_finish(struct emitter *w, struct error *e)
{
	yaml_event_t ev;
	int rc = 0;

	yaml_stream_end_event_initialize(&ev);
	emit(w, &ev);
	if (!w->failed && !yaml_emitter_flush(&w->em))
		w->failed = true;
	if (w->failed)
		rc = error_set(e, EXIT_SOFTWARE, "cannot write YAML: %s",
			       w->em.problem ? w->em.problem : "emitter error");
	yaml_emitter_delete(&w->em);
	return rc;
}

static void emit_doc(struct emitter *w, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0);
	else
		yaml_document_end_event_initialize(&ev, 0);
	emit(w, &ev);
}

static void emit_map(struct emitter *w, bool start)
{
	yaml_event_t ev;

	if (start)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_mapping_end_event_initialize(&ev);
	emit(w, &ev);
}

static void emit_seq(struct emitter *w, bool start, bool flow)
{
	yaml_event_t ev;

	if (start)
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						     flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	else
		yaml_sequence_end_event_initialize(&ev);
	emit(w, &ev);
}

/* A scalar written as it is (plain): numbers, booleans, times, words. */
static void emit_raw(struct emitter *w, const char *s)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
				     YAML_PLAIN_SCALAR_STYLE);
	emit(w, &ev);
}

/* Would a YAML reader take plain s for something other than a string? */
static bool looks_special(const char *s)
{
	static const char *const words[] = {
		"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
		"y", "Y", "n", "N", ".nan", ".NaN", ".inf", ".Inf", "-.inf", "-.Inf", "<<",
	};
	char *end;

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(s, words[i]))
			return true;
	(void)strtod(s, &end);
	return end != s && *end == '\0';
}

/* A string: literal block when it has several lines, quoted when plain
 * would read as something else, else whatever the emitter finds best. */
static void emit_str(struct emitter *w, const char *s)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	yaml_event_t ev;

	if (strchr(s, '\n'))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (looks_special(s))
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1, style);
	emit(w, &ev);
}

static void emit_null(struct emitter *w)
{
	emit_raw(w, "null");
}

static void emit_time(struct emitter *w, ms_t t)
{
	char buf[CLOCK_UTC_LEN];

	emit_raw(w, clock_format_utc(t, buf));
}

/* In the export, times are quoted: every YAML reader then hands them over
 * as the RFC 3339 strings SPEC shows, not as its own date type. */
static void emit_time_str(struct emitter *w, ms_t t)
{
	char buf[CLOCK_UTC_LEN];
	yaml_event_t ev;

	clock_format_utc(t, buf);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)buf, (int)strlen(buf), 1, 1,
				     YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	emit(w, &ev);
}

static void emit_long(struct emitter *w, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	emit_raw(w, buf);
}

static void emit_ids(struct emitter *w, const struct ids *ids)
{
	emit_seq(w, true, true);
	for (size_t i = 0; ids && i < ids->n; i++)
		emit_raw(w, ids->v[i]);
	emit_seq(w, false, true);
}

static void emit_value(struct emitter *w, enum rec_type type, const struct value *v)
{
	char buf[64];

	switch (field_type(v->field)) {
	case FT_TEXT:
	case FT_LINE:
		emit_str(w, v->u.s);
		break;
	case FT_DATE:
		if (v->u.s[0])
			emit_raw(w, v->u.s);
		else
			emit_null(w);
		break;
	case FT_TIME:
		emit_time(w, v->u.t);
		break;
	case FT_INT:
		emit_long(w, v->u.i);
		break;
	case FT_BOOL:
		emit_raw(w, v->u.b ? "true" : "false");
		break;
	case FT_ENUM:
		emit_raw(w, enum_name(field_enum(type, v->field), (int)v->u.i));
		break;
	case FT_IDS:
		emit_ids(w, v->u.ids);
		break;
	case FT_ORDER:
		snprintf(buf, sizeof(buf), "%.17g", v->u.d);
		emit_raw(w, buf);
		break;
	}
}

int yamlio_emit_record(struct strbuf *out, const struct record *r, struct error *e)
{
	struct emitter w;

	emit_start(&w, out);
	emit_doc(&w, true);
	emit_map(&w, true);
	emit_raw(&w, "type");
	emit_raw(&w, rec_type_names.names[r->type]);
	emit_raw(&w, "id");
	emit_raw(&w, r->id);
	emit_raw(&w, "rev");
	emit_raw(&w, r->rev);
	if (r->base[0]) {
		emit_raw(&w, "base");
		emit_raw(&w, r->base);
	}
	emit_raw(&w, "time");
	emit_time(&w, r->time);
	emit_raw(&w, "author");
	emit_str(&w, r->author);
	if (r->account) {
		emit_raw(&w, "account");
		emit_str(&w, r->account);
	}
	emit_raw(&w, "set");
	emit_map(&w, true);
	for (size_t i = 0; i < r->nvalues; i++) {
		emit_raw(&w, field_name(r->values[i].field));
		emit_value(&w, r->type, &r->values[i]);
	}
	emit_map(&w, false);
	emit_map(&w, false);
	emit_doc(&w, false);
	return emit_finish(&w, e);
}

/* key: string value, or null when unset */
static void emit_kv_str(struct emitter *w, const char *key, const char *s)
{
	emit_raw(w, key);
	if (s && s[0])
		emit_str(w, s);
	else
		emit_null(w);
}

/* "comments:" with each comment on id that is not deleted (at, by,
 * text, and once edited: edited, edited_by), oldest first; nothing when
 * there are none. */
static void emit_comments(struct emitter *w, struct incident *inc, const char *id)
{
	size_t n;
	const struct comment *c = incident_comments(inc, id, &n);

	if (!comments_live(c, n))
		return;
	emit_raw(w, "comments");
	emit_seq(w, true, false);
	for (size_t i = 0; i < n; i++) {
		if (c[i].deleted)
			continue;
		emit_map(w, true);
		emit_raw(w, "at");
		emit_time_str(w, c[i].time);
		emit_kv_str(w, "by", c[i].author);
		emit_raw(w, "text");
		emit_str(w, c[i].text);
		if (c[i].edited) {
			emit_raw(w, "edited");
			emit_time_str(w, c[i].edited);
			emit_kv_str(w, "edited_by", c[i].edited_by);
		}
		emit_map(w, false);
	}
	emit_seq(w, false, false);
}


/* The ids of the live actions that address factor f, in list order. */
static void emit_factor_actions(struct emitter *w, const struct incident *inc, const struct factor *f)
{
	emit_seq(w, true, true);
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];

		for (size_t k = 0; !a->deleted && a->factors && k < a->factors->n; k++)
			if (!strcmp(a->factors->v[k], f->e.id)) {
				emit_raw(w, a->e.id);
				break;
			}
	}
	emit_seq(w, false, true);
}

/* The events a factor links to; in public, those that are published. */
static void emit_factor_events(struct emitter *w, const struct incident *inc, const struct factor *f,
			       bool public)
{
	emit_seq(w, true, true);
	for (size_t i = 0; f->events && i < f->events->n; i++) {
		const struct event *ev = public ? incident_event(inc, f->events->v[i]) : NULL;

		if (!public || !ev || !ev->internal)
			emit_raw(w, f->events->v[i]);
	}
	emit_seq(w, false, true);
}

int yamlio_export(struct strbuf *out, struct incident *inc, unsigned flags, struct error *e)
{
	bool ascii = flags & YAMLIO_ASCII, public = flags & YAMLIO_PUBLIC;
	bool authors = !(flags & YAMLIO_NO_AUTHORS);
	const struct incident_fields *in = &inc->info;
	struct emitter w;
	const struct {
		const char *key, *val;
	} summary[] = {
		{ "impact", in->impact }, { "apology", in->apology }, { "what_happened", in->happened },
		{ "went_well", in->went_well }, { "lucky", in->lucky },
	};

	incident_sort(inc);
	emit_start_as(&w, out, !ascii);
	emit_doc(&w, true);
	emit_map(&w, true);

	emit_raw(&w, "incident");
	emit_map(&w, true);
	emit_raw(&w, "id");
	emit_raw(&w, inc->id);
	emit_kv_str(&w, "title", in->title);
	emit_raw(&w, "severity");
	emit_long(&w, in->severity);
	emit_raw(&w, "status");
	emit_raw(&w, incident_status_names.names[in->status]);
	emit_raw(&w, "created");
	emit_time_str(&w, in->created);
	for (size_t i = 0; i < ARRAY_SIZE(summary); i++)
		if (summary[i].val && summary[i].val[0])
			emit_kv_str(&w, summary[i].key, summary[i].val);
	emit_map(&w, false);

	emit_raw(&w, "timeline");
	emit_seq(&w, true, false);
	for (size_t i = 0; i < inc->nevents; i++) {
		const struct event *ev = inc->events[i];
		const struct imported *im;

		if (ev->deleted || (public && ev->internal))
			continue;
		emit_map(&w, true);
		emit_raw(&w, "id");
		emit_raw(&w, ev->e.id);
		emit_raw(&w, "at");
		emit_time_str(&w, ev->at);
		emit_raw(&w, "typed");
		emit_time_str(&w, ev->typed);
		emit_raw(&w, "logged");
		emit_time_str(&w, event_logged(inc, ev));
		if (authors)
			emit_kv_str(&w, "by", event_by(inc, ev));
		emit_raw(&w, "kind");
		emit_raw(&w, kind_names.names[ev->kind]);
		emit_raw(&w, "text");
		emit_str(&w, ev->text ? ev->text : "");
		if (ev->marker != MARKER_NONE) {
			emit_raw(&w, "marker");
			emit_raw(&w, marker_names.names[ev->marker]);
		}
		if (ev->star && !public) {
			emit_raw(&w, "star");
			emit_raw(&w, "true");
		}
		if (ev->causal && !public) {
			emit_raw(&w, "causal");
			emit_raw(&w, "true");
		}
		if (ev->internal && !public) {
			emit_raw(&w, "internal");
			emit_raw(&w, "true");
		}
		if ((im = event_imported(inc, ev)) && im->by)
			emit_kv_str(&w, "imported_by", im->by);
		if (im && im->source)
			emit_kv_str(&w, "source", im->source);
		emit_map(&w, false);
	}
	emit_seq(&w, false, false);

	emit_raw(&w, "factors");
	emit_seq(&w, true, false);
	for (size_t i = 0; i < inc->nfactors; i++) {
		const struct factor *f = inc->factors[i];

		if (f->deleted)
			continue;
		emit_map(&w, true);
		emit_raw(&w, "id");
		emit_raw(&w, f->e.id);
		emit_kv_str(&w, "title", f->title);
		emit_kv_str(&w, "category", f->category);
		emit_raw(&w, "description");
		emit_str(&w, f->description ? f->description : "");
		emit_raw(&w, "events");
		emit_factor_events(&w, inc, f, public);
		if (authors)
			emit_kv_str(&w, "by", f->by);
		emit_raw(&w, "actions");
		emit_factor_actions(&w, inc, f);
		if (f->no_action && f->no_action[0])
			emit_kv_str(&w, "no_action", f->no_action);
		emit_comments(&w, inc, f->e.id);
		emit_map(&w, false);
	}
	emit_seq(&w, false, false);

	emit_raw(&w, "actions");
	emit_seq(&w, true, false);
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];

		if (a->deleted)
			continue;
		emit_map(&w, true);
		emit_raw(&w, "id");
		emit_raw(&w, a->e.id);
		emit_kv_str(&w, "title", a->title);
		emit_raw(&w, "type");
		emit_raw(&w, action_type_names.names[a->type]);
		if (authors)
			emit_kv_str(&w, "owner", a->owner);
		emit_kv_str(&w, "due", a->due);
		emit_raw(&w, "status");
		emit_raw(&w, action_status_names.names[a->status]);
		emit_kv_str(&w, "reason", a->reason);
		emit_raw(&w, "priority");
		emit_raw(&w, priority_names.names[a->priority]);
		emit_raw(&w, "votes");
		emit_long(&w, a->nup);
		emit_raw(&w, "factors");
		emit_ids(&w, a->factors);
		if (a->ref && a->ref[0])
			emit_kv_str(&w, "ref", a->ref);
		emit_comments(&w, inc, a->e.id);
		emit_map(&w, false);
	}
	emit_seq(&w, false, false);

	emit_map(&w, false);
	emit_doc(&w, false);
	return emit_finish(&w, e);
}
