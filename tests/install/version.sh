#!/bin/bash
# --version names the libraries alicfg runs with, at the versions installed
# (pkg-config's, the same packages on Debian); -v prints them once, first,
# for a batch command and before the TUI.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

al --version
is_rc 0 "--version exits 0"
has_out '^alicfg [0-9]+\.[0-9]+\.[0-9]+$' "line 1: alicfg VERSION"
libs=$(sed -n 2p "$OUT_F")
for pair in "libcurl:libcurl" "OpenSSL:libcrypto" "ncurses:ncursesw" "Jansson:jansson"; do
	name=${pair%%:*} pc=${pair#*:}
	want=$(pkg-config --modversion "$pc" 2>/dev/null)
	case "$libs" in
	*"$name $want"*) ok 0 "--version: $name $want" ;;
	*) ok 1 "--version: $name $want"; diag "got: $libs" ;;
	esac
done

emu_start E --scenario demo || bail_out "alicfg-emu did not start"
demo_env
al -v --endpoint "$E_URL" --sts-endpoint "$E_URL" aggregators
is_rc 0 "-v aggregators exits 0"
head -n1 "$ERR_F" | grep -q '^alicfg: alicfg [0-9.]*; libcurl .*, OpenSSL .*, ncurses .*, Jansson '
ok $? "-v: the versions come first"
[ "$(grep -c 'libcurl' "$ERR_F")" -eq 1 ]
ok $? "-v: once"
al -vv --endpoint "$E_URL" --sts-endpoint "$E_URL" aggregators
[ "$(grep -c 'libcurl' "$ERR_F")" -eq 1 ]
ok $? "-vv: still once"
al --endpoint "$E_URL" --sts-endpoint "$E_URL" aggregators
lacks_err 'libcurl' "without -v: no versions"
# The TUI: printed before the screen (here it then refuses: no terminal).
al -v --endpoint "$E_URL" --sts-endpoint "$E_URL"
is_rc 2 "the TUI without a terminal still refuses"
head -n1 "$ERR_F" | grep -q '^alicfg: alicfg [0-9.]*; libcurl '
ok $? "-v before the TUI: the versions first"
tap_done
