/* A small, careful reader of zip archives (PKWARE APPNOTE 6.3), for a
 * Slack export downloaded as a .zip: the end of central directory, the
 * central directory, and entries stored or deflated (zlib).  Refused,
 * each with a message that names the archive and says what is wrong:
 * zip64, split archives, encryption, other methods, names that are
 * absolute or hold "..", two entries of the same name, sizes past the
 * bounds below, data that does not inflate to its size or CRC-32.
 * No I/O beyond reading the archive it is given. */
#ifndef SCRIBE_ZIP_H
#define SCRIBE_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "scribe/util.h"

#define ZIP_MAX_ENTRIES 1000000			/* entries in one archive */
#define ZIP_MAX_ENTRY (256L * 1024 * 1024)	/* bytes of one entry, unpacked */

struct zip_entry {
	char *name;		/* as in the archive, '/'-separated; owned */
	uint32_t crc, csize, size;
	uint16_t method;	/* 0: stored; 8: deflated */
	uint32_t local;		/* offset of its local header */
	int dir;		/* the name ends with '/' */
};

struct zip {
	const char *path;	/* for messages; not owned */
	int fd;			/* -1: the archive is mem */
	const unsigned char *mem;
	uint64_t len;		/* of the archive */
	struct zip_entry *v;	/* sorted by name */
	size_t n;
};

/* Reads the directory of the archive at path (zip_open) or held in
 * mem[0..len) (zip_open_mem, which keeps pointing at mem; path only
 * names it in messages) into z.  Returns 0, or with e set EXIT_DATAERR
 * for an archive that is bad or refused, EXIT_NOINPUT or EXIT_IOERR
 * when it cannot be read.  Free with zip_close in every case. */
int zip_open(struct zip *z, const char *path, struct error *e);
int zip_open_mem(struct zip *z, const char *path, const void *mem, size_t len, struct error *e);
void zip_close(struct zip *z);

/* The entry called name, or NULL. */
const struct zip_entry *zip_find(const struct zip *z, const char *name);

/* Appends the unpacked bytes of ent to out (NUL-terminated, the NUL not
 * counted).  Returns 0, or with e set EXIT_DATAERR when its data is bad
 * (nothing is appended then), EXIT_IOERR when it cannot be read. */
int zip_read(const struct zip *z, const struct zip_entry *ent, struct strbuf *out, struct error *e);

#endif
