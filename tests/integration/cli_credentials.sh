#!/bin/bash
# Credentials resolved as Alibaba's official tools resolve them (issue 14
# §6), and a --profile that does not exist (§4), end to end against
# alicfg-emu: only ALIBABA_CLOUD_* is an environment source; a stray
# ACCESS_KEY_ID or SECURITY_TOKEN changes nothing; the aliyun CLI's names
# fill a profile that has no key; INI inline comments; OIDC variables are
# named as unused; a broken source stops alicfg.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --log "$TEST_TMP/e.log" || bail_out "alicfg-emu did not start"
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
mkdir -p "$HOME/.aliyun" "$HOME/.alibabacloud"
served_keys() {   # the AccessKey ids the emulator saw, one per line
	sed -n 's/.*"key_id":"\([^"]*\)".*/\1/p' "$TEST_TMP/e.log" | sort -u
}

# --- a stray ACCESS_KEY_ID does not switch accounts ---
cat >"$HOME/.aliyun/config.json" <<'EOF'
{"current": "main", "profiles": [
 {"name": "main", "mode": "AK", "access_key_id": "demo-ak",
  "access_key_secret": "demo-secret", "region_id": "cn-shanghai"},
 {"name": "keyless", "mode": "AK", "region_id": "cn-shanghai"},
 {"name": "ops", "mode": "AK", "access_key_id": "demo-ro-ak",
  "access_key_secret": "demo-ro-secret", "region_id": "cn-shanghai"}]}
EOF
chmod 600 "$HOME/.aliyun/config.json"
export ACCESS_KEY_ID=demo-root-ak ACCESS_KEY_SECRET=demo-root-secret
: >"$TEST_TMP/e.log"
al "${EP[@]}" -v aggregators
is_rc 0 "a stray ACCESS_KEY_ID/SECRET pair: exit 0"
has_err "credentials from $HOME/.aliyun/config.json profile 'main'" \
	"-v: the config.json profile is used, not the stray pair"
eq_case "$(served_keys)" demo-ak "the emulator saw only the profile's key"
unset ACCESS_KEY_ID ACCESS_KEY_SECRET

# --- ... but fills a profile that has no key, from one family ---
export ALICLOUD_ACCESS_KEY_ID=demo-ro-ak ALICLOUD_ACCESS_KEY_SECRET=demo-ro-secret
export SECURITY_TOKEN=not-a-token
: >"$TEST_TMP/e.log"
al "${EP[@]}" --profile keyless aggregators
is_rc 0 "a keyless profile filled from ALICLOUD_*: exit 0"
has_err "profile 'keyless' .* has no AccessKey: using ALICLOUD_ACCESS_KEY_ID and ALICLOUD_ACCESS_KEY_SECRET" \
	"a warning names the variables used"
eq_case "$(served_keys)" demo-ro-ak "the emulator saw ALICLOUD_'s key"
check "no security token was sent (SECURITY_TOKEN is another family's)" \
	sh -c "! grep -q '\"sts\":true' '$TEST_TMP/e.log'"
unset ALICLOUD_ACCESS_KEY_ID ALICLOUD_ACCESS_KEY_SECRET

# --- a stray SECURITY_TOKEN next to an ALIBABA_CLOUD_* key ---
demo_env
al "${EP[@]}" aggregators
is_rc 0 "ALIBABA_CLOUD_* key with a stray SECURITY_TOKEN: exit 0 (no MismatchWithAccessKey)"
lacks_err 'InvalidSecurityToken' "no InvalidSecurityToken"
unset SECURITY_TOKEN

# --- a broken source stops alicfg (no fall-through to another account) ---
unset ALIBABA_CLOUD_ACCESS_KEY_SECRET
al "${EP[@]}" aggregators
is_rc 3 "ALIBABA_CLOUD_ACCESS_KEY_ID without its secret: exit 3"
has_err 'ALIBABA_CLOUD_ACCESS_KEY_SECRET is not' "the message names the missing variable"
unset ALIBABA_CLOUD_ACCESS_KEY_ID
printf '{"current": "gone", "profiles": []}' >"$HOME/.aliyun/config.json"
printf '[default]\ntype = access_key\naccess_key_id = demo-ak\naccess_key_secret = demo-secret\n' \
	>"$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.alibabacloud/credentials"
al "${EP[@]}" aggregators
is_rc 3 "a current profile that does not exist: exit 3 (not the INI key)"
has_err "current profile 'gone'" "the message names the missing current profile"
rm -f "$HOME/.aliyun/config.json"

# --- INI: an unquoted value loses its inline comment ---
cat >"$HOME/.alibabacloud/credentials" <<'EOF'
[default]
type = access_key                  ; an AccessKey pair
access_key_id = demo-ak ; laptop key
access_key_secret = demo-secret # from the console
EOF
: >"$TEST_TMP/e.log"
al "${EP[@]}" aggregators
is_rc 0 "INI with inline comments: exit 0"
eq_case "$(served_keys)" demo-ak "the key id went out without its comment"

# --- OIDC and a credentials URI: named as unused, with the source used ---
export ALIBABA_CLOUD_ROLE_ARN=acs:ram::1:role/x ALIBABA_CLOUD_OIDC_PROVIDER_ARN=acs:ram::1:oidc-provider/x
export ALIBABA_CLOUD_OIDC_TOKEN_FILE=/nonexistent/token
al "${EP[@]}" aggregators
is_rc 0 "OIDC variables set: alicfg still runs on the INI key"
has_err "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are set, but alicfg does not use OIDC" \
	"the OIDC variables are named as unused"
has_err "it uses the credentials from $HOME/.alibabacloud/credentials profile 'default'" \
	"and the source used is named"
unset ALIBABA_CLOUD_ROLE_ARN ALIBABA_CLOUD_OIDC_PROVIDER_ARN ALIBABA_CLOUD_OIDC_TOKEN_FILE
export ALIBABA_CLOUD_CREDENTIALS_URI=http://127.0.0.1:9/credentials
rm -f "$HOME/.alibabacloud/credentials"
al "${EP[@]}" aggregators
is_rc 3 "only a credentials URI: exit 3"
has_err 'ALIBABA_CLOUD_CREDENTIALS_URI is set, but alicfg does not use' \
	"no credentials found: the URI is named as unused"
unset ALIBABA_CLOUD_CREDENTIALS_URI

# --- --profile nope lists the profiles that exist ---
cat >"$HOME/.aliyun/config.json" <<'EOF'
{"current": "main", "profiles": [
 {"name": "main", "mode": "AK", "access_key_id": "demo-ak", "access_key_secret": "demo-secret"},
 {"name": "prod", "mode": "AK", "access_key_id": "demo-ak", "access_key_secret": "demo-secret"}]}
EOF
printf '[lab]\ntype = access_key\naccess_key_id = demo-ak\naccess_key_secret = demo-secret\n' \
	>"$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.aliyun/config.json" "$HOME/.alibabacloud/credentials"
: >"$TEST_TMP/e.log"
al "${EP[@]}" --profile nope aggregators
is_rc 3 "--profile nope: exit 3"
has_err "Profiles that exist: main, prod \\($HOME/.aliyun/config.json\\); lab \\($HOME/.alibabacloud/credentials\\)" \
	"--profile nope lists the profiles of both files"
eq_case "$(wc -l <"$TEST_TMP/e.log")" 0 "no request was sent"

tap_done
