/* test_store: the TUI model. Merge (mark and sweep keeps marks, cursor and
 * filter; drops vanished rows; adds new ones), filter over every visible
 * column, sort by each column both ways, marks, coverage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "store.h"
#include "store_fixture.h"

static char *
cell_of_member(struct store *s, size_t row, int col)
{
	static char buf[256];
	store_member_cell(store_view_member(s, row), col, buf, sizeof(buf));
	return buf;
}

/* A store with groups g1 "First" (three members) and g2 "Second". */
static struct store *
two_groups(void)
{
	struct store *s = store_new();
	const char *ids[] = {"g1", "g2"};
	const char *names[] = {"First", "Second"};
	merge_groups(s, 2, ids, names);
	merge_detail(s, "g1", "First", three, 3);
	return s;
}

/* ---- merge ------------------------------------------------------------- */

static void
test_merge_adds_groups_sorted_by_name(void **state)
{
	(void)state;
	struct store *s = store_new();
	const char *ids[] = {"g2", "g1", "g3"};
	const char *names[] = {"Zulu", "alpha", "Mike"};
	merge_groups(s, 3, ids, names);
	assert_int_equal(store_group_count(s), 3);
	assert_int_equal(store_view(s, STORE_GROUPS)->nrows, 3);
	assert_string_equal(store_view_group(s, 0)->agg.name, "alpha");
	assert_string_equal(store_view_group(s, 1)->agg.name, "Mike");
	assert_string_equal(store_view_group(s, 2)->agg.name, "Zulu");
	store_free(s);
}

static void
test_merge_sweeps_vanished_and_keeps_cursor(void **state)
{
	(void)state;
	struct store *s = store_new();
	const char *ids[] = {"g1", "g2", "g3"};
	const char *names[] = {"a", "b", "c"};
	merge_groups(s, 3, ids, names);
	store_cursor_set(s, STORE_GROUPS, 2);   /* on "c" */
	/* "a" vanishes and "d" appears: the cursor stays on "c" */
	const char *ids2[] = {"g3", "g2", "g4"};
	const char *names2[] = {"c", "b", "d"};
	merge_groups(s, 3, ids2, names2);
	assert_int_equal(store_group_count(s), 3);
	assert_null(store_group_find(s, "g1"));
	assert_non_null(store_group_find(s, "g4"));
	assert_string_equal(store_selected_group(s)->agg.id, "g3");
	assert_int_equal(store_view(s, STORE_GROUPS)->cursor, 1);
	store_free(s);
}

static void
test_merge_cursor_keeps_position_when_row_goes(void **state)
{
	(void)state;
	struct store *s = store_new();
	const char *ids[] = {"g1", "g2", "g3"};
	const char *names[] = {"a", "b", "c"};
	merge_groups(s, 3, ids, names);
	store_cursor_set(s, STORE_GROUPS, 1);   /* on "b" */
	const char *ids2[] = {"g1", "g3"};
	const char *names2[] = {"a", "c"};
	merge_groups(s, 2, ids2, names2);
	assert_int_equal(store_view(s, STORE_GROUPS)->cursor, 1);
	assert_string_equal(store_selected_group(s)->agg.id, "g3");
	store_free(s);
}

static void
test_merge_groups_keeps_loaded_members(void **state)
{
	(void)state;
	struct store *s = two_groups();
	const char *ids[] = {"g1", "g2"};
	const char *names[] = {"First renamed", "Second"};
	merge_groups(s, 2, ids, names);
	struct store_group *g = store_group_find(s, "g1");
	assert_string_equal(g->agg.name, "First renamed");
	assert_true(g->members_loaded);
	assert_int_equal(g->nmembers, 3);
	store_free(s);
}

static void
test_merge_detail_keeps_marks_cursor_and_filter(void **state)
{
	(void)state;
	struct store *s = two_groups();
	store_toggle_mark(s, 12);
	store_set_filter(s, STORE_MEMBERS, "ha");  /* alpha, charlie */
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 2);
	store_cursor_set(s, STORE_MEMBERS, 1);     /* charlie */
	assert_int_equal(store_selected_member(s)->id, 11);
	/* a refresh: bravo vanishes, hank (matches) and echo (does not)
	 * appear, statuses change */
	const struct m next[] = {
		{14, "echo", RECORDER_REGISTRABLE},
		{11, "charlie", RECORDER_REGISTERED},
		{12, "alpha", RECORDER_BUILDING},
		{15, "hank", RECORDER_REGISTERED},
	};
	merge_detail(s, "g1", "First", next, 4);
	struct store_view *v = store_view(s, STORE_MEMBERS);
	assert_string_equal(v->filter, "ha");
	assert_int_equal(v->nrows, 3);              /* alpha charlie hank */
	assert_int_equal(store_group_find(s, "g1")->nmembers, 4);
	assert_int_equal(store_selected_member(s)->id, 11);
	assert_true(store_account_find(s, 12)->marked);
	assert_int_equal(store_account_find(s, 12)->status, RECORDER_BUILDING);
	assert_int_equal(store_marked_count(s), 1);
	store_free(s);
}

static void
test_merge_drops_vanished_members(void **state)
{
	(void)state;
	struct store *s = two_groups();
	store_toggle_mark(s, 13);
	const struct m next[] = {
		{11, "charlie", RECORDER_REGISTERED},
		{12, "alpha", RECORDER_REGISTRABLE},
	};
	merge_detail(s, "g1", "First", next, 2);
	struct store_group *g = store_group_find(s, "g1");
	assert_int_equal(g->nmembers, 2);
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 2);
	/* a mark on an account no group lists any more does not count */
	assert_int_equal(store_marked_count(s), 0);
	int64_t *ids;
	assert_int_equal(store_marked_ids(s, &ids), 0);
	free(ids);
	store_free(s);
}

static void
test_merge_detail_duplicate_member_listed_once(void **state)
{
	(void)state;
	struct store *s = store_new();
	const struct m dup[] = {
		{11, "x", RECORDER_REGISTERED},
		{11, "x", RECORDER_REGISTERED},
	};
	merge_detail(s, "g1", "G", dup, 2);
	assert_int_equal(store_group_find(s, "g1")->nmembers, 1);
	store_free(s);
}

static void
test_group_switch_remembers_member_cursor(void **state)
{
	(void)state;
	struct store *s = two_groups();
	const struct m other[] = {{21, "zed", RECORDER_REGISTERED}};
	merge_detail(s, "g2", "Second", other, 1);
	store_cursor_set(s, STORE_MEMBERS, 2);   /* First: charlie */
	int64_t before = store_selected_member(s)->id;
	store_cursor_move(s, STORE_GROUPS, 1);  /* Second */
	assert_int_equal(store_selected_member(s)->id, 21);
	store_cursor_move(s, STORE_GROUPS, -1); /* back to First */
	assert_int_equal(store_selected_member(s)->id, before);
	store_free(s);
}

static void
test_start_in_flight_wins_over_list(void **state)
{
	(void)state;
	struct store *s = two_groups();
	store_set_account_op(s, 12, STORE_OP_STARTING);
	merge_detail(s, "g1", "First", three, 3);   /* still REGISTRABLE */
	struct store_account *a = store_account_find(s, 12);
	char cell[64];
	store_member_cell(a, MEMBER_COL_STATUS, cell, sizeof(cell));
	assert_string_equal(cell, "starting");
	/* a following account is done when a refresh shows REGISTERED */
	store_set_account_op(s, 13, STORE_OP_FOLLOWING);
	const struct m done[] = {
		{11, "charlie", RECORDER_REGISTERED},
		{12, "alpha", RECORDER_REGISTRABLE},
		{13, "bravo", RECORDER_REGISTERED},
	};
	merge_detail(s, "g1", "First", done, 3);
	assert_int_equal(store_account_find(s, 13)->op, STORE_OP_NONE);
	store_free(s);
}

/* ---- recorder, errors --------------------------------------------------- */

static void
test_recorder_and_error_cells(void **state)
{
	(void)state;
	struct store *s = two_groups();
	struct recorder r;
	memset(&r, 0, sizeof(r));
	r.status = RECORDER_BUILDING;
	r.status_raw = "BUILDING";
	snprintf(r.request_id, sizeof(r.request_id), "REQ-REC");
	store_set_recorder(s, 12, &r);
	struct store_account *a = store_account_find(s, 12);
	assert_int_equal(a->status, RECORDER_BUILDING);
	assert_string_equal(a->request_id, "REQ-REC");
	struct err e;
	err_set(&e, ERR_API, "no");
	snprintf(e.code, sizeof(e.code), "NoPermission");
	snprintf(e.request_id, sizeof(e.request_id), "REQ-ERR");
	store_set_account_error(s, 12, &e);
	char cell[64];
	store_member_cell(a, MEMBER_COL_ERROR, cell, sizeof(cell));
	assert_string_equal(cell, "NoPermission");
	assert_string_equal(a->request_id, "REQ-ERR");
	store_set_account_error(s, 12, NULL);
	store_member_cell(a, MEMBER_COL_ERROR, cell, sizeof(cell));
	assert_string_equal(cell, "");
	store_free(s);
}

/* ---- filter ------------------------------------------------------------ */

static void
test_filter_members_every_column(void **state)
{
	(void)state;
	struct store *s = two_groups();
	/* by name, case-insensitive */
	store_set_filter(s, STORE_MEMBERS, "ALPHA");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 1);
	assert_int_equal(store_selected_member(s)->id, 12);
	/* by id */
	store_set_filter(s, STORE_MEMBERS, "13");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 1);
	assert_int_equal(store_selected_member(s)->id, 13);
	/* by status */
	store_set_filter(s, STORE_MEMBERS, "registrable");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 1);
	/* by type: everyone */
	store_set_filter(s, STORE_MEMBERS, "resourcedir");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 3);
	/* by error code */
	struct err e;
	err_set(&e, ERR_API, "x");
	snprintf(e.code, sizeof(e.code), "Throttling.User");
	store_set_account_error(s, 11, &e);
	store_set_filter(s, STORE_MEMBERS, "throttling");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 1);
	assert_int_equal(store_selected_member(s)->id, 11);
	/* nothing */
	store_set_filter(s, STORE_MEMBERS, "nomatch");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 0);
	assert_null(store_selected_member(s));
	/* cleared */
	store_set_filter(s, STORE_MEMBERS, "");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 3);
	store_free(s);
}

static void
test_filter_groups_columns(void **state)
{
	(void)state;
	struct store *s = two_groups();
	store_set_filter(s, STORE_GROUPS, "rd");       /* g1 is now CUSTOM */
	assert_int_equal(store_view(s, STORE_GROUPS)->nrows, 0);
	store_set_filter(s, STORE_GROUPS, "SECOND");   /* name, any case */
	assert_int_equal(store_view(s, STORE_GROUPS)->nrows, 1);
	assert_string_equal(store_selected_group(s)->agg.id, "g2");
	/* the members view follows the selected group */
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 0);
	store_set_filter(s, STORE_GROUPS, "1/3");      /* coverage of g1 */
	assert_int_equal(store_view(s, STORE_GROUPS)->nrows, 1);
	assert_string_equal(store_selected_group(s)->agg.id, "g1");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 3);
	store_set_filter(s, STORE_GROUPS, "created");  /* state */
	assert_int_equal(store_view(s, STORE_GROUPS)->nrows, 2);
	store_free(s);
}

static void
test_find_next_wraps(void **state)
{
	(void)state;
	struct store *s = store_new();
	const struct m ms[] = {
		{1, "a-one", RECORDER_REGISTERED},
		{2, "b", RECORDER_REGISTERED},
		{3, "c-one", RECORDER_REGISTERED},
		{4, "d", RECORDER_REGISTERED},
	};
	merge_detail(s, "g1", "G", ms, 4);
	assert_false(store_find_next(s, STORE_MEMBERS, 1));  /* no text yet */
	store_set_filter(s, STORE_MEMBERS, "-one");
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 2);
	store_set_filter(s, STORE_MEMBERS, "");    /* cleared; n/N remain */
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 4);
	store_cursor_set(s, STORE_MEMBERS, 1);     /* b */
	assert_true(store_find_next(s, STORE_MEMBERS, 1));
	assert_string_equal(store_selected_member(s)->name, "c-one");
	assert_true(store_find_next(s, STORE_MEMBERS, 1));   /* wraps */
	assert_string_equal(store_selected_member(s)->name, "a-one");
	assert_true(store_find_next(s, STORE_MEMBERS, -1));  /* wraps back */
	assert_string_equal(store_selected_member(s)->name, "c-one");
	store_set_filter(s, STORE_MEMBERS, "zzz");
	store_set_filter(s, STORE_MEMBERS, "");
	assert_false(store_find_next(s, STORE_MEMBERS, 1));
	store_free(s);
}

/* ---- sort -------------------------------------------------------------- */

static void
test_sort_members_each_column(void **state)
{
	(void)state;
	struct store *s = two_groups();
	struct store_view *v = store_view(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_NAME);
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_NAME), "alpha");
	assert_string_equal(cell_of_member(s, 2, MEMBER_COL_NAME), "charlie");
	store_sort_reverse(s, STORE_MEMBERS);
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_NAME), "charlie");
	store_sort_reverse(s, STORE_MEMBERS);

	store_sort_cycle(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_ID);
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_ID), "11");
	assert_string_equal(cell_of_member(s, 2, MEMBER_COL_ID), "13");

	store_sort_cycle(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_TYPE);
	/* equal types: by id */
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_ID), "11");

	store_sort_cycle(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_STATUS);
	/* uncovered first: REGISTRABLE, BUILDING, REGISTERED */
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_STATUS),
		"REGISTRABLE");
	assert_string_equal(cell_of_member(s, 1, MEMBER_COL_STATUS),
		"BUILDING");
	assert_string_equal(cell_of_member(s, 2, MEMBER_COL_STATUS),
		"REGISTERED");
	store_sort_reverse(s, STORE_MEMBERS);
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_STATUS),
		"REGISTERED");
	store_sort_reverse(s, STORE_MEMBERS);

	store_sort_cycle(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_ERROR);
	struct err e;
	err_set(&e, ERR_API, "x");
	snprintf(e.code, sizeof(e.code), "NoPermission");
	store_set_account_error(s, 13, &e);
	store_view_update(s, STORE_MEMBERS);
	/* rows with an error first */
	assert_string_equal(cell_of_member(s, 0, MEMBER_COL_ID), "13");

	store_sort_cycle(s, STORE_MEMBERS);
	assert_int_equal(v->sort_col, MEMBER_COL_NAME);   /* wraps */
	store_free(s);
}

static void
test_sort_keeps_cursor_on_row(void **state)
{
	(void)state;
	struct store *s = two_groups();
	store_cursor_set(s, STORE_MEMBERS, 0);   /* alpha (12) */
	store_sort_reverse(s, STORE_MEMBERS);
	assert_int_equal(store_selected_member(s)->id, 12);
	assert_int_equal(store_view(s, STORE_MEMBERS)->cursor, 2);
	store_free(s);
}

static void
test_sort_groups_each_column(void **state)
{
	(void)state;
	struct store *s = store_new();
	const char *ids[] = {"g1", "g2", "g3"};
	const char *names[] = {"b", "a", "c"};
	merge_groups(s, 3, ids, names);
	/* g1 RD, g2 CUSTOM, g3 RD (list_of alternates) */
	struct store_view *v = store_view(s, STORE_GROUPS);
	assert_string_equal(store_view_group(s, 0)->agg.name, "a");
	store_sort_cycle(s, STORE_GROUPS);
	assert_int_equal(v->sort_col, GROUP_COL_TYPE);
	assert_string_equal(store_view_group(s, 0)->agg.type, "CUSTOM");
	store_sort_cycle(s, STORE_GROUPS);
	assert_int_equal(v->sort_col, GROUP_COL_STATUS);
	store_group_find(s, "g3")->agg.status = 0;
	store_view_update(s, STORE_GROUPS);
	assert_string_equal(store_view_group(s, 0)->agg.id, "g3");
	store_sort_cycle(s, STORE_GROUPS);
	assert_int_equal(v->sort_col, GROUP_COL_MEMBERS);
	const struct m one[] = {{1, "x", RECORDER_REGISTERED}};
	merge_detail(s, "g2", "a", one, 1);     /* 1 member; others say 3 */
	assert_string_equal(store_view_group(s, 0)->agg.id, "g2");
	store_sort_reverse(s, STORE_GROUPS);
	assert_string_equal(store_view_group(s, 2)->agg.id, "g2");
	store_sort_reverse(s, STORE_GROUPS);
	store_sort_cycle(s, STORE_GROUPS);
	assert_int_equal(v->sort_col, GROUP_COL_COVERAGE);
	const struct m half[] = {
		{1, "x", RECORDER_REGISTERED},
		{2, "y", RECORDER_REGISTRABLE},
	};
	merge_detail(s, "g1", "b", half, 2);
	/* unknown coverage (g3) first, then 1/2 (g1), then 1/1 (g2) */
	assert_string_equal(store_view_group(s, 0)->agg.id, "g3");
	assert_string_equal(store_view_group(s, 1)->agg.id, "g1");
	assert_string_equal(store_view_group(s, 2)->agg.id, "g2");
	store_free(s);
}

/* ---- marks, coverage ---------------------------------------------------- */

static void
test_marks_shared_between_groups(void **state)
{
	(void)state;
	struct store *s = two_groups();
	const struct m other[] = {
		{12, "alpha", RECORDER_REGISTRABLE},
		{21, "zed", RECORDER_REGISTERED},
	};
	merge_detail(s, "g2", "Second", other, 2);
	store_toggle_mark(s, 12);
	store_toggle_mark(s, 21);
	assert_int_equal(store_marked_count(s), 2);
	int64_t *ids;
	size_t n = store_marked_ids(s, &ids);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 12);
	assert_int_equal(ids[1], 21);
	free(ids);
	store_toggle_mark(s, 21);
	assert_int_equal(store_marked_count(s), 1);
	/* the same account seen in g1 shows the mark too */
	assert_true(store_account_find(s, 12)->marked);
	store_clear_marks(s);
	assert_int_equal(store_marked_count(s), 0);
	store_free(s);
}

static void
test_sort_names_naturally(void **state)
{
	(void)state;
	struct store *s = store_new();
	const char *ids[] = {"g1", "g2", "g3", "g4", "g5"};
	const char *names[] = {"Custom group 10", "Custom group 2",
		"custom group 100", "Custom group 02b", "Alpha"};
	merge_groups(s, 5, ids, names);
	const char *want[] = {"Alpha", "Custom group 2", "Custom group 02b",
		"Custom group 10", "custom group 100"};
	for (size_t r = 0; r < 5; r++)
		assert_string_equal(store_view_group(s, r)->agg.name, want[r]);
	store_free(s);
}

/* The count of marks is kept as groups come and go: an account no group
 * lists any more is not counted (nor sent by `e`), and comes back with its
 * mark when a group lists it again. */
static void
test_marked_count_follows_group_changes(void **state)
{
	(void)state;
	struct store *s = two_groups();
	const struct m other[] = {
		{12, "alpha", RECORDER_REGISTRABLE},
		{21, "zed", RECORDER_REGISTERED},
	};
	merge_detail(s, "g2", "Second", other, 2);
	store_toggle_mark(s, 12);
	store_toggle_mark(s, 21);
	store_toggle_mark(s, 13);
	assert_int_equal(store_marked_count(s), 3);
	/* g2 now lists only alpha: zed is gone, alpha is still in g1 */
	merge_detail(s, "g2", "Second", other, 1);
	assert_int_equal(store_marked_count(s), 2);
	int64_t *ids;
	assert_int_equal(store_marked_ids(s, &ids), 2);
	free(ids);
	/* zed is listed again, its mark kept */
	merge_detail(s, "g2", "Second", other, 2);
	assert_int_equal(store_marked_count(s), 3);
	/* g1 vanishes from the list: charlie, alpha, bravo lose g1; alpha
	 * and zed stay through g2 */
	const char *ids2[] = {"g2"};
	const char *names2[] = {"Second"};
	merge_groups(s, 1, ids2, names2);
	assert_int_equal(store_marked_count(s), 2);
	/* a mark toggled twice and a mark on an unlisted account */
	store_toggle_mark(s, 13);
	assert_int_equal(store_marked_count(s), 2);
	store_toggle_mark(s, 12);
	store_toggle_mark(s, 12);
	assert_int_equal(store_marked_count(s), 2);
	store_clear(s);
	assert_int_equal(store_marked_count(s), 0);
	store_free(s);
}

static void
test_coverage(void **state)
{
	(void)state;
	struct store *s = two_groups();
	long reg, total;
	char cell[32];
	store_group_coverage(s, store_group_find(s, "g2"), &reg, &total);
	assert_int_equal(reg, -1);          /* not loaded */
	assert_int_equal(total, 3);         /* the API's count */
	store_group_cell(s, store_group_find(s, "g2"), GROUP_COL_COVERAGE,
		cell, sizeof(cell));
	assert_string_equal(cell, "?/3");
	store_group_coverage(s, store_group_find(s, "g1"), &reg, &total);
	assert_int_equal(reg, 1);
	assert_int_equal(total, 3);
	struct recorder r;
	memset(&r, 0, sizeof(r));
	r.status = RECORDER_REGISTERED;
	store_set_recorder(s, 13, &r);
	store_group_cell(s, store_group_find(s, "g1"), GROUP_COL_COVERAGE,
		cell, sizeof(cell));
	assert_string_equal(cell, "2/3");
	const struct m none[] = {{0, "", RECORDER_UNKNOWN}};
	merge_detail(s, "g3", "Empty", none, 0);
	store_group_cell(s, store_group_find(s, "g3"), GROUP_COL_COVERAGE,
		cell, sizeof(cell));
	assert_string_equal(cell, "0/0");
	store_free(s);
}

static void
test_clear_and_large_store(void **state)
{
	(void)state;
	struct store *s = store_new();
	size_t n = 5000;
	struct m *ms = xcalloc(n, sizeof(*ms));
	char (*names)[16] = xcalloc(n, sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "acct-%05zu", n - i);
		ms[i].id = (int64_t)(1000000000000000 + i);
		ms[i].name = names[i];
		ms[i].st = (enum recorder_status)(1 + i % 4);
	}
	merge_detail(s, "big", "Big", ms, n);
	assert_int_equal(store_account_count(s), n);
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, n);
	assert_string_equal(store_view_member(s, 0)->name, "acct-00001");
	assert_non_null(store_account_find(s, 1000000000000000 + 4321));
	store_clear(s);
	assert_int_equal(store_group_count(s), 0);
	assert_null(store_account_find(s, 1000000000000000));
	assert_null(store_selected_group(s));
	free(ms);
	free(names);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_adds_groups_sorted_by_name),
		cmocka_unit_test(test_merge_sweeps_vanished_and_keeps_cursor),
		cmocka_unit_test(test_merge_cursor_keeps_position_when_row_goes),
		cmocka_unit_test(test_merge_groups_keeps_loaded_members),
		cmocka_unit_test(test_merge_detail_keeps_marks_cursor_and_filter),
		cmocka_unit_test(test_merge_drops_vanished_members),
		cmocka_unit_test(test_merge_detail_duplicate_member_listed_once),
		cmocka_unit_test(test_group_switch_remembers_member_cursor),
		cmocka_unit_test(test_start_in_flight_wins_over_list),
		cmocka_unit_test(test_recorder_and_error_cells),
		cmocka_unit_test(test_filter_members_every_column),
		cmocka_unit_test(test_filter_groups_columns),
		cmocka_unit_test(test_find_next_wraps),
		cmocka_unit_test(test_sort_members_each_column),
		cmocka_unit_test(test_sort_keeps_cursor_on_row),
		cmocka_unit_test(test_sort_groups_each_column),
		cmocka_unit_test(test_marks_shared_between_groups),
		cmocka_unit_test(test_sort_names_naturally),
		cmocka_unit_test(test_marked_count_follows_group_changes),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_clear_and_large_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
