#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>
#endif
#include <sys/stat.h>
#ifdef HAVE_SYS_STATFS_H
#include <sys/statfs.h>
#endif
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "scribe/backlog.h"
#include "scribe/cache.h"
#include "scribe/config.h"
#include "scribe/pack.h"
#include "scribe/store.h"
#include "scribe/text.h"
#include "scribe/yamlio.h"

#define OPEN_READ (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
#define STALE_TMP_SECONDS (24 * 3600)

struct jfile {
	char *name;
	char *path;		/* root/id/name, for messages; records point at it */
	off_t offset;		/* end of the last whole record read */
	off_t size;		/* the file's size when last looked at */
	bool cache_tried;
	int line;		/* line number at offset */
	dev_t dev;
	ino_t ino;
	struct timespec mtime, ctime;	/* when first read, for the cache */
	bool refused;		/* too large or not a regular file: said once */
	bool shrank;		/* rewritten or cut: said once, then looked at
				 * again only when it changes (bad_ino, bad_size) */
	ino_t bad_ino;
	off_t bad_size;
	unsigned head_waits;	/* looks at a head whose file is being copied anew */
	/* the last bytes before offset, as a hash: a journal replaced by a
	 * copy that only grew (git checks files out anew, as do rsync and
	 * file-sync tools) is told from one rewritten by these */
	uint64_t tail_hash;
	unsigned tail_len;
	bool closed;		/* read to its end, which its writer closed (a
				 * loose journal's closing line) or which is
				 * final (a pack, written whole): it will not
				 * grow, so quick looks pass it by */
	/* read tail first: the bytes [head_off, head_end) are still to read */
	off_t head_off, head_end;
	int head_line;		/* line number at head_off */
	bool lines_relative;	/* line and pending_line count from head_end
				 * (line 1 there) until the head is read */
	struct strbuf pending;	/* records read so far, for the cache */
	size_t pending_count;
	bool pending_clean;	/* no problem in them */
	off_t pending_off;	/* they are those of the bytes up to here */
	int pending_line;
};

/* What the incident folder looked like when it was last listed: while it
 * looks the same, no name in it was added, removed or renamed. */
struct dir_stamp {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	bool valid;
};

struct store {
	char *root, *id, *path;
	int dirfd;
	struct jfile **files;	/* sorted by name */
	size_t nfiles, capfiles;
	struct dir_stamp listed;	/* the folder when files was last listed */
	struct jfile **growing;	/* those that may still grow, as of then: the
				 * only ones a quick look looks at (a short
				 * array of its own, not a walk of all) */
	size_t ngrowing;
	char **pnames;		/* the presence files in it, as last listed */
	size_t npnames;
	struct dir_stamp plisted;	/* the folder then */
	int wfd;		/* this session's journal, -1 until the first write */
	struct jfile *wfile;
	off_t wlen;
	ms_t last_time;		/* of this session's last record */
	int pfd;		/* this session's presence file, or -1 */
	int wfd_watch;		/* inotify on the folder, or -1 */
	char *pname;
	bool cleaned;
	/* everything this session wrote, to write it again should its
	 * journal (or the incident folder) be removed under it */
	struct strbuf mine;
	size_t mine_records, mine_events;
	size_t restored, restored_events;	/* saved again, not said yet */
	bool lost;		/* removed, and not written again yet */
	/* the heads of large journals, read and parsed on a second thread
	 * while this one folds them (store_read_backlog) */
	struct backlog *backlog;
	struct jfile **bfiles;	/* the file of each of its jobs */
	bool backlog_tried;
	struct backlog_piece *piece;	/* taken, folded up to piece_at */
	size_t piece_at;
	struct fold_piece {
		size_t encoded;	/* its records put in the cache's copy so far */
		bool clean;	/* and no problem in them */
	} piece_did;
};

bool store_valid_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > STORE_MAX_ID || id[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
			return false;
	return true;
}

char *store_root_why(const char *opt_dir, enum store_root_source *src, char **why)
{
	const struct config *c = config_get(NULL);
	enum store_root_source from;
	char *root;
	const char *s;

	if (opt_dir && opt_dir[0]) {
		root = xstrdup(opt_dir);
		from = ROOT_OPTION;
	} else if ((s = getenv("SCRIBE_DIR")) && s[0]) {
		root = xstrdup(s);
		from = ROOT_ENV;
	} else if ((s = c->shared_dir)) {
		root = xstrdup(s);
		from = c->shared_dir_user ? ROOT_USER_CONFIG : ROOT_SYSTEM_CONFIG;
	} else if ((s = getenv("XDG_DATA_HOME")) && s[0] == '/') {
		root = xasprintf("%s/scribe", s);
		from = ROOT_DEFAULT;
	} else if ((s = getenv("HOME")) && s[0]) {
		root = xasprintf("%s/.local/share/scribe", s);
		from = ROOT_DEFAULT;
	} else {
		struct passwd *pw = getpwuid(getuid());

		root = xasprintf("%s/.local/share/scribe", pw && pw->pw_dir ? pw->pw_dir : "/tmp");
		from = ROOT_DEFAULT;
	}
	if (src)
		*src = from;
	if (why) {
		switch (from) {
		case ROOT_OPTION:
			*why = xstrdup("the --dir option");
			break;
		case ROOT_ENV:
			*why = xstrdup("the SCRIBE_DIR environment variable");
			break;
		case ROOT_USER_CONFIG:
			*why = xasprintf("shared_dir in %s:%d (your configuration)", c->path, c->shared_dir_line);
			break;
		case ROOT_SYSTEM_CONFIG:
			*why = xasprintf("shared_dir in %s:%d (the system's configuration)", c->sys_path, c->shared_dir_line);
			break;
		case ROOT_DEFAULT:
			*why = xstrdup("the default: your private folder (no --dir, SCRIBE_DIR or shared_dir)");
			break;
		}
	}
	return root;
}

char *store_root(const char *opt_dir)
{
	return store_root_why(opt_dir, NULL, NULL);
}

const char *store_author(void)
{
	static char name[128];
	const char *s;

	if (name[0])
		return name;
	if ((s = getenv("SCRIBE_AUTHOR")) && s[0]) {
		snprintf(name, sizeof(name), "%s", s);
	} else if ((s = config_get(NULL)->author)) {
		snprintf(name, sizeof(name), "%s", s);
	} else {
		struct passwd *pw = getpwuid(getuid());

		if (pw && pw->pw_name && pw->pw_name[0])
			snprintf(name, sizeof(name), "%s", pw->pw_name);
		else if ((s = getenv("USER")) && s[0])
			snprintf(name, sizeof(name), "%s", s);
		else
			snprintf(name, sizeof(name), "uid%u", (unsigned)getuid());
	}
	/* an author is one line of valid UTF-8, even cut to fit */
	for (char *p = name; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	while (name[0] && !text_valid_utf8(name, strlen(name)))
		name[strlen(name) - 1] = '\0';
	if (!name[0])
		snprintf(name, sizeof(name), "uid%u", (unsigned)getuid());
	return name;
}

char *store_account_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name && pw->pw_name[0] && !strpbrk(pw->pw_name, " \n") && strlen(pw->pw_name) <= 64 &&
	    text_valid_utf8(pw->pw_name, strlen(pw->pw_name)))
		return xstrdup(pw->pw_name);
	return xasprintf("uid%u", (unsigned)uid);
}

const char *store_account(void)
{
	static char *name;

	if (!name)
		name = store_account_name(geteuid());
	return name;
}

char *store_make_id(const char *title, ms_t now)
{
	struct strbuf sb = STRBUF_INIT;
	time_t secs = (time_t)(now / 1000);
	struct tm tm;
	size_t start;
	bool dash = false;

	gmtime_r(&secs, &tm);
	sb_addf(&sb, "%04d-%02d-%02d-", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	start = sb.len;
	for (const char *p = title; *p && sb.len - start <= STORE_MAX_SLUG; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && sb.len > start)
				sb_addc(&sb, '-');
			dash = false;
			sb_addc(&sb, c);
		} else {
			dash = true;
		}
	}
	if (sb.len - start > STORE_MAX_SLUG) {
		/* too long: cut at the last word boundary that fits, or at the
		 * limit when the first word alone is longer */
		size_t cut = start + STORE_MAX_SLUG;

		while (cut > start && sb.buf[cut] != '-')
			cut--;
		if (cut == start)
			cut = start + STORE_MAX_SLUG;
		sb.buf[cut] = '\0';
		sb.len = cut;
	}
	while (sb.len > start && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (sb.len == start)
		sb_adds(&sb, "incident");
	return sb_detach(&sb);
}


static int errno_code(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
		return EXIT_NOINPUT;
	case EACCES:
	case EPERM:
	case EROFS:
	case EEXIST:
		return EXIT_CANTCREAT;
	default:
		return EXIT_IOERR;
	}
}

/* mkdir -p for the shared directory, honouring umask. */
static int make_root(const char *root, struct error *e)
{
	char *p = xstrdup(root);
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char save = *s;

			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				rc = error_set(e, errno == EIO ? EXIT_IOERR : EXIT_CANTCREAT, "cannot create %s: %s", p, strerror(errno));
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

/* Opens a folder; follow says whether the last component may be a
 * symlink (the shared directory may be one, an incident folder not). */
static int open_dir(const char *path, bool follow, int *fd, struct error *e)
{
	*fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
	if (*fd < 0)
		return error_set(e, errno_code(errno), "cannot open %s: %s", path,
				 errno == ELOOP ? "it is a symbolic link" : strerror(errno));
	return 0;
}

/* A new incident folder gets the mode the umask says; in a setgid team
 * folder the group may write, it also gets group read, write and search
 * and the setgid bit (so every member can add to incidents the others
 * created, whatever their umask), and the sticky bit when the team
 * folder has it.  A configured group (config "group") is given to it
 * first, when this account is a member, with the same modes. */
static void team_mode(int rootfd, const char *name)
{
	const char *group = config_get(NULL)->group;
	struct stat root, st;
	bool team = false;
	mode_t mode;

	if (fstat(rootfd, &root) || fstatat(rootfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode))
		return;
	if (group) {
		struct group *gr = getgrnam(group);

		team = gr && (st.st_gid == gr->gr_gid || !fchownat(rootfd, name, (uid_t)-1, gr->gr_gid, AT_SYMLINK_NOFOLLOW));
	}
	if ((root.st_mode & S_ISGID) && (root.st_mode & S_IWGRP))
		team = true;
	if (!team)
		return;
	mode = (st.st_mode & 07777) | S_IRWXG | S_ISGID;
	/* a sticky team folder makes sticky incident folders: nobody can
	 * remove or replace another's journals */
	if (root.st_mode & S_ISVTX)
		mode |= S_ISVTX;
	fchmodat(rootfd, name, mode, 0);
}

/* ---- writing ---- */

static void jfile_add(struct store *s, struct jfile *f);

/* Removes temp files that a writer left when it died: ours from this host
 * whose process is gone, anyone's older than a day. */
static void clean_stale(struct store *s)
{
	DIR *d;
	struct dirent *de;
	int fd;
	time_t now = time(NULL);
	size_t hl = strlen(host_tag());

	s->cleaned = true;
	if ((fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (!(d = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		const char *p;
		bool stale = false;

		if (strncmp(de->d_name, ".tmp-j-", 7))
			continue;
		if (fstatat(s->dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		if (now - st.st_mtime > STALE_TMP_SECONDS)
			stale = true;
		/* .tmp-j-<stamp>-<host>-<pid>-<rand>.yaml */
		p = de->d_name + 7;
		p = strchr(p, '-');
		if (!stale && p && !strncmp(p + 1, host_tag(), hl) && p[1 + hl] == '-') {
			long pid = strtol(p + 2 + hl, NULL, 10);

			if (pid > 0 && pid != getpid() && !pid_running(pid))
				stale = true;
		}
		if (stale)
			unlinkat(s->dirfd, de->d_name, 0);
	}
	closedir(d);
}

/* Starts this session's journal with its first record in buf: a temp
 * file, fsynced, renamed into place, folder fsynced. */
static int journal_create(struct store *s, const char *buf, size_t len, struct error *e)
{
	char stamp[32], rnd[8], *name, *tmp;
	time_t now = time(NULL);
	struct tm tm;
	struct stat st;
	int fd, err;

	if (!s->cleaned)
		clean_stale(s);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dt%H%M%Sz", &tm);
	random_id(rnd, "", 6);
	name = xasprintf("j-%s-%s-%ld-%s.yaml", stamp, host_tag(), (long)getpid(), rnd);
	tmp = xasprintf(".tmp-%s", name);
	fd = openat(s->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		err = errno;
		error_set(e, errno_code(err), "%s (cannot create a file in %s)", strerror(err), s->path);
		goto fail;
	}
	/* written only by its writer, whatever the umask (002 would let
	 * the whole group forge or cut its records) */
	if (fchmod(fd, 0644) || write_full(fd, buf, len) || fsync(fd)) {
		err = errno;
		error_set(e, EXIT_IOERR, "%s (cannot write in %s)", strerror(err), s->path);
		goto fail_unlink;
	}
	if (renameat(s->dirfd, tmp, s->dirfd, name)) {
		err = errno;
		error_set(e, errno_code(err), "%s (cannot rename in %s)", strerror(err), s->path);
		goto fail_unlink;
	}
	if (fsync(s->dirfd)) {
		err = errno;
		/* the name may not be durable: take the record back, so that what
		 * is reported as not saved is not there either (a retry would
		 * otherwise save it twice) */
		unlinkat(s->dirfd, name, 0);
		error_set(e, EXIT_IOERR, "%s (cannot sync %s)", strerror(err), s->path);
		close(fd);
		free(name);
		free(tmp);
		return EXIT_IOERR;
	}
	s->wfd = fd;
	s->wlen = (off_t)len;
	s->wfile = xcalloc(1, sizeof(*s->wfile));
	s->wfile->name = name;
	s->wfile->path = xasprintf("%s/%s", s->path, name);
	s->wfile->offset = (off_t)len;
	s->wfile->line = 1;
	for (size_t i = 0; i < len; i++)
		s->wfile->line += buf[i] == '\n';
	if (!fstat(fd, &st)) {
		s->wfile->dev = st.st_dev;
		s->wfile->ino = st.st_ino;
	}
	jfile_add(s, s->wfile);
	free(tmp);
	return 0;

fail_unlink:
	close(fd);
	unlinkat(s->dirfd, tmp, 0);
	fd = -1;
fail:
	if (fd >= 0)
		close(fd);
	free(name);
	free(tmp);
	return e->code;
}

/* Appends one whole record to this session's journal and fsyncs it.  On
 * a failed write the partial bytes are cut off again; if even that
 * fails, the journal is left behind (readers skip a torn end) and the
 * next write starts a new one. */
static int journal_append(struct store *s, const char *buf, size_t len, struct error *e)
{
	int err;

	if (write_full(s->wfd, buf, len) == 0 && fsync(s->wfd) == 0) {
		s->wlen += (off_t)len;
		s->wfile->offset = s->wlen;
		for (size_t i = 0; i < len; i++)
			s->wfile->line += buf[i] == '\n';
		return 0;
	}
	err = errno;
	if (ftruncate(s->wfd, s->wlen) || lseek(s->wfd, s->wlen, SEEK_SET) < 0 || fsync(s->wfd)) {
		close(s->wfd);
		s->wfd = -1;
	}
	return error_set(e, EXIT_IOERR, "%s (cannot save in %s)", strerror(err), s->path);
}

/* Is this session's journal still there, under its name, in a folder
 * that is still there?  A journal removed (or renamed away) by someone,
 * or its incident folder removed, would keep taking records that no one
 * will ever read. */
static bool journal_gone(struct store *s)
{
	struct stat st, named;

	if (s->wfd < 0)
		return false;
	if (fstat(s->wfd, &st) || st.st_nlink == 0)
		return true;
	if (fstat(s->dirfd, &named) || named.st_nlink == 0)
		return true;
	return fstatat(s->dirfd, s->wfile->name, &named, AT_SYMLINK_NOFOLLOW) || named.st_ino != st.st_ino ||
	       named.st_dev != st.st_dev;
}

/* The incident folder was removed: make it again (as store_create
 * would) and use it from now on. */
static int folder_again(struct store *s, struct error *e)
{
	struct stat st;
	int rootfd, fd, rc;

	if (!fstat(s->dirfd, &st) && st.st_nlink > 0)
		return 0;
	if ((rc = open_dir(s->root, true, &rootfd, e)))
		return rc;
	if (mkdirat(rootfd, s->id, 0777) && errno != EEXIST) {
		rc = error_set(e, errno_code(errno), "cannot create %s again: %s", s->path, strerror(errno));
		close(rootfd);
		return rc;
	}
	team_mode(rootfd, s->id);
	fsync(rootfd);
	close(rootfd);
	if ((rc = open_dir(s->path, false, &fd, e)))
		return rc;
	close(s->dirfd);
	s->dirfd = fd;
	s->cleaned = false;
	return 0;
}

/* This session's journal was removed under it: write everything the
 * session wrote again, then the len bytes of buf (a record not counted
 * in mine yet), as a new journal (same records, same revisions, so
 * readers that still have the old one take each once).  0 or an EXIT_*
 * code with e set: then nothing counts as saved, and the next commit
 * tries again with everything. */
static int journal_again(struct store *s, const char *buf, size_t len, struct error *e)
{
	struct strbuf all = STRBUF_INIT;
	int rc;

	if (s->wfd >= 0)
		close(s->wfd);
	s->wfd = -1;
	s->lost = true;
	if ((rc = folder_again(s, e)))
		return rc;
	sb_add(&all, s->mine.buf, s->mine.len);
	sb_add(&all, buf, len);
	rc = journal_create(s, all.buf, all.len, e);
	sb_free(&all);
	if (rc)
		return rc;
	s->lost = false;
	s->restored = s->mine_records;
	s->restored_events = s->mine_events;
	return 0;
}

bool store_restored(struct store *s, size_t *records, size_t *events)
{
	struct error ignore = { 0 };

	if (s->lost || journal_gone(s))
		journal_again(s, NULL, 0, &ignore);
	*records = s->restored;
	*events = s->restored_events;
	s->restored = s->restored_events = 0;
	return *records > 0;
}

int store_commit(struct store *s, struct incident *inc, struct record *r, struct error *e)
{
	struct strbuf sb = STRBUF_INIT;
	const char *why;
	int rc;

	if (!r->rev[0])
		random_id(r->rev, "r", 12);
	if (!r->account)
		r->account = xstrdup(store_account());
	/* a session's records keep their order even within a millisecond */
	if (r->time <= s->last_time)
		r->time = s->last_time + 1;
	if ((rc = yamlio_emit_record(&sb, r, e)))
		goto out;
	if (s->lost)
		rc = journal_again(s, sb.buf, sb.len, e);
	else if (s->wfd < 0)
		rc = journal_create(s, sb.buf, sb.len, e);
	else if (!(rc = journal_append(s, sb.buf, sb.len, e)) && journal_gone(s))
		/* saved means readable by the others: not into a removed journal */
		rc = journal_again(s, sb.buf, sb.len, e);
	if (rc)
		goto out;
	sb_add(&s->mine, sb.buf, sb.len);
	s->mine_records++;
	s->mine_events += r->type == REC_EVENT;
	s->last_time = r->time;
	r->file = s->wfile->path;
	incident_apply(inc, r, &why);
out:
	sb_free(&sb);
	return rc;
}

int store_commit_all(struct store *s, struct incident *inc, struct record **r, size_t n,
		     struct error *e)
{
	struct strbuf sb = STRBUF_INIT;
	int oldfd = s->wfd, rc = 0;
	ms_t t = s->last_time;
	const char *why;

	if (!n)
		return 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (!r[i]->rev[0])
			random_id(r[i]->rev, "r", 12);
		if (!r[i]->account)
			r[i]->account = xstrdup(store_account());
		if (r[i]->time <= t)
			r[i]->time = t + 1;
		t = r[i]->time;
		rc = yamlio_emit_record(&sb, r[i], e);
		if (!rc && sb.len > (size_t)STORE_MAX_FILE)
			rc = error_set(e, EXIT_DATAERR, "too much for one journal (more than %ld MiB): "
				       "import it in parts", STORE_MAX_FILE / (1024 * 1024));
	}
	if (rc)
		goto out;
	/* a journal of its own, born whole: never appended record by record */
	s->wfd = -1;
	if ((rc = journal_create(s, sb.buf, sb.len, e))) {
		s->wfd = oldfd;
		goto out;
	}
	if (oldfd >= 0)
		close(oldfd);
	s->last_time = t;
	sb_add(&s->mine, sb.buf, sb.len);
	s->mine_records += n;
	for (size_t i = 0; i < n; i++)
		s->mine_events += r[i]->type == REC_EVENT;
	for (size_t i = 0; i < n; i++) {
		r[i]->file = s->wfile->path;
		incident_apply(inc, r[i], &why);
	}
out:
	sb_free(&sb);
	return rc;
}

int store_create(const char *root, const char *title, int severity, ms_t now, char **id,
		 struct error *e)
{
	char *base = store_make_id(title, now);
	char *path = NULL;
	struct store *s = NULL;
	struct incident *inc;
	struct record *r;
	int rootfd, rc;

	*id = NULL;
	if ((rc = make_root(root, e)) || (rc = open_dir(root, true, &rootfd, e))) {
		if (rc == EXIT_NOINPUT)
			e->code = rc = EXIT_CANTCREAT;	/* creating: there is nowhere to */
		free(base);
		return rc;
	}
	for (int n = 1; n < 1000; n++) {
		char *cand = n == 1 ? xstrdup(base) : xasprintf("%s-%d", base, n);

		if (!mkdirat(rootfd, cand, 0777)) {
			team_mode(rootfd, cand);
			*id = cand;
			break;
		}
		free(cand);
		if (errno != EEXIST) {
			rc = error_set(e, errno == EIO ? EXIT_IOERR : EXIT_CANTCREAT, "cannot create an incident in %s: %s", root,
				       strerror(errno));
			break;
		}
	}
	free(base);
	if (!*id && !rc)
		rc = error_set(e, EXIT_CANTCREAT, "too many incidents with this title today in %s", root);
	if (!rc && fsync(rootfd)) {
		rc = error_set(e, EXIT_IOERR, "cannot sync %s: %s", root, strerror(errno));
		unlinkat(rootfd, *id, AT_REMOVEDIR);	/* the claim goes with it */
	}
	close(rootfd);
	if (rc)
		goto fail;
	if ((rc = store_open(root, *id, &s, e)))
		goto fail;
	inc = incident_new(*id);
	r = record_new(REC_INCIDENT, *id, store_author(), now);
	record_set_str(r, F_TITLE, title);
	record_set_int(r, F_SEVERITY, severity);
	record_set_int(r, F_STATUS, STATUS_ACTIVE);
	record_set_time(r, F_CREATED, now);
	record_set_str(r, F_BY, store_author());
	rc = store_commit(s, inc, r, e);
	if (rc)
		record_free(r);
	incident_free(inc);
	store_close(s);
	if (!rc)
		return 0;
	/* an empty claimed folder would only confuse: take it back */
	path = xasprintf("%s/%s", root, *id);
	rmdir(path);
	free(path);
fail:
	free(*id);
	*id = NULL;
	return rc;
}

/* ---- reading ---- */

int store_open(const char *root, const char *id, struct store **out, struct error *e)
{
	struct store *s;
	char *path;
	int fd, rc;

	*out = NULL;
	if (!store_valid_id(id))
		return error_set(e, EXIT_USAGE, "\"%s\" is not an incident id (like 2026-11-26-checkout-5xx)", id);
	path = xasprintf("%s/%s", root, id);
	if ((rc = open_dir(path, false, &fd, e))) {
		if (rc == EXIT_NOINPUT)
			error_set(e, EXIT_NOINPUT, "no incident \"%s\" in %s", id, root);
		free(path);
		return rc;
	}
	s = xcalloc(1, sizeof(*s));
	s->root = xstrdup(root);
	s->id = xstrdup(id);
	s->path = path;
	s->dirfd = fd;
	s->wfd = -1;
	s->pfd = -1;
	s->wfd_watch = -1;
	*out = s;
	return 0;
}

static void jfile_free(struct jfile *f)
{
	sb_free(&f->pending);
	free(f->name);
	free(f->path);
	free(f);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	backlog_piece_free(s->piece);
	backlog_stop(s->backlog);
	free(s->bfiles);
	store_presence_leave(s);
	if (s->wfd >= 0) {
		struct pack_result res;
		struct error ignore = { 0 };

		/* done with the journal: say so after its last record, for
		 * packers (not synced: if it is lost, the journal is taken for
		 * closed once this process is gone) */
		if (write_full(s->wfd, PACK_CLOSED_LINE, strlen(PACK_CLOSED_LINE)))
			ftruncate(s->wfd, s->wlen);
		close(s->wfd);
		s->wfd = -1;
		/* a writing session ends: pack if the journals have piled up
		 * (a reader may not be allowed to write, so only writers do) */
		pack_incident(s, PACK_AUTO, &res, &ignore);
	}
	if (s->wfd_watch >= 0)
		close(s->wfd_watch);
	close(s->dirfd);
	for (size_t i = 0; i < s->nfiles; i++)
		jfile_free(s->files[i]);
	free(s->files);
	for (size_t i = 0; i < s->npnames; i++)
		free(s->pnames[i]);
	free(s->pnames);
	free(s->growing);
	sb_free(&s->mine);
	free(s->root);
	free(s->id);
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_dirfd(const struct store *s)
{
	return s->dirfd;
}

static size_t jfile_pos(const struct store *s, const char *name, bool *found)
{
	size_t lo = 0, hi = s->nfiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->files[mid]->name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

static void jfile_add(struct store *s, struct jfile *f)
{
	bool found;
	size_t pos = jfile_pos(s, f->name, &found);

	if (found)
		return;
	if (s->nfiles == s->capfiles) {
		s->capfiles = s->capfiles ? s->capfiles * 2 : 16;
		s->files = xreallocarray(s->files, s->capfiles, sizeof(*s->files));
	}
	memmove(&s->files[pos + 1], &s->files[pos], (s->nfiles - pos) * sizeof(*s->files));
	s->files[pos] = f;
	s->nfiles++;
}

/* dir/name, newly allocated (no format to parse: made for each of
 * thousands of journals). */
static char *path_join(const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	char *p = xmalloc(nd + 1 + nn + 1);

	memcpy(p, dir, nd);
	p[nd] = '/';
	memcpy(p + nd + 1, name, nn + 1);
	return p;
}

/* A name as the folder's listing gave it, with its type (d_type), and
 * the file it is once merged. */
struct listed_name {
	char *name;
	unsigned char type;
	struct jfile *f;
};

static int listed_name_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct listed_name *)pa)->name, ((const struct listed_name *)pb)->name);
}

/* Merges the n names of a listing, sorted, into the files known (sorted
 * too), in one pass: each name gets its file (a new one for a name not
 * known yet), a name listed twice only once (f left NULL); the names
 * are freed or taken. */
static void jfile_merge(struct store *s, struct listed_name *v, size_t n)
{
	struct jfile **out, *prev = NULL;
	size_t i = 0, k = 0, m = 0, cap = s->nfiles + n;

	if (!n)
		return;
	out = xreallocarray(NULL, cap, sizeof(*out));
	while (i < s->nfiles || k < n) {
		int c;

		if (k < n && prev && !strcmp(v[k].name, prev->name)) {
			free(v[k++].name);	/* listed twice (the folder changed under readdir) */
			continue;
		}
		c = i == s->nfiles ? 1 : k == n ? -1 : strcmp(s->files[i]->name, v[k].name);
		if (c < 0) {
			out[m++] = s->files[i++];
			continue;
		}
		if (c == 0) {
			prev = s->files[i++];
			free(v[k].name);
		} else {
			prev = xcalloc(1, sizeof(*prev));
			prev->name = v[k].name;
			prev->path = path_join(s->path, prev->name);
			prev->line = 1;
		}
		v[k++].f = out[m++] = prev;
	}
	free(s->files);
	s->files = out;
	s->nfiles = m;
	s->capfiles = cap;
}

struct fold_ctx {
	struct incident *inc;
	struct diags *d;
	long n;
	struct strbuf *encode;	/* records parsed here, for the cache */
	size_t encoded;
	const char *owner;	/* for scribe check: the account a loose
				 * journal belongs to, which every record
				 * in it must name */
};

static void fold_record(void *ctx, struct record *r)
{
	struct fold_ctx *c = ctx;
	const char *file = r->file;
	int line = r->line, col = r->col;
	const char *why;

	if (c->encode) {
		cache_encode(c->encode, r);
		c->encoded++;
	}
	if (c->owner && c->d && r->account && strcmp(r->account, c->owner))
		diags_add(c->d, DIAG_ERROR, file, line, col,
			  "written by account \"%s\" in a journal that belongs to \"%s\": a journal is written "
			  "only by its owner (forged, or copied in by hand)", r->account, c->owner);
	if (incident_apply(c->inc, r, &why))
		c->n++;
	else if (why && c->d)
		diags_add(c->d, DIAG_ERROR, file, line, col, "%s", why);
}

static bool is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\n' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

/* ---- change notification ---- */

static bool journal_name(const char *name);

#if defined(HAVE_INOTIFY_INIT1) && defined(HAVE_SYS_INOTIFY_H)
/* Filesystems where a write from another machine raises no inotify event
 * here: sessions on them keep looking every so often. */
static bool remote_fs(int dirfd)
{
#if defined(HAVE_SYS_STATFS_H) && defined(HAVE_FSTATFS)
	static const long remote[] = {
		0x6969,		/* NFS */
		0x517B,		/* SMB */
		(long)0xFF534D42, /* CIFS */
		(long)0xFE534D42, /* SMB2 */
		0x65735546,	/* FUSE (sshfs and friends) */
		0x00C36400,	/* Ceph */
		0x01021997,	/* 9P */
		0x5346414F,	/* AFS */
		0x0BD00BD0,	/* Lustre */
		0x01161970,	/* GFS2 */
		0x7461636F,	/* OCFS2 */
	};
	struct statfs fs;

	if (fstatfs(dirfd, &fs))
		return true;	/* unknown: look every so often */
	for (size_t i = 0; i < ARRAY_SIZE(remote); i++)
		if (((long)fs.f_type & 0xFFFFFFFFL) == (remote[i] & 0xFFFFFFFFL))
			return true;
	return false;
#else
	(void)dirfd;
	return true;	/* no way to tell: never trust notifications */
#endif
}

int store_watch(struct store *s)
{
	char self[64];
	int fd;

	if (s->wfd_watch >= 0)
		return s->wfd_watch;
	if (getenv("SCRIBE_NO_INOTIFY") || remote_fs(s->dirfd))
		return -1;
	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return -1;
	/* the folder this store has open, even if its name now leads elsewhere */
	snprintf(self, sizeof(self), "/proc/self/fd/%d", s->dirfd);
	if (inotify_add_watch(fd, self, IN_CREATE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
				  IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) < 0 &&
	    inotify_add_watch(fd, s->path, IN_CREATE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
				  IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW) < 0) {
		close(fd);
		return -1;
	}
	return s->wfd_watch = fd;
}

unsigned store_watch_read(struct store *s)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	unsigned saw = 0;
	ssize_t n;

	if (s->wfd_watch < 0)
		return 0;
	while ((n = read(s->wfd_watch, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			const char *name = ev->len ? ev->name : "";

			if (ev->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT))
				saw |= STORE_SAW_LOST | STORE_SAW_JOURNAL | STORE_SAW_PRESENCE;
			else if (journal_name(name))
				saw |= STORE_SAW_JOURNAL;
			else if (!strncmp(name, ".presence-", 10))
				saw |= STORE_SAW_PRESENCE;
			p += sizeof(*ev) + ev->len;
		}
	}
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		saw |= STORE_SAW_LOST;
	if (saw & STORE_SAW_LOST) {
		close(s->wfd_watch);
		s->wfd_watch = -1;
	}
	return saw;
}
#else
/* No change notification on this system: the program looks every so
 * often (see READ_EVERY_MS in ui.c). */
int store_watch(struct store *s)
{
	(void)s;
	return -1;
}

unsigned store_watch_read(struct store *s)
{
	(void)s;
	return 0;
}
#endif

/* Reads what is new in one open journal, from f->offset to its end. */
/* A journal this large is worth a cache entry (small ones, such as the
 * one-record journals of scribe log, are quicker to parse). */
#define CACHE_FROM_BYTES (64 * 1024)

/* The time of the record at rec (len bytes) in the layout scribe writes
 * ("time: " at the start of a line of its own), or 0. */
static ms_t record_time(const char *rec, size_t len)
{
	const char *p = memmem(rec, len, "\ntime: ", 7), *e;
	ms_t t = 0;

	if (!p)
		return 0;
	p += 7;
	e = memchr(p, '\n', (size_t)(rec + len - p));
	return clock_parse_rfc3339_n(p, (size_t)((e ? e : rec + len) - p), &t) ? 0 : t;
}

/* Whether the record at p (n bytes) begins with the line that says it is
 * of a type other than the incident's, as scribe writes it. */
static bool other_type(const char *p, size_t n)
{
	static const char *const lines[] = { "type: event\n", "type: factor\n", "type: action\n",
					     "type: vote\n", "type: comment\n" };

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		if (n >= strlen(lines[i]) && !memcmp(p, lines[i], strlen(lines[i])))
			return true;
	return false;
}

/* Folds the incident's own records of buf (whole records from line
 * line on) and skips the others unparsed: a record in the layout scribe
 * writes says its type on its first line; any other is parsed to see.
 * The newest time of the records (the last one's, in a journal written
 * in order or a pack) goes into inc->newest. */
static void parse_incident_records(const char *path, const char *buf, size_t len, int line,
				   struct fold_ctx *ctx, struct diags *d)
{
	size_t pos = 0, counted = 0;
	ms_t last = 0;

	while (pos < len) {
		const char *rec = buf + pos, *end = memmem(rec, len - pos, "\n...\n", 5), *p = rec;
		size_t n = end ? (size_t)(end - rec) + 5 : len - pos;

		if (n >= 4 && !memcmp(p, "---\n", 4))
			p += 4;
		if (!other_type(p, n - (size_t)(p - rec))) {
			line += count_lines(buf + counted, pos - counted);
			counted = pos;
			yamlio_parse_journal(path, rec, n, line, fold_record, ctx, d);
		} else if (pos + n >= len) {
			last = record_time(rec, n);
		}
		pos += n;
	}
	if (last > ctx->inc->newest)
		ctx->inc->newest = last;
}

/* Reads what is new in one open journal, from f->offset to its end.  The
 * first time a journal is read (incident set: not for scribe check), the
 * private cache may stand in for the bytes it covers; a large journal
 * read cleanly then gets (or extends) its cache entry. */
static int open_regular(int dirfd, const char *name, struct stat *st, const char **why);

/* The records a journal holds beyond this many bytes from its end wait
 * when reading tail first (the newest screenful comes first). */
#define TAIL_BYTES (32 * 1024)

static void save_pending(struct jfile *f, const char *incident)
{
	struct cache_entry ent = { f->dev, f->ino, f->mtime, f->ctime, f->pending_off, f->pending_line,
				   f->pending_count };

	if (f->pending_clean && f->pending_count)
		cache_save(incident, f->name, &ent, &f->pending);
	sb_free(&f->pending);
	f->pending_count = 0;
}

#define TAIL_HASH_BYTES 4096

/* A hash of n bytes at p, eight at a time (a journal's first read
 * hashes every byte of a small journal, so a byte at a time showed in a
 * folder of thousands).  Only ever compared within one process. */
static uint64_t bytes_hash(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p + i, n - i);
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

/* The hash of the len bytes before f->offset in fd; false when they
 * cannot all be read. */
static bool tail_hash_of(int fd, const struct jfile *f, unsigned len, uint64_t *h)
{
	size_t got;
	char *buf = read_at(fd, f->offset - (off_t)len, len, &got);

	*h = bytes_hash(buf, got);
	free(buf);
	return got == len;
}

/* Remembers the bytes just before f->offset (after each read of fd),
 * from buf when it holds them (its n bytes are those of the file from
 * at on), else from the file. */
static void tail_remember(int fd, struct jfile *f, const char *buf, off_t at, size_t n)
{
	f->tail_len = f->offset < TAIL_HASH_BYTES ? (unsigned)f->offset : TAIL_HASH_BYTES;
	if (f->offset - (off_t)f->tail_len >= at && f->offset <= at + (off_t)n) {
		f->tail_hash = bytes_hash(buf + (f->offset - (off_t)f->tail_len - at), f->tail_len);
		return;
	}
	if (!tail_hash_of(fd, f, f->tail_len, &f->tail_hash))
		f->tail_len = 0, f->tail_hash = 0;
}

/* fd, another file than the one read under f's name, holds the same bytes
 * up to f->offset as far as the remembered tail tells, so that it is the
 * same journal copied anew, grown or not; then f follows it. */
static bool same_journal(int fd, const struct stat *st, struct jfile *f)
{
	uint64_t h;

	if (st->st_size < f->offset || (f->offset > 0 && !f->tail_len) ||
	    !tail_hash_of(fd, f, f->tail_len, &h) || h != f->tail_hash)
		return false;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	return true;
}

/* The line number at head_end is now known to be at: line numbers that
 * counted from head_end become absolute.  Returns by how much they moved. */
static int lines_known(struct jfile *f, int at)
{
	int shift = at - 1;

	if (!f->lines_relative)
		return 0;
	f->line += shift;
	f->pending_line += shift;
	f->lines_relative = false;
	return shift;
}

/* Counts the lines of the head not read yet, a MiB at a time, to make
 * line numbers absolute before the head is read (a problem in the tail
 * needs its place).  Returns by how much they moved. */
static int lines_settle(struct jfile *f, int fd)
{
	int line = f->head_line;

	for (off_t off = f->head_off; off < f->head_end;) {
		size_t n = (size_t)(f->head_end - off) < (1u << 20) ? (size_t)(f->head_end - off) : (1u << 20), got;
		char *buf = read_at(fd, off, n, &got);

		line += count_lines(buf, got);
		free(buf);
		if (!got)
			break;
		off += (off_t)got;
	}
	return lines_known(f, line);
}

/* Journals are read this much at a time (more for a longer record). */
#define READ_CHUNK (1u << 20)

/* Where the piece of a journal in buf (len bytes) may end: after its last
 * "..." line (at the end of the file, end) or, before the end, after the
 * last "..." line that a "---" line follows, so that each piece reads as
 * it would in the whole (a record without its "---" line reads with the
 * one before).  0: no whole record yet. */
static size_t piece_end(const char *buf, size_t len, bool end)
{
	size_t whole = yamlio_complete_prefix(buf, len);

	if (end)
		return whole;
	while (whole > 0 && !(len - whole >= 4 && !memcmp(buf + whole, "---", 3) &&
			      (buf[whole + 3] == '\n' || buf[whole + 3] == ' ' || buf[whole + 3] == '\r')))
		whole = yamlio_complete_prefix(buf, whole - 1);
	return whole;
}

/* Parses the whole records of one piece of f (len bytes from line
 * f->line on). */
static void parse_piece(struct jfile *f, const char *buf, size_t len, struct fold_ctx *ctx,
			struct yamlio_pieces *pieces, struct diags *d, unsigned flags)
{
	struct yamlio_parse_opts opts = { .pieces = pieces };

	if (!len)
		return;
	if (flags & STORE_INCIDENT_ONLY)
		parse_incident_records(f->path, buf, len, f->line, ctx, d);
	else
		yamlio_parse_journal_with(&opts, f->path, buf, len, f->line, fold_record, ctx, d);
}

/* Reads what is new in one open journal, from f->offset to its end.  The
 * first time a journal is read (incident set: not for scribe check), the
 * private cache may stand in for the bytes it covers; a large journal
 * read cleanly then gets (or extends) its cache entry.  With
 * STORE_TAIL_FIRST, a large journal without a cache has only its last
 * TAIL_BYTES read now; store_read_backlog reads the rest. */
static long read_journal(int fd, const struct stat *st, struct jfile *f, const char *incident,
			 struct incident *inc, struct diags *d, unsigned flags)
{
	off_t size = st->st_size;
	struct fold_ctx ctx = { inc, d, 0, NULL, 0, NULL };
	struct cache_entry ent = { 0 };
	char *owner = NULL;
	struct diags local = { 0 };
	bool first = incident && !f->cache_tried && !(flags & (STORE_READ_TAILS | STORE_INCIDENT_ONLY)),
	     hit = false;
	size_t want, got, whole, start = 0, skip = 0, problems;
	struct yamlio_pieces pieces = { YAMLIO_MAX_PROBLEMS, false, false };
	char *buf;

	if (first) {
		f->cache_tried = true;
		/* the cache entry made now says what the file was when read */
		f->mtime = st->st_mtim;
		f->ctime = st->st_ctim;
		/* with the tail first, a large journal's newest records come
		 * from the file at once and the rest in the background: the
		 * cache, read whole, would hold the first screen back (1.2 s
		 * at 100,000 events).  A journal smaller than CACHE_FROM_BYTES
		 * has no entry to look for: one is made only for a journal
		 * that size or larger, and journals only grow (one cut or
		 * rewritten since has another ctime, which no entry matches) */
		bool tail_first = (flags & STORE_TAIL_FIRST) && size > 2 * TAIL_BYTES;

		hit = f->offset == 0 && size >= CACHE_FROM_BYTES && !tail_first &&
		      cache_load(incident, f->name, st, f->path, fold_record, &ctx, &ent, &f->pending);
		if (hit) {
			f->offset = ent.offset;
			f->line = ent.line;
			f->pending_count = ent.count;
		} else {
			sb_reset(&f->pending);
			f->pending_count = 0;
		}
		f->pending_clean = true;
		/* nor does a journal read tail first get an entry: the
		 * full-screen program would pay for writing one (a quarter of
		 * the load at 100,000 events) that it never reads; the next
		 * command that reads it whole makes it */
		if (size - f->offset >= CACHE_FROM_BYTES && !tail_first)
			ctx.encode = &f->pending;
		else
			sb_free(&f->pending);
	}
	if ((flags & STORE_READ_TAILS) && d && f->offset == 0) {
		/* scribe check: a journal is written only by its writer */
		const char *base = strrchr(f->name, '/') ? strrchr(f->name, '/') + 1 : f->name;
		bool loose = !strncmp(base, "j-", 2);

		if (size == 0)
			diags_add(d, DIAG_ERROR, f->path, 1, 1,
				  "empty %s: a journal is born with its first record, so someone emptied it",
				  loose ? "journal" : "file");
		if (st->st_mode & (S_IWGRP | S_IWOTH))
			diags_add(d, DIAG_ERROR, f->path, 1, 1,
				  "writable by %s (mode %04o): anyone there can forge or cut its records; "
				  "only its writer may write it (chmod go-w)",
				  (st->st_mode & S_IWOTH) ? "everyone" : "the group", (unsigned)(st->st_mode & 07777));
		if (loose)
			ctx.owner = owner = store_account_name(st->st_uid);
	}
	if (!d)
		d = &local;	/* to know whether the bytes read cleanly */
	ctx.d = d;
	problems = d->n;
	want = (size_t)(size - f->offset);
	/* tail first: only the last TAIL_BYTES are read now, however large
	 * the journal (the head is neither read nor counted) */
	if (first && !hit && (flags & STORE_TAIL_FIRST) && want > 2 * TAIL_BYTES)
		skip = want - TAIL_BYTES;
	if (skip) {
		/* start at the first record that begins in the window */
		const char *p;

		buf = read_at(fd, f->offset + (off_t)skip, want - skip, &got);
		whole = yamlio_complete_prefix(buf, got);
		p = memmem(buf, whole, "\n...\n", 5);
		if (!p || (start = (size_t)(p - buf) + 5) >= whole) {
			free(buf);	/* one record fills the window: read it all */
			skip = 0;
		} else {
			f->head_off = f->offset;
			f->head_end = f->offset + (off_t)(skip + start);
			f->head_line = f->line;
			f->line = 1;
			f->lines_relative = true;
			parse_piece(f, buf + start, whole - start, &ctx, &pieces, d, flags);
			f->line += count_lines(buf + start, whole - start);
			f->offset += (off_t)(skip + whole);
		}
	}
	if (!skip) {
		/* a MiB at a time: the whole records of each piece are parsed,
		 * the rest waits for the next (a small journal gets a buffer
		 * of its size) */
		size_t cap = want < READ_CHUNK ? want : READ_CHUNK, done = 0;

		buf = xmalloc(cap + 1);
		got = 0;	/* bytes in buf, from f->offset on */
		for (;;) {
			bool end;

			while (got < cap && done + got < want) {
				size_t n = cap - got < want - done - got ? cap - got : want - done - got;
				ssize_t r = pread(fd, buf + got, n, f->offset + (off_t)got);

				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					want = done + got;	/* cut short under us */
					break;
				}
				got += (size_t)r;
			}
			buf[got] = '\0';
			end = done + got >= want;
			whole = piece_end(buf, got, end);
			if (!end && !whole) {
				/* a record longer than the buffer */
				cap *= 2;
				buf = xrealloc(buf, cap + 1);
				continue;
			}
			parse_piece(f, buf, whole, &ctx, &pieces, d, flags);
			f->line += count_lines(buf, whole);
			f->offset += (off_t)whole;
			if (end)
				break;
			done += whole;
			got -= whole;
			memmove(buf, buf + whole, got);
		}
	}
	if ((flags & STORE_READ_TAILS) && d && !is_blank(buf + whole, got - whole) &&
	    !(got - whole == strlen(PACK_CLOSED_LINE) && !memcmp(buf + whole, PACK_CLOSED_LINE, got - whole))) {
		int line = f->line, col = 1;
		size_t i = whole;

		while (i < got && (buf[i] == '\n' || buf[i] == ' ')) {
			line += buf[i] == '\n';
			i++;
		}
		diags_add(d, DIAG_ERROR, f->path, line, col,
			  "incomplete record at the end of the file (its writer stopped mid-write); "
			  "it is ignored");
	}
	if (whole || hit || !f->tail_len)
		tail_remember(fd, f, buf, f->offset - (off_t)whole, whole);
	/* nothing more will come: its writer closed it, or it is a pack */
	f->closed = (got - whole == strlen(PACK_CLOSED_LINE) && !memcmp(buf + whole, PACK_CLOSED_LINE, got - whole)) ||
		    (got == whole && pack_name(strrchr(f->name, '/') ? strrchr(f->name, '/') + 1 : f->name));
	if (f->lines_relative && d->n > problems) {
		/* a problem to place: now the head's lines are worth counting */
		int shift = lines_settle(f, fd);

		for (size_t i = problems; i < d->n; i++)
			if (d->v[i].line > 0)
				d->v[i].line += shift;
	}
	if (ctx.encode) {
		f->pending_count += ctx.encoded;
		f->pending_clean &= d->n == problems;
		/* what is appended later is not in pending: the cache covers
		 * only up to here */
		f->pending_off = f->offset;
		f->pending_line = f->line;
		if (f->head_off >= f->head_end)
			save_pending(f, incident);
	}
	diags_free(&local);
	free(buf);
	free(owner);
	return ctx.n;
}

/* A piece was folded from f's head: f has read up to its end. */
static void head_read(struct store *s, struct jfile *f, size_t whole, int lines, bool clean, size_t encoded)
{
	f->head_line += lines;
	f->head_off += (off_t)whole ? (off_t)whole : f->head_end - f->head_off;
	if (f->head_off >= f->head_end)
		lines_known(f, f->head_line);
	if (f->pending.buf) {
		f->pending_count += encoded;
		f->pending_clean &= clean;
		if (f->head_off >= f->head_end)
			save_pending(f, s->id);
	}
}

/* Waits this long at most for the second thread's next piece in a turn
 * of loading (keys are looked at between turns) */
#define BACKLOG_WAIT_MS 10
/* A turn folds parsed records for this long at most, however many bytes
 * it was given: the cost of a record varies (at first each one touches
 * a page of the index of ids never touched before), and the turn still
 * has the panes to update and the screen to draw */
#define BACKLOG_FOLD_MS 8
/* records folded between looks at the clock */
#define BACKLOG_FOLD_STEP 256
/* how many records ahead of the one folded its entry in the index of ids
 * is asked for (incident_prefetch) */
#define BACKLOG_PREFETCH 8

/* The heads of journals as the second thread has parsed them: up to
 * budget bytes of them folded, for BACKLOG_FOLD_MS at most (a piece may
 * be left half folded for the next turn).  Returns the records folded,
 * or -1 when the thread cannot go on (a file gone or replaced under it:
 * it is stopped, and the caller reads the rest itself, as it would
 * have). */
static long fold_pieces(struct store *s, struct incident *inc, size_t budget)
{
	ms_t t0 = clock_mono();
	long total = 0;
	size_t done = 0;

	while (done < budget && clock_mono() - t0 < BACKLOG_FOLD_MS) {
		struct backlog_piece *p = s->piece;
		struct jfile *f;
		struct fold_ctx ctx = { inc, NULL, 0, NULL, 0, NULL };
		struct diags local = { 0 };
		size_t stop;

		if (!p) {
			if (!(p = backlog_take(s->backlog, total ? 0 : BACKLOG_WAIT_MS)))
				break;
			f = s->bfiles[p->job];
			if (p->failed || p->off != f->head_off) {
				backlog_piece_free(p);
				backlog_stop(s->backlog);
				s->backlog = NULL;
				return total ? total : -1;
			}
			s->piece = p;
			s->piece_at = 0;
			s->piece_did = (struct fold_piece){ 0, p->clean };
		}
		f = s->bfiles[p->job];
		ctx.encode = f->pending.buf ? &f->pending : NULL;
		ctx.d = &local;
		stop = s->piece_at + BACKLOG_FOLD_STEP < p->nrecs ? s->piece_at + BACKLOG_FOLD_STEP : p->nrecs;
		for (; s->piece_at < stop; s->piece_at++) {
			if (s->piece_at + 2 * BACKLOG_PREFETCH < p->nrecs)
				__builtin_prefetch(p->recs[s->piece_at + 2 * BACKLOG_PREFETCH]);
			if (s->piece_at + BACKLOG_PREFETCH < p->nrecs)
				incident_prefetch(inc, p->recs[s->piece_at + BACKLOG_PREFETCH]);
			fold_record(&ctx, p->recs[s->piece_at]);
		}
		s->piece_did.encoded += ctx.encoded;
		s->piece_did.clean &= local.n == 0;
		diags_free(&local);
		total += ctx.n;
		if (s->piece_at < p->nrecs)
			continue;	/* the rest of it, if there is time */
		head_read(s, f, p->len, p->lines, s->piece_did.clean, s->piece_did.encoded);
		done += p->len;
		backlog_piece_free(p);
		s->piece = NULL;
	}
	if (!s->piece && backlog_done(s->backlog)) {
		backlog_stop(s->backlog);
		s->backlog = NULL;
	}
	return total;
}

/* Starts the second thread on every head there is to read. */
static void backlog_begin(struct store *s)
{
	struct backlog_job *jobs = NULL;
	size_t n = 0;

	s->backlog_tried = true;
	for (size_t i = 0; i < s->nfiles; i++)
		n += s->files[i]->head_off < s->files[i]->head_end;
	if (!n)
		return;
	jobs = xcalloc(n, sizeof(*jobs));
	s->bfiles = xcalloc(n, sizeof(*s->bfiles));
	n = 0;
	for (size_t i = 0; i < s->nfiles; i++) {
		struct jfile *f = s->files[i];

		if (f->head_off >= f->head_end)
			continue;
		jobs[n] = (struct backlog_job){ f->name, f->path, f->head_off, f->head_end, f->head_line,
						f->dev, f->ino };
		s->bfiles[n++] = f;
	}
	s->backlog = backlog_start(s->dirfd, jobs, n);
	free(jobs);
}

/* store_read_backlog; each: budget bytes from every journal, not in all */
static long read_backlog(struct store *s, struct incident *inc, size_t budget, bool each, off_t *left)
{
	long total = 0;

	/* (not before the first turn that has a budget: the thread would take
	 * a core from the first screen) */
	if (!each && budget && !s->backlog_tried)
		backlog_begin(s);
	if (!each && budget && s->backlog) {
		total = fold_pieces(s, inc, budget);
		if (total >= 0) {
			*left = 0;
			for (size_t i = 0; i < s->nfiles; i++)
				*left += s->files[i]->head_end - s->files[i]->head_off;
			if (total)
				incident_sort(inc);
			return total;
		}
		total = 0;	/* read on here */
	}
	*left = 0;
	for (size_t i = 0; i < s->nfiles; i++) {
		struct jfile *f = s->files[i];
		struct fold_ctx ctx = { inc, NULL, 0, f->pending.buf ? &f->pending : NULL, 0, NULL };
		struct diags local = { 0 };
		struct stat st;
		const char *why;
		size_t want, got = 0, whole;
		char *buf;
		int fd;

		if (f->head_off >= f->head_end)
			continue;
		if (budget == 0) {
			*left += f->head_end - f->head_off;
			continue;
		}
		fd = open_regular(s->dirfd, f->name, &st, &why);
		if (fd >= 0 && (st.st_ino != f->ino || st.st_dev != f->dev) && !same_journal(fd, &st, f)) {
			if (st.st_size < f->offset && f->head_waits++ < 50) {
				/* being copied anew: its head is read once it is whole */
				close(fd);
				*left += f->head_end - f->head_off;
				continue;
			}
			close(fd);
			fd = -1;
		}
		if (fd < 0) {
			f->head_off = f->head_end;	/* gone or rewritten: nothing to trust */
			sb_free(&f->pending);
			continue;
		}
		/* a chunk of whole records: grow it until one fits */
		for (want = budget;; want *= 2) {
			if (want > (size_t)(f->head_end - f->head_off))
				want = (size_t)(f->head_end - f->head_off);
			buf = read_at(fd, f->head_off, want, &got);
			whole = yamlio_complete_prefix(buf, got);
			if (whole || want == (size_t)(f->head_end - f->head_off))
				break;
			free(buf);
		}
		close(fd);
		if (!whole)
			whole = got;	/* the head ends with a whole record by construction */
		ctx.d = &local;
		yamlio_parse_journal(f->path, buf, whole, f->head_line, fold_record, &ctx, &local);
		head_read(s, f, whole, count_lines(buf, whole), local.n == 0, ctx.encoded);
		diags_free(&local);
		free(buf);
		total += ctx.n;
		if (!each)
			budget = whole < budget ? budget - whole : 0;
		*left += f->head_end - f->head_off;
	}
	if (total)
		incident_sort(inc);
	return total;
}

long store_read_backlog(struct store *s, struct incident *inc, size_t budget, off_t *left)
{
	return read_backlog(s, inc, budget, false, left);
}

long store_read_backlog_each(struct store *s, struct incident *inc, size_t budget, off_t *left)
{
	return read_backlog(s, inc, budget, true, left);
}

bool store_journal_name(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && !strncmp(name, "j-", 2) && !strcmp(name + n - 5, ".yaml") && !strchr(name, '/');
}

/* What readers read: loose journals and packs. */
static bool journal_name(const char *name)
{
	return store_journal_name(name) || pack_name(name);
}

/* Opens name in dirfd for reading only if it is a regular file (never a
 * symlink, FIFO or device) and no larger than the limit. */
static int open_regular(int dirfd, const char *name, struct stat *st, const char **why);

int store_open_file(const struct store *s, const char *name, struct stat *st, const char **why)
{
	return open_regular(s->dirfd, name, st, why);
}

static int open_regular(int dirfd, const char *name, struct stat *st, const char **why)
{
	struct stat st2;
	int fd;

	if (fstatat(dirfd, name, st, AT_SYMLINK_NOFOLLOW)) {
		*why = strerror(errno);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*why = S_ISLNK(st->st_mode) ? "a symbolic link, not read" : "not a regular file, not read";
		errno = EINVAL;
		return -1;
	}
	if (st->st_size > STORE_MAX_FILE) {
		*why = "larger than 256 MiB, not read";
		errno = EFBIG;
		return -1;
	}
	if ((fd = openat(dirfd, name, OPEN_READ)) < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st2) || !S_ISREG(st2.st_mode) || st2.st_ino != st->st_ino) {
		close(fd);
		*why = "changed while being opened, not read";
		errno = EINVAL;
		return -1;
	}
	*st = st2;
	return fd;
}

/* open_regular for a name the folder's listing gave with its type
 * (d_type).  A regular file is opened without being looked at first:
 * that look walks the path a second time, which a folder of thousands of
 * small journals pays for each.  Opening whatever may have taken the
 * name since is harmless (O_NOFOLLOW refuses a symlink, O_NONBLOCK
 * spares a FIFO's wait, O_NOCTTY a terminal's claim), and what was
 * opened is held to the same checks, on the open file.  Anything else
 * (another type, DT_UNKNOWN, a failure) goes the careful way, which
 * also says why. */
static int open_listed(int dirfd, const char *name, unsigned char type, struct stat *st, const char **why)
{
	int fd;

	if (type == DT_REG && (fd = openat(dirfd, name, OPEN_READ)) >= 0) {
		if (!fstat(fd, st) && S_ISREG(st->st_mode) && st->st_size <= STORE_MAX_FILE)
			return fd;
		close(fd);
	}
	return open_regular(dirfd, name, st, why);
}

/* A listing is trusted only once the folder's last change is this much
 * older than the listing: a change within the timestamps' granularity
 * (a second on some filesystems) would leave them as they were. */
#define STAMP_RACY_MS 2000

static bool stamp_same(const struct dir_stamp *a, const struct stat *st)
{
	return a->valid && a->dev == st->st_dev && a->ino == st->st_ino && a->size == st->st_size &&
	       a->mtime.tv_sec == st->st_mtim.tv_sec && a->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       a->ctime.tv_sec == st->st_ctim.tv_sec && a->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

/* The folder as it was (st) when a listing began at listed_at. */
static void stamp_take(struct dir_stamp *a, const struct stat *st, ms_t listed_at)
{
	ms_t changed = (ms_t)st->st_mtim.tv_sec * 1000 + st->st_mtim.tv_nsec / 1000000,
	     cchanged = (ms_t)st->st_ctim.tv_sec * 1000 + st->st_ctim.tv_nsec / 1000000;

	a->dev = st->st_dev;
	a->ino = st->st_ino;
	a->size = st->st_size;
	a->mtime = st->st_mtim;
	a->ctime = st->st_ctim;
	a->valid = changed + STAMP_RACY_MS <= listed_at && cchanged + STAMP_RACY_MS <= listed_at;
}

/* Reads what is new in one listed file f: looked at with one stat, and
 * opened only when it grew (or was never read).  *vanished: it was gone
 * when opened. */
static long look_at(struct store *s, struct jfile *f, unsigned char type, struct incident *inc, struct diags *d,
		    unsigned flags, bool *vanished)
{
	struct stat st;
	const char *why;
	long n = 0;
	int jfd;

	if (f == s->wfile || f->refused)
		return 0;
	/* unchanged since the last read: no need to open it (a folder of
	 * thousands of journals is looked at every few hundred ms) */
	if (f->ino && !(flags & STORE_READ_TAILS) &&
	    !fstatat(s->dirfd, f->name, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) &&
	    ((st.st_ino == f->ino && st.st_dev == f->dev && st.st_size == f->size) ||
	     (f->shrank && st.st_ino == f->bad_ino && st.st_size == f->bad_size)))
		return 0;
	if ((jfd = open_listed(s->dirfd, f->name, type, &st, &why)) < 0) {
		if (errno == ENOENT)
			*vanished = true;
		else if (d)
			diags_add(d, DIAG_ERROR, f->path, 1, 1, "%s", why);
		f->refused = true;
		return 0;
	}
	if (f->ino && (st.st_ino != f->ino || st.st_dev != f->dev || st.st_size < f->offset) &&
	    !same_journal(jfd, &st, f)) {
		/* journals only grow: one that was rewritten or cut is not
		 * ours to trust.  One copied anew that is still shorter than
		 * what was read is only being written (git writes a file it
		 * checks out in place): it is looked at again as it grows. */
		bool copying = st.st_ino != f->ino && st.st_size < f->offset;

		if (d && !f->shrank && !copying)
			diags_add(d, DIAG_ERROR, f->path, f->line, 1,
				  "the file was replaced or shortened since it was read; not read again");
		f->shrank |= !copying;
		f->bad_ino = st.st_ino;
		f->bad_size = st.st_size;
		f->closed = false;	/* whatever it becomes, it is looked at */
		close(jfd);
		return 0;
	}
	f->shrank = false;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->size = st.st_size;
	if (st.st_size > f->offset || (flags & STORE_READ_TAILS))
		n = read_journal(jfd, &st, f, s->id, inc, d, flags);
	close(jfd);
	return n;
}

/* One look at the folder: reads what is new in every journal and pack.
 * With STORE_CHANGED_ONLY, and while the folder looks as it did when
 * last listed (no name added, removed or renamed), it is not listed
 * again, and only the files that may still grow are looked at: the cost
 * of a look is then a few system calls, whatever the number of journals
 * or records.  *vanished says whether a file listed was gone when
 * opened. */
static long read_folder(struct store *s, struct incident *inc, struct diags *d, unsigned flags,
			bool *vanished, struct error *e)
{
	DIR *dir;
	struct dirent *de;
	struct stat dst;
	struct listed_name *list = NULL;
	size_t nlist = 0, caplist = 0;
	bool stamped;
	long total = 0;
	ms_t listed_at;
	int fd;

	*vanished = false;
	if ((fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		error_set(e, EXIT_IOERR, "cannot read %s: %s", s->path, strerror(errno));
		return -1;
	}
	/* the folder opened afresh: over NFS, opening is what looks again */
	stamped = !fstat(fd, &dst);
	if (stamped && (flags & STORE_CHANGED_ONLY) && !(flags & STORE_READ_TAILS) && stamp_same(&s->listed, &dst)) {
		size_t w = 0;

		close(fd);
		for (size_t i = 0; i < s->ngrowing; i++) {
			struct jfile *f = s->growing[i];

			total += look_at(s, f, DT_UNKNOWN, inc, d, flags, vanished);
			if (!f->closed && !f->refused)
				s->growing[w++] = f;
		}
		s->ngrowing = w;
		return total;
	}
	listed_at = clock_now();
	if (!(dir = fdopendir(fd))) {
		close(fd);
		error_set(e, EXIT_IOERR, "cannot read %s: %s", s->path, strerror(errno));
		return -1;
	}
	/* listed whole, then sorted and merged with the files known: a
	 * folder of n journals costs n log n, not n^2/2 moves of an array
	 * kept sorted one name at a time (and journals are read in the
	 * order of their names, the order in which they were begun) */
	while ((de = readdir(dir))) {
		if (!journal_name(de->d_name))
			continue;
		if (nlist == caplist) {
			caplist = caplist ? caplist * 2 : 64;
			list = xreallocarray(list, caplist, sizeof(*list));
		}
		list[nlist].name = xstrdup(de->d_name);
		list[nlist].type = de->d_type;
		list[nlist].f = NULL;
		nlist++;
	}
	closedir(dir);
	if (nlist)
		qsort(list, nlist, sizeof(*list), listed_name_cmp);
	jfile_merge(s, list, nlist);
	for (size_t i = 0; i < nlist; i++)
		if (list[i].f)
			total += look_at(s, list[i].f, list[i].type, inc, d, flags, vanished);
	free(list);
	if (stamped)
		stamp_take(&s->listed, &dst, listed_at);
	else
		s->listed.valid = false;
	s->growing = xreallocarray(s->growing, s->nfiles ? s->nfiles : 1, sizeof(*s->growing));
	s->ngrowing = 0;
	for (size_t i = 0; i < s->nfiles; i++)
		if (!s->files[i]->closed && !s->files[i]->refused && s->files[i] != s->wfile)
			s->growing[s->ngrowing++] = s->files[i];
	return total;
}

long store_read(struct store *s, struct incident *inc, struct diags *d, unsigned flags,
		struct error *e)
{
	long total = 0, n;
	bool vanished = true;

	/* A journal listed but gone when opened was packed meanwhile: its
	 * pack was in place before it went, so looking again finds it (a few
	 * times at most, should packers keep racing this reader).  Records
	 * read twice, loose and packed, are taken once (by rev). */
	for (int pass = 0; vanished && pass < 8; pass++) {
		if ((n = read_folder(s, inc, d, flags, &vanished, e)) < 0)
			return -1;
		total += n;
	}
	incident_sort(inc);
	return total;
}

int store_check_file(const char *path, struct incident *inc, struct diags *d, struct error *e)
{
	struct jfile f = { .name = (char *)path, .path = (char *)path, .line = 1 };
	struct stat st;
	const char *why;
	int fd;

	if ((fd = open_regular(AT_FDCWD, path, &st, &why)) < 0) {
		if (errno == ENOENT)
			return error_set(e, EXIT_NOINPUT, "%s: no such file", path);
		diags_add(d, DIAG_ERROR, path, 1, 1, "%s", why);
		return 0;
	}
	read_journal(fd, &st, &f, NULL, inc, d, STORE_READ_TAILS);
	close(fd);
	incident_sort(inc);
	return 0;
}

static int newest_first(const void *pa, const void *pb)
{
	const struct incident *a = *(struct incident *const *)pa, *b = *(struct incident *const *)pb;

	if (a->info.created != b->info.created)
		return a->info.created > b->info.created ? -1 : 1;
	return strcmp(b->id, a->id);
}

/* What the journals and packs of incident folder id (in rootfd) look
 * like, as one number: names, inodes, sizes, modification and change
 * times.  0 when it cannot be read. */
static uint64_t folder_signature(int rootfd, const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	struct dirent *de;
	DIR *dir;
	int fd;

	if ((fd = openat(rootfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return 0;
	}
	while ((de = readdir(dir))) {
		struct stat st;
		uint64_t x = 0xcbf29ce484222325ULL;

		if (!journal_name(de->d_name) || fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;
		for (const char *c = de->d_name; *c; c++)
			x = (x ^ (unsigned char)*c) * 0x100000001b3ULL;
		x ^= (uint64_t)st.st_ino * 0x9E3779B97F4A7C15ULL;
		x ^= (uint64_t)st.st_size * 0xC2B2AE3D27D4EB4FULL;
		x ^= ((uint64_t)st.st_mtim.tv_sec * 1000000000ULL + (uint64_t)st.st_mtim.tv_nsec) * 0x165667B19E3779F9ULL;
		x ^= ((uint64_t)st.st_ctim.tv_sec * 1000000000ULL + (uint64_t)st.st_ctim.tv_nsec) * 0x27D4EB2F165667C5ULL;
		h += x * 0xFF51AFD7ED558CCDULL + (x >> 29);	/* in any order of the entries */
	}
	closedir(dir);
	return h ? h : 1;
}

static int listed_newest_first(const void *pa, const void *pb)
{
	const struct listed *a = pa, *b = pb;

	return newest_first(&a->inc, &b->inc);
}

static int listed_by_id(const void *pa, const void *pb)
{
	const struct listed *a = pa, *b = pb;

	return strcmp(a->inc->id, b->inc->id);
}

/* For bsearch: an id against a summary. */
static int id_vs_listed(const void *id, const void *pb)
{
	const struct listed *b = pb;

	return strcmp(id, b->inc->id);
}

void store_listed_free(struct listed *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		incident_free(v[i].inc);
	free(v);
}

int store_list_again(const char *root, struct listed **io, size_t *io_n, struct diags *d, struct error *e)
{
	struct listed *prev = *io, *v = NULL;
	size_t nprev = *io_n, n = 0, cap = 0;
	DIR *dir;
	struct dirent *de;
	int rootfd, rc;

	bool *taken;

	if ((rc = open_dir(root, true, &rootfd, e))) {
		if (rc != EXIT_NOINPUT)
			return rc;	/* the last list stays as it was */
		e->code = 0;	/* no shared directory yet: no incidents */
		store_listed_free(prev, nprev);
		*io = NULL;
		*io_n = 0;
		return 0;
	}
	if (!(dir = fdopendir(rootfd))) {
		close(rootfd);
		return error_set(e, EXIT_IOERR, "cannot read %s: %s", root, strerror(errno));
	}
	/* the last list, by id, to find what is unchanged */
	taken = xcalloc(nprev ? nprev : 1, sizeof(*taken));
	if (nprev)
		qsort(prev, nprev, sizeof(*prev), listed_by_id);
	while ((de = readdir(dir))) {
		struct store *s;
		struct incident *inc = NULL;
		struct listed *was;
		struct error ignore;
		uint64_t sig;

		if (!store_valid_id(de->d_name))
			continue;
		sig = folder_signature(rootfd, de->d_name);
		was = nprev ? bsearch(de->d_name, prev, nprev, sizeof(*prev), id_vs_listed) : NULL;
		if (was && sig && was->sig == sig && !taken[was - prev]) {
			inc = was->inc;	/* nothing changed in it */
			taken[was - prev] = true;
		} else {
			if (store_open(root, de->d_name, &s, &ignore))
				continue;
			inc = incident_new(de->d_name);
			/* the incident's own records only: a huge incident costs
			 * a scan of its bytes, not a parse of them */
			store_read(s, inc, d, STORE_INCIDENT_ONLY, &ignore);
			store_close(s);
		}
		if (!inc->info.e.created) {
			incident_free(inc);	/* being created, or not an incident */
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].inc = inc;
		v[n++].sig = sig;
	}
	closedir(dir);
	for (size_t i = 0; i < nprev; i++)
		if (!taken[i])
			incident_free(prev[i].inc);
	free(prev);
	free(taken);
	if (n)
		qsort(v, n, sizeof(*v), listed_newest_first);
	*io = v;
	*io_n = n;
	return 0;
}

int store_list(const char *root, struct incident ***out, size_t *n, struct diags *d,
	       struct error *e)
{
	struct listed *v = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_list_again(root, &v, n, d, e)))
		return rc;
	if (*n) {
		*out = xreallocarray(NULL, *n, sizeof(**out));
		for (size_t i = 0; i < *n; i++)
			(*out)[i] = v[i].inc;
	}
	free(v);
	return 0;
}

/* ---- presence ---- */

int store_presence_join(struct store *s, struct error *e)
{
	char rnd[8], *tmp;
	const char *author = store_author();
	int fd;

	if (s->pfd >= 0)
		return 0;
	random_id(rnd, "", 6);
	s->pname = xasprintf(".presence-%s-%ld-%s", host_tag(), (long)getpid(), rnd);
	tmp = xasprintf(".tmp-%s", s->pname);
	fd = openat(s->dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	/* author, what it shows (nothing yet), the account: a follower
	 * trusts the file only if that account owns it */
	if (fd < 0 || fchmod(fd, 0644) || write_full(fd, author, strlen(author)) || write_full(fd, "\n\n", 2) ||
	    write_full(fd, store_account(), strlen(store_account())) || write_full(fd, "\n", 1) ||
	    renameat(s->dirfd, tmp, s->dirfd, s->pname)) {
		int err = errno;

		if (fd >= 0) {
			close(fd);
			unlinkat(s->dirfd, tmp, 0);
		}
		free(tmp);
		free(s->pname);
		s->pname = NULL;
		return error_set(e, errno_code(err), "cannot mark presence in %s: %s", s->path, strerror(err));
	}
	free(tmp);
	s->pfd = fd;
	return 0;
}

void store_presence_touch(struct store *s)
{
	if (s->pfd >= 0)
		futimens(s->pfd, NULL);
}

void store_presence_say(struct store *s, const char *info)
{
	struct strbuf sb = STRBUF_INIT;

	if (s->pfd < 0)
		return;
	/* our own small file: rewritten in place, one write */
	sb_addf(&sb, "%s\n%s\n%s\n", store_author(), info, store_account());
	if (pwrite(s->pfd, sb.buf, sb.len, 0) == (ssize_t)sb.len)
		ftruncate(s->pfd, (off_t)sb.len);
	sb_free(&sb);
}

void store_presence_leave(struct store *s)
{
	if (s->pfd < 0)
		return;
	close(s->pfd);
	unlinkat(s->dirfd, s->pname, 0);
	free(s->pname);
	s->pname = NULL;
	s->pfd = -1;
}

static int presence_cmp(const void *pa, const void *pb)
{
	const struct presence *a = pa, *b = pb;

	return strcmp(a->author, b->author);
}

/* A planted crowd of presence files must not cost every session: at
 * most this many are looked at per scan, this many of the fresh ones
 * read, and none larger than this. */
#define PRESENCE_MAX_LOOKED 1024
#define PRESENCE_MAX_READ 64
#define PRESENCE_MAX_SIZE 1024

/* Is the presence file's owner (uid) the account it names? */
static bool presence_owned(uid_t uid, const char *account)
{
	char *owner;
	bool ok;

	if (!account || !account[0])
		return false;
	owner = store_account_name(uid);
	ok = !strcmp(owner, account);
	free(owner);
	return ok;
}

/* The names of the presence files (at most PRESENCE_MAX_LOOKED), listed
 * again only when the folder changed since the last listing: a folder of
 * thousands of journals is not read every few seconds to find them. */
static void presence_list(struct store *s)
{
	struct dirent *de;
	struct stat dst;
	ms_t listed_at;
	DIR *dir;
	int fd;
	bool stamped;

	if ((fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	stamped = !fstat(fd, &dst);
	if (stamped && stamp_same(&s->plisted, &dst)) {
		close(fd);
		return;
	}
	listed_at = clock_now();
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	for (size_t i = 0; i < s->npnames; i++)
		free(s->pnames[i]);
	s->npnames = 0;
	while ((de = readdir(dir)) && s->npnames < PRESENCE_MAX_LOOKED) {
		if (strncmp(de->d_name, ".presence-", 10))
			continue;
		if (!s->pnames)
			s->pnames = xreallocarray(NULL, PRESENCE_MAX_LOOKED, sizeof(*s->pnames));
		s->pnames[s->npnames++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (stamped)
		stamp_take(&s->plisted, &dst, listed_at);
	else
		s->plisted.valid = false;
}

size_t store_presence(struct store *s, struct presence **out)
{
	struct presence *v = NULL;
	size_t n = 0, cap = 0, hl = strlen(host_tag());
	ms_t now = clock_now();

	*out = NULL;
	presence_list(s);
	for (size_t i = 0; i < s->npnames && n < PRESENCE_MAX_READ; i++) {
		const char *name = s->pnames[i];
		struct stat st;
		const char *why, *rest;
		char buf[512];
		ssize_t len;
		ms_t seen;
		int pf;
		char *nl;

		char *account = NULL;

		rest = name + 10;
		/* stale or oversize ones are not even opened */
		if (fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode) ||
		    st.st_size > PRESENCE_MAX_SIZE)
			continue;
		seen = (ms_t)st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
		if (!strncmp(rest, host_tag(), hl) && rest[hl] == '-') {
			long pid = strtol(rest + hl + 1, NULL, 10);

			if (pid > 0 && !pid_running(pid)) {
				unlinkat(s->dirfd, name, 0);	/* its session died */
				continue;
			}
		}
		if (now - seen > PRESENCE_FRESH_MS)
			continue;
		if ((pf = open_regular(s->dirfd, name, &st, &why)) < 0)
			continue;
		len = read(pf, buf, sizeof(buf) - 1);
		close(pf);
		buf[len > 0 ? len : 0] = '\0';
		nl = strchr(buf, '\n');
		if (nl) {
			*nl++ = '\0';
			if ((account = strchr(nl, '\n'))) {
				*account++ = '\0';
				account[strcspn(account, "\n")] = '\0';
			}
		}
		/* what it shows is followed only when the account it names owns
		 * the file: anyone can plant a file naming a presenter */
		if (nl && !presence_owned(st.st_uid, account))
			nl = NULL;
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].author = xstrdup(buf[0] ? buf : "?");
		v[n].host = xstrndup(rest, strcspn(rest, "-"));
		v[n].info = xstrdup(nl ? nl : "");
		v[n].seen = seen;
		v[n].self = s->pname && !strcmp(name, s->pname);
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), presence_cmp);
	*out = v;
	return n;
}

void presence_free(struct presence *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].author);
		free(p[i].host);
		free(p[i].info);
	}
	free(p);
}

/* ---- files outside the shared directory ---- */

int store_write_file(const char *path, const char *buf, size_t len, struct error *e)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	int rc = 0;

	if (fd < 0) {
		rc = error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	if (write_full(fd, buf, len))
		rc = error_set(e, EXIT_IOERR, "cannot write %s: %s", tmp, strerror(errno));
	if (!rc && fsync(fd))
		rc = error_set(e, EXIT_IOERR, "cannot write %s: %s", tmp, strerror(errno));
	if (close(fd) && !rc)
		rc = error_set(e, EXIT_IOERR, "cannot write %s: %s", tmp, strerror(errno));
	if (!rc && rename(tmp, path))
		rc = error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", path, strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

int store_edit_external(const char *text, char **out, struct error *e)
{
	const char *editor = getenv("VISUAL"), *dir = getenv("TMPDIR");
	char *path, *cmd;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	int fd, status, rc = 0;

	if (!editor || !editor[0])
		editor = getenv("EDITOR");
	if (!editor || !editor[0])
		editor = "vi";
	path = xasprintf("%s/scribe-edit-XXXXXX", dir && dir[0] ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		rc = error_set(e, EXIT_CANTCREAT, "cannot create a temporary file: %s", strerror(errno));
		free(path);
		return rc;
	}
	/* a text file ends with a newline, as editors expect */
	if (write_full(fd, text, strlen(text)) || (text[0] && write_full(fd, "\n", 1)) || close(fd)) {
		rc = error_set(e, EXIT_IOERR, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return rc;
	}
	/* the editor is a command line, as for git and mutt; the file name is
	 * ours (no quoting needed: mkstemp's letters) */
	cmd = xasprintf("%s '%s'", editor, path);
	status = system(cmd);
	free(cmd);
	if (status != 0) {
		rc = error_set(e, EXIT_SOFTWARE, "the editor (%s) did not finish cleanly; nothing changed", editor);
	} else if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		rc = error_set(e, EXIT_IOERR, "cannot read %s back: %s", path, strerror(errno));
	} else {
		while ((n = read(fd, buf, sizeof(buf))) > 0 && sb.len < 1024 * 1024)
			sb_add(&sb, buf, (size_t)n);
		close(fd);
		/* the newline editors leave at the end is not part of the text */
		while (sb.len && strchr(" \t\r\n", sb.buf[sb.len - 1]))
			sb.buf[--sb.len] = '\0';
		*out = sb_detach(&sb);
	}
	unlink(path);
	free(path);
	sb_free(&sb);
	return rc;
}

/* ---- reading everything again, for history ---- */

struct scan_ctx {
	yamlio_record_fn fn;
	void *ctx;
	long n;
};

static void scan_record(void *vctx, struct record *r)
{
	struct scan_ctx *c = vctx;

	r->file = NULL;	/* the path is freed before the caller looks */
	c->n++;
	c->fn(c->ctx, r);
}

/* Parses the records of buf[0..len) that may be about only: the
 * documents that hold its id at all (a record names its entity's id
 * as written; one that spells it with YAML escapes is not found). */
static void scan_only(const char *path, const char *buf, size_t len, const char *only,
		      struct scan_ctx *c, struct diags *quiet)
{
	size_t pos = 0, n = strlen(only);
	const char *hit;

	/* records end with a "..." line: a hit's record runs from the end
	 * of the one before to its own end */
	while (pos < len && (hit = memmem(buf + pos, len - pos, only, n))) {
		size_t start = (size_t)(hit - buf), stop;
		const char *end = memmem(hit, len - start, "\n...\n", 5);

		while (start > pos && !(start >= 5 && !memcmp(buf + start - 5, "\n...\n", 5)))
			start--;
		stop = end ? (size_t)(end - buf) + 5 : len;
		yamlio_parse_journal(path, buf + start, stop - start, 1, scan_record, c, quiet);
		pos = stop;
	}
}

/* One look at the folder for store_scan; *vanished: a file listed was
 * gone when opened (a journal merged into a pack meanwhile). */
static int scan_folder(struct store *s, const char *only, struct scan_ctx *c, bool *vanished,
		       struct error *e)
{
	DIR *dir;
	struct dirent *de;
	int fd;

	*vanished = false;
	if ((fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || !(dir = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return error_set(e, EXIT_IOERR, "cannot read %s: %s", s->path, strerror(errno));
	}
	while ((de = readdir(dir))) {
		struct diags quiet = { 0 };
		struct stat st;
		const char *why;
		size_t got, whole;
		char *buf, *path;
		int jfd;

		if (!journal_name(de->d_name))
			continue;
		if ((jfd = open_regular(s->dirfd, de->d_name, &st, &why)) < 0) {
			*vanished |= errno == ENOENT;
			continue;
		}
		buf = read_at(jfd, 0, (size_t)st.st_size, &got);
		close(jfd);
		whole = yamlio_complete_prefix(buf, got);
		path = xasprintf("%s/%s", s->path, de->d_name);
		/* problems were reported when the incident was read */
		if (only)
			scan_only(path, buf, whole, only, c, &quiet);
		else
			yamlio_parse_journal(path, buf, whole, 1, scan_record, c, &quiet);
		diags_free(&quiet);
		free(path);
		free(buf);
	}
	closedir(dir);
	return 0;
}

long store_scan(struct store *s, const char *only, yamlio_record_fn fn, void *ctx, struct error *e)
{
	struct scan_ctx c = { fn, ctx, 0 };
	bool vanished = true;

	/* what vanished is in a file that was in place before it went:
	 * looking again finds it (records seen twice are the caller's to
	 * take once, by rev) */
	for (int tries = 0; vanished && tries < 3; tries++)
		if (scan_folder(s, only, &c, &vanished, e))
			return -1;
	return c.n;
}
