/* test_check: the allow-list format and who is an offender. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"

#define A1 INT64_C(1000000000000001)
#define A2 INT64_C(1000000000000002)
#define A3 INT64_C(1000000000000003)
#define A4 INT64_C(1000000000000004)
#define A5 INT64_C(1000000000000005)

static int
parse(const char *text, struct check_allow *a, struct err *e)
{
	err_clear(e);
	return check_allow_parse(text, strlen(text), "allow.txt", a, e);
}

static void
allow_list_format(void **state)
{
	(void)state;
	struct check_allow a;
	struct err e;
	assert_int_equal(parse("# known exceptions\n"
		"1000000000000003\n"
		"\n"
		"   1000000000000001   # the management account\n"
		"\t1000000000000002\r\n"
		"# 1000000000000004 is commented out\n", &a, &e), 0);
	assert_int_equal(a.n, 3);
	assert_true(check_allow_has(&a, A1));
	assert_true(check_allow_has(&a, A2));
	assert_true(check_allow_has(&a, A3));
	assert_false(check_allow_has(&a, A4));
	check_allow_free(&a);
	/* No final newline; empty file. */
	assert_int_equal(parse("1000000000000004", &a, &e), 0);
	assert_true(check_allow_has(&a, A4));
	check_allow_free(&a);
	assert_int_equal(parse("", &a, &e), 0);
	assert_int_equal(a.n, 0);
	assert_false(check_allow_has(&a, A4));
	check_allow_free(&a);
}

static void
allow_list_bad_lines(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"1000000000000001\nprod-web\n",          /* a name */
		"1000000000000001 1000000000000002\n",   /* two ids */
		"0\n",                                   /* not an id */
		"99999999999999999999\n",                /* out of range */
		"-1000000000000001\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct check_allow a;
		struct err e;
		assert_int_equal(parse(bad[i], &a, &e), -1);
		assert_int_equal(e.kind, ERR_USAGE);
		assert_non_null(strstr(e.message, "allow.txt:"));
		assert_null(a.ids);
	}
	struct check_allow a;
	struct err e;
	assert_int_equal(parse("# ok\n1000000000000001\nnope\n", &a, &e), -1);
	assert_non_null(strstr(e.message, "allow.txt:3: 'nope'"));
}

static void
member(struct aggregator_detail *d, size_t i, int64_t id, const char *name,
	enum recorder_status st)
{
	d->members[i].account_id = id;
	d->members[i].name = (char *)name;
	d->members[i].status = st;
}

static const struct check_offender *
find(const struct check_offender *o, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (o[i].account->id == id)
			return &o[i];
	return NULL;
}

static void
offenders(void **state)
{
	(void)state;
	struct snapshot s;
	snapshot_init(&s, 1);
	struct aggregator_detail d;
	memset(&d, 0, sizeof(d));
	d.agg.id = "ca-1";
	d.agg.name = "One";
	d.members = calloc(3, sizeof(*d.members));
	d.nmembers = 3;
	member(&d, 0, A1, "mgmt", RECORDER_REGISTERED);
	member(&d, 1, A2, "web", RECORDER_REGISTRABLE);
	member(&d, 2, A3, "db", RECORDER_BUILDING);
	snapshot_add_group(&s, &d);
	free(d.members);
	snapshot_finish(&s);

	/* Groups only: in no group is not knowable, not an offence. */
	struct check_offender *o;
	size_t n = check_offenders(&s, NULL, 0, NULL, &o);
	assert_int_equal(n, 2);
	assert_null(find(o, n, A1));
	assert_int_equal(find(o, n, A2)->reasons, CHECK_NOT_REGISTERED);
	assert_int_equal(find(o, n, A3)->reasons, CHECK_NOT_REGISTERED);
	char text[256];
	check_reason_text(find(o, n, A3), text, sizeof(text));
	assert_string_equal(text, "not REGISTERED (BUILDING)");
	free(o);

	/* With the directory: A4 (REGISTERED) and A5 (unreachable) in no
	 * group; A1 is in the directory and a group. */
	snapshot_add_directory_account(&s, A1, "mgmt");
	snapshot_add_directory_account(&s, A4, "lab");
	snapshot_add_directory_account(&s, A5, "invited");
	snapshot_finish(&s);
	for (size_t i = 0; i < s.naccounts; i++)
		if (s.accounts[i].id == A4)
			s.accounts[i].status = strdup("REGISTERED");
	struct check_unreachable u = {A5, "EntityNotExist.Role"};
	struct check_allow allow;
	struct err e;
	assert_int_equal(parse("1000000000000003\n", &allow, &e), 0);
	n = check_offenders(&s, &u, 1, &allow, &o);
	assert_int_equal(n, 4);
	assert_null(find(o, n, A1));
	assert_int_equal(find(o, n, A4)->reasons, CHECK_NO_GROUP);
	assert_int_equal(find(o, n, A5)->reasons,
		CHECK_NO_GROUP | CHECK_UNREACHABLE);
	assert_true(find(o, n, A3)->allowed);
	assert_false(find(o, n, A2)->allowed);
	check_reason_text(find(o, n, A5), text, sizeof(text));
	assert_string_equal(text, "in no group; not reachable (EntityNotExist.Role)");
	free(o);
	check_allow_free(&allow);
	snapshot_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allow_list_format),
		cmocka_unit_test(allow_list_bad_lines),
		cmocka_unit_test(offenders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
