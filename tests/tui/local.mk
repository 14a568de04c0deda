# TUI tests: the real alicfg in tmux against alicfg-emu. Each skips cleanly
# when tmux is missing; tui_lib.sh is sourced, not run.
tui_tests = \
	tests/tui/browse.sh \
	tests/tui/enable.sh \
	tests/tui/readonly.sh \
	tests/tui/faults.sh \
	tests/tui/resize.sh \
	tests/tui/quit.sh
TESTS += $(tui_tests)
EXTRA_DIST += $(tui_tests) tests/tui/tui_lib.sh
