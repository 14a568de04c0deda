# unit tests: store area (the TUI's model), the controller over it, and the
# text engine (src/text.c). store_fixture.h builds groups and members with the
# model's own types for the first two.
check_PROGRAMS += tests/unit/test_store tests/unit/test_app tests/unit/test_text
TESTS += tests/unit/test_store tests/unit/test_app tests/unit/test_text

tests_unit_test_store_SOURCES = tests/unit/test_store.c tests/unit/store_fixture.h
tests_unit_test_store_CFLAGS = $(unit_cflags)
tests_unit_test_store_LDADD = $(unit_ldadd)

tests_unit_test_app_SOURCES = tests/unit/test_app.c tests/unit/store_fixture.h
tests_unit_test_app_CFLAGS = $(unit_cflags)
tests_unit_test_app_LDADD = $(unit_ldadd)

tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(unit_ldadd)
