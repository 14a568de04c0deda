# unit tests: sign area (request encoding and signing, pinned to the
# published vectors) and its benchmark, which is built but never a test.
check_PROGRAMS += tests/unit/test_sign tests/unit/test_params
TESTS += tests/unit/test_sign tests/unit/test_params

tests_unit_test_sign_SOURCES = tests/unit/test_sign.c tests/unit/sign_fixture.h
tests_unit_test_sign_CFLAGS = $(unit_cflags)
tests_unit_test_sign_LDADD = $(unit_ldadd)

tests_unit_test_params_SOURCES = tests/unit/test_params.c
tests_unit_test_params_CFLAGS = $(unit_cflags)
tests_unit_test_params_LDADD = $(unit_ldadd)

check_PROGRAMS += tests/bench/bench_sign
tests_bench_bench_sign_SOURCES = tests/bench/bench_sign.c \
	tests/unit/sign_fixture.h
tests_bench_bench_sign_CFLAGS = $(AM_CFLAGS)
tests_bench_bench_sign_LDADD = $(CORE_LIBS)
