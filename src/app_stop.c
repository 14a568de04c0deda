/* app_stop: StopConfigurationRecorder as a flow of the controller, in the
 * shape of app_enable.c. A front end asks for a plan (the marked accounts,
 * else the selected one), has the user confirm it, then app_stop_start()
 * sends one stop per account. The client audits each call before and
 * after and refuses it in read-only mode. An answer of true puts the row at
 * REGISTRABLE (the next refresh confirms it); a refusal (a member of an
 * account group gets MemberStopSLRFail, see docs/stop-recorder.md) stays
 * on the row with its Code. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_impl.h"
#include "buf.h"

static bool
write_in_flight(const struct store_account *acc)
{
	return acc->op == STORE_OP_STARTING || acc->op == STORE_OP_QUEUED ||
		acc->op == STORE_OP_STOPPING;
}

void
app_stop_plan_free(struct app_stop_plan *plan)
{
	free(plan->ids);
	memset(plan, 0, sizeof(*plan));
}

bool
app_stop_plan(struct app *a, int64_t selected, struct app_stop_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	int64_t *ids;
	size_t n = store_marked_ids(a->store, &ids);
	if (n == 0) {
		if (!selected || !store_account_find(a->store, selected)) {
			app_status(a, APP_INFO, "select a member account "
				"(Tab to the members pane), or mark several "
				"with Space");
			free(ids);
			return false;
		}
		ids[0] = selected;
		n = 1;
	}
	size_t keep = 0, busy = 0;
	for (size_t i = 0; i < n; i++) {
		struct store_account *acc = store_account_find(a->store, ids[i]);
		if (!acc)
			continue;
		if (write_in_flight(acc))
			busy++;
		else
			ids[keep++] = ids[i];
	}
	if (keep == 0) {
		app_status(a, APP_INFO, "a start or stop is already in flight "
			"for %s: nothing to stop", n == 1 ? "that account" :
			"every marked account");
		free(ids);
		return false;
	}
	plan->ids = ids;
	plan->n = keep;
	plan->busy = busy;
	return true;
}

static void
report(struct app *a)
{
	bool done = a->stop.answered >= a->stop.sent;
	app_status(a, a->stop.failed ? APP_ERROR : APP_INFO,
		"stop: %d stopped, %d failed%s", a->stop.stopped,
		a->stop.failed, done ? "" : " (running)");
}

void
app_stop_start(struct app *a, const struct app_stop_plan *plan)
{
	if (a->stop.answered >= a->stop.sent)
		memset(&a->stop, 0, sizeof(a->stop));
	a->stop.total += (int)plan->n;
	for (size_t i = 0; i < plan->n; i++) {
		store_set_account_op(a->store, plan->ids[i], STORE_OP_STOPPING);
		store_set_account_error(a->store, plan->ids[i], NULL);
		app_submit(a, WORKER_STOP_RECORDER, NULL, plan->ids[i],
			WORKER_HIGH);
		a->stop.sent++;
	}
	report(a);
	store_clear_marks(a->store);
	store_view_update(a->store, STORE_GROUPS);
}

void
app_stop_on_result(struct app *a, const struct worker_result *r)
{
	int64_t id = r->account;
	a->stop.answered++;
	if (err_failed(&r->err) || !r->recorder) {
		struct err e;
		err_clear(&e);
		if (err_failed(&r->err))
			err_copy(&e, &r->err);
		else
			err_set(&e, ERR_PROTOCOL, "no answer to the stop");
		store_set_account_op(a->store, id, STORE_OP_FAILED);
		store_set_account_error(a->store, id, &e);
		a->stop.failed++;
		if (a->stop.total == 1) {
			struct store_account *acc = store_account_find(a->store, id);
			char what[256];
			snprintf(what, sizeof(what), "stopping %s (%" PRId64 ")",
				acc && acc->name ? acc->name : "(unnamed)", id);
			app_status_err(a, what, &e);
		} else {
			report(a);
		}
		err_free(&e);
		return;
	}
	store_set_recorder(a->store, id, r->recorder);
	store_set_account_op(a->store, id, STORE_OP_NONE);
	a->stop.stopped++;
	report(a);
}

bool
app_stop_busy(const struct app *a)
{
	return a->stop.answered < a->stop.sent;
}

int
app_stop_in_flight(const struct app *a)
{
	return a->stop.sent - a->stop.answered;
}

void
app_stop_reset(struct app *a)
{
	memset(&a->stop, 0, sizeof(a->stop));
}
