/* Themes: YAML files that say how each area of the screen looks.  Read
 * with libyaml events like the configuration; every problem is reported
 * as FILE:LINE:COLUMN and leaves the built-in look in place. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "scribe/text.h"
#include "scribe/theme.h"
#include "scribe/yamlread.h"

#ifndef SOURCE_THEMES
#define SOURCE_THEMES ""
#endif
#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/scribe"
#endif

#define THEME_MAX (256 * 1024)
#define THEME_NAME_MAX ((int)sizeof(((struct theme *)0)->name) - 1)

#define AREA_NAME(a, name) [a] = name,
const char *const area_names[AREA_COUNT] = { AREAS(AREA_NAME) };
#undef AREA_NAME

/* ---- the built-in theme ---- */

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

/* The same as themes/default.yaml (and the look scribe had before themes). */
static const struct theme_style builtin[AREA_COUNT] = {
	[AREA_NORMAL] = { -1, -1, 0, 0 },
	[AREA_TITLE] = { -1, -1, THEME_BOLD, THEME_BOLD },
	[AREA_TAB] = { -1, -1, 0, 0 },
	[AREA_TAB_ACTIVE] = { BLACK, CYAN, THEME_BOLD, THEME_REVERSE | THEME_BOLD },
	[AREA_STATUS] = { BLACK, CYAN, 0, THEME_REVERSE },
	[AREA_SAVED] = { BLACK, GREEN, 0, THEME_REVERSE },
	[AREA_NOT_SAVED] = { WHITE, RED, THEME_BOLD | THEME_UNDERLINE, THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE },
	[AREA_SELECTED] = { -1, -1, THEME_REVERSE, THEME_REVERSE },
	[AREA_TIME] = { CYAN, -1, 0, 0 },
	[AREA_KIND] = { YELLOW, -1, 0, 0 },
	[AREA_MARKER] = { MAGENTA, -1, THEME_BOLD, THEME_BOLD | THEME_UNDERLINE },
	[AREA_STAR] = { YELLOW, -1, THEME_BOLD, THEME_BOLD },
	[AREA_AUTHOR] = { GREEN, -1, 0, 0 },
	[AREA_DIM] = { -1, -1, THEME_DIM, THEME_DIM },
	[AREA_PLACEHOLDER] = { MAGENTA, -1, THEME_UNDERLINE, THEME_UNDERLINE },
	[AREA_WARNING] = { YELLOW, -1, THEME_BOLD, THEME_BOLD },
	[AREA_PROMPT] = { -1, -1, THEME_BOLD, THEME_BOLD },
	[AREA_STAMP] = { CYAN, -1, THEME_BOLD, THEME_BOLD },
	[AREA_HELP] = { -1, -1, 0, 0 },
	[AREA_MATCH] = { -1, -1, THEME_UNDERLINE | THEME_BOLD, THEME_UNDERLINE | THEME_BOLD },
};

void theme_builtin(struct theme *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "default");
	memcpy(t->area, builtin, sizeof(t->area));
}

void theme_free(struct theme *t)
{
	free(t->path);
	t->path = NULL;
}

/* ---- names ---- */

static const char *const colour_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white",
};
#define COLOUR_LIST "black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, " \
	"bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white, default, " \
	"or a number from 0 to 255"

static const struct {
	const char *name;
	unsigned flag;
} attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "reverse", THEME_REVERSE },
	{ "underline", THEME_UNDERLINE }, { "blink", THEME_BLINK }, { "standout", THEME_STANDOUT },
};
#define ATTR_LIST "bold, dim, reverse, underline, blink, standout"

static bool good_name(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= (size_t)THEME_NAME_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static const char *area_list(void)
{
	static char buf[512];

	if (!buf[0]) {
		size_t len = 0;

		for (int a = 0; a < AREA_COUNT; a++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", a ? ", " : "", area_names[a]);
	}
	return buf;
}

/* ---- the parser ---- */

static const char *scalar(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* A scalar that is one printable word, safe to quote in a message. */
static bool plain_word(const yaml_event_t *ev)
{
	const char *s = scalar(ev);

	return ev->data.scalar.length <= 64 && strlen(s) == ev->data.scalar.length &&
	       text_is_clean(s, ev->data.scalar.length, 0) && !strchr(s, '\n');
}

static void read_colour(struct yread *ps, const yaml_event_t *ev, const char *area, const char *key, short *out)
{
	const char *s;

	if (ev->type != YAML_SCALAR_EVENT) {
		yread_problem(ps, ev->start_mark, "%s of area %s must be one colour: %s", key, area, COLOUR_LIST);
		yread_skip(ps, ev);
		return;
	}
	s = scalar(ev);
	if (!strcmp(s, "default")) {
		*out = -1;
		return;
	}
	for (int i = 0; i < 16; i++)
		if (!strcmp(s, colour_names[i])) {
			*out = (short)i;
			return;
		}
	if (s[0] && strlen(s) == ev->data.scalar.length && strspn(s, "0123456789") == strlen(s)) {
		if (strlen(s) > 3 || atoi(s) > 255)
			yread_problem(ps, ev->start_mark, "colour %.12s%s for %s of area %s is out of range: numbers go "
				"from 0 to 255", s, strlen(s) > 12 ? "..." : "", key, area);
		else
			*out = (short)atoi(s);
		return;
	}
	if (plain_word(ev))
		yread_problem(ps, ev->start_mark, "unknown colour \"%s\" for %s of area %s (valid: %s)", s, key, area,
			COLOUR_LIST);
	else
		yread_problem(ps, ev->start_mark, "unknown colour for %s of area %s (valid: %s)", key, area, COLOUR_LIST);
}

static void read_attr_word(struct yread *ps, const yaml_event_t *ev, const char *area, const char *key,
			   unsigned *out)
{
	const char *s = scalar(ev);

	if (!s[0] && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return;		/* "attrs:" with nothing: none */
	for (size_t i = 0; i < ARRAY_SIZE(attr_names); i++)
		if (!strcmp(s, attr_names[i].name)) {
			*out |= attr_names[i].flag;
			return;
		}
	if (plain_word(ev))
		yread_problem(ps, ev->start_mark, "unknown attribute \"%s\" in %s of area %s (valid: %s)", s, key, area,
			ATTR_LIST);
	else
		yread_problem(ps, ev->start_mark, "unknown attribute in %s of area %s (valid: %s)", key, area, ATTR_LIST);
}

/* A list of attributes ([bold, blink], [] for none) or a single one. */
static void read_attrs(struct yread *ps, const yaml_event_t *ev, const char *area, const char *key,
		       unsigned *out)
{
	*out = 0;
	if (ev->type == YAML_SCALAR_EVENT) {
		read_attr_word(ps, ev, area, key, out);
		return;
	}
	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		yread_problem(ps, ev->start_mark, "%s of area %s must be a list of attributes like [bold, underline] "
			"(valid: %s)", key, area, ATTR_LIST);
		yread_skip(ps, ev);
		return;
	}
	for (;;) {
		yaml_event_t e;

		if (!yread_next(ps, &e))
			return;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return;
		}
		if (e.type == YAML_SCALAR_EVENT) {
			read_attr_word(ps, &e, area, key, out);
		} else {
			yread_problem(ps, e.start_mark, "%s of area %s must be a list of single attributes (valid: %s)",
				key, area, ATTR_LIST);
			yread_skip(ps, &e);
		}
		yaml_event_delete(&e);
	}
}

static void read_style(struct yread *ps, const yaml_event_t *ev, const char *area, struct theme_style *st)
{
	enum { K_FG, K_BG, K_ATTRS, K_MONO, K_COUNT };
	static const char *const keys[K_COUNT] = { "fg", "bg", "attrs", "mono" };
	bool seen[K_COUNT] = { false };

	st->fg = st->bg = -1;
	st->attrs = st->mono = 0;
	if (ev->type != YAML_MAPPING_START_EVENT) {
		yread_problem(ps, ev->start_mark, "the style of area %s must be a mapping like "
			"{fg: white, bg: blue, attrs: [bold], mono: [reverse]}", area);
		yread_skip(ps, ev);
		return;
	}
	for (;;) {
		yaml_event_t key, val;
		int k = K_COUNT;

		if (!yread_next(ps, &key))
			return;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			break;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			yread_problem(ps, key.start_mark, "keys in the style of area %s must be one of fg, bg, attrs, mono",
				area);
			yread_skip(ps, &key);
		} else {
			for (k = 0; k < K_COUNT && strcmp(scalar(&key), keys[k]); k++)
				;
			if (k == K_COUNT) {
				if (plain_word(&key))
					yread_problem(ps, key.start_mark, "unknown key \"%s\" in the style of area %s "
						"(valid: fg, bg, attrs, mono)", scalar(&key), area);
				else
					yread_problem(ps, key.start_mark, "unknown key in the style of area %s "
						"(valid: fg, bg, attrs, mono)", area);
			} else if (seen[k]) {
				yread_problem(ps, key.start_mark, "%s is given twice for area %s", keys[k], area);
				k = K_COUNT;
			} else {
				seen[k] = true;
			}
		}
		yaml_event_delete(&key);
		if (!yread_next(ps, &val))
			return;
		switch (k) {
		case K_FG:
			read_colour(ps, &val, area, keys[k], &st->fg);
			break;
		case K_BG:
			read_colour(ps, &val, area, keys[k], &st->bg);
			break;
		case K_ATTRS:
			read_attrs(ps, &val, area, keys[k], &st->attrs);
			break;
		case K_MONO:
			read_attrs(ps, &val, area, keys[k], &st->mono);
			break;
		default:
			yread_skip(ps, &val);
			break;
		}
		yaml_event_delete(&val);
		if (ps->failed)
			return;
	}
	if (!seen[K_MONO])
		st->mono = st->attrs;
}

static void read_areas(struct yread *ps, const yaml_event_t *ev, struct theme *t, bool seen[AREA_COUNT])
{
	if (ev->type != YAML_MAPPING_START_EVENT) {
		yread_problem(ps, ev->start_mark, "\"areas\" must be a mapping of area names to styles (areas: %s)",
			area_list());
		yread_skip(ps, ev);
		return;
	}
	for (;;) {
		yaml_event_t key, val;
		int a = AREA_COUNT;

		if (!yread_next(ps, &key))
			return;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			yread_problem(ps, key.start_mark, "area names must be plain words (areas: %s)", area_list());
			yread_skip(ps, &key);
		} else {
			for (a = 0; a < AREA_COUNT && strcmp(scalar(&key), area_names[a]); a++)
				;
			if (a == AREA_COUNT) {
				if (plain_word(&key))
					yread_problem(ps, key.start_mark, "unknown area \"%s\" (valid: %s)", scalar(&key),
						area_list());
				else
					yread_problem(ps, key.start_mark, "unknown area (valid: %s)", area_list());
			} else if (seen[a]) {
				yread_problem(ps, key.start_mark, "area %s is given twice", area_names[a]);
				a = AREA_COUNT;
			} else {
				seen[a] = true;
			}
		}
		yaml_event_delete(&key);
		if (!yread_next(ps, &val))
			return;
		if (a < AREA_COUNT)
			read_style(ps, &val, area_names[a], &t->area[a]);
		else
			yread_skip(ps, &val);
		yaml_event_delete(&val);
		if (ps->failed)
			return;
	}
}

/* The top level: a mapping with name (optional) and areas. */
static void read_root(struct yread *ps, const yaml_event_t *ev, struct theme *t)
{
	bool seen[AREA_COUNT] = { false }, have_name = false, have_areas = false;
	yaml_mark_t areas_at = ev->start_mark;

	for (;;) {
		yaml_event_t key, val;
		const char *k = NULL;

		if (!yread_next(ps, &key))
			return;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			break;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			yread_problem(ps, key.start_mark, "keys must be plain words (name, areas)");
			yread_skip(ps, &key);
		} else {
			k = scalar(&key);
		}
		if (!yread_next(ps, &val)) {
			yaml_event_delete(&key);
			return;
		}
		if (!k) {
			yread_skip(ps, &val);
		} else if (!strcmp(k, "name")) {
			if (have_name)
				yread_problem(ps, key.start_mark, "\"name\" is given twice");
			else if (val.type != YAML_SCALAR_EVENT || !good_name(scalar(&val)))
				yread_problem(ps, val.start_mark, "\"name\" must be one word of a-z, 0-9 and -, "
					"at most %d characters", THEME_NAME_MAX);
			else
				snprintf(t->name, sizeof(t->name), "%s", scalar(&val));
			have_name = true;
			yread_skip(ps, &val);
		} else if (!strcmp(k, "areas")) {
			if (have_areas) {
				yread_problem(ps, key.start_mark, "\"areas\" is given twice");
				yread_skip(ps, &val);
			} else {
				have_areas = true;
				areas_at = key.start_mark;
				read_areas(ps, &val, t, seen);
			}
		} else {
			if (plain_word(&key))
				diags_add(ps->d, DIAG_WARNING, ps->file, (int)key.start_mark.line + 1,
					  (int)key.start_mark.column + 1,
					  "unknown key \"%s\" (valid: name, areas); ignored", k);
			else
				diags_add(ps->d, DIAG_WARNING, ps->file, (int)key.start_mark.line + 1,
					  (int)key.start_mark.column + 1, "unknown key (valid: name, areas); ignored");
			yread_skip(ps, &val);
		}
		yaml_event_delete(&key);
		yaml_event_delete(&val);
		if (ps->failed)
			return;
	}
	if (!have_areas) {
		yread_problem(ps, ev->start_mark, "the theme has no \"areas\" (a mapping of area names to styles: %s)",
			area_list());
		return;
	}
	if (ps->errors)
		return;
	for (int a = 0; a < AREA_COUNT; a++)
		if (!seen[a])
			diags_add(ps->d, DIAG_WARNING, ps->file, (int)areas_at.line + 1, (int)areas_at.column + 1,
				  "theme %s leaves out area %s: it keeps the default look", t->name, area_names[a]);
}

static void parse(struct yread *ps, struct theme *t)
{
	yaml_event_t ev;

	if (!yread_next(ps, &ev))	/* stream start */
		return;
	yaml_event_delete(&ev);
	if (!yread_next(ps, &ev))
		return;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yread_problem(ps, ev.start_mark, "the theme is empty: it needs \"areas\"");
		yaml_event_delete(&ev);
		return;
	}
	yaml_event_delete(&ev);	/* document start */
	if (!yread_next(ps, &ev))
		return;
	if (ev.type != YAML_MAPPING_START_EVENT) {
		if (ev.type == YAML_SCALAR_EVENT && !ev.data.scalar.value[0])
			yread_problem(ps, ev.start_mark, "the theme is empty: it needs \"areas\"");
		else
			yread_problem(ps, ev.start_mark, "a theme must be a mapping with \"name\" and \"areas\"");
		yread_skip(ps, &ev);
		yaml_event_delete(&ev);
		return;
	}
	read_root(ps, &ev, t);
	yaml_event_delete(&ev);
	if (ps->failed)
		return;
	if (!yread_next(ps, &ev))	/* document end */
		return;
	yaml_event_delete(&ev);
	if (!yread_next(ps, &ev))
		return;
	if (ev.type != YAML_STREAM_END_EVENT)
		yread_problem(ps, ev.start_mark, "a theme file holds one document only");
	yaml_event_delete(&ev);
}

/* ---- loading ---- */

/* The name a file gives its theme when it says none: its base name
 * without ".yaml". */
static void name_from_path(struct theme *t, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".yaml"))
		n -= 5;
	snprintf(t->name, sizeof(t->name), "%.*s", (int)n, base);
	if (!good_name(t->name))
		snprintf(t->name, sizeof(t->name), "%s", "unnamed");
}

/* Reads the whole file at fd (opened from path) into *out. */
static int slurp(int fd, const char *path, char **out, size_t *len, struct diags *d)
{
	struct stat st;
	char *buf;
	size_t n = 0;

	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > THEME_MAX) {
		diags_add(d, DIAG_ERROR, path, 1, 1, "not a regular file of at most 256 KiB; not read");
		return -1;
	}
	buf = xmalloc(THEME_MAX + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, THEME_MAX + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diags_add(d, DIAG_ERROR, path, 1, 1, "cannot read: %s", strerror(errno));
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > THEME_MAX) {
			diags_add(d, DIAG_ERROR, path, 1, 1, "not a regular file of at most 256 KiB; not read");
			free(buf);
			return -1;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int load_fd(int fd, const char *path, struct theme *t, struct diags *d)
{
	struct yread ps = { .file = path, .d = d };
	struct theme nt;
	char *buf;
	size_t n;

	theme_builtin(t);
	if (slurp(fd, path, &buf, &n, d))
		return -1;
	if (!text_valid_utf8(buf, n)) {
		diags_add(d, DIAG_ERROR, path, 1, 1, "not valid UTF-8 text; not read");
		free(buf);
		return -1;
	}
	theme_builtin(&nt);
	name_from_path(&nt, path);
	if (!yaml_parser_initialize(&ps.p))
		die("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&ps.p, (const unsigned char *)buf, n);
	parse(&ps, &nt);
	yaml_parser_delete(&ps.p);
	free(buf);
	if (ps.errors || ps.failed)
		return -1;
	*t = nt;
	t->path = xstrdup(path);
	return 0;
}

int theme_load_file(const char *path, struct theme *t, struct diags *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), rc;

	if (fd < 0) {
		theme_builtin(t);
		diags_add(d, DIAG_ERROR, path, 1, 1, "cannot read: %s", strerror(errno));
		return -1;
	}
	rc = load_fd(fd, path, t, d);
	close(fd);
	return rc;
}

/* Whether this is the binary in the build tree (BUILD_BINARY), not an
 * installed copy: only then may it read the source tree. */
static bool in_build_tree(void)
{
#ifdef BUILD_BINARY
	char self[4096], built[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n <= 0 || !realpath(BUILD_BINARY, built))
		return false;
	self[n] = '\0';
	return !strcmp(self, built);
#else
	return false;
#endif
}

/* The folders themes are looked up in, most important first (NULL where
 * there is none); free the strings with free(). */
static void theme_dirs(char *dirs[3])
{
	const char *base = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME"), *src = getenv("SCRIBE_THEMES");

	if (base && base[0] == '/')
		dirs[0] = xasprintf("%s/scribe/themes", base);
	else if (home && home[0] == '/')
		dirs[0] = xasprintf("%s/.config/scribe/themes", home);
	else
		dirs[0] = NULL;
	dirs[1] = xstrdup(PKGDATADIR "/themes");
	/* last, the source tree's themes: only for the binary run from where
	 * it was built, never for an installed one */
	dirs[2] = src && src[0] ? xstrdup(src) : SOURCE_THEMES[0] && in_build_tree() ? xstrdup(SOURCE_THEMES) : NULL;
}

static void free_dirs(char *dirs[3])
{
	for (int i = 0; i < 3; i++)
		free(dirs[i]);
}

static void names_list(struct strbuf *sb)
{
	char **names = theme_names();

	for (size_t i = 0; names[i]; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", names[i]);
	theme_names_free(names);
}

int theme_load(const char *name, struct theme *t, struct diags *d)
{
	struct strbuf sb = STRBUF_INIT;
	char *dirs[3];

	theme_builtin(t);
	if (!name)
		name = "";
	if (good_name(name)) {
		theme_dirs(dirs);
		for (int i = 0; i < 3; i++) {
			char *path;
			int fd, rc;

			if (!dirs[i])
				continue;
			path = xasprintf("%s/%s.yaml", dirs[i], name);
			fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
				free(path);
				continue;
			}
			if (fd < 0) {
				diags_add(d, DIAG_ERROR, path, 1, 1, "cannot read: %s", strerror(errno));
				rc = -1;
			} else {
				rc = load_fd(fd, path, t, d);
				close(fd);
			}
			free(path);
			free_dirs(dirs);
			if (rc == 0)
				snprintf(t->name, sizeof(t->name), "%s", name);
			return rc;
		}
		free_dirs(dirs);
		if (!strcmp(name, "default"))
			return 0;
	}
	/* the name as typed, without anything a terminal would act on */
	for (const char *p = name; *p && sb.len < 64; p++)
		sb_addc(&sb, *p > ' ' && *p < 127 ? *p : '?');
	{
		char *shown = sb_detach(&sb);

		if (!shown)
			shown = xstrdup("");
		names_list(&sb);
		diags_add(d, DIAG_ERROR, "theme", 1, 1, "no theme \"%s\" (themes: %s)", shown, sb_str(&sb));
		free(shown);
	}
	sb_free(&sb);
	return -1;
}

/* ---- listing ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **theme_names(void)
{
	char *dirs[3], **v;
	size_t n = 0, cap = 8, out = 0;

	v = xcalloc(cap, sizeof(char *));
	v[n++] = xstrdup("default");
	theme_dirs(dirs);
	for (int i = 0; i < 3; i++) {
		DIR *dir = dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *de;

		if (!dir)
			continue;
		while ((de = readdir(dir))) {
			size_t len = strlen(de->d_name);
			char name[128], *path;
			struct stat st;

			if (len <= 5 || len - 5 >= sizeof(name) || strcmp(de->d_name + len - 5, ".yaml"))
				continue;
			memcpy(name, de->d_name, len - 5);
			name[len - 5] = '\0';
			if (!good_name(name))
				continue;
			path = xasprintf("%s/%s", dirs[i], de->d_name);
			if (stat(path, &st) || !S_ISREG(st.st_mode)) {
				free(path);
				continue;
			}
			free(path);
			if (n + 1 >= cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof(char *));
			}
			v[n++] = xstrdup(name);
		}
		closedir(dir);
	}
	free_dirs(dirs);
	qsort(v, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (out && !strcmp(v[out - 1], v[i]))
			free(v[i]);
		else
			v[out++] = v[i];
	}
	v[out] = NULL;
	return v;
}

void theme_names_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

/* ---- fewer colours ---- */

/* xterm's RGB values for the 16 ANSI colours. */
static const unsigned char ansi_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xcd, 0x00, 0x00 }, { 0x00, 0xcd, 0x00 }, { 0xcd, 0xcd, 0x00 },
	{ 0x00, 0x00, 0xee }, { 0xcd, 0x00, 0xcd }, { 0x00, 0xcd, 0xcd }, { 0xe5, 0xe5, 0xe5 },
	{ 0x7f, 0x7f, 0x7f }, { 0xff, 0x00, 0x00 }, { 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x5c, 0x5c, 0xff }, { 0xff, 0x00, 0xff }, { 0x00, 0xff, 0xff }, { 0xff, 0xff, 0xff },
};

static void rgb_of(int c, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = ansi_rgb[c][i];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = level[c / 36];
		rgb[1] = level[c / 6 % 6];
		rgb[2] = level[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
	}
}

/* How far from grey a colour is: its largest channel minus its smallest. */
static int chroma(const int rgb[3])
{
	int hi = rgb[0], lo = rgb[0];

	for (int k = 1; k < 3; k++) {
		hi = rgb[k] > hi ? rgb[k] : hi;
		lo = rgb[k] < lo ? rgb[k] : lo;
	}
	return hi - lo;
}

/* The squared RGB distance plus the squared difference in chroma: plain
 * RGB distance alone sends a mid grey (244) to yellow on 8 colours, as
 * xterm's white (e5e5e5) is far lighter; with the chroma term greys stay
 * grey and saturated colours stay saturated. */
short theme_nearest(short c, int n)
{
	int rgb[3], best = 0;
	long best_d = -1;

	if (c < 0 || c > 255)
		return -1;
	if (c < n)
		return c;
	if (n < 8)
		return -1;	/* no colours to speak of */
	n = n >= 16 ? 16 : 8;
	if (n == 8 && c < 16)
		return (short)(c - 8);
	rgb_of(c, rgb);
	for (int i = 0; i < n; i++) {
		int ansi[3] = { ansi_rgb[i][0], ansi_rgb[i][1], ansi_rgb[i][2] };
		long dist = (long)(chroma(rgb) - chroma(ansi)) * (chroma(rgb) - chroma(ansi));

		for (int k = 0; k < 3; k++)
			dist += (long)(rgb[k] - ansi[k]) * (rgb[k] - ansi[k]);
		if (best_d < 0 || dist < best_d) {
			best_d = dist;
			best = i;
		}
	}
	return (short)best;
}
