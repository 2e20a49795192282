/* The shared directory synchronised through git: see sync.h.
 *
 * Every git command runs as a child with its output in pipes, a time
 * limit for the steps that talk to the remote, no terminal prompts when
 * quiet (a background sync must never write over the screen or wait for
 * a password), and in its own process group so that a hung ssh goes
 * with it. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scribe/clock.h"
#include "scribe/config.h"
#include "scribe/publish.h"
#include "scribe/store.h"
#include "scribe/pack.h"
#include "scribe/sync.h"
#include "scribe/yamlio.h"

const char sync_gitignore[] =
	"# Kept by scribe sync: only the incidents' journals and packs are\n"
	"# shared; presence files, temporary files and anything else stay on\n"
	"# the host that made them.  See scribe(5), SYNCHRONISING.\n"
	"/*\n"
	"!/.gitignore\n"
	"!/*/\n"
	"/*/*\n"
	"!/*/j-*.yaml\n"
	"!/*/pack-*.yaml\n"
	"!/.gitattributes\n"
	"!/_reports/*.md\n";

/* Published reports are made again after every merge: where two hosts
 * published different versions, a merge keeps this host's (the driver
 * "true" leaves it as it is), and publishing then writes the merged
 * state. */
const char sync_gitattributes[] =
	"# Kept by scribe sync: see scribe(5), SYNCHRONISING.\n"
	"/_reports/*.md merge=scribe-reports\n";

#define MAX_TRIES 6

struct git {
	const char *dir;	/* where git runs */
	bool quiet;		/* no terminal: setsid, no prompts */
	int timeout;		/* seconds, 0: none */
};

/* Runs git ARGS... in g->dir with input on its stdin; its stdout and
 * stderr go to out and err (either may be NULL).  Returns its exit
 * status, 124 when it ran out of time, 127 when it could not run. */
static int run_git(const struct git *g, const char *input, size_t inlen, struct strbuf *out, struct strbuf *err,
		   const char *const *args)
{
	int pin[2], pout[2], perr[2], status = 0;
	const char *argv[32];
	size_t argc = 0, done = 0;
	ms_t t0;
	pid_t pid;
	bool killed = false;

	argv[argc++] = "git";
	argv[argc++] = "-C";
	argv[argc++] = g->dir;
	for (size_t i = 0; args[i] && argc < 31; i++)
		argv[argc++] = args[i];
	argv[argc] = NULL;
	if (pipe(pin))
		return 127;
	if (pipe(pout)) {
		close(pin[0]);
		close(pin[1]);
		return 127;
	}
	if (pipe(perr)) {
		close(pin[0]);
		close(pin[1]);
		close(pout[0]);
		close(pout[1]);
		return 127;
	}
	/* only the child's copies, duplicated onto 0, 1 and 2, stay open in git */
	for (int i = 0; i < 2; i++) {
		fcntl(pin[i], F_SETFD, FD_CLOEXEC);
		fcntl(pout[i], F_SETFD, FD_CLOEXEC);
		fcntl(perr[i], F_SETFD, FD_CLOEXEC);
	}
	t0 = clock_mono();
	if ((pid = fork()) < 0) {
		for (int i = 0; i < 2; i++) {
			close(pin[i]);
			close(pout[i]);
			close(perr[i]);
		}
		return 127;
	}
	if (pid == 0) {
		if (g->quiet)
			setsid();
		else
			setpgid(0, 0);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(perr[1], 2);
		setenv("GIT_TERMINAL_PROMPT", "0", 1);
		setenv("GIT_MERGE_AUTOEDIT", "no", 1);
		setenv("LC_ALL", "C", 1);
		if (g->quiet && !getenv("GIT_SSH_COMMAND"))
			setenv("GIT_SSH_COMMAND", "ssh -o BatchMode=yes", 1);
		execvp("git", (char *const *)argv);
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	if (!input) {
		close(pin[1]);
		pin[1] = -1;
	} else {
		fcntl(pin[1], F_SETFL, O_NONBLOCK);
	}
	for (int open = 2; open > 0 || pin[1] >= 0;) {
		struct pollfd p[3] = { { pout[0], POLLIN, 0 }, { perr[0], POLLIN, 0 }, { pin[1], POLLOUT, 0 } };
		int wait = -1;

		if (g->timeout && !killed) {
			long ms;

			ms = (long)(clock_mono() - t0);
			if (ms >= g->timeout * 1000L) {
				kill(-pid, SIGKILL);
				kill(pid, SIGKILL);
				killed = true;
			} else {
				wait = (int)(g->timeout * 1000L - ms);
			}
		}
		if (poll(p, 3, wait) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			char buf[8192];
			ssize_t n;
			struct strbuf *to = i ? err : out;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n > 0) {
				if (to)
					sb_add(to, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(p[i].fd);
				if (i)
					perr[0] = -1;
				else
					pout[0] = -1;
				open--;
			}
		}
		if (pin[1] >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t n = write(pin[1], input + done, inlen - done);

			if (n > 0)
				done += (size_t)n;
			if ((n < 0 && errno != EAGAIN && errno != EINTR) || done == inlen) {
				close(pin[1]);
				pin[1] = -1;
			}
		}
	}
	if (pin[1] >= 0)
		close(pin[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (killed)
		return 124;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

#define GIT(g, out, err, ...) run_git((g), NULL, 0, (out), (err), (const char *const[]){ __VA_ARGS__, NULL })

/* The last non-empty line of a command's stderr, for a message. */
static const char *last_line(struct strbuf *sb)
{
	char *s = (char *)sb_str(sb), *p;

	while (sb->len && (s[sb->len - 1] == '\n' || s[sb->len - 1] == ' '))
		s[--sb->len] = '\0';
	p = strrchr(s, '\n');
	return p ? p + 1 : s;
}

static void chomp(struct strbuf *sb)
{
	(void)last_line(sb);
}

bool sync_is_repo(const char *root)
{
	struct git g = { root, true, 10 };
	struct strbuf out = STRBUF_INIT;
	bool yes = GIT(&g, &out, NULL, "rev-parse", "--is-inside-work-tree") == 0;

	yes = yes && !strncmp(sb_str(&out), "true", 4);
	sb_free(&out);
	return yes;
}

/* ---- the saved state ---- */

static char *status_path(const char *gitdir)
{
	return xasprintf("%s/scribe-sync.status", gitdir);
}

static void save_status(const char *gitdir, const struct sync_status *st)
{
	char *path = status_path(gitdir), *tmp = xasprintf("%s.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");

	if (f) {
		fprintf(f, "state %d\nahead %ld\nlast_ok %lld\nsince %lld\nremote %s\nmsg %s\n", (int)st->state, st->ahead,
			(long long)st->last_ok, (long long)st->since, st->remote, st->msg);
		if (fclose(f) == 0 && rename(tmp, path) == 0) {
			free(tmp);
			free(path);
			return;
		}
	}
	unlink(tmp);
	free(tmp);
	free(path);
}

static void load_status(const char *gitdir, struct sync_status *st)
{
	char *path = status_path(gitdir), line[700];
	FILE *f = fopen(path, "r");

	memset(st, 0, sizeof(*st));
	free(path);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ' ');

		if (!v)
			continue;
		*v++ = '\0';
		v[strcspn(v, "\n")] = '\0';
		if (!strcmp(line, "state")) {
			int s = atoi(v);

			st->state = s >= SYNC_NONE && s <= SYNC_FAILED ? (enum sync_state)s : SYNC_NONE;
		} else if (!strcmp(line, "ahead")) {
			st->ahead = atol(v);
		} else if (!strcmp(line, "last_ok")) {
			st->last_ok = (time_t)atoll(v);
		} else if (!strcmp(line, "since")) {
			st->since = (time_t)atoll(v);
		} else if (!strcmp(line, "remote")) {
			snprintf(st->remote, sizeof(st->remote), "%s", v);
		} else if (!strcmp(line, "msg")) {
			snprintf(st->msg, sizeof(st->msg), "%s", v);
		}
	}
	fclose(f);
}

static int git_dir(const char *root, struct strbuf *gitdir)
{
	struct git g = { root, true, 10 };
	int rc = GIT(&g, gitdir, NULL, "rev-parse", "--absolute-git-dir");

	chomp(gitdir);
	return rc;
}

void sync_status(const char *root, struct sync_status *st)
{
	struct strbuf gd = STRBUF_INIT;

	memset(st, 0, sizeof(*st));
	if (!git_dir(root, &gd))
		load_status(sb_str(&gd), st);
	sb_free(&gd);
}

void sync_describe(const struct sync_status *st, char *buf, size_t n)
{
	char when[32] = "";

	if (st->since) {
		struct tm tm;

		localtime_r(&st->since, &tm);
		strftime(when, sizeof(when), time(NULL) - st->since > 20 * 3600 ? "%Y-%m-%d %H:%M" : "%H:%M", &tm);
	}
	switch (st->state) {
	case SYNC_NONE:
		snprintf(buf, n, "not synchronised yet");
		break;
	case SYNC_IN_STEP:
		snprintf(buf, n, "in step with %s", st->remote);
		break;
	case SYNC_AHEAD:
		snprintf(buf, n, "%ld commit%s not pushed to %s yet%s%s", st->ahead, st->ahead == 1 ? "" : "s", st->remote,
			 st->msg[0] ? ": " : "", st->msg);
		break;
	case SYNC_OFFLINE:
		snprintf(buf, n, "offline since %s (%s: %s)%s", when, st->remote, st->msg,
			 st->ahead ? "; this host's records are kept and go out when it is back" : "");
		break;
	case SYNC_FAILED:
		snprintf(buf, n, "failing since %s: %s", when, st->msg);
		break;
	}
}

/* ---- staging: whole records of this folder's journals ---- */

/* A published report (DIR/_reports/NAME.md): rewritten, not appended. */
static bool is_report(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	if (!base || base - path < 8 || strncmp(base - 8, PUBLISH_SYNCED_DIR, 8) || (base - path > 8 && base[-9] != '/'))
		return false;
	n = strlen(base + 1);
	return n > 3 && !strcmp(base + 1 + n - 3, ".md");
}

static bool is_shared_file(const char *path)
{
	const char *base = strrchr(path, '/');

	if (!base)
		return !strcmp(path, ".gitignore") || !strcmp(path, ".gitattributes");
	if (is_report(path))
		return true;
	base++;
	if (!strcmp(base, ".gitignore") || !strcmp(base, ".gitattributes"))
		return true;
	return (!strncmp(base, "j-", 2) || !strncmp(base, "pack-", 5)) && strlen(base) > 5 &&
	       !strcmp(base + strlen(base) - 5, ".yaml");
}

/* The length of a journal's whole records: up to the end of its last
 * "...\n" line (a record being written waits for the next sync), or the
 * whole file when it ends with the closing line after them (its writer
 * is done: scribe/pack.h).  Reads only the tail of a long file, unless
 * the last record is longer. */
static off_t whole_records(int fd, off_t size)
{
	static const char end[] = "\n...\n";
	static const char closed[] = "\n...\n" PACK_CLOSED_LINE;
	off_t from = size > 65536 ? size - 65536 : 0;

	if (size >= (off_t)sizeof(closed) - 1) {
		char tail[sizeof(closed)];

		if (pread(fd, tail, sizeof(closed) - 1, size - (off_t)(sizeof(closed) - 1)) ==
		    (ssize_t)(sizeof(closed) - 1) && !memcmp(tail, closed, sizeof(closed) - 1))
			return size;
	}

	for (;;) {
		size_t n = (size_t)(size - from);
		char *buf = xmalloc(n + 1);
		ssize_t got = pread(fd, buf, n, from);
		off_t found = -1;

		if (got == (ssize_t)n) {
			if (from == 0 && n >= 4 && !memcmp(buf, "...\n", 4))
				found = 4;
			for (size_t i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;) {
				if (!memcmp(buf + i, end, 5)) {
					found = from + (off_t)i + 5;
					break;
				}
			}
		}
		free(buf);
		if (found >= 0 || got != (ssize_t)n || from == 0)
			return found < 0 ? 0 : found;
		from = from > 1048576 ? from - 1048576 : 0;
	}
}

/* A sorted set of revs. */
struct revs {
	char **v;
	size_t n, cap;
};

struct stage {
	struct strbuf add;	/* NUL-separated paths for `git add` */
	size_t nadd, ncut, nrestored, nrefused, npacked;
	struct strbuf problems;
	char *pack_dir;		/* the folder whose packs' revs are in pack_revs */
	struct revs pack_revs;
};

static void rev_take(void *ctx, struct record *r)
{
	struct revs *s = ctx;

	if (s->n == s->cap)
		s->v = xreallocarray(s->v, s->cap = s->cap ? s->cap * 2 : 256, sizeof(*s->v));
	s->v[s->n++] = xstrdup(r->rev);
	record_free(r);
}

static int revstr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void revs_free(struct revs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The revs of buf's whole records; false when any does not read cleanly. */
static bool revs_of(const char *name, const char *buf, size_t len, struct revs *out)
{
	struct diags d = { 0 };
	bool ok;

	yamlio_parse_journal(name, buf, yamlio_complete_prefix(buf, len), 1, rev_take, out, &d);
	ok = d.n == 0;
	diags_free(&d);
	return ok;
}

/* Loads the revs of the packs in dir (a folder of the working tree). */
static void load_pack_revs(struct stage *sg, const char *dir)
{
	DIR *d;
	struct dirent *de;

	if (sg->pack_dir && !strcmp(sg->pack_dir, dir))
		return;
	free(sg->pack_dir);
	sg->pack_dir = xstrdup(dir);
	revs_free(&sg->pack_revs);
	if (!(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		char *full;
		struct stat st;
		int fd;

		if (!pack_name(de->d_name))
			continue;
		full = xasprintf("%s/%s", dir, de->d_name);
		fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		free(full);
		if (fd < 0)
			continue;
		if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size <= STORE_MAX_FILE) {
			char *buf = xmalloc((size_t)st.st_size + 1);

			if (pread(fd, buf, (size_t)st.st_size, 0) == (ssize_t)st.st_size)
				revs_of(de->d_name, buf, (size_t)st.st_size, &sg->pack_revs);
			free(buf);
		}
		close(fd);
	}
	closedir(d);
	if (sg->pack_revs.n)
		qsort(sg->pack_revs.v, sg->pack_revs.n, sizeof(*sg->pack_revs.v), revstr_cmp);
}

/* Whether a journal removed from the working tree was packed: every
 * record it held when last staged is in a pack beside it.  Then its
 * removal is shared; otherwise it comes back. */
static bool journal_packed(const struct git *top, const char *path, const char *full, struct stage *sg)
{
	struct strbuf blob = STRBUF_INIT;
	struct revs j = { 0 };
	char *spec = xasprintf(":%s", path), *dir = xstrdup(full);
	bool packed = false;

	if (strrchr(dir, '/'))
		*strrchr(dir, '/') = '\0';
	if (!GIT(top, &blob, NULL, "show", spec) && revs_of(path, blob.buf ? blob.buf : "", blob.len, &j) && j.n) {
		load_pack_revs(sg, dir);
		packed = sg->pack_revs.n > 0;
		for (size_t i = 0; i < j.n && packed; i++)
			packed = bsearch(&j.v[i], sg->pack_revs.v, sg->pack_revs.n, sizeof(*sg->pack_revs.v),
					 revstr_cmp) != NULL;
	}
	revs_free(&j);
	sb_free(&blob);
	free(spec);
	free(dir);
	return packed;
}

/* Stages one changed file (path relative to the top of the tree). */
static void stage_file(const struct git *top, const char *path, char x, char y, struct stage *sg)
{
	char *full = xasprintf("%s/%s", top->dir, path);
	struct stat st;
	int fd;

	if (y == 'D' && !strncmp(strrchr(path, '/') ? strrchr(path, '/') + 1 : path, "j-", 2) &&
	    journal_packed(top, path, full, sg)) {
		/* packed (scribe pack): its records are in a pack beside it */
		if (GIT(top, NULL, NULL, "rm", "--cached", "--quiet", "--", path) == 0)
			sg->npacked++;
		free(full);
		return;
	}
	if (y == 'D') {
		/* a shared file removed by hand: it comes back, nobody's
		 * records are lost */
		if (GIT(top, NULL, NULL, "checkout", "--", path) == 0)
			sg->nrestored++;
		sb_addf(&sg->problems, "%s: removed on this host; restored from the last sync\n", path);
		free(full);
		return;
	}
	if (strrchr(path, '/') == NULL || is_report(path) || !strcmp(strrchr(path, '/'), "/.gitignore") ||
	    !strcmp(strrchr(path, '/'), "/.gitattributes")) {
		sb_add(&sg->add, path, strlen(path) + 1);
		sg->nadd++;
		free(full);
		return;
	}
	if (x != '?') {
		/* tracked: it may only have grown */
		struct strbuf out = STRBUF_INIT;

		GIT(top, &out, NULL, "diff", "--numstat", "--", path);
		if (out.len && strtol(sb_str(&out) + strcspn(sb_str(&out), "\t") + 1, NULL, 10) != 0) {
			sb_addf(&sg->problems, "%s: changed other than by adding records; not synchronised (see scribe(5))\n",
				path);
			sg->nrefused++;
			sb_free(&out);
			free(full);
			return;
		}
		sb_free(&out);
	}
	if ((fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		free(full);
		return;
	}
	{
		off_t whole = whole_records(fd, st.st_size);

		if (whole == st.st_size) {
			sb_add(&sg->add, path, strlen(path) + 1);
			sg->nadd++;
		} else if (whole > 0) {
			/* the whole records only, as a blob of their own */
			char *buf = xmalloc((size_t)whole);
			struct strbuf sha = STRBUF_INIT;

			if (pread(fd, buf, (size_t)whole, 0) == (ssize_t)whole &&
			    run_git(top, buf, (size_t)whole, &sha, NULL,
				    (const char *const[]){ "hash-object", "-w", "--stdin", NULL }) == 0) {
				char *info;

				chomp(&sha);
				info = xasprintf("100644,%s,%s", sb_str(&sha), path);
				if (GIT(top, NULL, NULL, "update-index", "--add", "--cacheinfo", info) == 0)
					sg->ncut++;
				free(info);
			}
			sb_free(&sha);
			free(buf);
		}
	}
	close(fd);
	free(full);
}

static int stage_all(const struct git *top, const char *rel, struct stage *sg)
{
	struct strbuf out = STRBUF_INIT;
	int rc = GIT(top, &out, NULL, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", rel);

	for (size_t i = 0; !rc && i + 3 < out.len;) {
		const char *ent = out.buf + i;
		size_t len = strlen(ent);
		char x = ent[0], y = ent[1];

		i += len + 1;
		if (x == 'R' || x == 'C')	/* the rename's source follows */
			i += strlen(out.buf + i) + 1;
		if (is_shared_file(ent + 3) && (y != ' ' || x == '?'))
			stage_file(top, ent + 3, x, y, sg);
	}
	sb_free(&out);
	if (!rc && sg->add.len)
		rc = run_git(top, sg->add.buf, sg->add.len, NULL, NULL,
			     (const char *const[]){ "add", "--pathspec-from-file=-", "--pathspec-file-nul", "--", NULL });
	return rc;
}

/* Writes root/name with text when it does not hold exactly that. */
static void keep_file(const char *root, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", root, name), buf[1024];
	size_t len = strlen(text);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;

	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)len || memcmp(buf, text, len)) {
		char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());

		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd >= 0 && write(fd, text, len) == (ssize_t)len && !fsync(fd) && !close(fd)) {
			fd = -1;
			if (rename(tmp, path))
				unlink(tmp);
		} else {
			if (fd >= 0)
				close(fd);
			unlink(tmp);
		}
		free(tmp);
	}
	free(path);
}

/* The configured publish folder, when it is the synchronised one. */
static void publish_here(const char *root, bool quiet)
{
	const char *dir = config_get(NULL)->publish_dir;
	struct publish_result r;
	struct diags d = { 0 };
	struct error e = { 0 };

	if (!dir)
		return;
	if (publish(root, dir, &r, &d, &e) && !quiet)
		fprintf(stderr, "scribe: publish: %s\n", e.msg);
	diags_free(&d);
}

static void note(const struct sync_options *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(const struct sync_options *o, const char *fmt, ...)
{
	va_list ap;

	if (o->quiet)
		return;
	va_start(ap, fmt);
	fputs("scribe: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* Commits what is staged, if anything: "scribe sync from HOST: N files".
 * Without a git identity, the author's name and ACCOUNT@HOST. */
static int commit_staged(const struct git *g, size_t nfiles, const struct sync_options *o, struct error *e)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char *msg, *name = NULL, *mail = NULL;
	int rc = 0;

	if (GIT(g, NULL, NULL, "diff", "--cached", "--quiet") != 1)
		return 0;
	msg = xasprintf("scribe sync from %s: %zu file%s", host_tag(), nfiles, nfiles == 1 ? "" : "s");
	if (GIT(g, &out, NULL, "config", "user.email") != 0) {
		name = xasprintf("user.name=%s", store_author());
		mail = xasprintf("user.email=%s@%s", getenv("USER") ? getenv("USER") : "scribe", host_tag());
	}
	if ((name ? GIT(g, NULL, &err, "-c", name, "-c", mail, "commit", "-q", "--no-verify", "-m", msg)
		  : GIT(g, NULL, &err, "commit", "-q", "--no-verify", "-m", msg)))
		rc = error_set(e, EXIT_IOERR, "git commit failed in %s: %s", g->dir, last_line(&err));
	else
		note(o, "committed %zu file%s", nfiles, nfiles == 1 ? "" : "s");
	free(msg);
	free(name);
	free(mail);
	sb_free(&out);
	sb_free(&err);
	return rc;
}

static bool rejected(const char *err)
{
	return strstr(err, "[rejected]") || strstr(err, "non-fast-forward") || strstr(err, "fetch first") ||
	       strstr(err, "failed to update ref") || strstr(err, "cannot lock ref");
}

int sync_run(const char *root, const struct sync_options *o, struct sync_status *st, struct error *e)
{
	const struct config *cfg = config_get(NULL);
	struct strbuf gitdir = STRBUF_INIT, top = STRBUF_INIT, branch = STRBUF_INIT, err = STRBUF_INIT,
		      out = STRBUF_INIT, prefix = STRBUF_INIT;
	struct git g = { root, o->quiet, 30 }, net;
	struct stage sg = { .add = STRBUF_INIT, .problems = STRBUF_INIT };
	const char *remote = o->remote ? o->remote : cfg->remote ? cfg->remote : "origin";
	char *lockpath = NULL, *upstream = NULL;
	int lockfd = -1, rc = 0, tries;
	struct sync_status prev;

	memset(st, 0, sizeof(*st));
	snprintf(st->remote, sizeof(st->remote), "%s", remote);
	if (GIT(&g, &top, &err, "rev-parse", "--show-toplevel") || git_dir(root, &gitdir)) {
		rc = error_set(e, EXIT_USAGE, "%s is not a git working tree (%s); see scribe(5), SYNCHRONISING",
			       root, err.len ? last_line(&err) : "is git installed?");
		goto out;
	}
	chomp(&top);
	g.dir = sb_str(&top);
	net = g;
	net.timeout = o->timeout > 0 ? o->timeout : 60;
	/* one sync of this tree at a time, on this host */
	lockpath = xasprintf("%s/scribe-sync.lock", sb_str(&gitdir));
	if ((lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		rc = error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", lockpath, strerror(errno));
		goto out;
	}
	if (flock(lockfd, LOCK_EX | (o->wait ? 0 : LOCK_NB))) {
		load_status(sb_str(&gitdir), st);	/* another sync is under way */
		goto out;
	}
	load_status(sb_str(&gitdir), &prev);
	st->last_ok = prev.last_ok;
	sb_reset(&err);
	if (GIT(&g, &branch, &err, "symbolic-ref", "--short", "-q", "HEAD")) {
		rc = error_set(e, EXIT_USAGE, "%s: not on a branch (a detached HEAD); check out the shared branch", g.dir);
		goto out;
	}
	chomp(&branch);
	sb_reset(&out);
	if (GIT(&g, &out, NULL, "remote", "get-url", remote)) {
		rc = error_set(e, EXIT_USAGE, "%s has no remote named \"%s\": git -C %s remote add %s URL", g.dir, remote,
			       g.dir, remote);
		goto out;
	}
	upstream = xasprintf("refs/remotes/%s/%s", remote, sb_str(&branch));

	/* 1. this host's new records (and reports) */
	keep_file(root, ".gitignore", sync_gitignore);
	keep_file(root, ".gitattributes", sync_gitattributes);
	publish_here(root, o->quiet);
	{
		/* root relative to the top, as a pathspec */
		size_t tl = top.len;
		char real[4096];

		if (realpath(root, real) && !strncmp(real, sb_str(&top), tl) && (real[tl] == '/' || !real[tl]))
			sb_adds(&prefix, real[tl] ? real + tl + 1 : ".");
		else
			sb_adds(&prefix, ".");
	}
	if (stage_all(&g, sb_str(&prefix), &sg)) {
		rc = error_set(e, EXIT_IOERR, "cannot stage the journals in %s", g.dir);
		goto out;
	}
	st->refused = (long)sg.nrefused;
	st->restored = (long)sg.nrestored;
	if (sg.problems.len) {
		/* said, never silently: these are kept out of the commit */
		snprintf(st->msg, sizeof(st->msg), "%s", sb_str(&sg.problems));
		st->msg[strcspn(st->msg, "\n")] = '\0';
		if (!o->quiet)
			fputs(sb_str(&sg.problems), stderr);
	}
	if ((rc = commit_staged(&g, sg.nadd + sg.ncut + sg.npacked, o, e)))
		goto out;

	/* 2. fetch, merge, push; again when another host pushed first */
	for (tries = 0; tries < MAX_TRIES; tries++) {
		bool have_upstream;

		sb_reset(&err);
		{
			/* the remote's branch; none yet on a new remote */
			char *spec = xasprintf("+refs/heads/%s:%s", sb_str(&branch), upstream);

			rc = GIT(&net, NULL, &err, "fetch", "-q", "--no-tags", remote, spec);
			free(spec);
		}
		if (rc && !strstr(sb_str(&err), "couldn't find remote ref")) {
			st->state = SYNC_OFFLINE;
			snprintf(st->msg, sizeof(st->msg), "%s", rc == 124 ? "no answer in time" : last_line(&err));
			rc = 0;
			break;
		}
		rc = 0;
		have_upstream = GIT(&g, NULL, NULL, "rev-parse", "-q", "--verify", upstream) == 0;
		if (have_upstream) {
			sb_reset(&err);
			if (GIT(&g, NULL, &err, "-c", "merge.scribe-reports.driver=true", "merge", "-q", "--no-edit", "--no-stat",
				"--allow-unrelated-histories", "-m", "scribe sync: merge", upstream)) {
				/* never expected: each file has one writer */
				GIT(&g, NULL, NULL, "merge", "--abort");
				st->state = SYNC_FAILED;
				snprintf(st->msg, sizeof(st->msg), "git merge failed: %s", last_line(&err));
				break;
			}
			if (config_get(NULL)->publish_dir) {
				/* the reports of the merged state */
				struct stage rs = { .add = STRBUF_INIT, .problems = STRBUF_INIT };

				publish_here(root, o->quiet);
				if (!stage_all(&g, sb_str(&prefix), &rs))
					commit_staged(&g, rs.nadd + rs.ncut + rs.npacked, o, e);
				sb_free(&rs.add);
				sb_free(&rs.problems);
				free(rs.pack_dir);
				revs_free(&rs.pack_revs);
			}
		}
		{
			char *range = xasprintf("%s..HEAD", upstream);

			sb_reset(&out);
			st->ahead = have_upstream ? (GIT(&g, &out, NULL, "rev-list", "--count", range) == 0 ? atol(sb_str(&out)) : 0)
						  : 1;
			free(range);
		}
		if (st->ahead == 0) {
			st->state = SYNC_IN_STEP;
			break;
		}
		sb_reset(&err);
		{
			char *dst = xasprintf("HEAD:refs/heads/%s", sb_str(&branch));

			rc = GIT(&net, NULL, &err, "push", "-q", remote, dst);
			free(dst);
		}
		if (rc == 0) {
			GIT(&g, NULL, NULL, "update-ref", upstream, "HEAD");
			note(o, "pushed to %s", remote);
			st->ahead = 0;
			st->state = SYNC_IN_STEP;
			break;
		}
		if (rc != 124 && rejected(sb_str(&err))) {
			/* another host pushed first: fetch and merge again */
			struct timespec ts = { 0, (long)(100 + rand() % 400) * 1000000L };

			rc = 0;
			nanosleep(&ts, NULL);
			continue;
		}
		st->state = SYNC_AHEAD;
		snprintf(st->msg, sizeof(st->msg), "%s", rc == 124 ? "no answer in time" : last_line(&err));
		rc = 0;
		break;
	}
	if (tries == MAX_TRIES) {
		st->state = SYNC_AHEAD;
		snprintf(st->msg, sizeof(st->msg), "other hosts kept pushing first; tried %d times", MAX_TRIES);
	}
	if (st->state == SYNC_IN_STEP) {
		st->last_ok = time(NULL);
		st->since = 0;
		if (!sg.problems.len)
			st->msg[0] = '\0';
	} else {
		st->since = prev.state == SYNC_OFFLINE || prev.state == SYNC_FAILED || prev.state == SYNC_AHEAD ?
				    (prev.since ? prev.since : time(NULL)) :
				    time(NULL);
		if (st->state == SYNC_OFFLINE) {
			char *range = xasprintf("%s..HEAD", upstream);

			sb_reset(&out);
			if (GIT(&g, &out, NULL, "rev-list", "--count", range) == 0)
				st->ahead = atol(sb_str(&out));
			else
				st->ahead = 1;
			free(range);
		}
	}
	save_status(sb_str(&gitdir), st);
out:
	if (lockfd >= 0)
		close(lockfd);
	free(lockpath);
	free(upstream);
	sb_free(&gitdir);
	sb_free(&top);
	sb_free(&branch);
	sb_free(&err);
	sb_free(&out);
	sb_free(&prefix);
	sb_free(&sg.add);
	sb_free(&sg.problems);
	free(sg.pack_dir);
	revs_free(&sg.pack_revs);
	return rc;
}

/* ---- in the background ---- */

void bgsync_init(struct bgsync *b, const char *root)
{
	const struct config *cfg = config_get(NULL);

	memset(b, 0, sizeof(*b));
	if (!cfg->sync || !sync_is_repo(root))
		return;
	b->on = true;
	b->interval_ms = (cfg->sync_interval ? cfg->sync_interval : 10) * 1000;
	b->due = 1;	/* at once */
}

void bgsync_saved(struct bgsync *b, long long now)
{
	if (b->on && (!b->due || b->due > now + 1000))
		b->due = now + 1000;
}

static void set_note(struct bgsync *b, const struct sync_status *st)
{
	char when[16] = "";

	b->state = st->state;
	if (st->since) {
		struct tm tm;

		localtime_r(&st->since, &tm);
		strftime(when, sizeof(when), "%H:%M", &tm);
	}
	switch (st->state) {
	case SYNC_NONE:
		b->note[0] = '\0';
		break;
	case SYNC_IN_STEP:
		snprintf(b->note, sizeof(b->note), "synced");
		break;
	case SYNC_AHEAD:
		snprintf(b->note, sizeof(b->note), "%ld not pushed", st->ahead);
		break;
	case SYNC_OFFLINE:
		snprintf(b->note, sizeof(b->note), "offline since %s", when);
		break;
	case SYNC_FAILED:
		snprintf(b->note, sizeof(b->note), "sync failing since %s", when);
		break;
	}
}

bool bgsync_tick(struct bgsync *b, const char *root, long long now)
{
	char before[sizeof(b->note)];

	if (!b->on)
		return false;
	memcpy(before, b->note, sizeof(before));
	if (b->child) {
		int status;
		pid_t r = waitpid(b->child, &status, WNOHANG);

		if (r == b->child || (r < 0 && errno == ECHILD)) {
			struct sync_status st;

			b->child = 0;
			sync_status(root, &st);
			set_note(b, &st);
		}
	}
	if (!b->child && ((b->due && now >= b->due) || now - b->last_start >= b->interval_ms)) {
		pid_t pid = fork();

		if (pid == 0) {
			struct sync_options o = { .quiet = true, .wait = false };
			struct sync_status st;
			struct error e;
			int null = open("/dev/null", O_RDWR);

			if (null >= 0) {
				dup2(null, 0);
				dup2(null, 1);
				dup2(null, 2);
			}
			signal(SIGINT, SIG_IGN);
			signal(SIGHUP, SIG_IGN);
			signal(SIGTERM, SIG_DFL);
			sync_run(root, &o, &st, &e);
			_exit(0);
		}
		if (pid > 0)
			b->child = pid;
		b->last_start = now;
		b->due = 0;
	}
	return strcmp(before, b->note) != 0;
}

/* At exit: the last records go out in a sync of their own, detached,
 * so that quitting never waits for the network. */
void bgsync_finish(struct bgsync *b, const char *root)
{
	pid_t pid;

	if (!b->on)
		return;
	if ((pid = fork()) == 0) {
		if (fork() == 0) {
			struct sync_options o = { .quiet = true, .wait = true };
			struct sync_status st;
			struct error e;
			int null = open("/dev/null", O_RDWR);

			setsid();
			if (null >= 0) {
				dup2(null, 0);
				dup2(null, 1);
				dup2(null, 2);
			}
			sync_run(root, &o, &st, &e);
		}
		_exit(0);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}
