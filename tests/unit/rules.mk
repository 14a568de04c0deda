# unit tests: the shared rules (the error type, URLs, throttling, redaction,
# environment lookup, locale, status names and colours), one home each.
check_PROGRAMS += tests/unit/test_err tests/unit/test_url tests/unit/test_rules tests/unit/test_env
TESTS += tests/unit/test_err tests/unit/test_url tests/unit/test_rules tests/unit/test_env

tests_unit_test_err_SOURCES = tests/unit/test_err.c
tests_unit_test_err_CFLAGS = $(unit_cflags)
tests_unit_test_err_LDADD = $(unit_ldadd)

tests_unit_test_url_SOURCES = tests/unit/test_url.c
tests_unit_test_url_CFLAGS = $(unit_cflags)
tests_unit_test_url_LDADD = $(unit_ldadd)

tests_unit_test_rules_SOURCES = tests/unit/test_rules.c
tests_unit_test_rules_CFLAGS = $(unit_cflags)
tests_unit_test_rules_LDADD = $(unit_ldadd)

tests_unit_test_env_SOURCES = tests/unit/test_env.c tests/unit/cred_fixture.h
tests_unit_test_env_CFLAGS = $(unit_cflags)
tests_unit_test_env_LDADD = $(unit_ldadd)
