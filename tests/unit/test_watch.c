/* test_watch: first sightings against the previous session, live changes,
 * which of them notify, and the "changed" bookkeeping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "watch.h"

#define A1 INT64_C(1000000000000001)
#define A2 INT64_C(1000000000000002)
#define A3 INT64_C(1000000000000003)

static void
baseline_marks_quietly(void **state)
{
	(void)state;
	struct snapshot base;
	snapshot_init(&base, 1000);
	snapshot_add_group_info(&base, "ca-1", "One");
	snapshot_add_membership(&base, A1, "a", "REGISTRABLE", "ca-1");
	snapshot_add_membership(&base, A2, "b", "REGISTERED", "ca-1");
	snapshot_finish(&base);
	struct watch *w = watch_new();
	watch_set_baseline(w, &base);
	snapshot_free(&base);   /* the watch keeps its own copy */
	assert_true(watch_has_baseline(w));
	assert_true(watch_baseline_time(w) == 1000);

	/* changed since the last session: marked, no event */
	assert_int_equal(watch_observe(w, A1, "REGISTERED", 2000), WATCH_NONE);
	assert_true(watch_changed(w, A1));
	const struct watch_entry *e = watch_get(w, A1);
	assert_string_equal(e->prev, "REGISTRABLE");
	assert_false(e->live);
	/* unchanged, and unknown to the baseline: not marked */
	assert_int_equal(watch_observe(w, A2, "REGISTERED", 2000), WATCH_NONE);
	assert_false(watch_changed(w, A2));
	assert_int_equal(watch_observe(w, A3, "BUILDING", 2000), WATCH_NONE);
	assert_false(watch_changed(w, A3));
	assert_int_equal(watch_changed_count(w), 1);
	/* the same status again: nothing */
	assert_int_equal(watch_observe(w, A1, "REGISTERED", 2001), WATCH_NONE);
	assert_int_equal(watch_changed_count(w), 1);
	watch_free(w);
}

static void
live_changes_and_events(void **state)
{
	(void)state;
	struct watch *w = watch_new();
	assert_false(watch_has_baseline(w));
	watch_observe(w, A1, "REGISTRABLE", 10);
	watch_observe(w, A2, "REGISTERED", 10);
	watch_observe(w, A3, "REGISTRABLE", 10);
	/* not followed: reaching REGISTERED is a change, not news */
	assert_int_equal(watch_observe(w, A3, "REGISTERED", 11), WATCH_CHANGED);
	/* followed (started here): BUILDING, then REGISTERED is news, once */
	watch_follow(w, A1);
	assert_int_equal(watch_observe(w, A1, "BUILDING", 12), WATCH_CHANGED);
	assert_int_equal(watch_observe(w, A1, "REGISTERED", 13),
		WATCH_REACHED_REGISTERED);
	const struct watch_entry *e = watch_get(w, A1);
	assert_true(e->live);
	assert_string_equal(e->prev, "BUILDING");
	assert_true(e->changed_at == 13);
	assert_false(e->followed);
	/* any REGISTERED account falling back is news */
	assert_int_equal(watch_observe(w, A2, "REGISTRABLE", 14),
		WATCH_FELL_BACK);
	assert_int_equal(watch_observe(w, A1, "REBUILDING", 15),
		WATCH_FELL_BACK);
	assert_int_equal(watch_changed_count(w), 3);
	/* empty status and id 0 are ignored */
	assert_int_equal(watch_observe(w, A2, "", 16), WATCH_NONE);
	assert_int_equal(watch_observe(w, 0, "REGISTERED", 16), WATCH_NONE);
	watch_reset(w);
	assert_int_equal(watch_changed_count(w), 0);
	assert_null(watch_get(w, A1));
	watch_free(w);
}

static void
many_accounts(void **state)
{
	(void)state;
	struct watch *w = watch_new();
	for (int64_t i = 1; i <= 20000; i++)
		watch_observe(w, A1 + i, "REGISTRABLE", 1);
	for (int64_t i = 1; i <= 20000; i += 2)
		watch_observe(w, A1 + i, "REGISTERED", 2);
	assert_int_equal(watch_changed_count(w), 10000);
	assert_true(watch_changed(w, A1 + 1));
	assert_false(watch_changed(w, A1 + 2));
	assert_string_equal(watch_get(w, A1 + 19999)->now, "REGISTERED");
	watch_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(baseline_marks_quietly),
		cmocka_unit_test(live_changes_and_events),
		cmocka_unit_test(many_accounts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
