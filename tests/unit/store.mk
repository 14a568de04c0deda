# unit tests: store area (the TUI's model) and the text engine (src/text.c)
check_PROGRAMS += tests/unit/test_store tests/unit/test_text
TESTS += tests/unit/test_store tests/unit/test_text

tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CFLAGS = $(unit_cflags)
tests_unit_test_store_LDADD = $(unit_ldadd)

tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(unit_ldadd)
