#!/bin/bash
# The team setup: the system-wide configuration (read first, so that
# `ssh host scribe ...` finds the team's folder without a profile), the
# user's over it, `scribe where`, and the note when an incident goes where
# the team will not see it.
. "$srcdir/tests/lib.sh"

sys=$WORK/etc/scribe/config.yaml
mkdir -p "$(dirname "$sys")" "$WORK/team"
chmod 2775 "$WORK/team"
printf '# the team folder\nshared_dir: %s\ncategories: [technical, process]\n' "$WORK/team" >"$sys"

# as ssh runs a command: no profile, so no SCRIBE_DIR, no XDG variables
bare() { env -i PATH="$PATH" HOME="$HOME" SCRIBE_SYSCONFIG="$sys" "$SCRIBE" "$@"; }

run bare new "Over ssh"
is "$RC" 0 "new with an empty environment"
is "$ERR" "" "in the team folder: nothing to say"
id=$OUT
check "the system's shared_dir is the shared directory" test -d "$WORK/team/$id"
run bare list
like "$OUT" "^$id +active" "list finds it there"
md=$(bare export "$(bare demo)" 2>&1)
is "$(grep '^#### ' <<<"$md" | tr '\n' '|')" "#### Technical|#### Process|#### Trigger|" "the system's categories order the board"

run bare where
is "$RC" 0 "where exits 0"
is "$(sed -n 1,2p <<<"$OUT")" "shared directory  $WORK/team
  because         shared_dir in $sys:2 (the system's configuration)" "where: the folder and why"
is "$(sed -n 3,4p <<<"$OUT")" "config files      $sys (the system's): read
                  $HOME/.config/scribe/config.yaml (yours): not present" "where: the files read"
like "$OUT" "^folder            drwxrwsr-x [^ ]+:[^ ]+, 2 incidents\$" "where: the folder's mode, owner and incidents"
like "$OUT" "^you can write     yes\$" "where: writable"
like "$OUT" "^new incidents     group [^ ]+, group-writable and setgid, whatever your umask" "where: what new incidents get"
is "$(tail -1 <<<"$OUT")" "to fix            nothing" "where: a good team setup has nothing to fix"

# the user's configuration wins, key by key
mkdir -p "$HOME/.config/scribe" "$WORK/mine"
printf 'shared_dir: %s\n' "$WORK/mine" >"$HOME/.config/scribe/config.yaml"
run bare where
is "$(sed -n 2p <<<"$OUT")" "  because         shared_dir in $HOME/.config/scribe/config.yaml:1 (your configuration)" "the user's shared_dir wins"
run bare new "Mine"
is "$ERR" "scribe: note: created in $WORK/mine, not in the team's folder $WORK/team that $sys names" \
	"a new incident outside the system's team folder is said"
md=$(bare export "$(bare demo 2>/dev/null)" 2>&1)
is "$(grep '^#### ' <<<"$md" | tr '\n' '|')" "#### Technical|#### Process|#### Trigger|" "the system's categories still apply (the user set none)"
rm "$HOME/.config/scribe/config.yaml"

# SCRIBE_DIR and --dir win over both
run env -i PATH="$PATH" HOME="$HOME" SCRIBE_SYSCONFIG="$sys" SCRIBE_DIR="$WORK/env" "$SCRIBE" where
is "$(sed -n 1,2p <<<"$OUT")" "shared directory  $WORK/env
  because         the SCRIBE_DIR environment variable" "SCRIBE_DIR wins"
run bare --dir "$WORK/opt" where
is "$(sed -n 2p <<<"$OUT")" "  because         the --dir option" "--dir wins"

# no configuration at all: the private folder, said once, and where says how to share
run env -i PATH="$PATH" HOME="$HOME" SCRIBE_SYSCONFIG= "$SCRIBE" new "Alone"
is "$RC" 0 "new in the private folder"
is "$ERR" "scribe: note: created in your private folder $HOME/.local/share/scribe, where only you will see it; \`scribe where\` says how to share a folder with the team" \
	"the first incident in the private folder says where it went"
run env -i PATH="$PATH" HOME="$HOME" SCRIBE_SYSCONFIG= "$SCRIBE" new "Alone again"
is "$ERR" "" "the second one says nothing"
run env -i PATH="$PATH" HOME="$HOME" SCRIBE_SYSCONFIG= "$SCRIBE" where
is "$(sed -n 2p <<<"$OUT")" "  because         the default: your private folder (no --dir, SCRIBE_DIR or shared_dir)" "where: the default"
like "$OUT" "^- this is your private folder: for a team, set shared_dir in /etc/scribe/config.yaml" "where: how to share"

# a bad system file is named, and the defaults serve
printf 'shared_dir: relative/path\ngroup: [a]\n' >"$sys"
run bare where
like "$ERR" "^scribe: $sys:1:13: \"shared_dir\" must be an absolute path\$" "a relative shared_dir: FILE:LINE:COLUMN"
like "$ERR" "^scribe: $sys:2:8: \"group\" must be a single value\$" "a bad group: FILE:LINE:COLUMN"
is "$(sed -n 1p <<<"$OUT")" "shared directory  $HOME/.local/share/scribe" "and the default serves"

# group: the configured group is given to new incidents
g=$(id -gn)
printf 'shared_dir: %s\ngroup: %s\n' "$WORK/plain" "$g" >"$sys"
mkdir -p "$WORK/plain"
chmod 0755 "$WORK/plain"
run bare new "Grouped"
is "$RC" 0 "new with a configured group"
is "$(stat -c '%G %A' "$WORK/plain/$OUT")" "$g drwxrwsr-x" "a configured group: the incident is the group's, group-writable and setgid"
printf 'group: no-such-group-here\n' >>"$sys"
run bare where
like "$OUT" "^- the configured group \"no-such-group-here\" does not exist on this host\$" "where: a group that does not exist"

done_testing
