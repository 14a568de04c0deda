/* test_client_api: the client library (api.h) driven directly against a
 * real alicfg-emu child on 127.0.0.1, for what no CLI command can show:
 * concurrent calls for one member share one AssumeRole, concurrent calls
 * share one GetCallerIdentity, assumed credentials are cached and renewed
 * before they expire, api_client_wakeup() ends a blocked step from another
 * thread, and api_client_free() aborts calls in flight without running
 * their callbacks. What went over the wire is read from the emulator's
 * --log (one JSON line per request). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api.h"
#include "cred.h"
#include "emu_test.h"
#include "model.h"

#define CAPI_MGMT INT64_C(1000000000000001)      /* demo management account */
#define CAPI_BUILDING INT64_C(1000000000000014)  /* migration-temp: BUILDING */
#define CAPI_MAX_CLIENTS 2
#define CAPI_MAX_OUTCOMES 8
/* A functional bound ("returned early, not after the 1 s wait chunk or the
 * 3 s answer"), not a speed target. */
#define CAPI_PROMPT_MS 900.0

/* What one callback saw. */
struct capi_outcome {
	int runs;                 /* how many times the callback ran */
	enum err_kind kind;
	char message[sizeof(((struct err *)0)->message)];
	enum recorder_status status;
	size_t count;             /* groups, or members of one group */
};

struct capi_fixture {
	struct emu_proc emu;
	char dir[256];
	char log_path[320];
	struct api_client *clients[CAPI_MAX_CLIENTS];
	struct capi_outcome out[CAPI_MAX_OUTCOMES];
};

static double
capi_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Sleeps until the monotonic clock reaches `deadline_ms` (of capi_now_ms),
 * whatever interrupts the sleep. */
static void
capi_sleep_until(double deadline_ms)
{
	long long ns = (long long)(deadline_ms * 1e6);
	struct timespec at = {
		.tv_sec = (time_t)(ns / 1000000000LL),
		.tv_nsec = (long)(ns % 1000000000LL),
	};
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) ==
		EINTR)
		;
}

/* --- fixture ------------------------------------------------------------ */

static int
capi_setup(void **state)
{
	struct capi_fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/capi-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->log_path, sizeof(fx->log_path), "%s/emu.log", fx->dir);
	*state = fx;
	return 0;
}

/* Runs after a failed assertion too: nothing may outlive the test. */
static int
capi_teardown(void **state)
{
	struct capi_fixture *fx = *state;
	for (int i = 0; i < CAPI_MAX_CLIENTS; i++) {
		api_client_free(fx->clients[i]);
		fx->clients[i] = NULL;
	}
	int rc = 0;
	if (fx->emu.pid > 0 && emu_proc_stop(&fx->emu) != 0)
		rc = -1;
	unlink(fx->log_path);
	rmdir(fx->dir);
	free(fx);
	return rc;
}

/* Starts alicfg-emu with the demo scenario, a request log and `extra`
 * (NULL-terminated, may be NULL). */
static void
capi_emu_start(struct capi_fixture *fx, const char *const *extra)
{
	const char *args[16] = {"--scenario", "demo", "--log", fx->log_path};
	size_t n = 4;
	while (extra && *extra && n < sizeof(args) / sizeof(args[0]) - 1)
		args[n++] = *extra++;
	args[n] = NULL;
	assert_int_equal(emu_proc_start(&fx->emu, args), 0);
}

/* A client on the emulator signing with demo-ak; slot `i` of the fixture
 * owns it so that teardown frees it. */
static struct api_client *
capi_client(struct capi_fixture *fx, int i)
{
	struct cred caller;
	memset(&caller, 0, sizeof(caller));
	caller.mode = CRED_AK;
	caller.access_key_id = strdup("demo-ak");
	caller.access_key_secret = strdup("demo-secret");
	caller.origin = strdup("test_client_api");
	struct api_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = fx->emu.url;
	cfg.sts_endpoint = fx->emu.url;
	cfg.audit_path = "/dev/null";  /* no write is made; never $HOME */
	struct err e;
	err_clear(&e);
	struct api_client *c = api_client_new(&cfg, &caller, &e);
	cred_free(&caller);
	if (!c)
		print_message("# api_client_new: %s\n", e.message);
	assert_non_null(c);
	fx->clients[i] = c;
	return c;
}

/* --- callbacks: each owns and frees its result ---------------------------- */

static void
capi_note_err(struct capi_outcome *o, const struct err *e)
{
	o->runs++;
	o->kind = e->kind;
	snprintf(o->message, sizeof(o->message), "%s", e->message);
}

static void
capi_on_recorder(void *ctx, const struct err *e, struct recorder *r)
{
	struct capi_outcome *o = ctx;
	capi_note_err(o, e);
	o->status = r ? r->status : RECORDER_UNKNOWN;
	if (r) {
		model_recorder_free(r);
		free(r);
	}
}

static void
capi_on_aggregators(void *ctx, const struct err *e, struct aggregator_list *l)
{
	struct capi_outcome *o = ctx;
	capi_note_err(o, e);
	o->count = l ? l->count : 0;
	if (l) {
		model_aggregator_list_free(l);
		free(l);
	}
}

static void
capi_on_aggregator(void *ctx, const struct err *e,
	struct aggregator_detail *d)
{
	struct capi_outcome *o = ctx;
	capi_note_err(o, e);
	o->count = d ? d->nmembers : 0;
	if (d) {
		model_aggregator_detail_free(d);
		free(d);
	}
}

static void
capi_expect_recorder(const struct capi_outcome *o, enum recorder_status want)
{
	if (o->kind != ERR_NONE)
		print_message("# callback error: %s\n", o->message);
	assert_int_equal(o->runs, 1);
	assert_int_equal(o->kind, ERR_NONE);
	assert_string_equal(model_recorder_status_name(o->status),
		model_recorder_status_name(want));
}

/* --- the emulator's request log ----------------------------------------- */

/* Every line of the log, as a JSON array of objects. The emulator writes
 * and flushes a line before it sends the answer, so once the client has
 * its answers the log holds them. */
static json_t *
capi_log_read(const struct capi_fixture *fx)
{
	json_t *all = json_array();
	FILE *f = fopen(fx->log_path, "r");
	assert_non_null(f);
	char line[8192];
	while (fgets(line, sizeof(line), f)) {
		json_error_t je;
		json_t *o = json_loads(line, 0, &je);
		if (!o)
			print_message("# bad log line: %s\n", line);
		assert_non_null(o);
		json_array_append_new(all, o);
	}
	fclose(f);
	return all;
}

static const char *
capi_field(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));
	return s ? s : "";
}

static int
capi_log_count(json_t *log, const char *action)
{
	int n = 0;
	size_t i;
	json_t *o;
	json_array_foreach(log, i, o)
		if (!strcmp(capi_field(o, "action"), action))
			n++;
	return n;
}

/* Every request was answered 200: nothing was rejected and retried behind
 * the callbacks' backs (for example expired credentials). */
static void
capi_log_all_ok(json_t *log)
{
	size_t i;
	json_t *o;
	json_array_foreach(log, i, o) {
		json_int_t status = json_integer_value(json_object_get(o, "status"));
		if (status != 200)
			print_message("# %s answered %d %s\n",
				capi_field(o, "action"), (int)status,
				capi_field(o, "code"));
		assert_int_equal(status, 200);
	}
}

/* The key id of the n-th (0-based) line for `action`. */
static const char *
capi_log_key(json_t *log, const char *action, int nth)
{
	size_t i;
	json_t *o;
	int seen = 0;
	json_array_foreach(log, i, o)
		if (!strcmp(capi_field(o, "action"), action) && seen++ == nth)
			return capi_field(o, "key_id");
	fail_msg("no line %d for %s in the log", nth, action);
	return "";
}

static void
capi_log_dump(json_t *log)
{
	size_t i;
	json_t *o;
	json_array_foreach(log, i, o)
		print_message("# log: %s account %s key %s status %d %s\n",
			capi_field(o, "action"), capi_field(o, "account"),
			capi_field(o, "key_id"),
			(int)json_integer_value(json_object_get(o, "status")),
			capi_field(o, "code"));
}

/* --- 1, 2: concurrent calls share one STS exchange ----------------------- */

static void
test_concurrent_member_calls_share_one_assume_role(void **state)
{
	struct capi_fixture *fx = *state;
	capi_emu_start(fx, NULL);
	struct api_client *c = capi_client(fx, 0);
	api_client_set_caller_account(c, CAPI_MGMT);

	/* All five are issued before the client runs at all, so the first
	 * AssumeRole is still in flight when the other four need it. */
	for (int i = 0; i < 5; i++)
		api_get_recorder(c, CAPI_BUILDING, capi_on_recorder, &fx->out[i]);
	assert_int_equal(api_client_pending(c), 5);
	api_client_run(c);
	for (int i = 0; i < 5; i++)
		capi_expect_recorder(&fx->out[i], RECORDER_BUILDING);

	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 1);
	assert_int_equal(capi_log_count(log, "GetCallerIdentity"), 0);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 5);
	assert_int_equal(json_array_size(log), 6);
	capi_log_all_ok(log);
	/* The role was assumed with the caller's key, and all five calls
	 * signed with the one set of temporary credentials. */
	assert_string_equal(capi_log_key(log, "AssumeRole", 0), "demo-ak");
	const char *sts_key = capi_log_key(log, "GetConfigurationRecorder", 0);
	assert_true(!strncmp(sts_key, "STS.", 4));
	size_t i;
	json_t *o;
	json_array_foreach(log, i, o) {
		if (strcmp(capi_field(o, "action"), "GetConfigurationRecorder"))
			continue;
		assert_string_equal(capi_field(o, "key_id"), sts_key);
		assert_string_equal(capi_field(o, "account"), "1000000000000014");
	}
	json_decref(log);
}

static void
test_concurrent_calls_share_one_caller_identity(void **state)
{
	struct capi_fixture *fx = *state;
	capi_emu_start(fx, NULL);
	struct api_client *c = capi_client(fx, 0);
	assert_true(api_client_caller_account(c) == 0);

	for (int i = 0; i < 3; i++)
		api_get_recorder(c, CAPI_MGMT, capi_on_recorder, &fx->out[i]);
	api_client_run(c);
	/* The management account is a REGISTERED member of its directory. */
	for (int i = 0; i < 3; i++)
		capi_expect_recorder(&fx->out[i], RECORDER_REGISTERED);
	assert_true(api_client_caller_account(c) == CAPI_MGMT);

	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "GetCallerIdentity"), 1);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 0);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 3);
	assert_int_equal(json_array_size(log), 4);
	capi_log_all_ok(log);
	/* Its own account: signed with its own key, no role. */
	for (int n = 0; n < 3; n++)
		assert_string_equal(capi_log_key(log, "GetConfigurationRecorder",
			n), "demo-ak");
	json_decref(log);

	/* Learnt once per client: a member call now needs only AssumeRole. */
	api_get_recorder(c, CAPI_BUILDING, capi_on_recorder, &fx->out[3]);
	api_client_run(c);
	capi_expect_recorder(&fx->out[3], RECORDER_BUILDING);
	log = capi_log_read(fx);
	assert_int_equal(capi_log_count(log, "GetCallerIdentity"), 1);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 1);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 4);
	json_decref(log);
}

/* --- 3: the credentials cache --------------------------------------------- */

/* One member call run to its end; returns when its callback has run. */
static void
capi_get_member(struct api_client *c, struct capi_outcome *o)
{
	api_get_recorder(c, CAPI_BUILDING, capi_on_recorder, o);
	api_client_run(c);
	capi_expect_recorder(o, RECORDER_BUILDING);
}

static void
test_assumed_credentials_are_reused(void **state)
{
	struct capi_fixture *fx = *state;
	capi_emu_start(fx, NULL);
	struct api_client *c = capi_client(fx, 0);
	api_client_set_caller_account(c, CAPI_MGMT);

	capi_get_member(c, &fx->out[0]);
	capi_get_member(c, &fx->out[1]);

	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 1);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 2);
	capi_log_all_ok(log);
	assert_string_equal(capi_log_key(log, "GetConfigurationRecorder", 0),
		capi_log_key(log, "GetConfigurationRecorder", 1));
	json_decref(log);
}

static void
test_expired_credentials_are_assumed_again(void **state)
{
	struct capi_fixture *fx = *state;
	const char *const extra[] = {"--sts-duration", "2", NULL};
	capi_emu_start(fx, extra);
	struct api_client *c = capi_client(fx, 0);
	api_client_set_caller_account(c, CAPI_MGMT);

	capi_get_member(c, &fx->out[0]);
	/* Issued at or before now, they live 2 s: 3 s later they are gone. */
	capi_sleep_until(capi_now_ms() + 3000.0);
	capi_get_member(c, &fx->out[1]);

	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 2);
	/* Renewed before use: no request went out with the expired ones
	 * (that would show as an InvalidSecurityToken.Expired line). */
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 2);
	capi_log_all_ok(log);
	assert_string_not_equal(capi_log_key(log, "GetConfigurationRecorder", 0),
		capi_log_key(log, "GetConfigurationRecorder", 1));
	json_decref(log);
}

/* api.h: cached "until five minutes before they expire". Credentials that
 * live 303 s are fresh for about 3 s, and renewed after that although the
 * server would still take them. */
static void
test_credentials_renewed_five_minutes_before_expiry(void **state)
{
	struct capi_fixture *fx = *state;
	const char *const extra[] = {"--sts-duration", "303", NULL};
	capi_emu_start(fx, extra);
	struct api_client *c = capi_client(fx, 0);
	api_client_set_caller_account(c, CAPI_MGMT);

	capi_get_member(c, &fx->out[0]);
	capi_get_member(c, &fx->out[1]);
	capi_sleep_until(capi_now_ms() + 4000.0);
	capi_get_member(c, &fx->out[2]);

	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 2);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 3);
	capi_log_all_ok(log);
	const char *k0 = capi_log_key(log, "GetConfigurationRecorder", 0);
	assert_string_equal(k0, capi_log_key(log, "GetConfigurationRecorder", 1));
	assert_string_not_equal(k0,
		capi_log_key(log, "GetConfigurationRecorder", 2));
	json_decref(log);
}

/* --- 4: wakeup from another thread --------------------------------------- */

struct capi_waker {
	struct api_client *c;
	_Atomic double woke_ms;   /* when wakeup was called; 0 before */
};

static void *
capi_waker_main(void *arg)
{
	struct capi_waker *w = arg;
	capi_sleep_until(capi_now_ms() + 100.0);
	atomic_store(&w->woke_ms, capi_now_ms());
	api_client_wakeup(w->c);
	return NULL;
}

/* Steps for `ms` with short waits, so the calls get onto the wire. */
static void
capi_pump(struct api_client *c, double ms)
{
	double until = capi_now_ms() + ms;
	while (capi_now_ms() < until)
		api_client_step(c, 20);
}

static void
test_wakeup_ends_a_blocked_step(void **state)
{
	struct capi_fixture *fx = *state;
	const char *const extra[] = {"--latency", "3000", NULL};
	capi_emu_start(fx, extra);
	struct api_client *c = capi_client(fx, 0);
	api_client_set_caller_account(c, CAPI_MGMT);

	api_get_recorder(c, CAPI_MGMT, capi_on_recorder, &fx->out[0]);
	capi_pump(c, 300.0);
	assert_int_equal(api_client_pending(c), 1);  /* answer is 3 s away */

	struct capi_waker w = {.c = c};
	atomic_init(&w.woke_ms, 0.0);
	pthread_t th;
	double began = capi_now_ms();
	assert_int_equal(pthread_create(&th, NULL, capi_waker_main, &w), 0);
	/* Nothing arrives for ~2.7 s: a step(-1) can only end by the wakeup
	 * (or by its own 1 s wait chunk, which is what must not happen). A
	 * step that ends before the wakeup was sent is repeated. */
	double step_start = 0, step_end = 0;
	int pending = -1;
	while (capi_now_ms() - began < 2000.0) {
		step_start = capi_now_ms();
		pending = api_client_step(c, -1);
		step_end = capi_now_ms();
		double woke = atomic_load(&w.woke_ms);
		if (woke > 0 && woke <= step_end)
			break;
	}
	pthread_join(th, NULL);
	double woke = atomic_load(&w.woke_ms);
	print_message("# wakeup at +%.0f ms; the step ran %.0f..%.0f ms\n",
		woke - began, step_start - began, step_end - began);
	assert_true(woke > 0 && woke <= step_end);
	assert_true(step_end - step_start < CAPI_PROMPT_MS);
	/* It was the wakeup, not the answer, that ended it. */
	assert_int_equal(pending, 1);
	assert_int_equal(fx->out[0].runs, 0);
}

/* --- 5: freeing the client with calls in flight -------------------------- */

static void
test_free_aborts_calls_in_flight(void **state)
{
	struct capi_fixture *fx = *state;
	const char *const extra[] = {"--latency", "3000", NULL};
	capi_emu_start(fx, extra);

	/* Client 0 does not know its account yet: its member calls wait on
	 * GetCallerIdentity while two more calls are on the wire. */
	struct api_client *a = capi_client(fx, 0);
	api_get_recorder(a, CAPI_BUILDING, capi_on_recorder, &fx->out[0]);
	api_get_recorder(a, CAPI_BUILDING, capi_on_recorder, &fx->out[1]);
	api_list_aggregators(a, capi_on_aggregators, &fx->out[2]);
	api_get_aggregator(a, "ca-0000000000000001", capi_on_aggregator,
		&fx->out[3]);
	/* Client 1 does: its member calls wait on AssumeRole, one call for
	 * its own account is on the wire. */
	struct api_client *b = capi_client(fx, 1);
	api_client_set_caller_account(b, CAPI_MGMT);
	api_get_recorder(b, CAPI_BUILDING, capi_on_recorder, &fx->out[4]);
	api_get_recorder(b, CAPI_BUILDING, capi_on_recorder, &fx->out[5]);
	api_get_recorder(b, CAPI_MGMT, capi_on_recorder, &fx->out[6]);

	double until = capi_now_ms() + 300.0;
	while (capi_now_ms() < until) {
		api_client_step(a, 10);
		api_client_step(b, 10);
	}
	assert_int_equal(api_client_pending(a), 4);
	assert_int_equal(api_client_pending(b), 3);

	for (int i = 0; i < CAPI_MAX_CLIENTS; i++) {
		double t0 = capi_now_ms();
		api_client_free(fx->clients[i]);
		fx->clients[i] = NULL;
		double took = capi_now_ms() - t0;
		print_message("# client %d freed in %.0f ms\n", i, took);
		/* The answers are seconds away: it did not wait for them. */
		assert_true(took < CAPI_PROMPT_MS);
	}
	/* No callback ran, inside the free or before it. */
	for (int i = 0; i < 7; i++)
		assert_int_equal(fx->out[i].runs, 0);

	/* They really were on the wire: the emulator logs a request when its
	 * delayed answer is due, whether anyone reads it or not, and a clean
	 * stop waits for those. */
	assert_int_equal(emu_proc_stop(&fx->emu), 0);
	json_t *log = capi_log_read(fx);
	capi_log_dump(log);
	assert_int_equal(capi_log_count(log, "GetCallerIdentity"), 1);
	assert_int_equal(capi_log_count(log, "AssumeRole"), 1);
	assert_int_equal(capi_log_count(log, "ListAggregators"), 1);
	assert_int_equal(capi_log_count(log, "GetAggregator"), 1);
	/* Client 1's own; the four member calls never went out. */
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 1);
	assert_int_equal(json_array_size(log), 5);
	json_decref(log);
}

/* --- read-only is refused in the core ------------------------------------- */

static void
test_readonly_client_refuses_every_write(void **state)
{
	struct capi_fixture *fx = *state;
	capi_emu_start(fx, NULL);
	char audit[400];
	snprintf(audit, sizeof(audit), "%s/audit.log", fx->dir);
	struct cred caller;
	memset(&caller, 0, sizeof(caller));
	caller.mode = CRED_AK;
	caller.access_key_id = strdup("demo-ak");
	caller.access_key_secret = strdup("demo-secret");
	caller.origin = strdup("test_client_api");
	struct api_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = fx->emu.url;
	cfg.sts_endpoint = fx->emu.url;
	cfg.audit_path = audit;
	cfg.readonly = true;
	struct err e;
	err_clear(&e);
	struct api_client *c = api_client_new(&cfg, &caller, &e);
	cred_free(&caller);
	assert_non_null(c);
	fx->clients[0] = c;
	api_client_set_caller_account(c, CAPI_MGMT);
	api_start_recorder(c, CAPI_BUILDING, capi_on_recorder, &fx->out[0]);
	api_stop_recorder(c, CAPI_BUILDING, capi_on_recorder, &fx->out[1]);
	/* a read still works */
	api_get_recorder(c, CAPI_BUILDING, capi_on_recorder, &fx->out[2]);
	api_client_run(c);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fx->out[i].runs, 1);
		assert_int_equal(fx->out[i].kind, ERR_REFUSED);
		assert_non_null(strstr(fx->out[i].message, "read-only"));
	}
	capi_expect_recorder(&fx->out[2], RECORDER_BUILDING);
	json_t *log = capi_log_read(fx);
	assert_int_equal(capi_log_count(log, "StartConfigurationRecorder"), 0);
	assert_int_equal(capi_log_count(log, "StopConfigurationRecorder"), 0);
	assert_int_equal(capi_log_count(log, "GetConfigurationRecorder"), 1);
	json_decref(log);
	/* refused before the audit record: nothing was about to happen */
	assert_int_equal(access(audit, F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_concurrent_member_calls_share_one_assume_role,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_concurrent_calls_share_one_caller_identity,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_assumed_credentials_are_reused,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_expired_credentials_are_assumed_again,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_credentials_renewed_five_minutes_before_expiry,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_wakeup_ends_a_blocked_step,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_free_aborts_calls_in_flight,
			capi_setup, capi_teardown),
		cmocka_unit_test_setup_teardown(
			test_readonly_client_refuses_every_write,
			capi_setup, capi_teardown),
	};
	return cmocka_run_group_tests_name("client library against alicfg-emu",
		tests, NULL, NULL);
}
