/* Unit tests of the batch CLI's pure helpers: the account list (flags and
 * --accounts-from text), did-you-mean distances and the outcome words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "account_list.h"
#include "api.h"
#include "outcome.h"
#include "suggest.h"

static void
test_account_list_lines(void **state)
{
	(void)state;
	struct account_list l = {0};
	struct err e;
	err_clear(&e);
	const char *text =
		"\xef\xbb\xbf# production accounts\n"
		"9123456789012345\n"
		"  9123456789012344   # the other one\r\n"
		"\n"
		"\t# indented comment\n"
		"9123456789012345\n"   /* a duplicate is dropped */
		"1000000000000010";    /* no final newline */
	assert_int_equal(account_list_add_lines(&l, text, strlen(text),
		"ids.txt", &e), 0);
	assert_int_equal(l.count, 3);
	assert_true(l.ids[0] == INT64_C(9123456789012345));
	assert_true(l.ids[1] == INT64_C(9123456789012344));
	assert_true(l.ids[2] == INT64_C(1000000000000010));
	/* A flag adds after the file, duplicates still dropped. */
	assert_int_equal(account_list_add_text(&l, "1000000000000010",
		"--account", &e), 0);
	assert_int_equal(account_list_add_text(&l, "1000000000000011",
		"--account", &e), 0);
	assert_int_equal(l.count, 4);
	account_list_free(&l);
}

static void
test_account_list_errors_name_the_line(void **state)
{
	(void)state;
	struct account_list l = {0};
	struct err e;
	const char *bad = "1000000000000010\n\n1000000000000011 1000000000000012\n";
	err_clear(&e);
	assert_int_equal(account_list_add_lines(&l, bad, strlen(bad), "ids.txt",
		&e), -1);
	assert_int_equal(e.kind, ERR_USAGE);
	assert_non_null(strstr(e.message, "ids.txt:3"));
	account_list_free(&l);

	const char *letters = "# ok\nabc\n";
	err_clear(&e);
	assert_int_equal(account_list_add_lines(&l, letters, strlen(letters),
		"f", &e), -1);
	assert_non_null(strstr(e.message, "f:2: 'abc' is not an account id"));
	account_list_free(&l);

	err_clear(&e);
	assert_int_equal(account_list_add_text(&l, "0", "--account", &e), -1);
	assert_non_null(strstr(e.message, "--account"));
	err_clear(&e);
	assert_int_equal(account_list_add_text(&l, "9223372036854775808",
		"--account", &e), -1);
	assert_non_null(strstr(e.message, "out of range"));
	account_list_free(&l);
}

static void
test_account_list_file(void **state)
{
	(void)state;
	char path[] = "/tmp/alicfg-ids-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "1000000000000012\n# c\n1000000000000013\n";
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	struct account_list l = {0};
	struct err e;
	err_clear(&e);
	assert_int_equal(account_list_add_file(&l, path, &e), 0);
	assert_int_equal(l.count, 2);
	unlink(path);
	err_clear(&e);
	assert_int_equal(account_list_add_file(&l, path, &e), -1);
	assert_int_equal(e.kind, ERR_USAGE);
	assert_non_null(strstr(e.message, "--accounts-from"));
	account_list_free(&l);
}

static void
test_suggest_distance(void **state)
{
	(void)state;
	assert_int_equal(suggest_distance("output", "output"), 0);
	assert_int_equal(suggest_distance("outptu", "output"), 1);  /* swap */
	assert_int_equal(suggest_distance("acounts", "accounts"), 1);
	assert_int_equal(suggest_distance("stauts", "status"), 1);
	assert_int_equal(suggest_distance("ENABLE", "enable"), 0);
	assert_int_equal(suggest_distance("", "abc"), 3);
	assert_int_equal(suggest_distance("kitten", "sitting"), 3);
	/* Long words are bounded, not a crash. */
	char big[200];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(suggest_distance(big, big), 0);
}

static void
test_suggest_closest(void **state)
{
	(void)state;
	static const char *const commands[] = {
		"aggregators", "accounts", "recorder", "enable", NULL,
	};
	static const char *const flags[] = {
		"output", "status", "account", "accounts-from", "all", NULL,
	};
	assert_string_equal(suggest_closest("acounts", commands), "accounts");
	assert_string_equal(suggest_closest("enabel", commands), "enable");
	assert_string_equal(suggest_closest("outptu", flags), "output");
	assert_string_equal(suggest_closest("stauts", flags), "status");
	assert_string_equal(suggest_closest("acount", flags), "account");
	assert_null(suggest_closest("frobnicate", commands));
	assert_null(suggest_closest("x", commands));
}

static void
test_outcome_words(void **state)
{
	(void)state;
	assert_string_equal(outcome_name(OUTCOME_STARTED), "started");
	assert_string_equal(outcome_name(OUTCOME_ALREADY_ON), "already on");
	assert_string_equal(outcome_name(OUTCOME_IN_PROGRESS), "in progress");
	assert_string_equal(outcome_name(OUTCOME_FAILED), "failed");
	assert_string_equal(outcome_name(OUTCOME_UNKNOWN), "unknown");

	struct err ok, bad;
	err_clear(&ok);
	err_clear(&bad);
	err_set(&bad, ERR_API, "no");
	struct recorder r = {RECORDER_BUILDING, "BUILDING", NULL, 0, "", false};
	assert_int_equal(outcome_of_start(&ok, &r), OUTCOME_STARTED);
	r.was_running = true;
	assert_int_equal(outcome_of_start(&ok, &r), OUTCOME_IN_PROGRESS);
	r.was_running = false;
	r.status = RECORDER_REGISTERED;
	assert_int_equal(outcome_of_start(&ok, &r), OUTCOME_ALREADY_ON);
	assert_int_equal(outcome_of_start(&bad, NULL), OUTCOME_FAILED);
	/* The answer was lost: unknown, whether or not it was read back. */
	struct err lost;
	err_clear(&lost);
	err_set(&lost, ERR_NETWORK, "request sent, answer lost");
	snprintf(lost.code, sizeof(lost.code), "%s", API_ERR_ANSWER_LOST);
	assert_int_equal(outcome_of_start(&lost, NULL), OUTCOME_UNKNOWN);
	assert_false(outcome_ended_on(OUTCOME_UNKNOWN, NULL));
	struct recorder seen = {RECORDER_BUILDING, "BUILDING", NULL, 0, "",
		false, false};
	seen.answer_lost = true;
	assert_int_equal(outcome_of_start(&ok, &seen), OUTCOME_UNKNOWN);
	assert_true(outcome_ended_on(OUTCOME_UNKNOWN, &seen));
	seen.status = RECORDER_REGISTRABLE;
	assert_false(outcome_ended_on(OUTCOME_UNKNOWN, &seen));
	assert_false(outcome_ended_on(OUTCOME_FAILED, &r));
	assert_int_equal(outcome_of_stop(&ok), OUTCOME_STOPPED);
	assert_int_equal(outcome_of_stop(&bad), OUTCOME_FAILED);
	assert_int_equal(outcome_of_status(RECORDER_BUILDING),
		OUTCOME_IN_PROGRESS);
	assert_int_equal(outcome_of_status(RECORDER_REGISTERED),
		OUTCOME_ALREADY_ON);
	assert_int_equal(outcome_of_status(RECORDER_REGISTRABLE),
		OUTCOME_COUNT);
	assert_true(outcome_is_success(OUTCOME_IN_PROGRESS));
	assert_false(outcome_is_success(OUTCOME_UNKNOWN));
	assert_false(outcome_is_success(OUTCOME_FAILED));

	int counts[OUTCOME_COUNT] = {2, 1, 0, 1, 0, 0};
	char line[128];
	outcome_summary(counts, line, sizeof(line));
	assert_string_equal(line,
		"2 started, 1 already on, 0 in progress, 1 failed");
	counts[OUTCOME_UNKNOWN] = 1;
	outcome_summary(counts, line, sizeof(line));
	assert_string_equal(line,
		"2 started, 1 already on, 0 in progress, 1 failed, 1 unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_list_lines),
		cmocka_unit_test(test_account_list_errors_name_the_line),
		cmocka_unit_test(test_account_list_file),
		cmocka_unit_test(test_suggest_distance),
		cmocka_unit_test(test_suggest_closest),
		cmocka_unit_test(test_outcome_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
