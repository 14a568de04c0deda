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
	tests/tui/demo.sh \
	tests/tui/golden.sh \
	tests/tui/status_colour.sh \
	tests/tui/watch.sh \
	tests/tui/directory.sh \
	tests/tui/quota.sh \
	tests/tui/stop.sh \
	tests/tui/small.sh
TESTS += $(tui_tests)
EXTRA_DIST += $(tui_tests) tests/tui/tui_lib.sh

# Golden screens (tests/tui/golden.sh): after a deliberate layout change,
# `make golden-update` rewrites tests/tui/golden/*.txt in the source tree.
EXTRA_DIST += tests/tui/golden/main.txt tests/tui/golden/detail.txt \
	tests/tui/golden/help.txt tests/tui/golden/log.txt \
	tests/tui/golden/enable.txt \
	tests/tui/golden/main-80x24.txt tests/tui/golden/members-80x24.txt \
	tests/tui/golden/help-80x24.txt tests/tui/golden/main-120x40.txt \
	tests/tui/golden/members-120x40.txt tests/tui/golden/help-120x40.txt
golden-update: all
	ALICFG_GOLDEN_UPDATE=1 ALICFG_BUILDDIR='$(abs_top_builddir)' \
	ALICFG_SRCDIR='$(abs_top_srcdir)' \
	$(SHELL) $(top_srcdir)/tests/tui/golden.sh
