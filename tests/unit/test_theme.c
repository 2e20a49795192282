/* Themes: the shipped files load cleanly and match the built-in look,
 * bad files are named by line and column, the lookup order holds, and
 * colours fall back sensibly on 16 and 8 colour terminals. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scribe/theme.h"
#include "tap.h"

static const char *const shipped[] = { "default", "light", "high-contrast", "projector", "mono", "colorblind" };

static char tmp[256];

static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(99);
	}
	return path;
}

static bool same_style(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs && a->mono == b->mono;
}

static bool has_error_at(const struct diags *d, int line, int col, const char *part)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR && d->v[i].line == line && d->v[i].col == col &&
		    strstr(d->v[i].msg, part))
			return true;
	for (size_t i = 0; i < d->n; i++)
		printf("#   %s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col, d->v[i].msg);
	return false;
}

static void test_tables(void)
{
	struct theme t;

	is_str(area_names[AREA_NORMAL], "normal", "first area name");
	is_str(area_names[AREA_NOT_SAVED], "not-saved", "not-saved area name");
	is_str(area_names[AREA_MATCH], "match", "last area name");
	theme_builtin(&t);
	is_str(t.name, "default", "built-in is called default");
	ok(t.path == NULL, "built-in has no path");
	is_int(t.area[AREA_STATUS].fg, 0, "built-in status fg black");
	is_int(t.area[AREA_STATUS].bg, 6, "built-in status bg cyan");
	is_int(t.area[AREA_NOT_SAVED].attrs, THEME_BOLD | THEME_UNDERLINE, "built-in not-saved attrs");
	is_int(t.area[AREA_NOT_SAVED].mono, THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE, "built-in not-saved mono");
	is_int(t.area[AREA_NORMAL].fg, -1, "built-in normal fg is the terminal's");
}

static void test_shipped(void)
{
	struct theme b, t;

	theme_builtin(&b);
	for (size_t i = 0; i < ARRAY_SIZE(shipped); i++) {
		struct diags d = { 0 };
		int rc = theme_load(shipped[i], &t, &d);

		is_int(rc, 0, "theme %s loads", shipped[i]);
		is_int(d.n, 0, "theme %s: no problems or warnings", shipped[i]);
		for (size_t k = 0; k < d.n; k++)
			printf("#   %s:%d:%d: %s\n", d.v[k].file, d.v[k].line, d.v[k].col, d.v[k].msg);
		ok(!strcmp(t.name, shipped[i]), "theme %s: its name (%s)", shipped[i], t.name);
		ok(t.path && strstr(t.path, "/themes/"), "theme %s: read from a file (%s)", shipped[i],
		   t.path ? t.path : "built-in");
		if (!strcmp(shipped[i], "default")) {
			bool same = true;

			for (int a = 0; a < AREA_COUNT; a++)
				if (!same_style(&t.area[a], &b.area[a])) {
					printf("#   area %s differs\n", area_names[a]);
					same = false;
				}
			ok(same, "default.yaml is exactly the built-in theme");
		}
		{
			/* blinking is blank part of the time: no meaning rides on it */
			bool blinks = false;

			for (int a = 0; a < AREA_COUNT; a++)
				if ((t.area[a].attrs | t.area[a].mono) & THEME_BLINK)
					blinks = true;
			ok(!blinks, "%s: nothing blinks", shipped[i]);
		}
		if (!strcmp(shipped[i], "mono")) {
			bool none = true;

			for (int a = 0; a < AREA_COUNT; a++)
				if (t.area[a].fg != -1 || t.area[a].bg != -1)
					none = false;
			ok(none, "mono: fg and bg are the terminal's everywhere");
			ok(t.area[AREA_SAVED].attrs != t.area[AREA_NOT_SAVED].attrs, "mono: saved and not-saved differ");
		}
		if (!strcmp(shipped[i], "colorblind")) {
			const struct theme_style *s = &t.area[AREA_SAVED], *n = &t.area[AREA_NOT_SAVED];
			short cs[] = { s->fg, s->bg, n->fg, n->bg };
			bool red = false, green = false;

			for (size_t k = 0; k < ARRAY_SIZE(cs); k++) {
				red |= cs[k] == 1 || cs[k] == 9 || cs[k] == 196 || cs[k] == 160;
				green |= cs[k] == 2 || cs[k] == 10 || cs[k] == 46 || cs[k] == 28;
			}
			ok(!red, "colorblind: no red in saved / not-saved");
			ok(!green, "colorblind: no green in saved / not-saved");
			ok(s->bg != n->bg, "colorblind: saved and not-saved backgrounds differ");
			ok(s->attrs != n->attrs && s->mono != n->mono, "colorblind: and their attributes differ too");
		}
		theme_free(&t);
		diags_free(&d);
	}
	/* the file itself, wherever theme_load found "default" */
	{
		struct diags d = { 0 };
		const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
		char *path = xasprintf("%s/themes/default.yaml", srcdir);
		bool same = true;

		is_int(theme_load_file(path, &t, &d), 0, "themes/default.yaml by path");
		for (int a = 0; a < AREA_COUNT; a++)
			same &= same_style(&t.area[a], &b.area[a]);
		ok(same, "themes/default.yaml by path equals the built-in");
		is_str(t.path, path, "path kept");
		theme_free(&t);
		diags_free(&d);
		free(path);
	}
}

static void test_bad_files(void)
{
	struct theme t, b;
	struct diags d = { 0 };
	char *p;

	theme_builtin(&b);

	/* an unknown area, with the valid ones named */
	p = write_file(tmp, "unknown-area.yaml",
		       "# a comment\n"
		       "name: unknown-area\n"
		       "areas:\n"
		       "  normal: {fg: default}\n"
		       "  statsu: {fg: red}\n");
	is_int(theme_load_file(p, &t, &d), -1, "unknown area fails");
	ok(has_error_at(&d, 5, 3, "unknown area \"statsu\""), "unknown area at 5:3");
	ok(d.n && strstr(d.v[0].msg, "normal, title, tab") && strstr(d.v[0].msg, "match"), "valid areas listed");
	is_str(d.v[0].file, p, "the file is named");
	ok(same_style(&t.area[AREA_NORMAL], &b.area[AREA_NORMAL]) && t.path == NULL, "t holds the default");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* areas left out: a warning each, the default look kept */
	p = write_file(tmp, "partial.yaml",
		       "name: partial\n"
		       "areas:\n"
		       "  status: {fg: 3, bg: bright-blue, attrs: [underline]}\n"
		       "  time: {fg: 200}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), 0, "a theme that leaves out areas loads");
	is_int(d.errors, 0, "no problems");
	is_int(d.warnings, AREA_COUNT - 2, "a warning for each area left out");
	{
		bool found = false;

		for (size_t i = 0; i < d.n; i++)
			found |= !strcmp(d.v[i].msg, "theme partial leaves out area saved: it keeps the default look") &&
				 d.v[i].level == DIAG_WARNING && d.v[i].line == 2 && d.v[i].col == 1;
		ok(found, "the warning names theme and area, at the areas key");
	}
	is_int(t.area[AREA_STATUS].fg, 3, "status fg number");
	is_int(t.area[AREA_STATUS].bg, 12, "status bg bright-blue");
	is_int(t.area[AREA_STATUS].attrs, THEME_UNDERLINE, "status attrs");
	is_int(t.area[AREA_STATUS].mono, THEME_UNDERLINE, "missing mono = attrs");
	is_int(t.area[AREA_TIME].fg, 200, "time fg 200");
	is_int(t.area[AREA_TIME].bg, -1, "missing bg = default");
	is_int(t.area[AREA_TIME].attrs, 0, "missing attrs = none");
	ok(same_style(&t.area[AREA_SAVED], &b.area[AREA_SAVED]), "saved keeps the default look");
	ok(same_style(&t.area[AREA_NOT_SAVED], &b.area[AREA_NOT_SAVED]), "not-saved keeps the default look");
	is_str(t.name, "partial", "name from the file");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* an unknown colour, with the valid ones named */
	p = write_file(tmp, "purple.yaml", "areas:\n  title: {fg: purpleish}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "unknown colour fails");
	ok(has_error_at(&d, 2, 15, "unknown colour \"purpleish\""), "unknown colour at 2:15");
	ok(d.n && strstr(d.v[0].msg, "bright-magenta") && strstr(d.v[0].msg, "default") &&
	   strstr(d.v[0].msg, "0 to 255"), "valid colours listed");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* a number out of range */
	p = write_file(tmp, "big.yaml", "areas:\n  title: {bg: 300}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "colour 300 fails");
	ok(has_error_at(&d, 2, 15, "out of range"), "colour 300 out of range at 2:15");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* an unknown attribute */
	p = write_file(tmp, "attr.yaml", "areas:\n  title:\n    attrs: [bold, italic]\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "unknown attribute fails");
	ok(has_error_at(&d, 3, 19, "unknown attribute \"italic\""), "unknown attribute at 3:19");
	ok(d.n && strstr(d.v[0].msg, "bold, dim, reverse, underline, blink, standout"), "valid attributes listed");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* wrong types */
	p = write_file(tmp, "types.yaml",
		       "areas:\n"
		       "  title: bold\n"
		       "  tab: {fg: [1, 2]}\n"
		       "  time: {attrs: {bold: yes}}\n"
		       "  kind: {size: 3}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "wrong types fail");
	ok(has_error_at(&d, 2, 10, "must be a mapping"), "a style that is not a mapping at 2:10");
	ok(has_error_at(&d, 3, 13, "must be one colour"), "a colour that is a list at 3:13");
	ok(has_error_at(&d, 4, 17, "must be a list"), "attributes that are a mapping at 4:17");
	ok(has_error_at(&d, 5, 10, "unknown key \"size\""), "an unknown style key at 5:10");
	is_int(d.errors, 4, "four problems, all reported");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* not a mapping at all; no areas; empty */
	p = write_file(tmp, "list.yaml", "- normal\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "a list is not a theme");
	ok(has_error_at(&d, 1, 1, "must be a mapping"), "problem at 1:1");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "noareas.yaml", "name: x\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "a theme without areas fails");
	ok(has_error_at(&d, 1, 1, "no \"areas\""), "problem: no areas");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "empty.yaml", "");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "an empty file fails");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* aliases, anchors and tags are refused */
	p = write_file(tmp, "alias.yaml",
		       "areas:\n"
		       "  title: {fg: red}\n"
		       "  tab: *x\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "an alias fails");
	ok(has_error_at(&d, 3, 8, "aliases (*x) are not allowed"), "alias at 3:8");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "anchor.yaml", "areas:\n  title: &x {fg: red}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "an anchor fails");
	ok(has_error_at(&d, 2, 10, "anchors (&x) are not allowed"), "anchor at 2:10");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "tag.yaml", "areas:\n  title: {fg: !!str red}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "a tag fails");
	ok(has_error_at(&d, 2, 15, "tags ("), "tag at 2:15");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* a syntax error; two documents; a duplicate area */
	p = write_file(tmp, "syntax.yaml", "areas:\n  title: {fg: red\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "a syntax error fails");
	ok(d.errors == 1 && strstr(d.v[0].msg, "YAML syntax error"), "reported as a syntax error");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "two.yaml", "areas: {}\n---\nareas: {}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "two documents fail");
	ok(has_error_at(&d, 2, 1, "one document"), "second document at 2:1");
	theme_free(&t);
	diags_free(&d);
	free(p);
	p = write_file(tmp, "dup.yaml", "areas:\n  title: {}\n  title: {fg: 1}\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "an area given twice fails");
	ok(has_error_at(&d, 3, 3, "twice"), "duplicate at 3:3");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* a missing file */
	p = xasprintf("%s/nosuch.yaml", tmp);
	memset(&d, 0, sizeof(d));
	is_int(theme_load_file(p, &t, &d), -1, "a missing file fails");
	ok(d.errors == 1 && strstr(d.v[0].msg, "cannot read"), "cannot read");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* too big */
	{
		struct strbuf sb = STRBUF_INIT;

		sb_adds(&sb, "areas: {}\n");
		while (sb.len <= 256 * 1024)
			sb_adds(&sb, "# padding padding padding padding padding padding padding padding\n");
		p = write_file(tmp, "big2.yaml", sb_str(&sb));
		memset(&d, 0, sizeof(d));
		is_int(theme_load_file(p, &t, &d), -1, "a file over 256 KiB fails");
		ok(d.errors == 1 && strstr(d.v[0].msg, "256 KiB"), "says why");
		theme_free(&t);
		diags_free(&d);
		free(p);
		sb_free(&sb);
	}
}

static void test_lookup(void)
{
	struct theme t;
	struct diags d = { 0 };
	char *dir = xasprintf("%s/scribe", tmp), *themes = xasprintf("%s/scribe/themes", tmp), *p;
	char **names;
	size_t n = 0, defaults = 0, lights = 0;
	bool sorted = true, all = true;

	mkdir(dir, 0700);
	mkdir(themes, 0700);
	p = write_file(themes, "light.yaml",
		       "# mine\nareas:\n  status: {fg: 201, bg: 17}\n");
	is_int(theme_load("light", &t, &d), 0, "light from the user's folder");
	is_str(t.path, p, "the user's folder wins over SCRIBE_THEMES");
	is_int(t.area[AREA_STATUS].fg, 201, "and its style is used");
	is_str(t.name, "light", "named as asked");
	is_int(d.warnings, AREA_COUNT - 1, "with its warnings");
	theme_free(&t);
	diags_free(&d);
	free(p);

	/* a user theme that does not parse does not fall through */
	p = write_file(themes, "mono.yaml", "areas: [\n");
	memset(&d, 0, sizeof(d));
	is_int(theme_load("mono", &t, &d), -1, "a broken user theme fails");
	is_str(t.name, "default", "and t holds the default");
	ok(t.path == NULL, "the built-in one");
	theme_free(&t);
	diags_free(&d);
	unlink(p);
	free(p);

	p = write_file(themes, "mine-2.yaml", "areas: {}\n");
	free(p);
	p = write_file(themes, "Bad_Name.yaml", "areas: {}\n");
	free(p);

	static const char *const bad[] = { "../x", "", "Light", "a/b", "x.yaml", "nosuch" };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&d, 0, sizeof(d));
		is_int(theme_load(bad[i], &t, &d), -1, "theme \"%s\" refused", bad[i]);
		ok(d.errors == 1 && !strncmp(d.v[0].msg, "no theme \"", 10), "problem: no theme \"%s\"", bad[i]);
		ok(t.path == NULL && !strcmp(t.name, "default"), "t holds the default");
		theme_free(&t);
		diags_free(&d);
	}
	memset(&d, 0, sizeof(d));
	theme_load("nosuch", &t, &d);
	ok(d.n && strstr(d.v[0].msg, "colorblind") && strstr(d.v[0].msg, "mine-2"), "the problem lists the themes");
	theme_free(&t);
	diags_free(&d);

	/* "default" without any file is the built-in one */
	{
		char *saved = getenv("SCRIBE_THEMES") ? xstrdup(getenv("SCRIBE_THEMES")) : NULL;

		setenv("SCRIBE_THEMES", tmp, 1);
		memset(&d, 0, sizeof(d));
		is_int(theme_load("default", &t, &d), 0, "default without a file");
		ok(t.path == NULL || strstr(t.path, PKGDATADIR), "is the built-in theme (or the installed one)");
		theme_free(&t);
		diags_free(&d);
		if (saved)
			setenv("SCRIBE_THEMES", saved, 1);
		free(saved);
	}

	names = theme_names();
	for (n = 0; names[n]; n++) {
		defaults += !strcmp(names[n], "default");
		lights += !strcmp(names[n], "light");
		if (n && strcmp(names[n - 1], names[n]) >= 0)
			sorted = false;
		printf("#   theme %s\n", names[n]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(shipped); i++) {
		bool found = false;

		for (size_t k = 0; names[k]; k++)
			found |= !strcmp(names[k], shipped[i]);
		if (!found)
			printf("#   %s missing\n", shipped[i]);
		all &= found;
	}
	ok(all, "theme_names has every shipped theme");
	is_int(defaults, 1, "default once");
	is_int(lights, 1, "light once though it is in two folders");
	ok(sorted, "sorted, no duplicates");
	{
		bool mine = false, badname = false;

		for (size_t k = 0; names[k]; k++) {
			mine |= !strcmp(names[k], "mine-2");
			badname |= !strcmp(names[k], "Bad_Name");
		}
		ok(mine && !badname, "user themes listed, bad names not");
	}
	theme_names_free(names);
	free(dir);
	free(themes);
}

static void test_nearest(void)
{
	is_int(theme_nearest(196, 16), 9, "196 (ff0000) -> bright red on 16");
	is_int(theme_nearest(196, 8), 1, "196 -> red on 8");
	/* xterm's blue (4) is 0000ee, its bright blue (12) 5c5cff: pure blue
	 * 0000ff is much nearer the first */
	is_int(theme_nearest(21, 16), 4, "21 (0000ff) -> blue on 16");
	is_int(theme_nearest(21, 8), 4, "21 -> blue on 8");
	is_int(theme_nearest(244, 16), 8, "244 (808080) -> bright black on 16");
	is_int(theme_nearest(244, 8), 7, "244 -> white (light grey) on 8");
	is_int(theme_nearest(231, 16), 15, "231 (ffffff) -> bright white on 16");
	is_int(theme_nearest(231, 8), 7, "231 -> white on 8");
	is_int(theme_nearest(16, 16), 0, "16 (000000) -> black");
	is_int(theme_nearest(46, 16), 10, "46 (00ff00) -> bright green");
	is_int(theme_nearest(226, 8), 3, "226 (ffff00) -> yellow on 8");
	is_int(theme_nearest(232, 16), 0, "232 (080808) -> black");
	is_int(theme_nearest(12, 8), 4, "bright blue on 8 -> its base colour");
	is_int(theme_nearest(15, 8), 7, "bright white on 8 -> white");
	is_int(theme_nearest(5, 16), 5, "ANSI colours stay");
	is_int(theme_nearest(-1, 8), -1, "the terminal's default stays");
	{
		bool in_range = true;

		for (int c = 0; c < 256; c++) {
			short a = theme_nearest((short)c, 16), b = theme_nearest((short)c, 8);

			in_range &= a >= 0 && a < 16 && b >= 0 && b < 8;
		}
		ok(in_range, "every colour maps into range");
	}
}

int main(void)
{
	const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
	char *src = xasprintf("%s/themes", srcdir);

	snprintf(tmp, sizeof(tmp), "%s/test_theme.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 99;
	}
	setenv("XDG_CONFIG_HOME", tmp, 1);	/* nothing of the user's own */
	setenv("SCRIBE_THEMES", src, 1);
	free(src);

	test_tables();
	test_shipped();
	test_bad_files();
	test_lookup();
	test_nearest();

	{
		char *cmd = xasprintf("rm -rf '%s'", tmp);

		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmp);
		free(cmd);
	}
	return done_testing();
}
