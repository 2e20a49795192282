/* The zip reader behind `scribe import` of a Slack export's .zip: what
 * it reads, what it refuses, and that every refusal names the archive
 * and says what is wrong.  Archives are built here byte by byte, so
 * that each one can be broken in exactly one place. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "scribe/zip.h"
#include "tap.h"

struct ent {
	const char *name;
	const char *data;
	int method;		/* 0 or 8; others written as stored */
	uint16_t flags;
	int crc_off;		/* added to the CRC written */
	long size_off;		/* added to the size written in the central directory */
	const char *local_name;	/* NULL: name */
};

struct opts {
	const char *comment;
	int zip64_locator;	/* a zip64 locator before the end record */
	int count_ffff;
	int disk;
	long cd_off_add;	/* added to the directory's offset */
	int count_add;		/* added to the number of entries */
};

static void put16(struct strbuf *sb, unsigned v)
{
	sb_addc(sb, (char)(v & 0xff));
	sb_addc(sb, (char)(v >> 8 & 0xff));
}

static void put32(struct strbuf *sb, unsigned long v)
{
	put16(sb, (unsigned)(v & 0xffff));
	put16(sb, (unsigned)(v >> 16 & 0xffff));
}

static size_t deflated(const char *data, size_t len, unsigned char *out, size_t cap)
{
	z_stream zs;

	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (Bytef *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	deflate(&zs, Z_FINISH);
	deflateEnd(&zs);
	return zs.total_out;
}

/* An archive of the n entries, as o says. */
static void build(struct strbuf *sb, const struct ent *v, size_t n, const struct opts *o)
{
	struct strbuf cd = STRBUF_INIT;
	static unsigned char buf[1 << 20];
	size_t offs[16];

	sb_reset(sb);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i].data), clen = len;
		const unsigned char *body = (const unsigned char *)v[i].data;
		unsigned long crc = crc32(0, (const Bytef *)v[i].data, (uInt)len) + (unsigned long)v[i].crc_off;
		const char *ln = v[i].local_name ? v[i].local_name : v[i].name;

		if (v[i].method == 8) {
			clen = deflated(v[i].data, len, buf, sizeof(buf));
			body = buf;
		}
		offs[i] = sb->len;
		put32(sb, 0x04034b50);
		put16(sb, 20);
		put16(sb, v[i].flags);
		put16(sb, (unsigned)v[i].method);
		put32(sb, 0);
		put32(sb, crc);
		put32(sb, clen);
		put32(sb, len);
		put16(sb, (unsigned)strlen(ln));
		put16(sb, 0);
		sb_adds(sb, ln);
		sb_add(sb, body, clen);

		put32(&cd, 0x02014b50);
		put16(&cd, 0x031e);
		put16(&cd, 20);
		put16(&cd, v[i].flags);
		put16(&cd, (unsigned)v[i].method);
		put32(&cd, 0);
		put32(&cd, crc);
		put32(&cd, v[i].method == 8 ? clen : len + (unsigned long)v[i].size_off);
		put32(&cd, len + (unsigned long)v[i].size_off);
		put16(&cd, (unsigned)strlen(v[i].name));
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0);
		put32(&cd, offs[i]);
		sb_adds(&cd, v[i].name);
	}
	size_t cdoff = sb->len;

	sb_add(sb, cd.buf ? cd.buf : "", cd.len);
	if (o && o->zip64_locator) {
		put32(sb, 0x07064b50);
		put32(sb, 0);
		put32(sb, 0);
		put32(sb, 0);
		put32(sb, 1);
	}
	put32(sb, 0x06054b50);
	put16(sb, o ? (unsigned)o->disk : 0);
	put16(sb, 0);
	put16(sb, o && o->count_ffff ? 0xffff : (unsigned)(n + (o ? o->count_add : 0)));
	put16(sb, o && o->count_ffff ? 0xffff : (unsigned)(n + (o ? o->count_add : 0)));
	put32(sb, cd.len);
	put32(sb, cdoff + (unsigned long)(o ? o->cd_off_add : 0));
	put16(sb, o && o->comment ? (unsigned)strlen(o->comment) : 0);
	if (o && o->comment)
		sb_adds(sb, o->comment);
	sb_free(&cd);
}

/* Opens sb as an archive named "x.zip": "" when it opens, else the error. */
static const char *opened(struct zip *z, const struct strbuf *sb)
{
	static struct error e;

	memset(&e, 0, sizeof(e));
	if (zip_open_mem(z, "x.zip", sb->buf, sb->len, &e))
		return e.msg;
	return "";
}

/* Opens one entry archive and reads its entry: "" or the error. */
static const char *one(const struct ent *v, size_t n, const struct opts *o, int *code)
{
	static char msg[1100];
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	struct error e = { 0 };
	struct zip z;
	int rc;

	build(&sb, v, n, o);
	rc = zip_open_mem(&z, "x.zip", sb.buf, sb.len, &e);
	for (size_t i = 0; !rc && i < z.n; i++)
		rc = zip_read(&z, &z.v[i], &out, &e);
	snprintf(msg, sizeof(msg), "%s", rc ? e.msg : "");
	if (code)
		*code = rc;
	if (rc)
		ok(out.len == 0, "nothing is kept of a bad entry (%s)", v[0].name);
	zip_close(&z);
	sb_free(&sb);
	sb_free(&out);
	return msg;
}

static void test_reads(void)
{
	static char big[200001];
	struct ent v[] = {
		{ .name = "users.json", .data = "[{\"id\": \"U1\"}]", .method = 0 },
		{ .name = "general/", .data = "", .method = 0 },
		{ .name = "general/2026-12-02.json", .data = big, .method = 8 },
		{ .name = "channels.json", .data = "[]\n", .method = 8 },
		{ .name = "empty.json", .data = "", .method = 8 },
	};
	struct opts o = { .comment = "a comment PK\x05\x06 with a false end in it" };
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	struct error e = { 0 };
	const struct zip_entry *ent;
	struct zip z;

	for (size_t i = 0; i < sizeof(big) - 1; i++)
		big[i] = "abcdefgh\n"[(i * 7 + i / 13) % 9];
	build(&sb, v, 5, &o);
	is_str(opened(&z, &sb), "", "an archive of stored and deflated entries, with a comment, opens");
	is_int(z.n, 5, "with its five entries");
	is_str(z.v[0].name, "channels.json", "sorted by name");
	ok(zip_find(&z, "nope.json") == NULL, "a name not there is not found");
	ok((ent = zip_find(&z, "users.json")) && !zip_read(&z, ent, &out, &e), "a stored entry reads");
	is_str(out.buf, "[{\"id\": \"U1\"}]", "byte for byte");
	sb_reset(&out);
	ok((ent = zip_find(&z, "general/2026-12-02.json")) && ent->csize < ent->size, "a deflated entry is smaller");
	ok(!zip_read(&z, ent, &out, &e), "and reads");
	ok(out.len == sizeof(big) - 1 && !memcmp(out.buf, big, out.len) && !out.buf[out.len],
	   "to its 200,000 bytes, NUL-terminated");
	sb_reset(&out);
	ok((ent = zip_find(&z, "empty.json")) && !zip_read(&z, ent, &out, &e) && out.len == 0 && out.buf &&
		   !out.buf[0], "an empty deflated entry reads as nothing");
	ok((ent = zip_find(&z, "general/")) && ent->dir, "a folder's entry is marked");
	zip_close(&z);

	build(&sb, v, 0, NULL);
	is_str(opened(&z, &sb), "", "an empty archive opens");
	is_int(z.n, 0, "with nothing in it");
	zip_close(&z);

	/* the same from a file */
	char path[] = "/tmp/scribe-test-zip-XXXXXX";
	int fd = mkstemp(path);

	build(&sb, v, 5, NULL);
	ok(fd >= 0 && write(fd, sb.buf, sb.len) == (ssize_t)sb.len, "written to a file");
	close(fd);
	ok(!zip_open(&z, path, &e), "an archive opens from its file");
	sb_reset(&out);
	ok((ent = zip_find(&z, "general/2026-12-02.json")) && !zip_read(&z, ent, &out, &e) &&
		   out.len == sizeof(big) - 1 && !memcmp(out.buf, big, out.len),
	   "and a deflated entry of it reads (several reads of the file)");
	zip_close(&z);
	unlink(path);
	is_int(zip_open(&z, path, &e), EXIT_NOINPUT, "a file not there: 66");
	zip_close(&z);
	ok(zip_open(&z, "/", &e) != 0, "a folder is no archive");
	zip_close(&z);
	sb_free(&sb);
	sb_free(&out);
}

static void test_refused(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct zip z;
	struct ent ok1 = { .name = "a.json", .data = "[1, 2, 3]", .method = 8 };
	int code = 0;

	sb_adds(&sb, "PK\x03\x04 not really");
	is_str(opened(&z, &sb), "x.zip: not a zip archive (15 bytes, too short for one)", "too short");
	zip_close(&z);
	sb_reset(&sb);
	for (int i = 0; i < 100; i++)
		sb_adds(&sb, "PK\x03\x04 this is no zip archive at all, only its magic number");
	is_str(opened(&z, &sb), "x.zip: not a zip archive (no end of central directory record)",
	       "no end record");
	zip_close(&z);

	is_str(one(&ok1, 1, &(struct opts){ .zip64_locator = 1 }, &code),
	       "x.zip: a zip64 archive, which scribe does not read (unzip it and import the folder)",
	       "zip64 (a locator) is refused");
	is_int(code, EXIT_DATAERR, "with 65");
	is_str(one(&ok1, 1, &(struct opts){ .count_ffff = 1 }, NULL),
	       "x.zip: a zip64 archive, which scribe does not read (unzip it and import the folder)",
	       "zip64 (0xffff entries) is refused");
	is_str(one(&ok1, 1, &(struct opts){ .disk = 1 }, NULL),
	       "x.zip: a zip archive split over several files: join it first", "a split archive is refused");
	is_str(one(&ok1, 1, &(struct opts){ .cd_off_add = 100000 }, NULL),
	       "x.zip: damaged zip archive: its central directory lies outside it", "a directory outside");
	is_str(one(&ok1, 1, &(struct opts){ .count_add = 1 }, NULL),
	       "x.zip: damaged zip archive: its central directory ends after 1 of its 2 entries",
	       "fewer entries than the end record says");

	static const char *const bad_names[] = { "../../etc/passwd", "general/../../x.json", "/etc/passwd",
						 "..", "a\\..\\b", "C:x.json", "\\abs" };

	for (size_t i = 0; i < sizeof(bad_names) / sizeof(*bad_names); i++) {
		struct ent b = { .name = bad_names[i], .data = "x" };
		char want[200];

		snprintf(want, sizeof(want), "x.zip: entry \"%s\" is refused: its name is absolute or holds \"..\"",
			 bad_names[i]);
		is_str(one(&b, 1, NULL, &code), want, "a name that leaves the folder: %s", bad_names[i]);
		is_int(code, EXIT_DATAERR, "with 65");
	}
	struct ent dots = { .name = "..x/a..b/...", .data = "x" };

	is_str(one(&dots, 1, NULL, NULL), "", "dots inside a name are fine");
	struct ent ctl = { .name = "a\x1b[2Jb/../c", .data = "x" };

	is_str(one(&ctl, 1, NULL, NULL), "x.zip: entry \"a?[2Jb/../c\" is refused: its name is absolute or holds \"..\"",
	       "a name's control characters are not printed");

	struct ent crc = { .name = "a.json", .data = "[1, 2, 3]", .method = 8, .crc_off = 1 };

	is_str(one(&crc, 1, NULL, &code), "x.zip: damaged zip archive: entry \"a.json\" fails its CRC-32 check",
	       "a deflated entry with a wrong CRC");
	is_int(code, EXIT_DATAERR, "with 65");
	crc.method = 0;
	is_str(one(&crc, 1, NULL, NULL), "x.zip: damaged zip archive: entry \"a.json\" fails its CRC-32 check",
	       "a stored entry with a wrong CRC");

	struct ent more = { .name = "a.json", .data = "[1, 2, 3]", .method = 8, .size_off = -2 };

	is_str(one(&more, 1, NULL, NULL), "x.zip: damaged zip archive: entry \"a.json\" inflates to more than its size",
	       "deflate data longer than said");
	more.size_off = 2;
	is_str(one(&more, 1, NULL, NULL), "x.zip: damaged zip archive: entry \"a.json\" inflates to 9 bytes, not its 11",
	       "deflate data shorter than said");
	more.method = 0;
	is_str(one(&more, 1, NULL, NULL), "x.zip: damaged zip archive: entry \"a.json\" runs past the archive's data",
	       "a stored entry longer than the data");

	struct ent meth = { .name = "a.json", .data = "x", .method = 12 };

	is_str(one(&meth, 1, NULL, NULL),
	       "x.zip: entry \"a.json\" is compressed with method 12: only stored (0) and deflate (8) are read",
	       "bzip2 is refused");
	struct ent enc = { .name = "a.json", .data = "x", .flags = 1 };

	is_str(one(&enc, 1, NULL, NULL), "x.zip: entry \"a.json\" is encrypted", "encryption is refused");
	struct ent huge = { .name = "a.json", .data = "x", .method = 8, .size_off = ZIP_MAX_ENTRY };

	is_str(one(&huge, 1, NULL, NULL), "x.zip: entry \"a.json\" is 268435457 bytes unpacked, more than 256 MiB",
	       "an entry past the bound is refused before it is read");
	struct ent ln = { .name = "a.json", .data = "x", .local_name = "b.json" };

	is_str(one(&ln, 1, NULL, NULL), "x.zip: damaged zip archive: entry \"a.json\" has another name in its local header",
	       "the local header must agree");
	struct ent dup[] = { { .name = "a.json", .data = "x" }, { .name = "a.json", .data = "y" } };

	is_str(one(dup, 2, NULL, NULL), "x.zip: two entries are called \"a.json\"", "two entries of one name");

	/* a deflate stream cut short */
	build(&sb, &ok1, 1, NULL);
	{
		struct strbuf cut = STRBUF_INIT, out = STRBUF_INIT;
		struct error e = { 0 };
		unsigned char body[64];
		size_t clen = deflated("[1, 2, 3]", 9, body, sizeof(body));

		/* the same archive with the stream's last bytes zeroed */
		sb_add(&cut, sb.buf, sb.len);
		memset(cut.buf + 30 + 6 + clen - 3, 0, 3);
		ok(!zip_open_mem(&z, "x.zip", cut.buf, cut.len, &e), "a damaged body still opens");
		ok(zip_read(&z, &z.v[0], &out, &e) == EXIT_DATAERR && out.len == 0, "but does not read: %s", e.msg);
		zip_close(&z);
		sb_free(&cut);
		sb_free(&out);
	}
	sb_free(&sb);
}

int main(void)
{
	test_reads();
	test_refused();
	return done_testing();
}
