#!/bin/bash
# The configuration file: every key optional; a bad one is named by
# FILE:LINE:COLUMN and scribe goes on with the defaults.
. "$srcdir/tests/lib.sh"

cfg=$XDG_CONFIG_HOME/scribe/config.yaml
mkdir -p "$(dirname "$cfg")"

run "$SCRIBE" list
is "$ERR" "" "no configuration file: nothing to say"

cat >"$cfg" <<YAML
# the team's settings
shared_dir: $WORK/team
author: Dana Scully
categories: [technical, trigger, process]
YAML
run env -u SCRIBE_DIR -u SCRIBE_AUTHOR "$SCRIBE" new "From the config"
is "$RC" 0 "new with a configuration"
is "$ERR" "" "a good configuration: nothing to say"
id=$OUT
check "shared_dir is the shared directory" test -d "$WORK/team/$id"
run "$SCRIBE" list
is "$OUT" "" "SCRIBE_DIR wins over shared_dir"
run env -u SCRIBE_DIR "$SCRIBE" --dir "$WORK/other" list
is "$RC" 0 "--dir wins too"
env -u SCRIBE_DIR -u SCRIBE_AUTHOR "$SCRIBE" log "$id" hello >/dev/null
like "$(env -u SCRIBE_DIR "$SCRIBE" show "$id")" 'Dana Scully: hello$' "author is the name written on entries"
like "$(env -u SCRIBE_DIR "$SCRIBE" show "$id")" 'tester: |Dana Scully' "(SCRIBE_AUTHOR wins when set)"

# the configured columns give the report its order
d=$(env -u SCRIBE_DIR "$SCRIBE" demo)
md=$(env -u SCRIBE_DIR "$SCRIBE" export "$d" | grep '^#### ' | tr '\n' '|')
is "$md" "#### Technical|#### Trigger|#### Process|" "categories order the board and the report"

# bad values: said with their place, defaults used, the command still works
cat >"$cfg" <<'YAML'
author: [not, a, name]
categories: [Trigger]
colour: red
YAML
run "$SCRIBE" new "Bad config"
is "$RC" 0 "a bad configuration does not stop scribe"
like "$ERR" "^scribe: $cfg:1:9: \"author\" must be a single value\$" "a list where a name goes: FILE:LINE:COLUMN"
like "$ERR" "^scribe: $cfg:2:14: \"categories\": \"Trigger\" must be one lowercase word" "a bad category: FILE:LINE:COLUMN"
like "$ERR" "^scribe: $cfg:3:1: warning: unknown key \"colour\"" "an unknown key is a warning"
like "$("$SCRIBE" show "$OUT" 2>/dev/null)" '^[a-z0-9-]+: Bad config$' "and the defaults serve"

printf 'categories: [a, b\n' >"$cfg"
run "$SCRIBE" list
is "$RC" 0 "a syntax error does not stop scribe"
like "$ERR" "^scribe: $cfg:2:1: YAML syntax error" "a syntax error: FILE:LINE:COLUMN"

done_testing
