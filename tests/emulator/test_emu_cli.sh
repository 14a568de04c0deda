#!/bin/sh
# test_emu_cli: alicfg-emu's command line — usage errors exit 2 with a clear
# message, loopback only, the "listening" line, clean stop on SIGTERM and
# SIGINT, --check, and https with --tls-cert/--tls-key.
. "$ALICFG_SRCDIR/tests/lib.sh"

[ -x "$ALICFG_EMU" ] || skip_all "alicfg-emu is not built ($ALICFG_EMU)"

# usage_error DESC PATTERN ARGS...: exit 2 and stderr matching PATTERN.
usage_error() {
	desc=$1 pattern=$2
	shift 2
	"$ALICFG_EMU" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q -- "$pattern" "$TEST_TMP/err"; then
		ok 0 "$desc"
	else
		diag "exit $rc: $(cat "$TEST_TMP/err")"
		ok 1 "$desc"
	fi
}

"$ALICFG_EMU" --help >"$TEST_TMP/help" 2>&1
ok $? "--help exits 0"
check "--help documents the demo key" grep -q "demo-ak/demo-secret" "$TEST_TMP/help"

usage_error "unknown option" "unknown option --frobnicate" --frobnicate
usage_error "option without its value" "needs a value" --scenario
usage_error "stray argument" "unexpected argument" extra
usage_error "0.0.0.0 is refused" "non-loopback" --listen 0.0.0.0:0
usage_error "a LAN address is refused" "non-loopback" --listen 192.168.1.10:8080
usage_error "[::] is refused" "non-loopback" --listen '[::]:0'
usage_error "a host name is refused" "non-loopback" --listen example.com:80
usage_error "bad port" "bad port" --listen 127.0.0.1:99999
usage_error "bad latency" "--latency" --latency fast
usage_error "bad jitter" "--latency" --latency 10:x
usage_error "negative build seconds" "--build-seconds" --build-seconds -1
usage_error "bad seed" "--seed" --seed abc
usage_error "cert without key" "go together" --tls-cert /dev/null
usage_error "bad sts duration" "--sts-duration" --sts-duration 0
usage_error "bad scale spec" "scale" --scenario scale:x:y

out=$("$ALICFG_EMU" --scenario demo --check 2>&1)
ok $? "--check loads the demo"
case $out in
*"66 accounts, 4 groups, 6 access keys"*) ok 0 "--check summary" ;;
*) diag "$out"; ok 1 "--check summary" ;;
esac

# Generation speed is a figure, not an assertion.
start=$(date +%s%N)
"$ALICFG_EMU" --scenario scale:200:20000 --seed 3 --check >/dev/null
ok $? "scale:200:20000 generates"
end=$(date +%s%N)
diag "scale:200:20000 generated and checked in $(( (end - start) / 1000000 )) ms"

emu_start A --build-seconds 0.5
ok $? "starts with fractional --build-seconds"
case $A_URL in
http://127.0.0.1:[0-9]*) ok 0 "listening line names a loopback URL ($A_URL)" ;;
*) ok 1 "listening line names a loopback URL ($A_URL)" ;;
esac
kill -TERM "$A_PID"
wait "$A_PID"
ok $? "SIGTERM stops it with status 0"

if emu_start B --listen '[::1]:0'; then
	ok 0 "starts on [::1]"
	case $B_URL in
	"http://[::1]:"[0-9]*) ok 0 "IPv6 loopback URL ($B_URL)" ;;
	*) ok 1 "IPv6 loopback URL ($B_URL)" ;;
	esac
	kill -INT "$B_PID"
	wait "$B_PID"
	ok $? "SIGINT stops it with status 0"
else
	# Containers without IPv6: say so rather than fail.
	echo "ok $((TAP_N + 1)) - starts on [::1] # SKIP no IPv6 loopback here"
	TAP_N=$((TAP_N + 1))
	emu_start B2
	kill -INT "$B2_PID"
	wait "$B2_PID"
	ok $? "SIGINT stops it with status 0"
fi

# A port that is taken: a clear error, status 1.
emu_start C
port=${C_URL##*:}
"$ALICFG_EMU" --listen "127.0.0.1:$port" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
pid=$!
wait "$pid"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "cannot listen" "$TEST_TMP/err"; then
	ok 0 "a busy port is reported"
else
	diag "exit $rc: $(cat "$TEST_TMP/err")"
	ok 1 "a busy port is reported"
fi
emu_stop C

# https: a throwaway self-signed certificate.
if command -v openssl >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
		-keyout "$TEST_TMP/key.pem" -out "$TEST_TMP/cert.pem" \
		>/dev/null 2>&1
	if emu_start T --tls-cert "$TEST_TMP/cert.pem" --tls-key "$TEST_TMP/key.pem"; then
		case $T_URL in
		https://127.0.0.1:*) ok 0 "https listening line" ;;
		*) ok 1 "https listening line ($T_URL)" ;;
		esac
		body=$(curl -sk --noproxy '*' --max-time 10 \
			"$T_URL/?Action=GetCallerIdentity&Version=2015-04-01")
		case $body in
		*'"Code":"MissingAccessKeyId"'*) ok 0 "answers over TLS" ;;
		*) diag "$body"; ok 1 "answers over TLS" ;;
		esac
		emu_stop T
	else
		ok 1 "starts with --tls-cert/--tls-key"
	fi
	usage_error "missing certificate file" "no-such.pem" \
		--tls-cert "$TEST_TMP/no-such.pem" --tls-key "$TEST_TMP/key.pem"
else
	diag "openssl or curl missing: TLS cases skipped"
fi

tap_done
