#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "scribe/cli.h"
#include "scribe/config.h"
#include "scribe/demo.h"
#include "scribe/discussion.h"
#include "scribe/edit.h"
#include "scribe/entry.h"
#include "scribe/history.h"
#include "scribe/import.h"
#include "scribe/pack.h"
#include "scribe/publish.h"
#include "scribe/report.h"
#include "scribe/store.h"
#include "scribe/text.h"
#include "scribe/sync.h"
#include "scribe/ui.h"
#include "scribe/where.h"
#include "scribe/yamlio.h"

static const char usage_text[] =
	"Usage: scribe [--dir DIR] [--theme NAME] [--present] [COMMAND [ARGS]]\n"
	"Keep an incident's timeline, contributing factors and actions in a shared directory.\n"
	"\n"
	"Commands:\n"
	"  (none)                       the full-screen program, starting at the incident picker\n"
	"  open ID [--follow]           the full-screen program on one incident; --follow:\n"
	"                               read-only, showing what the presenting session shows\n"
	"  new TITLE... [--severity N] [--at TIME]\n"
	"                               create an incident (begun at TIME); print its id\n"
	"  log ID [--kind K] [--at TIME] [--marker M] [--internal] TEXT...\n"
	"                               append an event ('-' as TEXT reads stdin); print its id;\n"
	"                               --internal: left out of the public report\n"
	"  import ID [--format auto|lines|journal|slack|jsonl] [--dry-run] [--tz ZONE]\n"
	"         [--channel NAME] [--by NAME] [--kind K] [--rule KIND=REGEX] [--year Y]\n"
	"         [--time-field F] [--text-field F] [--by-field F] FILE|-\n"
	"                               events from logs and chat, each at its own time;\n"
	"                               importing the same source twice adds nothing\n"
	"  list                         one line per incident, newest first\n"
	"  show ID [--history]          the timeline as text, in time order; --history:\n"
	"                               with every change (who, when, from what to what)\n"
	"  export ID [--format markdown|yaml|actions-csv|actions-jsonl] [-o FILE]\n"
	"        [--public|--internal] [--no-authors|--authors] [--comments]\n"
	"                               the report (markdown by default); --public leaves\n"
	"                               out internal events and marks, ready to publish;\n"
	"                               --comments: with the discussion of factors and\n"
	"                               actions; actions-csv/-jsonl: the actions for a tracker\n"
	"  check [ID|PATH]...           validate an incident's files (all incidents by default)\n"
	"  demo                         create a sample incident to explore; print its id\n"
	"  pack [ID]...                 merge closed journals into a pack (all incidents\n"
	"                               by default; also done by itself)\n"
	"  sync [--remote NAME] [--quiet]\n"
	"                               synchronise a shared directory that is a git working\n"
	"                               tree with its remote (commit, fetch, merge, push)\n"
	"  publish DIR                  every incident's public report and an index, as\n"
	"                               Markdown in DIR (unchanged files are not rewritten)\n"
	"  where                        the shared directory in use and why, the configuration\n"
	"                               files read, permissions, and what to fix\n"
	"\n"
	"Options:\n"
	"  --theme NAME    the look: default, light, high-contrast, projector, mono,\n"
	"                  colorblind, or a file in ~/.config/scribe/themes/\n"
	"  --present       start in projector mode (one pane, the projector theme)\n"
	"  -d, --dir DIR   the shared directory (default $SCRIBE_DIR, else shared_dir in\n"
	"                  ~/.config/scribe/config.yaml, else in /etc/scribe/config.yaml,\n"
	"                  else $XDG_DATA_HOME/scribe, i.e. ~/.local/share/scribe)\n"
	"  -h, --help      show this help and exit\n"
	"  -V, --version   show the version and exit\n"
	"\n"
	"TIME is HH:MM or HH:MM:SS (the latest such moment, not in the future), RFC 3339\n"
	"(2026-11-26T14:03:00Z), or relative: -90s, -5m, -2h.\n"
	"Kinds: deploy, config, discovery, comms, action, note.  Markers: started,\n"
	"detected, mitigated, resolved.\n"
	"\n"
	"Environment: SCRIBE_DIR, SCRIBE_AUTHOR, TZ, NO_COLOR, EDITOR, VISUAL,\n"
	"SCRIBE_NO_INOTIFY, ESCDELAY.\n"
	"Exit status: 0 success, 64 usage, 65 bad data in a file, 66 no such incident,\n"
	"73 cannot create, 74 input/output error.\n"
	"See scribe(1) and scribe(5).\n";

static const char *opt_dir;
static struct ui_options ui_opts;

static unsigned out_flags(void);

/* "scribe: MESSAGE" on stderr, sanitized: a message may quote what
 * someone typed or wrote, and none of it may act on the terminal. */
static void say(const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	text_sanitize(&sb, msg, strlen(msg), out_flags());
	fprintf(stderr, "scribe: %s\n", sb_str(&sb));
	sb_free(&sb);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	say(sb_str(&sb));
	sb_free(&sb);
	fputs("Try 'scribe --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static int fail(const struct error *e)
{
	say(e->msg);
	return e->code ? e->code : EXIT_SOFTWARE;
}

/* Text for this terminal: ASCII placeholders when the locale is not
 * UTF-8. */
static unsigned out_flags(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")) ? 0 : TEXT_ASCII;
}

/* Writes all of buf to stdout; EXIT_IOERR when it cannot. */
static int put_out(const char *buf, size_t len)
{
	if (len && fwrite(buf, 1, len, stdout) != len)
		goto err;
	if (fflush(stdout) == EOF)
		goto err;
	return 0;
err:
	fprintf(stderr, "scribe: cannot write output: %s\n", strerror(errno));
	return EXIT_IOERR;
}

static void print_diags(const struct diags *d, FILE *to, bool prefix)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		sb_reset(&sb);
		text_sanitize(&sb, g->file, strlen(g->file), out_flags());
		sb_addf(&sb, ":%d:%d: %s", g->line, g->col, g->level == DIAG_WARNING ? "warning: " : "");
		text_sanitize(&sb, g->msg, strlen(g->msg), out_flags());
		fprintf(to, "%s%s\n", prefix ? "scribe: " : "", sb_str(&sb));
	}
	sb_free(&sb);
}

/* getopt_long over a subcommand's arguments (argv[0] is the command). */
#define COMMON_OPTS { "dir", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }

static int common_opt(int c, const char *cmd)
{
	switch (c) {
	case 'd':
		opt_dir = optarg;
		return 0;
	case 'h':
		fputs(usage_text, stdout);
		return -1;
	default:
		return usage_error("bad option for '%s'", cmd);
	}
}

/* Joins argv[from..argc) with spaces. */
static char *join_args(int argc, char **argv, int from)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = from; i < argc; i++) {
		if (i > from)
			sb_addc(&sb, ' ');
		sb_adds(&sb, argv[i]);
	}
	return sb_detach(&sb);
}

/* Opens and reads the incident id; problems in its files go to stderr. */
static int load(const char *id, struct store **s, struct incident **inc, struct error *e)
{
	char *root = store_root(opt_dir);
	struct diags d = { 0 };
	int rc;

	*inc = NULL;
	rc = store_open(root, id, s, e);
	free(root);
	if (rc)
		return rc;
	*inc = incident_new(id);
	config_apply(*inc);
	if (store_read(*s, *inc, &d, 0, e) < 0) {
		diags_free(&d);
		return e->code;
	}
	if (!(*inc)->info.e.created && !d.n) {
		diags_free(&d);
		return error_set(e, EXIT_NOINPUT, "%s holds no incident yet", store_path(*s));
	}
	print_diags(&d, stderr, true);
	diags_free(&d);
	return 0;
}

static void unload(struct store *s, struct incident *inc)
{
	incident_free(inc);
	store_close(s);
}

/* Says so when a new incident went where the team will not see it. */
static void note_created(void)
{
	char *note = where_note_created(opt_dir);

	if (note)
		say(note);
	free(note);
}

/* ---- new ---- */

static int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "severity", required_argument, NULL, 's' },
		{ "at", required_argument, NULL, 'a' },
		COMMON_OPTS, { 0 }
	};
	struct error e = { 0 };
	char *title, *root, *id;
	int severity = 3, c, rc;
	ms_t now = clock_now(), created = now;
	const char *why;

	while ((c = getopt_long(argc, argv, "s:a:d:h", opts, NULL)) != -1) {
		if (c == 'a') {
			/* entered after the fact: the id's date and the start are
			 * the incident's, not today's */
			if (clock_parse_time(optarg, now, &created, &why))
				return usage_error("bad time '%s': %s", optarg, why);
			if (created > now)
				return usage_error("'%s' is in the future: --at says when the incident began", optarg);
		} else if (c == 's') {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || end == optarg || v < 1 || v > 4)
				return usage_error("severity is 1 (worst) to 4, not '%s'", optarg);
			severity = (int)v;
		} else if ((rc = common_opt(c, argv[0]))) {
			return rc < 0 ? 0 : rc;
		}
	}
	title = join_args(argc, argv, optind);
	text_trim(title);
	if (!title[0] || strchr(title, '\n') || !text_valid_utf8(title, strlen(title))) {
		free(title);
		return usage_error("new needs a title (one line of text)");
	}
	root = store_root(opt_dir);
	rc = store_create(root, title, severity, created, &id, &e);
	free(root);
	free(title);
	if (rc)
		return fail(&e);
	note_created();
	printf("%s\n", id);
	free(id);
	return put_out(NULL, 0);
}

/* ---- log ---- */

/* Reads all of stdin as the text of an event. */
static int read_stdin(struct strbuf *sb)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		sb_add(sb, buf, n);
		if (sb->len > YAMLIO_MAX_SCALAR) {
			fprintf(stderr, "scribe: the text on standard input is longer than %d bytes\n",
				YAMLIO_MAX_SCALAR);
			return EXIT_DATAERR;
		}
	}
	if (ferror(stdin)) {
		fprintf(stderr, "scribe: cannot read standard input: %s\n", strerror(errno));
		return EXIT_IOERR;
	}
	return 0;
}

static int cmd_log(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "at", required_argument, NULL, 'a' },
		{ "marker", required_argument, NULL, 'm' },
		{ "internal", no_argument, NULL, 'I' },
		COMMON_OPTS, { 0 }
	};
	struct event_new ev = { .kind = KIND_NOTE, .marker = MARKER_NONE };
	const char *at = NULL, *why;
	int kind = -1, marker = MARKER_NONE, c, rc;
	struct strbuf text = STRBUF_INIT;
	struct entry parsed;
	struct store *s;
	struct incident *inc;
	struct error e = { 0 };
	char id[EDIT_ID_LEN];
	ms_t now = clock_now();

	while ((c = getopt_long(argc, argv, "k:a:m:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if ((kind = enum_parse(&kind_names, optarg)) < 0)
				return usage_error("unknown kind '%s' (valid: %s)", optarg, enum_list(&kind_names));
			break;
		case 'a':
			at = optarg;
			break;
		case 'm':
			marker = enum_parse(&marker_names, optarg);
			if (marker <= MARKER_NONE)
				return usage_error("unknown marker '%s' (valid: started, detected, mitigated, resolved)",
						   optarg);
			break;
		case 'I':
			ev.internal = true;
			break;
		default:
			if ((rc = common_opt(c, argv[0])))
				return rc < 0 ? 0 : rc;
		}
	}
	if (optind >= argc)
		return usage_error("log needs an incident id");
	if (optind + 1 >= argc)
		return usage_error("log needs the text of the event (or '-' to read it from standard input)");
	ev.at = ev.typed = ev.logged = now;
	if (at && clock_parse_time(at, now, &ev.at, &why))
		return usage_error("bad time '%s': %s", at, why);
	if (optind + 2 == argc && !strcmp(argv[optind + 1], "-")) {
		if ((rc = read_stdin(&text))) {
			sb_free(&text);
			return rc;
		}
		entry_clean_text(&text);
		if (!sb_str(&text)[strspn(sb_str(&text), " \t\n\r")]) {
			/* `true | scribe log ID -`: an empty event would only hide
			 * that the command before the pipe printed nothing */
			fprintf(stderr, "scribe: nothing on standard input: no event logged\n");
			sb_free(&text);
			return EXIT_DATAERR;
		}
		ev.text = sb_str(&text);
		ev.kind = kind >= 0 ? (enum kind)kind : KIND_NOTE;
	} else {
		char *joined = join_args(argc, argv, optind + 1);

		/* the same prefixes as in the program: "@14:03 deploy: ..." */
		if (entry_parse(joined, now, &parsed)) {
			free(joined);
			return usage_error("%s", parsed.error);
		}
		sb_adds(&text, parsed.text);
		entry_clean_text(&text);
		ev.text = sb_str(&text);
		ev.kind = kind >= 0 ? (enum kind)kind : parsed.kind;
		if (parsed.has_at && !at)
			ev.at = parsed.at;
		entry_free(&parsed);
		free(joined);
	}
	ev.marker = (enum marker)marker;
	/* appending needs no reading: the cost stays the same however many
	 * events and journals the incident has */
	{
		char *root = store_root(opt_dir);

		rc = store_open(root, argv[optind], &s, &e);
		free(root);
		if (rc) {
			sb_free(&text);
			return fail(&e);
		}
		inc = incident_new(argv[optind]);
	}
	rc = edit_event_add(s, inc, &ev, id, &e);
	sb_free(&text);
	unload(s, inc);
	if (rc)
		return fail(&e);
	printf("%s\n", id);
	return put_out(NULL, 0);
}

/* ---- import ---- */

/* Whether TZ=zone names a zone glibc knows, rather than one it would
 * silently read as UTC: a zone file, or a POSIX rule ("EST5EDT"). */
static bool zone_known(const char *zone)
{
	const char *z = zone[0] == ':' ? zone + 1 : zone;
	const char *dir = getenv("TZDIR");
	char *path;
	bool ok;

	if (!z[0] || strstr(z, ".."))
		return false;
	if (!strcmp(z, "UTC") || !strcmp(z, "GMT"))
		return true;
	path = z[0] == '/' ? xstrdup(z) : xasprintf("%s/%s", dir && dir[0] ? dir : "/usr/share/zoneinfo", z);
	ok = !access(path, R_OK);
	free(path);
	return ok || (z == zone && strpbrk(z, "0123456789"));
}

/* How the zone for zone-less times was chosen, for the output. */
static char *zone_label(const char *tz_opt)
{
	const char *tz = getenv("TZ");
	char link[256];
	ssize_t n;

	if (tz_opt)
		return xasprintf("%s (--tz)", tz_opt);
	if (tz && tz[0])
		return xasprintf("%s (TZ)", tz);
	n = readlink("/etc/localtime", link, sizeof(link) - 1);
	if (n > 0) {
		const char *z;

		link[n] = '\0';
		z = strstr(link, "zoneinfo/");
		return xasprintf("%s (the system's zone, TZ unset)", z ? z + 9 : link);
	}
	return xstrdup("the system's zone (TZ unset)");
}

/* One line of what an import adds: time, author, kind, first line. */
static void import_line(struct strbuf *sb, const struct import_item *it)
{
	char when[64];
	size_t first = strcspn(it->text, "\n");
	size_t lines = 1;

	for (const char *p = it->text; (p = strchr(p, '\n')); p++)
		lines++;
	clock_format_local(it->at, "%Y-%m-%d %H:%M:%S.%L %Z", when, sizeof(when));
	sb_addf(sb, "+ %s  ", when);
	text_sanitize(sb, it->by, strlen(it->by), out_flags());
	sb_addf(sb, "  %s  ", kind_names.names[it->kind]);
	text_sanitize(sb, it->text, first, out_flags());
	if (lines > 1)
		sb_addf(sb, " (+%zu line%s)", lines - 1, lines == 2 ? "" : "s");
	sb_addc(sb, '\n');
}

static int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "tz", required_argument, NULL, 'z' + 256 },
		{ "channel", required_argument, NULL, 'c' + 256 },
		{ "time-field", required_argument, NULL, 'T' + 256 },
		{ "text-field", required_argument, NULL, 'X' + 256 },
		{ "by-field", required_argument, NULL, 'B' + 256 },
		{ "by", required_argument, NULL, 'b' + 256 },
		{ "rule", required_argument, NULL, 'r' + 256 },
		{ "year", required_argument, NULL, 'Y' + 256 },
		COMMON_OPTS, { 0 }
	};
	struct import_opts o = { .format = IMPORT_AUTO, .kind = KIND_NOTE };
	struct import_rule *rules = NULL;
	struct import_set set = { 0 };
	struct record **recs = NULL;
	struct strbuf out = STRBUF_INIT;
	struct diags d = { 0 };
	struct error e = { 0 };
	struct store *s = NULL;
	struct incident *inc = NULL;
	const char *tz = NULL;
	char *zone = NULL;
	bool dry = false;
	size_t nrules = 0, nrecs = 0;
	ms_t now = clock_now();
	int c, k, rc;

	while ((c = getopt_long(argc, argv, "f:nk:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((k = enum_parse(&import_format_names, optarg)) < 0) {
				rc = usage_error("unknown format '%s' (valid: %s)", optarg,
						 enum_list(&import_format_names));
				goto out;
			}
			o.format = (enum import_format)k;
			break;
		case 'n': dry = true; break;
		case 'Y' + 256: {
			char *end;
			long y = strtol(optarg, &end, 10);

			if (*end || end == optarg || y < 1970 || y > 9999) {
				rc = usage_error("--year takes a year from 1970 to 9999, not '%s'", optarg);
				goto out;
			}
			o.year = (int)y;
			break;
		}
		case 'z' + 256: tz = optarg; break;
		case 'c' + 256: o.channel = optarg; break;
		case 'T' + 256: o.time_field = optarg; break;
		case 'X' + 256: o.text_field = optarg; break;
		case 'B' + 256: o.by_field = optarg; break;
		case 'b' + 256: o.by = optarg; break;
		case 'k':
			if ((k = enum_parse(&kind_names, optarg)) < 0) {
				rc = usage_error("unknown kind '%s' (valid: %s)", optarg, enum_list(&kind_names));
				goto out;
			}
			o.kind = (enum kind)k;
			break;
		case 'r' + 256: {
			const char *eq = strchr(optarg, '=');
			char *kw = eq ? xstrndup(optarg, (size_t)(eq - optarg)) : NULL;

			k = kw ? enum_parse(&kind_names, kw) : -1;
			free(kw);
			if (k < 0) {
				rc = usage_error("a rule is KIND=REGEX (kinds: %s), not '%s'", enum_list(&kind_names),
						 optarg);
				goto out;
			}
			rules = xreallocarray(rules, nrules + 1, sizeof(*rules));
			if (regcomp(&rules[nrules].re, eq + 1, REG_EXTENDED | REG_NOSUB)) {
				rc = usage_error("the rule '%s' is not an extended regular expression", optarg);
				goto out;
			}
			rules[nrules++].kind = (enum kind)k;
			break;
		}
		default:
			if ((rc = common_opt(c, argv[0]))) {
				rc = rc < 0 ? 0 : rc;
				goto out;
			}
		}
	}
	if (optind + 2 != argc) {
		rc = usage_error("import needs an incident id and a FILE (or '-' for standard input)");
		goto out;
	}
	if (tz) {
		if (!zone_known(tz)) {
			rc = usage_error("unknown time zone '%s' (a name like Europe/Berlin, or UTC)", tz);
			goto out;
		}
		/* zone-less times are read, and shown, in that zone */
		setenv("TZ", tz, 1);
		tzset();
	}
	zone = zone_label(tz);
	o.zone = zone;
	o.rules = rules;
	o.nrules = nrules;
	o.now = now;
	if ((rc = load(argv[optind], &s, &inc, &e))) {
		rc = fail(&e);
		goto out;
	}
	rc = import_read(argv[optind + 1], &o, &set, &d, &e);
	print_diags(&d, stderr, false);
	if (rc) {
		if (rc != EXIT_DATAERR || !d.errors)
			fail(&e);
		else
			fprintf(stderr, "scribe: nothing imported\n");
		goto out;
	}
	import_mark_known(&set, inc);
	recs = xreallocarray(NULL, set.n ? set.n : 1, sizeof(*recs));
	for (size_t i = 0; i < set.n; i++) {
		if (set.v[i].known)
			continue;
		if (dry)
			import_line(&out, &set.v[i]);
		else
			recs[nrecs++] = import_record(&set, &set.v[i], store_author(), now);
	}
	if (!dry && (rc = store_commit_all(s, inc, recs, nrecs, &e))) {
		for (size_t i = 0; i < nrecs; i++)
			record_free(recs[i]);
		rc = fail(&e);
		goto out;
	}
	{
		size_t added = set.n - set.known;

		sb_addf(&out, "%s %zu event%s from ", dry ? "would import" : "imported", added,
			added == 1 ? "" : "s");
		text_sanitize(&out, set.source, strlen(set.source), out_flags());
		sb_addf(&out, " into %s (%zu already there", inc->id, set.known);
		if (set.skipped)
			sb_addf(&out, ", %zu left out: joins, bots, entries without a message", set.skipped);
		sb_adds(&out, "); ");
		if (set.zoneless) {
			sb_adds(&out, "times without a zone read in ");
			text_sanitize(&out, zone, strlen(zone), out_flags());
		} else {
			sb_adds(&out, "every time carried its zone");
		}
		sb_adds(&out, dry ? "; nothing written (--dry-run)\n" : "\n");
	}
	rc = put_out(out.buf, out.len);
out:
	if (inc)
		unload(s, inc);
	for (size_t i = 0; i < nrules; i++)
		regfree(&rules[i].re);
	free(rules);
	free(recs);
	free(zone);
	import_set_free(&set);
	diags_free(&d);
	sb_free(&out);
	return rc;
}

/* ---- list ---- */

static int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct incident **v;
	struct diags d = { 0 };
	struct error e = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t n, idw = 0;
	char *root;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	if (optind < argc)
		return usage_error("list takes no arguments");
	root = store_root(opt_dir);
	rc = store_list(root, &v, &n, &d, &e);
	free(root);
	if (rc)
		return fail(&e);
	print_diags(&d, stderr, true);
	diags_free(&d);
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i]->id) > idw)
			idw = strlen(v[i]->id);
	for (size_t i = 0; i < n; i++) {
		const char *title = v[i]->info.title ? v[i]->info.title : "";

		sb_addf(&sb, "%-*s  %-9s  %d  ", (int)idw, v[i]->id,
			incident_status_names.names[v[i]->info.status], v[i]->info.severity);
		text_sanitize(&sb, title, strlen(title), out_flags());
		sb_addc(&sb, '\n');
		incident_free(v[i]);
	}
	free(v);
	rc = put_out(sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

/* ---- show ---- */

/* Who wrote a record (struct record or struct stamp), and where. */
struct who {
	const char *author, *account, *file;
	int line, col;
	size_t seq;	/* arrival */
};

static void who_of_record(const void *ctx, const void *p, struct who *w)
{
	const struct record *r = p;

	(void)ctx;
	*w = (struct who){ r->author, r->account, r->file, r->line, r->col, 0 };
}

static void who_of_stamp(const void *inc, const void *p, struct who *w)
{
	const struct stamp *r = p;

	*w = (struct who){ stamp_author(inc, r), stamp_account(inc, r), stamp_file(inc, r), r->line, r->col, 0 };
}

/* records by account, then author, then arrival */
static int by_account(const void *pa, const void *pb)
{
	const struct who *a = pa, *b = pb;
	int c = strcmp(a->account, b->account);

	if (!c)
		c = strcmp(a->author, b->author);
	return c ? c : (a->seq < b->seq ? -1 : a->seq > b->seq);
}

/* Where the author on records and the account that wrote them differ in
 * a way worth a look: an account that writes under several names (one
 * person, several votes?), or an author name that is another account's
 * login name.  A team member who simply writes under a full name (the
 * same one every time) is not flagged.  fn is called once per account
 * and name, with its first record, how many names the account writes
 * under, and (when that is one) whether the name is another login. */
typedef void doubtful_fn(void *ctx, const struct who *r, size_t names);

static void doubtful_authors(const void *const *recs, size_t nrecs, const void *of,
			     void (*who)(const void *of, const void *rec, struct who *w), doubtful_fn *fn, void *ctx)
{
	struct who *v = xcalloc(nrecs ? nrecs : 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < nrecs; i++) {
		who(of, recs[i], &v[n]);
		v[n].seq = i;
		n += v[n].account != NULL;
	}
	qsort(v, n, sizeof(*v), by_account);
	for (size_t i = 0, end; i < n; i = end) {
		size_t names = 0;

		for (end = i; end < n && !strcmp(v[end].account, v[i].account); end++)
			names += end == i || strcmp(v[end].author, v[end - 1].author);
		for (size_t k = i; k < end; k++) {
			const struct who *r = &v[k];
			struct passwd *pw;

			if ((k > i && !strcmp(r->author, v[k - 1].author)) || !strcmp(r->author, r->account))
				continue;
			if (names > 1 || ((pw = getpwnam(r->author)) && strcmp(pw->pw_name, r->account)))
				fn(ctx, r, names);
		}
	}
	free(v);
}

/* doubtful_authors' words for one account and name */
static void doubtful_say(struct strbuf *sb, const struct who *r, size_t names)
{
	if (names > 1)
		sb_addf(sb, "written as \"%s\" by account \"%s\", which writes under %zu names here "
			"(its votes count once)", r->author, r->account, names);
	else
		sb_addf(sb, "written as \"%s\" by account \"%s\": \"%s\" is another account here",
			r->author, r->account, r->author);
}

static void doubtful_diag(void *ctx, const struct who *r, size_t names)
{
	struct strbuf sb = STRBUF_INIT;

	doubtful_say(&sb, r, names);
	diags_add(ctx, DIAG_WARNING, r->file, r->line, r->col, "%s", sb_str(&sb));
	sb_free(&sb);
}

static void check_accounts(const struct incident *inc, struct diags *d)
{
	doubtful_authors((const void *const *)inc->recs, inc->nrecs, inc, who_of_stamp, doubtful_diag, d);
}

/* show --history: the same, as lines after the history */
struct doubtful_lines {
	struct strbuf *out;
	bool any;
};

static void doubtful_line(void *ctx, const struct who *r, size_t names)
{
	struct doubtful_lines *c = ctx;
	struct strbuf sb = STRBUF_INIT;

	if (!c->any)
		sb_adds(c->out, "\nWho wrote what, where the author and the account differ:\n");
	c->any = true;
	sb_adds(c->out, "  ");
	doubtful_say(&sb, r, names);
	text_sanitize(c->out, sb.buf, sb.len, out_flags());
	sb_addc(c->out, '\n');
	sb_free(&sb);
}

static int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = { { "history", no_argument, NULL, 'H' }, COMMON_OPTS, { 0 } };
	struct strbuf sb = STRBUF_INIT;
	struct store *s;
	struct incident *inc;
	struct error e = { 0 };
	bool history = false;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'H')
			history = true;
		else if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	}
	if (optind + 1 != argc)
		return usage_error("show needs one incident id");
	if ((rc = load(argv[optind], &s, &inc, &e)))
		return fail(&e);
	if (history) {
		/* the history is in the files, not in memory: read it back */
		struct history h = { 0 };

		if (store_scan(s, NULL, history_take, &h, &e) < 0) {
			history_free(&h);
			unload(s, inc);
			return fail(&e);
		}
		history_finish(&h);
		report_show_history(&sb, inc, &h, out_flags());
		{
			struct doubtful_lines dl = { &sb, false };

			doubtful_authors((const void *const *)h.recs, h.n, NULL, who_of_record, doubtful_line, &dl);
		}
		history_free(&h);
	} else {
		report_show(&sb, inc, out_flags());
	}
	unload(s, inc);
	rc = put_out(sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

/* ---- export ---- */

/* What a public export leaves out would be published unexplained:
 * the marker warnings go to the one exporting, on stderr. */
static void warn_markers(struct incident *inc)
{
	struct durations d;

	incident_durations(inc, &d);
	for (size_t i = 0; i < d.nwarnings; i++) {
		char *msg = xasprintf("warning: %s", d.warnings[i]);

		say(msg);
		free(msg);
	}
	durations_free(&d);
}

static int cmd_export(int argc, char **argv)
{
	enum { OPT_PUBLIC = 0x100, OPT_INTERNAL, OPT_NO_AUTHORS, OPT_AUTHORS };
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "comments", no_argument, NULL, 'C' },
		{ "public", no_argument, NULL, OPT_PUBLIC },
		{ "internal", no_argument, NULL, OPT_INTERNAL },
		{ "no-authors", no_argument, NULL, OPT_NO_AUTHORS },
		{ "authors", no_argument, NULL, OPT_AUTHORS },
		COMMON_OPTS, { 0 }
	};
	static const char *const formats[] = { "markdown", "md", "yaml", "actions-csv", "actions-jsonl" };
	const struct config *cfg = config_get(NULL);
	struct strbuf sb = STRBUF_INIT;
	const char *format = "markdown", *output = NULL;
	bool comments = false;
	bool public = cfg->export_public, no_authors = cfg->export_no_authors, known = false;
	bool to_tty;
	struct store *s;
	struct incident *inc;
	struct error e = { 0 };
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "f:o:d:h", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'o')
			output = optarg;
		else if (c == 'C')
			comments = true;
		else if (c == OPT_PUBLIC || c == OPT_INTERNAL)
			public = c == OPT_PUBLIC;
		else if (c == OPT_NO_AUTHORS || c == OPT_AUTHORS)
			no_authors = c == OPT_NO_AUTHORS;
		else if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	}
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		known |= !strcmp(format, formats[i]);
	if (!known)
		return usage_error("unknown format '%s' (valid: markdown, yaml, actions-csv, actions-jsonl)", format);
	if (optind + 1 != argc)
		return usage_error("export needs one incident id");
	if ((rc = load(argv[optind], &s, &inc, &e)))
		return fail(&e);
	to_tty = (!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO);
	if (!strcmp(format, "yaml"))
		/* to a terminal, nothing anyone wrote may act on it */
		rc = yamlio_export(&sb, inc, (to_tty ? YAMLIO_ASCII : 0) | (public ? YAMLIO_PUBLIC : 0) |
				   (no_authors ? YAMLIO_NO_AUTHORS : 0), &e);
	else if (!strcmp(format, "actions-csv") || !strcmp(format, "actions-jsonl"))
		(format[8] == 'c' ? report_actions_csv : report_actions_jsonl)(&sb, inc, cfg->export_link,
			to_tty ? REPORT_TERMINAL | (out_flags() ? REPORT_ASCII : 0) : 0);
	else
		report_markdown(&sb, inc, clock_now(), (public ? REPORT_PUBLIC : 0) |
				(no_authors ? REPORT_NO_AUTHORS : 0));
	if (!rc && public && strncmp(format, "actions-", 8))
		warn_markers(inc);
	if (comments && (!strcmp(format, "markdown") || !strcmp(format, "md")))
		report_markdown_discussion(&sb, inc);
	unload(s, inc);
	if (!rc) {
		if (output && strcmp(output, "-"))
			rc = store_write_file(output, sb.buf ? sb.buf : "", sb.len, &e);
		else
			rc = put_out(sb.buf, sb.len);
	}
	sb_free(&sb);
	return rc && e.code ? fail(&e) : rc;
}

/* ---- check ---- */

/* The semantic problems of a loaded incident, as warnings placed at the
 * record they concern. */
/* Comments on something that is no factor or action, and changes of a
 * comment that is not there: kept, shown only in the history. */
static void check_comments(struct incident *inc, struct diags *d)
{
	size_t n;
	const struct comment *c = incident_all_comments(inc, &n);
	const struct record *const *orphans;

	for (size_t i = 0; i < n; i++) {
		const struct entity *en = incident_find(inc, c[i].on);
		const struct record *r = c[i].rec;

		if (!en || (en->type != REC_FACTOR && en->type != REC_ACTION))
			diags_add(d, DIAG_WARNING, r->file ? r->file : inc->id, r->line, r->col,
				  "a comment on %s, which is no factor or action (only its history shows it)", c[i].on);
	}
	orphans = incident_orphan_comment_changes(inc, &n);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = orphans[i];

		diags_add(d, DIAG_WARNING, r->file ? r->file : inc->id, r->line, r->col,
			  "a change of comment %s, which is no comment on %s (only its history shows it)", r->base,
			  r->id);
	}
}

static void check_model(struct incident *inc, struct diags *d)
{
	struct durations dur;
	struct gap *gaps;
	size_t n;
	const struct stamp *ir = entity_first(&inc->info.e), *last;
	const char *ifile = ir ? stamp_file(inc, ir) : inc->id;
	int iline = ir ? ir->line : 1;

	check_accounts(inc, d);
	incident_durations(inc, &dur);
	for (size_t i = 0; i < dur.nwarnings; i++)
		diags_add(d, DIAG_WARNING, ifile, iline, 1, "%s", dur.warnings[i]);
	durations_free(&dur);

	gaps = incident_coverage(inc, &n);
	for (size_t i = 0; i < n; i++) {
		const struct entity *en = incident_find(inc, gaps[i].id);
		const struct stamp *r = entity_last(en);

		if (gaps[i].type == REC_FACTOR)
			diags_add(d, DIAG_WARNING, stamp_file(inc, r), r->line, r->col,
				  "factor %s \"%s\" has no action (add one, or say why none is needed)",
				  gaps[i].id, gaps[i].title ? gaps[i].title : "");
		else
			diags_add(d, DIAG_WARNING, stamp_file(inc, r), r->line, r->col,
				  "action %s \"%s\" addresses no contributing factor",
				  gaps[i].id, gaps[i].title ? gaps[i].title : "");
	}
	free(gaps);

	for (size_t i = 0; i < inc->nfactors; i++) {
		const struct factor *f = inc->factors[i];

		for (size_t k = 0; f->events && k < f->events->n; k++)
			if (!incident_event(inc, f->events->v[k])) {
				const struct stamp *r = entity_last(&f->e);

				diags_add(d, DIAG_WARNING, stamp_file(inc, r), r->line, r->col,
					  "factor %s links to event %s, which does not exist", f->e.id,
					  f->events->v[k]);
			}
	}
	for (size_t i = 0; i < inc->nrecs; i++) {
		const struct stamp *r = inc->recs[i];
		const struct entity *en = stamp_entity(r);

		if (!en->created && r->type != REC_INCIDENT)
			diags_add(d, DIAG_WARNING, stamp_file(inc, r), r->line, r->col,
				  "a %s record changes %s, which was never created",
				  rec_type_names.names[r->type], en->id);
	}
	for (size_t i = 0; i < inc->nevents + inc->nfactors + inc->nactions; i++) {
		const struct entity *en = i < inc->nevents ? &inc->events[i]->e
			: i < inc->nevents + inc->nfactors ? &inc->factors[i - inc->nevents]->e
			: &inc->actions[i - inc->nevents - inc->nfactors]->e;

		if (entity_conflicts(en)) {
			const struct stamp *r = entity_last(en);

			diags_add(d, DIAG_WARNING, stamp_file(inc, r), r->line, r->col,
				  "%s was changed by two people at once; the later change shows, "
				  "both are kept in its history", en->id);
		}
	}
	if (entity_conflicts(&inc->info.e) && (last = entity_last(&inc->info.e)))
		diags_add(d, DIAG_WARNING, stamp_file(inc, last), last->line, last->col,
			  "the incident's summary was changed by two people at once; the later change shows, "
			  "both are kept in its history");
	check_comments(inc, d);
}

/* Checks one incident folder (root/id). */
static int check_incident(const char *root, const char *id, struct diags *d, struct error *e)
{
	struct store *s;
	struct incident *inc;
	int rc;

	if ((rc = store_open(root, id, &s, e)))
		return rc;
	inc = incident_new(id);
	config_apply(inc);
	if (store_read(s, inc, d, STORE_READ_TAILS, e) < 0) {
		rc = e->code;
	} else {
		if (!inc->info.e.created)
			diags_add(d, DIAG_ERROR, store_path(s), 1, 1, "no record creates the incident");
		check_model(inc, d);
	}
	unload(s, inc);
	return rc;
}

static int check_arg(const char *root, const char *arg, struct diags *d, struct error *e)
{
	struct stat st;

	if (store_valid_id(arg)) {
		/* an id names an incident in the shared directory, unless only
		 * a file or folder of that name exists here */
		char *path = xasprintf("%s/%s", root, arg);
		bool in_root = !lstat(path, &st);

		free(path);
		if (in_root || stat(arg, &st))
			return check_incident(root, arg, d, e);
	}
	if (stat(arg, &st))
		return error_set(e, EXIT_NOINPUT, "%s: no such incident or file", arg);
	if (S_ISDIR(st.st_mode)) {
		char *copy = xstrdup(arg), *slash, *parent;
		int rc;

		while (strlen(copy) > 1 && copy[strlen(copy) - 1] == '/')
			copy[strlen(copy) - 1] = '\0';
		slash = strrchr(copy, '/');
		parent = slash ? (slash == copy ? "/" : copy) : ".";
		if (slash)
			*slash = '\0';
		rc = check_incident(parent, slash ? slash + 1 : copy, d, e);
		free(copy);
		return rc;
	}
	{
		/* a lone journal: the incident is the one its records name */
		struct incident *inc = incident_new("");
		int rc;

		rc = store_check_file(arg, inc, d, e);

		incident_free(inc);
		return rc;
	}
}

static int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct diags d = { 0 };
	struct error e = { 0 };
	char *root;
	int c, rc, worst = 0;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	root = store_root(opt_dir);
	if (optind == argc) {
		struct incident **v;
		size_t n;

		if ((rc = store_list(root, &v, &n, NULL, &e))) {
			free(root);
			return fail(&e);
		}
		for (size_t i = 0; i < n; i++) {
			if ((rc = check_incident(root, v[i]->id, &d, &e)) && !worst)
				worst = fail(&e);
			else if (rc)
				fail(&e);
			incident_free(v[i]);
		}
		free(v);
	}
	for (int i = optind; i < argc; i++) {
		e.code = 0;
		if ((rc = check_arg(root, argv[i], &d, &e)) && !worst)
			worst = fail(&e);
		else if (rc)
			fail(&e);
	}
	free(root);
	print_diags(&d, stdout, false);
	fflush(stdout);
	if (!worst && d.errors)
		worst = EXIT_DATAERR;
	diags_free(&d);
	return worst;
}

/* ---- demo ---- */

static int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct error e = { 0 };
	char *root, *id;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	if (optind < argc)
		return usage_error("demo takes no arguments");
	root = store_root(opt_dir);
	rc = demo_create(root, &id, &e);
	free(root);
	if (rc)
		return fail(&e);
	note_created();
	printf("%s\n", id);
	free(id);
	return put_out(NULL, 0);
}

/* ---- where ---- */

static int cmd_where(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct strbuf out = STRBUF_INIT, fix = STRBUF_INIT, clean = STRBUF_INIT;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	if (optind < argc)
		return usage_error("where takes no arguments");
	where_report(opt_dir, &out, &fix);
	sb_adds(&out, fix.len ? "to fix\n" : "to fix            nothing\n");
	sb_add(&out, fix.buf, fix.len);
	/* paths and names come from the environment and the folder */
	text_sanitize(&clean, out.buf, out.len, out_flags() | TEXT_KEEP_NEWLINE);
	rc = put_out(clean.buf, clean.len);
	sb_free(&out);
	sb_free(&fix);
	sb_free(&clean);
	return rc;
}

/* ---- publish ---- */

static int cmd_publish(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct publish_result r;
	struct diags d = { 0 };
	struct error e = { 0 };
	char *root;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	if (optind + 1 != argc || !argv[optind][0])
		return usage_error("publish needs one folder to write the reports to");
	root = store_root(opt_dir);
	rc = publish(root, argv[optind], &r, &d, &e);
	free(root);
	print_diags(&d, stderr, true);
	diags_free(&d);
	if (rc)
		return fail(&e);
	printf("%zu report%s in %s, %zu file%s written\n", r.reports, r.reports == 1 ? "" : "s", argv[optind], r.written,
	       r.written == 1 ? "" : "s");
	return put_out(NULL, 0);
}

/* ---- sync ---- */

static int cmd_sync(int argc, char **argv)
{
	static const struct option opts[] = { { "remote", required_argument, NULL, 'r' }, { "quiet", no_argument, NULL, 'q' },
					      COMMON_OPTS, { 0 } };
	struct sync_options so = { .wait = true };
	struct sync_status st;
	struct error e = { 0 };
	char *root, line[700];
	int c, rc;

	while ((c = getopt_long(argc, argv, "r:qd:h", opts, NULL)) != -1) {
		if (c == 'r')
			so.remote = optarg;
		else if (c == 'q')
			so.quiet = true;
		else if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	}
	if (optind < argc)
		return usage_error("sync takes no arguments");
	root = store_root(opt_dir);
	rc = sync_run(root, &so, &st, &e);
	free(root);
	if (rc)
		return fail(&e);
	sync_describe(&st, line, sizeof(line));
	if (st.state == SYNC_IN_STEP) {
		if (!so.quiet)
			printf("%s\n", line);
		rc = put_out(NULL, 0);
		/* a file someone rewrote stays out of the repository: an error */
		return rc ? rc : st.refused ? EXIT_DATAERR : 0;
	}
	say(line);
	return EXIT_IOERR;
}

/* ---- pack ---- */

/* Packs one incident; says what it did on stdout. */
static int pack_one(const char *root, const char *id, struct error *e)
{
	struct store *s;
	struct pack_result res;
	int rc;

	if ((rc = store_open(root, id, &s, e)))
		return rc;
	rc = pack_incident(s, 0, &res, e);
	store_close(s);
	if (rc)
		return rc;
	if (res.name[0])
		printf("%s: %zu journals and %zu packs into %s (%zu records); %zu journals left loose\n", id,
		       res.journals, res.packs, res.name, res.records, res.left);
	else
		printf("%s: nothing to pack; %zu journals left loose\n", id, res.left);
	return 0;
}

static int cmd_pack(int argc, char **argv)
{
	static const struct option opts[] = { COMMON_OPTS, { 0 } };
	struct error e = { 0 };
	char *root;
	int c, rc, worst = 0;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1)
		if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	root = store_root(opt_dir);
	if (optind == argc) {
		struct incident **v;
		size_t n;

		if ((rc = store_list(root, &v, &n, NULL, &e))) {
			free(root);
			return fail(&e);
		}
		for (size_t i = 0; i < n; i++) {
			e.code = 0;
			if ((rc = pack_one(root, v[i]->id, &e)) && !worst)
				worst = fail(&e);
			else if (rc)
				fail(&e);
			incident_free(v[i]);
		}
		free(v);
	}
	for (int i = optind; i < argc; i++) {
		e.code = 0;
		if ((rc = pack_one(root, argv[i], &e)) && !worst)
			worst = fail(&e);
		else if (rc)
			fail(&e);
	}
	free(root);
	rc = put_out(NULL, 0);
	return worst ? worst : rc;
}

/* ---- open ---- */

static int cmd_open(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'F' },
		{ "theme", required_argument, NULL, 't' },
		{ "present", no_argument, NULL, 'p' },
		COMMON_OPTS, { 0 }
	};
	char *root;
	int c, rc;

	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'F')
			ui_opts.follow = true;
		else if (c == 't')
			ui_opts.theme = optarg;
		else if (c == 'p')
			ui_opts.present = true;
		else if ((rc = common_opt(c, argv[0])))
			return rc < 0 ? 0 : rc;
	}
	if (optind + 1 != argc)
		return usage_error("open needs one incident id");
	root = store_root(opt_dir);
	rc = ui_main(root, argv[optind], &ui_opts);
	free(root);
	return rc;
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "open", cmd_open },
	{ "new", cmd_new },
	{ "log", cmd_log },
	{ "import", cmd_import },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "export", cmd_export },
	{ "check", cmd_check },
	{ "demo", cmd_demo },
	{ "pack", cmd_pack },
	{ "where", cmd_where },
	{ "sync", cmd_sync },
	{ "publish", cmd_publish },
};

int cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "theme", required_argument, NULL, 't' },
		{ "present", no_argument, NULL, 'p' },
		{ 0 }
	};
	int c;

	setlocale(LC_ALL, "");
	opterr = 1;
	/* hidden, for `make man-keys`: the key tables as they are built in,
	 * before any configuration changes them */
	if (argc == 2 && !strncmp(argv[1], "--dump-keys=", 12)) {
		if (keys_dump(argv[1] + 12, stdout))
			return usage_error("--dump-keys: no format \"%s\" (man)", argv[1] + 12);
		return put_out(NULL, 0);
	}
	{
		/* a bad configuration is said, then the defaults serve */
		struct diags d = { 0 };

		const struct config *cfg = config_get(&d);

		clock_set_display((enum clock_zone)cfg->times);
		keys_configure(cfg->keys, cfg->nkeys, cfg->keys_user ? cfg->path : cfg->sys_path, &d);
		print_diags(&d, stderr, true);
		diags_free(&d);
	}
	/* "+": stop at the command; its own options come after it */
	while ((c = getopt_long(argc, argv, "+d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			opt_dir = optarg;
			break;
		case 't':
			ui_opts.theme = optarg;
			break;
		case 'p':
			ui_opts.present = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return put_out(NULL, 0);
		case 'V':
			printf("scribe %s\n"
			       "Copyright (C) 2026 the scribe authors.\n"
			       "License: MIT.  There is NO WARRANTY, to the extent permitted by law.\n",
			       PACKAGE_VERSION);
			return put_out(NULL, 0);
		default:
			fputs("Try 'scribe --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (opt_dir && !opt_dir[0])
		return usage_error("--dir needs a directory");
	if (optind >= argc) {
		char *root = store_root(opt_dir);
		int rc = ui_main(root, NULL, &ui_opts);

		free(root);
		return rc;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(argv[optind], commands[i].name)) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;

			optind = 0;	/* glibc: start over for the subcommand */
			return commands[i].run(sub_argc, sub_argv);
		}
	}
	return usage_error("unknown command '%s'", argv[optind]);
}
