/* Themes: how each area of the screen looks, read from YAML files
 * (themes/NAME.yaml) by the same libyaml code as the configuration.
 * No curses here: colours are numbers (0-255, -1 the terminal's own) and
 * attributes are THEME_* flags; the screen maps them to what the
 * terminal has (256, 16, 8 colours or none). */
#ifndef SCRIBE_THEME_H
#define SCRIBE_THEME_H

#include <stdbool.h>

#include "scribe/util.h"

/* The screen's areas: one table, so a theme that misses one or names an
 * unknown one can be told. X(enum, name in theme files) */
#define AREAS(X) \
	X(AREA_NORMAL, "normal") X(AREA_TITLE, "title") X(AREA_TAB, "tab") \
	X(AREA_TAB_ACTIVE, "tab-active") X(AREA_STATUS, "status") X(AREA_SAVED, "saved") \
	X(AREA_NOT_SAVED, "not-saved") X(AREA_SELECTED, "selected") X(AREA_TIME, "time") \
	X(AREA_KIND, "kind") X(AREA_MARKER, "marker") X(AREA_STAR, "star") X(AREA_AUTHOR, "author") \
	X(AREA_DIM, "dim") X(AREA_PLACEHOLDER, "placeholder") X(AREA_WARNING, "warning") \
	X(AREA_PROMPT, "prompt") X(AREA_STAMP, "stamp") X(AREA_HELP, "help") X(AREA_MATCH, "match")
#define ENUM_AREA(a, name) a,
enum area { AREAS(ENUM_AREA) AREA_COUNT };
#undef ENUM_AREA

extern const char *const area_names[AREA_COUNT];

enum {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_REVERSE = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_BLINK = 1 << 4,
	THEME_STANDOUT = 1 << 5,
};

struct theme_style {
	short fg, bg;		/* 0-255, or -1: the terminal's default */
	unsigned attrs;		/* THEME_* with colours */
	unsigned mono;		/* THEME_* without colours (NO_COLOR, a mono terminal) */
};

struct theme {
	char name[64];
	char *path;		/* the file it came from, NULL for the built-in one */
	struct theme_style area[AREA_COUNT];
};

/* The built-in dark theme, the same as themes/default.yaml (used when no
 * theme file can be found, e.g. running from the build tree). */
void theme_builtin(struct theme *t);

/* Loads theme name: $XDG_CONFIG_HOME/scribe/themes/NAME.yaml first, then
 * the installed PKGDATADIR/themes/NAME.yaml, then $SCRIBE_THEMES/NAME.yaml
 * (the source tree's themes/, for tests); "default" falls back to the
 * built-in theme.  Areas the file leaves out keep the default's look (a
 * warning names each); an unknown area, colour or attribute is a problem
 * with FILE:LINE:COLUMN in d.  Returns 0, or -1 when no such theme was
 * found or it did not parse (t then holds the default). */
int theme_load(const char *name, struct theme *t, struct diags *d);
/* Reads one theme file (for `scribe check` and tests). */
int theme_load_file(const char *path, struct theme *t, struct diags *d);
void theme_free(struct theme *t);

/* The names of the themes that can be found (built-in and files), sorted,
 * NULL-terminated; free with theme_names_free. */
char **theme_names(void);
void theme_names_free(char **names);

/* The nearest of the first n colours (8 or 16) to colour c (0-255), for
 * terminals with fewer colours; a bright colour (8-15) on an 8-colour
 * terminal becomes its base colour (the caller may add bold). */
short theme_nearest(short c, int n);

#endif
