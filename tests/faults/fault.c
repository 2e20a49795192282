/* Fault injection for the reliability tests: an LD_PRELOAD library.
 *
 *   cc -shared -fPIC -o libfault.so fault.c -ldl
 *   LD_PRELOAD=./libfault.so FAULT_PATH=DIR FAULT_AT=N FAULT_MODE=kill prog
 *
 * Wraps write, pwrite, fsync, fdatasync, rename, renameat, link, linkat,
 * unlink, unlinkat, ftruncate and close.  A call is "counted" when it is
 * named in FAULT_ONLY and touches a file under FAULT_PATH; counted calls
 * are numbered 1, 2, 3, ... in the order they are made, all names
 * together.  The environment says what happens at number FAULT_AT:
 *
 *   FAULT_PATH=DIR     count only calls on files under DIR (DIR itself
 *                      included): fd calls by the fd's /proc/self/fd
 *                      link, path calls by the path (relative ones
 *                      resolved against the dirfd's /proc link or the
 *                      working directory).  Unset: count every call.
 *   FAULT_ONLY=a,b     count only these calls (default: all of them).
 *                      pwrite64 counts as pwrite, ftruncate64 as
 *                      ftruncate.
 *   FAULT_AT=N         the call to fault (1-based); unset or 0: none,
 *                      only counting.
 *   FAULT_MODE=kill    SIGKILL the process at call N, before making it
 *                      (the default).
 *   FAULT_MODE=errno   call N fails with FAULT_ERRNO (a name such as
 *                      ENOSPC, EIO, EDQUOT, EROFS, or a number; default
 *                      EIO) without being made; with FAULT_STICKY=1 so
 *                      does every counted call after it.  close is the
 *                      exception: the fd is closed all the same (as
 *                      Linux does), then -1 is returned.
 *   FAULT_PARTIAL=1    for write and pwrite: the faulted call first
 *                      writes the first half of its bytes for real
 *                      (a torn record for kill, a short write before
 *                      the error for errno).
 *   FAULT_COUNT_FILE=F at exit, writes the number of counted calls to F
 *                      (a killed process writes nothing), so a test
 *                      knows when N is past the end.
 *   FAULT_SLOW_MS=N    every counted call waits N ms first (a slow
 *                      process, to widen the windows of a race).
 *   FAULT_TRACE=F      appends "N name path" for every counted call to
 *                      F, and "N name path FAULT" for the faulted one
 *                      (written before the fault takes effect).
 *
 * The hot path allocates nothing: fixed buffers on the stack, readlink
 * and the real calls, so it is as async-signal-safe as the wrapped calls
 * (a call made from a signal handler may race the counter of one made
 * outside it; the counter itself is atomic). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

enum call {
	C_WRITE, C_PWRITE, C_FSYNC, C_FDATASYNC, C_RENAME, C_RENAMEAT, C_LINK, C_LINKAT,
	C_UNLINK, C_UNLINKAT, C_FTRUNCATE, C_CLOSE, C_N
};

static const char *const names[C_N] = {
	"write", "pwrite", "fsync", "fdatasync", "rename", "renameat", "link", "linkat",
	"unlink", "unlinkat", "ftruncate", "close",
};

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_link)(const char *, const char *);
static int (*real_linkat)(int, const char *, int, const char *, int);
static int (*real_unlink)(const char *);
static int (*real_unlinkat)(int, const char *, int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_close)(int);

static bool ready;
static bool only[C_N];
static char prefix[PATH_MAX];	/* FAULT_PATH, canonical where possible */
static size_t prefix_len;	/* 0: every path */
static long fault_at;		/* 0: none */
static bool mode_kill = true, sticky, partial;
static int fault_errno = EIO;
static long slow_ms;
static unsigned long counted;	/* atomic */
static int trace_fd = -1;
static const char *count_file;

static void *next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

static void resolve(void)
{
	real_write = next("write");
	real_pwrite = next("pwrite");
	real_pwrite64 = next("pwrite64");
	real_fsync = next("fsync");
	real_fdatasync = next("fdatasync");
	real_rename = next("rename");
	real_renameat = next("renameat");
	real_link = next("link");
	real_linkat = next("linkat");
	real_unlink = next("unlink");
	real_unlinkat = next("unlinkat");
	real_ftruncate = next("ftruncate");
	real_ftruncate64 = next("ftruncate64");
	real_close = next("close");
}

static int parse_errno(const char *s)
{
	static const struct { const char *name; int value; } tab[] = {
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EDQUOT", EDQUOT }, { "EROFS", EROFS },
		{ "EACCES", EACCES }, { "EPERM", EPERM }, { "EEXIST", EEXIST }, { "ENOENT", ENOENT },
		{ "EFBIG", EFBIG }, { "EINTR", EINTR }, { "EAGAIN", EAGAIN }, { "EBADF", EBADF },
		{ "ENOMEM", ENOMEM }, { "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "EXDEV", EXDEV },
		{ "ESTALE", ESTALE }, { "ETIMEDOUT", ETIMEDOUT },
	};
	char *end;
	long v;

	if (!s || !*s)
		return EIO;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(s, tab[i].name))
			return tab[i].value;
	v = strtol(s, &end, 10);
	return *end || v <= 0 ? EIO : (int)v;
}

static void put(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n) {
		ssize_t w = real_write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* decimal, into a buffer of at least 24 bytes */
static char *fmt_ulong(char *buf, unsigned long v)
{
	char *p = buf + 23;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

__attribute__((constructor)) static void fault_init(void)
{
	const char *s;
	int saved = errno;

	resolve();
	if ((s = getenv("FAULT_ONLY")) && *s) {
		for (int i = 0; i < C_N; i++) {
			size_t n = strlen(names[i]);

			for (const char *p = s; *p;) {
				size_t len = strcspn(p, ", ");

				if (len == n && !strncmp(p, names[i], n))
					only[i] = true;
				p += len;
				p += strspn(p, ", ");
			}
		}
	} else {
		for (int i = 0; i < C_N; i++)
			only[i] = true;
	}
	if ((s = getenv("FAULT_PATH")) && *s) {
		char buf[PATH_MAX];

		/* the /proc links name canonical paths: compare with one */
		if (realpath(s, buf))
			s = buf;
		if (strlen(s) < sizeof(prefix)) {
			strcpy(prefix, s);
			prefix_len = strlen(prefix);
			while (prefix_len > 1 && prefix[prefix_len - 1] == '/')
				prefix[--prefix_len] = '\0';
		}
	}
	if ((s = getenv("FAULT_AT")) && *s)
		fault_at = strtol(s, NULL, 10);
	if ((s = getenv("FAULT_MODE")) && !strcmp(s, "errno"))
		mode_kill = false;
	fault_errno = parse_errno(getenv("FAULT_ERRNO"));
	sticky = (s = getenv("FAULT_STICKY")) && *s && strcmp(s, "0");
	partial = (s = getenv("FAULT_PARTIAL")) && *s && strcmp(s, "0");
	count_file = getenv("FAULT_COUNT_FILE");
	if ((s = getenv("FAULT_SLOW_MS")) && *s)
		slow_ms = strtol(s, NULL, 10);
	if ((s = getenv("FAULT_TRACE")) && *s)
		trace_fd = open(s, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
	ready = true;
	errno = saved;
}

__attribute__((destructor)) static void fault_fini(void)
{
	char buf[24];
	int fd;

	if (!count_file || !*count_file || !real_write)
		return;
	fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return;
	put(fd, fmt_ulong(buf, __atomic_load_n(&counted, __ATOMIC_SEQ_CST)));
	put(fd, "\n");
	real_close(fd);
}

static bool under(const char *path)
{
	if (!prefix_len)
		return true;
	if (strncmp(path, prefix, prefix_len))
		return false;
	return path[prefix_len] == '\0' || path[prefix_len] == '/' || prefix_len == 1;
}

/* The path an fd names, into buf (PATH_MAX); false if unknown. */
static bool fd_path(int fd, char *buf)
{
	char link[40], num[24];
	ssize_t n;

	strcpy(link, "/proc/self/fd/");
	strcat(link, fmt_ulong(num, (unsigned long)fd));
	n = readlink(link, buf, PATH_MAX - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return true;
}

/* dirfd + path as an absolute path, into buf (PATH_MAX). */
static bool at_path(int dirfd, const char *path, char *buf)
{
	size_t n;

	if (!path)
		return false;
	if (path[0] == '/') {
		n = strlen(path);
		if (n >= PATH_MAX)
			return false;
		memcpy(buf, path, n + 1);
		return true;
	}
	if (dirfd == AT_FDCWD) {
		if (!getcwd(buf, PATH_MAX))
			return false;
	} else if (!fd_path(dirfd, buf)) {
		return false;
	}
	n = strlen(buf);
	if (n + 1 + strlen(path) >= PATH_MAX)
		return false;
	if (n > 1)
		buf[n++] = '/';
	strcpy(buf + n, path);
	return true;
}

enum verdict { GO, FAIL };

/* Counts the call if it is to be counted, and says what to do; for a
 * kill, kills.  path may be NULL (unknown: not counted when FAULT_PATH
 * is set). */
static enum verdict decide(enum call c, const char *path, bool *faulted_here)
{
	unsigned long n;
	bool hit;

	*faulted_here = false;
	if (!ready || !only[c])
		return GO;
	if (prefix_len && (!path || !under(path)))
		return GO;	/* (without FAULT_PATH, an unknown path counts) */
	n = __atomic_add_fetch(&counted, 1, __ATOMIC_SEQ_CST);
	if (slow_ms > 0) {
		struct timespec ts = { slow_ms / 1000, (slow_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	hit = fault_at > 0 && (n == (unsigned long)fault_at ||
			       (sticky && !mode_kill && n > (unsigned long)fault_at));
	if (trace_fd >= 0) {
		char buf[24];

		put(trace_fd, fmt_ulong(buf, n));
		put(trace_fd, " ");
		put(trace_fd, names[c]);
		put(trace_fd, " ");
		put(trace_fd, path ? path : "?");
		put(trace_fd, hit ? " FAULT\n" : "\n");
	}
	if (!hit)
		return GO;
	*faulted_here = n == (unsigned long)fault_at;
	return FAIL;
}

static void die_now(void)
{
	kill(getpid(), SIGKILL);
	for (;;)
		pause();
}

/* fd-based calls */
static enum verdict check_fd(enum call c, int fd, bool *first)
{
	char buf[PATH_MAX];

	return decide(c, fd_path(fd, buf) ? buf : NULL, first);
}

static enum verdict check_at(enum call c, int dirfd, const char *path, int dirfd2, const char *path2,
			     bool *first)
{
	char buf[PATH_MAX], buf2[PATH_MAX];
	const char *p = NULL;

	if (at_path(dirfd, path, buf) && under(buf))
		p = buf;
	else if (path2 && at_path(dirfd2, path2, buf2) && under(buf2))
		p = buf2;
	return decide(c, p, first);
}

#define ENSURE(fn) do { if (!real_##fn) resolve(); } while (0)
#define FAILS() do { if (mode_kill) die_now(); errno = fault_errno; return -1; } while (0)

static ssize_t do_write(enum call c, int fd, const void *data, size_t len, off64_t off)
{
	bool first;
	int saved = errno;

	if (check_fd(c, fd, &first) == GO) {
		errno = saved;
		return c == C_WRITE ? real_write(fd, data, len) : real_pwrite64(fd, data, len, off);
	}
	if (partial && first && len > 1) {
		/* a torn record, or a short write before the error */
		if (c == C_WRITE)
			real_write(fd, data, len / 2);
		else
			real_pwrite64(fd, data, len / 2, off);
	}
	FAILS();
}

ssize_t write(int fd, const void *data, size_t len)
{
	ENSURE(write);
	return do_write(C_WRITE, fd, data, len, 0);
}

ssize_t pwrite(int fd, const void *data, size_t len, off_t off)
{
	ENSURE(pwrite64);
	return do_write(C_PWRITE, fd, data, len, off);
}

ssize_t pwrite64(int fd, const void *data, size_t len, off64_t off)
{
	ENSURE(pwrite64);
	return do_write(C_PWRITE, fd, data, len, off);
}

#define FD_CALL(fn, C, call)						\
	do {								\
		bool first;						\
		int saved = errno;					\
									\
		ENSURE(fn);						\
		if (check_fd(C, fd, &first) == FAIL)			\
			FAILS();					\
		errno = saved;						\
		return call;						\
	} while (0)

int fsync(int fd)
{
	FD_CALL(fsync, C_FSYNC, real_fsync(fd));
}

int fdatasync(int fd)
{
	FD_CALL(fdatasync, C_FDATASYNC, real_fdatasync(fd));
}

int ftruncate(int fd, off_t len)
{
	FD_CALL(ftruncate, C_FTRUNCATE, real_ftruncate(fd, len));
}

int ftruncate64(int fd, off64_t len)
{
	FD_CALL(ftruncate64, C_FTRUNCATE, real_ftruncate64(fd, len));
}

int close(int fd)
{
	bool first;
	int saved = errno;

	ENSURE(close);
	if (check_fd(C_CLOSE, fd, &first) == FAIL) {
		if (mode_kill)
			die_now();
		real_close(fd);	/* Linux frees the fd even when close fails */
		errno = fault_errno;
		return -1;
	}
	errno = saved;
	return real_close(fd);
}

#define AT_CALL(fn, C, d1, p1, d2, p2, call)				\
	do {								\
		bool first;						\
		int saved = errno;					\
									\
		ENSURE(fn);						\
		if (check_at(C, d1, p1, d2, p2, &first) == FAIL)	\
			FAILS();					\
		errno = saved;						\
		return call;						\
	} while (0)

int rename(const char *from, const char *to)
{
	AT_CALL(rename, C_RENAME, AT_FDCWD, from, AT_FDCWD, to, real_rename(from, to));
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	AT_CALL(renameat, C_RENAMEAT, fromfd, from, tofd, to, real_renameat(fromfd, from, tofd, to));
}

int link(const char *from, const char *to)
{
	AT_CALL(link, C_LINK, AT_FDCWD, from, AT_FDCWD, to, real_link(from, to));
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	AT_CALL(linkat, C_LINKAT, fromfd, from, tofd, to, real_linkat(fromfd, from, tofd, to, flags));
}

int unlink(const char *path)
{
	AT_CALL(unlink, C_UNLINK, AT_FDCWD, path, AT_FDCWD, NULL, real_unlink(path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	AT_CALL(unlinkat, C_UNLINKAT, dirfd, path, AT_FDCWD, NULL, real_unlinkat(dirfd, path, flags));
}
