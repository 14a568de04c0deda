#!/bin/bash
# quota: the TUI idle and refreshing stays inside the quotas. alicfg-emu
# enforces GetAggregator at 10 per 2 s (a scaled-down window, the same file
# tells alicfg), 40 groups: the first load is paced by the client, later
# refreshes spread the groups over the 10 s interval, and in two refresh
# cycles the emulator throttles nothing. The title says when the last full
# sweep finished.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

QF="$TEST_TMP/quota.ini"
printf '[quota]\nGetAggregator = 10/2\n' >"$QF"
emu_start Q --scenario scale:40:400 --seed 2 --quotas "$QF" --log "$TEST_TMP/q.log" ||
	bail_out "alicfg-emu did not start"
tui_start --config "$QF" --refresh 10 --endpoint "$Q_URL" --sts-endpoint "$Q_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 5 'GROUPS \(40\)' "the 40 groups are listed"
tui_wait 30 'swept [0-9]+s ago' "the title says when the first full sweep finished"
first=$(grep -c '"action":"GetAggregator"' "$TEST_TMP/q.log")
ok "$([ "$first" -ge 40 ]; echo $?)" "the first sweep asked for every group ($first calls)"
# Two more refreshes (10 s each): every group again, spread out.
more() {
	[ "$(grep -c '"action":"GetAggregator"' "$TEST_TMP/q.log")" -ge $((first + 80)) ]
}
check "two more sweeps went out (deadline 40 s)" wait_for 40 more
eq_case() { if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3 (got '$1', wanted '$2')"; fi; }
eq_case "$(grep -c '"throttled":"quota"' "$TEST_TMP/q.log")" 0 \
	"the emulator throttled nothing"
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
