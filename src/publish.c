/* `scribe publish DIR`: one place stakeholders can read.  Each
 * incident's public report (the `export --public` text) as DIR/ID.md and
 * an index, DIR/README.md (the page GitHub and GitLab show for a folder):
 * date, title, severity, status, time to detect, mitigate and resolve,
 * open and done actions, newest first.  A file whose text is unchanged
 * is not rewritten, so publishing again after nothing changed touches
 * nothing (and a synchronised repository gets no empty commits).  Files
 * it did not make are never removed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/clock.h"
#include "scribe/config.h"
#include "scribe/model.h"
#include "scribe/publish.h"
#include "scribe/report.h"
#include "scribe/store.h"
#include "scribe/text.h"

/* Writes dir/name with text unless it holds exactly that already:
 * 1 written, 0 unchanged, -1 error (e set). */
static int put_file(const char *dir, const char *name, const struct strbuf *text, struct error *e)
{
	char *path = xasprintf("%s/%s", dir, name), *tmp;
	struct stat st;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		if (!fstat(fd, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size == text->len) {
			char *old = xmalloc(text->len + 1);
			bool same = read(fd, old, text->len) == (ssize_t)text->len && !memcmp(old, text->buf, text->len);

			free(old);
			if (same) {
				close(fd);
				free(path);
				return 0;
			}
		}
		close(fd);
	}
	tmp = xasprintf("%s/.tmp-%s-%ld", dir, name, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || write(fd, text->buf, text->len) != (ssize_t)text->len || fsync(fd) || close(fd) ||
	    (fd = -1, rename(tmp, path))) {
		rc = error_set(e, EXIT_CANTCREAT, "cannot write %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
	} else {
		rc = 1;
	}
	free(tmp);
	free(path);
	return rc;
}

static void cell_duration(struct strbuf *sb, ms_t d)
{
	char buf[32];

	if (d < 0)
		sb_adds(sb, " \xE2\x80\x93 |");	/* – */
	else
		sb_addf(sb, " %s |", clock_format_duration(d, buf, sizeof(buf)));
}

/* One row of the index. */
static void index_row(struct strbuf *idx, const struct incident *inc)
{
	struct durations d;
	char date[CLOCK_UTC_LEN];
	size_t open = 0, done = 0;

	incident_durations(inc, &d);
	for (size_t i = 0; i < inc->nactions; i++) {
		const struct action *a = inc->actions[i];

		if (a->deleted)
			continue;
		if (a->status == ASTATUS_DONE)
			done++;
		else if (a->status != ASTATUS_WONTFIX)
			open++;
	}
	clock_format_utc(inc->info.created, date);	/* YYYY-MM-DDT... */
	date[10] = '\0';
	sb_addf(idx, "| %s | [", date);
	text_markdown_escape(idx, inc->info.title ? inc->info.title : inc->id, false);
	sb_addf(idx, "](%s.md) | SEV%d | %s |", inc->id, inc->info.severity,
		enum_name(&incident_status_names, (int)inc->info.status));
	cell_duration(idx, d.to_detect);
	cell_duration(idx, d.to_mitigate);
	cell_duration(idx, d.to_resolve);
	sb_addf(idx, " %zu | %zu |\n", open, done);
	durations_free(&d);
}

int publish(const char *root, const char *dir, struct publish_result *r, struct diags *dg, struct error *e)
{
	struct incident **v = NULL;
	struct strbuf idx = STRBUF_INIT, md = STRBUF_INIT;
	size_t n = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	if (mkdir(dir, 0777) && errno != EEXIST)
		return error_set(e, EXIT_CANTCREAT, "cannot create %s: %s", dir, strerror(errno));
	if ((rc = store_list(root, &v, &n, dg, e)))
		return rc;
	sb_adds(&idx, "# Incident reports\n\n"
		      "Newest first.  Each report is written for readers outside the team: internal marks and\n"
		      "internal-only events are left out.\n\n"
		      "| Date | Incident | Severity | Status | To detect | To mitigate | To resolve | Open actions | Done actions |\n"
		      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		struct store *s = NULL;
		struct incident *inc;
		char *name;
		int w;

		/* each one read in full, one at a time */
		if (store_open(root, v[i]->id, &s, e)) {
			rc = e->code;
			break;
		}
		inc = incident_new(v[i]->id);
		config_apply(inc);
		if (store_read(s, inc, dg, 0, e) < 0) {
			rc = e->code;
			incident_free(inc);
			store_close(s);
			break;
		}
		store_close(s);
		if (!inc->info.e.created) {
			incident_free(inc);
			continue;
		}
		sb_reset(&md);
		report_markdown(&md, inc, clock_now(), REPORT_PUBLIC);
		name = xasprintf("%s.md", inc->id);
		w = put_file(dir, name, &md, e);
		free(name);
		if (w < 0) {
			rc = e->code;
			incident_free(inc);
			break;
		}
		r->written += (size_t)w;
		r->reports++;
		index_row(&idx, inc);
		incident_free(inc);
	}
	if (!rc) {
		int w;

		if (!r->reports)
			sb_adds(&idx, "\nNo incidents yet.\n");
		w = put_file(dir, "README.md", &idx, e);
		if (w < 0)
			rc = e->code;
		else
			r->written += (size_t)w;
	}
	for (size_t i = 0; i < n; i++)
		incident_free(v[i]);
	free(v);
	sb_free(&idx);
	sb_free(&md);
	return rc;
}
