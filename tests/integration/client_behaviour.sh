#!/bin/bash
# The client's behaviours as the batch CLI shows them, checked from both
# ends: alicfg's -v lines and the emulator's own request log (--log), which
# says what really reached the server.
#
# - ListAggregators pages: 200 groups take two pages; accounts --all then
#   lists every member of every group.
# - The caller's own account by number: learnt with STS GetCallerIdentity,
#   then used with the caller's credentials (no AssumeRole into it).
# - GetCallerIdentity failing: AssumeRole as before; when that fails too,
#   the first failure leads the message.
# - Member credentials: reused by the retry of a call, assumed again when
#   they are near expiry (--sts-duration 2 on the emulator).
# - The audit record comes first: when it cannot be written, the start is
#   never sent.
# - accounts --all with some groups failing: the others are printed, the
#   failed ones named, exit 1.
# - --ca-bundle: the combined CA bundle leaves no file behind.
#
# Not observable from the CLI: no batch command makes two calls for the same
# member at once, so one AssumeRole shared by concurrent calls is only
# exercised by the TUI (its recorder polling), not here.
#
# Faults are drawn from the emulator's seeded stream, one draw per request
# in arrival order; each case below runs its requests one after another
# (--concurrency 1 where there are several), names the draws it relies on,
# and checks that the intended fault really happened.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env

# vcount ACTION: -v lines of the last run for ACTION.
vcount() {
	grep -Ec "^alicfg: $1 account=" "$ERR_F"
}

# served LOG ACTION [MORE_RE]: requests for ACTION in an emulator log.
served() {
	grep "\"action\":\"$2\"" "$1" | grep -Ec -- "${3:-.}"
}

# --- paging: 200 groups, two ListAggregators pages ------------------------
emu_start S --scenario scale:200:20000 --log "$TEST_TMP/s.log" ||
	bail_out "alicfg-emu did not start (scale:200:20000)"
# Paging, not pacing, is tested here: a raised GetAggregator quota keeps
# the 200-group listing quick (quota.sh tests the pacing).
printf '[quota]\nGetAggregator = 12000/60\n' >"$TEST_TMP/fast-quota.ini"
SEP=(--endpoint "$S_URL" --sts-endpoint "$S_URL" --config "$TEST_TMP/fast-quota.ini")
al "${SEP[@]}" -v aggregators --output json
is_rc 0 "paging: aggregators succeeds"
eq_case "$(count_out '"AggregatorId":')" 200 "paging: all 200 groups listed"
eq_case "$(grep -o '"AggregatorId":"[^"]*"' "$OUT_F" | sort -u | wc -l)" 200 \
	"paging: no group listed twice"
eq_case "$(vcount ListAggregators)" 2 "paging: -v shows two ListAggregators pages"
eq_case "$(served "$TEST_TMP/s.log" ListAggregators)" 2 \
	"paging: the emulator served two ListAggregators"
expected=$(grep -o '"AggregatorAccountCount":[0-9]*' "$OUT_F" |
	awk -F: '{ s += $2 } END { print s + 0 }')
ok "$([ "$expected" -gt 200 ]; echo $?)" \
	"paging: the groups count members ($expected in all)"

al "${SEP[@]}" accounts --all --output json
is_rc 0 "paging: accounts --all succeeds"
eq_case "$(count_out '"AccountId":')" "$expected" \
	"paging: accounts --all lists every member of every group"
eq_case "$(grep -o '"AggregatorId":"[^"]*"' "$OUT_F" | sort -u | wc -l)" 200 \
	"paging: accounts --all covers all 200 groups"
emu_stop S

# --- the caller's own account by number ----------------------------------
emu_start D --scenario demo --build-seconds 1 --log "$TEST_TMP/d.log" ||
	bail_out "alicfg-emu did not start (demo)"
DEP=(--endpoint "$D_URL" --sts-endpoint "$D_URL")
for sig in v3 v2; do
	: >"$TEST_TMP/d.log"
	al "${DEP[@]}" --signature "$sig" -v recorder --account "$MGMT"
	is_rc 0 "own account ($sig): recorder --account $MGMT succeeds"
	has_out 'REGISTERED' "own account ($sig): its recorder is REGISTERED"
	eq_case "$(vcount GetCallerIdentity)" 1 "own account ($sig): one GetCallerIdentity"
	eq_case "$(vcount AssumeRole)" 0 "own account ($sig): no AssumeRole"
	eq_case "$(served "$TEST_TMP/d.log" AssumeRole)" 0 \
		"own account ($sig): the emulator saw no AssumeRole"
	eq_case "$(served "$TEST_TMP/d.log" GetConfigurationRecorder "\"account\":\"$MGMT\".*\"sts\":false")" 1 \
		"own account ($sig): the recorder was read with the caller's own key"
done

: >"$TEST_TMP/d.log"
al "${DEP[@]}" -v enable --account "$MGMT" --yes
is_rc 0 "own account: enable --account $MGMT --yes succeeds"
has_out "^$MGMT: already on \\(REGISTERED\\)$" "own account: enable answers already on (REGISTERED)"
eq_case "$(vcount AssumeRole)" 0 "own account: enable makes no AssumeRole"
eq_case "$(served "$TEST_TMP/d.log" StartConfigurationRecorder "\"account\":\"$MGMT\".*\"sts\":false")" 1 \
	"own account: the start went out with the caller's own key"
lacks_err 'EntityNotExist' "own account: no EntityNotExist.Role"

# A member still goes through AssumeRole after GetCallerIdentity.
: >"$TEST_TMP/d.log"
al "${DEP[@]}" -v recorder --account "$MIGRATION"
is_rc 0 "member: recorder --account $MIGRATION succeeds"
has_out 'BUILDING' "member: its recorder is BUILDING"
eq_case "$(vcount GetCallerIdentity)" 1 "member: one GetCallerIdentity first"
eq_case "$(vcount AssumeRole)" 1 "member: one AssumeRole"
eq_case "$(served "$TEST_TMP/d.log" GetConfigurationRecorder "\"account\":\"$MIGRATION\".*\"sts\":true")" 1 \
	"member: the recorder was read with the member's temporary key"

# --- the audit record comes before the write -----------------------------
# A regular file where the state directory should be: no audit log can be
# made (this holds for root too).
: >"$TEST_TMP/not-a-dir"
: >"$TEST_TMP/d.log"
XDG_STATE_HOME="$TEST_TMP/not-a-dir" al "${DEP[@]}" -v enable --account "$DEV_SANDBOX" --yes
is_rc 1 "audit unwritable: enable fails with exit 1"
has_err 'not sent' "audit unwritable: the message says the start was not sent"
has_err 'audit log' "audit unwritable: the message names the audit log"
has_err 'not-a-dir' "audit unwritable: the message names the path"
eq_case "$(served "$TEST_TMP/d.log" StartConfigurationRecorder)" 0 \
	"audit unwritable: the emulator never saw StartConfigurationRecorder"
check "audit unwritable: dev-sandbox is still REGISTRABLE" \
	recorder_is "$D_URL" "$DEV_SANDBOX" REGISTRABLE
emu_stop D

# --- member credentials: cached across tries, re-assumed near expiry ------
# --faults internal=0.5 --seed 22 draws: ok ok FAIL ok ok ...
# Cached: GetCallerIdentity, AssumeRole, GetConfigurationRecorder (500),
# its retry with the same credentials.
emu_start C --scenario demo --faults internal=0.5 --seed 22 --log "$TEST_TMP/c.log" ||
	bail_out "alicfg-emu did not start (faults, seed 22)"
al --endpoint "$C_URL" --sts-endpoint "$C_URL" -v recorder --account "$MIGRATION"
is_rc 0 "cached credentials: recorder of a member succeeds after a retry"
has_err "GetConfigurationRecorder account=$MIGRATION status=200 .* attempts=2\$" \
	"cached credentials: the recorder call needed a second try (the fault happened)"
eq_case "$(vcount AssumeRole)" 1 "cached credentials: one AssumeRole serves both tries"
eq_case "$(served "$TEST_TMP/c.log" AssumeRole)" 1 \
	"cached credentials: the emulator saw one AssumeRole"
eq_case "$(served "$TEST_TMP/c.log" GetConfigurationRecorder)" 2 \
	"cached credentials: the emulator saw two GetConfigurationRecorder"
emu_stop C

# Near expiry: credentials that live 2 s are inside the five-minute margin
# as soon as they arrive, so the retry assumes the role again rather than
# reuse them (draws: GetCallerIdentity, AssumeRole, recorder FAIL,
# AssumeRole, recorder).
emu_start E --scenario demo --faults internal=0.5 --seed 22 --sts-duration 2 \
	--log "$TEST_TMP/e.log" || bail_out "alicfg-emu did not start (--sts-duration 2)"
al --endpoint "$E_URL" --sts-endpoint "$E_URL" -v recorder --account "$MIGRATION"
is_rc 0 "near expiry: recorder of a member succeeds after a retry"
has_err "GetConfigurationRecorder account=$MIGRATION status=200 .* attempts=2\$" \
	"near expiry: the recorder call needed a second try"
eq_case "$(vcount AssumeRole)" 2 "near expiry: the retry assumed the role again"
eq_case "$(served "$TEST_TMP/e.log" AssumeRole "\"status\":200")" 2 \
	"near expiry: the emulator issued two sets of credentials"
emu_stop E

# --- GetCallerIdentity fails: AssumeRole as before ------------------------
# --faults internal=0.5 --seed 3 draws: FAIL ok ok; one try per request.
emu_start G --scenario demo --faults internal=0.5 --seed 3 ||
	bail_out "alicfg-emu did not start (faults, seed 3)"
al --endpoint "$G_URL" --sts-endpoint "$G_URL" --max-attempts 1 -v recorder --account "$DEV_SANDBOX"
has_err '^alicfg: GetCallerIdentity account=- status=500 code=InternalError' \
	"identity fails: GetCallerIdentity got the injected 500"
is_rc 0 "identity fails: a member is still reached through AssumeRole"
has_out 'REGISTRABLE' "identity fails: the member's recorder is shown"
eq_case "$(vcount AssumeRole)" 1 "identity fails: one AssumeRole"
emu_stop G

# Same draws, own account: AssumeRole into it fails (EntityNotExist.Role);
# the GetCallerIdentity failure leads, the AssumeRole one follows.
emu_start H --scenario demo --faults internal=0.5 --seed 3 ||
	bail_out "alicfg-emu did not start (faults, seed 3)"
al --endpoint "$H_URL" --sts-endpoint "$H_URL" --max-attempts 1 -v recorder --account "$MGMT"
has_err '^alicfg: GetCallerIdentity account=- status=500 code=InternalError' \
	"both fail: GetCallerIdentity got the injected 500"
is_rc 1 "both fail: exit 1"
has_err "^alicfg: GetConfigurationRecorder for $MGMT: InternalError \\(HTTP 500\\): learning the caller's account \\(STS GetCallerIdentity\\)" \
	"both fail: the first failure (GetCallerIdentity) is the one reported"
has_err 'AssumeRole, tried instead, failed too: EntityNotExist\.Role' \
	"both fail: the AssumeRole failure follows it"
emu_stop H

# --- accounts --all with some groups failing ------------------------------
# --faults internal=0.3 --seed 0 draws: ok (list), ok, FAIL, ok, FAIL: with
# one request at a time the groups are asked in list order.
emu_start P --scenario demo --faults internal=0.3 --seed 0 ||
	bail_out "alicfg-emu did not start (faults, seed 0)"
al --endpoint "$P_URL" --sts-endpoint "$P_URL" --max-attempts 1 --concurrency 1 \
	accounts --all --output json
is_rc 1 "partial: accounts --all exits 1 when groups fail"
has_err "GetAggregator $G_PROD: InternalError" "partial: the failed group $G_PROD is named"
has_err "GetAggregator $G_ONBOARD: InternalError" "partial: the failed group $G_ONBOARD is named"
eq_case "$(grep -c '^alicfg: ' "$ERR_F")" 2 "partial: one error line per failed group"
has_out "\"AggregatorId\":\"$G_ALL\"" "partial: the members of $G_ALL are printed"
has_out "\"AggregatorId\":\"$G_AUDIT\"" "partial: the members of $G_AUDIT are printed"
lacks_out "\"AggregatorId\":\"$G_PROD\"" "partial: nothing of the failed $G_PROD"
eq_case "$(count_out "\"AccountId\":\"$CJK_ACCOUNT\",")" 2 \
	"partial: the CJK account appears in the two groups that arrived"
emu_stop P

# --- --ca-bundle leaves no file behind -----------------------------------
if command -v openssl >/dev/null 2>&1; then
	PKI="$TEST_TMP/pki"
	mkdir -p "$PKI" "$TEST_TMP/tmpdir"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 1 -subj "/CN=alicfg client test CA" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign 2>"$PKI/log" &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$PKI/server.key" -out "$PKI/server.csr" -subj "/CN=127.0.0.1" 2>>"$PKI/log" &&
	printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$PKI/ext" &&
	openssl x509 -req -in "$PKI/server.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
		-CAcreateserial -out "$PKI/server.pem" -days 1 -extfile "$PKI/ext" 2>>"$PKI/log" ||
		bail_out "openssl could not make a test CA: $(cat "$PKI/log")"
	emu_start T --scenario demo --tls-cert "$PKI/server.pem" --tls-key "$PKI/server.key" ||
		bail_out "alicfg-emu did not start with TLS"
	TMPDIR="$TEST_TMP/tmpdir" al --endpoint "$T_URL" --sts-endpoint "$T_URL" \
		--ca-bundle "$PKI/ca.pem" --concurrency 4 accounts --all --output json
	is_rc 0 "ca-bundle: accounts --all over https (several connections)"
	eq_case "$(count_out "\"AccountId\":\"$CJK_ACCOUNT\",")" 3 "ca-bundle: every group arrived"
	eq_case "$(ls -A "$TEST_TMP/tmpdir" | wc -l)" 0 "ca-bundle: nothing left in TMPDIR"
	# No place for the file: the bundle stays in memory and still works.
	TMPDIR="$TEST_TMP/missing-dir" al --endpoint "$T_URL" --sts-endpoint "$T_URL" \
		--ca-bundle "$PKI/ca.pem" recorder --account "$MIGRATION"
	is_rc 0 "ca-bundle: works when TMPDIR does not exist"
	al --endpoint "$T_URL" --sts-endpoint "$T_URL" aggregators
	is_rc 1 "ca-bundle: without it the emulator's certificate is refused"
	has_err 'certificate' "ca-bundle: the refusal says certificate"
	emu_stop T
else
	ok 0 "ca-bundle cases # SKIP openssl is not installed"
fi

tap_done
