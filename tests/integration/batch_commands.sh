#!/bin/bash
# Every batch command against alicfg-emu's demo scenario, with V3 and V2
# signatures, in table, JSON and CSV; usage errors; -v lines; the alicfg
# config file.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo || bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")

# --- help, version, usage errors (no network) ---
al --help
is_rc 0 "--help exits 0"
has_out 'Exit status' "--help documents exit codes"
has_out '--sts-endpoint' "--help lists --sts-endpoint"
al --version
is_rc 0 "--version exits 0"
has_out '^alicfg [0-9]+\.[0-9]+\.[0-9]+' "--version prints alicfg VERSION"

al "${EP[@]}" frobnicate
is_rc 2 "unknown command: exit 2"
has_err "unknown command 'frobnicate'" "unknown command is named"
al "${EP[@]}" aggregators --concurrency 0
is_rc 2 "--concurrency 0: exit 2"
has_err '--concurrency' "--concurrency error names the flag"
al "${EP[@]}" aggregators --output=yaml
is_rc 2 "--output yaml: exit 2"
al "${EP[@]}" accounts
is_rc 2 "accounts without an id: exit 2"
has_err 'AGGREGATOR_ID' "accounts without an id says what is missing"
al "${EP[@]}" accounts --all --status ENABLED
is_rc 2 "--status with an unknown name: exit 2"
has_err 'ENABLED' "the unknown status is named"
al "${EP[@]}" recorder --account 12x
is_rc 2 "--account 12x: exit 2"
al "${EP[@]}" aggregators --bogus
is_rc 2 "unknown option: exit 2"
has_err "unknown option '--bogus'" "unknown option is named"

# --- aggregators ---
for sig in v3 v2; do
	al "${EP[@]}" --signature "$sig" aggregators
	is_rc 0 "aggregators ($sig): exit 0"
	for name in 'All accounts' 'Production' 'Security audit' 'Onboarding'; do
		has_out "$name" "aggregators ($sig) lists '$name'"
	done
	has_out "^ID +NAME +TYPE +STATUS +ACCOUNTS" "aggregators ($sig) table header"
	has_out "$G_ONBOARD .*creating" "aggregators ($sig): Onboarding is creating"
done

al "${EP[@]}" aggregators --output json
is_rc 0 "aggregators --output json: exit 0"
eq_case "$(count_out '"AggregatorId":"ca-')" 4 "JSON has four groups"
has_out "\"AggregatorId\":\"$G_ALL\",\"AggregatorName\":\"All accounts\",\"AggregatorType\":\"CUSTOM\",\"AggregatorStatus\":1,\"AccountId\":\"$MGMT\"," \
	"JSON keeps API field names, statuses as integers, account ids as strings"
has_out '"AggregatorCreateTimestamp":[0-9]+,' "JSON timestamp is an integer"
has_out "\"AggregatorId\":\"$G_PROD\".*\"FolderId\":\"fd-prod01\"" "JSON FOLDER group has its folder id"
has_out '"Tags":\[\{"TagKey":"[^"]+","TagValue":' "JSON tags use TagKey/TagValue"
has_out "\"AggregatorId\":\"$G_ONBOARD\".*\"AggregatorStatus\":0" "JSON: Onboarding has status 0"
if command -v jq >/dev/null 2>&1; then
	check "aggregators JSON parses (jq)" jq -e 'length == 4' "$OUT_F"
fi

al "${EP[@]}" aggregators -o csv
is_rc 0 "aggregators --output csv: exit 0"
eq_case "$(head -n1 "$OUT_F" | tr -d '\r')" \
	"AggregatorId,AggregatorName,AggregatorType,AggregatorStatus,AccountId,AggregatorAccountCount,AggregatorCreateTimestamp,Description,FolderId,Tags" \
	"CSV header row"
eq_case "$(wc -l <"$OUT_F" | tr -d ' ')" 5 "CSV: header and four rows"
has_out $'\r$' "CSV records end with CRLF"

# --- accounts of one group ---
for sig in v3 v2; do
	al "${EP[@]}" --signature "$sig" accounts "$G_AUDIT"
	is_rc 0 "accounts $G_AUDIT ($sig): exit 0"
	has_out "$G_AUDIT +$DEV_SANDBOX +dev-sandbox +ResourceDirectory +REGISTRABLE" \
		"accounts ($sig): dev-sandbox REGISTRABLE"
	has_out "$CJK_ACCOUNT +$CJK_NAME +ResourceDirectory +REGISTERED" \
		"accounts ($sig): the CJK account is REGISTERED"
done
# The recorder column starts at the same terminal column on every line,
# CJK names included.
eq_case "$(columns_of 'REGISTRABLE|REGISTERED|BUILDING|REBUILDING|RECORDER' "$OUT_F" | wc -l | tr -d ' ')" 1 \
	"accounts table aligns columns with CJK names"
has_out '…' "very long names are cut with an ellipsis in tables"
al "${EP[@]}" accounts "$G_ALL" --output json
is_rc 0 "accounts --output json: exit 0"
has_out "\"AggregatorId\":\"$G_ALL\",\"AggregatorName\":\"All accounts\",\"AccountId\":\"$DEV_SANDBOX\",\"AccountName\":\"dev-sandbox\",\"AccountType\":\"ResourceDirectory\",\"RecorderStatus\":\"REGISTRABLE\"" \
	"accounts JSON keeps API field names"
has_out "\"AccountId\":\"$LONG_NAME\",\"AccountName\":\"[^\"]{61,}\"" "JSON keeps the long name whole"
has_out "\"AccountId\":\"$MIGRATION\",.*\"RecorderStatus\":\"BUILDING\"" "migration-temp is BUILDING"
has_out "\"AccountId\":\"$LEGACY\",.*\"RecorderStatus\":\"REBUILDING\"" "legacy-billing is REBUILDING"
al "${EP[@]}" accounts "$G_AUDIT" --output csv
is_rc 0 "accounts --output csv: exit 0"
eq_case "$(head -n1 "$OUT_F" | tr -d '\r')" \
	"AggregatorId,AggregatorName,AccountId,AccountName,AccountType,RecorderStatus" \
	"accounts CSV header"
has_out "^$G_AUDIT,Security audit,$CJK_ACCOUNT,$CJK_NAME,ResourceDirectory,REGISTERED" "accounts CSV row"

al "${EP[@]}" accounts ca-ffffffffffffffff
is_rc 1 "unknown aggregator: exit 1"
has_err 'Invalid\.AggregatorId\.Value' "unknown aggregator: Invalid.AggregatorId.Value shown"
has_err 'RequestId' "the error names the RequestId"

# --- accounts --all ---
for sig in v3 v2; do
	al "${EP[@]}" --signature "$sig" accounts --all --output json
	is_rc 0 "accounts --all ($sig): exit 0"
	eq_case "$(count_out "\"AccountId\":\"$CJK_ACCOUNT\",")" 3 \
		"accounts --all ($sig): the CJK account once per group (3)"
	eq_case "$(count_out "\"AccountId\":\"$DEV_SANDBOX\",")" 2 \
		"accounts --all ($sig): dev-sandbox in groups 1 and 3"
	eq_case "$(grep -Eo '"AggregatorId":"ca-[0-9a-f]+"' "$OUT_F" | sort -u | wc -l | tr -d ' ')" 4 \
		"accounts --all ($sig): rows from all four groups"
done
ALL_ROWS=$(count_out '"AccountId":')
al "${EP[@]}" accounts --all --status registrable --output json
is_rc 0 "accounts --all --status REGISTRABLE: exit 0"
eq_case "$(count_out '"RecorderStatus":"(BUILDING|REGISTERED|REBUILDING)"')" 0 \
	"--status REGISTRABLE keeps only REGISTRABLE rows"
has_out "\"AccountId\":\"$DEV_SANDBOX\"," "--status REGISTRABLE includes dev-sandbox"
lacks_out "\"AccountId\":\"$CJK_ACCOUNT\"," "--status REGISTRABLE drops the REGISTERED account"
FILTERED=$(count_out '"AccountId":')
ok "$([ "$FILTERED" -gt 0 ] && [ "$FILTERED" -lt "$ALL_ROWS" ]; echo $?)" \
	"the filter drops some rows and keeps some ($FILTERED of $ALL_ROWS)"
al "${EP[@]}" accounts --status BUILDING,REBUILDING --all
is_rc 0 "--status BUILDING,REBUILDING (table): exit 0"
has_out "$MIGRATION .*BUILDING" "table filter keeps BUILDING"
has_out "$LEGACY .*REBUILDING" "table filter keeps REBUILDING"
lacks_out 'REGISTRABLE|REGISTERED' "table filter drops other statuses"
al "${EP[@]}" --concurrency 1 accounts --all --output csv
is_rc 0 "accounts --all --concurrency 1: exit 0"
eq_case "$(($(wc -l <"$OUT_F") - 1))" "$ALL_ROWS" "same rows at concurrency 1"

# --- recorder ---
for sig in v3 v2; do
	al "${EP[@]}" --signature "$sig" recorder
	is_rc 0 "recorder ($sig): exit 0"
	has_out 'Recorder status: REGISTERED' "recorder ($sig): own account REGISTERED"
	al "${EP[@]}" --signature "$sig" recorder --account "$MIGRATION"
	is_rc 0 "recorder --account ($sig): exit 0"
	has_out 'Recorder status: BUILDING' "recorder --account ($sig): member BUILDING"
	has_out "$MIGRATION" "recorder names the member"
done
al "${EP[@]}" recorder --account "$DEV_SANDBOX" --output json
is_rc 0 "recorder --output json: exit 0"
has_out "\"AccountId\": \"$DEV_SANDBOX\"" "recorder JSON AccountId is a string of digits"
has_out '"ConfigurationRecorderStatus": "REGISTRABLE"' "recorder JSON status"
has_out '"ResourceTypes": \[' "recorder JSON resource types"
al "${EP[@]}" recorder --output csv
is_rc 0 "recorder --output csv: exit 0"
has_out '^AccountId,AccountName,ConfigurationRecorderStatus,ResourceTypes' "recorder CSV header"

# --- -v: one line per request ---
al "${EP[@]}" -v aggregators
is_rc 0 "-v aggregators: exit 0"
has_err '^alicfg: ListAggregators account=- status=200 code=- request=[^ ]+ [0-9.]+ms queue=[0-9.]+ms wire=[0-9.]+ms attempts=[0-9]+$' \
	"-v prints one line per request"
al "${EP[@]}" recorder --account "$MIGRATION" --verbose
has_err "^alicfg: GetConfigurationRecorder account=$MIGRATION status=200 " \
	"-v names the member account"
al "${EP[@]}" -v accounts ca-ffffffffffffffff
has_err '^alicfg: GetAggregator account=- status=400 code=Invalid\.AggregatorId\.Value ' \
	"-v shows the Code of a failed request"

# --- the alicfg config file ---
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf '[alicfg]\nsignature = v2\nconcurrency = 2\noutput_is_not_a_key = 1\n' >"$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" aggregators
is_rc 3 "config file with an unknown key: exit 3"
has_err 'alicfg/config:4: unknown key' "the config error names file and line"
printf 'concurrency = many\n' >"$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" aggregators
is_rc 3 "config file with a bad value: exit 3"
has_err 'alicfg/config:1: concurrency' "the bad value names file, line and key"
printf 'signature = v2\nreadonly = yes\n' >"$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" -v aggregators
is_rc 0 "config file: signature = v2 works"
has_err 'signature v2' "the config file's signature is used"
al "${EP[@]}" -v --signature v3 aggregators
has_err 'signature v3' "a flag overrides the config file"
al "${EP[@]}" enable --yes
is_rc 4 "readonly = yes in the config file refuses enable"
rm -f "$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" --config "$TEST_TMP/nope.ini" aggregators
is_rc 3 "--config with a missing file: exit 3"
has_err 'nope\.ini' "the missing config file is named"

tap_done
