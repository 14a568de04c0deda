#!/bin/bash
# The batch CLI for scripts (issue 14 §1, §2, §4): many accounts at once
# (--account repeated, --accounts-from FILE or -), one line per account and
# a summary, exit codes; a value flag given twice; account ids that survive
# jq (ids above 2^53 as JSON strings); did-you-mean; a group by name;
# --status checked before any request.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed (scripts/dev installs it)"

# Ids above 2^53 that jq 1.6 would merge as numbers; two groups share a name.
BIG1=9123456789012345
BIG2=9123456789012344
BIG_MGMT=9123456789012301
BIG_ON=9123456789012302
BIG_OUT=9123456789012303     # not a directory member: AssumeRole fails
LAB1=9123456789012311        # in no group: its recorder may be stopped
LAB2=9123456789012312
cat >"$TEST_TMP/big.json" <<EOF
{
  "management_account": "$BIG_MGMT",
  "accounts": [
    {"id": "$BIG_MGMT", "name": "big-management", "recorder_status": "REGISTERED"},
    {"id": "$BIG1", "name": "big-one", "recorder_status": "REGISTRABLE"},
    {"id": "$BIG2", "name": "big-two", "recorder_status": "REGISTRABLE"},
    {"id": "$BIG_ON", "name": "big-on", "recorder_status": "REGISTERED"},
    {"id": "$BIG_OUT", "name": "big-outsider", "recorder_status": "REGISTERED", "rd_member": false},
    {"id": "$LAB1", "name": "lab-one", "recorder_status": "REGISTERED"},
    {"id": "$LAB2", "name": "lab-two", "recorder_status": "REGISTERED"}
  ],
  "groups": [
    {"id": "ca-00000000000000a1", "name": "All accounts", "type": "RD",
     "members": ["$BIG_MGMT", "$BIG1", "$BIG2", "$BIG_ON"]},
    {"id": "ca-00000000000000a2", "name": "Twins", "members": ["$BIG1"]},
    {"id": "ca-00000000000000a3", "name": "Twins", "members": ["$BIG2"]},
    {"id": "ca-00000000000000a4", "name": "Security audit", "members": ["$BIG_ON", "$BIG_OUT"]}
  ]
}
EOF

emu_start E --scenario demo --build-seconds 60 --log "$TEST_TMP/e.log" ||
	bail_out "alicfg-emu did not start"
emu_start G --scenario "$TEST_TMP/big.json" --build-seconds 60 ||
	bail_out "alicfg-emu did not start (big ids)"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
GP=(--endpoint "$G_URL" --sts-endpoint "$G_URL")
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"

# --- §1: enable acts on every --account ---
al "${EP[@]}" enable --account "$DEV_SANDBOX" --account "$QA_SANDBOX" \
	--account "$CJK_ACCOUNT" --account "$MIGRATION" --yes
is_rc 0 "enable with four --account: exit 0 (started, already on, in progress)"
has_out "^$DEV_SANDBOX: started \\(BUILDING\\)$" "first account started"
has_out "^$QA_SANDBOX: started \\(BUILDING\\)$" "second account started (not only the last)"
has_out "^$CJK_ACCOUNT: already on \\(REGISTERED\\)$" "a REGISTERED account: already on"
has_out "^$MIGRATION: in progress \\(BUILDING\\)$" "a BUILDING account: in progress"
has_out '^enable: 2 started, 1 already on, 1 in progress, 0 failed$' "one summary line"
eq_case "$(count_out ': (started|already on|in progress|failed) ')" 4 "one line per account"
check "dev-sandbox is BUILDING on the server" recorder_is "$E_URL" "$DEV_SANDBOX" BUILDING
check "qa-sandbox is BUILDING on the server" recorder_is "$E_URL" "$QA_SANDBOX" BUILDING
eq_case "$(grep -c '"event":"before"' "$AUDIT")" 4 "audit: one 'before' per account"

# --accounts-from a file: comments, blanks, duplicates; JSON is an array.
cat >"$TEST_TMP/ids.txt" <<EOF
# staging accounts
$STAGING_EU    # staging-eu

$DEV_SANDBOX
$STAGING_EU
EOF
al "${EP[@]}" enable --accounts-from "$TEST_TMP/ids.txt" --yes -o json
is_rc 0 "enable --accounts-from FILE: exit 0"
eq_case "$(jq -r 'length' "$OUT_F")" 2 "the file's ids, duplicates dropped: a JSON array of 2"
eq_case "$(jq -r '.[] | .AccountId + " " + .Outcome' "$OUT_F" | tr '\n' ';')" \
	"$STAGING_EU started;$DEV_SANDBOX in progress;" "outcomes in file order, ids as strings"
has_err '^alicfg: enable: 1 started, 0 already on, 1 in progress, 0 failed$' \
	"JSON: the summary goes to stderr"

# --accounts-from - (stdin), mixed with a failing account: exit 1.
printf '%s\n%s\n' "$MGMT" "$LONG_NAME" >"$TEST_TMP/stdin.txt"
RUN_N=$((RUN_N + 1)); OUT_F="$RUNS_DIR/$RUN_N.out"; ERR_F="$RUNS_DIR/$RUN_N.err"
echo "enable --accounts-from - --role-name NoSuchRole" >"$RUNS_DIR/$RUN_N.cmd"
"$ALICFG" "${EP[@]}" enable --accounts-from - --yes --role-name NoSuchRole \
	<"$TEST_TMP/stdin.txt" >"$OUT_F" 2>"$ERR_F"
RC=$?
is_rc 1 "enable --accounts-from - with one failing account: exit 1"
has_out "^$LONG_NAME: failed \\(EntityNotExist.Role\\)$" "the failing account's line names its Code"
has_out "^$MGMT: already on \\(REGISTERED\\)$" "the caller's own account needs no role: already on"
has_out '^enable: 0 started, 1 already on, 0 in progress, 1 failed$' \
	"the summary counts the failure"
has_err "StartConfigurationRecorder failed for $LONG_NAME.*EntityNotExist" "stderr has the error"

# recorder with several accounts: a table or a JSON array.
al "${EP[@]}" recorder --account "$DEV_SANDBOX" --account "$STAGING_EU" -o json
is_rc 0 "recorder with two --account: exit 0"
eq_case "$(jq -r '.[].AccountId' "$OUT_F" | tr '\n' ' ')" "$DEV_SANDBOX $STAGING_EU " \
	"recorder: both accounts, in order"
al "${EP[@]}" recorder --account "$DEV_SANDBOX" --account "$LEGACY"
has_out "^$LEGACY +REBUILDING" "recorder table: one row per account"

# --- §1: a flag that takes one value, given twice, is an error everywhere ---
: >"$TEST_TMP/e.log"
for args in "-o json aggregators --output csv" "--profile a --profile b aggregators" \
	"accounts --all --status BUILDING --status REGISTERED" \
	"--region cn-shanghai recorder --region ap-southeast-1" \
	"--role-name A enable --yes --account $DEV_SANDBOX --role-name B" \
	"--concurrency 2 --concurrency 3 accounts --all"; do
	# shellcheck disable=SC2086
	al "${EP[@]}" $args
	is_rc 2 "twice is an error: $args"
	has_err 'given twice' "the message says so: $args"
done
eq_case "$(wc -l <"$TEST_TMP/e.log")" 0 "no request was sent for any of them"

# --- §2: ids above 2^53 survive jq ---
al "${GP[@]}" accounts --all --status REGISTRABLE -o json
is_rc 0 "big ids: accounts --all --status REGISTRABLE: exit 0"
eq_case "$(jq -r '.[].AccountId' "$OUT_F" | sort -u | tr '\n' ' ')" "$BIG2 $BIG1 " \
	"jq -r '.[].AccountId' keeps both ids exact (README pipeline)"
eq_case "$(jq -r '[.[].AccountId | type] | unique | .[]' "$OUT_F")" string \
	"every AccountId is a JSON string"
al "${GP[@]}" aggregators -o json
eq_case "$(jq -r '.[0].AccountId' "$OUT_F")" "$BIG_MGMT" "aggregators: owner id exact"
# The README's pipeline: REGISTRABLE ids straight into enable.
jq -r '.[].AccountId' "$RUNS_DIR/$((RUN_N - 1)).out" | sort -u >"$TEST_TMP/big-ids.txt"
al "${GP[@]}" enable --accounts-from "$TEST_TMP/big-ids.txt" --yes -o json
is_rc 0 "big ids piped into enable --accounts-from: exit 0"
eq_case "$(jq -r '.[] | .AccountId + "=" + .Outcome' "$OUT_F" | sort | tr '\n' ' ')" \
	"$BIG2=started $BIG1=started " "both big accounts started, none merged"
check "big-one is BUILDING" recorder_is "$G_URL" "$BIG1" BUILDING
check "big-two is BUILDING" recorder_is "$G_URL" "$BIG2" BUILDING

# stop is account-taking too: every --account, JSON ids as strings.
al "${GP[@]}" stop --account "$LAB1" --account "$LAB2" --yes -o json
is_rc 0 "stop with two --account: exit 0"
eq_case "$(jq -r '.[].AccountId' "$OUT_F" | tr '\n' ' ')" "$LAB1 $LAB2 " \
	"stop: both accounts, a JSON array of string ids"
check "lab-one was stopped" recorder_is "$G_URL" "$LAB1" REGISTRABLE
check "lab-two was stopped too (not only the last)" recorder_is "$G_URL" "$LAB2" REGISTRABLE

# --- §4: did-you-mean, group by name, --status before any request ---
: >"$TEST_TMP/e.log"
al "${EP[@]}" acounts --all
is_rc 2 "acounts: exit 2"
has_err "did you mean 'accounts'\\?" "acounts: did you mean 'accounts'?"
al "${EP[@]}" aggregators --outptu json
is_rc 2 "--outptu: exit 2"
has_err 'did you mean --output\?' "--outptu: did you mean --output?"
al "${EP[@]}" accounts --all --stauts REGISTRABLE
is_rc 2 "--stauts: exit 2"
has_err 'did you mean --status\?' "--stauts: did you mean --status?"
al "${EP[@]}" accounts --all --status REGISTRABLE,ENABLED
is_rc 2 "--status ENABLED: exit 2"
has_err "'ENABLED' is not a recorder status" "--status names the bad value"
al "${EP[@]}" accounts --all --status registerd
has_err 'did you mean REGISTERED\?' "--status registerd: did you mean REGISTERED?"
eq_case "$(wc -l <"$TEST_TMP/e.log")" 0 "no request was sent for any mistake"

al "${EP[@]}" accounts Production -o json
is_rc 0 "accounts Production: exit 0"
eq_case "$(jq -r '[.[].AggregatorId] | unique | .[]' "$OUT_F")" "$G_PROD" \
	"accounts Production lists the Production group"
al "${EP[@]}" accounts 'security AUDIT' -o json
is_rc 0 "a unique name in another case resolves too"
eq_case "$(jq -r '[.[].AggregatorId] | unique | .[]' "$OUT_F")" "$G_AUDIT" \
	"'security AUDIT' is the Security audit group"
al "${GP[@]}" accounts Twins
is_rc 2 "an ambiguous name: exit 2"
has_err "2 groups are named 'Twins': ca-00000000000000a2 \\(Twins\\), ca-00000000000000a3 \\(Twins\\)" \
	"an ambiguous name lists the candidates"
al "${EP[@]}" accounts Prod
is_rc 2 "no such group: exit 2"
has_err "no group is named 'Prod' \\(groups: $G_ALL \\(All accounts\\), $G_PROD \\(Production\\)" \
	"no such group: lists the groups"

tap_done
