/* test_directory: the pure half of directory.c — combining the directory
 * with the groups (groups count, statuses from groups, members that left
 * the directory), coverage counts per group and overall, and the access
 * diagnoses with the fix each one names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "directory.h"
#include "store.h"

static void
add_rd(struct directory *d, int64_t id, const char *name)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"Accounts\":{\"Account\":[{"
		"\"AccountId\":\"%lld\",\"DisplayName\":\"%s\"}]}}",
		(long long)id, name);
	char *tok;
	size_t n;
	struct err e;
	err_clear(&e);
	assert_int_equal(rd_parse_accounts_page(body, strlen(body), &d->rd,
		&tok, &n, &e), 0);
	d->have_rd = true;
}

static void
add_group(struct directory *d, const char *id, const int64_t *members,
	const char *const *status, size_t n)
{
	if (!d->list) {
		d->list = xcalloc(1, sizeof(*d->list));
		d->have_groups = true;
	}
	size_t g = d->list->count++;
	d->list->items = xrealloc(d->list->items,
		d->list->count * sizeof(*d->list->items));
	memset(&d->list->items[g], 0, sizeof(d->list->items[g]));
	d->list->items[g].id = xstrdup(id);
	d->details = xrealloc(d->details, (g + 1) * sizeof(*d->details));
	d->ndetails = g + 1;
	struct aggregator_detail *det = xcalloc(1, sizeof(*det));
	det->agg.id = xstrdup(id);
	det->members = xcalloc(n, sizeof(*det->members));
	det->nmembers = n;
	for (size_t i = 0; i < n; i++) {
		det->members[i].account_id = members[i];
		det->members[i].name = xstrdup("from-group");
		det->members[i].status_raw = xstrdup(status[i]);
		det->members[i].status = model_recorder_status_parse(status[i]);
	}
	d->details[g] = det;
}

static void
demo(struct directory *d)
{
	directory_init(d);
	add_rd(d, 3, "c");
	add_rd(d, 1, "a");
	add_rd(d, 2, "b");
	rd_account_list_sort(&d->rd);
	static const int64_t g0[] = {1, 2, 9};
	static const char *const s0[] = {"REGISTERED", "REGISTRABLE",
		"BUILDING"};
	static const int64_t g1[] = {2};
	static const char *const s1[] = {"REGISTRABLE"};
	add_group(d, "ca-0", g0, s0, 3);
	add_group(d, "ca-1", g1, s1, 1);
	directory_build(d);
}

static void
test_build(void **state)
{
	(void)state;
	struct directory d;
	demo(&d);
	assert_int_equal(d.n, 4);
	struct dir_entry *a = directory_find(&d, 1);
	struct dir_entry *b = directory_find(&d, 2);
	struct dir_entry *c = directory_find(&d, 3);
	struct dir_entry *gone = directory_find(&d, 9);
	assert_non_null(a);
	assert_int_equal(a->ngroups, 1);
	assert_string_equal(a->name, "a");       /* the directory's name wins */
	assert_int_equal(a->status, RECORDER_REGISTERED);
	assert_int_equal(b->ngroups, 2);
	assert_int_equal(c->ngroups, 0);
	assert_null(c->status_raw);              /* unknown until read */
	assert_null(gone->rd);                   /* in a group, not in the directory */
	assert_string_equal(gone->name, "from-group");
	assert_null(directory_find(&d, 4));
	/* Rebuilding gives the same answer (no doubled groups). */
	directory_build(&d);
	assert_int_equal(directory_find(&d, 2)->ngroups, 2);
	directory_free(&d);
}

static void
test_coverage(void **state)
{
	(void)state;
	struct directory d;
	demo(&d);
	struct dir_coverage c;
	directory_coverage(&d, DIR_ALL, &c);
	assert_int_equal(c.accounts, 3);         /* the directory, not 9 */
	assert_int_equal(c.in_directory, 3);
	assert_int_equal(c.in_group, 2);
	assert_int_equal(c.registered, 1);
	assert_int_equal(c.not_recording, 1);
	assert_int_equal(c.unknown, 1);
	directory_coverage(&d, 0, &c);
	assert_int_equal(c.accounts, 3);
	assert_int_equal(c.in_directory, 2);
	assert_int_equal(c.starting, 1);
	/* A blocked account counts as not reachable. */
	directory_find(&d, 3)->access = DIR_ACCESS_NO_ROLE;
	directory_coverage(&d, DIR_ALL, &c);
	assert_int_equal(c.unreachable, 1);
	/* Without the directory, the organisation is every group member. */
	d.have_rd = false;
	directory_build(&d);
	directory_coverage(&d, DIR_ALL, &c);
	assert_int_equal(c.accounts, 3);
	assert_int_equal(c.in_directory, 0);
	directory_free(&d);
}

static void
assume_err(struct err *e, long status, const char *code)
{
	err_clear(e);
	e->kind = ERR_API;
	e->http_status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->message, sizeof(e->message), "assuming acs:ram::5:role/"
		"ResourceDirectoryAccountAccessRole: server words");
}

static void
test_diagnose(void **state)
{
	(void)state;
	struct err e;
	char msg[1024];
	err_clear(&e);
	assert_int_equal(dir_diagnose(&e, 5, NULL, 1, false, msg, sizeof(msg)),
		DIR_ACCESS_OK);

	assume_err(&e, 404, "EntityNotExist.Role");
	assert_int_equal(dir_diagnose(&e, 5, NULL, 1, false, msg, sizeof(msg)),
		DIR_ACCESS_NO_ROLE);
	assert_non_null(strstr(msg, "acs:ram::5:role/"
		"ResourceDirectoryAccountAccessRole does not exist"));
	assert_non_null(strstr(msg, "invited account can delete it"));
	assert_int_equal(dir_diagnose(&e, 5, NULL, 0, false, msg, sizeof(msg)),
		DIR_ACCESS_NOT_MEMBER);
	assert_non_null(strstr(msg, "not (or no longer) in the resource "
		"directory"));
	assert_int_equal(dir_diagnose(&e, 5, "OpsRole", -1, false, msg,
		sizeof(msg)), DIR_ACCESS_NO_ROLE);
	assert_non_null(strstr(msg, "acs:ram::5:role/OpsRole"));

	assume_err(&e, 403, "NoPermission");
	assert_int_equal(dir_diagnose(&e, 5, NULL, 1, false, msg, sizeof(msg)),
		DIR_ACCESS_DENIED);
	assert_non_null(strstr(msg, "sts:AssumeRole"));
	assert_non_null(strstr(msg, "acs:ram::5:role/"
		"ResourceDirectoryAccountAccessRole"));
	assert_int_equal(dir_diagnose(&e, 5, NULL, 1, true, msg, sizeof(msg)),
		DIR_ACCESS_ROOT_KEY);
	assert_non_null(strstr(msg, "root AccessKey"));

	/* Not an access problem: the error as it is. */
	err_clear(&e);
	err_set(&e, ERR_NETWORK, "connection refused");
	assert_int_equal(dir_diagnose(&e, 5, NULL, 1, false, msg, sizeof(msg)),
		DIR_ACCESS_ERROR);
	assert_non_null(strstr(msg, "connection refused"));
	assert_false(dir_access_blocked(DIR_ACCESS_ERROR));
	assert_true(dir_access_blocked(DIR_ACCESS_DENIED));
	assert_string_equal(dir_access_name(DIR_ACCESS_NOT_MEMBER),
		"not-in-directory");
}

static struct aggregator_detail *
detail_of(const char *id, const int64_t *ids, size_t n)
{
	struct aggregator_detail *d = xcalloc(1, sizeof(*d));
	d->agg.id = xstrdup(id);
	d->agg.name = xstrdup(id);
	d->agg.type = xstrdup("CUSTOM");
	d->members = xcalloc(n ? n : 1, sizeof(*d->members));
	d->nmembers = n;
	for (size_t i = 0; i < n; i++) {
		d->members[i].account_id = ids[i];
		d->members[i].status = RECORDER_REGISTERED;
		d->members[i].status_raw = xstrdup("REGISTERED");
	}
	return d;
}

/* The store side of the TUI's Directory entry: a pinned group stays on
 * top and through list answers, and GROUPS counts the real groups. */
static void
test_store_pinned_entry(void **state)
{
	(void)state;
	struct store *s = store_new();
	struct aggregator_list l = {0};
	l.count = 2;
	l.items = xcalloc(2, sizeof(*l.items));
	l.items[0].id = xstrdup("ca-b");
	l.items[0].name = xstrdup("b");
	l.items[1].id = xstrdup("ca-c");
	l.items[1].name = xstrdup("c");
	store_merge_groups(s, &l);
	static const int64_t gb[] = {1, 2}, gc[] = {2}, all[] = {1, 2, 3};
	struct aggregator_detail *db = detail_of("ca-b", gb, 2);
	struct aggregator_detail *dc = detail_of("ca-c", gc, 1);
	struct aggregator_detail *dd = detail_of("a-directory", all, 3);
	store_merge_group_detail(s, db);
	store_merge_group_detail(s, dd);
	store_set_group_pinned(s, "a-directory");
	store_view_update(s, STORE_GROUPS);
	/* ca-c not loaded yet: counts unknown */
	assert_int_equal(store_account_find(s, 1)->groups, -1);
	assert_false(store_groups_loaded(s));
	store_merge_group_detail(s, dc);
	store_view_update(s, STORE_GROUPS);
	assert_true(store_groups_loaded(s));
	assert_int_equal(store_account_find(s, 1)->groups, 1);
	assert_int_equal(store_account_find(s, 2)->groups, 2);
	assert_int_equal(store_account_find(s, 3)->groups, 0);
	char cell[32];
	store_member_cell(store_account_find(s, 3), MEMBER_COL_GROUPS, cell,
		sizeof(cell));
	assert_string_equal(cell, "0");
	/* First row even sorted in reverse by name. */
	store_sort_reverse(s, STORE_GROUPS);
	assert_string_equal(store_view_group(s, 0)->agg.id, "a-directory");
	/* A list answer does not sweep it away. */
	store_merge_groups(s, &l);
	store_view_update(s, STORE_GROUPS);
	assert_non_null(store_pinned_group(s));
	/* Sorting members skips GROUPS unless the Directory is shown. */
	store_cursor_set(s, STORE_GROUPS, 1);
	store_view_update(s, STORE_GROUPS);
	struct store_view *v = store_view(s, STORE_MEMBERS);
	for (int i = 0; i < MEMBER_NCOLS; i++) {
		store_sort_cycle(s, STORE_MEMBERS);
		assert_int_not_equal(v->sort_col, MEMBER_COL_GROUPS);
	}
	store_remove_group(s, "a-directory");
	assert_null(store_pinned_group(s));
	store_free(s);
	model_aggregator_detail_free(db);
	model_aggregator_detail_free(dc);
	model_aggregator_detail_free(dd);
	free(db);
	free(dc);
	free(dd);
	model_aggregator_list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_diagnose),
		cmocka_unit_test(test_store_pinned_entry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
