/* bench_sign: signatures per CPU-second for V3 and V2 on a Config-shaped
 * request (vectors V3-5 and V2-3 of docs/wire-reference.md#test-vectors).
 * Prints figures only; the target (>= 200,000 V3 signatures/s on one
 * core) is judged by a reader, never asserted, because timings depend on the machine. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sign.h"
#include "../unit/sign_fixture.h"

/* Each measurement runs for about this much CPU time. */
#define BENCH_SECONDS 1.0

static double
bench_cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bench_v3(void)
{
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	struct sign_v3_input in = sign_fx_v3_sts(&query, &headers);
	struct sign_v3_output out = {0};

	/* The caller reuses one output, as the worker and emulator do. */
	unsigned long count = 0;
	double start = bench_cpu_seconds(), elapsed;
	do {
		for (int i = 0; i < 1000; i++)
			sign_v3(&in, &out);
		count += 1000;
		elapsed = bench_cpu_seconds() - start;
	} while (elapsed < BENCH_SECONDS);

	/* A wrong result would make the figure meaningless. */
	if (strcmp(out.signature, SIGN_FX_V3_STS_SIGNATURE) != 0)
		printf("sign_v3: WRONG SIGNATURE %s\n", out.signature);
	printf("sign_v3: %.0f signatures/s (%lu in %.2f s CPU)\n",
		(double)count / elapsed, count, elapsed);
	sign_v3_output_free(&out);
	params_free(&query);
	params_free(&headers);
}

static void
bench_v2(void)
{
	struct params p = PARAMS_INIT;
	sign_fx_v2_sts(&p);
	struct buf sts = BUF_INIT;
	char sig[64];

	unsigned long count = 0;
	double start = bench_cpu_seconds(), elapsed;
	do {
		for (int i = 0; i < 1000; i++)
			sign_v2("GET", &p, "testsecret", &sts, sig);
		count += 1000;
		elapsed = bench_cpu_seconds() - start;
	} while (elapsed < BENCH_SECONDS);

	if (strcmp(sig, SIGN_FX_V2_STS_SIGNATURE) != 0)
		printf("sign_v2: WRONG SIGNATURE %s\n", sig);
	printf("sign_v2: %.0f signatures/s (%lu in %.2f s CPU)\n",
		(double)count / elapsed, count, elapsed);
	buf_free(&sts);
	params_free(&p);
}

static void
bench_canonical_many(void)
{
	/* Hostile-input shape: one request with 5,000 query parameters. */
	struct params p = PARAMS_INIT;
	char name[32], value[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "Name.%d", (i * 7919) % 5000);
		snprintf(value, sizeof(value), "v %d", i);
		params_add(&p, name, value);
	}
	struct buf out = BUF_INIT;
	unsigned long count = 0;
	double start = bench_cpu_seconds(), elapsed;
	do {
		for (int i = 0; i < 10; i++) {
			buf_reset(&out);
			params_canonical(&p, &out);
		}
		count += 10;
		elapsed = bench_cpu_seconds() - start;
	} while (elapsed < BENCH_SECONDS / 2);
	printf("params_canonical(5000 pairs): %.0f lists/s\n",
		(double)count / elapsed);
	buf_free(&out);
	params_free(&p);
}

int
main(void)
{
	bench_v3();
	bench_v2();
	bench_canonical_many();
	return 0;
}
