#!/bin/bash
# Secret hygiene on screen: no AccessKey secret or security token may be
# drawn, in any view, even when the server echoes a string-to-sign that
# holds the token (V2 SignatureDoesNotMatch with STS credentials), nor the
# member tokens the client obtains itself when it enables a member.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"
. "$top_srcdir/tests/sts_lib.sh"

DEV=1000000000000010 MIGRATION=1000000000000014
emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
sts_assume "$E_URL" demo-ak demo-secret \
	"acs:ram::$MIGRATION:role/ResourceDirectoryAccountAccessRole" ||
	bail_out "the emulator's STS issued no token"
WRONG='wrong-Secret+/=-42'

# Every form a secret could take: raw and percent-encoded once and twice;
# and the prefix of every token the emulator issues.
: >"$TEST_TMP/needles"
for s in demo-secret "$WRONG" "$STS_SECRET" "$STS_TOKEN"; do
	once=$(pct "$s")
	printf '%s\n%s\n%s\n' "$s" "$once" "$(pct "$once")" >>"$TEST_TMP/needles"
done
printf 'CAIS\n' >>"$TEST_TMP/needles"
SCREENS="$TEST_TMP/screens"
: >"$SCREENS"
keep() { tui_screen >>"$SCREENS"; }
clean() {
	if grep -F -q -f "$TEST_TMP/needles" "$SCREENS"; then
		ok 1 "no secret on screen: $1"
		diag "leaked: $(grep -F -o -h -f "$TEST_TMP/needles" "$SCREENS" | head -n 3 | cut -c1-12)..."
	else
		ok 0 "no secret on screen: $1"
	fi
	: >"$SCREENS"
}

# --- STS credentials with a wrong secret, V2: the server echoes its
# string-to-sign, token included ---
TUI_NO_KEY=1
TUI_COLS_SAVED=$TUI_COLS
TUI_COLS=600   # wide enough for the whole echoed string-to-sign
TUI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET='$WRONG' ALIBABA_CLOUD_SECURITY_TOKEN=$STS_TOKEN"
tui_start --signature v2 --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 'SignatureDoesNotMatch' "a wrong secret shows SignatureDoesNotMatch"
tui_wait 1 'server string to sign is:.*SecurityToken' \
	"the server's echo, with its SecurityToken field, is on screen"
keep
tui_keys L
tui_wait 5 'ListAggregators' "the request log lists the failed call"
keep
tui_keys Escape '?'
tui_wait 5 ' Keys ' "help opens"
keep
clean "wrong secret with an STS token (V2)"
tui_keys Escape q
tui_gone 3; ok $? "q quits"

TUI_COLS=$TUI_COLS_SAVED

# --- the demo key enables a member: the client assumes the member role ---
TUI_NO_KEY=
TUI_ENV="ALICFG_POLL_MS=300"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" || bail_out "tmux could not start alicfg"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the demo loads"
tui_keys Tab
tui_filter dev-sandbox
tui_keys e
tui_wait 5 'Start the config recorder' "e opens the confirm"
tui_keys y
tui_wait 10 "dev-sandbox +$DEV +REGISTERED" "the member is enabled"
keep
tui_keys Enter
tui_wait 5 "ACCOUNT dev-sandbox \\($DEV\\)" "the detail view of the member"
keep
tui_keys Escape L
tui_wait 5 'AssumeRole' "the request log shows the AssumeRole"
keep
clean "enabling a member (AssumeRole, Start, polling)"
tui_keys Escape q
tui_gone 3; ok $? "q quits"

tap_done
