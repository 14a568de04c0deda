#!/bin/bash
# faults: throttling and 503s leave the UI working, with a clear status
# line; a mix of faults still gets the data through the client's retries.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

emu_start T --scenario demo --faults throttle=1 || bail_out "alicfg-emu did not start"
emu_start U --scenario demo --faults unavailable=1 || bail_out "alicfg-emu did not start"
emu_start M --scenario demo --seed 7 --faults throttle=0.3,unavailable=0.2 ||
	bail_out "alicfg-emu did not start"

# --- every answer throttled ---
tui_start --endpoint "$T_URL" --sts-endpoint "$T_URL" || bail_out "tmux could not start alicfg"
tui_wait 3 'alicfg ' "throttled: the screen opens at once"
tui_wait 40 'the API is throttling \(Throttling\.User\)' \
	"the status line says the API is throttling"
tui_wait 1 'auto refresh slowed to every [0-9]+s' "and that the refresh backs off"
tui_keys '?'
tui_wait 5 'Keys' "keys still work (help opens)"
tui_keys Escape L
tui_wait 5 'ListAggregators +caller +400 +Throttling\.User' \
	"the log shows the throttled call with its Code"
tui_keys q
tui_gone 3; ok $? "q quits"

# --- every answer 503 ---
tui_start --endpoint "$U_URL" --sts-endpoint "$U_URL" || bail_out "tmux could not start alicfg"
tui_wait 40 'listing account groups: ServiceUnavailable \(HTTP 503\)' \
	"503: the status line names ServiceUnavailable"
tui_wait 1 'RequestId' "with the RequestId"
tui_wait 1 'no account groups' "the pane says there is nothing (no crash)"
tui_keys r
tui_wait 5 'refreshing' "r retries"
tui_wait 40 'ServiceUnavailable' "and reports the failure again"
tui_keys q
tui_gone 3; ok $? "q quits"

# --- a mix: the retries get the data through ---
tui_start --endpoint "$M_URL" --sts-endpoint "$M_URL" || bail_out "tmux could not start alicfg"
tui_wait 40 'MEMBERS of All accounts \(60\)' "with 30% throttling and 20% 503s the data arrives"
tui_keys j
tui_wait 30 'MEMBERS of Onboarding \(3\)' "and moving still works"
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
