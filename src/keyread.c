/* The key reader: escape sequences put together character by character,
 * with a wait for the rest of a sequence that a slow link split, and
 * decoded from the forms terminals actually send rather than from the
 * terminfo entry (which may be another terminal's). */
#include "config.h"

#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/keyread.h"

#define ESC 27

void keyread_init(struct keyread *kr, int wait_ms)
{
	memset(kr, 0, sizeof(*kr));
	kr->wait_ms = wait_ms < 0 ? KEYREAD_WAIT_MS : wait_ms > KEYREAD_WAIT_MAX_MS ? KEYREAD_WAIT_MAX_MS : wait_ms;
}

int keyread_wait_env(void)
{
	const char *s = getenv("ESCDELAY");
	char *end;
	long v;

	if (!s || !*s)
		return KEYREAD_WAIT_MS;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > KEYREAD_WAIT_MAX_MS)
		return KEYREAD_WAIT_MS;
	return (int)v;
}

static size_t put(struct keypress *out, size_t n, wint_t ch, bool is_char, unsigned mods)
{
	out[n] = (struct keypress){ ch, is_char, mods };
	return n + 1;
}

/* The sequence as a note says it: "ESC[1;9X". */
static void drop(struct keyread *kr, bool say)
{
	if (say && kr->n) {
		size_t j = snprintf(kr->note, sizeof(kr->note), "ESC");

		for (size_t i = 1; i < kr->n && j + 1 < sizeof(kr->note); i++)
			kr->note[j++] = kr->seq[i] > 32 && kr->seq[i] < 127 ? (char)kr->seq[i] : '?';
		kr->note[j] = '\0';
		kr->dropped++;
	}
	kr->n = 0;
}

/* The numbers of a sequence's parameters ("1;5"): up to max of them,
 * missing ones -1; returns how many were written. */
static int params(const wint_t *p, size_t n, int *v, int max)
{
	int k = 0;

	for (int i = 0; i < max; i++)
		v[i] = -1;
	for (size_t i = 0; i < n && k < max; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			v[k] = (v[k] < 0 ? 0 : v[k]) * 10 + (int)(p[i] - '0');
			if (v[k] > 100000)
				return -1;
		} else if (p[i] == ';') {
			k++;
		} else {
			return -1;	/* "<", "?", ":": not a key's */
		}
	}
	return k + 1;
}

/* The modifiers of xterm's parameter: 1 + shift 1, alt 2, ctrl 4, meta 8. */
static unsigned xterm_mods(int m)
{
	return m > 1 && m <= 16 ? (unsigned)(m - 1) : 0;
}

/* The key of a letter ending CSI or SS3 (A..D, H, F, P..S), or 0. */
static int letter_key(wint_t f)
{
	switch (f) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'E': return KEY_B2;	/* the keypad's 5 */
	case 'P': return KEY_F(1);
	case 'Q': return KEY_F(2);
	case 'R': return KEY_F(3);
	case 'S': return KEY_F(4);
	default: return 0;
	}
}

/* The key of "ESC[N~" (VT220, the Linux console, rxvt, screen, tmux). */
static int tilde_key(int n)
{
	switch (n) {
	case 1: case 7: return KEY_HOME;	/* 7: rxvt */
	case 4: case 8: return KEY_END;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	case 11: case 12: case 13: case 14: case 15: return KEY_F(n - 10);
	case 17: case 18: case 19: case 20: case 21: return KEY_F(n - 11);
	case 23: case 24: return KEY_F(n - 12);
	default: return 0;
	}
}

/* A complete CSI sequence (kr->seq: ESC [ params final).  Returns the
 * keys put in out; -1: not a key (dropped, with a note); -2: not a key
 * and not worth a note (the marks of a bracketed paste, focus reports). */
static int decode_csi(const struct keyread *kr, struct keypress *out)
{
	wint_t f = kr->seq[kr->n - 1];
	int v[3], np;
	int key = 0;
	unsigned mods = 0;

	if (kr->n == 4 && kr->seq[2] == '[') {
		/* the Linux console's F1..F5: ESC [ [ A .. E */
		if (f >= 'A' && f <= 'E')
			return (int)put(out, 0, KEY_F((int)(f - 'A') + 1), false, 0);
		return -1;
	}
	np = params(kr->seq + 2, kr->n - 3, v, 3);
	if (np < 0)
		return -1;
	switch (f) {
	case '~': case '$': case '^': case '@':
		/* rxvt says shift, ctrl, both by the last character */
		if (f == '~' && (v[0] == 200 || v[0] == 201))
			return -2;	/* a paste's marks: its text comes as typed */
		key = tilde_key(v[0]);
		mods = f == '$' ? KEYMOD_SHIFT : f == '^' ? KEYMOD_CTRL : f == '@' ? KEYMOD_SHIFT | KEYMOD_CTRL
			: xterm_mods(v[1]);
		break;
	case 'Z':
		key = KEY_BTAB;
		break;
	case 'a': case 'b': case 'c': case 'd':
		/* rxvt's shifted arrows */
		if (np == 1 && v[0] < 0) {
			key = letter_key(f - 'a' + 'A');
			mods = KEYMOD_SHIFT;
		}
		break;
	case 'I': case 'O':
		if (np == 1 && v[0] < 0)
			return -2;	/* focus in, out */
		break;
	default:
		/* ESC[D, ESC[1;5D; ESC[H; ESC[1;2P (shifted F1) */
		key = letter_key(f);
		if (v[0] > 1)
			key = 0;	/* ESC[2D is no key */
		mods = xterm_mods(v[1]);
		break;
	}
	if (!key)
		return -1;
	return (int)put(out, 0, key, false, mods);
}

/* A complete SS3 sequence (ESC O [modifier digits] final). */
static int decode_ss3(const struct keyread *kr, struct keypress *out)
{
	static const char pad[] = "*+,-./0123456789";	/* ESC O j .. y */
	wint_t f = kr->seq[kr->n - 1];
	int v[3], np = params(kr->seq + 2, kr->n - 3, v, 3);
	unsigned mods;
	int key;

	if (np < 0)
		return -1;
	mods = xterm_mods(v[np - 1]);
	if (f >= 'j' && f <= 'y')
		return (int)put(out, 0, (wint_t)pad[f - 'j'], true, mods);
	if (f >= 'a' && f <= 'd')	/* rxvt's ctrl-arrows */
		return (int)put(out, 0, (wint_t)letter_key(f - 'a' + 'A'), false, KEYMOD_CTRL);
	switch (f) {
	case 'M': return (int)put(out, 0, KEY_ENTER, false, mods);
	case 'X': return (int)put(out, 0, '=', true, mods);
	case 'I': return (int)put(out, 0, '\t', true, mods);
	case ' ': return (int)put(out, 0, ' ', true, mods);
	default: break;
	}
	key = letter_key(f);
	if (!key)
		return -1;
	return (int)put(out, 0, key, false, mods);
}

/* Whether the sequence in kr is complete with its last character. */
static bool complete(const struct keyread *kr)
{
	wint_t c = kr->seq[kr->n - 1];

	if (kr->seq[1] == 'O')	/* SS3: a modifier's digits, then one character */
		return !((c >= '0' && c <= '9') || c == ';');
	if (kr->n == 3 && c == '[')
		return false;	/* the Linux console's ESC [ [ A */
	if (kr->n == 4 && kr->seq[2] == '[')
		return true;
	/* CSI: parameters 0x30..0x3f, intermediates 0x20..0x2f, a final
	 * 0x40..0x7e; rxvt ends with '$' (shift) */
	return c >= 0x40 || c == '$';
}

static size_t feed(struct keyread *kr, wint_t ch, ms_t now, struct keypress *out, size_t n);

/* Starts over with ch after the sequence so far was dropped. */
static size_t restart(struct keyread *kr, wint_t ch, ms_t now, struct keypress *out, size_t n)
{
	drop(kr, true);
	return feed(kr, ch, now, out, n);
}

static size_t feed(struct keyread *kr, wint_t ch, ms_t now, struct keypress *out, size_t n)
{
	int got;

	if (kr->skipping && now >= kr->last && now - kr->last < kr->wait_ms) {
		/* up to its final byte, while it keeps coming */
		kr->last = now;
		kr->skipping = ch >= 0x20 && ch < 0x40;
		if (kr->skipping || (ch >= 0x40 && ch <= 0x7e))
			return n;
	}
	kr->skipping = false;
	if (kr->n == 0) {
		if (ch != ESC)
			return put(out, n, ch, true, 0);
		kr->seq[kr->n++] = ch;
		kr->last = now;
		return n;
	}
	if (kr->n == 1) {
		if (ch == '[' || ch == 'O') {
			kr->seq[kr->n++] = ch;
			kr->last = now;
			return n;
		}
		/* ESC then what no sequence starts with: Esc, then that */
		kr->n = 0;
		n = put(out, n, ESC, true, 0);
		return feed(kr, ch, now, out, n);
	}
	if (ch < 0x20 || ch > 0x7e)
		return restart(kr, ch, now, out, n);	/* no sequence goes on so */
	if (kr->n >= KEYREAD_SEQ_MAX) {
		/* too long for a key: dropped, and what is left of it too */
		drop(kr, true);
		kr->skipping = ch < 0x40;
		kr->last = now;
		return n;
	}
	kr->seq[kr->n++] = ch;
	kr->last = now;
	if (!complete(kr))
		return n;
	got = kr->seq[1] == 'O' ? decode_ss3(kr, out + n) : decode_csi(kr, out + n);
	if (got >= 0) {
		kr->n = 0;
		return n + (size_t)got;
	}
	drop(kr, got == -1);
	return n;
}

size_t keyread_feed(struct keyread *kr, wint_t ch, bool is_key, ms_t now, struct keypress *out)
{
	if (is_key)	/* a resize: between the characters of a sequence too */
		return put(out, 0, ch, false, 0);
	return feed(kr, ch, now, out, 0);
}

int keyread_timeout(const struct keyread *kr, ms_t now)
{
	ms_t left;

	if (!kr->n)
		return -1;
	left = kr->last + kr->wait_ms - now;
	if (left < 0 || now < kr->last)
		return 0;	/* (the clock went back: waited long enough) */
	return (int)left;
}

size_t keyread_idle(struct keyread *kr, ms_t now, struct keypress *out)
{
	size_t n = 0;

	if (!kr->n || keyread_timeout(kr, now) > 0)
		return 0;
	if (kr->n <= 2) {
		/* ESC, or ESC and "[" or "O" with nothing after: typed so */
		n = put(out, n, ESC, true, 0);
		if (kr->n == 2)
			n = put(out, n, kr->seq[1], true, 0);
		kr->n = 0;
		return n;
	}
	drop(kr, true);	/* the rest never came */
	return 0;
}
