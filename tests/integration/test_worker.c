/* test_worker: the worker thread (worker.h) driving the real client against
 * a real alicfg-emu child on 127.0.0.1 with 200 generated groups, for what
 * the screen cannot show reliably:
 * - a caller that takes only some of the waiting results still finds the
 *   wake-up fd readable (results are never stranded behind a bounded
 *   drain);
 * - a group asked for again (scrolling re-prioritises it, a refresh asks
 *   for every group) is fetched once, not once per ask;
 * - queued and in-flight jobs are counted apart, and no more than the
 *   concurrency are in flight. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cred.h"
#include "emu_test.h"
#include "worker.h"

#define NGROUPS 200
/* Functional bounds: the emulator answers 200 groups in well under a
 * second; these only stop a broken worker from hanging the suite. */
#define DONE_WITHIN_S 60.0

struct wfx {
	struct emu_proc emu;
	struct worker *w;
	char *ids[NGROUPS + 8];
	size_t nids;
};

static struct worker *
start_worker(struct wfx *fx, int concurrency)
{
	struct cred caller;
	memset(&caller, 0, sizeof(caller));
	caller.mode = CRED_AK;
	caller.access_key_id = strdup("demo-ak");
	caller.access_key_secret = strdup("demo-secret");
	caller.origin = strdup("test_worker");
	struct api_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = fx->emu.url;
	cfg.sts_endpoint = fx->emu.url;
	cfg.audit_path = "/dev/null";
	cfg.concurrency = concurrency;
	struct err e;
	err_clear(&e);
	struct worker *w = worker_start(&cfg, &caller, &e);
	cred_free(&caller);
	if (!w)
		print_message("# worker_start: %s\n", e.message);
	assert_non_null(w);
	fx->w = w;
	return w;
}

static int
setup_with(void **state, const char *latency)
{
	struct wfx *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	const char *args[] = {"--scenario", "scale:200:2000", "--seed", "7",
		latency ? "--latency" : NULL, latency, NULL};
	if (emu_test_start(&fx->emu, args) != 0) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
setup(void **state)
{
	return setup_with(state, NULL);
}

static int
setup_200ms(void **state)
{
	return setup_with(state, "200");
}

static int
setup_slow(void **state)
{
	return setup_with(state, "1500");
}

static int
teardown(void **state)
{
	struct wfx *fx = *state;
	worker_stop(fx->w);
	for (size_t i = 0; i < fx->nids; i++)
		free(fx->ids[i]);
	int rc = emu_test_stop(&fx->emu);
	free(fx);
	return rc;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static void
wait_idle(struct worker *w)
{
	double until = emu_test_now() + DONE_WITHIN_S;
	while (worker_pending(w) > 0 && emu_test_now() < until)
		sleep_ms(20);
	assert_int_equal(worker_pending(w), 0);
}

static bool
wake_readable(struct worker *w)
{
	struct pollfd p = {.fd = worker_wake_fd(w), .events = POLLIN};
	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* ListAggregators through the worker; keeps the group ids. */
static void
list_groups(struct wfx *fx)
{
	worker_submit(fx->w, WORKER_LIST_GROUPS, NULL, 0, WORKER_HIGH);
	wait_idle(fx->w);
	struct worker_result *r;
	while ((r = worker_take(fx->w))) {
		if (r->kind == WORKER_LIST_GROUPS) {
			assert_false(err_failed(&r->err));
			for (size_t i = 0; i < r->groups->count &&
			    fx->nids < NGROUPS; i++)
				fx->ids[fx->nids++] = strdup(
					r->groups->items[i].id);
		}
		worker_result_free(r);
	}
	assert_int_equal(fx->nids, NGROUPS);
	assert_false(wake_readable(fx->w));
}

static void
test_bounded_take_keeps_wake_fd_readable(void **state)
{
	struct wfx *fx = *state;
	start_worker(fx, 8);
	list_groups(fx);
	for (size_t i = 0; i < fx->nids; i++)
		worker_submit(fx->w, WORKER_GET_GROUP, fx->ids[i], 0,
			WORKER_LOW);
	wait_idle(fx->w);
	/* a drain that stops at 100 (as the TUI's bounded pass does) */
	for (int i = 0; i < 100; i++) {
		struct worker_result *r = worker_take(fx->w);
		assert_non_null(r);
		worker_result_free(r);
		assert_true(wake_readable(fx->w));
	}
	/* the rest is still announced, down to the last one */
	size_t got = 0;
	struct worker_result *r;
	while (wake_readable(fx->w) && (r = worker_take(fx->w))) {
		if (r->kind == WORKER_GET_GROUP)
			got++;
		worker_result_free(r);
	}
	assert_null(worker_take(fx->w));
	assert_false(wake_readable(fx->w));
	/* 200 answers and 200 log lines, 100 of them taken above */
	assert_true(got > 0);
}

static void
test_group_asked_again_is_fetched_once(void **state)
{
	struct wfx *fx = *state;
	/* answers take 200 ms, so every job is still queued or on the wire
	 * while it is asked again */
	start_worker(fx, 8);
	list_groups(fx);
	for (size_t i = 0; i < fx->nids; i++)
		worker_submit(fx->w, WORKER_GET_GROUP, fx->ids[i], 0,
			WORKER_LOW);
	/* scrolling through every group twice (the first ones are on the
	 * wire by now), and a background load asking again */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fx->nids; i++)
			worker_submit(fx->w, WORKER_GET_GROUP, fx->ids[i], 0,
				WORKER_HIGH);
	for (size_t i = 0; i < fx->nids; i++)
		worker_submit(fx->w, WORKER_GET_GROUP, fx->ids[i], 0,
			WORKER_LOW);
	wait_idle(fx->w);
	int seen[NGROUPS];
	memset(seen, 0, sizeof(seen));
	size_t calls = 0, answers = 0;
	struct worker_result *r;
	while ((r = worker_take(fx->w))) {
		if (r->kind == WORKER_LOG && !strcmp(r->log.action,
		    "GetAggregator"))
			calls++;
		if (r->kind == WORKER_GET_GROUP) {
			assert_false(err_failed(&r->err));
			answers++;
			for (size_t i = 0; i < fx->nids; i++)
				if (!strcmp(fx->ids[i], r->group_id))
					seen[i]++;
		}
		worker_result_free(r);
	}
	assert_int_equal(calls, NGROUPS);
	assert_int_equal(answers, NGROUPS);
	for (size_t i = 0; i < fx->nids; i++)
		assert_int_equal(seen[i], 1);
}

static void
test_queued_and_in_flight_counted_apart(void **state)
{
	struct wfx *fx = *state;
	start_worker(fx, 4);
	/* the emulator answers after 1.5 s: these are all pending at once */
	for (size_t i = 0; i < 30; i++) {
		char id[32];
		snprintf(id, sizeof(id), "ca-nothere%02zu", i);
		worker_submit(fx->w, WORKER_GET_GROUP, id, 0, WORKER_LOW);
	}
	int queued = 0, in_flight = 0;
	double until = emu_test_now() + DONE_WITHIN_S;
	do {
		worker_counts(fx->w, &queued, &in_flight);
		if (in_flight == 4)
			break;
		sleep_ms(5);
	} while (emu_test_now() < until);
	assert_int_equal(in_flight, 4);
	assert_int_equal(queued, 26);
	assert_int_equal(worker_pending(fx->w), 30);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_bounded_take_keeps_wake_fd_readable, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_group_asked_again_is_fetched_once, setup_200ms,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_queued_and_in_flight_counted_apart, setup_slow,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
