#!/bin/bash
# small: the triage screen at 80x24, the most common terminal size
# (issue 13 §1, §2). The members pane never drops RECORDER; with the
# members focused the groups pane is a strip (name and coverage) and the
# account id comes back; the title drops the endpoint host before the
# caller's account; `? help` and `q quit` always show in the key hints,
# which follow the view; the help is a scrollable list on a cleared area
# that says where it is; `o` sorts only by columns on screen; names with
# numbers sort naturally.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

TUI_COLS=80
TUI_ROWS=24
emu_start E --scenario demo || bail_out "alicfg-emu did not start"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 'Security audit .* 6/15' "80x24: the demo loads"

# --- columns: purpose first ---
check "the members pane shows RECORDER" tui_matches 'NAME. +RECORDER *$'
check "and the statuses" tui_matches 'dev-sandbox +REGISTRABLE'
check "the groups pane keeps COVERAGE" tui_matches 'COVERAGE│'
tui_keys Tab
tui_wait 3 'ACCOUNT ID +RECORDER' "Tab: the account id comes back"
check "with the members focused the groups are a strip of name and coverage" \
	tui_matches '^ NAME. +COVERAGE│'
check "member names keep at least 16 columns" \
	tui_matches 'acme-internationa[^ ]* +1000000000000016 REGISTRABLE'
tui_keys Tab
tui_wait 3 'NAME. +STATE +COVERAGE│' "Tab back: the groups pane widens again"

# --- title and hints ---
check "the title keeps the caller's account" tui_matches 'acct 1000000000000001'
tui_matches '127\.0\.0\.1'; ok $((! $?)) "and drops the endpoint host first"
check "the hints end with ? help and q quit" tui_matches '\? help  q quit *$'
tui_keys Enter
tui_wait 3 'GROUP All accounts' "Enter opens a detail"
check "the detail's hints offer Esc back, not enable" \
	tui_matches '^Esc back  \? help  q quit *$'
tui_keys Escape L
tui_wait 3 'REQUEST LOG' "L opens the log"
check "the log's hints too" tui_matches '^Esc back  \? help  q quit *$'
tui_keys Escape

# --- help: scrollable, says where it is, drawn on a cleared area ---
tui_keys '?'
tui_wait 3 ' Keys ' "? opens the help"
check "it says which lines show, of how many" \
	tui_matches ' 1-[0-9]+ of [0-9]+, j/PgDn for more '
tui_screen | sed -n '3,20p' >"$TEST_TMP/help.rows"
! grep -Ev '^  │.*│ *$' "$TEST_TMP/help.rows" >/dev/null
ok $? "nothing of the view under it shows at the sides" ||
	diag "$(cat "$TEST_TMP/help.rows")"
tui_keys G
tui_wait 3 ' [0-9]+-([0-9]+) of \1 ' "G shows the end, and says so"
check "the last key is there" tui_matches 'q, C-c +Quit'
tui_keys Escape

# --- o sorts by the columns on screen only ---
tui_keys o
tui_wait 3 'groups sorted by STATE' "o skips the hidden TYPE column"
tui_keys o
tui_wait 3 'groups sorted by COVERAGE' "and the hidden ACCTS column"
check "the header shows the sort column and direction" \
	tui_matches 'COVERAGE▲'
tui_keys q
tui_gone 3; ok $? "q quits"
emu_stop E

# --- natural order of names with numbers (wide enough for whole names) ---
TUI_COLS=120
TUI_ROWS=30
emu_start S --scenario scale:12:60 --seed 3 || bail_out "alicfg-emu did not start"
tui_start --endpoint "$S_URL" --sts-endpoint "$S_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 'GROUPS \(12\)' "12 generated groups load"
tui_screen >"$TEST_TMP/scale.txt"
n2=$(grep -n 'Custom group 2 ' "$TEST_TMP/scale.txt" | head -n 1 | cut -d: -f1)
n10=$(grep -n 'Custom group 10 ' "$TEST_TMP/scale.txt" | head -n 1 | cut -d: -f1)
[ -n "$n2" ] && [ -n "$n10" ] && [ "$n2" -lt "$n10" ]
ok $? "group 2 sorts before group 10 (rows $n2, $n10)" ||
	diag "$(cat "$TEST_TMP/scale.txt")"
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
