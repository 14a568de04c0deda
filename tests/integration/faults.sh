#!/bin/bash
# Throttling and 503 faults are recovered by retries: every batch command
# still succeeds against an emulator that fails half of its answers, and
# -v shows the extra attempts. Other faults (500, garbage, truncation) end
# in a clear error, never a crash or a hang.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start F --scenario demo --build-seconds 1 --seed 7 \
	--faults throttle=0.3,unavailable=0.2 || bail_out "alicfg-emu did not start"
demo_env
# Half of all answers fail, so a request may need many tries: allow 15
# (one failing all of them: 0.5^15) rather than the default 5.
EP=(--endpoint "$F_URL" --sts-endpoint "$F_URL" --max-attempts 15)
: >"$TEST_TMP/verbose.all"

recorder_is_retrying() {
	"$ALICFG" "${EP[@]}" recorder --account "$1" --output json </dev/null 2>/dev/null |
		grep -q "\"ConfigurationRecorderStatus\": \"$2\""
}

# vrun DESC ARGS...: run with -v, expect exit 0, keep the -v lines.
vrun() {
	local desc=$1
	shift
	al "${EP[@]}" -v "$@"
	is_rc 0 "$desc"
	grep '^alicfg: [A-Za-z]* account=' "$ERR_F" >>"$TEST_TMP/verbose.all"
}

for sig in v3 v2; do
	vrun "faults ($sig): aggregators succeeds" --signature "$sig" aggregators
	has_out 'Security audit' "faults ($sig): the groups are listed"
	vrun "faults ($sig): accounts --all succeeds" --signature "$sig" accounts --all --output json
	eq_case "$(count_out "\"AccountId\":\"$CJK_ACCOUNT\",")" 3 \
		"faults ($sig): accounts --all is complete (CJK account in 3 groups)"
	vrun "faults ($sig): accounts of one group succeeds" --signature "$sig" accounts "$G_PROD"
	vrun "faults ($sig): recorder succeeds" --signature "$sig" recorder
	vrun "faults ($sig): member recorder succeeds" --signature "$sig" recorder --account "$MIGRATION"
	has_out 'BUILDING' "faults ($sig): member recorder status"
done
vrun "faults: enable a member succeeds" enable --account "$DEV_SANDBOX" --yes
has_out 'BUILDING' "faults: enable prints BUILDING"
check "faults: dev-sandbox becomes REGISTERED (deadline 20 s)" \
	wait_for 20 recorder_is_retrying "$DEV_SANDBOX" REGISTERED

# The faults really happened and were retried.
check "-v shows requests that needed more than one attempt" \
	grep -Eq 'status=200 .* attempts=([2-9]|[1-9][0-9])$' "$TEST_TMP/verbose.all"
# Whatever the outcome, never more than one -v line per call and never a
# raw fault code on success.
check "-v lines are well-formed" \
	sh -c '! grep -Ev "^alicfg: [A-Za-z]+ account=(-|[0-9]+) status=[0-9]+ code=[^ ]+ request=[^ ]+ [0-9.]+ms queue=[0-9.]+ms wire=[0-9.]+ms attempts=[0-9]+$" "$1"' _ "$TEST_TMP/verbose.all"

# --- faults that are not retried into success: a clear error, exit 1 ---
emu_start G --scenario demo --faults garbage=1 || bail_out "alicfg-emu did not start"
al --endpoint "$G_URL" --sts-endpoint "$G_URL" aggregators
is_rc 1 "a non-JSON answer: exit 1"
has_err '^alicfg: ' "a non-JSON answer: one clear error line"
emu_stop G
emu_start H --scenario demo --faults truncate=1 || bail_out "alicfg-emu did not start"
al --endpoint "$H_URL" --sts-endpoint "$H_URL" accounts "$G_AUDIT"
is_rc 1 "a truncated answer: exit 1"
emu_stop H
emu_start I --scenario demo --faults internal=1 || bail_out "alicfg-emu did not start"
al --endpoint "$I_URL" --sts-endpoint "$I_URL" -v recorder
is_rc 1 "InternalError every time: exit 1 after the retries"
has_err 'InternalError' "InternalError is shown"
has_err 'attempts=[2-9]' "InternalError was retried"
al --endpoint "$I_URL" --sts-endpoint "$I_URL" -v --max-attempts 3 recorder
has_err 'code=InternalError.* attempts=3$' "--max-attempts 3: a failure is tried three times"
emu_stop I
emu_start J --scenario demo --faults throttle=1 || bail_out "alicfg-emu did not start"
al --endpoint "$J_URL" --sts-endpoint "$J_URL" --retry-budget 2 enable --account "$QA_SANDBOX" --yes
is_rc 1 "throttled every time: enable gives up with exit 1 once the retry budget is spent"
has_err 'Throttling' "throttling is shown with its Code"
# --retry-budget caps the waits of one call, whatever --max-attempts says.
al --endpoint "$J_URL" --sts-endpoint "$J_URL" -v --max-attempts 20 --retry-budget 0 aggregators
is_rc 1 "--retry-budget 0: throttled aggregators gives up"
has_err 'code=Throttling.* attempts=1$' "--retry-budget 0: no wait, so one attempt"
# "Try later" answers do not use up --max-attempts, only the retry budget.
al --endpoint "$J_URL" --sts-endpoint "$J_URL" -v --max-attempts 2 --retry-budget 5 aggregators
is_rc 1 "throttled every time: aggregators gives up once the budget is spent"
has_err 'code=Throttling.* attempts=([3-9]|[1-9][0-9])$' \
	"--max-attempts 2: throttling answers are still retried within the budget"
emu_stop J

tap_done
