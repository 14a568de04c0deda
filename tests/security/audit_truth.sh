#!/bin/bash
# The audit log tells the truth about a write whose answer was lost: an
# "after" record with outcome "unknown" (keeping the RequestId when the
# header arrived), then a "settled" record with the status read back; the
# batch enable says "request sent, answer lost; recorder is now BUILDING"
# and exits 0 because the recorder is on. An enable of the caller's own
# account names the account id, never "caller".
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env
export XDG_STATE_HOME="$TEST_TMP/state"
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"

# audit_line EVENT N: the Nth (1-based) record of that event
audit_line() {
	grep "\"event\":\"$1\"" "$AUDIT" | sed -n "${2}p"
}
jf() { printf '%s' "$1" | jq -r "$2"; }

# --- cut: carried out, the answer cut mid-body (headers arrived) ----------
emu_start C --scenario demo --faults cut=1 --log "$TEST_TMP/cut.log" ||
	bail_out "alicfg-emu did not start"
CEP=(--endpoint "$C_URL" --sts-endpoint "$C_URL")
al "${CEP[@]}" enable --account "$DEV_SANDBOX" --yes
is_rc 0 "cut: enable exits 0 (the recorder is on, read back)"
has_err 'request sent, answer lost; recorder is now BUILDING' \
	"cut: stderr says the request was sent, the answer lost, the recorder now BUILDING"
has_out 'answer lost.*BUILDING' "cut: stdout says so too"
after=$(audit_line after 1)
settled=$(audit_line settled 1)
eq_case "$(jf "$after" .outcome)" unknown "cut: the after record's outcome is unknown (not failed)"
emu_rid=$(jq -r 'select(.action=="StartConfigurationRecorder") | .request_id' "$TEST_TMP/cut.log" | tail -1)
eq_case "$(jf "$after" .request_id)" "$emu_rid" "cut: the after record keeps the RequestId from the header"
eq_case "$(jf "$settled" .id)" "$(jf "$after" .id)" "cut: the settled record carries the same id"
eq_case "$(jf "$settled" .outcome)" observed "cut: settled outcome is observed"
eq_case "$(jf "$settled" .observed_status)" BUILDING "cut: settled records the status read back (BUILDING)"
eq_case "$(jf "$settled" .account)" "$DEV_SANDBOX" "cut: settled names the account"
al "${CEP[@]}" -o json enable --account "$QA_SANDBOX" --yes
is_rc 0 "cut: enable -o json exits 0"
eq_case "$(jq -r .Outcome "$OUT_F")" unknown "cut: JSON Outcome is unknown (the shared word, src/outcome.h)"
eq_case "$(jq -r .ConfigurationRecorderStatus "$OUT_F")" BUILDING "cut: JSON has the status read back"
emu_stop C

# --- late: carried out, the answer later than the per-attempt timeout -----
emu_start L --scenario demo --faults late=1:3000 || bail_out "alicfg-emu did not start"
LEP=(--endpoint "$L_URL" --sts-endpoint "$L_URL")
: >"$AUDIT"
ALICFG_ATTEMPT_TIMEOUT_MS=1000 al "${LEP[@]}" enable --account "$DEV_SANDBOX" --yes
is_rc 0 "late: enable exits 0 (read back BUILDING)"
has_err 'request sent, answer lost; recorder is now BUILDING' "late: stderr says the answer was lost and what is true now"
after=$(audit_line after 1)
eq_case "$(jf "$after" .outcome)" unknown "late: the after record's outcome is unknown"
eq_case "$(jf "$after" .code)" Timeout "late: the after record says it timed out"
eq_case "$(jf "$(audit_line settled 1)" .observed_status)" BUILDING "late: settled BUILDING"
n=$(grep -c . "$AUDIT")
eq_case "$n" 3 "late: exactly before, after, settled"
emu_stop L

# --- the caller's own account: named by id -----------------------------------
emu_start O --scenario demo || bail_out "alicfg-emu did not start"
: >"$AUDIT"
al --endpoint "$O_URL" --sts-endpoint "$O_URL" enable --yes
is_rc 0 "own account: enable exits 0"
eq_case "$(jf "$(audit_line before 1)" .account)" "$MGMT" "own account: the before record names the account id"
eq_case "$(jf "$(audit_line after 1)" .account)" "$MGMT" "own account: the after record names the account id"
lacks_err . "own account: nothing on stderr"
check "own account: no record says caller" sh -c "! grep -q '\"account\":\"caller\"' '$AUDIT'"
emu_stop O
tap_done
