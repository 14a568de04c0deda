/* test_audit: the records written around StartConfigurationRecorder, the
 * modes of what gets created, and failures to write. */
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
#include <jansson.h>

#include "audit.h"

struct fixture {
	char dir[256];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/alicfg-test-audit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* Every line of the file as a JSON object; returns the count. */
static size_t
read_records(const char *path, json_t **out, size_t max)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char line[4096];
	size_t n = 0;
	while (fgets(line, sizeof(line), fp) && n < max) {
		assert_non_null(strchr(line, '\n'));
		json_error_t je;
		out[n] = json_loads(line, 0, &je);
		if (!out[n])
			fail_msg("line %zu is not JSON: %s", n + 1, je.text);
		n++;
	}
	fclose(fp);
	return n;
}

static const char *
field(json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
before_and_after(void **state)
{
	struct fixture *f = *state;
	char path[400];
	snprintf(path, sizeof(path), "%s/new/nested/audit.log", f->dir);
	struct err e;
	err_clear(&e);
	char id[40];
	assert_int_equal(audit_before(path, "profile default", 1000000000000011LL,
		"StartConfigurationRecorder", id, &e), 0);
	assert_int_equal(strlen(id), 32);

	struct err ok;
	err_clear(&ok);
	assert_int_equal(audit_after(path, id, "profile default",
		1000000000000011LL, "StartConfigurationRecorder", "ok", &ok,
		"4D994662-6B27-536F-B320-38F4B3D58705", &e), 0);

	json_t *recs[4];
	assert_int_equal(read_records(path, recs, 4), 2);
	assert_string_equal(field(recs[0], "event"), "before");
	assert_string_equal(field(recs[0], "id"), id);
	assert_string_equal(field(recs[0], "who"), "profile default");
	assert_string_equal(field(recs[0], "account"), "1000000000000011");
	assert_string_equal(field(recs[0], "action"),
		"StartConfigurationRecorder");
	const char *t = field(recs[0], "time");
	assert_non_null(t);
	assert_int_equal(t[strlen(t) - 1], 'Z');
	assert_int_equal(t[10], 'T');
	assert_null(json_object_get(recs[0], "outcome"));

	assert_string_equal(field(recs[1], "event"), "after");
	assert_string_equal(field(recs[1], "id"), id);
	assert_string_equal(field(recs[1], "outcome"), "ok");
	assert_true(json_is_null(json_object_get(recs[1], "code")));
	assert_string_equal(field(recs[1], "request_id"),
		"4D994662-6B27-536F-B320-38F4B3D58705");
	json_decref(recs[0]);
	json_decref(recs[1]);

	/* Modes: directories 0700, the file 0600. */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	char dir[400];
	snprintf(dir, sizeof(dir), "%s/new/nested", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	snprintf(dir, sizeof(dir), "%s/new", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
}

static void
failure_outcome(void **state)
{
	struct fixture *f = *state;
	char path[400];
	snprintf(path, sizeof(path), "%s/audit.log", f->dir);
	/* Something already there stays there: append only. */
	FILE *fp = fopen(path, "w");
	fputs("{\"event\":\"older\"}\n", fp);
	fclose(fp);

	struct err e, res;
	char id[40];
	assert_int_equal(audit_before(path, NULL, 0, "StartConfigurationRecorder",
		id, &e), 0);
	err_clear(&res);
	res.kind = ERR_API;
	res.http_status = 400;
	snprintf(res.code, sizeof(res.code), "NoPermission");
	snprintf(res.message, sizeof(res.message), "You are not authorized");
	snprintf(res.request_id, sizeof(res.request_id), "RID-9");
	assert_int_equal(audit_after(path, id, NULL, 0,
		"StartConfigurationRecorder", "failed", &res, NULL, &e), 0);

	json_t *recs[4];
	assert_int_equal(read_records(path, recs, 4), 3);
	assert_string_equal(field(recs[0], "event"), "older");
	assert_string_equal(field(recs[1], "account"), "caller");
	assert_string_equal(field(recs[1], "who"), "");
	assert_string_equal(field(recs[2], "outcome"), "failed");
	assert_string_equal(field(recs[2], "code"), "NoPermission");
	assert_string_equal(field(recs[2], "request_id"), "RID-9");
	assert_string_equal(field(recs[2], "message"), "You are not authorized");
	assert_int_equal(json_integer_value(json_object_get(recs[2],
		"http_status")), 400);
	for (int i = 0; i < 3; i++)
		json_decref(recs[i]);
}

static void
ids_differ(void **state)
{
	struct fixture *f = *state;
	char path[400], a[40], b[40];
	snprintf(path, sizeof(path), "%s/audit.log", f->dir);
	struct err e;
	assert_int_equal(audit_before(path, "x", 1, "A", a, &e), 0);
	assert_int_equal(audit_before(path, "x", 1, "A", b, &e), 0);
	assert_string_not_equal(a, b);
}

static void
cannot_write(void **state)
{
	struct fixture *f = *state;
	char blocker[400], path[500];
	/* A regular file where a directory should be. */
	snprintf(blocker, sizeof(blocker), "%s/file", f->dir);
	FILE *fp = fopen(blocker, "w");
	fclose(fp);
	snprintf(path, sizeof(path), "%s/sub/audit.log", blocker);
	struct err e;
	err_clear(&e);
	char id[40];
	assert_int_equal(audit_before(path, "x", 1, "StartConfigurationRecorder",
		id, &e), -1);
	assert_int_equal(e.kind, ERR_SYSTEM);
	assert_non_null(strstr(e.message, "audit log"));

	/* The path is a directory. */
	err_clear(&e);
	assert_int_equal(audit_before(f->dir, "x", 1, "A", id, &e), -1);
	assert_int_equal(e.kind, ERR_SYSTEM);
	assert_non_null(strstr(e.message, f->dir));
	struct err res;
	err_clear(&res);
	assert_int_equal(audit_after(f->dir, id, "x", 1, "A", "ok", &res, "R",
		&e), -1);
}

static void
default_path(void **state)
{
	struct fixture *f = *state;
	char want[600], got[600];
	struct err e;
	char *old_xdg = getenv("XDG_STATE_HOME") ?
		strdup(getenv("XDG_STATE_HOME")) : NULL;
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	char xdg[400];
	snprintf(xdg, sizeof(xdg), "%s/state", f->dir);
	setenv("XDG_STATE_HOME", xdg, 1);
	assert_int_equal(audit_default_path(got, sizeof(got), &e), 0);
	snprintf(want, sizeof(want), "%s/alicfg/audit.log", xdg);
	assert_string_equal(got, want);
	struct stat st;
	snprintf(want, sizeof(want), "%s/alicfg", xdg);
	assert_int_equal(stat(want, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);

	/* A NULL path writes there. */
	char id[40];
	assert_int_equal(audit_before(NULL, "x", 5, "A", id, &e), 0);
	json_t *recs[2];
	assert_int_equal(read_records(got, recs, 2), 1);
	json_decref(recs[0]);

	/* Relative XDG values are ignored, as the spec says. */
	setenv("XDG_STATE_HOME", "relative", 1);
	setenv("HOME", f->dir, 1);
	assert_int_equal(audit_default_path(got, sizeof(got), &e), 0);
	snprintf(want, sizeof(want), "%s/.local/state/alicfg/audit.log", f->dir);
	assert_string_equal(got, want);

	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_int_equal(audit_default_path(got, sizeof(got), &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);

	if (old_xdg)
		setenv("XDG_STATE_HOME", old_xdg, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_xdg);
	free(old_home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(before_and_after, setup, teardown),
		cmocka_unit_test_setup_teardown(failure_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(ids_differ, setup, teardown),
		cmocka_unit_test_setup_teardown(cannot_write, setup, teardown),
		cmocka_unit_test_setup_teardown(default_path, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
