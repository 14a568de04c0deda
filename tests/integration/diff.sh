#!/bin/bash
# diff: complete loads leave snapshots; `alicfg diff` prints what changed
# between one and now after the emulator's state changed (a recorder
# started between two runs; a directory reorganised between two emulator
# runs), in table, JSON and CSV; --since picks the snapshot; keep_snapshots
# bounds them; an incomplete load saves nothing and compares nothing.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

OWNER=1000000000000001
FLIP=1000000000000002      # REGISTERED, then REGISTRABLE; leaves Two
STARTED=1000000000000003   # REGISTRABLE, started between two runs
MOVER=1000000000000004     # joins Two
GONE=1000000000000005      # leaves every group
NEWBIE=1000000000000006    # appears
SNAPS="$XDG_STATE_HOME/alicfg/snapshots"
nsnaps() { find "$SNAPS" -name '*.json' 2>/dev/null | wc -l; }

scenario() {   # scenario FILE FLIP_STATUS TWO_MEMBERS ONE_MEMBERS STARTED_STATUS
	cat >"$1" <<JSON
{
  "management_account": "$OWNER",
  "accounts": [
    {"id": $OWNER, "name": "acme-management", "recorder_status": "REGISTERED"},
    {"id": $FLIP, "name": "prod-web", "recorder_status": "$2"},
    {"id": $STARTED, "name": "dev-sandbox", "recorder_status": "$5"},
    {"id": $MOVER, "name": "data-lake", "recorder_status": "REGISTERED"},
    {"id": $GONE, "name": "old-lab", "recorder_status": "REGISTERED"},
    {"id": $NEWBIE, "name": "新账号", "recorder_status": "BUILDING"}
  ],
  "groups": [
    {"id": "ca-0000000000000001", "name": "One", "type": "CUSTOM", "members": [$4]},
    {"id": "ca-0000000000000002", "name": "Two", "type": "CUSTOM", "members": [$3]}
  ]
}
JSON
}
scenario "$TEST_TMP/before.json" REGISTERED "$FLIP" "$OWNER, $FLIP, $STARTED, $MOVER, $GONE" REGISTRABLE
scenario "$TEST_TMP/after.json" REGISTRABLE "$MOVER" "$OWNER, $FLIP, $STARTED, $MOVER, $NEWBIE" REGISTERED

emu_start E --scenario "$TEST_TMP/before.json" --build-seconds 0.5 ||
	bail_out "alicfg-emu did not start"
demo_env
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")

# --- the first diff has nothing to compare with: it saves the baseline ---
al "${EP[@]}" diff
is_rc 0 "diff with no snapshot yet: exit 0"
has_err 'no earlier snapshot.*baseline' "it says this load is the baseline"
eq_case "$(nsnaps)" 1 "the baseline was saved"

# --- accounts --all saves one too; nothing changed ---
al "${EP[@]}" accounts --all
is_rc 0 "accounts --all: exit 0"
eq_case "$(nsnaps)" 2 "accounts --all saved a snapshot"
snap=$(find "$SNAPS" -name '*.json' | sort | tail -1)
check "the snapshot records the caller, a group and a status" \
	grep -q "\"caller\":\"$OWNER\".*\"id\":\"ca-0000000000000002\".*\"id\":\"$FLIP\",\"name\":\"prod-web\",\"status\":\"REGISTERED\"" "$snap"
al "${EP[@]}" diff
is_rc 0 "diff, nothing changed: exit 0"
has_out '^No changes since ' "diff says there are no changes"

# --- a recorder started between two runs ---
al "${EP[@]}" enable --account "$STARTED" --yes
is_rc 0 "enable between the runs: exit 0"
wait_for 15 recorder_is "$E_URL" "$STARTED" REGISTERED
al "${EP[@]}" diff
is_rc 0 "diff after the start: exit 0"
has_out "^$STARTED +dev-sandbox +status +REGISTRABLE +REGISTERED$" \
	"diff shows REGISTRABLE -> REGISTERED for the started account"
eq_case "$(grep -c '^1000' "$OUT_F")" 1 "and nothing else"
al "${EP[@]}" diff
has_out '^No changes since ' "the next diff compares with the last load: no changes"

# --- the directory reorganised between two emulator runs ---
first=$(find "$SNAPS" -name '*.json' | sort | head -1)
first=$(basename "$first")
emu_stop E
emu_start E --scenario "$TEST_TMP/after.json" || bail_out "alicfg-emu did not restart"
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
al "${EP[@]}" diff --output json
is_rc 0 "diff --output json after the reorganisation: exit 0"
has_out "\"AccountId\":\"$FLIP\",\"AccountName\":\"prod-web\",\"Change\":\"status\",\"From\":\"REGISTERED\",\"To\":\"REGISTRABLE\"" \
	"JSON: REGISTERED -> REGISTRABLE"
has_out "\"AccountId\":\"$FLIP\",.*\"Change\":\"left-group\",\"From\":\"ca-0000000000000002\",\"To\":null,\"GroupId\":\"ca-0000000000000002\",\"GroupName\":\"Two\"" \
	"JSON: left a group, with its id and name"
has_out "\"AccountId\":\"$MOVER\",.*\"Change\":\"joined-group\",.*\"GroupName\":\"Two\"" \
	"JSON: joined a group"
has_out "\"AccountId\":\"$GONE\",.*\"Change\":\"disappeared\",\"From\":\"REGISTERED\"" \
	"JSON: an account in no group any more"
has_out "\"AccountId\":\"$NEWBIE\",.*\"Change\":\"appeared\",\"From\":null,\"To\":\"BUILDING\"" \
	"JSON: a new account"
has_out '^\{"Since":"[0-9-]+T[0-9:]+Z","Snapshot":"[0-9T.Z-]+\.json","Changes":\[$' \
	"JSON: names the snapshot and its time"
five_changes() { jq -e '.Changes | length == 5' "$OUT_F" >/dev/null; }
check "the JSON parses, with five changes" five_changes

# --since: a snapshot by name (the baseline, before the start)
al "${EP[@]}" diff --since "$first" --output csv
is_rc 0 "diff --since SNAPSHOT --output csv: exit 0"
has_out '^AccountId,AccountName,Change,From,To,GroupName' "CSV header"
has_out "^$STARTED,dev-sandbox,status,REGISTRABLE,REGISTERED," "CSV: the start, seen from the baseline"
has_out "^$MOVER,data-lake,joined-group,,ca-0000000000000002,Two" "CSV: joined a group"
# --since: a duration older than every snapshot falls back to the oldest
al "${EP[@]}" diff --since 30d
is_rc 0 "diff --since 30d: exit 0"
has_err 'no snapshot is that old; comparing with the oldest' "it says it used the oldest"
has_out "^$NEWBIE +新账号 +appeared +- +BUILDING$" "table: the new account, CJK name"
al "${EP[@]}" diff --since yesterday
is_rc 2 "diff --since with neither a snapshot nor a duration: exit 2"
has_err "'yesterday' is neither a snapshot" "the error names the value"
al "${EP[@]}" accounts --all --since 1h
is_rc 2 "--since with another command: exit 2"

# --- an incomplete load saves nothing and compares nothing ---
before=$(nsnaps)
emu_start F --scenario "$TEST_TMP/after.json" --faults garbage=1 || bail_out "alicfg-emu did not start"
al --endpoint "$F_URL" --sts-endpoint "$F_URL" --max-attempts 1 diff
is_rc 1 "diff on a failing service: exit 1"
has_err 'not complete' "it says the load was not complete"
al --endpoint "$F_URL" --sts-endpoint "$F_URL" --max-attempts 1 accounts --all
eq_case "$(nsnaps)" "$before" "no snapshot from an incomplete load"
emu_stop F

# --- keep_snapshots bounds the directory ---
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf 'keep_snapshots = 3\n' >"$XDG_CONFIG_HOME/alicfg/config"
for i in 1 2 3 4; do al "${EP[@]}" accounts --all; done
eq_case "$(nsnaps)" 3 "keep_snapshots = 3 keeps three"
printf 'keep_snapshots = 0\n' >"$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" diff
is_rc 3 "keep_snapshots = 0: a configuration error"
has_err 'keep_snapshots' "the error names the key"
rm -f "$XDG_CONFIG_HOME/alicfg/config"

# --- a snapshot directory that cannot be written: a warning, the answer stands ---
rm -rf "$SNAPS"
mkdir -p "$(dirname "$SNAPS")"
touch "$SNAPS"   # a file where the directory should be
al "${EP[@]}" accounts --all
is_rc 0 "unwritable snapshot directory: accounts --all still exit 0"
has_err 'warning: snapshot not saved' "a warning says the snapshot was not saved"
has_out 'prod-web' "the listing is printed"

tap_done
