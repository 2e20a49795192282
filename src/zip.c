#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <zlib.h>

#include "scribe/zip.h"

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u
#define SIG_END64_LOCATOR 0x07064b50u

#define END_LEN 22		/* the end of central directory record, without its comment */
#define CENTRAL_LEN 46		/* a central directory header, without its name, extra and comment */
#define LOCAL_LEN 30		/* a local header, without its name and extra */

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A name as it may appear in a message: printable, and not too long. */
static void shown(const char *name, char *out, size_t size)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && o + 4 < size; p++)
		out[o++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
	if (name[o] && o + 4 >= size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Copies n bytes at off of the archive into buf. */
static int zread(const struct zip *z, uint64_t off, void *buf, size_t n, struct error *e)
{
	size_t got = 0;

	if (off > z->len || n > z->len - off)
		return error_set(e, EXIT_DATAERR, "%s: damaged zip archive: a record runs past its end", z->path);
	if (!z->mem) {
		while (got < n) {
			ssize_t r = pread(z->fd, (char *)buf + got, n - got, (off_t)(off + got));

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return error_set(e, EXIT_IOERR, "cannot read %s: %s", z->path, strerror(errno));
			if (r == 0)
				return error_set(e, EXIT_IOERR, "cannot read %s: it became shorter while read",
						 z->path);
			got += (size_t)r;
		}
		return 0;
	}
	memcpy(buf, z->mem + off, n);
	return 0;
}

/* Whether name could leave the folder it is unpacked in: absolute
 * ("/x", "\x", "C:x") or with a ".." part. */
static bool escapes(const char *name)
{
	const char *p = name;

	if (name[0] == '/' || name[0] == '\\' || (name[0] && name[1] == ':'))
		return true;
	while (*p) {
		size_t n = strcspn(p, "/\\");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct zip_entry *)a)->name, ((const struct zip_entry *)b)->name);
}

/* The end of central directory: the last signature in the last
 * 64 KiB + 22 bytes whose comment ends within the archive. */
static int find_end(struct zip *z, unsigned char *rec, uint64_t *at, struct error *e)
{
	uint64_t tail = z->len < END_LEN + 65535 ? z->len : END_LEN + 65535;
	unsigned char *buf;
	int rc;

	if (z->len < END_LEN)
		return error_set(e, EXIT_DATAERR, "%s: not a zip archive (%llu bytes, too short for one)",
				 z->path, (unsigned long long)z->len);
	buf = xmalloc(tail);
	if ((rc = zread(z, z->len - tail, buf, tail, e))) {
		free(buf);
		return rc;
	}
	for (uint64_t i = tail - END_LEN + 1; i-- > 0;) {
		if (le32(buf + i) == SIG_END && i + END_LEN + le16(buf + i + 20) <= tail) {
			memcpy(rec, buf + i, END_LEN);
			*at = z->len - tail + i;
			free(buf);
			return 0;
		}
	}
	free(buf);
	return error_set(e, EXIT_DATAERR, "%s: not a zip archive (no end of central directory record)", z->path);
}

static int read_directory(struct zip *z, struct error *e)
{
	unsigned char end[END_LEN] = { 0 }, loc[4] = { 0 }, *cd = NULL;
	uint64_t at = 0, off, size, count;
	size_t p = 0;
	int rc;

	if ((rc = find_end(z, end, &at, e)))
		return rc;
	count = le16(end + 10);
	size = le32(end + 12);
	off = le32(end + 16);
	if (at >= 20 && (rc = zread(z, at - 20, loc, 4, e)))
		return rc;
	if ((at >= 20 && le32(loc) == SIG_END64_LOCATOR) || count == 0xffff || size == 0xffffffffu ||
	    off == 0xffffffffu)
		return error_set(e, EXIT_DATAERR,
				 "%s: a zip64 archive, which scribe does not read (unzip it and import the folder)",
				 z->path);
	if (le16(end + 4) || le16(end + 6) || le16(end + 8) != count)
		return error_set(e, EXIT_DATAERR, "%s: a zip archive split over several files: join it first",
				 z->path);
	if (off > at || size > at - off)
		return error_set(e, EXIT_DATAERR,
				 "%s: damaged zip archive: its central directory lies outside it", z->path);
	if (count > ZIP_MAX_ENTRIES || size > (uint64_t)ZIP_MAX_ENTRY)
		return error_set(e, EXIT_DATAERR, "%s: more than %d entries or a %ld MiB directory: too large",
				 z->path, ZIP_MAX_ENTRIES, ZIP_MAX_ENTRY / (1024 * 1024));
	cd = xmalloc(size ? size : 1);
	if ((rc = zread(z, off, cd, size, e)))
		goto fail;
	z->v = xcalloc(count ? count : 1, sizeof(*z->v));
	for (z->n = 0; z->n < count; z->n++) {
		struct zip_entry *ent = &z->v[z->n];
		size_t nl, xl, cl;
		uint16_t flags;
		char nm[120];

		if (size - p < CENTRAL_LEN || le32(cd + p) != SIG_CENTRAL) {
			rc = error_set(e, EXIT_DATAERR,
				       "%s: damaged zip archive: its central directory ends after %zu of its %llu entries",
				       z->path, z->n, (unsigned long long)count);
			goto fail;
		}
		flags = le16(cd + p + 8);
		ent->method = le16(cd + p + 10);
		ent->crc = le32(cd + p + 16);
		ent->csize = le32(cd + p + 20);
		ent->size = le32(cd + p + 24);
		nl = le16(cd + p + 28);
		xl = le16(cd + p + 30);
		cl = le16(cd + p + 32);
		ent->local = le32(cd + p + 42);
		if (size - p - CENTRAL_LEN < nl + xl + cl) {
			rc = error_set(e, EXIT_DATAERR,
				       "%s: damaged zip archive: entry %zu runs past the central directory",
				       z->path, z->n + 1);
			goto fail;
		}
		ent->name = xstrndup((const char *)cd + p + CENTRAL_LEN, nl);
		p += CENTRAL_LEN + nl + xl + cl;
		shown(ent->name, nm, sizeof(nm));
		if (strlen(ent->name) != nl || !nl) {
			rc = error_set(e, EXIT_DATAERR, "%s: entry %zu has %s", z->path, z->n + 1,
				       nl ? "a NUL byte in its name" : "no name");
			break;
		}
		ent->dir = ent->name[nl - 1] == '/';
		if (escapes(ent->name))
			rc = error_set(e, EXIT_DATAERR,
				       "%s: entry \"%s\" is refused: its name is absolute or holds \"..\"",
				       z->path, nm);
		else if (ent->csize == 0xffffffffu || ent->size == 0xffffffffu || ent->local == 0xffffffffu)
			rc = error_set(e, EXIT_DATAERR,
				       "%s: entry \"%s\" is a zip64 entry, which scribe does not read (unzip it and import the folder)",
				       z->path, nm);
		else if (flags & 0x41)
			rc = error_set(e, EXIT_DATAERR, "%s: entry \"%s\" is encrypted", z->path, nm);
		else if (ent->method != 0 && ent->method != 8)
			rc = error_set(e, EXIT_DATAERR,
				       "%s: entry \"%s\" is compressed with method %u: only stored (0) and deflate (8) are read",
				       z->path, nm, ent->method);
		else if (ent->size > ZIP_MAX_ENTRY)
			rc = error_set(e, EXIT_DATAERR, "%s: entry \"%s\" is %lu bytes unpacked, more than %ld MiB",
				       z->path, nm, (unsigned long)ent->size, ZIP_MAX_ENTRY / (1024 * 1024));
		else if (ent->method == 0 && ent->csize != ent->size)
			rc = error_set(e, EXIT_DATAERR,
				       "%s: damaged zip archive: entry \"%s\" is stored, but its two sizes differ",
				       z->path, nm);
		else if (ent->local >= off)
			rc = error_set(e, EXIT_DATAERR,
				       "%s: damaged zip archive: entry \"%s\" starts outside the archive's data",
				       z->path, nm);
		if (rc)
			break;
	}
	if (rc) {
		z->n++;	/* the entry that failed is freed with the others */
		goto fail;
	}
	free(cd);
	cd = NULL;
	qsort(z->v, z->n, sizeof(*z->v), name_cmp);
	for (size_t i = 1; i < z->n; i++) {
		if (!strcmp(z->v[i - 1].name, z->v[i].name)) {
			char nm[120];

			shown(z->v[i].name, nm, sizeof(nm));
			return error_set(e, EXIT_DATAERR, "%s: two entries are called \"%s\"", z->path, nm);
		}
	}
	z->len = off;	/* entries' data lies before the directory */
	return 0;
fail:
	free(cd);
	return rc;
}

int zip_open_mem(struct zip *z, const char *path, const void *mem, size_t len, struct error *e)
{
	memset(z, 0, sizeof(*z));
	z->path = path;
	z->fd = -1;
	z->mem = mem ? mem : (const void *)"";
	z->len = len;
	return read_directory(z, e);
}

int zip_open(struct zip *z, const char *path, struct error *e)
{
	struct stat st;

	memset(z, 0, sizeof(*z));
	z->path = path;
	if ((z->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return error_set(e, errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR, "cannot read %s: %s", path,
				 strerror(errno));
	if (fstat(z->fd, &st))
		return error_set(e, EXIT_IOERR, "cannot read %s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error_set(e, EXIT_DATAERR, "%s: a zip archive must be a regular file", path);
	z->len = (uint64_t)st.st_size;
	return read_directory(z, e);
}

void zip_close(struct zip *z)
{
	for (size_t i = 0; i < z->n; i++)
		free(z->v[i].name);
	free(z->v);
	if (!z->mem && z->fd >= 0)
		close(z->fd);
	memset(z, 0, sizeof(*z));
	z->fd = -1;
}

const struct zip_entry *zip_find(const struct zip *z, const char *name)
{
	struct zip_entry key = { .name = (char *)name };

	return z->n ? bsearch(&key, z->v, z->n, sizeof(key), name_cmp) : NULL;
}

/* Inflates the raw deflate stream of csize bytes at data into out,
 * which has room for size + 1 bytes; *got: how many it made. */
static int inflate_entry(const struct zip *z, const struct zip_entry *ent, uint64_t data, unsigned char *out,
			 size_t *got, const char *nm, struct error *e)
{
	unsigned char in[65536];
	uint64_t left = ent->csize;
	z_stream zs;
	int zr = Z_OK, rc = 0;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		return error_set(e, EXIT_SOFTWARE, "zlib: %s", zs.msg ? zs.msg : "cannot start inflating");
	zs.next_out = out;
	zs.avail_out = ent->size + 1;
	while (zr != Z_STREAM_END) {
		if (!zs.avail_in && left) {
			size_t n = left < sizeof(in) ? (size_t)left : sizeof(in);

			if ((rc = zread(z, data, in, n, e)))
				break;
			data += n;
			left -= n;
			zs.next_in = in;
			zs.avail_in = (uInt)n;
		}
		zr = inflate(&zs, Z_NO_FLUSH);
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_BUF_ERROR && !zs.avail_in && !left) {
			rc = error_set(e, EXIT_DATAERR, "%s: damaged zip archive: entry \"%s\" ends too soon",
				       z->path, nm);
			break;
		}
		if ((zr != Z_OK && zr != Z_BUF_ERROR) || !zs.avail_out) {
			rc = error_set(e, EXIT_DATAERR, "%s: damaged zip archive: entry \"%s\" %s", z->path, nm,
				       zs.avail_out ? "does not inflate" : "inflates to more than its size");
			break;
		}
	}
	if (!rc && (zs.avail_in || left))
		rc = error_set(e, EXIT_DATAERR,
			       "%s: damaged zip archive: entry \"%s\" has bytes after its deflate stream", z->path, nm);
	*got = zs.total_out;
	inflateEnd(&zs);
	return rc;
}

int zip_read(const struct zip *z, const struct zip_entry *ent, struct strbuf *out, struct error *e)
{
	unsigned char loc[LOCAL_LEN];
	size_t base = out->len, got = 0;
	uint64_t data;
	char nm[120], *lname;
	int rc;

	shown(ent->name, nm, sizeof(nm));
	if ((rc = zread(z, ent->local, loc, LOCAL_LEN, e)))
		return rc;
	if (le32(loc) != SIG_LOCAL)
		return error_set(e, EXIT_DATAERR, "%s: damaged zip archive: entry \"%s\" has no local header",
				 z->path, nm);
	lname = xmalloc((size_t)le16(loc + 26) + 1);
	if ((rc = zread(z, ent->local + LOCAL_LEN, lname, le16(loc + 26), e))) {
		free(lname);
		return rc;
	}
	lname[le16(loc + 26)] = '\0';
	rc = strlen(ent->name) != le16(loc + 26) || memcmp(lname, ent->name, le16(loc + 26));
	free(lname);
	if (rc)
		return error_set(e, EXIT_DATAERR,
				 "%s: damaged zip archive: entry \"%s\" has another name in its local header",
				 z->path, nm);
	data = ent->local + LOCAL_LEN + le16(loc + 26) + le16(loc + 28);
	if (data > z->len || ent->csize > z->len - data)
		return error_set(e, EXIT_DATAERR, "%s: damaged zip archive: entry \"%s\" runs past the archive's data",
				 z->path, nm);
	sb_grow(out, (size_t)ent->size + 1);
	if (ent->method == 0) {
		rc = zread(z, data, out->buf + base, ent->size, e);
		got = ent->size;
	} else {
		rc = inflate_entry(z, ent, data, (unsigned char *)out->buf + base, &got, nm, e);
		if (!rc && got != ent->size)
			rc = error_set(e, EXIT_DATAERR,
				       "%s: damaged zip archive: entry \"%s\" inflates to %zu bytes, not its %lu",
				       z->path, nm, got, (unsigned long)ent->size);
	}
	if (!rc && crc32(crc32(0L, Z_NULL, 0), (const Bytef *)out->buf + base, (uInt)got) != ent->crc)
		rc = error_set(e, EXIT_DATAERR, "%s: damaged zip archive: entry \"%s\" fails its CRC-32 check",
			       z->path, nm);
	out->len = rc ? base : base + got;
	out->buf[out->len] = '\0';
	return rc;
}
