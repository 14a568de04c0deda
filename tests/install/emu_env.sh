#!/bin/bash
# alicfg-emu hands over its settings: after the "listening" line it prints
# `export` lines; eval'ing them is all alicfg needs, Config and STS alike
# (an enable of a member account goes through STS AssumeRole). Without the
# STS endpoint, the error names the STS endpoint and how to set it.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start E --scenario demo --build-seconds 1 || bail_out "alicfg-emu did not start"
emu_out="$TEST_TMP/emu-E.out"
wait_for 10 grep -q '^export ALIBABA_CLOUD_ACCESS_KEY_SECRET=' "$emu_out"
ok $? "alicfg-emu prints its environment"
head -n1 "$emu_out" | grep -qx "alicfg-emu listening on $E_URL"
ok $? "the listening line stays first and unchanged"
sed -n '2,6p' "$emu_out" >"$TEST_TMP/env.sh"
printf '%s\n' "export ALIBABA_CLOUD_ENDPOINT=$E_URL" \
	"export ALIBABA_CLOUD_STS_ENDPOINT=$E_URL" \
	"export ALIBABA_CLOUD_RD_ENDPOINT=$E_URL" \
	"export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak" \
	"export ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-secret" >"$TEST_TMP/want.sh"
diff -u "$TEST_TMP/want.sh" "$TEST_TMP/env.sh" >"$TEST_TMP/env.diff"
ok $? "lines 2-6: Config, STS and Resource Directory endpoints and the demo's read-write key"
diag "$(cat "$TEST_TMP/env.diff")"

# As a user would: eval the printed lines, run alicfg with no endpoint or
# key flags at all.
eval "$(grep '^export ' "$emu_out")"
al -v aggregators
is_rc 0 "after eval: aggregators exits 0"
has_out 'ca-0000000000000002' "after eval: the demo's groups are listed"
has_err "endpoint $E_URL; sts $E_URL" \
	"alicfg reads ALIBABA_CLOUD_ENDPOINT and ALIBABA_CLOUD_STS_ENDPOINT"
al enable --account "$DEV_SANDBOX" --yes
is_rc 0 "after eval: enable of a member (STS AssumeRole) exits 0"
has_out "^$DEV_SANDBOX: started \\(BUILDING\\)$" \
	"after eval: the member's recorder is BUILDING"
check "the member then becomes REGISTERED" wait_for 10 recorder_is "$E_URL" "$DEV_SANDBOX" REGISTERED
al directory
is_rc 0 "after eval: directory (Resource Directory ListAccounts) exits 0"
has_out '1000000000000010' "after eval: the directory lists the members"
unset ALIBABA_CLOUD_ENDPOINT ALIBABA_CLOUD_STS_ENDPOINT ALIBABA_CLOUD_RD_ENDPOINT \
	ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET

# Without the STS endpoint the STS call fails, and says which endpoint and
# what sets it. (No address but loopback: the unset STS variable is
# replaced by a closed loopback port rather than the real default.)
closed="http://127.0.0.1:1"
demo_env
al --endpoint "$E_URL" --sts-endpoint "$closed" --max-attempts 1 \
	enable --account "$QA_SANDBOX" --yes
is_rc 1 "STS unreachable: exit 1"
has_err 'STS endpoint: cannot connect to 127\.0\.0\.1:1' "the error names the STS endpoint and its host"
has_err '--sts-endpoint or ALIBABA_CLOUD_STS_ENDPOINT' "the error names the flag and the variable that set it"
al --endpoint "$closed" --max-attempts 1 aggregators
is_rc 1 "Config unreachable: exit 1"
has_err 'Config endpoint: cannot connect to 127\.0\.0\.1:1' "the error names the Config endpoint and its host"
has_err '--endpoint or ALIBABA_CLOUD_ENDPOINT' "the error names the flag and the variable that set it"
al --endpoint "$E_URL" --sts-endpoint "$E_URL" --rd-endpoint "$closed" \
	--max-attempts 1 directory
is_rc 1 "Resource Directory unreachable: exit 1"
has_err 'Resource Directory endpoint: cannot connect to 127\.0\.0\.1:1' \
	"the error names the Resource Directory endpoint and its host"
has_err '--rd-endpoint or ALIBABA_CLOUD_RD_ENDPOINT' "the error names the flag and the variable that set it"
tap_done
