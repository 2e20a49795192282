/* The private cache: an entry stands in for a journal's bytes only while
 * the journal is the same file, untouched (device, inode, mtime, ctime);
 * a journal written or edited in place since is read again. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/cache.h"
#include "tap.h"

static size_t taken;

static void take(void *ctx, struct record *r)
{
	(void)ctx;
	taken++;
	record_free(r);
}

/* loads the entry of "j-test.yaml" against st: true if it was used */
static bool load(const struct stat *st)
{
	struct cache_entry ent = { 0 };
	struct strbuf body = STRBUF_INIT;
	bool hit;

	taken = 0;
	hit = cache_load("2026-11-26-cache", "j-test.yaml", st, "j-test.yaml", take, NULL, &ent, &body);
	sb_free(&body);
	return hit;
}

int main(void)
{
	char dir[] = "/tmp/scribe-test-cache-XXXXXX";
	struct record *r;
	struct strbuf body = STRBUF_INIT;
	struct stat st = { 0 }, other;

	if (!mkdtemp(dir))
		return 1;
	setenv("XDG_CACHE_HOME", dir, 1);
	st.st_dev = 42;
	st.st_ino = 4242;
	st.st_size = 100000;
	st.st_mtim.tv_sec = 1790000000;
	st.st_mtim.tv_nsec = 123456789;
	st.st_ctim.tv_sec = 1790000001;
	st.st_ctim.tv_nsec = 987654321;

	r = record_new(REC_EVENT, "e1", "ann", 1790000000000);
	record_set_str(r, F_TEXT, "cached");
	cache_encode(&body, r);
	record_free(r);
	{
		struct cache_entry ent = { st.st_dev, st.st_ino, st.st_mtim, st.st_ctim, 90000, 2000, 1 };

		cache_save("2026-11-26-cache", "j-test.yaml", &ent, &body);
	}
	sb_free(&body);

	ok(load(&st), "an entry made for the file as it is now is used");
	is_int(taken, 1, "and gives its record");

	other = st;
	other.st_size = 120000;
	other.st_mtim.tv_sec++;
	other.st_ctim.tv_sec++;
	ok(!load(&other), "a journal written since (new mtime and ctime) is read again");

	other = st;
	other.st_ctim.tv_nsec++;
	ok(!load(&other), "an in-place edit of the same size with the mtime set back (ctime moved) is read again");
	is_int(taken, 0, "and nothing of the entry is taken");

	other = st;
	other.st_mtim.tv_nsec--;
	ok(!load(&other), "another mtime alone is enough to read it again");

	other = st;
	other.st_ino++;
	ok(!load(&other), "another inode: another file");

	other = st;
	other.st_size = 80000;
	ok(!load(&other), "an entry covering more than the file holds is not used");

	ok(load(&st), "the entry is still good for the file it was made for");

	{
		char cmd[sizeof(dir) + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			return 1;
	}
	return done_testing();
}
