#!/bin/bash
# directory: the whole organisation against alicfg-emu's demo directory —
# `alicfg directory` (every member, folder path, groups count, the blind
# spot, --no-group, --status, --read-status read as each account), access
# diagnostics (an invited account without the access role, a caller without
# sts:AssumeRole, a root key, an account no longer in the directory), a
# caller not allowed to list the directory, `alicfg coverage`, `enable
# --dry-run` (no write) and enabling an account that is in no group.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL" --rd-endpoint "$E_URL")
OPS_TOKYO=1000000000000061       # in no group, REGISTRABLE, reachable
PARTNER=1000000000000062         # in no group, REGISTRABLE, role deleted
ANALYTICS=1000000000000063       # in no group, REGISTERED
RETIRING=1000000000000065        # in no group, leaving the directory
FORMER=1000000000000066          # no longer in the directory
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"

as_key() {   # as_key ID SECRET: the next runs use this demo key
	export ALIBABA_CLOUD_ACCESS_KEY_ID=$1 ALIBABA_CLOUD_ACCESS_KEY_SECRET=$2
}

# --- every member, the blind spot in plain sight ---
al "${EP[@]}" directory
is_rc 0 "directory: exit 0"
eq_case "$(count_out '^10000000000000[0-9][0-9] ')" 65 "directory lists all 65 members"
has_out "^$OPS_TOKYO +ops-tokyo +ResourceAccount +CreateSuccess +r-acme01/fd-shared01 +created 2023-03-03 +0 +unknown" \
	"a member in no group: GROUPS 0, recorder unknown until read"
has_out "^$DEV_SANDBOX +dev-sandbox .* +2 +REGISTRABLE" "dev-sandbox is in 2 groups, status from them"
has_out "^$PARTNER +partner-jv-invited +CloudAccount +InviteSuccess +r-acme01/fd-partner01 +invited" \
	"an invited cloud account shows type, status, join method"
has_out "^$RETIRING +retiring-2019 .*leaving: Deleting" "the member leaving the directory says so"
has_out "^$MGMT +acme-management .* r-acme01 " "the management account sits in the root folder"
lacks_out "^$FORMER " "an account that left the directory is not listed"
has_out '^5 of 65 listed members are in no account group\.' "the blind spot is counted under the table"

al "${EP[@]}" directory --no-group
eq_case "$(count_out '^10000000000000[0-9][0-9] ')" 5 "--no-group keeps the five in no group"
lacks_out ' 0 +REGISTRABLE' "without --read-status nothing is read"

al "${EP[@]}" -v directory --no-group --read-status
is_rc 0 "--read-status: exit 0 (a blocked account is a finding, not a failure)"
has_out "^$OPS_TOKYO +ops-tokyo .* 0 +REGISTRABLE +ok$" "ops-tokyo read as itself: REGISTRABLE"
has_out "^$ANALYTICS +analytics-sandbox .* 0 +REGISTERED +ok$" "analytics-sandbox read: REGISTERED"
has_out "^$PARTNER +partner-jv-invited .* 0 +unknown +no-role$" "partner: no access role"
has_out "^access $PARTNER partner-jv-invited: the access role acs:ram::$PARTNER:role/ResourceDirectoryAccountAccessRole does not exist in account $PARTNER \(an invited account can delete it\)" \
	"the diagnosis names the role ARN and why"
has_err "^alicfg: AssumeRole .*status=200" "-v: reading assumes the access role"
has_err "^alicfg: GetConfigurationRecorder account=$OPS_TOKYO status=200" \
	"-v: the status is read as that account"
eq_case "$(grep -c 'GetConfigurationRecorder account=10000000000000[0-5]' "$ERR_F")" 0 \
	"accounts whose status came from a group are not read again"

al "${EP[@]}" directory --status REGISTRABLE --read-status -o json
is_rc 0 "directory --status -o json: exit 0"
has_out "\"AccountId\": \"$OPS_TOKYO\"," "json: ops-tokyo is REGISTRABLE"
has_out '"RecorderStatusFrom": "read"' "json: says the status was read"
lacks_out "\"AccountId\": \"$ANALYTICS\"," "json: --status drops the REGISTERED"
lacks_out "\"AccountId\": \"$PARTNER\"," "json: --status drops the unknown"
al "${EP[@]}" directory --no-group -o json
has_out '"ResourceDirectoryPath": "rd-acme01/r-acme01/fd-partner01/1000000000000062"' \
	"json keeps the directory path"
has_out '"Groups": 0,' "json: the groups count"
al "${EP[@]}" directory --no-group --read-status -o csv
has_out "^AccountId,DisplayName,InDirectory,Type,Status,JoinMethod,FolderId,ResourceDirectoryPath,JoinTime,Leaving,Groups,GroupIds,RecorderStatus,RecorderStatusFrom,Access,AccessMessage" \
	"csv header"
has_out "^$PARTNER,partner-jv-invited,true,CloudAccount,InviteSuccess,invited,fd-partner01,.*,0,,UNKNOWN,none,no-role,\"?the access role" \
	"csv row with the diagnosis"

# --- coverage: one summary ---
al "${EP[@]}" coverage
is_rc 0 "coverage: exit 0"
has_out '^All accounts +ca-0000000000000001 +CUSTOM +60 +60 +60 +29 +23 +8 +0 +0$' \
	"coverage per group"
has_out '^whole directory +- +- +65 +65 +60 +29 +23 +8 +5 +0$' \
	"overall: 65 in the directory, 60 in a group, 5 unknown"
has_out '5 of 65 directory members are in no account group' "coverage names the blind spot"
al "${EP[@]}" coverage --read-status -o json
has_out '"Scope": "whole directory"' "json overall row"
has_out '"NotReachable": 1' "after reading, one member is not reachable"
has_out '"Registered": 32' "after reading, 29 + 3 REGISTERED"

# --- access diagnostics of enable --dry-run; nothing is written ---
al "${EP[@]}" enable --dry-run --account "$OPS_TOKYO"
is_rc 0 "dry run on a reachable account: exit 0, no --yes needed"
has_out "^dry run: account $OPS_TOKYO \(ops-tokyo\): reachable, recorder REGISTRABLE; enable would start the recorder" \
	"dry run says what enable would do"
al "${EP[@]}" enable --dry-run --account "$PARTNER"
is_rc 1 "dry run on the account without the role: exit 1"
has_out "NOT reachable: the access role acs:ram::$PARTNER:role/ResourceDirectoryAccountAccessRole does not exist" \
	"dry run: no access role"
al "${EP[@]}" enable --dry-run --account "$FORMER"
has_out "NOT reachable: account $FORMER is not \(or no longer\) in the resource directory" \
	"dry run: an account that left the directory"
as_key demo-nosts-ak demo-nosts-secret
al "${EP[@]}" enable --dry-run --account "$OPS_TOKYO"
has_out "the caller may not assume acs:ram::$OPS_TOKYO:role/ResourceDirectoryAccountAccessRole: its RAM policy must allow the action sts:AssumeRole" \
	"dry run: a caller without sts:AssumeRole is told the action and the ARN"
as_key demo-root-ak demo-root-secret
al "${EP[@]}" enable --dry-run --account "$OPS_TOKYO"
has_out "root AccessKey, which cannot assume roles" "dry run: a root key is named as such"
demo_env
al "${EP[@]}" --readonly enable --dry-run --account "$OPS_TOKYO"
is_rc 0 "--readonly still allows a dry run (it writes nothing)"
check "dry runs started nothing" recorder_is "$E_URL" "$OPS_TOKYO" REGISTRABLE
audit_n() { [ -f "$AUDIT" ] && grep -c "\"account\":\"$OPS_TOKYO\"" "$AUDIT" || echo 0; }
eq_case "$(audit_n)" 0 "dry runs wrote no audit record"
as_key demo-root-ak demo-root-secret
al "${EP[@]}" enable --yes --account "$OPS_TOKYO"
is_rc 1 "enable with a root key fails"
has_err "^alicfg: hint: these credentials are a root AccessKey" "a failed enable adds the access hint"
demo_env

# --- a caller that may not list the directory ---
as_key demo-member-ak demo-member-secret
al "${EP[@]}" directory
is_rc 1 "a plain member: directory exits 1"
has_err '^alicfg: ListAccounts: NoPermission \(HTTP 403\): the caller may not list the resource directory: only the management account or a delegated administrator' \
	"the refusal says who may list and why"
has_err 'resourcemanager:ListAccounts' "it names the RAM action"
al "${EP[@]}" coverage
is_rc 0 "coverage without the directory still answers (exit 0)"
has_err 'warning: the resource directory could not be listed, counting the account groups only' \
	"coverage warns and counts the groups"
al "${EP[@]}" recorder
is_rc 0 "the rest of alicfg works without the directory"
as_key demo-delegated-ak demo-delegated-secret
al "${EP[@]}" directory --no-group
is_rc 0 "a delegated administrator may list the directory"
eq_case "$(count_out '^10000000000000[0-9][0-9] ')" 65 \
	"the delegated administrator owns no groups: all 65 are in none of its own"
demo_env

# --- enable an account that is in no group ---
before=$(audit_n)
al "${EP[@]}" enable --yes --account "$OPS_TOKYO"
is_rc 0 "enable ops-tokyo (in no group): exit 0"
has_out "^$OPS_TOKYO: started \\(BUILDING\\)$" "it starts"
check "ops-tokyo becomes REGISTERED (deadline 15 s)" \
	wait_for 15 recorder_is "$E_URL" "$OPS_TOKYO" REGISTERED
al "${EP[@]}" directory --no-group --read-status
has_out "^$OPS_TOKYO +ops-tokyo .* 0 +REGISTERED +ok$" "directory reads it REGISTERED now"
eq_case "$(audit_n)" $((before + 2)) "the enable is audited before and after"

# --- usage ---
al "${EP[@]}" aggregators --no-group
is_rc 2 "--no-group only with directory"
al "${EP[@]}" recorder --dry-run
is_rc 2 "--dry-run only with enable"

tap_done
