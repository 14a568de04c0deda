# TUI tests: the real alicfg in tmux against alicfg-emu (tmux is a required
# test dependency: scripts/dev installs it); tui_lib.sh is sourced, not run.
tui_tests = \
	tests/tui/browse.sh \
	tests/tui/enable.sh \
	tests/tui/readonly.sh \
	tests/tui/faults.sh \
	tests/tui/resize.sh \
	tests/tui/quit.sh \
	tests/tui/man_keys.sh \
	tests/tui/secrets.sh \
	tests/tui/switch.sh \
	tests/tui/progressive.sh \
	tests/tui/demo.sh
TESTS += $(tui_tests)
EXTRA_DIST += $(tui_tests) tests/tui/tui_lib.sh
