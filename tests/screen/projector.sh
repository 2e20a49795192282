#!/bin/bash
# The projector and the themes (issue 11, case 12): no key item drawn in
# bold black (grey in xterm), nor in bold colours that fade on a light
# background at 8 colours; what no pane draws on takes the theme's
# colours (no black-on-white board in a dark theme); text cut to fit is
# marked with …; nothing blinks (TIME UP is said in words, the timebox
# without a glyph that common fonts lack).
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)

# sgr_faults: reads `capture-pane -e` output; prints how many runs of
# visible text are drawn bold on black (30), bold in a base colour on a
# light background (47), or blinking (5)
sgr_faults() {
	awk -v light="${1:-0}" '
	function run(s) {
		if (s !~ /[^ ]/) return
		if (bold && fg == 30) bad++
		else if (light && bold && fg >= 31 && fg <= 36 && bg == 47) bad++
		if (blink) bad++
	}
	{
		line = $0
		while (match(line, /\033\[[0-9;]*m/)) {
			run(substr(line, 1, RSTART - 1))
			n = split(substr(line, RSTART + 2, RLENGTH - 3), c, ";")
			if (n == 0) { bold = blink = 0; fg = bg = -1 }
			for (i = 1; i <= n; i++) {
				v = c[i] + 0
				if (v == 0) { bold = blink = 0; fg = bg = -1 }
				else if (v == 1) bold = 1
				else if (v == 22) bold = 0
				else if (v == 5) blink = 1
				else if (v == 25) blink = 0
				else if (v >= 30 && v <= 37) fg = v
				else if (v == 39) fg = -1
				else if (v >= 40 && v <= 47) bg = v
				else if (v == 49) bg = -1
				else if (v == 38 || v == 48) { if (c[i + 1] == 5) { if (v == 38) fg = 1000 + c[i + 2]; else bg = 1000 + c[i + 2]; i += 2 } }
			}
			line = substr(line, RSTART + RLENGTH)
		}
		run(line)
	}
	END { print bad + 0 }'
}

for theme in high-contrast projector default light colorblind; do
	for term in xterm xterm-256color; do
		screen_start 80 24 env TERM=$term "$SCRIBE" --theme "$theme" open "$id"
		screen_wait 'saved *$' >/dev/null || true
		timeline=$(screen_ansi)
		screen_keys Tab
		screen_wait 'TRIGGER \(' >/dev/null || true
		factors=$(screen_ansi)
		screen_keys Tab
		screen_wait 'Preventative actions' >/dev/null || true
		actions=$(screen_ansi)
		light=0
		[ $term = xterm ] && light=1
		faults=$(( $(printf '%s\n' "$timeline" | sgr_faults $light) + $(printf '%s\n' "$factors" | sgr_faults $light) +
			$(printf '%s\n' "$actions" | sgr_faults $light) ))
		is "$faults" 0 \
			"$theme, $term: no bold black, no faded bold colour, no blinking"
		if [ "$theme" = high-contrast ]; then
			check "$theme, $term: the board between the cards is the theme's, not the terminal's" \
				bash -c "! printf '%s\n' \"\$0\" | sed -n '2,23p' | grep -q $'\\e\\\\[49m'" "$factors"
		fi
		screen_keys C-q
		screen_wait '^\[exit 0\]' >/dev/null || true
	done
done

# cut text is marked: card descriptions on the board at 80x24
screen_start 80 24 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
screen_keys Tab
screen_wait 'TRIGGER \(' >/dev/null || true
like "$(screen_text | sed -n 7p)" '^ the vault client… +14 minutes before… +straight to all…' \
	"card descriptions cut to two lines end in …"
like "$(screen_text | sed -n 5p)" '^shrank the vault… ' "so do card titles"

# the timebox in words, TIME UP without blinking
screen_keys B
screen_wait 'Timebox' >/dev/null || true
screen_keys C-u
screen_type "2s"
screen_keys Enter
screen_wait ' timebox 0:0[012] left ' && pass "the timebox is said in words" || fail "the timebox is said in words"
screen_wait 'TIME UP \+0:0[0-9]' 5 && pass "TIME UP, and by how much" || fail "TIME UP, and by how much"
is "$(screen_ansi | tail -1 | sgr_faults)" 0 "TIME UP does not blink"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
