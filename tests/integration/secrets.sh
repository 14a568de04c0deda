#!/bin/bash
# Secret hygiene: every batch command with -v, in every credential mode and
# both signatures, including failing runs (wrong secret, wrong token,
# refusals, permission errors); no AccessKey secret or security token may
# appear in stdout, stderr or the audit log, in any encoding.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
MEMBER_ARN=$(member_role "$MIGRATION")
WRONG_SECRET='wrong-Secret+/=-42'

sts_assume "$E_URL" demo-ak demo-secret "$MEMBER_ARN" ||
	bail_out "the emulator's STS issued no token"
SECRETS=(demo-secret demo-ro-secret "$WRONG_SECRET" "$STS_SECRET" "$STS_TOKEN")

# Every form a secret could take in our output: raw, percent-encoded once
# (URLs, V3 query) and twice (V2 string-to-sign).
: >"$TEST_TMP/needles"
for s in "${SECRETS[@]}"; do
	once=$(pct "$s")
	printf '%s\n%s\n%s\n' "$s" "$once" "$(pct "$once")" >>"$TEST_TMP/needles"
done
sort -u -o "$TEST_TMP/needles" "$TEST_TMP/needles"
# Tokens the client obtains itself (member access) are never shown to us;
# the emulator's tokens, like Alibaba's, start with CAIS: none may appear.
printf 'CAIS\n' >>"$TEST_TMP/needles"

# clean DESC: one case: the last run's stdout and stderr hold no needle.
clean() {
	if grep -F -q -f "$TEST_TMP/needles" "$OUT_F" "$ERR_F"; then
		ok 1 "no secret printed: $1"
		diag "leaked: $(grep -F -o -h -f "$TEST_TMP/needles" "$OUT_F" "$ERR_F" | head -n 3 | cut -c1-12)..."
	else
		ok 0 "no secret printed: $1"
	fi
}

# every_command MODE: the whole command set, -v, V3 and V2.
every_command() {
	local mode=$1 sig
	for sig in v3 v2; do
		al "${EP[@]}" -v --signature "$sig" aggregators; clean "$mode $sig aggregators"
		al "${EP[@]}" -v --signature "$sig" accounts --all --output json; clean "$mode $sig accounts --all"
		al "${EP[@]}" -v --signature "$sig" accounts "$G_AUDIT" --output csv; clean "$mode $sig accounts ID"
		al "${EP[@]}" -v --signature "$sig" accounts ca-ffffffffffffffff; clean "$mode $sig accounts (unknown id)"
		al "${EP[@]}" -v --signature "$sig" recorder; clean "$mode $sig recorder"
		al "${EP[@]}" -v --signature "$sig" recorder --account "$MIGRATION"; clean "$mode $sig recorder --account"
		al "${EP[@]}" -v --signature "$sig" enable --account "$DEV_SANDBOX" --yes; clean "$mode $sig enable member"
		al "${EP[@]}" -v --signature "$sig" enable --yes; clean "$mode $sig enable own"
		al "${EP[@]}" -v --signature "$sig" enable --account "$QA_SANDBOX"; clean "$mode $sig enable refused (no terminal)"
		al "${EP[@]}" -v --signature "$sig" --readonly enable --yes; clean "$mode $sig enable refused (readonly)"
		al "${EP[@]}" -v --signature "$sig" --role-name NoSuchRole recorder --account "$LONG_NAME"
		clean "$mode $sig member with an unknown role"
	done
}

# --- AccessKey from the environment ---
demo_env
every_command "env AK"
# --- STS token from the environment (a member session) ---
export ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET=$STS_SECRET \
	ALIBABA_CLOUD_SECURITY_TOKEN=$STS_TOKEN
every_command "env STS"
unset ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET

# --- RamRoleArn from config.json, and the read-only key ---
mkdir -p "$HOME/.aliyun"
cat >"$HOME/.aliyun/config.json" <<EOF
{"current": "member", "profiles": [
  {"name": "member", "mode": "RamRoleArn", "access_key_id": "demo-ak",
   "access_key_secret": "demo-secret", "ram_role_arn": "$MEMBER_ARN",
   "ram_session_name": "alicfg-test", "region_id": "cn-shanghai"},
  {"name": "ro", "mode": "AK", "access_key_id": "demo-ro-ak",
   "access_key_secret": "demo-ro-secret", "region_id": "cn-shanghai"}]}
EOF
chmod 600 "$HOME/.aliyun/config.json"
every_command "config.json RamRoleArn"
export ALIBABA_CLOUD_PROFILE=ro
every_command "config.json read-only key"
unset ALIBABA_CLOUD_PROFILE
rm -f "$HOME/.aliyun/config.json"

# --- failures that echo what was signed ---
for sig in v3 v2; do
	ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=$WRONG_SECRET \
		al "${EP[@]}" -v --signature "$sig" aggregators
	has_err 'SignatureDoesNotMatch' "wrong secret ($sig) fails as it should"
	clean "wrong secret $sig"
	# An STS session with a wrong secret: the V2 echo carries SecurityToken.
	ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET=$WRONG_SECRET \
		ALIBABA_CLOUD_SECURITY_TOKEN=$STS_TOKEN al "${EP[@]}" -v --signature "$sig" recorder
	has_err 'SignatureDoesNotMatch' "STS with a wrong secret ($sig) fails as it should"
	has_err 'string-to-sign' "STS with a wrong secret ($sig): -v compares strings-to-sign"
	# Ours is kept whole, however long (it once stopped at 511 bytes).
	ours=$(sed -n 's/^alicfg: our string-to-sign: *//p' "$ERR_F")
	theirs=$(sed -n 's/^alicfg: server string-to-sign: *//p' "$ERR_F")
	echo "# STS string-to-sign ($sig): ours ${#ours} bytes, the server's ${#theirs}" >&2
	eq_case "${ours//\\n/ }" "${theirs//\\n/ }" "STS with a wrong secret ($sig): our whole string-to-sign matches the server's"
	# An id of 120 '!' (%2521 each once signed) makes the V2
	# string-to-sign pass 511 bytes.
	ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET=$WRONG_SECRET \
		ALIBABA_CLOUD_SECURITY_TOKEN=$STS_TOKEN al "${EP[@]}" -v --signature "$sig" \
		accounts "ca-$(printf '!%.0s' $(seq 1 120))"
	has_err 'SignatureDoesNotMatch' "STS, wrong secret, long id ($sig) fails as it should"
	ours=$(sed -n 's/^alicfg: our string-to-sign: *//p' "$ERR_F")
	theirs=$(sed -n 's/^alicfg: server string-to-sign: *//p' "$ERR_F")
	echo "# long string-to-sign ($sig): ours ${#ours} bytes, the server's ${#theirs}" >&2
	eq_case "${ours//\\n/ }" "${theirs//\\n/ }" "STS, wrong secret, long id ($sig): our whole string-to-sign matches the server's"
	clean "STS with a wrong secret and a long id $sig"
	clean "STS with a wrong secret $sig (string-to-sign echoed)"
	ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET=$STS_SECRET \
		ALIBABA_CLOUD_SECURITY_TOKEN="${STS_TOKEN%?}" al "${EP[@]}" -v --signature "$sig" recorder
	is_rc 1 "a damaged token ($sig) fails"
	clean "damaged token $sig"
	ALIBABA_CLOUD_ACCESS_KEY_ID=nobody ALIBABA_CLOUD_ACCESS_KEY_SECRET=$WRONG_SECRET \
		al "${EP[@]}" -v --signature "$sig" enable --yes
	clean "unknown key $sig"
done

# The audit log saw every enable above; it must hold none of it either.
AUDIT="$XDG_STATE_HOME/alicfg/audit.log"
check "the audit log exists and has records" test -s "$AUDIT"
if grep -F -q -f "$TEST_TMP/needles" "$AUDIT"; then
	ok 1 "no secret in the audit log"
else
	ok 0 "no secret in the audit log"
fi

tap_done
