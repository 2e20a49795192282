#!/bin/bash
# Hostile text in every field anyone can set: escape sequences (CSI, OSC
# 0/8/52, DCS), C1 controls, BEL, CR, backspace, DEL, bidi overrides and
# isolates, zero-width characters and 200 combining marks.  Whatever the
# field and whoever wrote it (the CLI, or a journal written by hand in
# the shared directory), nothing of it may act on the terminal: show,
# list, export (markdown; yaml to a terminal) and check print
# placeholders instead (^[, <U+202E>, <+196 marks>), and so does the
# full-screen program.
. "$srcdir/tests/lib.sh"

# ---- the corpus ----
ESC=$(printf '\033')
BEL=$(printf '\007')
ST="$ESC\\"			# string terminator ESC \
CR=$(printf '\r')
BS=$(printf '\010')
DEL=$(printf '\177')
C1=$(printf '\302\233')		# U+009B, the 8-bit CSI
RLO=$(printf '\342\200\256')	# U+202E right-to-left override
LRI=$(printf '\342\201\246')	# U+2066 .. U+2069: isolates
RLI=$(printf '\342\201\247')
FSI=$(printf '\342\201\250')
PDI=$(printf '\342\201\251')
ZWSP=$(printf '\342\200\213')	# U+200B zero-width space
BOM=$(printf '\357\273\277')	# U+FEFF zero-width no-break space
MARKS=$(for _ in $(seq 200); do printf '\314\201'; done)	# 200 x U+0301

# The pieces, each with the placeholder it must become (in a UTF-8
# locale).  One field gets them all at once (hostile TAG); the author,
# which is cut to 127 bytes, gets them one at a time.
PIECES=(
	"csi${ESC}[2J${ESC}[H"
	"osc0${ESC}]0;pwned-title${BEL}"
	"osc8${ESC}]8;;http://evil.invalid/${ST}link${ESC}]8;;${ST}"
	"osc52${ESC}]52;c;cHduZWQ=${BEL}"
	"dcs${ESC}P1\$r0m${ST}"
	"c1${C1}2J"
	"bel${BEL}"
	"cr${CR}"
	"bs${BS}"
	"del${DEL}"
	"rlo${RLO}x"
	"lri${LRI}x"
	"rli${RLI}x"
	"fsi${FSI}x"
	"pdi${PDI}x"
	"zwsp${ZWSP}x"
	"bom${BOM}x"
	"marks e${MARKS}x"
)
PLACEHOLDERS=(
	'csi^[[2J^[[H'
	'osc0^[]0;pwned-title^G'
	'osc8^[]8;;http://evil.invalid/^[\link^[]8;;^[\'
	'osc52^[]52;c;cHduZWQ=^G'
	'dcs^[P1$r0m^[\'
	'c1<U+009B>2J'
	'bel^G'
	'cr^M'
	'bs^H'
	'del^?'
	'rlo<U+202E>x'
	'lri<U+2066>x'
	'rli<U+2067>x'
	'fsi<U+2068>x'
	'pdi<U+2069>x'
	'zwsp<U+200B>x'
	'bom<U+FEFF>x'
	"marks e$(printf '\314\201\314\201\314\201\314\201')<+196 marks>x"
)
# hostile TAG: every piece, between <TAG> and </TAG>
hostile() {
	local s="<$1>"
	for p in "${PIECES[@]}"; do s="$s $p"; done
	printf '%s </%s>' "$s" "$1"
}
# The same text as a YAML double-quoted scalar, for journals written by
# hand (YAML itself refuses raw control characters in a file).
yhostile() {
	local m
	m=$(for _ in $(seq 200); do printf '\\u0301'; done)
	printf '"<%s> csi\\e[2J\\e[H osc0\\e]0;pwned-title\\a osc8\\e]8;;http://evil.invalid/\\e\\\\link\\e]8;;\\e\\\\ osc52\\e]52;c;cHduZWQ=\\a dcs\\eP1$r0m\\e\\\\ c1\\u009B2J bel\\a cr\\r bs\\b del\\x7F rlo\\u202Ex lri\\u2066x rli\\u2067x fsi\\u2068x pdi\\u2069x zwsp\\u200Bx bom\\uFEFFx marks e%sx </%s>"' \
		"$1" "$m" "$1"
}

# no_raw NAME FILE: FILE holds nothing that acts on a terminal
no_raw() {
	local name=$1 f=$2 what pat bad='' first=''
	for what in "ESC:\\x1b" "C1:\\xc2[\\x80-\\x9f]" "BEL:\\x07" "CR:\\x0d" "BS:\\x08" "DEL:\\x7f" \
		"other C0:[\\x00-\\x06\\x0b\\x0c\\x0e-\\x1a\\x1c-\\x1f]" \
		"U+202E:\\xe2\\x80\\xae" "U+2066..2069:\\xe2\\x81[\\xa6-\\xa9]" "U+200B:\\xe2\\x80\\x8b" \
		"U+FEFF:\\xef\\xbb\\xbf" "U+202A..202D:\\xe2\\x80[\\xaa-\\xad]" \
		"5+ combining marks in a row:(\\xcc\\x81){5}"; do
		pat=${what#*:}
		if LC_ALL=C grep -aqP -- "$pat" "$f"; then
			bad="$bad ${what%%:*},"
			[ -n "$first" ] || first=$pat
		fi
	done
	if [ -z "$bad" ]; then
		pass "$name: no raw control, bidi or zero-width bytes"
	else
		fail "$name: raw bytes:${bad%,}"
		LC_ALL=C grep -naP -- "$first" "$f" | head -2 | cat -A | cut -c1-200 | sed 's/^/#   /'
	fi
}

# has_all NAME FILE TAG: the field TAG shows with every placeholder (for
# markdown, its backslash escapes are dropped before looking)
has_all() {
	local name=$1 f=$2 tag=$3 missing='' i text
	text=$(cat "$f")
	[ "${4:-}" = md ] && text=$(printf '%s' "$text" | tr -d '\\')
	case "$text" in *"<$tag>"*"</$tag>"*) ;; *) fail "$name: shows the $tag field"; return ;; esac
	for i in "${!PLACEHOLDERS[@]}"; do
		local want=${PLACEHOLDERS[$i]}
		[ "${4:-}" = md ] && want=$(printf '%s' "$want" | tr -d '\\')
		case "$text" in *"$want"*) ;; *) missing="$missing [$want]" ;; esac
	done
	if [ -z "$missing" ]; then pass "$name: $tag shows every placeholder"; else
		fail "$name: $tag lacks placeholders:"
		printf '#   %s\n' "$missing" | cat -A | cut -c1-300
		grep -a -m2 -- "<$tag>" "$f" | cut -c1-400 | cat -A | sed 's/^/#   got: /'
	fi
}

# only_sgr NAME FILE: FILE (capture-pane -e) has no ESC but in SGR
# sequences (ESC [ ... m), which is how tmux writes attributes; any other
# escape in it is something the program let through to the terminal
only_sgr() {
	if LC_ALL=C sed 's/\x1b\[[0-9;:]*m//g' "$2" | LC_ALL=C grep -aq "$ESC"; then
		fail "$1: capture-pane -e has no ESC but SGR"
		LC_ALL=C sed 's/\x1b\[[0-9;:]*m//g' "$2" | LC_ALL=C grep -aoP '\x1b.{0,20}' | head -3 | cat -A | sed 's/^/#   /'
	else
		pass "$1: capture-pane -e has no ESC but SGR"
	fi
}

# ---- written through the CLI ----
run "$SCRIBE" new "$(hostile title)"
is "$RC" 0 "new takes a hostile title"
id=$OUT
like "$id" '^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+$' "the id is a plain slug"

run "$SCRIBE" log "$id" "$(hostile logarg)"
is "$RC" 0 "log takes hostile text as arguments"
run bash -c 'printf "%s\nsecond line %s\n" "$1" "$2" | "$SCRIBE" log "$0" -' "$id" "$(hostile stdin)" "$(hostile stdin2)"
is "$RC" 0 "log - takes hostile text on standard input"
# log_as N PIECE: an event by author "<authorN> PIECE"
log_as() {
	if SCRIBE_AUTHOR="<author$1> $2" "$SCRIBE" log "$id" "said by author$1" >"$WORK/out" 2>&1; then
		pass "log as author $1"
	else
		fail "log as author $1"
		sed 's/^/#   /' "$WORK/out"
	fi
}
n=0
for p in "${PIECES[@]}"; do
	n=$((n + 1))
	case $p in
	*) log_as $n "$p" ;;
	esac
done
run env SCRIBE_AUTHOR="$(hostile author)" "$SCRIBE" log "$id" "said by the long author"
is "$RC" 0 "a hostile author longer than 127 bytes"

# ---- written by hand: factor, action and the summary ----
dir=$SCRIBE_DIR/$id
rev=$(sed -n 's/^rev: //p' "$dir"/j-*.yaml | head -1)
cat >"$dir/j-20261126t150000z-evil-1-abcdef.yaml" <<EOF
---
type: incident
id: $id
rev: rinc0evil0001
base: $rev
time: 2026-11-26T15:00:00.000Z
author: $(yhostile incauthor)
set:
  impact: $(yhostile impact)
  apology: $(yhostile apology)
  what_happened: $(yhostile happened)
  went_well: $(yhostile wentwell)
  lucky: $(yhostile lucky)
...
---
type: factor
id: fevil000001
rev: rfac0evil001
time: 2026-11-26T15:01:00.000Z
author: $(yhostile fauthor)
set:
  title: $(yhostile ftitle)
  category: trigger
  description: $(yhostile fdesc)
  events: []
  by: $(yhostile fby)
  order: 1
...
---
type: factor
id: fevil000003
rev: rfac0evil003
time: 2026-11-26T15:01:40.000Z
author: ann
set:
  title: hostile category
  category: $(yhostile fcategory)
  description: ''
  events: []
  by: ann
  order: 3
...
---
type: factor
id: fevil000002
rev: rfac0evil002
time: 2026-11-26T15:01:30.000Z
author: ann
set:
  title: plain factor
  category: technical
  description: ''
  events: []
  by: ann
  order: 2
  no_action: $(yhostile noaction)
...
---
type: action
id: aevil000001
rev: ract0evil001
time: 2026-11-26T15:02:00.000Z
author: $(yhostile aauthor)
set:
  title: $(yhostile atitle)
  type: prevent
  owner: $(yhostile owner)
  status: wontfix
  reason: $(yhostile reason)
  priority: P1
  factors: [fevil000001]
  by: $(yhostile aby)
...
EOF
run "$SCRIBE" check "$id"
is "$RC" 0 "the hand-written journal is valid (check exits 0)"
[ "$RC" = 0 ] || printf '%s\n' "$OUT" | head -5 | cat -A | sed 's/^/#   /'

# ---- show, list, export ----
"$SCRIBE" show "$id" >"$WORK/show" 2>&1
is "$?" 0 "show exits 0"
no_raw "show" "$WORK/show"
for t in title logarg stdin stdin2; do has_all "show" "$WORK/show" "$t"; done
# shown_as N PLACEHOLDER
shown_as() {
	if grep -aqF -- "<author$1> $2" "$WORK/show"; then
		pass "show: author $1 as <author$1> $2"
	else
		fail "show: author $1 as <author$1> $2"
		grep -a "said by author$1\$" "$WORK/show" | cat -A | sed 's/^/#   got: /'
	fi
}
n=0
for ph in "${PLACEHOLDERS[@]}"; do
	n=$((n + 1))
	case $ph in
	cr*) shown_as $n "cr " ;;	# an author is one line: CR and LF become spaces
	# an author is cut to 127 bytes (at a character's end): the marks are summarized
	marks*) shown_as $n "marks e$(printf '\314\201\314\201\314\201\314\201')<+" ;;
	*) shown_as $n "$ph" ;;
	esac
done

"$SCRIBE" list >"$WORK/list" 2>&1
is "$?" 0 "list exits 0"
no_raw "list" "$WORK/list"
has_all "list" "$WORK/list" title

"$SCRIBE" export "$id" >"$WORK/md" 2>&1
is "$?" 0 "export (markdown) exits 0"
no_raw "export markdown" "$WORK/md"
for t in title logarg stdin stdin2 impact apology happened wentwell lucky ftitle fcategory fdesc atitle owner reason; do
	has_all "export markdown" "$WORK/md" "$t" md
done
grep -aq '<author1>' <(tr -d '\\' <"$WORK/md") && pass "export markdown: authors shown" \
	|| fail "export markdown: authors shown"

# yaml: to a terminal, escaped (\e, \u202E); to a pipe, as written
"$SCRIBE" export "$id" --format yaml >"$WORK/yaml-pipe" 2>&1
is "$?" 0 "export yaml to a pipe exits 0"
# YAML cannot hold a raw control character: the emitter escapes those
check "export yaml to a pipe: ESC escaped (\\e)" bash -c '! LC_ALL=C grep -aq $'"'"'\x1b'"'"' "$0" && grep -aqF "\\e[2J" "$0"' "$WORK/yaml-pipe"
# printable characters are as written
check "export yaml to a pipe: U+202E as written" grep -aqF "rlo${RLO}x" "$WORK/yaml-pipe"
if command -v script >/dev/null; then
	# the terminal turns each \n into \r\n: take exactly that \r away
	script -qc "$(printf '%q ' "$SCRIBE" export "$id" --format yaml)" /dev/null </dev/null |
		sed 's/\r$//' >"$WORK/yaml-tty"
	check "export yaml to a terminal: same lines as to a pipe" \
		test "$(wc -l <"$WORK/yaml-tty")" -eq "$(wc -l <"$WORK/yaml-pipe")"
	no_raw "export yaml to a terminal" "$WORK/yaml-tty"
	check "export yaml to a terminal: all printable ASCII" \
		bash -c '! LC_ALL=C grep -aqP "[^\\x20-\\x7e]" "$0"' "$WORK/yaml-tty"
	for esc in '\e[2J' '\e]0;pwned-title\a' '\x9B2J' '\r' '\b' '\x7F' '\u202E' '\u2066' '\u2069' '\u200B' '\uFEFF' '\u0301'; do
		grep -aqF -- "$esc" "$WORK/yaml-tty" && pass "export yaml to a terminal: $esc escaped" \
			|| fail "export yaml to a terminal: $esc escaped"
	done
	for t in title logarg stdin stdin2 ftitle fdesc fcategory fby atitle owner reason impact apology lucky; do
		grep -aqF -- "<$t>" "$WORK/yaml-tty" && pass "export yaml to a terminal: has $t" \
			|| fail "export yaml to a terminal: has $t"
	done
else
	pass "# SKIP script(1) not installed"
fi

# ---- check: hostile values in the messages, a hostile file name ----
bad="$dir/j-20261126t160000z-evil-2-bad${ESC}]0;pwned-title${BEL}${RLO}x.yaml"
cat >"$bad" <<EOF
---
type: event
id: ebad0000001
rev: rbad00000001
time: 2026-11-26T16:00:00.000Z
author: ann
set:
  at: 2026-11-26T16:00:00.000Z
  typed: 2026-11-26T16:00:00.000Z
  logged: 2026-11-26T16:00:00.000Z
  by: ann
  kind: $(yhostile kind)
  text: x
...
---
type: event
id: $(yhostile badid)
rev: rbad00000002
time: 2026-11-26T16:00:00.000Z
author: ann
set:
  text: x
...
---
type: event
id: ebad0000003
rev: rbad00000003
time: $(yhostile badtime)
author: ann
set:
  text: x
...
---
type: event
id: ebad0000004
rev: rbad00000004
time: 2026-11-26T16:00:00.000Z
author: ann
set:
  ? $(yhostile badkey)
  : x
...
---
type: action
id: abad0000005
rev: rbad00000005
time: 2026-11-26T16:00:00.000Z
author: ann
set:
  status: $(yhostile status)
...
EOF
"$SCRIBE" check "$id" >"$WORK/check" 2>&1
is "$?" 65 "check finds the bad records (exit 65)"
no_raw "check" "$WORK/check"
for t in kind badid badtime badkey status; do has_all "check" "$WORK/check" "$t"; done
grep -aqF 'bad^[]0;pwned-title^G<U+202E>x.yaml' "$WORK/check" && pass "check: the file name as placeholders" \
	|| { fail "check: the file name as placeholders"; head -2 "$WORK/check" | cat -A | cut -c1-300 | sed 's/^/#   got: /'; }
"$SCRIBE" check "$bad" >"$WORK/check-path" 2>&1
no_raw "check PATH" "$WORK/check-path"
# the commands that read the incident report those problems on stderr
for c in show export; do
	"$SCRIBE" "$c" "$id" >"$WORK/$c-2" 2>&1
	no_raw "$c with problems on stderr" "$WORK/$c-2"
done
"$SCRIBE" list >"$WORK/list-2" 2>&1
no_raw "list with problems on stderr" "$WORK/list-2"

# a hostile argument is not echoed raw in the error either
for c in "show" "log" "export" "open"; do
	if [ $c = log ]; then "$SCRIBE" log "$(hostile arg)" x; else "$SCRIBE" $c "$(hostile arg)"; fi >"$WORK/arg" 2>&1
	check "$c with a hostile id fails" test -s "$WORK/arg"
	no_raw "$c with a hostile id: the error" "$WORK/arg"
done
"$SCRIBE" "$(hostile arg)" >"$WORK/arg" 2>&1
no_raw "a hostile command name: the error" "$WORK/arg"

# ---- the full-screen program ----
# 200x60: the factors beside the timeline
screen_start 200 60 "$SCRIBE" open "$id"
# let OSC 52 reach tmux's paste buffers (the default only passes it on
# to the outer terminal), then make the program draw everything again
tmux -S "$TMUX_SOCK" set-option -s set-clipboard on
screen_wait 'timeline' 10 || true
screen_resize 199 60
sleep 0.3
screen_resize 200 60
if screen_wait 'said by the long author' 10; then pass "open shows the hostile incident"; else fail "open shows the hostile incident"; fi
screen_text >"$WORK/screen"
screen_ansi >"$WORK/screen-ansi"
for ph in '^[[2J^[[H' '^[]0;pwned-title^G' '<U+009B>2J' 'bel^G' 'cr^M' 'bs^H' 'del^?' '<U+202E>x' '<U+2066>x' '<U+2069>x' '<U+200B>x' '<U+FEFF>x' '<+196 marks>x'; do
	grep -aqF -- "$ph" "$WORK/screen" && pass "screen: shows $ph" || fail "screen: shows $ph"
done
grep -aqF -- '<logarg>' "$WORK/screen" && pass "screen: the event text is there" || fail "screen: the event text is there"
# capture-pane -e writes attributes as SGR (ESC [ ... m); any other
# escape in it is something the program let through to the terminal
only_sgr "screen" "$WORK/screen-ansi"
no_raw "screen text" "$WORK/screen"
title=$(tmux -S "$TMUX_SOCK" display-message -p -t =t: '#{pane_title}')
case "$title" in *pwned*) fail "screen: OSC 0 did not set the title ($title)" ;; *) pass "screen: OSC 0 did not set the title" ;; esac
bufs=$(tmux -S "$TMUX_SOCK" list-buffers 2>/dev/null)
is "$bufs" "" "screen: OSC 52 did not reach the clipboard"
# the factors pane
screen_keys Tab
screen_wait 'Factors' 5 || true
sleep 0.3
screen_text >"$WORK/screen-factors"
screen_ansi >"$WORK/screen-factors-ansi"
grep -aqF -- '<ftitle>' "$WORK/screen-factors" && pass "screen: factor title shown" || fail "screen: factor title shown"
no_raw "screen factors" "$WORK/screen-factors"
only_sgr "screen factors" "$WORK/screen-factors-ansi"
screen_keys Tab
sleep 0.5
screen_text >"$WORK/screen-actions"
screen_ansi >"$WORK/screen-actions-ansi"
grep -aqF -- '<atitle>' "$WORK/screen-actions" && pass "screen: action title shown" || fail "screen: action title shown"
no_raw "screen actions" "$WORK/screen-actions"
only_sgr "screen actions" "$WORK/screen-actions-ansi"
screen_keys C-q
screen_wait '^\[exit 0\]' && pass "quits with status 0" || fail "quits with status 0"

done_testing
