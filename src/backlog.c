#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/backlog.h"
#include "scribe/util.h"
#include "scribe/yamlio.h"

void backlog_piece_free(struct backlog_piece *p)
{
	if (!p)
		return;
	free(p->recs);
	arena_free(&p->pool);
	free(p);
}

#ifdef HAVE_PTHREAD_CREATE
#include <pthread.h>
#include <signal.h>
#include <time.h>

#define PIECE (1u << 20)	/* bytes parsed at a time */
#define AHEAD 6			/* pieces parsed and not taken yet, at most */

struct backlog {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;	/* a piece came or was taken, or stop */
	struct backlog_job *jobs;
	size_t njobs;
	int dirfd;
	struct backlog_piece *q[AHEAD];	/* parsed, in order, from first */
	size_t first, count;
	bool stop;		/* the thread stops at the next piece */
	bool finished;		/* the thread has given every piece it will */
};

static void take_record(void *ctx, struct record *r)
{
	struct backlog_piece *p = ctx;

	if (p->nrecs == p->caprecs) {
		p->caprecs = p->caprecs ? 2 * p->caprecs : 1024;
		p->recs = xreallocarray(p->recs, p->caprecs, sizeof(*p->recs));
	}
	r->idhash = incident_id_hash(r->id);	/* here, not on the folding thread */
	p->recs[p->nrecs++] = r;
}

/* Gives p to the main thread; false (p freed) once told to stop. */
static bool give(struct backlog *b, struct backlog_piece *p)
{
	pthread_mutex_lock(&b->mu);
	while (b->count == AHEAD && !b->stop)
		pthread_cond_wait(&b->cv, &b->mu);
	if (b->stop) {
		pthread_mutex_unlock(&b->mu);
		backlog_piece_free(p);
		return false;
	}
	b->q[(b->first + b->count) % AHEAD] = p;
	b->count++;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	return true;
}

/* One piece of job j from off: whole records, at least one. */
static struct backlog_piece *read_piece(struct backlog *b, size_t j, int fd, off_t off, int line)
{
	const struct backlog_job *job = &b->jobs[j];
	struct backlog_piece *p = xcalloc(1, sizeof(*p));
	size_t left = (size_t)(job->end - off), want = left < PIECE ? left : PIECE, got, whole;
	char *buf;

	p->job = j;
	p->off = off;
	for (;;) {
		buf = read_at(fd, off, want, &got);
		whole = got == left ? got : yamlio_complete_prefix(buf, got);
		if (whole || got < want || want == left)
			break;
		free(buf);	/* a record longer than the piece */
		want = want * 2 < left ? want * 2 : left;
	}
	if (!whole) {
		/* cut short under us: the main thread looks at it again */
		p->failed = true;
	} else {
		struct yamlio_parse_opts opts = { 0 };
		struct diags d = { 0 };

		buf[whole] = '\0';
		opts.pool = &p->pool;
		yamlio_parse_journal_with(&opts, job->path, buf, whole, line, take_record, p, &d);
		p->clean = d.n == 0;
		diags_free(&d);
		p->len = whole;
		p->lines = count_lines(buf, whole);
	}
	free(buf);
	return p;
}

static void *reader(void *arg)
{
	struct backlog *b = arg;

	for (size_t j = 0; j < b->njobs; j++) {
		const struct backlog_job *job = &b->jobs[j];
		int fd = openat(b->dirfd, job->name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
		struct stat st;
		off_t off = job->off;
		int line = job->line;
		bool ok = fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_dev == job->dev &&
			  st.st_ino == job->ino;

		if (!ok) {
			struct backlog_piece *p = xcalloc(1, sizeof(*p));

			p->job = j;
			p->off = off;
			p->failed = true;
			if (fd >= 0)
				close(fd);
			give(b, p);
			break;	/* nothing after a failed piece */
		}
		while (off < job->end) {
			struct backlog_piece *p = read_piece(b, j, fd, off, line);
			bool failed = p->failed;

			off += (off_t)p->len;
			line += p->lines;
			if (!give(b, p) || failed) {
				close(fd);
				goto out;
			}
		}
		close(fd);
	}
out:
	pthread_mutex_lock(&b->mu);
	b->finished = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

struct backlog *backlog_start(int dirfd, const struct backlog_job *jobs, size_t n)
{
	struct backlog *b;
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	if (!n)
		return NULL;
	b = xcalloc(1, sizeof(*b));
	b->dirfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
	if (b->dirfd < 0) {
		free(b);
		return NULL;
	}
	b->jobs = xreallocarray(NULL, n, sizeof(*jobs));
	memcpy(b->jobs, jobs, n * sizeof(*jobs));
	b->njobs = n;
	pthread_mutex_init(&b->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&b->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* signals are the main thread's to take: its poll must wake */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&b->thread, NULL, reader, b);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		pthread_cond_destroy(&b->cv);
		pthread_mutex_destroy(&b->mu);
		close(b->dirfd);
		free(b->jobs);
		free(b);
		return NULL;
	}
	return b;
}

struct backlog_piece *backlog_take(struct backlog *b, int wait_ms)
{
	struct backlog_piece *p = NULL;

	pthread_mutex_lock(&b->mu);
	if (!b->count && !b->finished && wait_ms > 0) {
		struct timespec until;

		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += wait_ms / 1000;
		until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!b->count && !b->finished)
			if (pthread_cond_timedwait(&b->cv, &b->mu, &until) == ETIMEDOUT)
				break;
	}
	if (b->count) {
		p = b->q[b->first];
		b->first = (b->first + 1) % AHEAD;
		b->count--;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return p;
}

bool backlog_done(struct backlog *b)
{
	bool done;

	pthread_mutex_lock(&b->mu);
	done = b->finished && !b->count;
	pthread_mutex_unlock(&b->mu);
	return done;
}

void backlog_stop(struct backlog *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	b->stop = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	pthread_join(b->thread, NULL);
	for (; b->count; b->count--, b->first = (b->first + 1) % AHEAD)
		backlog_piece_free(b->q[b->first]);
	pthread_cond_destroy(&b->cv);
	pthread_mutex_destroy(&b->mu);
	close(b->dirfd);
	free(b->jobs);
	free(b);
}

#else /* no threads: the caller reads the bytes itself */

struct backlog {
	int unused;
};

struct backlog *backlog_start(int dirfd, const struct backlog_job *jobs, size_t n)
{
	(void)dirfd;
	(void)jobs;
	(void)n;
	return NULL;
}

struct backlog_piece *backlog_take(struct backlog *b, int wait_ms)
{
	(void)b;
	(void)wait_ms;
	return NULL;
}

bool backlog_done(struct backlog *b)
{
	(void)b;
	return true;
}

void backlog_stop(struct backlog *b)
{
	(void)b;
}

#endif
