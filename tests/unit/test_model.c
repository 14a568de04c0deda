/* test_model: the response parsers. The seed samples (the API reference
 * pages' "Sample success responses") parse verbatim; then type drift both
 * ways, missing and wrongly typed fields, broken JSON, error bodies and the
 * ListAggregators token rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

/* seeds/004: GetAggregator page, "Sample success responses", verbatim. */
static const char seed_get_aggregator[] =
	"{\n"
	"  \"RequestId\": \"733DD93C-2277-4905-AE0C-0BA95C04B8BC\",\n"
	"  \"Aggregator\": {\n"
	"    \"AggregatorCreateTimestamp\": \"1623034091000\",\n"
	"    \"AggregatorAccounts\": [\n"
	"      {\n"
	"        \"RecorderStatus\": \"REGISTERED\",\n"
	"        \"AccountId\": 0,\n"
	"        \"AccountType\": \"ResourceDirectory\",\n"
	"        \"AccountName\": \"Alice\"\n"
	"      }\n"
	"    ],\n"
	"    \"AggregatorAccountCount\": 2,\n"
	"    \"Description\": \"The description of the test account group.\",\n"
	"    \"AggregatorName\": \"Test-Group\",\n"
	"    \"AggregatorStatus\": 1,\n"
	"    \"AggregatorType\": \"CUSTOM\",\n"
	"    \"AccountId\": 0,\n"
	"    \"AggregatorId\": \"ca-88ea626622af0055****\",\n"
	"    \"FolderId\": \"fd-brHdgv****\",\n"
	"    \"Tags\": [\n"
	"      {\n"
	"        \"TagKey\": \"key-1\",\n"
	"        \"TagValue\": \"value-1\"\n"
	"      }\n"
	"    ]\n"
	"  }\n"
	"}";

/* seeds/000: StartConfigurationRecorder page, verbatim. */
static const char seed_start_recorder[] =
	"{\n"
	"  \"RequestId\": \"4D994662-6B27-536F-B320-38F4B3D58705\",\n"
	"  \"ConfigurationRecorder\": {\n"
	"    \"ConfigurationRecorderStatus\": \"REGISTERED\",\n"
	"    \"ResourceTypes\": [\n"
	"      \"ACS::ECS::Instance\"\n"
	"    ]\n"
	"  }\n"
	"}";

/* docs/wire-reference.md#listaggregators: the timestamp a bare number. */
static const char doc_list_aggregators[] =
	"{\n"
	"  \"RequestId\": \"20C8526D-12C5-4336-BC72-EBD5D1BA732F\",\n"
	"  \"AggregatorsResult\": {\n"
	"    \"NextToken\": \"TGlzdFJlc291cmNlU2hhcmVzJjE1MTI2NjY4NzY5MTAzOTEmMiZORnI4NDhVeEtrUT0\",\n"
	"    \"Aggregators\": [\n"
	"      {\n"
	"        \"AccountId\": 100931896542,\n"
	"        \"AggregatorAccountCount\": 2,\n"
	"        \"AggregatorCreateTimestamp\": 1623036305000,\n"
	"        \"AggregatorId\": \"ca-88ea626622af0055****\",\n"
	"        \"AggregatorName\": \"Test_Group\",\n"
	"        \"AggregatorStatus\": 1,\n"
	"        \"AggregatorType\": \"CUSTOM\",\n"
	"        \"Description\": \"Example-description\",\n"
	"        \"FolderId\": \"r-BU****\",\n"
	"        \"Tags\": [ { \"TagKey\": \"key-1\", \"TagValue\": \"value-1\" } ]\n"
	"      }\n"
	"    ]\n"
	"  }\n"
	"}";

/* docs/wire-reference.md#sts-assumerole. */
static const char doc_assume_role[] =
	"{\n"
	"  \"RequestId\": \"6894B13B-6D71-4EF5-88FA-F32781734A7F\",\n"
	"  \"AssumedRoleUser\": {\n"
	"    \"AssumedRoleId\": \"34458433936495****:alice\",\n"
	"    \"Arn\": \"acs:ram::123456789012****:role/adminrole/alice\"\n"
	"  },\n"
	"  \"Credentials\": {\n"
	"    \"AccessKeyId\": \"STS.L4aBSCSJVMuKg5U1****\",\n"
	"    \"AccessKeySecret\": \"wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK****\",\n"
	"    \"SecurityToken\": \"********\",\n"
	"    \"Expiration\": \"2015-04-09T11:52:19Z\"\n"
	"  },\n"
	"  \"SourceIdentity\": \"Alice\"\n"
	"}";

#define LEN(s) (sizeof(s) - 1)

static int
parse_detail(const char *body, struct aggregator_detail *d, struct err *e)
{
	err_clear(e);
	return model_parse_aggregator(body, strlen(body), d, e);
}

/* Parsing GetAggregator fails with exactly this message. */
static void
detail_fails(const char *body, const char *message)
{
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail(body, &d, &e), -1);
	assert_string_equal(e.message, message);
}

/* --- seeds and documented samples --------------------------------------- */

static void
seed_get_aggregator_parses(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_aggregator(seed_get_aggregator,
		LEN(seed_get_aggregator), &d, &e), 0);
	assert_int_equal(e.kind, ERR_NONE);
	assert_string_equal(d.request_id, "733DD93C-2277-4905-AE0C-0BA95C04B8BC");
	assert_string_equal(d.agg.id, "ca-88ea626622af0055****");
	assert_string_equal(d.agg.name, "Test-Group");
	assert_string_equal(d.agg.type, "CUSTOM");
	assert_string_equal(d.agg.description,
		"The description of the test account group.");
	assert_string_equal(d.agg.folder_id, "fd-brHdgv****");
	assert_null(d.agg.folder_name);
	assert_int_equal(d.agg.status, 1);
	assert_int_equal(d.agg.account_id, 0);
	assert_int_equal(d.agg.member_count, 2);
	assert_int_equal(d.agg.create_ms, 1623034091000LL);
	assert_int_equal(d.agg.ntags, 1);
	assert_string_equal(d.agg.tags[0].key, "key-1");
	assert_string_equal(d.agg.tags[0].value, "value-1");
	assert_int_equal(d.nmembers, 1);
	assert_int_equal(d.members[0].account_id, 0);
	assert_string_equal(d.members[0].name, "Alice");
	assert_string_equal(d.members[0].type, "ResourceDirectory");
	assert_int_equal(d.members[0].status, RECORDER_REGISTERED);
	assert_string_equal(d.members[0].status_raw, "REGISTERED");
	model_aggregator_detail_free(&d);
}

static void
seed_start_recorder_parses(void **state)
{
	(void)state;
	struct recorder r;
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_recorder(seed_start_recorder,
		LEN(seed_start_recorder), &r, &e), 0);
	assert_int_equal(r.status, RECORDER_REGISTERED);
	assert_string_equal(r.status_raw, "REGISTERED");
	assert_int_equal(r.ntypes, 1);
	assert_string_equal(r.resource_types[0], "ACS::ECS::Instance");
	assert_string_equal(r.request_id, "4D994662-6B27-536F-B320-38F4B3D58705");
	model_recorder_free(&r);
}

static void
doc_list_aggregators_parses(void **state)
{
	(void)state;
	struct aggregator_list l;
	memset(&l, 0, sizeof(l));
	char *token = NULL;
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_aggregators_page(doc_list_aggregators,
		LEN(doc_list_aggregators), &l, &token, &e), 0);
	assert_string_equal(token,
		"TGlzdFJlc291cmNlU2hhcmVzJjE1MTI2NjY4NzY5MTAzOTEmMiZORnI4NDhVeEtrUT0");
	assert_int_equal(l.count, 1);
	assert_int_equal(l.pages, 1);
	assert_string_equal(l.request_id, "20C8526D-12C5-4336-BC72-EBD5D1BA732F");
	assert_int_equal(l.items[0].account_id, 100931896542LL);
	assert_int_equal(l.items[0].create_ms, 1623036305000LL);
	assert_string_equal(l.items[0].folder_id, "r-BU****");
	assert_int_equal(l.items[0].ntags, 1);
	free(token);
	model_aggregator_list_free(&l);
}

static void
doc_assume_role_parses(void **state)
{
	(void)state;
	struct sts_credentials c;
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_assume_role(doc_assume_role,
		LEN(doc_assume_role), &c, &e), 0);
	assert_string_equal(c.access_key_id, "STS.L4aBSCSJVMuKg5U1****");
	assert_string_equal(c.access_key_secret,
		"wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK****");
	assert_string_equal(c.security_token, "********");
	assert_int_equal(c.expiration, 1428580339);  /* date -d ... +%s */
	assert_string_equal(c.assumed_role_arn,
		"acs:ram::123456789012****:role/adminrole/alice");
	assert_string_equal(c.request_id, "6894B13B-6D71-4EF5-88FA-F32781734A7F");
	model_sts_credentials_free(&c);
}

static void
assume_role_bad_fields(void **state)
{
	(void)state;
	struct sts_credentials c;
	struct err e;
	const char *no_token = "{\"Credentials\":{\"AccessKeyId\":\"STS.a\","
		"\"AccessKeySecret\":\"s\",\"Expiration\":\"2015-04-09T11:52:19Z\"}}";
	assert_int_equal(model_parse_assume_role(no_token, strlen(no_token), &c,
		&e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_non_null(strstr(e.message, "Credentials.SecurityToken is missing"));
	assert_null(c.access_key_secret);  /* wiped and freed */

	const char *bad_time = "{\"Credentials\":{\"AccessKeyId\":\"STS.a\","
		"\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\","
		"\"Expiration\":\"tomorrow\"}}";
	assert_int_equal(model_parse_assume_role(bad_time, strlen(bad_time), &c,
		&e), -1);
	assert_non_null(strstr(e.message, "Credentials.Expiration"));
	assert_non_null(strstr(e.message, "tomorrow"));
	/* The secret never appears in an error. */
	const char *bad_type = "{\"Credentials\":{\"AccessKeyId\":\"STS.a\","
		"\"AccessKeySecret\":\"TOPSECRET\",\"SecurityToken\":true,"
		"\"Expiration\":\"2015-04-09T11:52:19Z\"}}";
	assert_int_equal(model_parse_assume_role(bad_type, strlen(bad_type), &c,
		&e), -1);
	assert_null(strstr(e.message, "TOPSECRET"));
	assert_non_null(strstr(e.message,
		"Credentials.SecurityToken is a boolean, expected a string"));
}

/* GetCallerIdentity in the documented shape (every field a string; the
 * documentation masks its ids with ****, so these are whole). */
static const char caller_identity_ram_user[] =
	"{\n"
	"  \"IdentityType\": \"RAMUser\",\n"
	"  \"AccountId\": \"1000000000000001\",\n"
	"  \"RequestId\": \"C1B8EED5-7A2E-4B5D-B1C1-86EB0CE0C2A6\",\n"
	"  \"PrincipalId\": \"272212714678891234\",\n"
	"  \"UserId\": \"272212714678891234\",\n"
	"  \"Arn\": \"acs:ram::1000000000000001:user/alice\",\n"
	"  \"RoleId\": \"\"\n"
	"}";

static void
caller_identity_parses(void **state)
{
	(void)state;
	struct caller_identity id;
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(caller_identity_ram_user,
		LEN(caller_identity_ram_user), &id, &e), 0);
	assert_true(id.account_id == INT64_C(1000000000000001));
	assert_string_equal(id.identity_type, "RAMUser");
	assert_string_equal(id.arn, "acs:ram::1000000000000001:user/alice");
	assert_string_equal(id.principal_id, "272212714678891234");
	assert_string_equal(id.user_id, "272212714678891234");
	assert_string_equal(id.request_id,
		"C1B8EED5-7A2E-4B5D-B1C1-86EB0CE0C2A6");
	model_caller_identity_free(&id);

	/* A number instead of a string, and only AccountId: still fine. */
	const char *bare = "{\"AccountId\":1000000000000042}";
	assert_int_equal(model_parse_caller_identity(bare, strlen(bare), &id,
		&e), 0);
	assert_true(id.account_id == INT64_C(1000000000000042));
	assert_null(id.arn);
	assert_string_equal(id.request_id, "");
	model_caller_identity_free(&id);
}

static void
caller_identity_bad_fields(void **state)
{
	(void)state;
	struct caller_identity id;
	struct err e;
	const char *missing = "{\"Arn\":\"acs:ram::1:root\"}";
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(missing, strlen(missing),
		&id, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_non_null(strstr(e.message, "AccountId is missing"));
	assert_null(id.arn);  /* freed on failure */

	/* The documentation's masked sample is not an account id. */
	const char *masked = "{\"AccountId\":\"125499367423****\"}";
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(masked, strlen(masked),
		&id, &e), -1);
	assert_non_null(strstr(e.message, "AccountId"));
	assert_non_null(strstr(e.message, "expected an integer"));

	const char *zero = "{\"AccountId\":\"0\"}";
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(zero, strlen(zero), &id,
		&e), -1);
	assert_non_null(strstr(e.message, "positive account id"));

	const char *typed = "{\"AccountId\":\"7\",\"Arn\":{}}";
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(typed, strlen(typed), &id,
		&e), -1);
	assert_non_null(strstr(e.message, "Arn is an object, expected a string"));

	const char *cut = "{\"AccountId\":\"10000";
	err_clear(&e);
	assert_int_equal(model_parse_caller_identity(cut, strlen(cut), &id, &e),
		-1);
	assert_non_null(strstr(e.message, "not valid JSON"));
	assert_true(e.retryable);
}

/* --- type drift --------------------------------------------------------- */

static void
timestamp_number_or_string(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorCreateTimestamp\":1623034091000}}", &d, &e), 0);
	assert_int_equal(d.agg.create_ms, 1623034091000LL);
	model_aggregator_detail_free(&d);
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorCreateTimestamp\":\"1623034091000\"}}", &d, &e), 0);
	assert_int_equal(d.agg.create_ms, 1623034091000LL);
	model_aggregator_detail_free(&d);
	/* An integral value in exponent form is still that integer. */
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorCreateTimestamp\":1.623034091E12}}", &d, &e), 0);
	assert_int_equal(d.agg.create_ms, 1623034091000LL);
	model_aggregator_detail_free(&d);
}

static void
sixteen_digit_ids(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	/* 9999999999999999 > 2^53: a double would round it. */
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AccountId\":9999999999999999,\"AggregatorAccounts\":["
		"{\"AccountId\":1000000000000001},"
		"{\"AccountId\":\"1000000000000060\"},"
		"{\"AccountId\":9223372036854775807}]}}", &d, &e), 0);
	assert_int_equal(d.agg.account_id, 9999999999999999LL);
	assert_int_equal(d.nmembers, 3);
	assert_int_equal(d.members[0].account_id, 1000000000000001LL);
	assert_int_equal(d.members[1].account_id, 1000000000000060LL);
	assert_int_equal(d.members[2].account_id, INT64_MAX);
	assert_int_equal(d.members[0].status, RECORDER_UNKNOWN);
	assert_null(d.members[0].status_raw);
	model_aggregator_detail_free(&d);
}

static void
string_fields_accept_numbers(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorName\":2024}}", &d, &e), 0);
	assert_string_equal(d.agg.name, "2024");
	model_aggregator_detail_free(&d);
}

static void
fraction_is_refused(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorAccounts\":[{\"AccountId\":1.5}]}}", &d, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_string_equal(e.message, "GetAggregator response: "
		"Aggregator.AggregatorAccounts[0].AccountId is 1.5, expected an "
		"integer");
	assert_null(d.members);
}

static void
overflow_is_refused(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AccountId\":99999999999999999999}}", &d, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_non_null(strstr(e.message, "AccountId"));
	assert_non_null(strstr(e.message, "out of range"));
	assert_false(e.retryable);

	detail_fails("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AccountId\":\"99999999999999999999\"}}",
		"GetAggregator response: "
		"Aggregator.AccountId is out of range for a 64-bit integer");

	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AccountId\":1e300}}", &d, &e), -1);
	assert_non_null(strstr(e.message, "Aggregator.AccountId"));

	detail_fails("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AccountId\":\"12ab\"}}",
		"GetAggregator response: "
		"Aggregator.AccountId is the string '12ab', expected an integer");
}

/* --- wrong types and missing fields ------------------------------------- */

static void
wrong_type_names_the_field(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorAccounts\":[{\"AccountId\":1},{\"AccountId\":2},"
		"{\"AccountId\":3},{\"AccountId\":true}]}}", &d, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_string_equal(e.message, "GetAggregator response: "
		"Aggregator.AggregatorAccounts[3].AccountId is a boolean, "
		"expected an integer");
	assert_false(e.retryable);
	assert_null(d.members);  /* nothing half-built is handed out */

	detail_fails("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorAccounts\":{}}}",
		"GetAggregator response: "
		"Aggregator.AggregatorAccounts is an object, expected an array");

	detail_fails("{\"Aggregator\":{\"AggregatorId\":[1]}}",
		"GetAggregator response: "
		"Aggregator.AggregatorId is an array, expected a string");

	detail_fails("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"Tags\":[{\"TagKey\":{}}]}}",
		"GetAggregator response: "
		"Aggregator.Tags[0].TagKey is an object, expected a string");

	detail_fails("{\"Aggregator\":\"ca-1\"}",
		"GetAggregator response: "
		"Aggregator is a string, expected an object");

	detail_fails("[1,2]",
		"GetAggregator response: "
		"the body is an array, expected an object");
}

static void
missing_fields(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	/* Only the id is required; null counts as absent. */
	assert_int_equal(parse_detail("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"Description\":null,\"AggregatorAccounts\":[{\"AccountId\":7,"
		"\"AccountName\":null}]}}", &d, &e), 0);
	assert_null(d.agg.name);
	assert_null(d.agg.description);
	assert_int_equal(d.agg.status, -1);
	assert_int_equal(d.agg.create_ms, 0);
	assert_string_equal(d.request_id, "");
	assert_int_equal(d.nmembers, 1);
	assert_null(d.members[0].name);
	model_aggregator_detail_free(&d);

	detail_fails("{\"Aggregator\":{\"AggregatorName\":\"x\"}}",
		"GetAggregator response: "
		"Aggregator.AggregatorId is missing");
	detail_fails("{\"Aggregator\":{\"AggregatorId\":null}}",
		"GetAggregator response: "
		"Aggregator.AggregatorId is missing");
	detail_fails("{\"RequestId\":\"x\"}",
		"GetAggregator response: "
		"Aggregator is missing");
	detail_fails("{\"Aggregator\":{\"AggregatorId\":\"ca-1\","
		"\"AggregatorAccounts\":[{\"AccountName\":\"x\"}]}}",
		"GetAggregator response: "
		"Aggregator.AggregatorAccounts[0].AccountId is missing");
}

static void
recorder_shapes(void **state)
{
	(void)state;
	struct recorder r;
	struct err e;
	const char *unknown = "{\"ConfigurationRecorder\":{"
		"\"ConfigurationRecorderStatus\":\"PAUSED\"}}";
	assert_int_equal(model_parse_recorder(unknown, strlen(unknown), &r, &e), 0);
	assert_int_equal(r.status, RECORDER_UNKNOWN);
	assert_string_equal(r.status_raw, "PAUSED");
	assert_int_equal(r.ntypes, 0);
	model_recorder_free(&r);

	const char *missing = "{\"ConfigurationRecorder\":{}}";
	assert_int_equal(model_parse_recorder(missing, strlen(missing), &r, &e), -1);
	assert_non_null(strstr(e.message,
		"ConfigurationRecorder.ConfigurationRecorderStatus is missing"));

	const char *bad = "{\"ConfigurationRecorder\":{"
		"\"ConfigurationRecorderStatus\":\"BUILDING\","
		"\"ResourceTypes\":[\"ACS::ECS::Instance\",5]}}";
	assert_int_equal(model_parse_recorder(bad, strlen(bad), &r, &e), -1);
	assert_non_null(strstr(e.message,
		"ConfigurationRecorder.ResourceTypes[1] is an integer, expected a string"));
	assert_null(r.resource_types);
}

static void
status_names(void **state)
{
	(void)state;
	for (int s = RECORDER_UNKNOWN; s <= RECORDER_REBUILDING; s++) {
		const char *n = model_recorder_status_name((enum recorder_status)s);
		if (s == RECORDER_UNKNOWN)
			assert_int_equal(model_recorder_status_parse(n), RECORDER_UNKNOWN);
		else
			assert_int_equal(model_recorder_status_parse(n), s);
	}
	assert_string_equal(model_recorder_status_name(RECORDER_BUILDING), "BUILDING");
	assert_int_equal(model_recorder_status_parse("registered"), RECORDER_UNKNOWN);
	assert_int_equal(model_recorder_status_parse(NULL), RECORDER_UNKNOWN);
	assert_string_equal(model_recorder_status_name((enum recorder_status)99),
		"UNKNOWN");
}

/* --- broken bodies ------------------------------------------------------ */

static void
truncated_and_garbage(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	/* Cut the seed short at every length: always a clean error. */
	for (size_t n = 1; n < LEN(seed_get_aggregator); n += 7) {
		err_clear(&e);
		assert_int_equal(model_parse_aggregator(seed_get_aggregator, n,
			&d, &e), -1);
		assert_int_equal(e.kind, ERR_PROTOCOL);
	}
	assert_int_equal(model_parse_aggregator(seed_get_aggregator, 40, &d,
		&e), -1);
	assert_non_null(strstr(e.message, "GetAggregator response is not valid JSON"));
	assert_true(e.retryable);
	assert_non_null(strstr(e.message, "\"RequestId\""));

	/* Control bytes are shown as '?', and the excerpt stays short. */
	char garbage[400];
	memset(garbage, 'x', sizeof(garbage));
	memcpy(garbage, "<html>\x01\x1b[31m bad gateway", 24);
	assert_int_equal(model_parse_aggregator(garbage, sizeof(garbage), &d,
		&e), -1);
	assert_non_null(strstr(e.message, "'<html>??[31m bad gateway"));
	assert_null(strchr(e.message, '\x1b'));
	assert_non_null(strstr(e.message, "...'"));
	assert_true(strlen(e.message) < 250);
}

static void
empty_body(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct recorder r;
	struct err e;
	assert_int_equal(model_parse_aggregator("", 0, &d, &e), -1);
	assert_string_equal(e.message, "GetAggregator response: empty body");
	assert_int_equal(model_parse_recorder(NULL, 0, &r, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	assert_int_equal(model_parse_aggregator("   ", 3, &d, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
}

static void
deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *s = malloc(depth * 2 + 64);
	size_t n = (size_t)sprintf(s, "{\"Aggregator\":{\"AggregatorId\":\"ca\","
		"\"Tags\":");
	for (size_t i = 0; i < depth; i++)
		s[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		s[n++] = ']';
	s[n++] = '}';
	s[n++] = '}';
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(model_parse_aggregator(s, n, &d, &e), -1);
	assert_int_equal(e.kind, ERR_PROTOCOL);
	free(s);
}

static void
huge_member_list(void **state)
{
	(void)state;
	/* 20,000 members in one answer: parsed whole, in order. */
	size_t count = 20000;
	char *s = malloc(count * 96 + 128);
	size_t n = (size_t)sprintf(s, "{\"Aggregator\":{\"AggregatorId\":\"ca\","
		"\"AggregatorAccounts\":[");
	for (size_t i = 0; i < count; i++)
		n += (size_t)sprintf(s + n, "%s{\"AccountId\":%lld,"
			"\"RecorderStatus\":\"REGISTRABLE\"}", i ? "," : "",
			1000000000000000LL + (long long)i);
	n += (size_t)sprintf(s + n, "]}}");
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(model_parse_aggregator(s, n, &d, &e), 0);
	assert_int_equal(d.nmembers, count);
	assert_int_equal(d.members[count - 1].account_id,
		1000000000000000LL + (long long)count - 1);
	model_aggregator_detail_free(&d);
	free(s);
}

/* --- pagination tokens -------------------------------------------------- */

static char *
page_token(const char *body, struct aggregator_list *l, int expect_rc)
{
	char *token = (char *)"unset";
	struct err e;
	err_clear(&e);
	assert_int_equal(model_parse_aggregators_page(body, strlen(body), l,
		&token, &e), expect_rc);
	return token;
}

static void
pagination_tokens(void **state)
{
	(void)state;
	struct aggregator_list l;
	memset(&l, 0, sizeof(l));
	char *t;

	t = page_token("{\"AggregatorsResult\":{\"NextToken\":\"in\","
		"\"Aggregators\":[{\"AggregatorId\":\"a\"}]},\"NextToken\":\"top\"}",
		&l, 0);
	assert_string_equal(t, "in");  /* inside wins */
	free(t);
	t = page_token("{\"NextToken\":\"top\",\"AggregatorsResult\":{"
		"\"Aggregators\":[{\"AggregatorId\":\"b\"}]}}", &l, 0);
	assert_string_equal(t, "top");
	free(t);
	t = page_token("{\"AggregatorsResult\":{\"NextToken\":\"\","
		"\"Aggregators\":[{\"AggregatorId\":\"c\"}]}}", &l, 0);
	assert_null(t);
	t = page_token("{\"AggregatorsResult\":{\"NextToken\":null,"
		"\"Aggregators\":[]}}", &l, 0);
	assert_null(t);
	t = page_token("{\"AggregatorsResult\":{}}", &l, 0);
	assert_null(t);
	/* Pages append, in order. */
	assert_int_equal(l.count, 3);
	assert_int_equal(l.pages, 5);
	assert_string_equal(l.items[0].id, "a");
	assert_string_equal(l.items[2].id, "c");

	/* A bad page leaves the list as it was. */
	t = page_token("{\"AggregatorsResult\":{\"NextToken\":\"x\","
		"\"Aggregators\":[{\"AggregatorId\":\"d\"},{\"AggregatorId\":5.5}]}}",
		&l, -1);
	assert_null(t);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.pages, 5);
	t = page_token("{\"AggregatorsResult\":{\"NextToken\":7}}", &l, 0);
	assert_string_equal(t, "7");
	free(t);
	t = page_token("{\"AggregatorsResult\":{\"NextToken\":[]}}", &l, -1);
	assert_null(t);
	t = page_token("{\"Aggregators\":[]}", &l, -1);
	assert_null(t);
	model_aggregator_list_free(&l);
}

static void
wrong_type_in_list(void **state)
{
	(void)state;
	struct aggregator_list l;
	memset(&l, 0, sizeof(l));
	char *t = NULL;
	struct err e;
	const char *b = "{\"AggregatorsResult\":{\"Aggregators\":["
		"{\"AggregatorId\":\"a\"},{\"AggregatorId\":\"b\","
		"\"AggregatorStatus\":\"on\"}]}}";
	assert_int_equal(model_parse_aggregators_page(b, strlen(b), &l, &t, &e),
		-1);
	assert_string_equal(e.message, "ListAggregators response: "
		"AggregatorsResult.Aggregators[1].AggregatorStatus is the string "
		"'on', expected an integer");
	assert_int_equal(l.count, 0);
}

/* Reals: an integral one is an integer; one beyond 2^53 is refused without
 * casting it first (1e20 to int64_t is undefined behaviour, which the
 * sanitizer build's float-cast-overflow check would stop on). */
static void
real_numbers_in_range_only(void **state)
{
	(void)state;
	static const struct {
		const char *account;
		int ok;
	} cases[] = {
		{"1.6e12", 1}, {"1e20", 0}, {"-1e20", 0}, {"1e308", 0},
		{"9.3e18", 0}, {"-9.3e18", 0}, {"12.5", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct aggregator_list l;
		memset(&l, 0, sizeof(l));
		char *t = NULL;
		struct err e;
		char b[256];
		snprintf(b, sizeof(b), "{\"AggregatorsResult\":{\"Aggregators\":["
			"{\"AggregatorId\":\"a\",\"AccountId\":%s}]}}",
			cases[i].account);
		int rc = model_parse_aggregators_page(b, strlen(b), &l, &t, &e);
		if (cases[i].ok) {
			assert_int_equal(rc, 0);
			assert_int_equal(l.items[0].account_id, INT64_C(1600000000000));
			model_aggregator_list_free(&l);
		} else {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(e.message, "expected an integer"));
		}
		free(t);
	}
}

static void
copy_is_deep(void **state)
{
	(void)state;
	struct aggregator_detail d;
	struct err e;
	assert_int_equal(model_parse_aggregator(seed_get_aggregator,
		LEN(seed_get_aggregator), &d, &e), 0);
	struct aggregator a;
	model_aggregator_copy(&a, &d.agg);
	model_aggregator_detail_free(&d);  /* the copy must outlive the original */
	assert_string_equal(a.id, "ca-88ea626622af0055****");
	assert_string_equal(a.tags[0].value, "value-1");
	assert_null(a.folder_name);
	model_aggregator_free(&a);
}

/* --- error bodies ------------------------------------------------------- */

static void
error_body_fields(void **state)
{
	(void)state;
	struct err e;
	const char *b = "{\"RequestId\":\"3C85E634-24F4-5242-89B9-4E9453FC6D2B\","
		"\"HostId\":\"config.cn-shanghai.aliyuncs.com\","
		"\"Code\":\"InvalidTimeStamp.Expired\","
		"\"Message\":\"Specified time stamp or date value is expired.\","
		"\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=InvalidTimeStamp.Expired\"}";
	model_parse_error(400, b, strlen(b), &e);
	assert_int_equal(e.kind, ERR_API);
	assert_int_equal(e.http_status, 400);
	assert_string_equal(e.code, "InvalidTimeStamp.Expired");
	assert_string_equal(e.message,
		"Specified time stamp or date value is expired.");
	assert_string_equal(e.request_id, "3C85E634-24F4-5242-89B9-4E9453FC6D2B");
	assert_non_null(e.details);
	assert_string_equal(e.details->host_id,
		"config.cn-shanghai.aliyuncs.com");
	assert_string_equal(e.details->recommend,
		"https://api.aliyun.com/troubleshoot?q=InvalidTimeStamp.Expired");
	assert_null(e.details->server_message);  /* the message fitted */
	assert_false(e.retryable);
	assert_non_null(err_hint(&e));  /* the clock hint */
	err_free(&e);

	const char *lower = "{\"code\":\"Throttling.User\",\"message\":\"slow\","
		"\"requestId\":\"R-1\"}";
	model_parse_error(400, lower, strlen(lower), &e);
	assert_string_equal(e.code, "Throttling.User");
	assert_string_equal(e.message, "slow");
	assert_string_equal(e.request_id, "R-1");
	assert_true(e.retryable);
}

static void
error_body_odd(void **state)
{
	(void)state;
	struct err e;
	const char *html = "<html><body>502 Bad Gateway</body></html>";
	model_parse_error(502, html, strlen(html), &e);
	assert_int_equal(e.kind, ERR_API);
	assert_int_equal(e.http_status, 502);
	assert_string_equal(e.code, "");
	assert_string_equal(e.message, "HTTP 502 with a non-JSON body: "
		"'<html><body>502 Bad Gateway</body></html>'");
	assert_true(e.retryable);

	model_parse_error(503, "", 0, &e);
	assert_string_equal(e.message, "HTTP 503 with an empty body");
	assert_true(e.retryable);

	model_parse_error(404, "{}", 2, &e);
	assert_string_equal(e.message, "HTTP 404 with no error code in the body");
	assert_false(e.retryable);

	const char *code_only = "{\"Code\":\"ServiceUnavailable\"}";
	model_parse_error(503, code_only, strlen(code_only), &e);
	assert_string_equal(e.code, "ServiceUnavailable");
	assert_string_equal(e.message, "HTTP 503");
	assert_true(e.retryable);

	/* kept as sent: every output escapes it (text.h) */
	const char *nl = "{\"Code\":\"X\",\"Message\":\"a\\nb\\u001bc\"}";
	model_parse_error(400, nl, strlen(nl), &e);
	assert_string_equal(e.message, "a\nb\x1b" "c");

	const char *typed = "{\"Code\":5,\"Message\":[]}";
	model_parse_error(500, typed, strlen(typed), &e);
	assert_string_equal(e.code, "");
	assert_string_equal(e.message, "HTTP 500 with no error code in the body");
	assert_true(e.retryable);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_get_aggregator_parses),
		cmocka_unit_test(seed_start_recorder_parses),
		cmocka_unit_test(doc_list_aggregators_parses),
		cmocka_unit_test(doc_assume_role_parses),
		cmocka_unit_test(assume_role_bad_fields),
		cmocka_unit_test(caller_identity_parses),
		cmocka_unit_test(caller_identity_bad_fields),
		cmocka_unit_test(timestamp_number_or_string),
		cmocka_unit_test(sixteen_digit_ids),
		cmocka_unit_test(string_fields_accept_numbers),
		cmocka_unit_test(fraction_is_refused),
		cmocka_unit_test(overflow_is_refused),
		cmocka_unit_test(wrong_type_names_the_field),
		cmocka_unit_test(missing_fields),
		cmocka_unit_test(recorder_shapes),
		cmocka_unit_test(status_names),
		cmocka_unit_test(truncated_and_garbage),
		cmocka_unit_test(empty_body),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(huge_member_list),
		cmocka_unit_test(pagination_tokens),
		cmocka_unit_test(wrong_type_in_list),
		cmocka_unit_test(real_numbers_in_range_only),
		cmocka_unit_test(copy_is_deep),
		cmocka_unit_test(error_body_fields),
		cmocka_unit_test(error_body_odd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
