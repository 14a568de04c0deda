# unit tests: client area (response parsing, retry arithmetic, audit log)
check_PROGRAMS += tests/unit/test_model tests/unit/test_retry \
	tests/unit/test_audit
TESTS += tests/unit/test_model tests/unit/test_retry tests/unit/test_audit

tests_unit_test_model_SOURCES = tests/unit/test_model.c
tests_unit_test_model_CFLAGS = $(unit_cflags)
tests_unit_test_model_LDADD = $(unit_ldadd)

tests_unit_test_retry_SOURCES = tests/unit/test_retry.c
tests_unit_test_retry_CFLAGS = $(unit_cflags)
tests_unit_test_retry_LDADD = $(unit_ldadd)

tests_unit_test_audit_SOURCES = tests/unit/test_audit.c
tests_unit_test_audit_CFLAGS = $(unit_cflags)
tests_unit_test_audit_LDADD = $(unit_ldadd)
