#!/bin/bash
# Key bindings and the time zones shown, from the configuration.
. "$srcdir/tests/lib.sh"

cfg=$XDG_CONFIG_HOME/scribe/config.yaml
mkdir -p "$(dirname "$cfg")"
cat >"$cfg" <<'YAML'
keys:
  quit: ctrl-x
  add: n
  vote: [v, "+"]
times: both
YAML
id=$("$SCRIBE" demo)
TZ=Europe/Berlin run "$SCRIBE" show "$id"
is "$ERR" "" "a good keys: section says nothing"
like "$OUT" 'times in CET and UTC$' "times: both, in show's header"
like "$OUT" '^20[0-9-]+ [0-9:]{8} \([0-9:]{8}Z\)  deploy' "and on every line"

screen_start 100 30 env TZ=Europe/Berlin "$SCRIBE" open "$id"
screen_wait 'saved *$' >/dev/null || true
like "$(screen_text)" '^[0-9:]{8} [0-9]{2}:[0-9]{2}Z ' "the timeline shows UTC beside the local time"
screen_keys F1
screen_wait 'Ctrl-X Ctrl-C +quit' && pass "the help shows the configured key (and Ctrl-C, which always quits)" || fail "the help shows the configured key (and Ctrl-C, which always quits)"
screen_keys Escape
screen_keys C-q
sleep 0.5
check "the old key no longer quits" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q '^\[exit'"
screen_keys Tab Tab
screen_wait 'Preventative actions' >/dev/null || true
screen_keys a
sleep 0.3
check "the old key no longer adds" bash -c "! tmux -S '$TMUX_SOCK' capture-pane -t =t: -p | grep -q 'New action:'"
screen_keys n
screen_wait 'New action:' && pass "the configured key adds" || fail "the configured key adds"
screen_keys Escape
screen_keys +
screen_wait 'P0 .1 ' && pass "a second key for the same request" || fail "a second key for the same request"
screen_keys C-x
screen_wait '^\[exit 0\]' && pass "ctrl-x quits" || fail "ctrl-x quits"

cat >"$cfg" <<'YAML'
keys:
  frobnicate: x
  quit: q
  add: ctrl-1
  cursor: ctrl-b
YAML
run "$SCRIBE" list
is "$RC" 0 "bad bindings do not stop scribe"
like "$ERR" "$cfg:2:15: keys: no request \"frobnicate\"" "an unknown request: FILE:LINE:COLUMN"
like "$ERR" "$cfg:3:9: keys: \"q\" would stop typing in the timeline" "a letter for a request that works in the timeline"
like "$ERR" "$cfg:4:8: keys: \"ctrl-1\" is not a key" "a key that is none"
like "$ERR" "$cfg:5:11: keys: the keys of cursor cannot be changed" "the entry's own keys are fixed"

done_testing
