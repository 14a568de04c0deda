/* test_retry: backoff arithmetic with explicit random numbers, and which
 * failures are retried, for reads and for the one write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http.h"
#include "retry.h"

static struct retry_policy
policy(void)
{
	struct retry_policy p;
	retry_policy_default(&p);
	return p;
}

static void
defaults(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	assert_int_equal(p.max_attempts, 5);
	assert_int_equal(p.base_delay_ms, 200);
	assert_int_equal(p.max_delay_ms, 10000);
	assert_int_equal(p.max_total_delay_ms, 30000);
}

static void
full_jitter_bounds(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	/* attempt n waits in [0, 200 * 2^(n-1)]. */
	long caps[] = { 200, 400, 800, 1600 };
	for (int a = 1; a <= 4; a++) {
		assert_int_equal(retry_delay_ms(&p, a, 0, 0, 0.0), 0);
		long hi = retry_delay_ms(&p, a, 0, 0, 0.999);
		assert_true(hi <= caps[a - 1]);
		assert_true(hi >= caps[a - 1] * 99 / 100);
		long mid = retry_delay_ms(&p, a, 0, 0, 0.5);
		assert_true(mid >= caps[a - 1] / 2 - 1 && mid <= caps[a - 1] / 2 + 1);
	}
	/* Out-of-range randoms are clamped, never beyond the cap. */
	assert_int_equal(retry_delay_ms(&p, 1, 0, 0, -3.0), 0);
	assert_true(retry_delay_ms(&p, 1, 0, 0, 7.0) <= 200);
}

static void
exponential_growth_and_cap(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	p.max_attempts = 100;
	p.max_total_delay_ms = 1000000;
	long prev = 0;
	for (int a = 1; a <= 6; a++) {
		long d = retry_delay_ms(&p, a, 0, 0, 0.999);
		assert_true(d > prev);
		prev = d;
	}
	/* 200 * 2^6 = 12800 > 10000: capped from attempt 7 on. */
	for (int a = 7; a < 100; a++) {
		long d = retry_delay_ms(&p, a, 0, 0, 0.999);
		assert_true(d <= 10000 && d >= 9900);
	}
	/* A huge attempt number does not overflow. */
	p.max_attempts = 1 << 30;
	long d = retry_delay_ms(&p, (1 << 30) - 1, 0, 0, 0.999);
	assert_true(d <= 10000 && d >= 9900);
}

static void
attempts_spent(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	/* Five tries in all: retries 1..4, then no more. */
	assert_true(retry_delay_ms(&p, 4, 0, 0, 0.5) >= 0);
	assert_int_equal(retry_delay_ms(&p, 5, 0, 0, 0.5), -1);
	assert_int_equal(retry_delay_ms(&p, 0, 0, 0, 0.5), -1);
	p.max_attempts = 1;
	assert_int_equal(retry_delay_ms(&p, 1, 0, 0, 0.5), -1);
}

static void
retry_after_is_a_floor(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	assert_int_equal(retry_delay_ms(&p, 1, 1500, 0, 0.0), 1500);
	assert_int_equal(retry_delay_ms(&p, 1, 1500, 0, 0.999), 1500);
	/* Above the floor the jitter still applies. */
	assert_true(retry_delay_ms(&p, 4, 100, 0, 0.999) >= 1500);
	/* The floor itself is capped by max_delay. */
	assert_int_equal(retry_delay_ms(&p, 1, 50000, 0, 0.0), 10000);
	/* Zero and negative mean absent. */
	assert_int_equal(retry_delay_ms(&p, 1, -5, 0, 0.0), 0);
}

static void
total_budget(void **state)
{
	(void)state;
	struct retry_policy p = policy();
	assert_int_equal(retry_delay_ms(&p, 1, 0, 30000, 0.0), -1);
	assert_int_equal(retry_delay_ms(&p, 1, 0, 45000, 0.0), -1);
	/* What is left bounds the wait. */
	p.max_attempts = 50;
	assert_true(retry_delay_ms(&p, 10, 0, 29950, 0.999) <= 50);
	/* A server asking for more than is left: give up now. */
	assert_int_equal(retry_delay_ms(&p, 1, 1000, 29950, 0.0), -1);
	/* Simulated worst case: the sum of waits never exceeds the budget. */
	long spent = 0;
	int a;
	for (a = 1; ; a++) {
		long d = retry_delay_ms(&p, a, 0, spent, 0.999);
		if (d < 0)
			break;
		spent += d;
	}
	assert_true(spent <= 30000);
	assert_true(a < 50);
}

static struct err
api_err(long status, const char *code)
{
	struct err e;
	err_clear(&e);
	e.kind = ERR_API;
	e.http_status = status;
	snprintf(e.code, sizeof(e.code), "%s", code);
	return e;
}

static struct err
net_err(const char *code, bool retryable)
{
	struct err e;
	err_set(&e, ERR_NETWORK, "network");
	snprintf(e.code, sizeof(e.code), "%s", code);
	e.retryable = retryable;
	return e;
}

static void
which_failures_retry(void **state)
{
	(void)state;
	struct {
		struct err e;
		bool read, write;
	} cases[] = {
		{ api_err(400, "Throttling"), true, true },
		{ api_err(400, "Throttling.User"), true, true },
		{ api_err(400, "Throttling.Api"), true, true },
		{ api_err(400, "Rejected.Throttling"), true, true },
		{ api_err(503, "ServiceUnavailable"), true, true },
		{ api_err(503, ""), true, true },
		{ api_err(500, "InternalError"), true, false },
		{ api_err(502, ""), true, false },
		{ api_err(500, "CreateSLRFail"), true, false },
		{ api_err(400, "InvalidParameter"), false, false },
		{ api_err(400, "SignatureDoesNotMatch"), false, false },
		{ api_err(400, "InvalidTimeStamp.Expired"), false, false },
		{ api_err(400, "ProcessIsRunning"), false, false },
		{ api_err(403, "NoPermission"), false, false },
		{ api_err(404, "AccountNotExisted"), false, false },
		{ api_err(400, "ThrottlingX"), false, false },
		{ net_err(HTTP_ERR_NOT_SENT, true), true, true },
		{ net_err(HTTP_ERR_TIMEOUT, true), true, false },
		{ net_err(HTTP_ERR_RESET, true), true, false },
		{ net_err(HTTP_ERR_TLS, false), false, false },
		{ net_err(HTTP_ERR_RESOLVE, false), false, false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (retry_should(&cases[i].e, false) != cases[i].read ||
			retry_should(&cases[i].e, true) != cases[i].write)
			fail_msg("case %zu (%s %ld)", i, cases[i].e.code,
				cases[i].e.http_status);
	}
	/* x-acs-retry-after marks throttling whatever the code says. */
	struct err e = api_err(400, "SomethingElse");
	e.retry_after_ms = 800;
	assert_true(retry_should(&e, false));
	assert_true(retry_should(&e, true));
	/* Local failures are never retried. */
	struct err local;
	err_set(&local, ERR_PROTOCOL, "Aggregator.AccountId is a boolean");
	assert_false(retry_should(&local, false));
	/* Not JSON at all (model.c marks it): reads only. */
	local.retryable = true;
	assert_true(retry_should(&local, false));
	assert_false(retry_should(&local, true));
	err_set(&local, ERR_CONFIG, "no key");
	assert_false(retry_should(&local, false));
	err_set(&local, ERR_SYSTEM, "disk");
	assert_false(retry_should(&local, true));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(full_jitter_bounds),
		cmocka_unit_test(exponential_growth_and_cap),
		cmocka_unit_test(attempts_spent),
		cmocka_unit_test(retry_after_is_a_floor),
		cmocka_unit_test(total_budget),
		cmocka_unit_test(which_failures_retry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
