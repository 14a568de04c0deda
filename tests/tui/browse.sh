#!/bin/bash
# browse: the demo directory on screen, and every read-only key: moving,
# panes, filter with n/N, sort, detail, help, log, marks, export, quit;
# a CJK name keeps the columns after it aligned.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

emu_start E --scenario demo || bail_out "alicfg-emu did not start"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	skip_all "could not start alicfg in tmux"

# --- the first screen ---
tui_wait 10 'All accounts' "the groups appear"
tui_wait 5 'Onboarding.*creating' "a group being created is marked creating"
check "all four demo groups are listed" tui_wait 1 \
	'Production' && tui_matches 'Security audit'
tui_wait 5 'acct 1000000000000001' "the title shows the caller account"
tui_wait 1 '127\.0\.0\.1:[0-9]+' "the title shows the endpoint host"
tui_wait 10 'MEMBERS of All accounts \(60\)' \
	"the selected group's members load"
tui_wait 10 'All accounts +(CUSTOM +)?created +60 +[0-9]+/60' \
	"the group row shows state, count and coverage"
tui_wait 5 'dev-sandbox +1000000000000010 +REGISTRABLE' \
	"a member row shows name, id and recorder status"

# --- moving between groups: the members pane follows ---
tui_keys j
tui_wait 5 'MEMBERS of Onboarding \(3\)' "j selects the next group"
tui_keys j j
tui_wait 5 'MEMBERS of Security audit' "j j moves two more"
tui_keys k
tui_wait 5 'MEMBERS of Production' "k moves back"
tui_keys g
tui_wait 5 'MEMBERS of All accounts' "g goes to the first group"
tui_keys G
tui_wait 5 'MEMBERS of Security audit \(15\)' "G goes to the last group"

# --- CJK: the id column starts at the same place in every row ---
tui_wait 10 '1000000000000013' "the CJK-named account is listed"
c_cjk=$(tui_column 1000000000000013 1000000000000013)
c_dev=$(tui_column 1000000000000010 1000000000000010)
c_qa=$(tui_column 1000000000000011 1000000000000011)
diag "ACCOUNT ID column: CJK row $c_cjk, dev-sandbox $c_dev, qa-sandbox $c_qa"
[ "$c_cjk" -ge 0 ] && [ "$c_cjk" = "$c_dev" ] && [ "$c_dev" = "$c_qa" ]
ok $? "a CJK name keeps the ACCOUNT ID column aligned"
tui_matches '生产环境' ; ok $? "the CJK name is drawn"
s_cjk=$(tui_column 1000000000000013 REGISTERED)
s_dev=$(tui_column 1000000000000010 REGISTRABLE)
[ "$s_cjk" -ge 0 ] && [ "$s_cjk" = "$s_dev" ]
ok $? "and the RECORDER column too ($s_cjk vs $s_dev)"

# --- filter the members pane ---
tui_keys Tab /
tui_type sandbox
tui_wait 5 'MEMBERS of Security audit \(2 of 15\) filter' \
	"/ filters the members pane as you type"
tui_matches 'staging-eu'; ok $((! $?)) "rows that do not match are hidden"
tui_keys Enter
# the prompt is gone and the pane is still filtered
tui_wait 5 'MEMBERS of Security audit \(2 of 15\) filter: sandbox' \
	"Enter keeps the filter" && ! tui_matches 'filter members:'
ok $? "Enter closes the prompt"
tui_keys Escape
tui_wait 5 'MEMBERS of Security audit \(15\)' "Esc clears the filter"
tui_keys n Enter
tui_wait 5 'ACCOUNT qa-sandbox \(1000000000000011\)' \
	"n steps to the next match (and Enter opens its detail)"
tui_keys Escape N Enter
tui_wait 5 'ACCOUNT dev-sandbox \(1000000000000010\)' \
	"N steps back to the previous match"
tui_wait 1 'Recorder status +REGISTRABLE' "the detail shows the recorder status"
tui_wait 1 'Last RequestId +[0-9A-F-]{20,}' "the detail shows the last RequestId"
tui_wait 1 'Groups +All accounts, Security audit' \
	"the detail names the account's groups"
tui_keys Escape
tui_wait 5 'MEMBERS of Security audit' "Esc goes back from the detail"

# --- group detail ---
tui_keys h Enter
tui_wait 5 'GROUP Security audit' "Enter on a group opens its detail"
tui_wait 1 'Created +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} UTC' \
	"the created time is shown in UTC"
tui_wait 1 'Group ID +ca-0000000000000003' "the group id is shown"
tui_wait 1 'Type +CUSTOM' "the group type is shown"
tui_keys Escape

# --- sort the members of All accounts ---
tui_keys g Tab
tui_wait 5 'MEMBERS of All accounts \(60\)' "back on All accounts"
tui_keys o
tui_wait 5 'ACCOUNT ID▲' "o sorts by the next column (ACCOUNT ID)"
first_row() { tui_screen | sed -n 4p; }
first_row | grep -q '1000000000000001 '
ok $? "sorted by id: the first row is 1000000000000001"
tui_keys O
tui_wait 5 'ACCOUNT ID▼' "O reverses the order"
first_row | grep -q '1000000000000001 '
ok $((! $?)) "reversed: 1000000000000001 is no longer first"
tui_keys o
tui_wait 5 'RECORDER▼' \
	"o skips TYPE (not on screen at 100 columns) and sorts by recorder status"
tui_keys O
tui_wait 5 'RECORDER▲' "O flips it"
first_row | grep -q 'REGISTRABLE'
ok $? "by recorder status: REGISTRABLE first"
tui_keys o
tui_wait 5 '│  NAME▲' "o cycles back to the name"

# --- marks ---
tui_keys g Space
tui_wait 5 '1 marked' "Space marks a row and counts it"
tui_wait 1 '│\* acme-internationa' "the marked row shows *"
tui_keys U
tui_wait 5 'marks cleared' "U clears the marks"

# --- help and log ---
tui_keys '?'
tui_wait 5 'Keys' "? opens the help"
tui_wait 1 'e +Start the config recorder' "the help lists e (enable)"
tui_keys G
tui_wait 5 'q, C-c +Quit' "the help scrolls (G) to quit and its keys"
tui_keys Escape
tui_wait 5 'MEMBERS of All accounts' "Esc closes the help"
tui_keys L
tui_wait 5 'REQUEST LOG' "L opens the request log"
tui_wait 1 'ListAggregators +caller +200 +OK' "the log shows ListAggregators"
tui_wait 1 'GetAggregator +caller +200' "the log shows GetAggregator"
tui_keys Escape

# --- export the members pane ---
tui_keys x
tui_wait 5 'exported 60 rows to alicfg-members-[0-9]{8}T[0-9]{6}Z\.csv' \
	"x exports the pane and names the file"
csv=$(ls "$TEST_TMP/cwd"/alicfg-members-*.csv 2>/dev/null | head -n 1)
[ -n "$csv" ] && head -n 1 "$csv" | grep -q '^NAME,ACCOUNT ID,TYPE,RECORDER,ERROR,MARKED'
ok $? "the CSV has the visible columns as its header"
[ -n "$csv" ] && [ "$(wc -l <"$csv")" -eq 61 ]
ok $? "the CSV has one line per row"
[ -n "$csv" ] && grep -q '^dev-sandbox,1000000000000010,ResourceDirectory,REGISTRABLE,,no' "$csv"
ok $? "the CSV rows hold the cells"

# --- refresh and pause ---
tui_keys r
tui_wait 5 'refreshing|refreshed' "r refreshes"
tui_keys p
tui_wait 5 'PAUSED' "p pauses the auto refresh"
tui_keys p
tui_wait 5 'auto refresh every' "p resumes it"

# --- quit ---
tui_keys q
tui_gone 3; ok $? "q quits"
wait_for 3 test -s "$TUI_RC_FILE"
[ "$(cat "$TUI_RC_FILE" 2>/dev/null)" = 0 ]; ok $? "and exits 0"

tap_done
