#!/bin/bash
# resize: the screen relayouts at once; below 60x15 it says it is too small
# and recovers when the terminal grows again.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

emu_start E --scenario demo || bail_out "alicfg-emu did not start"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the demo loads at 100x30"
tui_tmux resize-window -x 50 -y 12
tui_wait 5 'terminal too small: 50x12' "50x12: the screen says it is too small"
tui_wait 1 'need at least 60x15' "and what it needs"
tui_tmux resize-window -x 100 -y 30
tui_wait 5 'MEMBERS of All accounts \(60\)' "back to 100x30: the panes return"
tui_wait 1 'q quit' "with the key hints"
tui_tmux resize-window -x 140 -y 40
tui_wait 5 'All accounts +CUSTOM +created' "140x40: the wider layout shows the group type"
[ "$(tui_screen | wc -l)" -ge 40 ]; ok $? "and uses all 40 rows"
tui_tmux resize-window -x 60 -y 15
tui_wait 5 'MEMBERS of All' "60x15 (the minimum) still shows the panes"
tui_tmux resize-window -x 50 -y 12
tui_wait 5 'terminal too small' "too small again"
tui_keys q
tui_gone 3; ok $? "q quits from the too-small screen"

tap_done
