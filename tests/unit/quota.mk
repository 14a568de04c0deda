# unit tests: client-side quotas (table, token buckets, AIMD)
check_PROGRAMS += tests/unit/test_quota
TESTS += tests/unit/test_quota

tests_unit_test_quota_SOURCES = tests/unit/test_quota.c
tests_unit_test_quota_CFLAGS = $(unit_cflags)
tests_unit_test_quota_LDADD = $(unit_ldadd)
