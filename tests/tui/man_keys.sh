#!/bin/bash
# The man page's KEYS section is the action table's own output
# (alicfg --keys-man), so keys, the ? help and the man page never drift.
# To refresh it after changing ui/actions.def: see the KEYS-BEGIN comment.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

[ -x "$ALICFG" ] || bail_out "alicfg is not built ($ALICFG)"
"$ALICFG" --keys-man >"$TEST_TMP/keys.roff"
ok $? "alicfg --keys-man runs"
sed -n '/KEYS-BEGIN/,/KEYS-END/p' "$ALICFG_SRCDIR/alicfg.1" | sed '1d;$d' >"$TEST_TMP/man.roff"
if diff -u "$TEST_TMP/man.roff" "$TEST_TMP/keys.roff" >"$TEST_TMP/diff"; then
	ok 0 "alicfg.1 KEYS matches the action table"
else
	ok 1 "alicfg.1 KEYS matches the action table"
	diag "$(cat "$TEST_TMP/diff")"
fi
grep -q '^\.B q' "$TEST_TMP/keys.roff"; ok $? "the key list names q"
grep -q '^\.B e$' "$TEST_TMP/keys.roff"; ok $? "the key list names e"
tap_done
