#!/bin/bash
# switch: P picks a profile of ~/.aliyun/config.json and reconnects with its
# key (the title, the data and the rights follow); R switches the Config
# region (with --endpoint or ALIBABA_CLOUD_ENDPOINT the host stays, the
# title's region changes, the data loads again and the status line says
# what fixes the endpoint); a profile of an unsupported mode is refused on
# the status line and the previous profile keeps working.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

DEV=1000000000000010
LOG="$TEST_TMP/emu.log"
emu_start E --scenario demo --build-seconds 1 --log "$LOG" ||
	bail_out "alicfg-emu did not start"

# Two AK profiles (read-write "ops", read-only "auditor") and one of a mode
# alicfg does not support; no key in the environment.
mkdir -p "$HOME/.aliyun"
cat >"$HOME/.aliyun/config.json" <<'EOF'
{
  "current": "ops",
  "profiles": [
    {"name": "ops", "mode": "AK", "access_key_id": "demo-ak",
     "access_key_secret": "demo-secret", "region_id": "cn-shanghai"},
    {"name": "auditor", "mode": "AK", "access_key_id": "demo-ro-ak",
     "access_key_secret": "demo-ro-secret", "region_id": "cn-shanghai"},
    {"name": "on-ecs", "mode": "EcsRamRole", "ram_role_name": "ecs-config",
     "region_id": "cn-shanghai"}
  ]
}
EOF
chmod 600 "$HOME/.aliyun/config.json"

# log_count ACTION KEY_ID: requests the emulator has seen.
log_count() {
	grep -F "\"action\":\"$1\"" "$LOG" 2>/dev/null |
		grep -cF "\"key_id\":\"$2\""
}
log_more_than() {
	[ "$(log_count "$1" "$2")" -gt "$3" ]
}
tui_lacks() {
	! tui_matches "$1"
}

TUI_NO_KEY=1
TUI_ENV="ALICFG_POLL_MS=300"
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	bail_out "tmux could not start alicfg"

# --- the current profile ---
tui_wait 10 '^ alicfg +ops +cn-shanghai +127\.0\.0\.1:[0-9]+' \
	"the title shows the current profile (ops) and its region"
tui_wait 10 'MEMBERS of All accounts \(60\)' "ops: the demo loads"
check "ops: the emulator saw the ops key (demo-ak)" \
	log_more_than ListAggregators demo-ak 0
ro_before=$(log_count ListAggregators demo-ro-ak)

# --- P: the picker ---
tui_keys P
tui_wait 5 'Profile \(~/\.aliyun/config\.json\)' "P opens the profile picker"
check "the picker marks the current profile" tui_matches '\* ops'
check "the picker lists auditor" tui_matches '  auditor'
check "the picker lists the EcsRamRole profile" tui_matches '  on-ecs'
tui_keys Escape
check "Esc closes the picker" wait_for 5 tui_lacks 'Profile \(~/\.aliyun'
check "and keeps ops" tui_matches '^ alicfg +ops '

tui_keys P
tui_wait 5 'Profile \(~/\.aliyun/config\.json\)' "P again"
tui_keys j Enter
tui_wait 5 '^ alicfg +auditor +cn-shanghai ' \
	"choosing auditor: the title shows auditor"
tui_wait 5 'profile auditor, region cn-shanghai' "the status line says so"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the groups and members load again"
check "the groups were listed again with the auditor key (demo-ro-ak)" \
	log_more_than ListAggregators demo-ro-ak "$ro_before"

# --- the auditor key is read-only: enabling fails on the row ---
tui_keys Tab
tui_filter dev-sandbox
tui_wait 5 "dev-sandbox +$DEV +REGISTRABLE" "dev-sandbox is REGISTRABLE"
tui_keys e
tui_wait 5 'Start the config recorder of 1 account\?' "e opens the confirm"
tui_keys y
tui_wait 10 "enabling dev-sandbox \\($DEV\\): NoPermission" \
	"as auditor, y fails: the status line names NoPermission"
tui_wait 1 "!dev-sandbox +$DEV +REGISTRABLE" \
	"the row keeps an error marker"
tui_keys j
tui_wait 3 "dev-sandbox \\($DEV\\): NoPermission" \
	"with the cursor on it the status line names the Code"
check "the member role was assumed with the auditor key (demo-ro-ak)" \
	log_more_than AssumeRole demo-ro-ak 0
grep -F '"action":"StartConfigurationRecorder"' "$LOG" |
	grep -F "\"account\":\"$DEV\"" | grep -qF '"code":"NoPermission"'
ok $? "the emulator refused the start with NoPermission"
check "the emulator still says REGISTRABLE" recorder_is "$E_URL" "$DEV" REGISTRABLE
tui_keys Escape h

# --- R: the other Config site, the endpoint fixed by --endpoint ---
ro_before=$(log_count ListAggregators demo-ro-ak)
tui_keys R
# (the title drops the endpoint host when the right side needs the room)
tui_wait 5 '^ alicfg +auditor +ap-southeast-1 +(127\.0\.0\.1:[0-9]+ +)?acct ' \
	"R switches the title to ap-southeast-1 (the host stays the emulator)"
tui_wait 5 'region ap-southeast-1 .*endpoint is fixed by --endpoint' \
	"the status line says the endpoint is fixed by --endpoint"
tui_wait 10 'MEMBERS of All accounts \(60\)' \
	"ap-southeast-1: the data loads again"
check "the groups were listed again after R" \
	log_more_than ListAggregators demo-ro-ak "$ro_before"
tui_keys R
tui_wait 5 '^ alicfg +auditor +cn-shanghai +127\.0\.0\.1' \
	"R again: back to cn-shanghai, still the auditor profile"
tui_wait 10 'MEMBERS of All accounts \(60\)' "cn-shanghai: the data loads again"

# --- a profile of an unsupported mode ---
tui_keys P
tui_wait 5 'Profile \(~/\.aliyun/config\.json\)' "P opens the picker"
check "the picker marks auditor as current" tui_matches '\* auditor'
tui_keys j Enter
tui_wait 5 "profile on-ecs: profile 'on-ecs' in ~/\\.aliyun/config\\.json uses mode EcsRamRole" \
	"choosing the EcsRamRole profile: a clear error on the status line"
check "the title still shows auditor" tui_matches '^ alicfg +auditor +cn-shanghai '
check "the data is still on screen" tui_matches 'MEMBERS of All accounts \(60\)'
ro_before=$(log_count ListAggregators demo-ro-ak)
tui_keys r
tui_wait 5 'refreshing|refreshed' "r still refreshes"
check "the refresh went out with the auditor key" \
	wait_for 10 log_more_than ListAggregators demo-ro-ak "$ro_before"
tui_keys j
tui_wait 5 'MEMBERS of Onboarding \(3\)' "and the keys still move the cursor"

# --- back to ops: the write works again ---
tui_keys P
tui_wait 5 'Profile \(~/\.aliyun/config\.json\)' "P once more"
tui_keys k Enter
tui_wait 5 '^ alicfg +ops +cn-shanghai ' "k Enter picks ops again"
tui_wait 10 'MEMBERS of All accounts \(60\)' "ops: the demo loads"
tui_keys Tab
tui_filter dev-sandbox
tui_wait 5 "dev-sandbox +$DEV +REGISTRABLE" "dev-sandbox is still REGISTRABLE"
tui_keys e
tui_wait 5 'Start the config recorder of 1 account\?' "e opens the confirm"
tui_keys y
tui_wait 10 "dev-sandbox +$DEV +REGISTERED" "as ops, y starts it: REGISTERED"
check "the emulator says REGISTERED" recorder_is "$E_URL" "$DEV" REGISTERED

tui_keys q
tui_gone 3; ok $? "q quits"
wait_for 3 test -s "$TUI_RC_FILE"
[ "$(cat "$TUI_RC_FILE" 2>/dev/null)" = 0 ]; ok $? "and exits 0"

# --- R with the endpoint from ALIBABA_CLOUD_ENDPOINT: fixed as well ---
TUI_ENV="ALIBABA_CLOUD_ENDPOINT=$E_URL"
tui_start --profile auditor --region ap-southeast-1 --sts-endpoint "$E_URL" ||
	bail_out "tmux could not start alicfg"
tui_wait 10 '^ alicfg +auditor +ap-southeast-1 +(127\.0\.0\.1:[0-9]+ +)?acct ' \
	"--profile and --region: the title shows auditor and ap-southeast-1"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the demo loads"
tui_keys R
tui_wait 5 '^ alicfg +auditor +cn-shanghai +127\.0\.0\.1:[0-9]+' \
	"R: cn-shanghai, the host stays the emulator"
tui_wait 5 'region cn-shanghai .*endpoint is fixed by ALIBABA_CLOUD_ENDPOINT' \
	"the status line says ALIBABA_CLOUD_ENDPOINT fixes the endpoint"
tui_wait 10 'MEMBERS of All accounts \(60\)' "the data loads again"
tui_keys q
tui_gone 3; ok $? "q quits"

tap_done
