#!/bin/bash
# The terminal's variety: NO_COLOR (distinctions by attributes), a
# locale that is not UTF-8 (ASCII placeholders and glyphs), 8 colours.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Terminals)
"$SCRIBE" log "$id" --marker started "café ☃ done" >/dev/null

# NO_COLOR: no colour at all, but the status line and selection still stand out
screen_start 80 24 env NO_COLOR=1 "$SCRIBE" open "$id"
screen_wait 'saved' >/dev/null || true
ansi=$(screen_ansi)
check "NO_COLOR: no colour sequences" bash -c "! printf '%s' \"\$0\" | grep -Eq $'\\e\\\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]'" "$ansi"
check "NO_COLOR: reverse video marks the status line" bash -c "printf '%s' \"\$0\" | grep -Eq $'\\e\\\\[([0-9]+;)*7m'" "$ansi"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# 8 colours: colours are used
screen_start 80 24 env TERM=xterm "$SCRIBE" open "$id"
screen_wait 'saved' >/dev/null || true
check "8 colours: the status line is coloured" bash -c "printf '%s' \"\$0\" | grep -Eq $'\\e\\\\[[0-9;]*4[0-7]'" "$(screen_ansi)"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# a locale that is not UTF-8: everything on screen is ASCII
screen_start 80 24 env LANG=C LC_ALL=C "$SCRIBE" open "$id"
screen_wait 'ok saved' && pass "C locale: ASCII glyphs (ok saved)" || fail "C locale: ASCII glyphs (ok saved)"
like "$(screen_text)" 'caf\? \? done' "C locale: non-ASCII shown as ?"
check "C locale: nothing but ASCII on screen" bash -c "! printf '%s' \"\$0\" | grep -qP '[^\\x00-\\x7F]'" "$(screen_text)"
screen_type "plain ascii entry"
screen_keys Enter
poll 3 bash -c "\"$SCRIBE\" show $id | grep -q 'plain ascii entry'"
like "$("$SCRIBE" show "$id")" 'tester: plain ascii entry$' "C locale: typing works"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# Ctrl-Z suspends (the shell gets its prompt back), fg brings it back whole
screen_start 80 24 bash --norc --noprofile -i
screen_type "$(printf '%q ' "$SCRIBE" open "$id")"
screen_keys Enter
screen_wait 'saved' >/dev/null || true
screen_keys C-z
screen_wait 'Stopped' && pass "Ctrl-Z suspends" || fail "Ctrl-Z suspends"
screen_type "fg"
screen_keys Enter
screen_wait '^ .* saved *$' && pass "fg redraws the program" || fail "fg redraws the program"
like "$(screen_text)" '1 timeline' "the whole screen is back"
screen_keys C-q
screen_type "echo status=\$?"
screen_keys Enter
screen_wait 'status=0' && pass "and it still quits cleanly" || fail "and it still quits cleanly"

done_testing
