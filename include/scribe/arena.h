/* Bump allocation for what lives as long as its owner (an incident's
 * folded records and strings): no header per allocation, nothing freed
 * one by one, all of it released at once. */
#ifndef SCRIBE_ARENA_H
#define SCRIBE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *chunks;	/* newest first */
	char *p, *end;			/* free space in the newest */
	size_t next;			/* size of the next chunk */
	size_t used;			/* bytes handed out, for measuring */
};

#define ARENA_INIT { NULL, NULL, NULL, 0, 0 }

/* n bytes aligned for pointers, 64-bit numbers and doubles, zeroed; never NULL (dies when out of
 * memory like xmalloc).  Lives until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of s (NUL-terminated), or of its first n bytes. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Releases every allocation at once; the arena is empty and usable. */
void arena_free(struct arena *a);

#endif
