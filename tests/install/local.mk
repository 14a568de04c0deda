# install tests: the man pages document every flag, command, config key and
# key binding; the shell completions work (bash driven for real, zsh and
# fish parsed).
check_PROGRAMS += tests/install/test_man_pages
TESTS += tests/install/test_man_pages
tests_install_test_man_pages_SOURCES = tests/install/test_man_pages.c
tests_install_test_man_pages_CFLAGS = $(unit_cflags)
tests_install_test_man_pages_LDADD = $(unit_ldadd)

install_tests = tests/install/man_pages.sh tests/install/completion.sh \
	tests/install/emu_env.sh tests/install/version.sh
TESTS += $(install_tests)
EXTRA_DIST += $(install_tests)
