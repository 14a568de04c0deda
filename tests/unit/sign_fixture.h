/* sign_fixture: the derived Config-shaped requests V3-5 and V2-3 of
 * docs/wire-reference.md#test-vectors with their signatures, shared by
 * test_sign (which pins them) and bench_sign (which times them), so the
 * benchmark always measures the very request the test checks. */
#ifndef ALICFG_TEST_SIGN_FIXTURE_H
#define ALICFG_TEST_SIGN_FIXTURE_H

#include "sign.h"

#define SIGN_FX_V3_STS_SIGNATURE \
	"5623001438f8a16130e42bb2efc6c53ad8e0108c6cc251f58e39fcdbca70a980"
#define SIGN_FX_V2_STS_SIGNATURE "oR4Fx2TudPplJAQ+wp0/2cPfcSs="

/* A request's names and values as data; a NULL name ends a list. */
struct sign_fx_pair {
	const char *name, *value;
};

static inline void
sign_fx_add(struct params *p, const struct sign_fx_pair *pairs)
{
	for (; pairs->name; pairs++)
		params_add(p, pairs->name, pairs->value);
}

/* V3-5: fills query and headers and returns the input that signs them. */
static inline struct sign_v3_input
sign_fx_v3_sts(struct params *query, struct params *headers)
{
	static const struct sign_fx_pair q[] = {
		{"NextToken", "abc/def+=="},
		{"MaxResults", "10"},
		{NULL, NULL},
	};
	static const struct sign_fx_pair h[] = {
		{"host", "config.cn-shanghai.aliyuncs.com"},
		{"x-acs-action", "ListAggregators"},
		{"x-acs-version", "2020-09-07"},
		{"x-acs-date", "2024-01-02T03:04:05Z"},
		{"x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"},
		{"x-acs-content-sha256", SIGN_EMPTY_SHA256},
		{"x-acs-security-token", "testtoken"},
		{"x-acs-accesskey-id", "STS.testid"},
		{NULL, NULL},
	};
	sign_fx_add(query, q);
	sign_fx_add(headers, h);
	return (struct sign_v3_input){
		.method = "POST", .pathname = "/", .query = query,
		.headers = headers, .payload_hash = SIGN_EMPTY_SHA256,
		.access_key_id = "STS.testid", .access_key_secret = "testsecret",
	};
}

/* V2-3: all the parameters of the V2 request; signed with "testsecret". */
static inline void
sign_fx_v2_sts(struct params *p)
{
	static const struct sign_fx_pair all[] = {
		{"Action", "ListAggregators"},
		{"Version", "2020-09-07"},
		{"Format", "JSON"},
		{"AccessKeyId", "STS.testid"},
		{"SecurityToken", "testtoken"},
		{"SignatureMethod", "HMAC-SHA1"},
		{"SignatureVersion", "1.0"},
		{"SignatureNonce", "0123456789abcdef0123456789abcdef"},
		{"Timestamp", "2024-01-02T03:04:05Z"},
		{"MaxResults", "10"},
		{NULL, NULL},
	};
	sign_fx_add(p, all);
}

#endif
