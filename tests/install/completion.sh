#!/bin/bash
# Shell completions, as installed (built by `alicfg --completion SHELL` from
# the option table): bash driven for real (source the script, set
# COMP_WORDS / COMP_CWORD, call the function, read COMPREPLY); zsh and fish
# scripts parse (zsh -n, fish --no-execute), and every flag of --help is in
# each of them.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

[ -x "$ALICFG" ] || bail_out "alicfg is not built ($ALICFG)"
comp="$ALICFG_BUILDDIR/completions"
for f in alicfg _alicfg alicfg.fish; do
	[ -s "$comp/$f" ] || bail_out "$comp/$f was not generated"
done

. "$comp/alicfg"
ok $? "the bash script sources"
complete -p alicfg 2>/dev/null | grep -q -- '-F _alicfg'
ok $? "it registers _alicfg for alicfg"

# complete WORD...: COMPREPLY for the last word, one per line, sorted.
complete_words() {
	COMP_WORDS=("$ALICFG" "$@")
	COMP_CWORD=$#
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_alicfg alicfg "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect DESC EXPECTED WORD...: the completions are exactly EXPECTED.
expect() {
	desc=$1 want=$2
	shift 2
	got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
	want=$(printf '%s\n' $want | sort | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		diag "words: $*"
		diag "want: $want"
		diag "got:  $got"
	fi
}

# The commands of --help (the command table).
cmds=$("$ALICFG" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p' | tr '\n' ' ')
case " $cmds " in *" aggregators "*" enable "*) ok 0 "--help lists the commands" ;;
*) ok 1 "--help lists the commands ($cmds)" ;; esac
expect "commands at the first word" "$cmds" ""
expect "commands by prefix" "accounts aggregators" "a"
expect "--region values" "cn-shanghai ap-southeast-1" --region ""
expect "--region by prefix" "ap-southeast-1" --region "ap"
expect "--region=VALUE" "cn-shanghai" --region = "cn"
expect "--output values" "table json csv" --output ""
expect "-o values" "json" aggregators -o "j"
expect "--status values" "REGISTRABLE REGISTERED REBUILDING" accounts --all --status "RE"
expect "--status completes the last item of a list" \
	"REGISTRABLE,BUILDING" accounts --status "REGISTRABLE,BU"
expect "--signature values" "v3 v2" --signature ""
expect "--completion values" "bash zsh fish" --completion ""
expect "flags by prefix" "--region --readonly --refresh --retry-budget" "--re"
expect "accounts adds its own flags" "--all" accounts --a
expect "recorder adds --account" "--account --accounts-from" recorder --a
expect "enable adds --yes" "--yes" enable --y
expect "no command flags without the command" "" --ye
expect "a flag's value is not taken for the command" \
	"--signature --status --sts-endpoint" --profile accounts accounts --"s"
expect "free-text values get no guesses" "" --endpoint ""
expect "no words after a command's arguments" "" aggregators "x"

# Profile names come from the credential files at completion time.
mkdir -p "$HOME/.aliyun" "$HOME/.alibabacloud"
cat >"$HOME/.aliyun/config.json" <<'JSON'
{"current": "prod", "profiles": [
 {"name": "prod", "mode": "AK", "access_key_id": "x", "access_key_secret": "y"},
 {"name": "staging", "mode": "AK", "access_key_id": "x", "access_key_secret": "y"}]}
JSON
chmod 600 "$HOME/.aliyun/config.json"
printf '[default]\ntype = access_key\n[audit-ini]\ntype = access_key\n' \
	>"$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.alibabacloud/credentials"
expect "--profile offers config.json and INI profiles" \
	"prod staging default audit-ini" --profile ""
expect "--profile by prefix" "staging" aggregators --profile "st"
expect "--profile=VALUE" "prod" --profile = "pr"
ALIBABA_CLOUD_CREDENTIALS_FILE="$TEST_TMP/other.ini"
export ALIBABA_CLOUD_CREDENTIALS_FILE
printf '[elsewhere]\ntype = access_key\n' >"$ALIBABA_CLOUD_CREDENTIALS_FILE"
expect "ALIBABA_CLOUD_CREDENTIALS_FILE is the INI file" \
	"prod staging elsewhere" --profile ""
unset ALIBABA_CLOUD_CREDENTIALS_FILE
mkdir -p "$TEST_TMP/files" && : >"$TEST_TMP/files/ca.pem"
expect "--ca-bundle completes files" "$TEST_TMP/files/ca.pem" \
	--ca-bundle "$TEST_TMP/files/c"
: >"$TEST_TMP/files/my ca.pem"
got=$(complete_words --config "$TEST_TMP/files/my")
[ "$got" = "$TEST_TMP/files/my ca.pem" ]
ok $? "a file name with a space stays one completion"

# Every flag of --help (the table) is offered, in every shell's script.
"$ALICFG" --help | sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' \
	>"$TEST_TMP/flags"
[ "$(wc -l <"$TEST_TMP/flags")" -gt 15 ]
ok $? "--help lists the flags ($(wc -l <"$TEST_TMP/flags"))"
missing=""
for f in $(cat "$TEST_TMP/flags"); do
	name=${f#--}
	found=""
	for c in "" $cmds; do
		complete_words $c "--" | grep -qx -- "$f" && { found=1; break; }
	done
	[ -n "$found" ] || missing="$missing bash:$f"
	grep -q -- "--$name=\{0,1\}[[}]" "$comp/_alicfg" || missing="$missing zsh:$f"
	grep -q -- "-l $name " "$comp/alicfg.fish" || missing="$missing fish:$f"
done
[ -z "$missing" ]
ok $? "every --help flag completes in bash, zsh and fish"
[ -z "$missing" ] || diag "missing:$missing"

if command -v zsh >/dev/null; then
	zsh -n "$comp/_alicfg" 2>"$TEST_TMP/zsh.err"
	ok $? "zsh -n accepts _alicfg"
	diag "$(cat "$TEST_TMP/zsh.err")"
	# Loaded for real: compinit, then the function is defined and bound.
	out=$(ZDOTDIR="$TEST_TMP" zsh -f -c "fpath=('$comp' \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \${_comps[alicfg]}" 2>&1)
	[ "$out" = "_alicfg" ]
	ok $? "zsh's compinit binds alicfg to _alicfg (got '$out')"
else
	ok 1 "zsh is installed (scripts/dev installs it)"
fi
if command -v fish >/dev/null; then
	fish --no-execute "$comp/alicfg.fish" 2>"$TEST_TMP/fish.err"
	ok $? "fish --no-execute accepts alicfg.fish"
	diag "$(cat "$TEST_TMP/fish.err")"
	# fish's own completion engine, on the installed script.
	out=$(HOME="$HOME" XDG_CONFIG_HOME="$TEST_TMP/fishcfg" fish -N -c "source '$comp/alicfg.fish'; complete -C 'alicfg --region '" 2>&1 | cut -f1 | sort | tr '\n' ' ')
	[ "$out" = "ap-southeast-1 cn-shanghai " ]
	ok $? "fish completes --region values (got '$out')"
	out=$(PATH="$ALICFG_BUILDDIR:$PATH" XDG_CONFIG_HOME="$TEST_TMP/fishcfg" fish -N -c "source '$comp/alicfg.fish'; complete -C 'alicfg --profile st'" 2>&1 | cut -f1 | tr '\n' ' ')
	[ "$out" = "staging " ]
	ok $? "fish completes profile names from the files (got '$out')"
	out=$(XDG_CONFIG_HOME="$TEST_TMP/fishcfg" fish -N -c "source '$comp/alicfg.fish'; complete -C 'alicfg accounts --st'" 2>&1 | cut -f1 | sort | tr '\n' ' ')
	case "$out" in *--status*) ok 0 "fish offers accounts' --status" ;;
	*) ok 1 "fish offers accounts' --status (got '$out')" ;; esac
else
	ok 1 "fish is installed (scripts/dev installs it)"
fi
tap_done
