#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/cache.h"

#define MAGIC "scribe-cache-2\n"
#define HEAD 72	/* bytes after the magic: nine numbers */
#define MAX_CACHE (512L * 1024 * 1024)

/* ---- encoding ---- */

static void put_u64(struct strbuf *out, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	sb_add(out, b, 8);
}

static void put_str(struct strbuf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u64(out, n);
	sb_add(out, s ? s : "", n);
}

void cache_encode(struct strbuf *out, const struct record *r)
{
	sb_addc(out, (char)r->type);
	put_str(out, r->id);
	put_str(out, r->rev);
	put_str(out, r->base);
	put_u64(out, (uint64_t)r->time);
	put_str(out, r->author);
	put_str(out, r->account);
	put_u64(out, r->nvalues);
	for (size_t i = 0; i < r->nvalues; i++) {
		const struct value *v = &r->values[i];

		sb_addc(out, (char)v->field);
		switch (field_type(v->field)) {
		case FT_TEXT:
		case FT_LINE:
		case FT_DATE:
			put_str(out, v->u.s);
			break;
		case FT_TIME:
			put_u64(out, (uint64_t)v->u.t);
			break;
		case FT_INT:
		case FT_ENUM:
			put_u64(out, (uint64_t)v->u.i);
			break;
		case FT_BOOL:
			sb_addc(out, v->u.b);
			break;
		case FT_ORDER: {
			uint64_t bits;

			memcpy(&bits, &v->u.d, sizeof(bits));
			put_u64(out, bits);
			break;
		}
		case FT_IDS:
			put_u64(out, v->u.ids->n);
			for (size_t k = 0; k < v->u.ids->n; k++)
				put_str(out, v->u.ids->v[k]);
			break;
		}
	}
}

/* ---- decoding: every length checked, any doubt and the cache is not used ---- */

struct cur {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t get_u64(struct cur *c)
{
	uint64_t v = 0;

	if (c->end - c->p < 8) {
		c->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)c->p[i] << (8 * i);
	c->p += 8;
	return v;
}

static int get_byte(struct cur *c)
{
	if (c->p >= c->end) {
		c->bad = true;
		return 0;
	}
	return *c->p++;
}

/* A string, copied into buf of size n (truncation is damage), or
 * malloc'd when buf is NULL. */
static char *get_str(struct cur *c, char *buf, size_t n)
{
	uint64_t len = get_u64(c);
	char *s;

	if (c->bad || len > (uint64_t)(c->end - c->p) || (buf && len >= n) || memchr(c->p, 0, len)) {
		c->bad = true;
		return NULL;
	}
	s = buf ? buf : xmalloc(len + 1);
	memcpy(s, c->p, len);
	s[len] = '\0';
	c->p += len;
	return s;
}

static struct record *decode(struct cur *c)
{
	int type = get_byte(c);
	struct record *r;
	uint64_t n;

	if (c->bad || type < 0 || type >= REC_COUNT)
		return NULL;
	r = record_new((enum rec_type)type, "", "", 0);
	free(r->author);
	r->author = NULL;
	{
		char id[ID_LEN];

		if (get_str(c, id, sizeof(id))) {
			free(r->id);
			r->id = xstrdup(id);
		}
	}
	get_str(c, r->rev, sizeof(r->rev));
	get_str(c, r->base, sizeof(r->base));
	r->time = (ms_t)get_u64(c);
	r->author = get_str(c, NULL, 0);
	r->account = get_str(c, NULL, 0);
	if (r->account && !r->account[0]) {
		free(r->account);	/* none: an older record */
		r->account = NULL;
	}
	n = get_u64(c);
	if (c->bad || !r->author || n > F_COUNT) {
		if (!r->author)
			r->author = xstrdup("");
		record_free(r);
		c->bad = true;
		return NULL;
	}
	for (uint64_t i = 0; i < n && !c->bad; i++) {
		int f = get_byte(c);

		if (c->bad || f < 0 || f >= F_COUNT) {
			c->bad = true;
			break;
		}
		switch (field_type((enum field_id)f)) {
		case FT_TEXT:
		case FT_LINE:
		case FT_DATE: {
			char *s = get_str(c, NULL, 0);

			if (s)
				record_set_str(r, (enum field_id)f, s);
			free(s);
			break;
		}
		case FT_TIME:
			record_set_time(r, (enum field_id)f, (ms_t)get_u64(c));
			break;
		case FT_INT:
		case FT_ENUM:
			record_set_int(r, (enum field_id)f, (long)get_u64(c));
			break;
		case FT_BOOL:
			record_set_bool(r, (enum field_id)f, get_byte(c) != 0);
			break;
		case FT_ORDER: {
			uint64_t bits = get_u64(c);
			double d;

			memcpy(&d, &bits, sizeof(d));
			record_set_order(r, (enum field_id)f, d);
			break;
		}
		case FT_IDS: {
			uint64_t k = get_u64(c);
			char **ids;
			size_t got = 0;

			if (k > YAMLIO_MAX_IDS) {
				c->bad = true;
				break;
			}
			ids = xcalloc(k ? k : 1, sizeof(char *));
			for (; got < k && !c->bad; got++)
				if (!(ids[got] = get_str(c, NULL, 0)))
					break;
			if (!c->bad)
				record_set_ids(r, (enum field_id)f, (const char *const *)ids, (size_t)k);
			for (size_t j = 0; j < got; j++)
				free(ids[j]);
			free(ids);
			break;
		}
		}
	}
	if (c->bad) {
		record_free(r);
		return NULL;
	}
	return r;
}

/* ---- files ---- */

/* $XDG_CACHE_HOME/scribe/<incident>, made 0700 on the way; NULL if it
 * cannot be had safely. */
static char *cache_dir(const char *incident, bool create)
{
	const char *base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *root, *dir;
	struct stat st;

	if (base && base[0] == '/')
		root = xasprintf("%s/scribe", base);
	else if (home && home[0])
		root = xasprintf("%s/.cache/scribe", home);
	else
		return NULL;
	if (create) {
		char *parent = xstrdup(root);

		*strrchr(parent, '/') = '\0';
		mkdir(parent, 0700);
		free(parent);
		mkdir(root, 0700);
	}
	dir = xasprintf("%s/%s", root, incident);
	free(root);
	if (create)
		mkdir(dir, 0700);
	/* ours, a real folder, private */
	if (lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
		free(dir);
		return NULL;
	}
	return dir;
}

bool cache_load(const char *incident, const char *name, const struct stat *jst, const char *file,
		yamlio_record_fn fn, void *ctx, struct cache_entry *ent, struct strbuf *body)
{
	char *dir = cache_dir(incident, false), *path;
	struct stat st;
	struct cur c, start;
	unsigned char *buf = NULL;
	size_t got = 0, magic = strlen(MAGIC);
	bool ok = false;
	int fd;

	if (!dir)
		return false;
	path = xasprintf("%s/%s.bin", dir, name);
	free(dir);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != getuid() || st.st_size > MAX_CACHE ||
	    (size_t)st.st_size < magic + HEAD)
		goto out;
	buf = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n <= 0)
			goto out;
		got += (size_t)n;
	}
	if (memcmp(buf, MAGIC, magic))
		goto out;
	c.p = buf + magic;
	c.end = buf + got;
	c.bad = false;
	ent->dev = (dev_t)get_u64(&c);
	ent->ino = (ino_t)get_u64(&c);
	ent->offset = (off_t)get_u64(&c);
	ent->line = (int)get_u64(&c);
	ent->count = (size_t)get_u64(&c);
	ent->mtime.tv_sec = (time_t)get_u64(&c);
	ent->mtime.tv_nsec = (long)get_u64(&c);
	ent->ctime.tv_sec = (time_t)get_u64(&c);
	ent->ctime.tv_nsec = (long)get_u64(&c);
	/* the same file, untouched since: an in-place edit of the same size
	 * changes the ctime at least (mtime can be set back, ctime not) */
	if (c.bad || ent->dev != jst->st_dev || ent->ino != jst->st_ino || ent->offset > jst->st_size ||
	    ent->offset < 0 || ent->mtime.tv_sec != jst->st_mtim.tv_sec ||
	    ent->mtime.tv_nsec != jst->st_mtim.tv_nsec || ent->ctime.tv_sec != jst->st_ctim.tv_sec ||
	    ent->ctime.tv_nsec != jst->st_ctim.tv_nsec ||
	    ent->count > (size_t)(c.end - c.p))
		goto out;
	/* decode everything once first, keeping nothing: a damaged cache
	 * must not half-load (and holding every decoded record at once
	 * would leave the memory they took scattered once freed) */
	start = c;
	for (size_t i = 0; i < ent->count; i++) {
		struct record *r = decode(&c);

		if (!r)
			goto out;
		record_free(r);
	}
	if (c.p != c.end)
		goto out;
	sb_add(body, buf + magic + HEAD, got - magic - HEAD);
	c = start;
	for (size_t i = 0; i < ent->count; i++) {
		struct record *r = decode(&c);

		r->file = file;
		fn(ctx, r);
	}
	ok = true;
out:
	free(buf);
	close(fd);
	return ok;
}

void cache_save(const char *incident, const char *name, const struct cache_entry *ent,
		const struct strbuf *body)
{
	char *dir = cache_dir(incident, true), *path, *tmp;
	struct strbuf head = STRBUF_INIT;
	int fd;
	bool ok;

	if (!dir)
		return;
	path = xasprintf("%s/%s.bin", dir, name);
	tmp = xasprintf("%s/.tmp-%s.%ld", dir, name, (long)getpid());
	free(dir);
	sb_adds(&head, MAGIC);
	put_u64(&head, (uint64_t)ent->dev);
	put_u64(&head, (uint64_t)ent->ino);
	put_u64(&head, (uint64_t)ent->offset);
	put_u64(&head, (uint64_t)ent->line);
	put_u64(&head, ent->count);
	put_u64(&head, (uint64_t)ent->mtime.tv_sec);
	put_u64(&head, (uint64_t)ent->mtime.tv_nsec);
	put_u64(&head, (uint64_t)ent->ctime.tv_sec);
	put_u64(&head, (uint64_t)ent->ctime.tv_nsec);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	ok = fd >= 0 && write(fd, head.buf, head.len) == (ssize_t)head.len &&
	     (!body->len || write(fd, body->buf, body->len) == (ssize_t)body->len);
	if (fd >= 0 && close(fd))
		ok = false;
	if (!ok || rename(tmp, path))
		unlink(tmp);
	sb_free(&head);
	free(path);
	free(tmp);
}
