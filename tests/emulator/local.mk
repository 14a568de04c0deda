# alicfg-emu: the local Config + STS emulator (libmicrohttpd); configure
# leaves it out without libmicrohttpd or with --without-emulator.
if BUILD_EMULATOR
bin_PROGRAMS += alicfg-emu
man_MANS += alicfg-emu.1
endif
EXTRA_DIST += alicfg-emu.1
alicfg_emu_SOURCES = \
	tests/emulator/emu.h \
	tests/emulator/emu_main.c \
	tests/emulator/emu_http.c \
	tests/emulator/emu_reply.c \
	tests/emulator/emu_auth.c \
	tests/emulator/emu_config.c \
	tests/emulator/emu_stop.c \
	tests/emulator/emu_sts.c \
	tests/emulator/emu_state.c \
	tests/emulator/emu_map.c \
	tests/emulator/emu_scenario.c \
	tests/emulator/emu_scenario_file.c \
	tests/emulator/emu_faults.c \
	tests/emulator/emu_quota.c \
	tests/emulator/emu_directory.c \
	tests/emulator/emu_env.c
alicfg_emu_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS)
alicfg_emu_LDADD = $(CORE_LIBS) $(MHD_LIBS)

if ALICFG_TESTS
# The emulator's own tests: cmocka + libcurl clients of the real binary on
# 127.0.0.1, and a shell test of the command line and scenario files.
emu_test_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
emu_test_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)
emu_test_common = tests/emulator/emu_test.c tests/emulator/emu_test.h

# One list for check_PROGRAMS and TESTS. Automake has no per-program
# defaults, so each program still names its sources and the shared flags.
emu_tests = tests/emulator/test_emu_auth tests/emulator/test_emu_api \
	tests/emulator/test_emu_faults tests/emulator/test_emu_hostile \
	tests/emulator/test_emu_scenario tests/emulator/test_emu_directory \
	tests/emulator/test_emu_quota
check_PROGRAMS += $(emu_tests)
TESTS += $(emu_tests)

tests_emulator_test_emu_auth_SOURCES = tests/emulator/test_emu_auth.c \
	$(emu_test_common)
tests_emulator_test_emu_auth_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_auth_LDADD = $(emu_test_ldadd)
tests_emulator_test_emu_api_SOURCES = tests/emulator/test_emu_api.c \
	$(emu_test_common)
tests_emulator_test_emu_api_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_api_LDADD = $(emu_test_ldadd)
tests_emulator_test_emu_faults_SOURCES = tests/emulator/test_emu_faults.c \
	$(emu_test_common)
tests_emulator_test_emu_faults_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_faults_LDADD = $(emu_test_ldadd)
tests_emulator_test_emu_hostile_SOURCES = tests/emulator/test_emu_hostile.c \
	$(emu_test_common)
tests_emulator_test_emu_hostile_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_hostile_LDADD = $(emu_test_ldadd)
tests_emulator_test_emu_scenario_SOURCES = tests/emulator/test_emu_scenario.c \
	$(emu_test_common)
tests_emulator_test_emu_scenario_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_scenario_LDADD = $(emu_test_ldadd)
tests_emulator_test_emu_directory_SOURCES = \
	tests/emulator/test_emu_directory.c $(emu_test_common)
tests_emulator_test_emu_directory_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_directory_LDADD = $(emu_test_ldadd)

tests_emulator_test_emu_quota_SOURCES = tests/emulator/test_emu_quota.c \
	$(emu_test_common)
tests_emulator_test_emu_quota_CFLAGS = $(emu_test_cflags)
tests_emulator_test_emu_quota_LDADD = $(emu_test_ldadd)

TESTS += tests/emulator/test_emu_cli.sh
EXTRA_DIST += tests/emulator/test_emu_cli.sh
endif
