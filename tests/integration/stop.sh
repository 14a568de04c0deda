#!/bin/bash
# stop: StopConfigurationRecorder end to end. Refusals send nothing; an
# account outside every group goes back to REGISTRABLE (and a start brings
# it back); a group member and a group owner get the service's documented
# refusals; every call leaves an audit record before and after it.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

OWNER=1000000000000001
MEMBER=1000000000000002
OUTSIDE=1000000000000003
SCEN="$TEST_TMP/stop-scenario.json"
cat >"$SCEN" <<JSON
{
  "management_account": "$OWNER",
  "accounts": [
    {"id": $OWNER, "name": "acme-management", "recorder_status": "REGISTERED"},
    {"id": $MEMBER, "name": "prod-web", "recorder_status": "REGISTERED"},
    {"id": $OUTSIDE, "name": "acquired-lab", "recorder_status": "REGISTERED"}
  ],
  "groups": [
    {"id": "ca-0000000000000001", "name": "All accounts", "type": "CUSTOM",
     "members": [$OWNER, $MEMBER]}
  ]
}
JSON
emu_start E --scenario "$SCEN" --build-seconds 1 || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"

audit_count() {   # audit_count EVENT UID
	[ -f "$AUDIT" ] || { echo 0; return; }
	grep -c "\"event\":\"$1\".*\"account\":\"$2\".*\"action\":\"StopConfigurationRecorder\"" "$AUDIT"
}

# --- refusals: nothing sent, nothing changed, nothing audited ---
al "${EP[@]}" --readonly stop --account "$OUTSIDE" --yes
is_rc 4 "--readonly: stop refused with exit 4"
has_err 'read-only.*stop is refused' "--readonly: the refusal says why"
al "${EP[@]}" stop --account "$OUTSIDE"
is_rc 4 "no --yes and no terminal: refused with exit 4"
has_err 'no terminal.*--yes' "the refusal says to pass --yes"
al "${EP[@]}" stop --yes
is_rc 2 "stop without --account: usage error"
has_err 'missing --account' "the usage error names --account"
check "refusals left the account REGISTERED" recorder_is "$E_URL" "$OUTSIDE" REGISTERED
eq_case "$(audit_count before "$OUTSIDE")" 0 "refusals wrote no audit record"

# --- an account in no group: stopped, REGISTRABLE, audited ---
al "${EP[@]}" -v stop --account "$OUTSIDE" --yes
is_rc 0 "stop --account OUTSIDE --yes: exit 0"
has_out "Stopped the configuration recorder for $OUTSIDE: REGISTRABLE" \
	"stop prints the status read back: REGISTRABLE"
has_err "^alicfg: StopConfigurationRecorder account=$OUTSIDE status=200 " \
	"-v shows the stop acting as the member"
has_err "^alicfg: GetConfigurationRecorder account=$OUTSIDE status=200 " \
	"the status is read back after the stop"
check "the emulator says REGISTRABLE" recorder_is "$E_URL" "$OUTSIDE" REGISTRABLE
eq_case "$(audit_count before "$OUTSIDE")" 1 "audit: one 'before' record"
eq_case "$(audit_count after "$OUTSIDE")" 1 "audit: one 'after' record"
check "audit: the outcome is stopped, with the RequestId" \
	grep -q "\"event\":\"after\".*\"account\":\"$OUTSIDE\".*\"action\":\"StopConfigurationRecorder\".*\"outcome\":\"stopped\".*\"request_id\":\"[0-9A-F-]\{8,\}\"" "$AUDIT"

# --- round trip: start it again, then stop it again (JSON, CSV) ---
al "${EP[@]}" enable --account "$OUTSIDE" --yes
is_rc 0 "enable after the stop: exit 0"
check "the account becomes REGISTERED again (deadline 15 s)" \
	wait_for 15 recorder_is "$E_URL" "$OUTSIDE" REGISTERED
al "${EP[@]}" stop --account "$OUTSIDE" --yes --output json
is_rc 0 "stop --output json: exit 0"
has_out '"Outcome": "stopped"' "JSON outcome stopped"
has_out '"ConfigurationRecorderStatus": "REGISTRABLE"' "JSON status REGISTRABLE"
has_out "\"AccountId\": \"$OUTSIDE\"" "JSON account id (a string)"
al "${EP[@]}" stop --account "$OUTSIDE" --yes --output csv
is_rc 0 "stop of a stopped recorder: exit 0 (the service answers true)"
has_out "^$OUTSIDE,,REGISTRABLE,stopped," "CSV row"

# --- the service's documented refusals carry their Code ---
al "${EP[@]}" stop --account "$MEMBER" --yes
is_rc 1 "a group member: exit 1"
has_err 'StopConfigurationRecorder failed for account '"$MEMBER"'.*MemberStopSLRFail' \
	"a group member: MemberStopSLRFail shown"
check "the member is still REGISTERED" recorder_is "$E_URL" "$MEMBER" REGISTERED
al "${EP[@]}" stop --account "$OWNER" --yes
is_rc 1 "the groups' owner: exit 1"
has_err 'AdminStopSLRFail' "the groups' owner: AdminStopSLRFail shown"
export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ro-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-ro-secret
al "${EP[@]}" stop --account "$OWNER" --yes
is_rc 1 "read-only key: exit 1"
has_err 'NoPermission' "read-only key: NoPermission shown"
demo_env
check "audit: the member's failure is recorded with its Code" \
	grep -q "\"event\":\"after\".*\"account\":\"$MEMBER\".*\"action\":\"StopConfigurationRecorder\".*\"outcome\":\"failed\".*\"code\":\"MemberStopSLRFail\"" "$AUDIT"
ids_ok=0
while read -r id; do
	[ "$(grep -c "\"id\":\"$id\"" "$AUDIT")" -eq 2 ] || ids_ok=1
done < <(grep '"action":"StopConfigurationRecorder"' "$AUDIT" |
	sed -n 's/.*"event":"before".*"id":"\([^"]*\)".*/\1/p')
ok "$ids_ok" "audit: every stop's 'before' has one 'after' with the same id"

# --- an audit log that cannot be written: no record, no call ---
mkdir -p "$TEST_TMP/bad-state/alicfg/audit.log"   # a directory: open fails, even for root
XDG_STATE_HOME="$TEST_TMP/bad-state" al "${EP[@]}" -v stop --account "$OUTSIDE" --yes
is_rc 1 "unwritable audit log: exit 1"
has_err 'StopConfigurationRecorder not sent' "unwritable audit log: not sent"
lacks_err '^alicfg: StopConfigurationRecorder account=' "unwritable audit log: no request made"

# --- the question on a terminal ---
if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	al "${EP[@]}" enable --account "$OUTSIDE" --yes
	wait_for 15 recorder_is "$E_URL" "$OUTSIDE" REGISTERED
	cmd="$ALICFG --endpoint $E_URL --sts-endpoint $E_URL stop --account $OUTSIDE"
	out=$(printf 'n\n' | script -qec "$cmd" /dev/null 2>&1)
	rc=$?
	eq_case "$rc" 4 "answering n on a terminal: exit 4"
	case $out in
	*"Stop the configuration recorder for account $OUTSIDE?"*"[y/N]"*)
		ok 0 "the question names the account" ;;
	*) ok 1 "the question names the account"; diag "$out" ;;
	esac
	check "answering n left the account REGISTERED" recorder_is "$E_URL" "$OUTSIDE" REGISTERED
	out=$(printf 'y\n' | script -qec "$cmd" /dev/null 2>&1)
	eq_case "$?" 0 "answering y on a terminal: exit 0"
	check "answering y stopped it" recorder_is "$E_URL" "$OUTSIDE" REGISTRABLE
else
	echo "ok $((TAP_N += 1)) # SKIP script(1) cannot give a pseudo-terminal here"
fi

tap_done
