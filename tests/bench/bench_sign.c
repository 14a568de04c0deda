/* bench_sign: signatures per CPU-second for V3 and V2 on a Config-shaped
 * request (the §3.8.5 / §4.3.3 inputs). Prints figures only; the target
 * (>= 200,000 V3 signatures/s on one core) is judged by a reader, never
 * asserted, because timings depend on the machine. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sign.h"

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
	params_add(&query, "NextToken", "abc/def+==");
	params_add(&query, "MaxResults", "10");
	params_add(&headers, "host", "config.cn-shanghai.aliyuncs.com");
	params_add(&headers, "x-acs-action", "ListAggregators");
	params_add(&headers, "x-acs-version", "2020-09-07");
	params_add(&headers, "x-acs-date", "2024-01-02T03:04:05Z");
	params_add(&headers, "x-acs-signature-nonce",
		"0123456789abcdef0123456789abcdef");
	params_add(&headers, "x-acs-content-sha256", SIGN_EMPTY_SHA256);
	params_add(&headers, "x-acs-security-token", "testtoken");
	params_add(&headers, "x-acs-accesskey-id", "STS.testid");
	struct sign_v3_input in = {
		.method = "POST", .pathname = "/", .query = &query,
		.headers = &headers, .payload_hash = SIGN_EMPTY_SHA256,
		.access_key_id = "STS.testid", .access_key_secret = "testsecret",
	};
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
	if (strcmp(out.signature, "5623001438f8a16130e42bb2efc6c53ad8e0108c6cc251f58e39fcdbca70a980") != 0)
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
	params_add(&p, "Action", "ListAggregators");
	params_add(&p, "Version", "2020-09-07");
	params_add(&p, "Format", "JSON");
	params_add(&p, "AccessKeyId", "STS.testid");
	params_add(&p, "SecurityToken", "testtoken");
	params_add(&p, "SignatureMethod", "HMAC-SHA1");
	params_add(&p, "SignatureVersion", "1.0");
	params_add(&p, "SignatureNonce", "0123456789abcdef0123456789abcdef");
	params_add(&p, "Timestamp", "2024-01-02T03:04:05Z");
	params_add(&p, "MaxResults", "10");
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

	if (strcmp(sig, "oR4Fx2TudPplJAQ+wp0/2cPfcSs=") != 0)
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
