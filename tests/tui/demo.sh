#!/bin/bash
# demo: `scripts/dev demo` opens the TUI on the emulator's demo data, and
# quitting stops the emulator, removes its temporary files and exits 0.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

dev="$top_srcdir/scripts/dev"
[ -x "$dev" ] || bail_out "scripts/dev not found ($dev)"
demo_tmp="$TEST_TMP/demo-tmp"
mkdir -p "$demo_tmp"

# The demo's own emulator: a child of the `scripts/dev demo` shell, which
# is the child of the shell tmux runs. Other tests (make check -j8) run
# their own emulators at the same time: those are never looked at.
emus_of_demo() {
	local sh_pid dev_pid
	sh_pid=$(cat "$TUI_PID_FILE" 2>/dev/null) || return 0
	[ -n "$sh_pid" ] || return 0
	for dev_pid in $(pgrep -P "$sh_pid" 2>/dev/null); do
		pgrep -P "$dev_pid" -f -- "$ALICFG_EMU" 2>/dev/null
	done | sort
}

{
	echo "echo \$\$ >'$TUI_PID_FILE'"
	echo "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
	echo "  HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \\"
	echo "  XDG_STATE_HOME='$XDG_STATE_HOME' TMPDIR='$demo_tmp' \\"
	echo "  DEV_DEMO_BUILT='$ALICFG_BUILDDIR' bash '$dev' demo 2>'$TEST_TMP/demo.err'"
	echo "echo \$? >'$TUI_RC_FILE'"
	echo "sleep 60"
} >"$TEST_TMP/run.sh"
tui_tmux new-session -d -x 100 -y 30 -c "$TEST_TMP" "exec sh '$TEST_TMP/run.sh'" ||
	bail_out "tmux could not start the demo"

tui_wait 10 'dev-sandbox' "the demo opens the TUI on the demo data"
during=$(emus_of_demo)
[ -n "$during" ]; ok $? "the demo runs its own alicfg-emu"
[ -n "$(ls -A "$demo_tmp")" ]; ok $? "with its output files in TMPDIR"

tui_keys q
wait_for 10 test -s "$TUI_RC_FILE"
rc=$(cat "$TUI_RC_FILE" 2>/dev/null)
[ "$rc" = 0 ]; ok $? "quitting the demo exits 0 (got '$rc')"
! grep -q 'unbound variable' "$TEST_TMP/demo.err"
ok $? "and prints no shell error"
diag "$(cat "$TEST_TMP/demo.err")"
left=""
for p in $during; do
	kill -0 "$p" 2>/dev/null && left="$left $p"
done
[ -z "$left" ]; ok $? "the demo's emulator is stopped (left:$left)"
for p in $left; do kill "$p" 2>/dev/null; done
[ -z "$(ls -A "$demo_tmp")" ]; ok $? "and its temporary files are removed"

tap_done
