#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/pack.h"
#include "scribe/yamlio.h"

bool pack_name(const char *name)
{
	size_t n = strlen(name);

	return n > 10 && !strncmp(name, "pack-", 5) && !strcmp(name + n - 5, ".yaml") && !strchr(name, '/');
}

/* One file that may go into the pack. */
struct input {
	char *name;
	off_t size;
	dev_t dev;
	ino_t ino;
	bool pack;
};

static int input_by_name(const void *pa, const void *pb)
{
	return strcmp(((const struct input *)pa)->name, ((const struct input *)pb)->name);
}

static int input_by_size(const void *pa, const void *pb)
{
	const struct input *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* A loose journal written from this host by a process that is gone:
 * "j-STAMP-HOST-PID-RANDOM.yaml". */
static bool writer_gone(const char *name)
{
	const char *p = strchr(name + 2, '-'), *host = host_tag();
	size_t hl = strlen(host);
	long pid;

	if (!p || strncmp(p + 1, host, hl) || p[1 + hl] != '-')
		return false;
	pid = strtol(p + 2 + hl, NULL, 10);
	return pid > 0 && pid != (long)getpid() && !pid_running(pid);
}

/* True if the bytes end with the closing line after a whole record. */
static bool ends_closed(const char *buf, size_t len)
{
	static const char tail[] = "\n...\n" PACK_CLOSED_LINE;
	size_t tl = sizeof(tail) - 1;

	return len >= tl && !memcmp(buf + len - tl, tail, tl);
}

/* Reads a whole file into a new buffer (NUL-terminated); NULL and errno
 * set when it cannot, or when it is not what was listed. */
static char *slurp(struct store *s, const struct input *in, size_t *len)
{
	struct stat st;
	const char *why;
	char *buf;
	size_t got = 0;
	int fd = store_open_file(s, in->name, &st, &why);

	if (fd < 0)
		return NULL;
	if (st.st_ino != in->ino || st.st_dev != in->dev || st.st_size != in->size) {
		close(fd);
		errno = ESTALE;
		return NULL;
	}
	buf = xmalloc((size_t)in->size + 1);
	while (got < (size_t)in->size) {
		ssize_t r = pread(fd, buf + got, (size_t)in->size - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)in->size) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* A record of the pack, with its YAML. */
struct item {
	struct record *r;
	char *yaml;
	size_t len;
};

struct collect {
	struct item *v;
	size_t n, cap;
};

static void take(void *ctx, struct record *r)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = (struct item){ r, NULL, 0 };
}

/* Reads one input into c.  False (and c as it was) when the file is
 * gone, changed, or does not read cleanly: it stays out of the pack. */
static bool read_input(struct store *s, const struct input *in, struct collect *c)
{
	struct diags d = { 0 };
	size_t len, whole, n0 = c->n;
	char *buf = slurp(s, in, &len);
	bool ok;

	if (!buf)
		return false;
	whole = yamlio_complete_prefix(buf, len);
	/* a journal ends with its last record, and a closed one with the
	 * closing line after it; anything else is a torn end, for check */
	ok = whole == len || (!in->pack && ends_closed(buf, len) && whole == len - strlen(PACK_CLOSED_LINE));
	if (ok) {
		yamlio_parse_journal(in->name, buf, whole, 1, take, c, &d);
		ok = d.n == 0;
	}
	if (!ok)
		while (c->n > n0)
			record_free(c->v[--c->n].r);
	diags_free(&d);
	free(buf);
	return ok;
}

static int item_by_rev(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	int c = strcmp(a->r->rev, b->r->rev);

	if (c)
		return c;
	/* the same rev twice with different content (written by hand):
	 * keep one, the same one whoever packs */
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(a->yaml, b->yaml, a->len);
}

static int item_by_time(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->r->time != b->r->time)
		return a->r->time < b->r->time ? -1 : 1;
	return strcmp(a->r->rev, b->r->rev);
}

/* 128 bits of FNV-1a in two lanes, for a name that follows the content
 * (not a defence against anyone: the content is checked by reading it) */
static void content_name(char *out, size_t size, const char *buf, size_t len)
{
	uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;

	for (size_t i = 0; i < len; i++) {
		a = (a ^ (unsigned char)buf[i]) * 1099511628211ull;
		b = (b ^ (unsigned char)buf[i]) * 0x100000001b3ull;
		b ^= b >> 29;
	}
	snprintf(out, size, "pack-%016llx%016llx.yaml", (unsigned long long)a, (unsigned long long)b);
}

/* Writes buf as the file name: a temp file, synced, renamed into place,
 * the folder synced.  Another packer may have made the same pack: then
 * it is there already, byte for byte. */
static int write_pack(struct store *s, const char *name, const char *buf, size_t len, struct error *e)
{
	int dirfd = store_dirfd(s), fd, err;
	char rnd[8], *tmp;
	struct stat st;

	if (!fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) && st.st_size == (off_t)len)
		return 0;
	random_id(rnd, "", 6);
	/* named like a journal being born, so that a packer that dies leaves
	 * a temp file the next writer sweeps away */
	tmp = xasprintf(".tmp-j-pack-%s-%ld-%s.yaml", host_tag(), (long)getpid(), rnd);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return error_set(e, err == EACCES || err == EPERM || err == EROFS ? EXIT_CANTCREAT : EXIT_IOERR,
				 "cannot create a pack in %s: %s", store_path(s), strerror(err));
	}
	if (write_full(fd, buf, len) || fsync(fd)) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		err = errno;
		goto fail;
	}
	if (renameat(dirfd, tmp, dirfd, name)) {
		err = errno;
		goto fail;
	}
	free(tmp);
	if (fsync(dirfd))
		return error_set(e, EXIT_IOERR, "cannot sync %s: %s", store_path(s), strerror(errno));
	return 0;
fail:
	unlinkat(dirfd, tmp, 0);
	free(tmp);
	return error_set(e, EXIT_IOERR, "cannot write a pack in %s: %s", store_path(s), strerror(err));
}

/* Lists what may go into a pack: closed loose journals (by name) and
 * packs (by size) this account may remove; counts the loose journals. */
static void list_inputs(struct store *s, struct input **js, size_t *nj, struct input **ps, size_t *np,
			size_t *loose)
{
	int dirfd = store_dirfd(s), fd;
	struct stat dst;
	bool mine_only;
	DIR *dir;
	struct dirent *de;
	size_t capj = 0, capp = 0;

	*js = *ps = NULL;
	*nj = *np = *loose = 0;
	if (fstat(dirfd, &dst))
		return;
	/* in a sticky folder only a file's owner (or the folder's) removes it */
	mine_only = (dst.st_mode & S_ISVTX) && dst.st_uid != geteuid() && geteuid() != 0;
	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((de = readdir(dir))) {
		bool is_pack = pack_name(de->d_name);
		struct stat st;
		struct input in;

		if (!is_pack && !store_journal_name(de->d_name))
			continue;
		if (!is_pack)
			++*loose;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode) ||
		    st.st_size > PACK_MAX_BYTES || (mine_only && st.st_uid != geteuid()))
			continue;
		in = (struct input){ xstrdup(de->d_name), st.st_size, st.st_dev, st.st_ino, is_pack };
		if (is_pack) {
			if (*np == capp)
				*ps = xreallocarray(*ps, capp = capp ? capp * 2 : 16, sizeof(**ps));
			(*ps)[(*np)++] = in;
		} else {
			if (*nj == capj)
				*js = xreallocarray(*js, capj = capj ? capj * 2 : 64, sizeof(**js));
			(*js)[(*nj)++] = in;
		}
	}
	closedir(dir);
	if (*nj)
		qsort(*js, *nj, sizeof(**js), input_by_name);
	if (*np)
		qsort(*ps, *np, sizeof(**ps), input_by_size);
}

/* Whether a loose journal is closed: its last line says so, or its
 * writer on this host is gone. */
static bool journal_closed(struct store *s, const struct input *in)
{
	static const char tail[] = "\n...\n" PACK_CLOSED_LINE;
	char buf[sizeof(tail)];
	size_t tl = sizeof(tail) - 1;
	struct stat st;
	const char *why;
	bool closed = false;
	int fd;

	if (writer_gone(in->name))
		return true;
	if (in->size < (off_t)tl || (fd = store_open_file(s, in->name, &st, &why)) < 0)
		return false;
	if (pread(fd, buf, tl, in->size - (off_t)tl) == (ssize_t)tl)
		closed = !memcmp(buf, tail, tl);
	close(fd);
	return closed;
}

static void inputs_free(struct input *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int pack_incident(struct store *s, unsigned flags, struct pack_result *res, struct error *e)
{
	struct input *js, *ps, **chosen = NULL;
	size_t nj, np, loose, nchosen = 0, closed = 0;
	long limit = (flags & PACK_AUTO) ? PACK_AUTO_BYTES : PACK_MAX_BYTES, total = 0;
	struct collect c = { 0 };
	struct strbuf out = STRBUF_INIT;
	int rc = 0, dirfd = store_dirfd(s);

	memset(res, 0, sizeof(*res));
	list_inputs(s, &js, &nj, &ps, &np, &loose);
	res->left = loose;
	if ((flags & PACK_AUTO) && loose <= PACK_LOOSE_MAX)
		goto out;
	chosen = xcalloc(nj + np + 1, sizeof(*chosen));
	/* closed journals in name order (roughly their age) while they fit */
	for (size_t i = 0; i < nj; i++) {
		if (!journal_closed(s, &js[i]))
			continue;
		closed++;
		if (total + js[i].size > limit)
			break;
		total += js[i].size;
		chosen[nchosen++] = &js[i];
	}
	/* by itself, it waits for enough of them to be worth a pack */
	if (nchosen == 0 || ((flags & PACK_AUTO) && closed < PACK_LOOSE_MAX / 2))
		goto out;
	/* and takes the smaller packs along, smallest first, while each is at
	 * most twice what is merged so far: a few packs of growing sizes,
	 * each record rewritten O(log n) times */
	for (size_t i = 0; i < np; i++) {
		if (total + ps[i].size > limit || ((flags & PACK_AUTO) && ps[i].size > 2 * total))
			break;
		total += ps[i].size;
		chosen[nchosen++] = &ps[i];
	}

	/* read them; what does not read cleanly stays where it is */
	{
		size_t kept = 0;

		for (size_t i = 0; i < nchosen; i++)
			if (read_input(s, chosen[i], &c))
				chosen[kept++] = chosen[i];
		nchosen = kept;
	}
	for (size_t i = 0; i < c.n; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct error ee = { 0 };

		if (yamlio_emit_record(&sb, c.v[i].r, &ee)) {
			rc = error_set(e, ee.code, "cannot pack %s: %s", store_path(s), ee.msg);
			sb_free(&sb);
			goto out;
		}
		c.v[i].len = sb.len;
		c.v[i].yaml = sb_detach(&sb);
	}
	/* each rev once, then in (time, rev) order: the friendly order for
	 * readers, and the same bytes whatever order the inputs came in */
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), item_by_rev);
	{
		size_t k = 0;

		for (size_t i = 0; i < c.n; i++) {
			if (k && !strcmp(c.v[k - 1].r->rev, c.v[i].r->rev)) {
				record_free(c.v[i].r);
				free(c.v[i].yaml);
				continue;
			}
			c.v[k++] = c.v[i];
		}
		c.n = k;
	}
	if (c.n)
		qsort(c.v, c.n, sizeof(*c.v), item_by_time);
	for (size_t i = 0; i < c.n; i++)
		sb_add(&out, c.v[i].yaml, c.v[i].len);
	if (nchosen == 0 || (nchosen == 1 && chosen[0]->pack))
		goto out;	/* nothing that is not packed already */
	content_name(res->name, sizeof(res->name), out.buf ? out.buf : "", out.len);
	if ((rc = write_pack(s, res->name, out.buf ? out.buf : "", out.len, e))) {
		res->name[0] = '\0';
		goto out;
	}
	res->records = c.n;
	/* the pack is durable: now its inputs may go */
	for (size_t i = 0; i < nchosen; i++) {
		struct stat st;

		if (!strcmp(chosen[i]->name, res->name))
			continue;	/* the same pack made again */
		/* only the file that was read (a name can be reused) */
		if (fstatat(dirfd, chosen[i]->name, &st, AT_SYMLINK_NOFOLLOW) || st.st_ino != chosen[i]->ino ||
		    st.st_dev != chosen[i]->dev || unlinkat(dirfd, chosen[i]->name, 0))
			continue;
		if (chosen[i]->pack)
			res->packs++;
		else
			res->journals++;
	}
	res->left = loose - res->journals;
	fsync(dirfd);
out:
	for (size_t i = 0; i < c.n; i++) {
		record_free(c.v[i].r);
		free(c.v[i].yaml);
	}
	free(c.v);
	sb_free(&out);
	free(chosen);
	inputs_free(js, nj);
	inputs_free(ps, np);
	return rc;
}
