/* test_emu_directory: alicfg-emu's Resource Directory — ListAccounts with
 * its shape, token and number paging, parameter errors and caller rules on
 * the demo; the demo's blind spot; AssumeRole into members without the
 * access role, outside the directory and by a caller without
 * sts:AssumeRole; and scenario files: RD and FOLDER groups follow the
 * directory, CUSTOM groups do not, the 5-group and 200-member limits. */
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

#define RD_VERSION "2022-04-19"

static struct emu_proc emu;

static int
setup(void **state)
{
	(void)state;
	const char *const args[] = {"--scenario", "demo", NULL};
	return emu_test_start(&emu, args);
}

static int
teardown(void **state)
{
	(void)state;
	return emu_test_stop(&emu);
}

static void
list_call(struct emu_call *c, const char *url, const char *key,
	const char *secret)
{
	emu_call_init(c, url, "ListAccounts", RD_VERSION, key, secret);
}

static void
run_expect(struct emu_call *c, long status, const char *code)
{
	emu_call_run(c);
	if (c->status != status || strcmp(emu_call_code(c), code) != 0)
		print_message("# got %ld %s\n", c->status, buf_str(&c->body));
	assert_int_equal(c->cc, CURLE_OK);
	assert_int_equal(c->status, status);
	assert_non_null(c->json);
	assert_string_equal(emu_call_code(c), code);
}

static json_t *
accounts_of(struct emu_call *c)
{
	json_t *a = emu_json_path(c->json, "Accounts.Account");
	assert_true(json_is_array(a));
	return a;
}

/* Every member once, by token paging; checks each member's shape. */
static void
test_token_paging_shape(void **state)
{
	(void)state;
	char token[64] = "";
	size_t seen = 0, pages = 0;
	bool saw_leaving = false, saw_invited = false, saw_outsider = false;
	for (;;) {
		struct emu_call c;
		list_call(&c, emu.url, "demo-ak", "demo-secret");
		params_add(&c.query, "MaxResults", "20");
		if (*token)
			params_add(&c.query, "NextToken", token);
		run_expect(&c, 200, "");
		pages++;
		assert_int_equal(json_integer_value(json_object_get(c.json,
			"TotalCount")), 65);
		json_t *arr = accounts_of(&c);
		size_t i;
		json_t *a;
		json_array_foreach(arr, i, a) {
			json_t *id = json_object_get(a, "AccountId");
			assert_true(json_is_string(id));  /* a string, not a number */
			const char *sid = json_string_value(id);
			if (!strcmp(sid, "1000000000000066"))
				saw_outsider = true;
			const char *path = json_string_value(json_object_get(a,
				"ResourceDirectoryPath"));
			assert_non_null(path);
			assert_true(strncmp(path, "rd-acme01/r-acme01/", 19) == 0);
			assert_non_null(strstr(path, sid));
			assert_non_null(json_string_value(json_object_get(a,
				"JoinTime")));
			const char *t = json_string_value(json_object_get(a,
				"Type"));
			const char *m = json_string_value(json_object_get(a,
				"JoinMethod"));
			if (!strcmp(sid, "1000000000000062")) {
				assert_string_equal(t, "CloudAccount");
				assert_string_equal(m, "invited");
				assert_string_equal(json_string_value(
					json_object_get(a, "Status")),
					"InviteSuccess");
				saw_invited = true;
			}
			if (!strcmp(sid, "1000000000000065")) {
				assert_string_equal(json_string_value(
					json_object_get(a, "DeletionStatus")),
					"Deleting");
				saw_leaving = true;
			}
			seen++;
		}
		json_t *next = json_object_get(c.json, "NextToken");
		if (!next) {
			emu_call_free(&c);
			break;
		}
		snprintf(token, sizeof(token), "%s", json_string_value(next));
		emu_call_free(&c);
		assert_true(pages < 10);
	}
	assert_int_equal(seen, 65);
	assert_int_equal(pages, 4);
	assert_true(saw_leaving);
	assert_true(saw_invited);
	assert_false(saw_outsider);  /* 066 has left the directory */
}

static void
test_number_paging_and_keyword(void **state)
{
	(void)state;
	struct emu_call c;
	list_call(&c, emu.url, "demo-ak", "demo-secret");
	params_add(&c.query, "PageNumber", "7");
	run_expect(&c, 200, "");  /* PageSize defaults to 10 */
	assert_int_equal(json_array_size(accounts_of(&c)), 5);
	assert_int_equal(json_integer_value(json_object_get(c.json,
		"PageNumber")), 7);
	assert_null(json_object_get(c.json, "NextToken"));
	emu_call_free(&c);

	list_call(&c, emu.url, "demo-ak", "demo-secret");
	params_add(&c.query, "QueryKeyword", "SANDBOX");
	params_add(&c.query, "PageSize", "100");
	run_expect(&c, 200, "");
	/* dev-, qa-, sandbox-alice/bob/李雷, analytics-sandbox */
	assert_int_equal(json_integer_value(json_object_get(c.json,
		"TotalCount")), 6);
	emu_call_free(&c);
}

static void
test_parameter_errors(void **state)
{
	(void)state;
	static const struct {
		const char *name, *value, *code;
	} cases[] = {
		{"MaxResults", "0", "InvalidParameter.MaxResults"},
		{"MaxResults", "101", "InvalidParameter.MaxResults"},
		{"PageSize", "abc", "InvalidParameter.PageSize"},
		{"PageNumber", "0", "InvalidParameter.PageNumber"},
		{"NextToken", "rdt0000000000000000", "InvalidParameter.NextToken"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct emu_call c;
		list_call(&c, emu.url, "demo-ak", "demo-secret");
		params_add(&c.query, cases[i].name, cases[i].value);
		run_expect(&c, 400, cases[i].code);
		emu_call_free(&c);
	}
}

static void
test_caller_rules(void **state)
{
	(void)state;
	struct emu_call c;
	/* A delegated administrator may list, V2 too. */
	list_call(&c, emu.url, "demo-delegated-ak", "demo-delegated-secret");
	c.sig = EMU_SIG_V2;
	params_add(&c.query, "MaxResults", "100");
	run_expect(&c, 200, "");
	assert_int_equal(json_array_size(accounts_of(&c)), 65);
	emu_call_free(&c);
	/* A plain member may not. */
	list_call(&c, emu.url, "demo-member-ak", "demo-member-secret");
	run_expect(&c, 403, "NoPermission");
	emu_call_free(&c);
	/* A token is bound to its caller. */
	list_call(&c, emu.url, "demo-ak", "demo-secret");
	params_add(&c.query, "MaxResults", "10");
	run_expect(&c, 200, "");
	char tok[64];
	snprintf(tok, sizeof(tok), "%s", json_string_value(json_object_get(
		c.json, "NextToken")));
	emu_call_free(&c);
	list_call(&c, emu.url, "demo-delegated-ak", "demo-delegated-secret");
	params_add(&c.query, "NextToken", tok);
	run_expect(&c, 400, "InvalidParameter.NextToken");
	emu_call_free(&c);
}

static void
assume_expect(const char *key, const char *secret, const char *arn,
	long status, const char *code)
{
	struct emu_call c;
	emu_call_init(&c, emu.url, "AssumeRole", EMU_STS_VERSION, key, secret);
	params_add(&c.query, "RoleArn", arn);
	params_add(&c.query, "RoleSessionName", "alicfg-test");
	run_expect(&c, status, code);
	emu_call_free(&c);
}

static void
test_access_rules(void **state)
{
	(void)state;
	/* 061: in no group, reachable. */
	assume_expect("demo-ak", "demo-secret",
		EMU_RD_ROLE_ARN("1000000000000061"), 200, "");
	/* 062: invited, its access role deleted. */
	assume_expect("demo-ak", "demo-secret",
		EMU_RD_ROLE_ARN("1000000000000062"), 404, "EntityNotExist.Role");
	/* 066: no longer in the directory. */
	assume_expect("demo-ak", "demo-secret",
		EMU_RD_ROLE_ARN("1000000000000066"), 404, "EntityNotExist.Role");
	/* A RAM user without sts:AssumeRole. */
	assume_expect("demo-nosts-ak", "demo-nosts-secret",
		EMU_RD_ROLE_ARN("1000000000000061"), 403, "NoPermission");
	/* The demo's groups leave 061-065 out (CUSTOM lists, and the FOLDER
	 * group's folder does not hold them). */
	for (int g = 1; g <= 4; g++) {
		char id[32];
		snprintf(id, sizeof(id), "ca-000000000000000%d", g);
		struct emu_call c;
		emu_call_init(&c, emu.url, "GetAggregator", EMU_CONFIG_VERSION,
			"demo-ak", "demo-secret");
		params_add(&c.query, "AggregatorId", id);
		run_expect(&c, 200, "");
		for (int a = 61; a <= 66; a++) {
			char sid[32];
			snprintf(sid, sizeof(sid), "10000000000000%02d", a);
			assert_null(strstr(buf_str(&c.body), sid));
		}
		emu_call_free(&c);
	}
}

/* ---- scenario files ---- */

static char dir_path[256];

static void
write_file(const char *name, const char *text, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir_path, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_groups_follow_directory(void **state)
{
	(void)state;
	char path[512];
	write_file("follow.json",
		"{\"management_account\": 1,"
		" \"directory\": {\"folders\": [{\"id\": \"r-1\"},"
		"  {\"id\": \"fd-a\", \"parent\": \"r-1\"},"
		"  {\"id\": \"fd-b\", \"parent\": \"fd-a\"}],"
		"  \"number_paging\": true},"
		" \"accounts\": [{\"id\": 1, \"name\": \"m\"},"
		"  {\"id\": 2, \"name\": \"a\", \"folder\": \"fd-a\"},"
		"  {\"id\": 3, \"name\": \"b\", \"folder\": \"fd-b\","
		"   \"type\": \"CloudAccount\", \"access_role\": false},"
		"  {\"id\": 4, \"name\": \"c\"}],"
		" \"groups\": ["
		"  {\"id\": \"ca-1\", \"name\": \"all\", \"type\": \"RD\","
		"   \"members\": [1]},"
		"  {\"id\": \"ca-2\", \"name\": \"fa\", \"type\": \"FOLDER\","
		"   \"folder_id\": \"fd-a\", \"members\": []},"
		"  {\"id\": \"ca-3\", \"name\": \"fixed\", \"members\": [4]}]}",
		path, sizeof(path));
	struct emu_proc p;
	const char *const args[] = {"--scenario", path, NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	static const struct {
		const char *id;
		int members;
	} want[] = {{"ca-1", 4}, {"ca-2", 2}, {"ca-3", 1}};
	for (size_t i = 0; i < 3; i++) {
		struct emu_call c;
		emu_call_init(&c, p.url, "GetAggregator", EMU_CONFIG_VERSION,
			"demo-ak", "demo-secret");
		params_add(&c.query, "AggregatorId", want[i].id);
		run_expect(&c, 200, "");
		assert_int_equal(json_array_size(emu_json_path(c.json,
			"Aggregator.AggregatorAccounts")), want[i].members);
		emu_call_free(&c);
	}
	/* number_paging: MaxResults is ignored, pages come by number. */
	struct emu_call c;
	list_call(&c, p.url, "demo-ak", "demo-secret");
	params_add(&c.query, "MaxResults", "2");
	run_expect(&c, 200, "");
	assert_null(json_object_get(c.json, "NextToken"));
	assert_int_equal(json_integer_value(json_object_get(c.json,
		"TotalCount")), 4);
	assert_int_equal(json_array_size(accounts_of(&c)), 4);
	emu_call_free(&c);
	{
		struct emu_call a;
		emu_call_init(&a, p.url, "AssumeRole", EMU_STS_VERSION,
			"demo-ak", "demo-secret");
		params_add(&a.query, "RoleArn", EMU_RD_ROLE_ARN("3"));
		params_add(&a.query, "RoleSessionName", "alicfg-3");
		run_expect(&a, 404, "EntityNotExist.Role");
		emu_call_free(&a);
	}
	assert_int_equal(emu_proc_stop(&p), 0);
}

static void
refused(const char *text, const char *needle)
{
	char path[512];
	write_file("bad.json", text, path, sizeof(path));
	const char *const args[] = {"--scenario", path, "--check", NULL};
	struct buf err = BUF_INIT;
	int rc = emu_proc_run(args, &err, 10);
	if (rc != 3 || !strstr(buf_str(&err), needle))
		print_message("# rc %d: %s\n", rc, buf_str(&err));
	assert_int_equal(rc, 3);
	assert_non_null(strstr(buf_str(&err), needle));
	buf_free(&err);
}

static void
test_limits(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	/* Six groups for one management account. */
	buf_puts(&text, "{\"management_account\": 1, \"directory\": {},"
		" \"accounts\": [{\"id\": 1, \"name\": \"m\"}], \"groups\": [");
	for (int g = 1; g <= 6; g++)
		buf_printf(&text, "%s{\"id\": \"ca-%d\", \"name\": \"g\","
			" \"members\": [1]}", g > 1 ? "," : "", g);
	buf_puts(&text, "]}");
	refused(buf_str(&text), "at most 5");
	buf_free(&text);
	/* An RD group over 201 members. */
	buf_puts(&text, "{\"management_account\": 1, \"directory\": {},"
		" \"accounts\": [");
	for (int a = 1; a <= 201; a++)
		buf_printf(&text, "%s{\"id\": %d, \"name\": \"a%d\"}",
			a > 1 ? "," : "", a, a);
	buf_puts(&text, "], \"groups\": [{\"id\": \"ca-1\", \"name\": \"all\","
		" \"type\": \"RD\", \"members\": []}]}");
	refused(buf_str(&text), "at most 200");
	buf_free(&text);
	refused("{\"management_account\": 1, \"directory\": {\"folders\":"
		" [{\"id\": \"r-1\"}, {\"id\": \"fd-x\", \"parent\": \"fd-y\"}]},"
		" \"accounts\": [{\"id\": 1, \"name\": \"m\"}]}",
		"unknown folder fd-y");
	refused("{\"management_account\": 1, \"directory\": {},"
		" \"accounts\": [{\"id\": 1, \"name\": \"m\", \"folder\": \"fd-q\"}]}",
		"unknown folder fd-q");
	refused("{\"management_account\": 1, \"accounts\": [{\"id\": 1,"
		" \"name\": \"m\", \"type\": \"Other\"}]}",
		"expected CloudAccount or ResourceAccount");
	/* Without a directory section, old files keep their groups as is. */
	char path[512];
	write_file("legacy.json", "{\"management_account\": 1, \"accounts\":"
		" [{\"id\": 1, \"name\": \"m\"}, {\"id\": 2, \"name\": \"x\"}],"
		" \"groups\": [{\"id\": \"ca-1\", \"name\": \"all\", \"type\":"
		" \"RD\", \"members\": [1]}]}", path, sizeof(path));
	const char *const args[] = {"--scenario", path, "--check", NULL};
	struct buf err = BUF_INIT;
	assert_int_equal(emu_proc_run(args, &err, 10), 0);
	buf_free(&err);
}

static void
test_scale_outside(void **state)
{
	(void)state;
	struct emu_proc p;
	const char *const args[] = {"--scenario", "scale:3:50:25", NULL};
	assert_int_equal(emu_proc_start(&p, args), 0);
	struct emu_call c;
	list_call(&c, p.url, "demo-ak", "demo-secret");
	params_add(&c.query, "MaxResults", "100");
	run_expect(&c, 200, "");
	assert_int_equal(json_integer_value(json_object_get(c.json,
		"TotalCount")), 75);
	assert_non_null(strstr(buf_str(&c.body), "outside-000024"));
	emu_call_free(&c);
	assert_int_equal(emu_proc_stop(&p), 0);
}

int
main(void)
{
	snprintf(dir_path, sizeof(dir_path), "%s/emu-dir-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir_path))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_paging_shape),
		cmocka_unit_test(test_number_paging_and_keyword),
		cmocka_unit_test(test_parameter_errors),
		cmocka_unit_test(test_caller_rules),
		cmocka_unit_test(test_access_rules),
		cmocka_unit_test(test_groups_follow_directory),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_scale_outside),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
