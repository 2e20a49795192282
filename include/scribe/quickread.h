/* The quick reader (src/quickread.c): a journal document in the layout
 * yamlio_emit_record writes, read without libyaml into the tree yamlio.c
 * builds from libyaml's events.  Used by yamlio_parse_journal; nothing
 * else needs it. */
#ifndef SCRIBE_QUICKREAD_H
#define SCRIBE_QUICKREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* How many bytes at the start of s[0..n) are known to be printable
 * ASCII (and with colon_hash, neither ':' nor '#'; else line feeds pass
 * too): the byte there, if any, needs a closer look.  Sixteen bytes at
 * a time where there is SSE2, eight elsewhere; it may stop short of the
 * first such byte, never after it. */
static inline size_t qr_skip(const char *s, size_t n, bool colon_hash)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
	const __m128i a = _mm_set1_epi8(colon_hash ? ':' : 0x7F), b = _mm_set1_epi8(colon_hash ? '#' : 0x7F);
	const __m128i lf = _mm_set1_epi8(colon_hash ? 0x7F : '\n');

	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed: below 0x20 are the control characters and every byte
		 * from 0x80 on */
		__m128i look = _mm_andnot_si128(_mm_cmpeq_epi8(v, lf), _mm_cmplt_epi8(v, space));
		int m;

		look = _mm_or_si128(look, _mm_or_si128(_mm_cmpeq_epi8(v, del),
						       _mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b))));
		if ((m = _mm_movemask_epi8(look)))
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	while (n - i >= 8) {
		uint64_t w, look;

		memcpy(&w, s + i, 8);
		look = (w & QR_HIGHS) | qr_equal(w, 0x7F);
		look |= colon_hash ? qr_below(w, 0x20) | qr_equal(w, ':') | qr_equal(w, '#')
				   : qr_below(w, 0x20) & ~qr_equal(w, '\n');
		if (look)
			break;
		i += 8;
	}
	return i;
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
