/* test_emu_api: alicfg-emu's Config and STS behaviour on the demo scenario —
 * pagination, response shapes and JSON types, the recorder state machine
 * with its timing, AssumeRole rules and credential expiry, read-only keys,
 * and the request log (which must hold no secret). */
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
#include "sign.h"

static struct emu_proc emu;
static char log_path[256];

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(log_path, sizeof(log_path), "%s/emu-api-%d.log",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	unlink(log_path);
	const char *const args[] = {"--scenario", "demo", "--build-seconds", "1",
		"--log", log_path, NULL};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return emu_proc_start(&emu, args);
}

static int
teardown(void **state)
{
	(void)state;
	int rc = emu_proc_stop(&emu);
	unlink(log_path);
	curl_global_cleanup();
	return rc == 0 ? 0 : -1;
}

static void
expect(struct emu_call *c, long status, const char *code)
{
	emu_call_run(c);
	if (c->status != status || strcmp(emu_call_code(c), code) != 0)
		print_message("# %s: got %ld %s\n", c->action, c->status,
			buf_str(&c->body));
	assert_int_equal(c->cc, CURLE_OK);
	assert_int_equal(c->status, status);
	assert_non_null(c->json);
	assert_string_equal(emu_call_code(c), code);
}

static void
mgmt_call(struct emu_call *c, const char *action)
{
	emu_call_init(c, emu.url, action, EMU_CONFIG_VERSION, "demo-ak",
		"demo-secret");
}

struct creds {
	char ak[64], sk[64], token[512];
};

static void
assume(const char *url, const char *key, const char *secret,
	const char *account, struct creds *out)
{
	char arn[128];
	snprintf(arn, sizeof(arn), "acs:ram::%s:role/"
		"ResourceDirectoryAccountAccessRole", account);
	struct emu_call c;
	emu_call_init(&c, url, "AssumeRole", EMU_STS_VERSION, key, secret);
	c.sig = EMU_SIG_V2;
	params_add(&c.form, "RoleArn", arn);
	params_add(&c.form, "RoleSessionName", "alicfg-test");
	expect(&c, 200, "");
	snprintf(out->ak, sizeof(out->ak), "%s", json_string_value(
		emu_json_path(c.json, "Credentials.AccessKeyId")));
	snprintf(out->sk, sizeof(out->sk), "%s", json_string_value(
		emu_json_path(c.json, "Credentials.AccessKeySecret")));
	snprintf(out->token, sizeof(out->token), "%s", json_string_value(
		emu_json_path(c.json, "Credentials.SecurityToken")));
	emu_call_free(&c);
}

static void
member_call(struct emu_call *c, const struct creds *cr, const char *action)
{
	emu_call_init(c, emu.url, action, EMU_CONFIG_VERSION, cr->ak, cr->sk);
	c->token = cr->token;
}

static void
test_pagination(void **state)
{
	(void)state;
	const char *expect_ids[] = {"ca-0000000000000001", "ca-0000000000000002",
		"ca-0000000000000003", "ca-0000000000000004"};
	char token[128] = "";
	size_t seen = 0;
	int pages = 0;
	do {
		struct emu_call c;
		mgmt_call(&c, "ListAggregators");
		params_add(&c.query, "MaxResults", "2");
		if (token[0])
			params_add(&c.query, "NextToken", token);
		expect(&c, 200, "");
		json_t *list = emu_json_path(c.json,
			"AggregatorsResult.Aggregators");
		assert_true(json_array_size(list) <= 2);
		size_t i;
		json_t *g;
		json_array_foreach(list, i, g) {
			assert_true(seen < 4);
			assert_string_equal(json_string_value(json_object_get(g,
				"AggregatorId")), expect_ids[seen]);
			/* A number here, a string in GetAggregator (docs/wire-reference.md#getaggregator). */
			assert_true(json_is_integer(json_object_get(g,
				"AggregatorCreateTimestamp")));
			assert_true(json_is_integer(json_object_get(g,
				"AccountId")));
			assert_true(json_is_integer(json_object_get(g,
				"AggregatorStatus")));
			assert_true(json_is_array(json_object_get(g, "Tags")));
			seen++;
		}
		json_t *next = emu_json_path(c.json, "AggregatorsResult.NextToken");
		json_t *top = json_object_get(c.json, "NextToken");
		token[0] = '\0';
		if (next && json_string_length(next) > 0) {
			assert_string_equal(json_string_value(next),
				json_string_value(top));
			snprintf(token, sizeof(token), "%s",
				json_string_value(next));
		} else {
			assert_null(top);
		}
		pages++;
		emu_call_free(&c);
	} while (token[0] && pages < 10);
	assert_int_equal(seen, 4);
	assert_int_equal(pages, 2);
}

static void
test_pagination_errors(void **state)
{
	(void)state;
	static const char *const bad_max[] = {"0", "101", "abc", "-1", "2x", ""};
	for (size_t i = 0; i < sizeof(bad_max) / sizeof(bad_max[0]); i++) {
		struct emu_call c;
		mgmt_call(&c, "ListAggregators");
		params_add(&c.query, "MaxResults", bad_max[i]);
		expect(&c, 400, bad_max[i][0] ? "InvalidParameter" :
			"MissingMaxResults");
		emu_call_free(&c);
	}
	/* A token from page 1, then tampered with. */
	struct emu_call c;
	mgmt_call(&c, "ListAggregators");
	params_add(&c.query, "MaxResults", "1");
	expect(&c, 200, "");
	char token[64];
	snprintf(token, sizeof(token), "%s", json_string_value(
		emu_json_path(c.json, "AggregatorsResult.NextToken")));
	emu_call_free(&c);
	token[3] = token[3] == 'A' ? 'B' : 'A';
	static const char *const bad_tokens[] = {"not-a-token", "x", "====",
		"AAAAAAAAAAAAAAAAAAAA", NULL};
	for (size_t i = 0; i < 5; i++) {
		mgmt_call(&c, "ListAggregators");
		params_add(&c.query, "MaxResults", "1");
		params_add(&c.query, "NextToken", i < 4 ? bad_tokens[i] : token);
		expect(&c, 400, "Invalid.NextToken.Value");
		emu_call_free(&c);
	}
}

static void
test_tag_filter(void **state)
{
	(void)state;
	struct emu_call c;
	mgmt_call(&c, "ListAggregators");
	params_add(&c.query, "MaxResults", "100");
	params_add(&c.query, "Tag", "[{\"Key\":\"env\",\"Value\":\"prod\"}]");
	expect(&c, 200, "");
	json_t *list = emu_json_path(c.json, "AggregatorsResult.Aggregators");
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(list, 0), "AggregatorName")), "Production");
	emu_call_free(&c);

	/* Flattened form, and a value that matches nothing. */
	mgmt_call(&c, "ListAggregators");
	params_add(&c.query, "MaxResults", "100");
	params_add(&c.query, "Tag.1.Key", "env");
	params_add(&c.query, "Tag.1.Value", "staging");
	expect(&c, 200, "");
	assert_int_equal(json_array_size(emu_json_path(c.json,
		"AggregatorsResult.Aggregators")), 0);
	emu_call_free(&c);

	static const char *const bad[] = {"{", "{\"Key\":\"a\"}",
		"[{\"Key\":\"a\"},{\"Value\":\"b\"}]"};
	for (size_t i = 0; i < 3; i++) {
		mgmt_call(&c, "ListAggregators");
		params_add(&c.query, "MaxResults", "100");
		params_add(&c.query, "Tag", bad[i]);
		expect(&c, 400, "InvalidParameter.Tag");
		emu_call_free(&c);
	}
}

static json_t *
find_member(json_t *agg, long long id)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(agg, "AggregatorAccounts"), i, m) {
		if (json_integer_value(json_object_get(m, "AccountId")) == id)
			return m;
	}
	return NULL;
}

static void
test_get_aggregator_shapes(void **state)
{
	(void)state;
	struct emu_call c;
	mgmt_call(&c, "GetAggregator");
	params_add(&c.query, "AggregatorId", "ca-0000000000000001");
	expect(&c, 200, "");
	json_t *a = json_object_get(c.json, "Aggregator");
	assert_true(json_is_string(json_object_get(a,
		"AggregatorCreateTimestamp")));
	assert_string_equal(json_string_value(json_object_get(a,
		"AggregatorCreateTimestamp")), "1623036305000");
	assert_string_equal(json_string_value(json_object_get(a,
		"AggregatorType")), "CUSTOM");
	json_t *members = json_object_get(a, "AggregatorAccounts");
	assert_int_equal(json_array_size(members),
		json_integer_value(json_object_get(a, "AggregatorAccountCount")));
	assert_true(json_array_size(members) >= 55);
	/* Every recorder status is present. */
	const char *want[] = {"REGISTRABLE", "BUILDING", "REGISTERED",
		"REBUILDING"};
	for (size_t w = 0; w < 4; w++) {
		bool found = false;
		size_t i;
		json_t *m;
		json_array_foreach(members, i, m) {
			found = found || strcmp(json_string_value(json_object_get(m,
				"RecorderStatus")), want[w]) == 0;
			assert_string_equal(json_string_value(json_object_get(m,
				"AccountType")), "ResourceDirectory");
			assert_true(json_is_integer(json_object_get(m,
				"AccountId")));
		}
		assert_true(found);
	}
	json_t *cjk = find_member(a, 1000000000000013LL);
	assert_string_equal(json_string_value(json_object_get(cjk,
		"AccountName")), "生产环境-核心账号");
	assert_string_equal(json_string_value(json_object_get(
		find_member(a, 1000000000000014LL), "RecorderStatus")), "BUILDING");
	assert_string_equal(json_string_value(json_object_get(
		find_member(a, 1000000000000015LL), "RecorderStatus")),
		"REBUILDING");
	assert_true(strlen(json_string_value(json_object_get(
		find_member(a, 1000000000000016LL), "AccountName"))) > 60);
	emu_call_free(&c);

	mgmt_call(&c, "GetAggregator");
	params_add(&c.query, "AggregatorId", "ca-0000000000000002");
	expect(&c, 200, "");
	assert_string_equal(json_string_value(emu_json_path(c.json,
		"Aggregator.FolderId")), "fd-prod01");
	assert_true(json_is_string(emu_json_path(c.json,
		"Aggregator.FolderName")));
	emu_call_free(&c);

	mgmt_call(&c, "GetAggregator");
	params_add(&c.query, "AggregatorId", "ca-0000000000000004");
	expect(&c, 200, "");
	assert_int_equal(json_integer_value(emu_json_path(c.json,
		"Aggregator.AggregatorStatus")), 0);
	assert_int_equal(json_array_size(emu_json_path(c.json,
		"Aggregator.AggregatorAccounts")), 3);
	emu_call_free(&c);

	static const char *const unknown[] = {"ca-ffffffffffffffff", "nope",
		"ca-0000000000000001' OR 1=1"};
	for (size_t i = 0; i < 3; i++) {
		mgmt_call(&c, "GetAggregator");
		params_add(&c.query, "AggregatorId", unknown[i]);
		expect(&c, 400, "Invalid.AggregatorId.Value");
		emu_call_free(&c);
	}
}

static const char *
recorder_status(struct emu_call *c)
{
	return json_string_value(emu_json_path(c->json,
		"ConfigurationRecorder.ConfigurationRecorderStatus"));
}

static void
test_recorder_state_machine(void **state)
{
	(void)state;
	struct creds cr;
	assume(emu.url, "demo-ak", "demo-secret", "1000000000000011", &cr);
	assert_memory_equal(cr.ak, "STS.", 4);

	struct emu_call c;
	member_call(&c, &cr, "GetConfigurationRecorder");
	expect(&c, 200, "");
	assert_string_equal(recorder_status(&c), "REGISTRABLE");
	emu_call_free(&c);

	member_call(&c, &cr, "StartConfigurationRecorder");
	expect(&c, 200, "");
	double started = now_s();
	assert_string_equal(recorder_status(&c), "BUILDING");
	emu_call_free(&c);

	member_call(&c, &cr, "StartConfigurationRecorder");
	c.sig = EMU_SIG_V2;
	expect(&c, 400, "ProcessIsRunning");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"Message")), "The process is running.");
	emu_call_free(&c);

	/* Poll with a deadline until the build (1 s) completes. */
	bool registered = false;
	double done = 0;
	while (!registered && now_s() < started + 15) {
		member_call(&c, &cr, "GetConfigurationRecorder");
		expect(&c, 200, "");
		const char *s = recorder_status(&c);
		registered = strcmp(s, "REGISTERED") == 0;
		if (!registered)
			assert_string_equal(s, "BUILDING");
		else
			assert_true(json_array_size(emu_json_path(c.json,
				"ConfigurationRecorder.ResourceTypes")) > 0);
		emu_call_free(&c);
		if (!registered)
			usleep(100000);
		done = now_s();
	}
	assert_true(registered);
	/* It stayed BUILDING for about --build-seconds. */
	assert_true(done - started >= 0.8);

	member_call(&c, &cr, "StartConfigurationRecorder");
	expect(&c, 200, "");
	assert_string_equal(recorder_status(&c), "REGISTERED");
	emu_call_free(&c);

	/* The management account sees the member's live status. */
	mgmt_call(&c, "GetAggregator");
	params_add(&c.query, "AggregatorId", "ca-0000000000000003");
	expect(&c, 200, "");
	assert_string_equal(json_string_value(json_object_get(find_member(
		json_object_get(c.json, "Aggregator"), 1000000000000011LL),
		"RecorderStatus")), "REGISTERED");
	emu_call_free(&c);

	/* A start in progress from the scenario stays as it is. */
	assume(emu.url, "demo-ak", "demo-secret", "1000000000000015", &cr);
	member_call(&c, &cr, "StartConfigurationRecorder");
	expect(&c, 400, "ProcessIsRunning");
	emu_call_free(&c);
}

static void
test_management_acts_as_itself(void **state)
{
	(void)state;
	struct emu_call c;
	mgmt_call(&c, "GetConfigurationRecorder");
	expect(&c, 200, "");
	assert_string_equal(recorder_status(&c), "REGISTERED");
	emu_call_free(&c);

	mgmt_call(&c, "StartConfigurationRecorder");
	expect(&c, 200, "");
	assert_string_equal(recorder_status(&c), "REGISTERED");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "GetCallerIdentity", EMU_STS_VERSION,
		"demo-ak", "demo-secret");
	expect(&c, 200, "");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"AccountId")), EMU_MGMT);
	emu_call_free(&c);
}

static void
test_read_only(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "StartConfigurationRecorder",
		EMU_CONFIG_VERSION, "demo-ro-ak", "demo-ro-secret");
	expect(&c, 400, "NoPermission");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ro-ak", "demo-ro-secret");
	params_add(&c.query, "MaxResults", "5");
	expect(&c, 200, "");
	emu_call_free(&c);

	/* The member session of a read-only key is read-only too. */
	struct creds cr;
	assume(emu.url, "demo-ro-ak", "demo-ro-secret", "1000000000000012", &cr);
	member_call(&c, &cr, "StartConfigurationRecorder");
	expect(&c, 400, "NoPermission");
	emu_call_free(&c);
	member_call(&c, &cr, "GetConfigurationRecorder");
	expect(&c, 200, "");
	assert_string_equal(recorder_status(&c), "REGISTRABLE");
	emu_call_free(&c);
}

static void
assume_expect(const char *key, const char *secret, const char *arn,
	const char *session, const char *duration, long status, const char *code)
{
	struct emu_call c;
	emu_call_init(&c, emu.url, "AssumeRole", EMU_STS_VERSION, key, secret);
	if (arn)
		params_add(&c.query, "RoleArn", arn);
	if (session)
		params_add(&c.query, "RoleSessionName", session);
	if (duration)
		params_add(&c.query, "DurationSeconds", duration);
	expect(&c, status, code);
	if (status == 200) {
		const char *exp = json_string_value(emu_json_path(c.json,
			"Credentials.Expiration"));
		time_t t;
		assert_int_equal(sign_parse_time(exp, &t), 0);
		assert_true(t > time(NULL));
		assert_true(json_string_length(emu_json_path(c.json,
			"Credentials.SecurityToken")) > 0);
		assert_non_null(strstr(json_string_value(emu_json_path(c.json,
			"AssumedRoleUser.Arn")), "resourcedirectoryaccountaccessrole"));
	}
	emu_call_free(&c);
}

static void
test_assume_role_rules(void **state)
{
	(void)state;
	const char *rd = EMU_RD_ROLE_ARN("1000000000000030");
	assume_expect("demo-ak", "demo-secret", rd, "ok-session", "900", 200, "");
	assume_expect("demo-ak", "demo-secret",
		"acs:ram::1000000000000030:role/resourcedirectoryaccountaccessrole",
		"a.b@c_d-e", "3600", 200, "");
	assume_expect("demo-root-ak", "demo-root-secret", rd, "s1", NULL, 403,
		"NoPermission");
	assume_expect("demo-ak", "demo-secret",
		"acs:ram::1000000000000030:role/AdminRole", "s1", NULL, 404,
		"EntityNotExist.Role");
	assume_expect("demo-ak", "demo-secret",
		EMU_RD_ROLE_ARN("9999999999999999"), "s1", NULL, 404,
		"EntityNotExist.Role");
	/* The management account has no such role of its own. */
	assume_expect("demo-ak", "demo-secret", EMU_RD_ROLE_ARN(EMU_MGMT), "s1",
		NULL, 404, "EntityNotExist.Role");
	assume_expect("demo-ak", "demo-secret", "arn:aws:iam::1:role/x", "s1",
		NULL, 400, "InvalidParameter.RoleArn");
	assume_expect("demo-ak", "demo-secret", NULL, "s1", NULL, 400,
		"MissingRoleArn");
	assume_expect("demo-ak", "demo-secret", rd, NULL, NULL, 400,
		"MissingRoleSessionName");
	static const char *const bad_names[] = {"x", "has space", "bad/slash",
		"0123456789012345678901234567890123456789012345678901234567890123"
		"4", "名字"};
	for (size_t i = 0; i < 5; i++)
		assume_expect("demo-ak", "demo-secret", rd, bad_names[i], NULL,
			400, "InvalidParameter.RoleSessionName");
	static const char *const bad_durations[] = {"899", "3601", "abc", "-5"};
	for (size_t i = 0; i < 4; i++)
		assume_expect("demo-ak", "demo-secret", rd, "s1",
			bad_durations[i], 400, "InvalidParameter.DurationSeconds");

	/* A member session cannot chain into another member. */
	struct creds cr;
	assume(emu.url, "demo-ak", "demo-secret", "1000000000000031", &cr);
	struct emu_call c;
	emu_call_init(&c, emu.url, "AssumeRole", EMU_STS_VERSION, cr.ak, cr.sk);
	c.token = cr.token;
	params_add(&c.query, "RoleArn", EMU_RD_ROLE_ARN("1000000000000032"));
	params_add(&c.query, "RoleSessionName", "chain");
	expect(&c, 404, "EntityNotExist.Role");
	emu_call_free(&c);

	/* ...and it acts as the member: its own recorder, no groups. */
	emu_call_init(&c, emu.url, "GetCallerIdentity", EMU_STS_VERSION, cr.ak,
		cr.sk);
	c.token = cr.token;
	expect(&c, 200, "");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"AccountId")), "1000000000000031");
	assert_string_equal(json_string_value(json_object_get(c.json,
		"IdentityType")), "AssumedRoleUser");
	emu_call_free(&c);
	member_call(&c, &cr, "ListAggregators");
	params_add(&c.query, "MaxResults", "10");
	expect(&c, 200, "");
	assert_int_equal(json_array_size(emu_json_path(c.json,
		"AggregatorsResult.Aggregators")), 0);
	emu_call_free(&c);
}

/* Its own emulator: every STS credential lives 2 seconds. */
static void
test_sts_expiry(void **state)
{
	(void)state;
	struct emu_proc short_emu;
	const char *const args[] = {"--sts-duration", "2", NULL};
	assert_int_equal(emu_proc_start(&short_emu, args), 0);
	struct creds cr;
	assume(short_emu.url, "demo-ak", "demo-secret", "1000000000000040", &cr);
	double t0 = now_s();
	bool expired = false;
	int ok_before = 0;
	while (!expired && now_s() < t0 + 15) {
		struct emu_call c;
		emu_call_init(&c, short_emu.url, "GetConfigurationRecorder",
			EMU_CONFIG_VERSION, cr.ak, cr.sk);
		c.token = cr.token;
		emu_call_run(&c);
		assert_int_equal(c.cc, CURLE_OK);
		if (c.status == 200) {
			ok_before++;
		} else {
			assert_int_equal(c.status, 400);
			assert_string_equal(emu_call_code(&c),
				"InvalidSecurityToken.Expired");
			expired = true;
		}
		emu_call_free(&c);
		if (!expired)
			usleep(200000);
	}
	assert_true(ok_before > 0);
	assert_true(expired);
	assert_int_equal(emu_proc_stop(&short_emu), 0);
}

static char *
slurp(const char *path)
{
	struct buf b = BUF_INIT;
	struct err e;
	if (buf_read_file(&b, path, 0, &e) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Runs last in the group: the log holds every request made above. */
static void
test_log_has_no_secrets(void **state)
{
	(void)state;
	struct creds cr;
	assume(emu.url, "demo-ak", "demo-secret", "1000000000000050", &cr);
	struct emu_call c;
	member_call(&c, &cr, "GetConfigurationRecorder");
	expect(&c, 200, "");
	emu_call_free(&c);
	mgmt_call(&c, "ListAggregators");
	params_add(&c.query, "MaxResults", "3");
	c.bad_signature = true;
	expect(&c, 400, "SignatureDoesNotMatch");
	emu_call_free(&c);

	char *text = slurp(log_path);
	assert_non_null(text);
	assert_null(strstr(text, "demo-secret"));
	assert_null(strstr(text, cr.sk));
	assert_null(strstr(text, cr.token));
	assert_null(strstr(text, "Signature="));
	assert_null(strstr(text, "Credential="));
	assert_null(strstr(text, "ACS3-HMAC"));
	int lines = 0, assume_lines = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line;
		line = strtok_r(NULL, "\n", &save)) {
		json_t *o = json_loads(line, 0, NULL);
		assert_non_null(o);
		static const char *const fields[] = {"time", "action", "version",
			"account", "key_id", "status", "code", "latency_ms"};
		for (size_t i = 0; i < 8; i++)
			assert_non_null(json_object_get(o, fields[i]));
		if (strcmp(json_string_value(json_object_get(o, "action")),
			"AssumeRole") == 0)
			assume_lines++;
		json_decref(o);
		lines++;
	}
	assert_true(lines > 20);
	assert_true(assume_lines > 3);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pagination),
		cmocka_unit_test(test_pagination_errors),
		cmocka_unit_test(test_tag_filter),
		cmocka_unit_test(test_get_aggregator_shapes),
		cmocka_unit_test(test_recorder_state_machine),
		cmocka_unit_test(test_management_acts_as_itself),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_assume_role_rules),
		cmocka_unit_test(test_sts_expiry),
		cmocka_unit_test(test_log_has_no_secrets),
	};
	return cmocka_run_group_tests_name("alicfg-emu Config and STS", tests,
		setup, teardown);
}
