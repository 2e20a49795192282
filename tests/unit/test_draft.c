/* Drafts: the set in memory, the private files, adoption of what ended
 * sessions left behind, hostile folders. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "scribe/draft.h"
#include "scribe/text.h"
#include "scribe/yamlio.h"
#include "tap.h"

static char tmp[256];
static char state[300];
static char host[40];

#define INCIDENT "2026-11-26-checkout-5xx"

/* The host tag the drafts use in file names. */
static void make_host_tag(void)
{
	char h[256] = "";
	size_t j = 0;

	gethostname(h, sizeof(h) - 1);
	for (size_t i = 0; h[i] && j < 32; i++) {
		char c = h[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			host[j++] = c;
		else if (j && host[j - 1] != '-')
			host[j++] = '-';
	}
	if (!j)
		snprintf(host, sizeof(host), "host");
}

static char *dir_of(const char *incident)
{
	return xasprintf("%s/scribe/drafts/%s", state, incident);
}

static char *file_of(const char *incident, long pid)
{
	return xasprintf("%s/scribe/drafts/%s/%s-%ld.yaml", state, incident, host, pid);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int mode_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? -1 : (int)(st.st_mode & 07777);
}

static void write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(s, f);
		fclose(f);
	}
}

static char *read_text(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	sb_addc(&sb, '\0');
	return sb_detach(&sb);
}

static struct draft mk(const char *key, enum draft_state st, ms_t typed, const char *text)
{
	struct draft d = { .state = st, .typed = typed, .at = typed, .kind = KIND_NOTE };

	snprintf(d.key, sizeof(d.key), "%s", key);
	snprintf(d.event_id, sizeof(d.event_id), "e%s", key + 1);
	d.text = (char *)text;
	return d;
}

static struct draft *get(struct drafts *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].key, key))
			return &d->v[i];
	return NULL;
}

static void test_memory(void)
{
	struct drafts d = { 0 };
	struct draft a = mk("raaaa", DRAFT_ASIDE, 1000, NULL), *p;
	char text[32] = "first";

	a.text = text;
	p = drafts_put(&d, &a);
	ok(p && p->text != text, "put copies the text");
	strcpy(text, "changed");
	is_str(d.v[0].text, "first", "stored text is independent of the caller's");
	a = mk("rbbbb", DRAFT_ASIDE, 3000, "second");
	drafts_put(&d, &a);
	a = mk("rcccc", DRAFT_ASIDE, 2000, "third");
	drafts_put(&d, &a);
	a = mk("rdddd", DRAFT_PENDING, 9000, "pending");
	a.logged = 9500;
	drafts_put(&d, &a);
	a = mk("reeee", DRAFT_TYPING, 500, NULL);
	drafts_put(&d, &a);
	is_int(d.n, 5, "five drafts");
	is_str(get(&d, "reeee")->text, "", "NULL text stored as empty");
	is_str(drafts_latest(&d, DRAFT_ASIDE)->key, "rbbbb", "latest aside by typed");
	is_str(drafts_latest(&d, DRAFT_PENDING)->key, "rdddd", "latest pending");
	is_str(drafts_latest(&d, DRAFT_TYPING)->key, "reeee", "latest typing");

	/* replace by key, also from a pointer into the set itself */
	a = mk("rbbbb", DRAFT_ASIDE, 3000, "second, edited");
	drafts_put(&d, &a);
	is_int(d.n, 5, "put with a known key replaces");
	is_str(get(&d, "rbbbb")->text, "second, edited", "replaced text");
	p = drafts_put(&d, get(&d, "rbbbb"));
	is_str(p->text, "second, edited", "putting a stored draft onto itself keeps it");
	is_int(d.n, 5, "still five");

	drafts_remove(&d, "rbbbb");
	is_int(d.n, 4, "removed");
	is_str(drafts_latest(&d, DRAFT_ASIDE)->key, "rcccc", "next latest aside");
	ok(!strcmp(d.v[0].key, "raaaa") && !strcmp(d.v[1].key, "rcccc") && !strcmp(d.v[2].key, "rdddd"),
	   "removal keeps the order");
	drafts_remove(&d, "rnope");
	is_int(d.n, 4, "removing an unknown key does nothing");
	drafts_remove(&d, "raaaa");
	drafts_remove(&d, "rcccc");
	ok(drafts_latest(&d, DRAFT_ASIDE) == NULL, "no aside left");

	/* a draft without key or event id gets fresh ones */
	a = mk("r", DRAFT_ASIDE, 1, "x");
	a.key[0] = '\0';
	a.event_id[0] = '\0';
	p = drafts_put(&d, &a);
	ok(p->key[0] == 'r' && strlen(p->key) == 13 && p->event_id[0] == 'e', "missing ids are made up");
	drafts_close(&d);
	ok(d.v == NULL && d.n == 0, "close frees and clears");
	drafts_close(&d);	/* twice is harmless */
}

static void test_files(void)
{
	struct drafts d;
	struct error e = { 0 };
	struct draft a;
	char *dir = dir_of(INCIDENT), *ours = file_of(INCIDENT, (long)getpid()), *s, *p;
	const char *multi = "line one\nline two: with colon\n  indented\n\ttab\n";
	const char *utf = "Überlast — ☃ 日本語 🚀";
	const char *odd = "---\n...\n# not a comment";
	int rc;

	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "open: %s", e.msg);
	is_str(d.dir, dir, "folder under XDG_STATE_HOME");
	is_str(d.path, ours, "file named <host>-<pid>.yaml");
	is_int(d.n, 0, "nothing yet");
	p = xasprintf("%s/scribe", state);
	is_int(mode_of(p), 0700, "scribe folder 0700");
	free(p);
	p = xasprintf("%s/scribe/drafts", state);
	is_int(mode_of(p), 0700, "drafts folder 0700");
	free(p);
	is_int(mode_of(dir), 0700, "incident folder 0700");
	ok(!exists(ours), "no file before the first save");

	a = mk("r1111", DRAFT_ASIDE, 1795701780123LL, multi);
	a.at = 1795701700000LL;
	a.kind = KIND_DEPLOY;
	drafts_put(&d, &a);
	a = mk("r2222", DRAFT_TYPING, 1795701790000LL, utf);
	drafts_put(&d, &a);
	a = mk("r3333", DRAFT_PENDING, 1795701795000LL, odd);
	a.logged = 1795701796000LL;
	a.kind = KIND_COMMS;
	drafts_put(&d, &a);
	a = mk("r4444", DRAFT_ASIDE, 1795701796000LL, "bad \xff\xfe bytes\r and \x1b[31m escapes");
	drafts_put(&d, &a);
	/* a temp file left by a crash of an earlier process with our pid */
	p = xasprintf("%s/.tmp-%s-%ld.yaml", dir, host, (long)getpid());
	write_text(p, "junk");
	e = (struct error){ 0 };
	rc = drafts_save(&d, true, &e);
	is_int(rc, 0, "save: %s", e.msg);
	ok(!exists(p), "stale temp file of ours replaced");
	free(p);
	is_int(mode_of(ours), 0600, "file 0600");
	s = read_text(ours);
	ok(s && strstr(s, "author: draft:aside") && strstr(s, "author: draft:pending") &&
	   strstr(s, "author: draft:typing") && strstr(s, "type: event") && strstr(s, "rev: r1111") &&
	   strstr(s, "id: e1111"), "drafts kept as event records with their state in author");
	ok(s && strstr(s, "logged:") && strstr(s, "kind: deploy"), "logged and kind written");
	free(s);
	drafts_close(&d);
	ok(exists(ours), "close leaves the file");

	/* a fresh open in this process: its own file comes back (nothing
	 * adopted, nothing removed), typing is set aside */
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "reopen: %s", e.msg);
	is_int(d.n, 4, "the four drafts are back");
	ok(exists(ours), "own file not removed");
	if (d.n == 4) {
		struct draft *x = get(&d, "r1111"), *y = get(&d, "r2222"), *z = get(&d, "r3333"),
			     *w = get(&d, "r4444");

		ok(x && !strcmp(x->text, multi), "newlines, indentation and tabs survive");
		ok(x && x->typed == 1795701780123LL && x->at == 1795701700000LL && x->kind == KIND_DEPLOY &&
		   x->state == DRAFT_ASIDE && !strcmp(x->event_id, "e1111"), "fields survive");
		ok(y && !strcmp(y->text, utf), "UTF-8 survives");
		ok(y && y->state == DRAFT_ASIDE, "typing draft of an ended session is set aside");
		ok(z && !strcmp(z->text, odd), "YAML-looking text survives");
		ok(z && z->state == DRAFT_PENDING && z->logged == 1795701796000LL && z->kind == KIND_COMMS,
		   "pending keeps logged and kind");
		is_str(w ? w->text : NULL, "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes\r and \x1b[31m escapes",
		       "invalid UTF-8 replaced, controls kept");
		ok(d.v[0].typed <= d.v[1].typed && d.v[1].typed <= d.v[2].typed, "sorted by typed");
	} else {
		for (int i = 0; i < 8; i++)
			ok(0, "skipped");
	}

	/* the empty set removes our file */
	while (d.n)
		drafts_remove(&d, d.v[0].key);
	e = (struct error){ 0 };
	rc = drafts_save(&d, false, &e);
	is_int(rc, 0, "save of nothing: %s", e.msg);
	ok(!exists(ours), "empty set removes the file");
	e = (struct error){ 0 };
	rc = drafts_save(&d, true, &e);
	is_int(rc, 0, "and again, with no file: %s", e.msg);
	drafts_close(&d);
	free(dir);
	free(ours);
}

/* Saves v[0..n) from this process in a staging folder (so that nothing
 * is adopted on the way), then moves the file into the drafts folder as
 * name: the file another session would have left behind. */
static void leave_file(const char *name, const struct draft *v, size_t n)
{
	struct drafts d;
	struct error e = { 0 };
	char *stage = xasprintf("%s/stage", tmp), *dir = dir_of(INCIDENT), *from, *to;

	setenv("XDG_STATE_HOME", stage, 1);
	drafts_open(&d, INCIDENT, &e);
	for (size_t i = 0; i < n; i++)
		drafts_put(&d, &v[i]);
	drafts_save(&d, false, &e);
	from = xstrdup(d.path);
	drafts_close(&d);
	setenv("XDG_STATE_HOME", state, 1);
	to = xasprintf("%s/%s", dir, name);
	if (rename(from, to))
		printf("# rename %s: %s\n", to, strerror(errno));
	free(from);
	free(to);
	free(dir);
	free(stage);
}

static void set_old(const char *path)
{
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	utimes(path, tv);
}

static void test_adopt(void)
{
	struct drafts d;
	struct error e = { 0 };
	struct draft dead[] = {
		mk("rdead1", DRAFT_TYPING, 5000, "was typing when it died"),
		mk("rdead2", DRAFT_PENDING, 4000, "not saved yet"),
	};
	struct draft away[] = { mk("raway1", DRAFT_ASIDE, 6000, "from another host") };
	struct draft fresh[] = { mk("rfresh", DRAFT_ASIDE, 7000, "another host, still busy") };
	struct draft live[] = { mk("rlive1", DRAFT_ASIDE, 8000, "a live session here") };
	char *dir = dir_of(INCIDENT), *ours = file_of(INCIDENT, (long)getpid());
	char *deadf = file_of(INCIDENT, 999999999L), *livef = file_of(INCIDENT, (long)getppid());
	char *awayf = xasprintf("%s/otherhost-4242.yaml", dir);
	char *freshf = xasprintf("%s/otherhost-4343.yaml", dir);
	char *badf = file_of(INCIDENT, 999999998L), *notdraft = file_of(INCIDENT, 999999997L);
	char *name, *s;
	int rc;

	dead[1].logged = 4500;
	name = xasprintf("%s-999999999.yaml", host);
	leave_file(name, dead, 2);
	free(name);
	leave_file("otherhost-4242.yaml", away, 1);
	set_old(awayf);
	leave_file("otherhost-4343.yaml", fresh, 1);
	name = xasprintf("%s-%ld.yaml", host, (long)getppid());
	leave_file(name, live, 1);
	set_old(livef);		/* age does not matter on this host */
	free(name);
	write_text(badf, "---\ntype: event\nid: [unclosed\n");
	write_text(notdraft, "---\ntype: event\nid: e1\nrev: r1\ntime: 2026-11-26T14:03:00Z\n"
		   "author: alice\nset:\n  text: hi\n...\n");
	set_old(badf);
	ok(exists(deadf) && exists(awayf) && exists(freshf) && exists(livef) && !exists(ours),
	   "files of other sessions in place");

	/* our file cannot be written (a folder holds its name): nothing may
	 * be removed, the drafts are in memory */
	mkdir(ours, 0700);
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, EXIT_IOERR, "adoption whose save fails reports it");
	is_int(d.n, 3, "adopted drafts in memory anyway");
	ok(exists(deadf) && exists(awayf), "adopted files kept when ours could not be written");
	drafts_close(&d);
	rmdir(ours);

	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "open adopts: %s", e.msg);
	is_int(d.n, 3, "dead pid and quiet other host adopted, live ones not");
	ok(get(&d, "rdead1") && get(&d, "rdead1")->state == DRAFT_ASIDE, "typing draft adopted as aside");
	ok(get(&d, "rdead2") && get(&d, "rdead2")->state == DRAFT_PENDING && get(&d, "rdead2")->logged == 4500,
	   "pending draft adopted as pending");
	is_str(get(&d, "rdead1") ? get(&d, "rdead1")->text : NULL, "was typing when it died", "adopted text");
	ok(get(&d, "raway1") != NULL, "another host's file older than 10 minutes adopted");
	ok(!get(&d, "rfresh") && !get(&d, "rlive1"), "live sessions' drafts not taken");
	ok(exists(ours), "our file written");
	s = read_text(ours);
	ok(s && strstr(s, "rev: rdead1") && strstr(s, "rev: rdead2") && strstr(s, "rev: raway1"),
	   "our file holds the adopted drafts");
	free(s);
	ok(!exists(deadf), "dead session's file removed");
	ok(!exists(awayf), "quiet other host's file removed");
	ok(exists(freshf), "recent other host's file left alone");
	ok(exists(livef), "live session's file on this host left alone");
	ok(exists(badf), "unparseable file left alone");
	ok(exists(notdraft), "file of records that are not drafts left alone");
	is_str(drafts_latest(&d, DRAFT_ASIDE) ? drafts_latest(&d, DRAFT_ASIDE)->key : NULL, "raway1",
	       "latest aside among adopted");
	drafts_close(&d);

	/* a dead session's file over 16 MiB is not read, and kept */
	{
		char *big = file_of(INCIDENT, 999999993L);
		int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		ok(fd >= 0 && ftruncate(fd, 17L * 1024 * 1024) == 0, "a 17 MiB file");
		if (fd >= 0)
			close(fd);
		e = (struct error){ 0 };
		rc = drafts_open(&d, INCIDENT, &e);
		is_int(rc, 0, "open: %s", e.msg);
		is_int(d.n, 3, "nothing taken from it");
		ok(exists(big), "too large a file left alone");
		unlink(big);
		free(big);
	}

	drafts_close(&d);

	unlink(freshf);
	unlink(livef);
	unlink(badf);
	unlink(notdraft);
	unlink(ours);
	free(dir);
	free(ours);
	free(deadf);
	free(livef);
	free(awayf);
	free(freshf);
	free(badf);
	free(notdraft);
}

static void test_merge(void)
{
	struct drafts d;
	struct error e = { 0 };
	struct draft mine[] = { mk("rkey1", DRAFT_ASIDE, 5000, "mine, newer"),
				mk("rkey2", DRAFT_ASIDE, 5000, "mine, older") };
	struct draft theirs[] = { mk("rkey1", DRAFT_ASIDE, 4000, "theirs, older"),
				  mk("rkey2", DRAFT_ASIDE, 6000, "theirs, newer") };
	char *ours = file_of(INCIDENT, (long)getpid()), *name;
	int rc;

	name = xasprintf("%s-999999995.yaml", host);
	leave_file(name, theirs, 2);
	free(name);
	/* our own file, as an earlier process with our pid left it */
	name = xasprintf("%s-999999994.yaml", host);
	leave_file(name, mine, 2);
	{
		char *dir = dir_of(INCIDENT), *from = xasprintf("%s/%s", dir, name);

		rename(from, ours);
		free(from);
		free(dir);
	}
	free(name);
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "open: %s", e.msg);
	is_int(d.n, 2, "same keys merged");
	is_str(get(&d, "rkey1") ? get(&d, "rkey1")->text : NULL, "mine, newer", "later typed wins (ours)");
	is_str(get(&d, "rkey2") ? get(&d, "rkey2")->text : NULL, "theirs, newer", "later typed wins (theirs)");
	drafts_close(&d);

	/* a damaged file under our own name is moved aside, not overwritten */
	write_text(ours, "---\nnot: [a draft\n");
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "open with a damaged file of ours: %s", e.msg);
	is_int(d.n, 0, "nothing read from it");
	ok(!exists(ours), "moved out of the way");
	{
		char *pat = xasprintf("%s.damaged-*", ours);
		glob_t g;

		ok(glob(pat, 0, NULL, &g) == 0 && g.gl_pathc == 1, "kept as <name>.damaged-*");
		if (g.gl_pathc == 1) {
			char *t = read_text(g.gl_pathv[0]);

			is_str(t, "---\nnot: [a draft\n", "with its contents");
			free(t);
			unlink(g.gl_pathv[0]);
		}
		globfree(&g);
		free(pat);
	}
	drafts_close(&d);
	unlink(ours);
	free(ours);
}

static void test_hostile(void)
{
	struct drafts d;
	struct error e = { 0 };
	struct draft a = mk("rsym01", DRAFT_ASIDE, 1000, "secret");
	char *st2 = xasprintf("%s/state2", tmp), *elsewhere = xasprintf("%s/elsewhere", tmp);
	char *p;
	int rc;

	/* the drafts folder is a symlink */
	mkdir(st2, 0700);
	mkdir(elsewhere, 0777);
	p = xasprintf("%s/scribe", st2);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/scribe/drafts", st2);
	if (symlink(elsewhere, p))
		printf("# symlink: %s\n", strerror(errno));
	free(p);
	setenv("XDG_STATE_HOME", st2, 1);
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	ok(rc != 0, "symlinked drafts folder refused");
	ok(strstr(e.msg, "symbolic link") != NULL, "says why: %s", e.msg);
	p = xasprintf("%s/%s", elsewhere, INCIDENT);
	ok(!exists(p), "nothing created through the link");
	ok(drafts_put(&d, &a) && d.n == 1, "the set still works in memory");
	e = (struct error){ 0 };
	rc = drafts_save(&d, true, &e);
	is_int(rc, EXIT_IOERR, "save refused too");
	ok(!exists(p), "nothing written through the link");
	free(p);
	drafts_close(&d);

	/* the incident folder is a symlink */
	p = xasprintf("%s/scribe/drafts", st2);
	unlink(p);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/scribe/drafts/%s", st2, INCIDENT);
	if (symlink(elsewhere, p))
		printf("# symlink: %s\n", strerror(errno));
	free(p);
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	ok(rc != 0, "symlinked incident folder refused");
	drafts_close(&d);

	/* a drafts file that is a symlink is not read */
	p = xasprintf("%s/scribe/drafts/%s", st2, INCIDENT);
	unlink(p);
	mkdir(p, 0700);
	free(p);
	{
		char *target = xasprintf("%s/target.yaml", elsewhere);
		char *link = xasprintf("%s/scribe/drafts/%s/%s-999999999.yaml", st2, INCIDENT, host);

		write_text(target, "");
		if (symlink(target, link))
			printf("# symlink: %s\n", strerror(errno));
		e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
		is_int(rc, 0, "open with a symlinked file: %s", e.msg);
		ok(exists(link) && exists(target), "symlinked file neither read nor removed");
		drafts_close(&d);
		free(target);
		free(link);
	}

	/* loose folder modes are tightened */
	p = xasprintf("%s/scribe/drafts/%s", st2, INCIDENT);
	chmod(p, 0755);
	drafts_open(&d, INCIDENT, &e);
	is_int(mode_of(p), 0700, "loose incident folder tightened to 0700");
	drafts_close(&d);
	free(p);

	/* an incident id that is not one path component */
	e = (struct error){ 0 };
	rc = drafts_open(&d, "../escape", &e);
	ok(rc != 0, "incident with a slash refused");
	drafts_close(&d);

	/* without XDG_STATE_HOME: ~/.local/state */
	unsetenv("XDG_STATE_HOME");
	e = (struct error){ 0 };
	rc = drafts_open(&d, INCIDENT, &e);
	is_int(rc, 0, "open under HOME: %s", e.msg);
	p = xasprintf("%s/home/.local/state/scribe/drafts/%s", tmp, INCIDENT);
	is_str(d.dir, p, "default folder under ~/.local/state");
	ok(exists(p), "created");
	free(p);
	drafts_close(&d);
	setenv("XDG_STATE_HOME", state, 1);
	free(st2);
	free(elsewhere);
}


/* ---- the hand-written file: every text comes back as it was ---- */

#define HOSTILE_INCIDENT "2026-11-27-hostile-text"

struct texts {
	char *v[128];
	size_t n;
};

static void take_text(void *ctx, struct record *r)
{
	struct texts *t = ctx;
	const struct value *v = record_get(r, F_TEXT);

	if (t->n < ARRAY_SIZE(t->v))
		t->v[t->n++] = xstrdup(v ? v->u.s : "(no text)");
	record_free(r);
}

static void texts_free(struct texts *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	t->n = 0;
}

/* The texts of the records in buf, read by libyaml alone or as the
 * journals are (the quick reader first); *problems: diagnostics. */
static void parse_texts(const char *buf, size_t len, bool libyaml, struct texts *t, size_t *problems)
{
	struct yamlio_parse_opts opts = { .libyaml_only = libyaml };
	struct diags dg = { 0 };

	t->n = 0;
	yamlio_parse_journal_with(&opts, "drafts.yaml", buf, len, 1, take_text, t, &dg);
	*problems = dg.n;
	diags_free(&dg);
}

static void test_hostile_text(void)
{
	static const char *const hostile[] = {
		"", " ", "  leading and trailing  ", "\"", "'", "\\", "\\\"", "\"quoted\" and 'single'",
		"key: value", "- item", "? complex", "# comment", "---", "...", "---\n...\n", "a\nb", "\n",
		"\n\n", "trailing newline\n", "\r\n", "cr\ronly", "tab\there\t", "\x01\x02\x03\x07\x08\x0b\x0c\x0e",
		"\x1b[31mred\x1b[0m", "\x1f\x7f", "NEL \xC2\x85 LS \xE2\x80\xA8 PS \xE2\x80\xA9 end",
		"BOM \xEF\xBB\xBF", "nonchars \xEF\xBF\xBE\xEF\xBF\xBF", "C1 \xC2\x80\xC2\x9B\xC2\x9F",
		"nbsp \xC2\xA0 end", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E: \xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88",
		"\xF0\x9F\x9A\x80 emoji \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
		"max \xF4\x8F\xBF\xBF", "private \xEE\x80\x80", "invalid \xff\xfe \xc3", "overlong \xC0\xAF",
		"surrogate \xED\xA0\x80", "null", "true", "~", "123", "1e5", "@at", "%YAML 1.1", "!tag",
		"&anchor *alias", "|", ">-", "{a: b}", "[a, b]", "back\\slash \\n is not a newline",
		"\\x41 \\u0041 stay as written", "ends with a backslash \\",
	};
	size_t nh = ARRAY_SIZE(hostile), problems;
	struct drafts d;
	struct error e = { 0 };
	struct texts lib = { 0 }, quick = { 0 };
	char *want[ARRAY_SIZE(hostile) + 2], *path, *buf, keys[ARRAY_SIZE(hostile) + 2][16];
	char all[256], *lng;
	size_t n = 0, len;
	bool same_lib = true, same_quick = true, same_open = true, clean = true, exact = true, emitter = true;
	int rc;

	/* every byte but NUL, and a long line */
	for (int b = 1; b < 256; b++)
		all[b - 1] = (char)b;
	all[255] = '\0';
	lng = xmalloc(20001);
	for (size_t i = 0; i < 20000; i++)
		lng[i] = "ab \"\\:\n\xE2\x80\xA8"[i % 10];
	lng[20000] = '\0';

	rc = drafts_open(&d, HOSTILE_INCIDENT, &e);
	is_int(rc, 0, "hostile: open: %s", e.msg);
	for (size_t i = 0; i < nh + 2; i++) {
		const char *text = i < nh ? hostile[i] : i == nh ? all : lng;
		struct draft a;

		snprintf(keys[i], sizeof(keys[i]), "rh%03zu", i);
		a = mk(keys[i], i % 3 == 0 ? DRAFT_PENDING : i % 3 == 1 ? DRAFT_ASIDE : DRAFT_TYPING,
		       1795701780000LL + (ms_t)i, text);
		a.logged = a.typed + 5;
		want[i] = xstrdup(drafts_put(&d, &a)->text);
		/* valid UTF-8 is kept as it is; the rest was made valid */
		if (i < nh && text_valid_utf8(text, strlen(text)) && strcmp(want[i], text))
			exact = false;
		n++;
	}
	ok(exact, "hostile: valid UTF-8 texts are stored unchanged");
	e = (struct error){ 0 };
	rc = drafts_save(&d, false, &e);
	is_int(rc, 0, "hostile: save: %s", e.msg);
	path = xstrdup(d.path);
	drafts_close(&d);

	buf = read_text(path);
	len = buf ? strlen(buf) : 0;
	ok(buf && text_valid_utf8(buf, len), "hostile: the file is valid UTF-8");
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)buf[i] < 0x20 && buf[i] != '\n') || buf[i] == 0x7F)
			clean = false;
	ok(clean, "hostile: no control character in the file but newlines");
	ok(buf && !strstr(buf, "\xC2\x85") && !strstr(buf, "\xE2\x80\xA8") && !strstr(buf, "\xE2\x80\xA9") &&
	   !strstr(buf, "\xEF\xBB\xBF"), "hostile: no YAML line break or BOM written as it is");
	is_int(buf ? yamlio_complete_prefix(buf, len) : 0, len, "hostile: whole records");

	parse_texts(buf ? buf : "", len, true, &lib, &problems);
	is_int(problems, 0, "hostile: libyaml reads the file without a problem");
	is_int(lib.n, n, "hostile: libyaml reads every record");
	parse_texts(buf ? buf : "", len, false, &quick, &problems);
	is_int(problems, 0, "hostile: the journal reader reads it without a problem");
	is_int(quick.n, n, "hostile: the journal reader reads every record");
	for (size_t i = 0; i < n; i++) {
		if (i >= lib.n || strcmp(lib.v[i], want[i])) {
			same_lib = false;
			printf("# libyaml differs on text %zu\n", i);
		}
		if (i >= quick.n || strcmp(quick.v[i], want[i])) {
			same_quick = false;
			printf("# the journal reader differs on text %zu\n", i);
		}
	}
	ok(same_lib, "hostile: libyaml reads back every text exactly");
	ok(same_quick, "hostile: the journal reader reads back every text exactly");

	/* the same text written by libyaml's emitter reads back the same */
	for (size_t i = 0; i < n; i++) {
		struct record *r = record_new(REC_EVENT, "eh", "draft:aside", 1795701780000LL);
		struct strbuf sb = STRBUF_INIT;
		struct texts one = { 0 };

		snprintf(r->rev, sizeof(r->rev), "%s", keys[i]);
		record_set_str(r, F_TEXT, want[i]);
		e = (struct error){ 0 };
		if (yamlio_emit_record(&sb, r, &e)) {
			emitter = false;
		} else {
			parse_texts(sb.buf, sb.len, true, &one, &problems);
			if (one.n != 1 || problems || strcmp(one.v[0], want[i])) {
				emitter = false;
				printf("# the emitter's record differs on text %zu\n", i);
			}
		}
		texts_free(&one);
		sb_free(&sb);
		record_free(r);
	}
	ok(emitter, "hostile: as libyaml's emitter would have written them");

	/* and a new session takes them back */
	e = (struct error){ 0 };
	rc = drafts_open(&d, HOSTILE_INCIDENT, &e);
	is_int(rc, 0, "hostile: reopen: %s", e.msg);
	is_int(d.n, n, "hostile: every draft is back");
	for (size_t i = 0; i < n; i++) {
		struct draft *g = get(&d, keys[i]);

		if (!g || strcmp(g->text, want[i]) || g->typed != 1795701780000LL + (ms_t)i ||
		    (i % 3 == 0 && (g->state != DRAFT_PENDING || g->logged != g->typed + 5))) {
			same_open = false;
			printf("# draft %zu differs\n", i);
		}
	}
	ok(same_open, "hostile: drafts_open reads back every text, time and state");
	while (d.n)
		drafts_remove(&d, d.v[0].key);
	drafts_save(&d, false, &e);
	drafts_close(&d);

	texts_free(&lib);
	texts_free(&quick);
	for (size_t i = 0; i < n; i++)
		free(want[i]);
	free(lng);
	free(buf);
	free(path);
}

int main(void)
{
	char *home, cmd[300];

	snprintf(tmp, sizeof(tmp), "/tmp/scribe-draft-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(state, sizeof(state), "%s/state", tmp);
	home = xasprintf("%s/home", tmp);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	setenv("XDG_STATE_HOME", state, 1);
	free(home);
	make_host_tag();

	test_memory();
	test_files();
	test_adopt();
	test_merge();
	test_hostile();
	test_hostile_text();

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp);
	return done_testing();
}
