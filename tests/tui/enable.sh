#!/bin/bash
# enable: the confirm names the account and defaults to No; y starts the
# recorder, the row goes starting/BUILDING then REGISTERED (on screen and
# in the emulator); bulk enable of three marked rows with a summary;
# already-on rows are skipped; a failure stays on the row with its Code.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

DEV=1000000000000010 QA=1000000000000011 STG=1000000000000012
emu_start A --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
emu_start B --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
TUI_ENV="ALICFG_POLL_MS=300"

# --- one account ---
tui_start --endpoint "$A_URL" --sts-endpoint "$A_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the demo loads"
tui_keys Tab
tui_filter dev-sandbox
tui_wait 5 "dev-sandbox +$DEV +REGISTRABLE" "dev-sandbox is REGISTRABLE"
tui_keys e
tui_wait 5 'Start the config recorder of 1 account\?' "e opens the confirm"
tui_wait 1 "dev-sandbox \\($DEV\\)" "the confirm names the account and its id"
tui_wait 1 '\[ No \]' "the confirm offers No"
tui_keys Enter
tui_wait 5 'not enabled' "Enter takes the default, No"
check "No sent nothing: still REGISTRABLE in the emulator" \
	recorder_is "$A_URL" "$DEV" REGISTRABLE
tui_keys e
tui_wait 5 'Start the config recorder' "e again"
tui_keys y
tui_wait 5 "dev-sandbox +$DEV +. (starting|BUILDING)" \
	"y: the row shows the start (starting or BUILDING)"
tui_wait 10 "dev-sandbox +$DEV +REGISTERED" "then follows it to REGISTERED"
tui_wait 1 "dev-sandbox \\($DEV\\): recorder REGISTERED" "the status line says so"
check "the emulator says REGISTERED too" recorder_is "$A_URL" "$DEV" REGISTERED
grep -q "$DEV" "$XDG_STATE_HOME/alicfg/audit.log" 2>/dev/null
ok $? "the start is in the audit log"
tui_keys e
tui_wait 5 'is already REGISTERED: nothing to start' \
	"e on a REGISTERED row says so (no dialog)"
tui_keys q
tui_gone 3; ok $? "q quits"

# --- bulk: three marked rows ---
tui_start --endpoint "$B_URL" --sts-endpoint "$B_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "second run loads"
tui_keys G Tab
tui_wait 5 'MEMBERS of Security audit \(15\)' "on Security audit"
tui_filter -sandbox
tui_wait 5 'MEMBERS of Security audit \(2 of 15\)' "filtered to the two sandboxes"
tui_keys Space Space
tui_wait 5 '2 marked' "two marked"
tui_filter staging-eu
tui_keys Space
tui_wait 5 '3 marked' "three marked"
tui_keys Escape
tui_wait 5 'MEMBERS of Security audit \(15\)' "filter cleared, marks kept"
tui_keys e
tui_wait 5 'Start the config recorder of 3 accounts\?' "the confirm counts three"
check "it names dev-sandbox" tui_matches "dev-sandbox \\($DEV\\)"
check "it names qa-sandbox" tui_matches "qa-sandbox \\($QA\\)"
check "it names staging-eu" tui_matches "staging-eu \\($STG\\)"
tui_keys y
tui_wait 10 'enable: 3 of 3 started, [0-3] REGISTERED; 0 already on, 0 in progress, 0 failed' "the summary counts 3 started"
tui_wait 15 '3 of 3 started, 3 REGISTERED' "all three reach REGISTERED"
for id in $DEV $QA $STG; do
	check "$id is REGISTERED in the emulator" recorder_is "$B_URL" "$id" REGISTERED
done
tui_matches '[0-9]+ marked'; ok $((! $?)) "the marks are cleared once sent"

# --- bulk with one already on ---
tui_filter dev-sandbox
tui_keys Space
tui_filter r\&d
tui_keys Space
tui_keys Escape e
tui_wait 5 'Start the config recorder of 1 account\?' "only the REGISTRABLE one is asked for"
tui_wait 1 '1 marked account already on or starting: skipped' "the other is named skipped"
tui_keys y
tui_wait 10 'enable: 1 of 1 started, [01] REGISTERED; 1 already on, 0 in progress, 0 failed' "the summary counts it already on"
tui_keys q
tui_gone 3

# --- a failure stays on the row with its Code ---
TUI_ENV="ALICFG_POLL_MS=300 ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ro-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-ro-secret"
tui_start --endpoint "$A_URL" --sts-endpoint "$A_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "a read-only key still browses"
tui_keys Tab
tui_filter qa-sandbox
tui_keys e
tui_wait 5 'Start the config recorder of 1 account' "confirm"
tui_keys y
tui_wait 10 "enabling qa-sandbox \\($QA\\): NoPermission" \
	"the status line names the error Code"
tui_wait 1 "!qa-sandbox +$QA +REGISTRABLE" \
	"the row keeps an error marker, its name whole"
tui_keys j
tui_wait 3 "qa-sandbox \\($QA\\): NoPermission \\(HTTP [0-9]+\\) - Enter for details" \
	"with the cursor on the row the status line names its Code"
tui_keys Escape Enter
tui_wait 5 'Error Code +NoPermission' "the detail shows the Code"
tui_wait 1 'Error RequestId +[0-9A-F-]{20,}' "and its RequestId"
check "nothing changed in the emulator" recorder_is "$A_URL" "$QA" REGISTRABLE
tui_keys q
tui_gone 3

tap_done
