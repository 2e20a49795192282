/* The quick reader (src/quickread.c): a journal document in the layout
 * yamlio_emit_record writes, read without libyaml into the tree yamlio.c
 * builds from libyaml's events.  Used by yamlio_parse_journal; nothing
 * else needs it. */
#ifndef SCRIBE_QUICKREAD_H
#define SCRIBE_QUICKREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Eight bytes at a time (a uint64_t read with memcpy): the high bit of
 * each byte of the answer says whether that byte is below n (n at most
 * 0x80), or equal to c.  Exact for every byte: no carry crosses bytes. */
#define QR_ONES UINT64_C(0x0101010101010101)
#define QR_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t qr_below(uint64_t w, unsigned n)
{
	return ~((w & ~QR_HIGHS) + QR_ONES * (0x80 - n)) & ~w & QR_HIGHS;
}

static inline uint64_t qr_equal(uint64_t w, unsigned char c)
{
	uint64_t y = w ^ (QR_ONES * c);

	return ~(((y & ~QR_HIGHS) + ~QR_HIGHS) | y) & QR_HIGHS;
}

enum ynode_kind { YN_SCALAR, YN_MAP, YN_SEQ };

/* A document as a small tree; every node remembers where it starts. */
struct ynode {
	enum ynode_kind kind;
	char *s;		/* scalar value, NUL-terminated */
	size_t len;
	bool plain;		/* a plain (unquoted) scalar */
	int line, col;
	struct ynode **kids;	/* maps: key, value, key, value ... */
	size_t n, cap;
};

/* Where the quick reader's nodes live: a document's two dozen nodes
 * cost no malloc and no free.  Starts as { NULL }. */
struct quickread_arena {
	struct qchunk *head;
};

/* The document "---\n" ... "...\n" at *pp (line *line, 1-based) if it
 * is all in the emitter's layout: its tree, in a, with *pp and *line
 * moved past it.  NULL (nothing moved) for any other document. */
struct ynode *quickread_doc(struct quickread_arena *a, const char **pp, const char *end, int *line);

/* One value: the rest of the line at *pp after "key: " (column col of
 * line *line), or a literal block over the lines after it indented ind,
 * in the emitter's layout: its node, with *pp past it (and *line moved
 * over a block's lines).  NULL (nothing moved) for any other layout. */
struct ynode *quickread_value(struct quickread_arena *a, const char **pp, const char *end, int *line, int col,
			      int ind);

/* Would libyaml read the n bytes at s, the whole rest of a line after
 * "key: ", as the plain scalar they are (and one not too long)? */
bool quickread_plain(const char *s, size_t n);

/* Empties a for the next document, keeping one chunk; all: frees it all. */
void quickread_reset(struct quickread_arena *a, bool all);

/* Does a new document ("---") or a directive start at p, after blank
 * lines and comments?  After a document's end, libyaml takes nothing else. */
bool quickread_doc_starts(const char *p, const char *end);

#endif
