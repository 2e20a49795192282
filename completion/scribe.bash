# bash completion for scribe(1)                              -*- shell-script -*-
# Installed as $(datadir)/bash-completion/completions/scribe.  Self-contained:
# needs only bash (compgen/complete), not the bash-completion helpers.
# shellcheck shell=bash

# The theme names: NAME.yaml in the user's and the system theme folders,
# plus the built-in "default".
_scribe_themes()
{
	local d f n
	for d in "${XDG_CONFIG_HOME:-$HOME/.config}/scribe/themes" \
		/usr/share/scribe/themes /usr/local/share/scribe/themes; do
		[[ -d $d ]] || continue
		for f in "$d"/*.yaml; do
			[[ -e $f ]] || continue
			n=${f##*/}
			printf '%s\n' "${n%.yaml}"
		done
	done
	printf '%s\n' default
}

# The incident ids: the first column of `scribe [--dir DIR] list`.
# $1 the program to run, $2 the --dir given on the line (may be empty).
_scribe_ids()
{
	local prog=$1 dir=$2 id rest
	if [[ -n $dir ]]; then
		"$prog" --dir "$dir" list </dev/null 2>/dev/null
	else
		"$prog" list </dev/null 2>/dev/null
	fi | while read -r id rest; do
		[[ -n $id ]] && printf '%s\n' "$id"
	done
}

# Expands a leading ~ or ~/ (the line holds the word as typed).
_scribe_tilde()
{
	# shellcheck disable=SC2088 # matches the literal text typed
	case $1 in
	'~') printf '%s' "$HOME" ;;
	'~/'*) printf '%s' "$HOME/${1#\~/}" ;;
	*) printf '%s' "$1" ;;
	esac
}

# COMPREPLY from a newline-separated list, filtered by the prefix $2.
_scribe_add()
{
	local IFS=$'\n' w
	for w in $(compgen -W "$1" -- "$2"); do
		COMPREPLY+=("$w")
	done
}

_scribe_files()
{
	local IFS=$'\n' w
	compopt -o filenames 2>/dev/null
	for w in $(compgen -f -- "$1"); do
		COMPREPLY+=("$w")
	done
}

_scribe_dirs()
{
	local IFS=$'\n' w
	compopt -o filenames 2>/dev/null
	for w in $(compgen -d -- "$1"); do
		COMPREPLY+=("$w")
	done
}

_scribe()
{
	COMPREPLY=()

	# Rejoin "--opt" "=" "value", which COMP_WORDBREAKS splits apart.
	local -a words=()
	local i n cword=0 join=0 w
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		n=${#words[@]}
		if ((n > 0)) && [[ $w == "=" && ${words[n - 1]} == --* && ${words[n - 1]} != *=* ]]; then
			words[n - 1]+="="
			join=$((i < COMP_CWORD))
			((i == COMP_CWORD)) && cword=$((n - 1))
			continue
		fi
		if ((join)); then
			join=0
			words[n - 1]+=$w
			((i == COMP_CWORD)) && cword=$((n - 1))
			continue
		fi
		((i == COMP_CWORD)) && cword=$n
		words+=("$w")
	done
	((COMP_CWORD >= ${#COMP_WORDS[@]})) && { cword=${#words[@]}; words+=(""); }

	local cur=${words[cword]-} prev=""
	((cword > 0)) && prev=${words[cword - 1]}

	local commands="open new log import list show export check demo pack publish sync where"
	local global_opts="--dir -d --help -h --version -V --theme --present"

	# The program to ask for ids: the one typed, if it runs, else scribe.
	local prog
	prog=$(_scribe_tilde "${words[0]}")
	type -t -- "$prog" >/dev/null 2>&1 || prog=scribe

	# Walk the words before the cursor: global options, the command, its
	# options and its positional arguments.
	local cmd="" dir="" nargs=0 endopts=0 takes
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if ((endopts)) || [[ $w != -?* ]]; then
			if [[ -z $cmd ]]; then
				cmd=$w
			else
				nargs=$((nargs + 1))
			fi
			continue
		fi
		if [[ -n $cmd && $w == -- ]]; then
			endopts=1
			continue
		fi
		takes=0
		case $w in
		--dir=*) dir=${w#--dir=} ;;
		--dir | -d) takes=1 ;;
		-d?*) dir=${w#-d} ;;
		--theme) [[ -z $cmd ]] && takes=1 ;;
		--kind | -k) [[ $cmd == log || $cmd == import ]] && takes=1 ;;
		--marker | -m) [[ $cmd == log ]] && takes=1 ;;
		--tz | --channel | --time-field | --text-field | --by-field | --by | --rule | --year)
			[[ $cmd == import ]] && takes=1 ;;
		--at | -a) [[ $cmd == log || $cmd == new ]] && takes=1 ;;
		--severity | -s) [[ $cmd == new ]] && takes=1 ;;
		--remote | -r) [[ $cmd == sync ]] && takes=1 ;;
		--format | -f) [[ $cmd == export || $cmd == import ]] && takes=1 ;;
		--output | -o) [[ $cmd == export ]] && takes=1 ;;
		esac
		if ((takes)) && ((i + 1 < cword)); then
			i=$((i + 1))
			[[ $w == --dir || $w == -d ]] && dir=${words[i]}
		fi
	done
	dir=$(_scribe_tilde "$dir")

	# An option's value: "--opt VALUE" or "--opt=VALUE".
	local opt="" val="$cur" pre=""
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		val=${cur#*=}
		[[ $COMP_WORDBREAKS == *=* ]] || pre="$opt="
	elif ((!endopts)) && [[ $prev == -?* && $cur != -?* ]]; then
		opt=$prev
	fi
	if [[ -n $opt ]]; then
		local vals="" kind=""
		case $cmd:$opt in
		*:--dir | *:-d) kind=dirs ;;
		:--theme) vals=$(_scribe_themes) ;;
		log:--kind | log:-k | import:--kind | import:-k) vals=$'note\ndeploy\nconfig\ndiscovery\ncomms\naction' ;;
		log:--marker | log:-m) vals=$'started\ndetected\nmitigated\nresolved' ;;
		log:--at | log:-a | new:--at | new:-a) kind=none ;;
		export:--format | export:-f) vals=$'markdown\nyaml\nactions-csv\nactions-jsonl' ;;
		import:--format | import:-f) vals=$'auto\nlines\njournal\nslack\njsonl' ;;
		import:--tz | import:--channel | import:--time-field | import:--text-field | \
			import:--by-field | import:--by | import:--rule | import:--year) kind=none ;;
		export:--output | export:-o) kind=files ;;
		new:--severity | new:-s) vals=$'1\n2\n3\n4' ;;
		sync:--remote | sync:-r) vals=$(git -C "${dir:-${SCRIBE_DIR:-.}}" remote 2>/dev/null) ;;
		*) [[ -n $pre || $cur == --*=* ]] && kind=none ;;
		esac
		case $kind in
		dirs) _scribe_dirs "$val" ;;
		files) _scribe_files "$val" ;;
		esac
		[[ -n $vals ]] && _scribe_add "$vals" "$val"
		if [[ -n $kind || -n $vals ]]; then
			if [[ -n $pre ]]; then
				for i in "${!COMPREPLY[@]}"; do
					COMPREPLY[i]=$pre${COMPREPLY[i]}
				done
			fi
			return 0
		fi
	fi

	# No command yet: global options or the commands.
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_scribe_add "${global_opts// /$'\n'}" "$cur"
		else
			_scribe_add "${commands// /$'\n'}" "$cur"
		fi
		return 0
	fi

	# The command's options.
	if ((!endopts)) && [[ $cur == -* ]]; then
		local opts=""
		case $cmd in
		open) opts="--follow" ;;
		show) opts="--history" ;;
		new) opts="--severity -s --at -a" ;;
		log) opts="--kind -k --at -a --marker -m --internal" ;;
		import) opts="--format -f --dry-run -n --tz --channel --kind -k --rule --by --year --time-field --text-field --by-field" ;;
		export) opts="--format -f --output -o --public --internal --no-authors --authors --comments" ;;
		sync) opts="--remote -r --quiet -q" ;;
		list | show | check | demo | pack | where | publish) ;;
		*) return 0 ;;
		esac
		opts+=" --dir -d --help -h"
		_scribe_add "${opts// /$'\n'}" "$cur"
		return 0
	fi

	# Its arguments.
	case $cmd in
	open | log | show | export)
		((nargs == 0)) && _scribe_add "$(_scribe_ids "$prog" "$dir")" "$cur"
		;;
	publish)
		((nargs == 0)) && _scribe_dirs "$cur"
		;;
	import)
		# the incident, then the file (or a Slack export's folder)
		if ((nargs == 0)); then
			_scribe_add "$(_scribe_ids "$prog" "$dir")" "$cur"
		elif ((nargs == 1)); then
			_scribe_files "$cur"
		fi
		;;
	check)
		_scribe_add "$(_scribe_ids "$prog" "$dir")" "$cur"
		_scribe_files "$cur"
		;;
	pack)
		_scribe_add "$(_scribe_ids "$prog" "$dir")" "$cur"
		;;
	esac
	return 0
}

complete -F _scribe scribe
