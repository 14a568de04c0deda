# tests/tui/tui_lib.sh: drive the real alicfg in a real terminal (tmux).
# Source it from a test (bash), after which:
#
#   tui_start ARGS...     start alicfg ARGS in a 100x30 tmux window, with the
#                         demo key (none when TUI_NO_KEY is set), TERM and
#                         locale pinned, and TUI_ENV added; records its pid
#   tui_keys KEYS...      tmux send-keys (key names: Enter, Escape, Tab, ...)
#   tui_type TEXT         send TEXT literally
#   tui_screen            the screen as text
#   tui_wait S RE [DESC]  wait up to S seconds for the screen to match the
#                         extended regex RE; one TAP case when DESC is given
#   tui_gone S            wait up to S seconds for alicfg to exit
#   tui_stop              kill the tmux server (also done on exit)
#
# Every wait has a deadline; nothing sleeps blindly. Each test file uses its
# own tmux socket, so tests never see each other's screens.

top_srcdir=${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || bail_out "tmux is not installed (scripts/dev installs it)"
[ -x "$ALICFG" ] || bail_out "alicfg is not built ($ALICFG)"
[ -x "$ALICFG_EMU" ] || bail_out "alicfg-emu is not built ($ALICFG_EMU)"

TUI_SOCK="alicfg-test-$$"
TUI_PID_FILE="$TEST_TMP/alicfg.pid"
TUI_RC_FILE="$TEST_TMP/alicfg.rc"
TUI_LAST="$TEST_TMP/screen.txt"
TUI_ENV=""
TUI_COLS=100
TUI_ROWS=30

tui_tmux() {
	tmux -L "$TUI_SOCK" -f /dev/null "$@"
}

tui_stop() {
	tui_tmux kill-server >/dev/null 2>&1
	return 0
}

# Extend lib.sh's cleanup: the tmux server goes first.
trap 'tui_stop; tap_cleanup' EXIT

# The command line, quoted for the shell tmux starts.
tui_quote() {
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
}

tui_start() {
	tui_stop
	rm -f "$TUI_PID_FILE" "$TUI_RC_FILE"
	mkdir -p "$TEST_TMP/cwd"
	# a script, so the shell tmux starts needs no quoting tricks; it
	# records the pid and, after alicfg exits, its exit status
	{
		echo "echo \$\$ >'$TUI_PID_FILE'"
		echo "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
		echo "  HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \\"
		echo "  XDG_STATE_HOME='$XDG_STATE_HOME' \\"
		if [ -z "$TUI_NO_KEY" ]; then
			echo "  ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak \\"
			echo "  ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-secret \\"
		fi
		echo "  $TUI_ENV \\"
		echo "  $(tui_quote "$ALICFG" "$@")"
		echo "echo \$? >'$TUI_RC_FILE'"
		echo "sleep 60"
	} >"$TEST_TMP/run.sh"
	tui_tmux new-session -d -x "$TUI_COLS" -y "$TUI_ROWS" \
		-c "$TEST_TMP/cwd" "exec sh '$TEST_TMP/run.sh'" || return 1
	wait_for 5 test -s "$TUI_PID_FILE" || return 1
	# the pid of alicfg itself: the child of that shell
	wait_for 5 tui_find_child
}

tui_find_child() {
	sh_pid=$(cat "$TUI_PID_FILE" 2>/dev/null)
	child=$(pgrep -P "$sh_pid" 2>/dev/null | head -n 1)
	[ -n "$child" ] || return 1
	echo "$child" >"$TUI_PID_FILE.child"
}

tui_pid() {
	cat "$TUI_PID_FILE.child" 2>/dev/null
}

tui_keys() {
	tui_tmux send-keys "$@"
}

tui_type() {
	tui_tmux send-keys -l -- "$1"
}

tui_screen() {
	tui_tmux capture-pane -p 2>/dev/null
}

tui_matches() {
	tui_screen >"$TUI_LAST"
	grep -Eq -- "$1" "$TUI_LAST"
}

tui_wait() {
	if wait_for "$1" tui_matches "$2"; then
		[ -n "$3" ] && ok 0 "$3"
		return 0
	fi
	if [ -n "$3" ]; then
		ok 1 "$3"
		diag "waited $1 s for /$2/; the screen was:"
		diag "$(cat "$TUI_LAST")"
	fi
	return 1
}

# Run alicfg is still running?
tui_alive() {
	pid=$(tui_pid)
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

tui_not_alive() {
	! tui_alive
}

tui_gone() {
	wait_for "$1" tui_not_alive
}

# The display column (0-based) where the first match of the fixed string
# NEEDLE starts in the screen line that contains KEY (wc -L counts CJK as
# two columns, as the terminal does).
tui_column() {
	line=$(grep -F -- "$1" "$TUI_LAST" | head -n 1)
	[ -n "$line" ] || { echo -1; return; }
	prefix=${line%%"$2"*}
	[ "$prefix" != "$line" ] || { echo -1; return; }
	printf '%s' "$prefix" | wc -L
}

# recorder_is URL UID STATUS: does the emulator say so (through the batch
# CLI, a different path from the screen)?
recorder_is() {
	ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=demo-secret \
	"$ALICFG" --endpoint "$1" --sts-endpoint "$1" recorder --account "$2" \
		</dev/null 2>/dev/null | grep -q "Recorder status: *$3\$"
}

# Show only the rows of one account: filter the members pane.
tui_filter() {
	tui_keys /
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
}
