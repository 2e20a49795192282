#!/bin/bash
# Multi-day incidents (issue 11, case 9): a time carries its date where it
# is not the incident's start day (the timeline, the link checklist, the
# cards' "events ..."), the year for an incident of another year, and
# with `times: both` UTC carries its date where it is not the date shown.
. "$srcdir/tests/lib.sh"

id=$("$SCRIBE" new Disk full --at 2017-01-31T20:00:00Z)
"$SCRIBE" log "$id" --kind deploy --at 2017-01-10T12:00:00Z "logrotate config v2" >/dev/null
"$SCRIBE" log "$id" --marker started --at 2017-01-31T20:00:00Z "disk alarms" >/dev/null
"$SCRIBE" log "$id" --marker resolved --at 2017-02-01T01:30:00Z "cleanup done" >/dev/null

screen_start 100 24 "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
like "$(screen_text)" '^2017-01-10 12:00:00 +deploy +tester +logrotate config v2' "the timeline: the year, three weeks before"
like "$(screen_text)" '^2017-02-01 01:30:00 +note +tester +\[RESOLVED\] cleanup done' "and the day after"

# a card linked to the deploy and the start
screen_keys Tab
screen_wait 'TRIGGER \(' >/dev/null || true
screen_keys a
screen_wait 'title' >/dev/null || true
screen_type "Rotation kept old logs"
screen_keys Enter
screen_wait 'Rotation kept old logs' >/dev/null || true
screen_keys l
screen_wait '\[ \]' >/dev/null || true
like "$(screen_text)" '\[ \] 2017-01-10 12:00:00 deploy +logrotate config v2' "the checklist: the date and year where not the start's day"
like "$(screen_text)" '\[ \] 20:00:00 note +\[?[a-zA-Z]*\]? ?disk alarms' "the start's day: the time alone"
screen_keys Space Down Space Enter
screen_wait 'events ' >/dev/null || true
is "$(screen_text | sed -n 5,6p | cut -c1-24)" " events 2017-01-10
 12:00 20:00" "the card: events with the date where it differs"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

# times: both, in New York: 19:10 there is 00:10 the next day in UTC
mkdir -p "$XDG_CONFIG_HOME/scribe"
printf 'times: both\n' >"$XDG_CONFIG_HOME/scribe/config.yaml"
ny=$("$SCRIBE" new Evening deploy --at 2017-03-01T23:00:00Z)
"$SCRIBE" log "$ny" --at 2017-03-01T23:00:00Z "before" >/dev/null
"$SCRIBE" log "$ny" --at 2017-03-02T00:10:00Z "after midnight UTC" >/dev/null
screen_start 100 24 env TZ=America/New_York "$SCRIBE" open "$ny"
screen_wait 'saved *$' >/dev/null || true
like "$(screen_text)" '^18:00:00 23:00Z +note +tester +before' "times: both, the same date: the UTC time"
like "$(screen_text)" '^19:10:00 03-02T00:10Z +note +tester +after midnight UTC' "times: both: UTC's date where it differs"
screen_keys C-q
screen_wait '^\[exit 0\]' >/dev/null || true

done_testing
