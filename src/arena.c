#include "config.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/arena.h"
#include "scribe/util.h"

struct arena_chunk {
	struct arena_chunk *next;
	alignas(max_align_t) char data[];
};

/* what the model's structs need (pointers, 64-bit times, doubles) */
#define ALIGN (alignof(uint64_t) > alignof(void *) ? alignof(uint64_t) : alignof(void *))
_Static_assert(ALIGN >= alignof(double), "arena alignment");
#define FIRST_CHUNK (4u << 10)	/* a small incident stays small */
#define MAX_CHUNK (1u << 20)	/* a large one wastes at most this */

/* n bytes at a multiple of align (a power of two) */
static void *take(struct arena *a, size_t n, size_t align)
{
	char *p = a->p ? (char *)(((uintptr_t)a->p + align - 1) & ~(uintptr_t)(align - 1)) : NULL;

	if (!p || (size_t)(a->end - p) < n) {
		size_t size = a->next ? a->next : FIRST_CHUNK;
		struct arena_chunk *c;

		if (size < MAX_CHUNK)
			a->next = size * 2;
		if (n > size / 4) {
			/* a large piece gets a chunk of its own, and the
			 * current chunk stays in use */
			c = xmalloc(sizeof(*c) + n);
			if (a->chunks) {
				c->next = a->chunks->next;
				a->chunks->next = c;
			} else {
				c->next = NULL;
				a->chunks = c;
				a->p = a->end = c->data + n;
			}
			a->used += n;
			return c->data;
		}
		c = xmalloc(sizeof(*c) + size);
		c->next = a->chunks;
		a->chunks = c;
		p = c->data;
		a->end = c->data + size;
	}
	a->p = p + n;
	a->used += n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return memset(take(a, n ? n : 1, ALIGN), 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	for (struct arena_chunk *c = a->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	*a = (struct arena){ NULL, NULL, NULL, 0, 0 };
}
