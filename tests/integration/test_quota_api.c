/* test_quota_api: a bulk enable through the real client (api.h, the path
 * the TUI's bulk enable takes) against alicfg-emu enforcing quotas: 40
 * member accounts started at once need 40 AssumeRole calls from the
 * management account, four times what its (scaled-down) AssumeRole window
 * allows, and not one call is throttled when the client knows the quota.
 * With the client's limit off, the same bulk enable is throttled by the
 * emulator (so the zero above is the limiter's doing) and still succeeds
 * because throttling answers are retried. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "cred.h"
#include "emu_test.h"
#include "model.h"
#include "quota.h"

#define QAPI_MEMBERS 40
#define QAPI_FIRST INT64_C(1000000000000002)   /* scale members from here */

struct qapi_fixture {
	char dir[256];
	char quotas[320];
	char log[320];
	char audit[320];
	struct emu_proc emu;
	struct api_client *client;
	int done, failed;
	char first_error[512];
};

static int
qapi_setup(void **state)
{
	struct qapi_fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/qapi-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->quotas, sizeof(fx->quotas), "%s/quotas.ini", fx->dir);
	snprintf(fx->log, sizeof(fx->log), "%s/emu.log", fx->dir);
	snprintf(fx->audit, sizeof(fx->audit), "%s/audit.log", fx->dir);
	/* 10 AssumeRole per second (the real one is 100): 40 span 4 windows. */
	FILE *f = fopen(fx->quotas, "w");
	if (!f)
		return -1;
	fputs("[quota]\nAssumeRole = 10/1\n", f);
	fclose(f);
	*state = fx;
	return 0;
}

static int
qapi_teardown(void **state)
{
	struct qapi_fixture *fx = *state;
	api_client_free(fx->client);
	int rc = 0;
	if (fx->emu.pid > 0 && emu_proc_stop(&fx->emu) != 0)
		rc = -1;
	unlink(fx->quotas);
	unlink(fx->log);
	unlink(fx->audit);
	rmdir(fx->dir);
	free(fx);
	return rc;
}

static void
qapi_on_start(void *ctx, const struct err *e, struct recorder *r)
{
	struct qapi_fixture *fx = ctx;
	fx->done++;
	if (e->kind != ERR_NONE) {
		if (!fx->failed++)
			snprintf(fx->first_error, sizeof(fx->first_error), "%.100s %.400s",
				e->code, e->message);
	}
	if (r) {
		model_recorder_free(r);
		free(r);
	}
}

static int
qapi_log_count(const struct qapi_fixture *fx, const char *needle)
{
	FILE *f = fopen(fx->log, "r");
	assert_non_null(f);
	char line[8192];
	int n = 0;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, needle))
			n++;
	fclose(f);
	return n;
}

/* Start the emulator, then enable QAPI_MEMBERS members at once with the
 * client's AssumeRole quota known (`limited`) or switched off. */
static void
qapi_bulk_enable(struct qapi_fixture *fx, bool limited)
{
	const char *args[] = {"--scenario", "scale:5:100", "--quotas",
		fx->quotas, "--log", fx->log, NULL};
	assert_int_equal(emu_proc_start(&fx->emu, args), 0);

	struct quota_table t;
	struct err e;
	err_clear(&e);
	quota_table_defaults(&t);
	assert_int_equal(quota_table_set(&t, "AssumeRole",
		limited ? "10/1" : "off", &e), 0);
	struct cred caller;
	memset(&caller, 0, sizeof(caller));
	caller.mode = CRED_AK;
	caller.access_key_id = strdup("demo-ak");
	caller.access_key_secret = strdup("demo-secret");
	caller.origin = strdup("test_quota_api");
	struct api_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = fx->emu.url;
	cfg.sts_endpoint = fx->emu.url;
	cfg.audit_path = fx->audit;
	cfg.quotas = &t;
	fx->client = api_client_new(&cfg, &caller, &e);
	cred_free(&caller);
	assert_non_null(fx->client);

	for (int i = 0; i < QAPI_MEMBERS; i++)
		api_start_recorder(fx->client, QAPI_FIRST + i, qapi_on_start, fx);
	api_client_run(fx->client);
	if (fx->failed)
		print_message("# %d failed, first: %s\n", fx->failed,
			fx->first_error);
	assert_int_equal(fx->done, QAPI_MEMBERS);
	assert_int_equal(fx->failed, 0);
	assert_int_equal(qapi_log_count(fx,
		"\"action\":\"StartConfigurationRecorder\""), QAPI_MEMBERS);
}

static void
bulk_enable_within_quota(void **state)
{
	struct qapi_fixture *fx = *state;
	qapi_bulk_enable(fx, true);
	/* Every member needed its own AssumeRole, 4 windows' worth... */
	assert_int_equal(qapi_log_count(fx, "\"action\":\"AssumeRole\""),
		QAPI_MEMBERS);
	/* ...and none was refused. */
	assert_int_equal(qapi_log_count(fx, "\"throttled\":\"quota\""), 0);
}

static void
bulk_enable_unpaced_is_throttled(void **state)
{
	struct qapi_fixture *fx = *state;
	qapi_bulk_enable(fx, false);
	assert_true(qapi_log_count(fx, "\"throttled\":\"quota\"") > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bulk_enable_within_quota,
			qapi_setup, qapi_teardown),
		cmocka_unit_test_setup_teardown(bulk_enable_unpaced_is_throttled,
			qapi_setup, qapi_teardown),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
