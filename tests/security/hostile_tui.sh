#!/bin/bash
# Hostile names and error texts in the terminal UI and its CSV export,
# checked as raw bytes: the tmux capture with escapes holds no OSC, no
# CSI 2J, no BEL, C1 or bidi character; the pane title and tmux's
# clipboard are untouched; the export neutralises formulas.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"
. "$top_srcdir/tests/security/hostile_scenario.sh"

hostile_scenario "$TEST_TMP/hostile.json"
emu_start H --scenario "$TEST_TMP/hostile.json" || bail_out "alicfg-emu did not start"

# raw_screen: the screen with tmux's own attribute escapes (SGR) kept.
raw_screen() {
	tui_tmux capture-pane -e -p >"$TEST_TMP/raw.txt" 2>/dev/null
}

# screen_clean DESC: the raw screen has nothing but tmux's SGR sequences.
screen_clean() {
	raw_screen
	# drop tmux's SGR (ESC [ digits/; m), then look for any control left
	sed 's/\x1b\[[0-9;]*m//g' "$TEST_TMP/raw.txt" >"$TEST_TMP/raw-nosgr.txt"
	if raw_controls "$TEST_TMP/raw-nosgr.txt"; then
		ok 1 "$1"
		diag "$(LC_ALL=C cat -v "$TEST_TMP/raw.txt" | head -c 3000)"
	else
		ok 0 "$1"
	fi
}

tui_start --endpoint "$H_URL" --sts-endpoint "$H_URL" ||
	skip_all "could not start alicfg in tmux"
tui_tmux set-option -g set-clipboard on >/dev/null 2>&1
tui_wait 10 'grp\\x1b\]0;pwned\\x07\\u202e' "the group name is shown with visible escapes"
tui_wait 10 'title\\x1b\]0;pwned' "a member name with OSC 0 is shown escaped"
tui_wait 5 'c1\\u009b31m' "a member name with C1 controls is shown escaped"
tui_wait 5 '\\u202egnp\.exe' "the RTL override is shown escaped"
screen_clean "the screen bytes hold no raw control, C1 or bidi character"
title=$(tui_tmux display-message -p '#{pane_title}')
case $title in
*pwned*) ok 1 "OSC 0 did not change the pane title (it is '$title')" ;;
*) ok 0 "OSC 0 did not change the pane title" ;;
esac
bufs=$(tui_tmux list-buffers 2>/dev/null)
case $bufs in
*pwned* | *cHduZWQ*) ok 1 "OSC 52 did not reach the clipboard ($bufs)" ;;
*) ok 0 "OSC 52 did not reach the clipboard" ;;
esac

# the detail view of the group: description and tags escaped too
tui_keys Enter
tui_wait 5 '=cmd\\x1b\[2J\\u009b' "the detail view shows the description escaped"
screen_clean "the detail view bytes hold no raw control character"
tui_keys Escape

# export the members pane
tui_keys Tab
tui_keys x
tui_wait 5 'exported 13 rows to alicfg-members-' "x exports the hostile members"
csv=$(ls "$TEST_TMP/cwd"/alicfg-members-*.csv 2>/dev/null | head -n 1)
if [ -n "$csv" ] && ! CSV=1 raw_controls "$csv"; then
	ok 0 "the export holds no raw control, C1 or bidi character"
else
	ok 1 "the export holds no raw control, C1 or bidi character"
	[ -n "$csv" ] && diag "$(LC_ALL=C cat -v "$csv" | head -c 2000)"
fi
for want in "^\"'=HYPERLINK\(\"\"http://evil" "^'\+cmd," "^'-2\+3," "^'@SUM" \
	"^'	TAB," "^'\\\\rCR," 'title\\x1b\]0;pwned\\x07x'; do
	if [ -n "$csv" ] && grep -Eq -- "$want" "$csv"; then
		ok 0 "the export has /$want/"
	else
		ok 1 "the export has /$want/"
	fi
done
n=$(grep -Ec '^[=+@-]' "$csv" 2>/dev/null)
[ "${n:-1}" = 0 ]
ok $? "no exported row starts with = + - @"
tui_keys q
tui_gone 3
ok $? "q quits"

# A server error whose Code and Message carry controls: the status line.
emu_start E --scenario "$TEST_TMP/hostile.json" --faults hostile=1 ||
	bail_out "alicfg-emu did not start"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	skip_all "could not start alicfg in tmux"
tui_wait 10 'Evil\\x1b\]0;pwned\\x07' "a hostile error Code is shown escaped"
screen_clean "the error on screen holds no raw control character"
tui_keys q
tui_gone 3
emu_stop E
emu_stop H
tap_done
