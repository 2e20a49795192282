#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "scribe/clock.h"
#include "scribe/config.h"
#include "scribe/model.h"
#include "scribe/text.h"
#include "scribe/yamlread.h"

#define CONFIG_MAX (1024 * 1024)
#define CONFIG_MAX_LIST 64

/* A one-line string value, or NULL (reported). */
static char *read_line(struct yread *ps, yaml_event_t *ev, const char *key)
{
	const char *s = (const char *)ev->data.scalar.value;

	if (ev->type != YAML_SCALAR_EVENT) {
		yread_problem(ps, ev->start_mark, "\"%s\" must be a single value", key);
		yread_skip(ps, ev);
		return NULL;
	}
	if (!s[0] || strchr(s, '\n') || strlen(s) != ev->data.scalar.length ||
	    !text_is_clean(s, ev->data.scalar.length, 0) || ev->data.scalar.length > 200) {
		yread_problem(ps, ev->start_mark, "\"%s\" must be one line of plain text", key);
		return NULL;
	}
	return xstrdup(s);
}

/* true or false into *out, and *set; anything else is reported and
 * leaves both. */
static void read_bool(struct yread *ps, yaml_event_t *ev, const char *key, bool *out, bool *set)
{
	char *t = read_line(ps, ev, key);

	if (t && (!strcmp(t, "true") || !strcmp(t, "false"))) {
		*out = t[0] == 't';
		*set = true;
	} else if (t) {
		yread_problem(ps, ev->start_mark, "\"%s\" is true or false, not \"%s\"", key, t);
	}
	free(t);
}

/* A list of one-line strings (NULL-terminated), or NULL (reported). */
static char **read_list(struct yread *ps, yaml_event_t *ev, const char *key, bool words, size_t *count)
{
	char **v;
	size_t n = 0;
	bool bad = false;

	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		yread_problem(ps, ev->start_mark, "\"%s\" must be a list, like [a, b]", key);
		yread_skip(ps, ev);
		return NULL;
	}
	v = xcalloc(CONFIG_MAX_LIST + 1, sizeof(char *));
	for (;;) {
		yaml_event_t e;
		char *s;

		if (!yread_next(ps, &e))
			break;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		s = bad ? NULL : read_line(ps, &e, key);
		if (!s)
			bad = true;
		else if (words && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(s)) {
			yread_problem(ps, e.start_mark, "\"%s\": \"%s\" must be one lowercase word (a-z, 0-9, - and _)", key, s);
			free(s);
			bad = true;
		} else if (n == CONFIG_MAX_LIST) {
			yread_problem(ps, e.start_mark, "\"%s\" has more than %d entries", key, CONFIG_MAX_LIST);
			free(s);
			bad = true;
		} else {
			v[n++] = s;
		}
		if (e.type != YAML_SCALAR_EVENT)
			bad = true;
		yaml_event_delete(&e);
	}
	if (bad || ps->failed || (words && n == 0)) {
		if (!bad && !ps->failed)
			yread_problem(ps, ev->start_mark, "\"%s\" needs at least one entry", key);
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return NULL;
	}
	if (count)
		*count = n;
	return v;
}

static void add_key(struct config *c, const char *request, yaml_event_t *ev)
{
	struct config_key *k;

	c->keys = xreallocarray(c->keys, c->nkeys + 1, sizeof(*c->keys));
	k = &c->keys[c->nkeys++];
	k->request = xstrdup(request);
	k->key = xstrdup((const char *)ev->data.scalar.value);
	k->line = (int)ev->start_mark.line + 1;
	k->col = (int)ev->start_mark.column + 1;
}

/* keys: {request: key, request: [key, key]}; what the names mean is the
 * screen's to check. */
static void read_keys(struct config *c, struct yread *ps, yaml_event_t *map)
{
	if (map->type != YAML_MAPPING_START_EVENT) {
		yread_problem(ps, map->start_mark, "\"keys\" must be a mapping of requests to keys, like {quit: ctrl-x}");
		yread_skip(ps, map);
		return;
	}
	for (;;) {
		yaml_event_t name, val;

		if (!yread_next(ps, &name))
			return;
		if (name.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&name);
			return;
		}
		if (!yread_next(ps, &val)) {
			yaml_event_delete(&name);
			return;
		}
		if (name.type != YAML_SCALAR_EVENT) {
			yread_problem(ps, name.start_mark, "\"keys\": a request's name is one word");
			yread_skip(ps, &name);
			yread_skip(ps, &val);
		} else if (val.type == YAML_SCALAR_EVENT) {
			add_key(c, (const char *)name.data.scalar.value, &val);
		} else if (val.type == YAML_SEQUENCE_START_EVENT) {
			for (;;) {
				yaml_event_t e;

				if (!yread_next(ps, &e))
					break;
				if (e.type == YAML_SEQUENCE_END_EVENT) {
					yaml_event_delete(&e);
					break;
				}
				if (e.type == YAML_SCALAR_EVENT)
					add_key(c, (const char *)name.data.scalar.value, &e);
				else {
					yread_problem(ps, e.start_mark, "\"keys\": a key is one word, like ctrl-x");
					yread_skip(ps, &e);
				}
				yaml_event_delete(&e);
			}
		} else {
			yread_problem(ps, val.start_mark, "\"keys\": a key is one word, like ctrl-x, or a list of them");
			yread_skip(ps, &val);
		}
		yaml_event_delete(&name);
		yaml_event_delete(&val);
		if (ps->failed)
			return;
	}
}

static void parse(struct config *c, struct yread *ps)
{
	yaml_event_t ev;

	/* stream start, document start (an empty file is fine) */
	if (!yread_next(ps, &ev))
		return;
	yaml_event_delete(&ev);
	if (!yread_next(ps, &ev))
		return;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return;
	}
	yaml_event_delete(&ev);
	if (!yread_next(ps, &ev))
		return;
	if (ev.type == YAML_SCALAR_EVENT && !ev.data.scalar.value[0]) {
		yaml_event_delete(&ev);
		return;	/* an empty document */
	}
	if (ev.type != YAML_MAPPING_START_EVENT) {
		yread_problem(ps, ev.start_mark, "the configuration must be a mapping of keys (shared_dir, group, sync, remote, sync_interval, author, "
			"categories, blame_phrases, theme, times, keys, export_public, export_authors, export_link)");
		yaml_event_delete(&ev);
		return;
	}
	yaml_event_delete(&ev);
	for (;;) {
		yaml_event_t key, val;
		const char *k;

		if (!yread_next(ps, &key))
			return;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			yread_problem(ps, key.start_mark, "keys must be plain words");
			yread_skip(ps, &key);
			yaml_event_delete(&key);
			if (!yread_next(ps, &val))
				return;
			yread_skip(ps, &val);
			yaml_event_delete(&val);
			continue;
		}
		k = (const char *)key.data.scalar.value;
		if (!yread_next(ps, &val)) {
			yaml_event_delete(&key);
			return;
		}
		if (!strcmp(k, "shared_dir")) {
			free(c->shared_dir);
			c->shared_dir = read_line(ps, &val, k);
			c->shared_dir_line = (int)val.start_mark.line + 1;
			if (c->shared_dir && c->shared_dir[0] != '/') {
				yread_problem(ps, val.start_mark, "\"shared_dir\" must be an absolute path");
				free(c->shared_dir);
				c->shared_dir = NULL;
			}
		} else if (!strcmp(k, "sync")) {
			char *t = read_line(ps, &val, k);

			if (t && (!strcmp(t, "git") || !strcmp(t, "off"))) {
				c->sync = !strcmp(t, "git");
				c->sync_set = true;
			} else if (t) {
				yread_problem(ps, val.start_mark, "\"sync\" is git or off, not \"%s\"", t);
			}
			free(t);
		} else if (!strcmp(k, "publish_dir")) {
			free(c->publish_dir);
			c->publish_dir = read_line(ps, &val, k);
			if (c->publish_dir && c->publish_dir[0] != '/') {
				yread_problem(ps, val.start_mark, "\"publish_dir\" must be an absolute path");
				free(c->publish_dir);
				c->publish_dir = NULL;
			}
		} else if (!strcmp(k, "remote")) {
			free(c->remote);
	free(c->publish_dir);
			c->remote = read_line(ps, &val, k);
			if (c->remote && (c->remote[0] == '-' || strpbrk(c->remote, " \t:/\\"))) {
				yread_problem(ps, val.start_mark, "\"remote\" is the name of a git remote, like origin");
				free(c->remote);
	free(c->publish_dir);
				c->remote = NULL;
			}
		} else if (!strcmp(k, "sync_interval")) {
			char *t = read_line(ps, &val, k), *end = NULL;
			long v = t ? strtol(t, &end, 10) : 0;

			if (t && (*end || v < 2 || v > 86400))
				yread_problem(ps, val.start_mark, "\"sync_interval\" is a number of seconds, 2 to 86400");
			else if (t)
				c->sync_interval = (int)v;
			free(t);
		} else if (!strcmp(k, "group")) {
			free(c->group);
			c->group = read_line(ps, &val, k);
		} else if (!strcmp(k, "author")) {
			free(c->author);
			c->author = read_line(ps, &val, k);
		} else if (!strcmp(k, "categories")) {
			c->categories = read_list(ps, &val, k, true, &c->ncategories);
		} else if (!strcmp(k, "theme")) {
			free(c->theme);
			c->theme = read_line(ps, &val, k);
			if (c->theme && strspn(c->theme, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(c->theme)) {
				yread_problem(ps, val.start_mark, "\"theme\" is a theme's name (a-z, 0-9 and -)");
				free(c->theme);
				c->theme = NULL;
			}
		} else if (!strcmp(k, "times")) {
			char *t = read_line(ps, &val, k);

			c->times_set = true;
			if (t && !strcmp(t, "local"))
				c->times = CLOCK_LOCAL;
			else if (t && !strcmp(t, "utc"))
				c->times = CLOCK_UTC;
			else if (t && !strcmp(t, "both"))
				c->times = CLOCK_BOTH;
			else {
				c->times_set = false;
				if (t)
					yread_problem(ps, val.start_mark, "\"times\" is local, utc or both, not \"%s\"", t);
			}
			free(t);
		} else if (!strcmp(k, "keys")) {
			read_keys(c, ps, &val);
		} else if (!strcmp(k, "blame_phrases")) {
			c->blame_phrases = read_list(ps, &val, k, false, NULL);
		} else if (!strcmp(k, "export_link")) {
			free(c->export_link);
			c->export_link = read_line(ps, &val, k);
		} else if (!strcmp(k, "export_public")) {
			read_bool(ps, &val, k, &c->export_public, &c->export_public_set);
		} else if (!strcmp(k, "export_authors")) {
			bool authors = !c->export_no_authors;

			read_bool(ps, &val, k, &authors, &c->export_authors_set);
			c->export_no_authors = !authors;
		} else {
			diags_add(ps->d, DIAG_WARNING, ps->file, (int)key.start_mark.line + 1,
				  (int)key.start_mark.column + 1,
				  "unknown key \"%s\" (valid: shared_dir, group, sync, remote, sync_interval, publish_dir, author, categories, "
				  "blame_phrases, theme, times, keys, export_public, export_authors, export_link); ignored", k);
			yread_skip(ps, &val);
		}
		yaml_event_delete(&key);
		yaml_event_delete(&val);
		if (ps->failed)
			return;
	}
}

void config_load_file(struct config *c, const char *path, struct diags *d)
{
	struct yread ps = { .file = path, .d = d };
	struct stat st;
	char *buf;
	ssize_t n;
	int fd;

	memset(c, 0, sizeof(*c));
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno != ENOENT)
			diags_add(d, DIAG_ERROR, path, 1, 1, "cannot read: %s", strerror(errno));
		return;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX) {
		diags_add(d, DIAG_ERROR, path, 1, 1, "not a regular file of at most 1 MiB; not read");
		close(fd);
		return;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = read(fd, buf, (size_t)st.st_size);
	close(fd);
	c->path = xstrdup(path);
	if (n < 0 || !text_valid_utf8(buf, (size_t)n)) {
		diags_add(d, DIAG_ERROR, path, 1, 1, "not valid UTF-8 text; not read");
		free(buf);
		return;
	}
	if (!yaml_parser_initialize(&ps.p))
		die("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&ps.p, (const unsigned char *)buf, (size_t)n);
	parse(c, &ps);
	yaml_parser_delete(&ps.p);
	free(buf);
}

/* The system-wide file: $SCRIBE_SYSCONFIG when set (empty: none, for
 * tests), else /etc/scribe/config.yaml. */
const char *config_system_path(void)
{
	const char *s = getenv("SCRIBE_SYSCONFIG");

	if (s)
		return s[0] ? s : NULL;
	return "/etc/scribe/config.yaml";
}

char *config_user_path(void)
{
	const char *base = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (base && base[0] == '/')
		return xasprintf("%s/scribe/config.yaml", base);
	if (home && home[0])
		return xasprintf("%s/.config/scribe/config.yaml", home);
	return NULL;
}

#define TAKE(field) do { if (u->field) { free(c->field); c->field = u->field; u->field = NULL; } } while (0)

static void free_list(char **v);

/* The user's settings over the system's: each key the user sets wins. */
static void merge(struct config *c, struct config *u)
{
	if (u->shared_dir) {
		free(c->shared_dir);
		c->shared_dir = u->shared_dir;
		u->shared_dir = NULL;
		c->shared_dir_line = u->shared_dir_line;
		c->shared_dir_user = true;
	}
	TAKE(author);
	TAKE(theme);
	TAKE(group);
	TAKE(remote);
	TAKE(publish_dir);
	if (u->sync_set) {
		c->sync = u->sync;
		c->sync_set = true;
	}
	if (u->sync_interval)
		c->sync_interval = u->sync_interval;
	TAKE(export_link);
	if (u->export_public_set) {
		c->export_public = u->export_public;
		c->export_public_set = true;
	}
	if (u->export_authors_set) {
		c->export_no_authors = u->export_no_authors;
		c->export_authors_set = true;
	}
	if (u->categories) {
		free_list(c->categories);
		c->categories = u->categories;
		c->ncategories = u->ncategories;
		u->categories = NULL;
	}
	if (u->blame_phrases) {
		free_list(c->blame_phrases);
		c->blame_phrases = u->blame_phrases;
		u->blame_phrases = NULL;
	}
	if (u->times_set) {
		c->times = u->times;
		c->times_set = true;
	}
	if (u->nkeys) {
		for (size_t i = 0; i < c->nkeys; i++) {
			free(c->keys[i].request);
			free(c->keys[i].key);
		}
		free(c->keys);
		c->keys = u->keys;
		c->nkeys = u->nkeys;
		u->keys = NULL;
		u->nkeys = 0;
		c->keys_user = true;
	}
}

void config_load(struct config *c, struct diags *d)
{
	const char *sp = config_system_path();
	char *up = config_user_path();
	struct config u;

	memset(c, 0, sizeof(*c));
	if (sp)
		config_load_file(c, sp, d);
	/* the system file's name moves aside: path is the user's */
	c->sys_path = c->path;
	c->path = NULL;
	if (c->shared_dir)
		c->sys_shared_dir = xstrdup(c->shared_dir);
	if (!up)
		return;
	config_load_file(&u, up, d);
	c->path = u.path;
	u.path = NULL;
	merge(c, &u);
	config_free(&u);
	free(up);
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

void config_free(struct config *c)
{
	free(c->path);
	free(c->sys_path);
	free(c->sys_shared_dir);
	free(c->group);
	free(c->remote);
	free(c->publish_dir);
	free(c->shared_dir);
	free(c->author);
	free(c->theme);
	free(c->export_link);
	for (size_t i = 0; i < c->nkeys; i++) {
		free(c->keys[i].request);
		free(c->keys[i].key);
	}
	free(c->keys);
	free_list(c->categories);
	free_list(c->blame_phrases);
	memset(c, 0, sizeof(*c));
}

static struct config the_config;
static bool loaded;

static void free_the_config(void)
{
	config_free(&the_config);
}

const struct config *config_get(struct diags *d)
{
	if (!loaded) {
		struct diags none = { 0 };

		loaded = true;
		config_load(&the_config, d ? d : &none);
		diags_free(&none);
		atexit(free_the_config);
	}
	return &the_config;
}

void config_apply(struct incident *inc)
{
	const struct config *c = config_get(NULL);

	if (c->categories)
		incident_set_categories(inc, (const char *const *)c->categories, c->ncategories);
}
