#!/bin/bash
# The key reader (issue 11, case 10): keys decoded whatever TERM says
# (TERM=vt100 here, while tmux sends xterm and VT220 sequences), a
# sequence split by a slow link still one key, an unknown sequence never
# typed as text, ESC alone Esc once nothing follows for half a second.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Keys from another terminal --severity 3)
# hex BYTE...: raw bytes, as a terminal would send them
hex() { tmux -S "$TMUX_SOCK" send-keys -t =t: -H "$@"; }
# entry REGEX: waits until the entry being typed reads REGEX, whole
entry() { screen_wait "^[0-9]{2}:[0-9]{2}:[0-9]{2}> $1 *\$" 5; }
ms() { date +%s%3N; }

screen_start 80 24 env -u ESCDELAY TERM=vt100 "$SCRIBE" open "$id"
screen_wait "saved *$" >/dev/null || true

screen_type "abc"
entry "abc" >/dev/null || true
hex 1b 5b 31 3b 35 44		# Ctrl-Left, xterm: ESC [ 1 ; 5 D (a Left here)
screen_type "X"
entry "abXc" && pass "TERM=vt100: ESC[1;5D is a Left (not \"[1;5D\" typed)" ||
	fail "TERM=vt100: ESC[1;5D is a Left (not \"[1;5D\" typed)"
hex 1b 4f 44			# Left, application mode: ESC O D
screen_type "Y"
entry "abYXc" && pass "ESCOD is a Left" || fail "ESCOD is a Left"
hex 1b 5b 33 7e			# Delete: ESC [ 3 ~
entry "abYc" && pass "ESC[3~ is Delete" || fail "ESC[3~ is Delete"

# an unknown sequence: a note, the entry untouched
hex 1b 5b 39 39 7e		# ESC [ 9 9 ~
screen_wait "unknown key ESC\[99~: ignored" && pass "an unknown sequence: a short note" ||
	fail "an unknown sequence: a short note"
entry "abYc" && pass "and nothing typed" || fail "and nothing typed"

# ESC, then "[D" 200 ms later (a slow link): one Left, nothing set aside
hex 1b
sleep 0.2			# the gap is what is tested
hex 5b 44
screen_type "W"
entry "abWYc" && pass "ESC, \"[D\" 200 ms later: one Left" || fail "ESC, \"[D\" 200 ms later: one Left"
check "no draft set aside" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'drafts set aside'"

# F1 in the Linux console's form: the help
hex 1b 5b 5b 41			# ESC [ [ A
screen_wait "F1 +this help" && pass "F1 as ESC[[A: the help" || fail "F1 as ESC[[A: the help"
screen_type " "
entry "abWYc" >/dev/null || true

# ESC alone: Esc once nothing follows for the wait (500 ms), and not before
t0=$(ms)
hex 1b
screen_wait "set aside as a draft" && pass "ESC alone: Esc (the entry set aside)" || fail "ESC alone: Esc (the entry set aside)"
waited=$(( $(ms) - t0 ))
check "after the wait for the rest of a sequence (${waited} ms >= 500)" test "$waited" -ge 500
# what comes after the wait is text: "[D" starts an entry
hex 5b 44
entry "\[D" && pass "\"[D\" after the wait: typed" || fail "\"[D\" after the wait: typed"

# ESC then a letter at once: Esc, then the letter (no wait)
screen_keys Escape
screen_type "q"
entry "q" && pass "ESC then a letter: Esc, then the letter" || fail "ESC then a letter: Esc, then the letter"
screen_keys C-u

# Home and End in all their forms, in a prompt (in the timeline they
# are the first and last event)
screen_keys Tab Tab
screen_wait "No actions yet" >/dev/null || true
screen_type "a"
screen_wait "^New action:" >/dev/null || true
screen_type "abc"
prompt() { screen_wait "^New action: $1 *\$" 5; }
hex 1b 5b 31 7e			# Home, VT220, screen, tmux, linux: ESC [ 1 ~
screen_type "X"
prompt "Xabc" && pass "Home as ESC[1~ (not \"[1~\" typed)" || fail "Home as ESC[1~ (not \"[1~\" typed)"
hex 1b 5b 46			# End, xterm: ESC [ F
screen_type "Y"
prompt "XabcY" && pass "End as ESC[F" || fail "End as ESC[F"
hex 1b 4f 48			# Home, xterm application mode: ESC O H
screen_type "1"
prompt "1XabcY" && pass "Home as ESCOH" || fail "Home as ESCOH"
hex 1b 5b 34 7e			# End: ESC [ 4 ~
screen_type "Z"
prompt "1XabcYZ" && pass "End as ESC[4~" || fail "End as ESC[4~"
hex 1b 5b 37 7e			# Home, rxvt: ESC [ 7 ~
screen_type "2"
prompt "21XabcYZ" && pass "Home as ESC[7~" || fail "Home as ESC[7~"
hex 1b 5b 38 7e			# End, rxvt: ESC [ 8 ~
screen_type "3"
prompt "21XabcYZ3" && pass "End as ESC[8~" || fail "End as ESC[8~"
hex 1b 5b 31 3b 35 48		# Ctrl-Home, xterm: ESC [ 1 ; 5 H
screen_type "4"
prompt "421XabcYZ3" && pass "Ctrl-Home as ESC[1;5H: Home" || fail "Ctrl-Home as ESC[1;5H: Home"
screen_keys Escape
screen_wait "No actions yet" && pass "Esc cancels the prompt" || fail "Esc cancels the prompt"
screen_keys C-q
screen_wait '^\[exit 0\]' && pass "Ctrl-Q quits" || fail "Ctrl-Q quits"

done_testing
