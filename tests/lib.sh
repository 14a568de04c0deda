# tests/lib.sh: TAP helpers and an alicfg-emu launcher for shell tests.
#
# Source it, call `tap_plan_later`, write cases with `ok COND DESC` or
# `check DESC CMD...`, and finish with `tap_done`. Every wait has a deadline;
# nothing sleeps blindly. Runs from the build tree: ALICFG_BUILDDIR and
# ALICFG_SRCDIR come from the harness (default: current directory).

: "${ALICFG_BUILDDIR:=$(pwd)}"
: "${ALICFG_SRCDIR:=$ALICFG_BUILDDIR}"
ALICFG="$ALICFG_BUILDDIR/alicfg"
ALICFG_EMU="$ALICFG_BUILDDIR/alicfg-emu"

TAP_N=0
TAP_FAILED=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/alicfg-test.XXXXXX")
EMU_PIDS=""

# A scratch HOME and XDG dirs so no test reads or writes the user's files.
export HOME="$TEST_TMP/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
# Never reach a real proxy or real credentials from the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
for v in $(env | sed -n 's/^\(ALIBABA_CLOUD_[A-Z_]*\|ALIBABACLOUD_[A-Z_]*\|ALICLOUD_[A-Z_]*\)=.*/\1/p'); do
	unset "$v"
done
unset ACCESS_KEY_ID ACCESS_KEY_SECRET SECURITY_TOKEN REGION_ID REGION

tap_cleanup() {
	for p in $EMU_PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $EMU_PIDS; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$TEST_TMP"
}
trap tap_cleanup EXIT

# ok STATUS DESC: STATUS is an exit code (0 = pass).
ok() {
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}

# check DESC CMD...: one case that passes when CMD exits 0.
check() {
	desc=$1
	shift
	if "$@"; then ok 0 "$desc"; else ok 1 "$desc"; fi
}

# diag MSG: a TAP comment (shown in the log, ignored by the driver).
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
	exit $?
}

# bail_out REASON: the file cannot go on (the emulator did not start, say):
# the driver counts it as an error, never as a pass or a skip.
bail_out() {
	echo "Bail out! $*"
	exit 1
}

# skip_all REASON: the whole file cannot run here (a tool is missing).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# emu_start NAME [ARGS...]: start alicfg-emu on a free loopback port, wait
# (deadline 10 s) for its "listening" line, and set NAME_URL and NAME_PID.
emu_start() {
	name=$1
	shift
	out="$TEST_TMP/emu-$name.out"
	"$ALICFG_EMU" "$@" >"$out" 2>"$TEST_TMP/emu-$name.err" &
	pid=$!
	EMU_PIDS="$EMU_PIDS $pid"
	url=""
	deadline=$(($(date +%s) + 10))
	while [ "$(date +%s)" -le "$deadline" ]; do
		url=$(sed -n '1s/^alicfg-emu listening on \(https\{0,1\}:[^ ]*\).*/\1/p' "$out" 2>/dev/null)
		[ -n "$url" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	if [ -z "$url" ]; then
		diag "alicfg-emu did not start:"
		diag "$(cat "$TEST_TMP/emu-$name.err")"
		return 1
	fi
	eval "${name}_URL=\$url ${name}_PID=\$pid"
}

# emu_stop NAME
emu_stop() {
	eval "pid=\${${1}_PID}"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# wait_for DEADLINE_S CMD...: retry CMD until it succeeds or time runs out.
wait_for() {
	limit=$1
	shift
	deadline=$(($(date +%s) + limit))
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.1
	done
}

# Demo credentials: the emulator's documented management-account RAM user.
demo_env() {
	export ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak
	export ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-secret
}
