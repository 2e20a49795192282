/* `scribe where`: which shared directory is in use and why, the
 * configuration files read, the permissions new incidents will get,
 * whether the team can write, and what to fix.  Read-only: it creates
 * nothing, so it can be run first on a new account. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/config.h"
#include "scribe/store.h"
#include "scribe/sync.h"
#include "scribe/where.h"

static void row(struct strbuf *out, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row(struct strbuf *out, const char *label, const char *fmt, ...)
{
	va_list ap;

	sb_addf(out, "%-17s ", label);
	va_start(ap, fmt);
	sb_vaddf(out, fmt, ap);
	va_end(ap);
	sb_addc(out, '\n');
}

static const char *group_name(gid_t gid, char *buf, size_t n)
{
	struct group *gr = getgrgid(gid);

	if (gr && gr->gr_name)
		return gr->gr_name;
	snprintf(buf, n, "%u", (unsigned)gid);
	return buf;
}

static const char *user_name(uid_t uid, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name)
		return pw->pw_name;
	snprintf(buf, n, "%u", (unsigned)uid);
	return buf;
}

/* "drwxrwsr-t" */
static void mode_string(mode_t m, char s[11])
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : '-';
	s[1] = m & S_IRUSR ? 'r' : '-';
	s[2] = m & S_IWUSR ? 'w' : '-';
	s[3] = m & S_ISUID ? (m & S_IXUSR ? 's' : 'S') : (m & S_IXUSR ? 'x' : '-');
	s[4] = m & S_IRGRP ? 'r' : '-';
	s[5] = m & S_IWGRP ? 'w' : '-';
	s[6] = m & S_ISGID ? (m & S_IXGRP ? 's' : 'S') : (m & S_IXGRP ? 'x' : '-');
	s[7] = m & S_IROTH ? 'r' : '-';
	s[8] = m & S_IWOTH ? 'w' : '-';
	s[9] = m & S_ISVTX ? (m & S_IXOTH ? 't' : 'T') : (m & S_IXOTH ? 'x' : '-');
	s[10] = '\0';
}

static bool in_group(gid_t gid)
{
	gid_t v[256];
	int n;

	if (getegid() == gid)
		return true;
	n = getgroups((int)(sizeof(v) / sizeof(v[0])), v);
	for (int i = 0; i < n; i++)
		if (v[i] == gid)
			return true;
	return false;
}

/* Incident folders in root (names that are incident ids). */
static long count_incidents(const char *root)
{
	DIR *d = opendir(root);
	struct dirent *de;
	long n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (store_valid_id(de->d_name))
			n++;
	closedir(d);
	return n;
}

static void file_row(struct strbuf *out, const char *label, const char *path, const char *whose)
{
	struct stat st;

	if (!path) {
		row(out, label, "none (%s)", whose);
		return;
	}
	if (stat(path, &st))
		row(out, label, "%s (%s): %s", path, whose, errno == ENOENT ? "not present" : strerror(errno));
	else
		row(out, label, "%s (%s): read", path, whose);
}

int where_report(const char *opt_dir, struct strbuf *out, struct strbuf *fix)
{
	const struct config *c = config_get(NULL);
	enum store_root_source src;
	char *why, *root = store_root_why(opt_dir, &src, &why), *up = config_user_path();
	char ms[11], b1[32], b2[32];
	mode_t um = umask(0);
	struct stat st;
	const char *s;

	umask(um);
	row(out, "shared directory", "%s", root);
	row(out, "  because", "%s", why);
	file_row(out, "config files", config_system_path(), "the system's");
	file_row(out, "", up, "yours");

	if ((s = getenv("SCRIBE_AUTHOR")) && s[0])
		row(out, "author", "%s (SCRIBE_AUTHOR)", store_author());
	else if (c->author)
		row(out, "author", "%s (author in the configuration)", store_author());
	else
		row(out, "author", "%s (the login name)", store_author());
	row(out, "account", "%s (uid %u)", user_name(getuid(), b1, sizeof(b1)), (unsigned)getuid());

	if (stat(root, &st)) {
		row(out, "folder", "%s", errno == ENOENT ? "does not exist yet (the first `scribe new` creates it)" : strerror(errno));
		if (errno != ENOENT)
			sb_addf(fix, "- %s cannot be read: %s\n", root, strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		row(out, "folder", "not a directory");
		sb_addf(fix, "- %s is not a directory\n", root);
	} else {
		bool setgid = st.st_mode & S_ISGID, gw = st.st_mode & S_IWGRP, ow = st.st_mode & S_IWOTH;
		bool canwrite = !access(root, W_OK | X_OK);
		long n = count_incidents(root);

		mode_string(st.st_mode, ms);
		row(out, "folder", "%s %s:%s, %ld incident%s", ms, user_name(st.st_uid, b1, sizeof(b1)),
		    group_name(st.st_gid, b2, sizeof(b2)), n, n == 1 ? "" : "s");
		row(out, "you can write", "%s", canwrite ? "yes" : "no");
		if (!canwrite)
			sb_addf(fix, "- you cannot write %s: ask its owner to add you to the group %s\n", root,
				group_name(st.st_gid, b2, sizeof(b2)));
		if (ow)
			row(out, "others can write", "everyone on this host (the folder is world-writable)");
		else if (gw)
			row(out, "others can write", "the group %s", group_name(st.st_gid, b2, sizeof(b2)));
		else
			row(out, "others can write", "nobody: this is a private folder");
		if (setgid && gw)
			row(out, "new incidents", "group %s, group-writable and setgid%s, whatever your umask (%04o)",
			    group_name(st.st_gid, b2, sizeof(b2)), st.st_mode & S_ISVTX ? ", sticky" : "", (unsigned)um);
		else
			row(out, "new incidents", "mode %04o from your umask (%04o), group %s",
			    (unsigned)(0777 & ~um), (unsigned)um,
			    setgid ? group_name(st.st_gid, b2, sizeof(b2)) : group_name(getegid(), b1, sizeof(b1)));
		if (src != ROOT_DEFAULT && gw && !setgid)
			sb_addf(fix, "- %s is group-writable but not setgid: new incidents get each creator's own group; "
				"fix: chmod g+s %s\n", root, root);
	}
	if (!stat(root, &st) && S_ISDIR(st.st_mode) && sync_is_repo(root)) {
		struct sync_status ss;
		char line[700];

		sync_status(root, &ss);
		sync_describe(&ss, line, sizeof(line));
		row(out, "sync", "git, %s; %s", c->sync ? "in the background (sync: git)" : "by `scribe sync` only", line);
		if (ss.state == SYNC_OFFLINE || ss.state == SYNC_FAILED || ss.state == SYNC_AHEAD)
			sb_addf(fix, "- sync: %s\n", line);
	} else {
		row(out, "sync", "%s", c->sync ? "configured (sync: git), but the folder is not a git working tree"
					  : "none (the folder is not a git working tree)");
		if (c->sync)
			sb_addf(fix, "- sync: git is configured but %s is not a git working tree: git clone the team's "
				"repository there (see scribe(5), SYNCHRONISING)\n", root);
	}
	if (src == ROOT_DEFAULT)
		sb_addf(fix, "- this is your private folder: for a team, set shared_dir in %s (for everyone, "
			"`ssh host scribe` included) or in %s\n",
			config_system_path() ? config_system_path() : "/etc/scribe/config.yaml", up ? up : "your configuration");
	if (c->group) {
		struct group *gr = getgrnam(c->group);

		if (!gr)
			sb_addf(fix, "- the configured group \"%s\" does not exist on this host\n", c->group);
		else if (!in_group(gr->gr_gid))
			sb_addf(fix, "- the configured group \"%s\" is not one of yours: new incidents keep your group\n", c->group);
		row(out, "group", "%s (group in the configuration)", c->group);
	}
	free(why);
	free(up);
	free(root);
	return 0;
}

char *where_note_created(const char *opt_dir)
{
	const struct config *c = config_get(NULL);
	enum store_root_source src;
	char *root = store_root_why(opt_dir, &src, NULL), *msg = NULL;

	if (src == ROOT_DEFAULT && count_incidents(root) == 1)
		msg = xasprintf("note: created in your private folder %s, where only you will see it; "
				"`scribe where` says how to share a folder with the team", root);
	else if (src != ROOT_OPTION && src != ROOT_SYSTEM_CONFIG && c->sys_shared_dir && strcmp(c->sys_shared_dir, root))
		msg = xasprintf("note: created in %s, not in the team's folder %s that %s names", root,
				c->sys_shared_dir, c->sys_path);
	free(root);
	return msg;
}
