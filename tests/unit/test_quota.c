/* test_quota: the quota table, and the token-bucket arithmetic driven by an
 * injected clock (plain numbers of milliseconds): burst and refill, the
 * sliding-window bound, multiplicative decrease, slow additive recovery and
 * the pause a retry-after asks for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "quota.h"

static void
published_defaults(void **state)
{
	(void)state;
	struct quota_table t;
	quota_table_defaults(&t);
	static const struct {
		const char *action;
		int calls, seconds;
	} want[] = {
		{"ListAggregators", 120, 60},
		{"GetAggregator", 500, 60},
		{"GetConfigurationRecorder", 300, 60},
		{"StartConfigurationRecorder", 60, 60},
		{"StopConfigurationRecorder", 60, 60},
		{"AssumeRole", 100, 1},
		{"GetCallerIdentity", 100, 1},
		{"ListAccounts", 20, 1},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct quota_limit *l = quota_table_find(&t, want[i].action);
		assert_non_null(l);
		assert_int_equal(l->calls, want[i].calls);
		assert_int_equal(l->seconds, want[i].seconds);
	}
	assert_null(quota_table_find(&t, "DescribeRegions"));
	/* Action names are matched without regard to case. */
	assert_non_null(quota_table_find(&t, "getaggregator"));
}

static void
table_overrides(void **state)
{
	(void)state;
	struct quota_table t;
	struct err e;
	quota_table_defaults(&t);
	int n = t.count;
	assert_int_equal(quota_table_set(&t, "GetAggregator", "50/1", &e), 0);
	assert_int_equal(quota_table_find(&t, "GetAggregator")->calls, 50);
	assert_int_equal(quota_table_find(&t, "GetAggregator")->seconds, 1);
	assert_int_equal(t.count, n);
	/* A new action is added; "off" means no limit. */
	assert_int_equal(quota_table_set(&t, "ListResources", "10/60", &e), 0);
	assert_int_equal(t.count, n + 1);
	assert_int_equal(quota_table_set(&t, "AssumeRole", "off", &e), 0);
	assert_int_equal(quota_table_find(&t, "AssumeRole")->calls, 0);

	static const char *const bad[] = {
		"", "60", "0/60", "60/0", "-1/60", "x/60", "60/60s", "60/",
		"/60", "60 /60", "99999999999/60", "60/999999",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		assert_int_equal(quota_table_set(&t, "GetAggregator", bad[i],
			&e), -1);
		assert_int_equal(e.kind, ERR_CONFIG);
		assert_non_null(strstr(e.message, "CALLS/SECONDS"));
	}
	err_clear(&e);
	assert_int_equal(quota_table_set(&t, "Get Aggregator", "1/1", &e), -1);
	assert_int_equal(quota_table_set(&t, "", "1/1", &e), -1);
	/* Bad input changed nothing. */
	assert_int_equal(quota_table_find(&t, "GetAggregator")->calls, 50);
}

static void
burst_then_refill(void **state)
{
	(void)state;
	struct quota_bucket b;
	unsigned gen;
	quota_bucket_init(&b, 500, 60, 0);
	/* A tenth of the quota at once... */
	assert_true(b.burst > 49.9 && b.burst < 50.1);
	for (int i = 0; i < 50; i++)
		assert_true(quota_bucket_reserve(&b, 0, &gen) == 0);
	/* ...then slots one steady interval apart, reserved ahead. */
	double step = 1.0 / b.base_rate;
	assert_true(step > 60000.0 / 500);   /* slower than the quota */
	double w1 = quota_bucket_reserve(&b, 0, &gen);
	double w2 = quota_bucket_reserve(&b, 0, &gen);
	assert_true(w1 > step * 0.99 && w1 < step * 1.01);
	assert_true(w2 > 2 * step * 0.99 && w2 < 2 * step * 1.01);
	/* Time refills, up to the burst and no further. */
	quota_bucket_init(&b, 500, 60, 0);
	for (int i = 0; i < 50; i++)
		quota_bucket_reserve(&b, 0, &gen);
	quota_bucket_advance(&b, 10 * step);
	assert_true(b.tokens > 9.99 && b.tokens < 10.01);
	quota_bucket_advance(&b, 3600000);
	assert_true(b.tokens > 49.99 && b.tokens < 50.01);
}

/* Sending at every slot the bucket gives, no window of the quota's length
 * ever holds more than QUOTA_MARGIN of the quota. */
static void
sliding_window_bound(void **state)
{
	(void)state;
	static const int quotas[][2] = {
		{120, 60}, {500, 60}, {60, 60}, {100, 1}, {20, 1}, {3, 1},
	};
	for (size_t q = 0; q < sizeof(quotas) / sizeof(quotas[0]); q++) {
		int calls = quotas[q][0], seconds = quotas[q][1];
		double window = seconds * 1000.0;
		struct quota_bucket b;
		unsigned gen;
		quota_bucket_init(&b, calls, seconds, 0);
		enum { N = 2000 };
		static double sent[N];
		double now = 0;
		for (int i = 0; i < N; i++) {
			now += quota_bucket_reserve(&b, now, &gen);
			sent[i] = now;
		}
		int most = 0;
		for (int i = 0, j = 0; i < N; i++) {
			while (sent[i] - sent[j] >= window)
				j++;
			if (i - j + 1 > most)
				most = i - j + 1;
		}
		assert_true(most <= calls * QUOTA_MARGIN + 1e-9 || most <= 1);
		/* and the bucket is not needlessly slow: over a long run it
		 * keeps close to the margin. */
		double per_window = (N - b.burst) / (now / window);
		assert_true(per_window > calls * (QUOTA_MARGIN - QUOTA_BURST_SHARE)
			* 0.98 || calls < 10);
	}
}

static void
decrease_on_throttling(void **state)
{
	(void)state;
	struct quota_bucket b;
	unsigned gen, gen2;
	quota_bucket_init(&b, 500, 60, 0);
	double base = b.base_rate;
	quota_bucket_reserve(&b, 0, &gen);
	assert_true(quota_bucket_throttled(&b, 1000, 0));
	assert_true(b.rate > base * 0.499 && b.rate < base * 0.501);
	/* The bucket starts empty and earlier reservations are void. */
	assert_true(b.tokens == 0);
	double w = quota_bucket_reserve(&b, 1000, &gen2);
	assert_int_not_equal(gen, gen2);
	assert_true(w > 0.99 / b.rate && w < 1.01 / b.rate);
	/* A second answer within the cooldown: no second halving. */
	double cooldown = 60000 * QUOTA_COOLDOWN_SHARE;
	assert_false(quota_bucket_throttled(&b, 1000 + cooldown / 2, 0));
	assert_true(b.rate > base * 0.499 && b.rate < base * 0.501);
	/* Past it: halved again, but never below the floor. */
	double t = 1000 + cooldown;
	for (int i = 0; i < 10; i++, t += cooldown)
		quota_bucket_throttled(&b, t, 0);
	assert_true(b.rate > base * QUOTA_FLOOR_SHARE * 0.999 &&
		b.rate < base * QUOTA_FLOOR_SHARE * 1.001);
	assert_int_equal(b.throttles, 12);
}

static void
slow_recovery(void **state)
{
	(void)state;
	struct quota_bucket b;
	quota_bucket_init(&b, 120, 60, 0);
	double base = b.base_rate;
	double cooldown = 60000 * QUOTA_COOLDOWN_SHARE;
	quota_bucket_throttled(&b, 0, 0);
	double half = b.rate;
	/* Nothing during the cooldown... */
	quota_bucket_advance(&b, cooldown);
	assert_true(b.rate == half);
	/* ...then a little per cooldown period: additive, not a jump. */
	quota_bucket_advance(&b, 2 * cooldown);
	double one = base * QUOTA_RECOVERY_SHARE;
	assert_true(b.rate > half + one * 0.999 && b.rate < half + one * 1.001);
	quota_bucket_advance(&b, 4 * cooldown);
	assert_true(b.rate > half + 3 * one * 0.999 &&
		b.rate < half + 3 * one * 1.001);
	/* Back to the normal rate in the end, never above it. */
	quota_bucket_advance(&b, 1000 * cooldown);
	assert_true(b.rate == base);
}

static void
retry_after_pauses(void **state)
{
	(void)state;
	struct quota_bucket b;
	unsigned gen;
	quota_bucket_init(&b, 100, 1, 0);
	/* Plenty of tokens, but the server said "come back in 2 s". */
	quota_bucket_throttled(&b, 100, 2000);
	double w = quota_bucket_reserve(&b, 100, &gen);
	assert_true(w >= 2000);
	assert_true(w < 2000 + 2.0 / b.rate);
	/* Slots after the pause follow at the (halved) rate. */
	double w2 = quota_bucket_reserve(&b, 100, &gen);
	assert_true(w2 > w);
	/* Once it is over, no more waiting than the rate asks for. */
	quota_bucket_advance(&b, 100000);
	assert_true(quota_bucket_reserve(&b, 100000, &gen) == 0);
	/* A shorter retry-after never shortens a pause under way. */
	quota_bucket_throttled(&b, 200000, 5000);
	quota_bucket_throttled(&b, 200001, 100);
	assert_true(quota_bucket_reserve(&b, 200001, &gen) >= 4999);
}

static void
limiter_keys(void **state)
{
	(void)state;
	struct quota_table t;
	struct err e;
	quota_table_defaults(&t);
	assert_int_equal(quota_table_set(&t, "AssumeRole", "off", &e), 0);
	struct quota_limiter *q = quota_limiter_new(&t);
	struct quota_bucket *a = quota_limiter_bucket(q, 0, "GetAggregator", 0);
	struct quota_bucket *a2 = quota_limiter_bucket(q, 0, "GetAggregator", 5);
	struct quota_bucket *m = quota_limiter_bucket(q, 1000000000000010LL,
		"GetAggregator", 0);
	struct quota_bucket *r = quota_limiter_bucket(q, 0,
		"GetConfigurationRecorder", 0);
	assert_non_null(a);
	assert_ptr_equal(a, a2);      /* one bucket per (account, action) */
	assert_ptr_not_equal(a, m);   /* another account: its own quota */
	assert_ptr_not_equal(a, r);   /* another action: its own quota */
	assert_null(quota_limiter_bucket(q, 0, "AssumeRole", 0));  /* off */
	assert_null(quota_limiter_bucket(q, 0, "Unknown", 0));
	/* Many accounts: each still found again. */
	for (int64_t i = 1; i <= 2000; i++)
		quota_limiter_bucket(q, i, "StartConfigurationRecorder", 0)
			->throttles = i;
	for (int64_t i = 1; i <= 2000; i++)
		assert_int_equal(quota_limiter_bucket(q, i,
			"StartConfigurationRecorder", 0)->throttles, i);
	quota_limiter_free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(published_defaults),
		cmocka_unit_test(table_overrides),
		cmocka_unit_test(burst_then_refill),
		cmocka_unit_test(sliding_window_bound),
		cmocka_unit_test(decrease_on_throttling),
		cmocka_unit_test(slow_recovery),
		cmocka_unit_test(retry_after_pauses),
		cmocka_unit_test(limiter_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
