/* test_rd_model: the ListAccounts (Resource Directory Master 2022-04-19)
 * page parser, the directory's error rules and its endpoint. The reference
 * page's sample parses verbatim; then paging tokens, type drift, missing
 * and wrong fields, broken JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rd.h"

/* The API reference's "Sample success responses" (JSON), verbatim but for
 * the masked ids, which are not numbers: docs/resource-directory.md. */
static const char sample_page[] =
	"{\n"
	"  \"TotalCount\": 2,\n"
	"  \"RequestId\": \"7B8A4E7D-6CFF-471D-84DF-195A7A241ECB\",\n"
	"  \"PageSize\": 5,\n"
	"  \"PageNumber\": 1,\n"
	"  \"Accounts\": {\n"
	"    \"Account\": [\n"
	"      {\n"
	"        \"Status\": \"CreateSuccess\",\n"
	"        \"Type\": \"ResourceAccount\",\n"
	"        \"DisplayName\": \"test\",\n"
	"        \"FolderId\": \"fd-QRzuim****\",\n"
	"        \"ResourceDirectoryId\": \"rd-3G****\",\n"
	"        \"JoinTime\": \"2021-01-18T08:01:50.522Z\",\n"
	"        \"AccountId\": \"1817610956901234\",\n"
	"        \"JoinMethod\": \"created\",\n"
	"        \"ModifyTime\": \"2021-01-18T08:04:37.668Z\",\n"
	"        \"ResourceDirectoryPath\": \"rd-3G****/r-Wm****/fd-QRzuim****/1817610956901234\",\n"
	"        \"AccountName\": \"oxy01414357@alibaba-inc.com\",\n"
	"        \"DeletionStatus\": \"Checking\",\n"
	"        \"Tags\": {\n"
	"          \"Tag\": [\n"
	"            {\n"
	"              \"Key\": \"tag_key\",\n"
	"              \"Value\": \"tag_value\"\n"
	"            }\n"
	"          ]\n"
	"        }\n"
	"      }\n"
	"    ]\n"
	"  }\n"
	"}";

static int
parse(const char *body, struct rd_account_list *l, char **tok, size_t *n,
	struct err *e)
{
	err_clear(e);
	return rd_parse_accounts_page(body, strlen(body), l, tok, n, e);
}

static void
test_sample_verbatim(void **state)
{
	(void)state;
	struct rd_account_list l = { .total_count = -1 };
	char *tok = (char *)1;
	size_t n = 99;
	struct err e;
	assert_int_equal(parse(sample_page, &l, &tok, &n, &e), 0);
	assert_null(tok);
	assert_int_equal(n, 1);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.pages, 1);
	assert_int_equal(l.total_count, 2);
	assert_string_equal(l.request_id,
		"7B8A4E7D-6CFF-471D-84DF-195A7A241ECB");
	const struct rd_account *a = &l.items[0];
	assert_true(a->account_id == INT64_C(1817610956901234));
	assert_string_equal(a->display_name, "test");
	assert_string_equal(a->account_name, "oxy01414357@alibaba-inc.com");
	assert_string_equal(a->type, "ResourceAccount");
	assert_string_equal(a->status, "CreateSuccess");
	assert_string_equal(a->join_method, "created");
	assert_string_equal(a->folder_id, "fd-QRzuim****");
	assert_string_equal(a->path,
		"rd-3G****/r-Wm****/fd-QRzuim****/1817610956901234");
	assert_string_equal(a->join_time, "2021-01-18T08:01:50.522Z");
	assert_true(a->join_time_t == (time_t)1610956910);
	assert_string_equal(a->deletion_status, "Checking");
	assert_true(rd_account_leaving(a));
	rd_account_list_free(&l);
}

static void
test_pages_append_and_token(void **state)
{
	(void)state;
	struct rd_account_list l = { .total_count = -1 };
	char *tok;
	size_t n;
	struct err e;
	assert_int_equal(parse("{\"RequestId\":\"A\",\"TotalCount\":3,"
		"\"NextToken\":\"t2\",\"Accounts\":{\"Account\":["
		"{\"AccountId\":\"30\",\"DisplayName\":\"c\"},"
		"{\"AccountId\":\"10\",\"DisplayName\":\"a\"}]}}",
		&l, &tok, &n, &e), 0);
	assert_string_equal(tok, "t2");
	free(tok);
	assert_int_equal(n, 2);
	assert_int_equal(parse("{\"RequestId\":\"B\",\"TotalCount\":3,"
		"\"NextToken\":\"\",\"Accounts\":{\"Account\":["
		"{\"AccountId\":\"20\",\"DisplayName\":\"b\","
		"\"DeletionStatus\":\"\"}]}}", &l, &tok, &n, &e), 0);
	assert_null(tok);  /* empty token: the end */
	assert_int_equal(l.count, 3);
	assert_int_equal(l.pages, 2);
	assert_string_equal(l.request_id, "B");
	rd_account_list_sort(&l);
	assert_true(l.items[0].account_id == 10);
	assert_true(l.items[2].account_id == 30);
	const struct rd_account *b = rd_account_find(&l, 20);
	assert_non_null(b);
	assert_string_equal(b->display_name, "b");
	assert_false(rd_account_leaving(b));
	assert_null(rd_account_find(&l, 21));
	/* Absent fields are "", never NULL. */
	assert_string_equal(b->path, "");
	assert_true(b->join_time_t == 0);
	rd_account_list_free(&l);
}

static void
test_drift_and_shapes(void **state)
{
	(void)state;
	struct rd_account_list l = { .total_count = -1 };
	char *tok;
	size_t n;
	struct err e;
	/* A numeric AccountId, a bare Accounts array, TotalCount as a string. */
	assert_int_equal(parse("{\"TotalCount\":\"1\",\"Accounts\":["
		"{\"AccountId\":1000000000000066,\"Type\":\"CloudAccount\","
		"\"JoinTime\":\"2024-05-01T00:00:00Z\"}]}", &l, &tok, &n, &e), 0);
	assert_int_equal(l.count, 1);
	assert_true(l.items[0].account_id == INT64_C(1000000000000066));
	assert_int_equal(l.total_count, 1);
	assert_true(l.items[0].join_time_t == (time_t)1714521600);
	/* No Accounts at all: an empty page, not an error. */
	assert_int_equal(parse("{\"RequestId\":\"x\",\"TotalCount\":0}", &l,
		&tok, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(l.count, 1);
	rd_account_list_free(&l);
}

static void
test_bad_bodies(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		const char *needle;
	} cases[] = {
		{"", "empty body"},
		{"{\"Accounts\":{\"Account\":[", "not valid JSON"},
		{"[1,2]", "not a JSON object"},
		{"{\"Accounts\":\"x\"}", "neither an object nor an array"},
		{"{\"Accounts\":{\"Account\":{}}}", "Accounts.Account is not an array"},
		{"{\"Accounts\":{\"Account\":[{\"DisplayName\":\"a\"}]}}",
			"Accounts.Account[0] has no AccountId"},
		{"{\"Accounts\":{\"Account\":[{\"AccountId\":\"12x\"}]}}",
			"AccountId is not an account id"},
		{"{\"Accounts\":{\"Account\":[{\"AccountId\":\"-5\"}]}}",
			"AccountId is not an account id"},
		{"{\"Accounts\":{\"Account\":[{\"AccountId\":\"1\"},"
			"{\"AccountId\":\"2\",\"DisplayName\":[1]}]}}",
			"Accounts.Account[1].DisplayName is not a string"},
		{"{\"Accounts\":{\"Account\":[7]}}", "Account[0] is not an object"},
		{"{\"NextToken\":5}", "NextToken is not a string"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rd_account_list l = { .total_count = -1 };
		char *tok = NULL;
		size_t n;
		struct err e;
		err_clear(&e);
		int rc = rd_parse_accounts_page(cases[i].body,
			strlen(cases[i].body), &l, &tok, &n, &e);
		if (rc != -1 || e.kind != ERR_PROTOCOL ||
			!strstr(e.message, cases[i].needle))
			fail_msg("case %zu: rc %d, message '%s'", i, rc,
				e.message);
		/* A bad page adds nothing. */
		assert_int_equal(l.count, 0);
		assert_null(tok);
		rd_account_list_free(&l);
	}
}

static void
api_error(struct err *e, long status, const char *code, const char *msg)
{
	err_clear(e);
	e->kind = ERR_API;
	e->http_status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->message, sizeof(e->message), "%s", msg);
	snprintf(e->request_id, sizeof(e->request_id), "%s", "RID-1");
}

static void
test_not_allowed_errors(void **state)
{
	(void)state;
	struct err e;
	api_error(&e, 404, "EntityNotExists.ResourceDirectory",
		"The resource directory for the account is not enabled.");
	assert_true(rd_err_not_allowed(&e));
	rd_err_explain(&e);
	assert_non_null(strstr(e.message, "management account or a "
		"delegated administrator"));
	assert_non_null(strstr(e.message, "is not enabled"));
	assert_string_equal(e.code, "EntityNotExists.ResourceDirectory");
	assert_string_equal(e.request_id, "RID-1");

	api_error(&e, 403, "NoPermission", "not authorized");
	assert_true(rd_err_not_allowed(&e));
	rd_err_explain(&e);
	assert_non_null(strstr(e.message, "resourcemanager:ListAccounts"));

	api_error(&e, 400, "Throttling.User", "slow down");
	assert_false(rd_err_not_allowed(&e));
	rd_err_explain(&e);
	assert_string_equal(e.message, "slow down");

	err_clear(&e);
	err_set(&e, ERR_NETWORK, "connection refused");
	assert_false(rd_err_not_allowed(&e));
}

static void
test_endpoint(void **state)
{
	(void)state;
	char url[256];
	struct err e;
	unsetenv("ALIBABA_CLOUD_RD_ENDPOINT");
	assert_int_equal(rd_endpoint_url(NULL, "cn-shanghai", NULL, url, sizeof(url),
		&e), 0);
	assert_string_equal(url, "https://resourcedirectory.aliyuncs.com");
	assert_int_equal(rd_endpoint_url(NULL, "ap-southeast-1", NULL, url,
		sizeof(url), &e), 0);
	assert_string_equal(url,
		"https://resourcedirectory-intl.aliyuncs.com");
	setenv("ALIBABA_CLOUD_RD_ENDPOINT", "http://127.0.0.1:9999", 1);
	assert_int_equal(rd_endpoint_url(NULL, "cn-shanghai", NULL, url, sizeof(url),
		&e), 0);
	assert_non_null(strstr(url, "127.0.0.1:9999"));
	/* The flag wins; plain http elsewhere than loopback is refused. */
	err_clear(&e);
	assert_int_equal(rd_endpoint_url("http://rd.example.com",
		"cn-shanghai", NULL, url, sizeof(url), &e), -1);
	assert_non_null(strstr(e.message, "--rd-endpoint"));
	unsetenv("ALIBABA_CLOUD_RD_ENDPOINT");
	/* With a Config endpoint on loopback (an emulator), none unless
	 * named: nothing meant for it goes to the internet. */
	assert_int_equal(rd_endpoint_url(NULL, "cn-shanghai",
		"http://127.0.0.1:4242", url, sizeof(url), &e), 0);
	assert_string_equal(url, "");
	assert_int_equal(rd_endpoint_url(NULL, "cn-shanghai",
		"https://config.cn-shanghai.aliyuncs.com", url, sizeof(url),
		&e), 0);
	assert_string_equal(url, "https://resourcedirectory.aliyuncs.com");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_verbatim),
		cmocka_unit_test(test_pages_append_and_token),
		cmocka_unit_test(test_drift_and_shapes),
		cmocka_unit_test(test_bad_bodies),
		cmocka_unit_test(test_not_allowed_errors),
		cmocka_unit_test(test_endpoint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
