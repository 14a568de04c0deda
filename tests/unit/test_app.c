/* test_app: the controller without a terminal or a network. Jobs go to an
 * in-memory sink that records them; results are built with the model's
 * types (store_fixture.h) and routed as the worker would hand them over.
 * Covers the enable state machine, throttle backoff, result routing and
 * load ordering, the drain cap and one view rebuild per batch, refresh
 * timing and pause, and the status callback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "buf.h"
#include "store.h"
#include "store_fixture.h"

/* ---- the sink and the clock ---------------------------------------------- */

#define MAX_JOBS 1024

struct job_rec {
	enum worker_kind kind;
	char group_id[64];
	int64_t account;
	enum worker_priority prio;
};

struct sink {
	struct job_rec jobs[MAX_JOBS];
	size_t njobs;
	struct worker_result *head, *tail;
	size_t results_left;
	int queued, in_flight;
	/* what the front end heard */
	char status[1024];
	enum app_level level;
	int nstatus;
	int nlogs;
	int nresults;
};

static long long clock_ms = 1000000;

static long long
fake_now(void)
{
	return clock_ms;
}

static void
sink_submit(void *ctx, enum worker_kind kind, const char *group_id,
	int64_t account, enum worker_priority prio)
{
	struct sink *s = ctx;
	assert_true(s->njobs < MAX_JOBS);
	struct job_rec *j = &s->jobs[s->njobs++];
	j->kind = kind;
	snprintf(j->group_id, sizeof(j->group_id), "%s",
		group_id ? group_id : "");
	j->account = account;
	j->prio = prio;
}

static struct worker_result *
sink_take(void *ctx)
{
	struct sink *s = ctx;
	struct worker_result *r = s->head;
	if (r) {
		s->head = r->next;
		if (!s->head)
			s->tail = NULL;
		r->next = NULL;
		s->results_left--;
	}
	return r;
}

static void
sink_counts(void *ctx, int *queued, int *in_flight)
{
	struct sink *s = ctx;
	*queued = s->queued;
	*in_flight = s->in_flight;
}

static const struct app_jobs sink_jobs = {
	.submit = sink_submit,
	.take = sink_take,
	.counts = sink_counts,
};

static void
hear_status(void *ctx, enum app_level level, const char *text)
{
	struct sink *s = ctx;
	snprintf(s->status, sizeof(s->status), "%s", text);
	s->level = level;
	s->nstatus++;
}

static void
hear_log(void *ctx, const struct worker_log *e)
{
	(void)e;
	((struct sink *)ctx)->nlogs++;
}

static void
hear_result(void *ctx, const struct worker_result *r)
{
	(void)r;
	((struct sink *)ctx)->nresults++;
}

static void
push(struct sink *s, struct worker_result *r)
{
	if (s->tail)
		s->tail->next = r;
	else
		s->head = r;
	s->tail = r;
	s->results_left++;
}

struct fx {
	struct sink sink;
	struct app *app;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	clock_ms = 1000000;
	struct app_settings set = {.refresh_s = 60, .poll_ms = 3000,
		.now_ms = fake_now};
	struct app_hooks hooks = {.ctx = &f->sink, .status = hear_status,
		.log = hear_log, .result = hear_result};
	f->app = app_new(NULL, &set, &hooks);
	app_use_jobs(f->app, &sink_jobs, &f->sink);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	struct worker_result *r;
	while ((r = sink_take(&f->sink)))
		worker_result_free(r);
	app_free(f->app);
	free(f);
	return 0;
}

/* ---- results as the worker hands them over ----------------------------- */

static struct worker_result *
result(enum worker_kind kind)
{
	struct worker_result *r = xcalloc(1, sizeof(*r));
	r->kind = kind;
	err_clear(&r->err);
	return r;
}

static struct worker_result *
groups_result(int n, const char *const *ids, const char *const *names)
{
	struct worker_result *r = result(WORKER_LIST_GROUPS);
	r->groups = list_of(n, ids, names);
	return r;
}

static struct worker_result *
group_result(const char *id, const char *name, const struct m *ms, size_t n)
{
	struct worker_result *r = result(WORKER_GET_GROUP);
	r->group_id = xstrdup(id);
	r->group = detail_of(id, name, ms, n);
	return r;
}

static struct worker_result *
recorder_result(enum worker_kind kind, int64_t account,
	enum recorder_status st)
{
	struct worker_result *r = result(kind);
	r->account = account;
	r->recorder = xcalloc(1, sizeof(*r->recorder));
	r->recorder->status = st;
	r->recorder->status_raw = xstrdup(model_recorder_status_name(st));
	return r;
}

static struct worker_result *
api_error(enum worker_kind kind, const char *code)
{
	struct worker_result *r = result(kind);
	err_set(&r->err, ERR_API, "the server said no");
	snprintf(r->err.code, sizeof(r->err.code), "%s", code);
	r->err.http_status = !strcmp(code, "Throttling") ? 400 : 403;
	return r;
}

static size_t
count_jobs(const struct sink *s, enum worker_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < s->njobs; i++)
		if (s->jobs[i].kind == kind)
			n++;
	return n;
}

static const struct job_rec *
last_job(const struct sink *s)
{
	assert_true(s->njobs > 0);
	return &s->jobs[s->njobs - 1];
}

/* Groups g1 First (three members) and g2 Second, loaded through the app. */
static void
load_two_groups(struct fx *f)
{
	const char *ids[] = {"g1", "g2"};
	const char *names[] = {"First", "Second"};
	app_refresh(f->app);
	push(&f->sink, groups_result(2, ids, names));
	push(&f->sink, group_result("g1", "First", three, 3));
	app_drain(f->app, 100, NULL);
}

/* ---- routing and load order ---------------------------------------------- */

static void
test_list_answer_loads_selected_first_then_background(void **state)
{
	struct fx *f = *state;
	const char *ids[] = {"g3", "g1", "g2"};
	const char *names[] = {"Charlie", "Alpha", "Bravo"};
	app_refresh(f->app);
	assert_int_equal(f->sink.njobs, 1);
	assert_int_equal(f->sink.jobs[0].kind, WORKER_LIST_GROUPS);
	assert_true(app_listing(f->app));
	struct worker_result *r = groups_result(3, ids, names);
	r->caller_account = 1000000000000001;
	push(&f->sink, r);
	assert_int_equal(app_drain(f->app, 10, NULL), 1);
	assert_false(app_listing(f->app));
	assert_int_equal(app_conn(f->app)->caller_account, 1000000000000001);
	assert_int_equal(store_group_count(app_store(f->app)), 3);
	/* sorted by name: Alpha (g1) is under the cursor and goes first */
	assert_int_equal(f->sink.njobs, 4);
	assert_int_equal(f->sink.jobs[1].kind, WORKER_GET_GROUP);
	assert_string_equal(f->sink.jobs[1].group_id, "g1");
	assert_int_equal(f->sink.jobs[1].prio, WORKER_HIGH);
	for (size_t i = 2; i < 4; i++) {
		assert_int_equal(f->sink.jobs[i].kind, WORKER_GET_GROUP);
		assert_int_equal(f->sink.jobs[i].prio, WORKER_LOW);
	}
	assert_true(app_last_refresh(f->app) == clock_ms);
	assert_int_equal(f->sink.nresults, 1);
}

static void
test_group_answer_and_error_routed(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	struct store_group *g1 = store_group_find(s, "g1");
	assert_true(g1->members_loaded);
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 3);
	/* a failed GetAggregator stays on the group and says so */
	struct worker_result *r = api_error(WORKER_GET_GROUP, "NoPermission");
	r->group_id = xstrdup("g2");
	push(&f->sink, r);
	app_drain(f->app, 10, NULL);
	struct store_group *g2 = store_group_find(s, "g2");
	assert_non_null(g2->error);
	assert_false(g2->loading);
	assert_int_equal(f->sink.level, APP_ERROR);
	assert_non_null(strstr(f->sink.status, "loading group Second: "
		"NoPermission (HTTP 403)"));
	/* a log line goes to the log hook, not the store */
	struct worker_result *l = result(WORKER_LOG);
	snprintf(l->log.action, sizeof(l->log.action), "GetAggregator");
	push(&f->sink, l);
	app_drain(f->app, 10, NULL);
	assert_int_equal(f->sink.nlogs, 1);
}

static void
test_load_group_not_twice_in_background(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store_group *g2 = store_group_find(app_store(f->app), "g2");
	size_t before = f->sink.njobs;
	assert_true(g2->loading);
	app_load_group(f->app, g2, false);
	assert_int_equal(f->sink.njobs, before);
	/* on screen: asked for now (the worker keeps one job per group) */
	app_load_group(f->app, g2, true);
	assert_int_equal(f->sink.njobs, before + 1);
	assert_int_equal(last_job(&f->sink)->prio, WORKER_HIGH);
}

/* ---- the drain cap and batching ------------------------------------------- */

static void
test_drain_cap_leaves_rest_and_says_more(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 600; i++) {
		struct worker_result *l = result(WORKER_LOG);
		push(&f->sink, l);
	}
	bool more = false;
	assert_int_equal(app_drain(f->app, 256, &more), 256);
	assert_true(more);
	assert_int_equal(f->sink.results_left, 344);
	assert_int_equal(app_drain(f->app, 256, &more), 256);
	assert_true(more);
	assert_int_equal(app_drain(f->app, 256, &more), 88);
	assert_false(more);
	assert_int_equal(f->sink.nlogs, 600);
}

static void
test_views_rebuilt_once_per_batch(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	/* g1 is shown; a routed answer is merged but not yet in the view */
	const struct m four[] = {
		{11, "charlie", RECORDER_REGISTERED},
		{12, "alpha", RECORDER_REGISTRABLE},
		{13, "bravo", RECORDER_BUILDING},
		{14, "delta", RECORDER_REGISTERED},
	};
	app_route(f->app, group_result("g1", "First", four, 4));
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 3);
	assert_int_equal(store_group_find(s, "g1")->nmembers, 4);
	/* a drain of nothing still rebuilds what was merged */
	assert_int_equal(app_drain(f->app, 10, NULL), 0);
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 4);
	/* a batch of answers: the view shows the last one after the drain */
	push(&f->sink, group_result("g1", "First", four, 2));
	push(&f->sink, group_result("g1", "First", four, 1));
	assert_int_equal(app_drain(f->app, 10, NULL), 2);
	assert_int_equal(store_view(s, STORE_MEMBERS)->nrows, 1);
}

/* ---- refresh and backoff -------------------------------------------------- */

static void
test_refresh_due_pause_and_single_list(void **state)
{
	struct fx *f = *state;
	app_refresh(f->app);
	assert_true(app_refresh_due(f->app) == clock_ms + 60000);
	/* a second refresh while the list is in flight sends nothing */
	app_refresh(f->app);
	assert_int_equal(count_jobs(&f->sink, WORKER_LIST_GROUPS), 1);
	assert_true(app_tick(f->app, clock_ms) == clock_ms + 60000);
	const char *ids[] = {"g1"};
	const char *names[] = {"First"};
	push(&f->sink, groups_result(1, ids, names));
	app_drain(f->app, 10, NULL);
	clock_ms += 60000;
	app_tick(f->app, clock_ms);
	assert_int_equal(count_jobs(&f->sink, WORKER_LIST_GROUPS), 2);
	/* paused: nothing is due */
	push(&f->sink, groups_result(1, ids, names));
	app_drain(f->app, 10, NULL);
	app_set_paused(f->app, true);
	clock_ms += 120000;
	assert_true(app_tick(f->app, clock_ms) == 0);
	assert_int_equal(count_jobs(&f->sink, WORKER_LIST_GROUPS), 2);
	app_set_paused(f->app, false);
	assert_true(app_refresh_due(f->app) == clock_ms + 60000);
}

static void
test_throttle_backoff_doubles_caps_and_resets(void **state)
{
	struct fx *f = *state;
	assert_int_equal(app_refresh_interval_s(f->app), 60);
	int want[] = {2, 4, 8, 8};
	for (int i = 0; i < 4; i++) {
		struct worker_result *r = api_error(WORKER_GET_GROUP,
			"Throttling");
		r->group_id = xstrdup("gx");
		push(&f->sink, r);
		app_drain(f->app, 10, NULL);
		assert_int_equal(app_backoff(f->app), want[i]);
	}
	assert_int_equal(app_refresh_interval_s(f->app), 480);
	assert_true(app_refresh_due(f->app) == clock_ms + 480000);
	assert_int_equal(f->sink.level, APP_ERROR);
	assert_non_null(strstr(f->sink.status, "throttling (Throttling)"));
	assert_non_null(strstr(f->sink.status, "every 480s"));
	/* a retry-after header counts as throttling too */
	struct worker_result *ra = api_error(WORKER_LIST_GROUPS, "Busy");
	ra->err.retry_after_ms = 500;
	push(&f->sink, ra);
	app_drain(f->app, 10, NULL);
	assert_int_equal(app_backoff(f->app), 8);
	/* the first clean list after throttling keeps the slow pace, the
	 * next one goes back to the normal interval */
	const char *ids[] = {"g1"};
	const char *names[] = {"First"};
	push(&f->sink, groups_result(1, ids, names));
	app_drain(f->app, 10, NULL);
	assert_int_equal(app_backoff(f->app), 8);
	push(&f->sink, groups_result(1, ids, names));
	app_drain(f->app, 10, NULL);
	assert_int_equal(app_backoff(f->app), 1);
	assert_int_equal(app_refresh_interval_s(f->app), 60);
}

static void
test_other_errors_do_not_back_off(void **state)
{
	struct fx *f = *state;
	struct worker_result *r = api_error(WORKER_GET_GROUP, "NoPermission");
	r->group_id = xstrdup("gx");
	push(&f->sink, r);
	app_drain(f->app, 10, NULL);
	assert_int_equal(app_backoff(f->app), 1);
}

/* ---- enable --------------------------------------------------------------- */

static void
test_enable_plan_selected_marked_and_already_on(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	struct app_enable_plan p;
	/* nothing selected, nothing marked */
	assert_false(app_enable_plan(f->app, 0, &p));
	assert_non_null(strstr(f->sink.status, "select a member account"));
	/* the selected account, already REGISTERED */
	assert_false(app_enable_plan(f->app, 11, &p));
	assert_non_null(strstr(f->sink.status, "charlie (11) is already "
		"REGISTERED: nothing to start"));
	/* the selected account, REGISTRABLE */
	assert_true(app_enable_plan(f->app, 12, &p));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.ids[0], 12);
	assert_int_equal(p.already, 0);
	app_enable_plan_free(&p);
	/* marks win over the selection; the ones on are counted apart */
	store_toggle_mark(s, 11);
	store_toggle_mark(s, 12);
	store_toggle_mark(s, 13);
	assert_true(app_enable_plan(f->app, 11, &p));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.ids[0], 12);
	assert_int_equal(p.already, 2);
	app_enable_plan_free(&p);
	store_toggle_mark(s, 12);
	assert_false(app_enable_plan(f->app, 0, &p));
	assert_non_null(strstr(f->sink.status, "all 2 marked accounts are "
		"already on"));
}

static void
test_enable_start_follow_registered(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	struct app_enable_plan p;
	assert_true(app_enable_plan(f->app, 12, &p));
	app_enable_start(f->app, &p);
	app_enable_plan_free(&p);
	assert_int_equal(last_job(&f->sink)->kind, WORKER_START_RECORDER);
	assert_int_equal(last_job(&f->sink)->account, 12);
	assert_int_equal(last_job(&f->sink)->prio, WORKER_HIGH);
	assert_int_equal(store_account_find(s, 12)->op, STORE_OP_STARTING);
	assert_int_equal(app_writes_in_flight(f->app), 1);
	assert_true(app_busy(f->app));
	assert_non_null(strstr(f->sink.status, "alpha (12): starting"));
	/* the answer: BUILDING, so the account is followed */
	push(&f->sink, recorder_result(WORKER_START_RECORDER, 12,
		RECORDER_BUILDING));
	app_drain(f->app, 10, NULL);
	assert_int_equal(app_writes_in_flight(f->app), 0);
	assert_int_equal(store_account_find(s, 12)->op, STORE_OP_FOLLOWING);
	assert_non_null(strstr(f->sink.status, "following until REGISTERED"));
	size_t polls = count_jobs(&f->sink, WORKER_GET_RECORDER);
	/* not before the poll interval, then exactly one poll */
	long long due = app_tick(f->app, clock_ms);
	assert_true(due == clock_ms + 3000);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_RECORDER), polls);
	clock_ms += 3000;
	app_tick(f->app, clock_ms);
	app_tick(f->app, clock_ms);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_RECORDER), polls + 1);
	assert_int_equal(last_job(&f->sink)->account, 12);
	/* still BUILDING: polled again later */
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 12,
		RECORDER_BUILDING));
	app_drain(f->app, 10, NULL);
	clock_ms += 3000;
	app_tick(f->app, clock_ms);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_RECORDER), polls + 2);
	/* REGISTERED: done, nothing more to poll */
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 12,
		RECORDER_REGISTERED));
	app_drain(f->app, 10, NULL);
	assert_int_equal(store_account_find(s, 12)->op, STORE_OP_NONE);
	assert_int_equal(store_account_find(s, 12)->status,
		RECORDER_REGISTERED);
	assert_non_null(strstr(f->sink.status, "alpha (12): recorder "
		"REGISTERED"));
	assert_false(app_busy(f->app));
	clock_ms += 10000;
	app_tick(f->app, clock_ms);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_RECORDER), polls + 2);
}

static void
test_enable_failure_stays_on_row(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	struct app_enable_plan p;
	assert_true(app_enable_plan(f->app, 12, &p));
	app_enable_start(f->app, &p);
	app_enable_plan_free(&p);
	struct worker_result *r = api_error(WORKER_START_RECORDER,
		"NoPermission");
	r->account = 12;
	push(&f->sink, r);
	app_drain(f->app, 10, NULL);
	struct store_account *a = store_account_find(s, 12);
	assert_int_equal(a->op, STORE_OP_FAILED);
	assert_non_null(a->error);
	assert_string_equal(a->error->code, "NoPermission");
	assert_int_equal(f->sink.level, APP_ERROR);
	assert_non_null(strstr(f->sink.status, "enabling alpha (12): "
		"NoPermission"));
	assert_false(app_busy(f->app));
	/* failed is not "on": it can be tried again */
	assert_true(app_enable_plan(f->app, 12, &p));
	app_enable_plan_free(&p);
}

static void
test_enable_round_counts(void **state)
{
	struct fx *f = *state;
	const struct m five[] = {
		{21, "a", RECORDER_REGISTRABLE},
		{22, "b", RECORDER_REGISTRABLE},
		{23, "c", RECORDER_REGISTRABLE},
		{24, "d", RECORDER_REGISTERED},
	};
	const char *ids[] = {"g1"};
	const char *names[] = {"First"};
	app_refresh(f->app);
	push(&f->sink, groups_result(1, ids, names));
	push(&f->sink, group_result("g1", "First", five, 4));
	app_drain(f->app, 10, NULL);
	struct store *s = app_store(f->app);
	for (int64_t id = 21; id <= 24; id++)
		store_toggle_mark(s, id);
	struct app_enable_plan p;
	assert_true(app_enable_plan(f->app, 0, &p));
	assert_int_equal(p.n, 3);
	app_enable_start(f->app, &p);
	app_enable_plan_free(&p);
	assert_int_equal(count_jobs(&f->sink, WORKER_START_RECORDER), 3);
	assert_int_equal(store_marked_count(s), 0);
	assert_non_null(strstr(f->sink.status, "enable: 0 of 3 started, 0 "
		"REGISTERED; 1 already on, 0 in progress, 0 failed (running)"));
	push(&f->sink, recorder_result(WORKER_START_RECORDER, 21,
		RECORDER_BUILDING));
	struct worker_result *bad = api_error(WORKER_START_RECORDER, "NoPermission");
	bad->account = 22;
	push(&f->sink, bad);
	/* ProcessIsRunning comes back as BUILDING from the client; an
	 * answer of REGISTERED counts as already on */
	push(&f->sink, recorder_result(WORKER_START_RECORDER, 23,
		RECORDER_REGISTERED));
	app_drain(f->app, 10, NULL);
	assert_int_equal(f->sink.level, APP_ERROR);
	assert_non_null(strstr(f->sink.status, "enable: 1 of 3 started, 0 "
		"REGISTERED; 2 already on, 0 in progress, 1 failed"));
	clock_ms += 3000;
	app_tick(f->app, clock_ms);
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 21,
		RECORDER_REGISTERED));
	app_drain(f->app, 10, NULL);
	assert_non_null(strstr(f->sink.status, "1 of 3 started, 1 REGISTERED"));
	assert_false(app_busy(f->app));
}

static void
test_enable_follow_gives_up_and_reverts(void **state)
{
	struct fx *f = *state;
	load_two_groups(f);
	struct store *s = app_store(f->app);
	struct app_enable_plan p;
	assert_true(app_enable_plan(f->app, 12, &p));
	app_enable_start(f->app, &p);
	app_enable_plan_free(&p);
	push(&f->sink, recorder_result(WORKER_START_RECORDER, 12,
		RECORDER_BUILDING));
	app_drain(f->app, 10, NULL);
	/* half an hour later still BUILDING: stop following */
	clock_ms += 31LL * 60 * 1000;
	app_tick(f->app, clock_ms);
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 12,
		RECORDER_BUILDING));
	app_drain(f->app, 10, NULL);
	assert_int_equal(store_account_find(s, 12)->op, STORE_OP_NONE);
	assert_non_null(strstr(f->sink.status, "stopped following"));
	assert_false(app_busy(f->app));
	/* still BUILDING, so not offered again until a refresh says so */
	assert_false(app_enable_plan(f->app, 12, &p));
	push(&f->sink, group_result("g1", "First", three, 3));
	app_drain(f->app, 10, NULL);
	/* a recorder that goes back to REGISTRABLE is a failure */
	assert_true(app_enable_plan(f->app, 12, &p));
	app_enable_start(f->app, &p);
	app_enable_plan_free(&p);
	push(&f->sink, recorder_result(WORKER_START_RECORDER, 12,
		RECORDER_BUILDING));
	app_drain(f->app, 10, NULL);
	clock_ms += 3000;
	app_tick(f->app, clock_ms);
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 12,
		RECORDER_REGISTRABLE));
	app_drain(f->app, 10, NULL);
	assert_int_equal(store_account_find(s, 12)->op, STORE_OP_FAILED);
	assert_non_null(strstr(f->sink.status, "went back to REGISTRABLE"));
}

/* ---- list sources ---------------------------------------------------------- */

struct src_state {
	int refreshes;
	int taken;
};

static void
src_refresh(struct app *a, void *ctx)
{
	(void)a;
	((struct src_state *)ctx)->refreshes++;
}

static bool
src_route(struct app *a, void *ctx, const struct worker_result *r)
{
	(void)a;
	if (r->kind != WORKER_GET_RECORDER || r->account != 99)
		return false;
	((struct src_state *)ctx)->taken++;
	return true;
}

static void
test_source_refreshes_and_takes_its_results(void **state)
{
	struct fx *f = *state;
	struct src_state st = {0, 0};
	struct app_source src = {.name = "test", .ctx = &st,
		.refresh = src_refresh, .route = src_route};
	app_add_source(f->app, &src);
	app_refresh(f->app);
	assert_int_equal(st.refreshes, 1);
	push(&f->sink, recorder_result(WORKER_GET_RECORDER, 99,
		RECORDER_REGISTERED));
	int before = f->sink.nstatus;
	app_drain(f->app, 10, NULL);
	assert_int_equal(st.taken, 1);
	/* not routed to the enable flow (it would have said something) */
	assert_int_equal(f->sink.nstatus, before);
	assert_int_equal(f->sink.nresults, 1);
}


/* The first sweep asks for every group at once (the client paces them);
 * later refreshes send the group on screen at once and spread the rest
 * over the interval, each a tick apart, and the title's "swept" time moves
 * only when every group has answered. */
static void
test_sweep_spread_after_the_first(void **state)
{
	struct fx *f = *state;
	const char *ids[] = {"g1", "g2", "g3", "g4", "g5"};
	const char *names[] = {"A", "B", "C", "D", "E"};
	app_refresh(f->app);
	push(&f->sink, groups_result(5, ids, names));
	app_drain(f->app, 10, NULL);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_GROUP), 5);
	assert_true(app_last_sweep(f->app) == 0);
	for (int i = 0; i < 5; i++)
		push(&f->sink, group_result(ids[i], names[i], three, 3));
	app_drain(f->app, 10, NULL);
	long long first = app_last_sweep(f->app);
	assert_true(first == clock_ms);

	/* a refresh later: the list, then the selected group only */
	clock_ms += 60000;
	app_tick(f->app, clock_ms);
	assert_int_equal(last_job(&f->sink)->kind, WORKER_LIST_GROUPS);
	size_t before = count_jobs(&f->sink, WORKER_GET_GROUP);
	push(&f->sink, groups_result(5, ids, names));
	app_drain(f->app, 10, NULL);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_GROUP), before + 1);
	assert_int_equal(last_job(&f->sink)->prio, WORKER_HIGH);
	assert_string_equal(last_job(&f->sink)->group_id, "g1");
	/* the other four: one per fifth of the interval (12 s), never more
	 * than one per tick */
	long long next = app_tick(f->app, clock_ms);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_GROUP), before + 2);
	assert_int_equal(last_job(&f->sink)->prio, WORKER_LOW);
	assert_true(next == clock_ms + 12000);
	app_tick(f->app, clock_ms + 11999);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_GROUP), before + 2);
	for (int i = 1; i <= 3; i++)
		app_tick(f->app, clock_ms + 12000LL * i);
	assert_int_equal(count_jobs(&f->sink, WORKER_GET_GROUP), before + 5);
	/* a new list answer while the sweep runs keeps its schedule */
	for (int i = 0; i < 4; i++)
		push(&f->sink, group_result(ids[i], names[i], three, 3));
	app_drain(f->app, 10, NULL);
	assert_true(app_last_sweep(f->app) == first);   /* g5 still out */
	clock_ms += 50000;
	push(&f->sink, group_result("g5", "E", three, 3));
	app_drain(f->app, 10, NULL);
	assert_true(app_last_sweep(f->app) == clock_ms);
}

/* A sweep never goes faster than 80% of the GetAggregator quota, however
 * short the interval: 500 per 60 s allows one per 150 ms. */
static void
test_sweep_within_the_quota(void **state)
{
	struct fx *f = *state;
	enum { N = 600 };
	static char idbuf[N][8];
	const char *ids[N], *names[N];
	for (int i = 0; i < N; i++) {
		snprintf(idbuf[i], sizeof(idbuf[i]), "g%03d", i);
		ids[i] = names[i] = idbuf[i];
	}
	app_refresh(f->app);
	push(&f->sink, groups_result(N, ids, names));
	app_drain(f->app, 10, NULL);
	for (int i = 0; i < N; i++)
		push(&f->sink, group_result(ids[i], names[i], three, 3));
	app_drain(f->app, 1000, NULL);
	assert_true(app_last_sweep(f->app) != 0);
	clock_ms += 60000;
	app_tick(f->app, clock_ms);
	push(&f->sink, groups_result(N, ids, names));
	app_drain(f->app, 10, NULL);
	long long t0 = clock_ms;
	long long next = app_tick(f->app, t0);
	/* 60 s / 600 groups would be 100 ms: too fast, so the floor */
	assert_true(next - t0 == 150);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sweep_spread_after_the_first,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_sweep_within_the_quota,
			setup, teardown),
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_list_answer_loads_selected_first_then_background),
		T(test_group_answer_and_error_routed),
		T(test_load_group_not_twice_in_background),
		T(test_drain_cap_leaves_rest_and_says_more),
		T(test_views_rebuilt_once_per_batch),
		T(test_refresh_due_pause_and_single_list),
		T(test_throttle_backoff_doubles_caps_and_resets),
		T(test_other_errors_do_not_back_off),
		T(test_enable_plan_selected_marked_and_already_on),
		T(test_enable_start_follow_registered),
		T(test_enable_failure_stays_on_row),
		T(test_enable_round_counts),
		T(test_enable_follow_gives_up_and_reverts),
		T(test_source_refreshes_and_takes_its_results),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
