#!/bin/bash
# golden: whole screens compared with committed files, as tig does. One
# fixed scenario (the demo data, emulator seed 1), one request at a time
# (so the request log has a fixed order), a 100x30 terminal, TZ=UTC and a
# pinned locale (tui_lib.sh). Screens: main, account detail, help, request
# log, enable dialog at 100x30; main, members focused and help at 80x24
# and 120x40. What differs from run to run is masked first (see
# golden_mask): the emulator's port, the refresh age, spinner frames, the
# log's clock times, queue/wire milliseconds and RequestIds.
#
# A change to the layout fails here on purpose. Look at the diff, then
# refresh the files with
#     make golden-update          (from the build directory)
# which runs this test with ALICFG_GOLDEN_UPDATE=1 and writes
# tests/tui/golden/*.txt in the source tree; commit them with the change.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

GOLDEN_DIR="$top_srcdir/tests/tui/golden"
UUID='[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'

# The screen on stdin, with what varies between runs made fixed.
golden_mask() {
	LC_ALL=C sed -E \
		-e 's/\xe2[\xa0-\xa3][\x80-\xbf]/~/g' \
		-e '1s/127\.0\.0\.1:[0-9]+/127.0.0.1:PORT/' \
		-e '1s/refreshed [0-9]+[smh] ago/refreshed N ago/' \
		-e '1s/swept [0-9]+[smh] ago/swept N ago/' \
		-e '1s/swept [0-9]+[smh] ago/swept N ago/' \
		-e '1s/   +/   /g' \
		-e "s/$UUID/REQUEST-ID/g" |
	awk '
	# request log rows: TIME ACTION ACCOUNT HTTP CODE QUEUE WIRE TRY ID
	$1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ && NF >= 8 {
		$1 = "hh:mm:ss"; $6 = "Q"; $7 = "W"
		if (NF >= 9) $9 = "ID"
		print " " $0
		next
	}
	{ print }'
}

# golden NAME DESC: compare (or, when updating, write) the masked screen.
golden() {
	local name=$1 desc=$2 want="$GOLDEN_DIR/$1.txt" got="$TEST_TMP/$1.txt"
	tui_screen | golden_mask >"$got"
	if [ -n "$ALICFG_GOLDEN_UPDATE" ]; then
		mkdir -p "$GOLDEN_DIR" && cp "$got" "$want"
		ok $? "$desc (golden file $name.txt written)"
		return
	fi
	if [ ! -f "$want" ]; then
		ok 1 "$desc: tests/tui/golden/$name.txt is missing (make golden-update)"
		return
	fi
	diff -u "$want" "$got" >"$TEST_TMP/$name.diff"
	local rc=$?
	ok $rc "$desc matches tests/tui/golden/$name.txt"
	[ $rc -eq 0 ] || while IFS= read -r line; do diag "$line"; done <"$TEST_TMP/$name.diff"
}

emu_start E --scenario demo --seed 1 || bail_out "alicfg-emu did not start"
tui_start --concurrency 1 --refresh 3600 --endpoint "$E_URL" \
	--sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"

# settled: every group loaded, nothing in flight
settled() {
	tui_matches 'refreshed [0-9]+s ago' && ! tui_matches 'in flight'
}
tui_wait 15 'Security audit .* 6/15' "the demo loads"
check "nothing left in flight" wait_for 10 settled
golden main "the main screen"

tui_keys Tab
tui_wait 3 'MEMBERS of All accounts' "Tab to the members"
tui_keys Enter
tui_wait 3 'ACCOUNT ' "Enter opens the account detail"
golden detail "the account detail"

tui_keys Escape '?'
tui_wait 3 'Keys' "? opens the help"
golden help "the help"

tui_keys Escape L
tui_wait 3 'REQUEST LOG \(5,' "L opens the request log"
golden log "the request log"

tui_keys Escape
tui_filter dev-sandbox
tui_keys e
tui_wait 3 'Start the config recorder of 1 account' "e opens the confirm"
golden enable "the enable dialog"
tui_keys n
tui_wait 3 'not enabled' "n cancels"
tui_keys q
tui_gone 3; ok $? "q quits"

# the same data at 80x24 (the most common terminal) and at 120x40
for size in 80x24 120x40; do
	TUI_COLS=${size%x*}
	TUI_ROWS=${size#*x}
	tui_start --concurrency 1 --refresh 3600 --endpoint "$E_URL" \
		--sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
	tui_wait 15 'Security audit .* 6/15' "$size: the demo loads"
	check "$size: nothing left in flight" wait_for 10 settled
	golden "main-$size" "$size: the main screen"
	tui_keys Tab
	tui_wait 3 'ACCOUNT ID' "$size: Tab to the members"
	golden "members-$size" "$size: the members focused"
	tui_keys '?'
	tui_wait 3 ' Keys ' "$size: ? opens the help"
	golden "help-$size" "$size: the help"
	tui_keys Escape q
	tui_gone 3; ok $? "$size: q quits"
done

tap_done
