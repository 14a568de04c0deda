#!/bin/bash
# progressive: data arrives piece by piece and the screen never waits for
# it: the first frame comes before any answer, keys work while requests are
# in flight, the groups show before their members, and the group under the
# cursor jumps the queue. Then the auto refresh: it fires by itself after
# --refresh seconds, p stops it, p again restarts it.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

# --- slow answers, one request at a time -----------------------------------
# With --concurrency 1 the queue order is visible on screen: every answer
# takes 3 s, so each group's members arrive one after another. The 3 s are
# the window each step below must fit in; they are wide so that the test
# holds under `make check -j8` on a loaded machine. The
# background order is the API's (ca-..1 All accounts, ca-..2 Production,
# ca-..3 Security audit, ca-..4 Onboarding); Onboarding, last in line, is
# the one the cursor moves to.
emu_start S --scenario demo --latency 3000 || bail_out "alicfg-emu did not start"
tui_start --concurrency 1 --endpoint "$S_URL" --sts-endpoint "$S_URL" ||
	bail_out "tmux could not start alicfg"

tui_wait 3 'loading account groups' \
	"the first frame is painted before any answer"
# the first frame may come before the worker picked the job up (0 in
# flight, 1 queued); the spinner's next frame shows it on the wire
tui_wait 3 ' 1 in flight  ' "the title shows the request in flight"
tui_keys '?'
# the help on screen while the title still has "acct ?" and one request in
# flight: the key was handled before the first answer came back
tui_wait 3 'acct \? .* 1 in flight' && tui_matches 'Keys'
ok $? "? opens the help while the first request is still in flight"
tui_keys Escape
tui_wait 3 'GROUPS \(' "Esc goes back"

tui_wait 8 'All accounts' "the groups arrive"
tui_keys j
tui_wait 3 'MEMBERS of Onboarding' && tui_matches 'All accounts .* \?/60'
ok $? "j moves to Onboarding while All accounts' members are still loading"
check "the title shows requests in flight" tui_matches '[0-9]+ in flight'
check "the title counts the one on the wire apart from the queued ones" \
	tui_matches ' 1 in flight, [1-3] queued'
check "the other groups are listed without their members yet" \
	tui_matches 'Production .* \?/17'

tui_wait 15 'MEMBERS of Onboarding \(3\)' "Onboarding's members arrive"
# All accounts was already on its way; Onboarding jumped ahead of the two
# groups queued before it
check "All accounts (in flight before the move) came first" \
	tui_matches 'All accounts .* 29/60'
check "Production is still waiting" tui_matches 'Production .* \?/17'
check "Security audit is still waiting" tui_matches 'Security audit .* \?/15'
check "requests are still in flight" tui_matches '[0-9]+ in flight'
tui_keys j
tui_wait 3 'MEMBERS of Production' "j still moves the cursor"
tui_wait 15 'Security audit .* 6/15' "the rest arrive in the background"
check "Production too" tui_matches 'Production .* 13/17'
check "the members pane follows the cursor" \
	tui_matches 'MEMBERS of Production \(17\)'
tui_wait 5 'refreshed [0-9]+s ago' "the title shows the refresh age"
tui_matches 'in flight'; ok $((! $?)) "nothing is in flight any more"
# one slot and 3 s answers: the groups behind the first waited their turn
tui_keys L
tui_wait 3 'ACTION .* QUEUE +WIRE +TRY +REQUESTID' "the request log has QUEUE and WIRE, and still the RequestId"
check "a GetAggregator waited 3 s or more for its turn (QUEUE), apart from its 3 s answer (WIRE)" \
	tui_matches 'GetAggregator +caller +200 +OK +([3-9][0-9]{3}|[0-9]{5,}) +([3-9][0-9]{3}|[0-9]{5,}) +1 '
tui_keys Escape
tui_keys q
tui_gone 3; ok $? "q quits"
emu_stop S

# --- auto refresh, pause, resume -------------------------------------------
LOG="$TEST_TMP/emu-refresh.log"
emu_start R --scenario demo --log "$LOG" || bail_out "alicfg-emu did not start"
lists() {
	grep -c '"action":"ListAggregators"' "$LOG" 2>/dev/null
}
lists_at_least() {
	[ "$(lists)" -ge "$1" ]
}
tui_start --refresh 10 --endpoint "$R_URL" --sts-endpoint "$R_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "--refresh 10: the demo loads"
check "one ListAggregators so far" lists_at_least 1
t0=$(date +%s)
# no key from here on
check "a second ListAggregators arrives by itself (deadline 25 s)" \
	wait_for 25 lists_at_least 2
gap=$(($(date +%s) - t0))
diag "second ListAggregators after about $gap s"
[ "$gap" -ge 8 ]; ok $? "not before the interval (about 10 s, saw $gap s)"
tui_wait 5 'refreshed [0-3]s ago' "the title's refresh age restarts"

tui_keys p
tui_wait 5 'PAUSED' "p pauses: the title says PAUSED"
n=$(lists)
wait_for 12 lists_at_least $((n + 1))
ok $((! $?)) "paused: no ListAggregators for 12 s"
tui_matches 'refreshed (1[0-9]|[2-9][0-9])s ago'
ok $? "the refresh age keeps counting while paused"
tui_keys p
tui_wait 5 'auto refresh every 10s' "p again resumes"
check "resumed: the next ListAggregators comes within the interval" \
	wait_for 15 lists_at_least $((n + 1))
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
