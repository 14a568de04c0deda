#!/bin/bash
# directory: the Directory entry of the groups pane — first row, every
# directory member with a GROUPS column (0 for the five in no group),
# coverage over the whole organisation, statuses of the accounts in no
# group read as each account (unknown for the one whose access role is
# gone, with the diagnosis on the status line and in the detail view with
# its folder path), the 0 key for "in no group", bulk enable whose confirm
# says how many marked accounts are reachable, then following the started
# one to REGISTERED; a caller that may not list the directory still gets
# its groups.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

OPS=1000000000000061 PARTNER=1000000000000062 ANALYTICS=1000000000000063
emu_start A --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
TUI_ENV="ALICFG_POLL_MS=300"
TUI_COLS=120 TUI_ROWS=36

tui_start --endpoint "$A_URL" --sts-endpoint "$A_URL" --rd-endpoint "$A_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the groups load as before (cursor on the first group)"
tui_wait 10 '^ Directory +DIR +created +65 ' "the Directory entry lists 65 members"
check "Directory is the first row" sh -c "grep -n '' '$TUI_LAST' | grep -E '^4: Directory '"
# The three in no group that can be read are read as themselves:
# 29 REGISTERED from groups + analytics-sandbox, acquired-startup,
# retiring-2019.
tui_wait 15 '^ Directory +DIR +created +65 +32/65' "coverage counts the whole organisation (32/65)"
tui_wait 5 "reading partner-jv-invited \\($PARTNER\\): the access role acs:ram::$PARTNER:role/Resource" \
	"the status line says why partner-jv-invited cannot be read"

tui_keys g
tui_wait 5 'MEMBERS of Directory \(65\)' "g: the Directory's members"
tui_wait 1 'RECORDER +GROUPS' "a GROUPS column"
tui_keys Tab
tui_filter ops-tokyo
tui_wait 5 "ops-tokyo +$OPS +REGISTRABLE +0" "ops-tokyo: read REGISTRABLE, in 0 groups"
tui_filter dev-sandbox
tui_wait 5 "dev-sandbox +1000000000000010 +REGISTRABLE +2" "dev-sandbox: in 2 groups"
tui_keys Escape

# --- only the members in no group ---
tui_keys 0
tui_wait 5 'MEMBERS of Directory: in no group \(5\)' "0: only the five in no group"
tui_wait 1 "!partner-jv-invited +$PARTNER +unknown +0" \
	"partner-jv-invited stays unknown, with an error marker"
tui_wait 1 "$ANALYTICS +REGISTERED +0" "analytics-sandbox read REGISTERED"
tui_filter partner
tui_wait 5 "partner-jv-invited \\($PARTNER\\): EntityNotExist" \
	"with the cursor on it the status line names its Code"
tui_keys Enter
tui_wait 5 "ACCOUNT partner-jv-invited \\($PARTNER\\)" "Enter: the detail view"
tui_wait 1 'Folder path +r-acme01/fd-partner01' "the detail shows the folder path"
tui_wait 1 'Account groups +none: no group watches this account' "and that no group lists it"
tui_wait 1 'Last error +EntityNotExist.Role \(HTTP 404\): the access role' "and the access diagnosis"
tui_keys Escape
tui_keys Escape

# --- bulk enable: the confirm counts the reachable ones ---
tui_filter partner
tui_keys Space
tui_filter ops-tokyo
tui_keys Space
tui_keys Escape
tui_keys e
tui_wait 5 'Start the config recorder of 2 accounts\?' "e on two marked accounts"
tui_wait 1 '1 of 2 reachable \(the others' "the confirm says how many are reachable"
tui_keys y
tui_wait 10 "$OPS +REGISTERED +0" "ops-tokyo (in no group) is followed to REGISTERED"
check "the emulator says REGISTERED" recorder_is "$A_URL" "$OPS" REGISTERED
tui_wait 5 'enable: 1 of 2 started, [01] REGISTERED; 0 already on, 0 in progress, 1 failed' "the start of partner-jv-invited fails (no access role)"
grep -q "\"account\":\"$OPS\"" "$XDG_STATE_HOME/alicfg/audit.log" 2>/dev/null
ok $? "the start is in the audit log"
tui_keys 0
tui_wait 5 'MEMBERS of Directory \(65\)' "0 again: every member"
tui_keys q
tui_gone 3; ok $? "q quits"

# --- a caller that may not list the directory ---
TUI_NO_KEY=1
TUI_ENV="ALICFG_POLL_MS=300 ALIBABA_CLOUD_ACCESS_KEY_ID=demo-member-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-member-secret"
tui_start --endpoint "$A_URL" --sts-endpoint "$A_URL" --rd-endpoint "$A_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'no Directory entry: the caller may not list the resource directory' \
	"a plain member is told why there is no Directory entry"
check "no Directory row" sh -c "! grep -q '^ Directory ' '$TUI_LAST'"
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
