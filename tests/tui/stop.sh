#!/bin/bash
# stop: S on a member asks for the number of accounts to be typed; a wrong
# number or Esc stops nothing; the right one sends StopConfigurationRecorder
# (audited before and after); a member of an account group gets the
# service's MemberStopSLRFail, which stays on the row with its Code; the
# help shows S in red; read-only mode refuses S before anything is sent.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

DEV=1000000000000010 QA=1000000000000011
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"
stops() {   # stops EVENT UID: audit records of stops of UID
	[ -f "$AUDIT" ] || { echo 0; return; }
	grep -c "\"event\":\"$1\".*\"account\":\"$2\".*\"action\":\"StopConfigurationRecorder\"" "$AUDIT"
}
emu_start E --scenario demo || bail_out "alicfg-emu did not start"

tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the demo loads"

# the help: S is listed, in red
tui_keys '?'
tui_wait 5 'S +Stop the config recorder' "the help lists S"
help_red() {
	tui_tmux capture-pane -p -e | grep -a 'Stop the config recorder' |
		grep -aqE $'\033\\[[0-9;]*(31|91)m'
}
check "S is shown in red in the help" help_red
tui_keys Escape

tui_keys Tab
tui_filter dev-sandbox
tui_wait 5 "dev-sandbox +$DEV" "dev-sandbox is on screen"
tui_keys S
tui_wait 5 'Stop the config recorder of 1 account\?' "S opens the confirm"
check "it names the account" tui_matches "dev-sandbox \\($DEV\\)"
check "it warns what is deleted" tui_matches 'deletes their recorded'
tui_type 2
tui_keys Enter
tui_wait 5 "not stopped: you typed '2', not the number of accounts \\(1\\)" \
	"a wrong number stops nothing"
tui_keys S
tui_wait 5 'Stop the config recorder of 1 account\?' "S again"
tui_keys Escape
tui_wait 5 'not stopped' "Esc stops nothing"
eq_case() { if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3 (got '$1', wanted '$2')"; fi; }
eq_case "$(stops before "$DEV")" 0 "nothing was sent (no audit record)"

tui_keys S
tui_wait 5 'Stop the config recorder of 1 account\?' "S a third time"
tui_type 1
tui_keys Enter
tui_wait 10 "stopping dev-sandbox \\($DEV\\): .*MemberStopSLRFail" \
	"typing 1 sends the stop; the service's refusal is on the status line"
tui_wait 5 "!dev-sa[^ ]* +$DEV +REGISTRABLE" \
	"the row keeps its error marker"
tui_wait 5 "MemberStopSLRFail" \
	"and the Code stays on the status line while the cursor is on the row"
eq_case "$(stops before "$DEV")" 1 "audit: one record before the stop"
check "audit: one record after it, failed with the Code" \
	grep -q "\"event\":\"after\".*\"account\":\"$DEV\".*\"action\":\"StopConfigurationRecorder\".*\"outcome\":\"failed\".*\"code\":\"MemberStopSLRFail\"" "$AUDIT"
check "the emulator still says REGISTRABLE" recorder_is "$E_URL" "$DEV" REGISTRABLE

# two marked accounts: the number to type is 2
tui_keys Escape
tui_filter sandbox
tui_keys Space Space
tui_keys S
tui_wait 5 'Stop the config recorder of 2 accounts\?' "two marked: the confirm counts 2"
tui_type 2
tui_keys Enter
tui_wait 10 'stop: 0 stopped, 2 failed' "both are sent; the summary counts the refusals"
eq_case "$(stops before "$QA")" 1 "audit: qa-sandbox's stop is recorded"
tui_keys q
tui_gone 3; ok $? "q quits"

# read-only: refused at once, nothing sent
tui_start --readonly --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "read-only: loads"
tui_keys Tab S
tui_wait 5 'read-only mode .*stop is disabled' "read-only: S is refused"
tui_matches 'Stop the config recorder of'; ok $((! $?)) "read-only: no confirm"
tui_keys q
tui_gone 3
eq_case "$(grep -c StopConfigurationRecorder "$AUDIT")" 6 \
	"read-only sent nothing (still three stops, before and after)"

tap_done
