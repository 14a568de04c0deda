/* test_emu_quota: --quotas as a client sees it. Over an action's quota the
 * gateway's throttling answer (400, Throttling.User, its Message, a
 * RequestId, x-acs-retry-after up to the moment the window has room); the
 * window slides; each account and each action has its own; refused calls
 * do not count; the request log marks them; `off` and bad specs. Windows
 * are scaled down with a FILE so nothing waits a minute. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "emu_test.h"

struct fixture {
	char dir[256];
	char file[320];
	char log[320];
	struct emu_proc p;
};

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/emuq-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->file, sizeof(fx->file), "%s/quotas.ini", fx->dir);
	snprintf(fx->log, sizeof(fx->log), "%s/emu.log", fx->dir);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = 0;
	if (fx->p.pid > 0 && emu_proc_stop(&fx->p) != 0)
		rc = -1;
	unlink(fx->file);
	unlink(fx->log);
	rmdir(fx->dir);
	free(fx);
	return rc;
}

static void
start(struct fixture *fx, const char *text)
{
	FILE *f = fopen(fx->file, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	const char *args[] = {"--quotas", fx->file, "--log", fx->log, NULL};
	assert_int_equal(emu_proc_start(&fx->p, args), 0);
}

static void
list_as(const struct fixture *fx, struct emu_call *c, const char *ak,
	const char *secret)
{
	emu_call_init(c, fx->p.url, "ListAggregators", EMU_CONFIG_VERSION, ak,
		secret);
	params_add(&c->query, "MaxResults", "100");
	emu_call_run(c);
}

static void
list(const struct fixture *fx, struct emu_call *c)
{
	list_as(fx, c, "demo-ak", "demo-secret");
}

static int
log_count(const struct fixture *fx, const char *needle)
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

static void
over_quota_answer(void **state)
{
	struct fixture *fx = *state;
	start(fx, "[quota]\nListAggregators = 3/2\n");
	struct emu_call c;
	double t0 = emu_test_now();
	for (int i = 0; i < 3; i++) {
		list(fx, &c);
		assert_int_equal(c.status, 200);
		emu_call_free(&c);
	}
	list(fx, &c);
	assert_int_equal(c.status, 400);
	assert_string_equal(emu_call_code(&c), "Throttling.User");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"Message")), "Request was denied due to user flow control.");
	assert_string_equal(c.request_id,
		json_string_value(json_object_get(c.json, "RequestId")));
	/* Come back when the first call leaves the 2 s window. */
	double left_ms = (t0 + 2.0 - emu_test_now()) * 1000.0;
	assert_true(c.retry_after > 0);
	assert_true(c.retry_after <= 2001);
	assert_true(c.retry_after >= left_ms - 50);
	emu_call_free(&c);
	/* Refused calls do not count: once the window slid, room again. */
	for (int i = 0; i < 5; i++) {
		list(fx, &c);
		assert_int_equal(c.status, 400);
		emu_call_free(&c);
	}
	struct timespec ts = {2, 100000000};
	nanosleep(&ts, NULL);
	list(fx, &c);
	assert_int_equal(c.status, 200);
	emu_call_free(&c);
	/* The log marks the quota refusals, and only them. */
	assert_int_equal(log_count(fx, "\"throttled\":\"quota\""), 6);
	assert_int_equal(log_count(fx, "\"code\":\"Throttling.User\""), 6);
}

static void
per_account_and_action(void **state)
{
	struct fixture *fx = *state;
	start(fx, "ListAggregators = 2/60\nGetAggregator = off\n");
	struct emu_call c;
	for (int i = 0; i < 2; i++) {
		list(fx, &c);
		assert_int_equal(c.status, 200);
		emu_call_free(&c);
	}
	list(fx, &c);
	assert_int_equal(c.status, 400);
	emu_call_free(&c);
	/* Another account (the delegated administrator, …009): its own. */
	list_as(fx, &c, "demo-delegated-ak", "demo-delegated-secret");
	assert_int_equal(c.status, 200);
	emu_call_free(&c);
	/* Another action: its own, here none at all. */
	for (int i = 0; i < 20; i++) {
		emu_call_init(&c, fx->p.url, "GetAggregator",
			EMU_CONFIG_VERSION, "demo-ak", "demo-secret");
		params_add(&c.query, "AggregatorId", "ca-0000000000000001");
		emu_call_run(&c);
		assert_string_not_equal(emu_call_code(&c), "Throttling.User");
		emu_call_free(&c);
	}
	/* STS counts in the caller's account, at the published 100/1 s. */
	emu_call_init(&c, fx->p.url, "GetCallerIdentity", EMU_STS_VERSION,
		"demo-ak", "demo-secret");
	emu_call_run(&c);
	assert_int_equal(c.status, 200);
	emu_call_free(&c);
}

static void
off_and_bad_specs(void **state)
{
	struct fixture *fx = *state;
	const char *off[] = {"--quotas", "off", NULL};
	assert_int_equal(emu_proc_start(&fx->p, off), 0);
	struct emu_call c;
	/* Far over the real 120 per 60 s: never refused. */
	for (int i = 0; i < 130; i++) {
		list(fx, &c);
		assert_int_equal(c.status, 200);
		emu_call_free(&c);
	}
	assert_int_equal(emu_proc_stop(&fx->p), 0);
	fx->p.pid = 0;

	FILE *f = fopen(fx->file, "w");
	assert_non_null(f);
	fputs("GetAggregator = lots\n", f);
	fclose(f);
	const char *bad_file[] = {"--quotas", fx->file, NULL};
	const char *missing[] = {"--quotas", "/nonexistent/quotas", NULL};
	struct buf err_text = BUF_INIT;
	assert_int_equal(emu_proc_run(bad_file, &err_text, 10), 2);
	assert_non_null(strstr(buf_str(&err_text), ":1:"));
	assert_non_null(strstr(buf_str(&err_text), "CALLS/SECONDS"));
	buf_free(&err_text);
	assert_int_equal(emu_proc_run(missing, &err_text, 10), 2);
	assert_non_null(strstr(buf_str(&err_text), "real, off"));
	buf_free(&err_text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(over_quota_answer, setup,
			teardown),
		cmocka_unit_test_setup_teardown(per_account_and_action, setup,
			teardown),
		cmocka_unit_test_setup_teardown(off_and_bad_specs, setup,
			teardown),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
