# integration tests: batch CLI against alicfg-emu
# Each script is a TAP program (tests/lib.sh); batch_lib.sh holds their
# shared helpers and is sourced, not run.
batch_integration_tests = \
	tests/integration/batch_commands.sh \
	tests/integration/credentials.sh \
	tests/integration/enable.sh \
	tests/integration/tls.sh \
	tests/integration/faults.sh \
	tests/integration/secrets.sh \
	tests/integration/clock_skew.sh \
	tests/integration/client_behaviour.sh \
	tests/integration/hostile_server.sh \
	tests/integration/quota.sh \
	tests/integration/verbose_timing.sh \
	tests/integration/stop.sh \
	tests/integration/diff.sh \
	tests/integration/directory.sh \
	tests/integration/check.sh
TESTS += $(batch_integration_tests)
EXTRA_DIST += $(batch_integration_tests) tests/integration/batch_lib.sh
EXTRA_DIST += tests/lib.sh tests/sts_lib.sh

# The client library (api.h) driven directly against alicfg-emu, for what
# no CLI command shows (shared STS calls, credential cache, wakeup, free
# in flight). Starts the emulator with the emulator tests' helpers.
check_PROGRAMS += tests/integration/test_client_api
TESTS += tests/integration/test_client_api
tests_integration_test_client_api_SOURCES = \
	tests/integration/test_client_api.c \
	tests/emulator/emu_test.c tests/emulator/emu_test.h
tests_integration_test_client_api_CFLAGS = $(unit_cflags) \
	-I$(top_srcdir)/tests/emulator
tests_integration_test_client_api_LDADD = $(unit_ldadd)

# The worker thread over the real client and alicfg-emu: bounded takes keep
# the wake-up fd readable, a group asked again is fetched once, queued and
# in-flight jobs are counted apart.
check_PROGRAMS += tests/integration/test_worker
TESTS += tests/integration/test_worker
tests_integration_test_worker_SOURCES = \
	tests/integration/test_worker.c \
	tests/emulator/emu_test.c tests/emulator/emu_test.h
tests_integration_test_worker_CFLAGS = $(unit_cflags) \
	-I$(top_srcdir)/tests/emulator
tests_integration_test_worker_LDADD = $(unit_ldadd)

# The batch CLI for scripts (issue 14): account lists, ids through jq,
# outcome words, did-you-mean, credentials as the official tools read them.
cli_integration_tests = tests/integration/cli_accounts.sh \
	tests/integration/cli_credentials.sh
TESTS += $(cli_integration_tests)
EXTRA_DIST += $(cli_integration_tests)

# A bulk enable through the real client against alicfg-emu enforcing
# (scaled-down) quotas: zero throttles with the client's limiter.
check_PROGRAMS += tests/integration/test_quota_api
TESTS += tests/integration/test_quota_api
tests_integration_test_quota_api_SOURCES = \
	tests/integration/test_quota_api.c \
	tests/emulator/emu_test.c tests/emulator/emu_test.h
tests_integration_test_quota_api_CFLAGS = $(unit_cflags) \
	-I$(top_srcdir)/tests/emulator
tests_integration_test_quota_api_LDADD = $(unit_ldadd)
