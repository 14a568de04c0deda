#!/bin/bash
# enable: refusals (read-only, no terminal, not confirmed), member access
# through AssumeRole, BUILDING then REGISTERED, "already" answers, failures
# with their Code, and the audit log's before/after records.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"

audit_count() {   # audit_count EVENT UID
	[ -f "$AUDIT" ] || { echo 0; return; }
	grep -c "\"event\":\"$1\".*\"account\":\"$2\"" "$AUDIT"
}

# --- refusals: nothing is sent, nothing changes ---
al "${EP[@]}" --readonly enable --account "$DEV_SANDBOX" --yes
is_rc 4 "--readonly: enable refused with exit 4"
has_err 'read-only' "--readonly: the refusal says why"
al "${EP[@]}" enable --account "$DEV_SANDBOX"
is_rc 4 "no --yes and no terminal: refused with exit 4"
has_err 'no terminal.*--yes' "the refusal says to pass --yes"
check "refusals left dev-sandbox REGISTRABLE" recorder_is "$E_URL" "$DEV_SANDBOX" REGISTRABLE
eq_case "$(audit_count before "$DEV_SANDBOX")" 0 "refusals wrote no audit record"

# --- a member: AssumeRole, BUILDING, then REGISTERED ---
al "${EP[@]}" -v enable --account "$DEV_SANDBOX" --yes
is_rc 0 "enable --account dev-sandbox --yes: exit 0"
has_out "^$DEV_SANDBOX: started \\(BUILDING\\)$" "enable prints started (BUILDING)"
has_out "^enable: 1 started, 0 already on, 0 in progress, 0 failed$" "enable prints the summary"
has_err '^alicfg: AssumeRole ' "-v shows the AssumeRole for the member"
has_err "^alicfg: StartConfigurationRecorder account=$DEV_SANDBOX status=200 " \
	"-v shows the start acting as the member"
check "dev-sandbox becomes REGISTERED (deadline 15 s)" \
	wait_for 15 recorder_is "$E_URL" "$DEV_SANDBOX" REGISTERED
al "${EP[@]}" accounts "$G_AUDIT" --output json
has_out "\"AccountId\":\"$DEV_SANDBOX\",.*\"RecorderStatus\":\"REGISTERED\"" \
	"accounts shows dev-sandbox REGISTERED"
al "${EP[@]}" enable --account "$DEV_SANDBOX" --yes
is_rc 0 "enable again: exit 0"
has_out "^$DEV_SANDBOX: already on \\(REGISTERED\\)$" "enable again: already on (REGISTERED)"
al "${EP[@]}" enable --account "$QA_SANDBOX" --yes --output json
is_rc 0 "enable --output json: exit 0"
has_out '"ConfigurationRecorderStatus": "BUILDING"' "enable JSON status"
has_out '"Outcome": "started"' "enable JSON outcome"
has_err '^alicfg: enable: 1 started, 0 already on, 0 in progress, 0 failed$' "enable JSON: the summary goes to stderr"
has_out "\"AccountId\": \"$QA_SANDBOX\"" "enable JSON account id"

# --- the caller's own account (already on) ---
al "${EP[@]}" enable --yes
is_rc 0 "enable own account: exit 0"
has_out ": already on \\(REGISTERED\\)$" "own account: already on (REGISTERED)"

# --- a second start while BUILDING is "already starting", not a failure ---
emu_start S --scenario demo --build-seconds 60 || bail_out "alicfg-emu did not start"
al --endpoint "$S_URL" --sts-endpoint "$S_URL" enable --account "$STAGING_EU" --yes
is_rc 0 "slow build: first enable exit 0"
al --endpoint "$S_URL" --sts-endpoint "$S_URL" enable --account "$STAGING_EU" --yes
is_rc 0 "enable while BUILDING (ProcessIsRunning): exit 0"
has_out "^$STAGING_EU: in progress \\(BUILDING\\)$" "enable while BUILDING: in progress, not started"
has_out '0 started, 0 already on, 1 in progress' "enable while BUILDING: counted in progress"
al --endpoint "$S_URL" --sts-endpoint "$S_URL" enable --account "$STAGING_EU" --yes -o json
has_out '"Outcome": "in progress"' "enable while BUILDING: JSON says in progress"
emu_stop S

# --- failures carry the Code ---
al "${EP[@]}" enable --account "$LONG_NAME" --yes --role-name NoSuchRole
is_rc 1 "enable with an unknown member role: exit 1"
has_err 'EntityNotExist\.Role' "the AssumeRole failure shows its Code"
export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ro-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-ro-secret
al "${EP[@]}" enable --yes
is_rc 1 "read-only key: enable fails with exit 1"
has_err 'StartConfigurationRecorder failed.*NoPermission' "read-only key: NoPermission shown"
demo_env

# --- the audit log: a record before and one after every start ---
eq_case "$(audit_count before "$DEV_SANDBOX")" 2 "audit: two 'before' records for dev-sandbox"
eq_case "$(audit_count after "$DEV_SANDBOX")" 2 "audit: two 'after' records for dev-sandbox"
eq_case "$(grep -c "\"event\":\"after\".*\"account\":\"$DEV_SANDBOX\".*\"outcome\":\"started\"" "$AUDIT")" 1 \
	"audit: the first start of dev-sandbox is recorded started"
eq_case "$(grep -c "\"event\":\"after\".*\"account\":\"$DEV_SANDBOX\".*\"outcome\":\"already on\"" "$AUDIT")" 1 \
	"audit: the second (answered REGISTERED) is recorded already on, as the CLI said"
check "audit: the start while BUILDING is recorded in progress (ProcessIsRunning), as the CLI said" \
	grep -q "\"event\":\"after\".*\"account\":\"$STAGING_EU\".*\"outcome\":\"in progress\"" "$AUDIT"
check "audit: the NoPermission failure is recorded with its Code" \
	grep -q '"event":"after".*"outcome":"failed".*"code":"NoPermission"' "$AUDIT"
# before and after of one start share an id
ids_ok=0
while read -r id; do
	[ "$(grep -c "\"id\":\"$id\"" "$AUDIT")" -eq 2 ] || ids_ok=1
done < <(sed -n 's/.*"event":"before".*"id":"\([^"]*\)".*/\1/p' "$AUDIT")
ok "$ids_ok" "audit: every 'before' has one 'after' with the same id"

# --- the question on a terminal (script(1) gives a pseudo-terminal) ---
if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	cmd="$ALICFG --endpoint $E_URL --sts-endpoint $E_URL enable --account $STAGING_EU"
	out=$(printf 'n\n' | script -qec "$cmd" /dev/null 2>&1)
	rc=$?
	eq_case "$rc" 4 "answering n on a terminal: exit 4"
	case $out in
	*"Start the configuration recorder for account staging-eu ($STAGING_EU)? [y/N]"*)
		ok 0 "the question names the account and its id" ;;
	*) ok 1 "the question names the account and its id"; diag "$out" ;;
	esac
	check "answering n left staging-eu REGISTRABLE" recorder_is "$E_URL" "$STAGING_EU" REGISTRABLE
	out=$(printf 'y\n' | script -qec "$cmd" /dev/null 2>&1)
	rc=$?
	eq_case "$rc" 0 "answering y on a terminal: exit 0"
	case $out in
	*"staging-eu ($STAGING_EU): started ("*) ok 0 "answering y starts the recorder" ;;
	*) ok 1 "answering y starts the recorder"; diag "$out" ;;
	esac
else
	echo "ok $((TAP_N += 1)) # SKIP script(1) cannot give a pseudo-terminal here"
fi

tap_done
