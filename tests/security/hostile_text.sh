#!/bin/bash
# Hostile names and error texts through every batch output path (table,
# CSV, JSON, stderr), checked byte by byte: no terminal control, bidi
# override or C1 character passes raw; CSV formula prefixes get a leading
# '; JSON keeps every character (escaped) so nothing is lost.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"
. "$top_srcdir/tests/security/hostile_scenario.sh"

demo_env
hostile_scenario "$TEST_TMP/hostile.json"
emu_start H --scenario "$TEST_TMP/hostile.json" || bail_out "alicfg-emu did not start"
EP=(--endpoint "$H_URL" --sts-endpoint "$H_URL")

for cmd in aggregators "accounts $HOSTILE_GROUP" "accounts --all" recorder; do
	for fmt in table csv json; do
		# shellcheck disable=SC2086
		al "${EP[@]}" -o $fmt $cmd
		is_rc 0 "$cmd -o $fmt: exit 0"
		if CSV=$([ $fmt = csv ] && echo 1 || echo 0) raw_controls "$OUT_F"; then
			ok 1 "$cmd -o $fmt: no raw control, C1 or bidi byte on stdout"
			last_run_diag
		else
			ok 0 "$cmd -o $fmt: no raw control, C1 or bidi byte on stdout"
		fi
	done
done

# Tables show the controls escaped, visibly.
al "${EP[@]}" accounts "$HOSTILE_GROUP"
has_out 'title\\x1b\]0;pwned\\x07x' "table: OSC 0 shown as \\x1b ... \\x07"
has_out 'c1\\u009b31m\\u009d0;t\\u009cx' "table: C1 controls shown as \\u009b ..."
has_out '\\u202egnp\.exe' "table: the RTL override shown as \\u202e"
has_out 'iso\\u2066x\\u2069' "table: bidi isolates shown as \\u2066/\\u2069"
has_out 'bigAAAA' "table: the 100 KB name is there, cut"
n=$(awk 'length > 400' "$OUT_F" | wc -l)
eq_case "$n" 0 "table: no line longer than 400 bytes (the 100 KB name is cut)"

# CSV: formula prefixes neutralised with ', the rest escaped.
al "${EP[@]}" -o csv accounts "$HOSTILE_GROUP"
has_out ",\"'=HYPERLINK\(\"\"http://evil\"\",\"\"x\"\"\)\"," "csv: = cell starts with '"
has_out ",'\+cmd," "csv: + cell starts with '"
has_out ",'-2\+3," "csv: - cell starts with '"
has_out ",'@SUM\(1\+1\)," "csv: @ cell starts with '"
has_out ",'	TAB," "csv: TAB cell starts with '"
has_out ",'\\\\rCR," "csv: CR cell starts with ' and the CR is escaped"
has_out 'mgmt\\x1b\]52;c;cHduZWQ=\\x07' "csv: OSC 52 escaped"
n=$(LC_ALL=C grep -c "^[^,]*,[^,]*,[0-9]*,[=+@-]" "$OUT_F")
eq_case "$n" 0 "csv: no AccountName cell starts with = + - @"
al "${EP[@]}" -o csv aggregators
has_out ",'=cmd\\\\x1b\[2J\\\\u009b," "csv: a description starting with = is neutralised and escaped"
has_out "k\\\\x1b\]52;c;eA==\\\\x07='=v|k\\\\x1b\]52;c;eA==\\\\x07==v" "csv: tags escaped"

# JSON: every character kept, escaped as \uXXXX; jq reads back the names.
al "${EP[@]}" -o json accounts "$HOSTILE_GROUP"
has_out '\\u001B\]52;c;cHduZWQ=\\u0007' "json: ESC and BEL as \\u001B, \\u0007"
has_out 'c1\\u009B31m\\u009D0;t\\u009Cx' "json: C1 as \\u009B ..."
has_out '\\u202Egnp.exe' "json: RTL override as \\u202E"
got=$(jq -r '.[] | select(.AccountId == "1000000000000005") | .AccountName' "$OUT_F")
eq_case "$got" "$(printf '\342\200\256gnp.exe')" "json: the RTL name reads back exactly"
got=$(jq -r '.[] | select(.AccountId == "1000000000000013") | .AccountName | length' "$OUT_F")
eq_case "$got" 102413 "json: the 100 KB name is kept whole"

# stderr: a server error whose Code and Message carry controls.
emu_start E --scenario "$TEST_TMP/hostile.json" --faults hostile=1 ||
	bail_out "alicfg-emu did not start"
for v in "" -v; do
	# shellcheck disable=SC2086
	al --endpoint "$E_URL" --sts-endpoint "$E_URL" $v aggregators
	is_rc 1 "hostile error $v: exit 1"
	if raw_controls "$ERR_F"; then
		ok 1 "hostile error $v: no raw control byte on stderr"; last_run_diag
	else
		ok 0 "hostile error $v: no raw control byte on stderr"
	fi
	has_err 'Evil\\x1b\]0;pwned\\x07' "hostile error $v: the Code is shown escaped"
	has_err 'Hostile \\x1b\]52;c;cHduZWQ=\\x07 \\x1b\[2J \\u009b31m \\u202egnp.exe end' \
		"hostile error $v: the Message is shown escaped, whole"
done
emu_stop E
emu_stop H
tap_done
