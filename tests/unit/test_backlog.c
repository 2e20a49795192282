/* The second thread that reads the heads of large journals: its pieces
 * come in order, cover the bytes exactly once, hold every record with
 * its line, fold to what one thread would; a file replaced under it
 * stops it; and records made in a pool fold, and one kept outlives it. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/backlog.h"
#include "scribe/discussion.h"
#include "scribe/model.h"
#include "scribe/yamlio.h"
#include "tap.h"

#define N 12000

static char dir[] = "/tmp/scribe-test-backlog-XXXXXX";
static char path[sizeof(dir) + 32];

/* Writes N events, one per record, 14 lines each; their size. */
static off_t write_journal(void)
{
	FILE *f;
	struct stat st;

	snprintf(path, sizeof(path), "%s/j-big.yaml", dir);
	f = fopen(path, "w");
	for (int i = 1; i <= N; i++)
		fprintf(f, "---\ntype: event\nid: ebl%06d\nrev: rbl%06d\ntime: 2026-11-26T10:00:00.000Z\n"
			"author: tester\nset:\n  at: 2026-11-26T10:00:00.000Z\n  typed: 2026-11-26T10:00:00.000Z\n"
			"  logged: 2026-11-26T10:00:00.000Z\n  by: tester\n  kind: note\n"
			"  text: event number %06d of a long incident, with some words to make it a realistic length\n"
			"...\n", i, i, i);
	fclose(f);
	stat(path, &st);
	return st.st_size;
}

static void test_pieces(int dirfd, off_t size)
{
	struct stat st;
	struct backlog_job job;
	struct backlog *b;
	struct backlog_piece *p;
	struct incident *inc = incident_new("");
	off_t next = 0;
	size_t pieces = 0, recs = 0, in_order = 0, lines_right = 0, pooled = 0;
	int line = 1;

	stat(path, &st);
	job = (struct backlog_job){ "j-big.yaml", path, 0, size, 1, st.st_dev, st.st_ino };
	b = backlog_start(dirfd, &job, 1);
	ok(b != NULL, "a thread starts");
	if (!b) {
		incident_free(inc);
		return;
	}
	while ((p = backlog_take(b, 5000))) {
		const char *why;

		pieces++;
		ok(!p->failed && p->job == 0 && p->off == next && p->clean, "piece %zu: at %lld, where the last ended",
		   pieces, (long long)p->off);
		for (size_t i = 0; i < p->nrecs; i++) {
			char id[16];

			snprintf(id, sizeof(id), "ebl%06zu", recs + 1);
			in_order += !strcmp(p->recs[i]->id, id);
			lines_right += p->recs[i]->line == line + 1 + 14 * (int)i && p->recs[i]->file == path;
			pooled += p->recs[i]->pool == &p->pool;
			recs++;
			incident_apply(inc, p->recs[i], &why);
		}
		line += p->lines;
		next = p->off + (off_t)p->len;
		backlog_piece_free(p);
	}
	ok(backlog_done(b), "then done");
	backlog_stop(b);
	ok(pieces > 2, "in pieces (%zu)", pieces);
	is_int(next, size, "every byte once");
	is_int(line, 1 + 14 * N, "every line");
	is_int(recs, N, "every record");
	is_int(in_order, N, "in the order of the file");
	is_int(lines_right, N, "each with its line (its first key's, after ---) and file");
	is_int(pooled, N, "each in its piece's pool");
	incident_sort(inc);
	is_int(inc->nevents, N, "folded: every event");
	is_str(inc->events[N - 1]->text,
	       "event number 012000 of a long incident, with some words to make it a realistic length",
	       "folded: the text outlives the pool");
	incident_free(inc);
}

static void test_replaced(int dirfd, off_t size)
{
	struct stat st;
	struct backlog_job job;
	struct backlog *b;
	struct backlog_piece *p;

	stat(path, &st);
	job = (struct backlog_job){ "j-big.yaml", path, 0, size, 1, st.st_dev, st.st_ino + 1 };
	b = backlog_start(dirfd, &job, 1);
	p = b ? backlog_take(b, 5000) : NULL;
	ok(p && p->failed && !p->nrecs, "another file under the name: a failed piece");
	backlog_piece_free(p);
	ok(b && !backlog_take(b, 100) && backlog_done(b), "and nothing after it");
	backlog_stop(b);

	/* stopped with pieces parsed and not taken: all freed (ASan) */
	job.ino = st.st_ino;
	b = backlog_start(dirfd, &job, 1);
	p = b ? backlog_take(b, 5000) : NULL;
	ok(p && !p->failed, "stopped early: one piece taken");
	backlog_piece_free(p);
	backlog_stop(b);
}

static void test_pool(void)
{
	struct arena pool = ARENA_INIT;
	struct incident *inc = incident_new("i");
	struct record *r = record_new_in(&pool, REC_COMMENT, "e1", "ann", 1000), *c;
	const struct comment *cm;
	const char *why;
	size_t n;

	snprintf(r->rev, sizeof(r->rev), "rc1");
	record_set_str(r, F_TEXT, "first");
	record_set_str(r, F_TEXT, "why did it fail over?");	/* set twice: replaced */
	r->account = record_strdup(r, "ann");
	ok(r->pool == &pool && r->nvalues == 1, "a record in a pool");
	c = record_copy(r);
	ok(!c->pool && !strcmp(record_get(c, F_TEXT)->u.s, "why did it fail over?") && !strcmp(c->account, "ann") &&
	   !strcmp(c->rev, "rc1"), "its copy owns its strings");
	record_free(c);
	record_free(r);	/* the pool's: left alone */
	ok(incident_apply(inc, r, &why) != NULL, "a comment in a pool folds");
	arena_free(&pool);
	cm = incident_all_comments(inc, &n);
	ok(n == 1 && !strcmp(cm[0].text, "why did it fail over?") && !strcmp(cm[0].author, "ann"),
	   "and is kept after its pool is gone");
	incident_free(inc);
}

int main(void)
{
	int dirfd;
	off_t size;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	size = write_journal();
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
#ifdef HAVE_PTHREAD_CREATE
	test_pieces(dirfd, size);
	test_replaced(dirfd, size);
#else
	(void)size;
	ok(backlog_start(dirfd, &(struct backlog_job){ "j-big.yaml", path, 0, 1, 1, 0, 0 }, 1) == NULL,
	   "without threads: no thread, the caller reads");
	skip("built without threads: the pieces of a second thread");
#endif
	test_pool();
	close(dirfd);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
