#!/bin/bash
# The bash completion (completion/scribe.bash): commands, options, option
# values, incident ids (also from another --dir) and files.
. "$srcdir/tests/lib.sh"

# shellcheck source=../../completion/scribe.bash
. "$srcdir/completion/scribe.bash"

# `scribe` on the line runs the binary under test
mkdir -p "$WORK/bin"
ln -s "$(cd "$(dirname "$SCRIBE")" && pwd)/$(basename "$SCRIBE")" "$WORK/bin/scribe"
PATH="$WORK/bin:$PATH"
hash -r

check "_scribe is registered for scribe" eval 'complete -p scribe | grep -q -- "-F _scribe"'

id1=$("$SCRIBE" new "Checkout 5xx" --severity 2)
id2=$("$SCRIBE" new "Login slow")
ids=$(printf '%s\n' "$id1" "$id2" | sort | tr '\n' ' ')
ids=${ids% }
mkdir -p "$WORK/other"
other=$("$SCRIBE" --dir "$WORK/other" new "Elsewhere")
check "three incidents to complete" test -n "$id1" -a -n "$id2" -a -n "$other"

# comp LINE: completes at the end of LINE (a trailing space starts a new
# word); sets GOT to COMPREPLY sorted and joined with spaces
comp() {
	local line=$1
	read -r -a COMP_WORDS <<<"$line"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_scribe scribe "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	GOT=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	GOT=${GOT% }
}

comp "scribe "
is "$GOT" "check demo export import list log new open pack publish show sync where" "scribe <TAB>: all commands"
comp "scribe sh"
is "$GOT" "show" "scribe sh<TAB>: show"
comp "scribe --present "
is "$GOT" "check demo export import list log new open pack publish show sync where" "commands after a global option"
comp "scribe --"
is "$GOT" "--dir --help --present --theme --version" "global options"
comp "scribe log "
is "$GOT" "$ids" "scribe log <TAB>: both ids"
comp "scribe show ${id2:0:13}"
is "$GOT" "$id2" "an id completes from its prefix"
comp "scribe show $id1 --h"
is "$GOT" "--help --history" "show ID --h<TAB>: --help and --history"
comp "scribe log $id1 --k"
is "$GOT" "--kind" "log ID --k<TAB>: --kind"
comp "scribe log $id1 --"
is "$GOT" "--at --dir --help --internal --kind --marker" "log's options"
comp "scribe log $id1 --kind "
is "$GOT" "action comms config deploy discovery note" "log --kind <TAB>: the six kinds"
comp "scribe log $id1 -k d"
is "$GOT" "deploy discovery" "-k d<TAB>"
comp "scribe log $id1 --marker "
is "$GOT" "detected mitigated resolved started" "log --marker <TAB>: the markers"
comp "scribe log $id1 --kind deploy "
is "$GOT" "" "nothing for log's text"
comp "scribe import "
is "$GOT" "$ids" "scribe import <TAB>: both ids"
comp "scribe import $id1 --format "
is "$GOT" "auto journal jsonl lines slack" "import --format <TAB>: the formats"
comp "scribe import $id1 --kind d"
is "$GOT" "deploy discovery" "import --kind <TAB>: kinds"
comp "scribe import $id1 --tz "
is "$GOT" "" "nothing offered for --tz"
comp "scribe import $id1 --d"
is "$GOT" "--dir --dry-run" "import's options"
mkdir -p "$WORK/logs" && : >"$WORK/logs/nginx.log"
comp "scribe import $id1 --tz UTC $WORK/logs/ng"
is "$GOT" "$WORK/logs/nginx.log" "import ID <TAB>: a file"
comp "scribe export $id1 --format "
is "$GOT" "actions-csv actions-jsonl markdown yaml" "export --format <TAB>: the four formats"
comp "scribe export $id1 --"
is "$GOT" "--authors --comments --dir --format --help --internal --no-authors --output --public" "export's options"
comp "scribe --dir $WORK/other show "
is "$GOT" "$other" "--dir DIR show <TAB>: the ids in DIR"
comp "scribe show --dir $WORK/other "
is "$GOT" "$other" "show --dir DIR <TAB>: the ids in DIR"
comp "scribe new --severity "
is "$GOT" "1 2 3 4" "new --severity <TAB>: 1 2 3 4"
comp "scribe open $id1 --"
like "$GOT" "(^| )--follow( |$)" "open ID --<TAB> offers --follow"
comp "scribe open $id1 --"
is "$GOT" "--dir --follow --help" "open's options"

mkdir -p "$WORK/pick/sub1" "$WORK/pick/sub2"
: >"$WORK/pick/file"
comp "scribe --dir $WORK/pick/s"
is "$GOT" "$WORK/pick/sub1 $WORK/pick/sub2" "--dir completes directories"
comp "scribe export $id1 -o $WORK/pick/f"
is "$GOT" "$WORK/pick/file" "-o completes files"
comp "scribe check $WORK/pick/f"
is "$GOT" "$WORK/pick/file" "check completes files"
cd "$WORK/pick" || exit 1
comp "scribe check "
is "$GOT" "$ids file sub1 sub2" "check completes ids and files"
cd "$WORK" || exit 1

mkdir -p "$XDG_CONFIG_HOME/scribe/themes"
: >"$XDG_CONFIG_HOME/scribe/themes/projector.yaml"
comp "scribe --theme "
like " $GOT " " default " "--theme offers default"
like " $GOT " " projector " "--theme offers the user's themes, minus .yaml"

# --opt=value, split at "=" by COMP_WORDBREAKS
COMP_WORDS=(scribe log "$id1" --kind "=" d)
COMP_CWORD=5 COMP_LINE="scribe log $id1 --kind=d" COMP_POINT=${#COMP_LINE}
_scribe scribe d =
GOT=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
is "${GOT% }" "deploy discovery" "--kind=d<TAB>"
COMP_WORDS=(scribe export "$id1" --format "=")
COMP_CWORD=4 COMP_LINE="scribe export $id1 --format=" COMP_POINT=${#COMP_LINE}
_scribe scribe = --format
GOT=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
is "${GOT% }" "actions-csv actions-jsonl markdown yaml" "--format=<TAB>"

done_testing
