# unit tests: store area (the TUI's model) and the TUI's text measuring
check_PROGRAMS += tests/unit/test_store tests/unit/test_text
TESTS += tests/unit/test_store tests/unit/test_text

tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CFLAGS = $(unit_cflags)
tests_unit_test_store_LDADD = $(unit_ldadd)

tests_unit_test_text_SOURCES = tests/unit/test_text.c ui/text.c
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(CMOCKA_LIBS)
