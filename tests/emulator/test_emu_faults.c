/* test_emu_faults: every --faults kind as a client sees it (a 65 MiB body
 * and a NextToken handed back forever among them), the same sequence for
 * the same --seed, and --latency / slow that hold back only their own
 * connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "emu_test.h"

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
start(struct emu_proc *p, const char *faults, const char *seed)
{
	const char *args[] = {"--faults", faults, "--seed", seed, NULL};
	assert_int_equal(emu_proc_start(p, args), 0);
}

static void
stop(struct emu_proc *p)
{
	assert_int_equal(emu_proc_stop(p), 0);
}

static void
list(const struct emu_proc *p, struct emu_call *c)
{
	emu_call_init(c, p->url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c->query, "MaxResults", "100");
	emu_call_run(c);
}

static void
assume(const struct emu_proc *p, struct emu_call *c)
{
	emu_call_init(c, p->url, "AssumeRole", EMU_STS_VERSION, "demo-ak",
		"demo-secret");
	c->sig = EMU_SIG_V2;
	params_add(&c->form, "RoleArn", EMU_RD_ROLE_ARN("1000000000000010"));
	params_add(&c->form, "RoleSessionName", "faults");
	emu_call_run(c);
}

static void
test_throttle(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "throttle=1", "1");
	list(&p, &c);
	assert_int_equal(c.status, 400);
	assert_string_equal(emu_call_code(&c), "Throttling.User");
	assert_true(c.retry_after > 0);
	assert_string_equal(c.request_id,
		json_string_value(json_object_get(c.json, "RequestId")));
	emu_call_free(&c);
	/* STS is throttled too. */
	assume(&p, &c);
	assert_int_equal(c.status, 400);
	assert_string_equal(emu_call_code(&c), "Throttling.User");
	emu_call_free(&c);
	stop(&p);
}

static void
test_unavailable_and_internal(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "unavailable=1", "1");
	list(&p, &c);
	assert_int_equal(c.status, 503);
	assert_string_equal(emu_call_code(&c), "ServiceUnavailable");
	assert_int_equal(c.retry_after, 0);
	emu_call_free(&c);
	stop(&p);

	start(&p, "internal=1", "1");
	assume(&p, &c);
	assert_int_equal(c.status, 500);
	assert_string_equal(emu_call_code(&c), "InternalError");
	assert_non_null(json_object_get(c.json, "Recommend"));
	emu_call_free(&c);
	stop(&p);
}

static void
test_reset(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "reset=1", "1");
	list(&p, &c);
	assert_int_not_equal(c.cc, CURLE_OK);
	assert_int_equal(c.body.len, 0);
	emu_call_free(&c);
	stop(&p);
}

static void
test_garbage(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "garbage=1", "1");
	list(&p, &c);
	assert_int_equal(c.cc, CURLE_OK);
	assert_int_equal(c.status, 200);
	assert_true(c.body.len > 0);
	assert_null(c.json);
	emu_call_free(&c);
	stop(&p);
}

static void
test_truncate(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "truncate=1", "1");
	list(&p, &c);
	/* Content-Length promised more than arrived. */
	assert_int_equal(c.cc, CURLE_PARTIAL_FILE);
	assert_true(c.body.len > 0);
	assert_null(c.json);
	emu_call_free(&c);
	stop(&p);
}

/* alicfg's API_MAX_BODY: the huge answer must be larger. */
#define HUGE_LIMIT ((size_t)64 * 1024 * 1024)

static void
test_huge(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "huge=1", "1");
	list(&p, &c);
	assert_int_equal(c.cc, CURLE_OK);
	assert_int_equal(c.status, 200);
	assert_true(c.body.len > HUGE_LIMIT);
	/* Well-formed JSON: only its size is hostile. */
	assert_non_null(c.json);
	assert_string_equal(c.request_id,
		json_string_value(json_object_get(c.json, "RequestId")));
	const char *pad = json_string_value(json_object_get(c.json, "Padding"));
	assert_non_null(pad);
	assert_true(strlen(pad) > HUGE_LIMIT);
	assert_null(json_object_get(c.json, "AggregatorsResult"));
	emu_call_free(&c);
	/* Every action, STS too. */
	assume(&p, &c);
	assert_int_equal(c.cc, CURLE_OK);
	assert_int_equal(c.status, 200);
	assert_true(c.body.len > HUGE_LIMIT);
	assert_non_null(c.json);
	emu_call_free(&c);
	stop(&p);
}

/* One ListAggregators page: MaxResults and NextToken (NULL: the first). */
static void
page(const struct emu_proc *p, const char *max, const char *token,
	struct emu_call *c)
{
	emu_call_init(c, p->url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c->query, "MaxResults", max);
	if (token)
		params_add(&c->query, "NextToken", token);
	emu_call_run(c);
	assert_int_equal(c->status, 200);
}

static const char *
page_token(const struct emu_call *c)
{
	return json_string_value(emu_json_path(c->json,
		"AggregatorsResult.NextToken"));
}

static const char *
page_first_id(const struct emu_call *c)
{
	json_t *list = emu_json_path(c->json, "AggregatorsResult.Aggregators");
	return json_string_value(json_object_get(json_array_get(list, 0),
		"AggregatorId"));
}

static void
test_loop(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	char first[64];

	/* Control: without the fault, one-group pages each give a new
	 * token, and a 100-group page of the demo gives none. */
	const char *none[] = {NULL};
	assert_int_equal(emu_proc_start(&p, none), 0);
	page(&p, "1", NULL, &c);
	snprintf(first, sizeof(first), "%s", page_token(&c));
	emu_call_free(&c);
	page(&p, "1", first, &c);
	assert_non_null(page_token(&c));
	assert_string_not_equal(page_token(&c), first);
	emu_call_free(&c);
	page(&p, "100", NULL, &c);
	assert_null(page_token(&c));
	emu_call_free(&c);
	stop(&p);

	start(&p, "loop=1", "1");
	/* A whole first page still comes with a token ... */
	page(&p, "100", NULL, &c);
	assert_true(json_array_size(emu_json_path(c.json,
		"AggregatorsResult.Aggregators")) > 0);
	assert_non_null(page_token(&c));
	assert_string_equal(page_token(&c), json_string_value(
		json_object_get(c.json, "NextToken")));
	snprintf(first, sizeof(first), "%s", page_token(&c));
	emu_call_free(&c);
	/* ... which every later page hands back. */
	for (int i = 0; i < 5; i++) {
		page(&p, "100", first, &c);
		assert_string_equal(page_token(&c), first);
		emu_call_free(&c);
	}
	/* One-group pages: the same group and the same token, forever. */
	page(&p, "1", NULL, &c);
	char id[64];
	snprintf(first, sizeof(first), "%s", page_token(&c));
	emu_call_free(&c);
	page(&p, "1", first, &c);
	snprintf(id, sizeof(id), "%s", page_first_id(&c));
	emu_call_free(&c);
	for (int i = 0; i < 5; i++) {
		page(&p, "1", first, &c);
		assert_string_equal(page_token(&c), first);
		assert_string_equal(page_first_id(&c), id);
		emu_call_free(&c);
	}
	/* Other actions answer as usual. */
	emu_call_init(&c, p.url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c.query, "AggregatorId", "ca-0000000000000001");
	emu_call_run(&c);
	assert_int_equal(c.status, 200);
	assert_string_equal(json_string_value(emu_json_path(c.json,
		"Aggregator.AggregatorId")), "ca-0000000000000001");
	assert_null(json_object_get(c.json, "NextToken"));
	emu_call_free(&c);
	stop(&p);
}

static void
test_slow_and_latency(void **state)
{
	(void)state;
	struct emu_proc p;
	struct emu_call c;
	start(&p, "slow=1:400", "1");
	double t0 = now_s();
	list(&p, &c);
	double took = now_s() - t0;
	assert_int_equal(c.status, 200);
	assert_true(took >= 0.35);
	emu_call_free(&c);
	stop(&p);

	const char *args[] = {"--latency", "300:50", NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	t0 = now_s();
	list(&p, &c);
	took = now_s() - t0;
	assert_int_equal(c.status, 200);
	assert_true(took >= 0.28);
	emu_call_free(&c);
	stop(&p);
}

struct worker {
	const struct emu_proc *p;
	long status;
};

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	struct emu_call c;
	list(w->p, &c);
	w->status = c.status;
	emu_call_free(&c);
	return NULL;
}

/* Eight requests against --latency 1500 overlap: a held-back answer does
 * not hold back the other connections. */
static void
test_latency_is_per_connection(void **state)
{
	(void)state;
	struct emu_proc p;
	const char *args[] = {"--latency", "1500", NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	pthread_t t[8];
	struct worker w[8];
	double t0 = now_s();
	for (int i = 0; i < 8; i++) {
		w[i].p = &p;
		w[i].status = 0;
		pthread_create(&t[i], NULL, worker_run, &w[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].status, 200);
	}
	double took = now_s() - t0;
	print_message("# 8 parallel requests at 1.5 s latency took %.2f s\n",
		took);
	assert_true(took < 8 * 1.5 / 2);
	stop(&p);
}

/* The outcome sequence of a fault spec, one letter per ListAggregators
 * call (the demo's groups fit one page, so a NextToken is the loop). */
static void
sequence(const char *spec, const char *seed, char *out, size_t n)
{
	struct emu_proc p;
	start(&p, spec, seed);
	for (size_t i = 0; i + 1 < n; i++) {
		struct emu_call c;
		list(&p, &c);
		out[i] = c.cc != CURLE_OK ? 'R' : c.status == 503 ? 'U' :
			c.status == 500 ? 'I' : c.status == 400 ? 'T' :
			c.body.len > HUGE_LIMIT ? 'H' : !c.json ? 'G' :
			emu_json_path(c.json, "AggregatorsResult.NextToken") ?
			'L' : '.';
		emu_call_free(&c);
	}
	out[n - 1] = '\0';
	stop(&p);
}

static void
test_seed_repeats(void **state)
{
	(void)state;
	static const char spec[] = "throttle=0.2,unavailable=0.15,"
		"internal=0.15,garbage=0.1,reset=0.1";
	char a[41], b[41], other[41];
	sequence(spec, "42", a, sizeof(a));
	sequence(spec, "42", b, sizeof(b));
	sequence(spec, "7", other, sizeof(other));
	print_message("# seed 42: %s\n# seed 7:  %s\n", a, other);
	assert_string_equal(a, b);
	/* A mix, not all one kind. */
	assert_non_null(strchr(a, '.'));
	assert_non_null(strchr(a, 'T'));
	assert_non_null(strchr(a, 'R'));
}

/* huge and loop come from the same seeded stream as the others. */
static void
test_seed_repeats_huge_and_loop(void **state)
{
	(void)state;
	static const char spec[] = "huge=0.15,loop=0.3,throttle=0.2";
	char a[25], b[25], other[25];
	sequence(spec, "42", a, sizeof(a));
	sequence(spec, "42", b, sizeof(b));
	sequence(spec, "7", other, sizeof(other));
	print_message("# seed 42: %s\n# seed 7:  %s\n", a, other);
	assert_string_equal(a, b);
	assert_string_not_equal(a, other);
	assert_non_null(strchr(a, 'H'));
	assert_non_null(strchr(a, 'L'));
	assert_non_null(strchr(a, '.'));
}

static void
test_bad_fault_specs(void **state)
{
	(void)state;
	static const char *const bad[] = {"throttle", "throttle=2",
		"nosuch=0.1", "slow=0.5", "throttle=0.6,internal=0.6",
		"reset=-1", "slow=0.1:abc", "huge=1.5", "loop=x",
		"huge=0.6,loop=0.6"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf err = BUF_INIT;
		const char *args[] = {"--faults", bad[i], NULL};
		assert_int_equal(emu_proc_run(args, &err, 10), 2);
		assert_non_null(strstr(buf_str(&err), "--faults"));
		buf_free(&err);
	}
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_throttle),
		cmocka_unit_test(test_unavailable_and_internal),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_loop),
		cmocka_unit_test(test_slow_and_latency),
		cmocka_unit_test(test_latency_is_per_connection),
		cmocka_unit_test(test_seed_repeats),
		cmocka_unit_test(test_seed_repeats_huge_and_loop),
		cmocka_unit_test(test_bad_fault_specs),
	};
	int rc = cmocka_run_group_tests_name("alicfg-emu faults", tests, NULL,
		NULL);
	curl_global_cleanup();
	return rc;
}
