#!/bin/bash
# watch: change markers, the "changed only" filter, the previous status in
# the detail view, notifications (bell + OSC 9, captured raw from the pane)
# when a followed account reaches REGISTERED and when a REGISTERED one falls
# back, notify = no, and the snapshot the TUI saves after a complete load.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

MGMT=1000000000000001 STEADY=1000000000000002 LATER=1000000000000003
FOLLOW=1000000000000005 QUIET=1000000000000006
scenario() {   # scenario FILE STEADY_STATUS LATER_AND_FOLLOW_STATUS
	cat >"$1" <<JSON
{
  "management_account": "$MGMT",
  "accounts": [
    {"id": $MGMT, "name": "acme-management", "recorder_status": "REGISTERED"},
    {"id": $STEADY, "name": "steady-prod", "recorder_status": "$2"},
    {"id": $LATER, "name": "enabled-later", "recorder_status": "$3"},
    {"id": 1000000000000004, "name": "untouched", "recorder_status": "REGISTERED"},
    {"id": $FOLLOW, "name": "follow-me", "recorder_status": "$3"},
    {"id": $QUIET, "name": "quiet-one", "recorder_status": "REGISTRABLE"}
  ],
  "groups": [
    {"id": "ca-0000000000000001", "name": "Team", "type": "CUSTOM",
     "members": [$MGMT, $STEADY, $LATER, 1000000000000004, $FOLLOW, $QUIET]}
  ]
}
JSON
}
scenario "$TEST_TMP/s1.json" REGISTERED REGISTRABLE
# the service after the first TUI session: only steady-prod fell back
scenario "$TEST_TMP/s2.json" REGISTRABLE REGISTERED
SNAPS="$XDG_STATE_HOME/alicfg/snapshots"
nsnaps() { find "$SNAPS" -name '*.json' 2>/dev/null | wc -l; }
al() { "$ALICFG" --endpoint "$E_URL" --sts-endpoint "$E_URL" "$@" </dev/null >/dev/null 2>&1; }
emu_start E --scenario "$TEST_TMP/s1.json" --build-seconds 0.5 ||
	bail_out "alicfg-emu did not start"
export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-secret

# The previous session: a batch load (the baseline), then a change.
al accounts --all
eq_case() { if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3 (got '$1', wanted '$2')"; fi; }
eq_case "$(nsnaps)" 1 "the batch load saved the baseline snapshot"
al enable --account "$LATER" --yes
check "enabled-later became REGISTERED between the sessions" \
	wait_for 15 recorder_is "$E_URL" "$LATER" REGISTERED

TUI_ENV="ALICFG_POLL_MS=200"
RAW="$TEST_TMP/pane.raw"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_tmux pipe-pane -o "cat >>'$RAW'"
tui_wait 10 'MEMBERS of Team \(6\)' "the scenario loads"
tui_keys Tab
tui_wait 5 " ~enabled-later +$LATER +REGISTERED" \
	"a row changed since the last session carries the marker"
check "an unchanged row carries none" tui_matches "  steady-prod +$STEADY +REGISTERED"
check "the snapshot after the TUI's complete load was saved" wait_for 5 test "$(nsnaps)" -ge 2

# the detail view: the previous status
tui_filter enabled-later
tui_keys Enter
tui_wait 5 'Previous status +REGISTRABLE \(at the last session' \
	"the detail view shows the previous status"
tui_keys Escape

# "changed only"
tui_keys Escape C
tui_wait 5 'MEMBERS of Team \(changed only\)' "C: the pane says changed only"
check "the changed row stays" tui_matches "enabled-later +$LATER"
tui_matches "steady-prod"; ok $((! $?)) "an unchanged row is hidden"
tui_keys C
tui_wait 5 'every member shown' "C again: every member"
check "the unchanged rows are back" tui_matches "steady-prod +$STEADY"

# a followed account reaches REGISTERED: bell + OSC 9
tui_filter follow-me
tui_keys e
tui_wait 5 'Start the config recorder' "e on follow-me"
tui_keys y
tui_wait 10 "~follow-me +$FOLLOW +REGISTERED" \
	"the started row reaches REGISTERED and is marked changed"
osc_reached() { grep -aqF "$(printf '\033]9;alicfg: follow-me (%s) is now REGISTERED\007' "$FOLLOW")" "$RAW"; }
check "an OSC 9 notification says it is REGISTERED" wait_for 5 osc_reached
check "the bell rang" grep -aq "$(printf '\a')" "$RAW"

# a REGISTERED account falls back (the service changes under the TUI)
port=${E_URL##*:}
emu_stop E
emu_start E --listen "127.0.0.1:$port" --scenario "$TEST_TMP/s2.json" ||
	bail_out "alicfg-emu did not restart on port $port"
tui_keys Escape r
tui_wait 10 "steady-prod \\($STEADY\\) fell back from REGISTERED to REGISTRABLE" \
	"the status line says a REGISTERED account fell back"
osc_fell() { grep -aqF "$(printf '\033]9;alicfg: steady-prod (%s) fell back from REGISTERED to REGISTRABLE\007' "$STEADY")" "$RAW"; }
check "an OSC 9 notification says so" wait_for 5 osc_fell
tui_wait 5 " ~steady-prod +$STEADY +REGISTRABLE" "the row carries the marker"
tui_keys q
tui_gone 3; ok $? "q quits"

# notify = no: the same news, no bell and no OSC 9
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf 'notify = no\n' >"$XDG_CONFIG_HOME/alicfg/config"
RAW2="$TEST_TMP/pane2.raw"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_tmux pipe-pane -o "cat >>'$RAW2'"
tui_wait 10 'MEMBERS of Team \(6\)' "notify = no: loads"
tui_keys Tab
tui_filter quiet-one
tui_keys e
tui_wait 5 'Start the config recorder' "e on quiet-one"
tui_keys y
tui_wait 10 "quiet-one \\($QUIET\\): recorder REGISTERED" "quiet-one reaches REGISTERED"
tui_keys q
tui_gone 3
grep -aq "$(printf '\033]9;')" "$RAW2"; ok $((! $?)) "notify = no: no OSC 9"
grep -aq "$(printf '\a')" "$RAW2"; ok $((! $?)) "notify = no: no bell"

tap_done
