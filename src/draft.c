#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

#include "scribe/draft.h"
#include "scribe/text.h"
#include "scribe/yamlio.h"

/* The private draft journal.
 *
 * Layout: $XDG_STATE_HOME/scribe/drafts/<incident>/<host>-<pid>.yaml, one
 * file per session, each a list of event records whose author field
 * says which state the draft is in ("draft:typing", "draft:aside",
 * "draft:pending"): the event record has no field for it, and author is
 * the one free-text field of a record that the drafts do not need.
 *
 * Safety: the folders are made 0700 and used only when they are real
 * folders owned by us (never through a symlink); files are written
 * whole to ".tmp-<name>" (0600, O_EXCL, O_NOFOLLOW) and renamed into
 * place.  A session that has ended leaves its file behind; the next
 * session for the incident merges it into its own set, writes its own
 * file durably and only then removes the old one, so a crash at any
 * point leaves each draft in at least one file. */

#define DRAFT_MAX_FILE (16L * 1024 * 1024)
#define ADOPT_AFTER_SECONDS (10 * 60)	/* another host's file counts as left behind */
#define OPEN_READ (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
#define OPEN_DIR (O_RDONLY | O_DIRECTORY | O_CLOEXEC)

static const char *const state_author[] = {
	[DRAFT_TYPING] = "draft:typing",
	[DRAFT_ASIDE] = "draft:aside",
	[DRAFT_PENDING] = "draft:pending",
};

/* ---- names ---- */


/* The name of this session's file. */
static char *session_name(void)
{
	return xasprintf("%s-%ld.yaml", host_tag(), (long)getpid());
}

/* An incident id is one path component: no slash, not "." or "..". */
static bool valid_incident(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n < NAME_MAX - 8 && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

/* Keys and event ids as the journal reader accepts them. */
static bool valid_id(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (n == 0 || n >= max || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* $XDG_STATE_HOME (absolute only, as the XDG spec says), else
 * ~/.local/state. */
static char *state_home(void)
{
	const char *s;
	struct passwd *pw;

	if ((s = getenv("XDG_STATE_HOME")) && s[0] == '/')
		return xstrdup(s);
	if ((s = getenv("HOME")) && s[0])
		return xasprintf("%s/.local/state", s);
	pw = getpwuid(getuid());
	return xasprintf("%s/.local/state", pw && pw->pw_dir ? pw->pw_dir : "/tmp");
}

/* ---- folders ---- */

/* mkdir -p with mode 0700 for the parts that are missing. */
static int make_path(const char *path, struct error *e)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char save = *s;

			*s = '\0';
			if (mkdir(p, 0700) && errno != EEXIST) {
				rc = error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", p, strerror(errno));
				break;
			}
			*s = save;
			if (!save)
				break;
		}
	}
	free(p);
	return rc;
}

/* Opens (creating it 0700 if missing) the folder name inside dirfd, but
 * only if it is a real folder owned by us; path is for messages. */
static int open_private(int dirfd, const char *name, const char *path, int *fd, struct error *e)
{
	struct stat st;

	if (mkdirat(dirfd, name, 0700) && errno != EEXIST)
		return error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
	*fd = openat(dirfd, name, OPEN_DIR | O_NOFOLLOW);
	if (*fd < 0) {
		int err = errno;

		if (err == ELOOP || err == ENOTDIR) {
			if (!fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) && S_ISLNK(st.st_mode))
				return error_set(e, EXIT_CANTCREAT, "%s is a symbolic link, not used", path);
			return error_set(e, EXIT_CANTCREAT, "%s is not a folder", path);
		}
		return error_set(e, EXIT_CANTCREAT, "cannot open %s: %s", path, strerror(err));
	}
	if (fstat(*fd, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		close(*fd);
		*fd = -1;
		return error_set(e, EXIT_CANTCREAT, "%s is not a folder of yours, not used", path);
	}
	/* nobody else's business: tighten a folder someone loosened */
	if (st.st_mode & 077)
		fchmod(*fd, st.st_mode & 0700);
	return 0;
}

/* Opens d->dir, creating what is missing, and checks each of its own
 * folders (scribe, drafts, <incident>).  The state home above them may
 * be anything the user set up, a symlink included. */
static int open_folder(struct drafts *d, int *fd, struct error *e)
{
	static const char *const parts[] = { "scribe", "drafts" };
	char *home = state_home(), *path;
	int dfd, nfd = -1, rc;

	*fd = -1;
	/* the state home is made only when it cannot be opened: a save
	 * comes every quarter second while someone types */
	if ((dfd = open(home, OPEN_DIR)) < 0 && (rc = make_path(home, e))) {
		free(home);
		return rc;
	}
	if (dfd < 0 && (dfd = open(home, OPEN_DIR)) < 0) {
		rc = error_set(e, EXIT_CANTCREAT, "cannot open %s: %s", home, strerror(errno));
		free(home);
		return rc;
	}
	path = home;
	for (size_t i = 0; i <= ARRAY_SIZE(parts); i++) {
		const char *name = i < ARRAY_SIZE(parts) ? parts[i] : d->incident;
		/* path/name, for messages: built without printf, as this runs
		 * at every save */
		size_t pl = strlen(path), nl = strlen(name);
		char *next = xmalloc(pl + nl + 2);

		memcpy(next, path, pl);
		next[pl] = '/';
		memcpy(next + pl + 1, name, nl + 1);
		free(path);
		path = next;
		rc = open_private(dfd, name, path, &nfd, e);
		close(dfd);
		if (rc) {
			free(path);
			return rc;
		}
		dfd = nfd;
	}
	free(path);
	*fd = dfd;
	return 0;
}

/* ---- the set in memory ---- */

/* A copy of s that is valid UTF-8 (the journal reader accepts nothing
 * else): each invalid byte becomes U+FFFD. */
static char *copy_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	if (!s)
		return xstrdup("");
	n = strlen(s);
	if (text_valid_utf8(s, n))
		return xstrdup(s);
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int len = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (len <= 0) {
			sb_adds(&sb, "\xEF\xBF\xBD");
			i++;
		} else {
			sb_add(&sb, s + i, (size_t)len);
			i += (size_t)len;
		}
	}
	return sb_detach(&sb);
}

static struct draft *find(struct drafts *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].key, key))
			return &d->v[i];
	return NULL;
}

/* Stores a copy of *dr (already checked) and takes ownership of text. */
static struct draft *store(struct drafts *d, const struct draft *dr, char *text)
{
	struct draft *p = find(d, dr->key);

	if (!p) {
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 8;
			d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
		}
		p = &d->v[d->n++];
		p->text = NULL;
	}
	free(p->text);
	*p = *dr;
	p->text = text;
	return p;
}

struct draft *drafts_put(struct drafts *d, const struct draft *dr)
{
	/* dr may point into d->v, and dr->text at a stored text: copy first */
	struct draft c = *dr;
	char *text = copy_text(dr->text);

	if (!valid_id(c.key, sizeof(c.key)))
		random_id(c.key, "r", 12);
	if (!valid_id(c.event_id, sizeof(c.event_id)))
		random_id(c.event_id, "e", 10);
	if ((int)c.state < DRAFT_TYPING || c.state > DRAFT_PENDING)
		c.state = DRAFT_ASIDE;
	if ((int)c.kind < 0 || c.kind >= KIND_COUNT)
		c.kind = KIND_NOTE;
	/* the files hold times from 1970 on */
	if (c.typed < 0)
		c.typed = 0;
	if (c.at < 0)
		c.at = 0;
	if (c.logged < 0)
		c.logged = 0;
	return store(d, &c, text);
}

void drafts_remove(struct drafts *d, const char *key)
{
	struct draft *p = find(d, key);
	size_t i;

	if (!p)
		return;
	i = (size_t)(p - d->v);
	free(p->text);
	memmove(p, p + 1, (d->n - i - 1) * sizeof(*p));
	d->n--;
}

struct draft *drafts_latest(struct drafts *d, enum draft_state state)
{
	struct draft *best = NULL;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].state == state && (!best || d->v[i].typed >= best->typed))
			best = &d->v[i];
	return best;
}

void drafts_close(struct drafts *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	free(d->incident);
	free(d->dir);
	free(d->path);
	memset(d, 0, sizeof(*d));
}

/* ---- writing ---- */

/* s (valid UTF-8, as copy_text makes every draft's text) as a YAML
 * double-quoted scalar on one line.  Written as it is: printable ASCII
 * but for the quote and the backslash, and the characters YAML prints
 * (U+00A0 on) but for its line breaks (U+2028, U+2029), the byte order
 * mark and the noncharacters U+FFFE and U+FFFF; every other character
 * is an escape.  So neither libyaml nor the quick reader can read
 * anything but s back: no raw control character, no line break, no
 * quote that ends it early (tests/unit/test_draft.c). */
static void put_quoted(struct strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	sb_addc(out, '"');
	for (size_t i = 0; i < n;) {
		size_t run = i;
		ucs4_t uc;
		int len;

		/* the common case at once: printable ASCII, no quote or backslash */
		while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			sb_add(out, s + i, run - i);
			i = run;
			continue;
		}
		len = u8_mbtoucr(&uc, p + i, n - i);
		if (len <= 0) {
			/* not UTF-8 (copy_text never lets it through): U+FFFD */
			sb_adds(out, "\\uFFFD");
			i++;
			continue;
		}
		if (uc == '"' || uc == '\\') {
			sb_addc(out, '\\');
			sb_addc(out, (char)uc);
		} else if (uc == '\n') {
			sb_adds(out, "\\n");
		} else if (uc == '\t') {
			sb_adds(out, "\\t");
		} else if (uc < 0xA0) {
			/* C0, DEL, C1 (NEL among them) */
			sb_adds(out, "\\x");
			sb_addc(out, hex[uc >> 4]);
			sb_addc(out, hex[uc & 15]);
		} else if (uc == 0x2028 || uc == 0x2029 || uc == 0xFEFF || uc == 0xFFFE || uc == 0xFFFF) {
			sb_adds(out, "\\u");
			for (int k = 12; k >= 0; k -= 4)
				sb_addc(out, hex[(uc >> k) & 15]);
		} else {
			sb_add(out, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	sb_addc(out, '"');
}

/* The file's contents: one event record per draft, in the layout
 * yamlio_emit_record writes (the fields in the same order), the text
 * always double-quoted.  Written here rather than through libyaml's
 * emitter: a draft is saved every quarter second while someone types,
 * and the emitter cost some 50,000 instructions a save (callgrind),
 * more than drawing the key.
 * Ids and keys are [a-z0-9-] (valid_id), times and names are words: all
 * plain scalars, as the emitter writes them. */
static void put_line(struct strbuf *out, const char *indent, const char *key, const char *value)
{
	size_t il = strlen(indent), kl = strlen(key), vl = strlen(value);
	char *p;

	/* one growth check a line, not five */
	sb_grow(out, il + kl + vl + 3);
	p = out->buf + out->len;
	memcpy(p, indent, il);
	p += il;
	memcpy(p, key, kl);
	p += kl;
	*p++ = ':';
	*p++ = ' ';
	memcpy(p, value, vl);
	p += vl;
	*p++ = '\n';
	*p = '\0';
	out->len = (size_t)(p - out->buf);
}

static void serialize(const struct drafts *d, struct strbuf *out)
{
	char typed[CLOCK_UTC_LEN], t[CLOCK_UTC_LEN];
	size_t need = 0;

	/* the whole file at once: some 300 bytes a draft and its text
	 * (escaped, rarely longer) */
	for (size_t i = 0; i < d->n; i++)
		need += 320 + (d->v[i].text ? strlen(d->v[i].text) : 0);
	sb_grow(out, need);
	for (size_t i = 0; i < d->n; i++) {
		const struct draft *dr = &d->v[i];

		/* formatted once: the record's time is when it was typed */
		clock_format_utc(dr->typed, typed);
		sb_adds(out, "---\n");
		put_line(out, "", "type", rec_type_names.names[REC_EVENT]);
		put_line(out, "", "id", dr->event_id);
		put_line(out, "", "rev", dr->key);
		put_line(out, "", "time", typed);
		put_line(out, "", "author", state_author[dr->state]);
		sb_adds(out, "set:\n");
		put_line(out, "  ", field_name(F_TYPED), typed);
		put_line(out, "  ", field_name(F_AT), dr->at == dr->typed ? typed : clock_format_utc(dr->at, t));
		if (dr->state == DRAFT_PENDING)
			put_line(out, "  ", field_name(F_LOGGED), clock_format_utc(dr->logged, t));
		put_line(out, "  ", field_name(F_KIND), enum_name(&kind_names, dr->kind));
		sb_adds(out, "  ");
		sb_adds(out, field_name(F_TEXT));
		sb_adds(out, ": ");
		put_quoted(out, dr->text ? dr->text : "");
		sb_adds(out, "\n...\n");
	}
}

/* Replaces this session's file in dfd with buf: temp file, rename. */
static int write_file(struct drafts *d, int dfd, const char *name, const char *buf, size_t len,
		      bool sync, struct error *e)
{
	size_t nl = strlen(name);
	char *tmp = xmalloc(nl + 6);
	int fd, err;

	memcpy(tmp, ".tmp-", 5);
	memcpy(tmp + 5, name, nl + 1);

	/* only this session writes this temp name: one left by a crash of
	 * an earlier process with our pid is garbage */
	unlinkat(dfd, tmp, 0);
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return error_set(e, EXIT_IOERR, "cannot create a file in %s: %s", d->dir, strerror(err));
	}
	if (fchmod(fd, 0600) || write_full(fd, buf, len) || (sync && fsync(fd))) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		err = errno;
		goto fail;
	}
	if (renameat(dfd, tmp, dfd, name)) {
		err = errno;
		goto fail;
	}
	free(tmp);
	if (sync && fsync(dfd))
		return error_set(e, EXIT_IOERR, "cannot sync %s: %s", d->dir, strerror(errno));
	return 0;

fail:
	unlinkat(dfd, tmp, 0);
	free(tmp);
	return error_set(e, EXIT_IOERR, "cannot write %s: %s", d->path, strerror(err));
}

int drafts_save(struct drafts *d, bool sync, struct error *e)
{
	struct strbuf sb = STRBUF_INIT;
	const char *name;
	int dfd, rc;

	if (!d->path)
		return error_set(e, EXIT_IOERR, "no drafts folder: drafts are kept in memory only");
	name = strrchr(d->path, '/') + 1;
	/* checked every time: the folder may have been replaced meanwhile */
	if (open_folder(d, &dfd, e)) {
		char why[sizeof(e->msg)];

		snprintf(why, sizeof(why), "%s", e->msg);
		return error_set(e, EXIT_IOERR, "%.900s (drafts are kept in memory only)", why);
	}
	if (d->n == 0) {
		rc = 0;
		if (unlinkat(dfd, name, 0) && errno != ENOENT)
			rc = error_set(e, EXIT_IOERR, "cannot remove %s: %s", d->path, strerror(errno));
		else if (sync && fsync(dfd))
			rc = error_set(e, EXIT_IOERR, "cannot sync %s: %s", d->dir, strerror(errno));
	} else {
		serialize(d, &sb);
		rc = write_file(d, dfd, name, sb.buf, sb.len, sync, e);
	}
	sb_free(&sb);
	close(dfd);
	return rc;
}

/* ---- reading ---- */

struct loaded {
	struct draft *v;
	size_t n, cap;
	bool bad;		/* a record that is not a draft */
};

/* One record of a draft file, turned back into a draft. */
static void take_record(void *ctx, struct record *r)
{
	struct loaded *l = ctx;
	const struct value *v;
	struct draft dr = { 0 };
	int state = -1;

	for (int s = 0; s < (int)ARRAY_SIZE(state_author); s++)
		if (!strcmp(r->author, state_author[s]))
			state = s;
	if (r->type != REC_EVENT || state < 0 || !valid_id(r->rev, sizeof(dr.key))) {
		l->bad = true;
		record_free(r);
		return;
	}
	snprintf(dr.key, sizeof(dr.key), "%s", r->rev);
	snprintf(dr.event_id, sizeof(dr.event_id), "%s", r->id);
	dr.state = (enum draft_state)state;
	dr.typed = (v = record_get(r, F_TYPED)) ? v->u.t : r->time;
	dr.at = (v = record_get(r, F_AT)) ? v->u.t : dr.typed;
	dr.logged = (v = record_get(r, F_LOGGED)) ? v->u.t : 0;
	dr.kind = (v = record_get(r, F_KIND)) ? (enum kind)v->u.i : KIND_NOTE;
	dr.text = xstrdup((v = record_get(r, F_TEXT)) ? v->u.s : "");
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = dr;
	record_free(r);
}

static void loaded_free(struct loaded *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static bool is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\n' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/* Reads name in dfd: a regular file of ours, at most 16 MiB, holding
 * nothing but whole draft records.  Returns false (and leaves l empty)
 * for anything else; st gets what was read. */
static bool read_drafts(int dfd, const char *name, const char *path, struct stat *st, struct loaded *l)
{
	struct diags diags = { 0 };
	char *buf;
	size_t got = 0;
	int fd;
	bool ok;

	memset(l, 0, sizeof(*l));
	if ((fd = openat(dfd, name, OPEN_READ)) < 0)
		return false;
	if (fstat(fd, st) || !S_ISREG(st->st_mode) || st->st_uid != geteuid() ||
	    st->st_size > DRAFT_MAX_FILE) {
		close(fd);
		return false;
	}
	buf = xmalloc((size_t)st->st_size + 1);
	while (got < (size_t)st->st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st->st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	/* written whole and renamed: anything but whole records is damage */
	if (got != (size_t)st->st_size || strlen(buf) != got) {
		ok = false;
	} else if (is_blank(buf, got)) {
		ok = true;	/* no drafts */
	} else if (yamlio_complete_prefix(buf, got) == got) {
		yamlio_parse_journal(path, buf, got, 1, take_record, l, &diags);
		ok = !diags.n && !l->bad;
	} else {
		ok = false;
	}
	diags_free(&diags);
	free(buf);
	if (!ok)
		loaded_free(l);
	return ok;
}

/* Adds what l holds to the set: the later typed wins for a key seen
 * twice.  A draft that was being typed in a session that is gone is
 * set aside. */
static void merge(struct drafts *d, struct loaded *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct draft *dr = &l->v[i], *have = find(d, dr->key);

		if (dr->state == DRAFT_TYPING)
			dr->state = DRAFT_ASIDE;
		if (have && have->typed > dr->typed) {
			free(dr->text);
		} else {
			store(d, dr, dr->text);
		}
		dr->text = NULL;
	}
	loaded_free(l);
}

enum owner { OWNER_US, OWNER_LIVE, OWNER_GONE };

/* Whose is the file name (with its status st)? */
static enum owner file_owner(const char *name, const char *ours, const struct stat *st)
{
	size_t n = strlen(name), hl = strlen(host_tag());
	const char *dash;
	char *end;
	long pid;

	if (!strcmp(name, ours))
		return OWNER_US;
	/* <host>-<pid>.yaml: the pid is after the last dash */
	for (dash = name + n - 5; dash > name && dash[-1] != '-'; dash--)
		;
	if (dash > name && dash < name + n - 5 && (size_t)(dash - 1 - name) == hl &&
	    !strncmp(name, host_tag(), hl)) {
		errno = 0;
		pid = strtol(dash, &end, 10);
		if (end == name + n - 5 && pid > 0 && pid <= INT_MAX && !errno)
			return pid_running(pid) ? OWNER_LIVE : OWNER_GONE;
	}
	/* another host (or a name we did not write): gone once it is quiet */
	return time(NULL) - st->st_mtime > ADOPT_AFTER_SECONDS ? OWNER_GONE : OWNER_LIVE;
}

static int by_typed(const void *pa, const void *pb)
{
	const struct draft *a = pa, *b = pb;

	if (a->typed != b->typed)
		return a->typed < b->typed ? -1 : 1;
	return strcmp(a->key, b->key);
}

struct adopted {
	char *name;
	dev_t dev;
	ino_t ino;
};

int drafts_open(struct drafts *d, const char *incident, struct error *e)
{
	struct adopted *adopted = NULL;
	size_t nadopted = 0, capadopted = 0;
	char *ours;
	DIR *dir;
	struct dirent *de;
	int dfd, fd, rc;

	memset(d, 0, sizeof(*d));
	d->incident = xstrdup(incident ? incident : "");
	if (!valid_incident(d->incident))
		return error_set(e, EXIT_USAGE, "\"%s\" cannot name a drafts folder", d->incident);
	{
		char *home = state_home();

		d->dir = xasprintf("%s/scribe/drafts/%s", home, d->incident);
		free(home);
	}
	ours = session_name();
	d->path = xasprintf("%s/%s", d->dir, ours);
	if ((rc = open_folder(d, &dfd, e))) {
		free(ours);
		return rc;
	}
	if ((fd = dup(dfd)) < 0 || !(dir = fdopendir(fd))) {
		rc = error_set(e, EXIT_IOERR, "cannot read %s: %s", d->dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		close(dfd);
		free(ours);
		return rc;
	}
	while ((de = readdir(dir))) {
		const char *name = de->d_name;
		size_t n = strlen(name);
		struct stat st;
		struct loaded l;
		enum owner who;
		char *path;

		if (name[0] == '.' || n <= 5 || strcmp(name + n - 5, ".yaml"))
			continue;
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		if ((who = file_owner(name, ours, &st)) == OWNER_LIVE)
			continue;
		path = xasprintf("%s/%s", d->dir, name);
		if (read_drafts(dfd, name, path, &st, &l)) {
			/* our own name: an earlier process with our pid (after a
			 * reboot, in a container) or an earlier open; its drafts
			 * are ours and the file is rewritten, not removed */
			merge(d, &l);
			if (who == OWNER_GONE) {
				if (nadopted == capadopted) {
					capadopted = capadopted ? 2 * capadopted : 4;
					adopted = xreallocarray(adopted, capadopted, sizeof(*adopted));
				}
				adopted[nadopted++] = (struct adopted){ xstrdup(name), st.st_dev, st.st_ino };
			}
		} else if (who == OWNER_US) {
			/* a damaged file under our name would be overwritten by
			 * our next save: move it out of the way, keep it */
			char rnd[8], *aside;

			random_id(rnd, "", 6);
			aside = xasprintf("%s.damaged-%s", name, rnd);
			renameat(dfd, name, dfd, aside);
			free(aside);
		}
		free(path);
	}
	closedir(dir);
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), by_typed);

	/* our file first, durably; only then the files it replaces */
	rc = 0;
	if (nadopted && !(rc = drafts_save(d, true, e))) {
		for (size_t i = 0; i < nadopted; i++) {
			struct stat st;
			char *tmp = xasprintf(".tmp-%s", adopted[i].name);

			/* unless someone wrote a new one under that name since */
			if (!fstatat(dfd, adopted[i].name, &st, AT_SYMLINK_NOFOLLOW) &&
			    st.st_dev == adopted[i].dev && st.st_ino == adopted[i].ino)
				unlinkat(dfd, adopted[i].name, 0);
			unlinkat(dfd, tmp, 0);
			free(tmp);
		}
		fsync(dfd);
	}
	for (size_t i = 0; i < nadopted; i++)
		free(adopted[i].name);
	free(adopted);
	close(dfd);
	free(ours);
	return rc;
}
