# unit tests: watch area (snapshots and their transitions)
check_PROGRAMS += tests/unit/test_snapshot
TESTS += tests/unit/test_snapshot

tests_unit_test_snapshot_SOURCES = tests/unit/test_snapshot.c
tests_unit_test_snapshot_CFLAGS = $(unit_cflags)
tests_unit_test_snapshot_LDADD = $(unit_ldadd)

check_PROGRAMS += tests/unit/test_check
TESTS += tests/unit/test_check
tests_unit_test_check_SOURCES = tests/unit/test_check.c
tests_unit_test_check_CFLAGS = $(unit_cflags)
tests_unit_test_check_LDADD = $(unit_ldadd)

check_PROGRAMS += tests/unit/test_watch
TESTS += tests/unit/test_watch
tests_unit_test_watch_SOURCES = tests/unit/test_watch.c
tests_unit_test_watch_CFLAGS = $(unit_cflags)
tests_unit_test_watch_LDADD = $(unit_ldadd)
