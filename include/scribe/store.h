/* The shared directory: the only code that touches it.
 *
 * One folder per incident.  Inside, every writing session (one run of a
 * command, one full-screen session) appends records to a journal file
 * of its own, "j-<utc time>-<host>-<pid>-<random>.yaml": one writer per
 * file, so no locks and no interleaving, and nothing relies on O_APPEND
 * or flock (NFS).  A journal is born as a temp file ".tmp-j-...", filled
 * with its first record, fsynced and renamed into place, then the folder
 * is fsynced; later records are appended with one write() and fsynced.
 * Readers take only whole records (up to the last "..." line) and keep
 * their offset in each file, so reading again costs only what is new.
 * man/scribe.5 tells the whole story. */
#ifndef SCRIBE_STORE_H
#define SCRIBE_STORE_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "scribe/model.h"
#include "scribe/util.h"

#define STORE_MAX_FILE (256L * 1024 * 1024)	/* bytes in one journal */
#define STORE_MAX_ID 60				/* characters in an incident id */
#define STORE_MAX_SLUG 40			/* characters of the title in it */

/* True if id is a well-formed incident id: 1..STORE_MAX_ID characters of
 * [a-z0-9-], not starting with '-' or '.', so it can never name a path
 * outside the shared directory. */
bool store_valid_id(const char *id);

/* The shared directory: opt_dir if given, else $SCRIBE_DIR, else the
 * configuration's shared_dir (the user's, then the system's), else
 * $XDG_DATA_HOME/scribe, else ~/.local/share/scribe.  Returns a malloc'd
 * path; does not create it. */
char *store_root(const char *opt_dir);
/* The same, and where it comes from: the source, and (if why is not
 * NULL) a sentence for people, like "shared_dir in FILE:LINE (...)". */
enum store_root_source { ROOT_OPTION, ROOT_ENV, ROOT_USER_CONFIG, ROOT_SYSTEM_CONFIG, ROOT_DEFAULT };
char *store_root_why(const char *opt_dir, enum store_root_source *src, char **why);

/* The author written on records: $SCRIBE_AUTHOR, else the login name,
 * else "uid<N>".  Static storage. */
const char *store_author(void);
/* The login account this process writes as: the user name of the
 * effective uid, else "uid<N>".  Written on every record ("account"),
 * and the name a journal's owner must have.  Static storage. */
const char *store_account(void);
/* The name of account uid, as store_account gives it: malloc'd. */
char *store_account_name(uid_t uid);

/* The id a new incident called title would get on the UTC date of now,
 * before clash suffixes: "2026-11-26-checkout-5xx".  Malloc'd. */
char *store_make_id(const char *title, ms_t now);

/* Creates a new incident: claims its folder (creating the shared
 * directory if needed) and writes its first record durably.  Returns 0
 * and the id in *id (malloc'd), or an EXIT_* code with e set. */
int store_create(const char *root, const char *title, int severity, ms_t now, char **id,
		 struct error *e);

struct store;

enum {
	STORE_READ_TAILS = 1 << 0,	/* report records cut short at a file's end */
	STORE_TAIL_FIRST = 1 << 1,	/* large journals: only their newest records
					 * now, the rest by store_read_backlog */
	STORE_CHANGED_ONLY = 1 << 2,	/* a quick look for what is new: the folder
					 * is listed again only if it changed, and
					 * journals closed by their writers and
					 * packs are not looked at (a replaced or
					 * rewritten one waits for a look without
					 * this flag) */
	STORE_INCIDENT_ONLY = 1 << 3,	/* only the incident's own records (title,
					 * severity, status: what a list shows)
					 * and each journal's newest time, skipping
					 * the others unparsed; no cache */
};

/* Opens the incident folder root/id.  EXIT_NOINPUT when there is no such
 * incident; EXIT_USAGE when id is not a valid id. */
int store_open(const char *root, const char *id, struct store **out, struct error *e);
/* Closes the store.  A session that wrote ends its journal with
 * PACK_CLOSED_LINE (scribe/pack.h) and packs the incident's journals if
 * they have piled up. */
void store_close(struct store *s);
const char *store_path(const struct store *s);
/* For the packer (pack.c), the other module that touches the folder:
 * the incident folder's descriptor; whether name is a loose journal's
 * ("j-...yaml"); and name opened for reading as the readers do (a
 * regular file, no symlink, within STORE_MAX_FILE), or -1 with errno and
 * *why set. */
int store_dirfd(const struct store *s);
bool store_journal_name(const char *name);
int store_open_file(const struct store *s, const char *name, struct stat *st, const char **why);

/* Reads every record written since the last call (by anyone, in any
 * journal) and folds it into inc.  Problems go to d (may be NULL) with
 * file, line and column.  Returns the number of new records, or -1 with
 * e set when the folder itself cannot be read. */
long store_read(struct store *s, struct incident *inc, struct diags *d, unsigned flags,
		struct error *e);

/* Reads about budget bytes more of what STORE_TAIL_FIRST left (older
 * records of large journals) and folds them in; stores in *left how many
 * bytes still wait (0: all read).  Returns the number of records. */
long store_read_backlog(struct store *s, struct incident *inc, size_t budget, off_t *left);
/* The same with about budget bytes from each journal that still has
 * older records: what must come before the first screen (the record
 * that made the incident, at the start of one of them) is found in a
 * pass or two whichever journal holds it. */
long store_read_backlog_each(struct store *s, struct incident *inc, size_t budget, off_t *left);

/* Reads every record of the incident's journals again, from their
 * start, and hands each to fn (which takes it; r->file is NULL): history
 * is read back from the files on demand, never kept while the incident
 * is open.  Nothing is folded, cached or reported (problems were
 * reported when the incident was read).  With only, the records that
 * may be about entity only, found without parsing the rest: fn still
 * gets some others and must look at r->id.  Returns how many records,
 * or -1 with e set when the folder cannot be read. */
long store_scan(struct store *s, const char *only, void (*fn)(void *ctx, struct record *r), void *ctx,
		struct error *e);

/* Writes r durably to this session's journal (giving it a rev if it has
 * none) and, once it is on disk, folds it into inc, which takes it.  On
 * failure nothing is folded, r stays the caller's, and the code is
 * returned with e set (EXIT_IOERR, EXIT_CANTCREAT). */
int store_commit(struct store *s, struct incident *inc, struct record *r, struct error *e);

/* A journal removed or renamed away under its writer, or its incident
 * folder removed, would take records no one reads: store_commit looks
 * after every write, and this looks now.  Either way everything this
 * session wrote is written again, as a new journal (in a new incident
 * folder if need be).  True when that happened since the last call,
 * with how many records (and how many of them events) in *records and
 * *events. */
bool store_restored(struct store *s, size_t *records, size_t *events);

/* Writes records r[0..n) as one new journal of their own, all or none:
 * a temp file holding every record, fsynced, renamed into place, the
 * folder fsynced (the way every journal is born), so a crash or a full
 * disk leaves either all of them or none.  Records without a rev get
 * one.  Then folds them into inc, which takes them; later records of
 * this session go to the new journal.  On failure nothing is folded,
 * the records stay the caller's, and the code is returned with e set
 * (EXIT_DATAERR when they would not fit in one journal). */
int store_commit_all(struct store *s, struct incident *inc, struct record **r, size_t n,
		     struct error *e);

/* Reads one file as a journal (for `scribe check PATH`): every problem
 * goes to d, including a record cut short at its end. */
int store_check_file(const char *path, struct incident *inc, struct diags *d, struct error *e);

/* Writes buf to path (a report, outside the shared directory) as a new
 * file in one go: a temp file beside it, fsync, rename; never through a
 * symlink planted at the temp name.  Returns 0 or EXIT_CANTCREAT /
 * EXIT_IOERR with e set. */
int store_write_file(const char *path, const char *buf, size_t len, struct error *e);

/* Runs $VISUAL, else $EDITOR, else vi on a private temp file holding
 * text, and returns what the file holds afterwards (malloc'd) in *out.
 * The terminal is the caller's to hand over.  Returns 0, or an EXIT_*
 * code with e set (the editor failed or the file could not be read). */
int store_edit_external(const char *text, char **out, struct error *e);

/* Presence: who has the incident open.  Each full-screen session keeps
 * a file ".presence-<host>-<pid>-<random>" holding its author's name and
 * touches it every few seconds; a session is there while its file is
 * fresh (and, on this host, its process alive). */
#define PRESENCE_FRESH_MS 6000

struct presence {
	char *author;
	char *host;
	char *info;		/* what the session says it shows ("present pane=..."), or "" */
	ms_t seen;
	bool self;
};

int store_presence_join(struct store *s, struct error *e);
/* Marks this session alive now (cheap: one futimens). */
void store_presence_touch(struct store *s);
/* Says what this session shows (one line), for followers. */
void store_presence_say(struct store *s, const char *info);
void store_presence_leave(struct store *s);
/* Everyone with the incident open now, this session included (self),
 * sorted by author.  Removes files of dead sessions on this host. */
size_t store_presence(struct store *s, struct presence **out);
void presence_free(struct presence *p, size_t n);

/* Change notification for the incident folder (inotify), so that a
 * session waits for others' writes instead of looking for them.  Returns
 * a descriptor to poll for reading, or -1 where notification cannot be
 * trusted (no inotify; a network filesystem, where other machines'
 * writes raise no event): then the caller looks every so often. */
int store_watch(struct store *s);
enum {
	STORE_SAW_JOURNAL = 1 << 0,	/* a journal was created or written */
	STORE_SAW_PRESENCE = 1 << 1,	/* someone came, went or said something */
	STORE_SAW_LOST = 1 << 2,	/* the watch ended (folder gone, queue
					 * overflowed): look at everything, and
					 * fall back to looking every so often */
};
/* Reads what the watch has to say without blocking: STORE_SAW_* bits. */
unsigned store_watch_read(struct store *s);

/* Summaries of every incident in the shared directory, newest first:
 * each holds only the incident's own records (title, severity, status;
 * STORE_INCIDENT_ONLY), and the time of its newest record in newest.
 * Free with incident_free.  Problems go to d. */
int store_list(const char *root, struct incident ***out, size_t *n, struct diags *d,
	       struct error *e);

/* A summary and what its folder's files looked like when it was read. */
struct listed {
	struct incident *inc;
	uint64_t sig;
};

/* store_list again, for a list kept on screen: *v (*n of them) is the
 * last list (or NULL, 0), and becomes the new one; a summary whose
 * folder's files have not changed (names, inodes, sizes, times) is kept
 * without reading it again.  Free with store_listed_free. */
int store_list_again(const char *root, struct listed **v, size_t *n, struct diags *d, struct error *e);
void store_listed_free(struct listed *v, size_t n);

#endif
