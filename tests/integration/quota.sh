#!/bin/bash
# Quotas: the real client against alicfg-emu enforcing quotas in sliding
# windows (scaled down to 2 s by a file both read, so nothing waits a
# minute). A listing that needs more GetAggregator calls than one window
# allows finishes without a single throttle when alicfg knows the quota,
# and with throttles (retried, still complete) when it does not; under 50%
# injected throttling `accounts --all` is complete and exits 0 with the
# same rows as a fault-free run.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env
NGROUPS=60
SCALE="scale:$NGROUPS:600"
# 25 GetAggregator per 2 s: a listing of 60 groups spans three windows.
QF="$TEST_TMP/quota.ini"
printf '[quota]\nGetAggregator = 25/2\n' >"$QF"
OFF="$TEST_TMP/client-off.ini"
printf '[quota]\nGetAggregator = off\n' >"$OFF"

throttled_in() {
	grep -c '"throttled":"quota"' "$1"
}
served_in() {
	grep -c "\"action\":\"$2\"" "$1"
}
rows() {
	grep -o '{"AggregatorId".*}' "$1" | sort
}

# --- the reference: no quotas, no faults ----------------------------------
emu_start R --scenario "$SCALE" --seed 5 --quotas off || bail_out "alicfg-emu did not start"
al --endpoint "$R_URL" --sts-endpoint "$R_URL" accounts --all --output json
is_rc 0 "reference: accounts --all succeeds"
cp "$OUT_F" "$TEST_TMP/reference.json"
emu_stop R
eq_case "$(grep -o '"AggregatorId":"[^"]*"' "$TEST_TMP/reference.json" | sort -u | wc -l)" \
	"$NGROUPS" "reference: every group listed"

# --- alicfg knows the quota: zero throttles --------------------------------
emu_start Q --scenario "$SCALE" --seed 5 --quotas "$QF" --log "$TEST_TMP/q.log" ||
	bail_out "alicfg-emu did not start (--quotas FILE)"
al --endpoint "$Q_URL" --sts-endpoint "$Q_URL" --config "$QF" -v accounts --all --output json
is_rc 0 "paced: accounts --all succeeds"
eq_case "$(served_in "$TEST_TMP/q.log" GetAggregator)" "$NGROUPS" \
	"paced: $NGROUPS GetAggregator calls, more than one window's 25"
eq_case "$(throttled_in "$TEST_TMP/q.log")" 0 "paced: the emulator throttled nothing"
lacks_err 'Throttling' "paced: -v shows no throttling answer"
has_err 'GetAggregator .* queue=[0-9]*[1-9][0-9]*\.[0-9]ms' "paced: -v shows calls that waited in the queue"
check "paced: the same rows as the fault-free run" \
	cmp -s <(rows "$OUT_F") <(rows "$TEST_TMP/reference.json")
emu_stop Q

# --- the same without the client's limit: the emulator does throttle ------
emu_start N --scenario "$SCALE" --seed 5 --quotas "$QF" --log "$TEST_TMP/n.log" ||
	bail_out "alicfg-emu did not start (--quotas FILE)"
al --endpoint "$N_URL" --sts-endpoint "$N_URL" --config "$OFF" -v accounts --all --output json
is_rc 0 "unpaced: accounts --all still succeeds (throttling answers are retried)"
ok "$([ "$(throttled_in "$TEST_TMP/n.log")" -gt 0 ]; echo $?)" \
	"unpaced: the emulator throttled (the pacing above is alicfg's doing)"
has_err 'GetAggregator .* attempts=([2-9]|[1-9][0-9])$' "unpaced: -v shows the retried calls"
check "unpaced: the same rows as the fault-free run" \
	cmp -s <(rows "$OUT_F") <(rows "$TEST_TMP/reference.json")
emu_stop N

# --- half of all answers throttled, no quotas: complete, exit 0 -----------
# (12 groups: every throttle halves the GetAggregator bucket and pauses it
# for the retry-after, so the run slows down; scripts/bench times more.)
SMALL="scale:12:120"
emu_start S --scenario "$SMALL" --seed 5 --quotas off || bail_out "alicfg-emu did not start"
al --endpoint "$S_URL" --sts-endpoint "$S_URL" accounts --all --output json
is_rc 0 "reference (12 groups): accounts --all succeeds"
cp "$OUT_F" "$TEST_TMP/small.json"
emu_stop S
emu_start T --scenario "$SMALL" --seed 5 --quotas off --faults throttle=0.5 \
	--log "$TEST_TMP/t.log" || bail_out "alicfg-emu did not start (faults)"
al --endpoint "$T_URL" --sts-endpoint "$T_URL" -v accounts --all --output json
is_rc 0 "50% throttling: accounts --all exits 0"
check "50% throttling: the same rows as the fault-free run" \
	cmp -s <(rows "$OUT_F") <(rows "$TEST_TMP/small.json")
ok "$([ "$(grep -c '"code":"Throttling.User"' "$TEST_TMP/t.log")" -gt 10 ]; echo $?)" \
	"50% throttling: the faults really happened"
emu_stop T

tap_done
