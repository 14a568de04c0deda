#!/bin/bash
# A hostile server: an answer over its action's cap (--faults huge: 65 MiB
# where a list answer may have 4 MiB, docs/bounds.md) and a
# ListAggregators that hands back its own NextToken forever (--faults loop).
# alicfg must end each command with exit 1 and an error that says what went
# wrong: never a crash (exit 128+), never a hang (every run under timeout).
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env

# tal ARGS...: al under a 30 s deadline (timeout exits 124 on expiry).
tal() {
	local real=$ALICFG
	ALICFG="$TEST_TMP/alicfg-30s"
	al "$@"
	ALICFG=$real
}
printf '#!/bin/sh\nexec timeout 30 "%s" "$@"\n' "$ALICFG" >"$TEST_TMP/alicfg-30s"
chmod +x "$TEST_TMP/alicfg-30s"

# --- huge: every answer is a 200 of about 65 MiB --------------------------
emu_start H --scenario demo --faults huge=1 --log "$TEST_TMP/huge.log" ||
	bail_out "alicfg-emu did not start"
HEP=(--endpoint "$H_URL" --sts-endpoint "$H_URL")
for cmd in "aggregators" "accounts --all" "accounts $G_PROD" "recorder" \
	"recorder --account $DEV_SANDBOX"; do
	# shellcheck disable=SC2086
	tal "${HEP[@]}" -v $cmd
	is_rc 1 "huge: $cmd exits 1 (no hang, no crash)"
	has_err 'larger than (4 MiB|1 MiB|256 KiB)' "huge: $cmd names its action's cap (4 MiB for lists and groups, 1 MiB for the recorder, 256 KiB for STS)"
	has_err 'code=ResponseTooLarge' "huge: $cmd: -v shows ResponseTooLarge"
	# Not retried: the same huge answer would come again.
	lacks_err 'attempts=[2-9]' "huge: $cmd is not retried"
	lacks_out '.' "huge: $cmd prints nothing on stdout"
done
# The emulator really sent huge answers (not some other failure).
check "huge: the emulator logged huge faults" \
	grep -q '"fault":"huge"' "$TEST_TMP/huge.log"
emu_stop H

# --- loop: ListAggregators repeats its NextToken ---------------------------
emu_start L --scenario demo --faults loop=1 --log "$TEST_TMP/loop.log" ||
	bail_out "alicfg-emu did not start"
LEP=(--endpoint "$L_URL" --sts-endpoint "$L_URL")
for sig in v3 v2; do
	tal "${LEP[@]}" -v --signature "$sig" aggregators
	is_rc 1 "loop ($sig): aggregators exits 1 (no hang)"
	has_err 'repeated a ListAggregators page token' \
		"loop ($sig): the error says the server repeated a page token"
	has_err 'code=RepeatedNextToken' "loop ($sig): -v shows RepeatedNextToken"
	n=$(grep -c '^alicfg: ListAggregators account=' "$ERR_F")
	eq_case "$n" 2 "loop ($sig): -v shows two ListAggregators calls (first page, repeat)"
done
tal "${LEP[@]}" -v accounts --all
is_rc 1 "loop: accounts --all exits 1 (no hang)"
has_err 'repeated a ListAggregators page token' \
	"loop: accounts --all says the server repeated a page token"
tal "${LEP[@]}" -v --output json aggregators
is_rc 1 "loop: aggregators --output json exits 1"
lacks_out 'AggregatorId' "loop: no half list is printed as if it were complete"
# Other calls are untouched by the fault: one group's accounts still work.
tal "${LEP[@]}" accounts "$G_PROD"
is_rc 0 "loop: accounts of one group (GetAggregator) still succeeds"
has_out 'prod-web' "loop: accounts of one group lists its members"
# Bounded: the emulator saw two ListAggregators per listing run, no more.
n=$(grep -c '"action":"ListAggregators"' "$TEST_TMP/loop.log")
eq_case "$n" 8 "loop: the emulator saw 8 ListAggregators calls over 4 listing runs"
check "loop: the emulator logged loop faults" \
	grep -q '"fault":"loop"' "$TEST_TMP/loop.log"
emu_stop L

tap_done
