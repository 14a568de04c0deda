/* test_emu_scenario: scenario files served as written, every file problem
 * reported as "FILE: path: problem" with exit status 3, and the generated
 * scale:GROUPS:ACCOUNTS directory (shape and determinism from --seed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu_test.h"

static char dir[256];

static const char *
write_file(const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s/emu-scenario-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	curl_global_cleanup();
	return system(cmd) == 0 ? 0 : -1;
}

static const char scenario_ok[] =
"{\n"
"  \"comment\": \"three accounts, one group\",\n"
"  \"management_account\": \"2000000000000001\",\n"
"  \"accounts\": [\n"
"    {\"id\": 2000000000000001, \"name\": \"root-mgmt\",\n"
"     \"recorder_status\": \"REGISTERED\"},\n"
"    {\"id\": \"2000000000000002\", \"name\": \"team-a\",\n"
"     \"recorder_status\": \"REGISTERED\",\n"
"     \"resource_types\": [\"ACS::OSS::Bucket\"]},\n"
"    {\"id\": 2000000000000003, \"name\": \"outside\", \"rd_member\": false}\n"
"  ],\n"
"  \"groups\": [\n"
"    {\"id\": \"ca-a1b2c3\", \"name\": \"Team A\", \"type\": \"CUSTOM\",\n"
"     \"status\": 1, \"description\": \"d\", \"tags\": {\"env\": \"dev\"},\n"
"     \"created\": 1700000000000,\n"
"     \"members\": [2000000000000002, 2000000000000003]}\n"
"  ],\n"
"  \"access_keys\": [\n"
"    {\"id\": \"my-ak\", \"secret\": \"my-secret\",\n"
"     \"account\": 2000000000000001}\n"
"  ]\n"
"}\n";

static void
expect(struct emu_call *c, long status, const char *code)
{
	emu_call_run(c);
	if (c->status != status)
		print_message("# got %ld %s\n", c->status, buf_str(&c->body));
	assert_int_equal(c->status, status);
	assert_string_equal(emu_call_code(c), code);
}

static void
test_file_scenario_served(void **state)
{
	(void)state;
	const char *path = write_file("ok.json", scenario_ok);
	struct emu_proc p;
	const char *args[] = {"--scenario", path, NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);

	struct emu_call c;
	emu_call_init(&c, p.url, "ListAggregators", EMU_CONFIG_VERSION, "my-ak",
		"my-secret");
	params_add(&c.query, "MaxResults", "10");
	expect(&c, 200, "");
	json_t *list = emu_json_path(c.json, "AggregatorsResult.Aggregators");
	assert_int_equal(json_array_size(list), 1);
	json_t *g = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(g,
		"AggregatorId")), "ca-a1b2c3");
	assert_int_equal(json_integer_value(json_object_get(g,
		"AggregatorCreateTimestamp")), 1700000000000LL);
	assert_int_equal(json_integer_value(json_object_get(g, "AccountId")),
		2000000000000001LL);
	emu_call_free(&c);

	/* Without access_keys in the file only "my-ak" exists. */
	emu_call_init(&c, p.url, "GetCallerIdentity", EMU_STS_VERSION,
		"demo-ak", "demo-secret");
	expect(&c, 404, "InvalidAccessKeyId.NotFound");
	emu_call_free(&c);

	emu_call_init(&c, p.url, "AssumeRole", EMU_STS_VERSION, "my-ak",
		"my-secret");
	params_add(&c.query, "RoleArn", EMU_RD_ROLE_ARN("2000000000000003"));
	params_add(&c.query, "RoleSessionName", "s1");
	expect(&c, 404, "EntityNotExist.Role");
	emu_call_free(&c);

	emu_call_init(&c, p.url, "AssumeRole", EMU_STS_VERSION, "my-ak",
		"my-secret");
	params_add(&c.query, "RoleArn", EMU_RD_ROLE_ARN("2000000000000002"));
	params_add(&c.query, "RoleSessionName", "s1");
	expect(&c, 200, "");
	char ak[64], sk[64], tok[512];
	snprintf(ak, sizeof(ak), "%s", json_string_value(emu_json_path(c.json,
		"Credentials.AccessKeyId")));
	snprintf(sk, sizeof(sk), "%s", json_string_value(emu_json_path(c.json,
		"Credentials.AccessKeySecret")));
	snprintf(tok, sizeof(tok), "%s", json_string_value(emu_json_path(c.json,
		"Credentials.SecurityToken")));
	emu_call_free(&c);

	emu_call_init(&c, p.url, "GetConfigurationRecorder", EMU_CONFIG_VERSION,
		ak, sk);
	c.token = tok;
	expect(&c, 200, "");
	json_t *types = emu_json_path(c.json,
		"ConfigurationRecorder.ResourceTypes");
	assert_int_equal(json_array_size(types), 1);
	assert_string_equal(json_string_value(json_array_get(types, 0)),
		"ACS::OSS::Bucket");
	emu_call_free(&c);
	assert_int_equal(emu_proc_stop(&p), 0);
}

static void
test_minimal_file_gets_demo_keys(void **state)
{
	(void)state;
	const char *path = write_file("min.json",
		"{\"management_account\": 7,"
		" \"accounts\": [{\"id\": 7, \"name\": \"only\"}]}");
	struct emu_proc p;
	const char *args[] = {"--scenario", path, NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	struct emu_call c;
	emu_call_init(&c, p.url, "GetConfigurationRecorder", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	expect(&c, 200, "");
	assert_string_equal(json_string_value(emu_json_path(c.json,
		"ConfigurationRecorder.ConfigurationRecorderStatus")),
		"REGISTRABLE");
	emu_call_free(&c);
	assert_int_equal(emu_proc_stop(&p), 0);
}

static void
expect_file_error(const char *name, const char *text, const char *message)
{
	const char *path = write_file(name, text);
	char full[256];
	snprintf(full, sizeof(full), "%s", path);
	struct buf err = BUF_INIT;
	const char *args[] = {"--scenario", full, NULL};
	int rc = emu_proc_run(args, &err, 10);
	if (rc != 3 || !strstr(buf_str(&err), message))
		print_message("# exit %d: %s", rc, buf_str(&err));
	assert_int_equal(rc, 3);
	/* The message names the file and the problem. */
	assert_non_null(strstr(buf_str(&err), full));
	assert_non_null(strstr(buf_str(&err), message));
	buf_free(&err);
}

static void
test_file_errors(void **state)
{
	(void)state;
	expect_file_error("members.json",
		"{\"management_account\": 1, \"accounts\": [{\"id\": 1, "
		"\"name\": \"m\"}], \"groups\": [{\"id\": \"ca-1\", \"name\": \"g\","
		" \"members\": [1, 123]}]}",
		"groups[0].members[1]: unknown account 123");
	expect_file_error("syntax.json", "{\"accounts\": [\n  {\"id\": 1,,}\n]}",
		"line 2");
	expect_file_error("field.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"m\", \"rd_membr\": true}],"
		" \"management_account\": 1}",
		"accounts[0]: unknown field \"rd_membr\"");
	expect_file_error("status.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"m\", "
		"\"recorder_status\": \"ON\"}], \"management_account\": 1}",
		"accounts[0].recorder_status: expected REGISTRABLE");
	expect_file_error("noname.json",
		"{\"accounts\": [{\"id\": 1}], \"management_account\": 1}",
		"accounts[0].name: missing");
	expect_file_error("dup.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 1, "
		"\"name\": \"b\"}], \"management_account\": 1}",
		"duplicate account id 1");
	expect_file_error("keyacct.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"a\"}], \"access_keys\": "
		"[{\"id\": \"k\", \"secret\": \"s\", \"account\": 9}]}",
		"access_keys[0].account: unknown account 9");
	expect_file_error("type.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"a\"}], "
		"\"management_account\": 1, \"groups\": [{\"id\": \"ca-1\", "
		"\"name\": \"g\", \"type\": \"ALL\"}]}",
		"groups[0].type: expected RD, FOLDER or CUSTOM");
	expect_file_error("gid.json",
		"{\"accounts\": [{\"id\": 1, \"name\": \"a\"}], "
		"\"management_account\": 1, \"groups\": [{\"id\": \"g-1\", "
		"\"name\": \"g\"}]}",
		"groups[0].id: a group id starts with \"ca-\"");
	expect_file_error("top.json", "[1, 2]", "top level");
	expect_file_error("empty.json", "", "line");

	struct buf err = BUF_INIT;
	const char *args[] = {"--scenario", "/nonexistent/scenario.json", NULL};
	assert_int_equal(emu_proc_run(args, &err, 10), 3);
	assert_non_null(strstr(buf_str(&err), "/nonexistent/scenario.json"));
	buf_free(&err);
}

/* The member statuses of one group, as a string. */
static void
group_statuses(const struct emu_proc *p, const char *id, struct buf *out,
	size_t *count, const char *type)
{
	struct emu_call c;
	emu_call_init(&c, p->url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c.query, "AggregatorId", id);
	expect(&c, 200, "");
	json_t *members = emu_json_path(c.json, "Aggregator.AggregatorAccounts");
	assert_string_equal(json_string_value(emu_json_path(c.json,
		"Aggregator.AggregatorType")), type);
	*count = json_array_size(members);
	size_t i;
	json_t *m;
	json_array_foreach(members, i, m) {
		const char *st = json_string_value(json_object_get(m,
			"RecorderStatus"));
		buf_putc(out, strcmp(st, "REGISTRABLE") == 0 ? 'A' :
			strcmp(st, "BUILDING") == 0 ? 'B' :
			strcmp(st, "REGISTERED") == 0 ? 'R' :
			strcmp(st, "REBUILDING") == 0 ? 'X' : '?');
	}
	emu_call_free(&c);
}

static void
test_scale(void **state)
{
	(void)state;
	struct emu_proc p, q;
	const char *args[] = {"--scenario", "scale:200:20000", "--seed", "5",
		NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	assert_int_equal(emu_proc_start(&q, args), 0);

	/* Page through all 200 groups; members add up to 20,000. */
	char token[64] = "";
	size_t groups = 0;
	long long members = 0, rd = 0;
	do {
		struct emu_call c;
		emu_call_init(&c, p.url, "ListAggregators", EMU_CONFIG_VERSION,
			"demo-ak", "demo-secret");
		params_add(&c.query, "MaxResults", "100");
		if (token[0])
			params_add(&c.query, "NextToken", token);
		expect(&c, 200, "");
		size_t i;
		json_t *g;
		json_array_foreach(emu_json_path(c.json,
			"AggregatorsResult.Aggregators"), i, g) {
			long long n = json_integer_value(json_object_get(g,
				"AggregatorAccountCount"));
			if (strcmp(json_string_value(json_object_get(g,
				"AggregatorType")), "RD") == 0)
				rd = n;
			members += n;
			groups++;
		}
		json_t *next = emu_json_path(c.json, "AggregatorsResult.NextToken");
		snprintf(token, sizeof(token), "%s",
			next ? json_string_value(next) : "");
		emu_call_free(&c);
	} while (token[0]);
	assert_int_equal(groups, 200);
	assert_int_equal(rd, 5000);
	assert_int_equal(members, 20000);

	struct buf a = BUF_INIT, b = BUF_INIT, big = BUF_INIT;
	size_t na, nb, nbig;
	group_statuses(&p, "ca-0000000000000001", &big, &nbig, "RD");
	assert_int_equal(nbig, 5000);
	/* Statuses are mixed: every one of the four appears. */
	assert_null(strchr(big.data, '?'));
	assert_non_null(strchr(big.data, 'A'));
	assert_non_null(strchr(big.data, 'B'));
	assert_non_null(strchr(big.data, 'R'));
	assert_non_null(strchr(big.data, 'X'));
	group_statuses(&p, "ca-0000000000000007", &a, &na, "CUSTOM");
	group_statuses(&q, "ca-0000000000000007", &b, &nb, "CUSTOM");
	assert_int_equal(na, nb);
	assert_true(na > 0);
	assert_string_equal(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
	buf_free(&big);
	assert_int_equal(emu_proc_stop(&p), 0);
	assert_int_equal(emu_proc_stop(&q), 0);

	static const char *const bad[] = {"scale:", "scale:0:10", "scale:10",
		"scale:a:b", "scale:5:-1"};
	for (size_t i = 0; i < 5; i++) {
		struct buf err = BUF_INIT;
		const char *bargs[] = {"--scenario", bad[i], NULL};
		assert_int_equal(emu_proc_run(bargs, &err, 10), 2);
		assert_non_null(strstr(buf_str(&err), "scale"));
		buf_free(&err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_scenario_served),
		cmocka_unit_test(test_minimal_file_gets_demo_keys),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_scale),
	};
	return cmocka_run_group_tests_name("alicfg-emu scenarios", tests, setup,
		teardown);
}
