#!/bin/bash
# Every theme at 8 and 256 colours and with NO_COLOR: the status line and
# the selected event still stand out (attributes, not only text); a
# theme that is not there, or that is wrong, is said and the default
# serves.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" demo)
# an SGR sequence that makes a difference: a colour, reverse, bold or underline
marked() { grep -Eq $'\e\\[([0-9]+;)*(1|4|7|3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'; }

for theme in default light high-contrast projector mono colorblind; do
	for term in xterm screen-256color nocolor; do
		if [ $term = nocolor ]; then
			screen_start 100 30 env NO_COLOR=1 "$SCRIBE" --theme "$theme" open "$id"
		else
			screen_start 100 30 env TERM=$term "$SCRIBE" --theme "$theme" open "$id"
		fi
		screen_wait 'saved *$' >/dev/null || true
		ansi=$(screen_ansi)
		status=$(printf '%s\n' "$ansi" | tail -1)
		sel=$(printf '%s\n' "$ansi" | grep -a 'apology sent to affected')
		check "$theme, $term: the status line stands out" bash -c "printf '%s' \"\$0\" | grep -Eq \$'\\e\\\\[([0-9]+;)*(7|4[0-7]|48;5;[0-9]+)(;[0-9;]*)?m'" "$status"
		check "$theme, $term: the selected event stands out" bash -c "$(declare -f marked); printf '%s' \"\$0\" | marked" "$sel"
		check "$theme, $term: no complaint about the theme" bash -c "! printf '%s' \"\$0\" | grep -q 'theme $theme:'" "$(screen_text)"
		if [ $term = nocolor ]; then
			check "$theme, NO_COLOR: no colour at all" bash -c "! printf '%s' \"\$0\" | grep -Eq \$'\\e\\\\[([0-9]+;)*(3[0-7]|4[0-7]|38;5|48;5)'" "$ansi"
		fi
		screen_keys C-q
		screen_wait '^\[exit 0\]' >/dev/null || true
	done
done

# a theme that does not exist
screen_start 100 30 "$SCRIBE" --theme nosuch open "$id"
screen_wait 'theme nosuch' && pass "an unknown theme is said" || fail "an unknown theme is said"
screen_wait 'saved *$' >/dev/null && pass "and the default serves" || fail "and the default serves"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# a theme of one's own with an unknown area
mkdir -p "$XDG_CONFIG_HOME/scribe/themes"
printf '# mine\nareas:\n  sparkles: {fg: red}\n' >"$XDG_CONFIG_HOME/scribe/themes/mine.yaml"
screen_start 170 30 "$SCRIBE" --theme mine open "$id"
screen_wait 'theme mine: .*3:3: .*sparkles' && pass "a wrong theme file is named with line and column" \
	|| fail "a wrong theme file is named with line and column"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
