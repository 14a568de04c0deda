/* Unit tests: tables (CJK alignment, truncation), CSV quoting, JSON field
 * names and types. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "text.h"

#define CJK_NAME "\xe7\x94\x9f\xe4\xba\xa7\xe7\x8e\xaf\xe5\xa2\x83-\xe6\xa0\xb8\xe5\xbf\x83\xe8\xb4\xa6\xe5\x8f\xb7" /* 生产环境-核心账号 */
#define ELLIPSIS "\xe2\x80\xa6"

/* Output captured in memory. */
struct capture {
	char *text;
	size_t len;
	FILE *f;
};

static void
capture_open(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	assert_non_null(c->f);
}

static void
capture_close(struct capture *c)
{
	fclose(c->f);
	c->f = NULL;
}

/* Run one writer call on c.f, which must succeed; its text is in c.text.
 * A macro because the writers take different arguments. */
#define CAPTURE_OK(c, call) do { \
	capture_open(&(c)); \
	assert_int_equal((call), 0); \
	capture_close(&(c)); \
} while (0)

/* The table as written (and freed); the caller frees the text. */
static char *
table_text(struct output_table *t, output_color_fn color)
{
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_table_write(t, c.f, color, &e));
	output_table_free(t);
	return c.text;
}

static void
test_display_width(void **state)
{
	(void)state;
	assert_int_equal(text_safe_width(""), 0);
	assert_int_equal(text_safe_width(NULL), 0);
	assert_int_equal(text_safe_width("dev-sandbox"), 11);
	assert_int_equal(text_safe_width(CJK_NAME), 17);
	assert_int_equal(text_safe_width("caf\xc3\xa9"), 4);      /* é */
	assert_int_equal(text_safe_width("e\xcc\x81"), 1);        /* e + combining acute */
	assert_int_equal(text_safe_width("\xff" "a"), 5);         /* invalid byte: \xff */
	assert_int_equal(text_safe_width("\xc0\xaf"), 8);         /* overlong '/': \xc0\xaf */
	assert_int_equal(text_safe_width("\xef\xbc\xa1"), 2);     /* fullwidth A */
}

static void
test_fit_truncates_with_ellipsis(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_int_equal(text_safe(&b, "abcdefghijklmnop", 10), 10);
	assert_string_equal(buf_str(&b), "abcdefghi" ELLIPSIS);
	buf_reset(&b);
	assert_int_equal(text_safe(&b, "short", 10), 5);
	assert_string_equal(buf_str(&b), "short");
	buf_reset(&b);
	assert_int_equal(text_safe(&b, "exactly10!", 10), 10);
	assert_string_equal(buf_str(&b), "exactly10!");
	/* A wide character is never split: "生产环" + "…" is 7 columns. */
	buf_reset(&b);
	assert_int_equal(text_safe(&b, CJK_NAME, 8), 7);
	assert_string_equal(buf_str(&b),
		"\xe7\x94\x9f\xe4\xba\xa7\xe7\x8e\xaf" ELLIPSIS);
	buf_reset(&b);
	assert_int_equal(text_safe(&b, CJK_NAME, 0), 17);
	assert_string_equal(buf_str(&b), CJK_NAME);
	buf_free(&b);
}

static void
test_fit_neutralises_terminal_controls(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	text_safe(&b, "evil\033[2J\x07name\n\xc2\x9b" "x\xfe", 0);
	assert_string_equal(buf_str(&b),
		"evil\\x1b[2J\\x07name\\n\\u009bx\\xfe");
	assert_null(strchr(buf_str(&b), '\033'));
	buf_free(&b);
}

/* Display column where field `field` (0-based, split on 2+ spaces) starts. */
static size_t
column_of(const char *line, int field)
{
	const char *p = line;
	for (int f = 0; f < field; f++) {
		p = strstr(p, "  ");
		assert_non_null(p);
		while (*p == ' ')
			p++;
	}
	char prefix[512];
	size_t n = (size_t)(p - line);
	assert_true(n < sizeof(prefix));
	memcpy(prefix, line, n);
	prefix[n] = '\0';
	return text_safe_width(prefix);
}

static void
test_table_aligns_cjk(void **state)
{
	(void)state;
	static const char *const head[] = {"ID", "NAME", "STATUS"};
	struct output_table *t = output_table_new(3, head);
	const char *r1[] = {"1000000000000010", "dev-sandbox", "REGISTRABLE"};
	const char *r2[] = {"1000000000000013", CJK_NAME, "REGISTERED"};
	const char *r3[] = {"7", "x", NULL};
	output_table_add(t, r1);
	output_table_add(t, r2);
	output_table_add(t, r3);
	assert_int_equal(output_table_rows(t), 3);
	char *text = table_text(t, NULL);

	/* An empty cell is shown as "-". */
	assert_non_null(strstr(text, "-\n"));
	assert_non_null(strstr(text, "x    "));
	char *save = NULL;
	char *line = strtok_r(text, "\n", &save);
	size_t col1 = column_of(line, 1), col2 = column_of(line, 2);
	assert_int_equal(col1, 18);          /* 16 digits + 2 spaces */
	assert_int_equal(col2, 18 + 17 + 2); /* the CJK name is 17 wide */
	int lines = 1;
	while ((line = strtok_r(NULL, "\n", &save))) {
		assert_int_equal(column_of(line, 1), col1);
		assert_int_equal(column_of(line, 2), col2);
		assert_true(line[strlen(line) - 1] != ' ');   /* no trailing blanks */
		lines++;
	}
	assert_int_equal(lines, 4);
	free(text);
}

static void
test_table_truncates_long_names(void **state)
{
	(void)state;
	static const char *const head[] = {"NAME", "N"};
	struct output_table *t = output_table_new(2, head);
	output_table_set_max_width(t, 0, 12);
	output_table_set_right_align(t, 1);
	const char *r1[] = {"a-very-long-account-name-over-sixty-characters-wide", "5"};
	const char *r2[] = {"short", "12345"};
	output_table_add(t, r1);
	output_table_add(t, r2);
	char *text = table_text(t, NULL);
	assert_string_equal(text,
		"NAME              N\n"
		"a-very-long" ELLIPSIS "      5\n"
		"short         12345\n");
	free(text);
}

static const char *
color_second(size_t col, const char *cell)
{
	(void)cell;
	return col == 1 ? "\033[32m" : NULL;
}

static void
test_table_colour_keeps_alignment(void **state)
{
	(void)state;
	static const char *const head[] = {"A", "B", "C"};
	struct output_table *t = output_table_new(3, head);
	const char *r1[] = {"x", "REGISTERED", "z"};
	const char *r2[] = {"x", "NO", "z"};
	output_table_add(t, r1);
	output_table_add(t, r2);
	char *text = table_text(t, color_second);
	assert_string_equal(text,
		"A  B           C\n"
		"x  \033[32mREGISTERED\033[0m  z\n"
		"x  \033[32mNO\033[0m          z\n");
	free(text);
}

static void
test_csv_quoting(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} fields[] = {
		{"plain", "plain"},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"two\nlines", "\"two\nlines\""},
		{"cr\rhere", "cr\\rhere"},   /* a CR is escaped, not kept */
		{" padded ", "\" padded \""},
		{CJK_NAME, CJK_NAME},
		{NULL, ""},
	};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		buf_reset(&b);
		text_csv_field(&b, fields[i].in);
		assert_string_equal(buf_str(&b), fields[i].want);
	}
	buf_free(&b);

	struct capture c;
	capture_open(&c);
	struct err e;
	err_clear(&e);
	const char *row[] = {"id", NULL, "x,y", ""};
	assert_int_equal(output_csv_row(c.f, row, 4, &e), 0);
	capture_close(&c);
	assert_string_equal(c.text, "id,,\"x,y\",\r\n");
	free(c.text);
}

/* --- fixtures shaped like the parsed API results --- */

static struct tag fixture_tags[] = {{"env", "prod"}, {"owner", "sec,team"}};

static struct aggregator fixture_groups[] = {
	{
		.id = "ca-0000000000000003", .name = "Security audit",
		.type = "CUSTOM", .status = 1,
		.account_id = INT64_C(1000000000000001), .member_count = 2,
		.create_ms = INT64_C(1623036305000),
		.description = "Audit, \"all\" accounts", .folder_id = NULL,
		.tags = fixture_tags, .ntags = 2,
	},
	{
		.id = "ca-0000000000000004", .name = "Onboarding",
		.type = "CUSTOM", .status = 0,
		.account_id = INT64_C(1000000000000001), .member_count = 0,
		.create_ms = 0,
	},
};

static struct member fixture_members[] = {
	{INT64_C(1000000000000010), "dev-sandbox", "ResourceDirectory",
		RECORDER_REGISTRABLE, "REGISTRABLE"},
	{INT64_C(1000000000000013), CJK_NAME, "ResourceDirectory",
		RECORDER_REGISTERED, "REGISTERED"},
};

static json_t *
parse_json(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	if (!j)
		fail_msg("not JSON (%s): %s", je.text, text);
	return j;
}

static void
test_json_aggregators(void **state)
{
	(void)state;
	struct aggregator_list list = {fixture_groups, 2, 1, ""};
	struct capture c;
	capture_open(&c);
	struct err e;
	err_clear(&e);
	assert_int_equal(output_aggregators(c.f, OUTPUT_JSON, false, &list, &e), 0);
	capture_close(&c);
	json_t *j = parse_json(c.text);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 2);
	json_t *a = json_array_get(j, 0);
	static const char *const keys[] = {
		"AggregatorId", "AggregatorName", "AggregatorType",
		"AggregatorStatus", "AccountId", "AggregatorAccountCount",
		"AggregatorCreateTimestamp", "Description", "FolderId", "Tags",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(a, keys[i]))
			fail_msg("missing %s", keys[i]);
	assert_string_equal(json_string_value(json_object_get(a, "AggregatorId")),
		"ca-0000000000000003");
	assert_string_equal(json_string_value(json_object_get(a, "AccountId")),
		"1000000000000001");
	assert_true(json_is_integer(json_object_get(a, "AggregatorStatus")));
	assert_true(json_is_integer(json_object_get(a, "AggregatorAccountCount")));
	assert_true(json_is_integer(json_object_get(a, "AggregatorCreateTimestamp")));
	assert_true(json_integer_value(json_object_get(a, "AggregatorCreateTimestamp")) ==
		INT64_C(1623036305000));
	assert_string_equal(json_string_value(json_object_get(a, "Description")),
		"Audit, \"all\" accounts");
	assert_true(json_is_null(json_object_get(a, "FolderId")));
	json_t *tags = json_object_get(a, "Tags");
	assert_int_equal(json_array_size(tags), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(tags, 1),
		"TagKey")), "owner");
	assert_string_equal(json_string_value(json_object_get(json_array_get(tags, 1),
		"TagValue")), "sec,team");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 1),
		"AggregatorStatus")), 0);
	assert_int_equal(json_array_size(json_object_get(json_array_get(j, 1), "Tags")), 0);
	json_decref(j);
	free(c.text);

	/* An empty list is still a JSON array. */
	struct aggregator_list empty = {NULL, 0, 1, ""};
	CAPTURE_OK(c, output_aggregators(c.f, OUTPUT_JSON, false, &empty, &e));
	j = parse_json(c.text);
	assert_true(json_is_array(j) && json_array_size(j) == 0);
	json_decref(j);
	free(c.text);
}

static void
test_table_and_csv_aggregators(void **state)
{
	(void)state;
	struct aggregator_list list = {fixture_groups, 2, 1, ""};
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_aggregators(c.f, OUTPUT_TABLE, false, &list, &e));
	assert_non_null(strstr(c.text, "ID "));
	assert_non_null(strstr(c.text, "Security audit"));
	assert_non_null(strstr(c.text, "created"));
	assert_non_null(strstr(c.text, "creating"));
	assert_non_null(strstr(c.text, "2021-06-07 03:25"));
	assert_null(strchr(c.text, '\033'));   /* no colour unless asked */
	free(c.text);

	CAPTURE_OK(c, output_aggregators(c.f, OUTPUT_CSV, false, &list, &e));
	assert_non_null(strstr(c.text,
		"AggregatorId,AggregatorName,AggregatorType,AggregatorStatus,AccountId,"
		"AggregatorAccountCount,AggregatorCreateTimestamp,Description,FolderId,Tags\r\n"));
	assert_non_null(strstr(c.text,
		"ca-0000000000000003,Security audit,CUSTOM,1,1000000000000001,2,"
		"1623036305000,\"Audit, \"\"all\"\" accounts\",,\"env=prod;owner=sec,team\"\r\n"));
	free(c.text);
}

static void
test_accounts_outputs(void **state)
{
	(void)state;
	/* The same account in two groups appears once per group. */
	struct output_account_row rows[] = {
		{&fixture_groups[0], &fixture_members[0]},
		{&fixture_groups[0], &fixture_members[1]},
		{&fixture_groups[1], &fixture_members[1]},
	};
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_accounts(c.f, OUTPUT_JSON, false, rows, 3, &e));
	json_t *j = parse_json(c.text);
	assert_int_equal(json_array_size(j), 3);
	json_t *r = json_array_get(j, 1);
	assert_string_equal(json_string_value(json_object_get(r, "AggregatorId")),
		"ca-0000000000000003");
	assert_string_equal(json_string_value(json_object_get(r, "AccountId")),
		"1000000000000013");
	assert_string_equal(json_string_value(json_object_get(r, "AccountName")), CJK_NAME);
	assert_string_equal(json_string_value(json_object_get(r, "AccountType")),
		"ResourceDirectory");
	assert_string_equal(json_string_value(json_object_get(r, "RecorderStatus")),
		"REGISTERED");
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 2),
		"AggregatorId")), "ca-0000000000000004");
	json_decref(j);
	free(c.text);

	CAPTURE_OK(c, output_accounts(c.f, OUTPUT_CSV, false, rows, 3, &e));
	assert_non_null(strstr(c.text,
		"AggregatorId,AggregatorName,AccountId,AccountName,AccountType,RecorderStatus\r\n"
		"ca-0000000000000003,Security audit,1000000000000010,dev-sandbox,ResourceDirectory,REGISTRABLE\r\n"));
	free(c.text);

	CAPTURE_OK(c, output_accounts(c.f, OUTPUT_TABLE, true, rows, 3, &e));
	assert_non_null(strstr(c.text, "GROUP"));
	assert_non_null(strstr(c.text, "ca-0000000000000004"));
	assert_non_null(strstr(c.text, "\033[32mREGISTERED\033[0m"));
	assert_non_null(strstr(c.text, "\033[31mREGISTRABLE\033[0m"));
	free(c.text);

	CAPTURE_OK(c, output_accounts(c.f, OUTPUT_JSON, false, NULL, 0, &e));
	assert_string_equal(c.text, "[]\n");
	free(c.text);
}

static void
test_json_survives_invalid_utf8(void **state)
{
	(void)state;
	struct member m = {INT64_C(42), "bad\xff" "name", "ResourceDirectory",
		RECORDER_BUILDING, "BUILDING"};
	struct output_account_row row = {&fixture_groups[0], &m};
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_accounts(c.f, OUTPUT_JSON, false, &row, 1, &e));
	json_t *j = parse_json(c.text);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0),
		"AccountName")), "bad\xef\xbf\xbd" "name");
	json_decref(j);
	free(c.text);
}

static void
test_recorder_outputs(void **state)
{
	(void)state;
	char *types[] = {"ACS::ECS::Instance", "ACS::VPC::VPC"};
	struct recorder r = {RECORDER_REGISTERED, "REGISTERED", types, 2, "R1",
		false};
	struct output_result one = {INT64_C(1000000000000010), NULL, &r, NULL,
		OUTCOME_COUNT};
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_recorders(c.f, OUTPUT_JSON, false, &one, 1, false,
		&e));
	json_t *j = parse_json(c.text);
	/* A string of digits: JSON readers that round above 2^53 keep it. */
	assert_string_equal(json_string_value(json_object_get(j, "AccountId")),
		"1000000000000010");
	assert_string_equal(json_string_value(json_object_get(j,
		"ConfigurationRecorderStatus")), "REGISTERED");
	assert_int_equal(json_array_size(json_object_get(j, "ResourceTypes")), 2);
	json_decref(j);
	free(c.text);

	struct output_result own = {0, NULL, &r, NULL, OUTCOME_COUNT};
	CAPTURE_OK(c, output_recorders(c.f, OUTPUT_TABLE, false, &own, 1, false,
		&e));
	assert_non_null(strstr(c.text, "REGISTERED"));
	assert_non_null(strstr(c.text, "ACS::VPC::VPC"));
	assert_non_null(strstr(c.text, "your own account"));
	free(c.text);

	struct output_result named = {7, "n", &r, NULL, OUTCOME_COUNT};
	CAPTURE_OK(c, output_recorders(c.f, OUTPUT_CSV, false, &named, 1, false,
		&e));
	assert_string_equal(c.text,
		"AccountId,AccountName,ConfigurationRecorderStatus,ResourceTypes\r\n"
		"7,n,REGISTERED,ACS::ECS::Instance;ACS::VPC::VPC\r\n");
	free(c.text);

	/* A list: an array even of one, and a failed row keeps its Code. */
	struct err denied;
	err_clear(&denied);
	err_set(&denied, ERR_API, "denied");
	snprintf(denied.code, sizeof(denied.code), "NoPermission");
	struct output_result two[] = {
		{INT64_C(9123456789012345), NULL, &r, NULL, OUTCOME_COUNT},
		{INT64_C(9123456789012344), NULL, NULL, &denied, OUTCOME_COUNT},
	};
	CAPTURE_OK(c, output_recorders(c.f, OUTPUT_JSON, false, two, 2, true,
		&e));
	j = parse_json(c.text);
	assert_int_equal(json_array_size(j), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 0), "AccountId")), "9123456789012345");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 1), "AccountId")), "9123456789012344");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 1), "Code")), "NoPermission");
	assert_true(json_is_null(json_object_get(json_array_get(j, 1),
		"ConfigurationRecorderStatus")));
	json_decref(j);
	free(c.text);

	CAPTURE_OK(c, output_recorders(c.f, OUTPUT_CSV, false, two, 2, true,
		&e));
	assert_string_equal(c.text,
		"AccountId,AccountName,ConfigurationRecorderStatus,ResourceTypes,Code\r\n"
		"9123456789012345,,REGISTERED,ACS::ECS::Instance;ACS::VPC::VPC,\r\n"
		"9123456789012344,,,,NoPermission\r\n");
	free(c.text);
}

static void
test_enable_outputs(void **state)
{
	(void)state;
	struct recorder building = {RECORDER_BUILDING, "BUILDING", NULL, 0, "",
		false};
	struct recorder on = {RECORDER_REGISTERED, "REGISTERED", NULL, 0, "",
		false};
	struct err denied;
	err_clear(&denied);
	err_set(&denied, ERR_API, "denied");
	snprintf(denied.code, sizeof(denied.code), "NoPermission");
	struct output_result rows[] = {
		{INT64_C(1000000000000010), "dev-sandbox", &building, NULL,
			OUTCOME_STARTED},
		{INT64_C(1000000000000013), NULL, &on, NULL, OUTCOME_ALREADY_ON},
		{INT64_C(1000000000000014), NULL, &building, NULL,
			OUTCOME_IN_PROGRESS},
		{INT64_C(1000000000000011), "qa", NULL, &denied, OUTCOME_FAILED},
	};
	struct capture c;
	struct err e;
	err_clear(&e);
	CAPTURE_OK(c, output_enable(c.f, OUTPUT_TABLE, false, rows, 4, true,
		&e));
	assert_string_equal(c.text,
		"dev-sandbox (1000000000000010): started (BUILDING)\n"
		"1000000000000013: already on (REGISTERED)\n"
		"1000000000000014: in progress (BUILDING)\n"
		"qa (1000000000000011): failed (NoPermission)\n");
	free(c.text);

	CAPTURE_OK(c, output_enable(c.f, OUTPUT_JSON, false, &rows[1], 1,
		false, &e));
	json_t *j = parse_json(c.text);
	assert_true(json_is_object(j));
	assert_string_equal(json_string_value(json_object_get(j, "Outcome")),
		"already on");
	assert_string_equal(json_string_value(json_object_get(j, "AccountId")),
		"1000000000000013");
	json_decref(j);
	free(c.text);

	CAPTURE_OK(c, output_enable(c.f, OUTPUT_JSON, false, rows, 4, true, &e));
	j = parse_json(c.text);
	assert_int_equal(json_array_size(j), 4);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 2), "Outcome")), "in progress");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 3), "Outcome")), "failed");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(j, 3), "Code")), "NoPermission");
	json_decref(j);
	free(c.text);

	CAPTURE_OK(c, output_enable(c.f, OUTPUT_CSV, false, &rows[2], 2, true,
		&e));
	assert_string_equal(c.text,
		"AccountId,AccountName,ConfigurationRecorderStatus,Outcome,Code\r\n"
		"1000000000000014,,BUILDING,in progress,\r\n"
		"1000000000000011,qa,,failed,NoPermission\r\n");
	free(c.text);
}

static void
test_timestamps_and_status_words(void **state)
{
	(void)state;
	char out[32];
	output_timestamp(INT64_C(1623034091000), out);
	assert_string_equal(out, "2021-06-07 02:48");
	output_timestamp(0, out);
	assert_string_equal(out, "-");
	assert_string_equal(model_aggregator_status_name(0), "creating");
	assert_string_equal(model_aggregator_status_name(1), "created");
	assert_string_equal(model_aggregator_status_name(2), "deleting");
	assert_string_equal(model_aggregator_status_name(9), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_display_width),
		cmocka_unit_test(test_fit_truncates_with_ellipsis),
		cmocka_unit_test(test_fit_neutralises_terminal_controls),
		cmocka_unit_test(test_table_aligns_cjk),
		cmocka_unit_test(test_table_truncates_long_names),
		cmocka_unit_test(test_table_colour_keeps_alignment),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_json_aggregators),
		cmocka_unit_test(test_table_and_csv_aggregators),
		cmocka_unit_test(test_accounts_outputs),
		cmocka_unit_test(test_json_survives_invalid_utf8),
		cmocka_unit_test(test_recorder_outputs),
		cmocka_unit_test(test_enable_outputs),
		cmocka_unit_test(test_timestamps_and_status_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
