#!/bin/bash
# readonly: --readonly (and readonly = yes in the config file) shows
# READ-ONLY, greys e in the help, refuses e with the reason, sends nothing.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

DEV=1000000000000010
emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"

tui_start --readonly --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "--readonly: the demo loads"
tui_wait 1 'READ-ONLY' "the title says READ-ONLY"
tui_keys Tab
tui_filter dev-sandbox
tui_keys e
tui_wait 5 'read-only mode .*: enable is disabled' \
	"e is refused and says why"
tui_matches 'Start the config recorder of'; ok $((! $?)) "no confirm opens"
tui_keys Space e
tui_wait 5 'read-only mode' "marked rows are refused too"
tui_keys '?'
tui_wait 5 'read-only: greyed keys are off' "the help says write keys are off"
tui_wait 1 'e +\(off: read-only\) Start the config recorder' \
	"the help marks e as off"
tui_keys Escape q
tui_gone 3; ok $? "q quits"
check "nothing was started" recorder_is "$E_URL" "$DEV" REGISTRABLE
[ ! -s "$XDG_STATE_HOME/alicfg/audit.log" ]; ok $? "nothing was audited"

# the config file setting
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf 'readonly = yes\n' >"$XDG_CONFIG_HOME/alicfg/config"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'READ-ONLY' "readonly = yes in the config file: READ-ONLY"
tui_keys Tab
tui_filter dev-sandbox
tui_keys e
tui_wait 5 'read-only mode' "and e is refused"
tui_keys q
tui_gone 3
rm -f "$XDG_CONFIG_HOME/alicfg/config"
check "still REGISTRABLE" recorder_is "$E_URL" "$DEV" REGISTRABLE

tap_done
