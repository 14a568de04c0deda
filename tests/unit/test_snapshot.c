/* test_snapshot: building snapshots from groups, the transitions between
 * two of them, saving / pruning / loading files, durations and --since. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "snapshot.h"

#define A1 INT64_C(1000000000000001)
#define A2 INT64_C(1000000000000002)
#define A3 INT64_C(1000000000000003)
#define A4 INT64_C(1000000000000004)

struct m {
	int64_t id;
	const char *name;
	enum recorder_status status;
};

/* A group detail from a table of members (the model's own types). */
static void
add_group(struct snapshot *s, const char *id, const char *name,
	const struct m *ms, size_t n)
{
	struct aggregator_detail d;
	memset(&d, 0, sizeof(d));
	d.agg.id = (char *)id;
	d.agg.name = (char *)name;
	d.members = calloc(n ? n : 1, sizeof(*d.members));
	for (size_t i = 0; i < n; i++) {
		d.members[i].account_id = ms[i].id;
		d.members[i].name = (char *)ms[i].name;
		d.members[i].status = ms[i].status;
	}
	d.nmembers = n;
	snapshot_add_group(s, &d);
	free(d.members);
}

static void
finish_merges_accounts_across_groups(void **state)
{
	(void)state;
	struct snapshot s;
	snapshot_init(&s, 100);
	const struct m g1[] = {{A2, "b", RECORDER_REGISTERED},
		{A1, "a", RECORDER_REGISTRABLE}};
	const struct m g2[] = {{A2, "b", RECORDER_REGISTERED}};
	add_group(&s, "ca-2", "Two", g2, 1);
	add_group(&s, "ca-1", "One", g1, 2);
	snapshot_finish(&s);
	assert_int_equal(s.naccounts, 2);
	assert_true(s.accounts[0].id == A1);
	assert_true(s.accounts[1].id == A2);
	assert_int_equal(s.accounts[1].ngroups, 2);
	assert_string_equal(s.accounts[1].groups[0], "ca-1");
	assert_string_equal(s.accounts[1].groups[1], "ca-2");
	assert_string_equal(s.accounts[0].status, "REGISTRABLE");
	assert_non_null(snapshot_find(&s, A2));
	assert_null(snapshot_find(&s, A3));
	assert_string_equal(snapshot_group_name(&s, "ca-2"), "Two");
	snapshot_free(&s);
}

static const struct snapshot_change *
find_change(const struct snapshot_change *c, size_t n, int64_t id,
	enum snapshot_change_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].account == id && c[i].kind == k)
			return &c[i];
	return NULL;
}

static void
diff_reports_every_transition(void **state)
{
	(void)state;
	struct snapshot then, now;
	snapshot_init(&then, 100);
	snapshot_init(&now, 200);
	/* then: A1 REGISTERED in ca-1; A2 REGISTRABLE in ca-1, ca-2; A3 in ca-2 */
	const struct m t1[] = {{A1, "a", RECORDER_REGISTERED},
		{A2, "b", RECORDER_REGISTRABLE}};
	const struct m t2[] = {{A2, "b", RECORDER_REGISTRABLE},
		{A3, "c", RECORDER_REGISTERED}};
	add_group(&then, "ca-1", "One", t1, 2);
	add_group(&then, "ca-2", "Two", t2, 2);
	snapshot_finish(&then);
	/* now: A1 fell back; A2 REGISTERED, left ca-2, joined ca-3; A3 gone;
	 * A4 new */
	const struct m n1[] = {{A1, "a", RECORDER_REGISTRABLE},
		{A2, "b", RECORDER_REGISTERED}};
	const struct m n3[] = {{A2, "b", RECORDER_REGISTERED},
		{A4, "d", RECORDER_BUILDING}};
	add_group(&now, "ca-1", "One", n1, 2);
	add_group(&now, "ca-3", "Three", n3, 2);
	snapshot_finish(&now);

	struct snapshot_change *c;
	size_t n = snapshot_diff(&then, &now, &c);
	assert_int_equal(n, 6);
	const struct snapshot_change *x;
	x = find_change(c, n, A1, SNAP_STATUS);
	assert_non_null(x);
	assert_string_equal(x->from, "REGISTERED");
	assert_string_equal(x->to, "REGISTRABLE");
	assert_string_equal(x->name, "a");
	x = find_change(c, n, A2, SNAP_STATUS);
	assert_non_null(x);
	assert_string_equal(x->to, "REGISTERED");
	x = find_change(c, n, A2, SNAP_LEFT_GROUP);
	assert_non_null(x);
	assert_string_equal(x->from, "ca-2");
	assert_string_equal(x->group_name, "Two");
	x = find_change(c, n, A2, SNAP_JOINED_GROUP);
	assert_non_null(x);
	assert_string_equal(x->to, "ca-3");
	assert_string_equal(x->group_name, "Three");
	x = find_change(c, n, A3, SNAP_DISAPPEARED);
	assert_non_null(x);
	assert_string_equal(x->from, "REGISTERED");
	assert_null(x->to);
	x = find_change(c, n, A4, SNAP_APPEARED);
	assert_non_null(x);
	assert_string_equal(x->to, "BUILDING");
	/* Sorted by account. */
	for (size_t i = 1; i < n; i++)
		assert_true(c[i - 1].account <= c[i].account);
	free(c);

	/* The same snapshot against itself: nothing. */
	n = snapshot_diff(&now, &now, &c);
	assert_int_equal(n, 0);
	free(c);
	snapshot_free(&then);
	snapshot_free(&now);
}

static void
diff_directory_membership(void **state)
{
	(void)state;
	struct snapshot then, now;
	snapshot_init(&then, 100);
	snapshot_init(&now, 200);
	const struct m g[] = {{A1, "a", RECORDER_REGISTERED}};
	add_group(&then, "ca-1", "One", g, 1);
	add_group(&now, "ca-1", "One", g, 1);
	snapshot_add_directory_account(&then, A1, "a");
	snapshot_add_directory_account(&then, A2, "b");   /* in no group */
	snapshot_add_directory_account(&now, A1, "a");
	snapshot_add_directory_account(&now, A3, "c");
	snapshot_finish(&then);
	snapshot_finish(&now);
	assert_true(then.has_directory);
	struct snapshot_change *c;
	size_t n = snapshot_diff(&then, &now, &c);
	assert_int_equal(n, 2);
	assert_non_null(find_change(c, n, A2, SNAP_LEFT_DIRECTORY));
	assert_non_null(find_change(c, n, A3, SNAP_JOINED_DIRECTORY));
	/* A directory-only account has no status: joining a group is not a
	 * status change. */
	free(c);
	snapshot_free(&then);
	snapshot_free(&now);
}

static void
duration_parsing(void **state)
{
	(void)state;
	long s;
	assert_int_equal(snapshot_parse_duration("90", &s), 0);
	assert_int_equal(s, 90);
	assert_int_equal(snapshot_parse_duration("15m", &s), 0);
	assert_int_equal(s, 900);
	assert_int_equal(snapshot_parse_duration("2h", &s), 0);
	assert_int_equal(s, 7200);
	assert_int_equal(snapshot_parse_duration("7d", &s), 0);
	assert_int_equal(s, 7 * 86400);
	assert_int_equal(snapshot_parse_duration("1w", &s), 0);
	assert_int_equal(s, 7 * 86400);
	assert_int_equal(snapshot_parse_duration("", &s), -1);
	assert_int_equal(snapshot_parse_duration("h", &s), -1);
	assert_int_equal(snapshot_parse_duration("2hh", &s), -1);
	assert_int_equal(snapshot_parse_duration("-1h", &s), -1);
	assert_int_equal(snapshot_parse_duration("3y", &s), -1);
	assert_int_equal(snapshot_parse_duration("99999999999w", &s), -1);
}

static char *
temp_dir(void)
{
	char *d = strdup("/tmp/alicfg-test-snapshot-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static void
remove_dir(char *d)
{
	struct buf cmd = BUF_INIT;
	buf_printf(&cmd, "rm -rf '%s'", d);
	assert_int_equal(system(buf_str(&cmd)), 0);
	buf_free(&cmd);
	free(d);
}

static void
save_load_and_prune(void **state)
{
	(void)state;
	char *dir = temp_dir();
	struct snapshot s;
	snapshot_init(&s, 1795997947);
	s.caller = A1;
	const struct m g[] = {{A1, "生产环境", RECORDER_REGISTERED},
		{A2, NULL, RECORDER_UNKNOWN}};
	add_group(&s, "ca-1", "One \"quoted\"", g, 2);
	snapshot_finish(&s);
	struct err e;
	err_clear(&e);
	char name[128];
	for (int i = 0; i < 5; i++)
		assert_int_equal(snapshot_save(dir, &s, 3, name, sizeof(name),
			&e), 0);
	char **names;
	size_t n;
	assert_int_equal(snapshot_list(dir, &names, &n, &e), 0);
	assert_int_equal(n, 3);                       /* pruned to keep */
	assert_string_equal(names[2], name);          /* newest kept */
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", dir, name);
	struct snapshot back;
	assert_int_equal(snapshot_load(buf_str(&path), &back, &e), 0);
	assert_true(back.taken == 1795997947);
	assert_true(back.caller == A1);
	assert_int_equal(back.naccounts, 2);
	assert_string_equal(back.accounts[0].name, "生产环境");
	assert_string_equal(back.accounts[0].status, "REGISTERED");
	assert_null(back.accounts[1].name);
	assert_null(back.accounts[1].status);
	assert_string_equal(snapshot_group_name(&back, "ca-1"),
		"One \"quoted\"");
	struct snapshot_change *c;
	assert_int_equal(snapshot_diff(&s, &back, &c), 0);
	free(c);
	snapshot_free(&back);
	/* A file that is not a snapshot: a clear error, nothing loaded. */
	buf_free(&path);
	buf_printf(&path, "%s/bad.json", dir);
	FILE *f = fopen(buf_str(&path), "w");
	assert_non_null(f);
	fputs("{\"accounts\": 3}", f);
	fclose(f);
	assert_int_equal(snapshot_load(buf_str(&path), &back, &e), -1);
	assert_non_null(strstr(e.message, "not an alicfg snapshot"));
	buf_free(&path);
	snapshot_list_free(names, n);
	snapshot_free(&s);
	remove_dir(dir);
}

static void
touch(const char *dir, const char *name)
{
	struct buf p = BUF_INIT;
	buf_printf(&p, "%s/%s", dir, name);
	FILE *f = fopen(buf_str(&p), "w");
	assert_non_null(f);
	fclose(f);
	buf_free(&p);
}

static void
pick_by_duration_and_name(void **state)
{
	(void)state;
	char *dir = temp_dir();
	struct err e;
	err_clear(&e);
	const char *note;
	/* No snapshot yet. */
	assert_null(snapshot_pick(dir, NULL, 0, &note, &e));
	assert_int_equal(e.kind, ERR_CONFIG);
	/* 2026-11-30 00:00, 06:00, 12:00 UTC. */
	touch(dir, "20261130T000000.000Z-1-0.json");
	touch(dir, "20261130T060000.000Z-1-0.json");
	touch(dir, "20261130T120000.000Z-1-0.json");
	touch(dir, "notes.txt");
	time_t noon = 1795996800 + 12 * 3600;
	char *p = snapshot_pick(dir, NULL, noon, &note, &e);
	assert_non_null(strstr(p, "T120000"));
	free(p);
	p = snapshot_pick(dir, "5h", noon, &note, &e);   /* at or before 07:00 */
	assert_non_null(strstr(p, "T060000"));
	assert_null(note);
	free(p);
	p = snapshot_pick(dir, "6h", noon, &note, &e);   /* exactly 06:00 */
	assert_non_null(strstr(p, "T060000"));
	free(p);
	p = snapshot_pick(dir, "7d", noon, &note, &e);   /* none that old */
	assert_non_null(strstr(p, "T000000"));
	assert_non_null(note);
	free(p);
	p = snapshot_pick(dir, "20261130T060000.000Z-1-0.json", noon, &note, &e);
	assert_non_null(strstr(p, "T060000"));
	free(p);
	err_clear(&e);
	assert_null(snapshot_pick(dir, "yesterday", noon, &note, &e));
	assert_int_equal(e.kind, ERR_USAGE);
	assert_non_null(strstr(e.message, "yesterday"));
	remove_dir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finish_merges_accounts_across_groups),
		cmocka_unit_test(diff_reports_every_transition),
		cmocka_unit_test(diff_directory_membership),
		cmocka_unit_test(duration_parsing),
		cmocka_unit_test(save_load_and_prune),
		cmocka_unit_test(pick_by_duration_and_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
