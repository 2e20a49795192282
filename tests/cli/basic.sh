#!/bin/bash
# new, log, list, show, --help, --version and the usage errors.
. "$srcdir/tests/lib.sh"

run "$SCRIBE" --version
is "$RC" 0 "--version exits 0"
like "$OUT" '^scribe [0-9]+\.[0-9]+' "--version names the program and version"
run "$SCRIBE" --help
is "$RC" 0 "--help exits 0"
like "$OUT" '^Usage: scribe \[--dir DIR\] .*\[COMMAND \[ARGS\]\]' "--help starts with the usage"
for c in open new log list show export check demo; do
	like "$OUT" "^  $c " "--help lists $c"
done
run "$SCRIBE" frobnicate
is "$RC" 64 "unknown command is a usage error"
like "$ERR" "unknown command 'frobnicate'" "and says which"
run "$SCRIBE" --bogus
is "$RC" 64 "unknown option is a usage error"

# new
run "$SCRIBE" list
is "$RC" 0 "list with no shared directory yet"
is "$OUT" "" "lists nothing"
run "$SCRIBE" new
is "$RC" 64 "new without a title"
today=$(date -u +%Y-%m-%d)
run "$SCRIBE" new Checkout 5xx --severity 2
is "$RC" 0 "new exits 0"
is "$OUT" "$today-checkout-5xx" "new prints the id alone"
id=$OUT
run "$SCRIBE" new "Checkout 5xx" --severity=1
is "$OUT" "$today-checkout-5xx-2" "a clash the same day gets -2"
run "$SCRIBE" new "Checkout 5xx"
is "$OUT" "$today-checkout-5xx-3" "then -3"
run "$SCRIBE" new x --severity 5
is "$RC" 64 "severity 5 is a usage error"
run env SCRIBE_DIR=/dev/null/x "$SCRIBE" new Nowhere
is "$RC" 73 "no place to create the shared directory: 73"
like "$ERR" 'cannot create /dev/null/x' "and says where"
check "the incident is a folder in SCRIBE_DIR" test -d "$SCRIBE_DIR/$id"
run "$SCRIBE" --dir "$WORK/other" new "Elsewhere"
check "--dir wins over SCRIBE_DIR" test -d "$WORK/other/$OUT"
run env -u SCRIBE_DIR "$SCRIBE" new "Default place"
check "default is XDG_DATA_HOME/scribe" test -d "$XDG_DATA_HOME/scribe/$OUT"

# log
run "$SCRIBE" log "$id" deploy: payment v2 rolled out
is "$RC" 0 "log exits 0"
like "$OUT" '^e[a-z0-9]{10}$' "log prints the event id"
ev1=$OUT
run "$SCRIBE" log "$id" --kind discovery --marker detected --at 2026-11-26T14:03:00Z 5xx alert fired
is "$RC" 0 "log with kind, marker and time"
run "$SCRIBE" log "$id" --kind nonsense x
is "$RC" 64 "unknown kind is a usage error"
like "$ERR" 'valid: note, deploy, config, discovery, comms, action' "and lists the valid kinds"
run "$SCRIBE" log "$id" --marker halfway x
is "$RC" 64 "unknown marker is a usage error"
run "$SCRIBE" log "$id" --at 25:99 x
is "$RC" 64 "bad time is a usage error"
run "$SCRIBE" log "$id"
is "$RC" 64 "log without text"
run "$SCRIBE" log nope-nope text
is "$RC" 66 "log to a missing incident is 66"
run "$SCRIBE" log ../../etc text
is "$RC" 64 "an id with a path is refused"
printf 'NAME   READY\npod-1  0/1\n' | "$SCRIBE" log "$id" - >"$WORK/out"
is "$?" 0 "log - reads stdin"
before=$("$SCRIBE" export "$id" --format yaml | grep -c '^- id:')
run bash -c 'true | "$SCRIBE" log "$0" -' "$id"
is "$RC" 65 "log - with nothing on stdin is bad data (65)"
is "$ERR" "scribe: nothing on standard input: no event logged" "and says so"
is "$OUT" "" "and prints no event id"
run bash -c 'printf " \n\t\n" | "$SCRIBE" log "$0" -' "$id"
is "$RC" 65 "log - with only blanks on stdin is bad data too"
is "$("$SCRIBE" export "$id" --format yaml | grep -c '^- id:')" "$before" "neither wrote an event"

run "$SCRIBE" show "$id"
is "$RC" 0 "show exits 0"
like "$OUT" "^$id: Checkout 5xx$" "show names the incident"
like "$OUT" '^2026-11-26 14:03:00  discovery  tester: \[DETECTED\] 5xx alert fired$' "backdated event with marker"
like "$OUT" ' deploy     tester: payment v2 rolled out$' "kind prefix parsed from the text"
like "$OUT" 'tester: NAME   READY$' "stdin text, first line"
like "$OUT" '^ +pod-1  0/1$' "stdin text keeps its second line"
first=$(printf '%s\n' "$OUT" | sed -n 4p)
like "$first" '14:03:00' "show is in time order (backdated first)"

TZ=Europe/Berlin run "$SCRIBE" show "$id"
like "$OUT" '^2026-11-26 15:03:00  discovery' "show follows TZ"

# list
run "$SCRIBE" list
is "$RC" 0 "list exits 0"
is "$(printf "%s\n" "$OUT" | wc -l)" 3 "one line per incident"
like "$(printf '%s\n' "$OUT" | head -1)" "^$today-checkout-5xx-3 +active +3 +Checkout 5xx$" "newest first: id, status, severity, title"
like "$OUT" "^$today-checkout-5xx +active +2 +Checkout 5xx$" "severity shown"

# escape sequences never reach the terminal
"$SCRIBE" log "$id" "$(printf 'evil \033]0;pwned\007 \033[2J title \342\200\256reversed')" >/dev/null
run "$SCRIBE" show "$id"
check "show sends no ESC" bash -c '! grep -q $'"'"'\x1b'"'"' "$0"' "$WORK/out"
check "show sends no BEL" bash -c '! grep -q $'"'"'\x07'"'"' "$0"' "$WORK/out"
like "$OUT" 'evil \^\[\]0;pwned\^G \^\[\[2J title <U\+202E>reversed' "shown as placeholders"

# slugs and new --at, in a shared directory of their own
SCRIBE_DIR=$WORK/slugs
run "$SCRIBE" new "GitLab.com database outage: primary data directory removed"
is "$OUT" "$today-gitlab-com-database-outage-primary-data" "a long title is cut at a word boundary"
slug=${OUT#$today-}
check "the slug is at most 40 characters (${#slug})" test "${#slug}" -le 40
run "$SCRIBE" new "$(printf 'a%.0s' {1..50}) tail"
is "$OUT" "$today-$(printf 'a%.0s' {1..40})" "a first word longer than 40 is cut at 40"
run "$SCRIBE" new "Database outage" --at 2017-01-31T23:27:00Z
is "$RC" 0 "new --at exits 0"
is "$OUT" "2017-01-31-database-outage" "new --at: the id's date comes from TIME"
run "$SCRIBE" export 2017-01-31-database-outage --format yaml
like "$OUT" '^  created: "2017-01-31T23:27:00.000Z"$' "and so does its start"
run "$SCRIBE" new "Late" --at 2017-01-31T23:27:00+05:00
is "$OUT" "2017-01-31-late" "an offset: the id's date is the UTC date"
run "$SCRIBE" new "Yesterday" --at -30h
is "$OUT" "$(date -u -d '-30 hours' +%Y-%m-%d)-yesterday" "new --at with a relative TIME"
run "$SCRIBE" new "Future" --at 2099-01-01T00:00:00Z
is "$RC" 64 "new --at in the future is a usage error"
like "$ERR" "is in the future" "and says why"
run "$SCRIBE" new "Bad" --at 25:99
is "$RC" 64 "new --at with a bad time is a usage error"

done_testing
