/* test_sign: V3 and V2 signatures against the published test vectors of
 * docs/wire-reference.md#test-vectors, the HMAC building blocks against the
 * RFC 4231 / RFC 2202 vectors, and the timestamp and nonce helpers.
 * Every expected value below (and in sign_fixture.h) is a literal copied
 * from those documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sign.h"
#include "sign_fixture.h"

/* V3-1, official V3 doc vector: canonical request byte for byte. */
static const char v3_doc_canonical[] =
	"POST\n"
	"/\n"
	"ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
	"host:ecs.cn-shanghai.aliyuncs.com\n"
	"x-acs-action:RunInstances\n"
	"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
	"x-acs-date:2023-10-26T10:22:32Z\n"
	"x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
	"x-acs-version:2014-05-26\n"
	"\n"
	"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static const char v3_doc_signature[] =
	"06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

static const char v3_doc_authorization[] =
	"ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders="
	"host;x-acs-action;x-acs-content-sha256;x-acs-date;"
	"x-acs-signature-nonce;x-acs-version,Signature="
	"06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

/* The V3-1 request around the caller's lists; secret varies so a test can
 * show that the key is really used. */
static struct sign_v3_input
v3_doc_request(const struct params *query, const struct params *headers,
	const char *secret)
{
	return (struct sign_v3_input){
		.method = "POST", .pathname = "/", .query = query,
		.headers = headers, .payload_hash = SIGN_EMPTY_SHA256,
		.access_key_id = "YourAccessKeyId", .access_key_secret = secret,
	};
}

static void
v3_doc_params(struct params *query, struct params *headers)
{
	static const struct sign_fx_pair q[] = {
		{"RegionId", "cn-shanghai"},
		{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
		{NULL, NULL},
	};
	/* Deliberately unsorted: sign_v3 must order them itself. */
	static const struct sign_fx_pair h[] = {
		{"x-acs-version", "2014-05-26"},
		{"host", "ecs.cn-shanghai.aliyuncs.com"},
		{"x-acs-date", "2023-10-26T10:22:32Z"},
		{"x-acs-action", "RunInstances"},
		{"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
		{"x-acs-content-sha256", SIGN_EMPTY_SHA256},
		{NULL, NULL},
	};
	sign_fx_add(query, q);
	sign_fx_add(headers, h);
}

static void
v3_free(struct sign_v3_output *out, struct params *query,
	struct params *headers)
{
	sign_v3_output_free(out);
	params_free(query);
	params_free(headers);
}

static void
test_v3_official_doc_vector(void **state)
{
	(void)state;
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	v3_doc_params(&query, &headers);
	struct sign_v3_input in = v3_doc_request(&query, &headers,
		"YourAccessKeySecret");
	struct sign_v3_output out = {0};
	sign_v3(&in, &out);

	assert_string_equal(buf_str(&out.canonical_request), v3_doc_canonical);
	assert_int_equal(out.canonical_request.len,
		sizeof(v3_doc_canonical) - 1);
	assert_string_equal(out.hashed_canonical_request,
		"7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	assert_string_equal(buf_str(&out.string_to_sign),
		"ACS3-HMAC-SHA256\n"
		"7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	assert_string_equal(buf_str(&out.signed_headers),
		"host;x-acs-action;x-acs-content-sha256;x-acs-date;"
		"x-acs-signature-nonce;x-acs-version");
	assert_string_equal(out.signature, v3_doc_signature);
	assert_string_equal(buf_str(&out.authorization), v3_doc_authorization);

	/* The query list the caller passed keeps its own order. */
	assert_string_equal(query.items[0].name, "RegionId");

	v3_free(&out, &query, &headers);
}

/* Header names in any case and values with surrounding blanks canonicalise
 * to the same request; a NULL or empty pathname is signed as "/". */
static void
test_v3_doc_vector_canonicalises_headers(void **state)
{
	(void)state;
	static const struct sign_fx_pair q[] = {
		{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
		{"RegionId", "cn-shanghai"},
		{NULL, NULL},
	};
	static const struct sign_fx_pair h[] = {
		{"X-Acs-Signature-Nonce", "  3156853299f313e23d1673dc12e1703d"},
		{"Host", "ecs.cn-shanghai.aliyuncs.com\t"},
		{"X-ACS-DATE", " 2023-10-26T10:22:32Z "},
		{"x-acs-Action", "RunInstances"},
		{"x-acs-content-sha256", SIGN_EMPTY_SHA256},
		{"X-Acs-Version", "2014-05-26"},
		{NULL, NULL},
	};
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	sign_fx_add(&query, q);
	sign_fx_add(&headers, h);

	const char *pathnames[] = {NULL, ""};
	for (size_t i = 0; i < 2; i++) {
		struct sign_v3_input in = v3_doc_request(&query, &headers,
			"YourAccessKeySecret");
		in.pathname = pathnames[i];
		struct sign_v3_output out = {0};
		sign_v3(&in, &out);
		assert_string_equal(buf_str(&out.canonical_request),
			v3_doc_canonical);
		assert_string_equal(out.signature, v3_doc_signature);
		sign_v3_output_free(&out);
	}
	params_free(&query);
	params_free(&headers);
}

/* An output reused for a second signature holds only the second one. */
static void
test_v3_output_reuse(void **state)
{
	(void)state;
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	v3_doc_params(&query, &headers);
	struct sign_v3_input in = v3_doc_request(&query, &headers,
		"YourAccessKeySecret");
	struct sign_v3_output out = {0};
	sign_v3(&in, &out);
	sign_v3(&in, &out);
	assert_string_equal(buf_str(&out.canonical_request), v3_doc_canonical);
	assert_string_equal(buf_str(&out.authorization), v3_doc_authorization);
	v3_free(&out, &query, &headers);
}

/* V3-2 and V3-3 share their inputs but for the method and the order
 * the lists are given in; the lists are freed once signed, as the output
 * owns its own copies. */
static void
v3_sdk_sign(const char *method, const struct sign_fx_pair *q,
	const struct sign_fx_pair *h, struct sign_v3_output *out)
{
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	sign_fx_add(&query, q);
	sign_fx_add(&headers, h);
	struct sign_v3_input in = {
		.method = method, .pathname = "", .query = &query,
		.headers = &headers, .payload_hash =
		"55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
		.access_key_id = "acesskey", .access_key_secret = "secret",
	};
	sign_v3(&in, out);
	params_free(&query);
	params_free(&headers);
}

/* V3-2: Go SDK Test_GetAuthorization, method "" (unset). */
static void
test_v3_go_sdk_vector(void **state)
{
	(void)state;
	static const struct sign_fx_pair q[] = {
		{"test", "ok"}, {"empty", ""}, {NULL, NULL},
	};
	static const struct sign_fx_pair h[] = {
		{"x-acs-test", "http"}, {"x-acs-TEST", "https"}, {NULL, NULL},
	};
	struct sign_v3_output out = {0};
	v3_sdk_sign("", q, h, &out);
	assert_string_equal(buf_str(&out.canonical_request),
		"\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n"
		"55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23");
	assert_string_equal(buf_str(&out.authorization),
		"ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,"
		"Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3");
	sign_v3_output_free(&out);
}

/* V3-3: Python SDK test_get_authorization, method GET. Duplicate header
 * values are sorted, so the order they were added in does not matter. */
static void
test_v3_python_sdk_vector(void **state)
{
	(void)state;
	static const struct sign_fx_pair q[] = {
		{"empty", ""}, {"test", "ok"}, {NULL, NULL},
	};
	static const struct sign_fx_pair h[] = {
		{"X-ACS-TEST", "https"}, {"x-acs-test", "http"}, {NULL, NULL},
	};
	struct sign_v3_output out = {0};
	v3_sdk_sign("GET", q, h, &out);
	assert_string_equal(out.signature,
		"d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1");
	assert_string_equal(buf_str(&out.authorization),
		"ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,"
		"Signature=d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1");
	sign_v3_output_free(&out);
}

/* V3-5: derived Config-shaped example with STS headers. */
static void
test_v3_derived_config_sts_vector(void **state)
{
	(void)state;
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	struct sign_v3_input in = sign_fx_v3_sts(&query, &headers);
	struct sign_v3_output out = {0};
	sign_v3(&in, &out);
	assert_string_equal(buf_str(&out.canonical_request),
		"POST\n"
		"/\n"
		"MaxResults=10&NextToken=abc%2Fdef%2B%3D%3D\n"
		"host:config.cn-shanghai.aliyuncs.com\n"
		"x-acs-accesskey-id:STS.testid\n"
		"x-acs-action:ListAggregators\n"
		"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
		"x-acs-date:2024-01-02T03:04:05Z\n"
		"x-acs-security-token:testtoken\n"
		"x-acs-signature-nonce:0123456789abcdef0123456789abcdef\n"
		"x-acs-version:2020-09-07\n"
		"\n"
		"host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;"
		"x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(out.hashed_canonical_request,
		"ee03e3cda8f9fe7bfacf8912d97e2c7d207a260c609b1336d8d3b7ac795f95aa");
	assert_string_equal(out.signature, SIGN_FX_V3_STS_SIGNATURE);
	v3_free(&out, &query, &headers);
}

/* A different secret must give a different signature over the same
 * canonical request (guards against a key that is silently ignored). */
static void
test_v3_secret_changes_signature(void **state)
{
	(void)state;
	struct params query = PARAMS_INIT, headers = PARAMS_INIT;
	v3_doc_params(&query, &headers);
	struct sign_v3_input in = v3_doc_request(&query, &headers,
		"YourAccessKeySecreT");
	struct sign_v3_output out = {0};
	sign_v3(&in, &out);
	assert_string_equal(buf_str(&out.canonical_request), v3_doc_canonical);
	assert_string_not_equal(out.signature, v3_doc_signature);
	v3_free(&out, &query, &headers);
}

/* V2-1: official V2 doc vector. */
static void
test_v2_official_doc_vector(void **state)
{
	(void)state;
	static const struct sign_fx_pair all[] = {
		{"Timestamp", "2023-03-13T08:34:30Z"},
		{"Action", "DescribeDedicatedHosts"},
		{"Version", "2014-05-26"},
		{"Format", "JSON"},
		{"RegionId", "cn-beijing"},
		{"AccessKeyId", "testid"},
		{"SignatureMethod", "HMAC-SHA1"},
		{"SignatureVersion", "1.0"},
		{"SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"},
		{NULL, NULL},
	};
	struct params p = PARAMS_INIT;
	sign_fx_add(&p, all);

	struct buf canonical = BUF_INIT;
	params_canonical(&p, &canonical);
	assert_string_equal(buf_str(&canonical),
		"AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&"
		"RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&"
		"SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&"
		"SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&"
		"Version=2014-05-26");

	struct buf sts = BUF_INIT;
	char sig[64];
	sign_v2("GET", &p, "testsecret", &sts, sig);
	assert_string_equal(buf_str(&sts),
		"GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts"
		"%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3D"
		"HMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb"
		"%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34"
		"%253A30Z%26Version%3D2014-05-26");
	assert_string_equal(sig, "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");

	/* Sent as a query parameter it takes its URL form. */
	struct buf url = BUF_INIT;
	params_percent_encode(&url, sig, strlen(sig));
	assert_string_equal(buf_str(&url), "9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D");

	buf_free(&url);
	buf_free(&sts);
	buf_free(&canonical);
	params_free(&p);
}

/* V2-2: the Go SDK's Test_GetRPCSignature (method "") and the Python
 * SDK's test_get_rpc_signature (GET). */
static void
test_v2_sdk_vectors(void **state)
{
	(void)state;
	struct params go = PARAMS_INIT, py = PARAMS_INIT;
	struct buf sts = BUF_INIT;
	char sig[64];

	params_add(&go, "test", "ok");
	sign_v2("", &go, "accessKeySecret", &sts, sig);
	assert_string_equal(buf_str(&sts), "&%2F&test%3Dok");
	assert_string_equal(sig, "jHx/oHoHNrbVfhncHEvPdHXZwHU=");

	params_add(&py, "query", "test");
	params_add(&py, "body", "test");
	sign_v2("GET", &py, "secret", &sts, sig);
	assert_string_equal(buf_str(&sts), "GET&%2F&body%3Dtest%26query%3Dtest");
	assert_string_equal(sig, "XlUyV4sXjOuX5FnjUz9IF9tm5rU=");

	buf_free(&sts);
	params_free(&go);
	params_free(&py);
}

/* V2-3: derived Config-shaped V2 example with an STS token. */
static void
test_v2_derived_config_sts_vector(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	sign_fx_v2_sts(&p);
	struct buf sts = BUF_INIT;
	char sig[64];
	sign_v2("GET", &p, "testsecret", &sts, sig);
	assert_string_equal(sig, SIGN_FX_V2_STS_SIGNATURE);
	buf_free(&sts);
	params_free(&p);
}

/* The building blocks against RFC vectors: SHA-256 of "", RFC 4231 cases
 * 2 and 6 (a key longer than the block is hashed first), RFC 2202 SHA-1
 * cases 2 and 6 (digests written here in base64). */
static void
test_hash_and_hmac_rfc_vectors(void **state)
{
	(void)state;
	char hex[65], b64[64];
	char long_key[132];
	memset(long_key, 0xaa, 131);
	long_key[131] = '\0';

	sign_sha256_hex("", 0, hex);
	assert_string_equal(hex, SIGN_EMPTY_SHA256);
	assert_string_equal(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

	static const char jefe_msg[] = "what do ya want for nothing?";
	sign_hmac_sha256_hex("Jefe", jefe_msg, strlen(jefe_msg), hex);
	assert_string_equal(hex,
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

	static const char big_msg[] =
		"Test Using Larger Than Block-Size Key - Hash Key First";
	sign_hmac_sha256_hex(long_key, big_msg, strlen(big_msg), hex);
	assert_string_equal(hex,
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

	/* RFC 2202: effcdf6ae5eb2fa2d27416d5f184df9c259a7c79 */
	sign_hmac_sha1_b64("Jefe", jefe_msg, strlen(jefe_msg), b64);
	assert_string_equal(b64, "7/zfauXrL6LSdBbV8YTfnCWafHk=");
	/* RFC 2202 case 6, 80-byte key: aa4ae5e15272d00e95705637ce8a3b55ed402112 */
	long_key[80] = '\0';
	sign_hmac_sha1_b64(long_key, big_msg, strlen(big_msg), b64);
	assert_string_equal(b64, "qkrl4VJy0A6VcFY3zoo7Ve1AIRI=");
}

static void
test_format_time(void **state)
{
	(void)state;
	char out[32];
	sign_format_time(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	sign_format_time(1698315752, out);
	assert_string_equal(out, "2023-10-26T10:22:32Z");
	sign_format_time(1709251199, out);
	assert_string_equal(out, "2024-02-29T23:59:59Z");
}

static void
test_parse_time_round_trip(void **state)
{
	(void)state;
	time_t t = 0;
	assert_int_equal(sign_parse_time("2023-10-26T10:22:32Z", &t), 0);
	assert_int_equal((long long)t, 1698315752LL);
	assert_int_equal(sign_parse_time("1970-01-01T00:00:00Z", &t), 0);
	assert_int_equal((long long)t, 0);
	assert_int_equal(sign_parse_time("2024-02-29T23:59:59Z", &t), 0);
	assert_int_equal((long long)t, 1709251199LL);

	/* Every format/parse pair over a spread of times gives the time back. */
	for (long long s = 0; s < 4102444800LL; s += 7777777) {
		char text[32];
		time_t back = 0;
		sign_format_time((time_t)s, text);
		assert_int_equal(sign_parse_time(text, &back), 0);
		assert_int_equal((long long)back, s);
	}
}

static void
test_parse_time_rejects_other_forms(void **state)
{
	(void)state;
	static const char *bad[] = {
		"",
		"2023-10-26T10:22:32",          /* no Z */
		"2023-10-26T10:22:32z",         /* lower-case z */
		"2023-10-26 10:22:32Z",         /* space for T */
		"2023-10-26t10:22:32Z",
		"2023-10-26T10:22:32.000Z",     /* fraction */
		"2023-10-26T10:22:32+00:00",
		"2023-10-26T10:22:32Z ",
		" 2023-10-26T10:22:32Z",
		"2023-1-26T10:22:32Z",
		"+023-10-26T10:22:32Z",
		"2023-10-26T1a:22:32Z",
		"2023/10/26T10:22:32Z",
		"2023-13-01T00:00:00Z",
		"2023-00-01T00:00:00Z",
		"2023-10-00T00:00:00Z",
		"2023-10-32T00:00:00Z",
		"2023-02-29T00:00:00Z",         /* not a leap year */
		"2023-04-31T00:00:00Z",
		"2023-10-26T24:00:00Z",
		"2023-10-26T10:60:00Z",
		"2023-10-26T10:22:60Z",
		"2023-10-26",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		time_t t = 12345;
		if (sign_parse_time(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal((long long)t, 12345);
	}
	time_t t = 0;
	assert_int_equal(sign_parse_time(NULL, &t), -1);
}

static void
test_nonce(void **state)
{
	(void)state;
	char a[33], b[33];
	memset(a, 'X', sizeof(a));
	sign_nonce(a);
	sign_nonce(b);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "0123456789abcdef"), 32);
	assert_int_equal(strspn(b, "0123456789abcdef"), 32);
	/* 128 random bits: equal twice in a row means no randomness. */
	assert_string_not_equal(a, b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v3_official_doc_vector),
		cmocka_unit_test(test_v3_doc_vector_canonicalises_headers),
		cmocka_unit_test(test_v3_output_reuse),
		cmocka_unit_test(test_v3_go_sdk_vector),
		cmocka_unit_test(test_v3_python_sdk_vector),
		cmocka_unit_test(test_v3_derived_config_sts_vector),
		cmocka_unit_test(test_v3_secret_changes_signature),
		cmocka_unit_test(test_v2_official_doc_vector),
		cmocka_unit_test(test_v2_sdk_vectors),
		cmocka_unit_test(test_v2_derived_config_sts_vector),
		cmocka_unit_test(test_hash_and_hmac_rfc_vectors),
		cmocka_unit_test(test_format_time),
		cmocka_unit_test(test_parse_time_round_trip),
		cmocka_unit_test(test_parse_time_rejects_other_forms),
		cmocka_unit_test(test_nonce),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
