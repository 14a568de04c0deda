# unit tests: Resource Directory (ListAccounts parser, errors, endpoint)
check_PROGRAMS += tests/unit/test_rd_model
TESTS += tests/unit/test_rd_model
tests_unit_test_rd_model_SOURCES = tests/unit/test_rd_model.c
tests_unit_test_rd_model_CFLAGS = $(unit_cflags)
tests_unit_test_rd_model_LDADD = $(unit_ldadd)

check_PROGRAMS += tests/unit/test_directory
TESTS += tests/unit/test_directory
tests_unit_test_directory_SOURCES = tests/unit/test_directory.c
tests_unit_test_directory_CFLAGS = $(unit_cflags)
tests_unit_test_directory_LDADD = $(unit_ldadd)
