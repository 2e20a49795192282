/* Small helpers every layer may use: checked allocation, growable
 * strings and the error value that travels up to the user. */
#ifndef SCRIBE_UTIL_H
#define SCRIBE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Exit statuses from sysexits.h, named here so no layer needs it. */
enum {
	EX_OK_ = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_CONFLICT = 75,	/* EX_TEMPFAIL: someone else changed it first */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: on exhaustion the program stops
 * through die(), which restores the terminal first. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called by die() before it prints; the screen layer sets it so that
 * a fatal error never leaves the terminal in raw mode. */
extern void (*die_hook)(void);
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A growable byte string, always NUL-terminated once anything is added. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }

void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);
/* Returns the buffer (caller frees) and leaves sb empty. */
char *sb_detach(struct strbuf *sb);
/* The contents as a C string ("" when nothing was added). */
const char *sb_str(const struct strbuf *sb);

/* An error: an exit status from the enum above and a message for the
 * user.  Functions that can fail take a struct error * and return the
 * status they stored (0 on success). */
struct error {
	int code;
	char msg[1024];
};

int error_set(struct error *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A list of problems found in files, each with a 1-based position. */
enum diag_level { DIAG_ERROR, DIAG_WARNING };
struct diag {
	enum diag_level level;
	char *file;
	int line, col;
	char *msg;
};
struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

void diags_add(struct diags *d, enum diag_level level, const char *file, int line, int col,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diags_free(struct diags *d);

/* Whether process pid on this host is still running (a zombie that has
 * exited but not been reaped counts as gone). */
bool pid_running(long pid);

/* Writes all of data (one write() when the kernel takes it whole,
 * retried on EINTR and short writes).  Returns 0, or -1 with errno. */
int write_full(int fd, const void *data, size_t len);

/* This host's name made safe for file names: [a-z0-9-], at most 32
 * characters ("host" when it has none).  Static storage. */
const char *host_tag(void);

/* Fills buf with n random bytes from the kernel (getrandom, falling
 * back to /dev/urandom). */
void random_bytes(void *buf, size_t n);

/* A fresh identifier: prefix followed by len lowercase base32 characters
 * of randomness.  out must hold strlen(prefix) + len + 1 bytes. */
void random_id(char *out, const char *prefix, size_t len);

/* n bytes of fd from off (pread, again after EINTR), NUL-terminated: a
 * buffer of n + 1 bytes, and in *got how many there were (fewer at the
 * end of the file or on an error). */
char *read_at(int fd, off_t off, size_t n, size_t *got);
/* The line feeds in p[0..n). */
int count_lines(const char *p, size_t n);

#endif
