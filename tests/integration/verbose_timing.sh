#!/bin/bash
# -v splits each call's time into the wait for a connection slot (queue=)
# and the time on the network (wire=). With one slot and answers that take
# 300 ms, `accounts --all` has to queue its GetAggregator calls behind each
# other: every call spends at least 300 ms on the wire, and the later ones
# also wait at least that long for the slot. Only lower bounds that follow
# from the setup are checked, never how fast anything was.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --latency 300 || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")

al "${EP[@]}" -v --concurrency 1 accounts --all
is_rc 0 "accounts --all --concurrency 1 -v works"
grep '^alicfg: GetAggregator ' "$ERR_F" >"$TEST_TMP/agg.lines"
[ "$(wc -l <"$TEST_TMP/agg.lines")" -eq 4 ]
ok $? "one -v line per group's GetAggregator (4)"
# "... 912.3ms queue=605.1ms wire=303.2ms attempts=1" -> total queue wire
sed -E 's/.* ([0-9.]+)ms queue=([0-9.]+)ms wire=([0-9.]+)ms attempts=[0-9]+$/\1 \2 \3/' \
	"$TEST_TMP/agg.lines" >"$TEST_TMP/agg.times"
awk 'NF != 3 { bad = 1 } END { exit bad }' "$TEST_TMP/agg.times"
ok $? "each line has a total, a queue= and a wire= time" ||
	diag "$(cat "$TEST_TMP/agg.lines")"
awk '$3 < 300 { bad = 1 } END { exit bad }' "$TEST_TMP/agg.times"
ok $? "wire= holds the emulator's 300 ms answer time" ||
	diag "$(cat "$TEST_TMP/agg.times")"
awk '$2 >= 300 { n++ } END { exit !(n >= 3) }' "$TEST_TMP/agg.times"
ok $? "the three calls behind the first waited at least 300 ms in queue=" ||
	diag "$(cat "$TEST_TMP/agg.times")"
awk '$2 + $3 > $1 + 1 { bad = 1 } END { exit bad }' "$TEST_TMP/agg.times"
ok $? "queue= and wire= are parts of the total" ||
	diag "$(cat "$TEST_TMP/agg.times")"

emu_stop E
tap_done
