#!/bin/bash
# check: the coverage gate on the demo directory. Exit 5 with the offenders
# (not REGISTERED, in no group, not reachable) before; still 5 after the
# REGISTRABLE members are enabled (what cannot be started, and the blind
# spot, remain); 0 with an allow-list naming exactly those; 1 when the
# service cannot be read; 2 for a bad allow-list. JSON and CSV summaries.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --build-seconds 0.2 || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL" --rd-endpoint "$E_URL")
OPS_TOKYO=1000000000000061       # in no group, REGISTRABLE
INVITED=1000000000000062         # in no group, its access role deleted
ANALYTICS=1000000000000063       # in no group, REGISTERED

# What the emulator itself says, to cross-check the verdict.
al "${EP[@]}" accounts --all --output json
statuses=$(jq -r '.[] | "\(.AccountId) \(.RecorderStatus)"' "$OUT_F" | sort -u)
not_registered=$(printf '%s\n' "$statuses" | awk '$2 != "REGISTERED" {print $1}' | sort -u)
registrable=$(printf '%s\n' "$statuses" | awk '$2 == "REGISTRABLE" {print $1}' | sort -u)
in_groups=$(printf '%s\n' "$statuses" | awk '{print $1}' | sort -u)
check "the demo has REGISTRABLE members" test -n "$registrable"

# --- before: exit 5, every kind of offender ---
al "${EP[@]}" check
is_rc 5 "check on the demo: exit 5 (offenders)"
has_out "^$DEV_SANDBOX +dev-sandbox +not REGISTERED \(REGISTRABLE\)" "a REGISTRABLE member is an offender"
has_out "^$MIGRATION +migration-temp +not REGISTERED \(BUILDING\)" "a BUILDING member is an offender"
has_out "^$OPS_TOKYO +ops-tokyo +not REGISTERED \(REGISTRABLE\); in no group" "a directory member in no group"
has_out "^$INVITED +partner-jv-invited +in no group; not reachable \(EntityNotExist.Role\)" \
	"a member whose role is gone: not reachable, with the Code"
has_out "^$ANALYTICS +analytics-sandbox +in no group +-$" "a REGISTERED member in no group is still an offender"
lacks_out "^$MGMT " "a REGISTERED member of a group is not"
want=$(( $(printf '%s\n' "$not_registered" | grep -c .) + 5 ))
has_out "^check: $(printf '%s\n' "$in_groups" | grep -c .) accounts in 4 groups, 65 in the directory: $want offenders$" \
	"the summary counts every offender (not REGISTERED members + the 5 in no group)"

al "${EP[@]}" check --output json
is_rc 5 "check --output json: exit 5"
jq_ok() { jq -e "$1" "$OUT_F" >/dev/null; }
check "JSON: Ok false, DirectoryRead true" jq_ok '.Ok == false and .DirectoryRead == true and .AccountsInDirectory == 65'
check "JSON: OffenderCount matches the emulator" jq_ok ".OffenderCount == $want and (.Offenders | length) == $want"
check "JSON: the unreachable one has its reasons and Code" \
	jq_ok ".Offenders[] | select(.AccountId == \"$INVITED\") | .Reasons == [\"no-group\", \"unreachable\"] and .Code == \"EntityNotExist.Role\""
has_err "^alicfg: check: .*$want offenders" "the summary goes to stderr with JSON"
al "${EP[@]}" check --output csv
is_rc 5 "check --output csv: exit 5"
has_out '^AccountId,AccountName,RecorderStatus,Reasons,Code,Groups,Allowed' "CSV header"
has_out "^$INVITED,partner-jv-invited,,no-group;unreachable,EntityNotExist.Role,,no" "CSV row"

# --- enable every REGISTRABLE member, then check again ---
for id in $registrable; do
	al "${EP[@]}" enable --account "$id" --yes
	[ "$RC" -eq 0 ] || diag "enable $id: exit $RC: $(cat "$ERR_F")"
done
for id in $registrable; do
	wait_for 15 recorder_is "$E_URL" "$id" REGISTERED || diag "$id not REGISTERED"
done
al "${EP[@]}" check
is_rc 5 "after enabling: still exit 5 (BUILDING/REBUILDING and the blind spot remain)"
lacks_out "^$DEV_SANDBOX " "the enabled member is no longer an offender"
remaining=$(grep -Eo '^[0-9]{16}' "$OUT_F")
remaining_n=$(printf '%s\n' "$remaining" | grep -c .)
still=$(printf '%s\n' "$statuses" | awk '$2 == "BUILDING" || $2 == "REBUILDING" {print $1}' | sort -u | grep -c .)
eq_case "$remaining_n" $((still + 5)) "what remains: the members that cannot be started and the 5 in no group"

# --- an allow-list of exactly those: exit 0 ---
{
	echo "# known exceptions (check --allow)"
	for id in $remaining; do echo "$id   # reviewed"; done
	echo
} >"$TEST_TMP/allow.txt"
al "${EP[@]}" check --allow "$TEST_TMP/allow.txt"
is_rc 0 "with the allow-list: exit 0"
has_out "^check: .*: no offenders \($remaining_n allowed\)$" "the summary counts the allowed ones"
al "${EP[@]}" check --allow "$TEST_TMP/allow.txt" --output json
is_rc 0 "with the allow-list, JSON: exit 0"
check "JSON: Ok true, every offender marked allowed" \
	jq_ok ".Ok == true and .OffenderCount == 0 and .AllowedCount == $remaining_n and ([.Offenders[] | select(.Allowed | not)] | length) == 0"
grep -v "^$INVITED" "$TEST_TMP/allow.txt" >"$TEST_TMP/allow-less.txt"
al "${EP[@]}" check --allow "$TEST_TMP/allow-less.txt"
is_rc 5 "an allow-list missing one: exit 5"
eq_case "$(grep -Ec '^[0-9]{16}' "$OUT_F")" 1 "only that one is listed"
has_out "^$INVITED " "the one left out"

# --- bad allow-lists: usage errors, nothing sent ---
printf '1000000000000061\nops-tokyo\n' >"$TEST_TMP/bad.txt"
al "${EP[@]}" check --allow "$TEST_TMP/bad.txt"
is_rc 2 "an allow-list with a name in it: exit 2"
has_err "bad.txt:2: 'ops-tokyo' is not an account id" "the error names the file and the line"
al "${EP[@]}" check --allow "$TEST_TMP/missing.txt"
is_rc 2 "a missing allow-list: exit 2"
al "${EP[@]}" accounts --all --allow "$TEST_TMP/allow.txt"
is_rc 2 "--allow with another command: exit 2"

# --- a caller that may not list the directory: groups only, said so ---
ALIBABA_CLOUD_ACCESS_KEY_ID=demo-member-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-member-secret \
	al "${EP[@]}" check
has_err 'directory was not read' "a caller that may not list the directory is told so"
has_out 'directory not read' "and the summary says so"
[ "$RC" -ne 1 ] && ok 0 "that is not an API error" || { ok 1 "that is not an API error"; last_run_diag; }

# --- the service cannot be read: exit 1, no verdict ---
emu_start F --scenario demo --faults garbage=1 || bail_out "alicfg-emu did not start"
al --endpoint "$F_URL" --sts-endpoint "$F_URL" --rd-endpoint "$F_URL" --max-attempts 1 \
	check --allow "$TEST_TMP/allow.txt"
is_rc 1 "a failing service: exit 1, even with an allow-list"
has_err 'no verdict' "it says there is no verdict"
emu_stop F

tap_done
