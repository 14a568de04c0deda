#!/bin/bash
# Bounded in time and size: --timeout (and config timeout) stops a batch
# command against a server that never answers, with exit 1 and a clear
# error; a listing stops at the page cap and says so; an answer stops at
# its action's cap (docs/bounds.md).
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env
export XDG_STATE_HOME="$TEST_TMP/state" XDG_CONFIG_HOME="$TEST_TMP/config"

# elapsed_s CMD...: run al, set SECS to the whole seconds it took
timed_al() {
	local t0 t1
	t0=$(date +%s%N)
	al "$@"
	t1=$(date +%s%N)
	SECS=$(((t1 - t0) / 1000000000))
}

# --- --timeout: a server that holds every answer for 10 minutes -----------
# (20 s, and killed outright at the end: a held answer would hold back the
# emulator's orderly shutdown.)
emu_start S --scenario demo --faults slow=1:20000 || bail_out "alicfg-emu did not start"
SEP=(--endpoint "$S_URL" --sts-endpoint "$S_URL")
for cmd in aggregators "accounts --all" "recorder --account $DEV_SANDBOX"; do
	# shellcheck disable=SC2086
	timed_al "${SEP[@]}" --timeout 2 $cmd
	is_rc 1 "--timeout 2, $cmd: exit 1"
	has_err 'stopped: the command ran out of time \(2 s; --timeout or config timeout\)' \
		"--timeout 2, $cmd: the error says the command ran out of time"
	[ "$SECS" -lt 10 ]
	ok $? "--timeout 2, $cmd: it stopped (in ${SECS} s, not 20)"
done
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf 'timeout = 1\n' >"$XDG_CONFIG_HOME/alicfg/config"
timed_al "${SEP[@]}" aggregators
is_rc 1 "config timeout = 1: exit 1"
has_err 'ran out of time \(1 s;' "config timeout = 1 is used"
timed_al "${SEP[@]}" --timeout 2 aggregators
has_err 'ran out of time \(2 s;' "--timeout wins over the config file"
rm -f "$XDG_CONFIG_HOME/alicfg/config"
al --timeout 0 aggregators
is_rc 2 "--timeout 0 is a usage error"
has_err -- '--timeout: .0. is not a number of seconds from 1 to 86400' "--timeout 0: the message names the range"
# A write cut by the deadline: the audit log says unknown, not failed.
timed_al "${SEP[@]}" --timeout 1 enable --account "$DEV_SANDBOX" --yes
is_rc 1 "--timeout 1, enable: exit 1"
after=$(grep '"event":"after"' "$XDG_STATE_HOME/alicfg/audit.log" | tail -1)
eq_case "$(printf '%s' "$after" | jq -r .outcome)" unknown "--timeout during a write: the audit record says unknown"
eq_case "$(printf '%s' "$after" | jq -r .code)" Deadline "--timeout during a write: code Deadline"
kill -KILL "$S_PID" 2>/dev/null
wait "$S_PID" 2>/dev/null

# --- the page cap: 1,100 groups need 11 pages of 100 -------------------------
emu_start P --scenario scale:1100:1100 || bail_out "alicfg-emu did not start"
al --endpoint "$P_URL" --sts-endpoint "$P_URL" -v aggregators
is_rc 1 "1,100 groups: exit 1 at the page cap"
has_err 'ListAggregators gave more than 10 pages \(1000 groups; a management account has at most 5\): stopping' \
	"the page cap is named in the error"
n=$(grep -c '^alicfg: ListAggregators account=' "$ERR_F")
eq_case "$n" 10 "exactly 10 pages were fetched"
emu_stop P
emu_start Q --scenario scale:1000:1000 || bail_out "alicfg-emu did not start"
al --endpoint "$Q_URL" --sts-endpoint "$Q_URL" aggregators
is_rc 0 "1,000 groups (10 pages) still list"
emu_stop Q

# --- per-action answer caps ------------------------------------------------
emu_start H --scenario demo --faults huge=1 || bail_out "alicfg-emu did not start"
al --endpoint "$H_URL" --sts-endpoint "$H_URL" aggregators
has_err 'larger than 4 MiB: cut off' "a ListAggregators answer stops at 4 MiB"
al --endpoint "$H_URL" --sts-endpoint "$H_URL" recorder
has_err 'larger than 1 MiB: cut off' "a GetConfigurationRecorder answer stops at 1 MiB"
al --endpoint "$H_URL" --sts-endpoint "$H_URL" enable --yes
has_err 'larger than 256 KiB: cut off' "a GetCallerIdentity (STS) answer stops at 256 KiB"
emu_stop H
tap_done
