/* test_emu_auth: alicfg-emu accepts requests signed V3 and V2 (query, form
 * body, SDK-style extra signed headers, STS) and rejects each bad one with
 * the gateway's code, HTTP status and full error body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "emu_test.h"
#include "sign.h"

static struct emu_proc emu;

static int
setup(void **state)
{
	(void)state;
	static const char *const args[] = {"--scenario", "demo", NULL};
	return emu_test_start(&emu, args);
}

static int
teardown(void **state)
{
	(void)state;
	return emu_test_stop(&emu);
}

/* Every error body carries the five gateway fields, and the header request
 * id equals the body's. */
static void
assert_error(const struct emu_call *c, long status, const char *code)
{
	assert_int_equal(c->cc, CURLE_OK);
	assert_non_null(c->json);
	if (c->status != status || strcmp(emu_call_code(c), code) != 0)
		print_message("# got %ld %s\n", c->status, c->body.data);
	assert_int_equal(c->status, status);
	assert_string_equal(emu_call_code(c), code);
	static const char *const fields[] = {"RequestId", "HostId", "Code",
		"Message", "Recommend"};
	for (size_t i = 0; i < 5; i++)
		assert_true(json_is_string(json_object_get(c->json, fields[i])));
	assert_string_equal(c->request_id,
		json_string_value(json_object_get(c->json, "RequestId")));
	assert_non_null(strstr(json_string_value(json_object_get(c->json,
		"Recommend")), code));
}

static void
assert_ok(const struct emu_call *c)
{
	assert_int_equal(c->cc, CURLE_OK);
	if (c->status != 200)
		print_message("# got %ld %s\n", c->status, c->body.data);
	assert_int_equal(c->status, 200);
	assert_non_null(c->json);
	assert_string_equal(c->request_id,
		json_string_value(json_object_get(c->json, "RequestId")));
}

static void
list_call(struct emu_call *c, enum emu_sig sig, const char *method)
{
	emu_call_init(c, emu.url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	c->sig = sig;
	c->method = method;
	params_add(&c->query, "MaxResults", "10");
}

static void
test_v3_post_query(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "POST");
	emu_call_run(&c);
	assert_ok(&c);
	assert_true(json_is_array(emu_json_path(c.json,
		"AggregatorsResult.Aggregators")));
	emu_call_free(&c);
}

static void
test_v3_get(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "GET");
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);
}

static void
test_v3_form_body(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c.form, "AggregatorId", "ca-0000000000000002");
	params_add(&c.form, "Note", "a b+c/d=e~f*g 中文");
	emu_call_run(&c);
	assert_ok(&c);
	assert_string_equal(json_string_value(emu_json_path(c.json,
		"Aggregator.AggregatorId")), "ca-0000000000000002");
	emu_call_free(&c);
}

/* Official SDKs sign extra headers (x-acs-credentials-provider,
 * x-acs-accesskey-id); the verifier follows the client's list. */
static void
test_v3_sdk_extra_signed_headers(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "POST");
	params_add(&c.extra_headers, "x-acs-credentials-provider", "static_ak");
	params_add(&c.extra_headers, "x-acs-accesskey-id", "demo-ak");
	params_add(&c.extra_headers, "user-agent", "AlibabaCloud (test) Tea");
	params_add(&c.query, "Tag", "[]");
	params_add(&c.query, "Odd", "a/b c+d=~*");
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);
}

static void
test_v2_get_and_lowercase_format(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V2, "GET");
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);

	list_call(&c, EMU_SIG_V2, "POST");
	c.v2_format = "json";
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);

	/* XML is not emulated: the answer is JSON (documented). */
	list_call(&c, EMU_SIG_V2, "GET");
	c.v2_format = "XML";
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);
}

/* As credentials SDKs call STS: common parameters in the query, the
 * operation's in a form body, the signature over both. */
static void
test_v2_form_body(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "AssumeRole", EMU_STS_VERSION, "demo-ak",
		"demo-secret");
	c.sig = EMU_SIG_V2;
	params_add(&c.form, "RoleArn", EMU_RD_ROLE_ARN("1000000000000010"));
	params_add(&c.form, "RoleSessionName", "credentials-go-1700000000");
	params_add(&c.form, "DurationSeconds", "3600");
	params_add(&c.extra_headers, "x-acs-credentials-provider", "ram_role_arn");
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);
}

/* The official SDKs' V2 shapes: x-acs-action and x-acs-version headers
 * with V2 parameters, which the gateway accepts. pop-core: everything in
 * the query on GET, everything in a form body on POST; openapi-client V2:
 * the common and signature parameters in the query, the operation's in a
 * form body. The headers must not make the emulator expect V3. */
static void
sdk_v2_call(struct emu_call *c, const char *method, bool all_in_form,
	bool business_in_form)
{
	emu_call_init(c, emu.url, "ListAggregators",
		EMU_CONFIG_VERSION, "demo-ak", "demo-secret");
	c->sig = EMU_SIG_V2;
	c->method = method;
	c->v2_all_in_form = all_in_form;
	params_add(&c->extra_headers, "x-acs-action", "ListAggregators");
	params_add(&c->extra_headers, "x-acs-version", EMU_CONFIG_VERSION);
	params_add(&c->extra_headers, "x-sdk-client", "javascript/2.0.0");
	if (business_in_form)
		params_add(&c->form, "MaxResults", "10");
	else
		params_add(&c->query, "MaxResults", "10");
}

static void
test_v2_sdk_shapes(void **state)
{
	(void)state;
	static const struct {
		const char *method;
		bool all_in_form, business_in_form;
		const char *what;
	} shapes[] = {
		{"GET", false, false, "pop-core GET: all in the query"},
		{"POST", true, true, "pop-core POST: all in a form body"},
		{"POST", false, true, "openapi-client V2: signature in the query, "
			"operation parameters in a form body"},
		{"POST", false, false, "POST with everything in the query"},
	};
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		struct emu_call c;
		sdk_v2_call(&c, shapes[i].method, shapes[i].all_in_form,
			shapes[i].business_in_form);
		emu_call_run(&c);
		if (c.status != 200)
			print_message("# %s: HTTP %ld %s\n", shapes[i].what,
				c.status, buf_str(&c.body));
		assert_ok(&c);
		assert_non_null(emu_json_path(c.json,
			"AggregatorsResult.Aggregators"));
		emu_call_free(&c);
		/* and a wrong signature in that shape is still caught */
		sdk_v2_call(&c, shapes[i].method, shapes[i].all_in_form,
			shapes[i].business_in_form);
		c.bad_signature = true;
		emu_call_run(&c);
		assert_string_equal(emu_call_code(&c), "SignatureDoesNotMatch");
		emu_call_free(&c);
	}
	/* V3 headers with neither an Authorization header nor a Signature
	 * parameter: a V3 request that lost its header. */
	struct emu_call c;
	emu_call_init(&c, emu.url, "GetConfigurationRecorder",
		EMU_CONFIG_VERSION, "demo-ak", "demo-secret");
	c.sig = EMU_SIG_V3;
	c.omit_authorization = true;
	emu_call_run(&c);
	assert_string_equal(emu_call_code(&c), "IncompleteSignature");
	emu_call_free(&c);
}

static void
test_unknown_key(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "POST");
	c.key_id = "no-such-key";
	emu_call_run(&c);
	assert_error(&c, 404, "InvalidAccessKeyId.NotFound");
	emu_call_free(&c);

	list_call(&c, EMU_SIG_V2, "GET");
	c.key_id = "STS.nosuchkey";
	emu_call_run(&c);
	assert_error(&c, 404, "InvalidAccessKeyId.NotFound");
	emu_call_free(&c);
}

static void
test_signature_mismatch_echoes_string_to_sign(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "POST");
	c.bad_signature = true;
	emu_call_run(&c);
	assert_error(&c, 400, "SignatureDoesNotMatch");
	const char *msg = json_string_value(json_object_get(c.json, "Message"));
	assert_non_null(strstr(msg, "server StringToSign is ["));
	/* Only the signature was spoiled: the server's string to sign is
	 * exactly the client's. */
	assert_non_null(strstr(msg, c.string_to_sign));
	emu_call_free(&c);

	list_call(&c, EMU_SIG_V3, "POST");
	c.secret = "wrong-secret";
	emu_call_run(&c);
	assert_error(&c, 400, "SignatureDoesNotMatch");
	emu_call_free(&c);

	list_call(&c, EMU_SIG_V2, "GET");
	c.bad_signature = true;
	emu_call_run(&c);
	assert_error(&c, 400, "SignatureDoesNotMatch");
	msg = json_string_value(json_object_get(c.json, "Message"));
	assert_non_null(strstr(msg, "server string to sign is:"));
	assert_non_null(strstr(msg, c.string_to_sign));
	emu_call_free(&c);
}

static void
test_missing_or_malformed_signature(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "POST");
	c.omit_authorization = true;
	emu_call_run(&c);
	assert_error(&c, 400, "IncompleteSignature");
	emu_call_free(&c);

	static const char *const bad[] = {
		"ACS3-HMAC-SHA256",
		"ACS3-HMAC-SHA256 Credential=demo-ak",
		"ACS3-HMAC-SHA256 Credential=demo-ak,SignedHeaders=host",
		"garbage",
		"ACS3-HMAC-SHA256 Credential=demo-ak,SignedHeaders=host;;x,"
		"Signature=00",
		"ACS3-HMAC-SHA256 Credential=demo-ak,SignedHeaders=x-not-sent,"
		"Signature=00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		list_call(&c, EMU_SIG_V3, "POST");
		c.authorization = bad[i];
		emu_call_run(&c);
		assert_error(&c, 400, "IncompleteSignature");
		emu_call_free(&c);
	}
	list_call(&c, EMU_SIG_V3, "POST");
	c.authorization = "ACS3-HMAC-SM3 Credential=demo-ak,SignedHeaders=host,"
		"Signature=00";
	emu_call_run(&c);
	assert_error(&c, 400, "InvalidSignatureMethod");
	emu_call_free(&c);

	list_call(&c, EMU_SIG_NONE, "GET");
	emu_call_run(&c);
	assert_error(&c, 400, "MissingAccessKeyId");
	emu_call_free(&c);

	list_call(&c, EMU_SIG_V2, "GET");
	c.omit_authorization = true;
	emu_call_run(&c);
	assert_error(&c, 400, "MissingSignature");
	emu_call_free(&c);
}

static void
test_timestamp(void **state)
{
	(void)state;
	char old[32], future[32];
	sign_format_time(time(NULL) - 16 * 60, old);
	sign_format_time(time(NULL) + 16 * 60, future);
	struct emu_call c;
	const enum emu_sig sigs[] = {EMU_SIG_V3, EMU_SIG_V2};
	for (size_t i = 0; i < 2; i++) {
		list_call(&c, sigs[i], "POST");
		c.date = old;
		emu_call_run(&c);
		assert_error(&c, 400, "InvalidTimeStamp.Expired");
		emu_call_free(&c);

		list_call(&c, sigs[i], "POST");
		c.date = future;
		emu_call_run(&c);
		assert_error(&c, 400, "InvalidTimeStamp.Expired");
		emu_call_free(&c);

		list_call(&c, sigs[i], "POST");
		c.date = "2024-01-02 03:04:05";
		emu_call_run(&c);
		assert_error(&c, 400, "InvalidTimeStamp.Format");
		emu_call_free(&c);
	}
	/* Ten minutes off is inside the window. */
	sign_format_time(time(NULL) - 10 * 60, old);
	list_call(&c, EMU_SIG_V3, "POST");
	c.date = old;
	emu_call_run(&c);
	assert_ok(&c);
	emu_call_free(&c);
}

static void
test_nonce_reuse(void **state)
{
	(void)state;
	char nonce[33];
	struct emu_call c;
	const enum emu_sig sigs[] = {EMU_SIG_V3, EMU_SIG_V2};
	for (size_t i = 0; i < 2; i++) {
		sign_nonce(nonce);
		list_call(&c, sigs[i], "POST");
		c.nonce = nonce;
		emu_call_run(&c);
		assert_ok(&c);
		emu_call_free(&c);

		list_call(&c, sigs[i], "POST");
		c.nonce = nonce;
		emu_call_run(&c);
		assert_error(&c, 400, "SignatureNonceUsed");
		emu_call_free(&c);
	}
}

static void
test_content_sha_mismatch(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c.form, "AggregatorId", "ca-0000000000000001");
	/* Signed consistently, but not the hash of the body sent. */
	c.content_sha = SIGN_EMPTY_SHA256;
	emu_call_run(&c);
	assert_error(&c, 400, "ContentSha256Mismatch");
	emu_call_free(&c);
}

static void
test_unknown_api(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "DescribeConfigurationRecorder",
		EMU_CONFIG_VERSION, "demo-ak", "demo-secret");
	emu_call_run(&c);
	assert_error(&c, 404, "InvalidApi.NotFound");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "ListAggregators", "2019-01-08", "demo-ak",
		"demo-secret");
	c.sig = EMU_SIG_V2;
	emu_call_run(&c);
	assert_error(&c, 404, "InvalidApi.NotFound");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "AssumeRole", EMU_CONFIG_VERSION, "demo-ak",
		"demo-secret");
	emu_call_run(&c);
	assert_error(&c, 404, "InvalidApi.NotFound");
	emu_call_free(&c);
}

static void
test_missing_required_parameter(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	emu_call_run(&c);
	assert_error(&c, 400, "MissingMaxResults");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"Message")), "MaxResults is mandatory for this action.");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	c.sig = EMU_SIG_V2;
	emu_call_run(&c);
	assert_error(&c, 400, "MissingAggregatorId");
	emu_call_free(&c);
}

/* Tokens: missing with an STS key, wrong, or sent with a permanent key. */
static void
test_security_token_rules(void **state)
{
	(void)state;
	struct emu_call a;
	emu_call_init(&a, emu.url, "AssumeRole", EMU_STS_VERSION, "demo-ak",
		"demo-secret");
	params_add(&a.query, "RoleArn", EMU_RD_ROLE_ARN("1000000000000020"));
	params_add(&a.query, "RoleSessionName", "token-rules");
	emu_call_run(&a);
	assert_ok(&a);
	const char *ak = json_string_value(emu_json_path(a.json,
		"Credentials.AccessKeyId"));
	const char *sk = json_string_value(emu_json_path(a.json,
		"Credentials.AccessKeySecret"));
	const char *tok = json_string_value(emu_json_path(a.json,
		"Credentials.SecurityToken"));

	const enum emu_sig sigs[] = {EMU_SIG_V3, EMU_SIG_V2};
	for (size_t i = 0; i < 2; i++) {
		struct emu_call c;
		emu_call_init(&c, emu.url, "GetConfigurationRecorder",
			EMU_CONFIG_VERSION, ak, sk);
		c.sig = sigs[i];
		emu_call_run(&c);
		assert_error(&c, 400, "MissingSecurityToken");
		emu_call_free(&c);

		emu_call_init(&c, emu.url, "GetConfigurationRecorder",
			EMU_CONFIG_VERSION, ak, sk);
		c.sig = sigs[i];
		c.token = "CAISnotthetoken";
		emu_call_run(&c);
		assert_error(&c, 400, "InvalidSecurityToken.MismatchWithAccessKey");
		emu_call_free(&c);

		emu_call_init(&c, emu.url, "GetConfigurationRecorder",
			EMU_CONFIG_VERSION, "demo-ak", "demo-secret");
		c.sig = sigs[i];
		c.token = tok;
		emu_call_run(&c);
		assert_error(&c, 400, "InvalidSecurityToken.MismatchWithAccessKey");
		emu_call_free(&c);

		emu_call_init(&c, emu.url, "GetConfigurationRecorder",
			EMU_CONFIG_VERSION, ak, sk);
		c.sig = sigs[i];
		c.token = tok;
		emu_call_run(&c);
		assert_ok(&c);
		emu_call_free(&c);
	}
	emu_call_free(&a);
}

static void
test_bad_method(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, EMU_SIG_V3, "PUT");
	emu_call_run(&c);
	assert_error(&c, 400, "UnsupportedHTTPMethod");
	emu_call_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v3_post_query),
		cmocka_unit_test(test_v3_get),
		cmocka_unit_test(test_v3_form_body),
		cmocka_unit_test(test_v3_sdk_extra_signed_headers),
		cmocka_unit_test(test_v2_get_and_lowercase_format),
		cmocka_unit_test(test_v2_form_body),
cmocka_unit_test(test_v2_sdk_shapes),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_signature_mismatch_echoes_string_to_sign),
		cmocka_unit_test(test_missing_or_malformed_signature),
		cmocka_unit_test(test_timestamp),
		cmocka_unit_test(test_nonce_reuse),
		cmocka_unit_test(test_content_sha_mismatch),
		cmocka_unit_test(test_unknown_api),
		cmocka_unit_test(test_missing_required_parameter),
		cmocka_unit_test(test_security_token_rules),
		cmocka_unit_test(test_bad_method),
	};
	return cmocka_run_group_tests_name("alicfg-emu authentication", tests,
		setup, teardown);
}
