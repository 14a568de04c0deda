# unit tests: batch area (option parsing, config file, output formats)
check_PROGRAMS += tests/unit/test_options tests/unit/test_output
TESTS += tests/unit/test_options tests/unit/test_output

tests_unit_test_options_SOURCES = tests/unit/test_options.c
tests_unit_test_options_CFLAGS = $(unit_cflags)
tests_unit_test_options_LDADD = $(unit_ldadd)

tests_unit_test_output_SOURCES = tests/unit/test_output.c
tests_unit_test_output_CFLAGS = $(unit_cflags)
tests_unit_test_output_LDADD = $(unit_ldadd)
check_PROGRAMS += tests/unit/test_cli_helpers
TESTS += tests/unit/test_cli_helpers

tests_unit_test_cli_helpers_SOURCES = tests/unit/test_cli_helpers.c
tests_unit_test_cli_helpers_CFLAGS = $(unit_cflags)
tests_unit_test_cli_helpers_LDADD = $(unit_ldadd)
