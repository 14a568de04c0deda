#!/bin/bash
# quit: q and Ctrl-C quit within a second while a 5-second response is in
# flight; startup errors are printed before any screen opens.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

emu_start S --scenario demo --latency 5000 || bail_out "alicfg-emu did not start"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# quit_during KEY: press KEY while ListAggregators hangs; prints ms to exit
quit_during() {
	tui_start --endpoint "$S_URL" --sts-endpoint "$S_URL" || return 1
	tui_wait 3 '1 in flight' || return 1
	t0=$(now_ms)
	tui_keys "$1"
	tui_gone 3 || { echo 99999; return 0; }
	echo $(($(now_ms) - t0))
}

ms=$(quit_during q)
diag "q took $ms ms"
[ -n "$ms" ] && [ "$ms" -lt 2000 ]
ok $? "q quits while a 5 s request is in flight (deadline 2 s)"
wait_for 3 test -s "$TUI_RC_FILE"
[ "$(cat "$TUI_RC_FILE" 2>/dev/null)" = 0 ]; ok $? "and exits 0"

ms=$(quit_during C-c)
diag "Ctrl-C took $ms ms"
[ -n "$ms" ] && [ "$ms" -lt 2000 ]
ok $? "Ctrl-C quits while a 5 s request is in flight (deadline 2 s)"

# --- no credentials: an error on the terminal, exit 3, no curses ---
TUI_NO_KEY=1
tui_start --endpoint "$S_URL" --sts-endpoint "$S_URL" || bail_out "tmux could not start alicfg"
wait_for 5 test -s "$TUI_RC_FILE"
[ "$(cat "$TUI_RC_FILE" 2>/dev/null)" = 3 ]; ok $? "no credentials: exit 3"
tui_wait 2 'alicfg: no credentials found' "the error is printed plainly"
TUI_NO_KEY=

# --- a bad region: exit 3 before the screen opens ---
tui_start --region eu-central-1 || bail_out "tmux could not start alicfg"
wait_for 5 test -s "$TUI_RC_FILE"
[ "$(cat "$TUI_RC_FILE" 2>/dev/null)" = 3 ]; ok $? "unsupported region: exit 3"
tui_wait 2 'alicfg: .*(cn-shanghai|ap-southeast-1)' "the error names the Config regions"

# --- not a terminal ---
"$ALICFG" --endpoint "$S_URL" </dev/null >"$TEST_TMP/out" 2>"$TEST_TMP/err"
rc=$?
[ "$rc" = 2 ]; ok $? "without a terminal: exit 2 (got $rc)"
grep -q 'needs a terminal' "$TEST_TMP/err"; ok $? "and says it needs a terminal"

tap_done
