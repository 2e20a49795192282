/* The key reader: bytes and the times they came in, keys out.  No
 * terminal: the forms of each key terminals send, a sequence split by a
 * slow link, ESC alone, and sequences no key makes (dropped whole, never
 * typed). */
#include "config.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/keyread.h"
#include "scribe/util.h"
#include "tap.h"

static const char *key_text(const struct keypress *k, char *buf, size_t n)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
		{ KEY_IC, "Ins" }, { KEY_DC, "Del" }, { KEY_BTAB, "BTab" }, { KEY_ENTER, "KEnter" },
		{ KEY_B2, "B2" }, { KEY_RESIZE, "Resize" },
	};
	char base[16] = "?";

	if (k->is_char) {
		if (k->ch == 27)
			snprintf(base, sizeof(base), "Esc");
		else if (k->ch < 32)
			snprintf(base, sizeof(base), "^%c", (char)(k->ch + 64));
		else if (k->ch < 127)
			snprintf(base, sizeof(base), "'%c'", (char)k->ch);
		else if (k->ch == 127)
			snprintf(base, sizeof(base), "^?");
		else
			snprintf(base, sizeof(base), "U+%04X", (unsigned)k->ch);
	} else if (k->ch >= (wint_t)KEY_F(1) && k->ch <= (wint_t)KEY_F(12)) {
		snprintf(base, sizeof(base), "F%d", (int)(k->ch - KEY_F0));
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(names); i++)
			if ((wint_t)names[i].key == k->ch)
				snprintf(base, sizeof(base), "%s", names[i].name);
	}
	snprintf(buf, n, "%s%s%s%s", base, k->mods & KEYMOD_SHIFT ? "+S" : "", k->mods & KEYMOD_ALT ? "+A" : "",
		 k->mods & KEYMOD_CTRL ? "+C" : "");
	return buf;
}

static char out_text[512];

static void add_keys(const struct keypress *k, size_t n)
{
	char name[32];

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(out_text);

		snprintf(out_text + len, sizeof(out_text) - len, "%s%s", len ? " " : "",
			 key_text(&k[i], name, sizeof(name)));
	}
}

/* The keys that bytes, all come at time at, make (nothing more after). */
static const char *feed(struct keyread *kr, const char *bytes, ms_t at)
{
	struct keypress k[KEYREAD_OUT];

	out_text[0] = '\0';
	for (const unsigned char *b = (const unsigned char *)bytes; *b; b++)
		add_keys(k, keyread_feed(kr, *b, false, at, k));
	return out_text;
}

/* The keys of idle at time at. */
static const char *idle(struct keyread *kr, ms_t at)
{
	struct keypress k[KEYREAD_OUT];

	out_text[0] = '\0';
	add_keys(k, keyread_idle(kr, at, k));
	return out_text;
}

/* bytes all at once, then idle long after: every key they make. */
static const char *keys_of(const char *bytes)
{
	static char all[512];
	struct keyread kr;

	keyread_init(&kr, 500);
	snprintf(all, sizeof(all), "%s", feed(&kr, bytes, 1000));
	if (idle(&kr, 100000)[0])
		snprintf(all + strlen(all), sizeof(all) - strlen(all), "%s%s", all[0] ? " " : "", out_text);
	return all;
}

static void test_forms(void)
{
	static const struct {
		const char *bytes, *keys, *what;
	} cases[] = {
		{ "abc", "'a' 'b' 'c'", "plain characters" },
		{ "\r\t\x7f", "^M ^I ^?", "Enter, Tab, Backspace as characters" },
		/* arrows: normal and application cursor keys */
		{ "\x1b[A\x1b[B\x1b[C\x1b[D", "Up Down Right Left", "arrows, CSI" },
		{ "\x1bOA\x1bOB\x1bOC\x1bOD", "Up Down Right Left", "arrows, SS3" },
		/* Home and End in all their forms */
		{ "\x1b[H\x1b[F", "Home End", "Home/End, xterm" },
		{ "\x1bOH\x1bOF", "Home End", "Home/End, xterm application mode" },
		{ "\x1b[1~\x1b[4~", "Home End", "Home/End, VT220, linux, screen, tmux" },
		{ "\x1b[7~\x1b[8~", "Home End", "Home/End, rxvt" },
		{ "\x1b[5~\x1b[6~\x1b[2~\x1b[3~", "PgUp PgDn Ins Del", "PgUp, PgDn, Insert, Delete" },
		{ "\x1b[Z", "BTab", "Shift-Tab" },
		/* function keys */
		{ "\x1bOP\x1bOQ\x1bOR\x1bOS", "F1 F2 F3 F4", "F1-F4, xterm" },
		{ "\x1b[11~\x1b[12~\x1b[13~\x1b[14~", "F1 F2 F3 F4", "F1-F4, VT220, rxvt" },
		{ "\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E", "F1 F2 F3 F4 F5", "F1-F5, the Linux console" },
		{ "\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~",
		  "F5 F6 F7 F8 F9 F10 F11 F12", "F5-F12" },
		/* modifiers */
		{ "\x1b[1;5D\x1b[1;2C\x1b[1;3A\x1b[1;6B", "Left+C Right+S Up+A Down+S+C", "modified arrows, xterm" },
		{ "\x1b[1;5H\x1b[1;2F", "Home+C End+S", "modified Home and End, xterm" },
		{ "\x1b[3;5~\x1b[5;2~", "Del+C PgUp+S", "modified Delete and PgUp, xterm" },
		{ "\x1b[1;2P\x1bO2Q", "F1+S F2+S", "modified F1, F2" },
		{ "\x1b[7^\x1b[8$\x1b[3@", "Home+C End+S Del+S+C", "modified keys, rxvt" },
		{ "\x1b[d\x1bOc", "Left+S Right+C", "shifted and ctrl arrows, rxvt" },
		{ "\x1bOM\x1bOp\x1bOn", "KEnter '0' '.'", "the keypad in application mode" },
		/* ESC with what no sequence starts with */
		{ "\x1bx", "Esc 'x'", "ESC then a letter: Esc, then the letter" },
		{ "\x1b\x1b[D", "Esc Left", "ESC then a whole sequence: Esc, then the key" },
		{ "\x1b", "Esc", "ESC alone, nothing after: Esc" },
		{ "\x1b[", "Esc '['", "ESC [ then nothing: as typed" },
		/* sequences that are no key: dropped whole */
		{ "a\x1b[99~b", "'a' 'b'", "an unknown ~ key: dropped, not typed" },
		{ "a\x1b[1;5Xb", "'a' 'b'", "an unknown final: dropped" },
		{ "a\x1b[2Db", "'a' 'b'", "a count on an arrow: no key" },
		{ "a\x1bOzb", "'a' 'b'", "an unknown SS3 key: dropped" },
		{ "a\x1b[<0;3;4Mb", "'a' 'b'", "a mouse report: dropped" },
		{ "a\x1b[12\rb", "'a' ^M 'b'", "a sequence cut by Enter: the sequence goes, Enter stays" },
		{ "a\x1b[200~x\ry\x1b[201~", "'a' 'x' ^M 'y'", "a bracketed paste: its text, not its marks" },
		{ "\x1b[12;", "", "an unfinished sequence: dropped once the wait is over" },
		{ "a\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17~b", "'a' 'b'",
		  "a sequence too long to keep: dropped whole" },
		{ "a\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14\rb", "'a' ^M 'b'",
		  "a sequence too long, cut by Enter: Enter stays" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		is_str(keys_of(cases[i].bytes), cases[i].keys, "%s", cases[i].what);
}

static void test_timing(void)
{
	struct keyread kr;
	struct keypress k[KEYREAD_OUT];

	keyread_init(&kr, 500);
	/* ESC, then "[D" 200 ms later: one Left */
	is_str(feed(&kr, "\x1b", 1000), "", "ESC: nothing yet");
	is_int(keyread_timeout(&kr, 1000), 500, "ESC: the wait is 500 ms");
	is_str(idle(&kr, 1199), "", "199 ms on: still waiting");
	is_int(keyread_timeout(&kr, 1199), 301, "and 301 ms to go");
	is_str(feed(&kr, "[D", 1200), "Left", "\"[D\" 200 ms after ESC: Left");
	is_int(keyread_timeout(&kr, 1200), -1, "nothing waits");

	/* the same split, bytes 400 ms apart */
	is_str(feed(&kr, "\x1b", 2000), "", "ESC again");
	is_str(feed(&kr, "[", 2400), "", "\"[\" 400 ms on");
	is_str(idle(&kr, 2799), "", "the wait starts again at each byte");
	is_str(feed(&kr, "1~", 2800), "Home", "\"1~\" 400 ms on: Home");

	/* ESC, then nothing for the wait: Esc; what comes after is typed */
	is_str(feed(&kr, "\x1b", 3000), "", "ESC");
	is_str(idle(&kr, 3499), "", "499 ms: not yet Esc");
	is_str(idle(&kr, 3500), "Esc", "500 ms: Esc");
	is_str(feed(&kr, "[D", 3600), "'[' 'D'", "\"[D\" after the wait: text");

	/* an unfinished sequence, then nothing: dropped, with a note */
	is_int(kr.dropped, 0, "nothing dropped so far");
	is_str(feed(&kr, "\x1b[1;", 4000), "", "ESC[1; ...");
	is_str(idle(&kr, 4500), "", "... never finished: no key");
	is_int(kr.dropped, 1, "one sequence dropped");
	is_str(kr.note, "ESC[1;", "the note names it");
	is_str(feed(&kr, "\x1b[99~", 5000), "", "ESC[99~: no key");
	is_int(kr.dropped, 2, "dropped too");
	is_str(kr.note, "ESC[99~", "the note names it");
	is_str(feed(&kr, "\x1b[200~", 5000), "", "a paste's mark");
	is_int(kr.dropped, 2, "goes without a note");

	/* a resize between the bytes of a sequence */
	feed(&kr, "\x1b[", 6000);
	is_int(keyread_feed(&kr, KEY_RESIZE, true, 6001, k), 1, "a resize inside a sequence comes at once");
	ok(!k[0].is_char && k[0].ch == KEY_RESIZE, "as KEY_RESIZE");
	is_str(feed(&kr, "B", 6002), "Down", "and the sequence goes on");

	/* the rest of a sequence too long to keep is skipped while it comes,
	 * not once it has stopped */
	is_str(feed(&kr, "\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15", 6500), "", "a sequence too long");
	is_str(feed(&kr, "3;", 6600), "", "its rest, skipped");
	is_str(feed(&kr, "a", 7200), "'a'", "a key after it stopped: typed");

	/* a clock set back: the wait is over */
	feed(&kr, "\x1b", 7000);
	is_str(idle(&kr, 6000), "Esc", "clock went back: ESC is Esc");

	/* wait 0: still one key when the bytes come together */
	keyread_init(&kr, 0);
	is_str(feed(&kr, "\x1b[D", 1000), "Left", "wait 0: a whole sequence is a key");
	is_str(feed(&kr, "\x1b", 1000), "", "wait 0: ESC");
	is_str(idle(&kr, 1000), "Esc", "is Esc as soon as nothing follows");

	/* a non-ASCII character after ESC */
	is_str(feed(&kr, "\x1b", 1000), "", "ESC");
	is_int(keyread_feed(&kr, 0xe9, false, 1001, k), 2, "then é");
	ok(k[0].is_char && k[0].ch == 27 && k[1].is_char && k[1].ch == 0xe9, "Esc, then é");
}

static void test_env(void)
{
	unsetenv("ESCDELAY");
	is_int(keyread_wait_env(), KEYREAD_WAIT_MS, "no ESCDELAY: the default wait");
	setenv("ESCDELAY", "800", 1);
	is_int(keyread_wait_env(), 800, "ESCDELAY=800");
	setenv("ESCDELAY", "0", 1);
	is_int(keyread_wait_env(), 0, "ESCDELAY=0");
	setenv("ESCDELAY", "25ms", 1);
	is_int(keyread_wait_env(), KEYREAD_WAIT_MS, "ESCDELAY not a number: the default");
	setenv("ESCDELAY", "99999", 1);
	is_int(keyread_wait_env(), KEYREAD_WAIT_MS, "ESCDELAY too long: the default");
	unsetenv("ESCDELAY");
}

int main(void)
{
	test_forms();
	test_timing();
	test_env();
	return done_testing();
}
