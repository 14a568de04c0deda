#!/bin/bash
# Credentials from the environment, ~/.aliyun/config.json and the INI file;
# AccessKey, STS token and RamRoleArn (member access); regions; and the
# errors of docs/wire-reference.md#error-answers shown clearly.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo || bail_out "alicfg-emu did not start"
EP=(--endpoint "$E_URL" --sts-endpoint "$E_URL")
MEMBER_ARN=$(member_role "$MIGRATION")   # migration-temp: BUILDING

# --- no credentials at all ---
al "${EP[@]}" aggregators
is_rc 3 "no credentials: exit 3"
has_err 'config\.json' "no credentials: the message lists the files tried"
has_err 'ALIBABA_CLOUD_ACCESS_KEY_ID' "no credentials: the message lists the variables"

# --- environment, and the aliyun CLI's aliases ---
demo_env
al "${EP[@]}" aggregators
is_rc 0 "AccessKey from ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
# The aliyun CLI's other names are not a source (the official SDK reads
# only ALIBABA_CLOUD_*): alone they find no credentials.
export ALICLOUD_ACCESS_KEY_ID=demo-ak ALICLOUD_ACCESS_KEY_SECRET=demo-secret
al "${EP[@]}" aggregators
is_rc 3 "ALICLOUD_ACCESS_KEY_ID/SECRET alone are not a source: exit 3"
unset ALICLOUD_ACCESS_KEY_ID ALICLOUD_ACCESS_KEY_SECRET

# --- an STS token in the environment (issued by the emulator's STS) ---
if sts_assume "$E_URL" demo-ak demo-secret "$MEMBER_ARN"; then
	for sig in v3 v2; do
		export ALIBABA_CLOUD_ACCESS_KEY_ID=$STS_AK ALIBABA_CLOUD_ACCESS_KEY_SECRET=$STS_SECRET \
			ALIBABA_CLOUD_SECURITY_TOKEN=$STS_TOKEN
		al "${EP[@]}" --signature "$sig" recorder
		is_rc 0 "STS token from the environment ($sig): exit 0"
		has_out 'Recorder status: BUILDING' "STS token ($sig) acts as the member"
	done
	export ALIBABA_CLOUD_SECURITY_TOKEN="${STS_TOKEN}x"
	al "${EP[@]}" recorder
	is_rc 1 "a wrong security token: exit 1"
	has_err 'InvalidSecurityToken' "a wrong security token: InvalidSecurityToken shown"
	unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN
else
	ok 1 "the emulator's STS issued a token for the member role"
fi

# --- ~/.aliyun/config.json ---
mkdir -p "$HOME/.aliyun"
cat >"$HOME/.aliyun/config.json" <<EOF
{
  "current": "main",
  "profiles": [
    {"name": "main", "mode": "AK", "access_key_id": "demo-ak",
     "access_key_secret": "demo-secret", "region_id": "cn-shanghai"},
    {"name": "member", "mode": "RamRoleArn", "access_key_id": "demo-ak",
     "access_key_secret": "demo-secret", "ram_role_arn": "$MEMBER_ARN",
     "ram_session_name": "alicfg-test", "region_id": "cn-shanghai"},
    {"name": "chain", "mode": "ChainableRamRoleArn", "source_profile": "main",
     "ram_role_arn": "$MEMBER_ARN", "ram_session_name": "alicfg-chain",
     "region_id": "cn-shanghai"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "${STS_AK:-none}",
     "access_key_secret": "${STS_SECRET:-none}", "sts_token": "${STS_TOKEN:-none}",
     "region_id": "cn-shanghai"},
    {"name": "intl", "mode": "AK", "access_key_id": "demo-ak",
     "access_key_secret": "demo-secret", "region_id": "eu-central-1"},
    {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "SomeRole",
     "region_id": "cn-shanghai"}
  ]
}
EOF
chmod 600 "$HOME/.aliyun/config.json"
al "${EP[@]}" -v aggregators
is_rc 0 "config.json current profile (AK): exit 0"
has_err "config\.json.*main" "-v says which profile was used"
for sig in v3 v2; do
	al "${EP[@]}" --signature "$sig" --profile member recorder
	is_rc 0 "RamRoleArn profile ($sig): exit 0"
	has_out 'Recorder status: BUILDING' "RamRoleArn profile ($sig) acts as the member"
done
al "${EP[@]}" --profile chain recorder
is_rc 0 "ChainableRamRoleArn profile: exit 0"
has_out 'Recorder status: BUILDING' "ChainableRamRoleArn profile acts as the member"
if [ -n "${STS_TOKEN:-}" ]; then
	al "${EP[@]}" --profile sts recorder
	is_rc 0 "StsToken profile: exit 0"
	has_out 'Recorder status: BUILDING' "StsToken profile acts as the member"
fi
al "${EP[@]}" --profile ecs aggregators
is_rc 3 "unsupported mode: exit 3"
has_err 'ecs.*EcsRamRole|EcsRamRole.*ecs' "unsupported mode: names the profile and the mode"
al "${EP[@]}" --profile nosuch aggregators
is_rc 3 "unknown profile: exit 3"
has_err 'nosuch' "unknown profile is named"
ALIBABA_CLOUD_PROFILE=member al "${EP[@]}" recorder
is_rc 0 "ALIBABA_CLOUD_PROFILE picks the profile: exit 0"
has_out 'Recorder status: BUILDING' "ALIBABA_CLOUD_PROFILE=member acts as the member"

# The alicfg config file's profile, below the environment and the flag.
mkdir -p "$XDG_CONFIG_HOME/alicfg"
printf 'profile = member\n' >"$XDG_CONFIG_HOME/alicfg/config"
al "${EP[@]}" recorder
has_out 'Recorder status: BUILDING' "config file profile = member is used"
al "${EP[@]}" --profile main recorder
has_out 'Recorder status: REGISTERED' "--profile overrides the config file"
ALIBABA_CLOUD_PROFILE=main al "${EP[@]}" recorder
has_out 'Recorder status: REGISTERED' "ALIBABA_CLOUD_PROFILE overrides the config file"
rm -f "$XDG_CONFIG_HOME/alicfg/config"

# The environment outranks config.json: a wrong secret there is used.
ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=not-the-secret \
	al "${EP[@]}" aggregators
is_rc 1 "environment credentials outrank config.json"

# --- regions ---
al "${EP[@]}" --profile intl aggregators
is_rc 3 "profile region eu-central-1: exit 3"
has_err 'ap-southeast-1' "a non-Config international region says to use ap-southeast-1"
al "${EP[@]}" --region cn-hangzhou aggregators
is_rc 3 "--region cn-hangzhou: exit 3"
has_err 'cn-shanghai' "a China region says to use cn-shanghai"
ALIBABA_CLOUD_REGION_ID=us-west-1 al "${EP[@]}" aggregators
is_rc 3 "ALIBABA_CLOUD_REGION_ID=us-west-1: exit 3"
al "${EP[@]}" --region ap-southeast-1 aggregators
is_rc 0 "--region ap-southeast-1 is a Config region"
al --endpoint http://192.0.2.1:80 aggregators
is_rc 3 "plain http to a non-loopback host is refused (exit 3)"

# --- INI credentials file ---
mv "$HOME/.aliyun/config.json" "$HOME/.aliyun/config.json.off"
mkdir -p "$HOME/.alibabacloud"
cat >"$HOME/.alibabacloud/credentials" <<EOF
[default]
type = access_key
access_key_id = demo-ak
access_key_secret = demo-secret

[member]
type = ram_role_arn
access_key_id = demo-ak
access_key_secret = demo-secret
role_arn = $MEMBER_ARN
role_session_name = alicfg-ini
EOF
chmod 600 "$HOME/.alibabacloud/credentials"
al "${EP[@]}" aggregators
is_rc 0 "INI access_key profile: exit 0"
lacks_err 'warning' "a private credentials file gets no warning"
al "${EP[@]}" --profile member recorder --signature v2
is_rc 0 "INI ram_role_arn profile: exit 0"
has_out 'Recorder status: BUILDING' "INI ram_role_arn acts as the member"
chmod 644 "$HOME/.alibabacloud/credentials"
al "${EP[@]}" aggregators
is_rc 0 "a world-readable credentials file still works"
has_err 'warning' "a world-readable credentials file gets a warning"
mv "$HOME/.alibabacloud/credentials" "$TEST_TMP/creds.ini"
ALIBABA_CLOUD_CREDENTIALS_FILE="$TEST_TMP/creds.ini" al "${EP[@]}" aggregators
is_rc 0 "ALIBABA_CLOUD_CREDENTIALS_FILE: exit 0"

# --- errors of docs/wire-reference.md#error-answers, shown clearly ---
for sig in v3 v2; do
	ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=wrong-secret-0 \
		al "${EP[@]}" --signature "$sig" aggregators
	is_rc 1 "wrong secret ($sig): exit 1"
	has_err 'SignatureDoesNotMatch' "wrong secret ($sig): SignatureDoesNotMatch"
	has_err 'hint: check the AccessKey secret' "wrong secret ($sig): a hint"
	has_err 'run with -v' "wrong secret ($sig): points at -v"
	ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=wrong-secret-0 \
		al "${EP[@]}" --signature "$sig" -v aggregators
	has_err '^alicfg: our string-to-sign: +[^ (]' "wrong secret ($sig) -v: our string-to-sign"
	has_err '^alicfg: server string-to-sign: +[^ (]' "wrong secret ($sig) -v: the server's"
	ours=$(sed -n 's/^alicfg: our string-to-sign: *//p' "$ERR_F")
	theirs=$(sed -n 's/^alicfg: server string-to-sign: *//p' "$ERR_F")
	# Same text once line breaks are set aside (the echo may flatten them).
	eq_case "${ours//\\n/ }" "${theirs//\\n/ }" "wrong secret ($sig): both sides signed the same text"
done
ALIBABA_CLOUD_ACCESS_KEY_ID=nobody-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=whatever \
	al "${EP[@]}" aggregators
is_rc 1 "unknown key: exit 1"
has_err 'InvalidAccessKeyId' "unknown key: InvalidAccessKeyId shown"
ALIBABA_CLOUD_ACCESS_KEY_ID=demo-root-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-root-secret \
	al "${EP[@]}" recorder --account "$MIGRATION"
is_rc 1 "a root key cannot assume a member role: exit 1"
has_err 'AssumeRole|assum' "the failure names the role assumption"

tap_done
