# unit tests: cred area (INI reader, credentials chain and files, region and
# endpoint rules). cred_fixture.h is their shared temp-HOME/env helper.
check_PROGRAMS += tests/unit/test_ini tests/unit/test_cred \
	tests/unit/test_cred_files tests/unit/test_endpoint
TESTS += tests/unit/test_ini tests/unit/test_cred \
	tests/unit/test_cred_files tests/unit/test_endpoint

tests_unit_test_ini_SOURCES = tests/unit/test_ini.c tests/unit/cred_fixture.h
tests_unit_test_ini_CFLAGS = $(unit_cflags)
tests_unit_test_ini_LDADD = $(unit_ldadd)

tests_unit_test_cred_SOURCES = tests/unit/test_cred.c tests/unit/cred_fixture.h
tests_unit_test_cred_CFLAGS = $(unit_cflags)
tests_unit_test_cred_LDADD = $(unit_ldadd)

tests_unit_test_cred_files_SOURCES = tests/unit/test_cred_files.c tests/unit/cred_fixture.h
tests_unit_test_cred_files_CFLAGS = $(unit_cflags)
tests_unit_test_cred_files_LDADD = $(unit_ldadd)

tests_unit_test_endpoint_SOURCES = tests/unit/test_endpoint.c tests/unit/cred_fixture.h
tests_unit_test_endpoint_CFLAGS = $(unit_cflags)
tests_unit_test_endpoint_LDADD = $(unit_ldadd)
