#!/bin/bash
# The man pages name every key binding (alicfg --keys-man, from the action
# table) and every alicfg-emu flag (alicfg-emu --help). Flags, commands and
# config keys of alicfg: tests/install/test_man_pages.c. A failure says
# what to add where.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

[ -x "$ALICFG" ] || bail_out "alicfg is not built ($ALICFG)"
[ -x "$ALICFG_EMU" ] || bail_out "alicfg-emu is not built ($ALICFG_EMU)"

# A man page as plain text: \- is -, font escapes go.
plain() {
	sed 's/\\-/-/g; s/\\f[BIRP]//g' "$ALICFG_SRCDIR/$1"
}
plain alicfg.1 >"$TEST_TMP/alicfg.txt"
plain alicfg-emu.1 >"$TEST_TMP/emu.txt"

# Key bindings: every ".B keys" entry of --keys-man is in alicfg.1.
"$ALICFG" --keys-man | sed 's/\\-/-/g' >"$TEST_TMP/keys.txt"
[ "$(grep -c '^\.B ' "$TEST_TMP/keys.txt")" -gt 10 ]
ok $? "alicfg --keys-man lists the key bindings"
missing=0
while IFS= read -r line; do
	grep -qxF -- "$line" "$TEST_TMP/alicfg.txt" && continue
	missing=$((missing + 1))
	diag "alicfg.1 lacks the key binding '${line#.B }': paste the output of"
	diag "'alicfg --keys-man' between the KEYS-BEGIN and KEYS-END lines of alicfg.1"
done < <(grep '^\.B ' "$TEST_TMP/keys.txt")
ok $missing "every key binding is in alicfg.1 (.SH KEYS)"

# alicfg-emu: every flag of its --help is in alicfg-emu.1.
"$ALICFG_EMU" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TEST_TMP/emu-flags"
[ "$(wc -l <"$TEST_TMP/emu-flags")" -gt 10 ]
ok $? "alicfg-emu --help lists its flags"
missing=0
while IFS= read -r f; do
	grep -q -- "$f\([^a-z-]\|$\)" "$TEST_TMP/emu.txt" && continue
	missing=$((missing + 1))
	diag "alicfg-emu.1 does not document $f: add under .SH OPTIONS"
	diag "  .TP"
	diag "  .BI \\-\\-${f#--} \" VALUE\""
	diag "  what it does (and its default)"
done <"$TEST_TMP/emu-flags"
ok $missing "every alicfg-emu flag is in alicfg-emu.1"

# Every page renders without a groff warning.
for page in alicfg.1 alicfg-emu.1 alicfg-config.5; do
	groff -man -Tutf8 -ww -z "$ALICFG_SRCDIR/$page" >"$TEST_TMP/groff.err" 2>&1 &&
		[ ! -s "$TEST_TMP/groff.err" ]
	ok $? "$page renders without warnings (groff -man -ww)"
	diag "$(cat "$TEST_TMP/groff.err")"
done

# The pages point at each other and at the config file page.
grep -q 'alicfg-config (5)' "$TEST_TMP/alicfg.txt"
ok $? "alicfg.1 refers to alicfg-config(5)"
grep -q 'alicfg-emu (1)' "$TEST_TMP/alicfg.txt"
ok $? "alicfg.1 refers to alicfg-emu(1)"
# The emulator's environment lines are documented as printed.
for v in ALIBABA_CLOUD_ENDPOINT ALIBABA_CLOUD_STS_ENDPOINT ALIBABA_CLOUD_RD_ENDPOINT \
	ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET; do
	grep -q "^export $v=" "$TEST_TMP/emu.txt"
	ok $? "alicfg-emu.1 shows the export $v line"
done
tap_done
